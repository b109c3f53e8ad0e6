"""A report laid out as blocks (title, headings, paragraphs, tables): what every output format renders.

The words and numbers are decided here once; report_docx, report_html, report_md and report_text
only draw the blocks, so the Word document, the web page and the terminal say the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from workplan_cli.i18n import tr
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
    return unit if unit != NO_UNIT else tr("stats.no_owner", lang)


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
        return phrase or tr("deadline.ongoing", lang)
    if not phrase:
        return due.isoformat()
    return f"{phrase}，{due.isoformat()}" if nested else f"{phrase}（{due.isoformat()}）"


def _described(item: Item, lang: str, unit: str = "") -> str:
    """The task with its deadline (and unit), then how it stands: one line of a report."""
    unit_text = f"；{tr('col.owner', lang)}：{unit}" if unit else ""
    text = f"{item.milestone.task}（{tr('col.deadline', lang)}：{deadline_text(item, lang, nested=True)}{unit_text}）"
    state = standing(item, lang)
    return f"{text}：{state}" if state else text


def _unit(item: Item, lang: str) -> str:
    """Days late are counted in working days when the plan (or --workdays) says so."""
    return tr("report.unit_workdays" if item.entry.in_workdays else "report.unit_days", lang)


def standing(item: Item, lang: str) -> str:
    """How a milestone stands: its outcome with days, else its status, and its 序时进度 when open."""
    m = item.milestone
    if m.done is not None:
        late = item.entry.days_late
        if item.outcome is Outcome.EARLY:
            return tr("report.done_early_on", lang, date=m.done.isoformat())
        if late:
            return tr("report.done_late_on", lang, date=m.done.isoformat(), n=late, unit=_unit(item, lang))
        return tr("report.done_on", lang, date=m.done.isoformat())
    if item.entry.due is None:
        return ""  # ongoing work: its deadline already says so
    if item.entry.days_left is not None and item.entry.days_left < 0:
        return tr("report.overdue_by", lang, n=-item.entry.days_left, unit=_unit(item, lang))
    text = tr("report.open", lang)
    progress = item.progress
    if progress is not None:
        if progress.reported is None:
            text += tr("report.expected", lang, expected=progress.expected)
        else:
            text += tr(
                "report.paced",
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
    return (first, *tr("report.count_columns", lang).split("|"))


def _summary_sentence(counts: Counts, lang: str, key: str, **extra: object) -> str:
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
    percent_text = tr("report.percent", lang, n=note.percent) if note.percent is not None else ""
    by = f"（{note.by}）" if note.by and lang == "zh" else f" ({note.by})" if note.by else ""
    if not (note.progress or note.problems or note.next):
        return [Paragraph(f"{day}{by} {note.text}{percent_text}", lead=tr("report.progress", lang))]
    out = [Paragraph(f"{day}{by} {note.progress or note.text}{percent_text}", lead=tr("report.progress", lang))]
    if note.problems:
        out.append(Paragraph(note.problems, lead=tr("report.problems", lang)))
    if note.next:
        out.append(Paragraph(note.next, lead=tr("report.next", lang)))
    return out


def report_blocks(report: Report, lang: str) -> list[Block]:
    if report.type is ReportType.SUMMARY:
        return _summary_blocks(report, lang)
    return _progress_blocks(report, lang)


def _header(report: Report, lang: str, title_key: str) -> list[Block]:
    period = report.period
    blocks: list[Block] = [
        Title(tr(title_key, lang, period=period.name(lang), year=report.plan_year)),
        Subtitle(
            tr(
                "report.subtitle",
                lang,
                start=long_date(period.start, lang),
                end=long_date(period.end, lang),
                as_of=long_date(report.as_of, lang),
            )
        ),
    ]
    if report.source:
        blocks.append(Subtitle(tr("report.source", lang, source=report.source)))
    return blocks


def _overview(report: Report, lang: str) -> list[Block]:
    paces = report.paces
    blocks: list[Block] = [
        Paragraph(tr("report.intro", lang, plan=report.plan_title, period=report.period.name(lang))),
        Paragraph(_summary_sentence(report.period_counts, lang, "report.period_sentence")),
        Paragraph(_summary_sentence(report.year_counts, lang, "report.year_sentence")),
    ]
    if any(paces):
        blocks.append(
            Paragraph(
                tr(
                    "report.pace_sentence",
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
            _count_columns(lang, tr("report.scope", lang)),
            (
                _counts_row(tr("report.this_period", lang), report.period_counts),
                _counts_row(tr("report.year_so_far", lang), report.year_counts),
            ),
            (2.2, 1, 1, 1, 1, 1, 1, 1.3, 1.3),
            frozenset(range(1, 9)),
        )
    )
    return blocks


def _units(report: Report, lang: str) -> list[Block]:
    if not report.units:
        return [Paragraph(tr("report.none", lang))]
    rows = tuple(
        (str(row.rank) if row.rank else "—", *_counts_row(unit_name(row.unit, lang), row.counts)[:-1])
        for row in report.units
    )
    columns = (tr("report.rank", lang), *_count_columns(lang, tr("col.owner", lang))[:-1])
    return [
        Paragraph(tr("report.rank_rule", lang)),
        Table(columns, rows, (0.8, 2.6, 1, 1, 1, 1, 1, 1, 1.3), frozenset({0, *range(2, 9)})),
    ]


def _overdue(report: Report, lang: str) -> list[Block]:
    if not report.overdue:
        return [Paragraph(tr("report.no_overdue", lang, as_of=long_date(report.as_of, lang)))]
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
    late_key = "report.late_workdays" if report.overdue[0].entry.in_workdays else "report.late_days"
    return [
        Paragraph(tr("report.overdue_intro", lang, as_of=long_date(report.as_of, lang), n=len(report.overdue))),
        Table(
            tuple(tr("report.overdue_columns", lang, late=tr(late_key, lang)).split("|")),
            rows,
            (0.7, 1.2, 4.8, 1.8, 2.4, 1.0),
            frozenset({0, 5}),
            tuple("red" for _ in rows),
        ),
    ]


def _initiatives(report: Report, lang: str) -> list[Block]:
    blocks: list[Block] = []
    for n, block in enumerate(report.initiatives, 1):
        initiative = block.initiative
        unit = f"（{tr('col.owner', lang)}：{block.unit}）" if block.unit else ""
        blocks.append(Heading(2, numbered(n, f"{initiative.id} {initiative.title}{unit}", 2, lang)))
        for item in block.items:
            unit = item.unit if item.unit != block.unit else ""
            blocks.append(Paragraph(_described(item, lang, unit), lead=f"{item.milestone.id} "))
            for note in item.entries:
                blocks.extend(_entry_paragraphs(note, lang))
    return blocks or [Paragraph(tr("report.none", lang))]


def _next(report: Report, lang: str) -> list[Block]:
    if not report.next_items:
        return [Paragraph(tr("report.nothing_next", lang, period=report.next_period.name(lang)))]
    blocks: list[Block] = [
        Paragraph(tr("report.next_intro", lang, period=report.next_period.name(lang), n=len(report.next_items)))
    ]
    for n, item in enumerate(report.next_items, 1):
        blocks.append(Paragraph(_described(item, lang, item.unit), lead=f"{n}. {item.milestone.id} "))
    return blocks


def _progress_blocks(report: Report, lang: str) -> list[Block]:
    parts = [
        ("report.h_overview", _overview(report, lang)),
        ("report.h_units", _units(report, lang)),
        ("report.h_overdue", _overdue(report, lang)),
        ("report.h_initiatives", _initiatives(report, lang)),
        ("report.h_next", _next(report, lang)),
    ]
    blocks = _header(report, lang, "report.title")
    for n, (key, body) in enumerate(parts, 1):
        blocks.append(Heading(1, numbered(n, tr(key, lang), 1, lang)))
        blocks.extend(body)
    blocks.append(DateLine(long_date(report.as_of, lang)))
    return blocks


def _summary_blocks(report: Report, lang: str) -> list[Block]:
    blocks = _header(report, lang, "report.summary_title")
    blocks.append(Heading(1, numbered(1, tr("report.h_overview", lang), 1, lang)))
    blocks.append(Paragraph(tr("report.summary_intro", lang, plan=report.plan_title, year=report.plan_year)))
    blocks.append(Paragraph(_summary_sentence(report.year_counts, lang, "report.whole_year_sentence")))
    blocks.append(Heading(1, numbered(2, tr("report.h_done", lang), 1, lang)))
    for n, section in enumerate(report.sections, 1):
        # The section heading keeps its words but takes this document's numbering: 一、… becomes （一）…
        blocks.append(Heading(2, numbered(n, _SECTION_NUMBER.sub("", section.section), 2, lang)))
        if not section.done:
            blocks.append(Paragraph(tr("report.none", lang)))
        for item in section.done:
            blocks.append(Paragraph(f"{item.milestone.task}：{standing(item, lang)}", lead=f"{item.milestone.id} "))
    blocks.append(Heading(1, numbered(3, tr("report.h_carried", lang), 1, lang)))
    carried = [(s, i) for s in report.sections for i in (*s.carried_over, *s.ongoing)]
    if not carried:
        blocks.append(Paragraph(tr("report.none", lang)))
    for _, item in carried:
        blocks.append(Paragraph(_described(item, lang, item.unit), lead=f"{item.milestone.id} "))
    blocks.append(Heading(1, numbered(4, tr("report.h_units", lang), 1, lang)))
    blocks.extend(_units(report, lang))
    blocks.append(Heading(1, numbered(5, tr("report.h_plans", lang), 1, lang)))
    blocks.append(Paragraph(tr("report.fill_in", lang)))
    blocks.append(DateLine(long_date(report.as_of, lang)))
    return blocks
