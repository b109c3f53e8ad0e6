"""Piped output, as a script or cron job gets it: no line padded with trailing spaces."""

from __future__ import annotations

import subprocess

import pytest

from .conftest import SHIPPED_PLAN
from .test_installed import installed_workplan


@pytest.mark.parametrize(
    "args",
    [["due"], ["list"], ["show", "2.1"], ["stats"], ["timeline"], ["check"], ["--lang", "en", "list"]],
    ids=lambda args: " ".join(args),
)
def test_piped_lines_have_no_trailing_spaces(args: list[str]) -> None:
    as_of = [] if args == ["check"] else ["--as-of", "2024-06-17"]
    result = subprocess.run(
        [installed_workplan(), *args, *as_of, "--plan", str(SHIPPED_PLAN)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines
    assert [line for line in lines if line != line.rstrip(" ")] == []
