"""Usage errors of commands: dates, periods, filters, ids, options that do not go together: ``UsageMsg``."""

from __future__ import annotations

from workplan_cli.i18n.keys import MessageKey


class UsageMsg(MessageKey):
    """The keys of usage errors of commands: dates, periods, filters, ids, options that do not go together."""

    DATE_NOT_YYYY_MM_DD = "usage.date_not_yyyy_mm_dd"
    NO_SUCH_DAY = "usage.no_such_day"
    FROM_GIT_ONE_PLAN = "usage.from_git_one_plan"
    UNKNOWN_TIMEZONE = "usage.unknown_timezone"
    NO_UNIT_HAS_AN_ADDRESS = "usage.no_unit_has_an_address"
    CHANNEL_WITH_TO = "usage.channel_with_to"
    EXPORT_WHAT = "usage.export_what"
    REPORT_WHICH_PERIOD = "usage.report_which_period"
    FORMS_REFUSED = "usage.forms_refused"
    COLLECT_WHERE = "usage.collect_where"
    FORMS_NOT_DELIVERED = "usage.forms_not_delivered"
    BAD_PERIOD = "usage.bad_period"
    OUTSIDE_PLAN_YEAR = "usage.outside_plan_year"
    ROLL_OVER_FIRST = "usage.roll_over_first"
    NO_SUCH_SECTION = "usage.no_such_section"
    NO_SUCH_OWNER = "usage.no_such_owner"
    NO_SUCH_UNIT = "usage.no_such_unit"
    NO_SUCH_LEADER = "usage.no_such_leader"
    NO_SUCH_ID = "usage.no_such_id"
    CLOSEST_IDS = "usage.closest_ids"
    LIST_SHOWS_IDS = "usage.list_shows_ids"
    NO_SUCH_FIELD = "usage.no_such_field"
    PLAN_WRITTEN_TO = "usage.plan_written_to"
    PARTS_NOT_UNDERSTOOD = "usage.parts_not_understood"
    DATES_NEED_A_PERSON = "usage.dates_need_a_person"


TEXT: dict[MessageKey, tuple[str, str]] = {
    UsageMsg.DATE_NOT_YYYY_MM_DD: (
        "{flag} {value!r}: expected a date written YYYY-MM-DD",
        "{flag} {value!r}：日期应写作 YYYY-MM-DD",
    ),
    UsageMsg.NO_SUCH_DAY: (
        "{flag} {value!r}: there is no such day (check the month and the day)",
        "{flag} {value!r}：不是有效日期（没有这一天，请检查月份和日期）",
    ),
    UsageMsg.FROM_GIT_ONE_PLAN: (
        "--from-git reads one plan's history: give one --plan (not several, nor a workspace)",
        "--from-git 只读取一个计划的历史：请只指定一个 --plan（不要多个，也不要工作区）",
    ),
    UsageMsg.UNKNOWN_TIMEZONE: (
        "timezone {timezone!r} in workplan.yaml is unknown",
        "workplan.yaml 中的时区 {timezone!r} 无法识别",
    ),
    UsageMsg.NO_UNIT_HAS_AN_ADDRESS: (
        "no digest was sent: no unit has an e-mail address in workplan.yaml (owners:)",
        "未发送任何周报：workplan.yaml（owners:）中没有任何单位的邮箱",
    ),
    UsageMsg.CHANNEL_WITH_TO: (
        "--channel goes with the notify: channels; --to and --by-owner are for e-mail to addresses",
        "--channel 用于 notify: 中的通道；--to 与 --by-owner 用于按地址发邮件",
    ),
    UsageMsg.EXPORT_WHAT: (
        "say what to export: --ics FILE, --xlsx FILE and/or --csv FILE",
        "请指明导出内容：--ics 文件、--xlsx 文件 和/或 --csv 文件",
    ),
    UsageMsg.REPORT_WHICH_PERIOD: (
        "give one period: --month, --quarter, --half or --year",
        "只能指定一个期间：--month、--quarter、--half 或 --year",
    ),
    UsageMsg.FORMS_REFUSED: (
        "{forms} form(s) refused, {conflicts} conflict(s) not written; see above",
        "{forms} 份表格被退回，{conflicts} 处冲突未写入；见上文",
    ),
    UsageMsg.COLLECT_WHERE: (
        "say where the forms go: --out DIR and/or --by-email",
        "请指明表格去向：--out 目录 和/或 --by-email",
    ),
    UsageMsg.FORMS_NOT_DELIVERED: (
        "{n_failed} of {n_made} forms not delivered",
        "{n_made} 份表格中有 {n_failed} 份未送达",
    ),
    UsageMsg.BAD_PERIOD: (
        "--{kind} {value!r}: expected a {kind} written like {example}",
        "--{kind} {value!r}：应写作 {example} 的形式",
    ),
    UsageMsg.OUTSIDE_PLAN_YEAR: (
        "{flag} {label}: outside the plan's year ({span}){later}",
        "{flag} {label}：不在计划年度（{span}）内{later}",
    ),
    UsageMsg.ROLL_OVER_FIRST: (
        "; for the next year, roll the plan over first (workplan rollover)",
        "；新年度请先结转计划（workplan rollover）",
    ),
    UsageMsg.NO_SUCH_SECTION: (
        "--section {section!r}: no such section; the plan has: {there}",
        "--section {section!r}：没有这一部分；计划中的部分：{there}",
    ),
    UsageMsg.NO_SUCH_OWNER: (
        "--owner {owner!r}: no milestone has this owner; owners in the plan: {there}",
        "--owner {owner!r}：没有节点属于这一责任单位；计划中的责任单位：{there}",
    ),
    UsageMsg.NO_SUCH_UNIT: (
        "--unit {unit!r}: no milestone names this unit; units in the plan: {there}",
        "--unit {unit!r}：没有节点涉及这一单位；计划中的单位：{there}",
    ),
    UsageMsg.NO_SUCH_LEADER: (
        "--leader {leader!r}: no milestone has this leader; leaders in the plan: {there}",
        "--leader {leader!r}：没有节点由这位领导负责；计划中的责任领导：{there}",
    ),
    UsageMsg.NO_SUCH_ID: (
        "no initiative or milestone has id {item_id!r}{hint}",
        "没有编号为 {item_id!r} 的重点工作或节点{hint}",
    ),
    UsageMsg.CLOSEST_IDS: (
        "; closest: {ids}",
        "；最接近的：{ids}",
    ),
    UsageMsg.LIST_SHOWS_IDS: (
        "; `workplan list` shows every id",
        "；`workplan list` 列出全部编号",
    ),
    UsageMsg.NO_SUCH_FIELD: (
        "{what} {item_id} has no field {field!r} to set; one of: {allowed}",
        "{what} {item_id} 没有可设置的字段 {field!r}；可设置：{allowed}",
    ),
    UsageMsg.PLAN_WRITTEN_TO: (
        "; the plan was written to {out}",
        "；计划已写入 {out}",
    ),
    UsageMsg.PARTS_NOT_UNDERSTOOD: (
        "{unreadable} part(s) of the report were not understood and {needing} date(s) need a person (listed "
        "above){written}; put them right in the plan by hand",
        "报告中有 {unreadable} 处结构无法识别、{needing} 处日期需人工确认（见上）{written}；请在计划中人工整理",
    ),
    UsageMsg.DATES_NEED_A_PERSON: (
        "{needing} date(s) need a person (listed above){written}; the milestones keep their phrases, so "
        "`workplan check` lists them until they are fixed; `--explain` shows every date",
        "{needing} 处日期需人工确认（见上）{written}；节点保留原文时限，`workplan check` 会一直列出，直到修正；"
        "`--explain` 列出全部日期",
    ),
}
