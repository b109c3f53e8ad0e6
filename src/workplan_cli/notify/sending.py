"""Posting messages to one robot: signing, pacing under its rate limit, retrying, reading its answer.

The HTTP client is the standard library's urllib, imported when a message is actually sent. The
clock, the pause and the transport are passed in, so tests drive them without waiting.
"""

from __future__ import annotations

import ipaddress
import json
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from workplan_cli.i18n import Message, SendMsg
from workplan_cli.notify.messages import Body, encode
from workplan_cli.notify.platforms import PLATFORMS, explain
from workplan_cli.notify.signing import dingtalk_signed_url, feishu_signature

_ANSWER_BYTES = 64 * 1024  # a robot answers with a few dozen bytes of JSON; more is not read
Post = Callable[[str, bytes, float], tuple[int, bytes]]  # (url, body, timeout) -> (HTTP status, answer)


class Timeout(Exception):
    """No answer within the timeout."""


class Unreachable(Exception):
    """No connection (refused, no such host, TLS failure): the words say which."""

    def __init__(self, said: Message) -> None:
        super().__init__(said.text("en"))
        self.said = said


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a channel's message was not accepted, in words."""

    said: Message


@dataclass(frozen=True, slots=True)
class Sent:
    """How far one channel got: ``failure`` is None when every message was accepted."""

    sent: int
    total: int
    failure: Failure | None = None
    retried: int = 0


class Pacer:
    """Keeps a robot under its rate limits: waits before a send that would exceed any of them.

    ``windows`` are (messages, seconds) pairs such as (20, 60) for "20 a minute".
    """

    def __init__(
        self,
        windows: Sequence[tuple[int, float]],
        clock: Callable[[], float],
        sleep: Callable[[float], None],
        announce: Callable[[float], None] | None = None,
    ) -> None:
        self.windows = [w for w in windows if w[0] > 0]
        self.clock = clock
        self.sleep = sleep
        self.announce = announce  # told of a pause of a second or more before it starts
        self.sent: deque[float] = deque()

    def wait(self) -> float:
        """Pause as long as needed for one more message; returns the seconds paused."""
        waited = 0.0
        for limit, seconds in self.windows:
            now = self.clock()
            recent = [t for t in self.sent if now - t < seconds]
            if len(recent) >= limit:
                pause = seconds - (now - recent[-limit])
                if pause > 0:
                    if pause >= 1 and self.announce is not None:
                        self.announce(pause)
                    self.sleep(pause)
                    waited += pause
        self.sent.append(self.clock())
        longest = max((s for _, s in self.windows), default=0.0)
        while self.sent and self.clock() - self.sent[0] >= longest:
            self.sent.popleft()
        return waited


def pacer_for(
    platform: str,
    clock: Callable[[], float],
    sleep: Callable[[float], None],
    announce: Callable[[float], None] | None = None,
) -> Pacer:
    spec = PLATFORMS[platform]
    return Pacer([(spec.per_minute, 60.0), (spec.per_second, 1.0)], clock, sleep, announce)


def check_url(url: str, variable: str) -> Failure | None:
    """A webhook URL must be https (plain http only to this machine, for tests and local relays)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return None
    if parts.scheme == "http" and parts.hostname and _is_loopback(parts.hostname):
        return None
    return Failure(
        Message(SendMsg.NOT_A_WEBHOOK_URL, variable=variable),
    )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def send_all(
    platform: str,
    url: str,
    secret: str,
    bodies: Sequence[Body],
    *,
    timeout: float,
    retries: int,
    backoff: float,
    clock: Callable[[], float],
    sleep: Callable[[float], None],
    post: Post | None = None,
    pacer: Pacer | None = None,
    announce: Callable[[float], None] | None = None,
) -> Sent:
    """Send the messages in order; stop at the first one the robot does not accept.

    A timeout, an HTTP 5xx answer or the platform's "busy" code is tried again after ``backoff``
    seconds, doubled each time, up to ``retries`` times; any other refusal is final (sending the
    same message again would be refused the same way, and a rate limit only gets longer).
    """
    send = post or urllib_post
    pace = pacer or pacer_for(platform, clock, sleep, announce)
    retried = 0
    for number, body in enumerate(bodies):
        pace.wait()
        attempt = 0
        while True:
            failure, again = _attempt(platform, url, secret, body, timeout, clock, send)
            if failure is None:
                break
            if not again or attempt >= retries:
                if attempt:
                    failure = Failure(Message(SendMsg.AFTER_ATTEMPTS, failure=failure.said, attempts=attempt + 1))
                return Sent(number, len(bodies), failure, retried)
            sleep(backoff * 2**attempt)
            attempt += 1
            retried += 1
    return Sent(len(bodies), len(bodies), None, retried)


def _attempt(
    platform: str, url: str, secret: str, body: Body, timeout: float, clock: Callable[[], float], send: Post
) -> tuple[Failure | None, bool]:
    """One request, signed afresh (a signature is valid for an hour). Returns (failure, worth retrying)."""
    target, payload = url, body
    if secret and platform == "dingtalk":
        target = dingtalk_signed_url(url, secret, int(clock() * 1000))
    elif secret and platform == "feishu":
        stamp = int(clock())
        payload = {"timestamp": str(stamp), "sign": feishu_signature(secret, stamp), **body}
    try:
        status, answer = send(target, encode(payload), timeout)
    except Timeout:
        return Failure(Message(SendMsg.ROBOT_NO_ANSWER, timeout=timeout)), True
    except Unreachable as err:
        return Failure(err.said), False
    if status >= 500:
        return Failure(Message(SendMsg.SERVER_ANSWERED_HTTP, status=status)), True
    try:
        reply = json.loads(answer.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return Failure(
            Message(SendMsg.ANSWER_NOT_JSON, status=status),
        ), False
    if not isinstance(reply, dict):
        return Failure(Message(SendMsg.HTTP_UNEXPECTED_ANSWER, status=status)), False
    code = reply.get("errcode", reply.get("code", reply.get("StatusCode")))
    if not isinstance(code, int):
        if status == 200:
            return None, False
        return Failure(Message(SendMsg.SERVER_ANSWERED_HTTP, status=status)), False
    verdict = explain(platform, code, str(reply.get("errmsg", reply.get("msg", ""))))
    if verdict.ok:
        return None, False
    return Failure(verdict.said), verdict.retry


def urllib_post(url: str, body: bytes, timeout: float) -> tuple[int, bytes]:
    """POST JSON with the standard library; HTTP errors are answers too (their body says why)."""
    import socket
    import ssl
    import urllib.error
    import urllib.request

    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    parts = urlsplit(url)
    host = parts.hostname or "?"
    if parts.scheme not in ("http", "https"):  # urllib would also open file: and ftp: URLs
        raise Unreachable(Message(SendMsg.NOT_A_WEB_ADDRESS, scheme=url.split(":")[0]))
    # A proxy from the environment (https_proxy) serves the platforms; this machine is reached directly.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({})) if _is_loopback(host) else None
    try:
        with (opener.open if opener else urllib.request.urlopen)(request, timeout=timeout) as response:
            return int(response.status), response.read(_ANSWER_BYTES)
    except urllib.error.HTTPError as err:
        with err:
            return int(err.code), err.read(_ANSWER_BYTES)
    except TimeoutError as err:
        raise Timeout from err
    except urllib.error.URLError as err:
        reason = err.reason
        if isinstance(reason, TimeoutError):
            raise Timeout from err
        if isinstance(reason, ConnectionRefusedError):
            raise Unreachable(Message(SendMsg.ROBOT_CONNECTION_REFUSED, host=host)) from err
        if isinstance(reason, socket.gaierror):
            raise Unreachable(Message(SendMsg.NO_SUCH_HOST, host=host)) from err
        if isinstance(reason, ssl.SSLError):
            raise Unreachable(Message(SendMsg.ROBOT_TLS_FAILED, host=host, reason=reason)) from err
        raise Unreachable(Message(SendMsg.ROBOT_CANNOT_CONNECT, host=host, reason=reason)) from err
    except OSError as err:  # the connection dropped mid-answer
        raise Unreachable(Message(SendMsg.ROBOT_CONNECTION_LOST, host=host, err=err)) from err
