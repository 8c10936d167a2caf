"""Build the demo database from the demo generator, and export its latest state as uploads."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import os
import time
from pathlib import Path

import duckdb
import pandas as pd

from analytics import demo
from analytics.schema import DATASETS
from analytics.storage import Database, migrate, rows_table

DEMO_USER = "demo"


class DemoRefused(Exception):
    """The target database holds real uploads; the demo never overwrites them."""


def build_demo(
    db_path: Path,
    export_dir: Path | None = None,
    seed: int = 2024,
    regions: pd.DataFrame | None = None,
) -> str:
    """Write a fresh demo database at ``db_path`` (built aside, then moved into place)."""
    db_path = Path(db_path)
    if db_path.exists() and not Database(db_path).is_demo():
        raise DemoRefused(
            f"{db_path} berisi data unggahan nyata; demo tidak menimpanya. Pakai --db lain."
        )
    started = time.perf_counter()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    building = db_path.with_name(db_path.name + ".building")
    for stale in (building, Path(str(building) + ".wal")):
        stale.unlink(missing_ok=True)
    uploads = list(demo.generate(seed=seed, regions=regions))
    con = duckdb.connect(str(building))
    try:
        migrate(con)
        counts = _bulk_insert(con, uploads)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    for stale in (Path(str(db_path) + ".wal"),):
        stale.unlink(missing_ok=True)
    os.replace(building, db_path)
    if export_dir is not None:
        export_latest(uploads, Path(export_dir))
    seconds = time.perf_counter() - started
    parts = ", ".join(f"{name}: {n:,} baris".replace(",", ".") for name, n in counts.items())
    return f"Basis data demo {db_path} dibuat dalam {seconds:.1f} detik ({parts})."


def _frame_sha(frame: pd.DataFrame) -> str:
    hashed = pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes()
    return hashlib.sha256(hashed).hexdigest()


def _bulk_insert(con: duckdb.DuckDBPyConnection, uploads: list[demo.DemoUpload]) -> dict:
    """All demo versions in one transaction: the same tables real uploads fill."""
    uploaded_at = dt.datetime(2024, 12, 1, 8, 0, 0)
    upload_rows, version_rows = [], []
    frames: dict[str, list[pd.DataFrame]] = {name: [] for name in DATASETS}
    for number, upload in enumerate(uploads, start=1):
        frame = upload.frame
        sha = _frame_sha(frame)
        stamp = dt.datetime.combine(upload.as_of, dt.time(16, 0))
        upload_rows.append(
            (number, upload.dataset, sha, "demo", 0, "demo", DEMO_USER, stamp, upload.as_of,
             len(frame), True)
        )  # fmt: skip
        version_rows.append((number, number, upload.dataset, upload.region, upload.as_of,
                             len(frame), 0))  # fmt: skip
        tagged = frame.copy()
        tagged.insert(0, "line", range(2, len(frame) + 2))
        tagged.insert(0, "version_id", number)
        frames[upload.dataset].append(tagged)
    del uploaded_at
    con.execute("BEGIN TRANSACTION")
    uploads_df = pd.DataFrame(
        upload_rows,
        columns=["upload_id", "dataset", "sha256", "file_name", "size_bytes", "file_format",
                 "uploaded_by", "uploaded_at", "as_of", "row_count", "is_demo"],
    )  # fmt: skip
    versions_df = pd.DataFrame(
        version_rows,
        columns=["version_id", "upload_id", "dataset", "kode_wilayah", "as_of", "row_count",
                 "warning_count"],
    )  # fmt: skip
    con.register("_uploads", uploads_df)
    con.register("_versions", versions_df)
    con.execute("INSERT INTO uploads SELECT * FROM _uploads")
    con.execute(
        "INSERT INTO versions (version_id, upload_id, dataset, kode_wilayah, as_of, row_count, "
        "warning_count) SELECT * FROM _versions"
    )
    counts = {}
    for name, parts in frames.items():
        if not parts:
            counts[name] = 0
            continue
        data = pd.concat(parts, ignore_index=True)
        counts[name] = len(data)
        con.register("_rows", data)
        cols = ", ".join(f'"{c}"' for c in ["version_id", "line", *DATASETS[name].column_names])
        con.execute(f"INSERT INTO {rows_table(name)} ({cols}) SELECT {cols} FROM _rows")
        con.unregister("_rows")
    last = len(uploads) + 1
    con.execute(f"CREATE OR REPLACE SEQUENCE upload_id_seq START {last}")
    con.execute(f"CREATE OR REPLACE SEQUENCE version_id_seq START {last}")
    con.execute("INSERT OR REPLACE INTO meta VALUES ('demo', 'true')")
    con.execute("INSERT OR REPLACE INTO meta VALUES ('data_version', ?)", [f"demo-{last}"])
    con.execute("COMMIT")
    return counts


def latest_uploads(uploads: list[demo.DemoUpload]) -> list[demo.DemoUpload]:
    """The newest upload of each dataset and regency."""
    latest: dict[tuple[str, str], demo.DemoUpload] = {}
    for upload in uploads:
        key = (upload.dataset, upload.region)
        if key not in latest or upload.as_of >= latest[key].as_of:
            latest[key] = upload
    return [latest[k] for k in sorted(latest)]


def export_latest(uploads: list[demo.DemoUpload], directory: Path) -> list[Path]:
    """Write DIR/<dataset>/<regency code>.csv (';', UTF-8 with BOM) for the latest state.

    The as-of date of each file is written to DIR/tanggal_data.csv so the files can be
    ingested again with the same dates.
    """
    written = []
    dates = []
    for upload in latest_uploads(uploads):
        folder = directory / upload.dataset
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{upload.region}.csv"
        frame = upload.frame.copy()
        for col in frame.columns:
            frame[col] = frame[col].map(_cell_text)
        frame.to_csv(path, sep=";", index=False, encoding="utf-8-sig", quoting=csv.QUOTE_MINIMAL)
        written.append(path)
        dates.append((upload.dataset, upload.region, upload.as_of.isoformat()))
    directory.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(dates, columns=["dataset", "kode_wilayah", "tanggal_data"]).to_csv(
        directory / "tanggal_data.csv", index=False
    )
    return written


def _cell_text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
