"""The fate of each date mention of a report: what import made of it and why."""

from __future__ import annotations

import bisect
import re

from workplan_cli.deadlines import (
    Deadline,
    DeadlineCalendar,
    DeadlineError,
    normalize_chars,
    resolve_deadline,
)
from workplan_cli.i18n import ImportMsg, Message, Phrase
from workplan_cli.import_drafts import DraftMilestone, Mention, Said, said
from workplan_cli.import_text import CITING, PINYIN, SENTENCE_END, Piece, Source, signing_line
from workplan_cli.import_year import year_written_in

# A year-only mention heading a sentence that sets a target: 2022年，全市新建5G基站2600个以上 /
# 2021年计划投资2500万元. Not 2024年是…之年, 2024年的工作, 2024年度 (no target verb right after).
_PLAN_YEAR_TARGET = re.compile(
    r"(?:[，,]\s*)?(?:[^，,。；;是的度]{0,12}?)(?:计划|力争|争取|确保|新建|建成|完成|实现|累计|达到|新增|启动|开工)"
)


# A line that is a document's or table's title (no sentence in it): 2018年…主要工作计划任务安排表
_TITLE_LINE = re.compile(r"[^。；;，,：:]{4,60}(?:表|方案|计划|清单|要点|安排|通知|意见|办法)")
# What follows a period when it names the figures of a table or a summary: 1-4月“双高”建设项目资金使用情况(表3)
_FIGURES_OF = re.compile(r"[^。；;，,、前]{0,30}情况\s*(?:[(（]\s*(?:表|附表|附件)\s*\d{1,2}\s*[)）])?\s*")


def _month_span_of_title(text: str) -> bool:
    """1-4月, 10月份, 上半年 in a title: the period the report covers (no 前, 底 or day: not a deadline)."""
    return bool(re.fullmatch(r"(?:\d{1,2}\s*[-－—~～至到]\s*)?\d{1,2}月份?|[上下]半年", normalize_chars(text)))


class MentionFates:
    """Gives every date mention of a report its fate: a deadline, recurring, not a deadline (with the
    reason, from what it is and where it stands) or needs a person; and resolves the deadlines."""

    def __init__(
        self,
        year: int,
        source: Source,
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
        self.warnings: list[Message] = []
        self.unreadable: list[tuple[int, int]] = []  # line spans whose structure was not understood
        self.folded_lines: dict[int, str] = {}
        self.school_year = False  # a plan for the school year starting in autumn of the plan year
        self.progress_report = False  # a report of what was done (业务报告, 进展通报), not a plan
        self.full_phrases: dict[int, tuple[str, bool]] = {}  # a calendar grid's days, written in full
        self.by_line: dict[int, list[Mention]] = {}
        for mention in mentions:
            self.by_line.setdefault(mention.line, []).append(mention)

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
        written_year = year_written_in(mention.text)
        if mention.kind == "document-number":
            # The report's own number stands in its head: alone on a short line, at the start of one,
            # or after 文号：; a number after 根据/按照 or inside 《》（） is one it cites.
            whole_before = PINYIN.sub("", line[:col])
            alone_in_brackets = bool(re.fullmatch(r"\s*[(（][^()（）]{0,12}", whole_before)) and bool(
                re.fullmatch(r"[)）]\s*", line[end:])
            )  # (鲁农函字〔2009〕42号) on a line of its own: the notice's own number, bracketed
            cited = any(word in whole_before for word in CITING) or (
                bool(re.search(r"[《（(]", whole_before)) and not alone_in_brackets
            )
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
        if opened and prose and any(w in lead_in for w in CITING if w != "《"):
            return "not-a-deadline", "cited-document"  # 根据《…规划（2016-2035）》: the name of a document cited
        clause_before = re.split(r"[。；;，,]", whole_before)[-1]
        clause_after = re.split(r"[。；;，,]", line[end:])[0]
        names_a_document = re.search(r"的通知|的意见|的决定|办法|规定|规划|纲要", clause_after)
        if any(w in clause_before for w in CITING[:4]) and names_a_document:
            return "not-a-deadline", "cited-document"  # 根据县政府关于2021年实施…的通知
        if re.match(r"(?:起|开始)(?:施行|实施|执行|生效)", after):
            return "not-a-deadline", "validity"  # 自2024年5月1日起施行: when it takes effect
        if mention.context == "from" and mention.kind in ("year", "years", "date"):
            since = "以来" in clause_after
            return "not-a-deadline", "past-event" if since else "period-label"  # 自2020年…以来 / 从2014年开始
        if self.progress_report and region == "body" and mention.kind == "date" and self._told(mention, clause_before):
            return "not-a-deadline", "past-event"  # 7月15日召開第1次委員會議: what the report tells was done
        sentence_after = re.split(r"[。；;]", line[end:])[0]
        if mention.kind == "date" and re.search(
            r"(?:印发|出台|召开|发布|举行|举办|签署|签订|审议通过|通过|进行|开展|组织)了", sentence_after
        ):
            return "not-a-deadline", "past-event"  # 2024年3月28日，县政府印发了…: an event told in the past tense
        if mention.kind == "date" and re.match(r"\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?!\s*(?:前|之前|以前))", after):
            return "not-a-deadline", "other"  # 时间:2022-04-09 08:27:37: a page's time stamp, not a deadline
        told = re.search(r"召开|举行|举办|参加|来到|走访|视察|签订", sentence_after)
        if re.match(r"(?:上午|下午|晚上)", after) and told and mention.kind == "date":
            return "not-a-deadline", "past-event"  # 5月6日下午，集团召开…: an event told, not a deadline
        if mention.kind == "weekday":
            return "not-a-deadline", "other"  # 周三下午…: a day of every week in a timetable rule
        if mention.kind == "lunar":
            return "not-a-deadline", "other"  # 腊月十四 beside a date: the lunar calendar's name for it
        if mention.kind in ("years", "period"):
            return "not-a-deadline", "period-label"
        if re.match(r"(?:的)?(?:进展|推进|完成|工作|执行|办理)?情况", after):
            return "not-a-deadline", "period-label"  # 10月份进展情况: the period a report covers
        if (
            mention.kind == "date"
            and not re.search(r"(?:前|底|末)$", normalize_chars(mention.text))
            and _FIGURES_OF.fullmatch(re.split(r"[、，,。；;]", line[end:])[0])
        ):
            return "not-a-deadline", "period-label"  # 1-4月资金使用情况(表3): the period a table's figures cover
        if mention.kind == "date" and (
            re.match(r"[”\"’]?(?:劳动竞赛|竞赛|是|时间紧|的关键)", after) or before.endswith("大干")
        ):
            return "not-a-deadline", "period-label"  # 二季度是全年工作的关键阶段: the period is the subject
        if mention.kind == "year" and re.match(r"(?:的)?(?:远景目标|远景|愿景)", after):
            return "not-a-deadline", "other"  # 2035年远景目标: the name of the long-range goals, not a target date
        if mention.kind == "year":
            if re.search(r"(?<![关对])(?:到|至|于|在)$", before) or after.startswith(("前", "底", "末")):
                return None
            clause_start = (
                not before
                or before[-1] in "。；;，,：:"
                or re.search(r"^\s*\d{1,2}[.、]$", before)
                or re.search(r"(?:^\s*[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]是)$", before)
            )  # also right after an item's number: （三）2024年，… / 一是2021年…
            if written_year is not None and written_year > self.year and clause_start and region == "body":
                return None  # 2015年在…取得决定性进展: a target for that year, due by its end
            if (
                written_year == self.year
                and clause_start
                and region == "body"
                and not _TITLE_LINE.fullmatch(line.strip())  # 2018年…工作计划任务安排表: a title, not a target
                and _PLAN_YEAR_TARGET.match(sentence_after)
                and not self._time_later_in(mention, len(sentence_after))  # 2021年计划于下半年…: 下半年 governs
            ):
                return None  # 2022年，全市新建5G基站2600个: the plan year's own target, due by its end
            if written_year == self.year and region in ("head", "attachment", "section"):
                return "not-a-deadline", "plan-year"
            if written_year is not None and written_year < self.year and re.match(r"[,，]", after):
                return "not-a-deadline", "past-event"  # 2023年，我局…
            return "not-a-deadline", "plan-year" if written_year == self.year else "period-label"
        if re.match(r"(?:起|开始)?(?:施行|实施|执行|生效|有效)", after) or re.search(r"有效期", before):
            return "not-a-deadline", "validity"
        if re.match(
            r"(?:(?:元旦|春节|清明|劳动节|五一|端午|中秋|国庆|十一)节?)?(?:放假|休假|调休)|(?:为|是)?星期|(?:为|是)?周[一二三四五六日]",
            after,
        ):
            return "not-a-deadline", "other"  # 2月10日至17日放假, 19—21日中秋放假: a holiday, not a deadline
        observed = re.match(r"[^，,。；;、\d]{1,8}(?:节|日)(?:[，,。；;]|$)", line[end:])
        if observed and mention.kind == "date" and not re.search(r"(?:前|底|末)$", mention.text):
            return "not-a-deadline", "other"  # 10日教师节, 3日国际残疾人日: a day observed, not a task
        if mention.context == "from":
            return "not-a-deadline", "period-label"  # 从2022年3月起: when the work starts, not when it is due
        target = re.match(r"(?:到|至)", normalize_chars(mention.text)) or re.search(r"前$", mention.text)
        if written_year is not None and written_year < self.year and region in ("body", "section") and not target:
            return "not-a-deadline", "past-event"
        if region in ("head", "attachment"):
            if written_year is not None and signing_line(line):
                return "not-a-deadline", "signing-date"
            short = len(line.strip()) <= 60 and not re.match(
                r"(?:到|至)", normalize_chars(mention.text)
            )  # 到…: a target
            if mention.kind == "date" and written_year is None and short and _month_span_of_title(mention.text):
                return "not-a-deadline", "period-label"  # 关于1-4月…的推进情况通报: the months it covers
            if mention.kind in ("date", "holiday") and written_year == self.year and short:
                # 关于2023年10月份…的通报: a month in a title names the period it covers; a whole
                # date at the top of a page is when the page was made
                if re.search(r"[日号]$|\d[-/.]\d{1,2}[-/.]\d{1,2}$", mention.text):
                    return "not-a-deadline", "other"
                return "not-a-deadline", "period-label" if "月" in mention.text else "plan-year"
        return None

    def _settle(self, mention: Mention, milestone: DraftMilestone) -> None:
        """A mention that became a milestone's deadline: resolve it, and say so if a person must look."""
        settled = mention.milestone == "pending"  # judged already (a table's 全年)
        mention.milestone, mention.task = milestone.id, milestone.task
        if settled:
            return
        if id(mention) in self.full_phrases:
            # 23日 in a calendar row of 2013 / 9: 2013年9月23日 (the plan year left out)
            written, left_out = self.full_phrases[id(mention)]
            milestone.phrase = re.sub(rf"(?<!\d){self.year}年", "", written)
            if left_out:
                note = said(ImportMsg.REPAIR_DAY_LEFT_OUT, text=mention.text, phrase=milestone.phrase)
                mention.repaired = note
                self._warn(mention, ImportMsg.WARN_REPAIRED, text=mention.text, note=note)
        elif month := self._month_before(mention):
            milestone.phrase = f"{month}{mention.text}"  # 5月6日和8日: the 8th of that month
        if mention.context == "monthly":
            milestone.phrase = f"每月{mention.text}"  # 每月9日、19日、28日前: the 19th of each month too
        if mention.kind == "recurring" and (begins := self._cadence_start(mention)):
            milestone.phrase = f"自{begins}起{mention.text}"  # 从2022年3月起,务于每月25日前: from March on
        if day := self._day_of_listed_month(mention):
            milestone.phrase = f"{mention.text}{day}日"  # 1月、3月…分别截至当月15日: the 15th of each
        try:
            deadline = resolve_deadline(milestone.phrase or mention.text, self.year, work_calendar=self.work_calendar)
        except DeadlineError as err:
            mention.fate, mention.why = "needs-person", err.said
            self._warn(mention, ImportMsg.CANNOT_READ_PHRASE, text=mention.text, reason=err.said)
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
            if deadline.start is None and deadline.due is not None:
                # The plan gets the date written in full, so it reads without a repair (and `check`
                # has nothing to confirm); the report's own wording stays in the initiative's text.
                due = deadline.due
                year = f"{due.year}年" if year_written_in(mention.text) is not None else ""
                before = "前" if re.search(r"(?:前|之前|以前)$", normalize_chars(mention.text)) else ""
                milestone.phrase = f"{year}{due.month}月{due.day}日{before}"
            note = said(ImportMsg.REPAIR_NOTE, note=Phrase(deadline.note, "原文缺字"), phrase=milestone.phrase)
            mention.repaired = note
            self._warn(mention, ImportMsg.WARN_REPAIRED, text=mention.text, note=note)

    def _told(self, mention: Mention, clause_before: str) -> bool:
        """Whether a day in a progress report is one it tells of (not due: no 前 or 底, no 预计 or 将 before
        it), and not a damaged day with several readings (that one a person reads)."""
        text = normalize_chars(mention.text)
        if re.search(r"(?:前|之前|以前|底|末|内|中|初)$", text) or re.search(
            r"将|预计|預計|拟|计划|预定|預定|力争|确保|争取", clause_before
        ):
            return False
        try:
            resolve_deadline(text, self.year, work_calendar=self.work_calendar)
        except DeadlineError as err:
            return err.said.key != ImportMsg.PHRASE_DAMAGED
        return True

    def _time_later_in(self, mention: Mention, reach: int) -> bool:
        """Whether another time (a date, cadence, holiday or period the finder found) follows the
        mention within ``reach`` characters after it on its line."""
        on_line = self.by_line.get(mention.line, [])
        index = bisect.bisect_right(on_line, mention.col, key=lambda m: m.col)  # the mentions after it
        for later in on_line[index:]:
            if later.col >= mention.end + reach:
                break  # past the sentence: the rest of the line is further still
            if later.kind in ("date", "recurring", "holiday", "period"):
                return True
        return False

    def _month_before(self, mention: Mention) -> str:
        """For a bare day listed after a date (5月6日和8日), that date's year and month as written."""
        if not re.fullmatch(r"\d{1,2}[日号]", normalize_chars(mention.text)):
            return ""
        on_line = self.by_line.get(mention.line, [])
        index = bisect.bisect_left(on_line, mention.col, key=lambda m: m.col)  # the mentions before it
        previous = on_line[index - 1] if index else None
        if previous is None or previous.end + 1 != mention.col:
            return ""
        written = re.match(r"(?:于|在|到)?(.*?月)", normalize_chars(previous.text))
        return previous.text[written.start(1) : written.end(1)] if written else ""

    def _cadence_start(self, mention: Mention) -> str:
        """The point a cadence starts from, written just before it in its clause (自2025年第二季度起，每季度…)."""
        line = self._folded(mention.line)
        on_line = self.by_line.get(mention.line, [])
        index = bisect.bisect_left(on_line, mention.col, key=lambda m: m.col)
        # Only the mentions within reach (the start stands at most 80 characters before): linear time.
        while index > 0 and on_line[index - 1].end >= mention.col - 90:
            index -= 1
            start = on_line[index]
            if start.end > mention.col or start.context != "from":
                continue
            between = line[start.end : mention.col]  # 起, (and the task, when it comes first) then the cadence
            if re.fullmatch(r"\s*(?:起|开始)[^。；;!?！？]{0,80}", between):
                return start.text
            break
        return ""

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
        if year_written_in(mention.text) is not None:
            return None
        try:
            deadline = resolve_deadline(mention.text, self.year + 1, work_calendar=self.work_calendar)
        except DeadlineError:
            return None
        milestone.phrase = re.sub(r"^((?:于|在|到)?)", rf"\g<1>{self.year + 1}年", mention.text, count=1)
        self._warn(
            mention,
            ImportMsg.SECOND_TERM,
            text=mention.text,
            due=deadline.due,
            year=self.year,
            next=self.year + 1,
            phrase=milestone.phrase,
        )
        return deadline

    def _warn(self, mention: Mention, key: ImportMsg, **fields: object) -> None:
        sentence = _sentence_around(self.lines[mention.line - 1], mention)
        message = Said(key, fields)
        self.warnings.append(Message(ImportMsg.WARNING, line=mention.line, message=message, sentence=sentence))

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
            outside = region in ("head", "attachment", "signoff", "blank")
            why = ImportMsg.OUTSIDE_SECTIONS if outside else ImportMsg.GOVERNS_NO_TASK
            mention.why = Message(why)
            self._warn(mention, ImportMsg.MENTION_REASON, text=mention.text, reason=why)


def _sentence_around(line: str, mention: Mention) -> str:
    """The sentence of a line that holds the mention (at most 300 characters either side of it)."""
    low = max(0, mention.col - 300)
    start = max((line.rfind(ch, low, mention.col) for ch in SENTENCE_END), default=-1)
    start = low if start == -1 else start + 1
    high = min(len(line), mention.end + 300)
    ends = [i for ch in SENTENCE_END if (i := line.find(ch, mention.end, high)) != -1]
    return line[start : (min(ends) + 1 if ends else high)].strip()
