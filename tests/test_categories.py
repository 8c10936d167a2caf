"""The category rule of a regency, the one rounding of displayed numbers, and the verdict
above the attention list, on tiny hand-made frames."""

import datetime as dt
from types import SimpleNamespace

import pandas as pd
import pytest

from analytics import categories
from analytics import formatting as fmt
from analytics.config import Component, IndicatorConfig
from analytics.views import ranking

D = dt.date
DAY = pd.Timestamp("2024-08-23")
CONFIG = IndicatorConfig(
    period_days=7,
    expected_from={},
    women_target=0.30,
    applicant_target=2.0,
    green=85.0,
    amber=60.0,
    components=(
        Component("ppk_dilantik", "PPK dilantik", "sworn_in_rate", "PPK", D(2024, 5, 16), 1.0),
        Component(
            "bimtek_ppk", "Bimtek PPK (jatuh tempo)", "training_due_completion", "PPK",
            D(2024, 6, 3), 0.5,
        ),
        Component(
            "pencalonan", "Pencalonan (jatuh tempo)", "candidacy_due_completion", None,
            D(2024, 8, 10), 2.0,
        ),
        Component("kpps_dilantik", "KPPS dilantik", "sworn_in_rate", "KPPS", D(2024, 11, 7), 1.0),
    ),
)  # fmt: skip


def frames(rows: dict[str, dict]) -> SimpleNamespace:
    """{code: {sworn, bimtek, due, overdue, reported}} -> badan/training/candidacy frames."""
    badan, training, candidacy = [], [], []
    for code, r in rows.items():
        base = {"report_date": DAY, "kode_wilayah": code}
        badan.append({**base, "badan": "PPK", "is_reported": r.get("badan", True),
                      "sworn_in_rate": r["sworn"]})  # fmt: skip
        training.append({**base, "badan": "PPK", "is_reported": r.get("bimtek", True),
                         "training_due_completion": r["bimtek_value"]})  # fmt: skip
        candidacy.append({**base, "is_reported": True, "overdue_count": r.get("overdue", 0),
                          "candidacy_due_completion": r["due"]})  # fmt: skip
    return SimpleNamespace(
        badan=pd.DataFrame(badan), training=pd.DataFrame(training),
        candidacy=pd.DataFrame(candidacy),
    )  # fmt: skip


def readiness(index: dict[str, float | None], active: int = 3) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "report_date": DAY,
            "kode_wilayah": list(index),
            "readiness_index": [float("nan") if v is None else v for v in index.values()],
            "active_component_count": active,
        }
    )


def test_a_regency_behind_on_one_due_component_is_never_siap():
    # Index of a weighted mean (1 x 1.0 + 0.5 x 0.419 + 2 x 1.0) / 3.5 = 92.0: siap alone.
    world = frames({"33.22": {"sworn": 1.0, "bimtek_value": 0.419, "due": 1.0}})
    out = categories.with_categories(readiness({"33.22": 92.0}), world, CONFIG)
    assert out.loc[0, "index_category"] == "siap"
    assert out.loc[0, "category"] == "tertinggal"  # Bimtek PPK 41,9% is below 60


@pytest.mark.parametrize(
    ("row", "index", "expected"),
    [
        ({"sworn": 1.0, "bimtek_value": 0.9, "due": 1.0}, 97.1, "siap"),
        ({"sworn": 1.0, "bimtek_value": 0.7, "due": 1.0}, 95.7, "perlu_perhatian"),
        # An overdue checklist item caps the regency at "perlu perhatian".
        ({"sworn": 1.0, "bimtek_value": 0.9, "due": 0.9, "overdue": 1}, 92.9, "perlu_perhatian"),
        # A due component not reported counts 0%: tertinggal.
        ({"sworn": 1.0, "bimtek_value": None, "bimtek": False, "due": 1.0}, 85.7, "tertinggal"),
        # Reported, but nothing to judge yet (no module due): ignored.
        ({"sworn": 1.0, "bimtek_value": None, "due": 1.0}, 100.0, "siap"),
        # The index alone can make it worse than every component.
        ({"sworn": 0.7, "bimtek_value": 0.7, "due": 0.7}, 59.0, "tertinggal"),
    ],
)
def test_category_is_the_worst_of_index_and_due_components(row, index, expected):
    out = categories.with_categories(readiness({"33.01": index}), frames({"33.01": row}), CONFIG)
    assert out.loc[0, "category"] == expected


def test_not_reported_and_not_yet_assessed_keep_their_own_category():
    world = frames({"33.01": {"sworn": 0.1, "bimtek_value": 0.1, "due": 0.1}})
    assert categories.with_categories(readiness({"33.01": None}), world, CONFIG).loc[
        0, "category"
    ] == "belum_lapor"  # fmt: skip
    early = readiness({"33.01": None}, active=0)
    assert categories.with_categories(early, world, CONFIG).loc[0, "category"] == "belum_dinilai"


def test_category_follows_the_value_as_shown():
    # 84,96 reads "85,0": it is siap, never "perlu perhatian" beside "siap >= 85".
    assert fmt.number(84.96, 1) == "85,0"
    assert CONFIG.category(84.96) == "siap"
    assert CONFIG.category(84.94) == "perlu_perhatian"
    assert CONFIG.category(59.95) == "perlu_perhatian"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.3685, "36,9%"),  # as Excel's 0.0% shows 0.3685 (halves away from zero)
        (1059 / 2874, "36,8%"),  # 36,847...: rounded once, never via 36,85
        (0.965507, "96,6%"),
        (-0.0004, "0,0%"),  # never "-0,0%"
    ],
)
def test_percent_rounds_once_like_a_spreadsheet(value, text):
    assert fmt.percent(value) == text


def test_number_rounds_half_away_from_zero():
    assert fmt.number(96.5507, 1) == "96,6"
    assert fmt.number(12.5) == "13"
    assert fmt.number(1234567.25, 1) == "1.234.567,3"


def test_ratio_reads_two_decimals():
    assert fmt.ratio(2.345) == "2,35×"
    assert fmt.ratio(1.998, decimals=2) == "2,00×"
    assert fmt.ratio(None) == "belum lapor"
    assert fmt.ratio(float("nan"), missing="-") == "-"


def test_rate_category_judges_the_percent_as_shown():
    assert CONFIG.rate_category(0.8496) == "siap"  # reads 85,0%
    assert CONFIG.rate_category(0.5999) == "perlu_perhatian"  # reads 60,0%
    assert CONFIG.rate_category(None) is None


def test_rule_text_names_the_thresholds():
    assert categories.rule_text(CONFIG) == (
        "Kategori kabupaten/kota = yang terburuk dari kategori indeks kesiapan dan kategori "
        "setiap komponen yang sudah jatuh tempo (● siap ≥ 85, ▲ perlu perhatian ≥ 60, "
        "■ tertinggal di bawahnya); komponen jatuh tempo yang belum dilaporkan dihitung 0%, "
        "dan butir pencalonan yang terlambat membuatnya paling baik ▲ perlu perhatian."
    )


def _ind(cats: list[str]) -> SimpleNamespace:
    return SimpleNamespace(readiness=pd.DataFrame({"category": cats}))


EMPTY = pd.DataFrame(columns=["Kode"])


def test_green_verdict_only_when_every_regency_is_siap():
    verdict = ranking.attention_verdict(_ind(["siap", "siap"]), EMPTY, CONFIG)
    assert verdict == ranking.Verdict(
        "success",
        "● Semua 2 kabupaten/kota siap: tidak ada komponen yang jatuh tempo di bawah 85%, "
        "tidak ada butir terlambat, dan semua melapor tepat waktu.",
    )


def test_no_green_verdict_before_anything_is_due():
    verdict = ranking.attention_verdict(_ind(["belum_dinilai"] * 3), EMPTY, CONFIG)
    assert verdict == ranking.Verdict(
        "info",
        "Belum ada komponen yang jatuh tempo pada tanggal ini. Komponen pertama dinilai mulai "
        "16 Mei 2024.",
    )
    partly = ranking.attention_verdict(_ind(["siap", "belum_dinilai"]), EMPTY, CONFIG)
    assert partly.kind == "info"


def test_verdict_with_regencies_in_the_attention_list():
    attention = pd.DataFrame({"Kode": ["33.01"]})
    verdict = ranking.attention_verdict(_ind(["tertinggal", "siap"]), attention, CONFIG)
    assert verdict == ranking.Verdict("warning", "1 dari 2 kabupaten/kota perlu perhatian.")
