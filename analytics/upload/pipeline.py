"""The upload pipeline in order: sniff, read (privacy guard first), type, set aside non-data, rules, verdict."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from analytics.contract import Dataset
from analytics.errors import FileRefused
from analytics.messages import msg
from analytics.schema import DATASETS
from analytics.upload import conversion, data_rows, rules, units
from analytics.upload.reading import read_table
from analytics.upload.staging import LINE, TYPED_CODED, Staging
from analytics.upload.verdict import Verdict, verdict


def dataset_named(name: str) -> Dataset:
    """The dataset called ``name``; refuses unknown names with the list of choices."""
    try:
        return DATASETS[name]
    except KeyError:
        raise FileRefused(
            msg("unknown_dataset", dataset=name, choices=", ".join(DATASETS)), "unknown_dataset"
        ) from None


def check_file(
    data: bytes, dataset: str | Dataset, as_of: dt.date, staging: Staging | None = None
) -> Verdict:
    """Read and validate ``data``: the verdict shown before anything is stored.

    The typed rows stay in ``staging`` (view ``staging_typed``) for ``CheckedUpload``;
    without a staging, a private one is used and closed. Raises FileRefused when the file
    as a whole cannot be taken (not a table, no rows, wrong dataset, personal data).
    """
    ds = dataset if isinstance(dataset, Dataset) else dataset_named(dataset)
    if staging is None:
        with Staging() as own:
            return check_file(data, ds, as_of, own)
    try:
        found = _checked(data, ds, as_of, staging)
    finally:
        staging.release_files()  # the typed rows no longer need the staged copy of the file
    if found.row_count == 0:
        raise FileRefused(msg("no_rows"), "no_rows")
    return found


def _checked(data: bytes, dataset: Dataset, as_of: dt.date, staging: Staging) -> Verdict:
    con = staging.con
    read = read_table(data, dataset, staging)
    if read.row_count == 0:
        raise FileRefused(msg("no_rows"), "no_rows")
    checks = rules.row_checks(dataset, as_of)
    typed = conversion.typed(staging, dataset, read, rules.repeats(checks))
    data_rows.set_aside_non_data(con, dataset, typed.present, typed.lined)
    if not units.match_units(con, dataset):
        # Some unit is written two ways: hashes of the cells as written prove nothing.
        typed = replace(typed, hashed=False)
    return verdict(con, dataset, typed, [*rules.cell_checks(dataset, typed.present), *checks])


@dataclass(frozen=True)
class CheckedUpload:
    """A file that passed every check, its typed rows still staged: what the store takes."""

    verdict: Verdict
    data: bytes
    sha256: str
    as_of: dt.date
    file_name: str | None
    staging: Staging

    def __post_init__(self) -> None:
        if not self.verdict.ok:
            raise ValueError("only a file without errors is a CheckedUpload")

    @property
    def dataset(self) -> Dataset:
        return self.verdict.dataset

    def rows_sql(self) -> str:
        """SELECT of the typed rows on ``staging.con``: ``line`` and the dataset's columns."""
        return typed_rows_sql(self.dataset, with_line=True)


def typed_rows_sql(dataset: Dataset, with_line: bool = False) -> str:
    """SELECT of the typed rows a check left in its staging: the dataset's stored columns
    (after ``line``, the spreadsheet line, when ``with_line``)."""
    columns = ", ".join(f'"{c}"' for c in dataset.stored_columns)
    return f"SELECT {f'{LINE} AS line, ' if with_line else ''}{columns} FROM {TYPED_CODED}"
