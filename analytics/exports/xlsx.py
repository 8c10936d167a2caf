"""The deck's indicator tables as an Excel workbook: one sheet per table, Indonesian headers.

Numbers stay numbers with Excel formats (Excel shows them the Indonesian way on an
Indonesian system: ``87,5%``, ``1.234``), dates are dates. Text typed by a regency can
never run as a formula: any text starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is stored as a string with Excel's quote prefix. Control characters a
workbook cannot hold (a vertical tab from Word) become spaces.
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from analytics import formatting as fmt
from analytics.escaping import is_formula_like, workbook_text
from analytics.meeting import COUNT, DATE, DATETIME, INDEX, PERCENT, RATIO, Deck, Table

NUMBER_FORMAT = {
    COUNT: "#,##0",
    PERCENT: "0.0%",
    INDEX: "0.0",
    RATIO: "0.00",
    DATE: "DD/MM/YYYY",
    DATETIME: "DD/MM/YYYY HH:MM",
}
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
MAX_WIDTH = 60


def deck_xlsx(deck: Deck) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for table in deck.tables:
        _sheet(book, table)
    book.properties.title = workbook_text(deck.meeting_title)  # typed on Mode Rapat
    book.properties.creator = "SIAGA · KPU Provinsi Jawa Tengah"
    book.properties.subject = workbook_text(deck.footer)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_text(cell, text: str) -> None:
    """Store ``text`` as a plain string, without the characters a workbook cannot hold;
    formula-like text gets Excel's quote prefix. Every text cell SIAGA writes goes here."""
    text = workbook_text(text)
    cell.value = text
    cell.data_type = "s"  # openpyxl would otherwise store '=...' as a formula
    if is_formula_like(text):
        cell.quotePrefix = True


def _sheet(book: Workbook, table: Table) -> None:
    sheet = book.create_sheet(_sheet_title(table.name))
    widths = [len(c.header) for c in table.columns]
    for c, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=1, column=c)
        write_text(cell, column.header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(table.rows, start=2):
        for c, (value, column) in enumerate(zip(row, table.columns, strict=True), start=1):
            cell = sheet.cell(row=r, column=c)
            if value is None:
                continue  # an empty cell: not reported, never 0
            if isinstance(value, str):
                write_text(cell, value)
                widths[c - 1] = max(widths[c - 1], len(value))
                continue
            if column.kind == DATETIME:  # stored UTC; Excel has no zones: the WIB clock time
                value = fmt.to_wib(value).replace(tzinfo=None)
            cell.value = value
            if column.kind in NUMBER_FORMAT:
                cell.number_format = NUMBER_FORMAT[column.kind]
            widths[c - 1] = max(widths[c - 1], 16 if isinstance(value, dt.date) else 10)
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = min(MAX_WIDTH, width + 2)
    sheet.freeze_panes = "A2"
    if table.rows:
        sheet.auto_filter.ref = sheet.dimensions


def _sheet_title(name: str) -> str:
    """Excel's sheet-name rules: at most 31 characters, none of []:*?/\\."""
    for char in "[]:*?/\\":
        name = name.replace(char, "-")
    return name[:31]
