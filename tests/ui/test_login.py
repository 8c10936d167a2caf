"""AppTest of the login form: the browser's address reaches the throttle, no account lock."""

import datetime as dt

import pytest
from streamlit.runtime.context import ContextProxy

from analytics import audit, auth
from analytics.settings import SETTINGS_PATH
from analytics.storage import Database
from tests.ui.support import app, fixture_db
from ui.shared import plain

PASSWORD = "sandi-magelang-1"
FAILED = plain("Nama pengguna atau kata sandi salah.")  # shown through the one Markdown escape


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "siaga.duckdb"
    auth.add_user(fixture_db(path), "op-magelang", "operator", PASSWORD, region="33.71")
    return path


@pytest.fixture
def browser_at(monkeypatch):
    """Streamlit reports the browser's address as 203.0.113.7 (AppTest has none)."""
    monkeypatch.setattr(ContextProxy, "ip_address", property(lambda self: "203.0.113.7"))


def login(at, name, password=PASSWORD):
    at.text_input[0].input(name)
    at.text_input[1].input(password)
    next(b for b in at.button if b.label == "Masuk").click().run()
    return at


def test_the_browsers_address_reaches_the_throttle_and_the_audit(db_path, browser_at, monkeypatch):
    # Both tries at one instant: the second falls inside the first one's 1-second back-off
    # however slowly the test machine runs.
    instant = dt.datetime(2024, 8, 1, 9, 0)
    monkeypatch.setattr(auth, "_now", lambda: instant)
    at = login(app(db_path, page="unggah"), "op-magelang", "salah-terus-123")
    assert at.error[0].value == FAILED
    again = login(at, "op-magelang")  # the right password, but during this address's back-off
    assert again.error[0].value == plain(
        "Terlalu banyak kata sandi salah untuk nama ini dari alamat Anda. Tunggu 1 detik "
        "sebelum mencoba lagi."
    )
    entry = audit.entries(Database(db_path)).iloc[0]
    assert (entry.actor, entry.outcome, entry.target) == (
        "op-magelang",
        "gagal",
        "dari 203.0.113.7",
    )
    # The same name from this machine (another address) is not slowed down.
    assert auth.login(Database(db_path), "op-magelang", PASSWORD).user is not None


def test_repeated_wrong_passwords_never_lock_the_account(db_path, tmp_path, monkeypatch):
    """Replaces the old lock: ten wrong passwords, then the right one gets in."""
    settings = tmp_path / "pengaturan.toml"
    shipped = SETTINGS_PATH.read_text(encoding="utf-8")
    settings.write_text(shipped.replace("backoff_base_seconds = 1", "backoff_base_seconds = 0"))
    monkeypatch.setenv("SIAGA_SETTINGS", str(settings))
    at = app(db_path, page="unggah")
    for _ in range(10):
        login(at, "op-magelang", "salah-terus-123")
        assert at.error[0].value == FAILED
    login(at, "op-magelang")
    assert not at.error and len(at.file_uploader) == 1
    assert not any("dikunci" in str(reason) for reason in audit.entries(Database(db_path)).reason)
