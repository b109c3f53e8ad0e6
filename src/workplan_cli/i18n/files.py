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
}
