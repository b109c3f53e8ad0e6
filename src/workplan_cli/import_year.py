"""The plan year of a report and its reason: ``--year``, its own title, its own document number, an
attachment's title or the plan a notice issues; never a number it cites. Also the years written in a
mention and a school year named in the opening."""

from __future__ import annotations

import re
from dataclasses import dataclass

from workplan_cli.deadlines import (
    normalize_chars,
    parse_numeral,
)
from workplan_cli.errors import ReportImportError
from workplan_cli.i18n import ImportMsg
from workplan_cli.import_text import (
    ATTACHMENT,
    CITING,
    FURNITURE,
    PINYIN,
    SECTION,
    TITLE_WORDS,
    issued_name,
    report_lines,
)

_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d\d|[一二三四五六七八九〇零]{4})\s*年")
_ROC_YEAR_IN_TITLE = re.compile(r"(?:民国|(?<!\d))(1[01]\d)\s*年(?=度|\d{1,2}\s*月)")
_YEARS_IN_TITLE = re.compile(r"((?:19|20)\d\d)\s*(?:年|学年)?\s*(?:—|–|-|－|~|至|到)\s*((?:19|20)\d\d)\s*(?:年|学年)")
_DOC_NUMBER = re.compile(r"[〔\[［(（【]\s*((?:19|20)\d\d)\s*[〕\]］)）】]\s*第?\s*\d{1,4}\s*号")


@dataclass(frozen=True)
class YearChoice:
    year: int
    reason: str  # title | own document number | attachment title | --year


def choose_year(lines: list[str], explicit: int | None) -> YearChoice:
    """``--year``, else the report's own title, else its own document number; never a cited one.

    The title is a line of the head (before the first section) that names what the report is
    (…工作计划, …要点, …通知); the own document number stands on a line of its own in the head
    (XX区市监发〔2025〕3号), while a cited one follows 根据/按照 or sits inside a sentence.
    """
    if explicit is not None:
        if not 1900 <= explicit <= 2200:
            raise ReportImportError(ImportMsg.BAD_YEAR, year=explicit)
        return YearChoice(explicit, "--year")
    heads = _head_blocks(lines)
    attachment_heads = [line for lines_of in heads[1:] for line in lines_of]
    for reason, head in (("title", heads[0]), ("attachment title", attachment_heads)):
        for line in head[:8]:
            folded = normalize_chars(line)
            if not any(word in folded for word in TITLE_WORDS) or len(folded) > 80:
                continue
            if "。" in folded or folded.strip().startswith(CITING):
                continue  # a sentence of the preamble, not a title
            folded = _DOC_NUMBER.sub("", folded)
            if (span := _YEARS_IN_TITLE.search(folded)) and span[1] != span[2]:
                own = _own_number_year(head)
                if own is not None and int(span[1]) <= own <= int(span[2]):
                    # 三年行动方案（2020—2022年） under its own 〔2020〕5号: the number says which year
                    return YearChoice(own, "own document number")
                raise YearUnclearError(
                    ImportMsg.TWO_YEARS_IN_TITLE,
                    [int(span[1]), int(span[2])],
                    first=span[1],
                    second=span[2],
                    title=line.strip(),
                )
            if m := _YEAR_IN_TITLE.search(folded):
                return YearChoice(parse_numeral(m[1]), reason)
            if m := _ROC_YEAR_IN_TITLE.search(folded):
                return YearChoice(int(m[1]) + 1911, reason)  # 民國113年度, …報告(106年2月): +1911
        if (own := _own_number_year(head)) is not None:
            return YearChoice(own, "own document number")
    name = issued_name(heads[0])
    if (
        name
        and not _YEARS_IN_TITLE.search(normalize_chars(name))
        and (m := _YEAR_IN_TITLE.search(normalize_chars(name)))
    ):
        return YearChoice(parse_numeral(m[1]), "name of the attached plan")
    written = (
        r"((?:19|20)\d\d)\s*(?:年|学年|[—–\-~至到]\s*(?:19|20)\d\d)"
        r"|[〔\[［(（【—–\-~至到]((?:19|20)\d\d)[〕\]］)）】年学]"
        r"|^\s*((?:19|20)\d\d)\s*$"  # a year alone on its line: the year cell of a calendar grid
        r"|([一二三四五六七八九〇零]{4})\s*年"  # 二○○一年四月四日: a signing date in Chinese numerals
    )
    folded_lines = (PINYIN.sub("", normalize_chars(line)) for line in lines)
    found = (m[1] or m[2] or m[3] or parse_numeral(m[4]) for line in folded_lines for m in re.finditer(written, line))
    candidates = sorted({int(year) for year in found if 1900 <= int(year) <= 2199})
    listed = ", ".join(str(y) for y in candidates)
    if len(candidates) == 1:
        # Still asked, not assumed: a lone year outside the title and the own number is as often a
        # cited document's or a past event's (根据…〔2016〕13号) as the plan's.
        only = candidates[0]
        raise YearUnclearError(ImportMsg.ONE_YEAR_IN_TEXT, candidates, year=only)
    if candidates:
        raise YearUnclearError(ImportMsg.NO_YEAR_LISTED, candidates, years=listed)
    raise YearUnclearError(ImportMsg.NO_YEAR, candidates)


def _own_number_year(head: list[str]) -> int | None:
    """The year of the report's own document number: one on a short line of the head, not cited."""
    for line in head[:8]:
        folded = normalize_chars(line).strip()
        m = _DOC_NUMBER.search(folded)
        if m and len(folded) <= 40 and not folded.startswith(CITING) and "。" not in folded:
            return int(m[1])
    return None


class YearUnclearError(ReportImportError):
    """The plan year could not be told from the report; ``candidates`` are the years its text names."""

    def __init__(self, key: ImportMsg, candidates: list[int], /, **fields: object) -> None:
        super().__init__(key, **fields)
        self.candidates = candidates


def plan_year(text: str, explicit: int | None) -> int:
    """The plan year of a report's text (see :func:`choose_year`)."""
    return choose_year(report_lines(text), explicit).year


def _head_blocks(lines: list[str]) -> list[list[str]]:
    """The report's head (lines before its first section), then each attachment's head."""
    blocks: list[list[str]] = [[]]
    collecting = True
    for line in lines:
        folded = normalize_chars(line).strip()
        if not folded or FURNITURE.match(folded):
            continue
        if ATTACHMENT.match(folded):
            blocks.append([ATTACHMENT.sub("", folded).strip()] if ATTACHMENT.sub("", folded).strip() else [])
            collecting = True
        elif SECTION.match(folded):
            collecting = False
        elif collecting:
            blocks[-1].append(folded)
    return blocks


def names_school_year(lines: list[str], year: int) -> bool:
    """Whether the report's opening names the school year starting in the plan year (2014—2015学年)."""
    for line in lines:
        folded = PINYIN.sub("", normalize_chars(line))
        for m in re.finditer(r"((?:19|20)\d\d)\s*年?\s*[—–\-~至到]\s*((?:19|20)\d\d)\s*学年", folded):
            if int(m[1]) == year and int(m[2]) == year + 1:
                return True
    return False


def year_written_in(text: str) -> int | None:
    folded = normalize_chars(text)
    if m := re.search(r"((?:19|20)\d\d)", folded):
        return int(m[1])
    if m := re.search(r"([一二三四五六七八九〇零]{4})年", folded):
        return parse_numeral(m[1])
    if m := re.match(r"(?:于|在|到|至)?(?:民国(1[01]\d)年|(1[01]\d)年(?:度|\d{1,2}月|底|末|[上下]半年))", folded):
        return int(m[1] or m[2]) + 1911  # the Republic of China calendar: 105年 is 2016
    return None
