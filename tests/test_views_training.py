"""Bimtek views on the tiny fixture: Kota Magelang's five activities of the 1 August upload.

PPK: M01 15/15 tuntas, M02 12/15, M03 9/10 + 5/5 -> module completion 1, 0.8, 14/15 and
0 for six more required modules: (1 + 0.8 + 14/15) / 9 = 30.4%. Attendance 44 of 45.
PPS: M01 6 tuntas of 6 (7 came): 1 / 7 = 14.3%.
Due by 21 August (batas_waktu in materi_wajib.csv): PPK M01, M02, M03, M09 ->
(1 + 0.8 + 14/15 + 0) / 4 = 68.3%; PPS M01, M02, M03, M09 -> 1 / 4 = 25%; Pantarlih
M01-M03 (July), never started -> 0%; KPPS nothing due (November).
"""

import datetime as dt

import pandas as pd
import pytest

from analytics import indicators, training_detail
from analytics.views import training as views
from tests.ui.support import fixture_db

ON = dt.date(2024, 8, 21)
PPK_COMPLETION = (1 + 0.8 + 14 / 15) / 9


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return fixture_db(tmp_path_factory.mktemp("views_training") / "siaga.duckdb")


@pytest.fixture(scope="module")
def ind(db):
    return indicators.compute(db, ON)


@pytest.fixture(scope="module")
def modules(db):
    return training_detail.module_completion(db, ON)


@pytest.fixture(scope="module")
def activities(db):
    return training_detail.activities(db, ON, body="PPK", region="33.71")


def test_completion_frame_statuses(ind):
    frame = views.completion_frame(ind).set_index(["kode_wilayah", "badan"])
    assert len(frame) == 35 * 4
    assert frame.loc[("33.71", "PPK"), "status"] == views.REPORTED
    assert frame.loc[("33.71", "PPK"), "training_completion"] == pytest.approx(PPK_COMPLETION)
    assert frame.loc[("33.71", "PANTARLIH"), "status"] == views.NO_ACTIVITY
    assert frame.loc[("33.73", "PPK"), "status"] == views.NOT_REPORTED
    assert list(frame.loc["33.71"].index) == ["PPK", "PPS", "PANTARLIH", "KPPS"]
    assert frame.loc[("33.01", "PPK"), "label"] == "Kab. Cilacap"


def test_bodies_without_activity_are_explained(ind):
    assert views.has_activity(ind, "PPK") and not views.has_activity(ind, "KPPS")
    # Pantarlih has no activity but its modules are due: it is shown (at 0%), not explained.
    assert views.has_due_modules(ind, "PANTARLIH") and not views.has_due_modules(ind, "KPPS")
    assert views.empty_body_message(ind, "PANTARLIH") == (
        "Belum ada kegiatan bimtek Pantarlih per 21 Agustus 2024: belum ada kabupaten/kota "
        "yang melaporkan kegiatan bimtek untuk Pantarlih. Jadwal tahapan — Pelantikan "
        "Pantarlih; coklit sampai 24 Juli (24 Juni 2024 s.d. 24 Juli 2024)."
    )


def test_body_summary(ind):
    summary = views.body_summary(ind).set_index("Badan")
    assert summary.loc["PPK"].to_dict() == {
        "Bimtek (jatuh tempo)": "68,3%",
        "Bimtek (semua materi)": "30,4%",
        "Kab/kota aktif": "1/35",
        "Kegiatan": "4",
        "Target peserta": "45",
        "Hadir": "97,8%",  # 44 / 45
        "Tuntas": "91,1%",  # 41 / 45
    }
    assert summary.loc["PPS", "Bimtek (jatuh tempo)"] == "25,0%"
    assert summary.loc["PPS", "Bimtek (semua materi)"] == "14,3%"
    # Due in July and never started: 0%, not "belum dimulai".
    assert summary.loc["Pantarlih", "Bimtek (jatuh tempo)"] == "0,0%"
    assert summary.loc["Pantarlih", "Bimtek (semua materi)"] == "belum dimulai"
    assert summary.loc["KPPS", "Bimtek (jatuh tempo)"] == "belum jatuh tempo"
    assert summary.loc["KPPS", "Bimtek (semua materi)"] == "belum dimulai"


def test_province_metrics(ind, modules):
    metrics = {k: v for k, v, _ in views.province_metrics(ind, modules, "PPK")}
    assert metrics == {
        "Bimtek PPK (jatuh tempo)": "68,3%",  # the judged measure first
        "Bimtek PPK (semua materi)": "30,4%",
        "Materi berjalan": "3/9",  # M01, M02, M03 of 9 required, in the one reporting regency
        "Kegiatan": "4",
        "Target peserta": "45",
        "Hadir": "97,8%",
        "Tuntas": "91,1%",
    }
    helps = {k: h for k, _, h in views.province_metrics(ind, modules, "PPK")}
    assert "1 di antaranya tuntas 100%" in helps["Materi berjalan"]
    assert helps["Bimtek PPK (jatuh tempo)"] == (
        "Penuntasan materi wajib yang batas waktunya sudah lewat pada tanggal data (rata-rata "
        "per materi, tiap materi paling tinggi 100%); inilah yang dinilai indeks kesiapan dan "
        "warna lampu (4 dari 9 materi wajib sudah jatuh tempo). Angka provinsi: rata-rata "
        "kabupaten/kota yang melapor."
    )
    assert helps["Bimtek PPK (semua materi)"] == (
        "Penuntasan semua materi wajib badan itu, termasuk yang belum jatuh tempo (rata-rata "
        "per materi, tiap materi paling tinggi 100%). Angka provinsi: rata-rata "
        "kabupaten/kota yang melapor."
    )
    kpps = {k: v for k, v, _ in views.province_metrics(ind, modules, "KPPS")}
    assert kpps["Bimtek KPPS (jatuh tempo)"] == "belum jatuh tempo"


def test_measures_caption_uses_the_catalogue():
    assert views.measures_caption() == (
        "Bimtek (jatuh tempo): penuntasan materi wajib yang batas waktunya sudah lewat pada "
        "tanggal data (rata-rata per materi, tiap materi paling tinggi 100%); inilah yang "
        "dinilai indeks kesiapan dan warna lampu. Bimtek (semua materi): penuntasan semua "
        "materi wajib badan itu, termasuk yang belum jatuh tempo (rata-rata per materi, tiap "
        "materi paling tinggi 100%)."
    )


def test_module_frame(modules):
    frame = views.module_frame(modules, "PPK")
    assert len(frame) == 35 * 9
    magelang = frame[frame["kode_wilayah"] == "33.71"].set_index("materi")
    assert magelang.loc["M02", "completion_rate"] == 0.8
    assert magelang.loc["M04", "status"] == views.NO_ACTIVITY
    assert magelang.loc["M01", "status"] == views.REPORTED
    assert set(frame.loc[frame["kode_wilayah"] == "33.73", "status"]) == {views.NOT_REPORTED}
    assert magelang.loc["M09", "batas_waktu"] == pd.Timestamp("2024-07-22")
    assert magelang["is_due"].to_dict() == {
        "M01": True, "M02": True, "M03": True, "M04": False, "M05": False, "M06": False,
        "M07": False, "M08": False, "M09": True,
    }  # fmt: skip


def test_funnel_stages(ind):
    province = views.funnel_stages(ind, "PPK")
    assert list(province["tahap"]) == ["Target peserta", "Hadir", "Tuntas"]
    assert list(province["jumlah"]) == [45, 44, 41]
    assert list(views.funnel_stages(ind, "PPS", "33.71")["jumlah"]) == [6, 7, 6]
    assert views.funnel_stages(ind, "PPK", "33.73").empty  # belum lapor
    assert views.funnel_stages(ind, "KPPS").empty  # no target anywhere


def test_timeline_status_on_the_report_date(activities):
    frame = views.timeline_frame(activities, dt.date(2024, 5, 27))
    assert list(zip(frame["materi"], frame["status"], strict=True)) == [
        ("M01", "selesai"),
        ("M02", "berlangsung"),  # one-day activity on the report date
        ("M03", "dijadwalkan"),
        ("M03", "dijadwalkan"),
    ]
    assert frame["module_label"].iloc[0] == "M01 Orientasi dan tata kerja"
    assert views.activity_status("2024-06-03", "2024-06-04", dt.date(2024, 6, 4)) == "berlangsung"


def test_weekly_modules(activities):
    weekly = views.weekly_modules(activities).set_index(["materi", "week_start"])
    assert weekly.loc[("M01", pd.Timestamp("2024-05-20")), "region_count"] == 1
    assert weekly.loc[("M03", pd.Timestamp("2024-06-03")), "activity_count"] == 1
    assert weekly.loc[("M03", pd.Timestamp("2024-06-10")), "activity_count"] == 1
    assert len(weekly) == 4
    assert views.week_start("2024-06-09") == pd.Timestamp("2024-06-03")  # Sunday -> Monday
    assert views.weekly_modules(activities.iloc[0:0]).empty


def test_completion_export_and_table(ind, modules):
    export = views.completion_export(ind, modules, "PPK").set_index("Kode")
    magelang = export.loc["33.71"]
    assert magelang["Bimtek PPK (jatuh tempo) (%)"] == 68.3
    assert magelang["Bimtek PPK (semua materi) (%)"] == 30.4
    assert (magelang["Materi wajib"], magelang["Materi tuntas"]) == (9, 1)
    assert magelang["Materi jatuh tempo"] == 4
    assert (magelang["Target peserta"], magelang["Hadir"], magelang["Tuntas"]) == (45, 44, 41)
    assert (magelang["M01 (%)"], magelang["M02 (%)"], magelang["M03 (%)"]) == (100.0, 80.0, 93.3)
    assert magelang["M04 (%)"] == 0.0
    assert pd.isna(export.loc["33.73", "Bimtek PPK (jatuh tempo) (%)"])
    assert export.loc["33.73", "Status"] == "belum lapor"
    table = views.completion_table(ind, modules, "PPK").set_index("Kode")
    assert table.loc["33.71", "Bimtek PPK (jatuh tempo)"] == "68,3%"
    assert table.loc["33.71", "Bimtek PPK (semua materi)"] == "30,4%"
    assert table.loc["33.71", "M03"] == "93,3%"
    assert table.loc["33.73", "Bimtek PPK (jatuh tempo)"] == "belum lapor"
    assert "Badan" not in table.columns
    kpps = views.completion_table(ind, modules, "KPPS").set_index("Kode").loc["33.71"]
    assert kpps["Bimtek KPPS (jatuh tempo)"] == "belum jatuh tempo"  # due in November
    assert kpps["Bimtek KPPS (semua materi)"] == "0,0%"


def test_module_names():
    assert views.module_names("KPPS") == (
        "M01 Orientasi dan tata kerja (batas 22 Nov) · M02 Kode etik dan netralitas (batas "
        "23 Nov) · M06 Pemungutan dan penghitungan suara (batas 26 Nov) · M08 Sirekap "
        "(batas 26 Nov)"
    )


def test_modules_not_started_yet_are_not_counted_as_behind(ind, modules):
    later = modules.copy()
    future = (later["kode_wilayah"] == "33.71") & (later["materi"] == "M01")
    later.loc[future, "first_start_date"] = pd.Timestamp("2024-09-02")
    ppk = views.module_frame(later, "PPK").set_index(["kode_wilayah", "materi"])
    assert ppk.loc[("33.71", "M01"), "status"] == views.NO_ACTIVITY
    assert ppk.loc[("33.71", "M02"), "status"] == views.REPORTED
    frame = views.completion_frame(ind, later).set_index(["kode_wilayah", "badan"])
    assert frame.loc[("33.71", "PPS"), "status"] == views.NO_ACTIVITY  # its only module: M01
    assert frame.loc[("33.71", "PPK"), "status"] == views.REPORTED
    assert frame.loc[("33.73", "PPK"), "status"] == views.NOT_REPORTED
    pps = views.body_summary(ind, later).set_index("Badan").loc["PPS"]
    assert pps["Bimtek (semua materi)"] == "belum dimulai"
    assert pps["Bimtek (jatuh tempo)"] == "25,0%"  # judged as the indicators judge it


def test_scheduled_note(activities):
    assert views.scheduled_note(activities, dt.date(2024, 5, 27)) == (
        "Target termasuk 15 peserta dari 2 kegiatan yang belum dimulai per 27 Mei 2024."
    )
    assert views.scheduled_note(activities, ON) is None
