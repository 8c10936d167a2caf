"""`backup` and `restore`: a consistent copy of the database and the upload archive, checked
by a manifest; a damaged backup or an existing database is refused (exit 1), nothing changed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from analytics import auth, backup, cli, indicators
from analytics.ingest import ingest_bytes
from analytics.storage import Database

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "indikator"
FILES = [
    ("badan_adhoc", "badan_adhoc_3371_2024-08-01.csv", "2024-08-01"),
    ("badan_adhoc", "badan_adhoc_3371_2024-08-15.csv", "2024-08-15"),
    ("bimtek", "bimtek_3371_2024-08-01.csv", "2024-08-01"),
    ("persiapan_pencalonan", "persiapan_pencalonan_3371_2024-08-20.csv", "2024-08-20"),
]
AS_OF = [dt.date(2024, 8, 2), dt.date(2024, 8, 16), dt.date(2024, 8, 21)]


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Database:
    """A small real database: four accepted uploads (each archived) and one account."""
    db = Database(tmp_path_factory.mktemp("sumber") / "siaga.duckdb")
    for dataset, name, as_of in FILES:
        outcome = ingest_bytes(db, dataset, (FIXTURES / name).read_bytes(),
                               dt.date.fromisoformat(as_of), user="uji", file_name=name)  # fmt: skip
        assert outcome.accepted, name
    auth.add_user(db, "operator", "operator", "kata-sandi-uji", region="33.71")
    return db


@pytest.fixture(scope="module")
def made(source, tmp_path_factory) -> Path:
    """One backup of ``source`` (made through the CLI), shared read-only by the tests."""
    out = tmp_path_factory.mktemp("cadangan")
    code, stdout, _ = run_cli("backup", "--out", out, "--db", source.path)
    assert code == 0
    return Path(stdout.strip())


def run_cli(*args, env: dict | None = None) -> tuple[int, str, str]:
    """``python -m analytics ARGS`` in a child process: exit code, stdout, stderr."""
    result = subprocess.run(
        [sys.executable, "-m", "analytics", *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )
    return result.returncode, result.stdout, result.stderr


def copy_of(made: Path, tmp_path: Path) -> Path:
    """A private copy of the shared backup, for a test that damages it."""
    target = tmp_path / made.name
    shutil.copytree(made, target)
    return target


def summaries(db: Database) -> list[dict]:
    return [indicators.summary(indicators.compute(db, as_of)) for as_of in AS_OF]


def archive_files(db: Database) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(db.archive_dir.iterdir())}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def flip_byte(path: Path, offset: int | None = None) -> None:
    data = bytearray(path.read_bytes())
    at = len(data) // 2 if offset is None else offset
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


# ---------------------------------------------------------------------- backup


def test_backup_folder_holds_the_database_archive_and_a_manifest(source, made):
    assert made.parent.name.startswith("cadangan")
    assert made.name.startswith("siaga-") and len(made.name) == len("siaga-20240801-120000")
    names = sorted(p.relative_to(made).as_posix() for p in made.rglob("*") if p.is_file())
    archive = sorted(f"arsip/{name}" for name in archive_files(source))
    assert len(archive) == len(FILES)
    assert names == sorted(["SHA256SUMS", "manifest.json", "siaga.duckdb", *archive])
    manifest = json.loads((made / "manifest.json").read_text())
    assert manifest["format"] == "siaga-backup"
    assert manifest["data_version"] == source.data_version()
    assert manifest["duckdb_version"] == duckdb.__version__
    assert manifest["row_counts"]["uploads"] == len(FILES)
    assert manifest["row_counts"]["users"] == 1
    assert manifest["row_counts"]["badan_adhoc_rows"] > 0
    for name, entry in manifest["files"].items():
        assert entry == {"sha256": sha256(made / name), "bytes": (made / name).stat().st_size}
    for name in archive:  # archive files are named by their hash
        assert manifest["files"][name]["sha256"] == name.removeprefix("arsip/")
    # SHA256SUMS: the same hashes in `sha256sum -c` format
    sums = (made / "SHA256SUMS").read_text().splitlines()
    assert sums == [f"{e['sha256']}  {n}" for n, e in sorted(manifest["files"].items())]


def test_backup_files_are_private(made):
    # The backup holds password hashes and every original upload.
    for path in [made, *made.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path


def test_backup_copy_is_the_database_as_committed(source, made):
    with duckdb.connect(str(made / "siaga.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM uploads").fetchone()[0] == len(FILES)
        users = con.execute("SELECT username, password_hash FROM users").fetchall()
    assert [u[0] for u in users] == ["operator"] and users[0][1].startswith("$argon2")
    assert not (made / "siaga.duckdb.wal").exists()


def test_backup_includes_what_is_still_in_the_write_ahead_log(source, tmp_path):
    # A process killed after its commit leaves the change in siaga.duckdb.wal only; the
    # backup opens the database read-write (replaying the log) and checkpoints before the
    # copy, so the change is in the copied file itself.
    db_path = tmp_path / "siaga.duckdb"
    shutil.copyfile(source.path, db_path)
    subprocess.run(
        [sys.executable, "-c", "import duckdb, os, sys; c = duckdb.connect(sys.argv[1]); "
         "c.execute(\"INSERT INTO meta VALUES ('uji-wal', '1')\"); os._exit(0)", str(db_path)],
        check=True,
    )  # fmt: skip
    assert db_path.with_name("siaga.duckdb.wal").stat().st_size > 0
    made = backup.backup(Database(db_path), tmp_path / "cadangan")
    assert not (made.path / "siaga.duckdb.wal").exists()
    with duckdb.connect(str(made.path / "siaga.duckdb"), read_only=True) as con:
        assert con.execute("SELECT value FROM meta WHERE key = 'uji-wal'").fetchall() == [("1",)]


def test_two_backups_in_one_second_get_two_folders(source, tmp_path):
    now = dt.datetime(2024, 8, 20, 3, 0, 0, tzinfo=dt.UTC)
    first = backup.backup(source, tmp_path, now=now).path
    second = backup.backup(source, tmp_path, now=now).path
    assert first.name == "siaga-20240820-100000"  # WIB
    assert second.name == "siaga-20240820-100000-2"
    assert sorted(p.name for p in tmp_path.iterdir()) == [first.name, second.name]


def test_backup_waits_for_the_write_lock_and_gives_up_busy(source, tmp_path):
    # Another process holds the database read-write: the backup cannot take the lock,
    # says so (exit 2 like every busy database) and leaves no half-written folder.
    db_path = tmp_path / "siaga.duckdb"
    shutil.copyfile(source.path, db_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
         "print('ok', flush=True); time.sleep(60)", str(db_path)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "ok"
        out = tmp_path / "cadangan"
        code, stdout, stderr = run_cli(
            "backup", "--out", out, "--db", db_path, env={"SIAGA_LOCK_TIMEOUT": "1"}
        )
    finally:
        holder.kill()
        holder.wait()
    assert code == 2
    assert stdout == ""
    assert stderr.strip() == (
        "Basis data sedang dipakai proses lain (menunggu 1 detik). Coba lagi sebentar lagi."
    )
    assert list(out.iterdir()) == []


def test_backup_of_a_missing_database_is_a_usage_error(tmp_path):
    code, stdout, stderr = run_cli("backup", "--out", tmp_path, "--db", tmp_path / "tidak.duckdb")
    assert code == 2
    assert stdout == ""
    assert stderr.strip() == f"Basis data {tmp_path / 'tidak.duckdb'} tidak ditemukan."


def test_backup_requires_out(tmp_path):
    code, _, stderr = run_cli("backup", "--db", tmp_path / "a.duckdb")
    assert code == 2
    assert "--out" in stderr


# ---------------------------------------------------------------------- restore


def test_restore_gives_the_same_indicators_history_accounts_and_archive(source, made, tmp_path):
    target = Database(tmp_path / "baru" / "siaga.duckdb")
    code, stdout, stderr = run_cli("restore", made, "--db", target.path)
    assert code == 0, stderr
    assert stdout.splitlines() == [
        f"Dipulihkan dari {made}: {target.path} (data_version {source.data_version()}) dan "
        f"{len(FILES)} berkas arsip di {target.archive_dir}."
    ]
    assert "systemctl restart siaga" in stderr
    assert summaries(target) == summaries(source)
    assert archive_files(target) == archive_files(source)
    assert target.data_version() == source.data_version()
    assert target.history().equals(source.history())
    assert auth.login(target, "operator", "kata-sandi-uji").user is not None
    assert stat.S_IMODE(target.path.stat().st_mode) == 0o600


def test_restore_onto_an_existing_database_is_refused_without_force(source, made, tmp_path):
    existing = Database(tmp_path / "siaga.duckdb")
    existing.initialise()
    before = sha256(existing.path)
    code, stdout, stderr = run_cli("restore", made, "--db", existing.path)
    assert code == 1
    assert stdout == ""
    assert stderr.strip() == (
        f"Basis data {existing.path} sudah ada; pemulihan tidak menimpanya. Hentikan "
        "aplikasi, lalu ulangi dengan --force (basis data lama disimpan di sampingnya sebagai "
        "siaga.duckdb.sebelum-pulih-WAKTU)."
    )
    assert sha256(existing.path) == before
    assert not existing.archive_dir.exists()


def test_restore_with_force_keeps_the_replaced_database_beside_it(source, made, tmp_path):
    existing = Database(tmp_path / "siaga.duckdb")
    existing.initialise()
    old_version = existing.data_version()
    snapshot = existing.path.with_name("siaga.duckdb.snapshot")  # stale after a restore
    snapshot.write_bytes(b"stale")
    extra = existing.archive_dir / ("0" * 64)  # an original of another database: kept
    existing.archive_dir.mkdir()
    extra.write_bytes(b"lain")
    code, stdout, stderr = run_cli("restore", made, "--db", existing.path, "--force")
    assert code == 0, stderr
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("siaga.duckdb.sebelum-pulih-")]
    assert len(kept) == 1
    assert stdout.splitlines()[1] == f"Basis data lama disimpan sebagai {kept[0]}."
    assert Database(kept[0]).data_version() == old_version
    assert summaries(existing) == summaries(source)
    assert not snapshot.exists()
    assert extra.read_bytes() == b"lain"
    assert {k: v for k, v in archive_files(existing).items() if k != extra.name} == (
        archive_files(source)
    )


@pytest.mark.parametrize("damaged", ["siaga.duckdb", "arsip"], ids=["database", "archive"])
def test_a_backup_with_one_byte_changed_is_refused(made, tmp_path, damaged):
    bad = copy_of(made, tmp_path)
    if damaged == "arsip":
        victim = sorted((bad / "arsip").iterdir())[0]
        flip_byte(victim, 0)
        name = f"arsip/{victim.name}"
    else:
        flip_byte(bad / damaged)
        name = damaged
    target = tmp_path / "baru" / "siaga.duckdb"
    code, stdout, stderr = run_cli("restore", bad, "--db", target)
    assert code == 1
    assert stdout == ""
    assert stderr.strip() == (
        f"Cadangan {bad} rusak: isi berkas {name} tidak sesuai manifest (sha256 berbeda). "
        "Tidak ada yang dipulihkan; pakai cadangan lain."
    )
    assert not target.parent.exists()


def test_a_changed_manifest_is_refused(made, tmp_path):
    bad = copy_of(made, tmp_path)
    manifest = bad / "manifest.json"
    manifest.write_text(manifest.read_text().replace('"users": 1', '"users": 2'))
    code, _, stderr = run_cli("restore", bad, "--db", tmp_path / "baru.duckdb")
    assert code == 1
    assert stderr.strip() == (
        f"Cadangan {bad} rusak: manifest.json berubah sejak cadangan dibuat. Tidak ada yang "
        "dipulihkan; pakai cadangan lain."
    )
    assert not (tmp_path / "baru.duckdb").exists()


def test_a_database_that_disagrees_with_its_manifest_is_refused(made, tmp_path):
    # A consistent manifest (checksum recomputed) whose counts do not match the file.
    bad = copy_of(made, tmp_path)
    manifest = json.loads((bad / "manifest.json").read_text())
    manifest["row_counts"]["users"] = 2
    manifest["checksum"] = backup._manifest_checksum(manifest)
    (bad / "manifest.json").write_text(json.dumps(manifest))
    code, _, stderr = run_cli("restore", bad, "--db", tmp_path / "baru.duckdb")
    assert code == 1
    assert stderr.strip() == (
        f"Cadangan {bad} rusak: isi basis data tidak sesuai manifest (users: 2 baris di "
        "manifest, 1 di berkas). Tidak ada yang dipulihkan; pakai cadangan lain."
    )
    assert not (tmp_path / "baru.duckdb").exists()
    assert not list(tmp_path.glob(".baru.duckdb.restoring*"))


def test_a_missing_or_unlisted_file_is_refused(made, tmp_path):
    bad = copy_of(made, tmp_path)
    victim = sorted((bad / "arsip").iterdir())[0]
    victim.unlink()
    code, _, stderr = run_cli("restore", bad, "--db", tmp_path / "baru.duckdb")
    assert code == 1
    assert stderr.strip() == (
        f"Cadangan {bad} tidak lengkap: berkas arsip/{victim.name} tidak ada. Tidak ada yang "
        "dipulihkan; pakai cadangan lain."
    )
    shutil.rmtree(bad)
    bad = copy_of(made, tmp_path)
    (bad / "arsip" / "tambahan.csv").write_text("x")
    code, _, stderr = run_cli("restore", bad, "--db", tmp_path / "baru.duckdb")
    assert code == 1
    assert stderr.strip() == (
        f"Cadangan {bad} berisi berkas yang tidak tercatat di manifest: arsip/tambahan.csv. "
        "Tidak ada yang dipulihkan; pakai cadangan lain."
    )


def test_a_backup_from_a_newer_siaga_is_refused(made, tmp_path):
    bad = copy_of(made, tmp_path)
    manifest = json.loads((bad / "manifest.json").read_text())
    manifest["migrations"].append(999)
    manifest["checksum"] = backup._manifest_checksum(manifest)
    (bad / "manifest.json").write_text(json.dumps(manifest))
    code, _, stderr = run_cli("restore", bad, "--db", tmp_path / "baru.duckdb")
    assert code == 1
    assert stderr.strip() == (
        f"Cadangan {bad} dibuat oleh SIAGA yang lebih baru (migrasi sampai 999, versi ini "
        f"sampai {max(manifest['migrations'][:-1])}). Perbarui SIAGA dulu, lalu pulihkan lagi."
    )


def test_restore_of_what_is_no_backup(tmp_path):
    code, _, stderr = run_cli("restore", tmp_path, "--db", tmp_path / "a.duckdb")
    assert code == 1
    assert stderr.strip() == (
        f"{tmp_path} bukan cadangan SIAGA: manifest.json tidak ada atau tidak terbaca. Tidak "
        "ada yang dipulihkan."
    )
    code, _, stderr = run_cli("restore", tmp_path / "tidak-ada", "--db", tmp_path / "a.duckdb")
    assert code == 2
    assert stderr.strip() == f"Folder cadangan {tmp_path / 'tidak-ada'} tidak ditemukan."


def test_cli_main_maps_a_refusal_to_exit_1(made, tmp_path, capsys):
    existing = Database(tmp_path / "siaga.duckdb")
    existing.initialise()
    assert cli.main(["restore", str(made), "--db", str(existing.path)]) == 1
    assert "sudah ada; pemulihan tidak menimpanya" in capsys.readouterr().err
