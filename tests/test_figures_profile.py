"""Regency profile figures from small hand-made frames."""

import math

import pandas as pd

from analytics.figures import profile as figures


def comparison() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "key": ["readiness_index", "PPK.sworn_in_rate", "PPK.women_share", "PPK.fill_rate"],
            "in_chart": [False, True, True, False],
            "label": ["Indeks kesiapan", "PPK dilantik", "PPK perempuan", "PPK keterisian"],
            "kind": ["index", "rate", "rate", "rate"],
            "value": [72.0, 0.9, 0.1, 0.95],
            "median": [80.0, 1.0, 0.35, 1.0],
            "target": [None, None, 0.3, None],
            "is_reported": [True, True, True, True],
        }
    )


def test_comparison_chart_bars_median_and_target():
    fig = figures.comparison_chart(comparison(), "Kota Magelang")
    bar, median, target = fig.data
    assert list(bar.y) == ["PPK perempuan", "PPK dilantik"]  # chart rows only, top down
    assert list(bar.x) == [10.0, 90.0]
    assert list(bar.text) == ["<b>10,0%</b>", "<b>90,0%</b>"]
    assert list(bar.textposition) == ["outside", "inside"]  # a short bar writes beside it
    assert list(median.x) == [35.0, 100.0] and median.name == "Median provinsi"
    assert list(target.y) == ["PPK perempuan"] and list(target.x) == [30.0]
    assert "Sasaran: %{customdata}" in target.hovertemplate


def test_comparison_chart_not_reported_reads_belum_lapor():
    frame = comparison().assign(value=None, is_reported=False)
    bar = figures.comparison_chart(frame, "Kota Salatiga").data[0]
    assert list(bar.x) == [0, 0]
    assert list(bar.customdata) == ["belum lapor", "belum lapor"]


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
