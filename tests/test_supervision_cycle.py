"""The whole supervision cycle with real files: collect → units fill the forms (one saved again by
LibreOffice Calc, one sent back as CSV) → ingest into a plan kept in git → show / ledger / digest /
chase, a second ingest changing nothing, a tampered form refused with its cell named."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from workplan_cli.planfiles import load_plan

from .conftest import Invoke
from .smtp_server import smtp_server
from .supervision_plan import supervised_plan
from .test_git_merge import git

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
COLUMNS = {"progress": 8, "problems": 9, "next": 10, "percent": 11, "done_request": 12, "evidence": 13}


def fill(path: Path, answers: dict[str, dict[str, object]]) -> None:
    """What a unit does in its spreadsheet program: type into the white cells of some rows."""
    book = load_workbook(path)
    sheet = book.active
    assert sheet is not None
    for row in range(5, sheet.max_row + 1):
        for key, value in answers.get(str(sheet.cell(row, 1).value), {}).items():
            sheet.cell(row, COLUMNS[key]).value = value  # type: ignore[assignment]
    book.save(path)


def through_calc(source: Path, target_format: str, work: Path) -> Path:
    """The file opened and saved again by LibreOffice Calc (headless), with a private profile."""
    assert SOFFICE is not None
    out = work / f"calc-{target_format.split(':')[0]}"
    profile = (work / "lo-profile").as_uri()
    result = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target_format, "--outdir",
         str(out), str(source)],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    suffix = "." + target_format.split(":")[0]
    converted = out / (source.stem + suffix)
    assert result.returncode == 0 and converted.exists(), result.stdout + result.stderr
    return converted


def milestone_spans(path: Path) -> dict[str, range]:
    """The lines of each milestone in a plan file: from its `- id:` line to the line before the next."""
    lines = path.read_text(encoding="utf-8").split("\n")
    starts = [(i + 1, m[1]) for i, line in enumerate(lines) if (m := re.match(r'\s*- id: "([\d.]+)"', line))]
    ends = [start for start, _ in starts[1:]] + [len(lines) + 1]
    return {milestone_id: range(start, end) for (start, milestone_id), end in zip(starts, ends, strict=True)}


def changed_old_lines(repo: Path) -> dict[str, list[int]]:
    """For each changed file, the old line numbers around which `git diff -U0` says lines changed."""
    changed: dict[str, list[int]] = {}
    current = ""
    for line in git(repo, "diff", "-U0").splitlines():
        if line.startswith("+++ b/"):
            current = line[6:]
        elif m := re.match(r"@@ -(\d+)(?:,(\d+))? \+", line):
            start, count = int(m[1]), int(m[2] if m[2] is not None else 1)
            # A pure insertion (count 0) goes after old line `start`: it belongs to that line's milestone.
            changed.setdefault(current, []).extend(range(start, start + count) if count else [start])
    return changed


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc")
def test_collect_fill_ingest_show_and_chase_with_real_files(invoke: Invoke, tmp_path: Path) -> None:
    repo = tmp_path / "office"
    plan = supervised_plan(repo / "plan")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "plan with units")
    forms = tmp_path / "forms"

    made = invoke(["collect", "--plan", str(plan), "--period", "2024-06", "--out", str(forms), "--as-of", "2024-06-20"])
    assert made.exit_code == 0, made.output
    assert sorted(p.name for p in forms.iterdir()) == sorted(
        f"2024-06-{unit}.xlsx" for unit in ("机构编制科", "改革科", "法制科", "监督检查科")
    )

    # 改革科 fills its form in a spreadsheet program that writes .xlsx as openpyxl does.
    fill(
        forms / "2024-06-改革科.xlsx",
        {
            "2.1.1": {
                "progress": "方案已印发",
                "percent": 100,
                "done_request": date(2024, 3, 28),
                "evidence": "方案.pdf",
            },
            "2.1.2": {"progress": "试点进行中", "problems": "人员不足", "next": "7月总结", "percent": 60},
        },
    )
    # 法制科 fills its form, and LibreOffice Calc saves it again (its own styles, dates as numbers).
    fill(forms / "2024-06-法制科.xlsx", {"2.1.2": {"progress": "已审核《权责清单管理办法》草案", "percent": 70}})
    from_calc = through_calc(forms / "2024-06-法制科.xlsx", "xlsx", tmp_path)
    saved = load_workbook(from_calc).active
    assert saved is not None and saved.protection.sheet  # Calc keeps the locks and the validation
    assert {v.type for v in saved.data_validations.dataValidation} == {"whole", "date"}
    # 监督检查科 sends its sheet back as CSV (saved by Calc).
    fill(forms / "2024-06-监督检查科.xlsx", {"4.2.1": {"progress": "检查计划已报审", "percent": 90}})
    as_csv = through_calc(forms / "2024-06-监督检查科.xlsx", "csv:Text - txt - csv (StarCalc):44,34,76,1", tmp_path)
    returned = [str(forms / "2024-06-改革科.xlsx"), str(from_calc), str(as_csv)]

    preview = invoke(["ingest", *returned, "--plan", str(plan), "--as-of", "2024-06-26"])
    assert preview.exit_code == 0, preview.output
    assert "4 progress entries to write; nothing written yet" in preview.stdout
    assert "2.1.1: evidence '方案.pdf' is not in plan/evidence/ yet" in preview.stderr
    assert git(repo, "status", "--porcelain") == ""
    (plan / "evidence" / "2024-06").mkdir(parents=True)
    (plan / "evidence" / "2024-06" / "方案.pdf").write_bytes(b"%PDF-1.4\n")

    ingested = invoke(["ingest", *returned, "--plan", str(plan), "--as-of", "2024-06-26", "--yes"])
    assert ingested.exit_code == 0, ingested.output
    assert "evidence" not in ingested.stderr  # found under plan/evidence/ now
    assert "wrote 4 progress entries into 2 file(s)" in ingested.stdout

    # git diff touches only the answered milestones' lines, in the files holding them.
    answered = {"plan/2-1.yaml": {"2.1.1", "2.1.2"}, "plan/4-2.yaml": {"4.2.1"}}
    changed = changed_old_lines(repo)
    assert set(changed) == set(answered)
    for name, lines in changed.items():
        old = tmp_path / "old.yaml"
        old.write_text(git(repo, "show", f"HEAD:{name}"), encoding="utf-8")
        spans = milestone_spans(old)
        touched = {milestone for milestone, span in spans.items() for line in lines if line in span}
        assert touched == answered[name], (name, lines)

    shown = invoke(["show", "2.1", "--plan", str(plan), "--json", "--as-of", "2024-06-26"])
    rows = {row["id"]: row for row in json.loads(shown.stdout)}
    assert rows["2.1.1"]["done_requested"] == "2024-03-28" and rows["2.1.1"]["done"] is None
    assert [(n["by"], n["period"], n["progress"], n["percent"]) for n in rows["2.1.2"]["notes"]] == [
        ("改革科", "2024-06", "试点进行中", 60),
        ("法制科", "2024-06", "已审核《权责清单管理办法》草案", 70),
    ]
    assert rows["2.1.2"]["lead"] == "改革科" and rows["2.1.2"]["co_units"] == ["法制科"]
    assert rows["2.1.2"]["percent"] == 70  # the latest entry that states one
    four = json.loads(invoke(["show", "4.2.1", "--plan", str(plan), "--json"]).stdout)
    assert [n["progress"] for n in four[0]["notes"]] == ["检查计划已报审"]

    # A second ingest of the same forms changes nothing.
    diff = git(repo, "diff")
    again = invoke(["ingest", *returned, "--plan", str(plan), "--as-of", "2024-06-27", "--yes"])
    assert again.exit_code == 0, again.output
    assert "nothing new to write" in again.stdout and git(repo, "diff") == diff

    # The ledger, the terminal view and the digest show the entries.
    ledger = invoke(["export", "--csv", "-", "--plan", str(plan), "--as-of", "2024-06-26"])
    table = list(csv.DictReader(io.StringIO(ledger.stdout_bytes.decode("utf-8-sig"))))
    row = next(r for r in table if r["序号"] == "2.1.2")
    assert (row["进展情况"], row["完成进度"], row["责任单位"], row["配合单位"]) == (
        "2024-06-26 2024-06 法制科：已审核《权责清单管理办法》草案", "70%", "改革科", "法制科"
    )  # fmt: skip
    assert next(r for r in table if r["序号"] == "2.1.1")["完成情况"] == "已申请销号（2024-03-28），待确认"
    terminal = invoke(["show", "2.1", "--plan", str(plan), "--as-of", "2024-06-26"], WORKPLAN_LANG="zh")
    assert "[2024-06 改革科 60%] 进展：试点进行中；问题：人员不足；下步：7月总结" in terminal.stdout
    assert "2.1.1：已于 2024-03-28 申请销号，待确认（workplan accept 2.1.1）" in terminal.stdout
    digest = invoke(["digest", "--plan", str(plan), "--as-of", "2024-06-26"], WORKPLAN_LANG="zh")
    assert "最新进展（2024-06 法制科 70%）：已审核《权责清单管理办法》草案" in digest.stdout
    assert "2024-06 尚未报送进展：机构编制科" in digest.stdout

    # 催办: the unit that did not answer is named.
    chased = invoke(["chase", "--plan", str(plan), "--period", "2024-06", "--as-of", "2024-06-26"])
    assert chased.exit_code == 0, chased.output
    assert "Progress reports for 2024-06: 1 unit(s) have not reported, 3 have" in chased.stdout
    assert "机构编制科" in chased.stdout.split("Reported:")[0]

    # The office accepts the 销号 request.
    accepted = invoke(["accept", "2.1.1", "--plan", str(plan)])
    assert accepted.exit_code == 0, accepted.output
    milestone = next(m for _, m in load_plan(plan, use_cache=False).milestones() if m.id == "2.1.1")
    assert (milestone.done, milestone.done_requested) == (date(2024, 3, 28), None)

    # A tampered form is refused, the cell named, nothing written.
    tampered = forms / "2024-06-机构编制科.xlsx"
    book = load_workbook(tampered)
    sheet = book.active
    assert sheet is not None
    sheet["D6"] = "12月底前"  # a later deadline written over a locked cell
    sheet["H5"] = "已完成"
    book.save(tampered)
    diff = git(repo, "diff")
    refused = invoke(["ingest", str(tampered), "--plan", str(plan), "--as-of", "2024-06-26", "--yes"])
    assert refused.exit_code == 8
    assert f"{tampered}:D6: a locked cell was changed" in refused.stderr
    assert git(repo, "diff") == diff


def test_collect_by_email_sends_each_unit_its_form(invoke: Invoke, tmp_path: Path) -> None:
    plan = supervised_plan(tmp_path / "plan")
    settings = plan / "workplan.yaml"
    with smtp_server() as server:
        text = settings.read_text(encoding="utf-8").replace("port: 25", f"port: {server.port}")
        text = text.replace("  监督检查科: [jiandu@example.gov.cn]\n", "")  # a unit with no address
        settings.write_text(text.replace("from: workplan@localhost", "from: office@example.gov.cn"), encoding="utf-8")
        result = invoke(["collect", "--plan", str(plan), "--period", "2024-Q2", "--by-email", "--as-of", "2024-06-20"])
        received = list(server.received)
    assert result.exit_code == 0, result.output
    assert "监督检查科" in result.stderr and "not sent" in result.stderr
    assert sorted(r.recipients[0] for r in received) == [
        "bianzhi@example.gov.cn",
        "fazhi@example.gov.cn",
        "gaige@example.gov.cn",
    ]
    reform = next(r.message for r in received if r.recipients == ["gaige@example.gov.cn"])
    assert reform["Subject"] == "关于2024年工作计划的报告 进展情况填报表（2024-Q2）：改革科"
    (attachment,) = list(reform.iter_attachments())
    assert attachment.get_filename() == "2024-Q2-改革科.xlsx"
    form = tmp_path / "returned.xlsx"
    form.write_bytes(attachment.get_content())
    fill(form, {"2.1.2": {"progress": "试点进行中", "percent": 50}})
    ingested = invoke(["ingest", str(form), "--plan", str(plan), "--as-of", "2024-06-26", "--yes"])
    assert ingested.exit_code == 0, ingested.output
    note = next(m for _, m in load_plan(plan, use_cache=False).milestones() if m.id == "2.1.2").notes[0]
    assert (note.by, note.period, note.percent) == ("改革科", "2024-Q2", 50)


def test_ingest_accept_closes_at_once_and_a_bad_csv_is_refused(invoke: Invoke, tmp_path: Path) -> None:
    plan = supervised_plan(tmp_path / "plan")
    forms = tmp_path / "forms"
    invoke(["collect", "--plan", str(plan), "--unit", "改革科", "--out", str(forms), "--as-of", "2024-06-20"])
    form = forms / "2024-06-改革科.xlsx"
    fill(form, {"2.1.1": {"progress": "方案已印发", "done_request": "2024-03-28"}})
    result = invoke(["ingest", str(form), "--plan", str(plan), "--as-of", "2024-06-26", "--yes", "--accept"])
    assert result.exit_code == 0, result.output
    milestone = next(m for _, m in load_plan(plan, use_cache=False).milestones() if m.id == "2.1.1")
    assert (milestone.done, milestone.done_requested) == (date(2024, 3, 28), None)

    returned = tmp_path / "returned.csv"
    book = load_workbook(form)
    sheet = book.active
    assert sheet is not None
    with returned.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        for row in sheet.iter_rows(values_only=True):
            writer.writerow(["" if value is None else value for value in row])
    rows = list(csv.reader(returned.open(encoding="utf-8-sig")))
    rows[5][10] = "一百"  # 完成进度 in words
    rows[5][2] = rows[5][2] + "（已改）"
    with returned.open("w", encoding="utf-8-sig", newline="") as stream:
        csv.writer(stream).writerows(rows)
    refused = invoke(["ingest", str(returned), "--plan", str(plan), "--as-of", "2024-06-26", "--yes"])
    assert refused.exit_code == 8
    assert f"{returned}:C6: a locked cell was changed" in refused.stderr
    assert f"{returned}:K6: 完成进度 '一百' is not a whole number from 0 to 100" in refused.stderr


def test_digest_by_owner_reaches_lead_and_co_units(invoke: Invoke, tmp_path: Path) -> None:
    plan = supervised_plan(tmp_path / "plan")
    settings = plan / "workplan.yaml"
    with smtp_server() as server:
        settings.write_text(
            settings.read_text(encoding="utf-8").replace("port: 25", f"port: {server.port}"), encoding="utf-8"
        )
        result = invoke(["digest", "--send", "--by-owner", "--plan", str(plan), "--as-of", "2024-06-17"])
        received = {r.recipients[0]: r.message for r in server.received}
    assert result.exit_code == 0, result.output
    assert sorted(received) == sorted(
        ["bianzhi@example.gov.cn", "gaige@example.gov.cn", "fazhi@example.gov.cn", "jiandu@example.gov.cn"]
    )
    text = received["fazhi@example.gov.cn"].get_body(("plain",))
    assert text is not None
    body = text.get_content()
    assert "2.1.2" in body and "4.2.1" in body  # a co-unit of sections 2 and 4
    assert "1.4.1" not in body  # 机构编制科's alone


def test_unit_and_leader_filters_on_due_list_stats_and_digest(invoke: Invoke, tmp_path: Path) -> None:
    plan = supervised_plan(tmp_path / "plan")

    def ids(*args: str) -> list[str]:
        result = invoke([*args, "--plan", str(plan), "--as-of", "2024-06-17", "--json"])
        assert result.exit_code == 0, result.output
        return [row["id"] for row in json.loads(result.stdout)]

    co_unit = ids("list", "--unit", "法制科")  # a co-unit of sections 2 and 4
    assert co_unit and {i.split(".")[0] for i in co_unit} == {"2", "4"}
    assert ids("list", "--leader", "王主任") == [i for i in ids("list") if i.split(".")[0] in ("1", "3")]
    assert ids("due", "--unit", "改革科") == ["2.1.1", "2.2.1", "2.1.2", "2.2.2", "2.3.1"]  # soonest first
    assert ids("due", "--unit", "改革科", "--leader", "王主任") == []
    stats = invoke(["stats", "--plan", str(plan), "--unit", "监督检查科", "--as-of", "2024-06-17"])
    assert "四、" in stats.stdout and "一、" not in stats.stdout and "张副主任" in stats.stdout
    digest = invoke(["digest", "--plan", str(plan), "--unit", "机构编制科", "--as-of", "2024-06-17"])
    assert "1.4.1" in digest.stdout and "2.2.1" not in digest.stdout


def test_collect_without_a_destination_answers_in_the_plans_language(invoke: Invoke, plan_dir: Path) -> None:
    # F39: a Chinese plan got "say where the forms go" in English.
    result = invoke(["collect", "--period", "2024-06", "--plan", str(plan_dir)], WORKPLAN_LANG="")
    assert result.exit_code == 2 and "请指明表格去向" in result.stderr
