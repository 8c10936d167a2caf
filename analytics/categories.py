"""Readiness categories: the one rule that gives a regency its traffic light.

A regency's category is the worst of the category of its readiness index and the category
of every component due on the as-of date (a due component not reported counts 0%,
tertinggal); an overdue candidacy item makes it at best "perlu perhatian". So a regency
behind on anything due is never "siap", and every view (headline, attention list, tile
map, scorecard, deck, exports, ``summary``) reads the same column.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analytics.config import Component, IndicatorConfig

# Severity order of the readiness categories (most urgent first); belum_dinilai (nothing
# is due yet) comes after them all.
CATEGORY_RANK = {"tertinggal": 0, "belum_lapor": 1, "perlu_perhatian": 2, "siap": 3}
UNRANKED = 4
# How each category is shown everywhere (tables, figures, deck, exports): a colour AND a
# symbol and a word, never colour alone. Colours are Okabe-Ito (colour-blind safe).
CATEGORY_COLOR = {
    "siap": "#0072B2",
    "perlu_perhatian": "#E69F00",
    "tertinggal": "#D55E00",
    "belum_lapor": "#BDBDBD",
    "belum_dinilai": "#E0E0E0",
}
CATEGORY_SYMBOL = {
    "siap": "●",
    "perlu_perhatian": "▲",
    "tertinggal": "■",
    "belum_lapor": "○",
    "belum_dinilai": "–",
}
CATEGORY_LABEL = {
    "siap": "Siap",
    "perlu_perhatian": "Perlu perhatian",
    "tertinggal": "Tertinggal",
    "belum_lapor": "Belum lapor",
    "belum_dinilai": "Belum dinilai",
}
COMPONENT_COLUMNS = [
    "report_date",
    "kode_wilayah",
    "name",
    "label",
    "weight",
    "value",
    "is_reported",
]


def category_text(category: str | None) -> str:
    """'● Siap' style label: a symbol and a word, so colour is never the only signal."""
    key = category or "belum_lapor"
    return f"{CATEGORY_SYMBOL[key]} {CATEGORY_LABEL[key]}"


def component_values(ind, config: IndicatorConfig) -> pd.DataFrame:
    """Long frame report_date, kode_wilayah, name, label, weight, value (0-1), is_reported:
    each readiness component of each regency on each date it is active (due).

    ``ind`` is anything with the ``badan``, ``training`` and ``candidacy`` frames of
    ``indicators.Indicators``.
    """
    parts = []
    for c in config.components:
        if c.metric == "candidacy_due_completion":
            frame = ind.candidacy
        else:
            source = ind.badan if c.metric == "sworn_in_rate" else ind.training
            frame = source[source["badan"] == c.badan]
        frame = frame[frame["report_date"] >= pd.Timestamp(c.active_from)]
        parts.append(
            pd.DataFrame(
                {
                    "report_date": frame["report_date"],
                    "kode_wilayah": frame["kode_wilayah"],
                    "name": c.name,
                    "label": c.label,
                    "weight": c.weight,
                    "value": frame[c.metric].astype("float64"),
                    "is_reported": frame["is_reported"].astype(bool),
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=COMPONENT_COLUMNS)
    return pd.concat(parts, ignore_index=True)[COMPONENT_COLUMNS]


def active_components(as_of: dt.date, config: IndicatorConfig) -> list[Component]:
    """The readiness components the calendar asks for on ``as_of`` (config order)."""
    return [c for c in config.components if c.active_from <= as_of]


def phase_order(components: list[Component]) -> list[Component]:
    """The current phase of the calendar first: the component due most recently leads
    (in August the candidacy checklist, in November KPPS), then back in time."""
    return sorted(components, key=lambda c: c.active_from, reverse=True)


def value_category(value, is_reported: bool, config: IndicatorConfig) -> str | None:
    """Category of one due component: its traffic-light band; tertinggal when it is not
    reported (the index counts it 0); None when there is nothing to judge yet."""
    if not is_reported:
        return "tertinggal"
    if value is None or pd.isna(value):
        return None
    return config.rate_category(value)


def index_category(value, active_count: int, config: IndicatorConfig) -> str:
    """Band of the readiness index alone; belum_dinilai before the calendar asks for
    anything, belum_lapor without data."""
    if not active_count:
        return "belum_dinilai"
    if value is None or pd.isna(value):
        return "belum_lapor"
    return config.category(float(value))


def worst(categories) -> str:
    """The most urgent of ``categories`` (None entries ignored)."""
    present = [c for c in categories if c is not None]
    return min(present, key=lambda c: CATEGORY_RANK.get(c, UNRANKED))


def with_categories(readiness: pd.DataFrame, ind, config: IndicatorConfig) -> pd.DataFrame:
    """``readiness`` with ``index_category`` (the band of the index) and ``category`` (the
    rule of this module) for each report date and regency."""
    readiness = readiness.copy()
    readiness["index_category"] = [
        index_category(value, int(active), config)
        for value, active in zip(
            readiness["readiness_index"], readiness["active_component_count"], strict=True
        )
    ]
    components = component_values(ind, config)
    cache: dict = {}
    due: dict[tuple, list[str | None]] = {}
    for date, code, value, reported in zip(
        components["report_date"],
        components["kode_wilayah"],
        components["value"],
        components["is_reported"],
        strict=True,
    ):
        key = (bool(reported), None if pd.isna(value) else float(value))
        if key not in cache:
            cache[key] = value_category(key[1], key[0], config)
        due.setdefault((date, code), []).append(cache[key])
    candidacy = ind.candidacy
    overdue = {
        (date, code)
        for date, code, count, reported in zip(
            candidacy["report_date"],
            candidacy["kode_wilayah"],
            candidacy["overdue_count"],
            candidacy["is_reported"],
            strict=True,
        )
        if bool(reported) and not pd.isna(count) and count > 0
    }
    categories = []
    for date, code, first in zip(
        readiness["report_date"], readiness["kode_wilayah"], readiness["index_category"],
        strict=True,
    ):  # fmt: skip
        if first in ("belum_dinilai", "belum_lapor"):
            categories.append(first)
            continue
        found = [first, *due.get((date, code), [])]
        if (date, code) in overdue:
            found.append("perlu_perhatian")
        categories.append(worst(found))
    readiness["category"] = categories
    return readiness


def rule_text(config: IndicatorConfig) -> str:
    """The category rule in one Indonesian sentence (captions, deck, README)."""
    from analytics import formatting as fmt

    green, amber = fmt.number(config.green), fmt.number(config.amber)
    return (
        f"Kategori kabupaten/kota = yang terburuk dari kategori indeks kesiapan dan kategori "
        f"setiap komponen yang sudah jatuh tempo (● siap ≥ {green}, ▲ perlu perhatian ≥ "
        f"{amber}, ■ tertinggal di bawahnya); komponen jatuh tempo yang belum dilaporkan "
        f"dihitung 0%, dan butir pencalonan yang terlambat membuatnya paling baik ▲ perlu "
        f"perhatian."
    )
