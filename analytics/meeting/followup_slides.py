"""The follow-up slide ("Tindak lanjut rapat sebelumnya"), the notes on the numbers of a
regency, and their workbook tables.

Both come from the caller (``build_deck(followups=..., number_notes=...)``), already read
from the database: the deck stays a pure function of what it is given. ``None`` means
"not loaded" and leaves the slide out (a deck built from indicators alone); an empty
list is "loaded, nothing recorded" and the follow-up slide says "Belum ada tindak lanjut
yang dicatat". The notes slide of a regency appears only when it has notes.
"""

from __future__ import annotations

from analytics import formatting as fmt
from analytics.followup_view import FollowupLine
from analytics.followups import DONE, PROVINCE
from analytics.meeting.context import _Context
from analytics.meeting.model import COUNT, DATE, DATETIME, PERCENT, TEXT, Column, Kpi, Slide, Table
from analytics.number_notes import NumberNote
from analytics.tile_map import short_name

FOLLOWUP_KEY = "tindak_lanjut"
FOLLOWUP_TITLE = "Tindak lanjut rapat sebelumnya"
NOTES_KEY = "catatan_angka"
NOTES_TITLE = "Catatan atas angka"
NONE_RECORDED = "Belum ada tindak lanjut yang dicatat"
FOLLOWUP_SLIDE_ROWS = 6  # rows that fit under the headline figures on a projected slide
NOTE_SLIDE_ROWS = 8
TEXT_ON_SLIDE = 70  # characters of what was agreed shown on a slide (all in the workbook)


def _scope(ctx: _Context, lines) -> tuple[FollowupLine, ...]:
    """The province deck: every follow-up; a regency's deck: that regency's own."""
    if ctx.region is None:
        return tuple(lines)
    return tuple(line for line in lines if line.followup.kode_wilayah == ctx.region)


def _where(line: FollowupLine) -> str:
    return "Provinsi" if line.followup.kode_wilayah == PROVINCE else short_name(line.region_name)


def _cut(text: str, width: int = TEXT_ON_SLIDE) -> str:
    """One line of at most ``width`` characters, cut at a word with '…'."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    return text[: width - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def _slide_columns(with_region: bool) -> tuple[Column, ...]:
    region = (Column("Wilayah", TEXT, 1.1),) if with_region else ()
    return (
        *region,
        Column("Topik", TEXT, 1.3),
        Column("Isi", TEXT, 2.6),
        Column("Penanggung jawab", TEXT, 1.1),
        Column("Jatuh tempo", DATE, 1.1),
        Column("Status", TEXT, 0.9),
        Column("Indikator dulu → kini", TEXT, 2.0),
    )


def _slide_row(line: FollowupLine, with_region: bool) -> tuple:
    f = line.followup
    region = (_where(line),) if with_region else ()
    return (
        *region,
        _cut(line.topic_text, 48),
        _cut(f.isi),
        f.penanggung_jawab,
        f.jatuh_tempo,
        line.status_label,
        line.values_text(),
    )


def followup_slide(ctx: _Context) -> Slide | None:
    """Open and overdue follow-ups first (overdue first), then done and cancelled ones,
    each with its linked indicator at the meeting and on the as-of date."""
    if ctx.followups is None:
        return None
    lines = _scope(ctx, ctx.followups)
    scope = ctx.names[ctx.region] if ctx.region else "Seluruh provinsi"
    subtitle = f"{scope} · per {fmt.date(ctx.as_of)}"
    if not lines:
        return Slide(FOLLOWUP_KEY, FOLLOWUP_TITLE, subtitle=subtitle, points=(NONE_RECORDED,))
    open_count = sum(line.is_open for line in lines)
    overdue_count = sum(line.is_overdue for line in lines)
    done_count = sum(line.followup.status == DONE for line in lines)
    kpis = (
        Kpi("Terbuka", fmt.number(open_count)),
        Kpi("Di antaranya terlambat", fmt.number(overdue_count)),
        Kpi("Selesai", fmt.number(done_count)),
    )
    with_region = ctx.region is None
    rows = tuple(_slide_row(line, with_region) for line in lines[:FOLLOWUP_SLIDE_ROWS])
    if len(lines) > FOLLOWUP_SLIDE_ROWS:  # in the subtitle: the table keeps the room
        subtitle += (
            f" · {FOLLOWUP_SLIDE_ROWS} dari {len(lines)} ditampilkan, terlambat dulu; "
            "selengkapnya di lampiran"
        )
    table = Table("Tindak lanjut", _slide_columns(with_region), rows, missing="-", dense=True)
    return Slide(FOLLOWUP_KEY, FOLLOWUP_TITLE, subtitle=subtitle, kpis=kpis, table=table)


def _region_notes(ctx: _Context) -> tuple[NumberNote, ...]:
    if ctx.number_notes is None:
        return ()
    return tuple(
        n
        for n in ctx.number_notes
        if (ctx.region is None or n.kode_wilayah == ctx.region) and n.tanggal <= ctx.as_of
    )


def notes_slide(ctx: _Context) -> Slide | None:
    """A regency's notes on its numbers up to the as-of date, newest first; None when it
    has none (or in the province deck, where they are in the workbook)."""
    if ctx.region is None:
        return None
    notes = sorted(_region_notes(ctx), key=lambda n: (n.tanggal, n.id), reverse=True)
    if not notes:
        return None
    columns = (Column("Tanggal", DATE, 1.0), Column("Catatan", TEXT, 5.0),
               Column("Oleh", TEXT, 1.0))  # fmt: skip
    rows = tuple((n.tanggal, n.teks, n.dibuat_oleh) for n in notes[:NOTE_SLIDE_ROWS])
    points = ()
    if len(notes) > NOTE_SLIDE_ROWS:
        points = (f"{NOTE_SLIDE_ROWS} terbaru dari {len(notes)} catatan; semuanya di lampiran",)
    return Slide(
        NOTES_KEY,
        NOTES_TITLE,
        subtitle=f"{ctx.names[ctx.region]} · penjelasan admin provinsi atas angka pada tanggal itu",
        points=points,
        table=Table("Catatan atas angka", columns, rows, missing="-", dense=True),
    )


FOLLOWUP_SHEET = (
    Column("ID", COUNT),
    Column("Kode wilayah", TEXT),
    Column("Wilayah", TEXT),
    Column("Topik", TEXT),
    Column("Indikator", TEXT),
    Column("Isi", TEXT),
    Column("Penanggung jawab", TEXT),
    Column("Tanggal rapat", DATE),
    Column("Judul rapat", TEXT),
    Column("Jatuh tempo", DATE),
    Column("Status", TEXT),
    Column("Nilai dulu", PERCENT),
    Column("Tanggal dulu", DATE),
    Column("Nilai kini", PERCENT),
    Column("Tanggal kini", DATE),
    Column("Indikator dulu → kini", TEXT),
    Column("Catatan perkembangan", COUNT),
    Column("Catatan terakhir", TEXT),
)


def followup_table(ctx: _Context) -> Table | None:
    """Every follow-up of the deck's scope, every field (the Excel sheet, the appendix)."""
    if ctx.followups is None:
        return None
    rows = []
    for line in _scope(ctx, ctx.followups):
        f = line.followup
        last = line.notes[-1] if line.notes else None
        rows.append(
            (
                f.id, f.kode_wilayah, line.region_name, f.topik, line.indicator_label, f.isi,
                f.penanggung_jawab, f.tanggal_rapat, f.judul_rapat, f.jatuh_tempo,
                line.status_label, line.value_then, line.date_then, line.value_now,
                line.date_now if line.indicator_label else None, line.values_text(),
                len(line.notes),
                f"{last[2]} ({last[1]}, {fmt.datetime_wib(last[0])})" if last else None,
            )
        )  # fmt: skip
    return Table("Tindak lanjut", FOLLOWUP_SHEET, tuple(rows), missing="-")


NOTES_SHEET = (
    Column("Kode wilayah", TEXT),
    Column("Wilayah", TEXT),
    Column("Tanggal", DATE),
    Column("Catatan", TEXT),
    Column("Dibuat oleh", TEXT),
    Column("Dibuat pada", DATETIME),
)


def notes_table(ctx: _Context) -> Table | None:
    """The notes on the numbers of the deck's scope up to the as-of date (Excel sheet)."""
    if ctx.number_notes is None:
        return None
    rows = tuple(
        (n.kode_wilayah, ctx.names.get(n.kode_wilayah, n.kode_wilayah), n.tanggal, n.teks,
         n.dibuat_oleh, n.dibuat_pada)
        for n in sorted(_region_notes(ctx), key=lambda n: (n.kode_wilayah, n.tanggal, n.id))
    )  # fmt: skip
    return Table("Catatan angka", NOTES_SHEET, rows, missing="-")
