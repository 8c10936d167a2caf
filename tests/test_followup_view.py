"""Follow-ups as a meeting reads them: status words, order, scope, and the linked indicator
at the meeting date and on the as-of date, worked out by hand from a tiny history.

The history (uploads of two regencies, each as of the date given):

- Kabupaten Pemalang (33.27), 16 Aug: PPS in Moga/Plakaran 3 seats 1 sworn in, Moga/Mandiraja
  3 seats 0 sworn in -> 1/6 = 16,7%; bimtek Pantarlih M03 target 40, tuntas 10 -> 25,0%;
  PC07 ``proses``. 23 Aug: sworn in 3 + 2 -> 5/6 = 83,3%; a second M03 activity 40/30 ->
  (10 + 30) / (40 + 40) = 50,0%; PC07 ``selesai``.
- Kota Surakarta (33.72): PPS in Laweyan/Pajang 3 seats 3 sworn in, as of 5 Aug; bimtek
  Pantarlih M03 40/40 -> 100% and PC07 ``selesai``, both as of 16 Aug.

Province: PPS (1 + 3) / (6 + 3) = 44,4% on 16 Aug, (5 + 3) / 9 = 88,9% on 23 Aug; M03 the
mean over the two regencies, (25 + 100) / 2 = 62,5% then (50 + 100) / 2 = 75,0%; PC07 done
in 1 of 2 regencies (50,0%), then 2 of 2 (100,0%).
Reporting (on time = data at most 7 days old; 3 datasets expected of each of the 35
regencies): Surakarta on 16 Aug has bimtek and checklist on time, badan 11 days old -> 2/3
= 66,7%; on 24 Aug all late -> 0,0%. Pemalang 3/3 on both dates. Province on 16 Aug
(3 + 2) / 105 = 4,8%, on 24 Aug 3 / 105 = 2,9%.
"""

import datetime as dt

import pytest

from analytics import followup_view, followups, indicators
from analytics.auth import User
from analytics.storage import Database
from tests.followup_support import ADMIN, AS_OF, MEETING, history_copy


@pytest.fixture
def db(tmp_path) -> Database:
    return history_copy(tmp_path)


def add(db, region, topic, due=dt.date(2024, 8, 30), meeting=MEETING, **extra) -> int:
    return followups.add(
        db, ADMIN, region=region, topic=topic, text=f"Sepakat: {topic}", due=due,
        meeting_date=meeting, **extra,
    )  # fmt: skip


def line_of(db, followup_id, as_of=AS_OF):
    return next(
        line for line in followup_view.followup_lines(db, as_of) if line.followup.id == followup_id
    )


@pytest.mark.parametrize(
    ("region", "topic", "text"),
    [
        ("33.27", "badan:PPS", "PPS dilantik: 16,7% pada 16 Agu → 83,3% pada 23 Agu"),
        ("33.27", "bimtek:PANTARLIH:M03",
         "Bimtek Pantarlih M03: 25,0% pada 16 Agu → 50,0% pada 23 Agu"),
        ("33.27", "item:PC07",
         "PC07 Rumah sakit ditetapkan: proses pada 16 Agu → selesai pada 23 Agu"),
        ("33.27", "pelaporan", "Pelaporan tepat waktu: 100,0% pada 16 Agu → 100,0% pada 23 Agu"),
        ("provinsi", "badan:PPS", "PPS dilantik: 44,4% pada 16 Agu → 88,9% pada 23 Agu"),
        ("provinsi", "bimtek:PANTARLIH:M03",
         "Bimtek Pantarlih M03: 62,5% pada 16 Agu → 75,0% pada 23 Agu"),
        ("provinsi", "item:PC07",
         "PC07 Rumah sakit ditetapkan (kab/kota selesai): 50,0% pada 16 Agu → 100,0% pada 23 Agu"),
        ("33.76", "badan:PPS", "PPS dilantik: belum lapor pada 16 Agu → belum lapor pada 23 Agu"),
    ],
)  # fmt: skip
def test_indicator_then_and_now(db, region, topic, text):
    line = line_of(db, add(db, region, topic))
    assert line.indicator_text() == text
    assert (line.date_then, line.date_now) == (MEETING, AS_OF)


def test_values_are_full_precision_ratios_and_item_states(db):
    pps = line_of(db, add(db, "33.27", "badan:PPS"))
    assert (pps.value_then, pps.value_now) == (pytest.approx(1 / 6), pytest.approx(5 / 6))
    item = line_of(db, add(db, "33.27", "item:PC07"))
    assert (item.value_then, item.value_now) == (0.0, 1.0)
    assert (item.state_then, item.state_now) == ("proses", "selesai")


def test_reporting_on_time_share(db):
    as_of = dt.date(2024, 8, 24)
    surakarta = line_of(db, add(db, "33.72", "pelaporan"), as_of)
    assert surakarta.indicator_text() == (
        "Pelaporan tepat waktu: 66,7% pada 16 Agu → 0,0% pada 24 Agu"
    )
    province = line_of(db, add(db, "provinsi", "pelaporan"), as_of)
    assert province.values_text() == "4,8% pada 16 Agu → 2,9% pada 24 Agu"


def test_the_number_is_the_one_the_dashboard_shows(db):
    line = line_of(db, add(db, "33.27", "badan:PPS"))
    shown = indicators.compute(db, AS_OF).badan
    row = shown[(shown["kode_wilayah"] == "33.27") & (shown["badan"] == "PPS")].iloc[0]
    assert line.value_now == row["sworn_in_rate"]
    province = indicators.compute(db, MEETING).province["badan"]["PPS"]["sworn_in_rate"]
    assert line_of(db, add(db, "provinsi", "badan:PPS")).value_then == province


def test_free_topic_has_no_indicator(db):
    line = line_of(db, add(db, "33.27", "Koordinasi dengan RSUD dr. M. Ashari"))
    assert line.indicator_label is None
    assert line.indicator_text() is None and line.values_text() is None
    assert line.topic_text == "Koordinasi dengan RSUD dr. M. Ashari"
    assert (line.value_then, line.value_now) == (None, None)


def test_without_meeting_date_then_is_the_creation_day_in_wib(db, monkeypatch):
    # 20.00 UTC on 15 Aug is 03.00 WIB on 16 Aug: the day Central Java wrote it down.
    monkeypatch.setattr(followups, "_now", lambda: dt.datetime(2024, 8, 15, 20, 0))
    created_at_night = line_of(db, add(db, "33.27", "badan:PPS", meeting=None))
    assert created_at_night.date_then == MEETING
    assert created_at_night.values_text() == "16,7% pada 16 Agu → 83,3% pada 23 Agu"


def test_then_is_left_out_when_not_before_the_as_of_date(db):
    # Created now (long after August 2024), no meeting date: nothing "then" to compare.
    line = line_of(db, add(db, "33.27", "badan:PPS", meeting=None))
    assert line.date_then is None and line.value_then is None
    assert line.indicator_text() == "PPS dilantik: 83,3% pada 23 Agu"
    on_meeting_day = line_of(db, add(db, "33.27", "badan:PPS"), MEETING)
    assert on_meeting_day.values_text() == "16,7% pada 16 Agu"


def test_status_words_and_order(db):
    late = add(db, "33.72", "Tetapkan SK pokja", due=dt.date(2024, 8, 20))
    later = add(db, "33.27", "badan:PPS", due=dt.date(2024, 9, 5))
    sooner = add(db, "provinsi", "pelaporan", due=dt.date(2024, 8, 27))
    done = add(db, "33.27", "item:PC07", due=dt.date(2024, 8, 18))
    dropped = add(db, "33.27", "Rapat ulang", due=dt.date(2024, 8, 17))
    followups.close(db, ADMIN, done)
    followups.close(db, ADMIN, dropped, cancel=True)
    lines = followup_view.followup_lines(db, AS_OF)
    assert [(line.followup.id, line.status_label) for line in lines] == [
        (late, "Terlambat"),
        (sooner, "Terbuka"),
        (later, "Terbuka"),
        (dropped, "Batal"),
        (done, "Selesai"),
    ]
    assert [line.region_name for line in lines[:3]] == [
        "Kota Surakarta", "Provinsi Jawa Tengah", "Kabupaten Pemalang",
    ]  # fmt: skip
    assert followup_view.followup_counts(db, AS_OF) == (3, 1)
    assert followup_view.followup_counts(db, AS_OF, region="33.27") == (1, 0)
    assert followup_view.followup_counts(db, dt.date(2024, 9, 6)) == (3, 3)
    assert followup_view.overdue_regions(db, AS_OF) == frozenset({"33.72"})
    # A province-wide follow-up marks no regency.
    assert followup_view.overdue_regions(db, dt.date(2024, 9, 6)) == {"33.72", "33.27"}


def test_done_when_open_then_overdue_then_done(db):
    followup_id = add(db, "33.27", "item:PC07")
    assert line_of(db, followup_id, dt.date(2024, 8, 23)).status_label == "Terbuka"
    assert line_of(db, followup_id, dt.date(2024, 8, 30)).status_label == "Terbuka"  # due today
    assert line_of(db, followup_id, dt.date(2024, 9, 6)).status_label == "Terlambat"
    followups.close(db, ADMIN, followup_id)
    assert line_of(db, followup_id, dt.date(2024, 9, 6)).status_label == "Selesai"


def test_scope_of_a_region_and_of_a_user(db):
    own = add(db, "33.27", "badan:PPS")
    province = add(db, "provinsi", "pelaporan")
    other = add(db, "33.72", "pelaporan")

    def ids(**kwargs):
        return sorted(
            line.followup.id for line in followup_view.followup_lines(db, AS_OF, **kwargs)
        )

    assert ids() == [own, province, other]
    assert ids(region="33.27") == [own]  # a regency's own only (Profil, its one-pager)
    assert ids(region="3327") == [own]
    assert ids(region="provinsi") == [province]
    operator = User("op-pemalang", "operator", "33.27")
    assert ids(user=operator) == [own, province]
    assert ids(user=operator, region="33.72") == []


def test_progress_notes_ride_along(db, monkeypatch):
    followup_id = add(db, "33.27", "badan:PPS")
    monkeypatch.setattr(followups, "_now", lambda: dt.datetime(2024, 8, 20, 2, 30))
    followups.add_note(db, ADMIN, followup_id, "PAW 2 orang dijadwalkan 22 Agustus")
    line = line_of(db, followup_id)
    assert line.notes == (
        (dt.datetime(2024, 8, 20, 2, 30), "adm", "PAW 2 orang dijadwalkan 22 Agustus"),
    )


def test_version_changes_with_every_change(db):
    first = followup_view.version(db)
    followup_id = add(db, "33.27", "badan:PPS")
    second = followup_view.version(db)
    followups.add_note(db, ADMIN, followup_id, "Berjalan")
    third = followup_view.version(db)
    assert len({first, second, third}) == 3
    assert followup_view.version(db) == third  # reading changes nothing


def test_no_follow_ups_no_work(db):
    assert followup_view.followup_lines(db, AS_OF) == []
    assert followup_view.followup_counts(db, AS_OF) == (0, 0)
    assert followup_view.overdue_regions(db, AS_OF) == frozenset()
