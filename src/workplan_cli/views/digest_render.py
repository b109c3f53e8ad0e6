"""The digest rendered as plain text, Markdown and e-mail-safe HTML: the same content three ways."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from workplan_cli.digest import Digest, SectionProgress
from workplan_cli.i18n import Msg
from workplan_cli.i18n.labels import TEXT
from workplan_cli.schedule import Entry
from workplan_cli.views.entries import entry_source
from workplan_cli.views.literal import literal
from workplan_cli.views.wrap import wrap


@dataclass(frozen=True, slots=True)
class Labels:
    """The digest's words in one language; the text itself lives in i18n.TEXT under digest.*."""

    heading: str
    subject: str
    overdue: str
    due: str
    newly_overdue: str
    closed: str
    progress: str
    none: str
    days_late: str
    days_left: str
    due_today: str
    done_on: str
    done_late: str
    new_tag: str
    aside: str
    owner: str
    no_owner: str
    progress_line: str
    columns: tuple[str, ...]
    for_owner: str
    nothing: str
    behind: str
    latest: str
    unreported: str


# Digest words that the terminal views say the same way: one key each, not two.
_SHARED = {"none": Msg.SUMMARY_NONE, "days_late": Msg.DAYS_LATE, "due_today": Msg.DUE_TODAY, "done_on": Msg.DONE_ON}


def labels_for(lang: str) -> Labels:
    """The digest's labels in one language, from the interface text table (i18n.py)."""
    names = [f.name for f in fields(Labels) if f.name != "columns"]
    keys = {name: _SHARED.get(name) or Msg(f"digest.{name}") for name in names}
    values: dict[str, Any] = {name: TEXT[key][1 if lang == "zh" else 0] for name, key in keys.items()}
    values["columns"] = tuple(TEXT[Msg.DIGEST_COLUMNS][1 if lang == "zh" else 0].split("|"))
    return Labels(**values)


ZH, EN = labels_for("zh"), labels_for("en")
LABELS = {"zh": ZH, "en": EN}

# The office's three colours: red overdue, yellow behind schedule (欠进度), blue due soon.
_COLOURS = {"overdue": "#c62828", "behind": "#f9a825", "due": "#1565c0", "closed": "#2e7d32"}


def header_safe(text: str) -> str:
    """Header-safe: a title or owner holding a newline must not be able to add a header."""
    return " ".join(literal(text).split())


def subject(digest: Digest, labels: Labels = ZH) -> str:
    base = labels.subject.format(
        as_of=digest.as_of.isoformat(), overdue=len(digest.overdue), due=len(digest.due), window=digest.window
    )
    if digest.owner:
        head, sep, tail = base.partition("：" if labels is ZH else ":")
        base = f"{head}{labels.for_owner.format(owner=digest.owner)}{sep}{tail}"
    return header_safe(base)


def standing(entry: Entry, labels: Labels) -> str:
    if entry.milestone.done is not None:
        if entry.days_late:  # closed after its deadline: say by how much, not just "done"
            return labels.done_late.format(date=entry.milestone.done.isoformat(), n=entry.days_late)
        return labels.done_on.format(date=entry.milestone.done.isoformat())
    if entry.days_left is None:
        return ""
    if entry.days_left < 0:
        return labels.days_late.format(n=-entry.days_left)
    if entry.days_left == 0:
        return labels.due_today
    return labels.days_left.format(n=entry.days_left)


def deadline_text(entry: Entry) -> str:
    due = entry.due
    phrase = entry.milestone.phrase or ""
    period = f"{entry.period} " if entry.period else ""
    return f"{phrase}（{period}{due.isoformat()}）" if due else phrase


def _sections(digest: Digest, labels: Labels) -> list[tuple[str, str, tuple[Entry, ...]]]:
    """(key, heading, entries) for each list of the digest, in reading order.

    A milestone that became overdue this week is listed once, under overdue, tagged as new; the
    heading counts them. (A list of its own repeated every such item.)
    """
    overdue = labels.overdue.format(n=len(digest.overdue))
    if digest.newly_overdue:
        overdue += labels.aside.format(text=labels.newly_overdue.format(n=len(digest.newly_overdue)))
    # Behind schedule needs a reported percent: the list appears once some milestone is behind.
    behind = [("behind", labels.behind.format(n=len(digest.behind)), digest.behind)] if digest.behind else []
    return [
        ("overdue", overdue, digest.overdue),
        *behind,
        ("due", labels.due.format(n=len(digest.due), window=digest.window), digest.due),
        ("closed", labels.closed.format(n=len(digest.closed)), digest.closed),
    ]


def _new_tag(entry: Entry, digest: Digest, labels: Labels) -> str:
    """`` (new this week)`` for a milestone that became overdue during the past week."""
    return labels.aside.format(text=labels.new_tag) if entry in digest.newly_overdue else ""


def _title_line(entry: Entry, digest: Digest, labels: Labels) -> str:
    return f"{entry.milestone.id}  {entry.initiative.title}{_new_tag(entry, digest, labels)}"


def _week_notes(entry: Entry, digest: Digest, labels: Labels) -> list[str]:
    """Progress notes of a closed milestone written during the past week; for an open one, its latest entry."""
    done = entry.milestone.done
    if done is None:
        latest = entry.milestone.latest_entry
        if latest is None or latest.on > digest.as_of:
            return []
        lang = "zh" if labels is ZH else "en"
        return [labels.latest.format(source=entry_source(latest, lang), text=latest.progress or latest.text)]
    return [n.text for n in entry.milestone.notes if (digest.as_of - n.on).days <= 7 and n.on <= digest.as_of]


def _unreported(digest: Digest, labels: Labels) -> str:
    return (
        labels.unreported.format(period=digest.period, units="、".join(digest.unreported)) if digest.unreported else ""
    )


def _progress_text(row: SectionProgress, labels: Labels) -> str:
    return labels.progress_line.format(done=row.done, dated=row.dated, overdue=row.overdue)


def _heading(digest: Digest, labels: Labels) -> str:
    owner = labels.for_owner.format(owner=digest.owner) if digest.owner else ""
    return labels.heading.format(as_of=digest.as_of.isoformat()) + owner


# ---------------------------------------------------------------------------------------------
# Plain text


def render_text(digest: Digest, labels: Labels = ZH, width: int | None = None) -> str:
    """The digest as plain text; ``width``: wrapped for a terminal that wide (e-mail and files are not)."""

    def line(text: str, indent: str) -> list[str]:
        return wrap(text, width, indent) if width else [indent + text]

    out = [literal(_heading(digest, labels)), literal(digest.title), ""]
    if digest.is_empty:
        out += [labels.nothing, ""]
    for _, heading, entries in _sections(digest, labels):
        out.append(f"■ {heading}")
        if not entries:
            out.append(f"  {labels.none}")
        for entry in entries:
            owner = entry.responsible or labels.no_owner
            out += line(literal(_title_line(entry, digest, labels)), "  ")
            out += line(literal(entry.milestone.task), "      ")
            facts = f"{literal(deadline_text(entry))} · {standing(entry, labels)} · "
            out += line(facts + literal(labels.owner.format(owner=owner)), "      ")
            for text in _week_notes(entry, digest, labels):
                out += line(f"· {literal(text)}", "      ")
        out.append("")
    out.append(f"■ {labels.progress}")
    for row in digest.progress:
        out += line(f"{literal(row.section)}：{_progress_text(row, labels)}", "  ")
    if digest.unreported:
        out += ["", f"■ {literal(_unreported(digest, labels))}"]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# Markdown


def _md(text: str) -> str:
    return literal(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("*", "\\*")


def render_markdown(digest: Digest, labels: Labels = ZH) -> str:
    out = [f"# {_md(_heading(digest, labels))}", "", _md(digest.title), ""]
    if digest.is_empty:
        out += [labels.nothing, ""]
    for _, heading, entries in _sections(digest, labels):
        out += [f"## {heading}", ""]
        if not entries:
            out += [labels.none, ""]
            continue
        out.append("| " + " | ".join(labels.columns) + " |")
        out.append("|" + "---|" * len(labels.columns))
        for entry in entries:
            task = entry.milestone.task + "".join(f"<br>· {n}" for n in _week_notes(entry, digest, labels))
            cells = [
                entry.milestone.id,
                entry.initiative.title + _new_tag(entry, digest, labels),
                task,
                deadline_text(entry),
                standing(entry, labels),
                entry.responsible or labels.no_owner,
            ]
            out.append("| " + " | ".join(_md(c) for c in cells) + " |")
        out.append("")
    out += [f"## {labels.progress}", ""]
    out += [f"- {_md(row.section)}：{_progress_text(row, labels)}" for row in digest.progress]
    if digest.unreported:
        out += ["", f"## {_md(_unreported(digest, labels))}"]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# HTML for mail clients: inline styles only, no external resources, readable on a phone

_CELL = "padding:6px 8px;border-bottom:1px solid #e0e0e0;vertical-align:top;text-align:left;"
_FONT = "font-family:-apple-system,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;"


def _h(text: str) -> str:
    return html.escape(literal(text), quote=True)


def render_html(digest: Digest, labels: Labels = ZH) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(subject(digest, labels))}</title></head>",
        f'<body style="margin:0;padding:12px;background:#ffffff;color:#212121;{_FONT}">',
        '<div style="max-width:720px;margin:0 auto;">',
        f'<h1 style="font-size:20px;margin:0 0 4px 0;">{_h(_heading(digest, labels))}</h1>',
        f'<p style="margin:0 0 16px 0;color:#616161;font-size:14px;">{_h(digest.title)}</p>',
    ]
    if digest.is_empty:
        parts.append(f'<p style="font-size:14px;">{_h(labels.nothing)}</p>')
    for key, heading, entries in _sections(digest, labels):
        colour = _COLOURS[key]
        parts.append(
            f'<h2 style="font-size:16px;margin:20px 0 6px 0;padding-left:8px;border-left:4px solid {colour};">'
            f"{_h(heading)}</h2>"
        )
        if not entries:
            parts.append(f'<p style="margin:0;color:#757575;font-size:14px;">{_h(labels.none)}</p>')
            continue
        parts.append(_table(key, entries, digest, labels, colour))
    parts.append(f'<h2 style="font-size:16px;margin:20px 0 6px 0;">{_h(labels.progress)}</h2>')
    parts.append('<table role="presentation" style="border-collapse:collapse;width:100%;font-size:14px;">')
    for row in digest.progress:
        share = round(100 * row.done / row.dated) if row.dated else 0
        bar = (
            f'<div style="background:#eeeeee;height:8px;width:100%;"><div style="background:#2e7d32;height:8px;'
            f'width:{share}%;"></div></div>'
        )
        parts.append(
            f'<tr><td style="{_CELL}">{_h(row.section)}</td>'
            f'<td style="{_CELL}white-space:nowrap;">{_h(_progress_text(row, labels))}{bar}</td></tr>'
        )
    parts.append("</table>")
    if digest.unreported:
        parts.append(
            f'<h2 style="font-size:16px;margin:20px 0 6px 0;padding-left:8px;border-left:4px solid #ef6c00;">'
            f"{_h(_unreported(digest, labels))}</h2>"
        )
    parts += ["</div></body></html>", ""]
    return "\n".join(parts)


def _table(key: str, entries: tuple[Entry, ...], digest: Digest, labels: Labels, colour: str) -> str:
    """One card per milestone, stacked: a phone shows it at full width, a desktop client likewise.

    A row of six columns was unreadable on a phone (the task squeezed to two characters a line).
    """
    rows = []
    for entry in entries:
        notes = "".join(f'<div style="color:#616161;">· {_h(n)}</div>' for n in _week_notes(entry, digest, labels))
        owner = labels.owner.format(owner=entry.responsible or labels.no_owner)
        rows.append(
            f'<tr data-id="{_h(entry.milestone.id)}"><td style="{_CELL}border-left:4px solid {colour};">'
            f'<div style="font-weight:bold;">{_h(_title_line(entry, digest, labels))}</div>'
            f'<div style="margin:2px 0;">{_h(entry.milestone.task)}</div>{notes}'
            f'<div style="color:#616161;font-size:13px;">{_h(deadline_text(entry))} · '
            f'<span style="color:{colour};font-weight:bold;">{_h(standing(entry, labels))}</span> · '
            f"{_h(owner)}</div></td></tr>"
        )
    return (
        f'<table data-section="{key}" role="presentation" '
        f'style="border-collapse:collapse;width:100%;font-size:14px;"><tbody>{"".join(rows)}</tbody></table>'
    )


RENDERERS: dict[str, Callable[[Digest, Labels], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "html": render_html,
}
