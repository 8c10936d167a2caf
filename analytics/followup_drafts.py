"""Follow-up drafts: a row of the attention list turned into a pre-filled follow-up.

At a coordination meeting an admin turns a regency of *Perlu perhatian* into a follow-up
in one step: the form opens filled from that row (the regency, a topic from the component
that holds it back most, a short instruction such as "Percepat pelantikan PPS", the due
date ``followup_due_days`` after the meeting, the meeting date and title); the admin edits
and confirms. Nothing here writes: ``followups.add`` stores what the admin confirms.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from analytics import formatting as fmt
from analytics.categories import component_values
from analytics.config import IndicatorConfig
from analytics.indicators import Indicators
from analytics.labels import BODY_LABEL, DATASET_LABEL
from analytics.views import ranking

MEETING_TITLE = "Rapat koordinasi {date}"
GENERAL_TOPIC = "Kesiapan umum"  # free topic when no component or upload is behind


@dataclass(frozen=True)
class FollowupDraft:
    """What the add form starts with (every field the admin may still change)."""

    region: str  # kode_wilayah, or followups.PROVINCE
    topic: str  # canonical topic (``badan:PPS``, ``bimtek:PPS:M03``, ``item:PC07``, ...)
    text: str
    due: dt.date
    meeting_date: dt.date
    meeting_title: str
    pic: str = ""


def blank(as_of: dt.date, config: IndicatorConfig, region: str = "") -> FollowupDraft:
    """An empty draft for a follow-up not taken from a row (the Tindak Lanjut page)."""
    return FollowupDraft(region, "", "", *_dates(as_of, config))


def _dates(as_of: dt.date, config: IndicatorConfig) -> tuple[dt.date, dt.date, str]:
    due = as_of + dt.timedelta(days=config.followup_due_days)
    return due, as_of, MEETING_TITLE.format(date=fmt.date(as_of))


def attention_drafts(
    series: Indicators, modules: pd.DataFrame, config: IndicatorConfig
) -> dict[str, FollowupDraft]:
    """kode_wilayah -> draft for every regency of the attention list on ``series.as_of``,
    in the list's order (most urgent first).

    ``series`` holds the as-of date and the weekly dates before it (as the deck and the
    Ringkasan page use it); ``modules`` is ``training_detail.module_completion`` on the
    as-of date (which bimtek module is furthest behind).
    """
    as_of = series.as_of
    today = series.on(as_of)
    attention = ranking.attention_list(today, series, config)
    if attention.empty:
        return {}
    components = component_values(today, config)
    overdue = ranking.overdue_items(today)
    weak = ranking.weak_rows(components, overdue, config)
    first_weak = weak.groupby("kode_wilayah", sort=False).head(1).set_index("kode_wilayah")
    metric_of = {c.name: c for c in config.components}
    due, meeting_date, title = _dates(as_of, config)
    drafts = {}
    for code in attention["Kode"]:
        row = first_weak.loc[code] if code in first_weak.index else None
        # A component held back because it was never reported is a reporting matter.
        late = None if row is not None and row["is_reported"] else _reporting_topic(code, today)
        if late is None and row is not None:
            late = _component_topic(
                metric_of[row["name"]], bool(row["is_reported"]), code, today, modules
            )
        topic, text = late or (GENERAL_TOPIC, "Tindak lanjuti hasil rapat koordinasi")
        drafts[code] = FollowupDraft(code, topic, text, due, meeting_date, title)
    return drafts


def _component_topic(component, reported: bool, code: str, ind: Indicators, modules):
    """(topic, instruction) for the component that holds ``code`` back most."""
    body = component.badan
    if component.metric == "sworn_in_rate":
        if not reported:
            return f"badan:{body}", f"Laporkan pembentukan dan pelantikan {BODY_LABEL[body]}"
        return f"badan:{body}", f"Percepat pelantikan {BODY_LABEL[body]}"
    if component.metric == "training_due_completion":
        module = _weakest_module(modules, code, body)
        if module is None:
            return f"Bimtek {BODY_LABEL[body]}", f"Tuntaskan bimtek {BODY_LABEL[body]}"
        code_m, name = module
        verb = "Tuntaskan" if reported else "Laporkan dan tuntaskan"
        return (
            f"bimtek:{body}:{code_m}",
            f"{verb} bimtek {BODY_LABEL[body]} materi {code_m} ({name})",
        )
    item = _first_overdue_item(ind, code)
    if item is None:
        if not reported:
            return "pelaporan", "Unggah daftar periksa persiapan pencalonan"
        return "Persiapan pencalonan", "Percepat persiapan tahapan pencalonan"
    code_i, text = item
    return f"item:{code_i}", f"Selesaikan {code_i}: {text}"


def _weakest_module(modules: pd.DataFrame, code: str, body: str) -> tuple[str, str] | None:
    """(module code, name) of the due required module with the lowest completion
    (an unreported one counts 0), the earliest deadline first among equals."""
    rows = modules[
        (modules["kode_wilayah"] == code)
        & (modules["badan"] == body)
        & modules["is_due"].fillna(False).astype(bool)
    ]
    if rows.empty:
        return None
    rows = rows.assign(rate=rows["completion_rate"].astype("float64").fillna(0.0))
    first = rows.sort_values(["rate", "batas_waktu", "materi"]).iloc[0]
    return str(first["materi"]), str(first["nama_materi"])


def _first_overdue_item(ind: Indicators, code: str) -> tuple[str, str] | None:
    """(item code, description) of the overdue checklist item that fell due first."""
    items = ind.candidacy_items
    late = items[(items["kode_wilayah"] == code) & items["is_overdue"].fillna(False).astype(bool)]
    if late.empty:
        return None
    first = late.sort_values(["batas_waktu", "kode_item"]).iloc[0]
    return str(first["kode_item"]), str(first["uraian"])


def _reporting_topic(code: str, ind: Indicators) -> tuple[str, str] | None:
    """(topic, instruction) for the regency's late or missing uploads; None when none is."""
    reporting = ind.reporting
    late = reporting[
        (reporting["kode_wilayah"] == code)
        & reporting["reporting_status"].isin(ranking.REPORTING_PROBLEMS)
    ]
    if late.empty:
        return None
    parts = []
    for status, verb in (("belum_lapor", "unggah"), ("terlambat", "perbarui")):
        datasets = sorted(late.loc[late["reporting_status"] == status, "dataset"])
        if datasets:
            labels = [DATASET_LABEL.get(d, d).lower() for d in datasets]
            parts.append(f"{verb} data {_joined(labels)}")
    text = "; ".join(parts)
    return "pelaporan", text[:1].upper() + text[1:]


def _joined(words: list[str]) -> str:
    """'a', 'a dan b', 'a, b dan c'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " dan " + words[-1]
