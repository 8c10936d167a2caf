"""The pages app.py registers with st.navigation, and the guard that runs every page inside
app.py (header, filters, menu) even on the first request after the server starts."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

ROUTED_KEY = "nav_routed"  # set by app.py in every session it has run in


@dataclass(frozen=True)
class PageFile:
    """One page: a script in pages/ and how the menu shows it."""

    path: str
    title: str
    icon: str
    url_path: str | None = None  # None: the file name
    default: bool = False
    hidden: bool = False


OVERVIEW = "pages/ringkasan.py"
PAGES = (
    PageFile(OVERVIEW, "Ringkasan Provinsi", ":material/dashboard:", "beranda", default=True),
    PageFile("pages/badan_adhoc.py", "Badan Ad Hoc", ":material/groups:"),
    PageFile("pages/bimtek.py", "Bimtek", ":material/school:"),
    PageFile("pages/pencalonan.py", "Persiapan Pencalonan", ":material/fact_check:"),
    PageFile("pages/profil.py", "Profil Kabupaten/Kota", ":material/location_city:"),
    PageFile("pages/mode_rapat.py", "Mode Rapat", ":material/slideshow:"),
    PageFile("pages/unggah.py", "Unggah Data", ":material/upload_file:"),
    PageFile("pages/riwayat.py", "Riwayat", ":material/history:"),
    # Streamlit serves the default page at "/" only; /ringkasan (a link written by hand) is
    # the same page under its own name, hidden from the menu. The default page therefore
    # needs another url_path ("beranda", never shown): both would otherwise be "ringkasan".
    PageFile(OVERVIEW, "Ringkasan Provinsi", ":material/dashboard:", "ringkasan", hidden=True),
)


def pages() -> list[st.Page]:
    """The st.Page objects of PAGES (built per run: st.Page needs the running app)."""
    return [
        st.Page(
            p.path,
            title=p.title,
            icon=p.icon,
            url_path=p.url_path,
            default=p.default,
            visibility="hidden" if p.hidden else "visible",
        )
        for p in PAGES
    ]


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
    st.navigation(pages(), position="hidden")
    st.rerun()
