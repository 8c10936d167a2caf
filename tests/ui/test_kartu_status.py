"""AppTest of Kartu Status: every card, most urgent first, the DEMO mark, the WhatsApp text
to copy and the downloads (one PNG per card, all cards in one ZIP)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from PIL import Image

from analytics.cards import load_cards
from analytics.cards.text import card_text
from analytics.storage import Database
from tests.ui.support import app

DEMO_REGIONS = ("33.26", "33.27", "33.71")  # Kabupaten Pekalongan, Pemalang, Kota Magelang
QUERY = {"tanggal": "2024-08-20"}


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    from analytics.demo_store import build_demo
    from analytics.reference import regions

    path = tmp_path_factory.mktemp("kartu") / "siaga.duckdb"
    chosen = regions()[regions()["kode_wilayah"].isin(DEMO_REGIONS)]
    build_demo(path, regions=chosen)
    return path


@pytest.fixture(scope="module")
def expected(db_path):
    return load_cards(Database(db_path), dt.date(2024, 8, 20))


def card_blocks(at) -> list[str]:
    """The Markdown of each card, in page order."""
    return [m.value for m in at.markdown if m.value.startswith("#### ") and "Indeks " in m.value]


def test_every_card_most_urgent_first_with_demo_mark(db_path, expected):
    at = app(db_path, page="kartu_status", query=QUERY)
    assert not at.exception
    assert at.title[0].value == "Kartu Status"
    blocks = card_blocks(at)
    assert len(blocks) == 36  # the province, then 35 regencies (32 of them belum lapor)
    assert blocks[0].startswith("#### Provinsi Jawa Tengah\n")
    order = [card.code for card in expected[1:]]
    assert [b.splitlines()[0].rsplit(" · ", 1)[1] for b in blocks[1:]] == order
    pemalang = next(b for b in blocks if b.startswith("#### Kabupaten Pemalang · 33.27"))
    index = next(c.index_text for c in expected if c.code == "33.27")
    assert f"Indeks kesiapan: **{index}**" in pemalang
    assert all(":orange-badge[DEMO — data contoh, bukan data resmi]" in b for b in blocks)


def test_whatsapp_text_is_offered_to_copy(db_path, expected):
    at = app(db_path, page="kartu_status", query=QUERY)
    texts = [c.value for c in at.code]
    assert len(texts) == 36
    assert texts[0] == card_text(expected[0]).rstrip("\n")  # st.code drops the last newline
    assert texts[0].startswith("*DEMO — data contoh, bukan data resmi*\n")


def test_downloads_give_pngs_and_one_zip(db_path, generators):
    at = app(db_path, page="kartu_status", query=QUERY)
    buttons = at.get("download_button")
    labels = [b.proto.label for b in buttons]
    assert labels.count("Unduh gambar (PNG)") == 36
    assert labels.count("Unduh semua kartu (ZIP)") == 1
    png_button = next(b for b in buttons if b.proto.id.endswith("kartu_png_33.27"))
    image = Image.open(io.BytesIO(generators[png_button.proto.deferred_file_id]()))
    assert image.size == (1080, 1350)
    zipped = next(b for b in buttons if b.proto.id.endswith("kartu_zip"))
    names = zipfile.ZipFile(io.BytesIO(generators[zipped.proto.deferred_file_id]())).namelist()
    assert len(names) == 72
    assert names[0] == "00_siaga_kartu_provinsi_2024-08-20.png"


def test_a_chosen_regency_shows_its_card_first(db_path):
    at = app(db_path, page="kartu_status", query={**QUERY, "wilayah": "pemalang"})
    assert not at.exception
    blocks = card_blocks(at)
    assert [b.splitlines()[0] for b in blocks] == [
        "#### Kabupaten Pemalang · 33.27",
        "#### Provinsi Jawa Tengah",
    ]
