"""The weekly digest as data: what is overdue, due, newly overdue and closed, as of a day. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from workplan_cli.model import Status
from workplan_cli.progress import Colour
from workplan_cli.schedule import Entry, by_deadline
from workplan_cli.supervision import chase, month_of

PAST_WEEK = 7  # days looked back for "newly overdue" and "closed"; the as-of day itself counts too


@dataclass(frozen=True, slots=True)
class SectionProgress:
    section: str
    done: int
    dated: int
    overdue: int


@dataclass(frozen=True, slots=True)
class Digest:
    title: str
    as_of: date
    window: int
    overdue: tuple[Entry, ...]
    due: tuple[Entry, ...]
    newly_overdue: tuple[Entry, ...]  # became overdue during the past week (also listed in overdue)
    closed: tuple[Entry, ...]  # done during the past week
    progress: tuple[SectionProgress, ...]
    owner: str | None = None  # set for a digest of one owner's milestones
    behind: tuple[Entry, ...] = ()  # behind schedule (欠进度), not overdue: the yellow of the three colours
    # 催办: units with no progress entry for the current month, once any unit has reported for it
    unreported: tuple[str, ...] = ()
    period: str = ""

    @property
    def is_empty(self) -> bool:
        """Nothing to tell anyone: `--skip-empty` sends nothing then."""
        return not (self.overdue or self.due or self.closed or self.behind)


def build_digest(title: str, entries: Sequence[Entry], as_of: date, window: int, owner: str | None = None) -> Digest:
    """``entries`` are scheduled as of ``as_of`` with ``window``; pass only one owner's for ``owner``."""
    week_start = as_of - timedelta(days=PAST_WEEK)
    overdue = by_deadline(e for e in entries if e.status is Status.OVERDUE)
    newly = [e for e in overdue if e.due is not None and week_start <= e.due + timedelta(days=1)]
    closed = sorted(
        (e for e in entries if e.milestone.done is not None and week_start <= e.milestone.done <= as_of),
        key=lambda e: (e.milestone.done, e.milestone.id),
    )
    return Digest(
        title=title,
        as_of=as_of,
        window=window,
        overdue=tuple(overdue),
        due=tuple(by_deadline(e for e in entries if e.status is Status.DUE)),
        newly_overdue=tuple(newly),
        closed=tuple(closed),
        progress=tuple(_progress(entries)),
        owner=owner,
        behind=tuple(by_deadline(e for e in entries if e.colour is Colour.YELLOW)),
        unreported=_unreported(entries, as_of),
        period=month_of(as_of).label,
    )


def _unreported(entries: Sequence[Entry], as_of: date) -> tuple[str, ...]:
    """Units behind with this month's progress form, but only while a cycle runs: once someone reported."""
    period = month_of(as_of)
    if not any(note.period == period.label for e in entries for note in e.milestone.notes):
        return ()
    return tuple(unit for unit, _ in chase(entries, period).missing)


def _progress(entries: Sequence[Entry]) -> list[SectionProgress]:
    sections: dict[str, list[Entry]] = {}
    for entry in entries:
        sections.setdefault(entry.initiative.section or entry.initiative.id.split(".")[0], []).append(entry)
    result = []
    for section, members in sections.items():
        dated = [e for e in members if e.dated]
        result.append(
            SectionProgress(
                section=section,
                done=sum(1 for e in dated if e.status is Status.DONE),
                dated=len(dated),
                overdue=sum(1 for e in dated if e.status is Status.OVERDUE),
            )
        )
    return result


def owners_of(entries: Sequence[Entry]) -> list[str]:
    """Every unit answerable for a milestone (lead, owner, co-unit), in first-seen order ("" for milestones
    with none)."""
    return list(dict.fromkeys(unit for e in entries for unit in e.units or ("",)))


def became_urgent(today: Sequence[Entry], yesterday: Sequence[Entry]) -> tuple[list[Entry], list[Entry]]:
    """What became overdue today, and what entered the warning window today, by deadline.

    ``yesterday`` is the same plan scheduled as of the day before: comparing the two statuses
    holds for calendar and working days alike, and for a recurring milestone's next period.
    """
    before = {(e.milestone.id, e.period): e.status for e in yesterday}
    overdue = [
        e for e in today if e.status is Status.OVERDUE and before.get((e.milestone.id, e.period)) is not Status.OVERDUE
    ]
    entered = [
        e
        for e in today
        if e.status is Status.DUE and before.get((e.milestone.id, e.period)) not in (Status.DUE, Status.OVERDUE)
    ]
    return by_deadline(overdue), by_deadline(entered)
