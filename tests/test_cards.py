"""Status cards from the tiny fixture in tests/fixtures/indikator/: Kota Magelang (33.71)
reports, the 34 others do not. Risk flags are made by hand here, so these tests do not
depend on analytics/risk.py's numbers."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from PIL import Image

from analytics import formatting as fmt
from analytics.cards import PROVINCE, Section, load_cards, urgency
from analytics.cards.image import DEMO_BOX, HEIGHT, WIDTH, card_png, wrap
from analytics.cards.image import font as card_font
from analytics.cards.text import card_text
from analytics.config import load_config
from analytics.ingest import ingest_bytes
from analytics.storage import Database

FIXTURES = Path(__file__).parent / "fixtures" / "indikator"
CONFIG = load_config(FIXTURES / "indikator.toml")
AS_OF = dt.date(2024, 8, 21)
REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Flag:
    """A hand-made stand-in for analytics.risk.RiskFlag: a regency and its line."""

    kode_wilayah: str
    line: str

    def teks(self) -> str:
        return self.line


FLAGS = [
    Flag("33.71", "PC03 SK jadwal lokal: diperkirakan selesai 30 Agustus, batas 23 Agustus"),
    Flag("33.71", "PC06 Akun SILON: diperkirakan selesai 28 Agustus, batas 24 Agustus"),
    Flag("33.71", "PC08 Kerja sama rumah sakit: belum bergerak, batas 26 Agustus"),
    Flag("33.71", "PC10 Rencana pengamanan: belum bergerak, batas 26 Agustus"),
    Flag("33.01", "PC03 SK jadwal lokal: belum bergerak, batas 23 Agustus"),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Database:
    database = Database(tmp_path_factory.mktemp("cards") / "siaga.duckdb")
    for dataset, name, as_of in [
        ("badan_adhoc", "badan_adhoc_3371_2024-08-01.csv", dt.date(2024, 8, 1)),
        ("bimtek", "bimtek_3371_2024-08-01.csv", dt.date(2024, 8, 1)),
        ("persiapan_pencalonan", "persiapan_pencalonan_3371_2024-08-20.csv", dt.date(2024, 8, 20)),
    ]:
        outcome = ingest_bytes(database, dataset, (FIXTURES / name).read_bytes(), as_of, "uji")
        assert outcome.accepted, outcome.verdict.issues
    return database


@pytest.fixture(scope="module")
def cards(db):
    return load_cards(db, AS_OF, FLAGS, CONFIG)


def card_of(cards, code: str):
    return next(card for card in cards if card.code == code)


# Kota Magelang on 21 August 2024 (weights of the fixture config, total 6.5):
# PPK sworn in 14/15, PPS 5/6, Pantarlih 0 (reported, none formed), bimtek PPK
# 0.5 x (1 + 0.8 + 14/15)/9, bimtek PPS 0.5 x 1/7, bimtek Pantarlih 0, candidacy items due
# 2 x 3/6 -> 100 x 2.989947... / 6.5 = 45.9992 -> "46,0".
MAGELANG_INDEX = (
    100 * (14 / 15 + 5 / 6 + 0 + 0.5 * (1 + 0.8 + 14 / 15) / 9 + 0.5 / 7 + 0 + 2 * 0.5) / 6.5
)


def test_the_regency_card_holds_the_index_as_the_dashboard_shows_it(cards):
    magelang = card_of(cards, "33.71")
    assert MAGELANG_INDEX == pytest.approx(45.9992, abs=1e-4)
    assert magelang.index_text == fmt.number(MAGELANG_INDEX, 1) == "46,0"
    assert magelang.category == "tertinggal"
    assert magelang.category_text == "■ Tertinggal"
    # First weekly date of the history (31 July, no data yet) starts the run not ready.
    assert magelang.note == "Belum siap sejak 31 Juli 2024 (3 minggu)"


def test_what_is_behind_reads_as_the_attention_list(cards):
    magelang = card_of(cards, "33.71")
    behind, risks, reporting = magelang.sections
    assert behind.title == "Belum siap pada"
    assert behind.lines == (
        "Pantarlih dilantik 0,0% sejak 31 Juli",
        # PC04, PC07, PC09 were due 20 August and are not done: late from 21 August.
        "Pencalonan (jatuh tempo) 50,0%: 3 butir terlambat sejak 21 Agustus",
        "Bimtek Pantarlih (semua materi) 0,0% sejak 31 Juli",
        "Bimtek PPS (semua materi) 14,3% sejak 31 Juli",
    )
    assert risks.title == "Berisiko terlambat"
    assert risks.lines == tuple(f.line for f in FLAGS[:3])
    assert risks.more == 1
    assert reporting.lines == (
        "▲ Badan ad hoc terlambat sejak 9 Agustus",
        "▲ Bimtek terlambat sejak 9 Agustus",
    )


def test_the_next_deadline_comes_from_the_calendar(cards):
    deadline = card_of(cards, "33.71").deadline
    assert (deadline.countdown, deadline.stage, deadline.date) == (
        "H-3",
        "Pengumuman pendaftaran pasangan calon",
        "24 Agustus 2024",
    )


def test_a_regency_that_has_not_reported_says_so_never_zero(cards):
    cilacap = card_of(cards, "33.01")
    assert cilacap.index_text == "belum lapor"
    assert cilacap.category_text == "○ Belum lapor"
    assert cilacap.sections[1].lines == (FLAGS[4].line,)
    salatiga = card_of(cards, "33.73")
    assert salatiga.sections[1].lines == ("Tidak ada yang diperkirakan terlambat.",)


def test_cards_are_ordered_most_urgent_first(cards):
    codes = [card.code for card in cards]
    assert codes[0] == PROVINCE
    # ■ tertinggal before ○ belum lapor; among those, the one with a risk first, then code.
    assert codes[1:4] == ["33.71", "33.01", "33.02"]
    assert len(codes) == 36
    assert urgency("tertinggal", 0, 70.0, "33.02") < urgency("belum_lapor", 5, None, "33.01")
    assert urgency("siap", 2, 90.0, "33.05") < urgency("siap", 0, 80.0, "33.01")
    assert urgency("siap", 0, 80.0, "33.05") < urgency("siap", 0, 90.0, "33.01")


def test_the_province_card_counts_the_regencies(cards):
    province = cards[0]
    assert province.name == "Provinsi Jawa Tengah"
    assert (province.index_label, province.index_text) == ("Indeks rata-rata", "46,0")
    assert province.note == "1 dari 35 kabupaten/kota melapor"
    counts, worst, risks, reporting = province.sections
    assert counts.lines == ("■ Tertinggal: 1", "○ Belum lapor: 34")
    assert worst.lines[:2] == (
        "Kota Magelang · ■ Tertinggal · indeks 46,0",
        "Kabupaten Cilacap · ○ Belum lapor",
    )
    assert len(worst.lines) == 5 and worst.more == 30
    assert risks.lines == (
        "5 hal di 2 kabupaten/kota",
        "Terbanyak: Kota Magelang (4), Kabupaten Cilacap (1)",
    )
    assert reporting.lines == ("35 kabupaten/kota terlambat atau belum melapor",)


MAGELANG_TEXT = """\
SIAGA · KPU Provinsi Jawa Tengah
*Kota Magelang (33.71)*
Data per 21 Agustus 2024

Indeks kesiapan: *46,0*
Kategori: *■ Tertinggal*
Belum siap sejak 31 Juli 2024 (3 minggu)

*Belum siap pada*
- Pantarlih dilantik 0,0% sejak 31 Juli
- Pencalonan (jatuh tempo) 50,0%: 3 butir terlambat sejak 21 Agustus
- Bimtek Pantarlih (semua materi) 0,0% sejak 31 Juli
- Bimtek PPS (semua materi) 14,3% sejak 31 Juli

*Berisiko terlambat*
- PC03 SK jadwal lokal: diperkirakan selesai 30 Agustus, batas 23 Agustus
- PC06 Akun SILON: diperkirakan selesai 28 Agustus, batas 24 Agustus
- PC08 Kerja sama rumah sakit: belum bergerak, batas 26 Agustus
- … dan 1 lainnya

*Pelaporan*
▲ Badan ad hoc terlambat sejak 9 Agustus
▲ Bimtek terlambat sejak 9 Agustus

*Tenggat berikutnya*
H-3 · 24 Agustus 2024: Pengumuman pendaftaran pasangan calon
"""


def test_the_whatsapp_text_is_exact(cards):
    assert card_text(card_of(cards, "33.71")) == MAGELANG_TEXT


def test_the_whatsapp_text_of_demo_data_starts_with_the_demo_mark(cards):
    demo = replace(card_of(cards, "33.71"), is_demo=True)
    assert card_text(demo).splitlines()[0] == "*DEMO — data contoh, bukan data resmi*"
    assert "DEMO" not in card_text(card_of(cards, "33.71"))


def test_whatsapp_markup_in_data_stays_text(cards):
    odd = replace(card_of(cards, "33.71"), name="Kota *Magelang_", sections=(
        Section("Berisiko terlambat", ("PC03 *tebal* _miring_ ~coret~",)),
    ))  # fmt: skip
    text = card_text(odd)
    assert "*Kota ∗Magelang  (33.71)*" in text
    assert "- PC03 ∗tebal∗  miring  ∼coret∼" in text


def test_the_text_when_every_milestone_has_passed(db):
    late = load_cards(db, dt.date(2024, 12, 2), [], CONFIG)
    assert late[0].deadline is None
    assert card_text(late[0]).endswith(
        "*Tenggat berikutnya*\nSemua tahapan dalam jadwal sudah lewat.\n"
    )


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_the_png_is_a_portrait_1080_by_1350(cards):
    image = decoded(card_png(card_of(cards, "33.71")))
    assert image.format == "PNG"
    assert image.size == (WIDTH, HEIGHT) == (1080, 1350)


def test_the_demo_mark_is_drawn_on_demo_cards_only(cards):
    card = card_of(cards, "33.71")
    plain_band = decoded(card_png(card)).convert("RGB").crop(DEMO_BOX)
    demo_band = decoded(card_png(replace(card, is_demo=True))).convert("RGB").crop(DEMO_BOX)
    demo_colours = {colour for _, colour in demo_band.getcolors(maxcolors=1 << 16)}
    assert (255, 213, 79) in demo_colours  # the yellow band
    assert any(sum(c) < 200 for c in demo_colours)  # with dark text on it
    assert (255, 213, 79) not in {c for _, c in plain_band.getcolors(maxcolors=1 << 16)}


def test_long_names_and_lines_wrap_inside_the_card(cards):
    face = card_font(34)
    lines = wrap("Bimtek Pantarlih (jatuh tempo) 27,8% sejak 9 Juli " * 4, face, 500)
    assert len(lines) > 1 and all(face.getlength(line) <= 500 for line in lines)
    assert wrap("x" * 300, face, 500)[0] == "x" * len(wrap("x" * 300, face, 500)[0])
    crowded = replace(
        card_of(cards, "33.71"),
        name="Kabupaten Pekalongan Kabupaten Pekalongan Kabupaten Pekalongan",
        sections=card_of(cards, "33.71").sections * 4,
    )
    image = decoded(card_png(crowded)).convert("RGB")
    assert image.size == (1080, 1350)
    # Nothing is drawn in the side margins (text never runs off the card).
    for box in ((0, 300, 40, 1300), (1040, 300, 1080, 1300)):
        assert {c for _, c in image.crop(box).getcolors(maxcolors=1 << 16)} == {(255, 255, 255)}


def test_the_province_card_draws_too(cards):
    assert decoded(card_png(cards[0])).size == (1080, 1350)


def test_cards_draw_without_a_browser_or_plotly(tmp_path):
    """No Chromium (BROWSER_PATH points nowhere) and plotly/kaleido unimportable: the cards
    still draw, and the card modules never import them."""
    script = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('plotly', 'kaleido', 'choreographer'):\n"
        "            raise ImportError(name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "from analytics.cards.image import card_png\n"
        "from analytics.cards.text import card_text\n"
        "from analytics.cards.model import Card, Section\n"
        "import datetime as dt\n"
        "card = Card('33.27', 'Kabupaten Pemalang', dt.date(2024, 8, 20), True, "
        "'Indeks kesiapan', '64,3', 'tertinggal', '■ Tertinggal', '', "
        "(Section('Belum siap pada', ('PPK dilantik 50,0%',)),), None)\n"
        "assert card_png(card)[:8] == b'\\x89PNG\\r\\n\\x1a\\n'\n"
        "assert '*64,3*' in card_text(card)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('plotly', 'kaleido', 'streamlit')))\n"
    )
    env = {"BROWSER_PATH": str(tmp_path / "no-chromium"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"


def test_before_anything_is_due_no_card_claims_a_verdict(db):
    early = load_cards(db, dt.date(2024, 4, 1), [], CONFIG)
    province, cilacap = early[0], early[1]
    assert province.index_text == "-"
    assert province.note == "0 dari 35 kabupaten/kota melapor"
    assert province.sections[0].lines == ("– Belum dinilai: 35",)
    assert province.sections[1].lines == (
        "Tidak ada kabupaten/kota yang tertinggal, belum lapor atau perlu perhatian.",
    )
    assert (cilacap.code, cilacap.index_text, cilacap.category_text) == (
        "33.01",
        "–",
        "– Belum dinilai",
    )
    assert cilacap.sections[0].lines == ("Belum ada komponen yang jatuh tempo.",)
    assert cilacap.note == ""
