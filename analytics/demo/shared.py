"""Shared helpers of the demo generator: weeks, day numbers, seeded RNG streams, reference."""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.reference import REFERENCE_DIR
from analytics.schema import DATASETS

_FIRST_WEEK = dt.date(2024, 4, 26)
_LAST_WEEK = dt.date(2024, 11, 29)

DEMO_WEEKS: list[dt.date] = [
    _FIRST_WEEK + dt.timedelta(days=7 * i) for i in range((_LAST_WEEK - _FIRST_WEEK).days // 7 + 1)
]

# The contract columns of each dataset, in contract order (from the one schema).
COLUMNS: dict[str, tuple[str, ...]] = {
    name: tuple(dataset.column_names) for name, dataset in DATASETS.items()
}


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


def normalise_regions(regions: pd.DataFrame | None) -> pd.DataFrame:
    if regions is None:
        regions = read_reference("wilayah.csv")
    out = pd.DataFrame({"kode_wilayah": regions["kode_wilayah"].astype(str).str.strip()})
    for col in ("jumlah_kecamatan", "jumlah_desa_kelurahan", "jumlah_tps"):
        out[col] = pd.to_numeric(regions[col]).astype("int64").to_numpy()
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
