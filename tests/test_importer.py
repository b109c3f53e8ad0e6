"""Report text -> plan files. The real seed report reproduces the shipped plan/."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from workplan_cli.errors import ReportImportError
from workplan_cli.import_drafts import render_initiative
from workplan_cli.import_year import plan_year
from workplan_cli.importer import parse_report
from workplan_cli.initiativefile import load_initiative
from workplan_cli.planfiles import load_plan

from .conftest import SAMPLES, SHIPPED_PLAN, Invoke, rewrite

# A byte-for-byte copy of shared/seed/2024-work-plan-report.txt, so a clone alone can run the tests.
SEED = SAMPLES / "reports" / "seed-2024-work-plan-report.txt"


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def test_seed_reproduces_the_shipped_plan(seed_text: str) -> None:
    draft = parse_report(seed_text)
    shipped = load_plan(SHIPPED_PLAN)
    assert draft.year == shipped.settings.year == 2024
    assert draft.title == shipped.settings.title
    assert draft.warnings == []
    assert [d.id for d in draft.initiatives] == [i.id for i in shipped.initiatives]
    for made, kept in zip(draft.initiatives, shipped.initiatives, strict=True):
        assert (made.section, made.title, made.text) == (kept.section, kept.title, kept.text)
        assert [(m.id, m.phrase, m.task) for m in made.milestones] == [
            (m.id, m.phrase, m.task) for m in kept.milestones
        ]


def test_rendered_files_load_back_to_the_same_draft(seed_text: str, tmp_path: Path) -> None:
    for draft in parse_report(seed_text).initiatives:
        problems: list[object] = []
        loaded = load_initiative(tmp_path / "x.yaml", render_initiative(draft), 2024, problems)  # type: ignore[arg-type]
        assert problems == []
        assert loaded is not None
        assert (loaded.id, loaded.title, loaded.text) == (draft.id, draft.title, draft.text)
        assert [(m.id, m.phrase, m.task) for m in loaded.milestones] == [
            (m.id, m.phrase, m.task) for m in draft.milestones
        ]


def test_plan_year_comes_from_the_title_not_the_signing_date(seed_text: str) -> None:
    assert seed_text.rstrip().splitlines()[-3].startswith("2023年")  # signed in 2023
    assert plan_year(seed_text, None) == 2024
    assert plan_year("XX局工作要点\n〔2023〕5号\n", None) == 2023
    assert plan_year("无年份的标题", 2031) == 2031
    with pytest.raises(ReportImportError, match="--year"):
        plan_year("无年份的标题\n正文", None)


# ---------------------------------------------------------------------------------------------
# `workplan import`: sample reports beside their expected plans

REPORTS = SAMPLES / "reports"
CASES = ["numbered-paren", "damaged-ranges", "gb18030"]


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def warnings_of(stderr: str) -> list[str]:
    prefix = "workplan: warning: "
    return [line.removeprefix(prefix) for line in stderr.splitlines() if line.startswith(prefix)]


@pytest.mark.parametrize("case", CASES)
def test_report_imports_to_its_expected_plan(case: str, invoke: Invoke, tmp_path: Path) -> None:
    result = invoke(["import", str(REPORTS / f"{case}.txt"), "--out", str(tmp_path / "plan")])
    expected_warnings = (REPORTS / f"{case}.warnings").read_text(encoding="utf-8").splitlines()
    # each warning: "line N: <the date>: <what was done or is wrong> — in: <sentence>"; a repair says "read …"
    needs_person = any(not w.split(" — in:")[0].split(": ", 2)[-1].startswith("read ") for w in expected_warnings)
    assert result.exit_code == (7 if needs_person else 0), result.output
    assert tree(tmp_path / "plan") == tree(REPORTS / f"{case}.expected")
    assert warnings_of(result.stderr) == expected_warnings


def test_seed_import_reproduces_the_shipped_plan_files(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke(["import", str(SEED), "--out", str(tmp_path / "plan")])
    assert result.exit_code == 0, result.output
    assert "14 initiatives, 26 milestones (17 with a deadline), plan year 2024" in result.stdout
    assert tree(tmp_path / "plan") == tree(SHIPPED_PLAN)


def test_damaged_and_unsupported_phrases_stay_for_check_to_flag(invoke: Invoke) -> None:
    result = invoke(["check", "--plan", str(REPORTS / "damaged-ranges.expected")])
    assert result.exit_code == 1
    flagged = {line.split(": ")[1].split(":")[0] for line in result.stdout.splitlines()}
    assert flagged == {"milestone 1.3.2", "milestone 1.3.3"}  # 1.3.1 was repaired: written in full


def test_docx_report_imports_like_the_same_text(invoke: Invoke, tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in (REPORTS / "numbered-paren.txt").read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    report = tmp_path / "要点.docx"
    document.save(str(report))
    result = invoke(["import", str(report), "--out", str(tmp_path / "plan")])
    assert result.exit_code == 0, result.output
    assert tree(tmp_path / "plan") == tree(REPORTS / "numbered-paren.expected")


def test_gb18030_is_detected_and_a_bom_is_fine(invoke: Invoke, tmp_path: Path) -> None:
    raw = (REPORTS / "gb18030.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the sample really is GB18030
    with_bom = tmp_path / "bom.txt"
    with_bom.write_bytes(b"\xef\xbb\xbf" + raw.decode("gb18030").encode("utf-8"))
    result = invoke(["import", str(with_bom), "--out", str(tmp_path / "plan")])
    assert result.exit_code == 0
    assert tree(tmp_path / "plan") == tree(REPORTS / "gb18030.expected")


def test_report_without_structure_is_a_clear_error_not_an_empty_plan(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke(["import", str(REPORTS / "no-structure.txt"), "--out", str(tmp_path / "plan"), "--year", "2024"])
    assert result.exit_code == 6
    assert "found no sections" in result.stderr
    assert not (tmp_path / "plan").exists()


def test_year_must_come_from_somewhere(invoke: Invoke, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("工作安排\n一、第一部分\n一是做事。3月底前，完成。\n", encoding="utf-8")
    refused = invoke(["import", str(report), "--out", str(tmp_path / "plan")])
    assert refused.exit_code == 6 and "--year" in refused.stderr
    given = invoke(["import", str(report), "--out", str(tmp_path / "plan"), "--year", "2026"])
    assert given.exit_code == 0
    assert load_plan(tmp_path / "plan").initiatives[0].milestones[0].due == date(2026, 3, 31)


def test_dry_run_writes_nothing_and_shows_the_table(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke(["import", str(REPORTS / "damaged-ranges.txt"), "--out", str(tmp_path / "plan"), "--dry-run"])
    assert not (tmp_path / "plan").exists()
    assert "1.1.1" in result.stdout and "2025年1月11日-2025年10月底" in result.stdout
    assert len(warnings_of(result.stderr)) == 3


def test_dry_run_table_is_headed_in_the_run_language(invoke: Invoke) -> None:
    report = str(REPORTS / "damaged-ranges.txt")
    chinese = invoke(["--lang", "zh", "import", report, "--dry-run"])
    english = invoke(["--lang", "en", "import", report, "--dry-run"])
    assert "完成时限" in chinese.stdout and "具体任务" in chinese.stdout and "Deadline" not in chinese.stdout
    assert "Deadline" in english.stdout and "完成时限" not in english.stdout


def test_import_never_clobbers_a_plan_without_force(invoke: Invoke, plan_dir: Path) -> None:
    before = tree(plan_dir)
    refused = invoke(["import", str(REPORTS / "gb18030.txt"), "--out", str(plan_dir)])
    assert refused.exit_code == 6 and "already holds a plan" in refused.stderr
    assert tree(plan_dir) == before
    forced = invoke(["import", str(REPORTS / "gb18030.txt"), "--out", str(plan_dir), "--force"])
    assert forced.exit_code == 0
    assert tree(plan_dir) == tree(REPORTS / "gb18030.expected")  # the old initiative files are gone


def revised_seed(folder: Path, *edits: tuple[str, str]) -> Path:
    """The seed report with some wording changed, as a revised report would come in."""
    text = SEED.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    report = folder / "revised.txt"
    report.write_text(text, encoding="utf-8")
    return report


def test_update_keeps_what_people_filled_in_and_reports_changes(invoke: Invoke, plan_dir: Path, tmp_path: Path) -> None:
    invoke(["done", "2.1.1", "--on", "2024-03-28", "--note", "方案已印发", "--plan", str(plan_dir)])
    invoke(["done", "2.1.3", "--on", "2024-12-20", "--plan", str(plan_dir)])
    path = plan_dir / "2-1.yaml"
    rewrite(path, "\nowner:\n", "\nowner: 改革科\n")
    report = revised_seed(
        tmp_path,
        ("12月底前，出台《派出机构和人员管理办法》", "11月底前，出台《派出机构和人员管理办法》"),
        ("三是建立健全登记管理制度。", "三是建立健全登记管理制度。9月底前，完成登记档案数字化。"),
    )

    result = invoke(["import", str(report), "--out", str(plan_dir), "--update"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "changed: 2.1.3: deadline 12月底前 -> 11月底前" in lines
    assert "added: 4.3.3 9月底前: 完成登记档案数字化" in lines  # a fresh id: 4.3.1 and 4.3.2 keep theirs
    assert "kept done dates, notes and owners of: 2.1.1, 2.1.3" in lines
    assert not [line for line in lines if line.startswith("removed")]
    plan = load_plan(plan_dir)
    assert plan.problems == ()
    (initiative,) = [i for i in plan.initiatives if i.id == "2.1"]
    first, third = initiative.milestones[0], initiative.milestones[2]
    assert (first.done, [n.text for n in first.notes], initiative.owner) == (
        date(2024, 3, 28),
        ["方案已印发"],
        "改革科",
    )
    assert (third.id, third.phrase, third.done) == ("2.1.3", "11月底前", date(2024, 12, 20))
    (registry,) = [i for i in plan.initiatives if i.id == "4.3"]
    assert [(m.id, m.phrase) for m in registry.milestones] == [
        ("4.3.3", "9月底前"),
        ("4.3.1", "6月底前"),
        ("4.3.2", None),
    ]
    assert "smtp:" in (plan_dir / "workplan.yaml").read_text(encoding="utf-8")  # settings untouched


def test_update_reports_its_changes_in_the_plans_language(invoke: Invoke, plan_dir: Path, tmp_path: Path) -> None:
    invoke(["done", "4.2.1", "--on", "2024-02-27", "--plan", str(plan_dir)])
    report = revised_seed(
        tmp_path,
        ("制定我区2023年度XX监督检查计划", "制定我区2024年度XX监督检查计划"),
        ("四是规范编外人员管理。12月底前，推动", "四是规范编外人员管理。推动"),
    )
    result = invoke(["import", str(report), "--out", str(plan_dir), "--update", "--lang", "zh"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    reworded = "变更：4.2.1：任务改写：制定我区2023年度XX监督检查计划 -> 制定我区2024年度XX监督检查计划"
    assert f"{reworded}；原完成日期 2024-02-27 未保留" in lines
    assert "变更：3.4.1：完成时限 12月底前 -> 持续" in lines
    assert lines[1] == "计划年度 2024（依据：标题）"


def test_update_reports_reworded_and_removed_milestones(invoke: Invoke, plan_dir: Path, tmp_path: Path) -> None:
    invoke(["done", "4.2.1", "--on", "2024-02-27", "--plan", str(plan_dir)])
    report = revised_seed(
        tmp_path,
        ("制定我区2023年度XX监督检查计划", "制定我区2024年度XX监督检查计划"),
        ("四是规范编外人员管理。12月底前，推动", "四是规范编外人员管理。推动"),
        ("12月底前，出台《派出机构和人员管理办法》，规范派出机构和人员管理。", ""),
    )
    result = invoke(["import", str(report), "--out", str(plan_dir), "--update"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    reworded = "changed: 4.2.1: task reworded: 制定我区2023年度XX监督检查计划 -> 制定我区2024年度XX监督检查计划"
    assert f"{reworded}; its done date 2024-02-27 was not carried over" in lines
    assert "changed: 3.4.1: deadline 12月底前 -> ongoing" in lines
    assert "removed: 2.1.3 12月底前: 出台《派出机构和人员管理办法》，规范派出机构和人员管理" in lines
    assert [m.id for i in load_plan(plan_dir).initiatives if i.id == "2.1" for m in i.milestones] == [
        "2.1.1",
        "2.1.2",
        "2.1.4",
    ]


# ---------------------------------------------------------------------------------------------
# Every date accounted for (issue 11)


def test_notice_with_attachment_accounts_for_every_date() -> None:
    text = (REPORTS / "notice-with-attachment.txt").read_text(encoding="utf-8")
    draft = parse_report(text)
    assert (draft.year, draft.year_reason) == (2025, "title")  # not the cited 〔2024〕4号
    fates = [(m.line, m.text, m.fate, m.reason if m.fate == "not-a-deadline" else "") for m in draft.mentions]
    assert fates == [
        (2, "〔2025〕2号", "not-a-deadline", "own-document-number"),
        (3, "2025年", "not-a-deadline", "plan-year"),
        (5, "〔2024〕4号", "not-a-deadline", "cited-document"),
        (5, "每季度末", "recurring", ""),  # the notice's own instruction: initiative 0.1
        (6, "2025年", "not-a-deadline", "plan-year"),
        (8, "2025年1月10日", "not-a-deadline", "signing-date"),
        (10, "2025年", "not-a-deadline", "plan-year"),
        (12, "2024年", "not-a-deadline", "past-event"),
        (12, "3月底前", "deadline", ""),  # the section's preamble is kept: initiative 1.1
        (14, "3月底前", "deadline", ""),  # a one-sentence item
        (16, "2025年1月11日-2025年10月底", "deadline", ""),  # a phase with its dates in brackets
        (17, "6月底前", "deadline", ""),  # "1.6月底前": a nested item, not the number 1.6
        (19, "5月底", "not-a-deadline", "status-date"),
        (19, "14个工作日内", "not-a-deadline", "per-case-limit"),
        (20, "於2025年9月30日前", "deadline", ""),  # Traditional characters
        (20, "每半年", "recurring", ""),
        (22, "年初", "needs-person", ""),
        (22, "年中", "deadline", ""),
    ]
    assert draft.counts() == {"deadline": 6, "recurring": 2, "not-a-deadline": 9, "needs-person": 1}
    assert draft.initiatives[0].id == "0.1" and draft.initiatives[0].milestones[0].task == "报送进展"
    by_text = {m.text: m for m in draft.mentions}
    assert (by_text["2025年1月11日-2025年10月底"].start, by_text["2025年1月11日-2025年10月底"].due) == (
        date(2025, 1, 11),
        date(2025, 10, 31),
    )
    assert by_text["14个工作日内"].milestone == ""  # a per-case limit is no milestone
    initiatives = {i.id: i for i in draft.initiatives}
    assert initiatives["2.1"].owner == "区发改局"
    assert initiatives["2.2"].owner == "区住建局"  # one owner for the whole item: the initiative's
    assert (initiatives["2.2"].lead, initiatives["2.2"].co_units) == ("区住建局", ("区财政局", "区自然资源局"))
    rendered = render_initiative(initiatives["2.2"])
    assert "owner: 区住建局\nlead: 区住建局\nco_units: 区财政局、区自然资源局\n" in rendered
    problems: list[object] = []
    loaded = load_initiative(Path("2-2.yaml"), rendered, 2025, problems)  # type: ignore[arg-type]
    assert problems == [] and loaded is not None
    assert (loaded.lead, loaded.co_units) == ("区住建局", ("区财政局", "区自然资源局"))
    assert by_text["6月底前"].owner == "区住建局"
    assert "報送總結" in initiatives["2.3"].text and "报送" not in initiatives["2.3"].text  # kept as written


def test_year_from_own_document_number_and_refusal_lists_candidates() -> None:
    assert parse_report("XX局文件\nX发〔2026〕1号\n一、工作\n3月底前完成甲。").year_reason == "own document number"
    cited = "XX局工作安排\n根据《通知》（X发〔2024〕4号），2023年以来成效明显。\n一、工作\n3月底前完成甲。"
    with pytest.raises(ReportImportError, match="years in the text: 2023") as caught:
        parse_report(cited)
    assert "--year" in str(caught.value) and caught.value.zh and "--year" in caught.value.zh
    assert parse_report(cited, year=2025).year_reason == "--year"
    with pytest.raises(ReportImportError, match="not a plan year"):
        parse_report(cited, year=0)


def test_school_year_title_asks_which_year() -> None:
    with pytest.raises(ReportImportError, match="--year 2024 or --year 2025"):
        parse_report("XX学校2024-2025学年工作计划\n一、教学\n9月底前完成甲。")


# ---------------------------------------------------------------------------------------------
# Reports are untrusted (issue 12, class 3)


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("not-a-zip", "not a zip archive"),
        ("bomb", "zip bomb"),
        ("doctype", "DOCTYPE"),
    ],
)
def test_hostile_docx_is_refused_with_a_message(case: str, message: str, invoke: Invoke, tmp_path: Path) -> None:
    report = tmp_path / f"{case}.docx"
    if case == "not-a-zip":
        report.write_bytes(b"this is not a zip file at all\n" * 10)
    elif case == "bomb":
        _zip(report, {"word/document.xml": b"<w:document>" + b"\0" * (20 * 1024 * 1024)})
    else:
        entities = b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        _zip(report, {"[Content_Types].xml": b"<Types/>", "word/document.xml": entities + b"<d>&b;</d>"})
    result = invoke(["import", str(report), "--out", str(tmp_path / "plan")])
    assert result.exit_code == 6, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert not (tmp_path / "plan").exists()


def test_summary_accounts_for_dates_in_the_users_language(invoke: Invoke, tmp_path: Path) -> None:
    report = str(REPORTS / "damaged-ranges.txt")
    english = invoke(["import", report, "--out", str(tmp_path / "en")])
    assert english.exit_code == 7  # the plan is written, two dates need a person
    assert (tmp_path / "en" / "1-3.yaml").exists()
    assert "plan year 2025 (from the title)" in english.stdout
    assert "dates: 14 found: 7 deadlines, 1 recurring, 4 not deadlines, 2 need a person" in english.stdout
    assert "2 date(s) need a person" in english.stderr
    chinese = invoke(["import", report, "--out", str(tmp_path / "zh"), "--lang", "zh"])
    assert chinese.exit_code == 7
    assert "计划年度 2025（依据：标题）" in chinese.stdout
    assert "日期 14 处：完成时限 7，周期性 1，不是完成时限 4，需人工确认 2" in chinese.stdout
    assert "workplan：警告：第5行：无法识别时限 “112日前”" in chinese.stderr
    assert "2 处日期需人工确认" in chinese.stderr


def test_explain_marks_every_date_with_its_fate(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke(["import", str(REPORTS / "damaged-ranges.txt"), "--dry-run", "--explain"])
    assert result.exit_code == 7
    lines = result.stdout.splitlines()
    marked = next(line for line in lines if line.startswith("   3  "))
    assert "⟦2025年1月11日-2025年10月底⟧" in marked and "截至⟦6月底⟧" in marked
    assert "        ⟦2025年1月11日-2025年10月底⟧ → deadline 2025-01-11…2025-10-31  [1.1.1]" in lines
    assert "        ⟦6月底⟧ → not a deadline: status-date" in lines
    assert any(line.startswith("        ⟦112日前⟧ → needs a person: looks damaged") for line in lines)
    assert "        ⟦2024年12月20日⟧ → not a deadline: signing-date" in lines
    assert not (tmp_path / "plan").exists()


def test_seed_import_exits_0_when_nothing_needs_a_person(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke(["import", str(SEED), "--out", str(tmp_path / "plan")])
    assert result.exit_code == 0
    assert "dates: 21 found: 17 deadlines, 0 recurring, 4 not deadlines, 0 need a person" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "{file}"], "is a file, not a folder"),
        (["--out", "{readonly}/plan"], "cannot write in"),
        (["--year", "0"], "--year 0 is not a plan year"),
    ],
)
def test_bad_out_or_year_is_a_clear_error(args: list[str], message: str, invoke: Invoke, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    readonly = tmp_path / "readonly"
    readonly.mkdir()
    readonly.chmod(0o555)
    filled = [a.format(file=tmp_path / "file", readonly=readonly) for a in args]
    if "--out" not in filled:
        filled += ["--out", str(tmp_path / "plan")]
    result = invoke(["import", str(SEED), *filled])
    assert result.exit_code == 6, result.output
    assert message in result.stderr
    assert not (readonly / "plan").exists()


def _import_on_a_full_disk(report: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run import in a child whose files cannot grow past 4 KiB: a write of a larger file fails like on a full disk."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    command = [sys.executable, "-m", "workplan_cli", "--lang", "en", "import", str(report), "--out", str(out), *extra]
    return subprocess.run(command, capture_output=True, text=True, preexec_fn=limit, timeout=60, check=False)


def test_full_disk_leaves_no_plan_or_the_old_one_intact(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    long_item = "二是大项工作。" + "开展大量细致工作，" * 600 + "12月底前完成。"
    report.write_text(f"2025年工作要点\n一、工作\n一是小项工作。3月底前完成甲。{long_item}\n", encoding="utf-8")
    new = _import_on_a_full_disk(report, tmp_path / "new" / "plan")
    assert new.returncode == 6, new.stderr
    assert "no plan was written" in new.stderr and "Traceback" not in new.stderr
    assert not (tmp_path / "new").exists()

    shutil.copytree(SHIPPED_PLAN, tmp_path / "old")
    before = tree(tmp_path / "old")
    replaced = _import_on_a_full_disk(report, tmp_path / "old", "--force")
    assert replaced.returncode == 6, replaced.stderr
    assert "the plan already there is intact" in replaced.stderr
    assert tree(tmp_path / "old") == before  # no file changed, no temporary file left


def test_task_tables_give_milestones_with_their_owners() -> None:
    text = (
        "XX局2025年重点任务清单\n"
        "一、重点任务\n"
        "序号 | 任务 | 牵头单位 | 配合单位 | 完成时限\n"
        "1 | 完成甲方案 | 区发改局 | 区财政局、区住建局 | 3月底前\n"
        "2\t建成乙平台\t区数据局\t\t2025年10月底\n"
        "3 | 开展丙调研 | 区民政局 | | 全年\n"
    )
    draft = parse_report(text)
    milestones = draft.initiatives[0].milestones
    assert [(m.phrase, m.task, m.owner, m.lead, m.co_units) for m in milestones] == [
        ("3月底前", "完成甲方案", "区发改局", "区发改局", ("区财政局", "区住建局")),
        ("2025年10月底", "建成乙平台", "区数据局", "区数据局", ()),
        ("全年", "开展丙调研", "区民政局", "区民政局", ()),
    ]
    fates = {m.text: (m.fate, m.due) for m in draft.mentions}
    assert fates["3月底前"] == ("deadline", date(2025, 3, 31))
    assert fates["全年"][0] == "needs-person"  # a time column saying 全年: end of year, or all year long?


def test_years_in_cited_documents_and_told_events_are_not_deadlines() -> None:
    text = (
        "XX局2025年工作要点\n"
        "一、总体要求\n"
        "深入贯彻《关于印发2024年XX规划（2021-2035年）的通知》精神。5月6日下午，局里召开动员会。"
        "自2020年开展试点以来成效明显。2026年在全市率先建成平台。\n"
    )
    fates = {m.text: (m.fate, m.reason) for m in parse_report(text).mentions}
    assert fates["2024年"] == ("not-a-deadline", "cited-document")
    assert fates["5月6日"] == ("not-a-deadline", "past-event")
    assert fates["2020年"] == ("not-a-deadline", "past-event")
    assert fates["2026年"] == ("deadline", "")  # a target year at the start of a clause: due by its end
    assert fates["2025年"] == ("not-a-deadline", "plan-year")


def test_a_report_that_is_not_a_regular_file_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)  # reading it would wait forever
    result = invoke(["import", str(fifo), "--out", str(tmp_path / "plan")])
    assert result.exit_code == 6
    assert "not a regular file" in result.stderr
    devzero = invoke(["import", "/dev/zero", "--out", str(tmp_path / "plan")])
    assert devzero.exit_code == 6 and "not a regular file" in devzero.stderr


def test_a_school_year_plan_puts_the_second_term_in_the_next_year() -> None:
    text = (
        "XX学校2014—2015学年工作安排\n一、教学\n第一学期于9月1日开学，2月2日（农历腊月十四）放寒假。"
        "第二学期6月底前完成期末考试。\n"
    )
    draft = parse_report(text, year=2014)
    fates = {m.text: (m.fate, m.due, m.reason) for m in draft.mentions}
    assert fates["于9月1日"][:2] == ("deadline", date(2014, 9, 1))
    assert fates["2月2日"][:2] == ("deadline", date(2015, 2, 2))
    assert fates["6月底前"][:2] == ("deadline", date(2015, 6, 30))
    assert fates["腊月十四"] == ("not-a-deadline", None, "other")
    phrases = [m.phrase for m in draft.initiatives[0].milestones if m.phrase]
    assert phrases == ["于9月1日", "2015年2月2日", "2015年6月底前"]  # written so that plan files read alike


def test_months_sharing_one_day_each_get_that_day() -> None:
    draft = parse_report("XX税务局2024年申报日历\n一、申报期限\n1月、3月申報納稅期限分別截至當月15日。\n")
    fates = {m.text: (m.fate, m.due) for m in draft.mentions}
    assert fates["1月"] == ("deadline", date(2024, 1, 15))
    assert fates["3月"] == ("deadline", date(2024, 3, 15))
    assert fates["當月15日"] == ("not-a-deadline", None)
    assert [m.phrase for m in draft.initiatives[0].milestones if m.phrase] == ["1月15日", "3月15日"]


def test_a_dated_clause_keeps_its_brackets_and_the_words_before_its_deadline() -> None:
    """F13: `(填写附件1)` keeps its `)`, and the object written before the deadline phrase
    (制定全年办理工作方案, 各季度及全年完成情况) stays with that dated milestone instead of being
    spliced into an ongoing one (`…工作方案,并。同时,…`)."""
    report = (
        "关于2025年重点工作的通知\n"
        "一、工作要求\n"
        "（一）认真组织办理。各牵头单位对照目标任务要求,认真制定全年办理工作方案,并于1月20日前经主要负责人审定后"
        "书面报区政府督查室(填写附件1)。同时,将各季度完成情况4月8日、7月8日前,经主要负责人审定后报送至督查室(填写附件2)。"
        "其他责任单位要积极配合。\n"
    )
    draft = parse_report(report)
    tasks = {m.id: (m.phrase, m.task) for m in draft.initiatives[0].milestones}
    assert tasks == {
        "1.1.1": (
            "于1月20日前",
            "各牵头单位对照目标任务要求,认真制定全年办理工作方案,并经主要负责人审定后书面报区政府督查室(填写附件1)",
        ),
        "1.1.2": ("4月8日", "同时,将各季度完成情况经主要负责人审定后报送至督查室(填写附件2)"),
        "1.1.3": ("7月8日前", "同时,将各季度完成情况经主要负责人审定后报送至督查室(填写附件2)"),
        "1.1.4": (None, "其他责任单位要积极配合"),
    }


def test_a_flattened_table_not_understood_needs_a_person_and_its_header_is_a_period_label(
    invoke: Invoke, tmp_path: Path
) -> None:
    """F15: a quarterly table flattened one cell per line (序号 / 重点工作 / … / 第二季度 / 完成情况):
    the header cell 第二季度 names the period the column covers, not a deadline; the cells joined
    into one milestone are nonsense a person must restructure, so import says so and exits 7."""
    report = SAMPLES / "reports" / "real" / "xiangshan-2024-town-key-work-table.txt"
    draft = parse_report(report.read_text(encoding="utf-8"))
    header = next(m for m in draft.mentions if m.line == 21)
    assert (header.text, header.fate, header.reason) == ("第二季度", "not-a-deadline", "period-label")
    assert all(m.phrase is None for i in draft.initiatives for m in i.milestones)
    result = invoke(["import", str(report), "--out", str(tmp_path / "plan"), "--lang", "zh"])
    assert result.exit_code == 7
    assert (tmp_path / "plan" / "workplan.yaml").exists()  # written, for the person to put right
    assert "第3–51行：结构无法识别" in result.stderr
    assert "需人工整理" in result.stderr


def test_a_notice_issuing_a_plan_is_titled_and_dated_by_the_plan_it_issues() -> None:
    """F23: a copy that starts at 现将《…》印发 has no title line of its own: the plan is the one named in
    《》 (not the notice's first sentence), and that name gives the year."""
    report = SAMPLES / "reports" / "real" / "mirror-2025-city-target-breakdown-traditional.txt"
    draft = parse_report(report.read_text(encoding="utf-8"))
    assert draft.title == "2025年市〈政府工作報告〉目標任務責任分解方案"
    assert (draft.year, draft.year_reason) == (2025, "name of the attached plan")
    simplified = (
        "各单位：\n现将《2026年重点工作分解方案》印发给你们，请认真执行。\n一、工作要求\n（一）3月底前完成甲方案。\n"
    )
    draft = parse_report(simplified)
    assert (draft.title, draft.year) == ("2026年重点工作分解方案", 2026)


def test_a_report_with_one_year_in_its_text_is_refused_with_the_command_to_use_it(
    invoke: Invoke, tmp_path: Path
) -> None:
    """F24: when the text names exactly one year but not as its own (no title year, no own number),
    import still asks (that year may be a cited document's), but names it and gives the command."""
    report = tmp_path / "r.txt"
    text = "工作安排\n根据2025年会议精神，制定本安排。\n一、第一部分\n一是做事。3月底前，完成。\n"
    report.write_text(text, encoding="utf-8")
    refused = invoke(["import", str(report), "--out", str(tmp_path / "plan"), "--lang", "zh"])
    assert refused.exit_code == 6
    assert "文中只出现 2025 年" in refused.stderr
    assert f"workplan import {report} --out {tmp_path / 'plan'} --year 2025" in refused.stderr.replace("\n", "")
    english = invoke(["import", str(report), "--dry-run", "--lang", "en"])
    assert "only 2025 appears in the text" in english.stderr
    assert f"workplan import {report} --dry-run --year 2025" in english.stderr.replace("\n", "")
    assert not (tmp_path / "plan").exists()
