"""One truth on every screen: for every regency and readiness indicator, at three dates of
the demo, the strings on the dashboards (scorecard, tile map, attention list, headline),
the meeting deck, the PowerPoint, the HTML report, the Excel workbook, the one-pagers and
``summary`` are identical."""

from __future__ import annotations

import datetime as dt
import html.parser
import io
import re

import openpyxl
import pytest
from pptx import Presentation

from analytics import formatting as fmt
from analytics import indicators
from analytics.categories import CATEGORY_SYMBOL, category_text
from analytics.config import load_config
from analytics.demo_store import build_demo
from analytics.exports.html import deck_html
from analytics.exports.pptx import deck_pptx
from analytics.exports.xlsx import deck_xlsx
from analytics.meeting import INDEX, build_deck, build_region_decks, display, weekly_dates
from analytics.storage import Database
from analytics.tile_map import short_name, tiles
from analytics.views import headline, overview, ranking

DATES = [dt.date(2024, 8, 23), dt.date(2024, 10, 4), dt.date(2024, 11, 29)]
SYMBOLS = tuple(CATEGORY_SYMBOL.values())


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Database:
    path = tmp_path_factory.mktemp("one_truth") / "siaga.duckdb"
    build_demo(path)
    return Database(path)


def bare(text: str) -> str:
    """A scorecard cell without its traffic-light symbol: '● 96,6%' -> '96,6%'."""
    return text[2:] if text[:1] in SYMBOLS and text[1:2] == " " else text


class Tables(html.parser.HTMLParser):
    """Every <table> of an HTML page as {caption: [[cell text, ...], ...]}."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._caption = self._cell = None
        self._rows: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "caption":
            self._caption = ""
        elif tag == "tr":
            self._rows.append([])
        elif tag in ("td", "th"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._rows[-1].append(self._cell)
            self._cell = None
        elif tag == "caption":
            self._name, self._caption = self._caption, None
        elif tag == "table":
            self.tables[self._name] = self._rows
            self._rows = []

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data
        elif self._caption is not None:
            self._caption += data


def excel_text(cell) -> str:
    """What Excel shows for a number cell with SIAGA's formats, the Indonesian way."""
    if cell.value is None:
        return ""
    if isinstance(cell.value, str):
        return cell.value
    decimals = len(cell.number_format.split(".")[1].rstrip("%")) if "." in cell.number_format else 0
    if cell.number_format.endswith("%"):
        return fmt.percent(cell.value, decimals)
    return fmt.number(cell.value, decimals)


def by_header(headers: list[str], rows: list[list[str]]) -> dict[str, dict[str, str]]:
    """{kode_wilayah: {header: text}} of a table whose first column is the code."""
    return {row[0]: dict(zip(headers, row, strict=True)) for row in rows}


@pytest.fixture(scope="module", params=DATES, ids=[d.isoformat() for d in DATES])
def views(request, db):
    as_of = request.param
    config = load_config()
    series = indicators.compute_series(db, weekly_dates(as_of, dt.date(2024, 4, 26)))
    ind = series.on(as_of)
    card = overview.scorecard(ind, config=config)
    attention = ranking.attention_list(ind, series, config)
    deck = build_deck(series, title="Rapat uji")
    return {
        "as_of": as_of,
        "config": config,
        "ind": ind,
        "card": card.text.set_index("Kode"),
        "attention": attention.set_index("Kode"),
        "tiles": overview.tile_frame(ind, tiles(), attention).set_index("kode_wilayah"),
        "headline": dict(headline.province_headline(ind)),
        "deck": deck,
        "regions": build_region_decks(series, title="Rapat uji"),
        "summary": indicators.summary(ind),
    }


def test_the_deck_workbook_table_reads_as_the_scorecard(views):
    """Kategori, index and every due component: deck table == scorecard, cell by cell."""
    card = views["card"]
    table = views["deck"].table("Kesiapan")
    rows = by_header(table.headers, table.display_rows())
    skip = ("Kabupaten/Kota", "Butir terlambat", "Belum siap pada")
    components = [c for c in card.columns if c not in skip]
    assert set(components) <= set(table.headers)
    assert len(rows) == len(card) == 35
    for code, shown in card.iterrows():
        assert rows[code]["Kategori"] == shown["Kategori"], code
        for column in components:
            if column != "Kategori":
                assert rows[code][column] == bare(shown[column]), (code, column)


def test_html_and_excel_show_the_deck_strings(views):
    deck = views["deck"]
    table = deck.table("Kesiapan")
    expected = by_header(table.headers, table.display_rows())
    page = Tables()
    page.feed(deck_html(deck).decode("utf-8"))
    header, *rows = page.tables["Kesiapan"]
    assert header == table.headers
    assert by_header(header, rows) == expected
    sheet = openpyxl.load_workbook(io.BytesIO(deck_xlsx(deck)))["Kesiapan"]
    cells = list(sheet.iter_rows(min_row=1))
    assert [c.value for c in cells[0]] == table.headers
    in_excel = by_header(table.headers, [[excel_text(c) for c in row] for row in cells[1:]])
    # Excel leaves a cell empty where the deck writes "belum lapor".
    for code, row in expected.items():
        for header_text, text in row.items():
            assert (
                in_excel[code][header_text] in (text, "")
                if text == fmt.NOT_REPORTED
                else (in_excel[code][header_text] == text)
            ), (code, header_text)


def test_slide_two_chart_reads_as_the_scorecard(views):
    """Every bar of the readiness chart, on the page deck and in the PowerPoint."""
    card, deck = views["card"], views["deck"]
    code_of = {short_name(name): code for code, name in card["Kabupaten/Kota"].items()}
    chart = deck.slide("ringkasan").chart
    shown = 0
    for label, value in zip(chart.categories, chart.series[0].values, strict=True):
        if label in code_of:
            code = code_of[label]
            assert display(value, INDEX) == bare(card.loc[code, "Indeks kesiapan"]), label
            shown += 1
    assert shown >= 5
    prs = Presentation(io.BytesIO(deck_pptx(deck)))
    slide = next(s for s in prs.slides if s.shapes.title.text == "Ringkasan provinsi")
    plot = next(s for s in slide.shapes if s.has_chart).chart.plots[0]
    assert plot.data_labels.number_format == "0.0"
    for label, value in zip(plot.categories, plot.series[0].values, strict=True):
        if label in code_of and value is not None:
            assert fmt.number(value, 1) == bare(card.loc[code_of[label], "Indeks kesiapan"])


def test_category_counts_agree_everywhere(views):
    ind, headline, deck = views["ind"], views["headline"], views["deck"]
    counts = ind.readiness["category"].value_counts()
    kpis = {k.label: k.value for k in deck.slide("ringkasan").kpis}
    for category in ("tertinggal", "perlu_perhatian"):
        expected = fmt.number(counts.get(category, 0))
        assert headline[category_text(category)] == expected
        assert kpis[category_text(category)] == expected
    card = views["card"]
    assert card["Kategori"].value_counts().to_dict() == {
        category_text(c): n for c, n in counts.items()
    }


def test_tile_map_attention_and_summary_agree_with_the_scorecard(views):
    card, tiles_frame, attention = views["card"], views["tiles"], views["attention"]
    summary = {r["kode_wilayah"]: r for r in views["summary"]["kabupaten_kota"]}
    for code, shown in card.iterrows():
        index = bare(shown["Indeks kesiapan"])
        category = shown["Kategori"]
        assert f"Indeks kesiapan: {index}<br>Kategori: {category}" in tiles_frame.loc[code, "hover"]
        assert tiles_frame.loc[code, "teks"].endswith(f"{category[0]} {index}")
        assert category_text(summary[code]["kategori"]) == category
        assert fmt.number(summary[code]["indeks_kesiapan"], 1) == index
        if category != category_text("siap"):
            assert code in attention.index, code
            # Whatever keeps it from "siap" is named (an overdue item too), first of all on
            # the scorecard beside the category.
            named = attention.loc[code, "Belum siap pada"]
            assert named != ranking.NOTHING, code
            assert named.startswith(bare(shown["Belum siap pada"])), code
            assert attention.loc[code, "Kesiapan"] == f"{category} · indeks {index}"


def test_every_regency_behind_on_a_due_component_is_in_the_attention_list(views):
    card, attention = views["card"], views["attention"]
    components = [
        c
        for c in card.columns
        if c
        not in (
            "Kabupaten/Kota",
            "Kategori",
            "Indeks kesiapan",
            "Butir terlambat",
            "Belum siap pada",
        )
    ]
    for code, shown in card.iterrows():
        behind = [c for c in components if shown[c][0] in ("■", "○")]
        if behind:
            assert shown["Kategori"] == category_text("tertinggal"), code
            assert code in attention.index, code
            named = attention.loc[code, "Belum siap pada"]
            for column in behind:
                assert column in named, (code, column)


def test_one_pagers_show_the_regency_as_the_scorecard(views):
    card = views["card"]
    for code, deck in views["regions"].items():
        kpis = {k.label: k.value for k in deck.slide("ringkasan").kpis}
        assert kpis["Indeks kesiapan"] == bare(card.loc[code, "Indeks kesiapan"]), code
        assert kpis["Kategori"] == card.loc[code, "Kategori"], code
        mine = by_header(deck.table("Kesiapan").headers, deck.table("Kesiapan").display_rows())
        assert mine[code]["Indeks kesiapan"] == bare(card.loc[code, "Indeks kesiapan"])


def test_women_share_reads_the_same_on_the_deck_and_the_body_view(views):
    """Slide 3's province table and the Badan Ad Hoc headline: 1.059/2.874 is 36,8%."""
    ind, deck = views["ind"], views["deck"]
    table = deck.slide("badan").table
    rows = {row[0]: row for row in table.display_rows()}
    for body, entry in ind.province["badan"].items():
        label = {"PANTARLIH": "Pantarlih"}.get(body, body)
        if entry.get("units_reported_count"):
            heads = {h.label: h.value for h in headline.headline(ind, None, body)}
            women = rows[label][table.headers.index("% perempuan")]
            if entry.get("women_share") is not None:
                assert heads[f"Perempuan di {label}"] == women
                assert re.fullmatch(r"\d+,\d%", women)
