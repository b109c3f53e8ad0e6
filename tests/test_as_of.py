"""`--as-of D` means the plan as it stood on D in every view, as in `report`: a done date or a
note dated after D was not known yet (F20, F11)."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Invoke


def test_a_milestone_closed_after_the_as_of_day_is_open_in_every_view(invoke: Invoke, plan_dir: Path) -> None:
    plan = ["--plan", str(plan_dir)]
    assert invoke(["done", "1.4.2", "--on", "2024-06-28", *plan]).exit_code == 0
    assert invoke(["note", "1.4.2", "六月底的进展", "--on", "2024-06-28", *plan]).exit_code == 0
    day = ["--as-of", "2024-06-17"]
    listed = {m["id"]: m for m in json.loads(invoke(["list", "--json", *day, *plan]).stdout)}
    assert listed["1.4.2"]["status"] == "due" and listed["1.4.2"]["done"] is None
    assert "1.4.2" in invoke(["due", *day, *plan]).stdout
    assert "1.4.2" in invoke(["digest", *day, *plan]).stdout
    assert "六月底的进展" not in invoke(["show", "1.4.2", *day, *plan]).stdout
    # The day after it was closed, it is done again everywhere.
    later = {m["id"]: m for m in json.loads(invoke(["list", "--json", "--as-of", "2024-06-28", *plan]).stdout)}
    assert later["1.4.2"]["status"] == "done"
    assert "六月底的进展" in invoke(["show", "1.4.2", "--as-of", "2024-06-28", *plan]).stdout


def test_stats_as_of_agrees_with_the_report(invoke: Invoke, plan_dir: Path) -> None:
    plan = ["--plan", str(plan_dir)]
    before = invoke(["stats", "--as-of", "2024-06-17", *plan]).stdout
    assert invoke(["done", "1.4.2", "--on", "2024-06-28", *plan]).exit_code == 0
    assert invoke(["stats", "--as-of", "2024-06-17", *plan]).stdout == before
