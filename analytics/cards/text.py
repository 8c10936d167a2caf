"""A status card as a ready-to-paste WhatsApp message: *bold* titles, one fact a line."""

from __future__ import annotations

from analytics.cards.model import DEMO_NOTE, ORGANISATION, Card, deadline_text

# WhatsApp reads these as markup around a word (*bold*, _italic_, ~strike~, ```mono```).
# Card text is SIAGA's own wording and reference names; a region name carrying one would
# still turn half the message bold, so data never keeps them.
WHATSAPP_MARKUP = str.maketrans({"*": "∗", "_": " ", "~": "∼", "`": "'"})


def plain(text: str) -> str:
    """``text`` with WhatsApp's markup characters replaced by look-alikes (shown as typed)."""
    return str(text).translate(WHATSAPP_MARKUP)


def card_text(card: Card) -> str:
    """The WhatsApp message of ``card`` (lines end with \\n; no emoji needed)."""
    lines = []
    if card.is_demo:
        lines.append(f"*{DEMO_NOTE}*")
    lines.append(ORGANISATION)
    title = plain(card.name) if card.is_province else f"{plain(card.name)} ({card.code})"
    lines += [f"*{title}*", card.data_date, ""]
    lines.append(f"{card.index_label}: *{card.index_text}*")
    if not card.is_province:
        lines.append(f"Kategori: *{card.category_text}*")
    if card.note:
        lines.append(card.note)
    for section in card.sections:
        lines += ["", f"*{section.title}*"]
        bullet = "- " if section.bullets else ""
        lines += [f"{bullet}{plain(line)}" for line in section.shown_lines]
    lines += ["", "*Tenggat berikutnya*", deadline_text(card)]
    return "\n".join(lines) + "\n"
