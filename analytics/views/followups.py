"""Follow-ups as the pages show them: the table, the filters, the counts, the choice labels,
and the overdue marker of the attention list. Pure: ``FollowupLine`` objects in, text out."""

from __future__ import annotations

import pandas as pd

from analytics import formatting as fmt
from analytics.followup_view import OVERDUE, FollowupLine
from analytics.followups import CANCELLED, DONE, OPEN, PROVINCE
from analytics.labels import FOLLOWUP_STATUS_LABEL

# The Status filter: every status, open ones (overdue included), done, cancelled.
ALL = ""
STATUS_CHOICES = {ALL: "Semua", OPEN: "Terbuka", DONE: "Selesai", CANCELLED: "Batal"}
STATUS_SYMBOL = {OVERDUE: "⚠", OPEN: "○", DONE: "✓", CANCELLED: "✕"}
# Beside a regency of the attention list that has an overdue follow-up (Ringkasan).
OVERDUE_MARK = "⚑"
# What a meeting scans first (status, where, what, when, did it help) before the text.
TABLE_COLUMNS = [
    "No.", "Status", "Wilayah", "Topik", "Jatuh tempo", "Indikator dulu → kini", "Isi",
    "Penanggung jawab", "Catatan",
]  # fmt: skip


def status_text(line: FollowupLine) -> str:
    """'⚠ Terlambat', '○ Terbuka', '✓ Selesai', '✕ Batal'."""
    return f"{STATUS_SYMBOL[line.status_key]} {line.status_label}"


def chosen(lines: list[FollowupLine], status: str = ALL, overdue_only: bool = False):
    """The lines the filters keep (``status``: a key of STATUS_CHOICES; open includes overdue)."""
    return [
        line
        for line in lines
        if (status == ALL or line.followup.status == status)
        and (not overdue_only or line.is_overdue)
    ]


def status_counts(lines: list[FollowupLine]) -> dict[str, int]:
    """Status key (terbuka, terlambat, selesai, batal) -> count; 'terbuka' counts every open
    follow-up, overdue ones included (as followup_view.followup_counts does)."""
    counts = dict.fromkeys(FOLLOWUP_STATUS_LABEL, 0)
    for line in lines:
        counts[line.followup.status] += 1
        if line.is_overdue:
            counts[OVERDUE] += 1
    return counts


def counts_text(open_count: int, overdue_count: int) -> str:
    """'5 tindak lanjut terbuka, 2 di antaranya terlambat' (Ringkasan)."""
    if not open_count:
        return "Tidak ada tindak lanjut rapat yang terbuka."
    text = f"{fmt.number(open_count)} tindak lanjut rapat terbuka"
    if overdue_count:
        return f"{text}, {fmt.number(overdue_count)} di antaranya terlambat."
    return f"{text}, tidak ada yang terlambat."


def table(lines: list[FollowupLine]) -> pd.DataFrame:
    """One row per follow-up, in the order given (overdue and open first)."""
    rows = [
        [
            line.followup.id,
            status_text(line),
            line.region_name,
            line.topic_text,
            fmt.date(line.followup.jatuh_tempo),
            line.values_text() or "–",
            line.followup.isi,
            line.followup.penanggung_jawab or "–",
            fmt.number(len(line.notes)),
        ]
        for line in lines
    ]
    return pd.DataFrame(rows, columns=TABLE_COLUMNS)


def option_label(line: FollowupLine) -> str:
    """'3 · ⚠ Terlambat · Kabupaten Pemalang · PPS dilantik' (a choice in a list)."""
    return f"{line.followup.id} · {status_text(line)} · {line.region_name} · {line.topic_text}"


def heading(line: FollowupLine) -> str:
    """'⚠ Terlambat · PPS dilantik · jatuh tempo 30 Agustus 2024' (an expander's label)."""
    due = fmt.date(line.followup.jatuh_tempo)
    return f"{status_text(line)} · {line.topic_text} · jatuh tempo {due}"


def meeting_text(line: FollowupLine) -> str | None:
    """'Rapat koordinasi 30 Agustus 2024 (30 Agustus 2024)', or None."""
    f = line.followup
    if not f.judul_rapat and not f.tanggal_rapat:
        return None
    if f.judul_rapat and f.tanggal_rapat and fmt.date(f.tanggal_rapat) not in f.judul_rapat:
        return f"{f.judul_rapat} ({fmt.date(f.tanggal_rapat)})"
    return f.judul_rapat or fmt.date(f.tanggal_rapat)


def note_texts(line: FollowupLine) -> list[tuple[str, str]]:
    """(when and who, text) of each progress note, oldest first:
    ('30 Agustus 2024 14.05 WIB · admin-demo', 'Pelantikan dijadwalkan ...')."""
    return [(f"{fmt.datetime_wib(at)} · {who}", text) for at, who, text in line.notes]


def region_choice(code: str, names: dict[str, str]) -> str:
    """How a region reads in a choice list: '33.27 Kabupaten Pemalang', 'Seluruh provinsi'."""
    if code == PROVINCE:
        return "Seluruh provinsi"
    return f"{code} {names.get(code, '')}".strip()


def mark_overdue(attention: pd.DataFrame, regions: frozenset[str]) -> pd.DataFrame:
    """A copy of the attention list with OVERDUE_MARK after the name of each regency that
    has an overdue follow-up (``attention`` is shared by every session: never changed)."""
    if attention.empty or not regions:
        return attention
    marked = attention.copy()
    late = marked["Kode"].isin(regions)
    marked.loc[late, "Kabupaten/Kota"] = marked.loc[late, "Kabupaten/Kota"] + f" {OVERDUE_MARK}"
    return marked
