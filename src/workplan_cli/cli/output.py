"""Where a command's output goes: a Rich console that reads no markup from plan text and leaves no
trailing spaces in a pipe, the pager, JSON, edit outcomes, errors, and the progress bar of a long load.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import sys
import time
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from rich.console import Console

    from workplan_cli.actions import Outcome
    from workplan_cli.schedule import Entry


def console(*, stderr: bool = False) -> Console:
    """A Rich console that never reads markup or emoji codes from plan text."""
    from rich.console import Console

    stream: IO[str] = sys.stderr if stderr else sys.stdout
    width = None
    if not stream.isatty():
        # Piped or under cron: no terminal to measure, and Rich's 80-column default would fold tables.
        width = int(os.environ["COLUMNS"]) if os.environ.get("COLUMNS", "").isdigit() else 200
        stream = cast(IO[str], TrimmedLines(stream))  # a table pads its cells: no trailing spaces in a file or a pipe
    return Console(file=stream, width=width, markup=False, emoji=False, highlight=False, soft_wrap=True)


class TrimmedLines(io.TextIOBase):
    """Writes to ``stream`` each line without the spaces at its end."""

    def __init__(self, stream: IO[str]) -> None:
        super().__init__()
        self.stream = stream
        self.pending = ""

    def write(self, text: str) -> int:
        lines = (self.pending + text).split("\n")
        self.pending = lines.pop()
        if lines:
            self.stream.write("".join(line.rstrip(" ") + "\n" for line in lines))
        return len(text)

    def flush(self) -> None:
        if self.pending:  # a line not ended yet goes out as it is, so nothing is held back
            self.stream.write(self.pending)
            self.pending = ""
        self.stream.flush()

    def isatty(self) -> bool:
        return False

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", "utf-8") or "utf-8"


@contextlib.contextmanager
def paged(env: Mapping[str, str], *, enabled: bool = True) -> Iterator[Console]:
    """The console a view prints to: on a terminal, through a pager as git does; else plain stdout.

    The pager is ``$WORKPLAN_PAGER``, else ``$PAGER``, else ``less``, with ``LESS=FRX`` unless
    ``LESS`` is set (quit when it fits one screen, keep colours, leave the text on screen). An
    empty pager or ``cat`` means none; ``--no-pager`` and output that is not a terminal bypass it.
    """
    command = env.get("WORKPLAN_PAGER", env.get("PAGER", "less")).strip()
    if not enabled or not sys.stdout.isatty() or command in ("", "cat"):
        out = console()
        yield out
        out.file.flush()
        return
    import shlex
    import shutil
    import subprocess

    from rich.console import Console

    try:
        program = shlex.split(command)[0]
    except (ValueError, IndexError):  # unbalanced quotes: let the shell say what is wrong
        program = command
    if shutil.which(program) is None:
        out = console()  # no such pager on this machine (a bare container has no less): print as is
        yield out
        out.file.flush()
        return

    size = shutil.get_terminal_size()
    pager_env = {**env, "LESS": env.get("LESS", "FRX"), "LV": env.get("LV", "-c")}
    try:
        pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=pager_env)
    except OSError:
        out = console()
        yield out
        return
    assert pager.stdin is not None
    stream = io.TextIOWrapper(pager.stdin, encoding="utf-8", errors="replace")
    out = Console(
        file=stream,
        width=size.columns,
        height=size.lines,
        force_terminal=True,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=True,
    )
    try:
        yield out
    except BrokenPipeError:  # the reader quit the pager before the end: nothing more to show
        pass
    finally:
        with contextlib.suppress(OSError, ValueError):
            stream.close()
        pager.wait()


def print_json(entries: Iterable[Entry]) -> None:
    """JSON straight to stdout, streamed: no Rich console is needed for it. As UTF-8 bytes to the
    stream under stdout when it writes UTF-8 anyway: decoding and encoding again cost `list --json`
    a tenth of its time on a city's plan (200 MB)."""
    from workplan_cli.views.jsonview import iter_json, iter_json_bytes

    stream = sys.stdout
    raw = getattr(stream, "buffer", None)
    if raw is None or os.linesep != "\n" or codecs.lookup(stream.encoding or "ascii").name != "utf-8":
        for text in iter_json(entries):
            stream.write(text)
        return
    stream.flush()  # whatever was written as text goes first
    for chunk in iter_json_bytes(entries):
        raw.write(chunk)


def print_outcomes(outcomes: Iterable[Outcome], lang: str) -> None:
    """What an edit did to each milestone, with its file: green when changed, dim when not."""
    from rich.text import Text

    from workplan_cli.views.wrap import with_path

    out = console()
    width = out.size.width if out.is_terminal else None  # piped: one line per milestone, as before
    for outcome in outcomes:
        style = "green" if outcome.changed else "dim"
        out.print(Text(with_path(outcome.text(lang), str(outcome.path), width), style=style))


def print_error(message: str) -> None:
    """An error on stderr; the message may quote file names, ids or a server's reply: shown literally."""
    from rich.text import Text

    from workplan_cli.views.literal import literal

    console(stderr=True).print(Text(literal(message), style="red"))


class LoadProgress:
    """A progress bar on stderr for a load that takes more than a second, on a terminal only."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> LoadProgress:
        return self

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if not sys.stderr.isatty() or time.monotonic() - self.started < 1.0:
                return
            from rich.progress import Progress

            self.bar = Progress(console=console(stderr=True), transient=True)
            self.bar.start()
            from workplan_cli.cli.helptext import language
            from workplan_cli.i18n import Msg, tr

            # The plan's language is not known before it is read: the one of --lang, the environment
            # or the plan's `language:` line, found when the arguments were parsed.
            self.task = self.bar.add_task(tr(Msg.PROGRESS_READING, language()), total=total)
        self.bar.update(self.task, completed=done)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
