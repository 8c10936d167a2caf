"""The Excel export opened with openpyxl: one sheet per indicator table, numbers with their
formats, and text typed by a regency that can never run as a formula."""

import datetime as dt
import io

import openpyxl
import pytest
from openpyxl import Workbook

from analytics.exports import render
from analytics.exports.xlsx import write_text
from tests.exports_support import FORMULA_TEXT, TITLE, shared_deck

SHEETS = [
    "Keterangan", "Kesiapan", "Provinsi", "Badan ad hoc", "Bimtek", "Pencalonan",
    "Butir pencalonan", "Pelaporan", "Perlu perhatian", "Jadwal",
]  # fmt: skip


@pytest.fixture(scope="module")
def book():
    return openpyxl.load_workbook(io.BytesIO(render(shared_deck(), "xlsx")))


def rows(sheet) -> list[dict]:
    """Each data row as {header: cell}."""
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)]


def find(sheet, **values) -> dict:
    return next(r for r in rows(sheet) if all(r[k].value == v for k, v in values.items()))


def test_one_sheet_per_indicator_table(book):
    assert book.sheetnames == SHEETS
    about = {r["Keterangan"].value: r["Isi"].value for r in rows(book["Keterangan"])}
    assert about["Judul rapat"] == TITLE
    assert about["Data per"] == "21 Agustus 2024"


def test_values_and_formats(book):
    sheet = book["Badan ad hoc"]
    pps = find(sheet, Kode="33.71", Badan="PPS")
    assert (pps["Kebutuhan"].value, pps["Dilantik"].value) == (9, 6)
    assert pps["Kebutuhan"].number_format == "#,##0"
    assert pps["Dilantik (%)"].value == 6 / 9  # full precision; Excel's 0.0% rounds it once
    assert pps["Dilantik (%)"].number_format == "0.0%"
    assert pps["Data per"].value == dt.datetime(2024, 8, 15)
    assert pps["Data per"].number_format == "DD/MM/YYYY"
    index = find(book["Kesiapan"], Kode="33.71")["Indeks kesiapan"]
    assert index.number_format == "0.0" and isinstance(index.value, float)


def test_not_reported_cells_are_empty_never_zero(book):
    salatiga = find(book["Badan ad hoc"], Kode="33.73", Badan="PPK")
    assert salatiga["Status"].value == "belum lapor"
    assert salatiga["Kebutuhan"].value is None
    assert salatiga["Dilantik (%)"].value is None
    assert salatiga["Unit diharapkan"].value == 4  # reference data is known


def test_uploaded_text_never_becomes_a_formula(book):
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    items = book["Butir pencalonan"]
    first = find(items, Kode="33.73", Butir="PC01")
    for column, text in (("Mitra", FORMULA_TEXT["mitra"]),
                         ("Penanggung jawab", FORMULA_TEXT["penanggung_jawab"]),
                         ("Catatan", FORMULA_TEXT["catatan"])):  # fmt: skip
        cell = first[column]
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)
    second = find(items, Kode="33.73", Butir="PC02")
    assert (second["Mitra"].value, second["Mitra"].quotePrefix) == ("@SUM(A1)", True)
    assert (second["Catatan"].value, second["Catatan"].quotePrefix) == ("-2", True)
    plain = find(items, Kode="33.73", Butir="PC03")["Mitra"]
    assert (plain.value, plain.quotePrefix) == ("RSUD", False)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx"])
def test_every_formula_trigger_is_neutralised(text):
    book = Workbook()
    write_text(book.active["A1"], text)
    out = io.BytesIO()
    book.save(out)
    cell = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active["A1"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)


def test_region_workbook_holds_that_regency_only():
    book = openpyxl.load_workbook(io.BytesIO(render(shared_deck("33.71"), "xlsx")))
    codes = {r["Kode"].value for r in rows(book["Badan ad hoc"])}
    assert codes == {"33.71"}
    assert len(rows(book["Provinsi"])) == 4  # the province totals stay for comparison


def test_upload_times_are_wib_clock_times(book):
    """Stored in UTC; Excel has no time zones, so the sheet holds the WIB clock time and its
    header says so; the deck's text names the zone."""
    table = shared_deck().table("Pelaporan")
    column = table.headers.index("Diunggah (WIB)")
    stored = next(row for row in table.rows if row[column] is not None)
    code, dataset = stored[0], stored[2]
    cell = next(
        r["Diunggah (WIB)"]
        for r in rows(book["Pelaporan"])
        if r["Kode"].value == code and r["Dataset"].value == dataset
    )
    assert cell.value == stored[column] + dt.timedelta(hours=7)
    shown = table.display_rows()[table.rows.index(stored)][column]
    assert shown.endswith(" WIB") and f"{cell.value:%H.%M}" in shown


@pytest.mark.parametrize("text", ["baris satu\x0bbaris dua", "=baris\x0c", "judul\x00"])
def test_characters_a_workbook_cannot_hold_become_spaces(text):
    book = Workbook()
    write_text(book.active["A1"], text)
    out = io.BytesIO()
    book.save(out)
    cell = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active["A1"]
    assert cell.value == text.replace("\x0b", " ").replace("\x0c", " ").replace("\x00", " ")
    assert cell.quotePrefix == text.startswith("=")
