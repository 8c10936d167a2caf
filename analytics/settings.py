"""Every setting SIAGA reads, in one registry (name, default, one-line help, where it is read),
and the access, login and upload settings of data/pengaturan.toml.

The README's settings table is generated from ``REGISTRY`` (a test keeps them in step);
environment variables are read only through ``env``.
"""

from __future__ import annotations

import functools
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

SETTINGS_PATH = Path(__file__).resolve().parent.parent / "data" / "pengaturan.toml"
SETTINGS_FILE = "data/pengaturan.toml"
ENVIRONMENT = "environment"


@dataclass(frozen=True)
class Setting:
    """One setting: its name, default (as written), one-line help and where it is read."""

    name: str
    default: str
    help: str
    source: str


REGISTRY: tuple[Setting, ...] = (
    Setting(
        "read_without_login", "true",
        "anyone may read the dashboards without logging in (a meeting screen needs no "
        "login); `false` asks for a login first. Uploading, history and withdrawal always "
        "need a login", f"{SETTINGS_FILE} [access]",
    ),
    Setting(
        "backoff_base_seconds", "1",
        "after the n-th wrong password in a row for one name from one client address, that "
        "address waits `backoff_base_seconds` × 2^(n−1) seconds before trying that name "
        "again …", f"{SETTINGS_FILE} [login]",
    ),
    Setting("backoff_max_seconds", "30", "… at most this long", f"{SETTINGS_FILE} [login]"),
    Setting(
        "window_minutes", "15",
        "the window over which failed logins are counted (address budget, account alert) "
        "and aggregated into one audit row per address and name", f"{SETTINGS_FILE} [login]",
    ),
    Setting(
        "address_budget", "30",
        "failed logins (any names) one client address may make per window; beyond it that "
        "address is refused unchecked until its oldest failure leaves the window",
        f"{SETTINGS_FILE} [login]",
    ),
    Setting(
        "account_alert_failures", "100",
        "failed logins on one name (all addresses) per window after which every address "
        "that fails on it waits at least `account_backoff_seconds`; an address without a "
        "failure on that name is never refused", f"{SETTINGS_FILE} [login]",
    ),
    Setting("account_backoff_seconds", "60", "see `account_alert_failures`",
            f"{SETTINGS_FILE} [login]"),
    Setting("min_password_length", "10", "shortest password `user add` / `user passwd` accept",
            f"{SETTINGS_FILE} [login]"),
    Setting(
        "partial_file_share", "0.5",
        "warn (and ask for confirmation) when a file holds fewer units than this share of "
        "the regency's current units", f"{SETTINGS_FILE} [upload]",
    ),
    Setting(
        "server.maxUploadSize", "50",
        "largest upload in MB; Streamlit refuses larger files in the browser and the upload "
        "page states the limit", ".streamlit/config.toml [server]",
    ),
    Setting("SIAGA_DB", "data/siaga.duckdb",
            "the DuckDB file of the app, the CLI (`--db` wins) and `make run`", ENVIRONMENT),
    Setting("SIAGA_SETTINGS", SETTINGS_FILE, "another settings file (tests, another site)",
            ENVIRONMENT),
    Setting(
        "SIAGA_LOCK_TIMEOUT", "30",
        "seconds a writer or reader waits for another process's write lock before "
        "answering *basis data sedang sibuk*", ENVIRONMENT,
    ),
    Setting(
        "BROWSER_PATH", "chromium on PATH",
        "the Chromium that draws charts as PNG images (without one, the PNG download is "
        "not offered)", ENVIRONMENT,
    ),
    Setting(
        "SIAGA_PREWARM", "1",
        "`0` turns off the idle-time preparation of every regency's profile after a data "
        "change (ui/profile.py); the tests turn it off", ENVIRONMENT,
    ),
    Setting(
        "SIAGA_FAULT", "(unset)",
        "tests only: `<point>:<flag file>` stalls an ingest at that point so a test can "
        "kill it", ENVIRONMENT,
    ),
)  # fmt: skip
_ENVIRONMENT_NAMES = frozenset(s.name for s in REGISTRY if s.source == ENVIRONMENT)


def env(name: str) -> str | None:
    """The value of a registered environment variable (None or '' when unset)."""
    if name not in _ENVIRONMENT_NAMES:
        raise KeyError(f"{name} is not in settings.REGISTRY")
    return os.environ.get(name)


def settings_table_markdown() -> str:
    """The README's settings table, generated from ``REGISTRY``."""
    lines = ["| setting | default | where | meaning |", "|---|---|---|---|"]
    for setting in REGISTRY:
        lines.append(
            f"| `{setting.name}` | `{setting.default}` | {setting.source} | {setting.help} |"
        )
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Settings:
    read_without_login: bool
    backoff_base_seconds: float
    backoff_max_seconds: float
    window_minutes: float
    address_budget: int
    account_alert_failures: int
    account_backoff_seconds: float
    min_password_length: int
    partial_file_share: float

    def backoff_seconds(self, failures: int) -> float:
        """Seconds one address waits before trying a name again after ``failures`` wrong
        passwords in a row for that name."""
        if failures <= 0:
            return 0.0
        return min(self.backoff_base_seconds * 2 ** (failures - 1), self.backoff_max_seconds)


def settings_path() -> Path:
    """data/pengaturan.toml, or the file named by SIAGA_SETTINGS (tests, other sites)."""
    return Path(env("SIAGA_SETTINGS") or SETTINGS_PATH)


def load_settings(path: Path | None = None) -> Settings:
    """The settings in force (re-read when the file changes)."""
    path = Path(path or settings_path())
    return _load(str(path), path.stat().st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _load(path: str, mtime_ns: int) -> Settings:
    with open(path, "rb") as handle:
        raw = tomllib.load(handle)
    access, login, upload = raw["access"], raw["login"], raw["upload"]
    return Settings(
        read_without_login=bool(access["read_without_login"]),
        backoff_base_seconds=float(login["backoff_base_seconds"]),
        backoff_max_seconds=float(login["backoff_max_seconds"]),
        window_minutes=float(login["window_minutes"]),
        address_budget=int(login["address_budget"]),
        account_alert_failures=int(login["account_alert_failures"]),
        account_backoff_seconds=float(login["account_backoff_seconds"]),
        min_password_length=int(login["min_password_length"]),
        partial_file_share=float(upload["partial_file_share"]),
    )


def setting_names(path: Path | None = None) -> list[str]:
    """Every key of the settings file, for the documentation test."""
    with open(path or settings_path(), "rb") as handle:
        raw = tomllib.load(handle)
    return [key for section in raw.values() for key in section]
