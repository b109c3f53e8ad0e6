"""The `workplan` command line: the root options, the command modules, and ``main``.

Each command group is a module of its own (``views``, ``edits``, ``authoring``, ``digest``,
``imports``, ``exports``, ``reports``), holding a ``commands`` Typer: options, one call into the core, render,
exit. They share ``options`` and ``context`` and never import one another. A new command goes in
its group's module and gets a line in ``COMMANDS`` (a test checks that the two agree).
"""

from __future__ import annotations

import contextlib
import errno
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.main
from typer._click.exceptions import ClickException
from typer.core import TyperGroup
from typer.exceptions import Abort

from workplan_cli import __version__
from workplan_cli.cli.context import AppContext
from workplan_cli.cli.helptext import (
    TranslatingContext,
    language,
    language_of_args,
    set_language,
    show_usage_error,
    use_translating_context,
)
from workplan_cli.cli.options import LangOption
from workplan_cli.errors import EXIT_CODES

# Each command and the module under workplan_cli.cli that holds it, in the order of `workplan --help`.
# A command's module is imported only when that command runs (or for --help and completion), so
# `workplan due` never pays for building the options of `report` or `import`.
COMMANDS = {
    "due": "views",
    "list": "views",
    "show": "views",
    "check": "views",
    "done": "edits",
    "reopen": "edits",
    "note": "edits",
    "add": "authoring",
    "set": "authoring",
    "log": "authoring",
    "rollover": "authoring",
    "pull": "authoring",
    "collect": "supervision",
    "ingest": "supervision",
    "accept": "supervision",
    "chase": "supervision",
    "digest": "digest",
    "remind": "digest",
    "import": "imports",
    "export": "exports",
    "timeline": "views",
    "stats": "views",
    "report": "reports",
}


class RootGroup(TyperGroup):
    """Loads command modules on demand, and takes ``--lang`` after the command too
    (`workplan due --lang en`), though only the root declares it."""

    context_class = TranslatingContext

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """As click's, but its usage errors are shown in the run's language (see helptext)."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        try:
            result = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except ClickException as error:
            show_usage_error(error)
            sys.exit(error.exit_code)
        except Abort:
            sys.stderr.write("已中止。\n" if language() == "zh" else "Aborted!\n")
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)  # typer returns an Exit's code here

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        set_language(language_of_args(args, os.environ))  # before click can fail on an option
        return super().parse_args(ctx, english_statuses(hoist_lang(args)))

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self._load(COMMANDS[cmd_name])
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in COMMANDS:  # a typo: load every command so that typer can suggest one
            for module in dict.fromkeys(COMMANDS.values()):
                self._load(module)
        return super().resolve_command(ctx, args)

    def _load(self, module_name: str) -> None:
        module = importlib.import_module(f"workplan_cli.cli.{module_name}")
        for info in module.commands.registered_commands:
            command = typer.main.get_command_from_info(
                info, pretty_exceptions_short=app.pretty_exceptions_short, rich_markup_mode=app.rich_markup_mode
            )
            if command.name is not None:
                use_translating_context([command])
                self.commands.setdefault(command.name, command)
        for group_info in module.commands.registered_groups:  # `workplan add initiative|milestone`
            sub = group_info.typer_instance
            name = group_info.name or (sub.info.name if sub is not None else None)
            if sub is not None and isinstance(name, str):
                group = typer.main.get_command(sub)
                use_translating_context([group])
                self.commands.setdefault(name, group)


def english_statuses(args: list[str]) -> list[str]:
    """``--status 逾期`` as ``--status overdue``: a status is accepted by its Chinese name too."""
    from workplan_cli.i18n import TEXT, Msg

    chinese = {TEXT[Msg(f"status.{name}")][1]: name for name in ("overdue", "due", "upcoming", "ongoing", "done")}
    out = list(args)
    for index, arg in enumerate(out):
        if arg == "--":
            break
        if index and out[index - 1] == "--status" and arg in chinese:
            out[index] = chinese[arg]
        elif arg.startswith("--status=") and arg[len("--status=") :] in chinese:
            out[index] = "--status=" + chinese[arg[len("--status=") :]]
    return out


def hoist_lang(args: list[str]) -> list[str]:
    """Move ``--lang X`` / ``--lang=X`` and ``--no-pager`` given after the command to the front, where
    the root reads them."""
    before, rest = [], list(args)
    index = 0
    while index < len(rest):
        arg = rest[index]
        if arg == "--":
            break
        if (arg.startswith("--lang=") or arg == "--no-pager") and index > 0:
            before.append(rest.pop(index))
            continue
        if arg == "--lang" and index > 0 and index + 1 < len(rest):
            before += [rest.pop(index), rest.pop(index)]
            continue
        index += 1
    return before + rest


app = typer.Typer(
    name="workplan",
    cls=RootGroup,
    help="Track the deadlines of an annual work plan kept as YAML files in plan/.",
    epilog="Exit codes: " + "; ".join(f"{code} {meaning}" for code, meaning in EXIT_CODES.items()) + ".",
    no_args_is_help=True,
    context_settings={"help_option_names": ["--help", "-h"]},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"workplan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Read every plan file; neither use nor update the cache.")
    ] = False,
    lang: LangOption = None,
    workspace: Annotated[
        Path | None,
        typer.Option(
            "--workspace",
            metavar="FILE",
            help="A workspace file naming several plans (default: $WORKPLAN_WORKSPACE, or ./workspace.yaml "
            "where there is no ./plan): due, list, show, stats, digest, report, export and timeline cover them all.",
            show_default=False,
        ),
    ] = None,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Print straight to the terminal; long output otherwise goes through $PAGER (else less -FRX). "
            "Also accepted after the command.",
        ),
    ] = False,
) -> None:
    """Track the deadlines of an annual work plan kept as YAML files in plan/."""
    run = AppContext(
        use_cache=not no_cache,
        use_pager=not no_pager,
        lang_override=lang.value if lang else None,
        workspace_file=workspace,
    )
    run.set_language(None)
    ctx.obj = run


def main() -> None:
    # Under cron LANG is often unset; never let an ASCII stdout turn Chinese text into a crash.
    for stream in (sys.stdout, sys.stderr):
        if (getattr(stream, "encoding", "") or "").lower() in ("ascii", "ansi_x3.4-1968"):
            stream.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    # A short-lived process that builds hundreds of thousands of acyclic objects on a large plan:
    # the cycle collector would only rescan them again and again (10-40 % of a load, measured).
    gc.disable()
    try:
        app()
    except SystemExit as leaving:
        code = leaving.code if isinstance(leaving.code, int) else (0 if leaving.code is None else 1)
    except OSError as err:  # stdout on a full disk, or a pipe whose reader is gone
        code = _output_failed(err)
    else:
        code = 0
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
