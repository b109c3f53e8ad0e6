"""The demo year of tests/reportdemo.py lived through real edits and real git commits, day by day.

Each event is done with the code behind `workplan done` / `workplan note` (or a progress entry as
`ingest` writes it) and committed with that day's date, so `--from-git` has a history to read.
One closing is recorded late: 2.3.1 was finished on June 25 but only closed on July 2, so the plan
as committed on June 30 still shows it open while today's files say it was done in June.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

from tests.supervision_plan import supervised_plan
from workplan_cli.actions import add_note, close
from workplan_cli.editing import Change, edit_plan_file
from workplan_cli.model import Plan
from workplan_cli.planfiles import load_plan

Event = tuple[date, Callable[[Plan, date], object]]


def _done(item: str, on: date | None = None) -> Callable[[Plan, date], object]:
    return lambda plan, today: close(plan, item, on=on or today, today=today)


def _note(item: str, text: str) -> Callable[[Plan, date], object]:
    return lambda plan, today: add_note(plan, item, text, on=today, today=today)


def _entry(item: str, percent: int, progress: str, problems: str = "", next_steps: str = "") -> Callable[..., object]:
    def write(plan: Plan, today: date) -> None:
        initiative = next(i for i in plan.initiatives if any(m.id == item for m in i.milestones))
        fields = [("by", initiative.lead), ("period", f"{today.year}-{today.month:02d}"), ("progress", progress)]
        fields += [("problems", problems)] if problems else []
        fields += [("next", next_steps)] if next_steps else []
        fields.append(("percent", str(percent)))
        edit_plan_file(initiative.file, [Change(item, note=(today, ""), note_fields=tuple(fields))])

    return write


EVENTS: list[Event] = [
    (date(2024, 3, 20), _note("4.2.1", "计划初稿已形成，待局务会审议")),
    (date(2024, 3, 28), _done("2.1.1")),
    (date(2024, 4, 10), _done("1.4.1")),
    (date(2024, 5, 6), _done("2.2.1")),
    (
        date(2024, 5, 15),
        _entry(
            "2.3.1",
            70,
            "已完成各执法领域职责梳理，形成职责边界清单初稿",
            "个别领域主管部门意见尚未统一",
            "6月中旬召开协调会，6月底前印发",
        ),
    ),
    (date(2024, 5, 20), _done("2.1.3")),
    (date(2024, 6, 10), _entry("3.2.1", 40, "已收集各校编制需求，正在测算调整方案")),
    (date(2024, 6, 20), _done("1.4.2")),
    (date(2024, 6, 30), _done("2.1.2")),
    (date(2024, 7, 2), _done("2.3.1", date(2024, 6, 25))),  # recorded a week late
    (date(2024, 7, 5), _done("2.2.2")),
]


def git(folder: Path, *args: str, day: date | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "办公室", "GIT_AUTHOR_EMAIL": "office@example.gov.cn"}
    env |= {"GIT_COMMITTER_NAME": "办公室", "GIT_COMMITTER_EMAIL": "office@example.gov.cn"}
    if day is not None:
        stamp = f"{day.isoformat()}T18:00:00+08:00"
        env |= {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    result = subprocess.run(["git", *args], cwd=folder, env=env, capture_output=True, text=True, check=True)
    return result.stdout


def demo_repository(top: Path, until: date = date(2024, 12, 31)) -> Path:
    """A git repository at ``top`` holding the plan in ``plan/``, with the events up to ``until`` committed."""
    plan_dir = supervised_plan(top / "plan")
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "2024年工作计划", day=date(2024, 1, 2))
    for day, event in EVENTS:
        if day > until:
            break
        event(load_plan(plan_dir, use_cache=False), day)
        git(top, "add", "-A")
        git(top, "commit", "-q", "-m", f"进展 {day.isoformat()}", day=day)
    return plan_dir
