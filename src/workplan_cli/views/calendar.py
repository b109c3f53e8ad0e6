"""iCalendar export: one all-day event (or to-do) per dated milestone, with UIDs stable across runs."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from icalendar import Calendar, Event, Todo

from workplan_cli.model import PlanSettings, Status
from workplan_cli.schedule import Entry


def milestone_uid(settings: PlanSettings, milestone_id: str) -> str:
    """The same plan and milestone always give the same UID, so a newer export updates, not duplicates."""
    key = f"workplan:{settings.title}:{settings.year}:{milestone_id}"
    return f"{uuid.uuid5(uuid.NAMESPACE_URL, key)}@workplan"


def _description(entry: Entry) -> str:
    lines = [
        f"{entry.initiative.id} {entry.initiative.title}",
        f"任务 Task: {entry.milestone.task}",
        f"时限 Deadline: {entry.milestone.phrase or ''} ({entry.milestone.due})",
        f"责任单位 Owner: {entry.owner or '—'}",
    ]
    if entry.milestone.done:
        lines.append(f"已完成 Done: {entry.milestone.done.isoformat()}")
    lines += [f"{n.on.isoformat()} {n.text}" for n in entry.milestone.notes]
    return "\n".join(lines)


def to_ical(settings: PlanSettings, entries: Sequence[Entry], *, now: datetime, todo: bool = False) -> bytes:
    """Events on each deadline day (what calendar programs display), or VTODOs with DUE for task apps."""
    calendar = Calendar()
    calendar.add("prodid", "-//workplan//workplan-cli//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", settings.title or "workplan")
    for entry in entries:
        milestone = entry.milestone
        if milestone.due is None:
            continue  # ongoing work has no day to put it on
        done = entry.status is Status.DONE
        summary = f"{milestone.id} {milestone.task}"
        component = Todo() if todo else Event()
        component.add("uid", milestone_uid(settings, milestone.id))
        component.add("dtstamp", now)
        component.add("summary", ("✓ " if done and not todo else "") + summary)
        component.add("description", _description(entry))
        component.add("categories", [entry.status.value])
        if todo:
            component.add("due", milestone.due)
            if milestone.deadline.start:
                component.add("dtstart", milestone.deadline.start)
            component.add("status", "COMPLETED" if done else "NEEDS-ACTION")
            if done and milestone.done:
                component.add("completed", datetime.combine(milestone.done, datetime.min.time(), tzinfo=now.tzinfo))
        else:
            component.add("dtstart", milestone.due)
            component.add("dtend", milestone.due + timedelta(days=1))
            component.add("transp", "TRANSPARENT")
        calendar.add_component(component)
    return bytes(calendar.to_ical())
