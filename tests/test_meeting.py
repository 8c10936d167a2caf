"""The meeting deck as data: slides, hand-computed numbers from the tiny fixture, summary parity."""

import datetime as dt

import pytest

from analytics import formatting as fmt
from analytics import meeting
from analytics.meeting import build_deck, display
from analytics.meeting.province import _rest_note
from tests.exports_support import (
    AS_OF,
    TITLE,
    series,
    shared_db,
    shared_deck,
    shared_summary,
)


@pytest.fixture
def db():
    return shared_db()


@pytest.fixture
def province():
    return shared_deck()


@pytest.fixture
def expected():
    return shared_summary()


def test_province_deck_has_one_slide_per_topic(province):
    assert [s.key for s in province.slides] == [
        "judul", "ringkasan", "badan", "bimtek", "pencalonan", "perhatian", "jadwal",
    ]  # fmt: skip
    title = province.slides[0]
    assert title.title == TITLE
    assert "KPU Provinsi Jawa Tengah" in title.points
    assert "Data per 21 Agustus 2024" in title.points
    assert province.footer == ("SIAGA · KPU Provinsi Jawa Tengah · Data per 21 Agustus 2024")


def test_blank_title_falls_back_to_the_default(db):
    assert build_deck(series(db), title="   ").meeting_title == meeting.DEFAULT_TITLE


def test_readiness_chart_equals_summary(province, expected):
    chart = province.slide("ringkasan").chart
    index = {r["nama"]: r["indeks_kesiapan"] for r in expected["kabupaten_kota"]}
    shown = dict(zip(chart.categories, chart.series[0].values, strict=True))
    for name in ("Kota Magelang", "Kota Surakarta", "Kota Salatiga"):
        assert shown[name] == pytest.approx(index[name], abs=5e-5)  # summary: 4 decimals
    # Not reported: labelled, and no bar (never 0).
    assert shown["Cilacap (belum lapor)"] is None
    # The attention list's order: tertinggal by lowest index, then belum lapor (by code);
    # nine bars readable on a projector, the other 26 regencies summed up in the note.
    assert chart.categories == (
        "Kota Surakarta", "Kota Salatiga", "Kota Magelang", "Cilacap (belum lapor)",
        "Banyumas (belum lapor)", "Purbalingga (belum lapor)", "Banjarnegara (belum lapor)",
        "Kebumen (belum lapor)", "Purworejo (belum lapor)",
    )  # fmt: skip
    assert index["Kota Surakarta"] < index["Kota Salatiga"] < index["Kota Magelang"]
    assert chart.series[0].bar_categories == ("tertinggal",) * 3 + ("belum_lapor",) * 6
    assert chart.note == "26 kabupaten/kota lain: 26 ○ belum lapor"
    assert len(province.table("Kesiapan").rows) == 35  # every regency stays in the workbook


def test_rate_chart_bars_by_category_weakest_first(province):
    """Sworn in per regency: Kota Surakarta's PPK 4 of 25 (16% < 60: tertinggal) leads;
    Kota Magelang (PPK 100%, PPS 6 of 9 = 66,7%: perlu perhatian at worst) ranks after the
    regencies that have not reported, so it is counted in the note."""
    chart = province.slide("badan").chart
    assert [s.name for s in chart.series] == ["PPK", "PPS"]
    assert chart.categories[0] == "Kota Surakarta"
    assert len(chart.categories) == 5  # 14 bars of room / (2 bodies + a gap)
    ppk = chart.series[0]
    assert ppk.values[0] == 0.16
    assert ppk.bar_categories == ("tertinggal",) + ("belum_lapor",) * 4
    assert chart.note == (
        "30 kabupaten/kota lain (badan terendah): 1 ▲ perlu perhatian, 29 ○ belum lapor"
    )


def test_rest_note_counts_by_category():
    rest = ["siap"] * 20 + ["perlu_perhatian"] * 7
    assert _rest_note(rest) == "27 kabupaten/kota lain: 20 ● siap, 7 ▲ perlu perhatian"
    assert _rest_note(["tertinggal", "belum_lapor", "siap"], by_weakest_body=True) == (
        "3 kabupaten/kota lain (badan terendah): 1 ● siap, 1 ■ tertinggal, 1 ○ belum lapor"
    )
    assert _rest_note([]) == ""


def test_body_table_by_hand(province):
    """15 August version of Kota Magelang + Kota Surakarta's PPK (4 of 25 sworn in)."""
    table = province.slide("badan").table
    rows = {r[0]: r for r in table.display_rows()}
    # PPK: 15 + 25 seats, 15 + 4 sworn in = 19/40; women 5 + 7 of 15 + 24 appointed.
    assert rows["PPK"] == ["PPK", "40", "19", "47,5%", "30,8%", "1,98×"]
    # PPS: Kota Magelang only, 6 of 9 sworn in.
    assert rows["PPS"][1:4] == ["9", "6", "66,7%"]
    assert rows["KPPS"] == ["KPPS", "-", "-", "-", "-", "-"]


def test_candidacy_slide_by_hand(province, expected):
    slide = province.slide("pencalonan")
    kpis = {k.label: k.value for k in slide.kpis}
    # Kota Magelang: 3 of 10 applicable done; Kota Salatiga: 1 of 11 done.
    assert kpis["Butir selesai: 4 dari 21"] == "19,0%"
    assert kpis["Butir terlambat"] == "8"
    done = next(s for s in slide.chart.series if s.name == "Selesai")
    assert sum(done.values) == expected["provinsi"]["pencalonan"]["done_count"] == 4
    not_reported = next(s for s in slide.chart.series if s.name == "Belum lapor")
    assert set(not_reported.values) == {33}


def test_candidacy_chart_shows_the_late_items(province, expected):
    """Every overdue item is drawn as "Terlambat" (not as Proses or Belum): the series
    sums to the KPI beside the chart, and each item's states add up to every regency."""
    slide = province.slide("pencalonan")
    chart = slide.chart
    assert [s.name for s in chart.series] == [
        "Selesai", "Proses", "Terlambat", "Belum", "Tidak berlaku", "Belum lapor",
    ]  # fmt: skip
    late = next(s for s in chart.series if s.name == "Terlambat")
    kpis = {k.label: k.value for k in slide.kpis}
    assert sum(late.values) == expected["provinsi"]["pencalonan"]["overdue_count"] == 8
    assert fmt.number(sum(late.values)) == kpis["Butir terlambat"]
    regions = {sum(s.values[i] for s in chart.series) for i in range(len(chart.categories))}
    assert regions == {35}
    # Item names are short enough to read whole: no "…" on the demo checklist.
    assert chart.categories[3] == "PC04 Sosialisasi ke partai"
    assert not [c for c in chart.categories if "…" in c]


def test_attention_says_on_what_and_since_when(province):
    table = province.slide("perhatian").table
    # Ranked: tertinggal by index first (Surakarta, then Salatiga, then Magelang).
    assert [r[1] for r in table.rows[:4]] == [
        "Kota Surakarta", "Kota Salatiga", "Kota Magelang", "Kabupaten Cilacap",
    ]  # fmt: skip
    magelang = table.rows[2]
    index = next(r for r in shared_summary()["kabupaten_kota"] if r["kode_wilayah"] == "33.71")
    assert magelang[2] == f"■ Tertinggal · indeks {fmt.number(index['indeks_kesiapan'], 1)}"
    assert "Pantarlih dilantik 0,0% sejak 31 Juli" in magelang[3]
    assert "Pencalonan (jatuh tempo) 50,0%: 3 butir terlambat sejak 21 Agustus" in magelang[3]
    assert magelang[4].startswith("31 Juli 2024")
    assert len(table.rows) == meeting.SLIDE_ROWS  # the full list is in the workbook
    assert len(province.table("Perlu perhatian").rows) == 35


def test_region_one_pager():
    one = shared_deck("33.71")
    assert one.scope == "Kota Magelang"
    assert [s.key for s in one.slides][1:3] == ["ringkasan", "badan"]
    badan = one.slide("badan")
    assert badan.chart.series[0].values == (1.0, 6 / 9)  # PPK, PPS at full precision
    # Kota Magelang's bars in its categories (100% siap, 66,7% perlu perhatian), the
    # province's grey (no categories).
    assert badan.chart.series[0].bar_categories == ("siap", "perlu_perhatian")
    assert badan.chart.series[1].bar_categories == ()
    components = one.slide("ringkasan").chart.series[0]
    assert components.values[:3] == (1.0, 6 / 9, 0.0)  # PPK, PPS, Pantarlih sworn in
    assert components.bar_categories[:3] == ("siap", "perlu_perhatian", "tertinggal")
    assert [r[0] for r in one.table("Badan ad hoc").rows] == ["33.71"] * 4
    items = one.slide("pencalonan").table.display_rows()
    assert items[3][:4] == ["PC04", items[3][1], "20 Agustus 2024", "○ Belum"]
    assert items[3][5] == "1"  # one day overdue on 21 August


def test_unknown_region_is_refused(db):
    with pytest.raises(KeyError):
        build_deck(series(db), region="33.99")


def test_not_reported_is_empty_never_zero(province):
    sheet = province.table("Badan ad hoc")
    salatiga = next(r for r in sheet.rows if r[0] == "33.73" and r[2] == "PPK")
    assert salatiga[3] == "belum lapor"
    assert salatiga[5] is None and salatiga[14] is None


def test_display_formats_indonesian():
    assert display(0.875, meeting.PERCENT) == "87,5%"
    assert display(1234, meeting.COUNT) == "1.234"
    assert display(dt.date(2024, 8, 15), meeting.DATE) == "15 Agustus 2024"
    assert display(None, meeting.PERCENT) == "belum lapor"


def test_weekly_dates_stop_a_week_before_the_first_data():
    dates = meeting.weekly_dates(AS_OF, dt.date(2024, 8, 1))
    assert dates == [dt.date(2024, 7, 31), dt.date(2024, 8, 7), dt.date(2024, 8, 14), AS_OF]
