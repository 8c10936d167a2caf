"""The optional PNG of a chart, rendered by kaleido where Chromium exists (the page hides the
option elsewhere: tests/ui/test_mode_rapat.py)."""

import struct

import pytest

from analytics.exports import png
from tests.exports_support import shared_deck


@pytest.mark.skipif(not png.available(), reason="no Chromium for kaleido on this machine")
def test_chart_png_where_chromium_exists():
    data = png.chart_png(shared_deck().slide("ringkasan").chart)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (png.WIDTH, png.HEIGHT)
