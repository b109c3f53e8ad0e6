"""Finding the plan folder and loading its YAML files into the model, with line numbers.

Files are composed into YAML nodes (libyaml's C parser when present) and read by hand rather than
constructed: that gives every value its line, catches duplicate keys (which ``safe_load`` silently
drops), never executes a tag, and keeps scalars as the text written (``id: 1.10`` stays "1.10").
"""

from __future__ import annotations

import difflib
import functools
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from workplan_cli.cache import FileResult
from workplan_cli.deadlines import (
    OPEN_ENDED,
    Deadline,
    DeadlineError,
    depends_on_calendar,
    period_start,
    resolve_deadline,
)
from workplan_cli.errors import PlanNotFoundError
from workplan_cli.model import Initiative, Milestone, Note, Plan, PlanSettings, Problem, SmtpSettings
from workplan_cli.workcalendar import WorkCalendar

SETTINGS_FILE = "workplan.yaml"
MAX_FILE_BYTES = 1024 * 1024  # an initiative is a few KB; anything this big is the wrong file

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


def find_plan_folder(explicit: Path | None, env: Mapping[str, str], cwd: Path) -> Path:
    """``--plan DIR``, else ``$WORKPLAN_PLAN``, else ``./plan``, else the nearest parent's ``plan/``."""
    for given, source in ((explicit, "--plan"), (env.get("WORKPLAN_PLAN"), "WORKPLAN_PLAN")):
        if given:
            folder = Path(given)
            if not (folder / SETTINGS_FILE).is_file():
                raise PlanNotFoundError(
                    f"{source} {folder}: no {SETTINGS_FILE} there; is it a plan folder?",
                    f"{source} {folder}：那里没有 {SETTINGS_FILE}；这是计划文件夹吗？",
                )
            return folder
    for parent in (cwd, *cwd.parents):
        if (parent / "plan" / SETTINGS_FILE).is_file():
            return parent / "plan" if parent != cwd else Path("plan")
    raise PlanNotFoundError(
        f"no plan folder found: looked for plan/{SETTINGS_FILE} in {cwd} and its parents; "
        "use --plan DIR or set WORKPLAN_PLAN",
        f"找不到计划文件夹：在 {cwd} 及其上级目录中没有 plan/{SETTINGS_FILE}；请用 --plan 指定或设置 WORKPLAN_PLAN",
    )


# ---------------------------------------------------------------------------------------------
# Reading YAML nodes with problems collected per file


class _FileBroken(Exception):
    """The file cannot be read at all; the problem is attached."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def read_text(path: Path) -> str:
    """The file's text without a BOM, or _FileBroken naming what is wrong with it."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _FileBroken(
                Problem(
                    path,
                    0,
                    f"file is {size / 1024 / 1024:.1f} MiB; a plan file is a few KB "
                    f"(limit {MAX_FILE_BYTES // 1024} KiB): is this the right file?",
                )
            )
        data = path.read_bytes()
    except OSError as err:
        raise _FileBroken(Problem(path, 0, f"cannot read: {err.strerror}")) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise _FileBroken(
            Problem(
                path,
                line,
                f"not UTF-8 (byte 0x{data[err.start]:02x}); save the file as UTF-8",
                f"不是 UTF-8 编码（字节 0x{data[err.start]:02x}）；请另存为 UTF-8",
            )
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise _FileBroken(Problem(path, 0, "file is empty", "文件是空的"))
    return text


def compose(path: Path, text: str) -> yaml.Node:
    try:
        node = yaml.compose(text, Loader=YAML_LOADER)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 0
        what = err.problem or err.context or "invalid YAML"
        if err.context and err.context_mark and err.problem_mark and err.context_mark.line != err.problem_mark.line:
            what += f" ({err.context} at line {err.context_mark.line + 1})"
        raise _FileBroken(Problem(path, line, f"not valid YAML: {what}", f"YAML 格式错误：{what}")) from None
    except yaml.YAMLError as err:
        raise _FileBroken(Problem(path, 0, f"not valid YAML: {err}")) from None
    if node is None:
        raise _FileBroken(Problem(path, 0, "file is empty", "文件是空的"))
    return node


def line_of(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _key_problem(key: str, known: Iterable[str]) -> tuple[str, str]:
    """What to say about an unknown key, in English and Chinese, with the closest known key."""
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]!r}?)" if close else f" (known keys: {', '.join(known)})"
    english = f"unknown key {key!r}{hint}; keys starting with x- are kept for your own use"
    return english, f"未知的键 {key!r}" + (f"（是否应为 {close[0]!r}？）" if close else "")


class _Fields(dict[str, yaml.Node]):
    """A mapping's values by key, remembering the mapping node for problems about missing keys."""

    def __init__(self, node: yaml.MappingNode) -> None:
        super().__init__()
        self.node = node


@dataclass
class _Reader:
    """Turns nodes into values for one file, collecting problems instead of stopping at the first."""

    path: Path
    problems: list[Problem]

    def problem(self, node: yaml.Node | None, message: str, zh: str = "") -> None:
        self.problems.append(Problem(self.path, line_of(node) if node is not None else 0, message, zh))

    def check_tags(self, node: yaml.Node) -> bool:
        """Reject tags outside YAML's core schema (``!!python/object`` and friends): never constructed."""
        if node.tag not in _ALLOWED_TAGS:
            self.problem(
                node,
                f"tag {node.tag!r} is not allowed in plan files; remove it",
                f"计划文件中不允许使用标签 {node.tag!r}；请删除",
            )
            return False
        if isinstance(node, yaml.MappingNode):
            return all(self.check_tags(k) and self.check_tags(v) for k, v in node.value)
        if isinstance(node, yaml.SequenceNode):
            return all(self.check_tags(item) for item in node.value)
        return True

    def mapping(self, node: yaml.Node, what: str, known: tuple[str, ...]) -> _Fields | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping of keys to values (key: value)", "这里应是“键: 值”形式的映射")
            return None
        fields = _Fields(node)
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                self.problem(key_node, f"{what}: a key must be plain text")
                continue
            if key in fields:
                first = line_of(fields[key])
                self.problem(
                    key_node,
                    f"duplicate key {key!r} (first at line {first}); keep one of them",
                    f"键 {key!r} 重复（第一次出现在第 {first} 行）；请只保留一个",
                )
                continue
            if key not in known and not key.startswith("x-"):
                english, chinese = _key_problem(key, known)
                self.problem(key_node, f"{what}: {english}", chinese)
            fields[key] = value_node
        return fields

    def text(self, fields: _Fields, key: str, *, required: bool = False) -> str | None:
        node = fields.get(key)
        if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == _NULL):
            if required:
                self.problem(
                    node or fields.node, f"missing {key!r}; add `{key}: …`", f"缺少 {key!r}；请添加 `{key}: …`"
                )
            return None
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, f"{key!r} must be text, not a list or mapping")
            return None
        # The text as written: `id: 1.10` stays "1.10", `owner: no` stays "no".
        return str(node.value)

    def date(self, fields: _Fields, key: str) -> date | None:
        raw = self.text(fields, key)
        if raw is None or raw == "":
            return None
        try:
            return date.fromisoformat(raw.strip())
        except ValueError:
            self.problem(
                fields[key],
                f"{key!r} must be a date written YYYY-MM-DD, not {raw!r}",
                f"{key!r} 应写作 YYYY-MM-DD 格式的日期，而不是 {raw!r}",
            )
            return None

    def integer(self, fields: _Fields, key: str, default: int) -> int:
        raw = self.text(fields, key)
        if raw is None:
            return default
        try:
            return int(raw)
        except ValueError:
            self.problem(fields[key], f"{key!r} must be a whole number, not {raw!r}")
            return default

    def boolean(self, fields: _Fields, key: str, default: bool) -> bool:
        raw = self.text(fields, key)
        if raw is None:
            return default
        if raw.lower() in ("true", "yes", "on"):
            return True
        if raw.lower() in ("false", "no", "off"):
            return False
        self.problem(fields[key], f"{key!r} must be true or false, not {raw!r}")
        return default

    def choice(self, fields: _Fields, key: str, allowed: tuple[str, ...], default: str) -> str:
        raw = self.text(fields, key)
        if raw is None:
            return default
        if raw not in allowed:
            self.problem(fields[key], f"{key!r} must be one of {', '.join(allowed)}, not {raw!r}")
            return default
        return raw

    def sequence(self, fields: _Fields, key: str) -> list[yaml.Node]:
        node = fields.get(key)
        if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == _NULL):
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"{key!r} must be a list (items starting with '- ')")
            return []
        return list(node.value)

    def text_list(self, node: yaml.Node, what: str) -> tuple[str, ...]:
        """A single address or a list of them."""
        if isinstance(node, yaml.ScalarNode):
            return () if node.tag == _NULL or not node.value else (str(node.value),)
        if isinstance(node, yaml.SequenceNode) and all(isinstance(i, yaml.ScalarNode) for i in node.value):
            return tuple(str(i.value) for i in node.value if i.value)
        self.problem(node, f"{what} must be text or a list of text")
        return ()


# ---------------------------------------------------------------------------------------------
# workplan.yaml

SETTINGS_KEYS = ("title", "year", "timezone", "warn_days", "workdays", "language", "owners", "smtp")
SMTP_KEYS = ("host", "port", "security", "username", "from", "to", "cafile", "timeout")


def load_settings(folder: Path) -> PlanSettings:
    """Read ``workplan.yaml``. Without a usable plan year nothing can be resolved, so problems here stop."""
    path = folder / SETTINGS_FILE
    problems: list[Problem] = []
    reader = _Reader(path, problems)
    try:
        node = compose(path, read_text(path))
    except _FileBroken as broken:
        raise PlanNotFoundError(str(broken.problem)) from None
    fields = reader.mapping(node, SETTINGS_FILE, SETTINGS_KEYS) if reader.check_tags(node) else None
    if fields is None:
        raise PlanNotFoundError("; ".join(map(str, problems)))
    year = reader.integer(fields, "year", 0)
    if "year" not in fields or not 1900 <= year <= 2200:
        reader.problem(fields.get("year", node), "'year' must be the plan year, such as `year: 2024`")
    timezone = reader.text(fields, "timezone") or "Asia/Shanghai"
    settings = PlanSettings(
        title=reader.text(fields, "title") or "",
        year=year,
        timezone=timezone,
        warn_days=reader.integer(fields, "warn_days", 14),
        workdays=reader.boolean(fields, "workdays", False),
        language=reader.choice(fields, "language", ("zh", "en"), ""),
        owners=_owners(reader, fields.get("owners")),
        smtp=_smtp(reader, fields.get("smtp")),
    )
    if problems:
        raise PlanNotFoundError("\n".join(map(str, problems)))
    return settings


def _owners(reader: _Reader, node: yaml.Node | None) -> dict[str, tuple[str, ...]]:
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == _NULL):
        return {}
    if not isinstance(node, yaml.MappingNode):
        reader.problem(node, "'owners' must map each owner to an e-mail address or a list of them")
        return {}
    return {str(k.value): reader.text_list(v, f"owners: {k.value}") for k, v in node.value}


def _smtp(reader: _Reader, node: yaml.Node | None) -> SmtpSettings:
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == _NULL):
        return SmtpSettings()
    if isinstance(node, yaml.MappingNode) and any(k.value == "password" for k, _ in node.value):
        reader.problem(
            node,
            "smtp: a password never goes in a plan file (it is shared through git); "
            "set WORKPLAN_SMTP_PASSWORD in the environment instead",
        )
        node = yaml.MappingNode(
            node.tag, [(k, v) for k, v in node.value if k.value != "password"], node.start_mark, node.end_mark
        )
    fields = reader.mapping(node, "smtp", SMTP_KEYS)
    if fields is None:
        return SmtpSettings()
    security = reader.text(fields, "security") or "none"
    if security not in ("starttls", "ssl", "none"):
        reader.problem(fields["security"], f"smtp: 'security' must be starttls, ssl or none, not {security!r}")
    default_port = {"ssl": 465, "starttls": 587}.get(security, 25)
    return SmtpSettings(
        host=reader.text(fields, "host") or "localhost",
        port=reader.integer(fields, "port", default_port),
        security=security,
        username=reader.text(fields, "username") or "",
        sender=reader.text(fields, "from") or "",
        to=reader.text_list(fields["to"], "smtp: to") if "to" in fields else (),
        cafile=reader.text(fields, "cafile") or "",
        timeout=float(reader.integer(fields, "timeout", 30)),
    )


# ---------------------------------------------------------------------------------------------
# Initiative files

INITIATIVE_KEYS = ("id", "section", "title", "owner", "text", "milestones")
MILESTONE_KEYS = ("id", "deadline", "task", "done", "owner", "notes", "assigned", "closed_through")
NOTE_KEYS = ("date", "text")


def initiative_files(folder: Path) -> list[Path]:
    """Every ``*.yaml``/``*.yml`` under the folder but workplan.yaml, skipping hidden files and folders."""
    return [folder / rel for rel, _ in _walk(str(folder))]


def _walk(folder: str, prefix: str = "") -> Iterator[tuple[str, os.stat_result | OSError]]:
    """(path relative to the plan folder, its stat or the error) for each initiative file, sorted.

    Strings rather than Path objects: a plan of 100,000 files is walked on every command.
    """
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        rel = prefix + entry.name
        try:
            if entry.is_dir():
                yield from _walk(entry.path, rel + "/")
            elif entry.name.endswith((".yaml", ".yml")) and rel != SETTINGS_FILE:
                yield rel, entry.stat()
        except OSError as err:
            yield rel, err


def load_initiative(
    path: Path,
    text: str,
    plan_year: int,
    problems: list[Problem],
    *,
    keep_text: bool = True,
) -> Initiative | None:
    """One initiative file, or None when it is too broken to use. Problems are appended."""
    reader = _Reader(path, problems)
    try:
        node = compose(path, text)
    except _FileBroken as broken:
        problems.append(broken.problem)
        return None
    if "!" in text and not reader.check_tags(node):  # a tag needs a "!": most files need no walk
        return None
    fields = reader.mapping(node, "an initiative file", INITIATIVE_KEYS)
    if fields is None:
        return None
    initiative_id = reader.text(fields, "id", required=True)
    title = reader.text(fields, "title", required=True)
    milestone_nodes = reader.sequence(fields, "milestones")
    if "milestones" not in fields or not milestone_nodes:
        reader.problem(
            fields.get("milestones", node),
            "no milestones: add `milestones:` with at least one `- id: …, deadline: …, task: …`",
        )
    if initiative_id is None or title is None:
        return None
    milestones = []
    for item in milestone_nodes:
        milestone = _milestone(reader, item, initiative_id, plan_year)
        if milestone is not None:
            milestones.append(milestone)
    _check_unique(reader, [(m.id, m.line) for m in milestones], "milestone id")
    return Initiative(
        id=initiative_id,
        # Interned: a plan of 100,000 initiatives repeats a dozen section headings and owners.
        section=sys.intern(reader.text(fields, "section") or ""),
        title=title,
        owner=sys.intern(reader.text(fields, "owner") or ""),
        text=(reader.text(fields, "text") or "") if keep_text else "",
        milestones=tuple(milestones),
        path=str(path),
        line=line_of(fields["id"]),
    )


def _milestone(reader: _Reader, node: yaml.Node, initiative_id: str, plan_year: int) -> Milestone | None:
    fields = reader.mapping(node, "a milestone", MILESTONE_KEYS)
    if fields is None:
        return None
    milestone_id = reader.text(fields, "id", required=True)
    task = reader.text(fields, "task")
    if not task or not task.strip():
        reader.problem(
            fields.get("task", node),
            f"milestone {milestone_id or '?'} has no task: add `task: …`",
            f"节点 {milestone_id or '?'} 没有任务：请添加 `task: …`",
        )
        return None
    if milestone_id is None:
        return None
    if not milestone_id.startswith(f"{initiative_id}."):
        reader.problem(
            fields["id"], f"milestone id {milestone_id!r} should start with its initiative's id ({initiative_id}.)"
        )
    phrase = reader.text(fields, "deadline")
    assigned = reader.date(fields, "assigned")
    deadline: Deadline = OPEN_ENDED
    if phrase is not None and phrase.strip():
        try:
            deadline = (
                _resolve_shared(phrase, plan_year)
                if assigned is None
                else resolve_deadline(phrase, plan_year, workdays=calendar_for(plan_year), assigned=assigned)
            )
        except DeadlineError as err:
            reader.problem(
                fields["deadline"],
                f"milestone {milestone_id}: {err}",
                f"节点 {milestone_id}：无法识别完成时限 {err.phrase!r}：{err.reason_zh}",
            )
            return None
        if deadline.note:
            # Loaded with the repaired date, but reported until a person confirms it in the file.
            reader.problem(
                fields["deadline"],
                f"milestone {milestone_id}: deadline {phrase!r} looks damaged: "
                f"{deadline.note}; write the date in full to confirm it",
            )
    notes = []
    for note_node in reader.sequence(fields, "notes"):
        note_fields = reader.mapping(note_node, "a note", NOTE_KEYS)
        if note_fields is None:
            continue
        on, text = reader.date(note_fields, "date"), reader.text(note_fields, "text")
        if on is None or text is None:
            reader.problem(note_node, "a note needs `date: YYYY-MM-DD` and `text: …`")
            continue
        notes.append(Note(on, text))
    closed_through = reader.text(fields, "closed_through")
    if closed_through is not None and not _is_period_of(deadline, closed_through):
        reader.problem(
            fields["closed_through"],
            f"milestone {milestone_id}: 'closed_through' must name a period of "
            f"its recurring deadline (such as {_period_example(deadline)}), not {closed_through!r}",
        )
        closed_through = None
    return Milestone(
        id=milestone_id,
        phrase=sys.intern(phrase) if phrase and phrase.strip() else None,
        deadline=deadline,
        task=task.strip(),
        done=reader.date(fields, "done"),
        owner=reader.text(fields, "owner") or "",
        notes=tuple(notes),
        line=line_of(node),
        assigned=assigned,
        closed_through=closed_through,
    )


@functools.lru_cache(maxsize=8192)
def _resolve_shared(phrase: str, plan_year: int) -> Deadline:
    """A large plan repeats a few dozen phrases (3月底前…) thousands of times: resolve each once,
    and share the frozen result (less memory too)."""
    return resolve_deadline(phrase, plan_year, workdays=calendar_for(plan_year))


def _is_period_of(deadline: Deadline, label: str) -> bool:
    recurrence = deadline.recurrence
    if recurrence is None:
        return False
    try:
        return recurrence.period_of(period_start(label)) == label
    except ValueError:
        return False


def _period_example(deadline: Deadline) -> str:
    if deadline.recurrence is None:
        return "a recurring deadline such as 每月5日前"
    return next(deadline.recurrence.periods())[0]


def _check_unique(reader: _Reader, ids: list[tuple[str, int]], what: str) -> None:
    first_line: dict[str, int] = {}
    for item_id, line in ids:
        if item_id in first_line:
            reader.problems.append(
                Problem(
                    reader.path,
                    line,
                    f"duplicate {what} {item_id} (first at line {first_line[item_id]})",
                    f"编号 {item_id} 重复（第一次出现在第 {first_line[item_id]} 行）",
                )
            )
        else:
            first_line[item_id] = line


def load_plan(
    folder: Path,
    *,
    use_cache: bool = True,
    keep_text: bool = True,
    env: Mapping[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Plan:
    """Load a plan folder. Broken files are reported in ``Plan.problems``; the rest still load.

    ``keep_text=False`` leaves out each initiative's original paragraph, which only `show` needs
    and which is most of a large plan's memory; only such loads use the cache (see cache.py),
    so that what the cache holds is small. Files unchanged since the last run come from it.
    """
    use_cache = use_cache and not keep_text
    from workplan_cli import cache

    settings = load_settings(folder)
    settings_key = cache.file_key((folder / SETTINGS_FILE).stat())
    environment = os.environ if env is None else env
    cache_path = cache.cache_file(folder, environment)
    use_cache = use_cache and cache_path is not None
    stored = cache.read_cache(cache_path, folder, settings_key) if use_cache and cache_path else {}

    results: dict[str, tuple[cache.FileKey, cache.FileResult]] = {}
    to_parse: list[tuple[str, cache.FileKey]] = []
    for rel, info in _walk(str(folder)):
        if isinstance(info, OSError):
            problem = Problem(folder / rel, 0, f"cannot read: {info.strerror}")
            results[rel] = ((0, 0, 0), cache.FileResult(None, (problem,), cacheable=False))
            continue
        hit = stored.get(rel)
        if hit is not None and hit[0] == (info.st_size, info.st_mtime_ns, info.st_ino):
            results[rel] = hit
        else:
            to_parse.append((rel, cache.file_key(info)))
    parsed = _parse_files(folder, [rel for rel, _ in to_parse], settings.year, progress, keep_text)
    for (rel, key), result in zip(to_parse, parsed, strict=True):
        results[rel] = (key, result)
    base = str(folder)
    if stored and cache.written_as(stored) != base:
        for rel, (key, result) in results.items():
            # Cached for a folder reached by another path (plan vs /home/…/plan): fix the paths.
            if result.initiative is not None and result.initiative.path != os.path.join(base, rel):
                results[rel] = (key, _relocated(result, folder / rel))
    if use_cache and cache_path and (any(r.cacheable for r in parsed) or stored.keys() - results.keys()):
        cache.write_cache_soon(cache_path, folder, settings_key, results, parsed=len(parsed))

    initiatives = [r.initiative for _, r in results.values() if r.initiative is not None]
    problems = [p for _, r in results.values() for p in r.problems]
    problems.extend(_cross_file_duplicates(initiatives))
    return Plan(folder, settings, tuple(sorted(initiatives, key=_initiative_order)), tuple(problems))


def _initiative_order(initiative: Initiative) -> tuple[Any, ...]:
    """Ids such as 12.345 as (12, 345), cheaply; anything else through id_sort_key."""
    section, dot, item = initiative.id.partition(".")
    if dot and section.isdigit() and item.isdigit():
        return (0, int(section), "", 0, int(item), "")
    return id_sort_key(initiative.id)


def with_text(initiative: Initiative, plan_year: int) -> Initiative:
    """The initiative with its original paragraph, read again from its file (loads leave it out)."""
    if initiative.text:
        return initiative
    reread = load_file(initiative.file, plan_year).initiative
    return initiative._replace(text=reread.text) if reread is not None and reread.id == initiative.id else initiative


def _relocated(result: FileResult, path: Path) -> FileResult:
    assert result.initiative is not None
    return result._replace(
        initiative=result.initiative._replace(path=str(path)),
        problems=tuple(replace(p, path=path) for p in result.problems),
    )


def load_file(path: Path, plan_year: int, *, keep_text: bool = True) -> FileResult:
    """One initiative file, as the cache stores it (without the original paragraph, ``text``)."""
    problems: list[Problem] = []
    try:
        text = read_text(path)
    except _FileBroken as broken:
        return FileResult(None, (broken.problem,), cacheable=False)
    initiative = load_initiative(path, text, plan_year, problems, keep_text=keep_text)
    # Deadlines that depend on the holiday data are resolved afresh every time (see cache.py).
    phrases = [m.phrase for m in initiative.milestones if m.phrase] if initiative else []
    cacheable = not any(depends_on_calendar(p) for p in phrases) and not any(
        "工作日" in p.message or "春节" in p.message for p in problems
    )
    return FileResult(initiative, tuple(problems), cacheable)


_CALENDARS: dict[int, WorkCalendar] = {}


def calendar_for(plan_year: int) -> WorkCalendar:
    """One working calendar per plan year and process; it loads the holiday data only when asked."""
    return _CALENDARS.setdefault(plan_year, WorkCalendar([plan_year]))


def _parse_files(
    folder: Path, rels: list[str], plan_year: int, progress: Callable[[int, int], None] | None, keep_text: bool
) -> list[FileResult]:
    # One process: worker processes were measured (benchmarks/) to lose on a 2-core machine, since
    # sending the parsed initiatives back costs about what parsing them does.
    results = []
    for count, rel in enumerate(rels, 1):
        results.append(load_file(folder / rel, plan_year, keep_text=keep_text))
        if progress is not None and count % 200 == 0:
            progress(count, len(rels))
    return results


def _cross_file_duplicates(initiatives: list[Initiative]) -> list[Problem]:
    """Ids used in two files.

    A milestone id starts with its initiative's id (checked per file), so milestone ids can clash
    across files only where initiative ids do, or where a milestone id has a foreign prefix: only
    those are compared, not every milestone of a city's plan.
    """
    problems: list[Problem] = []
    holders: dict[str, Initiative] = {}
    foreign: dict[str, Initiative] = {}
    for initiative in initiatives:
        other = holders.setdefault(initiative.id, initiative)
        if other is not initiative and other.path != initiative.path:
            problems.append(_duplicate(initiative, initiative.line, "initiative", initiative.id, other, other.line))
            lines = {m.id: m.line for m in other.milestones}
            problems += [
                _duplicate(initiative, m.line, "milestone", m.id, other, lines[m.id])
                for m in initiative.milestones
                if m.id in lines
            ]
        prefix = initiative.id + "."
        for milestone in initiative.milestones:
            if not milestone.id.startswith(prefix):
                first = foreign.setdefault(milestone.id, initiative)
                if first is not initiative and first.path != initiative.path:
                    line = next(m.line for m in first.milestones if m.id == milestone.id)
                    problems.append(_duplicate(initiative, milestone.line, "milestone", milestone.id, first, line))
    return problems


def _duplicate(
    initiative: Initiative, line: int, what: str, item_id: str, other: Initiative, other_line: int
) -> Problem:
    return Problem(
        initiative.file,
        line,
        f"duplicate {what} id {item_id} (also in {other.path}:{other_line}); give one of them another id",
        f"编号 {item_id} 重复（{other.path}:{other_line} 中也有）；请给其中一个换编号",
    )


def id_sort_key(item_id: str) -> tuple[Any, ...]:
    """Sort 1.2 before 1.10: numeric parts as numbers, others as text."""
    key: list[Any] = []
    for part in item_id.split("."):
        key += (0, int(part), "") if part.isdigit() else (1, 0, part)
    return tuple(key)


def holds_a_plan(folder: Path) -> bool:
    return (folder / SETTINGS_FILE).exists() or bool(folder.is_dir() and initiative_files(folder))


def write_plan(folder: Path, files: Mapping[str, str], *, remove_others: bool) -> list[Path]:
    """Write each file atomically; with ``remove_others``, delete initiative files not among them.

    Returns the files removed. Settings and initiative files are written one by one, each whole.
    """
    from workplan_cli.editing import atomic_replace

    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        atomic_replace(folder / name, text.encode("utf-8"))
    removed = []
    if remove_others:
        for path in initiative_files(folder):
            if path.relative_to(folder).as_posix() not in files:
                path.unlink()
                removed.append(path)
    return removed
