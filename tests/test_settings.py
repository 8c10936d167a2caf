"""One settings registry: every setting documented once, read in one place."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

from analytics import settings

REPO = Path(__file__).resolve().parent.parent


def test_readme_settings_table_is_the_registry():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(
        r"<!-- settings-table:start[^>]*-->\n(.*)<!-- settings-table:end -->", text, re.S
    )
    assert match, "README lacks the settings-table markers"
    assert match.group(1) == settings.settings_table_markdown()


def test_every_key_of_the_settings_files_is_registered_with_its_default():
    registry = {s.name: s for s in settings.REGISTRY}
    with open(settings.SETTINGS_PATH, "rb") as handle:
        raw = tomllib.load(handle)
    for section, values in raw.items():
        for key, value in values.items():
            assert registry[key].source == f"data/pengaturan.toml [{section}]", key
            assert registry[key].default == str(value).lower(), key
    with open(REPO / ".streamlit" / "config.toml", "rb") as handle:
        server = tomllib.load(handle)["server"]
    assert registry["server.maxUploadSize"].default == str(server["maxUploadSize"])


def test_an_unregistered_environment_variable_cannot_be_read():
    with pytest.raises(KeyError):
        settings.env("SIAGA_UNKNOWN")


def _environment_reads(path: Path) -> list[int]:
    """Lines of ``path`` that read the environment (os.environ.get / [...] / os.getenv)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            target = ast.unparse(node.func)
            if target in ("os.environ.get", "os.getenv"):
                found.append(node.lineno)
        if (
            isinstance(node, ast.Subscript)
            and isinstance(node.ctx, ast.Load)
            and ast.unparse(node.value) == "os.environ"
        ):
            found.append(node.lineno)
    return found


def test_the_environment_is_read_only_through_the_registry():
    sources = [REPO / "app.py", *(REPO / "analytics").rglob("*.py"), *(REPO / "ui").rglob("*.py")]
    sources += list((REPO / "pages").glob("*.py"))
    reads = {
        str(path.relative_to(REPO)): lines
        for path in sources
        if path.name != "settings.py" and (lines := _environment_reads(path))
    }
    assert reads == {}
