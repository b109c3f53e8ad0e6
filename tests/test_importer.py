"""Report text -> plan files. The real seed report reproduces the shipped plan/."""

from __future__ import annotations

from pathlib import Path

import pytest

from workplan_cli.errors import ReportImportError
from workplan_cli.importer import parse_report, plan_year, render_initiative
from workplan_cli.planfiles import load_initiative, load_plan

from .conftest import SAMPLES, SHIPPED_PLAN

# A byte-for-byte copy of shared/seed/2024-work-plan-report.txt, so a clone alone can run the tests.
SEED = SAMPLES / "reports" / "seed-2024-work-plan-report.txt"


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def test_seed_reproduces_the_shipped_plan(seed_text: str) -> None:
    draft = parse_report(seed_text)
    shipped = load_plan(SHIPPED_PLAN)
    assert draft.year == shipped.settings.year == 2024
    assert draft.title == shipped.settings.title
    assert draft.warnings == []
    assert [d.id for d in draft.initiatives] == [i.id for i in shipped.initiatives]
    for made, kept in zip(draft.initiatives, shipped.initiatives, strict=True):
        assert (made.section, made.title, made.text) == (kept.section, kept.title, kept.text)
        assert [(m.id, m.phrase, m.task) for m in made.milestones] == [
            (m.id, m.phrase, m.task) for m in kept.milestones
        ]


def test_rendered_files_load_back_to_the_same_draft(seed_text: str, tmp_path: Path) -> None:
    for draft in parse_report(seed_text).initiatives:
        problems: list[object] = []
        loaded = load_initiative(tmp_path / "x.yaml", render_initiative(draft), 2024, problems)  # type: ignore[arg-type]
        assert problems == []
        assert loaded is not None
        assert (loaded.id, loaded.title, loaded.text) == (draft.id, draft.title, draft.text)
        assert [(m.id, m.phrase, m.task) for m in loaded.milestones] == [
            (m.id, m.phrase, m.task) for m in draft.milestones
        ]


def test_plan_year_comes_from_the_title_not_the_signing_date(seed_text: str) -> None:
    assert seed_text.rstrip().splitlines()[-3].startswith("2023年")  # signed in 2023
    assert plan_year(seed_text, None) == 2024
    assert plan_year("XX局工作要点\n〔2023〕5号\n", None) == 2023
    assert plan_year("无年份的标题", 2031) == 2031
    with pytest.raises(ReportImportError, match="--year"):
        plan_year("无年份的标题\n正文", None)
