"""Indonesian display names of bodies, datasets and statuses (one place for the wording)."""

BODY_LABEL = {"PPK": "PPK", "PPS": "PPS", "PANTARLIH": "Pantarlih", "KPPS": "KPPS"}
DATASET_LABEL = {
    "badan_adhoc": "Badan ad hoc",
    "bimtek": "Bimtek",
    "persiapan_pencalonan": "Persiapan pencalonan",
}
REPORTING_LABEL = {
    "tepat_waktu": "● Tepat waktu",
    "terlambat": "▲ Terlambat",
    "belum_lapor": "○ Belum lapor",
    "belum_waktunya": "– Belum waktunya",
}
CHECKLIST_STATUS_LABEL = {
    "selesai": "● Selesai",
    "proses": "◐ Proses",
    "belum": "○ Belum",
    "tidak_berlaku": "– Tidak berlaku",
}
