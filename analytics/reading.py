"""Read CSV or Excel bytes as regencies send them into a staging table of text columns."""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import functools
import io
import json
import os
import posixpath
import re
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from analytics import reference
from analytics.errors import FileRefused
from analytics.messages import msg
from analytics.schema import (
    DATASETS,
    INT,
    PERSONAL_DATA_COLUMNS,
    ROW_NUMBER_HEADERS,
    URL,
    Dataset,
    header_lookup,
    header_rank,
    is_personal_data_header,
    normalize_header,
)

DELIMITERS = (";", ",", "\t", "|")
HEADER_SEARCH_LINES = 30
HEADER_MAX_SPAN = 4  # physical lines one header record may span (cells with line breaks)
OVERFLOW_COLUMNS = 3  # spare columns that catch values written beyond the header
XLSX_MAX_UNCOMPRESSED = 300 * 1024 * 1024
XLSX_MAX_RATIO = 200
XLSX_RATIO_FLOOR = 20 * 1024 * 1024  # the ratio is only judged above this size
XLSX_MAX_SHEETS = 50
LINE = "_line"
OVERFLOW = "_overflow"  # first value written under no header, if any
OVERFLOW_COLUMN = "_overflow_column"  # its spreadsheet column letter
EMPTY = "_empty"  # the record holds no value
LABEL = "_label"  # text of the row-number column ("No"), where JUMLAH is often written

# Signatures of files people upload by mistake; none of them is a table we can read.
_NOT_TABLE_SIGNATURES = (
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"Rar!",
    b"7z\xbc\xaf",
    b"\x1f\x8b",  # gzip
    b"{\\rtf",
)
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
# No-break spaces (Excel and LibreOffice put them between words and digit groups): spaces.
_NO_BREAK_SPACES = {0xA0: " ", 0x202F: " "}
_CELL_TEXT = {**_ZERO_WIDTH, **_NO_BREAK_SPACES}
# A NIK: 16 digits standing alone, or as Excel prints a 16-digit number (3,37101E+15).
_NIK_PATTERN = re.compile(r"(?<!\d)(?:\d{16}|\d[.,]\d+[eE]\+15)(?!\d)")
_DIGITS_TO_ZERO = bytes.maketrans(b"123456789", b"000000000")
_CHUNK = 1 << 18  # bytes per step of the numpy scans (fits in cache)
_BLANK_START = re.compile(rb"[ \t\r\n\x00\xef\xbb\xbf]*")
_BLANK_LINE = re.compile(rb"\n[ \t]*\n")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters but tab and line ends
# What str.strip() removes from ASCII text.
_ASCII_SPACE = re.compile(rb"[ \t\n\r\x0b\x0c\x1c-\x1f]*")


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
    row_count: int | None = None  # data rows; None until typed (CSV read in one pass)
    # Headers that also name a column already taken by a better-matching header:
    # (header as written, column name, header used instead).
    ignored_columns: list[tuple[str, str, str]] = field(default_factory=list)
    # True when no staged cell holds a tab, line break or two spaces in a row (text
    # needs no whitespace normalisation); False when not known.
    single_spaces: bool = field(default=False, compare=False, repr=False)
    # Set when records are one per line: record n (from 0) is on line first_line + n and
    # ``table`` has no ``_line`` column.
    first_line: int | None = field(default=None, compare=False, repr=False)
    # The staged copy of a CSV body that ``table`` reads; see ``release``.
    temp_path: str | None = field(default=None, compare=False, repr=False)
    # When ``table`` reads the staged copy in one pass: re-stages it through the exact
    # reader (for a record wider than the header and its spare columns).
    read_exactly: Callable[[], None] | None = field(default=None, compare=False, repr=False)


@dataclass
class HeaderMap:
    """How the cells of a header row map onto a dataset's columns."""

    mapping: dict[int, str]  # position -> column name
    headers: dict[str, str]  # column name -> header as written
    unknown: list[str]  # headers not known (warned, values ignored)
    ignored: list[tuple[str, str, str]]  # see ReadResult.ignored_columns
    unnamed: list[int]  # positions with an empty header (values there are an error)
    label: int | None = None  # position of the row-number column (No), if any


def read_table(
    data: bytes, dataset: Dataset, con: duckdb.DuckDBPyConnection, table: str = "staging_raw"
) -> ReadResult:
    """Parse ``data`` into ``table``: ``_line``, one VARCHAR column per column found, overflow.

    Raises FileRefused for whole-file problems (empty, not a table, personal data, the
    header of another dataset or without required columns).
    """
    if _BLANK_START.match(data).end() == len(data):
        raise FileRefused(msg("file_empty"), "file_empty")
    if data.startswith(_OLE_SIGNATURE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise FileRefused(msg("file_xlsx_encrypted"), "file_xlsx_encrypted")
        raise FileRefused(msg("file_xls_old"), "file_xls_old")
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, dataset, con, table)
    if data.startswith(_NOT_TABLE_SIGNATURES):
        raise FileRefused(msg("file_not_table"), "file_not_table")
    if data.isascii():
        # Most files: plain ASCII, decoded only where text is needed (C-speed checks).
        _refuse_binary(data[:65536].decode("ascii"))
        leading = _ASCII_SPACE.match(data).end()
        if leading == len(data):
            raise FileRefused(msg("file_empty"), "file_empty")
        _refuse_markup(data[leading : leading + 2048].decode("ascii"))
        _refuse_json(data, leading)
        return _read_csv_text(None, "utf-8", dataset, con, table, data)
    text, encoding = decode_text(data)
    if not text.strip():
        raise FileRefused(msg("file_empty"), "file_empty")
    _refuse_markup(text.lstrip()[:2048])
    _refuse_json(text, len(text) - len(text.lstrip()))
    raw = None if encoding.startswith("utf-16") else data
    return _read_csv_text(text, encoding, dataset, con, table, raw)


def _refuse_markup(start: str) -> None:
    """Refuse an HTML or XML file saved with a .csv or .xls name."""
    start = start.lower()
    if start.startswith("<") and any(
        tag in start for tag in ("<html", "<table", "<?xml", "<!doctype", "<workbook")
    ):
        raise FileRefused(msg("file_markup"), "file_markup")


def _refuse_json(content: str | bytes, start: int) -> None:
    """Refuse a JSON document (an array or object, or JSON Lines) saved as a .csv; its
    content starts at ``start``."""
    if content[start : start + 1] not in ("[", "{", b"[", b"{"):
        return
    try:
        json.loads(content[start:])
    except (ValueError, RecursionError):
        newline = "\n" if isinstance(content, str) else b"\n"
        try:  # JSON Lines: one object per line
            if not isinstance(json.loads(content[start:].split(newline, 1)[0]), dict):
                return
        except (ValueError, RecursionError):
            return
    raise FileRefused(msg("file_not_table"), "file_not_table")


def _refuse_binary(sample: str) -> None:
    """Refuse text that is no table: NUL bytes or many control characters."""
    controls = len(_CONTROL.findall(sample))
    if "\x00" in sample or controls > max(2, len(sample) // 100):
        raise FileRefused(msg("file_not_table"), "file_not_table")


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode CSV bytes: UTF-8 (with or without BOM), UTF-16, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = data.decode("utf-16", errors="replace"), "utf-16"
    elif _looks_utf16(data):
        le = data[1:400:2].count(0) > data[0:400:2].count(0)
        codec = "utf-16-le" if le else "utf-16-be"
        text, encoding = data.decode(codec, errors="replace"), codec
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            if _UTF8_SEQUENCE.search(data):
                # UTF-8 with a few Windows-1252 bytes (a cell pasted from an older file):
                # only those bytes are read as Windows-1252, the rest stays UTF-8.
                text, encoding = data.decode("utf-8", errors=_CP1252_FALLBACK), "utf-8"
            else:
                try:
                    text, encoding = data.decode("cp1252"), "windows-1252"
                except UnicodeDecodeError:
                    text, encoding = data.decode("latin-1"), "latin-1"
    _refuse_binary(text[:65536])
    return text, encoding


# A multi-byte UTF-8 character; a Windows-1252 text practically never holds one.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_CP1252_FALLBACK = "siaga-cp1252"


def _cp1252_bytes(error: UnicodeError) -> tuple[str, int]:
    """Decoding error handler: the bytes that are not UTF-8, read as Windows-1252 (the
    five bytes it leaves undefined as Latin-1)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    text = "".join(
        chr(byte) if byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else bytes((byte,)).decode("cp1252")
        for byte in bad
    )
    return text, error.end


codecs.register_error(_CP1252_FALLBACK, _cp1252_bytes)


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: every other byte of a mostly-ASCII text is zero."""
    head = data[:400]
    if len(head) < 8 or len(head) % 2:
        return False
    zeros_even, zeros_odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    return max(zeros_even, zeros_odd) > 0.8 * half and min(zeros_even, zeros_odd) == 0


# ---------------------------------------------------------------- headers


class _Spellings(dict):
    """Normalised header spelling -> column name; ``counts`` holds the spellings that name
    a count (INT) column, also found after a leading jml/jumlah (``Jml. Terisi``)."""

    counts: frozenset[str] = frozenset()


def _spellings(dataset: Dataset) -> _Spellings:
    lookup = _Spellings(header_lookup(dataset))
    lookup.counts = frozenset(k for k, name in lookup.items() if dataset.column(name).kind == INT)
    return lookup


@functools.cache
def _lookups() -> dict[str, _Spellings]:
    """Normalised header spelling -> column name, per dataset (computed once)."""
    return {name: _spellings(ds) for name, ds in DATASETS.items()}


def _lookup_for(dataset: Dataset) -> _Spellings:
    """The cached header lookup of a contract dataset (computed for any other)."""
    cached = _lookups().get(dataset.name)
    return (
        cached if cached is not None and DATASETS[dataset.name] is dataset else _spellings(dataset)
    )


@functools.cache
def _known_headers() -> _Spellings:
    """Every normalised spelling that names a column of any dataset."""
    known = _Spellings()
    for lookup in _lookups().values():
        for key, name in lookup.items():
            known.setdefault(key, name)
    known.counts = frozenset(k for lookup in _lookups().values() for k in lookup.counts)
    return known


# A percent sign that is not a number's own (``% Terisi``, ``Terisi (%)``; not ``min. 30%``).
_PERCENT_HEADER = re.compile(r"(?<!\d)(?<!\d )%")
_COUNT_WORDS = ("jumlah", "jmlh", "jml")  # (Jml. Hadir is jml + hadir, not jmlh + adir)


def header_keys(cell: str) -> list[str]:
    """Normalised spellings to try for one header cell, best first.

    ``Kebutuhan (orang)`` is tried as written and without the part in brackets. A cell
    with a percent sign (``% Terisi``) names no column: a share is not the count it sits
    beside.
    """
    if "%" in cell and _PERCENT_HEADER.search(cell):
        return []
    keys = [normalize_header(cell)]
    bare = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", cell)
    if bare != cell:
        keys.append(normalize_header(bare))
    return keys


def _header_match(cell: str, lookup: _Spellings) -> str | None:
    """The first normalised spelling of ``cell`` found in ``lookup``, if any; as a last
    resort the spelling without a leading jml/jumlah, when it names a count column
    (``Jml. Terisi`` is terisi; ``Jumlah TPS`` is not tps)."""
    keys = header_keys(cell)
    for key in keys:
        if key and key in lookup:
            return key
    for key in keys:
        for word in _COUNT_WORDS:
            if key.startswith(word) and key[len(word) :] in lookup.counts:
                return key[len(word) :]
    return None


def _score(cells: list[str]) -> int:
    """How many cells name a column of any dataset."""
    known = _known_headers()
    return sum(1 for c in cells if c and _header_match(c, known))


def _split_record(record: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([record], delimiter=delimiter), [])
    except csv.Error:
        return record.split(delimiter)


@dataclass
class _CsvHeader:
    first: int  # 0-based index of the first physical line of the header record
    last: int  # 0-based index of its last physical line
    delimiter: str
    cells: list[str]


def _find_header_csv(lines: list[str]) -> _CsvHeader:
    """The record most like a header among the first lines (it may span lines)."""
    best: tuple | None = None
    for index, line in enumerate(lines[:HEADER_SEARCH_LINES]):
        if not line.strip():
            continue
        record, last = line, index
        while record.count('"') % 2 and last + 1 < min(len(lines), index + HEADER_MAX_SPAN):
            last += 1
            record += "\n" + lines[last]
        for delim in DELIMITERS:
            if delim not in record and delim != ",":
                continue
            cells = _split_record(record, delim)
            candidate = (_score(cells), -index, len(cells), delim, cells, last)
            if best is None or candidate[:3] > best[:3]:
                best = candidate
    if best is None or best[0] <= 0:
        first = next((i for i, line in enumerate(lines) if line.strip()), 0)
        line = lines[first] if lines else ""
        delim = max(DELIMITERS, key=line.count) if line else ","
        return _CsvHeader(first, first, delim, _split_record(line, delim))
    score, neg_index, _, delim, cells, last = best
    return _CsvHeader(-neg_index, last, delim, cells)


def _find_header_rows(rows: list[list[str]]) -> int:
    best, best_index = 0, 0
    for index, cells in enumerate(rows[:HEADER_SEARCH_LINES]):
        score = _score(cells)
        if score > best:
            best, best_index = score, index
    if best == 0:
        return next((i for i, r in enumerate(rows) if any(c.strip() for c in r)), 0)
    return best_index


_COLUMN_NUMBER = re.compile(r"\(?(\d{1,3})\)?\.?")
_NUMERIC = re.compile(r"[\d.,\s-]+")


def _is_column_numbers(cells: list[str]) -> bool:
    """A row numbering the columns under a header: 1 2 3 ... or (1) (2) (3) ..."""
    numbers = []
    for cell in cells:
        if not cell.strip():
            continue
        match = _COLUMN_NUMBER.fullmatch(cell.strip())
        if not match:
            return False
        numbers.append(int(match.group(1)))
    return len(numbers) >= 3 and all(a < b for a, b in zip(numbers, numbers[1:], strict=False))


@functools.cache
def _known_values() -> frozenset[str]:
    """Spellings (lower case) of the codes and names data rows carry: regencies, bodies,
    bimtek modules, checklist items. A header cell is never one of them."""
    regions = reference.regions()
    spellings = reference.region_spellings(list(regions["kode_wilayah"]), list(regions["nama"]))
    return frozenset(
        [*spellings, *reference.body_spellings(), *reference.module_spellings(),
         *reference.item_spellings()]
    )  # fmt: skip


def _is_header_part(cells: list[str], lookup: _Spellings) -> bool:
    """A row that could be the other half of a two-row header: at least two cells name a
    column of the dataset, no cell looks like a number (data rows always have some) and no
    cell is a known code or name (a first data row of words, e.g. a checklist item whose
    status "Progres" and partner "Instansi terkait" read like headers)."""
    named = sum(1 for c in cells if c.strip() and _header_match(c, lookup))
    if named < 2 or any(_NUMERIC.fullmatch(c) for c in cells if c.strip()):
        return False
    known = _known_values()
    return not any(" ".join(c.lower().split()) in known for c in cells if c.strip())


def _merge_header_rows(upper: list[str], lower: list[str], lookup: _Spellings) -> list[str]:
    """One header from two rows (a group label merged above its sub-columns): per position
    the cell that names a column wins, the lower one when both do."""
    merged = []
    for pos in range(max(len(upper), len(lower))):
        top = upper[pos] if pos < len(upper) else ""
        low = lower[pos] if pos < len(lower) else ""
        if low.strip() and (_header_match(low, lookup) or not _header_match(top, lookup)):
            merged.append(low)
        else:
            merged.append(top if top.strip() else low)
    return merged


def extend_header(
    rows: list[list[str]], first: int, last: int, cells: list[str], dataset: Dataset
) -> tuple[int, int, list[str]]:
    """Widen the header found at rows ``first..last``: merge a two-row header (group labels
    above sub-columns) and swallow a row of column numbers below it.

    Returns the new (first, last, cells).
    """
    lookup = _lookup_for(dataset)
    if first > 0 and _is_header_part(rows[first - 1], lookup):
        first, cells = first - 1, _merge_header_rows(rows[first - 1], cells, lookup)
    elif last + 1 < len(rows) and _is_header_part(rows[last + 1], lookup):
        last, cells = last + 1, _merge_header_rows(cells, rows[last + 1], lookup)
    if last + 1 < len(rows) and _is_column_numbers(rows[last + 1]):
        last += 1
    return first, last, cells


def refuse_personal_headers(cells: list[str]) -> None:
    """Refuse a header row that names personal data (NIK, KTP, name, phone, e-mail...)."""
    known = _known_headers()
    for cell in cells:
        if cell.strip() and not _header_match(cell, known) and is_personal_data_header(cell):
            raise FileRefused(msg("personal_column", column=cell.strip()), "personal_data")


def map_headers(dataset: Dataset, cells: list[str]) -> HeaderMap:
    """Positions of known columns -> column name, plus the headers that are not known.

    Refuses personal-data columns, columns given twice with the same spelling, another
    dataset's file and missing required columns. When two headers name the same column
    with different spellings (``Kode Materi`` and ``Nama Materi``), the column's own name
    wins, then the alias listed first, then a spelling found without its jml/jumlah; the
    other is ignored with a warning. The first row-number column (``No``) is remembered as
    ``label``: the JUMLAH of a total row is often written there.
    """
    refuse_personal_headers(cells)
    lookup = _lookup_for(dataset)
    candidates: dict[str, list[tuple[int, int]]] = {}  # name -> [(rank, position)]
    unknown: list[str] = []
    unnamed: list[int] = []
    label: int | None = None
    for pos, cell in enumerate(cells):
        key = _header_match(cell, lookup)
        if key is None:
            norm = normalize_header(cell)
            if not norm and "%" not in cell:
                unnamed.append(pos)
            elif norm not in ROW_NUMBER_HEADERS:
                unknown.append(cell.strip())
            elif label is None:
                label = pos
            continue
        name = lookup[key]
        column = dataset.column(name)
        rank = header_rank(column, key)
        if key not in header_keys(cell):  # found without its jml/jumlah: after the aliases
            rank += 1 + len(column.aliases)
        candidates.setdefault(name, []).append((rank, pos))
    mapping: dict[int, str] = {}
    headers: dict[str, str] = {}
    ignored: list[tuple[str, str, str]] = []
    for name, found in candidates.items():
        best_rank = min(rank for rank, _ in found)
        best = [pos for rank, pos in found if rank == best_rank]
        if len(best) > 1:
            letters = ", ".join(column_letter(p) for p in best)
            raise FileRefused(
                msg("duplicate_column", column=name, positions=letters), "duplicate_column"
            )
        mapping[best[0]] = name
        headers[name] = cells[best[0]].strip()
        for rank, pos in found:
            if rank != best_rank:
                ignored.append((cells[pos].strip(), name, headers[name]))
    mapping = dict(sorted(mapping.items()))
    missing = [c for c in dataset.required_columns if c not in headers]
    if missing:
        other = _better_dataset(dataset, cells)
        if other:
            raise FileRefused(
                msg("wrong_dataset", other=other, dataset=dataset.name), "wrong_dataset"
            )
        if not headers:
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
    return HeaderMap(mapping, headers, unknown, ignored, unnamed, label)


def _better_dataset(dataset: Dataset, cells: list[str]) -> str | None:
    """Another dataset whose required columns are all in ``cells``."""
    for name, other in DATASETS.items():
        if name == dataset.name:
            continue
        lookup = _lookups()[name]
        found = {lookup[key] for c in cells if (key := _header_match(c, lookup))}
        if all(c in found for c in other.required_columns):
            return name
    return None


def column_letter(pos: int) -> str:
    """Spreadsheet column letter of a 0-based position: 0 -> A, 26 -> AA."""
    letters = ""
    pos += 1
    while pos:
        pos, rem = divmod(pos - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# ---------------------------------------------------------------- personal data in cells


def _may_hold_nik(raw: bytes) -> bool:
    """Fast pre-check (C-speed byte scans) before the exact, slower regular expression.

    ``raw`` is the text in any ASCII-compatible encoding.
    """
    if b"+" in raw and (b"E+15" in raw or b"e+15" in raw):
        return True
    return _has_digit_word(raw) and b"0" * 16 in raw.translate(_DIGITS_TO_ZERO)


def _has_digit_word(raw: bytes) -> bool:
    """Whether some 8-byte aligned word of ``raw`` is all ASCII digits.

    Any run of 16 digits holds such a word, so without one there is no NIK. Tested on
    64-bit words at once: byte x (after ^0x30) is a digit iff x < 10, that is iff neither
    x nor x + 0x76 has its high bit set (a carry only leaves a byte that already failed).
    Done in cache-sized chunks, in place: no temporary copies of the file.
    """
    words = np.frombuffer(raw, dtype=np.uint64, count=len(raw) // 8)
    if not len(words):
        return False
    x = np.empty(min(max(_CHUNK // 8, 1), len(words)), dtype=np.uint64)
    y = np.empty_like(x)
    for i in range(0, len(words), len(x)):
        w = words[i : i + len(x)]
        a, b = x[: len(w)], y[: len(w)]
        np.bitwise_xor(w, np.uint64(0x3030303030303030), out=a)
        np.add(a, np.uint64(0x7676767676767676), out=b)
        np.bitwise_or(a, b, out=a)
        np.bitwise_and(a, np.uint64(0x8080808080808080), out=a)
        if not a.all():
            return True
    return False


def find_nik(text: str) -> re.Match | None:
    """The first NIK-like number in ``text`` that is not part of a link (a 16-digit post
    number in a Facebook URL is no NIK)."""
    for found in _NIK_PATTERN.finditer(text):
        token_start = max(text.rfind(ch, 0, found.start()) for ch in " \t\n;,|\"'") + 1
        if "://" not in text[token_start : found.start()]:
            return found
    return None


def _refuse_nik_text(text: str | None, header: _CsvHeader, raw: bytes | None) -> None:
    """Refuse a CSV holding a NIK-like 16-digit number anywhere, naming line and column.

    ``raw`` is the file's bytes when its encoding is ASCII-compatible (saves a copy);
    ``text`` may be None when ``raw`` is ASCII.
    """
    if not _may_hold_nik(raw if raw is not None else text.encode("utf-8", errors="replace")):
        return
    if text is None:
        text = raw.decode("ascii")
    found = find_nik(text)
    if not found:
        return
    line_index = text.count("\n", 0, found.start())
    line_text = text.split("\n", line_index + 1)[line_index]
    column = "?"
    for pos, cell in enumerate(_split_record(line_text, header.delimiter)):
        if find_nik(cell):
            named = header.cells[pos].strip() if pos < len(header.cells) else ""
            column = named or column_letter(pos)
            break
    raise FileRefused(msg("personal_nik", column=column, line=line_index + 1), "personal_data")


def _refuse_nik_rows(rows: list[list[str | None]], lines: list[int], header: list[str]) -> None:
    joined = "\n".join("\t".join(c or "" for c in row) for row in rows)
    if not _may_hold_nik(joined.encode("utf-8", errors="replace")):
        return
    for line, row in zip(lines, rows, strict=True):
        for pos, cell in enumerate(row):
            if cell and find_nik(cell):
                named = header[pos].strip() if pos < len(header) else ""
                column = named or column_letter(pos)
                raise FileRefused(msg("personal_nik", column=column, line=line), "personal_data")


# ---------------------------------------------------------------- CSV


def _tidy_text(text: str, delimiter: str) -> str:
    """Drop zero-width characters, turn no-break spaces and stray tabs into spaces, unwrap
    ``="001"`` cells."""
    if not text.isascii():  # (a flag of the string: free for ASCII text)
        if any(ch in text for ch in "\u200b\u200c\u200d\u2060\ufeff\u00ad\u00a0\u202f"):
            text = text.translate(_CELL_TEXT)
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


def _read_csv_text(
    text: str | None,
    encoding: str,
    dataset: Dataset,
    con: duckdb.DuckDBPyConnection,
    table: str,
    raw: bytes | None = None,
) -> ReadResult:
    """``text`` is the decoded file, or None when ``raw`` is ASCII: then the bytes are used
    as they are wherever no tidying is needed (no copy of the whole file as text)."""
    if text is None and b"\r" in raw:
        text = raw.decode("ascii")
    if text is not None and "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    head = text[:200_000] if text is not None else raw[:200_000].decode("ascii")
    head_lines = head.split("\n", HEADER_SEARCH_LINES + HEADER_MAX_SPAN)
    head_lines = head_lines[: HEADER_SEARCH_LINES + HEADER_MAX_SPAN]
    header = _find_header_csv(head_lines)
    split = [_split_record(line, header.delimiter) for line in head_lines]
    first, last, cells = extend_header(split, header.first, header.last, header.cells, dataset)
    header = _CsvHeader(first, last, header.delimiter, cells)
    refuse_personal_headers(header.cells)
    _refuse_nik_text(text, header, raw)
    found = map_headers(dataset, header.cells)
    delim = header.delimiter
    if text is None and ((delim != "\t" and b"\t" in raw) or (b"=" in raw and b'="' in raw)):
        text = raw.decode("ascii")  # needs _tidy_text
    if text is None:
        # Body: everything after the header record, trailing blanks left out.
        offset = 0
        for _ in range(header.last + 1):
            nxt = raw.find(b"\n", offset)
            offset = len(raw) if nxt < 0 else nxt + 1
        end = len(raw)
        while end > offset and raw[end - 1] in b"\n \t":
            end -= 1
        body, start = raw, offset
        ascii_body = True
    else:
        text = _tidy_text(text, delim)
        offset = 0
        for _ in range(header.last + 1):
            nxt = text.find("\n", offset)
            offset = len(text) if nxt < 0 else nxt + 1
        body_text = text[offset:].rstrip("\n \t")
        del text
        ascii_body = body_text.isascii()
        body, start = body_text.encode("utf-8"), 0
        end = len(body)
        del body_text
    first_line = header.last + 2  # 1-based spreadsheet line of the first data record
    width = len(header.cells) + OVERFLOW_COLUMNS
    result = ReadResult(table, "csv", encoding, delim, header.first + 1, {})
    if ascii_body:
        irregular, trim, result.single_spaces = _scan_body(body, start, end, delim)
    else:
        irregular, trim = _is_irregular(body, start, end, delim), True
    if irregular or end <= start:  # the exact reader (also for a header and nothing under it)
        frame = _python_records(body[start:end].decode("utf-8"), delim, width, first_line)
        return _materialise(con, frame, found, frame.shape[1] - 1, len(header.cells), result)
    fd, tmp_name = tempfile.mkstemp(suffix=".csv", prefix="siaga-staging-")
    result.temp_path = tmp_name
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(memoryview(body)[start:end])
            tmp.write(b"\n")
        del body
        columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width)) + "}"
        quoted_delim = delim.replace("'", "''")
        source = (
            f"read_csv('{_sql_path(tmp_name)}', delim='{quoted_delim}', quote='\"', "
            f"escape='\"', header=false, auto_detect=false, new_line='\\n', "
            f"columns={columns}, null_padding=true, strict_mode=true)"
        )
        # Not materialised: the typed table is built straight from the file (one pass);
        # each record is one line, so a record's line follows from its position. A record
        # wider than ``width`` fails that pass (strict mode): the body is then read again
        # by the exact reader, with every column (see ``read_exactly``).
        result.first_line = first_line

        def exactly() -> None:
            text = Path(tmp_name).read_bytes().decode("utf-8")
            frame = _python_records(text, delim, width, first_line)
            result.first_line = None
            _materialise(con, frame, found, frame.shape[1] - 1, len(header.cells), result)

        result.read_exactly = exactly
        _stage_view(con, source, found, width, len(header.cells), result, trim)
        return result
    except BaseException:
        release(result)
        raise


def _scan_body(buf: bytes, start: int, end: int, delim: str) -> tuple[bool, bool, bool]:
    """(irregular, padded, single_spaces) of the ASCII body ``buf[start:end]``, scanned
    in cache-sized chunks (C speed, no copies of the file).

    irregular: see ``_is_irregular``. padded: some cell may start or end with a space, be
    only spaces or be quoted; without any, cells need no trimming. single_spaces: no cell
    holds a tab, a form feed, a line break or two spaces in a row (see ReadResult).
    """
    if buf.find(b'"', start, end) >= 0:
        return _is_irregular(buf, start, end, delim), True, False
    data = np.frombuffer(buf, dtype=np.uint8, count=end - start, offset=start)
    if not len(data):
        return False, False, True
    # An empty line: DuckDB would skip it and shift the lines after it. (A line of
    # spaces is a row there; it is trimmed to nothing and dropped like any empty row.)
    if data[0] == 10:
        return True, True, False
    newline = np.empty(min(_CHUNK + 1, len(data)), dtype=bool)
    space, separator, pair = np.empty_like(newline), np.empty_like(newline), np.empty_like(newline)
    padded, double = bool(data[0] == 32 or data[-1] == 32), False
    for i in range(0, len(data), _CHUNK):
        chunk = data[i : i + _CHUNK + 1]  # one byte of overlap: pairs across chunks
        n = len(chunk)
        nl, sp, sep, both = newline[:n], space[:n], separator[:n], pair[: n - 1]
        np.equal(chunk, 10, out=nl)
        np.logical_and(nl[1:], nl[:-1], out=both)
        if both.any():
            return True, True, False
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
    return False, padded, single


def _sql_path(path: str) -> str:
    return path.replace("'", "''")


def _is_irregular(buf: bytes, start: int, end: int, delim: str) -> bool:
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


def _python_records(body: str, delim: str, width: int, first_line: int) -> pd.DataFrame:
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


def _materialise(
    con: duckdb.DuckDBPyConnection,
    frame: pd.DataFrame,
    found: HeaderMap,
    width: int,
    header_width: int,
    result: ReadResult,
) -> ReadResult:
    """Stage records read in Python (``frame``: ``_line`` and ``c0``..): they are stored in
    ``<table>_file`` (trimmed, '' as NULL), with ``result.table`` a view over it."""
    used = [*found.mapping, *found.unnamed, *range(header_width, width)]
    if found.label is not None:
        used.append(found.label)
    cells = [LINE, *(f"nullif(trim(c{p}), '') AS c{p}" for p in used)]
    stored = f"{result.table}_file"
    con.register("_staging_frame", frame)
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {stored} AS SELECT {', '.join(cells)} "
            "FROM _staging_frame"
        )
    finally:
        con.unregister("_staging_frame")
    _stage_view(con, stored, found, width, header_width, result, trim=False)
    result.row_count = con.execute(
        f"SELECT count(*) FROM {result.table} WHERE NOT {EMPTY}"
    ).fetchall()[0][0]
    return result


def _stage_view(
    con: duckdb.DuckDBPyConnection,
    source: str,
    found: HeaderMap,
    width: int,
    header_width: int,
    result: ReadResult,
    trim: bool = True,
) -> None:
    """Create the view ``result.table`` over ``source`` (columns ``c0``.., and ``_line``
    unless ``result.first_line`` is set): ``_line``, text per mapped column (trimmed, ''
    as NULL, unless ``trim`` is False because no cell needs it), the overflow, ``_label``
    (the row-number column, NULL without one) and ``_empty``.

    A row is empty when every mapped column and every cell without a header is empty and
    the row-number column holds no text (a number alone does not make a row; JUMLAH or a
    note written there does).
    """
    spare = [*found.unnamed, *range(header_width, width)]
    used = [*found.mapping, *spare]

    def cell(p: int) -> str:
        return f"nullif(trim(c{p}), '')" if trim else f"c{p}"

    select = [] if result.first_line is not None else [LINE]
    select += [f'{cell(p)} AS "{name}"' for p, name in found.mapping.items()]
    if spare:
        select.append(f"coalesce({', '.join(cell(p) for p in spare)}) AS {OVERFLOW}")
        letters = " ".join(f"WHEN {cell(p)} IS NOT NULL THEN '{column_letter(p)}'" for p in spare)
        select.append(f"CASE {letters} END AS {OVERFLOW_COLUMN}")
    else:
        select += [f"NULL::VARCHAR AS {OVERFLOW}", f"NULL::VARCHAR AS {OVERFLOW_COLUMN}"]
    empty = [f"{cell(p)} IS NULL" for p in used]
    if found.label is None:
        select.append(f"NULL::VARCHAR AS {LABEL}")
    else:
        label = cell(found.label)
        select.append(f"{label} AS {LABEL}")
        empty.append(f"NOT coalesce(regexp_matches({label}, '\\pL'), false)")
    select.append(f"({' AND '.join(empty)}) AS {EMPTY}")
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {result.table} AS SELECT {', '.join(select)} FROM {source}"
    )
    result.headers = dict(found.headers)
    result.unknown_columns = list(found.unknown)
    result.ignored_columns = list(found.ignored)


def release(result: ReadResult) -> None:
    """Remove the staged copy of the file once the rows have been typed (idempotent)."""
    if result.temp_path:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(result.temp_path)
        result.temp_path = None


# ---------------------------------------------------------------- Excel


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
        text = text.translate(_CELL_TEXT)
    return text if text.strip() else None


def _read_xlsx(
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
    lookup = _lookup_for(dataset)
    headers = []  # per sheet: (first, last, cells, complete)
    for sheet in sheets:
        # The header is among the first rows (or is the first row with a value): only
        # those are needed as text.
        start = next((i for i, r in enumerate(sheet.rows) if _has_values([r])), 0)
        depth = max(start, HEADER_SEARCH_LINES) + HEADER_MAX_SPAN
        text_rows = [[c or "" for c in r] for r in sheet.rows[:depth]]
        header_index = _find_header_rows(text_rows)
        first, last, cells = extend_header(
            text_rows, header_index, header_index, text_rows[header_index], dataset
        )
        named = {lookup[key] for c in cells if (key := _header_match(c, lookup))}
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
    _refuse_nik_rows(rows, lines, cells)
    for other, other_sheet in enumerate(sheets):
        if other != index:
            _refuse_personal_sheet(other_sheet.title, other_sheet.rows)
    if len(with_rows) > 1:
        titles = ", ".join(sheets[i].title for i in with_rows)
        raise FileRefused(msg("file_many_sheets", sheets=titles), "file_many_sheets")
    found = map_headers(dataset, cells)
    _apply_sheet_parts(data, sheet, dataset, found, last)
    width = max([len(r) for r in rows[last + 1 :]] + [len(cells)]) + OVERFLOW_COLUMNS
    body_rows, body_lines = [], []
    for line, row in zip(lines[last + 1 :], rows[last + 1 :], strict=True):
        if any(c is not None and c.strip() for c in row):
            body_rows.append(row + [None] * (width - len(row)))
            body_lines.append(line)
    frame = pd.DataFrame(body_rows, columns=[f"c{i}" for i in range(width)], dtype=object)
    frame.insert(0, LINE, pd.Series(body_lines, dtype="int64"))
    result = ReadResult(table, "xlsx", None, None, lines[first], {})
    return _materialise(con, frame, found, width, len(cells), result)


def _has_values(rows: list[list[str | None]]) -> bool:
    return any(c is not None and c.strip() for row in rows for c in row)


@dataclass
class _Sheet:
    title: str
    rows: list[list[str | None]]  # cells as text, rows counted from A1
    path: str | None  # the worksheet's part in the archive
    visible: bool = True


def _workbook_rows(data: bytes) -> list[_Sheet]:
    """Every worksheet (title, rows as text from A1, part name)."""
    import openpyxl  # defusedxml, when installed, guards openpyxl against XML bombs

    _check_zip(data)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for broken files
        raise FileRefused(
            msg("file_xlsx_broken", detail="struktur buku kerja rusak"), "file_xlsx_broken"
        ) from exc
    sheets = []
    try:
        for sheet in workbook.worksheets[:XLSX_MAX_SHEETS]:
            # Some writers store a wrong <dimension>; read what is really there.
            if hasattr(sheet, "reset_dimensions"):
                sheet.reset_dimensions()
            rows = [[excel_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            path = getattr(sheet, "_worksheet_path", None)
            visible = getattr(sheet, "sheet_state", "visible") == "visible"
            sheets.append(_Sheet(sheet.title, rows, path, visible))
    except Exception as exc:
        raise FileRefused(
            msg("file_xlsx_broken", detail="isi lembar kerja rusak"), "file_xlsx_broken"
        ) from exc
    finally:
        workbook.close()
    return sheets


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
    parts = _sheet_parts(data, sheet.path)
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


def _sheet_parts(data: bytes, path: str | None) -> _SheetParts:
    """Merged ranges, hyperlink targets and uncalculated formulas of one worksheet, read
    from its XML with defusedxml. Byte searches first: a sheet without any pays nothing
    but the search, and the cell rows are parsed only when a formula may lack its value."""
    parts = _SheetParts()
    if not path:
        return parts
    from defusedxml import ElementTree
    from openpyxl.utils.cell import range_boundaries

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read(path)
            folder, name = posixpath.split(path)
            rels_path = posixpath.join(folder, "_rels", name + ".rels")
            rels = archive.read(rels_path) if rels_path in archive.namelist() else None
    except (KeyError, zipfile.BadZipFile, OSError):
        return parts
    if b"mergeCell" in xml or b"hyperlink" in xml:
        found = _SHEET_DATA.search(xml)
        tail = xml
        if found and not found.group(2):  # parse without the rows: they come before
            close = xml.rfind(b"</" + found.group(1) + b"sheetData>")
            if close > found.end():
                tail = xml[: found.end()] + xml[close:]
        try:
            root = ElementTree.fromstring(tail)
        except Exception:  # noqa: BLE001 - openpyxl read the sheet; these extras are optional
            root = None
        links: list[tuple[int, int, int, int, str]] = []  # with the relationship id
        for element in root.iter() if root is not None else ():
            name = _local(element.tag)
            if name not in ("mergeCell", "hyperlink"):
                continue
            try:
                c1, r1, c2, r2 = range_boundaries(element.get("ref", ""))
            except (TypeError, ValueError):
                continue
            if None in (c1, r1, c2, r2):  # a whole row or column
                continue
            if name == "mergeCell":
                parts.merges.append((r1, c1, r2, c2))
            elif rel := next((v for k, v in element.attrib.items() if k.endswith("}id")), ""):
                links.append((r1, c1, r2, c2, rel))  # (a link inside the book has none)
        if links and rels:
            targets = _relationship_targets(rels)
            parts.links = [(*cells, targets[rel]) for *cells, rel in links if rel in targets]
    if _may_lack_values(xml):
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


def _refuse_personal_sheet(title: str, rows: list[list[str | None]]) -> None:
    """Personal data on a sheet other than the data sheet: a cell that is exactly a personal
    header (NIK, No HP, Nama Anggota...) near the top, or a NIK-like number anywhere."""
    for row in rows[:HEADER_SEARCH_LINES]:
        for cell in row:
            if cell and normalize_header(cell) in PERSONAL_DATA_COLUMNS:
                column = f"{cell.strip()}, lembar {title}"
                raise FileRefused(msg("personal_column", column=column), "personal_data")
    labels = [f"{column_letter(p)}, lembar {title}" for p in range(max(map(len, rows)))]
    _refuse_nik_rows(rows, list(range(1, len(rows) + 1)), labels)
