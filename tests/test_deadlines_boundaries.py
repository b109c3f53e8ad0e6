"""The deadline grammar at its edges: first and last days, cadences in years other than 2024
(whose 1 January is a Monday and hides weekday arithmetic), numerals, the starts of ranges, and
one-day ranges. Kept apart from test_deadlines.py, which follows the grammar's families."""

from __future__ import annotations

from datetime import date
from itertools import islice

import pytest

from workplan_cli.deadlines import (
    DeadlineError,
    Recurrence,
    depends_on_calendar,
    parse_numeral,
    period_start,
    resolve_deadline,
)
from workplan_cli.workcalendar import WorkCalendar


def refused(phrase: str) -> DeadlineError:
    with pytest.raises(DeadlineError) as raised:
        resolve_deadline(phrase, 2025)
    return raised.value


def periods(phrase: str, year: int, count: int = 3) -> list[tuple[str, date]]:
    recurrence = resolve_deadline(phrase, year).recurrence
    assert recurrence is not None, phrase
    return list(islice(recurrence.periods(), count))


@pytest.mark.parametrize(
    ("phrase", "year", "expected"),
    [
        (
            "每月1日前",
            2025,
            [("2025-01", date(2025, 1, 1)), ("2025-02", date(2025, 2, 1)), ("2025-03", date(2025, 3, 1))],
        ),
        # Day 31 falls back to the month's last day: 28 in 2025, 29 in 2024.
        (
            "每月31日前",
            2025,
            [("2025-01", date(2025, 1, 31)), ("2025-02", date(2025, 2, 28)), ("2025-03", date(2025, 3, 31))],
        ),
        (
            "每月三十一日前",
            2024,
            [("2024-01", date(2024, 1, 31)), ("2024-02", date(2024, 2, 29)), ("2024-03", date(2024, 3, 31))],
        ),
        (
            "每月二十日前",
            2026,
            [("2026-01", date(2026, 1, 20)), ("2026-02", date(2026, 2, 20)), ("2026-03", date(2026, 3, 20))],
        ),
        # ISO weeks: week 1 of 2025 starts on Monday 30 December 2024.
        (
            "每周一",
            2025,
            [("2025-W01", date(2024, 12, 30)), ("2025-W02", date(2025, 1, 6)), ("2025-W03", date(2025, 1, 13))],
        ),
        (
            "每周五前",
            2026,
            [("2026-W01", date(2026, 1, 2)), ("2026-W02", date(2026, 1, 9)), ("2026-W03", date(2026, 1, 16))],
        ),
        (
            "每周日前",
            2025,
            [("2025-W01", date(2025, 1, 5)), ("2025-W02", date(2025, 1, 12)), ("2025-W03", date(2025, 1, 19))],
        ),
        (
            "每年6月10日前",
            2025,
            [("2025", date(2025, 6, 10)), ("2026", date(2026, 6, 10)), ("2027", date(2027, 6, 10))],
        ),
        (
            "每年2月29日前",
            2024,
            [("2024", date(2024, 2, 29)), ("2025", date(2025, 2, 28)), ("2026", date(2026, 2, 28))],
        ),
        (
            "每季度末",
            2025,
            [("2025-Q1", date(2025, 3, 31)), ("2025-Q2", date(2025, 6, 30)), ("2025-Q3", date(2025, 9, 30))],
        ),
        (
            "每半年",
            2026,
            [("2026-H1", date(2026, 6, 30)), ("2026-H2", date(2026, 12, 31)), ("2027-H1", date(2027, 6, 30))],
        ),
    ],
)
def test_cadences_in_any_year(phrase: str, year: int, expected: list[tuple[str, date]]) -> None:
    assert periods(phrase, year) == expected


@pytest.mark.parametrize(
    ("label", "start"),
    [
        ("2025-W01", date(2024, 12, 30)),
        ("2026-W53", date(2026, 12, 28)),
        ("2025-Q4", date(2025, 10, 1)),
        ("2025-H2", date(2025, 7, 1)),
        ("2025-12", date(2025, 12, 1)),
        ("2025", date(2025, 1, 1)),
    ],
)
def test_each_period_label_starts_on_its_first_day(label: str, start: date) -> None:
    assert period_start(label) == start


@pytest.mark.parametrize(
    ("phrase", "start", "due"),
    [
        ("五月底前", None, date(2025, 5, 31)),
        ("十二月底前", None, date(2025, 12, 31)),
        ("6月十五日前", None, date(2025, 6, 15)),
        ("6月下旬-8月", date(2025, 6, 21), date(2025, 8, 31)),  # a range from 下旬 starts on the 21st
        ("上半年-三季度", date(2025, 1, 1), date(2025, 9, 30)),  # from 上半年 starts on 1 January
        ("10月-12月", date(2025, 10, 1), date(2025, 12, 31)),
        ("3-5月", date(2025, 3, 1), date(2025, 5, 31)),
        ("4月1日至4月1日", date(2025, 4, 1), date(2025, 4, 1)),  # a one-day range
        ("3月5日-3月5日", date(2025, 3, 5), date(2025, 3, 5)),
        ("12月下旬", None, date(2025, 12, 31)),
    ],
)
def test_numerals_range_starts_and_one_day_ranges(phrase: str, start: date | None, due: date) -> None:
    deadline = resolve_deadline(phrase, 2025)
    assert (deadline.start, deadline.due, deadline.note) == (start, due, None)


def test_a_december_day_missing_its_month_character_is_repaired_and_said_so() -> None:
    deadline = resolve_deadline("于1230日前", 2025)
    assert deadline.due == date(2025, 12, 30)
    assert deadline.note == "read 1230日 as 12月30日 (月 is missing from the text)"


@pytest.mark.parametrize("phrase", ["于1131日前", "1232日前"])
def test_a_damaged_date_with_no_valid_reading_is_refused(phrase: str) -> None:
    assert "looks damaged" in str(refused(phrase))


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("month", [("2025-08", date(2025, 8, 31)), ("2025-09", date(2025, 9, 30)), ("2025-10", date(2025, 10, 31))]),
        ("quarter", [("2025-Q3", date(2025, 9, 30)), ("2025-Q4", date(2025, 12, 31)), ("2026-Q1", date(2026, 3, 31))]),
        ("half", [("2025-H2", date(2025, 12, 31)), ("2026-H1", date(2026, 6, 30)), ("2026-H2", date(2026, 12, 31))]),
        ("week", [("2025-W33", date(2025, 8, 11)), ("2025-W34", date(2025, 8, 18)), ("2025-W35", date(2025, 8, 25))]),
        ("year", [("2025", date(2025, 12, 31)), ("2026", date(2026, 12, 31)), ("2027", date(2027, 12, 31))]),
    ],
)
def test_a_cadence_starts_with_the_period_holding_its_first_day(unit: str, expected: list[tuple[str, date]]) -> None:
    assert list(islice(Recurrence(unit, date(2025, 8, 15)).periods(), 3)) == expected  # a Friday in August


def test_a_period_is_named_for_any_day_in_it() -> None:
    quarters, halves = Recurrence("quarter", date(2025, 1, 1)), Recurrence("half", date(2025, 1, 1))
    assert [quarters.period_of(date(2025, m, 28)) for m in (3, 4, 12)] == ["2025-Q1", "2025-Q2", "2025-Q4"]
    assert [halves.period_of(date(2025, m, 28)) for m in (6, 7, 12)] == ["2025-H1", "2025-H2", "2025-H2"]


def test_chinese_numerals_digit_by_digit_and_with_ten() -> None:
    assert [parse_numeral(n) for n in ("二〇二五", "十", "十五", "二十", "三十一", "12")] == [2025, 10, 15, 20, 31, 12]


@pytest.mark.parametrize(
    ("phrase", "periods_due"),
    [
        ("每季度第一个月10日前", [("2025-Q1", date(2025, 1, 10)), ("2025-Q2", date(2025, 4, 10))]),
        ("每季度末月10日前", [("2025-Q1", date(2025, 3, 10)), ("2025-Q2", date(2025, 6, 10))]),
        # F22: written with the digit and 个 (個 in Traditional), as real notices do
        ("每个季度第1个月的20日前", [("2025-Q1", date(2025, 1, 20)), ("2025-Q2", date(2025, 4, 20))]),
        ("每個季度第1個月的20日前", [("2025-Q1", date(2025, 1, 20)), ("2025-Q2", date(2025, 4, 20))]),
    ],
)
def test_a_day_of_the_first_or_last_month_of_each_quarter(phrase: str, periods_due: list[tuple[str, date]]) -> None:
    assert periods(phrase, 2025, 2) == periods_due


@pytest.mark.parametrize("day", [0, 32])
def test_a_monthly_day_outside_1_to_31_is_refused(day: int) -> None:
    error = refused(f"每月{day}日前")
    assert str(error) == f"cannot read deadline '每月{day}日前': there is no day {day} in a month"
    assert error.text("zh") == f"一个月没有 {day} 日"


def test_january_before_it_starts_means_the_end_of_december() -> None:
    error = refused("1月前")
    assert "(1月底前) or before it starts (12月底前)?" in str(error)
    assert error.text("zh") == "有歧义：是 1月底前，还是 1 月开始之前（12月底前）？请写明其一"


@pytest.mark.parametrize(
    ("phrase", "start", "due"),
    [
        ("二季度-三季度", date(2025, 4, 1), date(2025, 9, 30)),
        ("6月1日-15日", date(2025, 6, 1), date(2025, 6, 15)),  # the right side borrows the month
        ("12月中旬至下旬", date(2025, 12, 11), date(2025, 12, 31)),
        ("3-6月底", date(2025, 3, 1), date(2025, 6, 30)),
        ("10月底-12月底", date(2025, 10, 31), date(2025, 12, 31)),  # starts on the day the left side names
        ("2024年10月-2025年3月", date(2024, 10, 1), date(2025, 3, 31)),
        ("2025年-2026年", date(2025, 1, 1), date(2026, 12, 31)),
    ],
)
def test_ranges_start_where_their_left_side_does(phrase: str, start: date, due: date) -> None:
    deadline = resolve_deadline(phrase, 2025)
    assert (deadline.start, deadline.due) == (start, due)


@pytest.mark.parametrize(
    ("phrase", "due"),
    [("于1231日前", date(2025, 12, 31)), ("于131日前", date(2025, 1, 31)), ("于1010日前", date(2025, 10, 10))],
)
def test_a_day_missing_its_month_character_is_read_the_one_way_it_can_be(phrase: str, due: date) -> None:
    deadline = resolve_deadline(phrase, 2025)
    digits = phrase[1:-2]
    assert deadline.due == due
    assert deadline.note == f"read {digits}日 as {due.month}月{due.day}日 (月 is missing from the text)"


def test_a_day_missing_its_month_character_with_two_readings_names_both() -> None:
    error = refused("于101日前")
    assert "could be 1月1日 or 10月1日; fix the text" in str(error)
    assert error.text("zh") == "疑似缺字（'101日' 缺少“月”）：可能是 1月1日 或 10月1日；请修正原文"


@pytest.mark.parametrize(
    ("month", "first_period"),
    [(5, ("2025-H1", date(2025, 6, 30))), (6, ("2025-H1", date(2025, 6, 30))), (7, ("2025-H2", date(2025, 12, 31)))],
)
def test_a_half_year_cadence_from_may_june_or_july(month: int, first_period: tuple[str, date]) -> None:
    assert next(Recurrence("half", date(2025, month, 15)).periods()) == first_period


def test_a_range_from_the_second_half_starts_on_1_july() -> None:
    assert (resolve_deadline("下半年-12月", 2025).start, resolve_deadline("下半年-12月", 2025).due) == (
        date(2025, 7, 1),
        date(2025, 12, 31),
    )


def test_only_holiday_and_working_day_phrases_depend_on_the_calendar() -> None:
    assert [depends_on_calendar(p) for p in ("国庆前", "5个工作日内", "3月底前")] == [True, True, False]


@pytest.mark.parametrize(("phrase", "due"), [("24小时内", date(2025, 3, 4)), ("25小时内", date(2025, 3, 5))])
def test_hours_count_as_whole_days_started(phrase: str, due: date) -> None:
    assert resolve_deadline(phrase, 2025, work_calendar=WorkCalendar([2025]), assigned=date(2025, 3, 3)).due == due


def test_a_date_missing_both_year_and_month_characters_says_so() -> None:
    deadline = resolve_deadline("20251230日前", 2025)
    assert deadline.due == date(2025, 12, 30)
    assert deadline.note == "read 20251230日 as 2025年12月30日 (年 and 月 are missing from the text)"


def test_working_days_in_an_unpublished_year_are_refused_in_the_language_shown() -> None:
    with pytest.raises(DeadlineError) as refused:
        resolve_deadline("5个工作日内", 2031, work_calendar=WorkCalendar(), assigned=date(2031, 3, 1))
    assert "2031 年的放假调休安排尚未公布" in refused.value.text("zh")
    assert "not published" not in refused.value.text("zh")
    assert "the working-day schedule for 2031 is not published" in refused.value.text("en")
