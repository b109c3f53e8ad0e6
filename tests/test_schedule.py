"""Status rules at their boundaries: the deadline day, the day after, the edge of the window."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from workplan_cli.deadlines import OPEN_ENDED, Deadline, resolve_deadline
from workplan_cli.errors import UsageError
from workplan_cli.model import Initiative, Milestone, Note, Plan, PlanSettings, Status
from workplan_cli.schedule import (
    Entry,
    check_filters,
    current_due,
    dated_after,
    entry_for,
    filter_entries,
    initiative_status,
    iter_schedule,
    schedule,
    status_of,
    unknown_id,
)

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
def test_the_deadline_day_is_on_time_and_the_edge_of_the_window_is_due(today: date, status: Status) -> None:
    assert status_of(MARCH.due, None, today, 14) is status


def test_window_zero_means_only_today_is_due() -> None:
    assert status_of(MARCH.due, None, date(2024, 3, 31), 0) is Status.DUE
    assert status_of(MARCH.due, None, date(2024, 3, 30), 0) is Status.UPCOMING


def test_a_done_date_means_done_and_no_deadline_means_ongoing() -> None:
    assert status_of(MARCH.due, date(2024, 5, 1), date(2024, 6, 1), 14) is Status.DONE
    assert status_of(None, None, date(2030, 1, 1), 14) is Status.ONGOING


def test_days_left_count_down_to_the_deadline_and_days_late_up_from_it() -> None:
    initiative = Initiative("1.1", "s", "t", "", "", (), "x.yaml")
    overdue = entry_for(initiative, milestone(), date(2024, 4, 15), 14)
    assert overdue.days_left == -15 and overdue.days_late is None
    late = entry_for(initiative, milestone(done=date(2024, 4, 5)), date(2024, 6, 1), 14)
    assert late.days_left is None and late.days_late == 5
    on_time = entry_for(initiative, milestone(done=date(2024, 3, 31)), date(2024, 6, 1), 14)
    assert on_time.days_late is None


def test_an_entry_has_every_field_of_its_type() -> None:
    """entry_for builds the tuple itself: a field added to Entry must be given there too."""
    initiative = Initiative("1.1", "s", "t", "", "", (), "x.yaml")
    entry = entry_for(initiative, milestone(), date(2024, 4, 15), 14, plan_year=2024)
    assert len(entry) == len(Entry._fields) and type(entry) is Entry
    assert entry == Entry(
        initiative, milestone(), Status.OVERDUE, MARCH.due, -15, None, None, False, None, date(2024, 4, 15), 2024
    )


def test_initiative_is_done_when_all_dated_milestones_are() -> None:
    initiative = Initiative("1.1", "s", "t", "", "", (), "x.yaml")
    today = date(2024, 6, 1)
    done = entry_for(initiative, milestone(done=date(2024, 3, 1)), today, 14)
    ongoing = entry_for(initiative, milestone(deadline=OPEN_ENDED), today, 14)
    overdue = entry_for(initiative, milestone(), today, 14)
    assert initiative_status([done, ongoing]) is Status.DONE
    assert initiative_status([done, overdue, ongoing]) is Status.OVERDUE
    assert initiative_status([ongoing]) is Status.ONGOING


# ---------------------------------------------------------------------------------------------
# A plan's schedule: every milestone, the urgent ones, filters, ids


def plan_of(*milestones: Milestone, owner: str = "") -> Plan:
    """A plan of one initiative per milestone (ids 1.1, 1.2, … in the order given)."""
    initiatives = tuple(
        Initiative(f"1.{n}", "一、部分", f"t{n}", owner, "", (m._replace(id=f"1.{n}.1"),), f"1-{n}.yaml")
        for n, m in enumerate(milestones, 1)
    )
    return Plan(Path("plan"), PlanSettings(title="t", year=2024), initiatives)


def due_on(day: date) -> Milestone:
    return milestone(deadline=Deadline(due=day))


MONTHLY = resolve_deadline("每月5日前", 2024)


def test_the_urgent_milestones_are_exactly_the_overdue_and_due_of_the_full_schedule() -> None:
    today, window = date(2024, 6, 10), 14
    plan = plan_of(
        milestone(done=date(2024, 3, 1)),  # done: skipped, and the loop goes on
        due_on(date(2024, 12, 1)),  # later than the window: skipped too
        due_on(today + timedelta(days=window)),  # exactly at the edge of the window: due
        milestone(deadline=OPEN_ENDED),
        due_on(date(2024, 5, 1)),  # overdue
        milestone(deadline=MONTHLY),  # recurring: its current period (June 5) is overdue
    )
    # And within one initiative: a skipped milestone before an urgent one.
    both = (milestone(done=today)._replace(id="1.7.1"), due_on(today)._replace(id="1.7.2"))
    plan = Plan(plan.folder, plan.settings, (*plan.initiatives, Initiative("1.7", "一", "t", "", "", both, "1-7.yaml")))
    urgent = [e.milestone.id for e in iter_schedule(plan, today, window, only_urgent=True)]
    every = schedule(plan, today, window)
    assert [e.milestone.id for e in every] == ["1.1.1", "1.2.1", "1.3.1", "1.4.1", "1.5.1", "1.6.1", "1.7.1", "1.7.2"]
    assert urgent == [e.milestone.id for e in every if e.status in (Status.OVERDUE, Status.DUE)]
    assert urgent == ["1.3.1", "1.5.1", "1.6.1", "1.7.2"]


def test_a_milestone_done_today_is_not_done_in_the_future() -> None:
    today = date(2024, 6, 10)
    plan = plan_of(milestone(done=today), milestone(done=today + timedelta(days=1)))
    assert [p.line for p in dated_after(plan, today)] == [0]
    assert "1.2.1" in dated_after(plan, today)[0].message


def test_a_closed_period_moves_the_due_day_to_the_next_period() -> None:
    assert current_due(milestone(deadline=MONTHLY)) == (date(2024, 1, 5), "2024-01")
    closed = milestone(deadline=MONTHLY)._replace(closed_through="2024-05")
    assert current_due(closed) == (date(2024, 6, 5), "2024-06")


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"statuses": [Status.OVERDUE]}, ["1.2.1", "1.4.1"]),
        ({"owner": "科室乙"}, ["1.3.1", "1.4.1"]),
        ({"section": "1"}, ["1.1.1", "1.2.1", "1.3.1", "1.4.1"]),
        ({"section": "2"}, []),
        ({"section": "部分"}, ["1.1.1", "1.2.1", "1.3.1", "1.4.1"]),
        ({"unit": "科室乙"}, ["1.3.1", "1.4.1"]),  # as the owner
        ({"unit": "配合科"}, ["1.4.1"]),  # as a co-unit
        ({"leader": "王"}, ["1.4.1"]),
    ],
)
def test_filters_keep_every_match_after_a_mismatch(filters: dict[str, object], expected: list[str]) -> None:
    first, second = plan_of(due_on(date(2024, 12, 1)), due_on(date(2024, 5, 1))).initiatives
    third, fourth = plan_of(due_on(date(2024, 12, 1)), due_on(date(2024, 5, 1)), owner="科室乙").initiatives
    fourth = fourth._replace(id="1.4", co_units=("配合科",), leader="王")
    plan = Plan(Path("plan"), PlanSettings(title="t", year=2024), (first, second, third._replace(id="1.3"), fourth))
    entries = schedule(plan, date(2024, 6, 10), 14)
    entries = [e._replace(milestone=e.milestone._replace(id=f"{e.initiative.id}.1")) for e in entries]
    assert [e.milestone.id for e in filter_entries(entries, **filters)] == expected  # type: ignore[arg-type]


def test_an_unknown_id_suggests_at_most_five_close_ids_in_id_order() -> None:
    plan = plan_of(*(due_on(date(2024, 12, 1)) for _ in range(9)))
    message = str(unknown_id(plan, "1.1.2"))
    assert message == "no initiative or milestone has id '1.1.2'; closest: 1.1, 1.1.1, 1.2, 1.8.1, 1.9.1"


def test_schedule_progress_needs_both_a_day_and_a_plan_year() -> None:
    initiative = Initiative("1.1", "s", "t", "", "", (), "x.yaml")
    reported = milestone()._replace(notes=(Note(date(2024, 2, 1), "", percent=10),))
    today = date(2024, 3, 1)
    assert entry_for(initiative, reported, today, 14, None, 2024).progress is not None
    assert entry_for(initiative, reported, today, 14, None, 0).progress is None


def test_done_and_ongoing_milestones_have_no_colour() -> None:
    initiative = Initiative("1.1", "s", "t", "", "", (), "x.yaml")
    today = date(2024, 4, 15)
    behind = (Note(date(2024, 3, 1), "", percent=5),)  # a low percent would colour an open milestone
    done = milestone(done=date(2024, 4, 1))._replace(notes=behind)
    assert entry_for(initiative, done, today, 14, None, 2024).colour is None
    assert (
        entry_for(initiative, milestone(deadline=OPEN_ENDED)._replace(notes=behind), today, 14, None, 2024).colour
        is None
    )
    assert entry_for(initiative, milestone(), today, 14, None, 2024).colour is not None  # overdue: red


def test_a_filter_naming_nothing_lists_what_the_plan_has() -> None:
    plan = Plan(
        Path("plan"),
        PlanSettings(title="t", year=2024),
        (
            Initiative("1.1", "一、部分", "t", "甲科", "", (milestone(),), "1-1.yaml"),
            Initiative("2.1", "二、部分", "t", "", "", (milestone()._replace(owner="乙科"),), "2-1.yaml"),
        ),
    )
    with pytest.raises(UsageError) as section:
        check_filters(plan, section="3")
    assert str(section.value) == "--section '3': no such section; the plan has: 1 一、部分; 2 二、部分"
    with pytest.raises(UsageError) as owner:
        check_filters(plan, owner="丙科")
    assert str(owner.value) == "--owner '丙科': no milestone has this owner; owners in the plan: 甲科, 乙科"
    empty = Plan(Path("plan"), PlanSettings(title="t", year=2024), ())
    with pytest.raises(UsageError) as nothing:
        check_filters(empty, section="1")
    assert str(nothing.value).endswith("the plan has: none") and nothing.value.text("zh").endswith("计划中的部分：无")
    with pytest.raises(UsageError) as nobody:
        check_filters(empty, owner="甲科")
    assert str(nobody.value).endswith("owners in the plan: none") and nobody.value.text("zh").endswith("责任单位：无")
    check_filters(plan, owner="乙科", section="二")  # both name something: no error
