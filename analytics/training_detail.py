"""Training detail behind the Bimtek page: completion per module, activity rows in force."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analytics.indicators import sql_text, use_dates
from analytics.storage import Database


def module_completion(db: Database, as_of: dt.date) -> pd.DataFrame:
    """One row per regency x body x required module as of ``as_of``
    (``training_modules.sql``).

    ``completion_rate`` = min(1, Σ tuntas / Σ target) of the module; its mean per regency and
    body is ``training_completion`` of the indicators. NULL (NaN) for regencies that have not
    reported. ``batas_waktu`` is the module's deadline (ref_materi_wajib) and ``is_due``
    whether it is on or before the report date: the modules ``training_due_completion``
    averages.
    """
    with db.reader() as con:
        use_dates(con, [as_of])
        return con.execute("SELECT * FROM training_modules").df()


def activities(
    db: Database, as_of: dt.date, body: str | None = None, region: str | None = None
) -> pd.DataFrame:
    """The training activities (uploaded rows) of the versions in force on ``as_of``.

    ``body`` and ``region`` narrow the rows; None means all.
    """
    with db.reader() as con:
        use_dates(con, [as_of])
        return con.execute(
            sql_text("training_activities"), {"badan": body, "kode_wilayah": region}
        ).df()
