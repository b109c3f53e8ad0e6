"""Minimal, safe edits of plan files: record a done date, clear it, add a progress note, change a
field of a milestone or initiative, append a new milestone.

Plan files are edited by people and merged by git, so an edit here behaves like a careful person
with a text editor: it changes only the lines of the milestone concerned and keeps every other byte
(comments, quoting, key order, blank lines, CRLF line endings, a BOM, permissions). The node marks
of the YAML parser give the exact position of each value. The result is parsed again and compared
with what was intended before it replaces the file, and the replacement is atomic: a temporary file
in the same folder, fsync, rename. The file is locked meanwhile, so two edits at once both land.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from workplan_cli.errors import EditRefusedError
from workplan_cli.i18n import EditMsg
from workplan_cli.safewrite import atomic_replace, check_writable, locked
from workplan_cli.yamlnodes import NULL_TAG, YAML_LOADER, yaml_reason
from workplan_cli.yamltext import quoted, scalar

_NULL = NULL_TAG

NoteValue = str | tuple[str, ...]  # a note's value: text, or a list of texts (evidence)


@dataclass(frozen=True, slots=True)
class Change:
    """What to do to one milestone: set or clear plain values (done, closed_through), append a note.

    ``milestone_id`` may also be the file's initiative id: its own values (title, owner…) change.
    With ``new_milestone``, a milestone of that id is appended with those values (in that order).
    """

    milestone_id: str
    values: tuple[tuple[str, str | None], ...] = ()  # (key, new text); None empties the value
    note: tuple[date, str] | None = None  # (date, text); an empty text is left out when note_fields has keys
    note_fields: tuple[tuple[str, NoteValue], ...] = ()  # more keys of that note: a progress entry's fields
    new_milestone: tuple[tuple[str, str | None], ...] = ()
    drop: tuple[str, ...] = ()  # keys whose whole line goes (a one-line value), such as deadline_was

    @classmethod
    def done_on(cls, milestone_id: str, day: date | None, note: tuple[date, str] | None = None) -> Change:
        """Record the done date, or clear it with ``None`` (reopen)."""
        return cls(milestone_id, (("done", day.isoformat() if day else None),), note)

    @classmethod
    def closed_through(cls, milestone_id: str, period: str | None, note: tuple[date, str] | None = None) -> Change:
        """A recurring milestone: every period up to ``period`` is closed (None: none is)."""
        return cls(milestone_id, (("closed_through", period),), note)


# ---------------------------------------------------------------------------------------------
# Text surgery guided by node marks


@dataclass
class _Document:
    text: str  # without BOM
    eol: str

    def compose(self, path: Path) -> yaml.MappingNode:
        try:
            node = yaml.compose(self.text, Loader=YAML_LOADER)
        except yaml.MarkedYAMLError as err:
            mark = err.problem_mark or err.context_mark
            where = f"{path}:{mark.line + 1}" if mark else str(path)
            what = yaml_reason(err, with_context=False)
            raise EditRefusedError(EditMsg.NOT_VALID_YAML, where=where, what=what) from None
        if not isinstance(node, yaml.MappingNode):
            raise EditRefusedError(EditMsg.NOT_AN_INITIATIVE_FILE, path=path)
        return node


def _value(mapping: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    for key_node, value_node in mapping.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def _milestone_node(root: yaml.MappingNode, milestone_id: str, path: Path) -> yaml.MappingNode:
    own_id = _value(root, "id")
    if own_id is not None and isinstance(own_id[1], yaml.ScalarNode) and own_id[1].value == milestone_id:
        return root  # the initiative itself
    found = _value(root, "milestones")
    items = found[1].value if found and isinstance(found[1], yaml.SequenceNode) else []
    for item in items:
        if isinstance(item, yaml.MappingNode):
            id_entry = _value(item, "id")
            if id_entry and isinstance(id_entry[1], yaml.ScalarNode) and id_entry[1].value == milestone_id:
                if item.flow_style:
                    line = item.start_mark.line + 1
                    raise EditRefusedError(
                        EditMsg.FLOW_STYLE_MILESTONE, path=path, line=line, milestone_id=milestone_id
                    )
                return item
    raise EditRefusedError(EditMsg.NO_SUCH_MILESTONE_IN_FILE, path=path, milestone_id=milestone_id)


def _end_of_subtree(node: yaml.Node) -> int:
    """Index just past the last character of a node's content."""
    if isinstance(node, yaml.MappingNode):
        return max((_end_of_subtree(v) for _, v in node.value), default=node.start_mark.index)
    if isinstance(node, yaml.SequenceNode):
        return max((_end_of_subtree(v) for v in node.value), default=node.start_mark.index)
    return int(node.end_mark.index)


def _line_start_after(text: str, index: int) -> int:
    """Where a new line can be inserted after the line holding ``index`` (or at it, if at a line start)."""
    if index > 0 and text[index - 1] == "\n":
        return index
    newline = text.find("\n", index)
    return len(text) if newline == -1 else newline + 1


def _insert_lines(doc: _Document, at: int, lines: Sequence[str]) -> None:
    prefix = "" if at == 0 or doc.text[at - 1] == "\n" else doc.eol  # a last line without a newline
    doc.text = doc.text[:at] + prefix + "".join(line + doc.eol for line in lines) + doc.text[at:]


def _set_scalar(doc: _Document, item: yaml.MappingNode, key: str, value: str | None, path: Path) -> None:
    """Replace a scalar's text in place, or add ``key: value`` as a new line of the mapping."""
    entry = _value(item, key)
    if entry is not None:
        _, node = entry
        if not isinstance(node, yaml.ScalarNode) or node.style in ("|", ">"):
            raise EditRefusedError(EditMsg.NOT_A_PLAIN_VALUE, path=path, line=node.start_mark.line + 1, key=key)
        start, end = node.start_mark.index, node.end_mark.index
        if value is None:
            while start > 0 and doc.text[start - 1] in " \t":  # "done: 2024-03-28" -> "done:"
                start -= 1
            doc.text = doc.text[:start] + doc.text[end:]
        else:
            space = "" if start > 0 and doc.text[start - 1] in " \t" else " "
            doc.text = doc.text[:start] + space + _written(value) + doc.text[end:]
        return
    if value is None:
        return
    indent = " " * item.value[0][0].start_mark.column
    # Keep a new key above the lists and long text (a milestone's notes, an initiative's text and
    # milestones), so it sits with the item's own short fields.
    below = [entry[0] for k in ("notes", "text", "milestones") if (entry := _value(item, k))]
    at = (
        _line_start_of(doc.text, min(node.start_mark.index for node in below))
        if below
        else _line_start_after(doc.text, _end_of_subtree(item))
    )
    _insert_lines(doc, at, [f"{indent}{key}: {_written(value)}"])


def _written(value: str) -> str:
    """``value`` as YAML text. Dates and period labels (2024-03-28, 2024-06, 2024-Q2) plain, as people
    write them; other text plain where any YAML reader reads it back unchanged, else double-quoted."""
    return value if _DAY_OR_PERIOD.fullmatch(value) else scalar(value)


_DAY_OR_PERIOD = re.compile(r"[0-9]{4}-(?:[0-9]{2}(?:-[0-9]{2})?|Q[1-4]|W[0-9]{2})")


def _drop_key(doc: _Document, item: yaml.MappingNode, key: str, path: Path) -> None:
    entry = _value(item, key)
    if entry is None:
        return
    key_node, node = entry
    if not isinstance(node, yaml.ScalarNode) or node.end_mark.line != key_node.start_mark.line:
        raise EditRefusedError(EditMsg.SPANS_LINES, path=path, line=key_node.start_mark.line + 1, key=key)
    start = _line_start_of(doc.text, key_node.start_mark.index)
    doc.text = doc.text[:start] + doc.text[_line_start_after(doc.text, node.end_mark.index) :]


def _append_milestone(doc: _Document, root: yaml.MappingNode, change: Change, path: Path) -> None:
    """Add a milestone after the last one, in the style of the list: same dash and key indentation."""
    entry = _value(root, "milestones")
    if entry is None or not isinstance(entry[1], yaml.SequenceNode) or not entry[1].value or entry[1].flow_style:
        raise EditRefusedError(EditMsg.MILESTONES_NOT_A_BLOCK_LIST, path=path)
    sequence = entry[1]
    first = sequence.value[0]
    dash = " " * sequence.start_mark.column
    indent = " " * (first.value[0][0].start_mark.column if isinstance(first, yaml.MappingNode) else len(dash) + 2)
    lines = [f"{dash}- id: {quoted(change.milestone_id)}"]
    lines += [
        f"{indent}{key}: {_written(value)}" if value else f"{indent}{key}:" for key, value in change.new_milestone
    ]
    _insert_lines(doc, _line_start_after(doc.text, _end_of_subtree(sequence)), lines)


def _line_start_of(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _note_value(value: NoteValue) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(quoted(part) for part in value) + "]"
    return value if value.isdigit() and value.isascii() else scalar(value)  # percent: 60, by: 改革科


def _note_lines(on: date, note: str, fields: Sequence[tuple[str, NoteValue]]) -> list[str]:
    text = [f"  text: {quoted(note)}"] if note or not fields else []
    return [f"- date: {on.isoformat()}", *text, *(f"  {key}: {_note_value(value)}" for key, value in fields)]


def _append_note(
    doc: _Document, item: yaml.MappingNode, on: date, note: str, fields: Sequence[tuple[str, NoteValue]] = ()
) -> None:
    key_indent = " " * item.value[0][0].start_mark.column
    entry = _value(item, "notes")
    if entry is not None and isinstance(entry[1], yaml.SequenceNode) and entry[1].value and not entry[1].flow_style:
        dash = " " * entry[1].start_mark.column
        at = _line_start_after(doc.text, _end_of_subtree(entry[1]))
        header: list[str] = []
    elif entry is not None:
        key_node, value_node = entry
        if not (isinstance(value_node, yaml.ScalarNode) and value_node.tag == _NULL):
            raise EditRefusedError(EditMsg.NOTES_NOT_A_BLOCK_LIST, line=key_node.start_mark.line + 1)
        # `notes:` (or `notes: ~`) with nothing in it: drop the empty value, list under the key.
        start, end = value_node.start_mark.index, value_node.end_mark.index
        while start > 0 and doc.text[start - 1] in " \t":
            start -= 1
        doc.text = doc.text[:start] + doc.text[end:]
        dash = key_indent + "  "
        at = _line_start_after(doc.text, start)
        header = []
    else:
        dash = key_indent + "  "
        at = _line_start_after(doc.text, _end_of_subtree(item))
        header = [f"{key_indent}notes:"]
    _insert_lines(doc, at, [*header, *(dash + line for line in _note_lines(on, note, fields))])


# ---------------------------------------------------------------------------------------------
# Checking the result: the new file must mean exactly the old one plus the intended change


def _plain(node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return {_plain(k): _plain(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_plain(v) for v in node.value]
    return None if node.tag == _NULL else str(node.value)


def _expected(before: dict[str, Any], changes: Sequence[Change]) -> dict[str, Any]:
    for change in changes:
        if change.new_milestone:
            before["milestones"].append({"id": change.milestone_id, **dict(change.new_milestone)})
            continue
        item = (
            before
            if before.get("id") == change.milestone_id
            else next(m for m in before["milestones"] if isinstance(m, dict) and m.get("id") == change.milestone_id)
        )
        for key, value in change.values:
            if value is not None or key in item:
                item[key] = value
        for key in change.drop:
            item.pop(key, None)
        if change.note is not None:
            on, text = change.note
            written: dict[str, Any] = {"date": on.isoformat()} | (
                {"text": text} if text or not change.note_fields else {}
            )
            written |= {key: list(value) if isinstance(value, tuple) else value for key, value in change.note_fields}
            item["notes"] = [*(item.get("notes") or []), written]
    return before


def apply_changes(raw: bytes, changes: Sequence[Change], path: Path) -> bytes:
    """The file's new bytes with ``changes`` applied, checked by parsing them again. Pure."""
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    try:
        text = raw[len(bom) :].decode("utf-8")
    except UnicodeDecodeError:
        raise EditRefusedError(EditMsg.NOT_UTF8, path=path) from None
    doc = _Document(text, "\r\n" if "\r\n" in text.split("\n", 1)[0] + "\n" else "\n")
    before = _plain(doc.compose(path))
    for change in changes:
        if change.new_milestone:
            _append_milestone(doc, doc.compose(path), change, path)
            continue
        for key, value in change.values:
            item = _milestone_node(doc.compose(path), change.milestone_id, path)
            _set_scalar(doc, item, key, value, path)
        if change.note is not None:
            item = _milestone_node(doc.compose(path), change.milestone_id, path)
            _append_note(doc, item, *change.note, change.note_fields)
        for key in change.drop:
            _drop_key(doc, _milestone_node(doc.compose(path), change.milestone_id, path), key, path)
    after = _plain(doc.compose(path))
    if after != _expected(before, changes):
        raise EditRefusedError(EditMsg.EDIT_TOO_WIDE, path=path)
    return bom + doc.text.encode("utf-8")


def edit_plan_file(path: Path, changes: Sequence[Change] | Callable[[bytes], Sequence[Change]]) -> bool:
    """Apply ``changes`` to one plan file under its lock. Returns False when nothing had to change.

    ``changes`` may be a function of the file's bytes as read under the lock: a change that
    depends on the file, such as the next free milestone id, is then decided by one writer at a time.
    """
    if os.path.exists(path):  # refused before the lock file is made beside it
        check_writable(path, Path(os.path.realpath(path)))
    with locked(path) as target:
        check_writable(path, target)
        raw = target.read_bytes()
        new = apply_changes(raw, changes(raw) if callable(changes) else changes, path)
        if new == raw:
            return False
        atomic_replace(target, new, locked=True)
        return True
