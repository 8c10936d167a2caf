"""Official units of one regency: which kecamatan and desa/kelurahan have no row, a
vacancy or members not yet sworn in, by official name, grouped by kecamatan; the counts
per status, a kecamatan's desa (drill-down) and the problem units as CSV and Excel."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from analytics import formatting as fmt
from analytics.config import IndicatorConfig, load_config
from analytics.exports.xlsx import deck_xlsx
from analytics.indicators import BODY_ORDER
from analytics.labels import BODY_LABEL, UNIT_STATUS_LABEL
from analytics.meeting.model import COUNT, TEXT, Column, Deck, Table
from analytics.views.bodies import csv_bytes, sworn_in_due

# Status of one official unit for one body (analytics/sql/region_units.sql), in the order
# the page lists them (their words: labels.UNIT_STATUS_LABEL).
NO_ROW = "belum_ada_baris"
NO_TPS_ROW = "belum_ada_baris_tps"
VACANCY = "kekurangan_anggota"
NOT_SWORN_IN = "belum_dilantik"
COMPLETE = "lengkap"
NOT_REPORTED = "belum_lapor"
PROBLEMS = (NO_ROW, NO_TPS_ROW, VACANCY, NOT_SWORN_IN)
LEVEL_LABEL = {"kecamatan": "kecamatan", "desa_kelurahan": "desa/kelurahan"}


def is_reported(frame: pd.DataFrame) -> bool:
    """Whether the regency has a badan_adhoc version in force (``region_detail.region_units``)."""
    return bool(frame["is_reported"].any())


def shown_bodies(
    frame: pd.DataFrame,
    as_of: dt.date,
    body: str | None = None,
    config: IndicatorConfig | None = None,
) -> list[str]:
    """The bodies whose units are judged on ``as_of``: those the regency reports rows of,
    and those whose swearing-in is due (a missing unit then matters). Before its
    registration a body without rows (KPPS in August) is left out, not listed as missing."""
    config = config or load_config()
    rows = frame.groupby("badan")["body_row_count"].max()
    shown = []
    for name in [body] if body else BODY_ORDER:
        due = sworn_in_due(name, config)
        if rows.get(name, 0) > 0 or (due is not None and due <= as_of):
            shown.append(name)
    return shown


def waiting_sentence(bodies: list[str], as_of: dt.date) -> str | None:
    """Why ``bodies`` are left out: 'Belum dinilai per 20 Agustus 2024 karena belum ada
    baris: KPPS (pelantikan jatuh tempo 7 November 2024).' (None when none is)."""
    if not bodies:
        return None
    parts = []
    for name in bodies:
        due = sworn_in_due(name)
        when = f"pelantikan jatuh tempo {fmt.date(due)}" if due else "belum jatuh tempo"
        parts.append(f"{BODY_LABEL[name]} ({when})")
    return f"Belum dinilai per {fmt.date(as_of)} karena belum ada baris: " + ", ".join(parts) + "."


def _of(frame: pd.DataFrame, bodies: list[str]) -> pd.DataFrame:
    return frame[frame["badan"].isin(bodies)]


def status_counts(frame: pd.DataFrame, bodies: list[str]) -> pd.DataFrame:
    """One row per body: ``unit_count`` (official units), one column per status (units in
    it), ``tps_count`` (TPS rows of a body formed per TPS) and ``unmatched_row_count``
    (rows naming no official unit, not counted)."""
    rows = []
    for name in bodies:
        units = frame[frame["badan"] == name]
        per_status = units["status"].value_counts()
        rows.append(
            {
                "badan": name,
                "tingkat_unit": units["tingkat_unit"].iloc[0] if len(units) else "kecamatan",
                "is_per_tps": bool(units["is_per_tps"].any()),
                "unit_count": len(units),
                **{status: int(per_status.get(status, 0)) for status in UNIT_STATUS_LABEL},
                "tps_count": int(units["tps_count"].fillna(0).sum()),
                "unmatched_row_count": int(units["unmatched_row_count"].max()) if len(units) else 0,
            }
        )
    return pd.DataFrame(rows)


def summary_lines(frame: pd.DataFrame, bodies: list[str]) -> list[str]:
    """One sentence per body: 'PPS: 12 dari 17 desa/kelurahan belum ada baris PPS; 1
    kekurangan anggota, 1 belum dilantik, 3 lengkap.' Statuses without a unit are left
    out; a body formed per TPS adds its TPS rows ('45 TPS dilaporkan'). Markdown: the
    body in bold; no uploaded text."""
    lines = []
    for row in status_counts(frame, bodies).itertuples():
        label, level = BODY_LABEL[row.badan], LEVEL_LABEL[row.tingkat_unit]
        missing = NO_TPS_ROW if row.is_per_tps else NO_ROW
        what = f"baris TPS {label}" if row.is_per_tps else f"baris {label}"
        text = (
            f"**{label}**: {fmt.number(getattr(row, missing))} dari "
            f"{fmt.number(row.unit_count)} {level} belum ada {what}"
        )
        rest = [f"{fmt.number(row.tps_count)} TPS dilaporkan"] if row.is_per_tps else []
        rest += [
            f"{fmt.number(getattr(row, status))} {UNIT_STATUS_LABEL[status]}"
            for status in (VACANCY, NOT_SWORN_IN, COMPLETE)
            if getattr(row, status)
        ]
        text += ("; " + ", ".join(rest) if rest else "") + "."
        if row.unmatched_row_count:
            text += (
                f" {fmt.number(row.unmatched_row_count)} baris {label} tanpa kode unit resmi "
                "tidak dihitung."
            )
        lines.append(text)
    return lines


def _numbers_text(row) -> str:
    """What is short in a unit that has rows: 'terisi 2 dari 3', 'dilantik 0 dari 3',
    after the TPS count of a body formed per TPS ('4 TPS') or the rows of a unit
    reported more than once ('2 baris'); '' for a unit without rows."""
    if row.status == VACANCY:
        short = f"terisi {fmt.number(row.terisi)} dari {fmt.number(row.kebutuhan)}"
    elif row.status == NOT_SWORN_IN:
        short = f"dilantik {fmt.number(row.dilantik)} dari {fmt.number(row.terisi)}"
    else:
        return ""
    if row.is_per_tps:
        return f"{fmt.number(row.tps_count)} TPS, {short}"
    if row.row_count > 1:
        return f"{fmt.number(row.row_count)} baris, {short}"
    return short


def unit_text(row) -> str:
    """'Kecamatan Magelang Utara (terisi 4 dari 5)', 'Magersari (dilantik 0 dari 3)',
    'Tidar Utara': one unit of ``region_units`` as a list entry."""
    numbers = _numbers_text(row)
    return f"{unit_name(row)} ({numbers})" if numbers else unit_name(row)


def unit_name(row) -> str:
    """The official name of a unit: 'Kecamatan Magelang Utara' (PPK), 'Magersari'."""
    if row.tingkat_unit == "kecamatan":
        return f"Kecamatan {row.nama_kecamatan}"
    return row.nama_desa_kelurahan


@dataclass(frozen=True)
class StatusEntry:
    """The units of one body in one status within a kecamatan. ``units`` are plain text
    (official names, numbers): escape them where they are shown."""

    badan: str
    status: str
    units: tuple[str, ...]

    @property
    def heading(self) -> str:
        return f"{BODY_LABEL[self.badan]} · {UNIT_STATUS_LABEL[self.status]}"


@dataclass(frozen=True)
class KecamatanGroup:
    """The problem units of one official kecamatan."""

    kode_kecamatan: str
    nama_kecamatan: str
    problem_count: int
    counts_text: str  # '4 belum ada baris, 1 belum dilantik'
    entries: tuple[StatusEntry, ...]


def problem_groups(frame: pd.DataFrame, bodies: list[str]) -> list[KecamatanGroup]:
    """The units with no row, a vacancy or members not sworn in, grouped by kecamatan (in
    the order of ``region_units``: by name), then by body (in ``bodies`` order) and status
    (``PROBLEMS`` order). One pass over the rows: a regency has up to ~1,900 of them."""
    problems = _of(frame, bodies)
    problems = problems[problems["status"].isin(PROBLEMS)]
    names: dict[str, str] = {}
    texts: dict[str, dict[tuple[str, str], list[str]]] = {}
    for row in problems.itertuples():
        names.setdefault(row.kode_kecamatan, row.nama_kecamatan)
        per_kecamatan = texts.setdefault(row.kode_kecamatan, {})
        per_kecamatan.setdefault((row.badan, row.status), []).append(unit_text(row))
    groups = []
    for code, per_kecamatan in texts.items():
        entries = tuple(
            StatusEntry(body, status, tuple(per_kecamatan[body, status]))
            for body in bodies
            for status in PROBLEMS
            if (body, status) in per_kecamatan
        )
        per_status = {
            status: sum(len(units) for (_, s), units in per_kecamatan.items() if s == status)
            for status in PROBLEMS
        }
        counts = ", ".join(
            f"{fmt.number(n)} {UNIT_STATUS_LABEL[s]}" for s, n in per_status.items() if n
        )
        total = sum(per_status.values())
        groups.append(KecamatanGroup(code, names[code], total, counts, entries))
    return groups


def kecamatan_choices(frame: pd.DataFrame, bodies: list[str]) -> dict[str, tuple[str, str]]:
    """Official kecamatan code -> (name, 'Magelang Selatan (4 belum lengkap)') for the
    drill-down, by name."""
    units = _of(frame, bodies)
    out = {}
    for (code, name), group in units.groupby(["kode_kecamatan", "nama_kecamatan"], sort=False):
        problems = int(group["status"].isin(PROBLEMS).sum())
        label = (
            f"{name} ({fmt.number(problems)} belum lengkap)" if problems else f"{name} (lengkap)"
        )
        out[code] = (name, label)
    return out


def _number_or_dash(value) -> str:
    return fmt.number(value, missing="-")


def kecamatan_detail(frame: pd.DataFrame, bodies: list[str], kode_kecamatan: str) -> pd.DataFrame:
    """One kecamatan's units, every status (the drill-down to desa/kelurahan), display
    formats: Unit, Badan, Status, TPS, Kebutuhan, Terisi, Dilantik. The kecamatan itself
    is the PPK unit; a desa/kelurahan is the unit of the other bodies."""
    units = _of(frame, bodies)
    units = units[units["kode_kecamatan"] == kode_kecamatan]
    table = pd.DataFrame(
        {
            "Unit": [unit_name(row) for row in units.itertuples()],
            "Badan": [BODY_LABEL[b] for b in units["badan"]],
            "Status": [UNIT_STATUS_LABEL[s] for s in units["status"]],
            "TPS": [_number_or_dash(v) for v in units["tps_count"]],
            "Kebutuhan": [_number_or_dash(v) for v in units["kebutuhan"]],
            "Terisi": [_number_or_dash(v) for v in units["terisi"]],
            "Dilantik": [_number_or_dash(v) for v in units["dilantik"]],
        }
    ).reset_index(drop=True)
    if not units["is_per_tps"].any():
        table = table.drop(columns="TPS")
    return table


# Download columns: (header, source column, kind).
_EXPORT_COLUMNS = (
    ("Kode kecamatan", "kode_kecamatan", TEXT),
    ("Kecamatan", "nama_kecamatan", TEXT),
    ("Kode desa/kelurahan", "kode_desa_kelurahan", TEXT),
    ("Desa/kelurahan", "nama_desa_kelurahan", TEXT),
    ("Badan", "badan", TEXT),
    ("Status", "status", TEXT),
    ("TPS dilaporkan", "tps_count", COUNT),
    ("Kebutuhan", "kebutuhan", COUNT),
    ("Terisi", "terisi", COUNT),
    ("Dilantik", "dilantik", COUNT),
    ("Kosong", "vacancy_count", COUNT),
    ("Belum dilantik", "not_sworn_in_count", COUNT),
)


def problem_export(frame: pd.DataFrame, bodies: list[str]) -> pd.DataFrame:
    """The problem units as a download: official codes and names, body, status, numbers
    kept numeric (empty where the unit has no row, never 0)."""
    units = _of(frame, bodies)
    units = units[units["status"].isin(PROBLEMS)]
    out = pd.DataFrame()
    for header, column, kind in _EXPORT_COLUMNS:
        values = units[column]
        if column == "badan":
            values = values.map(BODY_LABEL)
        elif column == "status":
            values = values.map(UNIT_STATUS_LABEL)
        elif kind == COUNT:
            values = values.round().astype("Int64")
        out[header] = values.reset_index(drop=True)
    return out


def export_csv(export: pd.DataFrame) -> bytes:
    """The download as CSV for Indonesian Excel (';', BOM; text that looks like a formula
    kept as text: views.bodies.csv_bytes)."""
    return csv_bytes(export)


def export_xlsx(export: pd.DataFrame, region_name: str, as_of: dt.date, is_demo: bool) -> bytes:
    """The download as an Excel workbook of one sheet 'Unit belum lengkap' (numbers stay
    numbers; text never runs as a formula: analytics/exports/xlsx.py)."""
    kinds = {header: kind for header, _, kind in _EXPORT_COLUMNS}
    rows = tuple(
        tuple(None if pd.isna(v) else (int(v) if kinds[h] == COUNT else str(v))
              for h, v in zip(export.columns, record, strict=True))
        for record in export.itertuples(index=False, name=None)
    )  # fmt: skip
    table = Table(
        "Unit belum lengkap", tuple(Column(h, kinds[h]) for h in export.columns), rows, missing=""
    )
    deck = Deck(
        f"Unit per kecamatan — {region_name}", as_of, None, region_name, is_demo, (), (table,)
    )
    return deck_xlsx(deck)


def file_name(kode_wilayah: str, body: str | None, as_of: dt.date, extension: str) -> str:
    """'siaga_unit_belum_lengkap_3371_pps_2024-08-20.csv' (all bodies: 'semua')."""
    who = body.lower() if body else "semua"
    return (
        f"siaga_unit_belum_lengkap_{kode_wilayah.replace('.', '')}_{who}_"
        f"{pd.Timestamp(as_of).date().isoformat()}.{extension}"
    )
