"""Browser test of the meeting loop, once through: the admin turns a row of *Perlu
perhatian* (Mode Rapat) into a follow-up, changing the pre-filled regency to Cilacap; the
Cilacap operator adds a progress note on Tindak Lanjut; the viewer reads it and finds no
form. At 1280×720, and the Tindak Lanjut page again at 390×844 (a phone).

Uses the server and browser fixtures of test_pages_browser (demo database, demo accounts
from the README). Screenshots go to tests/artifacts/tindak_lanjut_*.png.
"""

from __future__ import annotations

import os

import pytest

from tests.browser.test_pages_browser import (  # noqa: F401  (fixtures used by name)
    ARTIFACTS_DIR,
    CHROMIUM,
    PAGE_TIMEOUT_MS,
    _tail,
    _wait_app_idle,
    browser,
    streamlit_server,
)

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} not found: browser tests need chromium"
)

AS_OF = "2024-08-30"  # demo data: 25 regencies need attention, Kabupaten Pemalang first
ATTENTION_SLIDE = "Kabupaten/kota yang perlu perhatian"
ADDED = "Tindak lanjut 1 ditambahkan: 33.01 Kabupaten Cilacap, jatuh tempo 6 September 2024."
NOTE = "Bimtek PPS dijadwalkan 2 September di aula KPU Cilacap."


def _shot(page, name: str) -> None:
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS_DIR / f"tindak_lanjut_{name}.png"))


def _show(page, selector: str) -> None:
    """Scroll the app so that ``selector`` is at the top (for the screenshot)."""
    found = page.locator(selector).first
    found.wait_for(timeout=PAGE_TIMEOUT_MS)
    found.evaluate("el => el.scrollIntoView({block: 'start'})")


def _body(page) -> str:
    return page.locator('[data-testid="stApp"]').inner_text()


def _login(page, name: str, password: str) -> None:
    _menu(page, "Unggah Data")
    page.get_by_label("Nama pengguna").fill(name)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    _wait_app_idle(page)


def _logout(page) -> None:
    page.locator(".st-key-auth_logout button").click()
    _wait_app_idle(page)


def _menu(page, title: str) -> None:
    """Open a page from the sidebar menu (a new address would start a new session and
    forget the login)."""
    page.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click()
    _wait_app_idle(page)


def _to_slide(page, title: str) -> None:
    for _ in range(12):
        if f"· {title}" in page.locator(".st-key-mr_nav").inner_text():
            return
        page.locator(".st-key-mr_next button").click()
        _wait_app_idle(page)
    raise AssertionError(f"slide {title} not reached")


def _choose(page, box, text: str) -> None:
    """Pick ``text`` in a Streamlit selectbox by typing it, as a user does."""
    box.click()
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def test_the_meeting_loop_once_through(streamlit_server, browser):  # noqa: F811
    log = lambda: f"--- streamlit log (tail) ---\n{_tail(streamlit_server.log_path)}"  # noqa: E731
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="id-ID")
    page = context.new_page()
    try:
        page.goto(f"{streamlit_server.base_url}/unggah?tanggal={AS_OF}", timeout=PAGE_TIMEOUT_MS)
        _wait_app_idle(page)
        _login(page, "admin-demo", "demo-admin-2024")

        _menu(page, "Mode Rapat")
        _to_slide(page, ATTENTION_SLIDE)
        form = page.locator(".st-key-mr_followup")
        text = form.inner_text()
        assert "Jadikan tindak lanjut" in text, log()
        # Pre-filled from the most urgent row (Pemalang, Bimtek Pantarlih behind).
        assert form.get_by_role("textbox", name="Topik").input_value() == "bimtek:PANTARLIH:M01"
        assert form.get_by_label("Judul rapat").input_value() == "Rapat koordinasi 30 Agustus 2024"
        assert form.get_by_label("Isi tindak lanjut").input_value().startswith("Tuntaskan bimtek")
        _show(page, ".st-key-mr_followup")
        _shot(page, "1_dari_slide")
        _choose(page, form.locator('[data-testid="stSelectbox"]').nth(1), "Cilacap")
        form.get_by_role("textbox", name="Topik").fill("bimtek:PPS:M02")
        form.get_by_label("Isi tindak lanjut").fill("Tuntaskan bimtek PPS materi kode etik")
        form.get_by_role("button", name="Simpan tindak lanjut").click()
        _wait_app_idle(page)
        assert ADDED in _body(page), log()

        _menu(page, "Tindak Lanjut")
        body = _body(page)
        assert "Kabupaten Cilacap" in body and "Bimtek PPS M02" in body, body[:3000]
        _shot(page, "2_daftar")
        _logout(page)

        _login(page, "operator-cilacap", "demo-cilacap-2024")
        _menu(page, "Tindak Lanjut")
        assert "Anda dapat mencatat perkembangan tindak lanjut 33.01 Kabupaten Cilacap" in (
            _body(page)
        )
        assert page.get_by_role("button", name="Tandai selesai").count() == 0
        page.get_by_role("textbox", name="Catatan perkembangan").fill(NOTE)
        page.get_by_role("button", name="Tambah catatan").click()
        _wait_app_idle(page)
        body = _body(page)
        assert "Catatan perkembangan ditambahkan pada tindak lanjut 1." in body, log()
        assert NOTE in body
        _show(page, "text=Rincian dan catatan perkembangan")
        _shot(page, "3_catatan_operator")
        _logout(page)

        _login(page, "peninjau-demo", "demo-peninjau-2024")
        _menu(page, "Tindak Lanjut")
        body = _body(page)
        assert "Akun peninjau hanya membaca tindak lanjut" in body
        assert NOTE in body
        for label in ("Tambah catatan", "Simpan tindak lanjut", "Tandai selesai", "Batalkan"):
            assert page.get_by_role("button", name=label).count() == 0, label
        assert page.locator('[data-testid="stException"]').count() == 0, log()
    finally:
        context.close()

    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    page = phone.new_page()
    try:
        page.goto(f"{streamlit_server.base_url}/tindak_lanjut?tanggal={AS_OF}")
        _wait_app_idle(page)
        assert "Kabupaten Cilacap" in _body(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page scrolls sideways on a phone ({width} px)"
        _shot(page, "4_ponsel")
    finally:
        phone.close()
