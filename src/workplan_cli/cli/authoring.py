"""Commands that write the plan from the command line and read its git history: add, set, log,
rollover, pull."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from workplan_cli.cli.context import AppContext, handle_errors, parse_day
from workplan_cli.cli.options import AsOfOption, CommitOption, PlanOption, PlansOption
from workplan_cli.cli.output import console, print_outcomes
from workplan_cli.i18n import GitMsg, Listed, Msg

commands = typer.Typer()
add_commands = typer.Typer(
    name="add",
    help="Add an initiative or a milestone (the next free id; the deadline phrase is checked first).\n\n"
    "Example: workplan add milestone 2.1 --deadline 9月底前 --task 完成第三批赋权事项评估",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
commands.add_typer(add_commands)

DeadlineOption = Annotated[
    str | None,
    typer.Option(
        "--deadline",
        metavar="PHRASE",
        help="The deadline as an office writes it (9月底前, 2024-09-30); none: ongoing work.",
        show_default=False,
    ),
]
OwnerOption = Annotated[str, typer.Option("--owner", metavar="UNIT", help="The unit responsible (责任单位).")]


AssignedOption = Annotated[
    str | None,
    typer.Option(
        "--assigned",
        metavar="YYYY-MM-DD",
        help="The day the task was given: a recurring deadline starts then, 5个工作日内 counts from it "
        "(default: today, or --as-of).",
        show_default=False,
    ),
]


@add_commands.command("milestone")
@handle_errors
def add_milestone(
    ctx: typer.Context,
    initiative_id: Annotated[str, typer.Argument(metavar="INITIATIVE", help="The initiative's id, such as 2.1.")],
    task: Annotated[str, typer.Option("--task", help="What is to be done (具体任务).", show_default=False)],
    deadline: DeadlineOption = None,
    owner: OwnerOption = "",
    assigned: AssignedOption = None,
    as_of: AsOfOption = None,
    plan: PlanOption = None,
    commit: CommitOption = None,
) -> None:
    """Add a milestone to an initiative, with the next free id (2.1.5 after 2.1.4).

    Example: workplan add milestone 2.1 --deadline 9月底前 --task "完成第三批赋权事项评估"
    """
    from workplan_cli.authoring import add_milestone as add

    run = AppContext.of(ctx)
    plan, initiative_id = run.route(plan, initiative_id)
    given = parse_day(assigned, "--assigned") if assigned else None
    with run.editing(plan) as loaded:
        # recorded as assigned: the milestone's time (a cadence, 序时进度) starts on the day it is added
        given = given or run.today(loaded, as_of)
        outcome = add(loaded, initiative_id, task=task, phrase=deadline, owner=owner, assigned=given)
    print_outcomes([outcome], run.lang)
    run.record(loaded, [outcome], commit, "add.milestone")


@add_commands.command("initiative")
@handle_errors
def add_initiative(
    ctx: typer.Context,
    section: Annotated[str, typer.Option("--section", help="The section's number, such as 2.", show_default=False)],
    title: Annotated[str, typer.Option("--title", help="The initiative's title.", show_default=False)],
    task: Annotated[
        str | None,
        typer.Option("--task", help="Its first milestone's task (default: the title).", show_default=False),
    ] = None,
    deadline: DeadlineOption = None,
    owner: OwnerOption = "",
    lead: Annotated[str, typer.Option("--lead", metavar="UNIT", help="The lead unit (牵头单位).")] = "",
    heading: Annotated[
        str | None,
        typer.Option("--heading", help="The heading of a new section (二、…).", show_default=False),
    ] = None,
    assigned: AssignedOption = None,
    as_of: AsOfOption = None,
    plan: PlanOption = None,
    commit: CommitOption = None,
) -> None:
    """Add an initiative: the next item of its section (2.4 after 2.3), in a file named like the others.

    Example: workplan add initiative --section 2 --title 推进基层减负 --deadline 10月底前 --lead 区委编办
    """
    from workplan_cli.authoring import add_initiative as add

    run = AppContext.of(ctx)
    given = parse_day(assigned, "--assigned") if assigned else None
    with run.editing(plan) as loaded:
        # recorded as assigned: on its milestone, whose time starts on the day it is added (as add milestone)
        given = given or run.today(loaded, as_of)
        outcome = add(
            loaded,
            section,
            title=title,
            task=task,
            phrase=deadline,
            owner=owner,
            lead=lead,
            heading=heading,
            assigned=given,
        )
    print_outcomes([outcome], run.lang)
    run.record(loaded, [outcome], commit, "add.initiative", title=title.strip())


@commands.command("set")
@handle_errors
def set_field(
    ctx: typer.Context,
    item_id: Annotated[str, typer.Argument(metavar="ID", help="A milestone (2.1.1) or initiative (2.1) id.")],
    field: Annotated[
        str,
        typer.Argument(
            metavar="FIELD",
            help="Milestone: deadline, task, owner, lead, co_units, leader, assigned. "
            "Initiative: title, owner, lead, co_units, leader, section.",
        ),
    ],
    value: Annotated[str, typer.Argument(metavar="VALUE", help="The new value; '' or - clears it.")],
    plan: PlanOption = None,
    commit: CommitOption = None,
) -> None:
    """Change one field of a milestone or initiative. A moved deadline keeps the old one (deadline_was).

    Example: workplan set 2.1.2 deadline 9月底前 --commit
    """
    from workplan_cli.authoring import set_field as set_value

    run = AppContext.of(ctx)
    plan, item_id = run.route(plan, item_id)
    with run.editing(plan) as loaded:
        edit = set_value(loaded, item_id, field, value)
    print_outcomes([edit.outcome], run.lang)
    run.record(loaded, [edit.outcome], commit, "set", **edit.message_fields())


@commands.command()
@handle_errors
def log(
    ctx: typer.Context,
    item_id: Annotated[
        str | None,
        typer.Argument(metavar="[ID]", help="A milestone or initiative id (default: the whole plan)."),
    ] = None,
    plan: PlanOption = None,
    json: Annotated[bool, typer.Option("--json", help="Print a JSON array, one object per commit.")] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="Only the newest N commits.", show_default=False)
    ] = None,
) -> None:
    """The history of a milestone, an initiative or the whole plan, from git, newest first, in words.

    Example: workplan log 2.1.2
    """
    from workplan_cli.history import plan_history
    from workplan_cli.views.history import history_json, history_lines

    run = AppContext.of(ctx)
    if item_id is not None:
        plan, item_id = run.route(plan, item_id)
    loaded = run.open_plan(plan)
    entries = plan_history(loaded, item_id)[:limit]
    if json:
        sys.stdout.write(history_json(entries, run.lang))
        return
    out = console()
    for line in history_lines(entries, run.lang):
        out.print(line)


@commands.command()
@handle_errors
def rollover(
    ctx: typer.Context,
    year: Annotated[int, typer.Option("--year", help="The new plan's year.", show_default=False)],
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="The new plan folder (must not hold a plan).")],
    plan: PlanOption = None,
    as_of: AsOfOption = None,
    commit: CommitOption = None,
) -> None:
    """Carry the unfinished milestones into a new plan folder for next year (结转).

    Each carries carried_from (2024:2.1.3) and its original deadline (deadline_was); its deadline
    stays the day it was due until someone sets a new one. Done work stays behind.

    Example: workplan rollover --year 2025 --out ../2025/plan --as-of 2024-12-31
    """
    from rich.text import Text

    from workplan_cli.i18n import tr
    from workplan_cli.rollover import commit_rolled_plan, roll_over, write_rolled_plan

    run = AppContext.of(ctx)
    loaded = run.open_plan(plan)
    rolled = roll_over(loaded, year, as_of=run.today(loaded, as_of))
    write_rolled_plan(rolled, out)
    carried, behind = len(rolled.carried), len(rolled.left_behind)
    console().print(Text(tr(Msg.ROLLOVER_WROTE, run.lang, path=out, carried=carried, behind=behind)))
    if commit if commit is not None else loaded.settings.commit:
        made = commit_rolled_plan(rolled, out, loaded.settings)
        if made is not None:
            run.said_committed(*made)


@commands.command()
@handle_errors
def pull(ctx: typer.Context, plan: PlansOption = None) -> None:
    """Update the plans that are git checkouts: `git pull --ff-only`, never a merge of its own.

    With a workspace file, every plan in it; a remote not cloned yet is cloned. Exit 9 when any failed.

    Example: workplan pull --workspace workspace.yaml
    """
    from workplan_cli import workspace
    from workplan_cli.errors import GitError
    from workplan_cli.planfolder import find_plan_folder
    from workplan_cli.views.plans import pull_lines

    run = AppContext.of(ctx)
    chosen = workspace.plan_sources(plan or [], run.workspace_file, run.env, Path.cwd())
    if chosen is None:
        chosen = workspace.single(find_plan_folder(plan[0] if plan else None, run.env, Path.cwd()))
    reports = workspace.pull_all(chosen)
    out = console()
    for line in pull_lines(reports, run.lang):
        out.print(line)
    failed = [r.name for r in reports if r.what == "failed"]
    if failed:
        raise GitError(GitMsg.PLANS_NOT_UPDATED, n=len(failed), total=len(reports), names=Listed(tuple(failed)))
