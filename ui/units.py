"""The section 'Unit resmi per kecamatan' of Profil and Badan Ad Hoc: one regency's official
kecamatan and desa/kelurahan with no row, a vacancy or members not yet sworn in, by
kecamatan, a drill-down to one kecamatan's desa/kelurahan, and the list as CSV and Excel."""

from __future__ import annotations

import datetime as dt
import functools
from types import SimpleNamespace

import pandas as pd
import streamlit as st

from analytics import formatting as fmt
from analytics import region_detail
from analytics.indicators import BODY_ORDER
from analytics.storage import Database
from analytics.views import units
from ui import shared

TITLE = "Unit resmi per kecamatan"
ALL_KECAMATAN = ""
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPLANATION = (
    "Setiap kecamatan (PPK) dan desa/kelurahan (PPS, Pantarlih, KPPS) menurut daftar resmi "
    "Kemendagri, dicocokkan dengan baris yang dilaporkan lewat kodenya: belum ada baris, "
    "kekurangan anggota (terisi < kebutuhan), belum dilantik (dilantik < terisi) atau "
    "lengkap. Pantarlih dan KPPS dibentuk per TPS; baris TPS-nya dijumlahkan per "
    "desa/kelurahan. Cakupan hanya menghitung unit resmi."
)


@st.cache_data(show_spinner=False, max_entries=64)
def _units(path: str, version: str, region: str, as_of: dt.date) -> pd.DataFrame:
    return region_detail.region_units(Database(path), region, as_of)


@shared.built
def _section(path: str, version: str, as_of: dt.date, region: str, body: str | None):
    """What the section shows of one regency, built once per data version, date, regency
    and body (reruns only draw it); None when the regency has not reported."""
    frame = _units(path, version, region, as_of)
    if not units.is_reported(frame):
        return None
    bodies = units.shown_bodies(frame, as_of, body)
    export = units.problem_export(frame, bodies)
    return SimpleNamespace(
        bodies=bodies,
        summary=units.summary_lines(frame, bodies),
        waiting=units.waiting_sentence(
            [b for b in ([body] if body else BODY_ORDER) if b not in bodies], as_of
        ),
        groups=units.problem_groups(frame, bodies),
        choices=units.kecamatan_choices(frame, bodies),
        export=export,
    )


@shared.built
def _kecamatan(path: str, version: str, as_of: dt.date, region: str, body, kecamatan: str):
    frame = _units(path, version, region, as_of)
    return units.kecamatan_detail(frame, units.shown_bodies(frame, as_of, body), kecamatan)


def _choose_region(key: str) -> None:
    """The regency picked in the section becomes the sidebar filter and the link's
    ``wilayah`` (what the next run reads, as a link opened with it would)."""
    code = st.session_state.get(key) or shared.ALL
    st.session_state.flt_region = code
    if code:
        st.query_params[shared.QUERY_KEYS["region"]] = code


def _back_to_province() -> None:
    st.session_state.flt_region = shared.ALL
    if shared.QUERY_KEYS["region"] in st.query_params:
        del st.query_params[shared.QUERY_KEYS["region"]]


def region_picker(key: str) -> None:
    """The province level of the drill-down: a regency chosen here becomes the sidebar's
    filter (so charts, URL and this section agree)."""
    st.subheader(TITLE)
    names = shared.region_names()
    st.selectbox(
        "Pilih kabupaten/kota untuk melihat kecamatan dan desa/kelurahannya",
        [shared.ALL, *names],
        key=key,
        format_func=lambda c: f"{c} {names[c]}" if c else "— pilih —",
        on_change=_choose_region,
        args=(key,),
    )


def prepare(path: str, version: str, as_of: dt.date, region: str) -> None:
    """Build (and cache) the section of ``region`` for every body, as a reader will ask it."""
    _section(path, version, as_of, region, None)


def section(
    region: str, region_name: str, as_of: dt.date, body: str | None, key: str, back: bool = False
) -> None:
    """The section for one regency (``key`` keeps its widgets apart on a page); ``back``
    offers the way up to the province (Badan Ad Hoc: the sidebar is hidden on a phone)."""
    path, version = str(shared.database().path), shared.data_version()
    st.subheader(TITLE)
    st.caption(EXPLANATION)
    if back:
        st.button(
            "Kembali ke semua kabupaten/kota",
            icon=":material/arrow_upward:",
            on_click=_back_to_province,
            key=f"{key}_provinsi",
        )
    built = _section(path, version, as_of, region, body)
    if built is None:
        st.info(f"{shared.plain(region_name)} belum lapor data badan ad hoc per {fmt.date(as_of)}.")
        return
    if not built.bodies:
        st.info(built.waiting)
        return
    st.markdown("\n".join(f"- {line}" for line in built.summary))
    if built.waiting:
        st.caption(built.waiting)
    names = built.choices
    kecamatan = st.selectbox(
        "Kecamatan",
        [ALL_KECAMATAN, *names],
        key=f"{key}_kecamatan_{region}",
        format_func=lambda c: names[c][1] if c else "Semua kecamatan (hanya yang belum lengkap)",
    )
    trail = ["Provinsi Jawa Tengah", region_name]
    if kecamatan:
        trail.append(names[kecamatan][0])
    st.caption(" › ".join(shared.plain(part) for part in trail))
    if kecamatan:
        st.dataframe(
            _kecamatan(path, version, as_of, region, body, kecamatan),
            hide_index=True,
            width="stretch",
        )
    elif not built.groups:
        st.success("Semua unit resmi lengkap: ada barisnya, kursinya terisi dan dilantik.")
    else:
        _problem_groups(built.groups)
    if len(built.export):
        _downloads(built.export, region, region_name, as_of, body, key)


def _problem_groups(groups: list[units.KecamatanGroup]) -> None:
    """One expander per kecamatan, its problem units listed by body and status (names
    wrap at phone width, where a wide table would not)."""
    for group in groups:
        label = f"{shared.plain(group.nama_kecamatan)} — {group.counts_text}"
        with st.expander(label):
            st.markdown(
                "\n".join(
                    f"- **{entry.heading}** ({fmt.number(len(entry.units))}): "
                    + ", ".join(shared.plain(unit) for unit in entry.units)
                    for entry in group.entries
                )
            )


def _downloads(export, region: str, region_name: str, as_of: dt.date, body, key: str) -> None:
    left, right = st.columns(2)
    left.download_button(
        "Unduh unit belum lengkap (CSV)",
        functools.partial(units.export_csv, export),
        file_name=units.file_name(region, body, as_of, "csv"),
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key=f"{key}_csv",
    )
    right.download_button(
        "Unduh unit belum lengkap (Excel)",
        functools.partial(units.export_xlsx, export, region_name, as_of, shared.is_demo()),
        file_name=units.file_name(region, body, as_of, "xlsx"),
        mime=XLSX_MIME,
        icon=":material/download:",
        on_click="ignore",
        key=f"{key}_xlsx",
    )
