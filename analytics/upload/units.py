"""Units: the kecamatan and desa/kelurahan of each typed row matched to their official codes.

Each distinct (regency, kecamatan, desa/kelurahan) as written is matched once, in Python
(``analytics/units.py``); the result is the table UNITS, which TYPED joins to give every
row its codes. A unit that matches nothing is an error with the closest official names.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from analytics import reference
from analytics.contract import Dataset
from analytics.messages import msg
from analytics.units import DESA, KECAMATAN, Found, official_units
from analytics.upload.lookups import create_table
from analytics.upload.staging import LINE, SKIPPED, TYPED, TYPED_ALL, UNITS

_UNIT_COLUMNS = [
    "kode_wilayah",
    "kecamatan",
    "desa_kelurahan",
    "kode_kecamatan",
    "kode_desa_kelurahan",
    "kecamatan_problem",
    "desa_problem",
]


def match_units(con: duckdb.DuckDBPyConnection, dataset: Dataset) -> None:
    """Make UNITS and let TYPED carry each row's unit codes (the dataset's derived
    columns). Runs after the non-data rows are set aside: a subtotal labelled in the
    kecamatan column is not a unit."""
    rule = dataset.official_units
    if rule is None:
        return
    kec, desa = f'"{rule.kecamatan}"', f'"{rule.desa}"'  # every column is in TYPED
    written = con.execute(
        f"SELECT DISTINCT kode_wilayah, {kec}, {desa} FROM {TYPED} "
        f"WHERE kode_wilayah IS NOT NULL AND {kec} IS NOT NULL"
    ).fetchall()
    create_table(con, UNITS, _matched(written))
    code_kec, code_desa = rule.code_columns
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {TYPED} AS SELECT t.* EXCLUDE (is_total), "
        f'u.kode_kecamatan AS "{code_kec}", u.kode_desa_kelurahan AS "{code_desa}" '
        f"FROM {TYPED_ALL} t LEFT JOIN {UNITS} u ON t.kode_wilayah = u.kode_wilayah "
        f"AND t.{kec} = u.kecamatan AND t.{desa} IS NOT DISTINCT FROM u.desa_kelurahan "
        f"WHERE NOT t.is_total AND t.{LINE} NOT IN (SELECT line FROM {SKIPPED})"
    )


def _matched(written: list[tuple[str, str, str | None]]) -> pd.DataFrame:
    """Each written (regency, kecamatan, desa) with its codes or the message saying why
    it has none."""
    units = official_units()
    regions = reference.region_names()
    rows = []
    kecamatan_found: dict[tuple[str, str], Found] = {}
    for region, kec_text, desa_text in written:
        if not units.kecamatan_of(region):
            continue  # not a regency of the official list: its code is the error
        key = (region, kec_text)
        if key not in kecamatan_found:
            kecamatan_found[key] = units.find(KECAMATAN, region, kec_text)
        kec = kecamatan_found[key]
        kec_problem = _problem(kec, KECAMATAN, regions.get(region, region), region)
        desa_code, desa_problem = None, None
        if kec.code is not None and desa_text is not None:
            desa = units.find(DESA, kec.code, desa_text)
            desa_code = desa.code
            desa_problem = _problem(desa, DESA, units.name(kec.code), kec.code)
        rows.append((region, kec_text, desa_text, kec.code, desa_code, kec_problem, desa_problem))
    return pd.DataFrame(rows, columns=_UNIT_COLUMNS, dtype=object)


def _problem(found: Found, level: str, scope: str, scope_code: str) -> str | None:
    """The message for a unit that was not found (None when found)."""
    if found.problem is None:
        return None
    names = ", ".join(found.suggestions)
    if found.problem == "code_name_disagree":
        return msg("unit_code_name_disagree", name=names)
    if found.problem == "other_parent":
        where = found.parent_name or ""
        key = "unit_desa_elsewhere" if level == DESA else "unit_kecamatan_elsewhere"
        return msg(key, name=names, parent=where, scope=scope)
    hint = (
        msg("unit_did_you_mean", names=names)
        if names
        else msg("unit_write_official", example=_example(level, scope_code))
    )
    key = "unit_unknown_desa" if level == DESA else "unit_unknown_kecamatan"
    return msg(key, scope=scope, hint=hint)


def _example(level: str, scope_code: str) -> str:
    """An official code under ``scope_code`` to show how codes are written."""
    units = official_units()
    options = units.desa_of(scope_code) if level == DESA else units.kecamatan_of(scope_code)
    return options[0].code if options else scope_code
