"""Province overview: scorecard, tile map data and reporting status (the headline with
its weekly change is in ``headline``, the attention list in ``ranking``, the calendar
countdown in ``calendar``, the look of the tables in ``table_style``).

Every value comes from the same ``Indicators`` as ``python -m analytics summary``; this
module only selects, ranks and formats (Indonesian headers and numbers).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd
from pandas.io.formats.style import Styler

from analytics import formatting as fmt
from analytics.categories import (
    CATEGORY_LABEL,
    CATEGORY_RANK,
    CATEGORY_SYMBOL,
    UNRANKED,
    active_components,
    category_text,
    component_values,
    phase_order,
)
from analytics.config import IndicatorConfig, load_config
from analytics.escaping import plotly_text
from analytics.indicators import Indicators
from analytics.labels import BODY_LABEL, DATASET_LABEL, REPORTING_LABEL, training_label
from analytics.tile_map import short_name
from analytics.views import long_tables, table_style
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
        """The first ``count`` rows (these tables are ordered most urgent first); made once
        per scorecard and count, as the scorecard is shared by every session."""
        heads = self.__dict__.setdefault("_heads", {})
        if count not in heads:
            heads[count] = Scorecard(
                self.values.head(count), self.text.head(count), self.category.head(count),
                self.note,
            )  # fmt: skip
        return heads[count]

    def rest_by_category(self, column: str, count: int | None = None) -> dict[str, int]:
        """How many rows after the first ``count`` (ROWS_AT_ONCE) fall in each readiness
        category of ``column``, most urgent first (what a shortened table leaves out)."""
        count = long_tables.ROWS_AT_ONCE if count is None else count
        counts = self.category[column].iloc[count:].value_counts()
        return {c: int(counts[c]) for c in [*CATEGORY_RANK, "belum_dinilai"] if c in counts}

    @functools.cached_property
    def _styler(self) -> Styler:
        return table_style.styled(self.values, self.text, self.category)

    def styled(self) -> Styler:
        """A pandas Styler: the text and colour of every cell over the numeric values,
        built once per scorecard (which the page caches per data version and filters)."""
        return self._styler


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
    add("Indeks kesiapan", _index_cells(readiness, order))
    if body is None:
        note = _add_component_columns(ind, order, config, add)
    else:
        note = _add_body_columns(ind, body, order, config, add)
    return Scorecard(pd.DataFrame(values), pd.DataFrame(text), _categories(cats), note)


def _index_cells(readiness: pd.DataFrame, order: list[str]) -> list[tuple]:
    """(sort value, text, category) of the readiness index of each regency in ``order``."""
    cells = []
    for code in order:
        category = readiness.at[code, "index_category"]
        value = readiness.at[code, "readiness_index"]
        shown = fmt.number(value, 1, missing=CATEGORY_LABEL[category].lower())
        if is_missing(value):
            value = NOT_REPORTED_KEY if category == "belum_lapor" else NO_DATA_KEY
        cells.append((float(value), f"{CATEGORY_SYMBOL[category]} {shown}", category))
    return cells


def _add_component_columns(ind, order, config, add) -> str | None:
    """A column per readiness component due on the as-of date, the current phase first
    (and the overdue items beside the candidacy checklist); the note names those not
    judged yet."""
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
        return "Belum dinilai pada tanggal ini (menurut jadwal): " + ", ".join(later) + "."
    return None


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
        name = plotly_text(short_name(row.nama))
        longest = max(len(part) for part in name.removeprefix("Kota ").split())
        label = name.replace("Kota ", "Kota<br>")
        if longest > TILE_NAME_CHARS:
            label = f'<span style="font-size:{TILE_SMALL_PX}px">{label}</span>'
        inside.append(f"<b>{label}</b><br>{CATEGORY_SYMBOL[row.category]} {value}")
        lines = [
            f"<b>{plotly_text(row.nama)}</b>",
            f"Indeks kesiapan: {fmt.number(row.readiness_index, 1, missing=NOTHING)}",
            f"Kategori: {category_text(row.category)}",
        ]
        if weak.get(row.kode_wilayah, NOTHING) != NOTHING:
            lines.append(
                "Belum siap pada: " + plotly_text(weak[row.kode_wilayah]).replace("; ", "<br>  · ")
            )
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
