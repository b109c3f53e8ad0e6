"""How well `workplan import` does on the real-report corpus (tests/samples/reports/real/).

Runs the importer over every ``NAME.txt`` and compares its accounting of dates with the hand-made
``NAME.truth.yaml`` (format: the folder's README). Prints, per report and in total: deadlines found
with the right date, found with a wrong date, false milestones (a date that is not a deadline made
one), deadlines left for a person, deadlines missed; and every other difference in the accounting.

    .venv/bin/python -m benchmarks.import_corpus [--verbose] [--corpus DIR]

``--corpus DIR`` compares the reports of another folder of the same format (held-out reports).

Matching tolerance (documented in the README): a truth mention and an import mention are the same
mention when they are on the same line and their spans overlap (``3月底前`` against ``于3月底前``).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from workplan_cli.deadlines import DeadlineError, resolve_deadline
from workplan_cli.errors import ReportImportError
from workplan_cli.import_drafts import DraftPlan, Mention
from workplan_cli.import_year import YearUnclearError
from workplan_cli.importer import parse_report
from workplan_cli.workcalendar import WorkCalendar

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "samples" / "reports" / "real"
DATED = ("deadline", "recurring")


@dataclass
class Figures:
    """One report's (or the corpus's) comparison with the truth."""

    truth_deadlines: int = 0
    right: int = 0
    wrong_date: int = 0
    false_milestones: int = 0
    needs_person: int = 0
    missed: int = 0
    recurring_truth: int = 0
    recurring_right: int = 0
    mentions_truth: int = 0
    mentions_import: int = 0
    unaccounted: int = 0  # import mentions without a fate: must stay 0
    year_right: bool = True
    year_note: str = ""
    differences: list[str] = field(default_factory=list)

    def add(self, other: Figures) -> None:
        for name in (
            "truth_deadlines",
            "right",
            "wrong_date",
            "false_milestones",
            "needs_person",
            "missed",
            "recurring_truth",
            "recurring_right",
            "mentions_truth",
            "mentions_import",
            "unaccounted",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def reports() -> list[str]:
    return sorted(p.name.removesuffix(".truth.yaml") for p in CORPUS.glob("*.truth.yaml"))


def load_truth(name: str) -> dict[str, Any]:
    truth: dict[str, Any] = yaml.safe_load((CORPUS / f"{name}.truth.yaml").read_text(encoding="utf-8"))
    return truth


def import_report(name: str, truth: dict[str, Any]) -> tuple[DraftPlan, YearUnclearError | None]:
    """The draft, and how the year was settled: import's own choice, or asked for (the refusal) and given."""
    text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    try:
        return parse_report(text, work_calendar=WorkCalendar()), None
    except YearUnclearError as refused:
        return parse_report(text, year=int(truth["year"]), work_calendar=WorkCalendar()), refused


def compare(name: str) -> Figures:
    truth = load_truth(name)
    try:
        draft, refusal = import_report(name, truth)
    except ReportImportError as refused:
        return _refused(truth, str(refused))
    lines = (CORPUS / f"{name}.txt").read_text(encoding="utf-8").removeprefix("\ufeff").splitlines()
    figures = Figures(mentions_import=len(draft.mentions))
    figures.unaccounted = sum(1 for m in draft.mentions if not m.fate)
    _compare_year(figures, truth, draft, refusal)
    unmatched = list(draft.mentions)
    claimed: dict[int, list[tuple[int, int]]] = {}
    for expected in truth.get("mentions") or []:
        figures.mentions_truth += 1
        line, text = int(expected["line"]), str(expected["text"])
        where = f"{name}.txt:{line}: {text}"
        col = _column(lines, line, text, claimed)
        found = next((m for m in unmatched if m.line == line and _overlaps(m, col, len(text))), None)
        if found is not None:
            unmatched.remove(found)
        _compare_mention(figures, where, expected, found)
    for extra in unmatched:
        where = f"{name}.txt:{extra.line}: {extra.text}"
        if extra.fate in DATED:
            figures.false_milestones += 1
            figures.differences.append(f"{where}: made a {extra.fate} milestone of a text the truth does not list")
        else:
            figures.differences.append(f"{where}: import lists a mention the truth does not ({extra.fate})")
    return figures


def _refused(truth: dict[str, Any], message: str) -> Figures:
    """A report import refused: each truth deadline is missed, and the refusal is the difference."""
    figures = Figures(year_right=False, year_note="import refused")
    for expected in truth.get("mentions") or []:
        figures.mentions_truth += 1
        figures.truth_deadlines += expected["fate"] == "deadline"
        figures.missed += expected["fate"] == "deadline"
        figures.recurring_truth += expected["fate"] == "recurring"
    figures.differences.append(f"import refused: {message}")
    return figures


def _column(lines: list[str], line: int, text: str, claimed: dict[int, list[tuple[int, int]]]) -> int:
    """Where the truth's text stands in its line: its first place not inside an earlier truth mention."""
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    taken = claimed.setdefault(line, [])
    col = source.find(text)
    while col != -1 and any(start < col + len(text) and col < end for start, end in taken):
        col = source.find(text, col + 1)
    if col != -1:
        taken.append((col, col + len(text)))
    return col


def _overlaps(mention: Mention, col: int, length: int) -> bool:
    return col != -1 and mention.col < col + length and col < mention.end


def _compare_year(figures: Figures, truth: dict[str, Any], draft: DraftPlan, refusal: YearUnclearError | None) -> None:
    """Asking is right when the refusal lists the truth's year among the candidates, or lists none
    because the text writes no year at all (the truth's year then comes from outside the text)."""
    if refusal is not None:
        year = int(truth["year"])
        written = any(str(year) in line for line in draft.lines)
        figures.year_right = year in refusal.candidates or (not refusal.candidates and not written)
        listed = ", ".join(str(y) for y in refusal.candidates) or "none; the text writes no year"
        figures.year_note = f"asked for --year (candidates: {listed})"
        if not figures.year_right:
            figures.differences.append(f"year: import asked for --year with candidates {listed}, truth {year}")
        return
    reason = str(truth.get("year_reason", ""))
    figures.year_right = draft.year == int(truth["year"]) and draft.year_reason in reason
    figures.year_note = f"{draft.year} from the {draft.year_reason}"
    if not figures.year_right:
        figures.differences.append(f"year: import {draft.year} ({draft.year_reason}), truth {truth['year']} ({reason})")


def _compare_mention(figures: Figures, where: str, expected: dict[str, Any], found: Mention | None) -> None:
    fate = expected["fate"]
    if fate == "deadline":
        figures.truth_deadlines += 1
    if fate == "recurring":
        figures.recurring_truth += 1
    if found is None:
        if fate == "deadline":
            figures.missed += 1
        figures.differences.append(f"{where}: not found by import (truth: {fate})")
        return
    if fate == "deadline":
        _compare_deadline(figures, where, expected, found)
        return
    if fate == "recurring":
        _compare_recurring(figures, where, expected, found)
        return
    if found.fate in DATED:
        figures.false_milestones += 1
        figures.differences.append(f"{where}: made a {found.fate} milestone; truth {fate} {expected.get('reason', '')}")
    elif found.fate != fate:
        figures.differences.append(f"{where}: truth {fate}, import {found.fate} ({_why(found)})")
    elif fate == "not-a-deadline" and found.reason != expected.get("reason"):
        figures.differences.append(f"{where}: reason: truth {expected.get('reason')}, import {found.reason}")


def _compare_recurring(figures: Figures, where: str, expected: dict[str, Any], found: Mention) -> None:
    """A cadence is right when import found it recurring with the cadence the truth's text names:
    the same period and the same due day in it (每季度第一个月的20日前 is not 每季度, due at quarter end)."""
    if found.fate != "recurring":
        figures.differences.append(f"{where}: truth recurring, import {found.fate} {_why(found)}".rstrip())
        return
    try:
        cadence = resolve_deadline(str(expected["text"]), int(expected.get("year") or 2000)).recurrence
    except DeadlineError as err:
        figures.differences.append(f"{where}: the grammar does not read the truth's cadence ({err.reason})")
        return
    wanted = (cadence.unit, cadence.day, cadence.month) if cadence else None
    got = (found.recurrence.unit, found.recurrence.day, found.recurrence.month) if found.recurrence else None
    if wanted != got:
        figures.differences.append(f"{where}: cadence: truth {wanted}, import {got} ({found.text})")
        return
    figures.recurring_right += 1


def _compare_deadline(figures: Figures, where: str, expected: dict[str, Any], found: Mention) -> None:
    if found.fate == "needs-person":
        figures.needs_person += 1
        figures.differences.append(f"{where}: left for a person ({_why(found)})")
        return
    if found.fate != "deadline":
        figures.missed += 1
        figures.differences.append(f"{where}: truth deadline, import {found.fate} ({_why(found)})")
        return
    due, start = _day(expected.get("date")), _day(expected.get("start"))
    if (found.due, found.start) != (due, start):
        figures.wrong_date += 1
        figures.differences.append(f"{where}: date: truth {start or ''}…{due}, import {found.start or ''}…{found.due}")
        return
    figures.right += 1
    if bool(expected.get("repaired")) != bool(found.repaired):
        repaired = bool(expected.get("repaired"))
        figures.differences.append(
            f"{where}: repaired: truth {repaired}, import {found.repaired.text('en') if found.repaired else False}"
        )
    owner = str(expected.get("owner") or "")
    if owner and owner != found.owner:
        figures.differences.append(f"{where}: owner: truth {owner}, import {found.owner or '(none)'}")


def _day(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


HEADER = f"{'report':46} {'truth':>5} {'right':>5} {'wrong':>5} {'false':>5} {'person':>6} {'missed':>6}  year"


def row(name: str, figures: Figures) -> str:
    return (
        f"{name:46} {figures.truth_deadlines:5} {figures.right:5} {figures.wrong_date:5} "
        f"{figures.false_milestones:5} {figures.needs_person:6} {figures.missed:6}  {figures.year_note}"
    )


def _why(mention: Mention) -> str:
    """A mention's reason as the differences print it: what a person must look at, else its code."""
    return mention.why.text("en") if mention.why else mention.reason


def main(argv: list[str]) -> int:
    global CORPUS
    verbose = "--verbose" in argv
    if "--corpus" in argv and argv.index("--corpus") + 1 < len(argv):
        CORPUS = Path(argv[argv.index("--corpus") + 1])
    total = Figures()
    print(HEADER)
    years_right = 0
    names = reports()
    for name in names:
        figures = compare(name)
        total.add(figures)
        years_right += figures.year_right
        print(row(name, figures))
        if verbose:
            for difference in figures.differences:
                print(f"    {difference}")
    total.year_note = f"{years_right}/{len(names)} right"
    print(row("TOTAL", total))
    print(
        f"deadlines: {total.truth_deadlines} in the truth, {total.right} found with the right date, "
        f"{total.wrong_date} with a wrong date, {total.needs_person} left for a person, {total.missed} missed; "
        f"{total.false_milestones} false milestones; recurring {total.recurring_right}/{total.recurring_truth}; "
        f"mentions: {total.mentions_truth} in the truth, {total.mentions_import} accounted for by import, "
        f"{total.unaccounted} without a fate"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
