"""Read CSV or Excel bytes as regencies send them into a staging table of text columns."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from analytics.messages import msg
from analytics.schema import DATASETS, Dataset, header_lookup, is_personal_data_header

DELIMITERS = (";", ",", "\t", "|")
HEADER_SEARCH_LINES = 30
OVERFLOW_COLUMNS = 3  # spare columns that catch values written beyond the header
XLSX_MAX_UNCOMPRESSED = 300 * 1024 * 1024
XLSX_MAX_RATIO = 200
LINE = "_line"
OVERFLOW = "_overflow"


class FileRefused(Exception):
    """The whole file is refused; ``str(exc)`` is a one-line Indonesian explanation."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


@dataclass
class ReadResult:
    """What the reader found and where it put it."""

    table: str
    file_format: str  # csv | xlsx
    encoding: str | None
    delimiter: str | None
    header_line: int  # 1-based spreadsheet line of the header
    headers: dict[str, str]  # column name -> header as written in the file
    unknown_columns: list[str] = field(default_factory=list)
    row_count: int = 0


def read_table(
    data: bytes, dataset: Dataset, con: duckdb.DuckDBPyConnection, table: str = "staging_raw"
) -> ReadResult:
    """Parse ``data`` into ``table`` (``_line`` plus one VARCHAR column per known column)."""
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise FileRefused(msg("file_empty"), "file_empty")
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, dataset, con, table)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileRefused(msg("file_xls_old"), "file_xls_old")
    text, encoding = decode_text(data)
    return _read_csv_text(text, encoding, dataset, con, table)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode CSV bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = data.decode("utf-16", errors="replace"), "utf-16"
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("cp1252"), "windows-1252"
            except UnicodeDecodeError:
                text, encoding = data.decode("latin-1"), "latin-1"
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    if "\x00" in sample or controls > max(2, len(sample) // 100):
        raise FileRefused(msg("file_not_table"), "file_not_table")
    return text, encoding


def _split_line(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return line.split(delimiter)


def _all_lookups() -> dict[str, dict[str, str]]:
    return {name: header_lookup(ds) for name, ds in DATASETS.items()}


def _score(cells: list[str]) -> int:
    """How many cells name a column of any dataset."""
    lookups = _all_lookups()
    known = set().union(*(set(lk) for lk in lookups.values()))
    from analytics.schema import normalize_header

    return sum(1 for c in cells if normalize_header(c) in known)


def _find_header_csv(lines: list[str]) -> tuple[int, str, list[str]]:
    """(index, delimiter, cells) of the line most like a header."""
    best = (-1, 0, 0, ",", [])  # score, -index, cells, delim, cells list
    for index, line in enumerate(lines[:HEADER_SEARCH_LINES]):
        if not line.strip():
            continue
        for delim in DELIMITERS:
            if delim not in line and len(line.strip()) and delim != ",":
                continue
            cells = _split_line(line, delim)
            score = _score(cells)
            candidate = (score, -index, len(cells), delim, cells)
            if candidate[:3] > best[:3]:
                best = candidate
    score, neg_index, _, delim, cells = best
    if score <= 0:
        first = next((i for i, line in enumerate(lines) if line.strip()), 0)
        line = lines[first] if lines else ""
        delim = max(DELIMITERS, key=line.count) if line else ","
        return first, delim, _split_line(line, delim)
    return -neg_index, delim, cells


def _find_header_rows(rows: list[list[str]]) -> int:
    best, best_index = 0, 0
    for index, cells in enumerate(rows[:HEADER_SEARCH_LINES]):
        score = _score(cells)
        if score > best:
            best, best_index = score, index
    if best == 0:
        return next((i for i, r in enumerate(rows) if any(c.strip() for c in r)), 0)
    return best_index


def map_headers(dataset: Dataset, cells: list[str]) -> tuple[dict[int, str], list[str]]:
    """Positions of known columns -> column name, plus headers that are not known.

    Refuses personal-data columns, duplicated columns, another dataset's file and
    missing required columns.
    """
    from analytics.schema import normalize_header

    lookup = header_lookup(dataset)
    mapping: dict[int, str] = {}
    seen: dict[str, list[int]] = {}
    unknown: list[str] = []
    for pos, cell in enumerate(cells):
        norm = normalize_header(cell)
        if not norm:
            continue
        if norm in lookup:
            name = lookup[norm]
            seen.setdefault(name, []).append(pos)
            mapping[pos] = name
        elif is_personal_data_header(cell):
            raise FileRefused(msg("personal_column", column=cell.strip()), "personal_data")
        else:
            unknown.append(cell.strip())
    for name, positions in seen.items():
        if len(positions) > 1:
            letters = ", ".join(_column_letter(p) for p in positions)
            raise FileRefused(
                msg("duplicate_column", column=name, positions=letters), "duplicate_column"
            )
    missing = [c for c in dataset.required_columns if c not in seen]
    if missing:
        other = _better_dataset(dataset, cells)
        if other:
            raise FileRefused(
                msg("wrong_dataset", other=other, dataset=dataset.name), "wrong_dataset"
            )
        if not seen:
            raise FileRefused(
                msg(
                    "no_header",
                    dataset=dataset.name,
                    columns=", ".join(dataset.required_columns),
                ),
                "no_header",
            )
        raise FileRefused(
            msg("missing_columns", columns=", ".join(missing), dataset=dataset.name),
            "missing_columns",
        )
    return mapping, unknown


def _better_dataset(dataset: Dataset, cells: list[str]) -> str | None:
    from analytics.schema import normalize_header

    norms = {normalize_header(c) for c in cells}
    for name, other in DATASETS.items():
        if name == dataset.name:
            continue
        lookup = header_lookup(other)
        found = {lookup[n] for n in norms if n in lookup}
        if all(c in found for c in other.required_columns):
            return name
    return None


def _column_letter(pos: int) -> str:
    letters = ""
    pos += 1
    while pos:
        pos, rem = divmod(pos - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _read_csv_text(
    text: str, encoding: str, dataset: Dataset, con: duckdb.DuckDBPyConnection, table: str
) -> ReadResult:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    head = text[:200_000].split("\n", HEADER_SEARCH_LINES + 1)[:HEADER_SEARCH_LINES]
    header_index, delim, cells = _find_header_csv(head)
    mapping, unknown = map_headers(dataset, cells)
    # Body: everything after the header line.
    offset = 0
    for _ in range(header_index + 1):
        nxt = text.find("\n", offset)
        offset = len(text) if nxt < 0 else nxt + 1
    body = text[offset:].rstrip("\n \t")
    first_line = header_index + 2  # 1-based spreadsheet line of the first data record
    width = len(cells) + OVERFLOW_COLUMNS
    names = [f"c{i}" for i in range(width)]
    if _is_irregular(body):
        frame = _python_records(body, delim, width, first_line)
        con.register("_staging_frame", frame)
        source = "_staging_frame"
        line_expr = LINE
    else:
        tmp = tempfile.NamedTemporaryFile(
            "w", suffix=".csv", delete=False, encoding="utf-8", newline=""
        )
        try:
            with tmp:
                tmp.write(body + "\n" if body else "")
            columns = "{" + ", ".join(f"'{n}': 'VARCHAR'" for n in names) + "}"
            quoted_delim = delim.replace("'", "''")
            source = (
                f"(SELECT row_number() OVER () + {first_line - 1} AS {LINE}, * FROM read_csv("
                f"'{_sql_path(tmp.name)}', delim='{quoted_delim}', quote='\"', escape='\"', "
                f"header=false, auto_detect=false, new_line='\\n', columns={columns}, "
                "null_padding=true, strict_mode=false))"
            )
            line_expr = LINE
            return _materialise(
                con,
                table,
                source,
                line_expr,
                mapping,
                unknown,
                width,
                len(cells),
                ReadResult(table, "csv", encoding, delim, header_index + 1, {}),
            )
        finally:
            os.unlink(tmp.name)
    try:
        return _materialise(
            con,
            table,
            source,
            line_expr,
            mapping,
            unknown,
            width,
            len(cells),
            ReadResult(table, "csv", encoding, delim, header_index + 1, {}),
        )
    finally:
        con.unregister("_staging_frame")


def _sql_path(path: str) -> str:
    return path.replace("'", "''")


def _is_irregular(body: str) -> bool:
    """Blank lines inside the data or quoted fields spanning lines need the exact reader."""
    if re.search(r"\n[ \t]*\n", body):
        return True
    if '"' in body:
        return any(line.count('"') % 2 for line in body.split("\n"))
    return False


def _python_records(body: str, delim: str, width: int, first_line: int) -> pd.DataFrame:
    reader = csv.reader(io.StringIO(body), delimiter=delim, quotechar='"', doublequote=True)
    lines: list[int] = []
    rows: list[list[str | None]] = []
    start = first_line
    for record in reader:
        if record and any(cell.strip() for cell in record):
            padded = [c if c != "" else None for c in record[:width]]
            padded += [None] * (width - len(padded))
            rows.append(padded)
            lines.append(start)
        start = first_line + reader.line_num
    frame = pd.DataFrame(rows, columns=[f"c{i}" for i in range(width)], dtype=object)
    frame.insert(0, LINE, pd.Series(lines, dtype="int64"))
    return frame


def _materialise(
    con: duckdb.DuckDBPyConnection,
    table: str,
    source: str,
    line_expr: str,
    mapping: dict[int, str],
    unknown: list[str],
    width: int,
    header_width: int,
    result: ReadResult,
) -> ReadResult:
    select = [f"{line_expr} AS {LINE}"]
    for pos, name in mapping.items():
        select.append(f"nullif(trim(c{pos}), '') AS \"{name}\"")
    overflow = [f"nullif(trim(c{i}), '')" for i in range(header_width, width)]
    select.append(f"coalesce({', '.join(overflow)}) AS {OVERFLOW}" if overflow else "NULL")
    con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT {', '.join(select)} FROM {source}")
    result.headers = {}
    result.unknown_columns = unknown
    result.row_count = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
    return result


# ---------------------------------------------------------------- Excel


def _check_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise FileRefused(msg("file_xlsx_broken", detail="zip rusak"), "file_xlsx_broken") from exc
    names = archive.namelist()
    if "mimetype" in names and b"opendocument" in archive.read("mimetype"):
        raise FileRefused(msg("file_ods"), "file_ods")
    if "xl/workbook.xml" not in names:
        raise FileRefused(msg("file_not_table"), "file_not_table")
    total = sum(info.file_size for info in archive.infolist())
    compressed = sum(info.compress_size for info in archive.infolist()) or 1
    if total > XLSX_MAX_UNCOMPRESSED or (
        total > 20 * 1024 * 1024 and total / compressed > XLSX_MAX_RATIO
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
    return text if text.strip() else None


def _read_xlsx(
    data: bytes, dataset: Dataset, con: duckdb.DuckDBPyConnection, table: str
) -> ReadResult:
    import openpyxl  # defusedxml, when installed, guards openpyxl against XML bombs

    _check_zip(data)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for broken files
        detail = type(exc).__name__
        raise FileRefused(msg("file_xlsx_broken", detail=detail), "file_xlsx_broken") from exc
    try:
        sheet = workbook.worksheets[0]
        rows: list[list[str | None]] = []
        lines: list[int] = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([excel_cell_text(v) for v in row])
        # Line numbers are Excel row numbers, counted from the sheet's first row.
        min_row = getattr(sheet, "min_row", 1) or 1
        lines = list(range(min_row, min_row + len(rows)))
    except Exception as exc:
        raise FileRefused(
            msg("file_xlsx_broken", detail=type(exc).__name__), "file_xlsx_broken"
        ) from exc
    finally:
        workbook.close()
    text_rows = [[c or "" for c in r] for r in rows]
    header_index = _find_header_rows(text_rows)
    cells = text_rows[header_index] if text_rows else []
    mapping, unknown = map_headers(dataset, cells)
    width = max([len(r) for r in rows[header_index + 1 :]] + [len(cells)]) + OVERFLOW_COLUMNS
    body_rows, body_lines = [], []
    for line, row in zip(lines[header_index + 1 :], rows[header_index + 1 :], strict=True):
        if any(c is not None and c.strip() for c in row):
            body_rows.append(row + [None] * (width - len(row)))
            body_lines.append(line)
    frame = pd.DataFrame(body_rows, columns=[f"c{i}" for i in range(width)], dtype=object)
    frame.insert(0, LINE, pd.Series(body_lines, dtype="int64"))
    con.register("_staging_frame", frame)
    try:
        return _materialise(
            con,
            table,
            "_staging_frame",
            LINE,
            mapping,
            unknown,
            width,
            len(cells),
            ReadResult(table, "xlsx", None, None, lines[header_index] if lines else 1, {}),
        )
    finally:
        con.unregister("_staging_frame")
