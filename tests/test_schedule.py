"""Status rules at their boundaries: the deadline day, the day after, the edge of the window."""

from __future__ import annotations

from datetime import date

import pytest

from workplan_cli.deadlines import OPEN_ENDED, resolve_deadline
from workplan_cli.model import Initiative, Milestone, Status
from workplan_cli.schedule import entry_for, initiative_status, status_of

MARCH = resolve_deadline("3月底前", 2024)  # 2024-03-31


def milestone(done: date | None = None, deadline: object = MARCH) -> Milestone:
    return Milestone(id="1.1.1", phrase="3月底前", deadline=deadline, task="t", done=done)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (date(2024, 3, 31), Status.DUE),  # the deadline day itself is still on time
        (date(2024, 4, 1), Status.OVERDUE),  # the day after
        (date(2024, 3, 17), Status.DUE),  # exactly 14 days left: inside the window
        (date(2024, 3, 16), Status.UPCOMING),  # 15 days left: outside
        (date(2024, 1, 1), Status.UPCOMING),
    ],
)
def test_status_at_the_boundaries(today: date, status: Status) -> None:
    assert status_of(MARCH.due, None, today, 14) is status


def test_window_zero_means_only_today_is_due() -> None:
    assert status_of(MARCH.due, None, date(2024, 3, 31), 0) is Status.DUE
    assert status_of(MARCH.due, None, date(2024, 3, 30), 0) is Status.UPCOMING


def test_done_and_ongoing() -> None:
    assert status_of(MARCH.due, date(2024, 5, 1), date(2024, 6, 1), 14) is Status.DONE
    assert status_of(None, None, date(2030, 1, 1), 14) is Status.ONGOING


def test_days_left_and_days_late() -> None:
    initiative = Initiative("1.1", "s", "t", "", "", (), "x.yaml")
    overdue = entry_for(initiative, milestone(), date(2024, 4, 15), 14)
    assert overdue.days_left == -15 and overdue.days_late is None
    late = entry_for(initiative, milestone(done=date(2024, 4, 5)), date(2024, 6, 1), 14)
    assert late.days_left is None and late.days_late == 5
    on_time = entry_for(initiative, milestone(done=date(2024, 3, 31)), date(2024, 6, 1), 14)
    assert on_time.days_late is None


def test_initiative_is_done_when_all_dated_milestones_are() -> None:
    initiative = Initiative("1.1", "s", "t", "", "", (), "x.yaml")
    today = date(2024, 6, 1)
    done = entry_for(initiative, milestone(done=date(2024, 3, 1)), today, 14)
    ongoing = entry_for(initiative, milestone(deadline=OPEN_ENDED), today, 14)
    overdue = entry_for(initiative, milestone(), today, 14)
    assert initiative_status([done, ongoing]) is Status.DONE
    assert initiative_status([done, overdue, ongoing]) is Status.OVERDUE
    assert initiative_status([ongoing]) is Status.ONGOING
