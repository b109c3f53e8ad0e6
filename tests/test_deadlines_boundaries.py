"""The deadline grammar at its edges: first and last days, cadences in years other than 2024
(whose 1 January is a Monday and hides weekday arithmetic), numerals, the starts of ranges, and
one-day ranges. Kept apart from test_deadlines.py, which follows the grammar's families."""

from __future__ import annotations

from datetime import date
from itertools import islice

import pytest

from workplan_cli.deadlines import DeadlineError, period_start, resolve_deadline


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
    with pytest.raises(DeadlineError, match="looks damaged"):
        resolve_deadline(phrase, 2025)
