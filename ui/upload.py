"""Parts of the Unggah Data page: templates, the verdict, the preview, confirm and store."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib

import pandas as pd
import streamlit as st

from analytics import auth, ingest, reference, templates
from analytics import formatting as fmt
from analytics.auth import User
from analytics.contract import Dataset
from analytics.errors import Refusal
from analytics.messages import msg
from analytics.schema import DATASETS
from analytics.views import upload as view
from ui import shared

CHECK_KEY, STORED_KEY, ROUND_KEY = "upl_check", "upl_stored", "upl_round"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@st.cache_data(show_spinner=False)
def _template(name: str, file_format: str) -> bytes:
    dataset = DATASETS[name]
    return (
        templates.template_xlsx(dataset)
        if file_format == "xlsx"
        else templates.template_csv(dataset)
    )


def template_section(dataset: Dataset, user: User) -> None:
    """Download buttons for both blank templates, the templates pre-filled for a regency
    (an operator's own; the one an admin picks) and what each column means."""
    left, right, _ = st.columns([1, 1, 2])
    left.download_button(
        "Templat Excel (.xlsx)",
        _template(dataset.name, "xlsx"),
        file_name=templates.file_name(dataset, "xlsx"),
        mime=XLSX_MIME,
        icon=":material/download:",
        help="Lembar 'data' berisi judul kolom dan satu baris contoh; lembar 'petunjuk' "
        "menjelaskan setiap kolom dan nilai yang diizinkan.",
    )
    right.download_button(
        "Templat CSV (;)",
        _template(dataset.name, "csv"),
        file_name=templates.file_name(dataset, "csv"),
        mime="text/csv",
        icon=":material/download:",
        help="Dipisah titik koma, terbuka rapi di Excel berbahasa Indonesia.",
    )
    _prefilled_templates(dataset, user)
    with st.expander("Kolom yang diminta dan aturannya"):
        st.dataframe(pd.DataFrame(templates.column_help(dataset)), hide_index=True)
        st.markdown("\n".join(f"- {rule}" for rule in dataset.rule_texts))


def _prefilled_templates(dataset: Dataset, user: User) -> None:
    """The templates pre-filled for one regency (analytics.templates.template_rows), built
    only when a button is pressed."""
    names = reference.region_names()
    if user.role == auth.OPERATOR:
        region = user.region
    else:
        shown = shared.filters().region
        region = st.selectbox(
            "Templat berisi isian awal untuk kabupaten/kota",
            list(names),
            index=list(names).index(shown) if shown in names else None,
            format_func=lambda code: f"{code} {names[code]}",
            placeholder="Pilih kabupaten/kota",
            key="upl_template_region",
        )
    if region not in names:
        return
    st.markdown(f"**Templat berisi isian awal {region} {shared.plain(names[region])}**")
    st.caption("  \n".join(shared.plain(note) for note in templates.prefill_notes(dataset, region)))
    row = st.container(horizontal=True)  # buttons as wide as their labels, side by side
    for column, file_format, label, mime in (
        (row, "xlsx", "Templat Excel terisi (.xlsx)", XLSX_MIME),
        (row, "csv", "Templat CSV terisi (;)", "text/csv"),
    ):
        build = templates.template_xlsx if file_format == "xlsx" else templates.template_csv
        column.download_button(
            label,
            functools.partial(build, dataset, region),
            file_name=templates.file_name(dataset, file_format, region),
            mime=mime,
            icon=":material/download:",
            on_click="ignore",
            key=f"upl_template_{file_format}_{region}",
        )


def scope_text(user: User) -> str:
    if user.role == auth.OPERATOR:
        return (
            f"Anda mengunggah untuk **{user.region} {auth.region_name(user.region)}**. Berkas "
            "yang memuat baris kabupaten/kota lain ditolak seluruhnya."
        )
    return (
        "Sebagai admin provinsi Anda dapat mengunggah untuk kabupaten/kota mana pun; satu "
        "berkas boleh memuat beberapa kabupaten/kota."
    )


def uploader_key() -> str:
    """A fresh uploader after each stored file (a file_uploader cannot be cleared in place)."""
    return f"upl_file_{st.session_state.get(ROUND_KEY, 0)}"


def verdict_and_confirm(user: User, dataset: str, file_name: str, data: bytes, as_of) -> None:
    """Check the file (once per file, date and dataset), show the verdict and what would
    change, and store it when the user confirms."""
    check = _checked(user, dataset, file_name, data, as_of)
    if isinstance(check, str):
        st.error(shared.plain(check))  # refused whole; it may name a header or sheet
        return
    verdict = check.verdict
    rows, errors, warnings = st.columns(3)
    rows.metric("Baris terbaca", fmt.number(verdict.row_count))
    errors.metric("Kesalahan", fmt.number(len(verdict.errors)))
    warnings.metric("Peringatan", fmt.number(len(verdict.warnings)))
    if not verdict.ok:
        st.error(verdict.summary())
        st.dataframe(view.issues_table(verdict.issues), hide_index=True, width="stretch")
        st.download_button(
            "Unduh daftar kesalahan (CSV)",
            view.issues_csv(verdict.issues),
            file_name=f"kesalahan_{dataset}.csv",
            mime="text/csv",
            icon=":material/download:",
        )
        return
    st.success(verdict.summary() + " Belum disimpan: periksa perubahannya lalu simpan.")
    if not verdict.warnings.empty:
        with st.expander(f"Peringatan ({len(verdict.warnings)}): ikut disimpan, mohon diperiksa"):
            st.dataframe(view.issues_table(verdict.warnings), hide_index=True, width="stretch")
    _preview(check.preview, dataset)
    partial = not check.preview.partial_regions.empty
    sure = not partial or st.checkbox(
        "Saya sudah memeriksa: berkas ini lengkap dan memang menggantikan data di atas.",
        key="upl_sure",
    )
    label = f"Simpan sebagai data per {fmt.date(as_of)}"
    if st.button(label, type="primary", disabled=not sure, icon=":material/save:"):
        _store(user, check, as_of)


def _checked(user: User, dataset: str, file_name: str, data: bytes, as_of):
    """UploadCheck, or the one-line refusal, cached in the session for this exact input."""
    key = (user.name, dataset, as_of, hashlib.sha256(data).hexdigest())
    cached = st.session_state.get(CHECK_KEY)
    if cached is not None and cached[0] == key:
        return cached[1]
    _forget_check()
    with st.spinner("Memeriksa berkas..."):
        try:
            result = ingest.check_upload(shared.database(), user, dataset, data, as_of, file_name)
        except Refusal as exc:
            result = str(exc)
    st.session_state[CHECK_KEY] = (key, result)
    return result


def _forget_check() -> None:
    """Drop the session's checked file (and the typed rows it keeps staged)."""
    cached = st.session_state.pop(CHECK_KEY, None)
    if cached is not None and isinstance(cached[1], ingest.UploadCheck):
        cached[1].close()


def _preview(preview, dataset: str) -> None:
    st.subheader("4. Perubahan terhadap data yang berlaku")
    for level, text in view.preview_notices(preview, dataset):
        (st.warning if level == "warning" else st.info)(shared.plain(text))
    st.dataframe(view.region_changes_table(preview), hide_index=True, width="stretch")
    st.markdown("**Jumlah sebelum → sesudah**")
    st.dataframe(view.totals_table(preview), hide_index=True, width="stretch")
    units = view.units_table(preview)
    if not units.empty:
        with st.expander(f"Rincian unit yang ditambah, dihapus atau berubah ({len(units)})"):
            st.dataframe(units, hide_index=True, width="stretch")


def _store(user: User, check: ingest.UploadCheck, as_of) -> None:
    """Store the checked file from its staged rows (it is not read again)."""
    bar = st.progress(0.0, text="Menyiapkan")
    try:
        outcome = ingest.store_checked(
            shared.database(), user, check,
            progress=lambda fraction, text: bar.progress(fraction, text=text),
        )  # fmt: skip
    except Refusal as exc:
        st.error(shared.plain(str(exc)))
        return
    finally:
        st.session_state.pop(CHECK_KEY, None)  # its staging is closed: check again if needed
    if not outcome.accepted:
        st.error(outcome.verdict.summary())
        return
    stored = outcome.stored
    st.session_state[STORED_KEY] = {
        "versions": stored.version_ids,
        "regions": stored.regions,
        "rows": outcome.verdict.row_count,
        "as_of": as_of,
        "duplicate": stored.duplicate,
    }
    st.session_state[ROUND_KEY] = st.session_state.get(ROUND_KEY, 0) + 1
    st.session_state.pop(CHECK_KEY, None)
    _show_on_dashboards(as_of, stored.regions)
    st.rerun()


def _show_on_dashboards(as_of: dt.date, regions: list[str]) -> None:
    """Point the global filters at the new data: its date (when later than the one shown)
    and, for a one-regency file, that regency. The sidebar re-reads them from the URL."""
    shown = shared.filters().as_of
    if shown is None or as_of > shown:
        st.query_params[shared.QUERY_KEYS["as_of"]] = as_of.isoformat()
    if len(regions) == 1:
        st.query_params[shared.QUERY_KEYS["region"]] = regions[0]
    st.session_state.pop("flt_as_of", None)  # re-initialised from the URL on the next run


def show_last_stored() -> None:
    """The success message of the file stored in the previous run, with where to look."""
    stored = st.session_state.get(STORED_KEY)
    if not stored:
        return
    versions = ", ".join(map(str, stored["versions"]))
    if stored["duplicate"]:
        st.info(msg("duplicate_upload", version=versions))
    else:
        st.success(
            msg("upload_stored", versions=versions, rows=fmt.number(stored["rows"]),
                as_of=fmt.date(stored["as_of"]))
            + " Dasbor sudah memakai data ini."
        )  # fmt: skip
    links = st.columns(3)
    if len(stored["regions"]) == 1:
        code = stored["regions"][0]
        links[0].page_link(
            "pages/profil.py",
            label=f"Lihat profil {code} {auth.region_name(code)}",
            icon=":material/location_city:",
            query_params={"wilayah": code, "tanggal": stored["as_of"].isoformat()},
        )
    links[1].page_link(
        "pages/ringkasan.py", label="Ringkasan Provinsi", icon=":material/dashboard:"
    )
    links[2].page_link("pages/riwayat.py", label="Riwayat unggahan", icon=":material/history:")
