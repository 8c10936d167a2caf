"""Indonesian number and date formats: 1.234, 87,5%, 15 Agustus 2024."""

from __future__ import annotations

import datetime as dt
import math
import zoneinfo
from decimal import ROUND_HALF_UP, Decimal

MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
NOT_REPORTED = "belum lapor"


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(value)
    except TypeError:
        return str(value) in ("<NA>", "NaT")


def rounded(value, decimals: int = 0) -> Decimal:
    """``value`` rounded as a spreadsheet shows it: from its first 15 significant digits,
    halves away from zero (0,3685 -> 36,9% like Excel's ``0.0%``, where Python's binary
    rounding could give 36,8%). The one rounding behind every number SIAGA displays, and
    behind the traffic-light category of a value, so a shown 85,0% is always "siap"."""
    exact = Decimal(format(float(value), ".15g"))
    return exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def rounded_values(values, decimals: int = 0):
    """A pandas Series rounded by ``rounded`` (for CSV downloads: the numbers the page
    shows, not numpy's round-half-even of the binary value); missing values stay missing."""
    return values.map(lambda v: v if _missing(v) else float(rounded(v, decimals)))


def number(value, decimals: int = 0, missing: str = NOT_REPORTED) -> str:
    """1234.5 -> '1.234,5' (thousands dot, decimal comma), rounded once by ``rounded``."""
    if _missing(value):
        return missing
    shown = rounded(value, decimals)
    if shown == 0:
        shown = abs(shown)  # never "-0,0"
    text = f"{shown:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def percent(ratio, decimals: int = 1, missing: str = NOT_REPORTED) -> str:
    """0.875 -> '87,5%' (the full-precision ratio, rounded once)."""
    if _missing(ratio):
        return missing
    return number(float(ratio) * 100, decimals) + "%"


def ratio(value, decimals: int = 2, missing: str = NOT_REPORTED) -> str:
    """2.345 -> '2,35×' (applicants per seat): the one way a ratio reads."""
    if _missing(value):
        return missing
    return number(value, decimals) + "×"


def _as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def date(value, missing: str = "-") -> str:
    """2024-08-15 -> '15 Agustus 2024'."""
    if _missing(value):
        return missing
    value = _as_date(value)
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def short_date(value, missing: str = "-") -> str:
    """2024-08-16 -> '16 Agu' (day and the month's first three letters; no year)."""
    if _missing(value):
        return missing
    value = _as_date(value)
    return f"{value.day} {MONTHS[value.month - 1][:3]}"


# Upload, withdrawal and audit times are stored in UTC (naive); the province reads them in
# WIB. Indonesia keeps no daylight saving time, so without a time zone database (no
# tzdata) the fixed offset UTC+7 is the same zone.
try:
    WIB: dt.tzinfo = zoneinfo.ZoneInfo("Asia/Jakarta")
except zoneinfo.ZoneInfoNotFoundError:
    WIB = dt.timezone(dt.timedelta(hours=7), "WIB")


def to_wib(value) -> dt.datetime | None:
    """A stored time (naive means UTC) as an aware datetime in WIB; None when missing."""
    if _missing(value):
        return None
    if not isinstance(value, dt.datetime):
        value = dt.datetime.fromisoformat(str(value)[:19])
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(WIB)


def datetime_wib(value, missing: str = "–", seconds: bool = False) -> str:
    """2024-08-15 07:05 UTC -> '15 Agustus 2024 14.05 WIB' (``seconds``: '14.05.09 WIB')."""
    local = to_wib(value)
    if local is None:
        return missing
    clock = f"{local:%H.%M.%S}" if seconds else f"{local:%H.%M}"
    return f"{date(local)} {clock} WIB"


def time_wib(value, missing: str = "–") -> str:
    """2024-08-15 07:05 UTC -> '14.05 WIB' (a time later the same day, e.g. a lock's end)."""
    local = to_wib(value)
    return missing if local is None else f"{local:%H.%M} WIB"


def today_wib(now: dt.datetime | None = None) -> dt.date:
    """Today's date in Central Java (the server's clock may run on UTC: before 07.00 WIB
    its date is still yesterday's)."""
    return to_wib(now or dt.datetime.now(dt.UTC)).date()
