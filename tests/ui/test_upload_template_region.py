"""AppTest of Unggah Data: the templates pre-filled for a regency, beside the blank ones
(an operator gets their own regency's, an admin picks one)."""

import csv
import io

import openpyxl
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from analytics import auth, templates
from analytics.schema import DATASETS
from tests.ui.support import app, fixture_db
from ui.shared import plain

PASSWORD = "sandi-templat-1"
BLANK = ["Templat Excel (.xlsx)", "Templat CSV (;)"]
PREFILLED = ["Templat Excel terisi (.xlsx)", "Templat CSV terisi (;)"]


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "siaga.duckdb"
    db = fixture_db(path)  # Kota Magelang (33.71) has reported
    auth.add_user(db, "op-magelang", "operator", PASSWORD, region="33.71")
    auth.add_user(db, "adm", "admin", PASSWORD)
    return path


@pytest.fixture
def served(monkeypatch):
    """Each download the page defers, by label: (file name, what pressing it gives)."""
    found = {}
    register = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        file_id = register(self, data_callable, mimetype, coordinates, file_name, **kwargs)
        found[file_id] = (file_name, data_callable)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)

    def by_label(at) -> dict[str, tuple[str, object]]:
        return {
            b.proto.label: found[b.proto.deferred_file_id]
            for b in at.download_button
            if b.proto.deferred_file_id
        }

    return by_label


def login(at, name):
    at.text_input[0].input(name)
    at.text_input[1].input(PASSWORD)
    next(b for b in at.button if b.label == "Masuk").click().run()
    assert not at.exception
    return at


def rows_of(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_operator_gets_own_regency_prefilled_beside_the_blank_templates(db_path, served):
    at = login(app(db_path, page="unggah"), "op-magelang")
    assert [b.label for b in at.download_button] == BLANK + PREFILLED
    assert not [s for s in at.selectbox if s.label.startswith("Templat berisi")]  # no picker
    assert "**Templat berisi isian awal 33.71 Kota Magelang**" in [m.value for m in at.markdown]
    # Shown as written (ui.shared.plain): region names come from editable reference data.
    assert at.caption[0].value.startswith(
        plain(
            "Lembar 'data' sudah berisi unit resmi 33.71 Kota Magelang (daftar Kemendagri): "
            "satu baris PPK per kecamatan (3 baris, kebutuhan 5); satu baris PPS per "
            "desa/kelurahan (17 baris, kebutuhan 3)."
        )
    )
    assert plain("PANTARLIH dan KPPS dibentuk per TPS") in at.caption[0].value
    downloads = served(at)
    csv_name, csv_data = downloads["Templat CSV terisi (;)"]
    xlsx_name, xlsx_data = downloads["Templat Excel terisi (.xlsx)"]
    assert (csv_name, xlsx_name) == (
        "templat_badan_adhoc_33.71.csv",
        "templat_badan_adhoc_33.71.xlsx",
    )
    rows = rows_of(csv_data())
    assert [r["badan"] for r in rows] == ["PPK"] * 3 + ["PPS"] * 17
    assert [r["kecamatan"] for r in rows[:3]] == [
        "Magelang Selatan",
        "Magelang Utara",
        "Magelang Tengah",
    ]
    assert (rows[3]["kecamatan"], rows[3]["desa_kelurahan"]) == (
        "Magelang Selatan",
        "Rejowinangun Selatan",
    )
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_data()))["data"]
    assert [c.value for c in sheet[2]][:6] == ["33.71", "PPK", "Magelang Selatan", None, None, 5]

    at.selectbox(key="upl_dataset").set_value("persiapan_pencalonan").run()
    assert not at.exception
    _, checklist = served(at)["Templat CSV terisi (;)"]
    assert [(r["kode_wilayah"], r["kode_item"], r["status"]) for r in rows_of(checklist())] == [
        ("33.71", f"PC{n:02d}", "") for n in range(1, 12)
    ]


def test_operator_uploads_the_prefilled_template_filled_in(db_path, served):
    at = login(app(db_path, page="unggah"), "op-magelang")
    _, xlsx_data = served(at)["Templat Excel terisi (.xlsx)"]
    book = openpyxl.load_workbook(io.BytesIO(xlsx_data()))
    sheet = book["data"]
    for row in range(2, 22):
        seats = sheet.cell(row=row, column=6).value
        for column, value in ((7, 10), (8, seats), (9, seats), (10, 1)):
            sheet.cell(row=row, column=column).value = value
    filled = io.BytesIO()
    book.save(filled)
    at.file_uploader[0].set_value(("isian.xlsx", filled.getvalue(), "application/octet-stream"))
    at.run()
    assert not at.exception
    assert at.success[0].value.startswith("Berkas valid: 20 baris, 0 peringatan.")


def test_admin_picks_the_regency_of_the_prefilled_template(db_path, served):
    at = login(app(db_path, page="unggah"), "adm")
    assert [b.label for b in at.download_button] == BLANK  # nothing picked yet
    picker = at.selectbox(key="upl_template_region")
    assert picker.label == "Templat berisi isian awal untuk kabupaten/kota"
    assert picker.options[:2] == ["33.01 Kabupaten Cilacap", "33.02 Kabupaten Banyumas"]
    assert len(picker.options) == 35
    picker.set_value("33.01").run()
    assert not at.exception
    assert [b.label for b in at.download_button] == BLANK + PREFILLED
    name, data = served(at)["Templat CSV terisi (;)"]
    assert name == "templat_badan_adhoc_33.01.csv"
    assert data() == templates.template_csv(DATASETS["badan_adhoc"], "33.01")
    rows = rows_of(data())
    assert (sum(r["badan"] == "PPK" for r in rows), sum(r["badan"] == "PPS" for r in rows)) == (
        24,
        284,
    )
