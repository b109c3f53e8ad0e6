"""A plan file's text: read safely (regular files only, up to a limit, UTF-8), or FileBroken
naming what is wrong with it. No YAML here: reading a file of the written form (see
``writtenform``) needs no PyYAML.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from workplan_cli.i18n import ProblemCode
from workplan_cli.model import Problem

MAX_FILE_BYTES = 1024 * 1024  # an initiative is a few KB; anything this big is the wrong file


class FileBroken(Exception):
    """The file cannot be read at all; the problem is attached."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_text(path: Path | str) -> str:
    """The file's text without a BOM, or FileBroken naming what is wrong with it.

    Only a regular file is read, and never more than MAX_FILE_BYTES of it: a FIFO named
    ``x.yaml`` would wait for a writer forever, a link to /dev/zero would never end.
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # before opening: opening a device can act
            raise FileBroken(_not_regular(path))
        fd = os.open(path, _OPEN_FLAGS)
        try:
            info = os.fstat(fd)  # what was opened, in case the path was swapped meanwhile
            if not stat.S_ISREG(info.st_mode):
                raise FileBroken(_not_regular(path))
            if info.st_size > MAX_FILE_BYTES:
                raise FileBroken(_too_large(path, info.st_size))
            chunks, size = [], 0
            # Reads of its size and a byte more (a file that grew since is read on): asking for
            # the whole limit would allocate a megabyte for every 1 KB file of a cold load.
            step = info.st_size + 1
            while size <= MAX_FILE_BYTES:  # a file growing while read stops at the limit too
                chunk = os.read(fd, min(step, MAX_FILE_BYTES + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if len(chunk) < step:
                    break  # a regular file reads short only at its end: no further read to be told so
            if size > MAX_FILE_BYTES:
                raise FileBroken(_too_large(path, size))
            data = b"".join(chunks)
        finally:
            os.close(fd)
    except OSError as err:
        raise FileBroken(Problem(ProblemCode.CANNOT_READ, Path(path), 0, 0, {"reason": err})) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1  # in bytes: the line is not text
        raise FileBroken(Problem(ProblemCode.NOT_UTF8, Path(path), line, column, {"byte": data[err.start]})) from None
    text = text.removeprefix("\ufeff")
    if not text or text.isspace():
        raise FileBroken(Problem(ProblemCode.EMPTY_FILE, Path(path), 0))
    return text


def _not_regular(path: Path | str) -> Problem:
    return Problem(ProblemCode.NOT_REGULAR_FILE, Path(path), 0)


def _too_large(path: Path | str, size: int) -> Problem:
    return Problem(
        ProblemCode.TOO_LARGE, Path(path), 0, 0, {"mib": size / 1024 / 1024, "limit_kib": MAX_FILE_BYTES // 1024}
    )
