"""SIAGA router: page config, navigation over pages/, the header and the data stamp."""

import streamlit as st

st.set_page_config(
    page_title="SIAGA · KPU Provinsi Jawa Tengah",
    page_icon=":material/how_to_vote:",
    layout="wide",
)

navigation = st.navigation(
    [
        st.Page(
            "pages/ringkasan.py",
            title="Ringkasan Provinsi",
            icon=":material/dashboard:",
            default=True,
        ),
    ]
)
navigation.run()
