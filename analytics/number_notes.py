"""Notes on the numbers (catatan angka): a short text an admin attaches to a regency and a
date to explain a number ("3 anggota PPS mengundurkan diri, PAW dijadwalkan 2 Sep").

A note shows on that regency's trend chart (at its date), on Profil and in the regency's
one-pager. Append only (migration 005): removing a note writes a removal beside it, the
note itself stays. Only admins add or remove notes; every change, and every refused one,
is written to the audit log. Everyone who may read the regency may read its notes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import duckdb

from analytics import audit
from analytics import formatting as fmt
from analytics.auth import ADMIN, ROLE_LABEL, User
from analytics.errors import FollowupError, NotAllowed, NumberNoteError
from analytics.followups import PROVINCE, parse_region
from analytics.messages import msg
from analytics.storage import Database

ADD, REMOVE = "catatan_angka_tambah", "catatan_angka_hapus"
TEXT_MAX = 300  # a short note beside a number, not a report
_ACT_VERB = {ADD: "menambah", REMOVE: "menghapus"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # one line: a note sits beside a chart marker


@dataclass(frozen=True)
class NumberNote:
    """One note (not removed) on a regency's numbers of one date."""

    id: int
    kode_wilayah: str
    tanggal: dt.date
    teks: str
    dibuat_oleh: str
    dibuat_pada: dt.datetime  # UTC, naive


def _authorize(user: User, action: str) -> None:
    if user.role != ADMIN:
        raise NotAllowed(
            msg(
                "number_note_not_admin",
                act=_ACT_VERB[action],
                name=user.name,
                role=ROLE_LABEL.get(user.role, user.role),
            )
        )


def _clean_text(text: str | None) -> str:
    value = " ".join(_CONTROL.sub(" ", text or "").split())
    if not value:
        raise NumberNoteError(msg("followup_empty", field="Teks catatan"))
    if len(value) > TEXT_MAX:
        raise NumberNoteError(msg("followup_too_long", field="Teks catatan", limit=TEXT_MAX))
    return value


def _regency(region: str) -> str:
    try:
        code = parse_region(region)
    except FollowupError as exc:
        raise NumberNoteError(str(exc)) from None
    if code == PROVINCE:
        raise NumberNoteError(msg("number_note_province"))
    return code


def add(db: Database, user: User, region: str, date: dt.date, text: str) -> int:
    """Attach a note to ``region`` (a regency) and ``date`` (admins only); returns its id."""
    fields = {"actor_role": user.role}
    try:
        _authorize(user, ADD)
        code = _regency(region)
        teks = _clean_text(text)
    except (NotAllowed, NumberNoteError) as exc:
        audit.record(db, user.name, ADD, "ditolak", reason=str(exc), **fields)
        raise
    with db.writer() as con:
        con.execute("BEGIN TRANSACTION")
        note_id = con.execute("SELECT nextval('number_note_id_seq')").fetchone()[0]
        con.execute(
            "INSERT INTO number_notes (note_id, kode_wilayah, tanggal, teks, dibuat_oleh, "
            "dibuat_pada) VALUES (?, ?, ?, ?, ?, ?)",
            [note_id, code, date, teks, user.name, _now()],
        )
        audit.record_on(
            con, user.name, ADD, "berhasil", target=_target(note_id), kode_wilayah=code,
            reason=f"{date.isoformat()}: {teks}", **fields,
        )  # fmt: skip
        con.execute("COMMIT")
    return int(note_id)


def remove(db: Database, user: User, note_id: int, reason: str | None = None) -> None:
    """Remove a note (admins only) by recording its removal; the note stays stored."""
    fields = {"actor_role": user.role, "target": _target(note_id)}
    region = None
    try:
        _authorize(user, REMOVE)
        with db.writer() as con:
            found = con.execute(
                "SELECT n.kode_wilayah, r.dihapus_oleh, r.dihapus_pada FROM number_notes n "
                "LEFT JOIN number_note_removals r USING (note_id) WHERE n.note_id = ?",
                [note_id],
            ).fetchall()
            if not found:
                raise NumberNoteError(msg("number_note_unknown", id=note_id))
            region, removed_by, removed_at = found[0]
            if removed_by is not None:
                raise NumberNoteError(
                    msg(
                        "number_note_already_removed",
                        id=note_id,
                        who=removed_by,
                        when=fmt.datetime_wib(removed_at),
                    )
                )
            con.execute("BEGIN TRANSACTION")
            con.execute(
                "INSERT INTO number_note_removals (note_id, dihapus_oleh, dihapus_pada, alasan) "
                "VALUES (?, ?, ?, ?)",
                [note_id, user.name, _now(), (reason or "").strip() or None],
            )
            audit.record_on(
                con, user.name, REMOVE, "berhasil", kode_wilayah=region,
                reason=(reason or "").strip() or None, **fields,
            )  # fmt: skip
            con.execute("COMMIT")
    except (NotAllowed, NumberNoteError) as exc:
        audit.record(
            db, user.name, REMOVE, "ditolak", reason=str(exc), kode_wilayah=region, **fields
        )
        raise


def _read_scope(region: str) -> str:
    """The regency code to read notes of: a written name or code as ``_regency`` takes it,
    or a code such as 11.01 that the Jawa Tengah reference does not know (a database of
    another province, the national benchmark): it has no notes, and reading is no error."""
    try:
        return _regency(region)
    except NumberNoteError:
        if re.fullmatch(r"\d{2}\.\d{2}", region.strip()):
            return region.strip()
        raise


def notes_for(
    db: Database, region: str | None = None, until: dt.date | None = None
) -> list[NumberNote]:
    """The notes not removed of ``region`` (a regency; None: every regency) dated on or
    before ``until`` (None: any date), by date then id."""
    code = _read_scope(region) if region else None
    with db.reader() as con:
        try:
            rows = con.execute(
                "SELECT note_id, kode_wilayah, tanggal, teks, dibuat_oleh, dibuat_pada "
                "FROM number_notes n WHERE NOT EXISTS (SELECT 1 FROM number_note_removals r "
                "WHERE r.note_id = n.note_id) AND ($region IS NULL OR kode_wilayah = $region) "
                "AND ($until IS NULL OR tanggal <= $until) ORDER BY tanggal, note_id",
                {"region": code, "until": until},
            ).fetchall()
        except duckdb.CatalogException:  # a snapshot from before migration 005
            return []
    return [NumberNote(int(r[0]), r[1], r[2], r[3], r[4], r[5]) for r in rows]


def version(db: Database) -> str:
    """Changes with every note added or removed (a cache key beside the data version)."""
    if not db.exists():
        return "0"
    with db.reader() as con:
        try:
            added, removed = con.execute(
                "SELECT (SELECT count(*) FROM number_notes), "
                "(SELECT count(*) FROM number_note_removals)"
            ).fetchone()
        except duckdb.CatalogException:
            return "0"
    return f"{added}:{removed}"


def _target(note_id: int) -> str:
    return f"catatan angka {note_id}"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
