"""Mode Rapat: the meeting deck one slide at a time (next/previous, auto-advance) and its
exports. Full screen (the slide alone, no sidebar, header or filters): "Layar penuh" on the
page, or `?embed=true` in the address."""

import time

import streamlit as st

from analytics import exports, followups, meeting, reference, url_params
from analytics.exports import png
from ui import auth as auth_ui
from ui import followups as followups_ui
from ui import meeting_slide, navigation, shared
from ui import risk as risk_ui

navigation.through_app()

INTERVALS = {15: "15 detik", 30: "30 detik", 60: "1 menit", 120: "2 menit"}
st.session_state.setdefault("mr_title", meeting.DEFAULT_TITLE)
st.session_state.setdefault("mr_auto", False)
st.session_state.setdefault("mr_interval", 30)
st.session_state.setdefault("mr_changed", time.monotonic())
st.session_state.setdefault("mr_full", False)


@st.cache_data(show_spinner=False, max_entries=16)
def _deck(
    path: str,
    version: str,
    followups_version: str,
    as_of,
    title: str,
    region: str | None,
    scope: tuple[str, ...] | None,
) -> meeting.Deck:
    series = shared.indicators_series(shared.weekly_dates(as_of))
    lines, notes = followups_ui.deck_inputs(as_of, scope)
    return meeting.build_deck(
        series, title=title, region=region, is_demo=shared.is_demo(), followups=lines,
        number_notes=notes, risk_flags=risk_ui.flags(as_of),
    )  # fmt: skip


def deck_for(region: str | None) -> meeting.Deck:
    chosen = shared.filters()
    key = (
        str(shared.database().path), shared.data_version(), followups_ui.followups_version(),
        chosen.as_of,
    )  # fmt: skip
    scope = followups.visible_regions(auth_ui.current_user())
    return _deck(*key, st.session_state.mr_title, region, scope)


def toggle_full_screen() -> None:
    st.session_state.mr_full = not st.session_state.mr_full


def go(step: int, count: int) -> None:
    st.session_state.mr_index = (st.session_state.mr_index + step) % count
    st.session_state.mr_changed = time.monotonic()
    st.query_params["slide"] = str(st.session_state.mr_index + 1)


chosen = shared.require_data()
deck = deck_for(chosen.region)
count = len(deck.slides)
if "mr_index" not in st.session_state:  # first run: the slide asked for in the address
    number, notice = url_params.parse_slide(st.query_params.get("slide"), count)
    st.session_state.mr_index = (number or 1) - 1
    if notice:
        st.warning(shared.plain(notice))
        st.query_params["slide"] = str(st.session_state.mr_index + 1)
st.session_state.mr_index = min(st.session_state.mr_index, count - 1)
interval = st.session_state.mr_interval if st.session_state.mr_auto else None


@st.fragment(run_every=interval)
def presenter() -> None:
    if interval and time.monotonic() - st.session_state.mr_changed >= interval - 0.5:
        go(1, count)
    slide = deck.slides[st.session_state.mr_index]
    embedded = bool(st.context.is_embedded)  # ?embed=true: full screen for good
    with st.container(key=meeting_slide.STAGE_KEY, gap="small"):
        nav = st.container(horizontal=True, vertical_alignment="center", key="mr_nav")
        nav.button("◀ Sebelumnya", on_click=go, args=(-1, count), key="mr_back")
        nav.markdown(
            f"**Slide {st.session_state.mr_index + 1} dari {count}** · "
            f"{shared.plain(slide.title)}" + (" · putar otomatis" if interval else ""),
            width="stretch",
        )
        if not embedded:
            nav.button(
                "Keluar layar penuh" if st.session_state.mr_full else "Layar penuh",
                on_click=toggle_full_screen,
                icon=":material/fullscreen_exit:" if st.session_state.mr_full
                else ":material/fullscreen:",
                key="mr_full_button",
                help="Hanya slide: tanpa sidebar, judul aplikasi, saringan dan pengaturan.",
            )  # fmt: skip
        nav.button("Berikutnya ▶", on_click=go, args=(1, count), key="mr_next")
        meeting_slide.show(slide, deck, full_screen=st.session_state.mr_full)
    if slide.key == "perhatian" and not interval and not embedded:
        followups_ui.attention_form(auth_ui.current_user(), deck.as_of, deck.region)
    if slide.chart and png.available():  # hidden where no Chromium is installed
        st.download_button(
            "Grafik slide ini (PNG)",
            data=lambda: png.chart_png(slide.chart),
            file_name=f"siaga_{slide.key}_{deck.as_of.isoformat()}.png",
            mime="image/png",
            on_click="ignore",
            icon=":material/image:",
            key="mr_png",
        )


presenter()


def downloads(target: meeting.Deck, key: str) -> None:
    for column, fmt in zip(st.columns(len(exports.FORMATS)), exports.FORMATS.values(), strict=True):
        column.download_button(
            fmt.label,
            data=lambda fmt=fmt: exports.render(target, fmt.name),
            file_name=exports.file_name(target, fmt.name),
            mime=fmt.mime,
            on_click="ignore",
            icon=":material/download:",
            key=f"mr_dl_{key}_{fmt.name}",
            width="stretch",
        )


with st.expander("Pengaturan rapat dan unduhan", expanded=False):
    st.text_input("Judul rapat", key="mr_title", max_chars=120)
    auto, pace = st.columns(2)
    auto.toggle("Putar otomatis", key="mr_auto", help="Pindah ke slide berikutnya sendiri.")
    pace.selectbox("Selang", list(INTERVALS), key="mr_interval", format_func=INTERVALS.get)
    st.caption(
        "Cakupan mengikuti saringan kabupaten/kota di sidebar. Hanya slide, tanpa sidebar "
        "dan saringan: tombol **Layar penuh**, atau tambahkan `?embed=true` pada alamat "
        "halaman."
    )
    st.markdown(f"**Unduh bahan rapat ({shared.plain(deck.scope)})**")
    downloads(deck, "deck")
    st.markdown("**Satu berkas per kabupaten/kota** (dibawa pulang satker)")
    names = reference.region_names()
    st.session_state.setdefault("mr_region", chosen.region or next(iter(names)))
    region = st.selectbox(
        "Kabupaten/kota", list(names), key="mr_region", format_func=lambda c: f"{c} {names[c]}"
    )
    downloads(deck_for(region), "region")
