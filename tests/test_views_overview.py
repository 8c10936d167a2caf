"""Province overview views on a tiny hand-made Indicators, and against the CLI summary."""

import datetime as dt
import math
from dataclasses import replace

import pandas as pd
import pytest

from analytics import categories, indicators, reference
from analytics.config import Component, IndicatorConfig
from analytics.views import calendar, headline, overview, ranking
from tests.ui.support import fixture_db

D = dt.date
D1, D2, D3 = D(2024, 8, 2), D(2024, 8, 9), D(2024, 8, 16)
DATES = [D1, D2, D3]
NAN = math.nan
NAMES = {"33.01": "Kabupaten Cilacap", "33.02": "Kabupaten Banyumas", "33.03": "Kota Tegal"}
A, B, C = "33.01", "33.02", "33.03"  # behind / ready but late upload / never reported

CONFIG = IndicatorConfig(
    period_days=7,
    expected_from={
        "badan_adhoc": D(2024, 4, 26),
        "bimtek": D(2024, 5, 20),
        "persiapan_pencalonan": D(2024, 8, 1),
    },
    women_target=0.30,
    applicant_target=2.0,
    green=85.0,
    amber=60.0,
    components=(
        Component("ppk_dilantik", "PPK dilantik", "sworn_in_rate", "PPK", D(2024, 5, 16), 1.0),
        Component("bimtek_pps", "Bimtek PPS", "training_completion", "PPS", D(2024, 6, 25), 0.5),
        Component(
            "pencalonan", "Persiapan pencalonan", "candidacy_due_completion", None,
            D(2024, 8, 10), 2.0,
        ),
        Component("kpps_dilantik", "KPPS dilantik", "sworn_in_rate", "KPPS", D(2024, 11, 7), 1.0),
    ),
)  # fmt: skip


def per_date(values: dict[str, list]) -> list[tuple]:
    """{code: [value on D1, D2, D3]} -> (date, code, value) rows."""
    return [(d, code, v[i]) for code, v in values.items() for i, d in enumerate(DATES)]


def frame(rows: list[dict]) -> pd.DataFrame:
    out = pd.DataFrame(rows)
    out["report_date"] = pd.to_datetime(out["report_date"])
    out["nama"] = out["kode_wilayah"].map(NAMES)
    return out


def world() -> indicators.Indicators:
    """Three regencies over three weeks.

    A (33.01) slides from siap to tertinggal; B (33.02) stays siap but its bimtek upload is
    old; C (33.03) never reports."""
    sworn = {A: [0.9, 0.7, 0.6], B: [1.0, 1.0, 1.0], C: [NAN] * 3}
    badan = []
    for d, code, rate in per_date(sworn):
        reported = code != C
        badan.append(
            {"report_date": d, "kode_wilayah": code, "badan": "PPK", "is_reported": reported,
             "kebutuhan": 10.0 if reported else NAN, "fill_rate": rate, "sworn_in_rate": rate,
             "women_share": 0.25 if code == A else (0.4 if reported else NAN),
             "applicant_ratio": 1.5 if code == A else (2.5 if reported else NAN),
             "coverage_rate": 1.0 if reported else NAN}
        )  # fmt: skip
        badan.append(
            {"report_date": d, "kode_wilayah": code, "badan": "KPPS", "is_reported": reported,
             "kebutuhan": 0.0 if reported else NAN, "fill_rate": 0.0 if reported else NAN,
             "sworn_in_rate": 0.0 if reported else NAN, "women_share": NAN,
             "applicant_ratio": NAN, "coverage_rate": 0.0 if reported else NAN}
        )  # fmt: skip
    training = []
    pps = {A: [0.5, 0.4, 0.4], B: [0.9, 0.9, 0.9], C: [NAN] * 3}
    for d, code, rate in per_date(pps):
        for body in ("PPS", "PPK"):
            training.append(
                {"report_date": d, "kode_wilayah": code, "badan": body,
                 "is_reported": code != C, "training_completion": rate,
                 "training_due_completion": rate}
            )  # fmt: skip
    candidacy, items = [], []
    due = {A: [1.0, 1.0, 0.5], B: [1.0, 1.0, 1.0], C: [NAN] * 3}
    overdue = {A: [0, 0, 2], B: [0, 0, 0], C: [NAN] * 3}
    for (d, code, done), (_, _, late) in zip(per_date(due), per_date(overdue), strict=True):
        candidacy.append(
            {"report_date": d, "kode_wilayah": code, "is_reported": code != C,
             "overdue_count": late, "candidacy_due_completion": done}
        )  # fmt: skip
        for item, deadline in (("PC01", D(2024, 8, 10)), ("PC02", D(2024, 8, 12))):
            # A is late on both items on D3; C has no data, so its items count as 'belum'
            # and are flagged overdue in the item table, but C has no count (belum lapor).
            is_overdue = d > deadline and (code == C or (code == A and d == D3))
            items.append(
                {"report_date": d, "kode_wilayah": code, "kode_item": item,
                 "batas_waktu": deadline, "is_overdue": is_overdue}
            )  # fmt: skip
    reporting = []
    for d in DATES:
        for code in NAMES:
            for dataset, expected in CONFIG.expected_from.items():
                if code == C:
                    data_as_of, status = None, "belum_lapor"
                elif code == B and dataset == "bimtek":
                    data_as_of, status = D(2024, 8, 1), "terlambat" if d > D(2024, 8, 8) else (
                        "tepat_waktu")  # fmt: skip
                else:
                    data_as_of, status = d, "tepat_waktu"
                reporting.append(
                    {"report_date": d, "kode_wilayah": code, "dataset": dataset,
                     "expected_from": pd.Timestamp(expected),
                     "data_as_of": pd.Timestamp(data_as_of) if data_as_of else pd.NaT,
                     "uploaded_at": pd.Timestamp(data_as_of) + pd.Timedelta(hours=9)
                     if data_as_of else pd.NaT,
                     "uploaded_by": None if data_as_of is None else f"operator{code[-1]}",
                     "days_since_data": (d - data_as_of).days if data_as_of else NAN,
                     "reporting_status": status}
                )  # fmt: skip
    index = {A: [88.0, 70.0, 50.0], B: [90.0, 90.0, 90.0], C: [NAN] * 3}
    category = {
        A: ["siap", "perlu_perhatian", "tertinggal"],
        B: ["siap"] * 3,
        C: ["belum_lapor"] * 3,
    }
    readiness = [
        {"report_date": d, "kode_wilayah": code, "readiness_index": value,
         "category": category[code][DATES.index(d)],
         "index_category": category[code][DATES.index(d)]}
        for d, code, value in per_date(index)
    ]  # fmt: skip
    kpps = {"regions_reported_count": 2, "kebutuhan": 0.0, "sworn_in_rate": None}
    province = {
        D1: {"badan": {"PPK": {"sworn_in_rate": 0.9}, "KPPS": kpps},
             "bimtek": {}, "pencalonan": {"overdue_count": 0}},
        D2: {"badan": {"PPK": {"sworn_in_rate": 0.85}, "PPS": {"sworn_in_rate": 0.95},
                       "KPPS": kpps},
             "bimtek": {}, "pencalonan": {"overdue_count": 0}},
        D3: {"badan": {"PPK": {"sworn_in_rate": 0.8}, "PPS": {"sworn_in_rate": 0.95},
                       "KPPS": kpps},
             "bimtek": {"PPK": {"training_completion": 0.5, "training_due_completion": 0.65}},
             "pencalonan": {"overdue_count": 2}},
    }  # fmt: skip
    return indicators.Indicators(
        D3,
        frame(badan),
        frame(training),
        frame(candidacy),
        frame(items),
        frame(reporting),
        frame(readiness),
        province,
    )


@pytest.fixture(scope="module")
def series() -> indicators.Indicators:
    return world()


@pytest.fixture(scope="module")
def today(series) -> indicators.Indicators:
    return series.on(D3)


# --------------------------------------------------------------------------- attention


def test_attention_list_ranks_and_says_what_and_since_when(series, today):
    table = ranking.attention_list(today, series, CONFIG)
    assert table["Kode"].tolist() == [A, C, B]  # tertinggal, belum lapor, late upload
    assert table.index.tolist() == [1, 2, 3]
    a, c, b = (table.iloc[i] for i in range(3))
    assert a["Kesiapan"] == "■ Tertinggal · indeks 50,0"
    # Tertinggal components first (each one makes A tertinggal), heaviest pull on the index
    # first among them: candidacy 2x0.5, bimtek PPS 0.5x0.6; then PPK (perlu perhatian).
    assert a["Belum siap pada"] == (
        "Persiapan pencalonan 50,0%: 2 butir terlambat sejak 11 Agustus; Bimtek PPS 40,0% sejak 2 Agustus; "
        "PPK dilantik 60,0% sejak 9 Agustus"
    )
    assert a["Belum siap sejak"] == "9 Agustus 2024 (1 minggu)"
    assert a["Pelaporan"] == "✓ Tepat waktu"
    assert c["Kesiapan"] == "○ Belum lapor"
    # The candidacy component only counts from 10 August: its run starts on 16 August.
    # C's items are flagged overdue in the item table, but C has no count: belum lapor.
    assert c["Belum siap pada"] == (
        "Persiapan pencalonan belum lapor sejak 16 Agustus; PPK dilantik belum lapor sejak "
        "2 Agustus; Bimtek PPS belum lapor sejak 2 Agustus"
    )
    assert c["Belum siap sejak"] == "2 Agustus 2024 (2 minggu)"
    assert c["Pelaporan"] == (
        "○ Badan ad hoc belum lapor sejak 26 April; ○ Bimtek belum lapor sejak 20 Mei; "
        "○ Persiapan pencalonan belum lapor sejak 1 Agustus"
    )
    assert b["Kesiapan"] == "● Siap · indeks 90,0"
    assert b["Belum siap pada"] == "–"  # nothing below the green line
    assert b["Belum siap sejak"] == "–"
    assert b["Pelaporan"] == "▲ Bimtek terlambat sejak 9 Agustus"  # data of 1 Aug + 7 days


def test_attention_list_marks_the_chosen_region(series, today):
    table = ranking.attention_list(today, series, CONFIG, region=C)
    assert table["Kabupaten/Kota"].tolist() == ["Kabupaten Cilacap", "➤ Kota Tegal",
                                                "Kabupaten Banyumas"]  # fmt: skip


def test_attention_list_limits_components(series, today):
    table = ranking.attention_list(today, series, CONFIG, limit=1)
    assert (
        table.iloc[0]["Belum siap pada"]
        == "Persiapan pencalonan 50,0%: 2 butir terlambat sejak 11 Agustus"
    )


def test_attention_list_is_empty_when_all_are_ready(series):
    first = series.on(D1)
    ready = first.readiness.assign(category="siap", readiness_index=90.0)
    on_time = first.reporting.assign(reporting_status="tepat_waktu")
    calm = indicators.Indicators(
        D1, first.badan, first.training, first.candidacy, first.candidacy_items, on_time,
        ready, first.province_by_date,
    )  # fmt: skip
    assert ranking.attention_list(calm, None, CONFIG).empty


@pytest.mark.parametrize(
    ("flags", "start"),
    [
        ([False, True, True], D2),
        ([True, True, True], D1),
        ([True, False, True], D3),
        ([True, True, False], None),
        ([], None),
    ],
)
def test_run_start(flags, start):
    below = pd.Series(flags, index=pd.to_datetime(DATES[: len(flags)]), dtype=bool)
    assert ranking.run_start(below) == start


def test_component_values_only_when_active(series):
    values = categories.component_values(series, CONFIG)
    candidacy = values[values["name"] == "pencalonan"]
    assert sorted(set(candidacy["report_date"].dt.date)) == [D3]  # active from 10 August
    assert values[values["name"] == "kpps_dilantik"].empty  # active from 7 November
    a_ppk = values[(values["name"] == "ppk_dilantik") & (values["kode_wilayah"] == A)]
    assert a_ppk["value"].tolist() == [0.9, 0.7, 0.6]


def test_short_date_drops_the_year_of_the_as_of_date():
    assert ranking.short_date(D(2024, 7, 5), D3) == "5 Juli"
    assert ranking.short_date(D(2023, 12, 5), D3) == "5 Desember 2023"


# --------------------------------------------------------------------------- headline


def test_headline_with_change_since_last_week(series, today):
    items = {h.label: h for h in headline.headline(today, series.on(D2), None, CONFIG)}
    assert [h.label for h in headline.headline(today, series.on(D2), None, CONFIG)] == [
        "Kabupaten/kota melapor", "Indeks rata-rata", "■ Tertinggal",
        "▲ Perlu perhatian", "Butir terlambat", "PPK dilantik", "PPS dilantik",
        "Pantarlih dilantik", "KPPS dilantik",
    ]  # fmt: skip
    reported = items["Kabupaten/kota melapor"]
    assert (reported.value, reported.delta, reported.delta_arrow) == ("2 dari 3", "0", "off")
    mean = items["Indeks rata-rata"]
    assert (mean.value, mean.delta, mean.delta_color) == ("70,0", "-10,0 poin", "normal")
    behind = items["■ Tertinggal"]
    assert (behind.value, behind.delta, behind.delta_color) == ("1", "+1", "inverse")
    assert items["▲ Perlu perhatian"].delta == "-1"
    late = items["Butir terlambat"]
    assert (late.value, late.delta, late.delta_color) == ("2", "+2", "inverse")
    ppk = items["PPK dilantik"]
    assert (ppk.value, ppk.delta) == ("80,0%", "-5,0 poin")
    pps = items["PPS dilantik"]
    assert (pps.value, pps.delta, pps.delta_color, pps.delta_arrow) == (
        "95,0%", "0,0 poin", "off", "off",
    )  # fmt: skip
    # No regency reported Pantarlih; KPPS reported but not formed: a dash and the reason.
    assert (items["Pantarlih dilantik"].value, items["Pantarlih dilantik"].delta) == (
        "–", "belum lapor",
    )  # fmt: skip
    assert (items["KPPS dilantik"].value, items["KPPS dilantik"].delta) == ("–", "belum dibentuk")


def test_headline_without_previous_week_has_no_delta(today):
    items = headline.headline(today, None, None, CONFIG)
    assert all(h.delta is None for h in items if h.value not in ("–",))


def test_headline_for_one_body(series, today):
    labels = [h.label for h in headline.headline(today, series.on(D2), "PPK", CONFIG)]
    assert labels[5:] == ["PPK terisi", "PPK dilantik", "Perempuan di PPK",
                          "Bimtek PPK (jatuh tempo)", "Pendaftar per kursi PPK"]  # fmt: skip
    bimtek = headline.headline(today, series.on(D2), "PPK", CONFIG)[8]
    assert (bimtek.value, bimtek.delta) == ("65,0%", None)  # no PPK bimtek last week


def test_province_headline_keeps_its_pairs(today):
    pairs = headline.province_headline(today)
    assert pairs[0] == ("Kabupaten/kota melapor", "2 dari 3")
    assert ("Butir terlambat", "2") in pairs


# --------------------------------------------------------------------------- scorecard


def test_scorecard_values_text_and_colours(today):
    card = overview.scorecard(today, config=CONFIG)
    # The regency's category first, then the components due most recently (August: the
    # candidacy checklist), back to the first one due.
    assert card.values.columns.tolist() == [
        "Kode", "Kabupaten/Kota", "Kategori", "Belum siap pada", "Indeks kesiapan",
        "Persiapan pencalonan", "Butir terlambat", "Bimtek PPS", "PPK dilantik",
    ]  # fmt: skip
    assert card.values["Kode"].tolist() == [A, C, B]  # weakest first
    a = card.text.iloc[0]
    # Beside the category, what most keeps A from siap: the heaviest tertinggal component.
    assert a[2:].tolist() == [
        "■ Tertinggal", "■ Persiapan pencalonan 50,0%: 2 butir terlambat", "■ 50,0", "■ 50,0%",
        "▲ 2", "■ 40,0%", "▲ 60,0%",
    ]  # fmt: skip
    assert card.category.iloc[0, 2:].tolist() == [
        "tertinggal", "tertinggal", "tertinggal", "tertinggal", "perlu_perhatian", "tertinggal",
        "perlu_perhatian",
    ]  # fmt: skip
    assert card.values.iloc[0, 2:].tolist() == [0, 50.0, 50.0, 50.0, 2, 40.0, 60.0]
    c = card.text.iloc[1]
    assert c["Kategori"] == "○ Belum lapor"
    assert set(c[4:]) == {"○ belum lapor"}
    # Not reported sorts below every real value, never as 0.
    assert set(card.values.iloc[1, 4:]) == {overview.NOT_REPORTED_KEY}
    assert card.text.iloc[2, 2:].tolist() == [
        "● Siap", "–", "● 90,0", "● 100,0%", "● 0", "● 90,0%", "● 100,0%",
    ]  # fmt: skip
    assert card.note == "Belum dinilai pada tanggal ini (menurut jadwal): KPPS dilantik."


def test_scorecard_puts_the_chosen_region_first(today):
    card = overview.scorecard(today, region=B, config=CONFIG)
    assert card.values["Kode"].tolist() == [B, A, C]
    assert card.text["Kabupaten/Kota"].iloc[0] == "➤ Kabupaten Banyumas"


def test_scorecard_for_one_body(today):
    card = overview.scorecard(today, body="PPK", config=CONFIG)
    assert card.text.columns.tolist()[2:] == [
        "Kategori", "Indeks kesiapan", "PPK terisi", "PPK dilantik", "Cakupan unit PPK",
        "Perempuan di PPK", "Pendaftar per kursi PPK", "Bimtek PPK (jatuh tempo)",
    ]  # fmt: skip
    a = card.text.iloc[0]
    assert a["Perempuan di PPK"] == "▽ 25,0%"  # below the 30% target line, not coloured
    assert card.category.iloc[0]["Perempuan di PPK"] is None
    assert a["Pendaftar per kursi PPK"] == "▲ 1,50×"
    assert card.text.iloc[2]["Pendaftar per kursi PPK"] == "● 2,50×"
    assert "Pendaftar per kursi di bawah 2,0×" in card.note


def test_scorecard_for_a_body_not_formed_yet_explains_and_shows_all_bodies(today):
    card = overview.scorecard(today, body="KPPS", config=CONFIG)
    assert "PPK dilantik" in card.values.columns
    assert card.note.startswith(
        "Belum ada KPPS yang dibentuk pada tanggal ini (jadwal pelantikan 7 November 2024)"
    )


def test_styled_scorecard_shows_text_over_numbers(today):
    html = overview.scorecard(today, config=CONFIG).styled().to_html()
    assert "▲ 60,0%" in html and "○ belum lapor" in html
    assert "background-color: #D55E00;\n  color: white;" in html  # tertinggal, white text


# --------------------------------------------------------------------------- reporting


def test_reporting_table_missing_and_late_first(today):
    table = overview.reporting_table(today, problems_only=True)
    assert table.values["Kode"].tolist() == [C, B]
    assert table.text.iloc[0, 2:].tolist() == ["○ Belum lapor"] * 3 + ["–"]
    assert table.text.iloc[1].tolist() == [
        B, "Kabupaten Banyumas", "✓ 16 Agustus 2024 · operator2",
        "▲ 1 Agustus 2024 (15 hari) · operator2", "✓ 16 Agustus 2024 · operator2",
        "16 Agustus 2024 16.00 WIB oleh operator2",
    ]  # fmt: skip
    assert table.values.iloc[0]["Bimtek"] == math.inf  # never reported: the oldest
    assert table.values.iloc[1]["Bimtek"] == 15.0
    # Only problems are coloured.
    assert table.category.iloc[1].tolist()[2:5] == [None, "perlu_perhatian", None]
    assert table.note == "2 kabupaten/kota belum lengkap: 3 jenis data belum lapor, 1 terlambat."


def test_reporting_table_all_regencies(today):
    table = overview.reporting_table(today, region=A)
    assert table.values["Kode"].tolist() == [A, C, B]
    assert table.text.iloc[0]["Kabupaten/Kota"] == "➤ Kabupaten Cilacap"


# --------------------------------------------------------------------------- calendar


def test_milestones_ahead_count_down_from_the_as_of_date():
    schedule = reference.read_reference("jadwal.csv")
    ahead = calendar.milestones_ahead(schedule, D(2024, 8, 30), count=3)
    assert [(m.countdown, m.stage, m.date) for m in ahead] == [
        ("H-18", "Pendaftaran KPPS", "17 September 2024"),
        ("H-23", "Penetapan pasangan calon", "22 September 2024"),
        ("H-24", "Pengundian nomor urut", "23 September 2024"),
    ]
    assert calendar.milestones_ahead(schedule, D(2024, 11, 27))[0].countdown == "Hari ini"
    assert calendar.milestones_ahead(schedule, D(2024, 11, 29)) == []


def test_stages_ongoing():
    schedule = reference.read_reference("jadwal.csv")
    assert calendar.stages_ongoing(schedule, D(2024, 10, 1)) == [
        "Masa kampanye (sampai 23 November 2024)"
    ]


# --------------------------------------------------------------------------- tile map


def test_tile_frame_text_and_hover(series, today):
    tiles = pd.DataFrame({"kode_wilayah": [A, B, C], "kolom": [0, 1, 2], "baris": [0, 0, 1]})
    attention = ranking.attention_list(today, series, CONFIG)
    frame = overview.tile_frame(today, tiles, attention).set_index("kode_wilayah")
    assert frame.loc[A, "teks"] == "<b>Cilacap</b><br>■ 50,0"
    assert frame.loc[C, "teks"] == "<b>Kota<br>Tegal</b><br>○ belum<br>lapor"
    long = pd.DataFrame({"kode_wilayah": [B], "kolom": [0], "baris": [0]})
    names = today.readiness.assign(nama="Kabupaten Banjarnegara")
    banjarnegara = overview.tile_frame(replace(today, readiness=names), long)
    assert banjarnegara.iloc[0]["teks"] == (
        '<b><span style="font-size:11px">Banjarnegara</span></b><br>● 90,0'
    )
    assert frame.loc[A, "hover"] == (
        "<b>Kabupaten Cilacap</b><br>Indeks kesiapan: 50,0<br>Kategori: ■ Tertinggal<br>"
        "Belum siap pada: Persiapan pencalonan 50,0%: 2 butir terlambat sejak 11 Agustus<br>  · Bimtek PPS "
        "40,0% sejak 2 Agustus<br>  · PPK dilantik 60,0% sejak 9 Agustus"
    )
    assert "Belum siap pada" not in frame.loc[B, "hover"]
    assert (frame.loc[C, "kolom"], frame.loc[C, "baris"]) == (2, 1)


# --------------------------------------------------------------------------- vs. summary


def test_numbers_equal_the_cli_summary(tmp_path):
    """The page's numbers are the summary's numbers (fixture: only Kota Magelang reports)."""
    db = fixture_db(tmp_path / "siaga.duckdb")
    ind = indicators.compute(db, D(2024, 8, 21))
    summary = indicators.summary(ind)
    magelang = next(r for r in summary["kabupaten_kota"] if r["kode_wilayah"] == "33.71")
    card = overview.scorecard(ind)
    row = card.values[card.values["Kode"] == "33.71"].iloc[0]
    # The summary keeps 15 significant digits: the page's number, without binary noise.
    assert float(format(row["Indeks kesiapan"], ".15g")) == magelang["indeks_kesiapan"]
    assert row["PPK dilantik"] == pytest.approx(100 * magelang["badan"]["PPK"]["pelantikan"])
    pps_due = magelang["bimtek"]["PPS"]["penuntasan_jatuh_tempo"]
    assert row["Bimtek PPS (jatuh tempo)"] == pytest.approx(100 * pps_due, 1e-3)
    assert row["Pencalonan (jatuh tempo)"] == pytest.approx(
        100 * magelang["pencalonan"]["penyelesaian_jatuh_tempo"]
    )
    assert row["Butir terlambat"] == magelang["pencalonan"]["terlambat"] == 3
    pairs = dict(headline.province_headline(ind))
    mean = summary["provinsi"]["indeks_kesiapan_rata_rata"]
    assert pairs["Indeks rata-rata"] == f"{mean:.1f}".replace(".", ",")
    assert (
        pairs["Kabupaten/kota melapor"] == f"{summary['provinsi']['kabupaten_kota_lapor']} dari 35"
    )
    text = card.text.set_index("Kode")
    assert text.loc["33.71", "PPK dilantik"] == "● 100,0%"  # 15/15 in the 15 August version
    assert text.loc["33.73", "PPK dilantik"] == "○ belum lapor"
    attention = ranking.attention_list(ind, None)
    assert attention.iloc[0]["Kesiapan"] == f"■ Tertinggal · indeks {mean:.1f}".replace(".", ",")
    assert (
        "Pencalonan (jatuh tempo) 50,0%: 3 butir terlambat sejak 21 Agustus"
        in attention.iloc[0]["Belum siap pada"]
    )


def test_tile_frame_leaves_out_regencies_without_a_tile(tmp_path):
    db = fixture_db(tmp_path / "siaga.duckdb")
    ind = indicators.compute(db, D(2024, 8, 21))
    tiles = pd.DataFrame({"kode_wilayah": ["33.71"], "kolom": [3], "baris": [2]})
    frame = overview.tile_frame(ind, tiles)
    assert list(frame["kode_wilayah"]) == ["33.71"]
    assert overview.tile_frame(ind, tiles.iloc[0:0]).empty


# --------------------------------------------------------------------------- long tables


def test_scorecard_head_keeps_the_weakest_and_counts_the_rest(today):
    card = overview.scorecard(today, config=CONFIG)
    first = card.head(1)
    assert first.values["Kode"].tolist() == [A]
    assert first.text.iloc[0, 4] == "■ 50,0" and first.category.iloc[0, 4] == "tertinggal"
    assert first.note == card.note
    # After A (tertinggal): C has not reported, B is ready.
    assert card.rest_by_category("Indeks kesiapan", 1) == {"belum_lapor": 1, "siap": 1}
    assert card.rest_by_category("Indeks kesiapan", 3) == {}


def test_reporting_rest_counts_incomplete_and_complete_rows(today):
    table = overview.reporting_table(today, region=A)  # A (complete), C (nothing), B (late)
    assert overview.reporting_rest(table, 0) == {"belum lengkap": 2, "lengkap dan tepat waktu": 1}
    assert overview.reporting_rest(table, 1) == {"belum lengkap": 2, "lengkap dan tepat waktu": 0}


def test_attention_rest_counts_by_category(series, today):
    attention = ranking.attention_list(today, series, CONFIG)
    assert attention["Kesiapan"].str[0].tolist() == ["■", "○", "●"]  # B only for late upload
    assert ranking.attention_rest(attention, 1) == {"belum_lapor": 1, "siap": 1}


def test_headline_rows_keep_labels_whole(series, today):
    province = headline.headline_rows(headline.headline(today, None, None, CONFIG))
    assert [len(row) for row in province] == [4, 5]
    assert [h.label for h in province[1]] == [
        "Butir terlambat", "PPK dilantik", "PPS dilantik", "Pantarlih dilantik", "KPPS dilantik",
    ]  # fmt: skip
    # With a body, "Bimtek PPK (jatuh tempo)" is long: three to a row.
    body = headline.headline_rows(headline.headline(today, series.on(D2), "PPK", CONFIG))
    assert [len(row) for row in body] == [4, 3, 3]
