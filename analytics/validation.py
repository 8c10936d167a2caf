"""Validate a staged upload against its dataset schema, in SQL, reporting every problem."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

import duckdb
import pandas as pd

from analytics import reference
from analytics.messages import MESSAGES, msg
from analytics.reading import LINE, OVERFLOW, OVERFLOW_COLUMN, ReadResult
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
)

ISSUE_COLUMNS = ["line", "column", "value", "message", "severity"]
ERROR, WARNING = "error", "warning"
TYPED = "staging_typed"
LOOKUP = "siaga_lookup"  # kind, spelling, value: every accepted spelling of lookup columns

_INT_PATTERN = r"^(\d{1,3}(?:\.\d{3})+|\d+)(?:,0+|\.0{1,2})?$"
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
_TOTAL_PATTERN = r"^(jumlah|total|jml|sub ?total|grand ?total)\b"
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
        con.execute(
            f"SELECT siaga_date('2024-08-15'), siaga_int('1'), (SELECT count(*) FROM {LOOKUP}), "
            "(SELECT count(*) FROM ref_regions), (SELECT count(*) FROM body_standard)"
        ).fetchall()
        return  # already installed on this connection
    except duckdb.Error:
        pass
    con.execute(
        "CREATE OR REPLACE TEMP MACRO siaga_int(v) AS CASE WHEN v IS NULL THEN NULL "
        "WHEN regexp_full_match(v, '\\d{1,18}') THEN TRY_CAST(v AS BIGINT) "
        "WHEN v IN ('-', '–', '—') THEN 0 "
        "ELSE TRY_CAST(replace(regexp_extract(regexp_replace(v, '[\\s\u00a0]', '', 'g'), "
        f"'{_INT_PATTERN}', 1), '.', '') AS BIGINT) END"
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
    con.execute(
        "CREATE OR REPLACE TEMP MACRO siaga_date_any(v) AS CASE WHEN v IS NULL THEN NULL "
        "WHEN regexp_full_match(v, '\\d{5}') AND CAST(v AS INTEGER) BETWEEN 30000 AND 60000 "
        f"THEN DATE '{EXCEL_EPOCH.isoformat()}' + CAST(v AS INTEGER) "
        "WHEN regexp_full_match(v, '\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2}') "
        f"THEN CAST(try_strptime(v, [{short}]) AS DATE) "
        f"ELSE coalesce(CAST(try_strptime(v, [{formats}]) AS DATE), siaga_date_words("
        f"regexp_replace(lower(trim(v)), '^{_DAY_NAMES}\\s*,?\\s*', ''))) END"
    )
    con.execute(
        "CREATE OR REPLACE TEMP MACRO siaga_date(v) AS CASE WHEN year(siaga_date_any(v)) "
        "BETWEEN 2000 AND 2100 THEN siaga_date_any(v) ELSE NULL END"
    )
    _create_table(con, LOOKUP, _lookup_frame())
    regions, standard = _reference_frames()
    _create_table(con, "ref_regions", regions)
    _create_table(con, "body_standard", standard)


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


def _typed_select(dataset: Dataset, present: set[str]) -> tuple[str, list[str]]:
    """SELECT that turns the raw text columns into typed ones (NULL where unreadable)."""
    selects = [f"r.{LINE}", f"r.{OVERFLOW}", f"r.{OVERFLOW_COLUMN}"]
    joins: list[str] = []
    for col in dataset.columns:
        raw = f'r."{col.name}"'
        if col.name not in present:
            selects.append(f'NULL::{col.sql_type} AS "{col.name}"')
            selects.append(f'NULL::VARCHAR AS "raw_{col.name}"')
            continue
        selects.append(f'{raw} AS "raw_{col.name}"')
        kind = _lookup_kind(col)
        if kind:
            alias = f"j_{col.name}"
            joins.append(
                f"LEFT JOIN {LOOKUP} {alias} ON {alias}.kind = '{kind}' "
                f"AND {alias}.spelling = {_norm_sql(raw)}"
            )
            selects.append(f'{alias}.value AS "{col.name}"')
        elif col.kind == INT:
            selects.append(f'siaga_int({raw}) AS "{col.name}"')
        elif col.kind == DATE:
            selects.append(f'siaga_date({raw}) AS "{col.name}"')
        elif col.kind == TPS:
            # "1", "001", "TPS 1", "TPS No. 1" and Excel's "1.0" all become "001".
            bare = f"regexp_replace({raw}, '{_TPS_PREFIX}', '')"
            selects.append(
                f"CASE WHEN regexp_full_match({bare}, '\\d+(\\.0+)?') THEN printf('%03d', "
                f"TRY_CAST(regexp_extract({bare}, '^\\d+') AS BIGINT)) ELSE upper({bare}) "
                f'END AS "{col.name}"'
            )
        elif col.kind == URL:
            selects.append(
                f"CASE WHEN regexp_full_match({raw}, '(?i)https?://\\S+') THEN {raw} END "
                f'AS "{col.name}"'
            )
        else:  # TEXT
            selects.append(f"regexp_replace({raw}, '\\s+', ' ', 'g') AS \"{col.name}\"")
    # A JUMLAH/TOTAL row: one of the identifying cells starts with jumlah, total, ...
    identity = [
        f'r."{c.name}"'
        for c in dataset.columns
        if c.name in present
        and (c.kind in (REGION, BODY, MODULE, ITEM, TPS) or c.name in dataset.key)
    ]
    selects.append(
        "("
        + " OR ".join(
            f"coalesce(regexp_matches({c}, '(?i){_TOTAL_PATTERN}'), false)" for c in identity
        )
        + ") AS is_total"
        if identity
        else "false AS is_total"
    )
    sql = "SELECT " + ", ".join(selects) + " FROM {raw} r " + " ".join(joins)
    return sql, joins


def _cell_checks(dataset: Dataset, present: set[str]) -> list[str]:
    """One SELECT per cell rule, each yielding (line, column, value, message, severity)."""
    checks = []
    for col in dataset.columns:
        c, raw = f'"{col.name}"', f'"raw_{col.name}"'
        if col.required:
            checks.append(_issue(f"{raw} IS NULL", col.name, raw, _lit(msg("required"))))
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
                _issue(f"{raw} IS NOT NULL AND {c} IS NULL", col.name, raw, _lit(message))
            )
        if col.kind in (TEXT, TPS):
            checks.append(
                _issue(
                    f"length({raw}) > {col.max_length}",
                    col.name,
                    raw,
                    _lit(msg("too_long", limit=col.max_length)),
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


def _issue(condition: str, column: str, value: str, message: str, severity: str = ERROR) -> str:
    return (
        f"SELECT {LINE} AS line, '{column}' AS \"column\", CAST({value} AS VARCHAR) AS value, "
        f"{message} AS message, '{severity}' AS severity FROM {TYPED} WHERE {condition}"
    )


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


def _row_checks(dataset: Dataset, as_of: dt.date) -> list[str]:
    checks: list[str] = []
    if dataset.name == "badan_adhoc":
        checks += [
            _issue(
                "dilantik > terisi",
                "dilantik",
                "raw_dilantik",
                _fmt("dilantik_gt_terisi", dilantik="dilantik", terisi="terisi"),
            ),
            _issue(
                "terisi > kebutuhan",
                "terisi",
                "raw_terisi",
                _fmt("terisi_gt_kebutuhan", terisi="terisi", kebutuhan="kebutuhan"),
            ),
            _issue(
                "perempuan > terisi",
                "perempuan",
                "raw_perempuan",
                _fmt("perempuan_gt_terisi", perempuan="perempuan", terisi="terisi"),
            ),
            _issue(
                "badan IN ('PPS', 'PANTARLIH', 'KPPS') AND raw_desa_kelurahan IS NULL",
                "desa_kelurahan",
                "raw_desa_kelurahan",
                _fmt("required_for_body", body="badan"),
            ),
            _issue(
                "badan IN ('PANTARLIH', 'KPPS') AND raw_tps IS NULL",
                "tps",
                "raw_tps",
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
                "CASE badan WHEN 'PPK' THEN raw_kecamatan WHEN 'PPS' THEN raw_desa_kelurahan "
                "ELSE raw_tps END",
                "duplicate_unit",
                "kode_wilayah IS NOT NULL AND badan IS NOT NULL AND kecamatan IS NOT NULL",
            ),
            _issue(
                "badan IS NOT NULL AND kebutuhan IS NOT NULL AND NOT list_contains("
                "(SELECT standard FROM body_standard s WHERE s.badan = t.badan), kebutuhan)",
                "kebutuhan",
                "raw_kebutuhan",
                _fmt(
                    "warn_nonstandard_need",
                    value="kebutuhan",
                    body="badan",
                    standard="(SELECT label FROM body_standard s WHERE s.badan = t.badan)",
                ),
                WARNING,
            ).replace(f"FROM {TYPED}", f"FROM {TYPED} t"),
        ]
        for body, ref_col, key in (
            ("PPK", "jumlah_kecamatan", "warn_fewer_ppk"),
            ("PPS", "jumlah_desa_kelurahan", "warn_fewer_pps"),
        ):
            checks.append(
                "SELECT NULL AS line, 'badan' AS \"column\", "
                f"'{body}' AS value, "
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
                "raw_peserta_tuntas",
                _fmt("tuntas_gt_hadir", tuntas="peserta_tuntas", hadir="peserta_hadir"),
            ),
            _issue(
                "tanggal_selesai < tanggal_mulai",
                "tanggal_selesai",
                "raw_tanggal_selesai",
                _fmt("end_before_start", start="strftime(tanggal_mulai, '%d-%m-%Y')"),
            ),
            _issue(
                "peserta_hadir > peserta_target",
                "peserta_hadir",
                "raw_peserta_hadir",
                _fmt("warn_over_target", hadir="peserta_hadir", target="peserta_target"),
                WARNING,
            ),
        ]
    elif dataset.name == "persiapan_pencalonan":
        as_of_sql = f"DATE '{as_of.isoformat()}'"
        checks += [
            _issue(
                "status = 'selesai' AND raw_tanggal_selesai IS NULL",
                "tanggal_selesai",
                "raw_tanggal_selesai",
                _lit(msg("done_without_date")),
            ),
            _issue(
                f"tanggal_selesai > {as_of_sql}",
                "tanggal_selesai",
                "raw_tanggal_selesai",
                _lit(msg("done_after_as_of", as_of=as_of.strftime("%d-%m-%Y"))),
            ),
            _duplicates(
                "kode_wilayah, kode_item",
                "'kode_item'",
                "raw_kode_item",
                "duplicate_item",
                "kode_wilayah IS NOT NULL AND kode_item IS NOT NULL",
            ),
        ]
    return checks


def _duplicates(key: str, column: str, value: str, message_key: str, where: str) -> str:
    """Every repeated unit after its first line, with the first line named.

    ``column`` and ``value`` are SQL expressions over the typed table.
    """
    dup_key = f"concat_ws('|', {key})"
    return (
        'SELECT t.line, t.col AS "column", CAST(t.value AS VARCHAR) AS value, '
        + _fmt(message_key, first="d.first_line")
        + f" AS message, '{ERROR}' AS severity FROM (SELECT {LINE} AS line, {column} AS col, "
        f"{value} AS value, {dup_key} AS k "
        f"FROM {TYPED} WHERE {where}) t JOIN (SELECT {dup_key} AS k, min({LINE}) AS first_line "
        f"FROM {TYPED} WHERE {where} GROUP BY 1 HAVING count(*) > 1) d ON t.k = d.k "
        "WHERE t.line <> d.first_line"
    )


def validate_staged(
    con: duckdb.DuckDBPyConnection, dataset: Dataset, read: ReadResult, as_of: dt.date
) -> Verdict:
    """Type the staged rows into ``staging_typed`` and collect every issue."""
    install_helpers(con)
    present = set(_staged_columns(con, read.table))
    sql, _ = _typed_select(dataset, present)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {TYPED} AS " + sql.format(raw=read.table))
    # JUMLAH/TOTAL rows: remembered as warnings, then left out of everything else.
    con.execute(f"CREATE OR REPLACE TEMP TABLE staging_totals AS {_total_rows_issue()}")
    con.execute(f"DELETE FROM {TYPED} WHERE is_total")
    issues = [
        "SELECT * FROM staging_totals",
        f'SELECT {LINE} AS line, {OVERFLOW_COLUMN} AS "column", {OVERFLOW} AS value, '
        f"{_lit(msg('value_outside_columns'))} AS message, '{ERROR}' AS severity "
        f"FROM {TYPED} WHERE {OVERFLOW} IS NOT NULL",
    ]
    issues += _cell_checks(dataset, present)
    issues += _row_checks(dataset, as_of)
    union = " UNION ALL ".join(f"({q})" for q in issues)
    frame = con.execute(
        f'SELECT * FROM ({union}) ORDER BY line NULLS FIRST, severity, "column", value'
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
    regions = [
        r[0]
        for r in con.execute(
            f"SELECT DISTINCT kode_wilayah FROM {TYPED} WHERE kode_wilayah IS NOT NULL ORDER BY 1"
        ).fetchall()
    ]
    rows = con.execute(f"SELECT count(*) FROM {TYPED}").fetchall()[0][0]
    return Verdict(dataset, read, frame, rows, regions)


def _staged_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]


def _total_rows_issue() -> str:
    return _issue("is_total", "-", "NULL", _lit(msg("warn_total_row")), WARNING)
