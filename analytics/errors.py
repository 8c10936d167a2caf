"""The refusals SIAGA answers a user with: one base class, each carrying its Indonesian message.

Every boundary (the CLI, a page) catches ``Refusal`` once and shows ``exc.user_message``;
nothing else about a refusal needs translating there.
"""

from __future__ import annotations


class Refusal(Exception):
    """A request SIAGA refuses; ``str(exc)`` is a one-line Indonesian explanation."""

    prefix = ""  # shown before the message ("Ditolak: " for refused files and acts)
    exit_code = 1  # what the CLI exits with

    @property
    def user_message(self) -> str:
        return f"{self.prefix}{self}"


class FileRefused(Refusal):
    """The whole file is refused (not a table, no rows, wrong dataset, personal data)."""

    prefix = "Ditolak: "

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


class NotAllowed(Refusal):
    """The acting user's role or regency does not allow this act."""

    prefix = "Ditolak: "


class AuthError(Refusal):
    """A refused account operation (bad name, role, region, password)."""


class StoreError(Refusal):
    """A request the store refuses (unknown version, already withdrawn)."""


class FollowupError(Refusal):
    """A refused follow-up request: unknown id, not open any more, bad region, topic or text."""


class NumberNoteError(Refusal):
    """A refused note on the numbers: unknown id, already removed, bad region, date or text."""


class UsageError(Refusal):
    """Bad options, a missing file or an unusable environment."""

    exit_code = 2


class DatabaseBusy(Refusal):
    """Another process holds the database for longer than we are willing to wait."""

    exit_code = 2


class DemoRefused(UsageError):
    """The target database holds real uploads; the demo never overwrites them."""
