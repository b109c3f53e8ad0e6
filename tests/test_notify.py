"""Group robots: messages, splitting, signatures, pacing and retries, against a loopback robot server."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.robot_server import (
    DINGTALK_BODY,
    FEISHU_BODY,
    WECOM_MARKDOWN,
    WECOM_TEXT,
    RobotServer,
    robot_server,
    text_of,
)
from workplan_cli.errors import PlanNotFoundError
from workplan_cli.model import NotifyChannel, Owner
from workplan_cli.notify.messages import DISC, Body, build_requests, encode, safe
from workplan_cli.notify.notice import GREEN, RED, YELLOW, Count, Item, Notice, Section
from workplan_cli.notify.platforms import explain
from workplan_cli.notify.sending import Pacer, Sent, check_url, send_all
from workplan_cli.notify.signing import dingtalk_signature, dingtalk_signed_url, feishu_signature
from workplan_cli.settings import NOTIFY_SETTINGS, load_settings

FORMS = [(p, f) for p in ("wecom", "dingtalk", "feishu") for f in ("markdown", "text")]
ZHANG = Owner(mobile="13800001111", wecom="zhangsan", dingtalk="ding-zhang", feishu="ou_zhang")
LI = Owner(mobile="13900002222")  # only a mobile number


def notice(overdue: int = 3, due: int = 2, closed: int = 1, task: str = "制定工作方案并报送", **kw: object) -> Notice:
    def items(colour: str, count: int, prefix: str, contacts: tuple[Owner, ...] = ()) -> tuple[Item, ...]:
        return tuple(
            Item(
                colour,
                f"{prefix}.{n}",
                "持续推进街道扩权赋能",
                f"{task}{n}",
                "3月底前（2024-03-31）",
                "逾期 78 天",
                "责任单位：改革科",
                contacts,
            )
            for n in range(1, count + 1)
        )

    people: tuple[Owner, ...] = kw.get("contacts", (ZHANG, LI))  # type: ignore[assignment]
    return Notice(
        title="工作计划周报 2024-06-17",
        plan_title="关于2024年工作计划的报告",
        counts=(
            Count(RED, f"逾期 {overdue} 项"),
            Count(YELLOW, f"14 天内到期 {due} 项"),
            Count(GREEN, f"完成 {closed} 项"),
        ),
        sections=(
            Section(RED, f"逾期 {overdue} 项", items(RED, overdue, "1", people)),
            Section(YELLOW, f"14 天内到期 {due} 项", items(YELLOW, due, "2")),
            Section(GREEN, f"完成 {closed} 项", items(GREEN, closed, "3")),
        ),
        nothing="本周无逾期、到期或完成事项。",
        lang="zh",
    )


def content(platform: str, body: Body) -> str:
    return text_of(platform, body)


def measured(platform: str, body: Body) -> int:
    if platform == "wecom":
        kind = body["msgtype"]
        return len(body[kind]["content"].encode("utf-8"))
    return len(encode(body))


LIMIT = {("wecom", "markdown"): WECOM_MARKDOWN, ("wecom", "text"): WECOM_TEXT}


# ---------------------------------------------------------------------------------------------
# Messages


@pytest.mark.parametrize(("platform", "form"), FORMS)
def test_a_long_digest_is_split_under_the_limit_and_no_line_is_cut(platform: str, form: str) -> None:
    big = notice(overdue=120, due=80, closed=40, task="完成“五权”试点，总结形成工作模式，出台权责清单管理办法" * 2)
    bodies = [b for b in build_requests(big, platform, form) if "责任人关注" not in content(platform, b)]
    limit = LIMIT.get((platform, form), DINGTALK_BODY if platform == "dingtalk" else FEISHU_BODY)
    assert len(bodies) > 2
    texts = [content(platform, b) for b in bodies]
    for number, (body, text) in enumerate(zip(bodies, texts, strict=True), 1):
        assert measured(platform, body) <= limit
        assert f"（{number}/{len(bodies)}）" in text  # each part says which
        assert text.index("逾期 120 项") < text.index("14 天内到期 80 项")  # counts first, in every part
    every_line = [line for text in texts for line in text.split("\n")]
    for section, count in (("1", 120), ("2", 80), ("3", 40)):
        for n in range(1, count + 1):
            whole = [line for line in every_line if f" {section}.{n} 持续推进街道扩权赋能：" in line]
            assert len(whole) == 1, (section, n)  # each item once, on one whole line
            assert f"出台权责清单管理办法{n} · 3月底前（2024-03-31） · " in whole[0]
    order = [
        line.split(" ")[2 if platform == "dingtalk" and form == "markdown" else 1]
        for line in every_line
        if any(line.lstrip("- ").startswith(DISC[c] + " ") for c in (RED, YELLOW, GREEN)) and "：" in line
    ]
    assert order[:3] == ["1.1", "1.2", "1.3"] and order[-1] == "3.40"


@pytest.mark.parametrize(("platform", "form"), FORMS)
def test_a_section_that_runs_on_repeats_its_heading(platform: str, form: str) -> None:
    texts = [content(platform, b) for b in build_requests(notice(overdue=300), platform, form)]
    later = [t for t in texts[1:] if "逾期 300 项（续）" in t]
    assert later, texts[1][:300]


@pytest.mark.parametrize(("platform", "form"), FORMS)
def test_an_item_too_long_for_any_message_is_shortened_not_split(platform: str, form: str) -> None:
    huge = notice(overdue=1, due=0, closed=0, task="很长的任务" * 3000, contacts=())
    bodies = build_requests(huge, platform, form)
    assert len(bodies) == 1
    text = content(platform, bodies[0])
    assert "很长的任务很长的任务" in text and "…" in text
    limit = LIMIT.get((platform, form), DINGTALK_BODY if platform == "dingtalk" else FEISHU_BODY)
    assert limit * 0.95 < measured(platform, bodies[0]) <= limit  # filled, not cut early


@pytest.mark.parametrize(("platform", "form"), FORMS)
def test_text_from_plan_files_cannot_mention_everyone_or_add_markup(platform: str, form: str) -> None:
    hostile = notice(
        overdue=1, due=0, closed=0, task="<@all> <at id=all></at> **粗体** [链接](http://x) `码`\n# 标题", contacts=()
    )
    text = content(platform, build_requests(hostile, platform, form)[0])
    for raw in ("<@all>", "<at id=all>", "**粗体**", "[链接]", "`码`", "\n# 标题"):
        assert raw not in text
    assert "＜@all＞" in text and "＊＊粗体＊＊" in text


def test_safe_shows_control_characters_and_keeps_chinese() -> None:
    assert safe("完成\x1b[31m方案") == "完成\\x1b［31m方案"
    assert safe("一\n二") == "一 二"


def test_three_colours_each_with_its_platforms_own_markup() -> None:
    wecom = content("wecom", build_requests(notice(), "wecom")[0])
    assert '<font color="warning">逾期 78 天</font>' in wecom and "🔴" in wecom and "🟡" in wecom and "🟢" in wecom
    card = build_requests(notice(), "feishu")[0]
    assert card["card"]["header"]["template"] == "red"
    assert "<font color='red'>逾期 78 天</font>" in content("feishu", card)
    calm = notice(overdue=0, due=2)
    assert build_requests(calm, "feishu")[0]["card"]["header"]["template"] == "yellow"
    ding = content("dingtalk", build_requests(notice(), "dingtalk")[0])
    assert "##### 🔴 逾期 3 项" in ding and "- 🟡 2.1 " in ding


def test_mentions_follow_each_platforms_contract() -> None:
    wecom = build_requests(notice(), "wecom")
    assert "<@zhangsan>" in content("wecom", wecom[0])
    # WeCom markdown cannot @ by mobile: a short text message after the digest does
    assert wecom[-1] == {
        "msgtype": "text",
        "text": {"content": "请以上逾期事项的责任人关注：", "mentioned_mobile_list": ["13900002222"]},
    }
    wecom_text = build_requests(notice(), "wecom", "text")[0]["text"]
    assert wecom_text["mentioned_list"] == ["zhangsan"] and wecom_text["mentioned_mobile_list"] == ["13900002222"]
    ding = build_requests(notice(), "dingtalk")[0]
    assert ding["at"] == {"atMobiles": ["13900002222"], "atUserIds": ["ding-zhang"], "isAtAll": False}
    assert "@ding-zhang @13900002222" in ding["markdown"]["text"]  # DingTalk highlights only what the text names
    assert "<at id=ou_zhang></at>" in content("feishu", build_requests(notice(), "feishu")[0])
    assert '<at user_id="ou_zhang"></at>' in content("feishu", build_requests(notice(), "feishu", "text")[0])


def test_only_overdue_items_mention_and_nobody_is_mentioned_twice_in_a_message() -> None:
    ding = build_requests(notice(overdue=5), "dingtalk")[0]
    assert ding["at"]["atUserIds"] == ["ding-zhang"]
    assert ding["markdown"]["text"].count("@ding-zhang") == 5  # on each overdue line, once in the list


@pytest.mark.parametrize(("platform", "form"), FORMS)
def test_keyword_mode_puts_the_keyword_in_every_message(platform: str, form: str) -> None:
    for body in build_requests(notice(overdue=200), platform, form, keyword="督办提醒"):
        assert "督办提醒" in content(platform, body)


def test_an_empty_notice_says_so() -> None:
    empty = notice(overdue=0, due=0, closed=0)
    (body,) = build_requests(empty, "dingtalk")
    assert "本周无逾期、到期或完成事项。" in body["markdown"]["text"]


# ---------------------------------------------------------------------------------------------
# Signatures and error words


def test_dingtalk_and_feishu_sign_differently_and_dingtalk_url_encodes() -> None:
    secret = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd"
    assert dingtalk_signature(secret, 1700000000000) != feishu_signature(secret, 1700000000)
    url = dingtalk_signed_url("https://oapi.dingtalk.com/robot/send?access_token=t", secret, 1700000000000)
    query = parse_qs(urlsplit(url).query)
    assert query["timestamp"] == ["1700000000000"]
    assert query["sign"] == [dingtalk_signature(secret, 1700000000000)]  # survives decoding: + / = were encoded
    assert "+" not in url.split("sign=")[1] and "/" not in url.split("sign=")[1]


def test_error_codes_in_words() -> None:
    assert "20 messages a minute" in explain("wecom", 45009, "api freq out of limit").said.text("en")
    assert "signature" in explain("dingtalk", 310000, "sign not match").said.text("en")
    assert "keyword" in explain("dingtalk", 310000, "keywords not in content").said.text("en")
    assert "clock" in explain("dingtalk", 310000, "invalid timestamp").said.text("en")
    assert "关键词" in explain("feishu", 19024, "Key Words Not Found").said.text("zh")
    assert explain("feishu", 11232, "frequency limited").retry is False
    assert explain("wecom", -1, "system busy").retry is True
    assert "error code 4242 (odd)" in explain("wecom", 4242, "odd").said.text("en")
    # the platform's own words are shown, never obeyed: no escape sequence reaches the terminal
    assert (
        explain("wecom", 4242, "odd\x1b[2J\nwords").said.text("en")
        == "refused with error code 4242 (odd\\x1b[2J words)"
    )


def test_only_https_webhooks_except_on_this_machine() -> None:
    assert check_url("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", "X") is None
    assert check_url("http://127.0.0.1:8080/robot/send", "X") is None
    assert check_url("http://oapi.dingtalk.com/robot/send", "X") is not None
    assert check_url("file:///etc/passwd", "X") is not None


# ---------------------------------------------------------------------------------------------
# Sending to the loopback robots


class FakeTime:
    """A clock that only moves when the code under test pauses: pacing and back-off without waiting."""

    def __init__(self, start: float) -> None:
        self.now = start
        self.pauses: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)
        self.now += seconds


@pytest.fixture
def robots() -> Iterator[RobotServer]:
    with robot_server() as server:
        yield server


def send(
    server: RobotServer,
    robot_url: str,
    platform: str,
    bodies: list[Body],
    secret: str = "",
    *,
    time: FakeTime | None = None,
    timeout: float = 5,
    retries: int = 2,
) -> Sent:
    moment = time or FakeTime(server.clock())
    return send_all(
        platform,
        robot_url,
        secret,
        bodies,
        timeout=timeout,
        retries=retries,
        backoff=0.5,
        clock=moment.clock,
        sleep=moment.sleep,
    )


@pytest.mark.parametrize(("platform", "form"), FORMS)
def test_each_platform_accepts_every_part_signed(robots: RobotServer, platform: str, form: str) -> None:
    secret = "" if platform == "wecom" else "SECtest-secret-01"
    robot = robots.add(platform, "tok", secret=secret)
    bodies = build_requests(notice(overdue=150), platform, form)
    result = send(robots, robots.url(robot), platform, bodies, secret)
    assert result == Sent(len(bodies), len(bodies))
    assert robot.answers == []
    assert [b.get("msg_type", b.get("msgtype")) for b in robot.received] == [
        b.get("msg_type", b.get("msgtype")) for b in bodies
    ]


@pytest.mark.parametrize(("platform", "code"), [("dingtalk", 310000), ("feishu", 19021)])
def test_a_wrong_secret_is_refused_in_words_and_not_retried(robots: RobotServer, platform: str, code: int) -> None:
    robot = robots.add(platform, "tok", secret="SECright")
    result = send(robots, robots.url(robot), platform, build_requests(notice(), platform), "SECwrong")
    assert result.sent == 0 and result.failure is not None
    assert "signature" in result.failure.said.text("en") and f"error code {code}" in result.failure.said.text("en")
    assert robot.requests == 1


@pytest.mark.parametrize("platform", ["dingtalk", "feishu"])
def test_a_clock_two_hours_off_is_refused(robots: RobotServer, platform: str) -> None:
    robot = robots.add(platform, "tok", secret="SECright")
    stale = FakeTime(robots.clock() - 7200)
    result = send(robots, robots.url(robot), platform, build_requests(notice(), platform), "SECright", time=stale)
    assert result.failure is not None and "clock" in result.failure.said.text("en")


def test_a_missing_keyword_is_explained(robots: RobotServer) -> None:
    robot = robots.add("dingtalk", "tok", keyword="督办")
    result = send(robots, robots.url(robot), "dingtalk", build_requests(notice(), "dingtalk"))
    assert result.failure is not None and "keyword:" in result.failure.said.text("en")
    assert (
        send(robots, robots.url(robot), "dingtalk", build_requests(notice(), "dingtalk", keyword="督办")).failure
        is None
    )


def test_an_unknown_robot_is_explained(robots: RobotServer) -> None:
    robots.add("wecom", "right")
    result = send(
        robots,
        robots.url(robots.add("wecom", "x")).replace("key=x", "key=wrong"),
        "wecom",
        build_requests(notice(), "wecom"),
    )
    assert (
        result.failure is not None
        and "error code 93000" in result.failure.said.text("en")
        and "removed" in result.failure.said.text("en")
    )


def test_pacing_keeps_under_the_rate_limit(robots: RobotServer) -> None:
    time = FakeTime(robots.clock())
    robots.clock = time.clock  # the robot counts its minute on the same clock
    robot = robots.add("wecom", "tok")
    bodies = [{"msgtype": "text", "text": {"content": f"第 {n} 条"}} for n in range(45)]
    told: list[float] = []
    result = send_all("wecom", robots.url(robot), "", bodies, timeout=5, retries=0, backoff=0,
                      clock=time.clock, sleep=time.sleep, announce=told.append)  # fmt: skip
    assert result == Sent(45, 45)
    assert robot.answers == [] and len(robot.received) == 45
    assert 119 < sum(time.pauses) < 121  # two full minutes of waiting, for messages 21 and 41
    assert told == time.pauses  # and each wait was announced before it began


def test_feishu_pacing_also_keeps_five_a_second() -> None:
    pacer_time = FakeTime(1000.0)
    pacer = Pacer([(100, 60.0), (5, 1.0)], pacer_time.clock, pacer_time.sleep)
    for _ in range(12):
        pacer.wait()
    assert pacer_time.pauses and 1.9 < sum(pacer_time.pauses) <= 2.0  # 5, pause, 5, pause, 2


def test_a_rate_limit_answer_stops_the_channel_without_retrying(robots: RobotServer) -> None:
    robot = robots.add("dingtalk", "tok")
    robot.per_minute = 1
    bodies = build_requests(notice(overdue=300), "dingtalk")
    result = send(robots, robots.url(robot), "dingtalk", bodies)
    assert result.sent == 1 and result.total == len(bodies) > 1
    assert (
        result.failure is not None
        and "10 minutes" in result.failure.said.text("en")
        and "130101" in result.failure.said.text("en")
    )
    assert robot.requests == 2  # the refused message was not tried again


def test_5xx_and_busy_are_retried_with_back_off(robots: RobotServer) -> None:
    robot = robots.add("dingtalk", "tok")
    robot.script = ["503", "busy"]
    time = FakeTime(robots.clock())
    result = send(robots, robots.url(robot), "dingtalk", build_requests(notice(), "dingtalk"), time=time)
    assert result.failure is None and result.retried == 2
    assert time.pauses == [0.5, 1.0]
    assert robot.answers == [503, -1] and len(robot.received) == 1


def test_retries_give_up_with_the_last_reason(robots: RobotServer) -> None:
    robot = robots.add("wecom", "tok")
    robot.script = ["503", "503", "503", "503"]
    result = send(robots, robots.url(robot), "wecom", build_requests(notice(), "wecom"))
    assert result.failure is not None and result.failure.said.text("en") == "the server answered HTTP 503, 3 attempts"
    assert robot.requests == 3


def test_a_robot_that_does_not_answer_times_out_and_is_retried(robots: RobotServer) -> None:
    robot = robots.add("dingtalk", "tok")
    robot.script = ["hang", "hang"]
    result = send(robots, robots.url(robot), "dingtalk", build_requests(notice(), "dingtalk"), timeout=0.3, retries=1)
    assert result.failure is not None and result.failure.said.text("en") == "no answer within 0.3 s, 2 attempts"
    assert robot.requests == 2 and robot.received == []


def test_a_dead_channel_is_a_refused_connection(robots: RobotServer) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = send(
        robots, f"http://127.0.0.1:{port}/robot/send?access_token=t", "dingtalk", build_requests(notice(), "dingtalk")
    )
    assert result.failure is not None and result.failure.said.text("en") == "127.0.0.1: connection refused"


def test_the_server_checks_shapes_it_was_not_sent_by_workplan(robots: RobotServer) -> None:
    robot = robots.add("wecom", "tok")
    bad = [{"msgtype": "markdown", "markdown": {"content": "x" * 5000}}]
    result = send(robots, robots.url(robot), "wecom", bad)
    assert result.failure is not None and "40058" in result.failure.said.text("en")
    assert json.loads(json.dumps(robot.answers)) == [40058]


# ---------------------------------------------------------------------------------------------
# The settings: notify: channels and owners' contacts in workplan.yaml


def write_settings(folder: Path, extra: str) -> Path:
    (folder / "workplan.yaml").write_text("year: 2024\n" + extra, encoding="utf-8")
    return folder


def test_channels_and_contacts_are_read(tmp_path: Path) -> None:
    settings = load_settings(
        write_settings(
            tmp_path,
            "owners:\n"
            "  改革科: [gaige@example.gov.cn]\n"
            "  监督科:\n"
            "    email: jiandu@example.gov.cn\n"
            '    mobile: "13800001111"\n'
            "    wecom: zhangsan\n"
            "    feishu: ou_abc\n"
            "notify:\n"
            "  - name: 办公室群\n"
            "    type: dingtalk\n"
            "    for: [监督科, 王副局长]\n"
            "    url_env: WORKPLAN_DING_URL\n"
            "    secret_env: WORKPLAN_DING_SECRET\n"
            "    keyword: 督办\n"
            "    retries: 0\n"
            "  - name: 周报邮件\n"
            "    type: email\n"
            "    to: office@example.gov.cn\n",
        )
    )
    assert settings.owners == {
        "改革科": Owner(emails=("gaige@example.gov.cn",)),
        "监督科": Owner(emails=("jiandu@example.gov.cn",), mobile="13800001111", wecom="zhangsan", feishu="ou_abc"),
    }
    ding, mail = settings.notify
    assert ding == NotifyChannel(
        name="办公室群",
        type="dingtalk",
        units=("监督科", "王副局长"),
        url_env="WORKPLAN_DING_URL",
        secret_env="WORKPLAN_DING_SECRET",
        keyword="督办",
        retries=0,
    )
    assert mail == NotifyChannel(name="周报邮件", type="email", to=("office@example.gov.cn",))


def test_every_channel_key_is_a_field() -> None:
    assert [s.field for s in NOTIFY_SETTINGS] == list(NotifyChannel.__dataclass_fields__)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "    url: https://oapi.dingtalk.com/robot/send?access_token=abc\n",
            "'url': a webhook URL or signing secret never",
        ),
        ("    secret: SECabc\n", "'secret': a webhook URL or signing secret never goes in a plan file"),
        ("    url_env: https://oapi.dingtalk.com/robot/send?access_token=abc\n", "url_env: a webhook URL"),
        ("    secret_env: SEC7f3a9dc0123456789abcdef0123456789\n", "secret_env: a webhook URL or signing secret"),
        ("    secret_env: my_secret\n", "secret_env: name the environment variable that holds it, in capitals"),
    ],
)
def test_a_literal_webhook_or_secret_is_refused(tmp_path: Path, entry: str, message: str) -> None:
    body = (
        "notify:\n  - name: 群\n    type: dingtalk\n" + ("" if "url_env" in entry else "    url_env: X_URL\n") + entry
    )
    with pytest.raises(PlanNotFoundError) as refused:
        load_settings(write_settings(tmp_path, body))
    assert message in str(refused.value)
    assert entry.split(": ", 1)[1].strip() not in str(refused.value)  # never echoed to a log


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("notify:\n  - type: wecom\n    url_env: X\n", "each channel needs a name: and a type:"),
        ("notify:\n  - name: a\n    type: wecom\n", "a wecom robot needs url_env:"),
        ("notify:\n  - name: a\n    type: wecom\n    url_env: X\n    secret_env: Y\n", "a wecom channel is not signed"),
        (
            "notify:\n  - name: a\n    type: slack\n    url_env: X\n",
            "'type' must be one of wecom, dingtalk, feishu, email",
        ),
        ("notify:\n  - {name: a, type: email}\n  - {name: a, type: email}\n", "two channels are named 'a'"),
        ("owners:\n  科:\n    mobile: call me\n", "mobile 'call me' is not a mobile number"),
        ("owners:\n  科:\n    phone: 1\n", "unknown key 'phone'"),
    ],
)
def test_channel_mistakes_name_the_line(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(PlanNotFoundError) as refused:
        load_settings(write_settings(tmp_path, body))
    assert message in str(refused.value)
    assert "workplan.yaml:" in str(refused.value)


def test_a_proxy_in_the_environment_is_not_used_for_this_machine(
    robots: RobotServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = probe.getsockname()[1]
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"):
        monkeypatch.setenv(name, f"http://127.0.0.1:{dead}")
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    robot = robots.add("wecom", "tok")
    assert send(robots, robots.url(robot), "wecom", build_requests(notice(), "wecom")).failure is None


@pytest.mark.parametrize(("platform", "form"), FORMS)
def test_huge_titles_and_owners_are_clipped_so_every_message_can_be_sent(
    platform: str, form: str, plan_dir: Path
) -> None:
    from datetime import date

    from workplan_cli.digest import build_digest
    from workplan_cli.notify.notice import digest_notice
    from workplan_cli.planfiles import load_plan
    from workplan_cli.schedule import schedule
    from workplan_cli.views.digest_render import LABELS

    text = (plan_dir / "workplan.yaml").read_text(encoding="utf-8")
    (plan_dir / "workplan.yaml").write_text(
        text.replace("title: 关于2024年工作计划的报告", "title: " + "很长的标题" * 2000)
    )
    path = plan_dir / "4-2.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("\nowner:\n", "\nowner: " + "单位" * 3000 + "\n"), encoding="utf-8"
    )
    plan = load_plan(plan_dir, use_cache=False)
    today = date(2024, 6, 17)
    digest = build_digest(plan.settings.title, schedule(plan, today), today, 14)
    bodies = build_requests(digest_notice(digest, LABELS["zh"], "zh", {}), platform, form)
    limit = LIMIT.get((platform, form), DINGTALK_BODY if platform == "dingtalk" else FEISHU_BODY)
    assert all(measured(platform, body) <= limit for body in bodies)
    assert "4.2.1" in "\n".join(content(platform, body) for body in bodies)
