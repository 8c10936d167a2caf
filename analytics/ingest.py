"""Check a file and, when it passes, store it as new versions: the one path every upload takes."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from analytics import audit, upload_preview
from analytics.auth import User, authorize_upload
from analytics.errors import FileRefused, NotAllowed
from analytics.storage import Database, StoredUpload
from analytics.upload import CheckedUpload, Staging, Verdict, check_file, typed_rows_sql

Progress = Callable[[float, str], None]


@dataclass
class IngestOutcome:
    verdict: Verdict
    stored: StoredUpload | None  # None when the verdict has errors

    @property
    def accepted(self) -> bool:
        return self.stored is not None


@dataclass
class UploadCheck:
    """What the upload page shows before anything is stored, and, for a valid file, its
    typed rows kept staged for ``store_checked`` (the file is read and checked once).
    ``close`` releases them when the file is not stored."""

    verdict: Verdict
    preview: upload_preview.Preview | None  # None when the verdict has errors
    checked: CheckedUpload | None = None  # None when the verdict has errors

    def close(self) -> None:
        if self.checked is not None:
            self.checked.staging.close()


def ingest_bytes(
    db: Database,
    dataset: str,
    data: bytes,
    as_of: dt.date,
    user: str | User,
    file_name: str | None = None,
    is_demo: bool = False,
    progress: Progress | None = None,
) -> IngestOutcome:
    """Validate ``data`` and store it when valid; raises FileRefused for unreadable files.

    With a ``User`` the act is a person's: their scope is enforced (NotAllowed, raised
    after the refusal is audited) and every outcome goes to the audit log. A plain name
    is a trusted internal caller (demo builder, benchmark, tests) and is not audited.
    """
    actor = user if isinstance(user, User) else None
    name = actor.name if actor else str(user)
    report = progress or (lambda fraction, label: None)
    # The hash of a large file is computed beside the checks (hashlib releases the GIL).
    hashing = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    digest = hashing.submit(lambda: hashlib.sha256(data).hexdigest())
    try:
        with Staging() as staging:
            report(0.1, "Memeriksa berkas")
            verdict = _checked(db, actor, dataset, data, as_of, file_name, staging)
            if not verdict.ok:
                return IngestOutcome(verdict, None)
            report(0.5, "Menyimpan ke basis data")
            checked = CheckedUpload(verdict, data, digest.result(), as_of, file_name, staging)
            return _stored(db, checked, actor, name, is_demo, report)
    finally:
        hashing.shutdown(wait=True)


def store_checked(
    db: Database, actor: User, check: UploadCheck, progress: Progress | None = None
) -> IngestOutcome:
    """Store a file ``check_upload`` found valid, from its staged rows (not read again);
    the staging is closed afterwards. The actor must be the one who checked it."""
    checked = check.checked
    if checked is None:
        raise ValueError("only a valid UploadCheck can be stored")
    report = progress or (lambda fraction, label: None)
    try:
        authorize_upload(actor, check.verdict.regions)
        report(0.5, "Menyimpan ke basis data")
        return _stored(db, checked, actor, actor.name, False, report)
    finally:
        check.close()


def _stored(
    db: Database,
    checked: CheckedUpload,
    actor: User | None,
    name: str,
    is_demo: bool,
    report: Progress,
) -> IngestOutcome:
    stored = db.store(checked, name, is_demo=is_demo)
    if actor is not None:
        _audit_upload(
            db, actor, checked.dataset.name, checked.data, checked.file_name, stored.regions,
            "duplikat" if stored.duplicate else "diterima",
            target="versi " + ", ".join(map(str, stored.version_ids)),
            upload_id=stored.upload_id, sha256=checked.sha256,
        )  # fmt: skip
    report(1.0, "Selesai")
    return IngestOutcome(checked.verdict, stored)


def check_upload(
    db: Database,
    actor: User,
    dataset: str,
    data: bytes,
    as_of: dt.date,
    file_name: str | None = None,
) -> UploadCheck:
    """The verdict and, when valid, what would change; stores nothing. A valid file's
    typed rows stay staged in the result, for ``store_checked`` (or ``close``).

    Refusals (unreadable file, another regency's rows, errors) are audited and raised or
    returned exactly as ``ingest_bytes`` would.
    """
    staging = Staging()
    try:
        verdict = _checked(db, actor, dataset, data, as_of, file_name, staging)
        if not verdict.ok:
            staging.close()
            return UploadCheck(verdict, None)
        typed = staging.con.sql(typed_rows_sql(verdict.dataset)).to_arrow_table()
        preview = upload_preview.compare(db, verdict.dataset, as_of, typed)
    except BaseException:
        staging.close()
        raise
    sha = hashlib.sha256(data).hexdigest()
    checked = CheckedUpload(verdict, data, sha, as_of, file_name, staging)
    return UploadCheck(verdict, preview, checked)


def _checked(
    db: Database,
    actor: User | None,
    dataset: str,
    data: bytes,
    as_of: dt.date,
    file_name: str | None,
    staging: Staging,
) -> Verdict:
    """check_file plus, for a person, the scope check; refusals are audited."""
    if actor is None:
        return check_file(data, dataset, as_of, staging)
    try:
        if actor.role not in ("admin", "operator"):
            authorize_upload(actor, [])  # a viewer is refused before the file is read
        verdict = check_file(data, dataset, as_of, staging)
        authorize_upload(actor, verdict.regions)
    except (FileRefused, NotAllowed) as exc:
        regions = [actor.region] if actor.region else []
        _audit_upload(db, actor, dataset, data, file_name, regions, "ditolak", reason=str(exc))
        raise
    if not verdict.ok:
        _audit_upload(
            db, actor, verdict.dataset.name, data, file_name, verdict.regions, "ditolak",
            reason=verdict.summary(),
        )  # fmt: skip
    return verdict


def _audit_upload(
    db: Database,
    actor: User,
    dataset: str,
    data: bytes,
    file_name: str | None,
    regions: list[str],
    outcome: str,
    **fields: object,
) -> None:
    fields.setdefault("target", ", ".join(regions) or None)
    if "sha256" not in fields:  # the store knows it already; a refusal does not
        fields["sha256"] = hashlib.sha256(data).hexdigest()
    audit.record(
        db,
        actor.name,
        "unggah",
        outcome,
        actor_role=actor.role,
        dataset=dataset,
        kode_wilayah=regions[0] if len(regions) == 1 else None,
        file_name=(file_name or "")[:255] or None,
        **fields,
    )
