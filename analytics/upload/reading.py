"""Reading: an upload's bytes become staged text records under the dataset's column names.

CSV takes one of two readers: DuckDB's, one pass straight from a staged copy of the body
(most files), or Python's exact ``csv`` reader (blank lines, quoted line breaks, quotes
inside cells). Workbooks are read by ``xlsx``. The privacy guard runs before anything is
staged. When the one-pass reader meets a record wider than the header, ``typed_from``
reads the body again exactly: the retry stays here.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable

import duckdb

from analytics.contract import Dataset
from analytics.upload import csv_fast
from analytics.upload.csv_exact import python_records
from analytics.upload.headers import (
    HEADER_MAX_SPAN,
    HEADER_SEARCH_LINES,
    CsvHeader,
    extend_header,
    find_header_csv,
    map_headers,
    split_record,
)
from analytics.upload.privacy import refuse_nik_text, refuse_personal_headers
from analytics.upload.records import OVERFLOW_COLUMNS, ReadResult, materialise, read_result
from analytics.upload.sniffing import Sniffed, sniff
from analytics.upload.staging import CELL_TEXT, CONTROL_CHARACTER, RAW, Staging
from analytics.upload.xlsx import read_xlsx


def read_table(data: bytes, dataset: Dataset, staging: Staging) -> ReadResult:
    """Stage ``data`` as the view ``RAW``: ``_line``, one VARCHAR column per column found,
    the overflow, the row-number label and ``_empty``.

    Raises FileRefused for whole-file problems (empty, not a table, personal data, the
    header of another dataset or without required columns).
    """
    sniffed = sniff(data)
    if sniffed.file_format == "xlsx":
        return read_xlsx(data, dataset, staging.con, RAW)
    return _read_csv(sniffed, dataset, staging)


def typed_from(
    staging: Staging, read: ReadResult, create: Callable[[ReadResult], None]
) -> ReadResult:
    """Run ``create`` (which types the records of ``read.table``); when the one-pass reader
    meets a record wider than the header and its spare columns, stage the body again with
    the exact reader and run it once more. Returns the ReadResult the rows came from."""
    try:
        create(read)
        return read
    except duckdb.InvalidInputException:
        if read.reread is None:
            raise
    exact = read.reread()
    create(exact)
    return exact


def _tidy_text(text: str, delimiter: str) -> str:
    """Drop zero-width characters, turn no-break spaces and stray tabs into spaces, unwrap
    ``="001"`` cells."""
    if not text.isascii():  # (a flag of the string: free for ASCII text)
        if any(ch in text for ch in "\u200b\u200c\u200d\u2060\ufeff\u00ad\u00a0\u202f"):
            text = text.translate(CELL_TEXT)
    if delimiter != "\t" and "\t" in text:
        text = text.replace("\t", " ")
    if '="' in text:
        # ="001" (and its quoted form "=""001""") is an Excel trick to keep leading zeros.
        d = re.escape(delimiter)
        text = re.sub(
            rf'(^|{d})(?:="([^"\n]*)"|"=""([^"\n]*)""")(?={d}|$)',
            lambda m: f'{m.group(1)}"{m.group(2) if m.group(2) is not None else m.group(3)}"',
            text,
            flags=re.MULTILINE,
        )
    return text


def _header(text: str | None, raw: bytes | None, dataset: Dataset) -> CsvHeader:
    """The header record among the first lines, widened to a two-row header."""
    head = text[:200_000] if text is not None else raw[:200_000].decode("ascii")
    head_lines = head.split("\n", HEADER_SEARCH_LINES + HEADER_MAX_SPAN)
    head_lines = head_lines[: HEADER_SEARCH_LINES + HEADER_MAX_SPAN]
    header = find_header_csv(head_lines)
    split = [split_record(line, header.delimiter) for line in head_lines]
    first, last, cells = extend_header(split, header.first, header.last, header.cells, dataset)
    return CsvHeader(first, last, header.delimiter, cells)


def _body(text: str | None, raw: bytes | None, last: int) -> tuple[bytes, int, int, bool]:
    """The records after header line ``last`` as UTF-8 bytes ``buf[start:end]`` (trailing
    blanks left out), and whether they are ASCII. ``raw`` is used as it is when ``text``
    is None (no copy of the whole file)."""
    if text is None:
        offset = 0
        for _ in range(last + 1):
            nxt = raw.find(b"\n", offset)
            offset = len(raw) if nxt < 0 else nxt + 1
        end = len(raw)
        while end > offset and raw[end - 1] in b"\n \t":
            end -= 1
        return raw, offset, end, True
    offset = 0
    for _ in range(last + 1):
        nxt = text.find("\n", offset)
        offset = len(text) if nxt < 0 else nxt + 1
    body_text = text[offset:].rstrip("\n \t")
    ascii_body = body_text.isascii()
    body = body_text.encode("utf-8")
    return body, 0, len(body), ascii_body


def _read_csv(sniffed: Sniffed, dataset: Dataset, staging: Staging) -> ReadResult:
    """Stage a CSV file. ``sniffed.text`` is None when the file is ASCII: then its bytes
    are used as they are wherever no tidying is needed."""
    text, raw = sniffed.text, sniffed.raw
    if text is None and b"\r" in raw:
        text = raw.decode("ascii")
    if text is not None and "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    header = _header(text, raw, dataset)
    refuse_personal_headers(header.cells)
    refuse_nik_text(text, header, raw)
    found = map_headers(dataset, header.cells)
    delim = header.delimiter
    if text is None and ((delim != "\t" and b"\t" in raw) or (b"=" in raw and b'="' in raw)):
        text = raw.decode("ascii")  # needs _tidy_text
    if text is not None:
        text = _tidy_text(text, delim)
    body, start, end, ascii_body = _body(text, raw, header.last)
    del text
    first_line = header.last + 2  # 1-based spreadsheet line of the first data record
    width = len(header.cells) + OVERFLOW_COLUMNS
    fields = dict(encoding=sniffed.encoding, delimiter=delim, header_line=header.first + 1)
    single_spaces = False
    if ascii_body:
        irregular, trim, single_spaces, controls = csv_fast.scan_body(body, start, end, delim)
    else:
        irregular, trim = csv_fast.is_irregular(body, start, end, delim), True
        controls = CONTROL_CHARACTER.search(body, start, end) is not None
    fields["control_characters"] = controls

    def exactly(records: str) -> ReadResult:
        frame = python_records(records, delim, width, first_line)
        rows = materialise(staging.con, frame, found, frame.shape[1] - 1, len(header.cells), RAW)
        return read_result(RAW, "csv", found, row_count=rows, single_spaces=single_spaces, **fields)

    if irregular or end <= start:  # the exact reader (also for a header and nothing under it)
        return exactly(body[start:end].decode("utf-8"))
    fd, path = staging.temp_file(".csv")
    with os.fdopen(fd, "wb") as copy:
        copy.write(memoryview(body)[start:end])
        copy.write(b"\n")
    del body
    csv_fast.stage(staging.con, path, delim, found, width, len(header.cells), RAW, trim)

    def reread() -> ReadResult:
        with open(path, "rb") as copy:
            return exactly(copy.read().decode("utf-8"))

    return read_result(
        RAW, "csv", found, single_spaces=single_spaces, first_line=first_line, reread=reread,
        **fields,
    )  # fmt: skip
