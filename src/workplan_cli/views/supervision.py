"""The supervision cycle on the terminal: what an ingest will change, and who is behind (催办)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from workplan_cli.i18n import Msg, tr
from workplan_cli.ingest import IngestPlan
from workplan_cli.model import Note, Owner
from workplan_cli.supervision import Chase
from workplan_cli.views.entries import entry_summary
from workplan_cli.views.literal import literal
from workplan_cli.views.plain import days_text
from workplan_cli.views.terminal import deadline_cell, text


def ingest_lines(planned: IngestPlan, lang: str) -> list[tuple[Text, bool]]:
    """(line, goes to stderr): refused forms and conflicts to stderr, the changes to stdout."""
    lines: list[tuple[Text, bool]] = []
    for path, problems in planned.refused:
        lines.append((text(tr(Msg.INGEST_REFUSED, lang, path=path), "bold red"), True))
        lines += [
            (text(f"{path}:{p.text(lang)}" if p.cell else f"{path}: {p.text(lang)}", "red"), True) for p in problems
        ]
    for warning in planned.warnings:
        lines.append((text(tr(Msg.WARNING, lang, message=warning.text(lang)), "yellow"), True))
    for conflict in planned.conflicts:
        lines.append((text(tr(Msg.INGEST_CONFLICT, lang, message=conflict.text(lang)), "yellow"), True))
    for item in planned.writes:
        fields = dict(item.change.note_fields)
        assert item.change.note is not None  # an ingest change always carries its note
        note = Note(
            item.change.note[0],
            "",
            progress=item.row.progress,
            problems=item.row.problems,
            next=item.row.next,
            percent=item.row.percent,
            evidence=item.row.evidence,
            by=str(fields["by"]),
            period=str(fields["period"]),
        )
        line = Text(f"+ {literal(item.milestone.id)}  ", style="green")
        line.append(literal(entry_summary(note, lang)))
        if item.closes is not None:
            line.append("  " + tr(Msg.INGEST_CLOSES, lang, date=item.closes.isoformat()), style="bold green")
        elif item.requests is not None:
            line.append("  " + tr(Msg.INGEST_REQUESTS, lang, date=item.requests.isoformat()), style="yellow")
        line.append(f"  ({literal(str(item.initiative.file))})", style="dim")
        lines.append((line, False))
    lines += [(text(f"= {skipped.text(lang)}", "dim"), False) for skipped in planned.unchanged]
    return lines


def ingest_outcome(planned: IngestPlan, changed: Sequence[Path], *, written: bool, lang: str) -> Text:
    count = len(planned.writes)
    if written and count:
        return Text(tr(Msg.INGEST_WROTE, lang, n=count, files=len(changed)), style="green")
    if count:
        return Text(tr(Msg.INGEST_PREVIEW, lang, n=count), style="yellow")
    return Text(tr(Msg.INGEST_NOTHING, lang))


def chase_view(result: Chase, owners: Mapping[str, Owner], lang: str) -> RenderableType:
    parts: list[RenderableType] = []
    heading = tr(
        Msg.CHASE_HEADING,
        lang,
        period=result.period.label,
        missing=len(result.missing),
        answered=len(result.answered),
    )
    parts.append(Text(heading, style="bold"))
    if result.missing:
        units = Table(box=box.SIMPLE_HEAD, header_style="bold", title=tr(Msg.CHASE_UNITS, lang), title_justify="left")
        for name in (Msg.CHASE_COL_UNIT, Msg.CHASE_COL_CONTACT, Msg.CHASE_COL_MILESTONES):
            units.add_column(tr(name, lang), overflow="fold")
        for unit, entries in result.missing:
            owner = owners.get(unit)
            reachable = [*owner.emails, owner.mobile] if owner else []
            contact = ", ".join(part for part in reachable if part) or tr(Msg.CHASE_NO_CONTACT, lang)
            ids = " ".join(e.milestone.id for e in entries)
            units.add_row(text(unit, "bold red"), text(contact), text(f"{len(entries)}: {ids}"))
        parts.append(units)
    if result.answered:
        parts.append(Text(tr(Msg.CHASE_ANSWERED, lang, units="、".join(result.answered)), style="green"))
    if result.overdue_unreported:
        late = Table(box=box.SIMPLE_HEAD, header_style="bold", title=tr(Msg.CHASE_OVERDUE, lang), title_justify="left")
        for name in (Msg.COL_ID, Msg.COL_TASK, Msg.COL_DEADLINE, Msg.COL_DAYS, Msg.CHASE_COL_UNIT):
            late.add_column(tr(name, lang), overflow="fold")
        for entry in result.overdue_unreported:
            late.add_row(
                text(entry.milestone.id),
                text(entry.milestone.task),
                deadline_cell(entry, lang),
                Text(days_text(entry, lang), style="red"),
                text("、".join(entry.units) or "—"),
            )
        parts.append(late)
    if result.is_empty:
        parts.append(Text(tr(Msg.CHASE_NOTHING, lang), style="green"))
    return Group(*parts)
