"""Badan Ad Hoc figures: what each bar, label and line says, on the tiny fixture."""

import datetime as dt

import pandas as pd
import pytest

from analytics import categories, indicators
from analytics.figures import bodies as figures
from analytics.figures import theme
from analytics.views import bodies as views
from tests.ui.support import fixture_db

MAGELANG = "Kota Magelang"


@pytest.fixture(scope="module")
def ind(tmp_path_factory):
    db = fixture_db(tmp_path_factory.mktemp("fig_bodies") / "siaga.duckdb")
    return indicators.compute(db, dt.date(2024, 8, 21))


@pytest.fixture(scope="module")
def pps(ind):
    return views.body_frame(ind, "PPS")


def trace(fig, name):
    return next(t for t in fig.data if t.name == name)


def texts_at(fig, label):
    """Every text shown on the row ``label`` (text traces and bars)."""
    out = []
    for t in fig.data:
        if t.text is None or t.y is None:
            continue
        texts = [t.text] * len(t.y) if isinstance(t.text, str) else t.text
        out += [text for y, text in zip(t.y, texts, strict=True) if y == label and text]
    return out


def test_status_bars_share(pps):
    fig = figures.status_bars(pps, "PPS", share=True)
    dilantik = trace(fig, "Dilantik")
    assert dilantik.marker.color == theme.STATUS_COLOR["dilantik"]
    row = list(dilantik.y).index(MAGELANG)
    assert dilantik.x[row] == pytest.approx(6 / 9) and dilantik.text[row] == "67%"
    waiting = trace(fig, "Ditetapkan, belum dilantik")
    assert waiting.x[row] == pytest.approx(3 / 9) and waiting.text[row] == "33%"
    assert trace(fig, "Kosong").text[row] == ""  # no empty seat, nothing written
    assert " 66,7% dilantik · 3 belum dilantik" in texts_at(fig, MAGELANG)
    # The 34 regencies that have not reported are listed, as words, not as zero bars.
    assert texts_at(fig, "Kota Salatiga") == ["○ belum lapor"]
    assert pd.isna(dilantik.x[list(dilantik.y).index("Kota Salatiga")])
    assert list(fig.layout.yaxis.categoryarray)[0] == MAGELANG  # reported first
    assert fig.layout.title.text == "Pengisian PPS per kabupaten/kota (bagian dari kebutuhan)"


def test_status_bars_counts_and_highlight(pps):
    fig = figures.status_bars(pps, "PPS", share=False, highlight="33.71")
    label = "<b>▶ Kota Magelang</b>"
    dilantik = trace(fig, "Dilantik")
    assert dilantik.x[list(dilantik.y).index(label)] == 6
    assert " 6 dari 9 dilantik · 3 belum dilantik" in texts_at(fig, label)
    (frame,) = fig.layout.shapes
    assert (frame.type, frame.x0, frame.x1, frame.y0, frame.y1) == ("rect", 0, 9, -0.45, 0.45)
    assert fig.layout.xaxis.title.text == "Jumlah anggota PPS"


def tiny_statuses() -> pd.DataFrame:
    """Three regencies without units of a body (hand-made): overdue, not due, belum lapor."""
    return pd.DataFrame(
        {
            "kode_wilayah": ["a", "b", "c"],
            "nama": ["Kota A", "Kota B", "Kota C"],
            "label": ["Kota A", "Kota B", "Kota C"],
            "status": [views.NO_UNITS_OVERDUE, views.NO_UNITS, views.NOT_REPORTED],
            "kebutuhan": [0.0, 0.0, None],
            "terisi": [0.0, 0.0, None],
            "dilantik": [0.0, 0.0, None],
            "ditetapkan_belum_dilantik": [0.0, 0.0, None],
            "kosong": [0.0, 0.0, None],
            "sworn_in_rate": [0.0, None, None],
            "women_share": [None, None, None],
            "perempuan": [0.0, 0.0, None],
            "data_as_of": pd.to_datetime(["2024-08-15", "2024-08-15", None]),
        }
    )


def missing_words(fig) -> dict[str, tuple[str, str]]:
    """Row label -> (text, colour) of the words drawn for rows without a bar."""
    words = next(t for t in fig.data if t.type == "scatter" and t.hovertext is not None)
    return {
        y: (text, colour)
        for y, text, colour in zip(words.y, words.text, words.textfont.color, strict=True)
    }


def test_overdue_body_without_units_reads_zero_in_the_tertinggal_colour():
    fig = figures.status_bars(tiny_statuses(), "Pantarlih", share=True)
    assert missing_words(fig) == {
        "Kota A": ("■ 0% dilantik · belum ada unit", categories.CATEGORY_COLOR["tertinggal"]),
        "Kota B": ("– belum ada unit", "#616161"),  # not due yet: grey, words only
        "Kota C": ("○ belum lapor", "#616161"),  # unchanged
    }
    assert list(fig.layout.yaxis.categoryarray) == ["Kota A", "Kota B", "Kota C"]
    women = figures.women_bars(tiny_statuses(), "Pantarlih", 0.3)
    assert missing_words(women)["Kota A"] == (
        "■ belum ada unit (terlambat)",
        categories.CATEGORY_COLOR["tertinggal"],
    )


def test_ranked_puts_the_lowest_first_and_missing_last(pps):
    frame = pd.DataFrame(
        {
            "kode_wilayah": ["a", "b", "c", "d"],
            "nama": ["A", "B", "C", "D"],
            "status": [views.REPORTED, views.NOT_REPORTED, views.REPORTED, views.NO_UNITS],
            "value": [0.9, None, 0.5, None],
        }
    )
    assert list(figures.ranked(frame, "value")["kode_wilayah"]) == ["c", "a", "d", "b"]


def test_women_bars_against_the_target_line(pps):
    fig = figures.women_bars(pps, "PPS", 0.30, highlight="33.71")
    at_target = trace(fig, "≥ 30%")
    assert list(at_target.y) == ["<b>▶ Kota Magelang</b>"]
    assert at_target.x[0] == pytest.approx(4 / 9)
    assert at_target.marker.color == figures.AT_TARGET_COLOR
    assert "44,4%" in texts_at(fig, "<b>▶ Kota Magelang</b>")
    line = next(s for s in fig.layout.shapes if s.type == "line")
    assert line.x0 == line.x1 == 0.30
    assert trace(fig, "Acuan 30%").line.dash == "dash"
    assert texts_at(fig, "Kota Salatiga") == ["○ belum lapor"]


def test_applicant_ratio_never_reads_as_meeting_the_target():
    assert figures.shown_below(1.998, 2.0, 0.01) == pytest.approx(1.99)
    assert figures.shown_below(2.004, 2.0, 0.01) == 2.004  # at or above: untouched
    assert figures.shown_below(0.2996, 0.30, 0.001) == pytest.approx(0.299)
    frame = pd.DataFrame(
        {
            "kode_wilayah": ["33.71", "33.72"],
            "nama": ["Kota Magelang", "Kota Surakarta"],
            "label": ["Kota Magelang", "Kota Surakarta"],
            "status": [views.REPORTED, views.REPORTED],
            "applicant_ratio": [1.998, 2.5],
            "pendaftar": [1998, 25],
            "kebutuhan": [1000, 10],
        }
    )
    fig = figures.applicant_bars(frame, "PPK", 2.0)
    assert list(trace(fig, "< 2,0×").y) == ["Kota Magelang"]
    assert texts_at(fig, "Kota Magelang") == ["1,99×"]
    assert texts_at(fig, "Kota Surakarta") == ["2,50×"]


def test_coverage_bars(pps):
    fig = figures.coverage_bars(pps, "PPS", "desa/kelurahan")
    below = trace(fig, "< 100%")
    assert below.x[list(below.y).index(MAGELANG)] == pytest.approx(3 / 17)
    assert "17,6%" in texts_at(fig, MAGELANG)
    assert "3 dari 17 desa/kelurahan dilaporkan" in below.hovertext[0]


def test_first_rows_keeps_the_lowest_and_the_highlighted_regency():
    frame = pd.DataFrame(
        {
            "kode_wilayah": ["a", "b", "c", "d", "e"],
            "nama": ["A", "B", "C", "D", "E"],
            "status": [views.REPORTED] * 4 + [views.NOT_REPORTED],
            "value": [0.9, 0.2, 0.5, 0.7, None],
        }
    )
    order = figures.ranked(frame, "value")  # b, c, d, a, e
    assert list(figures.first_rows(order, 2, None)["kode_wilayah"]) == ["b", "c"]
    assert list(figures.first_rows(order, 2, "a")["kode_wilayah"]) == ["b", "c", "a"]
    assert list(figures.first_rows(order, 2, "c")["kode_wilayah"]) == ["b", "c"]
    assert len(figures.first_rows(order, None, None)) == len(figures.first_rows(order, 5, "a")) == 5


def test_limited_bars_draw_the_lowest_and_say_so_in_the_title(pps):
    fig = figures.women_bars(pps, "PPS", 0.30, highlight="33.73", limit=2)
    rows = list(fig.layout.yaxis.categoryarray)
    # Magelang (the only one with a value) first, then the next by name, then the highlight.
    assert rows == [MAGELANG, "Kab. Banjarnegara", "<b>▶ Kota Salatiga</b>"]
    assert fig.layout.title.text == "Keterwakilan perempuan (PPS)"
    assert fig.layout.title.subtitle.text == "3 dari 35 kabupaten/kota, terendah dulu"
    assert fig.layout.margin.t == 90 + figures.SUBTITLE_PX  # room for the subtitle
    drawn = {y for trace in fig.data if trace.y is not None for y in trace.y if y is not None}
    assert drawn == set(rows)
    whole = figures.status_bars(pps, "PPS", share=True, limit=35)
    assert whole.layout.title.subtitle.text is None and whole.layout.margin.t == 90
