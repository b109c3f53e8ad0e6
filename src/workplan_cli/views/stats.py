"""Progress per section and per owner: done, done late, overdue, due, upcoming, ongoing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from workplan_cli.i18n import Msg, tr
from workplan_cli.model import Status
from workplan_cli.schedule import Entry
from workplan_cli.views.literal import literal
from workplan_cli.views.plain import STATUS_STYLE


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
    owners = tally(entries, lambda e: e.responsible or tr(Msg.STATS_NO_OWNER, lang))
    everything = tally(entries, lambda e: tr(Msg.STATS_WHOLE, lang))
    return sections, owners, everything


def bar(share: float, width: int = 12) -> Text:
    filled = round(share * width)
    text = Text("█" * filled, style="green")
    text.append("░" * (width - filled), style="dim")
    text.append(f" {share:4.0%}")
    return text


# The counted columns: their label, the symbol that stands for it below 120 columns, and colour.
_COUNTS = (
    (Msg.STATUS_DONE, "✓", Status.DONE),
    (Msg.STATS_DONE_LATE, "✓!", Status.DONE),
    (Msg.STATUS_OVERDUE, "●", Status.OVERDUE),
    (Msg.STATUS_DUE, "◆", Status.DUE),
    (Msg.STATUS_UPCOMING, "○", Status.UPCOMING),
    (Msg.STATUS_ONGOING, "~", Status.ONGOING),
)
FULL_HEADERS, BAR = 120, 100  # from these widths: the counts' full names, and the progress bar


def _table(title: str, first_column: str, rows: Sequence[Tally], lang: str, width: int) -> Table:
    table = Table(
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold", title=title, title_justify="left"
    )
    table.add_column(first_column, overflow="fold", min_width=10)
    for key, symbol, status in _COUNTS:
        label = tr(key, lang) if width >= FULL_HEADERS else symbol
        table.add_column(Text(label, style=STATUS_STYLE[status]), justify="right", no_wrap=True)
    table.add_column(tr(Msg.STATS_PROGRESS, lang) if width >= FULL_HEADERS else "%", no_wrap=True)
    for row in rows:
        share = bar(row.share_done) if width >= BAR else Text(f"{row.share_done:4.0%}")
        table.add_row(
            Text(literal(row.name)),
            str(row.done),
            str(row.done_late),
            str(row.overdue),
            str(row.due),
            str(row.upcoming),
            str(row.ongoing),
            share + Text(f" {row.done}/{row.dated}"),
        )
    return table


def legend(lang: str) -> Text:
    """What the symbols of a narrow table stand for."""
    line = Text()
    for key, symbol, status in _COUNTS:
        line.append(f"{symbol} {tr(key, lang)}  ", style=STATUS_STYLE[status])
    line.append(f"% {tr(Msg.STATS_PROGRESS, lang)}")
    return line


def stats_view(entries: Sequence[Entry], lang: str = "en", width: int = 200) -> RenderableType:
    """The three tables, laid out for ``width`` columns: below 120 the counts are headed by symbols."""
    if not entries:
        return Text(tr(Msg.STATS_EMPTY, lang))
    sections, owners, everything = _groups(entries, lang)
    parts: list[RenderableType] = [
        _table(tr(Msg.STATS_BY_SECTION, lang), tr(Msg.SHOW_SECTION, lang), sections, lang, width),
        Text(""),
        _table(tr(Msg.STATS_BY_OWNER, lang), tr(Msg.COL_OWNER, lang), owners, lang, width),
        Text(""),
    ]
    if any(e.leader for e in entries):
        leaders = tally(entries, lambda e: e.leader or tr(Msg.STATS_NO_OWNER, lang))
        parts += [_table(tr(Msg.STATS_BY_LEADER, lang), tr(Msg.SHOW_LEADER, lang), leaders, lang, width), Text("")]
    parts.append(_table(tr(Msg.STATS_WHOLE, lang), "", everything, lang, width))
    if width < FULL_HEADERS:
        parts += [Text(""), legend(lang)]
    return Group(*parts)
