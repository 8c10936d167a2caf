"""A PNG of one meeting chart via kaleido, only where a Chromium browser is installed.

kaleido 1.x renders with the system's Chromium (found by choreographer on PATH, or named
by ``BROWSER_PATH``) and the plotly.js shipped with plotly; MathJax is switched off so
nothing is fetched from the internet.
"""

from __future__ import annotations

import functools
import os

from analytics.figures.meeting import chart_figure
from analytics.meeting import Chart
from analytics.settings import env

WIDTH, HEIGHT = 1600, 900  # 16:9, sharp on a projector and in a slide


@functools.cache
def browser_path() -> str | None:
    """The Chromium kaleido would use, or None (then the PNG option hides itself)."""
    try:
        import kaleido  # noqa: F401
        from choreographer.browsers.chromium import Chromium
    except ImportError:
        return None
    path = env("BROWSER_PATH") or Chromium.find_browser(skip_local=False)
    return path if path and os.access(path, os.X_OK) else None


def available() -> bool:
    return browser_path() is not None


def chart_png(chart: Chart, width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """The chart as a PNG image (a few seconds: Chromium starts for each call)."""
    import kaleido

    path = browser_path()
    if path is None:
        raise RuntimeError("Chromium tidak ditemukan: grafik PNG tidak tersedia.")
    os.environ.setdefault("BROWSER_PATH", path)
    figure = chart_figure(chart, height=height, font_size=20)
    figure.update_layout(width=width)
    options = {"format": "png", "width": width, "height": height, "scale": 1}
    return kaleido.calc_fig_sync(figure, opts=options, kopts={"mathjax": False})
