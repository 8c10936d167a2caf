"""Bimtek figures: classes, texts and positions of what is drawn, on the tiny fixture."""

import datetime as dt

import pandas as pd
import pytest

from analytics import categories, indicators, training_detail
from analytics.config import load_config
from analytics.figures import theme
from analytics.figures import training as figures
from analytics.views import training as views
from tests.ui.support import fixture_db

ON = dt.date(2024, 8, 21)
CONFIG = load_config()
DAY_MS = 24 * 3600 * 1000


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return fixture_db(tmp_path_factory.mktemp("fig_training") / "siaga.duckdb")


@pytest.fixture(scope="module")
def ind(db):
    return indicators.compute(db, ON)


def cell(fig, row_label, column_label):
    """(class key, text) of one matrix cell."""
    heat = fig.data[0]
    row = list(heat.y).index(row_label)
    column = list(heat.x).index(column_label)
    klass = figures.CELL_CLASSES[heat.z[row][column]][0]
    texts = fig.data[1]
    pairs = list(zip(texts.x, texts.y, texts.text, strict=True))
    text = next(t for x, y, t in pairs if x == column_label and y == row_label)
    return klass, text


def colours(fig, row_label, column_label):
    """(cell colour, text colour) of one matrix cell."""
    heat = fig.data[0]
    z = heat.z[list(heat.y).index(row_label)][list(heat.x).index(column_label)]
    texts = fig.data[1]
    pairs = list(zip(texts.x, texts.y, texts.textfont.color, strict=True))
    text_colour = next(c for x, y, c in pairs if x == column_label and y == row_label)
    return figures.CELL_CLASSES[z][2], text_colour


def test_cell_class_and_text():
    assert figures.cell_class(0.9, views.REPORTED, CONFIG) == "siap"
    assert figures.cell_class(0.846, views.REPORTED, CONFIG) == "perlu_perhatian"
    assert figures.cell_text(0.846, "perlu_perhatian") == "▲ 84,6%"  # as every page shows it
    # Due and never started: judged, 0% tertinggal, never grey.
    assert figures.cell_class(0.0, views.NO_ACTIVITY, CONFIG, is_due=True) == "tertinggal"
    assert figures.cell_text(0.0, "tertinggal", started=False) == "■ 0,0%"
    # Not due yet: grey, and no dash before a number.
    assert figures.cell_class(0.0, views.NO_ACTIVITY, CONFIG, is_due=False) == figures.NOT_DUE
    assert figures.cell_text(0.0, figures.NOT_DUE, started=False) == "◇ belum"
    assert figures.cell_class(0.4, views.REPORTED, CONFIG, is_due=False) == figures.NOT_DUE
    assert figures.cell_text(0.4, figures.NOT_DUE) == "◇ 40,0%"
    assert figures.cell_class(None, views.NOT_REPORTED, CONFIG) == views.NOT_REPORTED
    assert figures.cell_class(None, views.NOT_REPORTED, CONFIG, is_due=False) == "belum_lapor"
    assert figures.cell_text(None, views.NOT_REPORTED) == "○"
    assert figures.cell_text(1.0, "siap") == "● 100,0%"


def tiny_modules() -> pd.DataFrame:
    """Two regencies x two modules on 29 Nov: M01 due 3 Jun, M09 due 30 Dec (hand-made)."""
    return pd.DataFrame(
        {
            "kode_wilayah": ["33.01", "33.01", "33.02", "33.02"],
            "nama": ["Kabupaten A", "Kabupaten A", "Kabupaten B", "Kabupaten B"],
            "label": ["Kab. A", "Kab. A", "Kab. B", "Kab. B"],
            "materi": ["M01", "M09", "M01", "M09"],
            "nama_materi": ["Orientasi", "Lain", "Orientasi", "Lain"],
            "batas_waktu": pd.to_datetime(["2024-06-03", "2024-12-30"] * 2),
            "is_due": [True, False, True, False],
            "is_reported": [True, True, False, False],
            "status": [views.NO_ACTIVITY, views.NO_ACTIVITY, views.NOT_REPORTED,
                       views.NOT_REPORTED],
            "completion_rate": [0.0, 0.0, None, None],
            "peserta_target": [0, 0, None, None],
            "peserta_hadir": [0, 0, None, None],
            "peserta_tuntas": [0, 0, None, None],
            "activity_count": [0, 0, None, None],
        }
    )  # fmt: skip


def test_module_due_and_never_started_is_tertinggal_not_grey():
    fig = figures.module_matrix(tiny_modules(), "PPK", CONFIG)
    overdue = ("Kab. A", "<b>M01</b>")
    assert cell(fig, *overdue) == ("tertinggal", "■ 0,0%")
    assert colours(fig, *overdue) == (categories.CATEGORY_COLOR["tertinggal"], "white")
    not_due = ("Kab. A", "<b>M09</b>")
    assert cell(fig, *not_due) == (figures.NOT_DUE, "◇ belum")
    assert colours(fig, *not_due) == ("#E0E0E0", theme.INK)
    assert cell(fig, "Kab. B", "<b>M01</b>") == (views.NOT_REPORTED, "○")  # unchanged
    assert cell(fig, "Kab. B", "<b>M09</b>") == (views.NOT_REPORTED, "○")
    assert colours(fig, "Kab. B", "<b>M01</b>") == ("#F5F5F5", "#616161")
    heat = fig.data[0]
    assert heat.text[0][0] == (
        "<b>Kabupaten A</b><br>M01 Orientasi<br>Batas waktu: 3 Juni 2024<br>Penuntasan "
        "materi: 0,0%<br>Belum ada kegiatan yang dimulai<br>Target: 0 · Hadir: 0 · Tuntas: 0"
        "<br>Kegiatan: 0"
    )
    assert "Batas waktu: 30 Desember 2024 (belum jatuh tempo)" in heat.text[0][1]
    legend = [t.name for t in fig.data if t.name]
    assert legend == [
        "● Siap (≥ 85%)",
        "▲ Perlu perhatian (60–85%)",
        "■ Tertinggal (< 60%)",
        "◇ Belum jatuh tempo (tidak dinilai)",
        "○ Belum lapor",
    ]
    assert not any(t.startswith("– ") or t.startswith("-") for t in fig.data[1].text)


def tiny_bodies() -> pd.DataFrame:
    """One regency, two bodies: PPK with 4 of 9 modules due and none started; KPPS with
    none due and none started (hand-made)."""
    return pd.DataFrame(
        {
            "kode_wilayah": ["33.01", "33.01"],
            "nama": ["Kabupaten A", "Kabupaten A"],
            "label": ["Kab. A", "Kab. A"],
            "badan": ["PPK", "KPPS"],
            "badan_label": ["PPK", "KPPS"],
            "status": [views.NO_ACTIVITY, views.NO_ACTIVITY],
            "training_due_completion": [0.0, None],
            "training_completion": [0.0, 0.0],
            "due_module_count": [4, 0],
            "required_module_count": [9, 4],
            "peserta_target": [0, 0],
            "peserta_hadir": [0, 0],
            "peserta_tuntas": [0, 0],
            "activity_count": [0, 0],
        }
    )


def test_body_due_and_never_started_is_tertinggal_not_grey():
    fig = figures.completion_matrix(tiny_bodies(), CONFIG)
    assert cell(fig, "Kab. A", "PPK") == ("tertinggal", "■ 0,0%")
    assert colours(fig, "Kab. A", "PPK") == (categories.CATEGORY_COLOR["tertinggal"], "white")
    assert cell(fig, "Kab. A", "KPPS") == (figures.NOT_DUE, "◇ belum")
    assert colours(fig, "Kab. A", "KPPS") == ("#E0E0E0", theme.INK)
    heat = fig.data[0]
    assert heat.text[0][0] == (
        "<b>Kabupaten A</b><br>Bimtek PPK (jatuh tempo): 0,0% (4 dari 9 materi wajib sudah "
        "jatuh tempo)<br>Bimtek PPK (semua materi): 0,0%<br>Target: 0 · Hadir: 0 · Tuntas: 0"
        "<br>Kegiatan: 0"
    )
    assert heat.text[0][1].split("<br>")[1:3] == [
        "Bimtek KPPS (jatuh tempo): belum jatuh tempo (tidak dinilai)",
        "Bimtek KPPS (semua materi): 0,0%",
    ]
    assert fig.layout.title.text == "Bimtek (jatuh tempo) per badan"


def test_completion_matrix(ind):
    fig = figures.completion_matrix(views.completion_frame(ind), CONFIG, highlight="33.71")
    magelang = "<b>▶ Kota Magelang</b>"
    assert list(fig.data[0].x) == ["PPK", "PPS", "Pantarlih", "KPPS"]
    assert len(fig.data[0].y) == 35
    # Modules due by 21 Aug only: PPK (1 + 0.8 + 14/15 + 0) / 4, PPS (1 + 0 + 0 + 0) / 4.
    assert cell(fig, magelang, "PPK") == ("perlu_perhatian", "▲ 68,3%")
    assert cell(fig, magelang, "PPS") == ("tertinggal", "■ 25,0%")
    # Pantarlih modules were due 8-9 July and never started: 0%, behind.
    assert cell(fig, magelang, "Pantarlih") == ("tertinggal", "■ 0,0%")
    assert cell(fig, magelang, "KPPS") == (figures.NOT_DUE, "◇ belum")  # due in November
    assert cell(fig, "Kota Salatiga", "PPK") == (views.NOT_REPORTED, "○")
    legend = [t.name for t in fig.data if t.name]
    assert legend == [
        "● Siap (≥ 85%)",
        "▲ Perlu perhatian (60–85%)",
        "■ Tertinggal (< 60%)",
        "◇ Belum jatuh tempo (tidak dinilai)",
        "○ Belum lapor",
    ]
    (frame,) = fig.layout.shapes
    row = list(fig.data[0].y).index(magelang)
    assert (frame.y0, frame.y1, frame.x0, frame.x1) == (row - 0.5, row + 0.5, -0.5, 3.5)


def test_module_matrix(db):
    modules = views.module_frame(training_detail.module_completion(db, ON), "PPK")
    fig = figures.module_matrix(modules, "PPK", CONFIG)
    assert list(fig.data[0].x) == [f"<b>M0{i}</b>" for i in range(1, 10)]
    assert cell(fig, "Kota Magelang", "<b>M01</b>") == ("siap", "● 100,0%")
    assert cell(fig, "Kota Magelang", "<b>M02</b>") == ("perlu_perhatian", "▲ 80,0%")
    assert cell(fig, "Kota Magelang", "<b>M03</b>") == ("siap", "● 93,3%")
    assert cell(fig, "Kota Magelang", "<b>M04</b>") == (figures.NOT_DUE, "◇ belum")  # 26 Sep
    assert cell(fig, "Kota Magelang", "<b>M09</b>") == ("tertinggal", "■ 0,0%")  # due 22 Jul
    hover = fig.data[0].text[list(fig.data[0].y).index("Kota Magelang")][2]
    assert "M03 Pemutakhiran data pemilih" in hover and "Tuntas: 14" in hover
    assert "Batas waktu: 19 Juni 2024<br>Penuntasan materi: 93,3%" in hover
    assert fig.layout.title.text == "Penuntasan per materi wajib (PPK)"


def test_attendance_funnel(ind):
    fig = figures.attendance_funnel(views.funnel_stages(ind, "PPK"), "Kehadiran PPK")
    (funnel,) = fig.data
    assert list(funnel.y) == ["Target peserta", "Hadir", "Tuntas"]
    assert list(funnel.x) == [45, 44, 41]
    assert funnel.texttemplate == "%{value:,.0f}<br>%{percentInitial:.1%}"
    assert fig.layout.template.layout.separators == ",."  # 1.234 and 97,8% (theme)


def test_activity_timeline(db):
    activities = training_detail.activities(db, ON, body="PPK", region="33.71")
    frame = views.timeline_frame(activities, dt.date(2024, 6, 4))
    fig = figures.activity_timeline(
        frame, "Jadwal kegiatan PPK · Kota Magelang", dt.date(2024, 6, 4)
    )
    done = next(t for t in fig.data if t.name == "Selesai")
    assert list(done.y) == ["M01 Orientasi dan tata kerja", "M02 Kode etik dan netralitas"]
    assert list(done.base) == ["2024-05-20T00:00:00", "2024-05-27T00:00:00"]
    assert list(done.x) == [2 * DAY_MS, 1 * DAY_MS]  # end day included
    running = next(t for t in fig.data if t.name == "Berlangsung")
    planned = next(t for t in fig.data if t.name == "Dijadwalkan")
    assert len(running.y) == 1 and len(planned.y) == 1  # the two waves of M03
    summary = next(t for t in fig.data if t.type == "scatter")
    assert "2 kegiatan · tuntas 93,3% (1 dijadwalkan)" in list(summary.text)
    assert "1 kegiatan · tuntas 80,0%" in list(summary.text)
    line = next(s for s in fig.layout.shapes if s.type == "line")
    assert line.x0 == pd.Timestamp("2024-06-04").timestamp() * 1000
    assert fig.layout.annotations[0].text == "Data per 4 Juni 2024"


def test_module_summary():
    assert figures.module_summary(1, 1, 0, 50) == "1 kegiatan dijadwalkan"
    assert figures.module_summary(3, 0, 99, 100) == "3 kegiatan · tuntas 99,0%"
    assert figures.module_summary(2, 0, 0, 0) == "2 kegiatan"


def test_weekly_matrix(db):
    activities = training_detail.activities(db, ON, body="PPK")
    fig = figures.weekly_matrix(views.weekly_modules(activities), "Per minggu", dt.date(2024, 6, 5))
    heat = fig.data[0]
    assert list(heat.x) == ["20 Mei", "27 Mei", "3 Jun", "10 Jun"]  # empty weeks kept
    assert list(heat.y) == [
        "M01 Orientasi dan tata kerja",
        "M02 Kode etik dan netralitas",
        "M03 Pemutakhiran data pemilih (SID…",
    ]
    assert [list(r) for r in heat.z] == [[1, None, None, None], [None, 1, None, None],
                                         [None, None, 1, 1]]  # fmt: skip
    (week,) = fig.layout.shapes
    assert (week.x0, week.x1) == (1.5, 2.5)  # the week of 5 June


def test_matrix_limited_to_the_lowest_regencies(ind):
    frame = views.completion_frame(ind)
    fig = figures.completion_matrix(frame, CONFIG, highlight="33.73", limit=2)
    # Kota Magelang is the only one with values; then the others by code; the highlight last.
    assert list(fig.data[0].y) == ["Kota Magelang", "Kab. Cilacap", "<b>▶ Kota Salatiga</b>"]
    assert fig.layout.title.text == "Bimtek (jatuh tempo) per badan"
    assert fig.layout.title.subtitle.text == "3 dari 35 kabupaten/kota, terendah dulu"
    assert cell(fig, "Kota Magelang", "PPK") == ("perlu_perhatian", "▲ 68,3%")
    (frame_shape,) = fig.layout.shapes
    assert (frame_shape.y0, frame_shape.y1) == (1.5, 2.5)  # around the highlighted row
    whole = figures.completion_matrix(frame, CONFIG, limit=35)
    assert len(whole.data[0].y) == 35 and whole.data[0].y[0] == "Kab. Cilacap"  # by code
