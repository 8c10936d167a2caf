"""A reviewer's corpus of files the reader was not written against (tests/fixtures/unseen/,
written by tests/fixtures/make_unseen.py): real-world exports that must type to the same rows
as their clean twin, and broken files that must be refused cleanly, database unchanged.

Cases marked xfail are known gaps: the reason names the fix. Remove the mark once fixed
(strict: a case that starts passing fails the suite until its mark goes).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from analytics import cli
from analytics.errors import FileRefused
from analytics.ingest import ingest_bytes
from analytics.messages import msg
from analytics.schema import DATASETS
from analytics.storage import Database
from analytics.upload import Staging, check_file
from tests.fixture_support import generator, issue_tuples, workbook_values

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
UNSEEN = FIXTURES / "unseen"
AS_OF = dt.date(2024, 8, 15)
STAGING = Staging()  # reused, as the app reuses one: nothing may leak between files
CON = STAGING.con

NOTE = msg("warn_note_row")
TOTAL = msg("warn_total_row")
UNKNOWN = msg("warn_unknown_column")


class _Any:
    """Equal to anything (a warning's value we do not pin)."""

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "ANY"


ANY = _Any()


class Maybe(tuple):
    """An extra warning a fix may or may not add (allowed, not required)."""


# ------------------------------------------------------------------ helpers


def check(data: bytes, dataset: str):
    return check_file(data, dataset, AS_OF, STAGING)


def typed_rows(dataset: str) -> list[tuple]:
    cols = ", ".join(f'"{c}"' for c in DATASETS[dataset].column_names)
    return CON.execute(f"SELECT {cols} FROM staging_typed ORDER BY _line").fetchall()


@functools.cache
def clean(dataset: str) -> tuple[list[tuple], list[tuple]]:
    """Typed rows and warnings of the dataset's clean twin (tests/fixtures/<ds>/clean.csv)."""
    verdict = check((FIXTURES / dataset / "clean.csv").read_bytes(), dataset)
    assert verdict.ok
    return typed_rows(dataset), issue_tuples(verdict.warnings)


def unexpected_warnings(actual: list[tuple], expected: list[tuple]) -> tuple[list, list]:
    """(missing, surplus): required expected warnings not found, actual ones not expected.
    ``Maybe`` entries may be matched or not."""
    pool = list(actual)
    missing = []
    for want in sorted(expected, key=lambda w: isinstance(w, Maybe)):
        found = next((i for i, got in enumerate(pool) if tuple(want) == got), None)
        if found is None:
            if not isinstance(want, Maybe):
                missing.append(want)
        else:
            pool.pop(found)
    return missing, pool


def unseen(relative: str) -> bytes:
    return (UNSEEN / relative).read_bytes()


def test_unseen_files_are_what_the_generator_writes():
    generated = generator("make_unseen").all_files()
    on_disk = {
        f"{folder.name}/{p.name}": p.read_bytes()
        for folder in UNSEEN.iterdir()
        for p in folder.iterdir()
    }
    assert sorted(generated) == sorted(on_disk)
    changed = [
        name
        for name, data in generated.items()
        if data != on_disk[name]
        and not (
            name.endswith((".xlsx", ".xlsm"))
            and data[:2] == b"PK"
            and workbook_values(data) == workbook_values(on_disk[name])
        )
    ]
    assert changed == []


# ------------------------------------------------------------------ quirky twins

# Warnings a file shows besides those of its clean twin: (line, column, value, message).
EXTRA_WARNINGS: dict[str, list[tuple]] = {
    "bimtek/dates_us_google.csv": [
        (
            None,
            "tanggal_mulai, tanggal_selesai",
            "5/20/2024",
            msg("warn_month_first", example="5/20/2024"),
        )
    ],
    "badan_adhoc/concatenated_exports.csv": [(5, "-", ANY, NOTE)],
    "badan_adhoc/error_cells.xlsx": [
        (None, "Persentase Perempuan", None, UNKNOWN),
        (None, "Cek", None, UNKNOWN),
    ],
    "badan_adhoc/excel_error_cells.csv": [
        (None, "Persentase Keterisian", None, UNKNOWN),
        (None, "Cek SIAKBA", None, UNKNOWN),
    ],
    "badan_adhoc/excel_id_rekap.csv": [
        (18, "-", None, TOTAL),
        Maybe((20, "-", ANY, NOTE)),  # the note sits in the No column
        (22, "-", ANY, NOTE),
        (23, "-", ANY, NOTE),
        (26, "-", ANY, NOTE),
        (None, "Keterangan", None, UNKNOWN),
    ],
    "badan_adhoc/excel_report.xlsx": [
        (19, "-", None, TOTAL),
        (21, "-", ANY, NOTE),
        (22, "-", ANY, NOTE),
        (None, "Kunci", None, UNKNOWN),
    ],
    "badan_adhoc/excel_table_totals.xlsx": [(13, "-", None, TOTAL)],
    "badan_adhoc/excel_data_subtotal.xlsx": [
        (5, "-", None, TOTAL),
        (10, "-", None, TOTAL),
        (15, "-", None, TOTAL),
        (16, "-", None, TOTAL),
    ],
    "badan_adhoc/footer_note.csv": [(14, "-", ANY, NOTE), (15, "-", ANY, NOTE)],
    "badan_adhoc/formulas_cached.xlsx": [(13, "-", None, TOTAL)],
    "badan_adhoc/notes_column.csv": [(None, "Keterangan", None, UNKNOWN)],
    "badan_adhoc/percent_columns.csv": [
        (None, "% Terisi", None, UNKNOWN),
        (None, "% Perempuan", None, UNKNOWN),
    ],
    "badan_adhoc/repeated_header.csv": [(8, "-", ANY, NOTE)],
    "badan_adhoc/repeated_header.xlsx": [(9, "-", ANY, NOTE)],
    "badan_adhoc/signature_block.csv": [(line, "-", ANY, NOTE) for line in (14, 15, 16, 19, 20)],
    "badan_adhoc/subtotal_kecamatan.csv": [(line, "-", None, TOTAL) for line in (5, 10, 15, 16)],
    "badan_adhoc/subtotal_sub_jumlah.csv": [(line, "-", None, TOTAL) for line in (5, 10, 13, 16)],
    "badan_adhoc/total_in_no_column.csv": [(13, "-", None, TOTAL)],
    "badan_adhoc/units_row.csv": [(2, "-", ANY, NOTE)],
    "persiapan_pencalonan/uraian_column.csv": [(None, "Uraian Kegiatan", None, UNKNOWN)],
}
# Files whose rows come in another order than the clean twin's (grouped by kecamatan).
ORDER_FREE = {
    "badan_adhoc/subtotal_kecamatan.csv",
    "badan_adhoc/excel_data_subtotal.xlsx",
}
# Quirky files whose right outcome is a clear refusal, not their twin's rows:
# file -> (reason, message). Data on several sheets (one per body here) is refused
# naming them: an issue names a line, not a sheet, so stacked sheets would make "baris 3"
# ambiguous, and a second sheet is as often an old copy or an example as more data.
REFUSED_TWINS: dict[str, tuple[str, str]] = {
    "badan_adhoc/sheet_per_body.xlsx": (
        "file_many_sheets",
        msg("file_many_sheets", sheets="PPK, PPS, PANTARLIH, KPPS"),
    ),
}

# Known gaps: file -> why it fails now and the fix (see the review report).
XFAIL_TWINS: dict[str, str] = {}


def twin_cases() -> list:
    cases = []
    for folder in ("badan_adhoc", "bimtek", "persiapan_pencalonan"):
        for path in sorted((UNSEEN / folder).iterdir()):
            relative = f"{folder}/{path.name}"
            if relative in REFUSED_TWINS:
                continue
            marks = (
                [pytest.mark.xfail(reason=XFAIL_TWINS[relative], strict=True)]
                if relative in XFAIL_TWINS
                else []
            )
            cases.append(pytest.param(relative, marks=marks, id=relative))
    return cases


def test_every_xfail_names_a_file():
    names = {f"{f.parent.name}/{f.name}" for f in UNSEEN.glob("*/*")}
    assert set(XFAIL_TWINS) <= names
    assert set(EXTRA_WARNINGS) <= names
    assert set(REFUSED_TWINS) <= names


@pytest.mark.parametrize("relative", twin_cases())
def test_quirky_file_types_like_its_clean_twin(relative):
    dataset = relative.split("/")[0]
    expected_rows, base_warnings = clean(dataset)
    verdict = check(unseen(relative), dataset)
    assert issue_tuples(verdict.errors) == []
    rows = typed_rows(dataset)
    if relative in ORDER_FREE:
        assert sorted(rows, key=repr) == sorted(expected_rows, key=repr)
    else:
        assert rows == expected_rows
    expected = base_warnings + EXTRA_WARNINGS.get(relative, [])
    assert unexpected_warnings(issue_tuples(verdict.warnings), expected) == ([], [])


@pytest.mark.parametrize("relative", sorted(REFUSED_TWINS))
def test_quirky_file_refused_with_its_message(relative):
    reason, message = REFUSED_TWINS[relative]
    with pytest.raises(FileRefused) as info:
        check(unseen(relative), relative.split("/")[0])
    assert (info.value.reason, str(info.value)) == (reason, message)


# ------------------------------------------------------------------ more hazards, no twin

HEAD = "kode_wilayah,badan,kecamatan,kebutuhan,pendaftar,terisi,dilantik,perempuan\n"


@pytest.mark.parametrize("code", ["33.1", '"33,1"', "3310"])
def test_klaten_code_that_lost_its_trailing_zero(code):
    verdict = check(f"{HEAD}{code},PPK,Klaten Tengah,5,12,5,5,2\n".encode(), "badan_adhoc")
    assert issue_tuples(verdict.errors) == []
    assert typed_rows("badan_adhoc")[0][0] == "33.10"


def test_klaten_code_as_excel_number():
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(HEAD.strip().split(","))
    book.active.append([33.1, "PPK", "Klaten Tengah", 5, 12, 5, 5, 2])
    buffer = io.BytesIO()
    book.save(buffer)
    verdict = check(buffer.getvalue(), "badan_adhoc")
    assert issue_tuples(verdict.errors) == []
    assert typed_rows("badan_adhoc")[0][0] == "33.10"


def test_excel_na_in_a_count_is_an_error_on_its_line():
    data = (
        f"{HEAD}33.71,PPK,Magelang Utara,5,#N/A,5,5,2\n33.71,PPK,Magelang Tengah,#N/A,3,5,5,2\n"
    ).encode()
    verdict = check(data, "badan_adhoc")
    assert issue_tuples(verdict.errors) == [
        (2, "pendaftar", "#N/A", msg("not_integer")),
        (3, "kebutuhan", "#N/A", msg("not_integer")),
    ]


def test_row_of_excel_errors_is_not_skipped_as_a_note():
    data = (
        f"{HEAD}33.71,PPK,Magelang Utara,5,,5,5,2\n#N/A,#N/A,Magelang Tengah,#N/A,,#N/A,#N/A,#N/A\n"
    )
    verdict = check(data.encode(), "badan_adhoc")
    assert not verdict.ok
    assert {(line, column) for line, column, _, _ in issue_tuples(verdict.errors)} >= {
        (3, "kode_wilayah"),
        (3, "kebutuhan"),
    }


def test_thousands_comma_is_never_read_as_one():
    verdict = check(f'{HEAD}33.71,PPK,Magelang Utara,5,"1,000",5,5,2\n'.encode(), "badan_adhoc")
    typed = typed_rows("badan_adhoc")
    assert (not verdict.ok) or typed[0][6] == 1000  # pendaftar


# ------------------------------------------------------------------ broken files

# file -> (dataset, reason, message). reason None: refused by its verdict (errors), with
# the summary as message. A reason not in the catalogue yet is a proposed refusal.
BROKEN: dict[str, tuple[str, str | None, str]] = {
    "broken/truncated_mid_row.csv": (
        "badan_adhoc",
        None,
        # 5 empty cells of the cut row and its cut desa/kelurahan name ("Caca", not Cacaban)
        msg("refused_summary", errors=6, warnings_part=", 1 peringatan"),
    ),
    "broken/truncated_open_quote.csv": ("bimtek", "file_truncated", msg("file_truncated")),
    "broken/zip_with_xlsx_inside.zip": ("badan_adhoc", "file_not_table", msg("file_not_table")),
    "broken/chart_only.xlsx": ("badan_adhoc", "file_empty", msg("file_empty")),
    "broken/other_dataset_labels.csv": (
        "badan_adhoc",
        "wrong_dataset",
        msg("wrong_dataset", other="persiapan_pencalonan", dataset="badan_adhoc"),
    ),
    "broken/unrelated_dpt_recap.csv": (
        "badan_adhoc",
        "missing_columns",
        msg(
            "missing_columns",
            columns="kode_wilayah, badan, kebutuhan, terisi, dilantik, perempuan",
            dataset="badan_adhoc",
        ),
    ),
    "broken/gender_split_lp.csv": (
        "badan_adhoc",
        "missing_columns",
        msg("missing_columns", columns="perempuan", dataset="badan_adhoc"),
    ),
    "broken/pdf_copy_spaces.txt": (
        "badan_adhoc",
        "no_header",
        msg(
            "no_header",
            dataset="badan_adhoc",
            columns=", ".join(DATASETS["badan_adhoc"].required_columns),
        ),
    ),
    "broken/caret_delimited.csv": (
        "badan_adhoc",
        "no_header",
        msg(
            "no_header",
            dataset="badan_adhoc",
            columns=", ".join(DATASETS["badan_adhoc"].required_columns),
        ),
    ),
    "broken/zero_bytes.xlsx": ("badan_adhoc", "file_empty", msg("file_empty")),
    "broken/header_only.xlsx": ("badan_adhoc", "no_rows", msg("no_rows")),
    "broken/header_and_zero_total.csv": ("badan_adhoc", "no_rows", msg("no_rows")),
    "broken/header_and_signature.csv": ("badan_adhoc", "no_rows", msg("no_rows")),
    "broken/data.json": ("badan_adhoc", "file_not_table", msg("file_not_table")),
    "broken/laporan.docx": ("badan_adhoc", "file_not_table", msg("file_not_table")),
    "broken/formulas_without_values.xlsx": (
        "badan_adhoc",
        "file_xlsx_formulas",
        msg("file_xlsx_formulas"),
    ),
    "broken/members_list.csv": (
        "badan_adhoc",
        "personal_data",
        msg("personal_column", column="Nama"),
    ),
}
XFAIL_BROKEN: dict[str, str] = {}
# Broken files whose refusal already reaches exit 1 and leaves the database as it was,
# though not with the proposed message.
REFUSED_OTHERWISE: set[str] = set()


def broken_cases(only_refusal: bool = False) -> list:
    cases = []
    for relative in sorted(BROKEN):
        xfail = relative in XFAIL_BROKEN and not (only_refusal and relative in REFUSED_OTHERWISE)
        marks = [pytest.mark.xfail(reason=XFAIL_BROKEN[relative], strict=True)] if xfail else []
        cases.append(pytest.param(relative, marks=marks, id=relative))
    return cases


def test_every_broken_file_has_an_expectation():
    assert sorted(BROKEN) == sorted(f"broken/{p.name}" for p in (UNSEEN / "broken").iterdir())


@pytest.mark.parametrize("relative", broken_cases())
def test_broken_file_is_refused_with_its_message(relative):
    dataset, reason, message = BROKEN[relative]
    if reason is None:
        verdict = check_file(unseen(relative), dataset, AS_OF, Staging())
        assert not verdict.ok
        assert verdict.summary() == message
        return
    with pytest.raises(FileRefused) as info:
        check_file(unseen(relative), dataset, AS_OF, Staging())
    assert info.value.reason == reason
    assert str(info.value) == message


@pytest.mark.parametrize("relative", broken_cases(only_refusal=True))
def test_broken_file_validate_exits_1_with_one_line(relative, capsys):
    dataset, reason, message = BROKEN[relative]
    code = cli.main(["validate", dataset, str(UNSEEN / relative), "--as-of", AS_OF.isoformat()])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    lines = err.strip().split("\n")
    assert len(lines) == 1
    if relative in REFUSED_OTHERWISE:
        assert lines[0].startswith(("Ditolak: ", "Berkas ditolak: "))
    elif reason is None:
        assert lines[0] == message
    else:
        assert lines[0] == f"Ditolak: {message}"


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory) -> Path:
    """A database holding one accepted upload of every dataset (copied per test)."""
    path = tmp_path_factory.mktemp("unseen") / "siaga.duckdb"
    db = Database(path)
    db.initialise()
    for name in DATASETS:
        data = (FIXTURES / name / "clean.csv").read_bytes()
        assert ingest_bytes(db, name, data, AS_OF, "operator-uji").accepted
    return path


def snapshot(db: Database) -> dict:
    con = duckdb.connect(str(db.path), read_only=True)
    try:
        tables = [r[0] for r in con.execute("SHOW TABLES").fetchall()]
        state = {t: sorted(map(str, con.execute(f"SELECT * FROM {t}").fetchall())) for t in tables}
    finally:
        con.close()
    state["_archive"] = sorted(p.name for p in db.archive_dir.iterdir())
    return state


@pytest.mark.parametrize("relative", broken_cases(only_refusal=True))
def test_broken_file_ingest_leaves_database_unchanged(relative, seeded_db, tmp_path):
    dataset = BROKEN[relative][0]
    path = tmp_path / "siaga.duckdb"
    shutil.copy(seeded_db, path)
    shutil.copytree(Database(seeded_db).archive_dir, Database(path).archive_dir)
    db = Database(path)
    before = snapshot(db)
    try:
        outcome = ingest_bytes(db, dataset, unseen(relative), AS_OF, "operator-uji", relative)
        assert not outcome.accepted
    except FileRefused:
        pass
    assert snapshot(db) == before


def test_broken_file_in_a_real_process_gives_no_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "analytics", "validate", "badan_adhoc",
         str(UNSEEN / "broken" / "chart_only.xlsx")],
        cwd=REPO, capture_output=True, text=True,
    )  # fmt: skip
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"Ditolak: {msg('file_empty')}\n"
