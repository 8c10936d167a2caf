"""Plotly figures of the meeting deck's chart data (Mode Rapat page and the PNG export).

A bar the deck gives a readiness category takes the scorecard's colour and symbol
(● siap, ▲ perlu perhatian, ■ tertinggal, ○ belum lapor), so laggards stand out; the
helpers that decide colours, value prefixes and legend entries are shared with the SVG
(HTML report) and PowerPoint renderers, so every copy of a slide reads the same.
"""

from __future__ import annotations

from html import escape

import plotly.graph_objects as go

from analytics.categories import CATEGORY_COLOR, CATEGORY_LABEL, CATEGORY_SYMBOL
from analytics.escaping import plotly_text
from analytics.figures import theme
from analytics.meeting import Chart

# Checklist states of the stacked bar (``meeting.province.ITEM_STATES``): an overdue item
# in the tertinggal colour, as everything "behind" on the dashboard; one not yet due in a
# neutral slate, so it never reads as a laggard.
STATE_COLOR = {
    "Selesai": CATEGORY_COLOR["siap"],
    "Proses": theme.PALETTE[5],
    "Terlambat": CATEGORY_COLOR["tertinggal"],
    "Belum": "#7F8C99",
    "Tidak berlaku": CATEGORY_COLOR["belum_dinilai"],
    "Belum lapor": theme.GREY,
}
PROVINCE_SERIES = "Provinsi"
# d3 formats (the theme's separators make them Indonesian: 87,5%, 1.234).
VALUE_FORMAT = {"percent": ".1%", "index": ".1f", "count": ",d"}
AXIS_FORMAT = {"percent": ".0%", "index": "d", "count": ",d"}
# The category symbols as plotly marker symbols, for the legend.
LEGEND_MARKER = {
    "siap": "circle",
    "perlu_perhatian": "triangle-up",
    "tertinggal": "square",
    "belum_lapor": "circle-open",
    "belum_dinilai": "line-ew-open",
}
BAR_GAP = 0.2  # of a category band
STACKED_LABEL_SHARE = 0.12  # of the longest stack: narrower segments carry no number


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


def bar_colors(chart: Chart) -> list[list[str]]:
    """The fill of every bar, series by series: the colour of its readiness category where
    the deck gives one, else its series' colour."""
    fills = []
    for series, color in zip(chart.series, series_colors(chart), strict=True):
        categories = series.bar_categories or (None,) * len(series.values)
        fills.append([CATEGORY_COLOR.get(c, color) if c else color for c in categories])
    return fills


def is_categorised(chart: Chart) -> bool:
    return any(s.bar_categories for s in chart.series)


def value_prefixes(chart: Chart) -> list[list[str]]:
    """What stands before each bar's value: its category's symbol ('▲ '), and the body
    ('PPK ▲ ') where several bodies share one colour scheme (the colour no longer tells
    them apart)."""
    named = chart.kind == "bar" and len(chart.series) > 1
    prefixes = []
    for series in chart.series:
        categories = series.bar_categories or (None,) * len(series.values)
        row = []
        for category in categories:
            parts = [series.name] if named and series.bar_categories else []
            if category:
                parts.append(CATEGORY_SYMBOL[category])
            row.append(" ".join(parts) + " " if parts else "")
        prefixes.append(row)
    return prefixes


def legend_entries(chart: Chart) -> list[tuple[str, str, str | None]]:
    """(text, colour, category) of the legend: the series without categories (when there
    are several), then the categories the bars show, in the scorecard's order."""
    colors = series_colors(chart)
    plain = [(s.name, c, None) for s, c in zip(chart.series, colors, strict=True)
             if not s.bar_categories]  # fmt: skip
    entries = plain if len(chart.series) > 1 else []
    shown = {
        c for s in chart.series for c, v in zip(s.bar_categories, s.values, strict=False) if c
        and v is not None
    }  # fmt: skip
    entries += [
        (CATEGORY_LABEL[key], CATEGORY_COLOR[key], key) for key in CATEGORY_LABEL if key in shown
    ]
    return entries


def is_labelled(chart: Chart) -> bool:
    """Values on the bars when they stay readable: one series, or a few categories."""
    return chart.kind == "stacked_bar" or len(chart.series) == 1 or len(chart.categories) <= 6


def ink_on(color: str) -> str:
    """Black or white text, whichever reads on ``color``."""
    r, g, b = (int(color.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return theme.INK if luminance > 0.5 else "white"


def chart_figure(
    chart: Chart, height: int | None = None, font_size: int = 16, title: bool = True
) -> go.Figure:
    """The chart as a plotly figure: bars keep the deck's order from the top down, every
    text at ``font_size`` or larger (plotly may not shrink a value to fit its bar).

    ``title=False`` when the page writes the title, the legend (``legend_html``) and the
    note itself: they wrap there, while plotly wraps a legend at the plot area's width.
    """
    fig = go.Figure()
    widest = _widest_stack(chart)
    for series, fills, prefixes in zip(
        chart.series, bar_colors(chart), value_prefixes(chart), strict=True
    ):
        fig.add_trace(_series_bars(chart, series, fills, prefixes, widest, title))
    entries = legend_entries(chart) if title else []
    _add_category_legend(fig, entries, font_size)
    theme.apply(fig, title=chart.title if title else None, height=height)
    note_room = 2 * font_size + 8 if title and chart.note else 0
    _lay_out(fig, chart, entries, font_size, title, note_room)
    _style_axes(fig, chart, font_size)
    if chart.target is not None:
        _add_target_line(fig, chart, title)
    if note_room:
        _add_note(fig, chart, font_size)
    return fig


def _is_horizontal(chart: Chart) -> bool:
    """Whether the bars lie along the value axis from the left (bar and stacked bar)."""
    return chart.kind in ("bar", "stacked_bar")


def _widest_stack(chart: Chart) -> float:
    """The longest bar, all series of a category added up (0 without categories)."""
    return max(
        (sum(s.values[i] or 0 for s in chart.series) for i in range(len(chart.categories))),
        default=0,
    )


def _value_template(chart: Chart) -> str:
    """The plotly template of a bar's value, in the chart's number format."""
    value_format = VALUE_FORMAT[chart.value_kind]
    if _is_horizontal(chart):
        return "%{x:" + value_format + "}"
    return "%{y:" + value_format + "}"


def _bar_texts(chart: Chart, series, prefixes: list[str], widest: float) -> list[str] | None:
    """The text of each bar of a series (prefix and value), None when the chart is
    unlabelled, blank on a stacked segment too narrow to carry a number."""
    value = _value_template(chart)
    texts = [plotly_text(p) + value for p in prefixes] if is_labelled(chart) else None
    if chart.kind == "stacked_bar":  # a number only on a segment wide enough to carry it
        texts = [t if (v or 0) >= STACKED_LABEL_SHARE * widest else "" for t, v in
                 zip(texts, series.values, strict=True)]  # fmt: skip
    return texts


def _series_bars(
    chart: Chart, series, fills: list[str], prefixes: list[str], widest: float, title: bool
) -> go.Bar:
    """The bars of one series in their fills, each with its value where it stays readable."""
    horizontal = _is_horizontal(chart)
    stacked = chart.kind == "stacked_bar"
    # Names are data: plotly reads <b>, <br> and the like as markup unless escaped.
    names = [plotly_text(c) for c in chart.categories]
    # A zero segment of a stacked bar would still print "0".
    values = [None if stacked and not v else v for v in series.values]
    axis = "%{y}" if horizontal else "%{x}"
    value = _value_template(chart)
    return go.Bar(
        x=values if horizontal else names,
        y=names if horizontal else values,
        orientation="h" if horizontal else "v",
        name=plotly_text(series.name),
        showlegend=title and not series.bar_categories and len(chart.series) > 1,
        marker_color=fills,
        texttemplate=_bar_texts(chart, series, prefixes, widest),
        # Inside the bar's end where the text fits, else just past it.
        textposition="inside" if stacked else "auto",
        insidetextanchor="middle" if stacked else "end",
        insidetextfont={"color": [ink_on(f) for f in fills]},
        outsidetextfont={"color": theme.INK},
        constraintext="none",
        textangle=0,
        cliponaxis=False,
        hovertemplate=f"{axis}<br>{plotly_text(series.name)}: {value}<extra></extra>",
    )


def _add_category_legend(
    fig: go.Figure, entries: list[tuple[str, str, str | None]], font_size: int
) -> None:
    """A legend entry with its symbol for each readiness category the bars show."""
    for text, color, category in entries:
        if category is None:
            continue  # a series' own legend entry
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=plotly_text(text),
                marker={"symbol": LEGEND_MARKER[category], "color": color,
                        "size": font_size, "line": {"color": color, "width": 2}},
                hoverinfo="skip",
            )
        )  # fmt: skip


def _lay_out(
    fig: go.Figure,
    chart: Chart,
    entries: list[tuple[str, str, str | None]],
    font_size: int,
    title: bool,
    note_room: int,
) -> None:
    """Bar mode, fonts, legend and margins, leaving room for the legend and the note."""
    stacked = chart.kind == "stacked_bar"
    legend_room = 2 * font_size if title and (entries or chart.target is not None) else 0
    fig.update_layout(
        barmode="stack" if stacked else "group",
        font={"size": font_size},
        title={"font": {"size": font_size + 4}, "yref": "container", "y": 0.99,
               "yanchor": "top"},
        showlegend=bool(entries) or (title and chart.target is not None),
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0,
                "font": {"size": font_size}, "traceorder": "normal"},
        bargap=BAR_GAP,
        bargroupgap=0.0,
        # Never smaller than the rest of the text: a value that does not fit in its bar is
        # shown past it (a stacked segment too narrow has none, see _bar_texts).
        uniformtext={"minsize": font_size, "mode": "show"},
        margin={"l": 10, "r": 30, "t": (60 if title else 4) + legend_room,
                "b": (10 if title else 4) + note_room},
    )  # fmt: skip


def _value_axis(chart: Chart) -> dict:
    """The value axis: number format, range from zero, no scale when every bar is labelled."""
    value_axis = {"tickformat": AXIS_FORMAT[chart.value_kind], "rangemode": "tozero"}
    if chart.value_kind == "percent":
        value_axis["range"] = [0, 1.08]
    elif chart.value_kind == "index":
        value_axis["range"] = [0, 105]
    if is_labelled(chart) and chart.kind != "stacked_bar":
        value_axis.update(showticklabels=False, showgrid=False)  # every bar carries its value
    return value_axis


def _style_axes(fig: go.Figure, chart: Chart, font_size: int) -> None:
    """The value axis and the category axis, every category named."""
    if _is_horizontal(chart):
        fig.update_xaxes(**_value_axis(chart))
        # Every regency named (plotly would skip labels on a crowded axis).
        fig.update_yaxes(autorange="reversed", tickmode="linear", dtick=1,
                         tickfont={"size": font_size})  # fmt: skip
    else:
        fig.update_yaxes(**_value_axis(chart))
        fig.update_xaxes(tickfont={"size": font_size})


def _add_target_line(fig: go.Figure, chart: Chart, title: bool) -> None:
    """The dashed target line across the bars."""
    # The target line is named in the legend, where it never covers a bar.
    line = {"line_dash": "dash", "line_color": theme.INK, "line_width": 2, "layer": "below",
            "name": plotly_text(chart.target_label), "showlegend": title and bool(chart.target_label)}  # fmt: skip
    if _is_horizontal(chart):
        fig.add_vline(x=chart.target, **line)
    else:
        fig.add_hline(y=chart.target, **line)


def _add_note(fig: go.Figure, chart: Chart, font_size: int) -> None:
    """The chart's note under the plot, left-aligned."""
    fig.add_annotation(text=plotly_text(chart.note), xref="paper", yref="paper", x=0, y=0,
                       xanchor="left", yanchor="top", yshift=-8, showarrow=False,
                       align="left", font={"size": font_size})  # fmt: skip


def legend_html(chart: Chart, font_size: str = "18px") -> str:
    """The legend as one wrapping line of HTML (colour swatch or category symbol, then the
    name; the target line dashed), every text escaped."""
    items = []
    for text, color, category in legend_entries(chart):
        mark = CATEGORY_SYMBOL[category] if category else "■"
        items.append(f'<span style="color:{color}">{mark}</span>&nbsp;{escape(text)}')
    if chart.target is not None and chart.target_label:
        items.append(
            f'<span style="border-top:2px dashed {theme.INK};display:inline-block;'
            f'width:1.4em;vertical-align:middle"></span>&nbsp;{escape(chart.target_label)}'
        )
    spans = "".join(f'<span style="white-space:nowrap">{item}</span>' for item in items)
    return (
        f'<div class="siaga-legend" style="display:flex;flex-wrap:wrap;column-gap:1.2em;'
        f'font-size:{font_size};line-height:1.4;color:{theme.INK}">{spans}</div>'
    )


def chart_height(chart: Chart, per_row: int = 22, minimum: int = 360) -> int:
    """Pixels that keep every category label legible (bars grow with the regencies)."""
    if chart.kind == "column":
        return minimum + 60
    # A stacked bar carries its numbers inside: give it room for them.
    depth = 2.2 if chart.kind == "stacked_bar" else len(chart.series) ** 0.5
    rows = len(chart.categories) * depth
    return max(minimum, int(rows * per_row) + 120)


def slide_chart_height(chart: Chart, font_size: int) -> int:
    """Pixels of the plot (title, legend and note drawn by the page) in which every bar is
    at least ``font_size`` + 3 thick, so its value and label fit; columns get a fixed frame."""
    if chart.kind == "column":
        return 300
    bars = 1 if chart.kind == "stacked_bar" else len(chart.series)
    band = bars * (font_size + 3) / (1 - BAR_GAP)
    axis = 2 * font_size if chart.kind == "stacked_bar" else 0  # the count axis stays
    return int(len(chart.categories) * band) + axis + 8
