"""SIAGA router: page config, navigation over pages/, header, sidebar filters and account."""

import streamlit as st

from ui import auth, navigation, profile, responsive, shared

st.set_page_config(
    page_title="SIAGA · KPU Provinsi Jawa Tengah",
    page_icon=":material/how_to_vote:",
    layout="wide",
    initial_sidebar_state="auto",  # collapsed on a phone, open on a wide screen
)

OVERVIEW = "pages/ringkasan.py"
PAGES = [
    st.Page(OVERVIEW, title="Ringkasan Provinsi", icon=":material/dashboard:", default=True,
            url_path="beranda"),
    st.Page("pages/kartu_status.py", title="Kartu Status", icon=":material/smartphone:"),
    st.Page("pages/badan_adhoc.py", title="Badan Ad Hoc", icon=":material/groups:"),
    st.Page("pages/bimtek.py", title="Bimtek", icon=":material/school:"),
    st.Page("pages/pencalonan.py", title="Persiapan Pencalonan", icon=":material/fact_check:"),
    st.Page("pages/profil.py", title="Profil Kabupaten/Kota", icon=":material/location_city:"),
    st.Page("pages/mode_rapat.py", title="Mode Rapat", icon=":material/slideshow:"),
    st.Page("pages/tindak_lanjut.py", title="Tindak Lanjut", icon=":material/task_alt:"),
    st.Page("pages/unggah.py", title="Unggah Data", icon=":material/upload_file:"),
    st.Page("pages/riwayat.py", title="Riwayat", icon=":material/history:"),
    # Streamlit serves the default page at "/" only; /ringkasan (a link written by hand) is
    # the same page under its own name, hidden from the menu. The default page therefore
    # needs another url_path ("beranda", never shown): both would otherwise be "ringkasan".
    st.Page(OVERVIEW, title="Ringkasan Provinsi", icon=":material/dashboard:",
            url_path="ringkasan", visibility="hidden"),
]  # fmt: skip
LOGIN_PAGE = st.Page(auth.login_page, title="Masuk", icon=":material/login:", url_path="masuk")

if auth.may_read_dashboards():
    chosen = st.navigation(PAGES)
    shared.sidebar_filters()
else:  # settings: read_without_login = false
    chosen = st.navigation([LOGIN_PAGE])
auth.sidebar_account()
shared.header()
responsive.style()
navigation.mark_routed()
profile.run_started()
try:
    chosen.run()
finally:
    profile.run_finished()
# Idle time prepares every regency's profile for the latest data (ui/profile.py).
profile.prewarm(shared.data_dates()[1])
