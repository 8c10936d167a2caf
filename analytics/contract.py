"""The parts a dataset contract is declared with: column kinds, Column, Check, Unique, Rule,
Dataset; and how header spellings are matched."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Column kinds understood by the upload pipeline (analytics/upload/conversion.py).
REGION = "region"  # regency code, 33.01 or 3301
BODY = "body"  # PPK / PPS / PANTARLIH / KPPS
INT = "int"  # whole number >= 0, Indonesian thousands dot accepted
DATE = "date"  # 2024-08-15, 15/08/2024, 15-08-2024 ...
TEXT = "text"  # free text, trimmed
TPS = "tps"  # polling-station number kept as text, zero padded to 3 digits
CHOICE = "choice"  # one of a fixed list (with accepted spellings)
MODULE = "module"  # bimtek module code or name from reference data
ITEM = "item"  # candidacy checklist item code from reference data
URL = "url"  # http/https link

SQL_TYPES = {
    REGION: "VARCHAR",
    BODY: "VARCHAR",
    INT: "BIGINT",
    DATE: "DATE",
    TEXT: "VARCHAR",
    TPS: "VARCHAR",
    CHOICE: "VARCHAR",
    MODULE: "VARCHAR",
    ITEM: "VARCHAR",
    URL: "VARCHAR",
}


ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Check:
    """A typed row breaks a rule when ``broken`` holds.

    ``broken`` is SQL over the row's typed columns; it may use ``{as_of}`` (the data
    date) and ``{standard_seats}`` / ``{standard_label}`` (maps from body to its standard
    seats, from data/reference/badan.csv). With ``missing``, the rule also needs the
    cell of ``column`` to have been left empty. The issue names ``column``; its message
    is ``messages.MESSAGES[message]`` with each placeholder filled by the SQL expression
    given in ``values``.
    """

    column: str
    broken: str
    message: str
    values: tuple[tuple[str, str], ...] = ()
    severity: str = ERROR
    missing: bool = False


@dataclass(frozen=True)
class Unique:
    """No two rows where ``when`` holds may share ``key`` (SQL expressions); every repeat
    after the first is an error naming the first line, on the column ``column`` (an SQL
    expression giving a column name)."""

    key: str
    column: str
    when: str
    message: str
    # (key, when) over the cells as written, equal whenever ``key`` is as long as each
    # official unit is written one way in the file: hashed while typing, before the unit
    # codes of ``key`` are known, to skip the exact check when nothing can repeat.
    written: tuple[str, str] | None = None


@dataclass(frozen=True)
class FewerRowsThanUnits:
    """Warning when a regency has fewer rows of ``body`` than it has units (``units``, a
    column of the regency reference: jumlah_kecamatan, jumlah_desa_kelurahan)."""

    body: str
    units: str
    message: str


@dataclass(frozen=True)
class OfficialUnits:
    """Units named by the official list (data/reference/wilayah_administrasi.csv): the
    ``kecamatan`` column names a kecamatan of the row's regency, the ``desa`` column a
    desa/kelurahan of that kecamatan, by name or Kemendagri code (``analytics/units.py``).
    A row keeps the names as written and gets the codes in ``code_columns``; a name that
    matches no official unit is an error naming the closest official names."""

    kecamatan: str
    desa: str

    @property
    def code_columns(self) -> tuple[str, str]:
        return f"kode_{self.kecamatan}", f"kode_{self.desa}"


@dataclass(frozen=True)
class Rule:
    """One rule as users read it, with the checks that enforce it.

    A rule without checks is enforced elsewhere, as ``enforced_by`` says: by the column
    kinds (a count column only takes whole numbers >= 0) or by the indicators.
    """

    text: str
    checks: tuple[Check | Unique | FewerRowsThanUnits | OfficialUnits, ...] = ()
    enforced_by: str = "checks"  # checks | column kinds | indicators


@dataclass(frozen=True)
class RequiredWhen:
    """A column required only for some rows: ``text`` for the column table, ``check``
    (with ``missing``) to enforce it."""

    text: str
    check: Check


@dataclass(frozen=True)
class Column:
    """One column of an uploadable dataset, as the user-facing contract names it."""

    name: str
    kind: str
    required: bool
    description: str
    example: str
    aliases: tuple[str, ...] = ()
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)  # value -> spellings
    required_when: RequiredWhen | None = None
    max_length: int = 500

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.kind]

    def allowed_values(self) -> list[str]:
        return list(self.choices)


@dataclass(frozen=True)
class Dataset:
    """An uploadable dataset: one regency's complete current state of one topic."""

    name: str
    title: str
    description: str
    grain: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # columns that identify one row within a regency
    rules: tuple[Rule, ...]

    @property
    def official_units(self) -> OfficialUnits | None:
        """The dataset's official-unit rule, if it has one."""
        found = [c for rule in self.rules for c in rule.checks if isinstance(c, OfficialUnits)]
        return found[0] if found else None

    @property
    def derived_columns(self) -> list[str]:
        """Columns SIAGA adds to every stored row (never in a template): unit codes."""
        units = self.official_units
        return list(units.code_columns) if units else []

    @property
    def stored_columns(self) -> list[str]:
        return self.column_names + self.derived_columns

    @property
    def checks(self) -> list[Check | Unique | FewerRowsThanUnits | OfficialUnits]:
        """Every check of the dataset: columns required for some rows, then its rules."""
        required = [c.required_when.check for c in self.columns if c.required_when]
        return required + [check for rule in self.rules for check in rule.checks]

    @property
    def rule_texts(self) -> list[str]:
        return [rule.text for rule in self.rules]

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required_columns(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


# Headers of a row-number column ("No", "No."): ignored without a warning.
ROW_NUMBER_HEADERS: frozenset[str] = frozenset({"no", "nomor", "nourut", "nomorurut", "nmr"})


def normalize_header(text: object) -> str:
    """Header spelling used for matching: lower case, letters and digits only."""
    return re.sub(r"[^0-9a-z]", "", str(text or "").lower())


def header_lookup(dataset: Dataset) -> dict[str, str]:
    """Every accepted spelling of a dataset's headers, normalised, to the column name."""
    lookup: dict[str, str] = {}
    for col in dataset.columns:
        for spelling in (col.name, *col.aliases):
            lookup.setdefault(normalize_header(spelling), col.name)
    return lookup


def header_rank(column: Column, key: str) -> int:
    """0 when ``key`` (normalised) is the column's own name, else 1 + its alias position."""
    spellings = [column.name, *column.aliases]
    return next(i for i, s in enumerate(spellings) if normalize_header(s) == key)
