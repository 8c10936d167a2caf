"""Users, roles and scope: argon2 passwords, login throttled per client address, who may do what."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import hmac
import math
import os
import re
import secrets
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from analytics import audit, labels, reference
from analytics.errors import AuthError, NotAllowed
from analytics.login_throttle import LOCAL_CLIENT, LoginRow, LoginThrottle, audit_failures
from analytics.messages import msg
from analytics.settings import load_settings
from analytics.storage import SHELL_USER, Database

ADMIN, OPERATOR, VIEWER = "admin", "operator", "viewer"
ROLES = (ADMIN, OPERATOR, VIEWER)
ROLE_LABEL = labels.ROLE_LABEL
USERNAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]{2,39}")

# argon2id with the library's recommended cost (RFC 9106 low-memory profile). Tests swap
# in a cheaper hasher; stored hashes carry their own parameters, so both verify.
_hasher = PasswordHasher()


@dataclass(frozen=True)
class User:
    """An account as the rest of the code sees it: name, role and (operators) regency."""

    name: str
    role: str
    region: str | None = None  # kode_wilayah of an operator

    @property
    def label(self) -> str:
        """'budi (operator 33.01 Kabupaten Cilacap)' for headers and messages."""
        role = ROLE_LABEL[self.role]
        if self.region:
            return f"{self.name} ({role} {self.region} {region_name(self.region)})"
        return f"{self.name} ({role})"


# The server administrator acting from the shell (`ingest` without --user).
SHELL_ADMIN = User(SHELL_USER, ADMIN)


@dataclass(frozen=True)
class LoginResult:
    user: User | None  # None when refused
    message: str  # why it was refused ('' on success)


# ---------------------------------------------------------------------- scope


def can_upload(user: User | None) -> bool:
    return user is not None and user.role in (ADMIN, OPERATOR)


def can_withdraw(user: User | None) -> bool:
    return user is not None and user.role == ADMIN


def can_download(user: User | None, regions: list[str]) -> bool:
    """Admin always; an operator only files that hold nothing but their own regency."""
    if user is None:
        return False
    if user.role == ADMIN:
        return True
    return user.role == OPERATOR and bool(regions) and set(regions) == {user.region}


def visible_region(user: User) -> str | None:
    """The one regency whose history an operator may see; None means every regency."""
    return user.region if user.role == OPERATOR else None


def authorize_upload(user: User, regions: list[str]) -> None:
    """Raise NotAllowed unless ``user`` may store a file covering ``regions``.

    An operator's file with any row of another regency is refused whole.
    """
    if user.role == VIEWER:
        raise NotAllowed(msg("upload_viewer", name=user.name))
    if user.role not in (ADMIN, OPERATOR):
        raise NotAllowed(msg("login_needed_upload"))
    if user.role == OPERATOR:
        others = sorted(set(regions) - {user.region})
        if others:
            raise NotAllowed(
                msg(
                    "upload_other_region",
                    others=", ".join(others),
                    name=user.name,
                    region=f"{user.region} {region_name(user.region)}",
                )
            )


def authorize_withdraw(user: User) -> None:
    if not can_withdraw(user):
        raise NotAllowed(msg("withdraw_not_admin", name=user.name, role=ROLE_LABEL[user.role]))


# ---------------------------------------------------------------------- accounts


def region_name(code: str) -> str:
    return reference.region_names().get(code, "")


def normalize_region(text: str) -> str:
    """'3301' or '33.01' -> '33.01'; AuthError for a code not in the reference list."""
    digits = re.sub(r"\D", "", text or "")
    code = f"{digits[:2]}.{digits[2:]}" if len(digits) == 4 else (text or "").strip()
    if code not in set(reference.regions()["kode_wilayah"]):
        raise AuthError(msg("user_unknown_region", region=text))
    return code


def get_user(db: Database, name: str) -> User | None:
    """The active account called ``name``, or None."""
    if not name or not db.exists():
        return None
    with db.reader() as con:
        row = con.execute(
            "SELECT username, role, kode_wilayah FROM users WHERE username = ? AND is_active",
            [name],
        ).fetchall()
    return User(*row[0]) if row else None


def add_user(
    db: Database,
    name: str,
    role: str,
    password: str,
    region: str | None = None,
    actor: str = SHELL_USER,
) -> User:
    """Create an account; AuthError when the name, role, region or password is refused."""
    if not USERNAME_PATTERN.fullmatch(name or ""):
        raise AuthError(msg("user_bad_name", name=name))
    if role not in ROLES:
        raise AuthError(msg("user_bad_role", role=role))
    if role == OPERATOR and not region:
        raise AuthError(msg("user_region_required"))
    if role != OPERATOR and region:
        raise AuthError(msg("user_region_not_allowed", role=role))
    code = normalize_region(region) if region else None
    _check_password(password)
    password_hash = _hasher.hash(password)
    now = _now()
    with db.writer() as con:
        if con.execute("SELECT 1 FROM users WHERE username = ?", [name]).fetchall():
            raise AuthError(msg("user_exists", name=name))
        con.execute("BEGIN TRANSACTION")
        con.execute(
            "INSERT INTO users (username, role, kode_wilayah, password_hash, created_at, "
            "created_by, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [name, role, code, password_hash, now, actor, now],
        )
        audit.record_on(
            con, actor, "pengguna_tambah", "berhasil", actor_role=_role_of(actor), target=name,
            kode_wilayah=code, reason=f"peran {role}",
        )  # fmt: skip
        con.execute("COMMIT")
    _state(db).accounts.invalidate()
    return User(name, role, code)


def set_password(db: Database, name: str, password: str, actor: str = SHELL_USER) -> None:
    """Replace a password and lift the login back-off of that name (here at once; in the
    running app within ``ACCOUNTS_MAX_AGE_S``); AuthError for an unknown user or weak password."""
    _check_password(password)
    password_hash = _hasher.hash(password)
    with db.writer() as con:
        if not con.execute("SELECT 1 FROM users WHERE username = ?", [name]).fetchall():
            raise AuthError(msg("auth_unknown_user", name=name))
        con.execute("BEGIN TRANSACTION")
        _update_user(
            con,
            name,
            password_hash=password_hash,
            # to the microsecond: the app notices each change (_Accounts._read)
            password_changed_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
            failed_count=0,  # lock state of SIAGA before issue 11, cleared for good
            last_failed_at=None,
            locked_until=None,
        )
        audit.record_on(
            con, actor, "pengguna_sandi", "berhasil", actor_role=_role_of(actor), target=name
        )
        con.execute("COMMIT")
    _state(db).throttle.forget(name)
    _state(db).accounts.invalidate()


def list_users(db: Database) -> pd.DataFrame:
    """Every account (never the hashes): name, role, regency, lock state, created."""
    with db.reader() as con:
        return con.execute(
            "SELECT username, role, kode_wilayah, is_active, failed_count, locked_until, "
            "created_at, created_by, password_changed_at FROM users ORDER BY username"
        ).df()


def _role_of(actor: str) -> str | None:
    """Accounts are managed from the shell, i.e. by the server administrator."""
    return ADMIN if actor == SHELL_USER else None


def _check_password(password: str) -> None:
    length = load_settings().min_password_length
    if len(password or "") < length:
        raise AuthError(msg("password_too_short", length=length))


# ---------------------------------------------------------------------- login

# Key of the label an unknown name is audited under: random per process, so the label
# can correlate one burst of attempts but never confirm a guess about what was typed.
_UNKNOWN_NAME_KEY = secrets.token_bytes(32)
# The accounts login checks against are re-read at most this often (and at once after a
# change made in this process): one short read a second however many tries arrive.
ACCOUNTS_MAX_AGE_S = 1.0
# argon2id is CPU and memory heavy by design. Passwords are checked on a few dedicated
# threads (about one per two cores), at a lower CPU priority where the system allows it,
# so a login flood queues there instead of starving the pages' reads of CPU.
VERIFY_NICENESS = 10


def _lower_priority() -> None:
    """Run this verifier thread (and argon2's own threads, which inherit it) below the
    page threads. Linux only: there the priority is per thread, elsewhere per process."""
    if sys.platform == "linux":
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), VERIFY_NICENESS)


_VERIFIER = ThreadPoolExecutor(
    max_workers=max(1, (os.cpu_count() or 2) // 2),
    thread_name_prefix="siaga-verify",
    initializer=_lower_priority,
)


def unknown_name_label(name: str) -> str:
    """How a name that is not an account is audited: never what was typed (it may be a
    password typed into the wrong field), only a keyed 6-digit tag of it."""
    tag = hmac.new(_UNKNOWN_NAME_KEY, name.encode(), hashlib.sha256).hexdigest()[:6]
    return f"tidak dikenal (#{tag})"


def actor_label(db: Database, name: str) -> str:
    """``name`` when it is an account (active or not), else its unknown-name label."""
    name = (name or "").strip()[:100]
    if name and db.exists():
        with db.reader() as con:
            if con.execute("SELECT 1 FROM users WHERE username = ?", [name]).fetchall():
                return name
    return unknown_name_label(name)


def login(
    db: Database,
    name: str,
    password: str,
    now: dt.datetime | None = None,
    client: str | None = None,
) -> LoginResult:
    """Check a password, throttled per client address (never an account lock).

    Known and unknown names take the same path: the throttle (in memory), the account
    from a copy of the users table re-read at most every ``ACCOUNTS_MAX_AGE_S``, one
    argon2 verification (against a dummy hash for an unknown name) with no database
    connection open, then the audit: failures through ``audit.record_soon`` (at most
    one write every few seconds), a success in one short write. ``client`` is the
    browser's address (None: this machine).
    """
    settings = load_settings()
    now = now or _now()
    name = (name or "").strip()[:100]
    state = _state(db)
    throttle = state.throttle
    account = state.accounts.get(db, name)  # first: a re-read may lift a back-off
    due = throttle.due_rows(now, settings)  # audit windows that ended, summarised
    key = (client or LOCAL_CLIENT, name)
    refusal = throttle.refusal(key, now, settings)
    if refusal is not None:
        audit_failures(db, due + refusal.rows)
        return LoginResult(None, refusal.message)
    stored_hash = account.password_hash if account else _dummy_hash()
    correct = _VERIFIER.submit(_verify, stored_hash, password).result()
    if account is None or not correct:
        actor = name if account else unknown_name_label(name)
        role = account.role if account else None
        reason = "kata sandi salah" if account else "pengguna tidak dikenal"
        row = LoginRow(actor, role, "gagal", reason, client)
        audit_failures(db, due + throttle.failed(key, now, settings, row))
        return LoginResult(None, msg("login_failed"))
    rows = due + throttle.succeeded(key) + [LoginRow(name, account.role, "berhasil", None, client)]
    with db.writer() as con:  # short: the rows, and a stronger hash when the cost went up
        con.execute("BEGIN TRANSACTION")
        if _hasher.check_needs_rehash(account.password_hash):
            _update_user(con, name, password_hash=_hasher.hash(password))
            state.accounts.invalidate()
        audit.flush(db, con)
        for row in rows:
            audit.record_on(con, row.actor, "masuk", row.outcome, **row.fields())
        con.execute("COMMIT")
    return LoginResult(User(name, account.role, account.region), "")


def logout(db: Database, user: User) -> None:
    audit.record(db, user.name, "keluar", "berhasil", actor_role=user.role)


@dataclass(frozen=True)
class _Account:
    role: str
    region: str | None
    password_hash: str


class _Accounts:
    """The active accounts of one database as login needs them, read whole (a few rows)
    at most every ``ACCOUNTS_MAX_AGE_S``. A password changed by another process
    (``user passwd``) lifts that name's back-off when the copy is re-read."""

    def __init__(self, throttle: LoginThrottle) -> None:
        self._lock = threading.Lock()
        self._throttle = throttle
        self._accounts: dict[str, _Account] = {}
        self._changed_at: dict[str, dt.datetime] = {}
        self._read_at = -math.inf

    def get(self, db: Database, name: str) -> _Account | None:
        with self._lock:
            if time.monotonic() - self._read_at >= ACCOUNTS_MAX_AGE_S and db.exists():
                self._read(db)
            return self._accounts.get(name)

    def invalidate(self) -> None:
        with self._lock:
            self._read_at = -math.inf

    def _read(self, db: Database) -> None:
        with db.reader() as con:
            rows = con.execute(
                "SELECT username, role, kode_wilayah, password_hash, password_changed_at "
                "FROM users WHERE is_active"
            ).fetchall()
        for name, *_, changed_at in rows:
            if self._changed_at.get(name, changed_at) != changed_at:
                self._throttle.forget(name)
        self._accounts = {name: _Account(*fields) for name, *fields, _ in rows}
        self._changed_at = {row[0]: row[-1] for row in rows}
        self._read_at = time.monotonic()


@dataclass(frozen=True)
class _LoginState:
    throttle: LoginThrottle
    accounts: _Accounts


_STATES: dict[str, _LoginState] = {}
_STATES_GUARD = threading.Lock()


def _state(db: Database) -> _LoginState:
    """The throttle and account copy of ``db`` in this process."""
    with _STATES_GUARD:
        key = str(db.path.resolve())
        if key not in _STATES:
            throttle = LoginThrottle()
            _STATES[key] = _LoginState(throttle, _Accounts(throttle))
        return _STATES[key]


def _dummy_hash() -> str:
    return _dummy_hash_for(_hasher)


@functools.lru_cache(maxsize=4)
def _dummy_hash_for(hasher: PasswordHasher) -> str:
    """A hash with the hasher's own cost, so an unknown name costs what a known one does."""
    return hasher.hash(secrets.token_hex(16))


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return False


_USER_COLUMNS = frozenset(
    {"password_hash", "password_changed_at", "failed_count", "last_failed_at", "locked_until"}
)


def _update_user(con, name: str, **changes) -> None:
    assert set(changes) <= _USER_COLUMNS  # column names come from this module only
    assignments = ", ".join(f"{column} = ?" for column in changes)
    con.execute(f"UPDATE users SET {assignments} WHERE username = ?", [*changes.values(), name])


def _now() -> dt.datetime:
    """Now in UTC (stored naive): what every stored time means, whatever the server's zone."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


# ---------------------------------------------------------------------- demo

# Demo accounts, created only by `python -m analytics demo` on a demo database. The
# passwords are public (README); never use them, or any default password, elsewhere.
DEMO_ACCOUNTS = (
    ("admin-demo", ADMIN, None, "demo-admin-2024"),
    ("operator-cilacap", OPERATOR, "33.01", "demo-cilacap-2024"),
    ("peninjau-demo", VIEWER, None, "demo-peninjau-2024"),
)


def create_demo_users(db: Database) -> list[User]:
    """Add the demo accounts to a demo database (refused on a database with real uploads)."""
    if not db.is_demo():
        raise AuthError(msg("demo_users_refused", path=db.path))
    created = []
    for name, role, region, password in DEMO_ACCOUNTS:
        if get_user(db, name) is None:
            created.append(add_user(db, name, role, password, region, actor="demo"))
    return created
