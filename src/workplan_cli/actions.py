"""Closing (销号), reopening and annotating milestones: which ones, whether it is allowed, then the edit.

Every decision is made on the plan as read under the plan's lock, held until the edit is written:
two `done` at once on one milestone give one "done" and one "already done", never two dates, and
an import or another edit cannot slip in between the check and the write.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from workplan_cli.editing import Change, edit_plan_file
from workplan_cli.errors import EditRefusedError, UnknownIdError, UsageError
from workplan_cli.i18n import EditMsg, Message
from workplan_cli.model import Initiative, Milestone, Plan
from workplan_cli.schedule import current_due, find_initiative


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one milestone, for the CLI to print."""

    milestone_id: str
    path: Path
    message: Message
    changed: bool

    def text(self, lang: str) -> str:
        return self.message.text(lang)


@contextlib.contextmanager
def _current(plan: Plan) -> Iterator[Plan]:
    """The plan as it is now, read again under its lock, which is held until the block ends.

    A caller that already holds the lock loaded ``plan`` under it (the CLI does, honouring
    --no-cache): that plan is used as it is.
    """
    from workplan_cli.planfiles import load_plan
    from workplan_cli.safewrite import holds_lock, plan_lock

    if holds_lock(plan.folder):
        yield plan
        return
    with plan_lock(plan.folder):
        yield load_plan(plan.folder, keep_text=False)


def _lookup(plan: Plan, item_id: str) -> tuple[Initiative, list[Milestone]]:
    """The milestones an id names: one for a milestone id, all of them for an initiative id.

    An id held by two files is refused: editing one of them would leave the other saying otherwise.
    """
    try:
        initiative = find_initiative(plan, item_id)
    except UnknownIdError as error:
        if plan.problems:
            raise _maybe_in_a_broken_file(plan, error) from None
        raise
    refuse_if_in_two_files(plan, item_id)
    if initiative.id == item_id:
        return initiative, list(initiative.milestones)
    return initiative, [m for m in initiative.milestones if m.id == item_id]


def refuse_if_in_two_files(plan: Plan, item_id: str) -> None:
    """An id held by two files is not edited: editing one would leave the other saying otherwise."""
    holders = sorted(
        {str(i.file) for i in plan.initiatives if i.id == item_id or any(m.id == item_id for m in i.milestones)}
    )
    if len(holders) > 1:
        raise EditRefusedError(EditMsg.ID_IN_TWO_FILES, item_id=item_id, n=len(holders), files=", ".join(holders))


def _maybe_in_a_broken_file(plan: Plan, error: UnknownIdError) -> EditRefusedError:
    """An unknown id in a plan with unreadable files: the id may be in one of them."""
    files = ", ".join(sorted({str(p.path) for p in plan.problems}))
    return EditRefusedError(EditMsg.MAYBE_IN_A_BROKEN_FILE, error=error, files=files)


def _select(
    plan: Plan,
    item_id: str,
    wanted: Callable[[Milestone], bool],
    every: bool,
    verb: EditMsg,
) -> tuple[Initiative, list[Milestone], list[Milestone]]:
    """(initiative, milestones to act on, milestones named but left alone)."""
    initiative, named = _lookup(plan, item_id)
    chosen = [m for m in named if wanted(m)]
    if item_id == initiative.id and len(chosen) > 1 and not every:
        listing = ", ".join(f"{m.id} ({m.phrase or 'ongoing'})" for m in chosen)
        raise UsageError(EditMsg.WHICH_MILESTONE, item_id=item_id, n=len(chosen), verb=verb, listing=listing)
    return initiative, chosen, [m for m in named if not wanted(m)]


def close(
    plan: Plan, item_id: str, *, on: date, today: date, note: str | None = None, every: bool = False
) -> list[Outcome]:
    """Record ``on`` as the done date. Already-closed milestones are left untouched and reported."""
    with _current(plan) as current:
        return _close(current, item_id, on=on, today=today, note=note, every=every)


def _close(plan: Plan, item_id: str, *, on: date, today: date, note: str | None, every: bool) -> list[Outcome]:
    if on > today:
        raise UsageError(EditMsg.DONE_ON_AFTER_TODAY, on=on.isoformat(), today=today.isoformat())
    if on.year < plan.settings.year:
        raise UsageError(EditMsg.ON_BEFORE_PLAN_YEAR, on=on.isoformat(), year=plan.settings.year)
    initiative, chosen, already = _select(plan, item_id, lambda m: m.done is None, every, EditMsg.VERB_CLOSE)
    outcomes = [
        Outcome(m.id, initiative.file, Message(EditMsg.ALREADY_DONE, id=m.id, done=m.done), False)
        for m in already
        if m.done is not None
    ]
    if chosen:
        changes, messages = [], []
        for m in chosen:
            note_entry = (on, note) if note else None
            if m.deadline.recurrence is not None:
                # Closing a recurring milestone closes the period `due` shows, not the cadence.
                _, period = current_due(m)
                changes.append(Change.closed_through(m.id, period, note_entry))
                messages.append(Message(EditMsg.PERIOD_CLOSED, id=m.id, period=period, on=on.isoformat()))
            else:
                changes.append(Change.done_on(m.id, on, note_entry))
                messages.append(Message(EditMsg.CLOSED, id=m.id, on=on.isoformat()))
        edit_plan_file(initiative.file, changes)
        outcomes += [Outcome(m.id, initiative.file, said, True) for m, said in zip(chosen, messages, strict=True)]
    return outcomes


def _reopenable(milestone: Milestone) -> bool:
    return milestone.done is not None or milestone.closed_through is not None


def reopen(plan: Plan, item_id: str, *, every: bool = False) -> list[Outcome]:
    """Remove a done date; for a recurring milestone, reopen its last closed period.

    The ``done:`` line goes altogether where the file's other milestones have none (`done` added
    it), and stays empty where they have one: either way done + reopen gives the bytes back.
    """
    with _current(plan) as current:
        return _reopen(current, item_id, every=every)


def _reopen(plan: Plan, item_id: str, *, every: bool) -> list[Outcome]:
    initiative, chosen, untouched = _select(plan, item_id, _reopenable, every, EditMsg.VERB_REOPEN)
    if not chosen:
        return [Outcome(m.id, initiative.file, Message(EditMsg.NOT_DONE, id=m.id), False) for m in untouched]
    changes, messages = [], []
    for m in chosen:
        if m.done is None and m.deadline.recurrence is not None:
            changes.append(Change.closed_through(m.id, _period_before(m)))
            messages.append(Message(EditMsg.PERIOD_REOPENED, id=m.id, period=m.closed_through))
        else:
            changes.append(Change.done_on(m.id, None))
            messages.append(Message(EditMsg.REOPENED, id=m.id))

    def in_the_files_style(raw: bytes) -> list[Change]:
        omits_done = _omits_done(raw)
        return [
            Change(c.milestone_id, drop=("done",))
            if c.values == (("done", None),) and omits_done(c.milestone_id)
            else c
            for c in changes
        ]

    edit_plan_file(initiative.file, in_the_files_style)
    return [Outcome(m.id, initiative.file, said, True) for m, said in zip(chosen, messages, strict=True)]


def _period_before(milestone: Milestone) -> str | None:
    """The period before the last closed one, or None when the first period was the last closed."""
    assert milestone.deadline.recurrence is not None
    previous = None
    for label, _ in milestone.deadline.recurrence.periods():
        if label >= (milestone.closed_through or ""):
            return previous
        previous = label
    return None


def _omits_done(raw: bytes) -> Callable[[str], bool]:
    """Whether the file's other milestones (most of them) are written without a ``done:`` line."""
    import yaml

    from workplan_cli.yamlnodes import YAML_LOADER

    try:
        root = yaml.compose(raw.decode("utf-8-sig"), Loader=YAML_LOADER)
    except (yaml.YAMLError, UnicodeDecodeError):
        return lambda _: False  # the edit itself names what is wrong with the file
    keys: dict[str, set[str]] = {}
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "milestones" and isinstance(value, yaml.SequenceNode):
                for item in value.value:
                    if isinstance(item, yaml.MappingNode):
                        names = {str(k.value) for k, _ in item.value}
                        ids = [
                            str(v.value) for k, v in item.value if k.value == "id" and isinstance(v, yaml.ScalarNode)
                        ]
                        keys[ids[0] if ids else ""] = names

    def omits(milestone_id: str) -> bool:
        others = [names for other, names in keys.items() if other != milestone_id]
        return bool(others) and sum("done" not in names for names in others) > len(others) / 2

    return omits


def add_note(plan: Plan, item_id: str, text: str, *, on: date, today: date) -> list[Outcome]:
    if not text.strip():
        raise UsageError(EditMsg.NOTE_EMPTY)
    if on > today:  # as `done` refuses: a note from the future is a typo, and reports would skip it
        raise UsageError(EditMsg.NOTE_ON_AFTER_TODAY, on=on.isoformat(), today=today.isoformat())
    with _current(plan) as current:
        return _add_note(current, item_id, text, on=on)


def _add_note(plan: Plan, item_id: str, text: str, *, on: date) -> list[Outcome]:
    initiative, chosen, _ = _select(plan, item_id, lambda m: True, False, EditMsg.VERB_NOTE)
    if not chosen:
        raise UnknownIdError(EditMsg.NO_MILESTONES, item_id=item_id)
    (milestone,) = chosen
    edit_plan_file(initiative.file, [Change(milestone.id, note=(on, text.strip()))])
    return [
        Outcome(milestone.id, initiative.file, Message(EditMsg.NOTE_ADDED, id=milestone.id, on=on.isoformat()), True)
    ]


def open_milestone_ids(plan: Plan) -> list[tuple[str, str]]:
    """(id, help) of every milestone not yet done, for shell completion of `done`."""
    return [(m.id, f"{m.phrase or 'ongoing'} {m.task[:40]}") for _, m in plan.milestones() if m.done is None]


def closed_milestone_ids(plan: Plan) -> list[tuple[str, str]]:
    """(id, help) of every closed milestone, for shell completion of `reopen`."""
    return [(m.id, f"done {m.done.isoformat()} {m.task[:40]}") for _, m in plan.milestones() if m.done is not None]


def every_id(plan: Plan) -> list[tuple[str, str]]:
    """(id, help) of every initiative and milestone in plan order, for completion of `show` and `note`."""
    ids: list[tuple[str, str]] = []
    for initiative in plan.initiatives:
        ids.append((initiative.id, initiative.title[:40]))
        ids += [(m.id, f"{m.phrase or 'ongoing'} {m.task[:40]}") for m in initiative.milestones]
    return ids
