"""Minimal, atomic, locked edits of plan files: `done`, `reopen`, `note`."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from workplan_cli import safewrite
from workplan_cli.editing import Change, apply_changes, edit_plan_file
from workplan_cli.errors import EditRefusedError
from workplan_cli.planfiles import load_plan

from .conftest import SAMPLES, Invoke, rewrite
from .test_installed import installed_workplan

EDITS = SAMPLES / "edits"
ODD = EDITS / "odd-style.yaml"


def test_done_changes_only_the_value_and_keeps_every_other_byte() -> None:
    raw = ODD.read_bytes()
    new = apply_changes(raw, [Change.done_on("1.2.2", date(2024, 6, 20))], ODD)
    assert new == (EDITS / "odd-style.done-1.2.2.yaml").read_bytes()
    assert new.startswith(b"\xef\xbb\xbf") and new.count(b"\r\n") == raw.count(b"\r\n")
    # reopen gives back the original bytes
    assert apply_changes(new, [Change.done_on("1.2.2", None)], ODD) == raw


def test_done_without_a_done_key_adds_one_line_in_the_files_style() -> None:
    raw = ODD.read_bytes()
    new = apply_changes(raw, [Change.done_on("1.2.1", date(2024, 12, 30))], ODD)
    assert new == (EDITS / "odd-style.done-1.2.1.yaml").read_bytes()
    reopened = apply_changes(new, [Change.done_on("1.2.1", None)], ODD)
    assert reopened == raw.replace("治理机制\r\n".encode(), "治理机制\r\n  done:\r\n".encode())


def test_notes_are_appended_as_a_block_list(tmp_path: Path) -> None:
    raw = ODD.read_bytes()
    first = apply_changes(raw, [Change("1.2.1", note=(date(2024, 5, 1), 'a "quoted": #note\x1b'))], ODD)
    second = apply_changes(first, [Change("1.2.1", note=(date(2024, 5, 8), "第二条"))], ODD)
    added = second.decode("utf-8-sig").replace(raw.decode("utf-8-sig"), "")
    assert "  notes:\r\n    - date: 2024-05-01\r\n" in second.decode("utf-8-sig")
    assert '    - date: 2024-05-08\r\n      text: "第二条"\r\n' in second.decode("utf-8-sig")
    assert added != ""  # sanity: the file did change
    path = tmp_path / "workplan.yaml"
    path.write_text("year: 2024\n", encoding="utf-8")
    (tmp_path / "1-2.yaml").write_bytes(second)
    (initiative,) = load_plan(tmp_path).initiatives
    notes = initiative.milestones[0].notes
    assert [(n.on, n.text) for n in notes] == [
        (date(2024, 5, 1), 'a "quoted": #note\x1b'),
        (date(2024, 5, 8), "第二条"),
    ]


def test_note_into_an_empty_notes_key() -> None:
    raw = b'id: "1.1"\ntitle: t\nmilestones:\n  - id: "1.1.1"\n    task: t\n    notes:\n'
    new = apply_changes(raw, [Change("1.1.1", note=(date(2024, 1, 2), "x"))], Path("f.yaml"))
    assert new == raw + b'      - date: 2024-01-02\n        text: "x"\n'


def test_flow_style_milestone_is_refused_not_rewritten() -> None:
    raw = b'id: "1.1"\ntitle: t\nmilestones:\n  - {id: "1.1.1", task: t}\n'
    with pytest.raises(EditRefusedError, match="flow style"):
        apply_changes(raw, [Change.done_on("1.1.1", date(2024, 1, 2))], Path("f.yaml"))


def test_shipped_plan_done_changes_exactly_the_lines_of_the_milestone(invoke: Invoke, plan_dir: Path) -> None:
    before = (plan_dir / "2-1.yaml").read_text(encoding="utf-8").splitlines()
    result = invoke(["done", "2.1.1", "--on", "2024-03-28", "--plan", str(plan_dir)])
    assert result.exit_code == 0, result.output
    assert "2.1.1 done on 2024-03-28" in result.stdout
    after = (plan_dir / "2-1.yaml").read_text(encoding="utf-8").splitlines()
    changed = [(i + 1, a, b) for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert changed == [(12, "    done:", "    done: 2024-03-28")]
    overdue = json.loads(invoke(["due", "--plan", str(plan_dir), "--as-of", "2024-04-15", "--json"]).stdout)
    assert [r["id"] for r in overdue] == ["4.2.1", "1.4.1", "2.2.1"]
    listed = json.loads(invoke(["show", "2.1.1", "--plan", str(plan_dir), "--json", "--as-of", "2024-06-01"]).stdout)
    assert listed[0]["done"] == "2024-03-28" and listed[0]["status"] == "done" and listed[0]["days_late"] is None


def test_done_late_with_a_note_shows_days_late_and_the_note(invoke: Invoke, plan_dir: Path) -> None:
    result = invoke(["done", "4.2.1", "--on", "2024-03-05", "--note", "计划已印发", "--plan", str(plan_dir)])
    assert result.exit_code == 0, result.output
    (row,) = [r for r in json.loads(invoke(["list", "--plan", str(plan_dir), "--json"]).stdout) if r["id"] == "4.2.1"]
    assert row["days_late"] == 5
    assert row["notes"] == [{"date": "2024-03-05", "text": "计划已印发"}]
    shown = invoke(["show", "4.2", "--plan", str(plan_dir)]).stdout
    assert "计划已印发" in shown and "5 days late" in shown


def test_already_done_says_when_and_leaves_the_file_alone(invoke: Invoke, plan_dir: Path) -> None:
    invoke(["done", "2.1.1", "--on", "2024-03-28", "--plan", str(plan_dir)])
    path = plan_dir / "2-1.yaml"
    stamp = path.stat().st_mtime_ns, path.stat().st_ino
    result = invoke(["done", "2.1.1", "--on", "2024-04-02", "--plan", str(plan_dir)])
    assert result.exit_code == 0
    assert "already done on 2024-03-28" in result.stdout
    assert (path.stat().st_mtime_ns, path.stat().st_ino) == stamp


def test_initiative_id_closes_its_single_open_milestone_or_asks(invoke: Invoke, plan_dir: Path) -> None:
    single = invoke(["done", "1.1", "--on", "2024-09-20", "--plan", str(plan_dir)])
    assert single.exit_code == 0 and "1.1.1 done on 2024-09-20" in single.stdout
    several = invoke(["done", "2.2", "--on", "2024-09-20", "--plan", str(plan_dir)])
    assert several.exit_code == 2
    assert "2.2.1 (3月底前), 2.2.2 (6月底前), 2.2.3 (12月底前)" in several.stderr and "--all" in several.stderr
    every = invoke(["done", "2.2", "--all", "--on", "2024-09-20", "--plan", str(plan_dir)])
    assert every.exit_code == 0 and every.stdout.count("done on 2024-09-20") == 3
    assert (plan_dir / "2-2.yaml").read_text(encoding="utf-8").count("done: 2024-09-20") == 3


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["done", "2.1.9"], 2, "closest: 2.1, 2.1.1, 2.1.2"),
        (["done", "2.1.1", "--on", "2999-01-01"], 2, "after today"),
        (["done", "2.1.1", "--on", "2023-12-31"], 2, "before the plan year 2024"),
        (["done", "2.1.1", "--on", "yesterday"], 2, "expected a date written YYYY-MM-DD"),
        (["note", "2.1.1", "  "], 2, "the note is empty"),
        (["reopen", "2.1.1"], 0, "2.1.1 is not done (unchanged)"),
    ],
)
def test_refusals_touch_nothing(invoke: Invoke, plan_dir: Path, args: list[str], code: int, message: str) -> None:
    before = {p.name: p.read_bytes() for p in plan_dir.iterdir()}
    result = invoke([*args, "--plan", str(plan_dir)])
    assert result.exit_code == code
    assert message in result.stdout + result.stderr
    assert {p.name: p.read_bytes() for p in plan_dir.iterdir()} == before


def test_file_with_a_syntax_error_is_named_and_left_alone(invoke: Invoke, plan_dir: Path) -> None:
    path = plan_dir / "2-1.yaml"
    broken = path.read_bytes().replace(b"title: ", b"title: [", 1)
    path.write_bytes(broken)
    result = invoke(["done", "2.1.1", "--plan", str(plan_dir), "--on", "2024-03-28"])
    assert result.exit_code == 4
    assert str(path) in result.stderr and "could not be read" in result.stderr
    assert path.read_bytes() == broken
    with pytest.raises(EditRefusedError, match=r"2-1.yaml:\d+: not valid YAML"):
        edit_plan_file(path, [Change.done_on("2.1.1", date(2024, 3, 28))])


def test_read_only_file_and_folder_are_refused(invoke: Invoke, plan_dir: Path) -> None:
    path = plan_dir / "2-1.yaml"
    original = path.read_bytes()
    path.chmod(0o444)
    result = invoke(["done", "2.1.1", "--plan", str(plan_dir), "--on", "2024-03-28"])
    assert result.exit_code == 4 and "read-only" in result.stderr
    assert path.read_bytes() == original
    path.chmod(0o644)
    plan_dir.chmod(0o555)
    try:
        result = invoke(["done", "2.1.1", "--plan", str(plan_dir), "--on", "2024-03-28"])
    finally:
        plan_dir.chmod(0o755)
    assert result.exit_code == 4 and "folder" in result.stderr and "read-only" in result.stderr
    assert path.read_bytes() == original
    assert sorted(p.name for p in plan_dir.iterdir() if p.name.startswith(".")) == []


def test_failed_rename_leaves_the_original_and_no_temp_file(plan_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = plan_dir / "2-1.yaml"
    original = path.read_bytes()

    def crash(src: object, dst: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(EditRefusedError, match="it is unchanged"):
        edit_plan_file(path, [Change.done_on("2.1.1", date(2024, 3, 28))])
    assert path.read_bytes() == original
    assert sorted(p.name for p in plan_dir.iterdir()) == sorted(
        p.name for p in plan_dir.iterdir() if not p.name.startswith(".")
    )
    assert not [p for p in plan_dir.iterdir() if p.name.endswith(".tmp")]


def test_mode_is_kept_and_a_symlink_stays_a_link(plan_dir: Path, tmp_path: Path) -> None:
    real = tmp_path / "elsewhere" / "2-1.yaml"
    real.parent.mkdir()
    (plan_dir / "2-1.yaml").rename(real)
    (plan_dir / "2-1.yaml").symlink_to(real)
    real.chmod(0o640)
    edit_plan_file(plan_dir / "2-1.yaml", [Change.done_on("2.1.1", date(2024, 3, 28))])
    assert (plan_dir / "2-1.yaml").is_symlink()
    assert "done: 2024-03-28" in real.read_text(encoding="utf-8")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_an_edit_waits_for_the_lock_and_applies_on_top_of_the_other_writer(plan_dir: Path) -> None:
    """Hold the plan's lock, start `workplan done`, replace the file meanwhile (as another writer
    would), release: the waiting process must read the new file, so both edits land."""
    path = plan_dir / "2-1.yaml"
    with safewrite.plan_lock(plan_dir):
        proc = subprocess.Popen(
            [installed_workplan(), "done", "2.1.2", "--on", "2024-06-28", "--plan", str(plan_dir)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(1.0)
        assert proc.poll() is None, "the edit did not wait for the lock"
        assert "2024-06-28" not in path.read_text(encoding="utf-8")
        other = apply_changes(path.read_bytes(), [Change.done_on("2.1.1", date(2024, 3, 28))], path)
        safewrite.atomic_replace(path, other)  # the other writer's rename
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    text = path.read_text(encoding="utf-8")
    assert "done: 2024-03-28" in text and "done: 2024-06-28" in text


def test_concurrent_done_processes_on_one_file_all_land(plan_dir: Path) -> None:
    ids = ["2.1.1", "2.1.2", "2.1.3", "2.1.4"]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "workplan_cli", "done", i, "--on", "2024-10-01", "--plan", str(plan_dir)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in ids
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
    (initiative,) = [i for i in load_plan(plan_dir).initiatives if i.id == "2.1"]
    assert [m.done for m in initiative.milestones] == [date(2024, 10, 1)] * 4


def test_shell_completion_offers_open_milestone_ids(plan_dir: Path, invoke: Invoke) -> None:
    invoke(["done", "2.1.1", "--on", "2024-03-28", "--plan", str(plan_dir)])
    env = {
        **os.environ,
        "_WORKPLAN_COMPLETE": "complete_bash",
        "COMP_WORDS": "workplan done 2.1.",
        "COMP_CWORD": "2",
        "WORKPLAN_PLAN": str(plan_dir),
    }
    result = subprocess.run([installed_workplan()], env=env, capture_output=True, text=True, timeout=60, check=False)
    offered = result.stdout.split()
    assert "2.1.2" in offered and "2.1.3" in offered and "2.1.4" in offered
    assert "2.1.1" not in offered  # already done
    assert "2.2.1" not in offered


def _offered(plan_dir: Path, words: str) -> list[str]:
    env = {
        **os.environ,
        "_WORKPLAN_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
        "WORKPLAN_PLAN": str(plan_dir),
    }
    result = subprocess.run([installed_workplan()], env=env, capture_output=True, text=True, timeout=60, check=False)
    return result.stdout.split()


def test_completion_reopen_offers_closed_ids_show_and_note_offer_all(plan_dir: Path, invoke: Invoke) -> None:
    invoke(["done", "2.1.1", "--on", "2024-03-28", "--plan", str(plan_dir)])
    assert _offered(plan_dir, "workplan reopen 2.1.") == ["2.1.1"]  # only the closed one
    for command in ("show", "note"):
        offered = _offered(plan_dir, f"workplan {command} 2.1")
        assert offered[:2] == ["2.1", "2.1.1"] and "2.1.4" in offered, (command, offered)


def test_a_note_dated_in_the_future_is_refused_and_check_finds_a_hand_written_one(
    invoke: Invoke, plan_dir: Path
) -> None:
    # As `done --on` a day after today is refused, so is `note --on` one (F33: 2030 for 2023).
    before = (plan_dir / "2-1.yaml").read_bytes()
    refused = invoke(["note", "2.1.2", "测试", "--on", "2999-01-01", "--plan", str(plan_dir)])
    assert refused.exit_code == 2, refused.output
    assert "2999-01-01 is after today" in refused.output
    assert (plan_dir / "2-1.yaml").read_bytes() == before
    assert invoke(["note", "2.1.2", "测试", "--on", "2024-05-01", "--plan", str(plan_dir)]).exit_code == 0
    rewrite(plan_dir / "2-1.yaml", "2024-05-01", "2999-05-01")
    checked = invoke(["check", "--plan", str(plan_dir)])
    assert checked.exit_code == 1, checked.output
    assert "2-1.yaml" in checked.output and "2.1.2: a note is dated 2999-05-01, later than today" in checked.output


def test_an_impossible_day_is_called_that_not_a_format_error(invoke: Invoke, plan_dir: Path) -> None:
    # F34: 2024-06-31 is written YYYY-MM-DD; June has 30 days.
    result = invoke(["done", "2.1.2", "--on", "2024-06-31", "--plan", str(plan_dir)], WORKPLAN_LANG="zh")
    assert result.exit_code == 2 and "不是有效日期" in result.stderr
    bad_month = invoke(["due", "--as-of", "2024-13-01", "--plan", str(plan_dir)])
    assert bad_month.exit_code == 2 and "there is no such day" in bad_month.stderr
