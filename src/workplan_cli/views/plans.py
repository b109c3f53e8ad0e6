"""Several plans at once: one summary line per plan under the table (青羊  逾期 2 项，临期 1 项)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from rich.cells import cell_len
from rich.text import Text

from workplan_cli.i18n import TEXT
from workplan_cli.model import Status
from workplan_cli.schedule import Entry
from workplan_cli.views.literal import literal

_SHOWN = (Status.OVERDUE, Status.DUE, Status.UPCOMING, Status.ONGOING, Status.DONE)
_STYLE = {Status.OVERDUE: "red", Status.DUE: "yellow"}


def per_plan_lines(
    entries: Iterable[Entry], names: Sequence[str], failed: Mapping[str, str], lang: str = "en"
) -> list[Text]:
    """For each plan, in order, how many of its entries have each status; a plan that could not be
    loaded says so. ``entries`` carry ids prefixed with the plan's name (青羊:2.1.1)."""
    counted: dict[str, dict[Status, int]] = {name: dict.fromkeys(_SHOWN, 0) for name in names}
    for entry in entries:
        name = entry.milestone.id.partition(":")[0]
        if name in counted:
            counted[name][entry.status] += 1
    width = max((cell_len(name) for name in names), default=0)
    lines = []
    for name in names:
        line = Text(f"{literal(name)}{' ' * (width - cell_len(name))}  ", style="bold")
        if name in failed:
            line.append(
                f"未能读取：{literal(failed[name])}" if lang == "zh" else f"not loaded: {literal(failed[name])}"
            )
            line.stylize("red")
            lines.append(line)
            continue
        parts = [(status, n) for status, n in counted[name].items() if n] or [(Status.OVERDUE, 0)]
        for index, (status, n) in enumerate(parts):
            english, chinese = TEXT["summary.count"]
            label = TEXT[f"status.{status.value}"][1 if lang == "zh" else 0]
            said = (chinese if lang == "zh" else english).format(n=n, status=label)
            line.append(("，" if lang == "zh" else ", ") if index else "")
            line.append(said, style=_STYLE.get(status, ""))
        lines.append(line)
    return lines
