"""The tiny upload history behind the follow-up tests (tests/test_followup_view.py works
its numbers out by hand): Kabupaten Pemalang (33.27) on 16 and 23 August 2024, Kota
Surakarta (33.72) on 5 and 16 August."""

from __future__ import annotations

import datetime as dt
import functools
import tempfile
from pathlib import Path

from analytics.auth import User
from analytics.ingest import ingest_bytes
from analytics.storage import Database

ADMIN = User("adm", "admin")
MEETING, AS_OF = dt.date(2024, 8, 16), dt.date(2024, 8, 23)
PPS = "kode_wilayah;badan;kecamatan;desa_kelurahan;kebutuhan;terisi;dilantik;perempuan\n"
BIMTEK = (
    "kode_wilayah;badan;materi;tanggal_mulai;tanggal_selesai;peserta_target;peserta_hadir;"
    "peserta_tuntas\n"
)
CHECKLIST = "kode_wilayah;kode_item;status;tanggal_selesai\n"
HISTORY = (
    ("badan_adhoc", PPS + "33.72;PPS;Laweyan;Pajang;3;3;3;1\n", dt.date(2024, 8, 5)),
    ("bimtek", BIMTEK + "33.72;PANTARLIH;M03;2024-07-01;2024-07-02;40;40;40\n", MEETING),
    ("persiapan_pencalonan", CHECKLIST + "33.72;PC07;selesai;2024-08-10\n", MEETING),
    ("badan_adhoc", PPS + "33.27;PPS;Moga;Plakaran;3;3;1;1\n33.27;PPS;Moga;Mandiraja;3;2;0;1\n",
     MEETING),
    ("badan_adhoc", PPS + "33.27;PPS;Moga;Plakaran;3;3;3;1\n33.27;PPS;Moga;Mandiraja;3;3;2;1\n",
     AS_OF),
    ("bimtek", BIMTEK + "33.27;PANTARLIH;M03;2024-07-01;2024-07-02;40;20;10\n", MEETING),
    ("bimtek", BIMTEK + "33.27;PANTARLIH;M03;2024-07-01;2024-07-02;40;20;10\n"
     "33.27;PANTARLIH;M03;2024-08-20;2024-08-21;40;30;30\n", AS_OF),
    ("persiapan_pencalonan", CHECKLIST + "33.27;PC07;proses;\n", MEETING),
    ("persiapan_pencalonan", CHECKLIST + "33.27;PC07;selesai;2024-08-22\n", AS_OF),
)  # fmt: skip


def history_db(path: Path) -> Database:
    db = Database(path)
    for dataset, text, as_of in HISTORY:
        outcome = ingest_bytes(db, dataset, text.encode("utf-8"), as_of, "uji")
        assert outcome.accepted, outcome.verdict.issues
    return db


@functools.cache
def shared_history() -> Database:
    """The history without follow-ups (tests copy it, then add their own)."""
    return history_db(Path(tempfile.mkdtemp(prefix="siaga-tl-")) / "siaga.duckdb")


def history_copy(directory: Path) -> Database:
    """A fresh copy of the history in ``directory`` (ingesting it once per test run)."""
    target = directory / "siaga.duckdb"
    target.write_bytes(shared_history().path.read_bytes())
    return Database(target)
