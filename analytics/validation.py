"""Validate a staged upload against its dataset schema, in SQL, reporting every problem."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import duckdb
import pandas as pd

from analytics import reference
from analytics.messages import msg
from analytics.reading import LINE, OVERFLOW, ReadResult
from analytics.schema import (
    BODY,
    CHOICE,
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

_INT_PATTERN = r"^(\d{1,3}(?:\.\d{3})+|\d+)(?:,0+|\.0{1,2})?$"
_DATE_FORMATS = [
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%Y/%m/%d",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d-%m-%Y %H:%M",
]
_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "pebruari": 2, "maret": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "agustus": 8, "agu": 8, "agt": 8, "agst": 8, "ags": 8, "september": 9, "sep": 9,
    "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "nopember": 11,
    "desember": 12, "des": 12,
}  # fmt: skip
_TOTAL_PATTERN = r"^(jumlah|total|jml|sub ?total|grand ?total)\b"
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
    """Macros and lookup tables the typed conversion uses (temp, per connection)."""
    con.execute(
        "CREATE OR REPLACE TEMP MACRO siaga_int(v) AS CASE WHEN v IS NULL THEN NULL "
        "WHEN regexp_full_match(v, '\\d{1,18}') THEN TRY_CAST(v AS BIGINT) "
        "WHEN v IN ('-', '–') THEN 0 "
        "ELSE TRY_CAST(replace(regexp_extract(regexp_replace(v, '[\\s\u00a0]', '', 'g'), "
        f"'{_INT_PATTERN}', 1), '.', '') AS BIGINT) END"
    )
    months = " ".join(f"WHEN m = '{name}' THEN {num}" for name, num in sorted(_MONTHS.items()))
    formats = ", ".join(f"'{f}'" for f in _DATE_FORMATS)
    con.execute("CREATE OR REPLACE TEMP MACRO siaga_month(m) AS CASE " + months + " ELSE NULL END")
    con.execute(
        "CREATE OR REPLACE TEMP MACRO siaga_date_any(v) AS CASE WHEN v IS NULL THEN NULL "
        "WHEN regexp_full_match(v, '\\d{5}') AND CAST(v AS INTEGER) BETWEEN 30000 AND 60000 "
        f"THEN DATE '{EXCEL_EPOCH.isoformat()}' + CAST(v AS INTEGER) "
        f"ELSE coalesce(CAST(try_strptime(v, [{formats}]) AS DATE), "
        "TRY_CAST(try_strptime(regexp_extract(lower(v), '^(\\d{1,2})\\s+[a-z]+\\.?\\s+\\d{4}$', 1) "
        "|| '-' || CAST(siaga_month(regexp_extract(lower(v), '^\\d{1,2}\\s+([a-z]+)', 1)) AS VARCHAR)"
        " || '-' || regexp_extract(v, '(\\d{4})$', 1), '%d-%m-%Y') AS DATE)) END"
    )
    con.execute(
        "CREATE OR REPLACE TEMP MACRO siaga_date(v) AS CASE WHEN year(siaga_date_any(v)) "
        "BETWEEN 2000 AND 2100 THEN siaga_date_any(v) ELSE NULL END"
    )
    regions = reference.regions()
    lookups = {
        "map_region": reference.region_spellings(
            list(regions["kode_wilayah"]), list(regions["nama"])
        ),
        "map_body": reference.body_spellings(),
        "map_module": reference.module_spellings(),
        "map_item": reference.item_spellings(),
    }
    for table, spellings in lookups.items():
        _register_lookup(con, table, spellings)


def _register_lookup(con: duckdb.DuckDBPyConnection, table: str, spellings: dict[str, str]):
    frame = pd.DataFrame(
        {"spelling": [_norm_py(s) for s in spellings], "value": list(spellings.values())}
    ).drop_duplicates("spelling")
    con.register("_lookup_frame", frame)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM _lookup_frame")
    con.unregister("_lookup_frame")


def _choice_table(col: Column) -> str:
    return f"map_choice_{col.name}"


def _typed_select(dataset: Dataset, present: set[str]) -> tuple[str, list[str]]:
    """SELECT that turns the raw text columns into typed ones (NULL where unreadable)."""
    selects = [f"r.{LINE}", f"r.{OVERFLOW}"]
    joins: list[str] = []
    for col in dataset.columns:
        raw = f'r."{col.name}"'
        if col.name not in present:
            selects.append(f'NULL::{col.sql_type} AS "{col.name}"')
            selects.append(f'NULL::VARCHAR AS "raw_{col.name}"')
            continue
        selects.append(f'{raw} AS "raw_{col.name}"')
        lookup = {
            REGION: "map_region",
            BODY: "map_body",
            MODULE: "map_module",
            ITEM: "map_item",
            CHOICE: _choice_table(col),
        }.get(col.kind)
        if lookup:
            alias = f"j_{col.name}"
            joins.append(f"LEFT JOIN {lookup} {alias} ON {alias}.spelling = {_norm_sql(raw)}")
            selects.append(f'{alias}.value AS "{col.name}"')
        elif col.kind == INT:
            selects.append(f'siaga_int({raw}) AS "{col.name}"')
        elif col.kind == DATE:
            selects.append(f'siaga_date({raw}) AS "{col.name}"')
        elif col.kind == TPS:
            selects.append(
                f"CASE WHEN regexp_full_match(regexp_replace({raw}, '^(?i)tps\\s*', ''), '\\d+') "
                f"THEN lpad(CAST(TRY_CAST(regexp_replace({raw}, '^(?i)tps\\s*', '') AS BIGINT) "
                f"AS VARCHAR), 3, '0') ELSE upper(regexp_replace({raw}, '^(?i)tps\\s*', '')) "
                f'END AS "{col.name}"'
            )
        elif col.kind == URL:
            selects.append(
                f"CASE WHEN regexp_full_match({raw}, '(?i)https?://\\S+') THEN {raw} END "
                f'AS "{col.name}"'
            )
        else:  # TEXT
            selects.append(f"regexp_replace({raw}, '\\s+', ' ', 'g') AS \"{col.name}\"")
    identity = [f'r."{c.name}"' for c in dataset.columns[:3] if c.name in present]
    region_ok = "j_kode_wilayah.value IS NOT NULL" if "kode_wilayah" in present else "false"
    selects.append(
        f"(NOT {region_ok} AND coalesce(regexp_matches(lower(coalesce({', '.join(identity)})), "
        f"'{_TOTAL_PATTERN}'), false)) AS is_total"
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
    codes = list(reference.modules()["kode_materi"])
    return f"{codes[0]} sampai {codes[-1]}" if codes else "-"


def _item_codes() -> str:
    codes = list(reference.checklist()["kode_item"])
    return f"{codes[0]} sampai {codes[-1]}" if codes else "-"


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _issue(condition: str, column: str, value: str, message: str, severity: str = ERROR) -> str:
    return (
        f"SELECT {LINE} AS line, '{column}' AS \"column\", CAST({value} AS VARCHAR) AS value, "
        f"{message} AS message, '{severity}' AS severity FROM {TYPED} WHERE {condition}"
    )


def _fmt(template_key: str, **sql_values: str) -> str:
    """A message template filled by SQL expressions: 'a {x} b' -> 'a ' || x || ' b'."""
    parts = re.split(r"\{(\w+)\}", msg_template(template_key))
    pieces = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            if part:
                pieces.append(_lit(part))
        else:
            pieces.append(f"CAST({sql_values[part]} AS VARCHAR)")
    return " || ".join(pieces) if pieces else "''"


def msg_template(key: str) -> str:
    from analytics.messages import MESSAGES

    return MESSAGES[key]


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
            _duplicates(
                "kode_wilayah, badan, lower(kecamatan), "
                "CASE WHEN badan = 'PPK' THEN '' ELSE coalesce(lower(desa_kelurahan), '') END, "
                "CASE WHEN badan IN ('PPK', 'PPS') THEN '' ELSE coalesce(tps, '') END",
                "kecamatan",
                "raw_kecamatan",
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
                "kode_item",
                "raw_kode_item",
                "duplicate_item",
                "kode_wilayah IS NOT NULL AND kode_item IS NOT NULL",
            ),
        ]
    return checks


def _duplicates(key: str, column: str, raw: str, message_key: str, where: str) -> str:
    """Every repeated unit after its first line, with the first line named."""
    dup_key = f"concat_ws('|', {key})"
    return (
        f"SELECT t.{LINE} AS line, '{column}' AS \"column\", CAST(t.{raw} AS VARCHAR) AS value, "
        + _fmt(message_key, first="d.first_line")
        + f" AS message, '{ERROR}' AS severity FROM (SELECT {LINE}, {raw}, {dup_key} AS k "
        f"FROM {TYPED} WHERE {where}) t JOIN (SELECT {dup_key} AS k, min({LINE}) AS first_line "
        f"FROM {TYPED} WHERE {where} GROUP BY 1 HAVING count(*) > 1) d ON t.k = d.k "
        f"WHERE t.{LINE} <> d.first_line"
    )


def validate_staged(
    con: duckdb.DuckDBPyConnection, dataset: Dataset, read: ReadResult, as_of: dt.date
) -> Verdict:
    """Type the staged rows into ``staging_typed`` and collect every issue."""
    install_helpers(con)
    for col in dataset.columns:
        if col.kind == CHOICE:
            spellings = {s: value for value, names in col.choices.items() for s in (value, *names)}
            _register_lookup(con, _choice_table(col), spellings)
    _install_reference_tables(con)
    present = set(_staged_columns(con, read.table))
    sql, _ = _typed_select(dataset, present)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {TYPED} AS " + sql.format(raw=read.table))
    totals = con.execute(_total_rows_issue(dataset)).df()
    con.execute(f"DELETE FROM {TYPED} WHERE is_total")
    issues = []
    issues.append(
        _issue(
            f"{OVERFLOW} IS NOT NULL",
            "-",
            OVERFLOW,
            _lit(
                "Ada nilai di luar kolom yang berjudul. Hapus nilai itu atau beri judul kolomnya."
            ),
        )
    )
    issues += _cell_checks(dataset, present)
    issues += _row_checks(dataset, as_of)
    nik = _personal_data_check(con, read.table)
    if nik is not None:
        from analytics.reading import FileRefused

        raise FileRefused(msg("personal_nik", column=nik[0], line=nik[1]), "personal_data")
    union = " UNION ALL ".join(f"({q})" for q in issues)
    frame = con.execute(
        f'SELECT * FROM ({union}) ORDER BY line NULLS FIRST, severity, "column"'
    ).df()
    frame = pd.concat([totals, frame]) if not totals.empty else frame
    frame = frame.sort_values(["line", "severity", "column"], na_position="first", kind="stable")
    frame = frame.astype({"line": "Int64"})
    for unknown in read.unknown_columns:
        frame.loc[len(frame)] = [pd.NA, unknown, None, msg("warn_unknown_column"), WARNING]
    regions = [
        r[0]
        for r in con.execute(
            f"SELECT DISTINCT kode_wilayah FROM {TYPED} WHERE kode_wilayah IS NOT NULL ORDER BY 1"
        ).fetchall()
    ]
    rows = con.execute(f"SELECT count(*) FROM {TYPED}").fetchall()[0][0]
    return Verdict(dataset, read, frame.reset_index(drop=True), rows, regions)


def _staged_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]


def _install_reference_tables(con: duckdb.DuckDBPyConnection) -> None:
    regions = reference.regions()[
        ["kode_wilayah", "nama", "jumlah_kecamatan", "jumlah_desa_kelurahan"]
    ]
    con.register("_ref_regions", regions)
    con.execute("CREATE OR REPLACE TEMP TABLE ref_regions AS SELECT * FROM _ref_regions")
    con.unregister("_ref_regions")
    bodies = reference.read_reference("badan.csv")
    standard = pd.DataFrame(
        {
            "badan": bodies["badan"],
            "label": bodies["anggota_standar"].str.replace("|", " atau "),
            "standard": [[int(x) for x in s.split("|")] for s in bodies["anggota_standar"]],
        }
    )
    con.register("_body_standard", standard)
    con.execute("CREATE OR REPLACE TEMP TABLE body_standard AS SELECT * FROM _body_standard")
    con.unregister("_body_standard")


def _total_rows_issue(dataset: Dataset) -> str:
    return _issue("is_total", "-", "NULL", _lit(msg("warn_total_row")), WARNING)


def _personal_data_check(con: duckdb.DuckDBPyConnection, table: str) -> tuple[str, int] | None:
    cols = [c for c in _staged_columns(con, table) if c not in (LINE,)]
    if not cols:
        return None
    parts = " UNION ALL ".join(
        f"(SELECT '{c}' AS col, min({LINE}) AS line FROM {table} "
        f"WHERE regexp_full_match(\"{c}\", '\\s*\\d{{16}}\\s*') HAVING count(*) > 0)"
        for c in cols
    )
    found = con.execute(f"SELECT col, line FROM ({parts}) ORDER BY line LIMIT 1").fetchall()
    return (found[0][0], found[0][1]) if found else None
