"""Profil Kabupaten/Kota: one regency beside the province, its trend, gaps and uploads."""

import datetime as dt

import pandas as pd
import streamlit as st

from analytics import formatting as fmt
from analytics import region_detail
from analytics.figures import profile as figures
from analytics.labels import BODY_LABEL
from analytics.storage import Database
from analytics.views import candidacy, profile
from pages import shared


@st.cache_data(show_spinner=False, max_entries=64)
def _kecamatan(path: str, version: str, region: str, as_of: dt.date) -> pd.DataFrame:
    return region_detail.kecamatan_gaps(Database(path), region, as_of)


@st.cache_data(show_spinner=False, max_entries=64)
def _history(path: str, version: str, region: str, as_of: dt.date) -> pd.DataFrame:
    return region_detail.upload_history(Database(path), region, as_of)


def _choose(code: str) -> None:
    st.session_state.flt_region = code


chosen = shared.require_data()
ind = shared.indicators_on(chosen.as_of)
st.title("Profil Kabupaten/Kota")

if not chosen.region:
    st.info("Pilih kabupaten/kota di bilah samping (Saring → Kabupaten/kota), atau di bawah ini.")
    st.markdown(f"**Indeks kesiapan terendah per {fmt.date(chosen.as_of)}:**")
    for code, label in profile.most_behind(ind):
        st.button(label, key=f"profil_{code}", on_click=_choose, args=(code,))
    st.stop()

region, body, as_of = chosen.region, chosen.body, chosen.as_of
name = profile.region_name(ind, region)
st.header(f"{region} {name}")
st.markdown(" · ".join(f"{label}: {text}" for label, text in profile.reporting_status(ind, region)))
if not profile.has_reported(ind, region):
    st.warning(
        f"{name} belum lapor per {fmt.date(as_of)}: belum ada data badan ad hoc, bimtek, "
        "maupun persiapan pencalonan yang berlaku. Minta operator satker mengunggah "
        "berkasnya; sampai saat itu semua angka tampil sebagai belum lapor, bukan nol."
    )
elif missing := profile.missing_datasets(ind, region):
    st.info(f"Belum lapor: {', '.join(missing)}. Angka untuk data itu tampil sebagai belum lapor.")

headline = profile.headline(ind, region)
for column, (label, value) in zip(st.columns(len(headline)), headline, strict=True):
    column.metric(label, value)

st.subheader("Dibanding median provinsi")
comparison = profile.comparison_frame(ind, region, body)
table = profile.comparison_table(comparison, candidacy.short_name(name))
if profile.has_reported(ind, region):
    left, right = st.columns([2, 3])
    shared.chart(figures.comparison_chart(comparison, name), container=left)
    right.dataframe(table, hide_index=True, width="stretch", height=35 * (len(table) + 1) + 3)
else:
    st.dataframe(table, hide_index=True, width="stretch")
st.caption(
    "Median dari kabupaten/kota yang melapor; badan yang belum punya unit di seluruh "
    "provinsi tidak ditampilkan."
)

if profile.has_reported(ind, region):
    st.subheader("Perkembangan per pekan")
    series = shared.indicators_series(shared.weekly_dates(as_of))
    ready, sworn = profile.trend_frames(series, region, body)
    left, right = st.columns(2)
    shared.chart(figures.readiness_trend(ready, name), container=left)
    if sworn.empty:
        unit = BODY_LABEL[body] if body else "badan ad hoc"
        right.info(f"Belum ada unit {unit} yang dilaporkan, jadi belum ada grafik pelantikan.")
    else:
        shared.chart(figures.sworn_in_trend(sworn), container=right)

st.subheader("Kecamatan dengan kekurangan")
db_key = (str(shared.database().path), shared.data_version())
gaps = profile.kecamatan_table(_kecamatan(*db_key, region, as_of), body)
if not profile.dataset_reported(ind, region, "badan_adhoc"):
    st.info(f"{name} belum lapor data badan ad hoc per {fmt.date(as_of)}.")
elif body and not profile.body_has_units(ind, region, body):
    st.info(f"{name} belum melaporkan unit {BODY_LABEL[body]} per {fmt.date(as_of)}.")
elif gaps.empty:
    st.success("Semua kursi di setiap kecamatan sudah terisi dan dilantik.")
else:
    st.dataframe(gaps, hide_index=True, width="stretch")
    st.caption(
        "Kosong = kebutuhan − terisi; belum dilantik = terisi − dilantik. Diurutkan dari "
        "kekurangan terbesar."
    )

st.subheader("Daftar periksa pencalonan")
if profile.dataset_reported(ind, region, "persiapan_pencalonan"):
    checklist = profile.checklist_table(ind, region)
    st.dataframe(
        checklist,
        hide_index=True,
        width="stretch",
        height=35 * (len(checklist) + 1) + 3,
        column_config={"Uraian": st.column_config.TextColumn(width="large")},
    )
else:
    st.info(f"{name} belum lapor persiapan pencalonan per {fmt.date(as_of)}.")

st.subheader("Riwayat unggahan")
history = _history(*db_key, region, as_of)
table = profile.history_table(history, as_of)
if table.empty:
    st.info(f"Belum ada unggahan dari {name} untuk data per {fmt.date(as_of)} atau sebelumnya.")
else:
    st.dataframe(table, hide_index=True, width="stretch")
later = profile.later_version_count(history, as_of)
if later:
    st.caption(
        f"{fmt.number(later)} versi dengan data sesudah {fmt.date(as_of)} tidak ditampilkan."
    )
