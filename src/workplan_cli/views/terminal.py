"""Rich tables for the terminal. Every piece of file text goes through ``literal`` into a ``Text``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from workplan_cli.model import Initiative, Problem, Status
from workplan_cli.schedule import Entry, counts
from workplan_cli.views.literal import literal

if TYPE_CHECKING:  # the importer is needed only by `import --dry-run`
    from workplan_cli.importer import DraftPlan

STATUS_STYLE = {
    Status.OVERDUE: "bold red",
    Status.DUE: "yellow",
    Status.UPCOMING: "green",
    Status.ONGOING: "cyan",
    Status.DONE: "dim green",
}


def text(value: str, style: str = "") -> Text:
    return Text(literal(value), style=style)


def status_cell(status: Status) -> Text:
    return Text(f"● {status.value}", style=STATUS_STYLE[status])


def deadline_cell(entry: Entry) -> Text:
    milestone = entry.milestone
    if entry.due is None:
        label = "done" if milestone.done else "ongoing"
        return Text(literal(milestone.phrase or "—") + f"\n{label}", style="cyan")
    cell = text(milestone.phrase or "")
    span = f"{milestone.deadline.start.isoformat()} → " if milestone.deadline.start else ""
    period = f"{entry.period}: " if entry.period else ""
    cell.append(f"\n{period}{span}{entry.due.isoformat()}", style="bold")
    return cell


def days_cell(entry: Entry) -> Text:
    style = STATUS_STYLE[entry.status]
    unit = "working day" if entry.in_workdays else "day"
    if entry.days_unknown:
        return Text(f"? {unit}s ({entry.days_unknown.split(';')[0]})", style=style)
    if entry.milestone.done is not None:
        late = f", {_days(entry.days_late, unit)} late" if entry.days_late else ""
        return Text(f"done {entry.milestone.done.isoformat()}{late}", style=style)
    if entry.days_left is None:
        return Text("—", style=style)
    if entry.days_left < 0:
        return Text(f"{_days(-entry.days_left, unit)} late", style=style)
    if entry.days_left == 0:
        return Text("due today", style=style)
    return Text(f"{_days(entry.days_left, unit)} left", style=style)


def _days(n: int | None, unit: str = "day") -> str:
    return f"1 {unit}" if n == 1 else f"{n} {unit}s"


def milestone_table(entries: Sequence[Entry], *, with_initiative: bool = True) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_lines=False, header_style="bold", expand=False)
    table.add_column("Status", no_wrap=True)
    table.add_column("ID", no_wrap=True)
    if with_initiative:
        table.add_column("Initiative", overflow="fold", ratio=1, min_width=8)
    table.add_column("Task", overflow="fold", ratio=3, min_width=12)
    table.add_column("Deadline", no_wrap=True)
    table.add_column("Days", no_wrap=True)
    table.add_column("Owner", overflow="fold", max_width=16)
    for entry in entries:
        row: list[RenderableType] = [status_cell(entry.status), text(entry.milestone.id)]
        if with_initiative:
            row.append(text(entry.initiative.title))
        row += [text(entry.milestone.task), deadline_cell(entry), days_cell(entry), text(entry.owner)]
        table.add_row(*row)
    return table


def due_summary(entries: Iterable[Entry], today: date, window: int) -> Text:
    tally = counts(entries)
    overdue, due = tally[Status.OVERDUE], tally[Status.DUE]
    if not overdue and not due:
        return Text(f"Nothing is overdue or due within {window} days (as of {today.isoformat()}).", style="green")
    summary = Text()
    summary.append(f"{overdue} overdue", style="bold red" if overdue else "")
    summary.append(", ")
    summary.append(f"{due} due within {window} days", style="yellow" if due else "")
    summary.append(f" (as of {today.isoformat()})")
    return summary


def list_summary(entries: Sequence[Entry], today: date) -> Text:
    tally = counts(entries)
    parts = [f"{tally[s]} {s.value}" for s in Status if tally[s]]
    return Text(f"{len(entries)} milestones: {', '.join(parts) or 'none'} (as of {today.isoformat()})")


def initiative_view(initiative: Initiative, entries: Sequence[Entry], status: Status) -> RenderableType:
    header = Text()
    header.append(f"{literal(initiative.id)} ", style="bold")
    header.append(literal(initiative.title), style="bold")
    header.append("  ")
    header.append_text(status_cell(status))
    details = Table.grid(padding=(0, 2))
    details.add_column(style="dim", no_wrap=True)
    details.add_column(overflow="fold")
    details.add_row("Section", text(initiative.section))
    details.add_row("Owner", text(initiative.owner or "—"))
    details.add_row("File", text(f"{initiative.file}:{initiative.line}"))
    if initiative.text:
        details.add_row("Text", text(initiative.text))
    parts: list[RenderableType] = [header, details, milestone_table(entries, with_initiative=False)]
    notes = Table(box=box.SIMPLE_HEAD, header_style="bold", title="Progress notes (进展情况)", title_justify="left")
    notes.add_column("ID", no_wrap=True)
    notes.add_column("Date", no_wrap=True)
    notes.add_column("Note", overflow="fold")
    for entry in entries:
        for note in entry.milestone.notes:
            notes.add_row(text(entry.milestone.id), note.on.isoformat(), text(note.text))
    if notes.row_count:
        parts.append(notes)
    return Group(*parts)


def problem_lines(problems: Iterable[Problem]) -> list[Text]:
    return [Text(literal(str(problem)), style="red") for problem in problems]


def draft_table(draft: DraftPlan) -> Table:
    """What `import --dry-run` would write: one row per milestone."""
    table = Table(
        box=box.SIMPLE_HEAD, header_style="bold", title=literal(f"{draft.title} ({draft.year})"), title_justify="left"
    )
    table.add_column("ID", no_wrap=True)
    table.add_column("Initiative", overflow="fold", ratio=1)
    table.add_column("Deadline", no_wrap=True)
    table.add_column("Task", overflow="fold", ratio=3)
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


def _plain_days(entry: Entry) -> str:
    return days_cell(entry).plain


def _plain_deadline(entry: Entry) -> str:
    return " ".join(deadline_cell(entry).plain.split("\n"))


def stream_rows(entries: Sequence[Entry], write: Callable[[str], object]) -> None:
    """One line per milestone, columns aligned within each chunk of rows, written as they are made."""
    for start in range(0, len(entries), _CHUNK):
        rows = [
            [
                f"● {e.status.value}",
                e.milestone.id,
                literal(e.initiative.title),
                literal(e.milestone.task),
                literal(_plain_deadline(e)),
                _plain_days(e),
                literal(e.owner),
            ]
            for e in entries[start : start + _CHUNK]
        ]
        widths = [max(cell_len(row[i]) for row in rows) for i in range(len(rows[0]))]
        lines = []
        for row in rows:
            padded = [cell + " " * (widths[i] - cell_len(cell)) for i, cell in enumerate(row[:-1])]
            lines.append("  ".join([*padded, row[-1]]).rstrip() + "\n")
        write("".join(lines))


def render_milestones(console: Console, entries: Sequence[Entry], *, show_all: bool) -> None:
    """A Rich table; on a terminal only the first screenful unless --all; streamed lines when long."""
    shown: Sequence[Entry] = entries
    if console.is_terminal and not show_all:
        limit = max(20, console.size.height - 8)
        shown = entries[:limit]
    if len(shown) > TABLE_LIMIT:
        console.file.flush()
        stream_rows(shown, console.file.write)
    elif shown:
        console.print(milestone_table(shown))
    if len(shown) < len(entries):
        console.print(
            Text(
                f"… {len(entries) - len(shown)} more not shown (the most urgent are above); --all shows everything",
                style="bold",
            )
        )
