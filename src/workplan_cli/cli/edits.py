"""Commands that change plan files: done, reopen, note."""

from __future__ import annotations

from typing import Annotated

import typer

from workplan_cli.cli.context import AppContext, handle_errors, parse_day
from workplan_cli.cli.options import (
    AllOption,
    AnyIdArgument,
    ClosedIdArgument,
    CommitOption,
    OnOption,
    OpenIdArgument,
    PlanOption,
)
from workplan_cli.cli.output import print_outcomes

commands = typer.Typer()


@commands.command()
@handle_errors
def done(
    ctx: typer.Context,
    item_id: OpenIdArgument,
    plan: PlanOption = None,
    on: OnOption = None,
    note: Annotated[
        str | None, typer.Option("--note", help="Also add this progress note (进展情况).", show_default=False)
    ] = None,
    every: AllOption = False,
    commit: CommitOption = None,
) -> None:
    """Close a milestone (销号): record its done date in its plan file.

    Example: workplan done 2.1.1 --on 2024-03-28 --note "方案已印发" --commit
    """
    from workplan_cli.actions import close

    run = AppContext.of(ctx)
    plan, item_id = run.route(plan, item_id)
    with run.editing(plan) as loaded:
        today = run.today(loaded, None)
        day = parse_day(on, "--on") if on is not None else today
        outcomes = close(loaded, item_id, on=day, today=today, note=note, every=every)
    print_outcomes(outcomes, run.lang)
    run.record(loaded, outcomes, commit, "done", day=day.isoformat())


@commands.command()
@handle_errors
def reopen(
    ctx: typer.Context,
    item_id: ClosedIdArgument,
    plan: PlanOption = None,
    every: AllOption = False,
    commit: CommitOption = None,
) -> None:
    """Reopen a closed milestone: remove its done date.

    Example: workplan reopen 2.1.1
    """
    from workplan_cli.actions import reopen as reopen_milestones

    run = AppContext.of(ctx)
    plan, item_id = run.route(plan, item_id)
    with run.editing(plan) as loaded:
        outcomes = reopen_milestones(loaded, item_id, every=every)
    print_outcomes(outcomes, run.lang)
    run.record(loaded, outcomes, commit, "reopen")


@commands.command()
@handle_errors
def note(
    ctx: typer.Context,
    item_id: AnyIdArgument,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The progress note.")],
    plan: PlanOption = None,
    on: OnOption = None,
    commit: CommitOption = None,
) -> None:
    """Add a dated progress note (进展情况) to a milestone without closing it.

    Example: workplan note 2.1.2 "已完成试点街道调研"
    """
    from workplan_cli.actions import add_note

    run = AppContext.of(ctx)
    plan, item_id = run.route(plan, item_id)
    with run.editing(plan) as loaded:
        today = run.today(loaded, None)
        day = parse_day(on, "--on") if on is not None else today
        outcomes = add_note(loaded, item_id, text, on=day, today=today)
    print_outcomes(outcomes, run.lang)
    run.record(loaded, outcomes, commit, "note", day=day.isoformat())
