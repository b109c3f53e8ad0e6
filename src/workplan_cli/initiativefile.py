"""The initiative schema: one initiative file's nodes into an ``Initiative``, its milestones and
notes (progress entries), each problem named with its line; roles assigned in workplan.yaml.

Built on ``yamlnodes`` (YAML with line numbers), ``writtenform`` (the form workplan writes, read
without YAML) and the deadline grammar; ``planfiles`` reads a whole folder with it.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workplan_cli.deadlines import OPEN_ENDED, Deadline, DeadlineError, period_start, resolve_deadline
from workplan_cli.i18n import ProblemCode, ProblemPart
from workplan_cli.model import Initiative, Milestone, Note, Problem, Roles, parse_day
from workplan_cli.workcalendar import WorkCalendar
from workplan_cli.writtenform import Values, read_flat

if TYPE_CHECKING:
    import yaml

    from workplan_cli.yamlnodes import Fields, NodeReader

ROLE_KEYS = ("lead", "co_units", "leader")  # 牵头单位, 配合单位, 责任领导: on an initiative, or a milestone's own
INITIATIVE_KEYS = ("id", "section", "title", "owner", *ROLE_KEYS, "text", "milestones")
MILESTONE_KEYS = (
    "id",
    "deadline",
    "task",
    "done",
    "owner",
    *ROLE_KEYS,
    "done_requested",
    "notes",
    "assigned",
    "closed_through",
    "deadline_was",
    "carried_from",
)
# A progress entry (进展情况) is a note with these fields; `text` may then be left out.
ENTRY_KEYS = ("by", "period", "progress", "problems", "next", "percent", "evidence")
NOTE_KEYS = ("date", "text", *ENTRY_KEYS)


def load_initiative(
    path: Path | str,
    text: str,
    plan_year: int,
    problems: list[Problem],
    *,
    keep_text: bool = True,
) -> Initiative | None:
    """One initiative file, or None when it is too broken to use. Problems are appended."""
    written = _as_written(str(path), text, plan_year, keep_text)
    return written if written is not None else _read_nodes(Path(path), text, plan_year, problems, keep_text)


def _read_nodes(path: Path, text: str, plan_year: int, problems: list[Problem], keep_text: bool) -> Initiative | None:
    """``load_initiative`` through YAML nodes, for any file: every problem found, with its line.

    PyYAML and the node reader are imported here, when a file needs them: a plan all in the
    written form is read without them."""
    from workplan_cli.yamlnodes import FileBroken, NodeReader, compose, line_of

    reader = NodeReader(path, problems)
    try:
        node = compose(path, text)
    except FileBroken as broken:
        problems.append(broken.problem)
        return None
    if "!" in text and not reader.check_tags(node):  # a tag needs a "!": most files need no walk
        return None
    fields = reader.mapping(node, ProblemPart.INITIATIVE_FILE, INITIATIVE_KEYS)
    if fields is None:
        return None
    initiative_id = reader.text(fields, "id", required=True)
    title = reader.text(fields, "title", required=True)
    milestone_nodes = reader.sequence(fields, "milestones")
    if "milestones" not in fields or not milestone_nodes:
        reader.problem(fields.get("milestones", node), ProblemCode.NO_MILESTONES)
    if initiative_id is None or title is None:
        return None
    milestones = []
    for item in milestone_nodes:
        milestone = _milestone(reader, item, initiative_id, plan_year)
        if milestone is not None:
            milestones.append(milestone)
    _check_unique(reader, [(m.id, m.line) for m in milestones])
    return Initiative(
        id=initiative_id,
        # Interned: a plan of 100,000 initiatives repeats a dozen section headings and owners.
        section=sys.intern(reader.text(fields, "section") or ""),
        title=title,
        owner=sys.intern(reader.text(fields, "owner") or ""),
        text=(reader.text(fields, "text") or "") if keep_text else "",
        milestones=tuple(milestones),
        path=str(path),
        line=line_of(fields["id"]),
        **_roles(reader, fields),
    )


# What the written form's straight reading takes: every other key (notes, assigned, co_units,
# closed_through, ...) sends the file through the node reader.
_PLAIN_INITIATIVE_KEYS = frozenset(("id", "section", "title", "owner", "lead", "leader", "text"))
_PLAIN_MILESTONE_KEYS = frozenset(MILESTONE_KEYS) - {"notes", "assigned", "co_units", "closed_through"}
_FILE_KEYS = _PLAIN_INITIATIVE_KEYS | {"milestones"}


def _as_written(path: str, text: str, plan_year: int, keep_text: bool) -> Initiative | None:
    """The initiative of a file in the form workplan writes, read straight from its lines (without
    YAML nodes) when the node reader would find no problem in it; None for anything else, which
    the node reader then reads, problems and all. A cold load of a large plan is mostly this.

    Each value is what the node reader takes from the same text (yamlfast.read_flat gives exactly
    its scalars); tests compare the two readings on every initiative file of the repository and
    thousands of mutations of them.
    """
    flat = read_flat(text)
    if flat is None:
        return None
    values, rows, lists = flat
    if not _FILE_KEYS.issuperset(rows) and not all(k in _FILE_KEYS or k.startswith("x-") for k in rows):
        return None
    for key in lists:  # only the milestones are a list (x- keys are not read)
        if key != "milestones" and not key.startswith("x-"):
            return None
    items = lists.get("milestones")
    initiative_id, title = values.get("id"), values.get("title")
    if not items or initiative_id is None or title is None:
        return None
    prefix = f"{initiative_id}."
    milestones: list[Milestone] = []
    ids: set[str] = set()
    for row, item in items:
        milestone = _milestone_as_written(item, row, prefix, plan_year)
        if milestone is None or milestone.id in ids:
            return None
        ids.add(milestone.id)
        milestones.append(milestone)
    return Initiative(
        id=initiative_id,
        section=sys.intern(values.get("section") or ""),
        title=title,
        owner=sys.intern(values.get("owner") or ""),
        text=(values.get("text") or "") if keep_text else "",
        milestones=tuple(milestones),
        path=path,
        line=rows["id"] + 1,
        lead=sys.intern(values.get("lead") or ""),
        co_units=(),
        leader=sys.intern(values.get("leader") or ""),
    )


def _milestone_as_written(item: Values, row: int, prefix: str, plan_year: int) -> Milestone | None:
    """A milestone of the written form with nothing to report, as ``_milestone`` reads it; else None."""
    if not _PLAIN_MILESTONE_KEYS.issuperset(item) and not all(
        k in _PLAIN_MILESTONE_KEYS or k.startswith("x-") for k in item
    ):
        return None
    milestone_id, task, phrase = item.get("id"), item.get("task"), item.get("deadline")
    if milestone_id is None or not task or not task.strip() or not milestone_id.startswith(prefix):
        return None
    deadline: Deadline = OPEN_ENDED
    if phrase is not None and phrase.strip():
        try:
            deadline = _resolve_shared(phrase, plan_year)
        except DeadlineError:
            return None
        if deadline.note:
            return None
    try:
        done = parse_day(raw.strip()) if (raw := item.get("done")) else None
        done_requested = parse_day(raw.strip()) if (raw := item.get("done_requested")) else None
    except ValueError:
        return None
    return Milestone(
        id=milestone_id,
        phrase=sys.intern(phrase) if phrase and phrase.strip() else None,
        deadline=deadline,
        task=task.strip(),
        done=done,
        owner=item.get("owner") or "",
        line=row + 1,
        deadline_was=item.get("deadline_was") or None,
        carried_from=item.get("carried_from") or None,
        done_requested=done_requested,
        lead=sys.intern(item.get("lead") or ""),
        leader=sys.intern(item.get("leader") or ""),
    )


def _roles(reader: NodeReader, fields: Fields) -> dict[str, Any]:
    """lead, co_units (text or a list), leader; names interned, as a plan repeats a few dozen units."""
    if "lead" not in fields and "co_units" not in fields and "leader" not in fields:
        return _NO_ROLES  # most initiatives and milestones: spared four reads of absent keys
    co_units = reader.unit_list(fields, "co_units", "'co_units'")
    return {
        "lead": sys.intern(reader.text(fields, "lead") or ""),
        "co_units": tuple(sys.intern(unit) for unit in co_units),
        "leader": sys.intern(reader.text(fields, "leader") or ""),
    }


_NO_ROLES: dict[str, Any] = {"lead": "", "co_units": (), "leader": ""}


def _milestone(reader: NodeReader, node: yaml.Node, initiative_id: str, plan_year: int) -> Milestone | None:
    from workplan_cli.yamlnodes import line_of  # (see _read_nodes)

    fields = reader.mapping(node, ProblemPart.MILESTONE, MILESTONE_KEYS)
    if fields is None:
        return None
    milestone_id = reader.text(fields, "id", required=True)
    task = reader.text(fields, "task")
    if not task or not task.strip():
        reader.problem(fields.get("task", node), ProblemCode.NO_TASK, id=milestone_id or "?")
        return None
    if milestone_id is None:
        return None
    if not milestone_id.startswith(f"{initiative_id}."):
        reader.problem(fields["id"], ProblemCode.MILESTONE_ID_PREFIX, id=milestone_id, initiative=initiative_id)
    phrase = reader.text(fields, "deadline")
    # The keys below are absent from most milestones: each is read only when present (reading an
    # absent key gives None and no problem), which a large plan's load feels.
    assigned = reader.date(fields, "assigned") if "assigned" in fields else None
    deadline: Deadline = OPEN_ENDED
    if phrase is not None and phrase.strip():
        try:
            deadline = (
                _resolve_shared(phrase, plan_year)
                if assigned is None
                else resolve_deadline(phrase, plan_year, work_calendar=calendar_for(plan_year), assigned=assigned)
            )
        except DeadlineError as err:
            reason = err.said
            reader.problem(
                fields["deadline"], ProblemCode.BAD_DEADLINE, id=milestone_id, phrase=err.phrase, reason=reason
            )
            return None
        if deadline.note:
            # Loaded with the repaired date, but reported until a person confirms it in the file.
            reader.problem(
                fields["deadline"], ProblemCode.DAMAGED_DEADLINE, id=milestone_id, phrase=phrase, repair=deadline.note
            )
    notes = []
    for note_node in reader.sequence(fields, "notes") if "notes" in fields else ():
        note = _note(reader, note_node)
        if note is not None:
            notes.append(note)
    closed_through = reader.text(fields, "closed_through") if "closed_through" in fields else None
    if closed_through is not None and not _is_period_of(deadline, closed_through):
        reader.problem(
            fields["closed_through"],
            ProblemCode.BAD_CLOSED_THROUGH,
            id=milestone_id,
            example=_period_example(deadline),
            raw=closed_through,
        )
        closed_through = None
    return Milestone(
        id=milestone_id,
        phrase=sys.intern(phrase) if phrase and phrase.strip() else None,
        deadline=deadline,
        task=task.strip(),
        done=reader.date(fields, "done"),
        owner=(reader.text(fields, "owner") or "") if "owner" in fields else "",
        notes=tuple(notes),
        line=line_of(node),
        assigned=assigned,
        closed_through=closed_through,
        deadline_was=(reader.text(fields, "deadline_was") or None) if "deadline_was" in fields else None,
        carried_from=(reader.text(fields, "carried_from") or None) if "carried_from" in fields else None,
        done_requested=reader.date(fields, "done_requested") if "done_requested" in fields else None,
        **_roles(reader, fields),
    )


def with_assigned_roles(initiative: Initiative, assign: Mapping[str, Roles]) -> Initiative:
    """Roles from ``assign:`` in workplan.yaml where the file names none: a milestone's own entry, else its
    initiative's, else its section's. Roles written in the initiative file always win."""
    inherited = [assign[key] for key in (initiative.id, initiative.id.split(".")[0]) if key in assign]

    def pick(own: Any, attribute: str, sources: list[Roles]) -> Any:
        return own or next((getattr(s, attribute) for s in sources if getattr(s, attribute)), own)

    milestones = tuple(
        m._replace(
            lead=pick(m.lead, "lead", [assign[m.id]]),
            co_units=pick(m.co_units, "co_units", [assign[m.id]]),
            leader=pick(m.leader, "leader", [assign[m.id]]),
        )
        if m.id in assign
        else m
        for m in initiative.milestones
    )
    return initiative._replace(
        lead=pick(initiative.lead, "lead", inherited),
        co_units=pick(initiative.co_units, "co_units", inherited),
        leader=pick(initiative.leader, "leader", inherited),
        milestones=milestones,
    )


def _note(reader: NodeReader, node: yaml.Node) -> Note | None:
    """A dated note; with the fields of a progress entry (by, period, progress, …) its text is optional."""
    fields = reader.mapping(node, ProblemPart.NOTE, NOTE_KEYS)
    if fields is None:
        return None
    on, text = reader.date(fields, "date"), reader.text(fields, "text")
    is_entry = any(key in fields for key in ENTRY_KEYS)
    if on is None or (text is None and not is_entry):
        reader.problem(node, ProblemCode.INCOMPLETE_NOTE)
        return None
    progress = reader.text(fields, "progress") or ""
    percent = None
    if (raw := reader.text(fields, "percent")) is not None:
        percent = int(raw) if raw.strip().isdigit() and int(raw) <= 100 else None
        if percent is None:
            reader.problem(fields["percent"], ProblemCode.BAD_PERCENT, raw=raw)
    period = reader.text(fields, "period") or ""
    if period and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2]|Q[1-4])", period):
        reader.problem(fields["period"], ProblemCode.BAD_PERIOD, raw=period)
    evidence = reader.text_list(fields["evidence"], "'evidence'") if "evidence" in fields else ()
    return Note(
        on,
        text if text is not None else progress,
        progress=progress,
        problems=reader.text(fields, "problems") or "",
        next=reader.text(fields, "next") or "",
        percent=percent,
        evidence=evidence,
        by=sys.intern(reader.text(fields, "by") or ""),
        period=period,
    )


def _resolve_shared(phrase: str, plan_year: int) -> Deadline:
    """A large plan repeats a few dozen phrases (3月底前…) thousands of times: resolve each once,
    and share the frozen result (less memory too); a phrase this run already knows the meaning of
    (see ``remember_deadlines``) is not resolved at all."""
    known = _KNOWN.get((phrase, plan_year))
    return known if known is not None else _resolve_once(phrase, plan_year)


@functools.lru_cache(maxsize=8192)
def _resolve_once(phrase: str, plan_year: int) -> Deadline:
    return resolve_deadline(phrase, plan_year, work_calendar=calendar_for(plan_year))


_KNOWN: dict[tuple[str, int], Deadline] = {}


def remember_deadlines(initiatives: Iterable[Initiative | None], plan_year: int) -> None:
    """What the phrases of these initiatives (as the cache stored them, for this plan year and this
    build of workplan) mean, for the files read again now: a file edited by hand usually keeps its
    phrases, and then the run after the edit compiles none of the grammar's patterns (a few ms).
    A phrase resolved with its ``assigned`` day is not shared, as it is not when read."""
    for initiative in initiatives:
        for milestone in initiative.milestones if initiative is not None else ():
            if milestone.phrase is not None and milestone.assigned is None:
                _KNOWN[(milestone.phrase, plan_year)] = milestone.deadline


def _is_period_of(deadline: Deadline, label: str) -> bool:
    recurrence = deadline.recurrence
    if recurrence is None:
        return False
    try:
        return recurrence.period_of(period_start(label)) == label
    except ValueError:
        return False


def _period_example(deadline: Deadline) -> str | ProblemPart:
    if deadline.recurrence is None:
        return ProblemPart.A_RECURRING_DEADLINE
    return next(deadline.recurrence.periods())[0]


def _check_unique(reader: NodeReader, ids: list[tuple[str, int]]) -> None:
    """Milestone ids used twice in the file (each milestone's line: the "- " of its item)."""
    first_line: dict[str, int] = {}
    for item_id, line in ids:
        if item_id in first_line:
            fields = {"id": item_id, "first": first_line[item_id]}
            reader.problems.append(Problem(ProblemCode.DUPLICATE_MILESTONE_ID, reader.path, line, 0, fields))
        else:
            first_line[item_id] = line


_CALENDARS: dict[int, WorkCalendar] = {}


def calendar_for(plan_year: int) -> WorkCalendar:
    """One working calendar per plan year and process; it loads the holiday data only when asked."""
    return _CALENDARS.setdefault(plan_year, WorkCalendar([plan_year]))
