"""What an upload would change against each regency's version in force (computed in SQL)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd
import pyarrow as pa

from analytics.contract import CHOICE, INT, Dataset
from analytics.indicators import sql_text
from analytics.settings import load_settings
from analytics.storage import Database, repr_ident, rows_table

# Datasets without a natural key (one row per activity) are paired on these columns,
# repeated activities by their order.
PAIRING_KEY = {"bimtek": ("badan", "materi", "tanggal_mulai")}
CHANGE_LABEL = {"ditambah": "ditambah", "dihapus": "dihapus", "berubah": "berubah"}
MAX_UNITS_SHOWN = 500


@dataclass
class Preview:
    """The changes one file would make, per regency it covers."""

    as_of: dt.date
    regions: pd.DataFrame  # one row per regency: counts of units and the version replaced
    totals: pd.DataFrame  # kode_wilayah, badan ('' without bodies), measure, before, after
    units: pd.DataFrame  # kode_wilayah, change, unit, detail (added, removed, changed only)

    @property
    def partial_regions(self) -> pd.DataFrame:
        """Regencies where the file holds far fewer units than the current state."""
        return self.regions[self.regions["is_partial"]]


def pairing_key(dataset: Dataset) -> tuple[str, ...]:
    """The columns a new row is paired on with a current one: official unit codes in
    place of names written, so "KEDUNGREJA" then "Kedungreja" is one unit (changed)."""
    key = dataset.key or PAIRING_KEY[dataset.name]
    units = dataset.official_units
    if units is None:
        return key
    codes = dict(zip((units.kecamatan, units.desa), units.code_columns, strict=True))
    return tuple(codes.get(c, c) for c in key)


def shown_key(dataset: Dataset) -> tuple[str, ...]:
    """The columns that name a unit in the list of changes (names as written)."""
    return dataset.key or PAIRING_KEY[dataset.name]


def compare(db: Database, dataset: Dataset, as_of: dt.date, new_rows: pa.Table) -> Preview:
    """Pair the new rows with the rows in force on ``as_of`` for the same regencies."""
    share = load_settings().partial_file_share
    with db.reader() as con:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE report_dates AS SELECT CAST($d AS DATE) AS report_date",
            {"d": as_of},
        )
        con.execute(
            "CREATE OR REPLACE TEMP VIEW version_in_force AS " + sql_text("version_in_force")
        )
        con.register("_new_rows", new_rows)
        try:
            for statement in _paired_sql(dataset):
                needs = {"dataset": dataset.name} if "$dataset" in statement else {}
                con.execute(statement, needs)
            regions = con.execute(
                _REGIONS_SQL, {"dataset": dataset.name, "as_of": as_of, "share": share}
            ).df()
            totals = _totals(con, dataset)
            units = con.execute(_UNITS_SQL, {"limit": MAX_UNITS_SHOWN}).df()
        finally:
            con.unregister("_new_rows")
    return Preview(as_of, regions, totals, units)


def _paired_sql(dataset: Dataset) -> list[str]:
    """Temp tables _new_unit, _current_unit and _paired (every unit of either, its change)."""
    key = [repr_ident(c) for c in pairing_key(dataset)]
    shown = [repr_ident(c) for c in shown_key(dataset)]
    cols = [repr_ident(c) for c in dataset.stored_columns]
    codes = {repr_ident(c) for c in dataset.derived_columns}
    values = [c for c in cols if c not in key and c not in codes and c != '"kode_wilayah"']
    order = ", ".join(cols)

    def occurrence(alias: str) -> str:
        def qualify(columns: list[str]) -> str:
            return ", ".join(f"{alias}{c}" for c in columns)

        return (
            f"row_number() OVER (PARTITION BY {alias}kode_wilayah, {qualify(key)} "
            f"ORDER BY {qualify(cols)})"
        )

    unit_text = " || ' · ' || ".join(f"coalesce(CAST(p.{k} AS VARCHAR), '–')" for k in shown)
    names = [c for c in shown if c not in key]
    differs = " OR ".join(f"n.{c} IS DISTINCT FROM c.{c}" for c in values) or "false"
    detail = ", ".join(
        f"CASE WHEN n.{c} IS DISTINCT FROM c.{c} THEN '{c.strip(chr(34))} ' || "
        f"coalesce(CAST(c.{c} AS VARCHAR), '–') || ' → ' || coalesce(CAST(n.{c} AS VARCHAR), "
        "'–') END"
        for c in values
    )
    new_unit = f"""
    CREATE OR REPLACE TEMP TABLE _new_unit AS
    SELECT {order}, {occurrence("")} AS occurrence FROM _new_rows
    """
    current_unit = f"""
    CREATE OR REPLACE TEMP TABLE _current_unit AS
    SELECT {", ".join(f"r.{c}" for c in cols)}, {occurrence("r.")} AS occurrence
    FROM {rows_table(dataset)} r JOIN version_in_force v USING (version_id)
    WHERE v.dataset = $dataset
      AND r.kode_wilayah IN (SELECT DISTINCT kode_wilayah FROM _new_rows)
    """
    paired = f"""
    CREATE OR REPLACE TEMP TABLE _paired AS
    WITH paired AS (
        SELECT coalesce(n.kode_wilayah, c.kode_wilayah) AS kode_wilayah,
            {", ".join(f"coalesce(n.{k}, c.{k}) AS {k}" for k in [*key, *names])},
            CASE WHEN c.kode_wilayah IS NULL THEN 'ditambah'
                WHEN n.kode_wilayah IS NULL THEN 'dihapus'
                WHEN {differs} THEN 'berubah' ELSE 'sama' END AS change,
            CASE WHEN c.kode_wilayah IS NOT NULL AND n.kode_wilayah IS NOT NULL
                THEN concat_ws('; ', {detail or "NULL"}) END AS detail,
            n.kode_wilayah IS NOT NULL AS in_new, c.kode_wilayah IS NOT NULL AS in_current
        FROM _new_unit n FULL JOIN _current_unit c
            ON n.kode_wilayah = c.kode_wilayah AND n.occurrence = c.occurrence
            AND {" AND ".join(f"n.{k} IS NOT DISTINCT FROM c.{k}" for k in key)}
    )
    SELECT p.*, {unit_text} AS unit FROM paired p
    """
    return [new_unit, current_unit, paired]


# Grain: one row per regency in the file.
_REGIONS_SQL = """
WITH counted AS (
    SELECT kode_wilayah,
        count(*) FILTER (WHERE in_current) AS units_current_count,
        count(*) FILTER (WHERE in_new) AS units_new_count,
        count(*) FILTER (WHERE change = 'ditambah') AS units_added_count,
        count(*) FILTER (WHERE change = 'dihapus') AS units_removed_count,
        count(*) FILTER (WHERE change = 'berubah') AS units_changed_count,
        count(*) FILTER (WHERE change = 'sama') AS units_unchanged_count
    FROM _paired GROUP BY kode_wilayah
),
replaced AS (
    SELECT kode_wilayah, version_id AS current_version_id, data_as_of AS current_as_of
    FROM version_in_force WHERE dataset = $dataset
),
newer AS (
    SELECT kode_wilayah, min(as_of) AS newer_as_of FROM versions
    WHERE dataset = $dataset AND as_of > $as_of AND withdrawn_at IS NULL
    GROUP BY kode_wilayah
)
SELECT c.kode_wilayah, w.nama, r.current_version_id, r.current_as_of,
    c.units_current_count, c.units_new_count, c.units_added_count, c.units_removed_count,
    c.units_changed_count, c.units_unchanged_count,
    c.units_current_count > 0 AND c.units_new_count < $share * c.units_current_count
        AS is_partial,
    n.newer_as_of
FROM counted c
LEFT JOIN ref_wilayah w USING (kode_wilayah)
LEFT JOIN replaced r USING (kode_wilayah)
LEFT JOIN newer n USING (kode_wilayah)
ORDER BY c.kode_wilayah
"""

# Grain: one row per unit added, removed or changed, in unit order.
_UNITS_SQL = """
SELECT kode_wilayah, change, unit, detail FROM _paired
WHERE change <> 'sama'
ORDER BY kode_wilayah, CASE change WHEN 'dihapus' THEN 0 WHEN 'berubah' THEN 1 ELSE 2 END, unit
LIMIT $limit
"""


def _totals(con: duckdb.DuckDBPyConnection, dataset: Dataset) -> pd.DataFrame:
    """Regency x body (when the dataset has one) x measure: units, every count column
    summed, every status counted. ``before`` is NaN where nothing is in force."""
    measures = ['count(*) AS "unit"']
    for col in dataset.columns:
        name = repr_ident(col.name)
        if col.kind == INT:
            measures.append(f"sum({name}) AS {name}")
        elif col.kind == CHOICE and col.name == "status":
            for value in col.allowed_values():
                label = repr_ident(f"status {value}")
                measures.append(f"count(*) FILTER (WHERE {name} = '{value}') AS {label}")
    group = "badan" if "badan" in dataset.column_names else "''"
    keys = ["kode_wilayah", "badan"]
    frames = {}
    for side, table in (("before", "_current_unit"), ("after", "_new_unit")):
        frame = con.execute(
            f"SELECT kode_wilayah, {group} AS badan, {', '.join(measures)} FROM {table} "
            "GROUP BY ALL"
        ).df()
        frames[side] = frame.melt(id_vars=keys, var_name="measure", value_name=side)
    totals = frames["after"].merge(frames["before"], on=[*keys, "measure"], how="outer")
    totals["after"] = totals["after"].fillna(0)  # a body left out of the file: none after
    had_data = totals["kode_wilayah"].isin(frames["before"]["kode_wilayah"])
    totals.loc[had_data, "before"] = totals.loc[had_data, "before"].fillna(0)
    order = {m: i for i, m in enumerate(frames["after"]["measure"].drop_duplicates())}
    body_order = {b: i for i, b in enumerate(("PPK", "PPS", "PANTARLIH", "KPPS"))}
    totals["_m"] = totals["measure"].map(order)
    totals["_b"] = totals["badan"].map(body_order).fillna(9)
    totals = totals.sort_values(["kode_wilayah", "_b", "_m"]).reset_index(drop=True)
    return totals[[*keys, "measure", "before", "after"]]
