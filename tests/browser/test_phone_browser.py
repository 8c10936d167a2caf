"""The pages on a phone (390×844): no sideways scrolling, no overlapping axis labels, and
the wide matrices give way to lists (ui/responsive.py); on a wide screen the reverse.

One server on a fresh demo database for the module (tests/browser/test_pages_browser.py
starts it). Screenshots land in ``tests/artifacts/phone_<page>.png`` to look at.
"""

from __future__ import annotations

import time

import pytest

from tests.browser.test_pages_browser import (
    ARTIFACTS_DIR,
    PAGE_TIMEOUT_MS,
    _artifact_name,
    _wait_app_idle,
    browser,  # noqa: F401  (fixture)
    pytestmark,  # noqa: F401  (skipped without chromium)
    streamlit_server,  # noqa: F401  (fixture)
)

DATE = "tanggal=2024-08-16"
PHONE = {"width": 390, "height": 844}
MAX_SHOT_PX = 16_000
SETTLED_MS = 15_000  # the longest wait for an element to show or hide
WIDE = {"width": 1280, "height": 720}

# (address, containers shown on a phone, containers shown on a wide screen only)
PAGES = [
    (f"?{DATE}", ["narrow_ringkasan_perhatian", "narrow_ringkasan_peta", "narrow_ringkasan_kartu"],
     ["wide_ringkasan_perhatian", "wide_ringkasan_peta", "wide_ringkasan_kartu"]),
    (f"badan_adhoc?{DATE}", [], []),
    (f"bimtek?{DATE}", ["narrow_bimtek_matrix", "narrow_bimtek_modules_PPK"],
     ["wide_bimtek_matrix", "wide_bimtek_modules_PPK"]),
    (f"pencalonan?{DATE}", ["narrow_pencalonan_status", "narrow_pencalonan_terlambat"],
     ["wide_pencalonan_status", "wide_pencalonan_terlambat"]),
    (f"profil?{DATE}&wilayah=33.27", [], []),
    (f"mode_rapat?{DATE}", [], []),
    (f"kartu_status?{DATE}", [], []),
    (f"tindak_lanjut?{DATE}", [], []),
]  # fmt: skip

# Pairs of x-axis tick labels of one visible chart whose boxes overlap (the bimtek matrix
# at 390 px once printed "PPSPantarlihKPPS").
OVERLAPPING_TICKS = """() => {
  const pairs = [];
  for (const chart of document.querySelectorAll('.js-plotly-plot')) {
    if (!chart.offsetParent) continue;  // hidden on this screen
    const boxes = [...chart.querySelectorAll('.xtick text')]
      .map(t => [t.textContent, t.getBoundingClientRect()])
      .filter(([text, r]) => text && r.width > 0);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, ra] = boxes[i], [b, rb] = boxes[j];
        if (ra.left < rb.right - 1 && rb.left < ra.right - 1 &&
            ra.top < rb.bottom - 1 && rb.top < ra.bottom - 1) pairs.push(a + ' / ' + b);
      }
  }
  return pairs;
}"""
WIDER_THAN_SCREEN = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  return [document.documentElement.scrollWidth, document.documentElement.clientWidth,
          main.scrollWidth, main.clientWidth];
}"""


def _open(browser, server, url_path: str, viewport: dict):  # noqa: F811
    context = browser.new_context(viewport=viewport, locale="id-ID")
    page = context.new_page()
    page.goto(f"{server.base_url}/{url_path}", timeout=PAGE_TIMEOUT_MS)
    _wait_app_idle(page)
    return context, page


def _assert_state(page, key: str, state: str, where: str) -> None:
    """``key`` becomes ``visible`` or ``hidden`` (an element still being drawn, or a style
    sheet still arriving, is waited for; the page's own state decides, not the moment)."""
    try:
        page.locator(f".st-key-{key}").first.wait_for(state=state, timeout=SETTLED_MS)
    except Exception as exc:  # Playwright's TimeoutError
        raise AssertionError(f"{where}: {key} not {state}") from exc


@pytest.mark.parametrize(("url_path", "phone_only", "wide_only"), PAGES, ids=lambda v: str(v))
def test_phone_width(streamlit_server, browser, url_path, phone_only, wide_only):  # noqa: F811
    context, page = _open(browser, streamlit_server, url_path, PHONE)
    try:
        ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(
            path=str(ARTIFACTS_DIR / f"phone_{_artifact_name(url_path)}"), full_page=True
        )
        assert page.locator('[data-testid="stException"]').count() == 0
        doc_width, doc_view, main_width, main_view = page.evaluate(WIDER_THAN_SCREEN)
        assert doc_width <= doc_view, f"/{url_path} scrolls sideways: {doc_width} px"
        assert main_width <= main_view, f"/{url_path} content is {main_width} px wide"
        assert page.evaluate(OVERLAPPING_TICKS) == []
        for key in phone_only:
            _assert_state(page, key, "visible", f"/{url_path} on a phone")
        for key in wide_only:
            _assert_state(page, key, "hidden", f"/{url_path} on a phone")
        titles = page.locator(".js-plotly-plot .gtitle")
        assert all(not titles.nth(i).is_visible() for i in range(titles.count()))
        # The whole page to look at: the app scrolls inside stMain, so the window is made
        # as tall as the content (at the phone's width) for the picture.
        height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
        page.set_viewport_size({"width": PHONE["width"], "height": min(height, MAX_SHOT_PX)})
        time.sleep(1)
        page.screenshot(path=str(ARTIFACTS_DIR / f"phone_{_artifact_name(url_path)}"))
    finally:
        context.close()


@pytest.mark.parametrize(
    ("url_path", "phone_only", "wide_only"), [p for p in PAGES if p[1]], ids=lambda v: str(v)
)
def test_wide_screen_keeps_the_matrices(streamlit_server, browser, url_path, phone_only, wide_only):  # noqa: F811
    context, page = _open(browser, streamlit_server, url_path, WIDE)
    try:
        for key in wide_only:
            _assert_state(page, key, "visible", f"/{url_path} on a wide screen")
        for key in phone_only:
            _assert_state(page, key, "hidden", f"/{url_path} on a wide screen")
        page.locator(".siaga-narrow-title").first.wait_for(state="hidden", timeout=SETTLED_MS)
    finally:
        context.close()
