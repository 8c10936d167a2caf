"""Plotly figures of the meeting deck's chart data (Mode Rapat page and the HTML report)."""

from __future__ import annotations

import plotly.graph_objects as go

from analytics.figures import theme
from analytics.meeting import Chart

# Checklist states of the stacked bar: colour and order match the candidacy page.
STATE_COLOR = {
    "Selesai": theme.CATEGORY_COLOR["siap"],
    "Proses": theme.PALETTE[5],
    "Belum": theme.CATEGORY_COLOR["tertinggal"],
    "Tidak berlaku": theme.CATEGORY_COLOR["belum_dinilai"],
    "Belum lapor": theme.GREY,
}
PROVINCE_SERIES = "Provinsi"
# d3 formats (the theme's separators make them Indonesian: 87,5%, 1.234).
VALUE_FORMAT = {"percent": ".1%", "index": ".1f", "count": ",d"}
AXIS_FORMAT = {"percent": ".0%", "index": "d", "count": ",d"}


def series_colors(chart: Chart) -> list[str]:
    """One colour per series: checklist states by meaning, 'Provinsi' grey, else the palette."""
    colors = []
    for i, series in enumerate(chart.series):
        if chart.kind == "stacked_bar" and series.name in STATE_COLOR:
            colors.append(STATE_COLOR[series.name])
        elif series.name == PROVINCE_SERIES:
            colors.append(theme.GREY)
        else:
            colors.append(theme.PALETTE[i % len(theme.PALETTE)])
    return colors


def chart_figure(
    chart: Chart, height: int | None = None, font_size: int = 16, title: bool = True
) -> go.Figure:
    """The chart as a plotly figure: bars keep the deck's order from the top down.

    ``title=False`` when the page writes the title itself (it wraps, plotly's does not).
    """
    horizontal = chart.kind in ("bar", "stacked_bar")
    value_format = VALUE_FORMAT[chart.value_kind]
    # Values on the bars when they stay readable: one series, or a few categories.
    labelled = chart.kind == "stacked_bar" or len(chart.series) == 1 or len(chart.categories) <= 6
    fig = go.Figure()
    for series, color in zip(chart.series, series_colors(chart), strict=True):
        # A zero segment of a stacked bar would still print "0".
        values = [None if chart.kind == "stacked_bar" and not v else v for v in series.values]
        axis = "%{y}" if horizontal else "%{x}"
        value = "%{x:" + value_format + "}" if horizontal else "%{y:" + value_format + "}"
        fig.add_trace(
            go.Bar(
                x=values if horizontal else list(chart.categories),
                y=list(chart.categories) if horizontal else values,
                orientation="h" if horizontal else "v",
                name=series.name,
                marker_color=color,
                texttemplate=(value if labelled else None),
                textposition="inside" if chart.kind == "stacked_bar" else "outside",
                textangle=0,
                insidetextanchor="middle",
                cliponaxis=False,
                hovertemplate=f"{axis}<br>{series.name}: {value}<extra></extra>",
            )
        )
    theme.apply(fig, title=chart.title if title else None, height=height)
    fig.update_layout(
        barmode="stack" if chart.kind == "stacked_bar" else "group",
        font={"size": font_size},
        title={"font": {"size": font_size + 4}},
        showlegend=len(chart.series) > 1,
        legend_traceorder="normal",
        bargap=0.25,
        bargroupgap=0.05,
        margin={
            "l": 10,
            "r": 30,
            "t": (60 if title else 20) + 30 * (len(chart.series) > 1),
            "b": 10,
        },  # fmt: skip
    )
    if chart.kind == "stacked_bar":  # numbers inside segments too thin for them are left out
        fig.update_layout(uniformtext={"minsize": max(font_size - 5, 10), "mode": "hide"})
    value_axis = {"tickformat": AXIS_FORMAT[chart.value_kind], "rangemode": "tozero"}
    if chart.value_kind == "percent":
        value_axis["range"] = [0, 1.08]
    elif chart.value_kind == "index":
        value_axis["range"] = [0, 105]
    if horizontal:
        fig.update_xaxes(**value_axis)
        # Every regency named (plotly would skip labels on a crowded axis).
        fig.update_yaxes(autorange="reversed", tickmode="linear", dtick=1,
                         tickfont={"size": max(font_size - 4, 10)})  # fmt: skip
    else:
        fig.update_yaxes(**value_axis)
    if chart.target is not None:
        line = {"line_dash": "dash", "line_color": theme.INK, "line_width": 1.5,
                "annotation_text": chart.target_label, "annotation_position": "top"}  # fmt: skip
        if horizontal:
            fig.add_vline(x=chart.target, **line)
        else:
            fig.add_hline(y=chart.target, **line)
    return fig


def chart_height(chart: Chart, per_row: int = 22, minimum: int = 360) -> int:
    """Pixels that keep every category label legible (bars grow with the regencies)."""
    if chart.kind == "column":
        return minimum + 60
    # A stacked bar carries its numbers inside: give it room for them.
    depth = 2.2 if chart.kind == "stacked_bar" else len(chart.series) ** 0.5
    rows = len(chart.categories) * depth
    return max(minimum, int(rows * per_row) + 120)
