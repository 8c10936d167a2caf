"""Indonesian display names of bodies, datasets and statuses (one place for the wording)."""

from analytics.formatting import NOT_REPORTED as NOT_REPORTED_TEXT

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
# Status of a regency for one body: on the Badan Ad Hoc page (views.bodies) and, for a
# regency x body or module, on the Bimtek page (views.training). Keys, then their words.
REPORTED = "lapor"
NOT_REPORTED = "belum_lapor"
NO_UNITS = "belum_ada_unit"  # reported, no unit of the body, not due to be sworn in yet
NO_UNITS_OVERDUE = "belum_ada_unit_terlambat"  # the same once the swearing-in is due: 0%
NO_ACTIVITY = "belum_dimulai"  # bimtek: no activity, or only activities not started yet
BODY_STATUS_LABEL = {
    REPORTED: "lapor",
    NOT_REPORTED: "belum lapor",
    NO_UNITS: "belum ada unit",
    NO_UNITS_OVERDUE: "belum ada unit (terlambat)",
}
TRAINING_STATUS_LABEL = {
    REPORTED: "lapor",
    NOT_REPORTED: "belum lapor",
    NO_ACTIVITY: "belum dimulai",
}
# Status of one bimtek activity relative to the report date.
ACTIVITY_STATUS_LABEL = {
    "selesai": "Selesai",
    "berlangsung": "Berlangsung",
    "dijadwalkan": "Dijadwalkan",
}
# A due measure with no module (or item) due yet: not judged, never a 0%.
NOT_DUE_TEXT = "belum jatuh tempo"
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


def missing_texts(frame) -> list[str]:
    """What each row of a comparison (views.profile.comparison_frame) says without a
    value: 'belum lapor' where the regency has not reported, else the row's
    ``missing_text`` ('-' when the frame has none)."""
    own = frame["missing_text"] if "missing_text" in frame else ["-"] * len(frame)
    return [
        text if ok else NOT_REPORTED_TEXT
        for text, ok in zip(own, frame["is_reported"], strict=True)
    ]


# Status of one official unit for one body (analytics/sql/region_units.sql; Profil and
# Badan Ad Hoc, "Unit resmi per kecamatan").
UNIT_STATUS_LABEL = {
    "belum_ada_baris": "belum ada baris",
    "belum_ada_baris_tps": "belum ada baris TPS",
    "kekurangan_anggota": "kekurangan anggota",
    "belum_dilantik": "belum dilantik",
    "lengkap": "lengkap",
}


# Status of a follow-up (tindak lanjut) as a meeting reads it: an open one past its due
# date is "Terlambat" (analytics/followup_view.py). Keys: followups.OPEN/DONE/CANCELLED
# and "terlambat".
FOLLOWUP_STATUS_LABEL = {
    "terbuka": "Terbuka",
    "terlambat": "Terlambat",
    "selesai": "Selesai",
    "batal": "Batal",
}
# The indicator a follow-up topic links to, as its label starts ('PPS dilantik' is
# measure_label; these are the others).
REPORTING_ON_TIME_LABEL = "Pelaporan tepat waktu"
# A checklist item's state inside a sentence ("PC07 ...: belum pada 16 Agu → selesai ...").
CHECKLIST_STATE_WORD = {
    "selesai": "selesai",
    "proses": "proses",
    "belum": "belum",
    "tidak_berlaku": "tidak berlaku",
}
