"""Reports for the shipped plan at fixed days with known counts, and the documents read back."""

from __future__ import annotations

import io
from datetime import date

import pytest

from tests.conftest import SHIPPED_PLAN
from tests.reportdemo import demo_plan
from workplan_cli.errors import UsageError
from workplan_cli.model import Plan, Status
from workplan_cli.periods import Period, PeriodKind, last_full_month, parse_period
from workplan_cli.planfiles import load_plan
from workplan_cli.progress import Pace
from workplan_cli.report import Counts, Report, ReportType, build_report
from workplan_cli.schedule import known_on, schedule
from workplan_cli.views.report_blocks import Heading, Paragraph, Table, Title, report_blocks
from workplan_cli.views.report_docx import render_docx
from workplan_cli.views.report_html import render_html
from workplan_cli.views.report_md import render_markdown
from workplan_cli.views.report_text import render_text
from workplan_cli.views.stats import tally

Q2 = Period(PeriodKind.QUARTER, 2024, 2)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return demo_plan(load_plan(SHIPPED_PLAN, use_cache=False))


@pytest.fixture(scope="module")
def q2(plan: Plan) -> Report:
    return build_report(plan, Q2, Q2.end)


def test_periods() -> None:
    assert (Q2.start, Q2.end, Q2.label, Q2.next().label) == (date(2024, 4, 1), date(2024, 6, 30), "2024-Q2", "2024-Q3")
    assert parse_period(PeriodKind.HALF, "2024-H2").end == date(2024, 12, 31)
    assert parse_period(PeriodKind.MONTH, "2024-02").end == date(2024, 2, 29)
    assert parse_period(PeriodKind.QUARTER, "2024-Q4").next() == Period(PeriodKind.QUARTER, 2025, 1)
    assert parse_period(PeriodKind.YEAR, "2024").name("zh") == "2024年"
    assert Q2.name("zh") == "2024年第二季度"
    assert last_full_month(date(2024, 1, 15)) == Period(PeriodKind.MONTH, 2023, 12)
    for kind, bad in ((PeriodKind.MONTH, "2024-13"), (PeriodKind.QUARTER, "2024-Q5"), (PeriodKind.HALF, "2024")):
        with pytest.raises(UsageError, match="expected a"):
            parse_period(kind, bad)


def test_q2_counts_as_of_june_30(q2: Report) -> None:
    # six milestones due June 30: two closed on time (one on the deadline day), four still open that day
    assert q2.period_counts == Counts(due=6, on_time=2, done_late=0, overdue=0, in_progress=4, early=1)
    # since January 1: the four of Q1 as well (one on time, two late, 4.2.1 still open)
    assert q2.year_counts == Counts(due=10, on_time=3, done_late=2, overdue=1, in_progress=4, early=1)
    assert q2.year_counts.completion_rate == 0.5
    assert [(i.milestone.id, -(i.entry.days_left or 0), i.unit) for i in q2.overdue] == [("4.2.1", 122, "监督检查科")]
    assert [i.milestone.id for i in q2.next_items] == ["1.1.1"]  # due 2024-09-30, in Q3


def test_a_done_date_after_the_as_of_day_is_not_yet_known(plan: Plan, q2: Report) -> None:
    item = next(i for b in q2.initiatives for i in b.items if i.milestone.id == "2.2.2")
    assert item.milestone.done is None and item.entry.status is Status.DUE
    q3 = build_report(plan, Q2.next(), date(2024, 9, 30))
    assert q3.year_counts.done_late == 3  # 2.2.2 closed July 5, five days late
    late = next(i for b in q3.initiatives for i in b.items if i.milestone.id == "2.2.2")
    assert late.entry.days_late == 5


def test_the_day_after_the_deadline_it_is_overdue(plan: Plan) -> None:
    july_1 = build_report(plan, Q2, date(2024, 7, 1))
    assert july_1.period_counts == Counts(due=6, on_time=2, done_late=0, overdue=4, in_progress=0, early=1)
    assert {i.milestone.id for i in july_1.overdue} == {"4.2.1", "2.2.2", "2.3.1", "3.2.1", "4.3.1"}


def test_year_so_far_agrees_with_stats(plan: Plan, q2: Report) -> None:
    """`workplan stats` on the plan as known that day: done, done late and overdue match."""
    whole = tally(schedule(known_on(plan, Q2.end), Q2.end), lambda e: "all")[0]
    counts = q2.year_counts
    assert whole.done == counts.on_time + counts.done_late + counts.early
    assert whole.done_late == counts.done_late
    assert whole.overdue == counts.overdue


def test_units_are_ranked(q2: Report) -> None:
    rows = [(row.rank, row.unit, row.counts.due, row.counts.completed) for row in q2.units]
    assert rows == [
        (1, "改革科", 2, 1),
        (1, "机构编制科", 2, 1),
        (3, "监督检查科", 1, 0),
        (3, "综合行政执法局", 1, 0),
    ]


def test_schedule_progress_of_the_open_milestones(q2: Report) -> None:
    items = {i.milestone.id: i for b in q2.initiatives for i in b.items}
    assert items["2.3.1"].progress is not None and items["2.3.1"].progress.pace is Pace.BEHIND  # 70 % on the last day
    assert items["1.1.1"].progress is not None and items["1.1.1"].progress.expected == 66  # 182 of 274 days
    assert [n.percent for n in items["2.3.1"].entries] == [70]
    assert (q2.paces.behind, q2.paces.ahead) == (2, 0)


def test_the_summary_carries_over_what_is_not_done(plan: Plan) -> None:
    year = Period(PeriodKind.YEAR, 2024, 1)
    summary = build_report(plan, year, date(2024, 12, 31), report_type=ReportType.SUMMARY)
    done = [i.milestone.id for s in summary.sections for i in s.done]
    assert done == ["1.4.1", "1.4.2", "2.1.1", "2.2.1", "2.1.3", "2.1.2", "2.2.2"]  # by section, then by day
    carried = {i.milestone.id for s in summary.sections for i in s.carried_over}
    assert "4.2.1" in carried and "2.1.1" not in carried
    blocks = report_blocks(summary, "zh")
    assert blocks[0] == Title("2024年度工作计划执行情况总结")
    assert [b.text for b in blocks if isinstance(b, Heading) and b.level == 1] == [
        "一、总体情况",
        "二、主要完成情况",
        "三、结转事项",
        "四、各单位完成情况",
        "五、下一年度工作打算",
    ]
    # the plan's own section numbers give way to the document's: 一、… becomes （一）…
    assert Heading(2, "（一）高站位落实重大决策部署，优化机构职能体系") in blocks
    assert any(isinstance(b, Paragraph) and b.text.startswith("全年应完成节点任务17项") for b in blocks)


def test_blocks_of_the_q2_report(q2: Report) -> None:
    blocks = report_blocks(q2, "zh")
    assert blocks[0] == Title("2024年第二季度工作计划推进情况报告")
    headings = [b.text for b in blocks if isinstance(b, Heading) and b.level == 1]
    assert headings == [
        "一、总体情况",
        "二、各单位完成情况",
        "三、逾期未完成事项通报",
        "四、重点工作推进情况",
        "五、下阶段工作重点",
    ]
    overview = next(b for b in blocks if isinstance(b, Table))
    assert overview.rows[0] == ("本期", "6", "2", "0", "0", "4", "1", "33.3%", "33.3%")
    english = render_text(report_blocks(q2, "en"))
    assert "Progress of the work plan: 2024 Q2" in english
    assert "In this period 6 milestones fell due: 2 done on time" in english
    assert "besides, 1 done ahead of their deadline" in english  # not "1 more were done ahead" (F29)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_text_report_fits_80_columns_as_tables(q2: Report, lang: str) -> None:
    """F29: at 80 columns the count tables stay tables (their names on two lines: 按时 / 完成率)
    and the 通报 table wraps its task column; English prose breaks between words."""
    from rich.cells import cell_len

    text = render_text(report_blocks(q2, lang), 80)
    lines = text.splitlines()
    assert all(cell_len(line) <= 80 for line in lines)
    this_period = "本期" if lang == "zh" else "This period"
    # the whole row of counts on one line, as a table's row
    assert any(line.split() == [*this_period.split(), "6", "2", "0", "0", "4", "1", "33.3%", "33.3%"] for line in lines)
    task, deadline = ("任务内容", "完成时限") if lang == "zh" else ("Task", "Deadline")
    assert any(task in line and deadline in line for line in lines)  # the 通报 is a table, not a block per row
    assert any(line.split()[:2] == ["1", "4.2.1"] for line in lines)
    if lang == "en":  # every word of the prose whole on some line: the terminal cuts none
        words = {word for line in lines for word in line.split()}
        paragraphs = [b.text for b in report_blocks(q2, lang) if isinstance(b, Paragraph)]
        assert all(word in words for paragraph in paragraphs[:4] for word in paragraph.split())


def _docx_text(data: bytes) -> tuple[list[tuple[str, str]], list[list[list[str]]], object]:
    from docx import Document

    document = Document(io.BytesIO(data))
    paragraphs = [(p.style.name if p.style else "", p.text) for p in document.paragraphs]
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    return paragraphs, tables, document


def test_the_docx_reads_back(q2: Report) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Cm

    paragraphs, tables, document = _docx_text(render_docx(report_blocks(q2, "zh")))
    assert paragraphs[0] == ("Title", "2024年第二季度工作计划推进情况报告")
    assert [text for style, text in paragraphs if style == "Heading 1"] == [
        "一、总体情况",
        "二、各单位完成情况",
        "三、逾期未完成事项通报",
        "四、重点工作推进情况",
        "五、下阶段工作重点",
    ]
    assert "（七）2.3 持续推进综合行政执法改革（责任单位：综合行政执法局）" in [
        text for style, text in paragraphs if style == "Heading 2"
    ]
    assert any("本期应完成节点任务6项，其中按时完成2项" in text for _, text in paragraphs)
    assert any(text == "存在问题：个别领域主管部门意见尚未统一" for _, text in paragraphs)
    assert paragraphs[-1][1] == "2024年6月30日"
    overview, units, overdue = tables
    assert overview[0][:3] == ["统计范围", "应完成", "按时完成"]
    assert overview[2] == ["年初以来", "10", "3", "2", "1", "4", "1", "50.0%", "30.0%"]
    assert units[1][:3] == ["1", "改革科", "2"]
    assert overdue[1] == ["1", "4.2.1", "制定我区2023年度XX监督检查计划", "监督检查科", "2月底前（2024-02-29）", "122"]
    # A4 portrait, and every table exactly as wide as the text between the margins
    section = document.sections[0]  # type: ignore[attr-defined]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    text_width = section.page_width - section.left_margin - section.right_margin
    for table in document.tables:  # type: ignore[attr-defined]
        assert abs(sum(column.width for column in table.columns) - text_width) < Cm(0.05)
    fonts = document.styles["Normal"].element.rPr.rFonts  # type: ignore[attr-defined]
    assert fonts.get(qn("w:eastAsia")) == "仿宋"
    heading_fonts = document.styles["Heading 1"].element.rPr.rFonts  # type: ignore[attr-defined]
    assert heading_fonts.get(qn("w:eastAsia")) == "黑体"


def test_file_text_stays_text_in_every_format(plan: Plan) -> None:
    hostile = "<script>alert(1)</script> | **bold** \x1b[31m\x07"
    first = plan.initiatives[0]
    changed = first._replace(milestones=(first.milestones[0]._replace(task=hostile),), owner="[red]科")
    report = build_report(Plan(plan.folder, plan.settings, (changed,)), Q2.next(), date(2024, 9, 30))
    blocks = report_blocks(report, "zh")
    page = render_html(blocks)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    markdown = render_markdown(blocks)
    assert "\\<script\\>" in markdown and "\\*\\*bold\\*\\*" in markdown and "\\|" in markdown
    assert "\x1b" not in render_text(blocks) and "\\x1b[31m" in render_text(blocks)
    paragraphs, _, _ = _docx_text(render_docx(blocks))
    assert any("\\x1b[31m\\x07" in text for _, text in paragraphs)


def test_the_year_so_far_is_the_year_of_the_period() -> None:
    # F31: in a workspace holding a 2024 and a 2025 plan, a 2025 report counted 2024's deadlines as
    # 年初以来; the 2024 ones still overdue belong in the 通报 only.
    shipped = load_plan(SHIPPED_PLAN, use_cache=False)
    built = build_report(shipped, parse_period(PeriodKind.QUARTER, "2025-Q1"), date(2025, 3, 31))
    assert built.year_counts.due == 0
    assert built.overdue and all(i.entry.due is not None and i.entry.due.year == 2024 for i in built.overdue)


def test_milestones_naming_no_unit_are_listed_last_and_never_ranked() -> None:
    # F6: on the shipped plan (no units named) with two milestones given a lead, （未指定） came
    # first in the ranking of units.
    shipped = load_plan(SHIPPED_PLAN, use_cache=False)
    first = shipped.initiatives[0]
    with_lead = first._replace(lead="改革科")
    plan = Plan(shipped.folder, shipped.settings, (with_lead, *shipped.initiatives[1:]), shipped.problems)
    built = build_report(plan, parse_period(PeriodKind.QUARTER, "2024-Q2"), date(2024, 6, 30))
    assert built.units[-1].unit == "" and built.units[-1].rank is None
    assert all(row.unit for row in built.units[:-1])


def test_docx_rows_never_split_across_pages_and_dates_have_room(q2: Report) -> None:
    # F5: the units table's header row was cut across pages (应完 | 成); F7: 完成时限 broke
    # 3月底前（2024-03-31） inside the date.
    import zipfile

    from docx import Document
    from docx.shared import Cm

    data = render_docx(report_blocks(q2, "zh"))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    rows = xml.count("<w:tr>") + xml.count("<w:tr ")
    assert rows and xml.count("<w:cantSplit/>") == rows
    document = Document(io.BytesIO(data))
    overdue = next(t for t in document.tables if t.rows[0].cells[4].text == "完成时限")
    assert overdue.columns[4].width >= Cm(4.9)
