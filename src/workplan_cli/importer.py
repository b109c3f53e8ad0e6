"""Report text -> initiatives and milestones (pure: text in, drafts and warnings out).

A work-plan report is prose: sections ``一、…``, initiatives ``一是…`` / ``（一）…`` / ``1.…``, and
deadlines inside sentences. Each deadline phrase governs the clause that follows it, up to the
next phrase or the end of the sentence. Text that no deadline governs (a lead-in before the first
phrase of a sentence, a sentence without a date) is ongoing work: one open-ended milestone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from workplan_cli.deadlines import (
    DeadlineError,
    WorkingDays,
    find_deadline_phrases,
    normalize_chars,
    parse_numeral,
    resolve_deadline,
)
from workplan_cli.errors import ReportImportError
from workplan_cli.model import Milestone, Note, Plan
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
    # Filled in by people, kept by `import --update` when the id and task are unchanged:
    done: date | None = None
    owner: str = ""
    notes: tuple[Note, ...] = ()


@dataclass
class DraftInitiative:
    id: str
    section: str
    title: str
    text: str
    milestones: list[DraftMilestone] = field(default_factory=list)
    owner: str = ""


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


def parse_report(text: str, *, year: int | None = None, workdays: WorkingDays | None = None) -> DraftPlan:
    text = clean_report(text)
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        raise ReportImportError("the report is empty")
    sections = _sections(lines)
    if not sections:
        raise ReportImportError(
            "found no sections: expected paragraphs starting 一、 二、 …; is this a work-plan report?"
        )
    resolved_year = plan_year(text, year)
    title = _title(lines)
    warnings: list[str] = []
    initiatives: list[DraftInitiative] = []
    for number, heading, body in sections:
        for item, (item_title, item_text, item_body) in enumerate(_items(heading, body), 1):
            initiative_id = f"{number}.{item}"
            draft = DraftInitiative(initiative_id, heading, item_title, item_text)
            draft.milestones = _milestones(initiative_id, item_body, resolved_year, warnings, workdays)
            initiatives.append(draft)
    return DraftPlan(title, resolved_year, initiatives, warnings)


_TITLE_WORDS = ("计划", "要点", "报告", "方案", "安排", "通知")


def _title(lines: list[str]) -> str:
    """The report's title: the first line of the head that names what it is, else the first line."""
    head = []
    for line in lines:
        if _SECTION.match(line):
            break
        head.append(line)
    return next((line for line in head[:6] if any(word in line for word in _TITLE_WORDS)), lines[0])


def _sections(lines: list[str]) -> list[tuple[int, str, str]]:
    """(number, heading, body) for each 一、 paragraph, with the paragraphs under it joined."""
    sections: list[tuple[int, str, list[str]]] = []
    for line in lines:
        m = _SECTION.match(line)
        if m and parse_numeral(m[1]) == len(sections) + 1:
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


def _numbered(marker: re.Pattern[str], body: str) -> list[re.Match[str]]:
    """The marker's matches that count 1, 2, 3… in order (a stray 一是 inside prose is skipped)."""
    starts: list[re.Match[str]] = []
    for m in marker.finditer(body):
        number = int(m[1]) if m[1].isdigit() else parse_numeral(m[1])  # int() also reads full-width １
        if number == len(starts) + 1:
            starts.append(m)
    return starts


def _items(heading: str, body: str) -> list[tuple[str, str, str]]:
    """(title, verbatim text, body after the title) for each numbered initiative of a section.

    A section uses one numbering style for its initiatives: the one that starts first, so that
    1. items nested inside （一） items stay part of them.
    """
    candidates = [found for marker in _ITEM_MARKERS if (found := _numbered(marker, body))]
    if candidates:
        starts = min(candidates, key=lambda found: found[0].start())
        items = []
        for index, m in enumerate(starts):
            end = starts[index + 1].start() if index + 1 < len(starts) else len(body)
            verbatim = body[m.start() : end].strip()
            content = body[m.end() : end].strip()
            title, rest = _split_title(content)
            items.append((title, verbatim, rest))
        return items
    # A section with no numbered items is one initiative, titled by its heading.
    title = _SECTION.sub("", heading).strip()
    return [(title, body.strip(), body.strip())] if body.strip() else [(title, heading, "")]


def _split_title(content: str) -> tuple[str, str]:
    """An item's title ends at its first 。 or, for a heading on a line of its own, at the line end."""
    cut = min((i for i in (content.find("。"), content.find("\n")) if i != -1), default=len(content))
    return content[:cut].strip(), content[cut + 1 :].strip()


def _sentences(text: str) -> list[str]:
    parts = re.split(rf"(?<=[{_SENTENCE_END}])|\n", text)
    return [p.strip() for p in parts if p.strip()]


_EDGE = "，,、：:；;。 \t"
_LIST_MARKER = re.compile(rf"^\s*(?:\d{{1,2}}\s*[.、．](?!\d)|[（(][{_CN_NUMERALS}]+[）)]|[{_CN_NUMERALS}]+是)\s*")


def _milestones(
    initiative_id: str, body: str, year: int, warnings: list[str], workdays: WorkingDays | None
) -> list[DraftMilestone]:
    dated: list[tuple[str, str]] = []
    ongoing: list[str] = []
    for sentence in _sentences(body):
        sentence = _LIST_MARKER.sub("", sentence)  # "1. 二季度，制定…" nested inside an item
        if not sentence.strip(_EDGE):
            continue
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
                _warn_unresolved(phrase, sentence, year, warnings, workdays)
            pending = []
        for phrase in pending:  # a phrase with nothing after it in its sentence
            dated.append((phrase, sentence.rstrip(_EDGE)))
            _warn_unresolved(phrase, sentence, year, warnings, workdays)
    milestones = [DraftMilestone(f"{initiative_id}.{n}", phrase, task) for n, (phrase, task) in enumerate(dated, 1)]
    if ongoing:
        milestones.append(DraftMilestone(f"{initiative_id}.{len(dated) + 1}", None, "。".join(ongoing)))
    return milestones


def _warn_unresolved(phrase: str, sentence: str, year: int, warnings: list[str], workdays: WorkingDays | None) -> None:
    try:
        deadline = resolve_deadline(phrase, year, workdays=workdays)
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
        f"# {one_line(draft.id)} {one_line(draft.title)}",
        f"id: {quoted(draft.id)}",
        f"section: {scalar(draft.section)}",
        f"title: {scalar(draft.title)}",
        f"owner: {scalar(draft.owner)}" if draft.owner else "owner:",
        f"text: {block(draft.text, '  ')}",
        "milestones:",
    ]
    for milestone in draft.milestones:
        lines.append(f"  - id: {quoted(milestone.id)}")
        lines.append(f"    deadline: {scalar(milestone.phrase) if milestone.phrase else ''}".rstrip())
        lines.append(f"    task: {scalar(milestone.task)}")
        if milestone.owner:
            lines.append(f"    owner: {scalar(milestone.owner)}")
        lines.append(f"    done: {milestone.done.isoformat()}" if milestone.done else "    done:")
        if milestone.notes:
            lines.append("    notes:")
            for note in milestone.notes:
                lines += [f"      - date: {note.on.isoformat()}", f"        text: {quoted(note.text)}"]
    return "\n".join(lines) + "\n"


def one_line(text: str) -> str:
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
