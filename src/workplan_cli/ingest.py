"""Returned progress forms into progress notes: check each form, decide what changes, then write.

``plan_ingest`` is pure: it compares the forms (already read by ``formreading.read_form``) with the plan
as of ``today`` and sorts every answered row into what will be written, what is already recorded
(ingesting a form twice adds nothing), and conflicts (the milestone changed after the form was
made: reported, never overwritten). A form with any problem (a changed locked cell, an unknown or
foreign id, a percent over 100, a date that is not a date, other answers for a period already
ingested) is refused whole. ``apply_ingest`` writes through ``editing``: byte-minimal, locked edits.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from workplan_cli.actions import refuse_if_in_two_files
from workplan_cli.editing import Change, NoteValue, edit_plan_file
from workplan_cli.errors import UsageError
from workplan_cli.formreading import FormProblem, FormRow, ReturnedForm
from workplan_cli.forms import milestone_state
from workplan_cli.i18n import FormMsg, Message
from workplan_cli.model import Initiative, Milestone, Note, Plan
from workplan_cli.schedule import Entry, current_due, find_initiative
from workplan_cli.supervision import entry_of, parse_period


@dataclass(frozen=True, slots=True)
class Planned:
    """One row's answer, to be written into one milestone."""

    form: Path
    unit: str
    period: str
    row: FormRow
    initiative: Initiative
    milestone: Milestone
    change: Change
    closes: date | None  # --accept: the done date written
    requests: date | None  # the 销号 request recorded as done_requested


@dataclass(frozen=True, slots=True)
class Skipped:
    """A row not written, and why: already recorded, or a conflict."""

    form: Path
    cell: str
    milestone_id: str
    message: Message

    def text(self, lang: str) -> str:
        return f"{self.form}:{self.cell}: {self.message.text(lang)}"


@dataclass
class IngestPlan:
    writes: list[Planned] = field(default_factory=list)
    unchanged: list[Skipped] = field(default_factory=list)
    conflicts: list[Skipped] = field(default_factory=list)
    warnings: list[Skipped] = field(default_factory=list)  # written all the same: evidence not found yet
    refused: list[tuple[Path, list[FormProblem]]] = field(default_factory=list)
    forms: list[tuple[Path, str, str]] = field(default_factory=list)  # (file, unit, period) accepted for reading


def entry_fields(row: FormRow, unit: str, period: str) -> tuple[tuple[str, NoteValue], ...]:
    """The note's keys for a row's answer, in the order written; empty answers are left out."""
    fields: list[tuple[str, NoteValue]] = [("by", unit), ("period", period)]
    fields += [(key, value) for key, value in (("progress", row.progress), ("problems", row.problems)) if value]
    fields += [("next", row.next)] if row.next else []
    fields += [("percent", str(row.percent))] if row.percent is not None else []
    fields += [("evidence", row.evidence)] if row.evidence else []
    return tuple(fields)


def _same_answer(note: Note, row: FormRow) -> bool:
    return (note.progress, note.problems, note.next, note.percent, note.evidence) == (
        row.progress,
        row.problems,
        row.next,
        row.percent,
        row.evidence,
    )


def plan_ingest(
    plan: Plan,
    entries: Sequence[Entry],
    forms: Sequence[ReturnedForm],
    today: date,
    *,
    accept: bool = False,
    evidence: Collection[str] | None = None,
) -> IngestPlan:
    """What ingesting ``forms`` would do. ``entries``: the plan scheduled as of ``today``; ``evidence``:
    the files under plan/evidence/ (relative paths), to warn of named evidence not there yet."""
    result = IngestPlan()
    by_id = {entry.milestone.id: entry for entry in entries}
    claimed: dict[str, Path] = {}  # milestone+unit+period -> the form that answers it, across forms
    for form in forms:
        problems = list(form.problems)
        writes: list[Planned] = []
        unchanged: list[Skipped] = []
        conflicts: list[Skipped] = []
        facts = form.facts
        if facts is not None and (facts.plan, facts.year) != (plan.settings.title, plan.settings.year):
            problems.append(
                FormProblem(
                    "",
                    Message(FormMsg.ANOTHER_PLAN, plan=facts.plan, year=facts.year),
                )
            )
        if facts is None or problems:
            result.refused.append((form.path, problems))
            continue
        period = parse_period(facts.period).label
        for row in form.rows:
            entry = by_id.get(row.milestone_id)
            if entry is None:
                problems.append(
                    FormProblem(
                        row.cell("id"),
                        Message(FormMsg.NO_SUCH_MILESTONE, milestone_id=row.milestone_id),
                    )
                )
                continue
            if facts.unit not in entry.units:
                problems.append(
                    FormProblem(
                        row.cell("id"),
                        Message(FormMsg.FOREIGN_MILESTONE, milestone_id=row.milestone_id, unit=facts.unit),
                    )
                )
                continue
            if row.is_empty:
                continue
            problems += _date_problems(row, plan, today)
            key = f"{row.milestone_id}\x1f{facts.unit}\x1f{period}"
            if key in claimed:
                problems.append(
                    FormProblem(
                        row.cell("id"),
                        Message(
                            FormMsg.ANSWER_TWICE,
                            unit=facts.unit,
                            milestone_id=row.milestone_id,
                            period=period,
                            other=claimed[key],
                        ),
                    )
                )
                continue
            claimed[key] = form.path
            milestone = entry.milestone
            recorded = entry_of(milestone.notes, facts.unit, period)
            if recorded is not None:
                if _same_answer(recorded, row):
                    unchanged.append(
                        Skipped(
                            form.path,
                            row.cell("id"),
                            row.milestone_id,
                            Message(FormMsg.ALREADY_RECORDED_UNCHANGED, milestone_id=row.milestone_id, on=recorded.on),
                        )
                    )
                else:
                    problems.append(
                        FormProblem(
                            row.cell("progress"),
                            Message(
                                FormMsg.REPORTED_OTHERWISE,
                                unit=facts.unit,
                                milestone_id=row.milestone_id,
                                period=period,
                                on=recorded.on,
                            ),
                        )
                    )
                continue
            if row.state != milestone_state(entry):
                conflicts.append(
                    Skipped(
                        form.path,
                        row.cell("id"),
                        row.milestone_id,
                        Message(FormMsg.CHANGED_SINCE_MADE, milestone_id=row.milestone_id, made=facts.made),
                    )
                )
                continue
            writes.append(_planned(form.path, facts.unit, period, row, entry, today, accept))
        if problems:
            result.refused.append((form.path, problems))
            continue
        result.forms.append((form.path, facts.unit, period))
        result.writes += writes
        result.unchanged += unchanged
        result.conflicts += conflicts
        if evidence is not None:
            result.warnings += [w for item in writes for w in _missing_evidence(item, evidence)]
    return result


def _missing_evidence(item: Planned, present: Collection[str]) -> list[Skipped]:
    """Evidence named as a file (not a link) that is not under plan/evidence/."""
    return [
        Skipped(
            item.form,
            item.row.cell("evidence"),
            item.milestone.id,
            Message(FormMsg.EVIDENCE_MISSING, id=item.milestone.id, name=name),
        )
        for name in item.row.evidence
        if "://" not in name and name not in present and not any(Path(p).name == name for p in present)
    ]


def _date_problems(row: FormRow, plan: Plan, today: date) -> list[FormProblem]:
    day = row.done_request
    if day is None:
        return []
    if day > today:
        return [
            FormProblem(
                row.cell("done_request"),
                Message(FormMsg.REQUEST_AFTER_TODAY, day=day, today=today),
            )
        ]
    if day.year < plan.settings.year:
        return [
            FormProblem(
                row.cell("done_request"),
                Message(FormMsg.REQUEST_BEFORE_PLAN_YEAR, day=day, year=plan.settings.year),
            )
        ]
    return []


def _planned(path: Path, unit: str, period: str, row: FormRow, entry: Entry, today: date, accept: bool) -> Planned:
    milestone = entry.milestone
    values: list[tuple[str, str | None]] = []
    closes = requests = None
    if row.done_request is not None and milestone.done is None:
        if accept:
            closes = row.done_request
            values.append(closing_value(milestone, closes))
            if milestone.done_requested is not None:
                values.append(("done_requested", None))
        elif milestone.done_requested != row.done_request:
            requests = row.done_request
            values.append(("done_requested", requests.isoformat()))
    change = Change(milestone.id, tuple(values), (today, ""), entry_fields(row, unit, period))
    return Planned(path, unit, period, row, entry.initiative, milestone, change, closes, requests)


def closing_value(milestone: Milestone, day: date) -> tuple[str, str]:
    """What 销号 writes: the done date; for a recurring milestone, its current period closed (as `done` does)."""
    if milestone.deadline.recurrence is not None:
        _, period = current_due(milestone)
        if period is not None:
            return ("closed_through", period)
    return ("done", day.isoformat())


def apply_ingest(planned: Sequence[Planned]) -> list[Path]:
    """Write the planned entries, one locked edit per file. Returns the files changed."""
    by_file: dict[Path, list[Change]] = {}
    for item in planned:
        by_file.setdefault(item.initiative.file, []).append(item.change)
    return [path for path, changes in by_file.items() if edit_plan_file(path, changes)]


def accept_request(plan: Plan, item_id: str) -> tuple[Path, Milestone, date]:
    """``workplan accept ID``: close a milestone on the day its unit asked for (销号 accepted)."""
    initiative = find_initiative(plan, item_id)
    refuse_if_in_two_files(plan, item_id)
    milestone = next((m for m in initiative.milestones if m.id == item_id), None)
    if milestone is None or milestone.done_requested is None:
        raise UsageError(FormMsg.NOTHING_TO_ACCEPT, item_id=item_id)
    day = milestone.done_requested
    if milestone.done is None:
        edit_plan_file(initiative.file, [Change(item_id, (closing_value(milestone, day), ("done_requested", None)))])
    else:
        edit_plan_file(initiative.file, [Change(item_id, (("done_requested", None),))])
    return initiative.file, milestone, day
