"""AppTest of Riwayat: scope per role, downloads of originals, withdrawal with a reason."""

import datetime as dt

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.media_file_storage import MediaFileStorageError

from analytics import audit, auth
from analytics.ingest import ingest_bytes
from analytics.storage import Database
from tests.ui.support import FIXTURES, app, fixture_db, texts
from ui.shared import plain

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


def download(at, generators):
    """Press the page's download button as the browser does: run its generator."""
    (button,) = at.download_button
    return generators[button.proto.deferred_file_id]()


def versions_shown(at):
    return at.dataframe[0].value["Versi"].tolist()


def test_history_needs_login(db_path):
    at = app(db_path, page="riwayat")
    assert "Masuk terlebih dahulu untuk melihat riwayat unggahan." in texts(at)
    assert not at.dataframe


def test_operator_sees_own_regency_only_and_downloads_its_originals(db_path, generators):
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
    original = FIXTURES / "persiapan_pencalonan_3371_2024-08-20.csv"  # version 4
    assert download(at, generators) == original.read_bytes()
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
    # Shown as typed: the message goes through the one Markdown escape (ui.shared.plain).
    assert [e.value for e in at.error] == [
        plain("Tulis alasan penarikan terlebih dahulu (wajib diisi).")
    ]
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


def downloads(db_path):
    log = audit.entries(Database(db_path))
    return log[log["action"] == "unduh"][["actor", "outcome", "target"]].values.tolist()


def test_original_reaches_the_browser_only_when_pressed_and_each_copy_is_audited(
    db_path, generators
):
    """Issue 11 #5: drawing the page put the file in Streamlit's media store (an address
    anyone could fetch, unaudited); now only a generator is registered."""
    at = login(app(db_path, page="riwayat"), "adm")
    at.selectbox(key="rwy_download_version").set_value(5).run()
    (button,) = at.download_button
    assert button.proto.url == ""  # no /media/<hash> address drawn with the page
    assert button.proto.deferred_file_id in generators
    assert button.proto.ignore_rerun
    assert downloads(db_path) == []  # drawing is not downloading
    assert download(at, generators) == SALATIGA
    assert download(at, generators) == SALATIGA
    assert downloads(db_path) == [["adm", "berhasil", "versi 5"]] * 2


def test_download_refused_when_the_account_went_away_after_drawing(db_path, generators):
    at = login(app(db_path, page="riwayat"), "op-magelang")
    with Database(db_path).writer() as con:
        con.execute("UPDATE users SET is_active = false WHERE username = 'op-magelang'")
    with pytest.raises(auth.NotAllowed, match="Akun op-magelang tidak aktif lagi"):
        download(at, generators)
    assert downloads(db_path) == [["op-magelang", "ditolak", "versi 4"]]


def test_logging_out_leaves_no_download_behind(db_path, generators):
    at = login(app(db_path, page="riwayat"), "adm")
    assert at.download_button
    generators.clear()
    # What Keluar does to the session (AppTest keeps the sidebar only on the first run).
    del at.session_state["auth_user"]
    at.run()
    assert "Masuk terlebih dahulu untuk melihat riwayat unggahan." in texts(at)
    assert not at.download_button and generators == {}


def test_served_copies_leave_the_media_store(monkeypatch):
    """What forget_served_files relies on in Streamlit's media file manager: a generated
    download is unreferenced, so two collections remove it; a drawn file stays."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    from ui import media as media_ui

    storage = MemoryMediaFileStorage("/media")
    media = MediaFileManager(storage)

    class Runtime:
        media_file_mgr = media

    monkeypatch.setattr(media_ui.runtime, "exists", lambda: True)
    monkeypatch.setattr(media_ui.runtime, "get_instance", lambda: Runtime)
    drawn = media.add(b"drawn", "text/plain", "coords-1", is_for_static_download=True)
    served = media.execute_deferred(media.add_deferred(lambda: b"asli", None, "coords-2"))
    assert storage.get_file(served.rsplit("/", 1)[1]).content == b"asli"
    media_ui.forget_served_files()
    with pytest.raises(MediaFileStorageError):
        storage.get_file(served.rsplit("/", 1)[1])
    assert storage.get_file(drawn.rsplit("/", 1)[1]).content == b"drawn"
