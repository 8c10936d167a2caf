"""`user add|passwd|list` and the scope of `ingest --user` / `rollback --user` (exit codes)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analytics import audit, auth
from analytics.storage import Database

REPO = Path(__file__).resolve().parent.parent
MAGELANG = REPO / "tests" / "fixtures" / "indikator" / "badan_adhoc_3371_2024-08-01.csv"


def run(*args, stdin: str = ""):
    return subprocess.run(
        [sys.executable, "-m", "analytics", *map(str, args)],
        cwd=REPO,
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ},
    )


@pytest.fixture
def db_path(tmp_path) -> Path:
    path = tmp_path / "siaga.duckdb"
    assert run("user", "add", "op-magelang", "--role", "operator", "--region", "3371",
               "--db", path, stdin="sandi-magelang-1\n").returncode == 0  # fmt: skip
    assert run("user", "add", "peninjau", "--role", "viewer", "--db", path,
               stdin="sandi-peninjau-1\n").returncode == 0  # fmt: skip
    return path


def test_user_add_list_and_refusals(db_path):
    listed = run("user", "list", "--db", db_path)
    assert listed.returncode == 0
    lines = [line.split("\t")[:4] for line in listed.stdout.strip().split("\n")]
    assert lines == [
        ["nama", "peran", "wilayah", "status"],
        ["op-magelang", "operator", "33.71", "aktif"],
        ["peninjau", "viewer", "-", "aktif"],
    ]
    again = run("user", "add", "peninjau", "--role", "viewer", "--db", db_path, stdin="x" * 12)
    assert again.returncode == 1
    assert again.stderr.strip().startswith("Pengguna peninjau sudah ada.")
    no_region = run("user", "add", "op2", "--role", "operator", "--db", db_path, stdin="x" * 12)
    assert no_region.returncode == 1 and "tambahkan --region" in no_region.stderr
    short = run("user", "add", "op2", "--role", "admin", "--db", db_path, stdin="pendek\n")
    assert (short.returncode, short.stderr.strip()) == (
        1,
        "Kata sandi terlalu pendek: minimal 10 karakter.",
    )
    empty = run("user", "add", "op2", "--role", "admin", "--db", db_path, stdin="")
    assert empty.returncode == 1 and "tidak terbaca" in empty.stderr
    bad_role = run("user", "add", "op2", "--role", "raja", "--db", db_path, stdin="x" * 12)
    assert bad_role.returncode == 2
    assert run("user", "list", "--db", db_path.parent / "tidak-ada.duckdb").returncode == 2


def test_passwd_changes_the_password(db_path):
    assert run("user", "passwd", "siapa", "--db", db_path, stdin="x" * 12).returncode == 1
    changed = run("user", "passwd", "peninjau", "--db", db_path, stdin="sandi-baru-12345\n")
    assert changed.returncode == 0, changed.stderr
    db = Database(db_path)
    assert auth.login(db, "peninjau", "sandi-baru-12345").user == auth.User("peninjau", "viewer")
    assert auth.login(db, "peninjau", "sandi-peninjau-1").user is None


MAGELANG_PASSWORD = "sandi-magelang-1\n"
REFUSED_UPLOAD = "Nama pengguna atau kata sandi salah. Unggahan ditolak."


def test_ingest_scope_by_user(db_path, tmp_path):
    unknown = run("ingest", "badan_adhoc", MAGELANG, "--db", db_path, "--user", "siapa",
                  stdin="apa-saja-123\n")  # fmt: skip
    assert (unknown.returncode, unknown.stdout, unknown.stderr.strip()) == (1, "", REFUSED_UPLOAD)
    viewer = run("ingest", "badan_adhoc", MAGELANG, "--db", db_path, "--user", "peninjau",
                 stdin="sandi-peninjau-1\n")  # fmt: skip
    assert viewer.returncode == 1 and "peninjau: hanya membaca dasbor" in viewer.stderr
    other = tmp_path / "campuran.csv"
    other.write_bytes(MAGELANG.read_bytes() + b"33.72;PPK;Banjarsari;;;5;9;5;5;2;0\n")
    refused = run("ingest", "badan_adhoc", other, "--db", db_path, "--user", "op-magelang",
                  stdin=MAGELANG_PASSWORD)  # fmt: skip
    assert refused.returncode == 1
    assert "Ditolak: Berkas ditolak seluruhnya: berisi baris kabupaten/kota lain (33.72)" in (
        refused.stderr
    )
    assert Database(db_path).history().empty  # nothing stored
    own = run("ingest", "badan_adhoc", MAGELANG, "--db", db_path, "--user", "op-magelang",
              "--as-of", "2024-08-01", stdin=MAGELANG_PASSWORD)  # fmt: skip
    assert (own.returncode, own.stdout.strip()) == (0, "1")
    shell = run("ingest", "badan_adhoc", other, "--db", db_path, "--as-of", "2024-08-02")
    assert shell.returncode == 0
    entries = audit.entries(Database(db_path))
    rows = entries[["actor", "action", "outcome"]].values.tolist()[:9]
    assert rows[:8] == [
        ["admin-server", "unggah", "diterima"],
        ["op-magelang", "unggah", "diterima"],
        ["op-magelang", "masuk", "berhasil"],
        ["op-magelang", "unggah", "ditolak"],
        ["op-magelang", "masuk", "berhasil"],
        ["peninjau", "unggah", "ditolak"],
        ["peninjau", "masuk", "berhasil"],
        [rows[7][0], "unggah", "ditolak"],
    ]
    assert re.fullmatch(r"tidak dikenal \(#[0-9a-f]{6}\)", rows[7][0])  # never "siapa"
    assert rows[8] == [rows[7][0], "masuk", "gagal"]


def test_finding_13_user_option_needs_that_accounts_password(db_path):
    """Review finding 13: `ingest --user` and `rollback --user` accepted any account name
    without its password."""
    wrong = run("ingest", "badan_adhoc", MAGELANG, "--db", db_path, "--user", "op-magelang",
                "--as-of", "2024-08-01", stdin="sandi-orang-lain\n")  # fmt: skip
    assert (wrong.returncode, wrong.stdout, wrong.stderr.strip()) == (1, "", REFUSED_UPLOAD)
    missing = run("ingest", "badan_adhoc", MAGELANG, "--db", db_path, "--user", "op-magelang")
    assert (missing.returncode, missing.stderr.strip()) == (
        1,
        "Kata sandi tidak terbaca dari masukan (stdin); tidak ada yang diubah.",
    )
    db = Database(db_path)
    assert db.history().empty
    assert run("user", "add", "adm", "--role", "admin", "--db", db_path,
               stdin="sandi-admin-123\n").returncode == 0  # fmt: skip
    assert (
        run("ingest", "badan_adhoc", MAGELANG, "--db", db_path, "--as-of", "2024-08-01").returncode
        == 0
    )
    rollback = run("rollback", "1", "--db", db_path, "--user", "adm", "--reason", "x",
                   stdin="bukan-sandi-admin\n")  # fmt: skip
    assert (rollback.returncode, rollback.stderr.strip()) == (
        1,
        "Nama pengguna atau kata sandi salah. Penarikan versi ditolak.",
    )
    assert pd.isna(db.history().iloc[0].withdrawn_at)
    log = audit.entries(db)[["actor", "action", "outcome", "target", "reason"]]
    assert log.iloc[0].tolist() == [
        "adm", "tarik", "ditolak", "versi 1",
        "Nama pengguna atau kata sandi salah. Penarikan versi ditolak.",
    ]  # fmt: skip
    assert log.iloc[1][["actor", "action", "outcome"]].tolist() == ["adm", "masuk", "gagal"]
    assert ["op-magelang", "unggah", "ditolak"] in log[
        ["actor", "action", "outcome"]
    ].values.tolist()
    right = run("rollback", "1", "--db", db_path, "--user", "adm", "--reason", "x",
                stdin="sandi-admin-123\n")  # fmt: skip
    assert right.returncode == 0, right.stderr


def test_rollback_by_user_needs_an_admin(db_path):
    run("ingest", "badan_adhoc", MAGELANG, "--db", db_path, "--as-of", "2024-08-01")
    operator = run("rollback", "1", "--db", db_path, "--user", "op-magelang", "--reason", "x",
                   stdin=MAGELANG_PASSWORD)  # fmt: skip
    assert operator.returncode == 1
    assert "Hanya admin provinsi yang dapat menarik versi" in operator.stderr
    assert run("rollback", "1", "--db", db_path, "--user", "siapa", stdin="x\n").returncode == 1
    assert pd.isna(Database(db_path).history().iloc[0].withdrawn_at)
    assert run("rollback", "1", "--db", db_path, "--reason", "uji").returncode == 0
