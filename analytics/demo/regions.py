"""Regencies of the demo: each one's bodies, training and checklist, and the weekly uploads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analytics.demo.candidacy import checklist_items
from analytics.demo.formation import Body, layout, make_body
from analytics.demo.shared import (
    COLUMNS,
    DEMO_WEEKS,
    S_SCHEDULE,
    S_TRAITS,
    UNIT_CODE_COLUMNS,
    DemoUpload,
    day,
    normalise_regions,
    object_array,
    reference,
    seeded_rng,
    to_date,
)
from analytics.demo.training import training_activities

_BADAN_TEXT_COLUMNS = COLUMNS["badan_adhoc"][:5]
_BADAN_INT_COLUMNS = COLUMNS["badan_adhoc"][5:]


# ---------------------------------------------------------------------------
# A regency.


@dataclass
class _Region:
    code: str
    bodies: list[Body]
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
            kec_code, desa_code = UNIT_CODE_COLUMNS
            cols[kec_code] = np.concatenate([b.units.kec_code for b in parts])
            cols[desa_code] = np.concatenate([b.units.desa_code for b in parts])
            self._skeletons[active] = {
                k: pd.Series(pd.array(v, dtype="str"), name=k) for k, v in cols.items()
            }
        return self._skeletons[active]

    def badan_adhoc(self, t: int) -> pd.DataFrame | None:
        """The contract columns plus the official unit codes (kode_kecamatan,
        kode_desa_kelurahan; NULL for a regency without official units)."""
        active = tuple(i for i, b in enumerate(self.bodies) if b.start <= t)
        if not active:
            return None
        numbers = [self.bodies[i].numbers(t) for i in active]
        skeleton = self.skeleton(active)
        # The contract columns, then the official unit codes SIAGA stores with each row.
        columns: dict = {col: skeleton[col] for col in _BADAN_TEXT_COLUMNS}
        for j, col in enumerate(_BADAN_INT_COLUMNS):
            columns[col] = np.concatenate([n[j] for n in numbers])
        for col in UNIT_CODE_COLUMNS:
            columns[col] = skeleton[col]
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
                    to_date(it["complete"]) if done else None,
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
            arr = object_array(values)
            data[name] = arr if name == "tanggal_selesai" else pd.array(arr, dtype="str")
        return pd.DataFrame(data)


def _pick(scores: dict[str, float], fraction: float) -> set[str]:
    k = max(1, round(fraction * len(scores)))
    return set(sorted(scores, key=lambda c: (scores[c], c))[:k])


def _build_regions(seed: int, regions: pd.DataFrame) -> list[_Region]:
    ref = reference()
    codes = regions["kode_wilayah"].tolist()
    traits = {c: seeded_rng(seed, c, S_TRAITS).random(5) for c in codes}
    low_women = _pick({c: v[0] for c, v in traits.items()}, 0.05)
    late_checklist = _pick({c: v[1] for c, v in traits.items()}, 0.08)
    unreliable = _pick({c: v[2] for c, v in traits.items()}, 0.1)
    bimtek_gaps = _pick({c: v[3] for c, v in traits.items()}, 0.06)
    sparse = _pick({c: v[4] for c, v in traits.items()}, 0.06)
    week_days = [day(w) for w in DEMO_WEEKS]
    out = []
    for row in regions.itertuples(index=False):
        code = row.kode_wilayah
        units = layout(
            code,
            int(row.jumlah_kecamatan),
            int(row.jumlah_desa_kelurahan),
            int(row.jumlah_tps),
            seed,
        )
        bodies = [
            make_body(seed, code, i, spec, units[spec[1]], code in low_women)
            for i, spec in enumerate(ref["bodies"])
        ]
        bimtek = training_activities(ref, seed, code, bodies, code in bimtek_gaps)
        sched = seeded_rng(seed, code, S_SCHEDULE)
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
                checklist=checklist_items(
                    ref, seed, code, row.lintang, row.bujur, code in late_checklist
                ),
                checklist_from=day(dt.date(2024, 7, 26)) + 7 * checklist_lag,
                sparse_checklist=code in sparse,
                skipped={d for d, s in zip(week_days, skip, strict=True) if s},
            )
        )
    return out


def generate(seed: int = 2024, regions: pd.DataFrame | None = None) -> Iterator[DemoUpload]:
    """Yield weekly demo uploads in chronological order, one per (week, region, dataset)."""
    built = _build_regions(seed, normalise_regions(regions))
    for week in DEMO_WEEKS:
        t = day(week)
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
