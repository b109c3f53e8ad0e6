"""The cache of parsed plan files: identical results with and without it, and never stale."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import time
from datetime import date
from pathlib import Path

import pytest
from benchmarks.generate import generate

from workplan_cli import cache
from workplan_cli.planfiles import load_plan
from workplan_cli.schedule import schedule
from workplan_cli.views.jsonview import iter_json

from .conftest import rewrite

AS_OF = date(2024, 6, 17)


def snapshot(folder: Path, *, use_cache: bool) -> tuple[str, list[str]]:
    """Everything a command could show: every milestone as JSON, and every problem."""
    plan = load_plan(folder, use_cache=use_cache, keep_text=False)
    return "".join(iter_json(schedule(plan, AS_OF))), sorted(map(str, plan.problems))


def age(path: Path, seconds: float = 10) -> None:
    """Push a file's mtime into the past, out of the racy window, as time passing would."""
    past = time.time() - seconds
    os.utime(path, (past, past))


def age_all(folder: Path) -> None:
    for path in folder.rglob("*.yaml"):
        age(path)


@pytest.fixture
def generated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = generate(tmp_path / "plan", 300, as_of=AS_OF, overdue_share=0.1)
    age_all(folder)
    time_passes(monkeypatch)
    return folder


def time_passes(monkeypatch: pytest.MonkeyPatch, seconds: float = 10) -> None:
    """Commands run as if ``seconds`` after the files were written: out of the racy window (by
    ctime, which no test can set back)."""
    monkeypatch.setattr(cache, "clock_ns", lambda: time.time_ns() + int(seconds * 1e9))


def cache_path(folder: Path) -> Path:
    path = cache.cache_file(folder, os.environ)
    assert path is not None
    return path


def test_warm_results_equal_cold_after_edits_deletions_renames_additions(generated: Path) -> None:
    assert snapshot(generated, use_cache=True) == snapshot(generated, use_cache=False)
    assert cache_path(generated).exists()

    department = generated / "dept-001"
    edited = department / "1-5.yaml"
    rewrite(edited, "title: ", "title: 改过的")
    (department / "1-6.yaml").unlink()
    (department / "1-7.yaml").rename(department / "1-7-renamed.yaml")
    shutil.copy(department / "1-8.yaml", department / "1-9999.yaml")
    text = (department / "1-9999.yaml").read_text(encoding="utf-8").replace('"1.8', '"1.9999')
    (department / "1-9999.yaml").write_text(text, encoding="utf-8")
    broken = department / "1-10.yaml"
    broken.write_text("id: [broken\n", encoding="utf-8")
    age_all(generated)

    warm, cold = snapshot(generated, use_cache=True), snapshot(generated, use_cache=False)
    assert warm == cold
    ids = {row["id"] for row in json.loads(warm[0])}
    assert "改过的" in warm[0] and "1.9999.1" in ids and "1.6.1" not in ids
    assert any("1-10.yaml:2" in problem for problem in warm[1])
    assert snapshot(generated, use_cache=True) == cold  # and again, now from the rewritten cache


def same_size_edit(text: str) -> str:
    """The title's number changed by one digit: the same number of bytes, different content."""
    start = text.index("项）") - 1
    digit = "7" if text[start] != "7" else "8"
    edited = text[:start] + digit + text[start + 1 :]
    assert len(edited.encode()) == len(text.encode()) and edited != text
    return edited


def test_an_edit_that_keeps_size_and_mtime_is_never_served_stale(generated: Path) -> None:
    """Same length, same mtime to the nanosecond, written by rename as editors do: the inode tells."""
    path = generated / "dept-001" / "1-3.yaml"
    snapshot(generated, use_cache=True)
    before = path.stat()
    temp = path.with_suffix(".tmp")
    temp.write_text(same_size_edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    os.utime(temp, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(temp, path)
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    warm = snapshot(generated, use_cache=True)
    assert warm == snapshot(generated, use_cache=False)
    assert same_size_edit(path.read_text(encoding="utf-8")) != path.read_text(encoding="utf-8")


def test_an_in_place_edit_within_the_racy_window_is_read_again(
    generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same inode, size and mtime second: a file written just before the cache is not trusted."""
    time.sleep(0.05)  # past the coarse clock's tick that stamped the generated files
    boundary = time.time_ns()
    time.sleep(0.05)
    path = generated / "dept-001" / "1-4.yaml"
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")  # changed after the boundary: racy
    # The cache is written as if exactly RACY_SECONDS after the boundary.
    monkeypatch.setattr(cache, "clock_ns", lambda: boundary + int(cache.RACY_SECONDS * 1e9))
    snapshot(generated, use_cache=True)
    stored = cache.read_cache(cache_path(generated), generated, cache.file_key((generated / "workplan.yaml").stat()))
    assert "dept-001/1-4.yaml" not in stored  # too recent to trust
    assert "dept-001/1-3.yaml" in stored
    info = path.stat()
    edited = same_size_edit(path.read_text(encoding="utf-8"))
    with open(path, "r+b") as stream:  # in place: same inode, same size, same mtime below
        stream.write(edited.encode("utf-8"))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert snapshot(generated, use_cache=True) == snapshot(generated, use_cache=False)


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),  # truncated
        lambda p: p.write_bytes(b"garbage that is not a cache"),  # corrupt
        lambda p: p.write_bytes(cache.MAGIC + pickle.dumps(("another program", {}))),  # foreign
        lambda p: p.write_bytes(cache.MAGIC + b"\x80\x05 broken pickle"),
        lambda p: p.chmod(0o666),  # writable by others: not trusted
    ],
)
def test_a_damaged_cache_is_ignored_and_rebuilt(generated: Path, damage: object) -> None:
    expected = snapshot(generated, use_cache=False)
    snapshot(generated, use_cache=True)
    damage(cache_path(generated))  # type: ignore[operator]
    assert snapshot(generated, use_cache=True) == expected
    assert (
        cache.read_cache(cache_path(generated), generated, cache.file_key((generated / "workplan.yaml").stat())) != {}
    )  # rebuilt


def test_an_unwritable_cache_folder_is_no_error(
    generated: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # workplan/ cannot be made under a file
    assert snapshot(generated, use_cache=True) == snapshot(generated, use_cache=False)


def test_the_cache_lives_in_the_user_cache_folder_never_in_plan(generated: Path, private_cache: Path) -> None:
    snapshot(generated, use_cache=True)
    assert cache_path(generated).is_relative_to(private_cache / "workplan")
    assert not [p for p in generated.rglob("*") if "cache" in p.name or p.suffix in (".pickle", ".tmp")]


def test_settings_change_invalidates_everything(generated: Path) -> None:
    first = snapshot(generated, use_cache=True)
    settings = generated / "workplan.yaml"
    rewrite(settings, "year: 2024", "year: 2025")
    second = snapshot(generated, use_cache=True)
    assert second == snapshot(generated, use_cache=False) != first


def test_a_folder_reached_by_another_path_gets_its_own_paths(generated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    snapshot(generated, use_cache=True)
    monkeypatch.chdir(generated.parent)
    edited = generated / "dept-001" / "1-2.yaml"  # one file parsed afresh, the rest from the cache
    edited.write_text(edited.read_text(encoding="utf-8") + "# touched\n", encoding="utf-8")
    age(edited)
    plan = load_plan(Path("plan"), keep_text=False)
    assert all(not i.file.is_absolute() and i.file.parts[0] == "plan" for i in plan.initiatives)
    again = load_plan(generated, keep_text=False)  # and back: the rewritten cache has relative paths
    assert all(i.file.is_absolute() for i in again.initiatives)
    assert load_plan(Path("plan"), keep_text=False).initiatives[0].path.startswith("plan/")


def test_no_cache_flag_neither_reads_nor_writes(generated: Path, private_cache: Path) -> None:
    from typer.testing import CliRunner

    from workplan_cli.cli import app

    result = CliRunner().invoke(app, ["--no-cache", "due", "--plan", str(generated), "--as-of", "2024-06-17"])
    assert result.exit_code == 0, result.output
    assert not cache_path(generated).exists()
    CliRunner().invoke(app, ["due", "--plan", str(generated), "--as-of", "2024-06-17"])
    assert cache_path(generated).exists()


def test_a_new_build_of_workplan_itself_does_not_trust_the_old_cache(
    generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    snapshot(generated, use_cache=True)
    settings_key = cache.file_key((generated / "workplan.yaml").stat())
    assert cache.read_cache(cache_path(generated), generated, settings_key) != {}
    monkeypatch.setattr(cache, "_code_key", lambda: (("deadlines.py", 1, 2),))  # as after a `git pull`
    assert cache.read_cache(cache_path(generated), generated, settings_key) == {}


def test_no_home_to_find_means_no_cache_not_a_crash(generated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.delenv("HOME")
    assert cache.cache_file(generated, os.environ) is None
    assert snapshot(generated, use_cache=True) == snapshot(generated, use_cache=False)


def test_a_home_that_does_not_exist_gets_no_folders(
    generated: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "nobody"))  # as for a service user with a home of /nonexistent
    assert cache.cache_file(generated, os.environ) is None
    snapshot(generated, use_cache=True)
    assert not (tmp_path / "nobody").exists()


def test_an_in_place_edit_restoring_the_old_mtime_is_seen_by_ctime(generated: Path) -> None:
    """Same inode, same size, the old mtime put back (touch -d), well after the cache was written."""
    path = generated / "dept-001" / "1-3.yaml"
    snapshot(generated, use_cache=True)
    assert "dept-001/1-3.yaml" in stored_entries(generated)
    info = path.stat()
    edited = path.read_text(encoding="utf-8").replace("title: 修", "title: 鑫")  # three bytes for three
    with open(path, "r+b") as stream:
        stream.write(edited.encode("utf-8"))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns, path.stat().st_ino) == (
        info.st_size,
        info.st_mtime_ns,
        info.st_ino,
    )
    warm = snapshot(generated, use_cache=True)
    assert warm == snapshot(generated, use_cache=False)
    assert "鑫订完善" in warm[0]


def stored_entries(folder: Path) -> dict[str, object]:
    settings_key = cache.file_key((folder / "workplan.yaml").stat())
    return dict(cache.read_cache(cache_path(folder), folder, settings_key))


def test_a_future_mtime_is_cached_and_does_not_rewrite_the_cache_every_run(generated: Path) -> None:
    future = generated / "dept-001" / "1-2.yaml"
    year_2100 = 4102444800
    os.utime(future, (year_2100, year_2100))
    snapshot(generated, use_cache=True)
    assert "dept-001/1-2.yaml" in stored_entries(generated)
    written = cache_path(generated).stat()
    assert snapshot(generated, use_cache=True) == snapshot(generated, use_cache=False)
    again = cache_path(generated).stat()
    assert (again.st_ino, again.st_mtime_ns) == (written.st_ino, written.st_mtime_ns)  # not rewritten


def test_a_cache_file_that_is_a_symlink_is_not_followed(generated: Path, tmp_path: Path) -> None:
    snapshot(generated, use_cache=True)
    elsewhere = tmp_path / "planted.pickle"
    shutil.copy(cache_path(generated), elsewhere)  # a valid cache: only the link makes it suspect
    cache_path(generated).unlink()
    cache_path(generated).symlink_to(elsewhere)
    assert stored_entries(generated) == {}
    assert snapshot(generated, use_cache=True) == snapshot(generated, use_cache=False)


def test_a_cache_folder_others_can_write_is_not_trusted(generated: Path) -> None:
    snapshot(generated, use_cache=True)
    assert stored_entries(generated) != {}
    cache_path(generated).parent.chmod(0o777)
    assert stored_entries(generated) == {}
    assert snapshot(generated, use_cache=True) == snapshot(generated, use_cache=False)


def test_temp_files_of_a_killed_writer_are_removed_by_a_later_write(generated: Path) -> None:
    snapshot(generated, use_cache=True)
    folder = cache_path(generated).parent
    old, young = folder / ".plan-killed.tmp", folder / ".plan-writing.tmp"
    old.write_bytes(b"half a cache")
    young.write_bytes(b"a writer still at work")
    age(old, seconds=3600)
    (generated / "dept-001" / "1-2.yaml").write_text("id: [broken\n", encoding="utf-8")
    age(generated / "dept-001" / "1-2.yaml")
    snapshot(generated, use_cache=True)  # a changed file: the cache is written again
    assert not old.exists()
    assert young.exists()


def test_no_cache_flag_holds_for_edits_too(generated: Path) -> None:
    """`done` reads the plan again under the lock; with --no-cache that read neither uses nor writes a cache."""
    from typer.testing import CliRunner

    from workplan_cli.cli import app

    result = CliRunner().invoke(app, ["--no-cache", "done", "1.1.1", "--plan", str(generated), "--on", "2024-06-17"])
    assert result.exit_code == 0, result.output
    assert not cache_path(generated).exists()


def test_a_one_file_edit_of_a_large_cache_is_rewritten_in_the_background(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole cache file is rewritten after any edit: when it is large, by a forked child, so
    the command does not wait for it; and the child's cache then serves the edit, as cold does."""
    monkeypatch.setattr(cache, "BACKGROUND_FROM", 100)  # the 300 files count as large
    writers = tmp_path / "writers"
    write_cache = cache.write_cache

    def recording_writer(*args: object, **kwargs: object) -> None:
        with open(writers, "a", encoding="utf-8") as stream:  # the writing process, for the test
            stream.write(f"{os.getpid()}\n")
        write_cache(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cache, "write_cache", recording_writer)

    def last_writer() -> int:
        pid = int(writers.read_text(encoding="utf-8").split()[-1])
        assert pid != os.getpid()  # a child wrote it, not the command
        os.waitpid(pid, 0)  # and it has finished (reaped: no zombie left behind)
        return pid

    cold = snapshot(generated, use_cache=True)
    first = last_writer()
    rewrite(generated / "dept-001" / "1-5.yaml", "title: ", "title: 改过的")
    age_all(generated)
    assert snapshot(generated, use_cache=True) == snapshot(generated, use_cache=False) != cold
    assert last_writer() != first
    stored = stored_entries(generated)["dept-001/1-5.yaml"]
    assert "改过的" in str(stored)
    assert snapshot(generated, use_cache=True) == snapshot(generated, use_cache=False)


def test_two_plans_whose_cache_files_share_a_name_never_read_each_others_entries(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is named by checksums of the folder's path, which two folders may share: the
    identity inside the file (the whole path) keeps them apart; they only take turns."""
    other = generate(tmp_path / "other", 40, as_of=AS_OF, overdue_share=0.5, seed=7)
    age_all(other)
    shared = cache_path(generated)
    monkeypatch.setattr(cache, "cache_file", lambda folder, env: shared)
    mine, theirs = snapshot(generated, use_cache=False), snapshot(other, use_cache=False)
    assert mine != theirs
    for _ in range(2):
        assert snapshot(generated, use_cache=True) == mine
        assert snapshot(other, use_cache=True) == theirs
    assert cache.read_cache(shared, other, cache.file_key((other / "workplan.yaml").stat())) != {}


def test_a_warm_load_reads_no_yaml(generated: Path, private_cache: Path) -> None:
    """workplan.yaml's settings come from the cache too: a warm run never imports PyYAML (nor the
    initiative schema), which is a good part of a small plan's start-up."""
    import subprocess
    import sys

    snapshot(generated, use_cache=True)  # in this process: written with the clock moved on
    script = (
        "import sys; from pathlib import Path; from workplan_cli.planfiles import load_plan; "
        f"plan = load_plan(Path({str(generated)!r}), keep_text=False); "
        "print(len(plan.initiatives), 'yaml' in sys.modules, 'workplan_cli.initiativefile' in sys.modules)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(private_cache)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.split() == ["300", "False", "False"]


def test_settings_written_in_the_racy_window_are_read_again(generated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = generated / "workplan.yaml"
    rewrite(settings, "year: 2024", "year: 2025")
    monkeypatch.setattr(cache, "clock_ns", time.time_ns)  # the cache is written right after the edit
    expected = snapshot(generated, use_cache=False)
    assert snapshot(generated, use_cache=True) == expected
    assert stored_entries_with_settings(generated).settings is None  # too recent to trust
    time_passes(monkeypatch)
    assert snapshot(generated, use_cache=True) == expected  # now stored, though no plan file changed
    stored = stored_entries_with_settings(generated).settings
    assert stored is not None and stored.year == 2025


def stored_entries_with_settings(folder: Path) -> cache.Entries:
    return cache.read_cache(cache_path(folder), folder, cache.file_key((folder / "workplan.yaml").stat()))


def test_a_command_writes_the_cache_when_it_is_done(generated: Path) -> None:
    """Under `main` the cache is written after the command, never while it still works."""
    cache.defer_writes()
    try:
        plan = load_plan(generated, keep_text=False)
        assert len(plan.initiatives) == 300
        assert not cache_path(generated).exists()  # not yet
    finally:
        cache.write_deferred()
    assert len(stored_entries(generated)) == 300
    assert snapshot(generated, use_cache=True) == snapshot(generated, use_cache=False)


def test_a_one_file_edit_is_appended_to_the_cache_not_written_whole(
    generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    snapshot(generated, use_cache=True)
    whole = cache_path(generated).stat()
    monkeypatch.setattr(cache, "write_cache_soon", lambda *args: pytest.fail("the whole cache was written again"))
    rewrite(generated / "dept-001" / "1-5.yaml", "title: ", "title: 改过的")
    age(generated / "dept-001" / "1-5.yaml")  # out of the racy window (the clock is moved on too)
    (generated / "dept-001" / "1-6.yaml").unlink()
    warm = snapshot(generated, use_cache=True)
    appended = cache_path(generated).stat()
    assert (appended.st_ino, appended.st_size > whole.st_size) == (whole.st_ino, True)
    assert warm == snapshot(generated, use_cache=False)
    stored = stored_entries_with_settings(generated)
    assert "改过的" in str(stored["dept-001/1-5.yaml"]) and "dept-001/1-6.yaml" not in stored
    assert stored.appended == 2
    assert snapshot(generated, use_cache=True) == warm  # from the cache and its update


def test_many_updates_make_the_cache_be_written_whole_again(generated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "COMPACT_AFTER", 3)  # and a twentieth of the 300 entries: 15
    snapshot(generated, use_cache=True)
    for number in range(1, 18):
        rewrite(generated / "dept-001" / f"1-{number}.yaml", "title: ", f"title: 第{number}次")
        age(generated / "dept-001" / f"1-{number}.yaml")
        snapshot(generated, use_cache=True)
    stored = stored_entries_with_settings(generated)
    assert stored.appended == 1  # written whole when the sixteenth update came, then one more
    assert all(f"第{n}次" in str(stored[f"dept-001/1-{n}.yaml"]) for n in range(1, 18))
    assert snapshot(generated, use_cache=True) == snapshot(generated, use_cache=False)


def test_an_update_cut_short_is_ignored_and_the_next_change_writes_the_cache_whole(generated: Path) -> None:
    snapshot(generated, use_cache=True)
    rewrite(generated / "dept-001" / "1-5.yaml", "title: ", "title: 改过的")
    age(generated / "dept-001" / "1-5.yaml")
    snapshot(generated, use_cache=True)
    path = cache_path(generated)
    path.write_bytes(path.read_bytes()[:-5])  # the update's last bytes never written
    stored = stored_entries_with_settings(generated)
    assert len(stored) == 300 and "改过的" not in str(stored["dept-001/1-5.yaml"])  # the entry as before it
    assert snapshot(generated, use_cache=True) == snapshot(generated, use_cache=False)
    assert stored_entries_with_settings(generated).appended == 0  # written whole


def test_an_update_is_never_appended_to_a_cache_replaced_since_it_was_read(generated: Path) -> None:
    snapshot(generated, use_cache=True)
    path = cache_path(generated)
    stored = stored_entries_with_settings(generated)
    assert stored.source is not None
    replacement = path.with_name(".plan-other.tmp")
    replacement.write_bytes(path.read_bytes())
    os.replace(replacement, path)  # another command wrote it meanwhile: the same bytes, another file
    other = path.stat()
    assert not cache.append_update(path, stored.source, cache.Files(), ["dept-001/1-1.yaml"], None)
    assert path.stat().st_size == other.st_size


def test_a_cold_load_split_between_forked_helpers_gives_what_one_process_does(
    generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workplan_cli import planfiles

    rewrite(generated / "dept-001" / "1-5.yaml", "title: ", "title: 改过的")
    (generated / "dept-001" / "1-9.yaml").write_text("id: [broken\n", encoding="utf-8")
    alone = snapshot(generated, use_cache=False)
    monkeypatch.setattr(planfiles, "PARALLEL_FROM", 50)  # the 300 files: helpers for as many cores
    monkeypatch.setattr(os, "cpu_count", lambda: 4)  # this process and three helpers
    assert snapshot(generated, use_cache=False) == alone

    def sent_nothing_usable(helper: tuple[int, int]) -> None:
        os.close(helper[1])
        os.waitpid(helper[0], 0)

    monkeypatch.setattr(planfiles, "_collect", sent_nothing_usable)
    assert snapshot(generated, use_cache=False) == alone  # their shares parsed here instead


def test_files_added_before_and_among_the_stored_ones_and_a_removed_one_shift_no_entry(generated: Path) -> None:
    """The cache is matched in walk order: a file walked first, one in the middle and one gone move
    every later file's place, and each must still get its own entry, never its neighbour's."""
    snapshot(generated, use_cache=True)
    first = generated / "dept-000" / "0-1.yaml"
    first.parent.mkdir()
    source = (generated / "dept-001" / "1-2.yaml").read_text(encoding="utf-8")
    first.write_text(source.replace('"1.2', '"99.2').replace("title: ", "title: 最先的"), encoding="utf-8")
    middle = generated / "dept-001" / "1-2a.yaml"
    middle.write_text(source.replace('"1.2', '"98.2').replace("title: ", "title: 中间的"), encoding="utf-8")
    (generated / "dept-001" / "1-3.yaml").unlink()
    age_all(generated)
    uncached = snapshot(generated, use_cache=False)
    assert "最先的" in uncached[0] and "中间的" in uncached[0]
    assert snapshot(generated, use_cache=True) == uncached  # the update is stored here
    stored = stored_entries_with_settings(generated)
    assert "最先的" in str(stored["dept-000/0-1.yaml"]) and "中间的" in str(stored["dept-001/1-2a.yaml"])
    assert "dept-001/1-3.yaml" not in stored and len(stored) == 301
    assert snapshot(generated, use_cache=True) == uncached  # from the cache and its update


def test_a_file_edited_without_touching_its_deadlines_is_read_again_without_the_grammar(
    generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its phrases mean what the cache stored for them: the run after such an edit resolves none (and
    compiles none of the grammar's patterns); a phrase that did change is resolved as always."""
    from workplan_cli import initiativefile

    snapshot(generated, use_cache=True)
    path = generated / "dept-001" / "1-5.yaml"
    rewrite(path, "title: ", "title: 改过的")
    age(path)
    expected = snapshot(generated, use_cache=False)
    monkeypatch.setattr(initiativefile, "_KNOWN", {})
    monkeypatch.setattr(initiativefile, "_resolve_once", lambda *args: pytest.fail(f"resolved {args}"))
    assert snapshot(generated, use_cache=True) == expected
    assert "改过的" in expected[0]
    monkeypatch.undo()
    text = path.read_text(encoding="utf-8")
    phrase = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.strip().startswith("deadline:"))
    rewrite(path, f"deadline: {phrase}", "deadline: 2025年12月底前")
    age(path)
    assert snapshot(generated, use_cache=True) == snapshot(generated, use_cache=False)
    assert '"phrase":"2025年12月底前"' in snapshot(generated, use_cache=True)[0]


def test_an_update_of_many_files_keeps_each_file_s_problems_in_its_own_place(generated: Path) -> None:
    """Seventeen files changed at once, the first and the last one walked with a problem: the update is
    applied through the index of paths, and each problem is still reported with its file, in file order."""
    from workplan_cli.planfolder import walk

    snapshot(generated, use_cache=True)
    rels = [rel for rel, _ in walk(str(generated))]
    for rel in [*rels[:16], rels[-1]]:
        rewrite(generated / rel, "title: ", "title: 改过的")
    for rel in (rels[0], rels[-1]):
        rewrite(generated / rel, "milestones:", "oops: 1\nmilestones:")  # an unknown key: a problem
    for rel in [*rels[:16], rels[-1]]:
        age(generated / rel)  # (not workplan.yaml: its change would make the whole cache new)
    expected = snapshot(generated, use_cache=False)
    assert any("oops" in problem for problem in expected[1])
    assert snapshot(generated, use_cache=True) == expected  # stores the update
    stored = stored_entries_with_settings(generated)
    assert stored.appended == 17
    _, last = stored[rels[-1]]
    assert [problem.code for problem in last.problems] == ["unknown-key"]
    loaded = load_plan(generated, keep_text=False)
    assert [str(problem) for problem in loaded.problems] == [
        str(problem) for problem in load_plan(generated, use_cache=False, keep_text=False).problems
    ]
