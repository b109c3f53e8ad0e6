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
from workplan_cli.i18n import SendMsg
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
        raise DeliveryError(SendMsg.NOT_AN_ADDRESS, what=what, address=address, why=str(err)) from None
    if "@" not in address:
        raise DeliveryError(SendMsg.NOT_AN_ADDRESS_NO_AT, what=what, address=address)
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
                    raise DeliveryError(SendMsg.SMTP_NO_STARTTLS, server=server)
                client.starttls(context=context)
        if settings.username:
            if not password:
                raise DeliveryError(SendMsg.SMTP_NEEDS_PASSWORD, server=server, username=settings.username)
            client.ehlo_or_helo_if_needed()
            if not client.has_extn("auth"):
                hint = SendMsg.SMTP_AUTH_AFTER_TLS if settings.security == "none" else ""
                raise DeliveryError(SendMsg.SMTP_NO_AUTH, server=server, username=settings.username, hint=hint)
            client.login(settings.username, password)
        refused = client.send_message(message, from_addr=settings.sender, to_addrs=list(recipients))
        if refused:
            listing = ", ".join(f"{addr} ({_reply(code, reply)})" for addr, (code, reply) in refused.items())
            raise DeliveryError(SendMsg.SMTP_REFUSED_SOME, server=server, listing=listing)
    except DeliveryError:
        raise
    except smtplib.SMTPAuthenticationError as err:
        reply = _reply(err.smtp_code, err.smtp_error)
        raise DeliveryError(SendMsg.SMTP_AUTH_FAILED, server=server, username=settings.username, reply=reply) from err
    except smtplib.SMTPRecipientsRefused as err:
        listing = ", ".join(f"{addr} ({_reply(code, reply)})" for addr, (code, reply) in err.recipients.items())
        raise DeliveryError(SendMsg.SMTP_REFUSED_ALL, server=server, listing=listing) from err
    except smtplib.SMTPSenderRefused as err:
        reply = _reply(err.smtp_code, err.smtp_error)
        raise DeliveryError(SendMsg.SMTP_SENDER_REFUSED, server=server, sender=settings.sender, reply=reply) from err
    except smtplib.SMTPResponseException as err:  # any other refusal: the server's own words
        raise DeliveryError(SendMsg.SMTP_ANSWERED, server=server, reply=_reply(err.smtp_code, err.smtp_error)) from err
    except smtplib.SMTPNotSupportedError as err:
        raise DeliveryError(SendMsg.SMTP_LACKS_FEATURE, server=server, err=err) from err
    except ssl.SSLCertVerificationError as err:
        raise DeliveryError(SendMsg.SMTP_TLS_FAILED, server=server, verify_message=err.verify_message) from err
    except ssl.SSLError as err:
        raise DeliveryError(SendMsg.SMTP_TLS_ERROR, server=server, why=str(err.reason or err)) from err
    except TimeoutError as err:
        raise _timed_out(server, settings.timeout) from err
    except ConnectionRefusedError as err:
        raise DeliveryError(SendMsg.SMTP_CONNECTION_REFUSED, server=server) from err
    except smtplib.SMTPServerDisconnected as err:
        if "timed out" in str(err):  # smtplib turns a read timeout into a disconnect
            raise _timed_out(server, settings.timeout) from err
        raise DeliveryError(SendMsg.SMTP_CLOSED, server=server, err=err) from err
    except smtplib.SMTPException as err:
        raise DeliveryError(SendMsg.SMTP_SEND_FAILED, server=server, err=err) from err
    except (OSError, ValueError, OverflowError) as err:  # an unknown host, a port the system refuses
        why = err if isinstance(err, OSError) and err.strerror else str(err)
        raise DeliveryError(SendMsg.SMTP_CANNOT_CONNECT, server=server, why=why) from err
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
        raise DeliveryError(SendMsg.SMTP_BAD_CAFILE, cafile=settings.cafile, reason=reason) from err


def _reply(code: int, reply: bytes | str) -> str:
    """An SMTP reply as a person reads it: ``550 5.1.1 No such user``, not a Python tuple."""
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return f"{code} {' '.join(text.split())}".strip()


def _timed_out(server: str, seconds: float) -> DeliveryError:
    return DeliveryError(SendMsg.SMTP_TIMED_OUT, server=server, seconds=seconds)
