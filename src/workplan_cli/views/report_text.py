"""A report as plain text for the terminal: headings, paragraphs and aligned tables."""

from __future__ import annotations

from workplan_cli.views.ledger import display_width
from workplan_cli.views.literal import literal
from workplan_cli.views.report_blocks import Block, DateLine, Heading, Paragraph, Subtitle, Table, Title


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


def _table(table: Table) -> list[str]:
    """Short cells aligned in columns; a long text column (a task) is put last on its own lines."""
    cells = [table.columns, *table.rows]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(table.columns))]
    lines = []
    for n, row in enumerate(cells):
        line = "  ".join(_pad(cell, widths[i], i in table.numeric) for i, cell in enumerate(row))
        lines.append("  " + line.rstrip())
        if n == 0:
            lines.append("  " + "  ".join("─" * w for w in widths))
    return lines


def render_text(blocks: list[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Title):
            out += [literal(block.text), ""]
        elif isinstance(block, Subtitle):
            out += [literal(block.text)]
        elif isinstance(block, Heading):
            out += ["", literal(block.text)]
        elif isinstance(block, Paragraph):
            out.append(("  " if block.indent else "") + literal(block.lead + block.text))
        elif isinstance(block, Table):
            literal_table = Table(
                tuple(literal(c) for c in block.columns),
                tuple(tuple(literal(c) for c in row) for row in block.rows),
                block.widths,
                block.numeric,
            )
            out += ["", *_table(literal_table), ""]
        elif isinstance(block, DateLine):
            out += ["", literal(block.text)]
    return "\n".join(out).replace("\n\n\n", "\n\n") + "\n"
