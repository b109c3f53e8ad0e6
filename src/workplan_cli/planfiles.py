"""Plan files into the model: ``load_plan`` reads a whole folder, using the cache, and reports
problems per file, ids used in two files among them.

Built on ``planfolder`` (which files there are), ``cache`` (files unchanged since the last run,
and workplan.yaml's settings) and, only for what is not cached, ``initiativefile`` (one initiative
file) and ``settings`` (workplan.yaml): a warm run imports neither them nor PyYAML.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from workplan_cli.cache import FileResult, Files
from workplan_cli.i18n import ProblemCode, ProblemPart
from workplan_cli.model import Initiative, Plan, Problem, id_sort_key
from workplan_cli.planfolder import SETTINGS_FILE, walk


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

    try:
        settings_key = cache.file_key((folder / SETTINGS_FILE).stat())
    except OSError:
        settings_key = cache.NO_KEY  # load_settings below says what is wrong
        use_cache = False
    environment = os.environ if env is None else env
    cache_path = cache.cache_file(folder, environment) if use_cache else None
    stored = cache.read_cache(cache_path, folder, settings_key) if cache_path else cache.NO_ENTRIES
    settings = stored.settings
    if settings is None:  # not cached (or changed): read workplan.yaml
        from workplan_cli.settings import load_settings

        settings = load_settings(folder)

    base = str(folder)
    # Every file, in walk order: cached entries (their very objects) or parsed now. While the files
    # walked are the stored ones, in their places and unchanged (a warm run: all of them; after an
    # edit: all but one), they are only counted, and each such run of them is taken at once.
    stored_rels, stored_digests = stored.files.rels, stored.files.digests
    files = Files()
    to_parse: list[tuple[int, str, cache.FileKey]] = []  # (position in files, path, key) of what is parsed now
    untrusted: set[int] = set()  # positions not to be stored (unreadable, or see cache.storable)
    reread: list[int] = []  # positions in the stored files of those changed since
    run_start = expected = matched = 0  # the run of stored entries being counted: run_start to expected
    for rel, info in walk(base):
        if (
            not isinstance(info, OSError)
            and expected < len(stored_rels)
            and stored_rels[expected] == rel
            and stored_digests[expected] == cache.digest(cache.file_key(info))
        ):
            expected += 1
            continue
        if expected > run_start:
            files.take_range(stored.files, run_start, expected)
            matched += expected - run_start
        run_start = expected
        if isinstance(info, OSError):
            problem = Problem(ProblemCode.CANNOT_READ, folder / rel, 0, 0, {"reason": info})
            untrusted.add(len(files))
            files.add(rel, 0, None, (problem,))
            continue
        key = cache.file_key(info)
        key_digest = cache.digest(key)
        at = stored.position(rel, expected) if stored else None
        if at is not None:
            run_start = expected = at + 1
            matched += 1
            if stored.files.digests[at] == key_digest:
                files.take(stored.files, at)
                continue
            reread.append(at)
        to_parse.append((len(files), rel, key))
        files.add(rel, key_digest, None, ())  # its place, so that problems come in file order
    if expected > run_start:
        if run_start == 0 and not files and expected == len(stored_rels):
            files = stored.files  # every file as stored: nothing to copy
        else:
            files.take_range(stored.files, run_start, expected)
        matched += expected - run_start
    if reread:  # files stored before and changed since: what their phrases meant is known
        from workplan_cli.initiativefile import remember_deadlines

        remember_deadlines((stored.files.initiatives[at] for at in reread), settings.year)
    parsed = _parse_files(folder, [rel for _, rel, _ in to_parse], settings.year, progress, keep_text)
    now = cache.clock_ns()
    changed = cache.Files()
    for (at, rel, key), result in zip(to_parse, parsed, strict=True):
        files.set(at, rel, files.digests[at], result.initiative, result.problems)
        if cache.storable(key, result, now):
            changed.take(files, at)
        else:
            untrusted.add(at)
    if stored and stored.written_as != base:
        _relocate(files, folder)  # cached for a folder reached by another path (plan vs /home/…/plan)
    removed = [] if matched == len(stored) else sorted(set(stored) - {rel for rel in files.rels if rel})
    settings_now_storable = stored.settings is None and cache.settled(settings_key, now)
    if cache_path and (changed or removed or settings_now_storable):
        kept = files if not untrusted else _without(files, untrusted)
        cache.update_cache(cache_path, folder, settings_key, kept, settings, stored, changed, removed)

    initiatives = [initiative for initiative in files.initiatives if initiative is not None]
    if settings.assign:
        from workplan_cli.initiativefile import with_assigned_roles

        initiatives = [with_assigned_roles(initiative, settings.assign) for initiative in initiatives]
    problems = [problem for at in sorted(files.problems) for problem in files.problems[at]]
    # A milestone id with another initiative's prefix is reported in its file: only such files need
    # their milestones compared (a city's plan has 300,000 milestones and usually none of these).
    foreign = {str(problem.path) for problem in problems if problem.code is ProblemCode.MILESTONE_ID_PREFIX}
    problems.extend(_cross_file_duplicates(initiatives, foreign))
    return Plan(folder, settings, tuple(sorted(initiatives, key=_initiative_order)), tuple(problems))


def _without(files: Files, untrusted: set[int]) -> Files:
    kept = Files()
    for at in range(len(files)):
        if at not in untrusted:
            kept.take(files, at)
    return kept


def _relocate(files: Files, folder: Path) -> None:
    """Paths in the initiatives and problems as the folder is named now."""
    base = str(folder)
    for at, rel in enumerate(files.rels):
        initiative = files.initiatives[at]
        assert rel is not None
        if initiative is not None and initiative.path != os.path.join(base, rel):
            files.initiatives[at] = initiative._replace(path=str(folder / rel))
        if at in files.problems:
            files.problems[at] = tuple(replace(p, path=folder / rel) for p in files.problems[at])


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
    own_id = initiative.id.rpartition(":")[2]  # several plans at once: 青羊:2.1 is 2.1 in its file
    return initiative._replace(text=reread.text) if reread is not None and reread.id == own_id else initiative


def load_file(path: Path | str, plan_year: int, *, keep_text: bool = True) -> FileResult:
    """One initiative file, as the cache stores it (without the original paragraph, ``text``).
    ``path`` may be text: a cold load of a city's plan makes no Path object per file."""
    from workplan_cli.deadlines import depends_on_calendar
    from workplan_cli.filetext import FileBroken, read_text  # not yamlnodes: the written form needs no PyYAML
    from workplan_cli.initiativefile import load_initiative

    problems: list[Problem] = []
    try:
        text = read_text(path)
    except FileBroken as broken:
        return FileResult(None, (broken.problem,), cacheable=False)
    initiative = load_initiative(path, text, plan_year, problems, keep_text=keep_text)
    # Deadlines that depend on the holiday data are resolved afresh every time (see cache.py).
    phrases = [m.phrase for m in initiative.milestones if m.phrase] if initiative else []
    cacheable = not any(depends_on_calendar(p) for p in phrases) and not any(
        "工作日" in p.message or "春节" in p.message for p in problems
    )
    return FileResult(initiative, tuple(problems), cacheable)


PARALLEL_FROM = 2000  # files to parse; below this a forked helper costs more than it saves
_PICKLING = 0.25  # a helper's pickle.dumps of its results, against parsing them (~11 vs ~40 us a file, measured)


def _parse_files(
    folder: Path, rels: list[str], plan_year: int, progress: Callable[[int, int], None] | None, keep_text: bool
) -> list[FileResult]:
    """Parse the files; a few thousand or more split between this process and forked helpers, one per
    further core, each parsing its share and sending back the results pickled in one piece."""
    helpers = min((os.cpu_count() or 1) - 1, len(rels) // PARALLEL_FROM, 7) if hasattr(os, "fork") else 0
    if helpers < 1:
        return _parse_serially(folder, rels, plan_year, progress, keep_text)
    # Shares that end together: a helper also pickles what it parsed (this process unpickles it
    # only once everyone is done), so each helper parses a little less than this process.
    share = int(len(rels) / (helpers + 1 + _PICKLING))
    own = len(rels) - helpers * share
    shares = [rels[:own], *(rels[start : start + share] for start in range(own, len(rels), share))]
    started = [_fork_helper(folder, part, plan_year, keep_text) for part in shares[1:]]
    parts = len(shares)  # all parse at about the same pace: this process's count, times their number
    scaled = None if progress is None else lambda done, total: progress(min(done * parts, len(rels)), len(rels))
    results = _parse_serially(folder, shares[0], plan_year, scaled, keep_text)
    for part, helper in zip(shares[1:], started, strict=True):
        received = _collect(helper) if helper is not None else None
        if received is None or len(received) != len(part):  # a helper that failed: its share is parsed here
            received = _parse_serially(folder, part, plan_year, None, keep_text)
        results += received
    return results


def _parse_serially(
    folder: Path,
    rels: list[str],
    plan_year: int,
    progress: Callable[[int, int], None] | None,
    keep_text: bool,
) -> list[FileResult]:
    results = []
    # Each file's path as str(folder / rel) would write it, without a Path object per file: the
    # folder's own text with a separator (nothing for "."), then the relative path.
    prefix = str(folder / "x")[:-1] if os.sep == "/" else None
    for count, rel in enumerate(rels, 1):
        path = prefix + rel if prefix is not None else str(folder / rel)
        results.append(load_file(path, plan_year, keep_text=keep_text))
        if progress is not None and count % 200 == 0:
            progress(count, len(rels))
    return results


def _fork_helper(folder: Path, rels: list[str], plan_year: int, keep_text: bool) -> tuple[int, int] | None:
    """(pid, read end of its pipe) of a child parsing ``rels``; None when it cannot be started."""
    try:
        readable, writable = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid:
        os.close(writable)
        return pid, readable
    try:  # the child: parse, send, and leave without running anything of the parent's (no flush, no atexit)
        os.close(readable)
        import pickle

        data = pickle.dumps(_parse_serially(folder, rels, plan_year, None, keep_text), pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(writable, view) :]
    finally:
        os._exit(0)


def _collect(helper: tuple[int, int]) -> list[FileResult] | None:
    """A helper's results, or None when it did not send them whole."""
    pid, readable = helper
    chunks = []
    with open(readable, "rb") as stream:
        while chunk := stream.read(1 << 20):
            chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    if status != 0 or not chunks:
        return None
    import pickle  # what our own child sent through a pipe of ours

    try:
        received = pickle.loads(b"".join(chunks))
    except Exception:
        return None
    return received if isinstance(received, list) else None


def _cross_file_duplicates(initiatives: list[Initiative], foreign_files: set[str]) -> list[Problem]:
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
            problems.append(
                _duplicate(initiative, initiative.line, ProblemPart.ID_OF_INITIATIVE, initiative.id, other, other.line)
            )
            lines = {m.id: m.line for m in other.milestones}
            problems += [
                _duplicate(initiative, m.line, ProblemPart.ID_OF_MILESTONE, m.id, other, lines[m.id])
                for m in initiative.milestones
                if m.id in lines
            ]
        if initiative.path not in foreign_files:
            continue  # its milestones all have its own prefix (else its file would say so)
        prefix = initiative.id + "."
        for milestone in initiative.milestones:
            if not milestone.id.startswith(prefix):
                first = foreign.setdefault(milestone.id, initiative)
                if first is not initiative and first.path != initiative.path:
                    line = next(m.line for m in first.milestones if m.id == milestone.id)
                    problems.append(
                        _duplicate(initiative, milestone.line, ProblemPart.ID_OF_MILESTONE, milestone.id, first, line)
                    )
    return problems


def _duplicate(
    initiative: Initiative, line: int, what: ProblemPart, item_id: str, other: Initiative, other_line: int
) -> Problem:
    fields = {"what": what, "id": item_id, "other": other.path, "other_line": other_line}
    return Problem(ProblemCode.DUPLICATE_ID_ACROSS_FILES, initiative.file, line, 0, fields)
