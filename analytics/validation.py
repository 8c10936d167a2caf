"""Validate a staged upload against its dataset schema, in SQL, reporting every problem."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from analytics import reference
from analytics.messages import MESSAGES, msg
from analytics.reading import EMPTY, LABEL, LINE, OVERFLOW, OVERFLOW_COLUMN, ReadResult
from analytics.schema import (
    BODY,
    CHOICE,
    DATASETS,
    DATE,
    INT,
    ITEM,
    MODULE,
    REGION,
    TEXT,
    TPS,
    URL,
    Column,
    Dataset,
    header_lookup,
)

ISSUE_COLUMNS = ["line", "column", "value", "message", "severity"]
ERROR, WARNING = "error", "warning"
TYPED = "staging_typed"  # view: the typed rows kept (no empty rows, no total rows)
TYPED_FILE = "staging_typed_file"  # every staged record, typed, in file order
TYPED_ALL = "staging_typed_all"  # view: the non-empty records, total rows included
FLAGGED = "staging_flagged"  # the typed rows some cell rule may object to (few)
SKIPPED = "staging_skipped"  # lines left out after a second look: subtotals, notes
LOOKUP = "siaga_lookup"  # kind, spelling, value: every accepted spelling of lookup columns

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
_TOTAL_PATTERN = r"^(jumlah|total|jml|sub ?total|sub ?jumlah|grand ?total)\b"
# Cheap test that lets through every text the pattern could match (it starts with g, j, s
# or t in either case; comparisons are bytewise).
_TOTAL_GUARD = (
    "({c} >= 'G' AND {c} < 'K' OR {c} >= 'S' AND {c} < 'U' "
    "OR {c} >= 'g' AND {c} < 'k' OR {c} >= 's' AND {c} < 'u')"
)
LOOKUP_MAP_MAX = 256  # distinct spellings of a lookup column mapped inline (else a join)
KEY_HASH = "_key_hash_"  # + n: per typed row, the hash of the key of duplicate check n
FLAGS = "_flags"  # per typed row: bits of the cells whose raw text fails a cell rule
RAW = object()  # value of an issue: the raw text of its column in its line
_TPS_PREFIX = "^(?i)tps\\s*(no\\.?\\s*)?"
EXCEL_EPOCH = dt.date(1899, 12, 30)


@dataclass
class Verdict:
    """The outcome of validating one staged file."""

    dataset: Dataset
    read: ReadResult
    issues: pd.DataFrame  # ISSUE_COLUMNS, sorted by line
    row_count: int  # data rows kept (total rows and empty rows excluded)
    regions: list[str]  # regency codes present, sorted
    region_rows: dict[str, int] = field(default_factory=dict)  # rows per regency code

    @property
    def errors(self) -> pd.DataFrame:
        return self.issues[self.issues["severity"] == ERROR]

    @property
    def warnings(self) -> pd.DataFrame:
        return self.issues[self.issues["severity"] == WARNING]

    @property
    def ok(self) -> bool:
        return self.errors.empty

    def summary(self) -> str:
        if self.ok:
            return msg("valid_summary", rows=self.row_count, warnings=len(self.warnings))
        warn = f", {len(self.warnings)} peringatan" if len(self.warnings) else ""
        return msg("refused_summary", errors=len(self.errors), warnings_part=warn)


def _norm_sql(expr: str) -> str:
    """Spelling normalisation shared by every lookup: lower case, runs of space/_ -> one space."""
    return f"lower(regexp_replace({expr}, '[\\s_]+', ' ', 'g'))"


def _norm_py(text: str) -> str:
    return re.sub(r"[\s_]+", " ", text.lower()).strip()


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
    _create_table(con, LOOKUP, _lookup_frame())
    _create_table(con, "ref_regions", _reference_frames()[0])


def _create_table(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    con.register("_siaga_frame", frame)
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM _siaga_frame")
    finally:
        con.unregister("_siaga_frame")


def _lookup_kind(col: Column) -> str | None:
    """Which part of the lookup table types a column (None: not a lookup column)."""
    return {REGION: "region", BODY: "body", MODULE: "module", ITEM: "item"}.get(
        col.kind, f"choice:{col.name}" if col.kind == CHOICE else None
    )


@functools.cache
def _lookup_frame() -> pd.DataFrame:
    """Every accepted spelling (normalised) -> canonical value, for every lookup column:
    columns kind, spelling, value. Built once per process from the reference data."""
    parts: dict[str, dict[str, str]] = {
        "region": region_spellings(),
        "body": reference.body_spellings(),
        "module": reference.module_spellings(),
        "item": reference.item_spellings(),
    }
    for dataset in DATASETS.values():
        for col in dataset.columns:
            if col.kind == CHOICE:
                parts[f"choice:{col.name}"] = {
                    s: value for value, names in col.choices.items() for s in (value, *names)
                }
    frames = [
        pd.DataFrame(
            {
                "kind": kind,
                "spelling": [_norm_py(s) for s in spellings],
                "value": list(spellings.values()),
            }
        )
        for kind, spellings in parts.items()
    ]
    return pd.concat(frames).drop_duplicates(["kind", "spelling"]).reset_index(drop=True)


@functools.cache
def _reference_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The regencies (counts of kecamatan and desa) and the standard seats per body."""
    regions = reference.regions()[
        ["kode_wilayah", "nama", "jumlah_kecamatan", "jumlah_desa_kelurahan"]
    ]
    bodies = reference.read_reference("badan.csv")
    standard = pd.DataFrame(
        {
            "badan": bodies["badan"],
            "label": bodies["anggota_standar"].str.replace("|", " atau "),
            "standard": [[int(x) for x in s.split("|")] for s in bodies["anggota_standar"]],
        }
    )
    return regions, standard


def region_spellings() -> dict[str, str]:
    """Accepted spellings of each regency -> code: the reference spellings, plus the satker
    name ("KPU Kota Magelang") and the bare name where it is unique ("Cilacap", but not
    "Magelang", which is both a kabupaten and a kota)."""
    regions = reference.regions()
    spellings = reference.region_spellings(list(regions["kode_wilayah"]), list(regions["nama"]))
    bare: dict[str, list[str]] = {}
    for code, name in zip(regions["kode_wilayah"], regions["nama"], strict=True):
        lowered = _norm_py(name)
        spellings.setdefault(f"kpu {lowered}", code)
        short = re.sub(r"^(kabupaten|kota)\s+", "", lowered)
        bare.setdefault(short, []).append(code)
    for short, codes in bare.items():
        if len(codes) == 1:
            spellings.setdefault(short, codes[0])
    return spellings


def _flag_bits(dataset: Dataset, column: str) -> tuple[int, int]:
    """The bits of a column in FLAGS: (unreadable: its raw text is there but the typed
    value is NULL, too long: its raw text is longer than allowed)."""
    index = dataset.column_names.index(column)
    return 1 << (2 * index), 1 << (2 * index + 1)


def _raw_is_null(dataset: Dataset, column: str) -> str:
    """SQL over the typed table: the cell's raw text was empty."""
    return f'("{column}" IS NULL AND ({FLAGS} & {_flag_bits(dataset, column)[0]}) = 0)'


def _flag_set(bit: int) -> str:
    return f"({FLAGS} & {bit}) <> 0"


@functools.cache
def _spellings(kind: str) -> dict[str, str]:
    """Normalised spelling -> canonical value, for one kind of lookup column."""
    frame = _lookup_frame()
    frame = frame[frame["kind"] == kind]
    return dict(zip(frame["spelling"], frame["value"], strict=True))


def _respell(text: str, kind: str) -> str | None:
    """The known value inside a longer spelling, as dropdowns and full names write it:
    "M01 - Orientasi tugas", "Panitia Pemilihan Kecamatan (PPK)", "Daring (Zoom)". Only
    when exactly one known value comes out of its parts (a code and a name that disagree
    give none); never for a status."""
    if kind == "choice:status":
        return None  # "Selesai (sebagian)" is not done: a status with a qualifier stays unknown
    parts = {
        part for sep in (" - ", " – ", " — ", ": ") if sep in text for part in text.split(sep, 1)
    }
    for inside in re.findall(r"\(([^()]*)\)", text):
        parts.add(inside)
    parts.add(re.sub(r"\s*\([^()]*\)", "", text))
    spellings = _spellings(kind)
    values = {spellings.get(_norm_py(part)) for part in parts} - {None}
    return values.pop() if len(values) == 1 else None


def _map_lookup_column(
    con: duckdb.DuckDBPyConnection, dataset: Dataset, column: str, kind: str
) -> bool:
    """Turn the spellings of a lookup column (staged as written) into canonical values.

    Each distinct spelling is normalised once; rows are rewritten only when some spelling
    is not already canonical (cells that match nothing are flagged unreadable). Rows keep
    their position, hence their line. True when some cell was rewritten.
    """
    quoted = f'"{column}"'
    unreadable = _flag_bits(dataset, column)[0]
    pairs = con.execute(
        f"SELECT d.v, l.value FROM (SELECT DISTINCT {quoted} AS v FROM {TYPED_FILE} "
        f"WHERE {quoted} IS NOT NULL LIMIT {LOOKUP_MAP_MAX + 1}) d LEFT JOIN {LOOKUP} l "
        f"ON l.kind = ? AND l.spelling = {_norm_sql('d.v')}",
        [kind],
    ).fetchall()
    if len(pairs) <= LOOKUP_MAP_MAX:
        pairs = [(k, v if v is not None else _respell(k, kind)) for k, v in pairs]
        changed = [(k, v) for k, v in pairs if k != v]
        if not changed:
            return False  # every spelling is already the canonical value
        keys = ", ".join(_lit(k) for k, _ in changed)
        values = ", ".join("NULL" if v is None else _lit(v) for _, v in changed)
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
        f"AND l.spelling = {_norm_sql('d.v')}) m "
        f"WHERE t.{quoted} = m.v AND m.value IS DISTINCT FROM m.v"
    )
    return True


def _typed_select(
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
    and are mapped afterwards (``_map_lookup_column``), once per spelling.
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
        unreadable, too_long = _flag_bits(dataset, col.name)
        keep = not (col.kind == TEXT and single_spaces)  # the typed value may differ
        if _lookup_kind(col):
            inner.append(f"{raw} AS {quoted}")
            continue
        if col.kind == INT:
            expr = f"siaga_int({raw})"
        elif col.kind == DATE:
            expr = f"siaga_date({raw})"
        else:
            if col.kind == TPS:
                # "1", "001", "TPS 1", "TPS No. 1" and Excel's "1.0" all become "001".
                bare = f"regexp_replace({raw}, '{_TPS_PREFIX}', '')"
                expr = (
                    f"CASE WHEN strlen({raw}) <= 3 AND regexp_full_match({raw}, '[0-9]+') "
                    f"THEN lpad({raw}, 3, '0') "
                    f"WHEN regexp_full_match({bare}, '\\d+(\\.0+)?') THEN printf('%03d', "
                    f"TRY_CAST(regexp_extract({bare}, '^\\d+') AS BIGINT)) ELSE upper({bare}) END"
                )
            elif col.kind == URL:
                expr = f"CASE WHEN regexp_full_match({raw}, '(?i)https?://\\S+') THEN {raw} END"
            elif single_spaces:  # TEXT without any whitespace to normalise
                expr = raw
            else:  # TEXT
                expr = (
                    f"CASE WHEN regexp_matches({raw}, '\\s\\s|[\\t\\n\\f\\r]') "
                    f"THEN regexp_replace({raw}, '\\s+', ' ', 'g') ELSE {raw} END"
                )
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
    identity = _identity_cells(dataset, present)
    inner.append(
        "("
        + " OR ".join(
            f"CASE WHEN {_TOTAL_GUARD.format(c=c)} THEN coalesce(regexp_matches({c}, "
            f"'(?i){_TOTAL_PATTERN}'), false) ELSE false END"
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


def _cell_checks(dataset: Dataset, present: set[str]) -> list[str]:
    """One SELECT per cell rule, each yielding (line, column, value, message, severity).

    They read FLAGGED: only rows with a flag or an empty required cell can fail them."""
    checks = []
    for col in dataset.columns:
        unreadable, too_long = _flag_bits(dataset, col.name)
        if col.required:
            checks.append(
                _issue(
                    _raw_is_null(dataset, col.name),
                    col.name,
                    RAW,
                    _lit(msg("required")),
                    source=FLAGGED,
                )
            )
        if col.name not in present:
            continue
        message = {
            INT: msg("not_integer"),
            DATE: msg("not_date"),
            REGION: msg("unknown_region"),
            BODY: msg("unknown_choice", choices=", ".join(col.allowed_values())),
            CHOICE: msg("unknown_choice", choices=", ".join(col.allowed_values())),
            MODULE: msg("unknown_module", choices=_module_codes()),
            ITEM: msg("unknown_item", choices=_item_codes()),
            URL: msg("not_url"),
        }.get(col.kind)
        if message:
            checks.append(
                _issue(_flag_set(unreadable), col.name, RAW, _lit(message), source=FLAGGED)
            )
        if col.kind in (TEXT, TPS):
            checks.append(
                _issue(
                    _flag_set(too_long),
                    col.name,
                    RAW,
                    _lit(msg("too_long", limit=col.max_length)),
                    source=FLAGGED,
                )
            )
    return checks


def _module_codes() -> str:
    """Every module code of the reference list, e.g. ``M01, M02, ..., M10``."""
    return ", ".join(reference.modules()["kode_materi"]) or "-"


def _item_codes() -> str:
    """Every checklist item code of the reference list, e.g. ``PC01, ..., PC11``."""
    return ", ".join(reference.checklist()["kode_item"]) or "-"


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _issue(
    condition: str,
    column: str,
    value: str | object,
    message: str,
    severity: str = ERROR,
    source: str = TYPED,
) -> str:
    """Rows of ``source`` (the typed rows) where ``condition`` holds, as issues. ``value``
    is an SQL expression or RAW (the raw text of ``column``, filled in at the end)."""
    return (
        f"SELECT {LINE} AS line, '{column}' AS \"column\", {_value(value)}, "
        f"{message} AS message, '{severity}' AS severity FROM {source} WHERE {condition}"
    )


def _value(value: str | object) -> str:
    """The value and from_raw columns of an issue query."""
    if value is RAW:
        return "NULL::VARCHAR AS value, true AS from_raw"
    return f"CAST({value} AS VARCHAR) AS value, false AS from_raw"


def _fmt(template_key: str, **sql_values: str) -> str:
    """A message template filled by SQL expressions: 'a {x} b' -> 'a ' || x || ' b'."""
    parts = re.split(r"\{(\w+)\}", MESSAGES[template_key])
    pieces = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            if part:
                pieces.append(_lit(part))
        else:
            pieces.append(f"CAST({sql_values[part]} AS VARCHAR)")
    return " || ".join(pieces) if pieces else "''"


def _row_checks(dataset: Dataset, as_of: dt.date) -> list[str | Repeats]:
    checks: list[str | Repeats] = []
    if dataset.name == "badan_adhoc":
        bodies = _reference_frames()[1]
        keys = ", ".join(map(_lit, bodies["badan"]))
        # The standard seats of each body, as SQL maps: body -> [5], body -> '5 atau 7'.
        standard = f"MAP([{keys}], {[list(map(int, v)) for v in bodies['standard']]})"
        label = f"MAP([{keys}], [{', '.join(map(_lit, bodies['label']))}])[badan]"
        checks += [
            _issue(
                "dilantik > terisi",
                "dilantik",
                RAW,
                _fmt("dilantik_gt_terisi", dilantik="dilantik", terisi="terisi"),
            ),
            _issue(
                "terisi > kebutuhan",
                "terisi",
                RAW,
                _fmt("terisi_gt_kebutuhan", terisi="terisi", kebutuhan="kebutuhan"),
            ),
            _issue(
                "perempuan > terisi",
                "perempuan",
                RAW,
                _fmt("perempuan_gt_terisi", perempuan="perempuan", terisi="terisi"),
            ),
            _issue(
                "badan IN ('PPS', 'PANTARLIH', 'KPPS') AND "
                + _raw_is_null(dataset, "desa_kelurahan"),
                "desa_kelurahan",
                RAW,
                _fmt("required_for_body", body="badan"),
            ),
            _issue(
                "badan IN ('PANTARLIH', 'KPPS') AND " + _raw_is_null(dataset, "tps"),
                "tps",
                RAW,
                _fmt("required_for_body", body="badan"),
            ),
            # The unit's own column names the duplicate: kecamatan for PPK, desa_kelurahan
            # for PPS, tps for PANTARLIH and KPPS.
            _duplicates(
                "kode_wilayah, badan, lower(kecamatan), "
                "CASE WHEN badan = 'PPK' THEN '' ELSE coalesce(lower(desa_kelurahan), '') END, "
                "CASE WHEN badan IN ('PPK', 'PPS') THEN '' ELSE coalesce(tps, '') END",
                "CASE badan WHEN 'PPK' THEN 'kecamatan' WHEN 'PPS' THEN 'desa_kelurahan' "
                "ELSE 'tps' END",
                RAW,
                "duplicate_unit",
                "kode_wilayah IS NOT NULL AND badan IS NOT NULL AND kecamatan IS NOT NULL",
            ),
            _issue(
                f"badan IS NOT NULL AND kebutuhan IS NOT NULL AND NOT list_contains("
                f"{standard}[badan], kebutuhan)",
                "kebutuhan",
                RAW,
                _fmt("warn_nonstandard_need", value="kebutuhan", body="badan", standard=label),
                WARNING,
            ),
        ]
        for body, ref_col, key in (
            ("PPK", "jumlah_kecamatan", "warn_fewer_ppk"),
            ("PPS", "jumlah_desa_kelurahan", "warn_fewer_pps"),
        ):
            checks.append(
                "SELECT NULL AS line, 'badan' AS \"column\", "
                f"'{body}' AS value, false AS from_raw, "
                + _fmt(key, rows="n", region="w.nama", expected=f"w.{ref_col}")
                + f" AS message, '{WARNING}' AS severity FROM (SELECT kode_wilayah, count(*) n "
                f"FROM {TYPED} WHERE badan = '{body}' GROUP BY kode_wilayah) c "
                f"JOIN ref_regions w ON w.kode_wilayah = c.kode_wilayah WHERE n < w.{ref_col}"
            )
    elif dataset.name == "bimtek":
        checks += [
            _issue(
                "peserta_tuntas > peserta_hadir",
                "peserta_tuntas",
                RAW,
                _fmt("tuntas_gt_hadir", tuntas="peserta_tuntas", hadir="peserta_hadir"),
            ),
            _issue(
                "tanggal_selesai < tanggal_mulai",
                "tanggal_selesai",
                RAW,
                _fmt("end_before_start", start="strftime(tanggal_mulai, '%d-%m-%Y')"),
            ),
            _issue(
                "peserta_hadir > peserta_target",
                "peserta_hadir",
                RAW,
                _fmt("warn_over_target", hadir="peserta_hadir", target="peserta_target"),
                WARNING,
            ),
        ]
    elif dataset.name == "persiapan_pencalonan":
        as_of_sql = f"DATE '{as_of.isoformat()}'"
        checks += [
            _issue(
                "status = 'selesai' AND " + _raw_is_null(dataset, "tanggal_selesai"),
                "tanggal_selesai",
                RAW,
                _lit(msg("done_without_date")),
            ),
            _issue(
                f"tanggal_selesai > {as_of_sql}",
                "tanggal_selesai",
                RAW,
                _lit(msg("done_after_as_of", as_of=as_of.strftime("%d-%m-%Y"))),
            ),
            _duplicates(
                "kode_wilayah, kode_item",
                "'kode_item'",
                RAW,
                "duplicate_item",
                "kode_wilayah IS NOT NULL AND kode_item IS NOT NULL",
            ),
        ]
    return checks


@dataclass(frozen=True)
class Repeats:
    """A duplicate check: ``sql`` lists the repeats; ``key`` and ``where`` let a cheap
    test skip it when no two keys can be equal."""

    key: str
    where: str
    sql: str


def _may_repeat(con: duckdb.DuckDBPyConnection, check: Repeats, column: str | None) -> bool:
    """Whether two rows may share the key: equal keys have equal hashes, so sorted
    distinct hashes prove there is no repeat (numpy sorts a million in milliseconds).
    ``column`` holds the hashes when they were computed while typing."""
    sql = (
        f"SELECT hash({check.key}) AS h FROM {TYPED} WHERE {check.where}"
        if column is None
        else f"SELECT {column} AS h FROM {TYPED} WHERE {column} IS NOT NULL"
    )
    hashes = con.execute(sql).fetchnumpy()["h"]
    hashes.sort()
    return bool((hashes[1:] == hashes[:-1]).any())


def _duplicates(key: str, column: str, value: object, message_key: str, where: str) -> Repeats:
    """Every repeated unit after its first line, with the first line named.

    ``column`` is an SQL expression over the typed table; ``value`` is RAW. Rows whose key
    hash is unique cannot repeat a unit: only the others are compared exactly.
    """
    assert value is RAW
    dup_key = f"concat_ws('|', {key})"
    candidates = (
        f"(SELECT * FROM {TYPED} WHERE {where} AND hash({key}) IN (SELECT hash({key}) "
        f"FROM {TYPED} WHERE {where} GROUP BY 1 HAVING count(*) > 1))"
    )
    return Repeats(
        key,
        where,
        (
            f"WITH c AS MATERIALIZED {candidates} "
            'SELECT t.line, t.col AS "column", '
            + _value(RAW)
            + ", "
            + _fmt(message_key, first="d.first_line")
            + f" AS message, '{ERROR}' AS severity FROM (SELECT {LINE} AS line, {column} AS col, "
            f"{dup_key} AS k FROM c) t JOIN (SELECT {dup_key} AS k, min({LINE}) AS first_line "
            "FROM c GROUP BY 1 HAVING count(*) > 1) d ON t.k = d.k "
            "WHERE t.line <> d.first_line"
        ),
    )


def validate_staged(
    con: duckdb.DuckDBPyConnection, dataset: Dataset, read: ReadResult, as_of: dt.date
) -> Verdict:
    """Type the staged rows into ``staging_typed`` and collect every issue."""
    install_helpers(con)
    present = set(_staged_columns(con, read.table))
    has_line = read.first_line is None
    row_checks = _row_checks(dataset, as_of)
    repeats = [c for c in row_checks if isinstance(c, Repeats)]
    # The key hash of each duplicate check is computed while typing (same pass); it holds
    # as long as no lookup column is respelled below.
    hashes = [f"CASE WHEN {c.where} THEN hash({c.key}) END" for c in repeats]
    sql = _typed_select(dataset, present, read.table, has_line, read.single_spaces, hashes)
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {TYPED_FILE} AS {sql}")
    except duckdb.InvalidInputException:
        if read.read_exactly is None:
            raise
        # A record wider than the header and its spare columns: read exactly, then type.
        read.read_exactly()
        has_line = True
        sql = _typed_select(dataset, present, read.table, has_line, read.single_spaces, hashes)
        con.execute(f"CREATE OR REPLACE TEMP TABLE {TYPED_FILE} AS {sql}")
    respelled = False
    for col in dataset.columns:
        if col.name in present and (kind := _lookup_kind(col)):
            respelled |= _map_lookup_column(con, dataset, col.name, kind)
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
    lined = _LinedRaw(con, read)
    month_first = _month_first_dates(con, dataset, present, read, lined)
    required = [f'"{c.name}" IS NULL' for c in dataset.columns if c.required]
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {FLAGGED} AS SELECT * FROM {TYPED} "
        f"WHERE {' OR '.join([f'{FLAGS} <> 0', *required])}"
    )
    # A second look at the flagged rows, with their text: rows without any data (a title,
    # a repeated header, a note, a signature block) and subtotal rows labelled at the end
    # ("Magelang Selatan Total", as Excel's Subtotal writes them) miss required cells, so
    # they are among the flagged rows: found there, then left out with a warning.
    con.execute(f"CREATE OR REPLACE TEMP TABLE {SKIPPED} (line BIGINT, reason VARCHAR)")
    if con.execute(f"SELECT count(*) FROM {FLAGGED}").fetchall()[0][0]:
        total, note = _skip_rules(dataset, present)
        con.execute(
            f"INSERT INTO {SKIPPED} SELECT f.{LINE}, CASE WHEN {total} THEN 'total' "
            f"ELSE 'note' END FROM {FLAGGED} f JOIN {lined.table()} r ON r.{LINE} = f.{LINE} "
            f"WHERE ({total}) OR ({note})"
        )
    if con.execute(f"SELECT count(*) FROM {SKIPPED}").fetchall()[0][0]:
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW {TYPED} AS SELECT * EXCLUDE (is_total) "
            f"FROM {TYPED_ALL} WHERE NOT is_total AND {LINE} NOT IN (SELECT line FROM {SKIPPED})"
        )
        con.execute(f"DELETE FROM {FLAGGED} WHERE {LINE} IN (SELECT line FROM {SKIPPED})")
    issues = [
        _issue("is_total", "-", "NULL", _lit(msg("warn_total_row")), WARNING, source=TYPED_ALL),
        f"SELECT line, '-' AS \"column\", NULL::VARCHAR AS value, false AS from_raw, "
        f"{_lit(msg('warn_total_row'))} AS message, '{WARNING}' AS severity FROM {SKIPPED} "
        "WHERE reason = 'total'",
        f"SELECT line, '-' AS \"column\", {_value(RAW)}, {_lit(msg('warn_note_row'))} AS message, "
        f"'{WARNING}' AS severity FROM {SKIPPED} WHERE reason = 'note'",
        # Values beyond the header (total rows left out).
        f'SELECT {LINE} AS line, {OVERFLOW_COLUMN} AS "column", {OVERFLOW} AS value, '
        f"false AS from_raw, {_lit(msg('value_outside_columns'))} AS message, "
        f"'{ERROR}' AS severity FROM {TYPED} WHERE {OVERFLOW} IS NOT NULL",
    ]
    issues += [
        f"SELECT NULL AS line, '{column}' AS \"column\", {_lit(example)} AS value, false AS "
        f"from_raw, {_lit(msg('warn_month_first', example=example))} AS message, "
        f"'{WARNING}' AS severity"
        for column, example in month_first
    ]
    issues += _cell_checks(dataset, present)
    for check in row_checks:
        if isinstance(check, Repeats):
            column = None if respelled else f"{KEY_HASH}{repeats.index(check)}"
            if not _may_repeat(con, check, column):
                continue
            check = check.sql
        issues.append(check)
    union = " UNION ALL ".join(f"({q})" for q in issues)
    con.execute(f"CREATE OR REPLACE TEMP TABLE staging_issues AS {union}")
    order = 'ORDER BY line NULLS FIRST, severity, "column", value'
    if con.execute("SELECT count(*) FROM staging_issues WHERE from_raw").fetchall()[0][0]:
        # The cell as written, read back by line from the staged text (few rows); for a
        # row without data (column '-'), its cells.
        staged = [f"r.{LABEL}"] if LABEL in present else []  # a note in the No column
        staged += [f'r."{c.name}"' for c in dataset.columns if c.name in present]
        raw = (
            " ".join(
                f"WHEN '{c.name}' THEN r.\"{c.name}\"" for c in dataset.columns if c.name in present
            )
            + f" WHEN '-' THEN concat_ws(' | ', {', '.join([*staged, f'r.{OVERFLOW}'])})"
        )
        frame = con.execute(
            f'SELECT i.line, i."column", CASE WHEN i.from_raw THEN CASE i."column" {raw} END '
            "ELSE i.value END AS value, i.message, i.severity FROM staging_issues i "
            f"LEFT JOIN {lined.table()} r ON i.from_raw AND r.{LINE} = i.line {order}"
        ).df()
    else:
        frame = con.execute(
            f'SELECT line, "column", value, message, severity FROM staging_issues {order}'
        ).df()
    frame = frame.astype({"line": "Int64"})
    # Header warnings (no line): columns ignored because unknown or given twice.
    header_rows = [
        [pd.NA, unknown, None, msg("warn_unknown_column"), WARNING]
        for unknown in read.unknown_columns
    ] + [
        [pd.NA, header, None, msg("warn_ignored_column", column=name, used=used), WARNING]
        for header, name, used in read.ignored_columns
    ]
    if header_rows:
        extra = pd.DataFrame(header_rows, columns=ISSUE_COLUMNS).astype({"line": "Int64"})
        frame = pd.concat([frame, extra], ignore_index=True)
    per_region = con.execute(
        f"SELECT kode_wilayah, count(*) FROM {TYPED} GROUP BY 1 ORDER BY 1"
    ).fetchall()
    region_rows = {code: n for code, n in per_region if code is not None}
    rows = sum(n for _, n in per_region)
    totals = con.execute(f"SELECT count(*) FROM {TYPED_ALL} WHERE is_total").fetchall()[0][0]
    read.row_count = rows + totals
    return Verdict(dataset, read, frame, rows, list(region_rows), region_rows)


_SLASH_DATE = "^(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})$"


def _month_first_dates(
    con: duckdb.DuckDBPyConnection,
    dataset: Dataset,
    present: set[str],
    read: ReadResult,
    lined: _LinedRaw,
) -> list[tuple[str, str]]:
    """Read slash dates month first (5/20/2024, as English-locale Google Sheets write them)
    when some date of the file can only be month first, none can only be day first and
    none is zero-padded as day-first sheets write them.

    Looked at only when some date was unreadable day first. Returns [(the date columns,
    an example)] when they were re-read.
    """
    columns = [c.name for c in dataset.columns if c.kind == DATE and c.name in present]
    bits = sum(_flag_bits(dataset, c)[0] for c in columns)
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
        unreadable = _flag_bits(dataset, column)[0]
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


def _identity_cells(dataset: Dataset, present: set[str]) -> list[str]:
    """The staged cells ``r.<column>`` that name a row (codes, body, TPS, key columns) and
    the No column: where a total or subtotal row writes its label."""
    cells = [
        f'r."{c.name}"'
        for c in dataset.columns
        if c.name in present
        and (c.kind in (REGION, BODY, MODULE, ITEM, TPS) or c.name in dataset.key)
    ]
    return cells + ([f"r.{LABEL}"] if LABEL in present else [])


_EXCEL_ERROR = "#(N/A|VALUE!|REF!|DIV/0!|NAME\\?|NULL!|NUM!|SPILL!|CALC!|GETTING_DATA)"


def _skip_rules(dataset: Dataset, present: set[str]) -> tuple[str, str]:
    """SQL over a flagged typed row ``f`` and its staged text ``r``: (a subtotal labelled
    at the end, a row without data).

    Without data: no code is known, no number or date is there, no cell that should hold
    one has a digit, and no cell holds an Excel error (a row of broken formulas is data).
    """
    cells = [c for c in dataset.columns if c.name in present]
    total = " OR ".join(
        f"coalesce(regexp_matches({c}, '(?i)\\S\\s+(total|jumlah)$'), false)"
        for c in _identity_cells(dataset, present)
    )
    typed = [
        f'f."{c.name}" IS NULL' for c in cells if _lookup_kind(c) or c.kind in (INT, DATE, URL)
    ]
    digits = [f"""NOT coalesce(regexp_matches(r."{c.name}", '^[0-9]'), false)"""
              for c in cells if c.kind in (INT, DATE)]  # fmt: skip
    errors = [
        f"""NOT coalesce(regexp_full_match(r."{c.name}", '{_EXCEL_ERROR}'), false)""" for c in cells
    ]
    # A unit named (a kecamatan, a desa, not a header word) with counts or dates written,
    # however badly, is a data row: its errors are shown, it is never skipped.
    header_words = ", ".join(map(_lit, sorted(header_lookup(dataset))))
    unit = [
        f"""(r."{c.name}" IS NOT NULL AND lower(regexp_replace(r."{c.name}", """
        f"""'[^0-9A-Za-z]', '', 'g')) NOT IN ({header_words}))"""
        for c in cells
        if c.kind == TEXT and c.name in dataset.key
    ]
    values = [f'r."{c.name}" IS NOT NULL' for c in cells if c.kind in (INT, DATE)]
    if unit and values:
        digits.append(f"NOT (({' OR '.join(unit)}) AND ({' OR '.join(values)}))")
    note = " AND ".join([*typed, *digits, *errors]) if typed else "false"
    return total or "false", note


class _LinedRaw:
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


def _staged_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
