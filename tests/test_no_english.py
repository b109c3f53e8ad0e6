"""With --lang zh no English sentence reaches the user: every command's --help, click's own usage
errors, and the error paths the tests reach. And the text table itself: every key in both
languages, no two keys with the same text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workplan_cli.cli import COMMANDS
from workplan_cli.cli.help_zh import HELP_ZH
from workplan_cli.cli.helptext import cells, wrap_cells
from workplan_cli.i18n import TEXT, MessageKey

from .conftest import Invoke

# Words that stay as they are in Chinese text: names of programs, formats and services, settings
# keys and the English status names that --status accepts.
PROPER = (
    {
        "WeCom",
        "DingTalk",
        "Feishu",
        "SMTP",
        "HTML",
        "Markdown",
        "JSON",
        "CSV",
        "SVG",
        "PNG",
        "Word",
        "YAML",
        "UTF",
        "BOM",
        "GBK",
        "VTODO",
        "DUE",
        "iCalendar",
        "FRX",
        "less",
        "git",
        "pull",
        "ff",
        "only",
        "crontab",
        "overdue",
        "due",
        "upcoming",
        "ongoing",
        "done",
        "none",
        "progress",
        "summary",
        "shell",
        "OPTIONS",
        "COMMAND",
        "ARGS",
        "FILE",
        "DIR",
        "ID",
        "NAME",
        "FOLDER",
        "DAYS",
        "YYYY",
        "MM",
        "DD",
        "TEXT",
        "INTEGER",
    }
    | set(COMMANDS)
    | {
        "workplan",
        "initiative",
        "milestone",
        "language",
        "workdays",
        "commit",
        "deadline",
        "task",
        "owner",
        "lead",
        "leader",
        "assigned",
        "title",
        "section",
        "notify",
        "owners",
    }
)
_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"[A-Za-z]+")


def english_sentences(text: str) -> list[str]:
    """Runs of two or more plain English words: what a Chinese reader would have to read in English.

    A word is a whitespace-separated token made of letters only (with ordinary punctuation around
    it); option names (--plan), ids, paths, file names, placeholders, settings keys (warn_days) and
    the proper nouns above are not words."""
    found, run = [], []
    for token in _TOKEN.findall(re.sub(r"[^\x00-\x7f]", " ", text)):
        bare = token.rstrip(".,;:!?()[]'\"`").lstrip("([\"'`")
        if _WORD.fullmatch(bare) and bare not in PROPER and not bare.isupper():
            run.append(bare)
            continue
        if len(run) >= 2:
            found.append(" ".join(run))
        run = []
    if len(run) >= 2:
        found.append(" ".join(run))
    return found


def test_the_detector_finds_english_and_leaves_names_alone() -> None:
    assert english_sentences("错误：No such option: --bogus") == ["No such option"]
    assert english_sentences("用法：workplan due [OPTIONS]  计划文件夹 plan/ 用 --plan DIR 指定") == []
    assert english_sentences("经由 SMTP 发给 WeCom 机器人；less -FRX") == []


def test_chinese_wraps_by_cells_and_keeps_options_whole() -> None:
    text = "按中国大陆工作日计算剩余和逾期天数（默认：workplan.yaml 中的 workdays）。"
    lines = wrap_cells(text, 30)
    assert len(lines) > 1 and all(cells(line) <= 30 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert any("workplan.yaml" in line for line in lines) and not any(line.startswith("。") for line in lines)


def chinese(invoke: Invoke, *args: str) -> tuple[int, str]:
    result = invoke(["--lang", "zh", *args], WORKPLAN_LANG="", COLUMNS="80")
    return result.exit_code, result.stdout + result.stderr


def every_command() -> list[list[str]]:
    return [[]] + [[name] for name in COMMANDS] + [["add", "initiative"], ["add", "milestone"]]


@pytest.mark.parametrize("command", every_command(), ids=lambda c: " ".join(c) or "workplan")
def test_help_of_every_command_is_chinese(invoke: Invoke, command: list[str]) -> None:
    code, out = chinese(invoke, *command, "--help")
    assert code == 0 and ("用法：" in out), out
    assert english_sentences(out) == [], english_sentences(out)
    assert [line for line in out.splitlines() if cells(line) > 80] == []  # wrapped by cells, not characters
    short_code, short = chinese(invoke, *command, "-h")
    assert short_code == 0 and short == out


def test_usage_errors_of_click_are_chinese(invoke: Invoke, plan_dir: Path) -> None:
    cases = [
        (["due", "--bogus"], "错误：没有这个选项：--bogus"),
        (["show"], "错误：缺少参数 'ID'。"),
        (["lst"], "错误：没有这个命令：'lst'"),
        (["due", "--within", "x"], "'--within' 的值无效：'x' 不是有效的整数。"),
        (["due", "--within", "-1"], "不在范围"),
        (["due", "--as-of"], "选项 '--as-of' 需要一个值。"),
        (["list", "--status", "late"], "不是以下之一"),
        (["show", "2.1", "3.1"], "多余的参数"),
    ]
    for args, expected in cases:
        code, out = (
            chinese(invoke, args[0], "--plan", str(plan_dir), *args[1:]) if args[0] != "lst" else chinese(invoke, *args)
        )
        assert code == 2, (args, out)
        assert expected in out, (args, out)
        assert args[-1] == "--as-of" or ("用法：" in out and "查看帮助" in out), (args, out)
        assert english_sentences(out) == [], (args, out)


def test_status_is_accepted_by_its_chinese_name(invoke: Invoke, plan_dir: Path) -> None:
    by_chinese = chinese(invoke, "list", "--status", "逾期", "--plan", str(plan_dir), "--as-of", "2024-06-17")
    by_english = chinese(invoke, "list", "--status", "overdue", "--plan", str(plan_dir), "--as-of", "2024-06-17")
    assert by_chinese == by_english and by_chinese[0] == 0 and "共 4 项：逾期 4 项" in by_chinese[1]


def test_error_paths_of_the_commands_are_chinese(invoke: Invoke, plan_dir: Path, tmp_path: Path) -> None:
    plan = ["--plan", str(plan_dir)]
    paths = [
        ["show", "9.9", *plan],
        ["done", "9.9.9", *plan],
        ["reopen", "2.1.1", *plan],
        ["due", "--as-of", "17/06/2024", *plan],
        ["due", "--plan", str(tmp_path / "nowhere")],
        ["list", "--section", "9", *plan],
        ["list", "--owner", "无此单位", *plan],
        ["import", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out")],
        ["set", "2.1.1", "colour", "red", *plan],
        ["add", "milestone", "9.9", "--deadline", "9月底前", "--task", "x", *plan],
        ["digest", "--to", "not an address", *plan],
        ["report", "--month", "2024-13", *plan],
        ["collect", "--period", "2024-99", *plan],
        ["accept", "2.1.1", *plan],
    ]
    found = {}
    for args in paths:
        _, out = chinese(invoke, *args)
        assert out.strip(), args
        if english_sentences(out):
            found[" ".join(args[:2])] = english_sentences(out)
    assert found == {}
    # What digest --dry-run says of the letter it would send (the letter itself is MIME, headers and all).
    dry = invoke(["--lang", "zh", "digest", "--dry-run", "--as-of", "2024-06-17", *plan], WORKPLAN_LANG="")
    assert "演练：未发送至" in dry.stderr and english_sentences(dry.stderr) == []


def test_the_catalogue_areas_share_no_key_and_each_holds_its_own_keys() -> None:
    import importlib

    modules = {area.__module__ for area in MessageKey.__subclasses__()}
    tables = {name: importlib.import_module(name).TEXT for name in modules}
    assert sum(len(table) for table in tables.values()) == len(TEXT)  # no key (nor equal value) twice
    assert {name: {type(key).__module__ for key in table} - {name} for name, table in tables.items()} == {
        name: set() for name in modules
    }


def test_every_key_has_both_languages_and_no_two_keys_the_same_text() -> None:
    assert set(TEXT) == {key for area in MessageKey.__subclasses__() for key in area}
    for key, (english, chinese_text) in TEXT.items():
        assert english.strip() and chinese_text.strip(), key
        assert set(re.findall(r"{(\w+)", english)) == set(re.findall(r"{(\w+)", chinese_text)), key  # may repeat
    texts = list(TEXT.values())
    assert len(set(texts)) == len(texts), [t for t in texts if texts.count(t) > 1]


def test_every_help_text_has_its_chinese() -> None:
    import typer.main
    from typer._click.core import Context

    from workplan_cli.cli import app

    root = typer.main.get_command(app)
    missing = []

    def walk(command: object, ctx: Context) -> None:
        for text in [getattr(command, "help", None)] + [getattr(p, "help", None) for p in command.params]:  # type: ignore[attr-defined]
            if text and not text.startswith("Exit codes:") and text not in HELP_ZH:
                missing.append(text)
        for name in getattr(command, "list_commands", lambda _: [])(ctx):
            walk(command.get_command(ctx, name), ctx)  # type: ignore[attr-defined]

    walk(root, Context(root))
    assert missing == []


def test_every_error_raised_names_a_message_key() -> None:
    """Each WorkplanError (or subclass) built in the source is given a key (``FileMsg.READ_ONLY_FILE``),
    whose English and Chinese the catalogue test holds; never a sentence."""
    import ast

    from workplan_cli import errors

    source = Path(errors.__file__).parent
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(source.rglob("*.py"))}
    names = {name for name, value in vars(errors).items() if isinstance(value, type) and issubclass(value, Exception)}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(isinstance(b, ast.Name) and b.id in names for b in node.bases):
                names.add(node.name)
    sentences = [
        f"{path.relative_to(source)}:{node.lineno}"
        for path, tree in trees.items()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in names
        and any(isinstance(arg, (ast.JoinedStr, ast.Constant)) for arg in node.args)
    ]
    assert sentences == []


def test_every_problem_in_a_plan_file_is_a_code_and_fields_never_a_sentence() -> None:
    """``reader.problem(node, ProblemCode.X, **fields)`` and ``Problem(ProblemCode.X, path, line, …)``:
    the words come from the catalogue, which holds each code in both languages."""
    import ast

    from workplan_cli import errors

    source = Path(errors.__file__).parent
    sentences = []
    for path in sorted(source.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name in ("problem", "Problem") and any(
                isinstance(arg, ast.JoinedStr) or (isinstance(arg, ast.Constant) and isinstance(arg.value, str))
                for arg in node.args
            ):
                sentences.append(f"{path.relative_to(source)}:{node.lineno}")
    assert sentences == []


def test_a_chinese_plan_makes_help_and_usage_errors_chinese(invoke: Invoke, plan_dir: Path) -> None:
    """No --lang, no $WORKPLAN_LANG, an English locale: the plan's `language: zh` decides, read before
    click parses anything."""
    result = invoke(["due", "--plan", str(plan_dir), "--bogus"], WORKPLAN_LANG="", LANG="C")
    assert result.exit_code == 2 and "错误：没有这个选项：--bogus" in result.stderr
    english = invoke(["--lang", "en", "due", "--plan", str(plan_dir), "--bogus"], WORKPLAN_LANG="", LANG="C")
    assert "Error: No such option: --bogus" in english.stderr and "用法" not in english.stderr
