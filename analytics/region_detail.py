"""Detail of one regency: kecamatan with gaps, its official units and its upload history."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analytics.indicators import sql_text, use_dates
from analytics.storage import Database


def kecamatan_gaps(db: Database, kode_wilayah: str, as_of: dt.date) -> pd.DataFrame:
    """Kecamatan x body with unfilled seats, members not sworn in, or no unit reported,
    from the badan_adhoc version in force on ``as_of`` (empty when none is in force)."""
    with db.reader() as con:
        use_dates(con, [as_of])
        return con.execute(sql_text("region_kecamatan"), {"kode_wilayah": kode_wilayah}).df()


def region_units(db: Database, kode_wilayah: str, as_of: dt.date) -> pd.DataFrame:
    """Official unit x body of the regency on ``as_of`` (analytics/sql/region_units.sql):
    every official kecamatan for PPK, every official desa/kelurahan for the other bodies,
    with the status of each."""
    with db.reader() as con:
        use_dates(con, [as_of])
        return con.execute(sql_text("region_units"), {"kode_wilayah": kode_wilayah}).df()


def upload_history(db: Database, kode_wilayah: str, as_of: dt.date) -> pd.DataFrame:
    """Every version of the regency, newest data first, with its status on ``as_of``."""
    with db.reader() as con:
        use_dates(con, [as_of])
        return con.execute(sql_text("region_uploads"), {"kode_wilayah": kode_wilayah}).df()
