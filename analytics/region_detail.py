"""Detail of one regency: kecamatan with gaps and the regency's upload history."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from analytics.indicators import sql_text
from analytics.storage import Database


def kecamatan_gaps(db: Database, kode_wilayah: str, as_of: dt.date) -> pd.DataFrame:
    """Kecamatan x body with unfilled seats, members not sworn in, or no unit reported,
    from the badan_adhoc version in force on ``as_of`` (empty when none is in force)."""
    with db.reader() as con:
        _in_force_on(con, as_of)
        return con.execute(sql_text("region_kecamatan"), {"kode_wilayah": kode_wilayah}).df()


def upload_history(db: Database, kode_wilayah: str, as_of: dt.date) -> pd.DataFrame:
    """Every version of the regency, newest data first, with its status on ``as_of``."""
    with db.reader() as con:
        _in_force_on(con, as_of)
        return con.execute(sql_text("region_uploads"), {"kode_wilayah": kode_wilayah}).df()


def _in_force_on(con: duckdb.DuckDBPyConnection, as_of: dt.date) -> None:
    """The one-date ``report_dates`` table and the shared ``version_in_force`` view."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE report_dates AS SELECT CAST($d AS DATE) AS report_date",
        {"d": as_of},
    )
    con.execute("CREATE OR REPLACE TEMP VIEW version_in_force AS " + sql_text("version_in_force"))
