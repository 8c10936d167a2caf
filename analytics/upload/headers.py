"""Finding the header row and mapping its cells onto a dataset's columns."""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass

from analytics import reference
from analytics.contract import (
    INT,
    ROW_NUMBER_HEADERS,
    Dataset,
    header_lookup,
    header_rank,
    normalize_header,
)
from analytics.errors import FileRefused
from analytics.messages import msg
from analytics.schema import DATASETS

DELIMITERS = (";", ",", "\t", "|")

HEADER_SEARCH_LINES = 30

HEADER_MAX_SPAN = 4  # physical lines one header record may span (cells with line breaks)


@dataclass
class HeaderMap:
    """How the cells of a header row map onto a dataset's columns."""

    mapping: dict[int, str]  # position -> column name
    headers: dict[str, str]  # column name -> header as written
    unknown: list[str]  # headers not known (warned, values ignored)
    ignored: list[tuple[str, str, str]]  # see ReadResult.ignored_columns
    unnamed: list[int]  # positions with an empty header (values there are an error)
    label: int | None = None  # position of the row-number column (No), if any


class Spellings(dict):
    """Normalised header spelling -> column name; ``counts`` holds the spellings that name
    a count (INT) column, also found after a leading jml/jumlah (``Jml. Terisi``)."""

    counts: frozenset[str] = frozenset()


def _spellings(dataset: Dataset) -> Spellings:
    lookup = Spellings(header_lookup(dataset))
    lookup.counts = frozenset(k for k, name in lookup.items() if dataset.column(name).kind == INT)
    return lookup


@functools.cache
def lookups() -> dict[str, Spellings]:
    """Normalised header spelling -> column name, per dataset (computed once)."""
    return {name: _spellings(ds) for name, ds in DATASETS.items()}


def lookup_for(dataset: Dataset) -> Spellings:
    """The cached header lookup of a contract dataset (computed for any other)."""
    cached = lookups().get(dataset.name)
    return (
        cached if cached is not None and DATASETS[dataset.name] is dataset else _spellings(dataset)
    )


@functools.cache
def known_headers() -> Spellings:
    """Every normalised spelling that names a column of any dataset."""
    known = Spellings()
    for lookup in lookups().values():
        for key, name in lookup.items():
            known.setdefault(key, name)
    known.counts = frozenset(k for lookup in lookups().values() for k in lookup.counts)
    return known


# A percent sign that is not a number's own (``% Terisi``, ``Terisi (%)``; not ``min. 30%``).
_PERCENT_HEADER = re.compile(r"(?<!\d)(?<!\d )%")

_COUNT_WORDS = ("jumlah", "jmlh", "jml")  # (Jml. Hadir is jml + hadir, not jmlh + adir)


def header_keys(cell: str) -> list[str]:
    """Normalised spellings to try for one header cell, best first.

    ``Kebutuhan (orang)`` is tried as written and without the part in brackets. A cell
    with a percent sign (``% Terisi``) names no column: a share is not the count it sits
    beside.
    """
    if "%" in cell and _PERCENT_HEADER.search(cell):
        return []
    keys = [normalize_header(cell)]
    bare = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", cell)
    if bare != cell:
        keys.append(normalize_header(bare))
    return keys


def header_match(cell: str, lookup: Spellings) -> str | None:
    """The first normalised spelling of ``cell`` found in ``lookup``, if any; as a last
    resort the spelling without a leading jml/jumlah, when it names a count column
    (``Jml. Terisi`` is terisi; ``Jumlah TPS`` is not tps)."""
    keys = header_keys(cell)
    for key in keys:
        if key and key in lookup:
            return key
    for key in keys:
        for word in _COUNT_WORDS:
            if key.startswith(word) and key[len(word) :] in lookup.counts:
                return key[len(word) :]
    return None


def _score(cells: list[str]) -> int:
    """How many cells name a column of any dataset."""
    known = known_headers()
    return sum(1 for c in cells if c and header_match(c, known))


def split_record(record: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([record], delimiter=delimiter), [])
    except csv.Error:
        return record.split(delimiter)


@dataclass
class CsvHeader:
    first: int  # 0-based index of the first physical line of the header record
    last: int  # 0-based index of its last physical line
    delimiter: str
    cells: list[str]


def find_header_csv(lines: list[str]) -> CsvHeader:
    """The record most like a header among the first lines (it may span lines)."""
    best: tuple | None = None
    for index, line in enumerate(lines[:HEADER_SEARCH_LINES]):
        if not line.strip():
            continue
        record, last = line, index
        while record.count('"') % 2 and last + 1 < min(len(lines), index + HEADER_MAX_SPAN):
            last += 1
            record += "\n" + lines[last]
        for delim in DELIMITERS:
            if delim not in record and delim != ",":
                continue
            cells = split_record(record, delim)
            candidate = (_score(cells), -index, len(cells), delim, cells, last)
            if best is None or candidate[:3] > best[:3]:
                best = candidate
    if best is None or best[0] <= 0:
        first = next((i for i, line in enumerate(lines) if line.strip()), 0)
        line = lines[first] if lines else ""
        delim = max(DELIMITERS, key=line.count) if line else ","
        return CsvHeader(first, first, delim, split_record(line, delim))
    score, neg_index, _, delim, cells, last = best
    return CsvHeader(-neg_index, last, delim, cells)


def find_header_rows(rows: list[list[str]]) -> int:
    best, best_index = 0, 0
    for index, cells in enumerate(rows[:HEADER_SEARCH_LINES]):
        score = _score(cells)
        if score > best:
            best, best_index = score, index
    if best == 0:
        return next((i for i, r in enumerate(rows) if any(c.strip() for c in r)), 0)
    return best_index


_COLUMN_NUMBER = re.compile(r"\(?(\d{1,3})\)?\.?")

_NUMERIC = re.compile(r"[\d.,\s-]+")


def _is_column_numbers(cells: list[str]) -> bool:
    """A row numbering the columns under a header: 1 2 3 ... or (1) (2) (3) ..."""
    numbers = []
    for cell in cells:
        if not cell.strip():
            continue
        match = _COLUMN_NUMBER.fullmatch(cell.strip())
        if not match:
            return False
        numbers.append(int(match.group(1)))
    return len(numbers) >= 3 and all(a < b for a, b in zip(numbers, numbers[1:], strict=False))


@functools.cache
def _known_values() -> frozenset[str]:
    """Spellings (lower case) of the codes and names data rows carry: regencies, bodies,
    bimtek modules, checklist items. A header cell is never one of them."""
    regions = reference.regions()
    spellings = reference.region_spellings(list(regions["kode_wilayah"]), list(regions["nama"]))
    return frozenset(
        [*spellings, *reference.body_spellings(), *reference.module_spellings(),
         *reference.item_spellings()]
    )  # fmt: skip


def _is_header_part(cells: list[str], lookup: Spellings) -> bool:
    """A row that could be the other half of a two-row header: at least two cells name a
    column of the dataset, no cell looks like a number (data rows always have some) and no
    cell is a known code or name (a first data row of words, e.g. a checklist item whose
    status "Progres" and partner "Instansi terkait" read like headers)."""
    named = sum(1 for c in cells if c.strip() and header_match(c, lookup))
    if named < 2 or any(_NUMERIC.fullmatch(c) for c in cells if c.strip()):
        return False
    known = _known_values()
    return not any(" ".join(c.lower().split()) in known for c in cells if c.strip())


def _merge_header_rows(upper: list[str], lower: list[str], lookup: Spellings) -> list[str]:
    """One header from two rows (a group label merged above its sub-columns): per position
    the cell that names a column wins, the lower one when both do."""
    merged = []
    for pos in range(max(len(upper), len(lower))):
        top = upper[pos] if pos < len(upper) else ""
        low = lower[pos] if pos < len(lower) else ""
        if low.strip() and (header_match(low, lookup) or not header_match(top, lookup)):
            merged.append(low)
        else:
            merged.append(top if top.strip() else low)
    return merged


def extend_header(
    rows: list[list[str]], first: int, last: int, cells: list[str], dataset: Dataset
) -> tuple[int, int, list[str]]:
    """Widen the header found at rows ``first..last``: merge a two-row header (group labels
    above sub-columns) and swallow a row of column numbers below it.

    Returns the new (first, last, cells).
    """
    lookup = lookup_for(dataset)
    if first > 0 and _is_header_part(rows[first - 1], lookup):
        first, cells = first - 1, _merge_header_rows(rows[first - 1], cells, lookup)
    elif last + 1 < len(rows) and _is_header_part(rows[last + 1], lookup):
        last, cells = last + 1, _merge_header_rows(cells, rows[last + 1], lookup)
    if last + 1 < len(rows) and _is_column_numbers(rows[last + 1]):
        last += 1
    return first, last, cells


def map_headers(dataset: Dataset, cells: list[str]) -> HeaderMap:
    """Positions of known columns -> column name, plus the headers that are not known.

    Refuses columns given twice with the same spelling, another
    dataset's file and missing required columns. When two headers name the same column
    with different spellings (``Kode Materi`` and ``Nama Materi``), the column's own name
    wins, then the alias listed first, then a spelling found without its jml/jumlah; the
    other is ignored with a warning. The first row-number column (``No``) is remembered as
    ``label``: the JUMLAH of a total row is often written there.
    """
    lookup = lookup_for(dataset)
    candidates: dict[str, list[tuple[int, int]]] = {}  # name -> [(rank, position)]
    unknown: list[str] = []
    unnamed: list[int] = []
    label: int | None = None
    for pos, cell in enumerate(cells):
        key = header_match(cell, lookup)
        if key is None:
            norm = normalize_header(cell)
            if not norm and "%" not in cell:
                unnamed.append(pos)
            elif norm not in ROW_NUMBER_HEADERS:
                unknown.append(cell.strip())
            elif label is None:
                label = pos
            continue
        name = lookup[key]
        column = dataset.column(name)
        rank = header_rank(column, key)
        if key not in header_keys(cell):  # found without its jml/jumlah: after the aliases
            rank += 1 + len(column.aliases)
        candidates.setdefault(name, []).append((rank, pos))
    mapping: dict[int, str] = {}
    headers: dict[str, str] = {}
    ignored: list[tuple[str, str, str]] = []
    for name, found in candidates.items():
        best_rank = min(rank for rank, _ in found)
        best = [pos for rank, pos in found if rank == best_rank]
        if len(best) > 1:
            letters = ", ".join(column_letter(p) for p in best)
            raise FileRefused(
                msg("duplicate_column", column=name, positions=letters), "duplicate_column"
            )
        mapping[best[0]] = name
        headers[name] = cells[best[0]].strip()
        for rank, pos in found:
            if rank != best_rank:
                ignored.append((cells[pos].strip(), name, headers[name]))
    mapping = dict(sorted(mapping.items()))
    missing = [c for c in dataset.required_columns if c not in headers]
    if missing:
        other = _better_dataset(dataset, cells)
        if other:
            raise FileRefused(
                msg("wrong_dataset", other=other, dataset=dataset.name), "wrong_dataset"
            )
        if not headers:
            raise FileRefused(
                msg(
                    "no_header",
                    dataset=dataset.name,
                    columns=", ".join(dataset.required_columns),
                ),
                "no_header",
            )
        raise FileRefused(
            msg("missing_columns", columns=", ".join(missing), dataset=dataset.name),
            "missing_columns",
        )
    return HeaderMap(mapping, headers, unknown, ignored, unnamed, label)


def _better_dataset(dataset: Dataset, cells: list[str]) -> str | None:
    """Another dataset whose required columns are all in ``cells``."""
    for name, other in DATASETS.items():
        if name == dataset.name:
            continue
        lookup = lookups()[name]
        found = {lookup[key] for c in cells if (key := header_match(c, lookup))}
        if all(c in found for c in other.required_columns):
            return name
    return None


def column_letter(pos: int) -> str:
    """Spreadsheet column letter of a 0-based position: 0 -> A, 26 -> AA."""
    letters = ""
    pos += 1
    while pos:
        pos, rem = divmod(pos - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
