"""Tables longer than one province: the rows that matter first, and what is left out in words.

A province has at most a few dozen regencies (Jawa Tengah: 35) and its tables are always
shown whole. At national scale (hundreds of regencies) a page shows the first
``ROWS_AT_ONCE`` rows of a table ordered most urgent first, says what the others are, and
offers a switch to show them all.
"""

from __future__ import annotations

from analytics import formatting as fmt
from analytics.categories import CATEGORY_LABEL, CATEGORY_SYMBOL

ROWS_AT_ONCE = 35  # one province's worth: Jawa Tengah has 35 regencies, all shown


def is_long(rows: int) -> bool:
    """True when a table of ``rows`` regencies is longer than a province's."""
    return rows > ROWS_AT_ONCE


def hidden_text(total: int, rest: dict[str, int] | None = None, first: str = "") -> str:
    """What a shortened table leaves out: 'Ditampilkan 35 dari 514 kabupaten/kota (yang
    terlemah dulu); 479 lainnya: 477 ● siap, 2 ▲ perlu perhatian.'

    ``rest`` counts the hidden rows per readiness category (keys of CATEGORY_SYMBOL) or per
    free label; ``first`` says which rows come first.
    """
    hidden = total - ROWS_AT_ONCE
    order = f" ({first})" if first else ""
    text = (
        f"Ditampilkan {fmt.number(ROWS_AT_ONCE)} dari {fmt.number(total)} kabupaten/kota{order}; "
        f"{fmt.number(hidden)} lainnya"
    )
    parts = []
    for label, count in (rest or {}).items():
        if count:
            words = (
                f"{CATEGORY_SYMBOL[label]} {CATEGORY_LABEL[label].lower()}"
                if label in CATEGORY_SYMBOL
                else label
            )
            parts.append(f"{fmt.number(count)} {words}")
    return text + (": " + ", ".join(parts) + "." if parts else " tidak ditampilkan.")
