"""One regency in full: indicators beside the province median, trend, kecamatan gaps,
checklist, upload history, and which regencies to look at first."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analytics import formatting as fmt
from analytics.categories import CATEGORY_RANK, UNRANKED, category_text
from analytics.config import IndicatorConfig, load_config
from analytics.indicators import BODY_ORDER, Indicators
from analytics.labels import (
    BODY_LABEL,
    CANDIDACY_MEASURE_NAME,
    DATASET_LABEL,
    NOT_DUE_TEXT,
    REPORTING_LABEL,
    missing_texts,
    training_label,
)
from analytics.views.bodies import sworn_in_due
from analytics.views.candidacy import item_status_text, overdue_text
from analytics.views.training import ALL, DUE, measures_caption

VERSION_STATUS_LABEL = {
    "berlaku": "● Berlaku",
    "digantikan": "◌ Digantikan versi lebih baru",
    "sesudah_tanggal": "… Sesudah tanggal terpilih",
    "ditarik": "✕ Ditarik",
}
# Keys drawn in the comparison chart (the table holds every row): the readiness index, and
# of the two bimtek measures only the judged one ("bimtek." = training_due_completion;
# "bimtek_semua.").
CHART_KEYS = (
    "readiness_index", "sworn_in_rate", "women_share", "bimtek.", "candidacy_due_completion",
)  # fmt: skip
# Chart rates judged by the traffic light (``config.category``); the women's share has a
# target instead, so its bar has no category.
JUDGED_KEYS = ("sworn_in_rate", "bimtek.", "candidacy_due_completion")
# Rates a body has (0%) once its swearing-in is due, even without any unit reported.
DUE_BODY_METRICS = ("fill_rate", "sworn_in_rate", "coverage_rate")
# metric -> (label, kind); kind says how a value is written and compared.
BODY_METRICS = {
    "fill_rate": ("keterisian", "rate"),
    "sworn_in_rate": ("dilantik", "rate"),
    "women_share": ("perempuan", "rate"),
    "applicant_ratio": ("rasio pendaftar", "ratio"),
    "coverage_rate": ("cakupan unit", "rate"),
}


def region_name(ind: Indicators, region: str) -> str:
    names = ind.readiness.set_index("kode_wilayah")["nama"]
    return str(names.get(region, region))


def has_reported(ind: Indicators, region: str) -> bool:
    """Whether any dataset of the regency is in force on the as-of date."""
    rows = ind.reporting[ind.reporting["kode_wilayah"] == region]
    return bool(rows["data_as_of"].notna().any())


def reporting_status(ind: Indicators, region: str) -> list[tuple[str, str]]:
    """(dataset label, '● Tepat waktu · data per 30 Agustus 2024') for each dataset."""
    rows = ind.reporting[ind.reporting["kode_wilayah"] == region].sort_values("dataset")
    out = []
    for row in rows.itertuples():
        text = REPORTING_LABEL[row.reporting_status]
        if not pd.isna(row.data_as_of):
            text += f" · data per {fmt.date(row.data_as_of)}"
        out.append((DATASET_LABEL.get(row.dataset, row.dataset), text))
    return out


def missing_datasets(ind: Indicators, region: str) -> list[str]:
    """Labels of the datasets the regency has no version of on the as-of date."""
    rows = ind.reporting[ind.reporting["kode_wilayah"] == region].sort_values("dataset")
    return [DATASET_LABEL.get(d, d) for d in rows.loc[rows["data_as_of"].isna(), "dataset"]]


def headline(ind: Indicators, region: str) -> list[tuple[str, str]]:
    """Readiness index, category, rank among reporting regencies, overdue items."""
    readiness = ind.readiness.set_index("kode_wilayah")
    row = readiness.loc[region]
    scored = readiness["readiness_index"].dropna().sort_values(ascending=False)
    rank = (
        f"{list(scored.index).index(region) + 1} dari {len(scored)}"
        if region in scored.index
        else "-"
    )
    candidacy = ind.candidacy.set_index("kode_wilayah").loc[region]
    return [
        ("Indeks kesiapan", fmt.number(row["readiness_index"], 1)),
        ("Kategori", category_text(row["category"])),
        ("Peringkat provinsi", rank),
        ("Butir pencalonan terlambat", fmt.number(candidacy["overdue_count"])),
    ]


def most_behind(ind: Indicators, count: int = 6) -> list[tuple[str, str]]:
    """(code, button label) of the regencies most behind, in the attention list's order:
    by category (tertinggal first, whatever their index), then the lowest index; those
    that have not reported follow."""
    readiness = ind.readiness
    frame = (
        readiness.assign(
            _reported=readiness["readiness_index"].isna(),
            _rank=readiness["category"].map(CATEGORY_RANK).fillna(UNRANKED),
        )
        .sort_values(["_reported", "_rank", "readiness_index", "kode_wilayah"])
        .head(count)
    )
    return [
        (row.kode_wilayah, f"{row.nama} · {_index_text(row.readiness_index, row.category)}")
        for row in frame.itertuples()
    ]


def _index_text(value, category: str) -> str:
    if pd.isna(value):
        return category_text(category)
    return f"{category_text(category)} · indeks {fmt.number(value, 1)}"


def comparison_frame(
    ind: Indicators, region: str, body: str | None = None, config: IndicatorConfig | None = None
) -> pd.DataFrame:
    """One row per indicator: the regency's value, the median of the regencies that have
    it, and the target where there is one (numeric; ``kind`` says how to write them;
    ``in_chart`` marks the index and the few rates worth a bar; ``category`` is the
    readiness category of a bar: the regency's own for the index, ``config.category`` of
    the value for a judged rate, None for the women's share or a missing value).

    A body appears once some regency has units of it or its swearing-in is due (no KPPS
    rows in August); a regency that reported no unit of a due body is 0% filled and sworn
    in. A body's training appears once some regency trains it or a module is due, as two
    rows, each named for its measure: ``training_due_completion`` (judged, in the chart;
    'belum jatuh tempo' while no module is due) and ``training_completion``.
    ``is_reported`` is False where the regency has not reported the dataset, and the value
    is then None.
    """
    config = config or load_config()
    readiness = ind.readiness.set_index("kode_wilayah")
    rows = [_readiness_row(readiness, region)]
    bodies = [body] if body else BODY_ORDER
    for name in bodies:
        rows += _body_rows(ind, name, region, config)
    for name in bodies:
        rows += _training_rows(ind, name, region)
    rows += _candidacy_rows(ind, region)
    frame = pd.DataFrame(rows)
    region_category = readiness.loc[region, "category"]
    categories = [_bar_category(row, region_category, config) for row in frame.itertuples()]
    frame["category"] = pd.Series(categories, index=frame.index, dtype=object)
    return frame


def _readiness_row(readiness: pd.DataFrame, region: str) -> dict:
    """The comparison row of the readiness index (``readiness`` indexed by regency)."""
    mine = readiness.loc[region]
    return _row(
        "readiness_index", "Indeks kesiapan", "index", mine["readiness_index"],
        readiness["readiness_index"], not pd.isna(mine["readiness_index"]),
    )  # fmt: skip


def _body_target(metric: str, config: IndicatorConfig) -> float | None:
    """The target of a body rate: the women's share and the applicant ratio have one."""
    if metric == "women_share":
        return config.women_target
    if metric == "applicant_ratio":
        return config.applicant_target
    return None


def _body_rows(ind: Indicators, name: str, region: str, config: IndicatorConfig) -> list[dict]:
    """The comparison rows of one body's rates (``BODY_METRICS``); none while no regency
    has units of the body and its swearing-in is not due."""
    frame = ind.badan[ind.badan["badan"] == name]
    has_units = frame["units_reported_count"].fillna(0) > 0
    due_from = sworn_in_due(name, config)
    is_due = due_from is not None and due_from <= ind.as_of
    judged = frame["is_reported"].astype(bool) & (has_units | is_due)
    if not judged.any():
        return []
    own = frame.set_index("kode_wilayah").loc[region]
    own_units = bool(own["is_reported"]) and own["units_reported_count"] > 0
    own_judged = bool(own["is_reported"]) and (own_units or is_due)
    rows = []
    for metric, (label, kind) in BODY_METRICS.items():
        by_due = metric in DUE_BODY_METRICS
        rows.append(
            _row(
                f"{name}.{metric}", f"{BODY_LABEL[name]} {label}", kind,
                own[metric] if own_units or (by_due and own_judged) else None,
                frame.loc[judged if by_due else has_units, metric],
                own_judged, _body_target(metric, config),
            )
        )  # fmt: skip
    return rows


def _training_rows(ind: Indicators, name: str, region: str) -> list[dict]:
    """The two bimtek rows of one body (due, then all required modules); none while no
    regency trains the body and none of its modules is due."""
    frame = ind.training[ind.training["badan"] == name]
    reported_rows = frame["is_reported"].astype(bool)
    active = frame["peserta_target"].fillna(0) > 0
    due = reported_rows & (frame["due_module_count"].fillna(0) > 0)
    if not (active.any() or due.any()):
        return []
    own = frame.set_index("kode_wilayah").loc[region]
    reported = bool(own["is_reported"])
    return [
        _row(
            key, training_label(name, metric), "rate",
            own[metric] if reported else None, frame.loc[reported_rows, metric],
            reported, missing_text=NOT_DUE_TEXT if metric == DUE else "-",
        )
        for key, metric in ((f"bimtek.{name}", DUE), (f"bimtek_semua.{name}", ALL))
    ]  # fmt: skip


def _candidacy_rows(ind: Indicators, region: str) -> list[dict]:
    """The candidacy rows (both completions, overdue items); none while no regency has
    reported its checklist."""
    candidacy = ind.candidacy.set_index("kode_wilayah")
    if not candidacy["is_reported"].any():
        return []
    own = candidacy.loc[region]
    reported = bool(own["is_reported"])
    measures = (
        ("candidacy_completion", CANDIDACY_MEASURE_NAME["candidacy_completion"], "rate"),
        ("candidacy_due_completion", CANDIDACY_MEASURE_NAME["candidacy_due_completion"], "rate"),
        ("overdue_count", "Butir pencalonan terlambat", "count"),
    )
    return [
        _row(metric, label, kind, own[metric] if reported else None, candidacy[metric], reported)
        for metric, label, kind in measures
    ]


def _bar_category(row, region_category: str, config: IndicatorConfig) -> str | None:
    """The readiness category a comparison bar is drawn in (see ``comparison_frame``)."""
    if not row.in_chart:
        return None
    if row.key == "readiness_index":
        return region_category
    if row.value is None or pd.isna(row.value) or not any(k in row.key for k in JUDGED_KEYS):
        return None
    return config.rate_category(row.value)


def _row(
    key, label, kind, value, population: pd.Series, reported: bool, target=None,
    missing_text: str = "-",
) -> dict:  # fmt: skip
    """One comparison row; ``missing_text`` is written where a regency that reported has no
    value (e.g. 'belum jatuh tempo')."""
    value = None if value is None or pd.isna(value) else float(value)
    median = population.dropna()
    return {
        "key": key,
        "in_chart": kind in ("rate", "index") and any(k in key for k in CHART_KEYS),
        "label": label,
        "kind": kind,
        "value": value,
        "median": float(median.median()) if len(median) else None,
        "target": target,
        "is_reported": reported,
        "missing_text": missing_text,
    }


def comparison_note() -> str:
    """The caption under the comparison: where the medians come from and what each bimtek
    measure is (the catalogue's definitions)."""
    return (
        "Median dari kabupaten/kota yang melapor; badan yang belum punya unit di seluruh "
        "provinsi dan belum jatuh tempo pelantikannya tidak ditampilkan. " + measures_caption()
    )


def _value_text(value, kind: str, missing: str = "-") -> str:
    if value is None or pd.isna(value):
        return missing
    if kind == "rate":
        return fmt.percent(value)
    if kind == "ratio":
        return fmt.ratio(value)
    if kind == "index":
        return fmt.number(value, 1)
    return fmt.number(value)


def _target_text(target, kind: str) -> str:
    if target is None or pd.isna(target):
        return ""
    if kind == "rate":
        return "≥ " + fmt.percent(target, 0)
    return "≥ " + fmt.number(target, 1) + ("×" if kind == "ratio" else "")


def _difference_text(value, median, kind: str) -> str:
    if value is None or median is None or pd.isna(value) or pd.isna(median):
        return "-"
    diff = value - median
    if kind == "rate":
        text, unit = fmt.number(abs(diff) * 100, 1), " poin"
    elif kind == "ratio":
        text, unit = fmt.number(abs(diff), 2), ""
    elif kind == "index":
        text, unit = fmt.number(abs(diff), 1), ""
    else:
        text, unit = fmt.number(abs(diff)), ""
    if text.strip("0,") == "":
        return "sama"
    return ("+" if diff > 0 else "−") + text + unit


def comparison_table(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """The comparison frame written out: Indikator, <regency>, Median provinsi, Selisih,
    Sasaran (differences of rates in percentage points). A value the regency has not
    reported reads 'belum lapor'."""
    return pd.DataFrame(
        {
            "Indikator": frame["label"],
            name: [
                _value_text(v, k, missing=m)
                for v, k, m in zip(frame["value"], frame["kind"], missing_texts(frame), strict=True)
            ],
            "Median provinsi": [
                _value_text(m, k) for m, k in zip(frame["median"], frame["kind"], strict=True)
            ],
            "Selisih": [
                _difference_text(v, m, k)
                for v, m, k in zip(frame["value"], frame["median"], frame["kind"], strict=True)
            ],
            "Sasaran": [
                _target_text(t, k) for t, k in zip(frame["target"], frame["kind"], strict=True)
            ],
        }
    )


def trend_frames(
    series: Indicators, region: str, body: str | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Weekly readiness (regency and province median) and sworn-in rate per body of the
    regency; a body's rate is missing before it has any unit and its swearing-in is due
    (not zero; once due, a reported regency without units is at 0%), and a body without
    any rate on the dates is left out."""
    readiness = series.readiness
    median = readiness.groupby("report_date")["readiness_index"].median().rename("median")
    own = readiness[readiness["kode_wilayah"] == region].set_index("report_date")
    ready = pd.DataFrame(
        {"readiness_index": own["readiness_index"], "category": own["category"]}
    ).join(median)
    ready = ready.reset_index()
    badan = series.badan[series.badan["kode_wilayah"] == region]
    if body:
        badan = badan[badan["badan"] == body]
    sworn = badan[["report_date", "badan", "sworn_in_rate"]].copy()
    due_from = {b: sworn_in_due(b) for b in set(badan["badan"])}
    is_due = [
        bool(reported)
        and due_from[b] is not None
        and pd.Timestamp(day) >= pd.Timestamp(due_from[b])
        for b, day, reported in zip(
            badan["badan"], badan["report_date"], badan["is_reported"], strict=True
        )
    ]
    has_rate = (badan["units_reported_count"] > 0).to_numpy() | is_due
    sworn["sworn_in_rate"] = sworn["sworn_in_rate"].where(has_rate)
    has_units = sworn.groupby("badan")["sworn_in_rate"].transform(lambda s: s.notna().any())
    return ready, sworn[has_units.astype(bool)].reset_index(drop=True)


def kecamatan_table(frame: pd.DataFrame, body: str | None = None) -> pd.DataFrame:
    """Kecamatan with gaps (``region_detail.kecamatan_gaps``), largest gap first."""
    if body:
        frame = frame[frame["badan"] == body]
    notes = ["unit belum dilaporkan" if missing else "" for missing in frame["is_missing_units"]]
    table = pd.DataFrame(
        {
            "Kecamatan": frame["kecamatan"],
            "Badan": [BODY_LABEL[b] for b in frame["badan"]],
            "Unit": [fmt.number(v) for v in frame["units_reported_count"]],
            "Kebutuhan": [fmt.number(v, missing="-") for v in frame["kebutuhan"]],
            "Terisi": [fmt.number(v, missing="-") for v in frame["terisi"]],
            "Dilantik": [fmt.number(v, missing="-") for v in frame["dilantik"]],
            "Kosong": [fmt.number(v, missing="-") for v in frame["vacancy_count"]],
            "Belum dilantik": [fmt.number(v, missing="-") for v in frame["not_sworn_in_count"]],
            "Keterangan": notes,
        }
    ).reset_index(drop=True)
    if not any(notes):
        table = table.drop(columns="Keterangan")
    return table


def checklist_table(ind: Indicators, region: str) -> pd.DataFrame:
    """The regency's checklist: status, due date, days overdue, partner, who is in charge."""
    items = ind.candidacy_items[ind.candidacy_items["kode_wilayah"] == region]
    items = items.sort_values("kode_item")
    return pd.DataFrame(
        {
            "Butir": items["kode_item"],
            "Uraian": items["uraian"],
            "Status": [
                item_status_text(s, bool(late))
                for s, late in zip(items["status"], items["is_overdue"], strict=True)
            ],
            "Batas waktu": [fmt.date(d) for d in items["batas_waktu"]],
            "Terlambat": [
                overdue_text(d) if late else ""
                for d, late in zip(items["days_overdue"], items["is_overdue"], strict=True)
            ],
            "Tanggal selesai": [fmt.date(d) for d in items["tanggal_selesai"]],
            "Mitra": items["mitra"].fillna("-"),
            "Pihak ketiga (acuan)": items["pihak_ketiga"].fillna("-"),
            "Penanggung jawab": items["penanggung_jawab"].fillna("-"),
        }
    ).reset_index(drop=True)


def history_table(frame: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """Versions of the regency (``region_detail.upload_history``) describing a date on or
    before ``as_of``, newest first."""
    shown = frame[frame["data_as_of"] <= pd.Timestamp(as_of)]
    return pd.DataFrame(
        {
            "Dataset": [DATASET_LABEL.get(d, d) for d in shown["dataset"]],
            "Data per": [fmt.date(d) for d in shown["data_as_of"]],
            "Diunggah oleh": shown["uploaded_by"],
            "Waktu unggah": [_timestamp(t) for t in shown["uploaded_at"]],
            "Baris": [fmt.number(v) for v in shown["row_count"]],
            "Peringatan": [fmt.number(v) for v in shown["warning_count"]],
            "Status": [
                _status_text(s, by, reason)
                for s, by, reason in zip(
                    shown["version_status"],
                    shown["withdrawn_by"],
                    shown["withdrawn_reason"],
                    strict=True,
                )
            ],
            "Versi": shown["version_id"],
        }
    ).reset_index(drop=True)


def later_version_count(frame: pd.DataFrame, as_of: dt.date) -> int:
    """How many versions describe a date after ``as_of`` (left out of the history table)."""
    return int((frame["data_as_of"] > pd.Timestamp(as_of)).sum())


def _status_text(status: str, by, reason) -> str:
    text = VERSION_STATUS_LABEL[status]
    if status == "ditarik":
        if isinstance(by, str):
            text += f" oleh {by}"
        if isinstance(reason, str) and reason:
            text += f": {reason}"
    return text


def _timestamp(value) -> str:
    return fmt.datetime_wib(None if value is None or pd.isna(value) else pd.Timestamp(value)
                            .to_pydatetime(), missing="-")  # fmt: skip


def dataset_reported(ind: Indicators, region: str, dataset: str) -> bool:
    """Whether a version of ``dataset`` from the regency is in force on the as-of date."""
    rows = ind.reporting[
        (ind.reporting["kode_wilayah"] == region) & (ind.reporting["dataset"] == dataset)
    ]
    return bool(rows["data_as_of"].notna().any())


def body_has_units(ind: Indicators, region: str, body: str) -> bool:
    """Whether the regency's badan_adhoc version in force has any unit of ``body``."""
    rows = ind.badan[(ind.badan["kode_wilayah"] == region) & (ind.badan["badan"] == body)]
    return bool((rows["units_reported_count"].fillna(0) > 0).any())
