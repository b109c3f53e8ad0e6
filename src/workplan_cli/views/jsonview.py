"""The stable JSON form of milestones: one object per milestone, keys never renamed."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from workplan_cli.model import Note
from workplan_cli.schedule import Entry
from workplan_cli.views.literal import json_text


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def days_late(entry: Entry) -> int | None:
    """How late: a milestone closed after its deadline, or one open past it (overdue)."""
    if entry.days_late is not None:
        return entry.days_late
    if entry.milestone.done is None and entry.days_left is not None and entry.days_left < 0:
        return -entry.days_left
    return None


def entry_object(entry: Entry) -> dict[str, Any]:
    milestone, initiative = entry.milestone, entry.initiative
    return {
        "id": milestone.id,
        "initiative": initiative.id,
        "title": initiative.title,
        "section": initiative.section,
        "task": milestone.task,
        "owner": entry.owner,
        "phrase": milestone.phrase,
        "start": _iso(milestone.deadline.start),
        "deadline": _iso(entry.due),
        "period": entry.period,
        "status": entry.status.value,
        "done": _iso(milestone.done),
        "days_left": entry.days_left,
        "days_late": days_late(entry),
        "day_unit": "working days" if entry.in_workdays else "days",
        "lead": entry.lead,
        "co_units": list(entry.co_units),
        "leader": entry.leader,
        "done_requested": _iso(milestone.done_requested),
        "percent": milestone.percent,
        "notes": [_note(n) for n in milestone.notes],
        "file": initiative.path,
        "line": milestone.line,
        "schedule_progress": _progress(entry),
        "colour": colour.value if (colour := entry.colour) else None,
    }


def _progress(entry: Entry) -> dict[str, Any] | None:
    """序时进度 of a dated milestone: its time's start, the share passed, the latest percent, the rating."""
    progress = entry.progress
    if progress is None:
        return None
    return {
        "start": progress.start.isoformat(),
        "expected": progress.expected,
        "reported": progress.reported,
        "pace": progress.pace.value,
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
        return json.dumps(value)


def iter_json(entries: Iterable[Entry]) -> Iterator[str]:
    """The JSON array in pieces, one milestone per line, so large plans stream instead of buffering."""
    yield "["
    first = True
    for entry in entries:
        yield ("\n  " if first else ",\n  ") + json_text(compact_json(entry_object(entry)))
        first = False
    yield "\n]\n" if not first else "]\n"


def dumps(value: object) -> str:
    """One JSON document, Chinese unescaped, control characters shown as escapes."""
    return json_text(json.dumps(value, ensure_ascii=False, indent=2)) + "\n"


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
