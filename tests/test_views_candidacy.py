"""Candidacy tables from the tiny fixture: Kota Magelang reports its checklist as of
20 August (PC01, PC02, PC05 done; PC03 in progress; PC04 not started; PC11 not applicable;
the other items missing, so 'belum'); the 34 other regencies have not reported."""

import datetime as dt

import pandas as pd
import pytest

from analytics import indicators
from analytics.views import calendar, candidacy
from tests.ui.support import fixture_db

D = dt.date


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return fixture_db(tmp_path_factory.mktemp("kandidasi") / "siaga.duckdb")


@pytest.fixture(scope="module")
def day_after(db):
    """21 August: PC04, PC07 and PC09 (due 20 August, not done) are one day overdue."""
    return indicators.compute(db, D(2024, 8, 21))


def test_status_matrix_cells(day_after):
    matrix = candidacy.status_matrix(day_after)
    assert len(matrix) == 35
    magelang = matrix.iloc[0]  # the only regency that reported, so the most behind
    assert magelang["Kode"] == "33.71"
    assert magelang["Selesai"] == "3 dari 10"  # PC11 not applicable
    assert magelang["Terlambat"] == "3"
    assert magelang["PC01"] == "● Selesai"
    assert magelang["PC03"] == "◐ Proses"  # due 23 August: not yet overdue
    # Past the deadline and not done: the tertinggal symbol, never the neutral circle.
    assert magelang["PC04"] == "■ Belum ⚠ 1 hari"
    assert magelang["PC07"] == "■ Belum ⚠ 1 hari"  # missing from the upload
    assert magelang["PC06"] == "○ Belum"  # due 24 August: not yet due, neutral
    assert magelang["PC11"] == "– Tidak berlaku"
    salatiga = matrix[matrix["Kode"] == "33.73"].iloc[0]
    assert salatiga["PC01"] == "○ Belum lapor"  # never an overdue mark without a report
    assert (salatiga["Selesai"], salatiga["Terlambat"]) == ("belum lapor", "belum lapor")


def test_cells_state_and_row_order(day_after):
    cells = candidacy.cells(day_after)
    magelang = cells[cells.kode_wilayah == "33.71"].set_index("kode_item")
    assert magelang.loc["PC04", "cell_state"] == "terlambat"
    assert magelang.loc["PC03", "cell_state"] == "proses"
    assert magelang.loc["PC04", "label"] == "Kota Magelang"
    assert cells.iloc[0].kode_wilayah == "33.71"
    assert set(cells[cells.kode_wilayah != "33.71"].cell_state) == {"belum_lapor"}
    assert candidacy.short_name("Kabupaten Cilacap") == "Kab. Cilacap"


def test_overdue_table_sorted_by_days(db):
    ind = indicators.compute(db, D(2024, 8, 28))
    table = candidacy.overdue_table(ind)
    assert table["Butir"].tolist() == ["PC04", "PC07", "PC09", "PC03", "PC06", "PC08", "PC10"]
    assert table["Terlambat (hari)"].tolist() == [8, 8, 8, 5, 4, 2, 2]
    assert set(table["Kabupaten/Kota"]) == {"Kota Magelang"}  # no one else reported
    pc04 = table.iloc[0]
    assert (pc04["Pihak ketiga"], pc04["Mitra"], pc04["Status"]) == (
        "Partai politik",
        "Partai politik",
        "■ Belum",
    )
    pc07 = table.iloc[1]
    assert (pc07["Pihak ketiga"], pc07["Mitra"]) == ("Rumah sakit; Dinas Kesehatan", "-")
    assert pc07["Batas waktu"] == "20 Agustus 2024"
    assert candidacy.overdue_table(ind, region="33.73").empty


def test_item_progress(day_after):
    table = candidacy.item_progress(day_after).set_index("Butir")
    assert table.loc["PC01", "Selesai tepat waktu"] == "100,0% (1 dari 1)"  # 9 Aug <= 10 Aug
    assert table.loc["PC04", "Selesai tepat waktu"] == "0,0% (0 dari 1)"
    assert table.loc["PC04", "Terlambat"] == 1
    assert table.loc["PC03", "Selesai tepat waktu"] == "belum jatuh tempo"
    assert table.loc["PC11", "Selesai per 21 Agustus 2024"] == "-"  # not applicable anywhere


def test_progress_series(db):
    series = indicators.compute_series(db, [D(2024, 8, 10), D(2024, 8, 21)])
    frame = candidacy.progress_series(series)
    assert frame["report_date"].tolist() == [pd.Timestamp("2024-08-10"), pd.Timestamp("2024-08-21")]
    # 10 Aug: PC01 due in all 35 regencies, nothing reported yet.
    # 21 Aug: PC01, PC02, PC04, PC05, PC07, PC09 due x 35; Magelang did PC01, PC02, PC05.
    assert frame["due_count"].tolist() == [35, 6 * 35]
    assert frame["due_done_count"].tolist() == [0, 3]
    assert frame["done_count"].tolist() == [0, 3]
    assert frame["overdue_count"].tolist() == [0, 3]


@pytest.mark.parametrize(
    ("as_of", "short", "sentence"),
    [
        (D(2024, 8, 15), "H-12", "H-12 menuju pendaftaran pasangan calon (27–29 Agustus 2024)."),
        (
            D(2024, 8, 28),
            "Hari ke-2",
            "Pendaftaran pasangan calon sedang berlangsung: hari ke-2 dari 3 (27–29 Agustus 2024).",
        ),
        (
            D(2024, 8, 30),
            "Selesai",
            "Pendaftaran pasangan calon sudah selesai sejak 29 Agustus 2024 (1 hari lalu).",
        ),
    ],
)
def test_registration_countdown(as_of, short, sentence):
    assert calendar.registration_countdown(as_of) == (short, sentence)


def test_date_range():
    assert calendar.date_range(D(2024, 8, 30), D(2024, 9, 2)) == "30 Agustus – 2 September 2024"
    assert calendar.date_range(D(2024, 9, 22), D(2024, 9, 22)) == "22 September 2024"


def test_headline(day_after):
    assert candidacy.headline(day_after) == [
        ("Kabupaten/kota melapor", "1 dari 35"),
        ("Butir selesai", "30,0%"),
        ("Butir terlambat", "3"),
        ("Pendaftaran pasangan calon", "H-6"),
    ]


def test_item_status_text():
    assert candidacy.item_status_text("belum") == "○ Belum"
    assert candidacy.item_status_text("belum", overdue=True) == "■ Belum"
    assert candidacy.item_status_text("proses", overdue=True) == "■ Proses"
    assert candidacy.item_status_text("selesai") == "● Selesai"
