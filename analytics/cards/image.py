"""A status card as a portrait PNG (1080×1350, the shape a phone shows whole), drawn with
Pillow and the DejaVu fonts shipped in data/fonts: no browser, no system font needed.

Every piece of text is wrapped to the card's width. When the sections do not fit, the
type steps down (never below a size a phone still reads); then the longest list gives up
its last lines, counted as "… dan 2 lainnya" (the WhatsApp text keeps them all).
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from analytics.cards.model import ALL_PASSED, CATEGORY_TITLE, DEMO_NOTE, ORGANISATION, Card
from analytics.categories import CATEGORY_COLOR, CATEGORY_SYMBOL

WIDTH, HEIGHT = 1080, 1350
MARGIN = 60
FONT_DIR = Path(__file__).resolve().parents[2] / "data" / "fonts"
REGULAR, BOLD = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"

NAVY = "#1B2A41"
INK = "#1A1A1A"
MUTED = "#5F6B7A"
PAPER = "#FFFFFF"
PANEL = "#EEF1F5"
DEMO_FILL = "#FFD54F"  # yellow, unlike every category colour
# The band that carries the DEMO mark on a demo card (tests look for it there).
DEMO_BOX = (0, 0, WIDTH, 76)
# Category colours whose text reads better in black (amber and greys).
DARK_TEXT = {"perlu_perhatian", "belum_lapor", "belum_dinilai"}
# Section type sizes tried in turn, largest first, until the sections fit: 28 px on the
# card is about 10 px on a 390 px wide phone screen, the least that reads comfortably.
BODY_SIZES = (34, 31, 28)
ELLIPSIS = "…"


@functools.cache
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / (BOLD if bold else REGULAR)), size)


def wrap(text: str, face: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """``text`` as lines no wider than ``width``: words move to the next line; a word
    wider than a line on its own is split between characters."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if face.getlength(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        while face.getlength(word) > width:
            cut = max(1, _fitting_prefix(word, face, width))
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current or not lines:
        lines.append(current)
    return lines


def _fitting_prefix(word: str, face: ImageFont.FreeTypeFont, width: float) -> int:
    count = 0
    while count < len(word) and face.getlength(word[: count + 1]) <= width:
        count += 1
    return count


def line_height(face: ImageFont.FreeTypeFont) -> int:
    return round(face.size * 1.28)


@dataclass(frozen=True)
class _Block:
    """One laid-out line of the sections: text, font, x offset, the space it takes (its
    line height plus ``gap`` above it)."""

    text: str
    face: ImageFont.FreeTypeFont
    x: int
    height: int
    color: str
    gap: int = 0


def _section_blocks(sections, size: int, width: int) -> list[_Block]:
    title_face, body_face = font(size + 4, bold=True), font(size)
    bullet = "•  "
    indent = round(body_face.getlength(bullet))
    blocks: list[_Block] = []
    for number, section in enumerate(sections):
        gap = round(size * 0.7) if number else 0
        title_lines = wrap(section.title, title_face, width)
        for i, text in enumerate(title_lines):
            extra = gap if i == 0 else 0
            blocks.append(_Block(text, title_face, 0, line_height(title_face) + extra, NAVY, extra))
        hang = indent if section.bullets else 0
        for line in section.shown_lines:
            for i, text in enumerate(wrap(line, body_face, width - hang)):
                shown = f"{bullet}{text}" if i == 0 and section.bullets else text
                x = 0 if i == 0 else hang
                blocks.append(_Block(shown, body_face, x, line_height(body_face), INK))
    return blocks


def _fit_sections(card: Card, width: int, height: int) -> list[_Block]:
    """The section lines at the largest type that fits ``height``; failing that, the
    longest list loses its last line ('… dan 1 lainnya') until they fit; as a last resort
    the lines that fit, the last ending in '…'."""
    for size in BODY_SIZES:
        blocks = _section_blocks(card.sections, size, width)
        if sum(b.height for b in blocks) <= height:
            return blocks
    size, sections = BODY_SIZES[-1], list(card.sections)
    while True:
        # The tallest list that may lose a line gives up its last one.
        tallest = max(
            (i for i, s in enumerate(sections) if s.may_shorten),
            key=lambda i: sum(b.height for b in _section_blocks([sections[i]], size, width)),
            default=None,
        )
        if tallest is None:
            break
        sections[tallest] = sections[tallest].shortened()
        blocks = _section_blocks(sections, size, width)
        if sum(b.height for b in blocks) <= height:
            return blocks
    kept, used = [], 0
    for block in blocks:
        if used + block.height > height:
            break
        kept.append(block)
        used += block.height
    if kept:
        last = kept[-1]
        text = last.text
        while text and last.face.getlength(text + ELLIPSIS) > width - last.x:
            text = text[:-1]
        kept[-1] = _Block(
            text.rstrip() + ELLIPSIS, last.face, last.x, last.height, last.color, last.gap
        )
    return kept


def _text(draw: ImageDraw.ImageDraw, xy, text: str, face, fill) -> None:
    draw.text(xy, text, font=face, fill=fill)


def _fit_font(text: str, width: int, sizes: tuple[int, ...], bold: bool = True):
    """The largest of ``sizes`` at which ``text`` wraps onto at most two lines."""
    for size in sizes:
        face = font(size, bold)
        lines = wrap(text, face, width)
        if len(lines) <= 2:
            return face, lines
    face = font(sizes[-1], bold)
    return face, wrap(text, face, width)[:2]


def draw_card(card: Card) -> Image.Image:
    """The card as an RGB image of WIDTH × HEIGHT."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    inner = WIDTH - 2 * MARGIN
    y = 0
    if card.is_demo:
        draw.rectangle(DEMO_BOX, fill=DEMO_FILL)
        face = font(32, bold=True)
        text = DEMO_NOTE
        _text(
            draw,
            ((WIDTH - face.getlength(text)) / 2, (DEMO_BOX[3] - face.size) / 2 - 2),
            text,
            face,
            INK,
        )
        y = DEMO_BOX[3]

    # Header: organisation, name (two lines at most), code.
    name_face, name_lines = _fit_font(card.name, inner, (64, 56, 48, 42))
    small = font(30)
    header_height = 36 + line_height(small) + len(name_lines) * line_height(name_face) + 24
    if not card.is_province:
        header_height += line_height(small)
    draw.rectangle((0, y, WIDTH, y + header_height), fill=NAVY)
    y += 36
    _text(draw, (MARGIN, y), ORGANISATION, small, "#C9D3E0")
    y += line_height(small)
    for line in name_lines:
        _text(draw, (MARGIN, y), line, name_face, PAPER)
        y += line_height(name_face)
    if not card.is_province:
        _text(draw, (MARGIN, y), f"Kode wilayah {card.code}", small, "#C9D3E0")
        y += line_height(small)
    y += 24

    # Index and category.
    y += 34
    label_face, index_face = font(32), font(128, bold=True)
    _text(draw, (MARGIN, y), card.index_label, label_face, MUTED)
    index_top = y + line_height(label_face)
    index_text = card.index_text
    index_size = 128
    while font(index_size, True).getlength(index_text) > inner * 0.45 and index_size > 48:
        index_size -= 8
    index_face = font(index_size, bold=True)
    _text(draw, (MARGIN, index_top), index_text, index_face, INK)
    panel_left = MARGIN + round(inner * 0.5)
    panel_width = WIDTH - MARGIN - panel_left
    panel_top, panel_bottom = y + 8, index_top + 150
    sections = card.sections
    if card.category is not None:
        fill = CATEGORY_COLOR[card.category]
        ink = INK if card.category in DARK_TEXT else PAPER
        face, lines = _fit_font(card.category_text, panel_width - 48, (52, 46, 40, 34))
        draw.rounded_rectangle((panel_left, panel_top, WIDTH - MARGIN, panel_bottom), 24, fill=fill)
        block = len(lines) * line_height(face)
        ty = panel_top + (panel_bottom - panel_top - block) / 2
        for line in lines:
            _text(draw, (panel_left + 24, ty), line, face, ink)
            ty += line_height(face)
    elif sections and sections[0].title == CATEGORY_TITLE:
        # The province: its regencies per category in the panel, each symbol in its colour.
        counts, sections = sections[0].lines, sections[1:]
        draw.rounded_rectangle(
            (panel_left, panel_top, WIDTH - MARGIN, panel_bottom), 24, fill=PANEL
        )
        _category_counts(draw, counts, (panel_left, panel_top, WIDTH - MARGIN, panel_bottom))
    y = panel_bottom + 22
    if card.note:
        note_face = font(32)
        for line in wrap(card.note, note_face, inner):
            _text(draw, (MARGIN, y), line, note_face, INK)
            y += line_height(note_face)
    y += 16
    draw.line((MARGIN, y, WIDTH - MARGIN, y), fill="#C7CED8", width=3)
    y += 30

    # Footer (drawn from the bottom up): data date, then the next deadline.
    foot_face = font(28)
    foot_y = HEIGHT - 36 - line_height(foot_face)
    foot = f"{card.data_date} · SIAGA" + (" · DEMO" if card.is_demo else "")
    _text(draw, (MARGIN, foot_y), foot, foot_face, MUTED)
    dl_title, dl_face, dl_when = font(30, bold=True), font(32), font(36, bold=True)
    if card.deadline is None:
        dl_lines = [(line, dl_face) for line in wrap(ALL_PASSED, dl_face, inner - 48)]
    else:
        dl_lines = [(line, dl_when) for line in wrap(card.deadline.when, dl_when, inner - 48)]
        dl_lines += [(line, dl_face) for line in wrap(card.deadline.stage, dl_face, inner - 48)]
    dl_lines = dl_lines[:3]
    lines_height = sum(line_height(face) for _, face in dl_lines)
    box_height = 24 + line_height(dl_title) + lines_height + 20
    box_top = foot_y - 24 - box_height
    draw.rounded_rectangle((MARGIN, box_top, WIDTH - MARGIN, box_top + box_height), 20, fill=PANEL)
    ty = box_top + 24
    _text(draw, (MARGIN + 24, ty), "Tenggat berikutnya", dl_title, NAVY)
    ty += line_height(dl_title)
    for line, face in dl_lines:
        _text(draw, (MARGIN + 24, ty), line, face, INK)
        ty += line_height(face)

    # Sections between the divider and the deadline box.
    for block in _fit_sections(replace(card, sections=sections), inner, box_top - 24 - y):
        _text(draw, (MARGIN + block.x, y + block.gap), block.text, block.face, block.color)
        y += block.height
    return image


def _category_counts(draw: ImageDraw.ImageDraw, counts, box) -> None:
    """'■ Tertinggal: 11' lines inside ``box``, at the largest size that fits, each
    symbol drawn in its category's colour."""
    left, top, right, bottom = box
    colour_of = {symbol: CATEGORY_COLOR[c] for c, symbol in CATEGORY_SYMBOL.items()}
    for size in (36, 32, 28, 24):
        face = font(size)
        fits_wide = all(face.getlength(line) <= right - left - 48 for line in counts)
        if fits_wide and len(counts) * line_height(face) <= bottom - top - 24:
            break
    ty = top + (bottom - top - len(counts) * line_height(face)) / 2
    for line in counts:
        symbol, rest = line[:1], line[1:]
        _text(draw, (left + 24, ty), symbol, font(face.size, True), colour_of.get(symbol, INK))
        _text(draw, (left + 24 + face.getlength(symbol), ty), rest, face, INK)
        ty += line_height(face)


def card_png(card: Card) -> bytes:
    """The card as PNG bytes (1080×1350)."""
    buffer = io.BytesIO()
    draw_card(card).save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
