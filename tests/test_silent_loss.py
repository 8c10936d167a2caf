"""Files that could be accepted with a value changed, a row or a value lost, or an issue on
the wrong line: an adversarial review's cases, each pinned to what a person reading the
spreadsheet expects (nine of them were silent losses before they were fixed)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from analytics.ingest import ingest_bytes
from analytics.storage import Database
from analytics.units import official_units
from analytics.upload import Staging, check_file

AS_OF = dt.date(2024, 8, 15)
STAGING = Staging()
CON = STAGING.con

BADAN = (
    "kode_wilayah,badan,kecamatan,desa_kelurahan,tps,kebutuhan,pendaftar,terisi,dilantik,"
    "perempuan,pengganti"
)
BIMTEK = (
    "kode_wilayah,badan,materi,tanggal_mulai,tanggal_selesai,metode,peserta_target,"
    "peserta_hadir,peserta_tuntas,catatan"
)
PERSIAPAN = (
    "kode_wilayah,kode_item,status,tanggal_selesai,mitra,penanggung_jawab,tautan_bukti,catatan"
)
PPK = "33.71,PPK,Magelang {},,,5,12,5,5,2,0"


def check(text: str | bytes, dataset: str):
    data = text.encode() if isinstance(text, str) else text
    return check_file(data, dataset, AS_OF, STAGING)


def typed(columns: str) -> list[tuple]:
    return CON.execute(f"SELECT _line, {columns} FROM staging_typed ORDER BY _line").fetchall()


def issues(verdict) -> list[tuple]:
    """(line, column, value, severity) of the issues that name a line."""
    return [
        (int(r.line), r.column, r.value, r.severity)
        for r in verdict.issues.itertuples()
        if r.line is not None and str(r.line) != "<NA>"
    ]


def csv_text(header: str, *rows: str) -> str:
    return "\n".join([header, *rows]) + "\n"


def xlsx(header: str, rows: list[list], merges: tuple[str, ...] = ()) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header.split(","))
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# ------------------------------------------------------------------ confirmed problems


def test_reupload_of_older_file_after_newer_one_is_stored(tmp_path):
    db = Database(tmp_path / "siaga.duckdb")
    db.initialise()
    a = csv_text(PERSIAPAN, "33.71,PC01,selesai,2024-08-09,,,,").encode()
    b = csv_text(PERSIAPAN, "33.71,PC01,proses,,,,,").encode()
    ingest_bytes(db, "persiapan_pencalonan", a, AS_OF, "tester")
    ingest_bytes(db, "persiapan_pencalonan", b, AS_OF, "tester")
    again = ingest_bytes(db, "persiapan_pencalonan", a, AS_OF, "tester")
    with db.reader() as con:
        in_force = con.execute(
            "SELECT r.status FROM persiapan_pencalonan_rows r JOIN versions v USING "
            "(version_id) WHERE v.withdrawn_at IS NULL ORDER BY v.as_of DESC, "
            "v.version_id DESC LIMIT 1"
        ).fetchall()
    assert not again.stored.duplicate
    assert in_force == [("selesai",)]


def test_first_data_row_is_not_taken_as_second_header_row():
    verdict = check(
        csv_text(
            PERSIAPAN,
            "Kota Magelang,PC09,Progres,,Instansi terkait,Divisi Teknis,,",
            "Kota Magelang,PC02,selesai,2024-08-09,,Divisi Teknis,,",
        ),
        "persiapan_pencalonan",
    )
    assert verdict.ok
    assert typed("kode_item, status") == [(2, "PC09", "proses"), (3, "PC02", "selesai")]


def test_merged_count_cell_is_not_multiplied():
    rows = [
        ["33.71", "PPS", "Magelang Utara", desa, None, 3, pendaftar, 3, 3, 1, 0]
        for desa, pendaftar in (
            ("Kramat Selatan", 12),
            ("Kramat Utara", None),
            ("Kedungsari", None),
        )
    ]
    verdict = check(xlsx(BADAN, rows, merges=("C2:C4", "G2:G4")), "badan_adhoc")
    stored = CON.execute("SELECT sum(pendaftar) FROM staging_typed").fetchall()[0][0]
    assert not verdict.ok or stored == 12


def test_csv_value_far_right_of_header_is_reported():
    verdict = check(
        csv_text(BADAN, PPK.format("Selatan") + ",,,,terisi 4", PPK.format("Tengah")),
        "badan_adhoc",
    )
    assert (2, "O", "terisi 4", "error") in issues(verdict)  # K + 4 columns


def test_data_row_with_words_is_not_skipped_as_note():
    verdict = check(
        csv_text(
            BADAN,
            PPK.format("Selatan"),
            "Kota Magelng,Panitia Kecamatan,Magelang Tengah,,,lima,,lima,lima,dua,",
            PPK.format("Utara"),
        ),
        "badan_adhoc",
    )
    assert not verdict.ok


def test_day_first_dates_not_reread_because_of_one_pasted_row():
    verdict = check(
        csv_text(
            BIMTEK,
            "33.71,PPK,M01,03/06/2024,04/06/2024,luring,15,15,15,",
            "33.71,PPS,M02,10/07/2024,11/07/2024,luring,15,15,15,",
            "33.71,PPS,M03,6/20/2024,6/21/2024,luring,15,15,15,",
        ),
        "bimtek",
    )
    rows = typed("tanggal_mulai")
    assert (
        not verdict.ok
        or rows[0][1] == dt.date(2024, 6, 3)
        or 2 in {line for line, *_ in issues(verdict)}
    )


def test_status_with_qualifier_is_not_read_as_done():
    verdict = check(
        csv_text(
            PERSIAPAN,
            "33.71,PC01,Selesai (sebagian),2024-08-09,,,,",
            "33.71,PC02,Sudah - tinggal TTD ketua,2024-08-09,,,,",
        ),
        "persiapan_pencalonan",
    )
    assert [line for line, column, *_ in issues(verdict) if column == "status"] == [2, 3]


def test_module_code_and_name_that_disagree_are_reported():
    verdict = check(
        csv_text(
            BIMTEK,
            "33.71,PPK,M02 - Orientasi dan tata kerja,2024-05-20,2024-05-21,luring,15,15,15,",
        ),
        "bimtek",
    )
    assert not verdict.ok


def test_digits_split_by_a_space_are_not_joined():
    verdict = check(
        csv_text(BADAN, "33.71,PPS,Magelang Utara,Kramat Selatan,,3,1 5,3,3,1,0"), "badan_adhoc"
    )
    assert (2, "pendaftar", "1 5", "error") in issues(verdict)


# ------------------------------------------------------------------ tricky cases that are right


def test_lines_after_title_blank_lines_and_quoted_multiline_cells():
    verdict = check(
        "DAFTAR PPK KOTA MAGELANG\n\n"
        + csv_text(
            BADAN,
            '33.71,PPK,"Magelang\nSelatan",,,5,12,5,5,2,0',
            "",
            "",
            PPK.format("Tengah"),
            "33.71,PPK,Magelang Utara,,,5,12,x,5,2,0",
        ),
        "badan_adhoc",
    )
    assert issues(verdict) == [(9, "terisi", "x", "error")]
    assert [line for line, _ in typed("kecamatan")] == [4, 8, 9]


def test_lines_after_a_line_of_spaces_or_of_commas():
    for filler in ("   ", ",,,,,,,,,,"):
        verdict = check(
            csv_text(
                BADAN,
                PPK.format("Selatan"),
                filler,
                PPK.format("Tengah"),
                "33.71,PPK,Magelang Utara,,,5,12,x,5,2,0",
            ),
            "badan_adhoc",
        )
        assert issues(verdict) == [(5, "terisi", "x", "error")]


def test_duplicate_after_respelling_names_first_line_and_keeps_lines():
    verdict = check(
        csv_text(
            BADAN,
            PPK.format("Selatan"),
            "3371,ppk,Magelang Tengah,,,5,12,5,5,2,0",
            "33.71,PPK,magelang tengah,,,5,12,5,5,2,0",
            "33.71,Ppk,Magelang\u00a0Utara,,,5,12,x,5,2,0",
            "33.71,PPK,Magelang Utara,,,5,12,5,5,2,0",
        ),
        "badan_adhoc",
    )
    found = issues(verdict)
    assert (4, "kecamatan", "magelang tengah", "error") in found
    assert (5, "terisi", "x", "error") in found
    assert (6, "kecamatan", "Magelang Utara", "error") in found
    messages = set(verdict.errors["message"])
    assert any("baris 3" in m for m in messages) and any("baris 5" in m for m in messages)
    assert typed("kode_wilayah, badan")[1] == (3, "33.71", "PPK")


def test_duplicate_item_after_respelling():
    verdict = check(
        csv_text(
            PERSIAPAN,
            "3371,PC01,selesai,2024-08-09,,,,",
            "33.71,PC02,selesai,2024-08-09,,,,",
            "Kota Magelang,pc 1,proses,,,,,",
        ),
        "persiapan_pencalonan",
    )
    assert issues(verdict) == [(4, "kode_item", "pc 1", "error")]
    assert "baris 2" in verdict.errors["message"].iloc[0]


def test_long_file_error_and_duplicate_near_the_end_on_right_lines():
    n = 100_000
    # The official desa/kelurahan of Kabupaten Cilacap (284), TPS 1 to 500 in each of the
    # first 200: 100,000 distinct KPPS units.
    units = official_units()
    desa = [(k.name, d.name) for k in units.kecamatan_of("33.01") for d in units.desa_of(k.code)]
    lines = [BADAN]
    for i in range(n):
        body = "kpps" if i % 3 else "KPPS"  # respelled: the UPDATE must keep positions
        region = "3301" if i % 2 else "33.01"
        kecamatan, name = desa[i // 500]
        lines.append(f"{region},{body},{kecamatan},{name},{i % 500 + 1},7,,7,7,3,")
    kecamatan, name = desa[0]
    # line n-4 repeats line 7 (TPS 6 of the first desa), its names spelt otherwise
    lines[n - 5] = f"3301,Kpps,kec. {kecamatan.lower()},DESA {name.upper()},TPS 6,7,,7,7,3,"
    lines[n - 3] = lines[n - 3].replace(",7,,7,7,3,", ",7,,x,7,3,")  # line n-2
    verdict = check("\n".join(lines) + "\n", "badan_adhoc")
    assert issues(verdict) == [(n - 4, "tps", "TPS 6", "error"), (n - 2, "terisi", "x", "error")]
    assert "baris 7" in verdict.errors["message"].iloc[0]
    last = CON.execute(
        "SELECT _line, kecamatan, desa_kelurahan, tps FROM staging_typed ORDER BY _line DESC "
        "LIMIT 1"
    ).fetchall()
    assert last == [(n + 1, *desa[199], "500")]


@pytest.mark.parametrize(
    ("cell", "value"),
    [("1.000", 1000), ("1,000", 1000), ("1.000,00", 1000), ("1,000.00", 1000), ("5,00", 5),
     ("1\u00a0234", 1234), ("-", 0), ("007", 7)],
)  # fmt: skip
def test_thousands_and_whole_decimals(cell, value):
    verdict = check(
        csv_text(BADAN, f'33.71,PPS,Magelang Utara,Kramat Selatan,,3,"{cell}",3,3,1,0'),
        "badan_adhoc",
    )
    assert verdict.ok
    assert typed("pendaftar") == [(2, value)]


@pytest.mark.parametrize("cell", ["1,5", "1.5", "0,5", "1.0000", "lima"])
def test_fractions_in_either_locale_are_errors(cell):
    verdict = check(
        csv_text(BADAN, f'33.71,PPS,Magelang Utara,Kramat Selatan,,3,"{cell}",3,3,1,0'),
        "badan_adhoc",
    )
    assert issues(verdict) == [(2, "pendaftar", cell, "error")]


def test_body_naming_two_bodies_is_an_error():
    verdict = check(
        csv_text(BADAN, "33.71,PPK (PPS),Magelang Tengah,,,5,12,5,5,2,0"), "badan_adhoc"
    )
    assert (2, "badan", "PPK (PPS)", "error") in issues(verdict)


def test_count_words_with_dashes_stay_errors_not_notes():
    verdict = check(
        csv_text(
            BADAN,
            PPK.format("Selatan"),
            "Kota Magelng,Panitia Kecamatan,Magelang Tengah,,,-,,-,-,-,",
            PPK.format("Utara"),
        ),
        "badan_adhoc",
    )
    assert {(line, column) for line, column, *_ in issues(verdict)} == {
        (3, "badan"),
        (3, "kode_wilayah"),
    }


def test_bimtek_row_with_word_dates_and_known_region_is_reported():
    verdict = check(
        csv_text(
            BIMTEK,
            "33.71,PPK,M01,2024-05-20,2024-05-21,luring,15,15,15,",
            "33.71,PPK/PPS,Bimtek Sirekap,minggu ke-2 Juni,minggu ke-2 Juni,luring,,,,rencana",
        ),
        "bimtek",
    )
    assert not verdict.ok
    assert {line for line, *_ in issues(verdict)} == {3}


def test_month_first_dates_in_one_column_leave_dash_dates_day_first():
    verdict = check(
        csv_text(
            BIMTEK,
            "33.71,PPK,M01,03-06-2024,6/20/2024,luring,15,15,15,",
            "33.71,PPS,M02,10-07-2024,7/11/2024,luring,15,15,15,",
        ),
        "bimtek",
    )
    assert verdict.ok and len(verdict.warnings) == 1
    assert typed("tanggal_mulai, tanggal_selesai") == [
        (2, dt.date(2024, 6, 3), dt.date(2024, 6, 20)),
        (3, dt.date(2024, 7, 10), dt.date(2024, 7, 11)),
    ]


def test_tps_jml_row_is_a_total_with_a_warning():
    verdict = check(
        csv_text(
            BADAN,
            "33.71,KPPS,Magelang Utara,Kramat Selatan,1,7,,7,7,3,",
            "33.71,KPPS,Magelang Utara,Kramat Selatan,JML,7,,7,7,3,",
        ),
        "badan_adhoc",
    )
    assert verdict.ok and verdict.row_count == 1
    assert [(line, severity) for line, _, _, severity in issues(verdict)] == [(3, "warning")]


def test_merged_label_cells_are_filled_down():
    rows = [
        ["33.71", "PPS", "Magelang Utara", desa, None, 3, 4, 3, 3, 1, 0]
        for desa in ("Kramat Selatan", "Kramat Utara")
    ]
    verdict = check(xlsx(BADAN, rows, merges=("A2:A3", "C2:C3")), "badan_adhoc")
    assert verdict.ok
    assert typed("kode_wilayah, kecamatan") == [
        (2, "33.71", "Magelang Utara"),
        (3, "33.71", "Magelang Utara"),
    ]


def test_value_three_columns_right_of_header_is_an_error():
    verdict = check(
        csv_text(BADAN, PPK.format("Selatan") + ",,,terisi 4", PPK.format("Tengah")),
        "badan_adhoc",
    )
    assert (2, "N", "terisi 4", "error") in issues(verdict)


def test_identical_reupload_is_recognised_and_reupload_after_withdrawal_is_stored(tmp_path):
    db = Database(tmp_path / "siaga.duckdb")
    db.initialise()
    data = csv_text(PERSIAPAN, "33.71,PC01,selesai,2024-08-09,,,,").encode()
    first = ingest_bytes(db, "persiapan_pencalonan", data, AS_OF, "tester")
    again = ingest_bytes(db, "persiapan_pencalonan", data, AS_OF, "tester")
    assert again.stored.duplicate and again.stored.version_ids == first.stored.version_ids
    db.withdraw(first.stored.version_ids[0], "tester", "salah unggah")
    after = ingest_bytes(db, "persiapan_pencalonan", data, AS_OF, "tester")
    assert not after.stored.duplicate
    with db.reader() as con:
        rows = con.execute(
            "SELECT line, kode_item, status FROM persiapan_pencalonan_rows WHERE version_id = ?",
            after.stored.version_ids,
        ).fetchall()
    assert rows == [(2, "PC01", "selesai")]
