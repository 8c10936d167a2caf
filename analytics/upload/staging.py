"""An upload's scratch space: one DuckDB connection, the names of its tables, the files behind them."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from pathlib import Path

import duckdb

# Tables and views of the staging connection, in the order the steps make them.
RAW = "staging_raw"  # view: the file's records as text, one column per column found
TYPED_FILE = "staging_typed_file"  # every staged record, typed, in file order
TYPED_ALL = "staging_typed_all"  # view: the non-empty records, total rows included
TYPED = "staging_typed"  # view: the typed rows kept (no empty rows, no total rows)
FLAGGED = "staging_flagged"  # the typed rows some cell rule may object to (few)
SKIPPED = "staging_skipped"  # lines left out after a second look: subtotals, notes
CONTROLS = "staging_controls"  # text cells whose control characters became spaces
ISSUES = "staging_issues"  # every issue found, before the raw values are filled in
TYPED_CODED = "staging_typed_coded"  # view: TYPED with the unit codes (stored columns)
UNITS = "staging_units"  # each unit as written (regency, kecamatan, desa) with its codes
LOOKUP = "siaga_lookup"  # kind, spelling, value: every accepted spelling of lookup columns

# Columns of the staged records beside the dataset's own.
LINE = "_line"  # 1-based spreadsheet line a record starts on
OVERFLOW = "_overflow"  # first value written under no header, if any
OVERFLOW_COLUMN = "_overflow_column"  # its spreadsheet column letter
EMPTY = "_empty"  # the record holds no value
LABEL = "_label"  # text of the row-number column ("No"), where JUMLAH is often written
# Columns of the typed rows beside the dataset's own.
FLAGS = "_flags"  # bits of the cells whose raw text fails a cell rule (conversion.flag_bits)
KEY_HASH = "_key_hash_"  # + n: the hash of the key of duplicate check n

# What a staged cell never holds: zero-width characters go, no-break spaces (Excel and
# LibreOffice put them between words and digit groups) become spaces.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_NO_BREAK_SPACES = {0xA0: " ", 0x202F: " "}
CELL_TEXT = {**_ZERO_WIDTH, **_NO_BREAK_SPACES}

# A control character other than tab and line breaks, in bytes (UTF-8 body) and in SQL.
CONTROL_CHARACTER = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONTROL_CHARACTER_SQL = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]"
SCAN_CHUNK = 1 << 18  # bytes per step of the numpy scans (fits in cache)
STAGING_PREFIX = "siaga-staging-"  # name of the temporary copies of CSV bodies
STALE_AFTER_S = 60 * 60  # a staging file this old is stale even if its pid is alive
_OWNER_PID = re.compile(re.escape(STAGING_PREFIX) + r"(\d+)-")


def lit(text: str) -> str:
    """``text`` as an SQL string literal, quotes doubled (for text SIAGA writes, and for
    the few distinct spellings of a lookup column mapped inline)."""
    return "'" + text.replace("'", "''") + "'"


def sql_path(path: str) -> str:
    """A file path as an SQL string literal's content."""
    return str(path).replace("'", "''")


class Staging:
    """Owns one upload's in-memory DuckDB connection and the temporary files its tables
    read; ``close`` (or leaving the ``with`` block) removes them all."""

    def __init__(self) -> None:
        self.con = duckdb.connect()
        self._files: list[str] = []

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def temp_file(self, suffix: str) -> tuple[int, str]:
        """A new private temporary file (descriptor, path), removed by ``release_files``."""
        # mkstemp makes the file 0600; the pid in the name lets a later start tell
        # whether the process that made it is still there (remove_stale_files).
        fd, path = tempfile.mkstemp(suffix=suffix, prefix=f"{STAGING_PREFIX}{os.getpid()}-")
        self._files.append(path)
        return fd, path

    def release_files(self) -> None:
        """Remove the temporary files (once the rows are typed they are no longer read)."""
        while self._files:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self._files.pop())

    def close(self) -> None:
        self.release_files()
        self.con.close()


def remove_stale_files(
    older_than: float = STALE_AFTER_S, directory: str | None = None
) -> list[Path]:
    """Remove staging files (full upload bodies) left behind by killed processes; return them.

    A file goes when the process named in it is gone, or when it is older than
    ``older_than`` seconds (the pid may have been reused, or the name carries none).
    Files of live processes younger than that are being read: they stay. Only this user's
    files are looked at. Called when the app starts and before a CLI ingest.
    """
    folder = Path(directory or tempfile.gettempdir())
    removed = []
    for path in folder.glob(f"{STAGING_PREFIX}*"):
        try:
            info = path.lstat()
        except FileNotFoundError:
            continue
        if info.st_uid != os.getuid() or not path.is_file():
            continue
        owner = _OWNER_PID.match(path.name)
        owner_gone = owner is not None and not _process_alive(int(owner.group(1)))
        if owner_gone or time.time() - info.st_mtime > older_than:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed.append(path)
    return removed


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True
