"""JSON of every view, days late, filters that match nothing, and the digest's details (issue 18, items 6-7)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Invoke
from tests.supervision_plan import supervised_plan


def _json(invoke: Invoke, *args: str) -> Any:
    result = invoke(list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_days_late_is_filled_for_overdue_milestones(invoke: Invoke, plan_dir: Path) -> None:
    rows = _json(invoke, "due", "--json", "--as-of", "2024-06-17", "--plan", str(plan_dir))
    assert isinstance(rows, list)
    late = {row["id"]: (row["days_left"], row["days_late"]) for row in rows if row["status"] == "overdue"}
    assert late["4.2.1"] == (-109, 109)  # February 29 to June 17
    due = [row for row in rows if row["status"] == "due"]
    assert due and all(row["days_late"] is None for row in due)


def test_show_milestone_json_is_that_milestone_initiative_json_all(invoke: Invoke, plan_dir: Path) -> None:
    one = _json(invoke, "show", "2.1.1", "--json", "--as-of", "2024-06-17", "--plan", str(plan_dir))
    assert [row["id"] for row in one] == ["2.1.1"]
    every = _json(invoke, "show", "2.1", "--json", "--as-of", "2024-06-17", "--plan", str(plan_dir))
    assert [row["id"] for row in every] == ["2.1.1", "2.1.2", "2.1.3", "2.1.4"]


def test_stats_json_counts_agree_with_list(invoke: Invoke, plan_dir: Path) -> None:
    stats = _json(invoke, "stats", "--json", "--as-of", "2024-06-17", "--plan", str(plan_dir))
    rows = _json(invoke, "list", "--json", "--as-of", "2024-06-17", "--plan", str(plan_dir))
    assert isinstance(stats, dict) and isinstance(rows, list)
    whole = stats["whole"]
    assert whole["overdue"] == sum(1 for r in rows if r["status"] == "overdue") == 4
    assert whole["due"] == 6
    assert [s["name"][:2] for s in stats["by_section"]] == ["一、", "二、", "三、", "四、"]


def test_timeline_json_has_every_initiative_and_its_milestones(invoke: Invoke, plan_dir: Path) -> None:
    picture = _json(invoke, "timeline", "--json", "--as-of", "2024-06-17", "--plan", str(plan_dir))
    assert isinstance(picture, dict)
    assert picture["year"] == 2024 and picture["today"] == "2024-06-17"
    first = picture["initiatives"][0]
    assert first["id"] == "1.1" and first["milestones"][0]["deadline"] == "2024-09-30"
    assert len(picture["initiatives"]) == 14


def test_section_or_owner_that_matches_nothing_says_so(invoke: Invoke, plan_dir: Path) -> None:
    result = invoke(["list", "--section", "9", "--plan", str(plan_dir)])
    assert result.exit_code == 2
    assert "no such section" in result.output and "2 二、高质量深化重点领域改革" in result.output
    result = invoke(["list", "--owner", "无此科室", "--plan", str(plan_dir)])
    assert result.exit_code == 2 and "no milestone has this owner" in result.output
    assert invoke(["list", "--section", "2", "--plan", str(plan_dir)]).exit_code == 0


def test_digest_lists_a_newly_overdue_item_once_and_counts_it(invoke: Invoke, plan_dir: Path) -> None:
    text = invoke(["digest", "--as-of", "2024-04-03", "--plan", str(plan_dir)]).stdout
    assert text.count("2.1.1  持续推进街道扩权赋能") == 1
    assert "(3 became overdue in the past week)" in text and "(new this week)" in text
    markdown = invoke(["digest", "--markdown", "--as-of", "2024-04-03", "--plan", str(plan_dir)]).stdout
    assert markdown.count("| 2.1.1 |") == 1


def test_digest_shows_how_late_a_milestone_was_closed(invoke: Invoke, plan_dir: Path) -> None:
    assert invoke(["done", "2.1.1", "--on", "2024-04-10", "--plan", str(plan_dir)]).exit_code == 0
    text = invoke(["digest", "--as-of", "2024-04-12", "--plan", str(plan_dir)]).stdout
    assert "done 2024-04-10, 10 days late" in text


def test_digest_takes_within_like_the_other_views(invoke: Invoke, plan_dir: Path) -> None:
    narrow = invoke(["digest", "--within", "3", "--as-of", "2024-06-17", "--plan", str(plan_dir)]).stdout
    assert "0 due within 3 days" in narrow
    wide = invoke(["digest", "--within", "30", "--as-of", "2024-06-17", "--plan", str(plan_dir)]).stdout
    assert "6 due within 30 days" in wide


def test_digest_to_that_is_not_an_address_is_a_usage_error(invoke: Invoke, plan_dir: Path) -> None:
    result = invoke(["digest", "--dry-run", "--to", "not an address", "--plan", str(plan_dir)])
    assert result.exit_code == 2 and "not an address" in result.output


def test_readme_dry_run_works_on_the_shipped_plan(invoke: Invoke, plan_dir: Path) -> None:
    result = invoke(["digest", "--dry-run", "--as-of", "2024-06-17", "--plan", str(plan_dir)])
    assert result.exit_code == 0, result.output
    assert "Subject: Work plan digest 2024-06-17: 4 overdue, 6 due within 14 days" in result.stdout
    assert "no recipients yet" in result.stderr and "not sent to (no recipients)" in result.stderr


@pytest.mark.parametrize("command", [["list"], ["due"], ["stats"], ["digest"]])
@pytest.mark.parametrize(("flag", "typo", "known"), [("--unit", "改革股", "改革科"), ("--leader", "李四", "张副主任")])
def test_a_mistyped_unit_or_leader_is_a_usage_error_naming_those_there(
    invoke: Invoke, tmp_path: Path, command: list[str], flag: str, typo: str, known: str
) -> None:
    # F18: `list --unit 改革股` said 共 0 项 with exit 0, which reads as "this unit has nothing".
    plan = supervised_plan(tmp_path / "plan")
    result = invoke([*command, flag, typo, "--as-of", "2024-06-17", "--plan", str(plan)])
    assert result.exit_code == 2, result.output
    assert typo in result.stderr and known in result.stderr
    assert invoke([*command, flag, known, "--as-of", "2024-06-17", "--plan", str(plan)]).exit_code == 0
