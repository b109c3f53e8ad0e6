"""`list --json` as a large plan needs it (objects built in one pass, a chunk of them encoded at once,
written as bytes) against the straightforward way: each milestone's object from its entry's own
properties, written by the json module, one a line. The two must agree byte for byte."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from benchmarks.generate import generate

from tests.conftest import Invoke
from workplan_cli.model import Note, Plan
from workplan_cli.planfiles import load_plan
from workplan_cli.progress import ScheduleProgress
from workplan_cli.schedule import Entry, schedule
from workplan_cli.views import jsonview
from workplan_cli.views.literal import json_text
from workplan_cli.workcalendar import WorkCalendar

# Every shape an object can take: notes free and structured (percent, evidence, two on one day),
# recurring milestones (closed through a period, assigned mid-year, done), a range, N个工作日内 from
# an assigned day, done late after a request, open-ended work with a note, a percent reported on a
# plain deadline, roles on the initiative and on a milestone, C0 and C1 controls, DEL and bidi overrides
# (on lines of their own too), milestones alike but for being done.
RICH = {
    "workplan.yaml": "title: 测试计划\nyear: 2024\nwarn_days: 14\n",
    "1-1.yaml": r"""id: "1.1"
section: "一、红\e[31m字\u009b2J反\u202e向"
title: "月报\u0085与周报"
owner: 办公室
lead: 改革科
co_units: [法制科, 财务科]
leader: 张副主任
milestones:
  - id: "1.1.1"
    deadline: 每月5日前
    task: 每月报送进展
    closed_through: 2024-04
    notes:
      - date: 2024-05-03
        by: 改革科
        period: 2024-04
        progress: "四月\u202e完成"
        percent: 30
        evidence: [方案.pdf, "https://example.gov.cn/a"]
      - date: 2024-06-04
        text: "半个\u2066代理\x7f"
  - id: "1.1.2"
    deadline: 每季度末
    task: "季度\x07报告"
    assigned: 2024-04-15
    owner: 财务科
  - id: "1.1.3"
    deadline: 每周五
    task: 每周汇总
    done: 2024-03-01
  - id: "1.1.4"
    deadline: 3-6月
    task: 开展专项检查
    lead: 监督检查科
    co_units: 法制科、机构编制科
    leader: 王主任
    notes:
      - date: 2024-04-01
        text: 已启动
      - date: 2024-05-20
        by: 监督检查科
        period: 2024-05
        progress: 完成一半
        problems: 人手不足
        next: 加派人员
        percent: 50
      - date: 2024-05-20
        by: 监督检查科
        period: 2024-05
        progress: 更正
        percent: 55
  - id: "1.1.5"
    deadline: 3月底前
    task: 逾期后完成
    done: 2024-04-12
    done_requested: 2024-04-10
  - id: "1.1.6"
    deadline: 10个工作日内
    task: 交办事项
    assigned: 2024-06-03
    done_requested: 2024-06-12
  - id: "1.1.7"
    deadline: 持续推进
    task: 长期工作
    notes:
      - date: 2024-02-01
        text: 持续推进中
  - id: "1.1.8"
    deadline: 12月底前
    task: 年底完成
    notes:
      - date: 2024-07-01
        by: 改革科
        percent: 20
      - date: 2024-09-30
        by: 改革科
        percent: 90
""",
    "2-1.yaml": """id: "2.1"
section: 二、其他
title: 普通事项
owner: 法制科
milestones:
  - id: "2.1.1"
    deadline: 2024年1月15日前
    task: 早期任务
  - id: "2.1.2"
    deadline: 2025年3月底前
    task: 跨年任务
    notes:
      - date: 2024-08-01
        percent: 45
  - id: "2.1.3"
    deadline: 每季度最后一个月的25日前
    task: 季度报送
    closed_through: 2024-Q2
    done: 2024-11-02
  - id: "2.1.4"
    deadline: 5月底前
    task: 按期完成
    done: 2024-05-20
  - id: "2.1.5"
    deadline: 5月底前
    task: "未完成\\u2067"
  - id: "2.1.6"
    deadline: 5月底前
    task: "未\\x7f完成"
""",
}

# Days before, inside and after the notes, closings and periods above.
DAYS = [date(2024, m, d) for m, d in [(1, 1), (2, 1), (3, 31), (4, 11), (5, 20), (6, 10), (6, 30), (8, 1), (10, 1)]]
DAYS += [date(2024, 12, 31), date(2025, 2, 1), date(2025, 7, 1)]


@pytest.fixture(scope="module")
def rich_plan(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    """The plan above, with a lone surrogate (which no YAML file can hold, and orjson refuses)
    put in one note's text and one initiative's title, as a plan built in Python could carry."""
    folder = tmp_path_factory.mktemp("rich") / "plan"
    folder.mkdir()
    for name, text in RICH.items():
        (folder / name).write_text(text, encoding="utf-8")
    plan = load_plan(folder, use_cache=False)
    assert not plan.problems
    first, second = plan.initiatives
    notes = first.milestones[0].notes
    milestones = (first.milestones[0]._replace(notes=(notes[0], notes[1]._replace(text="半个\ud800代理"))),)
    first = first._replace(milestones=milestones + first.milestones[1:])
    second = second._replace(title="半个\udfff代理")
    surrogates = Plan(plan.folder, plan.settings, (first, second), ())
    return Plan(plan.folder, plan.settings, (*plan.initiatives, *surrogates.initiatives), ())


def straightforward_object(entry: Entry) -> dict[str, Any]:
    """What README's `list --json` says of one milestone, from the entry's own properties."""
    milestone, progress = entry.milestone, entry.progress
    days_late = entry.days_late
    if days_late is None and milestone.done is None and entry.days_left is not None and entry.days_left < 0:
        days_late = -entry.days_left
    return {
        "id": milestone.id,
        "initiative": entry.initiative.id,
        "title": entry.initiative.title,
        "section": entry.initiative.section,
        "task": milestone.task,
        "owner": entry.owner,
        "phrase": milestone.phrase,
        "start": _day(milestone.deadline.start),
        "deadline": _day(entry.due),
        "period": entry.period,
        "status": entry.status.value,
        "done": _day(milestone.done),
        "days_left": entry.days_left,
        "days_late": days_late,
        "day_unit": "working days" if entry.in_workdays else "days",
        "lead": entry.lead,
        "co_units": list(entry.co_units),
        "leader": entry.leader,
        "done_requested": _day(milestone.done_requested),
        "percent": milestone.percent,
        "notes": [_note(note) for note in milestone.notes],
        "file": entry.initiative.path,
        "line": milestone.line,
        "schedule_progress": None if progress is None else _progress(progress),
        "colour": None if entry.colour is None else entry.colour.value,
    }


def _day(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _progress(progress: ScheduleProgress) -> dict[str, Any]:
    return {
        "start": _day(progress.start),
        "expected": progress.expected,
        "reported": progress.reported,
        "pace": progress.pace.value,
    }


def _note(note: Note) -> dict[str, Any]:
    plain: dict[str, Any] = {"date": note.on.isoformat(), "text": note.text}
    if note.is_entry:
        plain |= {"by": note.by, "period": note.period, "progress": note.progress, "problems": note.problems}
        plain |= {"next": note.next, "percent": note.percent, "evidence": list(note.evidence)}
    return plain


def straightforward_json(entries: list[Entry]) -> str:
    """One object a line, compact, Chinese as it is; an object holding a lone surrogate (which UTF-8
    cannot carry) with every non-ASCII character escaped; controls and bidi overrides escaped."""
    lines = []
    for entry in entries:
        value = straightforward_object(entry)
        line = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        try:
            line.encode("utf-8")
        except UnicodeEncodeError:
            line = json.dumps(value)
        lines.append(json_text(line))
    return "[\n  " + ",\n  ".join(lines) + "\n]\n" if lines else "[]\n"


@pytest.mark.parametrize("chunk", [1, 3, 500])
@pytest.mark.parametrize("workdays", [False, True])
def test_list_json_is_the_straightforward_json(
    rich_plan: Plan, chunk: int, workdays: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jsonview, "CHUNK", chunk)  # chunk edges fall between, on and after the surrogates
    for day in DAYS:
        calendar = WorkCalendar([2024, day.year]) if workdays else None
        entries = schedule(rich_plan, day, work_calendar=calendar)
        written = "".join(jsonview.iter_json(entries))
        assert written == straightforward_json(entries), day
        assert b"".join(jsonview.iter_json_bytes(entries)) == written.encode()


def test_the_test_plan_has_every_shape(rich_plan: Plan) -> None:
    """The comparison above is only as good as the shapes it meets: they are all there."""
    rows = [row for day in DAYS for row in json.loads("".join(jsonview.iter_json(schedule(rich_plan, day))))]
    assert {row["status"] for row in rows} == {"overdue", "due", "upcoming", "ongoing", "done"}
    assert {row["colour"] for row in rows} == {"red", "yellow", "blue", None}
    assert {row["schedule_progress"]["pace"] for row in rows if row["schedule_progress"]} == {
        "ahead", "on_schedule", "behind", "overdue", "done", "unrated"
    }  # fmt: skip
    assert any(row["period"] for row in rows) and any(row["start"] for row in rows)
    assert any(row["done"] and row["days_late"] for row in rows)  # done late
    assert any(row["done_requested"] for row in rows)
    assert any("\\ud800" in json.dumps(row) for row in rows) and any("\u202e" in row["section"] for row in rows)
    assert json.loads("".join(jsonview.iter_json([]))) == []


def test_a_generated_plan_agrees_too(tmp_path: Path) -> None:
    folder = generate(tmp_path / "plan", 120, as_of=date(2026, 6, 30), overdue_share=0.2)
    plan = load_plan(folder, use_cache=False)
    for day in (date(2026, 1, 5), date(2026, 6, 30), date(2027, 1, 1)):
        entries = schedule(plan, day)
        assert "".join(jsonview.iter_json(entries)) == straightforward_json(entries)


def test_list_json_on_the_command_line_writes_the_same_bytes(invoke: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    folder.mkdir()
    for name, text in RICH.items():
        (folder / name).write_text(text, encoding="utf-8")
    plan = load_plan(folder, use_cache=False)
    for day in (date(2024, 5, 20), date(2024, 12, 31)):
        result = invoke(["list", "--json", "--plan", str(folder), "--as-of", day.isoformat()])
        assert result.exit_code == 0
        assert result.stdout_bytes == straightforward_json(schedule(plan, day)).encode()


def test_timeline_json_holds_the_same_objects(rich_plan: Plan) -> None:
    for day in DAYS:
        entries = schedule(rich_plan, day)
        timeline = json.loads(jsonview.dumps(jsonview.timeline_object(entries, 2024, day)))
        expected: dict[str, list[Any]] = {}  # by initiative id, as the timeline groups them (1.1 is there twice)
        for entry in entries:
            expected.setdefault(entry.initiative.id, []).append(json.loads(json.dumps(straightforward_object(entry))))
        assert {row["id"]: row["milestones"] for row in timeline["initiatives"]} == expected, day
