"""Ad hoc body formation of one regency: its units layout and each body's numbers by day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from analytics.demo.shared import S_BODY, S_LAYOUT, day, official_layout, seeded_rng, to_date

# Modelling assumptions (demo only).
# Start of formation (registration opens) and the maximum extra delay per regency.
_FORMATION_START = {
    "PPK": (dt.date(2024, 4, 23), 8),
    "PPS": (dt.date(2024, 5, 3), 6),
    "PANTARLIH": (dt.date(2024, 6, 12), 5),
    "KPPS": (dt.date(2024, 9, 17), 11),
}
_P_VACANCY = {"PPK": 0.03, "PPS": 0.03, "PANTARLIH": 0.012, "KPPS": 0.02}
_P_REPLACEMENT = {"PPK": 0.08, "PPS": 0.05, "PANTARLIH": 0.02, "KPPS": 0.01}
_P_LARGE_TPS = 0.88  # share of TPS with more than 400 voters (two Pantarlih)


# ---------------------------------------------------------------------------
# Static layout of a regency: kecamatan, desa and TPS.


def _spread(total: int, bins: int, sigma: float, rng: np.random.Generator) -> np.ndarray:
    """Split `total` items over `bins` bins, each getting at least one."""
    weights = rng.lognormal(0.0, sigma, bins)
    return 1 + rng.multinomial(total - bins, weights / weights.sum())


def _labels(prefix: str, count: int, width: int) -> np.ndarray:
    width = max(width, len(str(count)))
    return np.array([f"{prefix}{i:0{width}d}" for i in range(1, count + 1)], dtype=object)


@dataclass
class Units:
    """The units of one body, one per row: kecamatan index, names and official codes
    (None where the unit has no desa or TPS, or the regency no official units)."""

    kec_idx: np.ndarray
    kecamatan: np.ndarray
    desa: np.ndarray
    tps: np.ndarray
    kec_code: np.ndarray
    desa_code: np.ndarray


def layout(code: str, k: int, n: int, t: int, seed: int) -> dict[str, Units]:
    """The kecamatan, desa/kelurahan and TPS of a regency.

    A regency of the official list (data/reference/wilayah_administrasi.csv) has its
    official kecamatan and desa/kelurahan, names and codes (``k`` and ``n`` are then
    ignored); any other regency (a synthetic one, e.g. the benchmark's national scale)
    gets ``k`` generated kecamatan "Kecamatan 01".. and ``n`` desa "Desa 001".. spread
    over them, without codes. The ``t`` TPS are spread over the desa, at least one each,
    numbered from 001 within each desa.
    """
    rng = seeded_rng(seed, code, S_LAYOUT)
    official = official_layout(code)
    if official is None:
        kec_names = _labels("Kecamatan ", k, 2)
        desa_names = _labels("Desa ", n, 3)
        desa_kec = np.repeat(np.arange(k), _spread(n, k, 0.4, rng))
        kec_codes = np.full(k, None, object)
        desa_codes = np.full(n, None, object)
    else:
        kec_names, kec_codes = official.kec_names, official.kec_codes
        desa_names, desa_codes = official.desa_names, official.desa_codes
        desa_kec = official.desa_kec
        k, n = kec_names.size, desa_names.size
    tps_per_desa = _spread(t, n, 0.6, rng)
    tps_desa = np.repeat(np.arange(n), tps_per_desa)
    starts = np.repeat(np.cumsum(tps_per_desa) - tps_per_desa, tps_per_desa)
    tps_no = np.arange(t) - starts + 1
    tps_labels = np.char.zfill(tps_no.astype(str), max(3, len(str(tps_no.max()))))
    tps_kec = desa_kec[tps_desa]
    none_k, none_n = np.full(k, None, object), np.full(n, None, object)
    return {
        "kecamatan": Units(np.arange(k), kec_names, none_k, none_k, kec_codes, none_k),
        "desa_kelurahan": Units(
            desa_kec, kec_names[desa_kec], desa_names, none_n, kec_codes[desa_kec], desa_codes
        ),
        "tps": Units(
            tps_kec,
            kec_names[tps_kec],
            desa_names[tps_desa],
            tps_labels.astype(object),
            kec_codes[tps_kec],
            desa_codes[tps_desa],
        ),
    }


# ---------------------------------------------------------------------------
# Dynamics of one body in one regency.


@dataclass
class Body:
    badan: str
    units: Units
    start: int
    sworn: int
    kebutuhan: np.ndarray
    base_fill: np.ndarray
    fill_offset: np.ndarray
    late_fill: np.ndarray
    pend_final: np.ndarray
    women_cum: np.ndarray
    absent_until: np.ndarray
    repl1: np.ndarray
    repl2: np.ndarray
    rows: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        self.rows = np.arange(self.kebutuhan.size)

    def numbers(self, t: int) -> tuple[np.ndarray, ...]:
        zeros = np.zeros(self.kebutuhan.size, dtype=np.int64)
        if t >= self.sworn:
            terisi = self.base_fill + (self.late_fill <= t)
            dilantik = terisi - ((self.absent_until > t) & (terisi > 0))
            pengganti = (self.repl1 <= t).astype(np.int64) + (self.repl2 <= t)
        else:
            fill_begin = self.start + 0.45 * (self.sworn - self.start)
            frac = (t - fill_begin) / (self.sworn - fill_begin) + self.fill_offset
            terisi = np.floor(self.base_fill * np.clip(frac, 0.0, 1.0)).astype(np.int64)
            dilantik = zeros
            pengganti = zeros
        reg_days = 0.4 * (self.sworn - self.start) + 3
        pend_frac = min(1.0, (t - self.start + 3) / reg_days)
        pendaftar = np.maximum(np.ceil(self.pend_final * pend_frac).astype(np.int64), terisi)
        perempuan = self.women_cum[self.rows, terisi]
        return self.kebutuhan, pendaftar, terisi, dilantik, perempuan, pengganti


def make_body(
    seed: int,
    code: str,
    index: int,
    spec: tuple,
    units: Units,
    low_women: bool,
) -> Body:
    badan, _, options, sworn = spec
    rng = seeded_rng(seed, code, S_BODY + index)
    n = units.kecamatan.size
    if len(options) == 1:
        kebutuhan = np.full(n, options[0], dtype=np.int64)
    else:
        large = rng.random(n) < _P_LARGE_TPS
        kebutuhan = np.where(large, options[-1], options[0]).astype(np.int64)
    base_date, jitter = _FORMATION_START.get(badan, (to_date(sworn - 23), 7))
    start = day(base_date) + int(rng.integers(0, jitter))

    p_vac = _P_VACANCY.get(badan, 0.02) * rng.uniform(0.3, 2.0)
    vac = (rng.random(n) < p_vac).astype(np.int64)
    if kebutuhan.max() >= 5:
        vac += (rng.random(n) < p_vac / 4) & (vac > 0)
    vac = np.minimum(vac, kebutuhan)
    base_fill = kebutuhan - vac
    late_fill = np.where((vac > 0) & (rng.random(n) < 0.5), sworn + rng.integers(7, 70, n), np.inf)
    fill_offset = rng.uniform(-0.15, 0.25, n)

    ratio = rng.uniform(1.7, 2.8) + rng.uniform(-0.3, 0.3, n)
    pend_final = np.round(kebutuhan * np.clip(ratio, 1.5, 3.0)).astype(np.int64)

    p_women = rng.uniform(0.18, 0.26) if low_women else rng.uniform(0.32, 0.45)
    kmax = int(kebutuhan.max())
    flags = rng.random((n, kmax)) < p_women
    women_cum = np.zeros((n, kmax + 1), dtype=np.int64)
    women_cum[:, 1:] = np.cumsum(flags, axis=1)

    absent_until = np.where(rng.random(n) < 0.02, sworn + rng.integers(7, 22, n), -np.inf)
    p_repl = _P_REPLACEMENT.get(badan, 0.02)
    has_repl = (rng.random(n) < p_repl) & (base_fill > 0)
    repl1 = np.where(has_repl, sworn + rng.integers(10, 150, n), np.inf)
    repl2 = np.where(has_repl & (rng.random(n) < 0.2), repl1 + rng.integers(7, 60, n), np.inf)
    return Body(
        badan=badan,
        units=units,
        start=start,
        sworn=sworn,
        kebutuhan=kebutuhan,
        base_fill=base_fill,
        fill_offset=fill_offset,
        late_fill=late_fill,
        pend_final=pend_final,
        women_cum=women_cum,
        absent_until=absent_until,
        repl1=repl1,
        repl2=repl2,
    )
