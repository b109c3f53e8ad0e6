"""The import of a report (importer, deadline mentions, report files, plan_import) and the deadline
grammar's refusals (``deadlines``, read by plan files too): ``ImportMsg``."""

from __future__ import annotations

from workplan_cli.i18n.keys import MessageKey

_HOW_TO_WRITE = "write it like 3月底前, 6月20日前, 6月下旬, 年底前, 二季度, 2025年10月底前 or 2024-07-15"
_HOW_TO_WRITE_ZH = (
    "请写作 3月底前、6月20日前、6月下旬、年底前、二季度、2025年10月底前 或 2024-07-15，持续性工作写“持续”"
)


class ImportMsg(MessageKey):
    """The keys of the import's refusals and the deadline grammar's reasons."""

    # Reading the report file
    NOT_REGULAR = "import.not_regular"
    TOO_LARGE = "import.too_large"
    CANNOT_READ = "import.cannot_read"
    TOO_LONG = "import.too_long"
    NOT_TEXT = "import.not_text"
    BINARY = "import.binary"
    NOT_A_ZIP = "import.not_a_zip"
    ZIP_BOMB = "import.zip_bomb"
    DAMAGED_DOCX = "import.damaged_docx"
    DOCTYPE = "import.doctype"
    UNREADABLE_DOCX = "import.unreadable_docx"
    # The report's text
    EMPTY = "import.empty"
    NO_SECTIONS = "import.no_sections"
    BAD_YEAR = "import.bad_year"
    TWO_YEARS_IN_TITLE = "import.two_years_in_title"
    ONE_YEAR_IN_TEXT = "import.one_year_in_text"
    NO_YEAR = "import.no_year"
    NO_YEAR_LISTED = "import.no_year_listed"
    THEN_RUN = "import.then_run"
    # Writing the plan
    HOLDS_A_PLAN = "import.holds_a_plan"
    OUT_IS_A_FILE = "import.out_is_a_file"
    OUT_NOT_WRITABLE = "import.out_not_writable"
    # What an import says it did (the summary, --explain, --update)
    WROTE = "import.wrote"
    PLAN_YEAR = "import.plan_year"
    YEAR_FROM_ISSUED_NAME = "import.year_from.issued_name"
    YEAR_FROM_OWN_NUMBER = "import.year_from.own_number"
    YEAR_FROM_ATTACHMENT = "import.year_from.attachment"
    YEAR_FROM_OPTION = "import.year_from.option"
    DATES = "import.dates"
    FATE_DEADLINE = "import.fate.deadline"
    FATE_RANGE = "import.fate.range"
    FATE_RECURRING = "import.fate.recurring"
    FATE_NOT_A_DEADLINE = "import.fate.not_a_deadline"
    FATE_NEEDS_PERSON = "import.fate.needs_person"
    FATE_REPAIRED = "import.fate.repaired"
    REMOVED_FILE = "import.removed_file"
    UPDATE_ADDED = "import.update.added"
    UPDATE_CHANGED = "import.update.changed"
    UPDATE_REMOVED = "import.update.removed"
    UPDATE_KEPT = "import.update.kept"
    UPDATE_NONE = "import.update.none"
    UPDATE_INITIATIVE = "import.update.initiative"
    UPDATE_INITIATIVE_FILE = "import.update.initiative_file"
    UPDATE_DEADLINE = "import.update.deadline"
    UPDATE_REWORDED = "import.update.reworded"
    UPDATE_REWORDED_DONE_LOST = "import.update.reworded_done_lost"
    UPDATE_MILESTONE = "import.update.milestone"
    UPDATE_MILESTONE_WAS_DONE = "import.update.milestone_was_done"
    ONGOING = "import.ongoing"
    # Why a date is not a deadline (the reason's English is its code, as --explain and the corpus write it)
    REASON_PLAN_YEAR_REASON = "import.reason.plan-year"
    REASON_STATUS_DATE = "import.reason.status-date"
    REASON_PAST_EVENT = "import.reason.past-event"
    REASON_SIGNING_DATE = "import.reason.signing-date"
    REASON_CITED_DOCUMENT = "import.reason.cited-document"
    REASON_OWN_DOCUMENT_NUMBER = "import.reason.own-document-number"
    REASON_VALIDITY = "import.reason.validity"
    REASON_PER_CASE_LIMIT = "import.reason.per-case-limit"
    REASON_PERIOD_LABEL = "import.reason.period-label"
    REASON_START_DATE = "import.reason.start-date"
    REASON_OTHER_REASON = "import.reason.other"
    # Warnings about the report's dates (each names its line and the sentence)
    WARNING = "import.warning"
    WARN_REPAIRED = "import.warn.repaired"
    REPAIR_NOTE = "import.repair.note"
    REPAIR_DAY_LEFT_OUT = "import.repair.day_left_out"
    CANNOT_READ_PHRASE = "import.warn.cannot_read_phrase"
    SECOND_TERM = "import.warn.second_term"
    MENTION_REASON = "import.warn.mention_reason"
    OUTSIDE_SECTIONS = "import.reason.outside_sections"
    GOVERNS_NO_TASK = "import.reason.governs_no_task"
    TIME_COLUMN = "import.reason.time_column"
    NOT_UNDERSTOOD = "import.warn.not_understood"
    # The deadline grammar's reasons for refusing a phrase
    PHRASE_HOW_TO_WRITE = "phrase.how_to_write"
    PHRASE_EMPTY = "phrase.empty"
    PHRASE_NO_MONTH = "phrase.no_month"
    PHRASE_NO_SUCH_DAY = "phrase.no_such_day"
    PHRASE_MONTH_AMBIGUOUS = "phrase.month_ambiguous"
    PHRASE_DAMAGED = "phrase.damaged"
    PHRASE_STATUS_DATE = "phrase.status_date"
    PHRASE_START_OF_YEAR = "phrase.start_of_year"
    PHRASE_WORKING_DAYS_FORM = "phrase.working_days_form"
    PHRASE_HOLIDAY_FORM = "phrase.holiday_form"
    PHRASE_NO_DAY_IN_MONTH = "phrase.no_day_in_month"
    PHRASE_WEEK_OF_MONTH = "phrase.week_of_month"
    PHRASE_RECURRING_FORM = "phrase.recurring_form"
    PHRASE_PER_CASE = "phrase.per_case"
    PHRASE_NEEDS_ASSIGNED = "phrase.needs_assigned"
    PHRASE_NEEDS_CALENDAR = "phrase.needs_calendar"
    PHRASE_CALENDAR = "phrase.calendar"
    PHRASE_RANGE_BACKWARDS = "phrase.range_backwards"
    NO_VALID_DATE = "phrase.no_valid_date"


TEXT: dict[MessageKey, tuple[str, str]] = {
    ImportMsg.NOT_REGULAR: (
        "{path}: not a regular file; give the report's .txt or .docx file",
        "{path}：不是普通文件；请给出报告的 .txt 或 .docx 文件",
    ),
    ImportMsg.TOO_LARGE: ("{path}: larger than {mib} MiB; is it a report?", "{path}：超过 {mib} MiB，这是报告吗？"),
    ImportMsg.CANNOT_READ: ("{path}: cannot read: {reason}", "{path}：无法读取：{reason}"),
    ImportMsg.TOO_LONG: (
        "{path}: {count} characters of text, more than {limit}; is it a report?",
        "{path}：正文有 {count} 个字符，超过 {limit}，这是报告吗？",
    ),
    ImportMsg.NOT_TEXT: (
        "{path}: neither UTF-8 nor GB18030/GBK text (byte {byte}); save it as UTF-8",
        "{path}：既不是 UTF-8 也不是 GB18030/GBK 文本（第 {byte} 字节）；请另存为 UTF-8",
    ),
    ImportMsg.BINARY: ("{path}: looks like a binary file, not a report", "{path}：像是二进制文件，不是报告"),
    ImportMsg.NOT_A_ZIP: (
        "{path}: not a .docx file (not a zip archive); save the report as .docx or .txt",
        "{path}：不是 .docx 文件（不是 zip 压缩包）；请另存为 .docx 或 .txt",
    ),
    ImportMsg.ZIP_BOMB: (
        "{path}: refused: it would expand to {expanded} bytes in {parts} parts ({ratio}x its size); "
        "a zip bomb is not a report",
        "{path}：已拒绝：解压后将达 {expanded} 字节、{parts} 个部件（{ratio} 倍），不像是报告",
    ),
    ImportMsg.DAMAGED_DOCX: ("{path}: a damaged .docx ({part})", "{path}：.docx 文件已损坏（{part}）"),
    ImportMsg.DOCTYPE: (
        "{path}: refused: {part} declares a DOCTYPE or entities, which Word never writes",
        "{path}：已拒绝：{part} 含 DOCTYPE 或实体声明（Word 不会生成）",
    ),
    ImportMsg.UNREADABLE_DOCX: ("{path}: not a readable .docx file", "{path}：不是可读取的 .docx 文件"),
    ImportMsg.EMPTY: ("the report is empty", "报告是空的"),
    ImportMsg.NO_SECTIONS: (
        "found no sections: expected paragraphs starting 一、 二、 …; is this a work-plan report?",
        "没有找到“一、二、……”开头的部分；这是工作计划吗？",
    ),
    ImportMsg.BAD_YEAR: (
        "--year {year} is not a plan year; give the year the plan is for, such as --year 2025",
        "--year {year} 不是计划年度；请给出计划所属的年份，例如 --year 2025",
    ),
    ImportMsg.TWO_YEARS_IN_TITLE: (
        "the title names the years {first} and {second} ({title}); give the plan year with --year {first} "
        "or --year {second}",
        "标题中有 {first} 和 {second} 两个年份（{title}）；请用 --year {first} 或 --year {second} 指明计划年度",
    ),
    ImportMsg.ONE_YEAR_IN_TEXT: (
        "cannot tell the plan year: the title names none and there is no document number of its own; "
        "only {year} appears in the text (it may be a cited document's); if {year} is the plan year, "
        "give --year {year}",
        "无法确定计划年度：标题中没有年份，也没有本文件文号；"
        "文中只出现 {year} 年（也可能是所引文件的年份）；若计划年度就是 {year}，请加 --year {year}",
    ),
    ImportMsg.NO_YEAR: (
        "cannot tell the plan year: the title names none (such as 2024年工作计划) and there is no document "
        "number of its own (〔2024〕1号); give it with --year",
        "无法确定计划年度：标题中没有年份（如 2024年工作计划），也没有本文件文号（如〔2024〕1号）；请用 --year 指明",
    ),
    ImportMsg.NO_YEAR_LISTED: (
        "cannot tell the plan year: the title names none (such as 2024年工作计划) and there is no document "
        "number of its own (〔2024〕1号); years in the text: {years}; give it with --year",
        "无法确定计划年度：标题中没有年份（如 2024年工作计划），也没有本文件文号（如〔2024〕1号）；"
        "文中出现的年份：{years}；请用 --year 指明",
    ),
    ImportMsg.THEN_RUN: ("{refusal}: {command}", "{refusal}：{command}"),
    ImportMsg.HOLDS_A_PLAN: (
        "{out} already holds a plan; use --update to re-import keeping done dates, notes and owners, "
        "or --force to replace it",
        "{out} 中已有计划；用 --update 重新导入并保留完成日期、进展和责任单位，或用 --force 替换",
    ),
    ImportMsg.OUT_IS_A_FILE: (
        "--out {out} is a file, not a folder; give the folder to write the plan into",
        "--out {out} 是文件而不是文件夹；请给出写入计划的文件夹",
    ),
    ImportMsg.OUT_NOT_WRITABLE: (
        "--out {out}: cannot write in {folder} (permission denied); nothing was written",
        "--out {out}：无法写入 {folder}（没有权限）；未写入任何文件",
    ),
    ImportMsg.WROTE: (
        "wrote {folder}: {initiatives} initiatives, {milestones} milestones ({dated} with a deadline), "
        "plan year {year}",
        "已写入 {folder}：{initiatives} 项重点工作，{milestones} 个节点（{dated} 个有完成时限），计划年度 {year}",
    ),
    ImportMsg.PLAN_YEAR: ("plan year {year} (from the {reason})", "计划年度 {year}（依据：{reason}）"),
    ImportMsg.YEAR_FROM_ISSUED_NAME: ("name of the attached plan", "印发的方案名称"),
    ImportMsg.YEAR_FROM_OWN_NUMBER: ("own document number", "本文件文号"),
    ImportMsg.YEAR_FROM_ATTACHMENT: ("attachment title", "附件标题"),
    ImportMsg.YEAR_FROM_OPTION: ("--year", "--year 参数"),
    ImportMsg.DATES: (
        "dates: {total} found: {deadlines} deadlines, {recurring} recurring, {others} not deadlines, "
        "{persons} need a person",
        "日期 {total} 处：完成时限 {deadlines}，周期性 {recurring}，不是完成时限 {others}，需人工确认 {persons}",
    ),
    ImportMsg.FATE_DEADLINE: ("deadline {due}", "完成时限 {due}"),
    ImportMsg.FATE_RANGE: ("deadline {start}…{due}", "完成时限 {start}至{due}"),
    ImportMsg.FATE_RECURRING: ("recurring", "周期性时限"),
    ImportMsg.FATE_NOT_A_DEADLINE: ("not a deadline: {reason}", "不是完成时限：{reason}"),
    ImportMsg.FATE_NEEDS_PERSON: ("needs a person: {reason}", "需人工确认：{reason}"),
    ImportMsg.FATE_REPAIRED: ("  (repaired: {note})", "  （已修复：{note}）"),
    ImportMsg.REMOVED_FILE: ("removed {path}", "已删除 {path}"),
    ImportMsg.UPDATE_ADDED: ("added: {item}", "新增：{item}"),
    ImportMsg.UPDATE_CHANGED: ("changed: {item}", "变更：{item}"),
    ImportMsg.UPDATE_REMOVED: ("removed: {item}", "删除：{item}"),
    ImportMsg.UPDATE_KEPT: ("kept done dates, notes and owners of: {ids}", "保留了完成日期、进展和责任单位：{ids}"),
    ImportMsg.UPDATE_NONE: ("no changes", "没有变化"),
    ImportMsg.UPDATE_INITIATIVE: ("initiative {id} {title}", "重点工作 {id} {title}"),
    ImportMsg.UPDATE_INITIATIVE_FILE: ("initiative {id} {title} ({file})", "重点工作 {id} {title}（{file}）"),
    ImportMsg.UPDATE_DEADLINE: ("{id}: deadline {old} -> {new}", "{id}：完成时限 {old} -> {new}"),
    ImportMsg.UPDATE_REWORDED: ("{id}: task reworded: {old} -> {new}", "{id}：任务改写：{old} -> {new}"),
    ImportMsg.UPDATE_REWORDED_DONE_LOST: (
        "{id}: task reworded: {old} -> {new}; its done date {done} was not carried over",
        "{id}：任务改写：{old} -> {new}；原完成日期 {done} 未保留",
    ),
    ImportMsg.UPDATE_MILESTONE: ("{id} {phrase}: {task}", "{id} {phrase}：{task}"),
    ImportMsg.UPDATE_MILESTONE_WAS_DONE: (
        "{id} {phrase}: {task} (was done on {done})",
        "{id} {phrase}：{task}（曾于 {done} 完成）",
    ),
    ImportMsg.ONGOING: ("ongoing", "持续"),
    ImportMsg.REASON_PLAN_YEAR_REASON: ("plan-year", "计划年度"),
    ImportMsg.REASON_STATUS_DATE: ("status-date", "截至某日的进展或数据日期"),
    ImportMsg.REASON_PAST_EVENT: ("past-event", "已发生的事"),
    ImportMsg.REASON_SIGNING_DATE: ("signing-date", "成文或发布日期"),
    ImportMsg.REASON_CITED_DOCUMENT: ("cited-document", "所引文件的文号"),
    ImportMsg.REASON_OWN_DOCUMENT_NUMBER: ("own-document-number", "本文件文号"),
    ImportMsg.REASON_VALIDITY: ("validity", "施行或有效期"),
    ImportMsg.REASON_PER_CASE_LIMIT: ("per-case-limit", "按件计算的办理时限"),
    ImportMsg.REASON_PERIOD_LABEL: ("period-label", "时期名称"),
    ImportMsg.REASON_START_DATE: ("start-date", "开始日期"),
    ImportMsg.REASON_OTHER_REASON: ("other", "其他"),
    ImportMsg.WARNING: ("line {line}: {message} — in: {sentence}", "第{line}行：{message} —— 原文：{sentence}"),
    ImportMsg.WARN_REPAIRED: ("{text}: {note}", "{text}：已修复（{note}）"),
    ImportMsg.REPAIR_NOTE: ("{note}; the plan says {phrase}", "{note}，读作 {phrase}"),
    ImportMsg.REPAIR_DAY_LEFT_OUT: (
        "read {text} as {phrase} (日 is missing from the text)",
        "“{text}”原文缺“日”，读作 {phrase}",
    ),
    ImportMsg.CANNOT_READ_PHRASE: ("cannot read deadline '{text}': {reason}", "无法识别时限 “{text}”：{reason}"),
    ImportMsg.SECOND_TERM: (
        "{text}: read as {due}, in the second term of the {year}—{next} school year; the plan says {phrase}",
        "{text}：按 {year}—{next} 学年第二学期读作 {due}，计划中写作 {phrase}",
    ),
    ImportMsg.MENTION_REASON: ("{text}: {reason}", "{text}：{reason}"),
    ImportMsg.OUTSIDE_SECTIONS: ("a date outside the plan's sections: not imported", "位于各部分之外的日期，未导入"),
    ImportMsg.GOVERNS_NO_TASK: ("a date that governs no task: not imported", "未对应任何任务的日期，未导入"),
    ImportMsg.TIME_COLUMN: (
        "the time column says {words}: by the end of the year, or ongoing all year?",
        "完成时限一栏写的是“{words}”：是年底前完成，还是全年持续？",
    ),
    ImportMsg.NOT_UNDERSTOOD: (
        "lines {first}–{last}: structure not understood (it looks like a table flattened one cell per line: "
        "{pieces} pieces, {cells} of them short cells, were joined into one ongoing milestone); "
        "a person must restructure it",
        "第{first}–{last}行：结构无法识别（像是逐格拆开的表格：{pieces} 段文字、其中 {cells} 个短格"
        "被连成一个持续性节点），需人工整理",
    ),
    ImportMsg.PHRASE_HOW_TO_WRITE: (_HOW_TO_WRITE, _HOW_TO_WRITE_ZH),
    ImportMsg.PHRASE_EMPTY: (
        f"the phrase is empty; {_HOW_TO_WRITE}, or 持续 for ongoing work",
        f"时限为空；{_HOW_TO_WRITE_ZH}",
    ),
    ImportMsg.PHRASE_NO_MONTH: ("there is no month {month}", "没有 {month} 月"),
    ImportMsg.PHRASE_NO_SUCH_DAY: (
        "{year}-{month:02d} has {days} days, not {day}",
        "{year} 年 {month:d} 月只有 {days} 天（没有 {day} 日）",
    ),
    ImportMsg.PHRASE_MONTH_AMBIGUOUS: (
        "ambiguous: end of month {month} ({month}月底前) or before it starts ({before}月底前)? write one of these",
        "有歧义：是 {month}月底前，还是 {month} 月开始之前（{before}月底前）？请写明其一",
    ),
    ImportMsg.PHRASE_DAMAGED: (
        "looks damaged ('{digits}日' has no 月): could be {options}; fix the text",
        "疑似缺字（'{digits}日' 缺少“月”）：可能是 {options}；请修正原文",
    ),
    ImportMsg.NO_VALID_DATE: ("no valid date", "没有有效日期"),
    ImportMsg.PHRASE_STATUS_DATE: (
        "截至… states where things stand on a date, it is not a deadline",
        "“截至…”表示某日的进展，不是完成时限",
    ),
    ImportMsg.PHRASE_START_OF_YEAR: (
        "年初 (the start of the year) names no day: write 1月底前 or 一季度",
        "“年初”没有确定的日期：请写作 1月底前 或 一季度",
    ),
    ImportMsg.PHRASE_WORKING_DAYS_FORM: (
        "write working-day deadlines as N个工作日内 (with `assigned:` on the milestone)",
        "工作日时限请写作“N个工作日内”，并在节点上写 `assigned:` 交办日期",
    ),
    ImportMsg.PHRASE_HOLIDAY_FORM: (
        "write holiday deadlines as 春节前, 国庆前, “十一”之前, 2025年元旦前 …",
        "节日时限请写作 春节前、国庆前、“十一”之前、2025年元旦前 等",
    ),
    ImportMsg.PHRASE_NO_DAY_IN_MONTH: ("there is no day {day} in a month", "一个月没有 {day} 日"),
    ImportMsg.PHRASE_WEEK_OF_MONTH: (
        "a week of the month is not taken; write 每月底 (the month's last day) or 每周五 (every Friday)",
        "不支持“每月某一周”的写法；请写作 每月底 或 每周五",
    ),
    ImportMsg.PHRASE_RECURRING_FORM: (
        "write recurring deadlines like 每月5日前, 每月底, 每季度, 每半年, 每季度最后一个月的25日前, 每周五 "
        "or 每年6月30日前",
        "周期性时限请写作 每月5日前、每月底、每季度、每半年、每季度最后一个月的25日前、每周五 或 每年6月30日前",
    ),
    ImportMsg.PHRASE_PER_CASE: (
        "a time limit counted from each case, not a deadline of the plan; add `assigned: YYYY-MM-DD` "
        "to the milestone to count it from that day",
        "这是按件计算的办理时限，不是计划的完成时限；如需按期跟踪，请在节点上添加 `assigned: YYYY-MM-DD`",
    ),
    ImportMsg.PHRASE_NEEDS_ASSIGNED: (
        "working days are counted from the day the task was assigned: add `assigned: YYYY-MM-DD` to the milestone",
        "工作日从交办之日起算：请在节点上添加 `assigned: YYYY-MM-DD`",
    ),
    ImportMsg.PHRASE_NEEDS_CALENDAR: ("needs the working-day calendar", "需要工作日日历"),
    ImportMsg.PHRASE_CALENDAR: ("{reason}", "{reason}"),
    ImportMsg.PHRASE_RANGE_BACKWARDS: ("the range starts after it ends", "时间段的开始晚于结束"),
}
