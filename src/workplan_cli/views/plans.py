"""Several plans at once: one summary line per plan under the table (青羊  逾期 2 项，临期 1 项)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text

from workplan_cli.i18n import Localized, Msg, tr
from workplan_cli.i18n.labels import TEXT
from workplan_cli.model import Status
from workplan_cli.schedule import Entry
from workplan_cli.views.literal import literal

if TYPE_CHECKING:
    from workplan_cli.workspace import PullReport

_SHOWN = (Status.OVERDUE, Status.DUE, Status.UPCOMING, Status.ONGOING, Status.DONE)
_STYLE = {Status.OVERDUE: "red", Status.DUE: "yellow"}


def plan_name(entry: Entry) -> str:
    """The plan an entry of several plans belongs to: its ids are prefixed with the plan's name (青羊:2.1.1)."""
    return entry.milestone.id.partition(":")[0]


def per_plan_lines(
    entries: Iterable[Entry], names: Sequence[str], failed: Mapping[str, Localized], lang: str = "en"
) -> list[Text]:
    """For each plan, in order, how many of its entries have each status; a plan that could not be
    loaded says so. ``entries`` carry ids prefixed with the plan's name (青羊:2.1.1)."""
    counted: dict[str, dict[Status, int]] = {name: dict.fromkeys(_SHOWN, 0) for name in names}
    for entry in entries:
        name = plan_name(entry)
        if name in counted:
            counted[name][entry.status] += 1
    width = max((cell_len(name) for name in names), default=0)
    lines = []
    for name in names:
        line = Text(f"{literal(name)}{' ' * (width - cell_len(name))}  ", style="bold")
        if name in failed:
            line.append(tr(Msg.PLANS_NOT_LOADED, lang, why=literal(failed[name].text(lang))))
            line.stylize("red")
            lines.append(line)
            continue
        parts = [(status, n) for status, n in counted[name].items() if n] or [(Status.OVERDUE, 0)]
        for index, (status, n) in enumerate(parts):
            english, chinese = TEXT[Msg.SUMMARY_COUNT]
            label = TEXT[Msg(f"status.{status.value}")][1 if lang == "zh" else 0]
            said = (chinese if lang == "zh" else english).format(n=n, status=label)
            line.append(("，" if lang == "zh" else ", ") if index else "")
            line.append(said, style=_STYLE.get(status, ""))
        lines.append(line)
    return lines


def pull_lines(reports: Iterable[PullReport], lang: str = "en") -> list[Text]:
    """`workplan pull`: one line per plan, what happened to it (and git's words when it failed)."""
    lines = []
    for report in reports:
        line = Text(f"{literal(report.name)}  {tr(Msg(f'pull.{report.what}'), lang)}")
        line.stylize("red" if report.what == "failed" else "green" if report.what in ("cloned", "updated") else "")
        line.append(f"  {literal(report.detail)}" if report.detail else "")
        line.append(f"  ({literal(str(report.folder))})", style="dim")
        lines.append(line)
    return lines
