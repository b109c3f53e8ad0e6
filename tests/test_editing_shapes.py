"""Edits of unusual file shapes, byte for byte, and refusals that name the line to look at.

Each test pins one behaviour of editing.py down: where a new line goes, what bytes change, and
what a refusal says (its line number included).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from workplan_cli.editing import Change, apply_changes, edit_plan_file
from workplan_cli.errors import EditRefusedError

F = Path("f.yaml")
HEAD = 'id: "1.1"\ntitle: t\nmilestones:\n'


def edited(text: str, *changes: Change) -> str:
    return apply_changes(text.encode(), list(changes), F).decode()


def refusal(text: str, *changes: Change) -> EditRefusedError:
    with pytest.raises(EditRefusedError) as raised:
        apply_changes(text.encode(), list(changes), F)
    return raised.value


def test_done_goes_above_the_notes_not_after_them() -> None:
    text = HEAD + '  - id: "1.1.1"\n    task: t\n    notes:\n      - date: 2024-01-02\n        text: x\n'
    assert edited(text, Change.done_on("1.1.1", date(2024, 3, 1))) == (
        HEAD
        + '  - id: "1.1.1"\n    task: t\n    done: 2024-03-01\n    notes:\n      - date: 2024-01-02\n        text: x\n'
    )


def test_a_file_without_a_final_newline_gets_whole_new_lines() -> None:
    text = HEAD + '  - id: "1.1.1"\n    task: t'
    assert edited(text, Change.done_on("1.1.1", date(2024, 3, 1))) == text + "\n    done: 2024-03-01\n"
    assert edited(text, Change("1.1.1", note=(date(2024, 3, 1), "x"))) == (
        text + '\n    notes:\n      - date: 2024-03-01\n        text: "x"\n'
    )


def test_a_note_under_an_empty_notes_tilde_replaces_the_tilde() -> None:
    text = HEAD + '  - id: "1.1.1"\n    task: t\n    notes: ~\n  - id: "1.1.2"\n    task: u\n'
    assert edited(text, Change("1.1.1", note=(date(2024, 3, 1), "x"))) == (
        HEAD + '  - id: "1.1.1"\n    task: t\n    notes:\n      - date: 2024-03-01\n        text: "x"\n'
        '  - id: "1.1.2"\n    task: u\n'
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("    done: 2024-03-28\n", "    done: 2024-04-01\n"),  # a changed date: only its digits
        ("    done: 2024-03-28  # by phone\n", "    done: 2024-04-01  # by phone\n"),
        ("    done:\n", "    done: 2024-04-01\n"),  # an empty value gets its space
        ("    done: ~\n", "    done: 2024-04-01\n"),
    ],
)
def test_setting_a_done_date_changes_exactly_its_bytes(before: str, after: str) -> None:
    text = HEAD + '  - id: "1.1.1"\n    task: t\n' + before + '  - id: "1.1.2"\n    task: u\n'
    assert edited(text, Change.done_on("1.1.1", date(2024, 4, 1))) == text.replace(before, after)


@pytest.mark.parametrize("spaces", [" ", "\t", "   "])
def test_reopening_leaves_the_key_with_no_value_and_no_trailing_blank(spaces: str) -> None:
    text = HEAD + f'  - id: "1.1.1"\n    task: t\n    done:{spaces}2024-03-28\n'
    assert edited(text, Change.done_on("1.1.1", None)) == HEAD + '  - id: "1.1.1"\n    task: t\n    done:\n'


def test_the_line_ending_is_taken_from_the_first_line() -> None:
    text = HEAD + '  - id: "1.1.1"\r\n    task: t\r\n'  # LF first, CRLF later: new lines follow the first
    assert edited(text, Change.done_on("1.1.1", date(2024, 3, 1))).endswith("    task: t\r\n    done: 2024-03-01\n")


def test_a_dropped_key_takes_its_whole_line_and_a_missing_one_changes_nothing() -> None:
    text = HEAD + '  - id: "1.1.1"\n    deadline_was: 3月底前\n    task: t\n'
    assert edited(text, Change("1.1.1", drop=("deadline_was",))) == HEAD + '  - id: "1.1.1"\n    task: t\n'
    assert edited(text, Change("1.1.1", drop=("assigned",))) == text


def test_a_progress_entry_without_text_has_no_text_key_and_lists_stay_lists() -> None:
    text = HEAD + '  - id: "1.1.1"\n    task: t\n'
    entry = Change("1.1.1", note=(date(2024, 3, 1), ""), note_fields=(("percent", "60"), ("evidence", ("a", "b"))))
    assert edited(text, entry) == text + (
        '    notes:\n      - date: 2024-03-01\n        percent: 60\n        evidence: ["a", "b"]\n'
    )
    with_text = Change("1.1.1", note=(date(2024, 3, 1), "x"), note_fields=(("percent", "60"), ("by", "a: b")))
    assert edited(text, with_text) == text + (
        '    notes:\n      - date: 2024-03-01\n        text: "x"\n        percent: 60\n        by: "a: b"\n'
    )


def test_changes_after_an_appended_milestone_are_still_made_and_checked() -> None:
    text = HEAD + '  - id: "1.1.1"\n    task: t\n'
    new = Change("1.1.2", new_milestone=(("task", "u"),))
    assert edited(text, new, Change.done_on("1.1.1", date(2024, 3, 1))) == (
        HEAD + '  - id: "1.1.1"\n    task: t\n    done: 2024-03-01\n  - id: "1.1.2"\n    task: u\n'
    )


# ---------------------------------------------------------------------------------------------
# Refusals: nothing changes, and the message names the line


def test_invalid_yaml_is_refused_at_the_line_of_the_problem_in_both_languages() -> None:
    # The problem is on line 3, its context (the unclosed list) on line 2.
    err = refusal('id: "1.1"\ntitle: [未闭合\nmilestones: []\n', Change.done_on("1.1.1", date(2024, 3, 1)))
    assert str(err) == (
        "f.yaml:3: not valid YAML (did not find expected ',' or ']'); fix the file first, nothing was changed"
    )
    assert err.text("zh") == "f.yaml:3：YAML 格式错误（缺少“,”或“]”：方括号没有闭合）；请先修正文件，未做任何改动"


def test_a_flow_style_milestone_is_refused_at_its_line() -> None:
    err = refusal(HEAD + '  - id: "1.1.0"\n    task: t\n  - {id: "1.1.1", task: t}\n', Change.done_on("1.1.1", None))
    assert str(err).startswith("f.yaml:6: milestone 1.1.1 is written in flow style")
    assert err.text("zh").startswith("f.yaml:6：节点 1.1.1 写成了行内格式")


def test_a_block_scalar_done_is_refused_at_its_line() -> None:
    err = refusal(HEAD + '  - id: "1.1.1"\n    task: t\n    done: |\n      2024-03-01\n', Change.done_on("1.1.1", None))
    assert str(err) == "f.yaml:6: 'done' is not a plain value; edit it by hand, nothing was changed"


def test_notes_that_are_not_a_list_are_refused_at_their_line() -> None:
    err = refusal(
        HEAD + '  - id: "1.1.1"\n    task: t\n    notes: see the file\n', Change("1.1.1", note=(date(2024, 3, 1), "x"))
    )
    assert str(err) == "line 6: 'notes' is not a block list; edit it by hand, nothing was changed"
    flow = refusal(
        HEAD + '  - id: "1.1.1"\n    task: t\n    notes: [a]\n', Change("1.1.1", note=(date(2024, 3, 1), "x"))
    )
    assert str(flow) == "line 6: 'notes' is not a block list; edit it by hand, nothing was changed"


def test_a_key_spanning_lines_is_not_dropped() -> None:
    text = HEAD + '  - id: "1.1.1"\n    deadline_was: >\n      3月底前\n    task: t\n'
    err = refusal(text, Change("1.1.1", drop=("deadline_was",)))
    assert str(err) == "f.yaml:5: 'deadline_was' spans several lines; edit it by hand, nothing was changed"


def test_a_file_without_milestones_has_no_milestone_to_edit() -> None:
    err = refusal('id: "1.1"\ntitle: t\n', Change.done_on("1.1.1", date(2024, 3, 1)))
    assert str(err) == "f.yaml: no milestone 1.1.1 in this file; nothing was changed"


# ---------------------------------------------------------------------------------------------
# The file on disk


def test_an_edit_that_changes_nothing_leaves_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "1-1.yaml"
    path.write_text(HEAD + '  - id: "1.1.1"\n    task: t\n    done: 2024-03-01\n', encoding="utf-8")
    inode = path.stat().st_ino
    assert edit_plan_file(path, [Change.done_on("1.1.1", date(2024, 3, 1))]) is False
    assert path.stat().st_ino == inode  # not even replaced by the same bytes
    assert edit_plan_file(path, [Change.done_on("1.1.1", date(2024, 3, 2))]) is True
    assert path.stat().st_ino != inode and "done: 2024-03-02" in path.read_text(encoding="utf-8")


def test_an_edit_clears_a_temp_file_left_by_a_killed_writer(tmp_path: Path) -> None:
    path = tmp_path / "1-1.yaml"
    path.write_text(HEAD + '  - id: "1.1.1"\n    task: t\n', encoding="utf-8")
    stale = tmp_path / ".1-1.yaml.x1y2z3ab.tmp"
    stale.write_bytes(b"half a file")
    assert edit_plan_file(path, [Change.done_on("1.1.1", date(2024, 3, 2))]) is True
    assert not stale.exists()
