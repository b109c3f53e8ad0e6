"""What each custom group robot accepts, and what its answers mean. Facts only, no I/O.

Every figure carries its source; README.md ("Group robots") repeats them in a table. Where a
platform's documentation gives no figure, the figure is the one its servers state in their own
error messages, and the source says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from workplan_cli.i18n import Message, Phrase, SendMsg
from workplan_cli.views.literal import literal


@dataclass(frozen=True, slots=True)
class Platform:
    name: str  # the `type:` of a channel in workplan.yaml
    label_en: str
    label_zh: str
    markdown_limit: int  # bytes (UTF-8) a markdown / card message may hold
    text_limit: int  # bytes a plain-text message may hold
    limit_counts: str  # "content": the text field alone; "body": the whole JSON request
    per_minute: int  # messages a robot may send in any 60 seconds
    per_second: int  # messages in any one second (0: no separate figure)
    limit_source: str
    rate_source: str

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en


WECOM = Platform(
    name="wecom",
    label_en="WeCom",
    label_zh="企业微信",
    markdown_limit=4096,
    text_limit=2048,
    limit_counts="content",
    per_minute=20,
    per_second=0,
    limit_source="WeCom, 群机器人配置说明 (developer.work.weixin.qq.com/document/path/91770): "
    "text content 最长不超过2048个字节, markdown content 最长不超过4096个字节, UTF-8",
    rate_source="the same page, 消息发送频率限制: 每个机器人发送的消息不能超过20条/分钟",
)

DINGTALK = Platform(
    name="dingtalk",
    label_en="DingTalk",
    label_zh="钉钉",
    markdown_limit=20000,
    text_limit=20000,
    limit_counts="body",
    per_minute=20,
    per_second=0,
    limit_source="DingTalk's own answer to a longer message (errcode 460101 'message too long, exceed 20000 "
    "bytes'; 'body 大小不合法…请保持大小在 20000bytes 以内'): the custom-robot page gives no figure",
    rate_source="DingTalk, 自定义机器人接入 (open.dingtalk.com/document/robots/custom-robot-access): "
    "每个机器人每分钟最多发送20条消息到群里，如果超过20条，会限流10分钟",
)

FEISHU = Platform(
    name="feishu",
    label_en="Feishu",
    label_zh="飞书",
    markdown_limit=20000,
    text_limit=20000,
    limit_counts="body",
    per_minute=100,
    per_second=5,
    limit_source="Feishu, 自定义机器人使用指南 (open.feishu.cn/document/ukTMukTMukTM/ucTM5YjL3ETO24yNxkjN): "
    "请求体的数据大小不能超过 20 KB (read as 20,000 bytes, the smaller reading)",
    rate_source="the same page: 单租户单机器人 100 次/分钟，5 次/秒",
)

PLATFORMS = {p.name: p for p in (WECOM, DINGTALK, FEISHU)}


@dataclass(frozen=True, slots=True)
class Answer:
    """A platform's answer to one request, in words."""

    ok: bool
    retry: bool  # worth trying again after a pause (the platform's own "busy")
    said: Message


def explain(platform: str, code: int, message: str) -> Answer:
    """A platform error code (errcode / code) in words: what happened and what to do about it.

    ``message`` is the platform's errmsg: DingTalk puts several security failures under one code.
    """
    if code == 0:
        return Answer(True, False, Message(SendMsg.ROBOT_ACCEPTED))
    message = " ".join(literal(message).split())[:200]  # the network's words: shown, never obeyed by a terminal
    words = _WORDS.get((platform, code))
    if platform == "dingtalk" and code == 310000:
        words = _dingtalk_security(message)
    retry = code == -1  # "system busy": WeCom and DingTalk ask callers to try again shortly
    if words is None:
        return Answer(
            False,
            retry,
            Message(SendMsg.REFUSED_WITH_CODE, code=code, message=message),
        )
    return Answer(False, retry, Message(SendMsg.REFUSED_SAYING, what=Phrase(*words), code=code))


def _dingtalk_security(message: str) -> tuple[str, str]:
    lowered = message.lower()
    if "sign" in lowered or "签名" in message:
        return (
            "DingTalk refused the signature: the secret is not this robot's signing secret (SEC…)",
            "钉钉拒绝了签名：密钥不是这个机器人的加签密钥（SEC 开头）",
        )
    if "timestamp" in lowered or "时间戳" in message:
        return (
            "DingTalk refused the timestamp: this computer's clock is more than an hour off",
            "钉钉拒绝了时间戳：本机时钟与标准时间相差超过 1 小时",
        )
    if "keyword" in lowered or "关键词" in message:
        return (
            "DingTalk refused the message: it lacks the robot's keyword; set `keyword:` on this channel",
            "钉钉拒绝了消息：消息中没有机器人设置的关键词；请在该通道设置 `keyword:`",
        )
    if "ip" in lowered:
        return (
            "DingTalk refused this computer's IP address: it is not in the robot's IP list",
            "钉钉拒绝了本机 IP 地址：不在机器人的 IP 白名单中",
        )
    return (f"DingTalk's security check failed ({message})", f"钉钉安全设置校验未通过（{message}）")


_WORDS: dict[tuple[str, int], tuple[str, str]] = {
    # WeCom: errcode in the JSON answer (its 全局错误码 table; 93000 and 45009 as its servers answer them)
    ("wecom", -1): ("WeCom is busy", "企业微信系统繁忙"),
    ("wecom", 93000): (
        "WeCom does not know this webhook: the key in the URL is wrong or the robot was removed from the group",
        "企业微信不认识这个 webhook：URL 中的 key 有误，或机器人已被移出群聊",
    ),
    ("wecom", 45009): (
        "WeCom's rate limit: a robot may send at most 20 messages a minute; try again in a minute",
        "触发企业微信频率限制：每个机器人每分钟最多 20 条消息；请一分钟后再试",
    ),
    ("wecom", 40058): (
        "WeCom refused the message as invalid (too long, or a field it does not accept)",
        "企业微信认为消息参数不合法（过长，或含不接受的字段）",
    ),
    ("wecom", 40008): ("WeCom does not accept this message type", "企业微信不接受该消息类型"),
    # DingTalk: errcode in the JSON answer
    ("dingtalk", -1): ("DingTalk is busy", "钉钉系统繁忙"),
    ("dingtalk", 300001): (
        "DingTalk does not know this robot: the access_token in the URL is wrong or the robot was removed",
        "钉钉不认识这个机器人：URL 中的 access_token 有误，或机器人已被删除",
    ),
    ("dingtalk", 130101): (
        "DingTalk's rate limit: a robot may send at most 20 messages a minute and is then blocked for 10 minutes",
        "触发钉钉频率限制：每个机器人每分钟最多 20 条消息，超过后限流 10 分钟",
    ),
    ("dingtalk", 460101): (
        "DingTalk refused the message as too long (over 20,000 bytes)",
        "钉钉认为消息过长（超过 20000 字节）",
    ),
    # Feishu: code in the JSON answer (自定义机器人使用指南)
    ("feishu", 19001): (
        "Feishu does not know this webhook: the token in the URL is wrong or the robot was removed",
        "飞书不认识这个 webhook：URL 中的 token 有误，或机器人已被移除",
    ),
    ("feishu", 19021): (
        "Feishu refused the signature: the secret is not this robot's, or this computer's clock is more than "
        "an hour off",
        "飞书拒绝了签名：密钥不是这个机器人的，或本机时钟与标准时间相差超过 1 小时",
    ),
    ("feishu", 19022): (
        "Feishu refused this computer's IP address: it is not in the robot's IP list",
        "飞书拒绝了本机 IP 地址：不在机器人的 IP 白名单中",
    ),
    ("feishu", 19024): (
        "Feishu refused the message: it lacks the robot's keyword; set `keyword:` on this channel",
        "飞书拒绝了消息：消息中没有机器人设置的关键词；请在该通道设置 `keyword:`",
    ),
    ("feishu", 9499): (
        "Feishu refused the request as malformed or larger than 20 KB",
        "飞书认为请求格式有误或超过 20 KB",
    ),
    ("feishu", 11232): (
        "Feishu's rate limit: a robot may send at most 100 messages a minute and 5 a second",
        "触发飞书频率限制：每个机器人每分钟最多 100 条、每秒最多 5 条",
    ),
}
