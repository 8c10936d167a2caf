"""Access, login and upload settings read from data/pengaturan.toml (documented in README)."""

from __future__ import annotations

import functools
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

SETTINGS_PATH = Path(__file__).resolve().parent.parent / "data" / "pengaturan.toml"


@dataclass(frozen=True)
class Settings:
    read_without_login: bool
    max_failures: int
    lock_minutes: int
    backoff_base_seconds: float
    backoff_max_seconds: float
    min_password_length: int
    partial_file_share: float

    def backoff_seconds(self, failures: int) -> float:
        """Seconds the next try waits after ``failures`` wrong passwords in a row."""
        if failures <= 0:
            return 0.0
        return min(self.backoff_base_seconds * 2 ** (failures - 1), self.backoff_max_seconds)


def settings_path() -> Path:
    """data/pengaturan.toml, or the file named by SIAGA_SETTINGS (tests, other sites)."""
    return Path(os.environ.get("SIAGA_SETTINGS") or SETTINGS_PATH)


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
        max_failures=int(login["max_failures"]),
        lock_minutes=int(login["lock_minutes"]),
        backoff_base_seconds=float(login["backoff_base_seconds"]),
        backoff_max_seconds=float(login["backoff_max_seconds"]),
        min_password_length=int(login["min_password_length"]),
        partial_file_share=float(upload["partial_file_share"]),
    )


def setting_names(path: Path | None = None) -> list[str]:
    """Every key of the settings file, for the documentation test."""
    with open(path or settings_path(), "rb") as handle:
        raw = tomllib.load(handle)
    return [key for section in raw.values() for key in section]
