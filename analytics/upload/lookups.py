"""Lookup columns: every accepted spelling of a regency, body, module, item or choice, and its canonical value."""

from __future__ import annotations

import functools
import re

import duckdb
import pandas as pd

from analytics import reference
from analytics.contract import BODY, CHOICE, ITEM, MODULE, REGION, Column
from analytics.schema import DATASETS


def norm_sql(expr: str) -> str:
    """Spelling normalisation shared by every lookup: lower case, runs of space/_ -> one space."""
    return f"lower(regexp_replace({expr}, '[\\s_]+', ' ', 'g'))"


def norm_py(text: str) -> str:
    return re.sub(r"[\s_]+", " ", text.lower()).strip()


def create_table(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    con.register("_siaga_frame", frame)
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT * FROM _siaga_frame")
    finally:
        con.unregister("_siaga_frame")


def lookup_kind(col: Column) -> str | None:
    """Which part of the lookup table types a column (None: not a lookup column)."""
    return {REGION: "region", BODY: "body", MODULE: "module", ITEM: "item"}.get(
        col.kind, f"choice:{col.name}" if col.kind == CHOICE else None
    )


@functools.cache
def lookup_frame() -> pd.DataFrame:
    """Every accepted spelling (normalised) -> canonical value, for every lookup column:
    columns kind, spelling, value. Built once per process from the reference data."""
    parts: dict[str, dict[str, str]] = {
        "region": region_spellings(),
        "body": reference.body_spellings(),
        "module": reference.module_spellings(),
        "item": reference.item_spellings(),
    }
    for dataset in DATASETS.values():
        for col in dataset.columns:
            if col.kind == CHOICE:
                parts[f"choice:{col.name}"] = {
                    s: value for value, names in col.choices.items() for s in (value, *names)
                }
    frames = [
        pd.DataFrame(
            {
                "kind": kind,
                "spelling": [norm_py(s) for s in spellings],
                "value": list(spellings.values()),
            }
        )
        for kind, spellings in parts.items()
    ]
    return pd.concat(frames).drop_duplicates(["kind", "spelling"]).reset_index(drop=True)


@functools.cache
def reference_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The regencies (counts of kecamatan and desa) and the standard seats per body."""
    regions = reference.regions()[
        ["kode_wilayah", "nama", "jumlah_kecamatan", "jumlah_desa_kelurahan"]
    ]
    bodies = reference.read_reference("badan.csv")
    standard = pd.DataFrame(
        {
            "badan": bodies["badan"],
            "label": bodies["anggota_standar"].str.replace("|", " atau "),
            "standard": [[int(x) for x in s.split("|")] for s in bodies["anggota_standar"]],
        }
    )
    return regions, standard


def region_spellings() -> dict[str, str]:
    """Accepted spellings of each regency -> code: the reference spellings, plus the satker
    name ("KPU Kota Magelang") and the bare name where it is unique ("Cilacap", but not
    "Magelang", which is both a kabupaten and a kota)."""
    regions = reference.regions()
    spellings = reference.region_spellings(list(regions["kode_wilayah"]), list(regions["nama"]))
    bare: dict[str, list[str]] = {}
    for code, name in zip(regions["kode_wilayah"], regions["nama"], strict=True):
        lowered = norm_py(name)
        spellings.setdefault(f"kpu {lowered}", code)
        short = re.sub(r"^(kabupaten|kota)\s+", "", lowered)
        bare.setdefault(short, []).append(code)
    for short, codes in bare.items():
        if len(codes) == 1:
            spellings.setdefault(short, codes[0])
    return spellings


@functools.cache
def _spellings(kind: str) -> dict[str, str]:
    """Normalised spelling -> canonical value, for one kind of lookup column."""
    frame = lookup_frame()
    frame = frame[frame["kind"] == kind]
    return dict(zip(frame["spelling"], frame["value"], strict=True))


def respell(text: str, kind: str) -> str | None:
    """The known value inside a longer spelling, as dropdowns and full names write it:
    "M01 - Orientasi tugas", "Panitia Pemilihan Kecamatan (PPK)", "Daring (Zoom)". Only
    when exactly one known value comes out of its parts (a code and a name that disagree
    give none); never for a status."""
    if kind == "choice:status":
        return None  # "Selesai (sebagian)" is not done: a status with a qualifier stays unknown
    parts = {
        part for sep in (" - ", " – ", " — ", ": ") if sep in text for part in text.split(sep, 1)
    }
    for inside in re.findall(r"\(([^()]*)\)", text):
        parts.add(inside)
    parts.add(re.sub(r"\s*\([^()]*\)", "", text))
    spellings = _spellings(kind)
    values = {spellings.get(norm_py(part)) for part in parts} - {None}
    return values.pop() if len(values) == 1 else None
