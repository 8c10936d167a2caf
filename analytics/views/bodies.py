"""Badan Ad Hoc views: per-body regency frames, headline figures, the table and its CSV."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from pandas.api.types import is_datetime64_any_dtype, is_numeric_dtype

from analytics import formatting as fmt
from analytics import reference
from analytics.config import IndicatorConfig, load_config
from analytics.escaping import spreadsheet_text
from analytics.indicators import Indicators
from analytics.labels import (
    BODY_LABEL,
    BODY_STATUS_LABEL,
    NO_UNITS,
    NO_UNITS_OVERDUE,
    NOT_REPORTED,
    REPORTED,
)

# How the units of each body are called (ref_badan.dibentuk_per).
UNIT_LABEL = {"kecamatan": "kecamatan", "desa_kelurahan": "desa/kelurahan", "tps": "TPS"}
# Status of a regency for one body (keys and words in labels.py).
STATUS_TEXT = BODY_STATUS_LABEL


def short_name(name: str) -> str:
    """'Kabupaten Cilacap' -> 'Kab. Cilacap' (chart labels); cities keep 'Kota'."""
    return name.replace("Kabupaten ", "Kab. ", 1) if name.startswith("Kabupaten ") else name


def unit_label(body: str) -> str:
    """'kecamatan', 'desa/kelurahan' or 'TPS': what one row of the body stands for."""
    bodies = reference.read_reference("badan.csv").set_index("badan")
    return UNIT_LABEL.get(bodies.loc[body, "dibentuk_per"], "unit")


def sworn_in_due(body: str, config: IndicatorConfig | None = None) -> dt.date | None:
    """From when ``body`` must be sworn in: ``active_from`` of its sworn-in component in
    data/indikator.toml (None when the readiness index never asks for it)."""
    config = config or load_config()
    dates = [
        c.active_from for c in config.components if c.metric == "sworn_in_rate" and c.badan == body
    ]
    return min(dates) if dates else None


def body_frame(ind: Indicators, body: str, config: IndicatorConfig | None = None) -> pd.DataFrame:
    """One row per regency for ``body`` (the figures' input), on ``ind.as_of``.

    Adds ``status`` (lapor | belum_lapor | belum_ada_unit | belum_ada_unit_terlambat),
    ``is_due`` (the swearing-in is due by the date), ``ditetapkan_belum_dilantik``
    (terisi - dilantik), ``kosong`` (kebutuhan - terisi) and ``label`` (short name).
    """
    frame = ind.on(ind.as_of).badan
    frame = frame[frame["badan"] == body].sort_values("kode_wilayah").reset_index(drop=True)
    out = frame[
        [
            "kode_wilayah",
            "nama",
            "is_reported",
            "data_as_of",
            "units_expected_count",
            "units_reported_count",
            "kebutuhan",
            "pendaftar",
            "terisi",
            "dilantik",
            "perempuan",
            "pengganti",
            "fill_rate",
            "sworn_in_rate",
            "women_share",
            "applicant_ratio",
            "coverage_rate",
        ]
    ].copy()
    due_from = sworn_in_due(body, config)
    is_due = due_from is not None and due_from <= ind.as_of
    reported = out["is_reported"].astype(bool)
    has_units = reported & (out["units_reported_count"].fillna(0) > 0)
    no_units = NO_UNITS_OVERDUE if is_due else NO_UNITS
    out["status"] = [
        REPORTED if units else no_units if rep else NOT_REPORTED
        for rep, units in zip(reported, has_units, strict=True)
    ]
    out["is_due"] = is_due
    out["ditetapkan_belum_dilantik"] = out["terisi"] - out["dilantik"]
    out["kosong"] = out["kebutuhan"] - out["terisi"]
    # A regency without units has nothing to measure yet, so no rate; once the body is due
    # its fill and sworn-in rates are 0%, as the readiness index counts them.
    blank = ["women_share", "applicant_ratio"]
    if not is_due:
        blank += ["fill_rate", "sworn_in_rate"]
    out.loc[~has_units, blank] = float("nan")
    out["label"] = [short_name(n) for n in out["nama"]]
    return out


def has_units(ind: Indicators, body: str) -> bool:
    """Whether any regency has reported at least one unit of ``body``."""
    return bool((body_frame(ind, body)["status"] == REPORTED).any())


def has_overdue(ind: Indicators, body: str) -> bool:
    """Whether a regency reported no unit of ``body`` after its swearing-in was due."""
    return bool((body_frame(ind, body)["status"] == NO_UNITS_OVERDUE).any())


def _date_span(start, end) -> str:
    if start == end:
        return fmt.date(start)
    return f"{fmt.date(start)} s.d. {fmt.date(end)}"


def schedule_sentence(body: str) -> str:
    """'Pendaftaran KPPS (17 September 2024 s.d. 28 September 2024); ...' from jadwal.csv."""
    schedule = reference.read_reference("jadwal.csv")
    rows = schedule[
        (schedule["badan"] == body) | schedule["kode"].str.split("_").apply(lambda p: body in p)
    ].sort_values("tanggal_mulai")
    return "; ".join(
        f"{row.tahapan} ({_date_span(row.tanggal_mulai, row.tanggal_selesai)})"
        for row in rows.itertuples()
    )


def empty_body_message(ind: Indicators, body: str) -> str:
    """Why there is nothing to draw for ``body`` (e.g. KPPS before its registration)."""
    label = BODY_LABEL[body]
    text = (
        f"Belum ada data {label} per {fmt.date(ind.as_of)}: belum ada kabupaten/kota yang "
        f"melaporkan satu pun unit {label} ({unit_label(body)})."
    )
    schedule = schedule_sentence(body)
    if schedule:
        text += f" Jadwal tahapan — {schedule}."
    return text


def province_metrics(ind: Indicators, body: str) -> list[tuple[str, str, str]]:
    """(label, short value, explanation) for the province headline of ``body``."""
    p = ind.province["badan"].get(body, {})
    regions = ind.readiness["kode_wilayah"].nunique()  # the database's regencies
    unit = unit_label(body)

    def n(key: str) -> str:
        return fmt.number(p.get(key), missing="-")

    return [
        (
            "Kab/kota melapor",
            f"{fmt.number(p.get('regions_reported_count'), missing='0')}/{regions}",
            f"Kabupaten/kota yang sudah mengunggah data badan ad hoc, dari {regions}.",
        ),
        ("Kebutuhan", n("kebutuhan"), f"Jumlah kursi {BODY_LABEL[body]} yang dibutuhkan."),
        (
            "Terisi",
            fmt.percent(p.get("fill_rate"), missing="-"),
            f"{n('terisi')} dari {n('kebutuhan')} kursi sudah ditetapkan.",
        ),
        (
            "Dilantik",
            fmt.percent(p.get("sworn_in_rate"), missing="-"),
            f"{n('dilantik')} dari {n('kebutuhan')} kursi sudah dilantik.",
        ),
        (
            "Perempuan",
            fmt.percent(p.get("women_share"), missing="-"),
            f"{n('perempuan')} perempuan dari {n('terisi')} anggota terisi.",
        ),
        (
            "Rasio pendaftar",
            fmt.ratio(p.get("applicant_ratio"), missing="-"),
            f"{n('pendaftar')} pendaftar untuk {n('kebutuhan')} kursi.",
        ),
        (
            "Cakupan unit",
            fmt.percent(p.get("coverage_rate"), missing="-"),
            f"{n('units_reported_count')} dari {n('units_expected_reported_count')} {unit} "
            "di kabupaten/kota yang melapor.",
        ),
    ]


def region_sentence(ind: Indicators, body: str, region: str) -> str:
    """One line about the selected regency for ``body``, for the page under the headline."""
    row = body_frame(ind, body).set_index("kode_wilayah").loc[region]
    label = BODY_LABEL[body]
    if row["status"] == NOT_REPORTED:
        return f"**{row['nama']}** belum lapor data badan ad hoc per {fmt.date(ind.as_of)}."
    if row["status"] == NO_UNITS:
        return (
            f"**{row['nama']}** sudah melapor (data per {fmt.date(row['data_as_of'])}), "
            f"tetapi belum ada unit {label}."
        )
    if row["status"] == NO_UNITS_OVERDUE:
        return (
            f"**{row['nama']}** sudah melapor (data per {fmt.date(row['data_as_of'])}), "
            f"tetapi belum ada unit {label}, padahal pelantikan {label} jatuh tempo "
            f"{fmt.date(sworn_in_due(body))}: dilantik 0% (■ tertinggal)."
        )
    return (
        f"**{row['nama']}** (data per {fmt.date(row['data_as_of'])}): "
        f"{fmt.number(row['dilantik'])} dari {fmt.number(row['kebutuhan'])} {label} dilantik "
        f"({fmt.percent(row['sworn_in_rate'])}), {fmt.number(row['kosong'])} kursi kosong, "
        f"perempuan {fmt.percent(row['women_share'], missing='-')}, pendaftar "
        f"{fmt.ratio(row['applicant_ratio'], missing='-')} kebutuhan, cakupan "
        f"{fmt.number(row['units_reported_count'])} dari "
        f"{fmt.number(row['units_expected_count'])} {unit_label(body)}."
    )


def coverage_sentence(frame: pd.DataFrame, body: str) -> str | None:
    """A sentence when every reporting regency covers all its units (no chart needed)."""
    reported = frame[frame["status"] != NOT_REPORTED]
    if reported.empty or not (reported["coverage_rate"] >= 1).all():
        return None
    return (
        f"Cakupan lengkap: {len(reported)} kabupaten/kota yang melapor mencakup semua "
        f"{unit_label(body)} ({fmt.number(reported['units_reported_count'].sum())} dari "
        f"{fmt.number(reported['units_expected_count'].sum())})."
    )


def not_reported_names(frame: pd.DataFrame) -> list[str]:
    """Names of the regencies in a ``body_frame`` that have not reported."""
    return list(frame.loc[frame["status"] == NOT_REPORTED, "nama"])


# Export columns: (header, source column, kind). Kinds: count, percent, ratio, date, text.
_COLUMNS = [
    ("Kode", "kode_wilayah", "text"),
    ("Kabupaten/Kota", "nama", "text"),
    ("Status", "status", "status"),
    ("Data per", "data_as_of", "date"),
    ("Unit dilaporkan", "units_reported_count", "count"),
    ("Unit diharapkan", "units_expected_count", "count"),
    ("Cakupan unit (%)", "coverage_rate", "percent"),
    ("Kebutuhan", "kebutuhan", "count"),
    ("Pendaftar", "pendaftar", "count"),
    ("Rasio pendaftar (×)", "applicant_ratio", "ratio"),
    ("Terisi", "terisi", "count"),
    ("Dilantik", "dilantik", "count"),
    ("Ditetapkan belum dilantik", "ditetapkan_belum_dilantik", "count"),
    ("Kosong", "kosong", "count"),
    ("Dilantik dari kebutuhan (%)", "sworn_in_rate", "percent"),
    ("Perempuan", "perempuan", "count"),
    ("Keterwakilan perempuan (%)", "women_share", "percent"),
    ("Pengganti (PAW)", "pengganti", "count"),
]


def body_export(ind: Indicators, body: str) -> pd.DataFrame:
    """The regency table of ``body`` with numbers kept numeric (for CSV), Indonesian headers.

    Percentages are in percent (87.5), rounded to one decimal; regencies that have not
    reported keep empty cells, never 0.
    """
    frame = body_frame(ind, body)
    out = pd.DataFrame()
    for header, column, kind in _COLUMNS:
        values = frame[column]
        if kind == "count":
            values = values.round().astype("Int64")
        elif kind == "percent":
            values = fmt.rounded_values(values * 100, 1)
        elif kind == "ratio":
            values = fmt.rounded_values(values, 2)
        elif kind == "date":
            values = [None if pd.isna(v) else pd.Timestamp(v).date().isoformat() for v in values]
        elif kind == "status":
            values = [STATUS_TEXT[s] for s in values]
        out[header] = values
    out.insert(2, "Badan", BODY_LABEL[body])
    return out


def body_table(ind: Indicators, body: str) -> pd.DataFrame:
    """The same table with Indonesian number formats, for display."""
    frame = body_frame(ind, body)
    out = pd.DataFrame()
    for header, column, kind in _COLUMNS:
        values = frame[column]
        if kind == "count":
            out[header] = [
                fmt.number(v, missing="-") if s != NOT_REPORTED else "belum lapor"
                for v, s in zip(values, frame["status"], strict=True)
            ]
        elif kind == "percent":
            out[header.removesuffix(" (%)")] = [
                fmt.percent(v, missing="-") if s != NOT_REPORTED else "belum lapor"
                for v, s in zip(values, frame["status"], strict=True)
            ]
        elif kind == "ratio":
            out[header.removesuffix(" (×)")] = [
                fmt.ratio(v, missing="-") if s != NOT_REPORTED else "belum lapor"
                for v, s in zip(values, frame["status"], strict=True)
            ]
        elif kind == "date":
            out[header] = [fmt.date(v) for v in values]
        elif kind == "status":
            out[header] = [STATUS_TEXT[s] for s in values]
        else:
            out[header] = values
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV that Indonesian Excel opens as-is: ';' separator, decimal comma, UTF-8 with BOM;
    text that Excel would run as a formula is kept as text."""
    safe = frame.copy()
    for column in safe.columns:
        values = safe[column]
        if not (is_numeric_dtype(values) or is_datetime64_any_dtype(values)):
            safe[column] = values.map(spreadsheet_text)
    text = safe.to_csv(sep=";", index=False, decimal=",", lineterminator="\r\n")
    return text.encode("utf-8-sig")


def csv_file_name(topic: str, body: str, as_of) -> str:
    """'siaga_badan_adhoc_ppk_2024-08-30.csv'."""
    return f"siaga_{topic}_{body.lower()}_{pd.Timestamp(as_of).date().isoformat()}.csv"
