"""SIAGA router: page config, navigation over pages/, header, sidebar filters and account."""

import streamlit as st

from pages import auth_ui, shared

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
    st.Page("pages/mode_rapat.py", title="Mode Rapat", icon=":material/slideshow:"),
    st.Page("pages/unggah.py", title="Unggah Data", icon=":material/upload_file:"),
    st.Page("pages/riwayat.py", title="Riwayat", icon=":material/history:"),
]  # fmt: skip
LOGIN_PAGE = st.Page(auth_ui.login_page, title="Masuk", icon=":material/login:", url_path="masuk")

if auth_ui.may_read_dashboards():
    navigation = st.navigation(PAGES)
    shared.sidebar_filters()
else:  # settings: read_without_login = false
    navigation = st.navigation([LOGIN_PAGE])
auth_ui.sidebar_account()
shared.header()
navigation.run()
