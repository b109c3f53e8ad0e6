"""A team shares plan/ through git: closing different milestones of one file merges cleanly."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from workplan_cli.planfiles import load_plan

from .conftest import SHIPPED_PLAN
from .test_installed import installed_workplan

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Office A", "GIT_AUTHOR_EMAIL": "a@example.gov.cn",
    "GIT_COMMITTER_NAME": "Office A", "GIT_COMMITTER_EMAIL": "a@example.gov.cn",
    "GIT_CONFIG_NOSYSTEM": "1",
}  # fmt: skip


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV, "HOME": str(cwd)}
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stdout}{result.stderr}"
    return result.stdout


def workplan(cwd: Path, *args: str) -> None:
    result = subprocess.run(
        [installed_workplan(), *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr


def test_two_clones_close_different_milestones_of_one_file_and_merge_without_conflict(tmp_path: Path) -> None:
    origin = tmp_path / "origin"
    shutil.copytree(SHIPPED_PLAN, origin / "plan")
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "plan")
    git(tmp_path, "clone", "-q", str(origin), "a")
    git(tmp_path, "clone", "-q", str(origin), "b")

    workplan(tmp_path / "a", "done", "2.1.1", "--on", "2024-03-28")
    git(tmp_path / "a", "commit", "-qam", "2.1.1 done")
    workplan(tmp_path / "b", "done", "2.1.2", "--on", "2024-06-25", "--note", "试点已完成")
    git(tmp_path / "b", "commit", "-qam", "2.1.2 done")

    git(tmp_path / "a", "push", "-q", "origin", "HEAD:refs/heads/from-a")
    git(tmp_path / "b", "fetch", "-q", "origin", "from-a")
    git(tmp_path / "b", "merge", "--no-edit", "-q", "FETCH_HEAD")  # asserts exit 0: no conflict

    merged = load_plan(tmp_path / "b" / "plan")
    (initiative,) = [i for i in merged.initiatives if i.id == "2.1"]
    done = {m.id: m.done.isoformat() if m.done else None for m in initiative.milestones}
    assert done == {"2.1.1": "2024-03-28", "2.1.2": "2024-06-25", "2.1.3": None, "2.1.4": None}
    assert merged.problems == ()
    assert "<<<<<<<" not in (tmp_path / "b" / "plan" / "2-1.yaml").read_text(encoding="utf-8")
