"""Exports and views: the calendar, the office ledger, the timeline and the progress tables."""

from __future__ import annotations

import csv
import io
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from openpyxl import load_workbook
from rich.cells import cell_len

from .conftest import Invoke, rewrite

DATED = 17
# The ledger (工作台账) layout offices submit, as the issue lists it.
LEDGER_COLUMNS = ["序号", "重点工作", "具体任务", "完成时限", "责任单位", "配合单位", "责任领导", "进展情况",
                  "存在问题", "下步打算", "完成进度", "佐证材料", "完成情况", "序时进度", "状态"]  # fmt: skip


def column_of(line: str, token: str) -> int:
    """The terminal column where ``token`` starts: a Chinese character takes two."""
    return cell_len(line[: line.index(token)])


def events(path: Path, kind: str = "VEVENT") -> list[icalendar.cal.Component]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return list(calendar.walk(kind))


def test_ics_has_one_all_day_event_per_dated_milestone_with_stable_uids(
    invoke: Invoke, plan_dir: Path, tmp_path: Path
) -> None:
    invoke(["done", "2.1.1", "--on", "2024-03-28", "--plan", str(plan_dir)])
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert invoke(["export", "--ics", str(first), "--plan", str(plan_dir)]).exit_code == 0
    assert invoke(["export", "--ics", str(second), "--plan", str(plan_dir)]).exit_code == 0
    found = events(first)
    assert len(found) == DATED
    by_summary = {str(e["summary"]).split()[-2] if str(e["summary"]).startswith("✓") else str(e["summary"]).split()[0]:
                  e for e in found}  # fmt: skip
    march = by_summary["2.2.1"]
    assert march.decoded("dtstart") == date(2024, 3, 31)
    assert march.decoded("dtend") == date(2024, 4, 1)
    assert str(march["summary"]) == "2.2.1 修订完善高新园区“三定”规定，做实高新园区升格后机构设置，配齐配强工作力量"
    assert "持续推进产业园区体制机制创新" in str(march["description"])
    closed = by_summary["2.1.1"]
    assert str(closed["summary"]).startswith("✓ 2.1.1") and "2024-03-28" in str(closed["description"])
    assert [str(e["uid"]) for e in found] == [str(e["uid"]) for e in events(second)]
    assert len({str(e["uid"]) for e in found}) == DATED


def test_ics_todo_has_due_and_completed(invoke: Invoke, plan_dir: Path, tmp_path: Path) -> None:
    invoke(["done", "4.2.1", "--on", "2024-03-05", "--plan", str(plan_dir)])
    target = tmp_path / "todo.ics"
    invoke(["export", "--ics", str(target), "--todo", "--plan", str(plan_dir)])
    todos = {str(t["summary"]).split()[0]: t for t in events(target, "VTODO")}
    assert len(todos) == DATED and events(target) == []
    assert todos["4.2.1"].decoded("due") == date(2024, 2, 29)
    assert str(todos["4.2.1"]["status"]) == "COMPLETED"
    assert todos["4.2.1"].decoded("completed").date() == date(2024, 3, 5)
    assert str(todos["1.1.1"]["status"]) == "NEEDS-ACTION" and "completed" not in todos["1.1.1"]


def test_xlsx_ledger_cells_colours_and_print_setup(invoke: Invoke, plan_dir: Path, tmp_path: Path) -> None:
    invoke(["note", "2.1.1", "已起草，待审议", "--on", "2024-03-20", "--plan", str(plan_dir)])
    target = tmp_path / "台账.xlsx"
    result = invoke(["export", "--xlsx", str(target), "--as-of", "2024-04-15", "--plan", str(plan_dir)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(target).active
    assert sheet is not None
    assert [c.value for c in sheet[2]] == LEDGER_COLUMNS
    assert sheet["A3"].value == "一、高站位落实重大决策部署，优化机构职能体系"
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=3) if row[1].value}
    assert len(rows) == 26
    overdue = rows["2.1.1"]
    assert overdue[3].value == "3月底前（2024-03-31）"
    column = {name: index for index, name in enumerate(LEDGER_COLUMNS)}
    progress, completion, pace, status = (column[name] for name in ("进展情况", "完成情况", "序时进度", "状态"))
    assert overdue[progress].value == "2024-03-20 已起草，待审议"
    assert overdue[completion].value == "未完成，已逾期 15 天"
    assert overdue[pace].value is None  # overdue: no schedule left to keep
    assert overdue[status].value == "逾期" and overdue[status].fill.fgColor.rgb == "00F4CCCC"
    assert rows["1.1.1"][pace].value == "38%"  # 106 of the 274 days to September 30 have passed by April 15
    assert rows["1.1.1"][status].value == "正常推进" and rows["1.1.1"][status].fill.fgColor.rgb == "00D9EAD3"
    assert rows["1.3.1"][status].value == "持续推进"
    assert sheet.freeze_panes == "A3"
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize or 0) == 9  # A4
    widths = {letter: dimension.width for letter, dimension in sheet.column_dimensions.items()}
    assert widths["C"] == max(widths.values()) and widths["C"] >= 30  # the task column has the most room
    assert sum(widths.values()) <= 200.5  # and all of them fit A4 landscape (see test_ledger_print.py)


def test_csv_has_a_bom_and_every_milestone(invoke: Invoke, plan_dir: Path) -> None:
    result = invoke(["export", "--csv", "-", "--plan", str(plan_dir), "--as-of", "2024-04-15"])
    data = result.stdout_bytes
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["所属部分", *LEDGER_COLUMNS]
    assert len(rows) == 27
    assert rows[1][1] == "1.1.1" and rows[1][4] == "9月底前（2024-09-30）"


def test_timeline_marks_each_milestone_in_its_month_and_today(invoke: Invoke, plan_dir: Path, tmp_path: Path) -> None:
    svg = tmp_path / "t.svg"
    result = invoke(["timeline", "--as-of", "2024-06-17", "--plan", str(plan_dir), "--svg", str(svg)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    header_at = next(n for n, line in enumerate(lines) if "1月" in line)
    header = lines[header_at]
    assert column_of(lines[header_at - 1], "▼") == column_of(header, "6月")  # the pointer above today's month
    row = next(line for line in lines if line.lstrip().startswith("4.2 "))
    # 4.2.1 (February, overdue) and 4.2.2 (December, upcoming), each under its month
    assert column_of(row, "●1") == column_of(header, "2月") and column_of(row, "○2") == column_of(header, "12月")
    assert "▼ today 2024-06-17" in result.stdout
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg")
    assert "开展XX监督检查" in svg.read_text(encoding="utf-8")


def test_timeline_draws_a_range_as_a_bar(invoke: Invoke, plan_dir: Path) -> None:
    path = plan_dir / "1-1.yaml"
    rewrite(path, "deadline: 9月底前", "deadline: 3-9月")
    result = invoke(["timeline", "--as-of", "2026-11-27", "--plan", str(plan_dir)])
    row = next(line for line in result.stdout.splitlines() if line.lstrip().startswith("1.1 "))
    assert row.count("━") == 6 and "●1" in row  # March to August, due in September (overdue by now)
    assert "today 2026-11-27 is outside the plan year 2024" in result.stdout


def test_stats_per_section_and_owner(invoke: Invoke, plan_dir: Path) -> None:
    path = plan_dir / "4-2.yaml"
    rewrite(path, "\nowner:\n", "\nowner: 监督科\n")
    invoke(["done", "4.2.1", "--on", "2024-03-05", "--plan", str(plan_dir)])
    result = invoke(["stats", "--as-of", "2024-06-17", "--plan", str(plan_dir)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    section4 = next(line for line in lines if line.lstrip().startswith("四、"))
    assert section4.split()[1:7] == ["1", "1", "0", "1", "1", "2"]  # done, late, overdue, due, upcoming, ongoing
    assert "33% 1/3" in section4
    owner = next(line for line in lines if line.lstrip().startswith("监督科"))
    assert owner.split()[1:7] == ["1", "1", "0", "0", "1", "0"]


@pytest.mark.parametrize(
    "args",
    [["due"], ["list"], ["stats"], ["timeline"], ["export", "--ics", "-"], ["export", "--csv", "-"], ["digest"]],
)
def test_views_handle_an_empty_plan_and_a_plan_with_problems(
    invoke: Invoke, plan_dir: Path, tmp_path: Path, args: list[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    shutil.copy(plan_dir / "workplan.yaml", empty / "workplan.yaml")
    result = invoke([*args, "--plan", str(empty), "--as-of", "2024-06-17"])
    assert result.exit_code == 0, result.output
    (plan_dir / "9-9.yaml").write_text("id: [broken\n", encoding="utf-8")
    broken = invoke([*args, "--plan", str(plan_dir), "--as-of", "2024-06-17"])
    assert broken.exit_code == 1
    assert "9-9.yaml:" in broken.stderr
    assert broken.stdout.strip()  # the good files were still shown


def test_export_needs_a_target(invoke: Invoke, plan_dir: Path) -> None:
    result = invoke(["export", "--plan", str(plan_dir)])
    assert result.exit_code == 2 and "--ics FILE" in result.stderr


def test_uids_do_not_depend_on_the_day(invoke: Invoke, plan_dir: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a.ics", tmp_path / "b.ics"
    invoke(["export", "--ics", str(a), "--plan", str(plan_dir), "--as-of", "2024-01-01"])
    invoke(["export", "--ics", str(b), "--plan", str(plan_dir), "--as-of", str(date(2024, 1, 1) + timedelta(days=300))])
    assert sorted(str(e["uid"]) for e in events(a)) == sorted(str(e["uid"]) for e in events(b))


@pytest.mark.parametrize(
    "phrase",
    [
        "每月5日前",
        "每月30日前",
        "每月31日前",
        "每月底",
        "每季度末",
        "每季度最后一个月的25日前",
        "每半年",
        "每年6月30日前",
        "每周五",
    ],
)
def test_calendar_repeat_rule_gives_the_schedule_own_due_days(phrase: str) -> None:
    """A calendar program expands the RRULE (dateutil does it as they do): the days must be the schedule's."""
    from dateutil.rrule import rrule, rrulestr

    from workplan_cli.deadlines import resolve_deadline
    from workplan_cli.views.ics import _rrule

    recurrence = resolve_deadline(phrase, 2024).recurrence
    assert recurrence is not None
    periods = recurrence.periods()
    expected = [next(periods)[1] for _ in range(30)]
    rule = icalendar.vRecur(_rrule(recurrence)).to_ical().decode()  # type: ignore[no-untyped-call]
    start = datetime.combine(expected[0], datetime.min.time())
    expanded = rrulestr(rule, dtstart=start)
    assert isinstance(expanded, rrule)
    shown = [d.date() for _, d in zip(range(30), expanded, strict=False)]
    assert shown == expected, rule


def test_the_calendar_names_the_lead_unit_in_the_plans_language(invoke: Invoke, plan_dir: Path, tmp_path: Path) -> None:
    # F26: the calendar said 责任单位 Owner: — while a lead was assigned, with English twins.
    rewrite(plan_dir / "workplan.yaml", "owners:\n", 'assign:\n  "1": {lead: 机构编制科}\nowners:\n')
    target = tmp_path / "plan.ics"
    result = invoke(["export", "--ics", str(target), "--plan", str(plan_dir)], WORKPLAN_LANG="zh")
    assert result.exit_code == 0, result.output
    first = next(e for e in events(target) if str(e["summary"]).startswith("1.1.1"))
    description = str(first["description"])
    assert "责任单位：机构编制科" in description and "任务：" in description
    assert "Task" not in description and "Owner" not in description
    assert "CATEGORIES:逾期" in target.read_text(encoding="utf-8")


def test_show_names_the_lead_as_the_responsible_unit(invoke: Invoke, plan_dir: Path) -> None:
    # F8: the header said 责任单位 — while its own rows said 改革科.
    rewrite(plan_dir / "workplan.yaml", "owners:\n", 'assign:\n  "2": {lead: 改革科}\nowners:\n')
    shown = invoke(["show", "2.1.2", "--as-of", "2024-06-30", "--plan", str(plan_dir)], WORKPLAN_LANG="zh").stdout
    header = shown.split("2.1.2")[0]
    assert re.search(r"责任单位\s+改革科", header), header
