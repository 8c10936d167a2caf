"""Province overview: headline with weekly change, scorecard, tile map data, reporting
status and calendar countdown (the attention list is in ``ranking``).

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
    active_components,
    component_values,
    phase_order,
)
from analytics.config import IndicatorConfig, load_config
from analytics.figures.theme import CATEGORY_COLOR, CATEGORY_LABEL, CATEGORY_SYMBOL, category_text
from analytics.indicators import BODY_ORDER, Indicators
from analytics.labels import BODY_LABEL, DATASET_LABEL, REPORTING_LABEL, training_label
from analytics.tile_map import short_name
from analytics.views import long_tables
from analytics.views.ranking import (
    NOTHING,
    REPORTING_PROBLEMS,
    candidacy_names,
    is_missing,
    marked,
    overdue_items,
    sortable,
    weak_rows,
)

# Tile map: names longer than this many characters are set at TILE_SMALL_PX.
TILE_NAME_CHARS = 9
TILE_SMALL_PX = 11
# Sort keys of cells without a value: the grid shows a null cell as "None" whatever the
# Styler says, so missing cells get a number below any real one (they sort as the worst).
NOT_REPORTED_KEY = -2.0
NO_DATA_KEY = -1.0
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
    if is_missing(now) or is_missing(before):
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
    if is_missing(value):
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


# --------------------------------------------------------------------------- scorecard


def _reason_cells(ind: Indicators, order: list[str], config: IndicatorConfig) -> list[tuple]:
    """(sort value, text, category) per regency: the one due component that most keeps it
    from "siap" (so a ■ Kategori always has its reason beside it), or a dash."""
    overdue = overdue_items(ind)
    first = weak_rows(component_values(ind, config), overdue, config)
    first = first.groupby("kode_wilayah", sort=False).head(1).set_index("kode_wilayah")
    candidacy = candidacy_names(config)
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
    if is_missing(value):
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
            sortable(readiness.at[c, "readiness_index"]),
            c,
        ),
    )
    readiness = readiness.loc[order]
    values: dict[str, list] = {"Kode": order, "Kabupaten/Kota": []}
    text: dict[str, list] = {"Kode": order, "Kabupaten/Kota": []}
    cats: dict[str, list] = {"Kode": [None] * len(order), "Kabupaten/Kota": [None] * len(order)}
    for code in order:
        name = marked(readiness.at[code, "nama"], code == region)
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
        if is_missing(value):
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
        if not reported or is_missing(value):
            women.append(_rate_cell(value, reported, config)[:2] + (None,))
        else:
            below = value < config.women_target
            women.append((value * 100, f"{'▽' if below else '△'} {fmt.percent(value)}", None))
    add(f"Perempuan di {label}", women)
    ratios = []
    for c in order:
        value, reported = badan.at[c, "applicant_ratio"], bool(badan.at[c, "is_reported"])
        if not reported or is_missing(value):
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
        "Kabupaten/Kota": [marked(names[c], c == region) for c in order],
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
