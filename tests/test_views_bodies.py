"""Badan Ad Hoc views on the tiny fixture (only Kota Magelang 33.71 reports).

On 21 August the version of 15 August is in force: PPK 15 seats, 15 appointed, 15 sworn in,
5 women, 30 applicants, 3 of 3 kecamatan; PPS 9 seats, 9 appointed, 6 sworn in, 4 women,
18 applicants, 3 of 17 desa/kelurahan. On 10 August the version of 1 August: PPS 6 seats,
5 appointed and sworn in, 2 women, 2 of 17 units.
"""

import datetime as dt
import io

import pandas as pd
import pytest

from analytics import indicators
from analytics.views import bodies
from tests.ui.support import fixture_db


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return fixture_db(tmp_path_factory.mktemp("bodies") / "siaga.duckdb")


@pytest.fixture(scope="module")
def ind(db):
    return indicators.compute(db, dt.date(2024, 8, 21))


def by_code(frame: pd.DataFrame, code: str) -> pd.Series:
    return frame.set_index(frame.columns[0]).loc[code]


def test_body_frame_splits_and_statuses(ind):
    frame = bodies.body_frame(ind, "PPS").set_index("kode_wilayah")
    assert len(frame) == 35
    magelang = frame.loc["33.71"]
    assert magelang.status == bodies.REPORTED
    assert (magelang.kebutuhan, magelang.terisi, magelang.dilantik) == (9, 9, 6)
    assert (magelang.ditetapkan_belum_dilantik, magelang.kosong) == (3, 0)
    assert magelang.label == "Kota Magelang"
    salatiga = frame.loc["33.73"]
    assert salatiga.status == bodies.NOT_REPORTED and pd.isna(salatiga.sworn_in_rate)
    assert frame.loc["33.01", "label"] == "Kab. Cilacap"
    # Reported, but no Pantarlih unit although Pantarlih was due to be sworn in on 24 June
    # (data/indikator.toml): 0% filled and sworn in, as the readiness index counts it.
    pantarlih = bodies.body_frame(ind, "PANTARLIH").set_index("kode_wilayah").loc["33.71"]
    assert pantarlih.status == bodies.NO_UNITS_OVERDUE and pantarlih.is_due
    assert (pantarlih.sworn_in_rate, pantarlih.fill_rate) == (0.0, 0.0)
    assert pd.isna(pantarlih.women_share) and pd.isna(pantarlih.applicant_ratio)
    # Reported, no KPPS unit, KPPS not due before 7 November: no rate at all (not 0%).
    kpps = bodies.body_frame(ind, "KPPS").set_index("kode_wilayah").loc["33.71"]
    assert kpps.status == bodies.NO_UNITS and not kpps.is_due and pd.isna(kpps.sworn_in_rate)


def test_has_units_and_empty_body_message(ind):
    assert bodies.has_units(ind, "PPK") and not bodies.has_units(ind, "KPPS")
    # No Pantarlih unit anywhere, but one is overdue: the page draws it, not a message.
    assert bodies.has_overdue(ind, "PANTARLIH") and not bodies.has_overdue(ind, "KPPS")
    assert bodies.sworn_in_due("PANTARLIH") == dt.date(2024, 6, 24)
    assert bodies.empty_body_message(ind, "KPPS") == (
        "Belum ada data KPPS per 21 Agustus 2024: belum ada kabupaten/kota yang melaporkan "
        "satu pun unit KPPS (TPS). Jadwal tahapan — Pendaftaran KPPS (17 September 2024 s.d. "
        "28 September 2024); Pelantikan KPPS (7 November 2024)."
    )
    assert bodies.schedule_sentence("PPK") == "Pelantikan PPK (16 Mei 2024)"


def test_province_metrics(ind):
    metrics = {label: value for label, value, _ in bodies.province_metrics(ind, "PPS")}
    assert metrics == {
        "Kab/kota melapor": "1/35",
        "Kebutuhan": "9",
        "Terisi": "100,0%",
        "Dilantik": "66,7%",
        "Perempuan": "44,4%",
        "Rasio pendaftar": "2,00×",
        "Cakupan unit": "17,6%",  # 3 of the 17 desa/kelurahan of the one reporting regency
    }
    helps = {label: text for label, _, text in bodies.province_metrics(ind, "PPS")}
    assert helps["Dilantik"] == "6 dari 9 kursi sudah dilantik."
    assert helps["Cakupan unit"] == "3 dari 17 desa/kelurahan di kabupaten/kota yang melapor."


def test_region_sentence(ind):
    assert bodies.region_sentence(ind, "PPS", "33.71") == (
        "**Kota Magelang** (data per 15 Agustus 2024): 6 dari 9 PPS dilantik (66,7%), "
        "0 kursi kosong, perempuan 44,4%, pendaftar 2,00× kebutuhan, cakupan 3 dari 17 "
        "desa/kelurahan."
    )
    assert bodies.region_sentence(ind, "PPS", "33.73") == (
        "**Kota Salatiga** belum lapor data badan ad hoc per 21 Agustus 2024."
    )
    assert bodies.region_sentence(ind, "PANTARLIH", "33.71") == (
        "**Kota Magelang** sudah melapor (data per 15 Agustus 2024), tetapi belum ada unit "
        "Pantarlih, padahal pelantikan Pantarlih jatuh tempo 24 Juni 2024: dilantik 0% "
        "(■ tertinggal)."
    )
    assert bodies.region_sentence(ind, "KPPS", "33.71") == (
        "**Kota Magelang** sudah melapor (data per 15 Agustus 2024), tetapi belum ada unit KPPS."
    )


def test_coverage_sentence_only_when_complete(ind):
    assert bodies.coverage_sentence(bodies.body_frame(ind, "PPK"), "PPK") == (
        "Cakupan lengkap: 1 kabupaten/kota yang melapor mencakup semua kecamatan (3 dari 3)."
    )
    assert bodies.coverage_sentence(bodies.body_frame(ind, "PPS"), "PPS") is None


def test_export_keeps_numbers_and_leaves_not_reported_empty(ind):
    export = bodies.body_export(ind, "PPS")
    assert list(export.columns[:5]) == ["Kode", "Kabupaten/Kota", "Badan", "Status", "Data per"]
    magelang = by_code(export, "33.71")
    assert magelang["Status"] == "lapor" and magelang["Data per"] == "2024-08-15"
    assert magelang["Dilantik"] == 6 and magelang["Ditetapkan belum dilantik"] == 3
    assert (
        magelang["Dilantik dari kebutuhan (%)"] == 66.7
        and magelang["Keterwakilan perempuan (%)"] == 44.4
    )
    assert magelang["Cakupan unit (%)"] == 17.6 and magelang["Rasio pendaftar (×)"] == 2.0
    salatiga = by_code(export, "33.73")
    assert salatiga["Status"] == "belum lapor"
    assert pd.isna(salatiga["Kebutuhan"]) and pd.isna(salatiga["Dilantik dari kebutuhan (%)"])
    assert salatiga["Unit diharapkan"] == 23  # reference count, known without a report


def test_overdue_body_reads_zero_in_the_table(ind):
    magelang = by_code(bodies.body_table(ind, "PANTARLIH"), "33.71")
    assert magelang["Status"] == "belum ada unit (terlambat)"
    assert magelang["Dilantik dari kebutuhan"] == "0,0%"
    assert magelang["Keterwakilan perempuan"] == "-"
    assert by_code(bodies.body_table(ind, "KPPS"), "33.71")["Status"] == "belum ada unit"


def test_display_table_says_belum_lapor(ind):
    table = bodies.body_table(ind, "PPS")
    magelang = by_code(table, "33.71")
    assert (magelang["Dilantik"], magelang["Dilantik dari kebutuhan"]) == ("6", "66,7%")
    assert magelang["Keterwakilan perempuan"] == "44,4%"
    assert magelang["Rasio pendaftar"] == "2,00×"
    assert magelang["Data per"] == "15 Agustus 2024"
    salatiga = by_code(table, "33.73")
    assert salatiga["Kebutuhan"] == "belum lapor" and salatiga["Dilantik"] == "belum lapor"


def test_csv_opens_in_indonesian_excel(ind):
    data = bodies.csv_bytes(bodies.body_export(ind, "PPS"))
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM
    text = data.decode("utf-8-sig")
    header, first = text.split("\r\n")[:2]
    assert header.startswith("Kode;Kabupaten/Kota;Badan;Status;Data per;")
    assert "Rasio pendaftar (×)" in header
    magelang = next(line for line in text.split("\r\n") if line.startswith("33.71;"))
    assert ";66,7;" in magelang and ";44,4;" in magelang  # decimal comma
    back = pd.read_csv(io.StringIO(text), sep=";", decimal=",", dtype={"Kode": str})
    assert len(back) == 35
    assert back.set_index("Kode").loc["33.71", "Dilantik dari kebutuhan (%)"] == 66.7
    assert bodies.csv_file_name("badan_adhoc", "PPS", ind.as_of) == (
        "siaga_badan_adhoc_pps_2024-08-21.csv"
    )


def test_earlier_date_uses_the_earlier_version(db):
    ind = indicators.compute(db, dt.date(2024, 8, 10))
    magelang = bodies.body_frame(ind, "PPS").set_index("kode_wilayah").loc["33.71"]
    assert (magelang.kebutuhan, magelang.terisi, magelang.kosong) == (6, 5, 1)
