"""A report laid out as blocks (title, headings, paragraphs, tables): what every output format renders.

The words and numbers are decided here once; report_docx, report_html, report_md and report_text
only draw the blocks, so the Word document, the web page and the terminal say the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from workplan_cli.i18n import Msg, ReportMsg, tr
from workplan_cli.model import Note
from workplan_cli.report import NO_UNIT, Counts, Item, Outcome, Report, ReportType

CHINESE_NUMBERS = "一二三四五六七八九十"
_SECTION_NUMBER = re.compile(r"^\s*[一二三四五六七八九十]+[、.．]\s*")


@dataclass(frozen=True, slots=True)
class Title:
    text: str


@dataclass(frozen=True, slots=True)
class Subtitle:
    text: str


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 1: 一、  2: （一）
    text: str  # numbered already


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    lead: str = ""  # a bold lead-in such as 进展情况：
    indent: bool = True  # a first-line indent of two characters, as Chinese documents have


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # relative widths, one per column
    numeric: frozenset[int] = field(default_factory=frozenset)  # columns aligned right
    marks: tuple[str, ...] = ()  # per row: "" or a colour (red, yellow, blue) for its first cell


@dataclass(frozen=True, slots=True)
class DateLine:
    text: str


Block = Title | Subtitle | Heading | Paragraph | Table | DateLine


def long_date(day: date, lang: str) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else f"{day:%d %b %Y}".lstrip("0")


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f}%"


def unit_name(unit: str, lang: str) -> str:
    return unit if unit != NO_UNIT else tr(Msg.STATS_NO_OWNER, lang)


def numbered(index: int, text: str, level: int, lang: str) -> str:
    """一、 / （一） in Chinese, 1. / 1.1 style in English."""
    if lang != "zh":
        return f"{index}. {text}"
    number = _chinese_number(index)
    return f"{number}、{text}" if level == 1 else f"（{number}）{text}"


def _chinese_number(n: int) -> str:
    if n <= 10:
        return CHINESE_NUMBERS[n - 1]
    if n < 20:
        return "十" + CHINESE_NUMBERS[n - 11]
    tens, ones = divmod(n, 10)
    return CHINESE_NUMBERS[tens - 1] + "十" + (CHINESE_NUMBERS[ones - 1] if ones else "")


def deadline_text(item: Item, lang: str, *, nested: bool = False) -> str:
    """``9月底前（2024-09-30）``; ``nested`` (inside brackets already): ``9月底前，2024-09-30``."""
    due = item.entry.due
    phrase = item.milestone.phrase or ""
    if due is None:
        return phrase or tr(Msg.STATUS_ONGOING, lang)
    if not phrase:
        return due.isoformat()
    return f"{phrase}，{due.isoformat()}" if nested else f"{phrase}（{due.isoformat()}）"


def _described(item: Item, lang: str, unit: str = "") -> str:
    """The task with its deadline (and unit), then how it stands: one line of a report."""
    unit_text = f"；{tr(Msg.COL_OWNER, lang)}：{unit}" if unit else ""
    text = f"{item.milestone.task}（{tr(Msg.COL_DEADLINE, lang)}：{deadline_text(item, lang, nested=True)}{unit_text}）"
    state = standing(item, lang)
    return f"{text}：{state}" if state else text


def _unit(item: Item, lang: str) -> str:
    """Days late are counted in working days when the plan (or --workdays) says so."""
    return tr(ReportMsg.UNIT_WORKDAYS if item.entry.in_workdays else ReportMsg.UNIT_DAYS, lang)


def standing(item: Item, lang: str) -> str:
    """How a milestone stands: its outcome with days, else its status, and its 序时进度 when open."""
    m = item.milestone
    if m.done is not None:
        late = item.entry.days_late
        if item.outcome is Outcome.EARLY:
            return tr(ReportMsg.DONE_EARLY_ON, lang, date=m.done.isoformat())
        if late:
            return tr(ReportMsg.DONE_LATE_ON, lang, date=m.done.isoformat(), n=late, unit=_unit(item, lang))
        return tr(ReportMsg.DONE_ON, lang, date=m.done.isoformat())
    if item.entry.due is None:
        return ""  # ongoing work: its deadline already says so
    if item.entry.days_left is not None and item.entry.days_left < 0:
        return tr(ReportMsg.OVERDUE_BY, lang, n=-item.entry.days_left, unit=_unit(item, lang))
    text = tr(ReportMsg.OPEN, lang)
    progress = item.progress
    if progress is not None:
        if progress.reported is None:
            text += tr(ReportMsg.EXPECTED, lang, expected=progress.expected)
        else:
            text += tr(
                ReportMsg.PACED,
                lang,
                expected=progress.expected,
                reported=progress.reported,
                pace=progress.label(lang),
            )
    return text


def _counts_row(name: str, counts: Counts) -> tuple[str, ...]:
    return (
        name,
        str(counts.due),
        str(counts.on_time),
        str(counts.done_late),
        str(counts.overdue),
        str(counts.in_progress),
        str(counts.early),
        percent(counts.completion_rate),
        percent(counts.on_time_rate),
    )


def _count_columns(lang: str, first: str) -> tuple[str, ...]:
    return (first, *tr(ReportMsg.COUNT_COLUMNS, lang).split("|"))


def _summary_sentence(counts: Counts, lang: str, key: ReportMsg, **extra: object) -> str:
    return tr(
        key,
        lang,
        due=counts.due,
        on_time=counts.on_time,
        done_late=counts.done_late,
        overdue=counts.overdue,
        in_progress=counts.in_progress,
        early=counts.early,
        rate=percent(counts.completion_rate),
        on_time_rate=percent(counts.on_time_rate),
        **extra,
    )


def _entry_paragraphs(note: Note, lang: str) -> list[Paragraph]:
    """A progress entry's 进展情况 / 存在问题 / 下步打算, or a plain note's text."""
    day = note.on.isoformat()
    percent_text = tr(ReportMsg.PERCENT, lang, n=note.percent) if note.percent is not None else ""
    by = f"（{note.by}）" if note.by and lang == "zh" else f" ({note.by})" if note.by else ""
    if not (note.progress or note.problems or note.next):
        return [Paragraph(f"{day}{by} {note.text}{percent_text}", lead=tr(ReportMsg.PROGRESS, lang))]
    out = [Paragraph(f"{day}{by} {note.progress or note.text}{percent_text}", lead=tr(ReportMsg.PROGRESS, lang))]
    if note.problems:
        out.append(Paragraph(note.problems, lead=tr(ReportMsg.PROBLEMS, lang)))
    if note.next:
        out.append(Paragraph(note.next, lead=tr(ReportMsg.NEXT, lang)))
    return out


def report_blocks(report: Report, lang: str) -> list[Block]:
    if report.type is ReportType.SUMMARY:
        return _summary_blocks(report, lang)
    return _progress_blocks(report, lang)


def _header(report: Report, lang: str, title_key: ReportMsg) -> list[Block]:
    period = report.period
    blocks: list[Block] = [
        Title(tr(title_key, lang, period=period.name(lang), year=report.plan_year)),
        Subtitle(
            tr(
                ReportMsg.SUBTITLE,
                lang,
                start=long_date(period.start, lang),
                end=long_date(period.end, lang),
                as_of=long_date(report.as_of, lang),
            )
        ),
    ]
    if report.source:
        blocks.append(Subtitle(tr(ReportMsg.SOURCE, lang, source=report.source)))
    return blocks


def _overview(report: Report, lang: str) -> list[Block]:
    paces = report.paces
    blocks: list[Block] = [
        Paragraph(tr(ReportMsg.INTRO, lang, plan=report.plan_title, period=report.period.name(lang))),
        Paragraph(_summary_sentence(report.period_counts, lang, ReportMsg.PERIOD_SENTENCE)),
        Paragraph(_summary_sentence(report.year_counts, lang, ReportMsg.YEAR_SENTENCE)),
    ]
    if any(paces):
        blocks.append(
            Paragraph(
                tr(
                    ReportMsg.PACE_SENTENCE,
                    lang,
                    ahead=paces.ahead,
                    on_schedule=paces.on_schedule,
                    behind=paces.behind,
                    unrated=paces.unrated,
                )
            )
        )
    blocks.append(
        Table(
            _count_columns(lang, tr(ReportMsg.SCOPE, lang)),
            (
                _counts_row(tr(ReportMsg.THIS_PERIOD, lang), report.period_counts),
                _counts_row(tr(ReportMsg.YEAR_SO_FAR, lang), report.year_counts),
            ),
            (2.2, 1, 1, 1, 1, 1, 1, 1.3, 1.3),
            frozenset(range(1, 9)),
        )
    )
    return blocks


def _units(report: Report, lang: str) -> list[Block]:
    if not report.units:
        return [Paragraph(tr(ReportMsg.NONE, lang))]
    rows = tuple(
        (str(row.rank) if row.rank else "—", *_counts_row(unit_name(row.unit, lang), row.counts)[:-1])
        for row in report.units
    )
    columns = (tr(ReportMsg.RANK, lang), *_count_columns(lang, tr(Msg.COL_OWNER, lang))[:-1])
    return [
        Paragraph(tr(ReportMsg.RANK_RULE, lang)),
        Table(columns, rows, (0.8, 2.6, 1, 1, 1, 1, 1, 1, 1.3), frozenset({0, *range(2, 9)})),
    ]


def _overdue(report: Report, lang: str) -> list[Block]:
    if not report.overdue:
        return [Paragraph(tr(ReportMsg.NO_OVERDUE, lang, as_of=long_date(report.as_of, lang)))]
    rows = tuple(
        (
            str(n),
            item.milestone.id,
            item.milestone.task,
            unit_name(item.unit, lang),
            deadline_text(item, lang),
            str(-(item.entry.days_left or 0)),
        )
        for n, item in enumerate(report.overdue, 1)
    )
    late_key = ReportMsg.LATE_WORKDAYS if report.overdue[0].entry.in_workdays else ReportMsg.LATE_DAYS
    return [
        Paragraph(tr(ReportMsg.OVERDUE_INTRO, lang, as_of=long_date(report.as_of, lang), n=len(report.overdue))),
        Table(
            tuple(tr(ReportMsg.OVERDUE_COLUMNS, lang, late=tr(late_key, lang)).split("|")),
            rows,
            (0.7, 1.3, 3.3, 1.9, 3.9, 1.0),  # 完成时限 wide enough for 3月底前（2024-03-31） on one line
            frozenset({0, 5}),
            tuple("red" for _ in rows),
        ),
    ]


def _initiatives(report: Report, lang: str) -> list[Block]:
    blocks: list[Block] = []
    for n, block in enumerate(report.initiatives, 1):
        initiative = block.initiative
        unit = f"（{tr(Msg.COL_OWNER, lang)}：{block.unit}）" if block.unit else ""
        blocks.append(Heading(2, numbered(n, f"{initiative.id} {initiative.title}{unit}", 2, lang)))
        for item in block.items:
            unit = item.unit if item.unit != block.unit else ""
            blocks.append(Paragraph(_described(item, lang, unit), lead=f"{item.milestone.id} "))
            for note in item.entries:
                blocks.extend(_entry_paragraphs(note, lang))
    return blocks or [Paragraph(tr(ReportMsg.NONE, lang))]


def _next(report: Report, lang: str) -> list[Block]:
    if not report.next_items:
        return [Paragraph(tr(ReportMsg.NOTHING_NEXT, lang, period=report.next_period.name(lang)))]
    blocks: list[Block] = [
        Paragraph(tr(ReportMsg.NEXT_INTRO, lang, period=report.next_period.name(lang), n=len(report.next_items)))
    ]
    for n, item in enumerate(report.next_items, 1):
        blocks.append(Paragraph(_described(item, lang, item.unit), lead=f"{n}. {item.milestone.id} "))
    return blocks


def _progress_blocks(report: Report, lang: str) -> list[Block]:
    parts = [
        (ReportMsg.H_OVERVIEW, _overview(report, lang)),
        (ReportMsg.H_UNITS, _units(report, lang)),
        (ReportMsg.H_OVERDUE, _overdue(report, lang)),
        (ReportMsg.H_INITIATIVES, _initiatives(report, lang)),
        (ReportMsg.H_NEXT, _next(report, lang)),
    ]
    blocks = _header(report, lang, ReportMsg.TITLE)
    for n, (key, body) in enumerate(parts, 1):
        blocks.append(Heading(1, numbered(n, tr(key, lang), 1, lang)))
        blocks.extend(body)
    blocks.append(DateLine(long_date(report.as_of, lang)))
    return blocks


def _summary_blocks(report: Report, lang: str) -> list[Block]:
    blocks = _header(report, lang, ReportMsg.SUMMARY_TITLE)
    blocks.append(Heading(1, numbered(1, tr(ReportMsg.H_OVERVIEW, lang), 1, lang)))
    blocks.append(Paragraph(tr(ReportMsg.SUMMARY_INTRO, lang, plan=report.plan_title, year=report.plan_year)))
    blocks.append(Paragraph(_summary_sentence(report.year_counts, lang, ReportMsg.WHOLE_YEAR_SENTENCE)))
    blocks.append(Heading(1, numbered(2, tr(ReportMsg.H_DONE, lang), 1, lang)))
    for n, section in enumerate(report.sections, 1):
        # The section heading keeps its words but takes this document's numbering: 一、… becomes （一）…
        blocks.append(Heading(2, numbered(n, _SECTION_NUMBER.sub("", section.section), 2, lang)))
        if not section.done:
            blocks.append(Paragraph(tr(ReportMsg.NONE, lang)))
        for item in section.done:
            blocks.append(Paragraph(f"{item.milestone.task}：{standing(item, lang)}", lead=f"{item.milestone.id} "))
    blocks.append(Heading(1, numbered(3, tr(ReportMsg.H_CARRIED, lang), 1, lang)))
    carried = [(s, i) for s in report.sections for i in (*s.carried_over, *s.ongoing)]
    if not carried:
        blocks.append(Paragraph(tr(ReportMsg.NONE, lang)))
    for _, item in carried:
        blocks.append(Paragraph(_described(item, lang, item.unit), lead=f"{item.milestone.id} "))
    blocks.append(Heading(1, numbered(4, tr(ReportMsg.H_UNITS, lang), 1, lang)))
    blocks.extend(_units(report, lang))
    blocks.append(Heading(1, numbered(5, tr(ReportMsg.H_PLANS, lang), 1, lang)))
    blocks.append(Paragraph(tr(ReportMsg.FILL_IN, lang)))
    blocks.append(DateLine(long_date(report.as_of, lang)))
    return blocks
