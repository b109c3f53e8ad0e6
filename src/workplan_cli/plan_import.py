"""Importing a report into a plan folder: read it, refuse to overwrite a plan unless asked, write the
files, and say what changed. The parsing itself is ``importer``; the writing is ``planfolder``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from workplan_cli.errors import ReportImportError
from workplan_cli.importer import DraftPlan, UpdateReport


@dataclass
class ImportReport:
    """What an import did: the draft read from the report, and what was written to the folder."""

    draft: DraftPlan
    folder: Path
    written: bool = False  # False for a dry run
    changes: UpdateReport | None = None  # with --update over an existing plan
    removed: list[Path] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The summary printed after writing."""
        milestones = [m for i in self.draft.initiatives for m in i.milestones]
        lines = [
            f"wrote {self.folder}: {len(self.draft.initiatives)} initiatives, {len(milestones)} milestones "
            f"({sum(1 for m in milestones if m.phrase)} with a deadline), plan year {self.draft.year}"
        ]
        changes = self.changes
        if changes is None:
            return lines + [f"removed {path}" for path in self.removed]
        updates = [f"added: {item}" for item in changes.added] + [f"changed: {item}" for item in changes.changed]
        updates += [f"removed: {item}" for item in changes.removed]
        updates += [f"kept done dates, notes and owners of: {', '.join(changes.kept)}"] if changes.kept else []
        return lines + (updates or ["no changes"])


def import_into(report: Path, out: Path, *, year: int | None, dry_run: bool, force: bool, update: bool) -> ImportReport:
    """Read ``report`` and, unless ``dry_run``, write its plan into ``out``.

    A folder that already holds a plan is replaced only with ``force``, or re-imported with
    ``update`` (keeping done dates, notes and owners of unchanged milestones).
    """
    from workplan_cli.importer import carry_over, parse_report, plan_files
    from workplan_cli.planfiles import load_plan
    from workplan_cli.planfolder import holds_a_plan, write_plan
    from workplan_cli.reportfiles import read_report
    from workplan_cli.workcalendar import WorkCalendar

    text, _ = read_report(report)
    result = ImportReport(parse_report(text, year=year, work_calendar=WorkCalendar()), out)
    if dry_run:
        return result
    existing = holds_a_plan(out)
    if existing and not (force or update):
        raise ReportImportError(
            f"{out} already holds a plan; use --update to re-import keeping done dates, notes "
            "and owners, or --force to replace it"
        )
    result.changes = carry_over(result.draft, load_plan(out)) if update and existing else None
    files = plan_files(result.draft, with_settings=result.changes is None)
    result.removed = write_plan(out, files, remove_others=force or update)
    result.written = True
    return result
