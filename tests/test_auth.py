"""Accounts, login back-off and lock, scope rules, and scope enforced in ingest_bytes."""

import contextlib
import datetime as dt
import re
from pathlib import Path

import pytest
from argon2 import PasswordHasher

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
    assert wrong.message == unknown.message == "Nama pengguna atau kata sandi salah."


WAIT = (
    "Terlalu banyak kata sandi salah untuk nama ini dari alamat Anda. Tunggu {} detik "
    "sebelum mencoba lagi."
)
FAILED = "Nama pengguna atau kata sandi salah."


class CountingHasher(PasswordHasher):
    """The cheap test hasher, counting its verifications."""

    def __init__(self):
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.verified = 0

    def verify(self, hash, password):
        self.verified += 1
        return super().verify(hash, password)


def test_finding_3_known_and_unknown_names_answer_alike_and_run_the_same_check(db, monkeypatch):
    """Review finding 3: a real account answered a second wrong password with 'Tunggu 1
    detik' and could be locked, an unknown name never; real accounts were refused
    without a password check. Now every try is answered and timed the same."""
    auth.add_user(db, "budi", "viewer", PASSWORD)
    hasher = CountingHasher()
    monkeypatch.setattr(auth, "_hasher", hasher)
    answers = {}
    for name in ("budi", "siapa"):
        answers[name] = []
        for second in (0, 0, 1, 1, 3, 3, 7, 7, 15, 60):
            now = T0 + dt.timedelta(seconds=second)
            answers[name].append(auth.login(db, name, "salah", now=now).message)
    assert answers["budi"] == answers["siapa"]
    assert answers["budi"][:8] == [FAILED, WAIT.format(1), FAILED, WAIT.format(2), FAILED,
                                   WAIT.format(4), FAILED, WAIT.format(8)]  # fmt: skip
    assert not any("dikunci" in text for text in answers["budi"])
    # Checked tries cost one verification each, known name or not.
    before = hasher.verified
    auth.login(db, "budi", "salah", now=T0 + dt.timedelta(hours=1), client="192.0.2.1")
    auth.login(db, "siapa", "salah", now=T0 + dt.timedelta(hours=1), client="192.0.2.1")
    assert hasher.verified == before + 2


def test_finding_3_a_stranger_cannot_lock_an_operator_out(db):
    """Review finding 3: five wrong tries locked any named account for 15 minutes."""
    auth.add_user(db, "budi", "operator", PASSWORD, region="33.71")
    now = T0
    for _ in range(20):  # the stranger waits out every back-off, as patiently as needed
        now += dt.timedelta(seconds=31)
        assert auth.login(db, "budi", "salah", now=now, client="203.0.113.9").message == FAILED
    now += dt.timedelta(seconds=1)
    # The operator, from the office, gets in at once with the right password ...
    office = auth.login(db, "budi", PASSWORD, now=now, client="198.51.100.7")
    assert office.user == User("budi", "operator", "33.71")
    # ... and the stranger's own address is slowed down, not the account.
    stranger = auth.login(db, "budi", PASSWORD, now=now, client="203.0.113.9")
    assert stranger.user is None and stranger.message == WAIT.format(29)


def test_back_off_is_per_address_and_name_and_doubles(db):
    auth.add_user(db, "budi", "viewer", PASSWORD)
    at = "203.0.113.9"
    auth.login(db, "budi", "salah", now=T0, client=at)
    auth.login(db, "budi", "salah", now=T0 + dt.timedelta(seconds=1), client=at)  # 2nd
    early = auth.login(db, "budi", PASSWORD, now=T0 + dt.timedelta(seconds=2), client=at)
    assert (early.user, early.message) == (None, WAIT.format(1))
    elsewhere = auth.login(db, "budi", PASSWORD, now=T0 + dt.timedelta(seconds=2))
    assert elsewhere.user == User("budi", "viewer")  # another address is not slowed
    later = auth.login(db, "budi", PASSWORD, now=T0 + dt.timedelta(seconds=3), client=at)
    assert later.user == User("budi", "viewer")  # back-off 2 s after the 2nd failure


def settings_file(tmp_path, monkeypatch, **values) -> None:
    """The shipped settings with ``values`` replaced, in force for the test."""
    text = settings.SETTINGS_PATH.read_text(encoding="utf-8")
    for key, value in values.items():
        text, replaced = re.subn(rf"(?m)^{key} = .*$", f"{key} = {value}", text)
        assert replaced == 1, key
    path = tmp_path / "pengaturan.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("SIAGA_SETTINGS", str(path))


def test_address_budget_stops_a_spraying_address_only(db, tmp_path, monkeypatch):
    settings_file(tmp_path, monkeypatch, address_budget=3)
    auth.add_user(db, "budi", "viewer", PASSWORD)
    for number in range(3):  # three guessed names, one try each: no back-off applies
        guess = auth.login(db, f"tebak-{number}", "salah", now=T0, client="203.0.113.9")
        assert guess.message == FAILED
    refused = auth.login(db, "budi", PASSWORD, now=T0, client="203.0.113.9")
    assert refused == auth.LoginResult(
        None,
        "Terlalu banyak percobaan masuk yang gagal dari alamat Anda. Coba lagi setelah 15 "
        "menit, atau masuk dari jaringan lain.",
    )
    assert auth.login(db, "budi", PASSWORD, now=T0, client="198.51.100.7").user
    after = T0 + dt.timedelta(minutes=15, seconds=1)
    assert auth.login(db, "budi", PASSWORD, now=after, client="203.0.113.9").user


def test_account_wide_floor_slows_every_failing_address_never_a_fresh_one(
    db, tmp_path, monkeypatch
):
    settings_file(tmp_path, monkeypatch, account_alert_failures=5)
    auth.add_user(db, "budi", "viewer", PASSWORD)
    for number in range(5):  # a botnet: five addresses, one wrong try each
        auth.login(db, "budi", "salah", now=T0, client=f"203.0.113.{number}")
    again = auth.login(db, "budi", "salah", now=T0 + dt.timedelta(seconds=5), client="203.0.113.0")
    assert again.message == WAIT.format(55)  # the 1 s back-off raised to 60 s
    fresh = auth.login(db, "budi", PASSWORD, now=T0 + dt.timedelta(seconds=5), client="192.0.2.8")
    assert fresh.user == User("budi", "viewer")


def test_new_password_lifts_the_back_off_here_and_from_another_process(db, monkeypatch):
    auth.add_user(db, "budi", "admin", PASSWORD)
    for second in (0, 1, 3):
        auth.login(db, "budi", "salah", now=T0 + dt.timedelta(seconds=second))
    assert auth.login(db, "budi", PASSWORD, now=T0 + dt.timedelta(seconds=4)).user is None
    auth.set_password(db, "budi", "kata-sandi-baru-1")
    assert auth.login(db, "budi", "kata-sandi-baru-1", now=T0 + dt.timedelta(seconds=4)).user
    # `user passwd` in another process: the app sees the new password_changed_at when it
    # re-reads its copy of the accounts.
    for second in (5, 6, 8):
        auth.login(db, "budi", "salah", now=T0 + dt.timedelta(seconds=second))
    assert (
        auth.login(db, "budi", "kata-sandi-baru-1", now=T0 + dt.timedelta(seconds=9)).user is None
    )
    with db.writer() as con:
        con.execute(
            "UPDATE users SET password_changed_at = password_changed_at + INTERVAL 1 SECOND"
        )
    monkeypatch.setattr(auth, "ACCOUNTS_MAX_AGE_S", 0.0)
    assert auth.login(db, "budi", "kata-sandi-baru-1", now=T0 + dt.timedelta(seconds=9)).user
    with pytest.raises(AuthError, match="Pengguna siapa tidak terdaftar."):
        auth.set_password(db, "siapa", "kata-sandi-baru-1")


def test_finding_4_the_password_is_checked_with_no_database_connection_open(db, monkeypatch):
    """Review finding 4: the password was verified inside db.writer(), so a login flood
    stalled every page's read."""
    auth.add_user(db, "budi", "viewer", PASSWORD)
    open_connections = []
    for kind in ("reader", "writer"):
        original = getattr(Database, kind)

        @contextlib.contextmanager
        def counted(self, original=original):
            open_connections.append(1)
            try:
                with original(self) as con:
                    yield con
            finally:
                open_connections.pop()

        monkeypatch.setattr(Database, kind, counted)
    seen_while_verifying = []

    class WatchingHasher(CountingHasher):
        def verify(self, hash, password):
            seen_while_verifying.append(len(open_connections))
            return super().verify(hash, password)

    monkeypatch.setattr(auth, "_hasher", WatchingHasher())
    assert auth.login(db, "budi", PASSWORD, now=T0).user
    auth.login(db, "budi", "salah", now=T0, client="192.0.2.1")
    auth.login(db, "siapa", "salah", now=T0, client="192.0.2.1")
    assert seen_while_verifying == [0, 0, 0]


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
    assert len(names) == 9
    for name in names:
        assert f"`{name}`" in readme, name
    assert "data/pengaturan.toml" in readme


def test_settings_file_values():
    loaded = settings.load_settings(settings.SETTINGS_PATH)
    assert loaded.read_without_login is True
    assert [loaded.backoff_seconds(n) for n in (0, 1, 2, 3, 6, 7)] == [0, 1, 2, 4, 30, 30]
    assert (loaded.window_minutes, loaded.address_budget) == (15, 30)
    assert (loaded.account_alert_failures, loaded.account_backoff_seconds) == (100, 60)


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
        b"kode_wilayah;badan;kecamatan;kebutuhan;terisi;dilantik;perempuan\n"
        b"3301;PPK;Kedungreja;5;5;5;2\n"
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
