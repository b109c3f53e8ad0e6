"""`log` in words: closes, reopens, moved deadlines and notes read back from real git history."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from workplan_cli import actions
from workplan_cli.errors import GitError
from workplan_cli.history import plan_history
from workplan_cli.planfiles import load_plan

from .gitplan import commit_on, committed_plan, edit
from .test_git_merge import git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A year of work on 2.1.1 and 2.1.2: closed, reopened, deadline moved, noted, closed again."""
    top = committed_plan(tmp_path / "office", monkeypatch)
    plan = top / "plan"
    actions.close(load_plan(plan), "2.1.1", on=date(2024, 3, 28), today=date(2024, 3, 28))
    commit_on(top, "销号 2.1.1（2024-03-28）", "2024-03-28T17:00:00+08:00")
    actions.reopen(load_plan(plan), "2.1.1")
    commit_on(top, "重新打开 2.1.1", "2024-04-02T09:30:00+08:00")
    edit(plan / "2-1.yaml", "deadline: 6月底前", "deadline: 9月底前\n    deadline_was: 6月底前")
    commit_on(top, "2.1.2 完成时限调整", "2024-06-20T10:00:00+08:00")
    git(top, "mv", "plan/2-1.yaml", "plan/2-1-街道扩权赋能.yaml")
    commit_on(top, "文件改名", "2024-07-01T10:00:00+08:00")
    actions.add_note(load_plan(plan), "2.1.2", "试点街道已完成", on=date(2024, 9, 20), today=date(2024, 9, 20))
    commit_on(top, "2.1.2 进展", "2024-09-20T10:00:00+08:00")
    actions.close(load_plan(plan), "2.1.1", on=date(2024, 9, 25), today=date(2024, 9, 25))
    commit_on(top, "销号 2.1.1（2024-09-25）", "2024-09-25T16:00:00+08:00")
    return plan


def words(plan: Path, item_id: str | None, lang: str = "en") -> list[tuple[str, str, list[str]]]:
    return [
        (entry.when.date().isoformat(), entry.subject, [f"{c.item_id} {c.text(lang)}" for c in entry.changes])
        for entry in plan_history(load_plan(plan), item_id)
    ]


def test_a_milestone_history_reads_back_close_reopen_and_close_across_the_rename(office: Path) -> None:
    assert words(office, "2.1.1") == [
        ("2024-09-25", "销号 2.1.1（2024-09-25）", ["2.1.1 closed on 2024-09-25"]),
        ("2024-07-01", "文件改名", ["2.1 file renamed from plan/2-1.yaml to plan/2-1-街道扩权赋能.yaml"]),
        ("2024-04-02", "重新打开 2.1.1", ["2.1.1 reopened (was done on 2024-03-28)"]),
        ("2024-03-28", "销号 2.1.1（2024-03-28）", ["2.1.1 closed on 2024-03-28"]),
        ("2024-01-05", "plan", ["2.1.1 milestone added: 3月底前 "
                                 "制定《第二批赋予街道县级行政权力事项工作方案》，推动赋权事项有效承接"]),
    ]  # fmt: skip


def test_a_moved_deadline_and_a_note_in_chinese(office: Path) -> None:
    history = words(office, "2.1.2", "zh")
    assert history[0] == ("2024-09-20", "2.1.2 进展", ["2.1.2 新增进展情况（2024-09-20: 试点街道已完成）"])
    assert history[2] == ("2024-06-20", "2.1.2 完成时限调整", ["2.1.2 完成时限由 6月底前 调整为 9月底前"])
    assert [subject for _, subject, _ in history] == ["2.1.2 进展", "文件改名", "2.1.2 完成时限调整", "plan"]


def test_the_whole_plan_history_newest_first_and_a_rename_is_not_a_removal(office: Path) -> None:
    history = plan_history(load_plan(office))
    assert [entry.subject for entry in history][:3] == ["销号 2.1.1（2024-09-25）", "2.1.2 进展", "文件改名"]
    renamed = history[2]
    assert [c.kind for c in renamed.changes] == ["file.renamed"]
    assert history[0].author == "Office A" and len(history[0].commit) == 40
    assert str(history[0].when.tzinfo) == "Asia/Shanghai" and history[0].when.hour == 16
    first = history[-1]
    assert [c.kind for c in first.changes] == ["added.initiative"] * 14  # not one line more per milestone


def test_a_broken_version_is_reported_not_read_as_everything_removed(office: Path) -> None:
    top = office.parent
    good = (office / "3-1.yaml").read_text(encoding="utf-8")
    (office / "3-1.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    commit_on(top, "broken", "2024-10-01T10:00:00+08:00")
    (office / "3-1.yaml").write_text(good, encoding="utf-8")
    commit_on(top, "fixed", "2024-10-02T10:00:00+08:00")
    history = plan_history(load_plan(office))
    kinds = {e.subject: [c.kind for c in e.changes] for e in history}
    assert kinds["broken"] == ["file.unreadable"]
    assert "fixed" not in kinds  # back to what it was: nothing to tell


def test_a_plan_outside_git_is_a_git_error(plan_dir: Path) -> None:
    with pytest.raises(GitError, match="not in a git repository"):
        plan_history(load_plan(plan_dir))
