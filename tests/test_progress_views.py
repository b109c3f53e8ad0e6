"""序时进度 where people look: `list --json`, `show`, and the three colours of `due`."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import Invoke
from tests.reportrepo import demo_repository

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo year up to June 30: 2.3.1 not yet closed (it is closed on July 2)."""
    return demo_repository(tmp_path_factory.mktemp("repo"), until=date(2024, 6, 30))


def test_list_json_carries_schedule_progress_and_colour(invoke: Invoke, repository: Path) -> None:
    result = invoke(["list", "--plan", str(repository), "--as-of", "2024-06-20", "--json"])
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    # 3.2.1: due June 30, 172 of its 182 days passed, 40 % reported on June 10: behind, yellow
    assert rows["3.2.1"]["schedule_progress"] == {
        "start": "2024-01-01",
        "expected": 94,
        "reported": 40,
        "pace": "behind",
    }
    assert rows["3.2.1"]["colour"] == "yellow"
    assert rows["4.2.1"]["colour"] == "red"  # overdue since March 1
    assert rows["4.3.1"]["colour"] == "blue"  # due within the 14-day window, no percent reported
    assert rows["1.1.1"]["colour"] is None
    assert rows["1.1.1"]["schedule_progress"]["pace"] == "unrated"
    assert rows["1.3.1"]["schedule_progress"] is None  # ongoing work has no time to share out
    assert rows["2.1.1"]["schedule_progress"]["pace"] == "done"


def test_due_lists_a_milestone_behind_schedule_though_not_due_soon(invoke: Invoke, repository: Path) -> None:
    # May 20: 2.3.1 (due June 30, 41 days away) reported 70 % while 77 % of its time has passed
    result = invoke(["due", "--plan", str(repository), "--as-of", "2024-05-20"], WORKPLAN_LANG="zh")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert any("● 欠进度" in line and "2.3.1" in line for line in lines)
    assert lines[-1] == "逾期 1 项，14 天内到期 0 项，欠进度 1 项（截至 2024-05-20）"
    english = invoke(["due", "--plan", str(repository), "--as-of", "2024-05-20"])
    assert english.stdout.splitlines()[-1] == "1 overdue, 0 due within 14 days, 1 behind schedule (as of 2024-05-20)"


def test_show_has_a_schedule_progress_column(invoke: Invoke, repository: Path) -> None:
    result = invoke(["show", "2.3", "--plan", str(repository), "--as-of", "2024-05-20"], WORKPLAN_LANG="zh")
    assert "序时进度" in result.stdout
    row = next(line for line in result.stdout.splitlines() if "2.3.1" in line and "指导" in line)
    assert row.rstrip().endswith("77% · 70% 欠进度")


def test_the_digest_in_three_colours(invoke: Invoke, repository: Path) -> None:
    text = invoke(["digest", "--plan", str(repository), "--as-of", "2024-05-20"], WORKPLAN_LANG="zh").stdout
    headings = [line for line in text.splitlines() if line.startswith("■")]
    assert headings[:3] == ["■ 逾期 1 项", "■ 欠进度 1 项", "■ 14 天内到期 0 项"]
    behind = text.split("■ 欠进度 1 项")[1].split("■")[0]
    assert "2.3.1" in behind
    page = invoke(["digest", "--plan", str(repository), "--as-of", "2024-06-20", "--html"]).stdout
    sections = re.findall(r'border-left:4px solid (#[0-9a-f]{6});">([^<]*)</h2>', page)
    assert sections[:3] == [
        ("#c62828", "1 overdue"),  # red
        ("#f9a825", "2 behind schedule"),  # yellow: 3.2.1 at 40 % and 2.3.1 at 70 %, 94 % of their time gone
        # blue: the five still open on June 20 of the six due June 30 (2.3.1 was closed on June 25,
        # which was not known on June 20)
        ("#1565c0", "5 due within 14 days"),
    ]


def test_group_robot_messages_in_three_colours(repository: Path) -> None:
    from workplan_cli.digest import build_digest
    from workplan_cli.notify.messages import DISC
    from workplan_cli.notify.notice import BLUE, GREEN, RED, YELLOW, digest_notice
    from workplan_cli.planfiles import load_plan
    from workplan_cli.schedule import schedule
    from workplan_cli.views.digest_render import ZH

    plan = load_plan(repository, use_cache=False)
    digest = build_digest(plan.settings.title, schedule(plan, date(2024, 6, 20)), date(2024, 6, 20), 14)
    notice = digest_notice(digest, ZH, "zh", None)
    assert [(s.colour, s.heading) for s in notice.sections] == [
        (RED, "逾期 1 项"),
        (YELLOW, "欠进度 2 项"),
        (BLUE, "14 天内到期 5 项"),  # 2.3.1, closed June 25, was open on June 20
        (GREEN, "过去一周完成 1 项"),
    ]
    assert notice.colour == RED and DISC[BLUE] == "🔵"
