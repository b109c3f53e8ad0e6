"""The installed `workplan` program, run as a real subprocess, as a user or a script would."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO


def installed_workplan() -> str:
    """The console script installed beside this interpreter (the venv's bin/), else on PATH."""
    beside = Path(sys.executable).parent / "workplan"
    found = str(beside) if beside.exists() else shutil.which("workplan")
    if found is None:
        pytest.fail("the `workplan` console script is not installed: run pip install -e '.[test]'")
    return found


def test_installed_due_on_the_shipped_plan(plan_dir: Path) -> None:
    result = subprocess.run(
        [installed_workplan(), "due", "--as-of", "2024-04-15"],
        cwd=plan_dir.parent,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "逾期 4 项，14 天内到期 0 项（截至 2024-04-15）" in result.stdout  # the shipped plan is in Chinese
    assert "修订完善高新园区“三定”规定" in result.stdout


def test_python_dash_m_works_and_exit_code_reaches_the_shell(tmp_path: Path) -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "workplan_cli", "list", "--json", "--plan", str(REPO / "plan")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert ok.returncode == 0
    assert len(json.loads(ok.stdout)) == 26
    missing = subprocess.run(
        [installed_workplan(), "due", "--plan", str(tmp_path)], capture_output=True, text=True, timeout=60, check=False
    )
    assert missing.returncode == 3
    assert "Traceback" not in missing.stderr
