"""Browser test: the very first requests after a restart are deep links, all at once.

Until some session has run app.py's st.navigation, Streamlit treats ``pages/`` as a legacy
multipage app and runs a page file on its own for a URL such as /pencalonan. Every page
must still end up inside app.py (header, sidebar filters, the registered menu, no error),
however many sessions arrive together; a link to a former helper module (/benchmark,
/shared) must not list files as pages either. Needs its own freshly started server.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.browser.test_pages_browser import (  # noqa: F401  (fixtures used by name)
    CHROMIUM,
    PAGE_TIMEOUT_MS,
    Server,
    _build_demo_db,
    _wait_app_idle,
    assert_through_app,
    browser,
    running_server,
)

pytestmark = pytest.mark.skipif(
    not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} not found: browser tests need chromium"
)

FIRST_REQUESTS = [
    "pencalonan?wilayah=33.01",
    "bimtek",
    "badan_adhoc?badan=PPS",
    "profil?wilayah=33.03",
    "unggah",
    "riwayat",
    "ringkasan",
    "mode_rapat?slide=2",
    "benchmark",  # a helper module once lived in pages/: not a page
    "shared",
]


@pytest.fixture(scope="module")
def fresh_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server no browser has talked to yet (the health check runs no script)."""
    work = tmp_path_factory.mktemp("siaga-first")
    db_path = work / "siaga.duckdb"
    _build_demo_db(db_path)
    with running_server(db_path, work) as server:
        yield server


def test_first_requests_after_a_restart_go_through_app(fresh_server, browser):  # noqa: F811
    contexts = [
        browser.new_context(viewport={"width": 1366, "height": 900}) for _ in FIRST_REQUESTS
    ]
    try:
        pages = [context.new_page() for context in contexts]
        # All sessions start before any has finished its first run.
        for page, url_path in zip(pages, FIRST_REQUESTS, strict=True):
            page.goto(f"{fresh_server.base_url}/{url_path}", wait_until="commit",
                      timeout=PAGE_TIMEOUT_MS)  # fmt: skip
        for page, url_path in zip(pages, FIRST_REQUESTS, strict=True):
            _wait_app_idle(page)
            assert_through_app(page, url_path, fresh_server)
    finally:
        for context in contexts:
            context.close()
