"""The HTML report: one small offline file with the numbers, SVG charts, nothing fetched."""

import re

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


def tags_with_http(page: str) -> list[str]:
    """Markup naming an http(s) address, apart from the SVG namespace (an identifier, never
    fetched). A link a regency typed stays plain table text and is not in a tag."""
    tags = re.findall(r"<[^>]*>", page.replace('xmlns="http://www.w3.org/2000/svg"', ""))
    return [tag for tag in tags if "http" in tag.lower()]


def test_contains_the_numbers(page):
    assert '<html lang="id">' in page
    assert TITLE in page
    assert "Data per 21 Agustus 2024" in page
    assert "47,5%" in page  # PPK sworn in: 19 of 40
    assert "66,7%" in page  # PPS sworn in: 6 of 9
    assert "Kota Surakarta" in page and "belum lapor" in page


def test_no_external_source_of_any_kind(page):
    assert not EXTERNAL.findall(page)
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.IGNORECASE)
    assert not re.search(r"<link\b", page, re.IGNORECASE)
    assert not re.search(r"<img\b|<iframe\b|@font-face|<use\b|<image\b", page, re.IGNORECASE)
    assert not tags_with_http(page)
    assert "@import" not in page and "url(" not in page


def test_no_plotly_js(page):
    assert "plotly" not in page.lower()
    assert page.count("<script") == 1  # the table sort, a few lines
    charts = "".join(re.findall(r"<svg .*?</svg>", page, re.DOTALL))
    assert len(charts) < 100_000  # four charts of 35 regencies


def test_uploaded_text_is_escaped(page):
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_svg_charts_and_sortable_tables(page):
    for key in ("ringkasan", "badan", "bimtek", "pencalonan"):
        assert f'id="grafik-{key}"' in page
    assert page.count("<svg ") == 4
    bars = page.count('<rect class="bar"')
    assert bars and len(re.findall(r'<rect class="bar"[^>]*><title>[^<]+</title>', page)) == bars
    assert 'class="sortable"' in page and "aria-sort" in page


def test_region_one_pager():
    page = render(shared_deck("33.71"), "html").decode("utf-8")
    assert "Kota Magelang" in page and "Ringkasan Kota Magelang" in page
    assert "Kota Surakarta" not in page.split('id="lampiran"')[1]
    assert not tags_with_http(page) and "plotly" not in page.lower()
    assert len(page.encode("utf-8")) < 300_000
