"""The report's web page in headless Chromium: nothing wider than a 390 px phone, and a screenshot."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SHIPPED_PLAN
from tests.reportdemo import demo_plan
from workplan_cli.periods import Period, PeriodKind
from workplan_cli.planfiles import load_plan
from workplan_cli.report import build_report
from workplan_cli.views.report_blocks import report_blocks
from workplan_cli.views.report_html import render_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Chromium's headless window is at least 500 px wide, so the page is measured inside a 390 px frame;
# the probe reports the widest element's right edge and the page's scroll width to the outer page.
PROBE = """<script>addEventListener("load", () => {
  let right = 0, widest = "";
  for (const e of document.querySelectorAll("body *")) {
    const r = e.getBoundingClientRect();
    if (r.right > right) { right = r.right; widest = e.tagName; }
  }
  parent.postMessage(JSON.stringify({inner: innerWidth, scroll: document.documentElement.scrollWidth,
    right: right, widest: widest, tables: document.querySelectorAll("table").length}), "*");
});</script>"""


def _frame(page: str, width: int) -> str:
    inner = page.replace("</body>", PROBE + "</body>")
    return (
        '<!DOCTYPE html><html><body style="margin:0">'
        f'<iframe style="width:{width}px;height:3000px;border:0" srcdoc="{html.escape(inner, quote=True)}"></iframe>'
        '<script>addEventListener("message", e => document.body.setAttribute("data-probe", e.data))</script>'
        "</body></html>"
    )


def _chromium(tmp_path: Path, *args: str) -> str:
    assert CHROMIUM is not None
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    result = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return result.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed here (CI installs Debian's package)")
def test_the_report_page_fits_a_phone(tmp_path: Path) -> None:
    plan = demo_plan(load_plan(SHIPPED_PLAN, use_cache=False))
    quarter = Period(PeriodKind.QUARTER, 2024, 2)
    page = render_html(report_blocks(build_report(plan, quarter, quarter.end), "zh"))
    assert "http" not in page.replace('name="viewport"', "")  # self-contained: no external resource
    framed = tmp_path / "framed.html"
    framed.write_text(_frame(page, 390), encoding="utf-8")
    dom = _chromium(tmp_path, "--window-size=500,3000", "--virtual-time-budget=5000", "--dump-dom", framed.as_uri())
    found = re.search(r'data-probe="([^"]*)"', dom)
    assert found, "the probe did not report"
    probe = json.loads(html.unescape(found[1]))
    assert probe["inner"] == 390 and probe["tables"] == 3
    assert probe["scroll"] <= 390, probe
    assert probe["right"] <= 390, probe
    shot = tmp_path / "phone.png"
    _chromium(tmp_path, "--window-size=500,1600", f"--screenshot={shot}", framed.as_uri())
    assert shot.stat().st_size > 10_000  # a picture of the page, not a blank one


@pytest.mark.skipif(
    CHROMIUM is None or shutil.which("pdfinfo") is None,
    reason="chromium or poppler's pdfinfo is not installed here (CI installs both from Debian)",
)
def test_the_report_page_prints_on_a4(tmp_path: Path) -> None:
    plan = demo_plan(load_plan(SHIPPED_PLAN, use_cache=False))
    quarter = Period(PeriodKind.QUARTER, 2024, 2)
    page = tmp_path / "q2.html"
    page.write_text(render_html(report_blocks(build_report(plan, quarter, quarter.end), "zh")), encoding="utf-8")
    printed = tmp_path / "q2.pdf"
    _chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={printed}", page.as_uri())
    info = subprocess.run(["pdfinfo", str(printed)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    assert 2 <= int(re.search(r"Pages:\s+(\d+)", info)[1]) <= 8  # type: ignore[index]
