"""Hostile or careless uploads get a clean answer: control characters, very long cells; a
file is read and checked once between its preview and Simpan."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from fixture_support import FIXTURES, issue_tuples

from analytics import cli, ingest
from analytics.auth import User
from analytics.errors import NotAllowed
from analytics.messages import msg
from analytics.storage import Database
from analytics.upload import Staging, check_file, pipeline

AS_OF = dt.date(2024, 8, 23)
HEADER = (
    "kode_wilayah,badan,materi,tanggal_mulai,tanggal_selesai,peserta_target,peserta_hadir,"
    "peserta_tuntas,catatan\n"
)
WARNING = msg("warn_control_characters")


def checked(text: str) -> tuple[list[tuple], list[tuple], list]:
    with Staging() as staging:
        verdict = check_file(text.encode("utf-8"), "bimtek", AS_OF, staging)
        notes = staging.con.execute(
            "SELECT _line, catatan FROM staging_typed ORDER BY _line"
        ).fetchall()
    return issue_tuples(verdict.errors), issue_tuples(verdict.warnings), notes


@pytest.mark.parametrize("other", ["Sesi", "Sési"])  # plain ASCII (one-pass reader) and not
def test_control_characters_become_spaces_with_a_warning_each(other):
    errors, warnings, notes = checked(
        HEADER
        + f"33.71,PPK,M01,2024-06-03,2024-06-04,120,110,100,{other} 1\x0bselesai\n"
        + "33.71,PPS,M01,2024-06-05,2024-06-05,90,90,90,\x1b[2Jbersih\n"
        + "33.71,KPPS,M01,2024-06-06,2024-06-06,70,70,70,tanpa masalah\n"
    )
    assert errors == []
    assert warnings == [
        (2, "catatan", f"{other} 1 selesai", WARNING),
        (3, "catatan", "[2Jbersih", WARNING),
    ]
    assert notes == [(2, f"{other} 1 selesai"), (3, "[2Jbersih"), (4, "tanpa masalah")]


def test_a_file_without_control_characters_gets_no_such_warning():
    errors, warnings, _ = checked(HEADER + "33.71,PPK,M01,2024-06-03,2024-06-04,120,110,100,ok\n")
    assert (errors, warnings) == ([], [])


@pytest.mark.parametrize("length", [200_000, 3_000_000])
def test_a_quoted_cell_longer_than_the_csv_limits_is_a_too_long_error(length):
    # 131,072 characters is Python's csv limit, 2 MB DuckDB's line limit; the blank line
    # sends the first file to the exact reader.
    long = "x" * length
    errors, _, _ = checked(
        HEADER + f'33.71,PPK,M01,2024-06-03,2024-06-04,120,110,100,"{long}"\n\n'
        "33.71,PPS,M01,2024-06-05,2024-06-05,90,90,90,pendek\n"
    )
    assert errors == [(2, "catatan", long, msg("too_long", limit=500))]


# ------------------------------------------------------------------ checked once, then stored

MAGELANG = (FIXTURES / "indikator" / "badan_adhoc_3371_2024-08-01.csv").read_bytes()


def test_a_previewed_file_is_stored_from_its_staged_rows_without_reading_it_again(
    tmp_path, monkeypatch
):
    db = Database(tmp_path / "siaga.duckdb")
    db.initialise()
    admin = User("admin-uji", "admin")
    reads = []
    real = pipeline.read_table
    monkeypatch.setattr(pipeline, "read_table", lambda *a: reads.append(1) or real(*a))
    check = ingest.check_upload(db, admin, "badan_adhoc", MAGELANG, dt.date(2024, 8, 1), "m.csv")
    assert check.verdict.ok and check.preview is not None and len(reads) == 1
    outcome = ingest.store_checked(db, admin, check)
    assert len(reads) == 1 and outcome.accepted and outcome.stored.regions == ["33.71"]
    with db.reader() as con:
        stored = con.execute("SELECT count(*), sum(terisi) FROM badan_adhoc_rows").fetchall()
    assert stored == [(5, 5 + 5 + 4 + 3 + 2)]
    with pytest.raises(duckdb.ConnectionException):  # the staging is closed once stored
        check.checked.staging.con.execute("SELECT 1")


def test_a_previewed_file_is_still_checked_against_the_storing_users_scope(tmp_path):
    db = Database(tmp_path / "siaga.duckdb")
    db.initialise()
    admin = User("admin-uji", "admin")
    check = ingest.check_upload(db, admin, "badan_adhoc", MAGELANG, dt.date(2024, 8, 1), "m.csv")
    with pytest.raises(NotAllowed):
        ingest.store_checked(db, User("op-cilacap", "operator", "33.01"), check)
    with db.reader() as con:
        assert con.execute("SELECT count(*) FROM uploads").fetchall() == [(0,)]


def test_the_command_line_never_prints_a_control_character_from_a_file(tmp_path, capsys):
    path = tmp_path / "esc.csv"
    path.write_bytes(
        (HEADER + "33.71,PPK,M01,2024-06-03,2024-06-04,\x1b[2J120,110,100,ok\n").encode()
    )
    assert cli.main(["validate", "bimtek", str(path), "--as-of", "2024-08-23"]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert out.splitlines() == [
        "GALAT\tbaris 2\tkolom peserta_target\tnilai '\\x1b[2J120'\t" + msg("not_integer")
    ]
