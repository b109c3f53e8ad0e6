"""add, set and --commit on a real git repository: the expected commits, and diffs of only the lines concerned."""

from __future__ import annotations

import shutil
import threading
from datetime import date
from pathlib import Path

import pytest
import yaml

from workplan_cli import actions, authoring
from workplan_cli.errors import GitError, UnknownIdError, UsageError
from workplan_cli.planfiles import load_plan

from .gitplan import committed_plan
from .test_git_merge import git

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return committed_plan(tmp_path / "office", monkeypatch) / "plan"


def last_commit(plan: Path) -> tuple[str, list[str], list[str]]:
    """(subject, files, the diff's changed lines) of HEAD."""
    top = plan.parent
    subject = git(top, "log", "-1", "--format=%s").strip()
    files = git(top, "show", "--name-only", "--format=", "HEAD").split()
    diff = git(top, "show", "--format=", "--unified=0", "HEAD").splitlines()
    changed = [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    return subject, files, changed


@needs_git
def test_add_milestone_appends_the_next_id_and_commits_it_in_chinese(office: Path) -> None:
    raw = (office / "2-1.yaml").read_bytes()
    outcome = authoring.add_milestone(load_plan(office), "2.1", task="完成第三批赋权评估", phrase="9月底前")
    assert outcome.milestone_id == "2.1.5" and outcome.text("zh").endswith("2.1.5：9月底前（2024-09-30）")
    assert (office / "2-1.yaml").read_bytes().startswith(raw)  # appending keeps every existing byte
    commit = authoring.commit_edit(load_plan(office), [outcome], "add.milestone")
    assert commit is not None
    assert last_commit(office) == (
        "新增节点 2.1.5",
        ["plan/2-1.yaml"],
        ['+  - id: "2.1.5"', "+    deadline: 9月底前", "+    task: 完成第三批赋权评估", "+    done:"],
    )
    (milestone,) = [m for _, m in load_plan(office).milestones() if m.id == "2.1.5"]
    assert milestone.due == date(2024, 9, 30)


def test_an_unknown_phrase_is_refused_with_the_grammars_reason_and_nothing_written(plan_dir: Path) -> None:
    before = {p.name: p.read_bytes() for p in plan_dir.iterdir()}
    with pytest.raises(UsageError, match="8月前") as raised:
        authoring.add_milestone(load_plan(plan_dir), "2.1", task="x", phrase="8月前")
    assert "ambiguous" in str(raised.value) or "8月底前" in str(raised.value)
    with pytest.raises(UsageError, match="春节后"):
        authoring.add_initiative(load_plan(plan_dir), "2", title="新工作", phrase="春节后")
    assert {p.name: p.read_bytes() for p in plan_dir.iterdir()} == before


def test_add_milestone_to_a_milestone_id_or_an_unknown_one_is_refused(plan_dir: Path) -> None:
    with pytest.raises(UsageError, match="name its initiative"):
        authoring.add_milestone(load_plan(plan_dir), "2.1.1", task="x", phrase=None)
    with pytest.raises(UnknownIdError):
        authoring.add_milestone(load_plan(plan_dir), "9.9", task="x", phrase=None)


def test_two_adds_at_once_get_different_ids(plan_dir: Path) -> None:
    plan = load_plan(plan_dir)
    results: list[str] = []

    def add(task: str) -> None:
        results.append(authoring.add_milestone(plan, "2.1", task=task, phrase=None).milestone_id)

    threads = [threading.Thread(target=add, args=(f"任务{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["2.1.5", "2.1.6", "2.1.7", "2.1.8"]
    reloaded = load_plan(plan_dir)
    assert reloaded.problems == () and len(next(i for i in reloaded.initiatives if i.id == "2.1").milestones) == 8


@needs_git
def test_add_initiative_is_the_next_item_of_its_section_in_a_file_named_like_the_others(office: Path) -> None:
    outcome = authoring.add_initiative(
        load_plan(office), "2", title="推进基层减负", phrase="10月底前", task="出台基层减负清单", owner="区委编办"
    )
    assert (outcome.milestone_id, outcome.path.name) == ("2.4", "2-4.yaml")
    plan = load_plan(office)
    assert plan.problems == ()
    (initiative,) = [i for i in plan.initiatives if i.id == "2.4"]
    assert initiative.section == "二、高质量深化重点领域改革，推动体制机制创新"
    assert (initiative.owner, [(m.id, m.phrase, m.task) for m in initiative.milestones]) == (
        "区委编办",
        [("2.4.1", "10月底前", "出台基层减负清单")],
    )
    authoring.commit_edit(plan, [outcome], "add.initiative", title="推进基层减负")
    assert last_commit(office)[:2] == ("新增重点工作 2.4：推进基层减负", ["plan/2-4.yaml"])


@needs_git
def test_set_deadline_keeps_the_old_one_and_commits_a_one_line_change_plus_deadline_was(office: Path) -> None:
    edit = authoring.set_field(load_plan(office), "2.1.2", "deadline", "9月底前")
    assert edit.outcome.text("en") == "2.1.2 deadline: 6月底前 -> 9月底前; 6月底前 kept as deadline_was"
    authoring.commit_edit(load_plan(office), [edit.outcome], "set", **edit.message_fields())
    assert last_commit(office) == (
        "2.1.2 完成时限：6月底前 → 9月底前",
        ["plan/2-1.yaml"],
        ["-    deadline: 6月底前", "+    deadline: 9月底前", "+    deadline_was: 6月底前"],
    )
    # moved again: the deadline first written stays; moved back to it: deadline_was goes
    authoring.set_field(load_plan(office), "2.1.2", "deadline", "10月底前")
    assert next(m for _, m in load_plan(office).milestones() if m.id == "2.1.2").deadline_was == "6月底前"
    authoring.set_field(load_plan(office), "2.1.2", "deadline", "6月底前")
    assert git(office.parent, "diff", "HEAD~1", "--", "plan/2-1.yaml") == ""


def test_set_fields_of_an_initiative_and_a_milestone(plan_dir: Path) -> None:
    plan = load_plan(plan_dir)
    authoring.set_field(plan, "2.1", "lead", "区委编办")
    authoring.set_field(plan, "2.1", "co_units", "区司法局、区财政局")
    authoring.set_field(plan, "2.1.1", "owner", "综合科")
    authoring.set_field(plan, "2.1.1", "task", "制定方案: 第二批")
    written = yaml.safe_load((plan_dir / "2-1.yaml").read_text(encoding="utf-8"))
    assert (written["lead"], written["co_units"]) == ("区委编办", "区司法局、区财政局")
    assert (written["milestones"][0]["owner"], written["milestones"][0]["task"]) == ("综合科", "制定方案: 第二批")
    cleared = authoring.set_field(load_plan(plan_dir), "2.1.1", "owner", "")
    assert (
        cleared.outcome.changed and next(m for _, m in load_plan(plan_dir).milestones() if m.id == "2.1.1").owner == ""
    )


def test_set_refuses_what_it_cannot_set(plan_dir: Path) -> None:
    plan = load_plan(plan_dir)
    with pytest.raises(UsageError, match=r"workplan done 2\.1\.1"):
        authoring.set_field(plan, "2.1.1", "done", "2024-03-01")
    with pytest.raises(UsageError, match="one of: title, owner"):
        authoring.set_field(plan, "2.1", "deadline", "9月底前")
    with pytest.raises(UsageError, match="cannot be empty"):
        authoring.set_field(plan, "2.1.1", "task", "")
    with pytest.raises(UsageError, match="8月前"):
        authoring.set_field(plan, "2.1.1", "deadline", "8月前")
    unchanged = authoring.set_field(plan, "2.1.1", "deadline", "3月底前")
    assert not unchanged.outcome.changed


@needs_git
def test_done_with_commit_stages_only_the_touched_file_and_keeps_the_index(office: Path) -> None:
    top = office.parent
    (office / "3-1.yaml").write_text((office / "3-1.yaml").read_text(encoding="utf-8") + "# mine\n", encoding="utf-8")
    git(top, "add", "plan/3-1.yaml")
    outcomes = actions.close(load_plan(office), "2.1.1", on=date(2024, 3, 28), today=date(2024, 3, 28))
    authoring.commit_edit(load_plan(office), outcomes, "done", day="2024-03-28")
    assert last_commit(office) == (
        "销号 2.1.1（2024-03-28）",
        ["plan/2-1.yaml"],
        ["-    done:", "+    done: 2024-03-28"],
    )
    assert git(top, "status", "--porcelain") == "M  plan/3-1.yaml\n"
    again = actions.close(load_plan(office), "2.1.1", on=date(2024, 3, 28), today=date(2024, 3, 28))
    assert authoring.commit_edit(load_plan(office), again, "done", day="2024-03-28") is None


def test_commit_outside_git_is_exit_9(plan_dir: Path) -> None:
    outcomes = actions.close(load_plan(plan_dir), "2.1.1", on=date(2024, 3, 28), today=date(2024, 3, 28))
    with pytest.raises(GitError, match="git init") as raised:
        authoring.commit_edit(load_plan(plan_dir), outcomes, "done", day="2024-03-28")
    assert raised.value.exit_code == 9


def test_the_commit_message_follows_the_plans_language(plan_dir: Path) -> None:
    settings = load_plan(plan_dir).settings
    assert authoring.commit_message(settings, "done", ["2.1.1", "2.1.2"], day="2024-03-28") == (
        "销号 2.1.1、2.1.2（2024-03-28）"
    )
    english = type(settings)(title="2024 work plan", year=2024)
    assert authoring.commit_message(english, "reopen", ["2.1.1"]) == "Reopen 2.1.1"


def test_two_deadline_moves_at_once_keep_the_deadline_first_written(plan_dir: Path) -> None:
    plan = load_plan(plan_dir)
    threads = [
        threading.Thread(target=authoring.set_field, args=(plan, "2.1.2", "deadline", phrase))
        for phrase in ("9月底前", "10月底前", "11月底前")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    reloaded = load_plan(plan_dir)
    (milestone,) = [m for _, m in reloaded.milestones() if m.id == "2.1.2"]
    assert milestone.deadline_was == "6月底前" and milestone.phrase in ("9月底前", "10月底前", "11月底前")
    assert reloaded.problems == ()


def test_a_working_day_deadline_needs_the_day_it_was_assigned(plan_dir: Path) -> None:
    with pytest.raises(UsageError, match="assigned"):
        authoring.add_milestone(load_plan(plan_dir), "3.1", task="报送材料", phrase="5个工作日内")
    outcome = authoring.add_milestone(
        load_plan(plan_dir), "3.1", task="报送材料", phrase="5个工作日内", assigned=date(2024, 9, 27)
    )
    (milestone,) = [m for _, m in load_plan(plan_dir).milestones() if m.id == outcome.milestone_id]
    assert milestone.assigned == date(2024, 9, 27)
    assert milestone.due == date(2024, 10, 10)  # Sunday 9-29 was worked (调休), 国庆 skipped
