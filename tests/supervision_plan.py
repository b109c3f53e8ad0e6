"""A copy of the shipped plan with units assigned, as an office sets it up for the supervision cycle."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import SHIPPED_PLAN

# initiative file -> lines added after its `owner:` line
ROLES = {
    "1-": 'lead: 机构编制科\nleader: 王主任\n',
    "2-": 'lead: 改革科\nco_units: [法制科]\nleader: 张副主任\n',
    "3-": 'lead: 机构编制科\nleader: 王主任\n',
    "4-": 'lead: 监督检查科\nco_units: 法制科、机构编制科\nleader: 张副主任\n',
}  # fmt: skip
OWNERS = (
    "owners:\n"
    "  机构编制科: [bianzhi@example.gov.cn]\n"
    "  改革科: [gaige@example.gov.cn]\n"
    "  法制科: [fazhi@example.gov.cn]\n"
    "  监督检查科: [jiandu@example.gov.cn]\n"
)


def supervised_plan(target: Path) -> Path:
    """The shipped plan at ``target`` with a lead (and co-units) on every initiative and owners' contacts."""
    shutil.copytree(SHIPPED_PLAN, target)
    for path in sorted(target.glob("*-*.yaml")):
        roles = next(lines for prefix, lines in ROLES.items() if path.name.startswith(prefix))
        text = path.read_text(encoding="utf-8")
        assert "\nowner:" in text
        start = text.index("\nowner:") + 1
        end = text.index("\n", start) + 1
        path.write_text(text[:end] + roles + text[end:], encoding="utf-8")
    settings = target / "workplan.yaml"
    text = settings.read_text(encoding="utf-8")
    start = text.index("owners:")
    end = text.index("\n\n", start)
    settings.write_text(text[:start] + OWNERS.rstrip("\n") + text[end:], encoding="utf-8")
    return target
