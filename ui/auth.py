"""Login state of a browser session: who is logged in, the login form, the sidebar account box."""

from __future__ import annotations

import streamlit as st

from analytics import auth
from analytics.messages import msg
from analytics.settings import load_settings
from ui import shared

USER_KEY = "auth_user"  # the logged-in user name; the only login state kept in the session


def current_user() -> auth.User | None:
    """The logged-in account, re-read from the database on every run (so a removed or
    changed account takes effect at once)."""
    name = st.session_state.get(USER_KEY)
    if not name:
        return None
    user = auth.get_user(shared.database(), name)
    if user is None:
        del st.session_state[USER_KEY]
    return user


def may_read_dashboards() -> bool:
    return load_settings().read_without_login or current_user() is not None


def login_form(reason: str) -> None:
    """The login form, with the reason it is asked for; reruns the page on success."""
    st.info(reason)
    with st.form("login_form", width=420):
        name = st.text_input("Nama pengguna", autocomplete="username")
        password = st.text_input("Kata sandi", type="password", autocomplete="current-password")
        submitted = st.form_submit_button("Masuk", type="primary")
    if submitted:
        result = auth.login(shared.database(), name, password, client=client_address())
        if result.user is None:
            st.error(shared.plain(result.message))
            return
        st.session_state[USER_KEY] = result.user.name
        st.rerun()


def client_address() -> str | None:
    """The browser's address as Streamlit sees the connection (None for this machine).

    Behind a reverse proxy this is the proxy's address; the login throttle then counts
    every visitor as one (README, "Login").
    """
    address = st.context.ip_address
    return address if isinstance(address, str) and address else None


def login_page() -> None:
    """The only page shown when dashboards need a login (settings: read_without_login)."""
    st.title("Masuk")
    login_form(msg("login_needed_read"))


def _logout() -> None:
    user = current_user()
    if user is not None:
        auth.logout(shared.database(), user)
    for key in [k for k in st.session_state if k == USER_KEY or str(k).startswith("upl_")]:
        del st.session_state[key]


def sidebar_account() -> None:
    """Who is logged in and a logout button, or how to log in."""
    user = current_user()
    with st.sidebar:
        st.markdown("### Akun")
        if user is None:
            st.caption("Belum masuk. Untuk mengunggah data, buka **Unggah Data** lalu masuk.")
            return
        st.markdown("Masuk sebagai  \n**" + shared.plain(user.label) + "**")
        st.button("Keluar", on_click=_logout, icon=":material/logout:", key="auth_logout")
