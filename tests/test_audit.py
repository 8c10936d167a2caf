"""The audit log: uploads, withdrawals, downloads, logins and user changes, and who sees what."""

import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest

from analytics import audit, auth, history, login_throttle
from analytics.auth import User
from analytics.errors import FileRefused, NotAllowed
from analytics.ingest import ingest_bytes
from analytics.labels import ROLE_LABEL
from analytics.storage import Database
from analytics.views import upload as view

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "indikator"
MAGELANG = (FIXTURES / "badan_adhoc_3371_2024-08-01.csv").read_bytes()
AS_OF = dt.date(2024, 8, 1)
T0 = dt.datetime(2024, 8, 1, 9, 0, 0)  # UTC
ADMIN = User("adm", "admin")
OPERATOR = User("op-magelang", "operator", "33.71")
# One PPK unit for Magelang and one for Salatiga: an admin's file covering two regencies.
TWO_REGIONS = (
    b"kode_wilayah;badan;kecamatan;kebutuhan;terisi;dilantik;perempuan\n"
    b"33.71;PPK;Magelang Utara;5;5;5;2\n33.73;PPK;Sidorejo;5;5;4;1\n"
)


@pytest.fixture
def db(tmp_path) -> Database:
    return Database(tmp_path / "siaga.duckdb")


def log(db: Database) -> list[tuple]:
    """(actor, action, outcome, kode_wilayah, target, reason) oldest first."""
    frame = audit.entries(db).iloc[::-1]
    return list(
        frame[["actor", "action", "outcome", "kode_wilayah", "target", "reason"]]
        .astype(object)
        .where(
            frame[["actor", "action", "outcome", "kode_wilayah", "target", "reason"]].notna(), None
        )
        .itertuples(index=False, name=None)
    )


def test_every_upload_outcome_is_audited_with_its_reason(db):
    ok = ingest_bytes(db, "badan_adhoc", MAGELANG, AS_OF, OPERATOR, "magelang.csv")
    ingest_bytes(db, "badan_adhoc", MAGELANG, AS_OF, OPERATOR, "lagi.csv")  # identical bytes
    bad = MAGELANG.replace(b";5;8;4;4;2;0", b";5;8;6;4;2;0")  # terisi 6 > kebutuhan 5
    assert not ingest_bytes(db, "badan_adhoc", bad, AS_OF, OPERATOR).accepted
    with pytest.raises(FileRefused):
        ingest_bytes(db, "badan_adhoc", b"", AS_OF, OPERATOR, "kosong.csv")
    with pytest.raises(NotAllowed):
        ingest_bytes(db, "badan_adhoc", TWO_REGIONS, AS_OF, OPERATOR)
    assert log(db) == [
        ("op-magelang", "unggah", "diterima", "33.71", "versi 1", None),
        ("op-magelang", "unggah", "duplikat", "33.71", "versi 1", None),
        ("op-magelang", "unggah", "ditolak", "33.71", "33.71",
         "Berkas ditolak: 1 kesalahan, 1 peringatan. Perbaiki lalu unggah lagi."),
        ("op-magelang", "unggah", "ditolak", "33.71", "33.71",
         "Berkas kosong. Unggah berkas CSV atau Excel (.xlsx) yang berisi tabel data."),
        ("op-magelang", "unggah", "ditolak", "33.71", "33.71",
         "Berkas ditolak seluruhnya: berisi baris kabupaten/kota lain (33.73). Akun "
         "op-magelang hanya boleh mengunggah data 33.71 Kota Magelang. Hapus baris "
         "kabupaten/kota lain, lalu unggah lagi."),
    ]  # fmt: skip
    first = audit.entries(db).iloc[-1]
    assert first.upload_id == ok.stored.upload_id
    assert first.sha256 == hashlib.sha256(MAGELANG).hexdigest()
    assert (first.file_name, first.actor_role, first.dataset) == (
        "magelang.csv",
        "operator",
        "badan_adhoc",
    )


def test_trusted_internal_callers_are_not_audited(db):
    ingest_bytes(db, "badan_adhoc", MAGELANG, AS_OF, "demo")
    assert audit.entries(db).empty


def test_withdrawal_needs_an_admin_and_a_reason_and_is_audited(db):
    stored = ingest_bytes(db, "badan_adhoc", MAGELANG, AS_OF, OPERATOR).stored
    version = stored.version_ids[0]
    with pytest.raises(NotAllowed, match="Hanya admin provinsi yang dapat menarik versi"):
        history.withdraw(db, OPERATOR, version, "salah")
    with pytest.raises(NotAllowed, match="alasan penarikan"):
        history.withdraw(db, ADMIN, version, "   ")
    history.withdraw(db, ADMIN, version, "tanggal data salah")
    assert db.history().iloc[0].withdrawn_reason == "tanggal data salah"
    assert log(db)[1:] == [
        ("op-magelang", "tarik", "ditolak", "33.71", f"versi {version}",
         "Hanya admin provinsi yang dapat menarik versi; akun op-magelang berperan operator."),
        ("adm", "tarik", "ditolak", "33.71", f"versi {version}",
         "Tulis alasan penarikan terlebih dahulu (wajib diisi)."),
        ("adm", "tarik", "berhasil", "33.71", f"versi {version}", "tanggal data salah"),
    ]  # fmt: skip


def test_logins_and_user_changes_are_audited_without_secrets(db):
    auth.add_user(db, "budi", "operator", "rahasia-budi-1", region="33.71")
    auth.set_password(db, "budi", "rahasia-budi-2")
    auth.login(db, "budi", "rahasia-budi-1")
    auth.login(db, "siapa", "apa-saja")
    unknown = auth.unknown_name_label("siapa")
    assert [row[:3] for row in log(db)] == [
        ("admin-server", "pengguna_tambah", "berhasil"),
        ("admin-server", "pengguna_sandi", "berhasil"),
        ("budi", "masuk", "gagal"),
        (unknown, "masuk", "gagal"),
    ]
    text = audit.entries(db).to_string()
    assert "rahasia" not in text and "argon2" not in text and "siapa" not in text


def test_finding_12_a_password_typed_as_the_name_is_never_stored(db):
    """Review finding 12: what was typed into the name field was stored in
    audit_log.actor, so a password typed into the wrong field ended up in the log."""
    auth.add_user(db, "budi", "operator", "rahasia-budi-1", region="33.71")
    auth.login(db, "rahasia-budi-1", "budi", client="192.0.2.4")  # the fields swapped
    auth.login(db, "rahasia-budi-1", "budi", now=T0 + dt.timedelta(hours=1), client="192.0.2.5")
    auth.login(db, "lain-lagi", "x", client="192.0.2.4")
    rows = audit.entries(db).iloc[::-1]
    logins = rows[rows["action"] == "masuk"]
    assert "rahasia" not in rows.to_string()
    actors = logins["actor"].tolist()
    assert all(re.fullmatch(r"tidak dikenal \(#[0-9a-f]{6}\)", actor) for actor in actors)
    assert actors[0] == actors[1] != actors[2]  # the same typed text, the same label
    assert logins[["target", "reason"]].values.tolist() == [
        ["dari 192.0.2.4", "pengguna tidak dikenal"],
        ["dari 192.0.2.5", "pengguna tidak dikenal"],
        ["dari 192.0.2.4", "pengguna tidak dikenal"],
    ]


def test_finding_4_failed_logins_are_audited_once_per_address_and_name_per_window(db, monkeypatch):
    """Review finding 4 (second half): every failed try added an audit row."""
    monkeypatch.setattr(login_throttle, "SWEEP_SECONDS", 0.0)
    auth.add_user(db, "budi", "operator", "rahasia-budi-1", region="33.71")
    for second in range(0, 600, 40):  # 15 wrong passwords, each after its back-off
        auth.login(db, "budi", "salah", now=T0 + dt.timedelta(seconds=second), client="192.0.2.4")
    for _ in range(3):  # tries the back-off refuses unchecked
        auth.login(db, "budi", "salah", now=T0 + dt.timedelta(seconds=561), client="192.0.2.4")
    auth.login(db, "budi", "salah", now=T0 + dt.timedelta(seconds=10), client="192.0.2.9")
    assert [row[:3] + row[4:] for row in log(db)[1:]] == [
        ("budi", "masuk", "gagal", "dari 192.0.2.4", "kata sandi salah"),
        ("budi", "masuk", "gagal", "dari 192.0.2.9", "kata sandi salah"),
    ]
    # The window closes: the next try (any name) writes the count of what it held.
    auth.login(db, "siapa", "x", now=T0 + dt.timedelta(minutes=16), client="192.0.2.7")
    assert [row[:3] + row[4:] for row in log(db)[3:]] == [
        ("budi", "masuk", "gagal", "dari 192.0.2.4",
         "lagi 14 kali gagal dan 3 kali ditolak karena jeda sejak 16.00 WIB"),
        (auth.unknown_name_label("siapa"), "masuk", "gagal", "dari 192.0.2.7",
         "pengguna tidak dikenal"),
    ]  # fmt: skip


def test_operator_sees_only_own_regency_uploads_viewer_no_audit(db):
    ingest_bytes(db, "badan_adhoc", MAGELANG, AS_OF, OPERATOR)
    ingest_bytes(db, "badan_adhoc", TWO_REGIONS, dt.date(2024, 8, 2), ADMIN)
    salatiga = TWO_REGIONS.split(b"\n")[0] + b"\n" + TWO_REGIONS.split(b"\n")[2] + b"\n"
    ingest_bytes(db, "badan_adhoc", salatiga, dt.date(2024, 8, 3), ADMIN)
    auth.login(db, "op-magelang", "x")
    seen = history.audit_for(db, OPERATOR)
    # The two-regency file is shown; the Salatiga-only file and the login are not.
    assert list(seen["target"]) == ["versi 2, 3", "versi 1"]
    assert list(history.versions_for(db, OPERATOR)["kode_wilayah"]) == ["33.71", "33.71"]
    assert history.audit_for(db, User("v", "viewer")).empty
    assert len(history.audit_for(db, ADMIN)) == 4


def test_original_download_scope(db):
    own = ingest_bytes(db, "badan_adhoc", MAGELANG, AS_OF, OPERATOR, "../../etc/passwd").stored
    shared_file = ingest_bytes(db, "badan_adhoc", TWO_REGIONS, dt.date(2024, 8, 2), ADMIN).stored
    data, name = history.original_file(db, OPERATOR, own.version_ids[0])
    assert data == MAGELANG
    assert name == "siaga_v1_badan_adhoc_3371.csv"  # never the uploader's file name
    with pytest.raises(NotAllowed, match="tidak berhak mengunduh"):
        history.original_file(db, OPERATOR, shared_file.version_ids[0])
    with pytest.raises(NotAllowed):
        history.original_file(db, User("op-salatiga", "operator", "33.73"), own.version_ids[0])
    assert history.original_file(db, ADMIN, shared_file.version_ids[1])[0] == TWO_REGIONS
    versions = history.versions_for(db, OPERATOR).set_index("version_id")["can_download"]
    assert versions.to_dict() == {own.version_ids[0]: True, shared_file.version_ids[0]: False}
    history.record_download(db, OPERATOR, own.version_ids[0])
    assert log(db)[-1][:3] == ("op-magelang", "unduh", "berhasil")


def test_audit_table_reads_roles_in_indonesian_and_times_in_wib(db):
    """The log keeps the English role keys and UTC; people read peninjau and WIB."""
    auth.add_user(db, "komisioner", "viewer", "rahasia-komisioner")
    auth.login(db, "komisioner", "rahasia-komisioner")
    with db.writer() as con:  # stored UTC times, fixed for the test
        con.execute("UPDATE audit_log SET recorded_at = TIMESTAMP '2024-08-15 07:05:00'")
    stored = audit.entries(db)
    assert stored["actor_role"].tolist() == ["viewer", "admin"]
    assert stored["reason"].iloc[1] == "peran viewer"
    table = view.audit_table(history.audit_for(db, ADMIN))
    assert table[["Waktu", "Pengguna", "Peran", "Tindakan", "Sasaran", "Alasan"]].values.tolist() == [
        ["15 Agustus 2024 14.05 WIB", "komisioner", "peninjau", "Masuk", "", ""],
        ["15 Agustus 2024 14.05 WIB", "admin-server", "admin provinsi", "Tambah pengguna",
         "komisioner", "peran peninjau"],
    ]  # fmt: skip


def test_version_times_read_in_wib(db):
    version = ingest_bytes(db, "badan_adhoc", MAGELANG, AS_OF, OPERATOR).stored.version_ids[0]
    history.withdraw(db, ADMIN, version, "salah tanggal")
    with db.writer() as con:  # 17.30 UTC is already the next day in WIB
        con.execute("UPDATE uploads SET uploaded_at = TIMESTAMP '2024-08-01 17:30:00'")
        con.execute("UPDATE versions SET withdrawn_at = TIMESTAMP '2024-08-02 01:00:00'")
    table = view.versions_table(history.versions_for(db, ADMIN))
    assert table[["Waktu unggah", "Status"]].values.tolist() == [
        ["2 Agustus 2024 00.30 WIB", "✕ ditarik 2 Agustus 2024 08.00 WIB oleh adm: salah tanggal"]
    ]


def test_reason_text_and_one_role_wording():
    assert [audit.reason_text(r) for r in ("peran admin", "peran operator", "peran viewer")] == [
        "peran admin provinsi",
        "peran operator",
        "peran peninjau",
    ]
    assert audit.reason_text("peran raja") == "peran raja"
    assert audit.reason_text("kata sandi salah (2x)") == "kata sandi salah (2x)"
    assert audit.reason_text(None) is None
    assert auth.ROLE_LABEL == ROLE_LABEL  # until auth.py takes it from analytics.labels
