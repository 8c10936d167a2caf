"""Training detail behind the Bimtek page: completion per module, activity rows in force."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from analytics.indicators import sql_text
from analytics.storage import Database


def _prepare(con: duckdb.DuckDBPyConnection, dates: list[dt.date]) -> None:
    """The inputs every training query reads: ``report_dates`` and ``version_in_force``."""
    con.register("_dates", pd.DataFrame({"report_date": sorted(set(dates))}))
    con.execute(
        "CREATE OR REPLACE TEMP TABLE report_dates AS SELECT CAST(report_date AS DATE) "
        "AS report_date FROM _dates"
    )
    con.unregister("_dates")
    con.execute("CREATE OR REPLACE TEMP VIEW version_in_force AS " + sql_text("version_in_force"))


def module_completion(db: Database, as_of: dt.date) -> pd.DataFrame:
    """One row per regency x body x required module as of ``as_of``.

    ``completion_rate`` = min(1, Σ tuntas / Σ target) of the module; its mean per regency and
    body is ``training_completion`` of the indicators. NULL (NaN) for regencies that have not
    reported. ``batas_waktu`` is the module's deadline (ref_materi_wajib) and ``is_due``
    whether it is on or before the report date: the modules ``training_due_completion``
    averages, as training_by_region.sql counts them.
    """
    with db.reader() as con:
        _prepare(con, [as_of])
        modules = con.execute(sql_text("training_modules")).df()
        deadlines = con.execute(
            "SELECT badan, kode_materi AS materi, CAST(batas_waktu AS DATE) AS batas_waktu "
            "FROM ref_materi_wajib"
        ).df()
    out = modules.merge(deadlines, on=["badan", "materi"], how="left", validate="many_to_one")
    out["is_due"] = pd.to_datetime(out["batas_waktu"]) <= pd.to_datetime(out["report_date"])
    return out


def activities(
    db: Database, as_of: dt.date, body: str | None = None, region: str | None = None
) -> pd.DataFrame:
    """The training activities (uploaded rows) of the versions in force on ``as_of``.

    ``body`` and ``region`` narrow the rows; None means all.
    """
    with db.reader() as con:
        _prepare(con, [as_of])
        return con.execute(
            sql_text("training_activities"), {"badan": body, "kode_wilayah": region}
        ).df()
