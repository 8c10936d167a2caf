"""Browser test of Mode Rapat on a projector: at 1280×720 and 1920×1080, with
``?embed=true``, every slide of the demo deck fits the screen (nothing scrolls), no table
cell or headline label is cut, chart text and bars are at least 18 px at 1280×720, bars
are in the scorecard's category colours, and neither sidebar nor app header shows. The
"Layar penuh" button does the same from the ordinary page and back.

Uses the server and browser fixtures of test_pages_browser (demo database). Screenshots
go to tests/artifacts/mode_rapat_<width>x<height>_slide<n>.png and
tests/artifacts/mode_rapat_layar_penuh.png.
"""

from __future__ import annotations

import os

import pytest

from analytics.categories import CATEGORY_COLOR
from tests.browser.test_pages_browser import (  # noqa: F401  (fixtures used by name)
    ARTIFACTS_DIR,
    CHROMIUM,
    HEADER_TEXT,
    PAGE_TIMEOUT_MS,
    _tail,
    _wait_app_idle,
    browser,
    streamlit_server,
)

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} not found: browser tests need chromium"
)

AS_OF = "2024-08-30"  # demo data: 35 regencies, every kind of chart
SLIDES = 9  # title, summary, follow-ups, bodies, bimtek, candidacy, attention, risk, milestones
CHART_SLIDES = {2, 4, 5, 6}
CATEGORY_SLIDES = {2, 4, 5}  # bars coloured by readiness category
VIEWPORTS = [(1280, 720), (1920, 1080)]
MIN_CHART_PX = 18  # at 1280×720

# What the page shows, measured in the browser. "cut": table cells and headline labels
# whose text is wider than their box or is clipped with an ellipsis.
MEASURE = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const root = document.documentElement;
  const box = document.querySelector('.st-key-mr_slide_box');
  const cut = [];
  const texts = box.querySelectorAll(
    '[data-testid="stTable"] :is(td, th), [data-testid="stTable"] :is(td, th) *,' +
    '[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *,' +
    '[data-testid="stMetricValue"], [data-testid="stMetricValue"] *');
  for (const el of texts) {
    const style = getComputedStyle(el);
    const clipped = style.textOverflow === 'ellipsis' && style.overflowX !== 'visible'
      && style.whiteSpace === 'nowrap';
    if (el.scrollWidth > el.clientWidth + 1 || clipped) cut.push(el.innerText.slice(0, 60));
  }
  const tables = [...box.querySelectorAll('[data-testid="stTable"], [data-testid="stTable"] > div')]
    .filter(el => el.scrollWidth > el.clientWidth + 1).length;
  const chartText = [...box.querySelectorAll('.js-plotly-plot svg text')]
    .filter(t => t.textContent.trim() && t.getBBox().width > 0)
    .map(t => [t.textContent.trim(), parseFloat(getComputedStyle(t).fontSize)]);
  const barPaths = [...box.querySelectorAll('.js-plotly-plot .bars path')]
    .map(p => [p.getBBox(), getComputedStyle(p).fill]).filter(([b]) => b.width > 0);
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  return {
    main: [main.scrollHeight, main.clientHeight, main.scrollWidth, main.clientWidth],
    document: [root.scrollHeight, innerHeight, root.scrollWidth, innerWidth],
    boxHeight: box.getBoundingClientRect().height,
    cut, tables, chartText,
    barHeights: barPaths.map(([b]) => b.height),
    barFills: [...new Set(barPaths.map(([, fill]) => fill))],
    sidebar: !!sidebar && sidebar.getBoundingClientRect().width > 0
      && getComputedStyle(sidebar).display !== 'none',
    text: document.querySelector('[data-testid="stApp"]').innerText,
  };
}"""


def _rgb(color: str) -> str:
    r, g, b = (int(color.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgb({r}, {g}, {b})"


def _shows_header(seen: dict) -> bool:
    """The app's header line (the slide's footer starts with the same words)."""
    return HEADER_TEXT in [line.strip() for line in seen["text"].splitlines()]


def _open(page, base_url: str, query: str, chart: bool) -> dict:
    page.goto(f"{base_url}/mode_rapat?{query}", timeout=PAGE_TIMEOUT_MS)
    _wait_app_idle(page)
    if chart:
        page.wait_for_selector(
            ".st-key-mr_slide_box .js-plotly-plot .bars", timeout=PAGE_TIMEOUT_MS
        )
    return page.evaluate(MEASURE)


def _assert_fits(seen: dict, where: str) -> None:
    scroll_height, height, scroll_width, width = seen["main"]
    assert scroll_height <= height and scroll_width <= width, (
        f"{where}: the page scrolls {seen['main']}"
    )
    scroll_height, height, scroll_width, width = seen["document"]
    assert scroll_height <= height and scroll_width <= width, (
        f"{where}: document {seen['document']}"
    )
    assert not seen["cut"], f"{where}: text cut off: {seen['cut']}"
    assert not seen["tables"], f"{where}: a table scrolls sideways"


@pytest.fixture(scope="module")
def pages(browser):  # noqa: F811
    """One browser page per projector size, reused for its slides."""
    opened = {}
    contexts = []
    for width, height in VIEWPORTS:
        context = browser.new_context(viewport={"width": width, "height": height}, locale="id-ID")
        contexts.append(context)
        opened[(width, height)] = context.new_page()
    yield opened
    for context in contexts:
        context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: f"{v[0]}x{v[1]}")
@pytest.mark.parametrize("number", range(1, SLIDES + 1), ids=lambda n: f"slide{n}")
def test_slide_fits_the_projector(streamlit_server, pages, viewport, number):  # noqa: F811
    width, height = viewport
    page = pages[viewport]
    query = f"embed=true&tanggal={AS_OF}&slide={number}"
    seen = _open(page, streamlit_server.base_url, query, number in CHART_SLIDES)
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS_DIR / f"mode_rapat_{width}x{height}_slide{number}.png"))
    where = f"slide {number} at {width}x{height}"

    assert f"Slide {number} dari {SLIDES}" in seen["text"], (
        f"{where}: not shown\n{_tail(streamlit_server.log_path)}"
    )
    # The slide alone: no sidebar, no app header or filters, no settings.
    assert not seen["sidebar"], f"{where}: the sidebar shows"
    assert not _shows_header(seen), f"{where}: the app header shows"
    assert "Pengaturan rapat dan unduhan" not in seen["text"]
    _assert_fits(seen, where)
    assert seen["boxHeight"] <= height

    if number in CHART_SLIDES:
        assert seen["chartText"], f"{where}: no chart text"
        assert seen["barHeights"], f"{where}: no bars"
    if number in CHART_SLIDES and viewport == (1280, 720):
        small = [(t, size) for t, size in seen["chartText"] if size < MIN_CHART_PX]
        assert not small, f"{where}: chart text under {MIN_CHART_PX} px: {small[:5]}"
        thin = [h for h in seen["barHeights"] if h < MIN_CHART_PX]
        assert not thin, f"{where}: bars thinner than {MIN_CHART_PX} px: {thin}"
    if number in CATEGORY_SLIDES:
        # Every bar in a readiness category's colour (the demo has laggards on each).
        categories = {_rgb(c) for c in CATEGORY_COLOR.values()}
        assert set(seen["barFills"]) <= categories, f"{where}: {seen['barFills']}"
    if number == 2:
        # The weakest regencies as bars, the rest summed up in one line.
        assert "kabupaten/kota lain:" in seen["text"]


@pytest.mark.parametrize("number", range(1, SLIDES + 1), ids=lambda n: f"slide{n}")
def test_nothing_is_cut_beside_the_sidebar(streamlit_server, pages, number):  # noqa: F811
    """The ordinary page (sidebar, header, settings) at 1280×720 scrolls, but no table
    cell or headline label is cut and no table scrolls sideways."""
    page = pages[(1280, 720)]
    seen = _open(page, streamlit_server.base_url, f"tanggal={AS_OF}&slide={number}", False)
    assert seen["sidebar"] and f"Slide {number} dari {SLIDES}" in seen["text"]
    assert not seen["cut"], f"slide {number}: text cut off: {seen['cut']}"
    assert not seen["tables"], f"slide {number}: a table scrolls sideways"


def test_full_screen_button_and_back(streamlit_server, browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="id-ID")
    page = context.new_page()
    try:
        seen = _open(page, streamlit_server.base_url, f"tanggal={AS_OF}&slide=4", True)
        assert seen["sidebar"] and _shows_header(seen)  # the ordinary page first

        page.get_by_role("button", name="Layar penuh").click()
        page.wait_for_selector('[data-testid="stSidebar"]', state="hidden", timeout=PAGE_TIMEOUT_MS)
        _wait_app_idle(page)
        seen = page.evaluate(MEASURE)
        ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS_DIR / "mode_rapat_layar_penuh.png"))
        assert not seen["sidebar"]
        assert not _shows_header(seen)
        assert f"Slide 4 dari {SLIDES}" in seen["text"]
        _assert_fits(seen, "slide 4 in full screen")

        page.get_by_role("button", name="Keluar layar penuh").click()
        page.wait_for_selector(
            '[data-testid="stSidebar"]', state="visible", timeout=PAGE_TIMEOUT_MS
        )
        _wait_app_idle(page)
        seen = page.evaluate(MEASURE)
        assert seen["sidebar"] and _shows_header(seen)
        assert "Pengaturan rapat dan unduhan" in seen["text"]
    finally:
        context.close()
