"""The election calendar as the dashboards count it: milestones ahead, stages running and
the countdown to candidate registration (data/reference/jadwal.csv). Read by the
Ringkasan and Pencalonan pages and by the meeting deck."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from analytics import formatting as fmt
from analytics import reference

REGISTRATION_CODE = "PENDAFTARAN_CALON"


@dataclass(frozen=True)
class Milestone:
    """A calendar milestone ahead of the as-of date."""

    countdown: str  # 'H-12', or 'Hari ini'
    stage: str
    date: str


def milestones_ahead(schedule: pd.DataFrame, as_of: dt.date, count: int = 4) -> list[Milestone]:
    """The next ``count`` milestones starting on or after ``as_of`` (jadwal.csv rows)."""
    ahead = schedule[schedule["tanggal_mulai"] >= as_of].sort_values(["tanggal_mulai", "kode"])
    out = []
    for row in ahead.head(count).itertuples():
        days = (row.tanggal_mulai - as_of).days
        out.append(Milestone("Hari ini" if days == 0 else f"H-{days}", row.tahapan,
                             fmt.date(row.tanggal_mulai)))  # fmt: skip
    return out


def stages_ongoing(schedule: pd.DataFrame, as_of: dt.date) -> list[str]:
    """'Masa kampanye (sampai 23 November 2024)' for the stages running on ``as_of``."""
    running = schedule[(schedule["tanggal_mulai"] < as_of) & (schedule["tanggal_selesai"] >= as_of)]
    return [
        f"{row.tahapan} (sampai {fmt.date(row.tanggal_selesai)})"
        for row in running.sort_values("tanggal_selesai").itertuples()
    ]


def registration_countdown(as_of: dt.date, schedule: pd.DataFrame | None = None) -> tuple[str, str]:
    """('H-12', sentence) relative to candidate registration (jadwal.csv PENDAFTARAN_CALON)."""
    schedule = reference.read_reference("jadwal.csv") if schedule is None else schedule
    row = schedule[schedule["kode"] == REGISTRATION_CODE].iloc[0]
    start, end = row["tanggal_mulai"], row["tanggal_selesai"]
    span = date_range(start, end)
    if as_of < start:
        days = (start - as_of).days
        return f"H-{days}", f"H-{days} menuju pendaftaran pasangan calon ({span})."
    if as_of <= end:
        day = (as_of - start).days + 1
        total = (end - start).days + 1
        return (
            f"Hari ke-{day}",
            f"Pendaftaran pasangan calon sedang berlangsung: hari ke-{day} dari {total} ({span}).",
        )
    return (
        "Selesai",
        f"Pendaftaran pasangan calon sudah selesai sejak {fmt.date(end)} "
        f"({fmt.number((as_of - end).days)} hari lalu).",
    )


def date_range(start: dt.date, end: dt.date) -> str:
    """'27–29 Agustus 2024', '30 Agustus – 2 September 2024'."""
    if start == end:
        return fmt.date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{fmt.date(end)}"
    if start.year == end.year:
        return f"{start.day} {fmt.MONTHS[start.month - 1]} – {fmt.date(end)}"
    return f"{fmt.date(start)} – {fmt.date(end)}"
