"""Tests of the deterministic demo data generator."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

from analytics import demo

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "data" / "reference"
SWORN = {
    "PPK": dt.date(2024, 5, 16),
    "PPS": dt.date(2024, 5, 26),
    "PANTARLIH": dt.date(2024, 6, 24),
    "KPPS": dt.date(2024, 11, 7),
}
INT_COLUMNS = {
    "badan_adhoc": ["kebutuhan", "pendaftar", "terisi", "dilantik", "perempuan", "pengganti"],
    "bimtek": ["peserta_target", "peserta_hadir", "peserta_tuntas"],
    "persiapan_pencalonan": [],
}


@pytest.fixture(scope="module")
def wilayah() -> pd.DataFrame:
    df = pd.read_csv(REFERENCE / "wilayah.csv", dtype=str)
    for col in ("jumlah_kecamatan", "jumlah_desa_kelurahan", "jumlah_tps"):
        df[col] = df[col].astype(int)
    return df.set_index("kode_wilayah")


@pytest.fixture(scope="module")
def uploads() -> list[demo.DemoUpload]:
    return list(demo.generate())


@pytest.fixture(scope="module")
def latest(uploads) -> dict[tuple[str, str], demo.DemoUpload]:
    out = {}
    for u in uploads:
        out[(u.dataset, u.region)] = u
    return out


def _final(uploads, dataset: str) -> list[demo.DemoUpload]:
    return [u for u in uploads if u.dataset == dataset and u.as_of == demo.DEMO_WEEKS[-1]]


def test_demo_weeks_are_fridays_from_april_to_november():
    weeks = demo.DEMO_WEEKS
    assert weeks[0] == dt.date(2024, 4, 26) and weeks[-1] == dt.date(2024, 11, 29)
    assert all(w.weekday() == 4 for w in weeks)
    assert all((b - a).days == 7 for a, b in zip(weeks, weeks[1:], strict=False))


def test_generation_is_deterministic(uploads):
    again = list(demo.generate())
    assert len(again) == len(uploads)
    for a, b in zip(uploads, again, strict=True):
        assert (a.dataset, a.region, a.as_of) == (b.dataset, b.region, b.as_of)
        assert a.frame.equals(b.frame)


def test_another_seed_gives_other_numbers(uploads):
    other = next(u for u in demo.generate(seed=7) if u.dataset == "badan_adhoc")
    first = next(u for u in uploads if u.dataset == "badan_adhoc")
    assert not (first.frame.equals(other.frame) and first.region == other.region), (
        "seed has no effect"
    )


def test_uploads_are_chronological_and_unique(uploads):
    dates = [u.as_of for u in uploads]
    assert dates == sorted(dates)
    keys = [(u.dataset, u.region, u.as_of) for u in uploads]
    assert len(keys) == len(set(keys))
    assert set(dates) <= set(demo.DEMO_WEEKS)


def test_every_frame_has_contract_columns_and_types(uploads):
    for u in uploads:
        f = u.frame
        assert tuple(f.columns) == demo.COLUMNS[u.dataset], u.dataset
        assert len(f) > 0
        assert (f["kode_wilayah"] == u.region).all()
        for col in INT_COLUMNS[u.dataset]:
            assert f[col].dtype == "int64", (u.dataset, col)
            assert (f[col] >= 0).all(), (u.dataset, col)


def test_badan_adhoc_invariants_hold_on_every_frame(uploads):
    frames = [u for u in uploads if u.dataset == "badan_adhoc"]
    f = pd.concat(
        [u.frame.assign(as_of=u.as_of, upload=i) for i, u in enumerate(frames)],
        ignore_index=True,
    )
    assert (f["dilantik"] <= f["terisi"]).all()
    assert (f["terisi"] <= f["kebutuhan"]).all()
    assert (f["perempuan"] <= f["terisi"]).all()
    assert (f["terisi"] <= f["pendaftar"]).all()
    standard = {"PPK": {5}, "PPS": {3}, "PANTARLIH": {1, 2}, "KPPS": {7}}
    for badan, group in f.groupby("badan"):
        assert set(group["kebutuhan"].unique()) <= standard[badan]
    # sworn-in count: zero before the swearing-in date, near-complete from it on
    per_body = f.groupby(["upload", "badan", "as_of"], as_index=False)[["terisi", "dilantik"]].sum()
    before = per_body["as_of"] < per_body["badan"].map(SWORN)
    assert (per_body.loc[before, "dilantik"] == 0).all()
    after = per_body[~before]
    assert (after["dilantik"] >= 0.95 * after["terisi"]).all()
    assert not f.duplicated(["upload", "badan", "kecamatan", "desa_kelurahan", "tps"]).any()
    ppk, pps = f[f["badan"] == "PPK"], f[f["badan"] == "PPS"]
    assert ppk[["desa_kelurahan", "tps"]].isna().all().all()
    assert pps["tps"].isna().all() and pps["desa_kelurahan"].notna().all()
    tps_rows = f[f["badan"].isin(["PANTARLIH", "KPPS"])]
    assert tps_rows[["desa_kelurahan", "tps"]].notna().all().all()


def test_bodies_appear_in_calendar_order(uploads):
    first_seen: dict[str, dt.date] = {}
    for u in uploads:
        if u.dataset == "badan_adhoc":
            for badan in u.frame["badan"].unique():
                first_seen.setdefault(badan, u.as_of)
    assert first_seen["PPK"] <= dt.date(2024, 5, 3)
    assert dt.date(2024, 5, 3) <= first_seen["PPS"] <= dt.date(2024, 5, 17)
    assert dt.date(2024, 6, 7) <= first_seen["PANTARLIH"] <= dt.date(2024, 6, 21)
    assert dt.date(2024, 9, 13) <= first_seen["KPPS"] <= dt.date(2024, 10, 4)


def test_unit_counts_match_reference(latest, uploads, wilayah):
    for code, row in wilayah.iterrows():
        f = latest[("badan_adhoc", code)].frame
        counts = f["badan"].value_counts()
        assert counts["PPK"] == row["jumlah_kecamatan"], code
        assert counts["PPS"] == row["jumlah_desa_kelurahan"], code
        assert f.loc[f["badan"] == "PPK", "kecamatan"].nunique() == row["jumlah_kecamatan"]
        # every desa has at least one TPS; TPS numbers restart at 001 in each desa
        kpps = f[f["badan"] == "KPPS"]
        assert kpps["desa_kelurahan"].nunique() == row["jumlah_desa_kelurahan"]
        assert (kpps.groupby("desa_kelurahan")["tps"].min() == "001").all()
    final = _final(uploads, "badan_adhoc")
    assert {u.region for u in final} == set(wilayah.index)
    kpps_rows = {u.region: int((u.frame["badan"] == "KPPS").sum()) for u in final}
    assert kpps_rows == wilayah["jumlah_tps"].to_dict()
    assert sum(kpps_rows.values()) == 56_812


def test_pantarlih_needs_two_at_most_tps(uploads):
    final = pd.concat(u.frame for u in _final(uploads, "badan_adhoc"))
    pantarlih = final[final["badan"] == "PANTARLIH"]
    share_two = (pantarlih["kebutuhan"] == 2).mean()
    assert 0.85 < share_two < 0.91
    assert pantarlih["kebutuhan"].sum() == pytest.approx(106_746, rel=0.01)


def test_realistic_imperfections_in_final_week(uploads):
    final = pd.concat(u.frame for u in _final(uploads, "badan_adhoc"))
    by_region = final.groupby("kode_wilayah")[["perempuan", "terisi", "kebutuhan"]].sum()
    women = by_region["perempuan"] / by_region["terisi"]
    assert 1 <= (women < 0.30).sum() <= 2
    assert women.median() > 0.33
    # a few vacancies persist, but the bodies are nearly full
    vacant = final["terisi"] < final["kebutuhan"]
    assert 0 < vacant.mean() < 0.05
    assert final["pengganti"].sum() > 0
    ratio = final["pendaftar"].sum() / final["kebutuhan"].sum()
    assert 1.5 <= ratio <= 3.0


def test_bimtek_invariants_and_timing(uploads):
    required = pd.read_csv(REFERENCE / "materi_wajib.csv", dtype=str)
    materi = set(pd.read_csv(REFERENCE / "materi_bimtek.csv", dtype=str)["kode_materi"])
    for u in uploads:
        if u.dataset != "bimtek":
            continue
        f = u.frame
        assert (f["peserta_tuntas"] <= f["peserta_hadir"]).all()
        assert (f["tanggal_selesai"] >= f["tanggal_mulai"]).all()
        assert set(f["materi"]) <= materi
        assert set(f["metode"]) <= {"luring", "daring", "campuran"}
        sworn = f["badan"].map(SWORN)
        assert (f["tanggal_mulai"] >= sworn).all(), "training before swearing-in"
        planned = f["tanggal_mulai"] > u.as_of
        assert (f.loc[planned, ["peserta_hadir", "peserta_tuntas"]] == 0).all().all()
        unfinished = f["tanggal_selesai"] > u.as_of
        assert (f.loc[unfinished, "peserta_tuntas"] == 0).all()
    final = pd.concat(u.frame for u in _final(uploads, "bimtek"))
    assert (final["peserta_hadir"] > final["peserta_target"]).mean() < 0.05
    done = final.drop_duplicates(["kode_wilayah", "badan", "materi"])
    expected = required.merge(done, left_on=["badan", "kode_materi"], right_on=["badan", "materi"])
    n_regions = final["kode_wilayah"].nunique()
    assert len(expected) < len(required) * n_regions, "no regency misses any module"
    assert len(expected) > 0.85 * len(required) * n_regions


def test_checklist_invariants(uploads):
    items = pd.read_csv(REFERENCE / "checklist_pencalonan.csv", dtype=str)
    codes = set(items["kode_item"])
    first = min(u.as_of for u in uploads if u.dataset == "persiapan_pencalonan")
    assert dt.date(2024, 7, 20) <= first <= dt.date(2024, 8, 2)
    for u in uploads:
        if u.dataset != "persiapan_pencalonan":
            continue
        f = u.frame
        assert set(f["kode_item"]) <= codes
        assert not f["kode_item"].duplicated().any()
        assert set(f["status"]) <= {"belum", "proses", "selesai", "tidak_berlaku"}
        done = f["status"] == "selesai"
        assert (f["tanggal_selesai"].notna() == done).all()
        assert (f.loc[done, "tanggal_selesai"] <= u.as_of).all()
        links = f["tautan_bukti"].dropna()
        assert links.str.startswith("https://").all()


def test_overdue_items_on_30_august(uploads):
    due = (
        pd.read_csv(REFERENCE / "checklist_pencalonan.csv", dtype=str)
        .set_index("kode_item")["batas_waktu"]
        .map(dt.date.fromisoformat)
    )
    as_of = dt.date(2024, 8, 30)
    overdue = []
    for u in uploads:
        if u.dataset == "persiapan_pencalonan" and u.as_of == as_of:
            f = u.frame
            late = (f["kode_item"].map(due) < as_of) & ~f["status"].isin(
                ["selesai", "tidak_berlaku"]
            )
            overdue += [(u.region, item) for item in f.loc[late, "kode_item"]]
    assert overdue
    assert len({region for region, _ in overdue}) < 15, "overdue should be the exception"


def test_some_region_skips_a_week(uploads, wilayah):
    seen: dict[str, set[dt.date]] = defaultdict(set)
    for u in uploads:
        seen[u.region].add(u.as_of)
    gaps = {
        region: [w for w in demo.DEMO_WEEKS if min(weeks) < w < max(weeks) and w not in weeks]
        for region, weeks in seen.items()
    }
    missing = {region for region, weeks in gaps.items() if weeks}
    assert missing
    assert len(missing) < len(wilayah), "every regency skipping is not realistic"
    # nobody skips the final week, so the final picture is complete
    assert all(demo.DEMO_WEEKS[-1] in weeks for weeks in seen.values())


def test_synthetic_regions_and_order_independence():
    regions = pd.DataFrame(
        {
            "kode_wilayah": ["99.12", "11.01", "X"],
            "jumlah_kecamatan": [2, 5, 1],
            "jumlah_desa_kelurahan": [3, 40, 1],
            "jumlah_tps": [3, 400, 1_200],
        }
    )
    forward = {(u.dataset, u.region, u.as_of): u.frame for u in demo.generate(5, regions)}
    backward = {
        (u.dataset, u.region, u.as_of): u.frame for u in demo.generate(5, regions.iloc[::-1])
    }
    assert forward.keys() == backward.keys()
    for key, frame in forward.items():
        pd.testing.assert_frame_equal(frame, backward[key])
    final = {
        region: frame
        for (dataset, region, as_of), frame in forward.items()
        if dataset == "badan_adhoc" and as_of == demo.DEMO_WEEKS[-1]
    }
    assert set(final) == {"99.12", "11.01", "X"}
    x = final["X"]
    assert (x["badan"] == "KPPS").sum() == 1_200
    assert x.loc[x["badan"] == "KPPS", "tps"].iloc[-1] == "1200"


def test_inconsistent_region_table_is_refused():
    regions = pd.DataFrame(
        {
            "kode_wilayah": ["99.01"],
            "jumlah_kecamatan": [3],
            "jumlah_desa_kelurahan": [10],
            "jumlah_tps": [5],
        }
    )
    with pytest.raises(ValueError, match="99.01"):
        next(demo.generate(regions=regions))


def test_module_needs_neither_streamlit_nor_a_database():
    code = (
        "import sys; import analytics.demo; "
        "assert 'streamlit' not in sys.modules; assert 'duckdb' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
