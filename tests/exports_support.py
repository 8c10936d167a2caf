"""Fixtures of the meeting-deck and export tests: a few regencies, and formula-like text."""

from __future__ import annotations

import datetime as dt
import functools
import tempfile
from pathlib import Path

from analytics import indicators
from analytics.ingest import ingest_bytes
from analytics.meeting import Deck, build_deck, weekly_dates
from analytics.storage import Database
from tests.ui.support import fixture_db

AS_OF = dt.date(2024, 8, 21)
TITLE = "Rapat Koordinasi 21 Agustus"

# Kota Surakarta (33.72): PPK only, 4 of 25 sworn in, so charts have two reporting regencies.
SURAKARTA_BADAN = (
    "kode_wilayah;badan;kecamatan;kebutuhan;pendaftar;terisi;dilantik;perempuan\n"
    "33.72;PPK;Laweyan;5;9;5;3;2\n"
    "33.72;PPK;Serengan;5;10;4;1;1\n"
    "33.72;PPK;Pasar Kliwon;5;10;5;0;1\n"
    "33.72;PPK;Jebres;5;10;5;0;2\n"
    "33.72;PPK;Banjarsari;5;10;5;0;1\n"
)
# Kota Salatiga (33.73) typed text that a spreadsheet would run as a formula, and markup.
FORMULA_TEXT = {
    "mitra": '=HYPERLINK("http://x")',
    "penanggung_jawab": "=1+1",
    "catatan": "+1",
}
SALATIGA_CHECKLIST = (
    "kode_wilayah;kode_item;status;tanggal_selesai;mitra;penanggung_jawab;tautan_bukti;catatan\n"
    '33.73;PC01;selesai;2024-08-09;"=HYPERLINK(""http://x"")";=1+1;;+1\n'
    "33.73;PC02;proses;;@SUM(A1);Divisi Teknis;;-2\n"
    "33.73;PC03;belum;;RSUD;Divisi Teknis;;<script>alert(1)</script>\n"
)


def export_db(path: Path) -> Database:
    """The UI fixture (Kota Magelang) plus Kota Surakarta's PPK and Kota Salatiga's checklist."""
    db = fixture_db(path)
    for dataset, text, as_of in (
        ("badan_adhoc", SURAKARTA_BADAN, dt.date(2024, 8, 10)),
        ("persiapan_pencalonan", SALATIGA_CHECKLIST, dt.date(2024, 8, 20)),
    ):
        outcome = ingest_bytes(db, dataset, text.encode("utf-8"), as_of, "uji")
        assert outcome.accepted, outcome.verdict.issues
    return db


def series(db: Database, as_of: dt.date = AS_OF) -> indicators.Indicators:
    return indicators.compute_series(db, weekly_dates(as_of, dt.date(2024, 8, 1)))


def deck(db: Database, region: str | None = None, as_of: dt.date = AS_OF) -> Deck:
    return build_deck(series(db, as_of), title=TITLE, region=region)


def summary(db: Database, as_of: dt.date = AS_OF) -> dict:
    """`python -m analytics summary` for the same date, as a dict."""
    return indicators.summary(indicators.compute(db, as_of))


@functools.cache
def shared_db() -> Database:
    """One export fixture database per test run (read-only use: tests must not write)."""
    return export_db(Path(tempfile.mkdtemp(prefix="siaga-rapat-")) / "siaga.duckdb")


@functools.cache
def shared_deck(region: str | None = None) -> Deck:
    return deck(shared_db(), region)


@functools.cache
def shared_summary() -> dict:
    return summary(shared_db())
