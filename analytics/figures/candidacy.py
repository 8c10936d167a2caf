"""Candidacy preparation figures: status heatmap of regency x item, progress vs due dates."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics import formatting as fmt
from analytics.categories import CATEGORY_COLOR
from analytics.escaping import plotly_columns
from analytics.figures import theme

# The cell text (symbol and word) carries the meaning, colour only helps the eye. An overdue
# item has the tertinggal colour and symbol (■) of every other "behind" on the dashboard.
CELL_COLOR = {
    "selesai": "#56B4E9",
    "proses": "#E69F00",
    "terlambat": CATEGORY_COLOR["tertinggal"],
    "belum": "#F2F2F2",
    "tidak_berlaku": "#E0E0E0",
    "belum_lapor": theme.GREY,
}
CELL_ORDER = list(CELL_COLOR)


def _discrete_scale() -> list[list]:
    """A colorscale mapping the integer code of each cell state to its colour."""
    n = len(CELL_ORDER)
    scale = []
    for i, state in enumerate(CELL_ORDER):
        scale.append([i / n, CELL_COLOR[state]])
        scale.append([(i + 1) / n, CELL_COLOR[state]])
    return scale


def status_heatmap(
    cells: pd.DataFrame, highlight: str | None = None, limit: int | None = None
) -> go.Figure:
    """Regency (rows, in the order given) x item (columns) coloured by state, each cell
    with its symbol, status word and '⚠ n hari' when overdue.

    ``cells`` is ``views.candidacy.cells`` (row label in ``label``); ``highlight`` marks
    one regency's row; ``limit`` draws only the first regencies (and the highlighted one).
    The uploaded words (mitra) and names are shown as text, never as markup.
    """
    cells = plotly_columns(cells, "nama", "label", "kode_item", "uraian", "mitra")
    regions = list(dict.fromkeys(cells["kode_wilayah"]))
    if limit is not None and len(regions) > limit:
        regions = regions[:limit] + ([highlight] if highlight in regions[limit:] else [])
        cells = cells[cells["kode_wilayah"].isin(regions)]
    items = sorted(cells["kode_item"].unique())
    names = dict(zip(cells["kode_wilayah"], cells["nama"], strict=False))
    short = dict(zip(cells["kode_wilayah"], cells["label"], strict=False))
    due = dict(zip(cells["kode_item"], cells["batas_waktu"], strict=False))
    grid = {(c["kode_wilayah"], c["kode_item"]): c for c in cells.to_dict("records")}
    due_text = {item: fmt.date(due[item]) for item in items}
    order = {state: i for i, state in enumerate(CELL_ORDER)}
    z, text, hover = [], [], []
    for region in regions:
        z_row, text_row, hover_row = [], [], []
        for item in items:
            cell = grid[(region, item)]
            z_row.append(order[cell["cell_state"]])
            label = cell["status_text"]
            if cell["overdue_text"]:
                label = f"{label}<br>{cell['overdue_text']}"
            text_row.append(label)
            mitra = cell["mitra"] if isinstance(cell["mitra"], str) else "-"
            hover_row.append(
                f"<b>{names[region]}</b><br>{item}: {cell['uraian']}<br>"
                f"Batas waktu: {due_text[item]}<br>"
                f"Status: {label.replace('<br>', ' ')}<br>Mitra: {mitra}"
            )
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)
    y_labels = [("▶ " if region == highlight else "") + short[region] for region in regions]
    x_labels = [f"{item}<br>{_short_date(due[item])}" for item in items]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=x_labels,
            y=y_labels,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 12, "color": theme.INK},
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            colorscale=_discrete_scale(),
            zmin=0,
            zmax=len(CELL_ORDER),
            showscale=False,
            xgap=2,
            ygap=2,
        )
    )
    fig.update_yaxes(autorange="reversed", tickfont={"size": 13})
    fig.update_xaxes(side="top", tickfont={"size": 13})
    if highlight in regions:
        row = regions.index(highlight)
        fig.add_shape(
            type="rect",
            xref="paper",
            x0=0,
            x1=1,
            y0=row - 0.5,
            y1=row + 0.5,
            line={"color": theme.INK, "width": 3},
        )
    height = 110 + 34 * len(regions) + 12 * _two_line_rows(cells)
    return theme.apply(fig, height=height)


def _two_line_rows(cells: pd.DataFrame) -> int:
    return int(cells.groupby("kode_wilayah")["overdue_text"].apply(lambda s: (s != "").any()).sum())


def _short_date(value) -> str:
    value = pd.Timestamp(value)
    return f"{value.day} {fmt.MONTHS[value.month - 1][:3]}"


def progress_chart(series: pd.DataFrame) -> go.Figure:
    """Province items due vs due items done over the weekly snapshots (``progress_series``);
    the gap between the two lines is what is late or not reported."""
    custom = list(
        zip(
            [fmt.date(d) for d in series["report_date"]],
            [fmt.number(v) for v in series["overdue_count"]],
            strict=True,
        )
    )
    lines = [
        ("due_count", "Butir jatuh tempo", {"color": theme.INK, "dash": "dash", "width": 2},
         "square", "Jatuh tempo: %{y:,.0f} butir<br>Terlambat: %{customdata[1]} butir"),
        ("due_done_count", "Jatuh tempo dan selesai", {"color": theme.PALETTE[0], "width": 4},
         "circle", "Jatuh tempo dan selesai: %{y:,.0f} butir"),
        ("done_count", "Semua butir selesai", {"color": theme.PALETTE[5], "dash": "dot",
         "width": 2}, "diamond", "Selesai (termasuk sebelum jatuh tempo): %{y:,.0f} butir"),
    ]  # fmt: skip
    fig = go.Figure()
    for column, name, line, symbol, hover in lines:
        fig.add_trace(
            go.Scatter(
                x=series["report_date"],
                y=series[column],
                name=name,
                mode="lines+markers",
                line=line,
                marker={"symbol": symbol, "size": 8},
                customdata=custom,
                hovertemplate="%{customdata[0]}<br>" + hover + "<extra></extra>",
            )
        )
    fig.update_yaxes(title="Jumlah butir", rangemode="tozero")
    fig.update_xaxes(tickformat="%d/%m", title=None)
    theme.apply(fig, title="Butir jatuh tempo dan yang sudah selesai", height=440)
    fig.update_layout(legend={"yanchor": "top", "y": -0.12})
    return fig
