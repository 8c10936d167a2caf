"""Regency profile figures from small hand-made frames."""

import math

import pandas as pd

from analytics.figures import profile as figures


def comparison() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "key": [
                "readiness_index",
                "PPK.sworn_in_rate",
                "PPK.women_share",
                "PPK.fill_rate",
                "bimtek.PPK",
                "candidacy_due_completion",
            ],  # fmt: skip
            "in_chart": [True, True, True, False, True, True],
            "label": [
                "Indeks kesiapan",
                "PPK dilantik",
                "PPK perempuan",
                "PPK keterisian",
                "Bimtek PPK (jatuh tempo)",
                "Pencalonan (jatuh tempo)",
            ],  # fmt: skip
            "kind": ["index", "rate", "rate", "rate", "rate", "rate"],
            "value": [72.0, 0.9, 0.1, 0.95, 0.281, 0.7],
            "median": [80.0, 1.0, 0.35, 1.0, 0.86, 0.9],
            "target": [None, None, 0.3, None, None, None],
            "is_reported": [True] * 6,
            "category": ["tertinggal", "siap", None, None, "tertinggal", "perlu_perhatian"],
        }
    )


def test_comparison_chart_bars_median_and_target():
    fig = figures.comparison_chart(comparison(), "Kota Magelang")
    bar = fig.data[0]
    traces = [t.name for t in fig.data]
    assert traces == [
        "Kota Magelang", "Siap", "Perlu perhatian", "Tertinggal", "Median provinsi",
        "Sasaran",
    ]  # fmt: skip
    assert not bar.showlegend  # its colours are the categories' legend entries
    # Chart rows only, top down; the index on its own 0-100 scale.
    assert list(bar.y) == [
        "Pencalonan (jatuh tempo)", "Bimtek PPK (jatuh tempo)", "PPK perempuan",
        "PPK dilantik", "Indeks kesiapan",
    ]  # fmt: skip
    assert list(bar.x) == [70.0, 28.1, 10.0, 90.0, 72.0]
    # Each bar in its category's colour; the women's share (judged by its target) neutral.
    assert list(bar.marker.color) == ["#E69F00", "#D55E00", "#7F8C99", "#0072B2", "#D55E00"]
    assert list(bar.customdata) == ["▲ 70,0%", "■ 28,1%", "10,0%", "● 90,0%", "■ 72,0"]
    assert bar.text is None  # no value on the bar, where a diamond could cover it
    # The values stand right of the plot (paper x = 1), the symbol in its colour.
    notes = fig.layout.annotations
    assert [(a.x, a.xref, a.xanchor, a.y) for a in notes] == [
        (1, "paper", "left", label) for label in bar.y
    ]
    assert notes[1].text == '<span style="color:#D55E00">■ </span><b>28,1%</b>'
    assert notes[2].text == "<b>10,0%</b>"
    assert fig.layout.margin.r == 8 + 7 * 10 + 12  # room for "■ 28,1%"
    median, target = fig.data[-2:]
    assert list(median.x) == [90.0, 86.0, 35.0, 100.0, 80.0]
    assert list(median.customdata) == ["90,0%", "86,0%", "35,0%", "100,0%", "80,0"]
    assert list(target.y) == ["PPK perempuan"] and list(target.x) == [30.0]
    assert "Sasaran: %{customdata}" in target.hovertemplate


def test_comparison_chart_not_reported_reads_belum_lapor():
    frame = comparison().assign(value=None, is_reported=False, category=None)
    fig = figures.comparison_chart(frame, "Kota Salatiga")
    bar = fig.data[0]
    assert list(bar.x) == [0] * 5
    assert list(bar.customdata) == ["belum lapor"] * 5
    assert [a.text for a in fig.layout.annotations] == ["<b>belum lapor</b>"] * 5


def test_comparison_chart_not_due_reads_its_own_words():
    frame = pd.DataFrame(
        {
            "key": ["bimtek.KPPS", "bimtek_semua.KPPS"],
            "in_chart": [True, False],
            "label": ["Bimtek KPPS (jatuh tempo)", "Bimtek KPPS (semua materi)"],
            "kind": ["rate", "rate"],
            "value": [None, 0.4],
            "median": [None, 0.5],
            "target": [None, None],
            "is_reported": [True, True],
            "missing_text": ["belum jatuh tempo", "-"],
        }
    )
    bar = figures.comparison_chart(frame, "Kota Magelang").data[0]
    assert list(bar.y) == ["Bimtek KPPS (jatuh tempo)"]  # only the judged measure is drawn
    assert list(bar.customdata) == ["belum jatuh tempo"]


def test_trends():
    dates = pd.to_datetime(["2024-08-02", "2024-08-09"])
    ready = pd.DataFrame(
        {"report_date": dates, "readiness_index": [None, 64.5], "median": [70.0, 71.0]}
    )
    fig = figures.readiness_trend(ready, "Kota Magelang")
    assert [t.name for t in fig.data] == ["Median provinsi", "Kota Magelang"]
    assert math.isnan(fig.data[1].y[0]) and fig.data[1].y[1] == 64.5
    assert list(fig.data[1].customdata) == ["2 Agustus 2024", "9 Agustus 2024"]
    sworn = pd.DataFrame(
        {
            "report_date": list(dates) * 3,
            "badan": ["PPK", "PPK", "PPS", "PPS", "KPPS", "KPPS"],
            "sworn_in_rate": [0.5, 1.0, None, 0.25, None, None],
        }
    )
    fig = figures.sworn_in_trend(sworn)
    assert [t.name for t in fig.data] == ["PPK", "PPS"]  # KPPS has no unit yet: no line
    assert list(fig.data[0].y) == [50.0, 100.0]
    assert fig.data[1].customdata[1][1] == "25,0%"
