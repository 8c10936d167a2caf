"""Early warning on the pages: the flags cached per data version and date, the Ringkasan
metric and list, and the Profil list and projection chart of one regency."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from analytics import formatting as fmt
from analytics import risk
from analytics.figures import risk as figures
from analytics.storage import Database
from analytics.views import risk as view
from ui import responsive, shared


def _column_config() -> dict:
    """The component's long name cut (whole on hover), so the dates stay in view at 1280 px."""
    return {"Komponen": st.column_config.TextColumn(width="medium")}


@shared.built
def _flags(path: str, version: str, as_of: dt.date) -> tuple[risk.RiskFlag, ...]:
    return tuple(risk.flags(Database(path), as_of))


def flags(as_of: dt.date) -> tuple[risk.RiskFlag, ...]:
    """Every flag on ``as_of``, most urgent first (cached per data version and date)."""
    return _flags(str(shared.database().path), shared.data_version(), as_of)


@shared.built
def _chart(path: str, version: str, region: str, komponen: str, as_of: dt.date):
    return figures.projection_chart(risk.projection(Database(path), region, komponen, as_of))


def metric(as_of: dt.date) -> None:
    """'Berisiko terlambat: N kab/kota' and, beside it, on what."""
    summary = view.summary(flags(as_of))
    left, right = st.columns([1, 3], vertical_alignment="center")
    left.metric(
        view.TITLE,
        summary.value,
        help="Kabupaten/kota dengan sedikitnya satu komponen yang diperkirakan melewati "
        "batas waktunya. " + view.METHOD_NOTE,
        border=True,
    )
    right.markdown(shared.plain(summary.text))


def province_list(as_of: dt.date) -> None:
    """The list 'Berisiko terlambat', most urgent first (beyond LIST_ROWS on a toggle)."""
    found = flags(as_of)
    st.markdown(f"**{view.TITLE}**")
    if not found:  # not a green "all fine": a short history says nothing either
        st.info(view.none_text(as_of))
        return
    st.caption(view.METHOD_NOTE)
    shown = found
    if len(found) > view.LIST_ROWS and not st.toggle(
        f"Tampilkan semua {fmt.number(len(found))} komponen berisiko", key="risk_semua"
    ):
        shown = found[: view.LIST_ROWS]
        st.caption(
            f"{view.LIST_ROWS} dari {fmt.number(len(found))} ditampilkan, yang paling mendesak dulu."
        )
    responsive.wide("ringkasan_berisiko").dataframe(
        view.flag_table(shown), hide_index=True, width="stretch", column_config=_column_config()
    )
    responsive.lines(view.phone_lines(shown), responsive.narrow("ringkasan_berisiko"))


def region_section(region: str, name: str, as_of: dt.date) -> None:
    """A regency's flags and, for the one chosen, its projection chart."""
    mine = view.region_flags(flags(as_of), region)
    st.markdown(f"**{view.TITLE}**")
    if not mine:
        st.caption(view.none_text(as_of, name) + " " + view.METHOD_NOTE)
        return
    st.caption(view.METHOD_NOTE)
    responsive.wide("profil_berisiko").dataframe(
        view.flag_table(mine, with_region=False),
        hide_index=True,
        width="stretch",
        column_config=_column_config(),
    )
    responsive.lines(
        view.phone_lines(mine, with_region=False), responsive.narrow("profil_berisiko")
    )
    labels = {f.komponen: f.label for f in mine}
    chosen = st.selectbox(
        "Proyeksi komponen",
        list(labels),
        index=view.first_projected(mine),
        format_func=labels.get,
        key=f"risk_komponen_{region}",
    )
    path, version = str(shared.database().path), shared.data_version()
    shared.chart(_chart(path, version, region, chosen, as_of))
