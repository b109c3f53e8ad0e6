"""`quick` runs due and list without typer: it must read exactly the command lines typer reads
the same way, print exactly what the typer commands print, and leave every other one to typer."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from workplan_cli.cli import app
from workplan_cli.cli.output import console
from workplan_cli.cli.quick import FLAGS, VALUES, read_args, run_quickly
from workplan_cli.cli.root import RootGroup
from workplan_cli.planfiles import load_plan
from workplan_cli.schedule import due_entries, iter_schedule
from workplan_cli.views.plain import due_summary_line, fits, write_milestones
from workplan_cli.views.terminal import due_summary, render_milestones

from .conftest import SAMPLES

ENV = {"COLUMNS": "200", "WORKPLAN_LANG": "en"}


def both(args: Sequence[str], **env: str) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """(exit code, stdout, stderr) of the typer application and of ``run_quickly`` on ``args``."""
    runner = CliRunner()
    environment = {**ENV, **env}
    by_typer = runner.invoke(app, list(args), env=environment)
    with runner.isolation(env=environment) as (out, err, _):
        code = run_quickly(list(args), os.environ)
        sys.stdout.flush()
        sys.stderr.flush()
        printed = out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")
    assert code is not None, f"quick declined {args}"
    return (by_typer.exit_code, by_typer.stdout, by_typer.stderr), (code, *printed)


COMMAND_LINES = [
    ["due", "--as-of", "2024-04-15"],
    ["due", "--as-of=2024-06-17", "--within", "30"],
    ["due", "--as-of", "2024-04-15", "--json"],
    ["due", "--as-of", "2024-04-15", "--lang", "zh"],
    ["--lang=zh", "due", "--as-of", "2024-04-15"],
    ["--no-cache", "--no-pager", "due", "--as-of", "2024-04-15", "--all"],
    ["due", "--as-of", "2024-04-15", "--workdays", "--calendar-days"],
    ["due", "--as-of", "2024-04-15", "--calendar-days", "--workdays"],
    ["due", "--as-of", "2024-06-31"],  # no such day: exit 2 with the message
    ["due", "--as-of", "2024-04-15", "--unit", "nobody at all"],  # refused with the names the plan has
    ["due", "--as-of", "2024-04-15", "--within", "0", "--no-pager"],
    ["list", "--as-of", "2024-06-17"],
    ["list", "--as-of", "2024-06-17", "--status", "overdue", "--status", "done"],
    ["list", "--as-of", "2024-06-17", "--status", "逾期"],
    ["list", "--as-of", "2024-06-17", "--status=临期", "--json"],
    ["list", "--as-of", "2024-06-17", "--section", "2"],
    ["list", "--as-of", "2024-06-17", "--section", "no such section"],
    ["list", "--as-of", "2024-06-17", "--owner", "区委编办"],
    ["list", "--as-of", "2024-06-17", "--lang", "zh", "--within", "60"],
]


@pytest.mark.parametrize("args", COMMAND_LINES, ids=" ".join)
def test_quick_prints_what_typer_prints(plan_dir: Path, args: list[str]) -> None:
    by_typer, quick = both([*args, "--plan", str(plan_dir)])
    assert quick == by_typer


def test_quick_and_typer_agree_on_a_plan_with_broken_files_and_on_a_missing_plan(tmp_path: Path) -> None:
    for folder in (SAMPLES / "broken", tmp_path / "nowhere"):
        by_typer, quick = both(["due", "--as-of", "2024-04-15", "--plan", str(folder)])
        assert quick == by_typer
        assert quick[0] in (1, 3)


def test_quick_and_typer_agree_in_chinese_from_the_environment(plan_dir: Path) -> None:
    by_typer, quick = both(["list", "--as-of", "2024-06-17", "--plan", str(plan_dir)], WORKPLAN_LANG="zh")
    assert quick == by_typer
    assert "（截至 2024-06-17）" in quick[1]


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["due", "--help"],
        ["due", "-h"],
        ["--version"],
        ["show", "2.1"],
        ["due", "2.1"],
        ["due", "--within", "-1"],
        ["due", "--within", "abc"],
        ["due", "--within", "99999"],
        ["due", "--bogus"],
        ["due", "--json=1"],
        ["due", "--plan"],
        ["due", "--plan", ""],
        ["due", "--"],
        ["--lang", "fr", "due"],
        ["--lang", "en", "due", "--lang", "zh"],
        ["list", "--status", "late"],
        ["due", "--status", "overdue"],
        ["due", "--no-cache"],
        ["--from-git", "due"],
    ],
    ids=lambda args: " ".join(args) or "nothing",
)
def test_quick_leaves_every_other_command_line_to_typer(args: list[str]) -> None:
    assert run_quickly(args, ENV) is None


def test_quick_knows_each_option_as_the_typer_command_declares_it() -> None:
    """Options quick reads are options of the command, flags as flags, repeatable ones repeatable."""
    group = app_group()
    for name in ("due", "list"):
        command = group.get_command(None, name)
        declared = {opt: param for param in command.params for opt in (*param.opts, *param.secondary_opts)}
        for flag in FLAGS[name]:
            if flag == "--no-pager":  # the root's, taken after the command too
                continue
            assert flag in declared and declared[flag].is_flag, flag
        for option, key in VALUES[name].items():
            if option == "--lang":
                continue
            assert option in declared and not declared[option].is_flag, option
            assert declared[option].multiple == (key in ("plan", "status")), option


def app_group() -> RootGroup:
    import typer.main

    group = typer.main.get_command(app)
    assert isinstance(group, RootGroup)
    return group


def test_read_args_takes_the_last_of_an_option_given_twice() -> None:
    assert read_args(["due", "--as-of", "2024-01-01", "--as-of=2024-02-02"]) == ("due", {"as_of": "2024-02-02"})
    assert read_args(["list", "--plan", "a", "--plan=b"]) == ("list", {"plan": ["a", "b"]})


@pytest.mark.parametrize("day", ["2024-04-15", "2024-06-17", "2024-12-20"])
def test_piped_rows_without_rich_are_what_rich_printed(plan_dir: Path, day: str) -> None:
    """The plain writer and the summary line as written directly, against the same through a Rich
    console on a stream that is not a terminal (as `due` printed them before)."""
    from datetime import date

    plan = load_plan(plan_dir)
    today = date.fromisoformat(day)
    entries = due_entries(iter_schedule(plan, today, 30, None))
    for width in (200, 80, 40):
        plain = io.StringIO()
        write_milestones(entries, plain.write, width, "zh")
        summary = due_summary_line(entries, today, 30, "zh")[0]
        assert fits(summary, width) == (width > 40)  # longer than the width: Rich folds it (milestones._print)
        if fits(summary, width):
            plain.write(summary + "\n")
        rich_out = io.StringIO()
        out = console()
        out.file = rich_out
        out.width = width
        render_milestones(out, entries, lang="zh")
        if fits(summary, width):
            out.print(due_summary(entries, today, 30, "zh"), soft_wrap=False)
        assert plain.getvalue() == rich_out.getvalue().replace(" \n", "\n")


def help_run(args: list[str], **env: str) -> tuple[int, str]:
    runner = CliRunner()
    with runner.isolation(env={**ENV, **env}) as (out, _, _):
        code = run_quickly(args, os.environ)
        sys.stdout.flush()
        printed = out.getvalue().decode("utf-8")
    assert code is not None
    return code, printed


def test_the_root_help_page_is_typers_and_is_kept_per_language_and_build(
    private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workplan_cli import cache

    first = help_run(["--help"])
    pages = list((private_cache / "workplan").glob("help-*.txt"))
    assert first[0] == 0 and "Usage:" in first[1] and "due" in first[1] and len(pages) == 1
    assert help_run(["--help"]) == first  # from the kept page
    pages[0].write_text("a page kept for this build\n", encoding="utf-8")
    assert help_run(["-h"])[1] == "a page kept for this build\n"  # it is the kept page that is printed
    chinese = help_run(["--help"], WORKPLAN_LANG="zh")
    assert "用法" in chinese[1] and len(list((private_cache / "workplan").glob("help-*.txt"))) == 2
    assert help_run(["--lang", "en", "--help"], WORKPLAN_LANG="zh")[1] == "a page kept for this build\n"  # English
    monkeypatch.setattr(cache, "_code_key", lambda: (("cli/root.py", 1, 2),))  # another build of workplan
    assert help_run(["--help"]) == first  # typer's page again, not the planted one
    assert "a page kept for this build\n" not in [p.read_text(encoding="utf-8") for p in pages if p.exists()]


def test_quick_and_typer_agree_on_several_plans_at_once(plan_dir: Path, tmp_path: Path) -> None:
    import shutil

    other = tmp_path / "other" / "plan"
    shutil.copytree(plan_dir, other)
    for command in (["due"], ["list", "--status", "overdue"], ["due", "--json"]):
        args = [*command, "--as-of", "2024-04-15", "--plan", f"青羊={plan_dir}", "--plan", f"锦江={other}"]
        by_typer, quick = both(args)
        assert quick == by_typer
        assert "青羊:" in quick[1] and "锦江:" in quick[1]
