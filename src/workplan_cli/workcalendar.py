"""Mainland-China working days: statutory holidays and make-up working days (调休).

The State Council publishes each year's schedule late in the year before; the `holidays` package
carries the published ones. A year it has no make-up working days for is treated as not yet
published and every question about it is refused with :class:`UnpublishedYearError`: a wrong
working-day count is worse than none.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import cached_property

from workplan_cli.i18n import Msg, tr

# Holiday words in deadline phrases -> the name the holidays package gives the festival (zh_CN).
HOLIDAY_NAMES = {
    "春节": "春节",
    "元旦": "元旦",
    "清明": "清明节",
    "劳动节": "劳动节",
    "五一": "劳动节",
    "端午": "端午节",
    "中秋": "中秋节",
    "国庆": "国庆节",
    "十一": "国庆节",
}


class UnpublishedYearError(ValueError):
    """A year whose working-day schedule is not known: ``text(lang)`` says so in either language."""

    def __init__(self, year: int) -> None:
        super().__init__(tr(Msg.UNPUBLISHED_YEAR, "en", year=year))
        self.year = year

    def text(self, lang: str) -> str:
        return tr(Msg.UNPUBLISHED_YEAR, lang, year=self.year)


class WorkCalendar:
    """Working days for the years asked about. Build one per command; it loads the data on first use."""

    def __init__(self, years: Iterable[int] = ()) -> None:
        self._years = set(years)

    @cached_property
    def _data(self) -> tuple[dict[date, str], set[date], set[int]]:
        from holidays.countries.china import China  # ~70 ms: only commands that count working days pay for it

        years = sorted(self._years | {y + d for y in self._years for d in (-1, 1)}) or [date.today().year]
        china = China(years=range(min(years), max(years) + 1), language="zh_CN")  # type: ignore[no-untyped-call]
        days_off = dict(china.items())
        makeup = set(china.weekend_workdays)
        published = {d.year for d in makeup}
        return days_off, makeup, published

    def _need(self, day: date) -> None:
        if day.year not in self._years:
            self._years.add(day.year)
            self.__dict__.pop("_data", None)  # rebuild with the new year
        if day.year not in self._data[2]:
            raise UnpublishedYearError(day.year)

    def is_published(self, year: int) -> bool:
        try:
            self._need(date(year, 1, 1))
        except UnpublishedYearError:
            return False
        return True

    def is_working_day(self, day: date) -> bool:
        self._need(day)
        days_off, makeup, _ = self._data
        if day in makeup:
            return True
        return day.weekday() < 5 and day not in days_off

    def working_days_between(self, start: date, end: date) -> int:
        """Working days d with start < d <= end; negative when end is before start."""
        sign = 1
        if end < start:
            start, end, sign = end, start, -1
        count = 0
        day = start + timedelta(days=1)
        while day <= end:
            count += self.is_working_day(day)
            day += timedelta(days=1)
        return sign * count

    def add_working_days(self, start: date, count: int) -> date:
        """The ``count``-th working day after ``start`` (``start`` itself is not counted)."""
        day = start
        while count > 0:
            day += timedelta(days=1)
            count -= self.is_working_day(day)
        return day

    def last_working_day_before(self, day: date) -> date:
        day -= timedelta(days=1)
        while not self.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def holiday_start(self, word: str, year: int) -> date:
        """The first day off of the break that holds the festival ``word`` names, in ``year``."""
        name = HOLIDAY_NAMES[word]
        self._need(date(year, 6, 1))
        days_off = self._data[0]
        festival = min((d for d, label in days_off.items() if d.year == year and label.startswith(name)), default=None)
        if festival is None:
            raise UnpublishedYearError(year)
        start = festival
        while not self.is_working_day(start - timedelta(days=1)):
            start -= timedelta(days=1)
        return start
