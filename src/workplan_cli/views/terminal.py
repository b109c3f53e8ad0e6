"""Rich tables for the terminal. Every piece of file text goes through ``literal`` into a ``Text``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from workplan_cli.i18n import Msg, tr
from workplan_cli.model import Initiative, Problem, Status
from workplan_cli.schedule import Entry
from workplan_cli.views.entries import entry_summary
from workplan_cli.views.literal import literal
from workplan_cli.views.plain import (
    STATUS_STYLE,
    TABLE_LIMIT,
    _date_first,
    days_text,
    deadline_lines,
    due_summary_line,
    entry_label,
    list_summary_line,
    plain_blocks,
    status_label,
    stream_rows,
)
from workplan_cli.views.wrap_rich import BreakingText

if TYPE_CHECKING:  # the importer is needed only by `import --dry-run`
    from workplan_cli.import_drafts import DraftPlan


def text(value: str, style: str = "") -> Text:
    """File text for a cell: escaped, and folded as Chinese is typeset (no ，or 。 starting a line)."""
    return BreakingText(literal(value), style=style)


def status_cell(status: Status, lang: str = "en") -> Text:
    return Text(f"● {status_label(status, lang)}", style=STATUS_STYLE[status])


def entry_cell(entry: Entry, lang: str = "en") -> Text:
    label, style = entry_label(entry, lang)
    return Text(label, style=style)


def progress_text(entry: Entry, lang: str = "en") -> str:
    """序时进度 of an open milestone: ``49% · 40% 欠进度`` (expected share, reported percent, rating)."""
    progress = entry.progress
    if progress is None or entry.status in (Status.DONE, Status.ONGOING):
        return "—"
    if progress.reported is None:
        return f"{progress.expected}%"
    return f"{progress.expected}% · {progress.reported}% {progress.label(lang)}"


def deadline_cell(entry: Entry, lang: str = "en") -> Text:
    """The phrase, and under it what it means (the dates, or ongoing / done)."""
    phrase, meaning = deadline_lines(entry, lang)
    if entry.due is None:
        return Text(f"{phrase}\n{meaning}", style="cyan")
    cell = Text(phrase)
    cell.append(f"\n{meaning}", style="bold")
    return cell


# ---------------------------------------------------------------------------------------------
# Rows of milestones at any width. Like git and gh, the layout is chosen by the terminal's width:
#   WIDE (120 columns and more): one column each for status, id, initiative, task, deadline, days,
#        owner;
#   MEDIUM (80 to 119): the initiative and owner stacked under the task, the days under the date;
#   NARROW (below 80): one block per milestone, its first line status, id, date and days, the task
#        and the rest indented below it.
# Whatever the width, a row's first line holds its status, id and due day.

WIDE, MEDIUM = 120, 80


def milestone_table(
    entries: Sequence[Entry],
    *,
    with_initiative: bool = True,
    with_progress: bool = False,
    lang: str = "en",
    width: int = 200,
) -> RenderableType:
    """The milestones laid out for a terminal ``width`` columns wide; ``with_progress`` adds 序时进度."""
    if width < MEDIUM:
        return _blocks(entries, with_initiative, with_progress, lang)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, header_style="bold", pad_edge=False, expand=False)
    table.add_column(tr(Msg.COL_STATUS, lang), no_wrap=True)
    table.add_column(tr(Msg.COL_ID, lang), no_wrap=True)
    wide = width >= WIDE
    if wide and with_initiative:
        # A sixth of the width: the task, what the row is about, gets the most room.
        table.add_column(tr(Msg.COL_INITIATIVE, lang), overflow="fold", max_width=max(12, width // 6))
    stacked = not wide and with_initiative  # the initiative's title under the task, the days under the date
    task_header = f"{tr(Msg.COL_TASK, lang)} / {tr(Msg.COL_INITIATIVE, lang)}" if stacked else tr(Msg.COL_TASK, lang)
    table.add_column(task_header, overflow="fold", min_width=12)
    deadline_header = tr(Msg.COL_DEADLINE, lang) if wide else f"{tr(Msg.COL_DEADLINE, lang)} / {tr(Msg.COL_DAYS, lang)}"
    table.add_column(deadline_header, overflow="fold", max_width=24)
    if wide:
        table.add_column(tr(Msg.COL_DAYS, lang), overflow="fold")
        table.add_column(tr(Msg.COL_OWNER, lang), overflow="fold", max_width=16)
    if with_progress:
        # Below 120 columns the name goes on two lines (Schedule / progress): the task keeps the room
        progress_header = tr(Msg.COL_PROGRESS, lang) if wide else tr(Msg.COL_PROGRESS, lang).replace(" ", "\n", 1)
        table.add_column(progress_header, overflow="fold", max_width=20)
    for entry in entries:
        style = STATUS_STYLE[entry.status]
        day, more = _date_first(entry, lang)
        row: list[RenderableType] = [entry_cell(entry, lang), text(entry.milestone.id)]
        if wide:
            if with_initiative:
                row.append(text(entry.initiative.title))
            row += [text(entry.milestone.task), _lines((day, "bold"), (more, "dim"))]
            row.append(Text(days_text(entry, lang), style=style))
            row.append(text(entry.responsible))
        else:
            task = BreakingText(literal(entry.milestone.task))
            if with_initiative:
                task.append("\n" + literal(entry.initiative.title), style="dim")
            if entry.responsible:
                task.append("\n" + tr(Msg.DIGEST_OWNER, lang, owner=literal(entry.responsible)), style="dim")
            row += [task, _lines((day, "bold"), (days_text(entry, lang), style), (more, "dim"))]
        if with_progress:
            row.append(Text(progress_text(entry, lang), style=entry_label(entry, lang)[1]))
        table.add_row(*row)
    return table


def _lines(*parts: tuple[str, str]) -> Text:
    """Lines of a cell, each in its style; empty ones left out."""
    cell = Text()
    for value, style in parts:
        if value:
            cell.append(("\n" if cell else "") + value, style=style)
    return cell


def _blocks(entries: Sequence[Entry], with_initiative: bool, with_progress: bool, lang: str) -> RenderableType:
    """Below 80 columns: one block per milestone, as gh lists issues on a narrow terminal."""
    blocks: list[RenderableType] = []
    for entry in entries:
        style = STATUS_STYLE[entry.status]
        day, more = _date_first(entry, lang)
        head = entry_cell(entry, lang)
        head.append(f"  {literal(entry.milestone.id)}  ", style="bold")
        head.append(day, style="bold")
        head.append(f"  {days_text(entry, lang)}", style=style)
        body = Table.grid(padding=(0, 0, 0, 2), pad_edge=True)
        body.add_column(overflow="fold")
        body.add_row(text(entry.milestone.task))
        details = [more] if more else []
        if with_initiative:
            details.insert(0, f"{literal(entry.initiative.id)} {literal(entry.initiative.title)}")
        if entry.responsible:
            details.append(tr(Msg.DIGEST_OWNER, lang, owner=literal(entry.responsible)))
        if with_progress and progress_text(entry, lang) != "—":
            details.append(f"{tr(Msg.COL_PROGRESS, lang)} {progress_text(entry, lang)}")
        if details:
            body.add_row(Text(" · ".join(details), style="dim"))
        blocks += [head, body]
    return Group(*blocks)


def due_summary(entries: Iterable[Entry], today: date, window: int, lang: str = "en") -> Text:
    return Text(*due_summary_line(entries, today, window, lang))


def list_summary(entries: Sequence[Entry], today: date, lang: str = "en") -> Text:
    return Text(list_summary_line(entries, today, lang))


def initiative_view(
    initiative: Initiative, entries: Sequence[Entry], status: Status, lang: str = "en", width: int = 200
) -> RenderableType:
    header = Text()
    header.append(f"{literal(initiative.id)} ", style="bold")
    header.append(literal(initiative.title), style="bold")
    header.append("  ")
    header.append_text(status_cell(status, lang))
    details = Table.grid(padding=(0, 2))
    details.add_column(style="dim", no_wrap=True)
    details.add_column(overflow="fold")
    details.add_row(tr(Msg.SHOW_SECTION, lang), text(initiative.section))
    # 责任单位 as every view names it: the lead, else the owner (the lead then needs no row of its own)
    details.add_row(tr(Msg.COL_OWNER, lang), text(initiative.lead or initiative.owner or "—"))
    lead = initiative.lead if initiative.owner and initiative.owner != initiative.lead else ""
    for key, value in ((Msg.SHOW_LEAD, lead), (Msg.SHOW_CO_UNITS, "、".join(initiative.co_units))):
        if value:
            details.add_row(tr(key, lang), text(value))
    if initiative.leader:
        details.add_row(tr(Msg.SHOW_LEADER, lang), text(initiative.leader))
    details.add_row(tr(Msg.SHOW_FILE, lang), text(f"{initiative.path}:{initiative.line}"))
    if initiative.text:
        details.add_row(tr(Msg.SHOW_TEXT, lang), text(initiative.text))
    parts: list[RenderableType] = [
        header,
        details,
        Text(""),
        milestone_table(entries, with_initiative=False, with_progress=True, lang=lang, width=width),
    ]
    notes = Table(
        box=box.SIMPLE_HEAD, show_edge=False, header_style="bold", title=tr(Msg.SHOW_NOTES, lang), title_justify="left"
    )
    notes.add_column(tr(Msg.COL_ID, lang), no_wrap=True)
    notes.add_column(tr(Msg.COL_DATE, lang), no_wrap=True)
    notes.add_column(tr(Msg.COL_NOTE, lang), overflow="fold")
    for entry in entries:
        for note in entry.milestone.notes:
            notes.add_row(text(entry.milestone.id), note.on.isoformat(), text(entry_summary(note, lang)))
    if notes.row_count:
        parts.append(notes)
    for entry in entries:
        requested = entry.milestone.done_requested
        if requested is not None and entry.milestone.done is None:
            parts.append(
                text(tr(Msg.SHOW_REQUESTED, lang, id=entry.milestone.id, date=requested.isoformat()), "yellow")
            )
    return Group(*parts)


def problem_lines(problems: Iterable[Problem], lang: str = "en") -> list[Text]:
    return [Text(literal(problem.text(lang)), style="red") for problem in problems]


def draft_table(draft: DraftPlan, lang: str = "en") -> Table:
    """What `import --dry-run` would write: one row per milestone, headed in the run's language."""
    table = Table(
        box=box.SIMPLE_HEAD, header_style="bold", title=literal(f"{draft.title} ({draft.year})"), title_justify="left"
    )
    table.add_column(tr(Msg.COL_ID, lang), no_wrap=True)
    table.add_column(tr(Msg.COL_INITIATIVE, lang), overflow="fold", ratio=1)
    table.add_column(tr(Msg.COL_DEADLINE, lang), no_wrap=True)
    table.add_column(tr(Msg.COL_TASK, lang), overflow="fold", ratio=3)
    for initiative in draft.initiatives:
        for milestone in initiative.milestones:
            table.add_row(
                text(milestone.id), text(initiative.title), text(milestone.phrase or "—"), text(milestone.task)
            )
    return table


def render_milestones(console: Console, entries: Sequence[Entry], *, lang: str = "en") -> None:
    """Every milestone, laid out for the console's width; streamed as lines when there are thousands.

    On a terminal the output goes through a pager (see cli.context), so nothing is cut off here.
    """
    if len(entries) > TABLE_LIMIT:
        console.file.flush()
        stream_rows(entries, console.file.write, lang)
    elif entries and not console.is_terminal:
        console.file.write(plain_blocks(entries, console.size.width, lang))
    elif entries:
        console.print(milestone_table(entries, lang=lang, width=console.size.width), soft_wrap=False)
