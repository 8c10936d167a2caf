"""Unggah Data: template, as-of date and file; the verdict and the changes before storing."""

import datetime as dt
import logging

import streamlit as st

from analytics import auth
from analytics import formatting as fmt
from analytics.labels import DATASET_LABEL
from analytics.messages import msg
from analytics.schema import DATASETS
from ui import auth as auth_ui
from ui import navigation, shared
from ui import upload as upload_ui

navigation.through_app()

log = logging.getLogger("siaga.unggah")

st.title("Unggah Data")
user = auth_ui.current_user()
if user is None:
    auth_ui.login_form(msg("login_needed_upload"))
    st.stop()
if not auth.can_upload(user):
    st.info(msg("upload_viewer", name=shared.plain(user.name)))
    st.stop()
upload_ui.show_last_stored()

st.subheader("1. Pilih dataset dan unduh templatnya")
name = st.selectbox(
    "Dataset",
    list(DATASETS),
    format_func=lambda n: f"{DATASET_LABEL[n]} ({n})",
    key="upl_dataset",
)
dataset = DATASETS[name]
st.markdown(f"{dataset.description}. Satu berkas = keadaan lengkap satu kabupaten/kota.")
upload_ui.template_section(dataset, user)

st.subheader("2. Tanggal data dan berkas")
st.markdown(upload_ui.scope_text(user))
today = fmt.today_wib()
as_of = st.date_input(
    "Tanggal data",
    value=today,
    max_value=today,
    format="DD/MM/YYYY",
    key="upl_as_of",
    help="Tanggal keadaan yang digambarkan berkas (bawaan: hari ini). Unggahan menggantikan "
    "data kabupaten/kota ini mulai tanggal tersebut; data sebelumnya tetap tersimpan.",
)
limit_mb = st.get_option("server.maxUploadSize")
uploaded = st.file_uploader(
    "Berkas CSV atau Excel (.xlsx)",
    # Wider than what is read, so a .xls or .ods gets SIAGA's Indonesian advice instead of
    # the browser's English refusal.
    type=["csv", "xlsx", "xls", "ods", "txt", "tsv"],
    key=upload_ui.uploader_key(),
    help=msg("upload_limit", limit=limit_mb),
)
st.caption(msg("upload_limit", limit=limit_mb))
if uploaded is None:
    st.stop()

st.subheader("3. Hasil pemeriksaan")
try:
    upload_ui.verdict_and_confirm(user, name, uploaded.name, uploaded.getvalue(), as_of)
except Exception:
    # Details go to the server log only (client.showErrorDetails = "none").
    stamp = fmt.datetime_wib(dt.datetime.now(dt.UTC), seconds=True)
    log.exception("Unggah Data gagal: pengguna %s, dataset %s, waktu %s", user.name, name, stamp)
    st.error(msg("upload_server_error", time=stamp))
