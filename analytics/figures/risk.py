"""The Profil chart of one component at risk: its recent points, the projection at the
fastest and the mean weekly pace (dotted), the completion line and the deadline."""

from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from analytics import formatting as fmt
from analytics.figures import theme
from analytics.figures.profile import legend_below
from analytics.risk import Projection

FAST_NAME = "Perkiraan (laju tercepat)"
MEAN_NAME = "Perkiraan (laju rata-rata)"
DEADLINE_NAME = "Batas waktu"
POINTS_NAME = "Capaian"
DEADLINE_COLOR = theme.PALETTE[3]
TITLE_WRAP = 56  # characters per line of the component's name in the title
ITEM_TICKS = {0: "belum", 50: "proses", 100: "selesai"}


def _value_text(value: float, is_item: bool) -> str:
    if is_item:
        return "selesai" if value >= 1 else ("belum" if value <= 0 else "proses")
    return fmt.percent(value)


def projection_chart(proj: Projection) -> go.Figure:
    """Points (solid), both projections from the last point (dotted, capped at
    completion), completion as a horizontal line and the deadline as a vertical one. A
    checklist item's axis reads belum / proses / selesai."""
    is_item = proj.komponen.startswith("item:")
    fig = go.Figure()
    points = proj.points
    fig.add_trace(
        go.Scatter(
            x=points["tanggal"],
            y=points["capaian"] * 100,
            name=POINTS_NAME,
            mode="lines+markers",
            line={"color": theme.PALETTE[0], "width": 4},
            marker={"size": 8},
            customdata=[
                (fmt.date(d), _value_text(v, is_item))
                for d, v in zip(points["tanggal"], points["capaian"], strict=True)
            ],
            hovertemplate="%{customdata[0]}: %{customdata[1]}<extra></extra>",
        )
    )
    line = proj.line
    for column, name, dash, color in (
        ("capaian_cepat", FAST_NAME, "dot", theme.PALETTE[2]),
        ("capaian_rata", MEAN_NAME, "dash", theme.PALETTE[1]),
    ):
        if column not in line or line[column].isna().all():
            continue
        values = line[column]
        fig.add_trace(
            go.Scatter(
                x=line["tanggal"],
                y=values * 100,
                name=name,
                mode="lines",
                line={"color": color, "dash": dash, "width": 3},
                customdata=[
                    (fmt.date(d), "-" if pd.isna(v) else _value_text(v, is_item))
                    for d, v in zip(line["tanggal"], values, strict=True)
                ],
                hovertemplate="%{customdata[0]}: %{customdata[1]} (" + name + ")<extra></extra>",
            )
        )
    if proj.batas_waktu is not None:
        deadline = pd.Timestamp(proj.batas_waktu)
        fig.add_trace(
            go.Scatter(
                x=[deadline, deadline],
                y=[0, 100],
                name=f"{DEADLINE_NAME} {fmt.date(proj.batas_waktu)}",
                mode="lines",
                line={"color": DEADLINE_COLOR, "width": 2},
                hovertemplate=f"{DEADLINE_NAME}: {fmt.date(proj.batas_waktu)}<extra></extra>",
            )
        )
    if proj.target is not None and not is_item:
        fig.add_hline(
            y=proj.target * 100,
            line={"color": theme.INK, "dash": "dot", "width": 1},
            annotation_text=f"selesai = {fmt.percent(proj.target)}",
            annotation_position="bottom left",
        )
    if is_item:
        fig.update_yaxes(
            range=[-5, 105], tickvals=list(ITEM_TICKS), ticktext=list(ITEM_TICKS.values())
        )
    else:
        fig.update_yaxes(range=[0, 105], ticksuffix="%")
    fig.update_xaxes(tickformat="%d/%m", title=None)
    title = "<br>".join(textwrap.wrap(proj.label, TITLE_WRAP)) or proj.komponen
    return legend_below(theme.apply(fig, title=title, height=420))
