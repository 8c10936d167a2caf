"""The guard that runs every page inside app.py (header, filters, menu) even on the first
request after the server starts; app.py registers the pages themselves."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

ROUTED_KEY = "nav_routed"  # set by app.py in every session it has run in
PAGES_DIR = Path(__file__).resolve().parent.parent / "pages"


def mark_routed() -> None:
    """Called by app.py before it runs the chosen page."""
    st.session_state[ROUTED_KEY] = True


def through_app() -> None:
    """The first line of every page: run it inside app.py.

    Until some session has called st.navigation, Streamlit treats the ``pages/`` folder as
    a legacy multipage app: a deep link such as /pencalonan opened first after a restart
    runs that file on its own (no header, no filters, no login, a menu of file names).
    Such a run is the only one that reaches a page without app.py having marked its
    session. It then calls st.navigation, which makes Streamlit ignore ``pages/`` from now
    on for every session (documented behaviour of st.navigation), and reruns: the rerun,
    at the same URL, goes through app.py like every later one. Called when the page runs,
    never at import, so no module is left half imported.
    """
    if st.session_state.get(ROUTED_KEY):
        return
    pages = [
        st.Page(f"pages/{name}", url_path=url_path, default=default, visibility="hidden")
        for name, url_path, default in legacy_routes()
    ]
    st.navigation(pages, position="hidden")
    st.rerun()


# The page app.py opens at "/" and the address it gives that page (see app.py PAGES).
DEFAULT_PAGE, DEFAULT_URL_PATH = "ringkasan.py", "beranda"


def legacy_routes() -> list[tuple[str, str, bool]]:
    """(file in pages/, url path, default) of the navigation that leaves legacy mode: the
    same addresses as app.py's, so a session arriving at /badan_adhoc in that moment
    finds its page (were the first file the default, its address would be "", and
    /badan_adhoc a page not found)."""
    routes = [(DEFAULT_PAGE, DEFAULT_URL_PATH, True)]
    for path in sorted(PAGES_DIR.glob("*.py")):
        routes.append((path.name, path.stem, False))  # ringkasan.py: the /ringkasan alias
    return routes
