"""The status cards on the Kartu Status page: cached per data version and date, each drawn
as a narrow block (no table, no wide element: it reads at 390 px), with its WhatsApp text
to copy and its PNG to download."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from analytics.cards import Card, load_cards
from analytics.cards.bundle import cards_zip, zip_name
from analytics.cards.image import card_png
from analytics.cards.model import DEMO_NOTE, deadline_text
from analytics.cards.text import card_text
from analytics.storage import Database
from ui import shared

# Streamlit's badge colours nearest to each category's (the symbol and word carry the
# meaning; the colour only helps).
BADGE = {
    "tertinggal": "red",
    "perlu_perhatian": "orange",
    "siap": "blue",
    "belum_lapor": "gray",
    "belum_dinilai": "gray",
}


@shared.built
def _cards(path: str, version: str, as_of: dt.date) -> tuple[Card, ...]:
    return load_cards(Database(path), as_of)


@st.cache_resource(show_spinner=False, max_entries=128)  # ~125 KB each
def _png(path: str, version: str, as_of: dt.date, code: str) -> bytes:
    card = next(c for c in _cards(path, version, as_of) if c.code == code)
    return card_png(card)


@st.cache_resource(show_spinner=False, max_entries=4)
def _zip(path: str, version: str, as_of: dt.date) -> bytes:
    return cards_zip(_cards(path, version, as_of))


def cards_on(as_of: dt.date) -> tuple[Card, ...]:
    """The province card, then every regency's most urgent first (cached until the data
    changes: the page is opened by many people at once)."""
    return _cards(str(shared.database().path), shared.data_version(), as_of)


def zip_button(cards: tuple[Card, ...]) -> None:
    """One button for every card (PNG and text) in a ZIP, built on the first click."""
    key = (str(shared.database().path), shared.data_version(), cards[0].as_of)
    st.download_button(
        "Unduh semua kartu (ZIP)",
        data=lambda: _zip(*key),
        file_name=zip_name(cards),
        mime="application/zip",
        on_click="ignore",
        icon=":material/folder_zip:",
        key="kartu_zip",
        width="stretch",
    )


def _markdown(card: Card) -> str:
    """The card as Markdown: SIAGA's own markup around text escaped by ``shared.plain``."""
    name = shared.plain(card.name)
    lines = [f"#### {name}" if card.is_province else f"#### {name} · {card.code}"]
    if card.is_demo:  # in each card too: a screenshot of one card keeps it
        lines.append(f":orange-badge[{DEMO_NOTE}]")
    head = f"{card.index_label}: **{shared.plain(card.index_text)}**"
    if card.category:
        head += f" · :{BADGE[card.category]}-badge[{shared.plain(card.category_text)}]"
    lines.append(head)
    if card.note:
        lines.append(shared.plain(card.note))
    for section in card.sections:
        lines.append(f"**{shared.plain(section.title)}**")
        texts = [shared.plain(line) for line in section.shown_lines]
        # A list, or lines that carry their own symbol, each on its own line.
        lines.append("\n".join(f"- {t}" for t in texts) if section.bullets else "  \n".join(texts))
    lines.append(f"**Tenggat berikutnya:** {shared.plain(deadline_text(card))}")
    return "\n\n".join(lines)


def show(card: Card) -> None:
    """One card: its content, then its WhatsApp text (with the copy button of st.code) and
    its PNG download."""
    key = (str(shared.database().path), shared.data_version(), card.as_of, card.code)
    with st.container(border=True, key=f"kartu_{card.code}"):
        st.markdown(_markdown(card))
        with st.expander("Teks WhatsApp (salin)"):
            st.code(card_text(card), language=None, wrap_lines=True)
        st.download_button(
            "Unduh gambar (PNG)",
            data=lambda: _png(*key),
            file_name=f"{card.file_stem()}.png",
            mime="image/png",
            on_click="ignore",
            icon=":material/image:",
            key=f"kartu_png_{card.code}",
        )
