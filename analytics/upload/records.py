"""Staged records: the view over a file's records that the typing step reads, and what the reader found."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from analytics.upload.headers import HeaderMap, column_letter
from analytics.upload.staging import EMPTY, LABEL, LINE, OVERFLOW, OVERFLOW_COLUMN

OVERFLOW_COLUMNS = 3  # spare columns that catch values written beyond the header


@dataclass(frozen=True)
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
    # False when no staged cell holds a control character other than tab and line breaks
    # (vertical tab from Shift+Enter in Word, escape...); True when some may.
    control_characters: bool = field(default=True, compare=False, repr=False)
    # Set when records are one per line: record n (from 0) is on line first_line + n and
    # ``table`` has no ``_line`` column.
    first_line: int | None = field(default=None, compare=False, repr=False)
    # When ``table`` reads a staged copy in one pass: stages it again through the exact
    # reader (for a record wider than the header and its spare columns); see
    # ``reading.typed_from``.
    reread: Callable[[], ReadResult] | None = field(default=None, compare=False, repr=False)


def read_result(table: str, file_format: str, found: HeaderMap, **fields: object) -> ReadResult:
    """The ReadResult of records staged in ``table`` with the header map ``found``."""
    return ReadResult(
        table=table,
        file_format=file_format,
        headers=dict(found.headers),
        unknown_columns=list(found.unknown),
        ignored_columns=list(found.ignored),
        **fields,
    )


def materialise(
    con: duckdb.DuckDBPyConnection,
    frame: pd.DataFrame,
    found: HeaderMap,
    width: int,
    header_width: int,
    table: str,
) -> int:
    """Stage records read in Python (``frame``: ``_line`` and ``c0``..): they are stored in
    ``<table>_file`` (trimmed, '' as NULL), with ``table`` a view over it. Returns the
    number of records that hold a value."""
    used = [*found.mapping, *found.unnamed, *range(header_width, width)]
    if found.label is not None:
        used.append(found.label)
    cells = [LINE, *(f"nullif(trim(c{p}), '') AS c{p}" for p in used)]
    stored = f"{table}_file"
    con.register("_staging_frame", frame)
    try:
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {stored} AS SELECT {', '.join(cells)} "
            "FROM _staging_frame"
        )
    finally:
        con.unregister("_staging_frame")
    stage_view(con, stored, found, width, header_width, table, has_line=True, trim=False)
    return con.execute(f"SELECT count(*) FROM {table} WHERE NOT {EMPTY}").fetchall()[0][0]


def stage_view(
    con: duckdb.DuckDBPyConnection,
    source: str,
    found: HeaderMap,
    width: int,
    header_width: int,
    table: str,
    has_line: bool,
    trim: bool = True,
) -> None:
    """Create the view ``table`` over ``source`` (columns ``c0``.., and ``_line`` when
    ``has_line``): ``_line``, text per mapped column (trimmed, ''
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

    select = [LINE] if has_line else []
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
    con.execute(f"CREATE OR REPLACE TEMP VIEW {table} AS SELECT {', '.join(select)} FROM {source}")
