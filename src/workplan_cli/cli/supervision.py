"""The supervision cycle (督办): collect forms, ingest the returned ones, accept 销号, chase the late."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from workplan_cli.cli.context import AppContext, handle_errors
from workplan_cli.cli.options import AsOfOption, CommitOption, PlanOption
from workplan_cli.cli.output import console
from workplan_cli.i18n import Msg, UsageMsg

commands = typer.Typer()

PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period", metavar="PERIOD", help="A month (2024-06) or a quarter (2024-Q2); default: this month.",
        show_default=False,
    ),
]  # fmt: skip
UnitOption = Annotated[
    str | None,
    typer.Option("--unit", metavar="NAME", help="Only this unit (lead, co-unit or owner).", show_default=False),
]


@commands.command()
@handle_errors
def collect(
    ctx: typer.Context,
    plan: PlanOption = None,
    as_of: AsOfOption = None,
    period: PeriodOption = None,
    unit: UnitOption = None,
    out: Annotated[
        Path | None, typer.Option("--out", metavar="DIR", help="Write the forms into this folder.", show_default=False)
    ] = None,
    by_email: Annotated[
        bool, typer.Option("--by-email", help="E-mail each unit its form (smtp and owners: in workplan.yaml).")
    ] = False,
) -> None:
    """Write one progress form (进展情况填报表, .xlsx) per unit for a period.

    Example: workplan collect --period 2024-06 --out forms/
    """
    from rich.text import Text

    from workplan_cli.errors import DeliveryError, UsageError
    from workplan_cli.forms import collect as make_forms
    from workplan_cli.i18n import tr
    from workplan_cli.safewrite import atomic_replace
    from workplan_cli.supervision import month_of, parse_period

    run = AppContext.of(ctx)
    loaded = run.open_plan(plan)  # first: its language is the language of the refusal below
    if out is None and not by_email:
        raise UsageError(UsageMsg.COLLECT_WHERE)
    today = run.today(loaded, as_of)
    chosen = parse_period(period) if period else month_of(today)
    if period:
        from workplan_cli.periods import check_within_years
        from workplan_cli.schedule import plan_years

        check_within_years(chosen, plan_years(loaded), "--period")
    made = make_forms(loaded.settings, run.schedule(loaded, today, None, None), chosen, today, unit)
    if not made:
        console().print(Text(tr(Msg.COLLECT_NONE, run.lang, period=chosen.label)))
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        for form in made:
            atomic_replace(out / form.file_name, form.data)
            console().print(Text(tr(Msg.COLLECT_WROTE, run.lang, path=out / form.file_name, n=form.milestones)))
    if by_email and made:
        from workplan_cli.formmail import send_forms

        report = send_forms(
            loaded.settings, made, chosen, now=run.now(loaded), password=run.env.get("WORKPLAN_SMTP_PASSWORD")
        )
        err = console(stderr=True)
        for line in report.sent:
            err.print(Text(tr(Msg.COLLECT_SENT, run.lang, line=line), style="green"))
        if report.unreachable:
            units = "、".join(report.unreachable)
            err.print(
                Text(tr(Msg.WARNING, run.lang, message=tr(Msg.COLLECT_UNREACHABLE, run.lang, units=units)), "yellow")
            )
        for failed in report.failed:
            err.print(Text(tr(Msg.ERROR, run.lang, message=failed.text(run.lang)), style="red"))
        if report.failed:
            raise DeliveryError(UsageMsg.FORMS_NOT_DELIVERED, n_failed=len(report.failed), n_made=len(made))
    run.report_problems(loaded)


@commands.command()
@handle_errors
def ingest(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="Returned forms (.xlsx or .csv).")],
    plan: PlanOption = None,
    as_of: AsOfOption = None,
    yes: Annotated[bool, typer.Option("--yes", help="Write the entries (without it: only show them).")] = False,
    accept: Annotated[
        bool,
        typer.Option("--accept", help="Close (销号) the milestones whose units asked, instead of recording a request."),
    ] = False,
    commit: CommitOption = None,
) -> None:
    """Read returned progress forms, show what changes, and with --yes write the entries as progress notes.

    Example: workplan ingest forms/2024-06-改革科.xlsx --yes
    """
    from workplan_cli.formreading import read_form
    from workplan_cli.ingest import apply_ingest, plan_ingest
    from workplan_cli.views.supervision import ingest_lines, ingest_outcome

    run = AppContext.of(ctx)
    with run.editing(plan, writes=yes) as loaded:  # judged under the lock the writes hold
        today = run.today(loaded, as_of)
        folder = loaded.folder / "evidence"
        present = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()} if folder.is_dir() else set()
        planned = plan_ingest(
            loaded,
            run.schedule(loaded, today, None, None),
            [read_form(f) for f in files],
            today,
            accept=accept,
            evidence=present,
        )
        out, err = console(), console(stderr=True)
        for line, to_stderr in ingest_lines(planned, run.lang):
            (err if to_stderr else out).print(line)
        changed = apply_ingest(planned.writes) if yes else []
    out.print(ingest_outcome(planned, changed, written=yes, lang=run.lang))
    ids = [write.change.milestone_id for write in planned.writes if write.initiative.file in changed]
    run.record_files(loaded.folder, loaded.settings, changed, commit, "ingest", ids)
    refusal = _refusal(planned)
    if refusal is not None:
        raise refusal
    run.report_problems(loaded)


def _refusal(planned: object) -> Exception | None:
    from workplan_cli.errors import FormRefusedError
    from workplan_cli.ingest import IngestPlan

    assert isinstance(planned, IngestPlan)
    if not (planned.refused or planned.conflicts):
        return None
    forms, conflicts = len(planned.refused), len(planned.conflicts)
    return FormRefusedError(UsageMsg.FORMS_REFUSED, forms=forms, conflicts=conflicts)


@commands.command()
@handle_errors
def accept(
    ctx: typer.Context,
    item_id: Annotated[str, typer.Argument(metavar="ID", help="A milestone with a 销号 request (done_requested).")],
    plan: PlanOption = None,
    commit: CommitOption = None,
) -> None:
    """Accept a unit's 销号 request: the milestone is done on the day the unit asked for.

    Example: workplan accept 2.1.1
    """
    from rich.text import Text

    from workplan_cli.i18n import tr
    from workplan_cli.ingest import accept_request

    run = AppContext.of(ctx)
    with run.editing(plan) as loaded:
        path, milestone, day = accept_request(loaded, item_id)
    console().print(
        Text(tr(Msg.ACCEPT_DONE, run.lang, id=milestone.id, date=day.isoformat(), path=path), style="green")
    )
    run.record_files(loaded.folder, loaded.settings, [path], commit, "accept", [milestone.id], day=day.isoformat())


@commands.command()
@handle_errors
def chase(
    ctx: typer.Context,
    plan: PlanOption = None,
    as_of: AsOfOption = None,
    period: PeriodOption = None,
    unit: UnitOption = None,
) -> None:
    """催办: units that have not returned a form for the period, overdue milestones without a progress entry.

    Example: workplan chase --period 2024-06
    """
    from workplan_cli.supervision import chase as behind
    from workplan_cli.supervision import month_of, parse_period
    from workplan_cli.views.supervision import chase_view

    run = AppContext.of(ctx)
    loaded = run.open_plan(plan)
    today = run.today(loaded, as_of)
    chosen = parse_period(period) if period else month_of(today)
    result = behind(run.schedule(loaded, today, None, None), chosen, unit)
    console().print(chase_view(result, loaded.settings.owners, run.lang))
    run.report_problems(loaded)
