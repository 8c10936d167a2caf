"""The schema is the single source of truth: README table, templates and tables follow it."""

import re
from pathlib import Path

import duckdb

from analytics.schema import DATASETS, dataset_table_markdown
from analytics.storage import migrate, rows_table
from analytics.templates import column_help, template_csv

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
        assert [c[0] for c in columns] == ["version_id", "line", *dataset.column_names]
        types = {c[0]: c[1] for c in columns}
        for col in dataset.columns:
            assert types[col.name] == col.sql_type, (name, col.name)


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
