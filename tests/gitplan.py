"""A plan committed in a real git repository, for the tests of --commit, log, rollover and pull."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import SHIPPED_PLAN
from .test_git_merge import git


def committed_plan(top: Path, monkeypatch: pytest.MonkeyPatch, *, when: str = "2024-01-05T09:00:00+08:00") -> Path:
    """The shipped plan committed in a fresh repository ``top`` (under top/plan), with a fixed identity."""
    shutil.copytree(SHIPPED_PLAN, top / "plan")
    for name, value in (("NAME", "Office A"), ("EMAIL", "a@example.gov.cn")):
        monkeypatch.setenv(f"GIT_AUTHOR_{name}", value)
        monkeypatch.setenv(f"GIT_COMMITTER_{name}", value)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("HOME", str(top.parent))
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "-A")
    commit_on(top, "plan", when)
    return top


def commit_on(top: Path, message: str, when: str, *args: str) -> None:
    """Commit everything tracked (``-a``), authored and committed at ``when``."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GIT_COMMITTER_DATE", when)
        git(top, "commit", "-qam", message, "--date", when, *args)


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
