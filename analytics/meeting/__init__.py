"""The meeting deck as data: slides (points, one table, one chart) for one as-of date.

The single source of the Mode Rapat page and of every export (PowerPoint, HTML, Excel):
all numbers come from one ``Indicators`` at full precision and are rounded once, where
they are shown (``formatting.rounded``: as a spreadsheet rounds), so the projector, the
files sent to the satker and the dashboards agree to the last digit.
Renderers only lay these objects out; they compute nothing.

``model`` holds the objects, ``deck`` builds them: ``province`` and ``region`` the slides,
``workbook`` the indicator tables, ``shared`` what they have in common, on top of
``context`` (what is derived once) and ``values`` (raw values as plain Python).
``followup_slides`` adds the follow-ups (``followup_view``) and the notes on the numbers
(``number_notes``) when the caller passes them to ``build_deck``.
"""

from analytics.meeting.context import DEFAULT_TITLE
from analytics.meeting.deck import (
    WEEKS_OF_HISTORY,
    build_deck,
    build_region_decks,
    first_data_date,
    load_deck,
    load_series,
    weekly_dates,
)
from analytics.meeting.model import (
    COUNT,
    DATE,
    DATETIME,
    DEMO_NOTE,
    INDEX,
    NUMERIC_KINDS,
    ORGANISATION,
    PERCENT,
    PROVINCE,
    RATIO,
    TEXT,
    Chart,
    Column,
    Deck,
    Kpi,
    Series,
    Slide,
    Table,
    display,
)
from analytics.meeting.province import CANDIDACY_ROWS, SLIDE_ROWS
from analytics.meeting.shared import ELECTION, MILESTONE_COUNT
from analytics.meeting.values import index_value, rate

__all__ = [
    "CANDIDACY_ROWS",
    "COUNT",
    "DATE",
    "DATETIME",
    "DEFAULT_TITLE",
    "DEMO_NOTE",
    "ELECTION",
    "INDEX",
    "MILESTONE_COUNT",
    "NUMERIC_KINDS",
    "ORGANISATION",
    "PERCENT",
    "PROVINCE",
    "RATIO",
    "SLIDE_ROWS",
    "TEXT",
    "WEEKS_OF_HISTORY",
    "Chart",
    "Column",
    "Deck",
    "Kpi",
    "Series",
    "Slide",
    "Table",
    "build_deck",
    "build_region_decks",
    "display",
    "first_data_date",
    "index_value",
    "load_deck",
    "load_series",
    "rate",
    "weekly_dates",
]
