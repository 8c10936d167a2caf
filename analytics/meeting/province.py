"""The province deck's slides: every regency side by side, weakest first."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analytics import formatting as fmt
from analytics.categories import (
    CATEGORY_LABEL,
    CATEGORY_RANK,
    CATEGORY_SYMBOL,
    UNRANKED,
    category_text,
    value_category,
    worst,
)
from analytics.config import IndicatorConfig
from analytics.indicators import BODY_ORDER, Indicators
from analytics.labels import BODY_LABEL, TRAINING_MEASURE_DEFINITION, training_label
from analytics.meeting.context import _Context
from analytics.meeting.model import DATE, TEXT, Chart, Column, Kpi, Series, Slide, Table
from analytics.meeting.shared import (
    ATTENTION_COLUMNS,
    BODY_COLUMNS,
    TRAINING_COLUMNS,
    _body_row,
    _done_of,
    _registration_kpi,
    _training_bodies,
)
from analytics.meeting.values import _day, _int, index_value, rate
from analytics.tile_map import short_name

SLIDE_ROWS = 8  # table rows that stay readable on a projected slide
CANDIDACY_ROWS = 5  # fewer beside the chart and the headline figures
# Bars a chart beside the text holds on a 1280×720 projector with 18 px type (a regency's
# group of bars needs half a bar more for the gap); the weakest regencies get them.
CHART_BAR_ROOM = 14
SUMMARY_BAR_ROOM = 13.5  # less under the headline figures


def _label(code: str, name: str, reported: bool) -> str:
    return short_name(name) if reported else f"{short_name(name)} (belum lapor)"


def _bodies_with_units(ind: Indicators) -> list[str]:
    return [
        body
        for body in BODY_ORDER
        if (ind.province["badan"].get(body) or {}).get("units_reported_count")
    ]


def _regions_shown(series_count: int, room: float = CHART_BAR_ROOM) -> int:
    """How many regencies (the weakest) a chart with ``series_count`` bars each shows."""
    return max(2, int(room / (series_count + 0.5)))


def _severity(category: str | None) -> int:
    return CATEGORY_RANK.get(category, UNRANKED) if category else UNRANKED


def _rest_note(categories: list[str | None], by_weakest_body: bool = False) -> str:
    """'27 kabupaten/kota lain: 20 ● siap, 7 ▲ perlu perhatian' for the regencies left off
    a chart ('' when none is); a regency of a several-body chart counts by its weakest."""
    if not categories:
        return ""
    parts = [
        f"{categories.count(key)} {CATEGORY_SYMBOL[key]} {label.lower()}"
        for key, label in CATEGORY_LABEL.items()
        if categories.count(key)
    ]
    what = f"{len(categories)} kabupaten/kota lain"
    if by_weakest_body:
        what += " (badan terendah)"
    return f"{what}: {', '.join(parts)}" if parts else what


def _rate_category(value, reported: bool, config: IndicatorConfig) -> str | None:
    """Category of one rate bar (0-1): its traffic-light band, belum lapor for a regency
    that has not reported, None where there is no bar."""
    if not reported:
        return "belum_lapor"
    value = rate(value)
    return config.rate_category(value)


def _region_chart(
    frame: pd.DataFrame, bodies: list[str], metric: str, title: str, config: IndicatorConfig
) -> Chart:
    """One bar per regency and body, coloured by its category. The weakest regencies first
    (by their weakest bar: tertinggal, belum lapor, perlu perhatian, siap; then the lowest
    value), as many as a projected slide shows; the others are summed up in the note."""
    wide = frame[frame["badan"].isin(bodies)].pivot(
        index="kode_wilayah", columns="badan", values=metric
    )
    meta = frame.drop_duplicates("kode_wilayah").set_index("kode_wilayah")
    reported = meta["is_reported"].astype(bool)
    bars = {
        c: tuple(_rate_category(wide.loc[c, b], bool(reported[c]), config) for b in bodies)
        for c in wide.index
    }
    weakest = {c: worst(bars[c]) if any(bars[c]) else None for c in wide.index}
    lowest = wide.min(axis=1)
    order = sorted(
        wide.index,
        key=lambda c: (_severity(weakest[c]), -1.0 if pd.isna(lowest[c]) else lowest[c], c),
    )
    count = _regions_shown(len(bodies))
    shown, rest = order[:count], order[count:]
    categories = tuple(_label(c, meta.loc[c, "nama"], bool(reported[c])) for c in shown)
    series = tuple(
        Series(
            BODY_LABEL[b],
            tuple(rate(wide.loc[c, b]) for c in shown),
            tuple(bars[c][i] for c in shown),
        )
        for i, b in enumerate(bodies)
    )
    return Chart(
        "bar",
        title,
        categories,
        series,
        "percent",
        config.green / 100,
        f"Garis siap {fmt.number(config.green)}%",
        note=_rest_note([weakest[c] for c in rest], by_weakest_body=len(bodies) > 1),
    )


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
    from analytics.views.calendar import milestones_ahead

    ahead = milestones_ahead(ctx.schedule, ctx.as_of, count=1)
    if not ahead:
        return None
    m = ahead[0]
    return f"Tahapan berikutnya: {m.stage}, {m.date} ({m.countdown})"


def _readiness_chart(readiness: pd.DataFrame, config: IndicatorConfig) -> Chart:
    """The readiness index of the weakest regencies (in the attention list's order:
    tertinggal, belum lapor, perlu perhatian, siap; then the lowest index), each bar in
    its regency's category; the others summed up in the note."""
    category = [None if pd.isna(c) else str(c) for c in readiness["category"]]
    order = readiness.assign(
        category=category,
        reported=readiness["readiness_index"].notna(),
        severity=[_severity(c) for c in category],
        sort_value=readiness["readiness_index"].fillna(-1.0),
    ).sort_values(["severity", "sort_value", "kode_wilayah"])
    count = _regions_shown(1, SUMMARY_BAR_ROOM)
    shown, rest = order.head(count), order.iloc[count:]
    values = tuple(index_value(v) for v in shown["readiness_index"])
    return Chart(
        "bar",
        "Indeks kesiapan per kabupaten/kota (0–100)",
        tuple(_label(r.kode_wilayah, r.nama, r.reported) for r in shown.itertuples()),
        (Series("Indeks kesiapan", values, tuple(shown["category"])),),
        "index",
        config.green,
        f"Siap ≥ {fmt.number(config.green)}",
        note=_rest_note(list(rest["category"])),
    )


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
    chart = _readiness_chart(readiness, ctx.config)
    return Slide(
        "ringkasan",
        "Ringkasan provinsi",
        subtitle=f"{len(readiness)} kabupaten/kota · data per {fmt.date(ctx.as_of)}",
        kpis=tuple(kpis),
        points=tuple(points),
        chart=chart,
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


def _province_training(ctx: _Context) -> Slide:
    ind, config = ctx.ind, ctx.config
    bodies = _training_bodies(ctx)
    rows = []
    for body in bodies:
        entry = ind.province["bimtek"].get(body) or {}
        rows.append(
            (
                BODY_LABEL[body],
                rate(entry.get("training_due_completion")),
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
        behind = [
            value_category(v, True, config) == "tertinggal"
            for v in frame["training_due_completion"]
        ]
        low[body] = list(frame.loc[behind, "nama"])
    points.append(
        _count_point(
            f"{training_label(None)} di bawah {fmt.number(config.amber)}% (■ tertinggal)", low
        )
    )
    chart = None
    if bodies:
        chart = _region_chart(
            ind.training,
            bodies,
            "training_due_completion",
            f"{training_label(None)} per kabupaten/kota",
            config,
        )
    return Slide(
        "bimtek",
        "Bimbingan teknis (bimtek)",
        subtitle=f"{training_label(None)}: {TRAINING_MEASURE_DEFINITION['training_due_completion']}",
        points=tuple(points),
        table=table,
        chart=chart,
    )


# States of a checklist item in the stacked chart, in the candidacy page's order. An
# overdue item (``is_overdue``: due, reported, neither done nor not applicable) counts as
# "Terlambat" only, so the series sums to the KPI "Butir terlambat"; "Belum" is not yet due.
ITEM_STATES = (
    ("selesai", "Selesai"),
    ("proses", "Proses"),
    ("terlambat", "Terlambat"),
    ("belum", "Belum"),
    ("tidak_berlaku", "Tidak berlaku"),
    ("belum_lapor", "Belum lapor"),
)
# Short names of the demo checklist's items, keyed by their full text, so a slide names
# every item in full; an item not listed (or reworded) is shortened by _item_label.
ITEM_SHORT_NAME = {
    "Pedoman teknis diterima dan sosialisasi internal dilaksanakan": "Pedoman dan sosialisasi",
    "Pokja pendaftaran, penelitian dan penetapan ditetapkan dengan SK": "SK pokja pendaftaran",
    "SK jadwal lokal dan pengumuman pendaftaran siap": "SK jadwal dan pengumuman",
    "Sosialisasi persyaratan dan SILON kepada partai politik (termasuk Putusan MK 60 dan "
    "70/2024)": "Sosialisasi ke partai",
    "Help desk pencalonan dibuka": "Help desk pencalonan",
    "Akun SILON siap (operator satker dan admin partai)": "Akun SILON siap",
    "Rumah sakit pemeriksaan kesehatan ditetapkan (rekomendasi dinas kesehatan, survei, SK)": (
        "Rumah sakit ditetapkan"
    ),
    "Perjanjian kerja sama dengan rumah sakit ditandatangani; tim pemeriksa dibentuk "
    "(rumah sakit, BNN/BNNP, HIMPSI)": "Kerja sama rumah sakit",
    "Koordinasi dengan penerbit dokumen calon (pengadilan, kepolisian/SKCK, KPK/LHKPN, "
    "kantor pajak, dinas pendidikan, Bappeda)": "Koordinasi penerbit dokumen",
    "Tempat pendaftaran, pengamanan dan pengaturan massa disepakati dengan kepolisian dan "
    "Bawaslu": "Tempat dan pengamanan",
    "Rencana kontinjensi calon tunggal (perpanjangan pendaftaran)": "Kontinjensi calon tunggal",
}


def _item_label(code: str, text: str, width: int = 27) -> str:
    """'PC04 Sosialisasi ke partai': the short name, else the text up to its first
    parenthesis or semicolon, cut at a word (with '…') past ``width`` characters."""
    short = ITEM_SHORT_NAME.get(text)
    if short is None:
        cut = min((i for i in (text.find(" ("), text.find(";")) if i >= 0), default=len(text))
        short = text[:cut].strip()
        if len(short) > width:
            short = short[: width - 1].rsplit(" ", 1)[0].rstrip(" ,") + "…"
    return f"{code} {short}"


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
    state = (
        items["status"]
        .fillna("belum")
        .mask(items["is_overdue"].fillna(False).astype(bool), "terlambat")
    )
    state = state.where(items["is_reported"].astype(bool), "belum_lapor")
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


def _attention_rows(attention: pd.DataFrame) -> tuple[tuple, ...]:
    return tuple(
        (
            int(number),
            r["Kabupaten/Kota"],
            r["Kesiapan"],
            r["Belum siap pada"],
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
