"""Indonesian display names of bodies, datasets and statuses (one place for the wording)."""

BODY_LABEL = {"PPK": "PPK", "PPS": "PPS", "PANTARLIH": "Pantarlih", "KPPS": "KPPS"}
DATASET_LABEL = {
    "badan_adhoc": "Badan ad hoc",
    "bimtek": "Bimtek",
    "persiapan_pencalonan": "Persiapan pencalonan",
}
REPORTING_LABEL = {
    "tepat_waktu": "✓ Tepat waktu",
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

# The two bimtek measures: two names, two definitions, never one label for both.
# ``training_due_completion`` is what the readiness index and the traffic lights judge;
# ``training_completion`` shows how far a body is through everything it must complete.
TRAINING_MEASURE_NAME = {
    "training_due_completion": "jatuh tempo",
    "training_completion": "semua materi",
}
TRAINING_MEASURE_DEFINITION = {
    "training_due_completion": (
        "penuntasan materi wajib yang batas waktunya sudah lewat pada tanggal data "
        "(rata-rata per materi, tiap materi paling tinggi 100%); inilah yang dinilai "
        "indeks kesiapan dan warna lampu"
    ),
    "training_completion": (
        "penuntasan semua materi wajib badan itu, termasuk yang belum jatuh tempo "
        "(rata-rata per materi, tiap materi paling tinggi 100%)"
    ),
}


CANDIDACY_MEASURE_NAME = {
    "candidacy_due_completion": "Pencalonan (jatuh tempo)",
    "candidacy_completion": "Pencalonan (semua butir)",
}
CANDIDACY_MEASURE_DEFINITION = {
    "candidacy_due_completion": (
        "butir daftar periksa yang batas waktunya sudah lewat pada tanggal data dan sudah "
        "selesai, dibagi butir yang berlaku dan sudah jatuh tempo; inilah yang dinilai indeks "
        "kesiapan dan warna lampu"
    ),
    "candidacy_completion": "butir yang selesai dibagi semua butir yang berlaku",
}


def measure_label(metric: str, body: str | None = None) -> str:
    """The one label of a readiness measure: 'PPK dilantik', 'Bimtek PPK (jatuh tempo)',
    'Pencalonan (jatuh tempo)'."""
    if metric == "sworn_in_rate":
        return f"{BODY_LABEL[body]} dilantik"
    if metric in TRAINING_MEASURE_NAME:
        return training_label(body, metric)
    return CANDIDACY_MEASURE_NAME[metric]


def training_label(body: str | None, metric: str = "training_due_completion") -> str:
    """'Bimtek PPK (jatuh tempo)' / 'Bimtek PPK (semua materi)'; without a body
    'Bimtek (jatuh tempo)'."""
    who = f" {BODY_LABEL[body]}" if body else ""
    return f"Bimtek{who} ({TRAINING_MEASURE_NAME[metric]})"


# Account roles as people read them; the database, the CLI options and the code keep the
# English keys (admin, operator, viewer).
ROLE_LABEL = {"admin": "admin provinsi", "operator": "operator", "viewer": "peninjau"}
