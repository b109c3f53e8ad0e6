"""Writing YAML text by hand, so that plan files stay readable and edits stay minimal.

PyYAML's emitter re-flows and re-quotes a whole document; plan files are edited by people and
merged by git, so new text is written here one scalar or one file at a time, in a fixed style.
"""

from __future__ import annotations

import json
import re

import yaml

_PLAIN_UNSAFE_START = tuple("-?:,[]{}#&*!|>'\"%@`~ ")


def scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain where that reads back as the same string, else double-quoted.

    Double quotes use JSON's escapes (a subset of YAML's), so control characters and newlines
    survive as ``\\u001b`` / ``\\n`` instead of breaking the file.
    """
    if value and _reads_back_plain(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _reads_back_plain(value: str) -> bool:
    if value.startswith(_PLAIN_UNSAFE_START) or value != value.strip():
        return False
    if ": " in value or " #" in value or value.endswith(":") or re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", value):
        return False
    try:
        return bool(yaml.safe_load(f"k: {value}\n") == {"k": value})
    except yaml.YAMLError:
        return False


def quoted(value: str) -> str:
    """Always double-quoted: for ids, which YAML would otherwise read as numbers (1.10 -> 1.1)."""
    return json.dumps(value, ensure_ascii=False)


def block(value: str, indent: str) -> str:
    """A literal block (``|-``) when the text allows it, else a quoted scalar."""
    if value and "\n" not in value.rstrip("\n") and _reads_back_plain(value):
        return f"|-\n{indent}{value}"
    if value and not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", value) and value == value.strip():
        lines = value.split("\n")
        return "|-\n" + "\n".join(f"{indent}{line}" if line else "" for line in lines)
    return quoted(value)
