"""The filters of a shared link (?tanggal=, ?badan=, ?wilayah=, ?slide=): their canonical
values, and for every value that cannot be used an Indonesian notice saying so and why."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from analytics import formatting as fmt
from analytics import reference
from analytics.labels import BODY_LABEL

QUERY_KEYS = {"as_of": "tanggal", "body": "badan", "region": "wilayah"}
SLIDE_KEY = "slide"
SHOWN_CHARS = 40  # a longer value is cut in its notice
# The earliest date a link may ask for: the pages count weeks back from the date shown, and
# no election data comes from before this (0001-01-01 would overflow the date arithmetic).
EARLIEST = dt.date(2000, 1, 1)

IGNORED = "Parameter tautan diabaikan: {key}={value} ({reason}); {instead}."
DATE_FORMAT = "bukan tanggal berformat TTTT-BB-HH, misalnya 2024-08-15"
DATE_MISSING = "tanggal itu tidak ada"
DATE_AFTER_TODAY = "setelah hari ini, {today}"
DATE_AFTER_DATA = "setelah data terakhir, {last}"
DATE_TOO_EARLY = "sebelum {earliest}"
LATEST = "yang ditampilkan: data terbaru"
LATEST_ON = "yang ditampilkan: data terbaru, per {last}"
BODY_UNKNOWN = "badan tidak dikenal; pilihan: {choices}"
ALL_BODIES = "yang ditampilkan: semua badan"
REGION_CODE_UNKNOWN = "kode kabupaten/kota tidak dikenal"
REGION_NAME_UNKNOWN = "nama kabupaten/kota tidak dikenal"
REGION_AMBIGUOUS = "nama ini dipakai {regions}; tulis nama lengkap atau kodenya"
ALL_REGIONS = "yang ditampilkan: semua kabupaten/kota"
SLIDE_NOT_NUMBER = "nomor slide harus bilangan bulat mulai dari 1"
SLIDE_AFTER_LAST = "hanya ada {count} slide"
SLIDE_SHOWN = "yang ditampilkan: slide {number}"


@dataclass(frozen=True)
class LinkFilters:
    """What a link asks for, canonical (None: not asked, or ignored), and the notices."""

    as_of: dt.date | None = None
    body: str | None = None
    region: str | None = None
    slide: int | None = None  # 1 is the first slide
    notices: tuple[str, ...] = ()


def resolve(
    query: Mapping[str, str],
    regions: Mapping[str, str],
    last: dt.date | None,
    today: dt.date,
    slide_count: int | None = None,
) -> LinkFilters:
    """The filters of a link's ``query`` against the ``regions`` of the data (code ->
    name), its ``last`` data date and ``today`` (WIB); a slide beyond ``slide_count`` (when
    given) becomes the last slide. An empty value counts as not given."""
    as_of, as_of_notice = parse_as_of(query.get(QUERY_KEYS["as_of"]), last, today)
    body, body_notice = parse_body(query.get(QUERY_KEYS["body"]))
    region, region_notice = parse_region(query.get(QUERY_KEYS["region"]), regions)
    slide, slide_notice = parse_slide(query.get(SLIDE_KEY), slide_count)
    notices = (as_of_notice, body_notice, region_notice, slide_notice)
    return LinkFilters(as_of, body, region, slide, tuple(n for n in notices if n))


def parse_as_of(
    text: str | None, last: dt.date | None, today: dt.date
) -> tuple[dt.date | None, str | None]:
    """'2024-08-15' -> that date. A date before the first data is kept (the pages say there
    is no data yet) back to EARLIEST; one before it, or after both today and the last data
    date, is ignored."""
    text = _given(text)
    if text is None:
        return None, None
    latest = LATEST_ON.format(last=fmt.date(last)) if last else LATEST
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):  # ASCII digits only
        return None, _ignored(QUERY_KEYS["as_of"], text, DATE_FORMAT, latest)
    try:
        as_of = dt.date.fromisoformat(text)
    except ValueError:
        return None, _ignored(QUERY_KEYS["as_of"], text, DATE_MISSING, latest)
    if as_of < EARLIEST:
        reason = DATE_TOO_EARLY.format(earliest=fmt.date(EARLIEST))
        return None, _ignored(QUERY_KEYS["as_of"], text, reason, latest)
    if as_of > max(today, last or today):
        if last and last > today:
            reason = DATE_AFTER_DATA.format(last=fmt.date(last))
        else:
            reason = DATE_AFTER_TODAY.format(today=fmt.date(today))
        return None, _ignored(QUERY_KEYS["as_of"], text, reason, latest)
    return as_of, None


def parse_body(text: str | None) -> tuple[str | None, str | None]:
    """'pps', 'PPS ' -> 'PPS'."""
    text = _given(text)
    if text is None:
        return None, None
    body = text.upper()
    if body in BODY_LABEL:
        return body, None
    reason = BODY_UNKNOWN.format(choices=", ".join(BODY_LABEL))
    return None, _ignored(QUERY_KEYS["body"], text, reason, ALL_BODIES)


def parse_region(text: str | None, regions: Mapping[str, str]) -> tuple[str | None, str | None]:
    """'33.27', '3327', 'Kabupaten Pemalang', 'kab. pemalang', 'pemalang' -> '33.27'
    (ignoring case and spaces). A bare name shared by a kabupaten and a kota ('magelang')
    is ignored with both named."""
    text = _given(text)
    if text is None:
        return None, None
    spellings, shared = region_spellings(regions)
    key = _key(text)
    if key in spellings:
        return spellings[key], None
    if key in shared:
        named = " dan ".join(f"{code} {regions[code]}" for code in shared[key])
        reason = REGION_AMBIGUOUS.format(regions=named)
    elif re.fullmatch(r"[\d\s.,_-]+", text):
        reason = REGION_CODE_UNKNOWN
    else:
        reason = REGION_NAME_UNKNOWN
    return None, _ignored(QUERY_KEYS["region"], text, reason, ALL_REGIONS)


def region_spellings(regions: Mapping[str, str]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """(spelling -> code, bare name -> codes for the bare names that several regencies
    share), keys without spaces and in lower case. The spellings are those an upload
    accepts (reference.region_spellings) plus a bare name ('pemalang') where it is unique."""
    spellings = {
        _key(spelling): code
        for spelling, code in reference.region_spellings(
            list(regions), list(regions.values())
        ).items()
    }
    bare: dict[str, list[str]] = {}
    for code, name in regions.items():
        bare.setdefault(_key(re.sub(r"^\s*(kabupaten|kota)\s+", "", name.lower())), []).append(code)
    shared = {name: codes for name, codes in bare.items() if len(codes) > 1}
    for name, codes in bare.items():
        if len(codes) == 1:
            spellings.setdefault(name, codes[0])
    return spellings, shared


def parse_slide(text: str | None, count: int | None = None) -> tuple[int | None, str | None]:
    """'3', '03' -> 3; past the last of ``count`` slides (when known) -> the last slide."""
    text = _given(text)
    if text is None:
        return None, None
    if not re.fullmatch(r"[0-9]+", text) or int(text) == 0:
        return None, _ignored(SLIDE_KEY, text, SLIDE_NOT_NUMBER, SLIDE_SHOWN.format(number=1))
    number = int(text)
    if count is not None and number > count:
        reason = SLIDE_AFTER_LAST.format(count=count)
        return count, _ignored(SLIDE_KEY, text, reason, SLIDE_SHOWN.format(number=count))
    return number, None


def _given(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def _ignored(key: str, value: str, reason: str, instead: str) -> str:
    """The notice for one value; the value as typed on one line, cut when long (it is data
    from the address bar: the page shows the notice as plain text)."""
    shown = " ".join(value.split())
    if len(shown) > SHOWN_CHARS:
        shown = shown[: SHOWN_CHARS - 1] + "…"
    return IGNORED.format(key=key, value=shown, reason=reason, instead=instead)
