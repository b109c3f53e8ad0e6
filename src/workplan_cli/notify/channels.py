"""One robot channel of ``notify:``: its milestones, its messages, sending them, and the line that says how it went.

The webhook URL and the secret are read from the environment variables the channel names, at
send time; they are never printed (``--dry-run`` names the variables instead).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from workplan_cli.i18n import Message, Phrase, SendMsg, tr
from workplan_cli.model import NotifyChannel
from workplan_cli.notify.messages import build_requests, describe
from workplan_cli.notify.notice import Notice, who_answers
from workplan_cli.notify.platforms import PLATFORMS
from workplan_cli.notify.sending import Failure, Post, check_url, send_all
from workplan_cli.schedule import Entry


@dataclass(frozen=True, slots=True)
class Outcome:
    """How one channel fared, as the line printed for it."""

    channel: str
    ok: bool
    said: Message

    def text(self, lang: str) -> str:
        return self.said.text(lang)


def for_channel(channel: NotifyChannel, entries: Sequence[Entry]) -> list[Entry]:
    """The milestones a channel is for: those of its units or leaders (``for:``), or all."""
    if not channel.units:
        return list(entries)
    wanted = set(channel.units)
    return [e for e in entries if wanted.intersection(who_answers(e))]


def kind_label(channel: NotifyChannel, lang: str) -> str:
    if channel.type == "email":
        return tr(SendMsg.EMAIL, lang)
    return PLATFORMS[channel.type].label(lang)


def heading(channel: NotifyChannel) -> Phrase:
    """``办公室群 (DingTalk)``: how a channel is named in the lines, in each language."""
    return Phrase(f"{channel.name} ({kind_label(channel, 'en')})", f"{channel.name}（{kind_label(channel, 'zh')}）")


def succeeded(channel: NotifyChannel, said: Message) -> Outcome:
    return Outcome(channel.name, True, Message(SendMsg.CHANNEL_DONE, channel=heading(channel), said=said))


def failed(channel: NotifyChannel, said: Message) -> Outcome:
    return Outcome(channel.name, False, Message(SendMsg.CHANNEL_FAILED, channel=heading(channel), said=said))


def send_robot(
    channel: NotifyChannel,
    notice: Notice,
    env: Mapping[str, str],
    *,
    dry_run: bool,
    show: Callable[[str], None],
    clock: Callable[[], float],
    sleep: Callable[[float], None],
    post: Post | None = None,
    note: Callable[[Message], None] | None = None,
) -> Outcome:
    """Build the channel's messages and send them, or show them with ``dry_run``."""
    bodies = build_requests(notice, channel.type, channel.format, channel.keyword)
    count = len(bodies)
    if dry_run:
        for number, body in enumerate(bodies, 1):
            show(_dry_run_text(channel, number, count, body))
        return succeeded(channel, Message(SendMsg.DRY_RUN_SHOWN, count=count))
    url = env.get(channel.url_env, "")
    if not url:
        return failed(
            channel,
            Message(SendMsg.URL_VARIABLE_UNSET, url_env=channel.url_env),
        )
    bad = check_url(url, channel.url_env)
    if bad is not None:
        return failed(channel, bad.said)
    secret = env.get(channel.secret_env, "") if channel.secret_env else ""
    if channel.secret_env and not secret:
        return failed(
            channel,
            Message(SendMsg.SECRET_VARIABLE_UNSET, secret_env=channel.secret_env),
        )
    result = send_all(
        channel.type,
        url,
        secret,
        bodies,
        timeout=channel.timeout,
        retries=channel.retries,
        backoff=channel.backoff,
        clock=clock,
        sleep=sleep,
        post=post,
        announce=_waiting(channel, note) if note else None,
    )
    if result.failure is None:
        return succeeded(channel, Message(SendMsg.SENT_MESSAGES, count=count))
    return failed(channel, _progress(result.failure, result.sent, count))


def _waiting(channel: NotifyChannel, note: Callable[[Message], None]) -> Callable[[float], None]:
    """Says why nothing seems to happen while a long digest waits for the robot's rate limit."""
    spec = PLATFORMS[channel.type]
    name, platform = heading(channel), Phrase(spec.label_en, spec.label_zh)

    def say(seconds: float) -> None:
        note(Message(SendMsg.WAITING, channel=name, seconds=seconds, platform=platform, per_minute=spec.per_minute))

    return say


def _progress(failure: Failure, sent: int, count: int) -> Message:
    if sent == 0:
        return failure.said
    return Message(SendMsg.PARTLY_SENT, failure=failure.said, sent=sent, count=count)


def _dry_run_text(channel: NotifyChannel, number: int, count: int, body: dict[str, object]) -> str:
    signed = {"dingtalk": " (+ timestamp and sign in the URL)", "feishu": " (+ timestamp and sign in the body)"}
    note = signed.get(channel.type, "") if channel.secret_env else ""
    kind = describe(channel.type, channel.format)
    header = f"# {channel.name} ({channel.type}, {kind}) {number}/{count}: POST ${channel.url_env}{note}"
    return header + "\n" + json.dumps(body, ensure_ascii=False, indent=2) + "\n"
