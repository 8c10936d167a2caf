"""AppTest: the early warning on Ringkasan, Profil and Mode Rapat.

Fixture: Kota Magelang's checklist on four Fridays (tests/test_risk.py's history), Kota
Salatiga's once. With the shipped settings ([risk] in data/indikator.toml: 14 days of no
progress for an item) on 16 August 2024 only Kota Magelang is at risk; its most urgent
flags are PC05 (proses, no progress) then PC07 (belum), due 20 August.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analytics import risk
from analytics.storage import Database
from tests.test_risk import FRIDAYS, checklist
from tests.ui.support import app, texts

AS_OF = dt.date(2024, 8, 16)
QUERY = {"tanggal": AS_OF.isoformat()}
PLAN = {
    "PC01": ["belum"] * 4,
    "PC02": ["proses", "proses", "selesai:2024-08-05", "selesai:2024-08-05"],
    "PC03": ["belum", "belum", "proses", "proses"],
    "PC04": ["belum", "belum", "belum", "proses"],
    "PC05": ["proses"] * 4,
    "PC07": ["belum"] * 4,
    "PC08": ["belum"] * 4,
}


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("risk_pages") / "siaga.duckdb"
    db = Database(path)
    for i, week in enumerate(FRIDAYS):
        checklist(db, "33.71", week, {item: states[i] for item, states in PLAN.items()})
    checklist(db, "33.73", FRIDAYS[-1], {"PC05": "belum"})  # one point: never flagged
    return path


@pytest.fixture(scope="module")
def flags(db_path):
    return risk.flags(Database(db_path), AS_OF)


def test_fixture_flags(flags):
    assert {f.kode_wilayah for f in flags} == {"33.71"}
    assert [f.komponen for f in flags[:2]] == ["item:PC05", "item:PC07"]


def test_ringkasan_counts_regencies_at_risk_and_lists_them(db_path, flags):
    at = app(db_path, query=QUERY)
    assert not at.exception
    metric = next(m for m in at.metric if m.label == "Berisiko terlambat")
    assert metric.value == "1"
    page = texts(at).replace("\\", "")  # markdown escapes dropped
    assert f"1 kabupaten/kota, {len(flags)} komponen; terbanyak PC05 (1 kab/kota), PC07 (1)" in page
    table = next(
        f.value for f in at.dataframe if list(f.value.columns)[:2] == ["Kabupaten/Kota", "Komponen"]
    )
    assert len(table) == min(len(flags), 8)
    assert list(table.iloc[0]) == [
        "Kota Magelang", "PC05 Help desk pencalonan dibuka", "proses", "20 Agustus 2024",
        "tidak ada kemajuan", "-",
    ]  # fmt: skip
    # The phone version of the same list (shown below 640 px by CSS).
    assert "Kota Magelang — PC05: proses · batas 20 Agustus 2024 · tidak ada kemajuan" in page


def test_ringkasan_when_nothing_is_at_risk(db_path):
    at = app(db_path, query={"tanggal": "2024-08-02"})  # two points only
    assert not at.exception
    metric = next(m for m in at.metric if m.label == "Berisiko terlambat")
    assert metric.value == "0"
    # Neutral, not a green "all fine": a history too short to project says nothing either.
    assert [s.value for s in at.info if "diperkirakan terlambat" in s.value] == [
        "Tidak ada komponen yang diperkirakan terlambat per 2 Agustus 2024."
    ]
    assert not [s.value for s in at.success if "diperkirakan terlambat" in s.value]


def test_profil_lists_the_regency_flags_and_draws_the_projection(db_path, flags):
    at = app(db_path, page="profil", query={**QUERY, "wilayah": "33.71"})
    assert not at.exception
    table = next(f.value for f in at.dataframe if "Perkiraan selesai" in f.value.columns)
    assert list(table.columns)[0] == "Komponen"  # the regency's own: no region column
    assert list(table["Komponen"]) == [f.label for f in flags]
    box = next(s for s in at.selectbox if s.label == "Proyeksi komponen")
    # The first flag with a projected range (PC04), not a flat "no progress" line.
    assert box.value == "item:PC04"
    assert next(f.komponen for f in flags if f.hari_terlambat is not None) == "item:PC04"
    charts = at.get("plotly_chart")
    projection = [c.proto.spec for c in charts if "Batas waktu 20 Agustus 2024" in c.proto.spec]
    assert len(projection) == 1 and "Perkiraan (laju tercepat)" in projection[0]


def test_profil_of_a_regency_without_flags(db_path):
    at = app(db_path, page="profil", query={**QUERY, "wilayah": "33.73"})
    assert not at.exception
    assert "Tidak ada komponen Kota Salatiga yang diperkirakan terlambat per 16 Agustus 2024." in (
        texts(at)
    )


def test_mode_rapat_has_the_slide(db_path):
    at = app(db_path, page="mode_rapat", query={**QUERY, "slide": "1"})
    assert not at.exception
    titles = []
    count = int(
        next(m.value for m in at.markdown if m.value.startswith("**Slide ")).split()[3][:-2]
    )
    for _ in range(count):
        titles.append(next(m.value for m in at.markdown if m.value.startswith("**Slide ")))
        at.button(key="mr_next").click().run()
    assert any("Berisiko terlambat" in t for t in titles)
