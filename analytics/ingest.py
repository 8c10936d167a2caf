"""Check a file and, when it passes, store it as new versions: the one path every upload takes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from analytics.checking import check_file
from analytics.storage import Database, StoredUpload
from analytics.validation import Verdict


@dataclass
class IngestOutcome:
    verdict: Verdict
    stored: StoredUpload | None  # None when the verdict has errors

    @property
    def accepted(self) -> bool:
        return self.stored is not None


def ingest_bytes(
    db: Database,
    dataset: str,
    data: bytes,
    as_of: dt.date,
    user: str,
    file_name: str | None = None,
    is_demo: bool = False,
) -> IngestOutcome:
    """Validate ``data`` and store it when valid; raises FileRefused for unreadable files."""
    staging = duckdb.connect()
    try:
        verdict = check_file(data, dataset, as_of, staging)
        if not verdict.ok:
            return IngestOutcome(verdict, None)
        stored = db.store(
            staging,
            verdict.dataset,
            data,
            as_of,
            user,
            file_name,
            verdict.read.file_format,
            verdict.warnings,
            is_demo=is_demo,
        )
        return IngestOutcome(verdict, stored)
    finally:
        staging.close()
