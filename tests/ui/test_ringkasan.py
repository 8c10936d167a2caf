"""AppTest of app.py and the Ringkasan Provinsi page on the tiny fixture."""

import datetime as dt
import json

import pytest
from streamlit import dataframe_util

from analytics import formatting as fmt
from analytics import indicators
from analytics.storage import Database
from tests.ui.support import app, fixture_db, texts


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("ringkasan") / "siaga.duckdb"
    fixture_db(path)
    return path


@pytest.fixture(scope="module")
def default_at(db_path):
    """The page with no filter (latest date: 20 August 2024), run once for reading."""
    return app(db_path)


def shown(frame_element):
    """The text a styled st.dataframe shows in each cell (Styler display values)."""
    raw = frame_element.proto.arrow_data.styler.display_values
    return dataframe_util.convert_arrow_bytes_to_pandas_df(raw)


def metrics(at) -> dict:
    return {m.label: m for m in at.metric}


def test_renders_fixture_numbers(default_at):
    at = default_at
    assert not at.exception
    page = texts(at)
    assert "Data per **20 Agustus 2024**" in page  # latest as-of date by default
    assert "Kabupaten/kota melapor: 1 dari 35" in page
    card = at.dataframe[0].value
    magelang = card[card["Kode"] == "33.71"].iloc[0]
    assert magelang["PPK dilantik"] == pytest.approx(100.0)  # 15/15 in the 15 August version
    display = shown(at.dataframe[0])
    assert display[display["Kode"] == "33.71"].iloc[0]["PPK dilantik"] == "● 100,0%"
    assert display[display["Kode"] == "33.73"].iloc[0]["PPK dilantik"] == "○ belum lapor"


def test_headline_numbers_and_weekly_change_equal_the_summary(default_at, db_path):
    at = default_at
    db = Database(db_path)
    now = indicators.summary(indicators.compute(db, dt.date(2024, 8, 20)))["provinsi"]
    before = indicators.summary(indicators.compute(db, dt.date(2024, 8, 13)))["provinsi"]
    mean = metrics(at)["Indeks rata-rata"]
    assert mean.value == fmt.number(now["indeks_kesiapan_rata_rata"], 1)
    # The change between the two numbers as shown (48,2 now, 34,4 a week earlier).
    shown_now = round(now["indeks_kesiapan_rata_rata"], 1)
    shown_before = round(before["indeks_kesiapan_rata_rata"], 1)
    assert (shown_now, shown_before) == (48.2, 34.4)
    assert mean.proto.delta == f"+{fmt.number(shown_now - shown_before, 1)} poin" == "+13,8 poin"
    pps = metrics(at)["PPS dilantik"]
    assert pps.value == fmt.percent(now["badan"]["PPS"]["sworn_in_rate"])
    assert metrics(at)["KPPS dilantik"].proto.delta == "belum dibentuk"


def test_attention_list_names_what_and_since_when(default_at):
    at = default_at
    attention = at.table[0].value
    assert len(attention) == 35  # Magelang is tertinggal, the 34 others belum lapor
    first = attention.iloc[0]
    assert first["Kabupaten/Kota"] == "Kota Magelang"
    assert first["Kesiapan"].startswith("■ Tertinggal ")
    assert "Pencalonan (jatuh tempo) 50,0% sejak 13 Agustus" in first["Belum siap pada"]
    assert first["Pelaporan"] == "▲ Bimtek terlambat sejak 9 Agustus"  # data of 1 August
    second = attention.iloc[1]
    assert second["Kesiapan"] == "○ Belum lapor"
    assert "○ Badan ad hoc belum lapor sejak 26 April" in second["Pelaporan"]


def test_countdown_and_reporting_status(default_at):
    at = default_at
    page = texts(at)
    assert "## H-4" in page  # 24 August, announcement of candidate registration
    assert "**Pengumuman pendaftaran pasangan calon**  \n24 Agustus 2024" in page
    assert "35 kabupaten/kota belum lengkap: 102 jenis data belum lapor, 1 terlambat." in page
    problems = shown(at.dataframe[1])
    magelang = problems[problems["Kode"] == "33.71"].iloc[0]
    assert magelang["Bimtek"] == "▲ 1 Agustus 2024 (19 hari) · uji"
    assert magelang["Badan ad hoc"] == "✓ 15 Agustus 2024 · uji"


def test_date_filter_from_url_changes_numbers(db_path):
    at = app(db_path, query={"tanggal": "2024-08-10"})
    assert not at.exception
    card = at.dataframe[0].value
    magelang = card[card["Kode"] == "33.71"].iloc[0]
    assert magelang["PPK dilantik"] == pytest.approx(100 * 14 / 15)  # 1 August version
    assert at.query_params["tanggal"] == "2024-08-10"


def test_body_and_region_filters(db_path):
    at = app(db_path, query={"badan": "PPS", "wilayah": "33.73"})
    assert not at.exception
    assert [m.label for m in at.metric][5:] == [
        "PPS terisi", "PPS dilantik", "Perempuan di PPS", "Bimtek PPS (jatuh tempo)",
        "Pendaftar per kursi PPS", "Berisiko terlambat",
    ]  # fmt: skip
    display = shown(at.dataframe[0])
    assert display.iloc[0]["Kabupaten/Kota"] == "➤ Kota Salatiga"  # chosen regency on top
    assert "PPS terisi" in display.columns
    magelang = display[display["Kode"] == "33.71"].iloc[0]
    assert magelang["PPS terisi"] == "● 100,0%"  # 9/9 in the 15 August version
    tile_map = json.loads(at.get("plotly_chart")[0].proto.spec)
    (frame,) = tile_map["layout"]["shapes"]
    assert frame["line"]["width"] == 5  # Salatiga framed on the tile map


def test_empty_database_gives_guidance(tmp_path):
    at = app(tmp_path / "kosong.duckdb")
    assert not at.exception
    assert "Belum ada data yang diunggah" in texts(at)
