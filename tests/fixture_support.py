"""Helpers shared by the tests that read fixture files: issues as tuples, the fixture
generators, and what a workbook holds."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path
from types import ModuleType

import pandas as pd

FIXTURES = Path(__file__).parent / "fixtures"


def issue_tuples(frame: pd.DataFrame) -> list[tuple]:
    """Issues as (line, column, value, message) with NA turned into None, in order."""
    out = []
    for row in frame.itertuples(index=False):
        line = None if pd.isna(row.line) else int(row.line)
        value = None if pd.isna(row.value) else row.value
        out.append((line, row.column, value, row.message))
    return out


def generator(name: str) -> ModuleType:
    """A fixture generator of tests/fixtures/ (``make_fixtures``, ``make_unseen``)."""
    spec = importlib.util.spec_from_file_location(name, FIXTURES / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def workbook_values(data: bytes) -> list | None:
    """Sheet titles and cell values of an xlsx (None when it cannot be opened)."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data))
    except Exception:
        return None
    return [(s.title, list(s.iter_rows(values_only=True))) for s in book.worksheets]
