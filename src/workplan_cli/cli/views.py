"""Commands that look at the plan: due, list, show, check, stats, timeline."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from workplan_cli.cli.context import AppContext, handle_errors
from workplan_cli.cli.milestones import show_due, show_list
from workplan_cli.cli.options import (
    AllRowsOption,
    AnyIdArgument,
    AsOfOption,
    FromGitOption,
    JsonOption,
    LeaderOption,
    PlansOption,
    UnitFilterOption,
    WithinOption,
    WorkdaysOption,
)
from workplan_cli.cli.output import console, print_json
from workplan_cli.i18n import Msg
from workplan_cli.model import Status

commands = typer.Typer()


@commands.command()
@handle_errors
def due(
    ctx: typer.Context,
    plan: PlansOption = None,
    as_of: AsOfOption = None,
    within: WithinOption = None,
    json: JsonOption = False,
    show_all: AllRowsOption = False,
    use_workdays: WorkdaysOption = None,
    from_git: FromGitOption = False,
    unit: UnitFilterOption = None,
    leader: LeaderOption = None,
) -> None:
    """Overdue milestones and those due within the warning window, soonest deadline first.

    Example: workplan due --as-of 2024-04-15
    """
    show_due(
        AppContext.of(ctx),
        plan,
        as_of=as_of,
        within=within,
        json=json,
        use_workdays=use_workdays,
        from_git=from_git,
        unit=unit,
        leader=leader,
    )


@commands.command("list")
@handle_errors
def list_milestones(
    ctx: typer.Context,
    plan: PlansOption = None,
    as_of: AsOfOption = None,
    use_workdays: WorkdaysOption = None,
    within: WithinOption = None,
    json: JsonOption = False,
    show_all: AllRowsOption = False,
    status: Annotated[
        list[Status] | None,
        typer.Option(
            "--status",
            help="Only these statuses (repeatable): overdue, due, upcoming, ongoing, done, "
            "or 逾期, 临期, 正常推进, 持续推进, 已完成.",
            show_default=False,
        ),
    ] = None,
    owner: Annotated[
        str | None, typer.Option("--owner", help="Only milestones of this owner.", show_default=False)
    ] = None,
    section: Annotated[
        str | None,
        typer.Option("--section", help="Only this section: its number (2) or part of its heading.", show_default=False),
    ] = None,
    unit: UnitFilterOption = None,
    leader: LeaderOption = None,
) -> None:
    """Every milestone with its status, in plan order.

    Example: workplan list --status overdue --section 2
    """
    show_list(
        AppContext.of(ctx),
        plan,
        as_of=as_of,
        use_workdays=use_workdays,
        within=within,
        json=json,
        statuses=status,
        owner=owner,
        section=section,
        unit=unit,
        leader=leader,
    )


@commands.command()
@handle_errors
def show(
    ctx: typer.Context,
    item_id: AnyIdArgument,
    plan: PlansOption = None,
    as_of: AsOfOption = None,
    use_workdays: WorkdaysOption = None,
    within: WithinOption = None,
    json: JsonOption = False,
) -> None:
    """One initiative in full: its text, milestones, status and progress notes.

    Example: workplan show 2.1
    """
    from workplan_cli.planfiles import with_text
    from workplan_cli.schedule import find_initiative, initiative_status

    run = AppContext.of(ctx)
    loaded = run.open_plans(plan)
    initiative = find_initiative(loaded, item_id)
    entries = [
        e for e in run.schedule(loaded, run.today(loaded, as_of), within, use_workdays) if e.initiative is initiative
    ]
    if json:  # a milestone id: that milestone; an initiative id: all of its milestones
        print_json([e for e in entries if e.milestone.id == item_id] or entries)
    else:
        from workplan_cli.views.terminal import initiative_view

        full = with_text(initiative, loaded.settings.year)
        with run.output() as out:
            view = initiative_view(full, entries, initiative_status(entries), run.lang, out.size.width)
            out.print(view, soft_wrap=False)
    run.report_problems(loaded)


@commands.command()
@handle_errors
def check(ctx: typer.Context, plan: PlansOption = None) -> None:
    """Validate every plan file; print each problem as file:line: message. Exit 1 if any.

    Example: workplan check --plan plan/
    """
    from rich.text import Text

    from workplan_cli.errors import PlanProblemsError
    from workplan_cli.i18n import tr
    from workplan_cli.schedule import dated_after
    from workplan_cli.views.literal import literal

    run = AppContext.of(ctx)
    loaded = run.open_plans(plan)
    problems = [*loaded.problems, *dated_after(loaded, run.today(loaded, None))]
    count = sum(len(i.milestones) for i in loaded.initiatives)
    out = console()
    if not problems:
        summary = tr(
            Msg.CHECK_OK, run.lang, folder=loaded.folder, initiatives=len(loaded.initiatives), milestones=count
        )
        out.print(Text(summary, style="green"))
        return
    for problem in problems:
        out.print(Text(literal(problem.text(run.lang))))
    files = len({p.path for p in problems})
    raise PlanProblemsError(Msg.CHECK_FAILED, problems=len(problems), files=files)


@commands.command()
@handle_errors
def timeline(
    ctx: typer.Context,
    plan: PlansOption = None,
    as_of: AsOfOption = None,
    within: WithinOption = None,
    svg: Annotated[
        Path | None, typer.Option("--svg", metavar="FILE", help="Also save the picture as SVG.", show_default=False)
    ] = None,
    json: Annotated[
        bool, typer.Option("--json", help="Print the year, today and each initiative's milestones as JSON.")
    ] = False,
) -> None:
    """The plan year month by month: each dated milestone in its month, coloured by status, today marked.

    Example: workplan timeline --as-of 2024-06-17 --svg timeline.svg
    """
    from workplan_cli.views.timeline import timeline as draw
    from workplan_cli.views.timeline import timelines

    run = AppContext.of(ctx)
    loaded = run.open_plans(plan)
    today = run.today(loaded, as_of)
    entries = run.schedule(loaded, today, within, None)
    if json:
        from workplan_cli.views.jsonview import dumps, timeline_object

        sys.stdout.write(dumps(timeline_object(entries, loaded.settings.year, today)))
        run.report_problems(loaded)
        return
    with run.output() as out:
        if run.many is not None and len(set(run.many.years.values())) > 1:  # one chart per plan year
            out.print(timelines(entries, run.many.years, today, run.lang, out.size.width), soft_wrap=False)
        else:
            out.print(draw(entries, loaded.settings.year, today, run.lang, out.size.width), soft_wrap=False)
    if svg:
        from workplan_cli.views.timeline_svg import timeline_svg

        many = run.many  # several plans: the chart spans their years and names any not read
        years = sorted(set(many.years.values())) if many else [loaded.settings.year]
        unread = many.failed if many else {}
        chart = timeline_svg(entries, years, today, loaded.settings.title, run.lang, unread)
        run.write_output(svg, chart.encode("utf-8"))
    run.report_problems(loaded)


@commands.command()
@handle_errors
def stats(
    ctx: typer.Context,
    plan: PlansOption = None,
    as_of: AsOfOption = None,
    within: WithinOption = None,
    json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
    unit: UnitFilterOption = None,
    leader: LeaderOption = None,
) -> None:
    """Progress per section, per responsible unit and per leader: done, done late, overdue, due, upcoming, ongoing.

    Example: workplan stats --as-of 2024-06-17
    """
    from workplan_cli.schedule import check_filters, filter_entries
    from workplan_cli.views.stats import stats_object, stats_view

    run = AppContext.of(ctx)
    loaded = run.open_plans(plan)
    check_filters(loaded, unit=unit, leader=leader)
    entries = list(
        filter_entries(run.schedule(loaded, run.today(loaded, as_of), within, None), unit=unit, leader=leader)
    )
    if json:
        from workplan_cli.views.jsonview import dumps

        sys.stdout.write(dumps(stats_object(entries, run.lang)))
    else:
        with run.output() as out:
            out.print(stats_view(entries, run.lang, out.size.width), soft_wrap=False)
            run.print_per_plan(entries, out)
    run.report_problems(loaded)
