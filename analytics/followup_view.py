"""Follow-ups as a meeting reads them: status words, and the linked indicator then and now.

What Mode Rapat, Profil, Ringkasan and the exports show of the follow-ups
(``analytics/followups.py`` stores them). A structured topic links a follow-up to the
number the dashboard shows for its regency (or for the province, for a province-wide
follow-up), computed by the same queries (``indicators.compute_series`` and the
``training_modules`` view), so "PPS dilantik: 28,1% pada 16 Agu → 64,0% pada 23 Agu" reads
exactly what the pages showed on those dates:

- ``badan:PPS``: "PPS dilantik", the sworn-in rate (Σ dilantik / Σ kebutuhan); for the
  province the province rate;
- ``bimtek:PPS:M03``: "Bimtek PPS M03", the completion of that module, min(1, Σ tuntas /
  Σ target); for the province the mean over the regencies that reported (as the
  province's bimtek completion averages its regencies);
- ``item:PC07``: "PC07 Rumah sakit ditetapkan", 1 when the item is ``selesai``, 0 when
  ``belum`` or ``proses``, no value when not applicable or not reported (the item's state
  is in ``state_then``/``state_now``); for the province the share of the regencies that
  reported it, and for which it applies, that have it done;
- ``pelaporan``: "Pelaporan tepat waktu", the share of the datasets due by that date whose
  upload is on time (every dataset due counts, one not uploaded as late); for the
  province pooled over all regencies.

"Then" is the meeting date (``tanggal_rapat``) or, without one, the day (WIB) the
follow-up was created; it is shown only when it is before the as-of date. Everything here
is a pure function of the stored data, the follow-ups and the dates.

Scope of ``region``: None is every follow-up (province-wide ones included); a regency
code is that regency's own follow-ups only (as Profil and the regency one-pager show
them), ``followups.PROVINCE`` the province-wide ones only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from analytics import followups, indicators
from analytics import formatting as fmt
from analytics.auth import User
from analytics.followups import CANCELLED, DONE, OPEN, PROVINCE, REPORTING, Followup
from analytics.labels import (
    BODY_LABEL,
    CHECKLIST_STATE_WORD,
    FOLLOWUP_STATUS_LABEL,
    REPORTING_ON_TIME_LABEL,
    measure_label,
)
from analytics.storage import Database

PROVINCE_NAME = "Provinsi Jawa Tengah"
OVERDUE = "terlambat"  # the status key of an open follow-up past its due date
ARROW = " → "


@dataclass(frozen=True)
class FollowupLine:
    """One follow-up as shown on a given as-of date (``date_now``).

    ``value_then``/``value_now`` are ratios 0-1 at full precision (None: no value, e.g. the
    regency had not reported); ``notes`` are (written_at in UTC, naive; who; text), oldest
    first. ``state_then``/``state_now`` hold the checklist status of an ``item:`` topic of
    a regency (``selesai``, ``proses``, ``belum``, ``tidak_berlaku``; ``belum_lapor``),
    None for any other topic.
    """

    followup: Followup
    region_name: str
    status_label: str
    indicator_label: str | None
    value_then: float | None
    date_then: dt.date | None
    value_now: float | None
    date_now: dt.date
    notes: tuple[tuple[dt.datetime, str, str], ...]
    state_then: str | None = None
    state_now: str | None = None

    @property
    def status_key(self) -> str:
        """``terlambat`` for an open follow-up past its due date, else its stored status."""
        return OVERDUE if self.followup.overdue(self.date_now) else self.followup.status

    @property
    def is_open(self) -> bool:
        return self.followup.status == OPEN

    @property
    def is_overdue(self) -> bool:
        return self.followup.overdue(self.date_now)

    @property
    def topic_text(self) -> str:
        """The linked indicator's label, or the free topic as typed."""
        return self.indicator_label or self.followup.topik

    def values_text(self) -> str | None:
        """'28,1% pada 16 Agu → 64,0% pada 23 Agu' ('belum lapor' where there is no value;
        only the second part without an earlier date); None for a free topic."""
        if self.indicator_label is None:
            return None
        now = f"{self._value(self.value_now, self.state_now)} pada {fmt.short_date(self.date_now)}"
        if self.date_then is None:
            return now
        then = (
            f"{self._value(self.value_then, self.state_then)} pada {fmt.short_date(self.date_then)}"
        )
        return then + ARROW + now

    def indicator_text(self) -> str | None:
        """'Bimtek Pantarlih M03: 28,1% pada 16 Agu → 64,0% pada 23 Agu'; None for a free
        topic."""
        values = self.values_text()
        return None if values is None else f"{self.indicator_label}: {values}"

    def _value(self, value: float | None, state: str | None) -> str:
        if state is not None:
            return CHECKLIST_STATE_WORD.get(state, fmt.NOT_REPORTED)
        return fmt.percent(value)


# ---------------------------------------------------------------------- public reads


def followup_lines(
    db: Database,
    as_of: dt.date,
    region: str | None = None,
    user: User | None = None,
    series: indicators.Indicators | None = None,
) -> list[FollowupLine]:
    """The follow-ups ``user`` may read (None: all) in ``region`` (see the module's
    docstring), overdue first, then the other open ones, then done and cancelled; each by
    due date. ``series``: indicators already computed for the dates needed (optional)."""
    found = _scoped(followups.current(db, user), region)
    found.sort(key=lambda f: followups.sort_key(f, as_of))
    if not found:
        return []
    ids = [f.id for f in found]
    notes = _notes_by_id(db, ids)
    created = followups.created_at(db, ids)
    then = {f.id: _date_then(f, created.get(f.id), as_of) for f in found}
    linked = [f for f in found if indicator_label(f.topik, f.kode_wilayah) is not None]
    values = _Values.load(db, as_of, {then[f.id] for f in linked}, linked, series)
    return [_line(f, as_of, then[f.id], notes.get(f.id, ()), values) for f in found]


def followup_counts(db: Database, as_of: dt.date, region: str | None = None) -> tuple[int, int]:
    """(open, overdue) on ``as_of``: every open follow-up, and those of them past their due
    date (a subset of the first), in ``region`` (None: all, province-wide included)."""
    found = _scoped(followups.current(db), region)
    open_ones = [f for f in found if f.status == OPEN]
    return len(open_ones), sum(f.overdue(as_of) for f in open_ones)


def overdue_regions(db: Database, as_of: dt.date) -> frozenset[str]:
    """Regency codes with at least one overdue follow-up on ``as_of`` (Ringkasan's marker;
    province-wide follow-ups mark no regency)."""
    return frozenset(
        f.kode_wilayah
        for f in followups.current(db)
        if f.overdue(as_of) and f.kode_wilayah != PROVINCE
    )


def version(db: Database) -> str:
    """Changes with every follow-up change and progress note (a cache key beside
    ``Database.data_version``)."""
    return followups.state_version(db)


def status_label(followup: Followup, as_of: dt.date) -> str:
    """'Terbuka', 'Terlambat', 'Selesai' or 'Batal' on ``as_of``."""
    key = OVERDUE if followup.overdue(as_of) else followup.status
    return FOLLOWUP_STATUS_LABEL[key]


def region_display_name(code: str) -> str:
    """'Kabupaten Pemalang', or 'Provinsi Jawa Tengah' for a province-wide follow-up."""
    from analytics.auth import region_name

    return PROVINCE_NAME if code == PROVINCE else (region_name(code) or code)


def indicator_label(topic: str, region: str = PROVINCE) -> str | None:
    """The label of the indicator a topic links to ('PPS dilantik', 'Bimtek Pantarlih M03',
    'PC07 Rumah sakit ditetapkan', 'Pelaporan tepat waktu'); None for a free topic. The
    province's item share says so: 'PC07 Rumah sakit ditetapkan (kab/kota selesai)'."""
    kind, parts = _topic_parts(topic)
    if kind == "badan" and parts[0] in BODY_LABEL:
        return measure_label("sworn_in_rate", parts[0])
    if kind == "bimtek" and parts[0] in BODY_LABEL:
        return f"Bimtek {BODY_LABEL[parts[0]]} {parts[1]}"
    if kind == "item":
        label = _item_label(parts[0])
        return f"{label} (kab/kota selesai)" if region == PROVINCE else label
    if kind == REPORTING:
        return REPORTING_ON_TIME_LABEL
    return None


# ---------------------------------------------------------------------- helpers


def _scoped(found: Iterable[Followup], region: str | None) -> list[Followup]:
    if region is None:
        return list(found)
    code = followups.parse_region(region)
    return [f for f in found if f.kode_wilayah == code]


def _notes_by_id(db: Database, ids: list[int]) -> dict[int, tuple]:
    by_id: dict[int, list] = {}
    for row in followups.notes(db, ids).itertuples(index=False):
        written_at = pd.Timestamp(row.written_at).to_pydatetime()
        by_id.setdefault(int(row.followup_id), []).append((written_at, row.written_by, row.note))
    return {k: tuple(v) for k, v in by_id.items()}


def _date_then(f: Followup, created: dt.datetime | None, as_of: dt.date) -> dt.date | None:
    """The meeting date, else the creation day in WIB; None when not before ``as_of``."""
    day = f.tanggal_rapat
    if day is None and created is not None:
        day = fmt.to_wib(created).date()
    return day if day is not None and day < as_of else None


def _topic_parts(topic: str) -> tuple[str, list[str]]:
    if topic == REPORTING:
        return REPORTING, []
    kind, _, rest = topic.partition(":")
    shapes = {"badan": 1, "bimtek": 2, "item": 1}
    parts = rest.split(":") if rest else []
    if kind in shapes and len(parts) == shapes[kind]:
        return kind, parts
    return "", []


def _item_label(code: str) -> str:
    from analytics import reference
    from analytics.meeting.province import _item_label as short_item_label

    checklist = reference.checklist()
    text = dict(zip(checklist["kode_item"], checklist["uraian"], strict=True)).get(code)
    return short_item_label(code, text) if text else code


def _line(f: Followup, as_of, date_then, notes, values: _Values) -> FollowupLine:
    label = indicator_label(f.topik, f.kode_wilayah)
    then_value = now_value = then_state = now_state = None
    if label is not None:
        now_value, now_state = values.get(f.topik, f.kode_wilayah, as_of)
        if date_then is not None:
            then_value, then_state = values.get(f.topik, f.kode_wilayah, date_then)
    return FollowupLine(
        followup=f,
        region_name=region_display_name(f.kode_wilayah),
        status_label=status_label(f, as_of),
        indicator_label=label,
        value_then=then_value,
        date_then=date_then,
        value_now=now_value,
        date_now=as_of,
        notes=notes,
        state_then=then_state,
        state_now=now_state,
    )


def _clean(value) -> float | None:
    value = indicators._num(value)
    return None if value is None or value is pd.NaT else float(value)


@dataclass(frozen=True)
class _Values:
    """The indicator tables of the dates a set of follow-ups needs, looked up by topic."""

    series: indicators.Indicators | None
    modules: pd.DataFrame | None

    @classmethod
    def load(
        cls,
        db: Database,
        as_of: dt.date,
        then_dates: set,
        linked: Sequence[Followup],
        series: indicators.Indicators | None,
    ) -> _Values:
        if not linked:
            return cls(None, None)
        dates = sorted({as_of} | {d for d in then_dates if d is not None})
        if series is None or not set(dates) <= set(series.province_by_date):
            series = indicators.compute_series(db, dates)
        modules = None
        if any(f.topik.startswith("bimtek:") for f in linked):
            with db.reader() as con:
                indicators.use_dates(con, dates)
                modules = con.execute(
                    "SELECT report_date, kode_wilayah, badan, materi, is_reported, "
                    "completion_rate FROM training_modules"
                ).df()
        return cls(series, modules)

    def get(self, topic: str, region: str, day: dt.date) -> tuple[float | None, str | None]:
        """(value 0-1 or None, checklist state or None) of ``topic`` for ``region`` on ``day``."""
        kind, parts = _topic_parts(topic)
        on = pd.Timestamp(day)
        province = region == PROVINCE
        if kind == "badan":
            if province:
                totals = self.series.province_by_date[day]["badan"].get(parts[0]) or {}
                return _clean(totals.get("sworn_in_rate")), None
            rows = _pick(self.series.badan, on, region, badan=parts[0])
            return _reported_value(rows, "sworn_in_rate"), None
        if kind == "bimtek":
            rows = _pick(self.modules, on, None if province else region,
                         badan=parts[0], materi=parts[1])  # fmt: skip
            if province:
                reported = rows[rows["is_reported"].astype(bool)]
                mean = reported["completion_rate"].mean() if len(reported) else None
                return _clean(mean), None
            return _reported_value(rows, "completion_rate"), None
        if kind == "item":
            rows = _pick(self.series.candidacy_items, on, None if province else region,
                         kode_item=parts[0])  # fmt: skip
            if province:
                reported = rows[rows["is_reported"].astype(bool)]
                applicable = reported[reported["status"] != "tidak_berlaku"]
                if not len(applicable):
                    return None, None
                return float((applicable["status"] == "selesai").mean()), None
            if not len(rows) or not bool(rows.iloc[0]["is_reported"]):
                return None, "belum_lapor"
            state = rows.iloc[0]["status"] or "belum"
            value = {"selesai": 1.0, "proses": 0.0, "belum": 0.0}.get(state)
            return value, state
        if kind == REPORTING:
            rows = _pick(self.series.reporting, on, None if province else region)
            due = rows[rows["reporting_status"] != "belum_waktunya"]
            if not len(due):
                return None, None
            return float((due["reporting_status"] == "tepat_waktu").mean()), None
        return None, None


def _pick(frame: pd.DataFrame, on: pd.Timestamp, region: str | None, **equal) -> pd.DataFrame:
    """Rows of ``frame`` on report date ``on`` (of ``region`` unless None) matching ``equal``."""
    mask = frame["report_date"] == on
    if region is not None:
        mask &= frame["kode_wilayah"] == region
    for column, value in equal.items():
        mask &= frame[column] == value
    return frame[mask]


def _reported_value(rows: pd.DataFrame, column: str) -> float | None:
    if not len(rows) or not bool(rows.iloc[0]["is_reported"]):
        return None
    return _clean(rows.iloc[0][column])


__all__ = [
    "CANCELLED",
    "DONE",
    "OPEN",
    "OVERDUE",
    "PROVINCE_NAME",
    "FollowupLine",
    "followup_counts",
    "followup_lines",
    "indicator_label",
    "overdue_regions",
    "region_display_name",
    "status_label",
    "version",
]
