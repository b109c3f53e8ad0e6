"""A real HTTP server on loopback that plays WeCom, DingTalk and Feishu custom group robots.

Each robot answers as its platform documents: the webhook path and token, the JSON shape of the
message types workplan sends, the signature (DingTalk: HMAC-SHA256 keyed by the secret over
"timestamp\\nsecret", in the URL; Feishu: HMAC-SHA256 keyed by "timestamp\\nsecret" over nothing,
in the body), a timestamp no more than an hour off, the keyword, the size limit and the rate
limit, each refusal with the platform's error code. A test can also make a robot answer HTTP 503,
report itself busy, or hang until the client gives up. The signature checks are written here
afresh, not imported from workplan, so a wrong signer cannot agree with itself.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

# The figures each platform documents (see README, "Group robots").
LIMITS = {"wecom": (20, 0), "dingtalk": (20, 0), "feishu": (100, 5)}  # per minute, per second
WECOM_TEXT, WECOM_MARKDOWN = 2048, 4096  # bytes of content
DINGTALK_BODY, FEISHU_BODY = 20000, 20 * 1024  # bytes of the request body
HOUR = 3600.0


@dataclass
class Robot:
    platform: str
    token: str
    secret: str = ""  # signing on when set
    keyword: str = ""  # keyword mode when set
    per_minute: int = 0
    per_second: int = 0
    received: list[dict[str, Any]] = field(default_factory=list)  # accepted messages, in order
    answers: list[int] = field(default_factory=list)  # every error code answered (HTTP status for 5xx)
    requests: int = 0
    script: list[str] = field(default_factory=list)  # what the next requests meet: "503", "busy", "hang"
    accepted_at: list[float] = field(default_factory=list)
    blocked_until: float = 0.0  # DingTalk blocks a robot for 10 minutes after its rate limit

    def contents(self) -> list[str]:
        """The text of each accepted message, as the group would read it."""
        return [text_of(self.platform, body) for body in self.received]


def text_of(platform: str, body: dict[str, Any]) -> str:
    if platform == "wecom":
        return str(body[body["msgtype"]]["content"])
    if platform == "dingtalk":
        if body["msgtype"] == "markdown":
            return str(body["markdown"]["title"]) + "\n" + str(body["markdown"]["text"])
        return str(body["text"]["content"])
    if body["msg_type"] == "interactive":
        card = body["card"]
        return (
            str(card["header"]["title"]["content"]) + "\n" + "\n".join(e["text"]["content"] for e in card["elements"])
        )
    return str(body["content"]["text"])


class Refusal(Exception):
    def __init__(self, code: int, message: str, status: int = 200) -> None:
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


class RobotServer:
    def __init__(self) -> None:
        self.robots: dict[tuple[str, str], Robot] = {}
        self.clock: Callable[[], float] = time.time  # a test may share a fake clock with the client
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.port = 0

    def add(self, platform: str, token: str, *, secret: str = "", keyword: str = "") -> Robot:
        per_minute, per_second = LIMITS[platform]
        robot = Robot(platform, token, secret, keyword, per_minute, per_second)
        self.robots[(platform, token)] = robot
        return robot

    def url(self, robot: Robot) -> str:
        base = f"http://127.0.0.1:{self.port}"
        if robot.platform == "wecom":
            return f"{base}/cgi-bin/webhook/send?key={robot.token}"
        if robot.platform == "dingtalk":
            return f"{base}/robot/send?access_token={robot.token}"
        return f"{base}/open-apis/bot/v2/hook/{robot.token}"

    # ---------------------------------------------------------------------------------------
    def handle(self, path: str, content_type: str, raw: bytes) -> tuple[int, dict[str, Any]] | None:
        parts = urlsplit(path)
        query = parse_qs(parts.query)
        if parts.path == "/cgi-bin/webhook/send":
            platform, token = "wecom", query.get("key", [""])[0]
        elif parts.path == "/robot/send":
            platform, token = "dingtalk", query.get("access_token", [""])[0]
        elif parts.path.startswith("/open-apis/bot/v2/hook/"):
            platform, token = "feishu", parts.path.rsplit("/", 1)[1]
        else:
            return 404, {"error": "no such path"}
        robot = self.robots.get((platform, token))
        try:
            if robot is None:
                raise {
                    "wecom": Refusal(93000, "invalid webhook url"),
                    "dingtalk": Refusal(300001, "token is not exist"),
                    "feishu": Refusal(19001, "param invalid: incoming webhook access token invalid"),
                }[platform]
            with self.lock:
                robot.requests += 1
                step = robot.script.pop(0) if robot.script else ""
            if step == "hang":
                self.stopping.wait(30)
                return None
            if step == "503":
                robot.answers.append(503)
                return 503, {"error": "service unavailable"}
            if step == "busy":
                raise Refusal(-1, "system busy")
            if not content_type.startswith("application/json"):
                raise _shape(platform, "Content-Type must be application/json")
            body = _json(platform, raw)
            with self.lock:
                self._check_rate(robot)
            if platform == "dingtalk":
                self._check_dingtalk_sign(robot, query)
            if platform == "feishu":
                self._check_feishu_sign(robot, body)
            _check_shape(robot, raw, body)
            if robot.keyword and robot.keyword not in text_of(platform, body):
                raise {
                    "wecom": Refusal(40058, "keyword"),
                    "dingtalk": Refusal(310000, "keywords not in content"),
                    "feishu": Refusal(19024, "Key Words Not Found"),
                }[platform]
        except Refusal as refusal:
            if robot is not None:
                robot.answers.append(refusal.code)
            if platform == "feishu":
                return refusal.status, {"code": refusal.code, "msg": refusal.message, "data": {}}
            return refusal.status, {"errcode": refusal.code, "errmsg": refusal.message}
        with self.lock:
            robot.received.append(body)
            robot.accepted_at.append(self.clock())
        if platform == "feishu":
            return 200, {"code": 0, "msg": "success", "data": {}}
        return 200, {"errcode": 0, "errmsg": "ok"}

    def _check_rate(self, robot: Robot) -> None:
        now = self.clock()
        codes = {
            "wecom": Refusal(45009, "api freq out of limit"),
            "dingtalk": Refusal(130101, "send too fast, exceed 20 times per minute"),
            "feishu": Refusal(11232, "frequency limited"),
        }
        if now < robot.blocked_until:
            raise codes[robot.platform]
        last_minute = [t for t in robot.accepted_at if now - t < 60]
        last_second = [t for t in last_minute if now - t < 1]
        if len(last_minute) >= robot.per_minute or (robot.per_second and len(last_second) >= robot.per_second):
            if robot.platform == "dingtalk":
                robot.blocked_until = now + 600
            raise codes[robot.platform]

    def _check_dingtalk_sign(self, robot: Robot, query: dict[str, list[str]]) -> None:
        if not robot.secret:
            return
        stamp, sign = query.get("timestamp", [""])[0], query.get("sign", [""])[0]
        if not stamp.isdigit() or abs(self.clock() * 1000 - int(stamp)) > HOUR * 1000:
            raise Refusal(310000, "invalid timestamp")
        string_to_sign = f"{stamp}\n{robot.secret}".encode()
        expected = base64.b64encode(hmac.new(robot.secret.encode(), string_to_sign, hashlib.sha256).digest())
        # parse_qs decodes %2B, %2F and %3D once, as DingTalk does: a "+" sent unencoded becomes a space
        if not hmac.compare_digest(sign.encode(), expected):
            raise Refusal(310000, "sign not match")

    def _check_feishu_sign(self, robot: Robot, body: dict[str, Any]) -> None:
        if not robot.secret:
            return
        stamp, sign = body.get("timestamp"), body.get("sign")
        key = f"{stamp}\n{robot.secret}".encode()
        expected = base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
        fresh = isinstance(stamp, str) and stamp.isdigit() and abs(self.clock() - int(stamp)) <= HOUR
        if not fresh or not isinstance(sign, str) or not hmac.compare_digest(sign, expected):
            raise Refusal(19021, "sign match fail or timestamp is not within one hour from current time")


def _shape(platform: str, why: str) -> Refusal:
    if platform == "feishu":
        return Refusal(9499, f"Bad Request: {why}", status=400)
    if platform == "wecom":
        return Refusal(40058, f"invalid Request Parameter: {why}")
    return Refusal(40035, f"缺少参数 json: {why}")


def _json(platform: str, raw: bytes) -> dict[str, Any]:
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _shape(platform, "not UTF-8 JSON") from None
    if not isinstance(body, dict):
        raise _shape(platform, "not a JSON object")
    return body


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value)


def _is_list_of_text(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v for v in value)


def _check_shape(robot: Robot, raw: bytes, body: dict[str, Any]) -> None:
    platform = robot.platform
    if platform == "wecom":
        kind = body.get("msgtype")
        if kind not in ("text", "markdown"):
            raise Refusal(40008, "invalid message type")
        part = body.get(kind)
        if not isinstance(part, dict) or not _is_text(part.get("content")):
            raise _shape(platform, f"{kind}.content missing")
        limit = WECOM_TEXT if kind == "text" else WECOM_MARKDOWN
        if len(part["content"].encode("utf-8")) > limit:
            raise Refusal(40058, f"{kind}.content exceed max length {limit}")
        for key in ("mentioned_list", "mentioned_mobile_list"):
            if key in part and (kind != "text" or not _is_list_of_text(part[key])):
                raise _shape(platform, f"{key} only on text, as a list of text")
        return
    if platform == "dingtalk":
        if len(raw) > DINGTALK_BODY:
            raise Refusal(460101, "message too long, exceed 20000 bytes")
        kind = body.get("msgtype")
        part = body.get(kind) if isinstance(kind, str) else None
        text_ok = kind == "text" and isinstance(part, dict) and _is_text(part.get("content"))
        markdown_ok = kind == "markdown" and isinstance(part, dict) and _is_text(part.get("title"))
        if not (text_ok or (markdown_ok and isinstance(part, dict) and _is_text(part.get("text")))):
            raise _shape(platform, "msgtype text or markdown with its fields")
        at = body.get("at", {})
        if not isinstance(at, dict) or not isinstance(at.get("isAtAll", False), bool):
            raise _shape(platform, "at")
        for key in ("atMobiles", "atUserIds"):
            if key in at and not isinstance(at[key], list):
                raise _shape(platform, key)
        return
    if len(raw) > FEISHU_BODY:
        raise Refusal(9499, "Bad Request", status=400)
    kind = body.get("msg_type")
    if kind == "text":
        content = body.get("content")
        if not isinstance(content, dict) or not _is_text(content.get("text")):
            raise _shape(platform, "content.text")
    elif kind == "interactive":
        card = body.get("card")
        ok = isinstance(card, dict) and isinstance(card.get("elements"), list) and isinstance(card.get("header"), dict)
        if not ok:
            raise _shape(platform, "card with header and elements")
    else:
        raise _shape(platform, f"msg_type {kind!r}")


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        answer = self.server.robots.handle(self.path, self.headers.get("Content-Type", ""), raw)
        if answer is None:  # hang: close without a word, after the client has given up
            self.close_connection = True
            return
        status, reply = answer
        data = json.dumps(reply, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    robots: RobotServer


@contextmanager
def robot_server() -> Iterator[RobotServer]:
    robots = RobotServer()
    server = _Server(("127.0.0.1", 0), _Handler)
    server.robots = robots
    robots.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield robots
    finally:
        robots.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(5)
