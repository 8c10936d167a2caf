"""The DuckDB store: connections, migrations, versioned uploads, archive, history, withdrawal."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import os
import stat
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from analytics import reference, units
from analytics.contract import Dataset
from analytics.errors import DatabaseBusy, StoreError
from analytics.messages import msg
from analytics.settings import env

if TYPE_CHECKING:  # the store takes a checked upload; it never runs the checks
    from analytics.upload import CheckedUpload

DEFAULT_DB = Path("data") / "siaga.duckdb"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
LOCK_TIMEOUT_S = float(env("SIAGA_LOCK_TIMEOUT") or "30")
# How long a page read waits for a writer before it reads the snapshot instead: short
# writes (a login's audit entry, a withdrawal) finish well within it, an upload does not.
READ_WAIT_S = 0.25
SHELL_USER = "admin-server"  # who `ingest` without --user is recorded as
_PROCESS_LOCKS: dict[str, threading.RLock] = {}
_PROCESS_LOCKS_GUARD = threading.Lock()
# The database (password hashes, audit log) and the archive (every upload) are for SIAGA's
# own account only: files 0600, directories 0700.
PRIVATE_UMASK = 0o077
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def default_db_path() -> Path:
    return Path(env("SIAGA_DB") or DEFAULT_DB)


def rows_table(dataset: Dataset | str) -> str:
    name = dataset.name if isinstance(dataset, Dataset) else dataset
    return f"{name}_rows"


@dataclass(frozen=True)
class StoredUpload:
    """The result of storing one accepted file."""

    upload_id: int
    version_ids: list[int]
    regions: list[str]
    duplicate: bool  # identical bytes were already stored; nothing new was written


class Database:
    """Owns one DuckDB file: short-lived connections, so no lock is held while idle."""

    def __init__(self, path: str | os.PathLike | None = None, lock_timeout: float | None = None):
        self.path = Path(path) if path else default_db_path()
        self.lock_timeout = LOCK_TIMEOUT_S if lock_timeout is None else lock_timeout
        key = str(self.path.resolve())
        with _PROCESS_LOCKS_GUARD:
            self._lock = _PROCESS_LOCKS.setdefault(key, threading.RLock())
        self._verified: str | None = None  # reference fingerprint this file was checked at

    @property
    def archive_dir(self) -> Path:
        return self.path.parent / "arsip"

    def exists(self) -> bool:
        return self.path.exists()

    @property
    def snapshot_path(self) -> Path:
        """A read-only copy of the database as it was when the last upload began: what
        pages read while an upload holds the database (never written once published)."""
        return self.path.with_name(self.path.name + ".snapshot")

    def _connect(self, read_only: bool, timeout: float | None = None) -> duckdb.DuckDBPyConnection:
        private_files()  # DuckDB creates the file and its .wal with the process umask
        timeout = self.lock_timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        delay = 0.05
        while True:
            try:
                con = duckdb.connect(str(self.path), read_only=read_only)
                self._make_private()
                return con
            except duckdb.IOException as exc:
                text = str(exc).lower()
                if "lock" not in text or time.monotonic() >= deadline:
                    if "lock" in text:
                        raise DatabaseBusy(msg("db_busy", seconds=int(timeout))) from exc
                    raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)

    @contextlib.contextmanager
    def reader(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection, closed on exit. Creates the database when missing, and
        brings it up to date first when migrations or reference files changed."""
        if not self.exists() or (
            self._verified != _reference_fingerprint() and self._needs_update()
        ):
            self.initialise()
        self._verified = _reference_fingerprint()
        with self._read_only() as con:
            yield con

    @contextlib.contextmanager
    def _read_only(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection to the database, or to its snapshot when a writer has
        held the database for READ_WAIT_S (an upload): a read never queues behind an
        upload, and sees the state from before it (nothing of an unfinished upload)."""
        snapshot = self.snapshot_path if self.snapshot_path.exists() else None
        wait = None if snapshot is None else READ_WAIT_S  # None: the full lock timeout
        with contextlib.ExitStack() as stack:
            con = None
            if self._lock.acquire(timeout=-1 if wait is None else wait):  # this process's writer
                stack.callback(self._lock.release)
                try:
                    con = self._connect(read_only=True, timeout=wait)
                except DatabaseBusy:  # another process's writer
                    if snapshot is None:
                        raise
                    stack.pop_all().close()  # let go of the lock now
            if con is None:
                con = duckdb.connect(str(snapshot), read_only=True)
            stack.callback(con.close)
            yield con

    def _needs_update(self) -> bool:
        """True when a migration is pending or data/reference/ changed since the last load."""
        with self._read_only() as con:
            try:
                applied = {
                    r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()
                }
                stored = con.execute("SELECT value FROM meta WHERE key = 'reference'").fetchall()
            except duckdb.CatalogException:
                return True
        pending = any(number not in applied for number, _ in migrations())
        return pending or not stored or stored[0][0] != _reference_fingerprint()

    @contextlib.contextmanager
    def writer(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-write connection with migrations applied, closed on exit."""
        _private_dir(self.path.parent)
        with self._lock:
            con = self._connect(read_only=False)
            try:
                migrate(con)
                yield con
            finally:
                con.close()

    def _make_private(self) -> None:
        """Close what an older SIAGA (or a copy made by hand) left readable by others."""
        wal = self.path.with_name(self.path.name + ".wal")
        for path, mode in ((self.path, PRIVATE_FILE), (wal, PRIVATE_FILE),
                           (self.archive_dir, PRIVATE_DIR)):  # fmt: skip
            with contextlib.suppress(OSError):  # missing, or not ours to change
                if stat.S_IMODE(path.stat().st_mode) & PRIVATE_UMASK:
                    path.chmod(mode)

    def initialise(self) -> None:
        """Create the database (schema and reference data) when missing."""
        with self.writer():
            pass

    def data_version(self) -> str:
        """Changes with every ingest or withdrawal; keys the app's caches."""
        if not self.exists():
            return "0"
        with self.reader() as con:
            row = con.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchall()
        return row[0][0] if row else "0"

    # ------------------------------------------------------------------ writes

    def store(self, upload: CheckedUpload, user: str, is_demo: bool = False) -> StoredUpload:
        """Store the typed rows of a checked upload as new versions, one per regency.

        Atomic: the archive file is written first (named by hash), then every row in one
        transaction; a failure or a killed process leaves the database as it was.
        """
        dataset, verdict = upload.dataset, upload.verdict
        regions = sorted(verdict.region_rows)
        # The rows go straight from the staging tables into the attached database file:
        # no copy through Arrow or pandas.
        staging = upload.staging.con
        staging.execute(f"CREATE OR REPLACE TEMP VIEW {TYPED_ROWS} AS {upload.rows_sql()}")
        with self._attached(staging) as con:
            existing = _identical_versions(con, dataset.name, upload.sha256, upload.as_of, regions)
            if existing is not None:
                return StoredUpload(existing[0], existing[1], regions, duplicate=True)
            self._publish_snapshot(con)
            self._archive(upload.data, upload.sha256)
            con.execute("BEGIN TRANSACTION")
            try:
                stored = _insert_upload(con, upload, user, is_demo)
                _fault_point("before_commit")
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
            return stored

    @contextlib.contextmanager
    def _attached(self, staging: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
        """``staging`` with this database file attached read-write and in use (migrated);
        detached (checkpointed, lock released) on exit."""
        _private_dir(self.path.parent)
        with self._lock:
            deadline = time.monotonic() + self.lock_timeout
            delay = 0.05
            while True:
                try:
                    staging.execute(f"ATTACH '{_sql_path(self.path)}' AS {STORE_ALIAS}")
                    break
                except duckdb.IOException as exc:
                    if "lock" not in str(exc).lower():
                        raise
                    if time.monotonic() >= deadline:
                        raise DatabaseBusy(msg("db_busy", seconds=int(self.lock_timeout))) from exc
                time.sleep(delay)
                delay = min(delay * 2, 0.5)
            try:
                staging.execute(f"USE {STORE_ALIAS}")
                migrate(staging)
                yield staging
            finally:
                staging.execute("USE memory")
                staging.execute(f"DETACH {STORE_ALIAS}")

    def _publish_snapshot(self, con: duckdb.DuckDBPyConnection) -> None:
        """Copy the database, as committed, to ``snapshot_path`` (under the write lock that
        ``con`` holds): pages read it while this upload is being written."""
        if (
            self.snapshot_path.exists()
            and self.snapshot_path.stat().st_mtime_ns >= self.path.stat().st_mtime_ns
        ):
            return  # nothing written since the last snapshot
        con.execute(f"CHECKPOINT {STORE_ALIAS}")
        tmp = self.snapshot_path.with_name(f"{self.snapshot_path.name}.tmp{os.getpid()}")
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        # Copied by another process: DuckDB's lock on the file is a POSIX record lock, which
        # this process would lose the moment it closed any descriptor of the file it opened.
        subprocess.run(["cp", "--", str(self.path), str(tmp)], check=True)
        tmp.chmod(PRIVATE_FILE)
        os.replace(tmp, self.snapshot_path)

    def _archive(self, data: bytes, sha: str) -> Path:
        """Keep the accepted bytes beside the database, named by their hash, never by name."""
        _private_dir(self.archive_dir)
        target = self.archive_dir / sha
        if not target.exists():
            tmp = target.with_suffix(f".tmp{os.getpid()}")
            with contextlib.suppress(FileNotFoundError):  # left by a killed run, maybe 0644
                tmp.unlink()
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, target)
        return target

    def withdraw(self, version_id: int, user: str, reason: str | None = None) -> None:
        """Mark a version withdrawn; the previous version of its regency counts again."""
        with self.writer() as con:
            row = con.execute(
                "SELECT withdrawn_at FROM versions WHERE version_id = ?", [version_id]
            ).fetchall()
            if not row:
                raise StoreError(msg("version_unknown", version=version_id))
            if row[0][0] is not None:
                raise StoreError(msg("version_already_withdrawn", version=version_id))
            con.execute("BEGIN TRANSACTION")
            con.execute(
                "UPDATE versions SET withdrawn_at = ?, withdrawn_by = ?, withdrawn_reason = ? "
                "WHERE version_id = ?",
                [_now(), user, reason, version_id],
            )
            _bump_data_version(con)
            con.execute("COMMIT")

    # ------------------------------------------------------------------ reads

    def history(self) -> pd.DataFrame:
        """Every version, newest first, with who, when, as-of, rows, hash and status."""
        with self.reader() as con:
            return con.execute(
                "SELECT v.version_id, v.dataset, v.kode_wilayah, v.as_of, v.row_count, "
                "v.warning_count, u.uploaded_by, u.uploaded_at, u.sha256, u.file_name, "
                "u.is_demo, v.withdrawn_at, v.withdrawn_by, v.withdrawn_reason "
                "FROM versions v JOIN uploads u USING (upload_id) "
                "ORDER BY v.version_id DESC"
            ).df()

    def region_names(self) -> dict[str, str]:
        """The regencies of this database's reference data, code -> name, by code."""
        with self.reader() as con:
            rows = con.execute("SELECT kode_wilayah, nama FROM ref_wilayah ORDER BY 1").fetchall()
        return dict(rows)

    def is_demo(self) -> bool:
        if not self.exists():
            return False
        with self.reader() as con:
            row = con.execute("SELECT value FROM meta WHERE key = 'demo'").fetchall()
        return bool(row) and row[0][0] == "true"


TYPED_ROWS = "_typed_rows"  # temp view over the checked upload's typed rows (line + columns)
STORE_ALIAS = "siaga_store"


def private_files() -> None:
    """From now on this process creates files for its own user only (umask 077).

    Process-wide on purpose: DuckDB creates the database and its write-ahead log itself,
    with the process umask, and a umask set and restored around one call would race with
    other threads. It only ever narrows the umask.
    """
    os.umask(os.umask(PRIVATE_UMASK) | PRIVATE_UMASK)


def _private_dir(path: Path) -> None:
    """``path`` and any missing parent created 0700; an existing directory is left as is
    (the data folder also holds files shipped with the app)."""
    private_files()
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _now() -> dt.datetime:
    """Now in UTC (stored naive): what every stored time means, whatever the server's zone."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _fault_point(name: str) -> None:
    """Test hook: with SIAGA_FAULT=<name>:<flag file>, announce and stall so a test can kill us."""
    spec = env("SIAGA_FAULT") or ""
    if spec.startswith(name + ":"):
        Path(spec.split(":", 1)[1]).write_text("reached")
        time.sleep(600)


def _identical_versions(
    con: duckdb.DuckDBPyConnection, dataset: str, sha: str, as_of: dt.date, regions: list[str]
) -> tuple[int, list[int]] | None:
    rows = con.execute(
        "SELECT v.upload_id, v.version_id, v.kode_wilayah FROM versions v "
        "JOIN uploads u USING (upload_id) WHERE u.sha256 = ? AND v.dataset = ? AND v.as_of = ? "
        "AND v.withdrawn_at IS NULL ORDER BY v.version_id",
        [sha, dataset, as_of],
    ).fetchall()
    if not rows or sorted(r[2] for r in rows) != regions:
        return None
    # Identical bytes are a repeat only while their versions are still the ones in force:
    # after a newer upload for the same date, sending the older file again restores it.
    newer = con.execute(
        "SELECT count(*) FROM versions v WHERE v.dataset = ? AND v.as_of = ? "
        "AND v.withdrawn_at IS NULL AND v.kode_wilayah IN (SELECT unnest(?)) "
        "AND v.version_id > ?",
        [dataset, as_of, regions, min(r[1] for r in rows)],
    ).fetchall()[0][0]
    if newer:
        return None
    return rows[0][0], [r[1] for r in rows]


def _insert_upload(
    con: duckdb.DuckDBPyConnection, upload: CheckedUpload, user: str, is_demo: bool
) -> StoredUpload:
    dataset, as_of, verdict = upload.dataset, upload.as_of, upload.verdict
    region_rows, warnings = verdict.region_rows, verdict.warnings
    regions = sorted(region_rows)
    row_count = sum(region_rows.values())
    upload_id = con.execute("SELECT nextval('upload_id_seq')").fetchall()[0][0]
    con.execute(
        "INSERT INTO uploads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [upload_id, dataset.name, upload.sha256, upload.file_name, len(upload.data),
         verdict.read.file_format, user, _now(), as_of, row_count, is_demo],
    )  # fmt: skip
    try:
        warn_counts = _warnings_per_region(warnings, regions)
        # One id per regency, in code order, and the versions in one statement: a province
        # file has 35 regencies, and a round trip each adds up.
        version_ids = sorted(
            r[0]
            for r in con.execute(
                "SELECT nextval('version_id_seq') FROM range(?)", [len(regions)]
            ).fetchall()
        )
        values = [
            [vid, upload_id, dataset.name, region, as_of, region_rows[region],
             warn_counts.get(region, 0)]
            for vid, region in zip(version_ids, regions, strict=True)
        ]  # fmt: skip
        if values:
            con.execute(
                "INSERT INTO versions (version_id, upload_id, dataset, kode_wilayah, as_of, "
                "row_count, warning_count) VALUES "
                + ", ".join(["(?, ?, ?, ?, ?, ?, ?)"] * len(values)),
                [v for row in values for v in row],
            )
        mapping = pd.DataFrame({"kode_wilayah": regions, "version_id": version_ids})
        con.register("_version_map", mapping)
        cols = ", ".join(f't."{c}"' for c in dataset.stored_columns)
        con.execute(
            f"INSERT INTO {rows_table(dataset)} (version_id, line, "
            f"{', '.join(repr_ident(c) for c in dataset.stored_columns)}) "
            f"SELECT m.version_id, t.line, {cols} FROM {TYPED_ROWS} t "
            "JOIN _version_map m USING (kode_wilayah)"
        )
        if not warnings.empty:
            _insert_warnings(con, warnings, regions, version_ids)
        _bump_data_version(con)
        if is_demo:
            con.execute("INSERT OR REPLACE INTO meta VALUES ('demo', 'true')")
    finally:
        with contextlib.suppress(Exception):
            con.unregister("_version_map")
    return StoredUpload(upload_id, version_ids, regions, duplicate=False)


def repr_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _warnings_per_region(warnings: pd.DataFrame, regions: list[str]) -> dict[str, int]:
    if warnings.empty:
        return {}
    if len(regions) == 1:
        return {regions[0]: len(warnings)}
    return {}  # refined in _insert_warnings for multi-regency files


def _insert_warnings(con, warnings: pd.DataFrame, regions, version_ids) -> None:
    """Attach each warning to the version of the regency its line belongs to."""
    frame = warnings[["line", "column", "value", "message"]].copy()
    con.register("_warnings", frame)
    try:
        if len(regions) == 1:
            con.execute(
                'INSERT INTO version_warnings SELECT ?, line, "column", value, message '
                "FROM _warnings",
                [version_ids[0]],
            )
        else:
            con.execute(
                "INSERT INTO version_warnings SELECT coalesce(m.version_id, ?), w.line, "
                'w."column", w.value, w.message FROM _warnings w '
                f"LEFT JOIN (SELECT DISTINCT line, kode_wilayah FROM {TYPED_ROWS}) t "
                "ON t.line = w.line LEFT JOIN _version_map m USING (kode_wilayah)",
                [version_ids[0]],
            )
            con.execute(
                "UPDATE versions SET warning_count = c.n FROM (SELECT version_id, count(*) n "
                "FROM version_warnings GROUP BY 1) c WHERE versions.version_id = c.version_id "
                "AND versions.version_id IN (SELECT version_id FROM _version_map)"
            )
    finally:
        con.unregister("_warnings")


def _bump_data_version(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        # The demo builder writes 'demo-<n>': count on from its trailing number.
        "INSERT OR REPLACE INTO meta SELECT 'data_version', CAST(coalesce(max(TRY_CAST("
        "regexp_extract(value, '\\d+$') AS BIGINT)), 0) + 1 AS VARCHAR) FROM meta "
        "WHERE key = 'data_version'"
    )


# ---------------------------------------------------------------------- migrations


def migrations() -> list[tuple[int, Path]]:
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        number = int(path.name.split("_", 1)[0])
        found.append((number, path))
    return found


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Apply numbered migrations not yet applied, then refresh changed reference data."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
        "applied_at TIMESTAMP NOT NULL)"
    )
    applied = {r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()}
    for number, path in migrations():
        if number in applied:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(path.read_text())
            if number in _AFTER_MIGRATION:
                _AFTER_MIGRATION[number](con)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?)", [number, _now()])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    _refresh_reference(con)


def _backfill_unit_codes(con: duckdb.DuckDBPyConnection) -> None:
    """Migration 003: official codes for the badan_adhoc rows stored before units were
    matched on upload. Rows whose unit is no official one keep NULL codes: they stay in
    history but count as no official unit."""
    written = con.execute(
        "SELECT DISTINCT kode_wilayah, kecamatan, desa_kelurahan FROM badan_adhoc_rows"
    ).fetchall()
    if not written:
        return
    matched = units.matched_units(written)
    con.register("_unit_codes", matched)
    try:
        con.execute(
            "UPDATE badan_adhoc_rows r SET kode_kecamatan = m.kode_kecamatan, "
            "kode_desa_kelurahan = CASE WHEN m.desa_problem IS NULL "
            "THEN m.kode_desa_kelurahan END FROM _unit_codes m "
            "WHERE r.kode_wilayah = m.kode_wilayah AND r.kecamatan = m.kecamatan "
            "AND r.desa_kelurahan IS NOT DISTINCT FROM m.desa_kelurahan"
        )
    finally:
        con.unregister("_unit_codes")


# Data steps of a migration, run in its transaction after its SQL.
_AFTER_MIGRATION = {3: _backfill_unit_codes}


def _reference_fingerprint() -> str:
    """Hash of the reference files (cached on their modification times)."""
    stamps = tuple(
        (name, (reference.REFERENCE_DIR / name).stat().st_mtime_ns)
        for name in sorted(reference.REFERENCE_FILES)
    )
    return _fingerprint_of(stamps)


@functools.cache
def _fingerprint_of(stamps: tuple) -> str:
    digest = hashlib.sha256()
    for file_name in sorted(reference.REFERENCE_FILES):
        digest.update(file_name.encode())
        digest.update((reference.REFERENCE_DIR / file_name).read_bytes())
    return digest.hexdigest()


def _refresh_reference(con: duckdb.DuckDBPyConnection) -> None:
    """Load data/reference/*.csv into ref_* tables when the files changed."""
    fingerprint = _reference_fingerprint()
    row = con.execute("SELECT value FROM meta WHERE key = 'reference'").fetchall()
    if row and row[0][0] == fingerprint:
        return
    con.execute("BEGIN TRANSACTION")
    try:
        for file_name, table in reference.REFERENCE_FILES.items():
            frame = reference.read_reference(file_name)
            con.register("_reference", frame)
            con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM _reference")
            con.unregister("_reference")
        con.execute("INSERT OR REPLACE INTO meta VALUES ('reference', ?)", [fingerprint])
        _bump_data_version(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
