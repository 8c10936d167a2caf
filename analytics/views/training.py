"""Bimtek views: completion per regency, body and module; attendance; activity timelines."""

from __future__ import annotations

import datetime as dt
import textwrap

import pandas as pd

from analytics import formatting as fmt
from analytics import reference
from analytics.indicators import BODY_ORDER, Indicators
from analytics.labels import (
    ACTIVITY_STATUS_LABEL,
    BODY_LABEL,
    NO_ACTIVITY,
    NOT_DUE_TEXT,
    NOT_REPORTED,
    REPORTED,
    TRAINING_MEASURE_DEFINITION,
    TRAINING_STATUS_LABEL,
    training_label,
)
from analytics.views.bodies import schedule_sentence, short_name

DUE, ALL = "training_due_completion", "training_completion"
# Status of a regency (or a regency x module) for one body, and of one activity relative
# to the report date (keys and words in labels.py).
STATUS_TEXT = TRAINING_STATUS_LABEL
ACTIVITY_STATUS_TEXT = ACTIVITY_STATUS_LABEL


def _status(is_reported, activity_count, started: bool = True) -> str:
    if not bool(is_reported):
        return NOT_REPORTED
    if pd.isna(activity_count) or activity_count == 0 or not started:
        return NO_ACTIVITY
    return REPORTED


def _started(first_start_date, report_date) -> bool:
    """Whether a module's first activity began on or before the report date."""
    return not pd.isna(first_start_date) and first_start_date <= report_date


def measure_definition(metric: str, body: str | None = None) -> str:
    """'Bimtek PPK (jatuh tempo): penuntasan materi wajib yang ...' (labels.py catalogue)."""
    return f"{training_label(body, metric)}: {TRAINING_MEASURE_DEFINITION[metric]}."


def measures_caption(body: str | None = None) -> str:
    """Both bimtek measures, each by its name and the catalogue's definition."""
    return " ".join(measure_definition(metric, body) for metric in (DUE, ALL))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def due_text(value, reported: bool = True, missing: str = "-") -> str:
    """The due measure written out: '64,1%'; 'belum jatuh tempo' when nothing is due yet;
    ``missing`` when nobody reported."""
    if not reported:
        return missing
    return fmt.percent(value, missing=NOT_DUE_TEXT)


def completion_frame(ind: Indicators, modules: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per regency x body on ``ind.as_of`` with ``status`` and a short ``label``.

    With ``modules`` (``training_detail.module_completion`` on the same date) a body whose
    activities are all still to come is ``belum_dimulai``, like one without activity.
    """
    frame = ind.on(ind.as_of).training.copy()
    started = pd.Series(True, index=pd.MultiIndex.from_frame(frame[["kode_wilayah", "badan"]]))
    if modules is not None:
        module_started = [
            _started(f, d)
            for f, d in zip(modules["first_start_date"], modules["report_date"], strict=True)
        ]
        by_body = modules.assign(started=module_started).groupby(["kode_wilayah", "badan"])
        started = by_body["started"].any().reindex(started.index, fill_value=False)
    frame["status"] = [
        _status(r, a, s)
        for r, a, s in zip(
            frame["is_reported"], frame["activity_count"], started.to_numpy(), strict=True
        )
    ]
    frame["label"] = [short_name(n) for n in frame["nama"]]
    frame["badan_label"] = [BODY_LABEL[b] for b in frame["badan"]]
    order = {b: i for i, b in enumerate(BODY_ORDER)}
    frame["_order"] = [order[b] for b in frame["badan"]]
    frame = frame.sort_values(["kode_wilayah", "_order"]).drop(columns="_order")
    return frame.reset_index(drop=True)


def has_activity(ind: Indicators, body: str) -> bool:
    """Whether any regency has reported at least one training activity for ``body``."""
    frame = completion_frame(ind)
    return bool((frame.loc[frame["badan"] == body, "status"] == REPORTED).any())


def has_due_modules(ind: Indicators, body: str) -> bool:
    """Whether a regency that reported has a required module of ``body`` due: the body is
    then judged (0% where nothing was done), with or without activity."""
    frame = ind.on(ind.as_of).training
    part = frame[(frame["badan"] == body) & frame["is_reported"].astype(bool)]
    return bool((part["due_module_count"].fillna(0) > 0).any())


def empty_body_message(ind: Indicators, body: str) -> str:
    """Why there is nothing to draw for ``body`` (no activity reported yet)."""
    label = BODY_LABEL[body]
    text = (
        f"Belum ada kegiatan bimtek {label} per {fmt.date(ind.as_of)}: belum ada "
        f"kabupaten/kota yang melaporkan kegiatan bimtek untuk {label}."
    )
    schedule = schedule_sentence(body)
    if schedule:
        text += f" Jadwal tahapan — {schedule}."
    return text


def body_summary(ind: Indicators, modules: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per body: province value of both bimtek measures (the due one, which is
    judged, first; 0% when due and not started, 'belum jatuh tempo' when nothing is due),
    and attendance as shares of the target."""
    frame = completion_frame(ind, modules)
    rows = []
    for body in BODY_ORDER:
        part = frame[frame["badan"] == body]
        p = ind.province["bimtek"].get(body, {})
        target = p.get("peserta_target")
        active = int((part["status"] == REPORTED).sum())
        reported = bool(part["is_reported"].astype(bool).any())
        rows.append(
            {
                "Badan": BODY_LABEL[body],
                training_label(None, DUE): due_text(p.get(DUE), reported),
                training_label(None, ALL): fmt.percent(p.get(ALL), missing="-")
                if active
                else STATUS_TEXT[NO_ACTIVITY],
                "Kab/kota aktif": f"{active}/{len(part)}",
                "Kegiatan": fmt.number(part["activity_count"].sum(), missing="-"),
                "Target peserta": fmt.number(target, missing="-"),
                "Hadir": _share(p.get("peserta_hadir"), target),
                "Tuntas": _share(p.get("peserta_tuntas"), target),
            }
        )
    return pd.DataFrame(rows)


def _share(value, target) -> str:
    """Share of the target ('93,2%'); '-' without a target."""
    if value is None or pd.isna(value) or not target:
        return "-"
    return fmt.percent(value / target)


def province_metrics(
    ind: Indicators, modules: pd.DataFrame, body: str
) -> list[tuple[str, str, str]]:
    """(label, short value, explanation) for the headline of ``body``.

    ``modules`` is ``training_detail.module_completion`` on the same date.
    """
    frame = completion_frame(ind)
    part = frame[frame["badan"] == body]
    p = ind.province["bimtek"].get(body, {})
    target = p.get("peserta_target")
    required = int(part["required_module_count"].max()) if len(part) else 0
    due_count = int(part["due_module_count"].max()) if len(part) else 0
    reported = part[part["is_reported"].astype(bool)]
    possible = required * len(reported)
    held = module_frame(modules, body)
    pairs = int(((held["status"] == REPORTED) & held["is_reported"].astype(bool)).sum())
    done = int(reported["completed_module_count"].sum())

    def share(key: str) -> str:
        value = p.get(key)
        return fmt.percent(value / target, missing="-") if target and value is not None else "-"

    province = " Angka provinsi: rata-rata kabupaten/kota yang melapor."
    return [
        (
            training_label(body, DUE),
            due_text(p.get(DUE), not reported.empty),
            _sentence(TRAINING_MEASURE_DEFINITION[DUE])
            + f" ({due_count} dari {required} materi wajib sudah jatuh tempo)."
            + province,
        ),
        (
            training_label(body, ALL),
            fmt.percent(p.get(ALL), missing="-"),
            _sentence(TRAINING_MEASURE_DEFINITION[ALL]) + "." + province,
        ),
        (
            "Materi berjalan",
            f"{fmt.number(pairs)}/{fmt.number(possible)}",
            f"Pasangan kabupaten/kota × materi wajib ({required} materi wajib untuk "
            f"{BODY_LABEL[body]}) yang sudah ada kegiatannya; {fmt.number(done)} di antaranya "
            "tuntas 100%.",
        ),
        (
            "Kegiatan",
            fmt.number(part["activity_count"].sum(), missing="-"),
            "Jumlah kegiatan bimtek pada data yang berlaku.",
        ),
        ("Target peserta", fmt.number(target, missing="-"), "Jumlah target peserta."),
        ("Hadir", share("peserta_hadir"), f"{fmt.number(p.get('peserta_hadir'))} hadir."),
        ("Tuntas", share("peserta_tuntas"), f"{fmt.number(p.get('peserta_tuntas'))} tuntas."),
    ]


def module_frame(modules: pd.DataFrame, body: str) -> pd.DataFrame:
    """Rows of ``training_detail.module_completion`` for ``body``, with labels and status."""
    frame = modules[modules["badan"] == body].copy()
    frame["status"] = [
        _status(r, a, _started(f, d))
        for r, a, f, d in zip(
            frame["is_reported"],
            frame["activity_count"],
            frame["first_start_date"],
            frame["report_date"],
            strict=True,
        )
    ]
    frame["label"] = [short_name(n) for n in frame["nama"]]
    return frame.sort_values(["kode_wilayah", "materi"]).reset_index(drop=True)


def funnel_stages(ind: Indicators, body: str, region: str | None = None) -> pd.DataFrame:
    """Target -> hadir -> tuntas for ``body`` in the province or one regency.

    Empty when the regency has not reported or there is no target.
    """
    if region is None:
        source = ind.province["bimtek"].get(body, {})
    else:
        training = ind.on(ind.as_of).training
        match = training[(training["kode_wilayah"] == region) & (training["badan"] == body)]
        if match.empty or not bool(match.iloc[0]["is_reported"]):
            return pd.DataFrame(columns=["tahap", "jumlah"])
        source = match.iloc[0].to_dict()
    target = source.get("peserta_target")
    if target is None or pd.isna(target) or target == 0:
        return pd.DataFrame(columns=["tahap", "jumlah"])
    return pd.DataFrame(
        {
            "tahap": ["Target peserta", "Hadir", "Tuntas"],
            "jumlah": [
                float(source[k]) for k in ("peserta_target", "peserta_hadir", "peserta_tuntas")
            ],
        }
    )


def scheduled_note(activities: pd.DataFrame, as_of: dt.date) -> str | None:
    """'Target termasuk 2.318 peserta dari 35 kegiatan yang belum dimulai ...' or None."""
    if activities.empty:
        return None
    later = activities[pd.to_datetime(activities["tanggal_mulai"]) > pd.Timestamp(as_of)]
    if later.empty:
        return None
    return (
        f"Target termasuk {fmt.number(later['peserta_target'].sum())} peserta dari "
        f"{fmt.number(len(later))} kegiatan yang belum dimulai per {fmt.date(as_of)}."
    )


def activity_status(start, end, as_of: dt.date) -> str:
    """selesai (ended before the report date), berlangsung, or dijadwalkan (not started)."""
    start, end, day = pd.Timestamp(start), pd.Timestamp(end), pd.Timestamp(as_of)
    if end < day:
        return "selesai"
    if start > day:
        return "dijadwalkan"
    return "berlangsung"


def timeline_frame(activities: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """Activity rows with ``status`` on ``as_of`` and a ``module_label`` ('M01 Orientasi…')."""
    frame = activities.copy()
    frame["status"] = [
        activity_status(s, e, as_of)
        for s, e in zip(frame["tanggal_mulai"], frame["tanggal_selesai"], strict=True)
    ]
    frame["module_label"] = [
        f"{code} {textwrap.shorten(name, 34, placeholder='…')}"
        + ("" if required else " (tambahan)")
        for code, name, required in zip(
            frame["materi"], frame["nama_materi"], frame["is_required"], strict=True
        )
    ]
    return frame.sort_values(["materi", "tanggal_mulai"]).reset_index(drop=True)


def week_start(day) -> pd.Timestamp:
    """Monday of the week of ``day``."""
    day = pd.Timestamp(day).normalize()
    return day - pd.Timedelta(days=day.weekday())


def weekly_modules(activities: pd.DataFrame) -> pd.DataFrame:
    """Per module x week (Monday) in which activities start: regencies and activities.

    Grain: materi x week_start; ``region_count`` counts distinct regencies.
    """
    columns = ["materi", "nama_materi", "is_required", "week_start", "region_count",
               "activity_count"]  # fmt: skip
    if activities.empty:
        return pd.DataFrame(columns=columns)
    frame = activities.assign(week_start=[week_start(d) for d in activities["tanggal_mulai"]])
    out = (
        frame.groupby(["materi", "nama_materi", "is_required", "week_start"])
        .agg(region_count=("kode_wilayah", "nunique"), activity_count=("materi", "size"))
        .reset_index()
    )
    return out[columns]


def completion_export(ind: Indicators, modules: pd.DataFrame, body: str) -> pd.DataFrame:
    """Regency table of ``body`` (numbers numeric, percent 0-100): both bimtek measures
    under their names (the due one empty while no module is due), then one column per
    module."""
    frame = completion_frame(ind)
    frame = frame[frame["badan"] == body].set_index("kode_wilayah")
    per_module = module_frame(modules, body).pivot(
        index="kode_wilayah", columns="materi", values="completion_rate"
    )
    out = pd.DataFrame(index=frame.index)
    out["Kabupaten/Kota"] = frame["nama"]
    out["Badan"] = BODY_LABEL[body]
    out["Status"] = [STATUS_TEXT[s] for s in frame["status"]]
    out[f"{training_label(body, DUE)} (%)"] = fmt.rounded_values(frame[DUE] * 100, 1)
    out[f"{training_label(body, ALL)} (%)"] = fmt.rounded_values(frame[ALL] * 100, 1)
    out["Materi wajib"] = frame["required_module_count"].astype("Int64")
    out["Materi jatuh tempo"] = frame["due_module_count"].astype("Int64")
    out["Materi tuntas"] = (
        frame["completed_module_count"].where(frame["is_reported"]).astype("Int64")
    )
    out["Kegiatan"] = frame["activity_count"].round().astype("Int64")
    out["Target peserta"] = frame["peserta_target"].round().astype("Int64")
    out["Hadir"] = frame["peserta_hadir"].round().astype("Int64")
    out["Tuntas"] = frame["peserta_tuntas"].round().astype("Int64")
    for code in per_module.columns:
        out[f"{code} (%)"] = fmt.rounded_values(per_module[code].reindex(out.index) * 100, 1)
    out.index.name = "Kode"
    return out.reset_index()


def completion_table(ind: Indicators, modules: pd.DataFrame, body: str) -> pd.DataFrame:
    """The same table formatted for display (Indonesian numbers, 'belum lapor'; the due
    measure 'belum jatuh tempo' while no module is due)."""
    export = completion_export(ind, modules, body)
    out = export[["Kode", "Kabupaten/Kota", "Status"]].copy()
    reported = export["Status"] != STATUS_TEXT[NOT_REPORTED]
    due_header = training_label(body, DUE)
    for column in export.columns[4:]:
        if column in ("Badan",):
            continue
        is_percent = column.endswith(" (%)")
        header = column.removesuffix(" (%)")
        missing = NOT_DUE_TEXT if header == due_header else "-"
        out[header] = [
            (fmt.percent(v / 100, missing=missing) if is_percent else fmt.number(v))
            if ok
            else fmt.NOT_REPORTED
            for v, ok in zip(export[column], reported, strict=True)
        ]
    return out


def module_names(body: str) -> str:
    """'M01 Orientasi dan tata kerja (batas 3 Jun) · M02 …': the required modules of
    ``body`` with their deadlines."""
    required = reference.read_reference("materi_wajib.csv")
    names = reference.modules().set_index("kode_materi")["nama_materi"]
    rows = required[required["badan"] == body].sort_values("kode_materi")
    return " · ".join(
        f"{r.kode_materi} {names.get(r.kode_materi, r.kode_materi)} "
        f"(batas {_short_date(r.batas_waktu)})"
        for r in rows.itertuples()
    )


def _short_date(value) -> str:
    day = pd.Timestamp(value)
    return f"{day.day} {fmt.MONTHS[day.month - 1][:3]}"
