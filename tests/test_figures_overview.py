"""The tile map figure: tiles where the layout says, colour and symbol, Indonesian hover."""

import pandas as pd
import plotly.graph_objects as go

from analytics import categories
from analytics.figures import overview


def tiles() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "kode_wilayah": ["33.29", "33.16", "33.12"],
            "kolom": [0, 2, 1],
            "baris": [0, 0, 1],
            "category": ["siap", "tertinggal", "belum_lapor"],
            "teks": ["<b>Brebes</b><br>● 91,7", "<b>Blora</b><br>■ 55,0", "<b>Wonogiri</b><br>○ belum lapor"],
            "hover": ["<b>Kabupaten Brebes</b>", "<b>Kabupaten Blora</b>", "<b>Kabupaten Wonogiri</b>"],
        }
    )  # fmt: skip


def heatmap(fig: go.Figure) -> go.Heatmap:
    return next(t for t in fig.data if t.type == "heatmap")


def test_tiles_sit_at_their_column_and_row_with_text_and_hover():
    fig = overview.tile_map(tiles())
    grid = heatmap(fig)
    assert grid.z[0][0] == overview.CATEGORIES.index("siap") + 0.5
    assert grid.z[0][2] == overview.CATEGORIES.index("tertinggal") + 0.5
    assert grid.z[1][1] == overview.CATEGORIES.index("belum_lapor") + 0.5
    assert grid.z[0][1] is None and grid.z[1][0] is None  # no regency there: no tile
    assert grid.text[0][2] == "<b>Blora</b><br>■ 55,0"
    assert grid.customdata[1][1] == "<b>Kabupaten Wonogiri</b>"
    assert grid.hovertemplate == "%{customdata}<extra></extra>"
    assert grid.hoverongaps is False
    # North on top: row 0 drawn at the top.
    assert fig.layout.yaxis.autorange == "reversed"


def test_colour_steps_follow_the_theme():
    grid = heatmap(overview.tile_map(tiles()))
    scale = {round(stop, 3): color for stop, color in grid.colorscale}
    steps = len(overview.CATEGORIES)
    for i, category in enumerate(overview.CATEGORIES):
        # The middle of each step (where z = i + 0.5 lands) has the category's colour.
        lower = round(i / steps, 3)
        assert scale[lower] == categories.CATEGORY_COLOR[category]
    assert (grid.zmin, grid.zmax) == (0, steps)


def test_legend_names_symbol_word_and_thresholds():
    fig = overview.tile_map(tiles(), green=85, amber=60)
    names = [t.name for t in fig.data if t.type == "scatter"]
    assert names == ["● Siap (≥ 85)", "■ Tertinggal (< 60)", "○ Belum lapor"]
    assert all(t.hoverinfo == "skip" for t in fig.data if t.type == "scatter")


def test_highlight_frames_the_chosen_regency():
    fig = overview.tile_map(tiles(), highlight="33.16")
    (frame,) = fig.layout.shapes
    assert (frame.x0, frame.x1, frame.y0, frame.y1) == (1.5, 2.5, -0.5, 0.5)
    assert frame.line.width == 5
    assert overview.tile_map(tiles()).layout.shapes == ()
    assert overview.tile_map(tiles(), highlight="33.01").layout.shapes == ()  # not on the map


def test_uses_the_siaga_theme():
    fig = overview.tile_map(tiles(), title="Peta kesiapan")
    assert fig.layout.template.layout.separators == ",."
    assert fig.layout.title.text == "Peta kesiapan"
    assert fig.layout.height == 130 * 2 + 80
