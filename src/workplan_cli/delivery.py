"""Who gets which digest, and sending them one by one so that one failure does not stop the rest."""

from __future__ import annotations

import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from workplan_cli.digest import Digest, build_digest, owners_of
from workplan_cli.errors import DeliveryError, UsageError
from workplan_cli.mailer import build_message, check_address, send
from workplan_cli.model import PlanSettings
from workplan_cli.schedule import Entry
from workplan_cli.views.digest_render import Labels, render_html, render_text, subject


@dataclass(frozen=True, slots=True)
class Delivery:
    recipients: tuple[str, ...]
    digest: Digest


@dataclass
class DeliveryReport:
    sent: list[str] = field(default_factory=list)  # one line per message delivered (or shown, with --dry-run)
    skipped: list[str] = field(default_factory=list)
    failed: list[DeliveryError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # owners with no address, found before sending
    digests: int = 0  # how many digests there were to send

    def failure(self) -> DeliveryError | None:
        """The error the run ends with: the one failure of a single digest, or a count of them."""
        if not self.failed:
            return None
        if self.digests == 1:
            return self.failed[0]
        return DeliveryError(
            f"{len(self.failed)} of {self.digests} digests not delivered",
            f"{self.digests} 份周报中有 {len(self.failed)} 份未送达",
        )


def plan_deliveries(
    settings: PlanSettings, entries: Sequence[Entry], as_of: date, window: int, *, by_owner: bool, to: Sequence[str]
) -> tuple[list[Delivery], list[str]]:
    """The digests to send and warnings (owners with no address). Pure."""
    if by_owner and to:
        raise UsageError(
            "--to and --by-owner do not go together: --by-owner sends to the owners' addresses",
            "--to 与 --by-owner 不能同时使用：--by-owner 发往各责任单位的地址",
        )
    if not by_owner:
        recipients = tuple(to) or settings.smtp.to
        if not recipients:
            raise UsageError(
                "no recipients: set smtp.to in workplan.yaml or pass --to ADDRESS",
                "没有收件人：请在 workplan.yaml 中设置 smtp.to，或用 --to 指定地址",
            )
        return [Delivery(recipients, build_digest(settings.title, entries, as_of, window))], []
    deliveries, unreachable = [], []
    for owner in owners_of(entries):
        addresses = settings.owners[owner].emails if owner in settings.owners else ()
        if not owner or not addresses:
            unreachable.append(owner or "(no owner)")
            continue
        mine = [e for e in entries if e.owner == owner]
        deliveries.append(Delivery(addresses, build_digest(settings.title, mine, as_of, window, owner=owner)))
    warnings = []
    if unreachable:
        warnings.append(
            f"no e-mail address in workplan.yaml (owners:) for: {', '.join(unreachable)}; "
            "their milestones were not sent"
        )
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
    deliveries, warnings = plan_deliveries(settings, entries, as_of, window, by_owner=by_owner, to=to)
    report = DeliveryReport(warnings=warnings, digests=len(deliveries))
    sender = settings.smtp.sender or "workplan@localhost"
    check_address(sender, "smtp.from")
    for delivery in deliveries:
        who = ", ".join(delivery.recipients)
        if skip_empty and delivery.digest.is_empty:
            report.skipped.append(f"nothing to report for {delivery.digest.owner or who}: not sent")
            continue
        try:
            for address in delivery.recipients:
                check_address(address, "recipient")
            message = build_message(
                subject=subject(delivery.digest, labels),
                sender=sender,
                recipients=delivery.recipients,
                text=render_text(delivery.digest, labels),
                html=render_html(delivery.digest, labels),
                now=now,
                readable=dry_run,
            )
            if dry_run:
                show(message.as_bytes().decode("utf-8").replace("\r\n", "\n"))
                report.sent.append(f"dry run: not sent to {who}")
                continue
            send(message, settings.smtp, delivery.recipients, password)
            report.sent.append(f"sent to {who}: {message['Subject']}")
        except DeliveryError as err:
            report.failed.append(err)
    return report


def crontab_line(python: str, plan_folder: Path) -> str:
    """A crontab entry for Monday 08:00 with absolute paths: cron has no venv and almost no PATH."""
    command = [python, "-m", "workplan_cli", "digest", "--send", "--plan", str(plan_folder.resolve())]
    return "0 8 * * 1 " + " ".join(shlex.quote(part) for part in command)
