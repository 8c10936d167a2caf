"""Province overview figures: the tile map of the 35 regencies."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics import formatting as fmt
from analytics.categories import CATEGORY_COLOR, category_text
from analytics.figures import theme

# Categories in legend order, each drawn with its own colour step of the heatmap.
CATEGORIES = ["siap", "perlu_perhatian", "tertinggal", "belum_lapor", "belum_dinilai"]


def _colorscale() -> list[list]:
    """A stepped colour scale: category i fills z in [i, i+1)."""
    steps = len(CATEGORIES)
    scale = []
    for i, category in enumerate(CATEGORIES):
        color = CATEGORY_COLOR[category]
        scale += [[i / steps, color], [(i + 1) / steps, color]]
    return scale


def _legend_label(category: str, green: float | None, amber: float | None) -> str:
    text = category_text(category)
    if green is None or amber is None:
        return text
    bounds = {
        "siap": f"≥ {fmt.number(green)}",
        "perlu_perhatian": f"{fmt.number(amber)}–{fmt.number(green)}",
        "tertinggal": f"< {fmt.number(amber)}",
    }
    return f"{text} ({bounds[category]})" if category in bounds else text


def tile_map(
    tiles: pd.DataFrame,
    highlight: str | None = None,
    green: float | None = None,
    amber: float | None = None,
    title: str | None = None,
) -> go.Figure:
    """Tile map: one square per regency at (kolom, baris), coloured by ``category`` with
    ``teks`` inside (name, symbol, index) and ``hover`` on hover; ``highlight`` (a
    kode_wilayah) gets a thick frame. Columns: kode_wilayah, kolom, baris, category, teks,
    hover."""
    columns = int(tiles["kolom"].max()) + 1
    rows = int(tiles["baris"].max()) + 1
    z = [[None] * columns for _ in range(rows)]
    text = [[""] * columns for _ in range(rows)]
    hover = [[""] * columns for _ in range(rows)]
    for tile in tiles.itertuples():
        z[tile.baris][tile.kolom] = CATEGORIES.index(tile.category) + 0.5
        text[tile.baris][tile.kolom] = tile.teks
        hover[tile.baris][tile.kolom] = tile.hover
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=list(range(columns)),
            y=list(range(rows)),
            text=text,
            customdata=hover,
            texttemplate="%{text}",
            textfont={"size": 14},
            hovertemplate="%{customdata}<extra></extra>",
            colorscale=_colorscale(),
            zmin=0,
            zmax=len(CATEGORIES),
            showscale=False,
            xgap=4,
            ygap=4,
            hoverongaps=False,
        )
    )
    present = [c for c in CATEGORIES if c in set(tiles["category"])]
    for category in present:
        # Legend entries only (no data): colour swatch and the symbol in the label.
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={"symbol": "square", "size": 16, "color": CATEGORY_COLOR[category]},
                name=_legend_label(category, green, amber),
                hoverinfo="skip",
            )
        )
    if highlight is not None and highlight in set(tiles["kode_wilayah"]):
        chosen = tiles[tiles["kode_wilayah"] == highlight].iloc[0]
        fig.add_shape(
            type="rect",
            x0=chosen["kolom"] - 0.5,
            x1=chosen["kolom"] + 0.5,
            y0=chosen["baris"] - 0.5,
            y1=chosen["baris"] + 0.5,
            line={"color": theme.INK, "width": 5},
        )
    fig.update_xaxes(visible=False, range=[-0.55, columns - 0.45], fixedrange=True)
    # Row 0 is the north: reversed axis puts it on top.
    fig.update_yaxes(visible=False, autorange="reversed", fixedrange=True)
    fig.update_layout(showlegend=True, legend={"font": {"size": 15}})
    return theme.apply(fig, title=title, height=130 * rows + 80)
