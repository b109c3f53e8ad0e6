"""Progress per section and per owner: done, done late, overdue, due, upcoming, ongoing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from workplan_cli.i18n import tr
from workplan_cli.model import Status
from workplan_cli.schedule import Entry
from workplan_cli.views.literal import literal
from workplan_cli.views.terminal import STATUS_STYLE


@dataclass(frozen=True, slots=True)
class Tally:
    name: str
    done: int
    done_late: int
    overdue: int
    due: int
    upcoming: int
    ongoing: int

    @property
    def dated(self) -> int:
        return self.done + self.overdue + self.due + self.upcoming

    @property
    def share_done(self) -> float:
        return self.done / self.dated if self.dated else 0.0


def tally(entries: Sequence[Entry], key: Callable[[Entry], str]) -> list[Tally]:
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(key(entry), []).append(entry)
    result = []
    for name, members in groups.items():
        count = {s: sum(1 for e in members if e.status is s) for s in Status}
        # An ongoing milestone closed by hand counts as done but has no deadline to be late for.
        done_dated = sum(1 for e in members if e.status is Status.DONE and e.dated)
        result.append(
            Tally(
                name,
                done_dated,
                sum(1 for e in members if e.days_late),
                count[Status.OVERDUE],
                count[Status.DUE],
                count[Status.UPCOMING],
                count[Status.ONGOING],
            )
        )
    return result


def tally_object(row: Tally) -> dict[str, object]:
    """One row of `stats --json`."""
    return {
        "name": row.name,
        "done": row.done,
        "done_late": row.done_late,
        "overdue": row.overdue,
        "due": row.due,
        "upcoming": row.upcoming,
        "ongoing": row.ongoing,
        "dated": row.dated,
        "share_done": round(row.share_done, 4),
    }


def stats_object(entries: Sequence[Entry], lang: str = "en") -> dict[str, object]:
    """`stats --json`: the same three tables as numbers."""
    sections, owners, everything = _groups(entries, lang)
    return {
        "by_section": [tally_object(row) for row in sections],
        "by_owner": [tally_object(row) for row in owners],
        "whole": tally_object(everything[0]) if everything else None,
    }


def _groups(entries: Sequence[Entry], lang: str) -> tuple[list[Tally], list[Tally], list[Tally]]:
    sections = tally(entries, lambda e: e.initiative.section or e.initiative.id.split(".")[0])
    owners = tally(entries, lambda e: e.responsible or tr("stats.no_owner", lang))
    everything = tally(entries, lambda e: tr("stats.whole", lang))
    return sections, owners, everything


def bar(share: float, width: int = 12) -> Text:
    filled = round(share * width)
    text = Text("█" * filled, style="green")
    text.append("░" * (width - filled), style="dim")
    text.append(f" {share:4.0%}")
    return text


def _table(title: str, first_column: str, rows: Sequence[Tally], lang: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", title=title, title_justify="left")
    table.add_column(first_column, overflow="fold", ratio=1)
    for key, status in (
        ("status.done", Status.DONE),
        ("stats.done_late", Status.DONE),
        ("status.overdue", Status.OVERDUE),
        ("status.due", Status.DUE),
        ("status.upcoming", Status.UPCOMING),
        ("status.ongoing", Status.ONGOING),
    ):
        table.add_column(Text(tr(key, lang), style=STATUS_STYLE[status]), justify="right", no_wrap=True)
    table.add_column(tr("stats.progress", lang), no_wrap=True)
    for row in rows:
        table.add_row(
            Text(literal(row.name)),
            str(row.done),
            str(row.done_late),
            str(row.overdue),
            str(row.due),
            str(row.upcoming),
            str(row.ongoing),
            bar(row.share_done) + Text(f" {row.done}/{row.dated}"),
        )
    return table


def stats_view(entries: Sequence[Entry], lang: str = "en") -> RenderableType:
    if not entries:
        return Text(tr("stats.empty", lang))
    sections, owners, everything = _groups(entries, lang)
    tables = [
        _table(tr("stats.by_section", lang), tr("show.section", lang), sections, lang),
        _table(tr("stats.by_owner", lang), tr("show.owner", lang), owners, lang),
    ]
    if any(e.leader for e in entries):
        leaders = tally(entries, lambda e: e.leader or tr("stats.no_owner", lang))
        tables.append(_table(tr("stats.by_leader", lang), tr("show.leader", lang), leaders, lang))
    return Group(*tables, _table(tr("stats.whole", lang), "", everything, lang))
