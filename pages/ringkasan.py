"""Ringkasan Provinsi: which regencies are behind, on what and since when, at a glance."""

import datetime as dt

import streamlit as st

from analytics import categories, reference, tile_map
from analytics import formatting as fmt
from analytics.config import load_config
from analytics.figures import overview as figures
from analytics.labels import BODY_LABEL
from analytics.views import calendar, headline, overview, phone, ranking
from analytics.views import followups as followups_view
from ui import followups as followups_ui
from ui import navigation, responsive, shared
from ui import risk as risk_ui

navigation.through_app()

CARDS_PAGE = "pages/kartu_status.py"
# The attention list on a phone: one line per regency, these columns after its name.
ATTENTION_FIELDS = ["Kesiapan", "Belum siap pada", "Belum siap sejak", "Pelaporan"]


@shared.built
def _calendar(as_of: dt.date):
    """The next milestones and the stages under way on ``as_of`` (the schedule is fixed)."""
    schedule = reference.read_reference("jadwal.csv")
    return calendar.milestones_ahead(schedule, as_of), calendar.stages_ongoing(schedule, as_of)


@shared.built
def _sections(path: str, version: str, as_of: dt.date, body: str | None, region: str | None):
    """The headline, attention list, tile map, scorecard and reporting tables, built once per
    data version and filter choice (reruns only draw them)."""
    ind = shared.indicators_on(as_of)
    history = shared.indicators_series(shared.weekly_dates(as_of) or [as_of])
    last_week = as_of - dt.timedelta(days=7)
    previous = history.on(last_week) if last_week in history.province_by_date else None
    attention = ranking.attention_list(ind, history, config, region)
    tiles = overview.tile_frame(ind, tile_map.tiles(), attention)
    tile_figure = None if tiles.empty else figures.tile_map(tiles, region)
    return (
        headline.headline(ind, previous, body, config),
        attention,
        ranking.attention_verdict(ind, attention, config),
        tile_figure,
        overview.scorecard(ind, body, region, config),
        overview.reporting_table(ind, region, problems_only=True),
        overview.reporting_table(ind, region),
    )


chosen = shared.require_data()
config = load_config()
last_week = chosen.as_of - dt.timedelta(days=7)
metrics, attention, verdict, tile_figure, card, problems, everyone = _sections(
    str(shared.database().path), shared.data_version(), chosen.as_of, chosen.body, chosen.region
)

st.title("Ringkasan Provinsi")
focus = f" · fokus {BODY_LABEL[chosen.body]}" if chosen.body else ""
st.caption(f"Perubahan dibanding {fmt.date(last_week)} (sepekan sebelumnya){focus}.")
for row in headline.headline_rows(metrics):
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
risk_ui.metric(chosen.as_of)

st.subheader("Tahapan berikutnya")
ahead, ongoing = _calendar(chosen.as_of)
if ahead:
    for column, milestone in zip(st.columns(4), ahead, strict=False):
        box = column.container(border=True)
        box.markdown(f"## {milestone.countdown}")
        box.markdown(f"**{milestone.stage}**  \n{milestone.date}")
else:
    st.info("Semua tahapan dalam jadwal sudah lewat pada tanggal ini.")
if ongoing:
    st.markdown("Sedang berlangsung: " + "; ".join(ongoing) + ".")

st.subheader("Kabupaten/kota yang perlu perhatian")
open_count, overdue_count = followups_ui.counts(chosen.as_of)
late_followups = followups_ui.overdue_regions(chosen.as_of)
links = st.container(horizontal=True, vertical_alignment="center")
links.markdown(followups_view.counts_text(open_count, overdue_count), width="content")
links.page_link("pages/tindak_lanjut.py", label="Lihat tindak lanjut", icon=":material/task_alt:")
if attention.empty:
    {"success": st.success, "info": st.info}[verdict.kind](verdict.text)
else:
    st.caption(
        f"{verdict.text} Urutan: ■ tertinggal, ○ belum lapor, ▲ perlu perhatian, lalu yang "
        f"terlambat melapor. {categories.rule_text(config)} 'Belum siap pada' = komponen "
        f"jatuh tempo di bawah {fmt.number(config.green)}% dan butir pencalonan yang terlambat, "
        f"yang tertinggal dulu; 'Belum siap sejak' = awal rangkaian minggu yang tidak siap."
        + (
            f" {followups_view.OVERDUE_MARK} = ada tindak lanjut rapat yang terlambat."
            if late_followups
            else ""
        )
    )
    rest, first = ranking.attention_rest(attention), "yang paling mendesak dulu"
    shown = shared.rows_shown(attention, len(attention), "ringkasan_perhatian_semua", rest, first)
    marked = followups_view.mark_overdue(shown, late_followups).drop(columns="Kode")
    responsive.wide("ringkasan_perhatian").table(marked)
    responsive.lines(
        phone.table_lines(marked, "", "Kabupaten/Kota", ATTENTION_FIELDS),
        responsive.narrow("ringkasan_perhatian"),
    )
risk_ui.province_list(chosen.as_of)

st.subheader("Peta kesiapan")
if tile_figure is None:
    st.info("Peta petak belum tersedia: data/reference/petak_peta.csv tidak memuat wilayah ini.")
else:
    wide = responsive.wide("ringkasan_peta")
    shared.chart(tile_figure, container=wide, config={"displayModeBar": False})
    phone_note = responsive.narrow("ringkasan_peta")
    phone_note.caption(
        "Peta petak perlu layar lebar. Di ponsel, lihat daftar di atas atau kartu status "
        "setiap kabupaten/kota."
    )
    phone_note.page_link(CARDS_PAGE, label="Buka Kartu Status", icon=":material/smartphone:")
    wide.caption(
        "Warna dan simbol = kategori kabupaten/kota (aturan di atas: komponen yang jatuh "
        "tempo ikut menentukan); angka = indeks kesiapan. Letak petak mengikuti posisi "
        "kabupaten/kota di Jawa Tengah (barat ke timur)."
    )

st.subheader("Kartu skor kabupaten/kota")
st.caption(
    f"● siap ≥ {fmt.number(config.green)}% · ▲ perlu perhatian ≥ {fmt.number(config.amber)}% · "
    f"■ tertinggal · ○ belum lapor. Kolom 'Kategori' mengikuti aturan di atas dan 'Belum siap "
    f"pada' menyebut komponen yang paling menahannya; komponen yang baru jatuh tempo di kiri, geser tabel ke kanan untuk komponen sebelumnya. Klik judul "
    f"kolom untuk mengurutkan. {card.note or ''}"
)
rest = card.rest_by_category("Indeks kesiapan")
shown = shared.rows_shown(
    card, len(card.values), "ringkasan_kartu_semua", rest, "yang terlemah dulu"
)
phone_note = responsive.narrow("ringkasan_kartu")
phone_note.caption(
    "Kartu skor perlu layar lebar. Di ponsel, setiap kabupaten/kota punya kartu status "
    "sendiri, yang paling mendesak dulu."
)
phone_note.page_link(CARDS_PAGE, label="Buka Kartu Status", icon=":material/smartphone:")
responsive.wide("ringkasan_kartu").dataframe(
    shown.styled(),
    hide_index=True,
    height=36 * 35 + 3,
    width="stretch",
    column_config={  # code and name stay in view when the table scrolls right
        "Kode": st.column_config.Column(pinned=True),
        "Kabupaten/Kota": st.column_config.Column(pinned=True),
        "Kategori": st.column_config.Column(alignment="left"),
    },
)

st.subheader("Status pelaporan")
legend = (
    f"Tanggal = data per; ▲ terlambat bila data lebih tua dari {config.period_days} hari; "
    "nama = pengunggah."
)
if problems.values.empty and problems.note == overview.NOTHING_EXPECTED:
    st.info(problems.note)
elif problems.values.empty:
    st.success(f"✓ {problems.note}")
else:
    st.warning(problems.note)
    st.caption(legend)
    rest, first = overview.reporting_rest(problems), "yang paling banyak kurang dulu"
    shown = shared.rows_shown(
        problems, len(problems.values), "ringkasan_masalah_semua", rest, first
    )
    st.dataframe(shown.styled(), hide_index=True, width="stretch")
with st.expander("Status pelaporan semua kabupaten/kota"):
    st.caption(legend)
    rest, first = overview.reporting_rest(everyone), "yang belum lengkap dulu"
    shown = shared.rows_shown(
        everyone, len(everyone.values), "ringkasan_pelaporan_semua", rest, first
    )
    st.dataframe(shown.styled(), hide_index=True, height=36 * 35 + 3, width="stretch")
