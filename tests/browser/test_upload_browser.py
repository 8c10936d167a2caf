"""Browser test: a regency operator logs in, uploads files through Unggah Data, sees the
verdict (another regency's file refused whole; a partial file flagged) and stores one.

Uses the server and browser fixtures of test_pages_browser (demo database, whose demo
accounts are listed in the README). Screenshots go to tests/artifacts/unggah_*.png.
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

HEADER = "kode_wilayah;badan;kecamatan;kebutuhan;terisi;dilantik;perempuan\n"
OTHER_REGENCY = HEADER + "33.01;PPK;Kedungreja;5;5;5;2\n33.02;PPK;Lumbir;5;5;5;2\n"
ONE_UNIT = HEADER + "3301;PPK;Kedungreja;5;5;5;2\n"


def _shot(page, name: str) -> None:
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS_DIR / f"unggah_{name}.png"), full_page=True)


def _choose_file(page, path) -> None:
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    _wait_app_idle(page)


def test_operator_uploads_through_the_page(streamlit_server, browser, tmp_path):  # noqa: F811
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    page = context.new_page()
    app = page.locator('[data-testid="stApp"]')
    try:
        page.goto(f"{streamlit_server.base_url}/unggah", timeout=PAGE_TIMEOUT_MS)
        _wait_app_idle(page)
        assert "Masuk terlebih dahulu untuk mengunggah data." in app.inner_text()
        page.get_by_label("Nama pengguna").fill("operator-cilacap")
        page.get_by_label("Kata sandi").fill("demo-cilacap-2024")
        page.get_by_role("button", name="Masuk").click()
        _wait_app_idle(page)
        body = app.inner_text()
        assert "Anda mengunggah untuk 33.01 Kabupaten Cilacap" in body, body[:2000]
        assert "Batas ukuran berkas: 50 MB." in body
        _shot(page, "1_masuk")

        mixed = tmp_path / "campuran.csv"
        mixed.write_text(OTHER_REGENCY, encoding="utf-8")
        _choose_file(page, mixed)
        body = app.inner_text()
        assert "Berkas ditolak seluruhnya: berisi baris kabupaten/kota lain (33.02)." in body
        assert "Simpan sebagai data per" not in body
        _shot(page, "2_ditolak")

        one = tmp_path / "cilacap.csv"
        one.write_text(ONE_UNIT, encoding="utf-8")
        _choose_file(page, one)
        body = app.inner_text()
        assert "Berkas valid: 1 baris" in body, body[:3000]
        assert "33.01 Kabupaten Cilacap: berkas ini hanya memuat 1 unit" in body
        _shot(page, "3_pratinjau")
        save = page.get_by_role("button", name="Simpan sebagai data per")
        assert save.is_disabled()  # a partial file must be confirmed first
        page.get_by_text("Saya sudah memeriksa").click()
        _wait_app_idle(page)
        page.get_by_role("button", name="Simpan sebagai data per").click()
        _wait_app_idle(page)
        body = app.inner_text()
        assert "Tersimpan sebagai versi" in body, body[:3000]
        assert page.locator('[data-testid="stException"]').count() == 0, _tail(
            streamlit_server.log_path
        )
        _shot(page, "4_tersimpan")
    finally:
        context.close()
