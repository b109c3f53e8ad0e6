"""`workplan export`: the calendar (.ics), the office ledger (.xlsx) and CSV."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from workplan_cli.cli.context import AppContext, handle_errors
from workplan_cli.cli.options import AsOfOption, PlansOption, WithinOption, WorkdaysOption
from workplan_cli.i18n import UsageMsg

commands = typer.Typer()


@commands.command()
@handle_errors
def export(
    ctx: typer.Context,
    plan: PlansOption = None,
    as_of: AsOfOption = None,
    use_workdays: WorkdaysOption = None,
    within: WithinOption = None,
    ics: Annotated[
        Path | None,
        typer.Option(
            "--ics", metavar="FILE", help="iCalendar file: an all-day event on each deadline.", show_default=False
        ),
    ] = None,
    todo: Annotated[
        bool, typer.Option("--todo", help="With --ics: to-dos (VTODO with DUE) instead of events.")
    ] = False,
    xlsx: Annotated[
        Path | None,
        typer.Option(
            "--xlsx", metavar="FILE", help="The office ledger (工作台账) as a spreadsheet.", show_default=False
        ),
    ] = None,
    csv: Annotated[
        Path | None,
        typer.Option("--csv", metavar="FILE", help="The ledger as CSV (UTF-8 with BOM).", show_default=False),
    ] = None,
) -> None:
    """Export the plan: a calendar (.ics), the office ledger (.xlsx) or CSV. FILE may be - for stdout.

    Example: workplan export --ics plan.ics --xlsx 工作台账.xlsx
    """
    from workplan_cli.errors import UsageError

    if not (ics or xlsx or csv):
        raise UsageError(UsageMsg.EXPORT_WHAT)
    # icalendar and openpyxl: only export pays for them
    from workplan_cli.views.ics import to_ical
    from workplan_cli.views.ledger import to_csv, to_xlsx

    run = AppContext.of(ctx)
    loaded = run.open_plans(plan)
    today = run.today(loaded, as_of)
    entries = run.schedule(loaded, today, within, use_workdays)
    outputs: list[tuple[Path, Callable[[], bytes]]] = []
    if ics:
        now = run.now(loaded)
        outputs.append((ics, lambda: to_ical(loaded.settings, entries, now=now, todo=todo, lang=run.lang)))
    if xlsx:
        outputs.append((xlsx, lambda: to_xlsx(loaded.settings, entries, today)))
    if csv:
        outputs.append((csv, lambda: to_csv(entries)))
    for target, render in outputs:
        run.write_output(target, render())
    run.report_problems(loaded)
