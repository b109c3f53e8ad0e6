"""Request bodies each robot accepts, split under its size limit without cutting a line. Pure.

WeCom markdown, DingTalk markdown and a Feishu card by default; plain text with ``format: text``.
The colours are a coloured disc at the start of every counted figure and item line (🔴 🟡 🔵 🟢,
which every client shows) and, where the markup has colour, the platform's own colour too.
Text from plan files never acts as markup or a mention: the characters that would (< > * ` [ ] ~
&) are shown as their full-width forms, and line breaks inside it as spaces.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from workplan_cli.i18n import Msg, tr
from workplan_cli.model import Owner
from workplan_cli.notify.notice import BLUE, GREEN, RED, YELLOW, Item, Notice, Section
from workplan_cli.notify.platforms import DINGTALK, FEISHU, WECOM, Platform
from workplan_cli.views.literal import literal

Body = dict[str, Any]

DISC = {RED: "🔴", YELLOW: "🟡", BLUE: "🔵", GREEN: "🟢"}
_MARKUP = str.maketrans(
    {"<": "＜", ">": "＞", "*": "＊", "`": "｀", "[": "［", "]": "］", "~": "～", "&": "＆", "\n": " ", "\r": " "}
)
_SIGNATURE_ROOM = 100  # Feishu carries "timestamp" and "sign" in the body: room kept for them


def safe(text: str) -> str:
    """File text as the chat shows it: no markup, no mention, no control character, one line."""
    return literal(text).translate(_MARKUP)


def encode(body: Body) -> bytes:
    """The bytes sent: compact UTF-8 JSON (Chinese not escaped, so sizes are what the platform counts)."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _json_cost(text: str) -> int:
    return len(json.dumps(text, ensure_ascii=False).encode("utf-8")) - 2  # without the quotes


class _Style:
    """One platform in one format: how each line is written and how a body wraps the lines."""

    platform: Platform
    counts_content: bool  # the limit counts the text field alone (WeCom), else the whole body
    markdown = True

    def __init__(self, notice: Notice, keyword: str) -> None:
        self.notice = notice
        self.keyword = keyword
        self.lang = notice.lang

    @property
    def limit(self) -> int:
        return self.platform.markdown_limit if self.markdown else self.platform.text_limit

    # lines
    def head(self, label: str) -> list[str]:
        lines = self.head_lines(label)
        if self.keyword and self.keyword not in "\n".join(lines):
            lines[0] = f"{self.keyword} · {lines[0]}"  # keyword mode: every message must carry the word
        return lines

    def head_lines(self, label: str) -> list[str]:
        counts = " · ".join(f"{DISC[c.colour]} {safe(c.text)}" for c in self.notice.counts)
        return [f"{safe(self.notice.title)}{label}", safe(self.notice.plan_title), counts]

    def section(self, section: Section, continued: bool) -> str:
        more = tr(Msg.NOTIFY_CONTINUED, self.lang) if continued else ""
        return f"■ {DISC[section.colour]} {safe(section.heading)}{more}"

    def item(self, item: Item) -> str:
        return (
            f"{DISC[item.colour]} {safe(item.id)} {safe(item.initiative)}：{safe(item.task)} · "
            f"{safe(item.deadline)} · {self.standing(item)} · {safe(item.owner)}{self.mentions(item.contacts)}"
        )

    def standing(self, item: Item) -> str:
        return safe(item.standing)

    def mentions(self, contacts: Sequence[Owner]) -> str:
        return ""

    def nothing(self) -> str:
        return safe(self.notice.nothing)

    # bodies
    def body(self, lines: Sequence[str], contacts: Sequence[Owner], label: str) -> Body:
        raise NotImplementedError

    def content_of(self, body: Body) -> str:
        raise NotImplementedError

    def measure(self, body: Body) -> int:
        if self.counts_content:
            return len(self.content_of(body).encode("utf-8"))
        return len(encode(body))

    def line_cost(self, line: str) -> int:
        """What one more line adds to the measured size, with the line break before it."""
        if self.counts_content:
            return len(line.encode("utf-8")) + 1
        return _json_cost(line) + 2  # a line break is \n inside a JSON string

    def extra(self, contacts: Sequence[Owner]) -> list[Body]:
        """Messages after the split ones (WeCom markdown cannot @ by mobile number)."""
        return []


class _WeComMarkdown(_Style):
    platform = WECOM
    counts_content = True
    # The three WeCom markdown has (orange-red, grey, green): yellow and blue share grey; the disc tells them apart.
    _COLOUR: ClassVar = {RED: "warning", YELLOW: "comment", BLUE: "comment", GREEN: "info"}

    def head_lines(self, label: str) -> list[str]:
        counts = " · ".join(
            f'{DISC[c.colour]} <font color="{self._COLOUR[c.colour]}">{safe(c.text)}</font>' for c in self.notice.counts
        )
        return [f"**{safe(self.notice.title)}{label}**", safe(self.notice.plan_title), counts]

    def section(self, section: Section, continued: bool) -> str:
        more = tr(Msg.NOTIFY_CONTINUED, self.lang) if continued else ""
        return f"**{DISC[section.colour]} {safe(section.heading)}{more}**"

    def standing(self, item: Item) -> str:
        return f'<font color="{self._COLOUR[item.colour]}">{safe(item.standing)}</font>'

    def mentions(self, contacts: Sequence[Owner]) -> str:
        return "".join(f" <@{safe(c.wecom)}>" for c in contacts if c.wecom)

    def body(self, lines: Sequence[str], contacts: Sequence[Owner], label: str) -> Body:
        return {"msgtype": "markdown", "markdown": {"content": "\n".join(lines)}}

    def content_of(self, body: Body) -> str:
        return str(body["markdown"]["content"])

    def extra(self, contacts: Sequence[Owner]) -> list[Body]:
        mobiles = [c.mobile for c in contacts if c.mobile and not c.wecom]
        if not mobiles:
            return []
        prompt = tr(Msg.NOTIFY_MENTION_PROMPT, self.lang)
        if self.keyword and self.keyword not in prompt:
            prompt = f"{self.keyword} · {prompt}"
        return [{"msgtype": "text", "text": {"content": prompt, "mentioned_mobile_list": mobiles}}]


class _WeComText(_Style):
    platform = WECOM
    counts_content = True
    markdown = False

    def body(self, lines: Sequence[str], contacts: Sequence[Owner], label: str) -> Body:
        text: dict[str, Any] = {"content": "\n".join(lines)}
        users = [c.wecom for c in contacts if c.wecom]
        mobiles = [c.mobile for c in contacts if c.mobile and not c.wecom]
        if users:
            text["mentioned_list"] = users
        if mobiles:
            text["mentioned_mobile_list"] = mobiles
        return {"msgtype": "text", "text": text}

    def content_of(self, body: Body) -> str:
        return str(body["text"]["content"])


class _DingTalk(_Style):
    platform = DINGTALK
    counts_content = False

    def mentions(self, contacts: Sequence[Owner]) -> str:
        # DingTalk highlights an @ only when the text names the person as the `at` list does
        return "".join(f" @{safe(c.dingtalk or c.mobile)}" for c in contacts if c.dingtalk or c.mobile)

    def at(self, contacts: Sequence[Owner]) -> dict[str, Any]:
        return {
            "atMobiles": [c.mobile for c in contacts if c.mobile and not c.dingtalk],
            "atUserIds": [c.dingtalk for c in contacts if c.dingtalk],
            "isAtAll": False,
        }


class _DingTalkMarkdown(_DingTalk):
    def head_lines(self, label: str) -> list[str]:
        counts = " · ".join(f"{DISC[c.colour]} {safe(c.text)}" for c in self.notice.counts)
        return [f"#### {safe(self.notice.title)}{label}", safe(self.notice.plan_title), "", counts]

    def section(self, section: Section, continued: bool) -> str:
        more = tr(Msg.NOTIFY_CONTINUED, self.lang) if continued else ""
        return f"\n##### {DISC[section.colour]} {safe(section.heading)}{more}\n"

    def item(self, item: Item) -> str:
        return "- " + super().item(item)

    def standing(self, item: Item) -> str:
        return f"**{safe(item.standing)}**"

    def body(self, lines: Sequence[str], contacts: Sequence[Owner], label: str) -> Body:
        title = f"{safe(self.notice.title)}{label}"
        if self.keyword and self.keyword not in title:
            title = f"{self.keyword} · {title}"
        return {
            "msgtype": "markdown",
            "markdown": {"title": title, "text": "\n".join(lines)},
            "at": self.at(contacts),
        }

    def content_of(self, body: Body) -> str:
        return str(body["markdown"]["text"])


class _DingTalkText(_DingTalk):
    markdown = False

    def body(self, lines: Sequence[str], contacts: Sequence[Owner], label: str) -> Body:
        return {"msgtype": "text", "text": {"content": "\n".join(lines)}, "at": self.at(contacts)}

    def content_of(self, body: Body) -> str:
        return str(body["text"]["content"])


class _FeishuCard(_Style):
    platform = FEISHU
    counts_content = False
    _COLOUR: ClassVar = {RED: "red", YELLOW: "orange", BLUE: "blue", GREEN: "green"}  # lark_md <font> colours

    @property
    def limit(self) -> int:
        return self.platform.markdown_limit - _SIGNATURE_ROOM

    def head_lines(self, label: str) -> list[str]:
        counts = " · ".join(
            f"{DISC[c.colour]} <font color='{self._COLOUR[c.colour]}'>{safe(c.text)}</font>" for c in self.notice.counts
        )
        return [safe(self.notice.plan_title), counts]

    def section(self, section: Section, continued: bool) -> str:
        more = tr(Msg.NOTIFY_CONTINUED, self.lang) if continued else ""
        return f"**{DISC[section.colour]} {safe(section.heading)}{more}**"

    def standing(self, item: Item) -> str:
        return f"<font color='{self._COLOUR[item.colour]}'>{safe(item.standing)}</font>"

    def mentions(self, contacts: Sequence[Owner]) -> str:
        return "".join(f" <at id={safe(c.feishu)}></at>" for c in contacts if c.feishu)

    def body(self, lines: Sequence[str], contacts: Sequence[Owner], label: str) -> Body:
        template = {RED: "red", YELLOW: "yellow", BLUE: "blue", GREEN: "green"}[self.notice.colour]
        return {
            "msg_type": "interactive",
            "card": {
                "config": {"wide_screen_mode": True},
                "header": {
                    "template": template,
                    "title": {"tag": "plain_text", "content": f"{safe(self.notice.title)}{label}"},
                },
                "elements": [{"tag": "div", "text": {"tag": "lark_md", "content": "\n".join(lines)}}],
            },
        }

    def content_of(self, body: Body) -> str:
        return str(body["card"]["elements"][0]["text"]["content"])


class _FeishuText(_Style):
    platform = FEISHU
    counts_content = False
    markdown = False

    @property
    def limit(self) -> int:
        return self.platform.text_limit - _SIGNATURE_ROOM

    def mentions(self, contacts: Sequence[Owner]) -> str:
        return "".join(f' <at user_id="{safe(c.feishu)}"></at>' for c in contacts if c.feishu)

    def body(self, lines: Sequence[str], contacts: Sequence[Owner], label: str) -> Body:
        return {"msg_type": "text", "content": {"text": "\n".join(lines)}}

    def content_of(self, body: Body) -> str:
        return str(body["content"]["text"])


_STYLES: dict[tuple[str, str], Callable[[Notice, str], _Style]] = {
    ("wecom", "markdown"): _WeComMarkdown,
    ("wecom", "text"): _WeComText,
    ("dingtalk", "markdown"): _DingTalkMarkdown,
    ("dingtalk", "text"): _DingTalkText,
    ("feishu", "markdown"): _FeishuCard,
    ("feishu", "text"): _FeishuText,
}


@dataclass
class _Chunk:
    lines: list[str]
    contacts: list[Owner]
    base: int  # the measured size of this message with no item lines (its head and its @ lists)
    used: int = 0  # what its lines add


def build_requests(notice: Notice, platform: str, form: str = "markdown", keyword: str = "") -> list[Body]:
    """The request bodies (unsigned) that carry ``notice`` to one robot, in order.

    Each message starts with the title, the plan and the counts; items follow, a section heading
    repeated with "(continued)" when a section runs into the next message. Messages are filled
    item by item while the platform's measure stays under its limit; a line is never cut between
    two messages (an item too long for any message alone has its task shortened, with …).
    """
    style = _STYLES[(platform, form)](notice, keyword)
    worst = tr(Msg.NOTIFY_PART, notice.lang, part=999, parts=999)  # room for the widest "(n/m)"
    head = style.head(worst)

    def base(contacts: list[Owner]) -> int:
        return style.measure(style.body(head, contacts, worst))

    def cost(lines: list[str]) -> int:
        return sum(style.line_cost(line) for line in lines)

    units: list[tuple[Section | None, Item | None, list[str]]] = []
    for listed in notice.sections:
        for number, member in enumerate(listed.items):
            heading = [style.section(listed, continued=False)] if number == 0 else []
            units.append((listed, member, [*heading, style.item(member)]))
    if not units:
        units.append((None, None, [style.nothing()]))

    chunks = [_Chunk([], [], base([]))]
    for section, item, lines in units:
        chunk = chunks[-1]
        people = [c for c in item.contacts if c not in chunk.contacts] if item else []
        size = base(chunk.contacts + people) if people else chunk.base
        if chunk.lines and size + chunk.used + cost(lines) > style.limit:
            chunk = _Chunk([], [], base([]))
            chunks.append(chunk)
            if section is not None and len(lines) == 1:  # the section runs on: repeat its heading
                lines = [style.section(section, continued=True), *lines]
            people = list(item.contacts) if item else []
            size = base(people) if people else chunk.base
        if item is not None and size + chunk.used + cost(lines) > style.limit:
            lines[-1] = _shortened(style, item, style.limit - size - chunk.used - cost(lines[:-1]))
        chunk.lines += lines
        chunk.contacts += people
        chunk.base = size
        chunk.used += cost(lines)

    bodies = []
    for number, chunk in enumerate(chunks, 1):
        label = tr(Msg.NOTIFY_PART, notice.lang, part=number, parts=len(chunks)) if len(chunks) > 1 else ""
        body = style.body(style.head(label) + chunk.lines, chunk.contacts, label)
        if style.measure(body) > style.limit:  # the arithmetic above is exact; this guards it
            raise AssertionError(f"{platform} message of {style.measure(body)} bytes over {style.limit}")
        bodies.append(body)
    everyone = list(dict.fromkeys(c for chunk in chunks for c in chunk.contacts))
    return bodies + style.extra(everyone)


def _shortened(style: _Style, item: Item, room: int) -> str:
    """The item's line with its task cut (ending in …) to the longest that fits ``room`` bytes."""
    low, high = 0, len(item.task)
    while low < high:
        middle = (low + high + 1) // 2
        if style.line_cost(style.item(replace(item, task=item.task[:middle] + "…"))) <= room:
            low = middle
        else:
            high = middle - 1
    return style.item(replace(item, task=item.task[:low] + "…"))


def plain_text(notice: Notice) -> str:
    """The whole notice as plain text, unsplit: the e-mail of a reminder."""
    style = _Style(notice, "")
    lines = style.head("")
    for section in notice.sections:
        if section.items:
            lines += ["", style.section(section, continued=False), *(style.item(i) for i in section.items)]
    if notice.is_empty:
        lines += ["", style.nothing()]
    return "\n".join(lines) + "\n"


def describe(platform: str, form: str) -> str:
    """The message type sent, for --dry-run and the README."""
    return {
        ("wecom", "markdown"): "markdown",
        ("wecom", "text"): "text",
        ("dingtalk", "markdown"): "markdown",
        ("dingtalk", "text"): "text",
        ("feishu", "markdown"): "interactive (card)",
        ("feishu", "text"): "text",
    }[(platform, form)]
