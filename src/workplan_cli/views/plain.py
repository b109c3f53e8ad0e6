"""Milestones as plain text, for output that is not a terminal: no Rich, no colours.

What a piped `workplan due` or `list` prints is made here, so that such a run never loads Rich
(a good part of its start-up); ``terminal`` draws the same rows as Rich tables for a terminal
and takes its labels and day counts from here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date

from workplan_cli.i18n import Msg, tr
from workplan_cli.model import Status
from workplan_cli.progress import Colour
from workplan_cli.schedule import Entry, counts
from workplan_cli.views.literal import literal

# The office's three colours (三色督办) for what needs attention: red overdue, yellow behind schedule
# (BEHIND_STYLE, see entry_cell), blue due soon.
STATUS_STYLE = {
    Status.OVERDUE: "bold red",
    Status.DUE: "bright_blue",
    Status.UPCOMING: "green",
    Status.ONGOING: "cyan",
    Status.DONE: "dim green",
}


def status_label(status: Status, lang: str = "en") -> str:
    return tr(Msg(f"status.{status.value}"), lang)


BEHIND_STYLE = "bold yellow"


def entry_label(entry: Entry, lang: str = "en") -> tuple[str, str]:
    """A milestone's status label and style; a milestone behind schedule (欠进度) is yellow whatever its status."""
    if entry.colour is Colour.YELLOW:
        return f"● {tr(Msg.STATUS_BEHIND, lang)}", BEHIND_STYLE
    return f"● {status_label(entry.status, lang)}", STATUS_STYLE[entry.status]


def deadline_lines(entry: Entry, lang: str = "en") -> tuple[str, str]:
    """The phrase as written, and what it means: the dates (period, start → due), or ongoing/done."""
    milestone = entry.milestone
    if entry.due is None:
        label = tr(Msg.STATUS_DONE if milestone.done else Msg.STATUS_ONGOING, lang)
        return literal(milestone.phrase or "—"), label
    span = f"{milestone.deadline.start.isoformat()} → " if milestone.deadline.start else ""
    period = f"{entry.period}: " if entry.period else ""
    return literal(milestone.phrase or ""), f"{period}{span}{entry.due.isoformat()}"


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
        why = entry.days_unknown if isinstance(entry.days_unknown, str) else entry.days_unknown.text(lang)
        return tr(key, lang, why=why.split("；" if lang == "zh" else ";")[0])
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


def due_summary_line(entries: Iterable[Entry], today: date, window: int, lang: str = "en") -> tuple[str, str]:
    """The line under `due`'s rows, and its style."""
    shown = list(entries)
    tally = counts(shown)
    overdue, due = tally[Status.OVERDUE], tally[Status.DUE]
    behind = sum(1 for e in shown if e.colour is Colour.YELLOW)
    if not overdue and not due and not behind:
        return tr(Msg.SUMMARY_NOTHING, lang, window=window, today=today.isoformat()), "green"
    key = Msg.SUMMARY_DUE_BEHIND if behind else Msg.SUMMARY_DUE  # behind: every 欠进度 one, due soon or not
    line = tr(key, lang, overdue=overdue, due=due, behind=behind, window=window, today=today.isoformat())
    return line, "bold red" if overdue else BEHIND_STYLE if behind else STATUS_STYLE[Status.DUE]


def list_summary_line(entries: Sequence[Entry], today: date, lang: str = "en") -> str:
    """The line under `list`'s rows."""
    tally = counts(entries)
    separator = "，" if lang == "zh" else ", "
    parts = [tr(Msg.SUMMARY_COUNT, lang, n=tally[s], status=status_label(s, lang)) for s in Status if tally[s]]
    joined = separator.join(parts) or tr(Msg.SUMMARY_NONE, lang)
    return tr(Msg.SUMMARY_LIST, lang, count=len(entries), parts=joined, today=today.isoformat())


# ---------------------------------------------------------------------------------------------
# Large outputs: thousands of rows are streamed as aligned lines, not laid out as one Rich table

TABLE_LIMIT = 500  # more rows than this are streamed: a Rich table of thousands takes seconds
_CHUNK = 500


# East Asian wide and full-width characters take two terminal columns (the common blocks: CJK,
# Hangul, full-width forms). A regular expression counts them at C speed: Rich's exact cell_len
# costs more than everything else on a stream of tens of thousands of rows.
_WIDE_RANGES = (
    ("\u1100", "\u115f"),
    ("\u2e80", "\u303e"),
    ("\u3041", "\u33ff"),
    ("\u3400", "\u4dbf"),
    ("\u4e00", "\u9fff"),
    ("\ua000", "\ua4cf"),
    ("\uac00", "\ud7a3"),
    ("\uf900", "\ufaff"),
    ("\ufe30", "\ufe4f"),
    ("\uff00", "\uff60"),
    ("\uffe0", "\uffe6"),
)


@functools.cache
def _wide() -> re.Pattern[str]:
    """The ranges as one character class: compiled when a long output needs it (a few milliseconds
    of every start-up otherwise)."""
    return re.compile("[" + "".join(f"{low}-{high}" for low, high in _WIDE_RANGES) + "]")


def _width(text: str) -> int:
    return len(text) + len(_wide().findall(text))


def _line_width(line: str) -> int:
    """``_width`` of one line without the pattern: for the one summary line, less than compiling it."""
    return len(line) + sum(1 for ch in line if any(low <= ch <= high for low, high in _WIDE_RANGES))


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


def write_milestones(entries: Sequence[Entry], write: Callable[[str], object], width: int, lang: str = "en") -> None:
    """Piped output of due and list: blocks wrapped to ``width``, or aligned lines when there are thousands."""
    if len(entries) > TABLE_LIMIT:
        stream_rows(entries, write, lang)
    elif entries:
        write(plain_blocks(entries, width, lang))


def fits(line: str, width: int) -> bool:
    """Whether one line of text takes at most ``width`` terminal cells (Rich would not fold it)."""
    return "\n" not in line and "\t" not in line and _line_width(line) <= width
