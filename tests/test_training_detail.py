"""Module-level training completion and activity rows, by hand from the tiny fixture.

The module query must agree with the indicators: the mean of its module values per
regency x body is ``training_completion`` (fixture and a small generated demo).
"""

import datetime as dt

import pandas as pd
import pytest

from analytics import indicators, reference, training_detail
from analytics.demo_store import build_demo
from analytics.ingest import ingest_bytes
from analytics.storage import Database
from tests.ui.support import fixture_db

D = dt.date


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Database:
    return fixture_db(tmp_path_factory.mktemp("training") / "siaga.duckdb")


def row(frame: pd.DataFrame, **keys) -> pd.Series:
    match = frame
    for key, value in keys.items():
        match = match[match[key] == value]
    assert len(match) == 1, keys
    return match.iloc[0]


def assert_mean_is_training_completion(db: Database, on: dt.date) -> int:
    modules = training_detail.module_completion(db, on)
    mean = modules.groupby(["kode_wilayah", "badan"])["completion_rate"].mean()
    training = indicators.compute(db, on).training.set_index(["kode_wilayah", "badan"])
    expected = training["training_completion"].reindex(mean.index)
    assert mean.isna().equals(expected.isna())
    assert mean.dropna().to_numpy() == pytest.approx(expected.dropna().to_numpy(), abs=1e-12)
    counts = modules.groupby(["kode_wilayah", "badan"]).size()
    assert (counts == training["required_module_count"].reindex(counts.index)).all()
    # The modules flagged is_due are those training_due_completion averages.
    due = modules[modules["is_due"]].groupby(["kode_wilayah", "badan"])["completion_rate"]
    due_mean = due.mean().reindex(mean.index)
    expected_due = training["training_due_completion"].reindex(mean.index)
    assert due_mean.isna().equals(expected_due.isna())
    assert due_mean.dropna().to_numpy() == pytest.approx(
        expected_due.dropna().to_numpy(), abs=1e-12
    )
    return int(mean.notna().sum())


def test_module_completion_by_hand(db):
    modules = training_detail.module_completion(db, D(2024, 8, 21))
    required = reference.read_reference("materi_wajib.csv")
    assert len(modules) == 35 * len(required)  # every regency x required module
    m01 = row(modules, kode_wilayah="33.71", badan="PPK", materi="M01")
    assert m01.completion_rate == 1.0 and m01.nama_materi == "Orientasi dan tata kerja"
    assert row(modules, kode_wilayah="33.71", badan="PPK", materi="M02").completion_rate == 0.8
    m03 = row(modules, kode_wilayah="33.71", badan="PPK", materi="M03")
    assert m03.completion_rate == pytest.approx(14 / 15)  # (9 + 5) / (10 + 5), two activities
    assert (m03.peserta_target, m03.peserta_tuntas, m03.activity_count) == (15, 14, 2)
    assert m03.first_start_date == pd.Timestamp("2024-06-03")
    assert m03.last_end_date == pd.Timestamp("2024-06-11")
    m04 = row(modules, kode_wilayah="33.71", badan="PPK", materi="M04")
    assert (m04.completion_rate, m04.activity_count, m04.peserta_target) == (0.0, 0, 0)
    # Deadlines from materi_wajib.csv: M01 due 3 June (passed), M04 due 26 September.
    assert (m01.batas_waktu, m01.is_due) == (pd.Timestamp("2024-06-03"), True)
    assert (m04.batas_waktu, m04.is_due) == (pd.Timestamp("2024-09-26"), False)
    on_the_day = training_detail.module_completion(db, D(2024, 9, 26))
    assert row(on_the_day, kode_wilayah="33.71", badan="PPK", materi="M04").is_due  # counted
    # Attendance above target: 7 came, 6 of 6 completed -> capped at 1.
    pps = row(modules, kode_wilayah="33.71", badan="PPS", materi="M01")
    assert (pps.completion_rate, pps.peserta_hadir) == (1.0, 7)
    # Not reported: no value (belum lapor), never 0.
    salatiga = row(modules, kode_wilayah="33.73", badan="PPK", materi="M01")
    assert not salatiga.is_reported and pd.isna(salatiga.completion_rate)
    assert pd.isna(salatiga.peserta_target)


def test_module_mean_equals_training_completion_on_fixture(db):
    assert assert_mean_is_training_completion(db, D(2024, 8, 21)) == 4  # 33.71 x 4 bodies
    assert assert_mean_is_training_completion(db, D(2024, 7, 1)) == 0  # before any upload


def test_module_mean_equals_training_completion_on_generated_demo(tmp_path):
    regions = reference.regions()
    regions = regions[regions["kode_wilayah"].isin(["33.03", "33.11", "33.71"])]
    path = tmp_path / "demo.duckdb"
    build_demo(path, regions=regions.reset_index(drop=True))
    demo = Database(path)
    for on in (D(2024, 6, 28), D(2024, 8, 30), D(2024, 11, 29)):
        assert assert_mean_is_training_completion(demo, on) == 3 * 4


def test_newer_version_replaces_the_module_values(tmp_path):
    db = fixture_db(tmp_path / "siaga.duckdb")
    newer = (
        b"kode_wilayah;badan;materi;tanggal_mulai;tanggal_selesai;metode;peserta_target;"
        b"peserta_hadir;peserta_tuntas;catatan\n"
        b"33.71;PPK;M01;2024-05-20;2024-05-21;luring;15;15;15;\n"
        b"33.71;PPK;M02;2024-05-27;2024-05-27;daring;15;15;15;ulang\n"
    )
    outcome = ingest_bytes(db, "bimtek", newer, D(2024, 8, 10), "uji")
    assert outcome.accepted, outcome.verdict.issues

    def m02(on):
        modules = training_detail.module_completion(db, on)
        return row(modules, kode_wilayah="33.71", badan="PPK", materi="M02").completion_rate

    assert m02(D(2024, 8, 5)) == 0.8  # first version
    assert m02(D(2024, 8, 12)) == 1.0  # the newer version from its as-of date on
    on = D(2024, 8, 12)
    m03 = row(
        training_detail.module_completion(db, on), kode_wilayah="33.71", badan="PPK", materi="M03"
    )
    assert m03.completion_rate == 0.0  # M03 is not in the newer version
    assert len(training_detail.activities(db, on)) == 2
    assert_mean_is_training_completion(db, on)


def test_activities_of_the_version_in_force(db):
    on = D(2024, 8, 21)
    rows = training_detail.activities(db, on)
    assert len(rows) == 5
    assert set(rows["kode_wilayah"]) == {"33.71"} and set(rows["nama"]) == {"Kota Magelang"}
    assert rows["is_required"].all()
    assert list(rows.loc[rows["badan"] == "PPK", "materi"]) == ["M01", "M02", "M03", "M03"]
    second = rows[rows["catatan"] == "gelombang 2"].iloc[0]
    assert second.tanggal_mulai == pd.Timestamp("2024-06-10")
    assert (second.peserta_target, second.peserta_hadir, second.peserta_tuntas) == (5, 5, 5)
    assert len(training_detail.activities(db, on, body="PPS")) == 1
    assert len(training_detail.activities(db, on, body="PPK", region="33.71")) == 4
    assert training_detail.activities(db, on, region="33.73").empty
    assert training_detail.activities(db, D(2024, 7, 31)).empty  # before the upload
