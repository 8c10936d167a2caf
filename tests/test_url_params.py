"""Filters from a shared link: what each parameter accepts, and the exact notice otherwise."""

import datetime as dt

import pytest

from analytics import reference, url_params
from analytics.url_params import LinkFilters

REGIONS = reference.region_names()
LAST = dt.date(2024, 8, 20)  # the last data date
TODAY = dt.date(2024, 8, 23)
ALL_REGIONS = "yang ditampilkan: semua kabupaten/kota."


@pytest.mark.parametrize(
    "text",
    ["33.27", "3327", "33 27", "Kabupaten Pemalang", "kabupaten pemalang", "KABUPATEN PEMALANG",
     "  Kabupaten   Pemalang ", "Kab. Pemalang", "kab pemalang", "pemalang", "Pemalang",
     "KabupatenPemalang"],
)  # fmt: skip
def test_region_by_code_or_name_is_canonical(text):
    assert url_params.parse_region(text, REGIONS) == ("33.27", None)


@pytest.mark.parametrize(
    ("text", "code"),
    [("kota semarang", "33.74"), ("Kota Semarang", "33.74"), ("kabupaten semarang", "33.22"),
     ("33.1", "33.10"), ("3310", "33.10"), ("kota magelang", "33.71")],
)  # fmt: skip
def test_kabupaten_and_kota_of_one_name_are_told_apart(text, code):
    assert url_params.parse_region(text, REGIONS) == (code, None)


@pytest.mark.parametrize(
    ("text", "notice"),
    [
        ("9999", "Parameter tautan diabaikan: wilayah=9999 (kode kabupaten/kota tidak dikenal); "
                 + ALL_REGIONS),
        ("33.99", "Parameter tautan diabaikan: wilayah=33.99 (kode kabupaten/kota tidak "
                  "dikenal); " + ALL_REGIONS),
        ("Pemalangan", "Parameter tautan diabaikan: wilayah=Pemalangan (nama kabupaten/kota "
                       "tidak dikenal); " + ALL_REGIONS),
        ("magelang", "Parameter tautan diabaikan: wilayah=magelang (nama ini dipakai 33.08 "
                     "Kabupaten Magelang dan 33.71 Kota Magelang; tulis nama lengkap atau "
                     "kodenya); " + ALL_REGIONS),
        ("semarang", "Parameter tautan diabaikan: wilayah=semarang (nama ini dipakai 33.22 "
                     "Kabupaten Semarang dan 33.74 Kota Semarang; tulis nama lengkap atau "
                     "kodenya); " + ALL_REGIONS),
    ],
)  # fmt: skip
def test_unknown_or_ambiguous_region_is_ignored_with_a_notice(text, notice):
    assert url_params.parse_region(text, REGIONS) == (None, notice)


def test_region_spellings_follow_the_regions_of_the_data():
    names = {"11.01": "Kabupaten Simeulue", "33.27": "Kabupaten Pemalang"}
    assert url_params.parse_region("simeulue", names) == ("11.01", None)
    assert url_params.parse_region("Kota Semarang", names)[0] is None


@pytest.mark.parametrize(("text", "body"), [("PPS", "PPS"), ("pps", "PPS"), (" Kpps ", "KPPS"),
                                            ("pantarlih", "PANTARLIH"), ("Pantarlih", "PANTARLIH")])  # fmt: skip
def test_body_ignores_case(text, body):
    assert url_params.parse_body(text) == (body, None)


def test_unknown_body_is_ignored_with_the_choices():
    assert url_params.parse_body("PPD") == (
        None,
        "Parameter tautan diabaikan: badan=PPD (badan tidak dikenal; pilihan: PPK, PPS, "
        "PANTARLIH, KPPS); yang ditampilkan: semua badan.",
    )


def test_date_in_and_before_the_data_is_kept():
    assert url_params.parse_as_of("2024-08-15", LAST, TODAY) == (dt.date(2024, 8, 15), None)
    # Before the first data: kept, the pages say there is no data yet on that date.
    assert url_params.parse_as_of("2019-01-01", LAST, TODAY) == (dt.date(2019, 1, 1), None)
    # After the last data but not after today: the state on that day (late reports show).
    assert url_params.parse_as_of(" 2024-08-23 ", LAST, TODAY) == (TODAY, None)


@pytest.mark.parametrize(
    ("text", "reason"),
    [("15-08-2024", "bukan tanggal berformat TTTT-BB-HH, misalnya 2024-08-15"),
     ("20240815", "bukan tanggal berformat TTTT-BB-HH, misalnya 2024-08-15"),
     ("2024-8-15", "bukan tanggal berformat TTTT-BB-HH, misalnya 2024-08-15"),
     ("kemarin", "bukan tanggal berformat TTTT-BB-HH, misalnya 2024-08-15"),
     ("2024-02-30", "tanggal itu tidak ada"),
     ("2024-08-24", "setelah hari ini, 23 Agustus 2024")],
)  # fmt: skip
def test_unusable_date_is_ignored_and_the_latest_data_shown(text, reason):
    assert url_params.parse_as_of(text, LAST, TODAY) == (
        None,
        f"Parameter tautan diabaikan: tanggal={text} ({reason}); yang ditampilkan: data "
        "terbaru, per 20 Agustus 2024.",
    )


def test_date_after_data_that_runs_ahead_of_today():
    later = dt.date(2024, 9, 30)
    assert url_params.parse_as_of("2024-09-30", later, TODAY) == (later, None)
    assert url_params.parse_as_of("2024-10-01", later, TODAY) == (
        None,
        "Parameter tautan diabaikan: tanggal=2024-10-01 (setelah data terakhir, 30 September "
        "2024); yang ditampilkan: data terbaru, per 30 September 2024.",
    )


def test_date_without_any_data():
    assert url_params.parse_as_of("2030-01-01", None, TODAY) == (
        None,
        "Parameter tautan diabaikan: tanggal=2030-01-01 (setelah hari ini, 23 Agustus 2024); "
        "yang ditampilkan: data terbaru.",
    )


def test_slide_number():
    assert url_params.parse_slide("3") == (3, None)
    assert url_params.parse_slide("03", 7) == (3, None)
    assert url_params.parse_slide("9", 7) == (
        7,
        "Parameter tautan diabaikan: slide=9 (hanya ada 7 slide); yang ditampilkan: slide 7.",
    )
    for text in ("0", "-1", "dua", "2.5"):
        assert url_params.parse_slide(text) == (
            None,
            f"Parameter tautan diabaikan: slide={text} (nomor slide harus bilangan bulat mulai "
            "dari 1); yang ditampilkan: slide 1.",
        )


def test_long_or_multiline_value_is_shown_on_one_line_and_cut():
    text = "Kabupaten\nPemalang " + "x" * 60  # 40 characters shown, the last one "…"
    notice = url_params.parse_region(text, REGIONS)[1]
    assert notice == (
        "Parameter tautan diabaikan: wilayah=Kabupaten Pemalang " + "x" * 20 + "… (nama "
        "kabupaten/kota tidak dikenal); " + ALL_REGIONS
    )


def test_resolve_reads_every_parameter_and_collects_the_notices_in_order():
    query = {"tanggal": "2024-13-01", "badan": "kpps", "wilayah": "9999", "slide": "x"}
    assert url_params.resolve(query, REGIONS, LAST, TODAY) == LinkFilters(
        as_of=None,
        body="KPPS",
        region=None,
        slide=None,
        notices=(
            "Parameter tautan diabaikan: tanggal=2024-13-01 (tanggal itu tidak ada); yang "
            "ditampilkan: data terbaru, per 20 Agustus 2024.",
            "Parameter tautan diabaikan: wilayah=9999 (kode kabupaten/kota tidak dikenal); "
            + ALL_REGIONS,
            "Parameter tautan diabaikan: slide=x (nomor slide harus bilangan bulat mulai dari "
            "1); yang ditampilkan: slide 1.",
        ),
    )


def test_empty_or_missing_parameters_are_not_asked_for():
    assert url_params.resolve({}, REGIONS, LAST, TODAY) == LinkFilters()
    empty = {"tanggal": "", "badan": " ", "wilayah": "", "slide": ""}
    assert url_params.resolve(empty, REGIONS, LAST, TODAY) == LinkFilters()
    canonical = {"tanggal": "2024-08-01", "badan": "PPK", "wilayah": "33.01", "slide": "2"}
    assert url_params.resolve(canonical, REGIONS, LAST, TODAY, slide_count=7) == LinkFilters(
        dt.date(2024, 8, 1), "PPK", "33.01", 2
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("0001-01-01", "sebelum 1 Januari 2000"),
        ("1999-12-31", "sebelum 1 Januari 2000"),
        ("２０２４-０８-１５", "bukan tanggal berformat TTTT-BB-HH, misalnya 2024-08-15"),
        ("0000-01-01", "tanggal itu tidak ada"),
    ],
)
def test_dates_no_page_can_count_back_from_are_ignored(text, reason):
    """Issue 11 #6: 0001-01-01 overflowed the pages' week arithmetic; other digits than
    ASCII are not a date format."""
    as_of, notice = url_params.parse_as_of(text, dt.date(2024, 8, 20), dt.date(2024, 9, 1))
    assert as_of is None
    assert notice == (
        f"Parameter tautan diabaikan: tanggal={text} ({reason}); yang ditampilkan: data "
        "terbaru, per 20 Agustus 2024."
    )


def test_the_earliest_date_is_kept():
    as_of, notice = url_params.parse_as_of("2000-01-01", dt.date(2024, 8, 20), dt.date(2024, 9, 1))
    assert (as_of, notice) == (dt.date(2000, 1, 1), None)


@pytest.mark.parametrize("text", ["²", "١", "３", "1.0", "-1", "0"])
def test_slide_numbers_in_other_digits_are_ignored(text):
    number, notice = url_params.parse_slide(text, 7)
    assert number is None
    assert notice == (
        f"Parameter tautan diabaikan: slide={text} (nomor slide harus bilangan bulat mulai dari "
        "1); yang ditampilkan: slide 1."
    )
