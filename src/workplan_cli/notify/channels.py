"""One robot channel of ``notify:``: its milestones, its messages, sending them, and the line that says how it went.

The webhook URL and the secret are read from the environment variables the channel names, at
send time; they are never printed (``--dry-run`` names the variables instead).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

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
    en: str
    zh: str

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def for_channel(channel: NotifyChannel, entries: Sequence[Entry]) -> list[Entry]:
    """The milestones a channel is for: those of its units or leaders (``for:``), or all."""
    if not channel.units:
        return list(entries)
    wanted = set(channel.units)
    return [e for e in entries if wanted.intersection(who_answers(e))]


def kind_label(channel: NotifyChannel, lang: str) -> str:
    if channel.type == "email":
        return "邮件" if lang == "zh" else "e-mail"
    return PLATFORMS[channel.type].label(lang)


def heading(channel: NotifyChannel) -> tuple[str, str]:
    """``办公室群 (DingTalk)``: how a channel is named in the lines, in each language."""
    return f"{channel.name} ({kind_label(channel, 'en')})", f"{channel.name}（{kind_label(channel, 'zh')}）"


def succeeded(channel: NotifyChannel, en: str, zh: str) -> Outcome:
    name_en, name_zh = heading(channel)
    return Outcome(channel.name, True, f"✓ {name_en}: {en}", f"✓ {name_zh}：{zh}")


def failed(channel: NotifyChannel, en: str, zh: str) -> Outcome:
    name_en, name_zh = heading(channel)
    return Outcome(channel.name, False, f"✗ {name_en}: not delivered: {en}", f"✗ {name_zh}：未送达：{zh}")


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
    note: Callable[[str, str], None] | None = None,
) -> Outcome:
    """Build the channel's messages and send them, or show them with ``dry_run``."""
    bodies = build_requests(notice, channel.type, channel.format, channel.keyword)
    count = len(bodies)
    if dry_run:
        for number, body in enumerate(bodies, 1):
            show(_dry_run_text(channel, number, count, body))
        return succeeded(
            channel, f"dry run, {count} message(s) shown, nothing sent", f"演练，显示 {count} 条消息，未发送"
        )
    url = env.get(channel.url_env, "")
    if not url:
        return failed(
            channel,
            f"${channel.url_env} is not set in the environment (it holds the webhook URL)",
            f"环境变量 {channel.url_env} 未设置（应为 webhook 地址）",
        )
    bad = check_url(url, channel.url_env)
    if bad is not None:
        return failed(channel, bad.en, bad.zh)
    secret = env.get(channel.secret_env, "") if channel.secret_env else ""
    if channel.secret_env and not secret:
        return failed(
            channel,
            f"${channel.secret_env} is not set in the environment (it holds the signing secret)",
            f"环境变量 {channel.secret_env} 未设置（应为签名密钥）",
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
        return succeeded(channel, f"sent, {count} message(s)", f"已发送 {count} 条消息")
    return failed(channel, *_progress(result.failure, result.sent, count))


def _waiting(channel: NotifyChannel, note: Callable[[str, str], None]) -> Callable[[float], None]:
    """Says why nothing seems to happen while a long digest waits for the robot's rate limit."""
    spec = PLATFORMS[channel.type]
    name_en, name_zh = heading(channel)

    def say(seconds: float) -> None:
        note(
            f"{name_en}: waiting {seconds:.0f} s for {spec.label_en}'s limit of {spec.per_minute} messages a minute",
            f"{name_zh}：等待 {seconds:.0f} 秒（{spec.label_zh}每分钟最多 {spec.per_minute} 条消息）",
        )

    return say


def _progress(failure: Failure, sent: int, count: int) -> tuple[str, str]:
    if sent == 0:
        return failure.en, failure.zh
    return (
        f"{failure.en}; {sent} of {count} messages had been sent",
        f"{failure.zh}；{count} 条消息中已发出 {sent} 条",
    )


def _dry_run_text(channel: NotifyChannel, number: int, count: int, body: dict[str, object]) -> str:
    signed = {"dingtalk": " (+ timestamp and sign in the URL)", "feishu": " (+ timestamp and sign in the body)"}
    note = signed.get(channel.type, "") if channel.secret_env else ""
    kind = describe(channel.type, channel.format)
    header = f"# {channel.name} ({channel.type}, {kind}) {number}/{count}: POST ${channel.url_env}{note}"
    return header + "\n" + json.dumps(body, ensure_ascii=False, indent=2) + "\n"
