"""Regencies needing attention: who, on what and since when, most urgent first.

The ranking shared by the attention list, the scorecard's "Belum siap pada", the tile map
hover and the meeting deck. Values come from ``Indicators``; categories from
``analytics.categories``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from analytics import formatting as fmt
from analytics.categories import (
    CATEGORY_RANK,
    CATEGORY_SYMBOL,
    UNRANKED,
    category_text,
    component_values,
    value_category,
)
from analytics.config import IndicatorConfig, load_config
from analytics.indicators import Indicators
from analytics.labels import DATASET_LABEL
from analytics.views import long_tables

NOTHING = "–"  # an en dash: a lone "-" would become a bullet in a Markdown table cell
REPORTING_PROBLEMS = ("belum_lapor", "terlambat")


def day(value) -> dt.date:
    return pd.Timestamp(value).date()


def is_missing(value) -> bool:
    """None, NaN, NA or NaT: no value (shown as 'belum lapor' or a dash, never 0)."""
    return value is None or bool(pd.isna(value))


def sortable(value) -> float:
    return -1.0 if is_missing(value) else float(value)


def marked(name: str, chosen: bool) -> str:
    """The regency chosen in the sidebar carries an arrow in every table."""
    return f"➤ {name}" if chosen else name


def run_start(below: pd.Series) -> dt.date | None:
    """Start of the run of True values that ends at the last date of ``below`` (indexed by
    report date); None when the last value is not True."""
    below = below.sort_index()
    if below.empty or not bool(below.iloc[-1]):
        return None
    start = below.index[-1]
    for date, flag in zip(reversed(below.index), reversed(below.to_list()), strict=True):
        if not flag:
            break
        start = date
    return day(start)


def short_date(value: dt.date, as_of: dt.date) -> str:
    """'12 Juli' within the year of ``as_of``, else the full date '12 Juli 2023'."""
    full = fmt.date(value)
    return full.rsplit(" ", 1)[0] if value.year == as_of.year else full


def _since_text(start: dt.date | None, as_of: dt.date) -> str:
    if start is None:
        return NOTHING
    weeks = (as_of - start).days // 7
    span = "minggu ini" if weeks == 0 else f"{weeks} minggu"
    return f"{fmt.date(start)} ({span})"


def _with_today(history: Indicators | None, ind: Indicators) -> Indicators:
    """The weekly history before ``ind.as_of`` plus ``ind`` itself, so today's values are
    exactly those of ``ind`` (the same numbers as the summary)."""
    if history is None:
        return ind
    today = pd.Timestamp(ind.as_of)

    def join(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
        return pd.concat([old[old["report_date"] < today], new], ignore_index=True)

    return Indicators(
        ind.as_of,
        join(history.badan, ind.badan),
        join(history.training, ind.training),
        join(history.candidacy, ind.candidacy),
        join(history.candidacy_items, ind.candidacy_items),
        join(history.reporting, ind.reporting),
        join(history.readiness, ind.readiness),
        {**history.province_by_date, **ind.province_by_date},
    )


def candidacy_names(config: IndicatorConfig) -> set[str]:
    return {c.name for c in config.components if c.metric == "candidacy_due_completion"}


def weak_rows(today: pd.DataFrame, overdue: pd.DataFrame, config: IndicatorConfig):
    """The due components (of ``component_values`` on one date) that keep their regency from
    "siap", most urgent first per regency: tertinggal before perlu perhatian (an overdue
    candidacy item counts at least perlu perhatian), then the largest pull on the index
    (weight x shortfall). Columns of ``today`` plus ``pull`` and ``severity``."""
    rows = today.copy()
    rows["pull"] = rows["weight"] * (1 - rows["value"].fillna(0.0))
    rows["severity"] = [
        CATEGORY_RANK.get(value_category(v, r, config), UNRANKED)
        for v, r in zip(rows["value"], rows["is_reported"], strict=True)
    ]
    late = rows["name"].isin(candidacy_names(config)) & rows["kode_wilayah"].isin(overdue.index)
    rows.loc[late, "severity"] = rows.loc[late, "severity"].clip(
        upper=CATEGORY_RANK["perlu_perhatian"]
    )
    rows = rows[rows["severity"] < CATEGORY_RANK["siap"]]
    return rows.sort_values(
        ["kode_wilayah", "severity", "pull", "name"], ascending=[True, True, False, True]
    )


def _flags_by(keys, dates, flags) -> dict:
    """key -> (report dates, flags), built in one pass: pandas' groupby and set_index per
    group cost seconds for thousands of regency x component pairs, and only the few named
    in the list are ever read."""
    grouped: dict = {}
    for key, date, flag in zip(keys, dates, flags, strict=True):
        pair = grouped.setdefault(key, ([], []))
        pair[0].append(date)
        pair[1].append(bool(flag))
    return grouped


def _run_start_of(pair: tuple[list, list] | None) -> dt.date | None:
    """``run_start`` of (report dates, flags) as ``_flags_by`` keeps them."""
    if not pair:
        return None
    ordered = sorted(zip(*pair, strict=True))
    if not ordered or not ordered[-1][1]:
        return None
    start = ordered[-1][0]
    for date, flag in reversed(ordered):
        if not flag:
            break
        start = date
    return day(start)


def _weak_components(
    code: str,
    weak: pd.DataFrame,
    below_green: dict,
    overdue: pd.DataFrame,
    config: IndicatorConfig,
    as_of: dt.date,
    limit: int,
) -> list[str]:
    """'Bimtek PPS (jatuh tempo) 42,0% sejak 5 Juli' for the due components below the green
    line (``weak``: this regency's rows of ``_weak_rows``, most urgent first); candidacy as
    its overdue items when there are any. ``below_green`` maps (regency, component) to its
    weekly below-the-line flags, for 'sejak'."""
    candidacy = candidacy_names(config)
    texts = []
    for row in weak.head(limit).itertuples():
        start = _run_start_of(below_green.get((code, row.name)))
        since = f" sejak {short_date(start, as_of)}" if start else ""
        if row.name in candidacy and code in overdue.index:
            count, first_due = overdue.loc[code, "count"], overdue.loc[code, "first_due"]
            late_since = short_date(first_due + dt.timedelta(days=1), as_of)
            texts.append(
                f"{row.label} {fmt.percent(row.value)}: {fmt.number(count)} butir terlambat "
                f"sejak {late_since}"
            )
        elif not row.is_reported:
            texts.append(f"{row.label} belum lapor{since}")
        elif pd.isna(row.value):
            texts.append(f"{row.label} belum ada data{since}")
        else:
            texts.append(f"{row.label} {fmt.percent(row.value)}{since}")
    return texts


def _reporting_problems(
    reporting: pd.DataFrame, period_days: int, as_of: dt.date
) -> dict[str, list[str]]:
    """regency -> ['▲ Bimtek terlambat sejak 9 Agustus 2024', '○ Persiapan pencalonan
    belum lapor sejak 1 Agustus 2024']."""
    out: dict[str, list[str]] = {}
    for row in reporting.sort_values(["kode_wilayah", "dataset"]).itertuples():
        if row.reporting_status not in REPORTING_PROBLEMS:
            continue
        label = DATASET_LABEL.get(row.dataset, row.dataset)
        if row.reporting_status == "terlambat":
            since = day(row.data_as_of) + dt.timedelta(days=period_days + 1)
            text = f"▲ {label} terlambat sejak {short_date(since, as_of)}"
        else:
            text = f"○ {label} belum lapor sejak {short_date(day(row.expected_from), as_of)}"
        out.setdefault(row.kode_wilayah, []).append(text)
    return out


def overdue_items(ind: Indicators) -> pd.DataFrame:
    """Reporting regency -> count (the candidacy indicator) and earliest due date of its
    overdue checklist items. A regency that has not reported has no count ('belum lapor')."""
    candidacy = ind.candidacy
    late_regions = candidacy[
        candidacy["is_reported"].astype(bool) & (candidacy["overdue_count"] > 0)
    ]
    items = ind.candidacy_items
    late = items[items["is_overdue"].fillna(False).astype(bool)]
    first_due = late.groupby("kode_wilayah")["batas_waktu"].min().map(day)
    frame = late_regions.set_index("kode_wilayah")[["overdue_count"]]
    frame = frame.rename(columns={"overdue_count": "count"})
    frame["first_due"] = first_due.reindex(frame.index)
    return frame


def attention_list(
    ind: Indicators,
    history: Indicators | None = None,
    config: IndicatorConfig | None = None,
    region: str | None = None,
    limit: int = 4,
) -> pd.DataFrame:
    """Regencies needing attention, most urgent first: category tertinggal, belum lapor or
    perlu perhatian, or a late or missing upload. Says on what (weakest components) and
    since when (start of the current run below the green line in the weekly history).

    ``ind`` holds one date (the as-of date); ``history`` the weekly dates before it.
    """
    config = config or load_config()
    as_of = ind.as_of
    combined = _with_today(history, ind)
    components = component_values(combined, config)
    today_components = components[components["report_date"] == pd.Timestamp(as_of)]
    readiness = combined.readiness
    problems = _reporting_problems(ind.reporting, config.period_days, as_of)
    overdue = overdue_items(ind)
    # Grouped once (a national list holds hundreds of regencies): each regency's weak
    # components today, and the weekly flags of each component and category.
    weak_by_region = dict(
        tuple(weak_rows(today_components, overdue, config).groupby("kode_wilayah", sort=False))
    )
    below_green = _flags_by(
        components[["kode_wilayah", "name"]].itertuples(index=False, name=None),
        components["report_date"],
        ~(components["value"] * 100 >= config.green),
    )
    not_ready = _flags_by(
        readiness["kode_wilayah"],
        readiness["report_date"],
        readiness["category"].isin(["tertinggal", "perlu_perhatian", "belum_lapor"]),
    )
    no_rows = today_components.iloc[0:0]
    rows = []
    for row in ind.readiness.itertuples():
        category = row.category
        rank = CATEGORY_RANK.get(category, UNRANKED)
        if rank >= CATEGORY_RANK["siap"] and row.kode_wilayah not in problems:
            continue
        start = _run_start_of(not_ready.get(row.kode_wilayah))
        weak = _weak_components(
            row.kode_wilayah,
            weak_by_region.get(row.kode_wilayah, no_rows),
            below_green,
            overdue,
            config,
            as_of,
            limit,
        )
        index_text = fmt.number(row.readiness_index, 1, missing="")
        index_text = f"· indeks {index_text}" if index_text else ""
        rows.append(
            {
                "rank": (
                    rank,
                    sortable(row.readiness_index),
                    -len(problems.get(row.kode_wilayah, [])),
                    row.kode_wilayah,
                ),
                "Kode": row.kode_wilayah,
                "Kabupaten/Kota": marked(row.nama, row.kode_wilayah == region),
                "Kesiapan": f"{category_text(category)} {index_text}".strip(),
                "Belum siap pada": "; ".join(weak) if weak else NOTHING,
                "Belum siap sejak": _since_text(start, as_of),
                "Pelaporan": "; ".join(problems.get(row.kode_wilayah, [])) or "✓ Tepat waktu",
            }
        )
    columns = ["Kode", "Kabupaten/Kota", "Kesiapan", "Belum siap pada", "Belum siap sejak",
               "Pelaporan"]  # fmt: skip
    if not rows:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(sorted(rows, key=lambda r: r["rank"]))[columns]
    frame.index = range(1, len(frame) + 1)
    frame.index.name = "No."
    return frame


@dataclass(frozen=True)
class Verdict:
    """What to say above an empty or full attention list: ``kind`` is success (green),
    info or warning; green only when every regency is siap and reports on time."""

    kind: str
    text: str


def attention_verdict(
    ind: Indicators, attention: pd.DataFrame, config: IndicatorConfig | None = None
) -> Verdict:
    """The one sentence under 'Kabupaten/kota yang perlu perhatian'."""
    config = config or load_config()
    categories = ind.readiness["category"]
    total = len(categories)
    if not attention.empty:
        return Verdict("warning", f"{len(attention)} dari {total} kabupaten/kota perlu perhatian.")
    if (categories == "belum_dinilai").all():
        first = min((c.active_from for c in config.components), default=None)
        when = f" Komponen pertama dinilai mulai {fmt.date(first)}." if first else ""
        return Verdict("info", f"Belum ada komponen yang jatuh tempo pada tanggal ini.{when}")
    if not (categories == "siap").all():
        waiting = int((categories == "belum_dinilai").sum())
        return Verdict(
            "info", f"{waiting} kabupaten/kota belum dinilai pada tanggal ini (belum ada data "
            "yang jatuh tempo)."
        )  # fmt: skip
    return Verdict(
        "success",
        f"● Semua {total} kabupaten/kota siap: tidak ada komponen yang jatuh tempo di bawah "
        f"{fmt.number(config.green)}%, tidak ada butir terlambat, dan semua melapor tepat waktu.",
    )


def attention_rest(attention: pd.DataFrame, count: int | None = None) -> dict[str, int]:
    """Rows of the attention list after the first ``count`` (ROWS_AT_ONCE), per readiness
    category."""
    count = long_tables.ROWS_AT_ONCE if count is None else count
    category_of = {symbol: category for category, symbol in CATEGORY_SYMBOL.items()}
    counts = attention["Kesiapan"].iloc[count:].str[0].map(category_of).value_counts()
    return {c: int(counts[c]) for c in [*CATEGORY_RANK, "belum_dinilai"] if c in counts}
