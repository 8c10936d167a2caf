"""pages/ holds the registered pages only; ui/ and what pages import never call Streamlit
at import time and never reach into Streamlit's internals.

A helper module in pages/ is listed as a page by Streamlit's legacy multipage mode, and a
Streamlit call made while a module is imported (an st.rerun() in the middle of a package
import) breaks the sessions that arrive together after a restart.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.support import registered_pages

REPO = Path(__file__).resolve().parents[2]
PAGE_FILES = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "pages").glob("*.py"))
UI_MODULES = sorted(f"ui.{p.stem}" for p in (REPO / "ui").glob("*.py") if p.stem != "__init__")
GUARD = "navigation.through_app()"
PAGES = registered_pages()

# Run in a fresh interpreter: `streamlit` (and every streamlit.* module) is replaced by a
# recorder whose every attribute is truthy and whose every call is written down, except
# the decorators a module may apply while it is imported. Then every ui/ module is
# imported, and every page's import statements are run.
RECORDER = r"""
import ast, importlib, importlib.abc, importlib.machinery, json, sys, types

DECORATORS = {"cache_data", "cache_resource", "fragment", "dialog"}
calls = []


class Recorder:
    def __init__(self, name):
        self._name = name

    def __getattr__(self, attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        return Recorder(f"{self._name}.{attr}")

    def __call__(self, *args, **kwargs):
        if self._name.split(".")[1].removesuffix("()") not in DECORATORS:
            calls.append(self._name)
        return Recorder(f"{self._name}()")


class FakeModule(types.ModuleType):
    def __getattr__(self, attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        return Recorder(f"{self.__name__}.{attr}")


class Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path=None, target=None):
        if name == "streamlit" or name.startswith("streamlit."):
            return importlib.machinery.ModuleSpec(name, self, is_package=True)
        return None

    def create_module(self, spec):
        module = FakeModule(spec.name)
        module.__path__ = []
        return module

    def exec_module(self, module):
        pass


sys.meta_path.insert(0, Finder())
sys.path.insert(0, sys.argv[1])
request = json.loads(sys.argv[2])
found = {}
for name in request["modules"]:
    importlib.import_module(name)
    found[name], calls[:] = list(calls), []
for path in request["pages"]:
    tree = ast.parse(open(path, encoding="utf-8").read())
    imports = [node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    exec(compile(ast.Module(imports, []), path, "exec"), {"__name__": "__page__"})
    found[path], calls[:] = list(calls), []
print(json.dumps(found))
"""


def streamlit_calls_at_import(repo: Path, modules: list[str], pages: list[str]) -> dict:
    """Streamlit calls made while importing ``modules`` and running each page's imports."""
    request = json.dumps({"modules": modules, "pages": [str(repo / p) for p in pages]})
    result = subprocess.run(
        [sys.executable, "-c", RECORDER, str(repo), request],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_pages_holds_only_the_registered_pages():
    registered = {page.path for page in PAGES}
    assert set(PAGE_FILES) == registered
    assert not (REPO / "pages" / "__init__.py").exists()
    others = [p.name for p in (REPO / "pages").iterdir() if p.suffix != ".py"]
    assert set(others) <= {"__pycache__"}, others


def test_app_registers_every_page_and_marks_its_runs():
    tree = ast.unparse(ast.parse((REPO / "app.py").read_text(encoding="utf-8")))
    assert len(PAGES) == len(PAGE_FILES) + 1  # each page once, and Ringkasan's /ringkasan alias
    assert "st.navigation(PAGES)" in tree
    assert "navigation.mark_routed()" in tree


def test_the_default_page_and_url_paths_are_unique():
    assert [page.default for page in PAGES].count(True) == 1
    url_paths = [page.url_path or Path(page.path).stem for page in PAGES]
    assert len(url_paths) == len(set(url_paths))


@pytest.mark.parametrize("path", PAGE_FILES)
def test_every_page_first_runs_the_guard(path):
    """Before it draws anything, a page makes sure it runs inside app.py."""
    tree = ast.parse((REPO / path).read_text(encoding="utf-8"))
    body = [
        node
        for node in tree.body
        if not isinstance(node, (ast.Import, ast.ImportFrom))
        and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))
    ]
    assert ast.unparse(body[0]) == GUARD
    imports = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert all(n.end_lineno < body[0].lineno for n in imports), "imports after the guard"


def test_nothing_reaches_into_streamlit_internals():
    # One documented exception: ui/media.py drops served downloads (issue 11, no public API).
    files = [REPO / "app.py", *(REPO / "pages").glob("*.py"), *(REPO / "ui").glob("*.py")]
    offenders = [
        f.name
        for f in files
        if f.name != "media.py"
        and any(
            word in f.read_text(encoding="utf-8")
            for word in ("streamlit.runtime", "from streamlit import runtime")
        )
    ]
    assert offenders == []


def test_importing_ui_and_what_pages_import_calls_no_streamlit():
    found = streamlit_calls_at_import(REPO, UI_MODULES, PAGE_FILES)
    assert set(found) == set(UI_MODULES) | {str(REPO / p) for p in PAGE_FILES}
    assert {name: calls for name, calls in found.items() if calls} == {}


def test_the_recorder_catches_a_rerun_at_import(tmp_path):
    """The check above would fail on the old pages/shared.py, which switched Streamlit's
    legacy mode off and called st.rerun() while being imported."""
    package = tmp_path / "legacy"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "helper.py").write_text(
        "import streamlit as st\n"
        "from streamlit.runtime.pages_manager import PagesManager\n\n"
        "@st.cache_data(show_spinner=False)\n"
        "def cached():\n"
        "    return 1\n\n"
        "if PagesManager.uses_pages_directory:\n"
        "    PagesManager.uses_pages_directory = False\n"
        "    st.rerun()\n"
    )
    page = tmp_path / "page.py"
    page.write_text("import streamlit as st\nfrom legacy import helper\n\nst.title('x')\n")
    found = streamlit_calls_at_import(tmp_path, ["legacy.helper"], ["page.py"])
    assert found["legacy.helper"] == ["streamlit.rerun"]
    assert found[str(tmp_path / "page.py")] == []  # helper already imported; body not run
