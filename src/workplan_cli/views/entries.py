"""A progress entry (进展情况) in words, for every view that shows one: the table, the ledger, the digest."""

from __future__ import annotations

from workplan_cli.i18n import Msg, tr
from workplan_cli.model import Note


def entry_source(note: Note, lang: str) -> str:
    """``2024-06 改革科`` (the period and the unit), ``60%`` added when a percent was reported."""
    parts = [part for part in (note.period, note.by) if part]
    if note.percent is not None:
        parts.append(f"{note.percent}%")
    return " ".join(parts) if lang == "zh" else ", ".join(parts)


def entry_lines(note: Note, lang: str) -> list[str]:
    """The entry's fields, one labelled line each; a plain note is its text."""
    if not note.is_entry:
        return [note.text]
    lines = []
    for key, value in (("progress", note.progress), ("problems", note.problems), ("next", note.next)):
        if value:
            lines.append(tr(Msg(f"entry.{key}"), lang, text=value))
    if note.text and note.text != note.progress:
        lines.insert(0, note.text)
    if note.evidence:
        lines.append(
            tr(Msg.ENTRY_EVIDENCE, lang, text="、".join(note.evidence) if lang == "zh" else ", ".join(note.evidence))
        )
    return lines or [tr(Msg.ENTRY_EMPTY, lang)]


def entry_summary(note: Note, lang: str) -> str:
    """One line: ``[2024-06 改革科 60%] 进展：…；问题：…``."""
    source = entry_source(note, lang)
    body = ("；" if lang == "zh" else "; ").join(entry_lines(note, lang))
    return f"[{source}] {body}" if source else body
