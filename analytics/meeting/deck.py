"""Deck assembly: load the weekly indicators, then build the province or a regency deck."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

import pandas as pd

from analytics import indicators
from analytics.config import IndicatorConfig
from analytics.indicators import Indicators
from analytics.meeting.context import _Context, _context
from analytics.meeting.followup_slides import (
    followup_slide,
    followup_table,
    notes_slide,
    notes_table,
)
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
from analytics.meeting.risk_slides import risk_slide, risk_table
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
    """The deck straight from the database (CLI, bench): weekly history, the follow-ups
    and the notes on the numbers, then ``build_deck``."""
    from analytics import followup_view, number_notes, risk

    series = load_series(db, as_of)
    return build_deck(
        series,
        title=title,
        region=region,
        is_demo=db.is_demo(),
        followups=followup_view.followup_lines(db, as_of, series=series),
        number_notes=number_notes.notes_for(db, until=as_of),
        risk_flags=risk.flags(db, as_of),
    )


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
    followups: Sequence | None = None,
    number_notes: Sequence | None = None,
    risk_flags: Sequence | None = None,
) -> Deck:
    """The deck as of ``series.as_of`` (its latest date; earlier dates give 'since when').

    With ``region``, the one-pager of that regency instead of the province deck.
    ``followups``: ``followup_view.followup_lines(db, as_of)`` (every follow-up; a regency's
    deck keeps its own), adds the slide "Tindak lanjut rapat sebelumnya" and its sheet;
    ``number_notes``: ``number_notes.notes_for(db, until=as_of)``, the notes slide of a
    regency and a sheet. None leaves them out (not loaded).
    """
    if region is not None and region not in set(series.readiness["kode_wilayah"]):
        raise KeyError(region)
    ctx = _context(series, title, is_demo, config, schedule, followups, number_notes)
    ctx = _with_risk(ctx, risk_flags)
    return _deck(ctx, region)


def build_region_decks(
    series: Indicators,
    title: str | None = None,
    is_demo: bool = False,
    config: IndicatorConfig | None = None,
    followups: Sequence | None = None,
    number_notes: Sequence | None = None,
    risk_flags: Sequence | None = None,
) -> dict[str, Deck]:
    """The one-pager of every regency (code -> deck), sharing one computation
    (``followups`` and ``number_notes`` as for ``build_deck``)."""
    ctx = _context(series, title, is_demo, config, None, followups, number_notes)
    ctx = _with_risk(ctx, risk_flags)
    return {code: _deck(ctx, code) for code in ctx.names}


def _with_risk(ctx: _Context, risk_flags: Sequence | None) -> _Context:
    """``risk_flags``: ``risk.flags(db, as_of)``, adds the slide "Berisiko terlambat" and
    its sheet (a regency's deck: its own flags); None leaves them out."""
    return replace(ctx, risk_flags=None if risk_flags is None else tuple(risk_flags))


def _deck(ctx: _Context, region: str | None) -> Deck:
    names = ctx.names
    if region is not None and region not in names:
        raise KeyError(region)
    ctx = replace(ctx, region=region)
    if region is None:
        slides = (
            _title_slide(ctx),
            _province_summary(ctx),
            followup_slide(ctx),
            _province_bodies(ctx),
            _province_training(ctx),
            _province_candidacy(ctx),
            _province_attention(ctx),
            risk_slide(ctx),
            _milestones(ctx),
        )
    else:
        slides = (
            _title_slide(ctx),
            _region_summary(ctx),
            followup_slide(ctx),
            notes_slide(ctx),
            _region_bodies(ctx),
            _region_training(ctx),
            _region_candidacy(ctx),
            _region_attention(ctx),
            risk_slide(ctx),
            _milestones(ctx),
        )
    slides = tuple(s for s in slides if s is not None)
    name = names.get(region) if region else None
    extra = (followup_table(ctx), notes_table(ctx), risk_table(ctx))
    tables = _workbook_tables(ctx) + tuple(t for t in extra if t is not None)
    return Deck(ctx.title, ctx.as_of, region, name, ctx.is_demo, slides, tables)
