"""The PowerPoint export opened with python-pptx: 16:9, one slide per topic, native charts
whose values are `summary`'s numbers, real tables, an editable title."""

import io

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from analytics import formatting as fmt
from analytics.categories import CATEGORY_COLOR
from analytics.exports import file_name, render
from tests.exports_support import TITLE, shared_deck, shared_summary


def open_deck(region=None):
    return Presentation(io.BytesIO(render(shared_deck(region), "pptx")))


@pytest.fixture(scope="module")
def prs():
    return open_deck()


def charts(slide):
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def tables(slide):
    return [shape.table for shape in slide.shapes if shape.has_table]


def by_title(prs, title):
    return next(s for s in prs.slides if s.shapes.title.text_frame.text == title)


def region_values(chart, series_name):
    """{category: value} of one series of a native chart."""
    plot = chart.plots[0]
    series = next(s for s in plot.series if s.name == series_name)
    return dict(zip(plot.categories, series.values, strict=True))


def test_sixteen_to_nine_one_slide_per_topic(prs):
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    assert len(prs.slides) == 7
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    assert titles == [
        TITLE, "Ringkasan provinsi", "Badan ad hoc", "Bimbingan teknis (bimtek)",
        "Persiapan tahapan pencalonan", "Kabupaten/kota yang perlu perhatian",
        "Tahapan berikutnya",
    ]  # fmt: skip
    # The meeting title is a title placeholder, so it can be edited like any title.
    assert prs.slides[0].shapes.title.is_placeholder
    assert prs.core_properties.title == TITLE


def test_chart_types(prs):
    kinds = {s.shapes.title.text_frame.text: [c.chart_type for c in charts(s)] for s in prs.slides}
    assert kinds["Ringkasan provinsi"] == [XL_CHART_TYPE.BAR_CLUSTERED]
    assert kinds["Badan ad hoc"] == [XL_CHART_TYPE.BAR_CLUSTERED]
    assert kinds["Bimbingan teknis (bimtek)"] == [XL_CHART_TYPE.BAR_CLUSTERED]
    assert kinds["Persiapan tahapan pencalonan"] == [XL_CHART_TYPE.BAR_STACKED]
    assert kinds["Tahapan berikutnya"] == []


def test_chart_values_equal_summary(prs):
    regions = {r["nama"]: r for r in shared_summary()["kabupaten_kota"]}
    index = region_values(charts(by_title(prs, "Ringkasan provinsi"))[0], "Indeks kesiapan")
    sworn = region_values(charts(by_title(prs, "Badan ad hoc"))[0], "PPK")
    for name in ("Kota Magelang", "Kota Surakarta", "Kota Salatiga"):
        assert index[name] == pytest.approx(regions[name]["indeks_kesiapan"], abs=5e-5)
    # The weakest first: Kota Magelang (PPS 66,7%: perlu perhatian) is in the note, not a bar.
    assert "Kota Magelang" not in sworn
    assert sworn["Kota Surakarta"] == pytest.approx(
        regions["Kota Surakarta"]["badan"]["PPK"]["pelantikan"], abs=5e-7
    )
    assert sworn["Kota Surakarta"] == 0.16  # 4 of 25
    # A regency that has not reported has no bar, not a zero one.
    assert sworn["Cilacap (belum lapor)"] is None
    assert index["Cilacap (belum lapor)"] is None
    training = region_values(charts(by_title(prs, "Bimbingan teknis (bimtek)"))[0], "PPK")
    # The bimtek chart shows the measure that is judged: completion of the modules due.
    due = regions["Kota Magelang"]["bimtek"]["PPK"]["penuntasan_jatuh_tempo"]
    assert training["Kota Magelang"] == pytest.approx(due, abs=5e-7)
    done = region_values(charts(by_title(prs, "Persiapan tahapan pencalonan"))[0], "Selesai")
    assert sum(done.values()) == shared_summary()["provinsi"]["pencalonan"]["done_count"]


def test_tables_are_real_tables(prs):
    table = tables(by_title(prs, "Badan ad hoc"))[0]
    header = [table.cell(0, c).text for c in range(len(table.columns))]
    assert header == ["Badan", "Kebutuhan", "Dilantik", "% dilantik", "% perempuan",
                      "Pendaftar per kursi"]  # fmt: skip
    ppk = [table.cell(1, c).text for c in range(len(table.columns))]
    rate = shared_summary()["provinsi"]["badan"]["PPK"]["sworn_in_rate"]
    assert ppk[:4] == ["PPK", "40", "19", fmt.percent(rate)] == ["PPK", "40", "19", "47,5%"]


def test_region_one_pager_compares_with_the_province():
    prs = open_deck("33.71")
    assert len(prs.slides) == 7
    assert "Kota Magelang" in prs.slides[0].placeholders[1].text_frame.text
    chart = charts(by_title(prs, "Badan ad hoc"))[0]
    assert chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    province = shared_summary()["provinsi"]["badan"]
    assert region_values(chart, "Kota Magelang") == {"PPK": 1.0, "PPS": 6 / 9}
    assert region_values(chart, "Provinsi") == pytest.approx(
        {"PPK": province["PPK"]["sworn_in_rate"], "PPS": province["PPS"]["sworn_in_rate"]},
        abs=5e-7,
    )
    assert file_name(shared_deck("33.71"), "pptx") == "siaga_rapat_33.71_2024-08-21.pptx"


def point_fills(chart, series_name):
    """{category: fill colour} of the bars of one series (None: the series' own colour)."""
    plot = chart.plots[0]
    series = next(s for s in plot.series if s.name == series_name)
    fills = {}
    for i, category in enumerate(plot.categories):
        dpt = series._element.xpath(f"c:dPt[c:idx/@val={i}]//a:srgbClr/@val")
        fills[category] = f"#{dpt[0]}" if dpt else None
    return fills


def label_formats(chart, series_name):
    """{point index: number format} of the bars whose value label has its own format."""
    series = next(s for s in chart.plots[0].series if s.name == series_name)
    return {
        int(label.xpath("c:idx/@val")[0]): label.xpath("c:numFmt/@formatCode")[0]
        for label in series._element.xpath("c:dLbls/c:dLbl[c:numFmt]")
    }


def test_bars_take_the_category_colour_and_symbol(prs):
    """Kota Surakarta's PPK: 16% sworn in, tertinggal; its bar is vermillion and reads
    'PPK ■ 16,0%'; the key under the chart names the colours and the regencies left off."""
    slide = by_title(prs, "Badan ad hoc")
    chart = charts(slide)[0]
    fills = point_fills(chart, "PPK")
    assert fills["Kota Surakarta"].upper() == CATEGORY_COLOR["tertinggal"].upper()
    assert fills["Cilacap (belum lapor)"] is None  # no bar to colour
    assert label_formats(chart, "PPK") == {0: '"PPK ■ "0.0%'}
    assert not chart.has_legend  # the colours no longer tell the bodies apart
    key = next(s.text_frame.text for s in slide.shapes if s.has_text_frame
               and "lain" in s.text_frame.text)  # fmt: skip
    # Only the categories that have a bar (a regency not reported is named so on the axis).
    assert key == (
        "■ Tertinggal   - - Garis siap 85%\n"
        "30 kabupaten/kota lain (badan terendah): 1 ▲ perlu perhatian, 29 ○ belum lapor"
    )
