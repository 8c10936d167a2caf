"""Indicators per regency and for the province, as of any date, computed in SQL."""

from __future__ import annotations

import datetime as dt
import functools
import math
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pandas as pd

from analytics import categories
from analytics.config import IndicatorConfig, load_config
from analytics.storage import Database

SQL_DIR = Path(__file__).resolve().parent / "sql"
BODY_ORDER = ["PPK", "PPS", "PANTARLIH", "KPPS"]


# Queries that other queries read by name, installed as temp views in this order (each
# reads the ones before it): the version in force, then the completion of every required
# bimtek module (the one definition training_by_region.sql averages).
SHARED_VIEWS = ("version_in_force", "training_modules")
# Indicator tables kept as temp tables, in order: the later queries read the earlier
# (candidacy_by_region reads candidacy_items; readiness_by_region reads badan, training
# and candidacy). Name -> query.
INDICATOR_TABLES = {
    "badan": "badan_by_region",
    "training": "training_by_region",
    "candidacy_items": "candidacy_items",
    "candidacy": "candidacy_by_region",
}


@functools.cache
def sql_text(name: str) -> str:
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def use_dates(con: duckdb.DuckDBPyConnection, dates: list[dt.date]) -> None:
    """The inputs every query of analytics/sql reads besides the stored tables: the
    ``report_dates`` table (``dates``) and the ``SHARED_VIEWS``."""
    con.register("_dates", pd.DataFrame({"report_date": sorted(set(dates))}))
    con.execute(
        "CREATE OR REPLACE TEMP TABLE report_dates AS SELECT CAST(report_date AS DATE) "
        "AS report_date FROM _dates"
    )
    con.unregister("_dates")
    for name in SHARED_VIEWS:
        con.execute(f"CREATE OR REPLACE TEMP VIEW {name} AS " + sql_text(name))


def prepare(con: duckdb.DuckDBPyConnection, dates: list[dt.date], config: IndicatorConfig) -> None:
    """Everything the indicator queries read on ``con``: ``use_dates``, the readiness
    components and reporting expectations of ``config``, and the ``INDICATOR_TABLES``."""
    _register_inputs(con, config)
    use_dates(con, dates)
    for name, query in INDICATOR_TABLES.items():
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql_text(query)}")


@dataclass
class Indicators:
    """Every indicator table for one or more report dates (column ``report_date``).

    Pages and exports only arrange these frames; ``as_of`` is the latest report date.
    """

    as_of: dt.date
    badan: pd.DataFrame  # report date x regency x body
    training: pd.DataFrame  # report date x regency x body
    candidacy: pd.DataFrame  # report date x regency
    candidacy_items: pd.DataFrame  # report date x regency x checklist item
    reporting: pd.DataFrame  # report date x regency x dataset
    readiness: pd.DataFrame  # report date x regency
    province_by_date: dict  # report date -> province totals

    @property
    def province(self) -> dict:
        return self.province_by_date[self.as_of]

    def on(self, report_date: dt.date) -> Indicators:
        """The tables of one report date."""

        def pick(frame: pd.DataFrame) -> pd.DataFrame:
            return frame[frame["report_date"] == pd.Timestamp(report_date)].reset_index(drop=True)

        return Indicators(
            report_date,
            pick(self.badan),
            pick(self.training),
            pick(self.candidacy),
            pick(self.candidacy_items),
            pick(self.reporting),
            pick(self.readiness),
            {report_date: self.province_by_date[report_date]},
        )


def compute(db: Database, as_of: dt.date, config: IndicatorConfig | None = None) -> Indicators:
    """All indicators as of ``as_of``."""
    return compute_series(db, [as_of], config)


def compute_series(
    db: Database, dates: list[dt.date], config: IndicatorConfig | None = None
) -> Indicators:
    """All indicators for each of ``dates`` in one read-only connection (for trends)."""
    config = config or load_config()
    dates = sorted(set(dates))
    with db.reader() as con:
        prepare(con, dates, config)
        badan, training, items, candidacy = (
            con.execute(f"SELECT * FROM {name}").df() for name in INDICATOR_TABLES
        )
        reporting = con.execute(
            sql_text("reporting_by_region"), {"period_days": config.period_days}
        ).df()
        readiness = con.execute(sql_text("readiness_by_region")).df()
        province = {d: _province(con, d) for d in dates}
    frames = SimpleNamespace(badan=badan, training=training, candidacy=candidacy)
    readiness = categories.with_categories(readiness, frames, config)
    return Indicators(dates[-1], badan, training, candidacy, items, reporting, readiness, province)


def _register_inputs(con: duckdb.DuckDBPyConnection, config: IndicatorConfig) -> None:
    components = pd.DataFrame(
        [
            {
                "name": c.name,
                "label": c.label,
                "metric": c.metric,
                "badan": c.badan,
                "active_from": c.active_from,
                "weight": c.weight,
            }
            for c in config.components
        ]
    )
    expectation = pd.DataFrame(
        {
            "dataset": list(config.expected_from),
            "expected_from": list(config.expected_from.values()),
        }
    )
    con.register("_components", components)
    con.register("_expectation", expectation)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE readiness_component AS SELECT name, label, metric, badan, "
        "CAST(active_from AS DATE) AS active_from, weight FROM _components"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE reporting_expectation AS SELECT dataset, "
        "CAST(expected_from AS DATE) AS expected_from FROM _expectation"
    )


def _province(con: duckdb.DuckDBPyConnection, as_of: dt.date) -> dict:
    """Province totals on one date: sums over reporting regencies, rates from the sums."""
    on = {"d": as_of}
    bodies = con.execute(
        "SELECT badan, count(*) FILTER (WHERE is_reported) AS regions_reported_count, "
        "sum(units_expected_count) AS units_expected_count, "
        "sum(units_expected_count) FILTER (WHERE is_reported) AS units_expected_reported_count, "
        "sum(units_reported_count) AS units_reported_count, sum(kebutuhan) AS kebutuhan, "
        "sum(pendaftar) AS pendaftar, sum(terisi) AS terisi, sum(dilantik) AS dilantik, "
        "sum(perempuan) AS perempuan, sum(pengganti) AS pengganti FROM badan "
        "WHERE report_date = $d GROUP BY badan",
        on,
    ).df()
    training = con.execute(
        "SELECT badan, avg(training_completion) AS training_completion, "
        "avg(training_due_completion) AS training_due_completion, "
        "sum(peserta_target) AS peserta_target, sum(peserta_hadir) AS peserta_hadir, "
        "sum(peserta_tuntas) AS peserta_tuntas FROM training WHERE report_date = $d "
        "GROUP BY badan",
        on,
    ).df()
    candidacy = con.execute(
        "SELECT count(*) FILTER (WHERE is_reported) AS regions_reported_count, "
        "sum(done_count) AS done_count, sum(applicable_count) AS applicable_count, "
        "sum(overdue_count) AS overdue_count FROM candidacy WHERE report_date = $d",
        on,
    ).fetchall()[0]
    out: dict = {"badan": {}, "bimtek": {}, "pencalonan": {}}
    for row in bodies.to_dict("records"):
        body = row.pop("badan")
        out["badan"][body] = _with_rates(row)
    for row in training.to_dict("records"):
        body = row.pop("badan")
        out["bimtek"][body] = {k: _num(v) for k, v in row.items()}
    reported, done, applicable, overdue = candidacy
    out["pencalonan"] = {
        "regions_reported_count": reported,
        "done_count": _num(done),
        "applicable_count": _num(applicable),
        "overdue_count": _num(overdue),
        "candidacy_completion": _ratio(done, applicable),
    }
    return out


def _with_rates(row: dict) -> dict:
    """Province rates from the sums; 0 (not None) when regencies reported no seats yet,
    as for a single regency."""
    row = {k: _num(v) for k, v in row.items()}
    nothing_formed = row["regions_reported_count"] and not row["kebutuhan"]
    row["fill_rate"] = 0.0 if nothing_formed else _ratio(row["terisi"], row["kebutuhan"])
    row["sworn_in_rate"] = 0.0 if nothing_formed else _ratio(row["dilantik"], row["kebutuhan"])
    row["women_share"] = _ratio(row["perempuan"], row["terisi"])
    row["applicant_ratio"] = _ratio(row["pendaftar"], row["kebutuhan"])
    # Coverage among the regencies that reported (the others are "belum lapor", not gaps).
    row["coverage_rate"] = _ratio(row["units_reported_count"], row["units_expected_reported_count"])
    return row


def _ratio(num, den) -> float | None:
    num, den = _num(num), _num(den)
    if num is None or not den:
        return None
    return num / den


def _num(value):
    """Plain Python number or None (NaN/NA become None)."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        value = value.item()
    return value


def latest_data_date(db: Database) -> dt.date | None:
    """The newest as-of date among versions in force (the dashboards' default date)."""
    if not db.exists():
        return None
    with db.reader() as con:
        row = con.execute("SELECT max(as_of) FROM versions WHERE withdrawn_at IS NULL").fetchall()
    return row[0][0]


# Precision of ``summary``: the first 15 significant digits, the digits SIAGA rounds every
# shown number from (``formatting.rounded``), so a consumer rounding a summary value to what
# SIAGA shows gets exactly what SIAGA shows. Any fixed number of decimals would round twice
# (an index of 96.84996 kept to 4 decimals is 96.85, then 96.9 where the page shows 96.8);
# the last binary digits, which differ with the order of a sum, are dropped.
SIGNIFICANT_DIGITS = 15


def _round(value):
    value = _num(value)
    if isinstance(value, float) and math.isfinite(value):
        value = float(format(value, f".{SIGNIFICANT_DIGITS}g"))
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    return value


def summary(ind: Indicators) -> dict:
    """The JSON-ready summary: every regency (sorted by code) and the province.

    Holds no version ids or wall-clock times, so two databases with the same data give
    the same output.
    """
    ind = ind.on(ind.as_of)
    tables = SimpleNamespace(
        badan=ind.badan.set_index(["kode_wilayah", "badan"]),
        training=ind.training.set_index(["kode_wilayah", "badan"]),
        candidacy=ind.candidacy.set_index("kode_wilayah"),
        reporting=ind.reporting.set_index(["kode_wilayah", "dataset"]),
    )
    regions = [
        _region_entry(row, tables)
        for row in ind.readiness.sort_values("kode_wilayah").to_dict("records")
    ]
    province = _province_entry(ind)
    return {"as_of": ind.as_of.isoformat(), "provinsi": province, "kabupaten_kota": regions}


def _region_entry(row: dict, tables: SimpleNamespace) -> dict:
    """One regency of ``summary`` (a readiness row, the other tables indexed by regency):
    its readiness, then its bodies, bimtek, candidacy and reporting."""
    code = row["kode_wilayah"]
    badan, training, reporting = tables.badan, tables.training, tables.reporting
    return {
        "kode_wilayah": code,
        "nama": row["nama"],
        "indeks_kesiapan": _round(row["readiness_index"]),
        "kategori": row["category"],
        "kategori_indeks": row["index_category"],
        "komponen_aktif": int(row["active_component_count"]),
        "komponen_lengkap": bool(row["is_complete"]),
        "badan": {
            body: _body_entry(badan.loc[(code, body)])
            for body in BODY_ORDER
            if (code, body) in badan.index
        },
        "bimtek": {
            body: _training_entry(training.loc[(code, body)])
            for body in BODY_ORDER
            if (code, body) in training.index
        },
        "pencalonan": _candidacy_entry(tables.candidacy.loc[code]),
        "pelaporan": {
            dataset: _reporting_entry(reporting.loc[(code, dataset)])
            for dataset in sorted({d for (_, d) in reporting.index})
        },
    }


def _province_entry(ind: Indicators) -> dict:
    """The province part of ``summary``: totals per body, bimtek and candidacy, and the
    mean readiness index over the regencies that reported."""
    index = ind.readiness["readiness_index"]
    return {
        "badan": _per_body(ind.province["badan"]),
        "bimtek": _per_body(ind.province["bimtek"]),
        "pencalonan": {k: _round(v) for k, v in ind.province["pencalonan"].items()},
        "indeks_kesiapan_rata_rata": _round(index.mean()) if index.notna().any() else None,
        "kabupaten_kota_lapor": int(index.notna().sum()),
        "kabupaten_kota_belum_lapor": int(index.isna().sum()),
    }


def _per_body(totals: dict) -> dict:
    """Province totals of each body present, rounded, in ``BODY_ORDER``."""
    return {
        body: {k: _round(v) for k, v in totals[body].items()}
        for body in BODY_ORDER
        if body in totals
    }


def _training_entry(t: pd.Series) -> dict:
    """A regency's bimtek of one body in ``summary``."""
    return {
        "lapor": bool(t["is_reported"]),
        "penuntasan": _round(t["training_completion"]),
        "penuntasan_jatuh_tempo": _round(t["training_due_completion"]),
        "materi_wajib": int(t["required_module_count"]),
        "materi_tuntas": int(t["completed_module_count"]),
        "peserta_target": _round(t["peserta_target"]),
        "peserta_hadir": _round(t["peserta_hadir"]),
        "peserta_tuntas": _round(t["peserta_tuntas"]),
    }


def _candidacy_entry(c: pd.Series) -> dict:
    """A regency's candidacy checklist in ``summary``."""
    return {
        "lapor": bool(c["is_reported"]),
        "selesai": _round(c["done_count"]),
        "berlaku": _round(c["applicable_count"]),
        "terlambat": _round(c["overdue_count"]),
        "penyelesaian": _round(c["candidacy_completion"]),
        "penyelesaian_jatuh_tempo": _round(c["candidacy_due_completion"]),
    }


def _reporting_entry(r: pd.Series) -> dict:
    """A regency's reporting of one dataset in ``summary``: status and data date."""
    data_as_of = r["data_as_of"]
    return {
        "status": r["reporting_status"],
        "data_per": None if pd.isna(data_as_of) else pd.Timestamp(data_as_of).date().isoformat(),
    }


def _body_entry(b: pd.Series) -> dict:
    if not bool(b["is_reported"]):
        return {"lapor": False}
    return {
        "lapor": True,
        "unit_dilaporkan": _round(b["units_reported_count"]),
        "unit_diharapkan": _round(b["units_expected_count"]),
        "kebutuhan": _round(b["kebutuhan"]),
        "pendaftar": _round(b["pendaftar"]),
        "terisi": _round(b["terisi"]),
        "dilantik": _round(b["dilantik"]),
        "perempuan": _round(b["perempuan"]),
        "pengganti": _round(b["pengganti"]),
        "keterisian": _round(b["fill_rate"]),
        "pelantikan": _round(b["sworn_in_rate"]),
        "keterwakilan_perempuan": _round(b["women_share"]),
        "rasio_pendaftar": _round(b["applicant_ratio"]),
        "cakupan_unit": _round(b["coverage_rate"]),
    }
