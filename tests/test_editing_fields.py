"""The edits behind `add` and `set`: a field of a milestone or initiative, a new milestone appended."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from workplan_cli.editing import Change, apply_changes
from workplan_cli.errors import EditRefusedError
from workplan_cli.planfiles import load_plan

from .conftest import SHIPPED_PLAN

FILE = SHIPPED_PLAN / "2-1.yaml"


def test_appending_a_milestone_keeps_every_existing_byte_and_the_lists_style() -> None:
    raw = FILE.read_bytes()
    new = apply_changes(
        raw,
        [Change("2.1.5", new_milestone=(("deadline", "9月底前"), ("task", "完成评估: 第一批"), ("done", None)))],
        FILE,
    )
    assert new.startswith(raw)
    assert (
        new[len(raw) :].decode() == '  - id: "2.1.5"\n    deadline: 9月底前\n    task: "完成评估: 第一批"\n    done:\n'
    )


def test_a_milestone_in_the_middle_of_the_file_goes_after_the_last_milestone_not_at_the_end(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    raw = b'id: "5.1"\ntitle: T\nmilestones:\n- id: "5.1.1"\n  task: a\n  notes:\n  - date: 2024-01-02\n    text: n\n'
    raw += b"x-mine: kept\n"
    new = apply_changes(raw, [Change("5.1.2", new_milestone=(("deadline", None), ("task", "b")))], path)
    assert new.decode().endswith('    text: n\n- id: "5.1.2"\n  deadline:\n  task: b\nx-mine: kept\n')


def test_an_initiatives_own_field_is_replaced_in_place_or_added_above_its_text() -> None:
    raw = FILE.read_bytes()
    titled = apply_changes(raw, [Change("2.1", (("title", "持续推进街道扩权赋能改革"),))], FILE)
    assert titled == raw.replace("title: 持续推进街道扩权赋能\n".encode(), "title: 持续推进街道扩权赋能改革\n".encode())
    led = apply_changes(raw, [Change("2.1", (("lead", "区委编办"),))], FILE)
    assert led == raw.replace(b"owner:\ntext:", "owner:\nlead: 区委编办\ntext:".encode())


def test_text_that_yaml_would_misread_is_quoted() -> None:
    raw = FILE.read_bytes()
    new = apply_changes(raw, [Change("2.1.1", (("task", "#1: 方案"), ("owner", "no")))], FILE)
    milestone = yaml.safe_load(new)["milestones"][0]
    assert milestone["task"] == "#1: 方案" and 'task: "#1: 方案"' in new.decode()
    assert 'owner: "no"' in new.decode()  # any YAML reader, not only workplan's, reads the word


def test_a_flow_style_milestone_list_is_refused(tmp_path: Path) -> None:
    raw = b'id: "5.1"\ntitle: T\nmilestones: [{id: "5.1.1", task: a}]\n'
    with pytest.raises(EditRefusedError, match="add it by hand"):
        apply_changes(raw, [Change("5.1.2", new_milestone=(("task", "b"),))], tmp_path / "x.yaml")


def test_a_moved_deadline_keeps_the_old_one_and_the_plan_loads_it(plan_dir: Path) -> None:
    path = plan_dir / "2-1.yaml"
    raw = path.read_bytes()
    moved = Change("2.1.2", (("deadline", "9月底前"), ("deadline_was", "6月底前")))
    path.write_bytes(apply_changes(raw, [moved], path))
    task = "    task: 完成街道“五权”试点，总结形成“五权”工作“XX模式”，出台《权责清单管理办法》，强化权责清单管理\n"
    before = f"    deadline: 6月底前\n{task}    done:\n"
    after = f"    deadline: 9月底前\n{task}    done:\n    deadline_was: 6月底前\n"
    assert path.read_bytes() == raw.replace(before.encode(), after.encode())
    plan = load_plan(plan_dir)
    (milestone,) = [m for _, m in plan.milestones() if m.id == "2.1.2"]
    assert (milestone.phrase, milestone.deadline_was, milestone.due) == ("9月底前", "6月底前", date(2024, 9, 30))
    assert plan.problems == ()
