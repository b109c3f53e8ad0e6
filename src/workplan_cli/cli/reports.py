"""`workplan report`: the progress report of a period (月报 / 季报 / 半年报 / 年报) or the year-end summary."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from workplan_cli.cli.context import AppContext, handle_errors
from workplan_cli.cli.options import AsOfOption, FromGitOption, PlansOption, WorkdaysOption
from workplan_cli.i18n import UsageMsg

commands = typer.Typer()


class Kind(StrEnum):
    progress = "progress"
    summary = "summary"


def _file_option(flag: str, what: str) -> object:
    return typer.Option(flag, metavar="FILE", help=f"Write {what}; FILE may be - for stdout.", show_default=False)


@commands.command()
@handle_errors
def report(
    ctx: typer.Context,
    plan: PlansOption = None,
    month: Annotated[
        str | None, typer.Option("--month", metavar="YYYY-MM", help="A monthly report (月报).", show_default=False)
    ] = None,
    quarter: Annotated[
        str | None,
        typer.Option("--quarter", metavar="YYYY-QN", help="A quarterly report (季报): 2024-Q2.", show_default=False),
    ] = None,
    half: Annotated[
        str | None,
        typer.Option("--half", metavar="YYYY-HN", help="A half-year report: 2024-H1 or 2024-H2.", show_default=False),
    ] = None,
    year: Annotated[
        str | None, typer.Option("--year", metavar="YYYY", help="A report of the whole year.", show_default=False)
    ] = None,
    kind: Annotated[
        Kind,
        typer.Option(
            "--type", help="progress: the period's report; summary: the year-end 工作总结 skeleton (default --year)."
        ),
    ] = Kind.progress,
    as_of: AsOfOption = None,
    from_git: FromGitOption = False,
    docx: Annotated[Path | None, _file_option("--docx", "a Word document (.docx)")] = None,
    md: Annotated[Path | None, _file_option("--md", "Markdown")] = None,
    html: Annotated[Path | None, _file_option("--html", "one self-contained web page")] = None,
    use_workdays: WorkdaysOption = None,
) -> None:
    """A progress report for a period, or the year-end summary: counts, units ranked, 通报, next steps.

    The period is --month, --quarter, --half or --year (default: the last full month; with --type
    summary, the plan year), as of its last day (or today, if that is earlier) unless --as-of says
    otherwise. Without --docx, --md or --html the report is printed as text.

    Example: workplan report --quarter 2024-Q2 --docx q2.docx
    """
    from workplan_cli.errors import UsageError
    from workplan_cli.periods import PeriodKind, check_within_years, last_full_month, parse_period
    from workplan_cli.report import ReportType, build_report
    from workplan_cli.schedule import plan_years
    from workplan_cli.views.report_blocks import report_blocks

    given = [(k, v) for k, v in ((PeriodKind.MONTH, month), (PeriodKind.QUARTER, quarter),
                                 (PeriodKind.HALF, half), (PeriodKind.YEAR, year)) if v]  # fmt: skip
    if len(given) > 1:
        raise UsageError(UsageMsg.REPORT_WHICH_PERIOD)
    run = AppContext.of(ctx)
    loaded = run.open_plans(plan)
    today = run.today(loaded, None)
    report_type = ReportType(kind.value)
    if given:
        period = parse_period(*given[0])
    elif report_type is ReportType.SUMMARY:
        period = parse_period(PeriodKind.YEAR, str(loaded.settings.year))
    else:
        period = last_full_month(today)
    day = run.today(loaded, as_of) if as_of else min(period.end, today)
    source = ""
    if from_git:
        committed = run.as_committed(loaded, day)
        loaded, source = committed.plan, committed.source(run.lang)
    if given:  # the plan as read (from git: as committed then) says which years it covers
        check_within_years(period, plan_years(loaded), f"--{given[0][0].value}")
    work_calendar = run.work_calendar(loaded, day, use_workdays)
    built = build_report(loaded, period, day, report_type=report_type, work_calendar=work_calendar, source=source)
    blocks = report_blocks(built, run.lang)
    if docx:
        from workplan_cli.views.report_docx import render_docx

        run.write_output(docx, render_docx(blocks))
    if md:
        from workplan_cli.views.report_md import render_markdown

        run.write_output(md, render_markdown(blocks).encode())
    if html:
        from workplan_cli.views.report_html import render_html

        run.write_output(html, render_html(blocks, run.lang).encode())
    if not (docx or md or html):
        from workplan_cli.views.report_text import render_text

        with run.output() as out:  # on a terminal: paged, paragraphs wrapped to its width
            out.file.write(render_text(blocks, out.size.width if out.is_terminal else None))
    run.report_problems(loaded)
