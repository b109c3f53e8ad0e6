"""What click and typer print themselves (help pages, usage lines, usage errors) in the run's language.

Typer declares help texts in English when a command module is imported, before the language is
known, and its bundled click writes its own words in English; so the Chinese is put in where the
text is written out: a help formatter that translates what it is given, and usage errors shown here.
The Chinese lives in ``help_zh`` (imported only when a Chinese page or error is shown).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from functools import cache
from typing import IO, Any

from typer._click.core import Context
from typer._click.exceptions import ClickException, UsageError
from typer._click.formatting import HelpFormatter

# The run's language is read before typer is (see args); re-exported for those who ask here.
from workplan_cli.cli.args import language as language
from workplan_cli.cli.args import language_of_args as language_of_args
from workplan_cli.cli.args import set_language as set_language


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    from workplan_cli.cli.help_zh import CLICK_ZH

    return [(re.compile(pattern, re.DOTALL), chinese) for pattern, chinese in CLICK_ZH]


def click_zh(text: str) -> str:
    """click's own English words in Chinese (the text unchanged when no pattern knows it)."""
    for pattern, chinese in _patterns():
        found = pattern.fullmatch(text)
        if found:
            return chinese.format(**{k: click_zh(v) if k == "b" else v for k, v in found.groupdict("").items()})
    return text


def help_zh(text: str) -> str:
    """A help text in Chinese: the command's or option's own, with typer's ``[default: …]`` after it."""
    from workplan_cli.cli.help_zh import EXIT_CODES_ZH, HELP_ZH
    from workplan_cli.errors import EXIT_CODES

    own, bracket, extra = text.partition("  [")
    if own.startswith("Exit codes: "):
        codes = (f"{code} {EXIT_CODES_ZH.get(code, meaning)}" for code, meaning in EXIT_CODES.items())
        chinese = "退出码：" + "；".join(codes) + "。"
    elif own in HELP_ZH:
        chinese = HELP_ZH[own]
    elif whole := _starting_with(own.removesuffix("...")):  # a command's short help in the list of commands
        chinese = whole.split("\n\n")[0].split("。")[0] + "。"
    else:
        chinese = click_zh(own)
    if bracket:
        chinese += "  [" + "; ".join(click_zh(part) for part in extra.rstrip("]").split("; ")) + "]"
    return chinese


def _starting_with(prefix: str) -> str | None:
    from workplan_cli.cli.help_zh import HELP_ZH

    return next((zh for en, zh in HELP_ZH.items() if en.startswith(prefix)), None)


class TranslatingFormatter(HelpFormatter):
    """click's help formatter writing Chinese when the run's language is Chinese."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if language() == "zh":
            prefix = "用法："
        super().write_usage(prog, args, prefix)

    def write_heading(self, heading: str) -> None:
        if language() == "zh":
            self.write(f"{'':>{self.current_indent}}{click_zh(heading)}：\n")
        else:
            super().write_heading(heading)

    def write_text(self, text: str) -> None:
        if language() != "zh":
            super().write_text(text)
            return
        indent = " " * self.current_indent
        paragraphs = [wrap_cells(p, self.width - self.current_indent) for p in help_zh(text).split("\n\n")]
        self.write("\n\n".join("\n".join(indent + line for line in lines) for lines in paragraphs) + "\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        """As click's, with the Chinese wrapped by terminal cells (a Chinese character takes two)."""
        if language() != "zh":
            super().write_dl(rows, col_max, col_spacing)
            return
        first_col = min(max((cells(term) for term, _ in rows), default=0), col_max) + col_spacing
        for term, text in rows:
            self.write(f"{'':>{self.current_indent}}{term}")
            if not text:
                self.write("\n")
                continue
            if cells(term) <= first_col - col_spacing:
                self.write(" " * (first_col - cells(term)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap_cells(help_zh(text), max(self.width - first_col - self.current_indent, 10))
            pad = " " * (first_col + self.current_indent)
            self.write("\n".join([lines[0], *(pad + line for line in lines[1:])]) + "\n")


# An ASCII run, a space, or one character; closing punctuation stays with what it closes.
_PIECES = re.compile(r"[\x21-\x7e]+[，。；：）、]?|\s+|.[，。；：）、]?")


def cells(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap_cells(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` terminal cells: a run of ASCII (an option, a path) is never cut, a
    line may break between any two Chinese characters, and a single newline is not a break."""
    lines, line = [], ""
    text = re.sub(r"(?<=[^\x00-\x7f])\n|\n(?=[^\x00-\x7f])", "", text).replace("\n", " ")
    for piece in _PIECES.findall(text):
        if piece.isspace():
            piece = " "
            if not line:
                continue
        if line and cells(line) + cells(piece) > width:
            lines.append(line.rstrip())
            line = "" if piece == " " else piece
        else:
            line += piece
    lines.append(line.rstrip())
    return lines or [""]


class TranslatingContext(Context):
    formatter_class = TranslatingFormatter


def use_translating_context(commands: Iterable[Any]) -> None:
    """Give these commands (and the commands of a group among them) the translating help formatter."""
    for command in commands:
        command.context_class = TranslatingContext
        subcommands = getattr(command, "commands", None)
        if isinstance(subcommands, dict):
            use_translating_context(subcommands.values())


def show_usage_error(error: ClickException, file: IO[str] | None = None) -> None:
    """click's usage error in the run's language: usage line, where to find help, and the error."""
    if language() != "zh":
        error.show(file)
        return
    out = file or sys.stderr
    ctx = error.ctx if isinstance(error, UsageError) else None
    if ctx is not None:
        out.write(ctx.get_usage() + "\n")
        if ctx.command.get_help_option(ctx) is not None:
            out.write(f"运行 '{ctx.command_path} {ctx.help_option_names[0]}' 查看帮助。\n")
    out.write(f"错误：{click_zh(error.format_message())}\n")
