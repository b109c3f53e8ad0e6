"""gitrepo runs real git in temporary repositories: the plan as of a day, commits that leave the index alone."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from workplan_cli import gitrepo
from workplan_cli.errors import GitError
from workplan_cli.planfiles import load_plan

from .gitplan import commit_on, committed_plan, edit
from .test_git_merge import git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped plan committed in a fresh repository under office/plan."""
    return committed_plan(tmp_path / "office", monkeypatch)


def test_a_folder_outside_git_is_none_and_require_says_git_init(tmp_path: Path) -> None:
    assert gitrepo.repository_of(tmp_path) is None
    with pytest.raises(GitError) as raised:
        gitrepo.require_repository(tmp_path)
    assert "git init" in str(raised.value) and raised.value.exit_code == 9


def test_the_plan_folder_is_found_with_its_prefix(repo: Path) -> None:
    found = gitrepo.require_repository(repo / "plan")
    assert found.top == repo.resolve() and found.prefix == "plan"
    assert found.relative(repo / "plan" / "2-1.yaml") == "plan/2-1.yaml"


def test_the_plan_as_of_a_day_is_the_last_commit_of_that_day(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = repo / "plan" / "2-1.yaml"
    edit(plan, "    done:\n", "    done: 2024-03-28\n")
    commit_on(repo, "销号 2.1.1", "2024-03-28T18:00:00+08:00")
    found = gitrepo.require_repository(repo / "plan")

    before = gitrepo.commit_as_of(found, gitrepo.end_of_day(date(2024, 3, 27), "Asia/Shanghai"))
    on_the_day = gitrepo.commit_as_of(found, gitrepo.end_of_day(date(2024, 3, 28), "Asia/Shanghai"))
    assert before is not None and on_the_day is not None and before != on_the_day
    assert gitrepo.commit_as_of(found, gitrepo.end_of_day(date(2023, 12, 31), "Asia/Shanghai")) is None

    old = load_plan(gitrepo.export_plan_at(found, before, tmp_path / "as-of-27"), use_cache=False)
    new = load_plan(gitrepo.export_plan_at(found, on_the_day, tmp_path / "as-of-28"), use_cache=False)
    done = {p: {m.id: m.done for _, m in plan.milestones()}["2.1.1"] for p, plan in (("old", old), ("new", new))}
    assert done == {"old": None, "new": date(2024, 3, 28)}
    assert len(old.initiatives) == 14 and old.problems == ()


def test_an_unknown_revision_is_a_git_error_naming_it(repo: Path) -> None:
    with pytest.raises(GitError, match="no commit 'v9'"):
        gitrepo.resolve_commit(gitrepo.require_repository(repo), "v9")


def test_commit_paths_commits_only_those_files_and_keeps_what_else_is_staged(repo: Path) -> None:
    found = gitrepo.require_repository(repo / "plan")
    edit(repo / "plan" / "3-1.yaml", "title:", "title: ")  # someone's own work, staged
    git(repo, "add", "plan/3-1.yaml")
    edit(repo / "plan" / "4-1.yaml", "owner:", "owner: ")  # and some, not staged
    edit(repo / "plan" / "2-1.yaml", "    done:\n", "    done: 2024-03-28\n")  # ours
    (repo / "plan" / "2-5.yaml").write_text("new file\n", encoding="utf-8")  # ours, new

    commit = gitrepo.commit_paths(found, [repo / "plan" / "2-1.yaml", repo / "plan" / "2-5.yaml"], "销号 2.1.1")

    assert commit is not None
    assert git(repo, "log", "-1", "--format=%s") == "销号 2.1.1\n"
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == ["plan/2-1.yaml", "plan/2-5.yaml"]
    status = git(repo, "status", "--porcelain").splitlines()
    assert sorted(status) == [" M plan/4-1.yaml", "M  plan/3-1.yaml"]  # staged and unstaged, as they were


def test_commit_paths_with_nothing_new_makes_no_commit(repo: Path) -> None:
    found = gitrepo.require_repository(repo / "plan")
    head = git(repo, "rev-parse", "HEAD")
    assert gitrepo.commit_paths(found, [repo / "plan" / "2-1.yaml"], "nothing") is None
    assert git(repo, "rev-parse", "HEAD") == head


def test_a_commit_git_refuses_is_a_git_error_with_what_git_said(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found = gitrepo.require_repository(repo / "plan")
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'plan check failed' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    edit(repo / "plan" / "2-1.yaml", "    done:\n", "    done: 2024-03-28\n")
    with pytest.raises(GitError, match="plan check failed") as raised:
        gitrepo.commit_paths(found, [repo / "plan" / "2-1.yaml"], "销号 2.1.1")
    assert raised.value.exit_code == 9
    assert git(repo, "status", "--porcelain") == " M plan/2-1.yaml\n"  # the index untouched


def test_path_log_follows_a_renamed_file(repo: Path) -> None:
    edit(repo / "plan" / "2-1.yaml", "    done:\n", "    done: 2024-03-28\n")
    git(repo, "commit", "-qam", "close")
    git(repo, "mv", "plan/2-1.yaml", "plan/2-1-街道赋权.yaml")
    git(repo, "commit", "-qm", "rename")
    found = gitrepo.require_repository(repo)

    followed = gitrepo.path_log(found, "plan/2-1-街道赋权.yaml", follow=True)

    assert [c.subject for c in followed] == ["rename", "close", "plan"]
    assert followed[0].files == (gitrepo.FileChange("plan/2-1.yaml", "plan/2-1-街道赋权.yaml"),)
    assert followed[1].files == (gitrepo.FileChange("plan/2-1.yaml", "plan/2-1.yaml"),)
    assert followed[2].files == (gitrepo.FileChange(None, "plan/2-1.yaml"),) and followed[2].parent is None
    folder = gitrepo.path_log(found, "plan", follow=False)
    assert set(folder[0].files) == {
        gitrepo.FileChange("plan/2-1.yaml", None),
        gitrepo.FileChange(None, "plan/2-1-街道赋权.yaml"),
    }
    assert followed[0].author == "Office A"


def test_pull_fast_forwards_and_refuses_to_merge(tmp_path: Path, repo: Path) -> None:
    git(tmp_path, "clone", "-q", "--bare", str(repo), "remote.git")
    git(tmp_path, "clone", "-q", "remote.git", "district")
    clone = gitrepo.require_repository(tmp_path / "district" / "plan")
    assert not gitrepo.pull_fast_forward(clone).changed

    git(repo, "remote", "add", "origin", str(tmp_path / "remote.git"))
    edit(repo / "plan" / "2-1.yaml", "    done:\n", "    done: 2024-03-28\n")
    git(repo, "commit", "-qam", "close 2.1.1")
    git(repo, "push", "-q", "origin", "main")
    pulled = gitrepo.pull_fast_forward(clone)
    assert pulled.changed and pulled.after == git(repo, "rev-parse", "HEAD").strip()

    edit(repo / "plan" / "2-2.yaml", "    done:\n", "    done: 2024-03-28\n")
    git(repo, "commit", "-qam", "close 2.2.1")
    git(repo, "push", "-q", "origin", "main")
    edit(tmp_path / "district" / "plan" / "3-1.yaml", "title:", "title: ")
    git(tmp_path / "district", "commit", "-qam", "local work")
    with pytest.raises(GitError, match="pull --ff-only"):
        gitrepo.pull_fast_forward(clone)
    assert git(tmp_path / "district", "log", "-1", "--format=%s") == "local work\n"  # no merge made
