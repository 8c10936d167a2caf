"""Regency profile figures: rates beside the province median, weekly trends."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go

from analytics import formatting as fmt
from analytics.categories import CATEGORY_COLOR, CATEGORY_LABEL, CATEGORY_SYMBOL
from analytics.escaping import plotly_text
from analytics.figures import theme
from analytics.figures.meeting import LEGEND_MARKER
from analytics.labels import BODY_LABEL, missing_texts

# A comparison bar without a readiness category (the women's share, judged by its target).
NEUTRAL = "#7F8C99"
VALUE_GAP = 8  # pixels between the plot and the value column
CHAR_PX = 10  # width of a character of the 15 px bold values, generously

BODY_SYMBOL = {"PPK": "circle", "PPS": "square", "PANTARLIH": "diamond", "KPPS": "triangle-up"}
BODY_COLOR = {
    "PPK": theme.PALETTE[0],
    "PPS": theme.PALETTE[1],
    "PANTARLIH": theme.PALETTE[2],
    "KPPS": theme.PALETTE[4],
}


def legend_below(fig: go.Figure) -> go.Figure:
    """The legend under the plot, so it never overlaps the title."""
    fig.update_layout(legend={"yanchor": "top", "y": -0.12, "x": 0})
    return fig


class _ComparisonBars(NamedTuple):
    """What the comparison chart draws per indicator, bottom row first: values on the
    0-100 axis, the bar's category and colour, and the texts written beside it."""

    labels: list[str]
    values: list[float | None]
    medians: list[float | None]
    categories: list[str | None]
    colors: list[str]
    value_text: list[str]
    median_text: list[str]
    marks: list[str]


def comparison_chart(frame: pd.DataFrame, name: str) -> go.Figure:
    """The readiness index and headline rates of ``views.profile.comparison_frame``
    (``in_chart``): a bar for the regency in the colour of its ``category`` (neutral
    without one, e.g. the women's share), a diamond for the province median, a vertical
    stroke for a target. Each value, with its category's symbol ('■ 28,1%'), or 'belum
    lapor' / 'belum jatuh tempo', stands right of the plot, where no marker covers it."""
    rates = frame[frame["in_chart"]].iloc[::-1]
    name = plotly_text(name)
    bars = _comparison_bars(rates)
    fig = go.Figure()
    fig.add_trace(_region_bars(bars, name))
    _add_category_legend(fig, bars.categories)
    fig.add_trace(_median_diamonds(bars))
    if rates["target"].notna().any():
        fig.add_trace(_target_strokes(rates[rates["target"].notna()]))
    _add_value_column(fig, bars)
    return _lay_out_comparison(fig, bars)


def _axis_values(rates: pd.DataFrame, column: str) -> list[float | None]:
    """``column`` on the 0-100 axis: rates in percent, the index as it is; None if missing."""
    scale = [1 if kind == "index" else 100 for kind in rates["kind"]]
    return [None if pd.isna(v) else v * k for v, k in zip(rates[column], scale, strict=True)]


def _axis_text(value: float | None, kind: str, missing: str) -> str:
    """A value of the 0-100 axis as the tables write it ('64,2' for the index, '28,1%')."""
    if value is None:
        return missing
    return fmt.number(value, 1) if kind == "index" else fmt.percent(value / 100)


def _comparison_bars(rates: pd.DataFrame) -> _ComparisonBars:
    """Values, medians, categories, colours and texts of the chart's rows."""
    values = _axis_values(rates, "value")
    medians = _axis_values(rates, "median")
    categories = [
        c if isinstance(c, str) else None for c in rates.get("category", [None] * len(rates))
    ]
    return _ComparisonBars(
        labels=list(rates["label"]),
        values=values,
        medians=medians,
        categories=categories,
        colors=[CATEGORY_COLOR[c] if c else NEUTRAL for c in categories],
        value_text=[
            _axis_text(v, kind, missing)
            for v, kind, missing in zip(values, rates["kind"], missing_texts(rates), strict=True)
        ],
        median_text=[
            _axis_text(m, kind, "-") for m, kind in zip(medians, rates["kind"], strict=True)
        ],
        marks=[
            CATEGORY_SYMBOL[c] + " " if c and v is not None else ""
            for c, v in zip(categories, values, strict=True)
        ],  # fmt: skip
    )


def _region_bars(bars: _ComparisonBars, name: str) -> go.Bar:
    """The regency's bars in their categories' colours (0 where it has no value)."""
    return go.Bar(
        y=bars.labels,
        x=[v if v is not None else 0 for v in bars.values],
        orientation="h",
        name=name,
        showlegend=False,  # the bars' colours are the categories, named below
        marker={"color": bars.colors},
        customdata=[m + t for m, t in zip(bars.marks, bars.value_text, strict=True)],
        hovertemplate="%{y}<br>" + name + ": %{customdata}<extra></extra>",
    )


def _add_category_legend(fig: go.Figure, categories: list[str | None]) -> None:
    """A legend entry with its symbol for each readiness category a bar is drawn in."""
    for key in CATEGORY_LABEL:
        if key not in categories:
            continue
        fig.add_trace(
            go.Scatter(
                x=[None], y=[None], mode="markers", name=CATEGORY_LABEL[key],
                marker={"symbol": LEGEND_MARKER[key], "size": 13,
                        "color": CATEGORY_COLOR[key]},
                hoverinfo="skip",
            )
        )  # fmt: skip


def _median_diamonds(bars: _ComparisonBars) -> go.Scatter:
    """A diamond at the province median of each indicator."""
    return go.Scatter(
        y=bars.labels,
        x=bars.medians,
        mode="markers",
        name="Median provinsi",
        marker={"symbol": "diamond", "size": 15, "color": theme.INK,
                "line": {"color": "white", "width": 1.5}},
        customdata=bars.median_text,
        hovertemplate="%{y}<br>Median provinsi: %{customdata}<extra></extra>",
    )  # fmt: skip


def _target_strokes(shown: pd.DataFrame) -> go.Scatter:
    """A vertical stroke at the target of each indicator that has one."""
    return go.Scatter(
        y=list(shown["label"]),
        x=[t * 100 for t in shown["target"]],
        mode="markers",
        name="Sasaran",
        marker={"symbol": "line-ns", "size": 28, "line": {"width": 4,
                "color": theme.PALETTE[4]}},  # not a category colour
        customdata=[fmt.percent(t, 0) for t in shown["target"]],
        hovertemplate="%{y}<br>Sasaran: %{customdata}<extra></extra>",
    )  # fmt: skip


def _add_value_column(fig: go.Figure, bars: _ComparisonBars) -> None:
    """Each value, after its category's symbol, in a column right of the plot."""
    # Right of the plot, a value is never under a diamond or a target stroke.
    for label, mark, text, color in zip(
        bars.labels, bars.marks, bars.value_text, bars.colors, strict=True
    ):
        symbol = f'<span style="color:{color}">{plotly_text(mark)}</span>' if mark else ""
        fig.add_annotation(
            x=1, xref="paper", xanchor="left", xshift=VALUE_GAP, y=label, yref="y",
            text=symbol + f"<b>{plotly_text(text)}</b>", showarrow=False, align="left",
            font={"size": 15, "color": theme.INK},
        )  # fmt: skip


def _lay_out_comparison(fig: go.Figure, bars: _ComparisonBars) -> go.Figure:
    """The 0-100 axis, a right margin as wide as the longest value, a height per row."""
    widest = max(
        (len(m) + len(t) for m, t in zip(bars.marks, bars.value_text, strict=True)), default=0
    )
    ticks = [0, 25, 50, 75, 100]
    fig.update_xaxes(range=[0, 105], tickvals=ticks, title=None)
    fig.update_yaxes(title=None, tickfont={"size": 15})
    fig.update_layout(bargap=0.3, margin={"r": VALUE_GAP + int(widest * CHAR_PX) + 12})
    return legend_below(theme.apply(fig, height=max(260, 170 + 44 * len(bars.labels))))


NOTE_COLOR = "#B35C00"  # the notes on the numbers: an accent no series uses
NOTE_WRAP = 48  # characters per line of a note in its hover box


def _add_number_notes(fig: go.Figure, notes: Sequence, dates: pd.Series, y: float) -> None:
    """A marker at the top of the plot and a dotted line on the date of each note on the
    numbers (``number_notes.NumberNote``) within the chart's dates; hovering it shows the
    note as typed (escaped: it is text an admin typed, never markup)."""
    if not len(notes) or not len(dates):
        return
    first, last = pd.Timestamp(min(dates)).date(), pd.Timestamp(max(dates)).date()
    by_date: dict[dt.date, list[str]] = {}
    for note in sorted(notes, key=lambda n: (n.tanggal, n.id)):
        if first <= note.tanggal <= last:
            lines = textwrap.wrap(note.teks, NOTE_WRAP) or [""]
            text = "<br>".join(plotly_text(line) for line in lines)
            by_date.setdefault(note.tanggal, []).append(f"{text} ({plotly_text(note.dibuat_oleh)})")
    if not by_date:
        return
    days = sorted(by_date)
    for day in days:
        fig.add_vline(x=pd.Timestamp(day), line={"color": NOTE_COLOR, "dash": "dot", "width": 1})
    fig.add_trace(
        go.Scatter(
            x=[pd.Timestamp(d) for d in days],
            y=[y] * len(days),
            name="Catatan angka",
            mode="markers",
            marker={"symbol": "star", "size": 14, "color": NOTE_COLOR},
            customdata=[fmt.date(d) for d in days],
            hovertext=["<br>".join(by_date[d]) for d in days],
            hovertemplate="<b>Catatan %{customdata}</b><br>%{hovertext}<extra></extra>",
        )
    )


def readiness_trend(frame: pd.DataFrame, name: str, notes: Sequence = ()) -> go.Figure:
    """Weekly readiness index of the regency beside the province median
    (``views.profile.trend_frames``); ``notes`` on the numbers marked at their dates."""
    name = plotly_text(name)
    dates = [fmt.date(d) for d in frame["report_date"]]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=frame["report_date"],
            y=frame["median"],
            name="Median provinsi",
            mode="lines",
            line={"color": theme.INK, "dash": "dash", "width": 2},
            customdata=dates,
            hovertemplate="%{customdata}<br>Median provinsi: %{y:,.1f}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=frame["report_date"],
            y=frame["readiness_index"],
            name=name,
            mode="lines+markers",
            line={"color": theme.PALETTE[0], "width": 4},
            marker={"size": 7},
            customdata=dates,
            hovertemplate="%{customdata}<br>" + name + ": %{y:,.1f}<extra></extra>",
        )
    )
    _add_number_notes(fig, notes, frame["report_date"], 100)
    fig.update_yaxes(range=[0, 102], title="Indeks kesiapan")
    fig.update_xaxes(tickformat="%d/%m", title=None)
    return legend_below(theme.apply(fig, title="Indeks kesiapan per pekan", height=400))


def sworn_in_trend(frame: pd.DataFrame, notes: Sequence = ()) -> go.Figure:
    """Weekly sworn-in rate per body of one regency; a body starts when it has units or
    its swearing-in is due (0% without units); ``notes`` on the numbers at their dates."""
    fig = go.Figure()
    for body in BODY_COLOR:
        rows = frame[frame["badan"] == body]
        if rows["sworn_in_rate"].isna().all():
            continue
        label = BODY_LABEL[body]
        fig.add_trace(
            go.Scatter(
                x=rows["report_date"],
                y=rows["sworn_in_rate"] * 100,
                name=label,
                mode="lines+markers",
                line={"color": BODY_COLOR[body], "width": 3},
                marker={"symbol": BODY_SYMBOL.get(body, "circle"), "size": 8},
                customdata=[
                    (fmt.date(d), fmt.percent(v, missing="-"))
                    for d, v in zip(rows["report_date"], rows["sworn_in_rate"], strict=True)
                ],
                hovertemplate="%{customdata[0]}<br>" + label
                + " dilantik: %{customdata[1]}<extra></extra>",
            )
        )  # fmt: skip
    _add_number_notes(fig, notes, frame["report_date"], 102)
    fig.update_yaxes(range=[0, 105], ticksuffix="%", title="Dilantik dari kebutuhan")
    fig.update_xaxes(tickformat="%d/%m", title=None)
    return legend_below(theme.apply(fig, title="Anggota dilantik per pekan", height=400))
