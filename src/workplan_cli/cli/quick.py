"""The everyday runs without typer: `workplan due` and `workplan list` with their usual options.

Importing typer (and its click and Rich) costs several times what `due` on an office's plan does
itself, so ``main`` first offers the command line here. What is read here is exactly what the typer
commands would read (a test compares both on many command lines); anything else (another command,
``--help``, an option not listed, a value that would be refused) returns None, and the typer
application runs as before and says what is wrong. The commands themselves are shared: both call
``milestones.show_due`` and ``show_list``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

# Root options (before the command; --lang and --no-pager may come after it too, see args.hoist_lang).
_ROOT_FLAGS = {"--no-cache": ("no_cache", True), "--no-pager": ("no_pager", True)}
_ROOT_VALUES = {"--lang": "lang", "--workspace": "workspace"}
_SHARED_FLAGS = {
    "--json": ("json", True),
    "--all": ("show_all", True),
    "--workdays": ("use_workdays", True),
    "--calendar-days": ("use_workdays", False),
    "--no-pager": ("no_pager", True),
}
_SHARED_VALUES = {
    "--plan": "plan",
    "--as-of": "as_of",
    "--within": "within",
    "--unit": "unit",
    "--leader": "leader",
    "--lang": "lang",
}
FLAGS = {"due": {**_SHARED_FLAGS, "--from-git": ("from_git", True)}, "list": _SHARED_FLAGS}
VALUES = {
    "due": _SHARED_VALUES,
    "list": {**_SHARED_VALUES, "--status": "status", "--owner": "owner", "--section": "section"},
}
MULTIPLE = {"plan", "status"}


def read_args(args: Sequence[str]) -> tuple[str, dict[str, Any]] | None:
    """(command, options) of a command line ``quick`` runs exactly as typer would; None otherwise."""
    options: dict[str, Any] = {}
    index, command = 0, None
    while index < len(args):
        arg = args[index]
        if command is None and arg in ("due", "list"):
            command = arg
            index += 1
            continue
        name, has_value, value = arg.partition("=")
        flags = _ROOT_FLAGS if command is None else FLAGS[command]
        values = _ROOT_VALUES if command is None else VALUES[command]
        if name in flags and not has_value:
            key, flag = flags[name]
            options[key] = flag  # --workdays then --calendar-days: the last one counts, as in click
            index += 1
            continue
        if name not in values:
            return None  # --help, --version, --, an unknown option, an argument: typer says what it means
        if not has_value:
            if index + 1 >= len(args):
                return None
            value = args[index + 1]
            index += 1
        index += 1
        if not value or value.startswith("-"):
            return None  # click may read it otherwise (an option name, an empty path): let it
        key = values[name]
        if key in MULTIPLE:
            options.setdefault(key, []).append(value)
        elif key == "lang" and key in options:
            return None  # twice, before and after the command: which one wins is click's business
        else:
            options[key] = value  # given twice: click keeps the last
    if command is None:
        return None
    return command, options


def run_quickly(args: Sequence[str], env: Mapping[str, str]) -> int | None:
    """Run `due` or `list` (or show the root help page) and return the exit code, or None when typer
    has to read this command line."""
    if _is_root_help(args):
        return help_page(args, env)
    from workplan_cli.cli.args import english_statuses

    read = read_args(english_statuses(list(args)))
    if read is None:
        return None
    command, options = read
    checked = _checked(options)
    if checked is None:
        return None
    from workplan_cli.cli.args import language_of_args, set_language
    from workplan_cli.cli.context import AppContext
    from workplan_cli.cli.output import print_error
    from workplan_cli.errors import WorkplanError

    set_language(language_of_args(args, os.environ))
    run = AppContext(
        use_cache=not options.get("no_cache", False),
        use_pager=not options.get("no_pager", False),
        lang_override=options.get("lang"),
        workspace_file=Path(options["workspace"]) if "workspace" in options else None,
    )
    run.set_language(None)
    try:
        if command == "due":
            from workplan_cli.cli.milestones import show_due

            show_due(run, **checked, from_git=options.get("from_git", False))
        else:
            from workplan_cli.cli.milestones import show_list

            show_list(
                run,
                **checked,
                statuses=options.get("status"),
                owner=options.get("owner"),
                section=options.get("section"),
            )
    except WorkplanError as err:
        print_error(f"workplan: {err.text(run.lang)}")
        return err.exit_code
    except (EOFError, KeyboardInterrupt):
        from workplan_cli.cli.args import language

        sys.stderr.write("\n" + ("已中止。\n" if language() == "zh" else "Aborted!\n"))  # as click and root.main
        return 1
    return 0


def _checked(options: dict[str, Any]) -> dict[str, Any] | None:
    """The options both commands share, converted as typer converts them; None where typer would refuse."""
    from workplan_cli.model import MAX_WINDOW_DAYS, Status

    if options.get("lang") not in (None, "zh", "en"):
        return None
    within = options.get("within")
    if within is not None:
        if not (within.isascii() and within.isdigit() and len(within) <= 5) or int(within) > MAX_WINDOW_DAYS:
            return None
        within = int(within)
    statuses = options.get("status")
    if statuses is not None:
        if any(value not in Status._value2member_map_ for value in statuses):
            return None
        options["status"] = [Status(value) for value in statuses]
    return {
        "plans": [Path(folder) for folder in options["plan"]] if "plan" in options else None,
        "as_of": options.get("as_of"),
        "within": within,
        "json": options.get("json", False),
        "use_workdays": options.get("use_workdays"),
        "unit": options.get("unit"),
        "leader": options.get("leader"),
    }


def _is_root_help(args: Sequence[str]) -> bool:
    """``workplan --help`` (or -h), perhaps after ``--lang X``."""
    if len(args) == 3 and args[0] == "--lang" and args[1] in ("zh", "en"):
        args = args[2:]
    elif len(args) == 2 and args[0] in ("--lang=zh", "--lang=en"):
        args = args[1:]
    return list(args) in (["--help"], ["-h"])


def help_page(args: Sequence[str], env: Mapping[str, str]) -> int:
    """The root help page: typer writes it, and it is kept in the cache folder, named by everything it
    depends on (the program's code, the language, the program's name, the terminal's size), so that
    the next `workplan --help` prints the same page without building the typer application."""
    from workplan_cli import cache
    from workplan_cli.cli.args import language_of_args

    folder = cache.cache_folder(env)
    lang = language_of_args(args, os.environ)
    try:
        size = os.get_terminal_size(sys.__stdout__.fileno()) if sys.__stdout__ is not None else None
    except (AttributeError, ValueError, OSError):
        size = None
    key = repr((lang, os.path.basename(sys.argv[0]), env.get("COLUMNS"), env.get("LINES"), size)).encode()
    name = f"help-{cache.code_digest()}-{zlib_digest(key)}.txt"
    page = cache.read_own_text(folder / name) if folder is not None else None
    if page is not None:
        sys.stdout.write(page)
        return 0
    import io

    from workplan_cli.cli.root import app

    real, captured = sys.stdout, io.StringIO()
    sys.stdout = captured
    try:
        app(args=list(args))
        code = 0
    except SystemExit as leaving:
        code = leaving.code if isinstance(leaving.code, int) else (0 if leaving.code is None else 1)
    finally:
        sys.stdout = real
    sys.stdout.write(captured.getvalue())
    if code == 0 and folder is not None:
        cache.write_own_text(folder / name, captured.getvalue())
        for old in folder.glob("help-*.txt"):  # pages of an earlier build of workplan
            if not old.name.startswith(f"help-{cache.code_digest()}-"):
                old.unlink(missing_ok=True)
    return code


def zlib_digest(data: bytes) -> str:
    import zlib

    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"
