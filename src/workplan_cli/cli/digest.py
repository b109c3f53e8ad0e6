"""The weekly digest: print it, or send it (delivery.send_digests e-mails it, delivery.send_digest_to_channels
sends it to the notify: channels); the daily reminder (delivery.send_reminders)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from workplan_cli.cli.context import AppContext, handle_errors
from workplan_cli.cli.options import (
    AsOfOption,
    LeaderOption,
    PlanOption,
    PlansOption,
    UnitFilterOption,
    WithinOption,
    WorkdaysOption,
)
from workplan_cli.cli.output import console
from workplan_cli.errors import UsageError, WorkplanError
from workplan_cli.i18n import Msg, UsageMsg
from workplan_cli.model import MAX_WINDOW_DAYS

if TYPE_CHECKING:
    from workplan_cli.delivery import ChannelReport, DeliveryReport, Sending
    from workplan_cli.model import Plan

commands = typer.Typer()

# The older name of --within, which every other view takes; kept working, no longer shown.
DaysOption = Annotated[
    int | None,
    typer.Option("--days", min=0, max=MAX_WINDOW_DAYS, hidden=True, help="The same as --within."),
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Print each e-mail and each robot request body; send nothing.")
]
ChannelOption = Annotated[
    list[str] | None,
    typer.Option("--channel", metavar="NAME", help="Only this channel of notify: (repeatable).", show_default=False),
]


@commands.command()
@handle_errors
def digest(
    ctx: typer.Context,
    plan: PlansOption = None,
    as_of: AsOfOption = None,
    use_workdays: WorkdaysOption = None,
    within: WithinOption = None,
    days: DaysOption = None,
    html: Annotated[bool, typer.Option("--html", help="Print the HTML version.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print the Markdown version.")] = False,
    send: Annotated[
        bool,
        typer.Option("--send", help="Send it to every channel in notify: (without notify:, e-mail it to smtp.to)."),
    ] = False,
    channel: ChannelOption = None,
    to: Annotated[
        list[str] | None,
        typer.Option("--to", metavar="ADDRESS", help="Recipient instead of smtp.to (repeatable).", show_default=False),
    ] = None,
    dry_run: DryRunOption = False,
    by_owner: Annotated[bool, typer.Option("--by-owner", help="Send each owner only their milestones.")] = False,
    skip_empty: Annotated[
        bool, typer.Option("--skip-empty", help="Send nothing when there is nothing to report.")
    ] = False,
    crontab: Annotated[bool, typer.Option("--crontab", help="Print a crontab line for Monday 08:00 and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of a failure.")] = False,
    unit: UnitFilterOption = None,
    leader: LeaderOption = None,
) -> None:
    """The weekly digest: overdue, due soon, newly overdue, closed last week, progress by section.

    Example: workplan digest --send --as-of 2024-06-17
    """
    from workplan_cli import delivery  # smtplib and ssl: only the digest pays for them
    from workplan_cli.views.digest_render import LABELS, RENDERERS

    run = AppContext.of(ctx)
    if crontab:
        typer.echo(_crontab(run, plan[0] if plan else None, "digest"))
        return
    loaded = run.open_plans(plan)
    today = run.today(loaded, as_of)
    asked = within if within is not None else days
    window = loaded.settings.warn_days if asked is None else asked
    from workplan_cli.schedule import check_filters, filter_entries

    check_filters(loaded, unit=unit, leader=leader)
    entries = list(filter_entries(run.schedule(loaded, today, window, use_workdays), unit=unit, leader=leader))
    if not (send or dry_run):
        from workplan_cli.digest import build_digest

        built = build_digest(loaded.settings.title, entries, today, window)
        if html or markdown:
            sys.stdout.write(RENDERERS["html" if html else "markdown"](built, LABELS[run.lang]))
        else:
            from workplan_cli.views.digest_render import render_text

            with run.output() as out:  # on a terminal: paged, and wrapped to its width
                out.file.write(render_text(built, LABELS[run.lang], out.size.width if out.is_terminal else None))
        run.report_problems(loaded)
        return
    if (loaded.settings.notify and not (to or by_owner)) or channel:
        if to or by_owner:
            raise UsageError(UsageMsg.CHANNEL_WITH_TO)
        channels = delivery.select_channels(loaded.settings, channel or ())
        how = _sending(run, loaded, dry_run=dry_run, skip_empty=skip_empty)
        labels = LABELS[run.lang]
        outcome = delivery.send_digest_to_channels(
            loaded.settings, channels, entries, today, window, labels, run.lang, how
        )
        _render_channels(outcome, run.lang)
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
        err.print(Text(tr(Msg.WARNING, lang, message=warning), style="yellow"))
    for line in report.sent + report.skipped:
        err.print(Text(line, style="green"))
    failure = report.failure()
    if failure is None and not report.digests and report.warnings:
        # --by-owner and no unit has an address: nothing went out, which a cron job must notice.
        from workplan_cli.errors import DeliveryError

        raise DeliveryError(UsageMsg.NO_UNIT_HAS_AN_ADDRESS)
    if failure is None:
        return
    if report.digests > 1:
        for failed in report.failed:
            if debug:
                import traceback

                traceback.print_exception(failed.__cause__ or failed)
            err.print(Text(tr(Msg.ERROR, lang, message=failed.text(lang)), style="red"))
    raise failure


@commands.command()
@handle_errors
def remind(
    ctx: typer.Context,
    plan: PlanOption = None,
    as_of: AsOfOption = None,
    use_workdays: WorkdaysOption = None,
    within: WithinOption = None,
    days: DaysOption = None,
    channel: ChannelOption = None,
    dry_run: DryRunOption = False,
    crontab: Annotated[bool, typer.Option("--crontab", help="Print a crontab line for every day at 08:00.")] = False,
) -> None:
    """Remind the channels of what became overdue or entered the warning window today; nothing else.

    Sends nothing on a day when nothing changed. Example: workplan remind --dry-run
    """
    from datetime import timedelta

    from workplan_cli import delivery
    from workplan_cli.views.digest_render import LABELS

    run = AppContext.of(ctx)
    if crontab:
        typer.echo(_crontab(run, plan, "remind"))
        return
    loaded = run.open_plan(plan)
    today = run.today(loaded, as_of)
    asked = within if within is not None else days
    window = loaded.settings.warn_days if asked is None else asked
    channels = delivery.reminder_channels(loaded.settings, channel or ())
    how = _sending(run, loaded, dry_run=dry_run, skip_empty=True)
    outcome = delivery.send_reminders(
        loaded.settings,
        channels,
        run.schedule(loaded, today, window, use_workdays),
        run.schedule(loaded, today - timedelta(days=1), window, use_workdays),
        today,
        window,
        LABELS[run.lang],
        run.lang,
        how,
    )
    _render_channels(outcome, run.lang)
    run.report_problems(loaded)


def _sending(run: AppContext, loaded: Plan, *, dry_run: bool, skip_empty: bool) -> Sending:
    from workplan_cli.delivery import Sending

    return Sending(
        env=run.env,
        now=run.now(loaded),
        password=run.env.get("WORKPLAN_SMTP_PASSWORD"),
        dry_run=dry_run,
        skip_empty=skip_empty,
        show=lambda text: print(text, end="" if text.endswith("\n") else "\n"),
        clock=run.clock,
        sleep=run.sleep,
        note=lambda said: console(stderr=True).print(said.text(run.lang), markup=False),
    )


def _crontab(run: AppContext, plan: Path | None, command: str) -> str:
    """The crontab line, after a comment naming the variables the channels need (set them above it)."""
    from workplan_cli import delivery
    from workplan_cli.planfolder import find_plan_folder
    from workplan_cli.settings import load_settings

    folder = find_plan_folder(plan, run.env, Path.cwd())
    try:
        settings = load_settings(folder)
    except WorkplanError:
        settings = None  # the line is still right; which variables to set cannot be said
    return delivery.crontab_text(sys.executable, folder, command, settings)


def _render_channels(report: ChannelReport, lang: str) -> None:
    """One line per channel on stderr; exit 5 when any failed."""
    from rich.text import Text

    err = console(stderr=True)
    for outcome in report.outcomes:
        err.print(Text(outcome.text(lang), style="green" if outcome.ok else "red"))
    failure = report.failure()
    if failure is not None:
        raise failure
