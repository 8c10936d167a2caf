"""Deterministic generator of demo uploads for the whole 2024 Pilkada cycle."""

from __future__ import annotations

import datetime as dt
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analytics.schema import DATASETS

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "data" / "reference"

_FIRST_WEEK = dt.date(2024, 4, 26)
_LAST_WEEK = dt.date(2024, 11, 29)

DEMO_WEEKS: list[dt.date] = [
    _FIRST_WEEK + dt.timedelta(days=7 * i) for i in range((_LAST_WEEK - _FIRST_WEEK).days // 7 + 1)
]

# The contract columns of each dataset, in contract order (from the one schema).
COLUMNS: dict[str, tuple[str, ...]] = {
    name: tuple(dataset.column_names) for name, dataset in DATASETS.items()
}

_BADAN_INT_COLUMNS = COLUMNS["badan_adhoc"][5:]


@dataclass(frozen=True)
class DemoUpload:
    """One regency's complete state of one dataset as of a date."""

    dataset: str
    region: str
    as_of: dt.date
    frame: pd.DataFrame


# ---------------------------------------------------------------------------
# Modelling assumptions (demo only).

_EPOCH = dt.date(2024, 1, 1)


def _day(d: dt.date) -> int:
    return (d - _EPOCH).days


def _date(n: int) -> dt.date:
    return _EPOCH + dt.timedelta(days=int(n))


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

# Anchor dates of training per (body, module); a module not listed is trained
# two weeks after swearing-in.
_BIMTEK_ANCHORS = {
    "PPK": {
        "M01": ["2024-05-20"],
        "M02": ["2024-05-22"],
        "M03": ["2024-06-05"],
        "M04": ["2024-06-10", "2024-09-12"],
        "M05": ["2024-10-14"],
        "M06": ["2024-10-21"],
        "M07": ["2024-11-04"],
        "M08": ["2024-11-11"],
        "M09": ["2024-07-08"],
        "M10": ["2024-08-19"],
    },
    "PPS": {
        "M01": ["2024-05-29"],
        "M02": ["2024-05-31"],
        "M03": ["2024-06-10"],
        "M04": ["2024-06-12", "2024-09-13"],
        "M05": ["2024-10-16"],
        "M06": ["2024-10-23"],
        "M09": ["2024-07-10"],
        "M10": ["2024-08-26"],
    },
    "PANTARLIH": {"M01": ["2024-06-24"], "M02": ["2024-06-24"], "M03": ["2024-06-25"]},
    "KPPS": {
        "M01": ["2024-11-08"],
        "M02": ["2024-11-09"],
        "M06": ["2024-11-12"],
        "M08": ["2024-11-16"],
    },
}
_OPTIONAL_MODULE = "M10"  # follow-up of the provincial meeting of 13-15 August 2024
_METODE = ("luring", "daring", "campuran")

_HOSPITALS = (
    ("RSUP dr. Kariadi Semarang", -6.99, 110.41),
    ("RSUD dr. Moewardi Surakarta", -7.56, 110.86),
    ("RSUD Prof. Dr. Margono Soekarjo Purwokerto", -7.43, 109.23),
    ("RSUP dr. Soeradji Tirtonegoro Klaten", -7.70, 110.60),
)
_PENANGGUNG_JAWAB = {
    "PC01": "Divisi Teknis",
    "PC02": "Divisi Teknis",
    "PC03": "Divisi Teknis",
    "PC04": "Divisi Sosdiklih",
    "PC05": "Divisi Data dan Informasi",
    "PC06": "Divisi Data dan Informasi",
    "PC07": "Divisi Teknis",
    "PC08": "Divisi Perencanaan dan Logistik",
    "PC09": "Divisi Hukum",
    "PC10": "Divisi Perencanaan dan Logistik",
    "PC11": "Divisi Hukum",
}
_OVERDUE_NOTES = {
    "PC07": "Menunggu rekomendasi Dinas Kesehatan",
    "PC08": "Draf perjanjian kerja sama masih direviu rumah sakit",
    "PC09": "Jadwal koordinasi dengan instansi belum disepakati",
    "PC10": "Menunggu rapat koordinasi dengan Polres dan Bawaslu",
}
_NOT_APPLICABLE_ITEMS = {"PC11"}

# Streams of the per-region random generators.
_S_LAYOUT, _S_BODY, _S_BIMTEK, _S_CHECKLIST, _S_SCHEDULE, _S_TRAITS = 0, 1, 20, 21, 22, 23


def _rng(seed: int, code: str, *stream: int) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(code.encode()), *stream])


# ---------------------------------------------------------------------------
# Reference data.


def _read_reference(name: str) -> pd.DataFrame:
    return pd.read_csv(REFERENCE_DIR / name, dtype=str, keep_default_na=False)


def _reference() -> dict:
    """Bodies, required modules and checklist items from the editable reference files."""
    badan = _read_reference("badan.csv")
    bodies = []
    for row in badan.itertuples(index=False):
        options = sorted(int(x) for x in str(row.anggota_standar).split("|"))
        bodies.append(
            (
                str(row.badan),
                str(row.dibentuk_per),
                options,
                _day(dt.date.fromisoformat(row.tanggal_pelantikan)),
            )
        )
    wajib = _read_reference("materi_wajib.csv")
    required = {b: wajib.loc[wajib["badan"] == b, "kode_materi"].tolist() for b, *_ in bodies}
    materi = set(_read_reference("materi_bimtek.csv")["kode_materi"])
    checklist = _read_reference("checklist_pencalonan.csv")
    items = [
        (
            str(r.kode_item),
            _day(dt.date.fromisoformat(r.batas_waktu)),
            str(r.pihak_ketiga).strip() or None,
        )
        for r in checklist.itertuples(index=False)
    ]
    return {"bodies": bodies, "required": required, "materi": materi, "items": items}


def _normalise_regions(regions: pd.DataFrame | None) -> pd.DataFrame:
    if regions is None:
        regions = _read_reference("wilayah.csv")
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
class _Units:
    kec_idx: np.ndarray
    kecamatan: np.ndarray
    desa: np.ndarray
    tps: np.ndarray


def _layout(code: str, k: int, n: int, t: int, seed: int) -> dict[str, _Units]:
    rng = _rng(seed, code, _S_LAYOUT)
    kec_names = _labels("Kecamatan ", k, 2)
    desa_names = _labels("Desa ", n, 3)
    desa_kec = np.repeat(np.arange(k), _spread(n, k, 0.4, rng))
    tps_per_desa = _spread(t, n, 0.6, rng)
    tps_desa = np.repeat(np.arange(n), tps_per_desa)
    starts = np.repeat(np.cumsum(tps_per_desa) - tps_per_desa, tps_per_desa)
    tps_no = np.arange(t) - starts + 1
    tps_labels = np.char.zfill(tps_no.astype(str), max(3, len(str(tps_no.max()))))
    tps_kec = desa_kec[tps_desa]
    return {
        "kecamatan": _Units(
            np.arange(k), kec_names, np.full(k, None, object), np.full(k, None, object)
        ),
        "desa_kelurahan": _Units(
            desa_kec, kec_names[desa_kec], desa_names, np.full(n, None, object)
        ),
        "tps": _Units(tps_kec, kec_names[tps_kec], desa_names[tps_desa], tps_labels.astype(object)),
    }


# ---------------------------------------------------------------------------
# Dynamics of one body in one regency.


@dataclass
class _Body:
    badan: str
    units: _Units
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


def _body(
    seed: int,
    code: str,
    index: int,
    spec: tuple,
    units: _Units,
    low_women: bool,
) -> _Body:
    badan, _, options, sworn = spec
    rng = _rng(seed, code, _S_BODY + index)
    n = units.kecamatan.size
    if len(options) == 1:
        kebutuhan = np.full(n, options[0], dtype=np.int64)
    else:
        large = rng.random(n) < _P_LARGE_TPS
        kebutuhan = np.where(large, options[-1], options[0]).astype(np.int64)
    base_date, jitter = _FORMATION_START.get(badan, (_date(sworn - 23), 7))
    start = _day(base_date) + int(rng.integers(0, jitter))

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
    return _Body(
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


# ---------------------------------------------------------------------------
# Training activities of one regency.


def _object_array(values: list | tuple) -> np.ndarray:
    arr = np.empty(len(values), dtype=object)
    arr[:] = values
    return arr


def _bimtek(ref: dict, seed: int, code: str, bodies: list[_Body], gap_region: bool) -> dict:
    rng = _rng(seed, code, _S_BIMTEK)
    rows: list[tuple] = []
    does_optional = rng.random() < 0.4
    p_gap = 0.3 if gap_region else 0.025
    for body in bodies:
        anchors = _BIMTEK_ANCHORS.get(body.badan, {})
        modules = list(ref["required"].get(body.badan, []))
        if does_optional and _OPTIONAL_MODULE in anchors and _OPTIONAL_MODULE not in modules:
            modules.append(_OPTIONAL_MODULE)
        kec_idx = body.units.kec_idx
        per_kec = np.bincount(kec_idx, weights=body.base_fill).astype(np.int64)
        kec_names = np.empty(per_kec.size, dtype=object)
        kec_names[kec_idx] = body.units.kecamatan
        if body.units.tps[0] is not None:
            batches = [(str(kec_names[i]), int(v)) for i, v in enumerate(per_kec)]
        elif body.units.desa[0] is not None:
            groups = np.array_split(per_kec, min(len(per_kec), int(rng.integers(1, 4))))
            batches = [
                (f"Gelombang {i + 1}" if len(groups) > 1 else None, int(g.sum()))
                for i, g in enumerate(groups)
            ]
        else:
            batches = [(None, int(body.base_fill.sum()))]
        tps_level = body.units.tps[0] is not None
        for materi in modules:
            if materi not in ref["materi"] or rng.random() < p_gap:
                continue
            dates = anchors.get(materi) or [_date(body.sworn + 14).isoformat()]
            for anchor in dates:
                shift = _day(dt.date.fromisoformat(anchor)) + int(rng.integers(0, 7))
                for label, target in batches:
                    if target <= 0 or rng.random() < 0.02:
                        continue
                    start = max(body.sworn, shift + int(rng.integers(0, 5)))
                    end = start + int(rng.integers(0, 2 if tps_level else 3))
                    announce = start - int(rng.integers(2, 15))
                    p = (0.8, 0.15, 0.05) if tps_level else (0.7, 0.1, 0.2)
                    metode = _METODE[int(rng.choice(3, p=p))]
                    if rng.random() < 0.02:
                        hadir = target + int(rng.integers(1, 4))
                    else:
                        low = 0.8 if metode == "daring" else 0.88
                        hadir = int(round(target * rng.uniform(low, 1.0)))
                    tuntas = int(np.floor(hadir * rng.uniform(0.85, 1.0)))
                    note = label
                    if materi == _OPTIONAL_MODULE:
                        note = "Tindak lanjut rakor KPU Provinsi 13-15 Agustus 2024"
                    elif note is None and rng.random() < 0.15:
                        note = str(rng.choice(["Bersama Bawaslu", "Narasumber KPU Provinsi"]))
                    rows.append(
                        (
                            start,
                            body.badan,
                            materi,
                            end,
                            announce,
                            metode,
                            target,
                            hadir,
                            tuntas,
                            note,
                        )
                    )
    rows.sort(key=lambda r: (r[0], r[1], r[2], r[9] or ""))
    cols = list(zip(*rows, strict=True)) if rows else [()] * 10
    start, badan, materi, end, announce, metode, target, hadir, tuntas, note = cols
    return {
        "start": np.array(start, dtype=np.int64),
        "end": np.array(end, dtype=np.int64),
        "announce": np.array(announce, dtype=np.int64),
        "start_date": _object_array([_date(d) for d in start]),
        "end_date": _object_array([_date(d) for d in end]),
        "badan": np.array(badan, dtype=object),
        "materi": np.array(materi, dtype=object),
        "metode": np.array(metode, dtype=object),
        "target": np.array(target, dtype=np.int64),
        "hadir": np.array(hadir, dtype=np.int64),
        "tuntas": np.array(tuntas, dtype=np.int64),
        "catatan": np.array(note, dtype=object),
    }


# ---------------------------------------------------------------------------
# Candidacy checklist of one regency.


def _hospital(lat: float, lon: float, rng: np.random.Generator) -> str:
    if np.isnan(lat) or np.isnan(lon):
        return _HOSPITALS[int(rng.integers(0, len(_HOSPITALS)))][0]
    dist = [(h_lat - lat) ** 2 + (h_lon - lon) ** 2 for _, h_lat, h_lon in _HOSPITALS]
    return _HOSPITALS[int(np.argmin(dist))][0]


def _checklist(
    ref: dict, seed: int, code: str, lat: float, lon: float, late_region: bool
) -> list[dict]:
    rng = _rng(seed, code, _S_CHECKLIST)
    hospital = _hospital(lat, lon, rng)
    region_na = rng.random() < 0.25
    items = []
    for kode, due, pihak in ref["items"]:
        not_applicable = region_na and kode in _NOT_APPLICABLE_ITEMS
        u = rng.random()
        if late_region and u < 0.4:
            complete = due + int(rng.integers(5, 26))
        elif u < 0.06:
            complete = due + int(rng.integers(1, 11))
        else:
            complete = due - int(rng.integers(0, 15))
        mitra = None
        if pihak:
            mitra = "; ".join(
                hospital if p.strip().lower() == "rumah sakit" else p.strip()
                for p in pihak.split(";")
            )
        pj = _PENANGGUNG_JAWAB.get(kode, "Divisi Teknis") if rng.random() > 0.08 else None
        link = None
        if rng.random() < 0.7:
            link = f"https://bukti.example.org/{code}/{kode.lower()}.pdf"
        note_done = "Dokumen bukti menyusul" if link is None and rng.random() < 0.2 else None
        items.append(
            {
                "kode": kode,
                "due": due,
                "complete": complete,
                "start": complete - int(rng.integers(3, 22)),
                "na": not_applicable,
                "mitra": mitra,
                "pj": pj,
                "link": link,
                "note_overdue": _OVERDUE_NOTES.get(kode, "Masih dalam proses koordinasi"),
                "note_done": note_done,
            }
        )
    if late_region:
        applicable = [it for it in items if not it["na"]]
        if applicable:
            latest = max(applicable, key=lambda it: (it["due"], it["kode"]))
            latest["complete"] = max(latest["complete"], latest["due"] + int(rng.integers(14, 36)))
            latest["start"] = min(latest["start"], latest["due"] - 5)
    return items


# ---------------------------------------------------------------------------
# A regency.


@dataclass
class _Region:
    code: str
    bodies: list[_Body]
    bimtek: dict
    bimtek_from: int
    checklist: list[dict]
    checklist_from: int
    sparse_checklist: bool
    skipped: set[int]
    _skeletons: dict = field(default_factory=dict)

    def skeleton(self, active: tuple[int, ...]) -> dict[str, pd.Series]:
        if active not in self._skeletons:
            parts = [self.bodies[i] for i in active]
            size = sum(b.kebutuhan.size for b in parts)
            cols = {
                "kode_wilayah": np.full(size, self.code, dtype=object),
                "badan": np.concatenate(
                    [np.full(b.kebutuhan.size, b.badan, dtype=object) for b in parts]
                ),
                "kecamatan": np.concatenate([b.units.kecamatan for b in parts]),
                "desa_kelurahan": np.concatenate([b.units.desa for b in parts]),
                "tps": np.concatenate([b.units.tps for b in parts]),
            }
            self._skeletons[active] = {
                k: pd.Series(pd.array(v, dtype="str"), name=k) for k, v in cols.items()
            }
        return self._skeletons[active]

    def badan_adhoc(self, t: int) -> pd.DataFrame | None:
        active = tuple(i for i, b in enumerate(self.bodies) if b.start <= t)
        if not active:
            return None
        numbers = [self.bodies[i].numbers(t) for i in active]
        columns: dict = dict(self.skeleton(active))
        for j, col in enumerate(_BADAN_INT_COLUMNS):
            columns[col] = np.concatenate([n[j] for n in numbers])
        # Fresh numeric arrays; cached text Series are shared lazily (copy-on-write).
        return pd.DataFrame(columns, copy=False)

    def bimtek_frame(self, t: int) -> pd.DataFrame | None:
        b = self.bimtek
        if t < self.bimtek_from:
            return None
        mask = b["announce"] <= t
        if not mask.any():
            return None
        started = b["start"][mask] <= t
        done = b["end"][mask] <= t
        return pd.DataFrame(
            {
                "kode_wilayah": pd.array([self.code] * int(mask.sum()), dtype="str"),
                "badan": pd.array(b["badan"][mask], dtype="str"),
                "materi": pd.array(b["materi"][mask], dtype="str"),
                "tanggal_mulai": b["start_date"][mask],
                "tanggal_selesai": b["end_date"][mask],
                "metode": pd.array(b["metode"][mask], dtype="str"),
                "peserta_target": b["target"][mask],
                "peserta_hadir": np.where(started, b["hadir"][mask], 0),
                "peserta_tuntas": np.where(done, b["tuntas"][mask], 0),
                "catatan": pd.array(b["catatan"][mask], dtype="str"),
            }
        )

    def checklist_frame(self, t: int) -> pd.DataFrame | None:
        if t < self.checklist_from:
            return None
        rows = []
        for it in self.checklist:
            if it["na"]:
                status = "tidak_berlaku"
            elif t >= it["complete"]:
                status = "selesai"
            elif t >= it["start"]:
                status = "proses"
            else:
                status = "belum"
            if status == "belum" and self.sparse_checklist:
                continue
            done = status == "selesai"
            if status == "tidak_berlaku":
                note = "Dinilai tidak diperlukan oleh KPU Kabupaten/Kota"
            elif not done and t > it["due"]:
                note = it["note_overdue"]
            else:
                note = it["note_done"] if done else None
            rows.append(
                (
                    self.code,
                    it["kode"],
                    status,
                    _date(it["complete"]) if done else None,
                    it["mitra"] if status in ("proses", "selesai") else None,
                    it["pj"],
                    it["link"] if done else None,
                    note,
                )
            )
        if not rows:
            return None
        cols = list(zip(*rows, strict=True))
        names = COLUMNS["persiapan_pencalonan"]
        data = {}
        for name, values in zip(names, cols, strict=True):
            arr = _object_array(values)
            data[name] = arr if name == "tanggal_selesai" else pd.array(arr, dtype="str")
        return pd.DataFrame(data)


def _pick(scores: dict[str, float], fraction: float) -> set[str]:
    k = max(1, round(fraction * len(scores)))
    return set(sorted(scores, key=lambda c: (scores[c], c))[:k])


def _build_regions(seed: int, regions: pd.DataFrame) -> list[_Region]:
    ref = _reference()
    codes = regions["kode_wilayah"].tolist()
    traits = {c: _rng(seed, c, _S_TRAITS).random(5) for c in codes}
    low_women = _pick({c: v[0] for c, v in traits.items()}, 0.05)
    late_checklist = _pick({c: v[1] for c, v in traits.items()}, 0.08)
    unreliable = _pick({c: v[2] for c, v in traits.items()}, 0.1)
    bimtek_gaps = _pick({c: v[3] for c, v in traits.items()}, 0.06)
    sparse = _pick({c: v[4] for c, v in traits.items()}, 0.06)
    week_days = [_day(w) for w in DEMO_WEEKS]
    out = []
    for row in regions.itertuples(index=False):
        code = row.kode_wilayah
        layout = _layout(
            code,
            int(row.jumlah_kecamatan),
            int(row.jumlah_desa_kelurahan),
            int(row.jumlah_tps),
            seed,
        )
        bodies = [
            _body(seed, code, i, spec, layout[spec[1]], code in low_women)
            for i, spec in enumerate(ref["bodies"])
        ]
        bimtek = _bimtek(ref, seed, code, bodies, code in bimtek_gaps)
        sched = _rng(seed, code, _S_SCHEDULE)
        p_skip = 0.15 if code in unreliable else 0.01
        skip = sched.random(len(week_days)) < p_skip
        skip[-1] = False
        first = int(bimtek["announce"].min()) if bimtek["announce"].size else week_days[-1]
        bimtek_lag = int(sched.choice(4, p=(0.75, 0.12, 0.08, 0.05)))
        checklist_lag = int(sched.choice(3, p=(0.7, 0.2, 0.1)))
        out.append(
            _Region(
                code=code,
                bodies=bodies,
                bimtek=bimtek,
                bimtek_from=first + 7 * bimtek_lag,
                checklist=_checklist(
                    ref, seed, code, row.lintang, row.bujur, code in late_checklist
                ),
                checklist_from=_day(dt.date(2024, 7, 26)) + 7 * checklist_lag,
                sparse_checklist=code in sparse,
                skipped={d for d, s in zip(week_days, skip, strict=True) if s},
            )
        )
    return out


def generate(seed: int = 2024, regions: pd.DataFrame | None = None) -> Iterator[DemoUpload]:
    """Yield weekly demo uploads in chronological order, one per (week, region, dataset)."""
    built = _build_regions(seed, _normalise_regions(regions))
    for week in DEMO_WEEKS:
        t = _day(week)
        for region in built:
            if t in region.skipped:
                continue
            for dataset, make in (
                ("badan_adhoc", region.badan_adhoc),
                ("bimtek", region.bimtek_frame),
                ("persiapan_pencalonan", region.checklist_frame),
            ):
                frame = make(t)
                if frame is not None:
                    yield DemoUpload(dataset, region.code, week, frame)
