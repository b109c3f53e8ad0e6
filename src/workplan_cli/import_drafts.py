"""What import makes of a report, as records (drafted initiatives and milestones, each date mention
with its fate), and those drafts rendered as plan files."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from workplan_cli.deadlines import (
    Recurrence,
)
from workplan_cli.i18n import ImportMsg, Localized, Message, tr
from workplan_cli.model import Note
from workplan_cli.yamltext import block, quoted, scalar


@dataclass(frozen=True)
class Said:
    """One line of what a re-import changed, worded in the language it is shown in."""

    key: ImportMsg
    fields: dict[str, object]

    def text(self, lang: str) -> str:
        return tr(self.key, lang, **self.fields)


def said(key: ImportMsg, **fields: object) -> Said:
    return Said(key, fields)


@dataclass
class DraftMilestone:
    id: str
    phrase: str | None
    task: str
    # Filled in by people, kept by `import --update` when the id and task are unchanged:
    done: date | None = None
    owner: str = ""
    notes: tuple[Note, ...] = ()
    # The units a 牵头单位 / 配合单位 line names, kept for the lead and co-unit fields:
    lead: str = ""
    co_units: tuple[str, ...] = ()


@dataclass
class DraftInitiative:
    id: str
    section: str
    title: str
    text: str
    milestones: list[DraftMilestone] = field(default_factory=list)
    owner: str = ""
    lead: str = ""  # 牵头单位 and 配合单位 named for the whole item
    co_units: tuple[str, ...] = ()

    def set_milestones(self, milestones: list[DraftMilestone], units: Units | None) -> None:
        self.milestones = milestones
        if units is not None:
            self.owner, self.lead, self.co_units = units.name, units.lead, units.co_units


# The fates of a date mention, and the reasons a date is not a deadline.
FATES = ("deadline", "recurring", "not-a-deadline", "needs-person")
REASONS = {  # each reason's code and its words in both languages
    code: ImportMsg(f"import.reason.{code}")
    for code in (
        *("plan-year", "status-date", "past-event", "signing-date", "cited-document", "own-document-number"),
        *("validity", "per-case-limit", "period-label", "start-date", "other"),
    )
}


@dataclass
class Mention:
    """One date-like span of the report and what import made of it (its fate)."""

    line: int  # 1-based line in the report
    col: int  # 0-based column in that line (after copy artifacts are removed)
    text: str
    kind: str  # what the text looks like (deadlines.DateMention.kind)
    context: str = ""
    fate: str = ""  # one of FATES
    reason: str = ""  # not-a-deadline: a key of REASONS
    why: Localized | None = None  # needs-person: what is wrong
    due: date | None = None
    start: date | None = None
    repaired: Localized | None = None  # the repair note, when a damaged date had exactly one reading
    recurrence: Recurrence | None = None  # recurring: the cadence (period and due day) it was read as
    milestone: str = ""  # the id of the milestone it became
    task: str = ""
    owner: str = ""

    @property
    def end(self) -> int:
        return self.col + len(self.text)


@dataclass
class DraftPlan:
    title: str
    year: int
    initiatives: list[DraftInitiative]
    warnings: list[Message]  # each worded when shown, in the run's language
    year_reason: str = ""  # title | own document number | --year | attachment title
    mentions: list[Mention] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # the report's lines, for `import --explain`
    unreadable: list[tuple[int, int]] = field(default_factory=list)  # line spans a person must restructure

    def counts(self) -> dict[str, int]:
        """How many mentions went into each fate (the import summary)."""
        return {fate: sum(1 for m in self.mentions if m.fate == fate) for fate in FATES}


class Units(NamedTuple):
    """The units a 责任单位 / 牵头单位 / 配合单位 text names."""

    unit: str  # the one responsible (责任单位, or the 牵头单位)
    co_units: tuple[str, ...] = ()  # 配合单位
    led: bool = False  # named as 牵头 (lead) rather than 责任

    @property
    def name(self) -> str:
        """The owner: the responsible unit, else the co-units."""
        return self.unit or "、".join(self.co_units)

    @property
    def lead(self) -> str:
        """The 牵头单位: the responsible unit when named as lead or beside co-units."""
        return self.unit if self.led or self.co_units else ""


# ---------------------------------------------------------------------------------------------
# Rendering drafts as plan files


def initiative_file_name(initiative_id: str) -> str:
    return initiative_id.replace(".", "-") + ".yaml"


def render_initiative(draft: DraftInitiative) -> str:
    lines = [
        f"# {comment_safe(draft.id)} {comment_safe(draft.title)}",
        f"id: {quoted(draft.id)}",
        f"section: {scalar(draft.section)}",
        f"title: {scalar(draft.title)}",
        f"owner: {scalar(draft.owner)}" if draft.owner else "owner:",
        *_unit_lines(draft.lead, draft.co_units, ""),
        f"text: {block(draft.text, '  ')}",
        "milestones:",
    ]
    for milestone in draft.milestones:
        lines.append(f"  - id: {quoted(milestone.id)}")
        lines.append(f"    deadline: {scalar(milestone.phrase) if milestone.phrase else ''}".rstrip())
        lines.append(f"    task: {scalar(milestone.task)}")
        if milestone.owner:
            lines.append(f"    owner: {scalar(milestone.owner)}")
        lines += _unit_lines(milestone.lead, milestone.co_units, "    ")
        lines.append(f"    done: {milestone.done.isoformat()}" if milestone.done else "    done:")
        if milestone.notes:
            lines.append("    notes:")
            for note in milestone.notes:
                lines += [f"      - date: {note.on.isoformat()}", f"        text: {quoted(note.text)}"]
    return "\n".join(lines) + "\n"


def _unit_lines(lead: str, co_units: tuple[str, ...], indent: str) -> list[str]:
    """``lead:`` (牵头单位) and ``co_units:`` (配合单位, written as reports write them) when named."""
    lines = [f"{indent}lead: {scalar(lead)}"] if lead else []
    return lines + ([f"{indent}co_units: {scalar('、'.join(co_units))}"] if co_units else [])


def comment_safe(text: str) -> str:
    """For a YAML comment: a newline in a title must not end the comment."""
    return " ".join(text.split())


def render_settings(title: str, year: int) -> str:
    return f"""\
# The plan as a whole. Each initiative lives in its own file beside this one.
title: {scalar(title)}
year: {year}                # deadlines such as 3月底前 resolve against this year
timezone: Asia/Shanghai   # "today" is taken in this timezone
warn_days: 14             # a deadline this many days away or closer counts as due
language: zh              # the interface: zh or en (--lang overrides)

# Who gets the digest for each owner named in the initiative files (owner: …).
owners:
  # 组织人事科: [renshi@example.gov.cn, li.si@example.gov.cn]

# Where `workplan digest --send` delivers. The password comes only from $WORKPLAN_SMTP_PASSWORD.
smtp:
  host: localhost
  port: 25
  security: none          # starttls | ssl | none
  username: ""
  from: workplan@localhost
  to: []
"""


def plan_files(draft: DraftPlan, *, with_settings: bool) -> dict[str, str]:
    """File name (relative to the plan folder) -> text, for every file of the drafted plan."""
    files = {initiative_file_name(i.id): render_initiative(i) for i in draft.initiatives}
    if with_settings:
        files["workplan.yaml"] = render_settings(draft.title, draft.year)
    return files
