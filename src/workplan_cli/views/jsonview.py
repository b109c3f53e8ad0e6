"""The stable JSON form of milestones: one object per milestone, keys never renamed."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from workplan_cli.model import Note
from workplan_cli.progress import ScheduleProgress
from workplan_cli.schedule import Entry
from workplan_cli.views.literal import json_text


def days_late(entry: Entry) -> int | None:
    """How late: a milestone closed after its deadline, or one open past it (overdue)."""
    if entry.days_late is not None:
        return entry.days_late
    if entry.milestone.done is None and entry.days_left is not None and entry.days_left < 0:
        return -entry.days_left
    return None


def entry_object(entry: Entry) -> dict[str, Any]:
    """One milestone as JSON values; dates, statuses and tuples left for the encoder to write (orjson
    writes a date as YYYY-MM-DD, an enum as its value and a tuple as an array, as ``compact_json``
    does without orjson): converting them here was most of `list --json`'s time on a large plan."""
    milestone, initiative = entry.milestone, entry.initiative
    progress = entry.progress  # once: the colour is read from it too
    notes = milestone.notes
    days_left = entry.days_left
    return {
        "id": milestone.id,
        "initiative": initiative.id,
        "title": initiative.title,
        "section": initiative.section,
        "task": milestone.task,
        "owner": milestone.owner or initiative.owner,
        "phrase": milestone.phrase,
        "start": milestone.deadline.start,
        "deadline": entry.due,
        "period": entry.period,
        "status": entry.status,
        "done": milestone.done,
        "days_left": days_left,
        "days_late": days_late(entry),
        "day_unit": "working days" if entry.in_workdays else "days",
        "lead": milestone.lead or initiative.lead,
        "co_units": milestone.co_units or initiative.co_units,
        "leader": milestone.leader or initiative.leader,
        "done_requested": milestone.done_requested,
        "percent": milestone.percent if notes else None,
        "notes": [_note(n) for n in notes] if notes else (),
        "file": initiative.path,
        "line": milestone.line,
        "schedule_progress": None
        if progress is None
        else {
            "start": progress.start,
            "expected": progress.expected,
            "reported": progress.reported,
            "pace": progress.pace,
        },
        "colour": entry.colour_with(progress),
    }


def _progress(progress: ScheduleProgress) -> dict[str, Any]:
    """序时进度 of a dated milestone: its time's start, the share passed, the latest percent, the rating."""
    return {
        "start": progress.start,
        "expected": progress.expected,
        "reported": progress.reported,
        "pace": progress.pace,
    }


def _note(note: Note) -> dict[str, Any]:
    """``{date, text}``; a progress entry has all its fields as well, empty ones too, so its keys are stable."""
    plain: dict[str, Any] = {"date": note.on.isoformat(), "text": note.text}
    if not note.is_entry:
        return plain
    return plain | {
        "by": note.by,
        "period": note.period,
        "progress": note.progress,
        "problems": note.problems,
        "next": note.next,
        "percent": note.percent,
        "evidence": list(note.evidence),
    }


def compact_json(value: object) -> str:
    """One milestone's object on one line. orjson writes it about ten times faster than the json module
    (most of `list --json` on a large plan), with the same string escapes (Chinese unescaped, C0 controls
    as \\u escapes) and keys in the same order, only without spaces after "," and ":". Text holding a
    lone surrogate (a YAML "\\ud800" escape), which orjson refuses and no UTF-8 output can hold, goes
    through the json module with every non-ASCII character escaped: the same value, and writable."""
    import orjson

    try:
        return orjson.dumps(value).decode()
    except orjson.JSONEncodeError:
        return json.dumps(value, default=_iso_day)


def _iso_day(value: object) -> str:
    """A date as orjson writes it (the json module has no way of its own)."""
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON: {value!r}")


def iter_json(entries: Iterable[Entry]) -> Iterator[str]:
    """The JSON array in pieces, one milestone per line, so large plans stream instead of buffering
    (in pieces of a few hundred lines: a write per line cost a tenth of `list --json`)."""
    lines = ["["]
    separator = "\n  "
    for entry in entries:
        lines.append(separator + json_text(compact_json(entry_object(entry))))
        separator = ",\n  "
        if len(lines) >= 500:
            yield "".join(lines)
            lines = []
    lines.append("\n]\n" if separator != "\n  " else "]\n")
    yield "".join(lines)


def dumps(value: object) -> str:
    """One JSON document, Chinese unescaped, control characters shown as escapes."""
    return json_text(json.dumps(value, ensure_ascii=False, indent=2, default=_iso_day)) + "\n"


def timeline_object(entries: Iterable[Entry], year: int, today: date) -> dict[str, Any]:
    """`timeline --json`: the plan year, today, and each initiative with its milestones."""
    initiatives: dict[str, dict[str, Any]] = {}
    for entry in entries:
        initiative = entry.initiative
        row = initiatives.setdefault(
            initiative.id,
            {"id": initiative.id, "title": initiative.title, "section": initiative.section, "milestones": []},
        )
        row["milestones"].append(entry_object(entry))
    return {"year": year, "today": today.isoformat(), "initiatives": list(initiatives.values())}
