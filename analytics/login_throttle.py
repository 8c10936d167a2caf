"""Login throttling in memory: back-off per (client address, name), a budget per address,
a floor per account under heavy volume; never a lock a stranger can set. Failed attempts
become audit rows once per window, with their count."""

from __future__ import annotations

import datetime as dt
import math
import threading
import time
from collections import deque
from dataclasses import dataclass

from analytics import audit
from analytics import formatting as fmt
from analytics.messages import msg
from analytics.settings import Settings
from analytics.storage import Database

LOCAL_CLIENT = "lokal"  # the client address of the command line and of localhost
SWEEP_SECONDS = 1.0  # how often ended audit windows are looked for


@dataclass(frozen=True)
class LoginRow:
    """One audit entry of a login, before it is written."""

    actor: str
    role: str | None
    outcome: str
    reason: str | None
    client: str | None  # the browser's address; None for this machine

    def fields(self) -> dict:
        target = f"dari {self.client}" if self.client else None
        return {"actor_role": self.role, "target": target, "reason": self.reason}


def audit_failures(db: Database, rows: list[LoginRow]) -> None:
    for row in rows:
        audit.record_soon(db, row.actor, "masuk", row.outcome, **row.fields())


@dataclass
class _Streak:
    """Failed logins of one (client address, name) pair."""

    actor: str  # audit label: the account name, or the unknown-name label
    role: str | None
    client: str | None  # the browser's address; None for this machine
    failures: int = 0  # wrong passwords in a row (reset by a success or a quiet window)
    last_failed_at: dt.datetime | None = None
    window_start: dt.datetime | None = None  # first failure of the audit window
    failed_since_audit: int = 0  # failures after the audited first one of the window
    refused_since_audit: int = 0  # tries refused by the back-off in the window


@dataclass(frozen=True)
class _Refusal:
    message: str
    rows: list[LoginRow]


class LoginThrottle:
    """Failed logins against one database in this process, thread-safe.

    Back-off per (client address, name typed), a failure budget per address, and an
    account-wide floor on the back-off at high volume. Nothing here ever refuses an
    address that has not failed on that name, so a stranger cannot lock an account.
    Failed attempts are audited once per (address, name) per window, with a count.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._streaks: dict[tuple[str, str], _Streak] = {}
        self._address_failures: dict[str, deque[dt.datetime]] = {}
        self._address_audited: dict[str, dt.datetime] = {}  # budget exceeded, audited at
        self._name_failures: dict[str, deque[dt.datetime]] = {}
        self._swept_at = -math.inf

    def refusal(
        self, key: tuple[str, str], now: dt.datetime, settings: Settings
    ) -> _Refusal | None:
        """Why this try is refused unchecked, or None to check the password."""
        client, name = key
        window = dt.timedelta(minutes=settings.window_minutes)
        with self._lock:
            failures = _recent(self._address_failures.get(client), now - window)
            if len(failures) >= settings.address_budget:
                minutes = _minutes_left(failures[0] + window, now)
                rows = []
                audited = self._address_audited.get(client)
                if audited is None or audited < now - window:
                    self._address_audited[client] = now
                    reason = (
                        f"{len(failures)} percobaan gagal dari alamat ini dalam "
                        f"{settings.window_minutes:g} menit; percobaan berikutnya ditolak "
                        "tanpa diperiksa"
                    )
                    rows.append(LoginRow("-", None, "ditunda", reason, _address(client)))
                return _Refusal(msg("login_address_budget", minutes=minutes), rows)
            streak = self._streaks.get(key)
            if streak is None or streak.failures == 0:
                return None
            wait = settings.backoff_seconds(streak.failures)
            busy_name = _recent(self._name_failures.get(name), now - window)
            if len(busy_name) >= settings.account_alert_failures:
                wait = max(wait, settings.account_backoff_seconds)
            ready_at = streak.last_failed_at + dt.timedelta(seconds=wait)
            if now >= ready_at:
                return None
            streak.window_start = streak.window_start or now
            streak.refused_since_audit += 1
            seconds = max(1, math.ceil((ready_at - now).total_seconds()))
            return _Refusal(msg("login_wait", seconds=seconds), [])

    def failed(
        self, key: tuple[str, str], now: dt.datetime, settings: Settings, row: LoginRow
    ) -> list[LoginRow]:
        """Count a wrong password; the audit rows to write now (first failure of a window)."""
        client, name = key
        window = dt.timedelta(minutes=settings.window_minutes)
        with self._lock:
            self._address_failures.setdefault(client, deque()).append(now)
            self._name_failures.setdefault(name, deque()).append(now)
            streak = self._streaks.setdefault(key, _Streak(row.actor, row.role, row.client))
            streak.actor, streak.role = row.actor, row.role
            if streak.last_failed_at is not None and now - streak.last_failed_at > window:
                streak.failures = 0  # a quiet window forgives
            streak.failures += 1
            streak.last_failed_at = now
            if streak.window_start is None:
                streak.window_start = now
                return [row]
            streak.failed_since_audit += 1
            return []

    def succeeded(self, key: tuple[str, str]) -> list[LoginRow]:
        """Forget the pair's streak; the audit row of its failures not yet written."""
        with self._lock:
            streak = self._streaks.pop(key, None)
        return [_summary_row(streak)] if streak and _has_pending(streak) else []

    def due_rows(self, now: dt.datetime, settings: Settings) -> list[LoginRow]:
        """Summary rows of audit windows that ended; forgets what no longer counts.

        Runs at most every ``SWEEP_SECONDS`` (it looks at every pair).
        """
        window = dt.timedelta(minutes=settings.window_minutes)
        rows = []
        with self._lock:
            if time.monotonic() - self._swept_at < SWEEP_SECONDS:
                return rows
            self._swept_at = time.monotonic()
            for key, streak in list(self._streaks.items()):
                if streak.window_start is not None and now - streak.window_start >= window:
                    if _has_pending(streak):
                        rows.append(_summary_row(streak))
                    streak.window_start = None
                    streak.failed_since_audit = streak.refused_since_audit = 0
                    if now - streak.last_failed_at > window:
                        del self._streaks[key]
            for counts in (self._address_failures, self._name_failures):
                for key, times in list(counts.items()):
                    if not _recent(times, now - window):
                        del counts[key]
        return rows

    def forget(self, name: str) -> None:
        """A new password: the name's back-off is lifted for every address."""
        with self._lock:
            for key, streak in self._streaks.items():
                if key[1] == name:
                    streak.failures = 0  # the audit counts of the window are kept
            self._name_failures.pop(name, None)


def _recent(times: deque[dt.datetime] | None, since: dt.datetime) -> deque[dt.datetime]:
    """``times`` without those before ``since`` (dropped in place)."""
    if times is None:
        return deque()
    while times and times[0] < since:
        times.popleft()
    return times


def _address(client: str) -> str | None:
    return None if client == LOCAL_CLIENT else client


def _has_pending(streak: _Streak) -> bool:
    return bool(streak.failed_since_audit or streak.refused_since_audit)


def _summary_row(streak: _Streak) -> LoginRow:
    reason = (
        f"lagi {streak.failed_since_audit} kali gagal dan {streak.refused_since_audit} kali "
        f"ditolak karena jeda sejak {fmt.time_wib(streak.window_start)}"
    )
    outcome = "gagal" if streak.failed_since_audit else "ditunda"
    return LoginRow(streak.actor, streak.role, outcome, reason, streak.client)


def _minutes_left(until: dt.datetime, now: dt.datetime) -> int:
    return max(1, math.ceil((until - now).total_seconds() / 60))
