"""Racing and killed writers, with real processes (see races.py). WORKPLAN_RACE_ROUNDS sets the
rounds of the longer experiments: a few in CI, 100 for the README's figures."""

from __future__ import annotations

import os
from pathlib import Path

from .races import import_update_racing_done, kill_during_writes, many_done_on_one_milestone

ROUNDS = int(os.environ.get("WORKPLAN_RACE_ROUNDS", "12"))


def test_many_done_on_one_milestone_exactly_one_succeeds(tmp_path: Path) -> None:
    tally, said = many_done_on_one_milestone(tmp_path, writers=6)
    assert tally.failures == [] and tally.tracebacks == 0
    winners = [text for text in said if "2.1.1 done on" in text]
    assert len(winners) == 1, said
    winner_day = winners[0].split("done on ")[1].split()[0]
    others = [text for text in said if text not in winners]
    assert len(others) == 5
    assert all(f"2.1.1 was already done on {winner_day} (unchanged)" in text for text in others), said
    assert tally.lost == []


def test_import_update_racing_done_loses_no_date(tmp_path: Path) -> None:
    tally = import_update_racing_done(tmp_path, rounds=ROUNDS)
    assert tally.rounds == ROUNDS
    assert tally.failures == [] and tally.tracebacks == 0
    assert tally.lost == []


def test_killed_writers_leave_whole_files_and_the_next_write_cleans_up(tmp_path: Path) -> None:
    tally = kill_during_writes(tmp_path, rounds=ROUNDS)
    assert tally.kills == ROUNDS
    assert tally.corrupt == [] and tally.tracebacks == 0
    assert tally.failures == []
    assert tally.temps_left == []


def test_a_temp_file_of_a_killed_writer_is_removed_by_the_next_write(plan_dir: Path) -> None:
    """The deterministic case: what a writer killed between writing its temp file and renaming it leaves."""
    from datetime import date

    from workplan_cli.editing import Change, edit_plan_file

    stale = plan_dir / ".2-1.yaml.k1ll3d_x.tmp"
    stale.write_bytes(b"half of a file")
    other = plan_dir / ".2-2.yaml.k1ll3d_x.tmp"  # another file's: left for that file's next write
    other.write_bytes(b"half of another file")
    edit_plan_file(plan_dir / "2-1.yaml", [Change.done_on("2.1.1", date(2024, 3, 28))])
    assert not stale.exists()
    assert other.exists()
    assert not (plan_dir / ".workplan.lock").exists()
