"""Every page on a date before the first upload: no error, and no green "all ready"."""

import pytest

from analytics import meeting
from tests.ui.support import app, fixture_db, texts

BEFORE = {"tanggal": "2024-04-01"}  # the fixture's first data is of 1 August 2024
PAGES = [None, "badan_adhoc", "bimtek", "pencalonan", "profil", "mode_rapat"]


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("sebelum") / "siaga.duckdb"
    fixture_db(path)
    return path


def test_weekly_dates_keep_a_date_before_the_first_data():
    import datetime as dt

    assert meeting.weekly_dates(dt.date(2024, 4, 1), dt.date(2024, 8, 1)) == [dt.date(2024, 4, 1)]


@pytest.mark.parametrize("page", PAGES, ids=[p or "ringkasan" for p in PAGES])
def test_page_before_any_data_has_no_error(db_path, page):
    query = {**BEFORE, "wilayah": "33.71"} if page == "profil" else BEFORE
    at = app(db_path, page=page, query=query)
    assert not at.exception
    assert not [s.value for s in at.success]  # nothing is "ready" before anything is due


def test_overview_before_any_data_says_nothing_is_due(db_path):
    at = app(db_path, query=BEFORE)
    assert [i.value for i in at.info][:1] == [
        "Belum ada komponen yang jatuh tempo pada tanggal ini. Komponen pertama dinilai mulai "
        "16 Mei 2024."
    ]
    assert "0 dari 35" in texts(at) or any(m.value == "0 dari 35" for m in at.metric)
