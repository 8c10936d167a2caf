"""Rules: the cell checks every column kind implies and the dataset's declared checks, as issue queries."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

import duckdb

from analytics import reference
from analytics.contract import (
    BODY,
    CHOICE,
    DATE,
    ERROR,
    INT,
    ITEM,
    MODULE,
    REGION,
    TEXT,
    TPS,
    URL,
    WARNING,
    Check,
    Dataset,
    FewerRowsThanUnits,
    OfficialUnits,
    Unique,
)
from analytics.messages import MESSAGES, msg
from analytics.upload.conversion import flag_bits, flag_set, raw_is_null
from analytics.upload.lookups import reference_frames
from analytics.upload.staging import FLAGGED, LINE, TYPED, TYPED_CODED, UNITS, lit

RAW = object()  # value of an issue: the raw text of its column in its line


def cell_checks(dataset: Dataset, present: set[str]) -> list[str]:
    """One SELECT per cell rule, each yielding (line, column, value, message, severity).

    They read FLAGGED: only rows with a flag or an empty required cell can fail them."""
    checks = []
    for col in dataset.columns:
        unreadable, too_long = flag_bits(dataset, col.name)
        if col.required:
            checks.append(
                issue(
                    raw_is_null(dataset, col.name),
                    col.name,
                    RAW,
                    lit(msg("required")),
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
            checks.append(issue(flag_set(unreadable), col.name, RAW, lit(message), source=FLAGGED))
        if col.kind in (TEXT, TPS):
            checks.append(
                issue(
                    flag_set(too_long),
                    col.name,
                    RAW,
                    lit(msg("too_long", limit=col.max_length)),
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


def issue(
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
        f"SELECT {LINE} AS line, '{column}' AS \"column\", {value_columns(value)}, "
        f"{message} AS message, '{severity}' AS severity FROM {source} WHERE {condition}"
    )


def value_columns(value: str | object) -> str:
    """The value and from_raw columns of an issue query."""
    if value is RAW:
        return "NULL::VARCHAR AS value, true AS from_raw"
    return f"CAST({value} AS VARCHAR) AS value, false AS from_raw"


def message_sql(template_key: str, **sql_values: str) -> str:
    """A message template filled by SQL expressions: 'a {x} b' -> 'a ' || x || ' b'."""
    parts = re.split(r"\{(\w+)\}", MESSAGES[template_key])
    pieces = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            if part:
                pieces.append(lit(part))
        else:
            pieces.append(f"CAST({sql_values[part]} AS VARCHAR)")
    return " || ".join(pieces) if pieces else "''"


def row_checks(dataset: Dataset, as_of: dt.date) -> list[str | Repeats]:
    """The dataset's declared checks (``Dataset.checks``) as issue queries over the typed
    rows; duplicate checks as ``Repeats`` (run only when two keys may be equal)."""
    return [_compiled(check, dataset, as_of) for check in dataset.checks]


def _compiled(
    check: Check | Unique | FewerRowsThanUnits | OfficialUnits, dataset: Dataset, as_of: dt.date
) -> str | Repeats:
    if isinstance(check, OfficialUnits):
        return unit_issues(check)
    if isinstance(check, Unique):
        found = duplicates(check.key, check.column, check.message, check.when)
        return replace(found, written=check.written) if check.written else found
    if isinstance(check, FewerRowsThanUnits):
        message = message_sql(check.message, rows="n", region="w.nama", expected=f"w.{check.units}")
        return (
            "SELECT NULL AS line, 'badan' AS \"column\", "
            f"{lit(check.body)} AS value, false AS from_raw, {message} AS message, "
            f"'{WARNING}' AS severity FROM (SELECT kode_wilayah, count(*) n FROM {TYPED} "
            f"WHERE badan = {lit(check.body)} GROUP BY kode_wilayah) c "
            f"JOIN ref_regions w ON w.kode_wilayah = c.kode_wilayah WHERE n < w.{check.units}"
        )
    broken = _placed(check.broken, as_of)
    if check.missing:
        broken = f"{broken} AND {raw_is_null(dataset, check.column)}"
    values = {name: _placed(expr, as_of) for name, expr in check.values}
    return issue(broken, check.column, RAW, message_sql(check.message, **values), check.severity)


def unit_issues(rule: OfficialUnits) -> str:
    """Issue query: every row whose kecamatan or desa/kelurahan matched no official unit
    (UNITS, made by ``units.match_units``); the value shown is the cell as written."""
    parts = []
    for column, problem in ((rule.kecamatan, "kecamatan_problem"), (rule.desa, "desa_problem")):
        parts.append(
            f"SELECT t.{LINE} AS line, '{column}' AS \"column\", {value_columns(RAW)}, "
            f"u.{problem} AS message, '{ERROR}' AS severity FROM {TYPED} t "
            f"JOIN (SELECT * FROM {UNITS} WHERE {problem} IS NOT NULL) u "
            f'ON t.kode_wilayah = u.kode_wilayah AND t."{rule.kecamatan}" = u.kecamatan '
            f'AND t."{rule.desa}" IS NOT DISTINCT FROM u.desa_kelurahan'
        )
    return " UNION ALL ".join(parts)


def _placed(sql: str, as_of: dt.date) -> str:
    """``sql`` with the placeholders of a declared check filled in (see ``schema.Check``)."""
    if "{standard_" in sql:
        bodies = reference_frames()[1]
        keys = ", ".join(map(lit, bodies["badan"]))
        seats = f"MAP([{keys}], {[list(map(int, v)) for v in bodies['standard']]})"
        labels = f"MAP([{keys}], [{', '.join(map(lit, bodies['label']))}])"
        sql = sql.replace("{standard_seats}", seats).replace("{standard_label}", labels)
    return sql.replace("{as_of}", f"DATE '{as_of.isoformat()}'")


@dataclass(frozen=True)
class Repeats:
    """A duplicate check: ``sql`` lists the repeats; ``key`` and ``where`` let a cheap
    test skip it when no two keys can be equal. ``written`` (key, where) is what is
    hashed while typing when the key needs the unit codes (see ``Unique.written``)."""

    key: str
    where: str
    sql: str
    written: tuple[str, str] | None = None

    @property
    def early(self) -> tuple[str, str]:
        """(key, where) hashed while typing."""
        return self.written or (self.key, self.where)


def may_repeat(con: duckdb.DuckDBPyConnection, check: Repeats, column: str | None) -> bool:
    """Whether two rows may share the key: equal keys have equal hashes, so sorted
    distinct hashes prove there is no repeat (numpy sorts a million in milliseconds).
    ``column`` holds the hashes when they were computed while typing."""
    sql = (
        f"SELECT hash({check.key}) AS h FROM {TYPED_CODED} WHERE {check.where}"
        if column is None
        else f"SELECT {column} AS h FROM {TYPED} WHERE {column} IS NOT NULL"
    )
    hashes = con.execute(sql).fetchnumpy()["h"]
    hashes.sort()
    return bool((hashes[1:] == hashes[:-1]).any())


def duplicates(key: str, column: str, message_key: str, where: str) -> Repeats:
    """Every repeated unit after its first line, with the first line named (the value is
    the raw text of the named column).

    ``column`` is an SQL expression over the typed table. Rows whose key hash is unique
    cannot repeat a unit: only the others are compared exactly.
    """
    dup_key = f"concat_ws('|', {key})"
    candidates = (
        f"(SELECT * FROM {TYPED_CODED} WHERE {where} AND hash({key}) IN (SELECT hash({key}) "
        f"FROM {TYPED_CODED} WHERE {where} GROUP BY 1 HAVING count(*) > 1))"
    )
    return Repeats(
        key,
        where,
        (
            f"WITH c AS MATERIALIZED {candidates} "
            'SELECT t.line, t.col AS "column", '
            + value_columns(RAW)
            + ", "
            + message_sql(message_key, first="d.first_line")
            + f" AS message, '{ERROR}' AS severity FROM (SELECT {LINE} AS line, {column} AS col, "
            f"{dup_key} AS k FROM c) t JOIN (SELECT {dup_key} AS k, min({LINE}) AS first_line "
            "FROM c GROUP BY 1 HAVING count(*) > 1) d ON t.k = d.k "
            "WHERE t.line <> d.first_line"
        ),
    )


def repeats(checks: list[str | Repeats]) -> list[Repeats]:
    """The duplicate checks among ``checks``, in order (their key hashes are numbered so)."""
    return [c for c in checks if isinstance(c, Repeats)]
