"""The plan folder: finding it, walking its initiative files, and writing a whole plan into it."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from workplan_cli.errors import PlanNotFoundError

SETTINGS_FILE = "workplan.yaml"  # a plan folder is one that holds it (read by settings.py)


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


def initiative_files(folder: Path) -> list[Path]:
    """Every ``*.yaml``/``*.yml`` under the folder but workplan.yaml, skipping hidden files and folders."""
    return [folder / rel for rel, _ in walk(str(folder))]


def walk(folder: str) -> list[tuple[str, os.stat_result | OSError]]:
    """(path relative to the plan folder, its stat or the error) for each initiative file.

    Loop-safe: each folder is entered once, by its device and inode, so a symlink to a parent
    (or two links to one folder) cannot walk in circles or read a file twice; real folders are
    walked before folders reached through a symlink, so a file keeps its real path.
    Strings rather than Path objects: a plan of 100,000 files is walked on every command.
    """
    found: list[tuple[str, os.stat_result | OSError]] = []
    seen: set[tuple[int, int]] = set()
    try:
        root = os.stat(folder)
    except OSError:
        return found
    seen.add((root.st_dev, root.st_ino))
    linked: list[tuple[str, str]] = []  # (path, prefix) of folders reached through a symlink
    _walk_folder(folder, "", found, seen, linked)
    while linked:
        path, prefix = linked.pop(0)
        try:
            info = os.stat(path)
        except OSError:
            continue  # a dangling or looping link: nothing to read there
        if (info.st_dev, info.st_ino) not in seen:
            seen.add((info.st_dev, info.st_ino))
            _walk_folder(path, prefix, found, seen, linked)
    return found


def _walk_folder(
    folder: str,
    prefix: str,
    found: list[tuple[str, os.stat_result | OSError]],
    seen: set[tuple[int, int]],
    linked: list[tuple[str, str]],
) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        rel = prefix + entry.name
        try:
            if entry.is_dir(follow_symlinks=False):
                info = entry.stat(follow_symlinks=False)
                if (info.st_dev, info.st_ino) not in seen:
                    seen.add((info.st_dev, info.st_ino))
                    _walk_folder(entry.path, rel + "/", found, seen, linked)
            elif entry.is_symlink() and entry.is_dir():
                linked.append((entry.path, rel + "/"))
            elif entry.name.endswith((".yaml", ".yml")) and rel != SETTINGS_FILE:
                found.append((rel, entry.stat()))
        except OSError as err:  # a link looping on itself, a file gone meanwhile
            if entry.name.endswith((".yaml", ".yml")):
                found.append((rel, err))


def holds_a_plan(folder: Path) -> bool:
    return (folder / SETTINGS_FILE).exists() or bool(folder.is_dir() and initiative_files(folder))


def write_plan(folder: Path, files: Mapping[str, str], *, remove_others: bool) -> list[Path]:
    """Write each file atomically; with ``remove_others``, delete initiative files not among them.

    Returns the files removed. Settings and initiative files are written one by one, each whole.
    """

    from workplan_cli.safewrite import atomic_replace, plan_lock  # only writers pay for them

    folder.mkdir(parents=True, exist_ok=True)
    removed = []
    with plan_lock(folder):
        for name, text in files.items():
            atomic_replace(folder / name, text.encode("utf-8"), locked=True)
        if remove_others:
            for path in initiative_files(folder):
                if path.relative_to(folder).as_posix() not in files:
                    path.unlink()
                    removed.append(path)
    return removed
