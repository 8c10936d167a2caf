"""Province overview: headline with weekly change, scorecard, tile map data, reporting
status, calendar countdown and the ranked list of regencies needing attention.

Every value comes from the same ``Indicators`` as ``python -m analytics summary``; this
module only selects, ranks and formats (Indonesian headers and numbers).
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

import pandas as pd
from pandas.io.formats.style import Styler

from analytics import formatting as fmt
from analytics.categories import (
    CATEGORY_RANK,
    UNRANKED,
    component_values,
    phase_order,
    value_category,
)
from analytics.config import Component, IndicatorConfig, load_config
from analytics.figures.theme import CATEGORY_COLOR, CATEGORY_LABEL, CATEGORY_SYMBOL, category_text
from analytics.indicators import BODY_ORDER, Indicators
from analytics.labels import BODY_LABEL, DATASET_LABEL, REPORTING_LABEL, training_label
from analytics.tile_map import short_name
from analytics.views import long_tables

# Tile map: names longer than this many characters are set at TILE_SMALL_PX.
TILE_NAME_CHARS = 9
TILE_SMALL_PX = 11
NOTHING = "–"  # an en dash: a lone "-" would become a bullet in a Markdown table cell
# Sort keys of cells without a value: the grid shows a null cell as "None" whatever the
# Styler says, so missing cells get a number below any real one (they sort as the worst).
NOT_REPORTED_KEY = -2.0
NO_DATA_KEY = -1.0
REPORTING_PROBLEMS = ("belum_lapor", "terlambat")
NOTHING_EXPECTED = "Belum ada data yang wajib dilaporkan pada tanggal ini."
# Reporting statuses drawn with the traffic-light colours of the readiness categories.
# Only problems are coloured, so they stand out in a table that is mostly on time.
REPORTING_CATEGORY = {
    "tepat_waktu": None,
    "terlambat": "perlu_perhatian",
    "belum_lapor": "tertinggal",
    "belum_waktunya": None,
}
# Text colour that stays readable on each fill (white on the dark blue and vermillion).
TEXT_ON = {
    "siap": "white",
    "tertinggal": "white",
    "perlu_perhatian": "black",
    "belum_lapor": "black",
    "belum_dinilai": "black",
}


def _day(value) -> dt.date:
    return pd.Timestamp(value).date()


def _is_missing(value) -> bool:
    """None, NaN, NA or NaT: no value (shown as 'belum lapor' or a dash, never 0)."""
    return value is None or bool(pd.isna(value))


# --------------------------------------------------------------------------- headline


@dataclass(frozen=True)
class Headline:
    """One headline metric: value and change since the previous week, both formatted."""

    label: str
    value: str
    delta: str | None = None  # '+1,2 poin'; None when there is nothing to compare
    delta_color: str = "normal"  # 'inverse' when a rise is bad (overdue items, tertinggal)
    delta_arrow: str = "auto"  # 'off' for no change
    help: str | None = None


def province_headline(ind: Indicators) -> list[tuple[str, str]]:
    """(label, value) pairs for the headline metrics of the province."""
    return [(h.label, h.value) for h in headline(ind)]


def _signed(value: float, decimals: int, unit: str = "") -> str:
    text = fmt.number(abs(value), decimals)
    sign = "-" if round(value, decimals) < 0 else "+"
    return f"{sign}{text}{unit}"


def _change(
    now, before, decimals: int = 0, unit: str = "", scale: float = 1.0, inverse: bool = False
) -> dict:
    """delta/delta_color/delta_arrow for Headline, or {} when either value is missing."""
    if _is_missing(now) or _is_missing(before):
        return {}
    # The change between the numbers as shown, so the arithmetic on screen adds up.
    diff = round(float(now) * scale, decimals) - round(float(before) * scale, decimals)
    color = "inverse" if inverse else "normal"
    if round(diff, decimals) == 0:
        return {"delta": f"{fmt.number(0, decimals)}{unit}", "delta_color": "off",
                "delta_arrow": "off"}  # fmt: skip
    return {"delta": _signed(diff, decimals, unit), "delta_color": color}


def _readiness_numbers(ind: Indicators) -> dict:
    readiness = ind.readiness
    counts = readiness["category"].value_counts()
    return {
        "reported": int(readiness["readiness_index"].notna().sum()),
        "mean": readiness["readiness_index"].mean(),
        "tertinggal": int(counts.get("tertinggal", 0)),
        "perlu_perhatian": int(counts.get("perlu_perhatian", 0)),
    }


def _body_value(province: dict, body: str, key: str, group: str = "badan"):
    return province.get(group, {}).get(body, {}).get(key)


def _body_missing_text(province: dict, body: str) -> str:
    """'belum lapor' when no regency reported the body; 'belum dibentuk' when none formed."""
    entry = province.get("badan", {}).get(body) or {}
    if entry.get("regions_reported_count") and not entry.get("kebutuhan"):
        return "belum dibentuk"
    return fmt.NOT_REPORTED


def headline(
    ind: Indicators,
    previous: Indicators | None = None,
    body: str | None = None,
    config: IndicatorConfig | None = None,
) -> list[Headline]:
    """Headline metrics of the province as of ``ind.as_of``, with the change since
    ``previous`` (usually a week earlier): five readiness figures, then the bodies (or,
    with ``body``, five figures of that body)."""
    config = config or load_config()
    green, amber = fmt.number(config.green), fmt.number(config.amber)
    now = _readiness_numbers(ind)
    before = _readiness_numbers(previous) if previous is not None else {}
    prov, prev_prov = ind.province, previous.province if previous is not None else {}
    total = len(ind.readiness)
    items = [
        Headline(
            "Kabupaten/kota melapor",
            f"{now['reported']} dari {total}",
            **_change(now["reported"], before.get("reported")),
        ),
        Headline(
            "Indeks rata-rata",
            fmt.number(now["mean"], 1, missing="-"),
            **_change(now["mean"], before.get("mean"), 1, " poin"),
            help="Rata-rata indeks kesiapan (0–100) kabupaten/kota yang sudah melapor.",
        ),
        Headline(
            category_text("tertinggal"),
            fmt.number(now["tertinggal"]),
            **_change(now["tertinggal"], before.get("tertinggal"), inverse=True),
            help=f"Kabupaten/kota dengan indeks kesiapan di bawah {amber}, atau dengan satu "
            f"komponen yang sudah jatuh tempo di bawah {amber}% (komponen yang belum "
            "dilaporkan dihitung 0%).",
        ),
        Headline(
            category_text("perlu_perhatian"),
            fmt.number(now["perlu_perhatian"]),
            **_change(now["perlu_perhatian"], before.get("perlu_perhatian"), inverse=True),
            help=f"Kabupaten/kota yang tidak tertinggal, tetapi indeksnya atau satu komponen "
            f"yang jatuh tempo di bawah {green}, atau ada butir pencalonan yang terlambat.",
        ),
    ]
    overdue = prov["pencalonan"].get("overdue_count")
    items.append(
        Headline(
            "Butir terlambat",
            fmt.number(overdue, missing="-"),
            **_change(overdue, prev_prov.get("pencalonan", {}).get("overdue_count"), inverse=True),
            help="Butir persiapan pencalonan yang lewat batas waktu dan belum selesai "
            "(jumlah seluruh kabupaten/kota).",
        )
    )
    if body is None:
        for each in BODY_ORDER:
            label = f"{BODY_LABEL[each]} dilantik"
            items.append(_rate_headline(prov, prev_prov, each, "sworn_in_rate", label))
        return items
    label = BODY_LABEL[body]
    items += [
        _rate_headline(prov, prev_prov, body, "fill_rate", f"{label} terisi"),
        _rate_headline(prov, prev_prov, body, "sworn_in_rate", f"{label} dilantik"),
        _rate_headline(prov, prev_prov, body, "women_share", f"Perempuan di {label}", neutral=True),
        _rate_headline(
            prov, prev_prov, body, "training_due_completion", training_label(body), group="bimtek"
        ),
    ]
    ratio = _body_value(prov, body, "applicant_ratio")
    change = _change(ratio, _body_value(prev_prov, body, "applicant_ratio"), 2)
    items.append(
        Headline(
            f"Pendaftar per kursi {label}",
            *_value_or_dash(fmt.ratio(ratio), ratio, _body_missing_text(prov, body), change),
        )
    )
    return items


# Headline figures side by side that stay whole at 1280 px with the sidebar open: four
# readiness figures ("35 dari 35" in large type), then up to five short labels in a row,
# or three when a label is long ("Bimtek Pantarlih (jatuh tempo)").
FIRST_ROW = 4
SHORT_LABEL = 18


def headline_rows(items: list[Headline]) -> list[list[Headline]]:
    """``headline`` split into rows whose labels and values are never cut."""
    rows, rest = [items[:FIRST_ROW]], items[FIRST_ROW:]
    per_row = 5 if all(len(h.label) <= SHORT_LABEL for h in rest) else 3
    rows += [rest[i : i + per_row] for i in range(0, len(rest), per_row)]
    return [row for row in rows if row]


def _value_or_dash(text: str, value, missing: str, change: dict) -> tuple:
    """(value, delta, delta_color, delta_arrow): a dash with the reason as a grey note when
    the value is missing (the reason is too long for the big number on a projector)."""
    if _is_missing(value):
        return "–", missing, "off", "off"
    return (
        text,
        change.get("delta"),
        change.get("delta_color", "normal"),
        change.get("delta_arrow", "auto"),
    )


def _rate_headline(
    prov: dict,
    prev_prov: dict,
    body: str,
    key: str,
    label: str,
    group: str = "badan",
    neutral: bool = False,
) -> Headline:
    missing = _body_missing_text(prov, body)
    # A rate over zero seats (nothing formed yet) is shown as "belum dibentuk", not 0%.
    value = None if missing == "belum dibentuk" else _body_value(prov, body, key, group)
    change = _change(value, _body_value(prev_prov, body, key, group), 1, " poin", 100)
    if neutral and change.get("delta_color") in ("normal", "inverse"):
        change["delta_color"] = "off"
    return Headline(label, *_value_or_dash(fmt.percent(value), value, missing, change))


# --------------------------------------------------------------------------- components


def active_components(as_of: dt.date, config: IndicatorConfig) -> list[Component]:
    """The readiness components the calendar asks for on ``as_of`` (config order)."""
    return [c for c in config.components if c.active_from <= as_of]


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
    return _day(start)


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


# --------------------------------------------------------------------------- attention


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


def _candidacy_names(config: IndicatorConfig) -> set[str]:
    return {c.name for c in config.components if c.metric == "candidacy_due_completion"}


def _weak_rows(today: pd.DataFrame, overdue: pd.DataFrame, config: IndicatorConfig):
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
    late = rows["name"].isin(_candidacy_names(config)) & rows["kode_wilayah"].isin(overdue.index)
    rows.loc[late, "severity"] = rows.loc[late, "severity"].clip(
        upper=CATEGORY_RANK["perlu_perhatian"]
    )
    rows = rows[rows["severity"] < CATEGORY_RANK["siap"]]
    return rows.sort_values(
        ["kode_wilayah", "severity", "pull", "name"], ascending=[True, True, False, True]
    )


def _reason_cells(ind: Indicators, order: list[str], config: IndicatorConfig) -> list[tuple]:
    """(sort value, text, category) per regency: the one due component that most keeps it
    from "siap" (so a ■ Kategori always has its reason beside it), or a dash."""
    overdue = _overdue_items(ind)
    first = _weak_rows(component_values(ind, config), overdue, config)
    first = first.groupby("kode_wilayah", sort=False).head(1).set_index("kode_wilayah")
    candidacy = _candidacy_names(config)
    names = {v: k for k, v in CATEGORY_RANK.items()}
    cells = []
    for code in order:
        if code not in first.index:
            cells.append((NO_DATA_KEY, NOTHING, None))
            continue
        row = first.loc[code]
        if not row["is_reported"]:
            text = f"{row['label']} belum lapor"
        else:
            text = f"{row['label']} {fmt.percent(row['value'], missing='–')}"
        if row["name"] in candidacy and code in overdue.index:
            text += f": {fmt.number(overdue.loc[code, 'count'])} butir terlambat"
        value = -1.0 if pd.isna(row["value"]) else float(row["value"]) * 100
        category = names[int(row["severity"])]
        cells.append((value, f"{CATEGORY_SYMBOL[category]} {text}", category))
    return cells


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
    return _day(start)


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
    candidacy = _candidacy_names(config)
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
            since = _day(row.data_as_of) + dt.timedelta(days=period_days + 1)
            text = f"▲ {label} terlambat sejak {short_date(since, as_of)}"
        else:
            text = f"○ {label} belum lapor sejak {short_date(_day(row.expected_from), as_of)}"
        out.setdefault(row.kode_wilayah, []).append(text)
    return out


def _overdue_items(ind: Indicators) -> pd.DataFrame:
    """Reporting regency -> count (the candidacy indicator) and earliest due date of its
    overdue checklist items. A regency that has not reported has no count ('belum lapor')."""
    candidacy = ind.candidacy
    late_regions = candidacy[
        candidacy["is_reported"].astype(bool) & (candidacy["overdue_count"] > 0)
    ]
    items = ind.candidacy_items
    late = items[items["is_overdue"].fillna(False).astype(bool)]
    first_due = late.groupby("kode_wilayah")["batas_waktu"].min().map(_day)
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
    overdue = _overdue_items(ind)
    # Grouped once (a national list holds hundreds of regencies): each regency's weak
    # components today, and the weekly flags of each component and category.
    weak_by_region = dict(
        tuple(_weak_rows(today_components, overdue, config).groupby("kode_wilayah", sort=False))
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
                    _sortable(row.readiness_index),
                    -len(problems.get(row.kode_wilayah, [])),
                    row.kode_wilayah,
                ),
                "Kode": row.kode_wilayah,
                "Kabupaten/Kota": _marked(row.nama, row.kode_wilayah == region),
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


def _sortable(value) -> float:
    return -1.0 if _is_missing(value) else float(value)


def _marked(name: str, chosen: bool) -> str:
    """The regency chosen in the sidebar carries an arrow in every table."""
    return f"➤ {name}" if chosen else name


# --------------------------------------------------------------------------- scorecard


@dataclass(frozen=True)
class Scorecard:
    """Regencies x indicators: numeric ``values`` (for sorting), the ``text`` shown in each
    cell (value and symbol) and the traffic-light ``category`` of each cell (None: no
    colour)."""

    values: pd.DataFrame
    text: pd.DataFrame
    category: pd.DataFrame
    note: str | None = None

    def head(self, count: int) -> Scorecard:
        """The first ``count`` rows (these tables are ordered most urgent first)."""
        return Scorecard(
            self.values.head(count), self.text.head(count), self.category.head(count), self.note
        )

    def rest_by_category(self, column: str, count: int | None = None) -> dict[str, int]:
        """How many rows after the first ``count`` (ROWS_AT_ONCE) fall in each readiness
        category of ``column``, most urgent first (what a shortened table leaves out)."""
        count = long_tables.ROWS_AT_ONCE if count is None else count
        counts = self.category[column].iloc[count:].value_counts()
        return {c: int(counts[c]) for c in [*CATEGORY_RANK, "belum_dinilai"] if c in counts}

    def styled(self) -> Styler:
        """A pandas Styler: the text and colour of every cell over the numeric values."""
        styler = self.values.style
        for column in self.values.columns:
            pairs = dict(zip(self.values[column], self.text[column], strict=True))
            if len(pairs) == len(set(zip(self.values[column], self.text[column], strict=True))):
                # Each value always reads the same: one formatter for the whole column.
                styler = styler.format(lambda v, m=pairs: m.get(v, ""), subset=[column])
                continue
            # One formatter per distinct text (many cells read "○ belum lapor").
            for text, rows in self.text.groupby(column).groups.items():
                styler = styler.format(lambda _v, t=text: t, subset=(list(rows), [column]))
        css = self.category.map(_cell_css)
        return styler.apply(lambda _frame: css, axis=None)


def _cell_css(category) -> str:
    if category is None or category not in CATEGORY_COLOR:
        return ""
    return f"background-color: {CATEGORY_COLOR[category]}; color: {TEXT_ON[category]}"


def _rate_cell(value, is_reported: bool, config: IndicatorConfig) -> tuple:
    """(value in percent, text, category) of one traffic-light rate cell."""
    if not is_reported:
        return NOT_REPORTED_KEY, "○ belum lapor", "belum_lapor"
    if _is_missing(value):
        return NO_DATA_KEY, "– belum ada", "belum_dinilai"
    category = config.rate_category(value)
    return float(value) * 100, f"{CATEGORY_SYMBOL[category]} {fmt.percent(value)}", category


def scorecard(
    ind: Indicators,
    body: str | None = None,
    region: str | None = None,
    config: IndicatorConfig | None = None,
) -> Scorecard:
    """35 regencies x indicators, weakest first; the chosen region on top and marked.

    Without ``body``: readiness index, the readiness components active on the as-of date
    and the overdue checklist items. With ``body``: fill, sworn-in, women,
    applicants per seat, unit coverage and training of that body; when no regency has
    formed that body yet (KPPS in August), the first view with a note saying so.
    """
    config = config or load_config()
    if body is not None and not _body_formed(ind, body):
        card = scorecard(ind, None, region, config)
        start = next((c.active_from for c in config.components if c.badan == body), None)
        when = f" (jadwal pelantikan {fmt.date(start)})" if start else ""
        note = (
            f"Belum ada {BODY_LABEL[body]} yang dibentuk pada tanggal ini{when}; "
            f"kartu skor menampilkan semua badan. {card.note or ''}"
        )
        return Scorecard(card.values, card.text, card.category, note.strip())
    readiness = ind.readiness.set_index("kode_wilayah")
    order = sorted(
        readiness.index,
        key=lambda c: (
            c != region,
            CATEGORY_RANK.get(readiness.at[c, "category"], UNRANKED),
            _sortable(readiness.at[c, "readiness_index"]),
            c,
        ),
    )
    readiness = readiness.loc[order]
    values: dict[str, list] = {"Kode": order, "Kabupaten/Kota": []}
    text: dict[str, list] = {"Kode": order, "Kabupaten/Kota": []}
    cats: dict[str, list] = {"Kode": [None] * len(order), "Kabupaten/Kota": [None] * len(order)}
    for code in order:
        name = _marked(readiness.at[code, "nama"], code == region)
        values["Kabupaten/Kota"].append(name)
        text["Kabupaten/Kota"].append(name)

    def add(column: str, cells: list[tuple]) -> None:
        values[column] = [c[0] for c in cells]
        text[column] = [c[1] for c in cells]
        cats[column] = [c[2] for c in cells]

    add(
        "Kategori",
        [
            (
                CATEGORY_RANK.get(readiness.at[c, "category"], UNRANKED),
                category_text(readiness.at[c, "category"]),
                readiness.at[c, "category"],
            )
            for c in order
        ],
    )
    if body is None:
        add("Belum siap pada", _reason_cells(ind, order, config))
    index_cells = []
    for code in order:
        category = readiness.at[code, "index_category"]
        value = readiness.at[code, "readiness_index"]
        shown = fmt.number(value, 1, missing=CATEGORY_LABEL[category].lower())
        if _is_missing(value):
            value = NOT_REPORTED_KEY if category == "belum_lapor" else NO_DATA_KEY
        index_cells.append((float(value), f"{CATEGORY_SYMBOL[category]} {shown}", category))
    add("Indeks kesiapan", index_cells)
    note = None
    if body is None:
        today = component_values(ind, config)
        for component in phase_order(active_components(ind.as_of, config)):
            mine = today[today["name"] == component.name].set_index("kode_wilayah")
            add(
                component.label,
                [
                    _rate_cell(mine.at[c, "value"], bool(mine.at[c, "is_reported"]), config)
                    for c in order
                ],
            )
            if component.metric == "candidacy_due_completion":
                candidacy = ind.candidacy.set_index("kode_wilayah")
                add("Butir terlambat", [_overdue_cell(candidacy.loc[c]) for c in order])
        later = [c.label for c in config.components if c.active_from > ind.as_of]
        if later:
            note = "Belum dinilai pada tanggal ini (menurut jadwal): " + ", ".join(later) + "."
    else:
        note = _add_body_columns(ind, body, order, config, add)
    return Scorecard(pd.DataFrame(values), pd.DataFrame(text), _categories(cats), note)


def _categories(cats: dict[str, list]) -> pd.DataFrame:
    """Cell categories as objects, so a cell without colour stays None (not NaN)."""
    return pd.DataFrame(cats, dtype=object)


def _overdue_cell(row: pd.Series) -> tuple:
    if not bool(row["is_reported"]):
        return NOT_REPORTED_KEY, "○ belum lapor", "belum_lapor"
    count = int(row["overdue_count"])
    category = "siap" if count == 0 else "perlu_perhatian"
    return count, f"{CATEGORY_SYMBOL[category]} {fmt.number(count)}", category


def _body_formed(ind: Indicators, body: str) -> bool:
    """True when some regency reports seats (kebutuhan) for ``body``."""
    rows = ind.badan[ind.badan["badan"] == body]
    return bool(rows["kebutuhan"].fillna(0).gt(0).any())


def _add_body_columns(ind, body, order, config, add) -> str | None:
    label = BODY_LABEL[body]
    badan = ind.badan[ind.badan["badan"] == body].set_index("kode_wilayah").loc[order]
    training = ind.training[ind.training["badan"] == body].set_index("kode_wilayah").loc[order]
    for key, title in [
        ("fill_rate", f"{label} terisi"),
        ("sworn_in_rate", f"{label} dilantik"),
        ("coverage_rate", f"Cakupan unit {label}"),
    ]:
        add(
            title, [_rate_cell(badan.at[c, key], badan.at[c, "is_reported"], config) for c in order]
        )
    women = []
    for c in order:
        value, reported = badan.at[c, "women_share"], bool(badan.at[c, "is_reported"])
        if not reported or _is_missing(value):
            women.append(_rate_cell(value, reported, config)[:2] + (None,))
        else:
            below = value < config.women_target
            women.append((value * 100, f"{'▽' if below else '△'} {fmt.percent(value)}", None))
    add(f"Perempuan di {label}", women)
    ratios = []
    for c in order:
        value, reported = badan.at[c, "applicant_ratio"], bool(badan.at[c, "is_reported"])
        if not reported or _is_missing(value):
            ratios.append(_rate_cell(value, reported, config))
        else:
            category = "siap" if value >= config.applicant_target else "perlu_perhatian"
            ratios.append((value, f"{CATEGORY_SYMBOL[category]} {fmt.ratio(value)}", category))
    add(f"Pendaftar per kursi {label}", ratios)
    add(
        training_label(body),
        [
            _rate_cell(
                training.at[c, "training_due_completion"], training.at[c, "is_reported"], config
            )
            for c in order
        ],
    )
    women_pct = fmt.percent(config.women_target, 0)
    ratio = fmt.number(config.applicant_target, 1)
    return (
        f"Perempuan: △ mencapai / ▽ di bawah {women_pct} (target, bukan syarat). "
        f"Pendaftar per kursi di bawah {ratio}× berarti pendaftaran perlu diperpanjang."
    )


# --------------------------------------------------------------------------- tile map


def tile_frame(
    ind: Indicators,
    tiles: pd.DataFrame,
    attention: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per regency for the tile map: kode_wilayah, kolom, baris, category, the text
    inside the tile (short name, symbol, index) and the Indonesian hover text. Regencies
    without a tile position (data/reference/petak_peta.csv) are left out."""
    frame = ind.readiness.merge(tiles, on="kode_wilayah", how="inner")
    weak = {}
    if attention is not None and not attention.empty:
        weak = dict(zip(attention["Kode"], attention["Belum siap pada"], strict=True))
    inside, hover = [], []
    for row in frame.itertuples():
        # "belum lapor" on two lines, so it stays inside the tile.
        missing = CATEGORY_LABEL[row.category].lower().replace(" ", "<br>")
        value = fmt.number(row.readiness_index, 1, missing=missing)
        # Cities on two lines ('Kota' above the name) and long names in smaller type, so
        # the text stays inside the tile (names are reference data; escaped all the same).
        name = html.escape(short_name(row.nama))
        longest = max(len(part) for part in name.removeprefix("Kota ").split())
        label = name.replace("Kota ", "Kota<br>")
        if longest > TILE_NAME_CHARS:
            label = f'<span style="font-size:{TILE_SMALL_PX}px">{label}</span>'
        inside.append(f"<b>{label}</b><br>{CATEGORY_SYMBOL[row.category]} {value}")
        lines = [
            f"<b>{row.nama}</b>",
            f"Indeks kesiapan: {fmt.number(row.readiness_index, 1, missing=NOTHING)}",
            f"Kategori: {category_text(row.category)}",
        ]
        if weak.get(row.kode_wilayah, NOTHING) != NOTHING:
            lines.append("Belum siap pada: " + weak[row.kode_wilayah].replace("; ", "<br>  · "))
        hover.append("<br>".join(lines))
    frame["teks"] = inside
    frame["hover"] = hover
    return frame[["kode_wilayah", "nama", "kolom", "baris", "category", "readiness_index",
                  "teks", "hover"]]  # fmt: skip


# --------------------------------------------------------------------------- reporting


def reporting_table(
    ind: Indicators, region: str | None = None, problems_only: bool = False
) -> Scorecard:
    """Regencies x datasets: status symbol, date of the data in force and who uploaded it;
    missing and late first (``problems_only``: only those). ``values`` hold the days since
    the data, so the columns sort by age."""
    reporting = ind.reporting
    datasets = [d for d in DATASET_LABEL if d in set(reporting["dataset"])]
    by_region = reporting.set_index(["kode_wilayah", "dataset"])
    names = ind.readiness.set_index("kode_wilayah")["nama"]

    def statuses(code: str) -> list[str]:
        return [by_region.at[(code, d), "reporting_status"] for d in datasets]

    def urgency(code: str) -> tuple:
        mine = statuses(code)
        return (code != region, -mine.count("belum_lapor"), -mine.count("terlambat"), code)

    order = sorted(names.index, key=urgency)
    if problems_only:
        order = [c for c in order if set(statuses(c)) & set(REPORTING_PROBLEMS)]
    values: dict[str, list] = {
        "Kode": order,
        "Kabupaten/Kota": [_marked(names[c], c == region) for c in order],
    }
    text = {k: list(v) for k, v in values.items()}
    cats: dict[str, list] = {"Kode": [None] * len(order), "Kabupaten/Kota": [None] * len(order)}
    for dataset in datasets:
        column = DATASET_LABEL[dataset]
        values[column], text[column], cats[column] = [], [], []
        for code in order:
            row = by_region.loc[(code, dataset)]
            status = row["reporting_status"]
            days = row["days_since_data"]
            # Never reported sorts as the oldest data; not yet expected as the newest.
            if pd.isna(days):
                days = float("inf") if status == "belum_lapor" else NO_DATA_KEY
            values[column].append(float(days))
            cats[column].append(REPORTING_CATEGORY[status])
            text[column].append(_reporting_cell(row, status))
    latest = reporting.dropna(subset=["uploaded_at"]).sort_values("uploaded_at")
    latest = latest.groupby("kode_wilayah").tail(1).set_index("kode_wilayah")
    # ISO text (WIB, like the cell) sorts in time order (a null cell would show as "None").
    values["Unggahan terakhir"] = [
        f"{fmt.to_wib(latest.at[c, 'uploaded_at']):%Y-%m-%d %H:%M}" if c in latest.index else ""
        for c in order
    ]
    text["Unggahan terakhir"] = [
        f"{_timestamp(latest.at[c, 'uploaded_at'])} oleh {latest.at[c, 'uploaded_by']}"
        if c in latest.index
        else NOTHING
        for c in order
    ]
    cats["Unggahan terakhir"] = [None] * len(order)
    counts = reporting["reporting_status"].value_counts()
    late, missing = int(counts.get("terlambat", 0)), int(counts.get("belum_lapor", 0))
    behind = reporting[reporting["reporting_status"].isin(REPORTING_PROBLEMS)]
    if late or missing:
        note = (
            f"{behind['kode_wilayah'].nunique()} kabupaten/kota belum lengkap: "
            f"{missing} jenis data belum lapor, {late} terlambat."
        )
    elif (reporting["reporting_status"] == "belum_waktunya").all():
        note = NOTHING_EXPECTED
    else:
        note = "Semua data yang diharapkan sudah dilaporkan tepat waktu."
    return Scorecard(pd.DataFrame(values), pd.DataFrame(text), _categories(cats), note)


def reporting_rest(card: Scorecard, count: int | None = None) -> dict[str, int]:
    """Rows of a reporting table after the first ``count`` (ROWS_AT_ONCE): how many still
    miss or are late on some dataset, and how many are complete and on time."""
    count = long_tables.ROWS_AT_ONCE if count is None else count
    rest = card.category.iloc[count:].drop(columns=["Kode", "Kabupaten/Kota"])
    behind = int(rest.notna().any(axis=1).sum())
    return {"belum lengkap": behind, "lengkap dan tepat waktu": len(rest) - behind}


def attention_rest(attention: pd.DataFrame, count: int | None = None) -> dict[str, int]:
    """Rows of the attention list after the first ``count`` (ROWS_AT_ONCE), per readiness
    category."""
    count = long_tables.ROWS_AT_ONCE if count is None else count
    category_of = {symbol: category for category, symbol in CATEGORY_SYMBOL.items()}
    counts = attention["Kesiapan"].iloc[count:].str[0].map(category_of).value_counts()
    return {c: int(counts[c]) for c in [*CATEGORY_RANK, "belum_dinilai"] if c in counts}


def _reporting_cell(row: pd.Series, status: str) -> str:
    symbol = REPORTING_LABEL[status].split(" ", 1)[0]
    if status in ("belum_lapor", "belum_waktunya"):
        return REPORTING_LABEL[status]
    who = f" · {row['uploaded_by']}" if isinstance(row["uploaded_by"], str) else ""
    age = ""
    if status == "terlambat":
        age = f" ({fmt.number(row['days_since_data'])} hari)"
    return f"{symbol} {fmt.date(row['data_as_of'])}{age}{who}"


def _timestamp(value) -> str:
    return fmt.datetime_wib(value)


# --------------------------------------------------------------------------- countdown


@dataclass(frozen=True)
class Milestone:
    """A calendar milestone ahead of the as-of date."""

    countdown: str  # 'H-12', or 'Hari ini'
    stage: str
    date: str


def milestones_ahead(schedule: pd.DataFrame, as_of: dt.date, count: int = 4) -> list[Milestone]:
    """The next ``count`` milestones starting on or after ``as_of`` (jadwal.csv rows)."""
    ahead = schedule[schedule["tanggal_mulai"] >= as_of].sort_values(["tanggal_mulai", "kode"])
    out = []
    for row in ahead.head(count).itertuples():
        days = (row.tanggal_mulai - as_of).days
        out.append(Milestone("Hari ini" if days == 0 else f"H-{days}", row.tahapan,
                             fmt.date(row.tanggal_mulai)))  # fmt: skip
    return out


def stages_ongoing(schedule: pd.DataFrame, as_of: dt.date) -> list[str]:
    """'Masa kampanye (sampai 23 November 2024)' for the stages running on ``as_of``."""
    running = schedule[(schedule["tanggal_mulai"] < as_of) & (schedule["tanggal_selesai"] >= as_of)]
    return [
        f"{row.tahapan} (sampai {fmt.date(row.tanggal_selesai)})"
        for row in running.sort_values("tanggal_selesai").itertuples()
    ]
