"""A report as Markdown: headings, paragraphs and pipe tables, with file text escaped."""

from __future__ import annotations

import re

from workplan_cli.views.literal import literal
from workplan_cli.views.report_blocks import Block, DateLine, Heading, Paragraph, Subtitle, Table, Title

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def escape(text: str) -> str:
    """File text shown as itself: no emphasis, links, HTML or table breaks; one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(literal(text).split()))


def render_markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Title):
            out += [f"# {escape(block.text)}", ""]
        elif isinstance(block, Subtitle):
            out += [escape(block.text), ""]
        elif isinstance(block, Heading):
            out += [f"{'#' * (block.level + 1)} {escape(block.text)}", ""]
        elif isinstance(block, Paragraph):
            lead = f"**{escape(block.lead.strip())}** " if block.lead else ""
            out += [lead + escape(block.text), ""]
        elif isinstance(block, Table):
            out.append("| " + " | ".join(escape(c) for c in block.columns) + " |")
            out.append("|" + "|".join("---:" if i in block.numeric else "---" for i in range(len(block.columns))) + "|")
            out += ["| " + " | ".join(escape(c) for c in row) + " |" for row in block.rows]
            out.append("")
        elif isinstance(block, DateLine):
            out += [f'<p align="right">{escape(block.text)}</p>', ""]
    return "\n".join(out).rstrip() + "\n"
