"""Schedule progress (序时进度) at its boundaries: the share of time passed, the tolerance, the colours."""

from __future__ import annotations

from datetime import date

import pytest

from workplan_cli.deadlines import Deadline
from workplan_cli.model import Milestone, Note
from workplan_cli.progress import (
    TOLERANCE,
    Colour,
    Pace,
    colour_of,
    expected_share,
    latest_percent,
    milestone_progress,
    rate,
    schedule_progress,
)

START, DUE = date(2024, 3, 1), date(2024, 3, 10)  # ten days, counted inclusively


@pytest.mark.parametrize(
    ("today", "share"),
    [
        (date(2024, 2, 29), 0),  # before the start: nothing should be done yet
        (date(2024, 3, 1), 10),  # the start day itself is one of ten days
        (date(2024, 3, 5), 50),
        (date(2024, 3, 9), 90),
        (date(2024, 3, 10), 100),  # the deadline day: all of the time
        (date(2024, 4, 1), 100),  # after it: still all, never more
    ],
)
def test_expected_share_counts_start_and_deadline_days(today: date, share: int) -> None:
    assert expected_share(START, DUE, today) == share


def test_expected_share_of_a_one_day_task() -> None:
    assert expected_share(DUE, DUE, DUE - date.resolution) == 0
    assert expected_share(DUE, DUE, DUE) == 100


def test_expected_share_rounds_down() -> None:
    # 1 of 3 days: 33.3 % -> 33, never rounded up to a share not yet reached
    assert expected_share(date(2024, 1, 1), date(2024, 1, 3), date(2024, 1, 1)) == 33


@pytest.mark.parametrize(
    ("reported", "pace"),
    [
        (50 + TOLERANCE + 1, Pace.AHEAD),
        (50 + TOLERANCE, Pace.ON_SCHEDULE),  # the tolerance is inclusive on both sides
        (50, Pace.ON_SCHEDULE),
        (50 - TOLERANCE, Pace.ON_SCHEDULE),
        (50 - TOLERANCE - 1, Pace.BEHIND),
        (None, Pace.UNRATED),
    ],
)
def test_rate_against_the_tolerance(reported: int | None, pace: Pace) -> None:
    assert rate(50, reported) is pace


def test_the_plan_year_start_when_there_is_no_range() -> None:
    # 6月底前 in 2024: Jan 1 to Jun 30 is 182 days; by Mar 31, 91 have passed: 50 %
    progress = schedule_progress(due=date(2024, 6, 30), today=date(2024, 3, 31), plan_year=2024, reported=30)
    assert progress is not None
    assert progress.start == date(2024, 1, 1)
    assert progress.expected == 50
    assert progress.pace is Pace.BEHIND
    assert progress.gap == -20
    assert progress.label("zh") == "欠进度"


def test_a_range_start_wins_over_the_year_start() -> None:
    progress = schedule_progress(
        due=DUE, today=date(2024, 3, 5), plan_year=2024, range_start=START, assigned=date(2024, 2, 1), reported=50
    )
    assert progress is not None and (progress.start, progress.expected, progress.pace) == (START, 50, Pace.ON_SCHEDULE)


def test_done_overdue_and_open_ended() -> None:
    done = schedule_progress(due=DUE, today=DUE, plan_year=2024, range_start=START, done=date(2024, 3, 8))
    assert done is not None and (done.pace, done.reported) == (Pace.DONE, 100)
    # done later than the day asked about: on that day it was still open
    before = schedule_progress(due=DUE, today=date(2024, 3, 5), plan_year=2024, range_start=START, done=DUE)
    assert before is not None and before.pace is Pace.UNRATED
    late = schedule_progress(due=DUE, today=date(2024, 3, 11), plan_year=2024, range_start=START, reported=90)
    assert late is not None and late.pace is Pace.OVERDUE
    # the deadline day itself is still on time: rated, not overdue
    last_day = schedule_progress(due=DUE, today=DUE, plan_year=2024, range_start=START, reported=96)
    assert last_day is not None and last_day.pace is Pace.ON_SCHEDULE
    assert schedule_progress(due=None, today=DUE, plan_year=2024) is None


def test_colours_red_beats_yellow_beats_blue() -> None:
    assert colour_of(overdue=True, within_window=False, pace=Pace.OVERDUE) is Colour.RED
    assert colour_of(overdue=False, within_window=True, pace=Pace.BEHIND) is Colour.YELLOW
    assert colour_of(overdue=False, within_window=False, pace=Pace.BEHIND) is Colour.YELLOW
    assert colour_of(overdue=False, within_window=True, pace=Pace.ON_SCHEDULE) is Colour.BLUE
    assert colour_of(overdue=False, within_window=False, pace=Pace.AHEAD) is None


def test_latest_percent_takes_the_latest_entry_written_by_the_day() -> None:
    notes = [
        Note(date(2024, 3, 1), "", percent=20),
        Note(date(2024, 4, 1), "no percent stated"),
        Note(date(2024, 5, 1), "", percent=60),
    ]
    assert latest_percent(notes, date(2024, 4, 30)) == 20
    assert latest_percent(notes, date(2024, 5, 1)) == 60
    assert latest_percent([Note(date(2024, 3, 1), "plain note")], date(2024, 6, 1)) is None


def test_a_recurring_milestone_counts_its_own_period() -> None:
    milestone = Milestone("1.1.1", "每月5日前", Deadline(due=None), "报送")
    progress = milestone_progress(milestone, date(2024, 6, 5), date(2024, 6, 3), 2024, period="2024-06")
    assert progress is not None and (progress.start, progress.expected) == (date(2024, 6, 1), 60)
