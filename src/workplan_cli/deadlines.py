"""The deadline grammar: a phrase from a Chinese work plan, plus the plan year, gives a deadline.

Pure: no I/O, no clock. Every phrase family the tool understands lives here, so that the loader,
the importer and the docs all agree on what ``3月底前`` or ``2025年1月11日-2025年10月底`` means.

A phrase resolves to a :class:`Deadline` (a due day, maybe a start day, maybe a note about a
repaired phrase), to an open-ended deadline (``持续推进``: ongoing work, no date), or raises
:class:`DeadlineError` naming the phrase and how to write it. It never guesses.
"""

from __future__ import annotations

import calendar
import functools
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Protocol

from workplan_cli.i18n import ImportMsg, Localized, Message, Phrase

__all__ = [
    "DateMention",
    "Deadline",
    "DeadlineError",
    "Recurrence",
    "depends_on_calendar",
    "find_date_mentions",
    "normalize_chars",
    "parse_numeral",
    "period_start",
    "resolve_deadline",
]


_WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True, slots=True)
class Recurrence:
    """A cadence: every month, quarter, week or year, each period with its own due day.

    ``day`` is the day of the month (None: the period's last day) or, weekly, 0 for Monday.
    ``month`` is the month within the period (1-based; None: the period's last month).
    Periods are named ``2024-06``, ``2024-Q2``, ``2024-H1``, ``2024-W25`` or ``2024``; they start with the
    period holding ``first``.
    """

    unit: str  # "month" | "quarter" | "half" | "week" | "year"
    first: date
    day: int | None = None
    month: int | None = None

    def period_of(self, day: date) -> str:
        if self.unit == "month":
            return f"{day.year}-{day.month:02d}"
        if self.unit == "quarter":
            return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
        if self.unit == "half":
            return f"{day.year}-H{(day.month - 1) // 6 + 1}"
        if self.unit == "week":
            year, week, _ = day.isocalendar()
            return f"{year}-W{week:02d}"
        return str(day.year)

    def due_of(self, start: date) -> date:
        """The due day of the period that starts on ``start``."""
        if self.unit == "week":
            return start + timedelta(days=self.day or 0)
        months = _MONTHS_PER_PERIOD[self.unit]
        month = start.month + (self.month or months) - 1
        last = calendar.monthrange(start.year, month)[1]
        return date(start.year, month, min(self.day or last, last))

    def periods(self) -> Iterator[tuple[str, date]]:
        """(period name, due day) for each period from the first one on, forever."""
        start = self._period_start(self.first)
        while True:
            yield self.period_of(start), self.due_of(start)
            start = self._next_start(start)

    def _period_start(self, day: date) -> date:
        if self.unit == "week":
            return day - timedelta(days=day.weekday())
        if self.unit == "month":
            return day.replace(day=1)
        if self.unit == "quarter":
            return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
        if self.unit == "half":
            return date(day.year, (day.month - 1) // 6 * 6 + 1, 1)
        return date(day.year, 1, 1)

    def _next_start(self, start: date) -> date:
        if self.unit == "week":
            return start + timedelta(days=7)
        months = _MONTHS_PER_PERIOD[self.unit]
        month = start.month - 1 + months
        return date(start.year + month // 12, month % 12 + 1, 1)


_MONTHS_PER_PERIOD = {"month": 1, "quarter": 3, "half": 6, "year": 12}


def period_start(label: str) -> date:
    """The first day of a period named like ``2024-06``, ``2024-Q2``, ``2024-H1``, ``2024-W25`` or ``2024``."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})", label):
        return date(int(m[1]), int(m[2]), 1)
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", label):
        return date(int(m[1]), 3 * int(m[2]) - 2, 1)
    if m := re.fullmatch(r"(\d{4})-H([12])", label):
        return date(int(m[1]), 6 * int(m[2]) - 5, 1)
    if m := re.fullmatch(r"(\d{4})-W(\d{2})", label):
        return date.fromisocalendar(int(m[1]), int(m[2]), 1)
    if re.fullmatch(r"\d{4}", label):
        return date(int(label), 1, 1)
    raise ValueError(f"not a period: {label!r}")


@dataclass(frozen=True, slots=True)
class Deadline:
    """What a phrase means: a due day, a cadence (``recurrence``), or neither (open-ended work)."""

    due: date | None
    start: date | None = None
    note: str | None = None  # set when a damaged phrase was repaired, to be shown to the user
    recurrence: Recurrence | None = None

    @property
    def is_open(self) -> bool:
        return self.due is None and self.recurrence is None


OPEN_ENDED = Deadline(due=None)


class DeadlineCalendar(Protocol):
    """What the grammar needs of the working calendar (see workcalendar.WorkCalendar)."""

    def add_working_days(self, start: date, count: int) -> date: ...

    def last_working_day_before(self, day: date) -> date: ...

    def holiday_start(self, word: str, year: int) -> date: ...


class DeadlineError(ValueError):
    """A phrase that cannot be resolved. ``str(err)`` says what is wrong and how to write it."""

    def __init__(self, phrase: str, key: ImportMsg, /, **fields: object) -> None:
        self.phrase = phrase
        self.said = Message(key, **fields)  # what is wrong, worded in the language it is shown in
        super().__init__(f"cannot read deadline {phrase!r}: {self.reason}")

    @property
    def reason(self) -> str:
        """What is wrong, in English (``text(lang)`` in another language)."""
        return self.said.text("en")

    def text(self, lang: str) -> str:
        return self.said.text(lang)


# ---------------------------------------------------------------------------------------------
# Characters and numerals


# Traditional characters of the words the grammar and the importer look for (號 於 個 週 內 後…),
# folded to Simplified one character for one, so that a mirror in Traditional characters reads
# like the original. Only these words: the text itself is always kept as written.
_TRADITIONAL = str.maketrans(
    "號於個週內後終續態長適時單責負門與報關發辦實現過進務項牽頭區縣鎮處將對應須該據為從開會議設"
    "標準確節慶陽條計劃點動組織結級總產業農醫療學證資質屬間屆稱經並權審驗導體機構職編員黨書記聯"
    "調啟綜執監測試們來歷舉協辦勞曆號佈規範鄉區劃國統環衛臘當○",
    "号于个周内后终续态长适时单责负门与报关发办实现过进务项牵头区县镇处将对应须该据为从开会议设"
    "标准确节庆阳条计划点动组织结级总产业农医疗学证资质属间届称经并权审验导体机构职编员党书记联"
    "调启综执监测试们来历举协办劳历号布规范乡区划国统环卫腊当〇",  # ○ typed for 〇 in 二○二四年
)


def normalize_chars(text: str) -> str:
    """Fold full-width digits, letters and punctuation to ASCII, and Traditional characters of the
    grammar's words to Simplified, one character at a time.

    Character by character (not plain NFKC) so that indexes into the result are indexes into
    the original text: the importer cuts the original paragraph at the positions found here.
    """
    out = []
    for ch in text:
        folded = unicodedata.normalize("NFKC", ch)
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out).translate(_TRADITIONAL)


class _Lazy:
    """A regular expression compiled on first use: a warm run served from the cache resolves no
    phrase, and compiling every family up front costs each command about 8 ms."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, *args: Any) -> None:
        self._args = args
        self._compiled: re.Pattern[str] | None = None

    def _pattern(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return self._compiled

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self._pattern().fullmatch(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self._pattern().finditer(text)

    def search(self, text: str) -> re.Match[str] | None:
        return self._pattern().search(text)

    def sub(self, replacement: Callable[[re.Match[str]], str], text: str) -> str:
        return self._pattern().sub(replacement, text)


_CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def parse_numeral(text: str) -> int:
    """``12``, ``十二``, ``二十``, ``三十一``, ``二〇二四`` -> int; 0 for a malformed numeral (``十十``), which
    no month, day or item number is, so the caller refuses it with its own reason."""
    if text.isascii() and text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        if (tens and tens not in _CN_DIGITS) or (ones and ones not in _CN_DIGITS):
            return 0
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    if not all(ch in _CN_DIGITS for ch in text):
        return 0
    value = 0
    for ch in text:
        value = value * 10 + _CN_DIGITS[ch]
    return value


# ---------------------------------------------------------------------------------------------
# The phrase families, as regular expressions over normalized text

_CN = "[一二三四五六七八九十〇零两]"
_NUM = rf"(?:\d{{1,2}}|{_CN}{{1,3}})"
_YEAR = r"(?:(?P<year>\d{4}|[一二三四五六七八九〇零]{4})年)"
_PREFIX = r"(?:(?<![关对])于|在|至迟于|最迟于|须于|需于|应于|到)"  # not the 于 of 关于 or 对于
_SUFFIX = r"(?:前|之前|以前)"
_PART_OF_MONTH = {"上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 31), "上中旬": (1, 20), "中下旬": (11, 31)}

# Each family matches the core of a phrase (prefix and suffix already removed).
_DAY = _Lazy(rf"{_YEAR}?(?P<month>{_NUM})月(?P<day>{_NUM})[日号]")
_PART = _Lazy(rf"{_YEAR}?(?P<month>{_NUM})月份?(?P<part>上中旬|中下旬|上旬|中旬|下旬)")
_MONTH_END = _Lazy(rf"{_YEAR}?(?P<month>{_NUM})月(?:底|末|份底|份末|份)")
_MONTH_ALONE = _Lazy(rf"{_YEAR}?(?P<month>{_NUM})月")
_YEAR_END = _Lazy(rf"(?:(?:{_YEAR}|今年|本年度?)年?|年度?|全年)(?:底|末|内|终)?")
_HALF = _Lazy(rf"(?:{_YEAR}|今年)?(?P<half>上|下)半年(?:末|底)?")
_QUARTER = _Lazy(rf"(?:{_YEAR}|今年)?第?(?P<quarter>[1-4一二三四])季度(?:末|底)?")
_ISO = _Lazy(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})日?")
_ISO_MONTH = _Lazy(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})")
# A day whose 月 was lost in copying: "1130日" for 11月30日; with 年 lost too: "2021930日", "2022 110日".
_DAMAGED_DAY = _Lazy(rf"(?:{_YEAR}|(?P<bare_year>(?:19|20)\d\d)\s?)?(?P<digits>\d{{3,4}})[日号]")
# A year whose 年 was lost in copying, run into the month: "20254月8日" for 2025年4月8日.
_YEAR_RUN_IN = _Lazy(r"(?P<year>(?:19|20)\d\d)(?P<rest>\d{1,2}月.*)")
_MID_YEAR = _Lazy(rf"(?:{_YEAR}|今年)?年中(?:前|之前|以前)?")
_START_OF_YEAR = _Lazy(rf"(?:{_YEAR}|今年)?年初(?:前|之前|以前)?")
# A time limit counted from each case (收到申请后14个工作日内, 48小时内, 会后3日内): no fixed day.
_PER_CASE = _Lazy(
    rf"(?:会后|事后|收到后)?(?:于|在)?(?P<count>\d{{1,3}}|{_CN}{{1,3}})个?(?P<unit>自然日|日|天|小时)(?:内|以内)"
    r"(?:完成|报送|反馈|办结)?"
)
_RANGE_SEPARATOR = _Lazy(r"\s*(?:—|–|~|至|到|-)\s*")
_BARE_NUMBER = _Lazy(_NUM)

_OPEN_ENDED_WORDS = ("持续", "长期", "常态化", "适时", "逐步", "经常性", "长效")
_STATUS_DATE_WORDS = ("截至", "截止到", "截止至", "截止")
_HOLIDAY_WORDS = ("春节", "国庆", "元旦", "清明", "劳动节", "五一", "端午", "中秋", "十一")


@dataclass(frozen=True, slots=True)
class _Period:
    first: date
    last: date


def _year_of(match: re.Match[str], plan_year: int) -> int:
    written = match.groupdict().get("year")
    return parse_numeral(written) if written else plan_year


def _month_period(phrase: str, year: int, month: int) -> _Period:
    if not 1 <= month <= 12:
        raise DeadlineError(phrase, ImportMsg.PHRASE_NO_MONTH, month=month)
    return _Period(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))


def _day(phrase: str, year: int, month: int, day: int) -> date:
    period = _month_period(phrase, year, month)
    if not 1 <= day <= period.last.day:
        raise DeadlineError(phrase, ImportMsg.PHRASE_NO_SUCH_DAY, year=year, month=month, days=period.last.day, day=day)
    return date(year, month, day)


def _period(phrase: str, core: str, plan_year: int, *, has_suffix: bool) -> tuple[_Period, str | None]:
    """The span of days a phrase's core names, and a note if it had to be repaired."""
    if m := _ISO.fullmatch(core):
        day = _day(phrase, int(m["year"]), int(m["month"]), int(m["day"]))
        return _Period(day, day), None
    if m := _ISO_MONTH.fullmatch(core):
        return _month_period(phrase, int(m["year"]), int(m["month"])), None
    if m := _DAY.fullmatch(core):
        day = _day(phrase, _year_of(m, plan_year), parse_numeral(m["month"]), parse_numeral(m["day"]))
        return _Period(day, day), None
    if m := _PART.fullmatch(core):
        month = _month_period(phrase, _year_of(m, plan_year), parse_numeral(m["month"]))
        first_day, last_day = _PART_OF_MONTH[m["part"]]
        return _Period(month.first.replace(day=first_day), month.first.replace(day=min(last_day, month.last.day))), None
    if m := _MONTH_END.fullmatch(core):
        return _month_period(phrase, _year_of(m, plan_year), parse_numeral(m["month"])), None
    if m := _MONTH_ALONE.fullmatch(core):
        month_number = parse_numeral(m["month"])
        if has_suffix:
            # "8月前" reads both as "by the end of August" and "before August starts".
            raise DeadlineError(
                phrase, ImportMsg.PHRASE_MONTH_AMBIGUOUS, month=month_number, before=month_number - 1 or 12
            )
        return _month_period(phrase, _year_of(m, plan_year), month_number), None
    if m := _HALF.fullmatch(core):
        year = _year_of(m, plan_year)
        if m["half"] == "上":
            return _Period(date(year, 1, 1), date(year, 6, 30)), None
        return _Period(date(year, 7, 1), date(year, 12, 31)), None
    if m := _QUARTER.fullmatch(core):
        year, quarter = _year_of(m, plan_year), parse_numeral(m["quarter"])
        last_month = 3 * quarter
        first_month = _month_period(phrase, year, last_month - 2)
        return _Period(first_month.first, _month_period(phrase, year, last_month).last), None
    if (m := _YEAR_END.fullmatch(core)) and core:
        year = _year_of(m, plan_year)
        return _Period(date(year, 1, 1), date(year, 12, 31)), None
    if m := _DAMAGED_DAY.fullmatch(core):
        return _repair_lost_month(phrase, m, plan_year)
    if m := _YEAR_RUN_IN.fullmatch(core):
        period, _ = _period(phrase, f"{m['year']}年{m['rest']}", plan_year, has_suffix=has_suffix)
        return period, f"read {m['year']}{m['rest']} as {m['year']}年{m['rest']} (年 is missing from the text)"
    raise DeadlineError(phrase, ImportMsg.PHRASE_HOW_TO_WRITE)


def _repair_lost_month(phrase: str, m: re.Match[str], plan_year: int) -> tuple[_Period, str]:
    digits, year = m["digits"], int(m["bare_year"]) if m["bare_year"] else _year_of(m, plan_year)
    written = f"{m['bare_year']}年" if m["bare_year"] else ""
    readings = []
    for cut in range(1, len(digits)):
        month_text, day_text = digits[:cut], digits[cut:]
        if month_text.startswith("0") or len(day_text) > 2:
            continue
        month, day = int(month_text), int(day_text)
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
            readings.append((month, day))
    if len(readings) != 1:
        dates = [f"{mo}月{d}日" for mo, d in readings]
        options = Phrase(" or ".join(dates), " 或 ".join(dates)) if dates else ImportMsg.NO_VALID_DATE
        raise DeadlineError(phrase, ImportMsg.PHRASE_DAMAGED, digits=digits, options=options)
    month, day = readings[0]
    due = date(year, month, day)
    if written:
        return _Period(due, due), f"read {m[0]} as {written}{month}月{day}日 (年 and 月 are missing from the text)"
    return _Period(due, due), f"read {digits}日 as {month}月{day}日 (月 is missing from the text)"


# A Republic of China year (民国113年 is 2024): with 民国, or a year 100–119 before a month or 底.
_ROC_YEAR = _Lazy(r"(?:民国|民國)(1[01]\d)年|(?<!\d)(1[01]\d)年(?=\d{1,2}月|(?:底|末)|[上下]半年|第?[一二三四1-4]季度)")


def _without_hour(text: str) -> str:
    """6月30日24时前, 每月28日15点前: the day; the hour adds nothing to it (3月31日（星期日）前 is
    handled beside it)."""
    return re.sub(r"([日号])\d{1,2}[时点](?:\d{1,2}分)?(?=前|之前|以前|$)", r"\1", text)


def _strip(core: str) -> tuple[str, bool]:
    """Remove a leading 于/在… and a trailing 前/之前/以前; say whether a suffix was there."""
    core = re.sub(rf"^{_PREFIX}", "", core)
    core = _without_hour(core)
    core = re.sub(r"([日号])\s*[(（](?:星期|周)[一二三四五六日天][)）](?=前|之前|以前|$)", r"\1", core)
    core = _ROC_YEAR.sub(lambda m: f"{int(m[1] or m[2]) + 1911}年", core)
    stripped = re.sub(rf"{_SUFFIX}$", "", core)
    return stripped, stripped != core


def resolve_deadline(
    phrase: str, plan_year: int, *, work_calendar: DeadlineCalendar | None = None, assigned: date | None = None
) -> Deadline:
    """Resolve a deadline phrase against the plan year. The deadline day itself is still on time.

    ``work_calendar`` (the working calendar) is needed by holiday-anchored phrases (国庆前) and
    ``assigned`` (the day the task was given) by 5个工作日内.

    >>> resolve_deadline("3月底前", 2024).due
    datetime.date(2024, 3, 31)
    >>> resolve_deadline("持续推进", 2024).is_open
    True
    """
    text = re.sub(r"\s*([年月日])\s*", r"\1", normalize_chars(phrase).strip())  # 2024 年 3 月 28 日
    if not text:
        raise DeadlineError(phrase, ImportMsg.PHRASE_EMPTY)
    if text.startswith(_OPEN_ENDED_WORDS):
        return OPEN_ENDED
    if text.startswith(_STATUS_DATE_WORDS):
        raise DeadlineError(phrase, ImportMsg.PHRASE_STATUS_DATE)
    if m := _FROM_THEN_EVERY.fullmatch(text):
        # 自2025年第二季度起每季度…: the cadence's periods start with the one holding that point
        cadence = _recurrence(phrase, m["every"], plan_year)
        begins, _ = _period(phrase, m["point"], plan_year, has_suffix=False)
        return Deadline(due=None, recurrence=replace(cadence, first=begins.first))
    if text.startswith("每") or text in ("月度", "季度"):
        return Deadline(due=None, recurrence=_recurrence(phrase, _without_hour(text), plan_year))
    if m := _WORKING_DAYS.fullmatch(text):
        return Deadline(due=_within_working_days(phrase, parse_numeral(m["count"]), work_calendar, assigned))
    if m := _HOLIDAY.fullmatch(text):
        return Deadline(due=_before_holiday(phrase, m, plan_year, work_calendar))
    if m := _PER_CASE.fullmatch(text):
        return Deadline(due=_per_case_limit(phrase, m, assigned))
    if m := _MID_YEAR.fullmatch(text):
        # Convention (README): 年中 is the middle of the year, the end of its first half.
        return Deadline(due=date(_year_of(m, plan_year), 6, 30))
    if _START_OF_YEAR.fullmatch(text):
        raise DeadlineError(phrase, ImportMsg.PHRASE_START_OF_YEAR)
    # 次年1月底前 in a 2024 plan: January of 2025 (a year-end summary due after the plan year)
    text = re.sub(r"^((?:于|在|到)?)(?:次年|明年|翌年)(?=\d|[一二三四五六七八九十])", rf"\g<1>{plan_year + 1}年", text)
    core, has_suffix = _strip(text)
    try:
        period, note = _period(phrase, core, plan_year, has_suffix=has_suffix)
        return Deadline(due=period.last, note=note)
    except DeadlineError as single_error:
        ranged = _resolve_range(phrase, core, plan_year)
        if ranged is None:
            raise _known_family_refusal(phrase, text) or single_error from None
        return ranged


@functools.lru_cache(maxsize=4096)
def depends_on_calendar(phrase: str) -> bool:
    """Whether the phrase needs the holiday data (国庆前, 5个工作日内): such results are never cached."""
    text = normalize_chars(phrase).strip()
    return bool(_WORKING_DAYS.fullmatch(text) or _HOLIDAY.fullmatch(text))


def _known_family_refusal(phrase: str, text: str) -> DeadlineError | None:
    """A clearer refusal for phrases of a known family written in a form the grammar does not take."""
    if "工作日" in text:
        return DeadlineError(phrase, ImportMsg.PHRASE_WORKING_DAYS_FORM)
    if any(word in text for word in _HOLIDAY_WORDS):
        return DeadlineError(phrase, ImportMsg.PHRASE_HOLIDAY_FORM)
    return None


# ---------------------------------------------------------------------------------------------
# Recurring, working-day and holiday-anchored deadlines

_WORKING_DAYS = _Lazy(rf"(?:于|在)?(?P<count>\d{{1,3}}|{_CN}{{1,3}})个工作日内(?:完成|报送|反馈)?")
_HOLIDAY = _Lazy(
    rf"(?:{_YEAR})?[\"“]?(?P<holiday>春节|元旦|清明|劳动节|五一|端午|中秋|国庆|十一)[\"”]?(?:节|假期|长假)?"
    r"(?:前|之前|以前)"
)
_EVERY_MONTH = _Lazy(rf"每(?:个)?月(?:(?P<day>{_NUM})[日号]|(?P<end>底|末))(?:前|之前|以前)?")
_EVERY_QUARTER = _Lazy(
    rf"每(?:个)?季度?(?:(?P<end>末|底)|(?P<which>第[一1]个月|首月|最后一个月|末月)的?(?P<day>{_NUM})[日号])"
    r"(?:前|之前|以前)?"
)
_EVERY_WEEK = _Lazy(rf"每(?:周|星期)(?P<weekday>[{_WEEKDAYS}天])(?:前|之前|以前)?")
_EVERY_YEAR = _Lazy(rf"每年(?P<month>{_NUM})月(?:(?P<day>{_NUM})[日号]|(?P<end>底|末))(?:前|之前|以前)?")
# A cadence named alone: each period's last day (每季度 报送 = by the end of each quarter).
_FROM_THEN_EVERY = _Lazy(r"(?:自|从)(?P<point>[^起]{2,16}?)(?:起|开始)[,，]?\s*(?P<every>每.+)")
_EVERY_PERIOD = _Lazy(r"每(?:个)?(?P<unit>月|季度|季|半年|年|年度|周|星期)(?:末|底)?(?:前|之前|以前)?")


def _recurrence(phrase: str, text: str, plan_year: int) -> Recurrence:
    first = date(plan_year, 1, 1)
    if text in ("月度", "季度"):  # 月度盘点, 季度研判: each period, by its last day
        return Recurrence("month" if text == "月度" else "quarter", first)
    if m := _EVERY_MONTH.fullmatch(text):
        day = None if m["end"] else parse_numeral(m["day"])
        if day is not None and not 1 <= day <= 31:
            raise DeadlineError(phrase, ImportMsg.PHRASE_NO_DAY_IN_MONTH, day=day)
        return Recurrence("month", first, day=day)
    if m := _EVERY_QUARTER.fullmatch(text):
        if m["end"]:
            return Recurrence("quarter", first)
        month = 1 if m["which"] in ("第一个月", "第1个月", "首月") else 3
        return Recurrence("quarter", first, day=parse_numeral(m["day"]), month=month)
    if m := _EVERY_WEEK.fullmatch(text):
        return Recurrence("week", first, day=_WEEKDAYS.index(m["weekday"].replace("天", "日")))
    if m := _EVERY_YEAR.fullmatch(text):
        month = parse_numeral(m["month"])
        _month_period(phrase, plan_year, month)
        return Recurrence("year", first, day=None if m["end"] else parse_numeral(m["day"]), month=month)
    if m := _EVERY_PERIOD.fullmatch(text):
        unit = {"月": "month", "季度": "quarter", "季": "quarter", "半年": "half", "周": "week", "星期": "week"}
        if unit.get(m["unit"]) == "week":
            return Recurrence("week", first, day=6)  # the week's last day, Sunday
        return Recurrence(unit.get(m["unit"], "year"), first)
    if "最后一周" in text or "第一周" in text:
        raise DeadlineError(phrase, ImportMsg.PHRASE_WEEK_OF_MONTH)
    raise DeadlineError(phrase, ImportMsg.PHRASE_RECURRING_FORM)


def _per_case_limit(phrase: str, m: re.Match[str], assigned: date | None) -> date:
    """``3日内``, ``48小时内``: counted from each case, so a day only when the milestone says when it began."""
    if assigned is None:
        raise DeadlineError(phrase, ImportMsg.PHRASE_PER_CASE)
    count = parse_numeral(m["count"])
    days = -(-count // 24) if m["unit"] == "小时" else count
    return assigned + timedelta(days=days)


def _within_working_days(
    phrase: str, count: int, work_calendar: DeadlineCalendar | None, assigned: date | None
) -> date:
    if assigned is None:
        raise DeadlineError(phrase, ImportMsg.PHRASE_NEEDS_ASSIGNED)
    if work_calendar is None:
        raise DeadlineError(phrase, ImportMsg.PHRASE_NEEDS_CALENDAR)
    try:
        return work_calendar.add_working_days(assigned, count)
    except ValueError as err:
        raise DeadlineError(phrase, ImportMsg.PHRASE_CALENDAR, reason=_calendar_reason(err)) from None


def _calendar_reason(err: ValueError) -> Localized:
    """The working calendar's refusal (a year whose schedule is not published) in both languages."""
    return err if isinstance(err, Localized) else Phrase(str(err), str(err))


def _before_holiday(phrase: str, m: re.Match[str], plan_year: int, work_calendar: DeadlineCalendar | None) -> date:
    if work_calendar is None:
        raise DeadlineError(phrase, ImportMsg.PHRASE_NEEDS_CALENDAR)
    year = _year_of(m, plan_year)
    if m["holiday"] == "元旦" and not m["year"]:
        year += 1  # 元旦前 in a 2024 plan is the end of 2024, before 2025's New Year's Day
    try:
        return work_calendar.last_working_day_before(work_calendar.holiday_start(m["holiday"], year))
    except ValueError as err:
        raise DeadlineError(phrase, ImportMsg.PHRASE_CALENDAR, reason=_calendar_reason(err)) from None


def _resolve_range(phrase: str, core: str, plan_year: int) -> Deadline | None:
    """``A-B``: starts at the first day of A, due on the last day of B; None if not a range."""
    for sep in _RANGE_SEPARATOR.finditer(core):
        left, right = core[: sep.start()], core[sep.end() :]
        if not left or not right:
            continue
        if "月" not in right and (month := re.match(rf"(.*?{_NUM}月)", left)):
            right = month[1] + right  # 12月中旬至下旬, 6月1日-15日: the right side borrows the month
        try:
            due_period, due_note = _period(phrase, right, plan_year, has_suffix=False)
            if _BARE_NUMBER.fullmatch(left) and (unit := re.search(r"[月日号]", right)):
                # "3-6月": the left side borrows the right side's unit and year.
                left = re.sub(rf"{_NUM}(?={unit[0]})", left, right, count=1)
                left = re.sub(r"(底|末|份|上旬|中旬|下旬)$", "", left) if unit[0] == "月" else left
            start_period, _ = _period(
                phrase, left, due_period.last.year if "年" not in left else plan_year, has_suffix=False
            )
        except DeadlineError:
            continue
        # "10月底-12月底" starts on the day its first side names, 10-31; "3-6月" on the first of March.
        start = start_period.last if re.search(r"(底|末)$", left) else start_period.first
        if start > due_period.last:
            raise DeadlineError(phrase, ImportMsg.PHRASE_RANGE_BACKWARDS)
        return Deadline(due=due_period.last, start=start, note=due_note)
    return None


# ---------------------------------------------------------------------------------------------
# Every date-like mention in prose (for the importer's accounting of dates)

# A written year; also one of the Republic of China calendar (民国105年 = 2016) when a month follows.
_MY = r"(?:(?:19|20)\d\d|[一二三四五六七八九〇零]{4}|民国1[01]\d|1[01]\d(?=年\d{1,2}月|年度))年"
_MPOINT = (
    rf"(?:{_MY}|次年|明年|翌年)?{_NUM}月份?(?:{_NUM}[日号](?:\d{{1,2}}[时点]|\s*[(（](?:星期|周)[一二三四五六日天][)）](?=前|之前|以前))?|上中旬|中下旬|上旬|中旬|下旬|底|末|份|中|初)?"
    rf"|(?:{_MY}|今年|本年度?|明年)?年(?:底|末|内|中|初|终)"
    rf"|{_MY}(?:底|末|内|中|初)"
    rf"|(?:{_MY}|今年)?[上下]半年(?:末|底)?"
    rf"|(?:{_MY}|今年)?第?[一二三四1-4]季度(?:末|底)?"
    r"|(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}日?"
    r"|(?:19|20)\d\d[-/.](?:1[0-2]|0?[1-9])(?![-/.]?\d)"  # 2024.6, 2024-06: the end of that month
    rf"|(?:19|20)\d\d\s?\d{{1,2}}月(?:{_NUM}[日号]|上旬|中旬|下旬|底|末)?"  # 20254月8日: 年 lost
    r"|(?:(?:19|20)\d\d\s?)?\d{3,4}[日号]"  # 1130日, 2021930日, 2022 110日: 月 (and 年) lost
    r"|1[01]\d\.\d{1,2}\.\d{1,2}(?!\.?\d)"  # 106.2.17: a Republic of China date written with dots
    r"|1[01]\d[01]?\d[0-3]\d[日号]"  # 105819日, 1051219日: an ROC date whose 年 and 月 were lost
)
_MSEP = r"\s*(?:—|–|~|～|至|到|-|－|—|——)\s*"
_MENTION_PATTERN = (
    r"(?P<docnum>[〔\[［(（【]\s*(?:19|20)\d\d\s*[〕\]］)）】]\s*第?\s*\d{1,4}\s*号"
    # damaged in copying: the closing bracket lost (亳政办〔20251), or both brackets (政20214号)
    r"|〔\s*(?:19|20)\d\d\s*\d{0,4}\s*号?(?![\d〕])|(?<=[发政办字函])(?:19|20)\d\d\d{1,3}号)"
    rf"|(?P<recurring>每(?:个)?(?:月|季度|季|半年|年度?|周|星期|旬)"
    rf"(?:的)?(?:最后一周的?(?:周|星期)[一二三四五六日]|最后一个月的?{_NUM}[日号]|第[一1]个月的?{_NUM}[日号]"
    rf"|首月的?{_NUM}[日号]|末月的?{_NUM}[日号]|{_NUM}月(?:{_NUM}[日号]|底|末)|{_NUM}[日号]|底|末|初"
    r"|(?<=周)[一二三四五六日天](?![次一二三四五六七八九十])|(?<=星期)[一二三四五六日天])?"
    r"(?:(?<=[日号])\d{1,2}[时点](?:\d{1,2}分)?(?=前|之前|以前))?"  # 每月28日15点前: the hour of the day
    r"(?:前|之前|以前)?)"
    rf"|(?P<percase>(?:会后|事后)?(?:\d{{1,3}}|{_CN}{{1,3}})个?(?:工作日|自然日|日|天|小时|个月)(?:内|以内))"
    rf"|(?P<holiday>(?:{_MY})?[\"“]?(?:春节|元旦|清明节?|劳动节|端午节?|中秋节?|国庆节?)[\"”]?(?:节|假期|长假)?"
    r"(?:前|之前|以前|后|之后|期间)?"
    r"|[\"“](?:十一|五一)[\"”](?:前|之前|以前|后|期间|假期)?|(?:十一|五一)(?:前|之前|假期|期间))"
    rf"|(?P<prefix>{_PREFIX})?(?P<date>(?:{_MPOINT})(?:{_MSEP}(?:{_MPOINT}|上旬|中旬|下旬|底|末|{_NUM}[日号]))?"
    rf"|\d{{1,2}}{_MSEP}\d{{1,2}}月(?:份|底|末)?)"
    rf"(?P<suffix>前|之前|以前)?"
    r"|(?P<period>各(?:季度|月份?|年度|半年))"
    rf"|(?P<samemonth>当月{_NUM}[日号])"  # 分别截至当月15日: a day of the months listed before it
    r"|(?P<weekday>(?<![每上下本])(?:周|星期)[一二三四五六日天](?=上午|下午|晚上))"  # 周三下午不排课: a weekly rule
    r"|(?P<lunar>(?:正月|腊月|冬月)(?:初[一二三四五六七八九十]|二十[一二三四五六七八九]?|廿[一二三四五六七八九]|十[一二三四五六七八九]?|三十))"
    r"|(?<=[\u4e00-\u9fff])(?P<cutyear>(?:19|20)\d\d)$"  # a title broken after its year: 印发2025 / 区…
    rf"|(?P<toyear>到{_MY}(?:底|末)?(?:前|之前)?)"
    # a year without 年 in a name: 《中国教育现代化2035》, 《…监测报告(2019)》, a slogan “拼2025”
    r"|(?P<bookyear>(?<=[\u4e00-\u9fff])(?:19|20)\d\d(?=[》”\"])|(?<=[(（])(?:19|20)\d\d(?=[)）]》))"
    r"|(?P<cadence>(?<![一二三四1-4第每上下])(?:月度|季度)(?=盘点|研判|调度|通报|报送|报告|考核|考评|分析|督查|督导|点评|会商|总结))"
    rf"|(?P<years>(?:19|20)\d\d年?{_MSEP}(?:{_MY}度?|(?:19|20)\d\d(?:学年度?|年度)?(?!\d)))"
    rf"|(?P<year>{_MY}度?)"
    r"|(?P<spaced>(?:19|20)\d\d\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?(?:前|之前|以前)?)"  # 2024 年 3 月 28 日
)


_MORE_DAYS = re.compile(r"(?<=[日号])(?:及|和|与|、)(\d{1,4}[日号])(?!\d)")
_MORE_MONTHLY_DAYS = re.compile(r"(?:及|和|与|、|,|，)\s*((?:[1-9]|[12]\d|3[01])[日号](?:前|之前)?)(?!\d)")
_STATUS_LABEL = re.compile(r"(?:资料|資料|数据|數據)(?:时间|日期)\s*[:：]?\s*$")
_RUN_TOGETHER_LINE = _Lazy(r"\s*((?:19|20)\d\d[01]?\d[0-3]?\d)\s*")


@functools.cache
def _mention_pattern() -> re.Pattern[str]:
    return re.compile(_MENTION_PATTERN)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A span of prose naming a calendar time.

    ``kind``: 'date' (a day or period, maybe a range), 'recurring', 'per-case' (48小时内),
    'holiday', 'year' (a year alone, 2024年度), 'years' (2023—2025年), 'period' (各季度), 'lunar' (腊月十四),
    'document-number' (〔2024〕4号).
    ``context``: 'status' (截至…), 'reference' (以…为准), 'since' (…以来), 'from' (…起), or ''.
    """

    start: int
    end: int
    text: str
    kind: str
    context: str = ""


def find_date_mentions(text: str) -> list[DateMention]:
    """Every date-like mention in ``text``, in order, with its span in the original text."""
    folded = normalize_chars(text)
    kept = _without_date_spaces(folded)
    if kept is None:
        return _find_date_mentions(text, folded)
    # 12 月底前, 到2020 年: spaces typed between a number and 年/月/日 (a document converted from a
    # PDF or Word) are looked through; each mention keeps its span, spaces and all, in the original
    found = _find_date_mentions("".join(text[i] for i in kept), "".join(folded[i] for i in kept))
    return [
        DateMention(kept[m.start], kept[m.end - 1] + 1, text[kept[m.start] : kept[m.end - 1] + 1], m.kind, m.context)
        for m in found
    ]


_DATE_SPACE = re.compile(r"(?<=\d)[ \u3000\t]{1,2}(?=[年月日号])|(?<=[年月])[ \u3000\t]{1,2}(?=\d)")


def _without_date_spaces(folded: str) -> list[int] | None:
    """The positions of ``folded`` to keep when the spaces beside 年/月/日 are looked through, or None
    when there are none (the common case, at no cost)."""
    spaces = {i for m in _DATE_SPACE.finditer(folded) for i in range(m.start(), m.end())}
    return [i for i in range(len(folded)) if i not in spaces] if spaces else None


def _find_date_mentions(text: str, folded: str) -> list[DateMention]:
    if alone := _RUN_TOGETHER_LINE.fullmatch(folded):
        # 2024327 alone on a line (a signing date whose 年 and 月 were lost in copying)
        return [DateMention(alone.start(1), alone.end(1), text[alone.start(1) : alone.end(1)], "date")]
    found: list[DateMention] = []
    for m in _mention_pattern().finditer(folded):
        start, end = m.span()
        if (start > 0 and folded[start - 1].isdigit()) or folded[end : end + 1].isdigit():
            continue  # part of a longer number
        kind = next(name for name, value in m.groupdict().items() if value and name not in ("prefix", "suffix"))
        kind = {
            "docnum": "document-number",
            "percase": "per-case",
            "toyear": "date",
            "cutyear": "year",
            "bookyear": "year",
            "cadence": "recurring",
            "spaced": "date",
        }.get(kind, kind)
        if kind == "date":
            core = m["date"] or ""
            if (
                re.fullmatch(rf"{_CN}{{1,3}}月", core)
                and not m["suffix"]
                and not folded[end:].startswith(("份", "完成"))
            ):
                continue  # "一月一次", "三月" in prose: a bare Chinese-numeral month is not a time
            status = folded[max(0, start - 4) : start].endswith(_STATUS_DATE_WORDS)
            if re.fullmatch(r"\d{3,4}[日号]", core) and not (m["prefix"] or m["suffix"] or status):
                continue  # "110号" is a number; only "于1130日前" is a damaged date
        if kind == "per-case" and re.fullmatch(r"一[天日]内", m[0]) and folded[max(0, start - 1) : start] == "在":
            continue  # 不在一天内安排较多的课程: a span of time, not a limit
        before, after = folded[max(0, start - 4) : start], folded[end : end + 8]
        context = ""
        if before.endswith(_STATUS_DATE_WORDS) or _STATUS_LABEL.search(folded[max(0, start - 8) : start]):
            context = "status"
        elif re.match(r"(?:的)?(?:数据)?为准|(?:的)?数据", after) and before.endswith("以"):
            context = "reference"
        elif after.startswith(("以来", "来")):
            context = "since"
        elif re.match(r"(?:起|开始|始)", after) or before.endswith(("自", "从")):
            context = "from"
        if found and found[-1].start == start and found[-1].end <= end:
            found.pop()  # 分别于615日、1215日前: the day listed after a date, found again whole with its 前
        elif found and found[-1].end > start:
            continue  # inside a day already listed
        found.append(DateMention(start, end, text[start:end], kind, context))
        if kind == "recurring" and re.fullmatch(r"每(?:个)?月\d{1,2}[日号](?:前|之前)?", m[0]):
            # 每月9日、19日、28日前 (a report each ten days): each day listed is a cadence of its own,
            # a mention with context "monthly" (import reads it as 每月19日前)
            at = end
            while more := _MORE_MONTHLY_DAYS.match(folded, at):
                found.append(
                    DateMention(more.start(1), more.end(1), text[more.start(1) : more.end(1)], kind, "monthly")
                )
                at = more.end()
        if kind == "date" and (more := _MORE_DAYS.match(folded, end)):
            # 於826日及30日邀集…: a second day listed after a date, in its month
            found.append(DateMention(more.start(1), more.end(1), text[more.start(1) : more.end(1)], "date", context))
    return found
