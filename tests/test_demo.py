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
from analytics.units import official_units

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
        # badan_adhoc also carries the official unit codes SIAGA stores with each row
        codes = demo.UNIT_CODE_COLUMNS if u.dataset == "badan_adhoc" else ()
        assert tuple(f.columns) == demo.COLUMNS[u.dataset] + codes, u.dataset
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
        # every desa has at least one TPS; TPS numbers restart at 001 in each desa (desa
        # names repeat across the kecamatan of a regency: a desa is its kecamatan and name)
        kpps = f[f["badan"] == "KPPS"]
        desa = ["kecamatan", "desa_kelurahan"]
        assert len(kpps.drop_duplicates(desa)) == row["jumlah_desa_kelurahan"]
        assert kpps["kode_desa_kelurahan"].nunique() == row["jumlah_desa_kelurahan"]
        assert (kpps.groupby(desa)["tps"].min() == "001").all()
        assert not kpps.duplicated([*desa, "tps"]).any()
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


# ---------------------------------------------------------------------------
# Official kecamatan and desa/kelurahan (data/reference/wilayah_administrasi.csv).


def _official_names_check(frame: pd.DataFrame, region: str) -> None:
    """Every row's unit codes are official codes of ``region`` naming the row's units."""
    # An unknown code maps to NaN, which equals no name.
    units = official_units().by_code.values()
    name = {u.code: u.name for u in units}
    parent = {u.code: u.parent for u in units}
    kec = frame["kode_kecamatan"]
    assert (kec.map(name) == frame["kecamatan"]).all(), region
    assert (kec.map(parent) == region).all(), region
    with_desa = frame[frame["badan"] != "PPK"]
    desa = with_desa["kode_desa_kelurahan"]
    assert (desa.map(name) == with_desa["desa_kelurahan"]).all(), region
    assert (desa.map(parent) == with_desa["kode_kecamatan"]).all(), region
    assert frame.loc[frame["badan"] == "PPK", "kode_desa_kelurahan"].isna().all(), region


def test_cilacap_has_its_official_kecamatan_and_desa(latest):
    units = official_units()
    kecamatan = units.kecamatan_of("33.01")
    desa = [d for kec in kecamatan for d in units.desa_of(kec.code)]
    assert (len(kecamatan), len(desa)) == (24, 284)
    f = latest[("badan_adhoc", "33.01")].frame
    ppk, pps = f[f["badan"] == "PPK"], f[f["badan"] == "PPS"]
    assert ppk["kecamatan"].tolist() == [k.name for k in kecamatan]
    assert ppk["kode_kecamatan"].tolist() == [k.code for k in kecamatan]
    assert pps["desa_kelurahan"].tolist() == [d.name for d in desa]
    assert pps["kode_desa_kelurahan"].tolist() == [d.code for d in desa]
    assert pps["kode_kecamatan"].tolist() == [d.parent for d in desa]
    assert "Kedungreja" in set(ppk["kecamatan"]) and "Tambakreja" in set(pps["desa_kelurahan"])
    assert not f["kecamatan"].str.startswith("Kecamatan ").any()
    # TPS-level bodies cover every official desa
    for badan in ("PANTARLIH", "KPPS"):
        rows = f[f["badan"] == badan]
        assert set(rows["kode_desa_kelurahan"]) == {d.code for d in desa}, badan


def test_every_row_names_official_units_with_their_codes(latest):
    # A regency's units never change: its earlier frames hold units of its latest frame.
    for (dataset, region), u in latest.items():
        if dataset == "badan_adhoc":
            _official_names_check(u.frame, region)
            assert u.frame["kode_kecamatan"].nunique() == len(official_units().kecamatan_of(region))


def test_regency_outside_the_official_list_gets_generated_units():
    regions = pd.DataFrame(
        {
            "kode_wilayah": ["99.01", "33.71"],
            "jumlah_kecamatan": [2, 1],  # 33.71 Kota Magelang: its official 3 kecamatan win
            "jumlah_desa_kelurahan": [3, 1],
            "jumlah_tps": [5, 400],
        }
    )
    final = {
        u.region: u.frame
        for u in demo.generate(3, regions)
        if u.dataset == "badan_adhoc" and u.as_of == demo.DEMO_WEEKS[-1]
    }
    synthetic = final["99.01"]
    ppk = synthetic[synthetic["badan"] == "PPK"]
    assert ppk["kecamatan"].tolist() == ["Kecamatan 01", "Kecamatan 02"]
    pps = synthetic[synthetic["badan"] == "PPS"]
    assert pps["desa_kelurahan"].tolist() == ["Desa 001", "Desa 002", "Desa 003"]
    assert synthetic[list(demo.UNIT_CODE_COLUMNS)].isna().all().all()
    assert (synthetic["badan"] == "KPPS").sum() == 5
    magelang = final["33.71"]
    units = official_units()
    kecamatan = units.kecamatan_of("33.71")
    assert (magelang["badan"] == "PPK").sum() == len(kecamatan) == 3
    assert (magelang["badan"] == "PPS").sum() == sum(len(units.desa_of(k.code)) for k in kecamatan)
    assert (magelang["badan"] == "KPPS").sum() == 400
    _official_names_check(magelang, "33.71")


def test_national_regions_have_the_reference_columns_and_generated_units():
    from analytics.demo_store import national_regions

    regions = national_regions(count=3)
    wilayah = pd.read_csv(REFERENCE / "wilayah.csv", dtype=str, nrows=1)
    assert list(regions.columns) == list(wilayah.columns)
    for col in ("status_jumlah_tps", "tahap_jumlah_tps", "tanggal_jumlah_tps", "sumber_jumlah_tps"):
        assert (regions[col] == "demo").all(), col
    assert not set(regions["kode_wilayah"]) & set(wilayah["kode_wilayah"])
    first = next(u for u in demo.generate(regions=regions) if u.dataset == "badan_adhoc")
    assert first.frame["kecamatan"].iloc[0] == "Kecamatan 01"
    assert first.frame["kode_kecamatan"].isna().all()


@pytest.fixture(scope="module")
def cilacap_demo(tmp_path_factory) -> tuple[Path, Path]:
    from analytics.demo_store import build_demo
    from analytics.reference import regions

    tmp = tmp_path_factory.mktemp("demo")
    db_path, export = tmp / "demo.duckdb", tmp / "ekspor"
    cilacap = regions()[regions()["kode_wilayah"] == "33.01"]
    build_demo(db_path, export_dir=export, regions=cilacap)
    return db_path, export


def test_stored_demo_rows_carry_official_codes(cilacap_demo):
    import duckdb

    db_path, _ = cilacap_demo
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        stored = con.execute(
            "SELECT r.* FROM badan_adhoc_rows r JOIN versions v USING (version_id) "
            "WHERE v.version_id = (SELECT max(version_id) FROM versions "
            "WHERE dataset = 'badan_adhoc')"
        ).df()
        unofficial = con.execute(
            "SELECT count(*) FROM badan_adhoc_rows r LEFT JOIN ref_wilayah_administrasi k "
            "ON k.kode = r.kode_kecamatan LEFT JOIN ref_wilayah_administrasi d "
            "ON d.kode = r.kode_desa_kelurahan WHERE k.nama IS DISTINCT FROM r.kecamatan "
            "OR (r.badan <> 'PPK' AND d.nama IS DISTINCT FROM r.desa_kelurahan) "
            "OR (r.badan = 'PPK' AND r.kode_desa_kelurahan IS NOT NULL)"
        ).fetchone()[0]
    finally:
        con.close()
    assert unofficial == 0
    counts = stored["badan"].value_counts()
    assert (counts["PPK"], counts["PPS"], counts["KPPS"]) == (24, 284, 3055)
    _official_names_check(stored, "33.01")


def test_export_writes_official_names_only_and_valid_uploads(cilacap_demo):
    from analytics.schema import DATASETS
    from analytics.upload import check_file

    _, export = cilacap_demo
    dates = pd.read_csv(export / "tanggal_data.csv", dtype=str)
    assert set(dates["dataset"]) == set(DATASETS)
    for item in dates.itertuples():
        path = export / item.dataset / f"{item.kode_wilayah}.csv"
        data = path.read_bytes()
        frame = pd.read_csv(path, sep=";", dtype=str, encoding="utf-8-sig")
        assert list(frame.columns) == DATASETS[item.dataset].column_names, path
        verdict = check_file(data, item.dataset, dt.date.fromisoformat(item.tanggal_data))
        assert verdict.ok, (path, verdict.errors)
    badan = pd.read_csv(
        export / "badan_adhoc" / "33.01.csv", sep=";", dtype=str, encoding="utf-8-sig"
    )
    assert not {"kode_kecamatan", "kode_desa_kelurahan"} & set(badan.columns)
    units = official_units()
    kecamatan = {k.name for k in units.kecamatan_of("33.01")}
    assert set(badan["kecamatan"]) == kecamatan
    desa = {d.name for k in units.kecamatan_of("33.01") for d in units.desa_of(k.code)}
    assert set(badan["desa_kelurahan"].dropna()) == desa
