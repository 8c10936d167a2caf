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
    )
