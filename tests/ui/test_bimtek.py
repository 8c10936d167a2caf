"""AppTest of the Bimtek page on the tiny fixture (only Kota Magelang 33.71 reports).

Kota Magelang's PPK: M01 15/15, M02 12/15, M03 14/15 of 9 required modules -> 30,4% over
all modules; over the 4 due by 20 August (M01, M02, M03, M09) 68,3%; attendance 44 of 45
(97,8%), 41 completed (91,1%).
"""

import json

import pytest

from analytics.views import training as views
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
        "Bimtek (jatuh tempo) per badan",
        "Penuntasan per materi wajib (PPK)",
        "Kehadiran PPK<br>Provinsi",
        "Kabupaten/kota yang memulai kegiatan PPK, per minggu",
    ]
    summary = at.dataframe[0].value.set_index("Badan")
    assert summary.loc["PPK", "Bimtek (jatuh tempo)"] == "68,3%"
    assert summary.loc["PPK", "Bimtek (semua materi)"] == "30,4%"
    assert summary.loc["PPS", "Bimtek (semua materi)"] == "14,3%"
    assert summary.loc["Pantarlih", "Bimtek (jatuh tempo)"] == "0,0%"  # due in July
    assert summary.loc["KPPS", "Bimtek (jatuh tempo)"] == "belum jatuh tempo"
    shown = metrics(at)
    assert shown["Bimtek PPK (jatuh tempo)"] == "68,3%"  # the headline is what is judged
    assert shown["Bimtek PPK (semua materi)"] == "30,4%"
    assert shown["Materi berjalan"] == "3/9"
    assert (shown["Hadir"], shown["Tuntas"]) == ("97,8%", "91,1%")
    table = at.dataframe[1].value.set_index("Kode")
    assert table.loc["33.71", "M02"] == "80,0%"
    assert table.loc["33.71", "Bimtek PPK (jatuh tempo)"] == "68,3%"
    assert table.loc["33.71", "Bimtek PPK (semua materi)"] == "30,4%"
    assert table.loc["33.73", "Bimtek PPK (jatuh tempo)"] == "belum lapor"
    matrix = figures(at)[0]["data"][1]  # the cell texts
    assert "▲ 68,3%" in matrix["text"] and "○" in matrix["text"]  # modules due by 20 Aug
    assert "■ 0,0%" in matrix["text"]  # Pantarlih: due in July, never started
    assert not any(t.startswith("–") for t in matrix["text"])  # never reads "-0%"
    caption = at.caption[0].value
    assert caption.startswith("Per materi wajib, penuntasan = tuntas ÷ target")
    assert views.measures_caption() in caption
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


def test_body_due_without_activity_is_drawn_behind(db_path):
    """Pantarlih modules were due in July; nobody reported an activity: the body is drawn,
    Kota Magelang at 0% tertinggal, not explained away as 'belum ada kegiatan'."""
    at = app(db_path, page="bimtek", query={"badan": "PANTARLIH"})
    assert not at.exception
    assert "Belum ada kegiatan bimtek Pantarlih" not in texts(at)
    assert "Belum ada kabupaten/kota yang melaporkan kegiatan bimtek Pantarlih." in texts(at)
    assert metrics(at)["Bimtek Pantarlih (jatuh tempo)"] == "0,0%"
    module_matrix = figures(at)[1]
    texts_trace = module_matrix["data"][1]
    cells = {
        (y, x): text
        for y, x, text in zip(texts_trace["y"], texts_trace["x"], texts_trace["text"], strict=True)
    }
    assert cells[("Kota Magelang", "<b>M01</b>")] == "■ 0,0%"
    assert cells[("Kota Salatiga", "<b>M01</b>")] == "○"


def test_empty_database_gives_guidance(tmp_path):
    at = app(tmp_path / "kosong.duckdb", page="bimtek")
    assert not at.exception
    assert "Belum ada data yang diunggah" in texts(at)
