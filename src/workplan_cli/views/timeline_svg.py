"""The plan year as an SVG chart: months on the x axis, one row per initiative, deadlines as marks.

Several plans of different years (a workspace) are drawn on one axis spanning their years, each
January headed with its year; a plan that could not be read keeps a row saying so, so that a
picture handed on does not hide it.

Drawn here, not a terminal screenshot: positions come from the days themselves (a deadline on
March 31 sits at the end of March), text is measured in cells (a Chinese character takes a full em,
a Latin one about half) so that labels never run into each other, the fonts are the system's (no
web fonts, no external reference of any kind), and every piece of plan text is escaped.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from workplan_cli.i18n import Localized, Msg, tr
from workplan_cli.model import Status
from workplan_cli.progress import Colour
from workplan_cli.schedule import Entry
from workplan_cli.views.literal import literal

FONTS = (
    "system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', "
    "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif"
)
COLOURS = {
    Status.OVERDUE: "#c62828",
    Status.DUE: "#1565c0",
    Status.UPCOMING: "#2e7d32",
    Status.DONE: "#9e9e9e",
    Status.ONGOING: "#00838f",
}
BEHIND = "#f9a825"  # 欠进度: yellow, whatever the status
TODAY = "#ad1457"

FONT = 13  # px, the text of the rows
SMALL = 11  # px, the milestone numbers beside the marks
LINE = 20  # px between two lines of a title: CJK fonts are tall (ascent + descent about 1.4 em)
LANE = 22  # px between two lanes of marks in one row
RADIUS = 6
MONTH_MIN = 56  # px: the narrowest a month may be drawn
TITLE_MAX = 260  # px: a longer title folds onto further lines
PAD = 16


def text_width(text: str, size: float) -> float:
    """The width of a text in px, from its cells: wide (CJK, full-width) characters are one em, others
    at most 0.62 em. An upper bound for the usual system fonts, so that boxes never touch."""
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")
    return (wide + 0.62 * (len(text) - wide)) * size


def fold(text: str, size: float, width: float) -> list[str]:
    """A text cut into lines no wider than ``width`` px (between any two characters, as Chinese is)."""
    lines, line = [], ""
    for ch in text:
        if line and text_width(line + ch, size) > width:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line] if line or not lines else lines


@dataclass(frozen=True, slots=True)
class Mark:
    x: float
    label: str
    colour: str
    start_x: float | None  # a range: where its bar starts
    title: str  # the tooltip: id, phrase, date, status

    @property
    def right(self) -> float:
        return self.x + RADIUS + 3 + text_width(self.label, SMALL)


def _lanes(marks: Sequence[Mark]) -> list[list[Mark]]:
    """Marks placed in lanes so that no mark or number touches another: a greedy interval colouring."""
    lanes: list[list[Mark]] = []
    for mark in sorted(marks, key=lambda m: m.x):
        for lane in lanes:
            if lane[-1].right + 4 < mark.x - RADIUS:
                lane.append(mark)
                break
        else:
            lanes.append([mark])
    return lanes


def timeline_svg(
    entries: Sequence[Entry],
    years: Sequence[int],
    today: date,
    title: str,
    lang: str = "en",
    unread: Mapping[str, Localized] | None = None,
) -> str:
    """The chart as an SVG document, spanning ``years`` (the plan years); ``unread``: for each plan
    that could not be read, why, shown as a row of its own."""
    unread = unread or {}
    first, last = date(min(years), 1, 1), date(max(years), 12, 31)
    months = [(year, month) for year in range(first.year, last.year + 1) for month in range(1, 13)]
    several = first.year != last.year
    span = f"{first.year}–{last.year}" if several else str(first.year)
    days = (last - first).days + 1
    rows: dict[str, list[Entry]] = {}
    for entry in entries:
        rows.setdefault(entry.initiative.id, []).append(entry)
    initiatives = {e.initiative.id: e.initiative for e in entries}

    names = [tr(Msg.COL_ID, lang), *rows, *unread]
    id_width = max(text_width(literal(name), FONT) for name in names) + 12
    titles = {key: fold(literal(initiatives[key].title), FONT, TITLE_MAX) for key in rows}
    title_width = (
        max(
            [
                text_width(tr(Msg.COL_INITIATIVE, lang), FONT),
                *(text_width(line, FONT) for lines in titles.values() for line in lines),
            ]
        )
        + 16
    )
    month_width = max(MONTH_MIN, text_width("12月", FONT) + 12)
    chart_left = PAD + id_width + title_width
    chart_width = len(months) * month_width
    later_items = {key: [e for e in members if e.due is not None and e.due > last] for key, members in rows.items()}
    later_width = 24.0  # room for the number beside a mark on December 31
    if any(later_items.values()):
        later_width = 16 + max(
            [text_width(tr(Msg.TIMELINE_LATER, lang), FONT)]
            + [text_width(_later_label(e), SMALL) + 2 * RADIUS + 6 for items in later_items.values() for e in items]
        )

    def x_of(day: date) -> float:
        clamped = min(max(day, first), last)
        return chart_left + chart_width * ((clamped - first).days + 0.5) / days

    header_top = PAD + 28  # below the title
    year_y = header_top + 34  # several years: each January's year, under the today label
    month_y = year_y + (18 if several else 0)  # the month names
    body_top = month_y + 12
    backgrounds: list[str] = []  # drawn first: the grid goes over them, the marks over the grid
    parts: list[str] = []
    y = body_top
    for index, (key, members) in enumerate(rows.items()):
        lanes = _lanes([_mark(e, x_of, lang) for e in members if e.due is not None and e.due <= last])
        later = later_items[key]
        lines = titles[key]
        height = max(len(lines) * LINE, len(lanes) * LANE, len(later) * LANE) + 12
        if index % 2:
            width = chart_left + chart_width + later_width - PAD
            backgrounds.append(f'<rect x="{PAD}" y="{y:.1f}" width="{width:.1f}" height="{height}" fill="#f5f5f5"/>')
        baseline = y + 6 + FONT + 1
        parts.append(_text(PAD + 4, baseline, literal(key), FONT, weight="600"))
        for n, line in enumerate(lines):
            parts.append(_text(PAD + id_width, baseline + n * LINE, line, FONT))
        for lane_index, lane in enumerate(lanes):
            cy = y + 6 + LANE / 2 + lane_index * LANE
            for mark in lane:
                parts.append(_draw_mark(mark, cy))
        for n, entry in enumerate(later):
            cy = y + 6 + LANE / 2 + n * LANE
            colour = _colour(entry)
            cx = chart_left + chart_width + 16 + RADIUS
            parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{RADIUS}" fill="{colour}"/>')
            parts.append(_text(cx + RADIUS + 4, cy + SMALL * 0.36, _later_label(entry), SMALL, fill="#424242"))
        y += height
    for index, (name, why) in enumerate(unread.items(), len(rows)):
        lines = fold(tr(Msg.PLANS_NOT_LOADED, lang, why=literal(why.text(lang))), FONT, title_width - 16 + chart_width)
        height = len(lines) * LINE + 12
        if index % 2:
            width = chart_left + chart_width + later_width - PAD
            backgrounds.append(f'<rect x="{PAD}" y="{y:.1f}" width="{width:.1f}" height="{height}" fill="#f5f5f5"/>')
        baseline = y + 6 + FONT + 1
        parts.append(_text(PAD + 4, baseline, literal(name), FONT, weight="600", fill=COLOURS[Status.OVERDUE]))
        for n, line in enumerate(lines):
            parts.append(_text(PAD + id_width, baseline + n * LINE, line, FONT, fill=COLOURS[Status.OVERDUE]))
        y += height
    body_bottom = y

    grid: list[str] = []
    for year, month in months:
        left = x_of(date(year, month, 1)) - chart_width * 0.5 / days
        stroke = "#9e9e9e" if several and month == 1 else "#e0e0e0"  # a new year: a darker line
        grid.append(
            f'<line x1="{left:.1f}" y1="{body_top - 6}" x2="{left:.1f}" y2="{body_bottom:.1f}" stroke="{stroke}"/>'
        )
        if several and month == 1:
            grid.append(_text(left + 4, year_y, str(year), FONT, fill="#424242", weight="600"))
        label = f"{month}月"
        centre = left + month_width / 2
        grid.append(_text(centre - text_width(label, FONT) / 2, month_y, label, FONT, fill="#616161"))
    grid.append(
        f'<line x1="{chart_left + chart_width:.1f}" y1="{body_top - 6}" x2="{chart_left + chart_width:.1f}" '
        f'y2="{body_bottom:.1f}" stroke="#e0e0e0"/>'
    )
    grid.append(_text(PAD + 4, month_y, tr(Msg.COL_ID, lang), FONT, fill="#616161", weight="600"))
    grid.append(_text(PAD + id_width, month_y, tr(Msg.COL_INITIATIVE, lang), FONT, fill="#616161", weight="600"))
    if any(later_items.values()):
        later_x = chart_left + chart_width + 16
        grid.append(_text(later_x, month_y, tr(Msg.TIMELINE_LATER, lang), FONT, fill="#616161", weight="600"))

    overlay: list[str] = []
    if first <= today <= last:
        tx = x_of(today)
        overlay.append(
            f'<line x1="{tx:.1f}" y1="{header_top + 4}" x2="{tx:.1f}" y2="{body_bottom:.1f}" stroke="{TODAY}" '
            'stroke-width="1.5" stroke-dasharray="4 3"/>'
        )
        label = tr(Msg.TIMELINE_TODAY, lang, today=today.isoformat()).lstrip("▼ ")
        label_x = min(tx + 4, chart_left + chart_width + later_width - text_width(label, SMALL))
        overlay.append(_text(label_x, header_top + 12, label, SMALL, fill=TODAY, weight="600"))

    legend_y = body_bottom + 28
    legend: list[str] = []
    lx = float(PAD + 4)
    items = [(COLOURS[s], tr(Msg(f"status.{s.value}"), lang)) for s in (Status.OVERDUE, Status.DUE, Status.UPCOMING)]
    items += [(BEHIND, tr(Msg.STATUS_BEHIND, lang)), (COLOURS[Status.DONE], tr(Msg.STATUS_DONE, lang))]
    for colour, name in items:
        legend.append(
            f'<circle cx="{lx + RADIUS:.1f}" cy="{legend_y - SMALL * 0.36:.1f}" r="{RADIUS}" fill="{colour}"/>'
        )
        legend.append(_text(lx + 2 * RADIUS + 5, legend_y, name, SMALL, fill="#424242"))
        lx += 2 * RADIUS + 5 + text_width(name, SMALL) + 18
    if not first <= today <= last:
        note = tr(Msg.TIMELINE_OUTSIDE, lang, today=today.isoformat(), year=span)
        legend.append(_text(lx, legend_y, note, SMALL, fill=TODAY))
        lx += text_width(note, SMALL)

    heading = f"{tr(Msg.TIMELINE_TITLE, lang, year=span)}  {literal(title)}".strip()
    width = max(chart_left + chart_width + later_width + PAD, lx + PAD, PAD * 2 + text_width(heading, 16))
    height = legend_y + PAD
    return "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" font-family={quoteattr(FONTS)}>',
            f"<title>{escape(heading)}</title>",
            f'<rect width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
            _text(PAD, PAD + 16, heading, 16, weight="700", fill="#212121"),
            *backgrounds,
            *grid,
            *parts,
            *overlay,
            *legend,
            "</svg>",
            "",
        ]
    )


def _colour(entry: Entry) -> str:
    if entry.colour is Colour.YELLOW:
        return BEHIND
    return COLOURS[entry.status]


def _later_label(entry: Entry) -> str:
    assert entry.due is not None
    return f"{entry.milestone.id.rsplit('.', 1)[-1]}  {entry.due.isoformat()}"


def _mark(entry: Entry, x_of: Callable[[date], float], lang: str) -> Mark:
    assert entry.due is not None
    start = entry.milestone.deadline.start
    start_x = x_of(start) if start is not None and start < entry.due else None
    status = tr(Msg(f"status.{entry.status.value}"), lang)
    tooltip = f"{entry.milestone.id} {entry.milestone.phrase or ''} {entry.due.isoformat()} {status}"
    return Mark(
        x=x_of(entry.due),
        label=entry.milestone.id.rsplit(".", 1)[-1],
        colour=_colour(entry),
        start_x=start_x,
        title=literal(tooltip),
    )


def _draw_mark(mark: Mark, cy: float) -> str:
    bar = ""
    if mark.start_x is not None:
        bar = (
            f'<rect x="{mark.start_x:.1f}" y="{cy - 2:.1f}" width="{mark.x - mark.start_x:.1f}" height="4" '
            f'rx="2" fill="{mark.colour}" fill-opacity="0.35"/>'
        )
    return (
        f"{bar}<g><title>{escape(mark.title)}</title>"
        f'<circle cx="{mark.x:.1f}" cy="{cy:.1f}" r="{RADIUS}" fill="{mark.colour}" stroke="#ffffff" stroke-width="1"/>'
        f"</g>" + _text(mark.x + RADIUS + 3, cy + SMALL * 0.36, mark.label, SMALL, fill="#424242")
    )


def _text(x: float, y: float, value: str, size: int, *, fill: str = "#212121", weight: str = "400") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" font-weight="{weight}" fill="{fill}">{escape(value)}</text>'
    )
