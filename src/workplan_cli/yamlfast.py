"""A fast composer for the YAML that workplan itself writes, giving libyaml's node tree or nothing.

Import, edits and the benchmark generator write initiative files in one fixed block style (see
``yamltext``): ``key: value`` lines at fixed indentation, plain or double-quoted scalars on one line,
``|-`` literal blocks, ``- `` items, comment lines. A cold load of a large plan spends most of its
time composing such files, and libyaml's general parser (with PyYAML's node building) costs more
than reading this narrow form line by line. ``compose`` accepts a text only when every line is in
that strict, unambiguous subset and then returns exactly the nodes libyaml would (classes, tags
under the text resolver, values, styles, start and end marks); for anything else, however harmless
(tabs, flow collections, a ``#`` or ``: `` inside a plain value, a plain scalar continued on the
next line, trailing spaces, quotes with unusual escapes, anchors, tags, documents markers…), it
returns None and the caller composes with libyaml, which also reports the errors.
``tests/test_yamlfast.py`` compares the two on every YAML file of the repository and on thousands of
mutations of them.
"""

from __future__ import annotations

import re
import sys
from typing import Any, NamedTuple

import yaml

Mark: Any  # libyaml's mark class where CParser is there (the stubs know only yaml.error.Mark)
try:
    from yaml._yaml import Mark

    _PLAIN_STYLE: str | None = ""  # libyaml reports a plain scalar's style as ""
except ImportError:  # without libyaml the pure-Python parser composes, and gives None
    from yaml.error import Mark

    _PLAIN_STYLE = None

_CORE = "tag:yaml.org,2002:"
_STR, _NULL, _MAP, _SEQ = f"{_CORE}str", f"{_CORE}null", f"{_CORE}map", f"{_CORE}seq"
_NULL_WORDS = frozenset(("~", "null", "Null", "NULL"))  # as yamlnodes' text resolver reads plain scalars
_NAME = "<unicode string>"

# Characters libyaml refuses or treats as line breaks (NEL, LS, PS), and tab and CR, which need
# rules this composer does not implement: any of them sends the text to libyaml. (Named as a
# class of its own: the complement, a class of what is allowed, takes 3 ms to compile.)
_UNUSUAL_CHARACTER = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
# Nesting: a key opens a block only while fewer than this many are open, and an item's mapping
# adds one more, so no node accepted is more than _MOST_OPEN + 2 levels down, well within
# yamlnodes.MAX_DEPTH (32): callers need not measure the depth.
_MOST_OPEN = 15
_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]{0,99}")
# A plain scalar starting with one of these is an indicator, a quoted or block scalar, an alias,
# a tag, a directive, or reserved; a space would be dropped.
_NOT_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@` ")
_ESCAPE = re.compile(r'\\(?:u([0-9A-Fa-f]{4})|(["\\/bfnrt]))')
_ESCAPED = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
# Keys already checked, each with its tag and one shared (interned) copy of its text: a plan
# repeats a dozen keys thousands of times, and the schema compares them with its own literals.
_KEYS_SEEN: dict[str, tuple[str, str]] = {}

ScalarNode, MappingNode, SequenceNode = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode
_BEFORE_ROOT = MappingNode(_MAP, [], None, None, False)


def compose(text: str) -> yaml.MappingNode | None:
    """The node tree libyaml composes from ``text`` (with the text resolver), or None when the text is
    not entirely in the subset read here."""
    if text[-1:] != "\n" or _UNUSUAL_CHARACTER.search(text) is not None:
        return None  # without a final line break libyaml's end marks follow rules of their own
    lines = text.split("\n")
    count = len(lines)
    name, plain_style, null_words = _NAME, _PLAIN_STYLE, _NULL_WORDS
    # The open block collections, the innermost last: (node, indentation, is it a sequence). The
    # innermost is also kept in locals: most lines continue it.
    stack: list[tuple[yaml.CollectionNode, int, bool]] = []
    root: yaml.MappingNode | None = None
    node: yaml.CollectionNode = _BEFORE_ROOT  # the first line of text, at no indentation, replaces it
    node_indent, in_sequence = -1, False
    # A key whose value is still unknown (``key:``, then maybe a nested block): the items of its
    # mapping, its node, its indentation and the mark after its colon (where libyaml puts an empty
    # value).
    pending: tuple[list[tuple[yaml.Node, yaml.Node]], yaml.Node, int, Any] | None = None
    offset = 0  # of the current line's first character in ``text``
    row = -1
    while row + 1 < count:
        row += 1
        line = lines[row]
        start = offset
        offset += len(line) + 1
        if not line:
            continue
        rest = line.lstrip(" ")
        if not rest:
            return None  # a line of spaces: blank, but kept out of the subset
        first = rest[0]
        if first == "#":
            continue
        indent = len(line) - len(rest)
        entry = first == "-" and rest[:2] == "- "
        if pending is not None:
            items, key_node, key_indent, after_colon = pending
            pending = None
            if indent > key_indent or (indent == key_indent and entry):
                if len(stack) >= _MOST_OPEN:
                    return None  # deep: libyaml composes, and yamlnodes measures the depth
                mark = Mark(name, start + indent, row, indent, None, None)
                node = (SequenceNode if entry else MappingNode)(_SEQ if entry else _MAP, [], mark, None, False)
                items.append((key_node, node))
                stack.append((node, indent, entry))
                node_indent, in_sequence = indent, entry
            else:
                items.append((key_node, ScalarNode(_NULL, "", after_colon, after_colon, plain_style)))
        if indent != node_indent or entry != in_sequence:
            # A line ending blocks, or the first: close what it leaves, and find the block it continues.
            closed = None
            while stack:
                open_node, open_indent, is_sequence = stack[-1]
                if indent < open_indent or (indent == open_indent and is_sequence and not entry):
                    if closed is None:
                        closed = Mark(name, start + indent, row, indent, None, None)
                    open_node.end_mark = closed
                    stack.pop()
                else:
                    break
            if not stack:
                if root is not None or indent or entry:
                    return None  # not one block mapping at the left edge
                root = MappingNode(_MAP, [], Mark(name, start, row, 0, None, None), None, False)
                stack.append((root, 0, False))
            node, node_indent, in_sequence = stack[-1]
            if indent != node_indent or entry != in_sequence:
                return None
        if in_sequence:  # an item of a sequence: a scalar, or a mapping starting on this line
            indent += 2
            rest = rest[2:]
            if not rest or rest[0] == " ":
                return None
            if ": " not in rest and rest[-1] != ":":
                item = _scalar(rest, start, row, indent)
                if item is None:
                    return None
                node.value.append(item)
                continue
            node = MappingNode(_MAP, [], Mark(name, start + indent, row, indent, None, None), None, False)
            stack[-1][0].value.append(node)
            stack.append((node, indent, False))
            node_indent, in_sequence = indent, False
        # A ``key: value`` line of the mapping ``node`` at column ``indent``.
        key, colon, value = rest.partition(": ")
        if not colon:
            if rest[-1] != ":":
                return None
            key = rest[:-1]
        seen = _KEYS_SEEN.get(key)
        if seen is None:
            if _checked_key(key) is None:
                return None
            seen = _KEYS_SEEN.get(key) or (_NULL if key in null_words else _STR, sys.intern(key))
        key_tag, key = seen
        column = indent + len(key)
        key_node = ScalarNode(
            key_tag,
            key,
            Mark(name, start + indent, row, indent, None, None),
            Mark(name, start + column, row, column, None, None),
            plain_style,
        )
        items = node.value
        if not value:
            column += 1
            pending = (items, key_node, indent, Mark(name, start + column, row, column, None, None))
            continue
        column += 2
        if value[0] not in _NOT_PLAIN_START and "#" not in value and ": " not in value and value[-1] not in ": ":
            end = column + len(value)
            items.append(
                (
                    key_node,
                    ScalarNode(
                        _NULL if value in null_words else _STR,
                        value,
                        Mark(name, start + column, row, column, None, None),
                        Mark(name, start + end, row, end, None, None),
                        plain_style,
                    ),
                )
            )
            continue
        if value == "|-":
            block = _literal(lines, row, indent, start + column, column)
            if block is None:
                return None
            literal, row, offset = block
            items.append((key_node, literal))
            continue
        scalar = _scalar(value, start, row, column)
        if scalar is None:
            return None
        items.append((key_node, scalar))
    if root is None:
        return None  # nothing but comments: libyaml says what that is
    if pending is not None:
        items, key_node, _, after_colon = pending
        items.append((key_node, ScalarNode(_NULL, "", after_colon, after_colon, plain_style)))
    end_of_stream = Mark(name, len(text), count - 1, 0, None, None)  # after the final line break
    for open_node, _, _ in stack:
        open_node.end_mark = end_of_stream
    return root


Values = dict[str, "str | None"]  # a flat mapping's keys and scalars (None: null)


class FlatFile(NamedTuple):
    """A file of the written form as plain values: what a reader of the node tree would get from
    it, when its top-level mapping holds only scalars and lists of flat mappings."""

    values: Values  # the top-level keys holding a scalar
    rows: dict[str, int]  # each top-level key's row (0-based)
    lists: dict[str, list[tuple[int, Values]]]  # the top-level keys holding a list: each item's row and values


def read_flat(text: str) -> FlatFile | None:
    """``text`` as a FlatFile, when it is in the subset ``compose`` reads and shaped as an initiative
    file is: keys at the left edge, each holding a scalar, a ``|-`` block or a list whose items
    (``  - ``) are mappings of scalars (keys at column 4); None for anything else. Skips the
    nodes a cold load of a large plan would build only to read these values."""
    if text[-1:] != "\n" or _UNUSUAL_CHARACTER.search(text) is not None:
        return None
    lines = text.split("\n")
    count = len(lines)
    keys_seen, not_plain_start, null_words = _KEYS_SEEN, _NOT_PLAIN_START, _NULL_WORDS
    values: Values = {}
    rows: dict[str, int] = {}
    lists: dict[str, list[tuple[int, Values]]] = {}
    written_empty: str | None = None  # a top-level key with nothing after its colon: a list follows, or null
    items: list[tuple[int, Values]] | None = None  # the list being read
    item: Values = {}  # the item being read
    row = -1
    while row + 1 < count:
        row += 1
        line = lines[row]
        if not line:
            continue
        first = line[0]
        if first == "#":
            continue
        top_level = first != " "
        if top_level:
            if written_empty is not None:
                values[written_empty] = None
                written_empty = None
            items = None
            rest = line
        else:
            rest = line.lstrip(" ")
            if not rest:
                return None
            if rest[0] == "#":
                continue
            indent = len(line) - len(rest)
            if indent == 2 and rest[:2] == "- ":
                if written_empty is not None:
                    items = lists[written_empty] = []
                    written_empty = None
                elif items is None:
                    return None
                rest = rest[2:]
                if not rest:
                    return None
                item = {}
                items.append((row, item))
            elif indent != 4 or items is None:
                return None
        # A ``key: value`` line, at the top level or in the item being read.
        key, colon, value = rest.partition(": ")
        if not colon:
            if rest[-1] != ":":
                return None
            key = rest[:-1]
        seen = keys_seen.get(key)
        checked = seen[1] if seen is not None else _checked_key(key)
        if checked is None or checked in (rows if top_level else item):
            return None  # duplicates are for the node reader to report
        if top_level:
            rows[checked] = row
            if not value:
                written_empty = checked
                continue
            if value == "|-":
                column = len(checked) + 2
                block = _literal(lines, row, 0, column, column)  # for its value: offsets unused
                if block is None:
                    return None
                values[checked] = block[0].value
                row = block[1]
                continue
        elif not value:
            item[checked] = None
            continue
        first = value[0]
        if first not in not_plain_start and "#" not in value and ": " not in value and value[-1] not in ": ":
            scalar: str | None = None if value in null_words else value
        elif first == '"':
            scalar = _quoted(value)
            if scalar is None:
                return None
        else:
            return None
        (values if top_level else item)[checked] = scalar
    if written_empty is not None:
        values[written_empty] = None
    return FlatFile(values, rows, lists) if rows else None


def _checked_key(key: str) -> str | None:
    """The key's one shared copy, or None for a key outside the subset."""
    seen = _KEYS_SEEN.get(key)
    if seen is None:
        if _KEY.fullmatch(key) is None:
            return None
        seen = (_NULL if key in _NULL_WORDS else _STR, sys.intern(key))
        if len(_KEYS_SEEN) < 512:
            _KEYS_SEEN[key] = seen
    return seen[1]


def _scalar(written: str, start: int, row: int, column: int) -> yaml.ScalarNode | None:
    """A plain or double-quoted scalar making up the rest of the line, or None outside the subset."""
    first = written[0]
    end_column = column + len(written)
    style: str | None = '"'
    tag = _STR
    if first == '"':
        value = _quoted(written)
        if value is None:
            return None
    else:
        if first in _NOT_PLAIN_START or "#" in written or ": " in written or written[-1] in ": ":
            return None
        value, style = written, _PLAIN_STYLE
        tag = _NULL if written in _NULL_WORDS else _STR
    return ScalarNode(
        tag,
        value,
        Mark(_NAME, start + column, row, column, None, None),
        Mark(_NAME, start + end_column, row, end_column, None, None),
        style,
    )


def _quoted(written: str) -> str | None:
    """The text of a double-quoted scalar making up the rest of a line, or None outside the subset."""
    if len(written) < 2 or written[-1] != '"':
        return None  # unclosed, or followed by something: a comment, or a quote continued below
    value = written[1:-1]
    if "\\" in value:
        return _unescaped(value)
    return None if '"' in value else value


def _unescaped(quoted: str) -> str | None:
    """The inside of a double-quoted scalar with JSON's escapes (which YAML shares) resolved; None
    for any other escape, a quote left unescaped, or an escaped surrogate (libyaml refuses those)."""
    if '"' in _ESCAPE.sub("", quoted).replace("\\", '"'):
        return None
    failed = False

    def resolved(match: re.Match[str]) -> str:
        nonlocal failed
        if match.group(2) is not None:
            return _ESCAPED[match.group(2)]
        code = int(match.group(1), 16)
        if 0xD800 <= code <= 0xDFFF:
            failed = True
        return chr(code)

    value = _ESCAPE.sub(resolved, quoted)
    return None if failed else value


def _literal(
    lines: list[str], key_row: int, parent_indent: int, index: int, column: int
) -> tuple[yaml.ScalarNode, int, int] | None:
    """A ``|-`` block after the key on ``key_row``: its node, the row of its last line of text and
    the offset of the line after that; None unless its first line holds text indented deeper than
    its mapping's keys."""
    count = len(lines)
    row = key_row + 1
    if row >= count:
        return None
    first = lines[row]
    text = first.lstrip(" ")
    indent = len(first) - len(text)
    if not text or indent <= parent_indent:
        return None  # an empty block, or one starting with a blank line: left to libyaml
    prefix = " " * indent
    content: list[str] = []
    offset = index - column  # of the key line's first character, then of each line read
    offset += len(lines[key_row]) + 1
    last, after_last = key_row, offset  # the last line of text, and the offset of the line after it
    while row < count:
        line = lines[row]
        if line:
            if not line.startswith(prefix):
                break
            if line[-1] == " ":
                return None
            content.append(line[indent:])
            offset += len(line) + 1
            last, after_last = row, offset
        else:
            content.append("")
            offset += 1
        row += 1
    del content[last - key_row :]  # the blank lines after the text: `|-` strips them
    # libyaml ends the block where the text of the next line starts (blank lines between belong to
    # the block), or at the end of the stream.
    if row < count:
        following = lines[row]
        after = len(following) - len(following.lstrip(" "))
        if after == len(following):
            return None  # a line of spaces
        end = Mark(_NAME, offset + after, row, after, None, None)
    else:  # the stream's end, after its final line break
        end = Mark(_NAME, offset - 1, count - 1, 0, None, None)
    node = ScalarNode(_STR, "\n".join(content), Mark(_NAME, index, key_row, column, None, None), end, "|")
    return node, last, after_last
