"""AppTest of the section 'Unit resmi per kecamatan' on Profil and Badan Ad Hoc, on the
hand-built Kota Magelang store of tests/test_views_units.py (as of 20 August 2024)."""

import io

import pytest
from openpyxl import load_workbook

from tests.test_views_units import magelang_db
from tests.ui.support import app, texts
from ui.shared import plain

DAY = "2024-08-20"
SUMMARY = (
    "- **PPK**: 1 dari 3 kecamatan belum ada baris PPK; 1 kekurangan anggota, 1 lengkap. "
    "1 baris PPK tanpa kode unit resmi tidak dihitung.\n"
    "- **PPS**: 13 dari 17 desa/kelurahan belum ada baris PPS; 1 kekurangan anggota, "
    "1 belum dilantik, 2 lengkap. 2 baris PPS tanpa kode unit resmi tidak dihitung.\n"
    "- **Pantarlih**: 15 dari 17 desa/kelurahan belum ada baris TPS Pantarlih; "
    "3 TPS dilaporkan, 1 belum dilantik, 1 lengkap."
)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("units_pages") / "siaga.duckdb"
    magelang_db(path)
    return path


def downloads(at, generators) -> dict[str, bytes]:
    """Label -> the bytes each download button would serve."""
    out = {}
    for button in at.get("download_button"):
        if button.proto.deferred_file_id:  # (the page's own table CSV is not deferred)
            out[button.proto.label] = generators[button.proto.deferred_file_id]()
    return out


def test_profil_lists_units_by_kecamatan(db_path, generators):
    at = app(db_path, page="profil", query={"wilayah": "33.71", "tanggal": DAY})
    assert not at.exception
    assert "Unit resmi per kecamatan" in [s.value for s in at.subheader]
    assert SUMMARY in [m.value for m in at.markdown]
    assert (
        "Belum dinilai per 20 Agustus 2024 karena belum ada baris: KPPS (pelantikan jatuh "
        "tempo 7 November 2024)." in texts(at)
    )
    assert "Provinsi Jawa Tengah › Kota Magelang" in texts(at)
    assert [e.label for e in at.expander] == [
        "Magelang Selatan — 4 belum ada baris, 5 belum ada baris TPS, 1 belum dilantik",
        "Magelang Tengah — 6 belum ada baris, 5 belum ada baris TPS, 1 kekurangan anggota, "
        "1 belum dilantik",
        "Magelang Utara — 4 belum ada baris, 5 belum ada baris TPS, 1 kekurangan anggota",
    ]
    tengah = at.expander[1].markdown[0].value.splitlines()
    assert tengah[0] == "- **PPK · belum ada baris** (1): Kecamatan Magelang Tengah"
    assert tengah[2] == "- **PPS · kekurangan anggota** (1): " + plain(
        "Kemirirejo (terisi 2 dari 3)"
    )
    assert tengah[4] == "- **Pantarlih · belum dilantik** (1): " + plain(
        "Cacaban (1 TPS, dilantik 0 dari 1)"
    )
    files = downloads(at, generators)
    csv = files["Unduh unit belum lengkap (CSV)"].decode("utf-8-sig").splitlines()
    assert len(csv) == 1 + 33  # header and the 33 units not complete
    book = load_workbook(io.BytesIO(files["Unduh unit belum lengkap (Excel)"]))
    assert book["Unit belum lengkap"].max_row == 1 + 33
    # No unit table before a kecamatan is chosen (the page's own tables come first).
    assert not [d for d in at.dataframe if {"Unit", "Status"} <= set(d.value.columns)]


def test_profil_drills_down_to_one_kecamatan(db_path):
    at = app(db_path, page="profil", query={"wilayah": "33.71", "tanggal": DAY})
    choice = at.selectbox(key="profil_unit_kecamatan_33.71")
    assert choice.options == [
        "Semua kecamatan (hanya yang belum lengkap)",
        "Magelang Selatan (10 belum lengkap)",
        "Magelang Tengah (13 belum lengkap)",
        "Magelang Utara (10 belum lengkap)",
    ]
    choice.set_value("33.71.02").run()
    assert not at.exception
    assert "Provinsi Jawa Tengah › Kota Magelang › Magelang Utara" in texts(at)
    assert not at.expander
    table = next(d.value for d in at.dataframe if {"Unit", "Status"} <= set(d.value.columns))
    assert len(table) == 11
    assert table.iloc[0].tolist() == [
        "Kecamatan Magelang Utara", "PPK", "kekurangan anggota", "-", "5", "4", "4",
    ]  # fmt: skip
    assert table.set_index(["Unit", "Badan"]).loc[("Wates", "PPS"), "Status"] == "lengkap"


def test_profil_of_a_regency_without_data(db_path):
    at = app(db_path, page="profil", query={"wilayah": "33.73", "tanggal": DAY})
    assert not at.exception
    assert "Unit resmi per kecamatan" not in [s.value for s in at.subheader]
    assert "Kota Salatiga belum lapor data badan ad hoc per 20 Agustus 2024." in texts(at)


def test_badan_adhoc_one_body_for_the_chosen_regency(db_path, generators):
    query = {"badan": "PPS", "wilayah": "33.71", "tanggal": DAY}
    at = app(db_path, page="badan_adhoc", query=query)
    assert not at.exception
    assert "Unit resmi per kecamatan" in [s.value for s in at.subheader]
    assert (
        "- **PPS**: 13 dari 17 desa/kelurahan belum ada baris PPS; 1 kekurangan anggota, "
        "1 belum dilantik, 2 lengkap. 2 baris PPS tanpa kode unit resmi tidak dihitung."
        in [m.value for m in at.markdown]
    )
    assert [e.label for e in at.expander] == [
        "Magelang Selatan — 4 belum ada baris, 1 belum dilantik",
        "Magelang Tengah — 5 belum ada baris, 1 kekurangan anggota",
        "Magelang Utara — 4 belum ada baris",
    ]
    # Coverage counts official units: 4 of 17 (Wates twice is one; legacy rows none).
    assert {m.label: m.value for m in at.metric}["Cakupan unit"] == "23,5%"
    files = downloads(at, generators)
    csv = files["Unduh unit belum lengkap (CSV)"].decode("utf-8-sig").splitlines()
    assert len(csv) == 1 + 15
    assert all(";PPS;" in line for line in csv[1:])


def test_badan_adhoc_body_due_without_rows_lists_every_kelurahan(db_path):
    """KPPS was due to be sworn in on 7 November: from then on every kelurahan without a
    KPPS TPS row is listed by name."""
    query = {"badan": "KPPS", "wilayah": "33.71", "tanggal": "2024-11-08"}
    at = app(db_path, page="badan_adhoc", query=query)
    assert not at.exception
    assert "- **KPPS**: 17 dari 17 desa/kelurahan belum ada baris TPS KPPS; 0 TPS dilaporkan." in [
        m.value for m in at.markdown
    ]
    assert [e.label for e in at.expander] == [
        "Magelang Selatan — 6 belum ada baris TPS",
        "Magelang Tengah — 6 belum ada baris TPS",
        "Magelang Utara — 5 belum ada baris TPS",
    ]
    assert at.expander[2].markdown[0].value == (
        "- **KPPS · belum ada baris TPS** (5): Kedungsari, Kramat Selatan, Kramat Utara, "
        "Potrobangsan, Wates"
    )


def test_badan_adhoc_picks_a_regency_from_the_province(db_path):
    at = app(db_path, page="badan_adhoc", query={"badan": "PPK", "tanggal": DAY})
    assert not at.exception
    assert not at.expander
    assert [b.proto.label for b in at.get("download_button")] == ["Unduh tabel (CSV untuk Excel)"]
    at.selectbox(key="badan_unit_wilayah_PPK").set_value("33.71").run()
    assert not at.exception
    assert at.session_state.flt_region == "33.71"
    assert [e.label for e in at.expander] == [
        "Magelang Tengah — 1 belum ada baris",
        "Magelang Utara — 1 kekurangan anggota",
    ]
    assert at.expander[1].markdown[0].value == (
        "- **PPK · kekurangan anggota** (1): " + plain("Kecamatan Magelang Utara (terisi 4 dari 5)")
    )
    # And back up to the province.
    at.button(key="badan_unit_PPK_provinsi").click().run()
    assert not at.exception
    assert at.session_state.flt_region == ""
    assert not at.expander
    assert at.selectbox(key="badan_unit_wilayah_PPK").value == ""
