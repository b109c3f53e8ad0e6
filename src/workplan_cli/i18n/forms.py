"""Refusals of progress forms and of what they ask: collect, ingest, accept: ``FormMsg``."""

from __future__ import annotations

from workplan_cli.i18n.keys import MessageKey


class FormMsg(MessageKey):
    """The keys of refusals of progress forms and of what they ask: collect, ingest, accept."""

    REQUEST_DAY_NOT_A_DATE = "form.request_day_not_a_date"
    NOT_A_FORM = "form.not_a_form"
    ROW_WITHOUT_FINGERPRINT = "form.row_without_fingerprint"
    NO_SUCH_UNIT = "form.no_such_unit"
    EVIDENCE_MISSING = "form.evidence_missing"
    NOTHING_TO_ACCEPT = "form.nothing_to_accept"
    REQUEST_AFTER_TODAY = "form.request_after_today"
    REQUEST_BEFORE_PLAN_YEAR = "form.request_before_plan_year"
    ANOTHER_PLAN = "form.another_plan"
    NO_SUCH_MILESTONE = "form.no_such_milestone"
    FOREIGN_MILESTONE = "form.foreign_milestone"
    CHANGED_SINCE_MADE = "form.changed_since_made"
    ALREADY_RECORDED_UNCHANGED = "form.already_recorded_unchanged"
    REPORTED_OTHERWISE = "form.reported_otherwise"
    BAD_PERIOD = "form.bad_period"
    IT_SHOWED = "form.it_showed"
    LOCKED_CELL_CHANGED = "form.locked_cell_changed"
    BAD_PERCENT = "form.bad_percent"
    MILESTONE_TWICE = "form.milestone_twice"
    NOT_A_SPREADSHEET = "form.not_a_spreadsheet"
    ANSWER_TWICE = "form.answer_twice"


TEXT: dict[MessageKey, tuple[str, str]] = {
    FormMsg.REQUEST_DAY_NOT_A_DATE: (
        "申请销号日期 {text!r} is not a date; write YYYY-MM-DD",
        "申请销号日期 {text!r} 不是日期；请写 YYYY-MM-DD",
    ),
    FormMsg.NOT_A_FORM: (
        "not a workplan progress form, or its hidden form seal was changed: use the form `workplan collect` made",
        "不是 workplan 生成的进展填报表，或隐藏的表头校验信息被改动：请使用 `workplan collect` 生成的表",
    ),
    FormMsg.ROW_WITHOUT_FINGERPRINT: (
        "this row has no valid fingerprint: rows cannot be added to a form, and the hidden column must stay",
        "此行没有有效的校验码：不能在表中增加行，隐藏列也不能改动",
    ),
    FormMsg.NO_SUCH_UNIT: (
        "--unit {unit!r}: no open milestone names it as lead, co-unit or owner (units: {known})",
        "--unit {unit!r}：没有未完成的节点以它为牵头、配合或责任单位（现有单位：{known}）",
    ),
    FormMsg.EVIDENCE_MISSING: (
        "{id}: evidence {name!r} is not in plan/evidence/ yet; put the file there, or give a link",
        "{id}：佐证材料 {name!r} 尚未放入 plan/evidence/；请放入该文件，或填写链接",
    ),
    FormMsg.NOTHING_TO_ACCEPT: (
        "{item_id} has no 销号 request to accept (no done_requested); name a milestone a unit asked to close",
        "{item_id} 没有待确认的销号申请",
    ),
    FormMsg.REQUEST_AFTER_TODAY: (
        "申请销号日期 {day} is after today ({today}); a milestone is closed once it is done",
        "申请销号日期 {day} 晚于今天（{today}）",
    ),
    FormMsg.REQUEST_BEFORE_PLAN_YEAR: (
        "申请销号日期 {day} is before the plan year {year}",
        "申请销号日期 {day} 早于计划年度 {year}",
    ),
    FormMsg.ANOTHER_PLAN: (
        "this form is for another plan ({plan}, {year})",
        "此表属于另一个计划（{plan}，{year}）",
    ),
    FormMsg.NO_SUCH_MILESTONE: (
        "no milestone has id {milestone_id!r}",
        "没有编号为 {milestone_id!r} 的节点",
    ),
    FormMsg.FOREIGN_MILESTONE: (
        "milestone {milestone_id} is not one of {unit}'s (foreign id)",
        "节点 {milestone_id} 不属于 {unit}",
    ),
    FormMsg.CHANGED_SINCE_MADE: (
        "{milestone_id} changed after the form was made on {made} (task, deadline or done date); not written: "
        "check it and record the answer by hand",
        "{milestone_id} 在制表（{made}）后已变动（任务、时限或完成日期）；未写入：请核对后手工录入",
    ),
    FormMsg.ALREADY_RECORDED_UNCHANGED: (
        "{milestone_id}: already recorded on {on} (unchanged)",
        "{milestone_id}：已于 {on} 录入（未改动）",
    ),
    FormMsg.REPORTED_OTHERWISE: (
        "{unit} already reported on {milestone_id} for {period} (recorded {on}) with other answers; a period is "
        "ingested once",
        "{unit} 已报送过 {milestone_id} 的 {period} 进展（{on} 录入），内容不同；每期只录入一次",
    ),
    FormMsg.BAD_PERIOD: (
        "--period {label!r}: write a month (2024-06) or a quarter (2024-Q2)",
        "--period {label!r}：请写月份（2024-06）或季度（2024-Q2）",
    ),
    FormMsg.IT_SHOWED: (
        " (it showed {was!r})",
        "（原为 {was!r}）",
    ),
    FormMsg.LOCKED_CELL_CHANGED: (
        "a locked cell was changed{shown}; send back the form as it was made, with only the white cells filled",
        "锁定的单元格被改动{shown}；请退回原表，只填写白色单元格",
    ),
    FormMsg.BAD_PERCENT: (
        "完成进度 {value!r} is not a whole number from 0 to 100",
        "完成进度 {value!r} 不是 0 到 100 之间的整数",
    ),
    FormMsg.MILESTONE_TWICE: (
        "milestone {milestone_id} appears twice (also row {row})",
        "节点 {milestone_id} 出现两次（另见第 {row} 行）",
    ),
    FormMsg.NOT_A_SPREADSHEET: (
        "not a spreadsheet workplan can read ({kind})",
        "无法读取的表格文件（{kind}）",
    ),
    FormMsg.ANSWER_TWICE: (
        "{unit}'s answer for {milestone_id} in {period} is also in {other}",
        "{unit} 对 {milestone_id} 的 {period} 报送也在 {other} 中",
    ),
}
