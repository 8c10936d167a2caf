"""The status cards as plain frozen data: what a card says, for the province and each
regency, as of a date. The text and image renderers only lay these strings out.

Every number is formatted once here, from full precision, through ``formatting``: a card
shows exactly the strings the dashboard shows (index "64,3", "Bimtek PPS (jatuh tempo)
42,0% sejak 5 Juli"). What is behind and since when is the Ringkasan page's attention list
(``views.ranking.attention_list``), so the card and the page never disagree.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import pandas as pd

from analytics import formatting as fmt
from analytics import reference
from analytics.categories import CATEGORY_RANK, UNRANKED, category_text
from analytics.config import IndicatorConfig, load_config
from analytics.indicators import Indicators, compute_series
from analytics.storage import Database
from analytics.views import calendar, ranking

PROVINCE = "provinsi"
PROVINCE_NAME = "Provinsi Jawa Tengah"
ORGANISATION = "SIAGA · KPU Provinsi Jawa Tengah"
DEMO_NOTE = "DEMO — data contoh, bukan data resmi"
NOTHING = ranking.NOTHING
# How many regencies the province card names as most behind, and how many risk lines a
# regency card lists (the rest are counted: "… dan 2 lainnya").
PROVINCE_WORST = 5
RISK_LINES = 3

BEHIND_TITLE = "Belum siap pada"
RISK_TITLE = "Berisiko terlambat"
REPORTING_TITLE = "Pelaporan"
CATEGORY_TITLE = "Kategori kabupaten/kota"
WORST_TITLE = "Paling perlu perhatian"
NOTHING_BEHIND = "Tidak ada komponen jatuh tempo di bawah garis siap."
NOTHING_AT_RISK = "Tidak ada yang diperkirakan terlambat."
NONE_BEHIND = "Tidak ada kabupaten/kota yang tertinggal, belum lapor atau perlu perhatian."
ALL_PASSED = "Semua tahapan dalam jadwal sudah lewat."


@dataclass(frozen=True)
class Section:
    """A titled list of short lines (each one fact); ``more`` lines were left out (said
    as '… dan 2 lainnya'); ``bullets`` False when each line carries its own symbol;
    ``whole`` when no line may be left out to fit an image (counts that must add up)."""

    title: str
    lines: tuple[str, ...]
    more: int = 0
    bullets: bool = True
    whole: bool = False

    @property
    def may_shorten(self) -> bool:
        return not self.whole and len(self.lines) > 1

    @property
    def shown_lines(self) -> tuple[str, ...]:
        if not self.more:
            return self.lines
        return (*self.lines, f"… dan {fmt.number(self.more)} lainnya")

    def shortened(self) -> Section:
        """One line fewer, counted in ``more``."""
        return replace(self, lines=self.lines[:-1], more=self.more + 1)


@dataclass(frozen=True)
class Deadline:
    """The next milestone of the calendar: 'H-4', its stage and its date."""

    countdown: str
    stage: str
    date: str

    @property
    def when(self) -> str:
        return f"{self.countdown} · {self.date}"

    @property
    def text(self) -> str:
        return f"{self.when}: {self.stage}"


@dataclass(frozen=True)
class Card:
    """One status card. ``code`` is a regency code ('33.27') or ``PROVINCE``.

    ``category`` is a key of ``categories.CATEGORY_COLOR`` (None on the province card);
    ``urgency`` sorts regency cards most urgent first (see ``urgency``).
    """

    code: str
    name: str
    as_of: dt.date
    is_demo: bool
    index_label: str  # 'Indeks kesiapan' or 'Indeks rata-rata'
    index_text: str  # '64,3' exactly as the dashboard shows it
    category: str | None
    category_text: str  # '■ Tertinggal'; '' on the province card
    note: str  # 'Belum siap sejak 7 Juni 2024 (25 minggu)', '34 dari 35 ... melapor', or ''
    sections: tuple[Section, ...]
    deadline: Deadline | None  # None when every milestone has passed
    urgency: tuple = ()

    @property
    def is_province(self) -> bool:
        return self.code == PROVINCE

    @property
    def data_date(self) -> str:
        return f"Data per {fmt.date(self.as_of)}"

    def file_stem(self) -> str:
        """'siaga_kartu_3327_2024-08-20' (province: 'siaga_kartu_provinsi_...')."""
        return f"siaga_kartu_{self.code.replace('.', '')}_{self.as_of.isoformat()}"


def urgency(category: str | None, risk_count: int, index, code: str) -> tuple:
    """Sort key, most urgent first: the category's severity (■ tertinggal, ○ belum lapor,
    ▲ perlu perhatian, ● siap, – belum dinilai), then more risks first, then the lower
    readiness index (no index first), then the code."""
    return (
        CATEGORY_RANK.get(category or "belum_lapor", UNRANKED),
        -risk_count,
        ranking.sortable(index),
        code,
    )


def risk_lines(flags: Iterable) -> dict[str, tuple[str, ...]]:
    """Regency code -> one Indonesian line per risk flag (``risk.RiskFlag.teks()``), in the
    order given. Flags are anything with ``kode_wilayah`` and ``teks()``."""
    out: dict[str, list[str]] = {}
    for flag in flags:
        out.setdefault(flag.kode_wilayah, []).append(flag.teks())
    return {code: tuple(lines) for code, lines in out.items()}


def next_deadline(schedule: pd.DataFrame, as_of: dt.date) -> Deadline | None:
    """The next milestone of the calendar (jadwal.csv) on or after ``as_of``, as the
    Ringkasan page counts it ('H-4', 'Hari ini'); None when all have passed."""
    ahead = calendar.milestones_ahead(schedule, as_of, 1)
    if not ahead:
        return None
    first = ahead[0]
    return Deadline(first.countdown, first.stage, first.date)


def deadline_text(card: Card) -> str:
    """'H-4 · 24 Agustus 2024: Pengumuman pendaftaran pasangan calon'."""
    return card.deadline.text if card.deadline else ALL_PASSED


def build_cards(
    series: Indicators,
    is_demo: bool = False,
    risks: Mapping[str, Sequence[str]] | None = None,
    config: IndicatorConfig | None = None,
    schedule: pd.DataFrame | None = None,
) -> tuple[Card, ...]:
    """The province card, then every regency's card most urgent first, as of
    ``series.as_of`` (its earlier weekly dates give 'since when').

    ``risks``: regency code -> risk lines (``risk_lines``); None when risks were not
    assessed (the cards then leave the section out rather than claim there are none).
    """
    config = config or load_config()
    schedule = reference.read_reference("jadwal.csv") if schedule is None else schedule
    as_of = series.as_of
    ind = series.on(as_of)
    attention = ranking.attention_list(ind, series, config)
    attention = attention.set_index("Kode") if not attention.empty else attention
    deadline = next_deadline(schedule, as_of)
    regions = []
    for row in ind.readiness.itertuples():
        found = attention.loc[row.kode_wilayah] if row.kode_wilayah in attention.index else None
        mine = None if risks is None else tuple(risks.get(row.kode_wilayah, ()))
        regions.append(_region_card(row, found, mine, as_of, is_demo, deadline))
    regions.sort(key=lambda card: card.urgency)
    province = _province_card(ind, regions, attention, risks, is_demo, deadline)
    return (province, *regions)


def _split(text: str) -> tuple[str, ...]:
    """The attention list's '; '-joined cell as lines; its dash means none."""
    if not text or text == NOTHING:
        return ()
    return tuple(part.strip() for part in text.split("; ") if part.strip())


def _region_card(
    row,
    attention: pd.Series | None,
    risks: tuple[str, ...] | None,
    as_of: dt.date,
    is_demo: bool,
    deadline: Deadline | None,
) -> Card:
    category = row.category
    missing = NOTHING if category == "belum_dinilai" else fmt.NOT_REPORTED
    behind = _split(attention["Belum siap pada"]) if attention is not None else ()
    since = attention["Belum siap sejak"] if attention is not None else NOTHING
    reporting = ()
    if attention is not None and not attention["Pelaporan"].startswith("✓"):
        reporting = _split(attention["Pelaporan"])
    if category == "belum_dinilai":
        behind_lines = ("Belum ada komponen yang jatuh tempo.",)
    elif category == "belum_lapor":
        behind_lines = behind or ("Belum melapor data yang jatuh tempo.",)
    else:
        behind_lines = behind or (NOTHING_BEHIND,)
    sections = [Section(BEHIND_TITLE, behind_lines)]
    if risks is not None:
        shown = risks[:RISK_LINES]
        sections.append(
            Section(RISK_TITLE, shown or (NOTHING_AT_RISK,), more=len(risks) - len(shown))
        )
    if reporting:
        sections.append(Section(REPORTING_TITLE, reporting, bullets=False))
    return Card(
        code=row.kode_wilayah,
        name=row.nama,
        as_of=as_of,
        is_demo=is_demo,
        index_label="Indeks kesiapan",
        index_text=fmt.number(row.readiness_index, 1, missing=missing),
        category=category,
        category_text=category_text(category),
        note="" if since == NOTHING else f"Belum siap sejak {since}",
        sections=tuple(sections),
        deadline=deadline,
        urgency=urgency(category, len(risks or ()), row.readiness_index, row.kode_wilayah),
    )


def _province_card(
    ind: Indicators,
    regions: list[Card],
    attention: pd.DataFrame,
    risks: Mapping[str, Sequence[str]] | None,
    is_demo: bool,
    deadline: Deadline | None,
) -> Card:
    readiness = ind.readiness
    index = readiness["readiness_index"]
    counts = readiness["category"].value_counts()
    order = [*CATEGORY_RANK, "belum_dinilai"]
    count_lines = tuple(
        f"{category_text(c)}: {fmt.number(int(counts[c]))}" for c in order if counts.get(c, 0)
    )
    worst = tuple(
        f"{card.name} · {card.category_text}" + (
            f" · indeks {card.index_text}" if card.index_text not in (NOTHING, fmt.NOT_REPORTED)
            else ""
        )
        for card in regions
        if CATEGORY_RANK.get(card.category, UNRANKED) < CATEGORY_RANK["siap"]
    )  # fmt: skip
    shown = worst[:PROVINCE_WORST]
    sections = [
        Section(CATEGORY_TITLE, count_lines, bullets=False, whole=True),
        Section(
            WORST_TITLE,
            shown or (NONE_BEHIND,),
            more=len(worst) - len(shown),
        ),
    ]
    if risks is not None:
        at_risk = {code: lines for code, lines in risks.items() if lines}
        total = sum(len(lines) for lines in at_risk.values())
        lines = (
            (f"{fmt.number(total)} hal di {fmt.number(len(at_risk))} kabupaten/kota",)
            if total
            else (NOTHING_AT_RISK,)
        )
        names = {card.code: card.name for card in regions}
        ranked = sorted(at_risk, key=lambda code: (-len(at_risk[code]), code))
        if ranked:
            most = ", ".join(
                f"{names.get(code, code)} ({fmt.number(len(at_risk[code]))})"
                for code in ranked[:RISK_LINES]
            )
            lines += (f"Terbanyak: {most}",)
        sections.append(Section(RISK_TITLE, lines, whole=True))
    late = 0 if attention.empty else int((~attention["Pelaporan"].str.startswith("✓")).sum())
    if late:
        sections.append(
            Section(REPORTING_TITLE, (f"{fmt.number(late)} kabupaten/kota terlambat atau "
                                      "belum melapor",))
        )  # fmt: skip
    reported = int(index.notna().sum())
    return Card(
        code=PROVINCE,
        name=PROVINCE_NAME,
        as_of=ind.as_of,
        is_demo=is_demo,
        index_label="Indeks rata-rata",
        index_text=fmt.number(index.mean(), 1, missing="-"),
        category=None,
        category_text="",
        note=f"{reported} dari {len(readiness)} kabupaten/kota melapor",
        sections=tuple(sections),
        deadline=deadline,
    )


def assessed_risks(db: Database, as_of: dt.date) -> dict[str, tuple[str, ...]] | None:
    """Risk lines per regency from ``analytics.risk.flags``; None where that module is not
    installed (the cards then say nothing about risks). Its own errors are not hidden."""
    if importlib.util.find_spec("analytics.risk") is None:
        return None
    risk = importlib.import_module("analytics.risk")
    return risk_lines(risk.flags(db, as_of))


def load_cards(
    db: Database,
    as_of: dt.date,
    flags: Iterable | None = None,
    config: IndicatorConfig | None = None,
) -> tuple[Card, ...]:
    """``build_cards`` straight from the database (CLI, page): the weekly history for
    'since when', the demo mark, and the risk ``flags`` given (else ``assessed_risks``)."""
    from analytics.meeting import first_data_date, weekly_dates

    config = config or load_config()
    series = compute_series(db, weekly_dates(as_of, first_data_date(db)), config)
    risks = risk_lines(flags) if flags is not None else assessed_risks(db, as_of)
    return build_cards(series, db.is_demo(), risks, config)
