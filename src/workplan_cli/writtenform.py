"""The form workplan writes, read without PyYAML: the rules of the subset ``yamlfast`` composes
(which characters, keys and scalars it takes), and ``read_flat``, which reads an initiative file of
that form straight into plain values.

Kept apart from ``yamlfast`` (which builds PyYAML's nodes) so that reading such a file, on a cold
load or after a one-file edit, does not import PyYAML at all (about 12 ms).
"""

from __future__ import annotations

import re
import sys
from typing import NamedTuple

STR_TAG, NULL_TAG = "tag:yaml.org,2002:str", "tag:yaml.org,2002:null"
NULL_WORDS = frozenset(("~", "null", "Null", "NULL"))  # as yamlnodes' text resolver reads plain scalars

# Characters libyaml refuses or treats as line breaks (NEL, LS, PS), and tab and CR, which need
# rules this subset does not have: any of them sends the text to libyaml. (Named as a class of
# its own: the complement, a class of what is allowed, takes 3 ms to compile.)
UNUSUAL_CHARACTER = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.\-]{0,99}")
# A plain scalar starting with one of these is an indicator, a quoted or block scalar, an alias,
# a tag, a directive, or reserved; a space would be dropped.
NOT_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@` ")
_ESCAPE = re.compile(r'\\(?:u([0-9A-Fa-f]{4})|(["\\/bfnrt]))')
_ESCAPED = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
# Keys already checked, each with its tag and one shared (interned) copy of its text: a plan
# repeats a dozen keys thousands of times, and the schema compares them with its own literals.
KEYS_SEEN: dict[str, tuple[str, str]] = {}


class Block(NamedTuple):
    """A ``|-`` block: its text, the row of its last line of text, the offset of the line after
    that, and where libyaml ends it (offset, row, column)."""

    text: str
    last: int
    after_last: int
    end: tuple[int, int, int]


Values = dict[str, "str | None"]  # a flat mapping's keys and scalars (None: null)


class FlatFile(NamedTuple):
    """A file of the written form as plain values: what a reader of the node tree would get from
    it, when its top-level mapping holds only scalars and lists of flat mappings."""

    values: Values  # the top-level keys holding a scalar
    rows: dict[str, int]  # each top-level key's row (0-based)
    lists: dict[str, list[tuple[int, Values]]]  # the top-level keys holding a list: each item's row and values


def read_flat(text: str) -> FlatFile | None:
    """``text`` as a FlatFile, when it is in the subset ``yamlfast.compose`` reads and shaped as an initiative
    file is: keys at the left edge, each holding a scalar, a ``|-`` block or a list whose items
    (``  - ``) are mappings of scalars (keys at column 4); None for anything else. Skips the
    nodes a cold load of a large plan would build only to read these values."""
    if text[-1:] != "\n" or UNUSUAL_CHARACTER.search(text) is not None:
        return None
    lines = text.split("\n")
    count = len(lines)
    keys_seen, not_plain_start, null_words = KEYS_SEEN, NOT_PLAIN_START, NULL_WORDS
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
        checked = seen[1] if seen is not None else checked_key(key)
        if checked is None or checked in (rows if top_level else item):
            return None  # duplicates are for the node reader to report
        if top_level:
            rows[checked] = row
            if not value:
                written_empty = checked
                continue
            if value == "|-":
                block = literal_block(lines, row, 0, 0)  # for its text: offsets unused
                if block is None:
                    return None
                values[checked] = block.text
                row = block.last
                continue
        elif not value:
            item[checked] = None
            continue
        first = value[0]
        if first not in not_plain_start and "#" not in value and ": " not in value and value[-1] not in ": ":
            scalar: str | None = None if value in null_words else value
        elif first == '"':
            scalar = quoted(value)
            if scalar is None:
                return None
        else:
            return None
        (values if top_level else item)[checked] = scalar
    if written_empty is not None:
        values[written_empty] = None
    return FlatFile(values, rows, lists) if rows else None


def checked_key(key: str) -> str | None:
    """The key's one shared copy, or None for a key outside the subset."""
    seen = KEYS_SEEN.get(key)
    if seen is None:
        if _KEY.fullmatch(key) is None:
            return None
        seen = (NULL_TAG if key in NULL_WORDS else STR_TAG, sys.intern(key))
        if len(KEYS_SEEN) < 512:
            KEYS_SEEN[key] = seen
    return seen[1]


def quoted(written: str) -> str | None:
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


def literal_block(lines: list[str], key_row: int, parent_indent: int, line_start: int) -> Block | None:
    """The ``|-`` block after the key on ``key_row`` (whose line starts at offset ``line_start``);
    None unless its first line holds text indented deeper than its mapping's keys."""
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
    offset = line_start + len(lines[key_row]) + 1  # of each line read
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
        end = (offset + after, row, after)
    else:  # the stream's end, after its final line break
        end = (offset - 1, count - 1, 0)
    return Block("\n".join(content), last, after_last, end)
