"""The meeting charts as plotly figures: bars in the scorecard's category colours and
symbols, names as data (escaped), no text smaller than the font asked for, and a plot tall
enough that every bar carries its label."""

from analytics.categories import CATEGORY_COLOR
from analytics.figures.meeting import (
    BAR_GAP,
    chart_figure,
    legend_entries,
    legend_html,
    slide_chart_height,
    value_prefixes,
)
from analytics.figures.theme import GREY
from analytics.meeting import Chart, Series


def readiness_chart() -> Chart:
    """Three regencies, one series, as slide 2 gives them (weakest first)."""
    return Chart(
        "bar",
        "Indeks kesiapan",
        ("Kab. <b>A</b>", "Kota B", "Kota C (belum lapor)"),
        (
            Series(
                "Indeks kesiapan",
                (52.0, 71.5, None),
                ("tertinggal", "perlu_perhatian", "belum_lapor"),
            ),
        ),
        "index",
        85.0,
        "Siap ≥ 85",
        note="32 kabupaten/kota lain: 30 ● siap, 2 ▲ perlu perhatian",
    )


def bodies_chart() -> Chart:
    """Two regencies × two bodies, each bar in the category of its own value."""
    return Chart(
        "bar",
        "Dilantik",
        ("Kota A", "Kota B"),
        (
            Series("PPK", (0.5, 0.9), ("tertinggal", "siap")),
            Series("PPS", (0.7, 0.95), ("perlu_perhatian", "siap")),
        ),
        "percent",
        0.85,
        "Garis siap 85%",
    )


def bars(fig):
    return [t for t in fig.data if t.type == "bar"]


def test_bars_take_the_category_colours():
    fig = chart_figure(readiness_chart(), font_size=18)
    (trace,) = bars(fig)
    assert list(trace.marker.color) == [
        CATEGORY_COLOR["tertinggal"], CATEGORY_COLOR["perlu_perhatian"], GREY,
    ]  # fmt: skip
    # The value carries the symbol, so colour is never the only signal.
    assert list(trace.texttemplate) == ["■ %{x:.1f}", "▲ %{x:.1f}", "○ %{x:.1f}"]
    several = bars(chart_figure(bodies_chart()))
    assert [list(t.marker.color) for t in several] == [
        [CATEGORY_COLOR["tertinggal"], CATEGORY_COLOR["siap"]],
        [CATEGORY_COLOR["perlu_perhatian"], CATEGORY_COLOR["siap"]],
    ]
    # The body is named on the bar: the colour now says the category, not the body.
    assert list(several[1].texttemplate) == ["PPS ▲ %{x:.1%}", "PPS ● %{x:.1%}"]


def test_series_without_categories_keep_their_colours():
    chart = Chart("column", "Dilantik", ("PPK",),
                  (Series("Kota A", (0.5,), ("tertinggal",)), Series("Provinsi", (0.6,))),
                  "percent")  # fmt: skip
    fills = [list(t.marker.color) for t in bars(chart_figure(chart))]
    assert fills == [[CATEGORY_COLOR["tertinggal"]], [GREY]]
    assert value_prefixes(chart) == [["■ "], [""]]  # a column names its body on the axis
    # The categorised series is told apart by its categories, the province by its grey.
    assert legend_entries(chart) == [
        ("Provinsi", GREY, None),
        ("Tertinggal", CATEGORY_COLOR["tertinggal"], "tertinggal"),
    ]


def test_names_are_data_not_markup():
    fig = chart_figure(readiness_chart())
    assert list(bars(fig)[0].y)[0] == "Kab. &lt;b&gt;A&lt;/b&gt;"
    html = legend_html(Chart("bar", "t", ("x",), (Series("<i>PPK</i>", (1.0,)),
                                                   Series("B", (1.0,))), "percent"))  # fmt: skip
    assert "&lt;i&gt;PPK&lt;/i&gt;" in html and "<i>" not in html


def test_no_text_smaller_than_the_font():
    fig = chart_figure(readiness_chart(), font_size=18, title=False)
    assert fig.layout.uniformtext.minsize == 18  # plotly may not shrink a value to fit
    assert fig.layout.font.size == 18
    assert fig.layout.yaxis.tickfont.size == 18
    assert bars(fig)[0].constraintext == "none"
    # The page writes title, legend and note itself; the figure carries none of them.
    assert not fig.layout.showlegend and not fig.layout.annotations
    with_title = chart_figure(readiness_chart(), font_size=18)
    assert with_title.layout.annotations[0].text == readiness_chart().note
    # Belum lapor has no bar, so no legend entry.
    legend = [t.name for t in with_title.data if t.type == "scatter"]
    assert legend == ["Perlu perhatian", "Tertinggal"]


def test_legend_html_names_the_categories_and_the_target():
    html = legend_html(readiness_chart(), "1.2rem")
    assert html.index("▲</span>&nbsp;Perlu perhatian") < html.index("■</span>&nbsp;Tertinggal")
    assert "Siap ≥ 85" in html and "dashed" in html
    assert "font-size:1.2rem" in html


def test_slide_height_gives_every_bar_room_for_its_label():
    chart = bodies_chart()
    height = slide_chart_height(chart, 18)
    bars_total = len(chart.categories) * len(chart.series)
    # Each bar 21 px (18 px type + 3), the gaps between regencies on top.
    assert height == int(bars_total * 21 / (1 - BAR_GAP)) + 8
    assert slide_chart_height(readiness_chart(), 18) == int(3 * 21 / (1 - BAR_GAP)) + 8
