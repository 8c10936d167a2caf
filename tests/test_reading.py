"""Reading uploads as regencies really send them: every quirky variant of the same data
yields the same typed rows; broken files are refused with their exact message.

Fixtures live in tests/fixtures/ and are written by tests/fixtures/make_fixtures.py.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import duckdb
import pytest

from analytics import cli
from analytics.errors import FileRefused
from analytics.messages import msg
from analytics.schema import BADAN_ADHOC, DATASETS
from analytics.upload import Staging, Verdict, check_file
from analytics.upload.headers import column_letter
from analytics.upload.reading import read_table
from analytics.upload.records import ReadResult
from analytics.upload.sniffing import decode_text
from tests.fixture_support import generator, issue_tuples, workbook_values

FIXTURES = Path(__file__).resolve().parent / "fixtures"
AS_OF = dt.date(2024, 8, 15)
# One connection for the whole module, as a long-running app would reuse one: every check
# replaces its temp tables, so nothing of an earlier file may leak into a later verdict.
STAGING = Staging()
CON = STAGING.con
D = dt.date

# ------------------------------------------------------------------ expected typed rows

EXPECTED_BADAN = [
    ("33.71", "PPK", "Magelang Selatan", None, None, 5, 1234, 5, 5, 2, 0),
    ("33.71", "PPK", "Magelang Tengah", None, None, 5, 38, 5, 5, 3, 1),
    ("33.71", "PPK", "Magelang Utara", None, None, 5, 41, 5, 4, 1, 0),
    ("33.71", "PPS", "Magelang Selatan", "Jurangombo Selatan", None, 3, 9, 3, 3, 1, 0),
    ("33.71", "PPS", "Magelang Selatan", "Tidar Utara", None, 3, 7, 3, 3, 2, None),
    ("33.71", "PPS", "Magelang Tengah", "Cacaban", None, 3, 6, 2, 2, 0, None),
    ("33.71", "PPS", "Magelang Utara", "Kramat Selatan", None, 3, None, 3, 3, 1, 0),
    ("33.71", "PANTARLIH", "Magelang Utara", "Kramat Selatan", "001", 1, None, 1, 1, 0, None),
    ("33.71", "PANTARLIH", "Magelang Utara", "Kramat Selatan", "002", 2, None, 2, 2, 1, None),
    ("33.71", "KPPS", "Magelang Tengah", "Cacaban", "001", 7, None, 0, 0, 0, None),
    ("33.71", "KPPS", "Magelang Tengah", "Cacaban", "002", 7, None, 0, 0, 0, None),
]
JOSE = "Narasumber: Sdr. José (Bawaslu) – sesi “praktik” ½ hari"
EXPECTED_BIMTEK = [
    ("33.71", "PPK", "M01", D(2024, 5, 20), D(2024, 5, 21), "luring", 15, 15, 15, None),
    ("33.71", "PPS", "M03", D(2024, 6, 3), D(2024, 6, 4), "campuran", 51, 50, 48, JOSE),
    (
        "33.71",
        "PANTARLIH",
        "M03",
        D(2024, 6, 25),
        D(2024, 6, 25),
        "daring",
        193,
        190,
        185,
        "Coklit; simulasi e-coklit, kelompok kecil",
    ),
    (
        "33.71",
        "PPK",
        "M10",
        D(2024, 8, 14),
        D(2024, 8, 15),
        "luring",
        15,
        14,
        14,
        "Sesi 1 selesai. Sesi 2 ditunda",
    ),
    ("33.71", "PPS", "M02", D(2024, 8, 15), D(2024, 8, 15), None, 51, 0, 0, "direncanakan"),
]
EXPECTED_PERSIAPAN = [
    (
        "33.71",
        "PC01",
        "selesai",
        D(2024, 8, 9),
        None,
        "Divisi Teknis",
        "https://kota-magelang.kpu.go.id/bukti/pc01.pdf",
        None,
    ),
    ("33.71", "PC02", "selesai", D(2024, 8, 14), None, "Sekretaris", None, "SK Nomor 123/2024"),
    ("33.71", "PC03", "proses", None, None, "Divisi Teknis", None, "menunggu jadwal, KPU RI"),
    ("33.71", "PC04", "belum", None, "Partai politik", "Divisi Teknis", None, None),
    (
        "33.71",
        "PC07",
        "selesai",
        D(2024, 8, 12),
        "RSUD Tidar Kota Magelang",
        "Divisi Teknis",
        "http://rsudtidar.magelangkota.go.id/mou",
        None,
    ),
    ("33.71", "PC11", "tidak_berlaku", None, None, "Divisi Hukum", None, "dua pasangan calon"),
]
EXPECTED = {
    "badan_adhoc": EXPECTED_BADAN,
    "bimtek": EXPECTED_BIMTEK,
    "persiapan_pencalonan": EXPECTED_PERSIAPAN,
}
FEWER_PPS = (
    "Hanya 4 baris PPS, padahal Kota Magelang memiliki 17 desa/kelurahan. Apakah berkas lengkap?"
)
TOTAL_ROW = "Baris jumlah/total diabaikan (SIAGA menghitung totalnya sendiri)."
# Warnings every variant of a dataset shows (the data describe only 4 of 17 kelurahan).
BASE_WARNINGS = {
    "badan_adhoc": [(None, "badan", "PPS", FEWER_PPS)],
    "bimtek": [],
    "persiapan_pencalonan": [],
}
# Variants with warnings of their own: file -> extra (line, column, value, message).
EXTRA_WARNINGS = {
    "badan_adhoc/total_row.csv": [(13, "-", None, TOTAL_ROW)],
    "badan_adhoc/total_row_in_kecamatan.csv": [(13, "-", None, TOTAL_ROW)],
    "badan_adhoc/formulas.xlsx": [(13, "-", None, TOTAL_ROW)],
}


# ------------------------------------------------------------------ helpers


def check(
    data: bytes, dataset: str, as_of: dt.date = AS_OF
) -> tuple[Verdict, duckdb.DuckDBPyConnection]:
    return check_file(data, dataset, as_of, STAGING), CON


def typed_rows(con: duckdb.DuckDBPyConnection, dataset: str) -> list[tuple]:
    """The typed rows as stored (every contract column, in file order, without _line)."""
    cols = ", ".join(f'"{c}"' for c in DATASETS[dataset].column_names)
    return con.execute(f"SELECT {cols} FROM staging_typed ORDER BY _line").fetchall()


def typed_lines(con: duckdb.DuckDBPyConnection) -> list[int]:
    return [r[0] for r in con.execute("SELECT _line FROM staging_typed ORDER BY _line").fetchall()]


def refused(data: bytes, dataset: str = "badan_adhoc") -> FileRefused:
    with pytest.raises(FileRefused) as info:
        check_file(data, dataset, AS_OF, Staging())
    return info.value


def fixture(relative: str) -> bytes:
    return (FIXTURES / relative).read_bytes()


def variants(dataset: str) -> list[str]:
    return sorted(
        f"{dataset}/{p.name}" for p in (FIXTURES / dataset).iterdir() if p.name != "clean.csv"
    )


ALL_VARIANTS = [v for name in DATASETS for v in variants(name)]


# ------------------------------------------------------------------ the fixtures themselves


def test_fixture_files_are_what_the_generator_writes():
    """The committed fixtures match tests/fixtures/make_fixtures.py: text files byte for
    byte, workbooks cell for cell (openpyxl writes slightly different XML with lxml)."""
    generated = generator("make_fixtures").all_files()
    on_disk = {
        f"{p.parent.name}/{p.name}": p.read_bytes()
        for folder in ("badan_adhoc", "bimtek", "persiapan_pencalonan", "broken")
        for p in (FIXTURES / folder).iterdir()
    }
    assert sorted(generated) == sorted(on_disk)
    changed = []
    for name, data in generated.items():
        if name.endswith(".xlsx") and data[:2] == b"PK":
            if workbook_values(data) != workbook_values(on_disk[name]):
                changed.append(name)
        elif data != on_disk[name]:
            changed.append(name)
    assert changed == []


def test_every_dataset_has_a_good_number_of_quirky_variants():
    assert len(variants("badan_adhoc")) >= 40
    assert len(variants("bimtek")) >= 12
    assert len(variants("persiapan_pencalonan")) >= 6


# ------------------------------------------------------------------ clean files


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_clean_file_types_every_value(dataset):
    verdict, con = check(fixture(f"{dataset}/clean.csv"), dataset)
    assert verdict.ok
    assert typed_rows(con, dataset) == EXPECTED[dataset]
    assert typed_lines(con) == list(range(2, 2 + len(EXPECTED[dataset])))
    assert verdict.row_count == len(EXPECTED[dataset])
    assert verdict.regions == ["33.71"]
    assert issue_tuples(verdict.warnings) == BASE_WARNINGS[dataset]


def test_clean_read_result_describes_the_file():
    # A plain CSV is typed straight from the file: the rows are counted once typed.
    assert read_table(fixture("badan_adhoc/clean.csv"), BADAN_ADHOC, Staging()).row_count is None
    verdict, _ = check(fixture("badan_adhoc/clean.csv"), "badan_adhoc")
    assert verdict.read == ReadResult(
        table="staging_raw",
        file_format="csv",
        encoding="utf-8",
        delimiter=",",
        header_line=1,
        headers={name: name for name in BADAN_ADHOC.column_names},
        unknown_columns=[],
        row_count=11,
        ignored_columns=[],
    )


# ------------------------------------------------------------------ every variant, same rows


@pytest.mark.parametrize("relative", ALL_VARIANTS)
def test_variant_yields_the_same_typed_rows_as_clean(relative):
    dataset = relative.split("/")[0]
    verdict, con = check(fixture(relative), dataset)
    assert issue_tuples(verdict.errors) == []
    assert typed_rows(con, dataset) == EXPECTED[dataset]
    expected_warnings = BASE_WARNINGS[dataset] + EXTRA_WARNINGS.get(relative, [])
    assert sorted(issue_tuples(verdict.warnings), key=str) == sorted(expected_warnings, key=str)


# ------------------------------------------------------------------ what the reader reports


@pytest.mark.parametrize(
    ("relative", "encoding", "delimiter", "header_line"),
    [
        ("badan_adhoc/utf8_bom.csv", "utf-8-sig", ",", 1),
        ("badan_adhoc/utf16_tab.txt", "utf-16", "\t", 1),
        ("bimtek/cp1252.csv", "windows-1252", ";", 1),
        ("badan_adhoc/semicolon.csv", "utf-8", ";", 1),
        ("badan_adhoc/tab.tsv", "utf-8", "\t", 1),
        ("badan_adhoc/pipe.csv", "utf-8", "|", 1),
        ("badan_adhoc/title_rows.csv", "utf-8", ",", 4),
        ("badan_adhoc/title_rows_semicolon.csv", "utf-8", ";", 4),
        ("badan_adhoc/sep_line.csv", "utf-8", ";", 2),
        ("badan_adhoc/header_multiline.csv", "utf-8", ";", 1),
        ("badan_adhoc/first_sheet.xlsx", None, None, 1),
        ("badan_adhoc/header_row3.xlsx", None, None, 3),
        ("badan_adhoc/offset_b3.xlsx", None, None, 3),
        ("badan_adhoc/header_two_rows.csv", "utf-8", ";", 1),
        ("badan_adhoc/header_two_rows.xlsx", None, None, 3),
    ],
)
def test_reader_detects_encoding_delimiter_and_header_line(
    relative, encoding, delimiter, header_line
):
    dataset = DATASETS[relative.split("/")[0]]
    result = read_table(fixture(relative), dataset, Staging())
    assert (result.encoding, result.delimiter, result.header_line) == (
        encoding,
        delimiter,
        header_line,
    )
    assert result.file_format == ("xlsx" if relative.endswith(".xlsx") else "csv")


@pytest.mark.parametrize(
    ("relative", "lines"),
    [
        # Title rows and a blank line above the header: lines count from the file's top.
        ("badan_adhoc/title_rows.csv", list(range(5, 16))),
        ("badan_adhoc/sep_line.csv", list(range(3, 14))),
        # A blank line after the third record: later records keep their real line.
        ("badan_adhoc/blank_line_middle.csv", [2, 3, 4, *range(6, 14)]),
        # The header's "Jumlah\nKebutuhan" cell spans lines 1-2.
        ("badan_adhoc/header_multiline.csv", list(range(3, 14))),
        ("badan_adhoc/header_row3.xlsx", list(range(4, 15))),
        ("badan_adhoc/offset_b3.xlsx", list(range(4, 15))),
        # Header on lines 1-2, column numbers on line 3.
        ("badan_adhoc/header_two_rows.csv", list(range(4, 15))),
        # Title row 1, blank row 2, header rows 3-4, column numbers row 5.
        ("badan_adhoc/header_two_rows.xlsx", list(range(6, 17))),
        ("badan_adhoc/wrong_dimension.xlsx", list(range(2, 13))),
        ("badan_adhoc/cr_only.csv", list(range(2, 13))),
        # The JUMLAH row (line 13) is dropped, the others keep their lines.
        ("badan_adhoc/total_row.csv", list(range(2, 13))),
        ("badan_adhoc/formulas.xlsx", list(range(2, 13))),
        # Catatan of records 2 and 4 span two lines each.
        ("bimtek/multiline_catatan.csv", [2, 3, 5, 6, 8]),
    ],
)
def test_line_numbers_are_spreadsheet_lines(relative, lines):
    verdict, con = check(fixture(relative), relative.split("/")[0])
    assert typed_lines(con) == lines


def test_error_after_a_multiline_cell_names_the_right_line():
    data = fixture("bimtek/multiline_catatan.csv").replace(
        b"51,0,0,direncanakan", b"51,0,3,direncanakan"
    )
    verdict, _ = check(data, "bimtek")
    assert issue_tuples(verdict.errors) == [
        (
            8,
            "peserta_tuntas",
            "3",
            "peserta_tuntas (3) melebihi peserta_hadir (0). Periksa kedua angka.",
        )
    ]


def test_error_after_a_blank_line_names_the_right_line():
    data = fixture("badan_adhoc/blank_line_middle.csv").replace(
        b"Cacaban,002,7,,0,0,0,", b"Cacaban,002,7,,0,0,9,"
    )
    verdict, _ = check(data, "badan_adhoc")
    assert issue_tuples(verdict.errors) == [
        (13, "perempuan", "9", "perempuan (9) melebihi terisi (0). Periksa kedua angka.")
    ]


def test_error_in_xlsx_names_the_excel_row():
    verdict, _ = check(
        _xlsx([["Data"], [], BADAN_ADHOC.column_names, [*ROW_PPK[:5], 5, None, 6, 5, 2, 0]]),
        "badan_adhoc",
    )
    assert issue_tuples(verdict.errors) == [
        (4, "terisi", "6", "terisi (6) melebihi kebutuhan (5). Periksa kedua angka.")
    ]


def test_headers_as_written_are_kept():
    result = read_table(fixture("badan_adhoc/header_labels.csv"), BADAN_ADHOC, Staging())
    assert result.headers == {
        "kode_wilayah": "Kab/Kota",
        "badan": "Badan Ad Hoc",
        "kecamatan": "Kecamatan",
        "desa_kelurahan": "Desa/Kelurahan",
        "tps": "No. TPS",
        "kebutuhan": "Kebutuhan (orang)",
        "pendaftar": "Jumlah Pendaftar",
        "terisi": "Terisi",
        "dilantik": "Dilantik",
        "perempuan": "Perempuan",
        "pengganti": "PAW",
    }
    padded = read_table(fixture("badan_adhoc/header_padded.csv"), BADAN_ADHOC, Staging())
    assert padded.headers["kode_wilayah"] == "kode_wilayah"
    multi = read_table(fixture("badan_adhoc/header_multiline.csv"), BADAN_ADHOC, Staging())
    assert multi.headers["kebutuhan"] == "Jumlah\nKebutuhan"
    assert multi.headers["badan"] == "Badan:"


def test_two_row_header_takes_the_sub_columns():
    result = read_table(fixture("badan_adhoc/header_two_rows.xlsx"), BADAN_ADHOC, Staging())
    assert result.headers["terisi"] == "Terisi"
    assert result.headers["kode_wilayah"] == "Kode Wilayah"
    assert result.unknown_columns == []


def test_title_that_names_a_column_is_not_taken_for_the_header():
    data = b"Badan Ad Hoc\n\n" + fixture("badan_adhoc/clean.csv")
    verdict, con = check(data, "badan_adhoc")
    assert verdict.read.header_line == 3
    assert typed_rows(con, "badan_adhoc") == EXPECTED_BADAN


def test_rows_of_spaces_or_only_a_row_number_are_not_data():
    """Templates often come with rows pre-numbered far below the data."""
    data = fixture("badan_adhoc/row_numbers.csv").replace(b"\n11,", b"\n  ,  ,,,,,,,, ,,\n11,")
    data += b"".join(f"{n},,,,,,,,,,,\n".encode() for n in range(13, 40))
    verdict, con = check(data, "badan_adhoc")
    assert issue_tuples(verdict.errors) == []
    assert typed_rows(con, "badan_adhoc") == EXPECTED_BADAN
    assert typed_lines(con) == [*range(2, 12), 13]


def test_row_number_column_is_ignored_silently():
    result = read_table(fixture("badan_adhoc/row_numbers.csv"), BADAN_ADHOC, Staging())
    assert result.unknown_columns == []
    assert "No" not in result.headers.values()


def test_unknown_column_is_a_warning_naming_the_header():
    data = b"kode_wilayah,badan,kecamatan,kebutuhan,terisi,dilantik,perempuan,Sumber Data\n"
    data += b"33.71,PPK,Magelang Utara,5,5,5,2,SIAKBA\n"
    verdict, con = check(data, "badan_adhoc")
    assert verdict.ok
    assert (None, "Sumber Data", None, "Kolom tidak dikenal dan diabaikan.") in issue_tuples(
        verdict.warnings
    )
    assert typed_rows(con, "badan_adhoc")[0][:3] == ("33.71", "PPK", "Magelang Utara")


def test_two_headers_for_one_column_keep_the_better_one_and_warn():
    data = (
        b"Kode Wilayah;Badan;Nama Materi;Kode Materi;Tgl Mulai;Tgl Selesai;Target;Hadir;Tuntas\n"
        b"33.71;PPK;Orientasi;M02;20/05/2024;21/05/2024;15;15;15\n"
    )
    verdict, con = check(data, "bimtek")
    assert typed_rows(con, "bimtek")[0][2] == "M02"
    assert issue_tuples(verdict.warnings) == [
        (
            None,
            "Nama Materi",
            None,
            "Kolom ini juga berarti materi, tetapi kolom Kode Materi yang dipakai; "
            "kolom ini diabaikan.",
        )
    ]
    assert verdict.read.headers["materi"] == "Kode Materi"


def test_value_under_an_empty_header_is_an_error_naming_the_column_letter():
    data = b"kode_wilayah,badan,kecamatan,kebutuhan,terisi,dilantik,perempuan,\n"
    data += b"33.71,PPK,Magelang Utara,5,5,5,2,\n33.71,PPK,Magelang Tengah,5,5,5,2,lima\n"
    data += b"33.71,PPK,Magelang Selatan,5,5,5,2,,,x\n"
    verdict, _ = check(data, "badan_adhoc")
    message = "Ada nilai di kolom tanpa judul. Hapus nilai itu atau beri judul kolomnya."
    assert message == msg("value_outside_columns")
    assert issue_tuples(verdict.errors) == [(3, "H", "lima", message), (4, "J", "x", message)]


def test_unquoted_decimal_comma_in_a_comma_file_is_caught():
    """5,00 written without quotes in a comma file shifts the row: never read silently."""
    data = b"kode_wilayah,badan,kecamatan,kebutuhan,terisi,dilantik,perempuan\n"
    data += b"33.71,PPK,Magelang Utara,5,00,5,5,2\n"
    verdict, _ = check(data, "badan_adhoc")
    assert not verdict.ok
    assert (2, "H", "2", msg("value_outside_columns")) in issue_tuples(verdict.errors)


def test_tps_stays_text_with_leading_zeros():
    _, con = check(fixture("badan_adhoc/tps_number.xlsx"), "badan_adhoc")
    tps = [r[4] for r in typed_rows(con, "badan_adhoc")]
    assert tps == [None] * 7 + ["001", "002", "001", "002"]
    kind = con.execute("SELECT typeof(tps) FROM staging_typed LIMIT 1").fetchall()[0][0]
    assert kind == "VARCHAR"


def test_dash_means_zero_in_count_columns():
    """'-' is the Indonesian statistical sign for nihil (zero), as Excel's accounting
    format also prints a zero; an empty cell stays empty (not reported)."""
    _, con = check(fixture("badan_adhoc/dash_zero.csv"), "badan_adhoc")
    assert [r[10] for r in typed_rows(con, "badan_adhoc")] == [0, 1, 0, 0, None, None, 0] + [
        None
    ] * 4


def test_non_ascii_text_survives_every_encoding():
    for relative in ("bimtek/cp1252.csv", "bimtek/utf16_tab.txt", "bimtek/utf8_bom_semicolon.csv"):
        _, con = check(fixture(relative), "bimtek")
        assert typed_rows(con, "bimtek")[1][9] == JOSE


def test_decode_text_falls_back_to_windows_1252_and_reads_utf16_without_bom():
    assert decode_text("Kécamatan;é".encode("cp1252")) == ("Kécamatan;é", "windows-1252")
    assert decode_text("kode_wilayah;badan\n".encode("utf-16-le")) == (
        "kode_wilayah;badan\n",
        "utf-16-le",
    )


def test_column_letters():
    assert [column_letter(p) for p in (0, 1, 25, 26, 27, 701, 702)] == [
        "A",
        "B",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]


# ------------------------------------------------------------------ refused files

FILE_EMPTY = "Berkas kosong. Unggah berkas CSV atau Excel (.xlsx) yang berisi tabel data."
NOT_TABLE = (
    "Berkas ini bukan tabel CSV atau Excel (.xlsx) yang dapat dibaca. Simpan ulang dari "
    "spreadsheet sebagai CSV atau .xlsx, lalu unggah lagi."
)
NO_ROWS = "Berkas tidak berisi baris data di bawah judul kolom. Isi data lalu unggah lagi."


@pytest.mark.parametrize(
    ("relative", "reason", "message"),
    [
        ("broken/empty.csv", "file_empty", FILE_EMPTY),
        ("broken/whitespace_only.csv", "file_empty", FILE_EMPTY),
        ("broken/bom_only.csv", "file_empty", FILE_EMPTY),
        ("broken/header_only.csv", "no_rows", NO_ROWS),
        ("broken/header_and_blank_rows.csv", "no_rows", NO_ROWS),
        ("broken/random.bin", "file_not_table", NOT_TABLE),
        ("broken/image.png", "file_not_table", NOT_TABLE),
        ("broken/document.pdf", "file_not_table", NOT_TABLE),
        ("broken/not_xlsx.zip", "file_not_table", NOT_TABLE),
        (
            "broken/page.html",
            "file_markup",
            "Berkas ini halaman web atau XML (sering diberi nama .xls oleh aplikasi), bukan "
            "tabel CSV atau Excel (.xlsx). Buka di Excel, pilih Simpan Sebagai > Buku Kerja "
            "Excel (.xlsx), lalu unggah lagi.",
        ),
        (
            "broken/legacy.xls",
            "file_xls_old",
            "Format Excel lama (.xls) tidak didukung. Buka berkas di Excel, pilih Simpan "
            "Sebagai > Buku Kerja Excel (.xlsx), lalu unggah lagi.",
        ),
        (
            "broken/encrypted.xlsx",
            "file_xlsx_encrypted",
            "Berkas Excel dilindungi kata sandi. Hapus kata sandinya di Excel, simpan, lalu "
            "unggah lagi.",
        ),
        (
            "broken/truncated.xlsx",
            "file_xlsx_broken",
            "Berkas Excel rusak atau tidak dapat dibuka (arsip zip rusak). Simpan ulang sebagai "
            ".xlsx atau CSV, lalu unggah lagi.",
        ),
        (
            "broken/bad_sheet_xml.xlsx",
            "file_xlsx_broken",
            "Berkas Excel rusak atau tidak dapat dibuka (isi lembar kerja rusak). Simpan ulang "
            "sebagai .xlsx atau CSV, lalu unggah lagi.",
        ),
    ],
)
def test_broken_file_is_refused_with_its_message(relative, reason, message):
    exc = refused(fixture(relative))
    assert (exc.reason, str(exc)) == (reason, message)


def test_message_catalogue_builds_the_same_refusals():
    assert msg("file_empty") == FILE_EMPTY
    assert msg("file_not_table") == NOT_TABLE
    assert msg("no_rows") == NO_ROWS


def test_a_total_row_alone_is_no_data():
    data = fixture("badan_adhoc/clean.csv").split(b"\n")[0] + b"\nJUMLAH,,,,,44,1335,29,28,11,1\n"
    assert str(refused(data)) == NO_ROWS


def test_ods_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    exc = refused(buffer.getvalue())
    assert (exc.reason, str(exc)) == (
        "file_ods",
        "Format OpenDocument (.ods) tidak didukung. Simpan ulang sebagai .xlsx atau CSV, lalu "
        "unggah lagi.",
    )


def test_xlsx_zip_bomb_is_refused_before_it_is_opened():
    """A 64 MB sheet of repeated XML that compresses to a few kilobytes."""
    good = fixture("badan_adhoc/first_sheet.xlsx")
    source = zipfile.ZipFile(io.BytesIO(good))
    buffer = io.BytesIO()
    row = b'<row><c t="inlineStr"><is><t>33.71</t></is></c></row>'
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(
                    b"</sheetData>", row * (64 * 1024 * 1024 // len(row)) + b"</sheetData>"
                )
            target.writestr(info.filename, content)
    bomb = buffer.getvalue()
    assert len(bomb) < 1024 * 1024
    exc = refused(bomb)
    assert (exc.reason, str(exc)) == (
        "file_xlsx_bomb",
        "Berkas Excel ini terlalu besar setelah dibuka (64 MB). Batasnya 300 MB; pecah datanya "
        "atau unggah sebagai CSV.",
    )


def test_empty_workbook_is_refused_as_empty():
    assert str(refused(_xlsx([]))) == FILE_EMPTY


def test_wrong_dataset_is_named():
    exc = refused(fixture("bimtek/clean.csv"), "badan_adhoc")
    assert (exc.reason, str(exc)) == (
        "wrong_dataset",
        "Kolom berkas ini cocok dengan dataset bimtek, bukan badan_adhoc. Pilih dataset bimtek "
        "atau unggah berkas badan_adhoc.",
    )
    assert str(exc) == msg("wrong_dataset", other="bimtek", dataset="badan_adhoc")
    exc = refused(fixture("badan_adhoc/first_sheet.xlsx"), "persiapan_pencalonan")
    assert str(exc) == msg("wrong_dataset", other="badan_adhoc", dataset="persiapan_pencalonan")


def test_missing_required_column_is_named():
    data = b"kode_wilayah,badan,kecamatan,kebutuhan,terisi,perempuan\n33.71,PPK,A,5,5,2\n"
    exc = refused(data)
    assert (exc.reason, str(exc)) == (
        "missing_columns",
        "Kolom wajib tidak ditemukan: dilantik. Tambahkan kolom tersebut (lihat templat "
        "badan_adhoc).",
    )


def test_file_without_any_known_header():
    exc = refused(b"jenis,jumlah\nrapat,40\n")
    assert (exc.reason, str(exc)) == (
        "no_header",
        "Baris judul kolom tidak ditemukan. Baris pertama tabel harus berisi nama kolom templat "
        "badan_adhoc: kode_wilayah, badan, kecamatan, kebutuhan, terisi, dilantik, perempuan.",
    )


def test_same_column_twice_is_refused_with_its_letters():
    data = b"kode_wilayah,badan,kecamatan,kebutuhan,terisi,dilantik,perempuan,Terisi\n"
    data += b"33.71,PPK,A,5,5,5,2,5\n"
    exc = refused(data)
    assert (exc.reason, str(exc)) == (
        "duplicate_column",
        "Kolom terisi muncul lebih dari sekali (kolom E, H). Hapus salah satunya.",
    )


# ------------------------------------------------------------------ personal data

BIMTEK_HEAD = "kode_wilayah,badan,materi,tanggal_mulai,tanggal_selesai,peserta_target,peserta_hadir,peserta_tuntas"
BIMTEK_ROW = "33.71,PPK,M01,2024-05-20,2024-05-21,15,15,15"


def _nik_message(column: str, line: int) -> str:
    return (
        f"Berkas memuat data pribadi: nomor 16 digit seperti NIK di kolom {column} (baris "
        f"{line}). SIAGA hanya menerima jumlah per unit; hapus data tersebut lalu unggah lagi. "
        "Berkas ini tidak disimpan."
    )


@pytest.mark.parametrize(
    "header",
    [
        "NIK",
        "nik",
        "No HP",
        "No. KTP",
        "Nama Anggota",
        "Email",
        "No. WA",
        "Tanggal Lahir",
        "Nomor Induk Kependudukan",
    ],
)
def test_personal_data_column_is_refused(header):
    data = f"{BIMTEK_HEAD},{header}\n{BIMTEK_ROW},x\n".encode()
    exc = refused(data, "bimtek")
    assert (exc.reason, str(exc)) == (
        "personal_data",
        f"Berkas memuat data pribadi (kolom {header}). SIAGA hanya menerima jumlah per unit; "
        "hapus kolom data pribadi lalu unggah lagi. Berkas ini tidak disimpan.",
    )


def test_personal_column_is_refused_before_wrong_dataset():
    data = f"{BIMTEK_HEAD},NIK\n{BIMTEK_ROW},x\n".encode()
    assert refused(data, "badan_adhoc").reason == "personal_data"


def test_nik_in_catatan_is_refused_with_line_and_column():
    data = (
        f"{BIMTEK_HEAD},catatan\n{BIMTEK_ROW},\n{BIMTEK_ROW},peserta NIK 3371012345670001 absen\n"
    )
    exc = refused(data.encode(), "bimtek")
    assert (exc.reason, str(exc)) == ("personal_data", _nik_message("catatan", 3))
    assert str(exc) == msg("personal_nik", column="catatan", line=3)


def test_nik_in_an_unknown_column_is_refused():
    data = f"{BIMTEK_HEAD},Identitas\n{BIMTEK_ROW},3371012345670001\n"
    assert str(refused(data.encode(), "bimtek")) == _nik_message("Identitas", 2)


def test_nik_under_an_empty_header_names_the_column_letter():
    data = f"{BIMTEK_HEAD}\n{BIMTEK_ROW},,'3371012345670001\n"
    assert str(refused(data.encode(), "bimtek")) == _nik_message("J", 2)


def test_nik_printed_by_excel_in_scientific_notation_is_refused():
    data = f'{BIMTEK_HEAD},Keterangan\n{BIMTEK_ROW},"3,37101E+15"\n'
    assert str(refused(data.encode(), "bimtek")) == _nik_message("Keterangan", 2)


def test_nik_as_an_excel_number_is_refused():
    rows = [[*BIMTEK_HEAD.split(","), "Keterangan"], [*BIMTEK_ROW.split(","), 3371012345670001]]
    assert str(refused(_xlsx(rows), "bimtek")) == _nik_message("Keterangan", 2)


def test_nik_on_another_sheet_of_the_workbook_is_refused():
    """The whole file is archived when accepted, so every sheet is checked."""
    data_sheet = [BADAN_ADHOC.column_names, [*ROW_PPK, 5, None, 5, 5, 2, 0]]
    members = [["No", "NIK", "Kecamatan"], [1, "3371012345670001", "Magelang Utara"]]
    exc = refused(_xlsx(data_sheet, ("Anggota", members)))
    assert str(exc) == msg("personal_column", column="NIK, lembar Anggota")
    numbers = [["Catatan"], ["cek", "3371012345670001"]]
    exc = refused(_xlsx(data_sheet, ("Cek", numbers)))
    assert str(exc) == _nik_message("B, lembar Cek", 2)


def test_instructions_sheet_mentioning_nik_in_prose_is_not_personal_data():
    verdict, _ = check(fixture("badan_adhoc/petunjuk_first.xlsx"), "badan_adhoc")
    assert verdict.ok and verdict.row_count == 11


def test_sixteen_digit_post_number_inside_a_link_is_not_a_nik():
    head = "kode_wilayah,kode_item,status,tanggal_selesai,tautan_bukti\n"
    row = "33.71,PC05,selesai,2024-08-12,https://www.facebook.com/kpu.magelang/posts/1234567890123456\n"
    verdict, _ = check((head + row).encode(), "persiapan_pencalonan")
    assert verdict.ok


def test_long_numbers_that_are_not_16_digits_pass():
    data = f"{BIMTEK_HEAD},catatan\n{BIMTEK_ROW},SK 123456789012345 dan 12345678901234567\n"
    verdict, _ = check(data.encode(), "bimtek")
    assert verdict.ok


# ------------------------------------------------------------------ SIAGA's own templates


@pytest.mark.parametrize("name", list(DATASETS))
def test_own_templates_with_their_example_row_are_readable(name):
    """The templates regencies download (analytics/templates.py) must read back."""
    from analytics import templates

    for data in (templates.template_csv(DATASETS[name]), templates.template_xlsx(DATASETS[name])):
        verdict, con = check(data, name)
        assert issue_tuples(verdict.errors) == []
        assert verdict.row_count == 1
        assert verdict.read.headers == {c: c for c in DATASETS[name].column_names}


# ------------------------------------------------------------------ command line


def test_cli_validate_exit_codes(tmp_path, capsys):
    good = FIXTURES / "badan_adhoc" / "semicolon.csv"
    assert cli.main(["validate", "badan_adhoc", str(good), "--as-of", "2024-08-15"]) == 0
    out = capsys.readouterr()
    assert "Berkas valid: 11 baris, 1 peringatan." in out.out
    assert cli.main(["validate", "badan_adhoc", str(FIXTURES / "broken" / "image.png")]) == 1
    assert capsys.readouterr().err.strip() == f"Ditolak: {NOT_TABLE}"
    bad = tmp_path / "bad.csv"
    bad.write_bytes(
        fixture("badan_adhoc/clean.csv").replace(b",5,1234,5,5,2,0", b",5,1234,6,5,2,0")
    )
    assert cli.main(["validate", "badan_adhoc", str(bad), "--as-of", "2024-08-15"]) == 1
    out = capsys.readouterr()
    assert "Berkas ditolak: 1 kesalahan, 1 peringatan. Perbaiki lalu unggah lagi." in out.err
    assert "baris 2\tkolom terisi\tnilai '6'" in out.out
    with pytest.raises(SystemExit) as info:
        cli.main(["validate", "badan_adhoc", str(good), "--as-of", "15-08-2024"])
    assert info.value.code == 2
    assert cli.main(["validate", "tidak_ada", str(good)]) == 2


# ------------------------------------------------------------------ helpers for xlsx tests

ROW_PPK = ["33.71", "PPK", "Magelang Utara", None, None]


def _xlsx(rows: list[list[object]], *more: tuple[str, list[list[object]]]) -> bytes:
    """A workbook whose first sheet holds ``rows``; ``more`` adds (title, rows) sheets."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for title, extra in more:
        other = book.create_sheet(title)
        for row in extra:
            other.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _book(build) -> bytes:
    """A workbook built by ``build(sheet)`` on its first sheet."""
    from openpyxl import Workbook

    book = Workbook()
    build(book.active)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _patch_sheet(data: bytes, change) -> bytes:
    """The workbook with ``change`` applied to the XML of its first sheet."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = change(content)
            target.writestr(info, content)
    return out.getvalue()


BADAN_HEAD = ["kode_wilayah", "badan", "kecamatan", "kebutuhan", "terisi", "dilantik", "perempuan"]
NOTE_ROW = msg("warn_note_row")


# ------------------------------------------------------------------ the row-number column


def test_note_written_in_the_row_number_column_is_a_row_without_data():
    data = (
        b"No;kode_wilayah;badan;kecamatan;kebutuhan;terisi;dilantik;perempuan\n"
        b"1;33.71;PPK;Magelang Utara;5;5;5;2\n"
        b"JUMLAH;;;;5;5;5;2\n"
        b"Keterangan: data dari SIAKBA;;;;;;;\n"
        b"3;;;;;;;\n"
    )
    verdict, con = check(data, "badan_adhoc")
    assert issue_tuples(verdict.errors) == []
    assert [(line, value, message) for line, column, value, message
            in issue_tuples(verdict.warnings) if column == "-"] == [
        (3, None, TOTAL_ROW), (4, "Keterangan: data dari SIAKBA", NOTE_ROW)]  # fmt: skip
    assert typed_lines(con) == [2]  # the numbered empty row 5 is no row at all


# ------------------------------------------------------------------ headers


def test_jumlah_before_a_count_header_is_read_but_never_makes_another_column():
    data = (
        b"Kode Wilayah;Badan;Kecamatan;Jml. Kebutuhan;Jumlah Terisi;Jmlh Dilantik;"
        b"Jml Perempuan;Jumlah TPS\n33.71;PPK;Magelang Utara;5;5;5;2;12\n"
    )
    verdict, con = check(data, "badan_adhoc")
    assert verdict.read.headers["kebutuhan"] == "Jml. Kebutuhan"
    assert verdict.read.headers["dilantik"] == "Jmlh Dilantik"
    assert "tps" not in verdict.read.headers  # TPS is a number of a polling station
    assert verdict.read.unknown_columns == ["Jumlah TPS"]
    assert typed_rows(con, "badan_adhoc")[0][5:10] == (5, None, 5, 5, 2)


def test_count_header_with_and_without_jumlah_keeps_the_plain_one():
    data = (
        b"kode_wilayah;badan;kecamatan;kebutuhan;Jml. Terisi;terisi;dilantik;perempuan\n"
        b"33.71;PPK;Magelang Utara;5;99;5;5;2\n"
    )
    verdict, con = check(data, "badan_adhoc")
    assert verdict.read.ignored_columns == [("Jml. Terisi", "terisi", "terisi")]
    assert typed_rows(con, "badan_adhoc")[0][7] == 5


@pytest.mark.parametrize("header", ["% Terisi", "Terisi (%)", "Perempuan %", "%"])
def test_header_with_a_percent_sign_names_no_count(header):
    head = ",".join([*BADAN_HEAD, header])
    data = f"{head}\n33.71,PPK,Magelang Utara,5,5,5,2,40%\n".encode()
    verdict, con = check(data, "badan_adhoc")
    assert verdict.ok
    assert verdict.read.unknown_columns == [header]
    assert typed_rows(con, "badan_adhoc")[0][7:10] == (5, 5, 2)


@pytest.mark.parametrize("header", ["Perempuan (min. 30%)", "Perempuan (≥ 30 %)"])
def test_percent_of_a_target_in_a_count_header_is_no_share(header):
    head = ",".join([*BADAN_HEAD[:6], header])
    verdict, _ = check(f"{head}\n33.71,PPK,Magelang Utara,5,5,5,2\n".encode(), "badan_adhoc")
    assert verdict.ok and verdict.read.headers["perempuan"] == header


# ------------------------------------------------------------------ text


def test_no_break_spaces_inside_names_become_spaces_in_csv_and_excel():
    csv_data = (
        ";".join(BADAN_HEAD) + "\n33.71;PPK;Magelang\u00a0Utara;5;5;5;2\n"
        "33.71;PPK;Magelang\u202fTengah\u00a0;1\u00a0234;5;5;2\n"
    ).encode()
    verdict, con = check(csv_data, "badan_adhoc")
    rows = typed_rows(con, "badan_adhoc")
    assert [r[2] for r in rows] == ["Magelang Utara", "Magelang Tengah"]
    assert rows[1][5] == 1234
    book = _xlsx([BADAN_HEAD, ["33.71", "PPK", "Magelang\u00a0Selatan", 5, 5, 5, 2]])
    _, con = check(book, "badan_adhoc")
    assert typed_rows(con, "badan_adhoc")[0][2] == "Magelang Selatan"


def test_decode_text_reads_stray_windows_1252_bytes_in_utf8_as_windows_1252():
    data = "Kécamatan;“Tidar” ½".encode() + b";Jos\xe9 \x93ok\x94 \x81"
    assert decode_text(data) == ("Kécamatan;“Tidar” ½;José “ok” \x81", "utf-8")
    assert decode_text("José;½".encode("cp1252")) == ("José;½", "windows-1252")


# ------------------------------------------------------------------ cut or foreign files


def test_csv_cut_inside_quotes_is_refused_but_a_stray_quote_is_not():
    cut = f'{BIMTEK_HEAD},catatan\n{BIMTEK_ROW},"Sesi 1\nsesi 2 dipin'
    exc = refused(cut.encode(), "bimtek")
    assert (exc.reason, str(exc)) == ("file_truncated", msg("file_truncated"))
    assert "Berkas CSV terpotong" in str(exc) and "\n" not in str(exc)
    stray = f'{BIMTEK_HEAD},catatan\n{BIMTEK_ROW},layar 24" dan "proyektor\n'
    verdict, con = check(stray.encode(), "bimtek")
    assert verdict.ok
    assert typed_rows(con, "bimtek")[0][-1] == 'layar 24" dan "proyektor'
    # Text after a closing quote fails strict reading: read leniently, as written.
    after = f'{BIMTEK_HEAD},catatan\n{BIMTEK_ROW},"Sesi 1" selesai\n\n{BIMTEK_ROW},x\n'
    verdict, con = check(after.encode(), "bimtek")
    assert [r[-1] for r in typed_rows(con, "bimtek")] == ["Sesi 1 selesai", "x"]


@pytest.mark.parametrize(
    "text",
    [
        '{"kode_wilayah": "33.71", "badan": "PPK"}\n{"kode_wilayah": "33.71", "badan": "PPS"}\n',
        '  [{"kode_wilayah": "33.71", "badan": "PPK", "kecamatan": "Magelang Utara"}]',
        '{"data": [["kode_wilayah", "badan"]], "catatan": "Magelang – kota"}',
    ],
)
def test_json_is_not_a_table(text):
    exc = refused(text.encode())
    assert (exc.reason, str(exc)) == ("file_not_table", NOT_TABLE)


def test_csv_with_headers_in_brackets_is_no_json():
    data = "[kode_wilayah],[badan],[kecamatan],[kebutuhan],[terisi],[dilantik],[perempuan]\n"
    verdict, _ = check(f"{data}33.71,PPK,Magelang Utara,5,5,5,2\n".encode(), "badan_adhoc")
    assert verdict.ok


# ------------------------------------------------------------------ workbooks


def test_cells_merged_down_the_rows_take_their_top_value_in_table_columns_only():
    def build(sheet):
        sheet.append(["Rekap", None, None])  # a title merged over two rows: left alone
        sheet.append([])
        sheet.append([*BADAN_HEAD, None])
        sheet.append(["33.71", "PPK", "Magelang Utara", 5, 5, 5, 2, "catatan"])
        sheet.append([None, None, "Magelang Tengah", 5, 5, 5, 2])
        sheet.append([None, "PPK", "Magelang Selatan", 5, 5, 5, 1])
        sheet.append(["JUMLAH", None, None, 15, 15, 15, 5])
        sheet.merge_cells("A1:C2")
        sheet.merge_cells("A4:A6")  # kode_wilayah, merged down
        sheet.merge_cells("B4:B5")
        sheet.merge_cells("H4:H6")  # beyond the header: not copied
        sheet.merge_cells("A7:C7")  # across the columns: left alone

    verdict, con = check(_book(build), "badan_adhoc")
    assert [r[:3] for r in typed_rows(con, "badan_adhoc")] == [
        ("33.71", "PPK", "Magelang Utara"),
        ("33.71", "PPK", "Magelang Tengah"),
        ("33.71", "PPK", "Magelang Selatan"),
    ]
    outside = msg("value_outside_columns")
    assert issue_tuples(verdict.errors) == [(4, "H", "catatan", outside)]
    assert (7, "-", None, TOTAL_ROW) in issue_tuples(verdict.warnings)


def test_workbook_with_data_on_two_sheets_is_refused_naming_them():
    data_rows = [BADAN_HEAD, ["33.71", "PPK", "Magelang Utara", 5, 5, 5, 2]]
    copy = [BADAN_HEAD, ["33.71", "PPK", "Magelang Utara", 5, 4, 4, 2]]
    exc = refused(_xlsx(data_rows, ("Data (2)", copy)))
    assert (exc.reason, str(exc)) == (
        "file_many_sheets",
        "Data ada di beberapa lembar (Sheet, Data (2)). Gabungkan ke satu lembar (dan hapus "
        "lembar salinan atau contoh), lalu unggah lagi.",
    )
    # An empty template sheet with the same header holds no data: the data sheet is read.
    verdict, con = check(_xlsx([BADAN_HEAD], ("Data", data_rows)), "badan_adhoc")
    assert verdict.ok and len(typed_rows(con, "badan_adhoc")) == 1
    # A hidden copy yields to the sheet the operator sees.
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(_xlsx(copy, ("Data", data_rows))))
    book.worksheets[0].sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    verdict, con = check(buffer.getvalue(), "badan_adhoc")
    assert verdict.ok and typed_rows(con, "badan_adhoc")[0][7] == 5


def test_formula_never_calculated_is_refused_only_in_a_table_column():
    def build(formula_column: int):
        def fill(sheet):
            sheet.append([*BADAN_HEAD, "Cek"])
            sheet.append(["33.71", "PPK", "Magelang Utara", 5, 5, 5, 2, 1])
            sheet.cell(row=2, column=formula_column).value = "=D2*1"

        return _book(fill)

    exc = refused(build(5))  # terisi
    assert (exc.reason, str(exc)) == ("file_xlsx_formulas", msg("file_xlsx_formulas"))
    assert "Excel/LibreOffice" in str(exc)
    verdict, _ = check(build(8), "badan_adhoc")  # the unknown column Cek: ignored anyway
    assert verdict.ok
    # A formula whose saved result is empty text (=IF(...;"";...)) was calculated.
    empty_text = _patch_sheet(
        build(5), lambda xml: xml.replace(b'<c r="E2"><f>', b'<c r="E2" t="str"><f>', 1)
    )
    with zipfile.ZipFile(io.BytesIO(empty_text)) as z:
        assert b'<c r="E2" t="str"><f>D2*1</f><v></v></c>' in z.read("xl/worksheets/sheet1.xml")
    verdict, _ = check(empty_text, "badan_adhoc")
    assert issue_tuples(verdict.errors) == [(2, "terisi", None, msg("required"))]


def test_hyperlink_target_is_read_in_link_columns_only():
    def build(sheet):
        sheet.append(["kode_wilayah", "kode_item", "status", "tanggal_selesai", "tautan_bukti",
                      "penanggung_jawab"])  # fmt: skip
        sheet.append(["33.71", "PC01", "selesai", "2024-08-09", "Lihat bukti", "Divisi Teknis"])
        sheet.append(["33.71", "PC02", "belum", None, None, "Sekretaris"])
        sheet["E2"].hyperlink = "https://kpu.go.id/bukti/pc01.pdf"
        sheet["F2"].hyperlink = "https://kpu.go.id/teknis"  # not a link column: as shown

    verdict, con = check(_book(build), "persiapan_pencalonan")
    assert issue_tuples(verdict.errors) == []
    rows = con.execute(
        "SELECT tautan_bukti, penanggung_jawab FROM staging_typed ORDER BY _line"
    ).fetchall()
    assert rows == [("https://kpu.go.id/bukti/pc01.pdf", "Divisi Teknis"), (None, "Sekretaris")]


def test_text_after_a_closing_quote_is_kept_whole():
    """A hand-edited cell like "Sesi 1" selesai: DuckDB's reader would cut it; the exact
    reader keeps the text as a spreadsheet shows it."""
    head = b"kode_wilayah,badan,materi,tanggal_mulai,tanggal_selesai,metode,peserta_target,"
    head += b"peserta_hadir,peserta_tuntas,catatan\n"
    rows = b'33.71,PPK,M01,2024-05-20,2024-05-21,luring,15,15,15,"Sesi 1" selesai\n'
    rows += b'33.71,PPS,M01,2024-05-20,2024-05-21,luring,15,15,15,"Dua, tiga"\n'
    verdict, con = check(head + rows, "bimtek")
    assert verdict.ok
    got = con.execute("SELECT _line, catatan FROM staging_typed ORDER BY _line").fetchall()
    assert got == [(2, "Sesi 1 selesai"), (3, "Dua, tiga")]
