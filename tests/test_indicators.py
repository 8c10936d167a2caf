"""Indicator values worked out by hand from the tiny fixture in tests/fixtures/indikator/."""

import datetime as dt
from pathlib import Path

import pytest

from analytics import indicators
from analytics.config import load_config
from analytics.ingest import ingest_bytes
from analytics.storage import Database

FIXTURES = Path(__file__).parent / "fixtures" / "indikator"
CONFIG = load_config(FIXTURES / "indikator.toml")
D = dt.date


def ingest(db: Database, dataset: str, file_name: str, as_of: dt.date):
    outcome = ingest_bytes(db, dataset, (FIXTURES / file_name).read_bytes(), as_of, "uji")
    assert outcome.accepted, outcome.verdict.issues
    return outcome.stored


@pytest.fixture
def db(tmp_path) -> Database:
    """Kota Magelang (33.71) reports; Kota Salatiga (33.73) and the others do not."""
    database = Database(tmp_path / "siaga.duckdb")
    ingest(database, "badan_adhoc", "badan_adhoc_3371_2024-08-01.csv", D(2024, 8, 1))
    ingest(database, "bimtek", "bimtek_3371_2024-08-01.csv", D(2024, 8, 1))
    ingest(
        database,
        "persiapan_pencalonan",
        "persiapan_pencalonan_3371_2024-08-20.csv",
        D(2024, 8, 20),
    )
    return database


def row(frame, **keys):
    match = frame
    for key, value in keys.items():
        match = match[match[key] == value]
    assert len(match) == 1, keys
    return match.iloc[0]


def test_body_indicators_by_hand(db):
    ind = indicators.compute(db, D(2024, 8, 21), CONFIG)
    ppk = row(ind.badan, kode_wilayah="33.71", badan="PPK")
    assert (ppk.kebutuhan, ppk.terisi, ppk.dilantik, ppk.perempuan) == (15, 14, 14, 5)
    assert (ppk.pendaftar, ppk.pengganti) == (30, 1)
    assert ppk.fill_rate == pytest.approx(14 / 15)
    assert ppk.sworn_in_rate == pytest.approx(14 / 15)
    assert ppk.women_share == pytest.approx(5 / 14)
    assert ppk.applicant_ratio == pytest.approx(2.0)
    assert ppk.coverage_rate == pytest.approx(3 / 3)
    pps = row(ind.badan, kode_wilayah="33.71", badan="PPS")
    assert pps.fill_rate == pytest.approx(5 / 6)
    assert pps.women_share == pytest.approx(2 / 5)
    assert pps.coverage_rate == pytest.approx(2 / 17)
    # Reported, but no Pantarlih formed yet: 0, not "belum lapor".
    pantarlih = row(ind.badan, kode_wilayah="33.71", badan="PANTARLIH")
    assert bool(pantarlih.is_reported) and pantarlih.sworn_in_rate == 0.0


def test_not_reported_is_not_zero(db):
    ind = indicators.compute(db, D(2024, 8, 21), CONFIG)
    salatiga = row(ind.badan, kode_wilayah="33.73", badan="PPK")
    assert not salatiga.is_reported
    assert salatiga.fill_rate is None or salatiga.fill_rate != salatiga.fill_rate  # NULL
    readiness = row(ind.readiness, kode_wilayah="33.73")
    assert readiness.category == "belum_lapor"
    entry = next(
        r for r in indicators.summary(ind)["kabupaten_kota"] if r["kode_wilayah"] == "33.73"
    )
    assert entry["indeks_kesiapan"] is None
    assert entry["kategori"] == "belum_lapor"
    assert entry["badan"]["PPK"] == {"lapor": False}


def test_training_completion_by_hand(db):
    ind = indicators.compute(db, D(2024, 8, 21), CONFIG)
    ppk = row(ind.training, kode_wilayah="33.71", badan="PPK")
    # M01 15/15=1, M02 12/15=0.8, M03 (9+5)/(10+5); six more required modules at 0.
    assert ppk.training_completion == pytest.approx((1 + 0.8 + 14 / 15) / 9)
    assert ppk.required_module_count == 9 and ppk.completed_module_count == 1
    pps = row(ind.training, kode_wilayah="33.71", badan="PPS")
    # Attendance above target is capped at 1 for the module: 6/6.
    assert pps.training_completion == pytest.approx(1 / 7)
    assert (pps.peserta_target, pps.peserta_hadir, pps.peserta_tuntas) == (6, 7, 6)


def test_training_due_completion_counts_only_modules_due(db):
    ind = indicators.compute(db, D(2024, 8, 21), CONFIG)
    ppk = row(ind.training, kode_wilayah="33.71", badan="PPK")
    # Due by 21 Aug (materi_wajib.csv): M01, M02, M03, M09; M04-M08 come later.
    assert ppk.due_module_count == 4
    assert ppk.training_due_completion == pytest.approx((1 + 0.8 + 14 / 15 + 0) / 4)
    pps = row(ind.training, kode_wilayah="33.71", badan="PPS")
    assert pps.training_due_completion == pytest.approx(1 / 4)


def test_candidacy_by_hand(db):
    on_due_day = indicators.compute(db, D(2024, 8, 20), CONFIG)
    magelang = row(on_due_day.candidacy, kode_wilayah="33.71")
    assert (magelang.applicable_count, magelang.done_count) == (10, 3)
    assert magelang.candidacy_completion == pytest.approx(0.3)
    assert magelang.overdue_count == 0  # items due 20 Aug are not overdue on 20 Aug
    next_day = indicators.compute(db, D(2024, 8, 21), CONFIG)
    items = next_day.candidacy_items
    overdue = items[(items.kode_wilayah == "33.71") & items.is_overdue]
    assert sorted(overdue.kode_item) == ["PC04", "PC07", "PC09"]
    assert set(overdue.days_overdue) == {1}
    assert row(next_day.candidacy, kode_wilayah="33.71").candidacy_due_completion == 0.5


def test_readiness_index_by_hand(db):
    ind = indicators.compute(db, D(2024, 8, 21), CONFIG)
    magelang = row(ind.readiness, kode_wilayah="33.71")
    weighted = (
        1 * 14 / 15  # PPK sworn in
        + 1 * 5 / 6  # PPS sworn in
        + 1 * 0  # Pantarlih (reported, none)
        + 0.5 * (1 + 0.8 + 14 / 15) / 9  # bimtek PPK
        + 0.5 * 1 / 7  # bimtek PPS
        + 0.5 * 0  # bimtek Pantarlih
        + 2 * 0.5  # candidacy items due by 21 Aug: 3 of 6 done
    )
    assert magelang.readiness_index == pytest.approx(100 * weighted / 6.5)
    assert magelang.active_component_count == 7  # no KPPS component in August
    assert magelang.category == "tertinggal"
    # The summary carries 15 significant digits (what every shown number is rounded from).
    assert indicators.summary(ind)["kabupaten_kota"][29]["indeks_kesiapan"] == pytest.approx(
        100 * weighted / 6.5, rel=1e-14
    )
    assert f"{indicators.summary(ind)['kabupaten_kota'][29]['indeks_kesiapan']:.15g}" == (
        f"{100 * weighted / 6.5:.15g}"
    )


def test_reporting_status(db):
    ind = indicators.compute(db, D(2024, 8, 21), CONFIG)
    status = ind.reporting.set_index(["kode_wilayah", "dataset"])["reporting_status"]
    assert status[("33.71", "badan_adhoc")] == "terlambat"  # data of 1 Aug, 20 days old
    assert status[("33.71", "persiapan_pencalonan")] == "tepat_waktu"
    assert status[("33.73", "badan_adhoc")] == "belum_lapor"
    early = indicators.compute(db, D(2024, 4, 1), CONFIG)
    assert set(early.reporting["reporting_status"]) == {"belum_waktunya"}


def test_time_travel_and_withdrawal(db):
    second = ingest(db, "badan_adhoc", "badan_adhoc_3371_2024-08-15.csv", D(2024, 8, 15))

    def pps_terisi(on: dt.date):
        value = row(indicators.compute(db, on, CONFIG).badan, kode_wilayah="33.71", badan="PPS")
        return None if not value.is_reported else int(value.terisi)

    assert pps_terisi(D(2024, 7, 31)) is None  # before any data: belum lapor
    assert pps_terisi(D(2024, 8, 10)) == 5  # first version
    assert pps_terisi(D(2024, 8, 15)) == 9  # second version from its as-of date on
    db.withdraw(second.version_ids[0], "admin", "salah berkas")
    assert pps_terisi(D(2024, 8, 21)) == 5  # the previous version counts again
    history = db.history()
    assert len(history) == 4  # nothing deleted
    assert history.iloc[0].withdrawn_reason == "salah berkas"


def test_province_sums_regions(db):
    ind = indicators.compute(db, D(2024, 8, 21), CONFIG)
    ppk = ind.province["badan"]["PPK"]
    assert (ppk["kebutuhan"], ppk["terisi"], ppk["regions_reported_count"]) == (15, 14, 1)
    assert ppk["units_expected_count"] == 576
    summary = indicators.summary(ind)
    assert summary["provinsi"]["kabupaten_kota_lapor"] == 1
    assert summary["provinsi"]["kabupaten_kota_belum_lapor"] == 34
    assert [r["kode_wilayah"] for r in summary["kabupaten_kota"]] == sorted(
        r["kode_wilayah"] for r in summary["kabupaten_kota"]
    )


def test_summary_values_round_to_what_the_page_shows():
    # 96.84996 shown with one decimal is 96,8; a summary kept to 4 decimals (96.85) would
    # read 96,9 once rounded again. 15 significant digits keep it 96.84996.
    from analytics import formatting

    for value in (96.84996, 0.3684996, 84.99996, 1 / 3):
        kept = indicators._round(value)
        assert formatting.number(kept, 1) == formatting.number(value, 1)
        assert formatting.percent(kept) == formatting.percent(value)
    assert indicators._round(45.99999999999999) == 46
    assert indicators._round(float("nan")) is None  # missing, as JSON null
