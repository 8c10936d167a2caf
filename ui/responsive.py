"""One element for wide screens, another for phones, chosen by the browser's width.

Streamlit cannot know the screen width on the server, so a page draws both and CSS shows
one: a container keyed ``wide_<name>`` is hidden below ``NARROW_PX``, one keyed
``narrow_<name>`` above it (a container's key becomes its CSS class). Both are built
from the same cached frame; the phone version is a few lines of text.
"""

from __future__ import annotations

import streamlit as st

from analytics.views.phone import PhoneList
from ui import shared

NARROW_PX = 640  # Streamlit stacks columns below this width too

# Rows of three or more columns (metric tiles, milestone boxes) keep two per line on a
# phone instead of one, which halves the height of the page's first screens.
ROW_OF_THREE_OR_MORE = (
    '[data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"]:nth-child(3))'
)
# A chart's title moves above the chart on a phone, where it wraps (ui.shared.chart).
STYLE = f"""<style>
.{shared.NARROW_TITLE} {{ font-size: 1.05rem; font-weight: 600; line-height: 1.3; }}
@media (max-width: {NARROW_PX}px) {{
  [class*="st-key-wide_"] {{ display: none !important; }}
  .js-plotly-plot .gtitle {{ display: none; }}
  {ROW_OF_THREE_OR_MORE} {{ flex-direction: row; flex-wrap: wrap; }}
  {ROW_OF_THREE_OR_MORE} > [data-testid="stColumn"] {{
    flex: 1 1 calc(50% - 0.5rem) !important; min-width: calc(50% - 0.5rem) !important;
  }}
  [data-testid="stMetricValue"] {{ font-size: 1.75rem; }}
  [data-testid="stMetricLabel"] :is(p, div) {{ white-space: normal; overflow: visible; }}
}}
@media (min-width: {NARROW_PX + 1}px) {{
  [class*="st-key-narrow_"] {{ display: none !important; }}
  [data-testid="stElementContainer"]:has(.{shared.NARROW_TITLE}) {{ display: none !important; }}
}}
</style>"""


def style() -> None:
    """The two rules, once per run (called by the header above every page)."""
    st.html(STYLE)


def wide(name: str):
    """A container shown on screens wider than ``NARROW_PX``."""
    return st.container(key=f"wide_{name}")


def narrow(name: str):
    """A container shown on phones (``NARROW_PX`` wide or less)."""
    return st.container(key=f"narrow_{name}")


def lines(phone: PhoneList, container=None, note: str | None = None) -> None:
    """Draw ``phone`` as a list, one item per line, text shown exactly as written."""
    target = container or st
    if phone.title:
        target.markdown(f"**{shared.plain(phone.title)}**")
    if note:
        target.caption(note)
    if phone.lines:
        target.markdown("\n".join(f"- {shared.plain(line)}" for line in phone.lines))
    if phone.rest:
        target.caption(shared.plain(phone.rest))
