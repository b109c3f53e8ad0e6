"""Report text -> initiatives and milestones (pure: text in, drafts and warnings out).

A work-plan report is prose: sections ``一、…``, initiatives ``一是…`` / ``（一）…`` / ``1.…``, and
deadlines inside sentences. Each deadline phrase governs the clause that follows it, up to the
next phrase or the end of the sentence. Text that no deadline governs (a lead-in before the first
phrase of a sentence, a sentence without a date) is ongoing work: one open-ended milestone.
"""

from __future__ import annotations

import bisect
import re

from workplan_cli.deadlines import (
    DeadlineCalendar,
    find_date_mentions,
    normalize_chars,
)
from workplan_cli.errors import ReportImportError
from workplan_cli.i18n import ImportMsg, Message
from workplan_cli.import_calendar import calendar_days, grid_cell, is_calendar_grid
from workplan_cli.import_drafts import DraftInitiative, DraftMilestone, DraftPlan, Mention, Units, said
from workplan_cli.import_fates import MentionFates
from workplan_cli.import_structure import (
    EDGE,
    LIST_MARKER,
    OPEN_WORDS,
    balanced_task,
    section_items,
    split_owner,
    split_sections,
    split_sentences,
    table_rows,
)
from workplan_cli.import_text import (
    Piece,
    content_source,
    line_regions,
    regions_without_sections,
    report_lines,
    report_title,
    tells_progress,
)
from workplan_cli.import_year import choose_year, names_school_year


def parse_report(text: str, *, year: int | None = None, work_calendar: DeadlineCalendar | None = None) -> DraftPlan:
    lines = report_lines(text)
    if not any(line.strip() for line in lines):
        raise ReportImportError(ImportMsg.EMPTY)
    mentions = [
        Mention(number, found.start, found.text, found.kind, found.context)
        for number, line in enumerate(lines, 1)
        for found in find_date_mentions(line)
    ]
    full_phrases = _calendar_mentions(lines, mentions)
    regions = line_regions(lines)
    inline = "section" not in regions
    if inline:
        regions = regions_without_sections(lines, regions)
    if full_phrases or is_calendar_grid(lines):
        regions = [  # a calendar grid's cells (weekdays, week and day numbers) are its frame, not its text
            "furniture" if region in ("head", "body") and grid_cell(line) else region
            for line, region in zip(lines, regions, strict=True)
        ]
    source = content_source(lines, regions, split_sections=inline)
    sections = split_sections(source, regions)
    body_dates = [m for m in mentions if regions[m.line - 1] == "body" and m.kind in ("date", "recurring", "holiday")]
    if not sections or (inline and not body_dates and not mentions):
        raise ReportImportError(ImportMsg.NO_SECTIONS)
    choice = choose_year(lines, year)
    title = report_title(lines, regions)
    context = _Context(choice.year, source, mentions, regions, lines, work_calendar)
    context.school_year = names_school_year(lines[:40], choice.year)
    context.full_phrases = full_phrases
    context.progress_report = tells_progress(title, [line for line in lines[:5] if line.strip()][:3])
    initiatives: list[DraftInitiative] = []
    if opening := context.opening_with_deadlines():
        # A notice's own instructions (请于3月15日前报送…) before its sections: initiative 0.1.
        draft = DraftInitiative("0.1", "", report_title(lines, regions), opening.text)
        draft.set_milestones(*context.milestones("0.1", Piece(opening.at, ""), opening))
        initiatives.append(draft)
    for number, heading, body in sections:
        for item, (item_title, item_text, item_body) in section_items(heading, body):
            initiative_id = f"{number}.{item}"
            draft = DraftInitiative(initiative_id, heading.text, item_title.text or title, item_text.text)
            draft.set_milestones(*context.milestones(initiative_id, item_title, item_body))
            if not draft.milestones:  # a heading whose text was cut off: the work itself, ongoing
                draft.milestones = [DraftMilestone(f"{initiative_id}.1", None, draft.title)]
            initiatives.append(draft)
    context.account_the_rest()
    plan = DraftPlan(title, choice.year, initiatives, context.warnings, choice.reason, mentions, lines)
    plan.unreadable = context.unreadable
    return plan


def _calendar_mentions(lines: list[str], mentions: list[Mention]) -> dict[int, tuple[str, bool]]:
    """In a school calendar grid, the days its remark cells tell by day alone become mentions too, each
    with its date in full (by ``id`` of the mention: the phrase, and whether 日 was left out); a
    holiday named right after a date (19—21日中秋放假) is part of that date's mention, not another."""
    full: dict[int, tuple[str, bool]] = {}
    if is_calendar_grid(lines):
        spans: dict[int, list[tuple[int, int]]] = {}
        for m in mentions:
            spans.setdefault(m.line, []).append((m.col, m.end))
        for day in calendar_days(lines):
            if any(col < day.col + len(day.text) and day.col < end for col, end in spans.get(day.line, [])):
                continue
            mention = Mention(day.line, day.col, day.text, "date")
            full[id(mention)] = (day.phrase, day.repaired)
            mentions.append(mention)
        mentions.sort(key=lambda m: (m.line, m.col))
    ends = {(m.line, m.end) for m in mentions if m.kind == "date"}
    mentions[:] = [m for m in mentions if not (m.kind == "holiday" and (m.line, m.col) in ends)]
    return full


# 完成时限：… / 时间节点：… (a label giving the due time of the work named before it).
_TIME_LABEL = re.compile(r"\s*[(（]?\s*(?:完成时限|完成时间|完成期限|时间节点|时限要求|办结时限|时限|时间)\s*[:：]")


class _Context(MentionFates):
    """Turns the items' sentences into milestones (the fates of their mentions come from MentionFates)."""

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

    def milestones(self, initiative_id: str, title: Piece, body: Piece) -> tuple[list[DraftMilestone], Units | None]:
        dated: list[tuple[str | None, str, list[Mention]]] = []
        ongoing: list[str] = []
        ongoing_at: list[int] = []  # where each ongoing sentence starts in the source
        owned_from = 0  # milestones from this index on get the next owner line's units
        owners: list[Units] = []
        owner_of: dict[int, Units] = {}
        previous_was_owner, previous_owned_from = False, 0
        rows, covered = table_rows(body)
        sentences = [p for p in split_sentences(body) if not any(a <= p.at < b for a, b in covered)]
        for row in rows:
            self._table_row(row, dated, owner_of)
        owned_from = len(dated)
        if self.mentions_in(title) and any(
            self._fate(m) in ("deadline", "recurring") for *_, m in self.mentions_in(title)
        ):
            sentences = [title, *sentences]  # a one-sentence item, or a phase with its dates: the title carries them
        for sentence in sentences:
            if m := LIST_MARKER.match(sentence.text):
                sentence = sentence.cut(m.end())  # "1. 二季度，制定…" nested inside an item
            if sentence.text.startswith("|"):
                sentence = sentence.cut(1).strip()  # "| 23日新生報到": a cell of a table flattened one per line
            sentence, units = split_owner(sentence)
            if units is not None:
                if previous_was_owner and owners:  # 牵头单位：甲；配合单位：乙 split at the ；
                    last = owners[-1]
                    units = Units(last.unit or units.unit, last.co_units + units.co_units, last.led or units.led)
                    owners[-1] = units
                    owned_from = previous_owned_from
                else:
                    owners.append(units)
                previous_owned_from = owned_from
                for index in range(owned_from, len(dated)):
                    owner_of[index] = units
                owned_from = len(dated)
            previous_was_owner = units is not None and not sentence.text.strip(EDGE)
            text = sentence.text
            if not text.strip(EDGE):
                continue
            if _TIME_LABEL.match(normalize_chars(text)):
                # 完成时限：2024年6月底前 (a line, or in the bracket after a task): the work named before it
                # is due then; 完成时限：长期坚持 names no day, and the work stays ongoing
                timed = [
                    m
                    for *_, m in self.mentions_in(sentence)
                    if self._fate(m) in ("deadline", "recurring", "needs-person")
                ]
                if timed:
                    task = ongoing.pop() if ongoing else balanced_task(title.text.strip(EDGE))
                    del ongoing_at[len(ongoing) :]
                    dated += [(mention.text, task, [mention]) for mention in timed]
                continue
            found = self.mentions_in(sentence)
            phrases = []
            for start, end, mention in found:
                fate = self._fate(mention)
                if fate in ("deadline", "recurring", "needs-person"):
                    phrases.append((start, end, mention))
            if not phrases:
                ongoing.append(text.rstrip(EDGE))
                ongoing_at.append(sentence.at)
                continue
            lead_in = text[: phrases[0][0]].rstrip(EDGE + "（(")
            lead_in = re.sub(r"(分别|均|须|需|要|应)?(在|于)?$", "", lead_in).rstrip(EDGE)
            if re.fullmatch(r"(?:自|从)[^，,。]{1,16}(?:起|开始)", normalize_chars(lead_in)):
                lead_in = ""  # 自2025年第二季度起，每季度…: the start of the cadence after it, not a task
            # 3月底前 after a comma starts a clause of its own; 并于3月底前 continues the one before it
            same_clause = not re.search(r"[，,、：:；;（(]\s*$", text[: phrases[0][0]])
            # 第一阶段（3月1日—3月15日）：动员部署: the phase's name and the work after its dates are the task
            phase = re.search(r"[（(]\s*$", text[: phrases[0][0]]) and re.match(
                r"\s*[）)]\s*[:：]", text[phrases[0][1] :]
            )
            if phase and lead_in and len(lead_in) <= 12:
                lead_in, same_clause = f"{lead_in}：", True
            pending: list[Mention] = []  # phrases sharing the next task: 分别于6月15日、12月15日前报送…
            for index, (_, end, mention) in enumerate(phrases):
                next_start = phrases[index + 1][0] if index + 1 < len(phrases) else len(text)
                task = balanced_task(text[end:next_start].strip(EDGE))
                task = re.sub(r"(和|及|与|或)$", "", task).strip(EDGE)
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
                whole = text.rstrip(EDGE)
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
        item_units: Units | None = None
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
        fields = {"first": first, "last": last, "pieces": len(ongoing), "cells": len(cells)}
        self.warnings.append(Message(ImportMsg.NOT_UNDERSTOOD, **fields))

    def _table_row(
        self,
        row: dict[str, Piece],
        dated: list[tuple[str | None, str, list[Mention]]],
        owner_of: dict[int, Units],
    ) -> None:
        """A row of a task table: its time cell's dates govern its task cell; its unit cells own it."""
        task = row.get("task", Piece(0, "")).text.strip(EDGE + "|")
        time = row.get("time")
        unit = row.get("owner", Piece(0, "")).text.strip(EDGE + "|")
        co_units = tuple(
            u.strip() for u in re.split(r"[、，,；;]", row.get("co", Piece(0, "")).text.strip(EDGE + "|")) if u.strip()
        )
        if time is None or not task:
            return
        found = [m for *_, m in self.mentions_in(time) if self._fate(m) in ("deadline", "recurring", "needs-person")]
        words = time.text.strip(EDGE + "|")
        if not found and words and not normalize_chars(words).startswith(OPEN_WORDS):
            # 全年, 长期 in a 完成时限 column: a time, but not a day; a person says which
            line, col = self.source.place(time.at + time.text.index(words))
            mention = Mention(line, col, words, "date", fate="needs-person")
            mention.why = Message(ImportMsg.TIME_COLUMN, words=words)
            self.mentions.append(mention)
            bisect.insort(self.by_line.setdefault(line, []), mention, key=lambda m: m.col)
            self._warn(mention, ImportMsg.MENTION_REASON, text=words, reason=said(ImportMsg.TIME_COLUMN, words=words))
            found = [mention]
            mention.milestone = "pending"
        if not found:
            # 持续推进 in the time column, or nothing: the row's task is ongoing work, never dropped
            found_phrases: list[tuple[str | None, list[Mention]]] = [(words or None, [])]
        elif "time-shared" in row:
            # a row under the day of the row above (a merged cell): due then too, but the mention is
            # that row's, and stays accounted for once
            found_phrases = [(mention.text, []) for mention in found]
        else:
            found_phrases = [(mention.text, [mention]) for mention in found]
        for phrase, mentions in found_phrases:
            if unit or co_units:
                led = "牵头" in row.get("owner-header", Piece(0, "")).text
                owner_of[len(dated)] = Units(unit, co_units, led)
            dated.append((phrase, task, mentions))
