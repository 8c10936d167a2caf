"""The meeting deck as data: slides (points, one table, one chart) for one as-of date.

The single source of the Mode Rapat page and of every export (PowerPoint, HTML, Excel):
all numbers come from one ``Indicators`` and chart values are rounded exactly like
``python -m analytics summary`` (rates to 4 decimals, the readiness index to 2), so the
projector, the files sent to the satker and the dashboards agree to the last digit.
Renderers only lay these objects out; they compute nothing.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace

import pandas as pd

from analytics import formatting as fmt
from analytics import indicators, reference
from analytics.config import IndicatorConfig, load_config
from analytics.figures.theme import CATEGORY_LABEL, category_text
from analytics.indicators import BODY_ORDER, Indicators
from analytics.labels import BODY_LABEL, CHECKLIST_STATUS_LABEL, DATASET_LABEL, REPORTING_LABEL
from analytics.storage import Database
from analytics.tile_map import short_name

ORGANISATION = "KPU Provinsi Jawa Tengah"
PROVINCE = "Provinsi Jawa Tengah"
DEFAULT_TITLE = "Rapat Koordinasi Kesiapan Pilkada Serentak 2024"
ELECTION = "Pemilihan Serentak 2024 · Kesiapan Badan Ad Hoc dan Tahapan Pencalonan"
DEMO_NOTE = "DEMO — data contoh, bukan data resmi"
WEEKS_OF_HISTORY = 40
SLIDE_ROWS = 8  # table rows that stay readable on a projected slide
CANDIDACY_ROWS = 5  # fewer beside the chart and the headline figures
MILESTONE_COUNT = 6

# Column kinds: how a raw value is shown on a slide and formatted in Excel.
TEXT, COUNT, PERCENT, INDEX, RATIO, DATE, DATETIME = (
    "text",
    "count",
    "percent",
    "index",
    "ratio",
    "date",
    "datetime",
)


# Kinds whose raw value is a number or a date (right-aligned, sorted by value).
NUMERIC_KINDS = frozenset({COUNT, PERCENT, INDEX, RATIO, DATE, DATETIME})


# --------------------------------------------------------------------------- the objects


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = TEXT
    width: float = 1.0  # relative width on a slide


@dataclass(frozen=True)
class Table:
    """A table with raw values (ratios 0-1, ints, dates, text; None = no value)."""

    name: str  # caption, and the sheet name in Excel
    columns: tuple[Column, ...]
    rows: tuple[tuple, ...]
    missing: str = fmt.NOT_REPORTED  # how an empty cell reads

    def display_rows(self) -> list[list[str]]:
        """Every cell formatted the Indonesian way (``87,5%``, ``1.234``, ``15 Agustus 2024``)."""
        return [
            [
                display(value, column.kind, self.missing)
                for value, column in zip(row, self.columns, strict=True)
            ]
            for row in self.rows
        ]

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Chart:
    """Chart data. ``categories`` are in reading order (top to bottom for bars).

    kind: ``bar`` (horizontal, clustered), ``column`` (vertical, clustered) or
    ``stacked_bar`` (horizontal, stacked). value_kind: ``percent`` (0-1), ``index``
    (0-100) or ``count``. A missing value (None) is a regency that has not reported.
    """

    kind: str
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    value_kind: str
    target: float | None = None
    target_label: str = ""


@dataclass(frozen=True)
class Kpi:
    label: str
    value: str


@dataclass(frozen=True)
class Slide:
    key: str
    title: str
    subtitle: str = ""
    kpis: tuple[Kpi, ...] = ()
    points: tuple[str, ...] = ()
    table: Table | None = None
    chart: Chart | None = None


@dataclass(frozen=True)
class Deck:
    meeting_title: str
    as_of: dt.date
    region: str | None  # None: the whole province
    region_name: str | None
    is_demo: bool
    slides: tuple[Slide, ...]
    tables: tuple[Table, ...]  # the indicator tables (Excel sheets, HTML appendix)

    @property
    def scope(self) -> str:
        return self.region_name or PROVINCE

    @property
    def footer(self) -> str:
        parts = ["SIAGA", ORGANISATION, self.scope, f"Data per {fmt.date(self.as_of)}"]
        if self.is_demo:
            parts.append(DEMO_NOTE)
        return " · ".join(parts)

    def slide(self, key: str) -> Slide:
        return next(s for s in self.slides if s.key == key)

    def table(self, name: str) -> Table:
        return next(t for t in self.tables if t.name == name)


def display(value, kind: str, missing: str = fmt.NOT_REPORTED) -> str:
    """One value as text on a slide or a web page."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return missing
    if kind == COUNT:
        return fmt.number(value)
    if kind == PERCENT:
        return fmt.percent(value)
    if kind == INDEX:
        return fmt.number(value, 1)
    if kind == RATIO:
        return f"{fmt.number(value, 2)}×"
    if kind == DATE:
        return fmt.date(value)
    if kind == DATETIME:
        return f"{fmt.date(value)} {value:%H.%M}"
    return str(value)


# --------------------------------------------------------------------------- entry points


def weekly_dates(
    as_of: dt.date, first: dt.date | None, weeks: int = WEEKS_OF_HISTORY
) -> list[dt.date]:
    """``as_of`` and the same weekday back to the first data (as ``pages.shared``)."""
    dates = [as_of - dt.timedelta(days=7 * k) for k in range(weeks)]
    return sorted(d for d in dates if first is None or d >= first - dt.timedelta(days=7))


def first_data_date(db: Database) -> dt.date | None:
    if not db.exists():
        return None
    with db.reader() as con:
        return con.execute("SELECT min(as_of) FROM versions WHERE withdrawn_at IS NULL").fetchall()[
            0
        ][0]


def load_deck(
    db: Database, as_of: dt.date, title: str | None = None, region: str | None = None
) -> Deck:
    """The deck straight from the database (CLI, bench): weekly history, then ``build_deck``."""
    return build_deck(load_series(db, as_of), title=title, region=region, is_demo=db.is_demo())


def load_series(db: Database, as_of: dt.date) -> Indicators:
    """Indicators on ``as_of`` and the weekly dates before it (for 'since when')."""
    return indicators.compute_series(db, weekly_dates(as_of, first_data_date(db)))


def build_deck(
    series: Indicators,
    title: str | None = None,
    region: str | None = None,
    is_demo: bool = False,
    config: IndicatorConfig | None = None,
    schedule: pd.DataFrame | None = None,
) -> Deck:
    """The deck as of ``series.as_of`` (its latest date; earlier dates give 'since when').

    With ``region``, the one-pager of that regency instead of the province deck.
    """
    if region is not None and region not in set(series.readiness["kode_wilayah"]):
        raise KeyError(region)
    return _deck(_context(series, title, is_demo, config, schedule), region)


def build_region_decks(
    series: Indicators,
    title: str | None = None,
    is_demo: bool = False,
    config: IndicatorConfig | None = None,
) -> dict[str, Deck]:
    """The one-pager of every regency (code -> deck), sharing one computation."""
    ctx = _context(series, title, is_demo, config, None)
    return {code: _deck(ctx, code) for code in ctx.names}


@dataclass(frozen=True)
class _Context:
    """What every slide builder reads: today's indicators and what is derived once."""

    ind: Indicators
    config: IndicatorConfig
    schedule: pd.DataFrame
    attention: pd.DataFrame  # overview.attention_list of every regency
    components: pd.DataFrame  # overview.component_values on the as-of date
    title: str
    is_demo: bool
    region: str | None = None

    @property
    def as_of(self) -> dt.date:
        return self.ind.as_of

    @property
    def names(self) -> dict[str, str]:
        readiness = self.ind.readiness
        return dict(zip(readiness["kode_wilayah"], readiness["nama"], strict=True))


def _context(series, title, is_demo, config, schedule) -> _Context:
    from analytics.views.overview import attention_list, component_values

    config = config or load_config()
    ind = series.on(series.as_of)
    history = series if len(series.province_by_date) > 1 else None
    return _Context(
        ind=ind,
        config=config,
        schedule=reference.read_reference("jadwal.csv") if schedule is None else schedule,
        attention=attention_list(ind, history=history, config=config, limit=2),
        components=component_values(ind, config),
        title=(title or "").strip() or DEFAULT_TITLE,
        is_demo=is_demo,
    )


def _deck(ctx: _Context, region: str | None) -> Deck:
    names = ctx.names
    if region is not None and region not in names:
        raise KeyError(region)
    ctx = replace(ctx, region=region)
    if region is None:
        slides = (
            _title_slide(ctx),
            _province_summary(ctx),
            _province_bodies(ctx),
            _province_training(ctx),
            _province_candidacy(ctx),
            _province_attention(ctx),
            _milestones(ctx),
        )
    else:
        slides = (
            _title_slide(ctx),
            _region_summary(ctx),
            _region_bodies(ctx),
            _region_training(ctx),
            _region_candidacy(ctx),
            _region_attention(ctx),
            _milestones(ctx),
        )
    name = names.get(region) if region else None
    tables = _workbook_tables(ctx)
    return Deck(ctx.title, ctx.as_of, region, name, ctx.is_demo, slides, tables)


# --------------------------------------------------------------------------- helpers


def _num(value):
    """Plain Python number or None."""
    value = indicators._num(value)
    return None if value is pd.NaT else value


def _int(value) -> int | None:
    value = _num(value)
    return None if value is None else int(round(value))


def rate(value) -> float | None:
    """A rate as ``summary`` rounds it (4 decimals)."""
    value = _num(value)
    return None if value is None else round(float(value), 4)


def index_value(value) -> float | None:
    """The readiness index as ``summary`` rounds it (2 decimals)."""
    value = _num(value)
    return None if value is None else round(float(value), 2)


def _day(value) -> dt.date | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


def _done_of(done, applicable) -> str:
    """'366 dari 380', or 'belum lapor' when nothing was reported."""
    if _num(applicable) is None:
        return fmt.NOT_REPORTED
    return f"{fmt.number(done)} dari {fmt.number(applicable)}"


def _label(code: str, name: str, reported: bool) -> str:
    return short_name(name) if reported else f"{short_name(name)} (belum lapor)"


def _bodies_with_units(ind: Indicators) -> list[str]:
    return [
        body
        for body in BODY_ORDER
        if (ind.province["badan"].get(body) or {}).get("units_reported_count")
    ]


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


def _region_chart(
    frame: pd.DataFrame, bodies: list[str], metric: str, title: str, config: IndicatorConfig
) -> Chart:
    """One bar per regency and body; weakest regencies first, non-reporting ones on top."""
    wide = frame[frame["badan"].isin(bodies)].pivot(
        index="kode_wilayah", columns="badan", values=metric
    )
    meta = frame.drop_duplicates("kode_wilayah").set_index("kode_wilayah")
    reported = meta["is_reported"].astype(bool)
    mean = wide.mean(axis=1)
    order = sorted(
        wide.index, key=lambda c: (bool(reported[c]), -1.0 if pd.isna(mean[c]) else mean[c], c)
    )
    categories = tuple(_label(c, meta.loc[c, "nama"], bool(reported[c])) for c in order)
    series = tuple(
        Series(BODY_LABEL[b], tuple(rate(wide.loc[c, b]) for c in order)) for b in bodies
    )
    return Chart(
        "bar",
        title,
        categories,
        series,
        "percent",
        config.green / 100,
        f"Garis siap {fmt.number(config.green)}%",
    )


# --------------------------------------------------------------------------- slides


def _title_slide(ctx: _Context) -> Slide:
    points = [ORGANISATION, ELECTION]
    if ctx.region:
        points.append(ctx.names[ctx.region])
    points.append(f"Data per {fmt.date(ctx.as_of)}")
    if ctx.is_demo:
        points.append(DEMO_NOTE)
    return Slide("judul", ctx.title, subtitle=ORGANISATION, points=tuple(points))


def _category_counts(ind: Indicators) -> dict[str, int]:
    counts = ind.readiness["category"].value_counts()
    return {key: int(counts.get(key, 0)) for key in CATEGORY_LABEL}


def _bodies_point(ind: Indicators) -> str:
    parts = []
    for body in BODY_ORDER:
        entry = ind.province["badan"].get(body) or {}
        if entry.get("units_reported_count"):
            parts.append(f"{BODY_LABEL[body]} {fmt.percent(entry.get('sworn_in_rate'))}")
        elif entry.get("regions_reported_count"):
            parts.append(f"{BODY_LABEL[body]} belum dibentuk")
        else:
            parts.append(f"{BODY_LABEL[body]} belum lapor")
    return "Dilantik: " + " · ".join(parts)


def _candidacy_point(ind: Indicators) -> str:
    p = ind.province["pencalonan"]
    if not p.get("regions_reported_count"):
        return "Persiapan pencalonan: belum ada kabupaten/kota yang melapor"
    return (
        f"Persiapan pencalonan: {fmt.number(p['done_count'])} dari "
        f"{fmt.number(p['applicable_count'])} butir selesai "
        f"({fmt.percent(p['candidacy_completion'], missing='-')}), "
        f"{fmt.number(p['overdue_count'])} terlambat"
    )


def _next_milestone_point(ctx: _Context) -> str | None:
    from analytics.views.overview import milestones_ahead

    ahead = milestones_ahead(ctx.schedule, ctx.as_of, count=1)
    if not ahead:
        return None
    m = ahead[0]
    return f"Tahapan berikutnya: {m.stage}, {m.date} ({m.countdown})"


def _province_summary(ctx: _Context) -> Slide:
    ind = ctx.ind
    readiness = ind.readiness
    reported = int(readiness["readiness_index"].notna().sum())
    counts = _category_counts(ind)
    kpis = [
        Kpi("Kabupaten/kota melapor", f"{reported} dari {len(readiness)}"),
        Kpi(
            "Rata-rata indeks kesiapan",
            fmt.number(readiness["readiness_index"].mean(), 1, missing="-"),
        ),
    ]
    for key in ("siap", "perlu_perhatian", "tertinggal", "belum_lapor"):
        if key != "belum_lapor" or counts[key]:
            kpis.append(Kpi(category_text(key), fmt.number(counts[key])))
    points = [_bodies_point(ind), _candidacy_point(ind)]
    milestone = _next_milestone_point(ctx)
    if milestone:
        points.append(milestone)
    order = readiness.assign(
        reported=readiness["readiness_index"].notna(),
        sort_value=readiness["readiness_index"].fillna(-1.0),
    ).sort_values(["reported", "sort_value", "kode_wilayah"])
    chart = Chart(
        "bar",
        "Indeks kesiapan per kabupaten/kota (0–100)",
        tuple(_label(r.kode_wilayah, r.nama, r.reported) for r in order.itertuples()),
        (Series("Indeks kesiapan", tuple(index_value(v) for v in order["readiness_index"])),),
        "index",
        ctx.config.green,
        f"Siap ≥ {fmt.number(ctx.config.green)}",
    )
    return Slide(
        "ringkasan",
        "Ringkasan provinsi",
        subtitle=f"{len(readiness)} kabupaten/kota · data per {fmt.date(ctx.as_of)}",
        kpis=tuple(kpis),
        points=tuple(points),
        chart=chart,
    )


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


def _below(frame: pd.DataFrame, metric: str, limit: float) -> list[str]:
    has_units = frame["is_reported"].astype(bool) & (frame["units_reported_count"].fillna(0) > 0)
    low = frame[has_units & (frame[metric] < limit)].sort_values(metric)
    return [short_name(n) for n in low["nama"]]


def _count_point(what: str, regions: dict[str, list[str]]) -> str:
    """'Perempuan di bawah 30%: PPK 4, PPS 2 kabupaten/kota' (names are in the workbook)."""
    counts = [f"{BODY_LABEL[b]} {len(names)}" for b, names in regions.items() if names]
    return f"{what}: {', '.join(counts) if counts else 'tidak ada'} kabupaten/kota"


def _province_bodies(ctx: _Context) -> Slide:
    ind, config = ctx.ind, ctx.config
    bodies = _bodies_with_units(ind)
    rows = tuple(_body_row(BODY_LABEL[b], ind.province["badan"].get(b) or {}) for b in BODY_ORDER)
    table = Table("Badan ad hoc provinsi", BODY_COLUMNS, rows, missing="-")
    points = []
    missing = [BODY_LABEL[b] for b in BODY_ORDER if b not in bodies]
    if missing:
        points.append(f"Belum ada unit yang dilaporkan: {', '.join(missing)}")
    women = {b: _below(ind.badan[ind.badan["badan"] == b], "women_share", config.women_target)
             for b in bodies}  # fmt: skip
    applicants = {
        b: _below(ind.badan[ind.badan["badan"] == b], "applicant_ratio", config.applicant_target)
        for b in bodies
    }
    target = fmt.percent(config.women_target, 0)
    points.append(_count_point(f"Perempuan di bawah {target}", women))
    points.append(
        _count_point(
            f"Pendaftar kurang dari {fmt.number(config.applicant_target)}× kebutuhan", applicants
        )
    )
    chart = None
    if bodies:
        chart = _region_chart(
            ind.badan, bodies, "sworn_in_rate", "Dilantik per kabupaten/kota (% kebutuhan)", config
        )
    return Slide(
        "badan",
        "Badan ad hoc",
        subtitle="Pembentukan dan pelantikan",
        points=tuple(points),
        table=table,
        chart=chart,
    )


TRAINING_COLUMNS = (
    Column("Badan", TEXT, 1.2),
    Column("Penuntasan materi wajib", PERCENT, 1.4),
    Column("Peserta target", COUNT),
    Column("Hadir", COUNT),
    Column("Tuntas", COUNT),
)


def _province_training(ctx: _Context) -> Slide:
    ind, config = ctx.ind, ctx.config
    bodies = _training_bodies(ctx)
    rows = []
    for body in bodies:
        entry = ind.province["bimtek"].get(body) or {}
        rows.append(
            (
                BODY_LABEL[body],
                rate(entry.get("training_completion")),
                _int(entry.get("peserta_target")),
                _int(entry.get("peserta_hadir")),
                _int(entry.get("peserta_tuntas")),
            )
        )
    table = Table("Bimtek provinsi", TRAINING_COLUMNS, tuple(rows), missing="-")
    points = []
    waiting = [BODY_LABEL[b] for b in BODY_ORDER if b not in bodies]
    if waiting:
        points.append(f"Bimtek belum dijadwalkan: {', '.join(waiting)}")
    low = {}
    for body in bodies:
        frame = ind.training[(ind.training["badan"] == body) & ind.training["is_reported"]]
        low[body] = list(frame.loc[frame["training_completion"] * 100 < config.amber, "nama"])
    points.append(_count_point(f"Penuntasan di bawah {fmt.number(config.amber)}%", low))
    chart = None
    if bodies:
        chart = _region_chart(
            ind.training,
            bodies,
            "training_completion",
            "Penuntasan bimtek per kabupaten/kota",
            config,
        )
    return Slide(
        "bimtek",
        "Bimbingan teknis (bimtek)",
        subtitle="Penuntasan: per materi wajib min(1, tuntas/target), rata-rata antar "
        "kabupaten/kota",
        points=tuple(points),
        table=table,
        chart=chart,
    )


ITEM_STATES = (
    ("selesai", "Selesai"),
    ("proses", "Proses"),
    ("belum", "Belum"),
    ("tidak_berlaku", "Tidak berlaku"),
    ("belum_lapor", "Belum lapor"),
)


def _item_label(code: str, text: str, width: int = 30) -> str:
    short = text if len(text) <= width else text[: width - 1].rstrip() + "…"
    return f"{code} {short}"


def _registration_kpi(as_of: dt.date) -> Kpi:
    from analytics.views.candidacy import registration_countdown

    countdown, _ = registration_countdown(as_of)
    return Kpi("Pendaftaran pasangan calon", countdown)


def _province_candidacy(ctx: _Context) -> Slide:
    ind = ctx.ind
    p = ind.province["pencalonan"]
    items = ind.candidacy_items
    late = items[items["is_overdue"].fillna(False).astype(bool) & items["is_reported"].astype(bool)]
    regions_late = late["kode_wilayah"].nunique()
    kpis = (
        Kpi(
            f"Butir selesai: {_done_of(p.get('done_count'), p.get('applicable_count'))}",
            fmt.percent(p.get("candidacy_completion"), missing="-"),
        ),
        Kpi("Butir terlambat", fmt.number(p.get("overdue_count"), missing="-")),
        Kpi("Kab/kota dengan butir terlambat", fmt.number(regions_late)),
        _registration_kpi(ctx.as_of),
    )
    state = items["status"].where(items["is_reported"].astype(bool), "belum_lapor").fillna("belum")
    counts = pd.crosstab(items["kode_item"], state)
    checklist = items.drop_duplicates("kode_item").sort_values("kode_item")
    codes = list(checklist["kode_item"])
    chart = Chart(
        "stacked_bar",
        "Kabupaten/kota per status, tiap butir",
        tuple(
            _item_label(c, t)
            for c, t in zip(checklist["kode_item"], checklist["uraian"], strict=True)
        ),
        tuple(
            Series(
                label, tuple(int(counts.loc[c, key]) if key in counts.columns else 0 for c in codes)
            )
            for key, label in ITEM_STATES
        ),
        "count",
    )
    per_region = (
        late.groupby(["kode_wilayah", "nama"])
        .agg(
            count=("kode_item", "size"),
            codes=("kode_item", lambda s: ", ".join(sorted(s))),
            first_due=("batas_waktu", "min"),
        )
        .reset_index()
        .sort_values(["count", "first_due", "kode_wilayah"], ascending=[False, True, True])
    )
    rows = tuple(
        (short_name(r.nama), r.codes, _day(r.first_due) + dt.timedelta(days=1))
        for r in per_region.head(CANDIDACY_ROWS).itertuples()
    )
    columns = (
        Column("Kabupaten/kota", TEXT, 1.5),
        Column("Butir terlambat", TEXT, 2.6),
        Column("Terlambat sejak", DATE, 1.6),
    )
    table = Table("Butir terlambat", columns, rows, missing="-")
    points = []
    if len(per_region) > CANDIDACY_ROWS:
        points.append(
            f"{CANDIDACY_ROWS} dari {len(per_region)} kabupaten/kota ditampilkan; "
            "selengkapnya di lampiran"
        )
    elif not len(per_region):
        points.append("Tidak ada butir yang terlambat")
    return Slide(
        "pencalonan",
        "Persiapan tahapan pencalonan",
        subtitle="Daftar periksa PC01–PC11",
        kpis=kpis,
        points=tuple(points),
        table=table if rows else None,
        chart=chart,
    )


ATTENTION_COLUMNS = (
    Column("No.", COUNT, 0.4),
    Column("Kabupaten/Kota", TEXT, 1.3),
    Column("Kesiapan", TEXT, 1.2),
    Column("Tertinggal pada", TEXT, 2.6),
    Column("Belum siap sejak", TEXT, 1.4),
    Column("Pelaporan", TEXT, 1.8),
)


def _attention_rows(attention: pd.DataFrame) -> tuple[tuple, ...]:
    return tuple(
        (
            int(number),
            r["Kabupaten/Kota"],
            r["Kesiapan"],
            r["Tertinggal pada"],
            r["Belum siap sejak"],
            r["Pelaporan"],
        )
        for number, r in attention.iterrows()
    )


def _province_attention(ctx: _Context) -> Slide:
    rows = _attention_rows(ctx.attention)
    table = Table("Perlu perhatian", ATTENTION_COLUMNS, rows[:SLIDE_ROWS], missing="-")
    if not rows:
        points = ("Semua kabupaten/kota siap dan melapor tepat waktu",)
    elif len(rows) > SLIDE_ROWS:
        points = (
            f"{len(rows)} kabupaten/kota perlu perhatian; {SLIDE_ROWS} teratas ditampilkan, "
            "daftar lengkap di lampiran Excel",
        )
    else:
        points = (f"{len(rows)} kabupaten/kota perlu perhatian, paling mendesak di atas",)
    return Slide(
        "perhatian",
        "Kabupaten/kota yang perlu perhatian",
        subtitle="Diurutkan: tertinggal, belum lapor, perlu perhatian; lalu indeks terendah",
        points=points,
        table=table if rows else None,
    )


MILESTONE_COLUMNS = (
    Column("Hitung mundur", TEXT, 0.8),
    Column("Tahapan", TEXT, 2.6),
    Column("Mulai", TEXT, 1.2),
)


def _milestones(ctx: _Context) -> Slide:
    from analytics.views.overview import milestones_ahead, stages_ongoing

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


# --------------------------------------------------------------------------- one regency


def _region_rows(frame: pd.DataFrame, region: str) -> pd.DataFrame:
    return frame[frame["kode_wilayah"] == region]


def _region_summary(ctx: _Context) -> Slide:
    ind, region = ctx.ind, ctx.region
    readiness = ind.readiness.set_index("kode_wilayah")
    row = readiness.loc[region]
    ranked = readiness["readiness_index"].dropna().sort_values(ascending=False)
    rank = (
        f"{list(ranked.index).index(region) + 1} dari {len(ranked)}"
        if region in ranked.index
        else "-"
    )
    unrated = "-" if row["category"] == "belum_dinilai" else fmt.NOT_REPORTED
    kpis = (
        Kpi("Indeks kesiapan", fmt.number(row["readiness_index"], 1, missing=unrated)),
        Kpi("Kategori", category_text(row["category"])),
        Kpi("Peringkat di provinsi", rank),
        Kpi("Rata-rata provinsi", fmt.number(readiness["readiness_index"].mean(), 1, missing="-")),
    )
    points = []
    for r in _region_rows(ind.reporting, region).sort_values("dataset").itertuples():
        when = f" (data per {fmt.date(r.data_as_of)})" if _day(r.data_as_of) else ""
        label = REPORTING_LABEL.get(r.reporting_status, r.reporting_status)
        points.append(f"{DATASET_LABEL.get(r.dataset, r.dataset)}: {label}{when}")
    chart = None
    mine = ctx.components[ctx.components["kode_wilayah"] == region]
    if len(mine):
        chart = Chart(
            "bar",
            "Komponen indeks kesiapan",
            tuple(mine["label"]),
            (Series(short_name(row["nama"]), tuple(rate(v) for v in mine["value"])),),
            "percent",
            ctx.config.green / 100,
            f"Garis siap {fmt.number(ctx.config.green)}%",
        )
    return Slide(
        "ringkasan",
        f"Ringkasan {row['nama']}",
        subtitle=f"Data per {fmt.date(ctx.as_of)}",
        kpis=kpis,
        points=tuple(points),
        chart=chart,
    )


def _versus_chart(title: str, bodies: list[str], mine: dict, province: dict, name: str) -> Chart:
    return Chart(
        "column",
        title,
        tuple(BODY_LABEL[b] for b in bodies),
        (
            Series(short_name(name), tuple(rate(mine.get(b)) for b in bodies)),
            Series("Provinsi", tuple(rate(province.get(b)) for b in bodies)),
        ),
        "percent",
    )


def _region_bodies(ctx: _Context) -> Slide:
    ind, region = ctx.ind, ctx.region
    frame = _region_rows(ind.badan, region).set_index("badan")
    name = ind.readiness.set_index("kode_wilayah").loc[region, "nama"]
    rows, mine = [], {}
    for body in BODY_ORDER:
        if body not in frame.index:
            continue
        r = frame.loc[body]
        entry = r.to_dict()
        rows.append(_body_row(BODY_LABEL[body], entry))
        if entry.get("units_reported_count"):
            mine[body] = r["sworn_in_rate"]
    missing = "belum lapor" if not frame["is_reported"].astype(bool).any() else "-"
    table = Table("Badan ad hoc", BODY_COLUMNS, tuple(rows), missing=missing)
    province = {b: (ind.province["badan"].get(b) or {}).get("sworn_in_rate") for b in BODY_ORDER}
    bodies = [b for b in BODY_ORDER if b in mine]
    chart = (
        _versus_chart("Dilantik (% kebutuhan)", bodies, mine, province, name) if bodies else None
    )
    points = []
    for body in bodies:
        r = frame.loc[body]
        vacant = _int(r["kebutuhan"] - r["dilantik"])
        if vacant:
            points.append(f"{BODY_LABEL[body]}: {fmt.number(vacant)} kursi belum dilantik")
    return Slide(
        "badan", "Badan ad hoc", subtitle=name, points=tuple(points), table=table, chart=chart
    )


def _region_training(ctx: _Context) -> Slide:
    ind, region = ctx.ind, ctx.region
    frame = _region_rows(ind.training, region).set_index("badan")
    name = ind.readiness.set_index("kode_wilayah").loc[region, "nama"]
    bodies = [b for b in _training_bodies(ctx) if b in frame.index]
    columns = (TRAINING_COLUMNS[0], Column("Materi wajib tuntas", TEXT, 1.2), *TRAINING_COLUMNS[1:])
    rows = []
    for body in bodies:
        r = frame.loc[body]
        modules = (
            f"{int(r['completed_module_count'])} dari {int(r['required_module_count'])}"
            if bool(r["is_reported"])
            else None
        )
        rows.append(
            (
                BODY_LABEL[body],
                modules,
                rate(r["training_completion"]),
                _int(r["peserta_target"]),
                _int(r["peserta_hadir"]),
                _int(r["peserta_tuntas"]),
            )
        )
    table = Table("Bimtek", columns, tuple(rows))
    mine = {b: frame.loc[b, "training_completion"] for b in bodies}
    province = {
        b: (ind.province["bimtek"].get(b) or {}).get("training_completion") for b in BODY_ORDER
    }
    chart = _versus_chart("Penuntasan bimtek", bodies, mine, province, name) if bodies else None
    return Slide("bimtek", "Bimbingan teknis (bimtek)", subtitle=name, table=table, chart=chart)


REGION_ITEM_COLUMNS = (
    Column("Butir", TEXT, 0.6),
    Column("Uraian", TEXT, 3.2),
    Column("Batas waktu", DATE, 1.1),
    Column("Status", TEXT, 1.0),
    Column("Selesai", DATE, 1.1),
    Column("Terlambat (hari)", COUNT, 0.8),
)


def _status_text(status, reported: bool) -> str:
    if not reported:
        return "○ Belum lapor"
    return CHECKLIST_STATUS_LABEL.get(status or "belum", str(status))


def _region_candidacy(ctx: _Context) -> Slide:
    ind, region = ctx.ind, ctx.region
    row = _region_rows(ind.candidacy, region).iloc[0]
    items = _region_rows(ind.candidacy_items, region).sort_values("kode_item")
    rows = tuple(
        (
            r.kode_item,
            r.uraian,
            _day(r.batas_waktu),
            _status_text(r.status, bool(r.is_reported)),
            _day(r.tanggal_selesai),
            _int(r.days_overdue) if bool(r.is_overdue) else None,
        )
        for r in items.itertuples()
    )
    kpis = (
        Kpi(
            f"Butir selesai: {_done_of(row['done_count'], row['applicable_count'])}",
            fmt.percent(row["candidacy_completion"]),
        ),
        Kpi("Butir terlambat", fmt.number(row["overdue_count"])),
        _registration_kpi(ctx.as_of),
    )
    return Slide(
        "pencalonan",
        "Persiapan tahapan pencalonan",
        subtitle=row["nama"],
        kpis=kpis,
        table=Table("Butir pencalonan", REGION_ITEM_COLUMNS, rows, missing="-"),
    )


def _region_attention(ctx: _Context) -> Slide:
    name = ctx.names[ctx.region]
    attention = ctx.attention
    mine = attention[attention["Kode"] == ctx.region]
    if mine.empty:
        category = ctx.ind.readiness.set_index("kode_wilayah").loc[ctx.region, "category"]
        points = (f"Tidak ada catatan: kesiapan {category_text(category)}, pelaporan tepat waktu",)
    else:
        r = mine.iloc[0]
        points = (
            f"Urutan {int(mine.index[0])} dari {len(attention)} kabupaten/kota yang perlu perhatian",
            f"Kesiapan: {r['Kesiapan']}",
            *(
                f"Tertinggal pada: {part}"
                for part in r["Tertinggal pada"].split("; ")
                if part != "-"
            ),
            f"Belum siap sejak: {r['Belum siap sejak']}",
            *(f"Pelaporan: {part}" for part in r["Pelaporan"].split("; ")),
        )
    return Slide("perhatian", "Yang perlu perhatian", subtitle=name, points=points)


# --------------------------------------------------------------------------- workbook


def _text(value) -> str | None:
    value = _num(value)
    return None if value is None else str(value)


def _cell(value, kind: str):
    """A raw value of ``kind`` as plain Python, rounded like ``summary``."""
    if kind == COUNT:
        return _int(value)
    if kind in (PERCENT, RATIO):
        return rate(value)
    if kind == INDEX:
        return index_value(value)
    if kind == DATE:
        return _day(value)
    if kind == DATETIME:
        return None if value is None or pd.isna(value) else pd.Timestamp(value).to_pydatetime()
    return _text(value)


def _sheet(name: str, frame: pd.DataFrame, spec: tuple, missing: str = "") -> Table:
    """A table from ``frame``: spec rows are (header, kind, column name or row -> value)."""
    columns = tuple(Column(header, kind) for header, kind, _ in spec)
    rows = tuple(
        tuple(_cell(get(r) if callable(get) else getattr(r, get), kind) for _, kind, get in spec)
        for r in frame.itertuples()
    )
    return Table(name, columns, rows, missing)


def _with_units(column: str):
    """A rate of a body, empty when the regency has no unit of it yet (not 0%)."""
    return lambda r: getattr(r, column) if _num(r.units_reported_count) else None


def _body_status(reported: bool, units) -> str:
    if not reported:
        return fmt.NOT_REPORTED
    return "lapor" if _num(units) else "belum ada unit"


def _reported_text(r) -> str:
    return "lapor" if bool(r.is_reported) else fmt.NOT_REPORTED


REGION = (("Kode", TEXT, "kode_wilayah"), ("Kabupaten/Kota", TEXT, "nama"))
READINESS_SHEET = (
    *REGION,
    ("Indeks kesiapan", INDEX, "readiness_index"),
    ("Kategori", TEXT, lambda r: category_text(r.category)),
    ("Komponen aktif", COUNT, "active_component_count"),
    ("Komponen dilaporkan", COUNT, "reported_component_count"),
    ("Lengkap", TEXT, lambda r: "ya" if bool(r.is_complete) else "tidak"),
)
BODY_SHEET = (
    *REGION,
    ("Badan", TEXT, lambda r: BODY_LABEL[r.badan]),
    ("Status", TEXT, lambda r: _body_status(bool(r.is_reported), r.units_reported_count)),
    ("Data per", DATE, "data_as_of"),
    ("Unit dilaporkan", COUNT, "units_reported_count"),
    ("Unit diharapkan", COUNT, "units_expected_count"),
    ("Cakupan unit", PERCENT, "coverage_rate"),
    ("Kebutuhan", COUNT, "kebutuhan"),
    ("Pendaftar", COUNT, "pendaftar"),
    ("Pendaftar per kursi", RATIO, _with_units("applicant_ratio")),
    ("Terisi", COUNT, "terisi"),
    ("Dilantik", COUNT, "dilantik"),
    ("Keterisian", PERCENT, _with_units("fill_rate")),
    ("Dilantik (%)", PERCENT, _with_units("sworn_in_rate")),
    ("Perempuan", COUNT, "perempuan"),
    ("Keterwakilan perempuan", PERCENT, _with_units("women_share")),
    ("Pengganti (PAW)", COUNT, "pengganti"),
)
TRAINING_SHEET = (
    *REGION,
    ("Badan", TEXT, lambda r: BODY_LABEL[r.badan]),
    ("Status", TEXT, _reported_text),
    ("Materi wajib", COUNT, "required_module_count"),
    ("Materi wajib tuntas", COUNT, lambda r: r.completed_module_count if r.is_reported else None),
    ("Penuntasan", PERCENT, "training_completion"),
    ("Peserta target", COUNT, "peserta_target"),
    ("Peserta hadir", COUNT, "peserta_hadir"),
    ("Peserta tuntas", COUNT, "peserta_tuntas"),
    ("Kegiatan", COUNT, "activity_count"),
)
CANDIDACY_SHEET = (
    *REGION,
    ("Status", TEXT, _reported_text),
    ("Butir berlaku", COUNT, "applicable_count"),
    ("Selesai", COUNT, "done_count"),
    ("Proses", COUNT, "in_progress_count"),
    ("Terlambat", COUNT, "overdue_count"),
    ("Penyelesaian", PERCENT, "candidacy_completion"),
    ("Penyelesaian butir jatuh tempo", PERCENT, "candidacy_due_completion"),
)
ITEM_SHEET = (
    *REGION,
    ("Butir", TEXT, "kode_item"),
    ("Uraian", TEXT, "uraian"),
    ("Batas waktu", DATE, "batas_waktu"),
    ("Status", TEXT, lambda r: _status_text(r.status, bool(r.is_reported))),
    ("Tanggal selesai", DATE, "tanggal_selesai"),
    ("Terlambat (hari)", COUNT, lambda r: r.days_overdue if bool(r.is_overdue) else None),
    # Free text typed by the regencies: the Excel writer neutralises formulas.
    ("Mitra", TEXT, "mitra"),
    ("Penanggung jawab", TEXT, "penanggung_jawab"),
    ("Tautan bukti", TEXT, "tautan_bukti"),
    ("Catatan", TEXT, "catatan"),
)
REPORTING_SHEET = (
    *REGION,
    ("Dataset", TEXT, lambda r: DATASET_LABEL.get(r.dataset, r.dataset)),
    ("Status", TEXT, lambda r: REPORTING_LABEL.get(r.reporting_status, r.reporting_status)),
    ("Data per", DATE, "data_as_of"),
    ("Diunggah", DATETIME, "uploaded_at"),
    ("Diunggah oleh", TEXT, "uploaded_by"),
    ("Umur data (hari)", COUNT, "days_since_data"),
)
PROVINCE_SHEET = (
    ("Badan", TEXT, lambda r: BODY_LABEL[r.badan]),
    ("Kab/kota melapor", COUNT, "regions_reported_count"),
    ("Unit diharapkan", COUNT, "units_expected_count"),
    ("Unit dilaporkan", COUNT, "units_reported_count"),
    ("Cakupan unit", PERCENT, "coverage_rate"),
    ("Kebutuhan", COUNT, "kebutuhan"),
    ("Pendaftar", COUNT, "pendaftar"),
    ("Pendaftar per kursi", RATIO, "applicant_ratio"),
    ("Terisi", COUNT, "terisi"),
    ("Dilantik", COUNT, "dilantik"),
    ("Keterisian", PERCENT, "fill_rate"),
    ("Dilantik (%)", PERCENT, "sworn_in_rate"),
    ("Perempuan", COUNT, "perempuan"),
    ("Keterwakilan perempuan", PERCENT, "women_share"),
    ("Pengganti (PAW)", COUNT, "pengganti"),
    ("Penuntasan bimtek", PERCENT, "training_completion"),
    ("Peserta bimtek target", COUNT, "peserta_target"),
    ("Peserta bimtek hadir", COUNT, "peserta_hadir"),
    ("Peserta bimtek tuntas", COUNT, "peserta_tuntas"),
)
SCHEDULE_SHEET = (
    ("Tahapan", TEXT, "tahapan"),
    ("Mulai", DATE, "tanggal_mulai"),
    ("Selesai", DATE, "tanggal_selesai"),
    ("Badan", TEXT, lambda r: BODY_LABEL.get(r.badan, "") if r.badan else ""),
    ("Hari menuju mulai", COUNT, "days_to_start"),
)


def _workbook_tables(ctx: _Context) -> tuple[Table, ...]:
    """One table per indicator (the Excel sheets), restricted to ``ctx.region`` when set."""
    ind = ctx.ind

    def pick(frame: pd.DataFrame) -> pd.DataFrame:
        if ctx.region is not None:
            frame = frame[frame["kode_wilayah"] == ctx.region]
        keys = ("kode_wilayah", "badan", "dataset", "kode_item")
        return frame.sort_values([k for k in keys if k in frame.columns], key=_body_order)

    about = Table(
        "Keterangan",
        (Column("Keterangan", TEXT, 1.0), Column("Isi", TEXT, 3.0)),
        (
            ("Judul rapat", ctx.title),
            ("Lembaga", ORGANISATION),
            ("Cakupan", ctx.names[ctx.region] if ctx.region else PROVINCE),
            ("Data per", fmt.date(ctx.as_of)),
            ("Sumber", "SIAGA: unggahan KPU kabupaten/kota; angka sama dengan dasbor pada "
                       "tanggal yang sama"),
            ("Data demo", DEMO_NOTE if ctx.is_demo else "tidak"),
            ("Sel kosong", "Kabupaten/kota belum lapor (bukan nol)"),
        ),
    )  # fmt: skip
    province = pd.DataFrame(
        [
            {"badan": body, **(ind.province["badan"].get(body) or {}),
             **(ind.province["bimtek"].get(body) or {})}
            for body in BODY_ORDER
        ]
    )  # fmt: skip
    attention_frame = ctx.attention.reset_index()
    if ctx.region is not None:
        attention_frame = attention_frame[attention_frame["Kode"] == ctx.region]
    schedule = ctx.schedule.sort_values(["tanggal_mulai", "kode"]).assign(
        days_to_start=lambda f: [
            (start - ctx.as_of).days if start >= ctx.as_of else None for start in f["tanggal_mulai"]
        ]
    )
    return (
        about,
        _sheet("Kesiapan", pick(ind.readiness), READINESS_SHEET),
        _sheet("Provinsi", province, PROVINCE_SHEET, missing="-"),
        _sheet("Badan ad hoc", pick(ind.badan), BODY_SHEET),
        _sheet("Bimtek", pick(ind.training), TRAINING_SHEET),
        _sheet("Pencalonan", pick(ind.candidacy), CANDIDACY_SHEET),
        _sheet("Butir pencalonan", pick(ind.candidacy_items), ITEM_SHEET),
        _sheet("Pelaporan", pick(ind.reporting), REPORTING_SHEET),
        _attention_sheet(attention_frame),
        _sheet("Jadwal", schedule, SCHEDULE_SHEET, missing="sudah dimulai"),
    )


def _attention_sheet(frame: pd.DataFrame) -> Table:
    rows = tuple(
        (int(r["No."]), r["Kabupaten/Kota"], r["Kesiapan"], r["Tertinggal pada"],
         r["Belum siap sejak"], r["Pelaporan"])
        for _, r in frame.iterrows()
    )  # fmt: skip
    return Table("Perlu perhatian", ATTENTION_COLUMNS, rows, missing="-")


def _body_order(values: pd.Series) -> pd.Series:
    """Sort key: bodies in their calendar order (PPK, PPS, Pantarlih, KPPS), others as is."""
    if values.name == "badan":
        return values.map({b: i for i, b in enumerate(BODY_ORDER)})
    return values
