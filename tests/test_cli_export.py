"""`python -m analytics export`: files written, options, exit codes 0/2 and their messages."""

import io

import openpyxl
import pytest
from pptx import Presentation

from analytics import cli
from tests.exports_support import shared_db
from tests.ui.support import fixture_db, note_in_latest_checklist


@pytest.fixture
def db_path():
    return str(shared_db().path)


def export(*args):
    return cli.main(["export", *map(str, args)])


def test_pptx_for_the_province(tmp_path, db_path, capsys):
    out = tmp_path / "rapat.pptx"
    code = export("--format", "pptx", "--out", out, "--db", db_path, "--as-of", "2024-08-21",
                  "--title", "Rakor Agustus")  # fmt: skip
    assert code == 0
    assert capsys.readouterr().out == f"{out}\tProvinsi Jawa Tengah\tdata per 2024-08-21\n"
    prs = Presentation(io.BytesIO(out.read_bytes()))
    assert len(prs.slides) == 9  # with Tindak lanjut and Berisiko terlambat
    assert prs.slides[0].shapes.title.text_frame.text == "Rakor Agustus"


@pytest.mark.parametrize("spelling", ["3371", "Kota Magelang"])
def test_region_accepts_every_spelling(tmp_path, db_path, capsys, spelling):
    out = tmp_path / "magelang.xlsx"
    assert export("--format", "xlsx", "--out", out, "--db", db_path, "--region", spelling) == 0
    assert "\tKota Magelang\tdata per 2024-08-20\n" in capsys.readouterr().out  # latest data
    codes = {row[0] for row in openpyxl.load_workbook(out)["Badan ad hoc"].iter_rows(
        min_row=2, values_only=True)}  # fmt: skip
    assert codes == {"33.71"}


def test_html(tmp_path, db_path):
    out = tmp_path / "laporan.html"
    assert export("--format", "html", "--out", out, "--db", db_path, "--as-of", "2024-08-21") == 0
    assert "Data per 21 Agustus 2024" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--region", "33.99"], "Kode kabupaten/kota tidak dikenal. Gunakan kode Kemendagri, "
                                "misalnya 33.01 atau 3301. (33.99)\n"),
        (["--db", "{tmp}/tidak-ada.duckdb"], "Basis data {tmp}/tidak-ada.duckdb tidak ditemukan.\n"),
    ],
)  # fmt: skip
def test_usage_errors_exit_2(tmp_path, db_path, capsys, args, message):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if "--db" not in args:
        args += ["--db", db_path]
    assert export("--format", "pptx", "--out", tmp_path / "x.pptx", *args) == 2
    assert capsys.readouterr().err == message.replace("{tmp}", str(tmp_path))
    assert not (tmp_path / "x.pptx").exists()


def test_missing_folder_exit_2(tmp_path, db_path, capsys):
    out = tmp_path / "tidak-ada" / "x.pptx"
    assert export("--format", "pptx", "--out", out, "--db", db_path) == 2
    assert capsys.readouterr().err == f"Folder {out.parent} tidak ditemukan.\n"


def test_unknown_format_is_a_usage_error(tmp_path, db_path):
    with pytest.raises(SystemExit) as stop:
        export("--format", "pdf", "--out", tmp_path / "x.pdf", "--db", db_path)
    assert stop.value.code == 2


def test_xlsx_of_a_note_with_a_vertical_tab(tmp_path, capsys):
    """A catatan stored before uploads cleaned control characters (Shift+Enter in Word is
    \\x0b, which a workbook cannot hold) is written with a space instead; the export no
    longer ends in openpyxl's IllegalCharacterError."""
    path = tmp_path / "siaga.duckdb"
    fixture_db(path)
    note_in_latest_checklist(path, "baris satu\x0bbaris dua", "PC01")
    out = tmp_path / "rapat.xlsx"
    assert export("--format", "xlsx", "--out", out, "--db", path, "--as-of", "2024-08-21") == 0
    assert capsys.readouterr().err == ""
    items = openpyxl.load_workbook(out)["Butir pencalonan"]
    header = [c.value for c in items[1]]
    notes = {row[header.index("Catatan")] for row in items.iter_rows(min_row=2, values_only=True)}
    assert "baris satu baris dua" in notes
