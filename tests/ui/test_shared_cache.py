"""Page caches: the data version is read once per database change, not on every rerun,
and a new upload still shows up at once."""

import datetime as dt

import pytest

from analytics.ingest import ingest_bytes
from analytics.storage import Database
from tests.ui.support import FIXTURE_FILES, FIXTURES, app, texts


@pytest.fixture
def settled(monkeypatch):
    """Trust the file's state at once (normally only 2 s after its last write)."""
    from ui import shared

    monkeypatch.setattr(shared, "SETTLED_NS", 0)


def ingest(db: Database, dataset: str, name: str, as_of: dt.date) -> None:
    outcome = ingest_bytes(db, dataset, (FIXTURES / name).read_bytes(), as_of, "uji")
    assert outcome.accepted, outcome.verdict.issues


def test_a_rerun_does_not_read_the_version_again(tmp_path, monkeypatch, settled):
    db = Database(tmp_path / "siaga.duckdb")
    for dataset, name, as_of in FIXTURE_FILES:
        ingest(db, dataset, name, as_of)
    at = app(db.path)
    assert not at.exception
    reads = []
    original = Database.data_version
    monkeypatch.setattr(Database, "data_version", lambda self: reads.append(1) or original(self))
    at.run()
    assert not at.exception and reads == []


def test_an_upload_shows_on_the_next_rerun(tmp_path, settled):
    db = Database(tmp_path / "siaga.duckdb")
    for dataset, name, as_of in FIXTURE_FILES[:3]:  # no candidacy checklist yet
        ingest(db, dataset, name, as_of)
    at = app(db.path, page="pencalonan", query={"tanggal": "2024-08-20"})
    assert "Belum ada kabupaten/kota yang mengunggah data persiapan pencalonan" in texts(at)
    ingest(db, *FIXTURE_FILES[3])
    at.run()
    assert not at.exception
    assert "Kabupaten/kota melapor: 1 dari 35" in texts(at)
