"""Training (bimtek) activities of one regency's ad hoc bodies, as columns of arrays."""

from __future__ import annotations

import datetime as dt

import numpy as np

from analytics.demo.formation import Body
from analytics.demo.shared import S_BIMTEK, day, object_array, seeded_rng, to_date

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


def _batches(body: Body, rng: np.random.Generator) -> list[tuple[str | None, int]]:
    """(label, participants) of each training batch of a body: one per kecamatan for
    TPS-level bodies, one to three waves for desa-level bodies, else a single batch."""
    kec_idx = body.units.kec_idx
    per_kec = np.bincount(kec_idx, weights=body.base_fill).astype(np.int64)
    kec_names = np.empty(per_kec.size, dtype=object)
    kec_names[kec_idx] = body.units.kecamatan
    if body.units.tps[0] is not None:
        labels = [str(name) for name in kec_names]
        labels = [n if n.startswith("Kecamatan ") else f"Kecamatan {n}" for n in labels]
        return list(zip(labels, (int(v) for v in per_kec), strict=True))
    if body.units.desa[0] is not None:
        groups = np.array_split(per_kec, min(len(per_kec), int(rng.integers(1, 4))))
        return [
            (f"Gelombang {i + 1}" if len(groups) > 1 else None, int(g.sum()))
            for i, g in enumerate(groups)
        ]
    return [(None, int(body.base_fill.sum()))]


def _as_columns(rows: list[tuple]) -> dict:
    """The sorted activity rows as named column arrays (with dates alongside day numbers)."""
    rows.sort(key=lambda r: (r[0], r[1], r[2], r[9] or ""))
    cols = list(zip(*rows, strict=True)) if rows else [()] * 10
    start, badan, materi, end, announce, metode, target, hadir, tuntas, note = cols
    return {
        "start": np.array(start, dtype=np.int64),
        "end": np.array(end, dtype=np.int64),
        "announce": np.array(announce, dtype=np.int64),
        "start_date": object_array([to_date(d) for d in start]),
        "end_date": object_array([to_date(d) for d in end]),
        "badan": np.array(badan, dtype=object),
        "materi": np.array(materi, dtype=object),
        "metode": np.array(metode, dtype=object),
        "target": np.array(target, dtype=np.int64),
        "hadir": np.array(hadir, dtype=np.int64),
        "tuntas": np.array(tuntas, dtype=np.int64),
        "catatan": np.array(note, dtype=object),
    }


def training_activities(
    ref: dict, seed: int, code: str, bodies: list[Body], gap_region: bool
) -> dict:
    rng = seeded_rng(seed, code, S_BIMTEK)
    rows: list[tuple] = []
    does_optional = rng.random() < 0.4
    p_gap = 0.3 if gap_region else 0.025
    for body in bodies:
        anchors = _BIMTEK_ANCHORS.get(body.badan, {})
        modules = list(ref["required"].get(body.badan, []))
        if does_optional and _OPTIONAL_MODULE in anchors and _OPTIONAL_MODULE not in modules:
            modules.append(_OPTIONAL_MODULE)
        batches = _batches(body, rng)
        tps_level = body.units.tps[0] is not None
        for materi in modules:
            if materi not in ref["materi"] or rng.random() < p_gap:
                continue
            dates = anchors.get(materi) or [to_date(body.sworn + 14).isoformat()]
            for anchor in dates:
                shift = day(dt.date.fromisoformat(anchor)) + int(rng.integers(0, 7))
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
    return _as_columns(rows)
