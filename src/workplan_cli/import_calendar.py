"""School calendars (校历) laid out as a grid and flattened by copying one cell per line: the row heads
give the year and month (bare ``2013`` and ``9``), the day cells are bare numbers (``| 23``), and each
row's remark cell tells the events by day alone (``23日新生報到;24日上午開學典禮``). A day there is in
the month of its row; this module finds those days and writes each in full (``2013年9月23日``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from workplan_cli.deadlines import normalize_chars

_WEEKDAY_CELL = re.compile(r"^\s*\|?\s*(?:星期|周)[一二三四五六日天]\s*$")
_YEAR_CELL = re.compile(r"^\s*((?:19|20)\d\d)\s*$")
_MONTH_CELL = re.compile(r"^\s*(1[0-2]|[1-9])\s*$")
_SEP = r"\s*(?:—|–|~|～|-|－|——)+\s*"
# In a remark cell: 10、1——7日 (its month written before it), 19—21日 / 23日, or 14—15 / 10 with 日 left
# out at the start of a clause, before the words of the event (not 11級, a cohort).
_DAYS = re.compile(
    rf"(?P<month>1[0-2]|[1-9])、(?P<a1>\d{{1,2}}){_SEP}(?P<b1>\d{{1,2}})日"
    rf"|(?<![\d月年./-])(?P<a2>\d{{1,2}})(?:{_SEP}(?P<b2>\d{{1,2}}))?日(?![\d内])"
    rf"|(?:^|(?<=[|,，;；。、\s]))(?P<a3>\d{{1,2}})(?:{_SEP}(?P<b3>\d{{1,2}}))?(?=上午|下午|晚上|[\u4e00-\u9fff])(?![级級届屆年月周个個天人次名])"
)


class CalendarDay(NamedTuple):
    """A day told in a remark cell, with its place and the phrase it means in full."""

    line: int  # 1-based
    col: int
    text: str
    phrase: str  # 2013年9月23日, 2013年10月8日-2013年10月18日
    repaired: bool  # 日 was left out (14—15, 10下午)


_GRID_CELL = re.compile(
    r"\s*\|?\s*(?:\d{1,4}|[一二三四五六七八九十]{1,3}|(?:星期|周)[一二三四五六日天]|周\s*次|[备備]\s*注|年\s*月)?\s*\|?\s*"
)


def grid_cell(line: str) -> bool:
    """Whether a line is a cell of the grid's frame: a weekday, a week or day number, 年 月, 备注, or empty."""
    return bool(_GRID_CELL.fullmatch(normalize_chars(line)))


def is_calendar_grid(lines: list[str]) -> bool:
    """Whether the report is a school calendar grid: a header of weekday cells, one per line."""
    return sum(1 for line in lines[:60] if _WEEKDAY_CELL.match(normalize_chars(line))) >= 5


def calendar_days(lines: list[str]) -> list[CalendarDay]:
    """The days told in the remark cells of a calendar grid, each in the year and month of its row."""
    year = month = 0
    found: list[CalendarDay] = []
    for number, line in enumerate(lines, 1):
        folded = normalize_chars(line)
        if m := _YEAR_CELL.match(folded):
            year = int(m[1])
            continue
        if m := _MONTH_CELL.match(folded):
            month = int(m[1])
            continue
        if not year or not month or not re.search(r"[\u4e00-\u9fff]", folded) or _WEEKDAY_CELL.match(folded):
            continue
        for m in _DAYS.finditer(folded):
            if re.search(r"\d\s*月\s*$", folded[: m.start()]):
                continue  # 9月2日: a date the grammar reads whole
            first = m["a1"] or m["a2"] or m["a3"]
            last = m["b1"] or m["b2"] or m["b3"]
            in_month = int(m["month"]) if m["month"] else month
            day = f"{year}年{in_month}月{{}}日"
            phrase = day.format(int(first)) + (f"-{day.format(int(last))}" if last else "")
            found.append(CalendarDay(number, m.start(), line[m.start() : m.end()], phrase, bool(m["a3"])))
    return found
