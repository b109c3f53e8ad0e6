"""`workplan collect --by-email`: each unit gets its form as an attachment, through the digest's SMTP settings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from workplan_cli.errors import DeliveryError
from workplan_cli.forms import MadeForm
from workplan_cli.mailer import check_address, send
from workplan_cli.model import PlanSettings
from workplan_cli.periods import Period

XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def form_message(
    settings: PlanSettings, form: MadeForm, period: Period, recipients: Sequence[str], now: datetime
) -> EmailMessage:
    """The form as an attachment, with a short plain-text request (UTF-8; header values cannot carry CR/LF)."""
    sender = settings.smtp.sender or "workplan@localhost"
    message = EmailMessage(policy=policy.SMTP)
    title = " ".join(settings.title.split())
    message["Subject"] = f"{title} 进展情况填报表（{period.label}）：{' '.join(form.unit.split())}"
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "localhost")
    body = (
        f"{form.unit}：\n\n请填写附件中的进展情况填报表（{period.label}，{form.milestones} 项），"
        "只在白色单元格填写，不要改动灰色单元格，填好后将表格原样发回。\n\n"
        f"Please fill in the attached progress form for {period.label} ({form.milestones} milestones) "
        "in the white cells only, and send it back as it is.\n"
    )
    message.set_content(body, charset="utf-8", cte="base64")
    message.add_attachment(form.data, *XLSX_TYPE, filename=form.file_name)
    return message


@dataclass
class FormMailReport:
    sent: list[str] = field(default_factory=list)
    unreachable: list[str] = field(default_factory=list)  # units with no address in owners:
    failed: list[DeliveryError] = field(default_factory=list)


def send_forms(
    settings: PlanSettings, forms: Sequence[MadeForm], period: Period, *, now: datetime, password: str | None
) -> FormMailReport:
    """Send each unit its form; a unit without an address or a failed delivery does not stop the others."""
    report = FormMailReport()
    check_address(settings.smtp.sender or "workplan@localhost", "smtp.from")
    for form in forms:
        owner = settings.owners.get(form.unit)
        recipients = owner.emails if owner else ()
        if not recipients:
            report.unreachable.append(form.unit)
            continue
        try:
            for address in recipients:
                check_address(address, "recipient")
            send(form_message(settings, form, period, recipients, now), settings.smtp, recipients, password)
            report.sent.append(f"{form.unit}: {form.file_name} → {', '.join(recipients)}")
        except DeliveryError as err:
            report.failed.append(err)
    return report
