"""Reporting periods: a month (``2024-06``), quarter (``2024-Q2``), half year (``2024-H1``) or year. Pure.

Reports (月报 / 季报 / 半年报 / 年报) and the supervision cycle's forms both speak of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from workplan_cli.errors import UsageError
from workplan_cli.i18n import Listed, UsageMsg


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"


_MONTHS = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.HALF: 6, PeriodKind.YEAR: 12}
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")  # fmt: skip
_PATTERNS = {
    PeriodKind.MONTH: (r"(\d{4})-(\d{2})", "2024-06"),
    PeriodKind.QUARTER: (r"(\d{4})-Q([1-4])", "2024-Q2"),
    PeriodKind.HALF: (r"(\d{4})-H([12])", "2024-H1"),
    PeriodKind.YEAR: (r"(\d{4})()", "2024"),
}


@dataclass(frozen=True, slots=True)
class Period:
    """A month, quarter, half year or year: ``2024-06``, ``2024-Q2``, ``2024-H1``, ``2024``."""

    kind: PeriodKind
    year: int
    number: int  # the month, quarter or half within the year; 1 for a year

    @property
    def start(self) -> date:
        return date(self.year, (self.number - 1) * _MONTHS[self.kind] + 1, 1)

    @property
    def end(self) -> date:
        return self.next().start - timedelta(days=1)

    @property
    def label(self) -> str:
        if self.kind is PeriodKind.MONTH:
            return f"{self.year}-{self.number:02d}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}-Q{self.number}"
        if self.kind is PeriodKind.HALF:
            return f"{self.year}-H{self.number}"
        return str(self.year)

    def next(self) -> Period:
        per_year = 12 // _MONTHS[self.kind]
        if self.number < per_year:
            return Period(self.kind, self.year, self.number + 1)
        return Period(self.kind, self.year + 1, 1)

    def name(self, lang: str) -> str:
        """2024年第二季度 / 2024 Q2."""
        zh = lang == "zh"
        if self.kind is PeriodKind.MONTH:
            return f"{self.year}年{self.number}月" if zh else f"{_MONTH_NAMES[self.number - 1]} {self.year}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}年第{'一二三四'[self.number - 1]}季度" if zh else f"{self.year} Q{self.number}"
        if self.kind is PeriodKind.HALF:
            return (
                f"{self.year}年{'上下'[self.number - 1]}半年"
                if zh
                else f"{'first' if self.number == 1 else 'second'} half of {self.year}"
            )
        return f"{self.year}年" if zh else str(self.year)


def parse_period(kind: PeriodKind, value: str) -> Period:
    """``--quarter 2024-Q2`` and the like; a value that is not such a period is a UsageError."""
    found = period_of_label(value, (kind,))
    if found is None:
        example = _PATTERNS[kind][1]
        raise UsageError(UsageMsg.BAD_PERIOD, kind=kind.value, value=value, example=example)
    return found


def last_full_month(today: date) -> Period:
    """The default period: the month before the one ``today`` is in."""
    previous = today.replace(day=1) - timedelta(days=1)
    return Period(PeriodKind.MONTH, previous.year, previous.month)


_LABEL_KINDS = (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF, PeriodKind.YEAR)


def period_of_label(label: str, kinds: tuple[PeriodKind, ...] = _LABEL_KINDS) -> Period | None:
    """The period a label names (``2024-06``, ``2024-Q2`` or ``2024-q2``, ``2024-H1``, ``2024``), of one of
    ``kinds``; None when it names none of them."""
    text = label.strip().upper()
    for kind in kinds:
        match = re.fullmatch(_PATTERNS[kind][0], text)
        if match and not (kind is PeriodKind.MONTH and not 1 <= int(match[2]) <= 12):
            return Period(kind, int(match[1]), int(match[2]) if match[2] else 1)
    return None


def check_within_years(period: Period, years: set[int], flag: str) -> None:
    """Refuse a period that falls in none of ``years`` (the plan year and the years its deadlines
    fall in): `report --year 1800` or `collect --period 1999-01` on a 2024 plan is a typo, and a
    report of 2025 on a 2024 plan would count 2024's deadlines as 年初以来."""
    if period.year in years:
        return
    span = Listed(tuple(str(y) for y in sorted(years)))
    later = UsageMsg.ROLL_OVER_FIRST if years and period.year > max(years) else ""
    raise UsageError(UsageMsg.OUTSIDE_PLAN_YEAR, flag=flag, label=period.label, span=span, later=later)
