"""Every query in analytics/sql declares its grain, and the demo data keeps it.

The header of each .sql file names, on a ``-- Grain:`` line, the columns that identify
one row. Each query runs on the demo database for a few dates, and the grain columns must
be present, never null and unique together. A new .sql file without a Grain line fails.

Queries whose grain holds ``report_date`` run for all the dates at once (as the
indicators do); the others describe one regency on one date (region_detail), so they run
for every regency on each date.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from analytics import indicators
from analytics.config import load_config
from analytics.demo_store import build_demo
from analytics.indicators import SQL_DIR
from analytics.storage import Database

DATES = [dt.date(2024, 6, 1), dt.date(2024, 8, 23), dt.date(2024, 11, 29)]
SQL_FILES = sorted(SQL_DIR.glob("*.sql"))
GRAIN = re.compile(r"^--\s*Grain:\s*(.+?)\s*$", re.MULTILINE)
PARAMETER = re.compile(r"\$([A-Za-z_]\w*)")


def grain(text: str) -> list[str]:
    """The columns of the ``-- Grain:`` line ([] when there is none)."""
    found = GRAIN.search(text)
    if found is None:
        return []
    return [column.strip() for column in found.group(1).split(",") if column.strip()]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Database:
    path = tmp_path_factory.mktemp("sql_grain") / "siaga.duckdb"
    build_demo(path)
    return Database(path)


def run(db: Database, text: str, dates: list[dt.date], runs: list[dict]) -> list[pd.DataFrame]:
    """``text`` once per parameter set of ``runs``, on a connection prepared as
    ``indicators.compute_series`` prepares it for ``dates``."""
    used = set(PARAMETER.findall(text))
    with db.reader() as con:
        indicators.prepare(con, dates, load_config())
        return [con.execute(text, {k: v for k, v in p.items() if k in used}).df() for p in runs]


def results(db: Database, text: str, columns: list[str]) -> list[pd.DataFrame]:
    params = {"period_days": load_config().period_days, "badan": None, "kode_wilayah": None}
    if "report_date" in columns:
        return run(db, text, DATES, [params])
    with db.reader() as con:
        regions = [
            code for (code,) in con.execute("SELECT kode_wilayah FROM ref_wilayah").fetchall()
        ]
    runs = [{**params, "kode_wilayah": code} for code in regions]
    return [frame for day in DATES for frame in run(db, text, [day], runs)]


def test_the_sql_folder_has_queries():
    assert len(SQL_FILES) >= 11


@pytest.mark.parametrize("path", SQL_FILES, ids=lambda p: p.name)
def test_each_query_declares_its_grain(path):
    columns = grain(path.read_text(encoding="utf-8"))
    assert columns, f"{path.name}: no '-- Grain: column, column' line in the header"
    assert all(re.fullmatch(r"\w+", c) for c in columns), f"{path.name}: {columns}"


@pytest.mark.parametrize("path", SQL_FILES, ids=lambda p: p.name)
def test_the_grain_holds_on_the_demo(db, path):
    text = path.read_text(encoding="utf-8")
    columns = grain(text)
    assert columns, f"{path.name}: no Grain line"
    frames = results(db, text, columns)
    assert sum(len(f) for f in frames) > 0, f"{path.name}: no rows on the demo"
    for frame in frames:
        missing = [c for c in columns if c not in frame.columns]
        assert not missing, f"{path.name}: grain columns {missing} not in the result"
        nulls = frame[columns].isna().any()
        assert not nulls.any(), f"{path.name}: null in {list(nulls[nulls].index)}"
        repeated = frame[frame.duplicated(columns, keep=False)]
        assert repeated.empty, f"{path.name}: {len(repeated)} rows repeat the grain\n{repeated}"


def test_a_grain_line_is_read_as_columns():
    assert grain("-- Grain: report_date, kode_wilayah\n-- One row per ...\nSELECT 1") == [
        "report_date",
        "kode_wilayah",
    ]
    assert grain("-- one row per regency\nSELECT 1") == []
