"""Imports go one way.

Views (tables and wording) and figures (plotly) both read the category colours, symbols
and labels from analytics/categories.py (labels.py for statuses); neither imports the
other. The meeting deck reads ranking from views/ranking.py and the calendar from
views/calendar.py, never from the Ringkasan page's views/overview.py. Nothing in
analytics/ imports streamlit: the pages (pages/, ui/, app.py) do.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ANALYTICS = Path(__file__).resolve().parent.parent / "analytics"


def modules(folder: str = "") -> list[Path]:
    return sorted(p for p in (ANALYTICS / folder).rglob("*.py") if "__pycache__" not in p.parts)


def imported(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function; ``from a import b``
    counts as both ``a`` and ``a.b`` (b may be a module)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def offending(path: Path, forbidden: str) -> list[str]:
    return sorted(n for n in imported(path) if n == forbidden or n.startswith(forbidden + "."))


def name(path: Path) -> str:
    return str(path.relative_to(ANALYTICS.parent))


@pytest.mark.parametrize("path", modules("figures"), ids=name)
def test_figures_do_not_import_views(path):
    assert offending(path, "analytics.views") == []


@pytest.mark.parametrize("path", modules("views"), ids=name)
def test_views_do_not_import_figures(path):
    assert offending(path, "analytics.figures") == []


@pytest.mark.parametrize("path", modules("meeting"), ids=name)
def test_the_meeting_deck_does_not_read_the_overview_page(path):
    assert offending(path, "analytics.views.overview") == []


@pytest.mark.parametrize("path", modules(), ids=name)
def test_analytics_does_not_import_streamlit(path):
    assert offending(path, "streamlit") == []


def test_the_checks_see_imports_of_every_form(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import streamlit as st\n"
        "from analytics import views\n"
        "def later():\n"
        "    from analytics.views.overview import scorecard\n",
        encoding="utf-8",
    )
    assert offending(sample, "streamlit") == ["streamlit"]
    assert offending(sample, "analytics.views") == [
        "analytics.views",
        "analytics.views.overview",
        "analytics.views.overview.scorecard",
    ]
    assert offending(sample, "analytics.figures") == []
