"""Plain-text renderings of verdicts and history for the command line."""

from __future__ import annotations

import re

import pandas as pd

SEVERITY_LABEL = {"error": "GALAT", "warning": "PERINGATAN"}
# Control characters (C0, DEL, C1): an escape sequence in a cell must not reach a terminal.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f]")


def terminal_text(text: object) -> str:
    """``text`` with every control character written as ``\\xNN``: one line, nothing a
    terminal would act on."""
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


def issues_text(issues: pd.DataFrame) -> str:
    """One line per issue: severity, line, column, value, message (tab separated)."""
    lines = []
    for row in issues.itertuples(index=False):
        line = "-" if pd.isna(row.line) else str(int(row.line))
        value = "" if row.value is None or pd.isna(row.value) else str(row.value)
        lines.append(
            f"{SEVERITY_LABEL[row.severity]}\tbaris {line}\tkolom {terminal_text(row.column)}\t"
            f"nilai '{terminal_text(value)}'\t{terminal_text(row.message)}"
        )
    return "\n".join(lines)


def history_text(history: pd.DataFrame) -> str:
    """The version history as a tab-separated table with Indonesian headers."""
    header = "versi\tdataset\twilayah\tdata_per\tbaris\tperingatan\toleh\twaktu\tsha256\tstatus"
    lines = [header]
    for row in history.itertuples(index=False):
        status = "aktif" if pd.isna(row.withdrawn_at) else f"ditarik {row.withdrawn_at:%Y-%m-%d}"
        lines.append(
            f"{row.version_id}\t{row.dataset}\t{row.kode_wilayah}\t{row.as_of:%Y-%m-%d}\t"
            f"{row.row_count}\t{row.warning_count}\t{row.uploaded_by}\t"
            f"{row.uploaded_at:%Y-%m-%d %H:%M:%S}\t{row.sha256[:12]}\t{status}"
        )
    return "\n".join(lines)
