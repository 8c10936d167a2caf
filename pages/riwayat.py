"""Riwayat: every version and the audit log, in the user's scope; originals and withdrawal."""

import streamlit as st

from analytics import auth, history
from analytics.labels import DATASET_LABEL
from analytics.messages import msg
from analytics.schema import DATASETS
from analytics.views import upload as view
from ui import auth as auth_ui
from ui import history as history_ui
from ui import navigation, shared

navigation.through_app()

STATUS_LABEL = {"": "Semua", "aktif": "Aktif", "ditarik": "Ditarik"}

st.title("Riwayat")
user = auth_ui.current_user()
if user is None:
    auth_ui.login_form(msg("login_needed_history"))
    st.stop()
history_ui.show_last_withdrawal()

region = auth.visible_region(user) or shared.filters().region
st.caption(history_ui.scope_text(user, region))
dataset = st.selectbox(
    "Dataset",
    ["", *DATASETS],
    format_func=lambda n: DATASET_LABEL.get(n, "Semua dataset"),
    key="rwy_dataset",
)
db = shared.database()
tabs = st.tabs(["Versi data"] + (["Log audit"] if user.role != auth.VIEWER else []))
with tabs[0]:
    status = st.segmented_control(
        "Status", list(STATUS_LABEL), format_func=STATUS_LABEL.get, default="", key="rwy_status"
    )
    versions = history.versions_for(db, user, dataset or None, region, status or None)
    if versions.empty:
        st.info(msg("history_empty"))
    else:
        st.dataframe(view.versions_table(versions), hide_index=True, width="stretch")
        history_ui.download_original(user, versions)
        if auth.can_withdraw(user):
            history_ui.withdraw_form(user, versions)
if len(tabs) > 1:
    with tabs[1]:
        entries = history.audit_for(db, user, region, dataset or None)
        if entries.empty:
            st.info(msg("history_empty"))
        else:
            st.dataframe(view.audit_table(entries), hide_index=True, width="stretch")
