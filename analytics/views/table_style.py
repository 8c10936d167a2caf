"""How the traffic-light tables look: each cell shows its text over the numeric value it
sorts by, filled with the colour of its readiness category (analytics/categories.py)."""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

from analytics.categories import CATEGORY_COLOR

# Text colour that stays readable on each fill (white on the dark blue and vermillion).
TEXT_ON = {
    "siap": "white",
    "tertinggal": "white",
    "perlu_perhatian": "black",
    "belum_lapor": "black",
    "belum_dinilai": "black",
}


def computed_once(styler: Styler) -> Styler:
    """``styler`` computed now, then only read.

    Streamlit recomputes a Styler each time it draws one (``_compute``, ``_translate``):
    for the scorecard that was a third of a page open, paid by every viewer. This one
    hands back what it computed, so one object, cached per data version and filters,
    serves every session and thread without being changed. (Still a plain Styler:
    Streamlit recognises a Styler by its exact type.)"""
    styler._compute()
    translated = styler._translate(False, False)

    def _compute():
        return styler

    def _translate(sparse_index: bool, sparse_cols: bool, *args, **kwargs):
        if args or kwargs or sparse_index or sparse_cols:
            return Styler._translate(styler, sparse_index, sparse_cols, *args, **kwargs)
        return translated

    styler._compute, styler._translate = _compute, _translate
    return styler


def styled(values: pd.DataFrame, texts: pd.DataFrame, categories: pd.DataFrame) -> Styler:
    """A pandas Styler over the numeric ``values`` (so columns sort by number) that shows
    ``texts`` in every cell and fills it with the colour of its readiness category
    (``categories``; None: no colour), computed once (``computed_once``)."""
    styler = values.style
    for column in values.columns:
        pairs = dict(zip(values[column], texts[column], strict=True))
        if len(pairs) == len(set(zip(values[column], texts[column], strict=True))):
            # Each value always reads the same: one formatter for the whole column.
            styler = styler.format(lambda v, m=pairs: m.get(v, ""), subset=[column])
            continue
        # One formatter per distinct text (many cells read "○ belum lapor").
        for text, rows in texts.groupby(column).groups.items():
            styler = styler.format(lambda _v, t=text: t, subset=(list(rows), [column]))
    css = categories.map(cell_css)
    return computed_once(styler.apply(lambda _frame: css, axis=None))


def cell_css(category) -> str:
    """The fill and a readable text colour of one cell ('' without a category)."""
    if category is None or category not in CATEGORY_COLOR:
        return ""
    return f"background-color: {CATEGORY_COLOR[category]}; color: {TEXT_ON[category]}"
