"""The deck's chart model drawn as one inline ``<svg>``: no script, no font, no library.

The offline HTML report used to embed plotly.js (4.6 MB per file) for four bar charts. This
renderer draws the same charts as ``analytics.figures.meeting.chart_figure`` (colours, value
formats, target line, legend, which bars carry their value) in a few kilobytes. Hovering a
bar shows "category, series: value" through its SVG ``<title>``, in any browser. A bar the
deck gives a readiness category takes the scorecard's colour and symbol ("▲ 64,1%"), and
the note under a long chart says what the regencies left off are.

Numbers are Indonesian (87,5% · 1.234) and a missing value reads "belum lapor", never a
zero bar. Every text is escaped, so a regency's name can never become markup.
"""

from __future__ import annotations

import math
from html import escape

from analytics import formatting as fmt
from analytics.categories import CATEGORY_SYMBOL
from analytics.figures import theme
from analytics.figures.meeting import (
    bar_colors,
    chart_height,
    ink_on,
    is_labelled,
    legend_entries,
    value_prefixes,
)
from analytics.meeting import Chart

WIDTH = 760  # viewBox width; the SVG scales to its container (width 100%)
FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
CHAR_EM = 0.6  # DejaVu Sans is wide: a safe estimate of a character's advance
TITLE_SIZE = 19
LEGEND_SIZE = 14
TICK_SIZE = 13
LABEL_SIZE = 13  # values on the bars
MISSING_COLOR = "#6B6B6B"
GRID_COLOR = "#E5E5E5"
AXIS_COLOR = "#BDBDBD"
PAD = 8
BAR_GAP = 0.25  # of a category band, as plotly's bargap
GROUP_GAP = 0.05  # between the bars of one category, as plotly's bargroupgap


def text_width(text: str, size: float) -> float:
    """Estimated width of ``text`` in pixels (no font metrics offline: a generous guess)."""
    return len(text) * size * CHAR_EM


def value_text(value: float | None, value_kind: str) -> str:
    """87,5% · 72,3 · 1.234 (as the plotly figure's .1% / .1f / ,d), or 'belum lapor'."""
    if value_kind == "percent":
        return fmt.percent(value, 1)
    if value_kind == "index":
        return fmt.number(value, 1)
    return fmt.number(value)


def tick_text(value: float, value_kind: str) -> str:
    if value_kind == "percent":
        return fmt.percent(value, 0)
    return fmt.number(value)


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _wrap(text: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(lines[-1] + " " + word, size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _shorten(text: str, size: float, width: float) -> str:
    if text_width(text, size) <= width:
        return text
    keep = max(1, int(width / (size * CHAR_EM)) - 1)
    return text[:keep].rstrip() + "…"


def _axis(chart: Chart) -> tuple[float, list[float]]:
    """Top of the value axis and its ticks (plotly's ranges: 0-108% and 0-105)."""
    if chart.kind == "stacked_bar":
        totals = [sum(s.values[i] or 0 for s in chart.series) for i in range(len(chart.categories))]
    else:
        totals = [v for s in chart.series for v in s.values if v is not None]
    largest = max([0.0, *totals, chart.target or 0.0])
    if chart.value_kind == "percent":
        top, step = max(1.08, largest * 1.08), 0.2
    elif chart.value_kind == "index":
        top, step = max(105.0, largest * 1.05), 20.0
    else:
        top = max(1.0, largest * 1.1)
        raw = top / 5
        magnitude = 10 ** math.floor(math.log10(raw))
        step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
        step = max(1.0, step)
    ticks = [i * step for i in range(int(top / step + 1e-9) + 1)]
    return top, ticks


class _Svg:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        anchor: str = "start",
        fill: str = theme.INK,
        extra: str = "",
        title: str | None = None,
    ) -> None:
        hover = f"<title>{escape(title)}</title>" if title else ""
        self.parts.append(
            f'<text x="{_num(x)}" y="{_num(y)}" font-size="{_num(size)}" '
            f'text-anchor="{anchor}" fill="{fill}"{extra}>{hover}{escape(text)}</text>'
        )

    def rect(self, x, y, w, h, fill, cls: str, title: str | None = None) -> None:
        hover = f"<title>{escape(title)}</title>" if title else ""
        self.parts.append(
            f'<rect class="{cls}" x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" '
            f'height="{_num(h)}" fill="{fill}">{hover}</rect>'
        )

    def line(self, x1, y1, x2, y2, stroke, extra: str = "") -> None:
        self.parts.append(
            f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" '
            f'stroke="{stroke}"{extra}/>'
        )


def _legend(svg: _Svg, chart: Chart, top: float, draw: bool) -> float:
    """Legend items in rows from the left (a series' swatch, or a category's symbol in its
    colour); returns the height used."""
    entries = legend_entries(chart)
    if not entries:
        return 0.0
    row_height = LEGEND_SIZE + 10
    x, y = PAD, top
    for text, color, category in entries:
        item = 14 + 6 + text_width(text, LEGEND_SIZE) * 0.92 + 16
        if x > PAD and x + item > WIDTH - PAD:
            x, y = PAD, y + row_height
        if draw and category:
            svg.text(x + 7, y + 15, CATEGORY_SYMBOL[category], LEGEND_SIZE + 2, "middle",
                     color, ' class="swatch"')  # fmt: skip
            svg.text(x + 20, y + 14, text, LEGEND_SIZE)
        elif draw:
            svg.rect(x, y + 2, 14, 14, color, "swatch")
            svg.text(x + 20, y + 14, text, LEGEND_SIZE)
        x += item
    return y + row_height - top + 4


def chart_svg(chart: Chart, height: int | None = None) -> str:
    """``chart`` as an inline ``<svg>`` element (viewBox sized from its categories)."""
    note_lines = _wrap(chart.note, TICK_SIZE, WIDTH - 2 * PAD) if chart.note else []
    note_room = len(note_lines) * (TICK_SIZE + 6) + 6 * bool(note_lines)
    height = (height or chart_height(chart)) + note_room
    colors = bar_colors(chart)
    svg = _Svg()
    title_lines = _wrap(chart.title, TITLE_SIZE, WIDTH - 2 * PAD) if chart.title else []
    y = PAD
    for line in title_lines:
        y += TITLE_SIZE * 1.25
        svg.text(PAD, y, line, TITLE_SIZE)
    if title_lines:
        y += 10
    y += _legend(svg, chart, y, draw=True)
    if chart.kind != "column" and chart.target is not None and chart.target_label:
        y += LABEL_SIZE + 8  # the target's label stands above the bars
    if chart.kind == "column":
        _columns(svg, chart, colors, y, height - note_room)
    else:
        _bars(svg, chart, colors, y, height - note_room)
    for k, line in enumerate(note_lines):  # the regencies left off, summed up
        svg.text(PAD, height - note_room + (k + 1) * (TICK_SIZE + 6), line, TICK_SIZE)
    label = escape(chart.title or "Grafik")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-label="{label}" font-family="{FONT}" '
        f'style="display:block;height:auto;max-width:{WIDTH * 3 // 2}px">'
        + "".join(svg.parts)
        + "</svg>"
    )


def _hover(category: str, series: str, value: float | None, value_kind: str) -> str:
    return f"{category}, {series}: {value_text(value, value_kind)}"


def _bars(svg: _Svg, chart: Chart, colors: list[list[str]], top: float, height: int) -> None:
    """Horizontal bars (clustered or stacked), categories from the top down."""
    stacked = chart.kind == "stacked_bar"
    labelled = is_labelled(chart)
    value_top, ticks = _axis(chart)
    label_room = min(max(text_width(c, TICK_SIZE) for c in chart.categories), WIDTH * 0.42)
    left = PAD + label_room + 8
    right = WIDTH - PAD - (text_width("100,0%", LABEL_SIZE) if labelled and not stacked else 20)
    bottom = height - PAD - TICK_SIZE - 8
    scale = (right - left) / value_top
    band = (bottom - top) / len(chart.categories)
    group = band * (1 - BAR_GAP)
    slot = group if stacked else group / len(chart.series)
    thickness = slot * (1 - GROUP_GAP) if not stacked else group
    value_size = min(LABEL_SIZE, max(9.0, thickness * 0.8))
    prefixes = value_prefixes(chart)

    for tick in ticks:  # grid and value axis
        x = left + tick * scale
        svg.line(x, top, x, bottom, AXIS_COLOR if tick == 0 else GRID_COLOR)
        svg.text(x, bottom + TICK_SIZE + 6, tick_text(tick, chart.value_kind), TICK_SIZE, "middle")

    for i, category in enumerate(chart.categories):
        band_top = top + i * band
        middle = band_top + band / 2
        svg.text(
            left - 8,
            middle + TICK_SIZE * 0.35,
            _shorten(category, TICK_SIZE, label_room),
            TICK_SIZE,
            "end",
            title=category,
        )
        values = [s.values[i] for s in chart.series]
        group_top = band_top + (band - group) / 2
        if stacked:
            x = left
            for series, fills, value in zip(chart.series, colors, values, strict=True):
                if not value:  # a zero segment is not drawn (nor labelled "0")
                    continue
                color = fills[i]
                w = value * scale
                hover = _hover(category, series.name, value, chart.value_kind)
                svg.rect(x, group_top, w, thickness, color, "bar", hover)
                text = value_text(value, chart.value_kind)
                if text_width(text, value_size) <= w - 4 and thickness >= value_size + 2:
                    svg.text(x + w / 2, middle + value_size * 0.35, text, value_size,
                             "middle", ink_on(color), ' pointer-events="none"')  # fmt: skip
                x += w
            continue
        if len(values) > 1 and all(v is None for v in values):
            hover = f"{category}: {fmt.NOT_REPORTED}"
            _missing(svg, left + 4, middle, min(LABEL_SIZE, band * 0.5), hover)
            continue
        for j, (series, value) in enumerate(zip(chart.series, values, strict=True)):
            color = colors[j][i]
            bar_top = group_top + j * slot + (slot - thickness) / 2
            bar_middle = bar_top + thickness / 2
            hover = _hover(category, series.name, value, chart.value_kind)
            if value is None:
                _missing(svg, left + 4, bar_middle, max(9.0, min(value_size, slot)), hover)
                continue
            w = max(value, 0) * scale
            svg.rect(left, bar_top, w, thickness, color, "bar", hover)
            if labelled:
                text = prefixes[j][i] + value_text(value, chart.value_kind)
                baseline = bar_middle + value_size * 0.35
                if left + w + 4 + text_width(text, value_size) <= WIDTH - 2:
                    svg.text(left + w + 4, baseline, text, value_size)
                else:  # no room outside: inside the bar's end
                    svg.text(left + w - 4, baseline, text, value_size, "end", ink_on(color))

    if chart.target is not None:
        x = left + chart.target * scale
        svg.line(x, top - 4, x, bottom, theme.INK, ' stroke-width="1.5" stroke-dasharray="6 4"')
        if chart.target_label:
            _target_label(svg, chart.target_label, x, top - 8)


def _columns(svg: _Svg, chart: Chart, colors: list[list[str]], top: float, height: int) -> None:
    """Vertical clustered columns, categories from the left."""
    labelled = is_labelled(chart)
    value_top, ticks = _axis(chart)
    axis_room = max(text_width(tick_text(t, chart.value_kind), TICK_SIZE) for t in ticks)
    left = PAD + axis_room + 6
    right = WIDTH - PAD
    band = (right - left) / len(chart.categories)
    wrapped = [_wrap(c, TICK_SIZE, band - 6) for c in chart.categories]
    label_lines = max(len(lines) for lines in wrapped)
    bottom = height - PAD - label_lines * (TICK_SIZE + 3) - 6
    scale = (bottom - top) / value_top
    group = band * (1 - BAR_GAP)
    slot = group / len(chart.series)
    thickness = slot * (1 - GROUP_GAP)
    value_size = min(LABEL_SIZE, max(9.0, slot / 5))
    prefixes = value_prefixes(chart)

    for tick in ticks:
        y = bottom - tick * scale
        svg.line(left, y, right, y, AXIS_COLOR if tick == 0 else GRID_COLOR)
        svg.text(left - 6, y + TICK_SIZE * 0.35, tick_text(tick, chart.value_kind), TICK_SIZE,
                 "end")  # fmt: skip

    for i, (category, lines) in enumerate(zip(chart.categories, wrapped, strict=True)):
        center = left + i * band + band / 2
        for k, line in enumerate(lines):
            svg.text(center, bottom + (k + 1) * (TICK_SIZE + 3), line, TICK_SIZE, "middle",
                     title=category)  # fmt: skip
        group_left = center - group / 2
        for j, series in enumerate(chart.series):
            value = series.values[i]
            bar_left = group_left + j * slot + (slot - thickness) / 2
            bar_center = bar_left + thickness / 2
            hover = _hover(category, series.name, value, chart.value_kind)
            if value is None:
                size = min(LABEL_SIZE, max(9.0, thickness * 0.9))
                if text_width(fmt.NOT_REPORTED, size) <= thickness:
                    _missing(svg, bar_center, bottom - 6, size, hover, "middle")
                else:  # upright, from the axis up
                    _missing(svg, bar_center + size * 0.35, bottom - 6, size, hover, "start",
                             f' transform="rotate(-90 {_num(bar_center + size * 0.35)} '
                             f'{_num(bottom - 6)})"')  # fmt: skip
                continue
            h = max(value, 0) * scale
            svg.rect(bar_left, bottom - h, thickness, h, colors[j][i], "bar", hover)
            if labelled:
                text = prefixes[j][i] + value_text(value, chart.value_kind)
                svg.text(bar_center, bottom - h - 5, text, value_size, "middle")

    if chart.target is not None:
        y = bottom - chart.target * scale
        svg.line(left, y, right, y, theme.INK, ' stroke-width="1.5" stroke-dasharray="6 4"')
        if chart.target_label:
            _target_label(svg, chart.target_label, right, y - 6, "end")


def _missing(svg: _Svg, x, y, size, hover: str, anchor: str = "start", extra: str = "") -> None:
    """'belum lapor' where the bar would be: a regency that has not reported is not a zero."""
    svg.text(x, y + (size * 0.35 if not extra and anchor == "start" else 0), fmt.NOT_REPORTED,
             size, anchor, MISSING_COLOR, ' font-style="italic"' + extra, title=hover)  # fmt: skip


def _target_label(svg: _Svg, label: str, x: float, y: float, anchor: str = "middle") -> None:
    """Bold, on a white halo so it reads where it crosses a bar."""
    if anchor == "middle":
        half = text_width(label, LABEL_SIZE) / 2
        x = min(max(x, PAD + half), WIDTH - PAD - half)
    halo = ' font-weight="bold" stroke="white" stroke-width="3" paint-order="stroke"'
    svg.text(x, y, label, LABEL_SIZE, anchor, extra=halo)
