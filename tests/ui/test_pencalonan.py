"""AppTest of the Persiapan Pencalonan page on the tiny fixture (only Kota Magelang
reports its checklist, as of 20 August)."""

import pytest

from tests.ui.support import app, fixture_db, texts


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    """One fixture database for the module: the tests only read it."""
    path = tmp_path_factory.mktemp("fixture") / "siaga.duckdb"
    fixture_db(path)
    return path


def test_renders_fixture_numbers(db_path):
    at = app(db_path, page="pencalonan")
    assert not at.exception
    shown = texts(at)
    assert "H-7 menuju pendaftaran pasangan calon (27–29 Agustus 2024)." in shown
    assert "Kabupaten/kota melapor: 1 dari 35" in shown
    assert "Butir selesai: 30,0%" in shown
    matrix = at.dataframe[0].value
    magelang = matrix[matrix["Kode"] == "33.71"].iloc[0]
    assert (magelang["Selesai"], magelang["PC04"]) == ("3 dari 10", "○ Belum")
    assert matrix[matrix["Kode"] == "33.73"].iloc[0]["PC01"] == "○ Belum lapor"
    # Items due on 20 August are not overdue on 20 August.
    assert "Tidak ada butir terlambat per 20 Agustus 2024." in [s.value for s in at.success]
    assert len(at.get("plotly_chart")) == 2


def test_overdue_items_read_as_behind(db_path):
    at = app(db_path, page="pencalonan", query={"tanggal": "2024-08-21"})
    assert not at.exception
    matrix = at.dataframe[0].value
    magelang = matrix[matrix["Kode"] == "33.71"].iloc[0]
    assert (magelang["PC04"], magelang["PC06"]) == ("■ Belum ⚠ 1 hari", "○ Belum")
    assert at.dataframe[1].value["Status"].tolist()[0] == "■ Belum"
    assert "■ terlambat: batas waktu sudah lewat dan belum selesai" in texts(at)


def test_date_and_region_filters(db_path):
    at = app(db_path, page="pencalonan", query={"tanggal": "2024-08-28"})
    assert not at.exception
    assert "Pendaftaran pasangan calon sedang berlangsung: hari ke-2 dari 3" in texts(at)
    overdue = at.dataframe[1].value
    assert overdue["Butir"].tolist() == ["PC04", "PC07", "PC09", "PC03", "PC06", "PC08", "PC10"]
    assert overdue["Terlambat (hari)"].tolist()[0] == 8

    at = app(
        db_path,
        page="pencalonan",
        query={"tanggal": "2024-08-28", "wilayah": "33.73", "badan": "PPS"},
    )
    assert not at.exception
    shown = texts(at)
    assert "Filter badan tidak berlaku di halaman ini" in shown
    assert "Hanya kabupaten/kota terpilih" in shown
    assert "Tidak ada butir terlambat per 28 Agustus 2024." in [s.value for s in at.success]


def test_before_any_checklist_upload(db_path):
    at = app(db_path, page="pencalonan", query={"tanggal": "2024-08-10"})
    assert not at.exception
    assert "Belum ada kabupaten/kota yang mengunggah data persiapan pencalonan" in texts(at)


def test_empty_database_gives_guidance(tmp_path):
    at = app(tmp_path / "kosong.duckdb", page="pencalonan")
    assert not at.exception
    assert "Belum ada data yang diunggah" in texts(at)
