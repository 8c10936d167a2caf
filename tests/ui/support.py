"""AppTest helpers: a tiny fixture database and the app started on it."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path
from typing import NamedTuple

from streamlit.testing.v1 import AppTest

from analytics.ingest import ingest_bytes
from analytics.storage import Database

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "indikator"
FIXTURE_FILES = [
    ("badan_adhoc", "badan_adhoc_3371_2024-08-01.csv", dt.date(2024, 8, 1)),
    ("badan_adhoc", "badan_adhoc_3371_2024-08-15.csv", dt.date(2024, 8, 15)),
    ("bimtek", "bimtek_3371_2024-08-01.csv", dt.date(2024, 8, 1)),
    ("persiapan_pencalonan", "persiapan_pencalonan_3371_2024-08-20.csv", dt.date(2024, 8, 20)),
]


def fixture_db(path: Path) -> Database:
    """Kota Magelang (33.71) reports; the 34 others do not."""
    db = Database(path)
    for dataset, name, as_of in FIXTURE_FILES:
        outcome = ingest_bytes(db, dataset, (FIXTURES / name).read_bytes(), as_of, "uji")
        assert outcome.accepted, outcome.verdict.issues
    return db


def app(db_path: Path, page: str | None = None, query: dict | None = None) -> AppTest:
    """app.py on ``db_path`` (optionally switched to ``pages/<page>.py``), already run."""
    import os

    os.environ["SIAGA_DB"] = str(db_path)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(f"pages/{page}.py")
        at.run()
    return at


def texts(at: AppTest) -> str:
    """Everything readable on the page, joined (markdown, metrics, tables, captions)."""
    parts = [m.value for m in at.markdown] + [t.value for t in at.title]
    parts += [h.value for h in at.header] + [s.value for s in at.subheader]
    parts += [f"{m.label}: {m.value}" for m in at.metric]
    parts += [c.value for c in at.caption] + [i.value for i in at.info]
    parts += [w.value for w in at.warning]
    for frame in at.dataframe:
        parts.append(frame.value.to_string())
    return "\n".join(str(p) for p in parts)


class RegisteredPage(NamedTuple):
    """One st.Page entry of app.py's PAGES, read from its source (app.py cannot be
    imported outside a running app)."""

    path: str
    title: str
    url_path: str | None
    default: bool
    hidden: bool


def registered_pages() -> list[RegisteredPage]:
    """The pages app.py registers, in its order."""
    tree = ast.parse((REPO / "app.py").read_text(encoding="utf-8"))
    names = {
        node.targets[0].id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
    }
    table = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "PAGES"
    )
    pages = []
    for call in table.elts:
        path = call.args[0]
        path = names[path.id] if isinstance(path, ast.Name) else path.value
        keywords = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
        pages.append(
            RegisteredPage(
                path,
                keywords["title"],
                keywords.get("url_path"),
                keywords.get("default", False),
                keywords.get("visibility") == "hidden",
            )
        )
    return pages


def note_in_latest_checklist(path: Path, note: str, kode_item: str | None = None) -> None:
    """Write ``note`` as the catatan of the latest persiapan_pencalonan version (of one
    item, or all), as if stored before uploads cleaned their text."""
    import duckdb

    where = "" if kode_item is None else f" AND kode_item = '{kode_item}'"
    with duckdb.connect(str(path)) as con:
        con.execute(
            "UPDATE persiapan_pencalonan_rows SET catatan = ? WHERE version_id = (SELECT "
            "max(version_id) FROM versions WHERE dataset = 'persiapan_pencalonan')" + where,
            [note],
        )
