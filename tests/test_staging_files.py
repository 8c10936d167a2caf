"""Staging files (full upload bodies in the temp folder): private, and those left behind
by a killed process removed at the next start (issue 11 #14)."""

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analytics.upload import staging
from analytics.upload.staging import STAGING_PREFIX, Staging, remove_stale_files

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def temp_dir(tmp_path, monkeypatch):
    """A temp folder of the test's own, so no other process's staging files are touched."""
    monkeypatch.setattr(staging.tempfile, "tempdir", str(tmp_path))
    return tmp_path


def dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return int(proc.stdout)


def staged_file(folder: Path, pid: int | str, age_s: float = 0, tag: str = "abc123") -> Path:
    path = folder / f"{STAGING_PREFIX}{pid}-{tag}.csv"
    path.write_bytes(b"kode_wilayah;badan\n33.71;PPK\n")
    when = time.time() - age_s
    os.utime(path, (when, when))
    return path


def test_staging_file_is_private_and_names_its_process(temp_dir):
    old = os.umask(0o022)  # a usual login umask: new files 0644 unless made private
    try:
        with Staging() as scratch:
            fd, path = scratch.temp_file(".csv")
            os.close(fd)
            assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
            assert Path(path).parent == temp_dir
            assert Path(path).name.startswith(f"{STAGING_PREFIX}{os.getpid()}-")
        assert not Path(path).exists()
    finally:
        os.umask(old)


def test_files_of_dead_processes_and_old_files_go_live_ones_stay(temp_dir):
    orphan = staged_file(temp_dir, dead_pid())
    live = staged_file(temp_dir, os.getpid())
    live_parent = staged_file(temp_dir, os.getppid())
    ancient = staged_file(temp_dir, os.getppid(), 2 * 60 * 60, "old")  # pid reused?
    unnamed = temp_dir / f"{STAGING_PREFIX}k2j4x.csv"  # an older SIAGA's name: no pid
    unnamed.write_text("body")
    unnamed_old = temp_dir / f"{STAGING_PREFIX}q8w1z.csv"
    unnamed_old.write_text("body")
    os.utime(unnamed_old, (time.time() - 2 * 60 * 60,) * 2)
    other_program = temp_dir / "other-program-1.csv"
    other_program.write_text("keep")
    removed = remove_stale_files(older_than=60 * 60)
    assert sorted(removed) == sorted([orphan, ancient, unnamed_old])
    assert sorted(temp_dir.iterdir()) == sorted([live, live_parent, unnamed, other_program])


def test_killed_ingest_leaves_a_body_that_the_next_cli_ingest_removes(temp_dir, tmp_path):
    """Reproduction: a process killed while an upload is staged leaves its body behind."""
    env = {**os.environ, "TMPDIR": str(temp_dir)}
    code = (
        "import os, signal\n"
        "from analytics.upload.staging import Staging\n"
        "fd, path = Staging().temp_file('.csv')\n"
        "os.write(fd, b'kode_wilayah;badan\\n33.71;PPK\\n')\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, check=False)
    (left,) = temp_dir.glob(f"{STAGING_PREFIX}*")
    assert stat.S_IMODE(left.stat().st_mode) == 0o600
    fixture = REPO / "tests" / "fixtures" / "indikator" / "badan_adhoc_3371_2024-08-01.csv"
    result = subprocess.run(
        [sys.executable, "-m", "analytics", "ingest", "badan_adhoc", str(fixture),
         "--as-of", "2024-08-01", "--db", str(tmp_path / "db" / "siaga.duckdb")],
        cwd=REPO, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert list(temp_dir.glob(f"{STAGING_PREFIX}*")) == []


def test_app_start_removes_them(temp_dir, tmp_path, monkeypatch):
    from tests.ui.support import app

    orphan = staged_file(temp_dir, dead_pid())
    app(tmp_path / "start" / "siaga.duckdb")
    assert not orphan.exists()
