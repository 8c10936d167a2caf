"""Build the demo database from the demo generator, and export its latest state as uploads."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import os
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from analytics import demo
from analytics.errors import DemoRefused
from analytics.schema import DATASETS
from analytics.storage import Database, migrate, rows_table

DEMO_USER = "demo"


def build_demo(
    db_path: Path,
    export_dir: Path | None = None,
    seed: int = 2024,
    regions: pd.DataFrame | None = None,
    replace_reference_regions: bool = False,
) -> str:
    """Write a fresh demo database at ``db_path`` (built aside, then moved into place).

    ``regions`` limits or replaces the regencies generated; with
    ``replace_reference_regions`` they also become the database's reference regencies
    (the benchmark's synthetic national scale).
    """
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
    uploads = demo.generate(seed=seed, regions=regions)
    con = duckdb.connect(str(building))
    try:
        migrate(con)
        if replace_reference_regions and regions is not None:
            con.register("_regions", regions)
            con.execute("CREATE OR REPLACE TABLE ref_wilayah AS SELECT * FROM _regions")
            con.unregister("_regions")
        counts, latest = _bulk_insert(con, uploads)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    for stale in (Path(str(db_path) + ".wal"),):
        stale.unlink(missing_ok=True)
    os.replace(building, db_path)
    # A snapshot of the database replaced would be read during the next upload.
    Database(db_path).snapshot_path.unlink(missing_ok=True)
    if export_dir is not None:
        export_latest(latest, Path(export_dir))
    seconds = time.perf_counter() - started
    parts = ", ".join(f"{name}: {n:,} baris".replace(",", ".") for name, n in counts.items())
    return f"Basis data demo {db_path} dibuat dalam {seconds:.1f} detik ({parts})."


def national_regions(count: int = 514, seed: int = 7) -> pd.DataFrame:
    """A synthetic country of ``count`` regencies shaped like Central Java's (for benchmarks).

    About 830 TPS per regency on average, i.e. ~430,000 TPS for 514 regencies. Their codes
    (11.01 ..) are not in the official list of units, so the demo gives them generated
    kecamatan and desa names ("Kecamatan 01", "Desa 001") and no unit codes (NULL
    kode_kecamatan, kode_desa_kelurahan); their uploads would not pass the official-unit
    check. The columns of data/reference/wilayah.csv about the TPS count's source
    (status_jumlah_tps, tahap_jumlah_tps, tanggal_jumlah_tps, sumber_jumlah_tps) say "demo".
    """
    from analytics import reference

    base = reference.regions()
    rng = np.random.default_rng(seed)
    picks = base.iloc[rng.integers(0, len(base), count)].reset_index(drop=True)
    scale = 430_000 / picks["jumlah_tps"].sum()
    tps = np.maximum((picks["jumlah_tps"] * scale).round().astype("int64"),
                     picks["jumlah_desa_kelurahan"])  # fmt: skip
    codes = [f"{11 + i // 90:02d}.{i % 90 + 1:02d}" for i in range(count)]
    return pd.DataFrame(
        {
            "kode_wilayah": codes,
            "nama": [f"Kabupaten Sintetis {i + 1:03d}" for i in range(count)],
            "jenis": "kabupaten",
            "jumlah_kecamatan": picks["jumlah_kecamatan"].to_numpy(),
            "jumlah_desa_kelurahan": picks["jumlah_desa_kelurahan"].to_numpy(),
            "jumlah_tps": tps.to_numpy(),
            "status_jumlah_tps": "demo",
            "tahap_jumlah_tps": "demo",
            "tanggal_jumlah_tps": "demo",
            "sumber_jumlah_tps": "demo",
            "lintang": picks["lintang"].to_numpy(),
            "bujur": picks["bujur"].to_numpy(),
        }
    )


def _frame_sha(frame: pd.DataFrame, dataset: str) -> str:
    """Hash of the upload's content: its contract columns (the codes derive from them)."""
    columns = DATASETS[dataset].column_names
    if len(columns) < len(frame.columns):
        frame = frame[list(columns)]
    hashed = pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes()
    return hashlib.sha256(hashed).hexdigest()


def _bulk_insert(con: duckdb.DuckDBPyConnection, uploads) -> tuple[dict, list]:
    """All demo versions in one transaction, streamed in batches: the same tables real
    uploads fill. Returns row counts per dataset and the latest upload per dataset/regency."""
    counts = {name: 0 for name in DATASETS}
    latest: dict[tuple[str, str], demo.DemoUpload] = {}
    upload_rows, version_rows = [], []
    frames: dict[str, list[tuple[int, pd.DataFrame]]] = {name: [] for name in DATASETS}
    pending = 0
    number = 0
    con.execute("BEGIN TRANSACTION")
    for number, upload in enumerate(uploads, start=1):
        frame = upload.frame
        key = (upload.dataset, upload.region)
        if key not in latest or upload.as_of >= latest[key].as_of:
            latest[key] = upload
        stamp = dt.datetime.combine(upload.as_of, dt.time(16, 0))
        sha = _frame_sha(frame, upload.dataset)
        upload_rows.append(
            (number, upload.dataset, sha, "demo", 0, "demo", DEMO_USER, stamp, upload.as_of,
             len(frame), True)
        )  # fmt: skip
        version_rows.append((number, number, upload.dataset, upload.region, upload.as_of,
                             len(frame), 0))  # fmt: skip
        frames[upload.dataset].append((number, frame))
        pending += len(frame)
        if pending >= 2_000_000:
            _flush(con, upload_rows, version_rows, frames, counts)
            pending = 0
    _flush(con, upload_rows, version_rows, frames, counts)
    last = number + 1
    con.execute(f"CREATE OR REPLACE SEQUENCE upload_id_seq START {last}")
    con.execute(f"CREATE OR REPLACE SEQUENCE version_id_seq START {last}")
    con.execute("INSERT OR REPLACE INTO meta VALUES ('demo', 'true')")
    con.execute("INSERT OR REPLACE INTO meta VALUES ('data_version', ?)", [f"demo-{last}"])
    con.execute("COMMIT")
    return counts, [latest[k] for k in sorted(latest)]


_UPLOAD_COLUMNS = ["upload_id", "dataset", "sha256", "file_name", "size_bytes", "file_format",
                   "uploaded_by", "uploaded_at", "as_of", "row_count", "is_demo"]  # fmt: skip
_VERSION_COLUMNS = ["version_id", "upload_id", "dataset", "kode_wilayah", "as_of", "row_count",
                    "warning_count"]  # fmt: skip


def _flush(con, upload_rows: list, version_rows: list, frames: dict, counts: dict) -> None:
    """Insert the batch collected so far and empty the buffers."""
    if upload_rows:
        con.register("_uploads", pd.DataFrame(upload_rows, columns=_UPLOAD_COLUMNS))
        con.register("_versions", pd.DataFrame(version_rows, columns=_VERSION_COLUMNS))
        con.execute("INSERT INTO uploads SELECT * FROM _uploads")
        con.execute(f"INSERT INTO versions ({', '.join(_VERSION_COLUMNS)}) SELECT * FROM _versions")
        con.unregister("_uploads")
        con.unregister("_versions")
    for name, parts in frames.items():
        if not parts:
            continue
        # Each part's version id and file lines (2.. after the header), added once per batch.
        lengths = np.array([len(frame) for _, frame in parts], dtype=np.int64)
        data = pd.concat([frame for _, frame in parts], ignore_index=True)
        starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
        data.insert(0, "line", np.arange(len(data), dtype=np.int64) - starts + 2)
        data.insert(0, "version_id", np.repeat([number for number, _ in parts], lengths))
        counts[name] += len(data)
        con.register("_rows", data)
        # The contract columns and the derived ones the demo fills (unit codes).
        stored = [c for c in DATASETS[name].stored_columns if c in data.columns]
        cols = ", ".join(f'"{c}"' for c in ["version_id", "line", *stored])
        con.execute(f"INSERT INTO {rows_table(name)} ({cols}) SELECT {cols} FROM _rows")
        con.unregister("_rows")
        parts.clear()
    upload_rows.clear()
    version_rows.clear()


def export_latest(latest: list[demo.DemoUpload], directory: Path) -> list[Path]:
    """Write DIR/<dataset>/<regency code>.csv (';', UTF-8 with BOM) for the latest state.

    Only the upload contract's columns are written (official unit names, not the codes
    SIAGA derives from them), so each file is a valid upload. The as-of date of each file
    is written to DIR/tanggal_data.csv so the files can be ingested again with the same
    dates.
    """
    written = []
    dates = []
    for upload in latest:
        folder = directory / upload.dataset
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{upload.region}.csv"
        frame = upload.frame[list(DATASETS[upload.dataset].column_names)].copy()
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
