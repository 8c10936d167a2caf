"""Regency profile figures: rates beside the province median, weekly trends."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics import formatting as fmt
from analytics.figures import theme
from analytics.labels import BODY_LABEL
from analytics.views.profile import missing_texts

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


def comparison_chart(frame: pd.DataFrame, name: str) -> go.Figure:
    """The headline rates of ``views.profile.comparison_frame`` (``in_chart``): a bar for
    the regency with its value written in it (or 'belum lapor' / 'belum jatuh tempo'), a
    diamond for the province median, a vertical stroke for a target."""
    rates = frame[frame["in_chart"]].iloc[::-1]
    labels = list(rates["label"])
    values = [None if pd.isna(v) else v * 100 for v in rates["value"]]
    medians = [None if pd.isna(v) else v * 100 for v in rates["median"]]
    value_text = [
        fmt.percent(v / 100) if v is not None else missing
        for v, missing in zip(values, missing_texts(rates), strict=True)
    ]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            y=labels,
            x=[v if v is not None else 0 for v in values],
            orientation="h",
            name=name,
            marker={"color": theme.PALETTE[0]},
            text=[f"<b>{t}</b>" for t in value_text],
            textposition=["inside" if v is not None and v >= 18 else "outside" for v in values],
            insidetextanchor="start",
            insidetextfont={"color": "white", "size": 15},
            outsidetextfont={"color": theme.INK, "size": 15},
            cliponaxis=False,
            customdata=value_text,
            hovertemplate="%{y}<br>" + name + ": %{customdata}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            y=labels,
            x=medians,
            mode="markers",
            name="Median provinsi",
            marker={"symbol": "diamond", "size": 15, "color": theme.INK,
                    "line": {"color": "white", "width": 1.5}},
            customdata=[fmt.percent(m / 100, missing="-") if m is not None else "-"
                        for m in medians],
            hovertemplate="%{y}<br>Median provinsi: %{customdata}<extra></extra>",
        )
    )  # fmt: skip
    targets = rates["target"]
    if targets.notna().any():
        shown = rates[targets.notna()]
        fig.add_trace(
            go.Scatter(
                y=list(shown["label"]),
                x=[t * 100 for t in shown["target"]],
                mode="markers",
                name="Sasaran",
                marker={"symbol": "line-ns", "size": 28, "line": {"width": 4,
                        "color": theme.PALETTE[3]}},
                customdata=[fmt.percent(t, 0) for t in shown["target"]],
                hovertemplate="%{y}<br>Sasaran: %{customdata}<extra></extra>",
            )
        )  # fmt: skip
    ticks = [0, 25, 50, 75, 100]
    fig.update_xaxes(range=[0, 105], tickvals=ticks, ticktext=[f"{t}%" for t in ticks], title=None)
    fig.update_yaxes(title=None, tickfont={"size": 15})
    fig.update_layout(bargap=0.3)
    return legend_below(theme.apply(fig, height=max(230, 150 + 44 * len(labels))))


def readiness_trend(frame: pd.DataFrame, name: str) -> go.Figure:
    """Weekly readiness index of the regency beside the province median
    (``views.profile.trend_frames``)."""
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
    fig.update_yaxes(range=[0, 102], title="Indeks kesiapan")
    fig.update_xaxes(tickformat="%d/%m", title=None)
    return legend_below(theme.apply(fig, title="Indeks kesiapan per pekan", height=400))


def sworn_in_trend(frame: pd.DataFrame) -> go.Figure:
    """Weekly sworn-in rate per body of one regency; a body starts when it has units or
    its swearing-in is due (0% without units)."""
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
    fig.update_yaxes(range=[0, 105], ticksuffix="%", title="Dilantik dari kebutuhan")
    fig.update_xaxes(tickformat="%d/%m", title=None)
    return legend_below(theme.apply(fig, title="Anggota dilantik per pekan", height=400))
