"""AppTest of shared links: filters from the URL made canonical, a notice for what was
ignored (shown as plain text), ?slide= on Mode Rapat, and /ringkasan beside /."""

import datetime as dt
from pathlib import Path

import pytest

from analytics import formatting as fmt
from tests.ui.support import app, fixture_db, registered_pages, texts
from ui import navigation
from ui.shared import plain

IGNORED = "Parameter tautan diabaikan: "


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("tautan") / "siaga.duckdb"
    fixture_db(path)  # data from 1 to 20 August 2024
    return path


def notices(at) -> list[str]:
    return [w.value for w in at.warning if w.value.startswith(plain(IGNORED))]


@pytest.mark.parametrize(
    "spelling", ["33.27", "3327", "Kabupaten Pemalang", "pemalang", " KABUPATEN  pemalang "]
)
def test_region_by_code_or_name_becomes_the_canonical_code(db_path, spelling):
    at = app(db_path, query={"wilayah": spelling, "badan": "pps"})
    assert not at.exception
    assert notices(at) == []
    assert at.selectbox(key="flt_region").value == "33.27"
    assert at.selectbox(key="flt_body").value == "PPS"
    assert (at.query_params["wilayah"], at.query_params["badan"]) == ("33.27", "PPS")


def test_unusable_values_are_named_once_and_dropped_from_the_link(db_path):
    query = {"tanggal": "2024-13-01", "badan": "PPD", "wilayah": "9999"}
    at = app(db_path, query=query)
    assert not at.exception
    assert notices(at) == [
        plain(
            "Parameter tautan diabaikan: tanggal=2024-13-01 (tanggal itu tidak ada); yang "
            "ditampilkan: data terbaru, per 20 Agustus 2024."
        ),
        plain(
            "Parameter tautan diabaikan: badan=PPD (badan tidak dikenal; pilihan: PPK, PPS, "
            "PANTARLIH, KPPS); yang ditampilkan: semua badan."
        ),
        plain(
            "Parameter tautan diabaikan: wilayah=9999 (kode kabupaten/kota tidak dikenal); "
            "yang ditampilkan: semua kabupaten/kota."
        ),
    ]
    assert "Data per **20 Agustus 2024**" in texts(at)
    assert dict(at.query_params) == {"tanggal": "2024-08-20"}
    at.run()  # the notice belongs to the opening of the link
    assert notices(at) == []


def test_a_date_after_today_is_ignored_instead_of_failing(db_path):
    at = app(db_path, query={"tanggal": "2999-01-01"})
    assert not at.exception
    today = fmt.date(fmt.today_wib())
    assert notices(at) == [
        plain(
            f"Parameter tautan diabaikan: tanggal=2999-01-01 (setelah hari ini, {today}); "
            "yang ditampilkan: data terbaru, per 20 Agustus 2024."
        )
    ]


def test_text_from_the_link_is_never_markdown(db_path):
    at = app(db_path, query={"wilayah": "**Kota** [x](http://contoh.id) $x$"})
    assert notices(at) == [
        "Parameter tautan diabaikan\\: wilayah=\\*\\*Kota\\*\\* \\[x\\]\\(http\\://contoh\\.id\\) "
        "\\$x\\$ \\(nama kabupaten/kota tidak dikenal\\); yang ditampilkan\\: semua "
        "kabupaten/kota\\."
    ]


def position(at) -> str:
    line = next(m.value for m in at.markdown if m.value.startswith("**Slide "))
    return line.replace("**", "").split(" · ")[0]


def test_slide_number_in_the_link(db_path):
    at = app(db_path, page="mode_rapat", query={"tanggal": "2024-08-21", "slide": "03"})
    assert not at.exception
    assert position(at).startswith("Slide 3 dari ")  # the deck's length is test_mode_rapat's
    assert at.query_params["slide"] == "3"


def test_slide_that_is_no_number_opens_the_first_with_a_notice(db_path):
    at = app(db_path, query={"tanggal": "2024-08-21", "slide": "tiga"})
    assert notices(at) == [
        plain(
            "Parameter tautan diabaikan: slide=tiga (nomor slide harus bilangan bulat mulai "
            "dari 1); yang ditampilkan: slide 1."
        )
    ]
    assert "slide" not in at.query_params
    at.switch_page("pages/mode_rapat.py").run()
    assert position(at).startswith("Slide 1 dari ")


def test_overview_answers_under_its_own_name(db_path):
    """/ringkasan is a hidden second entry for the default page (/): the same script."""
    at = app(db_path, query={"wilayah": "33.71"})
    home = [m.value for m in at.markdown]
    at.switch_page("pages/ringkasan.py").run()  # resolves to the page named "ringkasan"
    assert not at.exception
    assert [t.value for t in at.title] == ["Ringkasan Provinsi"]
    # The same page (AppTest keeps only the page's own elements after a switch).
    assert set(m.value for m in at.markdown) < set(home)
    assert "**Pendaftaran pasangan calon**  \n27 Agustus 2024" in home


PAGES = ["ringkasan", "badan_adhoc", "bimtek", "pencalonan", "profil", "mode_rapat", "unggah",
         "riwayat", "kartu_status", "tindak_lanjut"]  # fmt: skip


def opened(db_path, page: str, query: dict):
    """``pages/<page>.py`` opened first with ``query``, as a shared link opens it."""
    import os

    from streamlit.testing.v1 import AppTest

    from tests.ui.support import REPO

    os.environ["SIAGA_DB"] = str(db_path)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(f"pages/{page}.py")
    return at.run()


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ({"tanggal": "0001-01-01"},
         "Parameter tautan diabaikan: tanggal=0001-01-01 (sebelum 1 Januari 2000); yang "
         "ditampilkan: data terbaru, per 20 Agustus 2024."),
        ({"tanggal": "2030-01-01"},
         "Parameter tautan diabaikan: tanggal=2030-01-01 (setelah hari ini, {today}); yang "
         "ditampilkan: data terbaru, per 20 Agustus 2024."),
        ({"tanggal": "２０２４-０８-１５"},
         "Parameter tautan diabaikan: tanggal=２０２４-０８-１５ (bukan tanggal berformat "
         "TTTT-BB-HH, misalnya 2024-08-15); yang ditampilkan: data terbaru, per 20 Agustus "
         "2024."),
        ({"slide": "²", "tanggal": "2024-08-21"},
         "Parameter tautan diabaikan: slide=² (nomor slide harus bilangan bulat mulai dari 1); "
         "yang ditampilkan: slide 1."),
    ],
)  # fmt: skip
def test_no_url_value_breaks_a_page(db_path, page, query, notice):
    """Issue 11 #6: dates before 2000 (0001-01-01 overflowed the week arithmetic), after
    today, in other digits, and a slide '²' are ignored with a notice on every page."""
    at = opened(db_path, page, query)
    assert not at.exception
    assert notices(at) == [plain(notice.format(today=fmt.date(fmt.today_wib())))]
    assert dict(at.query_params).get("tanggal") in (None, "2024-08-20", "2024-08-21")


def test_a_superseded_date_in_the_session_is_brought_back_into_range(db_path):
    """A date the date picker no longer accepts (chosen before the latest data was
    withdrawn) becomes the latest data date with a notice, instead of Streamlit's
    StreamlitValueAboveMaxError on every page."""
    import os

    from streamlit.testing.v1 import AppTest

    from tests.ui.support import REPO

    os.environ["SIAGA_DB"] = str(db_path)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.session_state["flt_as_of"] = dt.date(2999, 1, 1)
    at.run()
    assert not at.exception
    today = fmt.date(fmt.today_wib())
    assert [w.value for w in at.warning][0] == plain(
        f"Tanggal 1 Januari 2999 tidak dapat dipilih lagi (pilihan: 1 Agustus 2024 sampai "
        f"{today}); yang ditampilkan: data terbaru, per 20 Agustus 2024."
    )
    assert at.date_input(key="flt_as_of").value == dt.date(2024, 8, 20)


def test_the_first_request_guard_gives_every_page_the_address_app_py_gives_it():
    routes = {(f"pages/{name}", url, default) for name, url, default in navigation.legacy_routes()}
    expected = {
        (page.path, page.url_path or Path(page.path).stem, page.default)
        for page in registered_pages()
    }
    assert routes == expected
