"""Excel workbooks: the zip guard, the data sheet found among the sheets, cells as the text a user typed."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from analytics.contract import INT, URL, Dataset
from analytics.errors import FileRefused
from analytics.messages import msg
from analytics.upload.headers import (
    HEADER_MAX_SPAN,
    HEADER_SEARCH_LINES,
    HeaderMap,
    extend_header,
    find_header_rows,
    header_match,
    lookup_for,
    map_headers,
)
from analytics.upload.privacy import refuse_nik_rows, refuse_personal_headers, refuse_personal_sheet
from analytics.upload.records import OVERFLOW_COLUMNS, ReadResult, materialise, read_result
from analytics.upload.staging import CELL_TEXT, CONTROL_CHARACTER, LINE

XLSX_MAX_UNCOMPRESSED = 300 * 1024 * 1024

XLSX_MAX_RATIO = 200

XLSX_RATIO_FLOOR = 20 * 1024 * 1024  # the ratio is only judged above this size

XLSX_MAX_SHEETS = 50
_CONTROL_TEXT = re.compile(CONTROL_CHARACTER.pattern.decode())
_BLOCK_ROWS = 50_000  # rows turned into text at a time (column by column)


def _check_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise FileRefused(
            msg("file_xlsx_broken", detail="arsip zip rusak"), "file_xlsx_broken"
        ) from exc
    names = archive.namelist()
    if "mimetype" in names and b"opendocument" in archive.read("mimetype"):
        raise FileRefused(msg("file_ods"), "file_ods")
    if "xl/workbook.xml" not in names:
        raise FileRefused(msg("file_not_table"), "file_not_table")
    total = sum(info.file_size for info in archive.infolist())
    compressed = sum(info.compress_size for info in archive.infolist()) or 1
    if total > XLSX_MAX_UNCOMPRESSED or (
        total > XLSX_RATIO_FLOOR and total / compressed > XLSX_MAX_RATIO
    ):
        raise FileRefused(
            msg(
                "file_xlsx_bomb",
                size=total // (1024 * 1024),
                limit=XLSX_MAX_UNCOMPRESSED // (1024 * 1024),
            ),
            "file_xlsx_bomb",
        )
    return archive


def excel_cell_text(value: object) -> str | None:
    """An Excel cell as the text a user would have typed (dates ISO, decimals with comma)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value).replace(".", ",")
    text = str(value)
    if not text.isascii():
        text = text.translate(CELL_TEXT)
    return text if text.strip() else None


def read_xlsx(
    data: bytes, dataset: Dataset, con: duckdb.DuckDBPyConnection, table: str
) -> ReadResult:
    """The data sheet of a workbook: the sheet whose header has the dataset's required
    columns (a "Petunjuk" sheet before the data is common), else the first sheet.

    Every sheet is checked for personal data: the whole file would be archived. Refused
    when several visible sheets hold rows under a complete header (one sheet per body, or
    a copy of the data): issues name a line, not a sheet, and which copy counts is not
    ours to guess (a hidden sheet yields to the visible one). Cells merged down the rows
    take the value of their top cell; a link column takes the targets of its hyperlinks;
    formulas never calculated refuse the file.
    """
    sheets = [sheet for sheet in _workbook_rows(data) if _has_values(sheet.rows)]
    if not sheets:
        raise FileRefused(msg("file_empty"), "file_empty")
    lookup = lookup_for(dataset)
    headers = []  # per sheet: (first, last, cells, complete)
    for sheet in sheets:
        # The header is among the first rows (or is the first row with a value): only
        # those are needed as text.
        start = next((i for i, r in enumerate(sheet.rows) if _has_values([r])), 0)
        depth = max(start, HEADER_SEARCH_LINES) + HEADER_MAX_SPAN
        text_rows = [[c or "" for c in r] for r in sheet.rows[:depth]]
        header_index = find_header_rows(text_rows)
        first, last, cells = extend_header(
            text_rows, header_index, header_index, text_rows[header_index], dataset
        )
        named = {lookup[key] for c in cells if (key := header_match(c, lookup))}
        headers.append((first, last, cells, all(c in named for c in dataset.required_columns)))
    complete = [i for i, (*_, ok) in enumerate(headers) if ok]
    with_rows = [i for i in complete if _has_values(sheets[i].rows[headers[i][1] + 1 :])]
    with_rows = [i for i in with_rows if sheets[i].visible] or with_rows
    index = (with_rows or complete or [0])[0]
    sheet = sheets[index]
    first, last, cells, _ = headers[index]
    rows = sheet.rows
    lines = list(range(1, len(rows) + 1))  # iter_rows starts at A1: line = Excel row
    refuse_personal_headers(cells)
    refuse_nik_rows(rows, lines, cells)
    for other, other_sheet in enumerate(sheets):
        if other != index:
            refuse_personal_sheet(other_sheet.title, other_sheet.rows)
    if len(with_rows) > 1:
        titles = ", ".join(sheets[i].title for i in with_rows)
        raise FileRefused(msg("file_many_sheets", sheets=titles), "file_many_sheets")
    found = map_headers(dataset, cells)
    _apply_sheet_parts(data, sheet, dataset, found, last)
    width = max([len(r) for r in rows[last + 1 :]] + [len(cells)]) + OVERFLOW_COLUMNS
    kept = [i for i in range(last + 1, len(rows)) if any(rows[i])]  # (cells: None or text)
    # Column by column (transposed in C), padded with None up to ``width``.
    columns = list(itertools.zip_longest(*(rows[i] for i in kept))) if kept else []
    frame = pd.DataFrame(
        {f"c{i}": columns[i] if i < len(columns) else [None] * len(kept) for i in range(width)},
        dtype=object,
    )
    frame.insert(0, LINE, pd.Series([lines[i] for i in kept], dtype="int64"))
    rows = materialise(con, frame, found, width, len(cells), table)
    return read_result(
        table, "xlsx", found, encoding=None, delimiter=None, header_line=lines[first],
        row_count=rows, control_characters=sheet.control_characters,
    )  # fmt: skip


def _has_values(rows: list[list[str | None]]) -> bool:
    """Whether some cell holds a value (a cell is None or a text that is not blank)."""
    return any(any(row) for row in rows)


@dataclass
class _Sheet:
    title: str
    rows: list[list[str | None]]  # cells as text, rows counted from A1
    path: str | None  # the worksheet's part in the archive
    visible: bool = True
    # Column position -> last row (0-based, from A1) where that column holds no value.
    last_blank: dict[int, int] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    control_characters: bool = False  # some cell holds one (besides tab and line breaks)


def _workbook_rows(data: bytes) -> list[_Sheet]:
    """Every worksheet (title, rows as text from A1, part name, visibility).

    Read with calamine (Rust): cells become Python values once, row by row, and are
    turned into text at once (a 600,000-row sheet in seconds, not minutes).
    """
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    with _check_zip(data) as archive:
        parts = _worksheet_parts(archive)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises several kinds for broken files
        raise FileRefused(
            msg("file_xlsx_broken", detail="struktur buku kerja rusak"), "file_xlsx_broken"
        ) from exc
    sheets = []
    try:
        worksheets = [m for m in workbook.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
        for meta in worksheets[:XLSX_MAX_SHEETS]:
            sheet = workbook.get_sheet_by_name(meta.name)
            rows, last_blank, controls = _rows_from_a1(sheet)
            merges = [
                (r1 + 1, c1 + 1, r2 + 1, c2 + 1)
                for (r1, c1), (r2, c2) in sheet.merged_cell_ranges or []
            ]
            visible = meta.visible == SheetVisibleEnum.Visible
            path = parts.get(meta.name)
            sheets.append(_Sheet(meta.name, rows, path, visible, last_blank, merges, controls))
    except Exception as exc:
        raise FileRefused(
            msg("file_xlsx_broken", detail="isi lembar kerja rusak"), "file_xlsx_broken"
        ) from exc
    finally:
        workbook.close()
    return sheets


def _rows_from_a1(sheet) -> tuple[list[list[str | None]], dict[int, int], bool]:
    """The sheet's rows as text, counted from A1 (calamine leaves out the empty columns
    before the first cell with a value, and may leave out the empty rows above it), per
    column the last row where it holds no value, and whether a cell holds a control
    character.

    A cell is None or a text that is not blank. Rows are converted a block at a time,
    column by column: each distinct value of a column is turned into text once and the
    cells holding it share that string (counts and names repeat a lot).
    """
    rows: list[list[str | None]] = []
    last_blank: dict[int, int] = {}
    controls: set[str] = set()
    block: list[list] = []
    for row in sheet.iter_rows():
        block.append(row)
        if len(block) == _BLOCK_ROWS:
            rows += _block_text(block, len(rows), last_blank, controls)
            block = []
    rows += _block_text(block, len(rows), last_blank, controls)
    if sheet.start is None or not rows:
        return rows, last_blank, bool(controls)
    (first_row, first_col), (last_row, _) = sheet.start, sheet.end
    above = first_row if len(rows) == last_row - first_row + 1 else 0
    if first_col:
        rows = [[None] * first_col + row for row in rows]
    if above:
        rows[:0] = [[] for _ in range(above)]
    last_blank = {col + first_col: row + above for col, row in last_blank.items()}
    return rows, last_blank, bool(controls)


def _block_text(
    block: list[list], offset: int, last_blank: dict[int, int], controls: set[str]
) -> list[list[str | None]]:
    """Rows of calamine values (all of one width) as rows of text; ``last_blank`` learns,
    per column, the last row (``offset`` + index) without a value, and ``controls`` the
    texts holding a control character."""
    if not block:
        return []
    columns = []
    for position, column in enumerate(zip(*block, strict=True)):
        distinct = set(column)
        if any(value.__class__ is bool for value in distinct):  # True == 1 == 1.0 in a set
            texts = [excel_cell_text(value) for value in column]
        else:
            lookup = {value: excel_cell_text(value) for value in distinct}
            texts = list(map(lookup.__getitem__, column))
        controls.update(t for t in set(texts) if t and _CONTROL_TEXT.search(t))
        if None in texts:
            last_blank[position] = offset + len(texts) - 1 - texts[::-1].index(None)
        columns.append(texts)
    return list(map(list, zip(*columns, strict=True)))


def _worksheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its worksheet part in the archive (xl/worksheets/sheet1.xml)."""
    from defusedxml import ElementTree

    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except Exception:  # noqa: BLE001 - without them the extras (links, merges) are skipped
        return {}
    targets = {
        element.get("Id"): element.get("Target", "")
        for element in rels.iter()
        if _local(element.tag) == "Relationship"
    }
    parts = {}
    for element in book.iter():
        if _local(element.tag) != "sheet":
            continue
        rel = next((v for k, v in element.attrib.items() if k.endswith("}id")), None)
        target = targets.get(rel, "")
        if target:
            path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            parts[element.get("name", "")] = posixpath.normpath(path)
    return parts


@dataclass
class _SheetParts:
    """What the values of a read-only sheet leave out (cells 1-based: row, column)."""

    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    links: list[tuple[int, int, int, int, str]] = field(default_factory=list)  # + target
    uncached: list[tuple[int, int]] = field(default_factory=list)  # formulas without value


def _apply_sheet_parts(
    data: bytes, sheet: _Sheet, dataset: Dataset, found: HeaderMap, last: int
) -> None:
    """Complete the data rows (below header row ``last``, 0-based) of ``sheet`` in place:
    refuse formulas Excel never calculated in a mapped column, copy the top value of cells
    merged down the rows of a mapped column (header merges and merges across columns
    only are left alone), and put hyperlink targets in link (URL) columns."""
    # A formula Excel never calculated has no value: only a mapped column with an empty
    # cell under the header can hold one (or a column beyond the values read).
    width = max(map(len, sheet.rows), default=0)
    may_lack = any(p >= width or sheet.last_blank.get(p, -1) > last for p in found.mapping)
    parts = _sheet_parts(data, sheet, may_lack)
    rows = sheet.rows
    data_row = last + 2  # 1-based Excel row of the first data row
    for row, col in parts.uncached:
        if row >= data_row and col - 1 in found.mapping:
            raise FileRefused(msg("file_xlsx_formulas"), "file_xlsx_formulas")
    for r1, c1, r2, _ in parts.merges:
        if r2 <= r1 or r1 < data_row or c1 - 1 not in found.mapping or r1 > len(rows):
            continue
        top = rows[r1 - 1][c1 - 1] if c1 <= len(rows[r1 - 1]) else None
        if top is None:
            continue
        if dataset.column(found.mapping[c1 - 1]).kind == INT:
            # A count merged over several units belongs to none of them alone: copying it
            # would multiply it. The cells below say so, and fail as counts.
            top = f"(sel digabung dengan baris {r1})"
        for index in range(r1, min(r2, len(rows))):
            cells = rows[index]
            if len(cells) < c1:
                cells += [None] * (c1 - len(cells))
            if cells[c1 - 1] is None:
                cells[c1 - 1] = top
    links = [p for p, name in found.mapping.items() if dataset.column(name).kind == URL]
    for r1, c1, r2, c2, target in parts.links:
        for pos in (p for p in links if c1 <= p + 1 <= c2):
            for cells in rows[max(r1, data_row) - 1 : r2]:
                if pos < len(cells) and cells[pos] is not None:
                    cells[pos] = excel_cell_text(target)


_SHEET_DATA = re.compile(rb"<((?:[\w.-]+:)?)sheetData\b[^>]*?(/?)>")

# A formula with no saved value after it: a cell Excel may never have calculated. The
# usual unprefixed tags first, by patterns that start with a literal (found fast).
_NO_VALUE = rb"\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>"

_FORMULA_WITHOUT_VALUE = (re.compile(rb"</f>" + _NO_VALUE), re.compile(rb"<f [^>]*/>" + _NO_VALUE))

_PREFIXED_FORMULA_WITHOUT_VALUE = re.compile(
    rb"(?:</[\w.-]+:f>|<[\w.-]+:f\b[^>]*/>)\s*"
    rb"(?:<[\w.-]+:v\s*/>|<[\w.-]+:v>\s*</[\w.-]+:v>)?\s*</[\w.-]+:c>"
)


def _may_lack_values(xml: bytes) -> bool:
    """Whether some formula of the sheet XML may have no saved value (C-speed scans)."""
    if (b"</f>" in xml or b"<f " in xml) and any(p.search(xml) for p in _FORMULA_WITHOUT_VALUE):
        return True
    return (b":f>" in xml or b":f " in xml) and bool(_PREFIXED_FORMULA_WITHOUT_VALUE.search(xml))


def _local(tag: str) -> str:
    """An XML name without its namespace."""
    return tag.rpartition("}")[2]


def _sheet_parts(data: bytes, sheet: _Sheet, may_lack_values: bool) -> _SheetParts:
    """Merged ranges (from calamine), hyperlink targets and uncalculated formulas of one
    worksheet. Its XML (hundreds of MB for a large sheet) is read only when the sheet's
    relationships name a hyperlink or a formula may lack its value, and parsed with
    defusedxml only where byte searches find something."""
    parts = _SheetParts(merges=list(sheet.merges))
    if not sheet.path:
        return parts
    from defusedxml import ElementTree
    from openpyxl.utils.cell import range_boundaries

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            folder, name = posixpath.split(sheet.path)
            rels_path = posixpath.join(folder, "_rels", name + ".rels")
            rels = archive.read(rels_path) if rels_path in archive.namelist() else None
            linked = rels is not None and b"hyperlink" in rels
            if not (linked or may_lack_values):
                return parts
            xml = archive.read(sheet.path)
    except (KeyError, zipfile.BadZipFile, OSError):
        return parts
    if linked and b"hyperlink" in xml:
        found = _SHEET_DATA.search(xml)
        tail = xml
        if found and not found.group(2):  # parse without the rows: they come before
            close = xml.rfind(b"</" + found.group(1) + b"sheetData>")
            if close > found.end():
                tail = xml[: found.end()] + xml[close:]
        try:
            root = ElementTree.fromstring(tail)
        except Exception:  # noqa: BLE001 - calamine read the sheet; links are optional
            root = None
        links: list[tuple[int, int, int, int, str]] = []  # with the relationship id
        for element in root.iter() if root is not None else ():
            if _local(element.tag) != "hyperlink":
                continue
            try:
                c1, r1, c2, r2 = range_boundaries(element.get("ref", ""))
            except (TypeError, ValueError):
                continue
            if None in (c1, r1, c2, r2):  # a whole row or column
                continue
            if rel := next((v for k, v in element.attrib.items() if k.endswith("}id")), ""):
                links.append((r1, c1, r2, c2, rel))  # (a link inside the book has none)
        if links:
            targets = _relationship_targets(rels)
            parts.links = [(*cells, targets[rel]) for *cells, rel in links if rel in targets]
    if may_lack_values and _may_lack_values(xml):
        parts.uncached = _uncalculated_formulas(xml)
    return parts


def _relationship_targets(rels: bytes) -> dict[str, str]:
    """Id -> target of a worksheet's external relationships (its hyperlinks)."""
    from defusedxml import ElementTree

    try:
        root = ElementTree.fromstring(rels)
    except Exception:  # noqa: BLE001 - a broken relationships part: no targets
        return {}
    return {
        element.get("Id"): element.get("Target", "")
        for element in root.iter()
        if _local(element.tag) == "Relationship" and element.get("TargetMode") == "External"
    }


def _uncalculated_formulas(xml: bytes) -> list[tuple[int, int]]:
    """Cells (row, column) holding a formula without a saved result: written by a program
    and never calculated (a formula whose result is empty text is marked t="str")."""
    from defusedxml import ElementTree
    from openpyxl.utils.cell import coordinate_to_tuple

    found = []
    row, col = 0, 0  # cells and rows without a reference follow the previous one
    try:
        for event, element in ElementTree.iterparse(io.BytesIO(xml), events=("start", "end")):
            name = _local(element.tag)
            if event == "start":
                if name == "row":
                    ref = element.get("r")
                    row, col = (int(ref) if ref else row + 1), 0
                continue
            if name == "c":
                ref = element.get("r")
                row, col = coordinate_to_tuple(ref) if ref else (row, col + 1)
                children = {_local(child.tag): child for child in element}
                value = children.get("v")
                if (
                    "f" in children
                    and (value is None or not (value.text or "").strip())
                    and element.get("t") != "str"
                ):
                    found.append((row, col))
            elif name == "row":
                element.clear()
    except Exception:  # noqa: BLE001 - openpyxl read the sheet; this check is optional
        return found
    return found
