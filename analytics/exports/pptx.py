"""The deck as an editable PowerPoint (16:9): native charts from chart data, real tables.

Titles sit in title placeholders, charts carry their data (right-click > Edit Data in
PowerPoint) and tables are tables, so the secretariat can change anything afterwards. A bar
the deck gives a readiness category is filled in the scorecard's colour and its value
carries the symbol ("▲ 64,1%"); a line under such a chart names the colours and sums up
the regencies left off it.
"""

from __future__ import annotations

import io
import math

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu, Inches, Pt

from analytics.categories import CATEGORY_SYMBOL
from analytics.figures.meeting import (
    bar_colors,
    ink_on,
    is_categorised,
    is_labelled,
    legend_entries,
    series_colors,
    value_prefixes,
)
from analytics.figures.theme import INK
from analytics.meeting import NUMERIC_KINDS, Chart, Deck, Kpi, Slide, Table

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = 0.5
BODY_TOP, BODY_BOTTOM = 1.6, 6.95
CHART_COLUMN = 6.1  # width of the chart when it shares the slide
GAP = 0.2
MUTED = RGBColor(0x55, 0x55, 0x55)
ACCENT = RGBColor(0x00, 0x72, 0xB2)
CHART_TYPE = {
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "stacked_bar": XL_CHART_TYPE.BAR_STACKED,
}
# Excel number formats of the chart values; ';;;' hides the zero segments of stacked bars.
NUMBER_FORMAT = {"percent": "0.0%", "index": "0.0", "count": "#,##0"}
AXIS_FORMAT = {"percent": "0%", "index": "0", "count": "#,##0"}
LAYOUT_TITLE, LAYOUT_TITLE_ONLY = 0, 5
KEY_HEIGHT = 0.75  # inches under a chart for its colour key and note


def deck_pptx(deck: Deck) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    prs.core_properties.title = deck.meeting_title
    prs.core_properties.author = "SIAGA · KPU Provinsi Jawa Tengah"
    prs.core_properties.subject = deck.footer
    prs.core_properties.language = "id-ID"
    title_slide, *slides = deck.slides
    _title_slide(prs, title_slide, deck)
    for number, slide in enumerate(slides, start=2):
        _content_slide(prs, slide, deck, number, len(deck.slides))
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _style(run, size: float, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.language_id = MSO_LANGUAGE_ID.INDONESIAN
    if color is not None:
        run.font.color.rgb = color


def _place(shape, left: float, top: float, width: float, height: float) -> None:
    shape.left, shape.top = Inches(left), Inches(top)
    shape.width, shape.height = Inches(width), Inches(height)


def _set_text(frame, text: str, size: float, bold: bool = False, color=None) -> None:
    frame.text = text
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            _style(run, size, bold, color)


def _textbox(slide, left, top, width, height, lines, size, color=None, bullet=False):
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = f"• {line}" if bullet else line
        _style(run, size, color=color)
        paragraph.space_after = Pt(4)
    return box


def _title_slide(prs, slide: Slide, deck: Deck) -> None:
    page = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE])
    title, subtitle = page.placeholders[0], page.placeholders[1]
    _place(title, 0.8, 1.5, 11.7, 2.0)
    _set_text(title.text_frame, slide.title, 40, bold=True)
    _place(subtitle, 0.8, 3.7, 11.7, 2.8)
    frame = subtitle.text_frame
    frame.clear()
    for i, line in enumerate(slide.points):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = line
        demo = deck.is_demo and line == slide.points[-1]
        _style(run, 22 if i == 0 else 18, bold=i == 0 or demo,
               color=RGBColor(0xB3, 0x5C, 0x00) if demo else None)  # fmt: skip
    page.notes_slide.notes_text_frame.text = deck.footer


def _content_slide(prs, slide: Slide, deck: Deck, number: int, total: int) -> None:
    page = prs.slides.add_slide(prs.slide_layouts[LAYOUT_TITLE_ONLY])
    title = page.shapes.title
    _place(title, MARGIN, 0.3, 13.333 - 2 * MARGIN, 0.85)
    _set_text(title.text_frame, slide.title, 32, bold=True, color=ACCENT)
    title.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    if slide.subtitle:
        _textbox(page, MARGIN, 1.12, 12.3, 0.4, [slide.subtitle], 16, color=MUTED)
    full = 13.333 - 2 * MARGIN
    left_width = full - CHART_COLUMN - GAP if slide.chart else full
    y = BODY_TOP
    if slide.kpis:
        y = _kpis(page, slide.kpis, y, left_width, columns=2 if slide.chart else 6)
    if slide.points:
        size = 16 if slide.table or slide.chart else 20
        height = _points_height(slide.points, left_width, size)
        if not slide.table:
            height = max(height, BODY_BOTTOM - y)
        _textbox(page, MARGIN, y, left_width, height, slide.points, size, bullet=True)
        y += height + 0.1
    if slide.table:
        _table(page, slide.table, MARGIN, y, left_width, BODY_BOTTOM - y)
    if slide.chart:
        x = MARGIN + left_width + GAP
        height = BODY_BOTTOM - BODY_TOP + 0.1
        if is_categorised(slide.chart) or slide.chart.note:
            height -= KEY_HEIGHT
            _chart_key(page, slide.chart, x, BODY_TOP - 0.1 + height, CHART_COLUMN)
        _chart(page, slide.chart, x, BODY_TOP - 0.1, CHART_COLUMN, height)
    _textbox(page, MARGIN, 7.05, 11.3, 0.35, [deck.footer], 10, color=MUTED)
    _textbox(page, 12.0, 7.05, 0.85, 0.35, [f"{number}/{total}"], 10, color=MUTED)
    notes = [slide.title, *(f"{k.label}: {k.value}" for k in slide.kpis), *slide.points]
    page.notes_slide.notes_text_frame.text = "\n".join(notes + [deck.footer])


def _points_height(points: tuple[str, ...], width: float, size: float) -> float:
    """Inches the bullet points need (about 0.5 em per character, 1.3 lines of leading)."""
    per_line = max(10, int(width * 72 / (size * 0.5)))
    lines = sum(math.ceil((len(p) + 2) / per_line) for p in points)
    return lines * size * 1.35 / 72 + 0.1 * len(points) + 0.1


def _kpis(page, kpis: tuple[Kpi, ...], top: float, width: float, columns: int) -> float:
    columns = min(columns, len(kpis))
    rows = math.ceil(len(kpis) / columns)
    box_w = (width - 0.15 * (columns - 1)) / columns
    box_h = 0.95
    for i, kpi in enumerate(kpis):
        left = MARGIN + (i % columns) * (box_w + 0.15)
        y = top + (i // columns) * (box_h + 0.12)
        box = page.shapes.add_textbox(Inches(left), Inches(y), Inches(box_w), Inches(box_h))
        box.line.color.rgb = RGBColor(0xD9, 0xD9, 0xD9)
        frame = box.text_frame
        frame.word_wrap = True
        value = frame.paragraphs[0].add_run()
        value.text = kpi.value
        _style(value, 24, bold=True)
        label = frame.add_paragraph().add_run()
        label.text = kpi.label
        _style(label, 12, color=MUTED)
    return top + rows * (box_h + 0.12) + 0.05


def _table(page, table: Table, left: float, top: float, width: float, height: float) -> None:
    rows = table.display_rows()
    size = 14 if len(rows) <= 6 else 12 if len(rows) <= 9 else 11
    if len(table.columns) >= 6 and width < 8:
        size -= 1
    if table.dense:  # sentences wrap to several lines: the rows must still fit the slide
        size = min(size, 11)
    row_h = size * 2.0 / 72
    shape = page.shapes.add_table(
        len(rows) + 1, len(table.columns), Inches(left), Inches(top), Inches(width),
        Inches(min(height, row_h * (len(rows) + 1))),
    )  # fmt: skip
    grid = shape.table
    weights = _column_weights(table, rows)
    for i, weight in enumerate(weights):
        grid.columns[i].width = Emu(int(Inches(width) * weight / sum(weights)))
    for r in range(len(rows) + 1):
        grid.rows[r].height = Inches(row_h)
    for c, column in enumerate(table.columns):
        right = column.kind in NUMERIC_KINDS
        _cell(grid.cell(0, c), column.header, size - 1, bold=True, right=right)
        for r, row in enumerate(rows, start=1):
            _cell(grid.cell(r, c), row[c], size, right=right)


def _column_weights(table: Table, rows: list[list[str]]) -> list[float]:
    """Relative widths: the declared width, widened so that numbers never wrap."""
    weights = []
    for c, column in enumerate(table.columns):
        longest = max([len(w) for w in column.header.split()] + [len(r[c]) for r in rows])
        numeric = column.kind in NUMERIC_KINDS
        weights.append(max(column.width, 0.11 * longest if numeric else column.width))
    return weights


def _cell(cell, text: str, size: float, bold: bool = False, right: bool = False) -> None:
    cell.margin_left = cell.margin_right = Inches(0.06)
    cell.margin_top = cell.margin_bottom = Inches(0.03)
    frame = cell.text_frame
    frame.word_wrap = True
    frame.text = text
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.RIGHT if right else PP_ALIGN.LEFT
    for run in paragraph.runs:
        _style(run, size, bold)


def _chart(page, chart: Chart, left: float, top: float, width: float, height: float) -> None:
    data = CategoryChartData(number_format=NUMBER_FORMAT[chart.value_kind])
    data.categories = list(chart.categories)
    for series in chart.series:
        data.add_series(series.name, list(series.values))
    frame = page.shapes.add_chart(
        CHART_TYPE[chart.kind], Inches(left), Inches(top), Inches(width), Inches(height), data
    )
    graph = frame.chart
    many = len(chart.categories) > 15
    graph.font.size = Pt(10 if many else 12)
    graph.has_title = True
    title = chart.title + (f" — {chart.target_label}" if chart.target_label else "")
    _set_text(graph.chart_title.text_frame, title, 14, bold=True)
    graph.has_legend = len(chart.series) > 1
    if graph.has_legend:
        graph.legend.position = XL_LEGEND_POSITION.TOP
        graph.legend.include_in_layout = False
        graph.legend.font.size = Pt(12)
    value_axis = graph.value_axis
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = RGBColor(0xE5, 0xE5, 0xE5)
    value_axis.tick_labels.number_format = AXIS_FORMAT[chart.value_kind]
    value_axis.tick_labels.number_format_is_linked = False
    value_axis.minimum_scale = 0
    if chart.value_kind == "percent":
        value_axis.maximum_scale = 1.0
    elif chart.value_kind == "index":
        value_axis.maximum_scale = 100
    category_axis = graph.category_axis
    category_axis.tick_labels.font.size = Pt(8 if len(chart.categories) > 30 else 9 if many else 12)
    _label_every_category(category_axis)
    if chart.kind != "column":
        category_axis.reverse_order = True  # the first category on top, as in the deck
        # The value axis crosses at the last category, so it stays at the bottom.
        value_axis._element.find(qn("c:crosses")).set("val", "max")
    plot = graph.plots[0]
    plot.gap_width = 40 if many else 80
    if chart.kind == "stacked_bar":
        plot.overlap = 100
    labelled = is_labelled(chart)
    if labelled:
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.number_format = NUMBER_FORMAT[chart.value_kind] + (
            ";;;" if chart.kind == "stacked_bar" else ""
        )
        labels.number_format_is_linked = False
        labels.font.size = Pt(9 if many else 11)
        labels.position = (
            XL_LABEL_POSITION.CENTER
            if chart.kind == "stacked_bar"
            else XL_LABEL_POSITION.OUTSIDE_END
        )
    for series, color in zip(plot.series, series_colors(chart), strict=True):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = RGBColor.from_string(color.lstrip("#"))
        if chart.kind == "stacked_bar" and labelled:  # the number reads on its segment
            ink = "FFFFFF" if ink_on(color) == "white" else INK.lstrip("#")
            series.data_labels.font.color.rgb = RGBColor.from_string(ink)
    graph.has_legend = graph.has_legend and not is_categorised(chart)  # the key says it
    parts = zip(plot.series, chart.series, bar_colors(chart), value_prefixes(chart), strict=True)
    for series, model, fills, prefixes in parts:
        if not model.bar_categories:
            continue
        for i, (fill, prefix, value) in enumerate(zip(fills, prefixes, model.values, strict=True)):
            if value is None:
                continue
            point = series.points[i]
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = RGBColor.from_string(fill.lstrip("#"))
            if labelled and prefix:
                _point_label(point.data_label, prefix, chart, Pt(9 if many else 12))


def _point_label(label, prefix: str, chart: Chart, size) -> None:
    """One bar's value label with its symbol (and body) in front: '"PPK ▲ "0.0%' is an
    Excel number format, so the label still follows the value if it is edited."""
    label.font.size = size
    label.position = XL_LABEL_POSITION.OUTSIDE_END
    dlbl = label._get_or_add_dLbl()
    for old in dlbl.findall(qn("c:numFmt")):
        dlbl.remove(old)
    code = '"' + prefix.replace('"', "'") + '"' + NUMBER_FORMAT[chart.value_kind]
    number_format = OxmlElement("c:numFmt")
    number_format.set("formatCode", code)
    number_format.set("sourceLinked", "0")
    dlbl.insert_element_before(number_format, "c:spPr", "c:txPr", "c:dLblPos",
                               "c:showLegendKey", "c:showVal")  # fmt: skip


def _chart_key(page, chart: Chart, left: float, top: float, width: float) -> None:
    """Under a chart: the colours (a series' square, a category's symbol, in colour), the
    target line, and the note on the regencies left off."""
    box = page.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(KEY_HEIGHT))
    frame = box.text_frame
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    for text, color, category in legend_entries(chart):
        mark = paragraph.add_run()
        mark.text = (CATEGORY_SYMBOL[category] if category else "■") + " "
        _style(mark, 12, color=RGBColor.from_string(color.lstrip("#")))
        name = paragraph.add_run()
        name.text = text + "   "
        _style(name, 12)
    if chart.target is not None and chart.target_label:
        line = paragraph.add_run()
        line.text = f"- - {chart.target_label}"
        _style(line, 12)
    if chart.note:
        note = frame.add_paragraph().add_run()
        note.text = chart.note
        _style(note, 12, color=MUTED)


def _label_every_category(axis) -> None:
    """Name every regency: viewers otherwise skip every other label on a crowded axis."""
    element = axis._element
    for old in element.findall("{*}tickLblSkip"):
        element.remove(old)
    skip = parse_xml(f'<c:tickLblSkip {nsdecls("c")} val="1"/>')
    element.insert_element_before(skip, "c:tickMarkSkip", "c:noMultiLvlLbl", "c:extLst")
