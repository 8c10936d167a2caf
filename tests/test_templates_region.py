"""Templates pre-filled for one regency (`template DATASET --region 33.01`): the official
units of badan_adhoc, the checklist of persiapan_pencalonan; CSV, Excel, CLI and upload."""

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from analytics import templates
from analytics.ingest import ingest_bytes
from analytics.schema import DATASETS
from analytics.storage import Database
from analytics.upload import check_file

REPO = Path(__file__).resolve().parent.parent
BADAN = DATASETS["badan_adhoc"]
COUNTS = ["pendaftar", "terisi", "dilantik", "perempuan", "pengganti"]
UNKNOWN_REGION = (
    "Kode kabupaten/kota tidak dikenal. Gunakan kode Kemendagri, misalnya 33.01 atau 3301."
)
# Kota Magelang (33.71) from data/reference/wilayah_administrasi.csv, in file order:
# kecamatan 33.71.01, .02, .03 and their kelurahan.
MAGELANG_KECAMATAN = ["Magelang Selatan", "Magelang Utara", "Magelang Tengah"]
MAGELANG_KELURAHAN = {
    "Magelang Selatan": [
        "Rejowinangun Selatan", "Magersari", "Jurangombo Utara", "Jurangombo Selatan",
        "Tidar Utara", "Tidar Selatan",
    ],
    "Magelang Utara": ["Wates", "Potrobangsan", "Kedungsari", "Kramat Utara", "Kramat Selatan"],
    "Magelang Tengah": [
        "Kemirirejo", "Cacaban", "Rejowinangun Utara", "Magelang", "Panjang", "Gelangan",
    ],
}  # fmt: skip


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "analytics", *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=dict(os.environ),
    )


def csv_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # BOM, for Indonesian-locale Excel
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def filled_in(rows: list[dict[str, str]]) -> bytes:
    """The operator's part: 10 applicants, every seat appointed and sworn in, one woman."""
    for row in rows:
        seats = row["kebutuhan"]
        row.update(pendaftar="10", terisi=seats, dilantik=seats, perempuan="1")
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


# ------------------------------------------------------------------ badan_adhoc rows


def test_cilacap_holds_a_ppk_row_per_kecamatan_and_a_pps_row_per_desa():
    rows = csv_rows(templates.template_csv(BADAN, "33.01"))
    ppk = [r for r in rows if r["badan"] == "PPK"]
    pps = [r for r in rows if r["badan"] == "PPS"]
    assert (len(ppk), len(pps), len(rows)) == (24, 284, 308)  # DOMAIN.md: 24 kec, 284 desa+kel
    assert rows[: len(ppk)] == ppk  # every PPK row first, then the PPS rows
    assert {r["kode_wilayah"] for r in rows} == {"33.01"}
    assert {r["kebutuhan"] for r in ppk} == {"5"} and {r["kebutuhan"] for r in pps} == {"3"}
    assert {r[c] for r in rows for c in [*COUNTS, "tps"]} == {""}
    assert {r["desa_kelurahan"] for r in ppk} == {""}
    # The first lines of the official list: 33.01.01 Kedungreja, 33.01.01.2001 Tambakreja.
    assert (ppk[0]["kecamatan"], pps[0]["kecamatan"], pps[0]["desa_kelurahan"]) == (
        "Kedungreja",
        "Kedungreja",
        "Tambakreja",
    )
    assert len({r["kecamatan"] for r in pps}) == 24  # every kecamatan has its desa


def test_kota_magelang_rows_in_official_order_with_official_names():
    rows = templates.template_rows(BADAN, "33.71")
    expected = [["33.71", "PPK", k, None, None, 5, None, None, None, None, None]
                for k in MAGELANG_KECAMATAN]  # fmt: skip
    expected += [
        ["33.71", "PPS", k, desa, None, 3, None, None, None, None, None]
        for k in MAGELANG_KECAMATAN
        for desa in MAGELANG_KELURAHAN[k]
    ]
    assert len(expected) == 3 + 17
    assert rows == expected


def test_other_datasets_with_a_region():
    checklist = csv_rows(templates.template_csv(DATASETS["persiapan_pencalonan"], "33.71"))
    assert [r["kode_item"] for r in checklist] == [f"PC{n:02d}" for n in range(1, 12)]
    assert {r["kode_wilayah"] for r in checklist} == {"33.71"}
    assert {
        v for r in checklist for k, v in r.items() if k not in ("kode_wilayah", "kode_item")
    } == {""}  # status and everything after it left for the operator
    bimtek = DATASETS["bimtek"]
    (row,) = csv_rows(templates.template_csv(bimtek, "33.71"))
    example = dict(zip(bimtek.column_names, templates.example_row(bimtek), strict=True))
    assert row == {**example, "kode_wilayah": "33.71"}  # only the code differs


def test_region_must_be_a_canonical_code():
    with pytest.raises(KeyError):
        templates.template_rows(BADAN, "3371")  # spellings are the CLI's and the page's job


def test_file_names():
    assert templates.file_name(BADAN, "csv", "33.01") == "templat_badan_adhoc_33.01.csv"
    assert templates.file_name(BADAN, "xlsx") == "templat_badan_adhoc.xlsx"


# ------------------------------------------------------------------ Excel


def test_xlsx_round_trip_counts_as_numbers_codes_as_text_and_a_guide():
    book = openpyxl.load_workbook(io.BytesIO(templates.template_xlsx(BADAN, "33.71")))
    assert book.sheetnames == ["data", "petunjuk"]
    data = book["data"]
    values = [list(r) for r in data.iter_rows(min_row=2, values_only=True) if any(r)]
    assert values == templates.template_rows(BADAN, "33.71")
    assert isinstance(data["F2"].value, int)  # kebutuhan 5, a number
    formats = {data.cell(row=1, column=i).value: data.cell(row=2, column=i).number_format
               for i in range(1, 12)}  # fmt: skip
    assert formats == {
        **dict.fromkeys(["kode_wilayah", "badan", "kecamatan", "desa_kelurahan", "tps"], "@"),
        **dict.fromkeys(["kebutuhan", *COUNTS], "0"),
    }
    # Rows the operator adds below (PANTARLIH, KPPS) take the column's format.
    assert data.column_dimensions["E"].number_format == "@"
    assert data.column_dimensions["H"].number_format == "0"
    guide = [r[0] for r in book["petunjuk"].iter_rows(values_only=True) if r and r[0]]
    assert guide[0] == "Isian awal 33.71 Kota Magelang"
    assert guide[1] == (
        "Lembar 'data' sudah berisi unit resmi 33.71 Kota Magelang (daftar Kemendagri): satu "
        "baris PPK per kecamatan (3 baris, kebutuhan 5); satu baris PPS per desa/kelurahan "
        "(17 baris, kebutuhan 3)."
    )
    assert guide[4] == (
        "PANTARLIH dan KPPS dibentuk per TPS; daftar TPS tidak ada di SIAGA, jadi barisnya "
        "tidak diisikan. Tambahkan di bawah, satu baris per TPS, dengan kecamatan, "
        "desa_kelurahan, tps (misalnya 001) dan kebutuhan (PANTARLIH 1 atau 2, KPPS 7)."
    )
    assert guide[5] == "kolom"  # then the column table and the rules, as in the blank one
    assert guide[guide.index("Aturan") + 1 :] == BADAN.rule_texts


def test_filled_in_xlsx_is_valid():
    book = openpyxl.load_workbook(io.BytesIO(templates.template_xlsx(BADAN, "33.71")))
    sheet = book["data"]
    for row in range(2, 22):
        seats = sheet.cell(row=row, column=6).value
        for column, value in ((7, 10), (8, seats), (9, seats), (10, 1)):
            sheet.cell(row=row, column=column).value = value
    buffer = io.BytesIO()
    book.save(buffer)
    verdict = check_file(buffer.getvalue(), BADAN, dt.date(2024, 8, 20))
    assert verdict.summary() == "Berkas valid: 20 baris, 0 peringatan."


# ------------------------------------------------------------------ command line


def test_cli_writes_the_prefilled_template_under_its_own_name(tmp_path):
    result = run("template", "badan_adhoc", "--region", "3301", "--out", tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    path = tmp_path / "templat_badan_adhoc_33.01.csv"
    assert result.stdout == f"{path}\n"
    assert path.read_bytes() == templates.template_csv(BADAN, "33.01")
    screen = run("template", "badan_adhoc", "--region", "33.01", "--format", "csv")
    assert screen.stdout == path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    xlsx = run("template", "badan_adhoc", "--region", "33.01", "--format", "xlsx", "--out",
               tmp_path / "cilacap.xlsx")  # fmt: skip
    assert (xlsx.returncode, xlsx.stdout) == (0, "")
    sheet = openpyxl.load_workbook(tmp_path / "cilacap.xlsx")["data"]
    assert sum(1 for r in sheet.iter_rows(min_row=2, values_only=True) if any(r)) == 308


@pytest.mark.parametrize("region", ["33.99", "3399", "Kabupaten Atlantis", ""])
def test_cli_unknown_region_is_a_usage_error(region, tmp_path):
    result = run("template", "badan_adhoc", "--region", region, "--out", tmp_path / "x.csv")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"{UNKNOWN_REGION} ({region})\n"
    assert not (tmp_path / "x.csv").exists()


def test_cli_missing_folder_is_a_usage_error(tmp_path):
    result = run("template", "bimtek", "--region", "33.71", "--out", tmp_path / "no" / "x.csv")
    assert (result.returncode, result.stderr) == (2, f"Folder {tmp_path / 'no'} tidak ditemukan.\n")


def test_cli_validate_refuses_empty_counts_and_accepts_them_filled_in(tmp_path):
    template = tmp_path / "cilacap.csv"
    assert run("template", "badan_adhoc", "--region", "33.01", "--out", template).returncode == 0
    empty = run("validate", "badan_adhoc", template, "--as-of", "2024-08-20")
    assert empty.returncode == 1
    lines = empty.stdout.strip().split("\n")
    # 308 rows x the three required counts; pendaftar and pengganti may stay empty.
    assert len(lines) == 308 * 3
    assert lines[:3] == [
        f"GALAT\tbaris 2\tkolom {column}\tnilai ''\tWajib diisi."
        for column in ("dilantik", "perempuan", "terisi")
    ]
    assert {line.split("\t")[2] for line in lines} == {
        "kolom terisi", "kolom dilantik", "kolom perempuan",
    }  # fmt: skip
    assert empty.stderr == "Berkas ditolak: 924 kesalahan. Perbaiki lalu unggah lagi.\n"
    filled = tmp_path / "isi.csv"
    filled.write_bytes(filled_in(csv_rows(template.read_bytes())))
    result = run("validate", "badan_adhoc", filled, "--as-of", "2024-08-20")
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "Berkas valid: 308 baris, 0 peringatan.\n",
        "",
    )


def test_filled_in_template_stores_the_standard_seats(tmp_path):
    """Kota Magelang filled in: 3 PPK x 5 and 17 PPS x 3 seats, all appointed."""
    db = Database(tmp_path / "a.duckdb")
    data = filled_in(csv_rows(templates.template_csv(BADAN, "33.71")))
    outcome = ingest_bytes(db, "badan_adhoc", data, dt.date(2024, 8, 20), "uji")
    assert outcome.accepted and outcome.verdict.warnings.empty
    summary = run("summary", "--db", db.path, "--as-of", "2024-08-20")
    magelang = next(
        r for r in json.loads(summary.stdout)["kabupaten_kota"] if r["kode_wilayah"] == "33.71"
    )
    assert (magelang["badan"]["PPK"]["kebutuhan"], magelang["badan"]["PPK"]["terisi"]) == (15, 15)
    assert (magelang["badan"]["PPS"]["kebutuhan"], magelang["badan"]["PPS"]["perempuan"]) == (
        51,
        17,
    )


def test_filled_in_checklist_and_bimtek_templates_are_valid():
    rows = csv_rows(templates.template_csv(DATASETS["persiapan_pencalonan"], "33.01"))
    assert (
        check_file(
            templates.template_csv(DATASETS["persiapan_pencalonan"], "33.01"),
            "persiapan_pencalonan",
            dt.date(2024, 8, 20),
        )
        .errors["message"]
        .tolist()
        == ["Wajib diisi."] * 11
    )
    for row in rows:
        row["status"] = "belum"
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), delimiter=";")
    writer.writeheader()
    writer.writerows(rows)
    verdict = check_file(out.getvalue().encode(), "persiapan_pencalonan", dt.date(2024, 8, 20))
    assert verdict.summary() == "Berkas valid: 11 baris, 0 peringatan."
    bimtek = check_file(templates.template_csv(DATASETS["bimtek"], "33.01"), "bimtek",
                        dt.date(2024, 8, 20))  # fmt: skip
    assert (bimtek.ok, bimtek.regions) == (True, ["33.01"])
