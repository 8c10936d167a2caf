"""Candidacy checklist of one regency: each item's timeline, partners and evidence."""

from __future__ import annotations

import numpy as np

from analytics.demo.shared import S_CHECKLIST, seeded_rng

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


def _hospital(lat: float, lon: float, rng: np.random.Generator) -> str:
    if np.isnan(lat) or np.isnan(lon):
        return _HOSPITALS[int(rng.integers(0, len(_HOSPITALS)))][0]
    dist = [(h_lat - lat) ** 2 + (h_lon - lon) ** 2 for _, h_lat, h_lon in _HOSPITALS]
    return _HOSPITALS[int(np.argmin(dist))][0]


def checklist_items(
    ref: dict, seed: int, code: str, lat: float, lon: float, late_region: bool
) -> list[dict]:
    rng = seeded_rng(seed, code, S_CHECKLIST)
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
