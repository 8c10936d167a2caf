"""One self-contained HTML report of the deck: opens offline, charts and sortable tables.

Charts are inline SVG (analytics.exports.svg_chart): no plotly.js, so a regency's one-pager
stays small enough to e-mail. Nothing is fetched (no CDN, no web font, no image). Every text
is escaped, so a regency's free text can never become markup.
"""

from __future__ import annotations

from html import escape

from analytics.exports.svg_chart import chart_svg
from analytics.meeting import NUMERIC_KINDS, Deck, Slide, Table

STYLE = """
:root { --ink: #1a1a1a; --muted: #555; --line: #d9d9d9; --accent: #0072B2; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: var(--ink);
       background: #f4f4f4; font-size: 17px; line-height: 1.45; }
header.doc { background: white; border-bottom: 4px solid var(--accent); padding: 24px 32px; }
header.doc .org { font-size: 15px; color: var(--muted); text-transform: uppercase;
                  letter-spacing: .04em; }
header.doc h1 { margin: 4px 0; font-size: 30px; }
header.doc .meta { font-size: 17px; }
.demo { display: inline-block; background: #E69F00; color: black; font-weight: bold;
        padding: 2px 10px; border-radius: 4px; margin-left: 8px; }
nav.toc { padding: 10px 32px; background: white; border-bottom: 1px solid var(--line); }
nav.toc a { margin-right: 18px; color: var(--accent); text-decoration: none; }
main { padding: 16px 32px 32px; }
section.slide { background: white; border: 1px solid var(--line); border-radius: 8px;
                padding: 20px 24px; margin: 0 0 20px; }
section.slide h2 { margin: 0 0 2px; font-size: 26px; }
.subtitle { color: var(--muted); margin: 0 0 12px; }
.kpis { display: flex; flex-wrap: wrap; gap: 12px; margin: 8px 0 12px; }
.kpi { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 150px; }
.kpi .value { font-size: 28px; font-weight: bold; }
.kpi .label { font-size: 14px; color: var(--muted); }
ul.points { margin: 6px 0 12px; padding-left: 22px; }
.body { display: flex; flex-wrap: wrap; gap: 20px; align-items: flex-start; }
.body > .tablebox { flex: 1 1 420px; overflow-x: auto; }
.body > .chartbox { flex: 2 1 560px; min-width: 0; }
.chartbox svg { display: block; width: 100%; height: auto; }
.chartbox svg rect.bar:hover { opacity: .8; }
table { border-collapse: collapse; width: 100%; font-size: 15px; }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left;
         vertical-align: top; }
th { background: #eef3f8; position: sticky; top: 0; cursor: pointer; white-space: nowrap; }
th[aria-sort="ascending"]::after { content: " ▲"; }
th[aria-sort="descending"]::after { content: " ▼"; }
td.num { text-align: right; white-space: nowrap; }
details { margin: 8px 0; }
details > summary { cursor: pointer; font-weight: bold; font-size: 18px; padding: 6px 0; }
.appendix .tablebox { max-height: 70vh; overflow: auto; }
footer.doc { color: var(--muted); font-size: 14px; padding: 8px 32px 24px; }
@media print {
  body { background: white; }
  nav.toc { display: none; }
  section.slide { break-inside: avoid; page-break-after: always; border: none; }
  .appendix details { display: block; }
}
"""

# Click a header to sort by that column (numbers by their raw value), again to reverse.
SORT_SCRIPT = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("th").forEach(function (th, col) {
    th.addEventListener("click", function () {
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var up = th.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", up ? "ascending" : "descending");
      function key(row) {
        var cell = row.cells[col];
        var raw = cell.getAttribute("data-v");
        if (raw === null) { return cell.textContent; }
        return raw === "" ? null : Number(raw);
      }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        if (x === y) { return 0; }
        if (x === null) { return 1; }
        if (y === null) { return -1; }
        var order = (typeof x === "number" && typeof y === "number")
          ? x - y : String(x).localeCompare(String(y), "id");
        return up ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
"""


def table_html(table: Table) -> str:
    """A sortable table; numeric cells carry their raw value for sorting."""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in table.headers)
    body = []
    for raw, shown in zip(table.rows, table.display_rows(), strict=True):
        cells = []
        for value, text, column in zip(raw, shown, table.columns, strict=True):
            if column.kind in NUMERIC_KINDS:
                sort_value = "" if value is None else escape(_sort_key(value))
                cells.append(f'<td class="num" data-v="{sort_value}">{escape(text)}</td>')
            else:
                cells.append(f"<td>{escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<table class="sortable"><caption hidden>{escape(table.name)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _sort_key(value) -> str:
    if hasattr(value, "toordinal"):  # dates sort by their day number
        return str(value.toordinal())
    return repr(float(value))


def slide_html(slide: Slide, number: int) -> str:
    parts = [f'<section class="slide" id="{escape(slide.key)}">']
    parts.append(f"<h2>{number}. {escape(slide.title)}</h2>")
    if slide.subtitle:
        parts.append(f'<p class="subtitle">{escape(slide.subtitle)}</p>')
    if slide.kpis:
        parts.append('<div class="kpis">')
        for kpi in slide.kpis:
            parts.append(
                f'<div class="kpi"><div class="value">{escape(kpi.value)}</div>'
                f'<div class="label">{escape(kpi.label)}</div></div>'
            )
        parts.append("</div>")
    if slide.points:
        items = "".join(f"<li>{escape(p)}</li>" for p in slide.points)
        parts.append(f'<ul class="points">{items}</ul>')
    if slide.table or slide.chart:
        parts.append('<div class="body">')
        if slide.table:
            parts.append(f'<div class="tablebox">{table_html(slide.table)}</div>')
        if slide.chart:
            parts.append(
                f'<div class="chartbox" id="grafik-{escape(slide.key)}">'
                f"{chart_svg(slide.chart)}</div>"
            )
        parts.append("</div>")
    parts.append("</section>")
    return "\n".join(parts)


def deck_html(deck: Deck) -> bytes:
    """The whole deck as one offline HTML page (the slides, then every indicator table)."""
    title_slide, *slides = deck.slides
    demo = '<span class="demo">DEMO</span>' if deck.is_demo else ""
    toc = "".join(f'<a href="#{escape(s.key)}">{escape(s.title)}</a>' for s in slides)
    toc += '<a href="#lampiran">Lampiran</a>'
    appendix = "".join(
        f"<details><summary>{escape(t.name)} ({len(t.rows)} baris)</summary>"
        f'<div class="tablebox">{table_html(t)}</div></details>'
        for t in deck.tables
        if t.name != "Keterangan"
    )
    body = "\n".join(slide_html(s, i) for i, s in enumerate(slides, start=1))
    page = f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(deck.meeting_title)} · {escape(deck.scope)}</title>
<style>{STYLE}</style>
</head>
<body>
<header class="doc">
<div class="org">{escape(title_slide.subtitle)}</div>
<h1>{escape(deck.meeting_title)}</h1>
<div class="meta">{escape(deck.scope)} · {escape(_as_of_text(title_slide))}{demo}</div>
</header>
<nav class="toc">{toc}</nav>
<main>
{body}
<section class="slide appendix" id="lampiran">
<h2>Lampiran: tabel indikator</h2>
<p class="subtitle">Klik judul kolom untuk mengurutkan. Sel "belum lapor" atau kosong berarti
kabupaten/kota belum melapor, bukan nol.</p>
{appendix}
</section>
</main>
<footer class="doc">{escape(deck.footer)}</footer>
<script>{SORT_SCRIPT}</script>
</body>
</html>
"""
    return page.encode("utf-8")


def _as_of_text(title_slide: Slide) -> str:
    return next((p for p in title_slide.points if p.startswith("Data per")), "")
