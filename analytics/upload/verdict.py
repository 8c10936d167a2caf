"""The verdict on one upload: every issue (line, column, value as written, message), rows per regency."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import duckdb
import pandas as pd

from analytics.contract import ERROR, WARNING, Dataset
from analytics.messages import msg
from analytics.upload.conversion import LinedRaw, Typed, typed_rows_per_region
from analytics.upload.records import ReadResult
from analytics.upload.rules import RAW, Repeats, may_repeat, value_columns
from analytics.upload.staging import (
    CONTROLS,
    ISSUES,
    KEY_HASH,
    LABEL,
    LINE,
    OVERFLOW,
    OVERFLOW_COLUMN,
    SKIPPED,
    TYPED,
    TYPED_ALL,
    lit,
)

ISSUE_COLUMNS = ["line", "column", "value", "message", "severity"]


@dataclass(frozen=True)
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


def verdict(
    con: duckdb.DuckDBPyConnection, dataset: Dataset, typed: Typed, checks: list[str | Repeats]
) -> Verdict:
    """Run every issue query over the typed rows and give the verdict; ``checks`` are the
    cell and row checks (``rules``)."""
    read, hashed = typed.read, typed.hashed
    queries = _row_issues(typed.month_first)
    if typed.control_characters:
        queries.append(
            f'SELECT line, "column", value, false AS from_raw, '
            f"{lit(msg('warn_control_characters'))} AS message, '{WARNING}' AS severity "
            f"FROM {CONTROLS}"
        )
    repeats = [c for c in checks if isinstance(c, Repeats)]
    for check in checks:
        if isinstance(check, Repeats):
            column = f"{KEY_HASH}{repeats.index(check)}" if hashed else None
            if not may_repeat(con, check, column):
                continue
            check = check.sql
        queries.append(check)
    union = " UNION ALL ".join(f"({q})" for q in queries)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {ISSUES} AS {union}")
    frame = _with_values_as_written(con, dataset, typed.present, typed.lined)
    header_rows = [
        [pd.NA, unknown, None, msg("warn_unknown_column"), WARNING]
        for unknown in read.unknown_columns
    ] + [
        [pd.NA, header, None, msg("warn_ignored_column", column=name, used=used), WARNING]
        for header, name, used in read.ignored_columns
    ]
    if header_rows:  # columns ignored because unknown or given twice (no line)
        extra = pd.DataFrame(header_rows, columns=ISSUE_COLUMNS).astype({"line": "Int64"})
        frame = pd.concat([frame, extra], ignore_index=True)
    region_rows, rows, totals = typed_rows_per_region(con)
    read = replace(read, row_count=rows + totals)
    return Verdict(dataset, read, frame, rows, list(region_rows), region_rows)


def _row_issues(month_first: list[tuple[str, str]]) -> list[str]:
    """Issues about whole rows: totals and notes left out, values beyond the header, dates
    read month first."""
    total = lit(msg("warn_total_row"))
    queries = [
        f"SELECT {LINE} AS line, '-' AS \"column\", NULL::VARCHAR AS value, false AS from_raw, "
        f"{total} AS message, '{WARNING}' AS severity FROM {TYPED_ALL} WHERE is_total",
        f"SELECT line, '-' AS \"column\", NULL::VARCHAR AS value, false AS from_raw, "
        f"{total} AS message, '{WARNING}' AS severity FROM {SKIPPED} WHERE reason = 'total'",
        f"SELECT line, '-' AS \"column\", {value_columns(RAW)}, {lit(msg('warn_note_row'))} "
        f"AS message, '{WARNING}' AS severity FROM {SKIPPED} WHERE reason = 'note'",
        # Values beyond the header (total rows left out).
        f'SELECT {LINE} AS line, {OVERFLOW_COLUMN} AS "column", {OVERFLOW} AS value, '
        f"false AS from_raw, {lit(msg('value_outside_columns'))} AS message, "
        f"'{ERROR}' AS severity FROM {TYPED} WHERE {OVERFLOW} IS NOT NULL",
    ]
    return queries + [
        f"SELECT NULL AS line, '{column}' AS \"column\", {lit(example)} AS value, false AS "
        f"from_raw, {lit(msg('warn_month_first', example=example))} AS message, "
        f"'{WARNING}' AS severity"
        for column, example in month_first
    ]


def _with_values_as_written(
    con: duckdb.DuckDBPyConnection, dataset: Dataset, present: set[str], lined: LinedRaw
) -> pd.DataFrame:
    """The issues, sorted, each with the cell as written, read back by line from the
    staged text (few rows); for a row without data (column '-'), its cells."""
    order = 'ORDER BY line NULLS FIRST, severity, "column", value'
    if not con.execute(f"SELECT count(*) FROM {ISSUES} WHERE from_raw").fetchall()[0][0]:
        frame = con.execute(
            f'SELECT line, "column", value, message, severity FROM {ISSUES} {order}'
        ).df()
        return frame.astype({"line": "Int64"})
    columns = [c.name for c in dataset.columns if c.name in present]
    staged = [f"r.{LABEL}"] if LABEL in present else []  # a note in the No column
    staged += [f'r."{c}"' for c in columns]
    raw = (
        " ".join(f"WHEN '{c}' THEN r.\"{c}\"" for c in columns)
        + f" WHEN '-' THEN concat_ws(' | ', {', '.join([*staged, f'r.{OVERFLOW}'])})"
    )
    frame = con.execute(
        f'SELECT i.line, i."column", CASE WHEN i.from_raw THEN CASE i."column" {raw} END '
        f"ELSE i.value END AS value, i.message, i.severity FROM {ISSUES} i "
        f"LEFT JOIN {lined.table()} r ON i.from_raw AND r.{LINE} = i.line {order}"
    ).df()
    return frame.astype({"line": "Int64"})
