"""Reference data shipped as editable CSV in data/reference/: regencies, calendar, checklist."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pandas as pd

from analytics.schema import BODIES

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "data" / "reference"

# file name -> table name in the database
REFERENCE_FILES: dict[str, str] = {
    "wilayah.csv": "ref_wilayah",
    "wilayah_administrasi.csv": "ref_wilayah_administrasi",
    "badan.csv": "ref_badan",
    "jadwal.csv": "ref_jadwal",
    "checklist_pencalonan.csv": "ref_checklist",
    "materi_bimtek.csv": "ref_materi",
    "materi_wajib.csv": "ref_materi_wajib",
}

_INT_COLUMNS = {"jumlah_kecamatan", "jumlah_desa_kelurahan", "jumlah_tps"}
_FLOAT_COLUMNS = {"lintang", "bujur"}
_DATE_COLUMNS = {"tanggal_mulai", "tanggal_selesai", "batas_waktu", "tanggal_pelantikan"}


def read_reference(file_name: str, directory: Path = REFERENCE_DIR) -> pd.DataFrame:
    """One reference file, typed (codes stay text)."""
    frame = pd.read_csv(directory / file_name, dtype=str, keep_default_na=False)
    for col in frame.columns:
        if col in _INT_COLUMNS:
            frame[col] = frame[col].astype("int64")
        elif col in _FLOAT_COLUMNS:
            frame[col] = frame[col].astype("float64")
        elif col in _DATE_COLUMNS:
            frame[col] = pd.to_datetime(frame[col], format="%Y-%m-%d").dt.date
        else:
            frame[col] = frame[col].replace("", None)
    return frame


@functools.cache
def regions() -> pd.DataFrame:
    return read_reference("wilayah.csv")


def region_names() -> dict[str, str]:
    """Regency code -> name, in code order (data/reference/wilayah.csv)."""
    frame = regions()
    return dict(zip(frame["kode_wilayah"], frame["nama"], strict=True))


@functools.cache
def administrative_units() -> pd.DataFrame:
    """Every official unit of Jawa Tengah: kode, nama, tingkat (provinsi, kabupaten_kota,
    kecamatan, desa_kelurahan), kode_induk, jenis (Kepmendagri 100.1.1-6117/2022, see
    data/reference/README.md)."""
    return read_reference("wilayah_administrasi.csv")


@functools.cache
def modules() -> pd.DataFrame:
    return read_reference("materi_bimtek.csv")


@functools.cache
def checklist() -> pd.DataFrame:
    return read_reference("checklist_pencalonan.csv")


def region_spellings(codes: list[str], names: list[str]) -> dict[str, str]:
    """Accepted spellings of each regency (lower case) -> canonical code ``33.01``.

    Accepts 33.01, 3301, 33,01 (a code turned into a decimal by Excel), 33-01, 33 01,
    33.1 (Excel dropped the trailing zero of 33.10) and the full name ("Kabupaten Cilacap",
    "Kab. Cilacap", "Kota Semarang").
    """
    spellings: dict[str, str] = {}
    for code, name in zip(codes, names, strict=True):
        prov, _, reg = code.partition(".")
        for sep in (".", "", ",", "-", " ", "_"):
            spellings[f"{prov}{sep}{reg}"] = code
        if reg.endswith("0"):
            spellings[f"{prov}.{reg[0]}"] = code
            spellings[f"{prov},{reg[0]}"] = code
        lowered = re.sub(r"\s+", " ", name.lower()).strip()
        spellings[lowered] = code
        if lowered.startswith("kabupaten "):
            rest = lowered.removeprefix("kabupaten ")
            spellings[f"kab. {rest}"] = code
            spellings[f"kab {rest}"] = code
    return spellings


def body_spellings() -> dict[str, str]:
    return {spelling: body for body, names in BODIES.items() for spelling in names}


def module_spellings() -> dict[str, str]:
    """Module code or name (lower case) -> module code; also M1 for M01."""
    frame = modules()
    out: dict[str, str] = {}
    for code, name in zip(frame["kode_materi"], frame["nama_materi"], strict=True):
        out[code.lower()] = code
        out[re.sub(r"\s+", " ", name.lower()).strip()] = code
        match = re.fullmatch(r"([a-z]+)0*(\d+)", code.lower())
        if match:
            out[f"{match.group(1)}{match.group(2)}"] = code
    return out


def item_spellings() -> dict[str, str]:
    """Checklist item code spellings (pc01, pc1, pc-01, pc 01) -> item code."""
    out: dict[str, str] = {}
    for code in checklist()["kode_item"]:
        match = re.fullmatch(r"([A-Za-z]+)0*(\d+)", code)
        prefix, number = (match.group(1).lower(), match.group(2)) if match else (code.lower(), "")
        for sep in ("", "-", " ", ".", "_"):
            out[f"{prefix}{sep}{number.zfill(2)}"] = code
            out[f"{prefix}{sep}{number}"] = code
        out[code.lower()] = code
    return out
