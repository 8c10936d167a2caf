"""AppTest of the Bimtek page on the tiny fixture (only Kota Magelang 33.71 reports).

Kota Magelang's PPK: M01 15/15, M02 12/15, M03 14/15 of 9 required modules -> 30,4%;
attendance 44 of 45 (97,8%), 41 completed (91,1%).
"""

import json

import pytest

from tests.ui.support import app, fixture_db, texts


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("bimtek") / "siaga.duckdb"
    fixture_db(path)
    return path


def figures(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def titles(at) -> list[str]:
    return [f["layout"]["title"]["text"] for f in figures(at)]


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_default_shows_matrix_summary_and_ppk(db_path):
    at = app(db_path, page="bimtek")
    assert not at.exception
    assert [t.label for t in at.tabs] == ["PPK", "PPS", "Pantarlih", "KPPS"]
    assert titles(at) == [
        "Penuntasan materi jatuh tempo",
        "Penuntasan per materi wajib (PPK)",
        "Kehadiran PPK<br>Provinsi",
        "Kabupaten/kota yang memulai kegiatan PPK, per minggu",
    ]
    summary = at.dataframe[0].value.set_index("Badan")
    assert summary.loc["PPK", "Penuntasan"] == "30,4%"
    assert summary.loc["PPS", "Penuntasan"] == "14,3%"
    assert summary.loc["KPPS", "Penuntasan"] == "belum dimulai"
    shown = metrics(at)
    assert (shown["Penuntasan"], shown["Materi berjalan"]) == ("30,4%", "3/9")
    assert (shown["Hadir"], shown["Tuntas"]) == ("97,8%", "91,1%")
    table = at.dataframe[1].value.set_index("Kode")
    assert table.loc["33.71", "M02"] == "80,0%"
    assert table.loc["33.73", "Penuntasan"] == "belum lapor"
    matrix = figures(at)[0]["data"][1]  # the cell texts
    assert "▲ 68%" in matrix["text"] and "○" in matrix["text"]  # modules due by 20 Aug
    (download,) = at.get("download_button")
    assert download.proto.label == "Unduh tabel (CSV untuk Excel)"


def test_region_filter_shows_its_timeline_and_funnel(db_path):
    query = {"badan": "PPK", "wilayah": "33.71", "tanggal": "2024-08-21"}
    at = app(db_path, page="bimtek", query=query)
    assert not at.exception
    assert not at.tabs
    assert titles(at)[1:] == [
        "Penuntasan per materi wajib (PPK)",
        "Kehadiran PPK<br>Kota Magelang",
        "Jadwal kegiatan PPK · Kota Magelang",
    ]
    funnel = figures(at)[2]["data"][0]
    assert funnel["x"] == [45, 44, 41]
    highlighted = figures(at)[0]["data"][0]["y"]
    assert "<b>▶ Kota Magelang</b>" in highlighted


def test_not_reported_region_and_body_without_activity(db_path):
    at = app(db_path, page="bimtek", query={"badan": "PPK", "wilayah": "33.73"})
    assert not at.exception
    shown = texts(at)
    assert "Kota Salatiga: belum ada target peserta bimtek PPK." in shown
    assert "Kota Salatiga belum melaporkan kegiatan bimtek PPK." in shown
    at = app(db_path, page="bimtek", query={"badan": "KPPS"})
    assert not at.exception
    assert "Belum ada kegiatan bimtek KPPS per 20 Agustus 2024" in texts(at)


def test_empty_database_gives_guidance(tmp_path):
    at = app(tmp_path / "kosong.duckdb", page="bimtek")
    assert not at.exception
    assert "Belum ada data yang diunggah" in texts(at)
