"""Every terminal view at 60, 80, 120 and 200 columns: no line wider than the terminal, and each
milestone's first line holds its status, id and date. Then the real thing: the views in a tmux
terminal 80 columns wide, through the real pager, against the captures in samples/terminal/."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.conftest import SAMPLES, Invoke
from tests.test_installed import installed_workplan

WIDTHS = (60, 80, 120, 200)
STATUS = {
    "en": {"overdue": "overdue", "due": "due", "upcoming": "upcoming", "ongoing": "ongoing", "done": "done"},
    "zh": {"overdue": "逾期", "due": "临期", "upcoming": "正常推进", "ongoing": "持续推进", "done": "已完成"},
}
CAPTURES = SAMPLES / "terminal"


def _render(invoke: Invoke, width: int, lang: str, *args: str) -> list[str]:
    result = invoke([*args], COLUMNS=str(width), WORKPLAN_LANG=lang)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    too_wide = [(cell_len(line), line) for line in lines if cell_len(line) > width]
    assert too_wide == [], f"{args} at {width}: {too_wide[:3]}"
    assert all(line == line.rstrip() for line in lines), "piped output has trailing spaces"
    return lines


def _first_lines_hold_the_facts(lines: list[str], rows: list[dict[str, object]], lang: str) -> None:
    for row in rows:
        ident = str(row["id"])
        heads = [line for line in lines if f" {ident} " in f" {line} " and "●" in line]
        assert heads, f"no line for {ident}"
        head = heads[0]
        assert STATUS[lang][str(row["status"])] in head or "欠进度" in head or "behind" in head, head
        if row["deadline"]:
            assert str(row["deadline"]) in head, head


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", WIDTHS)
def test_due_and_list_fit_and_each_first_line_has_status_id_date(
    invoke: Invoke, plan_dir: Path, width: int, lang: str
) -> None:
    for command in ("due", "list"):
        args = [command, "--as-of", "2024-06-17", "--plan", str(plan_dir)]
        lines = _render(invoke, width, lang, *args)
        rows = json.loads(invoke([*args, "--json"]).stdout)
        assert rows
        _first_lines_hold_the_facts(lines, rows, lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width", WIDTHS)
def test_show_stats_timeline_digest_fit(invoke: Invoke, plan_dir: Path, width: int, lang: str) -> None:
    common = ["--as-of", "2024-06-17", "--plan", str(plan_dir)]
    shown = _render(invoke, width, lang, "show", "2.1", *common)
    rows = json.loads(invoke(["show", "2.1", "--json", *common]).stdout)
    _first_lines_hold_the_facts(shown, rows, lang)
    stats = _render(invoke, width, lang, "stats", *common)
    for section in ("一、", "二、", "三、", "四、"):  # every section's row starts with its name
        assert any(line.startswith(section) for line in stats), (section, width)
    timeline = _render(invoke, width, lang, "timeline", *common)
    for ident in ("1.1", "2.3", "4.3"):
        assert any(line.startswith(f"{ident} ") for line in timeline), (ident, width)
    assert any("12月" in line for line in timeline)


def _tmux_capture(command: list[str], width: int, env: dict[str, str], cwd: Path) -> str:
    """Run ``command`` in a real tmux terminal ``width`` columns wide; the screen as text."""
    socket = f"workplan-test-{uuid.uuid4().hex[:12]}"
    signal = f"done-{socket}"
    line = " ".join(f"{k}={_q(v)}" for k, v in env.items()) + " " + " ".join(_q(part) for part in command)
    script = f"cd {_q(str(cwd))} && env -u COLUMNS -u LINES {line}; tmux -L {socket} wait-for -S {signal}; sleep 60"
    config = Path(os.environ.get("TMPDIR", "/tmp")) / f"{socket}.conf"
    config.write_text(f"set -g default-size {width}x120\n", encoding="utf-8")  # the size from the start
    tmux = ["tmux", "-L", socket, "-f", str(config)]
    try:
        subprocess.run([*tmux, "new-session", "-d", "-x", str(width), "-y", "120", script], check=True, timeout=30)
        subprocess.run([*tmux, "wait-for", signal], check=True, timeout=60)
        screen = subprocess.run(
            [*tmux, "capture-pane", "-p", "-t", "0"], check=True, timeout=30, capture_output=True, text=True
        ).stdout
    finally:
        subprocess.run([*tmux, "kill-server"], check=False, timeout=30, capture_output=True)
        config.unlink()
    return "\n".join(line.rstrip() for line in screen.rstrip("\n").splitlines()).rstrip("\n") + "\n"


def _q(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


VIEWS = {
    "due-en-80": ["--lang", "en", "due"],
    "due-zh-60": ["due"],
    "list-zh-80": ["list", "--section", "2"],
    "show-en-80": ["--lang", "en", "show", "2.1"],
    "stats-zh-80": ["stats"],
    "timeline-zh-80": ["timeline"],
    "timeline-en-60": ["--lang", "en", "timeline"],
}


@pytest.mark.parametrize("width", [120, 200])
def test_a_wide_timeline_shows_each_title_on_one_line(invoke: Invoke, plan_dir: Path, width: int) -> None:
    """F25: the title column grows with the width; the longest title (17 characters) is not folded."""
    lines = _render(invoke, width, "zh", "timeline", "--as-of", "2024-06-17", "--plan", str(plan_dir))
    row = next(line for line in lines if line.startswith("3.2 "))
    assert "推行“编制＋员额”总量控制管理模式" in row and "◆1" in row
    assert not any(line.strip() == "式" for line in lines)


@pytest.mark.parametrize("name", sorted(VIEWS))
def test_views_in_a_real_terminal_match_the_captures(plan_dir: Path, tmp_path: Path, name: str) -> None:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed: no real terminal to render in")
    width = int(name.rsplit("-", 1)[1])
    env = {
        "WORKPLAN_PLAN": str(plan_dir),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "NO_COLOR": "1",
    }
    # The plan folder is named by a relative path, so that the captured file names do not change.
    plan_dir.rename(tmp_path / "plan")
    env["WORKPLAN_PLAN"] = "plan"
    command = [installed_workplan(), *VIEWS[name], "--as-of", "2024-06-17"]
    screen = _tmux_capture(command, width, env, tmp_path)
    expected = CAPTURES / f"{name}.txt"
    if os.environ.get("WORKPLAN_UPDATE_CAPTURES"):
        expected.write_text(screen, encoding="utf-8")
    assert screen == expected.read_text(encoding="utf-8")
    assert all(cell_len(line) <= width for line in screen.splitlines())


def test_wrap_measures_cells_and_keeps_latin_words_whole() -> None:
    from workplan_cli.views.wrap import wrap

    lines = wrap("制定出台各领域衔接配合的具体办法 and some English words 2024-06-30", 24, "  ")
    assert all(cell_len(line) <= 24 for line in lines)
    assert all(line.startswith("  ") for line in lines)
    assert "2024-06-30" in "".join(lines) and any(line.endswith("English") or "words" in line for line in lines)
    assert (
        "".join(line.strip() for line in lines).replace(" ", "")
        == "制定出台各领域衔接配合的具体办法andsomeEnglishwords2024-06-30"
    )


def test_english_show_at_80_columns_gives_the_task_the_room(invoke: Invoke, plan_dir: Path) -> None:
    """F41: "Schedule progress" goes on two lines below 120 columns, so the task is not squeezed
    into nine Chinese characters a line."""
    lines = _render(invoke, 80, "en", "show", "2.1", "--as-of", "2024-06-17", "--plan", str(plan_dir))
    assert any(line.split()[-1:] == ["Schedule"] for line in lines)
    assert any(line.split()[-1:] == ["progress"] and line.startswith("Status") for line in lines)
    row = next(line for line in lines if " 2.1.4 " in line)
    assert "持续开展街道管理体制和运行" in row  # 13 characters on the row's first line (9 before)


def test_an_edit_confirmation_never_cuts_its_file_path() -> None:
    """F3: at 80 columns the path goes whole on a line of its own instead of (plan/2-1 / .yaml)."""
    from workplan_cli.views.wrap import with_path

    said = "2.1.2 完成时限：6月底前 → 9月底前；原时限 6月底前 保留为 deadline_was"
    assert with_path(said, "plan/2-1.yaml", 80).splitlines() == [said, "(plan/2-1.yaml)"]
    assert with_path(said, "plan/2-1.yaml", 120) == f"{said}  (plan/2-1.yaml)"
    assert with_path(said, "plan/2-1.yaml", None) == f"{said}  (plan/2-1.yaml)"  # piped: one line
    lines = with_path("1.1.1 已于 2024-06-01 完成（销号）" * 3, "plan/1-1.yaml", 60).splitlines()
    assert all(cell_len(line) <= 60 for line in lines) and lines[-1].endswith("  (plan/1-1.yaml)")


NO_START = "，、。；：！？）》」”’"


@pytest.mark.parametrize("width", [17, 18, 19, 20, 21, 24, 36])
def test_wrapped_chinese_never_starts_a_line_with_closing_punctuation(width: int) -> None:
    """F2, 避头尾: ，、。）” never start a line and （《“ never end one; the character before moves down."""
    from rich.console import Console
    from rich.table import Table

    from workplan_cli.views.wrap import wrap
    from workplan_cli.views.wrap_rich import BreakingText

    task = "完成街道“五权”试点，总结形成“五权”工作“XX模式”，出台《权责清单管理办法》，强化权责清单管理。"
    lines = wrap(task, width)
    assert "".join(lines) == task and all(cell_len(line) <= width for line in lines)
    assert not any(line[0] in NO_START for line in lines[1:]), lines
    assert not any(line[-1] in "（《“" for line in lines[:-1]), lines
    assert wrap("机构组建、挂牌办公、人员转隶等", 18) == ["机构组建、挂牌办", "公、人员转隶等"]  # 办 moves down with 、

    table = Table(show_header=False, box=None, pad_edge=False)  # a Rich table's folded cell breaks the same way
    table.add_column(overflow="fold", width=width)
    table.add_row(BreakingText(task))
    console = Console(width=width, record=True, color_system=None)
    console.print(table)
    cells = [line.rstrip() for line in console.export_text().splitlines()]
    assert "".join(cells) == task and not any(line[0] in NO_START for line in cells[1:]), cells


def test_list_at_80_columns_starts_no_line_with_punctuation(invoke: Invoke, plan_dir: Path) -> None:
    lines = _render(invoke, 80, "zh", "list", "--as-of", "2024-04-15", "--plan", str(plan_dir))
    starts = [line.strip()[0] for line in lines if line.strip()]
    assert not any(start in NO_START for start in starts), [line for line in lines if line.strip()[:1] in NO_START]


@pytest.mark.parametrize("width", [60, 80])
def test_digest_and_report_text_are_wrapped_on_a_terminal(plan_dir: Path, tmp_path: Path, width: int) -> None:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed: no real terminal to render in")
    env = {"WORKPLAN_PLAN": str(plan_dir), "XDG_CACHE_HOME": str(tmp_path / "cache"), "TERM": "xterm-256color",
           "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "NO_COLOR": "1",
           "WORKPLAN_PAGER": "cat"}  # fmt: skip  # longer than the screen: less would wait for a key
    for command in (["digest"], ["report", "--month", "2024-06"]):
        screen = _tmux_capture([installed_workplan(), *command, "--as-of", "2024-06-17"], width, env, tmp_path)
        lines = screen.splitlines()
        assert len(lines) > 20 and all(cell_len(line) <= width for line in lines), command
    piped = subprocess.run(
        [installed_workplan(), "digest", "--as-of", "2024-06-17", "--plan", str(plan_dir)],
        capture_output=True, text=True, check=True, env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "c")},
    ).stdout  # fmt: skip
    # Piped (into a mail or a file), a task stays on one line whatever its length.
    assert any(cell_len(line) > 100 for line in piped.splitlines())


def test_pager_is_used_on_a_terminal_and_bypassed_by_no_pager(plan_dir: Path, tmp_path: Path) -> None:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed: no real terminal to render in")
    paged = tmp_path / "paged.txt"
    env = {"WORKPLAN_PLAN": str(plan_dir), "XDG_CACHE_HOME": str(tmp_path / "cache"), "TERM": "xterm-256color",
           "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "NO_COLOR": "1",
           "PAGER": f"cat > {paged}"}  # fmt: skip
    screen = _tmux_capture([installed_workplan(), "list", "--as-of", "2024-06-17"], 80, env, tmp_path)
    assert "2.1.1" in paged.read_text(encoding="utf-8") and "2.1.1" not in screen  # all of it went to the pager
    assert paged.read_text(encoding="utf-8").count("● ") == 26  # every row: nothing is cut off any more
    paged.unlink()
    screen = _tmux_capture([installed_workplan(), "list", "--no-pager", "--as-of", "2024-06-17"], 80, env, tmp_path)
    assert "2.1.1" in screen and not paged.exists()
    env["PAGER"] = "cat"  # git's convention: a pager of cat is no pager
    screen = _tmux_capture([installed_workplan(), "due", "--as-of", "2024-06-17"], 80, env, tmp_path)
    assert "4.2.1" in screen
