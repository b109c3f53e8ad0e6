"""The plan year month by month: one row per initiative, each dated milestone in its month."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from workplan_cli.i18n import tr
from workplan_cli.model import Initiative, Status
from workplan_cli.schedule import Entry
from workplan_cli.views.literal import literal
from workplan_cli.views.terminal import STATUS_STYLE, status_label

_MARK = {Status.DONE: "✓", Status.OVERDUE: "●", Status.DUE: "◆", Status.UPCOMING: "○"}


def _short(milestone_id: str) -> str:
    return milestone_id.rsplit(".", 1)[-1]


def timeline(entries: Sequence[Entry], year: int, today: date, lang: str = "en") -> RenderableType:
    """A grid of initiatives by month. A range's months are drawn as a bar up to its due month."""
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, padding=(0, 1))
    table.add_column(tr("col.id", lang), no_wrap=True)
    table.add_column(tr("col.initiative", lang), overflow="fold", max_width=26)
    for month in range(1, 13):
        here = today.year == year and today.month == month
        table.add_column(
            Text(f"▼{month}月" if here else f"{month}月", style="bold magenta" if here else ""),
            no_wrap=False,
            min_width=3,
            justify="left",
        )
    table.add_column(tr("timeline.later", lang), no_wrap=True)

    by_initiative: dict[str, tuple[Initiative, list[Entry]]] = {}
    for entry in entries:
        by_initiative.setdefault(entry.initiative.id, (entry.initiative, []))[1].append(entry)
    for initiative, members in by_initiative.values():
        cells = [Text() for _ in range(12)]
        later = Text()
        for entry in members:
            due, start = entry.due, entry.milestone.deadline.start
            if due is None:
                continue
            style = STATUS_STYLE[entry.status]
            mark = f"{_MARK.get(entry.status, '●')}{_short(entry.milestone.id)}"
            if due.year != year:
                later.append(f"{mark} {due.isoformat()} ", style=style)
                continue
            if start is not None and start < due:
                first = 1 if start.year < year else start.month
                for month in range(first, due.month):
                    cells[month - 1].append("━", style="dim")
            cells[due.month - 1].append(mark + " ", style=style)
        table.add_row(Text(literal(initiative.id)), Text(literal(initiative.title)), *cells, later)

    legend = Text()
    for status in (Status.OVERDUE, Status.DUE, Status.UPCOMING, Status.DONE):
        legend.append(f"{_MARK[status]} {status_label(status, lang)}  ", style=STATUS_STYLE[status])
    legend.append(tr("timeline.legend", lang) + "   ")
    if today.year == year:
        legend.append(tr("timeline.today", lang, today=today.isoformat()), style="bold magenta")
    else:
        legend.append(tr("timeline.outside", lang, today=today.isoformat(), year=year), style="bold magenta")
    title = Text(tr("timeline.title", lang, year=year), style="bold")
    return Group(title, table, legend)
