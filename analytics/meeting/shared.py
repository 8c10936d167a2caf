"""Slides and slide parts that the province deck, the regency decks and the workbook share."""

from __future__ import annotations

import datetime as dt

from analytics import formatting as fmt
from analytics.indicators import BODY_ORDER
from analytics.labels import CHECKLIST_STATUS_LABEL, TRAINING_MEASURE_NAME
from analytics.meeting.context import _Context
from analytics.meeting.model import (
    COUNT,
    DEMO_NOTE,
    ORGANISATION,
    PERCENT,
    RATIO,
    TEXT,
    Column,
    Kpi,
    Slide,
    Table,
)
from analytics.meeting.values import _int, _num, rate

ELECTION = "Pemilihan Serentak 2024 · Kesiapan Badan Ad Hoc dan Tahapan Pencalonan"
MILESTONE_COUNT = 6


def _done_of(done, applicable) -> str:
    """'366 dari 380', or 'belum lapor' when nothing was reported."""
    if _num(applicable) is None:
        return fmt.NOT_REPORTED
    return f"{fmt.number(done)} dari {fmt.number(applicable)}"


def _training_bodies(ctx: _Context) -> list[str]:
    """Bodies whose bimtek the calendar asks for, or that already have activities."""
    active = {
        c.badan
        for c in ctx.config.components
        if c.metric.startswith("training_") and c.active_from <= ctx.as_of
    }
    return [
        body
        for body in BODY_ORDER
        if body in active or (ctx.ind.province["bimtek"].get(body) or {}).get("peserta_target")
    ]


def _title_slide(ctx: _Context) -> Slide:
    points = [ORGANISATION, ELECTION]
    if ctx.region:
        points.append(ctx.names[ctx.region])
    points.append(f"Data per {fmt.date(ctx.as_of)}")
    if ctx.is_demo:
        points.append(DEMO_NOTE)
    return Slide("judul", ctx.title, subtitle=ORGANISATION, points=tuple(points))


BODY_COLUMNS = (
    Column("Badan", TEXT, 1.1),
    Column("Kebutuhan", COUNT, 1.1),
    Column("Dilantik", COUNT, 1.1),
    Column("% dilantik", PERCENT),
    Column("% perempuan", PERCENT, 1.1),
    Column("Pendaftar per kursi", RATIO),
)


def _body_row(label: str, entry: dict) -> tuple:
    has_units = bool(entry.get("units_reported_count"))
    if not has_units:
        return (label, None, None, None, None, None)
    return (
        label,
        _int(entry.get("kebutuhan")),
        _int(entry.get("dilantik")),
        rate(entry.get("sworn_in_rate")),
        rate(entry.get("women_share")),
        rate(entry.get("applicant_ratio")),
    )


TRAINING_COLUMNS = (
    Column("Badan", TEXT, 1.2),
    Column(f"Penuntasan ({TRAINING_MEASURE_NAME['training_due_completion']})", PERCENT, 1.3),
    Column(f"Penuntasan ({TRAINING_MEASURE_NAME['training_completion']})", PERCENT, 1.3),
    Column("Peserta target", COUNT),
    Column("Hadir", COUNT),
    Column("Tuntas", COUNT),
)


def _registration_kpi(as_of: dt.date) -> Kpi:
    from analytics.views.calendar import registration_countdown

    countdown, _ = registration_countdown(as_of)
    return Kpi("Pendaftaran pasangan calon", countdown)


def _status_text(status, reported: bool) -> str:
    if not reported:
        return "○ Belum lapor"
    return CHECKLIST_STATUS_LABEL.get(status or "belum", str(status))


ATTENTION_COLUMNS = (
    Column("No.", COUNT, 0.4),
    Column("Kabupaten/Kota", TEXT, 1.3),
    Column("Kesiapan", TEXT, 1.2),
    Column("Belum siap pada", TEXT, 2.6),
    Column("Belum siap sejak", TEXT, 1.4),
    Column("Pelaporan", TEXT, 1.8),
)


MILESTONE_COLUMNS = (
    Column("Hitung mundur", TEXT, 0.8),
    Column("Tahapan", TEXT, 2.6),
    Column("Mulai", TEXT, 1.2),
)


def _milestones(ctx: _Context) -> Slide:
    from analytics.views.calendar import milestones_ahead, stages_ongoing

    ahead = milestones_ahead(ctx.schedule, ctx.as_of, count=MILESTONE_COUNT)
    rows = tuple((m.countdown, m.stage, m.date) for m in ahead)
    points = tuple(f"Sedang berlangsung: {s}" for s in stages_ongoing(ctx.schedule, ctx.as_of))
    if not rows:
        points += ("Semua tahapan dalam jadwal sudah dimulai",)
    table = Table("Tahapan berikutnya", MILESTONE_COLUMNS, rows, missing="-")
    return Slide(
        "jadwal",
        "Tahapan berikutnya",
        subtitle=f"Dihitung dari {fmt.date(ctx.as_of)}",
        points=points,
        table=table if rows else None,
    )
