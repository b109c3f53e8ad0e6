"""The words of the plan's history (`workplan log`), the names of fields, and the commit messages of
edits: ``ChangeKind`` (its values are the kinds `log --json` prints), ``FieldName``, ``CommitMsg``."""

from __future__ import annotations

from workplan_cli.i18n.keys import MessageKey


class ChangeKind(MessageKey):
    """A kind of change to an initiative or milestone; the value is the stable kind."""

    ADDED_INITIATIVE = "added.initiative"
    REMOVED_INITIATIVE = "removed.initiative"
    ADDED_MILESTONE = "added.milestone"
    ADDED_CARRIED = "added.carried"
    REMOVED_MILESTONE = "removed.milestone"
    CLOSED = "closed"
    REOPENED = "reopened"
    DONE_CHANGED = "done.changed"
    PERIOD_CLOSED = "period.closed"
    PERIOD_REOPENED = "period.reopened"
    DEADLINE_MOVED = "deadline.moved"
    DEADLINE_SET = "deadline.set"
    DEADLINE_REMOVED = "deadline.removed"
    NOTE_ADDED = "note.added"
    NOTE_REMOVED = "note.removed"
    TASK_CHANGED = "task.changed"
    TITLE_CHANGED = "title.changed"
    FILE_RENAMED = "file.renamed"
    FIELD_CHANGED = "field.changed"
    FIELD_SET = "field.set"
    FIELD_CLEARED = "field.cleared"
    FILE_UNREADABLE = "file.unreadable"


class FieldName(MessageKey):
    """What each field of a plan file is called in the interface (also by `workplan set`)."""

    DEADLINE = "fieldname.deadline"
    TASK = "fieldname.task"
    TITLE = "fieldname.title"
    OWNER = "fieldname.owner"
    LEAD = "fieldname.lead"
    CO_UNITS = "fieldname.co_units"
    LEADER = "fieldname.leader"
    SECTION = "fieldname.section"
    ASSIGNED = "fieldname.assigned"
    DONE_REQUESTED = "fieldname.done_requested"


class CommitMsg(MessageKey):
    """What each editing command's commit says; {ids} joined in the language."""

    DONE = "commit.done"
    REOPEN = "commit.reopen"
    NOTE = "commit.note"
    ADD_MILESTONE = "commit.add.milestone"
    ADD_INITIATIVE = "commit.add.initiative"
    SET = "commit.set"
    IMPORT = "commit.import"
    INGEST = "commit.ingest"
    ACCEPT = "commit.accept"
    ROLLOVER = "commit.rollover"


TEXT: dict[MessageKey, tuple[str, str]] = {
    ChangeKind.ADDED_INITIATIVE: ("initiative added: {after}", "新增重点工作：{after}"),
    ChangeKind.REMOVED_INITIATIVE: ("initiative removed", "删除重点工作"),
    ChangeKind.ADDED_MILESTONE: ("milestone added: {after}", "新增节点：{after}"),
    ChangeKind.ADDED_CARRIED: ("carried over from {before}: {after}", "由 {before} 结转：{after}"),
    ChangeKind.REMOVED_MILESTONE: ("milestone removed (was: {before})", "删除节点（原为：{before}）"),
    ChangeKind.CLOSED: ("closed on {after}", "销号（{after}）"),
    ChangeKind.REOPENED: ("reopened (was done on {before})", "重新打开（原完成日期 {before}）"),
    ChangeKind.DONE_CHANGED: ("done date changed from {before} to {after}", "完成日期由 {before} 改为 {after}"),
    ChangeKind.PERIOD_CLOSED: ("closed through {after}", "已销号至 {after} 期"),
    ChangeKind.PERIOD_REOPENED: (
        "period reopened (was closed through {before})",
        "重新打开一期（原已销号至 {before}）",
    ),
    ChangeKind.DEADLINE_MOVED: ("deadline moved from {before} to {after}", "完成时限由 {before} 调整为 {after}"),
    ChangeKind.DEADLINE_SET: ("deadline set to {after}", "完成时限设为 {after}"),
    ChangeKind.DEADLINE_REMOVED: ("deadline removed (was {before})", "取消完成时限（原为 {before}）"),
    ChangeKind.NOTE_ADDED: ("note added ({after})", "新增进展情况（{after}）"),
    ChangeKind.NOTE_REMOVED: ("note removed ({before})", "删除进展情况（{before}）"),
    ChangeKind.TASK_CHANGED: ("task changed to: {after}", "任务改为：{after}"),
    ChangeKind.TITLE_CHANGED: ("title changed to: {after}", "标题改为：{after}"),
    ChangeKind.FILE_RENAMED: ("file renamed from {before} to {after}", "文件由 {before} 改名为 {after}"),
    ChangeKind.FIELD_CHANGED: ("{key} changed from {before} to {after}", "{key} 由 {before} 改为 {after}"),
    ChangeKind.FIELD_SET: ("{key} set to {after}", "{key} 设为 {after}"),
    ChangeKind.FIELD_CLEARED: ("{key} cleared (was {before})", "{key} 已清空（原为 {before}）"),
    ChangeKind.FILE_UNREADABLE: ("{after}: not readable in this version", "{after}：此版本无法读取"),
    FieldName.DEADLINE: ("deadline", "完成时限"),
    FieldName.TASK: ("task", "具体任务"),
    FieldName.TITLE: ("title", "标题"),
    FieldName.OWNER: ("owner", "责任单位"),
    FieldName.LEAD: ("lead unit", "牵头单位"),
    FieldName.CO_UNITS: ("co-units", "配合单位"),
    FieldName.LEADER: ("leader", "责任领导"),
    FieldName.SECTION: ("section", "所属部分"),
    FieldName.ASSIGNED: ("assigned", "交办日期"),
    FieldName.DONE_REQUESTED: ("closure requested", "申请销号"),
    CommitMsg.DONE: ("Close {ids} ({day})", "销号 {ids}（{day}）"),
    CommitMsg.REOPEN: ("Reopen {ids}", "重新打开 {ids}"),
    CommitMsg.NOTE: ("Progress note on {ids} ({day})", "{ids} 进展情况（{day}）"),
    CommitMsg.ADD_MILESTONE: ("Add milestone {ids}", "新增节点 {ids}"),
    CommitMsg.ADD_INITIATIVE: ("Add initiative {ids}: {title}", "新增重点工作 {ids}：{title}"),
    CommitMsg.SET: ("{ids} {field}: {old} -> {new}", "{ids} {field}：{old} → {new}"),
    CommitMsg.IMPORT: (
        "Import {report}: {initiatives} initiatives, {milestones} milestones",
        "导入 {report}：重点工作 {initiatives} 项，节点 {milestones} 个",
    ),
    CommitMsg.INGEST: ("Progress from returned forms: {ids}", "录入进展情况：{ids}"),
    CommitMsg.ACCEPT: ("Accept closing {ids} ({day})", "确认销号 {ids}（{day}）"),
    CommitMsg.ROLLOVER: (
        "Plan {year}: {count} unfinished milestones carried over from {old_year}",
        "{year}年计划：结转{old_year}年未完成节点 {count} 项",
    ),
}
