"""A report as plain text for the terminal: headings, paragraphs and aligned tables."""

from __future__ import annotations

from workplan_cli.views.ledger import display_width
from workplan_cli.views.literal import literal
from workplan_cli.views.report_blocks import Block, DateLine, Heading, Paragraph, Subtitle, Table, Title
from workplan_cli.views.wrap import wrap


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


def _two_lines(name: str) -> list[str]:
    """A column's name on two lines where it splits well: at a space (On time / rate), or a Chinese
    name of four or more characters between its halves (按时 / 完成率); else on one line."""
    if " " in name:
        cuts = [i for i, ch in enumerate(name) if ch == " "]
        pieces = [[name[:i], name[i + 1 :]] for i in cuts]
    elif len(name) >= 4 and all(display_width(ch) == 2 for ch in name):
        pieces = [[name[:i], name[i:]] for i in range(2, len(name) - 1)]
    else:
        return [name]
    # the narrowest split; of two as narrow, the one with the shorter first line (逾期 / 未完成)
    return min(pieces, key=lambda p: (max(display_width(p[0]), display_width(p[1])), display_width(p[0])))


def _grid(table: Table, header: list[list[str]], widths: list[int], wrapped: int | None) -> list[str]:
    """The rows aligned in columns; a header of several lines sits on the rule; the ``wrapped``
    column's cells are wrapped to its width, the other cells stay on a row's first line."""
    lines: list[str] = []
    height = max(len(name) for name in header)
    for n in range(height):
        cells = [name[n - height + len(name)] if n >= height - len(name) else "" for name in header]
        lines.append("  " + "  ".join(_pad(c, widths[i], i in table.numeric) for i, c in enumerate(cells)).rstrip())
    lines.append("  " + "  ".join("─" * w for w in widths))
    for row in table.rows:
        columns = [wrap(cell, widths[i]) if i == wrapped else [cell] for i, cell in enumerate(row)]
        for n in range(max(len(c) for c in columns)):
            cells = [c[n] if n < len(c) else "" for c in columns]
            lines.append("  " + "  ".join(_pad(c, widths[i], i in table.numeric) for i, c in enumerate(cells)).rstrip())
    return lines


def _table(table: Table, width: int | None = None) -> list[str]:
    """Short cells aligned in columns, as wide as the terminal allows.

    Too wide for it, the column names go on two lines (按时 / 完成率), then the longest text column
    (a task) wraps within its column; a table that still does not fit becomes a block per row:
    its first cell, then one line per other column (name, value), as `gh` shows a record that does
    not fit a table's row.
    """
    count = len(table.columns)
    data = [max((display_width(row[i]) for row in table.rows), default=0) for i in range(count)]
    header = [[name] for name in table.columns]
    widths = [max(data[i], display_width(table.columns[i])) for i in range(count)]
    if width is None or _total(widths) <= width:
        return _grid(table, header, widths, None)
    header = [_two_lines(name) if display_width(name) > data[i] else [name] for i, name in enumerate(table.columns)]
    widths = [max(data[i], *(display_width(line) for line in header[i])) for i in range(count)]
    if _total(widths) <= width:
        return _grid(table, header, widths, None)
    text_columns = [i for i in range(count) if i not in table.numeric]
    longest = max(text_columns, key=lambda i: data[i])
    room = width - _total(widths) + widths[longest]
    if room >= max(_NARROWEST_TEXT, *(display_width(line) for line in header[longest])):
        widths[longest] = room
        return _grid(table, header, widths, longest)
    names = max(display_width(name) for name in table.columns[1:])
    blocks: list[str] = []
    for row in table.rows:
        blocks += wrap(row[0], width, "  ")
        for name, value in zip(table.columns[1:], row[1:], strict=True):
            label = "    " + _pad(name, names, False) + "  "
            wrapped = wrap(value, width, " " * display_width(label))  # the name on the first line only
            blocks += [label + wrapped[0].lstrip(" "), *wrapped[1:]]
    return blocks


_NARROWEST_TEXT = 16  # cells: eight Chinese characters a line; narrower, a row becomes a block


def _total(widths: list[int]) -> int:
    """A table's width: its indent of two, its columns and the two spaces between them."""
    return 2 + sum(widths) + 2 * (len(widths) - 1)


def render_text(blocks: list[Block], width: int | None = None) -> str:
    """The report as text; ``width``: paragraphs wrapped for a terminal that wide (files are not)."""
    out: list[str] = []

    def lines(text: str) -> list[str]:
        return wrap(literal(text), width) if width else [literal(text)]

    for block in blocks:
        if isinstance(block, Title):
            out += [*lines(block.text), ""]
        elif isinstance(block, Subtitle):
            out += lines(block.text)
        elif isinstance(block, Heading):
            out += ["", *lines(block.text)]
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
            out += ["", *lines(block.text)]
    return "\n".join(out).replace("\n\n\n", "\n\n") + "\n"
