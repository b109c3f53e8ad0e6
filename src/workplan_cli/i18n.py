"""Interface text in English and Chinese.

Labels of the views live in one table here. Messages that carry details (errors, outcomes of an
edit) are written in both languages where they are raised (``WorkplanError(en, zh)``), so the
sentence and its translation stay side by side.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("zh", "en")

# key -> (English, Chinese); str.format fields in braces.
TEXT: dict[str, tuple[str, str]] = {
    "status.overdue": ("overdue", "逾期"),
    "status.due": ("due", "临期"),
    "status.upcoming": ("upcoming", "正常推进"),
    "status.ongoing": ("ongoing", "持续推进"),
    "status.done": ("done", "已完成"),
    "status.behind": ("behind", "欠进度"),
    "col.status": ("Status", "状态"),
    "col.id": ("ID", "编号"),
    "col.initiative": ("Initiative", "重点工作"),
    "col.task": ("Task", "具体任务"),
    "col.deadline": ("Deadline", "完成时限"),
    "col.days": ("Days", "剩余/逾期"),
    "col.owner": ("Owner", "责任单位"),
    "col.progress": ("Schedule progress", "序时进度"),
    "col.date": ("Date", "日期"),
    "col.note": ("Note", "进展情况"),
    "days.late": ("{n} days late", "逾期 {n} 天"),
    "days.late.1": ("1 day late", "逾期 1 天"),
    "days.left": ("{n} days left", "剩余 {n} 天"),
    "days.left.1": ("1 day left", "剩余 1 天"),
    "workdays.late": ("{n} working days late", "逾期 {n} 个工作日"),
    "workdays.late.1": ("1 working day late", "逾期 1 个工作日"),
    "workdays.left": ("{n} working days left", "剩余 {n} 个工作日"),
    "workdays.left.1": ("1 working day left", "剩余 1 个工作日"),
    "days.unknown": ("? days ({why})", "天数未知（{why}）"),
    "workdays.unknown": ("? working days ({why})", "工作日数未知（{why}）"),
    "due.today": ("due today", "今天到期"),
    "done.on": ("done {date}", "{date} 完成"),
    "done.late": ("done {date}, {late}", "{date} 完成，{late}"),
    "deadline.ongoing": ("ongoing", "持续推进"),
    "deadline.done": ("done", "已完成"),
    "summary.nothing": (
        "Nothing is overdue or due within {window} days (as of {today}).",
        "截至 {today}，没有逾期或 {window} 天内到期的事项。",
    ),
    "summary.due": (
        "{overdue} overdue, {due} due within {window} days (as of {today})",
        "逾期 {overdue} 项，{window} 天内到期 {due} 项（截至 {today}）",
    ),
    "summary.due_behind": (
        "{overdue} overdue, {due} due within {window} days, {behind} behind schedule (as of {today})",
        "逾期 {overdue} 项，{window} 天内到期 {due} 项，欠进度 {behind} 项（截至 {today}）",
    ),
    "summary.list": ("{count} milestones: {parts} (as of {today})", "共 {count} 项：{parts}（截至 {today}）"),
    "summary.count": ("{n} {status}", "{status} {n} 项"),
    "summary.none": ("none", "无"),
    "show.section": ("Section", "所属部分"),
    "show.owner": ("Owner", "责任单位"),
    "show.file": ("File", "文件"),
    "show.text": ("Text", "原文"),
    "show.notes": ("Progress notes (进展情况)", "进展情况"),
    "check.ok": (
        "{folder}: {initiatives} initiatives, {milestones} milestones, no problems.",
        "{folder}：{initiatives} 项重点工作，{milestones} 个节点，没有问题。",
    ),
    "check.failed": ("{problems} problem(s) in {files} file(s)", "{files} 个文件中有 {problems} 处问题"),
    "problems": (
        "{n} problem(s) in plan files; run `workplan check` for the list",
        "计划文件中有 {n} 处问题；运行 `workplan check` 查看清单",
    ),
    "error": ("workplan: {message}", "workplan：{message}"),
    "warning": ("workplan: warning: {message}", "workplan：警告：{message}"),
    "wrote": ("wrote {path}", "已写入 {path}"),
    "timeline.later": ("Later", "以后"),
    "timeline.legend": ("━ range   N = milestone number", "━ 时间段   数字 = 节点序号"),
    "timeline.today": ("▼ today {today}", "▼ 今天 {today}"),
    "timeline.outside": ("today {today} is outside the plan year {year}", "今天 {today} 不在计划年度 {year} 内"),
    "timeline.title": ("Plan year {year}", "{year} 年度计划"),
    "stats.done_late": ("done late", "逾期完成"),
    "stats.progress": ("Progress (done / dated)", "进度（完成 / 有时限）"),
    "stats.empty": ("No milestones in this plan.", "计划中没有节点。"),
    "stats.no_owner": ("(no owner)", "（未指定）"),
    "stats.whole": ("Whole plan", "全部计划"),
    "stats.by_section": ("By section", "按部分"),
    "stats.by_leader": ("By leader", "按责任领导"),
    "stats.by_owner": ("By owner", "按责任单位"),
    "digest.heading": ("Work plan digest {as_of}", "工作计划周报 {as_of}"),
    "digest.subject": (
        "Work plan digest {as_of}: {overdue} overdue, {due} due within {window} days",
        "工作计划周报 {as_of}：逾期 {overdue} 项，{window} 天内到期 {due} 项",
    ),
    "digest.overdue": ("{n} overdue", "逾期 {n} 项"),
    "digest.behind": ("{n} behind schedule", "欠进度 {n} 项"),
    "digest.due": ("{n} due within {window} days", "{window} 天内到期 {n} 项"),
    "digest.newly_overdue": ("{n} became overdue in the past week", "过去一周新逾期 {n} 项"),
    "digest.closed": ("{n} closed in the past week", "过去一周完成 {n} 项"),
    "digest.progress": ("Progress by section", "各部分进度"),
    "digest.none": ("none", "无"),
    "digest.days_late": ("{n} days late", "逾期 {n} 天"),
    "digest.days_left": ("{n} days left", "还剩 {n} 天"),
    "digest.due_today": ("due today", "今天到期"),
    "digest.done_on": ("done {date}", "{date} 完成"),
    "digest.done_late": ("done {date}, {n} days late", "{date} 完成，逾期 {n} 天"),
    "digest.new_tag": ("new this week", "本周新逾期"),
    "digest.aside": (" ({text})", "（{text}）"),
    "digest.owner": ("Owner: {owner}", "责任单位：{owner}"),
    "digest.no_owner": ("unassigned", "未指定"),
    "digest.progress_line": ("{done}/{dated} done, {overdue} overdue", "完成 {done}/{dated}，逾期 {overdue}"),
    "digest.for_owner": (" ({owner})", "（{owner}）"),
    "digest.nothing": ("Nothing overdue, due or closed this week.", "本周无逾期、到期或完成事项。"),
    "entry.progress": ("Progress: {text}", "进展：{text}"),
    "entry.problems": ("Problems: {text}", "问题：{text}"),
    "entry.next": ("Next: {text}", "下步：{text}"),
    "entry.evidence": ("Evidence: {text}", "佐证：{text}"),
    "entry.empty": ("(reported, nothing written)", "（已报送，未填内容）"),
    "show.lead": ("Lead unit", "牵头单位"),
    "show.co_units": ("Co-units", "配合单位"),
    "show.leader": ("Leader", "责任领导"),
    "show.requested": (
        "{id}: 销号 requested on {date}, awaiting acceptance (workplan accept {id})",
        "{id}：已于 {date} 申请销号，待确认（workplan accept {id}）",
    ),
    "collect.wrote": ("wrote {path} ({n} milestones)", "已写入 {path}（{n} 项）"),
    "collect.none": (
        "no open milestone names a unit for {period}: no forms",
        "{period} 没有需要填报的单位：未生成表格",
    ),
    "collect.sent": ("sent {line}", "已发送 {line}"),
    "collect.unreachable": (
        "no e-mail address in workplan.yaml (owners:) for: {units}; their forms were not sent",
        "workplan.yaml（owners:）中没有以下单位的邮箱：{units}；其表格未发送",
    ),
    "ingest.refused": ("{path}: form refused, nothing of it written:", "{path}：表格被退回，未写入任何内容："),
    "ingest.conflict": ("conflict: {message}", "冲突：{message}"),
    "ingest.closes": ("→ done {date} (销号 accepted)", "→ {date} 销号（已确认）"),
    "ingest.requests": ("→ 销号 requested for {date}", "→ 申请 {date} 销号"),
    "ingest.wrote": ("wrote {n} progress entries into {files} file(s)", "已写入 {n} 条进展，涉及 {files} 个文件"),
    "ingest.preview": (
        "{n} progress entries to write; nothing written yet: run again with --yes",
        "待写入 {n} 条进展；尚未写入：加 --yes 再运行",
    ),
    "ingest.nothing": ("nothing new to write", "没有需要写入的新内容"),
    "accept.done": ("{id} done on {date} (销号 accepted)  ({path})", "{id} 已于 {date} 销号（确认申请）  （{path}）"),
    "chase.heading": (
        "Progress reports for {period}: {missing} unit(s) have not reported, {answered} have",
        "{period} 进展报送：未报送 {missing} 个单位，已报送 {answered} 个单位",
    ),
    "chase.units": ("Not reported (催办)", "未报送单位（催办）"),
    "chase.col.unit": ("Unit", "单位"),
    "chase.col.contact": ("Contact", "联系方式"),
    "chase.col.milestones": ("Milestones", "应报事项"),
    "chase.no_contact": ("(none in owners:)", "（owners: 中未登记）"),
    "chase.answered": ("Reported: {units}", "已报送：{units}"),
    "chase.overdue": ("Overdue without a progress entry for the period", "逾期且本期无进展报送的事项"),
    "chase.nothing": ("Everyone has reported.", "各单位均已报送。"),
    "digest.latest": ("Latest progress ({source}): {text}", "最新进展（{source}）：{text}"),
    "digest.unreported": ("Not yet reported for {period}: {units}", "{period} 尚未报送进展：{units}"),
    "digest.columns": ("ID|Initiative|Task|Deadline|Standing|Owner", "编号|事项|任务|时限|情况|责任单位"),
    "report.title": ("Progress of the work plan: {period}", "{period}工作计划推进情况报告"),
    "report.summary_title": ("Summary of the {year} work plan", "{year}年度工作计划执行情况总结"),
    "report.subtitle": (
        "(period {start} to {end}; as of {as_of})",
        "（统计期间：{start}至{end}，数据截至{as_of}）",
    ),
    "report.source": ("(read from {source})", "（数据来源：{source}）"),
    "report.intro": (
        "This report sets out how the milestones of {plan} stood in {period}.",
        "现将{period}《{plan}》确定的重点任务推进情况报告如下。",
    ),
    "report.summary_intro": (
        "This summary sets out what was done of the milestones of {plan} in {year}, and what is carried over.",
        "现将{year}年《{plan}》确定的重点任务完成情况总结如下。",
    ),
    "report.period_sentence": (
        "In this period {due} milestones fell due: {on_time} done on time, {done_late} done late, "
        "{overdue} overdue and not done, {in_progress} still in progress; {early} more were done ahead of "
        "their deadline. Completion rate {rate}, on time {on_time_rate}.",
        "本期应完成节点任务{due}项，其中按时完成{on_time}项、逾期完成{done_late}项、逾期未完成{overdue}项、"
        "正在推进{in_progress}项；另有{early}项提前完成。本期完成率{rate}，按时完成率{on_time_rate}。",
    ),
    "report.year_sentence": (
        "Since the start of the year {due} milestones fell due: {on_time} done on time, {done_late} done late, "
        "{overdue} overdue and not done, {in_progress} still in progress; {early} more were done ahead of "
        "their deadline. Completion rate {rate}, on time {on_time_rate}.",
        "年初以来累计应完成节点任务{due}项，其中按时完成{on_time}项、逾期完成{done_late}项、"
        "逾期未完成{overdue}项、正在推进{in_progress}项；另有{early}项提前完成。累计完成率{rate}，"
        "按时完成率{on_time_rate}。",
    ),
    "report.whole_year_sentence": (
        "In the year {due} milestones fell due: {on_time} done on time, {done_late} done late, "
        "{overdue} overdue and not done, {in_progress} still in progress at the year's end. "
        "Completion rate {rate}, on time {on_time_rate}.",
        "全年应完成节点任务{due}项，其中按时完成{on_time}项、逾期完成{done_late}项、逾期未完成{overdue}项、"
        "截至年末正在推进{in_progress}项。全年完成率{rate}，按时完成率{on_time_rate}。",
    ),
    "report.pace_sentence": (
        "Of the milestones not yet due, against schedule progress: {ahead} ahead, {on_schedule} on schedule, "
        "{behind} behind, {unrated} without a reported percent.",
        "尚未到期的节点任务中，对照序时进度，超进度{ahead}项、达进度{on_schedule}项、欠进度{behind}项、"
        "未报完成进度{unrated}项。",
    ),
    "report.scope": ("Scope", "统计范围"),
    "report.this_period": ("This period", "本期"),
    "report.year_so_far": ("Year so far", "年初以来"),
    "report.count_columns": (
        "Due|On time|Done late|Overdue|In progress|Early|Completion|On time rate",
        "应完成|按时完成|逾期完成|逾期未完成|正在推进|提前完成|完成率|按时完成率",
    ),
    "report.rank": ("Rank", "排名"),
    "report.rank_rule": (
        "Units are ranked by this period's completion rate, then by fewer overdue, then by more done on time; "
        "units with nothing due in the period are not ranked.",
        "各单位按本期完成率排名，完成率相同的，逾期未完成少者在前，再按按时完成多者在前；本期无应完成任务的单位不参与排名。",
    ),
    "report.overdue_intro": (
        "As of {as_of}, {n} milestones are overdue and not done:",
        "截至{as_of}，逾期未完成的节点任务共{n}项，现予通报：",
    ),
    "report.no_overdue": ("As of {as_of}, no milestone is overdue.", "截至{as_of}，无逾期未完成的节点任务。"),
    "report.overdue_columns": ("No.|ID|Task|Unit|Deadline|{late}", "序号|编号|任务内容|责任单位|完成时限|{late}"),
    "report.late_days": ("Days late", "逾期天数"),
    "report.late_workdays": ("Working days late", "逾期工作日数"),
    "report.next_intro": ("{n} milestones fall due in {period}:", "{period}需完成的节点任务共{n}项："),
    "report.nothing_next": ("No milestone falls due in {period}.", "{period}无到期的节点任务。"),
    "report.h_overview": ("Overview", "总体情况"),
    "report.h_units": ("By unit", "各单位完成情况"),
    "report.h_overdue": ("Overdue milestones", "逾期未完成事项通报"),
    "report.h_initiatives": ("Progress by initiative", "重点工作推进情况"),
    "report.h_next": ("Next period", "下阶段工作重点"),
    "report.h_done": ("What was done", "主要完成情况"),
    "report.h_carried": ("Carried over", "结转事项"),
    "report.h_plans": ("Plans for next year", "下一年度工作打算"),
    "report.fill_in": ("(to be written)", "（请结合实际补充。）"),
    "report.none": ("None.", "无。"),
    "report.progress": ("Progress: ", "进展情况："),
    "report.problems": ("Problems: ", "存在问题："),
    "report.next": ("Next steps: ", "下步打算："),
    "report.percent": (" ({n}% complete)", "（完成进度{n}%）"),
    "report.done_on": ("done on {date}, on time", "已于{date}按时完成"),
    "report.done_early_on": ("done on {date}, ahead of its deadline", "已于{date}提前完成"),
    "report.done_late_on": ("done on {date}, {n} {unit} late", "已于{date}完成，逾期{n}{unit}"),
    "report.overdue_by": ("overdue by {n} {unit}, not done", "逾期{n}{unit}未完成"),
    "report.unit_days": ("days", "天"),
    "report.unit_workdays": ("working days", "个工作日"),
    "report.open": ("in progress", "正在推进"),
    "report.expected": ("; schedule progress {expected}%", "，序时进度{expected}%"),
    "report.paced": (
        "; schedule progress {expected}%, reported {reported}%: {pace}",
        "，序时进度{expected}%，已完成{reported}%，{pace}",
    ),
    "notify.remind_title": ("Work plan reminder {as_of}", "工作计划提醒 {as_of}"),
    "notify.became_overdue": ("{n} became overdue today", "今天起逾期 {n} 项"),
    "notify.entered_window": ("{n} now due within {window} days", "今天进入 {window} 天到期提醒 {n} 项"),
    "notify.nothing_today": ("Nothing became overdue or due today.", "今天没有新逾期或新进入到期提醒的事项。"),
    "notify.continued": (" (continued)", "（续）"),
    "notify.part": (" ({part}/{parts})", "（{part}/{parts}）"),
    "notify.mention_prompt": (
        "The people answerable for the overdue items above:",
        "请以上逾期事项的责任人关注：",
    ),
    "commit.made": ("committed {commit}: {message}", "已提交 {commit}：{message}"),
    "history.empty": ("no changes in the history", "历史中没有相关改动"),
    "rollover.wrote": (
        "wrote {path}: {carried} unfinished milestones carried over, {behind} done left behind",
        "已写入 {path}：结转未完成节点 {carried} 项，已完成 {behind} 项未结转",
    ),
    "plans.not_loaded": ("not loaded: {why}", "未能读取：{why}"),
    "pull.cloned": ("cloned", "已克隆"),
    "pull.updated": ("updated", "已更新"),
    "pull.up-to-date": ("already up to date", "已是最新"),
    "pull.not-git": ("not a git checkout: skipped", "不是 git 仓库：跳过"),
    "pull.failed": ("failed", "失败"),
}


def resolve_language(override: str | None, env: Mapping[str, str], plan_language: str | None) -> str:
    """``--lang``, else $WORKPLAN_LANG, else the plan's ``language:``, else the locale, else English."""
    for candidate in (override, env.get("WORKPLAN_LANG"), plan_language):
        if candidate in LANGUAGES:
            return candidate
    locale = env.get("LC_ALL") or env.get("LC_MESSAGES") or env.get("LANG") or ""
    return "zh" if locale.startswith("zh") else "en"


def tr(key: str, lang: str, **fields: object) -> str:
    english, chinese = TEXT[key]
    return (chinese if lang == "zh" else english).format(**fields)
