"""YAML nodes with line numbers: the text resolver, reading a file's text, composing it, and a
reader that turns nodes into values while collecting problems.

Files are composed into YAML nodes (libyaml's C parser when present) and read by hand rather than
constructed: that gives every value its line, catches duplicate keys (which ``safe_load`` silently
drops), never executes a tag, and keeps scalars as the text written (``id: 1.10`` stays "1.10").
This layer knows YAML, not plans: the settings and initiative schemas are built on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

# Re-exported: settings and planfiles read files through this module too.
from workplan_cli.filetext import MAX_FILE_BYTES as MAX_FILE_BYTES
from workplan_cli.filetext import FileBroken as FileBroken
from workplan_cli.filetext import read_text as read_text
from workplan_cli.i18n import Listed, Message, MessageKey, Phrase, ProblemCode, ProblemPart
from workplan_cli.model import Problem, parse_day
from workplan_cli.yamlfast import compose as compose_written_form

MAX_DEPTH = 32  # a plan file nests five levels (file, milestones, milestone, notes, note)
# Only text that may nest deeper than MAX_DEPTH pays for measuring its nodes' depth: flow nesting
# needs a bracket per level, block nesting a column of indentation (or of "- "/"? ") per level, so
# text with at most half of MAX_DEPTH of each cannot be deeper.
_HALF_DEPTH = MAX_DEPTH // 2
_DEEP_INDENT = re.compile(rf"(?m)^[ ?-]{{{_HALF_DEPTH},}}")

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
NULL_TAG = _NULL = f"{_CORE}null"
_STR, _MAP, _SEQ = f"{_CORE}str", f"{_CORE}map", f"{_CORE}seq"
_NULL_WORDS = frozenset(("", "~", "null", "Null", "NULL"))


class _TextResolver(yaml.resolver.BaseResolver):
    """Plan files are read as text: a plain scalar is a string, or null when empty (or ~, null).

    YAML's implicit types (1.10 -> float, no -> False, 2024-03-28 -> date) are never wanted here:
    every value is interpreted by the field that holds it. Skipping them also skips PyYAML's
    per-scalar regular expressions, a third of the parse time of a large plan. Explicit tags
    (``!!python/object``) are kept, so they can be reported.
    """

    def resolve(self, kind: type[yaml.Node], value: str | None, implicit: tuple[bool, bool] | None) -> str:
        if kind is yaml.ScalarNode:
            return _NULL if implicit and implicit[0] and value in _NULL_WORDS else _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


class _PurePythonLoader(
    yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, _TextResolver
):
    """PyYAML's own parser and composer with the text resolver, for machines without libyaml."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _TextResolver.__init__(self)


def _loader() -> type[Any]:
    """libyaml's C parser when the wheel has it, else the pure-Python one; they give the same nodes."""
    try:
        from yaml.cyaml import CParser  # type: ignore[attr-defined]
    except ImportError:
        return _PurePythonLoader
    return type("LibyamlLoader", (CParser, _TextResolver), {"__doc__": "libyaml with the text resolver"})


YAML_LOADER = _loader()


def _refuse_anchors(path: Path, text: str) -> None:
    """Plan files need no anchors and aliases, and an alias can expand a small file into billions
    of nodes ("billion laughs") or into a loop: refuse the first one, wherever it is (x- keys too)."""
    try:
        for event in yaml.parse(text, Loader=YAML_LOADER):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                mark = event.start_mark
                raise FileBroken(
                    Problem(ProblemCode.ANCHOR, path, *((mark.line + 1, mark.column + 1) if mark else (0, 0)))
                )
    except yaml.YAMLError:
        return  # compose reports the syntax error with its line


def _depth_problem(path: Path, node: yaml.Node) -> Problem | None:
    """The first node nested deeper than MAX_DEPTH, measured without recursion."""
    stack = [(node, 1)]
    while stack:
        current, depth = stack.pop()
        if depth > MAX_DEPTH:
            return Problem(ProblemCode.TOO_DEEP, path, line_of(current), column_of(current), {"levels": MAX_DEPTH})
        if isinstance(current, yaml.MappingNode):
            stack += [(child, depth + 1) for pair in current.value for child in pair]
        elif isinstance(current, yaml.SequenceNode):
            stack += [(child, depth + 1) for child in current.value]
    return None


def compose(path: Path, text: str) -> yaml.Node:
    """The file's node tree; FileBroken for invalid YAML, anchors and aliases, or too deep nesting.

    The form workplan writes is composed by ``yamlfast`` (the same nodes, faster); anything else,
    errors included, by libyaml.
    """
    node: yaml.Node | None = compose_written_form(text)
    if node is not None:
        return node  # no anchors, aliases or tags, and never nested deeper than MAX_DEPTH (see yamlfast)
    node = _compose_any(path, text)
    if (text.count("[") + text.count("{") > _HALF_DEPTH or _DEEP_INDENT.search(text)) and (
        deep := _depth_problem(path, node)
    ):
        raise FileBroken(deep)
    return node


# libyaml's reasons (PyYAML's pure-Python parser words them alike), said in Chinese for a Chinese
# run; the English stays libyaml's own. The key is how the reason starts.
_REASONS_ZH = (
    ("did not find expected '-' indicator", "缺少“-”：列表的各项要对齐，每项以“- ”开头"),
    ("did not find expected key", "缺少键：缩进不一致，或上一行没有写完"),
    ("did not find expected ',' or ']'", "缺少“,”或“]”：方括号没有闭合"),
    ("did not find expected ',' or '}'", "缺少“,”或“}”：花括号没有闭合"),
    ("did not find expected node content", "缺少内容：某个值没有写完"),
    ("mapping values are not allowed", "此处不能写“键: 值”：值里有未加引号的“: ”，或缩进不对"),
    ("block sequence entries are not allowed", "此处不能开始“- ”列表项：缩进不对"),
    ("found character that cannot start any token", "有不能开头的字符（常见：用 Tab 缩进，或以 @、` 开头）"),
    ("found a tab character", "缩进里有制表符（Tab），请改用空格"),
    ("could not find expected ':'", "缺少“:”：键后要有冒号"),
    ("found unexpected end of stream", "文件意外结束：引号或括号没有闭合"),
    ("found unknown escape character", "双引号里有未知的转义（“\\”后面的字符）"),
    ("expected <block end>", "缩进不一致：这一行的缩进与同一层的其他行不同"),
    ("found undefined tag handle", "用了未定义的标签（!）"),
)
_CONTEXTS_ZH = {
    "while parsing a block collection": "第 {line} 行开始的列表",
    "while parsing a block mapping": "第 {line} 行开始的“键: 值”",
    "while parsing a flow sequence": "第 {line} 行开始的方括号列表",
    "while parsing a flow mapping": "第 {line} 行开始的花括号",
    "while scanning a simple key": "第 {line} 行的键",
    "while scanning a quoted scalar": "第 {line} 行开始的引号文字",
    "while scanning a block scalar": "第 {line} 行开始的多行文字",
}


def yaml_reason(err: yaml.MarkedYAMLError, *, with_context: bool = True) -> Phrase:
    """What libyaml says is wrong, in English as it says it and in Chinese where the reason is a known one
    (``with_context``: and where the construct began, when that is on another line)."""
    english = err.problem or err.context or "invalid YAML"
    chinese = next((zh for start, zh in _REASONS_ZH if english.startswith(start)), english)
    context, began, found = err.context, err.context_mark, err.problem_mark
    if with_context and context and began and found and began.line != found.line:
        english += f" ({context} at line {began.line + 1})"
        where = _CONTEXTS_ZH.get(context, context + " 第 {line} 行").format(line=began.line + 1)
        chinese += f"（{where}）"
    return Phrase(english, chinese)


def _compose_any(path: Path, text: str) -> yaml.Node:
    try:
        if "&" in text:  # an alias needs an anchor: most files need no scan
            _refuse_anchors(path, text)
        node = yaml.compose(text, Loader=YAML_LOADER)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise FileBroken(Problem(ProblemCode.YAML_SYNTAX, path, line, column, {"what": yaml_reason(err)})) from None
    except yaml.YAMLError as err:
        raise FileBroken(Problem(ProblemCode.YAML_SYNTAX, path, 0, 0, {"what": str(err)})) from None
    except RecursionError:  # the pure-Python composer recurses per level
        raise FileBroken(Problem(ProblemCode.TOO_DEEP, path, 0, 0, {"levels": MAX_DEPTH})) from None
    if node is None:
        raise FileBroken(Problem(ProblemCode.EMPTY_FILE, path, 0))
    return node


def line_of(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def column_of(node: yaml.Node) -> int:
    return int(node.start_mark.column) + 1


def is_empty(node: yaml.Node | None) -> bool:
    """Absent, or written empty (``key:``, ``key: ~``, ``key: null``)."""
    return node is None or (isinstance(node, yaml.ScalarNode) and node.tag == _NULL)


def _key_hint(key: str, known: Iterable[str]) -> Message:
    """The closest known key to an unknown one, or else the known keys."""
    import difflib  # only for a key that is not known

    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return (
        Message(ProblemPart.CLOSE_KEY, key=close[0])
        if close
        else Message(ProblemPart.KNOWN_KEYS, keys=Listed(tuple(known)))
    )


class Fields(dict[str, yaml.Node]):
    """A mapping's values by key, remembering the mapping node for problems about missing keys."""

    def __init__(self, node: yaml.MappingNode) -> None:
        super().__init__()
        self.node = node


@dataclass
class NodeReader:
    """Turns nodes into values for one file, collecting problems instead of stopping at the first."""

    path: Path
    problems: list[Problem]

    def problem(self, node: yaml.Node | None, code: ProblemCode, /, **fields: object) -> None:
        """A problem at the node (its line and column), or in the file as a whole."""
        place = (line_of(node), column_of(node)) if node is not None else (0, 0)
        self.problems.append(Problem(code, self.path, *place, fields))

    def check_tags(self, node: yaml.Node) -> bool:
        """Reject tags outside YAML's core schema (``!!python/object`` and friends): never constructed."""
        if node.tag not in _ALLOWED_TAGS:
            self.problem(node, ProblemCode.TAG, tag=node.tag)
            return False
        if isinstance(node, yaml.MappingNode):
            return all(self.check_tags(k) and self.check_tags(v) for k, v in node.value)
        if isinstance(node, yaml.SequenceNode):
            return all(self.check_tags(item) for item in node.value)
        return True

    def mapping(self, node: yaml.Node, what: str | MessageKey, known: tuple[str, ...]) -> Fields | None:
        """The mapping's values by key; ``what`` names it in problems (``ProblemPart.MILESTONE``, ``smtp``)."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, ProblemCode.NOT_MAPPING, what=what)
            return None
        fields = Fields(node)
        for key_node, value_node in node.value:
            key = key_node.value
            if isinstance(key_node, yaml.ScalarNode) and key in known and key not in fields:
                fields[key] = value_node  # the usual key, first said before the checks below
                continue
            key = key if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                self.problem(key_node, ProblemCode.KEY_NOT_TEXT, what=what)
                continue
            if key in fields:
                first = line_of(fields[key])
                self.problem(key_node, ProblemCode.DUPLICATE_KEY, key=key, first=first)
                continue
            if key not in known and not key.startswith("x-"):
                self.problem(key_node, ProblemCode.UNKNOWN_KEY, what=what, key=key, hint=_key_hint(key, known))
            fields[key] = value_node
        return fields

    def text(self, fields: Fields, key: str, *, required: bool = False) -> str | None:
        node = fields.get(key)
        if node is None or (node.tag == _NULL and isinstance(node, yaml.ScalarNode)):  # is_empty, inlined: hot
            if required:
                self.problem(node or fields.node, ProblemCode.MISSING_KEY, key=key)
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, ProblemCode.NOT_TEXT, key=key)
            return None
        # The text as written: `id: 1.10` stays "1.10", `owner: no` stays "no".
        return str(node.value)

    def date(self, fields: Fields, key: str) -> date | None:
        raw = self.text(fields, key)
        if raw is None or raw == "":
            return None
        try:
            return parse_day(raw.strip())
        except ValueError:
            self.problem(fields[key], ProblemCode.BAD_DATE, key=key, raw=raw)
            return None

    def integer(self, fields: Fields, key: str, default: int) -> int:
        raw = self.text(fields, key)
        if raw is None:
            return default
        try:
            return int(raw)
        except ValueError:
            self.problem(fields[key], ProblemCode.NOT_WHOLE_NUMBER, key=key, raw=raw)
            return default

    def boolean(self, fields: Fields, key: str, default: bool) -> bool:
        raw = self.text(fields, key)
        if raw is None:
            return default
        if raw.lower() in ("true", "yes", "on"):
            return True
        if raw.lower() in ("false", "no", "off"):
            return False
        self.problem(fields[key], ProblemCode.NOT_TRUE_FALSE, key=key, raw=raw)
        return default

    def choice(self, fields: Fields, key: str, allowed: tuple[str, ...], default: str, *, where: str = "") -> str:
        raw = self.text(fields, key)
        if raw is None:
            return default
        if raw not in allowed:
            self.problem(fields[key], ProblemCode.NOT_A_CHOICE, where=where, key=key, choices=Listed(allowed), raw=raw)
            return default
        return raw

    def sequence(self, fields: Fields, key: str) -> list[yaml.Node]:
        node = fields.get(key)
        if is_empty(node):
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, ProblemCode.NOT_A_LIST, key=key)
            return []
        return list(node.value)

    def unit_list(self, fields: Fields, key: str, what: str) -> tuple[str, ...]:
        """Units (co_units): a list, or one line as a report writes it (法制科、财务科)."""
        units = self.text_list(fields[key], what) if key in fields else ()
        if len(units) == 1:
            units = tuple(unit.strip() for unit in re.split(r"[、，,；;]", units[0]) if unit.strip())
        return units

    def text_list(self, node: yaml.Node, what: str) -> tuple[str, ...]:
        """A single address or a list of them."""
        if isinstance(node, yaml.ScalarNode):
            return () if node.tag == _NULL or not node.value else (str(node.value),)
        if isinstance(node, yaml.SequenceNode) and all(isinstance(i, yaml.ScalarNode) for i in node.value):
            return tuple(str(i.value) for i in node.value if i.value)
        self.problem(node, ProblemCode.NOT_TEXT_LIST, what=what)
        return ()
