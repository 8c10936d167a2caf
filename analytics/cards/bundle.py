"""Every status card in one ZIP (or one folder): a PNG and a WhatsApp text per card."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

from analytics.cards.model import Card
from analytics.cards.text import card_text

# A fixed time stamp for every member, so the same cards give the same ZIP bytes.
ZIP_TIME = (2024, 1, 1, 0, 0, 0)


def card_files(card: Card) -> dict[str, bytes]:
    """File name -> bytes of one card: its PNG and its text."""
    from analytics.cards.image import card_png

    stem = card.file_stem()
    return {f"{stem}.png": card_png(card), f"{stem}.txt": card_text(card).encode("utf-8")}


def zip_name(cards: Sequence[Card]) -> str:
    return f"siaga_kartu_status_{cards[0].as_of.isoformat()}.zip"


def cards_zip(cards: Sequence[Card]) -> bytes:
    """All ``cards`` (province first, then most urgent first) in one ZIP; each name
    starts with its place in that order ('00_', '01_'...) so a file list reads the same."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for place, card in enumerate(cards):
            for name, data in card_files(card).items():
                info = zipfile.ZipInfo(f"{place:02d}_{name}", ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, data)
    return buffer.getvalue()


def write_folder(cards: Sequence[Card], folder: Path) -> list[Path]:
    """The files of ``cards_zip`` written into ``folder`` (created when missing)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for place, card in enumerate(cards):
        for name, data in card_files(card).items():
            path = folder / f"{place:02d}_{name}"
            path.write_bytes(data)
            written.append(path)
    return written
