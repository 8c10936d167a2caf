"""The inline SVG charts of the offline HTML report: Indonesian numbers, no zero bar for a
regency that has not reported, a hover title on every bar, escaped text."""

import re
from xml.etree import ElementTree

import pytest

from analytics.categories import CATEGORY_COLOR
from analytics.exports.svg_chart import chart_svg
from analytics.figures.meeting import chart_height, series_colors
from analytics.meeting import Chart, Series

SVG = "{http://www.w3.org/2000/svg}"


def bars_chart(kind: str = "bar") -> Chart:
    return Chart(
        kind,
        "Dilantik per kabupaten/kota",
        ("Kab. <A&B>", "Kota Lain"),
        (Series("PPK", (0.875, 0.5)), Series("PPS", (0.25, None))),
        "percent",
        0.85,
        "Garis siap 85%",
    )


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)  # well-formed XML, or this raises


def bars(root: ElementTree.Element) -> list[ElementTree.Element]:
    return [r for r in root.iter(f"{SVG}rect") if r.get("class") == "bar"]


def own_text(element: ElementTree.Element) -> str:
    """A text element's words without its hover title."""
    return (element.text or "") + "".join(child.tail or "" for child in element)


def texts(root: ElementTree.Element) -> list[str]:
    """The words the chart shows (hover titles left out)."""
    return [own_text(t) for t in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("kind", ["bar", "column"])
def test_values_labels_and_titles(kind):
    svg = chart_svg(bars_chart(kind))
    root = parse(svg)
    shown = texts(root)
    for label in ("87,5%", "50,0%", "25,0%", "belum lapor", "Garis siap 85%", "PPK", "PPS"):
        assert label in shown, label
    assert "0,0%" not in shown  # the missing value is no zero bar
    titles = [r.find(f"{SVG}title").text for r in bars(root)]
    assert titles == [
        "Kab. <A&B>, PPK: 87,5%",
        "Kab. <A&B>, PPS: 25,0%",
        "Kota Lain, PPK: 50,0%",
    ]
    missing = [t for t in root.iter(f"{SVG}text") if own_text(t) == "belum lapor"]
    assert [t.find(f"{SVG}title").text for t in missing] == ["Kota Lain, PPS: belum lapor"]
    assert [r.get("fill") for r in bars(root)] == [series_colors(bars_chart(kind))[i]
                                                   for i in (0, 1, 0)]  # fmt: skip


def test_text_is_escaped():
    svg = chart_svg(bars_chart())
    assert "Kab. <A&B>" not in svg
    assert "Kab. &lt;A&amp;B&gt;" in svg
    assert "Kab. <A&B>" in texts(parse(svg))


def test_bar_lengths_are_proportional_to_values():
    for kind, size in (("bar", "width"), ("column", "height")):
        lengths = [float(r.get(size)) for r in bars(parse(chart_svg(bars_chart(kind))))]
        assert lengths[0] / lengths[2] == pytest.approx(0.875 / 0.5, rel=0.01)
        assert lengths[1] / lengths[2] == pytest.approx(0.25 / 0.5, rel=0.01)


def test_target_line_is_at_the_target():
    root = parse(chart_svg(bars_chart()))
    ticks = {own_text(t): float(t.get("x")) for t in root.iter(f"{SVG}text")}
    dashed = [line for line in root.iter(f"{SVG}line") if line.get("stroke-dasharray")]
    assert len(dashed) == 1
    x = float(dashed[0].get("x1"))
    assert x == pytest.approx(ticks["0%"] + 0.85 * (ticks["100%"] - ticks["0%"]), abs=0.2)


def test_size_scales_with_the_categories_and_the_container():
    chart = bars_chart()
    svg = chart_svg(chart)
    assert f'viewBox="0 0 760 {chart_height(chart)}"' in svg
    assert 'width="100%"' in svg
    assert not re.search(r"https?:(?!//www\.w3\.org/2000/svg)", svg)


def test_single_series_has_no_legend_and_counts_read_indonesian():
    chart = Chart("bar", "Jumlah", ("A", "B"), (Series("Jumlah", (1234, 56789)),), "count")
    root = parse(chart_svg(chart))
    assert not [r for r in root.iter(f"{SVG}rect") if r.get("class") == "swatch"]
    shown = texts(root)
    assert "1.234" in shown and "56.789" in shown


def test_crowded_clustered_bars_carry_no_value_labels():
    # The plotly rule: several series over more than six categories stay unlabelled.
    categories = tuple(f"Kab. {i}" for i in range(8))
    chart = Chart(
        "bar", "Banyak", categories,
        (Series("PPK", (0.5,) * 8), Series("PPS", (0.75,) * 8)), "percent",
    )  # fmt: skip
    shown = texts(parse(chart_svg(chart)))
    assert "50,0%" not in shown and "75,0%" not in shown
    assert all(c in shown for c in categories)  # every category named


def test_stacked_bar_skips_zero_segments():
    chart = Chart(
        "stacked_bar",
        "Status butir",
        ("PC01 Pedoman", "PC02 Pokja"),
        (Series("Selesai", (30, 35)), Series("Belum", (5, 0))),
        "count",
    )
    root = parse(chart_svg(chart))
    titles = [r.find(f"{SVG}title").text for r in bars(root)]
    assert titles == [
        "PC01 Pedoman, Selesai: 30",
        "PC01 Pedoman, Belum: 5",
        "PC02 Pokja, Selesai: 35",
    ]
    widths = [float(r.get("width")) for r in bars(root)]
    assert widths[0] + widths[1] == pytest.approx(widths[2], rel=0.01)
    shown = texts(root)
    assert "30" in shown and "5" in shown and "35" in shown
    assert shown.count("0") == 1  # the axis' first tick, never a segment


def test_bars_take_the_category_colour_symbol_and_note():
    """The HTML report's chart reads like the page: each bar in its category's colour,
    the symbol before its value, the categories in the legend, the note under the chart."""
    chart = Chart(
        "bar",
        "Dilantik per kabupaten/kota",
        ("Kota A", "Kota B (belum lapor)"),
        (Series("PPK", (0.5, None), ("tertinggal", "belum_lapor")),
         Series("PPS", (0.9, None), ("siap", "belum_lapor"))),
        "percent",
        0.85,
        "Garis siap 85%",
        note="33 kabupaten/kota lain (badan terendah): 33 ● siap",
    )  # fmt: skip
    root = parse(chart_svg(chart))
    assert [r.get("fill") for r in bars(root)] == [
        CATEGORY_COLOR["tertinggal"], CATEGORY_COLOR["siap"],
    ]  # fmt: skip
    shown = texts(root)
    assert "PPK ■ 50,0%" in shown and "PPS ● 90,0%" in shown
    assert shown.count("belum lapor") == 1  # one line for the regency, no zero bars
    symbols = [own_text(t) for t in root.iter(f"{SVG}text") if t.get("class") == "swatch"]
    assert symbols == ["●", "■"]  # legend: the categories that have a bar, scorecard order
    assert "Siap" in shown and "Tertinggal" in shown
    assert shown[-1] == "33 kabupaten/kota lain (badan terendah): 33 ● siap"
