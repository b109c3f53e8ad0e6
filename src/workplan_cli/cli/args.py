"""The command line as read before typer: the run's language, ``--lang`` and ``--no-pager`` given
after the command, and statuses named in Chinese. Imports no typer, so that ``quick`` can use it."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from workplan_cli.i18n import Msg

_language = ["en"]


def set_language(lang: str) -> None:
    _language[0] = lang


def language() -> str:
    return _language[0]


def language_of_args(args: Sequence[str], env: os._Environ[str] | dict[str, str]) -> str:
    """The language before anything is parsed: ``--lang``, $WORKPLAN_LANG, the plan's ``language:``
    (read with a regular expression, not the YAML loader, to keep `--help` cheap), the locale."""
    from workplan_cli.i18n import resolve_language

    given = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg.startswith("--lang="):
            given = arg.split("=", 1)[1]
        elif arg == "--lang" and index + 1 < len(args):
            given = args[index + 1]
    return resolve_language(given, env, None if given or env.get("WORKPLAN_LANG") else _plan_language(args, env))


def _plan_language(args: Sequence[str], env: os._Environ[str] | dict[str, str]) -> str | None:
    """The ``language:`` of the plan the command would open (--plan, $WORKPLAN_PLAN, ./plan or a
    parent's plan/, as planfolder finds it), without importing the settings loader and YAML."""
    explicit = next((args[i + 1] for i, arg in enumerate(args[:-1]) if arg == "--plan"), None) or env.get(
        "WORKPLAN_PLAN"
    )
    cwd = Path.cwd()
    folders = [Path(explicit)] if explicit else [folder / "plan" for folder in (cwd, *cwd.parents)]
    for folder in folders:
        try:
            text = (folder / "workplan.yaml").read_text(encoding="utf-8")
        except (OSError, UnicodeError):
            continue
        found = re.search(r"^language:\s*['\"]?(zh|en)\b", text, re.MULTILINE)
        return found.group(1) if found else None
    return None


def english_statuses(args: list[str]) -> list[str]:
    """``--status 逾期`` as ``--status overdue``: a status is accepted by its Chinese name too."""
    from workplan_cli.i18n.labels import TEXT

    chinese = {TEXT[Msg(f"status.{name}")][1]: name for name in ("overdue", "due", "upcoming", "ongoing", "done")}
    out = list(args)
    for index, arg in enumerate(out):
        if arg == "--":
            break
        if index and out[index - 1] == "--status" and arg in chinese:
            out[index] = chinese[arg]
        elif arg.startswith("--status=") and arg[len("--status=") :] in chinese:
            out[index] = "--status=" + chinese[arg[len("--status=") :]]
    return out


def hoist_lang(args: list[str]) -> list[str]:
    """Move ``--lang X`` / ``--lang=X`` and ``--no-pager`` given after the command to the front, where
    the root reads them."""
    before, rest = [], list(args)
    index = 0
    while index < len(rest):
        arg = rest[index]
        if arg == "--":
            break
        if (arg.startswith("--lang=") or arg == "--no-pager") and index > 0:
            before.append(rest.pop(index))
            continue
        if arg == "--lang" and index > 0 and index + 1 < len(rest):
            before += [rest.pop(index), rest.pop(index)]
            continue
        index += 1
    return before + rest
