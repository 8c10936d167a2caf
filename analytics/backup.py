"""Backup and restore: a consistent copy of the database and the upload archive, and back.

A backup is a folder ``siaga-YYYYmmdd-HHMMSS`` (WIB) holding

* ``siaga.duckdb``: the database file, copied while this process holds DuckDB's write lock
  on it (a read-write connection excludes every other process, readers included) right
  after a ``CHECKPOINT``, so the file is complete without its write-ahead log;
* ``arsip/<sha256>``: every file of the upload archive (``Database.archive_dir``);
* ``manifest.json``: the sha256 and size of each file, the row count of every table, the
  ``data_version``, the migrations applied and the DuckDB version, and a checksum of the
  manifest itself;
* ``SHA256SUMS``: the same file hashes for ``sha256sum -c`` (checking a copy kept
  elsewhere needs no SIAGA).

A file copy under the lock was chosen over DuckDB's ``EXPORT DATABASE``: restoring it is
a file copy (seconds, whatever the size), the restored file is the very file that was
backed up (byte for byte, checkable by its hash), and sequences, constraints and the
storage layout come back exactly. Its cost: a file written by one DuckDB version is read
by the same or a newer one only, so the manifest records the version.

Restore verifies everything before touching the target: the manifest's checksum, each
file's hash (a missing, changed or unlisted file refuses the backup), then, on a copy
beside the target, the row counts and ``data_version``. Only then are the archive files
and the database moved into place; an existing database is replaced only with ``force``,
and kept beside it as ``<name>.sebelum-pulih-<time>``.

Never copy or hash the live database file with ``open()`` in this process while it holds
the lock: DuckDB's lock is a POSIX record lock, released the moment this process closes
*any* descriptor of the file. The copy is made by ``cp`` in a child process.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb

from analytics.errors import Refusal, UsageError
from analytics.formatting import WIB
from analytics.messages import msg
from analytics.storage import PRIVATE_DIR, PRIVATE_FILE, Database, migrations, private_files

FORMAT = "siaga-backup"
FORMAT_VERSION = 1
DB_NAME = "siaga.duckdb"
ARCHIVE_NAME = "arsip"
MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
_ARCHIVE_FILE = re.compile(r"[0-9a-f]{64}")  # archive files are named by their sha256
_CHUNK = 1 << 20

# Indonesian messages of backup and restore (candidates for analytics/messages.py).
MESSAGES: dict[str, str] = {
    "backup_done": (
        "Cadangan dibuat: {path} (basis data {size} MB, {files} berkas arsip, data_version "
        "{version})."
    ),
    "backup_archive_mismatch": (
        "Peringatan: isi berkas arsip {name} tidak cocok dengan sidik sha256 pada namanya "
        "(rusak di disk?); dicadangkan apa adanya."
    ),
    "folder_missing": "Folder {path} tidak ditemukan.",
    "restore_dir_missing": "Folder cadangan {path} tidak ditemukan.",
    "restore_not_backup": (
        "{path} bukan cadangan SIAGA: manifest.json tidak ada atau tidak terbaca. Tidak ada "
        "yang dipulihkan."
    ),
    "restore_manifest_changed": (
        "Cadangan {path} rusak: manifest.json berubah sejak cadangan dibuat. Tidak ada yang "
        "dipulihkan; pakai cadangan lain."
    ),
    "restore_file_missing": (
        "Cadangan {path} tidak lengkap: berkas {name} tidak ada. Tidak ada yang dipulihkan; "
        "pakai cadangan lain."
    ),
    "restore_file_corrupt": (
        "Cadangan {path} rusak: isi berkas {name} tidak sesuai manifest (sha256 berbeda). "
        "Tidak ada yang dipulihkan; pakai cadangan lain."
    ),
    "restore_file_unlisted": (
        "Cadangan {path} berisi berkas yang tidak tercatat di manifest: {name}. Tidak ada "
        "yang dipulihkan; pakai cadangan lain."
    ),
    "restore_db_unreadable": (
        "Cadangan {path} tidak dapat dibuka oleh DuckDB {duckdb} ({detail}); cadangan dibuat "
        "dengan DuckDB {backup_duckdb}. Tidak ada yang dipulihkan."
    ),
    "restore_counts_differ": (
        "Cadangan {path} rusak: isi basis data tidak sesuai manifest ({detail}). Tidak ada "
        "yang dipulihkan; pakai cadangan lain."
    ),
    "restore_newer_schema": (
        "Cadangan {path} dibuat oleh SIAGA yang lebih baru (migrasi sampai {backup}, versi "
        "ini sampai {known}). Perbarui SIAGA dulu, lalu pulihkan lagi."
    ),
    "restore_exists": (
        "Basis data {path} sudah ada; pemulihan tidak menimpanya. Hentikan aplikasi, lalu "
        "ulangi dengan --force (basis data lama disimpan di sampingnya sebagai "
        "{name}.sebelum-pulih-WAKTU)."
    ),
    "restore_done": (
        "Dipulihkan dari {backup}: {path} (data_version {version}) dan {files} berkas arsip "
        "di {archive}."
    ),
    "restore_kept_old": "Basis data lama disimpan sebagai {path}.",
    "restore_restart": (
        "Mulai ulang aplikasi (misalnya: systemctl restart siaga) agar tidak ada halaman "
        "yang masih menampilkan data lama dari cache."
    ),
}


def text(key: str, **values: object) -> str:
    """The Indonesian message for ``key`` of this module (``msg`` for shared ones)."""
    return MESSAGES[key].format(**values)


class BackupRefused(Refusal):
    """A backup that is damaged, incomplete or not one, or a restore that would overwrite a
    database without ``force``. Nothing has been changed."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    manifest: dict


@dataclass(frozen=True)
class RestoreResult:
    path: Path  # the restored database
    archive_dir: Path
    archive_files: int
    data_version: str
    kept_old: Path | None  # the database that was replaced (force), kept beside it


# ---------------------------------------------------------------------- backup


def backup(db: Database, out_dir: Path, now: dt.datetime | None = None) -> BackupResult:
    """Write a backup of ``db`` and its archive into a new folder under ``out_dir``.

    The database is copied under its write lock (other writers and readers wait at most
    their lock timeout; the lock is held for one file copy). The archive is copied after
    the lock is released: its files are written before the upload that names them commits
    and are never changed, so every file the copied database refers to is already there.
    """
    if not db.exists():
        raise UsageError(msg("db_missing", path=db.path))
    out_dir = Path(out_dir)
    if not out_dir.parent.is_dir():
        raise UsageError(text("folder_missing", path=out_dir.parent))
    private_files()  # the backup holds password hashes and every upload: 0600 / 0700
    out_dir.mkdir(mode=PRIVATE_DIR, exist_ok=True)
    created = (now or dt.datetime.now(dt.UTC)).astimezone(WIB).replace(microsecond=0)
    final = _free_name(out_dir, f"siaga-{created:%Y%m%d-%H%M%S}")
    partial = out_dir / f".{final.name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(mode=PRIVATE_DIR)
    try:
        _copy_database_locked(db, partial / DB_NAME)
        facts = _database_facts(partial / DB_NAME)
        files = {DB_NAME: _file_entry(partial / DB_NAME)}
        files.update(_copy_archive(db.archive_dir, partial / ARCHIVE_NAME))
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": created.isoformat(),
            "source": str(db.path.resolve()),
            "duckdb_version": duckdb.__version__,
            **facts,
            "files": files,
        }
        manifest["checksum"] = _manifest_checksum(manifest)
        _write_private(partial / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
        sums = [f"{entry['sha256']}  {name}" for name, entry in sorted(files.items())]
        _write_private(partial / SUMS, "\n".join(sums) + "\n")
        os.rename(partial, final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return BackupResult(final, manifest)


def _free_name(parent: Path, name: str) -> Path:
    """``parent/name``, or ``name-2``, ``name-3`` ... when taken (two backups in a second)."""
    candidate, n = parent / name, 1
    while candidate.exists():
        n += 1
        candidate = parent / f"{name}-{n}"
    return candidate


def _copy_database_locked(db: Database, target: Path) -> None:
    """Copy the database file while holding its write lock, after a CHECKPOINT.

    No migration runs: a backup taken before an upgrade must hold the old schema.
    """
    # Database offers no public "lock without migrating"; this is its own connect, with
    # its retry-until-timeout and DatabaseBusy refusal, under its in-process lock.
    with db._lock:
        con = db._connect(read_only=False)
        try:
            con.execute("CHECKPOINT")
            # A child process copies: see the module docstring (POSIX record locks).
            subprocess.run(["cp", "--", str(db.path), str(target)], check=True)
        finally:
            con.close()
    target.chmod(PRIVATE_FILE)


def _database_facts(path: Path) -> dict:
    """What a restore checks the database against: row counts of every table,
    data_version, demo flag, migrations applied. Read from the copy, not the live file."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return _facts(con)
    finally:
        con.close()


def _facts(con: duckdb.DuckDBPyConnection) -> dict:
    tables = [
        r[0]
        for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
            "AND schema_name = 'main' ORDER BY table_name"
        ).fetchall()
    ]
    counts = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    meta = dict(con.execute("SELECT key, value FROM meta").fetchall()) if "meta" in tables else {}
    applied = []
    if "schema_migrations" in tables:
        applied = [
            r[0] for r in con.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()
        ]
    return {
        "data_version": meta.get("data_version", "0"),
        "demo": meta.get("demo") == "true",
        "migrations": applied,
        "row_counts": counts,
    }


def _copy_archive(source: Path, target: Path) -> dict[str, dict]:
    """Copy the archive's files (named by their sha256; temporary files of an upload in
    progress are skipped) and return their manifest entries."""
    entries: dict[str, dict] = {}
    target.mkdir(mode=PRIVATE_DIR)
    if not source.is_dir():
        return entries
    for path in sorted(source.iterdir()):
        if not path.is_file() or not _ARCHIVE_FILE.fullmatch(path.name):
            continue
        copy = target / path.name
        shutil.copyfile(path, copy)
        copy.chmod(PRIVATE_FILE)
        entry = _file_entry(copy)
        if entry["sha256"] != path.name:
            print(text("backup_archive_mismatch", name=path), file=sys.stderr)
        entries[f"{ARCHIVE_NAME}/{path.name}"] = entry
    return entries


# ---------------------------------------------------------------------- restore


def restore(backup_dir: Path, db: Database, force: bool = False) -> RestoreResult:
    """Put the database and archive of ``backup_dir`` in place for ``db``.

    Refused (BackupRefused, nothing changed) when the backup is not one, is damaged or
    incomplete, comes from a newer SIAGA, or when ``db`` exists and ``force`` is not given.
    """
    backup_dir = Path(backup_dir)
    if not backup_dir.is_dir():
        raise UsageError(text("restore_dir_missing", path=backup_dir))
    manifest = verify(backup_dir)
    known = max((number for number, _ in migrations()), default=0)
    newest = max(manifest["migrations"], default=0)
    if newest > known:
        raise BackupRefused(
            text("restore_newer_schema", path=backup_dir, backup=newest, known=known)
        )
    target = db.path
    wal = target.with_name(target.name + ".wal")
    if (target.exists() or wal.exists()) and not force:
        raise BackupRefused(text("restore_exists", path=target, name=target.name))
    private_files()
    target.parent.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    # The verified database goes beside the target first, and is checked there.
    staged = target.with_name(f".{target.name}.restoring{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        staged.unlink()
    try:
        shutil.copyfile(backup_dir / DB_NAME, staged)
        staged.chmod(PRIVATE_FILE)
        _check_staged(staged, manifest, backup_dir)
        archive_files = _restore_archive(backup_dir, manifest, db.archive_dir)
        kept = _set_aside(db) if (target.exists() or wal.exists()) else None
        os.replace(staged, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            staged.unlink()
        raise
    # Pages read the snapshot while an upload writes: one of the replaced database is stale.
    with contextlib.suppress(FileNotFoundError):
        db.snapshot_path.unlink()
    return RestoreResult(target, db.archive_dir, archive_files, manifest["data_version"], kept)


def verify(backup_dir: Path) -> dict:
    """The manifest of ``backup_dir`` once it and every file it lists check out; refused
    (BackupRefused) at the first missing, changed or unlisted file."""
    try:
        manifest = json.loads((backup_dir / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT or not isinstance(manifest.get("files"), dict):
            raise ValueError("not a SIAGA backup manifest")
    except (OSError, ValueError, AttributeError):
        raise BackupRefused(text("restore_not_backup", path=backup_dir)) from None
    if manifest.get("checksum") != _manifest_checksum(manifest):
        raise BackupRefused(text("restore_manifest_changed", path=backup_dir))
    files: dict[str, dict] = manifest["files"]
    present = {
        p.relative_to(backup_dir).as_posix()
        for p in backup_dir.rglob("*")
        if p.is_file() and p.name not in (MANIFEST, SUMS)
    }
    unlisted = sorted(present - set(files))
    if unlisted:
        raise BackupRefused(text("restore_file_unlisted", path=backup_dir, name=unlisted[0]))
    if DB_NAME not in files:
        raise BackupRefused(text("restore_file_missing", path=backup_dir, name=DB_NAME))
    for name, entry in sorted(files.items()):
        path = backup_dir / name
        if name not in present:
            raise BackupRefused(text("restore_file_missing", path=backup_dir, name=name))
        if _file_entry(path) != {"sha256": entry.get("sha256"), "bytes": entry.get("bytes")}:
            raise BackupRefused(text("restore_file_corrupt", path=backup_dir, name=name))
    return manifest


def _check_staged(staged: Path, manifest: dict, backup_dir: Path) -> None:
    """The staged database opens and holds what the manifest says."""
    try:
        facts = _database_facts(staged)
    except duckdb.Error as exc:
        detail = str(exc).splitlines()[0][:200]
        raise BackupRefused(
            text(
                "restore_db_unreadable",
                path=backup_dir,
                duckdb=duckdb.__version__,
                detail=detail,
                backup_duckdb=manifest.get("duckdb_version", "?"),
            )  # fmt: skip
        ) from None
    differences = [
        f"{key}: {manifest.get(key)!r} di manifest, {facts[key]!r} di berkas"
        for key in ("data_version", "migrations")
        if facts[key] != manifest.get(key)
    ]
    listed, found = manifest.get("row_counts") or {}, facts["row_counts"]
    differences += [
        f"{table}: {listed.get(table, 0)} baris di manifest, {found.get(table, 0)} di berkas"
        for table in sorted(set(listed) | set(found))
        if listed.get(table) != found.get(table)
    ]
    if differences:
        raise BackupRefused(
            text("restore_counts_differ", path=backup_dir, detail="; ".join(differences[:3]))
        )


def _restore_archive(backup_dir: Path, manifest: dict, archive_dir: Path) -> int:
    """Copy the backup's archive files into ``archive_dir``. Files already there with the
    right content are left alone; nothing is deleted (the archive may be shared with other
    databases in the folder, and an original is never thrown away)."""
    names = [n for n in manifest["files"] if n.startswith(f"{ARCHIVE_NAME}/")]
    if names:
        archive_dir.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    for name in names:
        source, target = backup_dir / name, archive_dir / Path(name).name
        if target.is_file() and _sha256(target) == manifest["files"][name]["sha256"]:
            continue
        tmp = target.with_name(f"{target.name}.tmp{os.getpid()}")
        shutil.copyfile(source, tmp)
        tmp.chmod(PRIVATE_FILE)
        os.replace(tmp, target)
    return len(names)


def _set_aside(db: Database) -> Path:
    """Move the existing database (and a write-ahead log, which must never be replayed
    onto the restored file) to ``<name>.sebelum-pulih-<time>``.

    Takes the write lock first: a CHECKPOINT folds the log into the file, and a process
    still writing makes this wait (then DatabaseBusy: stop the app first).
    """
    target = db.path
    wal = target.with_name(target.name + ".wal")
    if target.exists():
        with db._lock:
            con = db._connect(read_only=False)
            try:
                con.execute("CHECKPOINT")
            finally:
                con.close()
    stamp = dt.datetime.now(dt.UTC).astimezone(WIB)
    kept = _free_name(target.parent, f"{target.name}.sebelum-pulih-{stamp:%Y%m%d-%H%M%S}")
    if target.exists():
        os.rename(target, kept)
    if wal.exists():
        os.rename(wal, kept.with_name(kept.name + ".wal"))
    return kept


# ---------------------------------------------------------------------- helpers


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _file_entry(path: Path) -> dict:
    return {"sha256": _sha256(path), "bytes": path.stat().st_size}


def _manifest_checksum(manifest: dict) -> str:
    """sha256 of the manifest's content without its checksum (canonical JSON)."""
    body = {k: v for k, v in manifest.items() if k != "checksum"}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _write_private(path: Path, content: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(content)
