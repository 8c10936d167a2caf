"""AppTest of Unggah Data: login, roles, verdict, preview, storing, server errors."""

import datetime as dt
import logging

import pytest
from streamlit.testing.v1 import AppTest

from analytics import audit, auth, ingest
from analytics.settings import SETTINGS_PATH
from analytics.storage import Database
from tests.ui.support import FIXTURES, REPO, app, fixture_db, texts
from ui.shared import plain

PASSWORD = "sandi-magelang-1"
AUG_15 = (FIXTURES / "badan_adhoc_3371_2024-08-15.csv").read_bytes()
# 15 August state with one PPK member of Magelang Utara no longer sworn in: PPK 14/15.
ONE_LESS = AUG_15.replace(b"Magelang Utara;;;5;8;5;5;2;0", b"Magelang Utara;;;5;8;5;4;2;0")


@pytest.fixture
def db_path(tmp_path):
    path = tmp_path / "siaga.duckdb"
    db = fixture_db(path)
    auth.add_user(db, "op-magelang", "operator", PASSWORD, region="33.71")
    auth.add_user(db, "peninjau", "viewer", PASSWORD)
    return path


def login(at, name, password=PASSWORD):
    at.text_input[0].input(name)
    at.text_input[1].input(password)
    next(b for b in at.button if b.label == "Masuk").click().run()
    return at


def upload(at, data, as_of=dt.date(2024, 8, 22), name="magelang.csv"):
    at.date_input(key="upl_as_of").set_value(as_of)
    at.file_uploader[0].set_value((name, data, "text/csv"))
    at.run()
    return at


def save_button(at):
    return next(b for b in at.button if b.label.startswith("Simpan sebagai data per"))


def test_upload_needs_login_and_a_viewer_gets_no_form(db_path):
    at = app(db_path, page="unggah")
    assert not at.exception
    assert "Masuk terlebih dahulu untuk mengunggah data." in texts(at)
    assert len(at.file_uploader) == 0
    login(at, "peninjau")
    assert not at.exception
    assert [i.value for i in at.info] == [
        "Akun peninjau berperan peninjau: hanya membaca dasbor, tidak dapat mengunggah data."
    ]
    assert len(at.file_uploader) == 0


def test_operator_uploads_valid_file_and_dashboards_show_it(db_path):
    at = login(app(db_path, page="unggah"), "op-magelang")
    assert "Anda mengunggah untuk **33.71 Kota Magelang**" in texts(at)
    assert "Batas ukuran berkas: 50 MB." in texts(at)  # from .streamlit/config.toml
    assert [b.label for b in at.download_button][:2] == ["Templat Excel (.xlsx)", "Templat CSV (;)"]
    upload(at, ONE_LESS)
    assert not at.exception
    assert [s.value for s in at.success] == [
        "Berkas valid: 6 baris, 1 peringatan. Belum disimpan: periksa perubahannya lalu simpan."
    ]
    changes = at.dataframe[2].value.iloc[0]  # column help, warnings, then changes
    assert changes["Menggantikan"] == "versi 2 (data per 15 Agustus 2024)"
    assert (changes["Unit di berkas"], changes["Berubah"], changes["Tetap"]) == ("6", "1", "5")
    totals = at.dataframe[3].value.set_index("Badan")
    assert totals.loc["PPK", "dilantik"] == "15 → 14 (-1)"
    assert totals.loc["PPS", "dilantik"] == "6 (tetap)"
    assert len(Database(db_path).history()) == 4  # nothing stored yet
    save_button(at).click().run()
    assert not at.exception
    assert at.success[0].value == (
        "Tersimpan sebagai versi 5 (6 baris, data per 22 Agustus 2024). Dasbor sudah memakai "
        "data ini."
    )
    newest = Database(db_path).history().iloc[0]
    assert (newest.version_id, newest.uploaded_by, newest.file_name) == (
        5,
        "op-magelang",
        "magelang.csv",
    )
    assert at.query_params["tanggal"] == "2024-08-22" and at.query_params["wilayah"] == "33.71"
    assert len(at.file_uploader) == 1 and at.file_uploader[0].value is None  # fresh uploader
    # The dashboards, opened at the URL the page left behind, show the new numbers.
    board = app(db_path, query=dict(at.query_params))
    assert "Data per **22 Agustus 2024**" in texts(board)
    table = next(f.value for f in board.dataframe if "PPK dilantik" in f.value.columns)
    assert percent(table[table["Kode"] == "33.71"].iloc[0]["PPK dilantik"]) == 93.3  # 14/15


def percent(value) -> float:
    """'93,3%' or 93.33 -> 93.3 (the overview table may format or keep numbers)."""
    text = str(value).replace("%", "").replace(",", ".")
    return round(float(text), 1)


def test_invalid_file_shows_error_table_and_stores_nothing(db_path):
    at = login(app(db_path, page="unggah"), "op-magelang")
    bad = AUG_15.replace(b"Magelang Utara;;;5;8;5;5;2;0", b"Magelang Utara;;;5;8;7;5;2;0")
    upload(at, bad)
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Berkas ditolak: 1 kesalahan, 1 peringatan. Perbaiki lalu unggah lagi."
    ]
    issues = at.dataframe[1].value
    error = issues[issues["Jenis"] == "✕ Kesalahan"].iloc[0]
    assert error[["Baris", "Kolom", "Nilai"]].tolist() == ["4", "terisi", "7"]
    assert error["Pesan"] == "terisi (7) melebihi kebutuhan (5). Periksa kedua angka."
    assert "Unduh daftar kesalahan (CSV)" in [b.label for b in at.download_button]
    assert not [b for b in at.button if b.label.startswith("Simpan")]
    assert len(Database(db_path).history()) == 4
    assert audit.entries(Database(db_path)).iloc[0].outcome == "ditolak"


def test_another_regencys_file_is_refused_whole(db_path):
    at = login(app(db_path, page="unggah"), "op-magelang")
    upload(at, AUG_15 + b"33.72;PPK;Banjarsari;;;5;9;5;5;2;0\r\n")
    assert not at.exception
    assert [e.value for e in at.error] == [
        plain(
            "Berkas ditolak seluruhnya: berisi baris kabupaten/kota lain (33.72). Akun "
            "op-magelang hanya boleh mengunggah data 33.71 Kota Magelang. Hapus baris "
            "kabupaten/kota lain, lalu unggah lagi."
        )
    ]
    assert not [b for b in at.button if b.label.startswith("Simpan")]
    assert len(Database(db_path).history()) == 4


def test_partial_file_must_be_confirmed(db_path):
    at = login(app(db_path, page="unggah"), "op-magelang")
    header, first, *_ = AUG_15.decode().split("\n")
    upload(at, f"{header}\n{first}\n".encode())
    assert "berkas ini hanya memuat 1 unit, padahal data yang berlaku sekarang 6 unit" in (
        at.warning[0].value
    )
    assert save_button(at).disabled
    at.checkbox(key="upl_sure").check().run()
    assert not save_button(at).disabled


def test_sidebar_shows_who_is_logged_in_and_logs_out(db_path, monkeypatch):
    # AppTest keeps the router's sidebar only on the first run, so log in through the
    # session state before it.
    monkeypatch.setenv("SIAGA_DB", str(db_path))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.session_state["auth_user"] = "op-magelang"
    at.run()
    assert [m.value for m in at.sidebar.markdown][-1] == (
        "Masuk sebagai  \n**op\\-magelang \\(operator 33\\.71 Kota Magelang\\)**"
    )
    at.sidebar.button(key="auth_logout").click().run()
    assert "auth_user" not in at.session_state
    assert audit.entries(Database(db_path)).iloc[0].action == "keluar"
    assert "Belum masuk." in app(db_path).sidebar.caption[-1].value


def test_server_error_is_logged_not_shown(db_path, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("rahasia internal")

    monkeypatch.setattr(ingest, "check_upload", broken)
    at = login(app(db_path, page="unggah"), "op-magelang")
    with caplog.at_level(logging.ERROR, logger="siaga.unggah"):
        upload(at, AUG_15)
    assert not at.exception
    assert at.error[0].value.startswith(
        "Terjadi kesalahan di server saat memproses berkas ini; tidak ada data yang disimpan."
    )
    assert "rahasia internal" not in texts(at)
    assert "rahasia internal" in caplog.text and "Traceback" in caplog.text


def test_dashboards_need_login_when_the_setting_says_so(db_path, tmp_path, monkeypatch):
    settings = tmp_path / "pengaturan.toml"
    shipped = SETTINGS_PATH.read_text(encoding="utf-8")
    settings.write_text(shipped.replace("read_without_login = true", "read_without_login = false"))
    monkeypatch.setenv("SIAGA_SETTINGS", str(settings))
    at = app(db_path)
    assert "Masuk terlebih dahulu untuk membaca dasbor SIAGA." in texts(at)
    assert not at.dataframe
    login(at, "peninjau")
    assert not at.exception
    assert at.dataframe  # the overview table is there once logged in


def test_filled_in_excel_template_is_checked(db_path):
    import io

    from openpyxl import load_workbook

    from analytics import templates
    from analytics.schema import DATASETS

    at = login(app(db_path, page="unggah"), "op-magelang")
    template = at.download_button[0]
    assert template.label == "Templat Excel (.xlsx)"
    book = load_workbook(io.BytesIO(templates.template_xlsx(DATASETS["badan_adhoc"])))
    book["data"]["A2"] = "3371"  # the operator's own regency, written the BPS way
    book["data"]["C2"] = "Magelang Utara"
    filled = io.BytesIO()
    book.save(filled)
    upload(at, filled.getvalue(), name="isian.xlsx")
    assert not at.exception
    assert at.success[0].value.startswith("Berkas valid: 1 baris")
    assert "berkas ini hanya memuat 1 unit, padahal data yang berlaku sekarang 6 unit" in (
        at.warning[0].value
    )


# A header naming personal data (NIK) is named in the whole-file refusal, as typed.
LINK_HEADER = "NIK [Unduh templat baru](https://evil.example/x.xlsx)"


def test_a_refusal_naming_a_header_shows_it_as_typed(db_path):
    """Issue 11 #7: a header written as a Markdown link is named in the refusal as text,
    not as a link."""
    at = login(app(db_path, page="unggah"), "op-magelang")
    lines = AUG_15.decode().splitlines()
    lines = [lines[0] + f";{LINK_HEADER}"] + [line + ";" for line in lines[1:]]
    upload(at, "\n".join(lines).encode())
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Berkas memuat data pribadi \\(kolom NIK \\[Unduh templat baru\\]\\(https\\://evil\\.example/"
        "x\\.xlsx\\)\\)\\. SIAGA hanya menerima jumlah per unit; hapus kolom data pribadi lalu "
        "unggah lagi\\. Berkas ini tidak disimpan\\."
    ]
