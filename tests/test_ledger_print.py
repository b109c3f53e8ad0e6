"""The printed ledger (工作台账): converted by LibreOffice itself, every task's text is on the page in
full (rows as tall as their wrapped text), and the columns fit one A4 landscape page wide."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.conftest import Invoke
from workplan_cli.views.ledger import PAGE_UNITS, fit_widths, lines_needed


def test_row_lines_count_chinese_wider_than_latin() -> None:
    assert lines_needed("", 10) == 1
    assert lines_needed("一二三四五", 10) == 1  # 9 units in 9 of room
    assert lines_needed("一二三四五六", 10) == 2
    assert lines_needed("abcdefghi", 10) == 1 and lines_needed("abcdefghij", 10) == 2
    assert lines_needed("一\n二", 10) == 2  # each paragraph starts a line


def test_widths_fit_the_page_and_narrow_the_wide_columns_first() -> None:
    widths = {"序号": 8.0, "具体任务": 150.0, "进展情况": 100.0}
    floors = {"序号": 6.0, "具体任务": 10.0, "进展情况": 10.0}
    fitted = fit_widths(widths, floors)
    assert sum(fitted.values()) == pytest.approx(PAGE_UNITS)
    assert fitted["具体任务"] > fitted["进展情况"] > fitted["序号"] >= 6


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _printed_in_full(task: str, text: str) -> bool:
    """The task's characters all appear, in order, from where its first line starts: the PDF's text
    runs row by row across the columns, so a cell's lines may have a neighbour's text between them."""
    start = text.find(task[:8])
    if start < 0:
        return False
    rest = iter(text[start : start + 6 * len(task)])
    return all(ch in rest for ch in task)


def test_libreoffice_prints_every_task_in_full_on_a4_landscape(invoke: Invoke, plan_dir: Path, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) or poppler (pdftotext) is not installed: the ledger cannot be printed here")
    ledger = tmp_path / "ledger.xlsx"
    assert invoke(["export", "--xlsx", str(ledger), "--as-of", "2024-06-17", "--plan", str(plan_dir)]).exit_code == 0
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(tmp_path), str(ledger)],
            check=True, capture_output=True, timeout=240,
        )  # fmt: skip
    pdf = tmp_path / "ledger.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())  # type: ignore[union-attr]
    assert (round(width), round(height)) == (842, 595)  # A4, landscape
    assert 1 <= pages <= 4  # 26 milestones: one page wide, a few long
    text = _squeeze(subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout)
    rows = json.loads(invoke(["list", "--json", "--plan", str(plan_dir)]).stdout)
    tasks = sorted((row["task"] for row in rows), key=len)[-5:]  # the five longest, the likeliest to be cut
    assert len(tasks[0]) > 50
    for task in tasks:
        assert _printed_in_full(_squeeze(task), text), task[:20]  # none of it cut off by a short row
    # A row too short for its text would still carry the clipped lines in the PDF's text, drawn over
    # the next row: so no two printed lines may overlap.
    layout = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True, text=True)
    for page in layout.stdout.split("<page ")[1:]:
        found = re.findall(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', page)
        lines = [tuple(map(float, box)) for box in found]
        assert len(lines) > 20
        overlapping = [
            (a, b)
            for i, a in enumerate(lines)
            for b in lines[i + 1 :]
            if min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1
        ]
        assert overlapping == []
    # Every milestone's id is printed, so no row fell off the page's right or bottom edge.
    for ident in ("1.1.1", "2.3.1", "4.3.2"):
        assert ident in text
