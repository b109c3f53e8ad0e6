"""Progress forms (进展情况填报表): one spreadsheet per unit and period, written (reading them back
is ``formreading``).

A form shows a unit its open milestones in locked cells and leaves white cells for 进展情况, 存在问题,
下步打算, 完成进度, 申请销号日期 and 佐证材料. Each row carries the milestone id and, in a hidden
column, a fingerprint of what the row showed: a hash of the milestone's state when the form was
made (to spot a milestone that changed since) and a short hash of every locked cell (to name a cell
that was changed). The form's own facts (plan, unit, period) sit in the hidden column's first cell,
sealed by a hash. This guards against mistakes and stray edits, not against forgery: sheet
protection has no password, and units are trusted colleagues.

Text from plan files never becomes a formula in a form.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from workplan_cli.i18n import FormMsg
from workplan_cli.model import Note, PlanSettings, Status
from workplan_cli.periods import Period
from workplan_cli.schedule import Entry
from workplan_cli.supervision import role_of

FORM_KIND = "workplan-progress-form/1"
SHEET_TITLE = "进展情况填报表"
HEADER_ROW = 4
FIRST_ROW = 5  # the first milestone row


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    width: int  # in characters of Latin width; a Chinese character takes two
    locked: bool


COLUMNS = (
    Column("id", "编号", 9, True),
    Column("initiative", "重点工作", 18, True),
    Column("task", "具体任务", 36, True),
    Column("deadline", "完成时限", 14, True),
    Column("status", "当前状态", 10, True),
    Column("role", "本单位职责", 8, True),
    Column("last", "上次报送进展", 24, True),
    Column("progress", "进展情况", 34, False),
    Column("problems", "存在问题", 22, False),
    Column("next", "下步打算", 22, False),
    Column("percent", "完成进度（%）", 9, False),
    Column("done_request", "申请销号日期", 13, False),
    Column("evidence", "佐证材料", 20, False),
    Column("fingerprint", "校验码（请勿修改）", 10, True),
)
LOCKED = tuple(i for i, column in enumerate(COLUMNS) if column.locked and column.key != "fingerprint")
COLUMN_INDEX = {column.key: i for i, column in enumerate(COLUMNS)}
STATUS_TEXT = {
    Status.OVERDUE: "逾期",
    Status.DUE: "临期",
    Status.UPCOMING: "正常推进",
    Status.ONGOING: "持续推进",
    Status.DONE: "已完成",
}
FINGERPRINT_PATTERN = re.compile(rf"([0-9a-f]{{10}}):((?:[0-9a-f]{{4}}\.){{{len(LOCKED) - 1}}}[0-9a-f]{{4}})")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # what a spreadsheet cell cannot hold


def letter(index: int) -> str:
    """The column letter of a 0-based column index (A … N)."""
    return chr(ord("A") + index)


def cell_name(index: int, row: int) -> str:
    return f"{letter(index)}{row}"


def short_digest(*parts: object, size: int) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:size]


def cell_text(value: str) -> str:
    """File text as a cell shows it: control characters spelled out (a cell cannot hold them)."""
    return _ILLEGAL.sub(lambda m: f"\\x{ord(m[0]):02x}", value)


def milestone_state(entry: Entry) -> str:
    """What must not change between making a form and reading it back: the task, deadline and done date."""
    milestone = entry.milestone
    return short_digest(milestone.id, milestone.task, milestone.phrase or "", milestone.done or "", size=10)


def _last_report(notes: Sequence[Note]) -> str:
    entries = [note for note in notes if note.is_entry]
    if not entries:
        return ""
    note = max(reversed(entries), key=lambda n: n.on)
    percent = f"（{note.percent}%）" if note.percent is not None else ""
    who = f"{note.period} {note.by}：" if note.period or note.by else ""
    return f"{who}{note.progress or note.text}{percent}"


def shown_cells(entry: Entry, unit: str) -> tuple[str, ...]:
    """The locked cells of a milestone's row, as text."""
    milestone = entry.milestone
    due = f"\n{entry.due.isoformat()}" if entry.due else ""
    status = STATUS_TEXT[entry.status]
    if milestone.done_requested is not None:
        status += f"\n已申请销号 {milestone.done_requested.isoformat()}"
    values = (
        milestone.id,
        f"{entry.initiative.id} {entry.initiative.title}",
        milestone.task,
        f"{milestone.phrase or '持续推进'}{due}",
        status,
        role_of(entry, unit),
        _last_report(milestone.notes),
    )
    return tuple(cell_text(value) for value in values)


def fingerprint(milestone_id: str, state: str, shown: Sequence[str]) -> str:
    """``state:h1.h2…``: the milestone's state, then a short hash of each locked cell as shown."""
    cells = ".".join(
        short_digest(milestone_id, index, value, size=4) for index, value in zip(LOCKED, shown, strict=True)
    )
    return f"{state}:{cells}"


@dataclass(frozen=True, slots=True)
class FormFacts:
    """Which plan, unit and period a form is for, and when it was made."""

    plan: str
    year: int
    unit: str
    period: str
    made: date

    def seal(self) -> str:
        body = {"form": FORM_KIND, "plan": self.plan, "year": self.year, "unit": self.unit, "period": self.period}
        body |= {"made": self.made.isoformat()}
        return json.dumps(body | {"seal": short_digest(*body.values(), size=12)}, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# Writing


def form_file_name(unit: str, period: Period) -> str:
    """``2024-06-改革科.xlsx``; characters a file system refuses become _."""
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", unit).strip(". ") or "_"
    return f"{period.label}-{safe}.xlsx"


def _display_width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _lines_needed(text: str, width: int) -> int:
    return sum(max(1, math.ceil(_display_width(line) / max(width - 1, 1))) for line in text.split("\n"))


def write_form(settings: PlanSettings, unit: str, period: Period, entries: Sequence[Entry], today: date) -> bytes:
    """The .xlsx form for one unit: its milestones (``entries``), locked where it must not write."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.properties import PageSetupProperties

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET_TITLE
    last = letter(len(COLUMNS) - 2)  # the visible part ends before the fingerprint column
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    grey = PatternFill("solid", fgColor="EDEDED")
    wrap = Alignment(wrap_text=True, vertical="top")

    facts = FormFacts(settings.title, settings.year, unit, period.label, today)
    heading = [
        (f"{cell_text(settings.title)} 进展情况填报表（{period.label}）", Font(bold=True, size=14), 30),
        (f"填报单位：{cell_text(unit)}　　报送期次：{period.label}（{period.start} 至 {period.end}）"
         f"　　制表日期：{today}", Font(size=11), 20),
        ("请只在白色单元格填写；灰色单元格已锁定，改动会使本表被退回。完成进度填 0–100 的整数；申请销号请填完成日期"
         "（YYYY-MM-DD），并在佐证材料中列出文件名或链接。不要增删行、列。", Font(size=9, color="595959"), 30),
    ]  # fmt: skip
    for row, (value, font, height) in enumerate(heading, 1):
        sheet.cell(row, 1, value).font = font
        sheet.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="center")
        sheet.merge_cells(f"A{row}:{last}{row}")
        sheet.row_dimensions[row].height = height
    sheet.cell(1, len(COLUMNS), facts.seal())

    for index, column in enumerate(COLUMNS):
        cell = sheet.cell(HEADER_ROW, index + 1, column.header)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9D9D9")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        sheet.column_dimensions[letter(index)].width = column.width
    sheet.row_dimensions[HEADER_ROW].height = 30

    for offset, entry in enumerate(entries):
        row = FIRST_ROW + offset
        shown = shown_cells(entry, unit)
        values = [*shown, *([""] * 6), fingerprint(entry.milestone.id, milestone_state(entry), shown)]
        for index, (column, value) in enumerate(zip(COLUMNS, values, strict=True)):
            target = sheet.cell(row, index + 1)
            if value:
                target.value = value
                target.data_type = "s"  # text, even when it starts with "=": never a formula
            target.alignment = wrap
            target.border = border
            target.protection = Protection(locked=column.locked)
            if column.locked:
                target.fill = grey
        sheet.cell(row, COLUMN_INDEX["done_request"] + 1).number_format = "yyyy-mm-dd"
        sheet.cell(row, COLUMN_INDEX["percent"] + 1).number_format = "0"
        lines = max(_lines_needed(value, COLUMNS[i].width) for i, value in enumerate(shown))
        sheet.row_dimensions[row].height = max(15 * lines + 6, 75)  # room to write as well as to read

    end = FIRST_ROW + max(len(entries), 1) - 1
    percent = DataValidation(type="whole", operator="between", formula1="0", formula2="100", allow_blank=True)
    percent.error, percent.errorTitle = "完成进度请填 0 到 100 之间的整数。", "完成进度"
    percent.prompt, percent.promptTitle = "0–100 的整数", "完成进度（%）"
    day = DataValidation(
        type="date",
        operator="between",
        formula1=f"DATE({settings.year},1,1)",
        formula2=f"DATE({settings.year + 1},12,31)",
        allow_blank=True,
    )
    day.error, day.errorTitle = "请填日期，格式 YYYY-MM-DD。", "申请销号日期"
    day.prompt, day.promptTitle = "完成日期，YYYY-MM-DD", "申请销号日期"
    for validation, key in ((percent, "percent"), (day, "done_request")):
        validation.showErrorMessage = validation.showInputMessage = True
        sheet.add_data_validation(validation)
        validation.add(f"{letter(COLUMN_INDEX[key])}{FIRST_ROW}:{letter(COLUMN_INDEX[key])}{end}")

    sheet.column_dimensions[letter(len(COLUMNS) - 1)].hidden = True
    sheet.freeze_panes = f"C{FIRST_ROW}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_area = f"A1:{last}{end}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    footer = sheet.oddFooter
    assert footer is not None
    footer.center.text = "第 &P 页，共 &N 页"
    # Locked cells stay locked; rows may still be made taller to fit a long answer.
    sheet.protection.sheet = True
    sheet.protection.formatRows = False
    sheet.protection.formatColumns = False
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True, slots=True)
class MadeForm:
    unit: str
    file_name: str
    milestones: int
    data: bytes


def collect(
    settings: PlanSettings, entries: Sequence[Entry], period: Period, today: date, unit: str | None = None
) -> list[MadeForm]:
    """One form per unit with open milestones (only ``unit``'s with ``unit``), in plan order of units."""
    from workplan_cli.errors import UsageError
    from workplan_cli.supervision import unit_milestones, units

    names = units(entries)
    if unit is not None:
        if unit not in names:
            known = "、".join(names) or "none"
            raise UsageError(FormMsg.NO_SUCH_UNIT, unit=unit, known=known)
        names = [unit]
    made = []
    for name in names:
        mine = unit_milestones(entries, name)
        made.append(
            MadeForm(name, form_file_name(name, period), len(mine), write_form(settings, name, period, mine, today))
        )
    return made
