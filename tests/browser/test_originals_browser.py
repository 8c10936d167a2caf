"""Browser test: an archived original leaves the server only when a logged-in admin presses
the button, each copy is audited, and its address dies soon after and on logout.

Issue 11 #5: drawing Riwayat used to register the file at ``/media/<hash>.bin``, which an
HTTP client without cookies could fetch (unaudited) for as long as the session lived, and
after *Keluar*. Uses its own server on a small database holding a real upload (demo data
has no originals). The HTTP client here sends no cookies.
"""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from analytics import audit, auth
from tests.browser.test_pages_browser import (  # noqa: F401  (fixture used by name)
    ARTIFACTS_DIR,
    CHROMIUM,
    PAGE_TIMEOUT_MS,
    _wait_app_idle,
    browser,
    running_server,
)
from tests.ui.support import FIXTURES, fixture_db
from ui.history import SERVED_FILE_TTL_S

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} not found: browser tests need chromium"
)

PASSWORD = "sandi-arsip-asli-1"
ORIGINAL_V4 = FIXTURES / "persiapan_pencalonan_3371_2024-08-20.csv"  # newest version: 4


def _status(url: str) -> int:
    """HTTP status of a plain GET: no cookies, no session, like `curl`."""
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            resp.read()
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _downloads(db) -> list[tuple[str, str, str]]:
    log = audit.entries(db)
    rows = log[log["action"] == "unduh"]
    return list(rows[["actor", "outcome", "target"]].itertuples(index=False, name=None))


@pytest.fixture(scope="module")
def server_with_originals(tmp_path_factory):
    work = tmp_path_factory.mktemp("siaga-originals")
    db = fixture_db(work / "siaga.duckdb")  # Kota Magelang, versions 1-4, uploaded by "uji"
    auth.add_user(db, "adm", "admin", PASSWORD)
    with running_server(db.path, work) as server:
        yield server, db


def test_original_is_served_once_per_press_audited_and_not_kept(
    server_with_originals,
    browser,  # noqa: F811
):
    server, db = server_with_originals
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    page = context.new_page()
    frames: list[bytes] = []
    page.on(
        "websocket",
        lambda ws: ws.on(
            "framereceived", lambda data: frames.append(data if isinstance(data, bytes) else b"")
        ),
    )
    app = page.locator('[data-testid="stApp"]')
    try:
        page.goto(f"{server.base_url}/riwayat", timeout=PAGE_TIMEOUT_MS)
        _wait_app_idle(page)
        page.get_by_label("Nama pengguna").fill("adm")
        page.get_by_label("Kata sandi").fill(PASSWORD)
        page.get_by_role("button", name="Masuk").click()
        _wait_app_idle(page)
        button = page.get_by_role("button", name="Unduh berkas asli")
        try:
            button.wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)
        except PlaywrightTimeout:
            pytest.fail(f"no download button after login:\n{app.inner_text()[-2000:]}")
        # Drawing the page hands the browser no address of the file, and audits nothing.
        assert not [f for f in frames if b"/media/" in f]
        assert _downloads(db) == []

        urls = []
        for _ in range(2):
            with page.expect_download(timeout=PAGE_TIMEOUT_MS) as pressed:
                button.click()
            download = pressed.value
            assert open(download.path(), "rb").read() == ORIGINAL_V4.read_bytes()
            assert download.suggested_filename == "siaga_v4_persiapan_pencalonan_3371.csv"
            urls.append(download.url)
        assert _downloads(db) == [("adm", "berhasil", "versi 4")] * 2  # one entry per copy
        ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS_DIR / "riwayat_unduh_asli.png"), full_page=True)

        # The served copy's address stops answering shortly after, session or not.
        deadline = time.monotonic() + SERVED_FILE_TTL_S + 20
        while _status(urls[-1]) != 404 and time.monotonic() < deadline:
            time.sleep(1)
        assert [_status(url) for url in urls] == [404, 404]

        page.get_by_role("button", name="Keluar").click()
        _wait_app_idle(page)
        assert "Masuk terlebih dahulu untuk melihat riwayat unggahan." in app.inner_text()
        assert page.get_by_role("button", name="Unduh berkas asli").count() == 0
        assert [_status(url) for url in urls] == [404, 404]
        assert _downloads(db) == [("adm", "berhasil", "versi 4")] * 2
    finally:
        context.close()
