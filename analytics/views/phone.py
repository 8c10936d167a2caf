"""What a wide chart or table gives way to on a phone: short lines, one item per line.

A regency x body matrix, a regency x item heatmap or a six-column table cannot be read at
390 px wide: labels overlap or the table scrolls sideways. The pages draw these lines
beside the wide element and show one or the other by screen width (``ui/responsive.py``).
Every value is formatted by ``analytics/formatting.py`` from the same frame the wide
element draws, so the phone and the projector show the same numbers.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pandas as pd

from analytics import categories
from analytics import formatting as fmt
from analytics.config import IndicatorConfig
from analytics.labels import training_label


@dataclass(frozen=True)
class PhoneList:
    """A title, lines to show one per item, and what the lines leave out (None: nothing)."""

    title: str
    lines: tuple[str, ...]
    rest: str | None = None


def training_lines(frame: pd.DataFrame, config: IndicatorConfig) -> PhoneList:
    """The regency x body matrix of due-training completion as lines (``frame`` is
    ``views.training.completion_frame``, the frame the wide matrix draws): each regency
    with a body below the green threshold or not reported, worst first."""
    title = f"{training_label(None)} per badan: yang belum siap"
    due = frame[frame["due_module_count"].fillna(0) > 0]
    if due.empty:
        return PhoneList(title, (), "Belum ada materi bimtek yang jatuh tempo.")
    return _lagging(
        title, due, "training_due_completion", "badan_label", config,
        "semua bimtek yang jatuh tempo",
    )  # fmt: skip


def module_lines(frame: pd.DataFrame, body_label: str, config: IndicatorConfig) -> PhoneList:
    """The regency x module matrix of one body as lines (``frame`` is
    ``views.training.module_frame``): each regency with a module past its deadline below
    the green threshold, its modules worst first."""
    title = f"Penuntasan per materi wajib ({body_label}): yang belum siap"
    due = frame[frame["is_due"].fillna(False).astype(bool)]
    if due.empty:
        return PhoneList(title, (), f"Belum ada materi wajib {body_label} yang jatuh tempo.")
    return _lagging(
        title, due, "completion_rate", "materi", config, "semua materi yang jatuh tempo"
    )


def _lagging(
    title: str, due: pd.DataFrame, value: str, label: str, config: IndicatorConfig, what: str
) -> PhoneList:
    """One line per regency with a due cell that is not "siap": its cells worst first,
    regencies worst first (then by name); the regencies all "siap" counted at the end."""
    lagging = []
    for (_, name), rows in due.groupby(["kode_wilayah", "nama"], sort=False):
        cells = []
        for row in rows.itertuples():
            reported = bool(row.is_reported)
            amount = getattr(row, value) if reported else None
            category = categories.value_category(amount, reported, config)
            if category != "siap":
                rank = -1.0 if amount is None or pd.isna(amount) else float(amount)
                cells.append((rank, category or "belum_dinilai", getattr(row, label), amount))
        if cells:
            cells.sort(key=lambda cell: (cell[0], str(cell[2])))
            lagging.append((cells[0][0], name, cells))
    lagging.sort(key=lambda item: (item[0], item[1]))
    lines = tuple(
        f"{name}: "
        + " · ".join(
            f"{categories.CATEGORY_SYMBOL[category]} {label} {fmt.percent(amount)}"
            for _, category, label, amount in cells
        )
        for _, name, cells in lagging
    )
    others = due["kode_wilayah"].nunique() - len(lagging)
    rest = None
    if others:
        rest = (
            f"{fmt.number(others)} kabupaten/kota lain: {what} "
            f"≥ {fmt.number(config.green)}% ({categories.category_text('siap')})."
        )
    return PhoneList(title, lines, rest)


def table_lines(table: pd.DataFrame, title: str, name: str, fields: list[str]) -> PhoneList:
    """A display table as one line per row: the ``name`` column in front, then each of
    ``fields`` as "column: value" (empty cells left out)."""
    lines = []
    columns = [table[field].tolist() for field in fields]
    for position, label in enumerate(table[name].tolist()):
        parts = [
            str(values[position]) if field in _BARE else f"{field}: {values[position]}"
            for field, values in zip(fields, columns, strict=True)
            if not _blank(values[position])
        ]
        lines.append(f"{label} — {' · '.join(parts)}" if parts else str(label))
    return PhoneList(title, tuple(lines))


# Columns whose values read on their own ("■ Tertinggal · indeks 79,5", "✓ Tepat waktu").
_BARE = frozenset({"Kesiapan", "Kategori", "Pelaporan", "Status"})


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or str(value) == ""


_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def title_html(plotly_title: str | None) -> str | None:
    """A chart's title as safe HTML that wraps on a phone (plotly draws a title on one line,
    cut at the edge of a narrow screen): line breaks kept, other markup dropped, text
    escaped. None when the chart has no title."""
    if not plotly_title:
        return None
    parts = [html.escape(html.unescape(_TAG.sub("", part))) for part in _BREAK.split(plotly_title)]
    parts = [part.strip() for part in parts if part.strip()]
    return "<br>".join(parts) or None
