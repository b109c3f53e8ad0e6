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
from workplan_cli.i18n import ImportMsg
from workplan_cli.import_drafts import DraftPlan, Mention
from workplan_cli.import_update import UpdateReport

_FATE_TEXT = {
    "deadline": ("deadline {due}", "完成时限 {due}"),
    "range": ("deadline {start}…{due}", "完成时限 {start}至{due}"),
    "recurring": ("recurring", "周期性时限"),
    "not-a-deadline": ("not a deadline: {reason}", "不是完成时限：{reason_zh}"),
    "needs-person": ("needs a person: {reason}", "需人工确认：{reason_zh}"),
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
        zh = lang == "zh"
        if zh:
            lines = [
                f"已写入 {self.folder}：{len(self.draft.initiatives)} 项重点工作，{len(milestones)} 个节点"
                f"（{dated} 个有完成时限），计划年度 {self.draft.year}"
            ]
        else:
            lines = [
                f"wrote {self.folder}: {len(self.draft.initiatives)} initiatives, {len(milestones)} milestones "
                f"({dated} with a deadline), plan year {self.draft.year}"
            ]
        lines += self.accounting(lang)
        changes = self.changes
        if changes is None:
            return lines + [("已删除 " if zh else "removed ") + str(path) for path in self.removed]
        updates = [f"added: {item}" for item in changes.added] + [f"changed: {item}" for item in changes.changed]
        updates += [f"removed: {item}" for item in changes.removed]
        updates += [f"kept done dates, notes and owners of: {', '.join(changes.kept)}"] if changes.kept else []
        return lines + (updates or ["no changes"])

    def accounting(self, lang: str = "en") -> list[str]:
        """Which year was used and why, and where every date of the report went."""
        draft = self.draft
        counts = draft.counts()
        total = len(draft.mentions)
        if lang == "zh":
            reason = _YEAR_REASON_ZH.get(draft.year_reason, draft.year_reason)
            return [
                f"计划年度 {draft.year}（依据：{reason}）",
                f"日期 {total} 处：完成时限 {counts['deadline']}，周期性 {counts['recurring']}，"
                f"不是完成时限 {counts['not-a-deadline']}，需人工确认 {counts['needs-person']}",
            ]
        return [
            f"plan year {draft.year} (from the {draft.year_reason})",
            f"dates: {total} found: {counts['deadline']} deadlines, {counts['recurring']} recurring, "
            f"{counts['not-a-deadline']} not deadlines, {counts['needs-person']} need a person",
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


_YEAR_REASON_ZH = {
    "title": "标题",
    "name of the attached plan": "印发的方案名称",
    "own document number": "本文件文号",
    "attachment title": "附件标题",
    "--year": "--year 参数",
}


def _fate_text(mention: Mention, lang: str) -> str:
    from workplan_cli.import_drafts import REASONS_ZH

    key = "range" if mention.fate == "deadline" and mention.start else mention.fate
    english, chinese = _FATE_TEXT[key]
    text = (chinese if lang == "zh" else english).format(
        due=mention.due,
        start=mention.start,
        reason=mention.reason,
        reason_zh=REASONS_ZH.get(mention.reason, mention.reason_zh or mention.reason),
    )
    if mention.milestone:
        text += f"  [{mention.milestone}]"
    if mention.owner:
        text += f"  {mention.owner}"
    if mention.repaired:
        text += f"  （已修复：{mention.repaired_zh}）" if lang == "zh" else f"  (repaired: {mention.repaired})"
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
