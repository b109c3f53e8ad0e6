"""`workplan log`: the plan's history in words, one block per commit, newest first."""

from __future__ import annotations

import json
from collections.abc import Sequence

from rich.text import Text

from workplan_cli.history import HistoryEntry
from workplan_cli.i18n import Msg, tr
from workplan_cli.views.literal import literal


def history_lines(entries: Sequence[HistoryEntry], lang: str = "en") -> list[Text]:
    """Date, author, commit and subject on one line; each change indented below it."""
    if not entries:
        return [Text(tr(Msg.HISTORY_EMPTY, lang))]
    lines: list[Text] = []
    for entry in entries:
        head = Text()
        head.append(entry.when.strftime("%Y-%m-%d %H:%M"), style="bold")
        head.append(f"  {literal(entry.author)}  ")
        head.append(entry.commit[:10], style="yellow")
        head.append(f"  {literal(entry.subject)}", style="dim")
        lines.append(head)
        for change in entry.changes:
            line = Text("    ")
            line.append(literal(change.item_id), style="cyan")
            line.append(f"  {literal(change.text(lang))}")
            lines.append(line)
    return lines


def history_json(entries: Sequence[HistoryEntry], lang: str = "en") -> str:
    """A JSON array, newest first: commit, date, author, email, subject, changes (id, change, field,
    from, to, text)."""
    return json.dumps([entry.as_json(lang) for entry in entries], ensure_ascii=False, indent=2) + "\n"
