"""Shared helpers of the demo generator: weeks, day numbers, seeded RNG streams, reference."""

from __future__ import annotations

import datetime as dt
import functools
import zlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.reference import REFERENCE_DIR
from analytics.schema import DATASETS
from analytics.units import official_units

_FIRST_WEEK = dt.date(2024, 4, 26)
_LAST_WEEK = dt.date(2024, 11, 29)

DEMO_WEEKS: list[dt.date] = [
    _FIRST_WEEK + dt.timedelta(days=7 * i) for i in range((_LAST_WEEK - _FIRST_WEEK).days // 7 + 1)
]

# The contract columns of each dataset, in contract order (from the one schema).
COLUMNS: dict[str, tuple[str, ...]] = {
    name: tuple(dataset.column_names) for name, dataset in DATASETS.items()
}
# The official unit codes SIAGA stores with each badan_adhoc row (never in an upload):
# kode_kecamatan, kode_desa_kelurahan.
UNIT_CODE_COLUMNS: tuple[str, ...] = tuple(DATASETS["badan_adhoc"].derived_columns)


@dataclass(frozen=True)
class DemoUpload:
    """One regency's complete state of one dataset as of a date."""

    dataset: str
    region: str
    as_of: dt.date
    frame: pd.DataFrame


# ---------------------------------------------------------------------------
# Day numbers: the generator works in whole days since the epoch.

_EPOCH = dt.date(2024, 1, 1)


def day(d: dt.date) -> int:
    return (d - _EPOCH).days


def to_date(n: int) -> dt.date:
    return _EPOCH + dt.timedelta(days=int(n))


# ---------------------------------------------------------------------------
# Streams of the per-region random generators (one place, so they stay distinct).

S_LAYOUT, S_BODY, S_BIMTEK, S_CHECKLIST, S_SCHEDULE, S_TRAITS = 0, 1, 20, 21, 22, 23


def seeded_rng(seed: int, code: str, *stream: int) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(code.encode()), *stream])


def object_array(values: list | tuple) -> np.ndarray:
    arr = np.empty(len(values), dtype=object)
    arr[:] = values
    return arr


# ---------------------------------------------------------------------------
# Reference data.


def read_reference(name: str) -> pd.DataFrame:
    return pd.read_csv(REFERENCE_DIR / name, dtype=str, keep_default_na=False)


def reference() -> dict:
    """Bodies, required modules and checklist items from the editable reference files."""
    badan = read_reference("badan.csv")
    bodies = []
    for row in badan.itertuples(index=False):
        options = sorted(int(x) for x in str(row.anggota_standar).split("|"))
        bodies.append(
            (
                str(row.badan),
                str(row.dibentuk_per),
                options,
                day(dt.date.fromisoformat(row.tanggal_pelantikan)),
            )
        )
    wajib = read_reference("materi_wajib.csv")
    required = {b: wajib.loc[wajib["badan"] == b, "kode_materi"].tolist() for b, *_ in bodies}
    materi = set(read_reference("materi_bimtek.csv")["kode_materi"])
    checklist = read_reference("checklist_pencalonan.csv")
    items = [
        (
            str(r.kode_item),
            day(dt.date.fromisoformat(r.batas_waktu)),
            str(r.pihak_ketiga).strip() or None,
        )
        for r in checklist.itertuples(index=False)
    ]
    return {"bodies": bodies, "required": required, "materi": materi, "items": items}


@dataclass(frozen=True)
class OfficialLayout:
    """The official kecamatan and desa/kelurahan of one regency, in the order of
    data/reference/wilayah_administrasi.csv; ``desa_kec`` is each desa's kecamatan index."""

    kec_names: np.ndarray
    kec_codes: np.ndarray
    desa_names: np.ndarray
    desa_codes: np.ndarray
    desa_kec: np.ndarray


@functools.cache
def official_layout(code: str) -> OfficialLayout | None:
    """The official units of regency ``code``, or None for a regency absent from the
    official list (a synthetic one). Built once per regency; the arrays are shared, so
    callers must not change them."""
    units = official_units()
    kecamatan = units.kecamatan_of(code)
    if not kecamatan:
        return None
    desa = [units.desa_of(kec.code) for kec in kecamatan]
    return OfficialLayout(
        kec_names=object_array([kec.name for kec in kecamatan]),
        kec_codes=object_array([kec.code for kec in kecamatan]),
        desa_names=object_array([d.name for group in desa for d in group]),
        desa_codes=object_array([d.code for group in desa for d in group]),
        desa_kec=np.repeat(np.arange(len(kecamatan)), [len(group) for group in desa]),
    )


def normalise_regions(regions: pd.DataFrame | None) -> pd.DataFrame:
    """The regencies to generate: code, unit counts, TPS count, coordinates.

    A regency of the official list always gets its official number of kecamatan and
    desa/kelurahan (whatever the table says); only its TPS count comes from the table.
    """
    if regions is None:
        regions = read_reference("wilayah.csv")
    out = pd.DataFrame({"kode_wilayah": regions["kode_wilayah"].astype(str).str.strip()})
    for col in ("jumlah_kecamatan", "jumlah_desa_kelurahan", "jumlah_tps"):
        out[col] = pd.to_numeric(regions[col]).astype("int64").to_numpy()
    kecamatan = out["jumlah_kecamatan"].to_numpy(copy=True)
    desa = out["jumlah_desa_kelurahan"].to_numpy(copy=True)
    for i, code in enumerate(out["kode_wilayah"]):
        official = official_layout(code)
        if official is not None:
            kecamatan[i], desa[i] = official.kec_names.size, official.desa_names.size
    out["jumlah_kecamatan"], out["jumlah_desa_kelurahan"] = kecamatan, desa
    for col in ("lintang", "bujur"):
        if col in regions.columns:
            out[col] = pd.to_numeric(regions[col], errors="coerce").to_numpy()
        else:
            out[col] = np.nan
    if out["kode_wilayah"].duplicated().any():
        raise ValueError("duplicate kode_wilayah in regions")
    bad = out[
        (out["jumlah_kecamatan"] < 1)
        | (out["jumlah_desa_kelurahan"] < out["jumlah_kecamatan"])
        | (out["jumlah_tps"] < out["jumlah_desa_kelurahan"])
    ]
    if len(bad):
        raise ValueError(
            "each region needs 1 <= kecamatan <= desa_kelurahan <= tps: "
            + ", ".join(bad["kode_wilayah"])
        )
    return out.reset_index(drop=True)
