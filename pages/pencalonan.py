"""Persiapan Pencalonan: checklist status per regency, overdue items, progress, countdown."""

import datetime as dt
from types import SimpleNamespace

import streamlit as st

from analytics import formatting as fmt
from analytics.figures import candidacy as figures
from analytics.views import calendar, candidacy, phone
from analytics.views.long_tables import ROWS_AT_ONCE
from ui import navigation, responsive, shared

navigation.through_app()

WIDE_TEXT = {"Uraian": st.column_config.TextColumn(width="medium")}


@shared.built
def _sections(path: str, version: str, as_of: dt.date, region: str | None):
    """Headline, tables and progress chart, built once per data version and filter choice
    (reruns only draw them)."""
    ind = shared.indicators_on(as_of)
    series = shared.indicators_series(shared.weekly_dates(as_of))
    overdue = candidacy.overdue_table(ind, region)
    return SimpleNamespace(
        headline=candidacy.headline(ind),
        any_reported=bool(ind.candidacy["is_reported"].any()),
        regions=len(ind.candidacy),
        matrix=candidacy.status_matrix(ind),
        overdue=overdue,
        overdue_lines=phone.table_lines(
            overdue,
            "",
            "Kabupaten/Kota",
            ["Butir", "Status", "Batas waktu", "Terlambat (hari)", "Penanggung jawab"],
        ),  # fmt: skip
        progress_figure=figures.progress_chart(candidacy.progress_series(series)),
        progress=candidacy.item_progress(ind),
    )


@shared.built
def _status_figure(path: str, version: str, as_of: dt.date, region: str | None, limit):
    """The regency x item heatmap, built once per data version and filter choice."""
    cells = candidacy.cells(shared.indicators_on(as_of))
    return figures.status_heatmap(cells, highlight=region, limit=limit)


chosen = shared.require_data()
db_key = (str(shared.database().path), shared.data_version(), chosen.as_of, chosen.region)
page = _sections(*db_key)

st.title("Persiapan Pencalonan")
_, countdown = calendar.registration_countdown(chosen.as_of)
st.markdown(f"**{countdown}**")
shared.metric_row(page.headline)
if chosen.body:
    st.caption("Filter badan tidak berlaku di halaman ini: daftar periksa berlaku per satker.")

if not page.any_reported:
    st.info(
        f"Belum ada kabupaten/kota yang mengunggah data persiapan pencalonan per "
        f"{fmt.date(chosen.as_of)}. Semua kabupaten/kota tampil sebagai belum lapor."
    )

st.subheader("Status butir per kabupaten/kota")
st.caption(
    "● selesai · ◐ proses · ○ belum (batas waktu belum lewat) · ■ terlambat: batas waktu "
    "sudah lewat dan belum selesai, ⚠ n hari sesudah batas waktu · – tidak berlaku · "
    "○ belum lapor (abu-abu). Diurutkan dari yang paling banyak terlambat; yang belum lapor "
    "di bawah."
)
limit = None if shared.show_all(page.regions, "pencalonan_semua") else ROWS_AT_ONCE
if limit:
    st.caption(
        f"Ditampilkan {ROWS_AT_ONCE} kabupaten/kota yang paling tertinggal dari "
        f"{fmt.number(page.regions)} (dan yang dipilih); semuanya ada di tabel di bawah ini."
    )
shared.chart(_status_figure(*db_key, limit), container=responsive.wide("pencalonan_status"))
responsive.narrow("pencalonan_status").caption(
    "Peta status ini perlu layar lebar. Di ponsel, lihat daftar butir terlambat di bawah, "
    "atau buka 'Lihat sebagai tabel'."
)
with st.expander("Lihat sebagai tabel"):
    st.dataframe(page.matrix, hide_index=True, width="stretch")

st.subheader("Butir terlambat")
if chosen.region:
    st.caption("Hanya kabupaten/kota terpilih; kosongkan filter wilayah untuk seluruh provinsi.")
if page.overdue.empty and not page.any_reported:  # nothing reported: no green "all fine"
    st.info(f"Belum ada kabupaten/kota yang melaporkan persiapan pencalonan per "
            f"{fmt.date(chosen.as_of)}.")  # fmt: skip
elif page.overdue.empty:
    st.success(f"Tidak ada butir terlambat per {fmt.date(chosen.as_of)}.")
else:
    wide = responsive.wide("pencalonan_terlambat")
    wide.dataframe(page.overdue, hide_index=True, width="stretch", column_config=WIDE_TEXT)
    responsive.lines(page.overdue_lines, responsive.narrow("pencalonan_terlambat"))

st.subheader("Kemajuan terhadap batas waktu")
shared.chart(page.progress_figure)
st.dataframe(
    page.progress,
    hide_index=True,
    width="stretch",
    height=35 * (len(page.progress) + 1) + 3,
    column_config={"Uraian": st.column_config.TextColumn(width="large")},
)
st.caption(
    "Persentase dari kabupaten/kota yang melapor dan butirnya berlaku. Tepat waktu: tanggal "
    "selesai tidak melewati batas waktu. Butir jatuh tempo dihitung untuk semua "
    "kabupaten/kota, termasuk yang belum lapor."
)
