"""``plan/workplan.yaml``: every key in one table, and the loader that reads it.

The table (``SETTINGS``, and ``SMTP_SETTINGS`` for the ``smtp:`` block) says each key's type, its
default and what it means, in both languages. The loader reads the file from it, the unknown-key
check (``workplan check``) takes its known keys from it, and the README's settings table is
compared with it by a test. A new setting is one row here and one field in ``model.PlanSettings``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from workplan_cli.errors import PlanNotFoundError
from workplan_cli.model import PlanSettings, Problem, SmtpSettings
from workplan_cli.yamlnodes import Fields, FileBroken, NodeReader, compose, is_empty, read_text

SETTINGS_FILE = "workplan.yaml"


class Kind(StrEnum):
    """How a setting's value is written; the value is the type column of the README table."""

    TEXT = "text"
    WHOLE_NUMBER = "whole number"
    YEAR = "year"  # a whole number between 1900 and 2200, required
    TRUE_FALSE = "true / false"
    CHOICE = "one of"
    ADDRESSES = "address or list"
    SECONDS = "seconds"  # a whole number, kept as float seconds
    PORT = "port number"  # a whole number; its default depends on `security`
    OWNERS = "owner: addresses"
    SMTP = "mapping"


@dataclass(frozen=True, slots=True)
class Setting:
    """One key: how it is read, its default when absent, and what it means."""

    key: str
    kind: Kind
    default: str | int | float | bool | tuple[str, ...] | None
    help: str
    choices: tuple[str, ...] = ()
    attribute: str = ""  # the field of PlanSettings / SmtpSettings, when it is not the key

    @property
    def field(self) -> str:
        return self.attribute or self.key

    @property
    def type_text(self) -> str:
        return f"{self.kind.value} {', '.join(self.choices)}" if self.choices else self.kind.value

    @property
    def default_text(self) -> str:
        if self.kind is Kind.PORT:
            return "465 with ssl, 587 with starttls, else 25"
        if self.default is None:
            return "required" if self.kind is Kind.YEAR else "none"
        if isinstance(self.default, bool):
            return "true" if self.default else "false"
        if self.default in ("", ()):
            return "none"
        return str(int(self.default) if isinstance(self.default, float) else self.default)


SETTINGS: tuple[Setting, ...] = (
    Setting("title", Kind.TEXT, "", "the plan's title, from the report"),
    Setting("year", Kind.YEAR, None, "the plan year: deadlines such as 3月底前 resolve against it"),
    Setting("timezone", Kind.TEXT, "Asia/Shanghai", "“today” is taken in this timezone"),
    Setting("warn_days", Kind.WHOLE_NUMBER, 14, "a deadline this many days away or closer counts as due"),
    Setting(
        "workdays",
        Kind.TRUE_FALSE,
        False,
        "count days left / late in mainland-China working days (statutory holidays, 调休)",
    ),
    Setting(
        "language",
        Kind.CHOICE,
        "",
        "the interface language; none: from the environment",
        choices=("zh", "en"),
    ),
    Setting(
        "owners",
        Kind.OWNERS,
        None,
        "who gets the digest for each owner named in initiative files",
    ),
    Setting("smtp", Kind.SMTP, None, "where `workplan digest --send` delivers (the keys below)"),
    Setting(
        "commit",
        Kind.TRUE_FALSE,
        False,
        "commit every edit to git (done, reopen, note, add, set), as if `--commit` were given",
    ),
)

SMTP_SETTINGS: tuple[Setting, ...] = (
    Setting("host", Kind.TEXT, "localhost", "the mail server"),
    Setting("port", Kind.PORT, None, "its port"),
    Setting(
        "security",
        Kind.CHOICE,
        "none",
        "TLS from the start (ssl), after connecting (starttls), or none",
        choices=("starttls", "ssl", "none"),
    ),
    Setting("username", Kind.TEXT, "", "log in as this user (password: WORKPLAN_SMTP_PASSWORD)"),
    Setting("from", Kind.TEXT, "", "the sender (none: workplan@localhost)", attribute="sender"),
    Setting("to", Kind.ADDRESSES, (), "who gets the whole digest"),
    Setting("cafile", Kind.TEXT, "", "an extra CA bundle for a server with a private certificate"),
    Setting("timeout", Kind.SECONDS, 30.0, "give up on a silent server after this many seconds"),
)

SETTINGS_KEYS = tuple(s.key for s in SETTINGS)
SMTP_KEYS = tuple(s.key for s in SMTP_SETTINGS)


def settings_table() -> list[str]:
    """The README's table of settings, as Markdown rows (a test keeps the README equal to it)."""
    rows = ["| key | type | default | meaning |", "|---|---|---|---|"]
    for section, table in (("", SETTINGS), ("smtp.", SMTP_SETTINGS)):
        rows += [f"| `{section}{s.key}` | {s.type_text} | {s.default_text} | {s.help} |" for s in table]
    return rows


def load_settings(folder: Path) -> PlanSettings:
    """Read ``workplan.yaml``. Without a usable plan year nothing can be resolved, so problems here stop."""
    path = folder / SETTINGS_FILE
    problems: list[Problem] = []
    reader = NodeReader(path, problems)
    try:
        node = compose(path, read_text(path))
    except FileBroken as broken:
        raise PlanNotFoundError(str(broken.problem)) from None
    fields = reader.mapping(node, SETTINGS_FILE, SETTINGS_KEYS) if reader.check_tags(node) else None
    if fields is None:
        raise PlanNotFoundError("; ".join(map(str, problems)))
    settings = PlanSettings(**_read_all(reader, fields, SETTINGS, ""))
    if problems:
        raise PlanNotFoundError("\n".join(map(str, problems)))
    return settings


def _read_all(reader: NodeReader, fields: Fields, table: tuple[Setting, ...], where: str) -> dict[str, Any]:
    values = {s.field: _read(reader, fields, s, where) for s in table if s.kind is not Kind.PORT}
    for setting in table:  # a port's default depends on the security read before it
        if setting.kind is Kind.PORT:
            default_port = {"ssl": 465, "starttls": 587}.get(str(values.get("security")), 25)
            values[setting.field] = reader.integer(fields, setting.key, default_port)
    return values


def _read(reader: NodeReader, fields: Fields, setting: Setting, where: str) -> Any:
    key, default = setting.key, setting.default
    match setting.kind:
        case Kind.TEXT:
            return reader.text(fields, key) or default
        case Kind.WHOLE_NUMBER:
            assert isinstance(default, int)
            return reader.integer(fields, key, default)
        case Kind.SECONDS:
            assert isinstance(default, float)
            return float(reader.integer(fields, key, int(default)))
        case Kind.YEAR:
            year = reader.integer(fields, key, 0)
            if key not in fields or not 1900 <= year <= 2200:
                reader.problem(fields.get(key, fields.node), "'year' must be the plan year, such as `year: 2024`")
            return year
        case Kind.TRUE_FALSE:
            assert isinstance(default, bool)
            return reader.boolean(fields, key, default)
        case Kind.CHOICE:
            assert isinstance(default, str)
            return reader.choice(fields, key, setting.choices, default, where=where)
        case Kind.ADDRESSES:
            return reader.text_list(fields[key], f"{where}{key}") if key in fields else default
        case Kind.OWNERS:
            return _owners(reader, fields.get(key))
        case Kind.SMTP:
            return _smtp(reader, fields.get(key))


def _owners(reader: NodeReader, node: yaml.Node | None) -> dict[str, tuple[str, ...]]:
    if node is None or is_empty(node):
        return {}
    if not isinstance(node, yaml.MappingNode):
        reader.problem(node, "'owners' must map each owner to an e-mail address or a list of them")
        return {}
    return {str(k.value): reader.text_list(v, f"owners: {k.value}") for k, v in node.value}


def _smtp(reader: NodeReader, node: yaml.Node | None) -> SmtpSettings:
    if node is None or is_empty(node):
        return SmtpSettings()
    if isinstance(node, yaml.MappingNode) and any(k.value == "password" for k, _ in node.value):
        reader.problem(
            node,
            "smtp: a password never goes in a plan file (it is shared through git); "
            "set WORKPLAN_SMTP_PASSWORD in the environment instead",
        )
        node = yaml.MappingNode(
            node.tag, [(k, v) for k, v in node.value if k.value != "password"], node.start_mark, node.end_mark
        )
    fields = reader.mapping(node, "smtp", SMTP_KEYS)
    if fields is None:
        return SmtpSettings()
    return SmtpSettings(**_read_all(reader, fields, SMTP_SETTINGS, "smtp: "))
