"""Safe writing: lock a file, refuse read-only ones, replace a file atomically and durably.

Editing, import and export all write through here: a temporary file in the same folder, fsync,
rename, fsync of the folder. A reader never sees half a file, and a crash leaves the old one.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from workplan_cli.errors import EditRefusedError
from workplan_cli.i18n import FileMsg

LOCK_FILE = ".workplan.lock"  # hidden: never read as an initiative file
LOCK_TIMEOUT_SECONDS = 60.0  # an edit takes milliseconds: a lock held this long is someone stuck
_local = threading.local()  # per thread: the plan folders it holds the lock of, and how deeply


def _held() -> dict[str, int]:
    held: dict[str, int] | None = getattr(_local, "held", None)
    if held is None:
        held = _local.held = {}
    return held


def plan_folder_of(path: Path) -> Path:
    """The plan folder a file belongs to: the nearest folder above it holding workplan.yaml."""
    start = Path(os.path.abspath(path))
    start = start if start.is_dir() else start.parent
    for folder in (start, *start.parents):
        if (folder / "workplan.yaml").exists():
            return folder
    return start


def holds_lock(folder: Path) -> bool:
    """Whether this thread holds the lock of the plan in ``folder``."""
    return os.path.realpath(folder) in _held()


@contextlib.contextmanager
def plan_lock(folder: Path) -> Iterator[None]:
    """Hold the plan's one lock: every writer (done, note, set, add, import) takes it, and every
    check that decides an edit (already done? which file holds the id?) is made while holding it.

    The lock is ``.workplan.lock`` in the plan folder (hidden: never read as a plan file), locked
    with flock on POSIX and msvcrt on Windows, which the system releases when a process dies: a
    killed writer leaves no stale lock. On POSIX the file is removed on release, so plan/ holds
    nothing git would show; a waiter then finds its locked file gone and locks the new one. The
    plan files themselves are never held open, which Windows would need to rename over them.
    Re-entrant within a thread; threads of one process exclude each other too.
    """
    key = os.path.realpath(folder)
    held = _held()
    if key in held:
        held[key] += 1
        try:
            yield
        finally:
            held[key] -= 1
        return
    path = os.path.join(key, LOCK_FILE)
    try:
        fd = _acquire(path, time.monotonic() + LOCK_TIMEOUT_SECONDS)
    except TimeoutError:
        raise EditRefusedError(FileMsg.LOCK_HELD, folder=folder, seconds=LOCK_TIMEOUT_SECONDS) from None
    except OSError as err:
        raise EditRefusedError(FileMsg.CANNOT_LOCK, folder=folder, reason=err, lock_file=LOCK_FILE) from None
    held[key] = 1
    try:
        yield
    finally:
        del held[key]
        _release(path, fd)


def _acquire(path: str, deadline: float) -> int:
    """An open, locked descriptor of the lock file that ``path`` still names."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    pause = 0.005
    while True:
        fd = os.open(path, flags, 0o666)
        try:
            if _try_lock(fd):
                try:
                    same = os.path.samestat(os.fstat(fd), os.stat(path))
                except FileNotFoundError:  # released and removed after we opened it
                    same = False
                if same:
                    return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
        if time.monotonic() > deadline:
            raise TimeoutError
        time.sleep(pause)
        pause = min(pause * 2, 0.05)


if sys.platform == "win32":  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _release(path: str, fd: int) -> None:
        # An open file cannot be removed on Windows: the empty lock file stays.
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        os.close(fd)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _release(path: str, fd: int) -> None:
        with contextlib.suppress(OSError):
            os.unlink(path)  # while still locked: a waiter sees it gone and locks a new one
        os.close(fd)  # and closing releases the lock


@contextlib.contextmanager
def locked(path: Path) -> Iterator[Path]:
    """Hold the lock of the plan ``path`` belongs to; yields the file it names (through a symlink,
    its target), which must exist."""
    with plan_lock(plan_folder_of(path)):
        target = Path(os.path.realpath(path))
        if not target.exists():
            raise EditRefusedError(FileMsg.NO_SUCH_FILE, path=path)
        yield target


def check_writable(path: Path, target: Path) -> None:
    """Refuse a file or folder marked read-only, even for root (who could write it anyway)."""
    file_mode = target.stat().st_mode
    if not file_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK):
        raise EditRefusedError(FileMsg.READ_ONLY_FILE, path=path)
    folder = target.parent
    if not folder.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(folder, os.W_OK):
        raise EditRefusedError(FileMsg.READ_ONLY_FOLDER, path=path, folder=folder)


def atomic_replace(target: Path, data: bytes, *, locked: bool = False) -> None:
    """Write ``data`` to a temp file beside ``target``, fsync, keep the mode, rename over ``target``.

    A new file (``target`` missing) gets mode 0644 and the folder's owner defaults. ``locked``:
    the caller holds the plan lock, so a temp file of ``target`` already there is a killed
    writer's, removed now.
    """
    target = writable_target(target)
    if locked:
        remove_stale_temps(target)
    try:
        fd, temp = open_temp(target)
    except OSError as err:
        raise EditRefusedError(FileMsg.CANNOT_WRITE_IN, path=target, folder=target.parent, reason=err) from None
    try:
        fill_temp(fd, temp, data, target)
        _rename_over(temp, target)
    except OSError as err:
        temp.unlink(missing_ok=True)
        raise EditRefusedError(FileMsg.CANNOT_REPLACE, path=target, reason=err) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_folder(target.parent)


def open_temp(target: Path) -> tuple[int, Path]:
    """A new temporary file beside ``target`` (``.NAME.XXXXXXXX.tmp``, hidden), open for writing."""
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    return fd, Path(temp_name)


def fill_temp(fd: int, temp: Path, data: bytes, target: Path) -> None:
    """Write ``data`` to the open temporary file and sync it; give it ``target``'s mode and owner
    (0644 for a new file), so the rename changes nothing but the content."""
    info = target.stat() if target.exists() else None
    with os.fdopen(fd, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    os.chmod(temp, stat.S_IMODE(info.st_mode) if info else 0o644)
    if info is not None and hasattr(os, "chown"):
        with contextlib.suppress(PermissionError):
            os.chown(temp, info.st_uid, info.st_gid)


def writable_target(path: Path) -> Path:
    """The regular file a write to ``path`` replaces: ``path`` itself, or where its symlink points.

    Replacing is safe only for a regular file or a missing path. A symlink is followed (its
    target is replaced, the link kept, as an editor saving through a link does); a device, FIFO,
    socket or folder is refused: renaming over ``/dev/null`` as root would replace the device for
    the whole machine, and a FIFO would silently become a file its reader never sees.
    """
    target = Path(os.path.realpath(path)) if os.path.islink(path) else path
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return target  # a missing path (or a link to one): a new file
    except OSError:
        return target  # unreadable: the write itself says why
    if stat.S_ISREG(mode):
        return target
    raise EditRefusedError(FileMsg.NOT_REGULAR, path=path, kind=_kind_of(mode))


def _kind_of(mode: int) -> FileMsg:
    if stat.S_ISDIR(mode):
        return FileMsg.KIND_FOLDER
    if stat.S_ISFIFO(mode):
        return FileMsg.KIND_FIFO
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return FileMsg.KIND_DEVICE
    if stat.S_ISSOCK(mode):
        return FileMsg.KIND_SOCKET
    return FileMsg.KIND_SPECIAL


def _rename_over(temp: Path, target: Path) -> None:
    """os.replace; on Windows a reader holding the target open makes it fail for a moment: retry."""
    for attempt in range(10):
        try:
            os.replace(temp, target)
            return
        except PermissionError:
            if os.name != "nt" or attempt == 9:
                raise
            time.sleep(0.05 * (attempt + 1))


def remove_stale_temps(target: Path) -> None:
    """The temp files ``atomic_replace`` makes for ``target`` (``.NAME.XXXXXXXX.tmp``), left by a
    writer killed before its rename. Only under the plan lock: then no writer is alive."""
    pattern = re.compile(rf"\.{re.escape(target.name)}\.[a-z0-9_]{{8}}\.tmp")
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            if entry.name.startswith(".") and pattern.fullmatch(entry.name):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def fsync_folder(folder: Path) -> None:
    """Make the rename itself durable."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
