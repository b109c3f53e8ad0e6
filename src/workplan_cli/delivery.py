"""Who gets which digest, and sending them one by one so that one failure does not stop the rest."""

from __future__ import annotations

import shlex
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from workplan_cli.digest import Digest, became_urgent, build_digest, owners_of
from workplan_cli.errors import DeliveryError, UsageError
from workplan_cli.i18n import Listed, Message, Phrase, SendMsg, tr
from workplan_cli.mailer import build_message, check_address, send
from workplan_cli.model import NotifyChannel, PlanSettings
from workplan_cli.notify.channels import Outcome, failed, for_channel, send_robot, succeeded
from workplan_cli.notify.messages import plain_text
from workplan_cli.notify.notice import Notice, digest_notice, remind_notice, without_mentions
from workplan_cli.schedule import Entry
from workplan_cli.views.digest_render import ZH, Labels, render_html, render_text, subject


@dataclass(frozen=True, slots=True)
class Delivery:
    recipients: tuple[str, ...]
    digest: Digest


@dataclass
class DeliveryReport:
    sent: list[str] = field(default_factory=list)  # one line per message delivered (or shown, with --dry-run)
    skipped: list[str] = field(default_factory=list)
    failed: list[DeliveryError] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)  # found before sending
    digests: int = 0  # how many digests there were to send

    def failure(self) -> DeliveryError | None:
        """The error the run ends with: the one failure of a single digest, or a count of them."""
        if not self.failed:
            return None
        if self.digests == 1:
            return self.failed[0]
        return DeliveryError(SendMsg.DIGESTS_NOT_DELIVERED, n_failed=len(self.failed), digests=self.digests)


def plan_deliveries(
    settings: PlanSettings,
    entries: Sequence[Entry],
    as_of: date,
    window: int,
    *,
    by_owner: bool,
    to: Sequence[str],
    dry_run: bool = False,
) -> tuple[list[Delivery], list[Message]]:
    """The digests to send and warnings (owners with no address). Pure.

    A dry run without recipients still shows the message (with an empty To:) and warns: it is
    how a new user first sees the e-mail, before smtp.to is filled in.
    """
    if by_owner and to:
        raise UsageError(SendMsg.TO_WITH_BY_OWNER)
    for address in to:  # a typo on the command line is a usage error, found before anything is built
        try:
            check_address(address, "--to")
        except DeliveryError as err:
            raise UsageError(err.key, **err.fields) from None
    if not by_owner:
        recipients = tuple(to) or settings.smtp.to
        warnings = []
        if not recipients:
            if not dry_run:
                raise UsageError(SendMsg.NO_RECIPIENTS)
            warnings.append(Message(SendMsg.NO_RECIPIENTS_YET))
        return [Delivery(recipients, build_digest(settings.title, entries, as_of, window))], warnings
    deliveries, unreachable = [], []
    for owner in owners_of(entries):
        addresses = settings.owners[owner].emails if owner in settings.owners else ()
        if not owner or not addresses:
            unreachable.append(owner)
            continue
        mine = [e for e in entries if owner in e.units]
        deliveries.append(Delivery(addresses, build_digest(settings.title, mine, as_of, window, owner=owner)))
    warnings = []
    if unreachable:
        named = [u for u in unreachable if u]
        units = Listed((*named, *[Message(SendMsg.NO_UNIT)] * (len(named) < len(unreachable))))
        warnings.append(Message(SendMsg.NO_ADDRESS_FOR, units=units))
    return deliveries, warnings


def send_digests(
    settings: PlanSettings,
    entries: Sequence[Entry],
    as_of: date,
    window: int,
    labels: Labels,
    *,
    by_owner: bool,
    to: Sequence[str],
    now: datetime,
    password: str | None,
    dry_run: bool,
    skip_empty: bool,
    show: Callable[[str], None],
) -> DeliveryReport:
    """Decide who gets which digest and send each; a failure is recorded and the next one is still sent.

    With ``dry_run`` each message is given to ``show`` instead of the server.
    """
    deliveries, warnings = plan_deliveries(settings, entries, as_of, window, by_owner=by_owner, to=to, dry_run=dry_run)
    report = DeliveryReport(warnings=warnings, digests=len(deliveries))
    check_address(settings.smtp.sender or "workplan@localhost", "smtp.from")
    lang = "zh" if labels == ZH else "en"  # the lines said to the user in the digest's language
    for delivery in deliveries:
        who = ", ".join(delivery.recipients)
        if skip_empty and delivery.digest.is_empty:
            owner = delivery.digest.owner or who
            report.skipped.append(tr(SendMsg.NOTHING_FOR_OWNER, lang, owner=owner))
            continue
        try:
            letter = Letter(
                subject(delivery.digest, labels),
                render_text(delivery.digest, labels),
                render_html(delivery.digest, labels),
            )
            report.sent.append(_mail(letter, delivery.recipients, settings, now, password, dry_run, show).text(lang))
        except DeliveryError as err:
            report.failed.append(err)
    return report


@dataclass(frozen=True, slots=True)
class Letter:
    subject: str
    text: str
    html: str


def _mail(
    letter: Letter,
    recipients: Sequence[str],
    settings: PlanSettings,
    now: datetime,
    password: str | None,
    dry_run: bool,
    show: Callable[[str], None],
) -> Message:
    """Send one e-mail (or show it, with ``dry_run``); the line saying so, or DeliveryError."""
    who = Listed(tuple(recipients)) if recipients else SendMsg.NO_RECIPIENTS_SHOWN
    sender = check_address(settings.smtp.sender or "workplan@localhost", "smtp.from")
    for address in recipients:
        check_address(address, "recipient")
    message = build_message(
        subject=letter.subject,
        sender=sender,
        recipients=recipients,
        text=letter.text,
        html=letter.html,
        now=now,
        readable=dry_run,
    )
    if dry_run:
        show(message.as_bytes().decode("utf-8").replace("\r\n", "\n"))
        return Message(SendMsg.DRY_RUN_NOT_SENT, who=who)
    send(message, settings.smtp, recipients, password)
    return Message(SendMsg.MAIL_SENT, who=Listed(tuple(recipients), ", ", ", "), subject=message["Subject"])


# ---------------------------------------------------------------------------------------------
# Channels (notify: in workplan.yaml): group robots and e-mail lists


@dataclass
class ChannelReport:
    outcomes: list[Outcome] = field(default_factory=list)

    def failure(self) -> DeliveryError | None:
        """Exit 5 when any channel failed; the lines have already said which and why."""
        failed = [o for o in self.outcomes if not o.ok]
        if not failed:
            return None
        total = len(self.outcomes)
        return DeliveryError(SendMsg.CHANNELS_NOT_DELIVERED, n_failed=len(failed), total=total)


def select_channels(settings: PlanSettings, names: Sequence[str]) -> list[NotifyChannel]:
    """The channels to use: those named with --channel, or all. An unknown name is a usage error."""
    known = [c.name for c in settings.notify]
    unknown = [n for n in names if n not in known]
    if unknown:
        names_said = Phrase(", ".join(map(repr, unknown)), "、".join(unknown))
        channels = Listed(tuple(known)) if known else SendMsg.NO_CHANNELS_YET
        raise UsageError(SendMsg.NO_SUCH_CHANNEL, names=names_said, channels=channels)
    return [c for c in settings.notify if not names or c.name in names]


@dataclass(frozen=True, slots=True)
class Sending:
    """What every channel shares in one run: where secrets come from, the clock, dry run or not."""

    env: Mapping[str, str]
    now: datetime
    password: str | None
    dry_run: bool
    skip_empty: bool
    show: Callable[[str], None]
    clock: Callable[[], float]
    sleep: Callable[[float], None]
    note: Callable[[Message], None] | None = None  # progress worth a line on stderr


def send_digest_to_channels(
    settings: PlanSettings,
    channels: Sequence[NotifyChannel],
    entries: Sequence[Entry],
    as_of: date,
    window: int,
    labels: Labels,
    lang: str,
    how: Sending,
) -> ChannelReport:
    """The digest to every channel, each with the milestones it is for; one failing does not stop the rest."""

    def letter(mine: Sequence[Entry]) -> tuple[Notice, Letter]:
        digest = build_digest(settings.title, mine, as_of, window)
        notice = digest_notice(digest, labels, lang, settings.owners)
        return notice, Letter(subject(digest, labels), render_text(digest, labels), render_html(digest, labels))

    return _to_channels(settings, channels, entries, letter, how)


def send_reminders(
    settings: PlanSettings,
    channels: Sequence[NotifyChannel],
    today_entries: Sequence[Entry],
    yesterday_entries: Sequence[Entry],
    today: date,
    window: int,
    labels: Labels,
    lang: str,
    how: Sending,
) -> ChannelReport:
    """Today's reminder: only milestones that became overdue or entered the warning window today."""
    overdue, entered = became_urgent(today_entries, yesterday_entries)

    def letter(mine: Sequence[Entry]) -> tuple[Notice, Letter]:
        ids = {e.milestone.id for e in mine}
        notice = remind_notice(
            settings.title,
            today,
            window,
            [e for e in overdue if e.milestone.id in ids],
            [e for e in entered if e.milestone.id in ids],
            labels,
            lang,
            settings.owners,
        )
        text = plain_text(notice)
        return notice, Letter(text.split("\n", 1)[0], text, _pre(text))

    return _to_channels(settings, channels, today_entries, letter, how)


def _pre(text: str) -> str:
    """The reminder as HTML: its lines as they are, each disc a coloured ● (mail clients without an
    emoji font would show the discs as empty boxes)."""
    import html

    body = html.escape(text)
    for disc, colour in (("🔴", "#c62828"), ("🟡", "#f9a825"), ("🟢", "#2e7d32")):
        body = body.replace(disc, f'<span style="color:{colour};">●</span>')
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'
        f'<pre style="white-space:pre-wrap;font-family:sans-serif;">{body}</pre></body></html>\n'
    )


def _to_channels(
    settings: PlanSettings,
    channels: Sequence[NotifyChannel],
    entries: Sequence[Entry],
    letter: Callable[[Sequence[Entry]], tuple[Notice, Letter]],
    how: Sending,
) -> ChannelReport:
    report = ChannelReport()
    for channel in channels:
        notice, mail = letter(for_channel(channel, entries))
        if not channel.mention:
            notice = without_mentions(notice)
        if how.skip_empty and notice.is_empty:
            report.outcomes.append(succeeded(channel, Message(SendMsg.NOTHING_TO_REPORT)))
            continue
        if channel.type != "email":
            outcome = send_robot(
                channel,
                notice,
                how.env,
                dry_run=how.dry_run,
                show=how.show,
                clock=how.clock,
                sleep=how.sleep,
                note=how.note,
            )
            report.outcomes.append(outcome)
            continue
        recipients = channel.to or settings.smtp.to
        if not recipients:
            report.outcomes.append(failed(channel, Message(SendMsg.CHANNEL_WITHOUT_RECIPIENTS)))
            continue
        try:
            said = _mail(mail, recipients, settings, how.now, how.password, how.dry_run, how.show)
        except DeliveryError as err:
            report.outcomes.append(failed(channel, Message(err.key, **err.fields)))
            continue
        report.outcomes.append(succeeded(channel, said))
    return report


def reminder_channels(settings: PlanSettings, names: Sequence[str]) -> list[NotifyChannel]:
    """Where `remind` sends: the notify: channels (or those named); without any, e-mail to smtp.to."""
    if settings.notify or names:
        return select_channels(settings, names)
    if not settings.smtp.to:
        raise UsageError(SendMsg.NOWHERE_TO_REMIND)
    return [NotifyChannel(name="smtp.to", type="email")]


def crontab_text(python: str, plan_folder: Path, command: str, settings: PlanSettings | None) -> str:
    """The crontab line, after a comment naming the variables it needs set above it (the channels'
    webhook URLs and secrets, the SMTP password): cron passes no environment of its own."""
    line = crontab_line(python, plan_folder, command)
    if settings is None:
        return line
    needed = [v for c in settings.notify for v in (c.url_env, c.secret_env) if v]
    mails = not settings.notify or any(c.type == "email" for c in settings.notify)
    if mails and settings.smtp.username:
        needed.append("WORKPLAN_SMTP_PASSWORD")
    if not needed:
        return line
    return f"# set above this line (crontab -e), each as NAME=value: {', '.join(dict.fromkeys(needed))}\n{line}"


def crontab_line(python: str, plan_folder: Path, command: str = "digest") -> str:
    """A crontab entry with absolute paths (cron has no venv and almost no PATH): the digest on
    Monday 08:00, the reminder every day at 08:00."""
    when, args = ("0 8 * * *", ["remind"]) if command == "remind" else ("0 8 * * 1", ["digest", "--send"])
    words = [python, "-m", "workplan_cli", *args, "--plan", str(plan_folder.resolve())]
    return f"{when} " + " ".join(shlex.quote(part) for part in words)
