"""Early warning in the deck, the exports, the Profil chart and the page texts.

The fixture is tests/test_risk.py's ``items_db``: Kota Magelang's checklist on four
Fridays; on 16 August 2024, with test_risk's ``CONFIG``, four flags, most urgent first:
PC05 (proses, no progress), PC07 and PC09 (belum, no progress), all due 20 August, then
PC04 (proses, projected 23 August - 6 September: 3-17 days late).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pandas as pd
import pytest
from pptx import Presentation

from analytics import exports, meeting, risk
from analytics.figures import risk as risk_figures
from analytics.meeting.risk_slides import RISK_KEY, RISK_SLIDE_ROWS, RISK_TITLE
from analytics.views import risk as view
from tests.fixture_support import workbook_values
from tests.test_risk import CONFIG, items_db  # noqa: F401  (the fixture)

D = dt.date
AS_OF = D(2024, 8, 16)
DUE = D(2024, 8, 20)
PC07 = "PC07 Rumah sakit pemeriksaan kesehatan…"
PC09 = "PC09 Koordinasi dengan penerbit dokumen calon…"
PC04 = "PC04 Sosialisasi persyaratan dan SILON kepada…"
PROVINCE_ROWS = (
    ("Kota Magelang", "PC05 Help desk pencalonan dibuka", DUE, "proses", "tidak ada kemajuan", "-"),
    ("Kota Magelang", PC07, DUE, "belum", "tidak ada kemajuan", "-"),
    ("Kota Magelang", PC09, DUE, "belum", "tidak ada kemajuan", "-"),
    ("Kota Magelang", PC04, DUE, "proses", "23 Agustus – 6 September 2024", "3–17"),
)
NOTHING = "Tidak ada komponen yang diperkirakan terlambat per 16 Agustus 2024."


@pytest.fixture
def decks(items_db):  # noqa: F811
    flags = risk.flags(items_db, AS_OF, CONFIG)
    series = meeting.load_series(items_db, AS_OF)
    return {
        "flags": flags,
        "series": series,
        "province": meeting.build_deck(series, risk_flags=flags),
        "magelang": meeting.build_deck(series, region="33.71", risk_flags=flags),
        "salatiga": meeting.build_deck(series, region="33.73", risk_flags=flags),
    }


def test_province_slide_rows_most_urgent_first(decks):
    deck = decks["province"]
    keys = [s.key for s in deck.slides]
    assert keys.index(RISK_KEY) == keys.index("perhatian") + 1  # after the attention list
    slide = deck.slide(RISK_KEY)
    assert slide.title == "Berisiko terlambat"
    assert slide.table.headers == [
        "Wilayah", "Komponen", "Batas waktu", "Capaian kini", "Perkiraan selesai",
        "Hari terlambat",
    ]  # fmt: skip
    assert slide.table.rows == PROVINCE_ROWS
    assert slide.table.display_rows()[3] == [
        "Kota Magelang", PC04, "20 Agustus 2024", "proses", "23 Agustus – 6 September 2024",
        "3–17",
    ]  # fmt: skip
    assert [(k.label, k.value) for k in slide.kpis] == [
        ("Kabupaten/kota berisiko", "1"),
        ("Komponen berisiko", "4"),
        ("Di antaranya tanpa kemajuan", "3"),
    ]
    assert slide.subtitle.startswith("Seluruh provinsi · per 16 Agustus 2024")


def test_regency_decks_keep_their_own_flags(decks):
    own = decks["magelang"].slide(RISK_KEY)
    assert own.table.headers[0] == "Komponen"  # no region column
    assert own.table.rows == tuple(row[1:] for row in PROVINCE_ROWS)
    assert [k.value for k in own.kpis] == ["4", "3"]
    none = decks["salatiga"].slide(RISK_KEY)
    assert none.table is None and none.points == (NOTHING,)
    assert [row[0] for row in decks["salatiga"].table(RISK_TITLE).rows] == []


def test_nothing_at_risk_says_so_and_not_computed_leaves_it_out(decks):
    empty = meeting.build_deck(decks["series"], risk_flags=[])
    assert empty.slide(RISK_KEY).points == (NOTHING,)
    assert empty.slide(RISK_KEY).table is None
    plain = meeting.build_deck(decks["series"])
    assert RISK_KEY not in [s.key for s in plain.slides]
    assert RISK_TITLE not in [t.name for t in plain.tables]


def test_a_long_list_is_cut_on_the_slide_and_whole_in_the_workbook(decks):
    pc04 = decks["flags"][-1]
    many = [
        dataclasses.replace(pc04, kode_wilayah=f"33.{i:02d}", nama_wilayah=f"Kabupaten K{i}")
        for i in range(1, 11)
    ]
    deck = meeting.build_deck(decks["series"], risk_flags=many)
    slide = deck.slide(RISK_KEY)
    assert len(slide.table.rows) == RISK_SLIDE_ROWS == 7
    assert [row[0] for row in slide.table.rows] == [f"K{i}" for i in range(1, 8)]
    assert slide.subtitle.endswith(
        "· 7 dari 10 ditampilkan, paling mendesak dulu; selengkapnya di lampiran"
    )
    assert len(deck.table(RISK_TITLE).rows) == 10


def pptx_rows(data: bytes) -> list[list[str]]:
    prs = Presentation(io.BytesIO(data))
    slide = next(s for s in prs.slides if s.shapes.title and s.shapes.title.text == RISK_TITLE)
    table = next(shape.table for shape in slide.shapes if shape.has_table)
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_slide_reaches_pptx_html_and_xlsx(decks):
    deck = decks["province"]
    shown = deck.slide(RISK_KEY).table.display_rows()
    rows = pptx_rows(exports.render(deck, "pptx"))
    assert rows[0] == deck.slide(RISK_KEY).table.headers
    assert rows[1:] == shown

    page = exports.render(deck, "html").decode("utf-8")
    section = page[page.index(f'<section class="slide" id="{RISK_KEY}">') :]
    section = section[: section.index("</section>")]
    assert "Berisiko terlambat" in section
    assert "23 Agustus – 6 September 2024" in section and "3–17" in section

    sheets = dict(workbook_values(exports.render(deck, "xlsx")))
    sheet = sheets[RISK_TITLE]
    assert sheet[0] == (
        "Kode wilayah", "Wilayah", "Kode komponen", "Komponen", "Batas waktu", "Capaian kini",
        "Status", "Perkiraan selesai paling cepat", "Perkiraan selesai paling lambat",
        "Hari terlambat (paling sedikit)", "Alasan", "Uraian",
    )  # fmt: skip
    assert [row[2] for row in sheet[1:]] == ["item:PC05", "item:PC07", "item:PC09", "item:PC04"]
    pc04 = sheet[4]
    assert pc04[:2] == ("33.71", "Kota Magelang")
    assert pc04[4] == dt.datetime(2024, 8, 20)
    assert pc04[5] == 0.5 and pc04[6] == "proses"
    assert pc04[7:11] == (dt.datetime(2024, 8, 23), dt.datetime(2024, 9, 6), 3, "proyeksi tren")
    assert sheet[1][7:11] == (None, None, None, "tanpa kemajuan")  # empty cells


def test_the_regency_one_pager_carries_its_flags_to_pptx(decks):
    rows = pptx_rows(exports.render(decks["magelang"], "pptx"))
    assert rows[1:] == [list(r[1:]) for r in decks["province"].slide(RISK_KEY).table.display_rows()]


def test_projection_chart_has_the_dotted_paces_and_the_deadline(items_db):  # noqa: F811
    proj = risk.projection(items_db, "33.71", "item:PC04", AS_OF, CONFIG)
    fig = risk_figures.projection_chart(proj)
    by_name = {trace.name: trace for trace in fig.data}
    assert set(by_name) == {
        "Capaian", "Perkiraan (laju tercepat)", "Perkiraan (laju rata-rata)",
        "Batas waktu 20 Agustus 2024",
    }  # fmt: skip
    fast = by_name["Perkiraan (laju tercepat)"]
    assert fast.line.dash == "dot"
    assert pd.Timestamp(fast.x[0]) == pd.Timestamp(AS_OF)  # from the last point
    assert list(fast.y) == pytest.approx([50, 50 + 200 / 7, 100, 100, 100])
    assert by_name["Perkiraan (laju rata-rata)"].line.dash == "dash"
    deadline = by_name["Batas waktu 20 Agustus 2024"]
    assert [pd.Timestamp(x) for x in deadline.x] == [pd.Timestamp(DUE)] * 2
    assert list(deadline.y) == [0, 100]
    assert list(fig.layout.yaxis.ticktext) == ["belum", "proses", "selesai"]
    assert list(by_name["Capaian"].y) == [0, 0, 0, 50]
    assert fig.layout.title.text.startswith("PC04 Sosialisasi persyaratan")


def test_stalled_component_has_no_projection_line(items_db):  # noqa: F811
    proj = risk.projection(items_db, "33.71", "item:PC07", AS_OF, CONFIG)
    names = [t.name for t in risk_figures.projection_chart(proj).data]
    assert names == ["Capaian", "Batas waktu 20 Agustus 2024"]


def test_summary_table_and_phone_lines(decks):
    flags = decks["flags"]
    summary = view.summary(flags)
    assert summary.value == "1"
    assert summary.text == (
        "1 kabupaten/kota, 4 komponen; terbanyak PC05 (1 kab/kota), PC07 (1), PC09 (1)"
    )
    table = view.flag_table(flags)
    assert list(table.iloc[3]) == [
        "Kota Magelang",
        "PC04 Sosialisasi persyaratan dan SILON kepada partai politik (termasuk Putusan MK 60 "
        "dan 70/2024)",
        "proses", "20 Agustus 2024", "23 Agustus – 6 September 2024", "3–17",
    ]  # fmt: skip
    lines = view.phone_lines(flags).lines
    assert lines[0] == ("Kota Magelang — PC05: proses · batas 20 Agustus 2024 · tidak ada kemajuan")
    assert lines[3] == (
        "Kota Magelang — PC04: proses · batas 20 Agustus 2024 · selesai 23 Agustus – "
        "6 September 2024 (3–17 hari terlambat)"
    )
    assert view.phone_lines(flags, with_region=False).lines[0].startswith("PC05: proses")


def test_open_late_end_and_other_components():
    flag = risk.RiskFlag(
        "33.02", "Kabupaten Banyumas", "bimtek:PPS:M03", "Bimtek PPS · M03 Pemutakhiran",
        D(2024, 9, 1), 0.4, D(2024, 9, 6), None, 5, "proyeksi",
    )  # fmt: skip
    assert view.finish_text(flag) == "paling cepat 6 September 2024"
    assert view.late_text(flag) == "sedikitnya 5"
    assert view.component_short(flag) == "Bimtek PPS M03"
    one_day = dataclasses.replace(flag, proyeksi_akhir=D(2024, 9, 6))
    assert (view.finish_text(one_day), view.late_text(one_day)) == ("6 September 2024", "5")
    body = dataclasses.replace(flag, komponen="badan:PPS", label="Pembentukan PPS")
    assert view.component_short(body) == "Pembentukan PPS"
    assert view.summary([]).text == "Tidak ada komponen yang diperkirakan terlambat."
