"""The one place SIAGA reaches into Streamlit's runtime: dropping served downloads.

Issue 11 asks that an archived original be reachable by URL only briefly after the click
that served it. Streamlit 1.67 has no public call for that; this module uses the runtime's
media file manager (``remove_orphaned_files``), pinned by ``tests/ui/test_riwayat.py``.
Everything else in pages/ and ui/ uses public APIs only (``tests/ui/test_layout.py``).
"""

from __future__ import annotations

from streamlit import runtime


def forget_served_files() -> None:
    """Drop files Streamlit generated for a download and no longer shows from its media
    store, so their ``/media/...`` address stops answering.

    Streamlit keeps a generated download unreferenced and removes such files only on its
    second collection (normally the end of two later script runs of any session); there is
    no public call for it, so this runs that collection twice through the runtime's media
    file manager (``streamlit.runtime``, not a documented API: checked against 1.67).
    Files still drawn by any session are referenced and stay.
    """
    if not runtime.exists():
        return
    media = runtime.get_instance().media_file_mgr
    media.remove_orphaned_files()  # marks unreferenced downloads
    media.remove_orphaned_files()  # removes the marked ones
