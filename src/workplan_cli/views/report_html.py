"""A report as one self-contained web page: no external resources, readable on a phone, printable.

On a narrow screen each table row becomes a stacked card whose cells carry their column name, so
nothing scrolls sideways at 390 px; printed, the page is A4 with the tables whole.
"""

from __future__ import annotations

import html

from workplan_cli.views.literal import literal
from workplan_cli.views.report_blocks import Block, DateLine, Heading, Paragraph, Subtitle, Table, Title

MARK_COLOURS = {"red": "#c62828", "yellow": "#f9a825", "blue": "#1565c0"}

_STYLE = """
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem; color: #222; line-height: 1.7;
  font-family: "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif;
  font-size: 16px; overflow-wrap: anywhere; }
h1, h2, h3 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; line-height: 1.4; }
h1 { text-align: center; font-size: 1.5rem; margin: 1rem 0 .5rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; font-family: "KaiTi", "楷体", serif; }
p { margin: .4rem 0; }
p.indent { text-indent: 2em; }
p.subtitle { text-align: center; margin: 0 0 .25rem; }
p.date { text-align: right; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid #999; padding: .3rem .4rem; vertical-align: top; }
th { background: #eee; font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-weight: normal; }
td.num { text-align: right; white-space: nowrap; }
@media (max-width: 640px) {
  body { padding: .75rem; font-size: 15px; }
  table, thead, tbody, tr, th, td { display: block; width: 100%; }
  thead { display: none; }
  tr { border: 1px solid #999; border-left-width: 4px; margin-bottom: .6rem; padding: .2rem .4rem; }
  td { border: none; padding: .1rem 0; text-align: left; }
  td.num { display: inline-block; width: 50%; text-align: left; white-space: normal; }
  td::before { content: attr(data-label) "："; color: #666; }
}
@media print {
  @page { size: A4; margin: 2.5cm 2.2cm; }
  body { max-width: none; padding: 0; font-size: 12pt; }
  tr { page-break-inside: avoid; }
  h2, h3 { page-break-after: avoid; }
}
"""


def _e(text: str) -> str:
    return html.escape(literal(text), quote=True)


def _table(table: Table) -> str:
    total = sum(table.widths) or 1
    cols = "".join(f'<col style="width:{w / total * 100:.1f}%">' for w in table.widths)
    head = "".join(f"<th>{_e(c)}</th>" for c in table.columns)
    rows = []
    for n, row in enumerate(table.rows):
        mark = table.marks[n] if n < len(table.marks) else ""
        style = f' style="border-left-color:{MARK_COLOURS[mark]}"' if mark in MARK_COLOURS else ""
        # The mark: the row's left edge on a phone (a card), its first cell's left edge on a wide screen.
        first = f' style="box-shadow:inset 4px 0 0 {MARK_COLOURS[mark]}"' if mark in MARK_COLOURS else ""
        cells = "".join(
            f"<td{' class=num' if i in table.numeric else ''}{first if i == 0 else ''} "
            f'data-label="{_e(table.columns[i])}">{_e(cell)}</td>'
            for i, cell in enumerate(row)
        )
        rows.append(f"<tr{style}>{cells}</tr>")
    return f"<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def render_html(blocks: list[Block], lang: str = "zh") -> str:
    title = next((b.text for b in blocks if isinstance(b, Title)), "")
    body: list[str] = []
    for block in blocks:
        if isinstance(block, Title):
            body.append(f"<h1>{_e(block.text)}</h1>")
        elif isinstance(block, Subtitle):
            body.append(f'<p class="subtitle">{_e(block.text)}</p>')
        elif isinstance(block, Heading):
            body.append(f"<h{block.level + 1}>{_e(block.text)}</h{block.level + 1}>")
        elif isinstance(block, Paragraph):
            lead = f"<strong>{_e(block.lead)}</strong>" if block.lead else ""
            body.append(f"<p{' class=indent' if block.indent else ''}>{lead}{_e(block.text)}</p>")
        elif isinstance(block, Table):
            body.append(_table(block))
        elif isinstance(block, DateLine):
            body.append(f'<p class="date">{_e(block.text)}</p>')
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
