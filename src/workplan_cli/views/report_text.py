"""A report as plain text for the terminal: headings, paragraphs and aligned tables."""

from __future__ import annotations

from workplan_cli.views.ledger import display_width
from workplan_cli.views.literal import literal
from workplan_cli.views.report_blocks import Block, DateLine, Heading, Paragraph, Subtitle, Table, Title
from workplan_cli.views.wrap import wrap


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


def _table(table: Table, width: int | None = None) -> list[str]:
    """Short cells aligned in columns; a long text column (a task) is put last on its own lines.

    Wider than the terminal, each row becomes a block instead: its first cell, then one line per
    other column (name, value), as `gh` shows a record that does not fit a table's row.
    """
    cells = [table.columns, *table.rows]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(table.columns))]
    lines = []
    for n, row in enumerate(cells):
        line = "  ".join(_pad(cell, widths[i], i in table.numeric) for i, cell in enumerate(row))
        lines.append("  " + line.rstrip())
        if n == 0:
            lines.append("  " + "  ".join("─" * w for w in widths))
    if width is None or max(display_width(line) for line in lines) <= width:
        return lines
    names = max(display_width(name) for name in table.columns[1:])
    blocks: list[str] = []
    for row in table.rows:
        blocks += wrap(row[0], width, "  ")
        for name, value in zip(table.columns[1:], row[1:], strict=True):
            label = "    " + _pad(name, names, False) + "  "
            wrapped = wrap(value, width, " " * display_width(label))  # the name on the first line only
            blocks += [label + wrapped[0].lstrip(" "), *wrapped[1:]]
    return blocks


def render_text(blocks: list[Block], width: int | None = None) -> str:
    """The report as text; ``width``: paragraphs wrapped for a terminal that wide (files are not)."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Title):
            out += [literal(block.text), ""]
        elif isinstance(block, Subtitle):
            out += [literal(block.text)]
        elif isinstance(block, Heading):
            out += ["", literal(block.text)]
        elif isinstance(block, Paragraph):
            indent = "  " if block.indent else ""
            paragraph = literal(block.lead + block.text)
            out += wrap(paragraph, width, indent) if width else [indent + paragraph]
        elif isinstance(block, Table):
            literal_table = Table(
                tuple(literal(c) for c in block.columns),
                tuple(tuple(literal(c) for c in row) for row in block.rows),
                block.widths,
                block.numeric,
            )
            out += ["", *_table(literal_table, width), ""]
        elif isinstance(block, DateLine):
            out += ["", literal(block.text)]
    return "\n".join(out).replace("\n\n\n", "\n\n") + "\n"
