"""Importing a report into a plan folder: read it, refuse to overwrite a plan unless asked, write the
files, and say what changed. The parsing itself is ``importer``; the writing is ``planfolder``.
"""

from __future__ import annotations

import contextlib
import os
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from workplan_cli.errors import ReportImportError
from workplan_cli.i18n import FieldName, ImportMsg, Listed, Phrase, tr
from workplan_cli.import_drafts import DraftPlan, Mention
from workplan_cli.import_update import UpdateReport

_YEAR_REASONS = {
    "title": FieldName.TITLE,  # the same word as the field
    "name of the attached plan": ImportMsg.YEAR_FROM_ISSUED_NAME,
    "own document number": ImportMsg.YEAR_FROM_OWN_NUMBER,
    "attachment title": ImportMsg.YEAR_FROM_ATTACHMENT,
    "--year": ImportMsg.YEAR_FROM_OPTION,
}


@dataclass
class ImportReport:
    """What an import did: the draft read from the report, and what was written to the folder."""

    draft: DraftPlan
    folder: Path
    written: bool = False  # False for a dry run
    changes: UpdateReport | None = None  # with --update over an existing plan
    removed: list[Path] = field(default_factory=list)

    def lines(self, lang: str = "en") -> list[str]:
        """The summary printed after writing."""
        milestones = [m for i in self.draft.initiatives for m in i.milestones]
        dated = sum(1 for m in milestones if m.phrase)
        lines = [
            tr(
                ImportMsg.WROTE,
                lang,
                folder=self.folder,
                initiatives=len(self.draft.initiatives),
                milestones=len(milestones),
                dated=dated,
                year=self.draft.year,
            ),
            *self.accounting(lang),
        ]
        changes = self.changes
        if changes is None:
            return lines + [tr(ImportMsg.REMOVED_FILE, lang, path=path) for path in self.removed]
        updates = [tr(ImportMsg.UPDATE_ADDED, lang, item=item) for item in changes.added]
        updates += [tr(ImportMsg.UPDATE_CHANGED, lang, item=item) for item in changes.changed]
        updates += [tr(ImportMsg.UPDATE_REMOVED, lang, item=item) for item in changes.removed]
        if changes.kept:
            updates.append(tr(ImportMsg.UPDATE_KEPT, lang, ids=Listed(tuple(changes.kept))))
        return lines + (updates or [tr(ImportMsg.UPDATE_NONE, lang)])

    def accounting(self, lang: str = "en") -> list[str]:
        """Which year was used and why, and where every date of the report went."""
        draft = self.draft
        counts = draft.counts()
        reason = _YEAR_REASONS.get(draft.year_reason, draft.year_reason)
        return [
            tr(ImportMsg.PLAN_YEAR, lang, year=draft.year, reason=reason),
            tr(
                ImportMsg.DATES,
                lang,
                total=len(draft.mentions),
                deadlines=counts["deadline"],
                recurring=counts["recurring"],
                others=counts["not-a-deadline"],
                persons=counts["needs-person"],
            ),
        ]

    def explain(self, lang: str = "en") -> list[str]:
        """The report, line by line, each date mention marked ⟦…⟧ and its fate given below the line."""
        by_line: dict[int, list[Mention]] = {}
        for mention in self.draft.mentions:
            by_line.setdefault(mention.line, []).append(mention)
        out: list[str] = []
        for number, line in enumerate(self.draft.lines, 1):
            if not line.strip():
                continue
            marked = line
            for mention in sorted(by_line.get(number, []), key=lambda m: m.col, reverse=True):
                marked = f"{marked[: mention.col]}⟦{mention.text}⟧{marked[mention.end :]}"
            out.append(f"{number:4}  {marked.strip()}")
            for mention in by_line.get(number, []):
                out.append(f"        ⟦{mention.text}⟧ → {_fate_text(mention, lang)}")
        return [*out, "", *self.accounting(lang)]


def _fate_text(mention: Mention, lang: str) -> str:
    from workplan_cli.import_drafts import REASONS

    reason = mention.why or REASONS.get(mention.reason) or Phrase(mention.reason, mention.reason)
    if mention.fate == "deadline":
        key = ImportMsg.FATE_RANGE if mention.start else ImportMsg.FATE_DEADLINE
        text = tr(key, lang, due=mention.due, start=mention.start)
    elif mention.fate == "recurring":
        text = tr(ImportMsg.FATE_RECURRING, lang)
    elif mention.fate == "not-a-deadline":
        text = tr(ImportMsg.FATE_NOT_A_DEADLINE, lang, reason=reason)
    else:
        text = tr(ImportMsg.FATE_NEEDS_PERSON, lang, reason=reason)
    if mention.milestone:
        text += f"  [{mention.milestone}]"
    if mention.owner:
        text += f"  {mention.owner}"
    if mention.repaired:
        text += tr(ImportMsg.FATE_REPAIRED, lang, note=mention.repaired)
    return text


def import_into(report: Path, out: Path, *, year: int | None, dry_run: bool, force: bool, update: bool) -> ImportReport:
    """Read ``report`` and, unless ``dry_run``, write its plan into ``out``.

    A folder that already holds a plan is replaced only with ``force``, or re-imported with
    ``update`` (keeping done dates, notes and owners of unchanged milestones). The plan is written
    whole or not at all (see :func:`planfolder.write_plan`).
    """
    from workplan_cli.import_drafts import plan_files
    from workplan_cli.import_update import carry_over
    from workplan_cli.import_year import YearUnclearError
    from workplan_cli.importer import parse_report
    from workplan_cli.planfiles import load_plan
    from workplan_cli.planfolder import holds_a_plan, write_plan
    from workplan_cli.reportfiles import read_report
    from workplan_cli.workcalendar import WorkCalendar

    if not dry_run:
        check_out_folder(out)
    text, _ = read_report(report)
    try:
        draft = parse_report(text, year=year, work_calendar=WorkCalendar())
    except YearUnclearError as unclear:
        if len(unclear.candidates) != 1:
            raise
        # The command to run, so a first import that stops here is one paste from done.
        flags = ["--dry-run"] if dry_run else ["--out", str(out)]
        flags += ["--force"] * force + ["--update"] * update + ["--year", str(unclear.candidates[0])]
        command = shlex.join(["workplan", "import", str(report), *flags])
        raise ReportImportError(ImportMsg.THEN_RUN, refusal=unclear, command=command) from None
    result = ImportReport(draft, out)
    if dry_run:
        return result
    from workplan_cli.safewrite import plan_lock

    # Under the lock `done` and `note` take, from reading the plan there to writing the new one: a
    # date recorded meanwhile is either read (and carried over) or waits until the import is done.
    with plan_lock(out) if out.is_dir() else contextlib.nullcontext():
        existing = holds_a_plan(out)
        if existing and not (force or update):
            raise ReportImportError(ImportMsg.HOLDS_A_PLAN, out=out)
        result.changes = carry_over(result.draft, load_plan(out)) if update and existing else None
        files = plan_files(result.draft, with_settings=result.changes is None)
        result.removed = write_plan(out, files, remove_others=force or update, refusal=ReportImportError)
    result.written = True
    return result


def check_out_folder(out: Path) -> None:
    """``--out`` must be a folder (or not exist yet) that we can write in: say so before reading anything."""
    if out.exists() and not out.is_dir():
        raise ReportImportError(ImportMsg.OUT_IS_A_FILE, out=out)
    existing = out
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    # The mode bits too: root may write anywhere, but a folder marked read-only is a "no".
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK) or not existing.stat().st_mode & 0o222:
        raise ReportImportError(ImportMsg.OUT_NOT_WRITABLE, out=out, folder=existing)
