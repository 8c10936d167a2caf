"""Official kecamatan and desa/kelurahan: how a written name or code finds its unit.

A unit is accepted by its Kemendagri code (``33.01.01``, ``330101``,
``33.01.01.2001``, ``3301012001``) or by its official name, ignoring case, spacing and
punctuation, the usual prefixes (Kec., Kecamatan, Desa, Ds., Kel., Kelurahan) and the
old spellings oe/u, dj/j, tj/c. A desa/kelurahan name is looked up within the row's
kecamatan (802 desa names of Jawa Tengah repeat across kecamatan of one regency).
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from analytics import reference
from analytics.messages import msg

KECAMATAN, DESA = "kecamatan", "desa_kelurahan"
_WORD = r"(?:kecamatan|kec|kelurahan|kel|kalurahan|desa|ds)\b\.?"
# A prefix ("Kec.", "Desa/Kel." is two) or a suffix ("Kramat Selatan (Kel.)").
_PREFIX = re.compile(rf"^{_WORD}\s*[/:]?\s*")
_SUFFIX = re.compile(rf"[\s,(/]+{_WORD}\s*\)?$")
_OLD_SPELLINGS = (("oe", "u"), ("dj", "j"), ("tj", "c"))
# A Kemendagri code of a kecamatan (33.01.01) or desa/kelurahan (33.01.01.2001), with
# dots, spaces, dashes or nothing between the parts; Excel may add ".0" to a number.
_CODE = re.compile(r"(?<!\d)(\d{2})[.\s-]?(\d{2})[.\s-]?(\d{2})(?:[.\s-]?(\d{4}))?(?!\d)")
SUGGESTIONS = 3  # closest official names offered for an unknown one
_CUTOFF = 0.72  # difflib ratio below which a name is not offered


def unit_key(text: str) -> str:
    """The spelling of a unit name used for matching: lower case, accents, prefixes, old
    spellings, spaces and punctuation gone. "Kec. Kedung Reja" -> "kedungreja"."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    folded = folded.strip()
    for pattern in (_PREFIX, _SUFFIX):  # one word at a time, never down to nothing
        while (bare := pattern.sub("", folded, count=1)) != folded and re.search(r"[0-9a-z]", bare):
            folded = bare
    for old, new in _OLD_SPELLINGS:
        folded = folded.replace(old, new)
    return re.sub(r"[^0-9a-z]", "", folded)


def code_in(text: str) -> tuple[str | None, str]:
    """(the Kemendagri code written in ``text`` in canonical form, the rest of the text).

    "330101" -> ("33.01.01", ""); "33.01.01.2001 Tambakreja" -> ("33.01.01.2001",
    "Tambakreja"); "3301012001.0" (Excel) -> ("33.01.01.2001", "")."""
    cleaned = re.sub(r"(?<=\d)\.0+$", "", text.strip())
    match = _CODE.search(cleaned)
    if not match:
        return None, text
    code = ".".join(part for part in match.groups() if part)
    rest = (cleaned[: match.start()] + " " + cleaned[match.end() :]).strip(" -–—:()[]/,")
    return code, rest.strip()


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    level: str  # kecamatan | desa_kelurahan
    parent: str  # the regency code of a kecamatan, the kecamatan code of a desa


@dataclass(frozen=True)
class Found:
    """What a written unit came to: its code, or the reason it has none (``problem``:
    unknown, other_parent, code_name_disagree) with the closest official names."""

    code: str | None
    problem: str | None = None
    suggestions: tuple[str, ...] = ()
    parent_name: str | None = None  # the kecamatan a desa was found in instead


class OfficialUnits:
    """The official kecamatan and desa/kelurahan, indexed for matching."""

    def __init__(self, units: list[Unit]):
        self.units = units
        self.by_code: dict[str, Unit] = {u.code: u for u in units}
        self.exact: dict[tuple[str, str], str] = {(u.parent, u.name): u.code for u in units}
        self.units_of: dict[str, list[Unit]] = {}  # parent code -> units, in official order
        for unit in units:
            self.units_of.setdefault(unit.parent, []).append(unit)

    @functools.cached_property
    def children(self) -> dict[str, dict[str, Unit]]:
        """Parent code -> matching key -> unit (built on the first name not written as
        the reference writes it)."""
        keyed: dict[str, dict[str, Unit]] = {}
        for unit in self.units:
            keyed.setdefault(unit.parent, {})[unit_key(unit.name)] = unit
        return keyed

    @functools.cached_property
    def desa_in_region(self) -> dict[str, dict[str, list[Unit]]]:
        """Regency code -> matching key -> the desa/kelurahan of that name."""
        keyed: dict[str, dict[str, list[Unit]]] = {}
        for unit in self.units:
            if unit.level == DESA:
                region = keyed.setdefault(unit.code[:5], {})
                region.setdefault(unit_key(unit.name), []).append(unit)
        return keyed

    def kecamatan_of(self, region: str) -> list[Unit]:
        return list(self.units_of.get(region, []))

    def desa_of(self, kecamatan: str) -> list[Unit]:
        return list(self.units_of.get(kecamatan, []))

    def name(self, code: str) -> str:
        return self.by_code[code].name

    def find(self, level: str, parent: str, text: str) -> Found:
        """The unit of ``level`` under ``parent`` (a regency for a kecamatan, a kecamatan
        for a desa/kelurahan) that ``text`` names."""
        exact = self.exact.get((parent, text))
        if exact is not None:  # the official name as the reference writes it
            return Found(exact)
        code, rest = code_in(text)
        if code is not None:
            unit = self.by_code.get(code)
            if unit is None or unit.level != level:
                return Found(None, "unknown", self._closest(parent, rest) if rest else ())
            if unit.parent != parent:
                return Found(None, "other_parent", (unit.name,), self._parent_name(unit))
            if rest and unit_key(rest) and unit_key(rest) != unit_key(unit.name):
                return Found(None, "code_name_disagree", (unit.name,))
            return Found(unit.code)
        key = unit_key(text)
        unit = self.children.get(parent, {}).get(key)
        if unit is not None:
            return Found(unit.code)
        if level == DESA:
            elsewhere = self.desa_in_region.get(parent[:5], {}).get(key, [])
            if elsewhere:
                kecamatan = " dan ".join(sorted({self._parent_name(u) or "" for u in elsewhere}))
                return Found(None, "other_parent", (elsewhere[0].name,), kecamatan)
        return Found(None, "unknown", self._closest(parent, text))

    def _parent_name(self, unit: Unit) -> str | None:
        """The kecamatan of a desa, the regency of a kecamatan."""
        parent = self.by_code.get(unit.parent)
        return parent.name if parent else reference.region_names().get(unit.parent)

    def _closest(self, parent: str, text: str) -> tuple[str, ...]:
        """Up to SUGGESTIONS official names under ``parent`` closest to ``text``."""
        options = self.children.get(parent, {})
        keys = difflib.get_close_matches(unit_key(text), list(options), SUGGESTIONS, _CUTOFF)
        return tuple(options[k].name for k in keys)


@functools.cache
def official_units() -> OfficialUnits:
    """The official units of data/reference/wilayah_administrasi.csv (built once)."""
    frame = reference.administrative_units()
    frame = frame[frame["tingkat"].isin([KECAMATAN, DESA])]
    return OfficialUnits(
        [
            Unit(code, name.strip(), level, parent)
            for code, name, level, parent in zip(
                *(frame[c].tolist() for c in ("kode", "nama", "tingkat", "kode_induk")),
                strict=True,
            )
        ]
    )


UNIT_MATCH_COLUMNS = [
    "kode_wilayah",
    "kecamatan",
    "desa_kelurahan",
    "kode_kecamatan",
    "kode_desa_kelurahan",
    "kecamatan_problem",
    "desa_problem",
]


def matched_units(written: list[tuple[str, str, str | None]]) -> pd.DataFrame:
    """Each written (regency, kecamatan, desa) with its codes or the message saying why
    it has none."""
    units = official_units()
    regions = reference.region_names()
    exact = units.exact  # most units are written as the reference writes them: one lookup
    rows = []
    kecamatan_found: dict[tuple[str, str], tuple[str | None, str | None]] = {}
    for region, kec_text, desa_text in written:
        if region not in units.units_of:
            continue  # not a regency of the official list: its code is the error
        key = (region, kec_text)
        if key not in kecamatan_found:
            kec = units.find(KECAMATAN, region, kec_text)
            problem = _problem(kec, KECAMATAN, regions.get(region, region), region)
            kecamatan_found[key] = (kec.code, problem)
        kec_code, kec_problem = kecamatan_found[key]
        desa_code, desa_problem = None, None
        if kec_code is not None and desa_text is not None:
            desa_code = exact.get((kec_code, desa_text))
            if desa_code is None:
                desa = units.find(DESA, kec_code, desa_text)
                desa_code = desa.code
                desa_problem = _problem(desa, DESA, units.name(kec_code), kec_code)
        rows.append((region, kec_text, desa_text, kec_code, desa_code, kec_problem, desa_problem))
    return pd.DataFrame(rows, columns=UNIT_MATCH_COLUMNS, dtype=object)


def _problem(found: Found, level: str, scope: str, scope_code: str) -> str | None:
    """The message for a unit that was not found (None when found)."""
    if found.problem is None:
        return None
    names = ", ".join(found.suggestions)
    if found.problem == "code_name_disagree":
        return msg("unit_code_name_disagree", name=names)
    if found.problem == "other_parent":
        where = found.parent_name or ""
        key = "unit_desa_elsewhere" if level == DESA else "unit_kecamatan_elsewhere"
        return msg(key, name=names, parent=where, scope=scope)
    hint = msg("unit_did_you_mean", names=names) if names else ""
    how = "" if names else msg("unit_write_official", example=_example(level, scope_code))
    key = "unit_unknown_desa" if level == DESA else "unit_unknown_kecamatan"
    return msg(key, scope=scope, hint=hint, how=how)


def _example(level: str, scope_code: str) -> str:
    """An official code under ``scope_code`` to show how codes are written."""
    units = official_units()
    options = units.desa_of(scope_code) if level == DESA else units.kecamatan_of(scope_code)
    return options[0].code if options else scope_code
