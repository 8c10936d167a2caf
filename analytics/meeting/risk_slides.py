"""The slide "Berisiko terlambat" (early warning, analytics/risk.py) and its workbook table.

The flags come from the caller (``build_deck(risk_flags=risk.flags(db, as_of))``), already
computed: the deck stays a pure function of what it is given. ``None`` means "not
computed" and leaves the slide out; an empty list says that nothing is at risk. The
province deck lists every regency's flags, a regency's deck its own; most urgent first.
"""

from __future__ import annotations

from analytics import formatting as fmt
from analytics.meeting.context import _Context
from analytics.meeting.model import COUNT, DATE, PERCENT, TEXT, Column, Kpi, Slide, Table
from analytics.risk import NO_PROGRESS
from analytics.tile_map import short_name
from analytics.views import risk as view

RISK_KEY = "berisiko"
RISK_TITLE = view.TITLE
RISK_SLIDE_ROWS = 7  # rows that fit under the headline figures on a projected slide
LABEL_ON_SLIDE = 48  # characters of a component's name on a slide (all in the workbook)


def _scope(ctx: _Context) -> tuple:
    if ctx.risk_flags is None:
        return ()
    if ctx.region is None:
        return tuple(ctx.risk_flags)
    return tuple(f for f in ctx.risk_flags if f.kode_wilayah == ctx.region)


def _cut(text: str, width: int = LABEL_ON_SLIDE) -> str:
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    return text[: width - 1].rsplit(" ", 1)[0].rstrip(" ,;:·") + "…"


def _columns(with_region: bool) -> tuple[Column, ...]:
    region = (Column("Wilayah", TEXT, 1.1),) if with_region else ()
    return (
        *region,
        Column("Komponen", TEXT, 2.6),
        Column("Batas waktu", DATE, 1.1),
        Column("Capaian kini", TEXT, 0.9),
        Column("Perkiraan selesai", TEXT, 1.9),
        Column("Hari terlambat", TEXT, 0.9),
    )


def slide_rows(flags, with_region: bool) -> tuple[tuple, ...]:
    """The slide's rows: wilayah, komponen, batas waktu, capaian kini, perkiraan selesai,
    hari terlambat."""
    return tuple(
        (
            *((short_name(f.nama_wilayah),) if with_region else ()),
            _cut(f.label),
            f.batas_waktu,
            f.capaian_teks(),
            view.finish_text(f),
            view.late_text(f),
        )
        for f in flags
    )


def risk_slide(ctx: _Context) -> Slide | None:
    """Regency × component projected to miss its deadline, most urgent first."""
    if ctx.risk_flags is None:
        return None
    flags = _scope(ctx)
    scope = ctx.names[ctx.region] if ctx.region else "Seluruh provinsi"
    subtitle = f"{scope} · per {fmt.date(ctx.as_of)} · perkiraan dari tren pekan-pekan terakhir"
    if not flags:
        return Slide(
            RISK_KEY,
            RISK_TITLE,
            subtitle=subtitle,
            points=(view.none_text(ctx.as_of),),
        )
    stalled = sum(f.alasan == NO_PROGRESS for f in flags)
    kpis = (
        Kpi("Komponen berisiko", fmt.number(len(flags))),
        Kpi("Di antaranya tanpa kemajuan", fmt.number(stalled)),
    )
    if ctx.region is None:
        summary = view.summary(flags)
        kpis = (Kpi("Kabupaten/kota berisiko", fmt.number(summary.region_count)), *kpis)
    with_region = ctx.region is None
    rows = slide_rows(flags[:RISK_SLIDE_ROWS], with_region)
    if len(flags) > RISK_SLIDE_ROWS:
        subtitle += (
            f" · {RISK_SLIDE_ROWS} dari {len(flags)} ditampilkan, paling mendesak dulu; "
            "selengkapnya di lampiran"
        )
    table = Table(RISK_TITLE, _columns(with_region), rows, missing="-", dense=True)
    return Slide(RISK_KEY, RISK_TITLE, subtitle=subtitle, kpis=kpis, table=table)


RISK_SHEET = (
    Column("Kode wilayah", TEXT),
    Column("Wilayah", TEXT),
    Column("Kode komponen", TEXT),
    Column("Komponen", TEXT),
    Column("Batas waktu", DATE),
    Column("Capaian kini", PERCENT),
    Column("Status", TEXT),
    Column("Perkiraan selesai paling cepat", DATE),
    Column("Perkiraan selesai paling lambat", DATE),
    Column("Hari terlambat (paling sedikit)", COUNT),
    Column("Alasan", TEXT),
    Column("Uraian", TEXT),
)
REASON_TEXT = {NO_PROGRESS: "tanpa kemajuan", "proyeksi": "proyeksi tren"}


def risk_table(ctx: _Context) -> Table | None:
    """Every flag of the deck's scope, every field (the Excel sheet, the HTML appendix)."""
    if ctx.risk_flags is None:
        return None
    rows = tuple(
        (
            f.kode_wilayah, f.nama_wilayah, f.komponen, f.label, f.batas_waktu, f.capaian,
            f.capaian_teks(), f.proyeksi_awal, f.proyeksi_akhir, f.hari_terlambat,
            REASON_TEXT.get(f.alasan, f.alasan), f.teks(),
        )
        for f in _scope(ctx)
    )  # fmt: skip
    return Table(RISK_TITLE, RISK_SHEET, rows, missing="-")
