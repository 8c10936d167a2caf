"""Hostile or careless cells get a clean answer: control characters, very long cells."""

from __future__ import annotations

import datetime as dt

import pytest
from fixture_support import issue_tuples

from analytics.messages import msg
from analytics.upload import Staging, check_file

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
