"""`workplan report` end to end: a quarter of a plan lived through real commits, its numbers checked
against `stats` and `list --json`, the documents read back, `--from-git` and its failures."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import Invoke
from tests.reportrepo import demo_repository, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_repository(tmp_path_factory.mktemp("repo"))


@pytest.fixture(scope="module")
def june_30(repository: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A checkout of the plan as committed on June 30."""
    commit = git(repository.parent, "rev-list", "-1", "--before=2024-06-30T23:59:59+08:00", "HEAD").strip()
    then = tmp_path_factory.mktemp("then") / "checkout"
    git(repository.parent, "worktree", "add", "-q", "--detach", str(then), commit)
    return then / "plan"


def test_the_numbers_agree_with_stats_and_list_json(invoke: Invoke, june_30: Path) -> None:
    result = invoke(["report", "--plan", str(june_30), "--quarter", "2024-Q2", "--md", "-"], WORKPLAN_LANG="zh")
    assert result.exit_code == 0, result.output
    assert "| 年初以来 | 10 | 3 | 2 | 1 | 4 | 1 | 50.0% | 30.0% |" in result.stdout
    assert "| 本期 | 6 | 2 | 0 | 0 | 4 | 1 | 33.3% | 33.3% |" in result.stdout
    listed = json.loads(invoke(["list", "--plan", str(june_30), "--as-of", "2024-06-30", "--json"]).stdout)
    dated = [m for m in listed if m["deadline"]]
    done = [m for m in dated if m["status"] == "done"]
    assert len(done) == 3 + 2 + 1  # on time + done late + early
    assert len([m for m in done if m["days_late"]]) == 2
    assert [m["id"] for m in dated if m["status"] == "overdue"] == ["4.2.1"]
    assert [m["days_left"] for m in dated if m["status"] == "overdue"] == [-122]
    due_by_june = [m for m in dated if m["deadline"] <= "2024-06-30"]
    assert len(due_by_june) == 10
    stats = invoke(["stats", "--plan", str(june_30), "--as-of", "2024-06-30"]).stdout
    whole = next(line for line in stats.splitlines() if line.strip().startswith("Whole plan") and "/" in line)
    assert whole.split()[2:5] == ["6", "2", "1"]  # done, done late, overdue


def test_the_quarterly_docx_from_git(invoke: Invoke, repository: Path, tmp_path: Path) -> None:
    from docx import Document

    target = tmp_path / "q2.docx"
    result = invoke(
        ["report", "--plan", str(repository), "--quarter", "2024-Q2", "--from-git", "--docx", str(target)],
        WORKPLAN_LANG="zh",
    )
    assert result.exit_code == 0, result.output
    document = Document(str(target))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "2024年第二季度工作计划推进情况报告"
    assert re.fullmatch(r"（数据来源：git 提交 [0-9a-f]{10}，2024-06-30 18:00）", texts[2])
    assert texts[5].startswith("本期应完成节点任务6项，其中按时完成2项、逾期完成0项、逾期未完成0项、正在推进4项")
    assert "进展情况：2024-05-15（改革科） 已完成各执法领域职责梳理，形成职责边界清单初稿（完成进度70%）" in texts
    units = document.tables[1]
    ranking = [[c.text for c in row.cells[:3]] + [row.cells[-1].text] for row in units.rows[1:]]
    assert ranking == [
        ["1", "机构编制科", "2", "50.0%"],
        ["2", "改革科", "3", "33.3%"],
        ["3", "监督检查科", "1", "0.0%"],
    ]
    overdue = document.tables[2]
    assert [c.text for c in overdue.rows[1].cells] == [
        "1", "4.2.1", "制定我区2023年度XX监督检查计划", "监督检查科", "2月底前（2024-02-29）", "122"
    ]  # fmt: skip


def test_from_git_reproduces_the_checkout(invoke: Invoke, repository: Path, june_30: Path) -> None:
    """The report and `due` from git equal those made on a checkout of that day's commit."""
    for command in (["report", "--quarter", "2024-Q2"], ["due", "--as-of", "2024-06-30", "--json"]):
        from_git = invoke([*command, "--plan", str(repository), "--from-git"])
        checkout = invoke([*command, "--plan", str(june_30)])
        assert from_git.exit_code == checkout.exit_code == 0, from_git.output
        source = re.compile(r"\(read from git commit [0-9a-f]{10} of 2024-06-30 18:00\)\n")
        assert source.sub("", from_git.stdout).replace(str(repository), "P") == checkout.stdout.replace(
            str(june_30), "P"
        )
    today = invoke(["report", "--quarter", "2024-Q2", "--plan", str(repository)])
    assert "2 done on time" not in today.stdout  # today's files know 2.3.1 was done on June 25


def test_the_summary_and_the_default_period(invoke: Invoke, repository: Path) -> None:
    summary = invoke(["report", "--plan", str(repository), "--type", "summary"], WORKPLAN_LANG="zh")
    assert summary.exit_code == 0, summary.output
    assert summary.stdout.startswith("2024年度工作计划执行情况总结")
    assert "三、结转事项" in summary.stdout and "4.2.1 制定我区2023年度XX监督检查计划" in summary.stdout
    monthly = invoke(["report", "--plan", str(repository)], WORKPLAN_LANG="zh")
    # the last full month before today, which is long after the plan year: nothing of the plan is in it
    assert monthly.exit_code == 0 and "工作计划推进情况报告" in monthly.stdout.splitlines()[0]


def test_the_html_page(invoke: Invoke, repository: Path, tmp_path: Path) -> None:
    page = tmp_path / "q2.html"
    result = invoke(["report", "--plan", str(repository), "--half", "2024-H1", "--html", str(page)])
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and '<html lang="en">' in text
    assert "<h1>Progress of the work plan: first half of 2024</h1>" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--month", "2024-06", "--quarter", "2024-Q2"], "give one period"),
        (["--quarter", "2024-Q5"], "expected a quarter written like 2024-Q2"),
        (["--half", "2024-06"], "expected a half written like 2024-H1"),
    ],
)
def test_bad_periods(invoke: Invoke, plan_dir: Path, args: list[str], message: str) -> None:
    result = invoke(["report", "--plan", str(plan_dir), *args])
    assert result.exit_code == 2 and message in result.stderr


def test_from_git_outside_a_repository(invoke: Invoke, plan_dir: Path) -> None:
    result = invoke(["report", "--plan", str(plan_dir), "--quarter", "2024-Q2", "--from-git"])
    assert result.exit_code == 9
    assert "is not in a git repository" in result.stderr
    due = invoke(["due", "--plan", str(plan_dir), "--as-of", "2024-06-30", "--from-git"])
    assert due.exit_code == 9


def test_from_git_without_git(repository: Path, tmp_path: Path) -> None:
    """A machine without git: said plainly, exit 9 (the program runs with a PATH that has no git)."""
    env = {**os.environ, "PATH": str(tmp_path), "WORKPLAN_LANG": "en", "XDG_CACHE_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "workplan_cli", "report", "--plan", str(repository), "--year", "2024", "--from-git"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 9
    assert "git is not installed" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_report_of_a_day_before_the_first_commit(invoke: Invoke, repository: Path) -> None:
    result = invoke(["report", "--plan", str(repository), "--month", "2023-12", "--from-git"])
    assert result.exit_code == 9 and "no commit of the plan on or before 2023-12-31" in result.stderr


def test_docx_to_stdout(invoke: Invoke, repository: Path) -> None:
    from docx import Document

    result = invoke(["report", "--plan", str(repository), "--month", "2024-03", "--docx", "-"])
    assert result.exit_code == 0
    document = Document(io.BytesIO(result.stdout_bytes))
    assert document.paragraphs[0].text == "Progress of the work plan: March 2024"
    assert date(2024, 3, 31).isoformat() not in document.paragraphs[1].text  # long dates, not ISO


def test_days_late_in_working_days(invoke: Invoke, june_30: Path) -> None:
    args = ["report", "--plan", str(june_30), "--quarter", "2024-Q2", "--workdays", "--md", "-"]
    result = invoke(args, WORKPLAN_LANG="zh")
    assert "| 序号 | 编号 | 任务内容 | 责任单位 | 完成时限 | 逾期工作日数 |" in result.stdout
    # Feb 29 to June 30: 122 days, of which 83 working days (weekends, 清明, 劳动节, 端午 off; 调休 worked)
    assert "| 1 | 4.2.1 | 制定我区2023年度XX监督检查计划 | 监督检查科 | 2月底前（2024-02-29） | 83 |" in result.stdout
    assert "已于2024-04-10完成，逾期7个工作日" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "--year", "1800"], "--year 1800: outside the plan's year (2024)"),
        (["report", "--quarter", "2025-Q1"], "--quarter 2025-Q1: outside the plan's year (2024); for the next year"),
        (["collect", "--period", "1999-01", "--out", "forms"], "--period 1999-01: outside the plan's year"),
    ],
)
def test_a_period_outside_the_plan_year_is_refused(
    invoke: Invoke, plan_dir: Path, args: list[str], message: str
) -> None:
    # F38, F31: a report of 1800 or of 2025 on a 2024 plan counted 2024's deadlines in its numbers.
    result = invoke([*args, "--plan", str(plan_dir)])
    assert result.exit_code == 2, result.output
    assert message in result.stderr
