"""The supervision cycle's core: roles and progress entries in files, forms out and back, ingest, chase."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from workplan_cli.editing import Change, apply_changes
from workplan_cli.formreading import read_form
from workplan_cli.forms import FIRST_ROW, collect
from workplan_cli.ingest import apply_ingest, plan_ingest
from workplan_cli.model import Plan
from workplan_cli.planfiles import load_plan
from workplan_cli.schedule import Entry, schedule
from workplan_cli.supervision import chase, parse_period

from .conftest import rewrite
from .supervision_plan import supervised_plan

TODAY = date(2024, 6, 26)
JUNE = parse_period("2024-06")


@pytest.fixture
def plan_dir(tmp_path: Path) -> Path:
    return supervised_plan(tmp_path / "plan")


def _entries(folder: Path) -> tuple[Plan, list[Entry]]:
    plan = load_plan(folder, use_cache=False)
    assert not plan.problems, plan.problems
    return plan, schedule(plan, TODAY)


def _form(plan_dir: Path, folder: Path, unit: str) -> tuple[Plan, list[Entry], Path]:
    """The plan, its schedule and the unit's June form, made into ``folder``."""
    plan, entries = _entries(plan_dir)
    (made,) = collect(plan.settings, entries, JUNE, TODAY, unit=unit)
    form = folder / made.file_name
    form.write_bytes(made.data)
    return plan, entries, form


def test_a_progress_entry_is_written_as_one_note_and_read_back_with_its_fields(tmp_path: Path) -> None:
    raw = b'id: "1.1"\ntitle: t\nmilestones:\n  - id: "1.1.1"\n    task: t\n    done:\n'
    fields = (("by", "改革科"), ("period", "2024-06"), ("progress", 'a "quoted": #x'), ("percent", "60"))
    change = Change("1.1.1", (("done_requested", "2024-06-20"),), (TODAY, ""), (*fields, ("evidence", ("a.pdf", "b"))))
    new = apply_changes(raw, [change], Path("f.yaml"))
    assert new == raw + (
        b"    done_requested: 2024-06-20\n    notes:\n      - date: 2024-06-26\n"
        + "        by: 改革科\n".encode()
        + b'        period: 2024-06\n        progress: "a \\"quoted\\": #x"\n        percent: 60\n'
        + b'        evidence: ["a.pdf", "b"]\n'
    )
    (tmp_path / "workplan.yaml").write_text("title: t\nyear: 2024\n", encoding="utf-8")
    (tmp_path / "1-1.yaml").write_bytes(new)
    plan = load_plan(tmp_path, use_cache=False)
    assert plan.problems == ()
    milestone = plan.initiatives[0].milestones[0]
    assert milestone.done_requested == date(2024, 6, 20)
    (note,) = milestone.notes
    assert (note.by, note.period, note.progress, note.text, note.percent, note.evidence) == (
        "改革科", "2024-06", 'a "quoted": #x', 'a "quoted": #x', 60, ("a.pdf", "b")
    )  # fmt: skip


def test_bad_entry_fields_are_problems_with_their_line(tmp_path: Path) -> None:
    (tmp_path / "workplan.yaml").write_text("title: t\nyear: 2024\n", encoding="utf-8")
    (tmp_path / "1-1.yaml").write_text(
        'id: "1.1"\ntitle: t\nmilestones:\n  - id: "1.1.1"\n    task: t\n    notes:\n'
        "      - date: 2024-06-01\n        percent: 150\n        period: June\n",
        encoding="utf-8",
    )
    problems = [str(p) for p in load_plan(tmp_path, use_cache=False).problems]
    assert problems == [
        f"{tmp_path / '1-1.yaml'}:8: 'percent' must be a whole number from 0 to 100, not '150'",
        f"{tmp_path / '1-1.yaml'}:9: 'period' must be a month (2024-06) or a quarter (2024-Q2), not 'June'",
    ]


def test_collect_writes_one_form_per_unit_with_its_open_milestones(plan_dir: Path) -> None:
    plan, entries = _entries(plan_dir)
    made = collect(plan.settings, entries, JUNE, TODAY)
    assert [(m.unit, m.file_name) for m in made] == [
        ("机构编制科", "2024-06-机构编制科.xlsx"),
        ("改革科", "2024-06-改革科.xlsx"),
        ("法制科", "2024-06-法制科.xlsx"),
        ("监督检查科", "2024-06-监督检查科.xlsx"),
    ]
    reform = load_workbook(io.BytesIO(made[1].data)).active
    assert reform is not None
    ids = [reform.cell(row, 1).value for row in range(FIRST_ROW, reform.max_row + 1)]
    assert ids == [m.id for i in plan.initiatives if i.id.startswith("2.") for m in i.milestones]
    assert reform.protection.sheet
    assert reform.cell(FIRST_ROW, 1).protection.locked and not reform.cell(FIRST_ROW, 8).protection.locked
    assert reform.column_dimensions["N"].hidden
    assert str(reform.page_setup.paperSize) == reform.PAPERSIZE_A4 and reform.page_setup.orientation == "landscape"
    rules = {str(v.sqref): (v.type, v.formula1, v.formula2) for v in reform.data_validations.dataValidation}
    last = reform.max_row
    assert rules == {
        f"K{FIRST_ROW}:K{last}": ("whole", "0", "100"),
        f"L{FIRST_ROW}:L{last}": ("date", "DATE(2024,1,1)", "DATE(2025,12,31)"),
    }


def _fill(path: Path, answers: dict[str, dict[str, object]]) -> None:
    """Fill a form as a unit would: only the white cells of the rows answered."""
    book = load_workbook(path)
    sheet = book.active
    assert sheet is not None
    columns = {"progress": 8, "problems": 9, "next": 10, "percent": 11, "done_request": 12, "evidence": 13}
    for row in range(FIRST_ROW, sheet.max_row + 1):
        for key, value in answers.get(str(sheet.cell(row, 1).value), {}).items():
            sheet.cell(row, columns[key]).value = value  # type: ignore[assignment]
    book.save(path)


def test_ingest_writes_entries_and_a_second_ingest_adds_nothing(plan_dir: Path, tmp_path: Path) -> None:
    plan, entries, form = _form(plan_dir, tmp_path, "改革科")
    _fill(
        form,
        {
            "2.1.2": {"progress": "完成试点", "percent": 80, "next": "总结经验", "evidence": "方案.pdf、总结.docx"},
            "2.1.1": {"progress": "方案已印发", "percent": 100, "done_request": date(2024, 3, 28)},
        },
    )
    planned = plan_ingest(plan, entries, [read_form(form)], TODAY)
    assert planned.refused == [] and planned.conflicts == []
    assert [(p.milestone.id, p.requests) for p in planned.writes] == [("2.1.1", date(2024, 3, 28)), ("2.1.2", None)]
    assert apply_ingest(planned.writes) == [plan_dir / "2-1.yaml"]

    plan, entries = _entries(plan_dir)
    milestones = {m.id: m for _, m in plan.milestones()}
    assert milestones["2.1.1"].done_requested == date(2024, 3, 28) and milestones["2.1.1"].done is None
    entry = milestones["2.1.2"].latest_entry
    assert entry is not None
    assert (entry.by, entry.period, entry.progress, entry.next, entry.percent, entry.evidence, entry.on) == (
        "改革科", "2024-06", "完成试点", "总结经验", 80, ("方案.pdf", "总结.docx"), TODAY
    )  # fmt: skip

    before = (plan_dir / "2-1.yaml").read_bytes()
    again = plan_ingest(plan, entries, [read_form(form)], TODAY)
    assert again.writes == [] and again.refused == [] and len(again.unchanged) == 2
    assert (plan_dir / "2-1.yaml").read_bytes() == before


def test_a_tampered_form_is_refused_with_the_cell_named(plan_dir: Path, tmp_path: Path) -> None:
    plan, entries, form = _form(plan_dir, tmp_path, "改革科")
    book = load_workbook(form)
    sheet = book.active
    assert sheet is not None
    sheet.cell(FIRST_ROW + 1, 4).value = "12月底前"  # a later deadline, written over the locked cell
    sheet.cell(FIRST_ROW + 2, 11).value = 150
    sheet.cell(FIRST_ROW + 3, 12).value = "下月"
    book.save(form)
    planned = plan_ingest(plan, entries, [read_form(form)], TODAY)
    ((path, problems),) = planned.refused
    assert path == form and planned.writes == []
    assert [p.text("en").split(";")[0] for p in problems] == [
        f"D{FIRST_ROW + 1}: a locked cell was changed",
        f"K{FIRST_ROW + 2}: 完成进度 '150' is not a whole number from 0 to 100",
        f"L{FIRST_ROW + 3}: 申请销号日期 '下月' is not a date",
    ]


def test_a_milestone_changed_since_the_form_was_made_is_a_conflict(plan_dir: Path, tmp_path: Path) -> None:
    plan, entries, form = _form(plan_dir, tmp_path, "改革科")
    _fill(form, {"2.1.2": {"progress": "完成试点"}, "2.2.2": {"progress": "推进中"}})
    path = plan_dir / "2-1.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("完成街道“五权”试点", "完成街道“六权”试点"), encoding="utf-8"
    )
    plan, entries = _entries(plan_dir)
    planned = plan_ingest(plan, entries, [read_form(form)], TODAY)
    assert [c.milestone_id for c in planned.conflicts] == ["2.1.2"]
    assert [p.milestone.id for p in planned.writes] == ["2.2.2"]


def test_foreign_ids_and_other_answers_for_an_ingested_period_are_refused(plan_dir: Path, tmp_path: Path) -> None:
    plan, entries, form = _form(plan_dir, tmp_path, "改革科")
    _fill(form, {"2.1.2": {"progress": "完成试点"}})
    apply_ingest(plan_ingest(plan, entries, [read_form(form)], TODAY).writes)
    _fill(form, {"2.1.2": {"progress": "改了说法"}})
    plan, entries = _entries(plan_dir)
    ((_, problems),) = plan_ingest(plan, entries, [read_form(form)], TODAY).refused
    assert problems[0].text("en").startswith(f"H{FIRST_ROW + 1}: 改革科 already reported on 2.1.2 for 2024-06")

    plan, entries, foreign = _form(plan_dir, tmp_path, "法制科")
    _fill(foreign, {"4.1.1": {"progress": "配合培训"}, "4.3.1": {"progress": "配合制定"}})
    # Meanwhile the office takes 法制科 off 4.1 and drops initiative 4.3 altogether.
    path = plan_dir / "4-1.yaml"
    rewrite(path, "co_units: 法制科、", "co_units: ")
    (plan_dir / "4-3.yaml").unlink()
    plan, entries = _entries(plan_dir)
    ((_, problems),) = plan_ingest(plan, entries, [read_form(foreign)], TODAY).refused
    messages = [p.text("en") for p in problems]
    assert messages[0].endswith(": milestone 4.1.1 is not one of 法制科's (foreign id)")
    assert messages[1].endswith(": no milestone has id '4.3.1'")


def test_chase_names_the_units_that_did_not_answer(plan_dir: Path, tmp_path: Path) -> None:
    plan, entries, form = _form(plan_dir, tmp_path, "改革科")
    _fill(form, {"2.1.2": {"progress": "完成试点"}})
    apply_ingest(plan_ingest(plan, entries, [read_form(form)], TODAY).writes)
    plan, entries = _entries(plan_dir)
    result = chase(entries, JUNE)
    assert result.answered == ("改革科",)
    assert [unit for unit, _ in result.missing] == ["机构编制科", "法制科", "监督检查科"]
    overdue = [e.milestone.id for e in result.overdue_unreported]
    assert "2.1.1" in overdue and "2.1.2" not in overdue


def test_units_assigned_in_workplan_yaml_fill_what_the_files_leave_empty(tmp_path: Path) -> None:
    """From the shipped plan, whose files name no units: the 任务分解 goes in workplan.yaml."""
    import shutil

    from .conftest import SHIPPED_PLAN

    folder = tmp_path / "plan"
    shutil.copytree(SHIPPED_PLAN, folder)
    settings = folder / "workplan.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + 'assign:\n  "2": {lead: 改革科, leader: 张副主任}\n  "2.1": {co_units: 法制科、财务科}\n'
        + '  "2.1.3": {lead: 法制科}\n',
        encoding="utf-8",
    )
    path = folder / "2-2.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\nowner:", "\nlead: 园区办\nowner:"), encoding="utf-8")
    plan, entries = _entries(folder)
    roles = {e.milestone.id: (e.lead, e.co_units, e.leader) for e in entries if e.milestone.id.startswith("2.")}
    assert roles["2.1.1"] == ("改革科", ("法制科", "财务科"), "张副主任")
    assert roles["2.1.3"] == ("法制科", ("法制科", "财务科"), "张副主任")
    assert roles["2.2.1"] == ("园区办", (), "张副主任")  # the file's own lead wins
    assert roles["2.3.1"] == ("改革科", (), "张副主任")
    assert [m.unit for m in collect(plan.settings, entries, JUNE, TODAY)] == ["改革科", "法制科", "财务科", "园区办"]


def test_accepting_a_recurring_milestone_closes_its_current_period(tmp_path: Path) -> None:
    (tmp_path / "workplan.yaml").write_text("title: t\nyear: 2024\n", encoding="utf-8")
    (tmp_path / "1-1.yaml").write_text(
        'id: "1.1"\ntitle: 月报\nlead: 办公室\nmilestones:\n  - id: "1.1.1"\n    deadline: 每月5日前\n'
        "    task: 报送月度进展\n    closed_through: 2024-04\n",
        encoding="utf-8",
    )
    plan, entries = _entries(tmp_path)
    (made,) = collect(plan.settings, entries, JUNE, TODAY)
    form = tmp_path / made.file_name
    form.write_bytes(made.data)
    _fill(form, {"1.1.1": {"progress": "5月月报已报送", "done_request": date(2024, 6, 4)}})
    planned = plan_ingest(plan, entries, [read_form(form)], TODAY, accept=True)
    assert planned.writes[0].change.values == (("closed_through", "2024-05"),)
    apply_ingest(planned.writes)
    (milestone,) = load_plan(tmp_path, use_cache=False).initiatives[0].milestones
    assert (milestone.closed_through, milestone.done, milestone.notes[0].progress) == ("2024-05", None, "5月月报已报送")


def test_file_text_in_a_form_stays_text_and_reads_back_untampered(tmp_path: Path) -> None:
    (tmp_path / "workplan.yaml").write_text("title: t\nyear: 2024\n", encoding="utf-8")
    (tmp_path / "1-1.yaml").write_text(
        'id: "1.1"\ntitle: t\nlead: "=HYPERLINK(\\"http://x\\")"\nmilestones:\n  - id: "1.1.1"\n'
        '    deadline: 9月底前\n    task: "=1+1\\e[31m"\n',
        encoding="utf-8",
    )
    plan, entries = _entries(tmp_path)
    (made,) = collect(plan.settings, entries, JUNE, TODAY)
    form = tmp_path / made.file_name
    form.write_bytes(made.data)
    sheet = load_workbook(form).active
    assert sheet is not None
    task = sheet.cell(FIRST_ROW, 3)
    assert (task.value, task.data_type) == ("=1+1\\x1b[31m", "s")  # text, the escape spelled out
    assert made.file_name == "2024-06-=HYPERLINK(_http___x_).xlsx"
    returned = read_form(form)
    assert returned.problems == [] and [r.milestone_id for r in returned.rows] == ["1.1.1"]


def test_chase_says_a_unit_has_no_contact_in_plain_chinese() -> None:
    # F9: it read （owners: 中未登记）.
    from workplan_cli.i18n import Msg, tr

    assert tr(Msg.CHASE_NO_CONTACT, "zh") == "（未在 owners: 中登记）"


def test_accept_names_its_file_as_done_and_note_do() -> None:
    # F10: accept said （plan/2-1.yaml） while done, note, set and ingest say (plan/2-1.yaml).
    from workplan_cli.i18n import Msg, tr

    said = tr(Msg.ACCEPT_DONE, "zh", id="2.1.3", date="2024-06-20", path="plan/2-1.yaml")
    assert said.endswith("  (plan/2-1.yaml)")
