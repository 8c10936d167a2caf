"""Placeholder page, filled by the dashboards work."""

import streamlit as st

st.title("bimtek")
