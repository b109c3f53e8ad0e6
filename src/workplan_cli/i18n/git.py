"""Refusals and failures of git: the plan as committed, commits, history, pull: ``GitMsg``."""

from __future__ import annotations

from workplan_cli.i18n.keys import MessageKey


class GitMsg(MessageKey):
    """The keys of refusals and failures of git: the plan as committed, commits, history, pull."""

    GIT_MISSING = "git.git_missing"
    NOT_A_REPOSITORY = "git.not_a_repository"
    NO_SUCH_COMMIT = "git.no_such_commit"
    CANNOT_RUN_GIT = "git.cannot_run_git"
    OUTSIDE_REPOSITORY = "git.outside_repository"
    NO_COMMIT_BY_DAY = "git.no_commit_by_day"
    TIMED_OUT = "git.timed_out"
    FAILED = "git.failed"
    NO_FILES_IN_COMMIT = "git.no_files_in_commit"
    PLANS_NOT_UPDATED = "git.plans_not_updated"
    COMMIT_OF = "git.commit_of"


TEXT: dict[MessageKey, tuple[str, str]] = {
    GitMsg.GIT_MISSING: (
        "git is not installed (or not on PATH); this command needs it",
        "没有安装 git；此命令需要 git",
    ),
    GitMsg.NOT_A_REPOSITORY: (
        "{folder} is not in a git repository; run `git init` there (or clone the plan) first",
        "{folder} 不在 git 仓库中；请先在那里运行 `git init`（或克隆计划）",
    ),
    GitMsg.NO_SUCH_COMMIT: (
        "{top}: no commit {revision!r} in this repository",
        "{top}：此仓库中没有提交 {revision!r}",
    ),
    GitMsg.CANNOT_RUN_GIT: (
        "{folder}: cannot run git there: {reason}",
        "{folder}：无法在此运行 git：{reason}",
    ),
    GitMsg.OUTSIDE_REPOSITORY: (
        "{path} (really {real}) is outside the repository {top}; it cannot be committed there",
        "{path}（实际为 {real}）不在仓库 {top} 中，无法在此提交",
    ),
    GitMsg.NO_COMMIT_BY_DAY: (
        "{folder}: no commit of the plan on or before {day} (`git log` shows the first one)",
        "{folder}：{day} 及之前没有该计划的提交（`git log` 可查看首次提交时间）",
    ),
    GitMsg.TIMED_OUT: (
        "{folder}: `git {command}` did not finish in {seconds} s",
        "{folder}：`git {command}` 在 {seconds} 秒内未完成",
    ),
    GitMsg.FAILED: (
        "{folder}: `git {command}` failed: {said}",
        "{folder}：`git {command}` 失败：{said}",
    ),
    GitMsg.NO_FILES_IN_COMMIT: (
        "{top}: commit {commit} has no files under {prefix}",
        "{top}：提交 {commit} 中 {prefix} 下没有文件",
    ),
    GitMsg.PLANS_NOT_UPDATED: (
        "{n} of {total} plans not updated: {names}",
        "{total} 个计划中有 {n} 个未能更新：{names}",
    ),
    GitMsg.COMMIT_OF: (
        "git commit {commit} of {when}",
        "git 提交 {commit}，{when}",
    ),
}
