"""Rich tables for the terminal. Every piece of file text goes through ``literal`` into a ``Text``."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from workplan_cli.i18n import Msg, tr
from workplan_cli.model import Initiative, Problem, Status
from workplan_cli.progress import Colour
from workplan_cli.schedule import Entry, counts
from workplan_cli.views.entries import entry_summary
from workplan_cli.views.literal import literal

if TYPE_CHECKING:  # the importer is needed only by `import --dry-run`
    from workplan_cli.import_drafts import DraftPlan

# The office's three colours (三色督办) for what needs attention: red overdue, yellow behind schedule
# (BEHIND_STYLE, see entry_cell), blue due soon.
STATUS_STYLE = {
    Status.OVERDUE: "bold red",
    Status.DUE: "bright_blue",
    Status.UPCOMING: "green",
    Status.ONGOING: "cyan",
    Status.DONE: "dim green",
}


def text(value: str, style: str = "") -> Text:
    return Text(literal(value), style=style)


def status_label(status: Status, lang: str = "en") -> str:
    return tr(Msg(f"status.{status.value}"), lang)


BEHIND_STYLE = "bold yellow"


def status_cell(status: Status, lang: str = "en") -> Text:
    return Text(f"● {status_label(status, lang)}", style=STATUS_STYLE[status])


def entry_label(entry: Entry, lang: str = "en") -> tuple[str, str]:
    """A milestone's status label and style; a milestone behind schedule (欠进度) is yellow whatever its status."""
    if entry.colour is Colour.YELLOW:
        return f"● {tr(Msg.STATUS_BEHIND, lang)}", BEHIND_STYLE
    return f"● {status_label(entry.status, lang)}", STATUS_STYLE[entry.status]


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


def deadline_lines(entry: Entry, lang: str = "en") -> tuple[str, str]:
    """The phrase as written, and what it means: the dates (period, start → due), or ongoing/done."""
    milestone = entry.milestone
    if entry.due is None:
        label = tr(Msg.STATUS_DONE if milestone.done else Msg.STATUS_ONGOING, lang)
        return literal(milestone.phrase or "—"), label
    span = f"{milestone.deadline.start.isoformat()} → " if milestone.deadline.start else ""
    period = f"{entry.period}: " if entry.period else ""
    return literal(milestone.phrase or ""), f"{period}{span}{entry.due.isoformat()}"


def deadline_cell(entry: Entry, lang: str = "en") -> Text:
    """The phrase, and under it what it means (the dates, or ongoing / done)."""
    phrase, meaning = deadline_lines(entry, lang)
    if entry.due is None:
        return Text(f"{phrase}\n{meaning}", style="cyan")
    cell = Text(phrase)
    cell.append(f"\n{meaning}", style="bold")
    return cell


def _date_first(entry: Entry, lang: str) -> tuple[str, str]:
    """The deadline as (the day it is due, what else to say: the phrase, its period or start).

    The day comes first so that it sits on a row's first line beside the status and id; a
    milestone with no day shows what it is instead (ongoing, done).
    """
    milestone = entry.milestone
    phrase = literal(milestone.phrase or "")
    if entry.due is None:
        return tr(Msg.STATUS_DONE if milestone.done else Msg.STATUS_ONGOING, lang), phrase
    extra = [phrase] if phrase else []
    if entry.period:
        extra.append(entry.period)
    if milestone.deadline.start:
        extra.append(f"{milestone.deadline.start.isoformat()} →")
    return entry.due.isoformat(), " ".join(extra)


def _count(kind: str, n: int, in_workdays: bool, lang: str) -> str:
    """``3 days late`` / ``逾期 3 个工作日``: kind is "late" or "left"."""
    key = f"{'workdays' if in_workdays else 'days'}.{kind}"
    return tr(Msg(f"{key}.1") if n == 1 else Msg(key), lang, n=n)


def days_text(entry: Entry, lang: str = "en") -> str:
    if entry.days_unknown:
        key = Msg.WORKDAYS_UNKNOWN if entry.in_workdays else Msg.DAYS_UNKNOWN
        return tr(key, lang, why=entry.days_unknown.split(";")[0])
    if entry.milestone.done is not None:
        done = entry.milestone.done.isoformat()
        if entry.days_late:
            return tr(Msg.DONE_LATE, lang, date=done, late=_count("late", entry.days_late, entry.in_workdays, lang))
        return tr(Msg.DONE_ON, lang, date=done)
    if entry.days_left is None:
        return "—"
    if entry.days_left < 0:
        return _count("late", -entry.days_left, entry.in_workdays, lang)
    if entry.days_left == 0:
        return tr(Msg.DUE_TODAY, lang)
    return _count("left", entry.days_left, entry.in_workdays, lang)


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
        table.add_column(tr(Msg.COL_PROGRESS, lang), overflow="fold", max_width=20)
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
            task = Text(literal(entry.milestone.task))
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
    shown = list(entries)
    tally = counts(shown)
    overdue, due = tally[Status.OVERDUE], tally[Status.DUE]
    behind = sum(1 for e in shown if e.colour is Colour.YELLOW)
    if not overdue and not due and not behind:
        return Text(tr(Msg.SUMMARY_NOTHING, lang, window=window, today=today.isoformat()), style="green")
    key = Msg.SUMMARY_DUE_BEHIND if behind else Msg.SUMMARY_DUE  # behind: every 欠进度 one, due soon or not
    line = tr(key, lang, overdue=overdue, due=due, behind=behind, window=window, today=today.isoformat())
    return Text(line, style="bold red" if overdue else BEHIND_STYLE if behind else STATUS_STYLE[Status.DUE])


def list_summary(entries: Sequence[Entry], today: date, lang: str = "en") -> Text:
    tally = counts(entries)
    separator = "，" if lang == "zh" else ", "
    parts = [tr(Msg.SUMMARY_COUNT, lang, n=tally[s], status=status_label(s, lang)) for s in Status if tally[s]]
    joined = separator.join(parts) or tr(Msg.SUMMARY_NONE, lang)
    return Text(tr(Msg.SUMMARY_LIST, lang, count=len(entries), parts=joined, today=today.isoformat()))


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


# ---------------------------------------------------------------------------------------------
# Large outputs: thousands of rows are streamed as aligned lines, not laid out as one Rich table

TABLE_LIMIT = 500  # more rows than this are streamed: a Rich table of thousands takes seconds
_CHUNK = 500


# East Asian wide and full-width characters take two terminal columns (the common blocks: CJK,
# Hangul, full-width forms). A regular expression counts them at C speed: Rich's exact cell_len
# costs more than everything else on a stream of tens of thousands of rows.
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)


def _width(text: str) -> int:
    return len(text) + len(_WIDE.findall(text))


def stream_rows(entries: Sequence[Entry], write: Callable[[str], object], lang: str = "en") -> None:
    """One line per milestone, columns aligned within each chunk of rows, written as they are made."""
    labels = {status: f"● {status_label(status, lang)}" for status in Status}
    behind = f"● {tr(Msg.STATUS_BEHIND, lang)}"
    for start in range(0, len(entries), _CHUNK):
        rows = [
            [
                behind if e.colour is Colour.YELLOW else labels[e.status],
                e.milestone.id,
                literal(e.initiative.title),
                literal(e.milestone.task),
                " ".join(deadline_lines(e, lang)),
                days_text(e, lang),
                literal(e.responsible),
            ]
            for e in entries[start : start + _CHUNK]
        ]
        sizes = [[_width(cell) for cell in row] for row in rows]
        widths = [max(size[i] for size in sizes) for i in range(len(rows[0]))]
        lines = []
        for row, size in zip(rows, sizes, strict=True):
            padded = [cell + " " * (widths[i] - size[i]) for i, cell in enumerate(row[:-1])]
            lines.append("  ".join([*padded, row[-1]]).rstrip() + "\n")
        write("".join(lines))


def plain_blocks(entries: Sequence[Entry], width: int, lang: str = "en") -> str:
    """Piped output: the narrow terminal's blocks (see _blocks) as plain lines wrapped to ``width``.

    Laying out a Rich table costs about a millisecond and a half a row, most of a piped `due` on a
    plan of a thousand initiatives; these lines cost a few dozen microseconds and need no colours.
    """
    from workplan_cli.views.wrap import wrap

    def col(key: Msg) -> str:
        return tr(key, lang)

    # A legend of what each line of a block holds, as a table's header says what its columns are.
    lines = wrap(f"{col(Msg.COL_STATUS)}  {col(Msg.COL_ID)}  {col(Msg.COL_DEADLINE)}  {col(Msg.COL_DAYS)}", width)
    lines += wrap(col(Msg.COL_TASK), width, "  ")
    lines += wrap(f"{col(Msg.COL_INITIATIVE)} · {col(Msg.COL_OWNER)}", width, "  ")
    for entry in entries:
        day, more = _date_first(entry, lang)
        label, _ = entry_label(entry, lang)
        lines += wrap(f"{label}  {literal(entry.milestone.id)}  {day}  {days_text(entry, lang)}", width)
        details = [f"{literal(entry.initiative.id)} {literal(entry.initiative.title)}", *([more] if more else [])]
        if entry.responsible:
            details.append(tr(Msg.DIGEST_OWNER, lang, owner=literal(entry.responsible)))
        for part in (literal(entry.milestone.task), " · ".join(details)):
            lines += [line for line in wrap(part, width, "  ") if line.strip()]
    return "".join(line.rstrip() + "\n" for line in lines)


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
