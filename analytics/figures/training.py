"""Bimtek figures: completion matrices, activity timelines and the attendance funnel.

Matrix cells carry a traffic-light colour AND a symbol and value, never colour alone.
Regencies that have not reported are "belum lapor". A module (or body) whose deadline has
come is judged on its value, so one never started reads "■ 0%" tertinggal; only what is not
due yet is grey ("◇ belum jatuh tempo"): it does not count in the readiness index.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import NamedTuple

import pandas as pd
import plotly.graph_objects as go

from analytics import formatting as fmt
from analytics.categories import CATEGORY_COLOR, CATEGORY_SYMBOL
from analytics.config import IndicatorConfig
from analytics.escaping import plotly_columns, plotly_text
from analytics.figures import theme
from analytics.figures.bodies import region_label, say_rows, with_top_legend
from analytics.labels import (
    ACTIVITY_STATUS_LABEL,
    NO_ACTIVITY,
    NOT_DUE_TEXT,
    NOT_REPORTED,
    training_label,
)

ROW_PX = 27
CELL_TEXT_PX = 12
DUE, ALL = "training_due_completion", "training_completion"
# Not due yet: not judged (grey), and its symbol is no dash, so "◇ 0%" never reads "-0%".
NOT_DUE = "belum_jatuh_tempo"
# Cell classes, in legend order: (key, symbol, colour, text colour).
CELL_CLASSES = [
    ("siap", CATEGORY_SYMBOL["siap"], CATEGORY_COLOR["siap"], "white"),
    ("perlu_perhatian", CATEGORY_SYMBOL["perlu_perhatian"],
     CATEGORY_COLOR["perlu_perhatian"], theme.INK),
    ("tertinggal", CATEGORY_SYMBOL["tertinggal"], CATEGORY_COLOR["tertinggal"],
     "white"),
    (NOT_DUE, "◇", "#E0E0E0", theme.INK),
    (NOT_REPORTED, "○", "#F5F5F5", "#616161"),
]  # fmt: skip
CELL_INDEX = {key: i for i, (key, *_rest) in enumerate(CELL_CLASSES)}
ACTIVITY_COLOR = {
    "selesai": theme.PALETTE[0],
    "berlangsung": theme.PALETTE[2],
    "dijadwalkan": theme.PALETTE[1],
}


def cell_class(value, status: str, config: IndicatorConfig, is_due: bool = True) -> str:
    """Class of a completion value (0-1) with its regency/module status and whether its
    deadline has come: belum lapor; belum jatuh tempo (not judged); else its traffic light,
    so a module due and never started (0%) is tertinggal, never grey."""
    if status == NOT_REPORTED or pd.isna(value):
        return NOT_REPORTED
    if not is_due:
        return NOT_DUE
    return config.rate_category(value)


def cell_text(value, klass: str, started: bool = True) -> str:
    """'● 92,4%' / '■ 0,0%' / '◇ belum' / '○': symbol and value, so colour is never the
    only signal; what is not due and not started reads 'belum', never a bare '0%'.

    The value is the one every page shows (one decimal, rounded once), so a cell reads
    exactly as Ringkasan, Profil and the deck; the category is judged on that same shown
    value, so '85,0%' is always ● siap.
    """
    symbol = CELL_CLASSES[CELL_INDEX[klass]][1]
    if klass == NOT_REPORTED:
        return symbol
    if klass == NOT_DUE and not started:
        return f"{symbol} belum"
    return f"{symbol} {fmt.percent(min(1.0, float(value)))}"


def legend_names(config: IndicatorConfig) -> dict[str, str]:
    green, amber = fmt.number(config.green), fmt.number(config.amber)
    return {
        "siap": f"● Siap (≥ {green}%)",
        "perlu_perhatian": f"▲ Perlu perhatian ({amber}–{green}%)",
        "tertinggal": f"■ Tertinggal (< {amber}%)",
        NOT_DUE: "◇ Belum jatuh tempo (tidak dinilai)",
        NOT_REPORTED: "○ Belum lapor",
    }


def _colorscale() -> list:
    """A stepped scale: cell class i (0..n-1) gets exactly its colour."""
    n = len(CELL_CLASSES)
    scale = []
    for i, (_key, _symbol, colour, _text) in enumerate(CELL_CLASSES):
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    return scale


class _CellGrid(NamedTuple):
    """The matrix cells: classes and hovers row by row (the heatmap), and each cell's
    position, text and text colour one by one (the text layer)."""

    z: list[list[int]]
    hovers: list[list[str]]
    xs: list[str]
    ys: list[str]
    texts: list[str]
    text_colours: list[str]


def _matrix(
    frame: pd.DataFrame,
    row_codes: list[str],
    row_labels: list[str],
    columns: list[str],
    column_labels: list[str],
    row_col: str,
    col_col: str,
    hover: list[str],
    config: IndicatorConfig,
    highlight: str | None,
) -> go.Figure:
    """A regency x column matrix of completion values (``value``, ``status``, ``is_due``)
    with class colours and texts."""
    cells = _cells_by_position(frame, row_col, col_col, hover)
    grid = _cell_grid(cells, row_codes, row_labels, columns, column_labels, config)
    fig = go.Figure()
    _add_class_heatmap(fig, grid, row_labels, column_labels)
    _add_cell_texts(fig, grid)
    _add_class_legend(fig, config)
    if highlight in row_codes:
        _outline_matrix_row(fig, row_codes.index(highlight), len(columns))
    _style_matrix_axes(fig, len(columns))
    return fig


def _cells_by_position(
    frame: pd.DataFrame, row_col: str, col_col: str, hover: list[str]
) -> dict[tuple, tuple]:
    """(row code, column) -> (value, status, is_due, hover text) of each frame row."""
    return {
        (r, c): (v, s, d, h)
        for r, c, v, s, d, h in zip(
            frame[row_col], frame[col_col], frame["value"], frame["status"], frame["is_due"],
            hover, strict=True,
        )
    }  # fmt: skip


def _cell_grid(
    cells: dict[tuple, tuple],
    row_codes: list[str],
    row_labels: list[str],
    columns: list[str],
    column_labels: list[str],
    config: IndicatorConfig,
) -> _CellGrid:
    """Class, hover and text of every cell; a cell without a frame row is belum lapor."""
    grid = _CellGrid([], [], [], [], [], [])
    for code, label in zip(row_codes, row_labels, strict=True):
        z_row, hover_row = [], []
        for column, column_label in zip(columns, column_labels, strict=True):
            value, status, is_due, hover_text = cells.get(
                (code, column), (None, NOT_REPORTED, True, "")
            )
            klass = cell_class(value, status, config, bool(is_due))
            z_row.append(CELL_INDEX[klass])
            hover_row.append(hover_text)
            grid.xs.append(column_label)
            grid.ys.append(label)
            grid.texts.append(cell_text(value, klass, status != NO_ACTIVITY))
            grid.text_colours.append(CELL_CLASSES[CELL_INDEX[klass]][3])
        grid.z.append(z_row)
        grid.hovers.append(hover_row)
    return grid


def _add_class_heatmap(
    fig: go.Figure, grid: _CellGrid, row_labels: list[str], column_labels: list[str]
) -> None:
    """The cells coloured by class, each with its hover."""
    n = len(CELL_CLASSES)
    fig.add_heatmap(
        z=grid.z,
        x=column_labels,
        y=row_labels,
        zmin=-0.5,
        zmax=n - 0.5,
        colorscale=_colorscale(),
        showscale=False,
        xgap=2,
        ygap=2,
        text=grid.hovers,
        hovertemplate="%{text}<extra></extra>",
    )


def _add_cell_texts(fig: go.Figure, grid: _CellGrid) -> None:
    """Each cell's symbol and value, in the text colour of its class."""
    fig.add_scatter(
        x=grid.xs,
        y=grid.ys,
        mode="text",
        text=grid.texts,
        # "▲ 84,6%" stays inside a cell of a nine-module matrix at 1280 px.
        textfont={"color": grid.text_colours, "size": CELL_TEXT_PX},
        hoverinfo="skip",
        showlegend=False,
    )


def _add_class_legend(fig: go.Figure, config: IndicatorConfig) -> None:
    """A legend swatch for every cell class, in legend order."""
    names = legend_names(config)
    for key, _symbol, colour, _text in CELL_CLASSES:
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker={"symbol": "square", "size": 14, "color": colour,
                    "line": {"color": "#9E9E9E", "width": 1}},
            name=names[key],
        )  # fmt: skip


def _outline_matrix_row(fig: go.Figure, row: int, column_count: int) -> None:
    """A dark frame around the highlighted regency's row."""
    fig.add_shape(
        type="rect",
        x0=-0.5,
        x1=column_count - 0.5,
        y0=row - 0.5,
        y1=row + 0.5,
        line={"color": theme.INK, "width": 3},
    )


def _style_matrix_axes(fig: go.Figure, column_count: int) -> None:
    """Regencies down from the top, columns named above the matrix, no grid or ticks."""
    fig.update_yaxes(
        autorange="reversed",
        showgrid=False,
        title=None,
        ticklabelstandoff=8,
        type="category",
        ticks="",
    )
    fig.update_xaxes(side="top", showgrid=False, title=None, type="category", tickangle=0, ticks="")
    fig.update_layout(xaxis_range=[-0.5, column_count - 0.5])


def _regency_rows(
    frame: pd.DataFrame, highlight: str | None, limit: int | None = None
) -> tuple[list[str], list[str]]:
    """Codes and axis labels of the matrix rows: every regency by code, or with ``limit``
    (more regencies than that) the ``limit`` lowest by mean completion of what is due,
    those that have not reported (or have nothing due) last, plus the highlighted one."""
    rows = frame.drop_duplicates("kode_wilayah").sort_values("kode_wilayah")
    if limit is not None and len(rows) > limit:
        reported = frame["value"].where((frame["status"] != NOT_REPORTED) & frame["is_due"])
        mean = reported.groupby(frame["kode_wilayah"]).mean()
        rank = mean.fillna(math.inf).sort_values(kind="stable")
        chosen = list(rank.index[:limit])
        if highlight in set(rank.index[limit:]):
            chosen.append(highlight)
        rows = rows.set_index("kode_wilayah").loc[chosen].reset_index()
    codes = list(rows["kode_wilayah"])
    labels = [
        region_label(lbl, code, highlight)
        for lbl, code in zip(rows["label"], rows["kode_wilayah"], strict=True)
    ]
    return codes, labels


def _hover_attendance(row) -> str:
    return (
        f"<br>Target: {fmt.number(row.peserta_target)} · Hadir: {fmt.number(row.peserta_hadir)}"
        f" · Tuntas: {fmt.number(row.peserta_tuntas)}"
        f"<br>Kegiatan: {fmt.number(row.activity_count)}"
    )


def _hover_body(row) -> str:
    """A body cell: both bimtek measures, each under its own name, then attendance."""
    if row.status == NOT_REPORTED:
        return f"<b>{row.nama}</b><br>Belum lapor"
    due = (
        f"{fmt.percent(row.training_due_completion)} ({row.due_module_count} dari "
        f"{row.required_module_count} materi wajib sudah jatuh tempo)"
        if row.due_module_count > 0
        else f"{NOT_DUE_TEXT} (tidak dinilai)"
    )
    return (
        f"<b>{row.nama}</b><br>{training_label(row.badan, DUE)}: {due}"
        f"<br>{training_label(row.badan, ALL)}: {fmt.percent(row.training_completion)}"
        + _hover_attendance(row)
    )


def _hover_module(row) -> str:
    """A module cell: its deadline (due or not), its completion, then attendance."""
    head = f"<b>{row.nama}</b><br>{row.materi} {row.nama_materi}"
    deadline = f"<br>Batas waktu: {fmt.date(row.batas_waktu)}" + (
        "" if row.is_due else f" ({NOT_DUE_TEXT})"
    )
    if row.status == NOT_REPORTED:
        return head + deadline + "<br>Belum lapor"
    started = "" if row.status != NO_ACTIVITY else "<br>Belum ada kegiatan yang dimulai"
    return (
        head + deadline + f"<br>Penuntasan materi: {fmt.percent(row.value)}" + started
        + _hover_attendance(row)
    )  # fmt: skip


def completion_matrix(
    frame: pd.DataFrame,
    config: IndicatorConfig,
    highlight: str | None = None,
    limit: int | None = None,
) -> go.Figure:
    """Regency x body matrix of ``training_due_completion`` (the required modules due by
    the date, as the readiness index judges it). A body with no module due yet is grey
    "belum jatuh tempo", its value then over all required modules (``training_completion``,
    named so in the hover). ``limit`` draws only the regencies furthest behind (and the
    highlighted one)."""
    is_due = frame["due_module_count"].fillna(0) > 0
    due = frame["training_due_completion"].where(is_due)
    frame = frame.assign(value=due.fillna(frame["training_completion"]), is_due=is_due)
    frame = plotly_columns(frame, "nama")
    codes, labels = _regency_rows(frame, highlight, limit)
    bodies = list(dict.fromkeys(frame["badan"]))
    body_labels = list(dict.fromkeys(frame["badan_label"]))
    hover = [_hover_body(row) for row in frame.itertuples()]
    fig = _matrix(
        frame, codes, labels, bodies, body_labels, "kode_wilayah", "badan", hover, config,
        highlight,
    )  # fmt: skip
    title = f"{training_label(None, DUE)} per badan"
    fig = theme.apply(fig, title, 190 + ROW_PX * len(codes))
    fig.update_layout(
        margin={"t": 90},
        legend={"orientation": "h", "y": -0.01, "yanchor": "top", "x": 0},
        title={"y": 0.995, "yref": "container", "yanchor": "top", "x": 0, "xanchor": "left"},
    )
    return say_rows(fig, len(codes), frame["kode_wilayah"].nunique())


def module_matrix(
    frame: pd.DataFrame,
    body_label: str,
    config: IndicatorConfig,
    highlight: str | None = None,
    limit: int | None = None,
) -> go.Figure:
    """Regency x required module matrix of module completion (``views.training.module_frame``,
    with ``is_due`` and ``batas_waktu`` per module); a module past its deadline is judged
    (never started: "■ 0%"), one not due yet is grey. ``limit`` draws only the regencies
    furthest behind (and the highlighted one)."""
    frame = plotly_columns(
        frame.assign(value=frame["completion_rate"]), "nama", "materi", "nama_materi"
    )
    codes, labels = _regency_rows(frame, highlight, limit)
    modules = list(dict.fromkeys(frame.sort_values("materi")["materi"]))
    module_labels = [f"<b>{m}</b>" for m in modules]
    hover = [_hover_module(row) for row in frame.itertuples()]
    fig = _matrix(
        frame, codes, labels, modules, module_labels, "kode_wilayah", "materi", hover, config,
        highlight,
    )  # fmt: skip
    fig = theme.apply(fig, f"Penuntasan per materi wajib ({body_label})", 230 + ROW_PX * len(codes))
    fig.update_layout(
        margin={"t": 110},
        legend={"orientation": "h", "y": -0.01, "yanchor": "top", "x": 0},
        title={"y": 0.995, "yref": "container", "yanchor": "top", "x": 0, "xanchor": "left"},
    )
    return say_rows(fig, len(codes), frame["kode_wilayah"].nunique())


def attendance_funnel(stages: pd.DataFrame, title: str) -> go.Figure:
    """Target -> hadir -> tuntas, each with its count and share of the target."""
    fig = go.Figure(
        go.Funnel(
            y=list(stages["tahap"]),
            x=list(stages["jumlah"]),
            texttemplate="%{value:,.0f}<br>%{percentInitial:.1%}",
            textposition="auto",
            insidetextfont={"size": 17, "color": [theme.INK, "white", "white"]},
            outsidetextfont={"size": 15, "color": theme.INK},
            marker={"color": [theme.PALETTE[5], theme.PALETTE[0], theme.PALETTE[2]]},
            connector={"fillcolor": "#EEEEEE"},
            hovertemplate="%{y}: %{value:,.0f} (%{percentInitial:.1%} dari target)<extra></extra>",
        )
    )
    fig.update_yaxes(ticklabelstandoff=8)
    fig = theme.apply(fig, title, 400)
    fig.update_layout(title={"x": 0, "xanchor": "left"}, margin={"t": 80})
    return fig


def module_summary(count: int, planned: int, done: float, target: float) -> str:
    """'2 kegiatan · tuntas 83%' / '1 kegiatan dijadwalkan' at the end of a timeline row."""
    if planned == count:
        return f"{fmt.number(count)} kegiatan dijadwalkan"
    text = f"{fmt.number(count)} kegiatan"
    if target:
        text += f" · tuntas {fmt.percent(min(1.0, done / target))}"
    if planned:
        text += f" ({fmt.number(planned)} dijadwalkan)"
    return text


def activity_timeline(frame: pd.DataFrame, title: str, as_of: dt.date) -> go.Figure:
    """One row per module, a bar per activity from tanggal_mulai to tanggal_selesai.

    ``frame`` is ``views.training.timeline_frame`` for one regency and body. Colour and
    legend give the status on ``as_of``; the report date is a vertical line. What an
    operator typed (catatan) is shown as text, never as markup.
    """
    frame = plotly_columns(frame, "module_label", "materi", "nama_materi", "catatan")
    modules = list(dict.fromkeys(frame["module_label"]))
    fig = go.Figure()
    day_ms = 24 * 3600 * 1000
    for status, name in ACTIVITY_STATUS_LABEL.items():
        part = frame[frame["status"] == status]
        if part.empty:
            continue
        starts = pd.to_datetime(part["tanggal_mulai"])
        ends = pd.to_datetime(part["tanggal_selesai"])
        fig.add_bar(
            y=part["module_label"],
            base=[s.isoformat() for s in starts],
            x=[((e - s).days + 1) * day_ms for s, e in zip(starts, ends, strict=True)],
            orientation="h",
            name=name,
            marker={"color": ACTIVITY_COLOR[status], "line": {"color": ACTIVITY_COLOR[status],
                    "width": 2}},
            hovertext=[
                f"<b>{row.materi} {row.nama_materi}</b><br>{fmt.date(row.tanggal_mulai)}"
                + ("" if row.tanggal_mulai == row.tanggal_selesai
                   else f" s.d. {fmt.date(row.tanggal_selesai)}")
                + f"<br>{name}<br>Target {fmt.number(row.peserta_target)} · hadir "
                f"{fmt.number(row.peserta_hadir)} · tuntas {fmt.number(row.peserta_tuntas)}"
                + (f"<br>{row.catatan}" if isinstance(row.catatan, str) and row.catatan else "")
                for row in part.itertuples()
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )  # fmt: skip
    summary = (
        frame.groupby("module_label", sort=False)
        .agg(
            end=("tanggal_selesai", "max"),
            n=("materi", "size"),
            target=("peserta_target", "sum"),
            done=("peserta_tuntas", "sum"),
            planned=("status", lambda s: int((s == "dijadwalkan").sum())),
        )
        .reset_index()
    )
    fig.add_scatter(
        x=[pd.Timestamp(e) + pd.Timedelta(days=1.5) for e in summary["end"]],
        y=summary["module_label"],
        mode="text",
        text=[module_summary(r.n, r.planned, r.done, r.target) for r in summary.itertuples()],
        textposition="middle right",
        hoverinfo="skip",
        showlegend=False,
    )
    day = pd.Timestamp(as_of)
    fig.add_vline(x=day.timestamp() * 1000, line={"color": theme.INK, "dash": "dash", "width": 2})
    fig.add_annotation(
        x=day.timestamp() * 1000, y=1, yref="paper", text=f"Data per {fmt.date(as_of)}",
        showarrow=False, yanchor="bottom", font={"size": 13},
    )  # fmt: skip
    first = pd.to_datetime(frame["tanggal_mulai"]).min()
    last = max(pd.to_datetime(frame["tanggal_selesai"]).max(), day)
    span = max((last - first).days, 14)
    fig.update_xaxes(
        type="date",
        range=[first - pd.Timedelta(days=3), last + pd.Timedelta(days=span * 0.35)],
        tickformat="%d/%m",
        title=None,
    )
    fig.update_yaxes(
        categoryorder="array", categoryarray=modules, autorange="reversed", title=None,
        ticklabelstandoff=8, showgrid=False,
    )  # fmt: skip
    fig.update_layout(barmode="overlay", bargap=0.35)
    return with_top_legend(theme.apply(fig, title, 170 + 40 * len(modules)))


def weekly_matrix(weekly: pd.DataFrame, title: str, as_of: dt.date) -> go.Figure:
    """Module x week (Monday) matrix: how many regencies started the module that week.

    ``weekly`` is ``views.training.weekly_modules``; empty weeks between the first and the
    last are kept so the time axis stays true.
    """
    weeks = pd.date_range(weekly["week_start"].min(), weekly["week_start"].max(), freq="7D")
    week_labels = [f"{w.day} {fmt.MONTHS[w.month - 1][:3]}" for w in weeks]
    modules = weekly.drop_duplicates("materi").sort_values("materi")[
        ["materi", "nama_materi", "is_required"]
    ]
    module_labels = [
        plotly_text(f"{r.materi} {r.nama_materi[:30]}{'…' if len(r.nama_materi) > 30 else ''}")
        + ("" if r.is_required else " (tambahan)")
        for r in modules.itertuples()
    ]
    counts = weekly.set_index(["materi", "week_start"])
    z, hover, xs, ys, texts, colours = [], [], [], [], [], []
    peak = max(int(weekly["region_count"].max()), 1)
    for code, label in zip(modules["materi"], module_labels, strict=True):
        z_row, hover_row = [], []
        for week, week_label in zip(weeks, week_labels, strict=True):
            key = (code, week)
            regions = int(counts.loc[key, "region_count"]) if key in counts.index else 0
            activities = int(counts.loc[key, "activity_count"]) if key in counts.index else 0
            z_row.append(regions if regions else None)
            hover_row.append(
                f"<b>{label}</b><br>Minggu mulai {fmt.date(week)}<br>{regions} kabupaten/kota, "
                f"{activities} kegiatan dimulai"
            )
            if regions:
                xs.append(week_label)
                ys.append(label)
                texts.append(str(regions))
                colours.append("white" if regions > peak * 0.55 else theme.INK)
        z.append(z_row)
        hover.append(hover_row)
    fig = go.Figure()
    fig.add_heatmap(
        z=z,
        x=week_labels,
        y=module_labels,
        zmin=0,
        zmax=peak,
        colorscale=[[0, "#DCEBF7"], [1, theme.PALETTE[0]]],
        showscale=False,
        xgap=2,
        ygap=2,
        text=hover,
        hovertemplate="%{text}<extra></extra>",
        hoverongaps=False,
    )
    fig.add_scatter(
        x=xs, y=ys, mode="text", text=texts, textfont={"color": colours}, hoverinfo="skip",
        showlegend=False,
    )  # fmt: skip
    current = week_index(as_of, weeks)
    if current is not None:
        fig.add_shape(
            type="rect",
            x0=current - 0.5,
            x1=current + 0.5,
            y0=-0.5,
            y1=len(module_labels) - 0.5,
            line={"color": theme.INK, "width": 2, "dash": "dash"},
        )
        fig.add_annotation(
            x=current, y=1, yref="paper", text=f"Data per {fmt.date(as_of)}", showarrow=False,
            yanchor="bottom", font={"size": 13},
        )  # fmt: skip
    fig.update_yaxes(
        autorange="reversed", showgrid=False, title=None, ticklabelstandoff=8, ticks=""
    )
    fig.update_xaxes(showgrid=False, title=None, type="category", tickangle=-60, ticks="")
    fig = theme.apply(fig, title, 200 + 40 * len(module_labels))
    fig.update_layout(title={"x": 0, "xanchor": "left"}, margin={"t": 80})
    return fig


def week_index(as_of: dt.date, weeks: pd.DatetimeIndex) -> int | None:
    """Column index of the week holding ``as_of`` (None when outside the range)."""
    day = pd.Timestamp(as_of)
    monday = day - pd.Timedelta(days=day.weekday())
    for i, week in enumerate(weeks):
        if week == monday:
            return i
    return None
