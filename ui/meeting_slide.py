"""Draw one slide of the meeting deck in Streamlit, sized for a projector: a slide fits a
1280×720 screen without scrolling, chart text is 18 px; on a 1920×1080 screen in full
screen the type grows 1.5× (the charts keep their pixels: plotly measures its box, and a
CSS zoom or transform would make it draw the chart too large for its box)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.figures.meeting import chart_figure, legend_html, slide_chart_height
from analytics.meeting import Deck, Slide, Table
from ui import shared

SLIDE_KEY = "mr_slide_box"
STAGE_KEY = "mr_stage"  # the navigation row and the slide: all that full screen shows
CHART_FONT = 18  # px: the smallest text a room reads off a 1280×720 projection
DENSE_CHARACTERS = 700  # a table with more text gets smaller type, so it still fits
# Large type inside the slide only (a container's key becomes its CSS class). Labels and
# cells wrap instead of being cut with "…".
STYLE = f"""<style>
.st-key-{SLIDE_KEY} {{ padding: 0.75rem 1rem; }}
.st-key-{SLIDE_KEY} h1 {{ font-size: 3.2rem; line-height: 1.15; }}
.st-key-{SLIDE_KEY} h2 {{ font-size: 2.1rem; padding: 0; }}
.st-key-{SLIDE_KEY} [data-testid="stMarkdownContainer"] :is(p, li) {{ font-size: 1.3rem; }}
.st-key-{SLIDE_KEY} [data-testid="stCaptionContainer"] p {{ font-size: 1.15rem; }}
.st-key-{SLIDE_KEY} .st-key-mr_footer p {{ font-size: 0.95rem; }}
.st-key-{SLIDE_KEY} .st-key-mr_chart p {{ font-size: 1.15rem; }}
.st-key-{SLIDE_KEY} .st-key-mr_chart p strong {{ font-size: 1.3rem; }}
.st-key-{SLIDE_KEY} [data-testid="stMetricValue"] p {{ font-size: 2.1rem; line-height: 1.2; }}
.st-key-{SLIDE_KEY} [data-testid="stMetricLabel"] p {{ font-size: 1.15rem; }}
.st-key-{SLIDE_KEY} :is([data-testid="stMetricLabel"], [data-testid="stMetricValue"]) *,
.st-key-{SLIDE_KEY} [data-testid="stTable"] :is(td, th) * {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}}
.st-key-{SLIDE_KEY} [data-testid="stTable"] table {{ width: 100%; }}
.st-key-{SLIDE_KEY} [data-testid="stTable"] :is(td, th) {{ padding: 0.3rem 0.5rem; }}
.st-key-{SLIDE_KEY} [data-testid="stTable"] :is(td, th) p {{ font-size: 1.1rem; }}
.st-key-{SLIDE_KEY} .st-key-mr_dense [data-testid="stTable"] :is(td, th) {{
  padding: 0.15rem 0.4rem;
}}
.st-key-{SLIDE_KEY} .st-key-mr_dense [data-testid="stTable"] :is(td, th) p {{
  font-size: 0.95rem; line-height: 1.3;
}}
.st-key-{SLIDE_KEY} {{ container-type: inline-size; }}
@container (max-width: 1000px) {{  /* beside the sidebar: smaller cells, never cut */
  .st-key-{SLIDE_KEY} [data-testid="stTable"] :is(td, th) {{ padding: 0.2rem 0.3rem; }}
  .st-key-{SLIDE_KEY} [data-testid="stTable"] :is(td, th) p {{ font-size: 0.9rem; }}
  .st-key-{SLIDE_KEY} .st-key-mr_dense [data-testid="stTable"] :is(td, th) p {{
    font-size: 0.85rem;
  }}
}}
</style>"""
# Full screen (``?embed=true``, or the page's "Layar penuh"): the slide alone, no sidebar,
# app header, filters or settings; designed for 1280×720, larger type on larger screens.
FULLSCREEN = """
{app} :is([data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stExpandSidebarButton"], [data-testid="stHeader"], .st-key-mr_png) {{
  display: none !important;
}}
{app} [data-testid="stMainBlockContainer"] {{ padding: 0.5rem 1.5rem; max-width: none; }}
{app} [data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"]
  > :not(:has(.st-key-{stage})) {{ display: none; }}
@media (min-width: 1600px) and (min-height: 900px) {{
  html:has({app}) {{ font-size: 20px; }}
}}
@media (min-width: 1920px) and (min-height: 1080px) {{
  html:has({app}) {{ font-size: 24px; }}
}}
"""


def table_frame(table: Table) -> pd.DataFrame:
    return pd.DataFrame(
        [[shared.plain(cell) for cell in row] for row in table.display_rows()],
        columns=[shared.plain(h) for h in table.headers],
    )


def style(full_screen: bool) -> str:
    """The slide's CSS; full-screen rules always under ``?embed=true``, and everywhere
    when the presenter chose "Layar penuh"."""
    scopes = [".stApp.streamlit-embedded"] + ([".stApp"] if full_screen else [])
    rules = "".join(FULLSCREEN.format(app=scope, stage=STAGE_KEY) for scope in scopes)
    return STYLE.replace("</style>", rules + "</style>")


def show(slide: Slide, deck: Deck, full_screen: bool = False) -> None:
    st.html(style(full_screen))
    with st.container(key=SLIDE_KEY, border=True, gap="xsmall"):
        if slide.key == "judul":
            _title(slide)
        else:
            _content(slide)
        with st.container(key="mr_footer"):
            st.caption(shared.plain(deck.footer))


def _title(slide: Slide) -> None:
    st.space("medium")
    st.markdown(f"# {shared.plain(slide.title)}")
    first, *rest = slide.points
    st.markdown(f"## {shared.plain(first)}")
    for line in rest:
        st.markdown(f"**{shared.plain(line)}**" if line.startswith("DEMO") else shared.plain(line))
    st.space("medium")


def _content(slide: Slide) -> None:
    st.markdown(f"## {shared.plain(slide.title)}")
    if slide.subtitle:
        st.caption(shared.plain(slide.subtitle))
    if slide.kpis:
        cells = st.columns(len(slide.kpis))
        for cell, kpi in zip(cells, slide.kpis, strict=True):
            cell.metric(shared.plain(kpi.label), kpi.value)
    chart = slide.chart
    if not chart:
        _text(slide)
        return
    wide_table = slide.table is not None and len(slide.table.columns) >= 5
    left, right = st.columns([11, 9] if wide_table else [2, 3], gap="medium")
    with left:
        _text(slide)
    with right, st.container(key="mr_chart", gap="xsmall"):
        st.markdown(f"**{shared.plain(chart.title)}**")
        st.html(legend_html(chart, "1.15rem"))
        height = slide_chart_height(chart, CHART_FONT)
        figure = chart_figure(chart, height=height, font_size=CHART_FONT, title=False)
        shared.chart(figure, config={"displayModeBar": False})
        if chart.note:
            st.markdown(shared.plain(chart.note))


def _text(slide: Slide) -> None:
    if slide.points:
        st.markdown("\n".join(f"- {shared.plain(p)}" for p in slide.points))
    if slide.table:
        text = sum(len(c) for row in slide.table.display_rows() for c in row)
        key = "mr_dense" if text > DENSE_CHARACTERS else "mr_table"
        with st.container(key=key):
            st.table(table_frame(slide.table), hide_index=True)
