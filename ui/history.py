"""Parts of the Riwayat page: scope line, download of originals, withdrawal form."""

from __future__ import annotations

import functools
import threading

import pandas as pd
import streamlit as st

from analytics import auth, history
from analytics.auth import User
from analytics.errors import Refusal
from analytics.messages import msg
from analytics.storage import Database
from analytics.views import upload as view
from ui import media, shared

WITHDRAWN_KEY = "rwy_withdrawn"
# How long a served original stays fetchable at its /media address: long enough for the
# browser, which asks for it at once, short enough that a copied address soon dies.
SERVED_FILE_TTL_S = 10


def scope_text(user: User, region: str | None) -> str:
    if user.role == auth.OPERATOR:
        return f"Riwayat {user.region} {auth.region_name(user.region)} (kabupaten/kota Anda)."
    if region:
        return (
            f"Riwayat {region} {auth.region_name(region)}. Ganti atau hapus saringan "
            "kabupaten/kota di bilah samping untuk melihat yang lain."
        )
    return "Riwayat semua kabupaten/kota. Saring per kabupaten/kota di bilah samping."


def download_original(user: User, versions: pd.DataFrame) -> None:
    """Pick a version and download the file exactly as it was uploaded.

    Nothing of the file reaches the browser until the button is pressed: the bytes are
    read (scope checked again, audited) only then, and Streamlit's copy is dropped
    ``SERVED_FILE_TTL_S`` later. A session that logs out no longer draws the button, so
    Streamlit forgets its generator at the end of that run.
    """
    allowed = versions[versions["can_download"]]
    if allowed.empty:
        return
    st.markdown("**Unduh berkas asli**")
    rows = {int(r.version_id): r for r in allowed.itertuples(index=False)}
    version_id = st.selectbox(
        "Versi",
        list(rows),
        format_func=lambda v: view.version_label(rows[v]),
        key="rwy_download_version",
    )
    row = rows[version_id]
    st.download_button(
        "Unduh berkas asli",
        functools.partial(_serve_original, shared.database(), user, version_id),
        file_name=history.original_name(version_id, row.dataset, row.kode_wilayah, row.file_format),
        mime="application/octet-stream",
        help=msg("download_original_help"),
        icon=":material/download:",
        on_click="ignore",  # the audit entry is written by the download itself
        key="rwy_download",
    )


def _serve_original(db: Database, user: User, version_id: int) -> bytes:
    """Run by Streamlit when the button is pressed (on a worker thread, no page context)."""
    data = history.serve_original(db, user, version_id)
    timer = threading.Timer(SERVED_FILE_TTL_S, media.forget_served_files)
    timer.daemon = True
    timer.start()
    return data


def withdraw_form(user: User, versions: pd.DataFrame) -> None:
    """Admins withdraw an active version with a reason; the previous version counts again."""
    active = versions[versions["withdrawn_at"].isna()]
    if active.empty:
        return
    labels = {int(r.version_id): view.version_label(r) for r in active.itertuples(index=False)}
    with st.form("rwy_withdraw_form", clear_on_submit=True):
        st.markdown("**Tarik versi** (admin provinsi)")
        version_id = st.selectbox("Versi yang ditarik", list(labels), format_func=labels.get)
        reason = st.text_area("Alasan penarikan (wajib)", max_chars=500)
        submitted = st.form_submit_button("Tarik versi", icon=":material/undo:")
    if not submitted:
        return
    try:
        history.withdraw(shared.database(), user, version_id, reason)
    except Refusal as exc:
        st.error(shared.plain(str(exc)))
        return
    st.session_state[WITHDRAWN_KEY] = version_id
    st.rerun()


def show_last_withdrawal() -> None:
    version_id = st.session_state.pop(WITHDRAWN_KEY, None)
    if version_id is not None:
        st.success(msg("withdraw_done", version=version_id))
