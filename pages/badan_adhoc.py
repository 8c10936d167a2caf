"""Badan Ad Hoc: filling, swearing-in, women, applicants and unit coverage per body."""

import datetime as dt
from types import SimpleNamespace

import streamlit as st

from analytics import formatting as fmt
from analytics.config import load_config
from analytics.figures import bodies as figures
from analytics.labels import BODY_LABEL
from analytics.views import bodies as views
from analytics.views.long_tables import ROWS_AT_ONCE
from ui import navigation, shared, units

navigation.through_app()

SHARE, COUNT = "Bagian dari kebutuhan", "Jumlah anggota"


@shared.built
def _section(path: str, version: str, as_of: dt.date, body: str, region: str | None):
    """One body's metrics, table and CSV, built once per data version and filter choice
    (reruns only draw them); the reason as text when the body has no units yet and none
    is overdue (one that is overdue is drawn as 0% dilantik)."""
    ind = shared.indicators_on(as_of)
    if not (views.has_units(ind, body) or views.has_overdue(ind, body)):
        return views.empty_body_message(ind, body)
    frame = views.body_frame(ind, body)
    return SimpleNamespace(
        metrics=views.province_metrics(ind, body),
        region_sentence=views.region_sentence(ind, body, region) if region else None,
        missing=views.not_reported_names(frame),
        regions=len(frame),
        coverage=views.coverage_sentence(frame, body),
        table=views.body_table(ind, body),
        csv=views.csv_bytes(views.body_export(ind, body)),
        csv_name=views.csv_file_name("badan_adhoc", body, as_of),
    )


@shared.built
def _charts(path: str, version: str, as_of: dt.date, body: str, region: str | None, limit):
    """Women, applicants and (while incomplete) coverage bars of one body."""
    frame, label = views.body_frame(shared.indicators_on(as_of), body), BODY_LABEL[body]
    complete = views.coverage_sentence(frame, body)
    return (
        figures.women_bars(frame, label, config.women_target, region, limit),
        figures.applicant_bars(frame, label, config.applicant_target, region, limit),
        None
        if complete
        else figures.coverage_bars(frame, label, views.unit_label(body), region, limit),
    )


@shared.built
def _status_figure(path: str, version: str, as_of: dt.date, body: str, region, share, limit):
    frame = views.body_frame(shared.indicators_on(as_of), body)
    return figures.status_bars(frame, BODY_LABEL[body], share, region, limit)


chosen = shared.require_data()
config = load_config()
db_key = (str(shared.database().path), shared.data_version(), chosen.as_of)

st.title("Badan Ad Hoc")
st.caption(
    "Pengisian dan pelantikan anggota per kabupaten/kota, keterwakilan perempuan, rasio "
    "pendaftar dan cakupan unit yang dilaporkan. Arahkan kursor ke batang untuk rinciannya."
)


def show_body(body: str) -> None:
    section = _section(*db_key, body, chosen.region)
    if isinstance(section, str):
        st.info(section)
        return
    shared.metric_row(section.metrics)
    if section.region_sentence:
        st.markdown(section.region_sentence)
    if section.missing:
        more = len(section.missing) - ROWS_AT_ONCE
        st.caption(
            f"Belum lapor ({len(section.missing)}): "
            + ", ".join(section.missing[:ROWS_AT_ONCE])
            + (f", dan {fmt.number(more)} lainnya" if more > 0 else "")
        )
    mode = st.segmented_control(
        "Tampilkan", [SHARE, COUNT], default=SHARE, key=f"badan_mode_{body}", required=True
    )
    limit = None if shared.show_all(section.regions, f"badan_semua_{body}") else ROWS_AT_ONCE
    if limit:
        st.caption(
            f"Grafik menampilkan {ROWS_AT_ONCE} kabupaten/kota terendah (dan yang dipilih); "
            "semuanya ada di tabel di bawah."
        )
    shared.chart(_status_figure(*db_key, body, chosen.region, mode == SHARE, limit))
    women, applicants, coverage = _charts(*db_key, body, chosen.region, limit)
    left, right = st.columns(2)
    shared.chart(women, container=left)
    shared.chart(applicants, container=right)
    if section.coverage:
        st.success(section.coverage)
    else:
        shared.chart(coverage, container=st.columns(2)[0])
    st.subheader(f"Tabel {BODY_LABEL[body]} per kabupaten/kota")
    st.dataframe(section.table, hide_index=True, height=36 * 36)
    shared.table_download(section.csv, section.csv_name, f"badan_csv_{body}")
    # Drill-down: province (above) -> regency -> kecamatan -> desa/kelurahan.
    if chosen.region:
        name = shared.region_names()[chosen.region]
        units.section(chosen.region, name, chosen.as_of, body, f"badan_unit_{body}", back=True)
    else:
        units.region_picker(key=f"badan_unit_wilayah_{body}")


shared.per_body(show_body, chosen.body, key="badan_tab")
