"""The supervision cycle (督办) as data: periods, which milestones each unit answers for, who has reported.

Pure: no files, no clock. ``collect`` writes forms from ``unit_milestones``; ``chase`` (催办) asks
``missing_units`` and ``overdue_without_entry``; ``ingest`` compares a returned form with them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from workplan_cli.errors import UsageError
from workplan_cli.i18n import FormMsg
from workplan_cli.model import Note, Status
from workplan_cli.periods import Period, PeriodKind, period_of_label
from workplan_cli.schedule import Entry


def parse_period(label: str) -> Period:
    """``2024-06`` or ``2024-Q2``; anything else is a usage error naming the forms it takes."""
    found = period_of_label(label, (PeriodKind.MONTH, PeriodKind.QUARTER))
    if found is None:
        raise UsageError(FormMsg.BAD_PERIOD, label=label)
    return found


def month_of(day: date) -> Period:
    """The default period: the month of ``today``."""
    return parse_period(f"{day.year}-{day.month:02d}")


# ---------------------------------------------------------------------------------------------
# Units


def is_open(entry: Entry) -> bool:
    """On a form: not closed. A milestone whose 销号 awaits acceptance stays on, so its unit sees that."""
    return entry.status is not Status.DONE


def matches_unit(entry: Entry, unit: str) -> bool:
    """``--unit NAME``: the lead, a co-unit or the owner."""
    return unit in entry.units


def matches_leader(entry: Entry, leader: str) -> bool:
    return entry.leader == leader


def role_of(entry: Entry, unit: str) -> str:
    """The unit's part in a milestone: 牵头 (lead or owner) or 配合 (co-unit)."""
    if unit in (entry.lead, entry.owner):
        return "牵头"
    return "配合"


def units(entries: Iterable[Entry]) -> list[str]:
    """Every unit named on an open milestone, in plan order of first appearance."""
    return list(dict.fromkeys(unit for entry in entries if is_open(entry) for unit in entry.units))


def unit_milestones(entries: Iterable[Entry], unit: str) -> list[Entry]:
    """The open milestones a unit reports on, in plan order."""
    return [entry for entry in entries if is_open(entry) and matches_unit(entry, unit)]


def entry_of(notes: Sequence[Note], unit: str, period: str) -> Note | None:
    """The progress entry a unit made for a period, if any (the last one, should there be two)."""
    found = [note for note in notes if note.by == unit and note.period == period]
    return found[-1] if found else None


# ---------------------------------------------------------------------------------------------
# Chasing (催办)


@dataclass(frozen=True, slots=True)
class Chase:
    """Who is behind for a period: units that sent nothing, overdue milestones nobody reported on."""

    period: Period
    missing: tuple[tuple[str, tuple[Entry, ...]], ...]  # (unit, its milestones with no entry for the period)
    answered: tuple[str, ...]
    overdue_unreported: tuple[Entry, ...]

    @property
    def is_empty(self) -> bool:
        return not (self.missing or self.overdue_unreported)


def chase(entries: Sequence[Entry], period: Period, unit: str | None = None) -> Chase:
    """A unit has answered when one of its milestones carries its entry for the period."""
    missing, answered = [], []
    for name in [unit] if unit else units(entries):
        mine = unit_milestones(entries, name)
        if not mine:
            continue
        if any(entry_of(e.milestone.notes, name, period.label) for e in mine):
            answered.append(name)
        else:
            missing.append((name, tuple(mine)))
    overdue = tuple(
        e
        for e in entries
        if e.status is Status.OVERDUE
        and (unit is None or matches_unit(e, unit))
        and not any(note.period == period.label for note in e.milestone.notes)
    )
    return Chase(period, tuple(missing), tuple(answered), overdue)
