"""Report text -> initiatives and milestones (pure: text in, drafts and warnings out).

A work-plan report is prose: sections ``一、…``, initiatives ``一是…`` / ``（一）…`` / ``1.…``, and
deadlines inside sentences. Each deadline phrase governs the clause that follows it, up to the
next phrase or the end of the sentence. Text that no deadline governs (a lead-in before the first
phrase of a sentence, a sentence without a date) is ongoing work: one open-ended milestone.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from workplan_cli.deadlines import (
    Deadline,
    DeadlineCalendar,
    DeadlineError,
    Recurrence,
    find_date_mentions,
    normalize_chars,
    parse_numeral,
    resolve_deadline,
)
from workplan_cli.errors import ReportImportError
from workplan_cli.model import Milestone, Note, Plan
from workplan_cli.yamltext import block, quoted, scalar

_ARTIFACTS = re.compile(r"##paid(?:begin|end)##")
# Web-page furniture around a copied report: whole lines that are not part of it.
_FURNITURE = re.compile(
    r"^\s*(?:[-·•*]\s*)?(?:分享到|扫一扫|打印本页|关闭窗口|【打印】|【关闭】|【字体|字号[:：]|来源[:：]|信息来源|发布日期|发布时间|访问量|浏览量|阅读量|"
    r"发文日期|成文日期|印发日期|浏览次数|访问次数|阅读次数|点击数|责任编辑|当前位置|索引号|主题分类|发文机关|"
    r"【大】|【中】|【小】|首页\s*[>＞»]|网站地图|打印\s*关闭|\[打印\]|\[关闭\]|公文生成日期|备注/文号|文\s*号\s|"
    r"标\s*题[:：\s]|有\s*效\s*性|信息分类|发布机构)"
)
# A line of page metadata: two or more "label: value" pairs (来源: … 发布日期: …), or one with a date.
_METADATA_LABELS = re.compile(
    r"(?:来源|发布日期|发布时间|时间|浏览量|浏览次数|访问量|解读单位|解读类型|解读方式|名\s*称|索引号|发文字号|"
    r"成文日期|作者|点击数?)\s*[:：]"
)
# Pinyin in brackets that some mirrors add after characters: 發(fā)布日期.
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")
_CN_NUMERALS = "一二三四五六七八九十"
_SECTION = re.compile(rf"^\s*([{_CN_NUMERALS}]+)、")
_TITLE_WORDS = (
    *("计划", "要点", "报告", "方案", "安排", "通知", "意见", "清单", "台账", "通报"),
    *("日历", "校历", "时间表", "进度表"),
)
_SENTENCE_END = "。；;！!？?"
_CLOSING = ("特此报告", "特此说明", "特此通知", "以上报告", "抄送", "（此件", "(此件")
_ATTACHMENT = re.compile(r"^\s*附\s*件\s*\d*\s*[:：]?")
_CITING = ("根据", "按照", "依据", "依照", "贯彻", "落实", "《", "转发", "执行")


@dataclass
class DraftMilestone:
    id: str
    phrase: str | None
    task: str
    # Filled in by people, kept by `import --update` when the id and task are unchanged:
    done: date | None = None
    owner: str = ""
    notes: tuple[Note, ...] = ()
    # The units a 牵头单位 / 配合单位 line names, kept for the lead and co-unit fields:
    lead: str = ""
    co_units: tuple[str, ...] = ()


@dataclass
class DraftInitiative:
    id: str
    section: str
    title: str
    text: str
    milestones: list[DraftMilestone] = field(default_factory=list)
    owner: str = ""
    lead: str = ""  # 牵头单位 and 配合单位 named for the whole item
    co_units: tuple[str, ...] = ()

    def set_milestones(self, milestones: list[DraftMilestone], units: _Units | None) -> None:
        self.milestones = milestones
        if units is not None:
            self.owner, self.lead, self.co_units = units.name, units.lead, units.co_units


# The fates of a date mention, and the reasons a date is not a deadline.
FATES = ("deadline", "recurring", "not-a-deadline", "needs-person")
REASONS_ZH = {
    "plan-year": "计划年度",
    "status-date": "截至某日的进展或数据日期",
    "past-event": "已发生的事",
    "signing-date": "成文或发布日期",
    "cited-document": "所引文件的文号",
    "own-document-number": "本文件文号",
    "validity": "施行或有效期",
    "per-case-limit": "按件计算的办理时限",
    "period-label": "时期名称",
    "start-date": "开始日期",
    "other": "其他",
}


@dataclass
class Mention:
    """One date-like span of the report and what import made of it (its fate)."""

    line: int  # 1-based line in the report
    col: int  # 0-based column in that line (after copy artifacts are removed)
    text: str
    kind: str  # what the text looks like (deadlines.DateMention.kind)
    context: str = ""
    fate: str = ""  # one of FATES
    reason: str = ""  # not-a-deadline: a key of REASONS_ZH; needs-person: what is wrong
    reason_zh: str = ""
    due: date | None = None
    start: date | None = None
    repaired: str = ""  # the repair note, when a damaged date had exactly one reading
    recurrence: Recurrence | None = None  # recurring: the cadence (period and due day) it was read as
    repaired_zh: str = ""
    milestone: str = ""  # the id of the milestone it became
    task: str = ""
    owner: str = ""

    @property
    def end(self) -> int:
        return self.col + len(self.text)


@dataclass
class DraftPlan:
    title: str
    year: int
    initiatives: list[DraftInitiative]
    warnings: list[str]
    year_reason: str = ""  # title | own document number | --year | attachment title
    mentions: list[Mention] = field(default_factory=list)
    warnings_zh: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # the report's lines, for `import --explain`
    unreadable: list[tuple[int, int]] = field(default_factory=list)  # line spans a person must restructure

    def counts(self) -> dict[str, int]:
        """How many mentions went into each fate (the import summary)."""
        return {fate: sum(1 for m in self.mentions if m.fate == fate) for fate in FATES}


def clean_report(text: str) -> str:
    """Remove copy artifacts and page furniture; keep the wording (XX placeholders included).

    Lines keep their numbers: a furniture line becomes empty, not removed.
    """
    lines = _report_lines(text)
    return "\n".join("" if _FURNITURE.match(normalize_chars(line)) else line for line in lines)


def _report_lines(text: str) -> list[str]:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return _ARTIFACTS.sub("", text).split("\n")


# ---------------------------------------------------------------------------------------------
# The plan year


_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d\d|[一二三四五六七八九〇零]{4})\s*年")
_YEARS_IN_TITLE = re.compile(r"((?:19|20)\d\d)\s*(?:年|学年)?\s*(?:—|–|-|－|~|至|到)\s*((?:19|20)\d\d)\s*(?:年|学年)")
_DOC_NUMBER = re.compile(r"[〔\[［(（【]\s*((?:19|20)\d\d)\s*[〕\]］)）】]\s*第?\s*\d{1,4}\s*号")


@dataclass(frozen=True)
class YearChoice:
    year: int
    reason: str  # title | own document number | attachment title | --year


def choose_year(lines: list[str], explicit: int | None) -> YearChoice:
    """``--year``, else the report's own title, else its own document number; never a cited one.

    The title is a line of the head (before the first section) that names what the report is
    (…工作计划, …要点, …通知); the own document number stands on a line of its own in the head
    (XX区市监发〔2025〕3号), while a cited one follows 根据/按照 or sits inside a sentence.
    """
    if explicit is not None:
        if not 1900 <= explicit <= 2200:
            raise ReportImportError(
                f"--year {explicit} is not a plan year; give the year the plan is for, such as --year 2025",
                f"--year {explicit} 不是计划年度；请给出计划所属的年份，例如 --year 2025",
            )
        return YearChoice(explicit, "--year")
    heads = _head_blocks(lines)
    attachment_heads = [line for lines_of in heads[1:] for line in lines_of]
    for reason, head in (("title", heads[0]), ("attachment title", attachment_heads)):
        for line in head[:8]:
            folded = normalize_chars(line)
            if not any(word in folded for word in _TITLE_WORDS) or len(folded) > 80:
                continue
            if "。" in folded or folded.strip().startswith(_CITING):
                continue  # a sentence of the preamble, not a title
            folded = _DOC_NUMBER.sub("", folded)
            if (span := _YEARS_IN_TITLE.search(folded)) and span[1] != span[2]:
                raise YearUnclearError(
                    f"the title names the years {span[1]} and {span[2]} ({line.strip()}); "
                    f"give the plan year with --year {span[1]} or --year {span[2]}",
                    f"标题中有 {span[1]} 和 {span[2]} 两个年份（{line.strip()}）；"
                    f"请用 --year {span[1]} 或 --year {span[2]} 指明计划年度",
                    [int(span[1]), int(span[2])],
                )
            if m := _YEAR_IN_TITLE.search(folded):
                return YearChoice(parse_numeral(m[1]), reason)
        for line in head[:8]:
            folded = normalize_chars(line).strip()
            m = _DOC_NUMBER.search(folded)
            if m and len(folded) <= 40 and not folded.startswith(_CITING) and "。" not in folded:
                return YearChoice(int(m[1]), "own document number")
    name = _issued_name(heads[0])
    if (
        name
        and not _YEARS_IN_TITLE.search(normalize_chars(name))
        and (m := _YEAR_IN_TITLE.search(normalize_chars(name)))
    ):
        return YearChoice(parse_numeral(m[1]), "name of the attached plan")
    written = (
        r"((?:19|20)\d\d)\s*(?:年|学年|[—–\-~至到]\s*(?:19|20)\d\d)"
        r"|[〔\[［(（【—–\-~至到]((?:19|20)\d\d)[〕\]］)）】年学]"
    )
    folded_lines = (_PINYIN.sub("", normalize_chars(line)) for line in lines)
    candidates = sorted({int(m[1] or m[2]) for line in folded_lines for m in re.finditer(written, line)})
    listed = ", ".join(str(y) for y in candidates)
    if len(candidates) == 1:
        # Still asked, not assumed: a lone year outside the title and the own number is as often a
        # cited document's or a past event's (根据…〔2016〕13号) as the plan's.
        only = candidates[0]
        raise YearUnclearError(
            "cannot tell the plan year: the title names none and there is no document number of its own; "
            f"only {only} appears in the text (it may be a cited document's); if {only} is the plan year, "
            f"give --year {only}",
            "无法确定计划年度：标题中没有年份，也没有本文件文号；"
            f"文中只出现 {only} 年（也可能是所引文件的年份）；若计划年度就是 {only}，请加 --year {only}",
            candidates,
        )
    raise YearUnclearError(
        "cannot tell the plan year: the title names none (such as 2024年工作计划) and there is no document "
        "number of its own (〔2024〕1号)"
        + (f"; years in the text: {listed}" if listed else "")
        + "; give it with --year",
        "无法确定计划年度：标题中没有年份（如 2024年工作计划），也没有本文件文号（如〔2024〕1号）"
        + (f"；文中出现的年份：{listed}" if listed else "")
        + "；请用 --year 指明",
        candidates,
    )


class YearUnclearError(ReportImportError):
    """The plan year could not be told from the report; ``candidates`` are the years its text names."""

    def __init__(self, message: str, zh: str, candidates: list[int]) -> None:
        super().__init__(message, zh)
        self.candidates = candidates


# 现将《2025年…分解方案》印发给你们 (Traditional 現將《…》印發): the plan the notice issues.
_ISSUES = re.compile(r"[现現][将將]((?:《[^《》]+》)+)[^，,。]{0,6}?(?:印|转|轉|下)[发發]")


def _issued_name(head: list[str]) -> str | None:
    """The name of the plan a notice issues (现将《…》印发), when it issues exactly one."""
    for line in head[:8]:
        if m := _ISSUES.search(line):
            names = re.findall(r"《([^《》]+)》", m[1])
            return names[0] if len(names) == 1 else None
    return None


def plan_year(text: str, explicit: int | None) -> int:
    """The plan year of a report's text (see :func:`choose_year`)."""
    return choose_year(_report_lines(text), explicit).year


def _head_blocks(lines: list[str]) -> list[list[str]]:
    """The report's head (lines before its first section), then each attachment's head."""
    blocks: list[list[str]] = [[]]
    collecting = True
    for line in lines:
        folded = normalize_chars(line).strip()
        if not folded or _FURNITURE.match(folded):
            continue
        if _ATTACHMENT.match(folded):
            blocks.append([_ATTACHMENT.sub("", folded).strip()] if _ATTACHMENT.sub("", folded).strip() else [])
            collecting = True
        elif _SECTION.match(folded):
            collecting = False
        elif collecting:
            blocks[-1].append(folded)
    return blocks


# ---------------------------------------------------------------------------------------------
# Pieces of the report with their place in it


class Piece(NamedTuple):
    """A part of the report's text and where it starts in the joined source (for line numbers)."""

    at: int
    text: str

    def strip(self, chars: str | None = None) -> Piece:
        lead = len(self.text) - len(self.text.lstrip(chars))
        return Piece(self.at + lead, self.text.strip(chars))

    def cut(self, start: int, end: int | None = None) -> Piece:
        end = len(self.text) if end is None else end
        return Piece(self.at + start, self.text[start:end])


@dataclass
class _Source:
    """The report's lines that carry its content, joined with newlines, and where each came from."""

    text: str
    starts: list[int]  # offset of each source line in text
    numbers: list[int]  # its 1-based line number in the report
    indents: list[int]  # how many blanks were stripped from its start
    regions: list[str]  # what each line is (see _regions)

    def place(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.numbers[index], self.indents[index] + offset - self.starts[index]


def parse_report(text: str, *, year: int | None = None, work_calendar: DeadlineCalendar | None = None) -> DraftPlan:
    lines = _report_lines(text)
    if not any(line.strip() for line in lines):
        raise ReportImportError("the report is empty", "报告是空的")
    mentions = [
        Mention(number, found.start, found.text, found.kind, found.context)
        for number, line in enumerate(lines, 1)
        for found in find_date_mentions(line)
    ]
    regions = _regions(lines)
    inline = "section" not in regions
    if inline:
        regions = _regions_without_sections(lines, regions)
    source = _source(lines, regions, split_sections=inline)
    sections = _sections(source, regions)
    body_dates = [m for m in mentions if regions[m.line - 1] == "body" and m.kind in ("date", "recurring", "holiday")]
    if not sections or (inline and not body_dates and not mentions):
        raise ReportImportError(
            "found no sections: expected paragraphs starting 一、 二、 …; is this a work-plan report?",
            "没有找到“一、二、……”开头的部分；这是工作计划吗？",
        )
    choice = choose_year(lines, year)
    title = _title(lines, regions)
    context = _Context(choice.year, source, mentions, regions, lines, work_calendar)
    context.school_year = _names_school_year(lines[:40], choice.year)
    initiatives: list[DraftInitiative] = []
    if opening := context.opening_with_deadlines():
        # A notice's own instructions (请于3月15日前报送…) before its sections: initiative 0.1.
        draft = DraftInitiative("0.1", "", _title(lines, regions), opening.text)
        draft.set_milestones(*context.milestones("0.1", Piece(opening.at, ""), opening))
        initiatives.append(draft)
    for number, heading, body in sections:
        for item, (item_title, item_text, item_body) in _items(heading, body):
            initiative_id = f"{number}.{item}"
            draft = DraftInitiative(initiative_id, heading.text, item_title.text or title, item_text.text)
            draft.set_milestones(*context.milestones(initiative_id, item_title, item_body))
            if not draft.milestones:  # a heading whose text was cut off: the work itself, ongoing
                draft.milestones = [DraftMilestone(f"{initiative_id}.1", None, draft.title)]
            initiatives.append(draft)
    context.account_the_rest()
    plan = DraftPlan(
        title, choice.year, initiatives, context.warnings, choice.reason, mentions, context.warnings_zh, lines
    )
    plan.unreadable = context.unreadable
    return plan


_TITLE_WORDS_FIRST = ("计划", "要点", "报告", "方案", "安排", "通知")


def _title(lines: list[str], regions: list[str]) -> str:
    """The report's title: the first line of the head that names what it is, else the first line."""
    head = [line.strip() for line, region in zip(lines, regions, strict=True) if region == "head" and line.strip()]
    first = next((line.strip() for line in lines if line.strip()), "")
    title = next(
        (line for line in head[:6] if any(word in line for word in _TITLE_WORDS_FIRST)), head[0] if head else first
    )
    if _ISSUES.search(title) and (name := _issued_name([title])):
        return name  # a copy starting at 现将《…》印发: the plan it issues, not that sentence
    return title


_DATE_ONLY_LINE = re.compile(
    r"^\s*(?:(?:19|20)\d\d|[一二三四五六七八九〇零]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})?\s*月"
    r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})?\s*日?\s*$"
    r"|^\s*(?:19|20)\d\d[01]?\d[0-3]?\d\s*$"  # 2024327: the same with 年 and 月 lost in copying
)


def _regions(lines: list[str]) -> list[str]:
    """What each line of the report is: head, section, body, signoff, furniture or blank.

    An attachment (附件) starts a new head: its sections continue the numbering.
    """
    regions: list[str] = []
    state = "head"
    for line in lines:
        folded = _PINYIN.sub("", normalize_chars(line)).strip()
        if not folded:
            regions.append("blank")
            continue
        if _FURNITURE.match(folded) or (len(_METADATA_LABELS.findall(folded)) >= 2 and "。" not in folded):
            regions.append("furniture")
            continue
        if _ATTACHMENT.match(folded):
            state = "head"
            regions.append("attachment")
            continue
        if _SECTION.match(folded) and state != "signoff":
            state = "body"
            regions.append("section")
            continue
        if state == "body" and (folded.startswith(_CLOSING) or _DATE_ONLY_LINE.match(folded)):
            state = "signoff"
            # The office's name just above the signing date belongs to the sign-off too.
            previous = len(regions) - 1
            while previous >= 0 and regions[previous] == "blank":
                previous -= 1
            if _DATE_ONLY_LINE.match(folded) and previous >= 0 and regions[previous] == "body":
                above = lines[previous].strip()
                if len(above) <= 30 and not any(ch in above for ch in "。；，,;：:"):
                    regions[previous] = "signoff"
        regions.append(state)
    return regions


def _regions_without_sections(lines: list[str], regions: list[str]) -> list[str]:
    """A report with no line starting 一、: its title (a short line naming what it is) and what is
    above it stay the head; the rest is the body, where sections may still run inline (…。二、…)."""
    title_index = -1
    for index, (line, region) in enumerate(zip(lines, regions, strict=True)):
        folded = normalize_chars(line).strip()
        if region != "head":
            continue
        if any(word in folded for word in _TITLE_WORDS) and len(folded) <= 80 and "。" not in folded:
            title_index = index
            continue  # a title repeated or broken over lines below it stays in the head too
        if title_index >= 0:
            break
        if len(folded) > 80 or "。" in folded:
            break  # prose: the report starts without a title
    return ["body" if region == "head" and index > title_index else region for index, region in enumerate(regions)]


# Inside a line: a section number right after the end of a sentence (…制定本实施办法。一、指导思想…).
_INLINE_SECTION = re.compile(rf"(?<=[。；;！!？?])\s*(?=[{_CN_NUMERALS}]+、)")


def _source(lines: list[str], regions: list[str], *, split_sections: bool = False) -> _Source:
    """The content lines joined with newlines; with ``split_sections``, a line holding several sections
    is cut before each inline 一、 (each part keeps its place in the report's line)."""
    parts: list[str] = []
    starts: list[int] = []
    numbers: list[int] = []
    indents: list[int] = []
    kept: list[str] = []
    offset = 0
    for number, (line, region) in enumerate(zip(lines, regions, strict=True), 1):
        if region not in ("section", "body", "head"):
            continue
        cuts = [0]
        if split_sections and region == "body":
            cuts += [m.end() for m in _INLINE_SECTION.finditer(line) if m.end() > 0]
        for index, cut in enumerate(cuts):
            piece = line[cut : cuts[index + 1] if index + 1 < len(cuts) else len(line)]
            stripped = piece.strip()
            if not stripped:
                continue
            starts.append(offset)
            numbers.append(number)
            indents.append(cut + len(piece) - len(piece.lstrip()))
            kept.append(region)
            parts.append(stripped)
            offset += len(stripped) + 1
    return _Source("\n".join(parts), starts, numbers, indents, kept)


def _sections(source: _Source, regions: list[str]) -> list[tuple[int, Piece, Piece]]:
    """(number, heading, body) for each 一、 paragraph, with the paragraphs under it.

    Sections count 一、二、三… ; an attachment's 一、 continues the numbering after the notice's.
    """
    found: list[tuple[int, Piece, int, int]] = []  # number, heading, body start, body end
    restart = 0  # sections before the current attachment
    last_attachment_line = 0
    attachment_lines = [n for n, region in enumerate(regions, 1) if region == "attachment"]
    for index, start in enumerate(source.starts):
        end = source.starts[index + 1] - 1 if index + 1 < len(source.starts) else len(source.text)
        line = source.text[start:end]
        number = source.numbers[index]
        newer = [n for n in attachment_lines if last_attachment_line < n < number]
        if newer:
            restart, last_attachment_line = len(found), newer[-1]
        if source.regions[index] == "head":
            continue  # the report's (or an attachment's) title and opening, outside the sections
        m = _SECTION.match(normalize_chars(line))
        if m and parse_numeral(m[1]) == len(found) - restart + 1:
            cut = line.find("。")
            heading = Piece(start, line if cut == -1 else line[:cut]).strip()
            body_start = end if cut == -1 else start + cut + 1
            found.append((len(found) + 1, heading, body_start, end))
        elif found:
            found[-1] = (found[-1][0], found[-1][1], found[-1][2], end)
    if not found:
        # No sections at all: the body is one section, without a heading of its own.
        body_lines = [index for index, region in enumerate(source.regions) if region != "head"]
        if not body_lines:
            return []
        first, last = body_lines[0], body_lines[-1]
        end = source.starts[last + 1] - 1 if last + 1 < len(source.starts) else len(source.text)
        body = Piece(source.starts[first], source.text[source.starts[first] : end])
        return [(1, Piece(body.at, ""), body.strip())]
    return [
        (number, heading, Piece(body_start, source.text[body_start:body_end]).strip())
        for number, heading, body_start, body_end in found
        if heading.text
    ]


_ITEM_MARKERS = (
    re.compile(rf"(?:^|(?<=[。；\n]))\s*([{_CN_NUMERALS}]+)是"),  # 一是 二是
    re.compile(rf"(?:^|(?<=[。；\n]))\s*[（(]([{_CN_NUMERALS}]+)[）)]"),  # （一） (一)
    re.compile(r"(?:^|(?<=[。；\n]))\s*(\d{1,2})\s*[.、．](?!\d(?!\d?\s*月))"),  # 1. 1、 (and 1.6月底前…)
    re.compile(r"(?:^|(?<=[。；\n]))\s*[（(](\d{1,2})[）)]"),  # （1）
    re.compile(r"(?:^|(?<=[。；\n]))\s*([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])"),  # ①
)
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _marker_number(text: str) -> int:
    if text in _CIRCLED:
        return _CIRCLED.index(text) + 1
    return int(text) if text.isdigit() else parse_numeral(text)  # int() also reads full-width １


def _numbered(marker: re.Pattern[str], body: str) -> list[re.Match[str]]:
    """The marker's matches that count 1, 2, 3… in order (a stray 一是 inside prose is skipped)."""
    starts: list[re.Match[str]] = []
    for m in marker.finditer(body):
        if _marker_number(m[1]) == len(starts) + 1:
            starts.append(m)
    return starts


def _items(heading: Piece, body: Piece) -> list[tuple[int, tuple[Piece, Piece, Piece]]]:
    """(number, (title, verbatim text, body after the title)) for each initiative of a section.

    A section uses one numbering style for its initiatives: the one that starts first, so that
    1. items nested inside （一） items stay part of them. Text before the first item (the
    section's preamble) is an initiative of its own, numbered 0; so is a heading that names a date.
    """
    folded = normalize_chars(body.text)
    candidates = [found for marker in _ITEM_MARKERS if (found := _numbered(marker, folded))]
    section_title = Piece(heading.at, heading.text)
    m = _SECTION.match(normalize_chars(heading.text))
    if m:
        section_title = heading.cut(m.end()).strip()
    if not candidates:
        # A section with no numbered items is one initiative, titled by its heading.
        if body.text:
            return [(1, (section_title, body, body))]
        return [(1, (section_title, heading, Piece(heading.at + len(heading.text), "")))]
    starts = min(candidates, key=lambda found: found[0].start())
    items: list[tuple[int, tuple[Piece, Piece, Piece]]] = []
    preamble = body.cut(0, starts[0].start()).strip()
    if preamble.text.strip(_EDGE) or find_date_mentions(section_title.text):
        items.append((0, (section_title, preamble, preamble)))
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(body.text)
        verbatim = body.cut(match.start(), end).strip()
        content = body.cut(match.end(), end).strip()
        title, rest = _split_title(content)
        items.append((index + 1, (title, verbatim, rest)))
    return items


_CLOSERS = {"）": "（", ")": "(", "】": "【", "》": "《", "”": "“"}


def _balanced(task: str) -> str:
    """A task cut out of a sentence, without the closing brackets whose opening one stayed outside it
    (`（3月底前）完成…`) but with those it opened itself (`报督查室(填写附件1)` keeps its `)`)."""
    while task and task[0] in _CLOSERS:
        task = task[1:].lstrip(_EDGE)
    while task and task[-1] in _CLOSERS and task.count(task[-1]) > task.count(_CLOSERS[task[-1]]):
        task = task[:-1].rstrip(_EDGE)
    return task


def _split_title(content: Piece) -> tuple[Piece, Piece]:
    """An item's title ends at its first 。 or, for a heading on a line of its own, at the line end."""
    text = content.text
    cut = min((i for i in (text.find("。"), text.find("\n")) if i != -1), default=len(text))
    return content.cut(0, cut).strip(), content.cut(min(cut + 1, len(text))).strip()


def _sentences(text: Piece) -> list[Piece]:
    pieces: list[Piece] = []
    begin = 0
    for index, ch in enumerate(text.text):
        if ch == "\n" or ch in _SENTENCE_END:
            end = index if ch == "\n" else index + 1
            pieces.append(text.cut(begin, end))
            begin = index + 1
    pieces.append(text.cut(begin))
    return [p.strip() for p in pieces if p.text.strip()]


_EDGE = "，,、：:；;。 \t"
_LIST_MARKER = re.compile(
    rf"^\s*(?:\d{{1,2}}\s*[.、．](?!\d(?!\d?\s*月))|[（(][{_CN_NUMERALS}]+[）)]|[{_CN_NUMERALS}]+是|[（(]\d{{1,2}}[）)]|[{_CIRCLED}])\s*"
)
# 责任单位：区发改局 (a line or a bracket of its own): who owns the tasks above it.
_OWNER = re.compile(
    r"[（(]?\s*(?P<label>责任单位|责任部门|牵头单位|牵头部门|负责单位|主办单位|主责单位|责任科室|配合单位|协办单位|配合部门)"
    r"\s*[:：]\s*(?P<units>[^）)]*)[）)]?\s*[。；;]?\s*$"
)
_OWNER_LABELS = re.compile(
    r"(责任单位|责任部门|牵头单位|牵头部门|负责单位|主办单位|主责单位|责任科室|配合单位|协办单位|配合部门)\s*[:：]"
)
_LEAD_WORDS = ("牵头单位", "牵头部门", "主办单位")
_CO_WORDS = ("配合单位", "协办单位", "配合部门")


class _Context:
    """Turns the items' sentences into milestones and gives every date mention its fate."""

    def __init__(
        self,
        year: int,
        source: _Source,
        mentions: list[Mention],
        regions: list[str],
        lines: list[str],
        work_calendar: DeadlineCalendar | None,
    ) -> None:
        self.year = year
        self.source = source
        self.mentions = mentions
        self.regions = regions
        self.lines = lines
        self.work_calendar = work_calendar
        self.warnings: list[str] = []
        self.warnings_zh: list[str] = []
        self.unreadable: list[tuple[int, int]] = []  # line spans whose structure was not understood
        self.folded_lines: dict[int, str] = {}
        self.school_year = False  # a plan for the school year starting in autumn of the plan year
        self.by_line: dict[int, list[Mention]] = {}
        for mention in mentions:
            self.by_line.setdefault(mention.line, []).append(mention)

    def opening_with_deadlines(self) -> Piece | None:
        """The lines of the report's opening (before its first section) that hold a deadline, joined."""
        chosen: list[Piece] = []
        first_section = min((i for i, r in enumerate(self.regions, 1) if r == "section"), default=0)
        for index, start in enumerate(self.source.starts):
            if self.source.regions[index] != "head":
                continue
            if self.source.numbers[index] > first_section:
                break
            end = self.source.starts[index + 1] - 1 if index + 1 < len(self.source.starts) else len(self.source.text)
            line = Piece(start, self.source.text[start:end])
            if any(self._fate(m) in ("deadline", "recurring") for *_, m in self.mentions_in(line)):
                chosen.append(line)
        if not chosen:
            return None
        end = chosen[-1].at + len(chosen[-1].text)
        return Piece(chosen[0].at, self.source.text[chosen[0].at : end])

    def mentions_in(self, piece: Piece) -> list[tuple[int, int, Mention]]:
        """The mentions inside a one-line piece, with their span in the piece."""
        if not piece.text:
            return []
        line, col = self.source.place(piece.at)
        on_line = self.by_line.get(line, [])
        found = []
        # The line's mentions are in column order: start at the first one at or after the piece.
        for mention in on_line[bisect.bisect_left(on_line, col, key=lambda m: m.col) :]:
            if mention.col >= col + len(piece.text):
                break
            if mention.end <= col + len(piece.text):
                found.append((mention.col - col, mention.end - col, mention))
        return found

    def milestones(self, initiative_id: str, title: Piece, body: Piece) -> tuple[list[DraftMilestone], _Units | None]:
        dated: list[tuple[str, str, list[Mention]]] = []
        ongoing: list[str] = []
        ongoing_at: list[int] = []  # where each ongoing sentence starts in the source
        owned_from = 0  # milestones from this index on get the next owner line's units
        owners: list[_Units] = []
        owner_of: dict[int, _Units] = {}
        previous_was_owner, previous_owned_from = False, 0
        rows, covered = _table_rows(body)
        sentences = [p for p in _sentences(body) if not any(a <= p.at < b for a, b in covered)]
        for row in rows:
            self._table_row(row, dated, owner_of)
        owned_from = len(dated)
        if self.mentions_in(title) and any(
            self._fate(m) in ("deadline", "recurring") for *_, m in self.mentions_in(title)
        ):
            sentences = [title, *sentences]  # a one-sentence item, or a phase with its dates: the title carries them
        for sentence in sentences:
            if m := _LIST_MARKER.match(sentence.text):
                sentence = sentence.cut(m.end())  # "1. 二季度，制定…" nested inside an item
            sentence, units = _split_owner(sentence)
            if units is not None:
                if previous_was_owner and owners:  # 牵头单位：甲；配合单位：乙 split at the ；
                    last = owners[-1]
                    units = _Units(last.unit or units.unit, last.co_units + units.co_units, last.led or units.led)
                    owners[-1] = units
                    owned_from = previous_owned_from
                else:
                    owners.append(units)
                previous_owned_from = owned_from
                for index in range(owned_from, len(dated)):
                    owner_of[index] = units
                owned_from = len(dated)
            previous_was_owner = units is not None and not sentence.text.strip(_EDGE)
            text = sentence.text
            if not text.strip(_EDGE):
                continue
            found = self.mentions_in(sentence)
            phrases = []
            for start, end, mention in found:
                fate = self._fate(mention)
                if fate in ("deadline", "recurring", "needs-person"):
                    phrases.append((start, end, mention))
            if not phrases:
                ongoing.append(text.rstrip(_EDGE))
                ongoing_at.append(sentence.at)
                continue
            lead_in = text[: phrases[0][0]].rstrip(_EDGE + "（(")
            lead_in = re.sub(r"(分别|均|须|需|要|应)?(在|于)?$", "", lead_in).rstrip(_EDGE)
            # 3月底前 after a comma starts a clause of its own; 并于3月底前 continues the one before it
            same_clause = not re.search(r"[，,、：:；;（(]\s*$", text[: phrases[0][0]])
            pending: list[Mention] = []  # phrases sharing the next task: 分别于6月15日、12月15日前报送…
            for index, (_, end, mention) in enumerate(phrases):
                next_start = phrases[index + 1][0] if index + 1 < len(phrases) else len(text)
                task = _balanced(text[end:next_start].strip(_EDGE))
                task = re.sub(r"(和|及|与|或)$", "", task).strip(_EDGE)
                pending.append(mention)
                if not task:
                    continue
                if lead_in and same_clause:
                    # The phrase runs on from the words before it (…认真制定全年办理工作方案,并于1月20日前
                    # 报…, 将各季度完成情况4月8日前报送…): they say what is due then, so they stay with
                    # that dated task rather than becoming an ongoing milestone cut off at 并。
                    task = re.sub(r"^请", "", lead_in) + task
                    lead_in = ""
                dated += [(mention.text, task, [mention]) for mention in pending]
                pending = []
            if pending:  # a phrase with nothing after it in its sentence
                whole = text.rstrip(_EDGE)
                if lead_in and (bracketed := re.fullmatch(r"(.*?)\s*[（(][^（()）]*[）)]", whole)):
                    whole = bracketed[1]  # 集中攻坚（2025年1月11日-2025年10月底）: the phase is the task
                    lead_in = ""
                dated += [(mention.text, whole, [mention]) for mention in pending]
            elif lead_in:
                ongoing.append(lead_in)
                ongoing_at.append(sentence.at)
        drafts = [DraftMilestone(f"{initiative_id}.{n}", phrase, task) for n, (phrase, task, _) in enumerate(dated, 1)]
        for index, (_, _, found_mentions) in enumerate(dated):
            for mention in found_mentions:
                self._settle(mention, drafts[index])
        distinct = set(owners)
        item_units: _Units | None = None
        if len(distinct) == 1 and len(owner_of) in (0, len(dated)):
            item_units = owners[0]  # one owner for the whole item: the initiative's
        else:
            for index, units in owner_of.items():
                drafts[index].owner = units.name
                drafts[index].lead, drafts[index].co_units = units.lead, units.co_units
        initiative_owner = item_units.name if item_units else ""
        for index, draft in enumerate(drafts):
            for mention in dated[index][2]:
                mention.owner = draft.owner or initiative_owner
        if ongoing:
            drafts.append(DraftMilestone(f"{initiative_id}.{len(dated) + 1}", None, "。".join(ongoing)))
            self._check_cells(ongoing, ongoing_at)
        return drafts, item_units

    def _check_cells(self, ongoing: list[str], ongoing_at: list[int]) -> None:
        """Many short unpunctuated pieces (序号, 重点工作, 责任, 领导, 1, 欧乾震…) joined into one ongoing
        milestone are a table flattened one cell per line whose columns import did not recognise: the
        milestone is nonsense, so a person must put it right (exit 7), never a silent success."""
        cells = [text for text in ongoing if len(text) <= 12 and not re.search(r"[，,。；;：:！？!?]", text)]
        if len(cells) < 6 or len(cells) * 2 < len(ongoing):
            return
        first, last = self.source.place(ongoing_at[0])[0], self.source.place(ongoing_at[-1])[0]
        self.unreadable.append((first, last))
        self.warnings.append(
            f"lines {first}–{last}: structure not understood (it looks like a table flattened one cell per line: "
            f"{len(ongoing)} pieces, {len(cells)} of them short cells, were joined into one ongoing milestone); "
            "a person must restructure it"
        )
        self.warnings_zh.append(
            f"第{first}–{last}行：结构无法识别（像是逐格拆开的表格：{len(ongoing)} 段文字、其中 {len(cells)} 个短格"
            "被连成一个持续性节点），需人工整理"
        )

    def _table_row(
        self,
        row: dict[str, Piece],
        dated: list[tuple[str, str, list[Mention]]],
        owner_of: dict[int, _Units],
    ) -> None:
        """A row of a task table: its time cell's dates govern its task cell; its unit cells own it."""
        task = row.get("task", Piece(0, "")).text.strip(_EDGE + "|")
        time = row.get("time")
        unit = row.get("owner", Piece(0, "")).text.strip(_EDGE + "|")
        co_units = tuple(
            u.strip() for u in re.split(r"[、，,；;]", row.get("co", Piece(0, "")).text.strip(_EDGE + "|")) if u.strip()
        )
        if time is None or not task:
            return
        found = [m for *_, m in self.mentions_in(time) if self._fate(m) in ("deadline", "recurring", "needs-person")]
        words = time.text.strip(_EDGE + "|")
        if not found and words and not normalize_chars(words).startswith(_OPEN_WORDS):
            # 全年, 长期 in a 完成时限 column: a time, but not a day; a person says which
            line, col = self.source.place(time.at + time.text.index(words))
            mention = Mention(line, col, words, "date", fate="needs-person")
            mention.reason = f"the time column says {words}: by the end of the year, or ongoing all year?"
            mention.reason_zh = f"完成时限一栏写的是“{words}”：是年底前完成，还是全年持续？"
            self.mentions.append(mention)
            bisect.insort(self.by_line.setdefault(line, []), mention, key=lambda m: m.col)
            self._warn(mention, f"{words}: {mention.reason}", f"{words}：{mention.reason_zh}")
            found = [mention]
            mention.milestone = "pending"
        for mention in found:
            if unit or co_units:
                led = "牵头" in row.get("owner-header", Piece(0, "")).text
                owner_of[len(dated)] = _Units(unit, co_units, led)
            dated.append((mention.text, task, [mention]))

    def _fate(self, mention: Mention) -> str:
        """What a mention inside an item's prose is: deadline-like (it governs a task) or not."""
        if not mention.fate:
            mention.fate, mention.reason = self._not_a_deadline(mention) or ("deadline", "")
        return (
            "deadline"
            if mention.fate == "deadline" and mention.kind in ("date", "holiday", "recurring")
            else mention.fate
        )

    def _folded(self, number: int) -> str:
        if number not in self.folded_lines:
            self.folded_lines[number] = normalize_chars(self.lines[number - 1])
        return self.folded_lines[number]

    def _header_cell(self, mention: Mention) -> bool:
        """Whether the mention is a whole cell of a table's header row as copying flattens it, one cell
        per line: below a 序号 cell and above the first row number (1)."""
        if self._folded(mention.line).strip() != normalize_chars(mention.text):
            return False
        for number in range(mention.line - 1, max(0, mention.line - 40), -1):
            cell = self._folded(number).strip()
            if cell == "序号":
                return True
            if re.fullmatch(r"\d{1,3}", cell):
                return False  # a row has begun: this is a cell of the body
        return False

    def _not_a_deadline(self, mention: Mention) -> tuple[str, str] | None:
        """(fate, reason) for a mention that cannot be a deadline, from what it is and where it stands."""
        region = self.regions[mention.line - 1]
        # A window of the line around the mention: a line of many thousand characters must not make
        # each of its mentions read the whole line (that would be quadratic).
        full = self._folded(mention.line)
        low = max(0, mention.col - 400)
        line = full[low : mention.end + 400]
        col, end = mention.col - low, mention.end - low
        before = line[max(0, col - 6) : col]
        after = line[end : end + 8]
        written_year = _written_year(mention.text)
        if mention.kind == "document-number":
            # The report's own number stands in its head: alone on a short line, at the start of one,
            # or after 文号：; a number after 根据/按照 or inside 《》（） is one it cites.
            whole_before = _PINYIN.sub("", line[:col])
            cited = any(word in whole_before for word in _CITING) or bool(re.search(r"[《（(]", whole_before))
            placed: bool = len(line.strip()) <= 40 or mention.col <= 12  # (the column in the whole line)
            if re.search(r"文\s*号\s*[:：]?\s*\S{0,10}$", whole_before):
                placed, cited = True, False
            own = region in ("head", "attachment", "furniture") and not cited and placed
            return "not-a-deadline", "own-document-number" if own else "cited-document"
        if region == "furniture" and mention.kind == "year" and written_year == self.year:
            return "not-a-deadline", "plan-year"
        if region == "furniture":
            label = re.search(r"(成文|印发|发文|生成|发布|时间|日期)[^:：|]{0,3}[:：|\s]*$", line[:col])
            signed = label is not None and label[1] in ("成文", "印发", "发文", "生成")
            return "not-a-deadline", "signing-date" if signed else "other"
        if region == "signoff":
            return "not-a-deadline", "signing-date"
        if mention.kind == "samemonth":
            return "not-a-deadline", "other"  # the day of each month listed before it (those are the deadlines)
        if mention.context in ("status", "reference"):
            return "not-a-deadline", "status-date"
        if mention.context == "since" or re.match(r"(?:年)?(?:以来|来)", after):
            return "not-a-deadline", "past-event"
        if mention.kind == "per-case":
            return "not-a-deadline", "per-case-limit"
        if mention.kind == "date" and self._header_cell(mention):
            return "not-a-deadline", "period-label"  # 序号 / 工作任务安排 / 第二季度: the column's period
        whole_before = line[:col]
        prose = region == "body" or "。" in line or len(line.strip()) > 80  # not a title line
        book = whole_before.rfind("《")
        opened = book != -1 and whole_before.count("《") > whole_before.count("》")
        lead_in = re.split(r"[。；;，,]", whole_before[:book])[-1] if opened else ""
        if opened and prose and mention.kind == "year" and "年" not in normalize_chars(mention.text):
            return "not-a-deadline", "cited-document"  # 《…监测报告(2019)》: a year that is part of a name
        if opened and prose and any(w in lead_in for w in _CITING if w != "《"):
            return "not-a-deadline", "cited-document"  # 根据《…规划（2016-2035）》: the name of a document cited
        clause_before = re.split(r"[。；;，,]", whole_before)[-1]
        clause_after = re.split(r"[。；;，,]", line[end:])[0]
        names_a_document = re.search(r"的通知|的意见|的决定|办法|规定|规划|纲要", clause_after)
        if any(w in clause_before for w in _CITING[:4]) and names_a_document:
            return "not-a-deadline", "cited-document"  # 根据县政府关于2021年实施…的通知
        if mention.context == "from" and mention.kind in ("year", "years", "date"):
            since = "以来" in clause_after
            return "not-a-deadline", "past-event" if since else "period-label"  # 自2020年…以来 / 从2014年开始
        told = re.search(r"召开|举行|举办|参加|来到|走访|视察|签订", re.split(r"[。；;]", line[end:])[0])
        if re.match(r"(?:上午|下午|晚上)", after) and told:
            return "not-a-deadline", "past-event"  # 5月6日下午，集团召开…: an event told, not a deadline
        if mention.kind == "weekday":
            return "not-a-deadline", "other"  # 周三下午…: a day of every week in a timetable rule
        if mention.kind == "lunar":
            return "not-a-deadline", "other"  # 腊月十四 beside a date: the lunar calendar's name for it
        if mention.kind in ("years", "period"):
            return "not-a-deadline", "period-label"
        if re.match(r"(?:的)?(?:进展|推进|完成|工作|执行|办理)?情况", after):
            return "not-a-deadline", "period-label"  # 10月份进展情况: the period a report covers
        if mention.kind == "date" and (
            re.match(r"[”\"’]?(?:劳动竞赛|竞赛|是|时间紧|的关键)", after) or before.endswith("大干")
        ):
            return "not-a-deadline", "period-label"  # 二季度是全年工作的关键阶段: the period is the subject
        if mention.kind == "year" and re.match(r"(?:的)?(?:远景目标|远景|愿景)", after):
            return "not-a-deadline", "other"  # 2035年远景目标: the name of the long-range goals, not a target date
        if mention.kind == "year":
            if re.search(r"(?<![关对])(?:到|至|于|在)$", before) or after.startswith(("前", "底", "末")):
                return None
            clause_start = not before or before[-1] in "。；;，,：:" or re.search(r"^\s*\d{1,2}[.、]$", before)
            if written_year is not None and written_year > self.year and clause_start and region == "body":
                return None  # 2015年在…取得决定性进展: a target for that year, due by its end
            if written_year == self.year and region in ("head", "attachment", "section"):
                return "not-a-deadline", "plan-year"
            if written_year is not None and written_year < self.year and re.match(r"[,，]", after):
                return "not-a-deadline", "past-event"  # 2023年，我局…
            return "not-a-deadline", "plan-year" if written_year == self.year else "period-label"
        if re.match(r"(?:起|开始)?(?:施行|实施|执行|生效|有效)", after) or re.search(r"有效期", before):
            return "not-a-deadline", "validity"
        if re.match(r"(?:放假|休假|调休|(?:为|是)?星期|(?:为|是)?周[一二三四五六日])", after):
            return "not-a-deadline", "other"  # 2月10日至17日放假: a holiday, not a deadline
        if mention.context == "from":
            return "not-a-deadline", "period-label"  # 从2022年3月起: when the work starts, not when it is due
        if written_year is not None and written_year < self.year and region in ("body", "section"):
            return "not-a-deadline", "past-event"
        if region in ("head", "attachment"):
            if written_year is not None and _DATE_ONLY_LINE.match(line):
                return "not-a-deadline", "signing-date"
            if mention.kind in ("date", "holiday") and written_year == self.year and len(line.strip()) <= 60:
                # 关于2023年10月份…的通报: a month in a title names the period it covers; a whole
                # date at the top of a page is when the page was made
                if re.search(r"[日号]$", mention.text):
                    return "not-a-deadline", "other"
                return "not-a-deadline", "period-label" if "月" in mention.text else "plan-year"
        return None

    def _settle(self, mention: Mention, milestone: DraftMilestone) -> None:
        """A mention that became a milestone's deadline: resolve it, and say so if a person must look."""
        settled = mention.milestone == "pending"  # judged already (a table's 全年)
        mention.milestone, mention.task = milestone.id, milestone.task
        if settled:
            return
        if day := self._day_of_listed_month(mention):
            milestone.phrase = f"{mention.text}{day}日"  # 1月、3月…分别截至当月15日: the 15th of each
        try:
            deadline = resolve_deadline(milestone.phrase or mention.text, self.year, work_calendar=self.work_calendar)
        except DeadlineError as err:
            mention.fate, mention.reason, mention.reason_zh = "needs-person", err.reason, err.reason_zh
            self._warn(mention, str(err), f"无法识别时限 “{mention.text}”：{err.reason_zh}")
            return
        if deadline.recurrence is not None:
            mention.fate, mention.recurrence = "recurring", deadline.recurrence
            return
        if deadline.is_open:
            mention.fate, mention.reason = "not-a-deadline", "other"
            return
        if self.school_year and deadline.start is None and deadline.due is not None and deadline.due.month <= 8:
            deadline = self._second_term(mention, milestone) or deadline
        mention.fate, mention.due, mention.start = "deadline", deadline.due, deadline.start
        if deadline.note:
            mention.repaired = deadline.note
            if deadline.start is None and deadline.due is not None:
                # The plan gets the date written in full, so it reads without a repair (and `check`
                # has nothing to confirm); the report's own wording stays in the initiative's text.
                due = deadline.due
                year = f"{due.year}年" if _written_year(mention.text) is not None else ""
                before = "前" if re.search(r"(?:前|之前|以前)$", normalize_chars(mention.text)) else ""
                milestone.phrase = f"{year}{due.month}月{due.day}日{before}"
            mention.repaired_zh = f"原文缺字，读作 {milestone.phrase}"
            self._warn(
                mention,
                f"{mention.text}: {deadline.note}; the plan says {milestone.phrase}",
                f"{mention.text}：已修复（{mention.repaired_zh}）",
            )

    def _day_of_listed_month(self, mention: Mention) -> int | None:
        """For a bare month in a list that ends 分别…当月15日 (1月、3月、7月…申报期限分别截至当月15日), the day."""
        if not re.fullmatch(r"\d{1,2}月", normalize_chars(mention.text)):
            return None
        line = self._folded(mention.line)
        rest = re.split(r"[。；;]", line[mention.end : mention.end + 200])[0]
        found = re.search(r"当月(\d{1,2})[日号]", rest)
        return int(found[1]) if found else None

    def _second_term(self, mention: Mention, milestone: DraftMilestone) -> Deadline | None:
        """In a 2014—2015学年 plan, 2月2日 with no year written falls in 2015, the second term."""
        if _written_year(mention.text) is not None:
            return None
        try:
            deadline = resolve_deadline(mention.text, self.year + 1, work_calendar=self.work_calendar)
        except DeadlineError:
            return None
        milestone.phrase = re.sub(r"^((?:于|在|到)?)", rf"\g<1>{self.year + 1}年", mention.text, count=1)
        self._warn(
            mention,
            f"{mention.text}: read as {deadline.due}, in the second term of the {self.year}—{self.year + 1} school "
            f"year; the plan says {milestone.phrase}",
            f"{mention.text}：按 {self.year}—{self.year + 1} 学年第二学期读作 {deadline.due}，"
            f"计划中写作 {milestone.phrase}",
        )
        return deadline

    def _warn(self, mention: Mention, english: str, chinese: str) -> None:
        sentence = _sentence_around(self.lines[mention.line - 1], mention)
        self.warnings.append(f"{english} — in: {sentence}")
        self.warnings_zh.append(f"第{mention.line}行：{chinese} —— 原文：{sentence}")

    def account_the_rest(self) -> None:
        """Every mention not made a milestone: a reason it is not a deadline, or a person must look."""
        for mention in self.mentions:
            if mention.milestone:
                continue
            verdict = self._not_a_deadline(mention)
            if verdict is not None:
                mention.fate, mention.reason = verdict
                continue
            region = self.regions[mention.line - 1]
            mention.fate = "needs-person"
            if region in ("head", "attachment", "signoff", "blank"):
                mention.reason = "a date outside the plan's sections: not imported"
                mention.reason_zh = "位于各部分之外的日期，未导入"
            else:
                mention.reason = "a date that governs no task: not imported"
                mention.reason_zh = "未对应任何任务的日期，未导入"
            self._warn(mention, f"{mention.text}: {mention.reason}", f"{mention.text}：{mention.reason_zh}")


_OPEN_WORDS = ("持续", "长期", "常态化", "适时", "逐步", "经常性", "长效")
_TABLE_ROLES = (
    ("time", re.compile(r"完成时限|完成时间|时间节点|时限|时间安排|进度安排|完成期限")),
    ("co", re.compile(r"配合单位|协办单位|配合部门|协同单位")),
    ("owner", re.compile(r"责任单位|牵头单位|责任部门|牵头部门|责任科室|主办单位")),
    (
        "task",
        re.compile(
            r"重点工作|工作任务|具体任务|主要任务|重点任务|目标任务|任务内容|工作内容|主要内容|具体措施|工作措施|任务"
        ),
    ),
)


def _cells(line: Piece) -> list[Piece]:
    """The cells of a table line split at | or tabs, each with its place."""
    cells: list[Piece] = []
    begin = 0
    for index, ch in enumerate(line.text + "|"):
        if ch in "|\t":
            cells.append(line.cut(begin, index).strip())
            begin = index + 1
    return cells


def _role(header: str) -> str:
    folded = normalize_chars(header)
    return next((role for role, pattern in _TABLE_ROLES if pattern.search(folded)), "")


def _table_rows(body: Piece) -> tuple[list[dict[str, Piece]], list[tuple[int, int]]]:
    """Rows of the task tables in ``body`` (任务 | 责任单位 | 完成时限), by column role, and the spans they cover.

    A table is a header naming a time column, then rows: one line per row with | or tab between
    the cells, or (a table flattened by copying) one cell per line, each line ending with |.
    """
    lines: list[Piece] = []
    begin = 0
    for index, ch in enumerate(body.text + "\n"):
        if ch == "\n":
            lines.append(body.cut(begin, index))
            begin = index + 1
    rows: list[dict[str, Piece]] = []
    covered: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        cells = _cells(line) if re.search(r"[|\t]", line.text) else []
        if len(cells) >= 3 and any(_role(c.text) == "time" for c in cells) and len([c for c in cells if c.text]) >= 3:
            roles = [_role(c.text) for c in cells]
            header_of = {role: cell for role, cell in zip(roles, cells, strict=True) if role}
            start = line.at
            index += 1
            while index < len(lines) and re.search(r"[|\t]", lines[index].text):
                row = _cells(lines[index])
                rows.append({role: cell for role, cell in zip(roles, row, strict=False) if role})
                rows[-1]["owner-header"] = header_of.get("owner", Piece(0, ""))
                index += 1
            covered.append((start, lines[index - 1].at + len(lines[index - 1].text) + 1))
            continue
        # Flattened: "序号 |", "重点工作 |", … one header cell per line, then the rows' cells.
        header: list[str] = []
        walk = index
        while (
            walk < len(lines)
            and lines[walk].text.rstrip().endswith("|")
            and not re.match(r"^\s*\d+\s*\|", lines[walk].text)
        ):
            header.append(_role(lines[walk].text.rstrip().rstrip("|")) or lines[walk].text.strip(" |"))
            walk += 1
        roles = [h if h in ("time", "co", "owner", "task") else "" for h in header]
        if len(header) >= 3 and "time" in roles:
            start = line.at
            while walk + len(header) <= len(lines) and all(
                lines[walk + k].text.rstrip().endswith("|") for k in range(len(header))
            ):
                rows.append({role: lines[walk + k] for k, role in enumerate(roles) if role})
                rows[-1]["owner-header"] = next(
                    (lines[index + k] for k, role in enumerate(roles) if role == "owner"), Piece(0, "")
                )
                walk += len(header)
            covered.append((start, lines[walk - 1].at + len(lines[walk - 1].text) + 1))
            index = walk
            continue
        index += 1
    return rows, covered


def _names_school_year(lines: list[str], year: int) -> bool:
    """Whether the report's opening names the school year starting in the plan year (2014—2015学年)."""
    for line in lines:
        folded = _PINYIN.sub("", normalize_chars(line))
        for m in re.finditer(r"((?:19|20)\d\d)\s*年?\s*[—–\-~至到]\s*((?:19|20)\d\d)\s*学年", folded):
            if int(m[1]) == year and int(m[2]) == year + 1:
                return True
    return False


def _written_year(text: str) -> int | None:
    folded = normalize_chars(text)
    if m := re.search(r"((?:19|20)\d\d)", folded):
        return int(m[1])
    if m := re.search(r"([一二三四五六七八九〇零]{4})年", folded):
        return parse_numeral(m[1])
    if m := re.match(r"(1[01]\d)年\d{1,2}月", folded):
        return int(m[1]) + 1911  # the Republic of China calendar: 105年 is 2016
    return None


def _sentence_around(line: str, mention: Mention) -> str:
    """The sentence of a line that holds the mention (at most 300 characters either side of it)."""
    low = max(0, mention.col - 300)
    start = max((line.rfind(ch, low, mention.col) for ch in _SENTENCE_END), default=-1)
    start = low if start == -1 else start + 1
    high = min(len(line), mention.end + 300)
    ends = [i for ch in _SENTENCE_END if (i := line.find(ch, mention.end, high)) != -1]
    return line[start : (min(ends) + 1 if ends else high)].strip()


_LEADS_IN_BRACKETS = re.compile(
    r"[（(](?P<lead>[^（()）]+?)牵头(?:[,，、;；]\s*(?P<co>[^（()）]*?)配合)?[）)][。；;]?$"
)


def _split_owner(sentence: Piece) -> tuple[Piece, _Units | None]:
    """A sentence without its 责任单位/牵头单位/配合单位 part, and the units it named.

    Also the bracket after a task: （区政务服务局牵头，区发改局、区住建局配合）.
    """
    folded = normalize_chars(sentence.text)
    if m := _LEADS_IN_BRACKETS.search(folded):
        co = [u.strip() for u in re.split(r"[、，,]", sentence.text[m.start("co") : m.end("co")]) if u.strip()]
        lead = sentence.text[m.start("lead") : m.end("lead")].strip()
        return sentence.cut(0, m.start()).strip(), _Units(lead, tuple(co) if m["co"] else (), True)
    labels = list(_OWNER_LABELS.finditer(folded))
    if not labels:
        return sentence, None
    first = labels[0].start()
    if first > 0 and folded[first - 1] in "（(":
        first -= 1
    lead, co_units, led = "", [], False
    for index, label in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(folded)
        units = sentence.text[label.end() : end].strip(_EDGE + "（()）")
        if label[1] in _CO_WORDS:
            co_units += [u for u in re.split(r"[、，,；;]", units) if u.strip()]
        elif not lead:
            lead, led = units, label[1] in _LEAD_WORDS
    return sentence.cut(0, first).strip(), _Units(lead, tuple(u.strip() for u in co_units), led)


class _Units(NamedTuple):
    """The units a 责任单位 / 牵头单位 / 配合单位 text names."""

    unit: str  # the one responsible (责任单位, or the 牵头单位)
    co_units: tuple[str, ...] = ()  # 配合单位
    led: bool = False  # named as 牵头 (lead) rather than 责任

    @property
    def name(self) -> str:
        """The owner: the responsible unit, else the co-units."""
        return self.unit or "、".join(self.co_units)

    @property
    def lead(self) -> str:
        """The 牵头单位: the responsible unit when named as lead or beside co-units."""
        return self.unit if self.led or self.co_units else ""


# ---------------------------------------------------------------------------------------------
# Rendering drafts as plan files


def initiative_file_name(initiative_id: str) -> str:
    return initiative_id.replace(".", "-") + ".yaml"


def render_initiative(draft: DraftInitiative) -> str:
    lines = [
        f"# {comment_safe(draft.id)} {comment_safe(draft.title)}",
        f"id: {quoted(draft.id)}",
        f"section: {scalar(draft.section)}",
        f"title: {scalar(draft.title)}",
        f"owner: {scalar(draft.owner)}" if draft.owner else "owner:",
        *_unit_lines(draft.lead, draft.co_units, ""),
        f"text: {block(draft.text, '  ')}",
        "milestones:",
    ]
    for milestone in draft.milestones:
        lines.append(f"  - id: {quoted(milestone.id)}")
        lines.append(f"    deadline: {scalar(milestone.phrase) if milestone.phrase else ''}".rstrip())
        lines.append(f"    task: {scalar(milestone.task)}")
        if milestone.owner:
            lines.append(f"    owner: {scalar(milestone.owner)}")
        lines += _unit_lines(milestone.lead, milestone.co_units, "    ")
        lines.append(f"    done: {milestone.done.isoformat()}" if milestone.done else "    done:")
        if milestone.notes:
            lines.append("    notes:")
            for note in milestone.notes:
                lines += [f"      - date: {note.on.isoformat()}", f"        text: {quoted(note.text)}"]
    return "\n".join(lines) + "\n"


def _unit_lines(lead: str, co_units: tuple[str, ...], indent: str) -> list[str]:
    """``lead:`` (牵头单位) and ``co_units:`` (配合单位, written as reports write them) when named."""
    lines = [f"{indent}lead: {scalar(lead)}"] if lead else []
    return lines + ([f"{indent}co_units: {scalar('、'.join(co_units))}"] if co_units else [])


def comment_safe(text: str) -> str:
    """For a YAML comment: a newline in a title must not end the comment."""
    return " ".join(text.split())


def render_settings(title: str, year: int) -> str:
    return f"""\
# The plan as a whole. Each initiative lives in its own file beside this one.
title: {scalar(title)}
year: {year}                # deadlines such as 3月底前 resolve against this year
timezone: Asia/Shanghai   # "today" is taken in this timezone
warn_days: 14             # a deadline this many days away or closer counts as due
language: zh              # the interface: zh or en (--lang overrides)

# Who gets the digest for each owner named in the initiative files (owner: …).
owners:
  # 组织人事科: [renshi@example.gov.cn, li.si@example.gov.cn]

# Where `workplan digest --send` delivers. The password comes only from $WORKPLAN_SMTP_PASSWORD.
smtp:
  host: localhost
  port: 25
  security: none          # starttls | ssl | none
  username: ""
  from: workplan@localhost
  to: []
"""


# ---------------------------------------------------------------------------------------------
# Re-importing a revised report over a plan people have been working in


@dataclass
class UpdateReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # milestones whose done date, notes or owner were carried over


def carry_over(draft: DraftPlan, existing: Plan) -> UpdateReport:
    """Keep what people filled in (done dates, notes, owners) for milestones whose task is unchanged.

    A milestone is recognised by its task text within its initiative, so it keeps its id even when a
    new deadline clause is inserted before it (ids are what people write in `workplan done`). A new
    milestone gets a fresh id; one whose task was reworded keeps its place and id but not its done
    date. Changes ``draft`` in place and says what was added, changed and removed.
    """
    report = UpdateReport()
    old_initiatives = {i.id: i for i in existing.initiatives}
    for initiative in draft.initiatives:
        old = old_initiatives.pop(initiative.id, None)
        if old is None:
            report.added.append(f"initiative {initiative.id} {initiative.title}")
            continue
        initiative.owner = old.owner
        _match_milestones(initiative, list(old.milestones), report)
    report.removed += [f"initiative {i.id} {i.title} ({i.file})" for i in old_initiatives.values()]
    return report


def _match_milestones(initiative: DraftInitiative, olds: list[Milestone], report: UpdateReport) -> None:
    unmatched_old = {m.id: m for m in olds}
    reworded: list[DraftMilestone] = []
    for new in initiative.milestones:
        same_task = next((m for m in unmatched_old.values() if m.task == new.task), None)
        if same_task is None:
            reworded.append(new)
            continue
        del unmatched_old[same_task.id]
        new.id, new.done, new.notes, new.owner = same_task.id, same_task.done, same_task.notes, same_task.owner
        if same_task.phrase != new.phrase:
            report.changed.append(f"{new.id}: deadline {same_task.phrase or 'ongoing'} -> {new.phrase or 'ongoing'}")
        if new.done or new.notes or new.owner:
            report.kept.append(new.id)
    taken = {m.id for m in initiative.milestones if m not in reworded}
    next_number = 1 + max(
        (int(i.rsplit(".", 1)[1]) for i in {m.id for m in olds} | taken if i.rsplit(".", 1)[1].isdigit()), default=0
    )
    for new in reworded:
        old = unmatched_old.pop(new.id, None) if new.id not in taken else None
        if old is not None:
            lost = f"; its done date {old.done} was not carried over" if old.done else ""
            report.changed.append(f"{new.id}: task reworded: {old.task} -> {new.task}{lost}")
        else:
            new.id = f"{initiative.id}.{next_number}"
            next_number += 1
            report.added.append(f"{new.id} {new.phrase or 'ongoing'}: {new.task}")
        taken.add(new.id)
    for old in unmatched_old.values():
        done = f" (was done on {old.done})" if old.done else ""
        report.removed.append(f"{old.id} {old.phrase or 'ongoing'}: {old.task}{done}")


def plan_files(draft: DraftPlan, *, with_settings: bool) -> dict[str, str]:
    """File name (relative to the plan folder) -> text, for every file of the drafted plan."""
    files = {initiative_file_name(i.id): render_initiative(i) for i in draft.initiatives}
    if with_settings:
        files["workplan.yaml"] = render_settings(draft.title, draft.year)
    return files
