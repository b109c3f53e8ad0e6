"""Loading plan files: every kind of bad input is named with file:line, and the good files still load."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from workplan_cli.errors import PlanNotFoundError
from workplan_cli.model import Problem
from workplan_cli.planfiles import load_plan
from workplan_cli.planfolder import find_plan_folder
from workplan_cli.yamltext import scalar

from .conftest import SAMPLES, SHIPPED_PLAN

BROKEN = SAMPLES / "broken"
BROKEN_CASES = sorted(p.stem for p in BROKEN.glob("*.expected"))


@pytest.fixture(scope="module")
def broken_problems() -> list[Problem]:
    return list(load_plan(BROKEN).problems)


@pytest.mark.parametrize("case", BROKEN_CASES)
def test_each_broken_file_gets_exactly_its_problems_with_their_lines(case: str, broken_problems: list[Problem]) -> None:
    """The whole list, in order, as (line, column, code) and the message: an extra or a repeated
    problem fails as surely as a missing one. Each line of a case's .expected file is
    ``LINE:COLUMN CODE MESSAGE`` (0 where the place is not known)."""
    expected = (BROKEN / f"{case}.expected").read_text(encoding="utf-8").replace("{folder}", str(BROKEN)).splitlines()
    problems = [p for p in broken_problems if p.path == BROKEN / f"{case}.yaml"]
    assert [(f"{p.line}:{p.column}", p.code.value) for p in problems] == [tuple(e.split(" ")[:2]) for e in expected]
    assert [f"{p.line}:{p.column} {p.code.value} {p.message}" for p in problems] == expected


def test_every_broken_file_is_reported_once_and_the_good_ones_still_load() -> None:
    plan = load_plan(BROKEN)
    reported = {p.path.name for p in plan.problems}
    assert reported == {f"{case}.yaml" for case in BROKEN_CASES}
    loaded = {i.id for i in plan.initiatives}
    assert {"9.1", "1.10"} <= loaded  # the good file and the unquoted-id file


def test_an_id_yaml_would_read_as_a_number_keeps_the_text_as_written() -> None:
    plan = load_plan(BROKEN)
    tenth = next(i for i in plan.initiatives if i.file.name == "id-looks-like-number.yaml")
    assert tenth.id == "1.10"  # yaml.safe_load would give the float 1.1
    assert [m.id for m in tenth.milestones] == ["1.10.1"]


def test_python_tags_are_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    shutil.copy(BROKEN / "workplan.yaml", tmp_path / "workplan.yaml")
    (tmp_path / "evil.yaml").write_text(
        f'id: "1.1"\ntitle: !!python/object/apply:os.system ["touch {marker}"]\nmilestones: []\n', encoding="utf-8"
    )
    plan = load_plan(tmp_path)
    assert not marker.exists()
    assert any("not allowed" in p.message for p in plan.problems)


def test_huge_file_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    shutil.copy(BROKEN / "workplan.yaml", tmp_path / "workplan.yaml")
    (tmp_path / "huge.yaml").write_text("id: x\n" + "# padding\n" * 200_000, encoding="utf-8")
    (problem,) = load_plan(tmp_path).problems
    assert "MiB" in problem.message and "right file" in problem.message


def test_shipped_plan_loads_without_problems() -> None:
    plan = load_plan(SHIPPED_PLAN)
    assert plan.problems == ()
    assert [i.id for i in plan.initiatives] == [
        "1.1",
        "1.2",
        "1.3",
        "1.4",
        "2.1",
        "2.2",
        "2.3",
        "3.1",
        "3.2",
        "3.3",
        "3.4",
        "4.1",
        "4.2",
        "4.3",
    ]
    assert plan.settings.year == 2024 and plan.settings.timezone == "Asia/Shanghai"
    assert plan.settings.warn_days == 14
    # initiatives with no deadline at all have a single open-ended milestone
    for undated in ("1.3", "3.1", "3.3", "4.1"):
        (milestone,) = next(i for i in plan.initiatives if i.id == undated).milestones
        assert milestone.due is None and milestone.phrase is None


def test_shipped_files_keep_chinese_readable_and_drop_copy_artifacts() -> None:
    for path in SHIPPED_PLAN.glob("*.yaml"):
        content = path.read_text(encoding="utf-8")
        assert path.name.isascii()
        assert "\\u" not in content
        assert "##paid" not in content
    assert "XX动员体制改革" in (SHIPPED_PLAN / "1-4.yaml").read_text(encoding="utf-8")


def test_settings_refuse_a_password(tmp_path: Path) -> None:
    (tmp_path / "workplan.yaml").write_text("title: t\nyear: 2024\nsmtp:\n  password: hunter2\n", encoding="utf-8")
    with pytest.raises(PlanNotFoundError, match="WORKPLAN_SMTP_PASSWORD") as caught:
        load_plan(tmp_path)
    assert "hunter2" not in str(caught.value)


def test_settings_without_a_year_stop_with_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "workplan.yaml").write_text("title: t\n", encoding="utf-8")
    with pytest.raises(PlanNotFoundError, match=r"workplan.yaml:1: 'year' must be the plan year"):
        load_plan(tmp_path)


def test_plan_folder_search_order(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (tmp_path / "plan").mkdir()
    (tmp_path / "plan" / "workplan.yaml").write_text("year: 2024\n", encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    (other / "workplan.yaml").write_text("year: 2024\n", encoding="utf-8")

    assert find_plan_folder(other, {"WORKPLAN_PLAN": "/nowhere"}, nested) == other
    assert find_plan_folder(None, {"WORKPLAN_PLAN": str(other)}, nested) == other
    assert find_plan_folder(None, {}, nested) == tmp_path / "plan"
    assert find_plan_folder(None, {}, tmp_path) == Path("plan")
    with pytest.raises(PlanNotFoundError, match=r"WORKPLAN_PLAN /nowhere: no workplan\.yaml"):
        find_plan_folder(None, {"WORKPLAN_PLAN": "/nowhere"}, nested)
    with pytest.raises(PlanNotFoundError, match="no plan folder found"):
        find_plan_folder(None, {}, tmp_path_factory.mktemp("elsewhere"))


@pytest.mark.parametrize(
    "value", ["plain 中文", "a: b", "#comment", "- dash", "yes", "1.10", "  padded", "esc\x1b[31m", "line\nbreak", ""]
)
def test_scalar_reads_back_as_the_same_string(value: str) -> None:
    import yaml

    assert yaml.safe_load(f"k: {scalar(value)}\n") == {"k": value}


def test_the_readme_lists_every_problem_code() -> None:
    from workplan_cli.i18n import ProblemCode

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `([a-z0-9-]+)` \| ", readme, flags=re.MULTILINE)
    assert [code for code in listed if code in {c.value for c in ProblemCode}] == [c.value for c in ProblemCode]


def test_a_milestone_id_with_another_prefix_used_in_two_files_is_named_in_both(tmp_path: Path) -> None:
    """9.9.1 under 1.1 in one file and under 2.1 in another: each file says its id has another prefix,
    and the clash between the two files is reported (only such files have their milestones compared)."""
    plan = tmp_path / "plan"
    shutil.copytree(SHIPPED_PLAN, plan)
    for name, initiative in (("x-1.yaml", "7.1"), ("x-2.yaml", "8.1")):
        (plan / name).write_text(
            f'id: "{initiative}"\ntitle: 甲\nmilestones:\n  - id: "9.9.1"\n    task: 乙\n', encoding="utf-8"
        )
    problems = [str(problem) for problem in load_plan(plan).problems]
    assert sum("should start with" in text for text in problems) == 2, problems
    (clash,) = [text for text in problems if "x-1.yaml" in text and "x-2.yaml" in text]
    assert clash.startswith(f"{plan / 'x-2.yaml'}:4:") and "9.9.1" in clash


def test_a_yaml_syntax_error_is_explained_in_chinese_and_kept_as_libyaml_says_it_in_english(tmp_path: Path) -> None:
    """F19: the reason of a YAML error was PyYAML's English in a Chinese run too."""
    plan = tmp_path / "plan"
    shutil.copytree(SHIPPED_PLAN, plan)
    (plan / "x-1.yaml").write_text(
        'id: "7.1"\ntitle: 甲\nmilestones:\n  - id: "7.1.1"\n    task: 乙\n   - id: "7.1.2"\n    task: 丙\n',
        encoding="utf-8",
    )
    (plan / "x-2.yaml").write_text('id: "8.1"\ntitle: [未闭合\nmilestones: []\n', encoding="utf-8")
    problems = {problem.path.name: problem for problem in load_plan(plan).problems}
    indent, bracket = problems["x-1.yaml"], problems["x-2.yaml"]
    assert (
        indent.message
        == "not valid YAML: did not find expected '-' indicator (while parsing a block collection at line 4)"
    )
    assert indent.message_in("zh") == "YAML 格式错误：缺少“-”：列表的各项要对齐，每项以“- ”开头（第 4 行开始的列表）"
    assert indent.line == 6
    assert bracket.text("en").endswith(
        "not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 2)"
    )
    assert bracket.message_in("zh") == "YAML 格式错误：缺少“,”或“]”：方括号没有闭合（第 2 行开始的方括号列表）"
