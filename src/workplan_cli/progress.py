"""Schedule progress (序时进度): how far a milestone should be by a day, against how far it is. Pure.

A milestone that advanced evenly from its start to its deadline would, on a given day, have done
the share of the work that the share of its time already passed says. Offices compare the
completion percent a unit last reported with that share and rate the milestone 超进度 (ahead),
达进度 (on schedule) or 欠进度 (behind). A rating needs a reported percent: without one there is
nothing to compare, and the milestone is shown with its expected share only.

Conventions adopted here (the README states them):

- The start is the range's first day (``3-6月`` starts on March 1), else the day the task was
  ``assigned``, else January 1 of the plan year. The deadline day is the due day.
- Days are counted inclusively: on the start day 1/N of the time has passed, on the deadline day
  all of it, before the start none, after the deadline all of it.
- ``TOLERANCE`` percentage points either way count as 达进度: a unit that reported 45 % when 50 %
  of the time has passed is on schedule, at 44 % it is behind.
- A done milestone is complete (100 %); an open milestone past its deadline is overdue, which is
  worse than behind schedule and rated as such.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from workplan_cli.deadlines import period_start
from workplan_cli.i18n import Msg, tr

if TYPE_CHECKING:
    from workplan_cli.model import Milestone, Note

TOLERANCE = 5  # percentage points either side of the expected share that still count as on schedule


class Pace(StrEnum):
    """How the reported percent compares with the expected share of the time passed."""

    AHEAD = "ahead"  # 超进度
    ON_SCHEDULE = "on_schedule"  # 达进度
    BEHIND = "behind"  # 欠进度
    OVERDUE = "overdue"  # 逾期: past the deadline and not done
    DONE = "done"  # 已完成
    UNRATED = "unrated"  # no percent reported yet: the expected share alone is shown


# What each pace is called (逾期 and 已完成 are the statuses' own words).
PACE_WORDS = {
    Pace.AHEAD: Msg.PACE_AHEAD,
    Pace.ON_SCHEDULE: Msg.PACE_ON_SCHEDULE,
    Pace.BEHIND: Msg.PACE_BEHIND,
    Pace.OVERDUE: Msg.STATUS_OVERDUE,
    Pace.DONE: Msg.STATUS_DONE,
    Pace.UNRATED: Msg.PACE_UNRATED,
}


class ScheduleProgress(NamedTuple):
    """序时进度 of one milestone on one day."""

    start: date
    due: date
    expected: int  # percent of the time passed, 0-100, rounded down
    reported: int | None  # the latest reported percent, 100 once done, None when never reported
    pace: Pace

    @property
    def gap(self) -> int | None:
        """Reported minus expected, in percentage points (negative: behind)."""
        return None if self.reported is None else self.reported - self.expected

    def label(self, lang: str) -> str:
        return tr(PACE_WORDS[self.pace], lang)


def expected_share(start: date, due: date, today: date) -> int:
    """Percent of the days from ``start`` to ``due`` (both counted) that have passed by ``today``."""
    if today < start:
        return 0
    if today >= due or due <= start:
        return 100
    total = (due - start).days + 1
    passed = (today - start).days + 1
    return passed * 100 // total


def rate(expected: int, reported: int | None, tolerance: int = TOLERANCE) -> Pace:
    """超进度 above expected + tolerance, 欠进度 below expected - tolerance, 达进度 between (inclusive)."""
    if reported is None:
        return Pace.UNRATED
    if reported > expected + tolerance:
        return Pace.AHEAD
    if reported < expected - tolerance:
        return Pace.BEHIND
    return Pace.ON_SCHEDULE


def schedule_progress(
    *,
    due: date | None,
    today: date,
    plan_year: int,
    range_start: date | None = None,
    assigned: date | None = None,
    done: date | None = None,
    reported: int | None = None,
    tolerance: int = TOLERANCE,
) -> ScheduleProgress | None:
    """序时进度 of a milestone on ``today``; None for open-ended work, which has no time to share out.

    ``done`` counts only when it is on or before ``today``: on an earlier day the milestone was open.
    """
    if due is None:
        return None
    start = range_start or assigned or date(plan_year, 1, 1)
    start = min(start, due)
    expected = expected_share(start, due, today)
    if done is not None and done <= today:
        return ScheduleProgress(start, due, expected, 100, Pace.DONE)
    if today > due:
        return ScheduleProgress(start, due, expected, reported, Pace.OVERDUE)
    return ScheduleProgress(start, due, expected, reported, rate(expected, reported, tolerance))


class Colour(StrEnum):
    """The office's three colours (三色督办) for an open milestone."""

    RED = "red"  # 逾期: overdue
    YELLOW = "yellow"  # 欠进度: behind schedule, though not late
    BLUE = "blue"  # 临近: the deadline is within the warning window


COLOUR_ZH = {Colour.RED: "红色（逾期）", Colour.YELLOW: "黄色（欠进度）", Colour.BLUE: "蓝色（临近）"}
COLOUR_EN = {Colour.RED: "red (overdue)", Colour.YELLOW: "yellow (behind schedule)", Colour.BLUE: "blue (due soon)"}


def colour_of(*, overdue: bool, within_window: bool, pace: Pace | None) -> Colour | None:
    """Red beats yellow beats blue: a milestone due soon and behind schedule is yellow."""
    if overdue:
        return Colour.RED
    if pace is Pace.BEHIND:
        return Colour.YELLOW
    if within_window:
        return Colour.BLUE
    return None


def latest_percent(notes: Iterable[Note], today: date) -> int | None:
    """完成进度 of the latest progress entry written by ``today`` that states one (later file order wins ties)."""
    latest: tuple[date, int] | None = None
    for note in notes:
        if note.percent is not None and note.on <= today and (latest is None or note.on >= latest[0]):
            latest = (note.on, note.percent)
    return None if latest is None else latest[1]


def milestone_progress(
    milestone: Milestone, due: date | None, today: date, plan_year: int, period: str | None = None
) -> ScheduleProgress | None:
    """序时进度 of a milestone whose deadline that applies today is ``due``.

    A recurring milestone's time is its current ``period`` (2024-06 runs from June 1 to its due day).
    """
    return schedule_progress(
        due=due,
        today=today,
        plan_year=plan_year,
        range_start=period_start(period) if period else milestone.deadline.start,
        assigned=milestone.assigned,
        done=milestone.done,
        reported=latest_percent(milestone.notes, today),
    )
