"""Profil Kabupaten/Kota: one regency beside the province, its trend, gaps and uploads."""

import datetime as dt
from types import SimpleNamespace

import pandas as pd
import streamlit as st

from analytics import formatting as fmt
from analytics import region_detail
from analytics.figures import profile as figures
from analytics.labels import BODY_LABEL
from analytics.storage import Database
from analytics.views import candidacy, profile
from ui import auth as auth_ui
from ui import followups as followups_ui
from ui import navigation, responsive, shared, units
from ui import risk as risk_ui

navigation.through_app()


@st.cache_data(show_spinner=False, max_entries=64)
def _kecamatan(path: str, version: str, region: str, as_of: dt.date) -> pd.DataFrame:
    return region_detail.kecamatan_gaps(Database(path), region, as_of)


@shared.built
def _history(path: str, version: str, region: str, as_of: dt.date) -> tuple[pd.DataFrame, int]:
    """The upload history as shown, and how many versions describe later dates."""
    history = region_detail.upload_history(Database(path), region, as_of)
    return profile.history_table(history, as_of), profile.later_version_count(history, as_of)


@st.cache_data(show_spinner=False, max_entries=32)
def _most_behind(path: str, version: str, as_of: dt.date) -> list[tuple[str, str]]:
    return profile.most_behind(shared.indicators_on(as_of))


@shared.built
def _profile(
    path: str, version: str, notes_version: str, as_of: dt.date, region: str, body: str | None
):
    """Everything the page shows of one regency, built once per data version, version of
    the notes on the numbers and filter choice (reruns only draw it)."""
    ind = shared.indicators_on(as_of)
    name = profile.region_name(ind, region)
    comparison = profile.comparison_frame(ind, region, body)
    reported = profile.has_reported(ind, region)
    out = SimpleNamespace(
        name=name,
        reporting=profile.reporting_status(ind, region),
        reported=reported,
        missing=profile.missing_datasets(ind, region) if reported else [],
        headline=profile.headline(ind, region),
        comparison=profile.comparison_table(comparison, candidacy.short_name(name)),
        comparison_figure=figures.comparison_chart(comparison, name) if reported else None,
        badan_reported=profile.dataset_reported(ind, region, "badan_adhoc"),
        body_has_units=bool(body) and profile.body_has_units(ind, region, body),
        gaps=profile.kecamatan_table(_kecamatan(path, version, region, as_of), body),
        checklist=profile.checklist_table(ind, region)
        if profile.dataset_reported(ind, region, "persiapan_pencalonan")
        else None,
        readiness_trend=None,
        sworn_trend=None,
    )
    if reported:
        series = shared.indicators_series(shared.weekly_dates(as_of))
        ready, sworn = profile.trend_frames(series, region, body)
        notes = followups_ui.notes_on_numbers(region, None)
        out.readiness_trend = figures.readiness_trend(ready, name, notes)
        out.sworn_trend = None if sworn.empty else figures.sworn_in_trend(sworn, notes)
    return out


def _choose(code: str) -> None:
    st.session_state.flt_region = code


chosen = shared.require_data()
path, version = str(shared.database().path), shared.data_version()
st.title("Profil Kabupaten/Kota")

if not chosen.region:
    st.info("Pilih kabupaten/kota di bilah samping (Saring → Kabupaten/kota), atau di bawah ini.")
    st.markdown(f"**Paling tertinggal per {fmt.date(chosen.as_of)}:**")
    for code, label in _most_behind(path, version, chosen.as_of):
        st.button(label, key=f"profil_{code}", on_click=_choose, args=(code,))
    st.stop()

region, body, as_of = chosen.region, chosen.body, chosen.as_of
user = auth_ui.current_user()
page = _profile(path, version, followups_ui.number_notes_version(), as_of, region, body)
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
table, later = _history(path, version, region, as_of)
if table.empty:
    st.info(f"Belum ada unggahan dari {name} untuk data per {fmt.date(as_of)} atau sebelumnya.")
else:
    st.dataframe(table, hide_index=True, width="stretch")
if later:
    st.caption(
        f"{fmt.number(later)} versi dengan data sesudah {fmt.date(as_of)} tidak ditampilkan."
    )
