"""The typer application: the root options, and the group that loads each command's module when
that command runs (``COMMANDS``)."""

from __future__ import annotations

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
from workplan_cli.cli.args import english_statuses, hoist_lang, language, language_of_args, set_language
from workplan_cli.cli.context import AppContext
from workplan_cli.cli.helptext import TranslatingContext, show_usage_error, use_translating_context
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
