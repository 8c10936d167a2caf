"""Province overview tables: the regency table and the headline figures."""

from __future__ import annotations

import pandas as pd

from analytics import formatting as fmt
from analytics.figures.theme import category_text
from analytics.indicators import BODY_ORDER, Indicators
from analytics.labels import BODY_LABEL


def region_table(ind: Indicators) -> pd.DataFrame:
    """One row per regency: readiness, sworn-in rate per body, training, candidacy."""
    table = ind.readiness[["kode_wilayah", "nama", "readiness_index", "category"]].copy()
    sworn = ind.badan.pivot(index="kode_wilayah", columns="badan", values="sworn_in_rate")
    training = ind.training.groupby("kode_wilayah")["training_completion"].mean()
    candidacy = ind.candidacy.set_index("kode_wilayah")
    table = table.set_index("kode_wilayah")
    out = pd.DataFrame(index=table.index)
    out["Kabupaten/Kota"] = table["nama"]
    out["Indeks kesiapan"] = [fmt.number(v, 1) for v in table["readiness_index"]]
    out["Kategori"] = [category_text(c) for c in table["category"]]
    for body in BODY_ORDER:
        out[f"{BODY_LABEL[body]} dilantik"] = [fmt.percent(v) for v in sworn[body]]
    out["Bimtek tuntas"] = [fmt.percent(v) for v in training.reindex(out.index)]
    out["Pencalonan selesai"] = [
        fmt.percent(v) for v in candidacy["candidacy_completion"].reindex(out.index)
    ]
    out["Butir terlambat"] = [fmt.number(v) for v in candidacy["overdue_count"].reindex(out.index)]
    out.index.name = "Kode"
    return out.reset_index()


def province_headline(ind: Indicators) -> list[tuple[str, str]]:
    """(label, value) pairs for the headline metrics of the province."""
    bodies = ind.province["badan"]
    reported = int(ind.readiness["readiness_index"].notna().sum())
    mean_index = ind.readiness["readiness_index"].mean()
    items = [
        ("Kabupaten/kota melapor", f"{reported} dari {len(ind.readiness)}"),
        ("Rata-rata indeks kesiapan", fmt.number(mean_index, 1)),
    ]
    for body in BODY_ORDER:
        rate = bodies.get(body, {}).get("sworn_in_rate")
        items.append((f"{BODY_LABEL[body]} dilantik", fmt.percent(rate, missing="-")))
    items.append(
        (
            "Butir pencalonan terlambat",
            fmt.number(ind.province["pencalonan"]["overdue_count"], missing="-"),
        )
    )
    return items
