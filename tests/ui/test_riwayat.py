"""AppTest of Riwayat: scope per role, downloads of originals, withdrawal with a reason."""

import datetime as dt

import pytest

from analytics import audit, auth
from analytics.ingest import ingest_bytes
from analytics.storage import Database
from tests.ui.support import app, fixture_db, texts

PASSWORD = "sandi-riwayat-1"
SALATIGA = b"kode_wilayah;badan;kecamatan;kebutuhan;terisi;dilantik;perempuan\n33.73;PPK;Sidorejo;5;5;4;1\n"


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "siaga.duckdb"
    db = fixture_db(path)  # versions 1-4: Kota Magelang (33.71), uploaded by "uji"
    auth.add_user(db, "adm", "admin", PASSWORD)
    auth.add_user(db, "op-magelang", "operator", PASSWORD, region="33.71")
    auth.add_user(db, "peninjau", "viewer", PASSWORD)
    admin = auth.User("adm", "admin")
    assert ingest_bytes(db, "badan_adhoc", SALATIGA, dt.date(2024, 8, 16), admin, "s.csv").accepted
    return path


def login(at, name):
    at.text_input[0].input(name)
    at.text_input[1].input(PASSWORD)
    next(b for b in at.button if b.label == "Masuk").click().run()
    assert not at.exception
    return at


def versions_shown(at):
    return at.dataframe[0].value["Versi"].tolist()


def test_history_needs_login(db_path):
    at = app(db_path, page="riwayat")
    assert "Masuk terlebih dahulu untuk melihat riwayat unggahan." in texts(at)
    assert not at.dataframe


def test_operator_sees_own_regency_only_and_downloads_its_originals(db_path):
    operator = auth.User("op-magelang", "operator", "33.71")
    with pytest.raises(auth.NotAllowed):
        ingest_bytes(Database(db_path), "badan_adhoc", SALATIGA, dt.date(2024, 8, 17), operator)
    at = login(app(db_path, page="riwayat"), "op-magelang")
    assert "Riwayat 33.71 Kota Magelang (kabupaten/kota Anda)." in texts(at)
    assert versions_shown(at) == [4, 3, 2, 1]  # not Salatiga's version 5
    audit_log = at.dataframe[1].value  # its refused upload; not the admin's Salatiga file
    assert audit_log[["Pengguna", "Tindakan", "Hasil", "Kode"]].values.tolist() == [
        ["op-magelang", "Unggah", "✕ ditolak", "33.71"]
    ]
    assert [b.label for b in at.download_button] == ["Unduh berkas asli"]
    assert not [b for b in at.button if b.label == "Tarik versi"]
    at.download_button[0].click().run()
    entry = audit.entries(Database(db_path)).iloc[0]
    assert (entry.actor, entry.action, entry.outcome, entry.target) == (
        "op-magelang",
        "unduh",
        "berhasil",
        "versi 4",
    )


def test_viewer_reads_versions_without_audit_download_or_withdrawal(db_path):
    at = login(app(db_path, page="riwayat"), "peninjau")
    assert versions_shown(at) == [5, 4, 3, 2, 1]
    assert len(at.tabs) == 1 and len(at.dataframe) == 1
    assert not at.download_button
    assert not [b for b in at.button if b.label == "Tarik versi"]


def test_admin_withdraws_with_reason_and_previous_numbers_return(db_path):
    at = login(app(db_path, page="riwayat"), "adm")
    assert versions_shown(at) == [5, 4, 3, 2, 1]
    withdraw = next(b for b in at.button if b.label == "Tarik versi")
    withdraw.click().run()  # no reason
    assert [e.value for e in at.error] == ["Tulis alasan penarikan terlebih dahulu (wajib diisi)."]
    assert Database(db_path).history().withdrawn_at.isna().all()
    next(s for s in at.selectbox if s.label == "Versi yang ditarik").set_value(2)
    at.text_area[0].input("tanggal data keliru")
    next(b for b in at.button if b.label == "Tarik versi").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [
        "Versi 2 ditarik. Dasbor kembali memakai versi sebelumnya."
    ]
    table = at.dataframe[0].value.set_index("Versi")
    assert (
        table.loc[2, "Status"].startswith("✕ ditarik")
        and "tanggal data keliru" in (table.loc[2, "Status"])
    )
    entry = audit.entries(Database(db_path)).iloc[0]
    assert (entry.actor, entry.action, entry.outcome, entry.reason) == (
        "adm",
        "tarik",
        "berhasil",
        "tanggal data keliru",
    )
    # The overview on 20 August falls back to the 1 August version: PPK 14/15 sworn in.
    board = app(db_path, query={"tanggal": "2024-08-20"})
    table = next(f.value for f in board.dataframe if "PPK dilantik" in f.value.columns)
    value = table[table["Kode"] == "33.71"].iloc[0]["PPK dilantik"]
    assert round(float(str(value).replace("%", "").replace(",", ".")), 1) == 93.3


def test_dataset_and_status_filters(db_path):
    at = login(app(db_path, page="riwayat"), "adm")
    at.selectbox(key="rwy_dataset").set_value("bimtek").run()
    assert versions_shown(at) == [3]
    at.selectbox(key="rwy_dataset").set_value("").run()
    at.segmented_control(key="rwy_status").set_value("ditarik").run()
    assert "Belum ada unggahan yang sesuai saringan ini." in texts(at)


def test_roles_read_in_indonesian_and_times_in_wib(db_path):
    with Database(db_path).writer() as con:  # stored in UTC; 17.30 UTC is the next day in WIB
        con.execute("UPDATE uploads SET uploaded_at = TIMESTAMP '2024-08-16 17:30:00'")
        con.execute("UPDATE audit_log SET recorded_at = TIMESTAMP '2024-08-16 02:05:00'")
    at = login(app(db_path, page="riwayat"), "adm")
    versions = at.dataframe[0].value
    assert set(versions["Waktu unggah"]) == {"17 Agustus 2024 00.30 WIB"}
    audit_log = at.dataframe[1].value
    added = audit_log[audit_log["Tindakan"] == "Tambah pengguna"]
    assert added[["Waktu", "Pengguna", "Peran", "Sasaran", "Alasan"]].values.tolist() == [
        ["16 Agustus 2024 09.05 WIB", "admin-server", "admin provinsi", "peninjau",
         "peran peninjau"],
        ["16 Agustus 2024 09.05 WIB", "admin-server", "admin provinsi", "op-magelang",
         "peran operator"],
        ["16 Agustus 2024 09.05 WIB", "admin-server", "admin provinsi", "adm",
         "peran admin provinsi"],
    ]  # fmt: skip
    assert "viewer" not in audit_log.to_string()
    logins = audit_log[audit_log["Tindakan"] == "Masuk"]
    assert logins[["Pengguna", "Peran"]].values.tolist()[0] == ["adm", "admin provinsi"]
