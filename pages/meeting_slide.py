"""Draw one slide of the meeting deck in Streamlit, in type large enough for a projector."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.figures.meeting import chart_figure, chart_height
from analytics.meeting import Deck, Slide, Table
from pages import shared

SLIDE_KEY = "mr_slide_box"
# Large type inside the slide only (the container's key becomes the CSS class).
STYLE = f"""<style>
.st-key-{SLIDE_KEY} h1 {{ font-size: 3.4rem; line-height: 1.15; }}
.st-key-{SLIDE_KEY} h2 {{ font-size: 2.3rem; padding-top: 0; }}
.st-key-{SLIDE_KEY} [data-testid="stMarkdownContainer"] p,
.st-key-{SLIDE_KEY} [data-testid="stMarkdownContainer"] li {{ font-size: 1.45rem; }}
.st-key-{SLIDE_KEY} [data-testid="stCaptionContainer"] p {{ font-size: 1.3rem; }}
.st-key-{SLIDE_KEY} [data-testid="stMetricValue"] {{ font-size: 2.4rem; }}
.st-key-{SLIDE_KEY} [data-testid="stMetricLabel"] p {{ font-size: 1.2rem; }}
.st-key-{SLIDE_KEY} [data-testid="stTable"] td,
.st-key-{SLIDE_KEY} [data-testid="stTable"] th {{ font-size: 1.05rem; }}
</style>"""
MARKDOWN_CHARS = "\\`*_{}[]<>()#+-.!|$~"
SCREEN_CHART_MAX = 640  # pixels: the whole slide stays on one projected screen


def plain(text: str) -> str:
    """``text`` with Markdown switched off (names and titles are shown as typed)."""
    return "".join("\\" + c if c in MARKDOWN_CHARS else c for c in text)


def table_frame(table: Table) -> pd.DataFrame:
    return pd.DataFrame(
        [[plain(cell) for cell in row] for row in table.display_rows()],
        columns=[plain(h) for h in table.headers],
    )


def show(slide: Slide, deck: Deck) -> None:
    st.html(STYLE)
    with st.container(key=SLIDE_KEY, border=True):
        if slide.key == "judul":
            _title(slide)
        else:
            _content(slide)
        st.caption(plain(deck.footer))


def _title(slide: Slide) -> None:
    st.space("medium")
    st.markdown(f"# {plain(slide.title)}")
    first, *rest = slide.points
    st.markdown(f"## {plain(first)}")
    for line in rest:
        st.markdown(f"**{plain(line)}**" if line.startswith("DEMO") else plain(line))
    st.space("medium")


def _content(slide: Slide) -> None:
    st.markdown(f"## {plain(slide.title)}")
    if slide.subtitle:
        st.caption(plain(slide.subtitle))
    if slide.kpis:
        cells = st.columns(len(slide.kpis))
        for cell, kpi in zip(cells, slide.kpis, strict=True):
            cell.metric(plain(kpi.label), kpi.value)
    if not slide.chart:
        _text(slide)
        return
    left, right = st.columns([6, 5] if slide.table else [2, 3], gap="medium")
    with left:
        _text(slide)
    with right:
        st.markdown(f"**{plain(slide.chart.title)}**")
        height = min(chart_height(slide.chart, per_row=16), SCREEN_CHART_MAX)
        figure = chart_figure(slide.chart, height=height, font_size=17, title=False)
        shared.chart(figure, config={"displayModeBar": False})


def _text(slide: Slide) -> None:
    if slide.points:
        st.markdown("\n".join(f"- {plain(p)}" for p in slide.points))
    if slide.table:
        st.table(table_frame(slide.table), hide_index=True)
