"""Version history as a person may see it: scoped listing, original files, withdrawal (audited)."""

from __future__ import annotations

import pandas as pd

from analytics import audit
from analytics.auth import (
    ADMIN,
    OPERATOR,
    NotAllowed,
    User,
    authorize_withdraw,
    can_download,
    get_user,
)
from analytics.messages import msg
from analytics.storage import Database, StoreError

# Grain: one row per version, newest first, with every regency its upload covered.
_VERSIONS_SQL = """
WITH upload_region AS (
    SELECT upload_id, list(DISTINCT kode_wilayah ORDER BY kode_wilayah) AS upload_regions
    FROM versions GROUP BY upload_id
)
SELECT v.version_id, v.upload_id, v.dataset, v.kode_wilayah, w.nama, v.as_of, v.row_count,
    v.warning_count, u.uploaded_by, u.uploaded_at, u.file_name, u.file_format, u.sha256,
    u.is_demo, v.withdrawn_at, v.withdrawn_by, v.withdrawn_reason, r.upload_regions
FROM versions v
JOIN uploads u USING (upload_id)
JOIN upload_region r USING (upload_id)
LEFT JOIN ref_wilayah w USING (kode_wilayah)
WHERE ($region IS NULL OR v.kode_wilayah = $region)
  AND ($dataset IS NULL OR v.dataset = $dataset)
  AND ($status IS NULL OR (v.withdrawn_at IS NULL) = ($status = 'aktif'))
ORDER BY v.version_id DESC
"""


def versions_for(
    db: Database,
    user: User,
    dataset: str | None = None,
    region: str | None = None,
    status: str | None = None,
) -> pd.DataFrame:
    """Every version ``user`` may see (an operator only their own regency's), newest
    first; ``status`` 'aktif' or 'ditarik' narrows it. ``can_download`` says whether
    ``user`` may download the archived original (demo data has none)."""
    if user.role == OPERATOR:
        region = user.region
    with db.reader() as con:
        frame = con.execute(
            _VERSIONS_SQL, {"region": region, "dataset": dataset, "status": status}
        ).df()
    frame["can_download"] = [
        can_download(user, list(regions)) and not demo
        for regions, demo in zip(frame["upload_regions"], frame["is_demo"], strict=True)
    ]
    return frame


def audit_for(
    db: Database, user: User, region: str | None = None, dataset: str | None = None
) -> pd.DataFrame:
    """The audit log ``user`` may see: admin everything; an operator the uploads,
    withdrawals and downloads of their regency; a viewer nothing. Reasons read as the page
    shows them (``audit.reason_text``)."""
    if user.role == OPERATOR:
        entries = audit.entries(
            db, kode_wilayah=user.region, actions=audit.REGION_ACTIONS, dataset=dataset
        )
    elif user.role == ADMIN:
        entries = audit.entries(db, kode_wilayah=region, dataset=dataset)
    else:
        return pd.DataFrame(columns=["audit_id", "recorded_at", *audit.COLUMNS])
    entries["reason"] = entries["reason"].map(audit.reason_text)
    return entries


def original_file(db: Database, user: User, version_id: int) -> tuple[bytes, str]:
    """The archived bytes of a version's upload and a safe download name; audited.

    The name is built from the version, never from the uploader's file name.
    """
    with db.reader() as con:
        row = con.execute(
            "SELECT u.sha256, u.file_format, v.dataset, v.kode_wilayah, "
            "(SELECT list(DISTINCT kode_wilayah) FROM versions x WHERE x.upload_id = v.upload_id) "
            "FROM versions v JOIN uploads u USING (upload_id) WHERE v.version_id = ?",
            [version_id],
        ).fetchall()
    if not row:
        raise StoreError(msg("version_unknown", version=version_id))
    sha, file_format, dataset, region, regions = row[0]
    if not can_download(user, list(regions)):
        audit.record(
            db, user.name, "unduh", "ditolak", actor_role=user.role, dataset=dataset,
            kode_wilayah=region, target=f"versi {version_id}", sha256=sha,
        )  # fmt: skip
        raise NotAllowed(msg("download_not_allowed", name=user.name, version=version_id))
    try:
        data = (db.archive_dir / sha).read_bytes()
    except FileNotFoundError:
        raise StoreError(msg("archive_missing", version=version_id)) from None
    return data, original_name(version_id, dataset, region, file_format)


def original_name(version_id: int, dataset: str, region: str, file_format: str | None) -> str:
    """The download name of a version's original: from the version, never the uploader's."""
    return f"siaga_v{version_id}_{dataset}_{region.replace('.', '')}.{file_format or 'csv'}"


def serve_original(db: Database, user: User, version_id: int) -> bytes:
    """The archived bytes of a version's upload for one download by ``user``, audited.

    Asked at the moment of the download: the account is read again (a removed account or
    a changed role takes effect at once) and the scope checked again; each call is one
    audit entry, served or refused.
    """
    current = get_user(db, user.name)
    if current is None:
        audit.record(
            db, user.name, "unduh", "ditolak", actor_role=user.role,
            target=f"versi {version_id}", reason=msg("download_account_gone", name=user.name),
        )  # fmt: skip
        raise NotAllowed(msg("download_account_gone", name=user.name))
    data, _ = original_file(db, current, version_id)
    record_download(db, current, version_id)
    return data


def record_download(db: Database, user: User, version_id: int) -> None:
    """Audit a download (called when the button is pressed)."""
    with db.reader() as con:
        row = con.execute(
            "SELECT v.dataset, v.kode_wilayah, u.sha256 FROM versions v JOIN uploads u "
            "USING (upload_id) WHERE v.version_id = ?",
            [version_id],
        ).fetchall()
    dataset, region, sha = row[0] if row else (None, None, None)
    audit.record(
        db, user.name, "unduh", "berhasil", actor_role=user.role, dataset=dataset,
        kode_wilayah=region, target=f"versi {version_id}", sha256=sha,
    )  # fmt: skip


def withdraw(
    db: Database, user: User, version_id: int, reason: str | None, require_reason: bool = True
) -> None:
    """Withdraw a version as ``user`` (admins only); the previous version counts again."""
    reason = (reason or "").strip() or None
    with db.reader() as con:
        row = con.execute(
            "SELECT dataset, kode_wilayah FROM versions WHERE version_id = ?", [version_id]
        ).fetchall()
    dataset, region = row[0] if row else (None, None)
    fields = {
        "actor_role": user.role, "dataset": dataset, "kode_wilayah": region,
        "target": f"versi {version_id}",
    }  # fmt: skip
    try:
        authorize_withdraw(user)
        if require_reason and not reason:
            raise NotAllowed(msg("withdraw_reason_required"))
        db.withdraw(version_id, user.name, reason)
    except (NotAllowed, StoreError) as exc:
        audit.record(db, user.name, "tarik", "ditolak", reason=str(exc), **fields)
        raise
    audit.record(db, user.name, "tarik", "berhasil", reason=reason, **fields)
