"""`--from-git`: the plan as committed on a day, read with git itself, reproduces that day exactly."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from tests.reportrepo import demo_repository, git
from workplan_cli.errors import GitError
from workplan_cli.pastplan import plan_as_committed
from workplan_cli.periods import Period, PeriodKind
from workplan_cli.planfiles import load_plan
from workplan_cli.report import Counts, build_report
from workplan_cli.views.report_blocks import report_blocks
from workplan_cli.views.report_text import render_text

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

Q2 = Period(PeriodKind.QUARTER, 2024, 2)
JUNE_30 = date(2024, 6, 30)


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_repository(tmp_path_factory.mktemp("repo"))


def _report_text(folder: Path, *, from_git: bool) -> str:
    plan = plan_as_committed(folder, JUNE_30, "Asia/Shanghai").plan if from_git else load_plan(folder, use_cache=False)
    return render_text(report_blocks(build_report(plan, Q2, JUNE_30), "zh"))


def test_the_report_from_git_is_the_report_made_that_day(repository: Path, tmp_path: Path) -> None:
    # The files as they stood on June 30, checked out by git into a separate work tree.
    commit = git(repository.parent, "rev-list", "-1", "--before=2024-06-30T23:59:59+08:00", "HEAD").strip()
    git(repository.parent, "worktree", "add", "-q", "--detach", str(tmp_path / "then"), commit)
    made_that_day = _report_text(tmp_path / "then" / "plan", from_git=False)
    assert _report_text(repository, from_git=True) == made_that_day
    # Today's files know that 2.3.1 was done on June 25 (closed a week late): a different report.
    assert _report_text(repository, from_git=False) != made_that_day


def test_counts_from_git(repository: Path) -> None:
    committed = plan_as_committed(repository, JUNE_30, "Asia/Shanghai")
    assert committed.commit == git(repository.parent, "rev-parse", "HEAD~2").strip()  # before July's two commits
    assert committed.committed == "2024-06-30T18:00:00+08:00"
    report = build_report(committed.plan, Q2, JUNE_30)
    assert report.period_counts == Counts(due=6, on_time=2, done_late=0, overdue=0, in_progress=4, early=1)
    assert report.year_counts == Counts(due=10, on_time=3, done_late=2, overdue=1, in_progress=4, early=1)
    today = build_report(load_plan(repository, use_cache=False), Q2, JUNE_30)
    assert today.period_counts.on_time == 3  # 2.3.1, done June 25 as recorded on July 2
    # paths name the real files, not the temporary export
    assert all(Path(i.path).parent == repository for i in committed.plan.initiatives)
    entry = next(m for i in committed.plan.initiatives for m in i.milestones if m.id == "2.3.1").notes[0]
    assert (entry.percent, entry.by) == (70, "改革科")


def test_a_day_before_the_first_commit(repository: Path) -> None:
    with pytest.raises(GitError, match="no commit of the plan on or before 2023-12-31") as caught:
        plan_as_committed(repository, date(2023, 12, 31), "Asia/Shanghai")
    assert caught.value.exit_code == 9


def test_the_day_ends_in_the_plans_timezone(repository: Path) -> None:
    # The June 30 commit was made at 18:00 in Beijing (10:00 UTC): in Beijing it belongs to June 30,
    # so the plan as of June 29 is the one committed on June 20.
    assert plan_as_committed(repository, date(2024, 6, 29), "Asia/Shanghai").committed.startswith("2024-06-20")
    # In Honolulu (UTC-10) that moment is 00:00 on June 30: still not June 29.
    assert plan_as_committed(repository, date(2024, 6, 29), "Pacific/Honolulu").committed.startswith("2024-06-20")
    # Where the day ends later than that moment (Honolulu's June 30 ends at 10:00 UTC on July 1), it counts.
    assert plan_as_committed(repository, JUNE_30, "Pacific/Honolulu").committed.startswith("2024-06-30")


def test_outside_a_repository_it_says_so(plan_dir: Path) -> None:
    with pytest.raises(GitError, match="not in a git repository") as caught:
        plan_as_committed(plan_dir, JUNE_30, "Asia/Shanghai")
    assert caught.value.exit_code == 9
