"""Building the digest e-mail and delivering it over SMTP. Only delivery lives here."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Sequence
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from workplan_cli.errors import DeliveryError
from workplan_cli.i18n import os_reason_zh
from workplan_cli.model import SmtpSettings


def build_message(
    *, subject: str, sender: str, recipients: Sequence[str], text: str, html: str, now: datetime, readable: bool = False
) -> EmailMessage:
    """A ``multipart/alternative`` message (plain text, then HTML), UTF-8.

    ``readable=True`` keeps the parts as 8-bit UTF-8 for `--dry-run`, so a person can read what
    would be sent; the message actually sent uses base64 parts that every server accepts.
    """
    message = EmailMessage(policy=policy.SMTPUTF8 if readable else policy.SMTP)
    # Header values built by the registry refuse CR/LF: nothing from a plan file can add a header.
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Date"] = format_datetime(now)
    domain = sender.rpartition("@")[2] or "localhost"
    message["Message-ID"] = make_msgid(domain=domain)
    cte = "8bit" if readable else "base64"
    message.set_content(text, subtype="plain", charset="utf-8", cte=cte)
    message.add_alternative(html, subtype="html", charset="utf-8", cte=cte)
    return message


def check_address(address: str, what: str) -> str:
    try:
        Address(addr_spec=address)
    except (ValueError, IndexError) as err:
        raise DeliveryError(
            f"{what} {address!r} is not an e-mail address ({err})", f"{what} {address!r} 不是电子邮件地址"
        ) from None
    if "@" not in address:
        raise DeliveryError(
            f"{what} {address!r} is not an e-mail address (no @)", f"{what} {address!r} 不是电子邮件地址（没有 @）"
        )
    return address


def send(message: EmailMessage, settings: SmtpSettings, recipients: Sequence[str], password: str | None) -> None:
    """Deliver to every recipient, or raise DeliveryError naming the server and what failed.

    The password is used for AUTH only: it never appears in a message or an error.
    """
    server = f"{settings.host}:{settings.port}"
    client: smtplib.SMTP | None = None
    try:
        context = _tls_context(settings) if settings.security in ("ssl", "starttls") else None
        if settings.security == "ssl":
            client = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout, context=context)
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
            if settings.security == "starttls":
                client.ehlo()
                if not client.has_extn("starttls"):
                    raise DeliveryError(
                        f"SMTP server {server} does not offer STARTTLS; set smtp.security to ssl or none",
                        f"邮件服务器 {server} 不支持 STARTTLS；请把 smtp.security 设为 ssl 或 none",
                    )
                client.starttls(context=context)
        if settings.username:
            if not password:
                raise DeliveryError(
                    f"SMTP server {server}: user {settings.username!r} needs a password; set "
                    "WORKPLAN_SMTP_PASSWORD in the environment",
                    f"SMTP 服务器 {server}：用户 {settings.username!r} 需要密码；"
                    "请在环境变量中设置 WORKPLAN_SMTP_PASSWORD",
                )
            client.ehlo_or_helo_if_needed()
            if not client.has_extn("auth"):
                raise DeliveryError(
                    f"SMTP server {server} offers no AUTH (login), so user {settings.username!r} cannot log in; "
                    "remove smtp.username if the server takes mail without logging in"
                    + (
                        ""
                        if settings.security != "none"
                        else ", or use starttls/ssl: many servers offer AUTH only then"
                    ),
                    f"邮件服务器 {server} 不提供登录（AUTH）；若该服务器无需登录即可发信，请删除 smtp.username",
                )
            client.login(settings.username, password)
        refused = client.send_message(message, from_addr=settings.sender, to_addrs=list(recipients))
        if refused:
            listing = ", ".join(f"{addr} ({_reply(code, reply)})" for addr, (code, reply) in refused.items())
            raise DeliveryError(
                f"SMTP server {server} refused some recipients: {listing}; the others got it",
                f"SMTP 服务器 {server} 拒收了部分收件人：{listing}；其他收件人已收到",
            )
    except DeliveryError:
        raise
    except smtplib.SMTPAuthenticationError as err:
        raise DeliveryError(
            f"SMTP server {server}: authentication failed for user {settings.username!r}: "
            f"{_reply(err.smtp_code, err.smtp_error)}",
            f"SMTP 服务器 {server}：用户 {settings.username!r} 身份验证失败：{_reply(err.smtp_code, err.smtp_error)}",
        ) from err
    except smtplib.SMTPRecipientsRefused as err:
        listing = ", ".join(f"{addr} ({_reply(code, reply)})" for addr, (code, reply) in err.recipients.items())
        raise DeliveryError(
            f"SMTP server {server} refused every recipient: {listing}",
            f"SMTP 服务器 {server} 拒收了全部收件人：{listing}",
        ) from err
    except smtplib.SMTPSenderRefused as err:
        raise DeliveryError(
            f"SMTP server {server} refused the sender {settings.sender!r}: {_reply(err.smtp_code, err.smtp_error)}",
            f"SMTP 服务器 {server} 拒绝了发件人 {settings.sender!r}：{_reply(err.smtp_code, err.smtp_error)}",
        ) from err
    except smtplib.SMTPResponseException as err:  # any other refusal: the server's own words
        raise DeliveryError(
            f"SMTP server {server} answered {_reply(err.smtp_code, err.smtp_error)}",
            f"SMTP 服务器 {server} 答复：{_reply(err.smtp_code, err.smtp_error)}",
        ) from err
    except smtplib.SMTPNotSupportedError as err:
        raise DeliveryError(f"SMTP server {server}: {err}", f"SMTP 服务器 {server} 不支持所需功能：{err}") from err
    except ssl.SSLCertVerificationError as err:
        raise DeliveryError(
            f"SMTP server {server}: TLS failed, the certificate was not accepted "
            f"({err.verify_message}); set smtp.cafile if the server uses a private CA",
            f"SMTP 服务器 {server}：TLS 失败，证书未被接受（{err.verify_message}）；"
            "服务器使用私有 CA 时请设置 smtp.cafile",
        ) from err
    except ssl.SSLError as err:
        raise DeliveryError(
            f"SMTP server {server}: TLS failed ({err.reason or err})",
            f"SMTP 服务器 {server}：TLS 失败（{err.reason or err}）",
        ) from err
    except TimeoutError as err:
        raise _timed_out(server, settings.timeout) from err
    except ConnectionRefusedError as err:
        raise DeliveryError(
            f"SMTP server {server}: connection refused (is the server running?)",
            f"邮件服务器 {server}：连接被拒绝（服务器在运行吗？）",
        ) from err
    except smtplib.SMTPServerDisconnected as err:
        if "timed out" in str(err):  # smtplib turns a read timeout into a disconnect
            raise _timed_out(server, settings.timeout) from err
        raise DeliveryError(
            f"SMTP server {server}: the server closed the connection ({err})",
            f"SMTP 服务器 {server}：服务器关闭了连接（{err}）",
        ) from err
    except smtplib.SMTPException as err:
        raise DeliveryError(f"SMTP server {server}: {err}", f"SMTP 服务器 {server}：发送失败（{err}）") from err
    except (OSError, ValueError, OverflowError) as err:  # an unknown host, a port the system refuses
        raise DeliveryError(
            f"SMTP server {server}: cannot connect ({getattr(err, 'strerror', None) or err})",
            f"SMTP 服务器 {server}：无法连接（{os_reason_zh(err) if isinstance(err, OSError) else err}）",
        ) from err
    finally:
        if client is not None:
            try:
                client.quit()
            except (smtplib.SMTPException, OSError):
                client.close()


def _tls_context(settings: SmtpSettings) -> ssl.SSLContext:
    """The default context, with smtp.cafile added; a cafile that cannot be used is named."""
    try:
        return ssl.create_default_context(cafile=settings.cafile or None)
    except (OSError, ssl.SSLError) as err:
        reason = getattr(err, "strerror", None) or getattr(err, "reason", None) or str(err)
        raise DeliveryError(
            f"smtp.cafile {settings.cafile!r} in workplan.yaml cannot be used as CA certificates ({reason}); "
            "it must be a PEM file of CA certificates, or remove it to use the system's",
            f"workplan.yaml 中的 smtp.cafile {settings.cafile!r} 无法用作 CA 证书（{reason}）；"
            "它应是 PEM 格式的 CA 证书文件，或删除它以使用系统证书",
        ) from err


def _reply(code: int, reply: bytes | str) -> str:
    """An SMTP reply as a person reads it: ``550 5.1.1 No such user``, not a Python tuple."""
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return f"{code} {' '.join(text.split())}".strip()


def _timed_out(server: str, seconds: float) -> DeliveryError:
    return DeliveryError(
        f"SMTP server {server}: timed out after {seconds:g} s", f"邮件服务器 {server}：{seconds:g} 秒内没有响应"
    )
