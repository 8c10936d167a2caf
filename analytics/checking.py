"""Read and validate one uploaded file: the verdict shown before anything is stored."""

from __future__ import annotations

import datetime as dt

import duckdb

from analytics.messages import msg
from analytics.reading import FileRefused, read_table, release
from analytics.schema import DATASETS, Dataset
from analytics.validation import Verdict, validate_staged


def dataset_named(name: str) -> Dataset:
    """The dataset called ``name``; refuses unknown names with the list of choices."""
    try:
        return DATASETS[name]
    except KeyError:
        raise FileRefused(
            msg("unknown_dataset", dataset=name, choices=", ".join(DATASETS)), "unknown_dataset"
        ) from None


def check_file(
    data: bytes,
    dataset: str | Dataset,
    as_of: dt.date,
    con: duckdb.DuckDBPyConnection | None = None,
) -> Verdict:
    """Parse and validate ``data``; the typed rows stay in ``staging_typed`` on ``con``.

    Raises FileRefused when the file as a whole cannot be taken (not a table, no rows,
    wrong dataset, personal data).
    """
    ds = dataset if isinstance(dataset, Dataset) else dataset_named(dataset)
    con = con if con is not None else duckdb.connect()
    read = read_table(data, ds, con)
    if read.row_count == 0:
        raise FileRefused(msg("no_rows"), "no_rows")
    try:
        verdict = validate_staged(con, ds, read, as_of)
    finally:
        release(read)  # the typed rows no longer need the staged copy of the file
    if verdict.row_count == 0:
        raise FileRefused(msg("no_rows"), "no_rows")
    return verdict
