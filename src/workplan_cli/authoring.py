"""Changing the plan from the command line: add an initiative or a milestone, set a field.

Every deadline phrase is resolved before anything is written, so a phrase the grammar does not
know is refused with its reason. Edits go through editing.py (byte-minimal, locked, verified);
a new initiative is a new file written whole, in the import's format. Whatever decides an edit
(the next free id, the deadline first written) is read under the plan's lock, so that two people
editing at once get different ids and keep each other's changes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from workplan_cli import gitrepo
from workplan_cli.actions import Outcome, refuse_if_in_two_files
from workplan_cli.deadlines import Deadline, DeadlineError, resolve_deadline
from workplan_cli.editing import Change, apply_changes, edit_plan_file
from workplan_cli.errors import EditRefusedError, GitError, UsageError
from workplan_cli.history import field_name
from workplan_cli.i18n import CommitMsg, EditMsg, FieldName, Listed, Message, Msg, Phrase, ProblemPart, UsageMsg, tr
from workplan_cli.import_drafts import DraftInitiative, DraftMilestone, initiative_file_name, render_initiative
from workplan_cli.initiativefile import calendar_for
from workplan_cli.model import Initiative, Milestone, Plan, PlanSettings
from workplan_cli.planfiles import load_plan
from workplan_cli.safewrite import atomic_replace, plan_lock
from workplan_cli.schedule import unknown_id
from workplan_cli.yamlnodes import YAML_LOADER

# What `workplan set` may change, and what each field is called in the interface.
MILESTONE_FIELDS = ("deadline", "task", "owner", "lead", "co_units", "leader", "assigned")
INITIATIVE_FIELDS = ("title", "owner", "lead", "co_units", "leader", "section")
REQUIRED_FIELDS = ("task", "title")  # cannot be emptied


def resolved_phrase(phrase: str | None, plan_year: int, *, assigned: date | None = None) -> Deadline | None:
    """The deadline a phrase means in the plan year, or UsageError with the grammar's reason.

    None for no phrase (ongoing work). A damaged phrase the grammar would repair is refused too:
    a person is typing it now and can write it in full.
    """
    if phrase is None or not phrase.strip():
        return None
    try:
        deadline = resolve_deadline(phrase.strip(), plan_year, work_calendar=calendar_for(plan_year), assigned=assigned)
    except DeadlineError as err:
        reason = err.said
        raise UsageError(EditMsg.BAD_DEADLINE, phrase=err.phrase, reason=reason) from None
    if deadline.note:
        raise UsageError(EditMsg.DEADLINE_LOOKS_DAMAGED, phrase=phrase, note=deadline.note)
    return deadline


def _deadline_text(phrase: str | None, deadline: Deadline | None) -> Message | str:
    """9月底前 (2024-09-30), or ongoing."""
    if not phrase or deadline is None:
        return Message(Msg.STATUS_ONGOING)
    if deadline.due is None:
        return phrase.strip()
    return Message(EditMsg.PHRASE_AND_DAY, phrase=phrase.strip(), due=deadline.due)


# ---------------------------------------------------------------------------------------------
# add milestone


def _initiative(plan: Plan, initiative_id: str) -> Initiative:
    for initiative in plan.initiatives:
        if initiative.id == initiative_id:
            return initiative
    if any(m.id == initiative_id for _, m in plan.milestones()):
        raise UsageError(EditMsg.NAME_THE_INITIATIVE, item_id=initiative_id, initiative=initiative_id.rsplit(".", 1)[0])
    raise unknown_id(plan, initiative_id)


def _milestone_ids(raw: bytes, path: Path) -> list[str]:
    try:
        root = yaml.compose(raw.decode("utf-8-sig"), Loader=YAML_LOADER)
    except (UnicodeDecodeError, yaml.YAMLError):
        raise EditRefusedError(EditMsg.NOT_READABLE_YAML, path=path) from None
    ids: list[str] = []
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "milestones" and isinstance(value, yaml.SequenceNode):
                for item in value.value:
                    if isinstance(item, yaml.MappingNode):
                        ids += [
                            str(v.value) for k, v in item.value if k.value == "id" and isinstance(v, yaml.ScalarNode)
                        ]
    return ids


def next_number(ids: list[str], prefix: str) -> int:
    """One more than the highest number N among ids ``prefix.N`` (1 when there is none)."""
    numbers = [int(i[len(prefix) + 1 :]) for i in ids if i.startswith(prefix + ".") and i[len(prefix) + 1 :].isdigit()]
    return max(numbers, default=0) + 1


def add_milestone(
    plan: Plan,
    initiative_id: str,
    *,
    task: str,
    phrase: str | None,
    owner: str = "",
    assigned: date | None = None,
) -> Outcome:
    """Append a milestone to an initiative with the next free id (2.1.4 after 2.1.3).

    ``assigned``: the day the task was given, which a deadline such as 5个工作日内 counts from."""
    initiative = _initiative(plan, initiative_id)
    if not task.strip():
        raise UsageError(EditMsg.TASK_EMPTY)
    deadline = resolved_phrase(phrase, plan.settings.year, assigned=assigned)
    chosen: list[str] = []

    def change_for(raw: bytes) -> list[Change]:
        new_id = f"{initiative.id}.{next_number(_milestone_ids(raw, initiative.file), initiative.id)}"
        chosen.append(new_id)
        fields: list[tuple[str, str | None]] = [
            ("deadline", phrase.strip() if phrase else None),
            ("task", task.strip()),
        ]
        fields += [("owner", owner.strip())] if owner.strip() else []
        fields += [("assigned", assigned.isoformat())] if assigned else []
        return [Change(new_id, new_milestone=(*fields, ("done", None)))]

    edit_plan_file(initiative.file, change_for)
    new_id = chosen[-1]
    said = Message(EditMsg.MILESTONE_ADDED, id=new_id, initiative=initiative.id, when=_deadline_text(phrase, deadline))
    return Outcome(new_id, initiative.file, said, True)


# ---------------------------------------------------------------------------------------------
# add initiative


def _file_for(plan: Plan, section: str, new_id: str) -> Path:
    """A new file named like the others: beside those of the same section, in their naming style."""
    same = [i for i in plan.initiatives if i.id.split(".")[0] == section] or list(plan.initiatives)
    for initiative in same:
        name = initiative.file.name
        for style in (initiative.id.replace(".", "-"), initiative.id):
            if name.startswith(style) and not name[len(style) : len(style) + 1].isdigit():
                new_style = new_id.replace(".", "-") if "-" in style else new_id
                suffix = initiative.file.suffix
                return initiative.file.parent / f"{new_style}{suffix}"
    return plan.folder / initiative_file_name(new_id)


def add_initiative(
    plan: Plan,
    section: str,
    *,
    title: str,
    task: str | None = None,
    phrase: str | None = None,
    owner: str = "",
    lead: str = "",
    heading: str | None = None,
    assigned: date | None = None,
) -> Outcome:
    """A new initiative file: the next free item of its section (2.4 after 2.3) with one milestone.

    Without ``task`` the one milestone is the title itself, ongoing unless ``phrase`` is given.
    ``assigned`` is recorded on that milestone, as ``add_milestone`` does: its time starts then.
    """
    if not section.isdigit():
        raise UsageError(EditMsg.SECTION_NOT_A_NUMBER, section=section)
    if not title.strip():
        raise UsageError(EditMsg.TITLE_EMPTY)
    deadline = resolved_phrase(phrase, plan.settings.year, assigned=assigned)
    with plan_lock(plan.folder):
        # Read the plan again under the lock: someone may have added one since it was loaded.
        current = load_plan(plan.folder, use_cache=False, keep_text=False)
        in_section = [i for i in current.initiatives if i.id.split(".")[0] == section]
        new_id = f"{section}.{next_number([i.id for i in current.initiatives], section)}"
        path = _file_for(current, section, new_id)
        if path.exists():
            raise EditRefusedError(EditMsg.FILE_ALREADY_EXISTS, path=path)
        draft = DraftInitiative(
            id=new_id,
            section=heading if heading is not None else (in_section[0].section if in_section else ""),
            title=title.strip(),
            text="",
            milestones=[DraftMilestone(f"{new_id}.1", phrase.strip() if phrase else None, (task or title).strip())],
            owner=owner.strip(),
        )
        written = render_initiative(draft).encode("utf-8")
        if lead.strip():
            written = apply_changes(written, [Change(new_id, (("lead", lead.strip()),))], path)
        if assigned is not None:
            written = apply_changes(written, [Change(f"{new_id}.1", (("assigned", assigned.isoformat()),))], path)
        atomic_replace(path, written)
    said = Message(EditMsg.INITIATIVE_ADDED, id=new_id, file=path.name, when=_deadline_text(phrase, deadline))
    return Outcome(new_id, path, said, True)


# ---------------------------------------------------------------------------------------------
# set


def _field_phrase(field: str) -> Phrase:
    """The field as the interface calls it, in both languages."""
    return Phrase(_field_name(field, "en"), _field_name(field, "zh"))


def _field_name(field: str, lang: str) -> str:
    name = field_name(field)
    return tr(name, lang) if isinstance(name, FieldName) else name


def _target(plan: Plan, item_id: str) -> tuple[Initiative, Milestone | None]:
    refuse_if_in_two_files(plan, item_id)
    for initiative in plan.initiatives:
        if initiative.id == item_id:
            return initiative, None
        for milestone in initiative.milestones:
            if milestone.id == item_id:
                return initiative, milestone
    raise unknown_id(plan, item_id)


def _current(initiative: Initiative, milestone: Milestone | None, field: str) -> str | None:
    item: Initiative | Milestone = milestone if milestone is not None else initiative
    if field == "deadline":
        return milestone.phrase if milestone else None
    value = getattr(item, field, None)
    if isinstance(value, tuple):
        return "、".join(value) or None
    if isinstance(value, date):
        return value.isoformat()
    return str(value) if value else None


@dataclass(frozen=True, slots=True)
class FieldEdit:
    """What `set` did, and the words its commit message needs."""

    outcome: Outcome
    field: str
    old: str | None
    new: str | None

    def message_fields(self) -> dict[str, str]:
        return {"field": self.field, "old": self.old or "—", "new": self.new or "—"}


def set_field(plan: Plan, item_id: str, field: str, value: str) -> FieldEdit:
    """Change one field of a milestone or initiative. An empty value (or ``-``) clears it.

    A moved deadline keeps the one first written as ``deadline_was`` (a postponement is a fact
    the office reports on); moving it back to that one drops ``deadline_was`` again. The plan is
    read again under its lock, so the old value is the one in the file now.
    """
    with plan_lock(plan.folder):
        return _set_field(load_plan(plan.folder, use_cache=False, keep_text=False), item_id, field, value)


def _set_field(plan: Plan, item_id: str, field: str, value: str) -> FieldEdit:
    initiative, milestone = _target(plan, item_id)
    allowed = MILESTONE_FIELDS if milestone is not None else INITIATIVE_FIELDS
    what = ProblemPart.ID_OF_MILESTONE if milestone is not None else ProblemPart.ID_OF_INITIATIVE
    if field == "done":
        raise UsageError(EditMsg.DONE_IS_NOT_SET, item_id=item_id)
    if field not in allowed:
        raise UsageError(UsageMsg.NO_SUCH_FIELD, what=what, item_id=item_id, field=field, allowed=", ".join(allowed))
    new = value.strip() or None
    if new == "-":
        new = None
    if new is None and field in REQUIRED_FIELDS:
        raise UsageError(EditMsg.FIELD_EMPTY, field=Phrase(field, _field_name(field, "zh")))
    if field == "assigned" and new is not None:
        try:
            date.fromisoformat(new)
        except ValueError:
            raise UsageError(EditMsg.ASSIGNED_NOT_A_DATE, new=new) from None
    values: list[tuple[str, str | None]] = [(field, new)]
    drop: tuple[str, ...] = ()
    old = _current(initiative, milestone, field)
    postponed: Message | str = ""
    if field == "deadline" and milestone is not None:
        resolved_phrase(new, plan.settings.year, assigned=milestone.assigned)
        if milestone.deadline_was is not None and new == milestone.deadline_was:
            drop = ("deadline_was",)  # back to the deadline first written
        elif milestone.deadline_was is None and old is not None and new != old:
            values.append(("deadline_was", old))
            postponed = Message(EditMsg.KEPT_AS_DEADLINE_WAS, old=old)
    if new == old:
        said = Message(EditMsg.FIELD_UNCHANGED, id=item_id, field=_field_phrase(field), old=old or EditMsg.EMPTY)
        unchanged = Outcome(item_id, initiative.file, said, False)
        return FieldEdit(unchanged, field, old, new)
    edit_plan_file(initiative.file, [Change(item_id, tuple(values), drop=drop)])
    said = Message(
        EditMsg.FIELD_CHANGED,
        id=item_id,
        field=_field_phrase(field),
        old=old or EditMsg.EMPTY_SHOWN,
        new=new or EditMsg.EMPTY_SHOWN,
        postponed=postponed,
    )
    changed = Outcome(item_id, initiative.file, said, True)
    return FieldEdit(changed, field, old, new)


# ---------------------------------------------------------------------------------------------
# Recording an edit in git (--commit, or commit: true in workplan.yaml)


def plan_language(settings: PlanSettings) -> str:
    """The language the plan is written in: ``language:`` in workplan.yaml, else its title's."""
    if settings.language:
        return settings.language
    return "zh" if re.search(r"[\u4e00-\u9fff]", settings.title) else "en"


def commit_message(settings: PlanSettings, kind: str, ids: Sequence[str], **fields: str) -> str:
    """The commit message of an edit, in the plan's language: 销号 2.1.1（2024-03-28）."""
    lang = plan_language(settings)
    if kind == "set":
        fields = {**fields, "field": _field_name(fields["field"], lang)}
    return tr(CommitMsg(f"commit.{kind}"), lang, ids=Listed(tuple(dict.fromkeys(ids))), **fields)


def commit_edit(plan: Plan, outcomes: Sequence[Outcome], kind: str, **fields: str) -> tuple[str, str] | None:
    """Commit the files the changed outcomes touched, and only those: (the new commit's id, its
    message), or None when nothing changed. Not in a git repository: GitError (exit 9)."""
    changed = [outcome for outcome in outcomes if outcome.changed]
    ids = [o.milestone_id for o in changed]
    return commit_files(plan.folder, plan.settings, [o.path for o in changed], kind, ids, **fields)


def commit_files(
    folder: Path, settings: PlanSettings, paths: Sequence[Path], kind: str, ids: Sequence[str] = (), **fields: str
) -> tuple[str, str] | None:
    """Commit ``paths`` (files an edit wrote, or a folder an import rewrote) with the message of
    ``kind`` in the plan's language; (commit id, message), or None when there was nothing to commit.
    A failure says the edit was made but not committed (GitError, exit 9)."""
    if not paths:
        return None
    message = commit_message(settings, kind, ids, **fields)
    try:
        commit = gitrepo.commit_paths(gitrepo.require_repository(folder), paths, message)
    except GitError as failure:
        files = ", ".join(sorted({str(path) for path in paths}))
        raise GitError(EditMsg.NOT_COMMITTED, files=files, failure=failure) from None
    return (commit, message) if commit is not None else None
