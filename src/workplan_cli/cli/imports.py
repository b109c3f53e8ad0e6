"""`workplan import`: a report into plan files (plan_import.import_into does the work)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from workplan_cli.cli.context import handle_errors
from workplan_cli.cli.options import CommitOption
from workplan_cli.cli.output import console
from workplan_cli.i18n import Message, Msg, UsageMsg, tr

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
    explain: Annotated[
        bool, typer.Option("--explain", help="Print the report with every date marked and what import made of it.")
    ] = False,
    commit: CommitOption = None,
) -> None:
    """Turn a work-plan report into plan files: workplan.yaml and one file per initiative.

    Every date of the report is accounted for: a deadline, a recurring deadline, not a deadline
    (with the reason), or one that needs a person; exit 7 when some need a person (the plan is
    still written).

    Example: workplan import 2024-work-plan-report.txt --out plan
    """
    from rich.text import Text

    from workplan_cli.cli.context import AppContext
    from workplan_cli.errors import NeedsPersonError
    from workplan_cli.i18n import resolve_language
    from workplan_cli.plan_import import import_into

    run = AppContext.of(ctx)
    run.lang = resolve_language(run.lang_override, run.env, "zh")  # an imported plan speaks Chinese
    lang = run.lang
    result = import_into(report, out, year=year, dry_run=dry_run, force=force, update=update)
    if explain:
        for line in result.explain(lang):
            console().print(Text(line))
    elif result.written:
        for line in result.lines(lang):
            console().print(Text(line))
    else:
        from workplan_cli.views.terminal import draft_table

        console().print(draft_table(result.draft, lang))
        for line in result.accounting(lang):
            console().print(Text(line))
    if result.written:
        from workplan_cli.settings import load_settings

        initiatives = result.draft.initiatives
        run.record_files(
            out,
            load_settings(out),
            [out],
            commit,
            "import",
            report=report.name,
            initiatives=str(len(initiatives)),
            milestones=str(sum(len(i.milestones) for i in initiatives)),
        )
    err = console(stderr=True)
    for warning in (message.text(lang) for message in result.draft.warnings):
        err.print(Text(tr(Msg.WARNING, lang, message=warning), style="yellow"))
    needing = result.draft.counts()["needs-person"]
    written = Message(UsageMsg.PLAN_WRITTEN_TO, out=out) if result.written else ""
    if unreadable := len(result.draft.unreadable):
        raise NeedsPersonError(UsageMsg.PARTS_NOT_UNDERSTOOD, unreadable=unreadable, needing=needing, written=written)
    if needing:
        raise NeedsPersonError(UsageMsg.DATES_NEED_A_PERSON, needing=needing, written=written)
