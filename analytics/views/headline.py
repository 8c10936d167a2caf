"""The headline of the Ringkasan page: the province's readiness figures and bodies on the
as-of date, each with its change since the previous week (formatted, Indonesian)."""

from __future__ import annotations

from dataclasses import dataclass

from analytics import formatting as fmt
from analytics.categories import category_text
from analytics.config import IndicatorConfig, load_config
from analytics.indicators import BODY_ORDER, Indicators
from analytics.labels import BODY_LABEL, training_label
from analytics.views.ranking import is_missing


@dataclass(frozen=True)
class Headline:
    """One headline metric: value and change since the previous week, both formatted."""

    label: str
    value: str
    delta: str | None = None  # '+1,2 poin'; None when there is nothing to compare
    delta_color: str = "normal"  # 'inverse' when a rise is bad (overdue items, tertinggal)
    delta_arrow: str = "auto"  # 'off' for no change
    help: str | None = None


def province_headline(ind: Indicators) -> list[tuple[str, str]]:
    """(label, value) pairs for the headline metrics of the province."""
    return [(h.label, h.value) for h in headline(ind)]


def _signed(value: float, decimals: int, unit: str = "") -> str:
    text = fmt.number(abs(value), decimals)
    sign = "-" if round(value, decimals) < 0 else "+"
    return f"{sign}{text}{unit}"


def _change(
    now, before, decimals: int = 0, unit: str = "", scale: float = 1.0, inverse: bool = False
) -> dict:
    """delta/delta_color/delta_arrow for Headline, or {} when either value is missing."""
    if is_missing(now) or is_missing(before):
        return {}
    # The change between the numbers as shown, so the arithmetic on screen adds up.
    diff = round(float(now) * scale, decimals) - round(float(before) * scale, decimals)
    color = "inverse" if inverse else "normal"
    if round(diff, decimals) == 0:
        return {"delta": f"{fmt.number(0, decimals)}{unit}", "delta_color": "off",
                "delta_arrow": "off"}  # fmt: skip
    return {"delta": _signed(diff, decimals, unit), "delta_color": color}


def _readiness_numbers(ind: Indicators) -> dict:
    readiness = ind.readiness
    counts = readiness["category"].value_counts()
    return {
        "reported": int(readiness["readiness_index"].notna().sum()),
        "mean": readiness["readiness_index"].mean(),
        "tertinggal": int(counts.get("tertinggal", 0)),
        "perlu_perhatian": int(counts.get("perlu_perhatian", 0)),
    }


def _body_value(province: dict, body: str, key: str, group: str = "badan"):
    return province.get(group, {}).get(body, {}).get(key)


def _body_missing_text(province: dict, body: str) -> str:
    """'belum lapor' when no regency reported the body; 'belum dibentuk' when none formed."""
    entry = province.get("badan", {}).get(body) or {}
    if entry.get("regions_reported_count") and not entry.get("kebutuhan"):
        return "belum dibentuk"
    return fmt.NOT_REPORTED


def headline(
    ind: Indicators,
    previous: Indicators | None = None,
    body: str | None = None,
    config: IndicatorConfig | None = None,
) -> list[Headline]:
    """Headline metrics of the province as of ``ind.as_of``, with the change since
    ``previous`` (usually a week earlier): five readiness figures, then the bodies (or,
    with ``body``, five figures of that body)."""
    config = config or load_config()
    green, amber = fmt.number(config.green), fmt.number(config.amber)
    now = _readiness_numbers(ind)
    before = _readiness_numbers(previous) if previous is not None else {}
    prov, prev_prov = ind.province, previous.province if previous is not None else {}
    total = len(ind.readiness)
    items = [
        Headline(
            "Kabupaten/kota melapor",
            f"{now['reported']} dari {total}",
            **_change(now["reported"], before.get("reported")),
        ),
        Headline(
            "Indeks rata-rata",
            fmt.number(now["mean"], 1, missing="-"),
            **_change(now["mean"], before.get("mean"), 1, " poin"),
            help="Rata-rata indeks kesiapan (0–100) kabupaten/kota yang sudah melapor.",
        ),
        Headline(
            category_text("tertinggal"),
            fmt.number(now["tertinggal"]),
            **_change(now["tertinggal"], before.get("tertinggal"), inverse=True),
            help=f"Kabupaten/kota dengan indeks kesiapan di bawah {amber}, atau dengan satu "
            f"komponen yang sudah jatuh tempo di bawah {amber}% (komponen yang belum "
            "dilaporkan dihitung 0%).",
        ),
        Headline(
            category_text("perlu_perhatian"),
            fmt.number(now["perlu_perhatian"]),
            **_change(now["perlu_perhatian"], before.get("perlu_perhatian"), inverse=True),
            help=f"Kabupaten/kota yang tidak tertinggal, tetapi indeksnya atau satu komponen "
            f"yang jatuh tempo di bawah {green}, atau ada butir pencalonan yang terlambat.",
        ),
    ]
    overdue = prov["pencalonan"].get("overdue_count")
    items.append(
        Headline(
            "Butir terlambat",
            fmt.number(overdue, missing="-"),
            **_change(overdue, prev_prov.get("pencalonan", {}).get("overdue_count"), inverse=True),
            help="Butir persiapan pencalonan yang lewat batas waktu dan belum selesai "
            "(jumlah seluruh kabupaten/kota).",
        )
    )
    if body is None:
        for each in BODY_ORDER:
            label = f"{BODY_LABEL[each]} dilantik"
            items.append(_rate_headline(prov, prev_prov, each, "sworn_in_rate", label))
        return items
    label = BODY_LABEL[body]
    items += [
        _rate_headline(prov, prev_prov, body, "fill_rate", f"{label} terisi"),
        _rate_headline(prov, prev_prov, body, "sworn_in_rate", f"{label} dilantik"),
        _rate_headline(prov, prev_prov, body, "women_share", f"Perempuan di {label}", neutral=True),
        _rate_headline(
            prov, prev_prov, body, "training_due_completion", training_label(body), group="bimtek"
        ),
    ]
    ratio = _body_value(prov, body, "applicant_ratio")
    change = _change(ratio, _body_value(prev_prov, body, "applicant_ratio"), 2)
    items.append(
        Headline(
            f"Pendaftar per kursi {label}",
            *_value_or_dash(fmt.ratio(ratio), ratio, _body_missing_text(prov, body), change),
        )
    )
    return items


# Headline figures side by side that stay whole at 1280 px with the sidebar open: four
# readiness figures ("35 dari 35" in large type), then up to five short labels in a row,
# or three when a label is long ("Bimtek Pantarlih (jatuh tempo)").
FIRST_ROW = 4
SHORT_LABEL = 18


def headline_rows(items: list[Headline]) -> list[list[Headline]]:
    """``headline`` split into rows whose labels and values are never cut."""
    rows, rest = [items[:FIRST_ROW]], items[FIRST_ROW:]
    per_row = 5 if all(len(h.label) <= SHORT_LABEL for h in rest) else 3
    rows += [rest[i : i + per_row] for i in range(0, len(rest), per_row)]
    return [row for row in rows if row]


def _value_or_dash(text: str, value, missing: str, change: dict) -> tuple:
    """(value, delta, delta_color, delta_arrow): a dash with the reason as a grey note when
    the value is missing (the reason is too long for the big number on a projector)."""
    if is_missing(value):
        return "–", missing, "off", "off"
    return (
        text,
        change.get("delta"),
        change.get("delta_color", "normal"),
        change.get("delta_arrow", "auto"),
    )


def _rate_headline(
    prov: dict,
    prev_prov: dict,
    body: str,
    key: str,
    label: str,
    group: str = "badan",
    neutral: bool = False,
) -> Headline:
    missing = _body_missing_text(prov, body)
    # A rate over zero seats (nothing formed yet) is shown as "belum dibentuk", not 0%.
    value = None if missing == "belum dibentuk" else _body_value(prov, body, key, group)
    change = _change(value, _body_value(prev_prov, body, key, group), 1, " poin", 100)
    if neutral and change.get("delta_color") in ("normal", "inverse"):
        change["delta_color"] = "off"
    return Headline(label, *_value_or_dash(fmt.percent(value), value, missing, change))
