"""The plan's git repository, read and written with git itself (the command line, no binding).

Everything here runs ``git`` as a child process with a fixed, quiet environment and turns any
failure into a ``GitError`` (exit code 9) whose message names the command, the folder and what git
said. Nothing here reads the clock: the day or commit wanted is passed in.

- ``repository_of`` / ``require_repository``: is a folder inside a work tree, and where is its top;
- ``commit_as_of`` / ``plan_files_at`` / ``export_plan_at``: the plan as it was on a day or at a commit;
- ``commit_paths``: commit exactly the given files, leaving whatever else is staged in the index alone;
- ``path_log``: the commits that touched a file (following renames) or a folder, newest first;
- ``pull_fast_forward``: ``git pull --ff-only`` of a plan that is a clone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo

from workplan_cli.errors import GitError
from workplan_cli.i18n import GitMsg

# Messages in English whatever the locale (they are shown inside ours), no pager, no prompt for a
# password (a pull from a remote that wants one fails instead of hanging a cron job).
_QUIET_ENV = {"LC_ALL": "C", "LANGUAGE": "", "GIT_PAGER": "cat", "PAGER": "cat", "GIT_TERMINAL_PROMPT": "0"}
_TIMEOUT_SECONDS = 300


def run_git(
    folder: Path,
    *args: str,
    stdin: bytes | None = None,
    env: Mapping[str, str] | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess[bytes]:
    """Run ``git args`` in ``folder``; a failure (or git missing) is a GitError naming what failed."""
    command = ["git", *args]
    environment = {**os.environ, **_QUIET_ENV, **(env or {})}
    try:
        result = subprocess.run(
            command,
            cwd=folder,
            input=stdin,
            env=environment,
            capture_output=True,
            timeout=_TIMEOUT_SECONDS,
            check=False,
        )
    except FileNotFoundError as err:
        if shutil.which("git") is None:
            raise GitError(GitMsg.GIT_MISSING) from None
        raise GitError(GitMsg.CANNOT_RUN_GIT, folder=folder, reason=err) from None
    except subprocess.TimeoutExpired:
        raise GitError(GitMsg.TIMED_OUT, folder=folder, command=" ".join(args), seconds=_TIMEOUT_SECONDS) from None
    if check and result.returncode != 0:
        said = _last_lines(result.stderr or result.stdout)
        raise GitError(GitMsg.FAILED, folder=folder, command=" ".join(args), said=said)
    return result


def _last_lines(output: bytes, count: int = 3) -> str:
    lines = [line.strip() for line in output.decode("utf-8", "replace").splitlines() if line.strip()]
    return " / ".join(lines[-count:]) or "no message"


def _text(result: subprocess.CompletedProcess[bytes]) -> str:
    return result.stdout.decode("utf-8", "replace")


# ---------------------------------------------------------------------------------------------
# Where the plan sits in its repository


@dataclass(frozen=True, slots=True)
class PlanInRepository:
    """A plan folder inside a git work tree."""

    top: Path  # the work tree's top folder
    prefix: str  # the plan folder relative to ``top``, POSIX style; "" when the plan is the top

    def relative(self, path: Path) -> str:
        """``path`` (a file in the work tree) relative to the top, as git names it."""
        real = Path(os.path.realpath(path))
        if not real.is_relative_to(self.top):
            raise GitError(GitMsg.OUTSIDE_REPOSITORY, path=path, real=real, top=self.top)
        return PurePosixPath(real.relative_to(self.top)).as_posix()


def repository_of(folder: Path) -> PlanInRepository | None:
    """The repository holding ``folder``, or None when it is not inside a git work tree."""
    if shutil.which("git") is None:
        raise GitError(GitMsg.GIT_MISSING)
    real = Path(os.path.realpath(folder))
    result = run_git(real, "rev-parse", "--show-toplevel", check=False)
    if result.returncode != 0:
        return None
    top = Path(os.path.realpath(_text(result).strip()))
    prefix = PurePosixPath(real.relative_to(top)).as_posix()
    return PlanInRepository(top, "" if prefix == "." else prefix)


def require_repository(folder: Path) -> PlanInRepository:
    found = repository_of(folder)
    if found is None:
        raise GitError(GitMsg.NOT_A_REPOSITORY, folder=folder)
    return found


def head_commit(repo: PlanInRepository) -> str | None:
    """The commit HEAD names, or None in a repository without commits yet."""
    result = run_git(repo.top, "rev-parse", "--verify", "-q", "HEAD^{commit}", check=False)
    return _text(result).strip() or None if result.returncode == 0 else None


# ---------------------------------------------------------------------------------------------
# The plan as of a day or a commit


def end_of_day(day: date, timezone: str) -> datetime:
    """The last moment of ``day`` in the plan's timezone: a commit made that evening counts."""
    return datetime.combine(day, time(23, 59, 59), ZoneInfo(timezone))


def commit_as_of(repo: PlanInRepository, moment: datetime, revision: str = "HEAD") -> str | None:
    """The newest commit reachable from ``revision`` committed at or before ``moment`` that touched
    the plan folder; None when the plan had no commit yet by then."""
    result = run_git(
        repo.top,
        "rev-list",
        "-1",
        f"--before={moment.isoformat()}",
        revision,
        "--",
        repo.prefix or ".",
    )
    return _text(result).strip() or None


def resolve_commit(repo: PlanInRepository, revision: str) -> str:
    """A commit id for ``revision`` (a hash, a tag, HEAD~3…), or a GitError saying it does not exist."""
    result = run_git(repo.top, "rev-parse", "--verify", "-q", f"{revision}^{{commit}}", check=False)
    if result.returncode != 0:
        raise GitError(GitMsg.NO_SUCH_COMMIT, top=repo.top, revision=revision)
    return _text(result).strip()


def plan_files_at(repo: PlanInRepository, commit: str) -> dict[str, bytes]:
    """Every file of the plan folder as of ``commit``: path relative to the plan folder -> bytes."""
    listing = run_git(repo.top, "ls-tree", "-r", "-z", "--full-tree", commit, "--", repo.prefix or ".")
    names: list[tuple[str, str]] = []  # (object id, path relative to the top)
    for record in listing.stdout.split(b"\0"):
        if not record:
            continue
        meta, _, path = record.partition(b"\t")
        kind, object_id = meta.split(b" ")[1:3]
        if kind == b"blob":
            names.append((object_id.decode(), path.decode("utf-8", "surrogateescape")))
    blobs = read_blobs(repo, [object_id for object_id, _ in names])
    strip = len(repo.prefix) + 1 if repo.prefix else 0
    found = ((path[strip:], blobs.get(object_id)) for object_id, path in names)
    return {path: data for path, data in found if data is not None}


def read_blobs(repo: PlanInRepository, names: Sequence[str]) -> dict[str, bytes | None]:
    """Objects by name (an id, or ``commit:path``) in one ``git cat-file --batch``; None if missing."""
    if not names:
        return {}
    request = "".join(f"{name}\n" for name in names).encode("utf-8", "surrogateescape")
    output = run_git(repo.top, "cat-file", "--batch", stdin=request).stdout
    found: dict[str, bytes | None] = {}
    at = 0
    for name in names:
        header_end = output.index(b"\n", at)
        header = output[at:header_end].split(b" ")
        at = header_end + 1
        if header[-1] == b"missing" or len(header) < 3 or header[1] != b"blob":
            found[name] = None
            if len(header) >= 3 and header[1] != b"blob":
                at += int(header[2]) + 1  # a tree or commit: skip its content
            continue
        size = int(header[2])
        found[name] = output[at : at + size]
        at += size + 1  # the content, then a newline
    return found


def export_plan_at(repo: PlanInRepository, commit: str, destination: Path) -> Path:
    """Write the plan folder as of ``commit`` into ``destination`` (created; must not hold files).

    The result is an ordinary plan folder that ``load_plan`` reads like any other.
    """
    files = plan_files_at(repo, commit)
    if not files:
        raise GitError(GitMsg.NO_FILES_IN_COMMIT, top=repo.top, commit=commit[:12], prefix=repo.prefix or ".")
    destination.mkdir(parents=True, exist_ok=True)
    for relative, data in files.items():
        target = destination / relative
        if not target.resolve().is_relative_to(destination.resolve()):
            continue  # a path that would leave the folder: never written
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return destination


# ---------------------------------------------------------------------------------------------
# Committing exactly the files an edit touched


def commit_paths(repo: PlanInRepository, paths: Iterable[Path], message: str) -> str | None:
    """Commit the current contents of ``paths`` (new, changed or deleted files) with ``message``.

    Only those paths go into the commit, whatever else is staged: the commit is built in a
    temporary index (``GIT_INDEX_FILE``) starting from HEAD, so the real index keeps everything
    the person staged; afterwards the real index entries of ``paths`` are set to the new commit,
    so `git status` does not show them as changed. Hooks and signing run as for any ``git commit``.
    Returns the new commit's id, or None when the paths held nothing new to commit.
    """
    relatives = sorted({repo.relative(path) for path in paths})
    if not relatives:
        return None
    head = head_commit(repo)
    with tempfile.TemporaryDirectory(prefix="workplan-index-") as scratch:
        index = {"GIT_INDEX_FILE": str(Path(scratch) / "index")}
        if head is not None:
            run_git(repo.top, "read-tree", head, env=index)
        run_git(repo.top, "add", "-A", "--", *relatives, env=index)
        staged = run_git(
            repo.top, "diff", "--cached", "--quiet", *([head] if head else []), "--", env=index, check=False
        )
        if head is not None and staged.returncode == 0:
            return None
        run_git(repo.top, "commit", "-q", "-m", message, env=index)
    run_git(repo.top, "reset", "-q", "--", *relatives)
    return head_commit(repo)


# ---------------------------------------------------------------------------------------------
# History


@dataclass(frozen=True, slots=True)
class FileChange:
    """How one commit changed one file: its path before (None: added) and after (None: deleted)."""

    before: str | None
    after: str | None


@dataclass(frozen=True, slots=True)
class CommitInfo:
    """A commit that touched the plan, with the files it changed (paths relative to the top)."""

    commit: str
    parent: str | None  # the first parent; None for the first commit
    author: str
    email: str
    when: datetime
    subject: str
    files: tuple[FileChange, ...]


_FIELD = "%x1f"
_FORMAT = _FIELD.join(("%x1e%H", "%P", "%an", "%ae", "%aI", "%s")) + _FIELD


def path_log(repo: PlanInRepository, path: str, *, follow: bool, revision: str = "HEAD") -> list[CommitInfo]:
    """The commits that changed ``path`` (relative to the top), newest first, with their file changes.

    ``follow``: ``path`` is one file, followed back through renames (``git log --follow``).
    Otherwise ``path`` is a folder and renames inside it show as a deletion and an addition,
    which the caller pairs by the ids inside the files.
    """
    if head_commit(repo) is None:
        return []
    rename_flags = ["--follow", "-M"] if follow else ["--no-renames"]
    output = run_git(
        repo.top,
        "-c",
        "core.quotePath=false",
        "log",
        f"--format={_FORMAT}",
        "--name-status",
        "-z",
        *rename_flags,
        revision,
        "--",
        path,
    ).stdout.decode("utf-8", "surrogateescape")
    commits: list[CommitInfo] = []
    seen: set[str] = set()
    for record in output.split("\x1e")[1:]:
        fields = record.split("\x1f")
        commit, parents, author, email, when, subject = fields[:6]
        tokens = [t.strip("\n") for t in fields[6].split("\0")]
        tokens = [t for t in tokens if t]
        if commit in seen:
            continue
        seen.add(commit)
        commits.append(
            CommitInfo(
                commit,
                parents.split()[0] if parents.split() else None,
                author,
                email,
                datetime.fromisoformat(when),
                subject,
                tuple(_file_changes(tokens)),
            )
        )
    return commits


def _file_changes(tokens: list[str]) -> list[FileChange]:
    changes = []
    at = 0
    while at < len(tokens):
        status = tokens[at]
        if status[:1] in ("R", "C"):
            changes.append(FileChange(tokens[at + 1] if status[0] == "R" else None, tokens[at + 2]))
            at += 3
        elif status[:1] == "A":
            changes.append(FileChange(None, tokens[at + 1]))
            at += 2
        elif status[:1] == "D":
            changes.append(FileChange(tokens[at + 1], None))
            at += 2
        else:
            changes.append(FileChange(tokens[at + 1], tokens[at + 1]))
            at += 2
    return changes


# ---------------------------------------------------------------------------------------------
# Updating a clone


@dataclass(frozen=True, slots=True)
class PullResult:
    before: str | None
    after: str | None
    output: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def pull_fast_forward(repo: PlanInRepository) -> PullResult:
    """``git pull --ff-only``: bring the clone up to date, never making a merge of its own."""
    before = head_commit(repo)
    result = run_git(repo.top, "pull", "--ff-only", "--no-rebase", "-q")
    return PullResult(before, head_commit(repo), _last_lines(result.stderr + result.stdout))
