"""Upload templates generated from the schema: CSV with ';' and Excel with a help sheet."""

from __future__ import annotations

import csv
import io

from analytics import reference
from analytics.contract import DATE, INT, ITEM, MODULE, REGION, TPS, Dataset

TEXT_KINDS = (REGION, TPS)


def example_row(dataset: Dataset) -> list[str]:
    return [col.example for col in dataset.columns]


def template_csv(dataset: Dataset) -> bytes:
    """Header and one example row, ';'-separated, UTF-8 with BOM (Indonesian-locale Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(dataset.column_names)
    writer.writerow(example_row(dataset))
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


def template_xlsx(dataset: Dataset) -> bytes:
    """Sheet 'data' (header, example row, codes formatted as text) and sheet 'petunjuk'."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = "data"
    sheet.append(dataset.column_names)
    sheet.append(example_row(dataset))
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE6F0")
    for index, col in enumerate(dataset.columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.fill = bold, fill
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = max(14, len(col.name) + 4)
        if col.kind in TEXT_KINDS:
            for row in range(2, 2001):
                sheet.cell(row=row, column=index).number_format = "@"
    sheet.freeze_panes = "A2"
    guide = book.create_sheet("petunjuk")
    help_rows = column_help(dataset)
    guide.append(list(help_rows[0]))
    for entry in help_rows:
        guide.append(list(entry.values()))
    for cell in guide[1]:
        cell.font = bold
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
