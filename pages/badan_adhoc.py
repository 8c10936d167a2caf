"""Badan Ad Hoc: filling, swearing-in, women, applicants and unit coverage per body."""

import streamlit as st

from analytics.config import load_config
from analytics.figures import bodies as figures
from analytics.labels import BODY_LABEL
from analytics.views import bodies as views
from pages import shared

SHARE, COUNT = "Bagian dari kebutuhan", "Jumlah anggota"

chosen = shared.require_data()
ind = shared.indicators_on(chosen.as_of)
config = load_config()

st.title("Badan Ad Hoc")
st.caption(
    "Pengisian dan pelantikan anggota per kabupaten/kota, keterwakilan perempuan, rasio "
    "pendaftar dan cakupan unit yang dilaporkan. Arahkan kursor ke batang untuk rinciannya."
)


def show_body(body: str) -> None:
    label = BODY_LABEL[body]
    if not views.has_units(ind, body):
        st.info(views.empty_body_message(ind, body))
        return
    metrics = views.province_metrics(ind, body)
    for column, (name, value, explanation) in zip(st.columns(len(metrics)), metrics, strict=True):
        column.metric(name, value, help=explanation)
    if chosen.region:
        st.markdown(views.region_sentence(ind, body, chosen.region))
    frame = views.body_frame(ind, body)
    missing = views.not_reported_names(frame)
    if missing:
        st.caption(f"Belum lapor ({len(missing)}): " + ", ".join(missing))
    mode = st.segmented_control(
        "Tampilkan", [SHARE, COUNT], default=SHARE, key=f"badan_mode_{body}", required=True
    )
    shared.chart(figures.status_bars(frame, label, share=mode == SHARE, highlight=chosen.region))
    women, applicants = st.columns(2)
    shared.chart(
        figures.women_bars(frame, label, config.women_target, chosen.region), container=women
    )
    shared.chart(
        figures.applicant_bars(frame, label, config.applicant_target, chosen.region),
        container=applicants,
    )
    complete = views.coverage_sentence(frame, body)
    if complete:
        st.success(complete)
    else:
        shared.chart(
            figures.coverage_bars(frame, label, views.unit_label(body), chosen.region),
            container=st.columns(2)[0],
        )
    st.subheader(f"Tabel {label} per kabupaten/kota")
    st.dataframe(views.body_table(ind, body), hide_index=True, height=36 * 36)
    shared.table_download(
        views.csv_bytes(views.body_export(ind, body)),
        views.csv_file_name("badan_adhoc", body, ind.as_of),
        f"badan_csv_{body}",
    )


shared.per_body(show_body, chosen.body, key="badan_tab")
