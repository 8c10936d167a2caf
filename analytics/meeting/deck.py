"""Deck assembly: load the weekly indicators, then build the province or a regency deck."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd

from analytics import indicators
from analytics.config import IndicatorConfig
from analytics.indicators import Indicators
from analytics.meeting.context import _Context, _context
from analytics.meeting.model import Deck
from analytics.meeting.province import (
    _province_attention,
    _province_bodies,
    _province_candidacy,
    _province_summary,
    _province_training,
)
from analytics.meeting.region import (
    _region_attention,
    _region_bodies,
    _region_candidacy,
    _region_summary,
    _region_training,
)
from analytics.meeting.shared import _milestones, _title_slide
from analytics.meeting.workbook import _workbook_tables
from analytics.storage import Database

WEEKS_OF_HISTORY = 40


def weekly_dates(
    as_of: dt.date, first: dt.date | None, weeks: int = WEEKS_OF_HISTORY
) -> list[dt.date]:
    """``as_of`` and the same weekday back to the first data; ``as_of`` itself always, even
    before the first data (the pages then say that nothing was reported yet)."""
    dates = [as_of - dt.timedelta(days=7 * k) for k in range(weeks)]
    return sorted(
        d for d in dates if d == as_of or first is None or d >= first - dt.timedelta(days=7)
    )


def first_data_date(db: Database) -> dt.date | None:
    if not db.exists():
        return None
    with db.reader() as con:
        return con.execute("SELECT min(as_of) FROM versions WHERE withdrawn_at IS NULL").fetchall()[
            0
        ][0]


def load_deck(
    db: Database, as_of: dt.date, title: str | None = None, region: str | None = None
) -> Deck:
    """The deck straight from the database (CLI, bench): weekly history, then ``build_deck``."""
    return build_deck(load_series(db, as_of), title=title, region=region, is_demo=db.is_demo())


def load_series(db: Database, as_of: dt.date) -> Indicators:
    """Indicators on ``as_of`` and the weekly dates before it (for 'since when')."""
    return indicators.compute_series(db, weekly_dates(as_of, first_data_date(db)))


def build_deck(
    series: Indicators,
    title: str | None = None,
    region: str | None = None,
    is_demo: bool = False,
    config: IndicatorConfig | None = None,
    schedule: pd.DataFrame | None = None,
) -> Deck:
    """The deck as of ``series.as_of`` (its latest date; earlier dates give 'since when').

    With ``region``, the one-pager of that regency instead of the province deck.
    """
    if region is not None and region not in set(series.readiness["kode_wilayah"]):
        raise KeyError(region)
    return _deck(_context(series, title, is_demo, config, schedule), region)


def build_region_decks(
    series: Indicators,
    title: str | None = None,
    is_demo: bool = False,
    config: IndicatorConfig | None = None,
) -> dict[str, Deck]:
    """The one-pager of every regency (code -> deck), sharing one computation."""
    ctx = _context(series, title, is_demo, config, None)
    return {code: _deck(ctx, code) for code in ctx.names}


def _deck(ctx: _Context, region: str | None) -> Deck:
    names = ctx.names
    if region is not None and region not in names:
        raise KeyError(region)
    ctx = replace(ctx, region=region)
    if region is None:
        slides = (
            _title_slide(ctx),
            _province_summary(ctx),
            _province_bodies(ctx),
            _province_training(ctx),
            _province_candidacy(ctx),
            _province_attention(ctx),
            _milestones(ctx),
        )
    else:
        slides = (
            _title_slide(ctx),
            _region_summary(ctx),
            _region_bodies(ctx),
            _region_training(ctx),
            _region_candidacy(ctx),
            _region_attention(ctx),
            _milestones(ctx),
        )
    name = names.get(region) if region else None
    tables = _workbook_tables(ctx)
    return Deck(ctx.title, ctx.as_of, region, name, ctx.is_demo, slides, tables)
