"""Bimtek: training completion by regency, body and module; timelines; attendance funnel."""

import datetime as dt

import streamlit as st

from analytics import training_detail
from analytics.config import load_config
from analytics.figures import training as figures
from analytics.labels import BODY_LABEL
from analytics.storage import Database
from analytics.views import bodies as body_views
from analytics.views import profile as profile_views
from analytics.views import training as views
from pages import shared

chosen = shared.require_data()
ind = shared.indicators_on(chosen.as_of)
config = load_config()


@st.cache_data(show_spinner=False, max_entries=32)
def _modules(path: str, version: str, as_of: dt.date):
    return training_detail.module_completion(Database(path), as_of)


@st.cache_data(show_spinner=False, max_entries=64)
def _activities(path: str, version: str, as_of: dt.date, body: str, region: str | None):
    return training_detail.activities(Database(path), as_of, body, region)


@st.cache_data(show_spinner=False, max_entries=64)
def _matrix(path: str, version: str, as_of: dt.date, body: str | None, region: str | None):
    """The regency x body matrix (``body`` None) or one body's regency x module matrix,
    built once per data version and filter choice."""
    ind, modules = shared.indicators_on(as_of), _modules(path, version, as_of)
    if body is None:
        return figures.completion_matrix(views.completion_frame(ind, modules), config, region)
    per_module = views.module_frame(modules, body)
    return figures.module_matrix(per_module, BODY_LABEL[body], config, region)


path, version = str(shared.database().path), shared.data_version()
modules = _modules(path, version, chosen.as_of)
region_name = (
    body_views.short_name(profile_views.region_name(ind, chosen.region)) if chosen.region else None
)

st.title("Bimtek")
st.caption(
    "Penuntasan bimbingan teknis badan ad hoc: per materi wajib, penuntasan = tuntas ÷ "
    "target (paling tinggi 100%); penuntasan badan = rata-rata materi wajib yang sudah jatuh "
    "tempo pada tanggal data (seperti indeks kesiapan menghitungnya)."
)
left, right = st.columns([1, 1])
shared.chart(_matrix(path, version, chosen.as_of, None, chosen.region), container=left)
right.markdown("**Ringkasan provinsi per badan**")
right.dataframe(views.body_summary(ind, modules), hide_index=True)
right.caption(
    "Kab/kota aktif: yang kegiatan bimtek badan itu sudah dimulai. Hadir dan tuntas: "
    "bagian dari target peserta (termasuk kegiatan yang baru dijadwalkan)."
)


def show_body(body: str) -> None:
    label = BODY_LABEL[body]
    if not views.has_activity(ind, body):
        st.info(views.empty_body_message(ind, body))
        return
    metrics = views.province_metrics(ind, modules, body)
    for column, (name, value, explanation) in zip(st.columns(len(metrics)), metrics, strict=True):
        column.metric(name, value, help=explanation)
    st.caption(f"Materi wajib {label}: {views.module_names(body)}")
    matrix, funnel = st.columns([3, 1])
    shared.chart(_matrix(path, version, chosen.as_of, body, chosen.region), container=matrix)
    stages = views.funnel_stages(ind, body, chosen.region)
    activities = _activities(path, version, chosen.as_of, body, chosen.region)
    where = region_name or "Provinsi"
    if stages.empty:
        funnel.info(f"{where}: belum ada target peserta bimtek {label}.")
    else:
        shared.chart(
            figures.attendance_funnel(stages, f"Kehadiran {label}<br>{where}"), container=funnel
        )
        note = views.scheduled_note(activities, chosen.as_of)
        if note:
            funnel.caption(note)
    if chosen.region and activities.empty:
        st.info(f"{where} belum melaporkan kegiatan bimtek {label}.")
    elif chosen.region:
        timeline = views.timeline_frame(activities, chosen.as_of)
        title = f"Jadwal kegiatan {label} · {where}"
        shared.chart(figures.activity_timeline(timeline, title, chosen.as_of))
    else:
        st.caption("Pilih kabupaten/kota di panel samping untuk melihat jadwal kegiatannya.")
        weekly = views.weekly_modules(activities)
        title = f"Kabupaten/kota yang memulai kegiatan {label}, per minggu"
        shared.chart(figures.weekly_matrix(weekly, title, chosen.as_of))
    st.subheader(f"Tabel penuntasan {label} per kabupaten/kota")
    st.dataframe(views.completion_table(ind, modules, body), hide_index=True, height=36 * 36)
    shared.table_download(
        body_views.csv_bytes(views.completion_export(ind, modules, body)),
        body_views.csv_file_name("bimtek", body, ind.as_of),
        f"bimtek_csv_{body}",
    )


shared.per_body(show_body, chosen.body, key="bimtek_tab")
