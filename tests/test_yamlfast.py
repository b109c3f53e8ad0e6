"""The fast composer against libyaml: whenever ``yamlfast.compose`` accepts a text, its node tree is
libyaml's, node for node (class, tag, value, style, start and end marks); and it does accept the
files workplan writes, or it would be dead code.

The texts are every YAML file of the repository and thousands of mutations of them: each character
YAML treats specially inserted at each kind of place on a line, indentation changed, lines removed,
doubled, joined or split, values replaced by YAML's special words, line ends changed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from workplan_cli import yamlfast
from workplan_cli.yamlnodes import YAML_LOADER, compose, read_text

REPO = Path(__file__).resolve().parent.parent
YAML_FILES = sorted(
    path for pattern in ("plan/*.yaml", "tests/samples/**/*.yaml") for path in REPO.glob(pattern) if path.is_file()
)
CANONICAL = sorted(path for path in (REPO / "plan").glob("*.yaml") if path.name != "workplan.yaml")

# What each mutation inserts: YAML's indicators, whitespace it treats specially, escapes, line
# breaks YAML knows and Python's split does not, and words that change a scalar's type.
INSERTS = [
    *"-?:,[]{}#&*!|>'\"%@`~\\",
    "\t",
    "\r",
    " ",
    "  ",
    "\x85",
    "\u2028",
    "\ufeff",
    "\x07",
    ": ",
    " #",
    "#",
    "- ",
    "? ",
    "---",
    "...",
    "|-",
    "|",
    ">-",
    "&a ",
    "*a",
    "!!str ",
    "!x ",
    '"',
    "'",
    '\\"',
    "\\u00e9",
    "\\ud800",
    "\\x41",
    "\\n",
    "\n",
    "\n  ",
    "\n\n",
    "\n#c\n",
    "\n- x",
    "\n  - x",
    "\n    x",
    "\nk: v",
    "\n  k: v",
    "{a: 1}",
    "[1, 2]",
    "%YAML 1.1\n---\n",
]
# An initiative as benchmarks/generate.py writes it: an empty value followed by a space (`owner: `).
GENERATED = (
    '# 1.1 标题\nid: "1.1"\nsection: 一、部分\ntitle: 标题\nowner: \ntext: |-\n  正文。\nmilestones:\n'
    '  - id: "1.1.1"\n    deadline: 2027年6月底前\n    task: 任务\n    done:\n# edit 8\n'
)
WORDS = ["", "~", "null", "Null", "NULL", "nUll", '""', "''", "yes", "1.10", "2024-03-28", "- x", "|-", "a: b", "x #y"]


def node_shape(node: yaml.Node, where: str = "") -> Iterator[tuple[str, object]]:
    """Everything a reader can see of each node, with where it is in the tree."""
    start, end = node.start_mark, node.end_mark
    yield (
        where,
        (
            type(node).__name__,
            node.tag,
            (start.index, start.line, start.column),
            (end.index, end.line, end.column),
            getattr(node, "style", None),
            getattr(node, "flow_style", None),
        ),
    )
    if isinstance(node, yaml.ScalarNode):
        yield f"{where}=", node.value
    elif isinstance(node, yaml.MappingNode):
        yield f"{where}{{}}", len(node.value)
        for index, (key, value) in enumerate(node.value):
            yield from node_shape(key, f"{where}/{index}k")
            yield from node_shape(value, f"{where}/{index}v")
    else:
        yield f"{where}[]", len(node.value)
        for index, item in enumerate(node.value):
            yield from node_shape(item, f"{where}/{index}")


def libyaml_nodes(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=YAML_LOADER)
    except yaml.YAMLError:
        return None


def differences(text: str) -> list[str]:
    """Where the fast composer and libyaml disagree on ``text`` (nothing when the fast one refuses)."""
    fast = yamlfast.compose(text)
    if fast is None:
        return []
    slow = libyaml_nodes(text)
    if slow is None:
        return ["the fast composer accepted text libyaml refuses"]
    events = yaml.parse(text, Loader=YAML_LOADER)
    if any(isinstance(e, yaml.AliasEvent) or getattr(e, "anchor", None) for e in events):
        return ["the fast composer accepted an anchor or an alias"]
    fast_shape, slow_shape = list(node_shape(fast)), list(node_shape(slow))
    return [f"{a} != {b}" for a, b in zip(fast_shape, slow_shape, strict=False) if a != b][:3] or (
        [f"{len(fast_shape)} != {len(slow_shape)} parts"] if len(fast_shape) != len(slow_shape) else []
    )


def texts() -> list[tuple[str, str]]:
    found = [("plan/ as generated", GENERATED)]
    for path in YAML_FILES:
        try:
            found.append((str(path.relative_to(REPO)), path.read_bytes().decode("utf-8").removeprefix("\ufeff")))
        except UnicodeDecodeError:
            continue  # not-utf8.yaml: never composed
    return found


def mutations(text: str, rng: random.Random, count: int) -> Iterator[str]:
    """``count`` variants of ``text``: each insertion kind in turn at a random line and kind of place."""
    lines = text.split("\n")
    for number in range(count):
        row = rng.randrange(len(lines))
        line = lines[row]
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        head, colon, tail = line.partition(": ")
        places = [0, indent, len(line), rng.randrange(len(line) + 1)]
        if stripped.startswith("- "):
            places.append(indent + 2)
        if colon:
            places += [len(head), len(head) + 1, len(head) + 2, len(head) + 2 + rng.randrange(len(tail) + 1)]
        kind = number % 4
        changed = list(lines)
        if kind in (0, 1):
            at = rng.choice(places)
            changed[row] = line[:at] + INSERTS[number % len(INSERTS)] + line[at:]
        elif kind == 2 and colon:
            changed[row] = f"{head}: {WORDS[number % len(WORDS)]}"
        else:
            operation = rng.randrange(8)
            if operation == 0:
                changed[row] = " " + line
            elif operation == 1:
                changed[row] = line[1:] if line.startswith(" ") else line
            elif operation == 2:
                changed[row] = "  " + line
            elif operation == 3:
                del changed[row]
            elif operation == 4:
                changed.insert(row, line)
            elif operation == 5 and row + 1 < len(changed):
                changed[row : row + 2] = [line + " " + changed[row + 1].lstrip(" ")]
            elif operation == 6:
                at = rng.randrange(len(line) + 1)
                changed[row : row + 1] = [line[:at], " " * rng.randrange(7) + line[at:]]
            else:
                changed[row] = line + " "
        mutated = "\n".join(changed)
        ending = rng.randrange(10)
        yield mutated.rstrip("\n") if ending == 0 else mutated + "\n\n" if ending == 1 else mutated


def test_each_insertion_at_each_kind_of_place_composes_as_libyaml_does_whenever_accepted() -> None:
    """Exhaustively on one file of the written form: every insertion at every kind of place of every line."""
    lines = (REPO / "plan" / "1-1.yaml").read_text(encoding="utf-8").split("\n") + GENERATED.split("\n")
    accepted = 0
    for row, line in enumerate(lines):
        stripped = line.lstrip(" ")
        head, colon, _ = line.partition(": ")
        places = {0, 1, len(line) - len(stripped), len(line) - len(stripped) + 2, len(line), len(line) // 2}
        if colon:
            places |= {len(head), len(head) + 1, len(head) + 2, len(head) + 3, len(line) - 1}
        for at in sorted(place for place in places if 0 <= place <= len(line)):
            for insert in INSERTS:
                mutated = "\n".join([*lines[:row], line[:at] + insert + line[at:], *lines[row + 1 :]])
                found = differences(mutated)
                assert found == [], f"{insert!r} at {row}:{at} of {line!r}: {found}"
                accepted += yamlfast.compose(mutated) is not None
    assert accepted > 1000


@pytest.mark.parametrize(("name", "text"), texts(), ids=[name for name, _ in texts()])
def test_every_yaml_file_of_the_repository_composes_as_libyaml_does(name: str, text: str) -> None:
    assert differences(text) == []


def test_mutated_files_compose_as_libyaml_does_whenever_accepted() -> None:
    rng = random.Random(19)
    accepted = refused = 0
    for name, text in texts():
        # The shipped plan's files are the written form: most of their mutations stay close to it.
        for mutated in mutations(text, rng, 300 if name.startswith("plan/") else 80):
            found = differences(mutated)
            assert found == [], f"{name} mutated to {mutated!r}: {found}"
            if yamlfast.compose(mutated) is None:
                refused += 1
            else:
                accepted += 1
    # Both sides matter: accepted mutations are the ones compared, refused ones show the checks bite.
    assert (accepted > 2000, refused > 4000) == (True, True), (accepted, refused)


def test_the_written_form_is_accepted() -> None:
    """Every initiative file of the shipped plan, and one as the benchmark generator writes it
    (with an empty value followed by a space, as ``owner: `` is written)."""
    refused = [path.name for path in CANONICAL if yamlfast.compose(read_text(path)) is None]
    assert CANONICAL and refused == []
    assert yamlfast.compose(GENERATED) is not None
    assert differences(GENERATED) == []


def test_what_the_fast_composer_reads() -> None:
    """Scalars as the text resolver reads them, the marks of values left empty, and escapes."""
    text = 'a: ~\nb: "null"\nc:\nd: |-\n  x\n\n  y\n\ne: "q\\"\\u00e9\\n"\nf:\n  - g\n  - h: 1\n    i: j\n'
    root = yamlfast.compose(text)
    assert root is not None
    values = {key.value: value for key, value in root.value}
    assert (values["a"].tag, values["a"].value) == ("tag:yaml.org,2002:null", "~")
    assert (values["b"].tag, values["b"].value) == ("tag:yaml.org,2002:str", "null")
    assert (values["c"].tag, values["c"].start_mark.line, values["c"].start_mark.column) == (
        "tag:yaml.org,2002:null",
        2,
        2,
    )
    assert values["d"].value == "x\n\ny"
    assert values["e"].value == 'q"é\n'
    assert [type(item).__name__ for item in values["f"].value] == ["ScalarNode", "MappingNode"]
    assert differences(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "a: b\tc\n",
        "a: b # c\n",
        "a: b: c\n",
        "a: b\n  c\n",
        "a: 'b'\n",
        'a: "b\\x41"\n',
        "a: &x b\nc: *x\n",
        "a: !!int 1\n",
        "a: [1]\n",
        "---\na: b\n",
        "a: b \n",
        "a: |\n  b\n",
        "- a\n",
        "  a: b\n",
        "a:\n  b\n",
        "a: b\r\n",
    ],
)
def test_anything_outside_the_written_form_is_left_to_libyaml(text: str) -> None:
    assert yamlfast.compose(text) is None


def test_compose_gives_libyamls_problems_for_what_the_fast_composer_refuses(tmp_path: Path) -> None:
    """A broken file still gets libyaml's syntax error with its line (the fast path only steps aside)."""
    from workplan_cli.yamlnodes import FileBroken

    with pytest.raises(FileBroken) as broken:
        compose(tmp_path / "x.yaml", "a: b\n c: d\n")
    assert (broken.value.problem.line, broken.value.problem.code.name) == (2, "YAML_SYNTAX")


def test_deep_nesting_is_left_to_libyaml_and_measured(tmp_path: Path) -> None:
    """Blocks nested beyond what the fast composer takes go to libyaml, and compose's depth check."""
    from workplan_cli.yamlnodes import MAX_DEPTH, FileBroken

    def nested(levels: int) -> str:
        return "".join(f"{'  ' * level}k{level}:\n" for level in range(levels)) + f"{'  ' * levels}- x\n"

    assert yamlfast.compose(nested(10)) is not None
    assert differences(nested(10)) == []
    assert yamlfast.compose(nested(20)) is None
    with pytest.raises(FileBroken) as broken:
        compose(tmp_path / "x.yaml", nested(MAX_DEPTH + 1))
    assert broken.value.problem.code.name == "TOO_DEEP"


def test_read_text_reads_a_file_up_to_the_limit_whole_and_refuses_one_byte_more(tmp_path: Path) -> None:
    """read_text asks for a file's size and a byte more: the whole file comes back, at the limit too."""
    from workplan_cli.yamlnodes import MAX_FILE_BYTES, FileBroken

    line = "x: " + "长" * 40 + "\n"
    at_limit = tmp_path / "at-limit.yaml"
    body = line * (MAX_FILE_BYTES // len(line.encode()))
    at_limit.write_bytes(body.encode() + b"#" * (MAX_FILE_BYTES - len(body.encode())))
    assert read_text(at_limit) == at_limit.read_text(encoding="utf-8")
    over = tmp_path / "over.yaml"
    over.write_bytes(at_limit.read_bytes() + b"\n")
    with pytest.raises(FileBroken) as broken:
        read_text(over)
    assert broken.value.problem.code.name == "TOO_LARGE"
