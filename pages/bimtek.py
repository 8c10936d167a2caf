"""Bimtek: training completion by regency, body and module; timelines; attendance funnel."""

import datetime as dt
from types import SimpleNamespace

import streamlit as st

from analytics import training_detail
from analytics.config import load_config
from analytics.figures import training as figures
from analytics.labels import BODY_LABEL
from analytics.storage import Database
from analytics.views import bodies as body_views
from analytics.views import phone
from analytics.views import profile as profile_views
from analytics.views import training as views
from analytics.views.long_tables import ROWS_AT_ONCE
from ui import navigation, responsive, shared

navigation.through_app()

chosen = shared.require_data()
config = load_config()


@st.cache_data(show_spinner=False, max_entries=32)
def _modules(path: str, version: str, as_of: dt.date):
    return training_detail.module_completion(Database(path), as_of)


@st.cache_data(show_spinner=False, max_entries=64)
def _activities(path: str, version: str, as_of: dt.date, body: str, region: str | None):
    return training_detail.activities(Database(path), as_of, body, region)


@shared.built
def _overview(path: str, version: str, as_of: dt.date, region: str | None, limit):
    """The regency x body matrix (and its phone list) and the province summary per body."""
    ind, modules = shared.indicators_on(as_of), _modules(path, version, as_of)
    frame = views.completion_frame(ind, modules)
    return (
        figures.completion_matrix(frame, config, region, limit),
        phone.training_lines(frame, config),
        views.body_summary(ind, modules),
    )


@shared.built
def _section(path: str, version: str, as_of: dt.date, body: str, region: str | None, limit):
    """Everything shown for one body, built once per data version and filter choice
    (reruns only draw it); the reason as text when no activity has been reported and no
    module is due yet (a due module is shown, started or not)."""
    ind, modules = shared.indicators_on(as_of), _modules(path, version, as_of)
    if not (views.has_activity(ind, body) or views.has_due_modules(ind, body)):
        return views.empty_body_message(ind, body)
    label = BODY_LABEL[body]
    where = body_views.short_name(profile_views.region_name(ind, region)) if region else None
    where = where or "Provinsi"
    stages = views.funnel_stages(ind, body, region)
    module_frame = views.module_frame(modules, body)
    activities = _activities(path, version, as_of, body, region)
    if region:
        timeline = None if activities.empty else figures.activity_timeline(
            views.timeline_frame(activities, as_of), f"Jadwal kegiatan {label} · {where}", as_of
        )  # fmt: skip
    elif not activities.empty:
        title = f"Kabupaten/kota yang memulai kegiatan {label}, per minggu"
        timeline = figures.weekly_matrix(views.weekly_modules(activities), title, as_of)
    else:
        timeline = None
    return SimpleNamespace(
        where=where,
        metrics=views.province_metrics(ind, modules, body),
        module_names=views.module_names(body),
        matrix=figures.module_matrix(module_frame, label, config, region, limit),
        module_lines=phone.module_lines(module_frame, label, config),
        funnel=None
        if stages.empty
        else figures.attendance_funnel(stages, f"Kehadiran {label}<br>{where}"),  # fmt: skip
        scheduled_note=views.scheduled_note(activities, as_of),
        timeline=timeline,
        table=views.completion_table(ind, modules, body),
        csv=body_views.csv_bytes(views.completion_export(ind, modules, body)),
        csv_name=body_views.csv_file_name("bimtek", body, as_of),
    )


path, version = str(shared.database().path), shared.data_version()

st.title("Bimtek")
st.caption(
    "Per materi wajib, penuntasan = tuntas ÷ target (paling tinggi 100%). "
    + views.measures_caption()
    + " Materi yang sudah jatuh tempo tetapi belum dimulai dihitung 0% (■ tertinggal); "
    "yang belum jatuh tempo abu-abu (◇) dan tidak dinilai."
)
limit = None if shared.show_all(len(shared.region_names()), "bimtek_semua") else ROWS_AT_ONCE
if limit:
    st.caption(
        f"Matriks menampilkan {ROWS_AT_ONCE} kabupaten/kota dengan penuntasan materi jatuh "
        "tempo terendah (dan yang dipilih); semuanya ada di tabel penuntasan per badan."
    )
matrix, matrix_lines, summary = _overview(path, version, chosen.as_of, chosen.region, limit)
left, right = st.columns([1, 1])
with left:
    shared.chart(matrix, container=responsive.wide("bimtek_matrix"))
    responsive.lines(matrix_lines, responsive.narrow("bimtek_matrix"))
right.markdown("**Ringkasan provinsi per badan**")
right.dataframe(summary, hide_index=True)
right.caption(
    "Kab/kota aktif: yang kegiatan bimtek badan itu sudah dimulai. Hadir dan tuntas: "
    "bagian dari target peserta (termasuk kegiatan yang baru dijadwalkan)."
)


def show_body(body: str) -> None:
    label = BODY_LABEL[body]
    section = _section(path, version, chosen.as_of, body, chosen.region, limit)
    if isinstance(section, str):
        st.info(section)
        return
    shared.metric_row(section.metrics)
    st.caption(f"Materi wajib {label}: {section.module_names}")
    # Full width: nine modules stay readable at 1280 px; a phone gets the lagging cells.
    shared.chart(section.matrix, container=responsive.wide(f"bimtek_modules_{body}"))
    responsive.lines(section.module_lines, responsive.narrow(f"bimtek_modules_{body}"))
    funnel, _ = st.columns([1, 2])
    if section.funnel is None:
        funnel.info(f"{section.where}: belum ada target peserta bimtek {label}.")
    else:
        shared.chart(section.funnel, container=funnel)
        if section.scheduled_note:
            funnel.caption(section.scheduled_note)
    if section.timeline is None:
        who = f"{section.where} belum" if chosen.region else "Belum ada kabupaten/kota yang"
        st.info(f"{who} melaporkan kegiatan bimtek {label}.")
    elif chosen.region:
        shared.chart(section.timeline)
    else:
        st.caption("Pilih kabupaten/kota di panel samping untuk melihat jadwal kegiatannya.")
        shared.chart(section.timeline, container=responsive.wide(f"bimtek_weeks_{body}"))
        responsive.narrow(f"bimtek_weeks_{body}").caption(
            "Matriks mingguan ini perlu layar lebar; di ponsel, lihat tabel penuntasan di bawah."
        )
    st.subheader(f"Tabel penuntasan {label} per kabupaten/kota")
    st.dataframe(section.table, hide_index=True, height=36 * 36)
    shared.table_download(section.csv, section.csv_name, f"bimtek_csv_{body}")


shared.per_body(show_body, chosen.body, key="bimtek_tab")
