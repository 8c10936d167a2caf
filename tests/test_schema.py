"""The schema is the single source of truth: README table, templates and tables follow it."""

import dataclasses
import datetime as dt
import io
import re
from pathlib import Path

import duckdb
import openpyxl
import pytest

from analytics.contract import ERROR, WARNING, Check, OfficialUnits, Rule, Unique
from analytics.messages import MESSAGES
from analytics.schema import BIMTEK, DATASETS, dataset_table_markdown
from analytics.storage import migrate, rows_table
from analytics.templates import column_help, template_csv, template_xlsx
from analytics.upload import check_file

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_dataset_table_matches_schema():
    text = README.read_text(encoding="utf-8")
    match = re.search(
        r"<!-- dataset-table:start[^>]*-->\n(.*)<!-- dataset-table:end -->", text, re.S
    )
    assert match, "README lacks the dataset-table markers"
    assert match.group(1) == dataset_table_markdown(), (
        "README dataset table drifted: regenerate with `python -m analytics datasets --markdown`"
    )


def test_storage_tables_match_schema():
    con = duckdb.connect()
    migrate(con)
    for name, dataset in DATASETS.items():
        columns = con.execute(f"DESCRIBE {rows_table(name)}").fetchall()
        assert [c[0] for c in columns] == ["version_id", "line", *dataset.stored_columns]
        types = {c[0]: c[1] for c in columns}
        for col in dataset.columns:
            assert types[col.name] == col.sql_type, (name, col.name)
        for derived in dataset.derived_columns:
            assert types[derived] == "VARCHAR", (name, derived)
    assert DATASETS["badan_adhoc"].derived_columns == ["kode_kecamatan", "kode_desa_kelurahan"]


def test_templates_follow_schema():
    for dataset in DATASETS.values():
        header = template_csv(dataset).decode("utf-8-sig").split("\r\n")[0]
        assert header.split(";") == dataset.column_names
        assert [h["kolom"] for h in column_help(dataset)] == dataset.column_names


def test_template_help_lists_codes_from_reference_data():
    help_rows = {h["kolom"]: h for h in column_help(DATASETS["bimtek"])}
    assert help_rows["materi"]["nilai yang diizinkan"].startswith(
        "M01 Orientasi dan tata kerja; M02 Kode etik dan netralitas;"
    )
    items = {h["kolom"]: h for h in column_help(DATASETS["persiapan_pencalonan"])}
    assert (
        "PC07 Rumah sakit pemeriksaan kesehatan ditetapkan"
        in items["kode_item"]["nilai yang diizinkan"]
    )
    assert items["status"]["nilai yang diizinkan"] == "belum, proses, selesai, tidak_berlaku"


# ------------------------------------------------------------------ rules declared once


def _placeholders(key: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", MESSAGES[key]))


@pytest.mark.parametrize("name", list(DATASETS))
def test_every_rule_is_enforced_and_every_message_is_filled(name):
    dataset = DATASETS[name]
    for rule in dataset.rules:
        if rule.enforced_by == "checks":
            assert rule.checks, rule.text
        else:
            assert rule.enforced_by in ("column kinds", "indicators") and not rule.checks
    for check in dataset.checks:
        if isinstance(check, Check):
            assert check.column in dataset.column_names, check
            assert check.severity in (ERROR, WARNING)
            assert _placeholders(check.message) == {n for n, _ in check.values}, check
        elif isinstance(check, Unique):
            assert _placeholders(check.message) == {"first"}
        elif isinstance(check, OfficialUnits):
            assert {check.kecamatan, check.desa} <= set(dataset.column_names)
        else:
            assert _placeholders(check.message) == {"rows", "region", "expected"}


def test_a_declared_check_is_what_validation_runs():
    # A rule added to the declaration, and nothing else, is checked and reported.
    extra = Rule(
        "peserta_target paling banyak 100",
        (
            Check(
                "peserta_target",
                "peserta_target > 100",
                "warn_over_target",
                (("hadir", "peserta_target"), ("target", "100")),
                WARNING,
            ),
        ),
    )
    strict = dataclasses.replace(BIMTEK, rules=(*BIMTEK.rules, extra))
    data = (
        b"kode_wilayah,badan,materi,tanggal_mulai,tanggal_selesai,peserta_target,"
        b"peserta_hadir,peserta_tuntas\n"
        b"33.71,PPK,M01,2024-06-03,2024-06-04,120,110,100\n"
        b"33.71,PPS,M01,2024-06-05,2024-06-05,90,90,90\n"
    )
    verdict = check_file(data, strict, dt.date(2024, 8, 23))
    assert [(r.line, r.column, r.value, r.message) for r in verdict.warnings.itertuples()] == [
        (2, "peserta_target", "120", "peserta_hadir (120) melebihi peserta_target (100).")
    ]
    assert check_file(data, BIMTEK, dt.date(2024, 8, 23)).warnings.empty


def test_rule_texts_reach_the_template_guide_and_the_readme():
    for dataset in DATASETS.values():
        assert f"Aturan: {'; '.join(dataset.rule_texts)}." in dataset_table_markdown()
        book = openpyxl.load_workbook(io.BytesIO(template_xlsx(dataset)))
        cells = [row[0] for row in book.worksheets[-1].iter_rows(values_only=True) if row]
        after = cells[cells.index("Aturan") + 1 :]
        assert after[: len(dataset.rule_texts)] == dataset.rule_texts
