"""The supervision fields of the model: roles with per-milestone overrides, the latest progress entry."""

from __future__ import annotations

from datetime import date

from workplan_cli.deadlines import OPEN_ENDED
from workplan_cli.model import Initiative, Milestone, Note


def _initiative(*milestones: Milestone) -> Initiative:
    return Initiative(
        "2.1",
        "二、",
        "扩权赋能",
        "",
        "",
        milestones,
        "plan/2-1.yaml",
        lead="改革科",
        co_units=("法制科",),
        leader="张三",
    )


def test_a_milestone_overrides_its_initiatives_roles() -> None:
    plain = Milestone("2.1.1", None, OPEN_ENDED, "调研")
    own = Milestone(
        "2.1.2", None, OPEN_ENDED, "试点", lead="监督科", co_units=("街道办",), leader="李四", owner="财务科"
    )
    initiative = _initiative(plain, own)
    assert (initiative.lead_of(plain), initiative.co_units_of(plain), initiative.leader_of(plain)) == (
        "改革科",
        ("法制科",),
        "张三",
    )
    assert (initiative.lead_of(own), initiative.co_units_of(own), initiative.leader_of(own)) == (
        "监督科",
        ("街道办",),
        "李四",
    )
    assert initiative.units_of(own) == ("监督科", "财务科", "街道办")
    assert initiative.units_of(plain) == ("改革科", "法制科")


def test_the_latest_entry_and_percent_come_from_the_newest_structured_note() -> None:
    notes = (
        Note(date(2024, 5, 30), "free note"),
        Note(date(2024, 6, 25), "", progress="完成初稿", percent=60, by="改革科", period="2024-06"),
        Note(date(2024, 6, 25), "", progress="配合调研", by="法制科", period="2024-06"),
        Note(date(2024, 7, 1), "another free note"),
    )
    milestone = Milestone("2.1.1", None, OPEN_ENDED, "调研", notes=notes)
    assert not notes[0].is_entry and notes[1].is_entry
    latest = milestone.latest_entry
    assert latest is not None and latest.by == "法制科"  # same day: the later one in the file
    assert milestone.percent == 60  # the newest entry that states a percent
    assert Milestone("1.1.1", None, OPEN_ENDED, "x").latest_entry is None
