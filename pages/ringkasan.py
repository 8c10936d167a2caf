"""Ringkasan Provinsi: headline figures and the regency table."""

import streamlit as st

from analytics.views import overview
from pages import shared

chosen = shared.require_data()
ind = shared.indicators_on(chosen.as_of)

st.title("Ringkasan Provinsi")
headline = overview.province_headline(ind)
for column, (label, value) in zip(st.columns(len(headline)), headline, strict=True):
    column.metric(label, value)

st.subheader("Kabupaten/kota")
st.dataframe(overview.region_table(ind), hide_index=True, height=36 * 36)
