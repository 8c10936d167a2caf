"""Text a regency typed (catatan, mitra, names) stays text: plotly never reads it as markup,
Excel never runs it as a formula, and a workbook never refuses it."""

import csv
import datetime as dt
import io
import json

import duckdb
import openpyxl
import pandas as pd
import pytest

from analytics import indicators, ingest, meeting, training_detail
from analytics.auth import User
from analytics.config import load_config
from analytics.escaping import plotly_text, spreadsheet_text, workbook_text
from analytics.figures import bodies, candidacy, profile, training
from analytics.figures.meeting import chart_figure
from analytics.views import bodies as body_views
from analytics.views import candidacy as candidacy_views
from analytics.views import profile as profile_views
from analytics.views import training as training_views
from analytics.views import upload as upload_views
from tests.ui.support import FIXTURES, fixture_db

ON = dt.date(2024, 8, 21)
CONFIG = load_config()
CATATAN = '<a href="https://evil.example/phish">KLIK: data Anda salah, login ulang</a>'
MITRA = '<a href="https://evil.example/v">Verifikasi</a>'
NAME = '<span style="font-size:40px">Kota Magelang</span> & co'
MODULE = '<span style="font-size:40px">Orientasi</span>'
HOSTILE = ('<a href="https://evil.example', '<span style="font-size:40px"')


def test_plotly_text_escapes_exactly_what_plotly_reads_as_markup():
    assert plotly_text(CATATAN) == (
        '&lt;a href="https://evil.example/phish"&gt;KLIK: data Anda salah, login ulang&lt;/a&gt;'
    )
    assert plotly_text("A & B") == "A &amp; B"  # plotly decodes &amp; back to &
    assert plotly_text("Kota Magelang") == "Kota Magelang"
    assert plotly_text(33.71) == "33.71"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """The tiny fixture, with hostile text where an operator types: a bimtek catatan, a
    checklist mitra, and (standing for every name) the region and module names."""
    path = tmp_path_factory.mktemp("hostile") / "siaga.duckdb"
    database = fixture_db(path)
    with duckdb.connect(str(path)) as con:
        con.execute("UPDATE bimtek_rows SET catatan = ?", [CATATAN])
        con.execute("UPDATE persiapan_pencalonan_rows SET mitra = ?", [MITRA])
        con.execute("UPDATE ref_wilayah SET nama = ? WHERE kode_wilayah = '33.71'", [NAME])
        con.execute("UPDATE ref_materi SET nama_materi = ? WHERE kode_materi = 'M01'", [MODULE])
    return database


@pytest.fixture(scope="module")
def figures(db):
    """Every figure a page or the deck draws from the data, as the pages build them."""
    ind = indicators.compute(db, ON)
    series = indicators.compute_series(db, meeting.weekly_dates(ON, dt.date(2024, 8, 1)))
    modules = training_detail.module_completion(db, ON)
    activities = training_detail.activities(db, ON, "PPK", "33.71")
    frame = body_views.body_frame(ind, "PPK")
    comparison = profile_views.comparison_frame(ind, "33.71", None)
    ready, sworn = profile_views.trend_frames(series, "33.71", None)
    name = profile_views.region_name(ind, "33.71")
    built = {
        "status_bars": bodies.status_bars(frame, "PPK", False, "33.71"),
        "women_bars": bodies.women_bars(frame, "PPK", CONFIG.women_target, "33.71"),
        "applicant_bars": bodies.applicant_bars(frame, "PPK", CONFIG.applicant_target),
        "coverage_bars": bodies.coverage_bars(frame, "PPK", "kecamatan", "33.71"),
        "completion_matrix": training.completion_matrix(
            training_views.completion_frame(ind, modules), CONFIG, "33.71"
        ),
        "module_matrix": training.module_matrix(
            training_views.module_frame(modules, "PPK"), "PPK", CONFIG, "33.71"
        ),
        "activity_timeline": training.activity_timeline(
            training_views.timeline_frame(activities, ON), f"Jadwal kegiatan PPK · {name}", ON
        ),
        "weekly_matrix": training.weekly_matrix(
            training_views.weekly_modules(activities), "Per minggu", ON
        ),
        "status_heatmap": candidacy.status_heatmap(candidacy_views.cells(ind), "33.71"),
        "comparison_chart": profile.comparison_chart(comparison, name),
        "readiness_trend": profile.readiness_trend(ready, name),
        "sworn_in_trend": profile.sworn_in_trend(sworn),
    }
    deck = meeting.build_deck(series, title=NAME)
    for number, slide in enumerate(deck.slides):
        if slide.chart:
            built[f"deck slide {number}"] = chart_figure(slide.chart)
    return built


def strings(value):
    """Every string anywhere in a figure's JSON."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)


def test_every_figure_shows_uploaded_text_as_text(figures):
    shown = []
    for name, fig in figures.items():
        texts = list(strings(json.loads(fig.to_json())))
        leaks = [t for t in texts if any(h in t for h in HOSTILE)]
        assert leaks == [], name
        shown += texts
    everything = "\n".join(shown)
    # The hostile text is there, as text, in the hovers that carry it.
    assert plotly_text(CATATAN) in everything  # bimtek timeline hover
    assert plotly_text(MITRA) in everything  # checklist heatmap hover
    assert plotly_text(NAME) in everything  # region names: axes, hovers, titles
    assert plotly_text(MODULE) in everything  # module names
    # SIAGA's own markup stays markup.
    assert "<br>" in everything and "<b>" in everything


def test_the_timeline_hover_holds_the_note_as_text(figures):
    done = [t for t in figures["activity_timeline"].data if t.type == "bar"]
    hovers = [h for trace in done for h in trace.hovertext]
    assert any(h.endswith("<br>" + plotly_text(CATATAN)) for h in hovers)


def test_the_heatmap_hover_holds_the_partner_as_text(figures):
    hovers = [h for row in figures["status_heatmap"].data[0].customdata for h in row]
    assert any(h.endswith("Mitra: " + plotly_text(MITRA)) for h in hovers)


def test_a_two_line_title_keeps_its_line_break_only():
    frame = pd.DataFrame({"tahap": ["Target peserta"], "jumlah": [10]})
    fig = training.attendance_funnel(frame, f"Kehadiran PPK<br>{NAME}")
    assert fig.layout.title.text == "Kehadiran PPK<br>" + plotly_text(NAME)


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        (
            '=HYPERLINK("https://evil.example","klik")',
            '\'=HYPERLINK("https://evil.example","klik")',
        ),
        ("+62 812", "'+62 812"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("-", "-"),  # a lone dash is no formula (the table's 'no line')
        ("Kecamatan Bumi", "Kecamatan Bumi"),
        (7, 7),
    ],
)
def test_spreadsheet_text_neutralises_formulas(cell, written):
    assert spreadsheet_text(cell) == written


def test_workbook_text_turns_refused_control_characters_into_spaces():
    assert workbook_text("baris satu\x0bbaris dua\x0c\x00") == "baris satu baris dua  "
    assert workbook_text("tab\tdan\nbaris") == "tab\tdan\nbaris"  # allowed in a cell
    book = openpyxl.Workbook()
    book.active["A1"] = workbook_text("a\x0bb")  # openpyxl refuses the raw text
    with pytest.raises(openpyxl.utils.exceptions.IllegalCharacterError):
        book.active["A2"] = "a\x0bb"


def test_the_error_list_csv_never_runs_a_cell_as_a_formula(db):
    """Issue 11 #8: a file's cell '=HYPERLINK(...)' is listed as an issue; the downloaded
    CSV holds it with a leading apostrophe, so Excel shows it instead of running it."""
    data = (
        (FIXTURES / "badan_adhoc_3371_2024-08-15.csv")
        .read_bytes()
        .replace(
            b"Magelang Utara;;;5;8;5;5;2;0",
            b'Magelang Utara;;;=HYPERLINK("https://evil.example");8;5;5;2;0',
        )
    )
    check = ingest.check_upload(db, User("adm", "admin"), "badan_adhoc", data, ON, "m.csv")
    assert not check.verdict.ok
    text = upload_views.issues_csv(check.verdict.issues).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Jenis", "Baris", "Kolom", "Nilai", "Pesan"]
    (line,) = [r for r in rows if r[2] == "kebutuhan"]
    assert line[:4] == ["✕ Kesalahan", "4", "kebutuhan", '\'=HYPERLINK("https://evil.example")']
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)
