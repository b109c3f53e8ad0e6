"""iCalendar export: one all-day event (or to-do) per dated milestone, with UIDs stable across runs."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from icalendar import Calendar, Event, Todo

from workplan_cli.deadlines import Recurrence
from workplan_cli.i18n import Msg, tr
from workplan_cli.model import PlanSettings, Status
from workplan_cli.schedule import Entry, periods
from workplan_cli.views.literal import literal


def milestone_uid(settings: PlanSettings, milestone_id: str) -> str:
    """The same plan and milestone always give the same UID, so a newer export updates, not duplicates."""
    key = f"workplan:{settings.title}:{settings.year}:{milestone_id}"
    return f"{uuid.uuid5(uuid.NAMESPACE_URL, key)}@workplan"


def _description(entry: Entry, lang: str) -> str:
    zh = lang == "zh"
    lines = [
        f"{entry.initiative.id} {entry.initiative.title}",
        f"{'任务：' if zh else 'Task: '}{entry.milestone.task}",
        f"{'时限：' if zh else 'Deadline: '}{entry.milestone.phrase or ''} ({entry.due})",
        # 责任单位 as every view names it: the lead unit, else the owner
        f"{'责任单位：' if zh else 'Responsible unit: '}{entry.responsible or '—'}",
    ]
    if entry.milestone.done:
        lines.append(f"{'已完成：' if zh else 'Done: '}{entry.milestone.done.isoformat()}")
    lines += [f"{n.on.isoformat()} {n.text}" for n in entry.milestone.notes]
    return literal("\n".join(lines))


def to_ical(
    settings: PlanSettings, entries: Sequence[Entry], *, now: datetime, todo: bool = False, lang: str = "en"
) -> bytes:
    """Events on each deadline day (what calendar programs display), or VTODOs with DUE for task apps.

    Labels and the status category are in ``lang``; the category is the status on the export day."""
    calendar = Calendar()
    calendar.add("prodid", "-//workplan//workplan-cli//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", literal(settings.title) or "workplan")
    for entry in entries:
        milestone = entry.milestone
        if entry.due is None:
            continue  # ongoing work has no day to put it on
        done = entry.status is Status.DONE
        summary = literal(f"{milestone.id} {milestone.task}")  # text with no raw controls
        component = Todo() if todo else Event()
        component.add("uid", milestone_uid(settings, milestone.id))
        component.add("dtstamp", now)
        component.add("summary", ("✓ " if done and not todo else "") + summary)
        component.add("description", _description(entry, lang))
        component.add("categories", [tr(Msg(f"status.{entry.status.value}"), lang)])
        if todo:
            component.add("due", entry.due)
            if milestone.deadline.start:
                component.add("dtstart", milestone.deadline.start)
            component.add("status", "COMPLETED" if done else "NEEDS-ACTION")
            if done and milestone.done:
                component.add("completed", datetime.combine(milestone.done, datetime.min.time(), tzinfo=now.tzinfo))
        else:
            recurrence = milestone.deadline.recurrence
            first = next(periods(milestone))[1] if recurrence and not done else entry.due
            component.add("dtstart", first)
            if first < date.max:  # without DTEND an all-day event is that one day (RFC 5545)
                component.add("dtend", first + timedelta(days=1))
            component.add("transp", "TRANSPARENT")
            if recurrence and not done:
                component.add("rrule", _rrule(recurrence))
        calendar.add_component(component)
    return bytes(calendar.to_ical())


def _rrule(recurrence: Recurrence) -> dict[str, object]:
    """The cadence as an RFC 5545 rule, so a calendar shows every period's due day.

    A day past the 28th (每月30日前) falls on the month's last day in a shorter month, as the
    schedule has it; BYMONTHDAY=30 alone would skip February. So the rule names the days from the
    28th to it and keeps the last one the month has (BYSETPOS=-1).
    """
    if recurrence.unit == "week":
        return {"freq": "weekly", "byday": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][recurrence.day or 0]}
    day = recurrence.day
    days: dict[str, object] = {"bymonthday": -1}  # -1: the month's last day
    if day is not None and day <= 28:
        days = {"bymonthday": day}
    elif day is not None:
        days = {"bymonthday": list(range(28, day + 1)), "bysetpos": -1}
    if recurrence.unit == "month":
        return {"freq": "monthly", **days}
    if recurrence.unit == "quarter":
        return {"freq": "monthly", "interval": 3, **days}
    if recurrence.unit == "half":
        return {"freq": "monthly", "interval": 6, **days}
    return {"freq": "yearly", "bymonth": recurrence.month or 12, **days}
