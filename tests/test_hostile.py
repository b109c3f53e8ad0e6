"""Every hostile sample in tests/samples/hostile/, run through the installed command (see hostile.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .hostile import Case, cases, run_case

CASES = cases()


def test_there_is_a_sample_per_case() -> None:
    assert len(CASES) >= 30
    assert all(case.about for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_sample(case: Case, tmp_path: Path) -> None:
    outcome = run_case(case, tmp_path)
    assert outcome.failures() == [], (
        f"{case.about}\nstdout:\n{outcome.stdout[-2000:]}\nstderr:\n{outcome.stderr[-2000:]}"
    )
