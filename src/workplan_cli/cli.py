"""The `workplan` command line: parse flags, call one function, render, map errors to exit codes."""

from __future__ import annotations

import functools
import gc
import os
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.text import Text

from workplan_cli import __version__
from workplan_cli.errors import (
    EXIT_CODES,
    DeliveryError,
    PlanProblemsError,
    ReportImportError,
    UsageError,
    WorkplanError,
)
from workplan_cli.i18n import TEXT, tr
from workplan_cli.model import Plan, Status

if TYPE_CHECKING:
    from workplan_cli.schedule import Entry

app = typer.Typer(
    name="workplan",
    help="Track the deadlines of an annual work plan kept as YAML files in plan/.",
    epilog="Exit codes: " + "; ".join(f"{code} {meaning}" for code, meaning in EXIT_CODES.items()) + ".",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

# Options shared by several commands, declared once.
PlanOption = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        help="Plan folder (default: $WORKPLAN_PLAN, ./plan, or the nearest parent's plan/).",
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
        help="Warning window in days (default: warn_days from workplan.yaml).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print a JSON array, one object per milestone.")]
AllRowsOption = Annotated[
    bool, typer.Option("--all", help="On a terminal, show every row (by default: the first screenful).")
]
WorkdaysOption = Annotated[
    bool | None,
    typer.Option(
        "--workdays/--calendar-days",
        help="Count days left and late in mainland-China working days (default: workdays in workplan.yaml).",
        show_default=False,
    ),
]

F = TypeVar("F", bound=Callable[..., Any])


class Language(StrEnum):
    zh = "zh"
    en = "en"


LangOption = Annotated[
    Language | None,
    typer.Option(
        "--lang", help="Interface language (default: language in workplan.yaml, then the locale).", show_default=False
    ),
]


def _console(*, stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    width = None
    if not stream.isatty():
        # Piped or under cron: no terminal to measure, and Rich's 80-column default would fold tables.
        width = int(os.environ["COLUMNS"]) if os.environ.get("COLUMNS", "").isdigit() else 200
    return Console(file=stream, width=width, markup=False, emoji=False, highlight=False, soft_wrap=True)


def handle_errors(command: F) -> F:
    """One place where errors become a message on stderr and an exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if kwargs.get("lang") is not None:  # `workplan due --lang en` as well as `workplan --lang en due`
            _Session.lang_override = kwargs["lang"].value
            _language(None)
        try:
            return command(*args, **kwargs)
        except WorkplanError as err:
            if kwargs.get("debug"):
                import traceback

                traceback.print_exception(err.__cause__ or err)
            _console(stderr=True).print(Text(f"workplan: {err.text(_Session.lang)}", style="red"))
            raise typer.Exit(err.exit_code) from None

    return wrapper  # type: ignore[return-value]


class _Session:
    """What the root options set for this run, and the language once the plan is known."""

    use_cache = True
    lang_override: str | None = None
    lang = "en"


def _language(plan: Plan | None) -> str:
    from workplan_cli.i18n import resolve_language

    _Session.lang = resolve_language(_Session.lang_override, os.environ, plan.settings.language if plan else None)
    return _Session.lang


def _open_plan(plan_dir: Path | None) -> Plan:
    from workplan_cli.planfiles import load_plan
    from workplan_cli.planfolder import find_plan_folder

    folder = find_plan_folder(plan_dir, os.environ, Path.cwd())
    with _LoadProgress() as progress:
        plan = load_plan(
            folder,
            use_cache=_Session.use_cache and not os.environ.get("WORKPLAN_NO_CACHE"),
            keep_text=False,  # only `show` prints the original paragraph; it reads that one file again
            progress=progress,
        )
    _language(plan)
    return plan


class _LoadProgress:
    """A progress bar on stderr for a load that takes more than a second, on a terminal only."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> _LoadProgress:
        return self

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if not sys.stderr.isatty() or time.monotonic() - self.started < 1.0:
                return
            from rich.progress import Progress

            self.bar = Progress(console=_console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("Reading plan files", total=total)
        self.bar.update(self.task, completed=done)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _today(plan: Plan, as_of: str | None) -> date:
    if as_of is not None:
        return parse_day(as_of, "--as-of")
    try:
        zone = ZoneInfo(plan.settings.timezone)
    except (KeyError, ValueError) as err:
        raise UsageError(
            f"timezone {plan.settings.timezone!r} in workplan.yaml is unknown",
            f"workplan.yaml 中的时区 {plan.settings.timezone!r} 无法识别",
        ) from err
    return datetime.now(zone).date()


def _schedule(plan: Plan, today: date, within: int | None, workdays: bool | None) -> list[Entry]:
    """Every milestone's standing; in working days with --workdays or `workdays: true`."""
    return list(_iter_schedule(plan, today, within, workdays))


def _iter_schedule(
    plan: Plan, today: date, within: int | None, workdays: bool | None, *, only_urgent: bool = False
) -> Iterator[Entry]:
    from workplan_cli.schedule import iter_schedule

    calendar = None
    if plan.settings.workdays if workdays is None else workdays:
        from workplan_cli.workcalendar import WorkCalendar

        calendar = WorkCalendar([plan.settings.year, today.year])
    return iter_schedule(plan, today, within, calendar, only_urgent=only_urgent)


def parse_day(value: str, flag: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"{flag} {value!r}: expected a date written YYYY-MM-DD", f"{flag} {value!r}：日期应写作 YYYY-MM-DD"
        ) from None


def _report_problems(plan: Plan) -> None:
    """Problems go to stderr after the output; they make the exit code non-zero so cron notices."""
    if not plan.problems:
        return
    from workplan_cli.i18n import TEXT
    from workplan_cli.views.terminal import problem_lines

    err = _console(stderr=True)
    for line in problem_lines(plan.problems, _Session.lang):
        err.print(line)
    english, chinese = TEXT["problems"]
    count = len(plan.problems)
    raise PlanProblemsError(english.format(n=count), chinese.format(n=count))


def _print_json(entries: Any) -> None:
    from workplan_cli.views.jsonview import iter_json

    for chunk in iter_json(entries):
        sys.stdout.write(chunk)


@app.command()
@handle_errors
def due(
    plan: PlanOption = None,
    as_of: AsOfOption = None,
    within: WithinOption = None,
    json: JsonOption = False,
    show_all: AllRowsOption = False,
    workdays: WorkdaysOption = None,
    lang: LangOption = None,
) -> None:
    """Overdue milestones and those due within the warning window, soonest deadline first.

    Example: workplan due --as-of 2024-04-15
    """
    from workplan_cli.schedule import due_entries

    loaded = _open_plan(plan)
    today = _today(loaded, as_of)
    window = loaded.settings.warn_days if within is None else within
    entries = due_entries(_iter_schedule(loaded, today, window, workdays, only_urgent=True))
    if json:
        _print_json(entries)
    else:
        from workplan_cli.views.terminal import due_summary, render_milestones

        out = _console()
        render_milestones(out, entries, show_all=show_all, lang=_Session.lang)
        out.print(due_summary(entries, today, window, _Session.lang))
    _report_problems(loaded)


@app.command("list")
@handle_errors
def list_milestones(
    plan: PlanOption = None,
    as_of: AsOfOption = None,
    workdays: WorkdaysOption = None,
    within: WithinOption = None,
    json: JsonOption = False,
    show_all: AllRowsOption = False,
    status: Annotated[
        list[Status] | None, typer.Option("--status", help="Only these statuses (repeatable).", show_default=False)
    ] = None,
    owner: Annotated[
        str | None, typer.Option("--owner", help="Only milestones of this owner.", show_default=False)
    ] = None,
    section: Annotated[
        str | None,
        typer.Option("--section", help="Only this section: its number (2) or part of its heading.", show_default=False),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Every milestone with its status, in plan order.

    Example: workplan list --status overdue --section 2
    """
    from workplan_cli.schedule import filter_entries

    loaded = _open_plan(plan)
    today = _today(loaded, as_of)
    entries = filter_entries(
        _iter_schedule(loaded, today, within, workdays), statuses=status, owner=owner, section=section
    )
    if json:
        _print_json(entries)
    else:
        from workplan_cli.views.terminal import list_summary, render_milestones

        rows = list(entries)
        out = _console()
        render_milestones(out, rows, show_all=show_all, lang=_Session.lang)
        out.print(list_summary(rows, today, _Session.lang))
    _report_problems(loaded)


@app.command()
@handle_errors
def show(
    item_id: Annotated[str, typer.Argument(metavar="ID", help="An initiative (2.1) or milestone (2.1.1) id.")],
    plan: PlanOption = None,
    as_of: AsOfOption = None,
    workdays: WorkdaysOption = None,
    within: WithinOption = None,
    json: JsonOption = False,
    lang: LangOption = None,
) -> None:
    """One initiative in full: its text, milestones, status and progress notes.

    Example: workplan show 2.1
    """
    from workplan_cli.planfiles import with_text
    from workplan_cli.schedule import find_initiative, initiative_status

    loaded = _open_plan(plan)
    initiative = find_initiative(loaded, item_id)
    entries = [e for e in _schedule(loaded, _today(loaded, as_of), within, workdays) if e.initiative is initiative]
    if json:
        _print_json(entries)
    else:
        from workplan_cli.views.terminal import initiative_view

        full = with_text(initiative, loaded.settings.year)
        _console().print(initiative_view(full, entries, initiative_status(entries), _Session.lang))
    _report_problems(loaded)


@app.command()
@handle_errors
def check(plan: PlanOption = None, lang: LangOption = None) -> None:
    """Validate every plan file; print each problem as file:line: message. Exit 1 if any.

    Example: workplan check --plan plan/
    """
    loaded = _open_plan(plan)
    language = _Session.lang
    count = sum(len(i.milestones) for i in loaded.initiatives)
    if not loaded.problems:
        summary = tr("check.ok", language, folder=loaded.folder, initiatives=len(loaded.initiatives), milestones=count)
        _console().print(Text(summary, style="green"))
        return
    for problem in loaded.problems:
        _console().print(Text(problem.text(language)))
    files = len({p.path for p in loaded.problems})
    english, chinese = TEXT["check.failed"]
    raise PlanProblemsError(
        english.format(problems=len(loaded.problems), files=files),
        chinese.format(problems=len(loaded.problems), files=files),
    )


def _complete_open_ids(incomplete: str) -> list[tuple[str, str]]:
    """Shell completion for `workplan done <TAB>`: the open milestone ids. Never fails loudly."""
    try:
        from workplan_cli.actions import open_milestone_ids

        return [(i, h) for i, h in open_milestone_ids(_open_plan(None)) if i.startswith(incomplete)]
    except Exception:  # completion must never print a traceback into the user's shell
        return []


IdArgument = Annotated[
    str,
    typer.Argument(metavar="ID", help="A milestone (2.1.1) or initiative (2.1) id.", autocompletion=_complete_open_ids),
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
AllOption = Annotated[bool, typer.Option("--all", help="With an initiative id: act on all its milestones.")]


def _print_outcomes(outcomes: list[Any]) -> None:
    out = _console()
    for outcome in outcomes:
        style = "green" if outcome.changed else "dim"
        out.print(Text(f"{outcome.text(_Session.lang)}  ({outcome.path})", style=style))


@app.command()
@handle_errors
def done(
    item_id: IdArgument,
    plan: PlanOption = None,
    on: OnOption = None,
    note: Annotated[
        str | None, typer.Option("--note", help="Also add this progress note (进展情况).", show_default=False)
    ] = None,
    every: AllOption = False,
    lang: LangOption = None,
) -> None:
    """Close a milestone (销号): record its done date in its plan file.

    Example: workplan done 2.1.1 --on 2024-03-28 --note "方案已印发"
    """
    from workplan_cli.actions import close

    loaded = _open_plan(plan)
    today = _today(loaded, None)
    day = parse_day(on, "--on") if on else today
    _print_outcomes(close(loaded, item_id, on=day, today=today, note=note, every=every))


@app.command()
@handle_errors
def reopen(item_id: IdArgument, plan: PlanOption = None, every: AllOption = False, lang: LangOption = None) -> None:
    """Reopen a closed milestone: remove its done date.

    Example: workplan reopen 2.1.1
    """
    from workplan_cli.actions import reopen as reopen_milestones

    _print_outcomes(reopen_milestones(_open_plan(plan), item_id, every=every))


@app.command()
@handle_errors
def note(
    item_id: IdArgument,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The progress note.")],
    plan: PlanOption = None,
    on: OnOption = None,
    lang: LangOption = None,
) -> None:
    """Add a dated progress note (进展情况) to a milestone without closing it.

    Example: workplan note 2.1.2 "已完成试点街道调研"
    """
    from workplan_cli.actions import add_note

    loaded = _open_plan(plan)
    day = parse_day(on, "--on") if on else _today(loaded, None)
    _print_outcomes(add_note(loaded, item_id, text, on=day))


@app.command()
@handle_errors
def digest(
    plan: PlanOption = None,
    as_of: AsOfOption = None,
    workdays: WorkdaysOption = None,
    days: Annotated[
        int | None, typer.Option("--days", min=0, help="Due window in days (default: warn_days).", show_default=False)
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
    lang: LangOption = None,
) -> None:
    """The weekly digest: overdue, due soon, newly overdue, closed last week, progress by section.

    Example: workplan digest --send --as-of 2024-06-17
    """
    from workplan_cli import delivery
    from workplan_cli.views.digest import LABELS, RENDERERS

    if crontab:
        from workplan_cli.planfolder import find_plan_folder

        folder = find_plan_folder(plan, os.environ, Path.cwd())
        typer.echo(delivery.crontab_line(sys.executable, folder))
        return
    loaded = _open_plan(plan)
    today = _today(loaded, as_of)
    window = loaded.settings.warn_days if days is None else days
    entries = _schedule(loaded, today, window, workdays)
    if not (send or dry_run):
        from workplan_cli.digest import build_digest

        view = RENDERERS["html" if html else "markdown" if markdown else "text"]
        sys.stdout.write(view(build_digest(loaded.settings.title, entries, today, window), LABELS[_Session.lang]))
        _report_problems(loaded)
        return
    jobs, warnings = delivery.plan_deliveries(loaded.settings, entries, today, window, by_owner=by_owner, to=to or ())
    err = _console(stderr=True)
    for warning in warnings:
        err.print(Text(tr("warning", _Session.lang, message=warning), style="yellow"))
    report = delivery.deliver_all(
        jobs,
        loaded.settings,
        LABELS[_Session.lang],
        now=datetime.now(ZoneInfo(loaded.settings.timezone)),
        password=os.environ.get("WORKPLAN_SMTP_PASSWORD"),
        dry_run=dry_run,
        skip_empty=skip_empty,
        show=lambda text: print(text, end="" if text.endswith("\n") else "\n"),
    )
    for line in report.sent + report.skipped:
        err.print(Text(line, style="green"))
    if len(jobs) == 1 and report.failed:
        raise report.failed[0]
    for failure in report.failed:
        if debug:
            import traceback

            traceback.print_exception(failure.__cause__ or failure)
        err.print(Text(tr("error", _Session.lang, message=failure.text(_Session.lang)), style="red"))
    if report.failed:
        failed = len(report.failed)
        raise DeliveryError(
            f"{failed} of {len(jobs)} digests not delivered", f"{len(jobs)} 份周报中有 {failed} 份未送达"
        )
    _report_problems(loaded)


@app.command("import")
@handle_errors
def import_report(
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
    lang: LangOption = None,
) -> None:
    """Turn a work-plan report into plan files: workplan.yaml and one file per initiative.

    Example: workplan import 2024-work-plan-report.txt --out plan
    """
    from workplan_cli.importer import carry_over, parse_report, plan_files
    from workplan_cli.planfiles import load_plan
    from workplan_cli.planfolder import holds_a_plan, write_plan
    from workplan_cli.reportfiles import read_report
    from workplan_cli.workcalendar import WorkCalendar

    text, _ = read_report(report)
    draft = parse_report(text, year=year, workdays=WorkCalendar())
    err = _console(stderr=True)
    if dry_run:
        from workplan_cli.views.terminal import draft_table

        _console().print(draft_table(draft))
    elif holds_a_plan(out) and not (force or update):
        raise ReportImportError(
            f"{out} already holds a plan; use --update to re-import keeping done dates, notes "
            "and owners, or --force to replace it"
        )
    else:
        changes = carry_over(draft, load_plan(out)) if update and holds_a_plan(out) else None
        files = plan_files(draft, with_settings=changes is None)
        removed = write_plan(out, files, remove_others=force or update)
        milestones = [m for i in draft.initiatives for m in i.milestones]
        _console().print(
            Text(
                f"wrote {out}: {len(draft.initiatives)} initiatives, {len(milestones)} milestones "
                f"({sum(1 for m in milestones if m.phrase)} with a deadline), plan year {draft.year}"
            )
        )
        for line in _update_lines(changes, removed):
            _console().print(Text(line))
    for warning in draft.warnings:
        err.print(Text(f"workplan: warning: {warning}", style="yellow"))
    if draft.warnings:
        raise PlanProblemsError(
            f"{len(draft.warnings)} phrase(s) need a person's eye; the milestones keep them, "
            "so `workplan check` lists them until they are fixed"
        )


def _update_lines(changes: Any, removed: list[Path]) -> list[str]:
    if changes is None:
        return [f"removed {path}" for path in removed]
    lines = [f"added: {item}" for item in changes.added] + [f"changed: {item}" for item in changes.changed]
    lines += [f"removed: {item}" for item in changes.removed]
    lines += [f"kept done dates, notes and owners of: {', '.join(changes.kept)}"] if changes.kept else []
    return lines or ["no changes"]


@app.command()
@handle_errors
def export(
    plan: PlanOption = None,
    as_of: AsOfOption = None,
    workdays: WorkdaysOption = None,
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
    lang: LangOption = None,
) -> None:
    """Export the plan: a calendar (.ics), the office ledger (.xlsx) or CSV. FILE may be - for stdout.

    Example: workplan export --ics plan.ics --xlsx 工作台账.xlsx
    """
    if not (ics or xlsx or csv):
        raise UsageError(
            "say what to export: --ics FILE, --xlsx FILE and/or --csv FILE",
            "请指明导出内容：--ics 文件、--xlsx 文件 和/或 --csv 文件",
        )
    from workplan_cli.views import calendar, ledger

    loaded = _open_plan(plan)
    today = _today(loaded, as_of)
    entries = _schedule(loaded, today, within, workdays)
    outputs: list[tuple[Path, Callable[[], bytes]]] = []
    if ics:
        now = datetime.now(ZoneInfo(loaded.settings.timezone))
        outputs.append((ics, lambda: calendar.to_ical(loaded.settings, entries, now=now, todo=todo)))
    if xlsx:
        outputs.append((xlsx, lambda: ledger.to_xlsx(loaded.settings, entries, today)))
    if csv:
        outputs.append((csv, lambda: ledger.to_csv(entries)))
    for target, render in outputs:
        _write_output(target, render())
    _report_problems(loaded)


def _write_output(target: Path, data: bytes) -> None:
    if str(target) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        return
    from workplan_cli.safewrite import atomic_replace

    atomic_replace(target, data)
    _console(stderr=True).print(Text(tr("wrote", _Session.lang, path=target)))


@app.command()
@handle_errors
def timeline(
    plan: PlanOption = None,
    as_of: AsOfOption = None,
    within: WithinOption = None,
    svg: Annotated[
        Path | None, typer.Option("--svg", metavar="FILE", help="Also save the picture as SVG.", show_default=False)
    ] = None,
    lang: LangOption = None,
) -> None:
    """The plan year month by month: each dated milestone in its month, coloured by status, today marked.

    Example: workplan timeline --as-of 2024-06-17 --svg timeline.svg
    """
    from workplan_cli.views.timeline import timeline as draw

    loaded = _open_plan(plan)
    today = _today(loaded, as_of)
    picture = draw(_schedule(loaded, today, within, None), loaded.settings.year, today, _Session.lang)
    _console().print(picture)
    if svg:
        recorder = Console(record=True, width=160, file=open(os.devnull, "w"), markup=False)  # noqa: SIM115
        recorder.print(picture)
        _write_output(svg, recorder.export_svg(title=f"{loaded.settings.title} {today.isoformat()}").encode())
        recorder.file.close()
    _report_problems(loaded)


@app.command()
@handle_errors
def stats(
    plan: PlanOption = None, as_of: AsOfOption = None, within: WithinOption = None, lang: LangOption = None
) -> None:
    """Progress per section and per owner: done, done late, overdue, due, upcoming, ongoing.

    Example: workplan stats --as-of 2024-06-17
    """
    from workplan_cli.views.stats import stats_view

    loaded = _open_plan(plan)
    _console().print(stats_view(_schedule(loaded, _today(loaded, as_of), within, None), _Session.lang))
    _report_problems(loaded)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"workplan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Read every plan file; neither use nor update the cache.")
    ] = False,
    lang: Annotated[
        Language | None,
        typer.Option(
            "--lang",
            help="Interface language (default: language in workplan.yaml, then the locale).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Track the deadlines of an annual work plan kept as YAML files in plan/."""
    _Session.use_cache = not no_cache
    _Session.lang_override = lang.value if lang else None
    _language(None)


def main() -> None:
    # Under cron LANG is often unset; never let an ASCII stdout turn Chinese text into a crash.
    for stream in (sys.stdout, sys.stderr):
        if (getattr(stream, "encoding", "") or "").lower() in ("ascii", "ansi_x3.4-1968"):
            stream.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    # A short-lived process that builds hundreds of thousands of acyclic objects on a large plan:
    # the cycle collector would only rescan them again and again (10-40 % of a load, measured).
    gc.disable()
    try:
        app()
    except SystemExit as leaving:
        code = leaving.code if isinstance(leaving.code, int) else (0 if leaving.code is None else 1)
    else:
        code = 0
    # Leave without tearing down the heap: on a large plan, freeing a million objects one by one
    # takes longer than anything the command did. Nothing of ours needs exit handlers; output is
    # flushed here, and the forked cache writer (see cache.py) is its own process.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = code or 1
    os._exit(code)
