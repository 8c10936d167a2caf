"""Every rule of the data contract: a failing and a passing case, with the exact Indonesian
message, line (the header is line 1), column and value as written."""

from __future__ import annotations

import csv
import datetime as dt
import io

import duckdb
import pytest

from analytics.messages import msg
from analytics.schema import DATASETS
from analytics.upload import Staging, Verdict, check_file
from tests.fixture_support import issue_tuples as issues

AS_OF = dt.date(2024, 8, 15)
# One connection for the whole module, as a long-running app would reuse one: every check
# replaces its temp tables, so nothing of an earlier file may leak into a later verdict.
STAGING = Staging()
CON = STAGING.con

BADAN = DATASETS["badan_adhoc"].column_names
BIMTEK = DATASETS["bimtek"].column_names
PERSIAPAN = DATASETS["persiapan_pencalonan"].column_names

# Kota Magelang's three kecamatan, complete and valid.
PPK_ROWS = [
    ["33.71", "PPK", "Magelang Selatan", "", "", "5", "12", "5", "5", "2", "0"],
    ["33.71", "PPK", "Magelang Tengah", "", "", "5", "11", "5", "5", "2", "0"],
    ["33.71", "PPK", "Magelang Utara", "", "", "5", "10", "5", "5", "2", "0"],
]
PPS = ["33.71", "PPS", "Magelang Utara", "Kramat Selatan", "", "3", "7", "3", "3", "1", "0"]
KPPS = ["33.71", "KPPS", "Magelang Tengah", "Cacaban", "001", "7", "", "7", "0", "3", ""]
BIMTEK_ROW = ["33.71", "PPK", "M01", "2024-05-20", "2024-05-21", "luring", "15", "15", "15", ""]
ITEM_ROW = ["33.71", "PC01", "selesai", "2024-08-09", "", "Divisi Teknis", "", ""]

NOT_INTEGER = "Harus bilangan bulat 0 atau lebih, misalnya 12 atau 1.234."
NOT_DATE = (
    "Tanggal tidak valid. Tulis sebagai 2024-08-15, 15/08/2024 atau 15-08-2024, dan pastikan "
    "tanggalnya ada di kalender."
)
UNKNOWN_REGION = (
    "Kode kabupaten/kota tidak dikenal. Gunakan kode Kemendagri, misalnya 33.01 atau 3301."
)
REQUIRED = "Wajib diisi."
FEWER_PPS = (
    "Hanya 1 baris PPS, padahal Kota Magelang memiliki 17 desa/kelurahan. Apakah berkas lengkap?"
)
# Every kecamatan of Kota Magelang with its desa/kelurahan, as in the official list.
KOTA_MAGELANG = {
    "Magelang Selatan": (
        "Rejowinangun Selatan", "Magersari", "Jurangombo Utara", "Jurangombo Selatan",
        "Tidar Utara", "Tidar Selatan",
    ),
    "Magelang Utara": ("Wates", "Potrobangsan", "Kedungsari", "Kramat Utara", "Kramat Selatan"),
    "Magelang Tengah": (
        "Kemirirejo", "Cacaban", "Rejowinangun Utara", "Magelang", "Panjang", "Gelangan",
    ),
}  # fmt: skip
# One official kecamatan of a regency and one of its desa/kelurahan.
OFFICIAL_UNIT = {
    "33.71": ("Magelang Utara", "Kramat Selatan"),
    "33.01": ("Kedungreja", "Tambakreja"),  # Kabupaten Cilacap
    "33.10": ("Prambanan", "Sengon"),  # Kabupaten Klaten
}


# ------------------------------------------------------------------ helpers


def table(header: list[str], rows: list[list[str]], delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def with_value(row: list[str], header: list[str], **values: str) -> list[str]:
    out = list(row)
    for name, value in values.items():
        out[header.index(name)] = value
    return out


def check(
    data: bytes, dataset: str, as_of: dt.date = AS_OF
) -> tuple[Verdict, duckdb.DuckDBPyConnection]:
    return check_file(data, dataset, as_of, STAGING), CON


def badan(*rows: list[str]) -> tuple[Verdict, duckdb.DuckDBPyConnection]:
    """A badan_adhoc file: the three PPK rows (lines 2-4) then ``rows`` (line 5 on)."""
    return check(table(BADAN, [*PPK_ROWS, *rows]), "badan_adhoc")


def typed(con: duckdb.DuckDBPyConnection, column: str) -> list:
    return [
        r[0] for r in con.execute(f'SELECT "{column}" FROM staging_typed ORDER BY _line').fetchall()
    ]


# ------------------------------------------------------------------ whole verdicts


def test_valid_file_summary():
    verdict, _ = badan()
    assert verdict.ok
    assert issues(verdict.issues) == []
    assert verdict.summary() == "Berkas valid: 3 baris, 0 peringatan."
    assert verdict.summary() == msg("valid_summary", rows=3, warnings=0)


def test_all_problems_are_reported_at_once():
    rows = [
        with_value(PPK_ROWS[0], BADAN, pendaftar="-3"),  # line 2: negative number
        with_value(PPK_ROWS[1], BADAN, dilantik="6", terisi="5"),  # line 3: dilantik > terisi
        with_value(PPK_ROWS[2], BADAN, badan="PPD"),  # line 4: unknown body
        with_value(PPS, BADAN, kode_wilayah="33.99"),  # line 5: unknown regency
        with_value(KPPS, BADAN, tps=""),  # line 6: tps missing for KPPS
    ]
    verdict, _ = check(table(BADAN, rows), "badan_adhoc")
    assert issues(verdict.errors) == [
        (2, "pendaftar", "-3", NOT_INTEGER),
        (3, "dilantik", "6", "dilantik (6) melebihi terisi (5). Periksa kedua angka."),
        (4, "badan", "PPD", "Nilai tidak dikenal. Pilihan: PPK, PPS, PANTARLIH, KPPS."),
        (5, "kode_wilayah", "33.99", UNKNOWN_REGION),
        (6, "tps", None, "Wajib diisi untuk KPPS."),
    ]
    assert (
        verdict.summary() == "Berkas ditolak: 5 kesalahan, 1 peringatan. Perbaiki lalu unggah lagi."
    )
    # The one warning: only 2 PPK rows remain for the regency once line 4 is unreadable.
    assert issues(verdict.warnings) == [
        (
            None,
            "badan",
            "PPK",
            "Hanya 2 baris PPK, padahal Kota Magelang memiliki 3 kecamatan. Apakah berkas lengkap?",
        )
    ]


def test_issues_are_sorted_by_line_and_warnings_without_line_come_first():
    rows = [
        *PPK_ROWS[:2],
        with_value(PPS, BADAN, terisi="x"),
        with_value(PPS, BADAN, desa_kelurahan="Wates", kebutuhan="4"),
    ]
    verdict, _ = check(table(BADAN, rows), "badan_adhoc")
    assert [(i[0], i[1]) for i in issues(verdict.issues)] == [
        (None, "badan"),
        (None, "badan"),
        (4, "terisi"),
        (5, "kebutuhan"),
    ]
    assert list(verdict.issues.columns) == ["line", "column", "value", "message", "severity"]
    assert list(verdict.issues["severity"]) == ["warning", "warning", "error", "warning"]


# ------------------------------------------------------------------ whole numbers >= 0


@pytest.mark.parametrize(
    "value", ["-1", "1,5", "1.5", "lima", "5 orang", "1.234,5", "12a", "+3", "1e3"]
)
def test_count_must_be_a_whole_number_of_zero_or_more(value):
    verdict, _ = badan(with_value(PPS, BADAN, pendaftar=value))
    assert issues(verdict.errors) == [(5, "pendaftar", value, NOT_INTEGER)]
    assert NOT_INTEGER == msg("not_integer")


@pytest.mark.parametrize(
    ("value", "number"),
    [
        ("0", 0),
        ("12", 12),
        ("1.234", 1234),  # Indonesian thousands dot
        ("1.234.567", 1234567),
        ("1.234,00", 1234),
        ("5,00", 5),  # decimal comma of a whole number
        ("5.0", 5),  # Excel/pandas float export
        ("1 234", 1234),
        ("1\u00a0234", 1234),
        ("-", 0),  # nihil
        ("", None),  # optional column left empty
    ],
)
def test_count_spellings_accepted(value, number):
    verdict, con = badan(with_value(PPS, BADAN, pendaftar=value))
    assert issues(verdict.errors) == []
    assert typed(con, "pendaftar")[-1] == number


# ------------------------------------------------------------------ dilantik <= terisi <= kebutuhan, perempuan <= terisi


def test_dilantik_above_terisi():
    verdict, _ = badan(with_value(PPS, BADAN, terisi="2", dilantik="3", perempuan="1"))
    assert issues(verdict.errors) == [
        (5, "dilantik", "3", "dilantik (3) melebihi terisi (2). Periksa kedua angka.")
    ]
    verdict, _ = badan(with_value(PPS, BADAN, terisi="2", dilantik="2", perempuan="1"))
    assert verdict.ok


def test_terisi_above_kebutuhan():
    verdict, _ = badan(with_value(PPS, BADAN, terisi="4", dilantik="3"))
    assert issues(verdict.errors) == [
        (5, "terisi", "4", "terisi (4) melebihi kebutuhan (3). Periksa kedua angka.")
    ]
    assert issues(verdict.errors)[0][3] == msg("terisi_gt_kebutuhan", terisi=4, kebutuhan=3)
    verdict, _ = badan(with_value(PPS, BADAN, terisi="3", dilantik="3"))
    assert verdict.ok


def test_both_bounds_broken_on_one_row_gives_two_errors():
    verdict, _ = badan(with_value(PPS, BADAN, terisi="4", dilantik="5", perempuan="1"))
    assert issues(verdict.errors) == [
        (5, "dilantik", "5", "dilantik (5) melebihi terisi (4). Periksa kedua angka."),
        (5, "terisi", "4", "terisi (4) melebihi kebutuhan (3). Periksa kedua angka."),
    ]


def test_perempuan_above_terisi():
    verdict, _ = badan(with_value(PPS, BADAN, terisi="2", dilantik="2", perempuan="3"))
    assert issues(verdict.errors) == [
        (5, "perempuan", "3", "perempuan (3) melebihi terisi (2). Periksa kedua angka.")
    ]
    verdict, _ = badan(with_value(PPS, BADAN, terisi="2", dilantik="2", perempuan="2"))
    assert verdict.ok


def test_bounds_compare_numbers_as_typed_not_as_text():
    """'1.234' terisi is 1234, above kebutuhan 999 written as '999'."""
    verdict, _ = badan(with_value(KPPS, BADAN, kebutuhan="999", terisi="1.234", dilantik="0"))
    assert (
        5,
        "terisi",
        "1.234",
        "terisi (1234) melebihi kebutuhan (999). Periksa kedua angka.",
    ) in issues(verdict.errors)


# ------------------------------------------------------------------ one row per unit


def test_duplicate_ppk_names_the_first_line_and_the_kecamatan():
    verdict, _ = badan(with_value(PPK_ROWS[2], BADAN, kecamatan="MAGELANG UTARA"))
    assert issues(verdict.errors) == [
        (
            5,
            "kecamatan",
            "MAGELANG UTARA",
            "Unit ini sudah ada di baris 4. Satu unit hanya boleh satu baris.",
        )
    ]
    assert issues(verdict.errors)[0][3] == msg("duplicate_unit", first=4)


def test_duplicate_pps_is_reported_on_desa_kelurahan():
    verdict, _ = badan(PPS, with_value(PPS, BADAN, desa_kelurahan="kramat  selatan"))
    assert issues(verdict.errors) == [
        (
            6,
            "desa_kelurahan",
            "kramat  selatan",
            "Unit ini sudah ada di baris 5. Satu unit hanya boleh satu baris.",
        )
    ]


def test_duplicate_tps_is_reported_on_tps_and_001_equals_1():
    verdict, _ = badan(
        KPPS, with_value(KPPS, BADAN, tps="1"), with_value(KPPS, BADAN, tps="TPS 001")
    )
    assert issues(verdict.errors) == [
        (6, "tps", "1", "Unit ini sudah ada di baris 5. Satu unit hanya boleh satu baris."),
        (7, "tps", "TPS 001", "Unit ini sudah ada di baris 5. Satu unit hanya boleh satu baris."),
    ]


def test_duplicate_found_across_spellings_of_body_and_regency():
    # "kpps" and "3371" are respelled to KPPS and 33.71 after typing: the unit repeats.
    verdict, _ = badan(KPPS, with_value(KPPS, BADAN, badan="kpps", kode_wilayah="3371"))
    assert issues(verdict.errors) == [
        (6, "tps", "001", "Unit ini sudah ada di baris 5. Satu unit hanya boleh satu baris.")
    ]


def test_same_numbers_in_different_units_are_not_duplicates():
    rows = [
        KPPS,
        with_value(KPPS, BADAN, tps="002"),
        with_value(KPPS, BADAN, desa_kelurahan="Gelangan"),  # TPS 001 of another kelurahan
        with_value(KPPS, BADAN, badan="PANTARLIH", kebutuhan="1", terisi="1", perempuan="0"),
        PPS,
        # Tambakreja is a desa of Kedungreja and a kelurahan of Cilacap Selatan (Kabupaten
        # Cilacap): one name, two units, so not a duplicate; nor are their TPS 001.
        *(
            with_value(
                base, BADAN, kode_wilayah="33.01", kecamatan=kec, desa_kelurahan="Tambakreja"
            )
            for kec in ("Kedungreja", "Cilacap Selatan")
            for base in (PPS, KPPS)
        ),
    ]
    verdict, _ = badan(*rows)
    assert issues(verdict.errors) == []


# ------------------------------------------------------------------ body and regency


@pytest.mark.parametrize("value", ["PPD", "Panitia", "KPU", "0"])
def test_unknown_body(value):
    verdict, _ = badan(with_value(PPS, BADAN, badan=value))
    assert issues(verdict.errors) == [
        (5, "badan", value, "Nilai tidak dikenal. Pilihan: PPK, PPS, PANTARLIH, KPPS.")
    ]


@pytest.mark.parametrize(
    ("value", "body"),
    [("pps", "PPS"), ("Pps ", "PPS"), ("Panitia Pemungutan Suara", "PPS"), ("PPDP", "PANTARLIH")],
)
def test_body_spellings(value, body):
    base = (
        PPS if body == "PPS" else with_value(KPPS, BADAN, kebutuhan="1", terisi="1", perempuan="0")
    )
    verdict, con = badan(with_value(base, BADAN, badan=value))
    assert issues(verdict.errors) == []
    assert typed(con, "badan")[-1] == body


@pytest.mark.parametrize(
    "value", ["33.99", "3399", "32.71", "Magelang", "Jawa Tengah", "33.7", "x"]
)
def test_unknown_regency(value):
    verdict, _ = badan(with_value(PPS, BADAN, kode_wilayah=value))
    assert issues(verdict.errors) == [(5, "kode_wilayah", value, UNKNOWN_REGION)]


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("33.71", "33.71"),
        ("3371", "33.71"),
        ("33,71", "33.71"),
        ("Kota Magelang", "33.71"),
        ("KOTA  MAGELANG", "33.71"),
        ("KPU Kota Magelang", "33.71"),
        ("33.1", "33.10"),  # Excel dropped the trailing zero of 33.10
        ("Kab. Cilacap", "33.01"),
        ("Cilacap", "33.01"),
    ],
)
def test_regency_spellings(value, code):
    kecamatan, desa = OFFICIAL_UNIT[code]
    row = with_value(PPS, BADAN, kode_wilayah=value, kecamatan=kecamatan, desa_kelurahan=desa)
    verdict, con = badan(row)
    assert issues(verdict.errors) == []
    assert typed(con, "kode_wilayah")[-1] == code


# ------------------------------------------------------------------ required cells


@pytest.mark.parametrize(
    "column", ["kode_wilayah", "badan", "kecamatan", "kebutuhan", "terisi", "dilantik", "perempuan"]
)
def test_required_cell_empty(column):
    verdict, _ = badan(with_value(PPS, BADAN, **{column: ""}))
    assert (5, column, None, REQUIRED) in issues(verdict.errors)


@pytest.mark.parametrize("body", ["PPS", "PANTARLIH", "KPPS"])
def test_desa_required_for_village_and_tps_bodies(body):
    row = with_value(
        KPPS,
        BADAN,
        badan=body,
        desa_kelurahan="",
        kebutuhan="3",
        terisi="1",
        dilantik="0",
        perempuan="0",
    )
    verdict, _ = badan(row)
    assert (5, "desa_kelurahan", None, f"Wajib diisi untuk {body}.") in issues(verdict.errors)
    assert msg("required_for_body", body=body) == f"Wajib diisi untuk {body}."


def test_desa_and_tps_not_required_for_ppk():
    verdict, _ = badan()
    assert verdict.ok


@pytest.mark.parametrize("body", ["PANTARLIH", "KPPS"])
def test_tps_required_for_tps_bodies(body):
    row = with_value(
        KPPS, BADAN, badan=body, tps="", kebutuhan="1", terisi="1", dilantik="0", perempuan="0"
    )
    verdict, _ = badan(row)
    assert issues(verdict.errors) == [(5, "tps", None, f"Wajib diisi untuk {body}.")]


def test_tps_not_required_for_pps():
    verdict, _ = badan(PPS)
    assert issues(verdict.errors) == []


def test_missing_optional_columns_still_enforce_body_requirements():
    """A file without desa_kelurahan and tps columns can carry PPK rows only."""
    header = ["kode_wilayah", "badan", "kecamatan", "kebutuhan", "terisi", "dilantik", "perempuan"]
    rows = [[r[0], r[1], r[2], r[5], r[7], r[8], r[9]] for r in PPK_ROWS]
    rows.append(["33.71", "KPPS", "Magelang Tengah", "7", "7", "0", "3"])
    verdict, _ = check(table(header, rows), "badan_adhoc")
    assert issues(verdict.errors) == [
        (5, "desa_kelurahan", None, "Wajib diisi untuk KPPS."),
        (5, "tps", None, "Wajib diisi untuk KPPS."),
    ]


def test_text_too_long():
    long_name = "Magelang " * 12  # 108 characters
    verdict, _ = badan(with_value(PPS, BADAN, kecamatan=long_name))
    assert issues(verdict.errors) == [
        (
            5,
            "kecamatan",
            long_name.strip(),
            "Teks terlalu panjang (lebih dari 100 karakter). Persingkat isinya.",
        )
    ]


# ------------------------------------------------------------------ warnings


@pytest.mark.parametrize(
    ("body", "need", "standard"),
    [("PPK", "4", "5"), ("PPS", "5", "3"), ("PANTARLIH", "3", "1 atau 2"), ("KPPS", "9", "7")],
)
def test_non_standard_kebutuhan_is_a_warning(body, need, standard):
    row = with_value(
        KPPS, BADAN, badan=body, kebutuhan=need, terisi="0", dilantik="0", perempuan="0"
    )
    # A unit of Kabupaten Cilacap: every kecamatan of Kota Magelang already has its PPK row.
    kecamatan, desa = OFFICIAL_UNIT["33.01"]
    verdict, _ = badan(
        with_value(row, BADAN, kode_wilayah="33.01", kecamatan=kecamatan, desa_kelurahan=desa)
    )
    assert verdict.ok
    assert (
        5,
        "kebutuhan",
        need,
        f"kebutuhan {need} tidak sesuai standar {body} ({standard}).",
    ) in issues(verdict.warnings)


@pytest.mark.parametrize(("body", "need"), [("PANTARLIH", "1"), ("PANTARLIH", "2"), ("KPPS", "7")])
def test_standard_kebutuhan_gives_no_warning(body, need):
    row = with_value(
        KPPS, BADAN, badan=body, kebutuhan=need, terisi="0", dilantik="0", perempuan="0"
    )
    verdict, _ = badan(row)
    assert issues(verdict.issues) == []


def test_fewer_ppk_rows_than_kecamatan_is_a_warning():
    verdict, _ = check(table(BADAN, PPK_ROWS[:2]), "badan_adhoc")
    assert verdict.ok
    assert issues(verdict.warnings) == [
        (
            None,
            "badan",
            "PPK",
            "Hanya 2 baris PPK, padahal Kota Magelang memiliki 3 kecamatan. Apakah berkas lengkap?",
        )
    ]
    assert issues(verdict.warnings)[0][3] == msg(
        "warn_fewer_ppk", rows=2, region="Kota Magelang", expected=3
    )


def test_fewer_pps_rows_than_desa_is_a_warning():
    verdict, _ = badan(PPS)
    assert verdict.ok
    assert issues(verdict.warnings) == [(None, "badan", "PPS", FEWER_PPS)]


def test_all_desa_reported_gives_no_pps_warning():
    rows = [
        with_value(PPS, BADAN, kecamatan=kec, desa_kelurahan=desa)
        for kec, names in KOTA_MAGELANG.items()
        for desa in names
    ]
    assert len(rows) == 17
    verdict, _ = badan(*rows)
    assert issues(verdict.issues) == []


def test_fewer_rows_warning_per_regency_in_a_multi_regency_file():
    cilacap = [
        with_value(r, BADAN, kode_wilayah="33.01", kecamatan=kec)
        for r, kec in zip(PPK_ROWS, ("Kedungreja", "Kesugihan", "Adipala"), strict=True)
    ]
    verdict, _ = check(table(BADAN, [*PPK_ROWS, *cilacap]), "badan_adhoc")
    assert issues(verdict.errors) == []
    assert verdict.regions == ["33.01", "33.71"]
    assert issues(verdict.warnings) == [
        (
            None,
            "badan",
            "PPK",
            "Hanya 3 baris PPK, padahal Kabupaten Cilacap memiliki 24 kecamatan. Apakah berkas "
            "lengkap?",
        )
    ]


def test_total_row_is_ignored_with_a_warning():
    total = ["", "", "JUMLAH", "", "", "15", "33", "15", "15", "6", "0"]
    verdict, con = check(table(BADAN, [*PPK_ROWS, total]), "badan_adhoc")
    assert verdict.ok and verdict.row_count == 3
    assert issues(verdict.warnings) == [
        (5, "-", None, "Baris jumlah/total diabaikan (SIAGA menghitung totalnya sendiri).")
    ]
    assert typed(con, "kecamatan") == ["Magelang Selatan", "Magelang Tengah", "Magelang Utara"]


def test_subtotal_row_with_the_regency_code_is_still_a_total():
    """'33.71;PPK;Jumlah PPK' must not be counted as a fourth PPK unit."""
    subtotal = ["33.71", "PPK", "Jumlah PPK", "", "", "15", "33", "15", "15", "6", "0"]
    verdict, _ = check(table(BADAN, [*PPK_ROWS, subtotal]), "badan_adhoc")
    assert verdict.row_count == 3
    assert issues(verdict.issues) == [(5, "-", None, msg("warn_total_row"))]


# ------------------------------------------------------------------ bimtek


def bimtek(*rows: list[str]) -> tuple[Verdict, duckdb.DuckDBPyConnection]:
    return check(table(BIMTEK, list(rows)), "bimtek")


def test_bimtek_valid():
    verdict, _ = bimtek(BIMTEK_ROW)
    assert issues(verdict.issues) == []


def test_tuntas_above_hadir():
    verdict, _ = bimtek(with_value(BIMTEK_ROW, BIMTEK, peserta_hadir="12", peserta_tuntas="13"))
    assert issues(verdict.errors) == [
        (
            2,
            "peserta_tuntas",
            "13",
            "peserta_tuntas (13) melebihi peserta_hadir (12). Periksa kedua angka.",
        )
    ]
    verdict, _ = bimtek(with_value(BIMTEK_ROW, BIMTEK, peserta_hadir="12", peserta_tuntas="12"))
    assert verdict.ok


def test_end_before_start():
    row = with_value(BIMTEK_ROW, BIMTEK, tanggal_mulai="21/05/2024", tanggal_selesai="20/05/2024")
    verdict, _ = bimtek(row)
    assert issues(verdict.errors) == [
        (
            2,
            "tanggal_selesai",
            "20/05/2024",
            "tanggal_selesai sebelum tanggal_mulai (21-05-2024). Periksa kedua tanggal.",
        )
    ]
    assert issues(verdict.errors)[0][3] == msg("end_before_start", start="21-05-2024")
    same_day = with_value(BIMTEK_ROW, BIMTEK, tanggal_selesai="2024-05-20")
    assert bimtek(same_day)[0].ok


def test_attendance_above_target_is_a_warning():
    verdict, _ = bimtek(with_value(BIMTEK_ROW, BIMTEK, peserta_hadir="16"))
    assert verdict.ok
    assert issues(verdict.warnings) == [
        (2, "peserta_hadir", "16", "peserta_hadir (16) melebihi peserta_target (15).")
    ]


def test_planned_activity_with_zero_attendance_is_valid():
    verdict, _ = bimtek(with_value(BIMTEK_ROW, BIMTEK, peserta_hadir="0", peserta_tuntas="0"))
    assert issues(verdict.issues) == []


@pytest.mark.parametrize("value", ["M11", "M00", "Sirekap lanjutan", "11"])
def test_unknown_module_lists_the_codes(value):
    verdict, _ = bimtek(with_value(BIMTEK_ROW, BIMTEK, materi=value))
    message = (
        "Materi tidak ada dalam daftar materi bimtek. Gunakan salah satu kode: M01, M02, M03, "
        "M04, M05, M06, M07, M08, M09, M10 (atau nama materinya)."
    )
    assert issues(verdict.errors) == [(2, "materi", value, message)]


@pytest.mark.parametrize(
    ("value", "code"),
    [("M01", "M01"), ("m1", "M01"), ("Sirekap", "M08"), ("logistik", "M05"), ("M 10", None)],
)
def test_module_spellings(value, code):
    verdict, con = bimtek(with_value(BIMTEK_ROW, BIMTEK, materi=value))
    assert typed(con, "materi") == [code]
    assert verdict.ok == (code is not None)


@pytest.mark.parametrize("value", ["zoom", "luring/daring", "x"])
def test_metode_choices(value):
    verdict, _ = bimtek(with_value(BIMTEK_ROW, BIMTEK, metode=value))
    assert issues(verdict.errors) == [
        (2, "metode", value, "Nilai tidak dikenal. Pilihan: luring, daring, campuran.")
    ]


@pytest.mark.parametrize(
    ("value", "choice"),
    [
        ("Luring", "luring"),
        ("tatap muka", "luring"),
        ("Online", "daring"),
        ("hybrid", "campuran"),
        ("", None),
    ],
)
def test_metode_spellings(value, choice):
    verdict, con = bimtek(with_value(BIMTEK_ROW, BIMTEK, metode=value))
    assert verdict.ok
    assert typed(con, "metode") == [choice]


@pytest.mark.parametrize(
    "value",
    [
        "31/02/2024",
        "2024-02-30",
        "30-02-2024",
        "2024-13-01",
        "15/08/1024",
        "besok",
        "15 Agustusan 2024",
    ],
)
def test_impossible_date_is_an_error_with_line_column_value(value):
    verdict, _ = bimtek(with_value(BIMTEK_ROW, BIMTEK, tanggal_mulai=value))
    assert issues(verdict.errors) == [(2, "tanggal_mulai", value, NOT_DATE)]


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2024-08-15", dt.date(2024, 8, 15)),
        ("15/08/2024", dt.date(2024, 8, 15)),
        ("15-08-2024", dt.date(2024, 8, 15)),
        ("15.08.2024", dt.date(2024, 8, 15)),
        ("5/8/2024", dt.date(2024, 8, 5)),
        ("03/06/2024", dt.date(2024, 6, 3)),  # day first, never month first
        ("15/08/24", dt.date(2024, 8, 15)),
        ("15 Agustus 2024", dt.date(2024, 8, 15)),
        ("15 agt 2024", dt.date(2024, 8, 15)),
        ("15-Agu-24", dt.date(2024, 8, 15)),
        ("15 August 2024", dt.date(2024, 8, 15)),
        ("Kamis, 15 Agustus 2024", dt.date(2024, 8, 15)),
        ("29 Februari 2024", dt.date(2024, 2, 29)),
        ("2024-08-15 00:00:00", dt.date(2024, 8, 15)),
        ("2024-08-15T00:00:00", dt.date(2024, 8, 15)),
        ("45519", dt.date(2024, 8, 15)),  # Excel serial number
    ],
)
def test_date_spellings(value, day):
    row = with_value(BIMTEK_ROW, BIMTEK, tanggal_mulai=value, tanggal_selesai="2024-08-31")
    verdict, con = bimtek(row)
    assert issues(verdict.errors) == []
    assert typed(con, "tanggal_mulai") == [day]


# ------------------------------------------------------------------ persiapan_pencalonan


def persiapan(
    *rows: list[str], as_of: dt.date = AS_OF
) -> tuple[Verdict, duckdb.DuckDBPyConnection]:
    return check(table(PERSIAPAN, list(rows)), "persiapan_pencalonan", as_of)


def test_persiapan_valid():
    verdict, _ = persiapan(ITEM_ROW)
    assert issues(verdict.issues) == []


@pytest.mark.parametrize("value", ["PC12", "PC00", "PC-1-2", "Pokja"])
def test_unknown_item_lists_the_codes(value):
    verdict, _ = persiapan(with_value(ITEM_ROW, PERSIAPAN, kode_item=value))
    message = (
        "Butir tidak ada dalam daftar periksa pencalonan. Gunakan salah satu kode: PC01, PC02, "
        "PC03, PC04, PC05, PC06, PC07, PC08, PC09, PC10, PC11."
    )
    assert issues(verdict.errors) == [(2, "kode_item", value, message)]


@pytest.mark.parametrize("value", ["beres", "ok", "50%"])
def test_status_choices(value):
    verdict, _ = persiapan(with_value(ITEM_ROW, PERSIAPAN, status=value))
    assert issues(verdict.errors) == [
        (2, "status", value, "Nilai tidak dikenal. Pilihan: belum, proses, selesai, tidak_berlaku.")
    ]


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("Selesai", "selesai"),
        ("SUDAH", "selesai"),
        ("Dalam Proses", "proses"),
        ("belum dimulai", "belum"),
        ("tidak berlaku", "tidak_berlaku"),
        ("Tidak_Berlaku", "tidak_berlaku"),
        ("N/A", "tidak_berlaku"),
    ],
)
def test_status_spellings(value, status):
    day = "2024-08-09" if status == "selesai" else ""
    verdict, con = persiapan(with_value(ITEM_ROW, PERSIAPAN, status=value, tanggal_selesai=day))
    assert verdict.ok
    assert typed(con, "status") == [status]


def test_selesai_requires_tanggal_selesai():
    verdict, _ = persiapan(with_value(ITEM_ROW, PERSIAPAN, tanggal_selesai=""))
    assert issues(verdict.errors) == [
        (2, "tanggal_selesai", None, "Status selesai wajib disertai tanggal_selesai.")
    ]
    other = with_value(ITEM_ROW, PERSIAPAN, status="proses", tanggal_selesai="")
    assert persiapan(other)[0].ok


def test_unreadable_date_on_a_done_item_is_one_error_not_two():
    verdict, _ = persiapan(with_value(ITEM_ROW, PERSIAPAN, tanggal_selesai="kemarin"))
    assert issues(verdict.errors) == [(2, "tanggal_selesai", "kemarin", NOT_DATE)]


def test_tanggal_selesai_not_after_as_of():
    verdict, _ = persiapan(with_value(ITEM_ROW, PERSIAPAN, tanggal_selesai="16/08/2024"))
    assert issues(verdict.errors) == [
        (
            2,
            "tanggal_selesai",
            "16/08/2024",
            "tanggal_selesai setelah tanggal data (15-08-2024). Periksa tanggalnya.",
        )
    ]
    assert issues(verdict.errors)[0][3] == msg("done_after_as_of", as_of="15-08-2024")
    assert persiapan(with_value(ITEM_ROW, PERSIAPAN, tanggal_selesai="15/08/2024"))[0].ok
    later = persiapan(
        with_value(ITEM_ROW, PERSIAPAN, tanggal_selesai="16/08/2024"), as_of=dt.date(2024, 8, 16)
    )
    assert later[0].ok


@pytest.mark.parametrize(
    "value",
    [
        "ftp://kpu.go.id/x",
        "www.kpu.go.id",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "https://",
        "http://a b",
    ],
)
def test_tautan_bukti_must_be_http_or_https(value):
    verdict, _ = persiapan(with_value(ITEM_ROW, PERSIAPAN, tautan_bukti=value))
    assert issues(verdict.errors) == [
        (2, "tautan_bukti", value, "Tautan harus diawali http:// atau https://.")
    ]


@pytest.mark.parametrize(
    "value",
    ["https://kpu.go.id/bukti.pdf", "http://drive.google.com/x?id=1&a=b", "HTTPS://KPU.GO.ID"],
)
def test_tautan_bukti_accepted(value):
    verdict, con = persiapan(with_value(ITEM_ROW, PERSIAPAN, tautan_bukti=value))
    assert verdict.ok
    assert typed(con, "tautan_bukti") == [value]


def test_duplicate_item():
    verdict, _ = persiapan(ITEM_ROW, with_value(ITEM_ROW, PERSIAPAN, kode_item="pc1"))
    assert issues(verdict.errors) == [
        (
            3,
            "kode_item",
            "pc1",
            "Butir ini sudah ada di baris 2. Satu butir hanya boleh satu baris.",
        )
    ]


def test_same_item_for_two_regencies_is_not_a_duplicate():
    verdict, _ = persiapan(ITEM_ROW, with_value(ITEM_ROW, PERSIAPAN, kode_wilayah="33.72"))
    assert verdict.ok
    assert verdict.regions == ["33.71", "33.72"]


# ------------------------------------------------------------------ rows without data

NOTE_ROW = "Baris tanpa data (judul, judul kolom berulang, catatan atau tanda tangan) dilewati."


def test_repeated_header_title_and_signature_rows_are_skipped_with_a_warning():
    """Page breaks repeat the header, sections get a title row, and the sheet ends with a
    signature block (one cell, or cells beyond the header): none of them is data."""
    rows = [
        PPK_ROWS[0],
        BADAN,  # the header again (line 3)
        ["KECAMATAN MAGELANG TENGAH"] + [""] * 10,  # a section title (line 4)
        PPK_ROWS[1],
        PPK_ROWS[2],
        ["Mengetahui,"] + [""] * 10,  # line 7
        [""] * 11 + ["Ketua KPU Kota Magelang"],  # line 8, beyond the header
    ]
    verdict, con = check(table(BADAN, rows), "badan_adhoc")
    assert verdict.ok
    assert verdict.row_count == 3
    assert issues(verdict.warnings) == [
        (3, "-", " | ".join(BADAN), NOTE_ROW),
        (4, "-", "KECAMATAN MAGELANG TENGAH", NOTE_ROW),
        (7, "-", "Mengetahui,", NOTE_ROW),
        (8, "-", "Ketua KPU Kota Magelang", NOTE_ROW),
    ]
    lines = [r[0] for r in con.execute("SELECT _line FROM staging_typed ORDER BY 1").fetchall()]
    assert lines == [2, 5, 6]


def test_a_row_with_a_known_code_or_a_number_is_data_and_keeps_its_errors():
    rows = [
        PPK_ROWS[0],
        ["33.71"] + [""] * 10,  # a regency code alone: an unfinished row, not a note
        ["Magelang"] + [""] * 4 + ["5"] + [""] * 5,  # a number: data with a bad code
    ]
    verdict, _ = check(table(BADAN, rows), "badan_adhoc")
    assert {line for line, *_ in issues(verdict.errors)} == {3, 4}
    assert NOTE_ROW not in [message for *_, message in issues(verdict.warnings)]


# ------------------------------------------------------------------ other locales, dropdowns


def test_counts_with_en_us_thousands_are_whole_numbers():
    rows = [
        with_value(PPK_ROWS[0], BADAN, pendaftar="1,000"),
        with_value(PPK_ROWS[1], BADAN, pendaftar="1,234.00"),
        PPK_ROWS[2],
    ]
    verdict, con = check(table(BADAN, rows), "badan_adhoc")
    assert verdict.ok
    assert typed(con, "pendaftar") == [1000, 1234, 10]


@pytest.mark.parametrize("value", ["1,5", "12,50", "1,0000"])
def test_a_fraction_is_not_a_count(value):
    verdict, _ = badan(with_value(PPS, BADAN, pendaftar=value))
    assert issues(verdict.errors) == [(5, "pendaftar", value, NOT_INTEGER)]


def test_month_first_dates_are_read_so_when_one_date_can_only_be_month_first():
    rows = [
        with_value(BIMTEK_ROW, BIMTEK, tanggal_mulai="5/20/2024", tanggal_selesai="5/21/2024"),
        with_value(
            BIMTEK_ROW, BIMTEK, materi="M02", tanggal_mulai="6/3/2024", tanggal_selesai="6/4/2024"
        ),
    ]
    verdict, con = bimtek(*rows)
    assert issues(verdict.errors) == []
    assert typed(con, "tanggal_mulai") == [dt.date(2024, 5, 20), dt.date(2024, 6, 3)]
    assert (None, "tanggal_mulai, tanggal_selesai", "5/20/2024",
            msg("warn_month_first", example="5/20/2024")) in issues(verdict.warnings)  # fmt: skip


def test_day_first_stays_when_a_date_can_only_be_day_first():
    rows = [
        with_value(BIMTEK_ROW, BIMTEK, tanggal_mulai="5/20/2024", tanggal_selesai="5/21/2024"),
        with_value(
            BIMTEK_ROW, BIMTEK, materi="M02", tanggal_mulai="25/06/2024", tanggal_selesai="6/7/2024"
        ),
    ]
    verdict, con = bimtek(*rows)
    assert [(line, column) for line, column, *_ in issues(verdict.errors)] == [
        (2, "tanggal_mulai"),
        (2, "tanggal_selesai"),
    ]
    assert typed(con, "tanggal_selesai")[1] == dt.date(2024, 7, 6)  # 6 July, day first


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("materi", "M02 - Tata kerja dan kode etik", "M02"),
        ("badan", "Panitia Pemungutan Suara (PPS)", "PPS"),
        ("metode", "Daring (Zoom)", "daring"),
    ],
)
def test_dropdown_and_full_spellings_find_their_code(column, value, expected):
    verdict, con = bimtek(with_value(BIMTEK_ROW, BIMTEK, **{column: value}))
    assert issues(verdict.errors) == []
    assert typed(con, column) == [expected]


def test_a_spelling_naming_two_codes_stays_unknown():
    verdict, _ = bimtek(with_value(BIMTEK_ROW, BIMTEK, badan="PPK (PPS)"))
    assert [(line, column) for line, column, *_ in issues(verdict.errors)] == [(2, "badan")]


def test_subtotal_labelled_at_the_end_is_a_total_row():
    rows = [PPK_ROWS[0], ["", "", "Magelang Selatan Total", "", "", "5", "12", "5", "5", "2", "0"]]
    verdict, _ = check(table(BADAN, [*rows, PPK_ROWS[1], PPK_ROWS[2]]), "badan_adhoc")
    assert verdict.ok and verdict.row_count == 3
    assert (3, "-", None, msg("warn_total_row")) in issues(verdict.warnings)
