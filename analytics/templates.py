"""Upload templates generated from the schema: CSV with ';' and Excel with a help sheet,
blank (one example row) or pre-filled for one regency (its official units or checklist)."""

from __future__ import annotations

import csv
import io
from typing import NamedTuple

from analytics import reference
from analytics.contract import DATE, INT, ITEM, MODULE, REGION, Dataset

FORMATTED_ROWS = 2000  # rows below the header formatted cell by cell, at the least
UNIT_LEVELS = {"kecamatan": "kecamatan", "desa_kelurahan": "desa/kelurahan"}


class BodyStandard(NamedTuple):
    """A body of data/reference/badan.csv: the unit it is formed per and its seats."""

    body: str
    formed_per: str  # kecamatan | desa_kelurahan | tps
    seats_label: str  # "5", "1 atau 2"
    seats: int | None  # None when the standard is not one number


def body_standards() -> list[BodyStandard]:
    bodies = reference.read_reference("badan.csv")
    return [
        BodyStandard(body, per, standard.replace("|", " atau "),
                     int(standard) if standard.isdigit() else None)
        for body, per, standard in zip(
            bodies["badan"], bodies["dibentuk_per"], bodies["anggota_standar"], strict=True
        )
    ]  # fmt: skip


def example_row(dataset: Dataset) -> list[str]:
    return [col.example for col in dataset.columns]


def file_name(dataset: Dataset, file_format: str, region: str | None = None) -> str:
    """``templat_badan_adhoc.xlsx``; pre-filled: ``templat_badan_adhoc_33.01.xlsx``."""
    suffix = f"_{region}" if region else ""
    return f"templat_{dataset.name}{suffix}.{file_format}"


def _unit_rows(dataset: Dataset, region: str) -> list[dict[str, object]]:
    """One row per official unit of ``region``: each body formed per kecamatan (PPK) for
    every kecamatan, then each body formed per desa/kelurahan (PPS) for every desa, grouped
    by kecamatan; official order and names. Names, not codes: operators recognise them,
    the contract has no code column and the upload accepts both."""
    from analytics.units import official_units

    units = official_units()
    rows: list[dict[str, object]] = []
    for standard in body_standards():
        if standard.formed_per not in UNIT_LEVELS:
            continue  # per TPS: the TPS list is not known
        for kecamatan in units.kecamatan_of(region):
            row = {
                "kode_wilayah": region,
                "badan": standard.body,
                "kecamatan": kecamatan.name,
                "kebutuhan": standard.seats,
            }
            if standard.formed_per == "kecamatan":
                rows.append(row)
            else:
                rows += [{**row, "desa_kelurahan": d.name} for d in units.desa_of(kecamatan.code)]
    return rows


def _checklist_rows(dataset: Dataset, region: str) -> list[dict[str, object]]:
    """One row per checklist item, the status left for the operator."""
    return [{"kode_wilayah": region, "kode_item": code} for code in reference.checklist().kode_item]


def _example_rows(dataset: Dataset, region: str) -> list[dict[str, object]]:
    """The example row, written for ``region``."""
    row: dict[str, object] = dict(zip(dataset.column_names, example_row(dataset), strict=True))
    row.update({col.name: region for col in dataset.columns if col.kind == REGION})
    return [row]


_PREFILL = {"badan_adhoc": _unit_rows, "persiapan_pencalonan": _checklist_rows}


def template_rows(dataset: Dataset, region: str | None = None) -> list[list[object]]:
    """The data rows of a template, one value per column (None: left empty).

    Blank: the example row. With ``region`` (a canonical code, ``33.01``; KeyError for
    another): badan_adhoc holds a PPK row per official kecamatan and a PPS row per
    desa/kelurahan with the standard seats and empty counts; persiapan_pencalonan a row
    per checklist item with an empty status; other datasets the example row in the
    region's code.
    """
    if region is None:
        return [list(example_row(dataset))]
    if region not in reference.region_names():
        raise KeyError(region)
    rows = _PREFILL.get(dataset.name, _example_rows)(dataset, region)
    return [[row.get(name) for name in dataset.column_names] for row in rows]


def prefill_notes(dataset: Dataset, region: str) -> list[str]:
    """What the pre-filled template of ``region`` holds and what the operator adds, in
    words: the first section of its guide sheet and the upload page's caption."""
    place = f"{region} {reference.region_names()[region]}"
    if dataset.name == "persiapan_pencalonan":
        return [
            f"Lembar 'data' sudah berisi satu baris per butir daftar periksa untuk {place}.",
            "Isi status setiap butir (belum, proses, selesai atau tidak_berlaku); "
            "tanggal_selesai wajib bila statusnya selesai.",
        ]
    if dataset.name != "badan_adhoc":
        return [
            f"Baris contoh sudah memakai kode {place}. Ganti isinya dengan kegiatan Anda: "
            "satu baris per kegiatan untuk satu badan."
        ]
    body_at = dataset.column_names.index("badan")
    bodies = [row[body_at] for row in template_rows(dataset, region)]
    standards = body_standards()
    filled = "; ".join(
        f"satu baris {s.body} per {UNIT_LEVELS[s.formed_per]} "
        f"({bodies.count(s.body)} baris, kebutuhan {s.seats_label})"
        for s in standards
        if s.formed_per in UNIT_LEVELS
    )
    per_tps = [s for s in standards if s.formed_per not in UNIT_LEVELS]
    return [
        f"Lembar 'data' sudah berisi unit resmi {place} (daftar Kemendagri): {filled}.",
        "Isi pendaftar, terisi, dilantik, perempuan dan pengganti di setiap baris; terisi, "
        "dilantik dan perempuan wajib diisi (tulis 0 bila belum ada).",
        "Jangan mengubah nama kecamatan dan desa/kelurahan dan jangan menghapus baris unit "
        "(baris yang kurang diberi peringatan).",
        f"{' dan '.join(s.body for s in per_tps)} dibentuk per TPS; daftar TPS tidak ada di "
        "SIAGA, jadi barisnya tidak diisikan. Tambahkan di bawah, satu baris per TPS, dengan "
        "kecamatan, desa_kelurahan, tps (misalnya 001) dan kebutuhan ("
        + ", ".join(f"{s.body} {s.seats_label}" for s in per_tps)
        + ").",
    ]


def template_csv(dataset: Dataset, region: str | None = None) -> bytes:
    """Header and the template rows, ';'-separated, UTF-8 with BOM (Indonesian-locale
    Excel); cells left empty stay empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(dataset.column_names)
    for row in template_rows(dataset, region):
        writer.writerow(["" if value is None else value for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def allowed_values_text(col) -> str:
    """What a cell of ``col`` may hold, in words, from the schema and the reference data."""
    if col.kind == MODULE:
        frame = reference.modules()
        return "; ".join(
            f"{c} {n}" for c, n in zip(frame.kode_materi, frame.nama_materi, strict=True)
        )
    if col.kind == ITEM:
        frame = reference.checklist()
        return "; ".join(f"{c} {u}" for c, u in zip(frame.kode_item, frame.uraian, strict=True))
    if col.kind == REGION:
        frame = reference.regions()
        return "; ".join(f"{c} {n}" for c, n in zip(frame.kode_wilayah, frame.nama, strict=True))
    if col.kind == INT:
        return "bilangan bulat 0 atau lebih (1.234 boleh)"
    if col.kind == DATE:
        return "tanggal: 2024-08-15, 15/08/2024 atau 15-08-2024"
    return ", ".join(col.allowed_values())


def column_help(dataset: Dataset) -> list[dict[str, str]]:
    """One entry per column: name, required, meaning, allowed values, example."""
    rows = []
    for col in dataset.columns:
        rows.append(
            {
                "kolom": col.name,
                "wajib": "ya"
                if col.required
                else (col.required_when.text if col.required_when else "tidak"),
                "arti": col.description,
                "nilai yang diizinkan": allowed_values_text(col),
                "contoh": col.example,
            }
        )
    return rows


def _cell_value(kind: str, value: object) -> object:
    """A count written as a number (Excel shows no 'number stored as text'); else as is."""
    if kind == INT and isinstance(value, str) and value.isdigit():
        return int(value)
    return None if value == "" else value


def template_xlsx(dataset: Dataset, region: str | None = None) -> bytes:
    """Sheet 'data' (header, the template rows; counts as numbers, dates as typed, every
    other column formatted as text so Excel keeps 33.01, 3301012001 or 001) and sheet
    'petunjuk' (for a pre-filled template first what was filled in, then each column and
    the rules)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    rows = template_rows(dataset, region)
    book = Workbook()
    sheet = book.active
    sheet.title = "data"
    sheet.append(dataset.column_names)
    kinds = [col.kind for col in dataset.columns]
    for row in rows:
        sheet.append([_cell_value(k, v) for k, v in zip(kinds, row, strict=True)])
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE6F0")
    # The whole column carries the format (rows the operator adds below included); the
    # first rows carry it cell by cell too, for programs that ignore column formats.
    last_row = max(FORMATTED_ROWS, len(rows)) + 1
    for index, col in enumerate(dataset.columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.fill = bold, fill
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = max(14, len(col.name) + 4)
        if col.kind == DATE:
            continue  # a typed date may become an Excel date: the upload reads both
        number_format = "0" if col.kind == INT else "@"
        sheet.column_dimensions[letter].number_format = number_format
        for row in range(2, last_row + 1):
            sheet.cell(row=row, column=index).number_format = number_format
    sheet.freeze_panes = "A2"
    guide = book.create_sheet("petunjuk")
    if region:
        guide.append([f"Isian awal {region} {reference.region_names()[region]}"])
        guide.cell(row=1, column=1).font = bold
        for note in prefill_notes(dataset, region):
            guide.append([note])
        guide.append([])
    help_rows = column_help(dataset)
    guide.append(list(help_rows[0]))
    for cell in guide[guide.max_row]:
        cell.font = bold
    for entry in help_rows:
        guide.append(list(entry.values()))
    guide.append([])
    guide.append(["Aturan"])
    guide.cell(row=guide.max_row, column=1).font = bold
    for rule in dataset.rule_texts:
        guide.append([rule])
    for letter, width in zip("ABCDE", (22, 30, 70, 40, 16), strict=True):
        guide.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
