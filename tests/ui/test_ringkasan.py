"""AppTest of app.py and the Ringkasan Provinsi page on the tiny fixture."""

from tests.ui.support import app, fixture_db, texts


def test_renders_fixture_numbers(tmp_path):
    fixture_db(tmp_path / "siaga.duckdb")
    at = app(tmp_path / "siaga.duckdb")
    assert not at.exception
    shown = texts(at)
    assert "Data per **20 Agustus 2024**" in shown  # latest as-of date by default
    assert "Kabupaten/kota melapor: 1 dari 35" in shown
    table = at.dataframe[0].value
    magelang = table[table["Kode"] == "33.71"].iloc[0]
    assert magelang["PPK dilantik"] == "100,0%"  # 15/15 in the 15 August version
    salatiga = table[table["Kode"] == "33.73"].iloc[0]
    assert salatiga["PPK dilantik"] == "belum lapor"


def test_date_filter_from_url_changes_numbers(tmp_path):
    fixture_db(tmp_path / "siaga.duckdb")
    at = app(tmp_path / "siaga.duckdb", query={"tanggal": "2024-08-10"})
    assert not at.exception
    table = at.dataframe[0].value
    magelang = table[table["Kode"] == "33.71"].iloc[0]
    assert magelang["PPK dilantik"] == "93,3%"  # 14/15 in the 1 August version
    assert at.query_params["tanggal"] == "2024-08-10"


def test_empty_database_gives_guidance(tmp_path):
    at = app(tmp_path / "kosong.duckdb")
    assert not at.exception
    assert "Belum ada data yang diunggah" in texts(at)
