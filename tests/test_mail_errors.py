"""SMTP failures in words a person understands, against a real server on loopback."""

from __future__ import annotations

import ssl
from datetime import UTC, datetime
from pathlib import Path

import pytest
import trustme

from workplan_cli.errors import DeliveryError
from workplan_cli.mailer import build_message, send
from workplan_cli.model import SmtpSettings

from .smtp_server import PASSWORD, REFUSED_DOMAIN, USER, smtp_server


def _message() -> object:
    return build_message(
        subject="周报", sender="workplan@example.com", recipients=["a@example.com"], text="t", html="<p>t</p>",
        now=datetime(2024, 6, 17, tzinfo=UTC),
    )  # fmt: skip


def _failure(settings: SmtpSettings, recipients: list[str], password: str | None = None) -> str:
    with pytest.raises(DeliveryError) as caught:
        send(_message(), settings, recipients, password)  # type: ignore[arg-type]
    return str(caught.value)


def test_every_recipient_refused_gives_the_servers_reply_text_not_a_tuple() -> None:
    with smtp_server() as server:
        settings = SmtpSettings(host=server.host, port=server.port, sender="workplan@example.com")
        message = _failure(settings, [f"x@{REFUSED_DOMAIN}"])
    assert "550 5.1.1 mailbox unavailable" in message
    assert "(b'" not in message and "b'" not in message


def test_a_server_without_auth_is_not_called_a_server_without_starttls() -> None:
    with smtp_server() as server:  # no authenticator: the server offers no AUTH
        settings = SmtpSettings(host=server.host, port=server.port, sender="workplan@example.com", username=USER)
        message = _failure(settings, ["a@example.com"], PASSWORD)
    assert "offers no AUTH" in message
    assert "STARTTLS" not in message


def test_a_server_without_starttls_is_named_as_such() -> None:
    with smtp_server() as server:
        settings = SmtpSettings(host=server.host, port=server.port, sender="workplan@example.com", security="starttls")
        message = _failure(settings, ["a@example.com"])
    assert "does not offer STARTTLS" in message


def test_a_wrong_password_gives_the_servers_words(tmp_path: Path) -> None:
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    with smtp_server(starttls=context, auth=True) as server:
        settings = SmtpSettings(
            host=server.host,
            port=server.port,
            sender="workplan@example.com",
            username=USER,
            security="starttls",
            cafile=str(tmp_path / "ca.pem"),
        )
        message = _failure(settings, ["a@example.com"], "wrong")
    assert "authentication failed" in message and "535" in message
    assert "(b'" not in message


@pytest.mark.parametrize(
    ("cafile", "words"),
    [("/nonexistent/ca.pem", "No such file"), ("/", "cannot be used"), (__file__, "cannot be used")],
)
def test_a_cafile_that_cannot_be_used_is_named(cafile: str, words: str) -> None:
    settings = SmtpSettings(host="127.0.0.1", port=1, security="starttls", cafile=cafile)
    message = _failure(settings, ["a@example.com"])
    assert f"smtp.cafile {cafile!r}" in message and words in message
