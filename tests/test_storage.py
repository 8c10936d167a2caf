"""Storage: versions, identical re-upload, archive, atomicity under kill, two writers, locks."""

import contextlib
import datetime as dt
import hashlib
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from analytics.ingest import ingest_bytes
from analytics.storage import Database, DatabaseBusy, StoreError, migrations

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "indikator"
BADAN = FIXTURES / "badan_adhoc_3371_2024-08-01.csv"
BADAN_LATER = FIXTURES / "badan_adhoc_3371_2024-08-15.csv"
AS_OF = dt.date(2024, 8, 1)


def snapshot(path: Path) -> dict:
    """Everything a dashboard could read, to compare a database before and after."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [
            "uploads",
            "versions",
            "version_warnings",
            "badan_adhoc_rows",
            "bimtek_rows",
            "persiapan_pencalonan_rows",
            "meta",
        ]
        return {t: sorted(map(str, con.execute(f"SELECT * FROM {t}").fetchall())) for t in tables}
    finally:
        con.close()


def run_cli(*args, env=None, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "analytics", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        **kwargs,
    )


@pytest.fixture
def db(tmp_path) -> Database:
    database = Database(tmp_path / "siaga.duckdb")
    database.initialise()
    return database


def test_new_database_has_reference_data_and_migrations(db):
    with db.reader() as con:
        assert con.execute("SELECT count(*) FROM ref_wilayah").fetchall()[0][0] == 35
        assert con.execute("SELECT sum(jumlah_tps) FROM ref_wilayah").fetchall()[0][0] == 56812
        applied = [r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()]
    assert applied == [number for number, _ in migrations()]


def test_version_records_who_when_hash_and_archive(db):
    data = BADAN.read_bytes()
    stored = ingest_bytes(db, "badan_adhoc", data, AS_OF, "operator-magelang", "f.csv").stored
    history = db.history()
    assert len(history) == 1
    version = history.iloc[0]
    assert version.version_id == stored.version_ids[0]
    assert (version.dataset, version.kode_wilayah, version.row_count) == ("badan_adhoc", "33.71", 5)
    assert version.uploaded_by == "operator-magelang"
    assert version.sha256 == hashlib.sha256(data).hexdigest()
    assert version.as_of.date() == AS_OF
    # Archived beside the database, named by hash, never by the user's file name.
    archived = db.archive_dir / version.sha256
    assert archived.read_bytes() == data
    assert not list(db.archive_dir.glob("*.csv"))


def test_identical_reupload_is_recognised(db):
    data = BADAN.read_bytes()
    first = ingest_bytes(db, "badan_adhoc", data, AS_OF, "a").stored
    again = ingest_bytes(db, "badan_adhoc", data, AS_OF, "a").stored
    assert again.duplicate and again.version_ids == first.version_ids
    assert len(db.history()) == 1
    other_date = ingest_bytes(db, "badan_adhoc", data, dt.date(2024, 8, 8), "a").stored
    assert not other_date.duplicate
    assert len(db.history()) == 2


def test_refused_upload_leaves_database_unchanged(db, tmp_path):
    ingest_bytes(db, "badan_adhoc", BADAN.read_bytes(), AS_OF, "a")
    before = snapshot(db.path)
    bad = BADAN.read_bytes().replace(b";5;12;5;5;2;0", b";5;12;9;5;2;0")
    outcome = ingest_bytes(db, "badan_adhoc", bad, AS_OF, "a")
    assert not outcome.accepted
    assert snapshot(db.path) == before
    assert sorted(p.name for p in db.archive_dir.iterdir()) == [
        hashlib.sha256(BADAN.read_bytes()).hexdigest()
    ]


def test_withdrawal_marks_never_deletes(db):
    stored = ingest_bytes(db, "badan_adhoc", BADAN.read_bytes(), AS_OF, "a").stored
    db.withdraw(stored.version_ids[0], "admin", "uji")
    history = db.history()
    assert len(history) == 1 and history.iloc[0].withdrawn_by == "admin"
    with pytest.raises(StoreError, match="sudah ditarik"):
        db.withdraw(stored.version_ids[0], "admin")
    with pytest.raises(StoreError, match="Versi 999 tidak ditemukan"):
        db.withdraw(999, "admin")


@contextlib.contextmanager
def ingest_held_before_commit(db_path: Path, csv: Path, as_of: str, flag: Path, wait_s=60):
    """An `ingest` in another process, stopped (SIAGA_FAULT) with every row written and
    nothing committed, holding the database; killed on exit."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "analytics", "ingest", "badan_adhoc", str(csv),
         "--db", str(db_path), "--as-of", as_of],
        cwd=REPO,
        env={**os.environ, "SIAGA_FAULT": f"before_commit:{flag}"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + wait_s
        while not flag.exists():
            assert proc.poll() is None, "ingest ended before the fault point"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        yield proc
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()


def test_killed_ingest_leaves_database_unchanged(db, tmp_path):
    ingest_bytes(db, "badan_adhoc", BADAN.read_bytes(), AS_OF, "a")
    before = snapshot(db.path)
    with ingest_held_before_commit(db.path, BADAN_LATER, "2024-08-15", tmp_path / "reached"):
        pass
    assert snapshot(db.path) == before
    # The database is usable afterwards: the same file now lands normally.
    result = run_cli("ingest", "badan_adhoc", str(BADAN_LATER), "--db", str(db.path),
                     "--as-of", "2024-08-15")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert len(db.history()) == 2


def test_two_processes_ingest_at_once(db, tmp_path):
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "analytics",
                "ingest",
                "badan_adhoc",
                str(path),
                "--db",
                str(db.path),
                "--as-of",
                as_of,
            ],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for path, as_of in ((BADAN, "2024-08-01"), (BADAN_LATER, "2024-08-15"))
    ]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    assert sorted(db.history()["as_of"].dt.date) == [dt.date(2024, 8, 1), dt.date(2024, 8, 15)]


def test_busy_database_says_so(db, tmp_path):
    with ingest_held_before_commit(db.path, BADAN, "2024-08-01", tmp_path / "reached"):
        result = run_cli("ingest", "badan_adhoc", str(BADAN_LATER), "--db", str(db.path),
                         "--as-of", "2024-08-15", env={"SIAGA_LOCK_TIMEOUT": "1"})  # fmt: skip
        assert result.returncode == 2
        assert result.stderr.strip() == (
            "Basis data sedang dipakai proses lain (menunggu 1 detik). Coba lagi sebentar lagi."
        )
        # A read does not wait: it reads the snapshot the holder published as it began.
        assert len(Database(db.path, lock_timeout=0.2).history()) == 0


def test_reader_holds_no_lock_after_use(db):
    with db.reader() as con:
        con.execute("SELECT count(*) FROM versions").fetchall()
    result = run_cli("ingest", "badan_adhoc", str(BADAN), "--db", str(db.path), "--as-of",
                     "2024-08-01", env={"SIAGA_LOCK_TIMEOUT": "1"})  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_reader_refreshes_stale_reference_data(db):
    """A database built before data/reference/ changed is brought up to date on read."""
    con = duckdb.connect(str(db.path))
    con.execute("UPDATE meta SET value = 'old' WHERE key = 'reference'")
    con.execute("ALTER TABLE ref_materi_wajib DROP COLUMN batas_waktu")
    con.close()
    fresh = Database(db.path)
    with fresh.reader() as con:
        columns = [r[0] for r in con.execute("DESCRIBE ref_materi_wajib").fetchall()]
    assert "batas_waktu" in columns


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def login_umask():
    """A usual login umask (022), under which files are created 0644 unless made private;
    the process's own umask is put back afterwards."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_database_wal_and_archive_are_private(tmp_path, login_umask):
    """Issue 11 #14: the database (password hashes, audit) was created 0644, the archive
    folder 0755 and its files 0644."""
    db = Database(tmp_path / "data" / "siaga.duckdb")
    outcome = ingest_bytes(db, "badan_adhoc", BADAN.read_bytes(), AS_OF, "uji")
    assert outcome.accepted
    archived = db.archive_dir / hashlib.sha256(BADAN.read_bytes()).hexdigest()
    assert (mode(tmp_path / "data"), mode(db.path)) == (0o700, 0o600)
    assert (mode(db.archive_dir), mode(archived)) == (0o700, 0o600)
    with db.writer() as con:
        con.execute("CREATE TABLE scratch AS SELECT 1 AS x")  # the write-ahead log appears
        wal = db.path.with_name(db.path.name + ".wal")
        assert mode(wal) == 0o600


def test_files_an_older_siaga_left_open_are_closed_on_next_use(tmp_path, login_umask):
    db = Database(tmp_path / "siaga.duckdb")
    ingest_bytes(db, "badan_adhoc", BADAN.read_bytes(), AS_OF, "uji")
    db.path.chmod(0o644)
    db.archive_dir.chmod(0o755)
    with Database(db.path).reader() as con:
        con.execute("SELECT 1")
    assert (mode(db.path), mode(db.archive_dir)) == (0o600, 0o700)


def test_migration_003_gives_rows_stored_before_it_their_official_codes():
    import duckdb

    from analytics.storage import MIGRATIONS_DIR, migrate

    con = duckdb.connect()
    con.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMP)"
    )
    for number in (1, 2):
        path = next(MIGRATIONS_DIR.glob(f"{number:03d}_*.sql"))
        con.execute(path.read_text())
        con.execute("INSERT INTO schema_migrations VALUES (?, now())", [number])
    con.execute(
        "INSERT INTO badan_adhoc_rows (version_id, line, kode_wilayah, badan, kecamatan, "
        "desa_kelurahan, tps, kebutuhan, terisi, dilantik, perempuan) VALUES "
        "(1, 2, '33.71', 'PPK', 'MAGELANG UTARA', NULL, NULL, 5, 5, 5, 2), "
        "(1, 3, '33.71', 'PPS', 'Magelang Utara', 'Kramat Selatan', NULL, 3, 3, 3, 1), "
        "(1, 4, '33.71', 'PPS', 'Magelang Utara', 'Kelurahan 01', NULL, 3, 3, 3, 1), "
        "(1, 5, '33.71', 'PPK', 'Kecamatan 09', NULL, NULL, 5, 5, 5, 2)"
    )
    migrate(con)
    rows = con.execute(
        "SELECT line, kecamatan, kode_kecamatan, kode_desa_kelurahan FROM badan_adhoc_rows "
        "ORDER BY line"
    ).fetchall()
    assert rows == [
        (2, "MAGELANG UTARA", "33.71.02", None),
        (3, "Magelang Utara", "33.71.02", "33.71.02.1009"),
        (4, "Magelang Utara", "33.71.02", None),  # no official kelurahan: no code
        (5, "Kecamatan 09", None, None),
    ]


def test_a_page_read_during_an_ingest_of_a_million_rows_reads_the_state_before_it(db, tmp_path):
    from analytics import indicators
    from analytics.bench import write_badan_adhoc_csv

    ingest_bytes(db, "badan_adhoc", BADAN.read_bytes(), AS_OF, "a")
    before = indicators.summary(indicators.compute(db, dt.date(2024, 11, 29)))
    big = tmp_path / "sejuta.csv"
    write_badan_adhoc_csv(big, 1_000_000)
    with ingest_held_before_commit(db.path, big, "2024-11-29", tmp_path / "reached", 300):
        # The ingest holds the database (its million rows written, not committed). A page
        # read in another process does not wait for it: it reads the snapshot the ingest
        # published when it began, i.e. the state before it.
        with pytest.raises(DatabaseBusy):
            Database(db.path, lock_timeout=0.2)._connect(read_only=True)
        reader = Database(db.path, lock_timeout=0.2)
        assert reader.snapshot_path.exists()
        during = indicators.summary(indicators.compute(reader, dt.date(2024, 11, 29)))
        assert during == before
        assert len(reader.history()) == 1
