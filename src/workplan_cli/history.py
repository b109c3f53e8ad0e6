"""The plan's history in words, read from git: closed on …, reopened, deadline moved from … to ….

Each commit that touched the plan is compared with its first parent: both versions of every file
it changed are read (``git cat-file``), each file is reduced to the fields of its initiative and
milestones by id, and the two states are compared id by id. Comparing by id rather than by file
means a renamed file, or a milestone moved to another file, is not mistaken for a deletion and an
addition. One initiative's history follows its file through renames (``git log --follow``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from workplan_cli import gitrepo
from workplan_cli.i18n import ChangeKind, FieldName, tr
from workplan_cli.model import Plan

_NULL = "tag:yaml.org,2002:null"
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Keys whose change is told with its own words; any other key is told as "KEY changed from A to B".
# deadline_was and carried_from only record what a deadline move or a rollover already says.
_SILENT = frozenset({"id", "notes", "deadline_was", "carried_from", "milestones", "text"})


def field_name(key: str) -> FieldName | str:
    """What the field is called in the interface (the key itself for one without a name)."""
    try:
        return FieldName(f"fieldname.{key}")
    except ValueError:
        return key


@dataclass(frozen=True, slots=True)
class ItemChange:
    """One change to one initiative or milestone."""

    item_id: str
    kind: str  # a ChangeKind's value
    before: str | None = None
    after: str | None = None
    key: str = ""  # the field, for field.* kinds

    def text(self, lang: str) -> str:
        return tr(ChangeKind(self.kind), lang, before=self.before, after=self.after, key=field_name(self.key))

    def as_json(self, lang: str) -> dict[str, Any]:
        return {
            "id": self.item_id,
            "change": self.kind,
            "field": self.key or None,
            "from": self.before,
            "to": self.after,
            "text": self.text(lang),
        }


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """A commit that changed the plan, and what it changed."""

    commit: str
    when: datetime
    author: str
    email: str
    subject: str
    changes: tuple[ItemChange, ...]

    def as_json(self, lang: str) -> dict[str, Any]:
        return {
            "commit": self.commit,
            "date": self.when.isoformat(),
            "author": self.author,
            "email": self.email,
            "subject": self.subject,
            "changes": [change.as_json(lang) for change in self.changes],
        }


# ---------------------------------------------------------------------------------------------
# One version of one file, reduced to fields by id


@dataclass
class _State:
    """The fields of each initiative and milestone in some files, in file order."""

    items: dict[str, dict[str, Any]] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)  # files of this side that did not parse


def _scalar(node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return None if node.tag == _NULL or node.value == "" else str(node.value)
    if isinstance(node, yaml.SequenceNode):
        return tuple(_scalar(item) for item in node.value)
    if isinstance(node, yaml.MappingNode):
        return tuple((str(k.value), _scalar(v)) for k, v in node.value if isinstance(k, yaml.ScalarNode))
    return None


def _fields(node: yaml.MappingNode) -> dict[str, Any]:
    return {str(k.value): v for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def _read_version(path: str, data: bytes, state: _State) -> None:
    """Add the initiative and milestones of one file version to ``state``."""
    try:
        root = yaml.compose(data.decode("utf-8").removeprefix("\ufeff"), Loader=_LOADER)
    except (UnicodeDecodeError, yaml.YAMLError):
        root = None
    if not isinstance(root, yaml.MappingNode) or not isinstance(_fields(root).get("id"), yaml.ScalarNode):
        state.unreadable.append(path)
        return
    fields = _fields(root)
    initiative = {key: _scalar(value) for key, value in fields.items() if key != "milestones"}
    initiative["file"] = path
    state.items.setdefault(str(initiative["id"]), initiative)
    milestones = fields.get("milestones")
    for item in milestones.value if isinstance(milestones, yaml.SequenceNode) else []:
        if isinstance(item, yaml.MappingNode) and isinstance(_fields(item).get("id"), yaml.ScalarNode):
            milestone = {key: _scalar(value) for key, value in _fields(item).items()}
            milestone["file"] = path
            state.items.setdefault(str(milestone["id"]), milestone)


# ---------------------------------------------------------------------------------------------
# Two states compared


def _is_milestone(fields: dict[str, Any]) -> bool:
    return "task" in fields or "deadline" in fields


def _summary(fields: dict[str, Any]) -> str:
    if not _is_milestone(fields):
        return str(fields.get("title") or fields.get("id"))
    task = str(fields.get("task") or "")
    short = task if len(task) <= _SHORT else task[: _SHORT - 1] + "…"  # the log is read line by line
    return f"{fields.get('deadline') or '—'} {short}".strip()


_SHORT = 40


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, tuple):
        return "、".join(str(v) for v in value if v is not None) or None
    return str(value)


def _note_label(note: Any) -> str:
    fields = dict(note) if isinstance(note, tuple) and all(isinstance(p, tuple) for p in note) else {}
    said = fields.get("text") or fields.get("progress") or ""
    return f"{fields.get('date') or '?'}: {said}" if said else str(fields.get("date") or "?")


def compare(item_id: str, old: dict[str, Any], new: dict[str, Any]) -> list[ItemChange]:
    """What changed in one initiative or milestone, in words (as ChangeKinds)."""
    changes: list[ItemChange] = []
    if _is_milestone(new) or _is_milestone(old):
        changes += _lifecycle(item_id, old, new)
        notes_before = list(old.get("notes") or ())
        notes_after = list(new.get("notes") or ())
        changes += [
            ItemChange(item_id, "note.added", after=_note_label(n)) for n in notes_after if n not in notes_before
        ]
        changes += [
            ItemChange(item_id, "note.removed", before=_note_label(n)) for n in notes_before if n not in notes_after
        ]
        if old.get("task") != new.get("task"):
            changes.append(ItemChange(item_id, "task.changed", _text(old.get("task")), _text(new.get("task"))))
    else:
        if old.get("file") != new.get("file"):
            changes.append(ItemChange(item_id, "file.renamed", old.get("file"), new.get("file")))
        if old.get("title") != new.get("title"):
            changes.append(ItemChange(item_id, "title.changed", _text(old.get("title")), _text(new.get("title"))))
    told = {"done", "closed_through", "deadline", "task", "title", "file"}
    for key in [k for k in {**old, **new} if k not in told and k not in _SILENT]:
        before, after = _text(old.get(key)), _text(new.get(key))
        if before == after:
            continue
        kind = "field.changed" if before and after else "field.set" if after else "field.cleared"
        changes.append(ItemChange(item_id, kind, before, after, key))
    return changes


def _lifecycle(item_id: str, old: dict[str, Any], new: dict[str, Any]) -> list[ItemChange]:
    changes = []
    pairs = (
        ("done", ("closed", "reopened", "done.changed")),
        ("closed_through", ("period.closed", "period.reopened", "period.closed")),
        ("deadline", ("deadline.set", "deadline.removed", "deadline.moved")),
    )
    for key, (when_set, when_cleared, when_changed) in pairs:
        before, after = _text(old.get(key)), _text(new.get(key))
        if before == after:
            continue
        kind = when_changed if before and after else when_set if after else when_cleared
        changes.append(ItemChange(item_id, kind, before, after))
    return changes


def compare_states(old: _State, new: _State, unsure: set[str]) -> list[ItemChange]:
    """Every change between two states, in file order: changed and added items, then removed ones.

    ``unsure``: files with a version that could not be read. Their items are compared where both
    versions have them, but not reported as added or removed: the file was broken, not emptied.
    """
    changes = [ItemChange(path, "file.unreadable", after=path) for path in new.unreadable]
    for item_id, fields in new.items.items():
        before = old.items.get(item_id)
        if before is not None:
            changes += compare(item_id, before, fields)
        elif fields["file"] not in unsure:
            origin = fields.get("carried_from")
            kind = "added.carried" if origin else "added.milestone" if _is_milestone(fields) else "added.initiative"
            changes.append(ItemChange(item_id, kind, _text(origin), _summary(fields)))
    for item_id, fields in old.items.items():
        if item_id not in new.items and fields["file"] not in unsure:
            kind = "removed.milestone" if _is_milestone(fields) else "removed.initiative"
            changes.append(ItemChange(item_id, kind, _summary(fields)))
    return changes


# ---------------------------------------------------------------------------------------------
# Reading the log


def _is_plan_file(path: str, prefix: str) -> bool:
    inside = path[len(prefix) + 1 :] if prefix else path
    name = inside.rsplit("/", 1)[-1]
    return (
        inside != "workplan.yaml"
        and name.endswith((".yaml", ".yml"))
        and not any(part.startswith(".") for part in inside.split("/"))
    )


def _concerns(change: ItemChange, wanted: str | None) -> bool:
    """Whether a change belongs to the history asked for: the item, what belongs to it, and the
    renaming of the file that holds it."""
    if wanted is None or change.item_id == wanted or change.item_id.startswith(wanted + "."):
        return True
    return wanted.startswith(change.item_id + ".") and change.kind == "file.renamed"


def plan_history(plan: Plan, item_id: str | None = None) -> list[HistoryEntry]:
    """The commits that changed the plan (or the item ``item_id`` and what belongs to it), newest first.

    An initiative or milestone id follows the initiative's file back through renames; an id that
    is no longer in the plan is looked for in the history of the whole folder.
    """
    repo = gitrepo.require_repository(plan.folder)
    exact = (
        [i for i in plan.initiatives if i.id == item_id or any(m.id == item_id for m in i.milestones)]
        if item_id
        else []
    )
    holder = exact[0] if exact else None
    if holder is not None:
        commits = gitrepo.path_log(repo, repo.relative(holder.file), follow=True)
    else:
        commits = gitrepo.path_log(repo, repo.prefix or ".", follow=False)
    timezone = ZoneInfo(plan.settings.timezone)
    return [
        HistoryEntry(c.commit, c.when.astimezone(timezone), c.author, c.email, c.subject, tuple(changes))
        for c, changes in zip(commits, _changes_of(repo, commits, item_id), strict=True)
        if changes
    ]


def _changes_of(
    repo: gitrepo.PlanInRepository, commits: Sequence[gitrepo.CommitInfo], item_id: str | None
) -> Iterable[list[ItemChange]]:
    wanted: list[str] = []
    for commit in commits:
        for change in commit.files:
            if change.before and commit.parent and _is_plan_file(change.before, repo.prefix):
                wanted.append(f"{commit.parent}:{change.before}")
            if change.after and _is_plan_file(change.after, repo.prefix):
                wanted.append(f"{commit.commit}:{change.after}")
    blobs = gitrepo.read_blobs(repo, wanted)
    for commit in commits:
        old, new = _State(), _State()
        unsure: set[str] = set()
        for change in commit.files:
            broken = len(old.unreadable) + len(new.unreadable)
            if change.before and commit.parent and (data := blobs.get(f"{commit.parent}:{change.before}")) is not None:
                _read_version(change.before, data, old)
            if change.after and (data := blobs.get(f"{commit.commit}:{change.after}")) is not None:
                _read_version(change.after, data, new)
            if len(old.unreadable) + len(new.unreadable) > broken:
                unsure.update(path for path in (change.before, change.after) if path)
        changes = [
            c
            for c in compare_states(old, new, unsure)
            if _concerns(c, item_id) or (c.kind == "file.unreadable" and item_id is None)
        ]
        yield _without_milestones_of_new_initiatives(changes, item_id)


def _without_milestones_of_new_initiatives(changes: list[ItemChange], item_id: str | None) -> list[ItemChange]:
    """A new initiative is one line, not one more per milestone it came with (unless one of those
    milestones is what was asked for)."""
    new = {c.item_id for c in changes if c.kind == "added.initiative"}
    if not new or (item_id is not None and item_id not in new):
        return changes
    return [c for c in changes if not (c.kind == "added.milestone" and c.item_id.rsplit(".", 1)[0] in new)]
