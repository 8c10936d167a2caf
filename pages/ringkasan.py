"""Ringkasan Provinsi: which regencies are behind, on what and since when, at a glance."""

import datetime as dt

import streamlit as st

from analytics import formatting as fmt
from analytics import reference, tile_map
from analytics.config import load_config
from analytics.figures import overview as figures
from analytics.labels import BODY_LABEL
from analytics.views import overview
from pages import shared


@st.cache_data(show_spinner=False, max_entries=32)
def _sections(path: str, version: str, as_of: dt.date, body: str | None, region: str | None):
    """The attention list, tile map, scorecard and reporting tables, built once per data
    version and filter choice (reruns only draw them)."""
    ind = shared.indicators_on(as_of)
    history = shared.indicators_series(shared.weekly_dates(as_of) or [as_of])
    attention = overview.attention_list(ind, history, config, region)
    tiles = overview.tile_frame(ind, tile_map.tiles(), attention)
    tile_figure = (
        None if tiles.empty else figures.tile_map(tiles, region, config.green, config.amber)
    )
    return (
        attention,
        tile_figure,
        overview.scorecard(ind, body, region, config),
        overview.reporting_table(ind, region, problems_only=True),
        overview.reporting_table(ind, region),
    )


chosen = shared.require_data()
config = load_config()
ind = shared.indicators_on(chosen.as_of)
history = shared.indicators_series(shared.weekly_dates(chosen.as_of) or [chosen.as_of])
last_week = chosen.as_of - dt.timedelta(days=7)
previous = history.on(last_week) if last_week in history.province_by_date else None

st.title("Ringkasan Provinsi")
focus = f" · fokus {BODY_LABEL[chosen.body]}" if chosen.body else ""
st.caption(f"Perubahan dibanding {fmt.date(last_week)} (sepekan sebelumnya){focus}.")
metrics = overview.headline(ind, previous, chosen.body, config)
for row in (metrics[:5], metrics[5:]):
    for column, item in zip(st.columns(len(row)), row, strict=True):
        column.metric(
            item.label,
            item.value,
            item.delta,
            delta_color=item.delta_color,
            delta_arrow=item.delta_arrow,
            help=item.help,
            border=True,
        )

st.subheader("Tahapan berikutnya")
schedule = reference.read_reference("jadwal.csv")
ahead = overview.milestones_ahead(schedule, chosen.as_of)
if ahead:
    for column, milestone in zip(st.columns(4), ahead, strict=False):
        box = column.container(border=True)
        box.markdown(f"## {milestone.countdown}")
        box.markdown(f"**{milestone.stage}**  \n{milestone.date}")
else:
    st.info("Semua tahapan dalam jadwal sudah lewat pada tanggal ini.")
ongoing = overview.stages_ongoing(schedule, chosen.as_of)
if ongoing:
    st.markdown("Sedang berlangsung: " + "; ".join(ongoing) + ".")

st.subheader("Kabupaten/kota yang perlu perhatian")
attention, tile_figure, card, problems, everyone = _sections(
    str(shared.database().path), shared.data_version(), chosen.as_of, chosen.body, chosen.region
)
if attention.empty:
    st.success("● Semua kabupaten/kota siap dan melapor tepat waktu pada tanggal ini.")
else:
    st.caption(
        f"Urutan: ■ tertinggal, ○ belum lapor, ▲ perlu perhatian, lalu yang terlambat melapor. "
        f"'Belum siap sejak' = awal rangkaian minggu dengan indeks di bawah "
        f"{fmt.number(config.green)}; komponen di bawah {fmt.number(config.green)}%, yang "
        f"paling menurunkan indeks dulu."
    )
    st.table(attention.drop(columns="Kode"))

st.subheader("Peta kesiapan")
if tile_figure is None:
    st.info("Peta petak belum tersedia: data/reference/petak_peta.csv tidak memuat wilayah ini.")
else:
    shared.chart(tile_figure, config={"displayModeBar": False})
    st.caption("Letak petak mengikuti posisi kabupaten/kota di Jawa Tengah (barat ke timur).")

st.subheader("Kartu skor kabupaten/kota")
st.caption(
    f"● siap ≥ {fmt.number(config.green)}% · ▲ perlu perhatian ≥ {fmt.number(config.amber)}% · "
    f"■ tertinggal · ○ belum lapor. Klik judul kolom untuk mengurutkan. {card.note or ''}"
)
st.dataframe(card.styled(), hide_index=True, height=36 * 35 + 3, width="stretch")

st.subheader("Status pelaporan")
legend = (
    f"Tanggal = data per; ▲ terlambat bila data lebih tua dari {config.period_days} hari; "
    "nama = pengunggah."
)
if problems.values.empty:
    st.success(f"● {problems.note}")
else:
    st.warning(problems.note)
    st.caption(legend)
    st.dataframe(problems.styled(), hide_index=True, width="stretch")
with st.expander("Status pelaporan semua kabupaten/kota"):
    st.caption(legend)
    st.dataframe(everyone.styled(), hide_index=True, height=36 * 35 + 3, width="stretch")
