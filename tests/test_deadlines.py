"""The deadline grammar, table-driven: every family, every numeral form, leap years, and refusals."""

from __future__ import annotations

from datetime import date

import pytest

from workplan_cli.deadlines import DeadlineError, find_deadline_phrases, resolve_deadline

RESOLVES = [
    # end of month: arabic, full-width and Chinese numerals, 底 / 末, with and without 前
    ("3月底前", date(2024, 3, 31)),
    ("9月底", date(2024, 9, 30)),
    ("4月末", date(2024, 4, 30)),
    ("七月底前", date(2024, 7, 31)),
    ("三月底前", date(2024, 3, 31)),
    ("十二月底前", date(2024, 12, 31)),
    ("十一月底前", date(2024, 11, 30)),
    ("１０月底前", date(2024, 10, 31)),
    ("6月底之前", date(2024, 6, 30)),
    # leap year: February has 29 days in 2024, 28 in 2023
    ("2月底前", date(2024, 2, 29)),
    ("2023年2月底前", date(2023, 2, 28)),
    # a day
    ("6月20日前", date(2024, 6, 20)),
    ("于1月15日前", date(2024, 1, 15)),
    ("十月三十一日前", date(2024, 10, 31)),
    ("2月29日", date(2024, 2, 29)),
    # part of a month
    ("6月上旬", date(2024, 6, 10)),
    ("6月中旬前", date(2024, 6, 20)),
    ("2月下旬", date(2024, 2, 29)),
    ("4月下旬", date(2024, 4, 30)),
    # a month named alone
    ("8月份", date(2024, 8, 31)),
    ("8月", date(2024, 8, 31)),
    # end of year
    ("年底前", date(2024, 12, 31)),
    ("年内", date(2024, 12, 31)),
    ("年末", date(2024, 12, 31)),
    # half year, quarters
    ("上半年", date(2024, 6, 30)),
    ("下半年", date(2024, 12, 31)),
    ("一季度", date(2024, 3, 31)),
    ("第二季度末", date(2024, 6, 30)),
    ("三季度", date(2024, 9, 30)),
    ("四季度", date(2024, 12, 31)),
    ("第1季度", date(2024, 3, 31)),
    # an explicit year wins over the plan year
    ("2025年10月底前", date(2025, 10, 31)),
    ("2026年底前", date(2026, 12, 31)),
    ("2025年上半年", date(2025, 6, 30)),
    ("2025年6月30日前", date(2025, 6, 30)),
    # ISO dates
    ("2024-07-15", date(2024, 7, 15)),
    ("2024/7/5", date(2024, 7, 5)),
]


@pytest.mark.parametrize(("phrase", "due"), RESOLVES)
def test_phrase_resolves_to_its_deadline(phrase: str, due: date) -> None:
    deadline = resolve_deadline(phrase, 2024)
    assert deadline.due == due
    assert deadline.start is None
    assert deadline.note is None


@pytest.mark.parametrize(
    ("phrase", "start", "due"),
    [
        ("2025年1月11日-2025年10月底", date(2025, 1, 11), date(2025, 10, 31)),
        ("3-6月", date(2024, 3, 1), date(2024, 6, 30)),
        ("3月至6月底", date(2024, 3, 1), date(2024, 6, 30)),
        ("2024-07-01~2024-09-30", date(2024, 7, 1), date(2024, 9, 30)),
    ],
)
def test_range_has_a_start_and_a_due_day(phrase: str, start: date, due: date) -> None:
    deadline = resolve_deadline(phrase, 2024)
    assert (deadline.start, deadline.due) == (start, due)


@pytest.mark.parametrize("phrase", ["持续", "持续推进", "长期坚持", "常态化", "适时", "逐步"])
def test_open_ended_words_have_no_deadline(phrase: str) -> None:
    deadline = resolve_deadline(phrase, 2024)
    assert deadline.is_open
    assert deadline.due is None


def test_damaged_day_with_one_reading_is_repaired_and_says_so() -> None:
    deadline = resolve_deadline("于1130日前", 2024)
    assert deadline.due == date(2024, 11, 30)
    assert deadline.note is not None and "11月30日" in deadline.note


@pytest.mark.parametrize(
    ("phrase", "reason"),
    [
        ("112日前", "1月12日 or 11月2日"),  # damaged, two readings: never guess
        ("8月前", "ambiguous"),
        ("2025年8月前", "ambiguous"),
        ("2月30日", "has 29 days"),
        ("2023年2月29日", "has 28 days"),
        ("13月底", "no month 13"),
        ("截至6月底", "not a deadline"),
        ("每两个月一次", "write recurring deadlines like"),
        ("每月32日前", "no day 32"),
        ("春节后", "write holiday deadlines as"),
        ("5个工作日内", "add `assigned: YYYY-MM-DD`"),
        ("尽快", "write it like"),
        ("", "empty"),
        ("2024-13-01", "no month 13"),
        ("9月底-3月底", "starts after it ends"),
    ],
)
def test_unresolvable_phrase_is_an_error_naming_it(phrase: str, reason: str) -> None:
    with pytest.raises(DeadlineError) as caught:
        resolve_deadline(phrase, 2024)
    assert reason in str(caught.value)
    assert repr(phrase) in str(caught.value)


def test_finder_returns_phrases_with_spans_in_the_original_text() -> None:
    text = "3月底前，制定方案。截至6月底，已完成。１２月底前完成XX，制定2023年度计划。"
    found = find_deadline_phrases(text)
    assert [(m.phrase, m.kind) for m in found] == [
        ("3月底前", "deadline"),
        ("6月底", "status-date"),
        ("１２月底前", "deadline"),
    ]
    assert all(text[m.start : m.end] == m.phrase for m in found)


def test_finder_leaves_reference_dates_in_the_prose() -> None:
    found = find_deadline_phrases("以12月31日数据为准，6月15日、12月15日前分别报送")
    assert [(m.phrase, m.kind) for m in found] == [
        ("12月31日", "status-date"),
        ("6月15日", "deadline"),
        ("12月15日前", "deadline"),
    ]
