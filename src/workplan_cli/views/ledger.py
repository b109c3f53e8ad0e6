"""The office ledger (工作台账): a spreadsheet in the layout offices submit, and the same rows as CSV."""

from __future__ import annotations

import csv
import io
import math
import unicodedata
from collections.abc import Sequence
from datetime import date
from typing import Any

from workplan_cli.model import PlanSettings, Status
from workplan_cli.schedule import Entry
from workplan_cli.views.literal import FORMULA_START, csv_cell, literal

COLUMNS = (
    "序号",
    "重点工作",
    "具体任务",
    "完成时限",
    "责任单位",  # the lead unit (牵头单位), else the owner
    "配合单位",
    "责任领导",
    "进展情况",  # the latest progress entry, else every note
    "存在问题",
    "下步打算",
    "完成进度",
    "佐证材料",
    "完成情况",
    "序时进度",
    "状态",
)
STATUS_LABEL = {
    Status.OVERDUE: "逾期",
    Status.DUE: "临期",
    Status.UPCOMING: "正常推进",
    Status.ONGOING: "持续推进",
    Status.DONE: "已完成",
}
# Traffic lights, as offices colour a ledger: red overdue, yellow due soon, green on track.
STATUS_FILL = {
    Status.OVERDUE: "F4CCCC",
    Status.DUE: "FFF2CC",
    Status.UPCOMING: "D9EAD3",
    Status.ONGOING: "DDEBF7",
    Status.DONE: "E7E6E6",
}
_WIDTH_LIMITS = {"序号": 8, "重点工作": 24, "具体任务": 48, "完成时限": 22, "责任单位": 14, "配合单位": 14,
                 "责任领导": 10, "进展情况": 36, "存在问题": 24, "下步打算": 24, "完成进度": 10, "佐证材料": 20,
                 "完成情况": 18, "序时进度": 24, "状态": 10}  # fmt: skip


def _deadline(entry: Entry) -> str:
    due = entry.due
    if due is None:
        return entry.milestone.phrase or "持续推进"
    start = f"{entry.milestone.deadline.start.isoformat()} 至 " if entry.milestone.deadline.start else ""
    period = f"{entry.period} " if entry.period else ""
    return f"{entry.milestone.phrase or ''}（{period}{start}{due.isoformat()}）"


def _completion(entry: Entry) -> str:
    done = entry.milestone.done
    if done is not None:
        late = f"，逾期 {entry.days_late} 天完成" if entry.days_late else ""
        return f"已完成（{done.isoformat()}{late}）"
    if entry.milestone.done_requested is not None:
        return f"已申请销号（{entry.milestone.done_requested.isoformat()}），待确认"
    if entry.status is Status.OVERDUE and entry.days_left is not None:
        return f"未完成，已逾期 {-entry.days_left} 天"
    return "未完成" if entry.dated else "持续推进"


def _schedule_progress(entry: Entry) -> str:
    """序时进度 of an open dated milestone: ``49%``, or ``94%，已报 40%，欠进度`` once a percent is reported."""
    progress = entry.progress
    if progress is None or entry.status in (Status.DONE, Status.ONGOING, Status.OVERDUE):
        return ""  # done, ongoing, or past its deadline: no schedule left to keep
    if progress.reported is None:
        return f"{progress.expected}%"
    return f"{progress.expected}%，已报 {progress.reported}%，{progress.label('zh')}"


def ledger_rows(entries: Sequence[Entry]) -> list[tuple[str, list[str], Status]]:
    """(section, cells, status) per milestone, in plan order."""
    rows = []
    for entry in entries:
        latest = entry.milestone.latest_entry
        if latest is not None:
            source = " ".join(part for part in (latest.period, latest.by) if part)
            progress = f"{latest.on.isoformat()} {source}：{latest.progress or latest.text}"
            reported = [latest.problems, latest.next, f"{latest.percent}%" if latest.percent is not None else ""]
            reported.append("\n".join(latest.evidence))
        else:
            progress = "\n".join(f"{n.on.isoformat()} {n.text}" for n in entry.milestone.notes)
            reported = ["", "", "", ""]
        cells = [
            entry.milestone.id,
            f"{entry.initiative.id} {entry.initiative.title}",
            entry.milestone.task,
            _deadline(entry),
            entry.lead or entry.owner,
            "、".join(entry.co_units),
            entry.leader,
            progress,
            *reported,
            _completion(entry),
            _schedule_progress(entry),
            STATUS_LABEL[entry.status],
        ]
        # Controls escaped: a cell cannot hold most of them (openpyxl refuses), a terminal acts on them.
        rows.append((literal(entry.initiative.section), [literal(cell) for cell in cells], entry.status))
    return rows


# What fits across A4 landscape (277 mm between 10 mm margins) at a readable scale: a column width
# unit is about 1.9 mm of the default font, so 200 units print at about 75 % (10.5 pt text at 7.5 pt
# is still legible; the office ledgers seen in the wild print at 70-85 %).
PAGE_UNITS = 200
BODY_FONT = 10  # pt
LINE_HEIGHT = 13.5  # pt per line of 10 pt text, CJK fonts being taller than Latin ones
CJK_UNITS = 1.8  # a 10 pt Chinese character in column width units (measured in LibreOffice: about 1.75)


def fit_widths(widths: dict[str, float], floors: dict[str, float], budget: float = PAGE_UNITS) -> dict[str, float]:
    """Column widths within ``budget``: each column gives up room in proportion to what it has above
    its floor (its header's width), so the wide text columns narrow first and a 序号 keeps its width."""
    total = sum(widths.values())
    if total <= budget:
        return dict(widths)
    spare = sum(widths[name] - floors[name] for name in widths)
    cut = min(1.0, (total - budget) / spare) if spare else 0.0
    return {name: widths[name] - (widths[name] - floors[name]) * cut for name in widths}


def lines_needed(value: str, width: float) -> int:
    """Lines a cell's 10 pt text wraps to in a column ``width`` units wide: a Chinese character takes
    about 1.8 units, a Latin one 1. Rounded up, so a row is never too short for its text."""
    room = max(1.0, width - 1.0)  # the cell's inner margins
    total = 0
    for line in value.split("\n") if value else [""]:
        units = sum(CJK_UNITS if unicodedata.east_asian_width(ch) in "WF" else 1.0 for ch in line)
        total += max(1, math.ceil(units / room))
    return total


def display_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: a Chinese character is about two Latin ones."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def to_csv(entries: Sequence[Entry]) -> bytes:
    """UTF-8 with a BOM, which spreadsheet programs need to open Chinese text correctly."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["所属部分", *COLUMNS])
    for section, cells, _ in ledger_rows(entries):
        writer.writerow([csv_cell(text) for text in (section, *cells)])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def _text_only(sheet: Any) -> None:
    """Every cell is text: never a formula, whatever it starts with. A leading formula character
    also gets Excel's quote prefix, so that editing the cell keeps it text."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
                if cell.value.startswith(FORMULA_START):
                    cell.quotePrefix = True


def to_xlsx(settings: PlanSettings, entries: Sequence[Entry], as_of: date) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.page import PageMargins
    from openpyxl.worksheet.properties import PageSetupProperties

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "工作台账"
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    last_column = get_column_letter(len(COLUMNS))

    sheet.append([f"{literal(settings.title)} 工作台账（截至 {as_of.isoformat()}）"])
    sheet.merge_cells(f"A1:{last_column}1")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 28
    sheet.append(list(COLUMNS))
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9D9D9")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border

    floors: dict[str, float] = {name: max(6, display_width(name) + 2) for name in COLUMNS}
    widths: dict[str, float] = dict(floors)
    body = Font(size=BODY_FONT)
    rows = ledger_rows(entries)
    for _, cells, _ in rows:
        for name, value in zip(COLUMNS, cells, strict=True):
            longest = max((display_width(line) for line in value.split("\n")), default=0)
            widths[name] = max(widths[name], min(longest + 2, _WIDTH_LIMITS[name]))
    widths = fit_widths(widths, floors)
    current_section = None
    for section, cells, status in rows:
        if section != current_section:
            current_section = section
            sheet.append([section])
            row = sheet.max_row
            sheet.merge_cells(f"A{row}:{last_column}{row}")
            sheet.cell(row, 1).font = Font(bold=True)
            sheet.cell(row, 1).fill = PatternFill("solid", fgColor="EDEDED")
        sheet.append(cells)
        row = sheet.max_row
        for column in range(1, len(cells) + 1):
            cell = sheet.cell(row, column)
            cell.alignment = wrap
            cell.border = border
            cell.font = body
        # Spreadsheet programs do not grow a row for wrapped text when they open a file (LibreOffice
        # prints one line and cuts the rest): the height is set from the longest wrapped cell.
        lines = max(lines_needed(value, widths[name]) for name, value in zip(COLUMNS, cells, strict=True))
        sheet.row_dimensions[row].height = lines * LINE_HEIGHT + 4
        status_cell = sheet.cell(row, len(COLUMNS))
        status_cell.fill = PatternFill("solid", fgColor=STATUS_FILL[status])
        status_cell.alignment = Alignment(horizontal="center", vertical="top")
    for column, name in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(column)].width = widths[name]

    sheet.freeze_panes = "A3"  # title and header stay in view
    sheet.print_title_rows = "1:2"  # and are printed on every page
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.5, header=0.2, footer=0.2)
    _text_only(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
