"""What can be wrong in a plan file or workplan.yaml: ``ProblemCode``, one stable code per kind of
problem (as yamllint's rule ids; the README lists them), and the words of its message.

``ProblemPart`` holds the pieces a problem's message is built from (what kind of mapping, a hint).
"""

from __future__ import annotations

from workplan_cli.i18n.keys import MessageKey


class ProblemCode(MessageKey):
    """A kind of problem in a plan file. The values are the codes: stable, never reworded."""

    CANNOT_READ = "cannot-read"
    NOT_UTF8 = "not-utf8"
    EMPTY_FILE = "empty-file"
    NOT_REGULAR_FILE = "not-regular-file"
    TOO_LARGE = "too-large"
    ANCHOR = "anchor"
    TOO_DEEP = "too-deep"
    YAML_SYNTAX = "yaml-syntax"
    TAG = "tag"
    NOT_MAPPING = "not-mapping"
    KEY_NOT_TEXT = "key-not-text"
    DUPLICATE_KEY = "duplicate-key"
    UNKNOWN_KEY = "unknown-key"
    MISSING_KEY = "missing-key"
    NOT_TEXT = "not-text"
    BAD_DATE = "bad-date"
    NOT_WHOLE_NUMBER = "not-whole-number"
    NOT_TRUE_FALSE = "not-true-false"
    NOT_A_CHOICE = "not-a-choice"
    NOT_A_LIST = "not-a-list"
    NOT_TEXT_LIST = "not-text-list"
    NO_MILESTONES = "no-milestones"
    NO_TASK = "no-task"
    MILESTONE_ID_PREFIX = "milestone-id-prefix"
    BAD_DEADLINE = "bad-deadline"
    DAMAGED_DEADLINE = "damaged-deadline"
    BAD_CLOSED_THROUGH = "bad-closed-through"
    INCOMPLETE_NOTE = "incomplete-note"
    BAD_PERCENT = "bad-percent"
    BAD_PERIOD = "bad-period"
    DUPLICATE_MILESTONE_ID = "duplicate-milestone-id"
    DUPLICATE_ID_ACROSS_FILES = "duplicate-id-across-files"
    DONE_IN_FUTURE = "done-in-future"
    NOTE_IN_FUTURE = "note-in-future"
    BAD_YEAR = "bad-year"
    OUT_OF_RANGE = "out-of-range"
    BAD_OWNERS = "bad-owners"
    BAD_OWNER_ID = "bad-owner-id"
    BAD_ASSIGN = "bad-assign"
    SECRET_AS_VARIABLE = "secret-as-variable"
    NOT_A_VARIABLE_NAME = "not-a-variable-name"
    BAD_NOTIFY = "bad-notify"
    SECRET_KEY_IN_NOTIFY = "secret-key-in-notify"
    INCOMPLETE_CHANNEL = "incomplete-channel"
    DUPLICATE_CHANNEL = "duplicate-channel"
    ROBOT_WITHOUT_URL = "robot-without-url"
    UNSIGNED_CHANNEL_SECRET = "unsigned-channel-secret"
    SMTP_PASSWORD = "smtp-password"
    PLAN_NOT_LOADED = "plan-not-loaded"


class ProblemPart(MessageKey):
    """Pieces of problem messages."""

    INITIATIVE_FILE = "problem.part.initiative_file"
    MILESTONE = "problem.part.milestone"
    NOTE = "problem.part.note"
    ID_OF_INITIATIVE = "problem.part.id_of_initiative"
    ID_OF_MILESTONE = "problem.part.id_of_milestone"
    CLOSE_KEY = "problem.part.close_key"
    KNOWN_KEYS = "problem.part.known_keys"
    A_RECURRING_DEADLINE = "problem.part.a_recurring_deadline"
    NOT_CLONED = "problem.part.not_cloned"


TEXT: dict[MessageKey, tuple[str, str]] = {
    ProblemCode.CANNOT_READ: ("cannot read: {reason}", "无法读取：{reason}"),
    ProblemCode.NOT_UTF8: (
        "not UTF-8 (byte 0x{byte:02x}); save the file as UTF-8",
        "不是 UTF-8 编码（字节 0x{byte:02x}）；请另存为 UTF-8",
    ),
    ProblemCode.EMPTY_FILE: ("file is empty", "文件是空的"),
    ProblemCode.NOT_REGULAR_FILE: (
        "not a regular file (a FIFO, device or socket); a plan file is a plain text file",
        "不是普通文件（管道、设备或套接字）；计划文件应是普通文本文件",
    ),
    ProblemCode.TOO_LARGE: (
        "file is {mib:.1f} MiB; a plan file is a few KB (limit {limit_kib} KiB): is this the right file?",
        "文件有 {mib:.1f} MiB；计划文件只有几 KB（上限 {limit_kib} KiB）：是不是放错了文件？",
    ),
    ProblemCode.ANCHOR: (
        "anchors and aliases (&name, *name) are not allowed in plan files; write the value out",
        "计划文件中不允许使用锚点和别名（&名称、*名称）；请直接写出内容",
    ),
    ProblemCode.TOO_DEEP: (
        "nested more than {levels} levels deep; a plan file needs five",
        "嵌套超过 {levels} 层；计划文件只需五层",
    ),
    ProblemCode.YAML_SYNTAX: ("not valid YAML: {what}", "YAML 格式错误：{what}"),
    ProblemCode.TAG: (
        "tag {tag!r} is not allowed in plan files; remove it",
        "计划文件中不允许使用标签 {tag!r}；请删除",
    ),
    ProblemCode.NOT_MAPPING: (
        "{what} must be a mapping of keys to values (key: value)",
        "{what}：这里应是“键: 值”形式的映射",
    ),
    ProblemCode.KEY_NOT_TEXT: ("{what}: a key must be plain text", "{what}：键应为普通文字"),
    ProblemCode.DUPLICATE_KEY: (
        "duplicate key {key!r} (first at line {first}); keep one of them",
        "键 {key!r} 重复（第一次出现在第 {first} 行）；请只保留一个",
    ),
    ProblemCode.UNKNOWN_KEY: (
        "{what}: unknown key {key!r}{hint}; keys starting with x- are kept for your own use",
        "{what}：未知的键 {key!r}{hint}；以 x- 开头的键留给你自己使用",
    ),
    ProblemCode.MISSING_KEY: ("missing {key!r}; add `{key}: …`", "缺少 {key!r}；请添加 `{key}: …`"),
    ProblemCode.NOT_TEXT: ("{key!r} must be text, not a list or mapping", "{key!r} 应为文字，而不是列表或映射"),
    ProblemCode.BAD_DATE: (
        "{key!r} must be a date written YYYY-MM-DD, not {raw!r}",
        "{key!r} 应写作 YYYY-MM-DD 格式的日期，而不是 {raw!r}",
    ),
    ProblemCode.NOT_WHOLE_NUMBER: ("{key!r} must be a whole number, not {raw!r}", "{key!r} 应为整数，而不是 {raw!r}"),
    ProblemCode.NOT_TRUE_FALSE: (
        "{key!r} must be true or false, not {raw!r}",
        "{key!r} 应为 true 或 false，而不是 {raw!r}",
    ),
    ProblemCode.NOT_A_CHOICE: (
        "{where}{key!r} must be one of {choices}, not {raw!r}",
        "{where}{key!r} 应为 {choices} 之一，而不是 {raw!r}",
    ),
    ProblemCode.NOT_A_LIST: (
        "{key!r} must be a list (items starting with '- ')",
        "{key!r} 应为列表（每项以 '- ' 开头）",
    ),
    ProblemCode.NOT_TEXT_LIST: ("{what} must be text or a list of text", "{what} 应为文字或文字列表"),
    ProblemCode.NO_MILESTONES: (
        "no milestones: add `milestones:` with at least one `- id: …, deadline: …, task: …`",
        "没有节点：请添加 `milestones:`，至少一项 `- id: …, deadline: …, task: …`",
    ),
    ProblemCode.NO_TASK: ("milestone {id} has no task: add `task: …`", "节点 {id} 没有任务：请添加 `task: …`"),
    ProblemCode.MILESTONE_ID_PREFIX: (
        "milestone id {id!r} should start with its initiative's id ({initiative}.)",
        "节点编号 {id!r} 应以所属重点工作的编号（{initiative}.）开头",
    ),
    ProblemCode.BAD_DEADLINE: (
        "milestone {id}: cannot read deadline {phrase!r}: {reason}",
        "节点 {id}：无法识别完成时限 {phrase!r}：{reason}",
    ),
    ProblemCode.DAMAGED_DEADLINE: (
        "milestone {id}: deadline {phrase!r} looks damaged: {repair}; write the date in full to confirm it",
        "节点 {id}：时限 {phrase!r} 似有损坏：{repair}；请写出完整日期加以确认",
    ),
    ProblemCode.BAD_CLOSED_THROUGH: (
        "milestone {id}: 'closed_through' must name a period of its recurring deadline "
        "(such as {example}), not {raw!r}",
        "节点 {id}：'closed_through' 应写其周期性时限中的一期（如 {example}），而不是 {raw!r}",
    ),
    ProblemCode.INCOMPLETE_NOTE: (
        "a note needs `date: YYYY-MM-DD` and `text: …`",
        "进展情况需要 `date: YYYY-MM-DD` 和 `text: …`",
    ),
    ProblemCode.BAD_PERCENT: (
        "'percent' must be a whole number from 0 to 100, not {raw!r}",
        "'percent'（完成进度）应为 0 到 100 的整数，而不是 {raw!r}",
    ),
    ProblemCode.BAD_PERIOD: (
        "'period' must be a month (2024-06) or a quarter (2024-Q2), not {raw!r}",
        "'period'（报送期次）应为月份（2024-06）或季度（2024-Q2），而不是 {raw!r}",
    ),
    ProblemCode.DUPLICATE_MILESTONE_ID: (
        "duplicate milestone id {id} (first at line {first})",
        "编号 {id} 重复（第一次出现在第 {first} 行）",
    ),
    ProblemCode.DUPLICATE_ID_ACROSS_FILES: (
        "duplicate {what} id {id} (also in {other}:{other_line}); give one of them another id",
        "{what}编号 {id} 重复（{other}:{other_line} 中也有）；请给其中一个换编号",
    ),
    ProblemCode.DONE_IN_FUTURE: (
        "milestone {id}: done {done} is later than today ({today})",
        "节点 {id}：完成日期 {done} 晚于今天（{today}）",
    ),
    ProblemCode.NOTE_IN_FUTURE: (
        "milestone {id}: a note is dated {on}, later than today ({today})",
        "节点 {id}：进展情况日期 {on} 晚于今天（{today}）",
    ),
    ProblemCode.BAD_YEAR: (
        "'year' must be the plan year, such as `year: 2024`",
        "'year' 应为计划年度，如 `year: 2024`",
    ),
    ProblemCode.OUT_OF_RANGE: (
        "{key!r} must be between {low} and {high}, not {value}",
        "{key!r} 应在 {low} 到 {high} 之间，而不是 {value}",
    ),
    ProblemCode.BAD_OWNERS: (
        "'owners' must map each owner to an e-mail address or a list of them",
        "'owners' 应为每个单位对应一个电子邮件地址或地址列表",
    ),
    ProblemCode.BAD_OWNER_ID: (
        "owners: {name}: {key} {value!r} is not a mobile number or user id",
        "owners：{name}：{key} {value!r} 不是手机号或用户 ID",
    ),
    ProblemCode.BAD_ASSIGN: (
        "'assign' must map ids to `{{lead: …, co_units: […], leader: …}}`",
        "'assign' 应为编号对应 `{{lead: …, co_units: […], leader: …}}`",
    ),
    ProblemCode.SECRET_AS_VARIABLE: (
        "{where}{key}: a webhook URL or signing secret never goes in a plan file (it is shared through git); "
        "name the environment variable that holds it, in capitals (such as WORKPLAN_DINGTALK_SECRET)",
        "{where}{key}：webhook 地址和签名密钥不能写进计划文件（会随 git 共享）；"
        "请写保存它的环境变量名（大写，例如 WORKPLAN_DINGTALK_SECRET）",
    ),
    ProblemCode.NOT_A_VARIABLE_NAME: (
        "{where}{key}: name the environment variable that holds it, in capitals (such as WORKPLAN_DINGTALK_SECRET)",
        "{where}{key}：请写保存它的环境变量名（大写，例如 WORKPLAN_DINGTALK_SECRET）",
    ),
    ProblemCode.BAD_NOTIFY: (
        "'notify' must be a list of channels (items starting with '- ')",
        "'notify' 应为渠道列表（每项以 '- ' 开头）",
    ),
    ProblemCode.SECRET_KEY_IN_NOTIFY: (
        "notify: {key!r}: a webhook URL or signing secret never goes in a plan file (it is shared through git); "
        "write url_env: / secret_env: with the name of the environment variable that holds it",
        "notify：{key!r}：webhook 地址和签名密钥不能写进计划文件（会随 git 共享）；"
        "请用 url_env: / secret_env: 写保存它的环境变量名",
    ),
    ProblemCode.INCOMPLETE_CHANNEL: (
        "notify: each channel needs a name: and a type: (wecom, dingtalk, feishu or email)",
        "notify：每个渠道都需要 name: 和 type:（wecom、dingtalk、feishu 或 email）",
    ),
    ProblemCode.DUPLICATE_CHANNEL: (
        "notify: two channels are named {name!r}; names must differ",
        "notify：有两个渠道都叫 {name!r}；名称不能重复",
    ),
    ProblemCode.ROBOT_WITHOUT_URL: (
        "notify: {name}: a {type} robot needs url_env: the environment variable holding its webhook URL",
        "notify：{name}：{type} 机器人需要 url_env:，即存放其 webhook 地址的环境变量名",
    ),
    ProblemCode.UNSIGNED_CHANNEL_SECRET: (
        "notify: {name}: a {type} channel is not signed",
        "notify：{name}：{type} 渠道不使用签名",
    ),
    ProblemCode.SMTP_PASSWORD: (
        "smtp: a password never goes in a plan file (it is shared through git); "
        "set WORKPLAN_SMTP_PASSWORD in the environment instead",
        "smtp：密码不能写在计划文件中（它通过 git 共享）；请改在环境变量中设置 WORKPLAN_SMTP_PASSWORD",
    ),
    ProblemCode.PLAN_NOT_LOADED: ("plan {name}: {why}", "计划 {name}：{why}"),
    ProblemPart.INITIATIVE_FILE: ("an initiative file", "重点工作文件"),
    ProblemPart.MILESTONE: ("a milestone", "节点"),
    ProblemPart.NOTE: ("a note", "进展情况"),
    ProblemPart.ID_OF_INITIATIVE: ("initiative", "重点工作"),
    ProblemPart.ID_OF_MILESTONE: ("milestone", "节点"),
    ProblemPart.CLOSE_KEY: (" (did you mean {key!r}?)", "（是否应为 {key!r}？）"),
    ProblemPart.KNOWN_KEYS: (" (known keys: {keys})", "（可用的键：{keys}）"),
    ProblemPart.A_RECURRING_DEADLINE: ("a recurring deadline such as 每月5日前", "每月5日前之类的周期性时限"),
    ProblemPart.NOT_CLONED: (
        "{remote} is not cloned yet: run `workplan pull`",
        "{remote} 尚未克隆：请运行 `workplan pull`",
    ),
}
