"""What a group message says, before any platform's markup: counts first, then the items. Pure.

A digest becomes overdue (red), behind schedule (yellow, 欠进度, when some milestone is), due soon
(blue) and closed this week (green): the office's three colours (三色督办) and green for what is done.
A reminder becomes what turned overdue today (red) and what entered the warning window today (blue).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from workplan_cli.digest import Digest
from workplan_cli.i18n import Msg, tr
from workplan_cli.model import Owner
from workplan_cli.schedule import Entry
from workplan_cli.views.digest_render import Labels, deadline_text, standing

RED, YELLOW, BLUE, GREEN = "red", "yellow", "blue", "green"


@dataclass(frozen=True, slots=True)
class Item:
    colour: str
    id: str
    initiative: str
    task: str
    deadline: str
    standing: str
    owner: str  # "责任单位：改革科", already labelled
    contacts: tuple[Owner, ...] = ()  # people to @ (overdue items only)


@dataclass(frozen=True, slots=True)
class Section:
    colour: str
    heading: str
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class Count:
    colour: str
    text: str


@dataclass(frozen=True, slots=True)
class Notice:
    title: str  # 工作计划周报 2024-06-17
    plan_title: str
    counts: tuple[Count, ...]
    sections: tuple[Section, ...]
    nothing: str  # said when no section has an item
    lang: str

    @property
    def colour(self) -> str:
        """The most urgent colour present: a Feishu card's header takes it."""
        present = {item.colour for section in self.sections for item in section.items}
        return next((c for c in (RED, YELLOW, BLUE) if c in present), GREEN)

    @property
    def is_empty(self) -> bool:
        return not any(section.items for section in self.sections)


_CLIP = 120  # characters: what a title, owner or deadline may take of a message; only a task is longer


def clip(text: str) -> str:
    """Short enough that a message's head and an item's line less its task always fit the smallest
    limit (WeCom text, 2048 bytes): a hostile or mistaken title cannot make a message unsendable."""
    return text if len(text) <= _CLIP else text[: _CLIP - 1] + "…"


def without_mentions(notice: Notice) -> Notice:
    """The same notice with nobody to @ (a channel with ``mention: false``)."""
    sections = tuple(
        replace(section, items=tuple(replace(item, contacts=()) for item in section.items))
        for section in notice.sections
    )
    return replace(notice, sections=sections)


def who_answers(entry: Entry) -> tuple[str, ...]:
    """The units and the leader answerable for a milestone: a channel's ``for:`` and @ match these."""
    initiative, milestone = entry.initiative, entry.milestone
    named = (*initiative.units_of(milestone), initiative.leader_of(milestone))
    return tuple(dict.fromkeys(n for n in named if n))


def _item(entry: Entry, colour: str, labels: Labels, contacts: Mapping[str, Owner] | None) -> Item:
    people = tuple(contacts[name] for name in who_answers(entry) if name in contacts) if contacts else ()
    return Item(
        colour=colour,
        id=entry.milestone.id,
        initiative=clip(entry.initiative.title),
        task=entry.milestone.task,
        deadline=clip(deadline_text(entry)),
        standing=standing(entry, labels),
        owner=clip(labels.owner.format(owner=entry.responsible or labels.no_owner)),
        contacts=tuple(dict.fromkeys(people)),
    )


def digest_notice(digest: Digest, labels: Labels, lang: str, contacts: Mapping[str, Owner] | None) -> Notice:
    """The weekly digest for a group: counts, then overdue (with @), due and closed items."""
    counts = [Count(RED, labels.overdue.format(n=len(digest.overdue)))]
    if digest.newly_overdue:
        counts.append(Count(RED, labels.newly_overdue.format(n=len(digest.newly_overdue))))
    behind = labels.behind.format(n=len(digest.behind))
    if digest.behind:  # needs a reported percent: shown once some milestone is behind schedule
        counts.append(Count(YELLOW, behind))
    counts.append(Count(BLUE, labels.due.format(n=len(digest.due), window=digest.window)))
    counts.append(Count(GREEN, labels.closed.format(n=len(digest.closed))))
    sections = (
        Section(RED, counts[0].text, tuple(_item(e, RED, labels, contacts) for e in digest.overdue)),
        *([Section(YELLOW, behind, _items(digest.behind, YELLOW, labels))] if digest.behind else []),
        Section(BLUE, labels.due.format(n=len(digest.due), window=digest.window), _items(digest.due, BLUE, labels)),
        Section(GREEN, labels.closed.format(n=len(digest.closed)), _items(digest.closed, GREEN, labels)),
    )
    heading = labels.heading.format(as_of=digest.as_of.isoformat())
    if digest.owner:
        heading += labels.for_owner.format(owner=digest.owner)
    return Notice(clip(heading), clip(digest.title), tuple(counts), sections, labels.nothing, lang)


def _items(entries: Sequence[Entry], colour: str, labels: Labels) -> tuple[Item, ...]:
    return tuple(_item(e, colour, labels, None) for e in entries)


def remind_notice(
    title: str,
    today: date,
    window: int,
    became_overdue: Sequence[Entry],
    entered_window: Sequence[Entry],
    labels: Labels,
    lang: str,
    contacts: Mapping[str, Owner] | None,
) -> Notice:
    """Today's reminder: only what became overdue today and what entered the warning window today."""
    overdue_heading = tr(Msg.NOTIFY_BECAME_OVERDUE, lang, n=len(became_overdue))
    due_heading = tr(Msg.NOTIFY_ENTERED_WINDOW, lang, n=len(entered_window), window=window)
    return Notice(
        title=tr(Msg.NOTIFY_REMIND_TITLE, lang, as_of=today.isoformat()),
        plan_title=clip(title),
        counts=(Count(RED, overdue_heading), Count(BLUE, due_heading)),
        sections=(
            Section(RED, overdue_heading, tuple(_item(e, RED, labels, contacts) for e in became_overdue)),
            Section(BLUE, due_heading, _items(entered_window, BLUE, labels)),
        ),
        nothing=tr(Msg.NOTIFY_NOTHING_TODAY, lang),
        lang=lang,
    )
