"""The one-regency deck's slides: one regency beside the province."""

from __future__ import annotations

import pandas as pd

from analytics import formatting as fmt
from analytics.categories import category_text
from analytics.indicators import BODY_ORDER
from analytics.labels import BODY_LABEL, DATASET_LABEL, REPORTING_LABEL, training_label
from analytics.meeting.context import _Context
from analytics.meeting.model import COUNT, DATE, TEXT, Chart, Column, Kpi, Series, Slide, Table
from analytics.meeting.province import _rate_category
from analytics.meeting.shared import (
    BODY_COLUMNS,
    TRAINING_COLUMNS,
    _body_row,
    _done_of,
    _registration_kpi,
    _status_text,
    _training_bodies,
)
from analytics.meeting.values import _day, _int, rate
from analytics.tile_map import short_name


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
            (
                Series(
                    short_name(row["nama"]),
                    tuple(rate(v) for v in mine["value"]),
                    tuple(
                        _rate_category(v, bool(r), ctx.config)
                        for v, r in zip(mine["value"], mine["is_reported"], strict=True)
                    ),
                ),
            ),
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


def _versus_chart(
    title: str, bodies: list[str], mine: dict, province: dict, name: str, ctx: _Context
) -> Chart:
    """The regency's bars (in their categories) beside the province's (grey), per body."""
    categories = tuple(_rate_category(mine.get(b), True, ctx.config) for b in bodies)
    return Chart(
        "column",
        title,
        tuple(BODY_LABEL[b] for b in bodies),
        (
            Series(short_name(name), tuple(rate(mine.get(b)) for b in bodies), categories),
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
        _versus_chart("Dilantik (% kebutuhan)", bodies, mine, province, name, ctx)
        if bodies
        else None
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
                rate(r["training_due_completion"]),
                rate(r["training_completion"]),
                _int(r["peserta_target"]),
                _int(r["peserta_hadir"]),
                _int(r["peserta_tuntas"]),
            )
        )
    table = Table("Bimtek", columns, tuple(rows))
    mine = {b: frame.loc[b, "training_due_completion"] for b in bodies}
    province = {
        b: (ind.province["bimtek"].get(b) or {}).get("training_due_completion") for b in BODY_ORDER
    }
    title = training_label(None)
    chart = _versus_chart(title, bodies, mine, province, name, ctx) if bodies else None
    return Slide("bimtek", "Bimbingan teknis (bimtek)", subtitle=name, table=table, chart=chart)


REGION_ITEM_COLUMNS = (
    Column("Butir", TEXT, 0.6),
    Column("Uraian", TEXT, 3.2),
    Column("Batas waktu", DATE, 1.1),
    Column("Status", TEXT, 1.0),
    Column("Selesai", DATE, 1.1),
    Column("Terlambat (hari)", COUNT, 0.8),
)


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
                f"Belum siap pada: {part}"
                for part in r["Belum siap pada"].split("; ")
                if part != "-"
            ),
            f"Belum siap sejak: {r['Belum siap sejak']}",
            *(f"Pelaporan: {part}" for part in r["Pelaporan"].split("; ")),
        )
    return Slide("perhatian", "Yang perlu perhatian", subtitle=name, points=points)
