"""The privacy guard: no personal data (NIK, names, phone numbers...) is ever staged or archived."""

from __future__ import annotations

import re

import numpy as np

from analytics.contract import normalize_header
from analytics.errors import FileRefused
from analytics.messages import msg
from analytics.upload.headers import (
    HEADER_SEARCH_LINES,
    CsvHeader,
    column_letter,
    header_match,
    known_headers,
    split_record,
)
from analytics.upload.staging import SCAN_CHUNK

# A NIK: 16 digits standing alone, or as Excel prints a 16-digit number (3,37101E+15).
_NIK_PATTERN = re.compile(r"(?<!\d)(?:\d{16}|\d[.,]\d+[eE]\+15)(?!\d)")

_DIGITS_TO_ZERO = bytes.maketrans(b"123456789", b"000000000")


# Privacy guard: column names that signal personal data (UU 27/2022); matched after
# header normalisation, as whole names or as a word of the name.
PERSONAL_DATA_COLUMNS: tuple[str, ...] = (
    "nik",
    "nomorindukkependudukan",
    "nokk",
    "nomorkk",
    "noktp",
    "nomorktp",
    "ktp",
    "namaanggota",
    "nama",
    "namalengkap",
    "namaketua",
    "namapetugas",
    "namapeserta",
    "namapendaftar",
    "telepon",
    "telp",
    "notelp",
    "nohp",
    "hp",
    "nomorhp",
    "email",
    "surel",
    "alamat",
    "tanggallahir",
    "tgllahir",
    "ttl",
    "tempattanggallahir",
    "tempattgllahir",
    "npwp",
    "norekening",
    "nomorrekening",
    "whatsapp",
    "nowa",
    "nomorwa",
)
PERSONAL_DATA_WORDS: tuple[str, ...] = (
    "nik",
    "ktp",
    "email",
    "e-mail",
    "hp",
    "telepon",
    "telp",
    "wa",
    "whatsapp",
    "npwp",
)


def is_personal_data_header(text: object) -> bool:
    """True when a header names personal data (NIK, KTP, name of a member, phone, e-mail)."""
    norm = normalize_header(text)
    if norm in PERSONAL_DATA_COLUMNS:
        return True
    words = re.split(r"[^0-9a-z-]+", str(text or "").lower())
    return any(w in PERSONAL_DATA_WORDS for w in words)


def refuse_personal_headers(cells: list[str]) -> None:
    """Refuse a header row that names personal data (NIK, KTP, name, phone, e-mail...)."""
    known = known_headers()
    for cell in cells:
        if cell.strip() and not header_match(cell, known) and is_personal_data_header(cell):
            raise FileRefused(msg("personal_column", column=cell.strip()), "personal_data")


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
    x = np.empty(min(max(SCAN_CHUNK // 8, 1), len(words)), dtype=np.uint64)
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


def refuse_nik_text(text: str | None, header: CsvHeader, raw: bytes | None) -> None:
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
    for pos, cell in enumerate(split_record(line_text, header.delimiter)):
        if find_nik(cell):
            named = header.cells[pos].strip() if pos < len(header.cells) else ""
            column = named or column_letter(pos)
            break
    raise FileRefused(msg("personal_nik", column=column, line=line_index + 1), "personal_data")


def refuse_nik_rows(rows: list[list[str | None]], lines: list[int], header: list[str]) -> None:
    joined = "\n".join("\t".join(c or "" for c in row) for row in rows)
    if not _may_hold_nik(joined.encode("utf-8", errors="replace")):
        return
    for line, row in zip(lines, rows, strict=True):
        for pos, cell in enumerate(row):
            if cell and find_nik(cell):
                named = header[pos].strip() if pos < len(header) else ""
                column = named or column_letter(pos)
                raise FileRefused(msg("personal_nik", column=column, line=line), "personal_data")


def refuse_personal_sheet(title: str, rows: list[list[str | None]]) -> None:
    """Personal data on a sheet other than the data sheet: a cell that is exactly a personal
    header (NIK, No HP, Nama Anggota...) near the top, or a NIK-like number anywhere."""
    for row in rows[:HEADER_SEARCH_LINES]:
        for cell in row:
            if cell and normalize_header(cell) in PERSONAL_DATA_COLUMNS:
                column = f"{cell.strip()}, lembar {title}"
                raise FileRefused(msg("personal_column", column=column), "personal_data")
    labels = [f"{column_letter(p)}, lembar {title}" for p in range(max(map(len, rows)))]
    refuse_nik_rows(rows, list(range(1, len(rows) + 1)), labels)
