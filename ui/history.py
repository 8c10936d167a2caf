"""Parts of the Riwayat page: scope line, download of originals, withdrawal form."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import auth, history
from analytics.auth import User
from analytics.errors import Refusal
from analytics.messages import msg
from analytics.views import upload as view
from ui import shared

WITHDRAWN_KEY = "rwy_withdrawn"


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
    """Pick a version and download the file exactly as it was uploaded (audited)."""
    allowed = versions[versions["can_download"]]
    if allowed.empty:
        return
    st.markdown("**Unduh berkas asli**")
    labels = {int(r.version_id): view.version_label(r) for r in allowed.itertuples(index=False)}
    version_id = st.selectbox(
        "Versi", list(labels), format_func=labels.get, key="rwy_download_version"
    )
    try:
        data, file_name = history.original_file(shared.database(), user, version_id)
    except Refusal as exc:
        st.warning(str(exc))
        return
    st.download_button(
        "Unduh berkas asli",
        data,
        file_name=file_name,
        icon=":material/download:",
        on_click=history.record_download,
        args=(shared.database(), user, version_id),
        key="rwy_download",
    )


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
        st.error(str(exc))
        return
    st.session_state[WITHDRAWN_KEY] = version_id
    st.rerun()


def show_last_withdrawal() -> None:
    version_id = st.session_state.pop(WITHDRAWN_KEY, None)
    if version_id is not None:
        st.success(msg("withdraw_done", version=version_id))
