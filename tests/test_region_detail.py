"""Kecamatan gaps and upload history of one regency, worked out from the tiny fixture."""

import datetime as dt

import pytest

from analytics import region_detail
from tests.ui.support import fixture_db

D = dt.date


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """Read by every test but the withdrawal one, which builds its own."""
    return fixture_db(tmp_path_factory.mktemp("wilayah") / "siaga.duckdb")


def test_kecamatan_gaps_second_version(db):
    gaps = region_detail.kecamatan_gaps(db, "33.71", D(2024, 8, 15))
    rows = gaps[["kecamatan", "badan", "units_reported_count", "is_missing_units"]]
    assert rows.values.tolist() == [
        ["Magelang Selatan", "PPS", 3, False],  # Magersari: 3 appointed, none sworn in
        ["Magelang Tengah", "PPS", 0, True],  # kecamatan has a PPK but no PPS row
        ["Magelang Utara", "PPS", 0, True],
    ]
    selatan = gaps.iloc[0]
    assert (selatan.kebutuhan, selatan.terisi, selatan.dilantik) == (9, 9, 6)
    assert (selatan.vacancy_count, selatan.not_sworn_in_count, selatan.gap_count) == (0, 3, 3)


def test_kecamatan_gaps_follow_the_version_in_force(db):
    gaps = region_detail.kecamatan_gaps(db, "33.71", D(2024, 8, 10))
    with_units = gaps[~gaps.is_missing_units]
    # Equal gaps of one seat: the lower sworn-in share (4/5 before 5/6) comes first.
    assert with_units[["kecamatan", "badan", "vacancy_count"]].values.tolist() == [
        ["Magelang Utara", "PPK", 1],
        ["Magelang Selatan", "PPS", 1],
    ]
    assert region_detail.kecamatan_gaps(db, "33.71", D(2024, 7, 31)).empty
    assert region_detail.kecamatan_gaps(db, "33.73", D(2024, 8, 15)).empty


def test_upload_history_status_on_a_date(db):
    history = region_detail.upload_history(db, "33.71", D(2024, 8, 10))
    got = history[["dataset", "data_as_of", "version_status", "row_count", "uploaded_by"]]
    assert [(d, a.date(), s, n, u) for d, a, s, n, u in got.values.tolist()] == [
        ("persiapan_pencalonan", D(2024, 8, 20), "sesudah_tanggal", 6, "uji"),
        ("badan_adhoc", D(2024, 8, 15), "sesudah_tanggal", 6, "uji"),
        ("bimtek", D(2024, 8, 1), "berlaku", 5, "uji"),
        ("badan_adhoc", D(2024, 8, 1), "berlaku", 5, "uji"),
    ]
    assert region_detail.upload_history(db, "33.73", D(2024, 8, 10)).empty


def test_upload_history_after_withdrawal(tmp_path):
    db = fixture_db(tmp_path / "siaga.duckdb")
    second = region_detail.upload_history(db, "33.71", D(2024, 8, 20))
    second_id = int(second[second.data_as_of == "2024-08-15"].version_id.iloc[0])
    db.withdraw(second_id, "admin", "salah berkas")
    history = region_detail.upload_history(db, "33.71", D(2024, 8, 20)).set_index("version_id")
    assert history.loc[second_id, "version_status"] == "ditarik"
    badan = history[history.dataset == "badan_adhoc"]
    assert badan.version_status.tolist() == ["ditarik", "berlaku"]  # the first counts again
