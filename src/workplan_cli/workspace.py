"""Many plans at once: a city office watching every district's plan.

The plans come from ``--plan`` given several times (``--plan 青羊=../qingyang/plan``), or from a
workspace file (``workspace.yaml``) that names each plan folder or git remote::

    title: 各区年度工作计划
    plans:
      青羊: ../qingyang/plan                 # a plan folder, relative to this file
      锦江: /srv/plans/jinjiang/plan
      武侯: https://git.example.gov.cn/wuhou/plan.git   # a git remote: `workplan pull` clones it

They are loaded one by one and merged into one ``Plan`` whose ids carry the plan's name
(``青羊:2.1.1``), so every view covers all of them unchanged. A plan that is missing or broken
is one problem of the merged plan (exit 1, like a broken file) and the others are still served.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from workplan_cli.errors import GitError, PlanNotFoundError, UsageError, WorkplanError
from workplan_cli.i18n import FileMsg, Listed, Localized, Message, ProblemCode, ProblemPart
from workplan_cli.model import Initiative, Plan, PlanSettings, Problem
from workplan_cli.yamlnodes import YAML_LOADER, yaml_reason

WORKSPACE_FILE = "workspace.yaml"
CLONES_FOLDER = ".workplan-clones"  # beside the workspace file: where remotes are cloned
SEPARATOR = ":"  # between a plan's name and an id: 青羊:2.1.1

_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|[^/\s]+@[^/\s]+:)|\.git/?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PlanSource:
    """One plan of a workspace: its short name, its folder, and the remote it is cloned from."""

    name: str
    folder: Path
    remote: str | None = None
    line: int = 0  # where the workspace file names it


@dataclass(frozen=True, slots=True)
class Workspace:
    file: Path | None
    title: str
    sources: tuple[PlanSource, ...]


@dataclass
class LoadedPlans:
    """The merged plan, and how each plan fared."""

    plan: Plan
    names: list[str] = field(default_factory=list)  # every plan's name, in order
    failed: dict[str, Localized] = field(default_factory=dict)  # name -> why it could not be loaded
    years: dict[str, int] = field(default_factory=dict)  # name -> its plan year, for each plan loaded


# ---------------------------------------------------------------------------------------------
# Where the plans come from


def find_workspace(explicit: Path | None, env: Mapping[str, str], cwd: Path) -> Path | None:
    """``--workspace FILE``, else ``$WORKPLAN_WORKSPACE``, else ``./workspace.yaml`` when there is no
    ``./plan`` folder and no ``$WORKPLAN_PLAN``; None: a single plan, found as before."""
    for given in (explicit, env.get("WORKPLAN_WORKSPACE")):
        if given:
            path = Path(given)
            if not path.is_file():
                raise PlanNotFoundError(FileMsg.WORKSPACE_MISSING, path=path)
            return path
    local = cwd / WORKSPACE_FILE
    if local.is_file() and not (cwd / "plan").is_dir() and not env.get("WORKPLAN_PLAN"):
        return local
    return None


def read_workspace(path: Path) -> Workspace:
    """The plans a workspace file names; a problem in it is exit 3 naming ``file:line``."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        root = yaml.compose(text, Loader=YAML_LOADER)
    except (OSError, UnicodeDecodeError) as err:
        raise PlanNotFoundError(FileMsg.WORKSPACE_UNREADABLE, path=path, err=err) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else 0
        what = yaml_reason(err, with_context=False)
        raise PlanNotFoundError(FileMsg.WORKSPACE_NOT_YAML, path=path, line=line, problem=what) from None
    fields = {str(k.value): v for k, v in root.value} if isinstance(root, yaml.MappingNode) else {}
    plans = fields.get("plans")
    if not isinstance(plans, yaml.MappingNode) or not plans.value:
        raise PlanNotFoundError(FileMsg.WORKSPACE_NO_PLANS, path=path)
    base = path.parent
    sources = []
    for key, value in plans.value:
        name, line = str(key.value).strip(), key.start_mark.line + 1
        if not name or SEPARATOR in name:
            raise PlanNotFoundError(FileMsg.WORKSPACE_BAD_NAME, path=path, line=line, name=name)
        sources.append(_source(path, base, name, value, line))
    title = fields.get("title")
    return Workspace(
        path, str(title.value) if isinstance(title, yaml.ScalarNode) and title.value else "", tuple(_unique(sources))
    )


def _source(path: Path, base: Path, name: str, value: yaml.Node, line: int) -> PlanSource:
    if isinstance(value, yaml.ScalarNode) and value.value:
        where = str(value.value).strip()
        if _REMOTE.search(where):
            return PlanSource(name, base / CLONES_FOLDER / name / "plan", where, line)
        return PlanSource(name, base / where, None, line)
    if isinstance(value, yaml.MappingNode):
        given = {str(k.value): str(v.value) for k, v in value.value if isinstance(v, yaml.ScalarNode)}
        if given.get("remote"):
            clone = base / CLONES_FOLDER / name
            return PlanSource(name, clone / given.get("folder", "plan"), given["remote"], line)
        if given.get("folder"):
            return PlanSource(name, base / given["folder"], None, line)
    raise PlanNotFoundError(FileMsg.WORKSPACE_BAD_PLAN, path=path, line=line, name=name)


def _unique(sources: list[PlanSource]) -> list[PlanSource]:
    """Two plans of one name would make their ids collide: the second becomes 名称2."""
    seen: set[str] = set()
    unique = []
    for source in sources:
        name, number = source.name, 2
        while name in seen:
            name, number = f"{source.name}{number}", number + 1
        seen.add(name)
        unique.append(replace(source, name=name))
    return unique


def sources_from_flags(values: Sequence[Path]) -> list[PlanSource]:
    """``--plan`` given several times: ``NAME=FOLDER`` or a folder, named after itself (or, for a
    folder called plan, after the folder holding it: ../qingyang/plan is qingyang)."""
    sources = []
    for value in values:
        text = str(value)
        name, equals, folder = text.partition("=")
        if equals and name and SEPARATOR not in name and os.sep not in name:
            sources.append(PlanSource(name, Path(folder)))
            continue
        path = Path(text)
        resolved = path.resolve()
        named = resolved.parent.name if resolved.name == "plan" and resolved.parent.name else resolved.name
        sources.append(PlanSource(named or text, path))
    return _unique(sources)


def plan_sources(
    flags: Sequence[Path], workspace_file: Path | None, env: Mapping[str, str], cwd: Path
) -> Workspace | None:
    """The plans asked for, or None for one plan found the usual way (one ``--plan`` or none)."""
    if len(flags) > 1:
        return Workspace(None, "", tuple(sources_from_flags(flags)))
    if flags:
        return None
    found = find_workspace(workspace_file, env, cwd)
    return read_workspace(found) if found is not None else None


# ---------------------------------------------------------------------------------------------
# Loading and merging


def prefixed(initiative: Initiative, name: str) -> Initiative:
    """The initiative with its own and its milestones' ids carrying the plan's name."""
    return initiative._replace(
        id=f"{name}{SEPARATOR}{initiative.id}",
        milestones=tuple(m._replace(id=f"{name}{SEPARATOR}{m.id}") for m in initiative.milestones),
    )


def unprefixed(item_id: str) -> tuple[str | None, str]:
    """(plan name, id) of ``青羊:2.1.1``; (None, id) for an id without a plan's name."""
    name, separator, rest = item_id.rpartition(SEPARATOR)
    return (name, rest) if separator else (None, item_id)


def route_id(
    plan_dir: Path | None, item_id: str, workspace_file: Path | None, env: Mapping[str, str], cwd: Path
) -> tuple[Path | None, str]:
    """An edit of ``青羊:2.1.1``: (青羊's plan folder, 2.1.1) from the workspace. An id without a
    plan's name, or an explicit ``--plan``, is left to the usual search (the name dropped)."""
    name, plain = unprefixed(item_id)
    if name is None:
        return plan_dir, item_id
    if plan_dir is not None:
        return plan_dir, plain
    found = plan_sources([], workspace_file, env, cwd)
    if found is None:
        return None, plain
    for source in found.sources:
        if source.name == name:
            return source.folder, plain
    names = "、".join(source.name for source in found.sources)
    raise UsageError(FileMsg.NO_SUCH_PLAN, item_id=item_id, name=name, file=found.file, names=names)


def load_all(workspace: Workspace, load: Callable[[Path], Plan]) -> LoadedPlans:
    """Every plan of the workspace, merged; a plan that fails is a problem, not a stop. All failing:
    PlanNotFoundError (exit 3) listing why."""
    initiatives: list[Initiative] = []
    problems: list[Problem] = []
    loaded: list[tuple[PlanSource, Plan]] = []
    result = LoadedPlans(Plan(Path("."), PlanSettings("", 0), ()))
    for source in workspace.sources:
        result.names.append(source.name)
        try:
            if not (source.folder / "workplan.yaml").is_file():
                raise PlanNotFoundError(FileMsg.NO_PLAN_AT, folder=source.folder)
            plan = load(source.folder)
        except WorkplanError as err:
            why: Localized = err
            if source.remote and not source.folder.exists():
                why = Message(ProblemPart.NOT_CLONED, remote=source.remote)
            result.failed[source.name] = why
            problems.append(
                Problem(ProblemCode.PLAN_NOT_LOADED, source.folder, 0, 0, {"name": source.name, "why": why})
            )
            continue
        loaded.append((source, plan))
        result.years[source.name] = plan.settings.year
        initiatives += [prefixed(initiative, source.name) for initiative in plan.initiatives]
        problems += plan.problems
    if not loaded:
        reasons = Listed(
            tuple(Message(FileMsg.PLAN_AND_WHY, name=n, why=w) for n, w in result.failed.items()), "; ", "；"
        )
        raise PlanNotFoundError(FileMsg.NO_PLAN_LOADED, reasons=reasons)
    first = loaded[0][1]
    title = workspace.title or "、".join(source.name for source, _ in loaded)
    folder = workspace.file.parent if workspace.file is not None else first.folder
    result.plan = Plan(folder, replace(first.settings, title=title), tuple(initiatives), tuple(problems))
    return result


# ---------------------------------------------------------------------------------------------
# Updating every plan that is a git checkout


@dataclass(frozen=True, slots=True)
class PullReport:
    name: str
    folder: Path
    what: str  # cloned | updated | up-to-date | not-git | failed
    detail: str = ""


def pull_all(workspace: Workspace) -> list[PullReport]:
    """``git pull --ff-only`` in each plan that is a checkout; a remote not cloned yet is cloned.

    One plan failing does not stop the others; its report says why."""
    reports = []
    for source in workspace.sources:
        try:
            reports.append(_pull_one(source))
        except GitError as err:
            reports.append(PullReport(source.name, source.folder, "failed", str(err)))
    return reports


def _pull_one(source: PlanSource) -> PullReport:
    from workplan_cli import gitrepo  # only `pull` runs git: subprocess is not imported by `due`

    if source.remote is not None and not source.folder.exists():
        clone = _clone_folder(source)
        clone.parent.mkdir(parents=True, exist_ok=True)
        gitrepo.run_git(clone.parent, "clone", "-q", "--", source.remote, clone.name)
        return PullReport(source.name, source.folder, "cloned", source.remote)
    if not source.folder.is_dir():
        raise GitError(FileMsg.FOLDER_MISSING, folder=source.folder)
    repo = gitrepo.repository_of(source.folder)
    if repo is None:
        return PullReport(source.name, source.folder, "not-git")
    pulled = gitrepo.pull_fast_forward(repo)
    if pulled.changed:
        return PullReport(
            source.name, source.folder, "updated", f"{(pulled.before or '')[:10]} -> {(pulled.after or '')[:10]}"
        )
    return PullReport(source.name, source.folder, "up-to-date")


def _clone_folder(source: PlanSource) -> Path:
    """The clone's own folder: the plan folder's parent when the plan is a folder inside the clone."""
    folder = source.folder
    while folder.name != source.name and folder.parent != folder:
        folder = folder.parent
    return folder


def single(folder: Path) -> Workspace:
    """One plan folder as a workspace of one (for `workplan pull` without a workspace)."""
    if not (folder / "workplan.yaml").is_file():
        raise UsageError(FileMsg.NOT_A_PLAN_FOLDER, folder=folder)
    return Workspace(None, "", tuple(sources_from_flags([folder])))
