"""Text wrapped to a terminal's width, measured in cells: a Chinese character takes two columns,
and a line may end between any two of them; a run of Latin letters or digits is kept whole where it
fits. Lines break as Chinese is typeset (避头尾, as Word and WPS do): closing punctuation
(，、。）” …) never starts a line and opening punctuation (（《“ …) never ends one; the character
before it moves down to the next line with it.

``wrap`` gives plain lines (reports, digests, piped blocks); ``wrap_rich.BreakingText`` is a Rich
``Text`` whose lines break the same way in tables (kept apart: piped output never loads rich.text).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.cells import cell_len
else:

    def cell_len(text: str) -> int:
        """Rich's cell width, its table loaded when a line is first measured (see ``wrap``)."""
        global cell_len
        from rich.cells import cell_len

        return cell_len(text)


_TOKENS = re.compile(r"[0-9A-Za-z_\-./:@%()（）]+|\s+|.")
NO_START = frozenset("，。、；：！？）》」』】〕〉”’…,.;:!?)]}％")  # never the first character of a line
NO_END = frozenset("（《「『【〔〈“‘([{")  # never the last character of a line


def _pieces(text: str, room: int) -> list[tuple[int, int]]:
    """The tokens of ``text`` as (start, end); a run longer than a whole line cut where it fills one."""
    pieces = []
    for match in _TOKENS.finditer(text):
        start, end = match.span()
        while cell_len(text[start:end]) > room:
            cut = start + 1
            while cell_len(text[start : cut + 1]) <= room:
                cut += 1
            pieces.append((start, cut))
            start = cut
        pieces.append((start, end))
    return pieces


def line_spans(text: str, width: int) -> list[tuple[int, int]]:
    """Where each line of ``text`` starts and ends for lines no wider than ``width`` cells; the
    spaces at a break belong to no line."""
    room = max(1, width)
    lines: list[list[tuple[int, int]]] = [[]]
    used = 0

    def size(pieces: list[tuple[int, int]]) -> int:
        return sum(cell_len(text[s:e]) for s, e in pieces)

    for piece in _pieces(text, room):
        line = lines[-1]
        if used + cell_len(text[piece[0] : piece[1]]) <= room:
            line.append(piece)
            used += cell_len(text[piece[0] : piece[1]])
            continue
        if text[piece[0] : piece[1]].isspace():  # a break at a space: the space goes
            lines.append([])
            used = 0
            continue
        carried = [piece]
        while (
            len(line) > 1
            and not text[line[-1][0] : line[-1][1]].isspace()
            and (text[carried[0][0]] in NO_START or text[line[-1][1] - 1] in NO_END)
        ):
            carried.insert(0, line.pop())
        if size(carried) > room:  # too much to move down: break where the line is full after all
            line += carried[:-1]
            carried = carried[-1:]
        lines.append(carried)
        used = size(carried)
    spans = []
    for line in lines:
        while line and text[line[-1][0] : line[-1][1]].isspace():
            line.pop()
        spans.append((line[0][0], line[-1][1]) if line else (0, 0))
    return spans


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """``text`` as lines no wider than ``width`` cells, each starting with ``indent``."""
    if indent.isascii() and 2 * len(text) <= max(8, width - len(indent)):
        # Fits whatever its characters are (none takes more than two cells): one line, as line_spans
        # would make it, without loading Rich's width table (most of a piped `due`'s lines).
        return [indent + text.rstrip()]
    room = max(8, width - cell_len(indent))
    return [indent + text[start:end] for start, end in line_spans(text, room)]


def with_path(sentence: str, path: str, width: int | None) -> str:
    """``sentence  (path)`` on one line where it fits ``width`` (or no width is given); else the
    sentence wrapped and the path after it, on a line of its own when need be: a path is never cut."""
    line = f"{sentence}  ({path})"
    if width is None or cell_len(line) <= width:
        return line
    lines = wrap(sentence, width)
    if cell_len(f"{lines[-1]}  ({path})") <= width:
        lines[-1] = f"{lines[-1]}  ({path})"
    else:
        lines.append(f"({path})")
    return "\n".join(lines)
