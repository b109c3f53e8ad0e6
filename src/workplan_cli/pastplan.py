"""The plan as it was committed on a day: what `--from-git` reads. Git does the remembering.

The newest commit (reachable from HEAD) made by the end of the day in the plan's timezone that
touched the plan folder is exported into a temporary folder and loaded like any plan, then its
paths are made to name the real folder again, so messages and `--json` point at the files people
edit. Nothing is stored by workplan itself; without git, or outside a repository, it says so
(a GitError, exit 9).
"""

from __future__ import annotations

import dataclasses
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from workplan_cli.errors import GitError
from workplan_cli.gitrepo import commit_as_of, end_of_day, export_plan_at, require_repository, run_git
from workplan_cli.i18n import GitMsg, tr
from workplan_cli.model import Plan
from workplan_cli.planfiles import load_plan


@dataclass(frozen=True, slots=True)
class CommittedPlan:
    plan: Plan
    commit: str
    committed: str  # the commit's date as git prints it (ISO 8601 with its offset)

    def source(self, lang: str) -> str:
        """Where a report's figures come from: ``git commit 1a2b3c4d5e of 2024-06-30 18:00``."""
        short, when = self.commit[:10], self.committed[:16].replace("T", " ")
        return tr(GitMsg.COMMIT_OF, lang, commit=short, when=when)


def plan_as_committed(folder: Path, day: date, timezone: str, *, keep_text: bool = False) -> CommittedPlan:
    repo = require_repository(folder)
    commit = commit_as_of(repo, end_of_day(day, timezone))
    if commit is None:
        raise GitError(GitMsg.NO_COMMIT_BY_DAY, folder=folder, day=day.isoformat())
    committed = run_git(repo.top, "show", "-s", "--format=%cI", commit).stdout.decode().strip()
    with tempfile.TemporaryDirectory(prefix="workplan-as-of-") as scratch:
        exported = export_plan_at(repo, commit, Path(scratch) / "plan")
        plan = load_plan(exported, use_cache=False, keep_text=keep_text)
    return CommittedPlan(_relocated(plan, exported, folder), commit, committed)


def _relocated(plan: Plan, exported: Path, folder: Path) -> Plan:
    """The loaded plan with its paths naming ``folder`` instead of the temporary export."""
    base = str(exported)

    def path(text: str) -> str:
        return str(folder / Path(text).relative_to(base)) if text.startswith(base) else text

    initiatives = tuple(i._replace(path=path(i.path)) for i in plan.initiatives)
    problems = tuple(dataclasses.replace(p, path=Path(path(str(p.path)))) for p in plan.problems)
    return Plan(folder, plan.settings, initiatives, problems)
