"""The idle-time preparation of every regency's profile (ui/profile.py): one regency at a
time, in order, only while no script run is in progress, and quietly given up on an error.
The builders are replaced by recorders: what is tested is when and with what they run."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from ui import profile

AS_OF = dt.date(2024, 8, 16)
KEY = ("/data/siaga.duckdb", "v7", AS_OF)
CODES = ["33.01", "33.02", "33.76"]


@pytest.fixture
def built(monkeypatch):
    """What the preparation builds, in order: (builder, regency)."""
    calls: list[tuple[str, str]] = []
    monkeypatch.setattr(profile, "_LATEST", [KEY])  # KEY is the preparation in force
    monkeypatch.setattr(
        profile, "regency",
        lambda path, version, notes, as_of, code, body: calls.append(("profil", code)),
    )  # fmt: skip
    monkeypatch.setattr(
        profile, "upload_history",
        lambda path, version, code, as_of: calls.append(("riwayat", code)),
    )  # fmt: skip
    monkeypatch.setattr(
        profile.units, "prepare", lambda path, version, as_of, code: calls.append(("unit", code))
    )
    return calls


def test_every_regency_is_prepared_in_order(built):
    profile._prepare(KEY, "catatan-1", CODES)
    assert built == [(what, code) for code in CODES for what in ("profil", "riwayat", "unit")]


def test_nothing_is_prepared_while_a_run_is_in_progress(built):
    profile.run_started()
    try:
        worker = threading.Thread(target=profile._prepare, args=(KEY, "catatan-1", CODES))
        worker.start()
        worker.join(timeout=0.3)
        assert worker.is_alive() and built == []
    finally:
        profile.run_finished()
    worker.join(timeout=10)
    assert not worker.is_alive()
    assert [code for what, code in built if what == "profil"] == CODES


def test_a_failure_stops_the_preparation_quietly(built, monkeypatch, caplog):
    def regency(path, version, notes, as_of, code, body):
        if code == "33.02":
            raise RuntimeError("database busy")
        built.append(("profil", code))

    monkeypatch.setattr(profile, "regency", regency)
    profile._prepare(KEY, "catatan-1", CODES)  # returns, raises nothing
    assert built == [("profil", "33.01"), ("riwayat", "33.01"), ("unit", "33.01")]
    assert "preparing the profile of 33.02 failed" in caplog.text


def test_turned_off_by_the_setting(monkeypatch):
    monkeypatch.setenv("SIAGA_PREWARM", "0")
    started = threading.active_count()
    profile.prewarm(AS_OF)  # returns before touching the database
    assert threading.active_count() == started


def test_an_older_preparation_gives_way_to_the_newer_data(built, monkeypatch):
    newer = ("/data/siaga.duckdb", "v8", AS_OF)
    monkeypatch.setattr(profile, "_LATEST", [newer])
    profile._prepare(KEY, "catatan-1", CODES)
    assert built == []
