"""Working days (statutory holidays and 调休), holiday-anchored and recurring deadlines."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from workplan_cli.deadlines import DeadlineError, resolve_deadline
from workplan_cli.planfiles import load_plan
from workplan_cli.workcalendar import UnpublishedYearError, WorkCalendar

from .conftest import Invoke


@pytest.fixture(scope="module")
def work_calendar() -> WorkCalendar:
    return WorkCalendar([2024, 2025, 2026])


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2024, 2, 4), True),  # Sunday, made up for the Spring Festival
        (date(2024, 2, 9), True),  # New Year's Eve was a working day in 2024
        (date(2024, 2, 10), False),
        (date(2024, 2, 16), False),  # Friday, substituted
        (date(2024, 2, 18), True),  # Sunday, made up
        (date(2024, 9, 14), True),  # Saturday, made up for Mid-Autumn
        (date(2024, 9, 29), True),  # Sunday, made up for National Day
        (date(2024, 10, 1), False),
        (date(2024, 10, 7), False),  # Monday, substituted
        (date(2024, 10, 12), True),  # Saturday, made up
        (date(2024, 10, 13), False),  # an ordinary Sunday
        (date(2026, 10, 8), True),
        (date(2026, 10, 10), True),  # Saturday, made up
    ],
)
def test_statutory_holidays_and_make_up_days(work_calendar: WorkCalendar, day: date, working: bool) -> None:
    assert work_calendar.is_working_day(day) is working


def test_working_days_around_national_day_and_spring_festival(work_calendar: WorkCalendar) -> None:
    # Sep 27 (Fri) -> Oct 10 (Thu), 2024: Sep 29 (made-up Sunday), Sep 30, then Oct 8, 9, 10
    assert work_calendar.working_days_between(date(2024, 9, 27), date(2024, 10, 10)) == 5
    assert work_calendar.working_days_between(date(2024, 10, 10), date(2024, 9, 27)) == -5
    # Feb 8 (Thu) -> Feb 19 (Mon), 2024: Feb 9, the made-up Sunday Feb 18, Feb 19
    assert work_calendar.working_days_between(date(2024, 2, 8), date(2024, 2, 19)) == 3
    assert work_calendar.add_working_days(date(2024, 9, 27), 5) == date(2024, 10, 10)


def test_unpublished_year_is_refused_not_guessed(work_calendar: WorkCalendar) -> None:
    with pytest.raises(UnpublishedYearError, match="2031"):
        work_calendar.is_working_day(date(2031, 3, 3))
    assert not work_calendar.is_published(2031)
    with pytest.raises(DeadlineError, match="2031 is not published"):
        resolve_deadline("2031年春节前", 2024, work_calendar=work_calendar)


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("春节前", date(2024, 2, 9)),
        ("国庆前", date(2024, 9, 30)),
        ("“十一”之前", date(2024, 9, 30)),
        ("中秋节前", date(2024, 9, 14)),  # the made-up Saturday is the last working day
        ("端午前", date(2024, 6, 7)),
        ("元旦前", date(2024, 12, 31)),  # before the next New Year's Day
        ("2025年春节前", date(2025, 1, 27)),
        ("2026年国庆前", date(2026, 9, 30)),
    ],
)
def test_holiday_anchored_phrases(work_calendar: WorkCalendar, phrase: str, due: date) -> None:
    assert resolve_deadline(phrase, 2024, work_calendar=work_calendar).due == due


def test_working_days_from_the_assignment_day(work_calendar: WorkCalendar) -> None:
    assert resolve_deadline("5个工作日内", 2024, work_calendar=work_calendar, assigned=date(2024, 9, 27)).due == date(
        2024, 10, 10
    )
    assert resolve_deadline("十个工作日内", 2024, work_calendar=work_calendar, assigned=date(2024, 2, 8)).due == date(
        2024, 2, 28
    )
    with pytest.raises(DeadlineError, match="assigned: YYYY-MM-DD"):
        resolve_deadline("5个工作日内", 2024, work_calendar=work_calendar)


def test_due_in_working_days(invoke: Invoke, plan_dir: Path) -> None:
    calendar_days = json.loads(invoke(["due", "--plan", str(plan_dir), "--as-of", "2024-10-08", "--json"]).stdout)
    working = json.loads(
        invoke(["due", "--plan", str(plan_dir), "--as-of", "2024-10-08", "--json", "--workdays"]).stdout
    )
    by_id = {r["id"]: r for r in working}
    assert by_id["1.1.1"]["days_left"] == -1 and by_id["1.1.1"]["day_unit"] == "working days"  # only Oct 8
    assert {r["id"]: r for r in calendar_days}["1.1.1"]["days_left"] == -8
    table = invoke(["due", "--plan", str(plan_dir), "--as-of", "2024-10-08", "--workdays"]).stdout
    assert "1 working day late" in table
    settings = plan_dir / "workplan.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "workdays: true\n", encoding="utf-8")
    assert "1 working day late" in invoke(["due", "--plan", str(plan_dir), "--as-of", "2024-10-08"]).stdout
    assert "8 days late" in invoke(["due", "--plan", str(plan_dir), "--as-of", "2024-10-08", "--calendar-days"]).stdout


def test_working_days_into_an_unpublished_year_say_so(invoke: Invoke, plan_dir: Path) -> None:
    # Narrow, each milestone is a block whose first line (status, id, date, days) wraps as prose does.
    result = invoke(["due", "--plan", str(plan_dir), "--as-of", "2031-01-06", "--workdays"], COLUMNS="60")
    assert result.exit_code == 0
    words = " ".join(result.stdout.split())
    assert "? working days (the working-day schedule for 2027 is not published" in words


def add_milestone(plan_dir: Path, text: str) -> None:
    path = plan_dir / "4-1.yaml"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def rows(invoke: Invoke, plan_dir: Path, as_of: str) -> dict[str, dict[str, object]]:
    result = invoke(["list", "--plan", str(plan_dir), "--as-of", as_of, "--json"])
    assert result.exit_code == 0, result.output
    return {r["id"]: r for r in json.loads(result.stdout)}


def test_plan_files_with_holiday_and_working_day_phrases(invoke: Invoke, plan_dir: Path) -> None:
    add_milestone(
        plan_dir,
        '  - id: "4.1.2"\n    deadline: 国庆前\n    task: 报送\n'
        '  - id: "4.1.3"\n    deadline: 5个工作日内\n    assigned: 2024-09-27\n    task: 反馈\n',
    )
    found = rows(invoke, plan_dir, "2024-09-01")
    assert found["4.1.2"]["deadline"] == "2024-09-30"
    assert found["4.1.3"]["deadline"] == "2024-10-10"


@pytest.mark.parametrize(
    ("phrase", "closed", "as_of", "period", "due", "status"),
    [
        # across a month end: August's report is due Aug 5; once closed, September's is next
        ("每月5日前", None, "2024-01-03", "2024-01", "2024-01-05", "due"),
        ("每月5日前", "2024-07", "2024-08-31", "2024-08", "2024-08-05", "overdue"),
        ("每月5日前", "2024-08", "2024-08-31", "2024-09", "2024-09-05", "due"),
        # across a quarter end
        ("每季度末", "2024-Q2", "2024-09-30", "2024-Q3", "2024-09-30", "due"),
        ("每季度末", "2024-Q3", "2024-10-01", "2024-Q4", "2024-12-31", "upcoming"),
        ("每季度最后一个月的25日前", "2024-Q1", "2024-06-26", "2024-Q2", "2024-06-25", "overdue"),
        # across a year end: the cadence goes on into the next year
        ("每月底", "2024-12", "2024-12-31", "2025-01", "2025-01-31", "upcoming"),
        ("每周五", "2024-W52", "2024-12-30", "2025-W01", "2025-01-03", "due"),
        ("每年6月30日前", "2024", "2024-12-31", "2025", "2025-06-30", "upcoming"),
    ],
)
def test_recurring_milestone_shows_its_current_period(
    invoke: Invoke, plan_dir: Path, phrase: str, closed: str | None, as_of: str, period: str, due: str, status: str
) -> None:
    closed_line = f"    closed_through: {closed}\n" if closed else ""
    add_milestone(plan_dir, f'  - id: "4.1.2"\n    deadline: {phrase}\n    task: 报送进展\n{closed_line}')
    row = rows(invoke, plan_dir, as_of)["4.1.2"]
    assert (row["period"], row["deadline"], row["status"]) == (period, due, status)


def test_closing_a_recurring_milestone_closes_that_period_only(invoke: Invoke, plan_dir: Path) -> None:
    add_milestone(plan_dir, '  - id: "4.1.2"\n    deadline: 每月5日前\n    task: 报送进展\n')
    result = invoke(["done", "4.1.2", "--on", "2024-01-04", "--plan", str(plan_dir)])
    assert result.exit_code == 0 and "4.1.2 period 2024-01 closed on 2024-01-04" in result.stdout
    assert "    closed_through: 2024-01\n" in (plan_dir / "4-1.yaml").read_text(encoding="utf-8")
    row = rows(invoke, plan_dir, "2024-01-20")["4.1.2"]
    assert (row["period"], row["deadline"], row["status"], row["done"]) == ("2024-02", "2024-02-05", "upcoming", None)
    invoke(["done", "4.1.2", "--on", "2024-02-03", "--plan", str(plan_dir)])
    assert rows(invoke, plan_dir, "2024-02-04")["4.1.2"]["period"] == "2024-03"
    reopened = invoke(["reopen", "4.1.2", "--plan", str(plan_dir)])
    assert "4.1.2 period 2024-02 reopened" in reopened.stdout
    assert rows(invoke, plan_dir, "2024-02-04")["4.1.2"]["period"] == "2024-02"
    plan = load_plan(plan_dir)
    (milestone,) = [m for i in plan.initiatives for m in i.milestones if m.id == "4.1.2"]
    assert milestone.closed_through == "2024-01"


def test_closed_through_must_name_a_period_of_the_cadence(invoke: Invoke, plan_dir: Path) -> None:
    add_milestone(plan_dir, '  - id: "4.1.2"\n    deadline: 每季度末\n    task: 报送\n    closed_through: 2024-05\n')
    result = invoke(["check", "--plan", str(plan_dir)])
    assert result.exit_code == 1
    assert "'closed_through' must name a period of its recurring deadline (such as 2024-Q1)" in result.stdout


def test_recurring_milestone_in_the_calendar_repeats(invoke: Invoke, plan_dir: Path, tmp_path: Path) -> None:
    import icalendar

    add_milestone(plan_dir, '  - id: "4.1.2"\n    deadline: 每月5日前\n    task: 报送进展\n')
    target = tmp_path / "p.ics"
    invoke(["export", "--ics", str(target), "--plan", str(plan_dir)])
    (event,) = [
        e
        for e in icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
        if str(e["summary"]).startswith("4.1.2")
    ]
    assert event.decoded("dtstart") == date(2024, 1, 5)
    assert event["rrule"].to_ical() == b"FREQ=MONTHLY;BYMONTHDAY=5"


def test_working_days_into_an_unpublished_year_say_so_in_chinese(invoke: Invoke, plan_dir: Path) -> None:
    result = invoke(["--lang", "zh", "due", "--plan", str(plan_dir), "--as-of", "2031-01-06", "--workdays"])
    assert result.exit_code == 0
    words = "".join(result.stdout.split())
    assert "工作日数未知（2027年的放假调休安排尚未公布（或holidays包中尚无））" in words
    assert "not published" not in result.stdout
