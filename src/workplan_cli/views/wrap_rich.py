"""A Rich ``Text`` whose lines break as ``wrap`` breaks them (避头尾), for the cells of Rich tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.containers import Lines
from rich.text import Text

from workplan_cli.views.wrap import line_spans

if TYPE_CHECKING:
    from rich.console import Console, JustifyMethod, OverflowMethod


class BreakingText(Text):
    """A Rich ``Text`` that folds its lines as ``wrap`` does (Rich's own fold cuts before any
    character, ，or 。 included). Only folding is changed: no_wrap, crop and ellipsis are Rich's."""

    def wrap(
        self,
        console: Console,
        width: int,
        *,
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        folding = (overflow or self.overflow or "fold") == "fold" and not (no_wrap or self.no_wrap)
        if not folding or "\t" in self.plain:
            return super().wrap(console, width, justify=justify, overflow=overflow, tab_size=tab_size, no_wrap=no_wrap)
        lines = Lines()
        for line in self.split(allow_blank=True):
            pieces = Lines(line[start:end] for start, end in line_spans(line.plain, width))
            if justify or self.justify:
                pieces.justify(console, width, justify=justify or self.justify or "default", overflow="fold")
            lines.extend(pieces)
        return lines
