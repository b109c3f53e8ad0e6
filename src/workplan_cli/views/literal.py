"""Text from plan files is shown literally: no Rich markup, no terminal control sequences."""

from __future__ import annotations

import re

# C0/C1 control characters (but newline and tab) and the bidirectional overrides that can make
# text display differently from what it is ("Trojan Source").
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def literal(text: str) -> str:
    """Replace control characters with a visible escape: ESC becomes the four characters ``\\x1b``."""
    if text.isprintable():  # the common case, checked in C
        return text
    return _UNSAFE.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)


# A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """A CSV cell that a spreadsheet shows as the text it is: controls escaped, and a leading
    formula character neutralised with a single quote, as OWASP recommends."""
    shown = literal(text)
    return "'" + shown if shown.startswith(FORMULA_START) else shown


def json_text(dumped: str) -> str:
    """JSON as ``json.dumps(..., ensure_ascii=False)`` wrote it, with the C1 controls and bidi
    overrides it leaves raw written as \\u escapes too: the same value, nothing a terminal acts on."""
    if dumped.isprintable():
        return dumped
    return _UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", dumped)
