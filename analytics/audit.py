"""The audit log: who did what, when, to what, with which outcome and why (append only)."""

from __future__ import annotations

import atexit
import datetime as dt
import threading
import time
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from analytics.labels import ROLE_LABEL
from analytics.storage import Database

# action -> Indonesian label (the log stores the key; pages show the label)
ACTION_LABEL = {
    "unggah": "Unggah",
    "tarik": "Tarik versi",
    "unduh": "Unduh berkas asli",
    "masuk": "Masuk",
    "keluar": "Keluar",
    "pengguna_tambah": "Tambah pengguna",
    "pengguna_sandi": "Ganti kata sandi",
    # Follow-ups of coordination meetings (analytics/followups.py).
    "tindak_lanjut_tambah": "Tambah tindak lanjut",
    "tindak_lanjut_ubah": "Ubah tindak lanjut",
    "tindak_lanjut_catatan": "Catatan tindak lanjut",
    "tindak_lanjut_selesai": "Tindak lanjut selesai",
    "tindak_lanjut_batal": "Batalkan tindak lanjut",
    # Notes on the numbers of a regency (analytics/number_notes.py).
    "catatan_angka_tambah": "Tambah catatan angka",
    "catatan_angka_hapus": "Hapus catatan angka",
}
OUTCOME_LABEL = {
    "diterima": "● diterima",
    "duplikat": "◐ duplikat (sudah tersimpan)",
    "ditolak": "✕ ditolak",
    "berhasil": "● berhasil",
    "gagal": "✕ gagal",
    "ditunda": "▲ ditunda (jeda)",
    "terkunci": "▲ terkunci",
}
COLUMNS = (
    "actor", "actor_role", "action", "outcome", "dataset", "kode_wilayah", "target", "reason",
    "file_name", "sha256", "upload_id",
)  # fmt: skip
# Actions an operator may see in the history of their own regency.
REGION_ACTIONS = (
    "unggah", "tarik", "unduh", "tindak_lanjut_tambah", "tindak_lanjut_ubah",
    "tindak_lanjut_catatan", "tindak_lanjut_selesai", "tindak_lanjut_batal",
    "catatan_angka_tambah", "catatan_angka_hapus",
)  # fmt: skip


def record_on(
    con: duckdb.DuckDBPyConnection,
    actor: str,
    action: str,
    outcome: str,
    recorded_at: dt.datetime | None = None,
    **fields: object,
) -> None:
    """Append one entry on an open writer connection (inside the caller's transaction);
    ``recorded_at`` (UTC) when the event happened earlier than now."""
    assert action in ACTION_LABEL and outcome in OUTCOME_LABEL, (action, outcome)
    unknown = set(fields) - set(COLUMNS)
    assert not unknown, unknown
    values = {"actor": actor, "action": action, "outcome": outcome, **fields}
    con.execute(
        "INSERT INTO audit_log (audit_id, recorded_at, " + ", ".join(COLUMNS) + ") "
        "VALUES (nextval('audit_id_seq'), ?, " + ", ".join("?" for _ in COLUMNS) + ")",
        [recorded_at or _now(), *(values.get(column) for column in COLUMNS)],
    )


def record(db: Database, actor: str, action: str, outcome: str, **fields: object) -> None:
    """Append one entry in its own short transaction."""
    with db.writer() as con:
        record_on(con, actor, action, outcome, **fields)


# Entries that may wait (failed logins): written at most once per this many seconds, so a
# login flood does not queue a write per try in front of the pages' reads.
PENDING_WRITE_SECONDS = 2.0


@dataclass
class _Pending:
    lock: threading.Lock = field(default_factory=threading.Lock)
    entries: list[tuple[tuple, dict]] = field(default_factory=list)
    written_at: float = -float("inf")  # time.monotonic() of the last write


_PENDING: dict[str, tuple[Database, _Pending]] = {}
_PENDING_GUARD = threading.Lock()


def record_soon(db: Database, actor: str, action: str, outcome: str, **fields: object) -> None:
    """Append one entry that may wait: written at once when the log of ``db`` was not
    written by this function in the last ``PENDING_WRITE_SECONDS``, else with the next
    write, the next read of the log (``entries``), or at exit. Keeps its own time."""
    pending = _pending(db)
    with pending.lock:
        pending.entries.append(((actor, action, outcome, _now()), fields))
        if time.monotonic() - pending.written_at < PENDING_WRITE_SECONDS:
            return
    flush(db)


def flush(db: Database, con: duckdb.DuckDBPyConnection | None = None) -> None:
    """Write the entries waiting for ``db`` (on ``con`` inside the caller's transaction,
    or in a short transaction of its own)."""
    pending = _pending(db)
    with pending.lock:
        waiting, pending.entries = pending.entries, []
        pending.written_at = time.monotonic()
    if not waiting:
        return
    if con is not None:
        _write(con, waiting)
        return
    with db.writer() as own:
        own.execute("BEGIN TRANSACTION")
        _write(own, waiting)
        own.execute("COMMIT")


def _write(con: duckdb.DuckDBPyConnection, waiting: list[tuple[tuple, dict]]) -> None:
    for (actor, action, outcome, recorded_at), fields in waiting:
        record_on(con, actor, action, outcome, recorded_at=recorded_at, **fields)


def _pending(db: Database) -> _Pending:
    with _PENDING_GUARD:
        return _PENDING.setdefault(str(db.path.resolve()), (db, _Pending()))[1]


@atexit.register
def _flush_all() -> None:
    for db, _ in list(_PENDING.values()):
        try:
            flush(db)
        except Exception:  # noqa: BLE001 - best effort at exit; the database may be gone
            pass


def entries(
    db: Database,
    kode_wilayah: str | None = None,
    actions: tuple[str, ...] | None = None,
    dataset: str | None = None,
    since: dt.date | None = None,
    limit: int = 2000,
) -> pd.DataFrame:
    """Newest first. ``kode_wilayah`` keeps the entries about that regency, including
    uploads of files that covered it among others. Entries still waiting are written first."""
    flush(db)
    with db.reader() as con:
        return con.execute(
            "SELECT audit_id, recorded_at, " + ", ".join(COLUMNS) + " FROM audit_log "
            "WHERE ($region IS NULL OR kode_wilayah = $region OR upload_id IN "
            "(SELECT upload_id FROM versions WHERE kode_wilayah = $region)) "
            "AND ($all_actions OR list_contains($actions, action)) "
            "AND ($since IS NULL OR recorded_at >= $since) "
            "AND ($dataset IS NULL OR dataset = $dataset) "
            "ORDER BY audit_id DESC LIMIT $limit",
            {
                "region": kode_wilayah,
                "all_actions": actions is None,
                "actions": list(actions or ()),
                "since": since,
                "dataset": dataset,
                "limit": limit,
            },
        ).df()


def reason_text(reason: object) -> object:
    """A stored reason as people read it: the role of a new account ('peran viewer', as
    ``user add`` records it) in Indonesian ('peran peninjau'); anything else unchanged."""
    if isinstance(reason, str) and reason.startswith("peran "):
        role = reason.removeprefix("peran ")
        return f"peran {ROLE_LABEL[role]}" if role in ROLE_LABEL else reason
    return reason


def _now() -> dt.datetime:
    """Now in UTC (stored naive): what every stored time means, whatever the server's zone."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
