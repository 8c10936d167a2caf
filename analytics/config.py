"""Indicator settings (weights, thresholds, reporting rules) read from data/indikator.toml."""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

from analytics import formatting
from analytics.labels import measure_label

CONFIG_PATH = Path(__file__).resolve().parent.parent / "data" / "indikator.toml"
# Rates (in percent) and the readiness index are shown with one decimal.
SHOWN_DECIMALS = 1
METRICS = (
    "sworn_in_rate",
    "training_completion",
    "training_due_completion",
    "candidacy_due_completion",
)


@dataclass(frozen=True)
class Component:
    """One part of the readiness index."""

    name: str
    label: str
    metric: str
    badan: str | None
    active_from: dt.date
    weight: float


@dataclass(frozen=True)
class IndicatorConfig:
    period_days: int
    expected_from: dict[str, dt.date]
    women_target: float
    applicant_target: float
    green: float
    amber: float
    components: tuple[Component, ...]
    followup_due_days: int = 7  # [tindak_lanjut] jatuh_tempo_hari

    def rate_category(self, ratio: float | None) -> str | None:
        """Traffic-light category of a rate (0-1), judged on the percent as shown."""
        return None if ratio is None else self.category(float(ratio) * 100)

    def category(self, value: float | None) -> str | None:
        """Traffic-light category of a 0-100 value: siap / perlu_perhatian / tertinggal.

        Judged on the value as it is shown (one decimal, ``formatting.rounded``), so a
        cell that reads 85,0% is never "perlu perhatian" beside a legend "siap >= 85%".
        """
        if value is None:
            return None
        value = float(formatting.rounded(value, SHOWN_DECIMALS))
        if value >= self.green:
            return "siap"
        if value >= self.amber:
            return "perlu_perhatian"
        return "tertinggal"


@dataclass(frozen=True)
class RiskConfig:
    """Parameters of the early-warning projection (section [risk], analytics/risk.py)."""

    window_weeks: int
    min_points: int
    complete_at: dict[str, float]  # jenis (badan, bimtek, item) -> completion 0-1
    in_progress_value: float
    no_progress_days: dict[str, int]  # jenis -> days before the deadline
    projection: dict[str, bool]  # jenis -> whether the trend is projected at all
    horizon_days: int


RISK_KINDS = ("badan", "bimtek", "item")


@functools.cache
def load_risk_config(path: Path = CONFIG_PATH) -> RiskConfig:
    """The [risk] section; ValueError for a missing kind or a value out of range."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))["risk"]
    complete_at = {kind: float(raw["complete_at"][kind]) for kind in RISK_KINDS}
    config = RiskConfig(
        window_weeks=int(raw["window_weeks"]),
        min_points=int(raw["min_points"]),
        complete_at=complete_at,
        in_progress_value=float(raw["in_progress_value"]),
        no_progress_days={kind: int(raw["no_progress_days"][kind]) for kind in RISK_KINDS},
        projection={kind: bool(raw["projection"][kind]) for kind in RISK_KINDS},
        horizon_days=int(raw["horizon_days"]),
    )
    if not 2 <= config.min_points <= config.window_weeks:
        raise ValueError(f"[risk] needs 2 <= min_points <= window_weeks in {path}")
    if not all(0 < v <= 1 for v in complete_at.values()) or not 0 < config.in_progress_value < 1:
        raise ValueError(f"[risk] complete_at and in_progress_value must lie in (0, 1] in {path}")
    return config


@functools.cache
def load_config(path: Path = CONFIG_PATH) -> IndicatorConfig:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    components = []
    for item in raw["readiness"]:
        if item["metric"] not in METRICS:
            raise ValueError(f"unknown metric {item['metric']} in {path}")
        components.append(
            Component(
                name=item["name"],
                label=measure_label(item["metric"], item.get("badan")),
                metric=item["metric"],
                badan=item.get("badan"),
                active_from=dt.date.fromisoformat(item["active_from"]),
                weight=float(item["weight"]),
            )
        )
    return IndicatorConfig(
        period_days=int(raw["reporting"]["period_days"]),
        expected_from={
            k: dt.date.fromisoformat(v) for k, v in raw["reporting"]["expected_from"].items()
        },
        women_target=float(raw["women"]["target_share"]),
        applicant_target=float(raw["applicants"]["target_ratio"]),
        green=float(raw["traffic_light"]["green"]),
        amber=float(raw["traffic_light"]["amber"]),
        components=tuple(components),
        followup_due_days=int(raw.get("tindak_lanjut", {}).get("jatuh_tempo_hari", 7)),
    )
