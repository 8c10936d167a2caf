"""Which flagged records are not data: subtotals labelled at the end, titles, notes and signature blocks."""

from __future__ import annotations

import duckdb

from analytics.contract import DATE, INT, TEXT, URL, Dataset, header_lookup
from analytics.upload.conversion import LinedRaw, identity_cells
from analytics.upload.lookups import lookup_kind
from analytics.upload.staging import FLAGGED, FLAGS, LINE, SKIPPED, TYPED, TYPED_ALL, lit

_EXCEL_ERROR = "#(N/A|VALUE!|REF!|DIV/0!|NAME\\?|NULL!|NUM!|SPILL!|CALC!|GETTING_DATA)"


def skip_rules(dataset: Dataset, present: set[str]) -> tuple[str, str]:
    """SQL over a flagged typed row ``f`` and its staged text ``r``: (a subtotal labelled
    at the end, a row without data).

    Without data: no code is known, no number or date is there, no cell that should hold
    one has a digit, and no cell holds an Excel error (a row of broken formulas is data).
    """
    cells = [c for c in dataset.columns if c.name in present]
    total = " OR ".join(
        f"coalesce(regexp_matches({c}, '(?i)\\S\\s+(total|jumlah)$'), false)"
        for c in identity_cells(dataset, present)
    )
    typed = [f'f."{c.name}" IS NULL' for c in cells if lookup_kind(c) or c.kind in (INT, DATE, URL)]
    digits = [f"""NOT coalesce(regexp_matches(r."{c.name}", '^[0-9]'), false)"""
              for c in cells if c.kind in (INT, DATE)]  # fmt: skip
    errors = [
        f"""NOT coalesce(regexp_full_match(r."{c.name}", '{_EXCEL_ERROR}'), false)""" for c in cells
    ]
    # A unit named (a kecamatan, a desa, not a header word) with counts or dates written,
    # however badly, is a data row: its errors are shown, it is never skipped.
    header_words = ", ".join(map(lit, sorted(header_lookup(dataset))))
    unit = [
        f"""(r."{c.name}" IS NOT NULL AND lower(regexp_replace(r."{c.name}", """
        f"""'[^0-9A-Za-z]', '', 'g')) NOT IN ({header_words}))"""
        for c in cells
        if c.kind == TEXT and c.name in dataset.key
    ]
    values = [f'r."{c.name}" IS NOT NULL' for c in cells if c.kind in (INT, DATE)]
    if unit and values:
        digits.append(f"NOT (({' OR '.join(unit)}) AND ({' OR '.join(values)}))")
    note = " AND ".join([*typed, *digits, *errors]) if typed else "false"
    return total or "false", note


def set_aside_non_data(
    con: duckdb.DuckDBPyConnection, dataset: Dataset, present: set[str], lined: LinedRaw
) -> None:
    """Make FLAGGED (the typed rows a cell rule may object to) and SKIPPED (the lines left
    out after a second look), and leave the skipped lines out of TYPED.

    Rows without any data (a title, a repeated header, a note, a signature block) and
    subtotal rows labelled at the end ("Magelang Selatan Total", as Excel's Subtotal
    writes them) miss required cells, so they are among the flagged rows: found there,
    then left out with a warning.
    """
    required = [f'"{c.name}" IS NULL' for c in dataset.columns if c.required]
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {FLAGGED} AS SELECT * FROM {TYPED} "
        f"WHERE {' OR '.join([f'{FLAGS} <> 0', *required])}"
    )
    con.execute(f"CREATE OR REPLACE TEMP TABLE {SKIPPED} (line BIGINT, reason VARCHAR)")
    if con.execute(f"SELECT count(*) FROM {FLAGGED}").fetchall()[0][0]:
        total, note = skip_rules(dataset, present)
        con.execute(
            f"INSERT INTO {SKIPPED} SELECT f.{LINE}, CASE WHEN {total} THEN 'total' "
            f"ELSE 'note' END FROM {FLAGGED} f JOIN {lined.table()} r ON r.{LINE} = f.{LINE} "
            f"WHERE ({total}) OR ({note})"
        )
    if con.execute(f"SELECT count(*) FROM {SKIPPED}").fetchall()[0][0]:
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW {TYPED} AS SELECT * EXCLUDE (is_total) "
            f"FROM {TYPED_ALL} WHERE NOT is_total AND {LINE} NOT IN (SELECT line FROM {SKIPPED})"
        )
        con.execute(f"DELETE FROM {FLAGGED} WHERE {LINE} IN (SELECT line FROM {SKIPPED})")
