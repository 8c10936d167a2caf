"""AppTest of the Badan Ad Hoc page on the tiny fixture (only Kota Magelang 33.71 reports)."""

import json

import pytest

from tests.ui.support import app, fixture_db, texts


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("badan_adhoc") / "siaga.duckdb"
    fixture_db(path)
    return path


def figures(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def titles(at) -> list[str]:
    return [f["layout"]["title"]["text"] for f in figures(at)]


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_default_shows_ppk_tab_with_fixture_numbers(db_path):
    at = app(db_path, page="badan_adhoc")
    assert not at.exception
    assert [t.label for t in at.tabs] == ["PPK", "PPS", "Pantarlih", "KPPS"]
    # 20 August: the version of 15 August is in force, 15 of 15 PPK sworn in.
    shown = metrics(at)
    assert shown["Kab/kota melapor"] == "1/35"
    assert shown["Kebutuhan"] == "15"
    assert shown["Dilantik"] == "100,0%"
    assert shown["Perempuan"] == "33,3%"  # 5 of 15
    assert shown["Rasio pendaftar"] == "2,00×"  # 30 for 15 seats
    assert "Belum lapor (34): Kabupaten Cilacap" in texts(at)
    assert titles(at)[:3] == [
        "Pengisian PPK per kabupaten/kota (bagian dari kebutuhan)",
        "Keterwakilan perempuan (PPK)",
        "Rasio pendaftar terhadap kebutuhan (PPK)",
    ]
    assert "Cakupan lengkap: 1 kabupaten/kota yang melapor mencakup semua kecamatan" in (
        at.success[0].value
    )
    table = at.dataframe[0].value.set_index("Kode")
    assert table.loc["33.71", "Dilantik"] == "15"
    assert table.loc["33.73", "Dilantik"] == "belum lapor"
    (download,) = at.get("download_button")
    assert download.proto.label == "Unduh tabel (CSV untuk Excel)"
    # Switching the bars to counts redraws them.
    at.segmented_control[0].set_value("Jumlah anggota").run()
    assert not at.exception
    assert titles(at)[0] == "Pengisian PPK per kabupaten/kota (jumlah anggota)"


def test_body_date_and_region_filters_from_url(db_path):
    query = {"badan": "PPS", "tanggal": "2024-08-10", "wilayah": "33.71"}
    at = app(db_path, page="badan_adhoc", query=query)
    assert not at.exception
    assert not at.tabs  # one body chosen: no tabs
    shown = metrics(at)
    assert shown["Terisi"] == "83,3%"  # 5 of 6 in the 1 August version
    assert shown["Kebutuhan"] == "6"
    assert (
        "**Kota Magelang** (data per 1 Agustus 2024): 5 dari 6 PPS dilantik (83,3%), "
        "1 kursi kosong" in texts(at)
    )
    status = figures(at)[0]
    labels = status["layout"]["yaxis"]["categoryarray"]
    assert "<b>▶ Kota Magelang</b>" in labels  # the chosen regency is highlighted
    assert status["layout"]["shapes"][0]["type"] == "rect"
    # Coverage is partial (2 of 17 desa/kelurahan), so it is drawn, not summed up in words.
    assert "Cakupan desa/kelurahan yang dilaporkan (PPS)" in titles(at)


def test_body_without_units_is_explained_in_words(db_path):
    at = app(db_path, page="badan_adhoc", query={"badan": "KPPS"})
    assert not at.exception
    assert at.info[0].value.startswith(
        "Belum ada data KPPS per 20 Agustus 2024: belum ada kabupaten/kota yang melaporkan"
    )
    assert not at.get("plotly_chart")


def test_body_overdue_without_units_is_drawn_behind(db_path):
    """No Pantarlih unit anywhere, but Pantarlih was due to be sworn in on 24 June and Kota
    Magelang reported: it is drawn at 0% in the tertinggal colour, not explained away."""
    at = app(db_path, page="badan_adhoc", query={"badan": "PANTARLIH", "wilayah": "33.71"})
    assert not at.exception
    assert not at.info or not at.info[0].value.startswith("Belum ada data Pantarlih")
    assert metrics(at)["Dilantik"] == "0,0%"
    assert "padahal pelantikan Pantarlih jatuh tempo 24 Juni 2024: dilantik 0% (■ tertinggal)." in (
        texts(at)
    )
    status = figures(at)[0]
    words = next(t for t in status["data"] if t["type"] == "scatter" and t.get("hovertext"))
    row = words["y"].index("<b>▶ Kota Magelang</b>")
    assert words["text"][row] == "■ 0% dilantik · belum ada unit"
    assert words["textfont"]["color"][row] == "#D55E00"  # the tertinggal colour


def test_empty_database_gives_guidance(tmp_path):
    at = app(tmp_path / "kosong.duckdb", page="badan_adhoc")
    assert not at.exception
    assert "Belum ada data yang diunggah" in texts(at)
