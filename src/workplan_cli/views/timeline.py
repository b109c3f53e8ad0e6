"""The plan year month by month on a terminal: one row per initiative, each dated milestone in its month.

Laid out for the terminal's width: from about 80 columns the initiative's title has a column of its
own, as wide as the longest title where the width allows (else folded over several lines);
narrower, the title goes on a line of its own above its months, like gh stacks what does not fit.
The months take 3 to 5 columns each; a wide terminal spreads them to up to 8.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from rich.cells import cell_len, chop_cells
from rich.console import Group, RenderableType
from rich.text import Text

from workplan_cli.i18n import Msg, tr
from workplan_cli.model import Initiative, Status
from workplan_cli.schedule import Entry
from workplan_cli.views.literal import literal
from workplan_cli.views.plain import STATUS_STYLE, status_label
from workplan_cli.views.plans import plan_name

MARK = {Status.DONE: "✓", Status.OVERDUE: "●", Status.DUE: "◆", Status.UPCOMING: "○"}
TODAY_STYLE = "bold magenta"
_GAP = 2  # columns between the id, the title and the months
_MIN_TITLE = 16  # below this a title column reads badly: the title goes above its months instead


def short_id(milestone_id: str) -> str:
    return milestone_id.rsplit(".", 1)[-1]


@dataclass
class TimelineRow:
    """One initiative: the marks in each month of the plan year, and what falls due after it."""

    initiative: Initiative
    months: list[Text] = field(default_factory=lambda: [Text() for _ in range(12)])
    later: Text = field(default_factory=Text)


def timeline_rows(entries: Sequence[Entry], year: int) -> list[TimelineRow]:
    """A range's months are drawn as a bar up to its due month; the due month holds the mark."""
    rows: dict[str, TimelineRow] = {}
    for entry in entries:
        row = rows.setdefault(entry.initiative.id, TimelineRow(entry.initiative))
        due, start = entry.due, entry.milestone.deadline.start
        if due is None:
            continue
        style = STATUS_STYLE[entry.status]
        mark = f"{MARK.get(entry.status, '●')}{short_id(entry.milestone.id)}"
        if due.year != year:
            row.later.append(f"{mark} {due.isoformat()} ", style=style)
            continue
        if start is not None and start < due:
            first = 1 if start.year < year else start.month
            for month in range(first, due.month):
                row.months[month - 1].append("━", style="dim")
        row.months[due.month - 1].append(mark, style=style)
    for row in rows.values():
        row.later.rstrip()
    return list(rows.values())


def _pad(text: Text, width: int) -> Text:
    padded = text.copy()
    padded.append(" " * max(0, width - cell_len(text.plain)))
    return padded


def timelines(
    entries: Sequence[Entry],
    years: Mapping[str, int],
    today: date,
    lang: str = "en",
    width: int = 200,
) -> RenderableType:
    """Several plans (a workspace): one timeline per plan year, the earliest first, each holding the
    plans of that year (their entries' ids start with the plan's name, 青羊:2.1.1), so that a 2025
    plan's months are not piled into the "later" column of a 2024 one."""
    by_year: dict[int, list[Entry]] = {year: [] for year in sorted(set(years.values()))}
    for entry in entries:
        year = years.get(plan_name(entry))
        if year is not None:
            by_year[year].append(entry)
    charts: list[RenderableType] = []
    for year, chosen in by_year.items():
        charts += [Text("")] if charts else []
        charts.append(timeline(chosen, year, today, lang, width))
    return Group(*charts)


def timeline(entries: Sequence[Entry], year: int, today: date, lang: str = "en", width: int = 200) -> RenderableType:
    rows = timeline_rows(entries, year)
    this_month = today.month if today.year == year else None
    headers = [f"{month}月" for month in range(1, 13)]
    month_widths = [
        max(cell_len(headers[m]), *(cell_len(row.months[m].plain) for row in rows)) + 1 if rows else 4
        for m in range(12)
    ]
    id_width = max([cell_len(tr(Msg.COL_ID, lang)), *(cell_len(literal(r.initiative.id)) for r in rows)])
    months_width = sum(month_widths)
    later_width = max([0, *(cell_len(r.later.plain) for r in rows)])
    later_column = later_width + _GAP if later_width else 0
    # The title column is as wide as the longest title where the terminal allows, so that a wide
    # terminal shows each title on one line; what is left over then goes to the months.
    room = width - id_width - _GAP - months_width - later_column - _GAP
    longest = max([cell_len(tr(Msg.COL_INITIATIVE, lang)), *(cell_len(literal(r.initiative.title)) for r in rows)])
    title_width = min(longest, room)
    titles_inline = room >= min(_MIN_TITLE, longest)
    if titles_inline:  # room to spare on a wide terminal: the months get it, up to 8 columns each
        spare = width - id_width - _GAP - title_width - _GAP - months_width - later_column
        extra = max(0, min(8 - min(month_widths), spare // 12))
        month_widths = [w + extra for w in month_widths]
        months_width = sum(month_widths)
    lead = id_width + _GAP + (title_width + _GAP if titles_inline else 0)

    lines: list[Text] = [Text(tr(Msg.TIMELINE_TITLE, lang, year=year), style="bold")]
    if this_month is not None:  # a pointer above today's month
        offset = lead + sum(month_widths[: this_month - 1])
        lines.append(Text(" " * offset + "▼", style=TODAY_STYLE))
    header = _pad(Text(tr(Msg.COL_ID, lang), style="bold"), id_width + _GAP)
    if titles_inline:
        header.append_text(_pad(Text(tr(Msg.COL_INITIATIVE, lang), style="bold"), title_width + _GAP))
    for month, label in enumerate(headers, 1):
        style = TODAY_STYLE if month == this_month else "bold"
        header.append_text(_pad(Text(label, style=style), month_widths[month - 1]))
    if later_width:
        header.append(" " * _GAP + tr(Msg.TIMELINE_LATER, lang), style="bold")
    lines += [header, Text("─" * min(width, cell_len(header.plain)))]

    for row in rows:
        months = Text()
        for month, cell in enumerate(row.months):
            months.append_text(_pad(cell, month_widths[month]))
        if later_width and titles_inline:
            months.append(" " * _GAP)
            months.append_text(row.later)
        ident = _pad(Text(literal(row.initiative.id)), id_width + _GAP)
        if titles_inline:
            chunks = chop_cells(literal(row.initiative.title), title_width) or [""]
            first = ident.copy()
            first.append_text(_pad(Text(chunks[0]), title_width + _GAP))
            first.append_text(months)
            lines.append(first)
            lines += [Text(" " * (id_width + _GAP) + chunk) for chunk in chunks[1:]]
        else:
            head = ident.copy()
            head.append(literal(row.initiative.title))
            lines.append(head)
            lines.append(Text(" " * (id_width + _GAP)) + months)
            if row.later.plain:
                lines.append(Text(" " * (id_width + _GAP) + tr(Msg.TIMELINE_LATER, lang) + ": ") + row.later)

    legend = Text()
    for status in (Status.OVERDUE, Status.DUE, Status.UPCOMING, Status.DONE):
        legend.append(f"{MARK[status]} {status_label(status, lang)}  ", style=STATUS_STYLE[status])
    legend.append(tr(Msg.TIMELINE_LEGEND, lang) + "  ")
    if this_month is not None:
        legend.append(tr(Msg.TIMELINE_TODAY, lang, today=today.isoformat()), style=TODAY_STYLE)
    else:
        legend.append(tr(Msg.TIMELINE_OUTSIDE, lang, today=today.isoformat(), year=year), style=TODAY_STYLE)
    return Group(*lines, Text(""), legend)
