"""Users, roles and scope: argon2 passwords, login with back-off and lock, who may do what."""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from dataclasses import dataclass

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from analytics import audit, labels, reference
from analytics import formatting as fmt
from analytics.errors import AuthError, NotAllowed
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
    return User(name, role, code)


def set_password(db: Database, name: str, password: str, actor: str = SHELL_USER) -> None:
    """Replace a password and lift any lock; AuthError for an unknown user or weak password."""
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
            password_changed_at=_now(),
            failed_count=0,
            last_failed_at=None,
            locked_until=None,
        )
        audit.record_on(
            con, actor, "pengguna_sandi", "berhasil", actor_role=_role_of(actor), target=name
        )
        con.execute("COMMIT")


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


def login(db: Database, name: str, password: str, now: dt.datetime | None = None) -> LoginResult:
    """Check a password with back-off and a temporary lock; every try is audited."""
    settings = load_settings()
    now = now or _now()
    name = (name or "").strip()[:100]  # what an unknown visitor typed is logged, bounded
    refused = msg("login_failed", max=settings.max_failures, minutes=settings.lock_minutes)
    with db.writer() as con:
        row = con.execute(
            "SELECT role, kode_wilayah, password_hash, failed_count, last_failed_at, "
            "locked_until FROM users WHERE username = ? AND is_active",
            [name],
        ).fetchall()
        if not row:
            _verify(_dummy_hash(), password)  # same time as for a known name
            audit.record_on(con, name or "-", "masuk", "gagal", reason="pengguna tidak dikenal")
            return LoginResult(None, refused)
        role, region, password_hash, failures, last_failed_at, locked_until = row[0]
        if locked_until is not None and now < locked_until:
            text = msg(
                "login_locked",
                name=name,
                max=settings.max_failures,
                until=fmt.time_wib(locked_until),
                minutes=_minutes_left(locked_until, now),
            )
            audit.record_on(con, name, "masuk", "terkunci", actor_role=role, reason=text)
            return LoginResult(None, text)
        wait = settings.backoff_seconds(failures)
        if last_failed_at is not None and now < last_failed_at + dt.timedelta(seconds=wait):
            left = (last_failed_at + dt.timedelta(seconds=wait) - now).total_seconds()
            text = msg("login_wait", seconds=max(1, round(left + 0.49)))
            audit.record_on(con, name, "masuk", "ditunda", actor_role=role, reason=text)
            return LoginResult(None, text)
        if _verify(password_hash, password):
            changes = {"failed_count": 0, "last_failed_at": None, "locked_until": None}
            if _hasher.check_needs_rehash(password_hash):
                changes["password_hash"] = _hasher.hash(password)
            _update_user(con, name, **changes)
            audit.record_on(con, name, "masuk", "berhasil", actor_role=role)
            return LoginResult(User(name, role, region), "")
        failures += 1
        if failures >= settings.max_failures:
            until = now + dt.timedelta(minutes=settings.lock_minutes)
            _update_user(con, name, failed_count=0, last_failed_at=None, locked_until=until)
            text = msg(
                "login_locked",
                name=name,
                max=settings.max_failures,
                until=fmt.time_wib(until),
                minutes=settings.lock_minutes,
            )
            audit.record_on(con, name, "masuk", "gagal", actor_role=role, reason=text)
            return LoginResult(None, text)
        _update_user(con, name, failed_count=failures, last_failed_at=now)
        audit.record_on(
            con, name, "masuk", "gagal", actor_role=role, reason=f"kata sandi salah ({failures}x)"
        )
        return LoginResult(None, refused)


def logout(db: Database, user: User) -> None:
    audit.record(db, user.name, "keluar", "berhasil", actor_role=user.role)


@functools.cache
def _dummy_hash() -> str:
    return _hasher.hash("siaga-bukan-kata-sandi")


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return False


def _minutes_left(until: dt.datetime, now: dt.datetime) -> int:
    return max(1, math.ceil((until - now).total_seconds() / 60))


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
