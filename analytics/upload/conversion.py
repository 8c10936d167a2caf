"""Typing: the staged text becomes typed columns in SQL (numbers, dates, TPS, links), with flags for cells that fail."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from analytics.contract import BODY, DATE, INT, ITEM, MODULE, REGION, TEXT, TPS, URL, Dataset
from analytics.upload.lookups import (
    create_table,
    lookup_frame,
    lookup_kind,
    norm_sql,
    reference_frames,
    respell,
)
from analytics.upload.reading import typed_from
from analytics.upload.records import ReadResult
from analytics.upload.staging import (
    CONTROL_CHARACTER_SQL,
    CONTROLS,
    EMPTY,
    FLAGS,
    KEY_HASH,
    LABEL,
    LINE,
    LOOKUP,
    OVERFLOW,
    OVERFLOW_COLUMN,
    TYPED,
    TYPED_ALL,
    TYPED_FILE,
    Staging,
    lit,
)

# 1.234 (Indonesian) or 1,234 (en-US) thousands; ,00 or .00 decimals (a count is whole:
# "1,000" is one thousand, never one).
_INT_PATTERN = (
    r"^(\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \x{a0}\x{202f}]\d{3})+|\d+)"
    r"(?:,0{1,2}|\.0{1,2})?$"
)

_DATE_FORMATS = [
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%Y/%m/%d",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d-%m-%Y %H:%M",
    # Excel in the Indonesian locale writes times with dots: 20/05/2024 8.00
    "%d/%m/%Y %H.%M",
    "%d/%m/%Y %H.%M.%S",
    "%d-%m-%Y %H.%M",
]

_SHORT_YEAR_FORMATS = ["%d/%m/%y", "%d-%m-%y", "%d.%m.%y"]

_DAY_NAMES = r"(senin|selasa|rabu|kamis|jum.?at|sabtu|minggu|ahad)"

_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "pebruari": 2, "maret": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "agustus": 8, "agu": 8, "agt": 8, "agst": 8, "ags": 8, "september": 9, "sep": 9,
    "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "nopember": 11,
    "desember": 12, "des": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "aug": 8, "october": 10, "oct": 10, "december": 12, "dec": 12,
}  # fmt: skip

TOTAL_PATTERN = r"^(jumlah|total|jml|sub ?total|sub ?jumlah|grand ?total)\b"

# Cheap test that lets through every text the pattern could match (it starts with g, j, s
# or t in either case; comparisons are bytewise).
TOTAL_GUARD = (
    "({c} >= 'G' AND {c} < 'K' OR {c} >= 'S' AND {c} < 'U' "
    "OR {c} >= 'g' AND {c} < 'k' OR {c} >= 's' AND {c} < 'u')"
)

_TPS_PREFIX = "^(?i)tps\\s*(no\\.?\\s*)?"

EXCEL_EPOCH = dt.date(1899, 12, 30)
LOOKUP_MAP_MAX = 256  # distinct spellings of a lookup column mapped inline (else a join)


def install_helpers(con: duckdb.DuckDBPyConnection) -> None:
    """Macros and lookup tables the typed conversion uses (temp, once per connection)."""
    try:
        # Everything below is created in order: the last table stands for all.
        con.execute("SELECT siaga_int('1'), (SELECT count(*) FROM ref_regions)").fetchall()
        return  # already installed on this connection
    except duckdb.Error:
        pass
    # Fast path first: plain digits without leading zeros, as most numbers are written.
    con.execute(
        "CREATE OR REPLACE TEMP MACRO siaga_int(v) AS CASE "
        "WHEN CAST(TRY_CAST(v AS UBIGINT) AS VARCHAR) = v "
        "THEN TRY_CAST(TRY_CAST(v AS UBIGINT) AS BIGINT) "
        "WHEN v IS NULL THEN NULL "
        "WHEN regexp_full_match(v, '\\d{1,18}') THEN TRY_CAST(v AS BIGINT) "
        "WHEN v IN ('-', '–', '—') THEN 0 "
        "ELSE TRY_CAST(regexp_replace(regexp_extract(regexp_replace(v, "
        "'^[\\s\u00a0\u202f]+|[\\s\u00a0\u202f]+$', '', 'g'), "
        f"'{_INT_PATTERN}', 1), '[^0-9]', '', 'g') AS BIGINT) END"
    )
    months = " ".join(f"WHEN m = '{name}' THEN {num}" for name, num in sorted(_MONTHS.items()))
    formats = ", ".join(f"'{f}'" for f in _DATE_FORMATS)
    short = ", ".join(f"'{f}'" for f in _SHORT_YEAR_FORMATS)
    con.execute("CREATE OR REPLACE TEMP MACRO siaga_month(m) AS CASE " + months + " ELSE NULL END")
    # "15 Agustus 2024", "15-Agu-24", "Kamis, 15 Agt. 2024" (w is lower case, day name gone).
    words = "'^(\\d{1,2})[\\s./-]+([a-z]+)\\.?[\\s./-]+(\\d{4}|\\d{2})$'"
    con.execute(
        "CREATE OR REPLACE TEMP MACRO siaga_date_words(w) AS TRY_CAST(try_strptime("
        f"regexp_extract(w, {words}, 1) || '-' "
        f"|| CAST(siaga_month(regexp_extract(w, {words}, 2)) AS VARCHAR) || '-' "
        f"|| CASE WHEN length(regexp_extract(w, {words}, 3)) = 2 THEN '20' ELSE '' END "
        f"|| regexp_extract(w, {words}, 3), '%d-%m-%Y') AS DATE)"
    )
    # "May 20, 2024", "Agustus 15, 2024": month first, as English-locale sheets write it.
    month_first = "'^([a-z]+)\\.?\\s+(\\d{1,2}),?\\s+(\\d{4})$'"
    con.execute(
        "CREATE OR REPLACE TEMP MACRO siaga_date_month_first(w) AS TRY_CAST(try_strptime("
        f"regexp_extract(w, {month_first}, 2) || '-' "
        f"|| CAST(siaga_month(regexp_extract(w, {month_first}, 1)) AS VARCHAR) || '-' "
        f"|| regexp_extract(w, {month_first}, 3), '%d-%m-%Y') AS DATE)"
    )
    con.execute(
        "CREATE OR REPLACE TEMP MACRO siaga_date_any(v) AS CASE WHEN v IS NULL THEN NULL "
        "WHEN regexp_full_match(v, '\\d{5}') AND CAST(v AS INTEGER) BETWEEN 30000 AND 60000 "
        f"THEN DATE '{EXCEL_EPOCH.isoformat()}' + CAST(v AS INTEGER) "
        "WHEN regexp_full_match(v, '\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2}') "
        f"THEN CAST(try_strptime(v, [{short}]) AS DATE) "
        f"ELSE coalesce(CAST(try_strptime(v, [{formats}]) AS DATE), siaga_date_words("
        f"regexp_replace(lower(trim(v)), '^{_DAY_NAMES}\\s*,?\\s*', '')), "
        "siaga_date_month_first(lower(trim(v)))) END"
    )
    con.execute(
        "CREATE OR REPLACE TEMP MACRO siaga_date(v) AS CASE WHEN year(siaga_date_any(v)) "
        "BETWEEN 2000 AND 2100 THEN siaga_date_any(v) ELSE NULL END"
    )
    create_table(con, LOOKUP, lookup_frame())
    create_table(con, "ref_regions", reference_frames()[0])


def flag_bits(dataset: Dataset, column: str) -> tuple[int, int]:
    """The bits of a column in FLAGS: (unreadable: its raw text is there but the typed
    value is NULL, too long: its raw text is longer than allowed)."""
    index = dataset.column_names.index(column)
    return 1 << (2 * index), 1 << (2 * index + 1)


def raw_is_null(dataset: Dataset, column: str) -> str:
    """SQL over the typed table: the cell's raw text was empty."""
    return f'("{column}" IS NULL AND ({FLAGS} & {flag_bits(dataset, column)[0]}) = 0)'


def flag_set(bit: int) -> str:
    return f"({FLAGS} & {bit}) <> 0"


def typed_select(
    dataset: Dataset,
    present: set[str],
    raw_table: str,
    has_line: bool,
    single_spaces: bool,
    hashes: list[str] = (),
) -> str:
    """SELECT that turns the staged text columns into typed ones (NULL where unreadable).

    The raw text is not copied: FLAGS marks the cells that fail a cell rule, and issues
    take their values from the staged text by line. Lookup columns stay as written here
    and are mapped afterwards (``map_lookup_column``), once per spelling.
    """
    inner = [f"r.{LINE}"] if has_line else []
    outer = [LINE] if has_line else []
    text_flags: list[str] = []  # from the raw text alone (inner query)
    type_flags: list[str] = []  # raw text there, typed value not (outer query)
    for col in dataset.columns:
        quoted, kept = f'"{col.name}"', f'"_raw_{col.name}"'
        outer.append(quoted)
        if col.name not in present:
            inner.append(f"NULL::{col.sql_type} AS {quoted}")
            continue
        raw = f"r.{quoted}"
        unreadable, too_long = flag_bits(dataset, col.name)
        keep = not (col.kind == TEXT and single_spaces)  # the typed value may differ
        if lookup_kind(col):
            inner.append(f"{raw} AS {quoted}")
            continue
        expr = _typed_cell(col.kind, raw, single_spaces)
        inner.append(f"{expr} AS {quoted}")
        if keep:
            inner.append(f"{raw} AS {kept}")
            type_flags.append(
                f"CASE WHEN {quoted} IS NULL AND {kept} IS NOT NULL THEN {unreadable} ELSE 0 END"
            )
        if col.kind in (TEXT, TPS):
            limit = col.max_length
            text_flags.append(
                f"CASE WHEN strlen({raw}) > {limit} AND length({raw}) > {limit} "
                f"THEN {too_long} ELSE 0 END"
            )
    # A JUMLAH/TOTAL row: one of the identifying cells starts with jumlah, total, ...
    identity = identity_cells(dataset, present)
    inner.append(
        "("
        + " OR ".join(
            f"CASE WHEN {TOTAL_GUARD.format(c=c)} THEN coalesce(regexp_matches({c}, "
            f"'(?i){TOTAL_PATTERN}'), false) ELSE false END"
            for c in identity
        )
        + ") AS is_total"
        if identity
        else "false AS is_total"
    )
    inner.append(f"({' + '.join(text_flags) or '0'})::BIGINT AS _text_flags")
    inner += [f"r.{OVERFLOW}", f"r.{OVERFLOW_COLUMN}", f"r.{EMPTY}"]
    outer += [
        OVERFLOW,
        OVERFLOW_COLUMN,
        EMPTY,
        "is_total",
        f"_text_flags + {' + '.join(type_flags) or '0'} AS {FLAGS}",
        *(f"{expr} AS {KEY_HASH}{i}" for i, expr in enumerate(hashes)),
    ]
    return f"SELECT {', '.join(outer)} FROM (SELECT {', '.join(inner)} FROM {raw_table} r)"


def _typed_cell(kind: str, raw: str, single_spaces: bool) -> str:
    """SQL typing one staged text cell ``raw`` of a column of ``kind`` (NULL when unreadable)."""
    if kind == INT:
        return f"siaga_int({raw})"
    if kind == DATE:
        return f"siaga_date({raw})"
    if kind == TPS:
        # "1", "001", "TPS 1", "TPS No. 1" and Excel's "1.0" all become "001".
        bare = f"regexp_replace({raw}, '{_TPS_PREFIX}', '')"
        return (
            f"CASE WHEN strlen({raw}) <= 3 AND regexp_full_match({raw}, '[0-9]+') "
            f"THEN lpad({raw}, 3, '0') "
            f"WHEN regexp_full_match({bare}, '\\d+(\\.0+)?') THEN printf('%03d', "
            f"TRY_CAST(regexp_extract({bare}, '^\\d+') AS BIGINT)) ELSE upper({bare}) END"
        )
    if kind == URL:
        return f"CASE WHEN regexp_full_match({raw}, '(?i)https?://\\S+') THEN {raw} END"
    if single_spaces:  # TEXT without any whitespace to normalise
        return raw
    return (  # TEXT
        f"CASE WHEN regexp_matches({raw}, '\\s\\s|[\\t\\n\\f\\r]') "
        f"THEN regexp_replace({raw}, '\\s+', ' ', 'g') ELSE {raw} END"
    )


_SLASH_DATE = "^(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})$"


def month_first_dates(
    con: duckdb.DuckDBPyConnection,
    dataset: Dataset,
    present: set[str],
    read: ReadResult,
    lined: LinedRaw,
) -> list[tuple[str, str]]:
    """Read slash dates month first (5/20/2024, as English-locale Google Sheets write them)
    when some date of the file can only be month first, none can only be day first and
    none is zero-padded as day-first sheets write them.

    Looked at only when some date was unreadable day first. Returns [(the date columns,
    an example)] when they were re-read.
    """
    columns = [c.name for c in dataset.columns if c.kind == DATE and c.name in present]
    bits = sum(flag_bits(dataset, c)[0] for c in columns)
    if (
        not bits
        or not con.execute(
            f"SELECT count(*) FROM {TYPED} WHERE ({FLAGS} & {bits}) <> 0"
        ).fetchall()[0][0]
    ):
        return []
    values = " UNION ALL ".join(
        f'SELECT r."{c}" AS v FROM {lined.table()} r WHERE regexp_full_match(r."{c}", '
        f"'{_SLASH_DATE}')"
        for c in columns
    )
    parts = (
        f"SELECT v, CAST(regexp_extract(v, '{_SLASH_DATE}', 1) AS INTEGER) AS a, "
        f"CAST(regexp_extract(v, '{_SLASH_DATE}', 2) AS INTEGER) AS b FROM ({values})"
    )
    # Zero-padded dates (03/06/2024) come from a day-first sheet: with any of them, one
    # pasted month-first date does not turn the others around.
    day_first, month_first, padded, example = con.execute(
        "SELECT count(*) FILTER (WHERE a > 12 AND b <= 12), count(*) FILTER (WHERE b > 12 "
        "AND a <= 12), count(*) FILTER (WHERE regexp_matches(v, '^0|/0')), "
        f"min(v) FILTER (WHERE b > 12 AND a <= 12) FROM ({parts})"
    ).fetchall()[0]
    if day_first or padded or not month_first:
        return []
    line = LINE if read.first_line is None else f"rowid + {read.first_line}"
    for column in columns:
        unreadable = flag_bits(dataset, column)[0]
        typed = (
            f"""CASE WHEN year(try_strptime(r."{column}", ['%m/%d/%Y', '%m/%d/%y'])) """
            f"""BETWEEN 2000 AND 2100 THEN CAST(try_strptime(r."{column}", """
            "['%m/%d/%Y', '%m/%d/%y']) AS DATE) END"
        )
        con.execute(
            f'UPDATE {TYPED_FILE} t SET "{column}" = x.d, {FLAGS} = t.{FLAGS} - '
            f"(t.{FLAGS} & {unreadable}) + CASE WHEN x.d IS NULL THEN {unreadable} ELSE 0 END "
            f"FROM (SELECT r.{LINE} AS line, {typed} AS d FROM {lined.table()} r "
            f"WHERE regexp_full_match(r.\"{column}\", '{_SLASH_DATE}')) x "
            f"WHERE t.{line} = x.line"
        )
    return [(", ".join(columns), example)]


def identity_cells(dataset: Dataset, present: set[str]) -> list[str]:
    """The staged cells ``r.<column>`` that name a row (codes, body, TPS, key columns) and
    the No column: where a total or subtotal row writes its label."""
    cells = [
        f'r."{c.name}"'
        for c in dataset.columns
        if c.name in present
        and (c.kind in (REGION, BODY, MODULE, ITEM, TPS) or c.name in dataset.key)
    ]
    return cells + ([f"r.{LABEL}"] if LABEL in present else [])


class LinedRaw:
    """The staged text with its ``_line``, made once per validation when needed: when
    records are one per line, the text is read once more from the staged file into a
    table, whose row positions give the lines."""

    def __init__(self, con: duckdb.DuckDBPyConnection, read: ReadResult):
        self.con, self.read, self.made = con, read, False

    def table(self) -> str:
        read = self.read
        if read.first_line is None:
            return read.table
        if not self.made:
            self.con.execute(
                f"CREATE OR REPLACE TEMP TABLE {read.table}_lines AS SELECT * FROM {read.table}"
            )
            self.made = True
        return f"(SELECT rowid + {read.first_line} AS {LINE}, * FROM {read.table}_lines)"


@dataclass(frozen=True)
class Typed:
    """What typing left in the staging: TYPED_FILE, TYPED_ALL and TYPED."""

    read: ReadResult  # the records the rows came from (read again exactly, if it had to be)
    present: frozenset[str]  # the staged columns
    lined: LinedRaw  # the staged text by line, for values as written
    month_first: list[tuple[str, str]]  # date columns read month first, with an example
    hashed: bool  # the key hashes of the duplicate checks (KEY_HASH columns) still hold
    control_characters: bool  # some text cells had control characters, now spaces (CONTROLS)


def typed(staging: Staging, dataset: Dataset, read: ReadResult, repeats: list) -> Typed:
    """Type the staged records of ``read``: numbers, dates, TPS and links in SQL, lookup
    columns respelled to their canonical values, slash dates read month first when the
    file says so. ``repeats`` are the duplicate checks, whose key hashes are computed in
    the same pass."""
    con = staging.con
    install_helpers(con)
    present = frozenset(staged_columns(con, read.table))
    # The key hash of each duplicate check is computed while typing (same pass); it holds
    # as long as no lookup column is respelled afterwards.
    hashes = [f"CASE WHEN {c.early[1]} THEN hash({c.early[0]}) END" for c in repeats]
    read = typed_from(staging, read, lambda r: type_records(con, dataset, r, present, hashes))
    respelled = respell_lookups(con, dataset, present)
    typed_views(con, read)
    controls = read.control_characters and replace_control_characters(con, dataset, present)
    lined = LinedRaw(con, read)
    month_first = month_first_dates(con, dataset, present, read, lined)
    hashed = bool(hashes) and not (respelled or controls)
    return Typed(read, present, lined, month_first, hashed, controls)


def replace_control_characters(
    con: duckdb.DuckDBPyConnection, dataset: Dataset, present: frozenset[str]
) -> bool:
    """Turn control characters in text cells (a vertical tab from Shift+Enter in Word, an
    escape...) into spaces, as other whitespace is; CONTROLS lists the cells changed, for
    a warning each. True when some cell changed."""
    columns = [c.name for c in dataset.columns if c.kind in (TEXT, TPS) and c.name in present]
    if not columns:
        return False
    found = " UNION ALL ".join(
        f'SELECT {LINE} AS line, {lit(name)} AS "column", {_spaced(name)} AS value '
        f"FROM {TYPED_ALL} WHERE regexp_matches(\"{name}\", '{CONTROL_CHARACTER_SQL}')"
        for name in columns
    )
    con.execute(f"CREATE OR REPLACE TEMP TABLE {CONTROLS} AS {found}")
    if not con.execute(f"SELECT count(*) FROM {CONTROLS}").fetchall()[0][0]:
        return False
    for name in columns:
        con.execute(
            f'UPDATE {TYPED_FILE} SET "{name}" = {_spaced(name)} '
            f"WHERE regexp_matches(\"{name}\", '{CONTROL_CHARACTER_SQL}')"
        )
    return True


def _spaced(column: str) -> str:
    """SQL: the text of ``column`` with every run of whitespace and control characters
    turned into one space, trimmed."""
    return f"trim(regexp_replace(\"{column}\", '[\\s{CONTROL_CHARACTER_SQL[1:-1]}]+', ' ', 'g'))"


def staged_columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    """The columns of the staged records (the dataset's columns found, and the extras)."""
    return {r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()}


def type_records(
    con: duckdb.DuckDBPyConnection,
    dataset: Dataset,
    read: ReadResult,
    present: set[str],
    hashes: list[str],
) -> None:
    """Type the staged records of ``read`` into TYPED_FILE (see ``typed_select``)."""
    has_line = read.first_line is None
    sql = typed_select(dataset, present, read.table, has_line, read.single_spaces, hashes)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {TYPED_FILE} AS {sql}")


def respell_lookups(con: duckdb.DuckDBPyConnection, dataset: Dataset, present: set[str]) -> bool:
    """Turn every lookup column into canonical values; True when some cell was rewritten."""
    respelled = False
    for col in dataset.columns:
        if col.name in present and (kind := lookup_kind(col)):
            respelled |= map_lookup_column(con, dataset, col.name, kind)
    return respelled


def typed_views(con: duckdb.DuckDBPyConnection, read: ReadResult) -> None:
    """TYPED_ALL (records that hold a value, with their line) and TYPED (without totals)."""
    has_line = read.first_line is None
    # Records are one per line when first_line is set: their position gives the line.
    line = LINE if has_line else f"rowid + {read.first_line}"
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {TYPED_ALL} AS SELECT {line} AS {LINE}, "
        f"* EXCLUDE ({'_line, ' if has_line else ''}{EMPTY}) FROM {TYPED_FILE} WHERE NOT {EMPTY}"
    )
    # JUMLAH/TOTAL rows: remembered as warnings, then left out of everything else.
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {TYPED} AS SELECT * EXCLUDE (is_total) FROM {TYPED_ALL} "
        "WHERE NOT is_total"
    )


def typed_rows_per_region(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, int], int, int]:
    """(rows kept per regency code, rows kept, total rows left out)."""
    per_region = con.execute(
        f"SELECT kode_wilayah, count(*) FROM {TYPED} GROUP BY 1 ORDER BY 1"
    ).fetchall()
    region_rows = {code: n for code, n in per_region if code is not None}
    rows = sum(n for _, n in per_region)
    totals = con.execute(f"SELECT count(*) FROM {TYPED_ALL} WHERE is_total").fetchall()[0][0]
    return region_rows, rows, totals


def map_lookup_column(
    con: duckdb.DuckDBPyConnection, dataset: Dataset, column: str, kind: str
) -> bool:
    """Turn the spellings of a lookup column (staged as written) into canonical values.

    Each distinct spelling is normalised once; rows are rewritten only when some spelling
    is not already canonical (cells that match nothing are flagged unreadable). Rows keep
    their position, hence their line. True when some cell was rewritten.
    """
    quoted = f'"{column}"'
    unreadable = flag_bits(dataset, column)[0]
    pairs = con.execute(
        f"SELECT d.v, l.value FROM (SELECT DISTINCT {quoted} AS v FROM {TYPED_FILE} "
        f"WHERE {quoted} IS NOT NULL LIMIT {LOOKUP_MAP_MAX + 1}) d LEFT JOIN {LOOKUP} l "
        f"ON l.kind = ? AND l.spelling = {norm_sql('d.v')}",
        [kind],
    ).fetchall()
    if len(pairs) <= LOOKUP_MAP_MAX:
        pairs = [(k, v if v is not None else respell(k, kind)) for k, v in pairs]
        changed = [(k, v) for k, v in pairs if k != v]
        if not changed:
            return False  # every spelling is already the canonical value
        keys = ", ".join(lit(k) for k, _ in changed)
        values = ", ".join("NULL" if v is None else lit(v) for _, v in changed)
        mapped = f"MAP([{keys}], CAST([{values}] AS VARCHAR[]))[{quoted}]"
        con.execute(
            f"UPDATE {TYPED_FILE} SET {quoted} = {mapped}, "
            f"{FLAGS} = {FLAGS} + CASE WHEN {mapped} IS NULL THEN {unreadable} ELSE 0 END "
            f"WHERE {quoted} IN ({keys})"
        )
        return True
    con.execute(
        f"UPDATE {TYPED_FILE} t SET {quoted} = m.value, "
        f"{FLAGS} = t.{FLAGS} + CASE WHEN m.value IS NULL THEN {unreadable} ELSE 0 END "
        f"FROM (SELECT d.v, l.value FROM (SELECT DISTINCT {quoted} AS v FROM {TYPED_FILE} "
        f"WHERE {quoted} IS NOT NULL) d LEFT JOIN {LOOKUP} l ON l.kind = '{kind}' "
        f"AND l.spelling = {norm_sql('d.v')}) m "
        f"WHERE t.{quoted} = m.v AND m.value IS DISTINCT FROM m.v"
    )
    return True
