"""Reading returned progress forms (进展情况填报表): each row's answers checked for form, each
problem named with its cell (``K7``).

Reading accepts the .xlsx as written, as saved again by Excel, LibreOffice Calc or WPS, and the
sheet saved as .csv (UTF-8 or GB18030). The fingerprints and the sealed facts ``forms`` writes tell
a changed locked cell, an added row or another plan's form.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from workplan_cli.forms import (
    COLUMN_INDEX,
    COLUMNS,
    FINGERPRINT_PATTERN,
    FIRST_ROW,
    FORM_KIND,
    HEADER_ROW,
    LOCKED,
    SHEET_TITLE,
    FormFacts,
    cell_name,
    letter,
    short_digest,
)
from workplan_cli.i18n import FormMsg, Message, ProblemCode


@dataclass(frozen=True, slots=True)
class FormProblem:
    """Something wrong in a returned form, at a cell (``K7``) where one can be named."""

    cell: str
    message: Message

    def text(self, lang: str) -> str:
        message = self.message.text(lang)
        return f"{self.cell}: {message}" if self.cell else message


@dataclass(frozen=True, slots=True)
class FormRow:
    """One milestone's row as returned, with the unit's answers checked for form."""

    row: int
    milestone_id: str
    state: str  # the milestone's state when the form was made
    progress: str
    problems: str
    next: str
    percent: int | None
    done_request: date | None
    evidence: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        return not (self.progress or self.problems or self.next or self.evidence) and (
            self.percent is None and self.done_request is None
        )

    def cell(self, key: str) -> str:
        return cell_name(COLUMN_INDEX[key], self.row)


@dataclass
class ReturnedForm:
    path: Path
    facts: FormFacts | None
    rows: list[FormRow] = field(default_factory=list)
    problems: list[FormProblem] = field(default_factory=list)


def read_form(path: Path) -> ReturnedForm:
    """A returned form (.xlsx or .csv) with every problem of form found in it; nothing is decided here."""
    try:
        data = path.read_bytes()
    except OSError as err:
        return ReturnedForm(path, None, problems=[FormProblem("", Message(ProblemCode.CANNOT_READ, reason=err))])
    if path.suffix.lower() == ".csv":
        grid = _csv_grid(data)
    else:
        try:
            grid = _xlsx_grid(data)
        except Exception as err:  # openpyxl raises many kinds for a file that is not a workbook
            return ReturnedForm(
                path,
                None,
                problems=[FormProblem("", Message(FormMsg.NOT_A_SPREADSHEET, kind=type(err).__name__))],
            )
    return _parse(path, grid)


def _xlsx_grid(data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), data_only=True)
    sheet = book[SHEET_TITLE] if SHEET_TITLE in book.sheetnames else book.worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _csv_grid(data: bytes) -> list[list[Any]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""))]
    return []


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\r\n", "\n").strip()


def _get(grid: list[list[Any]], row: int, index: int) -> Any:
    values = grid[row - 1] if row - 1 < len(grid) else []
    return values[index] if index < len(values) else None


def _parse(path: Path, grid: list[list[Any]]) -> ReturnedForm:
    form = ReturnedForm(path, None)
    facts = _facts(_text(_get(grid, 1, len(COLUMNS) - 1)))
    if facts is None:
        form.problems.append(
            FormProblem(
                f"{letter(len(COLUMNS) - 1)}1",
                Message(FormMsg.NOT_A_FORM),
            )
        )
        return form
    form.facts = facts
    for index, column in enumerate(COLUMNS):
        if _text(_get(grid, HEADER_ROW, index)) != column.header:
            form.problems.append(_locked_changed(cell_name(index, HEADER_ROW), column.header))
    seen: dict[str, int] = {}
    for row in range(FIRST_ROW, len(grid) + 1):
        values = [_text(_get(grid, row, index)) for index in range(len(COLUMNS))]
        if not any(values):
            continue
        read = _row(form, row, values, grid)
        if read is None:
            continue
        if read.milestone_id in seen:
            form.problems.append(
                FormProblem(
                    cell_name(0, row),
                    Message(FormMsg.MILESTONE_TWICE, milestone_id=read.milestone_id, row=seen[read.milestone_id]),
                )
            )
            continue
        seen[read.milestone_id] = row
        form.rows.append(read)
    return form


def _facts(raw: str) -> FormFacts | None:
    try:
        body = json.loads(raw)
        facts = FormFacts(
            str(body["plan"]),
            int(body["year"]),
            str(body["unit"]),
            str(body["period"]),
            date.fromisoformat(body["made"]),
        )
    except (ValueError, KeyError, TypeError):
        return None
    return facts if body.get("form") == FORM_KIND and facts.seal() == raw else None


def _locked_changed(cell: str, was: str | None = None) -> FormProblem:
    shown = Message(FormMsg.IT_SHOWED, was=was) if was is not None else ""
    return FormProblem(cell, Message(FormMsg.LOCKED_CELL_CHANGED, shown=shown))


def _row(form: ReturnedForm, row: int, values: list[str], grid: list[list[Any]]) -> FormRow | None:
    milestone_id = values[0]
    m = FINGERPRINT_PATTERN.fullmatch(values[COLUMN_INDEX["fingerprint"]])
    if m is None:
        form.problems.append(
            FormProblem(
                cell_name(COLUMN_INDEX["fingerprint"], row),
                Message(FormMsg.ROW_WITHOUT_FINGERPRINT),
            )
        )
        return None
    for index, expected in zip(LOCKED, m[2].split("."), strict=True):
        if short_digest(milestone_id, index, values[index], size=4) != expected:
            form.problems.append(_locked_changed(cell_name(index, row)))
    percent = _percent(form, _get(grid, row, COLUMN_INDEX["percent"]), cell_name(COLUMN_INDEX["percent"], row))
    done_request = _day(
        form, _get(grid, row, COLUMN_INDEX["done_request"]), cell_name(COLUMN_INDEX["done_request"], row)
    )
    evidence = tuple(part.strip() for part in re.split(r"[\n;；、]", values[COLUMN_INDEX["evidence"]]) if part.strip())
    return FormRow(
        row,
        milestone_id,
        m[1],
        values[COLUMN_INDEX["progress"]],
        values[COLUMN_INDEX["problems"]],
        values[COLUMN_INDEX["next"]],
        percent,
        done_request,
        evidence,
    )


def _percent(form: ReturnedForm, value: Any, cell: str) -> int | None:
    text = _text(value).removesuffix("%").strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not number.is_integer() or not 0 <= number <= 100:
        form.problems.append(
            FormProblem(
                cell,
                Message(FormMsg.BAD_PERCENT, value=_text(value)),
            )
        )
        return None
    return int(number)


def _day(form: ReturnedForm, value: Any, cell: str) -> date | None:
    if value is None or _text(value) == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        return date(1899, 12, 30) + timedelta(days=int(value))  # a spreadsheet's day number
    text = _text(value)
    if m := re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text):
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    form.problems.append(
        FormProblem(
            cell,
            Message(FormMsg.REQUEST_DAY_NOT_A_DATE, text=text),
        )
    )
    return None
