"""Profil Kabupaten/Kota: one regency beside the province, its trend, gaps and uploads."""

import streamlit as st

from analytics import formatting as fmt
from analytics.labels import BODY_LABEL
from analytics.views import profile
from ui import auth as auth_ui
from ui import followups as followups_ui
from ui import navigation, responsive, shared, units
from ui import profile as profile_ui
from ui import risk as risk_ui

navigation.through_app()


def _choose(code: str) -> None:
    st.session_state.flt_region = code


chosen = shared.require_data()
path, version = str(shared.database().path), shared.data_version()
st.title("Profil Kabupaten/Kota")

if not chosen.region:
    st.info("Pilih kabupaten/kota di bilah samping (Saring → Kabupaten/kota), atau di bawah ini.")
    st.markdown(f"**Paling tertinggal per {fmt.date(chosen.as_of)}:**")
    for code, label in profile_ui.most_behind(path, version, chosen.as_of):
        st.button(label, key=f"profil_{code}", on_click=_choose, args=(code,))
    st.stop()

region, body, as_of = chosen.region, chosen.body, chosen.as_of
user = auth_ui.current_user()
page = profile_ui.regency(path, version, followups_ui.number_notes_version(), as_of, region, body)
name = page.name
st.header(f"{region} {name}")
st.markdown(" · ".join(f"{label}: {text}" for label, text in page.reporting))
if not page.reported:
    st.warning(
        f"{name} belum lapor per {fmt.date(as_of)}: belum ada data badan ad hoc, bimtek, "
        "maupun persiapan pencalonan yang berlaku. Minta operator satker mengunggah "
        "berkasnya; sampai saat itu semua angka tampil sebagai belum lapor, bukan nol."
    )
elif page.missing:
    st.info(
        f"Belum lapor: {', '.join(page.missing)}. Angka untuk data itu tampil sebagai belum lapor."
    )

shared.metric_row(page.headline)

st.subheader("Dibanding median provinsi")
table = page.comparison
if page.reported:
    # The chart above the table, each the page's full width: side by side (beside the
    # sidebar, at 1280 px) the bars shrank to nothing and the table's columns were cut.
    # On a phone the bars get no room beside their labels: the table below says it all.
    shared.chart(page.comparison_figure, container=responsive.wide("profil_banding"))
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        height=35 * (len(table) + 1) + 3,
        column_config={"Indikator": st.column_config.TextColumn(width="medium")},
    )
else:
    st.dataframe(table, hide_index=True, width="stretch")
st.caption(profile.comparison_note())

if page.reported:
    st.subheader("Perkembangan per pekan")
    left, right = st.columns(2)
    shared.chart(page.readiness_trend, container=left)
    if page.sworn_trend is None:
        unit = BODY_LABEL[body] if body else "badan ad hoc"
        right.info(f"Belum ada unit {unit} yang dilaporkan, jadi belum ada grafik pelantikan.")
    else:
        shared.chart(page.sworn_trend, container=right)
    risk_ui.region_section(region, name, as_of)
followups_ui.number_notes_section(region, as_of, user)
followups_ui.region_section(region, name, as_of, user)

st.subheader("Kecamatan dengan kekurangan")
if not page.badan_reported:
    st.info(f"{name} belum lapor data badan ad hoc per {fmt.date(as_of)}.")
elif body and not page.body_has_units:
    st.info(f"{name} belum melaporkan unit {BODY_LABEL[body]} per {fmt.date(as_of)}.")
elif page.gaps.empty:
    st.success("Semua kursi di setiap kecamatan sudah terisi dan dilantik.")
else:
    st.dataframe(page.gaps, hide_index=True, width="stretch")
    st.caption(
        "Kosong = kebutuhan − terisi; belum dilantik = terisi − dilantik. Diurutkan dari "
        "kekurangan terbesar."
    )
if page.badan_reported:
    units.section(region, name, as_of, body, key="profil_unit")

st.subheader("Daftar periksa pencalonan")
if page.checklist is not None:
    st.dataframe(
        page.checklist,
        hide_index=True,
        width="stretch",
        height=35 * (len(page.checklist) + 1) + 3,
        column_config={"Uraian": st.column_config.TextColumn(width="large")},
    )
else:
    st.info(f"{name} belum lapor persiapan pencalonan per {fmt.date(as_of)}.")

st.subheader("Riwayat unggahan")
table, later = profile_ui.upload_history(path, version, region, as_of)
if table.empty:
    st.info(f"Belum ada unggahan dari {name} untuk data per {fmt.date(as_of)} atau sebelumnya.")
else:
    st.dataframe(table, hide_index=True, width="stretch")
if later:
    st.caption(
        f"{fmt.number(later)} versi dengan data sesudah {fmt.date(as_of)} tidak ditampilkan."
    )
