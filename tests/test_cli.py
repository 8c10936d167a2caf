"""The command line: outputs, exit codes (0 ok, 1 refused, 2 usage/environment), determinism."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analytics import auth, cli, indicators
from analytics.demo_store import build_demo
from analytics.ingest import ingest_bytes
from analytics.schema import DATASETS
from analytics.storage import Database

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "indikator"
FILES = [
    ("badan_adhoc", "badan_adhoc_3371_2024-08-01.csv", "2024-08-01"),
    ("bimtek", "bimtek_3371_2024-08-01.csv", "2024-08-01"),
    ("persiapan_pencalonan", "persiapan_pencalonan_3371_2024-08-20.csv", "2024-08-20"),
]


def run(*args, env=None, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "analytics", *map(str, args)],
        cwd=REPO,
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )


def test_datasets_lists_name_tab_description():
    result = run("datasets")
    assert result.returncode == 0
    lines = result.stdout.strip().split("\n")
    assert [line.split("\t")[0] for line in lines] == list(DATASETS)
    assert lines[0] == "badan_adhoc\t" + DATASETS["badan_adhoc"].description


def test_ingest_prints_version_and_summary_is_json(tmp_path):
    db = tmp_path / "a.duckdb"
    auth.add_user(Database(db), "operator", "operator", "kata-sandi-uji", region="33.71")
    result = run("ingest", "badan_adhoc", FIXTURES / FILES[0][1], "--db", db, "--as-of",
                 "2024-08-01", "--user", "operator", stdin="kata-sandi-uji\n")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1"
    summary = json.loads(run("summary", "--db", db, "--as-of", "2024-08-02").stdout)
    assert summary["as_of"] == "2024-08-02"
    magelang = next(r for r in summary["kabupaten_kota"] if r["kode_wilayah"] == "33.71")
    assert magelang["badan"]["PPK"]["terisi"] == 14
    history = run("history", "--db", db)
    assert history.returncode == 0
    assert history.stdout.split("\n")[1].split("\t")[:6] == [
        "1", "badan_adhoc", "33.71", "2024-08-01", "5", "1",
    ]  # fmt: skip


def test_invalid_file_exit_1_and_every_error_listed(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "kode_wilayah;badan;kecamatan;kebutuhan;terisi;dilantik;perempuan\n"
        "33.71;PPK;Magelang Utara;5;6;5;2\n"
        "33.99;PPK;Magelang Tengah;5;5;5;1\n"
    )
    ingest = run("ingest", "badan_adhoc", bad, "--db", tmp_path / "x.duckdb", "--as-of",
                 "2024-08-01")  # fmt: skip
    assert (ingest.returncode, ingest.stdout) == (1, "")
    result = run("validate", "badan_adhoc", bad, "--as-of", "2024-08-01")
    assert result.returncode == 1
    assert result.stdout.strip().split("\n") == [
        "PERINGATAN\tbaris -\tkolom badan\tnilai 'PPK'\tHanya 1 baris PPK, padahal Kota Magelang "
        "memiliki 3 kecamatan. Apakah berkas lengkap?",
        "GALAT\tbaris 2\tkolom terisi\tnilai '6'\tterisi (6) melebihi kebutuhan (5). "
        "Periksa kedua angka.",
        "GALAT\tbaris 3\tkolom kode_wilayah\tnilai '33.99'\tKode kabupaten/kota tidak dikenal. "
        "Gunakan kode Kemendagri, misalnya 33.01 atau 3301.",
    ]
    assert result.stderr.strip() == (
        "Berkas ditolak: 2 kesalahan, 1 peringatan. Perbaiki lalu unggah lagi."
    )


def test_unreadable_file_exit_1_one_line(tmp_path):
    junk = tmp_path / "foto.csv"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = run("validate", "badan_adhoc", junk)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Ditolak: Berkas ini bukan tabel CSV atau Excel (.xlsx) yang dapat dibaca. Simpan ulang "
        "dari spreadsheet sebagai CSV atau .xlsx, lalu unggah lagi."
    )
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["validate", "nope", "x.csv"], "Dataset nope tidak dikenal."),
        (["validate", "badan_adhoc", "/tidak/ada.csv"], "Berkas /tidak/ada.csv tidak ditemukan."),
        (["validate", "badan_adhoc", "x.csv", "--as-of", "15/08/2024"], "Tanggal data 15/08/2024"),
        (["frobnicate"], "invalid choice"),
        (["summary", "--db", "/tidak/ada.duckdb"], "Basis data /tidak/ada.duckdb tidak ditemukan."),
        (["rollback", "abc"], "invalid int value"),
        (["template", "bimtek", "--format", "xlsx"], "Templat xlsx memerlukan --out"),
    ],
)
def test_usage_errors_exit_2(args, message):
    result = run(*args)
    assert result.returncode == 2, result
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_rollback_exit_codes(tmp_path):
    db = tmp_path / "a.duckdb"
    run("ingest", "badan_adhoc", FIXTURES / FILES[0][1], "--db", db, "--as-of", "2024-08-01")
    first = run("rollback", "1", "--db", db, "--reason", "uji")
    assert (first.returncode, first.stdout.strip()) == (0, "Versi 1 ditarik.")
    again = run("rollback", "1", "--db", db)
    assert again.returncode == 1 and "sudah ditarik" in again.stderr
    missing = run("rollback", "7", "--db", db)
    assert missing.returncode == 1 and missing.stderr.strip() == "Versi 7 tidak ditemukan."


def test_summary_identical_for_same_data_in_any_order(tmp_path):
    outputs = []
    for name, order in (("a", FILES), ("b", list(reversed(FILES)))):
        db = tmp_path / f"{name}.duckdb"
        auth.add_user(Database(db), name * 3, "admin", "kata-sandi-uji")
        for dataset, file_name, as_of in order:
            result = run("ingest", dataset, FIXTURES / file_name, "--db", db, "--as-of", as_of,
                         "--user", name * 3, stdin="kata-sandi-uji\n")  # fmt: skip
            assert result.returncode == 0, result.stderr
        run("ingest", *FILES[0][:2], "--db", db)  # a later, different upload of the same file
        summary = run("summary", "--db", db, "--as-of", "2024-08-21")
        assert summary.returncode == 0
        outputs.append(summary.stdout)
    assert outputs[0] == outputs[1]


def test_template_round_trip(tmp_path):
    for name in DATASETS:
        csv_path, xlsx_path = tmp_path / f"{name}.csv", tmp_path / f"{name}.xlsx"
        assert run("template", name, "--out", csv_path).returncode == 0
        assert run("template", name, "--format", "xlsx", "--out", xlsx_path).returncode == 0
        assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf" + b"kode_wilayah;")
        for path in (csv_path, xlsx_path):
            result = run("validate", name, path, "--as-of", "2024-11-29")
            assert result.returncode == 0, (name, path.suffix, result.stdout, result.stderr)
            assert "Berkas valid: 1 baris" in result.stdout


def test_demo_export_ingests_to_the_same_summary(tmp_path):
    """The exported latest demo state, uploaded file by file, gives the demo's numbers."""
    from analytics.reference import regions

    cities = regions()[regions()["jenis"] == "kota"]
    demo_db, export = tmp_path / "demo.duckdb", tmp_path / "ekspor"
    build_demo(demo_db, export_dir=export, regions=cities)
    assert Database(demo_db).is_demo()
    assert sorted(p.name for p in (export / "badan_adhoc").iterdir()) == [
        f"{code}.csv" for code in sorted(cities["kode_wilayah"])
    ]
    rebuilt = Database(tmp_path / "rebuilt.duckdb")
    dates = pd.read_csv(export / "tanggal_data.csv", dtype=str)
    for item in dates.itertuples():
        path = export / item.dataset / f"{item.kode_wilayah}.csv"
        outcome = ingest_bytes(
            rebuilt, item.dataset, path.read_bytes(), dt.date.fromisoformat(item.tanggal_data), "x"
        )
        assert outcome.accepted, (path, outcome.verdict.errors)
    as_of = dt.date(2024, 11, 29)
    expected = indicators.summary(indicators.compute(Database(demo_db), as_of))
    actual = indicators.summary(indicators.compute(rebuilt, as_of))
    assert actual == expected
    assert expected["provinsi"]["kabupaten_kota_lapor"] == 6


def test_demo_refuses_to_overwrite_real_data(tmp_path):
    db = tmp_path / "real.duckdb"
    run("ingest", "badan_adhoc", FIXTURES / FILES[0][1], "--db", db, "--as-of", "2024-08-01")
    result = run("demo", "--db", db)
    assert result.returncode == 2
    assert "berisi data unggahan nyata" in result.stderr


def test_every_cli_option_is_documented_in_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    parser = cli.build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    for name, sub in subparsers.choices.items():
        assert f"python -m analytics {name}" in readme, name
        for action in sub._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in readme, (name, option)
