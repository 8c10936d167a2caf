"""One plotly look for every figure: colour-blind-safe palette, large type, Indonesian numbers."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

# Okabe-Ito (colour-blind safe); yellow left out because it fades on projectors.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000"]
GREY = "#BDBDBD"
INK = "#1A1A1A"

# Traffic light: colour AND a symbol, never colour alone.
CATEGORY_COLOR = {
    "siap": "#0072B2",
    "perlu_perhatian": "#E69F00",
    "tertinggal": "#D55E00",
    "belum_lapor": GREY,
    "belum_dinilai": "#E0E0E0",
}
CATEGORY_SYMBOL = {
    "siap": "●",
    "perlu_perhatian": "▲",
    "tertinggal": "■",
    "belum_lapor": "○",
    "belum_dinilai": "–",
}
CATEGORY_LABEL = {
    "siap": "Siap",
    "perlu_perhatian": "Perlu perhatian",
    "tertinggal": "Tertinggal",
    "belum_lapor": "Belum lapor",
    "belum_dinilai": "Belum dinilai",
}
# Body status split used by stacked bars.
STATUS_COLOR = {"dilantik": "#0072B2", "terisi": "#56B4E9", "kosong": "#D55E00"}

TEMPLATE_NAME = "siaga"

pio.templates[TEMPLATE_NAME] = go.layout.Template(
    layout=go.Layout(
        colorway=PALETTE,
        font={"family": "DejaVu Sans, Arial, sans-serif", "size": 15, "color": INK},
        title={"font": {"size": 20}},
        separators=",.",  # decimal comma, thousands dot
        paper_bgcolor="white",
        plot_bgcolor="white",
        hoverlabel={"font": {"size": 15}},
        xaxis={"gridcolor": "#E5E5E5", "zerolinecolor": "#BDBDBD", "automargin": True},
        yaxis={"gridcolor": "#E5E5E5", "zerolinecolor": "#BDBDBD", "automargin": True},
        legend={
            "orientation": "h",
            "yanchor": "top",
            "y": -0.12,
            "x": 0,
        },  # below: titles stay clear
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
    )
)


def apply(fig: go.Figure, title: str | None = None, height: int | None = None) -> go.Figure:
    """Give ``fig`` the SIAGA template (and a title/height) and return it."""
    fig.update_layout(template=TEMPLATE_NAME)
    if title is not None:
        fig.update_layout(title=title)
    if height is not None:
        fig.update_layout(height=height)
    return fig


def category_text(category: str | None) -> str:
    """'● Siap' style label: a symbol and a word, so colour is never the only signal."""
    key = category or "belum_lapor"
    return f"{CATEGORY_SYMBOL[key]} {CATEGORY_LABEL[key]}"
