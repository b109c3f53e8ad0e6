"""Report text -> initiatives and milestones (pure: text in, drafts and warnings out).

A work-plan report is prose: sections ``一、…``, initiatives ``一是…`` / ``（一）…`` / ``1.…``, and
deadlines inside sentences. Each deadline phrase governs the clause that follows it, up to the
next phrase or the end of the sentence. Text that no deadline governs (a lead-in before the first
phrase of a sentence, a sentence without a date) is ongoing work: one open-ended milestone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from workplan_cli.deadlines import DeadlineError, find_deadline_phrases, normalize_chars, resolve_deadline
from workplan_cli.errors import ReportImportError
from workplan_cli.yamltext import block, quoted, scalar

_ARTIFACTS = re.compile(r"##paid(?:begin|end)##")
_FURNITURE = re.compile(r"^\s*(?:分享到|扫一扫|打印本页|关闭窗口|【打印】|【关闭】|字号[:：]|来源[:：]).*$", re.M)
_CN_NUMERALS = "一二三四五六七八九十"
_SECTION = re.compile(rf"^\s*([{_CN_NUMERALS}]+)、")
_TITLE_YEAR = re.compile(r"(\d{4})\s*年[^。\n]{0,30}?(?:工作计划|工作要点|计划|要点|安排|方案)")
_DOC_NUMBER_YEAR = re.compile(r"[〔\[［(（](\d{4})[〕\]］)）]\s*\d+\s*号")
_SENTENCE_END = "。；;！!？?"
_CLOSING = ("特此报告", "特此说明", "以上报告", "附件")


@dataclass
class DraftMilestone:
    id: str
    phrase: str | None
    task: str


@dataclass
class DraftInitiative:
    id: str
    section: str
    title: str
    text: str
    milestones: list[DraftMilestone] = field(default_factory=list)


@dataclass
class DraftPlan:
    title: str
    year: int
    initiatives: list[DraftInitiative]
    warnings: list[str]


def clean_report(text: str) -> str:
    """Remove copy artifacts and page furniture; keep the wording (XX placeholders included)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = _ARTIFACTS.sub("", text)
    return _FURNITURE.sub("", text)


def _cn_number(text: str) -> int:
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_NUMERALS.index(tens) + 1 if tens else 1) * 10 + (_CN_NUMERALS.index(ones) + 1 if ones else 0)
    return _CN_NUMERALS.index(text) + 1


def plan_year(text: str, explicit: int | None) -> int:
    """``--year``, else the title's year (2024年工作计划), else a document number's (〔2023〕1号).

    Never the signing date at the end: the seed report for 2024 is signed in 2023.
    """
    if explicit is not None:
        return explicit
    head = "\n".join(text.strip().splitlines()[:3])
    if m := _TITLE_YEAR.search(normalize_chars(head)):
        return int(m[1])
    if m := _DOC_NUMBER_YEAR.search(normalize_chars(text)):
        return int(m[1])
    raise ReportImportError(
        "cannot tell the plan year: the title names none (such as 2024年工作计划) and there is "
        "no document number (〔2024〕1号); give it with --year"
    )


def parse_report(text: str, *, year: int | None = None) -> DraftPlan:
    text = clean_report(text)
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        raise ReportImportError("the report is empty")
    resolved_year = plan_year(text, year)
    title = lines[0]
    warnings: list[str] = []
    sections = _sections(lines)
    if not sections:
        raise ReportImportError(
            "found no sections: expected paragraphs starting 一、 二、 …; is this a work-plan report?"
        )
    initiatives: list[DraftInitiative] = []
    for number, heading, body in sections:
        for item, (item_title, item_text, item_body) in enumerate(_items(heading, body), 1):
            initiative_id = f"{number}.{item}"
            draft = DraftInitiative(initiative_id, heading, item_title, item_text)
            draft.milestones = _milestones(initiative_id, item_body, resolved_year, warnings)
            initiatives.append(draft)
    return DraftPlan(title, resolved_year, initiatives, warnings)


def _sections(lines: list[str]) -> list[tuple[int, str, str]]:
    """(number, heading, body) for each 一、 paragraph, with the paragraphs under it joined."""
    sections: list[tuple[int, str, list[str]]] = []
    for line in lines:
        m = _SECTION.match(line)
        if m and _cn_number(m[1]) == len(sections) + 1:
            heading, _, rest = line.partition("。")
            sections.append((len(sections) + 1, heading.strip(), [rest.strip()] if rest.strip() else []))
        elif line.startswith(_CLOSING):
            break  # the sign-off: 特此报告, the office's name and the signing date
        elif sections:
            sections[-1][2].append(line)
        # lines before the first section: title and preamble
    return [(n, heading, "\n".join(body)) for n, heading, body in sections if heading]


_ITEM_MARKERS = (
    re.compile(rf"(?:^|(?<=[。；\n]))\s*([{_CN_NUMERALS}]+)是"),  # 一是 二是
    re.compile(rf"(?:^|(?<=[。；\n]))\s*[（(]([{_CN_NUMERALS}]+)[）)]"),  # （一） (一)
    re.compile(r"(?:^|(?<=[。；\n]))\s*(\d{1,2})\s*[.、．](?!\d)"),  # 1. 1、
)


def _items(heading: str, body: str) -> list[tuple[str, str, str]]:
    """(title, verbatim text, body after the title) for each numbered initiative of a section."""
    for marker in _ITEM_MARKERS:
        starts: list[re.Match[str]] = []
        for m in marker.finditer(body):
            number = int(m[1]) if m[1].isdigit() else _cn_number(m[1])
            if number == len(starts) + 1:
                starts.append(m)
        if starts:
            items = []
            for index, m in enumerate(starts):
                end = starts[index + 1].start() if index + 1 < len(starts) else len(body)
                verbatim = body[m.start() : end].strip()
                content = body[m.end() : end].strip()
                title, _, rest = content.partition("。")
                items.append((title.strip(), verbatim, rest.strip()))
            return items
    # A section with no numbered items is one initiative, titled by its heading.
    title = _SECTION.sub("", heading).strip()
    return [(title, body.strip(), body.strip())] if body.strip() else [(title, heading, "")]


def _sentences(text: str) -> list[str]:
    parts = re.split(rf"(?<=[{_SENTENCE_END}])|\n", text)
    return [p.strip() for p in parts if p.strip()]


_EDGE = "，,、：:；;。 \t"


def _milestones(initiative_id: str, body: str, year: int, warnings: list[str]) -> list[DraftMilestone]:
    dated: list[tuple[str, str]] = []
    ongoing: list[str] = []
    for sentence in _sentences(body):
        phrases = [p for p in find_deadline_phrases(sentence) if p.kind == "deadline"]
        if not phrases:
            ongoing.append(sentence.rstrip(_EDGE))
            continue
        lead_in = sentence[: phrases[0].start].rstrip(_EDGE)
        lead_in = re.sub(r"(分别|均|须|需|要|应)$", "", lead_in).rstrip(_EDGE)
        if lead_in:
            ongoing.append(lead_in)
        pending: list[str] = []  # phrases sharing the next task: 分别于6月15日、12月15日前报送…
        for index, match in enumerate(phrases):
            end = phrases[index + 1].start if index + 1 < len(phrases) else len(sentence)
            task = sentence[match.end : end].strip(_EDGE)
            task = re.sub(r"(和|及|与|或)$", "", task).strip(_EDGE)
            pending.append(match.phrase)
            if not task:
                continue
            for phrase in pending:
                dated.append((phrase, task))
                _warn_unresolved(phrase, sentence, year, warnings)
            pending = []
        for phrase in pending:  # a phrase with nothing after it in its sentence
            dated.append((phrase, sentence.rstrip(_EDGE)))
            _warn_unresolved(phrase, sentence, year, warnings)
    milestones = [DraftMilestone(f"{initiative_id}.{n}", phrase, task) for n, (phrase, task) in enumerate(dated, 1)]
    if ongoing:
        milestones.append(DraftMilestone(f"{initiative_id}.{len(dated) + 1}", None, "。".join(ongoing)))
    return milestones


def _warn_unresolved(phrase: str, sentence: str, year: int, warnings: list[str]) -> None:
    try:
        deadline = resolve_deadline(phrase, year)
    except DeadlineError as err:
        warnings.append(f"{err} — in: {sentence}")
        return
    if deadline.note:
        warnings.append(f"{phrase}: {deadline.note} — in: {sentence}")


# ---------------------------------------------------------------------------------------------
# Rendering drafts as plan files


def initiative_file_name(initiative_id: str) -> str:
    return initiative_id.replace(".", "-") + ".yaml"


def render_initiative(draft: DraftInitiative) -> str:
    lines = [
        f"# {draft.id} {draft.title}",
        f"id: {quoted(draft.id)}",
        f"section: {scalar(draft.section)}",
        f"title: {scalar(draft.title)}",
        "owner:",
        f"text: {block(draft.text, '  ')}",
        "milestones:",
    ]
    for milestone in draft.milestones:
        lines.append(f"  - id: {quoted(milestone.id)}")
        lines.append(f"    deadline: {scalar(milestone.phrase) if milestone.phrase else ''}".rstrip())
        lines.append(f"    task: {scalar(milestone.task)}")
        lines.append("    done:")
    return "\n".join(lines) + "\n"


def render_settings(title: str, year: int) -> str:
    return f"""\
# The plan as a whole. Each initiative lives in its own file beside this one.
title: {scalar(title)}
year: {year}                # deadlines such as 3月底前 resolve against this year
timezone: Asia/Shanghai   # "today" is taken in this timezone
warn_days: 14             # a deadline this many days away or closer counts as due

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
