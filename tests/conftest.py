"""Shared fixtures: the shipped plan copied to a temp folder, and a CLI runner with a fixed width."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from workplan_cli.cli import app

REPO = Path(__file__).resolve().parent.parent
SHIPPED_PLAN = REPO / "plan"
SAMPLES = Path(__file__).resolve().parent / "samples"

Invoke = Callable[..., Result]


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own cache folder: never the developer's, never shared between tests."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    monkeypatch.delenv("WORKPLAN_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def plan_dir(tmp_path: Path) -> Path:
    """A private copy of the shipped plan, safe to edit."""
    target = tmp_path / "plan"
    shutil.copytree(SHIPPED_PLAN, target)
    return target


@pytest.fixture
def invoke(monkeypatch: pytest.MonkeyPatch) -> Invoke:
    """Run the CLI in-process with a fixed terminal width and no WORKPLAN_PLAN from the caller."""
    monkeypatch.delenv("WORKPLAN_PLAN", raising=False)
    runner = CliRunner()

    def run(args: Sequence[str], **env: str) -> Result:
        # The tests read English output unless they ask for Chinese (WORKPLAN_LANG="zh").
        return runner.invoke(app, list(args), env={"COLUMNS": "200", "WORKPLAN_LANG": "en", **env})

    return run


def rewrite(path: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in a text file. ``old`` must be there: a test that means to change
    a plan file fails loudly, rather than testing the unchanged file, when the text has moved."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")
