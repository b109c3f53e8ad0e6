"""The stable JSON form of milestones: one object per milestone, keys never renamed."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice
from operator import attrgetter
from typing import Any

from workplan_cli.model import Initiative, Note, Status
from workplan_cli.progress import Colour, ScheduleProgress
from workplan_cli.schedule import Entry
from workplan_cli.views.literal import json_text

# The colour of a milestone with no reported percent (no notes), which cannot be behind schedule:
# what ``Entry.colour_with`` says for it, looked up instead of worked out for each of a city's milestones.
_PLAIN_COLOUR = {Status.OVERDUE: Colour.RED, Status.DUE: Colour.BLUE}

# A milestone's fields that ``entry_objects`` reads from the object holding its usually empty ones.
_read_extras = attrgetter("owner", "notes", "assigned", "lead", "co_units", "leader", "done_requested")


def entry_objects(entries: Iterable[Entry]) -> Iterator[dict[str, Any]]:
    """Each milestone as JSON values; dates, statuses and tuples left for the encoder to write (orjson
    writes a date as YYYY-MM-DD, an enum as its value and a tuple as an array, as ``compact_json``
    does without orjson): converting them here was most of `list --json`'s time on a large plan.

    Built in one loop, not a call per milestone, with what an initiative says read once for its
    milestones, and the ``schedule_progress`` objects of milestones without notes shared by what
    they are worked out from (every input of ``milestone_progress`` but the notes, which are none):
    the benchmark's city plan of 300,000 milestones has 575 distinct ones, and the encoder writes
    a shared object as it writes its copies."""
    shared: dict[tuple[object, ...], dict[str, Any] | None] = {}
    last_initiative: Initiative | None = None
    last_extras: object = None
    for entry in entries:
        # The entry unpacked at once: reading a dozen of its fields by name cost a tenth of the loop.
        initiative, milestone, status, due, days_left, days_late, period, in_workdays, _, today, plan_year = entry
        if initiative is not last_initiative:
            last_initiative = initiative
            initiative_id, title, section, path = initiative.id, initiative.title, initiative.section, initiative.path
            owner, lead, co_units, leader = initiative.owner, initiative.lead, initiative.co_units, initiative.leader
        # The fields most milestones leave empty are one object the model shares among them
        # (``Milestone.more``), each read through a property: read once for each such object.
        extras = milestone.more
        if extras is not last_extras:
            last_extras = extras
            own_owner, notes, assigned, own_lead, own_co_units, own_leader, done_requested = _read_extras(extras)
        deadline = milestone.deadline
        done = milestone.done
        if days_late is None and done is None and days_left is not None and days_left < 0:
            days_late = -days_left  # open past its deadline: as many days late as it is overdue
        if notes:
            progress = entry.progress  # once: the colour is read from it too
            schedule_progress = None if progress is None else _progress(progress)
            colour = entry.colour_with(progress)
        else:
            # No notes: no percent, so the progress is unrated, overdue or done, and the colour the status's.
            closed = done is not None and today is not None and done <= today  # all it asks of ``done``
            key = (due, today, plan_year, period, deadline.start, assigned, closed)
            if key in shared:
                schedule_progress = shared[key]
            else:
                progress = entry.progress
                schedule_progress = shared[key] = None if progress is None else _progress(progress)
            colour = _PLAIN_COLOUR.get(status)
        yield {
            "id": milestone.id,
            "initiative": initiative_id,
            "title": title,
            "section": section,
            "task": milestone.task,
            "owner": own_owner or owner,
            "phrase": milestone.phrase,
            "start": deadline.start,
            "deadline": due,
            "period": period,
            "status": status,
            "done": done,
            "days_left": days_left,
            "days_late": days_late,
            "day_unit": "working days" if in_workdays else "days",
            "lead": own_lead or lead,
            "co_units": own_co_units or co_units,
            "leader": own_leader or leader,
            "done_requested": done_requested,
            "percent": milestone.percent if notes else None,
            "notes": [_note(n) for n in notes] if notes else (),
            "file": path,
            "line": milestone.line,
            "schedule_progress": schedule_progress,
            "colour": colour,
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
    """``iter_json_bytes`` as text."""
    for piece in iter_json_bytes(entries):
        yield piece.decode()


# Milestones encoded by one orjson call and written at once: one call and one write per milestone
# cost `list --json` on a city's plan about as much as building its objects.
CHUNK = 500

# The bytes that start every character ``json_text`` rewrites in UTF-8 (DEL, C1 controls U+0080-009F,
# bidi overrides U+202A-202E and U+2066-2069); a chunk with none of them is left as orjson wrote it.
_UNSAFE_LEAD_BYTES = b"\x7f\xc2\xe2"
_OTHER_BYTES = bytes(range(256)).translate(None, _UNSAFE_LEAD_BYTES)


def iter_json_bytes(entries: Iterable[Entry]) -> Iterator[bytes]:
    """The JSON array as UTF-8, in pieces of ``CHUNK`` milestones, one milestone per line, so large
    plans stream instead of buffering."""
    objects = entry_objects(entries)
    separator = b"[\n  "
    while chunk := list(islice(objects, CHUNK)):
        yield separator
        yield _encode_lines(chunk)
        separator = b",\n  "
    yield b"[]\n" if separator == b"[\n  " else b"\n]\n"


def _encode_lines(objects: list[dict[str, Any]]) -> bytes:
    """The objects as ``compact_json`` and ``json_text`` write each, one a line, joined by ",\\n  ":
    orjson called by ``map`` and the lines joined in C, with no Python step per milestone (faster
    than encoding the list in one call and breaking it into lines)."""
    import orjson

    try:
        lines = b",\n  ".join(map(orjson.dumps, objects))
    except orjson.JSONEncodeError:  # a lone surrogate somewhere: each object as compact_json writes it
        return ",\n  ".join(json_text(compact_json(o)) for o in objects).encode()
    if lines.translate(None, _OTHER_BYTES):  # perhaps a character to rewrite: json_text decides
        return json_text(lines.decode()).encode()
    return lines


def dumps(value: object) -> str:
    """One JSON document, Chinese unescaped, control characters shown as escapes."""
    return json_text(json.dumps(value, ensure_ascii=False, indent=2, default=_iso_day)) + "\n"


def timeline_object(entries: Iterable[Entry], year: int, today: date) -> dict[str, Any]:
    """`timeline --json`: the plan year, today, and each initiative with its milestones."""
    initiatives: dict[str, dict[str, Any]] = {}
    listed = list(entries)
    for entry, milestone in zip(listed, entry_objects(listed), strict=True):  # built in one loop
        initiative = entry.initiative
        row = initiatives.setdefault(
            initiative.id,
            {"id": initiative.id, "title": initiative.title, "section": initiative.section, "milestones": []},
        )
        row["milestones"].append(milestone)
    return {"year": year, "today": today.isoformat(), "initiatives": list(initiatives.values())}
