"""Issue 13's Done-when in the meeting material: a follow-up for 33.27 due 30 Aug 2024 reads
"Terbuka" on 23 Aug and "Terlambat" on 6 Sep, then "Selesai" once closed, on the slide
"Tindak lanjut rapat sebelumnya" of Mode Rapat's deck and in the PowerPoint, HTML and
Excel files of the province and of the 33.27 one-pager, with its indicator then and now."""

import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation

from analytics import exports, followup_view, followups, meeting, number_notes
from analytics.meeting.followup_slides import FOLLOWUP_TITLE, NONE_RECORDED, NOTES_TITLE
from analytics.storage import Database
from tests.fixture_support import workbook_values
from tests.followup_support import ADMIN, AS_OF, MEETING, history_copy, shared_history

REPO = Path(__file__).resolve().parent.parent
LATE = dt.date(2024, 9, 6)
AGREED = "Tetapkan rumah sakit pemeriksaan kesehatan"


@pytest.fixture
def db(tmp_path) -> Database:
    db = history_copy(tmp_path)
    followup_id = followups.add(
        db, ADMIN, region="33.27", topic="item:PC07", text=AGREED, due=dt.date(2024, 8, 30),
        pic="Divisi Teknis", meeting_date=MEETING, meeting_title="Rakor 16 Agustus",
    )  # fmt: skip
    assert followup_id == 1
    return db


def pptx_rows(data: bytes, title: str) -> list[list[str]]:
    """The table rows (header included) of the slide titled ``title``."""
    prs = Presentation(io.BytesIO(data))
    slide = next(s for s in prs.slides if s.shapes.title and s.shapes.title.text == title)
    table = next(shape.table for shape in slide.shapes if shape.has_table)
    return [[cell.text for cell in row.cells] for row in table.rows]


def html_rows(data: bytes, key: str) -> list[list[str]]:
    """The body rows of the table in the HTML section ``key`` (tags dropped)."""
    page = data.decode("utf-8")
    section = page[page.index(f'<section class="slide" id="{key}">') :]
    section = section[: section.index("</section>")]
    body = section[section.index("<tbody>") : section.index("</tbody>")]
    return [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    ]


def xlsx_rows(data: bytes, sheet: str) -> list[tuple]:
    return dict(workbook_values(data))[sheet]


def province_row(status: str, now: str) -> list[str]:
    return [
        "Pemalang", "PC07 Rumah sakit ditetapkan", AGREED, "Divisi Teknis", "30 Agustus 2024",
        status, f"proses pada 16 Agu → selesai pada {now}",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("as_of", "status", "now"), [(AS_OF, "Terbuka", "23 Agu"), (LATE, "Terlambat", "6 Sep")]
)
def test_done_when_in_every_file(db, as_of, status, now):
    province = meeting.load_deck(db, as_of)
    region = meeting.load_deck(db, as_of, region="33.27")
    row = province_row(status, now)
    assert [s.key for s in province.slides][:3] == ["judul", "ringkasan", "tindak_lanjut"]
    assert province.slide("tindak_lanjut").table.display_rows() == [row]
    assert region.slide("tindak_lanjut").table.display_rows() == [row[1:]]  # no region column

    assert pptx_rows(exports.render(province, "pptx"), FOLLOWUP_TITLE)[1] == row
    assert pptx_rows(exports.render(region, "pptx"), FOLLOWUP_TITLE)[1] == row[1:]
    page = exports.render(province, "html")
    assert html_rows(page, "tindak_lanjut") == [row]
    assert "<summary>Tindak lanjut (1 baris)</summary>" in page.decode("utf-8")  # appendix
    assert html_rows(exports.render(region, "html"), "tindak_lanjut") == [row[1:]]
    for deck in (province, region):
        sheet = xlsx_rows(exports.render(deck, "xlsx"), "Tindak lanjut")
        assert sheet[0][:11] == (
            "ID", "Kode wilayah", "Wilayah", "Topik", "Indikator", "Isi", "Penanggung jawab",
            "Tanggal rapat", "Judul rapat", "Jatuh tempo", "Status",
        )  # fmt: skip
        assert sheet[1][:4] == (1, "33.27", "Kabupaten Pemalang", "item:PC07")
        assert sheet[1][10:14] == (status, 0, dt.datetime(2024, 8, 16), 1)


def test_done_when_closed_reads_selesai(db):
    followups.close(db, ADMIN, 1)
    province = meeting.load_deck(db, LATE)
    assert province.slide("tindak_lanjut").table.display_rows() == [
        province_row("Selesai", "6 Sep")
    ]
    assert province.slide("tindak_lanjut").kpis[0].value == "0"  # nothing open any more
    html = html_rows(exports.render(meeting.load_deck(db, LATE, region="33.27"), "html"),
                     "tindak_lanjut")  # fmt: skip
    assert html[0][4] == "Selesai"


def test_cli_export_carries_the_follow_up(db, tmp_path):
    out = tmp_path / "rapat.html"
    result = subprocess.run(
        [sys.executable, "-m", "analytics", "export", "--format", "html", "--out", str(out),
         "--db", str(db.path), "--as-of", "2024-09-06"],
        cwd=REPO, capture_output=True, text=True, env={**os.environ},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert html_rows(out.read_bytes(), "tindak_lanjut") == [province_row("Terlambat", "6 Sep")]
    listed = subprocess.run(
        [sys.executable, "-m", "analytics", "followup", "list", "--json", "--db", str(db.path),
         "--as-of", "2024-09-06"],
        cwd=REPO, capture_output=True, text=True, env={**os.environ},
    )  # fmt: skip
    assert json.loads(listed.stdout)[0]["terlambat"] is True


def test_headline_counts_and_the_longer_list_goes_to_the_appendix(db):
    for day in range(17, 25):  # 8 more, due 17-24 Aug: overdue on 26 Aug
        followups.add(db, ADMIN, region="provinsi", topic="pelaporan", text=f"Laporan {day}",
                      due=dt.date(2024, 8, day), meeting_date=MEETING)  # fmt: skip
    deck = meeting.load_deck(db, dt.date(2024, 8, 26))
    slide = deck.slide("tindak_lanjut")
    assert [(k.label, k.value) for k in slide.kpis] == [
        ("Terbuka", "9"), ("Di antaranya terlambat", "8"), ("Selesai", "0"),
    ]  # fmt: skip
    assert len(slide.table.rows) == 6
    assert slide.subtitle == (
        "Seluruh provinsi · per 26 Agustus 2024 · 6 dari 9 ditampilkan, terlambat dulu; "
        "selengkapnya di lampiran"
    )
    assert slide.points == ()
    assert [r[0] for r in slide.table.display_rows()] == ["Provinsi"] * 6  # overdue first
    assert len(deck.table("Tindak lanjut").rows) == 9
    # The one-pager of 33.27 keeps its own follow-up only.
    mine = meeting.load_deck(db, dt.date(2024, 8, 26), region="33.27").slide("tindak_lanjut")
    assert [k.value for k in mine.kpis] == ["1", "0", "0"]


def test_none_recorded_and_not_loaded():
    series = meeting.load_series(shared_history(), AS_OF)
    empty = meeting.build_deck(series, followups=[], number_notes=[])
    slide = empty.slide("tindak_lanjut")
    assert (slide.points, slide.table, slide.kpis) == ((NONE_RECORDED,), None, ())
    assert empty.table("Tindak lanjut").rows == ()
    region = meeting.build_deck(series, region="33.27", followups=[], number_notes=[])
    assert region.slide("tindak_lanjut").points == (NONE_RECORDED,)
    assert "catatan_angka" not in [s.key for s in region.slides]  # no notes: no slide
    plain = meeting.build_deck(series)  # built from indicators alone: nothing to say
    assert "tindak_lanjut" not in [s.key for s in plain.slides]
    assert "Tindak lanjut" not in [t.name for t in plain.tables]


def test_region_deck_shows_the_notes_on_its_numbers(db):
    number_notes.add(db, ADMIN, "33.27", dt.date(2024, 8, 20),
                     "3 anggota PPS mengundurkan diri, PAW dijadwalkan 2 Sep")  # fmt: skip
    number_notes.add(db, ADMIN, "33.72", dt.date(2024, 8, 21), "Surakarta: data PPS direvisi")
    number_notes.add(db, ADMIN, "33.27", dt.date(2024, 8, 28), "Sesudah tanggal data")
    region = meeting.load_deck(db, AS_OF, region="33.27")
    keys = [s.key for s in region.slides]
    assert keys.index("catatan_angka") == keys.index("tindak_lanjut") + 1
    slide = region.slide("catatan_angka")
    assert slide.title == NOTES_TITLE
    assert slide.table.display_rows() == [
        ["20 Agustus 2024", "3 anggota PPS mengundurkan diri, PAW dijadwalkan 2 Sep", "adm"]
    ]
    assert pptx_rows(exports.render(region, "pptx"), NOTES_TITLE)[1][1].startswith("3 anggota")
    province = meeting.load_deck(db, AS_OF)
    assert "catatan_angka" not in [s.key for s in province.slides]
    sheet = xlsx_rows(exports.render(province, "xlsx"), "Catatan angka")
    assert [row[:3] for row in sheet[1:]] == [
        ("33.27", "Kabupaten Pemalang", dt.datetime(2024, 8, 20)),
        ("33.72", "Kota Surakarta", dt.datetime(2024, 8, 21)),
    ]


def test_typed_text_stays_text_in_every_file(db):
    followups.edit(db, ADMIN, 1, text='=HYPERLINK("http://x") <script>alert(1)</script>',
                   pic="@SUM(A1)")  # fmt: skip
    deck = meeting.load_deck(db, AS_OF)
    page = exports.render(deck, "html").decode("utf-8")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(exports.render(deck, "xlsx")))
    cell = book["Tindak lanjut"]["F2"]
    assert (cell.data_type, cell.value) == ("s", '=HYPERLINK("http://x") <script>alert(1)</script>')
    assert cell.quotePrefix


def test_lines_are_what_the_view_gives(db):
    """The deck shows followup_view's lines, not a second reading of its own."""
    lines = followup_view.followup_lines(db, AS_OF)
    deck = meeting.build_deck(meeting.load_series(db, AS_OF), followups=lines)
    assert deck.slide("tindak_lanjut").table.rows[0][-1] == lines[0].values_text()
