"""The words of the progress reports and the year-end summary (月报/季报, 工作总结): ``ReportMsg``."""

from __future__ import annotations

from workplan_cli.i18n.keys import MessageKey


class ReportMsg(MessageKey):
    """The keys of the report documents' headings, sentences and table columns."""

    TITLE = "report.title"
    SUMMARY_TITLE = "report.summary_title"
    SUBTITLE = "report.subtitle"
    SOURCE = "report.source"
    INTRO = "report.intro"
    SUMMARY_INTRO = "report.summary_intro"
    PERIOD_SENTENCE = "report.period_sentence"
    YEAR_SENTENCE = "report.year_sentence"
    WHOLE_YEAR_SENTENCE = "report.whole_year_sentence"
    PACE_SENTENCE = "report.pace_sentence"
    SCOPE = "report.scope"
    THIS_PERIOD = "report.this_period"
    YEAR_SO_FAR = "report.year_so_far"
    COUNT_COLUMNS = "report.count_columns"
    RANK = "report.rank"
    RANK_RULE = "report.rank_rule"
    OVERDUE_INTRO = "report.overdue_intro"
    NO_OVERDUE = "report.no_overdue"
    OVERDUE_COLUMNS = "report.overdue_columns"
    LATE_DAYS = "report.late_days"
    LATE_WORKDAYS = "report.late_workdays"
    NEXT_INTRO = "report.next_intro"
    NOTHING_NEXT = "report.nothing_next"
    H_OVERVIEW = "report.h_overview"
    H_UNITS = "report.h_units"
    H_OVERDUE = "report.h_overdue"
    H_INITIATIVES = "report.h_initiatives"
    H_NEXT = "report.h_next"
    H_DONE = "report.h_done"
    H_CARRIED = "report.h_carried"
    H_PLANS = "report.h_plans"
    FILL_IN = "report.fill_in"
    NONE = "report.none"
    PROGRESS = "report.progress"
    PROBLEMS = "report.problems"
    NEXT = "report.next"
    PERCENT = "report.percent"
    DONE_ON = "report.done_on"
    DONE_EARLY_ON = "report.done_early_on"
    DONE_LATE_ON = "report.done_late_on"
    OVERDUE_BY = "report.overdue_by"
    UNIT_DAYS = "report.unit_days"
    UNIT_WORKDAYS = "report.unit_workdays"
    OPEN = "report.open"
    EXPECTED = "report.expected"
    PACED = "report.paced"


TEXT: dict[MessageKey, tuple[str, str]] = {
    ReportMsg.TITLE: ("Progress of the work plan: {period}", "{period}工作计划推进情况报告"),
    ReportMsg.SUMMARY_TITLE: ("Summary of the {year} work plan", "{year}年度工作计划执行情况总结"),
    ReportMsg.SUBTITLE: (
        "(period {start} to {end}; as of {as_of})",
        "（统计期间：{start}至{end}，数据截至{as_of}）",
    ),
    ReportMsg.SOURCE: ("(read from {source})", "（数据来源：{source}）"),
    ReportMsg.INTRO: (
        "This report sets out how the milestones of {plan} stood in {period}.",
        "现将{period}《{plan}》确定的重点任务推进情况报告如下。",
    ),
    ReportMsg.SUMMARY_INTRO: (
        "This summary sets out what was done of the milestones of {plan} in {year}, and what is carried over.",
        "现将{year}年《{plan}》确定的重点任务完成情况总结如下。",
    ),
    ReportMsg.PERIOD_SENTENCE: (
        "In this period {due} milestones fell due: {on_time} done on time, {done_late} done late, "
        "{overdue} overdue and not done, {in_progress} still in progress; besides, {early} done ahead of "
        "their deadline. Completion rate {rate}, on time {on_time_rate}.",
        "本期应完成节点任务{due}项，其中按时完成{on_time}项、逾期完成{done_late}项、逾期未完成{overdue}项、"
        "正在推进{in_progress}项；另有{early}项提前完成。本期完成率{rate}，按时完成率{on_time_rate}。",
    ),
    ReportMsg.YEAR_SENTENCE: (
        "Since the start of the year {due} milestones fell due: {on_time} done on time, {done_late} done late, "
        "{overdue} overdue and not done, {in_progress} still in progress; besides, {early} done ahead of "
        "their deadline. Completion rate {rate}, on time {on_time_rate}.",
        "年初以来累计应完成节点任务{due}项，其中按时完成{on_time}项、逾期完成{done_late}项、"
        "逾期未完成{overdue}项、正在推进{in_progress}项；另有{early}项提前完成。累计完成率{rate}，"
        "按时完成率{on_time_rate}。",
    ),
    ReportMsg.WHOLE_YEAR_SENTENCE: (
        "In the year {due} milestones fell due: {on_time} done on time, {done_late} done late, "
        "{overdue} overdue and not done, {in_progress} still in progress at the year's end. "
        "Completion rate {rate}, on time {on_time_rate}.",
        "全年应完成节点任务{due}项，其中按时完成{on_time}项、逾期完成{done_late}项、逾期未完成{overdue}项、"
        "截至年末正在推进{in_progress}项。全年完成率{rate}，按时完成率{on_time_rate}。",
    ),
    ReportMsg.PACE_SENTENCE: (
        "Of the milestones not yet due, against schedule progress: {ahead} ahead, {on_schedule} on schedule, "
        "{behind} behind, {unrated} without a reported percent.",
        "尚未到期的节点任务中，对照序时进度，超进度{ahead}项、达进度{on_schedule}项、欠进度{behind}项、"
        "未报完成进度{unrated}项。",
    ),
    ReportMsg.SCOPE: ("Scope", "统计范围"),
    ReportMsg.THIS_PERIOD: ("This period", "本期"),
    ReportMsg.YEAR_SO_FAR: ("Year so far", "年初以来"),
    ReportMsg.COUNT_COLUMNS: (
        "Due|On time|Done late|Overdue|In progress|Early|Completion|On time rate",
        "应完成|按时完成|逾期完成|逾期未完成|正在推进|提前完成|完成率|按时完成率",
    ),
    ReportMsg.RANK: ("Rank", "排名"),
    ReportMsg.RANK_RULE: (
        "Units are ranked by this period's completion rate, then by fewer overdue, then by more done on time; "
        "units with nothing due in the period are not ranked.",
        "各单位按本期完成率排名，完成率相同的，逾期未完成少者在前，再按按时完成多者在前；本期无应完成任务的单位不参与排名。",
    ),
    ReportMsg.OVERDUE_INTRO: (
        "As of {as_of}, {n} milestones are overdue and not done:",
        "截至{as_of}，逾期未完成的节点任务共{n}项，现予通报：",
    ),
    ReportMsg.NO_OVERDUE: ("As of {as_of}, no milestone is overdue.", "截至{as_of}，无逾期未完成的节点任务。"),
    ReportMsg.OVERDUE_COLUMNS: ("No.|ID|Task|Unit|Deadline|{late}", "序号|编号|任务内容|责任单位|完成时限|{late}"),
    ReportMsg.LATE_DAYS: ("Days late", "逾期天数"),
    ReportMsg.LATE_WORKDAYS: ("Working days late", "逾期工作日数"),
    ReportMsg.NEXT_INTRO: ("{n} milestones fall due in {period}:", "{period}需完成的节点任务共{n}项："),
    ReportMsg.NOTHING_NEXT: ("No milestone falls due in {period}.", "{period}无到期的节点任务。"),
    ReportMsg.H_OVERVIEW: ("Overview", "总体情况"),
    ReportMsg.H_UNITS: ("By unit", "各单位完成情况"),
    ReportMsg.H_OVERDUE: ("Overdue milestones", "逾期未完成事项通报"),
    ReportMsg.H_INITIATIVES: ("Progress by initiative", "重点工作推进情况"),
    ReportMsg.H_NEXT: ("Next period", "下阶段工作重点"),
    ReportMsg.H_DONE: ("What was done", "主要完成情况"),
    ReportMsg.H_CARRIED: ("Carried over", "结转事项"),
    ReportMsg.H_PLANS: ("Plans for next year", "下一年度工作打算"),
    ReportMsg.FILL_IN: ("(to be written)", "（请结合实际补充。）"),
    ReportMsg.NONE: ("None.", "无。"),
    ReportMsg.PROGRESS: ("Progress: ", "进展情况："),
    ReportMsg.PROBLEMS: ("Problems: ", "存在问题："),
    ReportMsg.NEXT: ("Next steps: ", "下步打算："),
    ReportMsg.PERCENT: (" ({n}% complete)", "（完成进度{n}%）"),
    ReportMsg.DONE_ON: ("done on {date}, on time", "已于{date}按时完成"),
    ReportMsg.DONE_EARLY_ON: ("done on {date}, ahead of its deadline", "已于{date}提前完成"),
    ReportMsg.DONE_LATE_ON: ("done on {date}, {n} {unit} late", "已于{date}完成，逾期{n}{unit}"),
    ReportMsg.OVERDUE_BY: ("overdue by {n} {unit}, not done", "逾期{n}{unit}未完成"),
    ReportMsg.UNIT_DAYS: ("days", "天"),
    ReportMsg.UNIT_WORKDAYS: ("working days", "个工作日"),
    ReportMsg.OPEN: ("in progress", "正在推进"),
    ReportMsg.EXPECTED: ("; schedule progress {expected}%", "，序时进度{expected}%"),
    ReportMsg.PACED: (
        "; schedule progress {expected}%, reported {reported}%: {pace}",
        "，序时进度{expected}%，已完成{reported}%，{pace}",
    ),
}
