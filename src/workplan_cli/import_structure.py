"""A report's structure: sections 一、, items （一）/ 1. /（1）/ ① / 一是, sentences, task tables
(任务 | 责任单位 | 完成时限) and the 责任单位 / 牵头单位 / 配合单位 that own tasks."""

from __future__ import annotations

import re

from workplan_cli.deadlines import (
    find_date_mentions,
    normalize_chars,
    parse_numeral,
)
from workplan_cli.import_drafts import Units
from workplan_cli.import_text import CN_NUMERALS, SECTION, SENTENCE_END, Piece, Source


def split_sections(source: Source, regions: list[str]) -> list[tuple[int, Piece, Piece]]:
    """(number, heading, body) for each 一、 paragraph, with the paragraphs under it.

    Sections count 一、二、三… ; an attachment's 一、 continues the numbering after the notice's.
    """
    found: list[tuple[int, Piece, int, int]] = []  # number, heading, body start, body end
    restart = 0  # sections before the current attachment
    last_attachment_line = 0
    attachment_lines = [n for n, region in enumerate(regions, 1) if region == "attachment"]
    for index, start in enumerate(source.starts):
        end = source.starts[index + 1] - 1 if index + 1 < len(source.starts) else len(source.text)
        line = source.text[start:end]
        number = source.numbers[index]
        newer = [n for n in attachment_lines if last_attachment_line < n < number]
        if newer:
            restart, last_attachment_line = len(found), newer[-1]
        if source.regions[index] == "head":
            continue  # the report's (or an attachment's) title and opening, outside the sections
        m = SECTION.match(normalize_chars(line))
        if m and parse_numeral(m[1]) == len(found) - restart + 1:
            cut = line.find("。")
            heading = Piece(start, line if cut == -1 else line[:cut]).strip()
            body_start = end if cut == -1 else start + cut + 1
            found.append((len(found) + 1, heading, body_start, end))
        elif found:
            found[-1] = (found[-1][0], found[-1][1], found[-1][2], end)
    if not found:
        # No sections at all: the body is one section, without a heading of its own.
        body_lines = [index for index, region in enumerate(source.regions) if region != "head"]
        if not body_lines:
            return []
        first, last = body_lines[0], body_lines[-1]
        end = source.starts[last + 1] - 1 if last + 1 < len(source.starts) else len(source.text)
        body = Piece(source.starts[first], source.text[source.starts[first] : end])
        return [(1, Piece(body.at, ""), body.strip())]
    return [
        (number, heading, Piece(body_start, source.text[body_start:body_end]).strip())
        for number, heading, body_start, body_end in found
        if heading.text
    ]


_ITEM_MARKERS = (
    re.compile(rf"(?:^|(?<=[。；\n]))\s*([{CN_NUMERALS}]+)是"),  # 一是 二是
    re.compile(rf"(?:^|(?<=[。；\n]))\s*[（(]([{CN_NUMERALS}]+)[）)]"),  # （一） (一)
    re.compile(r"(?:^|(?<=[。；\n]))\s*(\d{1,2})\s*[.、．](?!\d(?!\d?\s*月))"),  # 1. 1、 (and 1.6月底前…)
    re.compile(r"(?:^|(?<=[。；\n]))\s*[（(](\d{1,2})[）)]"),  # （1）
    re.compile(r"(?:^|(?<=[。；\n]))\s*([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])"),  # ①
)
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _marker_number(text: str) -> int:
    if text in _CIRCLED:
        return _CIRCLED.index(text) + 1
    return int(text) if text.isdigit() else parse_numeral(text)  # int() also reads full-width １


def _numbered(marker: re.Pattern[str], body: str) -> list[re.Match[str]]:
    """The marker's matches that count 1, 2, 3… in order (a stray 一是 inside prose is skipped)."""
    starts: list[re.Match[str]] = []
    for m in marker.finditer(body):
        if _marker_number(m[1]) == len(starts) + 1:
            starts.append(m)
    return starts


def section_items(heading: Piece, body: Piece) -> list[tuple[int, tuple[Piece, Piece, Piece]]]:
    """(number, (title, verbatim text, body after the title)) for each initiative of a section.

    A section uses one numbering style for its initiatives: the one that starts first, so that
    1. items nested inside （一） items stay part of them. Text before the first item (the
    section's preamble) is an initiative of its own, numbered 0; so is a heading that names a date.
    """
    folded = normalize_chars(body.text)
    candidates = [found for marker in _ITEM_MARKERS if (found := _numbered(marker, folded))]
    section_title = Piece(heading.at, heading.text)
    m = SECTION.match(normalize_chars(heading.text))
    if m:
        section_title = heading.cut(m.end()).strip()
    if not candidates:
        # A section with no numbered items is one initiative, titled by its heading.
        if body.text:
            return [(1, (section_title, body, body))]
        return [(1, (section_title, heading, Piece(heading.at + len(heading.text), "")))]
    starts = min(candidates, key=lambda found: found[0].start())
    items: list[tuple[int, tuple[Piece, Piece, Piece]]] = []
    preamble = body.cut(0, starts[0].start()).strip()
    if preamble.text.strip(EDGE) or find_date_mentions(section_title.text):
        items.append((0, (section_title, preamble, preamble)))
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(body.text)
        verbatim = body.cut(match.start(), end).strip()
        content = body.cut(match.end(), end).strip()
        title, rest = _split_title(content)
        items.append((index + 1, (title, verbatim, rest)))
    return items


_CLOSERS = {"）": "（", ")": "(", "】": "【", "》": "《", "”": "“"}


def balanced_task(task: str) -> str:
    """A task cut out of a sentence, without the closing brackets whose opening one stayed outside it
    (`（3月底前）完成…`) but with those it opened itself (`报督查室(填写附件1)` keeps its `)`)."""
    while task and task[0] in _CLOSERS:
        task = task[1:].lstrip(EDGE)
    while task and task[-1] in _CLOSERS and task.count(task[-1]) > task.count(_CLOSERS[task[-1]]):
        task = task[:-1].rstrip(EDGE)
    return task


def _split_title(content: Piece) -> tuple[Piece, Piece]:
    """An item's title ends at its first 。 or, for a heading on a line of its own, at the line end."""
    text = content.text
    cut = min((i for i in (text.find("。"), text.find("\n")) if i != -1), default=len(text))
    return content.cut(0, cut).strip(), content.cut(min(cut + 1, len(text))).strip()


def split_sentences(text: Piece) -> list[Piece]:
    pieces: list[Piece] = []
    begin = 0
    for index, ch in enumerate(text.text):
        if ch == "\n" or ch in SENTENCE_END:
            end = index if ch == "\n" else index + 1
            pieces.append(text.cut(begin, end))
            begin = index + 1
    pieces.append(text.cut(begin))
    return [p.strip() for p in pieces if p.text.strip()]


EDGE = "，,、：:；;。 \t"
LIST_MARKER = re.compile(
    rf"^\s*(?:\d{{1,2}}\s*[.、．](?!\d(?!\d?\s*月))|[（(][{CN_NUMERALS}]+[）)]|[{CN_NUMERALS}]+是|[（(]\d{{1,2}}[）)]|[{_CIRCLED}])\s*"
)
# 责任单位：区发改局 (a line or a bracket of its own): who owns the tasks above it.
_OWNER = re.compile(
    r"[（(]?\s*(?P<label>责任单位|责任部门|牵头单位|牵头部门|负责单位|主办单位|主责单位|责任科室|配合单位|协办单位|配合部门)"
    r"\s*[:：]\s*(?P<units>[^）)]*)[）)]?\s*[。；;]?\s*$"
)
_OWNER_LABELS = re.compile(
    r"(责任单位|责任部门|牵头单位|牵头部门|负责单位|主办单位|主责单位|责任科室|配合单位|协办单位|配合部门)\s*[:：]"
)
_LEAD_WORDS = ("牵头单位", "牵头部门", "主办单位")
_CO_WORDS = ("配合单位", "协办单位", "配合部门")


OPEN_WORDS = ("持续", "长期", "常态化", "适时", "逐步", "经常性", "长效")
_TABLE_ROLES = (
    ("time", re.compile(r"完成时限|完成时间|时间节点|时限|时间安排|进度安排|完成期限")),
    ("co", re.compile(r"配合单位|协办单位|配合部门|协同单位")),
    ("owner", re.compile(r"责任单位|牵头单位|责任部门|牵头部门|责任科室|责任处室|负责处室|负责部门|主办单位")),
    (
        "task",
        re.compile(
            r"重点工作|主要工作|工作任务|具体任务|主要任务|重点任务|目标任务|任务内容|工作内容|活动内容|主要内容|具体措施|工作措施|任务"
        ),
    ),
)


def _cells(line: Piece) -> list[Piece]:
    """The cells of a table line split at | or tabs, each with its place."""
    cells: list[Piece] = []
    begin = 0
    for index, ch in enumerate(line.text + "|"):
        if ch in "|\t":
            cells.append(line.cut(begin, index).strip())
            begin = index + 1
    return cells


# A header cell that is only a date column's name (起止日期 of a school's term calendar); not 生成日期:
# of a web page's furniture, which has more words and a colon.
_DATE_COLUMN = re.compile(r"\s*(?:起止|完成)?(?:日期|时间)\s*")
# A cell that holds a day (2月24日, 3月1日-3月7日, 2024年6月底): where a shifted row's time really is.
_DAY_CELL = re.compile(r"\d{1,2}\s*月\s*(?:\d{1,2}\s*[日号]|底|末|上旬|中旬|下旬)|(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}")


def _role(header: str) -> str:
    folded = normalize_chars(header)
    if _DATE_COLUMN.fullmatch(folded):
        return "time"
    return next((role for role, pattern in _TABLE_ROLES if pattern.search(folded)), "")


def _aligned(roles: list[str], cells: list[Piece], previous_time: Piece | None) -> dict[str, Piece]:
    """A table row's cells by column role, also when merged cells shift them.

    A copied table loses its merged cells: a row may carry a label before its day (开学前 | 2月24日 |
    task | unit), or leave out the day it shares with the row above (task | unit, under 3月1日-3月7日).
    Where the time column holds no day but the row's cells say which way they moved, the cells are put
    back in their columns, and a row that left its day out takes the day of the row above.
    """
    row = {role: cell for role, cell in zip(roles, cells, strict=False) if role}
    if "time" not in roles or (time := row.get("time")) is None or not time.text.strip() or _DAY_CELL.search(time.text):
        return row  # aligned, or an empty time cell: an ongoing row as before
    at = roles.index("time")
    filled, header_filled = [c for c in cells if c.text.strip()], len([r for r in roles if r])
    dated = next((i for i, c in enumerate(cells) if _DAY_CELL.search(c.text)), None)
    if dated is not None and dated > at and len(filled) > header_filled:
        return {role: cell for role, cell in zip(roles, cells[dated - at :], strict=False) if role}
    if dated is None and previous_time is not None and len(filled) < header_filled:
        shifted = {role: cell for role, cell in zip(roles[at + 1 :], cells, strict=False) if role}
        return {**shifted, "time": previous_time, "time-shared": previous_time}
    return row


def table_rows(body: Piece) -> tuple[list[dict[str, Piece]], list[tuple[int, int]]]:
    """Rows of the task tables in ``body`` (任务 | 责任单位 | 完成时限), by column role, and the spans they cover.

    A table is a header naming a time column, then rows: one line per row with | or tab between
    the cells, or (a table flattened by copying) one cell per line, each line ending with |.
    """
    lines: list[Piece] = []
    begin = 0
    for index, ch in enumerate(body.text + "\n"):
        if ch == "\n":
            lines.append(body.cut(begin, index))
            begin = index + 1
    rows: list[dict[str, Piece]] = []
    covered: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        cells = _cells(line) if re.search(r"[|\t]", line.text) else []
        if len(cells) >= 3 and any(_role(c.text) == "time" for c in cells) and len([c for c in cells if c.text]) >= 3:
            roles = [_role(c.text) for c in cells]
            header_of = {role: cell for role, cell in zip(roles, cells, strict=True) if role}
            start = line.at
            index += 1
            previous_time: Piece | None = None
            while index < len(lines) and re.search(r"[|\t]", lines[index].text):
                rows.append(_aligned(roles, _cells(lines[index]), previous_time))
                if (time := rows[-1].get("time")) is not None and _DAY_CELL.search(time.text):
                    previous_time = time
                rows[-1]["owner-header"] = header_of.get("owner", Piece(0, ""))
                index += 1
            covered.append((start, lines[index - 1].at + len(lines[index - 1].text) + 1))
            continue
        # Flattened: "序号 |", "重点工作 |", … one header cell per line, then the rows' cells.
        header: list[str] = []
        walk = index
        while (
            walk < len(lines)
            and lines[walk].text.rstrip().endswith("|")
            and not re.match(r"^\s*\d+\s*\|", lines[walk].text)
        ):
            header.append(_role(lines[walk].text.rstrip().rstrip("|")) or lines[walk].text.strip(" |"))
            walk += 1
        roles = [h if h in ("time", "co", "owner", "task") else "" for h in header]
        if len(header) >= 3 and "time" in roles:
            start = line.at
            while walk + len(header) <= len(lines) and all(
                lines[walk + k].text.rstrip().endswith("|") for k in range(len(header))
            ):
                rows.append({role: lines[walk + k] for k, role in enumerate(roles) if role})
                rows[-1]["owner-header"] = next(
                    (lines[index + k] for k, role in enumerate(roles) if role == "owner"), Piece(0, "")
                )
                walk += len(header)
            covered.append((start, lines[walk - 1].at + len(lines[walk - 1].text) + 1))
            index = walk
            continue
        index += 1
    return rows, covered


_LEADS_IN_BRACKETS = re.compile(
    r"[（(](?P<lead>[^（()）]+?)牵头(?:[,，、;；]\s*(?P<co>[^（()）]*?)(?:配合|按职责分工负责|按职责负责|分工负责|负责|参与))?"
    r"[）)][。；;]?$"
)


# （区发改局负责） / （区财政局、区审计局负责） after a task: the units responsible for it (not 按职责分工负责).
_RESPONSIBLE_IN_BRACKETS = re.compile(r"[（(](?P<units>[^（()）按各]{2,40}?)(?:负责|承办)[）)][。；;]?$")


def split_owner(sentence: Piece) -> tuple[Piece, Units | None]:
    """A sentence without its 责任单位/牵头单位/配合单位 part, and the units it named.

    Also the bracket after a task: （区政务服务局牵头，区发改局、区住建局配合）.
    """
    folded = normalize_chars(sentence.text)
    if m := _LEADS_IN_BRACKETS.search(folded):
        co = [u.strip() for u in re.split(r"[、，,]", sentence.text[m.start("co") : m.end("co")]) if u.strip()]
        lead = sentence.text[m.start("lead") : m.end("lead")].strip()
        return sentence.cut(0, m.start()).strip(), Units(lead, tuple(co) if m["co"] else (), True)
    if m := _RESPONSIBLE_IN_BRACKETS.search(folded):
        return sentence.cut(0, m.start()).strip(), Units(sentence.text[m.start("units") : m.end("units")].strip())
    labels = list(_OWNER_LABELS.finditer(folded))
    if not labels:
        return sentence, None
    first = labels[0].start()
    if first > 0 and folded[first - 1] in "（(":
        first -= 1
    lead, co_units, led = "", [], False
    for index, label in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(folded)
        units = sentence.text[label.end() : end].strip(EDGE + "（()）")
        if label[1] in _CO_WORDS:
            co_units += [u for u in re.split(r"[、，,；;]", units) if u.strip()]
        elif not lead:
            lead, led = units, label[1] in _LEAD_WORDS
    return sentence.cut(0, first).strip(), Units(lead, tuple(u.strip() for u in co_units), led)
