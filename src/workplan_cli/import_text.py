"""A copied report's lines: copy artifacts and web-page furniture, what each line is (head, section,
body, sign-off), the title, and the content joined with the place each piece came from."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from workplan_cli.deadlines import (
    normalize_chars,
)

_ARTIFACTS = re.compile(r"##paid(?:begin|end)##")
# Web-page furniture around a copied report: whole lines that are not part of it.
FURNITURE = re.compile(
    r"^\s*(?:[-·•*]\s*)?(?:分享到|扫一扫|打印本页|关闭窗口|【打印】|【关闭】|【字体|字号[:：]|来源[:：]|信息来源|发布日期|发布时间|访问量|浏览量|阅读量|"
    r"发文日期|成文日期|印发日期|浏览次数|访问次数|阅读次数|点击数|责任编辑|当前位置|索引号|主题分类|发文机关|"
    r"【大】|【中】|【小】|首页\s*[>＞»]|网站地图|打印\s*关闭|\[打印\]|\[关闭\]|公文生成日期|备注/文号|文\s*号\s|"
    r"标\s*题[:：\s]|有\s*效\s*性|信息分类|发布机构|(?:全文|正文)\s*$)"
)
# A line of page metadata: two or more "label: value" pairs (来源: … 发布日期: …), or one with a date.
_METADATA_LABELS = re.compile(
    r"(?:来源|发布日期|发布时间|时间|浏览量|浏览次数|访问量|解读单位|解读类型|解读方式|名\s*称|索引号|发文字号|"
    r"成文日期|作者|点击数?)\s*[:：]"
)
# Pinyin in brackets that some mirrors add after characters: 發(fā)布日期.
PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")
CN_NUMERALS = "一二三四五六七八九十"
SECTION = re.compile(rf"^\s*([{CN_NUMERALS}]+)、")
TITLE_WORDS = (
    *("计划", "计画", "计畫", "要点", "报告", "方案", "安排", "通知", "意见", "清单", "台账", "通报"),
    *("日历", "校历", "时间表", "进度表"),
)
SENTENCE_END = "。；;！!？?"
_CLOSING = ("特此报告", "特此说明", "特此通知", "以上报告", "抄送", "（此件", "(此件")
ATTACHMENT = re.compile(r"^\s*附\s*件\s*\d*\s*[:：]?")
CITING = ("根据", "按照", "依据", "依照", "贯彻", "落实", "《", "转发", "执行")


def clean_report(text: str) -> str:
    """Remove copy artifacts and page furniture; keep the wording (XX placeholders included).

    Lines keep their numbers: a furniture line becomes empty, not removed.
    """
    lines = report_lines(text)
    return "\n".join("" if FURNITURE.match(normalize_chars(line)) else line for line in lines)


def report_lines(text: str) -> list[str]:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return _ARTIFACTS.sub("", text).split("\n")


# 现将《2025年…分解方案》印发给你们 (Traditional 現將《…》印發): the plan the notice issues.
_ISSUES = re.compile(r"[现現][将將]((?:《[^《》]+》)+)[^，,。]{0,6}?(?:印|转|轉|下)[发發]")


def issued_name(head: list[str]) -> str | None:
    """The name of the plan a notice issues (现将《…》印发), when it issues exactly one."""
    for line in head[:8]:
        if m := _ISSUES.search(line):
            names = re.findall(r"《([^《》]+)》", m[1])
            return names[0] if len(names) == 1 else None
    return None


# Pieces of the report with their place in it


class Piece(NamedTuple):
    """A part of the report's text and where it starts in the joined source (for line numbers)."""

    at: int
    text: str

    def strip(self, chars: str | None = None) -> Piece:
        lead = len(self.text) - len(self.text.lstrip(chars))
        return Piece(self.at + lead, self.text.strip(chars))

    def cut(self, start: int, end: int | None = None) -> Piece:
        end = len(self.text) if end is None else end
        return Piece(self.at + start, self.text[start:end])


@dataclass
class Source:
    """The report's lines that carry its content, joined with newlines, and where each came from."""

    text: str
    starts: list[int]  # offset of each source line in text
    numbers: list[int]  # its 1-based line number in the report
    indents: list[int]  # how many blanks were stripped from its start
    regions: list[str]  # what each line is (see line_regions)

    def place(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.numbers[index], self.indents[index] + offset - self.starts[index]


_TITLE_WORDS_FIRST = ("计划", "计画", "计畫", "要点", "报告", "方案", "安排", "通知")


def report_title(lines: list[str], regions: list[str]) -> str:
    """The report's title: the first line of the head that names what it is, else the first line."""
    head = [line.strip() for line, region in zip(lines, regions, strict=True) if region == "head" and line.strip()]
    first = next((line.strip() for line in lines if line.strip()), "")
    title = next(
        (line for line in head[:6] if any(word in normalize_chars(line) for word in _TITLE_WORDS_FIRST)),
        head[0] if head else first,
    )
    if _ISSUES.search(title) and (name := issued_name([title])):
        return name  # a copy starting at 现将《…》印发: the plan it issues, not that sentence
    return title


_WHOLE_DATE = (
    r"(?:(?:19|20)\d\d|[一二三四五六七八九〇零]{4}|(?:中[华華])?民[国國]\s*1[01]\d)\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})?\s*月"
    r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})?\s*日?"
)
_ISSUED = r"(?:印发|印|发布|签发|成文)?"  # 2024年3月28日印发
DATE_ONLY_LINE = re.compile(
    rf"^\s*{_WHOLE_DATE}{_ISSUED}\s*$"
    r"|^\s*(?:19|20)\d\d[01]?\d[0-3]?\d\s*$"  # 2024327: the same with 年 and 月 lost in copying
)
# A sign-off on one line: the office, then the date it signed (XX区人民政府办公室 2024年3月28日).
_OFFICE = (
    r"[^\s。；;，,：:、]{0,28}"
    r"(?:办公室|政府|委员会|委|局|厅|部|院|处|室|中心|公司|集团|学校|学院|大学|小组|街道|办事处|党委|党组|镇|乡|管委会|科)"
)
SIGNED_LINE = re.compile(rf"^\s*{_OFFICE}(?:\s+{_OFFICE})*\s+{_WHOLE_DATE}{_ISSUED}\s*$")


def signing_line(folded: str) -> bool:
    """Whether a line is only a date, or an office's name and a date: how a notice is signed."""
    return bool(DATE_ONLY_LINE.match(folded) or SIGNED_LINE.match(folded))


def line_regions(lines: list[str]) -> list[str]:
    """What each line of the report is: head, section, body, signoff, furniture or blank.

    An attachment (附件) starts a new head: its sections continue the numbering.
    """
    regions: list[str] = []
    state = "head"
    for line in lines:
        folded = PINYIN.sub("", normalize_chars(line)).strip()
        if not folded:
            regions.append("blank")
            continue
        if FURNITURE.match(folded) or (len(_METADATA_LABELS.findall(folded)) >= 2 and "。" not in folded):
            regions.append("furniture")
            continue
        if ATTACHMENT.match(folded):
            state = "head"
            regions.append("attachment")
            continue
        if SECTION.match(folded) and state != "signoff":
            state = "body"
            regions.append("section")
            continue
        if state == "body" and (folded.startswith(_CLOSING) or signing_line(folded)):
            state = "signoff"
            # The office's name just above the signing date belongs to the sign-off too.
            previous = _next_filled(regions, len(regions), -1)
            if (
                DATE_ONLY_LINE.match(folded)
                and previous is not None
                and regions[previous] == "body"
                and _office_name(lines[previous])
            ):
                regions[previous] = "signoff"
        regions.append(state)
    return regions


# A document number on a line of its own: 高政字〔2024〕5号, 鞍立政发[2023]2号.
# Also in brackets of its own under the title: (鲁农函字〔2009〕42号).
_OWN_NUMBER_LINE = re.compile(
    r"[(（]?[^\s。，,()（）]{0,12}[〔\[［(（【]\s*(?:19|20)\d\d\s*[〕\]］)）】]\s*第?\s*\d{1,4}\s*号[)）]?"
)


def regions_without_sections(lines: list[str], regions: list[str]) -> list[str]:
    """A report with no line starting 一、: its title (a short line naming what it is) and what is
    above it stay the head; the rest is the body, where sections may still run inline (…。二、…)."""
    title_index = -1
    for index, (line, region) in enumerate(zip(lines, regions, strict=True)):
        folded = normalize_chars(line).strip()
        if region != "head":
            continue
        if any(word in folded for word in TITLE_WORDS) and len(folded) <= 80 and "。" not in folded:
            title_index = index
            continue  # a title repeated or broken over lines below it stays in the head too
        if title_index >= 0:
            break
        if len(folded) > 80 or "。" in folded:
            break  # prose: the report starts without a title
    if title_index >= 0:
        # Right under the title, still the head: its own number (高政字〔2024〕5号) and the addressees (各乡镇：).
        below = title_index + 1
        while below < len(lines) and regions[below] in ("head", "blank"):
            folded = normalize_chars(lines[below]).strip()
            numbered = _OWN_NUMBER_LINE.fullmatch(folded)
            addressed = len(folded) <= 80 and "。" not in folded and folded.endswith((":", "："))
            if folded and not (numbered or addressed):
                break
            title_index = below if folded else title_index
            below += 1
    regions = ["body" if region == "head" and index > title_index else region for index, region in enumerate(regions)]
    # The sign-off at the end (an office's name and the date, on one line or two) is not body text,
    # nor the notes after it ((此件公开发布), 抄送…).
    last = len(regions) - 1
    while last > title_index and (
        regions[last] == "blank" or normalize_chars(lines[last]).strip().startswith(_CLOSING)
    ):
        if regions[last] != "blank":
            regions[last] = "signoff"
        last -= 1
    if last > title_index and regions[last] == "body" and signing_line(normalize_chars(lines[last])):
        regions[last] = "signoff"
        above = _next_filled(regions, last, -1)
        if above is not None and above > title_index and _office_name(lines[above]):
            regions[above] = "signoff"
    # A notice signed before its attachment: the date alone on its line just above or below the
    # 附件：… line (二〇〇九年七月九日 / 附件：) signs the notice, as one at the very end does.
    for index, line in enumerate(lines):
        if regions[index] == "body" and DATE_ONLY_LINE.match(normalize_chars(line)):
            neighbours = [_next_filled(regions, index, step) for step in (-1, 1)]
            if any(n is not None and regions[n] == "attachment" for n in neighbours):
                regions[index] = "signoff"
    return regions


def _office_name(line: str) -> bool:
    """Whether a line could be the office signing above its date: short, and no sentence."""
    name = line.strip()
    return len(name) <= 30 and not any(ch in name for ch in "。；，,;：:")


def _next_filled(regions: list[str], index: int, step: int) -> int | None:
    """The nearest line above (step -1) or below (step 1) that is not blank."""
    index += step
    while 0 <= index < len(regions) and regions[index] == "blank":
        index += step
    return index if 0 <= index < len(regions) else None


# Inside a line: a section number right after the end of a sentence (…制定本实施办法。一、指导思想…).
_INLINE_SECTION = re.compile(rf"(?<=[。；;！!？?])\s*(?=[{CN_NUMERALS}]+、)")


def content_source(lines: list[str], regions: list[str], *, split_sections: bool = False) -> Source:
    """The content lines joined with newlines; with ``split_sections``, a line holding several sections
    is cut before each inline 一、 (each part keeps its place in the report's line)."""
    parts: list[str] = []
    starts: list[int] = []
    numbers: list[int] = []
    indents: list[int] = []
    kept: list[str] = []
    offset = 0
    for number, (line, region) in enumerate(zip(lines, regions, strict=True), 1):
        if region not in ("section", "body", "head"):
            continue
        cuts = [0]
        if split_sections and region == "body":
            cuts += [m.end() for m in _INLINE_SECTION.finditer(line) if m.end() > 0]
        for index, cut in enumerate(cuts):
            piece = line[cut : cuts[index + 1] if index + 1 < len(cuts) else len(line)]
            stripped = piece.strip()
            if not stripped:
                continue
            starts.append(offset)
            numbers.append(number)
            indents.append(cut + len(piece) - len(piece.lstrip()))
            kept.append(region)
            parts.append(stripped)
            offset += len(stripped) + 1
    return Source("\n".join(parts), starts, numbers, indents, kept)


_TELLS = re.compile(r"报告|通报|进度|进展|情形|情况|总结|汇报")
_PLANS = re.compile(r"计划|计画|计畫|方案|要点|安排|意见|分解|政府工作报告|清单|台账|任务|思路|打算|重点|目标|部署")


# 现将有关情况汇报如下 / 现将…落实情况报告如下: the opening of a report of what was done
_TELLS_BELOW = re.compile(r"现将[^。；;]{0,30}情况(?:汇报|报告|通报)如下")


def tells_progress(title: str, opening: Sequence[str] = ()) -> bool:
    """Whether a report tells what was done (…业务报告(106年2月), …进展情况通报), not a plan: its title
    says so, or its first lines say what follows is such a report (a copy without its title)."""
    folded = normalize_chars(title)
    if _TELLS.search(folded) and not _PLANS.search(folded):
        return True
    return any(_TELLS_BELOW.search(normalize_chars(line)) for line in opening)
