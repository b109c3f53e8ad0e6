"""The plan as data: frozen dataclasses, no I/O, no clock."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

from workplan_cli.deadlines import Deadline
from workplan_cli.i18n import ProblemCode, tr

# Note, Milestone and Initiative are named tuples, not frozen dataclasses: as immutable, and a city's
# plan holds hundreds of thousands of them, which a tuple builds and unpickles several times faster.


class Note(NamedTuple):
    """A dated progress note (进展情况); a progress entry when it carries the structured fields.

    A unit's report for a period (``workplan ingest`` writes them) fills ``progress`` (进展情况),
    ``problems`` (存在问题), ``next`` (下步打算), ``percent`` (完成进度, 0–100), ``evidence``
    (佐证材料: file names under plan/evidence/ or links), ``by`` (the unit) and ``period``
    (``2024-06``, ``2024-Q2``). ``text`` is the note as written, or else its ``progress``.
    """

    on: date
    text: str
    progress: str = ""
    problems: str = ""
    next: str = ""
    percent: int | None = None
    evidence: tuple[str, ...] = ()
    by: str = ""
    period: str = ""

    @property
    def is_entry(self) -> bool:
        """A structured progress entry rather than a free note."""
        return bool(self.by or self.period or self.progress or self.problems or self.next) or (
            self.percent is not None or bool(self.evidence)
        )


class MilestoneMore(NamedTuple):
    """The fields of a milestone that most milestones leave empty; ``Milestone`` holds them as one."""

    owner: str = ""
    notes: tuple[Note, ...] = ()
    assigned: date | None = None
    closed_through: str | None = None
    lead: str = ""
    co_units: tuple[str, ...] = ()
    leader: str = ""
    done_requested: date | None = None
    deadline_was: str | None = None
    carried_from: str | None = None


NO_MORE = MilestoneMore()


class _MilestoneCore(NamedTuple):
    id: str
    phrase: str | None
    deadline: Deadline
    task: str
    done: date | None
    line: int
    more: MilestoneMore


class Milestone(_MilestoneCore):
    """One deadline clause of an initiative, or its open-ended (ongoing) part.

    Built and read as a named tuple of all its fields, but held as seven: the ten that most
    milestones leave empty (owner, notes, roles, …) are one ``MilestoneMore``, shared by every
    milestone that has none of them. A city's plan holds 300,000 milestones: 20 MB less, and a
    faster warm load (it is unpickled by ``tuple.__new__``, without a Python call per milestone).
    """

    __slots__ = ()

    def __new__(
        cls,
        id: str,
        phrase: str | None,  # the deadline phrase as written; None for ongoing work with no phrase
        deadline: Deadline,  # resolved against the plan year; deadline.due is None when open-ended
        task: str,
        done: date | None = None,
        owner: str = "",  # overrides the initiative's owner when set
        notes: tuple[Note, ...] = (),
        line: int = 0,  # 1-based line of the milestone in its file
        assigned: date | None = None,  # the day the task was given: N个工作日内 counts from it
        closed_through: str | None = None,  # recurring: every period up to this one (2024-05, 2024-Q2) is closed
        # Roles (督办), each overriding the initiative's when set: 牵头单位, 配合单位, 责任领导.
        lead: str = "",
        co_units: tuple[str, ...] = (),
        leader: str = "",
        done_requested: date | None = None,  # a unit asked for 销号 on this day; the office has not accepted yet
        deadline_was: str | None = None,  # the deadline first written, kept when `workplan set` moved it
        carried_from: str | None = None,  # rolled over from last year's plan: "2024:2.1.3" (结转)
    ) -> Milestone:
        more = MilestoneMore(
            owner, notes, assigned, closed_through, lead, co_units, leader, done_requested, deadline_was, carried_from
        )
        return tuple.__new__(cls, (id, phrase, deadline, task, done, line, NO_MORE if more == NO_MORE else more))

    def __reduce__(self) -> tuple[Any, ...]:
        return tuple.__new__, (Milestone, tuple(self))

    def _replace(self, **changes: Any) -> Milestone:
        return Milestone(**(self.fields() | changes))

    def fields(self) -> dict[str, Any]:
        """Every field by name, as ``Milestone(**fields)`` takes them."""
        core = {"id": self.id, "phrase": self.phrase, "deadline": self.deadline, "task": self.task}
        return core | {"done": self.done, "line": self.line} | self.more._asdict()

    def __repr__(self) -> str:
        return "Milestone(" + ", ".join(f"{name}={value!r}" for name, value in self.fields().items()) + ")"

    @property
    def owner(self) -> str:
        return self.more.owner

    @property
    def notes(self) -> tuple[Note, ...]:
        return self.more.notes

    @property
    def assigned(self) -> date | None:
        return self.more.assigned

    @property
    def closed_through(self) -> str | None:
        return self.more.closed_through

    @property
    def lead(self) -> str:
        return self.more.lead

    @property
    def co_units(self) -> tuple[str, ...]:
        return self.more.co_units

    @property
    def leader(self) -> str:
        return self.more.leader

    @property
    def done_requested(self) -> date | None:
        return self.more.done_requested

    @property
    def deadline_was(self) -> str | None:
        return self.more.deadline_was

    @property
    def carried_from(self) -> str | None:
        return self.more.carried_from

    @property
    def due(self) -> date | None:
        return self.deadline.due

    @property
    def latest_entry(self) -> Note | None:
        """The most recent progress entry (by date, then file order), or None."""
        entries = [note for note in self.notes if note.is_entry]
        return max(reversed(entries), key=lambda note: note.on) if entries else None

    @property
    def percent(self) -> int | None:
        """完成进度 of the latest progress entry that states one."""
        stated = [note for note in self.notes if note.percent is not None]
        return max(reversed(stated), key=lambda note: note.on).percent if stated else None


class Initiative(NamedTuple):
    """One numbered initiative (一是…) of a section, stored in one YAML file."""

    id: str
    section: str
    title: str
    owner: str
    text: str
    milestones: tuple[Milestone, ...]
    path: str  # the file, as text: a Path object apiece costs a large plan 40 MB and a second to unpickle
    line: int = 1
    lead: str = ""  # 牵头单位
    co_units: tuple[str, ...] = ()  # 配合单位
    leader: str = ""  # 责任领导 / 分管领导

    @property
    def file(self) -> Path:
        return Path(self.path)

    def __reduce__(self) -> tuple[Any, ...]:
        # Unpickled by tuple.__new__ of its fields, as Milestone: no Python call per initiative.
        return tuple.__new__, (Initiative, tuple(self))

    def owner_of(self, milestone: Milestone) -> str:
        return milestone.owner or self.owner

    def lead_of(self, milestone: Milestone) -> str:
        return milestone.lead or self.lead

    def co_units_of(self, milestone: Milestone) -> tuple[str, ...]:
        return milestone.co_units or self.co_units

    def leader_of(self, milestone: Milestone) -> str:
        return milestone.leader or self.leader

    def units_of(self, milestone: Milestone) -> tuple[str, ...]:
        """Every unit answerable for the milestone: its lead (else its owner), its owner, its co-units."""
        named = (self.lead_of(milestone), self.owner_of(milestone), *self.co_units_of(milestone))
        return tuple(dict.fromkeys(unit for unit in named if unit))


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str = "localhost"
    port: int = 25
    security: str = "none"  # starttls | ssl | none
    username: str = ""
    sender: str = ""
    to: tuple[str, ...] = ()
    cafile: str = ""  # extra CA bundle for a server with a private certificate
    timeout: float = 30.0


@dataclass(frozen=True, slots=True)
class Owner:
    """One entry of ``owners:``: where a unit's (or leader's) digest goes, and how to @ it in group robots."""

    emails: tuple[str, ...] = ()
    mobile: str = ""  # WeCom and DingTalk can @ by mobile number
    wecom: str = ""  # WeCom userid
    dingtalk: str = ""  # DingTalk userId
    feishu: str = ""  # Feishu open_id (ou_…) or user_id


@dataclass(frozen=True, slots=True)
class NotifyChannel:
    """One entry of ``notify:``: where digests and reminders go. Secrets stay in the environment."""

    name: str
    type: str  # wecom | dingtalk | feishu | email
    units: tuple[str, ...] = ()  # ``for:``: only milestones of these units or leaders; empty: all
    url_env: str = ""  # the environment variable holding the webhook URL
    secret_env: str = ""  # the environment variable holding the signing secret (DingTalk, Feishu)
    keyword: str = ""  # the robot's keyword (DingTalk, Feishu keyword mode): every message carries it
    format: str = "markdown"  # markdown (WeCom markdown, DingTalk markdown, Feishu card) | text
    to: tuple[str, ...] = ()  # email: the addresses (default: smtp.to)
    mention: bool = True  # @ the people answerable for overdue milestones
    timeout: float = 10.0  # seconds per request
    retries: int = 2  # more attempts after a timeout or a 5xx answer
    backoff: float = 2.0  # seconds before the first retry, doubled for each next one


@dataclass(frozen=True, slots=True)
class Roles:
    """``assign:`` in workplan.yaml: who answers for a section, initiative or milestone (任务分解)."""

    lead: str = ""
    co_units: tuple[str, ...] = ()
    leader: str = ""


@dataclass(frozen=True, slots=True)
class PlanSettings:
    """``plan/workplan.yaml``: what applies to the whole plan."""

    title: str
    year: int
    timezone: str = "Asia/Shanghai"
    warn_days: int = 14
    use_workdays: bool = False  # `workdays:` in workplan.yaml  # count days left / late in mainland-China working days
    language: str = ""  # the interface language, zh or en; empty: from the environment (see i18n)
    owners: dict[str, Owner] = field(default_factory=dict)  # owner -> addresses and robot contacts
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    commit: bool = False  # commit every edit to git, as if --commit were given
    notify: tuple[NotifyChannel, ...] = ()
    assign: dict[str, Roles] = field(default_factory=dict)  # id (2, 2.1, 2.1.3) -> roles, where files name none


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in a plan file: a stable code (``duplicate-key``, listed in the README), where
    (line and column from 1; 0 where not known) and the fields its message is worded from.
    Shown as ``path:line: message`` in the run's language."""

    code: ProblemCode
    path: Path
    line: int
    column: int = 0
    fields: Mapping[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.text("en")

    @property
    def message(self) -> str:
        """The message in English, without the place."""
        return self.message_in("en")

    def message_in(self, lang: str) -> str:
        return tr(self.code, lang, **self.fields)

    def text(self, lang: str) -> str:
        message = self.message_in(lang)
        return f"{self.path}:{self.line}: {message}" if self.line else f"{self.path}: {message}"


@dataclass(frozen=True, slots=True)
class Plan:
    """A loaded plan folder: the settings, every initiative that loaded, and every problem found."""

    folder: Path
    settings: PlanSettings
    initiatives: tuple[Initiative, ...]
    problems: tuple[Problem, ...] = ()

    def milestones(self) -> list[tuple[Initiative, Milestone]]:
        return [(initiative, m) for initiative in self.initiatives for m in initiative.milestones]


class Status(StrEnum):
    """Where a milestone stands on a given day, in the order an office cares about."""

    OVERDUE = "overdue"  # deadline passed, not done (red)
    DUE = "due"  # deadline within the warning window (yellow)
    UPCOMING = "upcoming"  # deadline later (green)
    ONGOING = "ongoing"  # open-ended work, no deadline
    DONE = "done"


def id_sort_key(item_id: str) -> tuple[Any, ...]:
    """Sort 1.2 before 1.10: numeric parts as numbers, others as text."""
    key: list[Any] = []
    for part in item_id.split("."):
        key += (0, int(part), "") if part.isdigit() else (1, 0, part)
    return tuple(key)


MAX_WINDOW_DAYS = 3660  # ten years: a warning window beyond that is a typo (and dates end in 9999)
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_day(text: str) -> date:
    """A day written exactly ``YYYY-MM-DD``; ValueError otherwise.

    ``date.fromisoformat`` also takes ``20240301`` and ``2024-W10-1``: a person who writes those
    meant something we would only be guessing at, so they are refused.
    """
    if not _ISO_DAY.fullmatch(text):
        raise ValueError(f"not a date written YYYY-MM-DD: {text!r}")
    return date.fromisoformat(text)
