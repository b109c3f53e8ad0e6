"""Safe writing: lock a file, refuse read-only ones, replace a file atomically and durably.

Editing, import and export all write through here: a temporary file in the same folder, fsync,
rename, fsync of the folder. A reader never sees half a file, and a crash leaves the old one.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from workplan_cli.errors import EditRefusedError


@contextlib.contextmanager
def locked(path: Path) -> Iterator[Path]:
    """Hold an exclusive lock on the file ``path`` names (through a symlink, its target).

    The lock is on the file itself, with no lock file left in plan/. A writer replaces the file by
    rename, so after waiting for the lock we check that the path still names the inode we locked,
    and lock again if not: otherwise we would read the old, replaced content.
    """
    target = Path(os.path.realpath(path))
    while True:
        try:
            fd = os.open(target, os.O_RDONLY)
        except OSError as err:
            raise EditRefusedError(f"{path}: cannot open: {err.strerror}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if os.fstat(fd).st_ino == os.stat(target).st_ino:
                yield target
                return
        finally:
            os.close(fd)  # closing releases the lock


def check_writable(path: Path, target: Path) -> None:
    """Refuse a file or folder marked read-only, even for root (who could write it anyway)."""
    file_mode = target.stat().st_mode
    if not file_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK):
        raise EditRefusedError(
            f"{path}: the file is read-only; make it writable (chmod u+w) to edit it, nothing was changed",
            f"{path}：文件是只读的；请先设为可写（chmod u+w），未做任何改动",
        )
    folder = target.parent
    if not folder.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(folder, os.W_OK):
        raise EditRefusedError(
            f"{path}: the folder {folder} is read-only; workplan writes a temporary file "
            "beside the plan file and renames it, nothing was changed",
            f"{path}：文件夹 {folder} 是只读的；workplan 需要在计划文件旁写临时文件再改名，未做任何改动",
        )


def atomic_replace(target: Path, data: bytes) -> None:
    """Write ``data`` to a temp file beside ``target``, fsync, keep the mode, rename over ``target``.

    A new file (``target`` missing) gets mode 0644 and the folder's owner defaults.
    """
    info = target.stat() if target.exists() else None
    try:
        fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        raise EditRefusedError(
            f"{target}: cannot write in {target.parent}: {err.strerror}; nothing was changed"
        ) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, stat.S_IMODE(info.st_mode) if info else 0o644)
        if info is not None:
            with contextlib.suppress(PermissionError):
                os.chown(temp, info.st_uid, info.st_gid)
        os.replace(temp, target)
    except OSError as err:
        temp.unlink(missing_ok=True)
        raise EditRefusedError(
            f"{target}: could not replace the file ({err.strerror}); it is unchanged",
            f"{target}：无法替换文件（{err.strerror}）；文件保持原样",
        ) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
