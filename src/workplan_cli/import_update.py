"""Re-importing a revised report over a plan people have been working in: keep what they filled in."""

from __future__ import annotations

from dataclasses import dataclass, field

from workplan_cli.i18n import ImportMsg
from workplan_cli.import_drafts import DraftInitiative, DraftMilestone, DraftPlan, Said, said
from workplan_cli.model import Milestone, Plan


@dataclass
class UpdateReport:
    added: list[Said] = field(default_factory=list)
    changed: list[Said] = field(default_factory=list)
    removed: list[Said] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # milestones whose done date, notes or owner were carried over


def carry_over(draft: DraftPlan, existing: Plan) -> UpdateReport:
    """Keep what people filled in (done dates, notes, owners) for milestones whose task is unchanged.

    A milestone is recognised by its task text within its initiative, so it keeps its id even when a
    new deadline clause is inserted before it (ids are what people write in `workplan done`). A new
    milestone gets a fresh id; one whose task was reworded keeps its place and id but not its done
    date. Changes ``draft`` in place and says what was added, changed and removed.
    """
    report = UpdateReport()
    old_initiatives = {i.id: i for i in existing.initiatives}
    for initiative in draft.initiatives:
        old = old_initiatives.pop(initiative.id, None)
        if old is None:
            report.added.append(said(ImportMsg.UPDATE_INITIATIVE, id=initiative.id, title=initiative.title))
            continue
        initiative.owner = old.owner
        _match_milestones(initiative, list(old.milestones), report)
    report.removed += [
        said(ImportMsg.UPDATE_INITIATIVE_FILE, id=i.id, title=i.title, file=i.file) for i in old_initiatives.values()
    ]
    return report


def _match_milestones(initiative: DraftInitiative, olds: list[Milestone], report: UpdateReport) -> None:
    unmatched_old = {m.id: m for m in olds}
    reworded: list[DraftMilestone] = []
    for new in initiative.milestones:
        same_task = next((m for m in unmatched_old.values() if m.task == new.task), None)
        if same_task is None:
            reworded.append(new)
            continue
        del unmatched_old[same_task.id]
        new.id, new.done, new.notes, new.owner = same_task.id, same_task.done, same_task.notes, same_task.owner
        if same_task.phrase != new.phrase:
            report.changed.append(
                said(ImportMsg.UPDATE_DEADLINE, id=new.id, old=_phrase(same_task.phrase), new=_phrase(new.phrase))
            )
        if new.done or new.notes or new.owner:
            report.kept.append(new.id)
    taken = {m.id for m in initiative.milestones if m not in reworded}
    next_number = 1 + max(
        (int(i.rsplit(".", 1)[1]) for i in {m.id for m in olds} | taken if i.rsplit(".", 1)[1].isdigit()), default=0
    )
    for new in reworded:
        old = unmatched_old.pop(new.id, None) if new.id not in taken else None
        if old is not None:
            key = ImportMsg.UPDATE_REWORDED_DONE_LOST if old.done else ImportMsg.UPDATE_REWORDED
            report.changed.append(said(key, id=new.id, old=old.task, new=new.task, done=old.done))
        else:
            new.id = f"{initiative.id}.{next_number}"
            next_number += 1
            report.added.append(said(ImportMsg.UPDATE_MILESTONE, id=new.id, phrase=_phrase(new.phrase), task=new.task))
        taken.add(new.id)
    for old in unmatched_old.values():
        key = ImportMsg.UPDATE_MILESTONE_WAS_DONE if old.done else ImportMsg.UPDATE_MILESTONE
        report.removed.append(said(key, id=old.id, phrase=_phrase(old.phrase), task=old.task, done=old.done))


def _phrase(phrase: str | None) -> str | ImportMsg:
    return phrase or ImportMsg.ONGOING
