"""Early-warning flags (analytics/risk.py) as the pages and the deck show them: a count of
the regencies at risk and on what, and one row (or one phone line) per flag.

Every text here is built from ``risk.RiskFlag`` fields through ``analytics/formatting.py``;
the flags arrive already sorted most urgent first and keep that order.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from analytics import formatting as fmt
from analytics.labels import BODY_LABEL
from analytics.risk import NO_PROGRESS, RiskFlag, date_range
from analytics.tile_map import short_name
from analytics.views.phone import PhoneList

TITLE = "Berisiko terlambat"
NO_PROGRESS_TEXT = "tidak ada kemajuan"
TOP_COMPONENTS = 3  # components named beside the count
LIST_ROWS = 8  # rows of the Ringkasan list before "Tampilkan semua"
COLUMNS = [
    "Kabupaten/Kota",
    "Komponen",
    "Capaian kini",
    "Batas waktu",
    "Perkiraan selesai",
    "Hari terlambat",
]
METHOD_NOTE = (
    "Perkiraan dari tren 4 pekan terakhir: rentang perkiraan selesai = laju pekanan "
    "tercepat sampai laju rata-rata. Yang sudah lewat batas waktu tidak termasuk (itu "
    "terlambat, bukan perkiraan)."
)


def component_short(flag: RiskFlag) -> str:
    """'PC04', 'Bimtek PPS M03', 'Pembentukan PPS': a component named in a few characters."""
    kind, _, rest = flag.komponen.partition(":")
    if kind == "item":
        return rest
    if kind == "bimtek":
        body, _, module = rest.partition(":")
        return f"Bimtek {BODY_LABEL.get(body, body)} {module}"
    return flag.label


def finish_text(flag: RiskFlag) -> str:
    """The projected range: '23 Agustus – 6 September 2024', 'paling cepat 3 September
    2024' (the late end beyond the horizon), or 'tidak ada kemajuan'."""
    if flag.alasan == NO_PROGRESS or flag.proyeksi_awal is None:
        return NO_PROGRESS_TEXT
    if flag.proyeksi_akhir is None:
        return f"paling cepat {fmt.date(flag.proyeksi_awal)}"
    return date_range(flag.proyeksi_awal, flag.proyeksi_akhir)


def late_text(flag: RiskFlag) -> str:
    """Days late: '3–17', '5', 'sedikitnya 5'; '-' without a projection."""
    if flag.hari_terlambat is None:
        return "-"
    if flag.proyeksi_akhir is None:
        return f"sedikitnya {fmt.number(flag.hari_terlambat)}"
    last = (flag.proyeksi_akhir - flag.batas_waktu).days
    if last == flag.hari_terlambat:
        return fmt.number(last)
    return f"{fmt.number(flag.hari_terlambat)}–{fmt.number(last)}"


@dataclass(frozen=True)
class RiskSummary:
    """How many regencies are at risk, on how many components, and the components most
    often at risk (short name, regencies)."""

    region_count: int
    flag_count: int
    top: tuple[tuple[str, int], ...]

    @property
    def value(self) -> str:
        """The metric's figure: regencies (the label says what they are)."""
        return fmt.number(self.region_count)

    @property
    def text(self) -> str:
        """'3 kabupaten/kota, 12 komponen; terbanyak PC04 (7 kab/kota), PC07 (4), PC05 (3)'."""
        if not self.flag_count:
            return "Tidak ada komponen yang diperkirakan terlambat."
        parts = [
            f"{name} ({fmt.number(n)} kab/kota)" if i == 0 else f"{name} ({fmt.number(n)})"
            for i, (name, n) in enumerate(self.top)
        ]
        head = f"{fmt.number(self.region_count)} kabupaten/kota, {fmt.number(self.flag_count)}"
        return f"{head} komponen; terbanyak " + ", ".join(parts)


def summary(flags: Sequence[RiskFlag]) -> RiskSummary:
    """The count behind the metric 'Berisiko terlambat' (ties broken by the most urgent)."""
    regions = {f.kode_wilayah for f in flags}
    per_component: Counter[str] = Counter()
    for f in flags:  # most urgent first: Counter keeps first-seen order among ties
        per_component[component_short(f)] += 1
    return RiskSummary(len(regions), len(flags), tuple(per_component.most_common(TOP_COMPONENTS)))


def flag_table(flags: Sequence[RiskFlag], with_region: bool = True) -> pd.DataFrame:
    """One display row per flag, most urgent first (the order of ``flags``)."""
    rows = [
        {
            "Kabupaten/Kota": short_name(f.nama_wilayah),
            "Komponen": f.label,
            "Capaian kini": f.capaian_teks(),
            "Batas waktu": fmt.date(f.batas_waktu),
            "Perkiraan selesai": finish_text(f),
            "Hari terlambat": late_text(f),
        }
        for f in flags
    ]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame if with_region else frame.drop(columns="Kabupaten/Kota")


def phone_lines(flags: Sequence[RiskFlag], with_region: bool = True) -> PhoneList:
    """The list on a phone: 'Purbalingga — PC04: proses · batas 20 Agustus 2024 ·
    selesai 23 Agustus – 6 September 2024 (3–17 hari terlambat)'."""
    lines = []
    for f in flags:
        head = f"{short_name(f.nama_wilayah)} — " if with_region else ""
        tail = (
            NO_PROGRESS_TEXT
            if f.hari_terlambat is None
            else f"selesai {finish_text(f)} ({late_text(f)} hari terlambat)"
        )
        lines.append(
            f"{head}{component_short(f)}: {f.capaian_teks()} · batas {fmt.date(f.batas_waktu)} "
            f"· {tail}"
        )
    return PhoneList("", tuple(lines))


def first_projected(flags: Sequence[RiskFlag]) -> int:
    """Index of the first flag with a projected range (the chart worth drawing first), 0
    when every flag is 'no progress'."""
    return next((i for i, f in enumerate(flags) if f.hari_terlambat is not None), 0)


def region_flags(flags: Sequence[RiskFlag], region: str) -> list[RiskFlag]:
    return [f for f in flags if f.kode_wilayah == region]


def none_text(as_of: dt.date, name: str | None = None) -> str:
    scope = f" {name}" if name else ""
    return f"Tidak ada komponen{scope} yang diperkirakan terlambat per {fmt.date(as_of)}."
