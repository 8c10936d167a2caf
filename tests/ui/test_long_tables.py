"""Tables and charts longer than a province: the first rows, what is left out, and a switch.

The tiny fixture has 35 regencies, so ROWS_AT_ONCE is lowered to 10 to act as a national
database would (Kota Magelang reports; the 34 others have not)."""

import json

import pytest

from analytics.views import long_tables
from tests.ui.support import app, fixture_db, texts


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("long_tables") / "siaga.duckdb"
    fixture_db(path)
    return path


@pytest.fixture(autouse=True)
def ten_rows(monkeypatch):
    monkeypatch.setattr(long_tables, "ROWS_AT_ONCE", 10)


def subtitles(at) -> list[str | None]:
    """The line under each chart's title (how many regencies it draws, when shortened)."""
    specs = [json.loads(c.proto.spec)["layout"]["title"] for c in at.get("plotly_chart")]
    return [spec.get("subtitle", {}).get("text") for spec in specs]


def test_province_tables_are_whole_by_default(db_path, monkeypatch):
    monkeypatch.setattr(long_tables, "ROWS_AT_ONCE", 35)
    at = app(db_path)
    assert not at.exception
    assert not at.toggle
    assert len(at.dataframe[0].value) == 35 and len(at.table[0].value) == 35


def test_ringkasan_shows_the_weakest_first_and_says_what_is_left_out(db_path):
    at = app(db_path, query={"wilayah": "33.73"})
    assert not at.exception
    card = at.dataframe[0].value
    assert len(card) == 10
    assert card["Kode"].tolist()[:2] == ["33.73", "33.71"]  # the chosen one, then tertinggal
    shown = texts(at)
    assert (
        "Ditampilkan 10 dari 35 kabupaten/kota (yang terlemah dulu); 25 lainnya: "
        "25 ○ belum lapor." in shown
    )
    assert len(at.table[0].value) == 10  # the attention list
    assert "Ditampilkan 10 dari 35 kabupaten/kota (yang paling mendesak dulu)" in shown
    assert "25 lainnya: 25 belum lengkap." in shown  # reporting status
    at.toggle(key="ringkasan_kartu_semua").set_value(True).run()
    assert not at.exception
    assert len(at.dataframe[0].value) == 35
    assert len(at.table[0].value) == 10  # the other tables keep their own switch


def test_charts_draw_the_lowest_regencies_until_asked_for_all(db_path):
    at = app(db_path, page="badan_adhoc", query={"badan": "PPK"})
    assert not at.exception
    assert subtitles(at)[:3] == ["10 dari 35 kabupaten/kota, terendah dulu"] * 3
    assert "Grafik menampilkan 10 kabupaten/kota terendah (dan yang dipilih)" in texts(at)
    assert len(at.dataframe[0].value) == 35  # the table under the charts stays whole
    at.toggle(key="badan_semua_PPK").set_value(True).run()
    assert subtitles(at)[:3] == [None] * 3

    at = app(db_path, page="bimtek", query={"badan": "PPK"})
    assert not at.exception
    assert subtitles(at)[:2] == ["10 dari 35 kabupaten/kota, terendah dulu"] * 2

    at = app(db_path, page="pencalonan")
    assert not at.exception
    heatmap = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    assert len(heatmap["y"]) == 10 and heatmap["y"][0] == "Kota Magelang"
    assert len(at.dataframe[0].value) == 35  # "Lihat sebagai tabel" keeps every regency
