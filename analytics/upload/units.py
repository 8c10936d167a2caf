"""Units: the kecamatan and desa/kelurahan of each typed row matched to their official codes.

Each distinct (regency, kecamatan, desa/kelurahan) as written is matched once, in Python
(``analytics/units.py``); the result is the table UNITS, which TYPED_CODED joins to give
every row its codes. A unit that matches nothing is an error with the closest official names.
"""

from __future__ import annotations

import duckdb

from analytics.contract import Dataset
from analytics.units import matched_units
from analytics.upload.lookups import create_table
from analytics.upload.staging import TYPED, TYPED_CODED, UNITS


def match_units(con: duckdb.DuckDBPyConnection, dataset: Dataset) -> bool:
    """Make UNITS and TYPED_CODED (TYPED with each row's unit codes, the dataset's derived
    columns). Runs after the non-data rows are set aside: a subtotal labelled in the
    kecamatan column is not a unit.

    True when every official unit is written one way only in the file (exactly, case
    too), so cells equal as written are equal units and the reverse."""
    rule = dataset.official_units
    if rule is None:
        con.execute(f"CREATE OR REPLACE TEMP VIEW {TYPED_CODED} AS SELECT * FROM {TYPED}")
        return True
    kec, desa = f'"{rule.kecamatan}"', f'"{rule.desa}"'  # every column is in TYPED
    written = con.execute(
        f"SELECT DISTINCT kode_wilayah, {kec}, {desa} FROM {TYPED} "
        f"WHERE kode_wilayah IS NOT NULL AND {kec} IS NOT NULL"
    ).fetchall()
    create_table(con, UNITS, matched_units(written))
    # A cell too long for its column has its own error; it is not also an unknown unit.
    for column, problem in ((rule.kecamatan, "kecamatan_problem"), (rule.desa, "desa_problem")):
        limit = dataset.column(column).max_length
        con.execute(f'UPDATE {UNITS} SET {problem} = NULL WHERE length("{column}") > {limit}')
    code_kec, code_desa = rule.code_columns
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {TYPED_CODED} AS SELECT t.*, "
        f'u.kode_kecamatan AS "{code_kec}", u.kode_desa_kelurahan AS "{code_desa}" '
        f"FROM {TYPED} t LEFT JOIN {UNITS} u ON t.kode_wilayah = u.kode_wilayah "
        f"AND t.{kec} = u.kecamatan AND t.{desa} IS NOT DISTINCT FROM u.desa_kelurahan"
    )
    spellings = con.execute(
        "SELECT coalesce(max(n), 0) FROM (SELECT count(DISTINCT kecamatan) AS n "
        f"FROM {UNITS} WHERE kode_kecamatan IS NOT NULL GROUP BY kode_wilayah, kode_kecamatan "
        "UNION ALL SELECT count(DISTINCT (kecamatan, desa_kelurahan)) "
        f"FROM {UNITS} WHERE kode_desa_kelurahan IS NOT NULL GROUP BY kode_desa_kelurahan)"
    ).fetchall()[0][0]
    return spellings <= 1
