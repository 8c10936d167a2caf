"""The HTML report: one offline file with the numbers, plotly.js inside, nothing fetched."""

import re

import plotly.offline
import pytest

from analytics.exports import render
from tests.exports_support import TITLE, shared_deck

# Anything that would make a browser fetch a script, style, font or image from elsewhere.
EXTERNAL = re.compile(
    r"""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|@import|url\(\s*["']?\s*(?:https?:)?//""",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def page():
    return render(shared_deck(), "html").decode("utf-8")


def own_markup(page: str) -> str:
    """The page without the embedded plotly.js bundle (third-party code, checked apart)."""
    bundle = plotly.offline.get_plotlyjs()
    assert page.count(bundle) == 1
    return page.replace(bundle, "")


def test_contains_the_numbers(page):
    assert '<html lang="id">' in page
    assert TITLE in page
    assert "Data per 21 Agustus 2024" in page
    assert "47,5%" in page  # PPK sworn in: 19 of 40
    assert "66,7%" in page  # PPS sworn in: 6 of 9
    assert "Kota Surakarta" in page and "belum lapor" in page


def test_no_external_source_of_any_kind(page):
    markup = own_markup(page)
    assert not EXTERNAL.findall(markup)
    assert not re.search(r"<script[^>]*\bsrc\s*=", markup, re.IGNORECASE)
    assert not re.search(r"<link\b", markup, re.IGNORECASE)
    assert not re.search(r"<img\b|<iframe\b|@font-face", markup, re.IGNORECASE)
    # plotly.js itself builds no external script, style, font or image source.
    assert not re.findall(
        r"""(?:src|@import|url\()\s*["'=]?\s*https?:""", plotly.offline.get_plotlyjs()
    )


def test_uploaded_text_is_escaped(page):
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_interactive_charts_and_sortable_tables(page):
    for key in ("ringkasan", "badan", "bimtek", "pencalonan"):
        assert f'id="grafik-{key}"' in page
    assert page.count("Plotly.newPlot") == 4
    assert 'class="sortable"' in page and "aria-sort" in page


def test_region_one_pager():
    page = render(shared_deck("33.71"), "html").decode("utf-8")
    assert "Kota Magelang" in page and "Ringkasan Kota Magelang" in page
    assert "Kota Surakarta" not in own_markup(page).split('id="lampiran"')[1]
