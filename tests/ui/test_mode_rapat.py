"""AppTest of Mode Rapat: one slide at a time, next/previous, the title, region, downloads."""

import io

import openpyxl
import pytest

from analytics.exports import png
from tests.ui.support import app, fixture_db, note_in_latest_checklist

QUERY = {"tanggal": "2024-08-21"}


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("rapat") / "siaga.duckdb"
    fixture_db(path)
    return path


def position(at) -> str:
    """'Slide 2 dari 9 · Ringkasan provinsi' (the line between the buttons)."""
    line = next(m.value for m in at.markdown if m.value.startswith("**Slide "))
    return line.replace("**", "").replace("\\", "")


def offers_png(at) -> bool:
    return any("-mr_png" in b.proto.id for b in at.get("download_button"))


def headings(at) -> list[str]:
    return [m.value.replace("\\", "") for m in at.markdown if m.value.startswith(("# ", "## "))]


def test_title_slide_then_next_and_previous(db_path):
    at = app(db_path, page="mode_rapat", query=QUERY)
    assert not at.exception
    assert position(at) == "Slide 1 dari 9 · Rapat Koordinasi Kesiapan Pilkada Serentak 2024"
    assert headings(at)[:2] == [
        "# Rapat Koordinasi Kesiapan Pilkada Serentak 2024",
        "## KPU Provinsi Jawa Tengah",
    ]
    assert not offers_png(at)  # no chart on the title slide
    at.button(key="mr_next").click().run()
    assert position(at) == "Slide 2 dari 9 · Ringkasan provinsi"
    assert offers_png(at) == png.available()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Kabupaten/kota melapor"] == "1 dari 35"
    assert len(at.get("plotly_chart")) == 1
    at.button(key="mr_next").click().run()
    assert position(at) == "Slide 3 dari 9 · Tindak lanjut rapat sebelumnya"
    at.button(key="mr_next").click().run()
    assert position(at) == "Slide 4 dari 9 · Badan ad hoc"
    table = at.table[0].value
    assert list(table.iloc[0])[:4] == ["PPK", "15", "15", "100,0%"]
    for _ in range(4):
        at.button(key="mr_back").click().run()  # the fourth wraps round to the last slide
    assert position(at) == "Slide 9 dari 9 · Tahapan berikutnya"
    assert at.query_params["slide"] == "9"


def test_edited_title_region_and_downloads(db_path):
    at = app(db_path, page="mode_rapat", query={**QUERY, "wilayah": "33.71"})
    at.text_input(key="mr_title").set_value("Rakor 21 Agustus").run()
    assert not at.exception
    assert headings(at)[0] == "# Rakor 21 Agustus"
    assert "Kota Magelang" in [m.value for m in at.markdown]
    at.button(key="mr_next").click().run()
    assert position(at) == "Slide 2 dari 9 · Ringkasan Kota Magelang"
    exports = [b.proto.label for b in at.get("download_button") if "-mr_dl_" in b.proto.id]
    assert exports == ["PowerPoint", "HTML luring", "Excel"] * 2  # this deck, one regency


@pytest.fixture
def no_browser(monkeypatch):
    """As on a server without Chromium (or without kaleido)."""
    monkeypatch.setattr(png, "browser_path", lambda: None)


def test_png_option_hides_without_chromium(db_path, no_browser):
    assert not png.available()
    at = app(db_path, page="mode_rapat", query={**QUERY, "slide": "2"})
    assert not at.exception and at.get("plotly_chart")
    assert not offers_png(at)


def test_auto_advance_moves_on_when_the_interval_has_passed(db_path):
    at = app(db_path, page="mode_rapat", query=QUERY)
    at.session_state["mr_auto"] = True
    at.session_state["mr_changed"] = 0.0  # the last change was long ago
    at.run()
    assert position(at) == "Slide 2 dari 9 · Ringkasan provinsi · putar otomatis"
    at.run()  # just changed: stays until the interval has passed again
    assert position(at).startswith("Slide 2 dari 9")


def test_deep_link_to_a_slide(db_path):
    at = app(db_path, page="mode_rapat", query={**QUERY, "slide": "7"})
    assert position(at) == "Slide 7 dari 9 · Kabupaten/kota yang perlu perhatian"


def test_slide_past_the_last_opens_the_last_and_says_so(db_path):
    at = app(db_path, page="mode_rapat", query={**QUERY, "slide": "12"})
    assert position(at) == "Slide 9 dari 9 · Tahapan berikutnya"
    notice = [w.value.replace("\\", "") for w in at.warning]
    assert notice == [
        "Parameter tautan diabaikan: slide=12 (hanya ada 9 slide); yang ditampilkan: slide 9."
    ]
    assert at.query_params["slide"] == "9"


def test_empty_database_gives_guidance(tmp_path):
    at = app(tmp_path / "kosong.duckdb", page="mode_rapat")
    assert not at.exception
    assert "Belum ada data yang diunggah" in at.info[0].value


def test_excel_downloads_with_a_vertical_tab_in_a_note(tmp_path, generators):
    """A catatan holding \\x0b (Shift+Enter in Word, stored before uploads cleaned it):
    both Excel buttons still give a workbook, the character read as a space."""
    path = tmp_path / "siaga.duckdb"
    fixture_db(path)
    note_in_latest_checklist(path, "baris satu\x0bbaris dua")
    at = app(path, page="mode_rapat", query={**QUERY, "wilayah": "33.71"})
    assert not at.exception
    excel = [b for b in at.get("download_button") if b.proto.id.endswith("_xlsx")]
    assert [b.proto.label for b in excel] == ["Excel", "Excel"]  # this deck, one regency
    for button in excel:
        book = openpyxl.load_workbook(io.BytesIO(generators[button.proto.deferred_file_id]()))
        notes = {row[-1] for row in book["Butir pencalonan"].iter_rows(values_only=True)}
        assert "baris satu baris dua" in notes
