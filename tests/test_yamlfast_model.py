"""The straight reading of the written form (``initiativefile._as_written``, built on
``writtenform.read_flat``) against the node reader: whenever it gives an initiative, the node reader
gives the same one and finds no problem. Over every YAML file of the repository and thousands of
mutations of them (the mutations of ``test_yamlfast``), plus values chosen to test each check.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.test_yamlfast import CANONICAL, GENERATED, mutations, texts
from workplan_cli import yamlfast
from workplan_cli.initiativefile import _as_written, _read_nodes, load_initiative
from workplan_cli.model import Initiative, Problem

PLAN_YEAR = 2024
PATH = Path("plan/9-1.yaml")


def disagreement(text: str) -> str | None:
    """What goes wrong when the straight reading gives an initiative for ``text``; None if nothing."""
    for keep_text in (False, True):
        straight = _as_written(str(PATH), text, PLAN_YEAR, keep_text)
        if straight is None:
            continue
        if yamlfast.compose(text) is None:
            return "read straight a text outside the subset the fast composer takes"
        problems: list[Problem] = []
        through_nodes = _read_nodes(PATH, text, PLAN_YEAR, problems, keep_text)
        if problems:
            return f"read straight a file with problems: {[p.code.name for p in problems]}"
        if straight != through_nodes:
            return f"{straight!r} != {through_nodes!r}"
    return None


def test_the_shipped_plan_is_read_straight_and_as_the_node_reader_reads_it() -> None:
    for path in CANONICAL:
        text = path.read_text(encoding="utf-8")
        assert _as_written(str(path), text, PLAN_YEAR, False) is not None, path.name
        assert disagreement(text) is None, path.name
    assert _as_written(str(PATH), GENERATED, PLAN_YEAR, False) is not None


@pytest.mark.parametrize(("name", "text"), texts(), ids=[name for name, _ in texts()])
def test_every_yaml_file_of_the_repository_reads_straight_as_through_nodes(name: str, text: str) -> None:
    """The originals too: a broken-file sample whose problem lies between files (duplicate-id.yaml)
    is read straight, one with a problem of its own is not."""
    assert disagreement(text) is None


def test_mutated_files_read_straight_as_the_node_reader_reads_them() -> None:
    rng = random.Random(1911)
    straight = 0
    for name, text in texts():
        for mutated in mutations(text, rng, 300 if name.startswith("plan") else 40):
            found = disagreement(mutated)
            assert found is None, f"{name} mutated to {mutated!r}: {found}"
            straight += _as_written(str(PATH), mutated, PLAN_YEAR, False) is not None
    assert straight > 800


BASE = (
    '# c\nid: "9.1"\ntitle: 标题\nowner:\nmilestones:\n'
    '  - id: "9.1.1"\n    deadline: 3月底前\n    task: 任务\n    done:\n'
)
MORE = '    done:\n  - id: "9.1.2"\n    task: 再来\n'


@pytest.mark.parametrize(
    ("old", "new", "read_straight"),
    [
        ("done:\n", "done: 2024-13-01\n", False),  # a bad date
        ("done:\n", "done: 2024-03-01\n", True),
        ("done:\n", "done_requested: 2024-03-01\n", True),
        ("done:\n", 'done: ""\n', True),
        ("3月底前", "下个月", False),  # not a deadline
        ("3月底前", "3月31日前", True),
        ("3月底前", "5个工作日内", False),  # counted from an assigned day, which it lacks
        ("3月底前", "~", True),
        ('"9.1.1"', '"9.2.1"', False),  # another initiative's id
        ("任务", "~", False),
        ("任务", '" "', False),
        ('id: "9.1"', "id: ~", False),
        ("title: 标题", "title:", False),
        ("owner:", "owner: 综合科", True),
        ("owner:", "lead: 法制科", True),
        ("owner:", "co_units: 法制科、财务科", False),
        ("owner:", "x-note: kept", True),
        ("owner:", "colour: red", False),  # an unknown key
        ("owner:", "title: again", False),  # a duplicate key
        ("    done:\n", MORE.replace("9.1.2", "9.1.1"), False),  # a duplicate milestone id
        ("    done:\n", MORE + "    notes:\n", False),
        ("    done:\n", MORE, True),
        ("    done:\n", "    deadline_was: 2月底前\n    carried_from: 2023:1.1\n", True),
        ("    done:\n", "    closed_through: 2024-03\n", False),
        ("    done:\n", "    assigned: 2024-03-01\n", False),
        ("milestones:\n", "text: |-\n  正文\n\n  第二段\nmilestones:\n", True),
        ("milestones:\n", "milestones: none\n", False),
    ],
)
def test_each_check_of_the_straight_reading(old: str, new: str, read_straight: bool) -> None:
    """Each value the straight reading takes or leaves to the node reader; either way, the same result."""
    text = BASE.replace(old, new, 1)
    assert text != BASE
    assert (_as_written(str(PATH), text, PLAN_YEAR, False) is not None) == read_straight
    assert disagreement(text) is None


def test_which_broken_file_samples_are_read_straight() -> None:
    straight = sorted(
        name.rpartition("/")[2]
        for name, text in texts()
        if name.startswith("tests/samples/broken/") and _as_written(str(PATH), text, PLAN_YEAR, False) is not None
    )
    assert straight == ["a-good.yaml", "duplicate-id.yaml", "id-looks-like-number.yaml"]


def test_a_file_with_problems_is_read_through_nodes_and_its_problems_reported() -> None:
    text = BASE.replace("3月底前", "下个月")
    problems: list[Problem] = []
    initiative = load_initiative(PATH, text, PLAN_YEAR, problems)
    assert isinstance(initiative, Initiative)
    assert [(p.code.name, p.line) for p in problems] == [("BAD_DEADLINE", 7)]
