"""Accounts, login back-off and lock, scope rules, and scope enforced in ingest_bytes."""

import datetime as dt
from pathlib import Path

import pytest

from analytics import auth, settings
from analytics.auth import AuthError, NotAllowed, User
from analytics.errors import FileRefused
from analytics.ingest import ingest_bytes
from analytics.storage import Database

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "indikator"
MAGELANG = (FIXTURES / "badan_adhoc_3371_2024-08-01.csv").read_bytes()
AS_OF = dt.date(2024, 8, 1)
T0 = dt.datetime(2024, 8, 1, 9, 0, 0)
PASSWORD = "benar-sekali-123"


@pytest.fixture
def db(tmp_path) -> Database:
    return Database(tmp_path / "siaga.duckdb")


def stored_hash(db: Database, name: str) -> str:
    with db.reader() as con:
        return con.execute("SELECT password_hash FROM users WHERE username = ?", [name]).fetchone()[
            0
        ]


def test_add_user_keeps_only_a_salted_argon2id_hash(db):
    user = auth.add_user(db, "op-cilacap", "operator", PASSWORD, region="3301")
    assert user == User("op-cilacap", "operator", "33.01")  # 3301 stored as 33.01
    first = stored_hash(db, "op-cilacap")
    assert first.startswith("$argon2id$") and PASSWORD not in first
    auth.add_user(db, "op-cilacap-2", "operator", PASSWORD, region="33.01")
    assert stored_hash(db, "op-cilacap-2") != first  # same password, different salt
    assert auth.get_user(db, "op-cilacap") == user
    assert list(auth.list_users(db)["username"]) == ["op-cilacap", "op-cilacap-2"]
    assert "password_hash" not in auth.list_users(db).columns


@pytest.mark.parametrize(
    "name, role, region, password, message",
    [
        ("Budi Santoso", "admin", None, PASSWORD, "Nama pengguna Budi Santoso tidak valid"),
        ("budi", "superuser", None, PASSWORD, "Peran superuser tidak dikenal"),
        ("budi", "operator", None, PASSWORD, "Operator wajib terikat pada satu kabupaten/kota"),
        ("budi", "viewer", "33.01", PASSWORD, "hapus --region untuk peran viewer"),
        ("budi", "operator", "33.99", PASSWORD, "Kode kabupaten/kota 33.99 tidak dikenal"),
        ("budi", "admin", None, "pendek", "Kata sandi terlalu pendek: minimal 10 karakter."),
    ],
)
def test_add_user_refusals_say_what_to_fix(db, name, role, region, password, message):
    with pytest.raises(AuthError, match=message):
        auth.add_user(db, name, role, password, region)


def test_duplicate_user_refused(db):
    auth.add_user(db, "budi", "admin", PASSWORD)
    with pytest.raises(AuthError, match="Pengguna budi sudah ada"):
        auth.add_user(db, "budi", "viewer", PASSWORD)


def test_login_success_and_generic_failure(db):
    auth.add_user(db, "budi", "viewer", PASSWORD)
    assert auth.login(db, "budi", PASSWORD, now=T0) == auth.LoginResult(User("budi", "viewer"), "")
    wrong = auth.login(db, "budi", "salah", now=T0)
    unknown = auth.login(db, "siapa", "salah", now=T0)
    assert wrong.user is None and unknown.user is None
    # The same words whether or not the name exists.
    assert (
        wrong.message
        == unknown.message
        == (
            "Nama pengguna atau kata sandi salah. Setelah 5 kali salah berturut-turut, akun "
            "dikunci 15 menit."
        )
    )


def test_back_off_doubles_and_refuses_even_the_right_password(db):
    auth.add_user(db, "budi", "viewer", PASSWORD)
    auth.login(db, "budi", "salah", now=T0)
    auth.login(db, "budi", "salah", now=T0 + dt.timedelta(seconds=1))  # 2nd failure
    early = auth.login(db, "budi", PASSWORD, now=T0 + dt.timedelta(seconds=2))
    assert early.user is None
    assert early.message == "Kata sandi baru saja salah. Tunggu 1 detik sebelum mencoba lagi."
    later = auth.login(db, "budi", PASSWORD, now=T0 + dt.timedelta(seconds=3))
    assert later.user == User("budi", "viewer")  # back-off 2 s after the 2nd failure


def test_lock_after_five_failures_survives_a_restart_and_expires(db):
    auth.add_user(db, "budi", "admin", PASSWORD)
    now = T0
    for _ in range(4):
        assert "salah" in auth.login(db, "budi", "salah", now=now).message
        now += dt.timedelta(seconds=60)
    fifth = auth.login(db, "budi", "salah", now=now)
    assert fifth.message == (
        "Akun budi dikunci karena 5 kali kata sandi salah berturut-turut. Coba lagi setelah "
        "pukul 16.19 WIB (15 menit lagi), atau minta admin provinsi mengganti kata sandi Anda."
    )
    restarted = Database(db.path)  # the lock lives in the database, not in the process
    locked = auth.login(restarted, "budi", PASSWORD, now=now + dt.timedelta(minutes=14))
    assert locked.user is None and "dikunci" in locked.message
    assert "(1 menit lagi)" in locked.message
    after = auth.login(restarted, "budi", PASSWORD, now=now + dt.timedelta(minutes=15))
    assert after.user == User("budi", "admin")


def test_new_password_lifts_the_lock(db):
    auth.add_user(db, "budi", "admin", PASSWORD)
    for i in range(5):
        auth.login(db, "budi", "salah", now=T0 + dt.timedelta(minutes=i))
    auth.set_password(db, "budi", "kata-sandi-baru-1")
    assert auth.login(db, "budi", "kata-sandi-baru-1", now=T0 + dt.timedelta(minutes=5)).user
    with pytest.raises(AuthError, match="Pengguna siapa tidak terdaftar."):
        auth.set_password(db, "siapa", "kata-sandi-baru-1")


def test_scope_rules():
    admin, operator, viewer = (
        User("a", "admin"),
        User("o", "operator", "33.01"),
        User("v", "viewer"),
    )
    assert [auth.can_upload(u) for u in (admin, operator, viewer, None)] == [
        True,
        True,
        False,
        False,
    ]
    assert [auth.can_withdraw(u) for u in (admin, operator, viewer)] == [True, False, False]
    assert auth.can_download(admin, ["33.01", "33.02"])
    assert auth.can_download(operator, ["33.01"])
    assert not auth.can_download(operator, ["33.01", "33.02"])  # an admin's multi-regency file
    assert not auth.can_download(operator, ["33.02"]) and not auth.can_download(viewer, ["33.01"])
    auth.authorize_upload(admin, ["33.01", "33.71"])
    auth.authorize_upload(operator, ["33.01"])
    with pytest.raises(NotAllowed) as refused:
        auth.authorize_upload(operator, ["33.01", "33.02", "33.71"])
    assert str(refused.value) == (
        "Berkas ditolak seluruhnya: berisi baris kabupaten/kota lain (33.02, 33.71). Akun o "
        "hanya boleh mengunggah data 33.01 Kabupaten Cilacap. Hapus baris kabupaten/kota "
        "lain, lalu unggah lagi."
    )
    with pytest.raises(NotAllowed, match="berperan peninjau"):
        auth.authorize_upload(viewer, [])


def test_ingest_enforces_scope_for_a_person(db):
    other = User("op-cilacap", "operator", "33.01")
    with pytest.raises(NotAllowed, match="berisi baris kabupaten/kota lain \\(33.71\\)"):
        ingest_bytes(db, "badan_adhoc", MAGELANG, AS_OF, other, "magelang.csv")
    with pytest.raises(NotAllowed, match="peninjau"):
        ingest_bytes(db, "badan_adhoc", b"\x89PNG not even read", AS_OF, User("v", "viewer"))
    assert db.history().empty
    own = ingest_bytes(db, "badan_adhoc", MAGELANG, AS_OF, User("op-magelang", "operator", "33.71"))
    assert own.accepted and db.history().iloc[0].uploaded_by == "op-magelang"
    with pytest.raises(FileRefused):
        ingest_bytes(db, "badan_adhoc", b"", AS_OF, User("a", "admin"))


def test_demo_accounts_only_on_a_demo_database(db):
    ingest_bytes(db, "badan_adhoc", MAGELANG, AS_OF, "real")
    with pytest.raises(AuthError, match="bukan basis data demo"):
        auth.create_demo_users(db)
    assert auth.list_users(db).empty


def test_every_setting_is_documented_in_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    names = settings.setting_names(settings.SETTINGS_PATH)
    assert len(names) == 7
    for name in names:
        assert f"`{name}`" in readme, name
    assert "data/pengaturan.toml" in readme


def test_settings_file_values():
    loaded = settings.load_settings(settings.SETTINGS_PATH)
    assert loaded.read_without_login is True
    assert (loaded.max_failures, loaded.lock_minutes) == (5, 15)
    assert [loaded.backoff_seconds(n) for n in (0, 1, 2, 3, 6, 7)] == [0, 1, 2, 4, 30, 30]


def test_demo_accounts_log_in_and_the_operator_uploads_to_the_demo(tmp_path):
    from analytics.demo_store import build_demo
    from analytics.reference import regions

    cilacap = regions()[regions()["kode_wilayah"] == "33.01"]
    demo = Database(tmp_path / "demo.duckdb")
    build_demo(demo.path, regions=cilacap)
    assert [u.name for u in auth.create_demo_users(demo)] == [
        "admin-demo", "operator-cilacap", "peninjau-demo",
    ]  # fmt: skip
    assert auth.create_demo_users(demo) == []  # idempotent
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, role, region, password in auth.DEMO_ACCOUNTS:
        assert f"| `{name}` |" in readme and f"`{password}` |" in readme
        assert auth.login(demo, name, password).user == User(name, role, region)
    before = demo.data_version()
    one_unit = (
        b"kode_wilayah;badan;kecamatan;kebutuhan;terisi;dilantik;perempuan\n3301;PPK;X;5;5;5;2\n"
    )
    operator = User("operator-cilacap", "operator", "33.01")
    assert ingest_bytes(demo, "badan_adhoc", one_unit, dt.date(2024, 12, 2), operator).accepted
    assert demo.data_version() != before


def test_database_from_before_accounts_gets_them_on_first_use(db):
    import duckdb

    db.initialise()
    con = duckdb.connect(str(db.path))
    con.execute("DROP TABLE users; DROP TABLE audit_log; DROP SEQUENCE audit_id_seq")
    con.execute("DELETE FROM schema_migrations WHERE version = 2")
    con.close()
    restarted = Database(db.path)  # the app or CLI started on an older database
    assert auth.list_users(restarted).empty  # migration 002 applied on the way
    assert auth.get_user(restarted, "siapa") is None
