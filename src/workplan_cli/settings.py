"""``plan/workplan.yaml``: every key in one table, and the loader that reads it.

The table (``SETTINGS``, and ``SMTP_SETTINGS`` for the ``smtp:`` block) says each key's type, its
default and what it means, in both languages. The loader reads the file from it, the unknown-key
check (``workplan check``) takes its known keys from it, and the README's settings table is
compared with it by a test. A new setting is one row here and one field in ``model.PlanSettings``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from workplan_cli.errors import PlanNotFoundError
from workplan_cli.i18n import FileMsg, Listed, ProblemCode
from workplan_cli.model import MAX_WINDOW_DAYS, NotifyChannel, Owner, PlanSettings, Problem, Roles, SmtpSettings
from workplan_cli.planfolder import SETTINGS_FILE as SETTINGS_FILE
from workplan_cli.yamlnodes import Fields, FileBroken, NodeReader, compose, is_empty, read_text


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
    OWNERS = "owner: addresses, or a mapping"
    SMTP = "mapping"
    NAMES = "name or list"
    VARIABLE = "environment variable name"
    CHANNELS = "list of mappings"
    ASSIGN = "id: lead, co_units, leader"


@dataclass(frozen=True, slots=True)
class Setting:
    """One key: how it is read, its default when absent, and what it means."""

    key: str
    kind: Kind
    default: str | int | float | bool | tuple[str, ...] | None
    help: str
    choices: tuple[str, ...] = ()
    attribute: str = ""  # the field of PlanSettings / SmtpSettings, when it is not the key
    bounds: tuple[int, int] | None = None  # the lowest and highest number accepted

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
    Setting(
        "warn_days",
        Kind.WHOLE_NUMBER,
        14,
        "a deadline this many days away or closer counts as due",
        bounds=(0, MAX_WINDOW_DAYS),
    ),
    Setting(
        "workdays",
        Kind.TRUE_FALSE,
        False,
        "count days left / late in mainland-China working days (statutory holidays, 调休)",
        attribute="use_workdays",
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
        "for each unit or leader named in initiative files: its e-mail addresses, or a mapping of `email`, "
        "`mobile`, `wecom`, `dingtalk`, `feishu` (the ids its group robots @)",
    ),
    Setting("smtp", Kind.SMTP, None, "where `workplan digest --send` delivers e-mail (the keys below)"),
    Setting(
        "commit",
        Kind.TRUE_FALSE,
        False,
        "commit every edit to git (done, reopen, note, add, set, import, ingest, accept), as if `--commit` were given",
    ),
    Setting(
        "notify",
        Kind.CHANNELS,
        None,
        "the channels `digest --send` and `remind` deliver to: group robots and e-mail (the keys below)",
    ),
    Setting(
        "assign",
        Kind.ASSIGN,
        None,
        '任务分解: for a section (`"2"`), initiative (`"2.1"`) or milestone (`"2.1.3"`), its `lead`, '
        "`co_units` and `leader`, where the initiative files do not name them",
    ),
)

SMTP_SETTINGS: tuple[Setting, ...] = (
    Setting("host", Kind.TEXT, "localhost", "the mail server"),
    Setting("port", Kind.PORT, None, "its port", bounds=(1, 65535)),
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
    Setting("timeout", Kind.SECONDS, 30.0, "give up on a silent server after this many seconds", bounds=(1, 3600)),
)

NOTIFY_SETTINGS: tuple[Setting, ...] = (
    Setting("name", Kind.TEXT, "", "the channel's name, for `--channel NAME` and the report lines (required)"),
    Setting(
        "type",
        Kind.CHOICE,
        "",
        "a WeCom, DingTalk or Feishu group robot, or e-mail through `smtp` (required)",
        choices=("wecom", "dingtalk", "feishu", "email"),
    ),
    Setting("for", Kind.NAMES, (), "only milestones of these units or leaders; none: all", attribute="units"),
    Setting("url_env", Kind.VARIABLE, "", "robots: the variable holding the webhook URL (required)"),
    Setting("secret_env", Kind.VARIABLE, "", "DingTalk, Feishu: the variable holding the signing secret"),
    Setting("keyword", Kind.TEXT, "", "DingTalk, Feishu keyword mode: the robot's keyword, put in every message"),
    Setting(
        "format",
        Kind.CHOICE,
        "markdown",
        "markdown (a card on Feishu) or plain text",
        choices=("markdown", "text"),
    ),
    Setting("to", Kind.ADDRESSES, (), "email: the addresses (none: smtp.to)"),
    Setting("mention", Kind.TRUE_FALSE, True, "@ the people of overdue milestones (their ids in `owners`)"),
    Setting("timeout", Kind.SECONDS, 10.0, "give up on a silent robot after this many seconds", bounds=(1, 3600)),
    Setting(
        "retries", Kind.WHOLE_NUMBER, 2, "tries again after a timeout or a 5xx answer, this many times", bounds=(0, 10)
    ),
    Setting("backoff", Kind.SECONDS, 2.0, "seconds before the first retry, doubled for each next one", bounds=(0, 600)),
)

SETTINGS_KEYS = tuple(s.key for s in SETTINGS)
SMTP_KEYS = tuple(s.key for s in SMTP_SETTINGS)
NOTIFY_KEYS = tuple(s.key for s in NOTIFY_SETTINGS)
OWNER_KEYS = ("email", "mobile", "wecom", "dingtalk", "feishu")


def settings_table() -> list[str]:
    """The README's table of settings, as Markdown rows (a test keeps the README equal to it)."""
    rows = ["| key | type | default | meaning |", "|---|---|---|---|"]
    for section, table in (("", SETTINGS), ("smtp.", SMTP_SETTINGS), ("notify[].", NOTIFY_SETTINGS)):
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
        raise PlanNotFoundError(FileMsg.SETTINGS_PROBLEMS, problems=broken.problem) from None
    fields = reader.mapping(node, SETTINGS_FILE, SETTINGS_KEYS) if reader.check_tags(node) else None
    if fields is None:
        raise PlanNotFoundError(FileMsg.SETTINGS_PROBLEMS, problems=Listed(tuple(problems), "; ", "；"))
    settings = PlanSettings(**_read_all(reader, fields, SETTINGS, ""))
    if problems:
        raise PlanNotFoundError(FileMsg.SETTINGS_PROBLEMS, problems=Listed(tuple(problems), "\n", "\n"))
    return settings


def _read_all(reader: NodeReader, fields: Fields, table: tuple[Setting, ...], where: str) -> dict[str, Any]:
    values = {s.field: _read(reader, fields, s, where) for s in table if s.kind is not Kind.PORT}
    for setting in table:  # a port's default depends on the security read before it
        if setting.kind is Kind.PORT:
            default_port = {"ssl": 465, "starttls": 587}.get(str(values.get("security")), 25)
            values[setting.field] = _bounded(reader, fields, setting, reader.integer(fields, setting.key, default_port))
    return values


def _read(reader: NodeReader, fields: Fields, setting: Setting, where: str) -> Any:
    key, default = setting.key, setting.default
    match setting.kind:
        case Kind.TEXT:
            return reader.text(fields, key) or default
        case Kind.WHOLE_NUMBER:
            assert isinstance(default, int)
            return _bounded(reader, fields, setting, reader.integer(fields, key, default))
        case Kind.SECONDS:
            assert isinstance(default, float)
            return float(_bounded(reader, fields, setting, reader.integer(fields, key, int(default))))
        case Kind.YEAR:
            year = reader.integer(fields, key, 0)
            if key not in fields or not 1900 <= year <= 2200:
                reader.problem(fields.get(key, fields.node), ProblemCode.BAD_YEAR)
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
        case Kind.NAMES:
            return reader.text_list(fields[key], f"{where}{key}") if key in fields else default
        case Kind.VARIABLE:
            return _variable(reader, fields, key, where)
        case Kind.CHANNELS:
            return _channels(reader, fields.get(key))
        case Kind.ASSIGN:
            return _assign(reader, fields.get(key))


def _bounded(reader: NodeReader, fields: Fields, setting: Setting, value: int) -> int:
    """The value when within the setting's bounds; else a problem (and the default, never used)."""
    low, high = setting.bounds or (-(2**63), 2**63)
    if low <= value <= high:
        return value
    reader.problem(fields[setting.key], ProblemCode.OUT_OF_RANGE, key=setting.key, low=low, high=high, value=value)
    return low


def _owners(reader: NodeReader, node: yaml.Node | None) -> dict[str, Owner]:
    if node is None or is_empty(node):
        return {}
    if not isinstance(node, yaml.MappingNode):
        reader.problem(node, ProblemCode.BAD_OWNERS)
        return {}
    owners = {}
    for key, value in node.value:
        name = str(key.value)
        if not isinstance(value, yaml.MappingNode):
            owners[name] = Owner(emails=reader.text_list(value, f"owners: {name}"))
            continue
        fields = reader.mapping(value, f"owners: {name}", OWNER_KEYS)
        if fields is None:
            continue
        ids = {k: reader.text(fields, k) or "" for k in OWNER_KEYS[1:]}
        for k, given in ids.items():
            pattern = _MOBILE if k == "mobile" else _USER_ID
            if given and not pattern.fullmatch(given):
                reader.problem(fields[k], ProblemCode.BAD_OWNER_ID, name=name, key=k, value=given)
                ids[k] = ""
        emails = reader.text_list(fields["email"], f"owners: {name}: email") if "email" in fields else ()
        owners[name] = Owner(emails=emails, **ids)
    return owners


def _assign(reader: NodeReader, node: yaml.Node | None) -> dict[str, Roles]:
    if node is None or is_empty(node):
        return {}
    if not isinstance(node, yaml.MappingNode):
        reader.problem(node, ProblemCode.BAD_ASSIGN)
        return {}
    assigned = {}
    for key, value in node.value:
        item_id = str(key.value)
        fields = reader.mapping(value, f"assign: {item_id}", ("lead", "co_units", "leader"))
        if fields is None:
            continue
        co_units = reader.unit_list(fields, "co_units", f"assign: {item_id}: co_units")
        lead, leader = reader.text(fields, "lead") or "", reader.text(fields, "leader") or ""
        assigned[item_id] = Roles(lead, co_units, leader)
    return assigned


_MOBILE = re.compile(r"\+?[0-9][0-9-]{4,19}")  # DingTalk also takes +86-138…
_USER_ID = re.compile(r"[A-Za-z0-9_.@:+-]{1,64}")
_VARIABLE = re.compile(r"[A-Z][A-Z0-9_]{0,63}")
_LITERAL_KEYS = ("url", "webhook", "secret", "key", "token", "access_token", "sign")


def _variable(reader: NodeReader, fields: Fields, key: str, where: str) -> str:
    """The name of an environment variable: a URL or a secret written here instead is refused."""
    value = reader.text(fields, key) or ""
    if value and not _VARIABLE.fullmatch(value):
        looks_secret = "://" in value or "=" in value or len(value) > 20 or value.startswith("SEC")
        code = ProblemCode.SECRET_AS_VARIABLE if looks_secret else ProblemCode.NOT_A_VARIABLE_NAME
        reader.problem(fields[key], code, where=where, key=key)
        return ""
    return value


def _channels(reader: NodeReader, node: yaml.Node | None) -> tuple[NotifyChannel, ...]:
    if node is None or is_empty(node):
        return ()
    if not isinstance(node, yaml.SequenceNode):
        reader.problem(node, ProblemCode.BAD_NOTIFY)
        return ()
    channels: list[NotifyChannel] = []
    for item in node.value:
        if isinstance(item, yaml.MappingNode):
            literal = [k for k, _ in item.value if isinstance(k.value, str) and k.value in _LITERAL_KEYS]
            for key_node in literal:
                reader.problem(key_node, ProblemCode.SECRET_KEY_IN_NOTIFY, key=key_node.value)
            item = yaml.MappingNode(
                item.tag, [(k, v) for k, v in item.value if k not in literal], item.start_mark, item.end_mark
            )
        fields = reader.mapping(item, "notify", NOTIFY_KEYS)
        if fields is None:
            continue
        channel = NotifyChannel(**_read_all(reader, fields, NOTIFY_SETTINGS, "notify: "))
        where = fields.node
        if not channel.name or not channel.type:
            reader.problem(where, ProblemCode.INCOMPLETE_CHANNEL)
            continue
        if any(c.name == channel.name for c in channels):
            reader.problem(fields["name"], ProblemCode.DUPLICATE_CHANNEL, name=channel.name)
        if channel.type != "email" and not channel.url_env:
            reader.problem(where, ProblemCode.ROBOT_WITHOUT_URL, name=channel.name, type=channel.type)
        if channel.type in ("wecom", "email") and channel.secret_env:
            reader.problem(
                fields["secret_env"], ProblemCode.UNSIGNED_CHANNEL_SECRET, name=channel.name, type=channel.type
            )
        channels.append(channel)
    return tuple(channels)


def _smtp(reader: NodeReader, node: yaml.Node | None) -> SmtpSettings:
    if node is None or is_empty(node):
        return SmtpSettings()
    if isinstance(node, yaml.MappingNode) and any(k.value == "password" for k, _ in node.value):
        reader.problem(node, ProblemCode.SMTP_PASSWORD)
        node = yaml.MappingNode(
            node.tag, [(k, v) for k, v in node.value if k.value != "password"], node.start_mark, node.end_mark
        )
    fields = reader.mapping(node, "smtp", SMTP_KEYS)
    if fields is None:
        return SmtpSettings()
    return SmtpSettings(**_read_all(reader, fields, SMTP_SETTINGS, "smtp: "))
