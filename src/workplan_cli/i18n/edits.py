"""Refusals of edits to plan files (done, reopen, note, add, set, rollover and the line edits
beneath them): ``EditMsg``."""

from __future__ import annotations

from workplan_cli.i18n.keys import MessageKey


class EditMsg(MessageKey):
    """The keys of refusals of edits to plan files."""

    DONE_ON_AFTER_TODAY = "edit.done_on_after_today"
    ON_BEFORE_PLAN_YEAR = "edit.on_before_plan_year"
    NOTE_EMPTY = "edit.note_empty"
    NOTE_ON_AFTER_TODAY = "edit.note_on_after_today"
    NO_MILESTONES = "edit.no_milestones"
    DEADLINE_LOOKS_DAMAGED = "edit.deadline_looks_damaged"
    TASK_EMPTY = "edit.task_empty"
    TITLE_EMPTY = "edit.title_empty"
    DONE_IS_NOT_SET = "edit.done_is_not_set"
    NOT_READABLE_YAML = "edit.not_readable_yaml"
    FILE_ALREADY_EXISTS = "edit.file_already_exists"
    ASSIGNED_NOT_A_DATE = "edit.assigned_not_a_date"
    YEAR_NOT_AFTER = "edit.year_not_after"
    OUT_HOLDS_A_PLAN = "edit.out_holds_a_plan"
    NO_SUCH_MILESTONE_IN_FILE = "edit.no_such_milestone_in_file"
    MILESTONES_NOT_A_BLOCK_LIST = "edit.milestones_not_a_block_list"
    EDIT_TOO_WIDE = "edit.edit_too_wide"
    NOT_AN_INITIATIVE_FILE = "edit.not_an_initiative_file"
    NOT_UTF8 = "edit.not_utf8"
    NOT_VALID_YAML = "edit.not_valid_yaml"
    FLOW_STYLE_MILESTONE = "edit.flow_style_milestone"
    NOT_A_PLAIN_VALUE = "edit.not_a_plain_value"
    SPANS_LINES = "edit.spans_lines"
    NOTES_NOT_A_BLOCK_LIST = "edit.notes_not_a_block_list"
    ID_IN_TWO_FILES = "edit.id_in_two_files"
    MAYBE_IN_A_BROKEN_FILE = "edit.maybe_in_a_broken_file"
    WHICH_MILESTONE = "edit.which_milestone"
    VERB_CLOSE = "edit.verb_close"
    VERB_REOPEN = "edit.verb_reopen"
    VERB_NOTE = "edit.verb_note"
    BAD_DEADLINE = "edit.bad_deadline"
    NAME_THE_INITIATIVE = "edit.name_the_initiative"
    SECTION_NOT_A_NUMBER = "edit.section_not_a_number"
    FIELD_EMPTY = "edit.field_empty"
    NOT_COMMITTED = "edit.not_committed"
    ALREADY_DONE = "edit.already_done"
    PERIOD_CLOSED = "edit.period_closed"
    CLOSED = "edit.closed"
    NOT_DONE = "edit.not_done"
    PERIOD_REOPENED = "edit.period_reopened"
    REOPENED = "edit.reopened"
    NOTE_ADDED = "edit.note_added"
    PHRASE_AND_DAY = "edit.phrase_and_day"
    MILESTONE_ADDED = "edit.milestone_added"
    INITIATIVE_ADDED = "edit.initiative_added"
    FIELD_UNCHANGED = "edit.field_unchanged"
    FIELD_CHANGED = "edit.field_changed"
    EMPTY = "edit.empty"
    EMPTY_SHOWN = "edit.empty_shown"
    KEPT_AS_DEADLINE_WAS = "edit.kept_as_deadline_was"


TEXT: dict[MessageKey, tuple[str, str]] = {
    EditMsg.DONE_ON_AFTER_TODAY: (
        "--on {on} is after today ({today}); a done date cannot be in the future",
        "--on {on} 晚于今天（{today}）；完成日期不能在未来",
    ),
    EditMsg.ON_BEFORE_PLAN_YEAR: (
        "--on {on} is before the plan year {year}",
        "--on {on} 早于计划年度 {year}",
    ),
    EditMsg.NOTE_EMPTY: (
        "the note is empty",
        "进展情况为空",
    ),
    EditMsg.NOTE_ON_AFTER_TODAY: (
        "--on {on} is after today ({today}); a note cannot be dated in the future",
        "--on {on} 晚于今天（{today}）；进展情况的日期不能在未来",
    ),
    EditMsg.NO_MILESTONES: (
        "{item_id} has no milestones",
        "{item_id} 没有节点",
    ),
    EditMsg.DEADLINE_LOOKS_DAMAGED: (
        "deadline {phrase!r} looks damaged ({note}); write the date in full, nothing was written",
        "完成时限 {phrase!r} 似乎有缺字（{note}）；请写完整，未做任何改动",
    ),
    EditMsg.TASK_EMPTY: (
        "the task is empty; say what is to be done with --task",
        "具体任务为空；请用 --task 说明",
    ),
    EditMsg.TITLE_EMPTY: (
        "the title is empty",
        "标题为空",
    ),
    EditMsg.DONE_IS_NOT_SET: (
        "use `workplan done {item_id}` or `workplan reopen {item_id}` for the done date",
        "完成日期请用 `workplan done {item_id}` 或 `workplan reopen {item_id}`",
    ),
    EditMsg.NOT_READABLE_YAML: (
        "{path}: not readable YAML; fix it first (workplan check), nothing was changed",
        "{path}：YAML 无法读取；请先修正（workplan check），未做任何改动",
    ),
    EditMsg.FILE_ALREADY_EXISTS: (
        "{path} already exists (is it a broken file? run `workplan check`); nothing was written",
        "{path} 已存在（是否为损坏的文件？请运行 `workplan check`）；未写入任何内容",
    ),
    EditMsg.ASSIGNED_NOT_A_DATE: (
        "assigned: {new!r} is not a date (YYYY-MM-DD)",
        "交办日期 {new!r} 不是日期",
    ),
    EditMsg.YEAR_NOT_AFTER: (
        "--year {new_year}: the new plan's year must come after this plan's ({old_year})",
        "--year {new_year}：新计划的年度应晚于本计划（{old_year}）",
    ),
    EditMsg.OUT_HOLDS_A_PLAN: (
        "{out} already holds a plan; rollover writes a new plan folder only (choose another --out)",
        "{out} 中已有计划；结转只写入新的计划文件夹（请另选 --out）",
    ),
    EditMsg.NO_SUCH_MILESTONE_IN_FILE: (
        "{path}: no milestone {milestone_id} in this file; nothing was changed",
        "{path}：此文件中没有节点 {milestone_id}；未做任何改动",
    ),
    EditMsg.MILESTONES_NOT_A_BLOCK_LIST: (
        "{path}: 'milestones' is not a block list with at least one milestone; add it by hand, nothing was changed",
        "{path}：'milestones' 不是至少含一个节点的列表；请手工添加，未做任何改动",
    ),
    EditMsg.EDIT_TOO_WIDE: (
        "{path}: the edit would have changed more than intended (an unusual layout?); nothing was changed, edit "
        "it by hand",
        "{path}：这次修改会改动超出预期的内容（格式特殊？）；未做任何改动，请手工修改",
    ),
    EditMsg.NOT_AN_INITIATIVE_FILE: (
        "{path}: not an initiative file (not a mapping); nothing was changed",
        "{path}：不是重点工作文件（不是映射）；未做任何改动",
    ),
    EditMsg.NOT_UTF8: (
        "{path}: not UTF-8; nothing was changed",
        "{path}：不是 UTF-8 编码；未做任何改动",
    ),
    EditMsg.NOT_VALID_YAML: (
        "{where}: not valid YAML ({what}); fix the file first, nothing was changed",
        "{where}：YAML 格式错误（{what}）；请先修正文件，未做任何改动",
    ),
    EditMsg.FLOW_STYLE_MILESTONE: (
        "{path}:{line}: milestone {milestone_id} is written in flow style ({{…}}); edit it by hand, nothing was "
        "changed",
        "{path}:{line}：节点 {milestone_id} 写成了行内格式（{{…}}）；请手工修改，未做任何改动",
    ),
    EditMsg.NOT_A_PLAIN_VALUE: (
        "{path}:{line}: {key!r} is not a plain value; edit it by hand, nothing was changed",
        "{path}:{line}：{key!r} 不是普通的值；请手工修改，未做任何改动",
    ),
    EditMsg.SPANS_LINES: (
        "{path}:{line}: {key!r} spans several lines; edit it by hand, nothing was changed",
        "{path}:{line}：{key!r} 跨越多行；请手工修改，未做任何改动",
    ),
    EditMsg.NOTES_NOT_A_BLOCK_LIST: (
        "line {line}: 'notes' is not a block list; edit it by hand, nothing was changed",
        "第 {line} 行：'notes' 不是块列表；请手工修改，未做任何改动",
    ),
    EditMsg.ID_IN_TWO_FILES: (
        "{item_id} is in {n} files: {files}; give one of them another id (`workplan check` lists it), nothing "
        "was changed",
        "编号 {item_id} 出现在 {n} 个文件中：{files}；请给其中一个换编号（`workplan check` 会列出），未做任何改动",
    ),
    EditMsg.MAYBE_IN_A_BROKEN_FILE: (
        "{error}; it may be in a file that could not be read: {files} (run `workplan check`)",
        "{error}；它可能在无法读取的文件中：{files}（运行 `workplan check`）",
    ),
    EditMsg.WHICH_MILESTONE: (
        "initiative {item_id} has {n} milestones to {verb}: {listing}; name one, or add --all to {verb} them all",
        "重点工作 {item_id} 有 {n} 个节点可{verb}：{listing}；请指定其中一个，或加 --all 全部{verb}",
    ),
    EditMsg.VERB_CLOSE: (
        "close",
        "销号",
    ),
    EditMsg.VERB_REOPEN: (
        "reopen",
        "重新打开",
    ),
    EditMsg.VERB_NOTE: (
        "note",
        "记录进展",
    ),
    EditMsg.BAD_DEADLINE: (
        "cannot read deadline {phrase!r}: {reason}; nothing was written",
        "无法识别完成时限 {phrase!r}：{reason}；未做任何改动",
    ),
    EditMsg.NAME_THE_INITIATIVE: (
        "{item_id} is a milestone; name its initiative ({initiative})",
        "{item_id} 是节点；请指定其重点工作（{initiative}）",
    ),
    EditMsg.SECTION_NOT_A_NUMBER: (
        "--section {section!r}: give the section number, such as 2",
        "--section {section!r}：应为部分编号，如 2",
    ),
    EditMsg.FIELD_EMPTY: (
        "{field} cannot be empty",
        "{field}不能为空",
    ),
    EditMsg.NOT_COMMITTED: (
        "the edit was made ({files}) but not committed: {failure}",
        "已修改（{files}），但未能提交：{failure}",
    ),
    EditMsg.ALREADY_DONE: (
        "{id} was already done on {done} (unchanged)",
        "{id} 已于 {done} 完成（未改动）",
    ),
    EditMsg.PERIOD_CLOSED: (
        "{id} period {period} closed on {on}",
        "{id} {period} 期已于 {on} 销号",
    ),
    EditMsg.CLOSED: (
        "{id} done on {on}",
        "{id} 已于 {on} 完成（销号）",
    ),
    EditMsg.NOT_DONE: (
        "{id} is not done (unchanged)",
        "{id} 尚未完成（未改动）",
    ),
    EditMsg.PERIOD_REOPENED: (
        "{id} period {period} reopened",
        "{id} {period} 期已重新打开",
    ),
    EditMsg.REOPENED: (
        "{id} reopened (done date removed)",
        "{id} 已重新打开（删除完成日期）",
    ),
    EditMsg.NOTE_ADDED: (
        "{id}: note added ({on})",
        "{id}：已添加进展情况（{on}）",
    ),
    EditMsg.PHRASE_AND_DAY: (
        "{phrase} ({due})",
        "{phrase}（{due}）",
    ),
    EditMsg.MILESTONE_ADDED: (
        "{id} added to {initiative}: {when}",
        "已在 {initiative} 下新增节点 {id}：{when}",
    ),
    EditMsg.INITIATIVE_ADDED: (
        "initiative {id} added ({file}) with milestone {id}.1: {when}",
        "已新增重点工作 {id}（{file}），节点 {id}.1：{when}",
    ),
    EditMsg.FIELD_UNCHANGED: (
        "{id} {field} is already {old} (unchanged)",
        "{id} {field}已是 {old}（未改动）",
    ),
    EditMsg.FIELD_CHANGED: (
        "{id} {field}: {old} -> {new}{postponed}",
        "{id} {field}：{old} → {new}{postponed}",
    ),
    EditMsg.EMPTY: (
        "empty",
        "空",
    ),
    EditMsg.EMPTY_SHOWN: (
        "(empty)",
        "（空）",
    ),
    EditMsg.KEPT_AS_DEADLINE_WAS: (
        "; {old} kept as deadline_was",
        "；原时限 {old} 保留为 deadline_was",
    ),
}
