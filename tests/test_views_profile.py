"""Regency profile tables from the tiny fixture (Kota Magelang 33.71 reports; Kota
Salatiga 33.73 and the others do not) and from small hand-made frames."""

import datetime as dt
import math
import re

import pandas as pd
import pytest

from analytics import formatting as fmt
from analytics import indicators, region_detail
from analytics.views import profile
from tests.ui.support import fixture_db

D = dt.date


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return fixture_db(tmp_path_factory.mktemp("profil") / "siaga.duckdb")


@pytest.fixture(scope="module")
def ind(db):
    """20 August: badan ad hoc of 15 August, bimtek of 1 August, checklist of 20 August."""
    return indicators.compute(db, D(2024, 8, 20))


def test_comparison_table_magelang(ind):
    frame = profile.comparison_frame(ind, "33.71")
    table = profile.comparison_table(frame, "Kota Magelang").set_index("Indikator")
    # No Pantarlih or KPPS units anywhere in the province: those rows are left out.
    assert list(table.index) == [
        "Indeks kesiapan",
        "PPK keterisian", "PPK dilantik", "PPK perempuan", "PPK rasio pendaftar",
        "PPK cakupan unit",
        "PPS keterisian", "PPS dilantik", "PPS perempuan", "PPS rasio pendaftar",
        "PPS cakupan unit",
        "Bimtek PPK tuntas", "Bimtek PPS tuntas",
        "Butir pencalonan selesai", "Butir jatuh tempo yang selesai",
        "Butir pencalonan terlambat",
    ]  # fmt: skip
    magelang = table["Kota Magelang"]
    assert magelang["PPK perempuan"] == "33,3%"  # 5 of 15
    assert magelang["PPS dilantik"] == "66,7%"  # 6 of 9
    assert magelang["PPS rasio pendaftar"] == "2,00×"  # 18 applicants for 9 seats
    assert magelang["PPS cakupan unit"] == "17,6%"  # 3 of 17 desa/kelurahan
    assert magelang["Bimtek PPK tuntas"] == "30,4%"  # (1 + 0,8 + 14/15) / 9 modules
    assert magelang["Bimtek PPS tuntas"] == "14,3%"  # 1 of 7 modules
    assert magelang["Butir pencalonan selesai"] == "30,0%"  # 3 of 10 applicable
    assert magelang["Butir jatuh tempo yang selesai"] == "50,0%"  # 3 of 6 due by 20 Aug
    # The only reporting regency is its own median.
    assert table.loc["PPK perempuan", "Median provinsi"] == "33,3%"
    assert table.loc["PPK perempuan", "Selisih"] == "sama"
    assert table.loc["PPK perempuan", "Sasaran"] == "≥ 30%"
    assert table.loc["PPS rasio pendaftar", "Sasaran"] == "≥ 2,0×"
    assert table.loc["PPK dilantik", "Sasaran"] == ""


def test_comparison_for_a_regency_that_has_not_reported(ind):
    frame = profile.comparison_frame(ind, "33.73")
    table = profile.comparison_table(frame, "Kota Salatiga").set_index("Indikator")
    assert set(table["Kota Salatiga"]) == {"belum lapor"}  # never 0
    assert table.loc["PPS dilantik", "Median provinsi"] == "66,7%"
    assert table.loc["PPS dilantik", "Selisih"] == "-"
    assert not frame["is_reported"].any()


def test_comparison_narrowed_to_one_body(ind):
    frame = profile.comparison_frame(ind, "33.71", body="PPS")
    assert not frame["label"].str.startswith("PPK").any()
    assert "Bimtek PPS tuntas" in set(frame["label"])
    chart = frame[frame["in_chart"]]["label"].tolist()
    assert chart == [
        "PPS dilantik",
        "PPS perempuan",
        "Bimtek PPS tuntas",
        "Butir jatuh tempo yang selesai",
    ]


def test_difference_wording():
    frame = pd.DataFrame(
        {
            "label": ["a", "b", "c", "d"],
            "kind": ["rate", "ratio", "index", "count"],
            "value": [0.85, 1.5, 70.0, 4.0],
            "median": [0.80, 1.75, 72.5, 1.0],
            "target": [None, 2.0, None, None],
            "is_reported": [True, True, True, True],
        }
    )
    table = profile.comparison_table(frame, "X")
    assert table["X"].tolist() == ["85,0%", "1,50×", "70,0", "4"]
    assert table["Selisih"].tolist() == ["+5,0 poin", "−0,25", "−2,5", "+3"]


def test_headline_and_reporting(ind):
    magelang = ind.readiness.set_index("kode_wilayah").loc["33.71"]
    assert profile.headline(ind, "33.71") == [
        ("Indeks kesiapan", fmt.number(magelang.readiness_index, 1)),
        ("Kategori", "■ Tertinggal"),
        ("Peringkat provinsi", "1 dari 1"),
        ("Butir pencalonan terlambat", "0"),
    ]
    assert profile.headline(ind, "33.73") == [
        ("Indeks kesiapan", "belum lapor"),
        ("Kategori", "○ Belum lapor"),
        ("Peringkat provinsi", "-"),
        ("Butir pencalonan terlambat", "belum lapor"),
    ]
    assert profile.reporting_status(ind, "33.71") == [
        ("Badan ad hoc", "● Tepat waktu · data per 15 Agustus 2024"),
        ("Bimtek", "▲ Terlambat · data per 1 Agustus 2024"),
        ("Persiapan pencalonan", "● Tepat waktu · data per 20 Agustus 2024"),
    ]
    assert profile.has_reported(ind, "33.71") and not profile.has_reported(ind, "33.73")
    assert profile.missing_datasets(ind, "33.73") == [
        "Badan ad hoc",
        "Bimtek",
        "Persiapan pencalonan",
    ]
    assert profile.dataset_reported(ind, "33.71", "bimtek")
    assert profile.body_has_units(ind, "33.71", "PPS")
    assert not profile.body_has_units(ind, "33.71", "PANTARLIH")  # reported, but no unit
    assert profile.region_name(ind, "33.73") == "Kota Salatiga"


def test_most_behind_lists_reporters_first(ind):
    behind = profile.most_behind(ind, 3)
    index = ind.readiness.set_index("kode_wilayah").loc["33.71", "readiness_index"]
    assert behind == [
        ("33.71", f"Kota Magelang · ■ Tertinggal {fmt.number(index, 1)}"),
        ("33.01", "Kabupaten Cilacap · ○ Belum lapor"),
        ("33.02", "Kabupaten Banyumas · ○ Belum lapor"),
    ]


def test_trend_frames(db):
    series = indicators.compute_series(db, [D(2024, 7, 25), D(2024, 8, 1), D(2024, 8, 20)])
    ready, sworn = profile.trend_frames(series, "33.71")
    assert math.isnan(ready["readiness_index"].iloc[0])  # nothing reported on 25 July
    assert ready["median"].iloc[2] == pytest.approx(ready["readiness_index"].iloc[2])
    ppk = sworn[sworn.badan == "PPK"]["sworn_in_rate"].tolist()
    assert math.isnan(ppk[0]) and ppk[1:] == pytest.approx([14 / 15, 1.0])
    assert set(sworn.badan) == {"PPK", "PPS"}  # no Pantarlih unit on any date: no line at 0
    _, pps = profile.trend_frames(series, "33.71", body="PPS")
    assert set(pps.badan) == {"PPS"}
    assert pps["sworn_in_rate"].tolist()[1:] == pytest.approx([5 / 6, 2 / 3])


def test_kecamatan_table(db):
    gaps = region_detail.kecamatan_gaps(db, "33.71", D(2024, 8, 15))
    table = profile.kecamatan_table(gaps)
    assert table.iloc[0].tolist() == ["Magelang Selatan", "PPS", "3", "9", "9", "6", "0", "3", ""]
    assert table.iloc[1].tolist() == [
        "Magelang Tengah", "PPS", "0", "-", "-", "-", "-", "-", "unit belum dilaporkan",
    ]  # fmt: skip
    assert profile.kecamatan_table(gaps, body="PPK").empty


def test_checklist_table(db):
    ind = indicators.compute(db, D(2024, 8, 21))
    table = profile.checklist_table(ind, "33.71").set_index("Butir")
    assert len(table) == 11
    assert table.loc["PC04"][["Status", "Terlambat", "Mitra", "Tanggal selesai"]].tolist() == [
        "○ Belum",
        "⚠ 1 hari",
        "Partai politik",
        "-",
    ]
    assert table.loc["PC01", "Tanggal selesai"] == "9 Agustus 2024"
    assert table.loc["PC01", "Terlambat"] == ""
    assert table.loc["PC07", "Pihak ketiga (acuan)"] == "Rumah sakit; Dinas Kesehatan"


def test_history_table_hides_later_versions(db):
    history = region_detail.upload_history(db, "33.71", D(2024, 8, 10))
    table = profile.history_table(history, D(2024, 8, 10))
    assert table["Dataset"].tolist() == ["Bimtek", "Badan ad hoc"]
    assert set(table["Data per"]) == {"1 Agustus 2024"}
    assert set(table["Status"]) == {"● Berlaku"}
    assert set(table["Diunggah oleh"]) == {"uji"}
    assert re.fullmatch(r"\d{1,2} \w+ \d{4} \d{2}\.\d{2}", table["Waktu unggah"].iloc[0])
    assert profile.later_version_count(history, D(2024, 8, 10)) == 2


def test_history_status_words():
    frame = pd.DataFrame(
        {
            "version_id": [7, 5],
            "dataset": ["badan_adhoc", "badan_adhoc"],
            "data_as_of": pd.to_datetime(["2024-08-15", "2024-08-01"]),
            "uploaded_by": ["operator-3371", "admin"],
            "uploaded_at": pd.to_datetime(["2024-08-16 09:05", "2024-08-02 14:30"]),
            "row_count": [1489, 5],
            "warning_count": [2, 0],
            "withdrawn_by": ["admin", None],
            "withdrawn_reason": ["salah berkas", None],
            "version_status": ["ditarik", "berlaku"],
        }
    )
    table = profile.history_table(frame, D(2024, 8, 20))
    assert table["Status"].tolist() == ["✕ Ditarik oleh admin: salah berkas", "● Berlaku"]
    assert table["Baris"].tolist() == ["1.489", "5"]
    assert table["Waktu unggah"].tolist() == ["16 Agustus 2024 09.05", "2 Agustus 2024 14.30"]
