"""SIAGA router: page config, navigation over pages/, header, sidebar filters, data stamp."""

import streamlit as st

from pages import shared

st.set_page_config(
    page_title="SIAGA · KPU Provinsi Jawa Tengah",
    page_icon=":material/how_to_vote:",
    layout="wide",
    initial_sidebar_state="expanded",
)

PAGES = [
    st.Page("pages/ringkasan.py", title="Ringkasan Provinsi", icon=":material/dashboard:",
            default=True),
    st.Page("pages/badan_adhoc.py", title="Badan Ad Hoc", icon=":material/groups:"),
    st.Page("pages/bimtek.py", title="Bimtek", icon=":material/school:"),
    st.Page("pages/pencalonan.py", title="Persiapan Pencalonan", icon=":material/fact_check:"),
    st.Page("pages/profil.py", title="Profil Kabupaten/Kota", icon=":material/location_city:"),
]  # fmt: skip

navigation = st.navigation(PAGES)
shared.sidebar_filters()
shared.header()
navigation.run()
