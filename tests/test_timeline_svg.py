"""`timeline --svg`: a chart drawn from the dates, with no external reference, whose texts never overlap
when a real browser lays them out (headless Chromium)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import Invoke

SVG = "{http://www.w3.org/2000/svg}"


def _chart(invoke: Invoke, plan_dir: Path, tmp_path: Path, *args: str) -> Path:
    target = tmp_path / "timeline.svg"
    result = invoke(["timeline", "--as-of", "2024-06-17", "--svg", str(target), "--plan", str(plan_dir), *args])
    assert result.exit_code == 0, result.output
    return target


def test_svg_is_a_chart_with_no_external_reference(invoke: Invoke, plan_dir: Path, tmp_path: Path) -> None:
    source = _chart(invoke, plan_dir, tmp_path).read_text(encoding="utf-8")
    root = ET.fromstring(source)
    assert root.tag == f"{SVG}svg"
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert [f"{m}月" for m in range(1, 13)] == [t for t in texts if re.fullmatch(r"\d+月", t)]
    assert "持续推进智慧蓉城建设" in texts and "today 2024-06-17" in texts
    # Nothing is loaded from anywhere: the only URL is the SVG namespace itself.
    assert re.findall(r"https?://[^\s\"']+", source) == ["http://www.w3.org/2000/svg"]
    assert "@import" not in source and "url(" not in source and "<image" not in source
    assert 'font-family="system-ui' in source
    # Marks are coloured by status: 4.2.1 overdue (red) in February, 1.1.1 upcoming (green) in September.
    circles = [c for c in root.iter(f"{SVG}circle")]
    assert {c.get("fill") for c in circles} >= {"#c62828", "#1565c0", "#2e7d32"}


def test_plan_text_is_escaped_in_the_svg(invoke: Invoke, plan_dir: Path, tmp_path: Path) -> None:
    initiative = plan_dir / "1-1.yaml"
    initiative.write_text(
        initiative.read_text(encoding="utf-8").replace("title: 持续推进智慧蓉城建设", 'title: "<script>x</script>&"'),
        encoding="utf-8",
    )
    source = _chart(invoke, plan_dir, tmp_path).read_text(encoding="utf-8")
    ET.fromstring(source)  # still well-formed
    assert "<script>" not in source and "&lt;script&gt;x&lt;/script&gt;&amp;" in source


_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">
{svg}
<pre id="boxes"></pre>
<script>
const boxes = [...document.querySelectorAll('svg text')].map(t => {{
  const b = t.getBBox(); return [t.textContent, b.x, b.y, b.width, b.height];
}});
document.getElementById('boxes').textContent = JSON.stringify(boxes);
</script></body></html>"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_texts_do_not_overlap_in_chromium(invoke: Invoke, plan_dir: Path, tmp_path: Path, lang: str) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if chromium is None:
        pytest.skip("chromium is not installed: the SVG cannot be laid out by a browser here")
    svg = _chart(invoke, plan_dir, tmp_path, "--lang", lang).read_text(encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(_PAGE.format(svg=svg.split("?>", 1)[1]), encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    found = re.search(r'<pre id="boxes">(.*?)</pre>', result.stdout, re.S)
    assert found, result.stderr[-2000:]
    boxes = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<"))
    assert len(boxes) > 30
    width = float(ET.fromstring(svg).get("width", "0"))
    overlaps = []
    for i, (a, ax, ay, aw, ah) in enumerate(boxes):
        assert aw > 0 and ax >= 0 and ax + aw <= width + 0.5, (a, ax, aw, width)  # inside the picture
        for b, bx, by, bw, bh in boxes[i + 1 :]:
            if min(ax + aw, bx + bw) - max(ax, bx) > 1 and min(ay + ah, by + bh) - max(ay, by) > 1:
                overlaps.append((a, b))
    assert overlaps == []
