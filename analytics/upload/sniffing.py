"""What kind of file an upload is: an Excel workbook or CSV text (and its encoding); refuses the rest."""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass

from analytics.errors import FileRefused
from analytics.messages import msg

# Signatures of files people upload by mistake; none of them is a table we can read.
NOT_TABLE_SIGNATURES = (
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"Rar!",
    b"7z\xbc\xaf",
    b"\x1f\x8b",  # gzip
    b"{\\rtf",
)

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

BLANK_START = re.compile(rb"[ \t\r\n\x00\xef\xbb\xbf]*")

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters but tab and line ends

# What str.strip() removes from ASCII text.
ASCII_SPACE = re.compile(rb"[ \t\n\r\x0b\x0c\x1c-\x1f]*")


def refuse_markup(start: str) -> None:
    """Refuse an HTML or XML file saved with a .csv or .xls name."""
    start = start.lower()
    if start.startswith("<") and any(
        tag in start for tag in ("<html", "<table", "<?xml", "<!doctype", "<workbook")
    ):
        raise FileRefused(msg("file_markup"), "file_markup")


def refuse_json(content: str | bytes, start: int) -> None:
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


def refuse_binary(sample: str) -> None:
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
    refuse_binary(text[:65536])
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


@dataclass(frozen=True)
class Sniffed:
    """What a file is: an Excel workbook, or CSV text with its encoding."""

    file_format: str  # csv | xlsx
    encoding: str | None
    text: str | None  # the decoded CSV, or None when ``raw`` is plain ASCII (used as is)
    raw: bytes | None  # the bytes when their encoding is ASCII-compatible (saves a copy)


def sniff(data: bytes) -> Sniffed:
    """Tell an Excel workbook from CSV text and decode the text.

    Refuses (FileRefused) an empty file, an old or encrypted Excel file, HTML or XML, JSON
    and binary data.
    """
    if BLANK_START.match(data).end() == len(data):
        raise FileRefused(msg("file_empty"), "file_empty")
    if data.startswith(OLE_SIGNATURE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise FileRefused(msg("file_xlsx_encrypted"), "file_xlsx_encrypted")
        raise FileRefused(msg("file_xls_old"), "file_xls_old")
    if data.startswith(b"PK\x03\x04"):
        return Sniffed("xlsx", None, None, data)
    if data.startswith(NOT_TABLE_SIGNATURES):
        raise FileRefused(msg("file_not_table"), "file_not_table")
    if data.isascii():
        # Most files: plain ASCII, decoded only where text is needed (C-speed checks).
        refuse_binary(data[:65536].decode("ascii"))
        leading = ASCII_SPACE.match(data).end()
        if leading == len(data):
            raise FileRefused(msg("file_empty"), "file_empty")
        refuse_markup(data[leading : leading + 2048].decode("ascii"))
        refuse_json(data, leading)
        return Sniffed("csv", "utf-8", None, data)
    text, encoding = decode_text(data)
    if not text.strip():
        raise FileRefused(msg("file_empty"), "file_empty")
    refuse_markup(text.lstrip()[:2048])
    refuse_json(text, len(text) - len(text.lstrip()))
    return Sniffed("csv", encoding, text, None if encoding.startswith("utf-16") else data)
