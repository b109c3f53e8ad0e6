"""The CLI driven in-process through Typer's CliRunner, on temp copies of the plan."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from .conftest import SAMPLES, Invoke

SEED_DATES = {
    "1.1.1": "2024-09-30", "1.2.1": "2024-12-31", "1.4.1": "2024-03-31", "1.4.2": "2024-06-30",
    "2.1.1": "2024-03-31", "2.1.2": "2024-06-30", "2.1.3": "2024-12-31",
    "2.2.1": "2024-03-31", "2.2.2": "2024-06-30", "2.2.3": "2024-12-31",
    "2.3.1": "2024-06-30", "2.3.2": "2024-12-31", "3.2.1": "2024-06-30", "3.4.1": "2024-12-31",
    "4.2.1": "2024-02-29", "4.2.2": "2024-12-31", "4.3.1": "2024-06-30",
}  # fmt: skip


def test_due_lists_exactly_the_four_milestones_of_february_and_march(invoke: Invoke, plan_dir: Path) -> None:
    result = invoke(["due", "--plan", str(plan_dir), "--as-of", "2024-04-15", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["id"], r["status"], r["days_left"]) for r in rows] == [
        ("4.2.1", "overdue", -46),
        ("1.4.1", "overdue", -15),
        ("2.1.1", "overdue", -15),
        ("2.2.1", "overdue", -15),
    ]


def test_due_table_and_summary(invoke: Invoke, plan_dir: Path) -> None:
    result = invoke(["due", "--plan", str(plan_dir), "--as-of", "2024-06-17"])
    assert result.exit_code == 0
    assert "4 overdue, 6 due within 14 days (as of 2024-06-17)" in result.stdout
    assert "46 days late" not in result.stdout and "109 days late" in result.stdout  # 4.2.1 since Feb 29
    assert "13 days left" in result.stdout
    for milestone_id in ("4.2.1", "1.4.1", "2.1.1", "2.2.1", "1.4.2", "2.1.2", "2.2.2", "2.3.1", "3.2.1", "4.3.1"):
        assert milestone_id in result.stdout
    assert "1.1.1" not in result.stdout  # September: upcoming, not shown


def test_due_says_plainly_when_nothing_is_due(invoke: Invoke, plan_dir: Path) -> None:
    result = invoke(["due", "--plan", str(plan_dir), "--as-of", "2024-01-02"])
    assert result.exit_code == 0
    assert result.stdout.strip() == "Nothing is overdue or due within 14 days (as of 2024-01-02)."


def test_within_overrides_the_window(invoke: Invoke, plan_dir: Path) -> None:
    narrow = json.loads(
        invoke(["due", "--plan", str(plan_dir), "--as-of", "2024-06-17", "--within", "3", "--json"]).stdout
    )
    assert {r["status"] for r in narrow} == {"overdue"}
    wide = json.loads(
        invoke(["due", "--plan", str(plan_dir), "--as-of", "2024-01-02", "--within", "60", "--json"]).stdout
    )
    assert [r["id"] for r in wide] == ["4.2.1"]


def test_list_json_gives_every_milestone_with_its_date(invoke: Invoke, plan_dir: Path) -> None:
    result = invoke(["list", "--plan", str(plan_dir), "--json", "--as-of", "2024-04-15"])
    rows = json.loads(result.stdout)
    dated = {r["id"]: r["deadline"] for r in rows if r["deadline"] is not None}
    assert dated == SEED_DATES
    ongoing = [r for r in rows if r["deadline"] is None]
    assert {r["initiative"] for r in ongoing} == {"1.3", "1.4", "2.1", "2.3", "3.1", "3.2", "3.3", "4.1", "4.3"}
    assert all(r["status"] == "ongoing" for r in ongoing)
    keys = {
        "id",
        "initiative",
        "title",
        "task",
        "owner",
        "phrase",
        "start",
        "deadline",
        "status",
        "done",
        "file",
        "line",
    }
    assert keys <= set(rows[0])
    assert "\\u" not in result.stdout  # Chinese unescaped
    first = rows[0]
    assert Path(first["file"]).name == "1-1.yaml"
    assert Path(first["file"]).read_text(encoding="utf-8").splitlines()[first["line"] - 1].strip() == '- id: "1.1.1"'


def test_list_filters(invoke: Invoke, plan_dir: Path) -> None:
    def ids(*args: str) -> list[str]:
        result = invoke(["list", "--plan", str(plan_dir), "--as-of", "2024-04-15", "--json", *args])
        return [r["id"] for r in json.loads(result.stdout)]

    assert ids("--status", "overdue") == ["1.4.1", "2.1.1", "2.2.1", "4.2.1"]
    assert ids("--section", "4", "--status", "ongoing", "--status", "overdue") == ["4.1.1", "4.2.1", "4.3.2"]
    assert ids("--section", "编制资源") == ["3.1.1", "3.2.1", "3.2.2", "3.3.1", "3.4.1"]
    nobody = invoke(["list", "--plan", str(plan_dir), "--json", "--owner", "nobody"])
    assert nobody.exit_code == 2 and nobody.stdout == ""  # an owner the plan never names is a mistake


def test_show_by_initiative_or_milestone_id(invoke: Invoke, plan_dir: Path) -> None:
    by_initiative = invoke(["show", "2.1", "--plan", str(plan_dir), "--as-of", "2024-04-15"])
    by_milestone = invoke(["show", "2.1.3", "--plan", str(plan_dir), "--as-of", "2024-04-15"])
    assert by_initiative.exit_code == 0
    assert by_initiative.stdout == by_milestone.stdout
    assert "持续推进街道扩权赋能" in by_initiative.stdout
    assert "一是持续推进街道扩权赋能。3月底前" in by_initiative.stdout  # the original paragraph, read again
    assert "《派出机构和人员管理办法》" in by_initiative.stdout
    rows = json.loads(invoke(["show", "2.1", "--plan", str(plan_dir), "--json"]).stdout)
    assert [r["id"] for r in rows] == ["2.1.1", "2.1.2", "2.1.3", "2.1.4"]


def test_unknown_id_suggests_the_closest(invoke: Invoke, plan_dir: Path) -> None:
    result = invoke(["show", "2.1.9", "--plan", str(plan_dir)])
    assert result.exit_code == 2
    assert "no initiative or milestone has id '2.1.9'" in result.stderr
    assert "2.1.1" in result.stderr


def test_check_passes_on_the_shipped_plan(invoke: Invoke, plan_dir: Path) -> None:
    result = invoke(["check", "--plan", str(plan_dir)])
    assert result.exit_code == 0
    assert "14 initiatives, 26 milestones, no problems" in result.stdout


def test_check_names_every_broken_file_and_fails(invoke: Invoke) -> None:
    broken = SAMPLES / "broken"
    result = invoke(["check", "--plan", str(broken)])
    assert result.exit_code == 1
    named = {line.split(":")[0] for line in result.stdout.splitlines()}
    assert named == {str(broken / f"{p.stem}.yaml") for p in broken.glob("*.expected")}


def test_due_shows_good_files_and_reports_broken_ones_on_stderr(invoke: Invoke, plan_dir: Path) -> None:
    (plan_dir / "9-9.yaml").write_text('id: "9.9"\ntitle: [broken\n', encoding="utf-8")
    result = invoke(["due", "--plan", str(plan_dir), "--as-of", "2024-04-15", "--json"])
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)) == 4
    assert f"{plan_dir / '9-9.yaml'}:3: not valid YAML" in result.stderr
    assert "run `workplan check`" in result.stderr


def test_text_from_files_is_printed_literally(invoke: Invoke, plan_dir: Path) -> None:
    (plan_dir / "9-9.yaml").write_text(
        'id: "9.9"\ntitle: "[bold red]x[/] \\e[2J\\e]0;pwned\\a"\nowner: "[i]me[/i]"\n'
        'milestones:\n  - id: "9.9.1"\n    deadline: 3月底前\n    task: "[red]任务[/red]"\n',
        encoding="utf-8",
    )
    result = invoke(["due", "--plan", str(plan_dir), "--as-of", "2024-04-15"])
    assert result.exit_code == 0, result.output
    assert "[bold red]x[/]" in result.stdout
    assert "[red]任务[/red]" in result.stdout
    assert "[i]me[/i]" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\\x1b[2J" in result.stdout


def test_plan_folder_from_environment_and_clear_error_without_one(
    invoke: Invoke, plan_dir: Path, tmp_path_factory: object
) -> None:
    result = invoke(["due", "--as-of", "2024-04-15", "--json"], WORKPLAN_PLAN=str(plan_dir))
    assert len(json.loads(result.stdout)) == 4
    missing = invoke(["due", "--plan", str(plan_dir / "nope")])
    assert missing.exit_code == 3
    assert "no workplan.yaml there" in missing.stderr


def test_bad_as_of_is_a_usage_error(invoke: Invoke, plan_dir: Path) -> None:
    result = invoke(["due", "--plan", str(plan_dir), "--as-of", "15/04/2024"])
    assert result.exit_code == 2
    assert "expected a date written YYYY-MM-DD" in result.stderr


def test_every_command_has_help_with_an_example(invoke: Invoke) -> None:
    from workplan_cli.cli import COMMANDS

    names = list(COMMANDS)
    assert {"due", "list", "show", "check"} <= set(names)
    for name in names:
        result = invoke([name, "--help"])
        assert result.exit_code == 0
        assert "Example: workplan" in result.stdout, name


def test_thousands_of_rows_are_streamed_as_aligned_lines(plan_dir: Path) -> None:
    import io

    from rich.console import Console

    from workplan_cli.planfiles import load_plan
    from workplan_cli.schedule import due_entries, schedule
    from workplan_cli.views.terminal import render_milestones

    entries = due_entries(schedule(load_plan(plan_dir), date(2026, 11, 27))) * 40  # 680 rows
    piped = io.StringIO()
    render_milestones(Console(file=piped, width=200), entries)
    lines = piped.getvalue().splitlines()
    assert len(lines) == 680
    assert lines[0].startswith("● overdue  4.2.1")
    assert all("days late" in line for line in lines)


def test_a_slow_load_shows_a_progress_bar_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import time

    from workplan_cli.cli.output import LoadProgress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    quick = LoadProgress()
    quick(100, 1000)  # under a second: nothing shown
    assert quick.bar is None
    slow = LoadProgress()
    slow.started = time.monotonic() - 2
    with slow:
        slow(500, 1000)
        assert slow.bar is not None and slow.bar.tasks[0].completed == 500
    monkeypatch.setattr("sys.stderr", io.StringIO())  # piped: never
    piped = LoadProgress()
    piped.started = time.monotonic() - 2
    piped(500, 1000)
    assert piped.bar is None


def test_exit_codes_are_documented_once_in_the_readme_and_help(invoke: Invoke) -> None:
    from workplan_cli import errors
    from workplan_cli.errors import EXIT_CODES

    from .conftest import REPO

    codes = {getattr(errors, name).exit_code for name in dir(errors) if name.endswith("Error")}
    assert codes <= set(EXIT_CODES)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for code, meaning in EXIT_CODES.items():
        assert f"| {code} | {meaning} |" in readme
    assert "Exit codes: 0 success; 1 some plan files" in invoke(["--help"]).stdout


def test_list_json_keeps_the_key_order(invoke: Invoke, plan_dir: Path) -> None:
    rows = json.loads(invoke(["list", "--plan", str(plan_dir), "--json", "--as-of", "2024-04-15"]).stdout)
    assert list(rows[0])[:4] == ["id", "initiative", "title", "section"]
    assert list(rows[0])[-2:] == ["schedule_progress", "colour"]


def test_a_lone_surrogate_orjson_refuses_is_still_written_as_json() -> None:
    from workplan_cli.views.jsonview import compact_json

    value = {"title": "半个\ud800代理", "bell": "\x07"}
    assert compact_json(value) == '{"title": "\\u534a\\u4e2a\\ud800\\u4ee3\\u7406", "bell": "\\u0007"}'
    assert json.loads(compact_json(value)) == value
    assert compact_json({"title": "红字", "bell": "\x07"}) == '{"title":"红字","bell":"\\u0007"}'


def test_piped_due_is_plain_blocks_not_a_table(invoke: Invoke, plan_dir: Path) -> None:
    lines = invoke(["due", "--plan", str(plan_dir), "--as-of", "2024-06-17"]).stdout.splitlines()
    assert lines[:3] == ["Status  ID  Deadline  Days", "  Task", "  Initiative · Owner"]
    assert lines[3:6] == ["● overdue  4.2.1  2024-02-29  109 days late", "  制定我区2023年度XX监督检查计划",
                          "  4.2 开展XX监督检查 · 2月底前"]  # fmt: skip
    assert not any("─" in line for line in lines)
