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

from typing import Any

import yaml

from workplan_cli.writtenform import (
    KEYS_SEEN,
    NOT_PLAIN_START,
    NULL_WORDS,
    UNUSUAL_CHARACTER,
    checked_key,
    literal_block,
    quoted,
)

Mark: Any  # libyaml's mark class where CParser is there (the stubs know only yaml.error.Mark)
try:
    from yaml._yaml import Mark

    _PLAIN_STYLE: str | None = ""  # libyaml reports a plain scalar's style as ""
except ImportError:  # without libyaml the pure-Python parser composes, and gives None
    from yaml.error import Mark

    _PLAIN_STYLE = None

_CORE = "tag:yaml.org,2002:"
_STR, _NULL, _MAP, _SEQ = f"{_CORE}str", f"{_CORE}null", f"{_CORE}map", f"{_CORE}seq"
_NAME = "<unicode string>"

# Nesting: a key opens a block only while fewer than this many are open, and an item's mapping
# adds one more, so no node accepted is more than _MOST_OPEN + 2 levels down, well within
# yamlnodes.MAX_DEPTH (32): callers need not measure the depth.
_MOST_OPEN = 15

ScalarNode, MappingNode, SequenceNode = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode
_BEFORE_ROOT = MappingNode(_MAP, [], None, None, False)


def compose(text: str) -> yaml.MappingNode | None:
    """The node tree libyaml composes from ``text`` (with the text resolver), or None when the text is
    not entirely in the subset read here."""
    if text[-1:] != "\n" or UNUSUAL_CHARACTER.search(text) is not None:
        return None  # without a final line break libyaml's end marks follow rules of their own
    lines = text.split("\n")
    count = len(lines)
    name, plain_style, null_words = _NAME, _PLAIN_STYLE, NULL_WORDS
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
        seen = KEYS_SEEN.get(key)
        if seen is None:
            shared = checked_key(key)
            if shared is None:
                return None
            seen = (_NULL if key in null_words else _STR, shared)
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
        if value[0] not in NOT_PLAIN_START and "#" not in value and ": " not in value and value[-1] not in ": ":
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
            block = literal_block(lines, row, indent, start)
            if block is None:
                return None
            end_index, end_row, end_column = block.end
            literal = ScalarNode(
                _STR,
                block.text,
                Mark(name, start + column, row, column, None, None),
                Mark(name, end_index, end_row, end_column, None, None),
                "|",
            )
            row, offset = block.last, block.after_last
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


def _scalar(written: str, start: int, row: int, column: int) -> yaml.ScalarNode | None:
    """A plain or double-quoted scalar making up the rest of the line, or None outside the subset."""
    first = written[0]
    end_column = column + len(written)
    style: str | None = '"'
    tag = _STR
    if first == '"':
        value = quoted(written)
        if value is None:
            return None
    else:
        if first in NOT_PLAIN_START or "#" in written or ": " in written or written[-1] in ": ":
            return None
        value, style = written, _PLAIN_STYLE
        tag = _NULL if written in NULL_WORDS else _STR
    return ScalarNode(
        tag,
        value,
        Mark(_NAME, start + column, row, column, None, None),
        Mark(_NAME, start + end_column, row, end_column, None, None),
        style,
    )
