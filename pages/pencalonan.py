"""Persiapan Pencalonan: checklist status per regency, overdue items, progress, countdown."""

import datetime as dt

import streamlit as st

from analytics import formatting as fmt
from analytics.figures import candidacy as figures
from analytics.views import candidacy
from pages import shared

WIDE_TEXT = {"Uraian": st.column_config.TextColumn(width="medium")}


@st.cache_data(show_spinner=False, max_entries=32)
def _status_figure(path: str, version: str, as_of: dt.date, region: str | None):
    """The regency x item heatmap, built once per data version and filter choice."""
    return figures.status_heatmap(candidacy.cells(shared.indicators_on(as_of)), highlight=region)


chosen = shared.require_data()
ind = shared.indicators_on(chosen.as_of)

st.title("Persiapan Pencalonan")
_, countdown = candidacy.registration_countdown(chosen.as_of)
st.markdown(f"**{countdown}**")
headline = candidacy.headline(ind)
for column, (label, value) in zip(st.columns(len(headline)), headline, strict=True):
    column.metric(label, value)
if chosen.body:
    st.caption("Filter badan tidak berlaku di halaman ini: daftar periksa berlaku per satker.")

if not ind.candidacy["is_reported"].any():
    st.info(
        f"Belum ada kabupaten/kota yang mengunggah data persiapan pencalonan per "
        f"{fmt.date(chosen.as_of)}. Semua kabupaten/kota tampil sebagai belum lapor."
    )

st.subheader("Status butir per kabupaten/kota")
st.caption(
    "● selesai · ◐ proses · ○ belum · – tidak berlaku · ⚠ terlambat n hari dari batas waktu. "
    "Diurutkan dari yang paling banyak terlambat; yang belum lapor di bawah."
)
db_key = (str(shared.database().path), shared.data_version())
shared.chart(_status_figure(*db_key, chosen.as_of, chosen.region))
with st.expander("Lihat sebagai tabel"):
    st.dataframe(candidacy.status_matrix(ind), hide_index=True, width="stretch")

st.subheader("Butir terlambat")
overdue = candidacy.overdue_table(ind, chosen.region)
if chosen.region:
    st.caption("Hanya kabupaten/kota terpilih; kosongkan filter wilayah untuk seluruh provinsi.")
if overdue.empty:
    st.success(f"Tidak ada butir terlambat per {fmt.date(chosen.as_of)}.")
else:
    st.dataframe(overdue, hide_index=True, width="stretch", column_config=WIDE_TEXT)

st.subheader("Kemajuan terhadap batas waktu")
series = shared.indicators_series(shared.weekly_dates(chosen.as_of))
shared.chart(figures.progress_chart(candidacy.progress_series(series)))
progress = candidacy.item_progress(ind)
st.dataframe(
    progress,
    hide_index=True,
    width="stretch",
    height=35 * (len(progress) + 1) + 3,
    column_config={"Uraian": st.column_config.TextColumn(width="large")},
)
st.caption(
    "Persentase dari kabupaten/kota yang melapor dan butirnya berlaku. Tepat waktu: tanggal "
    "selesai tidak melewati batas waktu. Butir jatuh tempo dihitung untuk semua "
    "kabupaten/kota, termasuk yang belum lapor."
)
