"""Ringkasan Provinsi: headline figures and the regency table."""

import streamlit as st

from analytics import views
from pages import shared

as_of = shared.latest_date()
shared.header(as_of)

if as_of is None:
    st.info(
        "Belum ada data yang diunggah. Kabupaten/kota mengunggah berkas CSV atau Excel; "
        "untuk mencoba, jalankan `python -m analytics demo`."
    )
    st.stop()

ind = shared.current_indicators(as_of)
headline = views.province_headline(ind)
for column, (label, value) in zip(st.columns(len(headline)), headline, strict=True):
    column.metric(label, value)

st.subheader("Kabupaten/kota")
st.dataframe(views.region_table(ind), hide_index=True, height=36 * 36)
