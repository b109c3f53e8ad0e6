"""What a progress report (月报 / 季报 / 半年报 / 年报) or a year-end summary says, as data. Pure.

A report looks at one period as of one day. The milestones due in the period ended one of four
ways by that day: 按时完成 (done on or before the deadline), 逾期完成 (done after it, by so many
days), 逾期未完成 (deadline passed, not done), 正在推进 (deadline not reached yet). 提前完成 counts
the milestones due after the period that were closed during it. The same counts are given for the
year so far (January 1 of the period's year to the as-of day), per unit with a ranking, and the report
lists what is overdue (通报), what falls due in the next period (下阶段重点) and, per initiative, the
progress entries written during the period.

What was not known on the as-of day does not count: a done date, a request for closing or a note
dated after it is left out, so a report for June made in August says what was true at the end of
June (as far as the files tell; `--from-git` reads the files as committed that day).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from workplan_cli.model import Initiative, Milestone, Note, Plan, Status
from workplan_cli.periods import Period
from workplan_cli.progress import Pace, ScheduleProgress, milestone_progress
from workplan_cli.schedule import DayCountCalendar, Entry, known_on, schedule

NO_UNIT = ""  # the unit of a milestone that names none; views show it as （未指定）


# ---------------------------------------------------------------------------------------------
# Outcomes and counts


class Outcome(StrEnum):
    ON_TIME = "on_time"  # 按时完成
    DONE_LATE = "done_late"  # 逾期完成
    OVERDUE = "overdue"  # 逾期未完成
    IN_PROGRESS = "in_progress"  # 正在推进
    EARLY = "early"  # 提前完成: due after the window, closed during it


@dataclass(frozen=True, slots=True)
class Item:
    """One milestone as a report shows it."""

    entry: Entry
    unit: str  # 牵头单位, else the owner; NO_UNIT when neither is named
    outcome: Outcome | None  # None: not due in the window looked at (ongoing, or later)
    days_late: int | None  # 逾期完成: how late it was closed; 逾期未完成: how late it is now
    progress: ScheduleProgress | None  # 序时进度 on the as-of day; None for open-ended work
    entries: tuple[Note, ...]  # progress entries and notes written during the period

    @property
    def milestone(self) -> Milestone:
        return self.entry.milestone

    @property
    def initiative(self) -> Initiative:
        return self.entry.initiative


@dataclass(frozen=True, slots=True)
class Counts:
    """How the milestones due in a window ended, as of a day."""

    due: int = 0  # 应完成: deadline within the window
    on_time: int = 0
    done_late: int = 0
    overdue: int = 0
    in_progress: int = 0
    early: int = 0  # not part of ``due``

    @property
    def completed(self) -> int:
        return self.on_time + self.done_late

    @property
    def completion_rate(self) -> float | None:
        """Completed / due; None when nothing was due."""
        return self.completed / self.due if self.due else None

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.due if self.due else None


def outcome_of(entry: Entry, start: date, end: date, as_of: date) -> tuple[Outcome | None, int | None]:
    """How a milestone due in [start, end] stood on ``as_of`` (with days late); EARLY for one due later."""
    due, done = entry.due, entry.milestone.done
    if due is None:
        return None, None
    if due > end:
        if done is not None and start <= done <= min(end, as_of):
            return Outcome.EARLY, None
        return None, None
    if due < start:
        return None, None
    if done is not None:
        return (Outcome.ON_TIME, None) if done <= due else (Outcome.DONE_LATE, (done - due).days)
    if due < as_of:
        return Outcome.OVERDUE, (as_of - due).days
    return Outcome.IN_PROGRESS, None


def count(outcomes: Iterable[Outcome | None]) -> Counts:
    tally = dict.fromkeys(Outcome, 0)
    for outcome in outcomes:
        if outcome is not None:
            tally[outcome] += 1
    due = sum(n for outcome, n in tally.items() if outcome is not Outcome.EARLY)
    return Counts(
        due,
        tally[Outcome.ON_TIME],
        tally[Outcome.DONE_LATE],
        tally[Outcome.OVERDUE],
        tally[Outcome.IN_PROGRESS],
        tally[Outcome.EARLY],
    )


@dataclass(frozen=True, slots=True)
class UnitRow:
    unit: str
    counts: Counts
    rank: int | None  # 1 is best; None for a unit with nothing due in the period


def rank_units(items: Sequence[Item]) -> list[UnitRow]:
    """Per unit, the period's counts, ranked by completion rate, then fewer overdue, then more on time.

    Units with nothing due in the period are listed after the ranked ones, unranked. Equal units
    share a rank (1, 2, 2, 4). Milestones naming no unit are one row at the end, never ranked: a
    通报 ranking "unassigned" ahead of real units reads wrong.
    """
    groups: dict[str, list[Outcome | None]] = {}
    for item in items:
        groups.setdefault(item.unit, []).append(item.outcome)
    counted = [(unit, count(outcomes)) for unit, outcomes in groups.items()]

    def key(row: tuple[str, Counts]) -> tuple[float, int, int]:
        counts = row[1]
        return (-(counts.completion_rate or 0.0), counts.overdue, -counts.on_time)

    unassigned = [row for row in counted if row[0] == NO_UNIT]
    counted = [row for row in counted if row[0] != NO_UNIT]
    ranked = sorted((row for row in counted if row[1].due), key=lambda row: (*key(row), row[0]))
    rows: list[UnitRow] = []
    for position, (unit, counts) in enumerate(ranked, 1):
        same = rows and key((rows[-1].unit, rows[-1].counts)) == key((unit, counts))
        rows.append(UnitRow(unit, counts, rows[-1].rank if same and rows else position))
    rest = sorted((row for row in counted if not row[1].due), key=lambda row: row[0])
    return rows + [UnitRow(unit, counts, None) for unit, counts in (*rest, *unassigned)]


class PaceCounts(NamedTuple):
    ahead: int
    on_schedule: int
    behind: int
    unrated: int


def pace_counts(items: Iterable[Item]) -> PaceCounts:
    """序时进度 of the open milestones not yet due: how many are ahead, on schedule, behind, unrated."""
    paces = [item.progress.pace for item in items if item.progress is not None]
    return PaceCounts(*(paces.count(p) for p in (Pace.AHEAD, Pace.ON_SCHEDULE, Pace.BEHIND, Pace.UNRATED)))


# ---------------------------------------------------------------------------------------------
# The report


class ReportType(StrEnum):
    PROGRESS = "progress"  # 月报 / 季报 / 半年报 / 年报
    SUMMARY = "summary"  # the year-end 工作总结 skeleton


@dataclass(frozen=True, slots=True)
class InitiativeBlock:
    initiative: Initiative
    unit: str
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class SectionBlock:
    """A section of the year-end summary: what was done and when, what is carried over."""

    section: str
    done: tuple[Item, ...]
    carried_over: tuple[Item, ...]  # dated and not done by the as-of day
    ongoing: tuple[Item, ...]  # open-ended work, which continues


@dataclass(frozen=True, slots=True)
class Report:
    plan_title: str
    plan_year: int
    type: ReportType
    period: Period
    as_of: date
    period_counts: Counts
    year_counts: Counts
    paces: PaceCounts
    units: tuple[UnitRow, ...]
    overdue: tuple[Item, ...]  # 通报: every milestone overdue and not done, the latest first
    next_period: Period
    next_items: tuple[Item, ...]  # 下阶段重点: not done, due in the next period
    initiatives: tuple[InitiativeBlock, ...]
    sections: tuple[SectionBlock, ...]  # the summary's; empty for a progress report
    source: str = ""  # where the plan was read from when not the work tree, e.g. a git commit


def unit_of(entry: Entry) -> str:
    return entry.lead or entry.owner or NO_UNIT


def build_report(
    plan: Plan,
    period: Period,
    as_of: date,
    *,
    report_type: ReportType = ReportType.PROGRESS,
    work_calendar: DayCountCalendar | None = None,
    source: str = "",
) -> Report:
    """The report for ``period`` as of ``as_of`` (usually the period's last day)."""
    known = known_on(plan, as_of)
    entries = schedule(known, as_of, None, work_calendar)
    # 年初以来 is the year of the period: a 2025 report of a workspace holding a 2024 plan does not
    # count 2024's deadlines (they are in the 通报 while overdue).
    year_start = date(period.year, 1, 1)
    window_end = min(period.end, as_of) if as_of >= period.start else period.end

    def item(entry: Entry, start: date, end: date) -> Item:
        outcome, late = outcome_of(entry, start, end, as_of)
        if outcome is Outcome.DONE_LATE and entry.days_late is not None:
            late = entry.days_late  # in working days when the plan counts them
        elif outcome is Outcome.OVERDUE and entry.days_left is not None:
            late = -entry.days_left
        written = tuple(n for n in entry.milestone.notes if period.start <= n.on <= window_end)
        progress = milestone_progress(entry.milestone, entry.due, as_of, plan.settings.year, entry.period)
        return Item(entry, unit_of(entry), outcome, late, progress, written)

    items = [item(e, period.start, period.end) for e in entries]
    year_items = [item(e, year_start, as_of) for e in entries]
    next_period = period.next()
    # The longest overdue first; ties in plan order (sorted is stable).
    overdue = sorted((i for i in items if i.entry.status is Status.OVERDUE), key=lambda i: i.entry.due or date.max)
    upcoming = [
        item(e, next_period.start, next_period.end)
        for e in entries
        if e.milestone.done is None and e.due is not None and next_period.start <= e.due <= next_period.end
    ]
    upcoming.sort(key=lambda i: i.entry.due or date.max)
    open_items = [i for i in items if i.entry.status not in (Status.DONE, Status.OVERDUE, Status.ONGOING)]
    return Report(
        plan_title=plan.settings.title,
        plan_year=plan.settings.year,
        type=report_type,
        period=period,
        as_of=as_of,
        period_counts=count(i.outcome for i in items),
        year_counts=count(i.outcome for i in year_items),
        paces=pace_counts(open_items),
        units=tuple(rank_units(items)),
        overdue=tuple(overdue),
        next_period=next_period,
        next_items=tuple(upcoming),
        initiatives=tuple(_initiative_blocks(items, period.start)),
        sections=tuple(_section_blocks(year_items)) if report_type is ReportType.SUMMARY else (),
        source=source,
    )


def _initiative_blocks(items: Sequence[Item], period_start: date) -> list[InitiativeBlock]:
    """Every initiative with its milestones still of interest: all but those closed before the period."""
    blocks: dict[str, list[Item]] = {}
    owners: dict[str, Initiative] = {}
    for item in items:
        done = item.milestone.done
        if done is not None and done < period_start:
            continue
        blocks.setdefault(item.initiative.id, []).append(item)
        owners[item.initiative.id] = item.initiative
    result = []
    for initiative_id, members in blocks.items():
        initiative = owners[initiative_id]
        result.append(InitiativeBlock(initiative, initiative.lead or initiative.owner, tuple(members)))
    return result


def _section_blocks(items: Sequence[Item]) -> list[SectionBlock]:
    sections: dict[str, list[Item]] = {}
    for item in items:
        sections.setdefault(item.initiative.section or item.initiative.id.split(".")[0], []).append(item)
    result = []
    for section, members in sections.items():
        done = sorted((i for i in members if i.milestone.done is not None), key=lambda i: i.milestone.done or date.max)
        carried = [i for i in members if i.milestone.done is None and i.entry.dated]
        ongoing = [i for i in members if i.milestone.done is None and not i.entry.dated]
        result.append(SectionBlock(section, tuple(done), tuple(carried), tuple(ongoing)))
    return result
