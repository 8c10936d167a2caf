"""The audit log: who did what, when, to what, with which outcome and why (append only)."""

from __future__ import annotations

import datetime as dt

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
REGION_ACTIONS = ("unggah", "tarik", "unduh")


def record_on(
    con: duckdb.DuckDBPyConnection,
    actor: str,
    action: str,
    outcome: str,
    **fields: object,
) -> None:
    """Append one entry on an open writer connection (inside the caller's transaction)."""
    assert action in ACTION_LABEL and outcome in OUTCOME_LABEL, (action, outcome)
    unknown = set(fields) - set(COLUMNS)
    assert not unknown, unknown
    values = {"actor": actor, "action": action, "outcome": outcome, **fields}
    con.execute(
        "INSERT INTO audit_log (audit_id, recorded_at, " + ", ".join(COLUMNS) + ") "
        "VALUES (nextval('audit_id_seq'), ?, " + ", ".join("?" for _ in COLUMNS) + ")",
        [_now(), *(values.get(column) for column in COLUMNS)],
    )


def record(db: Database, actor: str, action: str, outcome: str, **fields: object) -> None:
    """Append one entry in its own short transaction."""
    with db.writer() as con:
        record_on(con, actor, action, outcome, **fields)


def entries(
    db: Database,
    kode_wilayah: str | None = None,
    actions: tuple[str, ...] | None = None,
    dataset: str | None = None,
    since: dt.date | None = None,
    limit: int = 2000,
) -> pd.DataFrame:
    """Newest first. ``kode_wilayah`` keeps the entries about that regency, including
    uploads of files that covered it among others."""
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
