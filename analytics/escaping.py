"""Text typed by people stays text wherever SIAGA shows or writes it: in plotly figures
(no markup), in spreadsheets (no formulas) and in workbooks (only characters XML allows)."""

from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# plotly.js reads a subset of HTML in every text it draws (hover text, labels, tick labels,
# titles, legend names): <a href>, <span style>, <b>, <br>... It decodes exactly these
# three entities back to their characters (and numeric ones), so escaped text is shown as
# typed; it would show &quot; literally, so quotes are left alone.
PLOTLY_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# What a spreadsheet may read as the start of a formula (=HYPERLINK(...), +cmd, -2+3, @SUM).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def plotly_text(value) -> str:
    """``value`` as text plotly shows as typed: '<a href=x>' -> '&lt;a href=x&gt;'. Use it
    on every piece of data placed in a figure; SIAGA's own markup (<b>, <br>) goes around
    it."""
    text = str(value)
    if not any(char in text for char in PLOTLY_ENTITIES):
        return text
    return "".join(PLOTLY_ENTITIES.get(char, char) for char in text)


def plotly_columns(frame, *columns: str):
    """``frame`` with the text of ``columns`` passed through ``plotly_text`` (missing values
    stay missing): what a figure function does first with the data it is given."""
    return frame.assign(
        **{
            column: frame[column].map(lambda v: plotly_text(v) if isinstance(v, str) else v)
            for column in columns
            if column in frame.columns
        }
    )


def is_formula_like(text: str) -> bool:
    """Whether Excel (or another spreadsheet) could read ``text`` as a formula."""
    return text.startswith(FORMULA_TRIGGERS)


def spreadsheet_text(value):
    """A cell of a CSV meant for Excel: formula-like text gets a leading apostrophe (shown
    as typed, never run); anything else, and a lone '-' (no formula), is unchanged."""
    if isinstance(value, str) and len(value) > 1 and is_formula_like(value):
        return "'" + value
    return value


def workbook_text(text: str) -> str:
    """``text`` with the control characters a workbook cannot hold (vertical tab from
    Shift+Enter in Word, form feed...) turned into spaces, as an upload turns them."""
    return ILLEGAL_CHARACTERS_RE.sub(" ", text)
