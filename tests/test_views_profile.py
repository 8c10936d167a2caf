"""Regency profile tables from the tiny fixture (Kota Magelang 33.71 reports; Kota
Salatiga 33.73 and the others do not) and from small hand-made frames."""

import dataclasses
import datetime as dt
import math
import re
from types import SimpleNamespace

import pandas as pd
import pytest

from analytics import formatting as fmt
from analytics import indicators, region_detail
from analytics.views import profile
from analytics.views import training as views_training
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
    # No Pantarlih unit anywhere, but Pantarlih was due to be sworn in on 24 June: its rows
    # are shown, at 0%. KPPS (no unit, due in November) is left out; so is its bimtek.
    assert list(table.index) == [
        "Indeks kesiapan",
        "PPK keterisian", "PPK dilantik", "PPK perempuan", "PPK rasio pendaftar",
        "PPK cakupan unit",
        "PPS keterisian", "PPS dilantik", "PPS perempuan", "PPS rasio pendaftar",
        "PPS cakupan unit",
        "Pantarlih keterisian", "Pantarlih dilantik", "Pantarlih perempuan",
        "Pantarlih rasio pendaftar", "Pantarlih cakupan unit",
        "Bimtek PPK (jatuh tempo)", "Bimtek PPK (semua materi)",
        "Bimtek PPS (jatuh tempo)", "Bimtek PPS (semua materi)",
        "Bimtek Pantarlih (jatuh tempo)", "Bimtek Pantarlih (semua materi)",
        "Pencalonan (semua butir)", "Pencalonan (jatuh tempo)",
        "Butir pencalonan terlambat",
    ]  # fmt: skip
    magelang = table["Kota Magelang"]
    assert magelang["PPK perempuan"] == "33,3%"  # 5 of 15
    assert magelang["PPS dilantik"] == "66,7%"  # 6 of 9
    assert magelang["PPS rasio pendaftar"] == "2,00×"  # 18 applicants for 9 seats
    assert magelang["PPS cakupan unit"] == "17,6%"  # 3 of 17 desa/kelurahan
    # Due by 20 Aug: M01, M02, M03, M09 -> (1 + 0,8 + 14/15 + 0) / 4; all: the same / 9.
    assert magelang["Bimtek PPK (jatuh tempo)"] == "68,3%"
    assert magelang["Bimtek PPK (semua materi)"] == "30,4%"
    assert magelang["Bimtek PPS (jatuh tempo)"] == "25,0%"  # 1 of the 4 due modules
    assert magelang["Bimtek PPS (semua materi)"] == "14,3%"  # 1 of 7 modules
    assert magelang["Bimtek Pantarlih (jatuh tempo)"] == "0,0%"  # due in July, not started
    assert magelang["Pantarlih dilantik"] == "0,0%"  # reported, no unit, due 24 June
    assert magelang["Pantarlih perempuan"] == "-"
    assert magelang["Pencalonan (semua butir)"] == "30,0%"  # 3 of 10 applicable
    assert magelang["Pencalonan (jatuh tempo)"] == "50,0%"  # 3 of 6 due by 20 Aug
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
    assert "Bimtek PPS (semua materi)" in set(frame["label"])
    chart = frame[frame["in_chart"]]
    assert chart["label"].tolist() == [  # of the two bimtek measures, only the judged one
        "Indeks kesiapan",
        "PPS dilantik",
        "PPS perempuan",
        "Bimtek PPS (jatuh tempo)",
        "Pencalonan (jatuh tempo)",
    ]
    # Each bar in its readiness category: the index in the regency's own; a judged rate by
    # its band (66,7% ▲, 25,0% and 50,0% ■); the women's share (a target) in none.
    assert chart["category"].tolist() == [
        "tertinggal", "perlu_perhatian", None, "tertinggal", "tertinggal",
    ]  # fmt: skip
    assert frame.loc[~frame["in_chart"], "category"].isna().all()


def test_bimtek_not_due_yet_reads_belum_jatuh_tempo(ind):
    # As if no PPS module were due yet: the judged measure has no value, and says why.
    training = ind.training.copy()
    pps = training["badan"] == "PPS"
    training.loc[pps, "due_module_count"] = 0
    training.loc[pps, "training_due_completion"] = float("nan")
    early = dataclasses.replace(ind, training=training)
    frame = profile.comparison_frame(early, "33.71", body="PPS")
    table = profile.comparison_table(frame, "Kota Magelang").set_index("Indikator")
    assert table.loc["Bimtek PPS (jatuh tempo)", "Kota Magelang"] == "belum jatuh tempo"
    assert table.loc["Bimtek PPS (semua materi)", "Kota Magelang"] == "14,3%"
    assert table.loc["Bimtek PPS (jatuh tempo)", "Median provinsi"] == "-"


def test_comparison_note_defines_both_measures():
    note = profile.comparison_note()
    assert note.startswith("Median dari kabupaten/kota yang melapor; ")
    assert note.endswith(views_training.measures_caption())


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
        ("Badan ad hoc", "✓ Tepat waktu · data per 15 Agustus 2024"),
        ("Bimtek", "▲ Terlambat · data per 1 Agustus 2024"),
        ("Persiapan pencalonan", "✓ Tepat waktu · data per 20 Agustus 2024"),
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
        ("33.71", f"Kota Magelang · ■ Tertinggal · indeks {fmt.number(index, 1)}"),
        ("33.01", "Kabupaten Cilacap · ○ Belum lapor"),
        ("33.02", "Kabupaten Banyumas · ○ Belum lapor"),
    ]


def test_most_behind_follows_the_category_before_the_index():
    readiness = pd.DataFrame(
        {
            "kode_wilayah": ["33.01", "33.02", "33.03"],
            "nama": ["Kabupaten Cilacap", "Kabupaten Banyumas", "Kabupaten Purbalingga"],
            "readiness_index": [80.0, 94.7, 97.0],
            "category": ["perlu_perhatian", "tertinggal", "siap"],
        }
    )
    behind = profile.most_behind(SimpleNamespace(readiness=readiness), 2)
    assert behind == [
        ("33.02", "Kabupaten Banyumas · ■ Tertinggal · indeks 94,7"),
        ("33.01", "Kabupaten Cilacap · ▲ Perlu perhatian · indeks 80,0"),
    ]


def test_trend_frames(db):
    series = indicators.compute_series(db, [D(2024, 7, 25), D(2024, 8, 1), D(2024, 8, 20)])
    ready, sworn = profile.trend_frames(series, "33.71")
    assert math.isnan(ready["readiness_index"].iloc[0])  # nothing reported on 25 July
    assert ready["median"].iloc[2] == pytest.approx(ready["readiness_index"].iloc[2])
    ppk = sworn[sworn.badan == "PPK"]["sworn_in_rate"].tolist()
    assert math.isnan(ppk[0]) and ppk[1:] == pytest.approx([14 / 15, 1.0])
    # No Pantarlih unit on any date, but due since 24 June: 0% from the first report on.
    pantarlih = sworn[sworn.badan == "PANTARLIH"]["sworn_in_rate"].tolist()
    assert math.isnan(pantarlih[0]) and pantarlih[1:] == [0.0, 0.0]
    assert set(sworn.badan) == {"PPK", "PPS", "PANTARLIH"}  # KPPS not due: no line
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
        "■ Belum",  # overdue: the tertinggal symbol
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
    assert re.fullmatch(r"\d{1,2} \w+ \d{4} \d{2}\.\d{2} WIB", table["Waktu unggah"].iloc[0])
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
    assert table["Waktu unggah"].tolist() == [
        "16 Agustus 2024 16.05 WIB",
        "2 Agustus 2024 21.30 WIB",
    ]
