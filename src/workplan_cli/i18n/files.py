"""Refusals and failures of reading, locking and writing files (the plan folder, safe writing,
edits of plan files, output files): ``FileMsg``."""

from __future__ import annotations

from workplan_cli.i18n.keys import MessageKey


class FileMsg(MessageKey):
    """The keys of file errors."""

    LOCK_HELD = "file.lock_held"
    CANNOT_LOCK = "file.cannot_lock"
    NO_SUCH_FILE = "file.no_such_file"
    READ_ONLY_FILE = "file.read_only_file"
    READ_ONLY_FOLDER = "file.read_only_folder"
    CANNOT_WRITE_IN = "file.cannot_write_in"
    CANNOT_REPLACE = "file.cannot_replace"
    NOT_REGULAR = "file.not_regular"
    KIND_FOLDER = "file.kind.folder"
    KIND_FIFO = "file.kind.fifo"
    KIND_DEVICE = "file.kind.device"
    KIND_SOCKET = "file.kind.socket"
    KIND_SPECIAL = "file.kind.special"
    SETTINGS_PROBLEMS = "file.settings_problems"
    NO_PLAN_LOADED = "file.no_plan_loaded"
    NO_PLAN_WRITTEN = "file.no_plan_written"
    OLD_PLAN_INTACT = "file.old_plan_intact"
    CANNOT_CREATE_FOLDER = "file.cannot_create_folder"
    PLAN_AND_WHY = "file.plan_and_why"
    WORKSPACE_BAD_PLAN = "file.workspace_bad_plan"
    NO_SUCH_PLAN = "file.no_such_plan"
    WORKSPACE_NO_PLANS = "file.workspace_no_plans"
    FOLDER_MISSING = "file.folder_missing"
    NOT_A_PLAN_FOLDER = "file.not_a_plan_folder"
    WORKSPACE_UNREADABLE = "file.workspace_unreadable"
    WORKSPACE_NOT_YAML = "file.workspace_not_yaml"
    WORKSPACE_BAD_NAME = "file.workspace_bad_name"
    WORKSPACE_MISSING = "file.workspace_missing"
    NO_PLAN_AT = "file.no_plan_at"
    NO_PLAN_FOLDER = "file.no_plan_folder"
    GIVEN_FOLDER_NOT_A_PLAN = "file.given_folder_not_a_plan"


TEXT: dict[MessageKey, tuple[str, str]] = {
    FileMsg.LOCK_HELD: (
        "{folder}: another workplan has held the plan's lock for {seconds:g} s; nothing was changed, try again",
        "{folder}：另一个 workplan 已占用计划锁 {seconds:g} 秒；未做任何改动，请稍后再试",
    ),
    FileMsg.CANNOT_LOCK: (
        "{folder}: cannot lock the plan ({reason}): is the folder read-only? workplan writes "
        "{lock_file} and temporary files in the plan folder, nothing was changed",
        "{folder}：无法锁定计划（{reason}）；workplan 需要在计划文件夹中写 {lock_file} 和临时文件，未做任何改动",
    ),
    FileMsg.NO_SUCH_FILE: ("{path}: cannot open: no such file", "{path}：无法打开：文件不存在"),
    FileMsg.READ_ONLY_FILE: (
        "{path}: the file is read-only; make it writable (chmod u+w) to edit it, nothing was changed",
        "{path}：文件是只读的；请先设为可写（chmod u+w），未做任何改动",
    ),
    FileMsg.READ_ONLY_FOLDER: (
        "{path}: the folder {folder} is read-only; workplan writes a temporary file "
        "beside the plan file and renames it, nothing was changed",
        "{path}：文件夹 {folder} 是只读的；workplan 需要在计划文件旁写临时文件再改名，未做任何改动",
    ),
    FileMsg.CANNOT_WRITE_IN: (
        "{path}: cannot write in {folder}: {reason}; nothing was changed",
        "{path}：无法在 {folder} 中写入：{reason}；未做任何改动",
    ),
    FileMsg.CANNOT_REPLACE: (
        "{path}: could not replace the file ({reason}); it is unchanged",
        "{path}：无法替换文件（{reason}）；文件保持原样",
    ),
    FileMsg.NOT_REGULAR: (
        "{path}: not a regular file ({kind}); workplan writes regular files only "
        "(use - for standard output), nothing was changed",
        "{path}：不是普通文件（{kind}）；workplan 只写入普通文件（输出到屏幕请用 -），未做任何改动",
    ),
    FileMsg.KIND_FOLDER: ("a folder", "是文件夹"),
    FileMsg.KIND_FIFO: ("a FIFO", "是命名管道"),
    FileMsg.KIND_DEVICE: ("a device", "是设备文件"),
    FileMsg.KIND_SOCKET: ("a socket", "是套接字"),
    FileMsg.KIND_SPECIAL: ("a special file", "是特殊文件"),
    FileMsg.SETTINGS_PROBLEMS: ("{problems}", "{problems}"),  # workplan.yaml's problems, each with its place
    FileMsg.NO_PLAN_LOADED: ("none of the plans could be loaded: {reasons}", "所有计划都无法读取：{reasons}"),
    FileMsg.NO_PLAN_WRITTEN: (
        "{folder}: could not write the plan ({reason}); no plan was written",
        "{folder}：无法写入计划（{reason}）；没有写入任何计划文件",
    ),
    FileMsg.OLD_PLAN_INTACT: (
        "{folder}: could not write the plan ({reason}); the plan already there is intact, unchanged",
        "{folder}：无法写入计划（{reason}）；原有计划完好，未做改动",
    ),
    FileMsg.CANNOT_CREATE_FOLDER: (
        "{folder}: cannot create the folder ({reason}); nothing was written",
        "{folder}：无法创建文件夹（{reason}）；未写入任何文件",
    ),
    FileMsg.PLAN_AND_WHY: ("{name}: {why}", "{name}：{why}"),
    FileMsg.WORKSPACE_BAD_PLAN: (
        "{path}:{line}: plan {name}: give a folder, a git remote, or {{remote: URL, folder: plan}}",
        "{path}:{line}：计划 {name}：请写文件夹、git 远程地址，或 {{remote: 地址, folder: plan}}",
    ),
    FileMsg.NO_SUCH_PLAN: (
        "{item_id}: no plan named {name!r} in {file}; its plans: {names}",
        "{item_id}：{file} 中没有名为 {name!r} 的计划；其中的计划：{names}",
    ),
    FileMsg.WORKSPACE_NO_PLANS: (
        "{path}: no plans: write `plans:` with one `name: folder-or-git-remote` per line",
        "{path}：没有计划：请在 `plans:` 下每行写一个 `简称: 文件夹或 git 远程地址`",
    ),
    FileMsg.FOLDER_MISSING: (
        "{folder} does not exist",
        "{folder} 不存在",
    ),
    FileMsg.NOT_A_PLAN_FOLDER: (
        "{folder} is not a plan folder (no workplan.yaml)",
        "{folder} 不是计划文件夹（没有 workplan.yaml）",
    ),
    FileMsg.WORKSPACE_UNREADABLE: (
        "{path}: cannot read the workspace file ({err})",
        "{path}：无法读取工作区文件（{err}）",
    ),
    FileMsg.WORKSPACE_NOT_YAML: (
        "{path}:{line}: not valid YAML ({problem})",
        "{path}:{line}：YAML 格式错误（{problem}）",
    ),
    FileMsg.WORKSPACE_BAD_NAME: (
        "{path}:{line}: a plan's name must be short text without ':' ({name!r})",
        "{path}:{line}：计划简称应为不含“:”的短文本（{name!r}）",
    ),
    FileMsg.WORKSPACE_MISSING: (
        "workspace file {path} not found",
        "找不到工作区文件 {path}",
    ),
    FileMsg.NO_PLAN_AT: (
        "no plan at {folder} (no workplan.yaml there)",
        "{folder} 处没有计划（没有 workplan.yaml）",
    ),
    FileMsg.NO_PLAN_FOLDER: (
        "no plan folder found: looked for plan/{settings_file} in {cwd} and its parents; use --plan DIR or set "
        "WORKPLAN_PLAN",
        "找不到计划文件夹：在 {cwd} 及其上级目录中没有 plan/{settings_file}；请用 --plan 指定或设置 WORKPLAN_PLAN",
    ),
    FileMsg.GIVEN_FOLDER_NOT_A_PLAN: (
        "{source} {folder}: no {settings_file} there; is it a plan folder?",
        "{source} {folder}：那里没有 {settings_file}；这是计划文件夹吗？",
    ),
}
