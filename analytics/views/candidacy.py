"""Candidacy preparation tables: status matrix, overdue list, progress per item, countdown."""

from __future__ import annotations

import pandas as pd

from analytics import formatting as fmt
from analytics.categories import CATEGORY_SYMBOL, category_text
from analytics.indicators import Indicators
from analytics.labels import CHECKLIST_STATUS_LABEL
from analytics.views.calendar import registration_countdown

OVERDUE_SYMBOL = "⚠"


def short_name(name: str) -> str:
    """'Kabupaten Cilacap' -> 'Kab. Cilacap' (cities keep 'Kota')."""
    return "Kab. " + name.removeprefix("Kabupaten ") if name.startswith("Kabupaten ") else name


def overdue_text(days) -> str:
    """'⚠ 5 hari' for an overdue item, '' otherwise."""
    if days is None or pd.isna(days):
        return ""
    return f"{OVERDUE_SYMBOL} {fmt.number(days)} hari"


def item_status_text(status: str, overdue: bool = False) -> str:
    """'● Selesai', '○ Belum'; an overdue item (past its deadline and not done) carries the
    tertinggal symbol instead: '■ Belum', '■ Proses', never the neutral '○'."""
    label = CHECKLIST_STATUS_LABEL[status]
    if not overdue:
        return label
    return f"{CATEGORY_SYMBOL['tertinggal']} {label.split(' ', 1)[1]}"


def region_order(ind: Indicators) -> list[str]:
    """Regency codes, most behind first: most overdue items, then least done; regencies
    that have not reported come last."""
    frame = ind.candidacy.assign(
        not_reported=~ind.candidacy["is_reported"].astype(bool),
        overdue=ind.candidacy["overdue_count"].fillna(0),
        completion=ind.candidacy["candidacy_completion"].fillna(0),
    )
    frame = frame.sort_values(
        ["not_reported", "overdue", "completion", "kode_wilayah"],
        ascending=[True, False, True, True],
    )
    return list(frame["kode_wilayah"])


def cells(ind: Indicators) -> pd.DataFrame:
    """One row per regency x checklist item with the cell's state and wording.

    ``cell_state`` is the status, 'terlambat' for an overdue item, or 'belum_lapor';
    ``status_text`` always holds a symbol and a word (■ when overdue); ``overdue_text`` is
    '⚠ 5 hari' or ''.
    """
    items = ind.candidacy_items
    reported = items["is_reported"].astype(bool)
    overdue = items["is_overdue"].astype(bool) & reported
    out = pd.DataFrame(
        {
            "kode_wilayah": items["kode_wilayah"],
            "nama": items["nama"],
            "label": [short_name(n) for n in items["nama"]],
            "kode_item": items["kode_item"],
            "uraian": items["uraian"],
            "batas_waktu": items["batas_waktu"],
            "status": items["status"].where(reported, None),
            "mitra": items["mitra"],
        }
    )
    out["cell_state"] = out["status"].where(~overdue, "terlambat").where(reported, "belum_lapor")
    out["status_text"] = [
        item_status_text(s, late) if ok else category_text("belum_lapor")
        for s, ok, late in zip(items["status"], reported, overdue, strict=True)
    ]
    out["overdue_text"] = [
        overdue_text(d) if late else ""
        for d, late in zip(items["days_overdue"], overdue, strict=True)
    ]
    order = {code: i for i, code in enumerate(region_order(ind))}
    out["region_rank"] = out["kode_wilayah"].map(order)
    return out.sort_values(["region_rank", "kode_item"]).reset_index(drop=True)


def status_matrix(ind: Indicators) -> pd.DataFrame:
    """Regency x item table (most behind first): every cell a symbol and a status word,
    overdue cells followed by '⚠ n hari'."""
    frame = cells(ind)
    frame["text"] = [
        f"{s} {o}".strip() for s, o in zip(frame["status_text"], frame["overdue_text"], strict=True)
    ]
    wide = frame.pivot(index="kode_wilayah", columns="kode_item", values="text")
    wide = wide.reindex(region_order(ind))
    candidacy = ind.candidacy.set_index("kode_wilayah").reindex(wide.index)
    out = pd.DataFrame(index=wide.index)
    out["Kabupaten/Kota"] = candidacy["nama"]
    out["Selesai"] = [
        f"{fmt.number(d)} dari {fmt.number(a)}" if ok else fmt.NOT_REPORTED
        for d, a, ok in zip(
            candidacy["done_count"],
            candidacy["applicable_count"],
            candidacy["is_reported"],
            strict=True,
        )
    ]
    out["Terlambat"] = [fmt.number(v) for v in candidacy["overdue_count"]]
    for item in wide.columns:
        out[item] = wide[item]
    out.index.name = "Kode"
    return out.reset_index()


def overdue_table(ind: Indicators, region: str | None = None) -> pd.DataFrame:
    """Overdue items of regencies that reported, most days overdue first, with the third
    parties named by the checklist and the partner named in the upload."""
    items = ind.candidacy_items
    late = items[items["is_overdue"].astype(bool) & items["is_reported"].astype(bool)]
    if region:
        late = late[late["kode_wilayah"] == region]
    late = late.sort_values(
        ["days_overdue", "batas_waktu", "kode_wilayah", "kode_item"],
        ascending=[False, True, True, True],
    )
    return pd.DataFrame(
        {
            "Kabupaten/Kota": late["nama"],
            "Butir": late["kode_item"],
            "Uraian": late["uraian"],
            "Batas waktu": [fmt.date(d) for d in late["batas_waktu"]],
            "Terlambat (hari)": late["days_overdue"].astype("int64"),
            "Status": [item_status_text(s, overdue=True) for s in late["status"]],
            "Pihak ketiga": late["pihak_ketiga"].fillna("-"),
            "Mitra": late["mitra"].fillna("-"),
            "Penanggung jawab": late["penanggung_jawab"].fillna("-"),
        }
    ).reset_index(drop=True)


def item_progress(ind: Indicators) -> pd.DataFrame:
    """Per checklist item, among regencies that reported it applicable: share done by the
    due date, share done now, and how many are overdue."""
    items = ind.candidacy_items
    as_of = pd.Timestamp(ind.as_of)
    rows = []
    for (code, text, due), group in items.groupby(
        ["kode_item", "uraian", "batas_waktu"], sort=True
    ):
        applicable = group[group["is_reported"].astype(bool) & (group["status"] != "tidak_berlaku")]
        done = applicable["status"] == "selesai"
        on_time = done & (applicable["tanggal_selesai"] <= applicable["batas_waktu"])
        count = len(applicable)
        if due > as_of:
            on_time_text = "belum jatuh tempo"
        else:
            on_time_text = _share_text(int(on_time.sum()), count)
        rows.append(
            {
                "Butir": code,
                "Uraian": text,
                "Batas waktu": fmt.date(due),
                "Selesai tepat waktu": on_time_text,
                f"Selesai per {fmt.date(ind.as_of)}": _share_text(int(done.sum()), count),
                "Terlambat": int(applicable["is_overdue"].astype(bool).sum()),
            }
        )
    return pd.DataFrame(rows)


def _share_text(part: int, whole: int) -> str:
    if not whole:
        return "-"
    return f"{fmt.percent(part / whole)} ({fmt.number(part)} dari {fmt.number(whole)})"


def progress_series(series: Indicators) -> pd.DataFrame:
    """Per report date, province-wide: items due by then, those of them done, all items
    done, and overdue items.

    Due items count every regency (one that has not reported has done none); an item a
    reporting regency marked not applicable is left out. Dates more than four weeks before
    the first due date with no report yet are left out.
    """
    items = series.candidacy_items
    reported = items["is_reported"].astype(bool)
    applicable = ~(reported & (items["status"] == "tidak_berlaku"))
    due = applicable & (items["batas_waktu"] <= items["report_date"])
    done = reported & (items["status"] == "selesai")
    frame = pd.DataFrame(
        {
            "report_date": items["report_date"],
            "due": due,
            "due_done": due & done,
            "done": done,
            "overdue": reported & items["is_overdue"].astype(bool),
            "reported": reported,
        }
    )
    out = frame.groupby("report_date", as_index=False).agg(
        due_count=("due", "sum"),
        due_done_count=("due_done", "sum"),
        done_count=("done", "sum"),
        overdue_count=("overdue", "sum"),
        reported_count=("reported", "sum"),
    )
    if items.empty:
        return out.drop(columns="reported_count")
    start = items["batas_waktu"].min() - pd.Timedelta(weeks=4)
    keep = (out["reported_count"] > 0) | (out["report_date"] >= start)
    return out[keep].drop(columns="reported_count").reset_index(drop=True)


def headline(ind: Indicators) -> list[tuple[str, str]]:
    """(label, value) pairs above the page: reporting, done, overdue, countdown."""
    province = ind.province["pencalonan"]
    total = len(ind.candidacy)
    countdown, _ = registration_countdown(ind.as_of)
    return [
        ("Kabupaten/kota melapor", f"{province['regions_reported_count']} dari {total}"),
        ("Butir selesai", fmt.percent(province["candidacy_completion"], missing="-")),
        ("Butir terlambat", fmt.number(province["overdue_count"], missing="-")),
        ("Pendaftaran pasangan calon", countdown),
    ]
