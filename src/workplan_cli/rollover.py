"""Carrying what is left of a plan into next year (结转): a new plan folder, nothing of the old one changed.

A milestone not done by the given day is carried with ``carried_from: "2024:2.1.3"`` and its
original deadline kept as ``deadline_was``. Its deadline stays the day it was due, written with its
year (9月底前 becomes 2024年9月底前), so carried work shows as overdue until someone sets a new
deadline with `workplan set`, which is a fact the office reports on rather than a silent extension.
Open-ended and recurring work is carried as is (a cadence starts again in the new year). Done work
stays behind, and an initiative with nothing left is not carried.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from workplan_cli import gitrepo
from workplan_cli.authoring import commit_message
from workplan_cli.deadlines import Deadline, DeadlineError, resolve_deadline
from workplan_cli.editing import Change, apply_changes
from workplan_cli.errors import UsageError
from workplan_cli.i18n import EditMsg
from workplan_cli.import_drafts import DraftInitiative, DraftMilestone, render_initiative
from workplan_cli.initiativefile import calendar_for
from workplan_cli.model import Initiative, Milestone, Plan, PlanSettings
from workplan_cli.planfiles import with_text
from workplan_cli.planfolder import holds_a_plan, write_plan
from workplan_cli.settings import SETTINGS_FILE
from workplan_cli.yamlnodes import YAML_LOADER
from workplan_cli.yamltext import scalar


@dataclass
class RolledPlan:
    """The new plan's files, and what was carried and left behind."""

    year: int
    from_year: int
    files: dict[str, str] = field(default_factory=dict)  # relative path -> text
    carried: list[str] = field(default_factory=list)  # milestone ids
    left_behind: list[str] = field(default_factory=list)  # done milestone ids
    repinned: dict[str, str] = field(default_factory=dict)  # id -> the deadline as now written


def is_done(milestone: Milestone, as_of: date) -> bool:
    return milestone.done is not None and milestone.done <= as_of


def pinned_deadline(milestone: Milestone, old_year: int, new_year: int) -> str | None:
    """The deadline a carried milestone keeps, written so that it means the same day in the new year.

    Open-ended and recurring phrases as they are; a phrase naming its year as it is; else the phrase
    with the old year in front (2024年9月底前) when that reads back as the same day; else the ISO day.
    """
    phrase, deadline = milestone.phrase, milestone.deadline
    if phrase is None or deadline.due is None:
        return phrase
    calendar = calendar_for(new_year)
    for candidate in (phrase, f"{old_year}年{phrase}"):
        try:
            again = resolve_deadline(candidate, new_year, work_calendar=calendar, assigned=milestone.assigned)
        except DeadlineError:
            continue
        if _same_day(again, deadline):
            return candidate
    return deadline.due.isoformat()


def _same_day(again: Deadline, before: Deadline) -> bool:
    return again.due == before.due and again.recurrence is None and again.note is None


def roll_over(plan: Plan, new_year: int, *, as_of: date) -> RolledPlan:
    """The next year's plan: every milestone not done by ``as_of``, with where it came from. Pure
    except for reading the initiatives' original paragraphs again."""
    old_year = plan.settings.year
    if new_year <= old_year:
        raise UsageError(EditMsg.YEAR_NOT_AFTER, new_year=new_year, old_year=old_year)
    rolled = RolledPlan(new_year, old_year)
    for initiative in plan.initiatives:
        left = [m for m in initiative.milestones if not is_done(m, as_of)]
        rolled.left_behind += [m.id for m in initiative.milestones if is_done(m, as_of)]
        if not left:
            continue
        relative = initiative.file.relative_to(plan.folder).as_posix()
        rolled.files[relative] = _initiative_file(with_text(initiative, old_year), left, old_year, new_year, rolled)
        rolled.carried += [m.id for m in left]
    rolled.files[SETTINGS_FILE] = next_year_settings((plan.folder / SETTINGS_FILE).read_text("utf-8-sig"), new_year)
    return rolled


def _initiative_file(
    initiative: Initiative, left: list[Milestone], old_year: int, new_year: int, rolled: RolledPlan
) -> str:
    deadlines = {m.id: pinned_deadline(m, old_year, new_year) for m in left}
    draft = DraftInitiative(
        id=initiative.id,
        section=initiative.section,
        title=initiative.title,
        text=initiative.text,
        owner=initiative.owner,
        milestones=[DraftMilestone(m.id, deadlines[m.id], m.task, owner=m.owner) for m in left],
    )
    changes = [Change(initiative.id, _roles(initiative))] if _roles(initiative) else []
    for milestone in left:
        values = [*_roles(milestone), ("carried_from", f"{old_year}:{milestone.id}")]
        if milestone.assigned is not None:
            values.append(("assigned", milestone.assigned.isoformat()))
        original = milestone.deadline_was or milestone.phrase
        if original and original != deadlines[milestone.id]:
            values.append(("deadline_was", original))
            rolled.repinned[milestone.id] = deadlines[milestone.id] or ""
        changes.append(Change(milestone.id, tuple(values)))
    path = Path(initiative.path)
    return apply_changes(render_initiative(draft).encode("utf-8"), changes, path).decode("utf-8")


def _roles(item: Initiative | Milestone) -> tuple[tuple[str, str | None], ...]:
    roles: list[tuple[str, str | None]] = [("lead", item.lead), ("co_units", "、".join(item.co_units))]
    roles.append(("leader", item.leader))
    return tuple((key, value) for key, value in roles if value)


def next_year_settings(text: str, new_year: int) -> str:
    """workplan.yaml for the new year: ``year`` and the year in the title changed, every other byte kept."""
    root = yaml.compose(text, Loader=YAML_LOADER)
    spans: list[tuple[int, int, str]] = []
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if not isinstance(value, yaml.ScalarNode) or value.style in ("|", ">"):
                continue
            if key.value == "year":
                spans.append((value.start_mark.index, value.end_mark.index, str(new_year)))
            elif key.value == "title":
                title = re.sub(r"(?<!\d)\d{4}(?=\s*年)", str(new_year), str(value.value), count=1)
                spans.append((value.start_mark.index, value.end_mark.index, scalar(title)))
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def write_rolled_plan(rolled: RolledPlan, out: Path) -> None:
    """Write the new plan folder; never over an existing plan."""
    if holds_a_plan(out):
        raise UsageError(EditMsg.OUT_HOLDS_A_PLAN, out=out)
    write_plan(out, rolled.files, remove_others=False)


def commit_rolled_plan(rolled: RolledPlan, out: Path, settings: PlanSettings) -> tuple[str, str] | None:
    """Commit the new plan's files (``--commit``): (commit id, message), or None if nothing was new."""
    message = commit_message(
        settings, "rollover", [], year=str(rolled.year), count=str(len(rolled.carried)), old_year=str(rolled.from_year)
    )
    made = gitrepo.commit_paths(gitrepo.require_repository(out), [out / name for name in rolled.files], message)
    return (made, message) if made is not None else None
