"""The deck model: slides, tables, charts and value kinds, as plain frozen data."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from analytics import formatting as fmt

ORGANISATION = "KPU Provinsi Jawa Tengah"
PROVINCE = "Provinsi Jawa Tengah"
DEMO_NOTE = "DEMO — data contoh, bukan data resmi"

# Column kinds: how a raw value is shown on a slide and formatted in Excel.
TEXT, COUNT, PERCENT, INDEX, RATIO, DATE, DATETIME = (
    "text",
    "count",
    "percent",
    "index",
    "ratio",
    "date",
    "datetime",
)


# Kinds whose raw value is a number or a date (right-aligned, sorted by value).
NUMERIC_KINDS = frozenset({COUNT, PERCENT, INDEX, RATIO, DATE, DATETIME})


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = TEXT
    width: float = 1.0  # relative width on a slide


@dataclass(frozen=True)
class Table:
    """A table with raw values (ratios 0-1, ints, dates, text; None = no value)."""

    name: str  # caption, and the sheet name in Excel
    columns: tuple[Column, ...]
    rows: tuple[tuple, ...]
    missing: str = fmt.NOT_REPORTED  # how an empty cell reads
    dense: bool = False  # sentences in its cells: set in smaller type on a slide

    def display_rows(self) -> list[list[str]]:
        """Every cell formatted the Indonesian way (``87,5%``, ``1.234``, ``15 Agustus 2024``)."""
        return [
            [
                display(value, column.kind, self.missing)
                for value, column in zip(row, self.columns, strict=True)
            ]
            for row in self.rows
        ]

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


@dataclass(frozen=True)
class Series:
    """One series of a chart. ``bar_categories``, when given, is aligned with ``values``:
    the readiness category of each bar (a ``categories.CATEGORY_COLOR`` key, None for no
    bar), so the bars take the scorecard's colours and symbols; empty: one colour."""

    name: str
    values: tuple[float | None, ...]
    bar_categories: tuple[str | None, ...] = ()


@dataclass(frozen=True)
class Chart:
    """Chart data. ``categories`` are in reading order (top to bottom for bars).

    kind: ``bar`` (horizontal, clustered), ``column`` (vertical, clustered) or
    ``stacked_bar`` (horizontal, stacked). value_kind: ``percent`` (0-1), ``index``
    (0-100) or ``count``. A missing value (None) is a regency that has not reported.
    ``note`` sums up the regencies left off a long chart ("27 kabupaten/kota lain: 20 ●
    siap, 7 ▲ perlu perhatian"); every regency stays in the deck's ``tables``.
    """

    kind: str
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    value_kind: str
    target: float | None = None
    target_label: str = ""
    note: str = ""


@dataclass(frozen=True)
class Kpi:
    label: str
    value: str


@dataclass(frozen=True)
class Slide:
    key: str
    title: str
    subtitle: str = ""
    kpis: tuple[Kpi, ...] = ()
    points: tuple[str, ...] = ()
    table: Table | None = None
    chart: Chart | None = None


@dataclass(frozen=True)
class Deck:
    meeting_title: str
    as_of: dt.date
    region: str | None  # None: the whole province
    region_name: str | None
    is_demo: bool
    slides: tuple[Slide, ...]
    tables: tuple[Table, ...]  # the indicator tables (Excel sheets, HTML appendix)

    @property
    def scope(self) -> str:
        return self.region_name or PROVINCE

    @property
    def footer(self) -> str:
        # The organisation already says "Provinsi Jawa Tengah": a regency's name only.
        scope = [self.region_name] if self.region_name else []
        parts = ["SIAGA", ORGANISATION, *scope, f"Data per {fmt.date(self.as_of)}"]
        if self.is_demo:
            parts.append(DEMO_NOTE)
        return " · ".join(parts)

    def slide(self, key: str) -> Slide:
        return next(s for s in self.slides if s.key == key)

    def table(self, name: str) -> Table:
        return next(t for t in self.tables if t.name == name)


def display(value, kind: str, missing: str = fmt.NOT_REPORTED) -> str:
    """One value as text on a slide or a web page."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return missing
    if kind == COUNT:
        return fmt.number(value)
    if kind == PERCENT:
        return fmt.percent(value)
    if kind == INDEX:
        return fmt.number(value, 1)
    if kind == RATIO:
        return fmt.ratio(value)
    if kind == DATE:
        return fmt.date(value)
    if kind == DATETIME:  # stored in UTC, shown in WIB with the zone named
        return fmt.datetime_wib(value)
    return str(value)
