"""Browser smoke tests: every SIAGA page renders in a real browser without an exception.

The Streamlit server is started once per module against a freshly built demo database
(``python -m analytics demo``). Pages are driven with Playwright using Debian's
``chromium`` (Playwright cannot download its own browser here). A full-page screenshot
of each page is written to ``tests/artifacts/<page>.png``.

To cover a new page, append ``(url_path, expected_text)`` to ``PAGES``.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.ui.support import registered_pages

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = REPO_ROOT / "tests" / "artifacts"

CHROMIUM = os.environ.get("SIAGA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Containers often have a tiny /dev/shm; Debian's wrapper check for this is unreliable.
    "--disable-dev-shm-usage",
]

# (url_path relative to the app root, text that must appear on the rendered page).
# The first entry is a deep link: right after the server starts it must still go through
# app.py (header, filters), not run the page file on its own.
PAGES: list[tuple[str, str]] = [
    ("pencalonan?tanggal=2024-08-23&wilayah=33.03", "Persiapan Pencalonan"),
    ("", "Ringkasan Provinsi"),
    # The default page answers at "/" and under its own name (links written by hand).
    ("ringkasan?badan=pps", "Ringkasan Provinsi"),
    ("badan_adhoc?badan=PPS", "Badan Ad Hoc"),
    ("bimtek?tanggal=2024-08-30", "Bimtek"),
    ("profil?wilayah=33.03", "Profil Kabupaten/Kota"),
    ("mode_rapat?embed=true&tanggal=2024-08-30&slide=2", "Ringkasan provinsi"),
]
HEADER_TEXT = "SIAGA · KPU Provinsi Jawa Tengah"
# The menu app.py draws: the registered pages only (never file names such as "app").
MENU = [page.title for page in registered_pages() if not page.hidden]

DEMO_DB_TIMEOUT_S = 300
SERVER_START_TIMEOUT_S = 60
PAGE_TIMEOUT_MS = 60_000
SETTLE_S = 1.0

# Streamlit marks the app root with its connection and script-run state.
APP_DONE_SELECTOR = (
    '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
    ':is([data-test-script-state="notRunning"], [data-test-script-state="compilationError"])'
)
RUNNING_SELECTOR = (
    '[data-testid="stStatusWidgetRunningIcon"], [data-testid="stStatusWidgetRunningManIcon"]'
)

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM),
    reason=(
        f"{CHROMIUM} not found: browser tests need Debian chromium "
        "(apt-get install -y chromium fonts-dejavu-core; `make test` does this as root)"
    ),
)


class Server(NamedTuple):
    base_url: str
    log_path: Path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tail(path: Path, limit: int = 4000) -> str:
    try:
        return path.read_text(errors="replace")[-limit:]
    except OSError:
        return "<no log>"


def _wait_healthy(proc: subprocess.Popen, base_url: str, log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(
                f"streamlit exited with code {proc.returncode} before becoming healthy:\n"
                f"{_tail(log_path)}"
            )
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200 and resp.read().strip() == b"ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    pytest.fail(
        f"streamlit not healthy after {SERVER_START_TIMEOUT_S}s at {base_url}:\n{_tail(log_path)}"
    )


def _build_demo_db(db_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "analytics", "demo", "--db", str(db_path)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=DEMO_DB_TIMEOUT_S,
        check=False,
    )
    if result.returncode != 0 or not db_path.exists():
        pytest.fail(
            f"`python -m analytics demo` failed (exit {result.returncode}):\n"
            f"stdout:\n{result.stdout[-2000:]}\nstderr:\n{result.stderr[-4000:]}"
        )


@contextmanager
def running_server(db_path: Path, work: Path) -> Iterator[Server]:
    """`streamlit run app.py` on ``db_path``, freshly started; stopped on exit."""
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = work / "streamlit.log"
    env = {**os.environ, "SIAGA_DB": str(db_path), "PYTHONUNBUFFERED": "1"}
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
    ]
    with log_path.open("wb") as log:
        proc = subprocess.Popen(cmd, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_healthy(proc, base_url, log_path)
        yield Server(base_url, log_path)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


@pytest.fixture(scope="module")
def streamlit_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Build a demo DB, start `streamlit run app.py` once, yield its URL and log file."""
    work = tmp_path_factory.mktemp("siaga-browser")
    db_path = work / "siaga.duckdb"
    _build_demo_db(db_path)
    with running_server(db_path, work) as server:
        yield server


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _wait_app_idle(page) -> None:
    """Wait until the Streamlit script run has finished and the page has settled."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=PAGE_TIMEOUT_MS)
    page.wait_for_selector(APP_DONE_SELECTOR, timeout=PAGE_TIMEOUT_MS)
    page.wait_for_selector(RUNNING_SELECTOR, state="detached", timeout=PAGE_TIMEOUT_MS)
    time.sleep(SETTLE_S)
    # A rerun (st.rerun, navigation) may have started during the settle period.
    page.wait_for_selector(APP_DONE_SELECTOR, timeout=PAGE_TIMEOUT_MS)
    page.wait_for_selector(RUNNING_SELECTOR, state="detached", timeout=PAGE_TIMEOUT_MS)


def menu_labels(page) -> list[str]:
    """The page names in the sidebar menu (each link's text is its icon's name, then its
    label)."""
    links = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
    return [text.strip().splitlines()[-1].strip() for text in links]


def assert_through_app(page, url_path: str, server: Server) -> None:
    """The page ran inside app.py: header, sidebar filters, the registered menu, no error."""
    log = f"--- streamlit log (tail) ---\n{_tail(server.log_path)}"
    exceptions = page.locator('[data-testid="stException"]')
    # client.showErrorDetails = "none" redacts the browser message; the traceback
    # is in the server log, so include its tail in the failure.
    assert exceptions.count() == 0, (
        f"page /{url_path} shows an exception: {exceptions.first.inner_text()[:500]}\n{log}"
    )
    body = page.locator('[data-testid="stApp"]').inner_text()
    assert "encountered an error" not in body, f"page /{url_path} shows an error\n{log}"
    assert HEADER_TEXT in body, f"page /{url_path} did not go through app.py (no header)"
    if "embed=true" not in url_path:
        assert "Saring" in body, f"page /{url_path} has no sidebar filters"
        assert menu_labels(page) == MENU, f"page /{url_path} lists {menu_labels(page)}"


def _artifact_name(url_path: str) -> str:
    name = re.sub(r"[^A-Za-z0-9_-]+", "_", url_path.strip("/")).strip("_")
    return f"{name or 'home'}.png"


@pytest.mark.parametrize(("url_path", "expected_text"), PAGES, ids=lambda v: v or "home")
def test_page_renders(streamlit_server: Server, browser, url_path: str, expected_text: str):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    page = context.new_page()
    try:
        page.goto(f"{streamlit_server.base_url}/{url_path}", timeout=PAGE_TIMEOUT_MS)
        _wait_app_idle(page)

        # Screenshot first so a failing page still leaves evidence behind.
        ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS_DIR / _artifact_name(url_path)), full_page=True)

        state = page.locator('[data-testid="stApp"]').get_attribute("data-test-script-state")
        assert state == "notRunning", (
            f"page /{url_path} ended in script state {state!r} (syntax error?)\n"
            f"--- streamlit log (tail) ---\n{_tail(streamlit_server.log_path)}"
        )
        assert_through_app(page, url_path, streamlit_server)
        title = page.title()
        assert "SIAGA" in title, f"page /{url_path} title is {title!r}"
        body = page.locator('[data-testid="stApp"]').inner_text()
        assert expected_text in body, f"{expected_text!r} not found on page /{url_path}"
        # Streamlit's own dialog for a URL that names no page (English, over the app).
        not_found = page.get_by_text("Page not found")
        assert not_found.count() == 0, f"page /{url_path} opens behind 'Page not found'"
        assert "DEMO" in body, f"page /{url_path} lacks the DEMO badge"
    finally:
        context.close()
