"""A cache of parsed, resolved plan files, so that a large plan loads fast after the first run.

It must never serve stale data:

- Each file's entry is keyed by its path, size, mtime_ns, inode and ctime_ns; the whole cache by
  the program's version and source files, the plan folder and workplan.yaml's own key (the plan
  year changes every deadline). The ctime is set by the system on every change and cannot be set
  back, so an edit that keeps the size and restores the old mtime (``touch -d``) is still seen.
- A file changed within ``RACY_SECONDS`` of the cache being written (by its ctime) is not stored:
  its times cannot tell an edit made in the same tick from the version read (the "racy" case git
  guards against), so it is read again next time. A file whose mtime lies in the future is
  stored like any other: its ctime is the real time of its last change.
- Files whose deadlines depend on the holiday data (春节前, N个工作日内) are not stored: that data
  changes when the holidays package learns a newly published year.
- It lives in the user's cache folder ($XDG_CACHE_HOME/workplan), never inside plan/. A cache that
  is corrupt, truncated, written by another version, not the user's own, writable by others, a
  symlink, or unwritable is ignored (and rebuilt when possible), never an error. A pickle is code:
  the file is opened without following a symlink, and the opened file's owner and mode checked.
- Temporary files of a writer that was killed are removed by a later write.
- Without a home folder (no $HOME, or it does not exist) there is no cache and no folder is made.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
import zlib
from array import array
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO, NamedTuple

from workplan_cli import __version__
from workplan_cli.model import Initiative, PlanSettings, Problem

FORMAT = 5
try:  # CPython's pickler itself: the pickle module around it costs every run a millisecond to import
    from _pickle import dumps as _dumps
    from _pickle import load as _load
except ImportError:  # another Python
    from pickle import dumps as _dumps
    from pickle import load as _load
_HIGHEST = 5  # pickle.HIGHEST_PROTOCOL of Python 3.8 and later
MAGIC = b"workplan-cache\n"
RACY_SECONDS = 2.0
CHUNK = 5000  # files per pickle in the cache file

FileKey = tuple[int, int, int, int]  # size, mtime_ns, inode, ctime_ns
NO_KEY: FileKey = (0, 0, 0, 0)
Entry = tuple[int, "FileResult"]  # a file's entry: its key's digest (see ``digest``) and what it gave
STALE_TEMP_SECONDS = 600  # a temp file older than this belongs to a writer that is gone


class FileResult(NamedTuple):
    """What loading one file gave: the initiative (or None) and its problems."""

    initiative: Initiative | None
    problems: tuple[Problem, ...]
    cacheable: bool = True


class Files:
    """Files' entries as columns, in the order the plan folder was walked: each file's path relative to
    the folder (None where an update removed it), its key's digest, its initiative and its problems.

    Columns, not a tuple per file: a city's plan of 100,000 files held a digest, an entry tuple and a
    FileResult apiece, 30 MB and a tenth of a warm load. Only what a cache stores is kept (a file is
    stored only when cacheable, see ``storable``).
    """

    __slots__ = ("digests", "initiatives", "problems", "rels")

    def __init__(self) -> None:
        self.rels: list[str | None] = []
        self.digests = array("q")
        self.initiatives: list[Initiative | None] = []
        self.problems: dict[int, tuple[Problem, ...]] = {}  # by position: few files have any

    def __len__(self) -> int:
        return len(self.rels)

    def add(self, rel: str, key_digest: int, initiative: Initiative | None, problems: tuple[Problem, ...]) -> None:
        if problems:
            self.problems[len(self.rels)] = problems
        self.rels.append(rel)
        self.digests.append(key_digest)
        self.initiatives.append(initiative)

    def take(self, other: Files, at: int) -> None:
        """Add the entry at ``at`` of ``other`` (its objects, not copies)."""
        rel = other.rels[at]
        assert rel is not None
        self.add(rel, other.digests[at], other.initiatives[at], other.problems.get(at, ()))

    def set(
        self, at: int, rel: str, key_digest: int, initiative: Initiative | None, problems: tuple[Problem, ...]
    ) -> None:
        self.rels[at] = rel
        self.digests[at] = key_digest
        self.initiatives[at] = initiative
        if problems:
            self.problems[at] = problems
        else:
            self.problems.pop(at, None)

    def take_range(self, other: Files, start: int, stop: int) -> None:
        """Add the entries ``start`` to ``stop`` of ``other`` (its objects, not copies)."""
        self.extend_columns(other.columns(start, stop))

    def result(self, at: int) -> FileResult:
        return FileResult(self.initiatives[at], self.problems.get(at, ()))

    def columns(self, start: int = 0, stop: int | None = None) -> tuple[object, ...]:
        """A slice as the cache file stores it: plain lists, the digests as bytes, problems by position."""
        stop = len(self.rels) if stop is None else stop
        problems = {at - start: found for at, found in self.problems.items() if start <= at < stop}
        return (self.rels[start:stop], self.digests[start:stop].tobytes(), self.initiatives[start:stop], problems)

    def extend_columns(self, columns: tuple[object, ...]) -> None:
        """Add a slice written by ``columns``."""
        rels, digests, initiatives, problems = columns
        if not (isinstance(rels, list) and isinstance(digests, bytes) and isinstance(initiatives, list)):
            raise ValueError("not a cache chunk")
        if not isinstance(problems, dict) or len(digests) != 8 * len(rels) or len(initiatives) != len(rels):
            raise ValueError("not a cache chunk")
        offset = len(self.rels)
        self.rels += rels
        self.digests.frombytes(digests)
        self.initiatives += initiatives
        self.problems.update({offset + at: found for at, found in problems.items()})


class Entries(Mapping[str, "Entry"]):
    """The stored files (see ``Files``), looked up by path relative to the plan folder; the folder name
    their paths were written with; and workplan.yaml's settings when they were stored (keyed, as the
    whole cache is, by that file's key: a warm run then reads no YAML at all).

    ``position`` finds a file where the walk expects it first (the cache is written in walk order), so a
    warm run builds no index of 100,000 paths unless files were added or moved.
    """

    def __init__(self, *, written_as: str = "", settings: PlanSettings | None = None) -> None:
        self.files = Files()
        self.written_as = written_as
        self.settings = settings
        self.source: tuple[int, int, int] | None = None  # device, inode and size of the file as read
        self.appended = 0  # entries read from updates appended after the whole cache was written
        self.live = 0  # files not removed by an update
        self._index: dict[str, int] | None = None

    def position(self, rel: str, expected: int) -> int | None:
        """Where the file ``rel`` is stored: at ``expected`` when it is there, else by the index."""
        rels = self.files.rels
        if 0 <= expected < len(rels) and rels[expected] == rel:
            return expected
        return self._lookup(rel)

    def _lookup(self, rel: str) -> int | None:
        if self._index is None:
            self._index = {name: at for at, name in enumerate(self.files.rels) if name is not None}
        return self._index.get(rel)

    def _changed(self, changed: Files, removed: Sequence[str]) -> None:
        """An update read after the whole cache: entries replaced, added and removed."""
        for at, rel in enumerate(changed.rels):
            assert rel is not None
            where = self._lookup(rel) if len(changed) > 16 or self._index is not None else self._find(rel)
            initiative, problems = changed.initiatives[at], changed.problems.get(at, ())
            if where is None:
                if self._index is not None:
                    self._index[rel] = len(self.files)
                self.files.add(rel, changed.digests[at], initiative, problems)
                self.live += 1
            else:
                self.files.set(where, rel, changed.digests[at], initiative, problems)
        for rel in removed:
            where = self._lookup(rel) if self._index is not None else self._find(rel)
            if where is not None:
                self.files.rels[where] = None
                if self._index is not None:
                    del self._index[rel]
                self.live -= 1

    def _find(self, rel: str) -> int | None:
        """A few paths of an update, without building the index (a list scan is a millisecond)."""
        try:
            return self.files.rels.index(rel)
        except ValueError:
            return None

    def __getitem__(self, rel: str) -> Entry:
        at = self._lookup(rel)
        if at is None:
            raise KeyError(rel)
        return self.files.digests[at], self.files.result(at)

    def __iter__(self) -> Iterator[str]:
        return (rel for rel in self.files.rels if rel is not None)

    def __len__(self) -> int:
        return self.live


NO_ENTRIES = Entries()


def file_key(info: os.stat_result) -> FileKey:
    return info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns


def digest(key: FileKey) -> int:
    """The key as one 64-bit number (Python's hash of a tuple of ints, the same in every process):
    four large ints and their tuple were a tenth of the cache's memory and a fifth of reading it."""
    return hash(key)


def cache_folder(env: Mapping[str, str]) -> Path | None:
    """$XDG_CACHE_HOME/workplan, else $HOME/.cache/workplan; None when there is no home (a bare
    cron or service environment without HOME, or a HOME that does not exist): then no cache, and
    no folder is made where none was meant to be."""
    base = env.get("XDG_CACHE_HOME") or ""
    if base and Path(base).is_absolute():
        return Path(base) / "workplan"
    home = env.get("HOME") or (env.get("USERPROFILE", "") if os.name == "nt" else "")
    if not home or not Path(home).is_absolute() or not Path(home).is_dir():
        return None
    return Path(home) / ".cache" / "workplan"


def cache_file(folder: Path, env: Mapping[str, str]) -> Path | None:
    root = cache_folder(env)
    if root is None:
        return None
    # Two checksums of the folder's path name its file: zlib is built in, where hashlib would load
    # OpenSSL on every run. Two folders with the same name only take turns (the identity inside
    # the file holds the whole path, see _identity), never read each other's entries.
    name = str(folder.resolve()).encode("utf-8", "surrogateescape")
    return root / f"plan-{zlib.crc32(name):08x}{zlib.adler32(name):08x}.pickle"


def _identity(folder: Path, settings_key: FileKey) -> tuple[object, ...]:
    return (FORMAT, __version__, _code_key(), str(folder.resolve()), settings_key)


def _code_key() -> tuple[tuple[str, int, int], ...]:
    """The program's own source files, by size and mtime: an editable install or a `git pull` of
    workplan itself changes what a file means without changing the version number. (os.scandir, not
    Path.rglob: this runs on every command, and rglob costs a millisecond more.)"""
    key = []
    folders = [(os.path.dirname(os.path.abspath(__file__)), "")]
    while folders:
        folder, prefix = folders.pop()
        with os.scandir(folder) as found:
            for entry in found:
                if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                    folders.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.name.endswith(".py"):
                    info = entry.stat()
                    key.append((prefix + entry.name, info.st_size, info.st_mtime_ns))
    return tuple(sorted(key))


def code_digest() -> str:
    """``_code_key`` in 16 hex digits, to name files that depend on the program's code."""
    code = repr(_code_key()).encode()
    return f"{zlib.crc32(code):08x}{zlib.adler32(code):08x}"


def read_cache(path: Path, folder: Path, settings_key: FileKey) -> Entries:
    """The stored entries, or none when there is no usable cache.

    Their paths are as the folder was named when they were written (see ``Entries.written_as``).
    """
    try:
        opened = _open_own(path)
        if opened is None:
            return NO_ENTRIES
        with opened as stream:
            if stream.read(len(MAGIC)) != MAGIC:
                return NO_ENTRIES
            identity, written_as, chunks, settings = _load(stream)
            if identity != _identity(folder, settings_key):
                return NO_ENTRIES
            entries = Entries(written_as=written_as, settings=settings)
            for _ in range(chunks):
                entries.files.extend_columns(_load(stream))
            entries.live = len(entries.files)
            _read_updates(stream, entries)
            info = os.fstat(stream.fileno())
            entries.source = (info.st_dev, info.st_ino, stream.tell())
    except Exception:  # corrupt, truncated, foreign, unreadable: start afresh
        return NO_ENTRIES
    return entries


def _read_updates(stream: BinaryIO, entries: Entries) -> None:
    """The updates appended after the whole cache (see ``append_update``), in order. One that cannot
    be read (a writer cut short) ends them: what it held is parsed again, and the next change
    rewrites the whole cache."""
    while True:
        try:
            columns, removed, settings = _load(stream)
            changed = Files()
            changed.extend_columns(columns)
        except EOFError:
            return
        except Exception:
            entries.appended = COMPACT_AFTER
            return
        entries._changed(changed, removed)
        entries.settings = settings if settings is not None else entries.settings
        entries.appended += len(changed) + len(removed)


COMPACT_AFTER = 200  # entries appended as updates, beyond which the whole cache is written again


def update_cache(
    path: Path,
    folder: Path,
    settings_key: FileKey,
    entries: Files,
    settings: PlanSettings,
    stored: Entries,
    changed: Files,
    removed: Sequence[str],
) -> None:
    """Store what changed since the cache was read: appended to it as a small update when that is
    safe (the same cache file, unchanged since it was read, of this folder's name, not too many
    updates yet), which costs a one-file edit of a city's plan a millisecond; else the whole cache
    is written again (``write_cache_soon``)."""
    now = clock_ns()
    settled_settings = settings if stored.settings is None and settled(settings_key, now) else None
    limit = max(COMPACT_AFTER, len(stored) // 20)
    if (
        stored.source is None
        or stored.written_as != str(folder)
        or stored.appended + len(changed) + len(removed) > limit
        or not append_update(path, stored.source, changed, removed, settled_settings)
    ):
        write_cache_soon(path, folder, settings_key, entries, settings)


def append_update(
    path: Path,
    source: tuple[int, int, int],
    changed: Files,
    removed: Sequence[str],
    settings: PlanSettings | None,
) -> bool:
    """Append one update to the cache file read as ``source``, in one write; False when that file is
    not the one read (replaced or grown since) or is not the user's own, or the write fails."""
    data = _dumps((changed.columns(), tuple(removed), settings), _HIGHEST)
    try:
        if not _own_folder(path.parent):
            return False
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        info = os.fstat(fd)
        if (
            not stat.S_ISREG(info.st_mode)
            or not _owned(info)
            or _others_can_write(info)
            or (info.st_dev, info.st_ino, info.st_size) != source
        ):
            return False
        written = os.write(fd, data) == len(data)  # a short write leaves an update readers stop at
    except OSError:
        return False
    finally:
        os.close(fd)
    _remove_stale_temps(path.parent)
    return written


def _owned(info: os.stat_result) -> bool:
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


def _others_can_write(info: os.stat_result) -> bool:
    """By the POSIX mode bits; Windows reports every file as 0o666 and guards the user's
    profile folder (where the cache is) by ACLs instead."""
    return os.name == "posix" and bool(info.st_mode & (stat.S_IWGRP | stat.S_IWOTH))


def _own_folder(folder: Path) -> bool:
    """The cache folder is a real folder of the user's, writable by nobody else: otherwise another
    user could put a file there for us to unpickle."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and _owned(info) and not _others_can_write(info)


def clock_ns() -> int:
    """Now, for the racy window (one place, so tests can let time pass)."""
    return time.time_ns()


def storable(key: FileKey, result: FileResult, now_ns: int) -> bool:
    """Whether an entry can be trusted next time: cacheable, and settled (see ``settled``)."""
    return result.cacheable and settled(key, now_ns)


def settled(key: FileKey, now_ns: int) -> bool:
    """Not changed in the racy window (by ctime, which a future mtime does not move)."""
    return key[3] < now_ns - int(RACY_SECONDS * 1e9)


def write_cache(
    path: Path,
    folder: Path,
    settings_key: FileKey,
    entries: Files,
    settings: PlanSettings | None = None,
) -> None:
    """Store the entries (those the caller found safe to trust next time, see ``storable``) and the
    settings (if settled); any failure only means no cache."""
    now = clock_ns()
    settings = settings if settled(settings_key, now) else None
    import pickle
    import tempfile  # only when writing: a warm run reads and leaves

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _own_folder(path.parent):
            return
        _remove_stale_temps(path.parent)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".plan-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(MAGIC)
            # In chunks: unpickling holds a memo of every object it has built until it returns,
            # which for a city-size plan in one piece was a third more memory than the plan itself.
            starts = range(0, len(entries), CHUNK)
            header = (_identity(folder, settings_key), str(folder), len(starts), settings)
            pickle.dump(header, stream, protocol=pickle.HIGHEST_PROTOCOL)
            for start in starts:
                pickle.dump(entries.columns(start, start + CHUNK), stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
    except Exception:
        with contextlib.suppress(OSError):
            os.unlink(temp)


def _open_own(path: Path) -> BinaryIO | None:
    """The file opened for reading if it is the user's own regular file, writable by nobody else, in a
    folder of the user's (a pickle is code), never through a symlink; else None. OSError may pass."""
    if not _own_folder(path.parent):
        return None
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    stream = open(fd, "rb")  # noqa: SIM115 (returned open, for the caller's with)
    info = os.fstat(stream.fileno())
    if not stat.S_ISREG(info.st_mode) or not _owned(info) or _others_can_write(info):
        stream.close()
        return None
    return stream


def read_own_text(path: Path) -> str | None:
    """A text file of ours in the cache folder (checked as a cache file is), else None."""
    try:
        opened = _open_own(path)
        if opened is None:
            return None
        with opened as stream:
            return stream.read().decode("utf-8")
    except (OSError, UnicodeError):
        return None


def write_own_text(path: Path, text: str) -> None:
    """Write a text file into the cache folder, atomically; any failure only means it is not kept."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not _own_folder(path.parent):
            return
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".plan-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(text.encode("utf-8"))
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)


def _remove_stale_temps(folder: Path) -> None:
    """Temp files of writers killed before their rename. A young one may be a live writer's."""
    limit = time.time() - STALE_TEMP_SECONDS
    with contextlib.suppress(OSError), os.scandir(folder) as found:
        for entry in found:
            if entry.name.startswith(".plan-") and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    if entry.stat(follow_symlinks=False).st_mtime < limit:
                        os.unlink(entry.path)


BACKGROUND_FROM = 1000  # files in the cache; below this, writing it takes less than a fork
_deferred: list[tuple[Path, Path, FileKey, Files, PlanSettings | None]] | None = None


def defer_writes() -> None:
    """Put off every cache write of this process until ``write_deferred`` (``cli.main`` does, for a
    command: its output is out before the cache is written)."""
    global _deferred
    _deferred = []


def write_deferred() -> None:
    """The writes put off since ``defer_writes``, now: a large one forked when the command is done, so
    that the command neither waits for it nor works beside a writer that shares its two cores and
    its heap (every page the command touched after a fork was copied for it: a tenth of a second
    at 10,000 files, measured)."""
    global _deferred
    pending, _deferred = _deferred or [], None
    for args in pending:
        write_cache_soon(*args)


def write_cache_soon(
    path: Path,
    folder: Path,
    settings_key: FileKey,
    entries: Files,
    settings: PlanSettings | None = None,
) -> None:
    """Write the cache; a large one in a forked child so the command is not kept waiting (and, after
    ``defer_writes``, only when the command is done).

    Pickling a city-size plan takes a few tenths of a second (a second at 100,000 files) that the
    user should not wait for, after a cold load or after a one-file edit alike: the whole file is
    rewritten either way, so its size decides, not how many files were parsed.
    The child closes the standard streams first (a pipe reader must see end-of-file when the
    command ends, not when the cache is written) and leaves with os._exit: no buffers flushed
    twice, no exit handlers run. The write itself is atomic, so a second command starting
    meanwhile reads the old cache or none, never half of one.
    """
    if _deferred is not None:
        _deferred.append((path, folder, settings_key, entries, settings))
        return
    if len(entries) < BACKGROUND_FROM or not hasattr(os, "fork"):
        write_cache(path, folder, settings_key, entries, settings)
        return
    try:
        pid = os.fork()
    except OSError:
        write_cache(path, folder, settings_key, entries, settings)
        return
    if pid == 0:  # the child
        try:
            devnull = os.open(os.devnull, os.O_RDWR)
            for stream in (0, 1, 2):
                os.dup2(devnull, stream)
            write_cache(path, folder, settings_key, entries, settings)
        finally:
            os._exit(0)
