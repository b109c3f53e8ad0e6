"""The plan as data: frozen dataclasses, no I/O, no clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from workplan_cli.deadlines import Deadline

# Note, Milestone and Initiative are named tuples, not frozen dataclasses: as immutable, and a city's
# plan holds hundreds of thousands of them, which a tuple builds and unpickles several times faster.


class Note(NamedTuple):
    """A dated progress note (进展情况)."""

    on: date
    text: str


class Milestone(NamedTuple):
    """One deadline clause of an initiative, or its open-ended (ongoing) part."""

    id: str
    phrase: str | None  # the deadline phrase as written; None for ongoing work with no phrase
    deadline: Deadline  # resolved against the plan year; deadline.due is None when open-ended
    task: str
    done: date | None = None
    owner: str = ""  # overrides the initiative's owner when set
    notes: tuple[Note, ...] = ()
    line: int = 0  # 1-based line of the milestone in its file
    assigned: date | None = None  # the day the task was given: N个工作日内 counts from it
    closed_through: str | None = None  # recurring: every period up to this one (2024-05, 2024-Q2) is closed

    @property
    def due(self) -> date | None:
        return self.deadline.due


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

    @property
    def file(self) -> Path:
        return Path(self.path)

    def owner_of(self, milestone: Milestone) -> str:
        return milestone.owner or self.owner


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
class PlanSettings:
    """``plan/workplan.yaml``: what applies to the whole plan."""

    title: str
    year: int
    timezone: str = "Asia/Shanghai"
    warn_days: int = 14
    workdays: bool = False  # count days left / late in mainland-China working days
    language: str = ""  # the interface language, zh or en; empty: from the environment (see i18n)
    owners: dict[str, tuple[str, ...]] = field(default_factory=dict)  # owner -> e-mail addresses
    smtp: SmtpSettings = field(default_factory=SmtpSettings)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in a plan file, reported as ``path:line: message``."""

    path: Path
    line: int
    message: str
    message_zh: str = ""  # the same in Chinese, where written

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: str) -> str:
        message = self.message_zh if lang == "zh" and self.message_zh else self.message
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
