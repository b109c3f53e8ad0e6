"""A year run from the command line: add, set, done with --commit, log, rollover, pull (real git)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from workplan_cli.planfiles import load_plan

from .conftest import Invoke
from .gitplan import committed_plan, edit
from .test_git_merge import git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return committed_plan(tmp_path / "office", monkeypatch) / "plan"


def subjects(top: Path) -> list[str]:
    return git(top, "log", "--format=%s").splitlines()


def test_a_year_from_the_command_line_each_edit_one_commit(office: Path, invoke: Invoke) -> None:
    plan = ["--plan", str(office)]
    steps = [
        ["add", "milestone", "2.1", "--deadline", "9月底前", "--task", "完成第三批赋权评估", "--commit"],
        ["set", "2.1.5", "deadline", "10月底前", "--commit"],
        ["done", "2.1.5", "--on", "2024-10-20", "--commit"],
        ["reopen", "2.1.5", "--commit"],
        ["note", "2.1.5", "补充材料", "--on", "2024-10-22", "--commit"],
    ]
    for step in steps:
        result = invoke([*step, *plan])
        assert result.exit_code == 0, result.output
    assert subjects(office.parent)[:5] == [
        "2.1.5 进展情况（2024-10-22）",
        "重新打开 2.1.5",
        "销号 2.1.5（2024-10-20）",
        "2.1.5 完成时限：9月底前 → 10月底前",
        "新增节点 2.1.5",
    ]
    assert git(office.parent, "status", "--porcelain") == ""
    history = json.loads(invoke(["log", "2.1.5", "--json", *plan]).stdout)
    assert [[c["change"] for c in entry["changes"]] for entry in history] == [
        ["note.added"],
        ["reopened"],
        ["closed"],
        ["deadline.moved"],
        ["added.milestone"],
    ]
    assert history[3]["changes"][0]["from"] == "9月底前" and history[3]["changes"][0]["to"] == "10月底前"
    text = invoke(["log", "2.1.5", *plan], WORKPLAN_LANG="zh").stdout
    assert "完成时限由 9月底前 调整为 10月底前" in text and "销号（2024-10-20）" in text


def test_commit_true_in_workplan_yaml_commits_without_the_flag_and_no_commit_overrides(
    office: Path, invoke: Invoke
) -> None:
    settings = office / "workplan.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "commit: true\n", encoding="utf-8")
    git(office.parent, "commit", "-qam", "commit edits")
    assert invoke(["done", "2.1.1", "--on", "2024-03-28", "--plan", str(office)]).exit_code == 0
    assert subjects(office.parent)[0] == "销号 2.1.1（2024-03-28）"
    assert invoke(["done", "2.1.2", "--on", "2024-03-28", "--no-commit", "--plan", str(office)]).exit_code == 0
    assert subjects(office.parent)[0] == "销号 2.1.1（2024-03-28）"
    assert git(office.parent, "status", "--porcelain") == " M plan/2-1.yaml\n"


def test_commit_outside_git_edits_the_file_then_exits_9_saying_so(plan_dir: Path, invoke: Invoke) -> None:
    result = invoke(["done", "2.1.1", "--on", "2024-03-28", "--commit", "--plan", str(plan_dir)])
    assert result.exit_code == 9
    assert "the edit was made" in result.stderr and "not committed" in result.stderr and "git init" in result.stderr
    assert next(m for _, m in load_plan(plan_dir).milestones() if m.id == "2.1.1").done is not None


def test_a_bad_phrase_is_exit_2_and_nothing_written_nor_committed(office: Path, invoke: Invoke) -> None:
    result = invoke(
        ["add", "milestone", "2.1", "--deadline", "春节后", "--task", "x", "--commit", "--plan", str(office)]
    )
    assert result.exit_code == 2 and "春节后" in result.stderr
    assert git(office.parent, "status", "--porcelain") == "" and subjects(office.parent) == ["plan"]


def test_log_reads_back_across_a_file_rename(office: Path, invoke: Invoke) -> None:
    top = office.parent
    assert invoke(["done", "2.1.1", "--on", "2024-03-28", "--commit", "--plan", str(office)]).exit_code == 0
    git(top, "mv", "plan/2-1.yaml", "plan/2-1-街道.yaml")
    git(top, "commit", "-qm", "rename")
    assert invoke(["set", "2.1.2", "deadline", "9月底前", "--commit", "--plan", str(office)]).exit_code == 0
    history = json.loads(invoke(["log", "2.1", "--json", "--plan", str(office)]).stdout)
    told = [(entry["subject"], [c["text"] for c in entry["changes"]]) for entry in history[:3]]
    assert told == [
        ("2.1.2 完成时限：6月底前 → 9月底前", ["deadline moved from 6月底前 to 9月底前"]),
        ("rename", ["file renamed from plan/2-1.yaml to plan/2-1-街道.yaml"]),
        ("销号 2.1.1（2024-03-28）", ["closed on 2024-03-28"]),
    ]


def test_log_outside_git_is_exit_9(plan_dir: Path, invoke: Invoke) -> None:
    result = invoke(["log", "--plan", str(plan_dir)])
    assert result.exit_code == 9 and "not in a git repository" in result.stderr


def test_rollover_of_the_shipped_plan_as_of_year_end_carries_exactly_the_milestones_not_done(
    plan_dir: Path, tmp_path: Path, invoke: Invoke
) -> None:
    plan = ["--plan", str(plan_dir)]
    for milestone_id, day in (("1.3.1", "2024-03-30"), ("2.1.1", "2024-03-28"), ("2.1.2", "2024-12-31")):
        assert invoke(["done", milestone_id, "--on", day, *plan]).exit_code == 0
    # closed after the day the rollover looks at: still carried
    edit(plan_dir / "4-2.yaml", "    done:\n", "    done: 2025-01-05\n")
    before = load_plan(plan_dir)
    out = tmp_path / "2025" / "plan"

    result = invoke(["rollover", "--year", "2025", "--out", str(out), "--as-of", "2024-12-31", *plan])

    assert result.exit_code == 0, result.output
    assert "23 unfinished milestones carried over, 3 done left behind" in result.stdout
    rolled = load_plan(out)
    assert rolled.problems == () and rolled.settings.year == 2025 and "2025年" in rolled.settings.title
    expected = {m.id for _, m in before.milestones() if m.done is None or m.done.isoformat() > "2024-12-31"}
    assert {m.id for _, m in rolled.milestones()} == expected
    assert len(expected) == 23 and {"1.3.1", "2.1.1", "2.1.2"}.isdisjoint(expected)
    old = {m.id: m for _, m in before.milestones()}
    for _, milestone in rolled.milestones():
        was = old[milestone.id]
        assert milestone.carried_from == f"2024:{milestone.id}" and milestone.done is None
        assert milestone.due == was.due  # the day it was due, not a year's silent extension
        assert milestone.deadline_was == (was.phrase if was.due else None)
    assert not (out / "1-3.yaml").exists()  # nothing left of initiative 1.3: not carried
    assert load_plan(plan_dir) == before  # the old plan untouched

    again = invoke(["rollover", "--year", "2025", "--out", str(out), *plan])
    assert again.exit_code == 2 and "already holds a plan" in again.stderr


def test_pull_fast_forwards_a_clone_of_a_local_bare_remote(tmp_path: Path, office: Path, invoke: Invoke) -> None:
    top = office.parent
    git(tmp_path, "clone", "-q", "--bare", str(top), "remote.git")
    git(top, "remote", "add", "origin", str(tmp_path / "remote.git"))
    git(tmp_path, "clone", "-q", "remote.git", "district")
    district = tmp_path / "district" / "plan"
    assert "already up to date" in invoke(["pull", "--plan", str(district)]).stdout

    assert invoke(["done", "2.1.1", "--on", "2024-03-28", "--commit", "--plan", str(office)]).exit_code == 0
    git(top, "push", "-q", "origin", "main")
    pulled = invoke(["pull", "--plan", str(district)])
    assert pulled.exit_code == 0 and "->" in pulled.stdout
    assert next(m for _, m in load_plan(district).milestones() if m.id == "2.1.1").done is not None

    assert invoke(["done", "2.1.2", "--on", "2024-06-28", "--commit", "--plan", str(office)]).exit_code == 0
    git(top, "push", "-q", "origin", "main")
    assert invoke(["done", "3.2.1", "--on", "2024-06-28", "--commit", "--plan", str(district)]).exit_code == 0
    diverged = invoke(["pull", "--plan", str(district)])
    assert diverged.exit_code == 9 and "not updated: district" in diverged.stderr
    assert "failed" in diverged.stdout and "Not possible to fast-forward" in diverged.stdout
    assert git(tmp_path / "district", "log", "-1", "--format=%s") == "销号 3.2.1（2024-06-28）\n"  # no merge made


def test_rollover_with_commit_commits_the_new_plan_in_its_repository(
    office: Path, tmp_path: Path, invoke: Invoke
) -> None:
    top = tmp_path / "office"  # the new year's plan goes beside this year's, in the same repository
    out = top / "plan2025"
    result = invoke(["rollover", "--year", "2025", "--out", str(out), "--as-of", "2024-12-31", "--commit",
                     "--plan", str(office)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert subjects(top)[0] == "2025年计划：结转2024年未完成节点 26 项"
    committed = git(top, "show", "--name-only", "--format=", "HEAD").split()
    assert "plan2025/workplan.yaml" in committed and "plan2025/2-1.yaml" in committed
    assert all(path.startswith("plan2025/") for path in committed)
    assert git(top, "status", "--porcelain") == ""


def test_import_with_commit_into_a_new_repository_commits_the_whole_plan(
    tmp_path: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .conftest import SAMPLES

    top = tmp_path / "office"
    top.mkdir()
    for name, value in (("NAME", "Office A"), ("EMAIL", "a@example.gov.cn")):
        monkeypatch.setenv(f"GIT_AUTHOR_{name}", value)
        monkeypatch.setenv(f"GIT_COMMITTER_{name}", value)
    git(top, "init", "-q", "-b", "main")  # no commit yet
    (top / "notes.txt").write_text("mine, staged\n", encoding="utf-8")
    git(top, "add", "notes.txt")
    report = SAMPLES / "reports" / "seed-2024-work-plan-report.txt"
    result = invoke(["import", str(report), "--out", str(top / "plan"), "--commit"])
    assert result.exit_code == 0, result.output
    assert subjects(top) == ["导入 seed-2024-work-plan-report.txt：重点工作 14 项，节点 26 个"]
    committed = git(top, "show", "--name-only", "--format=", "HEAD").split()
    assert "plan/workplan.yaml" in committed and "plan/2-1.yaml" in committed and "notes.txt" not in committed
    assert git(top, "status", "--porcelain") == "A  notes.txt\n"  # still staged, not committed


def test_accept_with_commit(office: Path, invoke: Invoke) -> None:
    edit(office / "2-1.yaml", "    done:\n", "    done:\n    done_requested: 2024-03-27\n")
    git(office.parent, "commit", "-qam", "请求销号 2.1.1")
    result = invoke(["accept", "2.1.1", "--commit", "--plan", str(office)])
    assert result.exit_code == 0, result.output
    assert subjects(office.parent)[0] == "确认销号 2.1.1（2024-03-27）"
    assert git(office.parent, "status", "--porcelain") == ""


def test_without_git_on_path_log_and_commit_are_exit_9_saying_so(
    office: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = invoke(["log", "--plan", str(office)])
    assert result.exit_code == 9 and "git is not installed" in result.stderr
    done = invoke(["done", "2.1.1", "--on", "2024-03-28", "--commit", "--plan", str(office)])
    assert done.exit_code == 9 and "the edit was made" in done.stderr and "git is not installed" in done.stderr


def test_log_after_two_clones_merged_tells_each_close_with_its_author(
    office: Path, tmp_path: Path, invoke: Invoke
) -> None:
    top = office.parent
    git(tmp_path, "clone", "-q", str(top), "b")
    assert invoke(["done", "2.1.1", "--on", "2024-03-28", "--commit", "--plan", str(office)]).exit_code == 0
    clone = tmp_path / "b"
    git(clone, "-c", "user.name=Office B", "-c", "user.email=b@example.gov.cn", "commit", "-q", "--allow-empty",
        "-m", "start")  # fmt: skip
    assert invoke(["done", "2.1.2", "--on", "2024-06-25", "--plan", str(clone / "plan")]).exit_code == 0
    git(clone, "commit", "-qam", "销号 2.1.2（2024-06-25）", "--author", "Office B <b@example.gov.cn>")
    git(top, "pull", "-q", "--no-rebase", "--no-edit", str(clone), "main")
    history = json.loads(invoke(["log", "2.1", "--json", "--plan", str(office)]).stdout)
    closes = {(c["id"], entry["author"]) for entry in history for c in entry["changes"] if c["change"] == "closed"}
    assert closes == {("2.1.1", "Office A"), ("2.1.2", "Office B")}


def test_an_initiative_added_mid_year_with_a_cadence_starts_then(plan_dir: Path, invoke: Invoke) -> None:
    """As `add milestone`: `add initiative` records assigned: on its milestone (--as-of, else today; or
    --assigned), so 每月10日前 added on June 12 owes July's report first, not an overdue January."""
    plan = ["--plan", str(plan_dir)]
    added = ["add", "initiative", "--section", "3", "--title", "月度调度", "--deadline", "每月10日前"]
    assert invoke([*added, "--as-of", "2024-06-12", *plan]).exit_code == 0
    (written,) = [path for path in plan_dir.glob("3-*.yaml") if "月度调度" in path.read_text(encoding="utf-8")]
    assert "    assigned: 2024-06-12\n" in written.read_text(encoding="utf-8")
    rows = json.loads(invoke(["list", "--as-of", "2024-06-12", "--json", *plan]).stdout)
    (row,) = [row for row in rows if row["title"] == "月度调度"]
    assert (row["period"], row["deadline"], row["status"]) == ("2024-07", "2024-07-10", "upcoming")
    given = ["add", "initiative", "--section", "3", "--title", "整改", "--deadline", "5个工作日内"]
    assert invoke([*given, "--assigned", "2024-09-27", *plan]).exit_code == 0
    rows = json.loads(invoke(["list", "--as-of", "2024-09-27", "--json", *plan]).stdout)
    assert next(row for row in rows if row["title"] == "整改")["deadline"] == "2024-10-10"


def test_a_recurring_milestone_added_mid_year_starts_then(plan_dir: Path, invoke: Invoke) -> None:
    """F32: 每月10日前 added on June 12 records assigned: 2024-06-12, so its first report is July's,
    not an overdue January; done closes July, the next one is August."""
    plan = ["--plan", str(plan_dir)]
    added = ["add", "milestone", "3.3", "--task", "报送月度进展", "--deadline", "每月10日前", "--as-of", "2024-06-12"]
    assert invoke([*added, *plan]).exit_code == 0
    assert "    assigned: 2024-06-12\n" in (plan_dir / "3-3.yaml").read_text(encoding="utf-8")
    rows = json.loads(invoke(["list", "--as-of", "2024-06-12", "--json", *plan]).stdout)
    added_row = next(row for row in rows if row["id"] == "3.3.2")
    assert (added_row["period"], added_row["deadline"], added_row["status"]) == ("2024-07", "2024-07-10", "upcoming")
    assert invoke(["done", "3.3.2", "--on", "2024-07-08", *plan]).exit_code == 0
    rows = json.loads(invoke(["list", "--as-of", "2024-07-08", "--json", *plan]).stdout)
    assert next(row for row in rows if row["id"] == "3.3.2")["period"] == "2024-08"
    # --assigned still says when, and a working-day deadline needs no --assigned any more
    given = ["add", "milestone", "3.3", "--task", "报送整改方案", "--deadline", "5个工作日内", "--as-of", "2024-09-27"]
    assert invoke([*given, *plan]).exit_code == 0
    rows = json.loads(invoke(["list", "--as-of", "2024-09-27", "--json", *plan]).stdout)
    assert (
        next(row for row in rows if row["id"] == "3.3.3")["deadline"] == "2024-10-10"
    )  # 9-29 (调休), 9-30, 10-8, 10-9, 10-10
