"""Early warning (analytics/risk.py): projected dates worked out by hand from tiny histories.

Each history is a few weekly uploads of Kota Magelang (33.71) and Kota Salatiga (33.73).
The method, in the numbers used below (``CONFIG``): the points of the last 4 weeks (one per
data date), at least 3 of them; a checklist item is worth belum 0, proses 0,5, selesai 1;
the early end of the range is reached at the fastest weekly pace, the late end at the mean
pace over the window, both from the last point, rounded up to whole days.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from analytics import risk
from analytics.config import load_risk_config
from analytics.ingest import ingest_bytes
from analytics.risk import RiskFlag
from analytics.storage import Database

D = dt.date
CONFIG = dataclasses.replace(
    load_risk_config(),
    window_weeks=4,
    min_points=3,
    complete_at={"badan": 0.95, "bimtek": 0.75, "item": 1.0},
    in_progress_value=0.5,
    no_progress_days={"badan": 5, "bimtek": 14, "item": 7},
    projection={"badan": True, "bimtek": True, "item": True},
    horizon_days=120,
)
ITEM_HEADER = (
    "kode_wilayah;kode_item;status;tanggal_selesai;mitra;penanggung_jawab;tautan_bukti;catatan"
)
BADAN_HEADER = (
    "kode_wilayah;badan;kecamatan;desa_kelurahan;tps;kebutuhan;pendaftar;terisi;dilantik;"
    "perempuan;pengganti"
)
BIMTEK_HEADER = (
    "kode_wilayah;badan;materi;tanggal_mulai;tanggal_selesai;metode;peserta_target;"
    "peserta_hadir;peserta_tuntas;catatan"
)
ALL_ITEMS = [f"PC{i:02d}" for i in range(1, 12)]


def ingest(db: Database, dataset: str, lines: list[str], as_of: dt.date) -> None:
    header = {"persiapan_pencalonan": ITEM_HEADER, "badan_adhoc": BADAN_HEADER}.get(
        dataset, BIMTEK_HEADER
    )
    data = "\n".join([header, *lines]).encode()
    outcome = ingest_bytes(db, dataset, data, as_of, "uji")
    assert outcome.accepted, outcome.verdict.issues


def checklist(db: Database, region: str, as_of: dt.date, statuses: dict[str, str]) -> None:
    """One checklist upload; ``statuses`` maps item -> 'belum', 'proses', 'tidak_berlaku'
    or 'selesai:YYYY-MM-DD'; items not named are left out (they count as belum)."""
    lines = []
    for item, status in statuses.items():
        state, _, done = status.partition(":")
        lines.append(f"{region};{item};{state};{done};;;;")
    ingest(db, "persiapan_pencalonan", lines, as_of)


def weekly_checklists(db: Database, region: str, weeks: list[dt.date], plan: dict) -> None:
    """``plan`` maps item -> one status per week; the other items are 'tidak_berlaku'."""
    for i, week in enumerate(weeks):
        statuses = {item: "tidak_berlaku" for item in ALL_ITEMS}
        statuses.update({item: states[i] for item, states in plan.items()})
        checklist(db, region, week, statuses)


FRIDAYS = [D(2024, 7, 26), D(2024, 8, 2), D(2024, 8, 9), D(2024, 8, 16)]


@pytest.fixture
def items_db(tmp_path) -> Database:
    """Kota Magelang's checklist on four Fridays; PC06, PC09 and PC10 never listed (belum).

    On 16 August 2024:
      PC01 due 10 Aug, belum          -> deadline passed: terlambat, not a risk flag
      PC02 due 15 Aug, done           -> complete
      PC03 due 23 Aug, 0 0 .5 .5      -> fastest pace .5/7 a day: done 23 Aug, not after
      PC04 due 20 Aug, 0 0 0 .5       -> done 23 Aug (fast) to 6 Sep (mean .5/21): 3-17 late
      PC05 due 20 Aug, .5 .5 .5 .5    -> no rise, 4 days left: tanpa_kemajuan at 50%
      PC07 due 20 Aug, 0 0 0 0        -> tanpa_kemajuan at 0%
      PC08 due 26 Aug, 0 0 0 0        -> 10 days left > 7: not yet said
      PC06 due 24 Aug (8 days), PC10 26 Aug: not yet said; PC09 due 20 Aug: tanpa_kemajuan
      PC11 tidak_berlaku              -> no component
    """
    db = Database(tmp_path / "siaga.duckdb")
    plan = {
        "PC01": ["belum"] * 4,
        "PC02": ["proses", "proses", "selesai:2024-08-05", "selesai:2024-08-05"],
        "PC03": ["belum", "belum", "proses", "proses"],
        "PC04": ["belum", "belum", "belum", "proses"],
        "PC05": ["proses"] * 4,
        "PC07": ["belum"] * 4,
        "PC08": ["belum"] * 4,
    }
    for i, week in enumerate(FRIDAYS):
        statuses = {item: states[i] for item, states in plan.items()}
        statuses["PC11"] = "tidak_berlaku"
        checklist(db, "33.71", week, statuses)
    return db


def test_flags_by_hand(items_db):
    found = risk.flags(items_db, D(2024, 8, 16), CONFIG)
    assert [(f.komponen, f.alasan) for f in found] == [
        ("item:PC05", "tanpa_kemajuan"),
        ("item:PC07", "tanpa_kemajuan"),
        ("item:PC09", "tanpa_kemajuan"),
        ("item:PC04", "proyeksi"),
    ]
    pc04 = found[-1]
    assert pc04 == RiskFlag(
        kode_wilayah="33.71",
        nama_wilayah="Kota Magelang",
        komponen="item:PC04",
        label="PC04 Sosialisasi persyaratan dan SILON kepada partai politik (termasuk "
        "Putusan MK 60 dan 70/2024)",
        batas_waktu=D(2024, 8, 20),
        capaian=0.5,
        proyeksi_awal=D(2024, 8, 23),
        proyeksi_akhir=D(2024, 9, 6),
        hari_terlambat=3,
        alasan="proyeksi",
    )
    assert pc04.teks() == (
        "PC04 Sosialisasi persyaratan dan SILON kepada partai politik (termasuk Putusan MK 60 "
        "dan 70/2024): proses — perkiraan selesai 23 Agustus – 6 September 2024, batas "
        "20 Agustus 2024 (3–17 hari terlambat)"
    )
    pc05 = found[0]
    assert (pc05.capaian, pc05.proyeksi_awal, pc05.proyeksi_akhir, pc05.hari_terlambat) == (
        0.5,
        None,
        None,
        None,
    )
    assert pc05.teks() == (
        "PC05 Help desk pencalonan dibuka: proses — tidak ada kemajuan dalam minggu-minggu "
        "terakhir, batas 20 Agustus 2024"
    )


def test_as_dict_is_the_json_shape(items_db):
    pc04 = risk.flags(items_db, D(2024, 8, 16), CONFIG)[-1]
    assert pc04.as_dict() == {
        "kode_wilayah": "33.71",
        "nama_wilayah": "Kota Magelang",
        "komponen": "item:PC04",
        "label": pc04.label,
        "batas_waktu": "2024-08-20",
        "capaian": 0.5,
        "proyeksi_awal": "2024-08-23",
        "proyeksi_akhir": "2024-09-06",
        "hari_terlambat": 3,
        "alasan": "proyeksi",
    }


def test_too_short_history_says_nothing(tmp_path):
    """Two uploads only: fewer points than min_points, even for an item due in 4 days."""
    db = Database(tmp_path / "siaga.duckdb")
    for week in FRIDAYS[2:]:
        checklist(db, "33.71", week, {"PC07": "belum", "PC04": "belum"})
    assert risk.flags(db, D(2024, 8, 16), CONFIG) == []
    # A third weekly point makes it a history: PC04, PC07 and the unlisted items due within
    # 7 days (PC03 on 23 Aug, PC05 and PC09 on 20 Aug) have had no progress.
    checklist(db, "33.71", FRIDAYS[1], {"PC07": "belum", "PC04": "belum"})
    found = risk.flags(db, D(2024, 8, 16), CONFIG)
    assert [f.komponen for f in found] == [
        "item:PC04", "item:PC05", "item:PC07", "item:PC09", "item:PC03",
    ]  # fmt: skip
    assert {f.alasan for f in found} == {"tanpa_kemajuan"}


def test_a_skipped_week_adds_no_point(tmp_path):
    """No upload on 9 Aug: the points are 26 Jul (0), 2 Aug (0), 16 Aug (.5); the fastest
    pace is .5 over 14 days, so the rest (.5) takes 14 days: 30 Aug, 10 days late; the mean
    pace .5/21 gives 6 Sep."""
    db = Database(tmp_path / "siaga.duckdb")
    for week, status in zip(
        [FRIDAYS[0], FRIDAYS[1], FRIDAYS[3]], ["belum", "belum", "proses"], strict=True
    ):
        checklist(db, "33.71", week, {f"PC{i:02d}": "tidak_berlaku" for i in range(5, 12)} | {
            "PC01": "selesai:2024-07-20", "PC02": "selesai:2024-07-20",
            "PC03": "selesai:2024-07-20", "PC04": status,
        })  # fmt: skip
    (pc04,) = risk.flags(db, D(2024, 8, 16), CONFIG)
    assert (pc04.proyeksi_awal, pc04.proyeksi_akhir, pc04.hari_terlambat) == (
        D(2024, 8, 30),
        D(2024, 9, 6),
        10,
    )
    assert pc04.teks().endswith("perkiraan selesai 30 Agustus – 6 September 2024, batas "
                                "20 Agustus 2024 (10–17 hari terlambat)")  # fmt: skip


def _ppk_rows(filled: int) -> list[str]:
    """Kota Magelang's three PPK units of 5 seats, ``filled`` members in each."""
    return [
        f"33.71;PPK;{kec};;;5;10;{filled};0;0;0"
        for kec in ("Magelang Selatan", "Magelang Tengah", "Magelang Utara")
    ]


def test_body_projection_by_hand(tmp_path):
    """PPK seats filled 0, 3, 6 of 15 on 26 Apr, 3 May, 10 May (sworn in 16 May). From 40%
    to 95% at .2/7 a day (both paces: the fastest week and the mean are equal): 19,25 days,
    so 30 May, 14 days late."""
    db = Database(tmp_path / "siaga.duckdb")
    for week, filled in zip(
        [D(2024, 4, 26), D(2024, 5, 3), D(2024, 5, 10)], [0, 1, 2], strict=True
    ):
        ingest(db, "badan_adhoc", _ppk_rows(filled), week)
    (ppk,) = [f for f in risk.flags(db, D(2024, 5, 10), CONFIG) if f.komponen == "badan:PPK"]
    assert ppk.capaian == pytest.approx(0.4)
    assert (ppk.proyeksi_awal, ppk.proyeksi_akhir, ppk.hari_terlambat, ppk.alasan) == (
        D(2024, 5, 30),
        D(2024, 5, 30),
        14,
        "proyeksi",
    )
    assert ppk.teks() == (
        "Pembentukan PPK: 40,0% — perkiraan selesai 30 Mei 2024, batas 16 Mei 2024 "
        "(14 hari terlambat)"
    )
    # The shipped setting projects no body (seats are filled by one announcement): only a
    # body with nothing filled 5 days before its swearing-in is flagged.
    shipped = dataclasses.replace(CONFIG, projection={**CONFIG.projection, "badan": False})
    assert [f.komponen for f in risk.flags(db, D(2024, 5, 10), shipped)] == []


def test_bimtek_scheduled_module_is_not_flagged(tmp_path):
    """PPK M03 (due 19 Jun), 12 days ahead on 7 Jun with no progress: Salatiga has no
    activity for it (tanpa_kemajuan); Magelang has one planned to end 11 Jun (not flagged)."""
    db = Database(tmp_path / "siaga.duckdb")
    for week in (D(2024, 5, 24), D(2024, 5, 31), D(2024, 6, 7)):
        done = "33.73;PPK;M01;2024-05-20;2024-05-21;luring;20;20;20;"
        ingest(db, "bimtek", [done], week)
        planned = "33.71;PPK;M03;2024-06-10;2024-06-11;luring;15;0;0;"
        ingest(db, "bimtek", [done.replace("33.73", "33.71"), planned], week)
    found = [f for f in risk.flags(db, D(2024, 6, 7), CONFIG) if f.komponen == "bimtek:PPK:M03"]
    assert [(f.kode_wilayah, f.alasan, f.capaian) for f in found] == [
        ("33.73", "tanpa_kemajuan", 0.0)
    ]
    assert found[0].label == (
        "Bimtek PPK · M03 Pemutakhiran data pemilih (SIDALIH, coklit, e-coklit)"
    )


def test_projection_frame_for_the_chart(items_db):
    chart = risk.projection(items_db, "33.71", "item:PC04", D(2024, 8, 16), CONFIG)
    assert chart.batas_waktu == D(2024, 8, 20) and chart.target == 1.0
    assert chart.flag is not None and chart.flag.hari_terlambat == 3
    assert list(chart.points["tanggal"]) == [pd.Timestamp(d) for d in FRIDAYS]
    assert list(chart.points["capaian"]) == [0.0, 0.0, 0.0, 0.5]
    # Breakpoints: last point, deadline, early end, late end, a week after the latest.
    assert list(chart.line["tanggal"]) == [
        pd.Timestamp(d) for d in ("2024-08-16", "2024-08-20", "2024-08-23", "2024-09-06",
                                  "2024-09-13")
    ]  # fmt: skip
    assert list(chart.line["capaian_cepat"]) == pytest.approx([0.5, 0.5 + 2 / 7, 1, 1, 1])
    assert list(chart.line["capaian_rata"]) == pytest.approx(
        [0.5, 0.5 + 2 / 21, 0.5 + 3.5 / 21, 1, 1]
    )
    stalled = risk.projection(items_db, "33.71", "item:PC07", D(2024, 8, 16), CONFIG)
    assert stalled.line["capaian_cepat"].isna().all()
    assert stalled.flag.alasan == "tanpa_kemajuan"


@pytest.fixture
def backtest_db(tmp_path) -> Database:
    """Magelang on six Fridays (26 Jul - 30 Aug), Salatiga from 16 Aug (other items
    tidak_berlaku):

      33.71 PC03 due 23 Aug: 0 0 .5 .5, done 23 Aug      -> on time, never flagged
      33.71 PC04 due 20 Aug: 0 0 0 .5, done 22 Aug       -> missed; flagged 16 Aug (proyeksi)
      33.71 PC07 due 20 Aug: 0 0 0 0, done 19 Aug        -> on time; flagged 16 Aug (tanpa
                                                            kemajuan): a false alarm
      33.73 PC04 due 20 Aug: belum on 16 and 23 Aug      -> missed; two points: never flagged
    """
    db = Database(tmp_path / "siaga.duckdb")
    weeks = [*FRIDAYS, D(2024, 8, 23), D(2024, 8, 30)]
    weekly_checklists(db, "33.71", weeks, {
        "PC03": ["belum", "belum", "proses", "proses", "selesai:2024-08-23", "selesai:2024-08-23"],
        "PC04": ["belum", "belum", "belum", "proses", "selesai:2024-08-22", "selesai:2024-08-22"],
        "PC07": ["belum", "belum", "belum", "belum", "selesai:2024-08-19", "selesai:2024-08-19"],
    })  # fmt: skip
    weekly_checklists(db, "33.73", weeks[3:5], {"PC04": ["belum", "belum"]})
    return db


def test_backtest_by_hand(backtest_db):
    result = risk.backtest(backtest_db, CONFIG)
    assert [(w["minggu"], w["ditandai"], w["terbukti_terlambat"], w["tepat_waktu"])
            for w in result["minggu"]] == [
        ("2024-07-26", 0, 0, 0), ("2024-08-02", 0, 0, 0), ("2024-08-09", 0, 0, 0),
        ("2024-08-16", 2, 1, 1), ("2024-08-23", 0, 0, 0), ("2024-08-30", 0, 0, 0),
    ]  # fmt: skip
    assert result["total"] == {
        "ditandai": 2,
        "ditandai_terbukti_terlambat": 1,
        "presisi": 0.5,
        "komponen_ditandai": 2,
        "komponen_ditandai_terbukti_terlambat": 1,
        "komponen_dinilai": 4,
        "terlambat": 2,
        "terlambat_ditandai": 1,
        "terlambat_tidak_pernah_ditandai": 1,
        "median_hari_peringatan": 4.0,
    }
    assert result["per_jenis"]["item"] == result["total"]
    assert result["per_jenis"]["badan"]["ditandai"] == 0


def test_backtest_until_stops_at_that_week(backtest_db):
    result = risk.backtest(backtest_db, CONFIG, until=D(2024, 8, 16))
    assert [w["minggu"] for w in result["minggu"]][-1] == "2024-08-16"
    # Deadlines after the last week are not judged yet.
    assert result["total"]["komponen_dinilai"] == 0


def test_backtest_text(backtest_db):
    text = risk.backtest_text(risk.backtest(backtest_db, CONFIG))
    lines = text.splitlines()
    assert lines[0] == "Uji mundur peringatan dini pada riwayat data, per minggu:"
    assert lines[4] == ("16 Agustus 2024: 2 ditandai, 1 terbukti terlambat, 1 ternyata tepat waktu")
    assert lines[7] == (
        "Semua komponen: 2 tanda (minggu x komponen), 1 terbukti terlambat (50,0%); "
        "2 komponen pernah ditandai, 1 di antaranya terlambat; dari 4 komponen yang batas "
        "waktunya lewat, 2 terlambat: 1 ditandai sebelumnya, 1 tidak pernah ditandai; "
        "median peringatan 4,0 hari sebelum batas waktu"
    )


def test_date_range_text():
    assert risk.date_range(D(2024, 9, 3), D(2024, 9, 10)) == "3–10 September 2024"
    assert risk.date_range(D(2024, 8, 28), D(2024, 9, 4)) == "28 Agustus – 4 September 2024"
    assert risk.date_range(D(2024, 12, 30), D(2025, 1, 2)) == ("30 Desember 2024 – 2 Januari 2025")
    assert risk.date_range(D(2024, 9, 3), D(2024, 9, 3)) == "3 September 2024"


def test_shipped_settings_are_read():
    config = load_risk_config()
    assert config.min_points <= config.window_weeks
    assert set(config.complete_at) == set(config.no_progress_days) == {"badan", "bimtek", "item"}


def test_open_range_text():
    """The mean pace does not reach completion within the horizon: only the early end."""
    flag = RiskFlag(
        "33.71", "Kota Magelang", "bimtek:PPS:M03", "Bimtek PPS · M03", D(2024, 6, 24), 0.3,
        D(2024, 7, 1), None, 7, "proyeksi",
    )  # fmt: skip
    assert flag.teks() == (
        "Bimtek PPS · M03: 30,0% — perkiraan selesai paling cepat 1 Juli 2024, batas "
        "24 Juni 2024 (sedikitnya 7 hari terlambat)"
    )
