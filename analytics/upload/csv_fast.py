"""DuckDB's one-pass CSV reader: which bodies it reads exactly as written, and the staged view over it."""

from __future__ import annotations

import re

import duckdb
import numpy as np

from analytics.upload.headers import HeaderMap
from analytics.upload.records import stage_view
from analytics.upload.staging import SCAN_CHUNK, sql_path

_BLANK_LINE = re.compile(rb"\n[ \t]*\n")


def scan_body(buf: bytes, start: int, end: int, delim: str) -> tuple[bool, bool, bool, bool]:
    """(irregular, padded, single_spaces, control_characters) of the ASCII body
    ``buf[start:end]``, scanned in cache-sized chunks (C speed, no copies of the file).

    irregular: see ``is_irregular``. padded: some cell may start or end with a space, be
    only spaces or be quoted; without any, cells need no trimming. single_spaces: no cell
    holds a tab, a form feed, a line break or two spaces in a row (see ReadResult).
    control_characters: see ``has_control_characters``.
    """
    if buf.find(b'"', start, end) >= 0:
        irregular = is_irregular(buf, start, end, delim)
        return irregular, True, False, has_control_characters(buf, start, end)
    data = np.frombuffer(buf, dtype=np.uint8, count=end - start, offset=start)
    if not len(data):
        return False, False, True, False
    # An empty line: DuckDB would skip it and shift the lines after it. (A line of
    # spaces is a row there; it is trimmed to nothing and dropped like any empty row.)
    if data[0] == 10:
        return True, True, False, has_control_characters(buf, start, end)
    newline = np.empty(min(SCAN_CHUNK + 1, len(data)), dtype=bool)
    space, separator, pair = np.empty_like(newline), np.empty_like(newline), np.empty_like(newline)
    below = np.empty_like(newline)
    padded, double = bool(data[0] == 32 or data[-1] == 32), False
    # Bytes below 32 other than line feeds (and tabs, when they separate the cells).
    controls = buf.find(b"\x7f", start, end) >= 0
    for i in range(0, len(data), SCAN_CHUNK):
        chunk = data[i : i + SCAN_CHUNK + 1]  # one byte of overlap: pairs across chunks
        n = len(chunk)
        nl, sp, sep, both = newline[:n], space[:n], separator[:n], pair[: n - 1]
        np.equal(chunk, 10, out=nl)
        np.logical_and(nl[1:], nl[:-1], out=both)
        if both.any():
            return True, True, False, has_control_characters(buf, start, end)
        if not controls:
            np.less(chunk, 32, out=below[:n])
            allowed = np.count_nonzero(nl)
            if delim == "\t":
                allowed += np.count_nonzero(chunk == 9)
            controls = bool(np.count_nonzero(below[:n]) != allowed)
        np.equal(chunk, 32, out=sp)
        if not sp.any():
            continue
        if not double:
            np.logical_and(sp[1:], sp[:-1], out=both)
            double = bool(both.any())
        if not padded:
            np.equal(chunk, ord(delim), out=sep)
            np.logical_or(sep, nl, out=sep)
            np.logical_and(sp[1:], sep[:-1], out=both)
            padded = bool(both.any())
            if not padded:
                np.logical_and(sp[:-1], sep[1:], out=both)
                padded = bool(both.any())
    single = (
        not double
        and buf.find(b"\x0c", start, end) < 0
        and (delim == "\t" or buf.find(b"\t", start, end) < 0)
    )
    return False, padded, single, controls


def is_irregular(buf: bytes, start: int, end: int, delim: str) -> bool:
    """Blank lines inside the data ``buf[start:end]``, quoted fields spanning lines, or a
    quote inside a cell's text (``"Sesi 1" selesai``, which DuckDB's reader would cut)
    need the exact reader."""
    if buf.startswith(b"\n", start) or buf.find(b"\n\n", start, end) >= 0:
        return True
    if (buf.find(b"\n ", start, end) >= 0 or buf.find(b"\n\t", start, end) >= 0) and (
        _BLANK_LINE.search(buf, start, end)
    ):
        return True
    if buf.find(b'"', start, end) >= 0:
        lines = buf[start:end].split(b"\n")
        if any(line.count(b'"') % 2 for line in lines if b'"' in line):
            return True
        edge = re.escape(delim.encode()) + rb'\n"'
        return re.search(rb"[^" + edge + rb']"[^' + edge + rb"]", buf[start:end]) is not None
    return False


def stage(
    con: duckdb.DuckDBPyConnection,
    path: str,
    delim: str,
    found: HeaderMap,
    width: int,
    header_width: int,
    table: str,
    trim: bool,
) -> None:
    """Stage the body copied to ``path`` as the view ``table`` over DuckDB's reader.

    Not materialised: the typed table is built straight from the file (one pass); each
    record is one line, so a record's line follows from its position. A record wider
    than ``width`` fails that pass (strict mode); see ``reading.typed_from``.
    """
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width)) + "}"
    quoted_delim = delim.replace("'", "''")
    source = (
        f"read_csv('{sql_path(path)}', delim='{quoted_delim}', quote='\"', "
        f"escape='\"', header=false, auto_detect=false, new_line='\\n', "
        f"columns={columns}, null_padding=true, strict_mode=true)"
    )
    stage_view(con, source, found, width, header_width, table, has_line=False, trim=trim)


def has_control_characters(buf: bytes, start: int, end: int) -> bool:
    """Whether the ASCII body ``buf[start:end]`` holds a control character other than tab,
    line feed and carriage return (bytes below 32 counted in cache-sized chunks, C speed,
    against the count of those three)."""
    data = np.frombuffer(buf, dtype=np.uint8, count=end - start, offset=start)
    below = np.empty(min(SCAN_CHUNK, len(data)), dtype=bool)
    count = 0
    for i in range(0, len(data), SCAN_CHUNK):
        chunk = data[i : i + SCAN_CHUNK]
        np.less(chunk, 32, out=below[: len(chunk)])
        count += int(np.count_nonzero(below[: len(chunk)]))
    allowed = sum(buf.count(byte, start, end) for byte in (b"\n", b"\t", b"\r"))
    return count != allowed or buf.find(b"\x7f", start, end) >= 0
