"""The workbook: one table per indicator (the Excel sheets and the HTML appendix)."""

from __future__ import annotations

import pandas as pd

from analytics import categories
from analytics import formatting as fmt
from analytics.categories import category_text, phase_order
from analytics.indicators import BODY_ORDER
from analytics.labels import (
    BODY_LABEL,
    CANDIDACY_MEASURE_DEFINITION,
    CANDIDACY_MEASURE_NAME,
    DATASET_LABEL,
    REPORTING_LABEL,
    TRAINING_MEASURE_DEFINITION,
    TRAINING_MEASURE_NAME,
    training_label,
)
from analytics.meeting.context import _Context
from analytics.meeting.model import (
    COUNT,
    DATE,
    DATETIME,
    DEMO_NOTE,
    INDEX,
    ORGANISATION,
    PERCENT,
    PROVINCE,
    RATIO,
    TEXT,
    Column,
    Table,
)
from analytics.meeting.shared import ATTENTION_COLUMNS, _status_text
from analytics.meeting.values import _day, _int, _num, index_value, rate


def _text(value) -> str | None:
    value = _num(value)
    return None if value is None else str(value)


def _cell(value, kind: str):
    """A raw value of ``kind`` as plain Python at full precision."""
    if kind == COUNT:
        return _int(value)
    if kind in (PERCENT, RATIO):
        return rate(value)
    if kind == INDEX:
        return index_value(value)
    if kind == DATE:
        return _day(value)
    if kind == DATETIME:  # UTC, as stored; shown in WIB
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
# The two bimtek measures, each under its own name (labels.TRAINING_MEASURE_NAME).
TRAINING_MEASURES = tuple(
    (f"Penuntasan ({TRAINING_MEASURE_NAME[metric]})", PERCENT, metric)
    for metric in ("training_due_completion", "training_completion")
)
READINESS_SHEET = (
    *REGION,
    ("Kategori", TEXT, lambda r: category_text(r.category)),
    ("Indeks kesiapan", INDEX, "readiness_index"),
    ("Kategori indeks", TEXT, lambda r: category_text(r.index_category)),
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
    *TRAINING_MEASURES,
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
    (CANDIDACY_MEASURE_NAME["candidacy_due_completion"], PERCENT, "candidacy_due_completion"),
    (CANDIDACY_MEASURE_NAME["candidacy_completion"], PERCENT, "candidacy_completion"),
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
    ("Diunggah (WIB)", DATETIME, "uploaded_at"),
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
    *(
        (training_label(None, metric), PERCENT, metric)
        for metric in ("training_due_completion", "training_completion")
    ),
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
            ("Kategori", categories.rule_text(ctx.config)),
            *(
                (training_label(None, metric), TRAINING_MEASURE_DEFINITION[metric])
                for metric in ("training_due_completion", "training_completion")
            ),
            *(
                (CANDIDACY_MEASURE_NAME[metric], CANDIDACY_MEASURE_DEFINITION[metric])
                for metric in ("candidacy_due_completion", "candidacy_completion")
            ),
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
        _readiness_sheet(ctx, pick(ind.readiness)),
        _sheet("Provinsi", province, PROVINCE_SHEET, missing="-"),
        _sheet("Badan ad hoc", pick(ind.badan), BODY_SHEET),
        _sheet("Bimtek", pick(ind.training), TRAINING_SHEET),
        _sheet("Pencalonan", pick(ind.candidacy), CANDIDACY_SHEET),
        _sheet("Butir pencalonan", pick(ind.candidacy_items), ITEM_SHEET),
        _sheet("Pelaporan", pick(ind.reporting), REPORTING_SHEET),
        _attention_sheet(attention_frame),
        _sheet("Jadwal", schedule, SCHEDULE_SHEET, missing="sudah dimulai"),
    )


def _readiness_sheet(ctx: _Context, readiness: pd.DataFrame) -> Table:
    """Category, index and each component due on the as-of date (the scorecard's columns,
    phase order), per regency."""
    due = phase_order([c for c in ctx.config.components if c.active_from <= ctx.as_of])
    values = ctx.components.pivot(index="kode_wilayah", columns="name", values="value")
    spec = list(READINESS_SHEET)
    for component in due:
        column = values[component.name] if component.name in values else pd.Series(dtype=float)
        spec.append((component.label, PERCENT, lambda r, v=column: v.get(r.kode_wilayah)))
    return _sheet("Kesiapan", readiness, tuple(spec))


def _attention_sheet(frame: pd.DataFrame) -> Table:
    rows = tuple(
        (int(r["No."]), r["Kabupaten/Kota"], r["Kesiapan"], r["Belum siap pada"],
         r["Belum siap sejak"], r["Pelaporan"])
        for _, r in frame.iterrows()
    )  # fmt: skip
    return Table("Perlu perhatian", ATTENTION_COLUMNS, rows, missing="-")


def _body_order(values: pd.Series) -> pd.Series:
    """Sort key: bodies in their calendar order (PPK, PPS, Pantarlih, KPPS), others as is."""
    if values.name == "badan":
        return values.map({b: i for i, b in enumerate(BODY_ORDER)})
    return values
