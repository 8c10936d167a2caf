"""The build context: what every slide builder reads, derived once per set of decks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from analytics import reference
from analytics.config import IndicatorConfig, load_config
from analytics.indicators import Indicators

DEFAULT_TITLE = "Rapat Koordinasi Kesiapan Pilkada Serentak 2024"


@dataclass(frozen=True)
class _Context:
    """What every slide builder reads: today's indicators and what is derived once."""

    ind: Indicators
    config: IndicatorConfig
    schedule: pd.DataFrame
    attention: pd.DataFrame  # ranking.attention_list of every regency
    components: pd.DataFrame  # overview.component_values on the as-of date
    title: str
    is_demo: bool
    region: str | None = None
    # Read from the database by the caller (None: not loaded, their slides are left out):
    # followup_view.FollowupLine of every follow-up, number_notes.NumberNote of every regency.
    followups: tuple | None = None
    number_notes: tuple | None = None
    # risk.RiskFlag of every regency, most urgent first (None: not computed).
    risk_flags: tuple | None = None

    @property
    def as_of(self) -> dt.date:
        return self.ind.as_of

    @property
    def names(self) -> dict[str, str]:
        readiness = self.ind.readiness
        return dict(zip(readiness["kode_wilayah"], readiness["nama"], strict=True))


def _context(
    series, title, is_demo, config, schedule, followups=None, number_notes=None
) -> _Context:
    from analytics.categories import component_values
    from analytics.views.ranking import attention_list

    config = config or load_config()
    ind = series.on(series.as_of)
    history = series if len(series.province_by_date) > 1 else None
    return _Context(
        ind=ind,
        config=config,
        schedule=reference.read_reference("jadwal.csv") if schedule is None else schedule,
        attention=attention_list(ind, history=history, config=config, limit=2),
        components=component_values(ind, config),
        title=(title or "").strip() or DEFAULT_TITLE,
        is_demo=is_demo,
        followups=None if followups is None else tuple(followups),
        number_notes=None if number_notes is None else tuple(number_notes),
    )
