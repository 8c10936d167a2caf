"""One plotly look for every figure: colour-blind-safe palette, large type, Indonesian numbers."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from analytics import categories
from analytics.escaping import plotly_text

# Okabe-Ito (colour-blind safe); yellow left out because it fades on projectors.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000"]
INK = "#1A1A1A"

# Traffic light: colour AND a symbol, never colour alone. The category colours, symbols and
# words live with the category rule (analytics/categories.py). Grey means "no data" (the
# colour of belum_lapor).
GREY = categories.CATEGORY_COLOR["belum_lapor"]

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
    """Give ``fig`` the SIAGA template (and a title/height) and return it. The title is
    text, never markup (it may hold a region or meeting name): only its line breaks,
    ``<br>``, are kept."""
    fig.update_layout(template=TEMPLATE_NAME)
    if title is not None:
        fig.update_layout(title="<br>".join(plotly_text(line) for line in title.split("<br>")))
    if height is not None:
        fig.update_layout(height=height)
    return fig
