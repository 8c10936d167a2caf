"""Status cards: one phone-sized summary per regency and for the province, as a PNG image
and as WhatsApp text, drawn without a browser.

``model`` says what a card holds (plain frozen data, every number formatted once);
``text`` writes it as a WhatsApp message; ``image`` draws it with Pillow; ``bundle``
packs every card into one ZIP.
"""

from analytics.cards.model import (
    PROVINCE,
    Card,
    Section,
    assessed_risks,
    build_cards,
    load_cards,
    risk_lines,
    urgency,
)

__all__ = [
    "PROVINCE",
    "Card",
    "Section",
    "assessed_risks",
    "build_cards",
    "load_cards",
    "risk_lines",
    "urgency",
]
