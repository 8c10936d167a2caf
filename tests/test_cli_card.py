"""`python -m analytics card`: files written, region spellings, exit codes 0/2 and messages."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from PIL import Image

from analytics import cli, indicators
from analytics import formatting as fmt
from analytics.ingest import ingest_bytes
from tests.ui.support import fixture_db

# Kabupaten Pemalang (33.27): two kecamatan's PPK, 7 of 10 sworn in.
PEMALANG_BADAN = (
    "kode_wilayah;badan;kecamatan;kebutuhan;pendaftar;terisi;dilantik;perempuan\n"
    "33.27;PPK;Pemalang;5;11;5;4;2\n"
    "33.27;PPK;Taman;5;9;4;3;1\n"
)
AS_OF = dt.date(2024, 8, 21)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    db = fixture_db(tmp_path_factory.mktemp("card") / "siaga.duckdb")
    outcome = ingest_bytes(db, "badan_adhoc", PEMALANG_BADAN.encode(), dt.date(2024, 8, 19), "uji")
    assert outcome.accepted, outcome.verdict.issues
    return str(db.path)


def card(*args):
    return cli.main(["card", *map(str, args)])


def dashboard_index(db_path: str, code: str) -> str:
    """The readiness index as the Ringkasan scorecard shows it."""
    from analytics.storage import Database

    readiness = indicators.compute(Database(db_path), AS_OF).readiness.set_index("kode_wilayah")
    return fmt.number(readiness.loc[code, "readiness_index"], 1)


@pytest.mark.parametrize("spelling", ["33.27", "3327", "pemalang", "Kabupaten  Pemalang"])
def test_text_for_pemalang_shows_the_dashboard_index(tmp_path, db_path, capsys, spelling):
    out = tmp_path / "pemalang.txt"
    code = card("--region", spelling, "--as-of", "2024-08-21", "--format", "text", "--out", out,
                "--db", db_path)  # fmt: skip
    assert code == 0
    assert capsys.readouterr().out == f"{out}\tKabupaten Pemalang\tdata per 2024-08-21\n"
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[:3] == ["SIAGA · KPU Provinsi Jawa Tengah", "*Kabupaten Pemalang (33.27)*",
                         "Data per 21 Agustus 2024"]  # fmt: skip
    index = dashboard_index(db_path, "33.27")
    assert index not in ("belum lapor", "-")
    assert lines[4] == f"Indeks kesiapan: *{index}*"


@pytest.mark.parametrize("region", [[], ["--region", "provinsi"], ["--region", "Jawa Tengah"]])
def test_text_without_out_is_printed(db_path, capsys, region):
    assert card(*region, "--format", "text", "--db", db_path, "--as-of", "2024-08-21") == 0
    printed = capsys.readouterr().out
    assert printed.splitlines()[1] == "*Provinsi Jawa Tengah*"
    assert "Indeks rata-rata: *" in printed


def test_png_is_1080_wide(tmp_path, db_path, capsys):
    out = tmp_path / "pemalang.png"
    assert card("--region", "33.27", "--format", "png", "--out", out, "--db", db_path) == 0
    assert capsys.readouterr().out == f"{out}\tKabupaten Pemalang\tdata per 2024-08-20\n"
    assert Image.open(out).size == (1080, 1350)


def test_all_cards_in_one_zip(tmp_path, db_path, capsys):
    out = tmp_path / "kartu.zip"
    assert card("--all", "--out", out, "--db", db_path, "--as-of", "2024-08-21") == 0
    assert capsys.readouterr().out == f"{out}\t36 kartu\tdata per 2024-08-21\n"
    names = zipfile.ZipFile(out).namelist()
    assert len(names) == 72  # a PNG and a text per card: province and 35 regencies
    assert names[:2] == ["00_siaga_kartu_provinsi_2024-08-21.png",
                         "00_siaga_kartu_provinsi_2024-08-21.txt"]  # fmt: skip
    with zipfile.ZipFile(out) as archive:
        png = archive.read(names[2])
    assert Image.open(io.BytesIO(png)).size == (1080, 1350)


def test_all_cards_into_a_folder(tmp_path, db_path):
    folder = tmp_path / "kartu"
    assert card("--all", "--out", folder, "--db", db_path) == 0
    assert len(list(folder.glob("*.png"))) == 36 and len(list(folder.glob("*.txt"))) == 36


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--region", "33.99", "--format", "text"],
         "Kabupaten/kota tidak dikenal: 33.99. Tulis kodenya (33.27 atau 3327), namanya "
         "(Kabupaten Pemalang atau pemalang), atau provinsi.\n"),
        (["--region", "magelang", "--format", "text"],
         "Nama magelang dipakai 33.08 Kabupaten Magelang dan 33.71 Kota Magelang; tulis nama "
         "lengkap atau kodenya.\n"),
        (["--region", "33.27"],
         "Sebutkan --format png atau --format text, atau --all untuk semua kartu dalam satu "
         "ZIP.\n"),
        (["--format", "png"], "Kartu PNG memerlukan --out BERKAS.png.\n"),
        (["--all"],
         "--all memerlukan --out BERKAS.zip atau --out FOLDER (folder dibuat bila belum ada).\n"),
        (["--all", "--region", "33.27", "--out", "{tmp}/x.zip"],
         "--all membuat semua kartu; jangan gabungkan dengan --region.\n"),
        (["--format", "png", "--out", "{tmp}/tidak/ada/kartu.png"],
         "Folder {tmp}/tidak/ada tidak ditemukan.\n"),
        (["--format", "text", "--db", "{tmp}/tidak-ada.duckdb"],
         "Basis data {tmp}/tidak-ada.duckdb tidak ditemukan.\n"),
    ],
)  # fmt: skip
def test_usage_errors_exit_2(tmp_path, db_path, capsys, args, message):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if "--db" not in args:
        args += ["--db", db_path]
    assert card(*args) == 2
    captured = capsys.readouterr()
    assert captured.err == message.replace("{tmp}", str(tmp_path))
    assert captured.out == ""
    assert list(tmp_path.iterdir()) == []


def test_an_out_folder_for_one_card_is_refused(tmp_path, db_path, capsys):
    assert card("--format", "png", "--out", tmp_path, "--db", db_path) == 2
    assert capsys.readouterr().err == (
        f"{tmp_path} adalah folder; tulis nama berkasnya, misalnya {tmp_path}/kartu.png.\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_bad_format_is_refused_by_the_parser(db_path, capsys):
    with pytest.raises(SystemExit) as stop:
        card("--format", "pdf", "--db", db_path)
    assert stop.value.code == 2
    assert "kesalahan: argument --format: invalid choice: 'pdf'" in capsys.readouterr().err
