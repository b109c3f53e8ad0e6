"""The labels, headings, summaries and outcome lines of the views and commands: ``Msg``."""

from __future__ import annotations

from workplan_cli.i18n.keys import MessageKey


class Msg(MessageKey):
    """Every key of the interface text. mypy checks each use; a key built at run time goes through
    ``Msg(...)``, which refuses one that does not exist."""

    STATUS_OVERDUE = "status.overdue"
    STATUS_DUE = "status.due"
    STATUS_UPCOMING = "status.upcoming"
    STATUS_ONGOING = "status.ongoing"
    STATUS_DONE = "status.done"
    STATUS_BEHIND = "status.behind"
    COL_STATUS = "col.status"
    COL_ID = "col.id"
    COL_INITIATIVE = "col.initiative"
    COL_TASK = "col.task"
    COL_DEADLINE = "col.deadline"
    COL_DAYS = "col.days"
    COL_OWNER = "col.owner"
    COL_PROGRESS = "col.progress"
    COL_DATE = "col.date"
    COL_NOTE = "col.note"
    DAYS_LATE = "days.late"
    DAYS_LATE_1 = "days.late.1"
    DAYS_LEFT = "days.left"
    DAYS_LEFT_1 = "days.left.1"
    WORKDAYS_LATE = "workdays.late"
    WORKDAYS_LATE_1 = "workdays.late.1"
    WORKDAYS_LEFT = "workdays.left"
    WORKDAYS_LEFT_1 = "workdays.left.1"
    DAYS_UNKNOWN = "days.unknown"
    WORKDAYS_UNKNOWN = "workdays.unknown"
    DUE_TODAY = "due.today"
    DONE_ON = "done.on"
    DONE_LATE = "done.late"
    SUMMARY_NOTHING = "summary.nothing"
    SUMMARY_DUE = "summary.due"
    SUMMARY_DUE_BEHIND = "summary.due_behind"
    SUMMARY_LIST = "summary.list"
    SUMMARY_COUNT = "summary.count"
    SUMMARY_NONE = "summary.none"
    SHOW_SECTION = "show.section"
    SHOW_FILE = "show.file"
    SHOW_TEXT = "show.text"
    SHOW_NOTES = "show.notes"
    CHECK_OK = "check.ok"
    CHECK_FAILED = "check.failed"
    PROBLEMS = "problems"
    ERROR = "error"
    WARNING = "warning"
    WROTE = "wrote"
    TIMELINE_LATER = "timeline.later"
    TIMELINE_LEGEND = "timeline.legend"
    TIMELINE_TODAY = "timeline.today"
    TIMELINE_OUTSIDE = "timeline.outside"
    TIMELINE_TITLE = "timeline.title"
    STATS_DONE_LATE = "stats.done_late"
    STATS_PROGRESS = "stats.progress"
    STATS_EMPTY = "stats.empty"
    STATS_NO_OWNER = "stats.no_owner"
    STATS_WHOLE = "stats.whole"
    STATS_BY_SECTION = "stats.by_section"
    STATS_BY_LEADER = "stats.by_leader"
    STATS_BY_OWNER = "stats.by_owner"
    DIGEST_HEADING = "digest.heading"
    DIGEST_SUBJECT = "digest.subject"
    DIGEST_OVERDUE = "digest.overdue"
    DIGEST_BEHIND = "digest.behind"
    DIGEST_DUE = "digest.due"
    DIGEST_NEWLY_OVERDUE = "digest.newly_overdue"
    DIGEST_CLOSED = "digest.closed"
    DIGEST_PROGRESS = "digest.progress"
    DIGEST_DAYS_LEFT = "digest.days_left"
    DIGEST_DONE_LATE = "digest.done_late"
    DIGEST_NEW_TAG = "digest.new_tag"
    DIGEST_ASIDE = "digest.aside"
    DIGEST_OWNER = "digest.owner"
    DIGEST_NO_OWNER = "digest.no_owner"
    DIGEST_PROGRESS_LINE = "digest.progress_line"
    DIGEST_FOR_OWNER = "digest.for_owner"
    DIGEST_NOTHING = "digest.nothing"
    ENTRY_PROGRESS = "entry.progress"
    ENTRY_PROBLEMS = "entry.problems"
    ENTRY_NEXT = "entry.next"
    ENTRY_EVIDENCE = "entry.evidence"
    ENTRY_EMPTY = "entry.empty"
    SHOW_LEAD = "show.lead"
    SHOW_CO_UNITS = "show.co_units"
    SHOW_LEADER = "show.leader"
    SHOW_REQUESTED = "show.requested"
    COLLECT_WROTE = "collect.wrote"
    COLLECT_NONE = "collect.none"
    COLLECT_SENT = "collect.sent"
    COLLECT_UNREACHABLE = "collect.unreachable"
    INGEST_REFUSED = "ingest.refused"
    INGEST_CONFLICT = "ingest.conflict"
    INGEST_CLOSES = "ingest.closes"
    INGEST_REQUESTS = "ingest.requests"
    INGEST_WROTE = "ingest.wrote"
    INGEST_PREVIEW = "ingest.preview"
    INGEST_NOTHING = "ingest.nothing"
    ACCEPT_DONE = "accept.done"
    CHASE_HEADING = "chase.heading"
    CHASE_UNITS = "chase.units"
    CHASE_COL_UNIT = "chase.col.unit"
    CHASE_COL_CONTACT = "chase.col.contact"
    CHASE_COL_MILESTONES = "chase.col.milestones"
    CHASE_NO_CONTACT = "chase.no_contact"
    CHASE_ANSWERED = "chase.answered"
    CHASE_OVERDUE = "chase.overdue"
    CHASE_NOTHING = "chase.nothing"
    DIGEST_LATEST = "digest.latest"
    DIGEST_UNREPORTED = "digest.unreported"
    DIGEST_COLUMNS = "digest.columns"
    NOTIFY_REMIND_TITLE = "notify.remind_title"
    NOTIFY_BECAME_OVERDUE = "notify.became_overdue"
    NOTIFY_ENTERED_WINDOW = "notify.entered_window"
    NOTIFY_NOTHING_TODAY = "notify.nothing_today"
    NOTIFY_CONTINUED = "notify.continued"
    NOTIFY_PART = "notify.part"
    NOTIFY_MENTION_PROMPT = "notify.mention_prompt"
    COMMIT_MADE = "commit.made"
    PROGRESS_READING = "progress.reading"
    HISTORY_EMPTY = "history.empty"
    ROLLOVER_WROTE = "rollover.wrote"
    PLANS_NOT_LOADED = "plans.not_loaded"
    PULL_CLONED = "pull.cloned"
    PULL_UPDATED = "pull.updated"
    PULL_UP_TO_DATE = "pull.up-to-date"
    PULL_NOT_GIT = "pull.not-git"
    PULL_FAILED = "pull.failed"
    UNPUBLISHED_YEAR = "calendar.unpublished_year"
    PACE_AHEAD = "pace.ahead"
    PACE_ON_SCHEDULE = "pace.on_schedule"
    PACE_BEHIND = "pace.behind"
    PACE_UNRATED = "pace.unrated"


# key -> (English, Chinese); str.format fields in braces.
TEXT: dict[MessageKey, tuple[str, str]] = {
    Msg.STATUS_OVERDUE: ("overdue", "逾期"),
    Msg.STATUS_DUE: ("due", "临期"),
    Msg.STATUS_UPCOMING: ("upcoming", "正常推进"),
    Msg.STATUS_ONGOING: ("ongoing", "持续推进"),
    Msg.STATUS_DONE: ("done", "已完成"),
    Msg.STATUS_BEHIND: ("behind", "欠进度"),
    Msg.COL_STATUS: ("Status", "状态"),
    Msg.COL_ID: ("ID", "编号"),
    Msg.COL_INITIATIVE: ("Initiative", "重点工作"),
    Msg.COL_TASK: ("Task", "具体任务"),
    Msg.COL_DEADLINE: ("Deadline", "完成时限"),
    Msg.COL_DAYS: ("Days", "剩余/逾期"),
    Msg.COL_OWNER: ("Owner", "责任单位"),
    Msg.COL_PROGRESS: ("Schedule progress", "序时进度"),
    Msg.COL_DATE: ("Date", "日期"),
    Msg.COL_NOTE: ("Note", "进展情况"),
    Msg.DAYS_LATE: ("{n} days late", "逾期 {n} 天"),
    Msg.DAYS_LATE_1: ("1 day late", "逾期 1 天"),
    Msg.DAYS_LEFT: ("{n} days left", "剩余 {n} 天"),
    Msg.DAYS_LEFT_1: ("1 day left", "剩余 1 天"),
    Msg.WORKDAYS_LATE: ("{n} working days late", "逾期 {n} 个工作日"),
    Msg.WORKDAYS_LATE_1: ("1 working day late", "逾期 1 个工作日"),
    Msg.WORKDAYS_LEFT: ("{n} working days left", "剩余 {n} 个工作日"),
    Msg.WORKDAYS_LEFT_1: ("1 working day left", "剩余 1 个工作日"),
    Msg.DAYS_UNKNOWN: ("? days ({why})", "天数未知（{why}）"),
    Msg.WORKDAYS_UNKNOWN: ("? working days ({why})", "工作日数未知（{why}）"),
    Msg.DUE_TODAY: ("due today", "今天到期"),
    Msg.DONE_ON: ("done {date}", "{date} 完成"),
    Msg.DONE_LATE: ("done {date}, {late}", "{date} 完成，{late}"),
    Msg.SUMMARY_NOTHING: (
        "Nothing is overdue or due within {window} days (as of {today}).",
        "截至 {today}，没有逾期或 {window} 天内到期的事项。",
    ),
    Msg.SUMMARY_DUE: (
        "{overdue} overdue, {due} due within {window} days (as of {today})",
        "逾期 {overdue} 项，{window} 天内到期 {due} 项（截至 {today}）",
    ),
    Msg.SUMMARY_DUE_BEHIND: (
        "{overdue} overdue, {due} due within {window} days, {behind} behind schedule (as of {today})",
        "逾期 {overdue} 项，{window} 天内到期 {due} 项，欠进度 {behind} 项（截至 {today}）",
    ),
    Msg.SUMMARY_LIST: ("{count} milestones: {parts} (as of {today})", "共 {count} 项：{parts}（截至 {today}）"),
    Msg.SUMMARY_COUNT: ("{n} {status}", "{status} {n} 项"),
    Msg.SUMMARY_NONE: ("none", "无"),
    Msg.SHOW_SECTION: ("Section", "所属部分"),
    Msg.SHOW_FILE: ("File", "文件"),
    Msg.SHOW_TEXT: ("Text", "原文"),
    Msg.SHOW_NOTES: ("Progress notes (进展情况)", "进展情况"),
    Msg.CHECK_OK: (
        "{folder}: {initiatives} initiatives, {milestones} milestones, no problems.",
        "{folder}：{initiatives} 项重点工作，{milestones} 个节点，没有问题。",
    ),
    Msg.CHECK_FAILED: ("{problems} problem(s) in {files} file(s)", "{files} 个文件中有 {problems} 处问题"),
    Msg.PROBLEMS: (
        "{n} problem(s) in plan files; run `workplan check` for the list",
        "计划文件中有 {n} 处问题；运行 `workplan check` 查看清单",
    ),
    Msg.ERROR: ("workplan: {message}", "workplan：{message}"),
    Msg.WARNING: ("workplan: warning: {message}", "workplan：警告：{message}"),
    Msg.WROTE: ("wrote {path}", "已写入 {path}"),
    Msg.TIMELINE_LATER: ("Later", "以后"),
    Msg.TIMELINE_LEGEND: ("━ range   N = milestone number", "━ 时间段   数字 = 节点序号"),
    Msg.TIMELINE_TODAY: ("▼ today {today}", "▼ 今天 {today}"),
    Msg.TIMELINE_OUTSIDE: ("today {today} is outside the plan year {year}", "今天 {today} 不在计划年度 {year} 内"),
    Msg.TIMELINE_TITLE: ("Plan year {year}", "{year} 年度计划"),
    Msg.STATS_DONE_LATE: ("done late", "逾期完成"),
    Msg.STATS_PROGRESS: ("Progress (done / dated)", "进度（完成 / 有时限）"),
    Msg.STATS_EMPTY: ("No milestones in this plan.", "计划中没有节点。"),
    Msg.STATS_NO_OWNER: ("(no owner)", "（未指定）"),
    Msg.STATS_WHOLE: ("Whole plan", "全部计划"),
    Msg.STATS_BY_SECTION: ("By section", "按部分"),
    Msg.STATS_BY_LEADER: ("By leader", "按责任领导"),
    Msg.STATS_BY_OWNER: ("By owner", "按责任单位"),
    Msg.DIGEST_HEADING: ("Work plan digest {as_of}", "工作计划周报 {as_of}"),
    Msg.DIGEST_SUBJECT: (
        "Work plan digest {as_of}: {overdue} overdue, {due} due within {window} days",
        "工作计划周报 {as_of}：逾期 {overdue} 项，{window} 天内到期 {due} 项",
    ),
    Msg.DIGEST_OVERDUE: ("{n} overdue", "逾期 {n} 项"),
    Msg.DIGEST_BEHIND: ("{n} behind schedule", "欠进度 {n} 项"),
    Msg.DIGEST_DUE: ("{n} due within {window} days", "{window} 天内到期 {n} 项"),
    Msg.DIGEST_NEWLY_OVERDUE: ("{n} became overdue in the past week", "过去一周新逾期 {n} 项"),
    Msg.DIGEST_CLOSED: ("{n} closed in the past week", "过去一周完成 {n} 项"),
    Msg.DIGEST_PROGRESS: ("Progress by section", "各部分进度"),
    Msg.DIGEST_DAYS_LEFT: ("{n} days left", "还剩 {n} 天"),
    Msg.DIGEST_DONE_LATE: ("done {date}, {n} days late", "{date} 完成，逾期 {n} 天"),
    Msg.DIGEST_NEW_TAG: ("new this week", "本周新逾期"),
    Msg.DIGEST_ASIDE: (" ({text})", "（{text}）"),
    Msg.DIGEST_OWNER: ("Owner: {owner}", "责任单位：{owner}"),
    Msg.DIGEST_NO_OWNER: ("unassigned", "未指定"),
    Msg.DIGEST_PROGRESS_LINE: ("{done}/{dated} done, {overdue} overdue", "完成 {done}/{dated}，逾期 {overdue}"),
    Msg.DIGEST_FOR_OWNER: (" ({owner})", "（{owner}）"),
    Msg.DIGEST_NOTHING: ("Nothing overdue, due or closed this week.", "本周无逾期、到期或完成事项。"),
    Msg.ENTRY_PROGRESS: ("Progress: {text}", "进展：{text}"),
    Msg.ENTRY_PROBLEMS: ("Problems: {text}", "问题：{text}"),
    Msg.ENTRY_NEXT: ("Next: {text}", "下步：{text}"),
    Msg.ENTRY_EVIDENCE: ("Evidence: {text}", "佐证：{text}"),
    Msg.ENTRY_EMPTY: ("(reported, nothing written)", "（已报送，未填内容）"),
    Msg.SHOW_LEAD: ("Lead unit", "牵头单位"),
    Msg.SHOW_CO_UNITS: ("Co-units", "配合单位"),
    Msg.SHOW_LEADER: ("Leader", "责任领导"),
    Msg.SHOW_REQUESTED: (
        "{id}: 销号 requested on {date}, awaiting acceptance (workplan accept {id})",
        "{id}：已于 {date} 申请销号，待确认（workplan accept {id}）",
    ),
    Msg.COLLECT_WROTE: ("wrote {path} ({n} milestones)", "已写入 {path}（{n} 项）"),
    Msg.COLLECT_NONE: (
        "no open milestone names a unit for {period}: no forms",
        "{period} 没有需要填报的单位：未生成表格",
    ),
    Msg.COLLECT_SENT: ("sent {line}", "已发送 {line}"),
    Msg.COLLECT_UNREACHABLE: (
        "no e-mail address in workplan.yaml (owners:) for: {units}; their forms were not sent",
        "workplan.yaml（owners:）中没有以下单位的邮箱：{units}；其表格未发送",
    ),
    Msg.INGEST_REFUSED: ("{path}: form refused, nothing of it written:", "{path}：表格被退回，未写入任何内容："),
    Msg.INGEST_CONFLICT: ("conflict: {message}", "冲突：{message}"),
    Msg.INGEST_CLOSES: ("→ done {date} (销号 accepted)", "→ {date} 销号（已确认）"),
    Msg.INGEST_REQUESTS: ("→ 销号 requested for {date}", "→ 申请 {date} 销号"),
    Msg.INGEST_WROTE: ("wrote {n} progress entries into {files} file(s)", "已写入 {n} 条进展，涉及 {files} 个文件"),
    Msg.INGEST_PREVIEW: (
        "{n} progress entries to write; nothing written yet: run again with --yes",
        "待写入 {n} 条进展；尚未写入：加 --yes 再运行",
    ),
    Msg.INGEST_NOTHING: ("nothing new to write", "没有需要写入的新内容"),
    Msg.ACCEPT_DONE: ("{id} done on {date} (销号 accepted)  ({path})", "{id} 已于 {date} 销号（确认申请）  ({path})"),
    Msg.CHASE_HEADING: (
        "Progress reports for {period}: {missing} unit(s) have not reported, {answered} have",
        "{period} 进展报送：未报送 {missing} 个单位，已报送 {answered} 个单位",
    ),
    Msg.CHASE_UNITS: ("Not reported (催办)", "未报送单位（催办）"),
    Msg.CHASE_COL_UNIT: ("Unit", "单位"),
    Msg.CHASE_COL_CONTACT: ("Contact", "联系方式"),
    Msg.CHASE_COL_MILESTONES: ("Milestones", "应报事项"),
    Msg.CHASE_NO_CONTACT: ("(none in owners:)", "（未在 owners: 中登记）"),
    Msg.CHASE_ANSWERED: ("Reported: {units}", "已报送：{units}"),
    Msg.CHASE_OVERDUE: ("Overdue without a progress entry for the period", "逾期且本期无进展报送的事项"),
    Msg.CHASE_NOTHING: ("Everyone has reported.", "各单位均已报送。"),
    Msg.DIGEST_LATEST: ("Latest progress ({source}): {text}", "最新进展（{source}）：{text}"),
    Msg.DIGEST_UNREPORTED: ("Not yet reported for {period}: {units}", "{period} 尚未报送进展：{units}"),
    Msg.DIGEST_COLUMNS: ("ID|Initiative|Task|Deadline|Standing|Owner", "编号|事项|任务|时限|情况|责任单位"),
    Msg.NOTIFY_REMIND_TITLE: ("Work plan reminder {as_of}", "工作计划提醒 {as_of}"),
    Msg.NOTIFY_BECAME_OVERDUE: ("{n} became overdue today", "今天起逾期 {n} 项"),
    Msg.NOTIFY_ENTERED_WINDOW: ("{n} now due within {window} days", "今天进入 {window} 天到期提醒 {n} 项"),
    Msg.NOTIFY_NOTHING_TODAY: ("Nothing became overdue or due today.", "今天没有新逾期或新进入到期提醒的事项。"),
    Msg.NOTIFY_CONTINUED: (" (continued)", "（续）"),
    Msg.NOTIFY_PART: (" ({part}/{parts})", "（{part}/{parts}）"),
    Msg.NOTIFY_MENTION_PROMPT: (
        "The people answerable for the overdue items above:",
        "请以上逾期事项的责任人关注：",
    ),
    Msg.PROGRESS_READING: ("Reading plan files", "正在读取计划文件"),
    Msg.COMMIT_MADE: ("committed {commit}: {message}", "已提交 {commit}：{message}"),
    Msg.HISTORY_EMPTY: ("no changes in the history", "历史中没有相关改动"),
    Msg.ROLLOVER_WROTE: (
        "wrote {path}: {carried} unfinished milestones carried over, {behind} done left behind",
        "已写入 {path}：结转未完成节点 {carried} 项，已完成 {behind} 项未结转",
    ),
    Msg.PLANS_NOT_LOADED: ("not loaded: {why}", "未能读取：{why}"),
    Msg.PULL_CLONED: ("cloned", "已克隆"),
    Msg.PULL_UPDATED: ("updated", "已更新"),
    Msg.PULL_UP_TO_DATE: ("already up to date", "已是最新"),
    Msg.PULL_NOT_GIT: ("not a git checkout: skipped", "不是 git 仓库：跳过"),
    Msg.PULL_FAILED: ("failed", "失败"),
    Msg.PACE_AHEAD: ("ahead of schedule", "超进度"),
    Msg.PACE_ON_SCHEDULE: ("on schedule", "达进度"),
    Msg.PACE_BEHIND: ("behind schedule", "欠进度"),
    Msg.PACE_UNRATED: ("no percent reported", "未报进度"),
    Msg.UNPUBLISHED_YEAR: (
        "the working-day schedule for {year} is not published (or not yet in the holidays package); "
        "working days cannot be counted for that year",
        "{year} 年的放假调休安排尚未公布（或 holidays 包中尚无）；无法计算该年的工作日",
    ),
}
