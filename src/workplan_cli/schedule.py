"""Status of each milestone as of a given day. Pure: ``today`` is always passed in."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import NamedTuple, Protocol

from workplan_cli.errors import UnknownIdError, UsageError
from workplan_cli.i18n import Listed, Localized, Message, Msg, ProblemCode, UsageMsg
from workplan_cli.model import Initiative, Milestone, Plan, Problem, Status, id_sort_key
from workplan_cli.progress import Colour, ScheduleProgress, colour_of, milestone_progress


class Entry(NamedTuple):
    """A milestone with its initiative and its standing on ``today``.

    A named tuple rather than a frozen dataclass: a city's plan makes a hundred thousand of these
    per command, and a tuple is built several times faster.
    """

    initiative: Initiative
    milestone: Milestone
    status: Status
    due: date | None  # the deadline that applies today: the milestone's, or its current period's
    days_left: int | None  # due - today for open milestones (negative when overdue), else None
    days_late: int | None  # done - due for milestones closed after their deadline, else None
    period: str | None = None  # recurring: the period whose due day ``due`` is (2024-06, 2024-Q2)
    in_workdays: bool = False  # days_left / days_late count working days, not calendar days
    days_unknown: Localized | str | None = None  # why days could not be counted (a year with no published schedule)
    today: date | None = None  # the day the standing is for; with plan_year, what 序时进度 needs
    plan_year: int = 0

    @property
    def progress(self) -> ScheduleProgress | None:
        """序时进度 on ``today``: the share of the milestone's time passed against its latest percent."""
        if self.today is None or not self.plan_year:
            return None
        return milestone_progress(self.milestone, self.due, self.today, self.plan_year, self.period)

    @property
    def colour(self) -> Colour | None:
        """The office's three colours: red overdue, yellow behind schedule, blue due soon; else None."""
        return self.colour_with(None if self.milestone.percent is None else self.progress)

    def colour_with(self, progress: ScheduleProgress | None) -> Colour | None:
        """``colour``, given ``progress`` already worked out (as `--json` does for each milestone)."""
        if self.status is Status.DONE or self.status is Status.ONGOING:
            return None
        progress = progress if self.milestone.percent is not None else None
        return colour_of(
            overdue=self.status is Status.OVERDUE,
            within_window=self.status is Status.DUE,
            pace=progress.pace if progress else None,
        )

    @property
    def owner(self) -> str:
        return self.initiative.owner_of(self.milestone)

    @property
    def responsible(self) -> str:
        """责任单位 as views show it: the lead unit, else the owner."""
        return self.initiative.lead_of(self.milestone) or self.initiative.owner_of(self.milestone)

    @property
    def lead(self) -> str:
        """牵头单位: the milestone's, else its initiative's."""
        return self.initiative.lead_of(self.milestone)

    @property
    def co_units(self) -> tuple[str, ...]:
        return self.initiative.co_units_of(self.milestone)

    @property
    def leader(self) -> str:
        return self.initiative.leader_of(self.milestone)

    @property
    def units(self) -> tuple[str, ...]:
        """Lead, owner and co-units: whoever `--unit` matches and `collect` sends a form."""
        return self.initiative.units_of(self.milestone)

    @property
    def dated(self) -> bool:
        """Has a deadline (or a cadence), as opposed to open-ended work."""
        return not self.milestone.deadline.is_open


class DayCountCalendar(Protocol):
    def working_days_between(self, start: date, end: date) -> int: ...


_MAX_PERIODS = 10_000  # a weekly cadence over almost two centuries: only a typo gets this far


def periods(milestone: Milestone) -> Iterator[tuple[str, date]]:
    """A recurring milestone's periods (label, due day), from the first one due on or after the day
    it was ``assigned``: a report asked for from June on owes nothing for January to May."""
    assert milestone.deadline.recurrence is not None
    assigned = milestone.assigned
    for count, (label, due) in enumerate(milestone.deadline.recurrence.periods()):
        if assigned is None or due >= assigned or count > _MAX_PERIODS:
            yield label, due


def current_due(milestone: Milestone) -> tuple[date | None, str | None]:
    """The deadline that applies now: a recurring milestone's first period not yet closed."""
    if milestone.deadline.recurrence is None or milestone.done is not None:
        return milestone.due, None
    closed = milestone.closed_through
    for count, (label, due) in enumerate(periods(milestone)):
        if closed is None or label > closed or count > _MAX_PERIODS:
            return due, label
    raise AssertionError("unreachable: periods() never ends")


def status_of(due: date | None, done: date | None, today: date, warn_days: int) -> Status:
    """The deadline day itself is still on time: 3月底前 is overdue from April 1."""
    if done is not None:
        return Status.DONE
    if due is None:
        return Status.ONGOING
    if due < today:
        return Status.OVERDUE
    if (due - today).days <= warn_days:
        return Status.DUE
    return Status.UPCOMING


def entry_for(
    initiative: Initiative,
    milestone: Milestone,
    today: date,
    warn_days: int,
    work_calendar: DayCountCalendar | None = None,
    plan_year: int = 0,
) -> Entry:
    done = milestone.done
    deadline = milestone.deadline
    # A deadline that is not a cadence (or a cadence closed altogether) is its own: asked of
    # current_due only when there are periods to walk, for a city's 300,000 milestones.
    due, period = (deadline.due, None) if deadline.recurrence is None or done is not None else current_due(milestone)
    status = status_of(due, done, today, warn_days)
    counted: int | None = None
    unknown: Localized | str | None = None
    if due is not None and (done is None or done > due):  # days left while open, days late once done late
        start, end = (today, due) if done is None else (due, done)
        try:
            counted = work_calendar.working_days_between(start, end) if work_calendar else (end - start).days
        except ValueError as err:  # an unpublished year (UnpublishedYearError): say so rather than guess
            unknown = err if isinstance(err, Localized) else str(err)
    days_left = counted if done is None else None
    days_late = counted if done is not None else None
    in_workdays = work_calendar is not None
    # Every field given, in order: built as the tuple it is, without the Python call that the named
    # tuple's own __new__ is (a tenth of the walk over a city's 300,000 milestones).
    fields = (initiative, milestone, status, due, days_left, days_late, period, in_workdays, unknown, today, plan_year)
    return tuple.__new__(Entry, fields)


def plan_years(plan: Plan) -> set[int]:
    """The plan year and every year a deadline falls in (a workspace may hold plans of two years)."""
    return {plan.settings.year} | {m.deadline.due.year for _, m in plan.milestones() if m.deadline.due is not None}


def known_milestone(m: Milestone, day: date) -> Milestone:
    """The milestone as its file could have said on ``day``: a done date, a request for closing or a
    note (progress entry) dated after it was not known yet, so it is left out. Every view works on
    this, so `list/due/stats/digest --as-of D` agree with `report --as-of D` about what was done."""
    done, requested, notes = m.done, m.done_requested, m.notes
    later = (done is not None and done > day) or (requested is not None and requested > day)
    if not later and (not notes or all(note.on <= day for note in notes)):  # most have no notes: no generator
        return m
    return m._replace(
        done=m.done if m.done is not None and m.done <= day else None,
        done_requested=m.done_requested if m.done_requested is not None and m.done_requested <= day else None,
        notes=tuple(note for note in m.notes if note.on <= day),
    )


def known_on(plan: Plan, day: date) -> Plan:
    """The plan as its files could have said on ``day`` (see ``known_milestone``)."""
    initiatives = tuple(
        i._replace(milestones=tuple(known_milestone(m, day) for m in i.milestones)) for i in plan.initiatives
    )
    return Plan(plan.folder, plan.settings, initiatives, plan.problems)


def schedule(
    plan: Plan, today: date, warn_days: int | None = None, work_calendar: DayCountCalendar | None = None
) -> list[Entry]:
    """Every milestone of the plan with its status, in plan order.

    With ``work_calendar`` (a working calendar), days left and late are counted in working days.
    """
    return list(iter_schedule(plan, today, warn_days, work_calendar))


def iter_schedule(
    plan: Plan,
    today: date,
    warn_days: int | None = None,
    work_calendar: DayCountCalendar | None = None,
    *,
    only_urgent: bool = False,
) -> Iterator[Entry]:
    """``schedule`` one entry at a time: `list --json` streams them.

    ``only_urgent`` yields just the overdue and due milestones and those with a reported percent
    (which may be behind schedule), and builds no entry for the others: `due` on a city's plan keeps
    a tenth of them.
    """
    window = plan.settings.warn_days if warn_days is None else warn_days
    # A window reaching past the last day a date can hold (9999-12-31) reaches that day.
    horizon = date.max if window >= (date.max - today).days else today + timedelta(days=window)
    year = plan.settings.year
    # Plan order: initiatives by id (load_plan sorts them), milestones as their file lists them.
    for initiative in plan.initiatives:
        for written in initiative.milestones:
            milestone = known_milestone(written, today)  # what was known on the day looked at
            if only_urgent and (milestone.done is not None or _later_than(milestone, horizon)):
                continue
            yield entry_for(initiative, milestone, today, window, work_calendar, year)


def _later_than(milestone: Milestone, horizon: date) -> bool:
    """True when the milestone is surely not urgent by ``horizon`` (open-ended, or due after it and
    with no reported percent that could put it behind schedule)."""
    if milestone.deadline.recurrence is not None:
        return False  # its current period needs working out
    if milestone.notes and milestone.deadline.due is not None and milestone.percent is not None:
        return False
    due = milestone.deadline.due
    return due is None or due > horizon


def dated_after(plan: Plan, today: date) -> list[Problem]:
    """Done dates and notes (progress entries) dated on a day that has not come yet: a typo in the
    year, or a date guessed ahead. `done` and `note` refuse them; a hand edit is caught by `check`."""
    problems = []
    for initiative in plan.initiatives:
        for milestone in initiative.milestones:
            if milestone.done is not None and milestone.done > today:
                fields = {"id": milestone.id, "done": milestone.done.isoformat(), "today": today.isoformat()}
                problems.append(Problem(ProblemCode.DONE_IN_FUTURE, initiative.file, milestone.line, 0, fields))
            for note in milestone.notes:
                if note.on > today:
                    fields = {"id": milestone.id, "on": note.on.isoformat(), "today": today.isoformat()}
                    problems.append(Problem(ProblemCode.NOTE_IN_FUTURE, initiative.file, milestone.line, 0, fields))
    return problems


def by_deadline(entries: Iterable[Entry]) -> list[Entry]:
    """Soonest deadline first; open-ended last; ties in id order."""
    return sorted(entries, key=lambda e: (e.due or date.max, id_sort_key(e.milestone.id)))


def due_entries(entries: Iterable[Entry]) -> list[Entry]:
    """What `workplan due` shows: overdue and due milestones and those behind schedule, by deadline."""
    return by_deadline(e for e in entries if e.status in (Status.OVERDUE, Status.DUE) or e.colour is Colour.YELLOW)


def initiative_status(entries: Iterable[Entry]) -> Status:
    """An initiative is done when all its dated milestones are; otherwise its most urgent status."""
    statuses = [e.status for e in entries if e.dated]
    if statuses and all(s is Status.DONE for s in statuses):
        return Status.DONE
    for status in (Status.OVERDUE, Status.DUE, Status.UPCOMING):
        if status in statuses:
            return status
    return Status.ONGOING


def counts(entries: Iterable[Entry]) -> dict[Status, int]:
    result = dict.fromkeys(Status, 0)
    for entry in entries:
        result[entry.status] += 1
    return result


def filter_entries(
    entries: Iterable[Entry],
    *,
    statuses: Iterable[Status] | None = None,
    owner: str | None = None,
    section: str | None = None,
    unit: str | None = None,
    leader: str | None = None,
) -> Iterator[Entry]:
    """``--status`` (any of), ``--owner`` (exact), ``--section`` (its number, or part of its heading),
    ``--unit`` (the lead, a co-unit or the owner), ``--leader`` (exact)."""
    wanted = set(statuses or ())
    if not wanted and owner is None and section is None and unit is None and leader is None:
        return iter(entries)  # nothing to filter: no step per entry (a city's plan has 300,000)
    return _filtered(entries, wanted, owner, section, unit, leader)


def _filtered(
    entries: Iterable[Entry],
    wanted: set[Status],
    owner: str | None,
    section: str | None,
    unit: str | None,
    leader: str | None,
) -> Iterator[Entry]:
    for entry in entries:
        if wanted and entry.status not in wanted:
            continue
        if owner is not None and entry.owner != owner:
            continue
        if section is not None and not _in_section(entry.initiative, section):
            continue
        if unit is not None and unit not in entry.units:
            continue
        if leader is not None and entry.leader != leader:
            continue
        yield entry


def check_filters(
    plan: Plan,
    *,
    owner: str | None = None,
    section: str | None = None,
    unit: str | None = None,
    leader: str | None = None,
) -> None:
    """``--owner`` / ``--section`` / ``--unit`` / ``--leader`` naming nothing in the plan is a mistake
    to say (a typo, 改革股 for 改革科), not an empty list."""
    if section is not None and not any(_in_section(i, section) for i in plan.initiatives):
        there = list(dict.fromkeys(f"{i.id.split('.')[0]} {i.section}".strip() for i in plan.initiatives))
        listed = Listed(tuple(there), "; ", "；") if there else Msg.SUMMARY_NONE
        raise UsageError(UsageMsg.NO_SUCH_SECTION, section=section, there=listed)
    if owner is not None:
        owners = list(dict.fromkeys(i.owner_of(m) for i, m in plan.milestones() if i.owner_of(m)))
        if owner not in owners:
            raise UsageError(
                UsageMsg.NO_SUCH_OWNER, owner=owner, there=Listed(tuple(owners)) if owners else Msg.SUMMARY_NONE
            )
    if unit is not None:
        units = list(dict.fromkeys(u for i, m in plan.milestones() for u in i.units_of(m)))
        if unit not in units:
            raise UsageError(
                UsageMsg.NO_SUCH_UNIT, unit=unit, there=Listed(tuple(units)) if units else Msg.SUMMARY_NONE
            )
    if leader is not None:
        leaders = list(dict.fromkeys(i.leader_of(m) for i, m in plan.milestones() if i.leader_of(m)))
        if leader not in leaders:
            listed = Listed(tuple(leaders)) if leaders else Msg.SUMMARY_NONE
            raise UsageError(UsageMsg.NO_SUCH_LEADER, leader=leader, there=listed)


def _in_section(initiative: Initiative, section: str) -> bool:
    if section.isdigit():  # 2 names 2.1, and 青羊:2.1 when several plans are open
        return initiative.id.rpartition(":")[2].split(".")[0] == section
    return section in initiative.section


def find_initiative(plan: Plan, item_id: str) -> Initiative:
    """The initiative with this id, or the one holding the milestone with this id."""
    for initiative in plan.initiatives:
        if initiative.id == item_id or any(m.id == item_id for m in initiative.milestones):
            return initiative
    raise unknown_id(plan, item_id)


def unknown_id(plan: Plan, item_id: str) -> UnknownIdError:
    known = [i.id for i in plan.initiatives] + [m.id for _, m in plan.milestones()]
    import difflib  # only to suggest ids when one is unknown

    close = sorted(difflib.get_close_matches(item_id, known, n=5, cutoff=0.5), key=id_sort_key)
    hint = Message(UsageMsg.CLOSEST_IDS, ids=", ".join(close)) if close else UsageMsg.LIST_SHOWS_IDS
    return UnknownIdError(UsageMsg.NO_SUCH_ID, item_id=item_id, hint=hint)
