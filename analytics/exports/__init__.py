"""Exports of the meeting deck: editable PowerPoint, offline HTML report, Excel workbook.

Every exporter takes a ``analytics.meeting.Deck`` (province or one regency) and returns
bytes; none of them computes a number of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from analytics.meeting import Deck


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    mime: str
    render: Callable[[Deck], bytes]


def _pptx(deck: Deck) -> bytes:
    from analytics.exports.pptx import deck_pptx

    return deck_pptx(deck)


def _html(deck: Deck) -> bytes:
    from analytics.exports.html import deck_html

    return deck_html(deck)


def _xlsx(deck: Deck) -> bytes:
    from analytics.exports.xlsx import deck_xlsx

    return deck_xlsx(deck)


FORMATS: dict[str, Format] = {
    "pptx": Format(
        "pptx",
        "PowerPoint",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _pptx,
    ),
    "html": Format("html", "HTML luring", "text/html", _html),
    "xlsx": Format(
        "xlsx",
        "Excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _xlsx,
    ),
}


def render(deck: Deck, format_name: str) -> bytes:
    """The deck as a file of ``format_name`` (pptx, html or xlsx)."""
    return FORMATS[format_name].render(deck)


def file_name(deck: Deck, format_name: str) -> str:
    """'siaga_rapat_provinsi_2024-08-30.pptx' or 'siaga_rapat_33.03_2024-08-30.html'."""
    scope = deck.region or "provinsi"
    return f"siaga_rapat_{scope}_{deck.as_of.isoformat()}.{format_name}"
