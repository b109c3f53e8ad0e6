"""The deadline grammar, table-driven: every family, every numeral form, leap years, and refusals."""

from __future__ import annotations

from datetime import date

import pytest

from workplan_cli.deadlines import DeadlineError, find_date_mentions, period_start, resolve_deadline

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
    found = find_date_mentions(text)
    assert [(m.text, m.context) for m in found] == [
        ("3月底前", ""),
        ("6月底", "status"),
        ("１２月底前", ""),
        ("2023年度", ""),
    ]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_finder_marks_reference_dates() -> None:
    found = find_date_mentions("以12月31日数据为准，6月15日、12月15日前分别报送")
    assert [(m.text, m.context) for m in found] == [("12月31日", "reference"), ("6月15日", ""), ("12月15日前", "")]


# ---------------------------------------------------------------------------------------------
# Forms met in real reports (issue 11)


@pytest.mark.parametrize(
    ("phrase", "due", "note"),
    [
        ("到2025年底前", date(2025, 12, 31), None),
        ("到2023年", date(2023, 12, 31), None),
        ("到2025年7月", date(2025, 7, 31), None),
        ("年中", date(2024, 6, 30), None),  # the README's convention: the end of the first half
        ("2025年年中", date(2025, 6, 30), None),
        ("於2025年3月底前", date(2025, 3, 31), None),  # Traditional 於 reads as 于
        # the year run into the month: repaired, the written year honoured
        ("于2021930日前", date(2021, 9, 30), "2021年9月30日"),
        ("20251月20日前", date(2025, 1, 20), "2025年1月20日"),
        ("20254月8日", date(2025, 4, 8), "2025年4月8日"),
        ("2022 110日", date(2022, 1, 10), "2022年1月10日"),
    ],
)
def test_real_report_forms_resolve(phrase: str, due: date, note: str | None) -> None:
    deadline = resolve_deadline(phrase, 2024)
    assert deadline.due == due
    assert (deadline.note is None) if note is None else (deadline.note is not None and note in deadline.note)


def test_a_range_from_a_month_end_starts_on_that_day() -> None:
    deadline = resolve_deadline("2025年10月底-2025年12月底", 2024)
    assert (deadline.start, deadline.due) == (date(2025, 10, 31), date(2025, 12, 31))


@pytest.mark.parametrize(
    ("phrase", "unit", "periods"),
    [
        ("每半年", "half", [("2024-H1", date(2024, 6, 30)), ("2024-H2", date(2024, 12, 31))]),
        ("每季度", "quarter", [("2024-Q1", date(2024, 3, 31)), ("2024-Q2", date(2024, 6, 30))]),
        ("每月", "month", [("2024-01", date(2024, 1, 31)), ("2024-02", date(2024, 2, 29))]),
        ("每周", "week", [("2024-W01", date(2024, 1, 7)), ("2024-W02", date(2024, 1, 14))]),
    ],
)
def test_a_cadence_named_alone_is_due_on_each_periods_last_day(
    phrase: str, unit: str, periods: list[tuple[str, date]]
) -> None:
    recurrence = resolve_deadline(phrase, 2024).recurrence
    assert recurrence is not None and recurrence.unit == unit
    produced = recurrence.periods()
    assert [next(produced) for _ in periods] == periods
    assert period_start("2024-H2") == date(2024, 7, 1)


@pytest.mark.parametrize(
    ("phrase", "reason"),
    [
        ("48小时内", "counted from each case"),
        ("会后3日内", "counted from each case"),
        ("15天内", "counted from each case"),
        ("年初", "names no day"),
        ("每月最后一周周五", "a week of the month is not taken"),
    ],
)
def test_refused_real_report_forms_say_why(phrase: str, reason: str) -> None:
    with pytest.raises(DeadlineError, match=reason) as caught:
        resolve_deadline(phrase, 2024)
    assert caught.value.text("zh") != caught.value.reason  # a Chinese reason too


def test_a_per_case_limit_counts_from_the_assigned_day() -> None:
    assert resolve_deadline("48小时内", 2024, assigned=date(2024, 3, 1)).due == date(2024, 3, 3)
    assert resolve_deadline("会后3日内", 2024, assigned=date(2024, 3, 1)).due == date(2024, 3, 4)


def test_every_date_like_mention_is_found_with_its_kind() -> None:
    text = (
        "根据鄂社〔2024〕4号，2023年以来，截至6月底已完成；於2021930日前完成，每季度报送，"
        "环评报告书14个工作日内完成审批，2023—2025年，到2025年底前，春节前，３月底前，一月一次。"
    )
    found = [(m.text, m.kind, m.context) for m in find_date_mentions(text)]
    assert found == [
        ("〔2024〕4号", "document-number", ""),
        ("2023年", "year", "since"),
        ("6月底", "date", "status"),
        ("於2021930日前", "date", ""),
        ("每季度", "recurring", ""),
        ("14个工作日内", "per-case", ""),
        ("2023—2025年", "years", ""),
        ("到2025年底前", "date", ""),
        ("春节前", "holiday", ""),
        ("３月底前", "date", ""),
    ]
    assert all(text[m.start : m.end] == m.text for m in find_date_mentions(text))


def test_monthly_and_quarterly_reviews_are_cadences() -> None:
    found = [(m.text, m.kind) for m in find_date_mentions("实行“月度盘点+季度研判”，二季度完成")]
    assert found == [("月度", "recurring"), ("季度", "recurring"), ("二季度", "date")]
    monthly = resolve_deadline("月度", 2025).recurrence
    assert monthly is not None and monthly.unit == "month"


def test_a_malformed_chinese_numeral_is_refused_with_a_reason() -> None:
    with pytest.raises(DeadlineError, match="there is no month 0"):
        resolve_deadline("十十月底前", 2024)


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("6月30日24时前", date(2024, 6, 30)),  # the hour adds nothing to the day
        ("3月31日（星期日）前", date(2024, 3, 31)),  # nor the weekday written with it
        ("9月中下旬", date(2024, 9, 30)),
        ("10月上中旬", date(2024, 10, 20)),
        ("次年1月底前", date(2025, 1, 31)),  # the year after the plan year
        ("于明年3月15日前", date(2025, 3, 15)),
    ],
)
def test_hours_weekdays_two_parts_of_a_month_and_the_next_year(phrase: str, due: date) -> None:
    assert resolve_deadline(phrase, 2024).due == due


def test_a_year_and_month_written_with_a_dot_or_dash_is_that_months_end() -> None:
    assert resolve_deadline("2024.6", 2024).due == date(2024, 6, 30)
    assert resolve_deadline("2025-02", 2024).due == date(2025, 2, 28)
    assert [m.text for m in find_date_mentions("2019-2022年规划，2024.6前完成")] == ["2019-2022年", "2024.6前"]
