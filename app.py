"""SIAGA router: page config, navigation over pages/, header, sidebar filters and account."""

import streamlit as st

from ui import auth, navigation, shared

st.set_page_config(
    page_title="SIAGA · KPU Provinsi Jawa Tengah",
    page_icon=":material/how_to_vote:",
    layout="wide",
    initial_sidebar_state="auto",  # collapsed on a phone, open on a wide screen
)

LOGIN_PAGE = st.Page(auth.login_page, title="Masuk", icon=":material/login:", url_path="masuk")

if auth.may_read_dashboards():
    chosen = st.navigation(navigation.pages())
    shared.sidebar_filters()
else:  # settings: read_without_login = false
    chosen = st.navigation([LOGIN_PAGE])
auth.sidebar_account()
shared.header()
navigation.mark_routed()
chosen.run()
