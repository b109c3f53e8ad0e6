"""Interface text in English and Chinese: one catalogue, split by area, and the function that reads it.

Every label, message and problem has a key in an enum (mypy checks each use, as jrnl's
``MsgText``) and one row in its area's ``TEXT`` with its English and Chinese; a test holds every
key to both languages and no two keys to the same text. Errors and problems carry a key and fields,
never sentences: ``EditRefusedError(FileMsg.CANNOT_LOCK, folder=…, reason=err)`` is worded in the run's
language only when it is shown. A table rather than gettext: the text is read at start-up for free
(no .mo file to compile, ship and locate), and a missing key is a type error.

The areas, each a module with its key enum beside its text: ``labels`` (views and command outcomes,
``Msg``), ``reports`` (the report documents, ``ReportMsg``), ``history`` (what `log` says, field
names, commit messages), ``problems`` (what is wrong in a plan
file, ``ProblemCode``: stable codes, listed in the README), ``files`` (reading, locking and writing
files, finding plans, ``FileMsg``), ``edits`` (refused edits of plan files, ``EditMsg``), ``usage``
(usage errors of commands, ``UsageMsg``), ``sending`` (e-mail, digests, robots, ``SendMsg``),
``git`` (``GitMsg``), ``forms`` (progress forms, ``FormMsg``), ``importing`` (the import of a
report, ``ImportMsg``). A field may be another key, an error, a ``Phrase`` or ``Listed`` names, or
an OSError: each is worded in the message's language.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from workplan_cli.i18n.keys import Listed, Localized, MessageKey, Phrase

if TYPE_CHECKING:
    from workplan_cli.i18n.edits import EditMsg
    from workplan_cli.i18n.files import FileMsg
    from workplan_cli.i18n.forms import FormMsg
    from workplan_cli.i18n.git import GitMsg
    from workplan_cli.i18n.history import ChangeKind, CommitMsg, FieldName
    from workplan_cli.i18n.importing import ImportMsg
    from workplan_cli.i18n.labels import Msg
    from workplan_cli.i18n.problems import ProblemCode, ProblemPart
    from workplan_cli.i18n.reports import ReportMsg
    from workplan_cli.i18n.sending import SendMsg
    from workplan_cli.i18n.usage import UsageMsg

    TEXT: dict[MessageKey, tuple[str, str]]  # the whole catalogue: built when first asked for

# Each area is imported when one of its enums is first asked for: a run that reads the plan and
# prints a table builds the enums of a few areas, not the 500 keys of all (start-up time counts).
_AREAS = {
    "EditMsg": "edits",
    "FileMsg": "files",
    "FormMsg": "forms",
    "GitMsg": "git",
    "ChangeKind": "history",
    "CommitMsg": "history",
    "FieldName": "history",
    "ImportMsg": "importing",
    "Msg": "labels",
    "ProblemCode": "problems",
    "ProblemPart": "problems",
    "ReportMsg": "reports",
    "SendMsg": "sending",
    "UsageMsg": "usage",
}
_ALL_AREAS = (
    "labels",
    "reports",
    "history",
    "problems",
    "files",
    "edits",
    "usage",
    "sending",
    "git",
    "forms",
    "importing",
)


def __getattr__(name: str) -> Any:
    import importlib

    if name in _AREAS:
        value = getattr(importlib.import_module(f"workplan_cli.i18n.{_AREAS[name]}"), name)
    elif name == "TEXT":  # the whole catalogue (key -> (English, Chinese)), for the tests that hold it
        value = {
            k: v for area in _ALL_AREAS for k, v in importlib.import_module(f"workplan_cli.i18n.{area}").TEXT.items()
        }
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


__all__ = [
    "LANGUAGES",
    "TEXT",
    "ChangeKind",
    "CommitMsg",
    "EditMsg",
    "FieldName",
    "FileMsg",
    "FormMsg",
    "GitMsg",
    "ImportMsg",
    "Listed",
    "Localized",
    "Message",
    "MessageKey",
    "Msg",
    "Phrase",
    "ProblemCode",
    "ProblemPart",
    "ReportMsg",
    "SendMsg",
    "UsageMsg",
    "os_reason",
    "os_reason_zh",
    "resolve_language",
    "tr",
]

LANGUAGES = ("zh", "en")


def resolve_language(override: str | None, env: Mapping[str, str], plan_language: str | None) -> str:
    """``--lang``, else $WORKPLAN_LANG, else the plan's ``language:``, else the locale, else English."""
    for candidate in (override, env.get("WORKPLAN_LANG"), plan_language):
        if candidate in LANGUAGES:
            return candidate
    locale = env.get("LC_ALL") or env.get("LC_MESSAGES") or env.get("LANG") or ""
    return "zh" if locale.startswith("zh") else "en"


def tr(key: MessageKey, lang: str, /, **fields: object) -> str:
    """The key's text in the language, its fields filled in: a field that is an error, a problem or a
    ``Phrase`` is worded in the same language, an OSError gives its reason in it."""
    table: dict[MessageKey, tuple[str, str]] = sys.modules[type(key).__module__].TEXT  # imported with its enum
    english, chinese = table[key]
    return (chinese if lang == "zh" else english).format(**{name: field(value, lang) for name, value in fields.items()})


class Message:
    """A key and its fields, worded when shown: a field of another message, or a line to print later."""

    __slots__ = ("fields", "key")

    def __init__(self, key: MessageKey, /, **fields: object) -> None:
        self.key = key
        self.fields = fields

    def text(self, lang: str) -> str:
        return tr(self.key, lang, **self.fields)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.key, self.fields) == (other.key, other.fields)

    def __repr__(self) -> str:
        return f"Message({self.key!r}, **{self.fields!r})"


_PLAIN = frozenset((str, int, float))


def field(value: object, lang: str) -> object:
    """One field's value as the message shows it in the language."""
    if type(value) in _PLAIN:  # most fields; checking a runtime Protocol costs microseconds a call
        return value
    if isinstance(value, MessageKey):
        return tr(value, lang)
    if isinstance(value, OSError):
        return os_reason(value, lang)
    if isinstance(value, Localized) and not isinstance(value, str):
        return value.text(lang)
    return value


# The operating system's reasons (strerror is English whatever the locale), by errno.
_OS_REASONS_ZH = {
    errno.ENOENT: "没有这个文件或文件夹",
    errno.EACCES: "没有权限",
    errno.EPERM: "不允许此操作",
    errno.EISDIR: "这是文件夹",
    errno.ENOTDIR: "不是文件夹",
    errno.ENOSPC: "磁盘已满",
    errno.EROFS: "只读文件系统",
    errno.EEXIST: "已经存在",
    errno.EPIPE: "管道已关闭",
    errno.ENOTEMPTY: "文件夹不是空的",
    errno.ECONNREFUSED: "连接被拒绝",
    errno.ETIMEDOUT: "连接超时",
    errno.EHOSTUNREACH: "无法到达主机",
}


def os_reason_zh(err: OSError) -> str:
    """Why an operation on a file or connection failed, in Chinese (the errno's name when not known)."""
    if err.errno in _OS_REASONS_ZH:
        return _OS_REASONS_ZH[err.errno]
    return f"系统错误 {errno.errorcode.get(err.errno or 0, err.errno)}"


def os_reason(err: OSError, lang: str) -> str:
    """Why an operation failed, in the language (the system's own words in English)."""
    return os_reason_zh(err) if lang == "zh" else str(err.strerror)
