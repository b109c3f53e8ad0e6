"""The plan folder: finding it, walking its initiative files, and writing a whole plan into it."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

from workplan_cli.errors import EditRefusedError, PlanNotFoundError, WorkplanError
from workplan_cli.i18n import FileMsg

SETTINGS_FILE = "workplan.yaml"  # a plan folder is one that holds it (read by settings.py)


def find_plan_folder(explicit: Path | None, env: Mapping[str, str], cwd: Path) -> Path:
    """``--plan DIR``, else ``$WORKPLAN_PLAN``, else ``./plan``, else the nearest parent's ``plan/``."""
    for given, source in ((explicit, "--plan"), (env.get("WORKPLAN_PLAN"), "WORKPLAN_PLAN")):
        if given:
            folder = Path(given)
            if not (folder / SETTINGS_FILE).is_file():
                raise PlanNotFoundError(
                    FileMsg.GIVEN_FOLDER_NOT_A_PLAN, source=source, folder=folder, settings_file=SETTINGS_FILE
                )
            return folder
    for parent in (cwd, *cwd.parents):
        if (parent / "plan" / SETTINGS_FILE).is_file():
            return parent / "plan" if parent != cwd else Path("plan")
    raise PlanNotFoundError(FileMsg.NO_PLAN_FOLDER, settings_file=SETTINGS_FILE, cwd=cwd)


def initiative_files(folder: Path) -> list[Path]:
    """Every ``*.yaml``/``*.yml`` under the folder but workplan.yaml, skipping hidden files and folders."""
    return [folder / rel for rel, _ in walk(str(folder))]


def walk(folder: str) -> Iterator[tuple[str, os.stat_result | OSError]]:
    """(path relative to the plan folder, its stat or the error) for each initiative file.

    Loop-safe: each folder is entered once, by its device and inode, so a symlink to a parent
    (or two links to one folder) cannot walk in circles or read a file twice; real folders are
    walked before folders reached through a symlink, so a file keeps its real path.
    Strings rather than Path objects: a plan of 100,000 files is walked on every command; and
    one at a time, so that their stats are not all held at once (80 MB at 100,000 files).
    """
    seen: set[tuple[int, int]] = set()
    try:
        root = os.stat(folder)
    except OSError:
        return
    seen.add((root.st_dev, root.st_ino))
    linked: list[tuple[str, str]] = []  # (path, prefix) of folders reached through a symlink
    yield from _walk_folder(folder, "", seen, linked)
    while linked:
        path, prefix = linked.pop(0)
        try:
            info = os.stat(path)
        except OSError:
            continue  # a dangling or looping link: nothing to read there
        if (info.st_dev, info.st_ino) not in seen:
            seen.add((info.st_dev, info.st_ino))
            yield from _walk_folder(path, prefix, seen, linked)


def _walk_folder(
    folder: str, prefix: str, seen: set[tuple[int, int]], linked: list[tuple[str, str]]
) -> Iterator[tuple[str, os.stat_result | OSError]]:
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
                    yield from _walk_folder(entry.path, rel + "/", seen, linked)
            elif entry.is_symlink() and entry.is_dir():
                linked.append((entry.path, rel + "/"))
            elif entry.name.endswith((".yaml", ".yml")) and rel != SETTINGS_FILE:
                yield rel, os.stat(entry.path)  # not entry.stat(): the entry would keep it until its folder is done
        except OSError as err:  # a link looping on itself, a file gone meanwhile
            if entry.name.endswith((".yaml", ".yml")):
                yield rel, err


def holds_a_plan(folder: Path) -> bool:
    return (folder / SETTINGS_FILE).exists() or bool(folder.is_dir() and initiative_files(folder))


def write_plan(
    folder: Path, files: Mapping[str, str], *, remove_others: bool, refusal: type[WorkplanError] = EditRefusedError
) -> list[Path]:
    """Write every file of the plan, or none: the old plan stays intact, or there is no plan at all.

    Every file is first written beside its target as a temporary file and synced; only when all of
    them are on disk are they renamed over the targets (a rename needs no space). A failure while
    writing (a full disk) removes the temporary files, and a folder this write created, and says
    which of the two outcomes it left, as ``refusal`` (import: exit 6; others: exit 4). A file
    replaced keeps its mode and owner; a new one gets 0644. Under the plan's lock, which a caller
    may already hold. Returns the initiative files removed with ``remove_others``.
    """
    from workplan_cli.safewrite import fsync_folder, plan_lock, remove_stale_temps, writable_target

    targets = {name: writable_target(folder / name) for name in files}  # never rename over a device
    created = _create_folder(folder, refusal)
    failure: OSError | None = None
    removed = []
    with plan_lock(folder):
        temps: dict[Path, Path] = {}
        try:
            for name, text in files.items():
                target = targets[name]
                target.parent.mkdir(parents=True, exist_ok=True)
                remove_stale_temps(target)  # a killed writer's: under the lock no writer is alive
                temps[target] = _synced_temp(target, text.encode("utf-8"))
        except OSError as err:
            for temp in temps.values():
                temp.unlink(missing_ok=True)
            failure = err
        else:
            for target, temp in temps.items():
                os.replace(temp, target)
            fsync_folder(folder)
            for path in initiative_files(folder) if remove_others else ():
                if path.relative_to(folder).as_posix() not in files:
                    path.unlink()
                    removed.append(path)
    if failure is not None:  # the lock released: its file no longer keeps a created folder from going
        if created:
            for made in reversed(created):
                with contextlib.suppress(OSError):
                    made.rmdir()
            raise refusal(FileMsg.NO_PLAN_WRITTEN, folder=folder, reason=failure)
        raise refusal(FileMsg.OLD_PLAN_INTACT, folder=folder, reason=failure)
    return removed


def _synced_temp(target: Path, data: bytes) -> Path:
    """``data`` in a temporary file beside ``target``, on disk, with the target's mode and owner."""
    from workplan_cli.safewrite import fill_temp, open_temp

    fd, temp = open_temp(target)
    try:
        fill_temp(fd, temp, data, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _create_folder(folder: Path, refusal: type[WorkplanError]) -> list[Path]:
    """Create ``folder`` and its missing parents; the ones created, outermost first."""
    missing = []
    walk = folder
    while not walk.exists():
        missing.append(walk)
        walk = walk.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise refusal(FileMsg.CANNOT_CREATE_FOLDER, folder=folder, reason=err) from None
    return list(reversed(missing))
