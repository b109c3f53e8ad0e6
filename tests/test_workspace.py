"""Many plans at once: --plan repeated or a workspace file; ids prefixed; a broken plan reported, the others served."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from workplan_cli.workspace import PlanSource, read_workspace, sources_from_flags

from .conftest import SHIPPED_PLAN, Invoke
from .gitplan import committed_plan, edit
from .test_git_merge import git


@pytest.fixture
def city(tmp_path: Path) -> Path:
    """Three district plans, one of them broken (its workplan.yaml is not YAML), and a workspace file."""
    for district in ("qingyang", "jinjiang", "wuhou"):
        shutil.copytree(SHIPPED_PLAN, tmp_path / district / "plan")
    edit(tmp_path / "jinjiang" / "plan" / "2-1.yaml", "    done:\n", "    done: 2024-03-20\n")
    (tmp_path / "wuhou" / "plan" / "workplan.yaml").write_text("title: [\n", encoding="utf-8")
    (tmp_path / "workspace.yaml").write_text(
        "title: 各区年度工作计划\nplans:\n  青羊: qingyang/plan\n  锦江: jinjiang/plan\n  武侯: wuhou/plan\n",
        encoding="utf-8",
    )
    return tmp_path


def plans(city: Path) -> list[str]:
    return ["--plan", f"青羊={city / 'qingyang/plan'}", "--plan", f"锦江={city / 'jinjiang/plan'}",
            "--plan", f"武侯={city / 'wuhou/plan'}"]  # fmt: skip


def test_three_plans_one_broken_in_one_due_with_prefixes_and_exit_1(city: Path, invoke: Invoke) -> None:
    result = invoke(["due", "--as-of", "2024-04-15", "--json", *plans(city)])
    assert result.exit_code == 1  # like a broken file: the cron job notices, the others are served
    ids = [row["id"] for row in json.loads(result.stdout)]
    assert sorted(ids) == sorted(
        ["青羊:4.2.1", "青羊:1.4.1", "青羊:2.1.1", "青羊:2.2.1", "锦江:4.2.1", "锦江:1.4.1", "锦江:2.2.1"]
    )  # 锦江 closed 2.1.1
    assert "武侯" in result.stderr and "wuhou/plan/workplan.yaml:2: not valid YAML" in result.stderr


def test_the_table_ends_with_a_summary_line_per_plan(city: Path, invoke: Invoke) -> None:
    result = invoke(["due", "--as-of", "2024-04-15", *plans(city)])
    lines = result.stdout.splitlines()
    assert lines[-3].split() == ["青羊", "4", "overdue"]
    assert lines[-2].split() == ["锦江", "3", "overdue"]
    assert lines[-1].startswith("武侯  not loaded:")
    assert "7 overdue, 0 due within 14 days" in result.stdout
    chinese = invoke(["due", "--as-of", "2024-04-15", *plans(city)], WORKPLAN_LANG="zh").stdout.splitlines()
    assert chinese[-3].split() == ["青羊", "逾期", "4", "项"] and chinese[-1].startswith("武侯  未能读取：")


def test_a_workspace_file_found_in_the_current_folder(
    city: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(city)
    result = invoke(["list", "--as-of", "2024-04-15", "--json", "--section", "2"])
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert {row["id"].split(":")[0] for row in rows} == {"青羊", "锦江"}
    assert all(row["id"].split(":")[1].startswith("2.") for row in rows) and len(rows) == 2 * 10
    shown = invoke(["show", "青羊:2.1", "--as-of", "2024-04-15"])
    assert "一是持续推进街道扩权赋能" in shown.stdout and "青羊:2.1.1" in shown.stdout
    explicit = invoke(["--workspace", str(city / "workspace.yaml"), "stats", "--as-of", "2024-04-15"])
    assert explicit.exit_code == 1 and "武侯" in explicit.stderr


def test_all_plans_broken_is_exit_3_and_a_bad_workspace_file_names_its_line(tmp_path: Path, invoke: Invoke) -> None:
    (tmp_path / "workspace.yaml").write_text("plans:\n  甲: nowhere\n  乙: nothere/plan\n", encoding="utf-8")
    result = invoke(["--workspace", str(tmp_path / "workspace.yaml"), "due"])
    assert result.exit_code == 3 and "none of the plans could be loaded" in result.stderr
    (tmp_path / "bad.yaml").write_text("plans:\n  甲: [1, 2]\n", encoding="utf-8")
    bad = invoke(["--workspace", str(tmp_path / "bad.yaml"), "due"])
    assert bad.exit_code == 3 and f"{tmp_path / 'bad.yaml'}:2:" in bad.stderr


def test_plans_named_from_flags() -> None:
    sources = sources_from_flags([Path("../qingyang/plan"), Path("锦江=/srv/jj"), Path("/srv/plans/wuhou")])
    assert [(s.name, str(s.folder)) for s in sources] == [
        ("qingyang", "../qingyang/plan"),
        ("锦江", "/srv/jj"),
        ("wuhou", "/srv/plans/wuhou"),
    ]
    twins = sources_from_flags([Path("a/plan"), Path("b/a/plan")])
    assert [s.name for s in twins] == ["a", "a2"]


def test_remotes_in_a_workspace_file_are_cloned_beside_it(tmp_path: Path) -> None:
    (tmp_path / "workspace.yaml").write_text(
        "plans:\n  武侯: https://git.example.gov.cn/wuhou/plan.git\n"
        "  成华: {remote: /srv/chenghua.git, folder: 计划}\n",
        encoding="utf-8",
    )
    sources = read_workspace(tmp_path / "workspace.yaml").sources
    clones = tmp_path / ".workplan-clones"
    assert sources == (
        PlanSource(
            "武侯", tmp_path / ".workplan-clones" / "武侯" / "plan", "https://git.example.gov.cn/wuhou/plan.git", 2
        ),
        PlanSource("成华", clones / "成华" / "计划", "/srv/chenghua.git", 3),
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pull_clones_a_remote_then_fast_forwards_it_and_reports_per_plan(
    tmp_path: Path, city: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    district = committed_plan(tmp_path / "chenghua", monkeypatch)
    git(tmp_path, "clone", "-q", "--bare", str(district), "chenghua.git")
    git(district, "remote", "add", "origin", str(tmp_path / "chenghua.git"))
    workspace = city / "workspace.yaml"
    workspace.write_text(
        workspace.read_text(encoding="utf-8") + f"  成华: {tmp_path / 'chenghua.git'}\n", encoding="utf-8"
    )
    first = invoke(["--workspace", str(workspace), "pull"])
    assert first.exit_code == 0, first.output
    said = {line.split()[0]: line.split()[1] for line in first.stdout.splitlines()}
    assert said == {"青羊": "not", "锦江": "not", "武侯": "not", "成华": "cloned"}

    assert invoke(["done", "2.1.1", "--on", "2024-03-28", "--commit", "--plan", str(district / "plan")]).exit_code == 0
    git(district, "push", "-q", "origin", "main")
    second = invoke(["--workspace", str(workspace), "pull"])
    assert "成华  updated" in second.stdout

    due = invoke(["--workspace", str(workspace), "due", "--as-of", "2024-04-15", "--json"])
    ids = {row["id"] for row in json.loads(due.stdout)}
    assert "成华:1.4.1" in ids and "成华:2.1.1" not in ids and "青羊:2.1.1" in ids


def test_stats_of_several_plans_ends_with_each_plans_counts(city: Path, invoke: Invoke) -> None:
    lines = invoke(["stats", "--as-of", "2024-04-15", *plans(city)]).stdout.splitlines()
    assert lines[-3] == "青羊  4 overdue, 13 upcoming, 9 ongoing"
    assert lines[-2] == "锦江  3 overdue, 13 upcoming, 9 ongoing, 1 done"  # 锦江 closed 2.1.1
    assert lines[-1].startswith("武侯  not loaded:")


def test_the_svg_timeline_spans_the_plans_years_and_names_a_plan_not_read(city: Path, invoke: Invoke) -> None:
    """F30: a 2024 plan beside a 2025 one: one axis of 24 months, each January headed with its year;
    the broken plan keeps a row of its own in the picture."""
    import xml.etree.ElementTree as ET

    settings = city / "jinjiang" / "plan" / "workplan.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("year: 2024", "year: 2025"), encoding="utf-8")
    target = city / "timeline.svg"
    result = invoke(["timeline", "--as-of", "2025-03-01", "--svg", str(target), *plans(city)])
    assert result.exit_code == 1  # the broken plan, as every view reports it
    texts = [
        t.text or "" for t in ET.fromstring(target.read_text(encoding="utf-8")).iter("{http://www.w3.org/2000/svg}text")
    ]
    assert texts[0].startswith("Plan year 2024–2025")
    assert "2024" in texts and "2025" in texts  # each year over its January
    assert texts.count("1月") == 2 and texts.count("12月") == 2
    assert "Later" not in texts  # 锦江's 2025 deadlines are on the axis, not piled beside it
    assert texts.count("锦江:2.1") == 1 and "武侯" in texts
    assert any(text.startswith("not loaded:") and "wuhou" in text for text in texts)
    assert not any("outside the plan year" in text for text in texts)  # 2025-03-01 is inside the span


def test_the_terminal_timeline_draws_one_chart_per_plan_year(city: Path, invoke: Invoke) -> None:
    """A 2024 plan beside a 2025 one on a terminal: a chart for each year, each plan in its own year's
    chart, not 锦江's 2025 months piled into the "Later" column of 2024."""
    settings = city / "jinjiang" / "plan" / "workplan.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("year: 2024", "year: 2025"), encoding="utf-8")
    result = invoke(["timeline", "--as-of", "2025-03-01", "--no-pager", *plans(city)], COLUMNS="200")
    assert result.exit_code == 1  # the broken plan, as every view reports it
    lines = result.stdout.splitlines()
    starts = [n for n, line in enumerate(lines) if line.startswith("Plan year")]
    assert [lines[n].split()[2] for n in starts] == ["2024", "2025"]
    first, second = lines[starts[0] : starts[1]], lines[starts[1] :]
    assert any(line.startswith("青羊:2.1 ") for line in first) and not any("锦江:" in line for line in first)
    assert any(line.startswith("锦江:2.1 ") for line in second) and not any("青羊:" in line for line in second)
    assert not any("Later" in line for line in second)  # 锦江's 2025 deadlines are in its months
    assert any("today 2025-03-01" in line for line in second)


def test_an_edit_of_a_prefixed_id_goes_to_that_plan_of_the_workspace(
    city: Path, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(city)
    result = invoke(["done", "青羊:2.2.1", "--on", "2024-03-30"])
    assert result.exit_code == 0, result.output
    assert "2.2.1 done on 2024-03-30" in result.stdout and "qingyang/plan/2-2.yaml" in result.stdout
    assert invoke(["set", "锦江:2.2.2", "deadline", "9月底前"]).exit_code == 0
    rows = {row["id"]: row for row in json.loads(invoke(["list", "--json", "--as-of", "2024-04-15"]).stdout)}
    assert rows["青羊:2.2.1"]["done"] == "2024-03-30" and rows["锦江:2.2.1"]["done"] is None
    assert rows["锦江:2.2.2"]["phrase"] == "9月底前" and rows["青羊:2.2.2"]["phrase"] == "6月底前"
    unknown = invoke(["done", "成华:2.2.1"])
    assert unknown.exit_code == 2 and "no plan named '成华'" in unknown.stderr and "青羊" in unknown.stderr
