"""The weekly digest: print it, or send it (delivery.send_digests does the sending)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from workplan_cli.cli.context import AppContext, console, handle_errors
from workplan_cli.cli.options import AsOfOption, PlanOption, WorkdaysOption
from workplan_cli.model import MAX_WINDOW_DAYS

if TYPE_CHECKING:
    from workplan_cli.delivery import DeliveryReport

commands = typer.Typer()


@commands.command()
@handle_errors
def digest(
    ctx: typer.Context,
    plan: PlanOption = None,
    as_of: AsOfOption = None,
    use_workdays: WorkdaysOption = None,
    days: Annotated[
        int | None,
        typer.Option(
            "--days", min=0, max=MAX_WINDOW_DAYS, help="Due window in days (default: warn_days).", show_default=False
        ),
    ] = None,
    html: Annotated[bool, typer.Option("--html", help="Print the HTML version.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print the Markdown version.")] = False,
    send: Annotated[bool, typer.Option("--send", help="E-mail it (settings: smtp in workplan.yaml).")] = False,
    to: Annotated[
        list[str] | None,
        typer.Option("--to", metavar="ADDRESS", help="Recipient instead of smtp.to (repeatable).", show_default=False),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the whole e-mail instead of sending it.")] = False,
    by_owner: Annotated[bool, typer.Option("--by-owner", help="Send each owner only their milestones.")] = False,
    skip_empty: Annotated[
        bool, typer.Option("--skip-empty", help="Send nothing when there is nothing to report.")
    ] = False,
    crontab: Annotated[bool, typer.Option("--crontab", help="Print a crontab line for Monday 08:00 and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of a failure.")] = False,
) -> None:
    """The weekly digest: overdue, due soon, newly overdue, closed last week, progress by section.

    Example: workplan digest --send --as-of 2024-06-17
    """
    from workplan_cli import delivery  # smtplib and ssl: only the digest pays for them
    from workplan_cli.views.digest_render import LABELS, RENDERERS

    run = AppContext.of(ctx)
    if crontab:
        from workplan_cli.planfolder import find_plan_folder

        folder = find_plan_folder(plan, run.env, Path.cwd())
        typer.echo(delivery.crontab_line(sys.executable, folder))
        return
    loaded = run.open_plan(plan)
    today = run.today(loaded, as_of)
    window = loaded.settings.warn_days if days is None else days
    entries = run.schedule(loaded, today, window, use_workdays)
    if not (send or dry_run):
        from workplan_cli.digest import build_digest

        view = RENDERERS["html" if html else "markdown" if markdown else "text"]
        sys.stdout.write(view(build_digest(loaded.settings.title, entries, today, window), LABELS[run.lang]))
        run.report_problems(loaded)
        return
    report = delivery.send_digests(
        loaded.settings,
        entries,
        today,
        window,
        LABELS[run.lang],
        by_owner=by_owner,
        to=to or (),
        now=run.now(loaded),
        password=run.env.get("WORKPLAN_SMTP_PASSWORD"),
        dry_run=dry_run,
        skip_empty=skip_empty,
        show=lambda text: print(text, end="" if text.endswith("\n") else "\n"),
    )
    _render(report, run.lang, debug=debug)
    run.report_problems(loaded)


def _render(report: DeliveryReport, lang: str, *, debug: bool) -> None:
    """What happened to each digest, on stderr; a failure ends the run with its exit code."""
    from rich.text import Text

    from workplan_cli.i18n import tr

    err = console(stderr=True)
    for warning in report.warnings:
        err.print(Text(tr("warning", lang, message=warning), style="yellow"))
    for line in report.sent + report.skipped:
        err.print(Text(line, style="green"))
    failure = report.failure()
    if failure is None:
        return
    if report.digests > 1:
        for failed in report.failed:
            if debug:
                import traceback

                traceback.print_exception(failed.__cause__ or failed)
            err.print(Text(tr("error", lang, message=failed.text(lang)), style="red"))
    raise failure
