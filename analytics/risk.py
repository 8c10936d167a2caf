"""Early warning: project each regency's recent weekly progress to its deadlines.

For every regency and every component with a deadline (a body's seats filled before its
swearing-in, each required bimtek module, each candidacy checklist item; the rows of
analytics/sql/risk_progress.sql) the points of the last ``window_weeks`` weeks are read
(the version in force each week, one point per distinct data date). From the last point
the component is projected to its completion value (``complete_at``) at two paces:

- the fastest weekly pace of the window (the steepest rise between two consecutive
  points) gives the early end of the range, ``proyeksi_awal``;
- the mean pace over the window (first to last point) gives the late end,
  ``proyeksi_akhir`` (None when it does not reach completion within ``horizon_days``).

A component is *berisiko* when the early end falls after its deadline (``proyeksi``), or
when it rose in no week of the window while its deadline is at most ``no_progress_days``
away (``tanpa_kemajuan``). Nothing is said for a component already complete, one whose
deadline has passed (that is "terlambat", shown by the indicators), or one with fewer
than ``min_points`` points. Parameters: section [risk] of data/indikator.toml.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics import formatting as fmt
from analytics import indicators
from analytics.config import RISK_KINDS, RiskConfig, load_risk_config
from analytics.labels import BODY_LABEL
from analytics.messages import msg
from analytics.storage import Database

NO_PROGRESS, PROJECTED = "tanpa_kemajuan", "proyeksi"
STATUS_VALUE = {"belum": 0.0, "selesai": 1.0}  # "proses": RiskConfig.in_progress_value
WEEK = 7


@dataclass(frozen=True)
class RiskFlag:
    """One component of one regency projected to miss its deadline."""

    kode_wilayah: str
    nama_wilayah: str
    komponen: str  # "badan:PPS", "bimtek:PPS:M03", "item:PC07"
    label: str
    batas_waktu: dt.date
    capaian: float  # completion 0-1 at the last point
    proyeksi_awal: dt.date | None  # early end of the projected range (None: no progress)
    proyeksi_akhir: dt.date | None  # late end (None: beyond the horizon or no progress)
    hari_terlambat: int | None  # days proyeksi_awal falls after batas_waktu
    alasan: str  # "tanpa_kemajuan" or "proyeksi"

    def teks(self) -> str:
        """One Indonesian line: 'Pembentukan PPS: 72,0% — perkiraan selesai 3–10
        September 2024, batas 30 Agustus 2024 (4–11 hari terlambat)'; a checklist item
        reads 'PC04 …: proses — …'."""
        head = f"{self.label}: {self.capaian_teks()}"
        deadline = fmt.date(self.batas_waktu)
        if self.alasan == NO_PROGRESS:
            return msg("risk_line_no_progress", head=head, deadline=deadline)
        if self.proyeksi_akhir is None:
            return msg(
                "risk_line_open",
                head=head,
                early=fmt.date(self.proyeksi_awal),
                deadline=deadline,
                late=self.hari_terlambat,
            )
        late_days = (self.proyeksi_akhir - self.batas_waktu).days
        days = (
            str(self.hari_terlambat)
            if late_days == self.hari_terlambat
            else f"{self.hari_terlambat}–{late_days}"
        )
        return msg(
            "risk_line",
            head=head,
            range=date_range(self.proyeksi_awal, self.proyeksi_akhir),
            deadline=deadline,
            days=days,
        )

    def capaian_teks(self) -> str:
        """'72,0%'; for a checklist item its status as the checklist names it: 'belum',
        'proses' or 'selesai'."""
        if not self.komponen.startswith("item:"):
            return fmt.percent(self.capaian)
        if self.capaian <= 0:
            return "belum"
        return "selesai" if self.capaian >= 1 else "proses"

    def as_dict(self) -> dict:
        """The JSON object of ``risk --json`` (dates ISO, capaian to 4 decimals)."""
        return {
            "kode_wilayah": self.kode_wilayah,
            "nama_wilayah": self.nama_wilayah,
            "komponen": self.komponen,
            "label": self.label,
            "batas_waktu": self.batas_waktu.isoformat(),
            "capaian": round(self.capaian, 4),
            "proyeksi_awal": _iso(self.proyeksi_awal),
            "proyeksi_akhir": _iso(self.proyeksi_akhir),
            "hari_terlambat": self.hari_terlambat,
            "alasan": self.alasan,
        }


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def date_range(first: dt.date, last: dt.date) -> str:
    """'3–10 September 2024', '28 Agustus – 4 September 2024', or one date."""
    if first == last:
        return fmt.date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{fmt.date(last)}"
    if first.year == last.year:
        return f"{fmt.date(first).rsplit(' ', 1)[0]} – {fmt.date(last)}"
    return f"{fmt.date(first)} – {fmt.date(last)}"


# --------------------------------------------------------------------------- progress


def label(jenis: str, badan: str | None, kode: str | None, uraian: str | None) -> str:
    """How the dashboard names a component: 'Pembentukan PPS', 'Bimtek PPS · M03
    Pemutakhiran data pemilih …', 'PC07 Rumah sakit …'."""
    if jenis == "badan":
        return f"Pembentukan {BODY_LABEL.get(badan, badan)}"
    if jenis == "bimtek":
        return f"Bimtek {BODY_LABEL.get(badan, badan)} · {kode} {uraian or ''}".rstrip()
    return f"{kode} {uraian or ''}".rstrip()


def progress(db: Database, dates: list[dt.date], config: RiskConfig | None = None) -> pd.DataFrame:
    """Every component's completion (0-1) on each of ``dates`` (risk_progress.sql), items
    valued from their status; rows without a value (not reported, not applicable)
    dropped."""
    config = config or load_risk_config()
    with db.reader() as con:
        indicators.use_dates(con, dates)
        con.execute(
            "CREATE OR REPLACE TEMP VIEW candidacy_items AS "
            + indicators.sql_text("candidacy_items")
        )
        frame = con.execute(indicators.sql_text("risk_progress")).df()
    values = dict(STATUS_VALUE, proses=config.in_progress_value)
    is_item = frame["jenis"] == "item"
    frame.loc[is_item, "capaian"] = frame.loc[is_item, "status"].map(values)
    frame = frame.dropna(subset=["capaian", "data_as_of"]).reset_index(drop=True)
    for col in ("report_date", "data_as_of", "batas_waktu"):
        frame[col] = pd.to_datetime(frame[col])
    frame["target"] = frame["jenis"].map(config.complete_at)
    return frame


def _grid(as_of: dt.date, config: RiskConfig) -> list[dt.date]:
    return [as_of - dt.timedelta(days=WEEK * k) for k in range(config.window_weeks)]


def assess(points: pd.DataFrame, as_of: dt.date, config: RiskConfig) -> pd.DataFrame:
    """One row per regency x component from the window's ``points`` (rows of
    ``progress`` on the weekly grid ending at ``as_of``): the last value, the paces and
    the projected range, and ``alasan`` (None when not flagged). Vectorised."""
    if points.empty:
        return pd.DataFrame(columns=ASSESSED_COLUMNS)
    pts = points.drop_duplicates(["kode_wilayah", "komponen", "data_as_of"])
    pts = pts.sort_values(["kode_wilayah", "komponen", "data_as_of"])
    keys = ["kode_wilayah", "komponen"]
    x = (pts["data_as_of"] - pd.Timestamp(as_of)).dt.days.astype(float)
    pts = pts.assign(x=x.to_numpy())
    same = pts[keys].eq(pts[keys].shift()).all(axis=1)
    pace = (pts["capaian"].diff() / pts["x"].diff()).where(same)
    pts = pts.assign(pace=pace)
    grouped = pts.groupby(keys, sort=False)
    out = grouped.agg(
        nama=("nama", "last"),
        jenis=("jenis", "last"),
        badan=("badan", "last"),
        kode=("kode", "last"),
        uraian=("uraian", "last"),
        batas_waktu=("batas_waktu", "last"),
        target=("target", "last"),
        point_count=("x", "size"),
        x_first=("x", "first"),
        x_last=("x", "last"),
        y_first=("capaian", "first"),
        capaian=("capaian", "last"),
        fast_pace=("pace", "max"),
        is_scheduled=("is_scheduled", "last"),
    ).reset_index()
    span = out["x_last"] - out["x_first"]
    out["mean_pace"] = ((out["capaian"] - out["y_first"]) / span).where(span > 0)
    remaining = out["target"] - out["capaian"]
    as_of_ts = pd.Timestamp(as_of)
    early = _finish(out["x_last"], remaining, out["fast_pace"])
    late = _finish(out["x_last"], remaining, out["mean_pace"])
    late = late.where(late <= config.horizon_days)
    out["early_day"] = early.clip(lower=0)
    out["late_day"] = np.maximum(late, out["early_day"])
    days_left = (out["batas_waktu"] - as_of_ts).dt.days
    eligible = (
        (out["capaian"] < out["target"] - 1e-9)
        & (days_left >= 0)
        & (out["point_count"] >= config.min_points)
        & ~out["is_scheduled"].astype(bool)
    )
    stalled = ~(out["fast_pace"] > 0)
    no_progress_days = out["jenis"].map(config.no_progress_days)
    is_projected = out["jenis"].map(config.projection).astype(bool)
    no_progress = eligible & stalled & (days_left <= no_progress_days)
    projected = eligible & is_projected & ~stalled & (out["early_day"] > days_left)
    out["alasan"] = np.where(no_progress, NO_PROGRESS, np.where(projected, PROJECTED, None))
    out["days_left"] = days_left
    return out


ASSESSED_COLUMNS = [
    "kode_wilayah", "komponen", "nama", "jenis", "badan", "kode", "uraian", "batas_waktu",
    "target", "point_count", "x_first", "x_last", "y_first", "capaian", "fast_pace",
    "is_scheduled", "mean_pace", "early_day", "late_day", "alasan", "days_left",
]  # fmt: skip


def _finish(x_last: pd.Series, remaining: pd.Series, pace: pd.Series) -> pd.Series:
    """Day (relative to as_of) the remaining completion is reached at ``pace``; NaN when
    the pace is not positive. Rounded up: a component is complete at the end of a day."""
    days = np.ceil(x_last + remaining / pace.where(pace > 0) - 1e-9)
    return days


def flags(db: Database, as_of: dt.date, config: RiskConfig | None = None) -> list[RiskFlag]:
    """Every component of every regency projected to miss its deadline as of ``as_of``,
    most urgent first: deadline soonest, then no progress before any projection, then
    most days late, then regency code and component."""
    config = config or load_risk_config()
    points = progress(db, _grid(as_of, config), config)
    return _flags_from(assess(points, as_of, config), as_of)


def _flags_from(assessed: pd.DataFrame, as_of: dt.date) -> list[RiskFlag]:
    hit = assessed[assessed["alasan"].notna()].copy()
    if hit.empty:
        return []
    hit["is_projection"] = hit["alasan"] == PROJECTED
    hit["late_sort"] = -hit["early_day"].fillna(math.inf) + hit["days_left"]
    hit = hit.sort_values(["batas_waktu", "is_projection", "late_sort", "kode_wilayah", "komponen"])
    return [_flag(row, as_of) for row in hit.to_dict("records")]


def _flag(row: dict, as_of: dt.date) -> RiskFlag:
    deadline = row["batas_waktu"].date()
    early = _day(as_of, row["early_day"]) if row["alasan"] == PROJECTED else None
    late = _day(as_of, row["late_day"]) if early is not None else None
    return RiskFlag(
        kode_wilayah=row["kode_wilayah"],
        nama_wilayah=row["nama"],
        komponen=row["komponen"],
        label=label(row["jenis"], row["badan"], row["kode"], row["uraian"]),
        batas_waktu=deadline,
        capaian=float(row["capaian"]),
        proyeksi_awal=early,
        proyeksi_akhir=late,
        hari_terlambat=None if early is None else (early - deadline).days,
        alasan=row["alasan"],
    )


def _day(as_of: dt.date, offset) -> dt.date | None:
    if offset is None or pd.isna(offset):
        return None
    return as_of + dt.timedelta(days=int(offset))


# --------------------------------------------------------------------------- chart


@dataclass(frozen=True)
class Projection:
    """What the Profil trend chart draws for one regency x component: the window's points,
    the projected lines and the deadline. ``line`` has one row per breakpoint (the last
    point, the deadline, each end of the range, the end of the chart) with
    ``capaian_cepat`` (at the fastest weekly pace) and ``capaian_rata`` (at the mean pace),
    both capped at ``target`` and NaN where a pace is not positive; straight segments
    between rows are exact. Empty frames when the component has no point."""

    kode_wilayah: str
    komponen: str
    label: str
    batas_waktu: dt.date | None
    target: float | None
    points: pd.DataFrame  # tanggal, capaian
    line: pd.DataFrame  # tanggal, capaian_cepat, capaian_rata
    flag: RiskFlag | None


def projection(
    db: Database, region: str, komponen: str, as_of: dt.date, config: RiskConfig | None = None
) -> Projection:
    """The points and projected lines of one regency's component as of ``as_of``."""
    config = config or load_risk_config()
    frame = progress(db, _grid(as_of, config), config)
    mine = frame[(frame["kode_wilayah"] == region) & (frame["komponen"] == komponen)]
    points = (
        mine.drop_duplicates("data_as_of")
        .sort_values("data_as_of")
        .rename(columns={"data_as_of": "tanggal"})[["tanggal", "capaian"]]
        .reset_index(drop=True)
    )
    empty_line = pd.DataFrame(columns=["tanggal", "capaian_cepat", "capaian_rata"])
    if mine.empty:
        return Projection(region, komponen, komponen, None, None, points, empty_line, None)
    assessed = assess(mine, as_of, config)
    row = assessed.iloc[0]
    flags_found = _flags_from(assessed, as_of)
    deadline = row["batas_waktu"].date()
    ends = [row["early_day"], row["late_day"], (deadline - as_of).days, row["x_last"]]
    end = max(e for e in ends if not pd.isna(e)) + WEEK
    breaks = sorted({int(e) for e in ends if not pd.isna(e)} | {int(end)})
    breaks = [b for b in breaks if b >= row["x_last"]]
    line = pd.DataFrame({"tanggal": [pd.Timestamp(_day(as_of, b)) for b in breaks]})
    for name, pace in (("capaian_cepat", row["fast_pace"]), ("capaian_rata", row["mean_pace"])):
        if pd.isna(pace) or pace <= 0:
            line[name] = np.nan
        else:
            reach = [row["capaian"] + pace * (b - row["x_last"]) for b in breaks]
            line[name] = np.minimum(reach, row["target"])
    return Projection(
        kode_wilayah=region,
        komponen=komponen,
        label=label(row["jenis"], row["badan"], row["kode"], row["uraian"]),
        batas_waktu=deadline,
        target=float(row["target"]),
        points=points,
        line=line,
        flag=flags_found[0] if flags_found else None,
    )


# --------------------------------------------------------------------------- backtest


def backtest(db: Database, config: RiskConfig | None = None, until: dt.date | None = None) -> dict:
    """The method replayed on the stored history, week by week.

    Weeks: every 7 days back from ``until`` (default: the newest data date) to the oldest
    data date. A component
    *missed* its deadline when its value in force on the deadline was below
    ``complete_at`` (not reported on the deadline, or not applicable: no outcome, left
    out). Per week: flags raised, of which the component really missed. Totals: flags
    over all weeks and how many were right; components flagged at least once and how many
    of them missed; misses (deadline within the weeks) and how many were never flagged
    before their deadline; median lead time = deadline minus the first week a missed
    component was flagged, in days.
    """
    config = config or load_risk_config()
    weeks = _history_weeks(db, until)
    if not weeks:
        empty = pd.DataFrame(
            {c: [] for c in ("kode_wilayah", "komponen", "minggu", "batas_waktu", "missed")}
        )
        totals = _totals(empty, empty)
        return {"minggu": [], "total": totals, "per_jenis": dict.fromkeys(RISK_KINDS, totals)}
    deadlines = _deadlines(db)
    judged_on = [d + dt.timedelta(days=WEEK - 1) for d in deadlines]
    frame = progress(db, sorted(set(weeks) | set(judged_on)), config)
    outcome = _outcomes(frame)
    rows, raised = [], []
    for week in weeks:
        grid = {pd.Timestamp(d) for d in _grid(week, config)}
        assessed = assess(frame[frame["report_date"].isin(grid)], week, config)
        hit = assessed.loc[assessed["alasan"].notna(), ["kode_wilayah", "komponen"]]
        hit = hit.merge(
            outcome.drop(columns="batas_waktu"), on=["kode_wilayah", "komponen"], how="left"
        )
        hit["minggu"] = pd.Timestamp(week)
        raised.append(hit)
        rows.append(
            {
                "minggu": week.isoformat(),
                "ditandai": int(len(hit)),
                "terbukti_terlambat": int((hit["missed"] == True).sum()),  # noqa: E712
                "tepat_waktu": int((hit["missed"] == False).sum()),  # noqa: E712
            }
        )
    raised_all = pd.concat(raised, ignore_index=True)
    first, last = pd.Timestamp(weeks[0]), pd.Timestamp(weeks[-1])
    judged = outcome[(outcome["batas_waktu"] > first) & (outcome["batas_waktu"] <= last)]
    kind_raised = raised_all["komponen"].str.split(":").str[0]
    kind_judged = judged["komponen"].str.split(":").str[0]
    return {
        "minggu": rows,
        "total": _totals(raised_all, judged),
        "per_jenis": {
            kind: _totals(raised_all[kind_raised == kind], judged[kind_judged == kind])
            for kind in RISK_KINDS
        },
    }


def _totals(raised: pd.DataFrame, judged: pd.DataFrame) -> dict:
    """The backtest figures of ``raised`` (one row per week x flag, with ``missed``) and
    ``judged`` (the components whose deadline fell within the weeks, with ``missed``)."""
    flagged_count = len(raised)
    right_count = int((raised["missed"] == True).sum())  # noqa: E712
    first_flag = raised.sort_values("minggu").drop_duplicates(["kode_wilayah", "komponen"])
    misses = judged[judged["missed"] == True]  # noqa: E712
    caught = misses.merge(first_flag[["kode_wilayah", "komponen", "minggu"]], how="inner")
    if caught.empty:
        lead = pd.Series(dtype=float)
    else:
        lead = (caught["batas_waktu"] - caught["minggu"]).dt.days
    return {
        "ditandai": flagged_count,
        "ditandai_terbukti_terlambat": right_count,
        "presisi": round(right_count / flagged_count, 4) if flagged_count else None,
        "komponen_ditandai": int(len(first_flag)),
        "komponen_ditandai_terbukti_terlambat": int((first_flag["missed"] == True).sum()),  # noqa: E712
        "komponen_dinilai": int(len(judged)),
        "terlambat": int(len(misses)),
        "terlambat_ditandai": int(len(caught)),
        "terlambat_tidak_pernah_ditandai": int(len(misses) - len(caught)),
        "median_hari_peringatan": float(lead.median()) if len(lead) else None,
    }


def _history_weeks(db: Database, until: dt.date | None = None) -> list[dt.date]:
    with db.reader() as con:
        first, last = con.execute(
            "SELECT min(as_of), max(as_of) FROM versions WHERE withdrawn_at IS NULL"
        ).fetchall()[0]
    if first is None:
        return []
    last = until or last
    if last < first:
        return []
    count = (last - first).days // WEEK
    return [last - dt.timedelta(days=WEEK * k) for k in range(count, -1, -1)]


def _deadlines(db: Database) -> list[dt.date]:
    with db.reader() as con:
        rows = con.execute(
            "SELECT CAST(tanggal_pelantikan AS DATE) FROM ref_badan UNION "
            "SELECT CAST(batas_waktu AS DATE) FROM ref_materi_wajib UNION "
            "SELECT CAST(batas_waktu AS DATE) FROM ref_checklist"
        ).fetchall()
    return [r[0] for r in rows if r[0] is not None]


def _outcomes(frame: pd.DataFrame) -> pd.DataFrame:
    """Per regency x component: the deadline and whether it was missed: the first data on
    or after the deadline (the version in force 6 days after it, describing a date on or
    after it) below completion. Without such data (no upload that week, not reported, not
    applicable) there is no outcome and the component is left out."""
    judged_on = frame["batas_waktu"] + pd.Timedelta(days=WEEK - 1)
    on_deadline = frame[
        (frame["report_date"] == judged_on) & (frame["data_as_of"] >= frame["batas_waktu"])
    ]
    on_deadline = on_deadline[on_deadline["capaian_by_deadline"].notna()]
    out = on_deadline[["kode_wilayah", "komponen", "batas_waktu"]].copy()
    out["missed"] = (on_deadline["capaian_by_deadline"] < on_deadline["target"] - 1e-9).to_numpy()
    return out.reset_index(drop=True)


# --------------------------------------------------------------------------- text


def flags_text(found: list[RiskFlag], as_of: dt.date) -> str:
    """The human listing of ``risk``: a header, then one line per flag, most urgent first."""
    if not found:
        return msg("risk_none", date=fmt.date(as_of))
    lines = [msg("risk_header", count=fmt.number(len(found)), date=fmt.date(as_of))]
    lines += [f"{f.kode_wilayah} {f.nama_wilayah} · {f.teks()}" for f in found]
    return "\n".join(lines)


def backtest_text(result: dict) -> str:
    """The human version of ``risk --backtest``: one line per week, then the totals of
    all components and of each kind."""
    lines = [msg("risk_backtest_header")]
    for week in result["minggu"]:
        lines.append(
            msg(
                "risk_backtest_week",
                week=fmt.date(week["minggu"]),
                flagged=fmt.number(week["ditandai"]),
                missed=fmt.number(week["terbukti_terlambat"]),
                on_time=fmt.number(week["tepat_waktu"]),
            )
        )
    parts = [("total", result["total"])]
    parts += [(kind, totals) for kind, totals in result.get("per_jenis", {}).items()]
    for name, totals in parts:
        lines.append(_totals_text(KIND_LABEL.get(name, name), totals))
    return "\n".join(lines)


KIND_LABEL = {
    "total": "Semua komponen",
    "badan": "Pembentukan badan",
    "bimtek": "Materi bimtek",
    "item": "Butir pencalonan",
}


def _totals_text(name: str, t: dict) -> str:
    precision = fmt.percent(t["presisi"], missing="-")
    days = t["median_hari_peringatan"]
    lead = "-" if days is None else f"{fmt.number(days, 1)} hari sebelum batas waktu"
    return msg(
        "risk_backtest_totals",
        name=name,
        flagged=fmt.number(t["ditandai"]),
        right=fmt.number(t["ditandai_terbukti_terlambat"]),
        precision=precision,
        components=fmt.number(t["komponen_ditandai"]),
        components_right=fmt.number(t["komponen_ditandai_terbukti_terlambat"]),
        judged=fmt.number(t["komponen_dinilai"]),
        misses=fmt.number(t["terlambat"]),
        caught=fmt.number(t["terlambat_ditandai"]),
        never=fmt.number(t["terlambat_tidak_pernah_ditandai"]),
        lead=lead,
    )
