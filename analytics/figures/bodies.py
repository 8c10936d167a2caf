"""Badan Ad Hoc figures: fill status, women share, applicant ratio and unit coverage by regency.

Every function takes a ``views.bodies.body_frame`` (one row per regency for one body) and
returns a plotly Figure. Regencies without data are drawn as "belum lapor", never as 0; a
regency that reported no unit of a body whose swearing-in is due reads "■ 0% dilantik" in
the tertinggal colour, never grey.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics import formatting as fmt
from analytics.categories import CATEGORY_COLOR
from analytics.escaping import plotly_text
from analytics.figures import theme
from analytics.labels import NO_UNITS, NO_UNITS_OVERDUE, NOT_REPORTED, REPORTED

ROW_PX = 27  # height of one regency row in horizontal bar charts
SUBTITLE_PX = 20  # room above the plot for the subtitle of a shortened chart
NOT_REPORTED_TEXT = "○ belum lapor"
NO_UNITS_TEXT = "– belum ada unit"
SWORN_IN_OVERDUE_TEXT = "■ 0% dilantik · belum ada unit"
NO_UNITS_OVERDUE_TEXT = "■ belum ada unit (terlambat)"
MISSING_TEXT_COLOR = "#616161"
SEGMENTS = [  # (column, legend name, colour key in theme.STATUS_COLOR, text colour)
    ("dilantik", "Dilantik", "dilantik", "white"),
    ("ditetapkan_belum_dilantik", "Ditetapkan, belum dilantik", "terisi", theme.INK),
    ("kosong", "Kosong", "kosong", "white"),
]
BELOW_TARGET_COLOR = theme.PALETTE[1]
AT_TARGET_COLOR = theme.PALETTE[0]


def with_top_legend(fig: go.Figure) -> go.Figure:
    """Room above the plot for the title and, under it, the legend (they must not overlap)."""
    fig.update_layout(
        margin={"t": 90},
        title={"y": 0.995, "yref": "container", "yanchor": "top", "x": 0, "xanchor": "left"},
        legend={
            "y": 1.0,
            "yanchor": "bottom",
            "x": 0,
            "xanchor": "left",
            "traceorder": "normal",
            "orientation": "h",
        },
    )
    return fig


def region_label(label: str, code: str, highlight: str | None) -> str:
    """Axis label of a regency (as text, never markup); the highlighted one in bold with a
    marker."""
    label = plotly_text(label)
    return f"<b>▶ {label}</b>" if code == highlight else label


def outline_row(fig: go.Figure, order: pd.DataFrame, highlight: str | None, x1) -> None:
    """A dark frame around the highlighted regency's row (0 to ``x1``)."""
    codes = list(order["kode_wilayah"])
    if highlight not in codes:
        return
    row = codes.index(highlight)
    fig.add_shape(
        type="rect",
        x0=0,
        x1=x1,
        y0=row - 0.45,
        y1=row + 0.45,
        line={"color": theme.INK, "width": 3},
        layer="above",
    )


def ranked(frame: pd.DataFrame, value: str) -> pd.DataFrame:
    """Regencies with a value first, lowest first (the ones behind on top), then those
    without units, then those that have not reported; ties by name."""
    rank = {REPORTED: 0, NO_UNITS_OVERDUE: 0, NO_UNITS: 1, NOT_REPORTED: 2}
    out = frame.assign(
        _rank=[rank[s] if not pd.isna(v) else max(rank[s], 1) for s, v in zip(
            frame["status"], frame[value], strict=True)],
        _value=frame[value].fillna(0),
    )  # fmt: skip
    return out.sort_values(["_rank", "_value", "nama"]).drop(columns=["_rank", "_value"])


def first_rows(order: pd.DataFrame, limit: int | None, highlight: str | None) -> pd.DataFrame:
    """The first ``limit`` regencies of a ``ranked`` frame (those furthest behind), plus the
    highlighted one wherever it ranks; every regency when ``limit`` is None or not reached."""
    if limit is None or len(order) <= limit:
        return order
    shown = order.head(limit)
    if highlight is not None and highlight not in set(shown["kode_wilayah"]):
        shown = pd.concat([shown, order[order["kode_wilayah"] == highlight]])
    return shown


def say_rows(fig: go.Figure, shown: int, total: int) -> go.Figure:
    """Under the title of a shortened chart, how many regencies it draws (a subtitle, so a
    half-page chart keeps its title on one line)."""
    if shown < total:
        text = f"{fmt.number(shown)} dari {fmt.number(total)} kabupaten/kota, terendah dulu"
        top = (fig.layout.margin.t or 50) + SUBTITLE_PX
        fig.update_layout(title={"subtitle": {"text": text}}, margin={"t": top})
    return fig


def _height(rows: int) -> int:
    return max(320, 150 + ROW_PX * rows)


def _y_axis(fig: go.Figure, labels: list[str]) -> None:
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=labels,
        autorange="reversed",
        title=None,
        ticklabelstandoff=8,
        showgrid=False,
    )


def _missing_texts(
    fig: go.Figure,
    frame: pd.DataFrame,
    labels: list[str],
    missing_text: str,
    overdue_text: str = NO_UNITS_OVERDUE_TEXT,
) -> None:
    """Words at x=0 for regencies without a bar: belum lapor / belum ada unit (grey) /
    belum ada unit past the swearing-in date (tertinggal colour) / other."""
    texts = {
        NOT_REPORTED: NOT_REPORTED_TEXT,
        NO_UNITS: NO_UNITS_TEXT,
        NO_UNITS_OVERDUE: overdue_text,
    }
    texts = [texts.get(status, missing_text) for status in frame["status"]]
    colours = [
        CATEGORY_COLOR["tertinggal"] if status == NO_UNITS_OVERDUE else MISSING_TEXT_COLOR
        for status in frame["status"]
    ]
    fig.add_scatter(
        x=[0] * len(labels),
        y=labels,
        mode="text",
        text=texts,
        textposition="middle right",
        textfont={"color": colours},
        hovertext=[f"<b>{lbl}</b><br>{t}" for lbl, t in zip(labels, texts, strict=True)],
        hovertemplate="%{hovertext}<extra></extra>",
        showlegend=False,
    )


def end_label(row, share: bool) -> str:
    """'98,9% dilantik · 1 kosong' (share) or '89 dari 90 dilantik · 1 kosong' (counts)."""
    if share:
        text = f" {fmt.percent(row.sworn_in_rate)} dilantik"
    else:
        text = f" {fmt.number(row.dilantik)} dari {fmt.number(row.kebutuhan)} dilantik"
    if row.ditetapkan_belum_dilantik:
        text += f" · {fmt.number(row.ditetapkan_belum_dilantik)} belum dilantik"
    if row.kosong:
        text += f" · {fmt.number(row.kosong)} kosong"
    return text


def status_bars(
    frame: pd.DataFrame,
    body_label: str,
    share: bool = False,
    highlight: str | None = None,
    limit: int | None = None,
) -> go.Figure:
    """Stacked horizontal bars per regency: dilantik | ditetapkan belum dilantik | kosong.

    ``share`` draws each part as a share of kebutuhan. The value of each part is written in
    the bar (where it fits) and the sworn-in total at the end of the bar. ``limit`` draws
    only the regencies furthest behind (and the highlighted one).
    """
    order = first_rows(ranked(frame, "sworn_in_rate"), limit, highlight)
    labels = [
        region_label(lbl, code, highlight)
        for lbl, code in zip(order["label"], order["kode_wilayah"], strict=True)
    ]
    reported = (order["status"] == REPORTED).to_numpy()
    need = order["kebutuhan"].where(reported)
    fig = go.Figure()
    _add_status_segments(fig, order, labels, reported, need, share)
    _add_end_labels(fig, order, labels, reported, need, share)
    if highlight is not None:
        position = list(order["kode_wilayah"]).index(highlight)
        end = 1.0 if share else need.iloc[position]
        outline_row(fig, order, highlight, 0 if pd.isna(end) else end)
    missing = ~reported
    if missing.any():
        _missing_texts(
            fig,
            order[missing],
            [lbl for lbl, m in zip(labels, missing, strict=True) if m],
            "",
            SWORN_IN_OVERDUE_TEXT,
        )
    _status_axes(fig, labels, need, share, body_label)
    title = f"Pengisian {body_label} per kabupaten/kota" + (
        " (bagian dari kebutuhan)" if share else " (jumlah anggota)"
    )
    figure = with_top_legend(theme.apply(fig, title, _height(len(order))))
    return say_rows(figure, len(order), len(frame))


def _status_hover(order: pd.DataFrame) -> list[str]:
    """The hover of a regency's bar: kebutuhan and the count of each part."""
    return [
        f"<b>{plotly_text(row.nama)}</b><br>Kebutuhan: {fmt.number(row.kebutuhan)}"
        f"<br>Dilantik: {fmt.number(row.dilantik)} ({fmt.percent(row.sworn_in_rate)})"
        f"<br>Ditetapkan, belum dilantik: {fmt.number(row.ditetapkan_belum_dilantik)}"
        f"<br>Kosong: {fmt.number(row.kosong)}<br>Data per {fmt.date(row.data_as_of)}"
        for row in order.itertuples()
    ]


def _add_status_segments(
    fig: go.Figure,
    order: pd.DataFrame,
    labels: list[str],
    reported: np.ndarray,
    need: pd.Series,
    share: bool,
) -> None:
    """One bar trace per part (``SEGMENTS``) of the reporting regencies, its count (or
    share of kebutuhan) written inside where it is not zero."""
    hover = _status_hover(order)
    for column, name, colour, text_colour in SEGMENTS:
        counts = order[column].where(reported)
        values = counts / need if share else counts
        texts = [
            "" if pd.isna(c) or c == 0 else (fmt.percent(v, 0) if share else fmt.number(c))
            for c, v in zip(counts, values, strict=True)
        ]
        fig.add_bar(
            y=labels,
            x=values,
            name=name,
            orientation="h",
            marker={"color": theme.STATUS_COLOR[colour]},
            text=texts,
            textposition="inside",
            insidetextanchor="middle",
            textfont={"color": text_colour},
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
        )  # fmt: skip


def _add_end_labels(
    fig: go.Figure,
    order: pd.DataFrame,
    labels: list[str],
    reported: np.ndarray,
    need: pd.Series,
    share: bool,
) -> None:
    """The sworn-in total (``end_label``) past the end of each reporting regency's bar."""
    fig.add_scatter(
        x=(need / need) if share else need,
        y=labels,
        mode="text",
        text=[end_label(row, share) if ok else "" for row, ok in zip(
            order.itertuples(), reported, strict=True)],
        textposition="middle right",
        hoverinfo="skip",
        showlegend=False,
    )  # fmt: skip


def _status_axes(
    fig: go.Figure, labels: list[str], need: pd.Series, share: bool, body_label: str
) -> None:
    """Stacked bars on a members (or share) axis with room for the end labels."""
    ticks = [0, 0.2, 0.4, 0.6, 0.8, 1.0] if share else None
    top = 1.0 if share or need.isna().all() else float(need.max())
    fig.update_layout(barmode="stack", uniformtext={"minsize": 12, "mode": "hide"})
    fig.update_xaxes(
        range=[0, top * 1.6],
        tickvals=ticks,
        tickformat=".0%" if share else ",d",
        title="Bagian dari kebutuhan" if share else f"Jumlah anggota {body_label}",
    )
    _y_axis(fig, labels)


def shown_below(value: float, target: float, step: float) -> float:
    """A value below the target, cut (not rounded) to the shown ``step``, so 1.998 reads
    '1,99×' and never looks like it met a target of 2."""
    if value >= target:
        return value
    return math.floor(value / step + 1e-9) * step


def _ratio_bars(
    frame: pd.DataFrame,
    value: str,
    value_text: Callable[[float], str],
    target: float,
    target_text: str,
    title: str,
    x_title: str,
    hover: list[str],
    highlight: str | None,
    missing_text: str,
    tickformat: str,
    step: float,
    limit: int | None = None,
) -> go.Figure:
    """Bars per regency against a target line; the values in a column on the right, so
    they never collide with the line."""
    order = first_rows(ranked(frame, value), limit, highlight)
    hover_by_code = dict(zip(frame["kode_wilayah"], hover, strict=True))
    labels = [
        region_label(lbl, code, highlight)
        for lbl, code in zip(order["label"], order["kode_wilayah"], strict=True)
    ]
    values = order[value].where(order["status"] == REPORTED)
    has_value = values.notna().to_numpy()
    fig = go.Figure()
    for name, meets, colour in (
        (f"≥ {target_text}", True, AT_TARGET_COLOR),
        (f"< {target_text}", False, BELOW_TARGET_COLOR),
    ):
        pick = has_value & ((values >= target - 1e-12).to_numpy() == meets)
        if not pick.any():
            continue
        part = order[pick]
        fig.add_bar(
            y=[lbl for lbl, p in zip(labels, pick, strict=True) if p],
            x=values[pick],
            name=name,
            orientation="h",
            marker={"color": colour},
            hovertext=[hover_by_code[c] for c in part["kode_wilayah"]],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    top = max(float(values.max()) if has_value.any() else 0.0, target) * 1.35
    fig.add_scatter(
        x=[top] * int(has_value.sum()),
        y=[lbl for lbl, h in zip(labels, has_value, strict=True) if h],
        mode="text",
        text=[value_text(shown_below(v, target, step)) for v in values[has_value]],
        textposition="middle left",
        hoverinfo="skip",
        showlegend=False,
    )
    if (~has_value).any():
        _missing_texts(
            fig,
            order[~has_value],
            [lbl for lbl, h in zip(labels, has_value, strict=True) if not h],
            missing_text,
        )
    if highlight in set(order["kode_wilayah"]):
        value_of = dict(zip(order["kode_wilayah"], values, strict=True))[highlight]
        outline_row(fig, order, highlight, 0 if pd.isna(value_of) else value_of)
    fig.add_vline(x=target, line={"color": theme.INK, "dash": "dash", "width": 2})
    fig.add_scatter(  # legend entry of the line
        x=[None],
        y=[None],
        mode="lines",
        line={"color": theme.INK, "dash": "dash", "width": 2},
        name=f"Acuan {target_text}",
    )
    fig.update_xaxes(range=[0, top], tickformat=tickformat, title=x_title)
    _y_axis(fig, labels)
    fig.update_layout(barmode="overlay", bargap=0.25)
    figure = with_top_legend(theme.apply(fig, title, _height(len(order))))
    return say_rows(figure, len(order), len(frame))


def women_bars(
    frame: pd.DataFrame,
    body_label: str,
    target: float,
    highlight: str | None = None,
    limit: int | None = None,
) -> go.Figure:
    """Women's share of the appointed members per regency, against the ``target`` line."""
    hover = [
        f"<b>{plotly_text(row.nama)}</b><br>Perempuan: {fmt.number(row.perempuan)} dari "
        f"{fmt.number(row.terisi)} terisi ({fmt.percent(row.women_share, missing='-')})"
        for row in frame.itertuples()
    ]
    return _ratio_bars(
        frame,
        "women_share",
        fmt.percent,
        target,
        fmt.percent(target, 0),
        f"Keterwakilan perempuan ({body_label})",
        "Perempuan dari anggota terisi",
        hover,
        highlight,
        "– belum ada anggota",
        ".0%",
        0.001,
        limit,
    )


def applicant_bars(
    frame: pd.DataFrame,
    body_label: str,
    target: float,
    highlight: str | None = None,
    limit: int | None = None,
) -> go.Figure:
    """Applicants per seat per regency, against the ``target`` ratio (about 2×)."""
    hover = [
        f"<b>{plotly_text(row.nama)}</b><br>Pendaftar: {fmt.number(row.pendaftar)} untuk "
        f"{fmt.number(row.kebutuhan)} kursi ({fmt.ratio(row.applicant_ratio, missing='-')})"
        for row in frame.itertuples()
    ]
    return _ratio_bars(
        frame,
        "applicant_ratio",
        fmt.ratio,
        target,
        fmt.ratio(target, 1),  # a target, not a measurement
        f"Rasio pendaftar terhadap kebutuhan ({body_label})",
        "Pendaftar per kursi",
        hover,
        highlight,
        "– belum ada data",
        ".1f",
        0.01,
        limit,
    )


def coverage_bars(
    frame: pd.DataFrame,
    body_label: str,
    unit_label: str,
    highlight: str | None = None,
    limit: int | None = None,
) -> go.Figure:
    """Units reported / units expected (reference counts) per regency, against 100%."""
    hover = [
        f"<b>{plotly_text(row.nama)}</b><br>{fmt.number(row.units_reported_count, missing='-')} dari "
        f"{fmt.number(row.units_expected_count)} {unit_label} dilaporkan"
        for row in frame.itertuples()
    ]
    frame = frame.assign(
        status=[NOT_REPORTED if s == NOT_REPORTED else REPORTED for s in frame["status"]]
    )
    return _ratio_bars(
        frame,
        "coverage_rate",
        fmt.percent,
        1.0,
        "100%",
        f"Cakupan {unit_label} yang dilaporkan ({body_label})",
        f"{unit_label[:1].upper()}{unit_label[1:]} dilaporkan dari jumlah acuan",
        hover,
        highlight,
        "",
        ".0%",
        0.001,
        limit,
    )
