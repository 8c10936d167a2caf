"""Uploads, step by step: sniffing → reading (csv_fast, csv_exact, xlsx; privacy first) →
conversion (typing) → data_rows → rules → verdict; ``pipeline`` runs them in that order
and hands ``CheckedUpload`` to the store. ``staging`` owns the scratch connection."""

from analytics.upload.pipeline import CheckedUpload, check_file, dataset_named, typed_rows_sql
from analytics.upload.staging import Staging
from analytics.upload.verdict import Verdict

__all__ = ["CheckedUpload", "Staging", "Verdict", "check_file", "dataset_named", "typed_rows_sql"]
