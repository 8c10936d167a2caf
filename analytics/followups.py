"""Follow-ups (tindak lanjut) agreed at coordination meetings: stored, versioned, scoped, audited.

A follow-up concerns one regency (``33.27``) or the whole province (``provinsi``) and a
topic; it records what was agreed, who is responsible, the due date and the meeting it
came from. It is versioned like uploads: creating it writes version 1, every edit, close
(``selesai``) or cancellation (``batal``) appends the next version; nothing is updated or
deleted (``followups`` table, migration 004). Progress notes are appended to
``followup_notes`` with who and when.

Who may do what (enforced here, whatever a page shows):

- admin: add, edit, close, cancel and note any follow-up;
- operator: add progress notes to the follow-ups of their own regency (not to
  province-wide ones); sees their own regency's and the province-wide follow-ups;
- viewer (peninjau): reads only.

Every change, and every refused change, is written to the audit log.

Topics: free text, or one of the structured forms below, checked against the reference
data and stored in their canonical spelling (so pages can link them later):

- ``badan:PPS`` — the formation of a body (PPK, PPS, PANTARLIH, KPPS);
- ``bimtek:PPS:M03`` — a training module (materi_bimtek.csv) for a body;
- ``item:PC07`` — a candidacy checklist item (checklist_pencalonan.csv);
- ``pelaporan`` — reporting (uploads to SIAGA).

A text starting with ``badan:``, ``bimtek:`` or ``item:`` must be a valid structured form;
any other text is a free topic.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass

import duckdb
import pandas as pd

from analytics import audit, reference
from analytics import formatting as fmt
from analytics.auth import ADMIN, OPERATOR, ROLE_LABEL, VIEWER, User, region_name
from analytics.errors import FollowupError, NotAllowed
from analytics.messages import msg
from analytics.storage import Database

PROVINCE = "provinsi"  # kode_wilayah of a follow-up about the whole province
OPEN, DONE, CANCELLED = "terbuka", "selesai", "batal"
STATUSES = (OPEN, DONE, CANCELLED)
REPORTING = "pelaporan"

TEXT_MAX = 2000  # what was agreed, a progress note
SHORT_MAX = 200  # topic, person responsible, meeting title

ADD, EDIT, NOTE, CLOSE, CANCEL = (
    "tindak_lanjut_tambah",
    "tindak_lanjut_ubah",
    "tindak_lanjut_catatan",
    "tindak_lanjut_selesai",
    "tindak_lanjut_batal",
)
# (Their labels are in audit.ACTION_LABEL: the audit log accepts only actions it knows.)

# What an admin-only act is called in the refusal ("Hanya admin provinsi yang dapat ...").
_ACT_VERB = {ADD: "menambah", EDIT: "mengubah", CLOSE: "menutup", CANCEL: "membatalkan"}
# What a closed follow-up can no longer be ("... yang dapat diubah").
_PASSIVE = {EDIT: "diubah", CLOSE: "ditandai selesai", CANCEL: "dibatalkan"}
# The change a version records (followups.perubahan).
_CHANGE = {ADD: "tambah", EDIT: "ubah", CLOSE: DONE, CANCEL: CANCELLED}
# JSON keys of ``listing`` (the CLI's `followup list --json`), in order.
LIST_KEYS = (
    "id", "kode_wilayah", "topik", "isi", "penanggung_jawab", "jatuh_tempo", "status",
    "terlambat", "catatan",
)  # fmt: skip
_FIELDS = (
    "kode_wilayah", "topik", "isi", "penanggung_jawab", "jatuh_tempo", "tanggal_rapat",
    "judul_rapat", "status",
)  # fmt: skip
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")  # keeps line breaks


@dataclass(frozen=True)
class Followup:
    """The current state (latest version) of one follow-up."""

    id: int
    version: int
    kode_wilayah: str
    topik: str
    isi: str
    penanggung_jawab: str | None
    jatuh_tempo: dt.date
    tanggal_rapat: dt.date | None
    judul_rapat: str | None
    status: str
    changed_by: str
    changed_at: dt.datetime

    def overdue(self, as_of: dt.date) -> bool:
        """Still open and due before ``as_of``."""
        return self.status == OPEN and self.jatuh_tempo < as_of


# ---------------------------------------------------------------------- input


def parse_region(text: str) -> str:
    """'33.27', '3327', 'Kabupaten Pemalang' -> '33.27'; 'provinsi' -> PROVINCE."""
    key = " ".join((text or "").split()).lower()
    if key in (PROVINCE, "provinsi jawa tengah", "jawa tengah", "33"):
        return PROVINCE
    regions = reference.regions()
    spellings = reference.region_spellings(list(regions["kode_wilayah"]), list(regions["nama"]))
    code = spellings.get(key)
    if code is None:
        raise FollowupError(msg("followup_unknown_region", region=text))
    return code


def parse_topic(text: str) -> str:
    """The canonical topic: ``badan:PPS``, ``bimtek:PPS:M03``, ``item:PC07``, ``pelaporan``
    or the free text as typed (trimmed); FollowupError for a bad structured form."""
    topic = _clean(text, "Topik", SHORT_MAX)
    head, colon, rest = topic.partition(":")
    kind = head.strip().lower()
    if not colon:
        return REPORTING if kind == REPORTING else topic
    if kind not in ("badan", "bimtek", "item"):
        return topic  # free text that happens to hold a colon
    parts = [part.strip() for part in rest.split(":")]
    shapes = {"badan": 1, "bimtek": 2, "item": 1}
    if len(parts) != shapes[kind] or not all(parts):
        raise _bad_topic(topic, msg("followup_topic_shape"))
    if kind == "item":
        item = reference.item_spellings().get(parts[0].lower())
        if item is None:
            raise _bad_topic(topic, msg("followup_topic_item", value=parts[0]))
        return f"item:{item}"
    body = reference.body_spellings().get(parts[0].lower())
    if body is None:
        raise _bad_topic(topic, msg("followup_topic_body", value=parts[0]))
    if kind == "badan":
        return f"badan:{body}"
    module = reference.module_spellings().get(parts[1].lower())
    if module is None:
        raise _bad_topic(topic, msg("followup_topic_module", value=parts[1]))
    return f"bimtek:{body}:{module}"


def _bad_topic(topic: str, reason: str) -> FollowupError:
    return FollowupError(msg("followup_bad_topic", topic=topic, reason=reason))


def _clean(text: str | None, field: str, limit: int) -> str:
    value = _CONTROL.sub(" ", text or "").strip()
    if not value:
        raise FollowupError(msg("followup_empty", field=field))
    if len(value) > limit:
        raise FollowupError(msg("followup_too_long", field=field, limit=limit))
    return value


def _optional(text: str | None, field: str, limit: int) -> str | None:
    return _clean(text, field, limit) if text is not None and text.strip() else None


def _check_dates(due: dt.date, meeting_date: dt.date | None) -> None:
    if meeting_date is not None and due < meeting_date:
        raise FollowupError(
            msg("followup_due_before_meeting", due=fmt.date(due), meeting=fmt.date(meeting_date))
        )


# ---------------------------------------------------------------------- scope


def _authorize_admin(user: User, action: str) -> None:
    if user.role == VIEWER:
        raise NotAllowed(msg("followup_viewer", name=user.name))
    if user.role != ADMIN:
        raise NotAllowed(
            msg(
                "followup_not_admin",
                act=_ACT_VERB[action],
                name=user.name,
                role=ROLE_LABEL.get(user.role, user.role),
            )
        )


def _authorize_note(user: User, followup: Followup) -> None:
    if user.role == VIEWER:
        raise NotAllowed(msg("followup_viewer", name=user.name))
    if user.role == ADMIN:
        return
    if user.role != OPERATOR or followup.kode_wilayah != user.region:
        raise NotAllowed(
            msg(
                "followup_other_region",
                id=followup.id,
                region=region_label(followup.kode_wilayah),
                name=user.name,
                own=f"{user.region} {region_name(user.region or '')}".strip(),
            )
        )


def region_label(code: str) -> str:
    """'33.27 Kabupaten Pemalang', or 'seluruh provinsi'."""
    return "seluruh provinsi" if code == PROVINCE else f"{code} {region_name(code)}".strip()


def visible_regions(user: User | None) -> tuple[str, ...] | None:
    """The kode_wilayah values ``user`` may read; None means all (admin, viewer, the shell)."""
    if user is not None and user.role == OPERATOR:
        return (user.region or "", PROVINCE)
    return None


# ---------------------------------------------------------------------- writes


def add(
    db: Database,
    user: User,
    *,
    region: str,
    topic: str,
    text: str,
    due: dt.date,
    pic: str | None = None,
    meeting_date: dt.date | None = None,
    meeting_title: str | None = None,
) -> int:
    """Create a follow-up (admins only) as version 1; returns its id."""
    fields = {"actor_role": user.role}
    try:
        _authorize_admin(user, ADD)
        values = {
            "kode_wilayah": parse_region(region),
            "topik": parse_topic(topic),
            "isi": _clean(text, "Isi tindak lanjut", TEXT_MAX),
            "penanggung_jawab": _optional(pic, "Penanggung jawab", SHORT_MAX),
            "jatuh_tempo": due,
            "tanggal_rapat": meeting_date,
            "judul_rapat": _optional(meeting_title, "Judul rapat", SHORT_MAX),
            "status": OPEN,
        }
        _check_dates(due, meeting_date)
    except (NotAllowed, FollowupError) as exc:
        audit.record(db, user.name, ADD, "ditolak", reason=str(exc), **fields)
        raise
    with db.writer() as con:
        con.execute("BEGIN TRANSACTION")
        followup_id = con.execute("SELECT nextval('followup_id_seq')").fetchone()[0]
        _insert_version(con, followup_id, 1, values, ADD, user)
        audit.record_on(
            con, user.name, ADD, "berhasil", target=_target(followup_id),
            kode_wilayah=_audit_region(values["kode_wilayah"]), reason=values["topik"], **fields,
        )  # fmt: skip
        con.execute("COMMIT")
    return int(followup_id)


_UNCHANGED = object()


def edit(
    db: Database,
    user: User,
    followup_id: int,
    *,
    region: str | object = _UNCHANGED,
    topic: str | object = _UNCHANGED,
    text: str | object = _UNCHANGED,
    due: dt.date | object = _UNCHANGED,
    pic: str | None | object = _UNCHANGED,
    meeting_date: dt.date | None | object = _UNCHANGED,
    meeting_title: str | None | object = _UNCHANGED,
) -> int:
    """Change an open follow-up (admins only) by appending a version; returns the version."""
    changes: dict[str, object] = {}

    def check(current: Followup) -> dict[str, object]:
        _authorize_admin(user, EDIT)
        _require_open(current, EDIT)
        if region is not _UNCHANGED:
            changes["kode_wilayah"] = parse_region(region)  # type: ignore[arg-type]
        if topic is not _UNCHANGED:
            changes["topik"] = parse_topic(topic)  # type: ignore[arg-type]
        if text is not _UNCHANGED:
            changes["isi"] = _clean(text, "Isi tindak lanjut", TEXT_MAX)  # type: ignore[arg-type]
        if due is not _UNCHANGED:
            changes["jatuh_tempo"] = due
        if pic is not _UNCHANGED:
            changes["penanggung_jawab"] = _optional(pic, "Penanggung jawab", SHORT_MAX)  # type: ignore[arg-type]
        if meeting_date is not _UNCHANGED:
            changes["tanggal_rapat"] = meeting_date
        if meeting_title is not _UNCHANGED:
            changes["judul_rapat"] = _optional(meeting_title, "Judul rapat", SHORT_MAX)  # type: ignore[arg-type]
        values = {field: getattr(current, field) for field in _FIELDS} | changes
        _check_dates(values["jatuh_tempo"], values["tanggal_rapat"])  # type: ignore[arg-type]
        changed = [f for f in _FIELDS if values[f] != getattr(current, f)]
        if not changed:
            raise FollowupError(msg("followup_unchanged", id=followup_id))
        return values

    return _change(db, user, followup_id, EDIT, check, reason_of=_changed_text)


def close(db: Database, user: User, followup_id: int, cancel: bool = False) -> int:
    """Mark an open follow-up done (``selesai``) or, with ``cancel``, cancelled (``batal``);
    admins only. Appends a version; returns it."""
    action = CANCEL if cancel else CLOSE

    def check(current: Followup) -> dict[str, object]:
        _authorize_admin(user, action)
        _require_open(current, action)
        values = {field: getattr(current, field) for field in _FIELDS}
        values["status"] = CANCELLED if cancel else DONE
        return values

    return _change(db, user, followup_id, action, check)


def add_note(db: Database, user: User, followup_id: int, text: str) -> None:
    """Append a progress note (admins; operators on their own regency's follow-ups)."""

    def refuse_unknown() -> None:
        if user.role == VIEWER:
            raise NotAllowed(msg("followup_viewer", name=user.name))

    with _audited(db, user, followup_id, NOTE, refuse_unknown) as (con, current, done):
        _authorize_note(user, current)
        note = _clean(text, "Catatan perkembangan", TEXT_MAX)
        con.execute("BEGIN TRANSACTION")
        con.execute(
            "INSERT INTO followup_notes (note_id, followup_id, note, written_by, written_at) "
            "VALUES (nextval('followup_note_id_seq'), ?, ?, ?, ?)",
            [followup_id, note, user.name, _now()],
        )
        done()
        con.execute("COMMIT")


def _change(db, user: User, followup_id: int, action: str, check, reason_of=None) -> int:
    """Append the next version of ``followup_id`` with the values ``check(current)``
    returns (it raises to refuse), audited either way, in one transaction."""

    def refuse_unknown() -> None:
        if user.role != ADMIN:
            _authorize_admin(user, action)

    with _audited(db, user, followup_id, action, refuse_unknown) as (con, current, done):
        values = check(current)
        con.execute("BEGIN TRANSACTION")
        version = current.version + 1
        _insert_version(con, followup_id, version, values, action, user)
        done(reason_of(values, current) if reason_of else None)
        con.execute("COMMIT")
    return version


@contextlib.contextmanager
def _audited(db: Database, user: User, followup_id: int, action: str, refuse_unknown):
    """A write connection and the current state of ``followup_id`` (an unknown id is
    refused, after ``refuse_unknown`` had its say), with ``done(reason)`` to audit the
    success inside the caller's transaction; a refusal is audited as ``ditolak``."""
    fields = {"actor_role": user.role, "target": _target(followup_id)}
    region = None
    try:
        with db.writer() as con:
            current = _current_on(con, followup_id)
            if current is None:
                refuse_unknown()
                raise FollowupError(msg("followup_unknown", id=followup_id))
            region = _audit_region(current.kode_wilayah)

            def done(reason: str | None = None) -> None:
                audit.record_on(
                    con, user.name, action, "berhasil", kode_wilayah=region, reason=reason,
                    **fields,
                )  # fmt: skip

            yield con, current, done
    except (NotAllowed, FollowupError) as exc:
        audit.record(
            db, user.name, action, "ditolak", reason=str(exc), kode_wilayah=region, **fields
        )
        raise


def _require_open(current: Followup, action: str) -> None:
    if current.status != OPEN:
        raise FollowupError(
            msg("followup_not_open", id=current.id, status=current.status, act=_PASSIVE[action])
        )


def _changed_text(values: dict, current: Followup) -> str:
    return "ubah: " + ", ".join(f for f in _FIELDS if values[f] != getattr(current, f))


def _insert_version(con, followup_id: int, version: int, values: dict, action: str, user: User):
    con.execute(
        "INSERT INTO followups (followup_id, version, " + ", ".join(_FIELDS) + ", perubahan, "
        "changed_by, changed_at) VALUES (?, ?, " + ", ".join("?" for _ in _FIELDS) + ", ?, ?, ?)",
        [followup_id, version, *(values[f] for f in _FIELDS), _CHANGE[action], user.name, _now()],
    )


def _target(followup_id: int) -> str:
    return f"tindak lanjut {followup_id}"


def _audit_region(code: str) -> str | None:
    """The audit log's kode_wilayah: the regency, none for a province-wide follow-up."""
    return None if code == PROVINCE else code


# ---------------------------------------------------------------------- reads

_CURRENT_SQL = (
    "SELECT followup_id, version, " + ", ".join(_FIELDS[:-1]) + ", status, changed_by, "
    "changed_at FROM followups "
    "QUALIFY row_number() OVER (PARTITION BY followup_id ORDER BY version DESC) = 1"
)


def _row(row: tuple) -> Followup:
    (fid, version, region, topic, text, pic, due, meeting_date, meeting_title, status,
     by, at) = row  # fmt: skip
    return Followup(int(fid), int(version), region, topic, text, pic, due, meeting_date,
                    meeting_title, status, by, at)  # fmt: skip


def _current_on(con: duckdb.DuckDBPyConnection, followup_id: int) -> Followup | None:
    rows = con.execute(
        f"SELECT * FROM ({_CURRENT_SQL}) WHERE followup_id = ?", [followup_id]
    ).fetchall()
    return _row(rows[0]) if rows else None


def current(db: Database, user: User | None = None, region: str | None = None) -> list[Followup]:
    """The current state of every follow-up ``user`` may read (None: all), optionally of
    one ``region`` (a code, or PROVINCE), by id."""
    wanted = parse_region(region) if region else None
    visible = visible_regions(user)
    with db.reader() as con:
        try:
            rows = con.execute(_CURRENT_SQL + " ORDER BY followup_id").fetchall()
        except duckdb.CatalogException:  # a snapshot from before migration 004
            return []
    found = [_row(r) for r in rows]
    return [
        f
        for f in found
        if (wanted is None or f.kode_wilayah == wanted)
        and (visible is None or f.kode_wilayah in visible)
    ]


def notes(db: Database, followup_ids: list[int]) -> pd.DataFrame:
    """Progress notes of these follow-ups, oldest first: followup_id, note, written_by, written_at."""
    with db.reader() as con:
        try:
            return con.execute(
                "SELECT followup_id, note, written_by, written_at FROM followup_notes "
                "WHERE list_contains(?, followup_id) ORDER BY written_at, note_id",
                [list(followup_ids)],
            ).df()
        except duckdb.CatalogException:
            return pd.DataFrame(columns=["followup_id", "note", "written_by", "written_at"])


def versions(db: Database, followup_id: int) -> pd.DataFrame:
    """Every version of one follow-up, oldest first (the history of its edits)."""
    with db.reader() as con:
        return con.execute(
            "SELECT * FROM followups WHERE followup_id = ? ORDER BY version", [followup_id]
        ).df()


def sort_key(followup: Followup, as_of: dt.date) -> tuple:
    """Overdue first, then the other open ones, then done and cancelled; each by due date."""
    return (
        not followup.overdue(as_of),
        followup.status != OPEN,
        followup.jatuh_tempo,
        followup.id,
    )


def listing(
    db: Database, as_of: dt.date, user: User | None = None, region: str | None = None
) -> list[dict]:
    """The follow-ups ``user`` may read as JSON-ready dicts (keys ``LIST_KEYS``), lateness
    judged on ``as_of`` (the current state of each; ``as_of`` does not rewind edits),
    sorted by ``sort_key``. Notes: [{isi, oleh, waktu (ISO, WIB)}], oldest first."""
    found = sorted(current(db, user, region), key=lambda f: sort_key(f, as_of))
    by_id: dict[int, list[dict]] = {f.id: [] for f in found}
    if found:
        for row in notes(db, list(by_id)).itertuples(index=False):
            by_id[int(row.followup_id)].append(
                {
                    "isi": row.note,
                    "oleh": row.written_by,
                    "waktu": fmt.to_wib(row.written_at).isoformat(timespec="seconds"),
                }
            )
    return [
        {
            "id": f.id,
            "kode_wilayah": f.kode_wilayah,
            "topik": f.topik,
            "isi": f.isi,
            "penanggung_jawab": f.penanggung_jawab,
            "jatuh_tempo": f.jatuh_tempo.isoformat(),
            "status": f.status,
            "terlambat": f.overdue(as_of),
            "catatan": by_id[f.id],
        }
        for f in found
    ]


def _now() -> dt.datetime:
    """Now in UTC (stored naive), like every stored time."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def created_at(db: Database, followup_ids: list[int]) -> dict[int, dt.datetime]:
    """When each follow-up was created (its version 1; UTC, naive), by id."""
    if not followup_ids:
        return {}
    with db.reader() as con:
        try:
            rows = con.execute(
                "SELECT followup_id, changed_at FROM followups WHERE version = 1 "
                "AND list_contains(?, followup_id)",
                [list(followup_ids)],
            ).fetchall()
        except duckdb.CatalogException:
            return {}
    return {int(fid): at for fid, at in rows}


def state_version(db: Database) -> str:
    """Changes with every follow-up version and progress note: with the data version it
    keys the caches of what shows follow-ups (an edit bumps no data version)."""
    if not db.exists():
        return "0"
    with db.reader() as con:
        try:
            versions_count, last = con.execute(
                "SELECT count(*), max(changed_at) FROM followups"
            ).fetchone()
            notes_count = con.execute("SELECT count(*) FROM followup_notes").fetchone()[0]
        except duckdb.CatalogException:
            return "0"
    return f"{versions_count}:{notes_count}:{last}"
