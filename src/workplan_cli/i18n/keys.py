"""What every message key is, and the values a message's fields may take besides plain text.

Each area of the catalogue declares its own enum of keys next to its text (``labels.Msg``,
``files.FileMsg``, ``importing.ImportMsg``, …); all derive from ``MessageKey``,
so ``tr``, ``WorkplanError`` and mypy take any of them, and one area's keys are edited without
touching another's.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, runtime_checkable


class MessageKey(StrEnum):
    """The base of every key enum (it has no members of its own, so the areas can derive from it)."""


@runtime_checkable
class Localized(Protocol):
    """A field value that is said differently in each language (an error inside another, a reason)."""

    def text(self, lang: str) -> str: ...


@dataclass(frozen=True, slots=True)
class Phrase:
    """A field value known only at run time in both languages (a file kind, a platform's reason)."""

    english: str
    chinese: str

    def text(self, lang: str) -> str:
        return self.chinese if lang == "zh" else self.english


@dataclass(frozen=True, slots=True)
class Listed:
    """Names (or problems, errors) listed in a message: "a, b" in English, "a、b" in Chinese, unless
    other separators are given."""

    items: tuple[str | Localized, ...]
    english: str = ", "
    chinese: str = "、"

    def text(self, lang: str) -> str:
        words = [item if isinstance(item, str) else item.text(lang) for item in self.items]
        return (self.chinese if lang == "zh" else self.english).join(words)
