"""`workplan import`: a report into plan files (plan_import.import_into does the work)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from workplan_cli.cli.context import console, handle_errors

commands = typer.Typer()


@commands.command("import")
@handle_errors
def import_report(
    ctx: typer.Context,
    report: Annotated[Path, typer.Argument(metavar="REPORT", help="The report: .txt (UTF-8 or GB18030/GBK) or .docx.")],
    year: Annotated[
        int | None, typer.Option("--year", help="The plan year, when the title does not say it.", show_default=False)
    ] = None,
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="Plan folder to write.")] = Path("plan"),
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be written; write nothing.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace the plan already in DIR.")] = False,
    update: Annotated[
        bool,
        typer.Option(
            "--update", help="Re-import over DIR, keeping done dates, notes and owners of unchanged milestones."
        ),
    ] = False,
) -> None:
    """Turn a work-plan report into plan files: workplan.yaml and one file per initiative.

    Example: workplan import 2024-work-plan-report.txt --out plan
    """
    from rich.text import Text

    from workplan_cli.errors import PlanProblemsError
    from workplan_cli.plan_import import import_into

    result = import_into(report, out, year=year, dry_run=dry_run, force=force, update=update)
    if result.written:
        for line in result.lines():
            console().print(Text(line))
    else:
        from workplan_cli.views.terminal import draft_table

        console().print(draft_table(result.draft))
    err = console(stderr=True)
    for warning in result.draft.warnings:
        err.print(Text(f"workplan: warning: {warning}", style="yellow"))
    if result.draft.warnings:
        raise PlanProblemsError(
            f"{len(result.draft.warnings)} phrase(s) need a person's eye; the milestones keep them, "
            "so `workplan check` lists them until they are fixed"
        )
