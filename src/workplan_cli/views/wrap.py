"""Text wrapped to a terminal's width, measured in cells: a Chinese character takes two columns,
and may end a line anywhere; a run of Latin letters or digits is kept whole where it fits."""

from __future__ import annotations

import re

from rich.cells import cell_len

_TOKENS = re.compile(r"[0-9A-Za-z_\-./:@%()（）]+|\s+|.")


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """``text`` as lines no wider than ``width`` cells, each starting with ``indent``."""
    room = max(8, width - cell_len(indent))
    lines: list[str] = []
    line = ""
    for token in _TOKENS.findall(text):
        while cell_len(token) > room:  # a run longer than a whole line: cut it
            cut = room - cell_len(line)
            if cut <= 0:
                lines.append(line)
                line, cut = "", room
            head = ""
            for ch in token:
                if cell_len(head + ch) > cut:
                    break
                head += ch
            line += head
            token = token[len(head) :]
        if cell_len(line + token) > room:
            lines.append(line.rstrip())
            line = "" if token.isspace() else token
        else:
            line += token
    lines.append(line.rstrip())
    return [indent + piece for piece in lines]
