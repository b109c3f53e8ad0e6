"""The `workplan` command line: which module holds each command, and ``main``.

Each command group is a module of its own (``views``, ``edits``, ``authoring``, ``digest``,
``imports``, ``exports``, ``reports``), holding a ``commands`` Typer: options, one call into the core, render,
exit. They share ``options`` and ``context`` and never import one another. A new command goes in
its group's module and gets a line in ``root.COMMANDS`` (a test checks that the two agree).

This module imports no typer: ``main`` first offers the run to ``quick`` (the everyday `due` and
`list`, and the root help page, without typer's and Rich's start-up), and builds the typer
application (``root.app``) only for everything else.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import sys
from typing import Any


def __getattr__(name: str) -> Any:
    """``app``, ``COMMANDS`` and the root's helpers live in ``root`` (typer), imported when first asked for."""
    if name in ("app", "COMMANDS", "RootGroup", "english_statuses", "hoist_lang"):
        from workplan_cli.cli import root

        return getattr(root, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    # Under cron LANG is often unset; never let an ASCII stdout turn Chinese text into a crash.
    for stream in (sys.stdout, sys.stderr):
        if (getattr(stream, "encoding", "") or "").lower() in ("ascii", "ansi_x3.4-1968"):
            stream.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    # A short-lived process that builds hundreds of thousands of acyclic objects on a large plan:
    # the cycle collector would only rescan them again and again (10-40 % of a load, measured).
    gc.disable()
    from workplan_cli import cache

    cache.defer_writes()  # written when the command is done (see cache.write_deferred)
    try:
        from workplan_cli.cli.quick import run_quickly

        quick = run_quickly(sys.argv[1:], os.environ)
        if quick is None:
            from workplan_cli.cli.root import app

            app()
        code = quick or 0
    except SystemExit as leaving:
        code = leaving.code if isinstance(leaving.code, int) else (0 if leaving.code is None else 1)
    except OSError as err:  # stdout on a full disk, or a pipe whose reader is gone
        code = _output_failed(err)
    # Leave without tearing down the heap: on a large plan, freeing a million objects one by one
    # takes longer than anything the command did. Nothing of ours needs exit handlers; output is
    # flushed here, and the forked cache writer (see cache.py) is its own process.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except OSError as err:
            code = code or _output_failed(err)
        except ValueError:  # closed
            code = code or 1
    cache.write_deferred()
    os._exit(code)


def _output_failed(err: OSError) -> int:
    """Exit 1 with one line on stderr; none for a closed pipe (`workplan list | head` is no error
    to shout about), and no traceback either way."""
    if err.errno != errno.EPIPE:
        with contextlib.suppress(OSError):
            what = "cannot write the output" if err.errno in _OUTPUT_ERRORS else "error"
            os.write(2, f"workplan: {what}: {err.strerror or err}\n".encode("utf-8", "replace"))
    return 1


_OUTPUT_ERRORS = {errno.ENOSPC, errno.EIO, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}
