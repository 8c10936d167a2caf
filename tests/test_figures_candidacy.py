"""Candidacy figures: what each cell and line says, from the tiny fixture."""

import datetime as dt

import pytest

from analytics import categories, indicators
from analytics.figures import candidacy as figures
from analytics.figures import theme
from analytics.views import candidacy
from tests.ui.support import fixture_db

D = dt.date


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return fixture_db(tmp_path_factory.mktemp("gambar_kandidasi") / "siaga.duckdb")


def test_heatmap_cells_carry_symbol_word_and_delay(db):
    ind = indicators.compute(db, D(2024, 8, 21))
    fig = figures.status_heatmap(candidacy.cells(ind), highlight="33.71")
    heat = fig.data[0]
    assert len(heat.y) == 35 and heat.y[0] == "▶ Kota Magelang"
    assert list(heat.x[:2]) == ["PC01<br>10 Agu", "PC02<br>15 Agu"]
    first = list(heat.text[0])
    assert first[0] == "● Selesai"
    assert first[3] == "■ Belum<br>⚠ 1 hari"  # PC04, due 20 August: overdue
    assert first[5] == "○ Belum"  # PC06, due 24 August: not yet
    assert first[10] == "– Tidak berlaku"  # PC11
    assert heat.text[1][0] == "○ Belum lapor"
    state = figures.CELL_ORDER
    assert heat.z[0][3] == state.index("terlambat") and heat.z[0][0] == state.index("selesai")
    assert heat.z[0][5] == state.index("belum")
    assert figures.CELL_COLOR["terlambat"] == categories.CATEGORY_COLOR["tertinggal"]
    assert heat.z[1][0] == state.index("belum_lapor")  # belum lapor unchanged
    assert figures.CELL_COLOR["belum_lapor"] == theme.GREY
    assert "Batas waktu: 20 Agustus 2024" in heat.customdata[0][3]
    assert "Mitra: Partai politik" in heat.customdata[0][3]
    assert len(fig.layout.shapes) == 1  # the highlighted row is framed
    assert not figures.status_heatmap(candidacy.cells(ind)).layout.shapes


def test_progress_chart_lines(db):
    series = indicators.compute_series(db, [D(2024, 8, 10), D(2024, 8, 21)])
    fig = figures.progress_chart(candidacy.progress_series(series))
    names = [trace.name for trace in fig.data]
    assert names == ["Butir jatuh tempo", "Jatuh tempo dan selesai", "Semua butir selesai"]
    assert list(fig.data[0].y) == [35, 210]
    assert list(fig.data[1].y) == [0, 3]
    assert fig.data[0].customdata[1][0] == "21 Agustus 2024"
    assert "Terlambat: %{customdata[1]} butir" in fig.data[0].hovertemplate
    assert fig.layout.template.layout.separators == ",."  # Indonesian numbers


def test_heatmap_limited_to_the_first_regencies(db):
    ind = indicators.compute(db, D(2024, 8, 21))
    fig = figures.status_heatmap(candidacy.cells(ind), highlight="33.73", limit=2)
    heat = fig.data[0]
    assert list(heat.y) == ["Kota Magelang", "Kab. Cilacap", "▶ Kota Salatiga"]
    assert heat.text[0][3] == "■ Belum<br>⚠ 1 hari"
    assert len(figures.status_heatmap(candidacy.cells(ind), limit=35).data[0].y) == 35
