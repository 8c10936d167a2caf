"""Python's exact CSV reader: every record with the line it starts on, across blank lines and quoted line breaks."""

from __future__ import annotations

import csv
import io

import pandas as pd

from analytics.errors import FileRefused
from analytics.messages import msg
from analytics.upload.staging import LINE

FIELD_SIZE_LIMIT = 1 << 30  # characters in one CSV cell (an upload is at most 50 MB)


def python_records(body: str, delim: str, width: int, first_line: int) -> pd.DataFrame:
    """Records with the spreadsheet line each starts on (exact across blank lines and
    quoted fields that span lines).

    Refuses a body that ends inside a quoted field: the file was cut off (a lenient read
    would silently lose the rest of the last cell and every record after it).
    """
    try:
        # Strict reading gives the same records as lenient reading, or an error.
        return _csv_records(body, delim, width, first_line, strict=True)
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise FileRefused(msg("file_truncated"), "file_truncated") from exc
    # Text right after a closing quote ("a"b): read leniently, as written.
    return _csv_records(body, delim, width, first_line, strict=False)


def _csv_records(body: str, delim: str, width: int, first_line: int, strict: bool) -> pd.DataFrame:
    # A cell longer than the csv module's default limit (131,072 characters) is read, and
    # then refused by its column's length rule with its line, not by a csv.Error.
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_SIZE_LIMIT))
    reader = csv.reader(
        io.StringIO(body), delimiter=delim, quotechar='"', doublequote=True, strict=strict
    )
    lines: list[int] = []
    rows: list[list[str | None]] = []
    start = first_line
    for record in reader:
        if record and any(cell.strip() for cell in record):
            rows.append([c if c != "" else None for c in record])
            lines.append(start)
        start = first_line + reader.line_num
    # At least ``width`` columns, and every value of a record wider than that.
    width = max([width, *map(len, rows)])
    for row in rows:
        row += [None] * (width - len(row))
    frame = pd.DataFrame(rows, columns=[f"c{i}" for i in range(width)], dtype=object)
    frame.insert(0, LINE, pd.Series(lines, dtype="int64"))
    return frame
