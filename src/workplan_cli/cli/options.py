"""Options and arguments shared by several commands, declared once."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from workplan_cli.cli.context import AppContext
from workplan_cli.model import MAX_WINDOW_DAYS

if TYPE_CHECKING:
    from workplan_cli.model import Plan


class Language(StrEnum):
    zh = "zh"
    en = "en"


PlanOption = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        help="Plan folder (default: $WORKPLAN_PLAN, ./plan, or the nearest parent's plan/).",
        show_default=False,
    ),
]
PlansOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--plan",
        help="Plan folder (default: $WORKPLAN_PLAN, ./plan, or the nearest parent's plan/). Repeat it to see "
        "several plans at once (NAME=FOLDER names one: 青羊=../qingyang/plan); ids then read 青羊:2.1.1.",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="Pretend today is this day (default: today in the plan's timezone).",
        show_default=False,
    ),
]
WithinOption = Annotated[
    int | None,
    typer.Option(
        "--within",
        metavar="DAYS",
        min=0,
        max=MAX_WINDOW_DAYS,
        help="Warning window in days (default: warn_days from workplan.yaml).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print a JSON array, one object per milestone.")]
# Every row is always shown now (a terminal pages long output); kept so that older scripts still run.
AllRowsOption = Annotated[bool, typer.Option("--all", hidden=True, help="Every row (always, now).")]
WorkdaysOption = Annotated[
    bool | None,
    typer.Option(
        "--workdays/--calendar-days",
        help="Count days left and late in mainland-China working days (default: workdays in workplan.yaml).",
        show_default=False,
    ),
]
LangOption = Annotated[
    Language | None,
    typer.Option(
        "--lang",
        help="Interface language (default: language in workplan.yaml, then the locale). "
        "Also accepted after the command: workplan due --lang en.",
        show_default=False,
    ),
]
OnOption = Annotated[
    str | None,
    typer.Option(
        "--on",
        metavar="YYYY-MM-DD",
        help="The day it happened (default: today in the plan's timezone).",
        show_default=False,
    ),
]
UnitFilterOption = Annotated[
    str | None,
    typer.Option(
        "--unit", metavar="NAME", help="Only milestones of this unit: lead, co-unit or owner.", show_default=False
    ),
]
LeaderOption = Annotated[
    str | None,
    typer.Option("--leader", metavar="NAME", help="Only milestones of this leader (责任领导).", show_default=False),
]
AllOption = Annotated[bool, typer.Option("--all", help="With an initiative id: act on all its milestones.")]
FromGitOption = Annotated[
    bool,
    typer.Option(
        "--from-git",
        help="Read the plan as committed on the as-of day (plan/ must be in a git repository; exit 9 if git fails).",
        show_default=False,
    ),
]
CommitOption = Annotated[
    bool | None,
    typer.Option(
        "--commit/--no-commit",
        help="Commit the edit to git: only the files it touched, a message in the plan's language "
        "(default: commit in workplan.yaml).",
        show_default=False,
    ),
]


def _completer(which: str) -> Callable[[typer.Context, str], list[tuple[str, str]]]:
    """Shell completion of an id argument: ``open`` ids (done), ``closed`` ids (reopen), or ``all`` (show,
    note). Never fails loudly: completion must not print a traceback into the user's shell."""

    def complete(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        try:
            from workplan_cli import actions

            lister: dict[str, Callable[[Plan], list[tuple[str, str]]]] = {
                "open": actions.open_milestone_ids,
                "closed": actions.closed_milestone_ids,
                "all": actions.every_id,
            }
            ids = lister[which](AppContext.of(ctx).open_plan(None))
            return [(i, h) for i, h in ids if i.startswith(incomplete)]
        except Exception:
            return []

    return complete


_ID_HELP = "A milestone (2.1.1) or initiative (2.1) id."
OpenIdArgument = Annotated[str, typer.Argument(metavar="ID", help=_ID_HELP, autocompletion=_completer("open"))]
ClosedIdArgument = Annotated[str, typer.Argument(metavar="ID", help=_ID_HELP, autocompletion=_completer("closed"))]
AnyIdArgument = Annotated[str, typer.Argument(metavar="ID", help=_ID_HELP, autocompletion=_completer("all"))]
