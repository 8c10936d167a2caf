"""Tables of the upload and history pages: verdict, changes, versions, audit (Indonesian headers)."""

from __future__ import annotations

import io

import pandas as pd

from analytics import formatting as fmt
from analytics.audit import ACTION_LABEL, OUTCOME_LABEL
from analytics.escaping import spreadsheet_text
from analytics.labels import BODY_LABEL, DATASET_LABEL, ROLE_LABEL
from analytics.messages import msg
from analytics.upload_preview import CHANGE_LABEL, Preview

SEVERITY_LABEL = {"error": "✕ Kesalahan", "warning": "▲ Peringatan"}


def issues_table(issues: pd.DataFrame) -> pd.DataFrame:
    """One row per problem, errors first: kind, spreadsheet line, column, value, what to do."""
    rank = issues["severity"].map({"error": 0, "warning": 1})
    issues = issues.assign(_rank=rank).sort_values(["_rank", "line"], kind="stable")
    return pd.DataFrame(
        {
            "Jenis": issues["severity"].map(SEVERITY_LABEL).to_numpy(),
            "Baris": [("-" if pd.isna(v) else str(int(v))) for v in issues["line"]],
            "Kolom": issues["column"].fillna("-").astype(str).to_numpy(),
            "Nilai": issues["value"].fillna("").astype(str).to_numpy(),
            "Pesan": issues["message"].astype(str).to_numpy(),
        }
    )


def issues_csv(issues: pd.DataFrame) -> bytes:
    """The issues table as CSV with ';' and BOM, so Indonesian-locale Excel opens it. The
    values are the file's own cells: one that Excel would run as a formula
    (=HYPERLINK(...)) is written with a leading apostrophe."""
    table = issues_table(issues).map(spreadsheet_text)
    buffer = io.StringIO()
    table.to_csv(buffer, sep=";", index=False, lineterminator="\r\n")
    return buffer.getvalue().encode("utf-8-sig")


def region_changes_table(preview: Preview) -> pd.DataFrame:
    """Per regency in the file: the version it replaces and how many units change."""
    rows = []
    for r in preview.regions.itertuples(index=False):
        replaced = (
            f"versi {int(r.current_version_id)} (data per {fmt.date(r.current_as_of)})"
            if not pd.isna(r.current_version_id)
            else "belum ada data"
        )
        rows.append(
            {
                "Kode": r.kode_wilayah,
                "Kabupaten/kota": r.nama,
                "Menggantikan": replaced,
                "Unit sekarang": fmt.number(r.units_current_count),
                "Unit di berkas": fmt.number(r.units_new_count),
                "Ditambah": fmt.number(r.units_added_count),
                "Dihapus": fmt.number(r.units_removed_count),
                "Berubah": fmt.number(r.units_changed_count),
                "Tetap": fmt.number(r.units_unchanged_count),
            }
        )
    return pd.DataFrame(rows)


def totals_table(preview: Preview) -> pd.DataFrame:
    """One row per regency (and body): each total as 'before → after (change)'."""
    frame = preview.totals
    if frame.empty:
        return pd.DataFrame()
    cells = frame.assign(
        label=frame["measure"].map(_measure_label),
        text=[_before_after(b, a) for b, a in zip(frame["before"], frame["after"], strict=True)],
    )
    wide = cells.pivot_table(
        index=["kode_wilayah", "badan"], columns="label", values="text", aggfunc="first",
        sort=False,
    )  # fmt: skip
    wide = wide[list(dict.fromkeys(cells["label"]))].reset_index()
    wide = wide.rename(columns={"kode_wilayah": "Kode", "badan": "Badan"})
    wide["Badan"] = wide["Badan"].map(lambda b: BODY_LABEL.get(b, b))
    if (wide["Badan"] == "").all():
        wide = wide.drop(columns="Badan")
    wide.columns.name = None
    return wide


def _measure_label(measure: str) -> str:
    if measure == "unit":
        return "Unit (baris)"
    return measure.removeprefix("status ").replace("_", " ")


def _before_after(before, after) -> str:
    """'19 → 24 (+5)', '24 (tetap)', or 'baru: 4' when nothing was in force."""
    if pd.isna(before):
        return f"baru: {fmt.number(after)}"
    if before == after:
        return f"{fmt.number(after)} (tetap)"
    return f"{fmt.number(before)} → {fmt.number(after)} ({_signed(after - before)})"


def units_table(preview: Preview) -> pd.DataFrame:
    """Units added, removed or changed, with what changed (first MAX_UNITS_SHOWN)."""
    units = preview.units
    return pd.DataFrame(
        {
            "Kode": units["kode_wilayah"].to_numpy(),
            "Perubahan": units["change"].map(CHANGE_LABEL).to_numpy(),
            "Unit": units["unit"].to_numpy(),
            "Rincian": units["detail"].fillna("").to_numpy(),
        }
    )


def preview_notices(preview: Preview, dataset: str) -> list[tuple[str, str]]:
    """('warning'|'info', text) notices: partial files first, then history-only, then new."""
    notices = []
    for r in preview.regions.itertuples(index=False):
        region = f"{r.kode_wilayah} {r.nama}"
        if r.is_partial:
            notices.append(
                ("warning", msg("preview_partial", region=region, new=int(r.units_new_count),
                                current=int(r.units_current_count)))
            )  # fmt: skip
        if not pd.isna(r.newer_as_of):
            notices.append(
                ("info", msg("preview_newer_exists", region=region, newer=fmt.date(r.newer_as_of),
                             as_of=fmt.date(preview.as_of)))
            )  # fmt: skip
        if pd.isna(r.current_version_id):
            notices.append(
                ("info", msg("preview_first", region=region, dataset=DATASET_LABEL[dataset],
                             as_of=fmt.date(preview.as_of)))
            )  # fmt: skip
    regions = preview.regions
    changed = regions[["units_added_count", "units_removed_count", "units_changed_count"]]
    if (
        len(regions)
        and not regions["current_version_id"].isna().any()
        and not changed.any(axis=None)
    ):
        notices.append(("info", msg("preview_unchanged", as_of=fmt.date(preview.as_of))))
    order = {"warning": 0, "info": 1}
    return sorted(notices, key=lambda n: order[n[0]])


def versions_table(versions: pd.DataFrame) -> pd.DataFrame:
    """The version history for people: newest first, status in words."""
    return pd.DataFrame(
        {
            "Versi": versions["version_id"].astype(int).to_numpy(),
            "Dataset": versions["dataset"].map(DATASET_LABEL).to_numpy(),
            "Kode": versions["kode_wilayah"].to_numpy(),
            "Kabupaten/kota": versions["nama"].to_numpy(),
            "Data per": [fmt.date(v) for v in versions["as_of"]],
            "Status": [_status(r) for r in versions.itertuples(index=False)],
            "Baris": versions["row_count"].astype(int).to_numpy(),
            "Peringatan": versions["warning_count"].astype(int).to_numpy(),
            "Diunggah oleh": versions["uploaded_by"].to_numpy(),
            "Waktu unggah": [_when(v) for v in versions["uploaded_at"]],
            "Nama berkas": versions["file_name"].fillna("").to_numpy(),
        }
    )


def version_label(row) -> str:
    """'v12 · Badan ad hoc · 33.01 Kabupaten Cilacap · data per 15 Agustus 2024'."""
    return (
        f"v{int(row.version_id)} · {DATASET_LABEL[row.dataset]} · {row.kode_wilayah} {row.nama}"
        f" · data per {fmt.date(row.as_of)}"
    )


def audit_table(entries: pd.DataFrame) -> pd.DataFrame:
    """The audit log for people: who, when, what, outcome, about what, why."""
    return pd.DataFrame(
        {
            "Waktu": [_when(v) for v in entries["recorded_at"]],
            "Pengguna": entries["actor"].to_numpy(),
            "Peran": entries["actor_role"].map(lambda r: ROLE_LABEL.get(r, "–")).to_numpy(),
            "Tindakan": entries["action"].map(ACTION_LABEL).to_numpy(),
            "Hasil": entries["outcome"].map(OUTCOME_LABEL).to_numpy(),
            "Dataset": entries["dataset"].map(lambda d: DATASET_LABEL.get(d, "")).to_numpy(),
            "Kode": entries["kode_wilayah"].fillna("").to_numpy(),
            "Sasaran": entries["target"].fillna("").to_numpy(),
            "Alasan": entries["reason"].fillna("").to_numpy(),
            "Nama berkas": entries["file_name"].fillna("").to_numpy(),
        }
    )


def _status(row) -> str:
    if pd.isna(row.withdrawn_at):
        return "● aktif"
    reason = f": {row.withdrawn_reason}" if isinstance(row.withdrawn_reason, str) else ""
    return f"✕ ditarik {fmt.datetime_wib(row.withdrawn_at)} oleh {row.withdrawn_by}{reason}"


def _when(value) -> str:
    return fmt.datetime_wib(value)


def _signed(value) -> str:
    if pd.isna(value):
        return "–"
    text = fmt.number(value)
    return f"+{text}" if value > 0 else text
