"""AppTest of the Profil Kabupaten/Kota page on the tiny fixture (Kota Magelang 33.71
reports; Kota Salatiga 33.73 does not)."""

import json

import pytest

from analytics.views import profile
from tests.ui.support import app, fixture_db, texts


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    """One fixture database for the module: the tests only read it."""
    path = tmp_path_factory.mktemp("fixture") / "siaga.duckdb"
    fixture_db(path)
    return path


def test_choosing_a_regency_from_the_page(db_path):
    at = app(db_path, page="profil")
    assert not at.exception
    assert "Pilih kabupaten/kota di bilah samping" in texts(at)
    first = at.button[0]
    assert first.label.startswith("Kota Magelang · ■ Tertinggal")  # the only one scored
    first.click().run()
    assert not at.exception
    # The button sets the sidebar filter's own key, so sidebar, URL and page agree.
    # (AppTest does not see sidebar widgets after switch_page, so only this run is checked.)
    assert at.session_state.flt_region == "33.71"
    assert "33.71 Kota Magelang" in texts(at)


def test_reporting_regency_in_full(db_path):
    at = app(db_path, page="profil", query={"wilayah": "33.71"})
    assert not at.exception
    shown = texts(at)
    assert "Bimtek: ▲ Terlambat · data per 1 Agustus 2024" in shown
    assert "Peringkat provinsi: 1 dari 1" in shown
    comparison, kecamatan, checklist, history = (d.value for d in at.dataframe)
    rows = comparison.set_index("Indikator")
    assert rows.loc["PPS dilantik", "Kota Magelang"] == "66,7%"
    # Both bimtek measures, each under its own name, the judged one first.
    assert rows.loc["Bimtek PPK (jatuh tempo)", "Kota Magelang"] == "68,3%"
    assert rows.loc["Bimtek PPK (semua materi)", "Kota Magelang"] == "30,4%"
    assert profile.comparison_note() in [c.value for c in at.caption]
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    assert "Bimtek PPK (jatuh tempo)" in chart["y"]
    assert "Bimtek PPK (semua materi)" not in chart["y"]
    assert rows.loc["PPK perempuan", "Sasaran"] == "≥ 30%"
    assert kecamatan["Keterangan"].tolist() == [
        "",
        "unit belum dilaporkan",
        "unit belum dilaporkan",
    ]
    assert checklist.set_index("Butir").loc["PC11", "Status"] == "– Tidak berlaku"
    assert history["Data per"].tolist()[0] == "20 Agustus 2024"
    assert len(history) == 4 and set(history["Status"]) == {
        "● Berlaku",
        "◌ Digantikan versi lebih baru",
    }
    assert len(at.get("plotly_chart")) == 3  # comparison, readiness trend, sworn-in trend


def test_filters_change_the_profile(db_path):
    at = app(
        db_path,
        page="profil",
        query={"wilayah": "33.71", "tanggal": "2024-08-10", "badan": "PPK"},
    )
    assert not at.exception
    comparison = at.dataframe[0].value
    assert not comparison["Indikator"].str.startswith("PPS").any()
    assert comparison.set_index("Indikator").loc["PPK dilantik", "Kota Magelang"] == "93,3%"
    assert at.dataframe[1].value["Kecamatan"].tolist() == ["Magelang Utara"]  # PPK 4 of 5
    assert "Belum lapor: Persiapan pencalonan." in texts(at)
    assert "2 versi dengan data sesudah 10 Agustus 2024 tidak ditampilkan." in texts(at)


def test_regency_that_has_not_reported(db_path):
    at = app(db_path, page="profil", query={"wilayah": "33.73"})
    assert not at.exception
    shown = texts(at)
    assert "Kota Salatiga belum lapor per 20 Agustus 2024" in shown
    assert "Indeks kesiapan: belum lapor" in shown
    assert set(at.dataframe[0].value["Kota Salatiga"]) == {"belum lapor"}
    assert len(at.dataframe) == 1 and not at.get("plotly_chart")  # no zeros drawn
    assert "Kota Salatiga belum lapor data badan ad hoc per 20 Agustus 2024." in shown
    assert "Belum ada unggahan dari Kota Salatiga" in shown


def test_empty_database_gives_guidance(tmp_path):
    at = app(tmp_path / "kosong.duckdb", page="profil")
    assert not at.exception
    assert "Belum ada data yang diunggah" in texts(at)
