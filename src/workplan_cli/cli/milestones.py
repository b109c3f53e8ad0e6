"""`due` and `list`: what the two commands do once their options are read.

Shared by their typer commands (``views``) and by ``quick``, which reads the same options without
typer for the everyday runs; so both print exactly the same thing.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from workplan_cli.cli.context import AppContext
from workplan_cli.cli.output import console, print_json

if TYPE_CHECKING:
    from workplan_cli.model import Status
    from workplan_cli.schedule import Entry


def show_due(
    run: AppContext,
    plans: Sequence[Path] | None,
    *,
    as_of: str | None = None,
    within: int | None = None,
    json: bool = False,
    use_workdays: bool | None = None,
    from_git: bool = False,
    unit: str | None = None,
    leader: str | None = None,
) -> None:
    """Overdue milestones and those due within the warning window, soonest deadline first."""
    from workplan_cli.schedule import check_filters, due_entries, filter_entries

    loaded = run.open_plans(plans)
    today = run.today(loaded, as_of)
    if from_git:
        loaded = run.as_committed(loaded, today).plan
    check_filters(loaded, unit=unit, leader=leader)
    window = loaded.settings.warn_days if within is None else within
    urgent = run.iter_schedule(loaded, today, window, use_workdays, only_urgent=True)
    entries = due_entries(filter_entries(urgent, unit=unit, leader=leader))
    if json:
        print_json(entries)
    else:
        from workplan_cli.views.plain import due_summary_line

        line, style = due_summary_line(entries, today, window, run.lang)
        _print(run, entries, line, style)
    run.report_problems(loaded)


def show_list(
    run: AppContext,
    plans: Sequence[Path] | None,
    *,
    as_of: str | None = None,
    use_workdays: bool | None = None,
    within: int | None = None,
    json: bool = False,
    statuses: Sequence[Status] | None = None,
    owner: str | None = None,
    section: str | None = None,
    unit: str | None = None,
    leader: str | None = None,
) -> None:
    """Every milestone with its status, in plan order."""
    from workplan_cli.schedule import check_filters, filter_entries

    loaded = run.open_plans(plans)
    today = run.today(loaded, as_of)
    check_filters(loaded, owner=owner, section=section, unit=unit, leader=leader)
    entries = filter_entries(
        run.iter_schedule(loaded, today, within, use_workdays),
        statuses=statuses,
        owner=owner,
        section=section,
        unit=unit,
        leader=leader,
    )
    if json:
        print_json(entries)
    else:
        from workplan_cli.views.plain import list_summary_line

        rows = list(entries)
        _print(run, rows, list_summary_line(rows, today, run.lang), "")
    run.report_problems(loaded)


def _print(run: AppContext, entries: list[Entry], summary: str, style: str) -> None:
    """The rows and the summary line under them: Rich tables through the pager on a terminal; plain
    text when the output is not one (what Rich would print there too), without loading Rich."""
    if run.many is None and not stdout_is_terminal(os.environ):
        from workplan_cli.views.plain import fits, write_milestones

        width = piped_width(os.environ)
        write_milestones(entries, sys.stdout.write, width, run.lang)
        if fits(summary, width):
            sys.stdout.write(summary.rstrip(" ") + "\n")
            return
        from rich.text import Text

        console().print(Text(summary, style=style), soft_wrap=False)  # Rich folds a long line
        return
    from rich.text import Text

    from workplan_cli.views.terminal import render_milestones

    with run.output() as out:
        render_milestones(out, entries, lang=run.lang)
        out.print(Text(summary, style=style), soft_wrap=False)
        run.print_per_plan(entries, out)


def stdout_is_terminal(env: os._Environ[str] | dict[str, str]) -> bool:
    """Whether Rich would draw for a terminal: stdout is one, or the environment says to act as if
    (TTY_COMPATIBLE=1, else a non-empty FORCE_COLOR, unless TTY_COMPATIBLE=0), as Rich reads them."""
    try:
        if sys.stdout.isatty():
            return True
    except ValueError:  # closed
        return False
    compatible = env.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    return bool(env.get("FORCE_COLOR"))


def piped_width(env: os._Environ[str] | dict[str, str]) -> int:
    """The width a view is laid out for when the output is no terminal (as ``context.console``)."""
    columns = env.get("COLUMNS", "")
    return int(columns) if columns.isdigit() else 200
