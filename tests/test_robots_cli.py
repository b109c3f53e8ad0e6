"""`workplan digest --send` and `workplan remind` to WeCom, DingTalk and Feishu robots on loopback."""

from __future__ import annotations

import shlex
import socket
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import Invoke, rewrite
from tests.cron import run_as_cron
from tests.robot_server import Robot, RobotServer, robot_server
from tests.smtp_server import smtp_server

WECOM_URL, DING_URL, DING_SECRET, FEISHU_URL, FEISHU_SECRET = (
    "WORKPLAN_WECOM_URL",
    "WORKPLAN_DING_URL",
    "WORKPLAN_DING_SECRET",
    "WORKPLAN_FEISHU_URL",
    "WORKPLAN_FEISHU_SECRET",
)


@pytest.fixture
def robots() -> Iterator[RobotServer]:
    with robot_server() as server:
        yield server


def add_channels(plan_dir: Path, channels: str, owners: str = "") -> None:
    path = plan_dir / "workplan.yaml"
    text = path.read_text(encoding="utf-8")
    if owners:
        text = text.replace("owners:\n", "owners:\n" + owners, 1)
    path.write_text(text + "\nnotify:\n" + channels, encoding="utf-8")


THREE = (
    "  - {name: 办公室群, type: wecom, url_env: WORKPLAN_WECOM_URL, retries: 0}\n"
    "  - {name: 督办群, type: dingtalk, url_env: WORKPLAN_DING_URL, secret_env: WORKPLAN_DING_SECRET, retries: 0}\n"
    "  - {name: 领导群, type: feishu, url_env: WORKPLAN_FEISHU_URL, secret_env: WORKPLAN_FEISHU_SECRET, retries: 0}\n"
)


def grow(plan_dir: Path, initiatives: int) -> list[str]:
    """Add initiatives 5.1 … with three long 3月底前 milestones each; their ids."""
    ids = []
    for n in range(1, initiatives + 1):
        lines = [
            f'id: "5.{n}"',
            "section: 五、加强自身建设",
            f"title: 第{n}项加强自身建设工作",
            "owner: 监督科",
            "milestones:",
        ]
        for m in range(1, 4):
            task = f"完成第{n}项第{m}个节点的调研、起草、征求意见、审议和印发等全部工作，确保按期高质量完成任务" * 2
            lines += [f'  - id: "5.{n}.{m}"', "    deadline: 3月底前", f"    task: {task}"]
            ids.append(f"5.{n}.{m}")
        (plan_dir / f"5-{n}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids


def robot_env(robots: RobotServer, wecom: Robot, ding: Robot, feishu: Robot) -> dict[str, str]:
    return {
        WECOM_URL: robots.url(wecom),
        DING_URL: robots.url(ding),
        DING_SECRET: ding.secret,
        FEISHU_URL: robots.url(feishu),
        FEISHU_SECRET: feishu.secret,
    }


def three_robots(robots: RobotServer) -> tuple[Robot, Robot, Robot]:
    return (
        robots.add("wecom", "wecom-key"),
        robots.add("dingtalk", "ding-token", secret="SECdingtalk-secret"),
        robots.add("feishu", "feishu-token", secret="feishu-secret"),
    )


def test_digest_send_delivers_a_signed_split_digest_to_three_robots(
    invoke: Invoke, plan_dir: Path, robots: RobotServer
) -> None:
    ids = grow(plan_dir, 40)  # owner: 监督科
    path = plan_dir / "4-2.yaml"
    rewrite(path, "\nowner:\n", "\nowner: 改革科\n")
    owners = (
        '  监督科: {email: jd@example.gov.cn, mobile: "13800001111"}\n  改革科: {wecom: zhangsan, dingtalk: d-zhang}\n'
    )
    add_channels(plan_dir, THREE, owners=owners)
    wecom, ding, feishu = three_robots(robots)
    env = robot_env(robots, wecom, ding, feishu)
    result = invoke(["digest", "--send", "--as-of", "2024-06-17", "--plan", str(plan_dir)], **env)
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert any(line.startswith("✓ 办公室群 (WeCom): sent, ") for line in lines), result.stderr
    assert any(line.startswith("✓ 督办群 (DingTalk): sent, ") for line in lines)
    assert any(line.startswith("✓ 领导群 (Feishu): sent, ") for line in lines)
    for robot in (wecom, ding, feishu):
        assert robot.answers == []  # every signature, shape, size and rate accepted
        texts = robot.contents()
        assert len(texts) >= 2, robot.platform  # split
        joined = "\n".join(texts)
        for milestone in ids:
            assert joined.count(f" {milestone} 第") == 1, (robot.platform, milestone)  # each item once, whole
        assert all("124 overdue" in text for text in texts if "answerable" not in text), texts[0][:300]  # counts first
    assert "<@zhangsan>" in "\n".join(wecom.contents())  # the overdue unit's person is @-ed
    assert wecom.received[-1]["msgtype"] == "text"  # and by mobile, in the text message WeCom needs for it
    assert wecom.received[-1]["text"]["mentioned_mobile_list"] == ["13800001111"]
    assert ding.received[0]["at"] == {"atMobiles": ["13800001111"], "atUserIds": ["d-zhang"], "isAtAll": False}


def test_failing_channels_each_say_why_and_the_others_still_get_theirs(
    invoke: Invoke, plan_dir: Path, robots: RobotServer
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead_port = probe.getsockname()[1]
    channels = THREE + (
        "  - {name: 死群, type: dingtalk, url_env: WORKPLAN_DEAD_URL, retries: 0}\n"
        "  - {name: 限流群, type: feishu, url_env: WORKPLAN_BUSY_URL, retries: 1, backoff: 0}\n"
    )
    add_channels(plan_dir, channels)
    wecom, ding, feishu = three_robots(robots)
    busy = robots.add("feishu", "busy-token")
    busy.per_minute = 0  # already at its limit
    env = robot_env(robots, wecom, ding, feishu) | {
        DING_SECRET: "SECnot-this-robots-secret",
        "WORKPLAN_DEAD_URL": f"http://127.0.0.1:{dead_port}/robot/send?access_token=x",
        "WORKPLAN_BUSY_URL": robots.url(busy),
    }
    result = invoke(["digest", "--send", "--as-of", "2024-06-17", "--plan", str(plan_dir)], **env)
    assert result.exit_code == 5
    lines = result.stderr.splitlines()
    assert (
        "✗ 督办群 (DingTalk): not delivered: DingTalk refused the signature: the secret is not this robot's "
        "signing secret (SEC…) (error code 310000)" in lines
    )
    assert "✗ 死群 (DingTalk): not delivered: 127.0.0.1: connection refused" in lines
    assert (
        "✗ 限流群 (Feishu): not delivered: Feishu's rate limit: a robot may send at most 100 messages a minute "
        "and 5 a second (error code 11232)" in lines
    )
    assert busy.requests == 1  # a rate limit is not retried
    assert "workplan: 3 of 5 channels not delivered" in lines
    assert len(wecom.received) == 1 and len(feishu.received) == 1  # the others got theirs
    assert "SECnot-this-robots-secret" not in result.output and "ding-token" not in result.output


def test_dry_run_prints_each_request_body_and_sends_nothing(
    invoke: Invoke, plan_dir: Path, robots: RobotServer
) -> None:
    add_channels(plan_dir, THREE)
    wecom, ding, feishu = three_robots(robots)
    env = robot_env(robots, wecom, ding, feishu)
    result = invoke(["digest", "--dry-run", "--as-of", "2024-06-17", "--plan", str(plan_dir)], **env)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "# 办公室群 (wecom, markdown) 1/1: POST $WORKPLAN_WECOM_URL" in out
    assert "# 督办群 (dingtalk, markdown) 1/1: POST $WORKPLAN_DING_URL (+ timestamp and sign in the URL)" in out
    assert (
        "# 领导群 (feishu, interactive (card)) 1/1: POST $WORKPLAN_FEISHU_URL (+ timestamp and sign in the body)" in out
    )
    assert '"msgtype": "markdown"' in out and '"msg_type": "interactive"' in out
    assert "4.2.1 开展XX监督检查：制定我区2023年度XX监督检查计划" in out
    for secret in env.values():
        assert secret not in result.output
    assert wecom.requests == ding.requests == feishu.requests == 0


def test_channel_picks_one(invoke: Invoke, plan_dir: Path, robots: RobotServer) -> None:
    add_channels(plan_dir, THREE)
    wecom, ding, feishu = three_robots(robots)
    env = robot_env(robots, wecom, ding, feishu)
    result = invoke(["digest", "--send", "--channel", "督办群", "--plan", str(plan_dir)], **env)
    assert result.exit_code == 0, result.output
    assert (len(wecom.received), len(ding.received), len(feishu.received)) == (0, 1, 0)
    wrong = invoke(["digest", "--send", "--channel", "nope", "--plan", str(plan_dir)], **env)
    assert wrong.exit_code == 2
    assert "no channel named 'nope' (channels: 办公室群, 督办群, 领导群)" in wrong.stderr


def test_a_channel_for_one_unit_gets_only_its_milestones(invoke: Invoke, plan_dir: Path, robots: RobotServer) -> None:
    path = plan_dir / "4-2.yaml"
    rewrite(path, "\nowner:\n", "\nowner: 监督科\n")
    add_channels(plan_dir, "  - {name: 监督科群, type: wecom, url_env: WORKPLAN_WECOM_URL, for: 监督科}\n")
    wecom = robots.add("wecom", "k")
    result = invoke(["digest", "--send", "--as-of", "2024-06-17", "--plan", str(plan_dir)],
                    WORKPLAN_WECOM_URL=robots.url(wecom))  # fmt: skip
    assert result.exit_code == 0, result.output
    (text,) = wecom.contents()
    assert "4.2.1" in text and "2.1.1" not in text


def test_a_missing_variable_is_a_failed_channel(invoke: Invoke, plan_dir: Path) -> None:
    add_channels(plan_dir, THREE)
    result = invoke(["digest", "--send", "--channel", "办公室群", "--plan", str(plan_dir)])
    assert result.exit_code == 5
    assert "✗ 办公室群 (WeCom): not delivered: $WORKPLAN_WECOM_URL is not set in the environment" in result.stderr


def test_remind_sends_only_what_changed_today(invoke: Invoke, plan_dir: Path, robots: RobotServer) -> None:
    add_channels(plan_dir, "  - {name: 办公室群, type: dingtalk, url_env: WORKPLAN_DING_URL}\n")
    ding = robots.add("dingtalk", "t")
    env = {DING_URL: robots.url(ding)}
    # April 1: every 3月底前 milestone became overdue; nothing entered the 14-day window
    result = invoke(["remind", "--as-of", "2024-04-01", "--plan", str(plan_dir)], **env)
    assert result.exit_code == 0, result.output
    (text,) = ding.contents()
    assert "3 became overdue today" in text and "1.4.1" in text and "2.1.1" in text and "2.2.1" in text
    assert "4.2.1" not in text  # overdue since March 1: not news
    # June 16: the 6月底前 milestones are 14 days away
    invoke(["remind", "--as-of", "2024-06-16", "--plan", str(plan_dir)], **env)
    assert "6 now due within 14 days" in ding.contents()[1] and "2.3.1" in ding.contents()[1]
    # June 17: nothing new, nothing sent
    quiet = invoke(["remind", "--as-of", "2024-06-17", "--plan", str(plan_dir)], **env)
    assert quiet.exit_code == 0 and len(ding.received) == 2
    assert "nothing to report: not sent" in quiet.stderr


def test_remind_in_chinese(invoke: Invoke, plan_dir: Path, robots: RobotServer) -> None:
    add_channels(plan_dir, "  - {name: 办公室群, type: feishu, url_env: WORKPLAN_FEISHU_URL}\n")
    feishu = robots.add("feishu", "t")
    result = invoke(["remind", "--as-of", "2024-04-01", "--plan", str(plan_dir)],
                    WORKPLAN_FEISHU_URL=robots.url(feishu), WORKPLAN_LANG="zh")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "✓ 办公室群（飞书）：已发送 1 条消息" in result.stderr
    assert "今天起逾期 3 项" in feishu.contents()[0]


def test_remind_crontab_line_works_under_a_bare_environment(
    invoke: Invoke, plan_dir: Path, robots: RobotServer
) -> None:
    yesterday = (datetime.now(ZoneInfo("Asia/Shanghai")) - timedelta(days=1)).date()
    (plan_dir / "9-1.yaml").write_text(
        f'id: "9.1"\ntitle: 昨天到期的工作\nmilestones:\n  - id: "9.1.1"\n    deadline: {yesterday.isoformat()}\n'
        "    task: 报送年度工作总结\n",
        encoding="utf-8",
    )
    add_channels(plan_dir, THREE)
    wecom, ding, feishu = three_robots(robots)
    output = invoke(["remind", "--crontab", "--plan", str(plan_dir)]).stdout.strip().splitlines()
    comment, line = output
    assert comment == (
        "# set above this line (crontab -e), each as NAME=value: WORKPLAN_WECOM_URL, WORKPLAN_DING_URL, "
        "WORKPLAN_DING_SECRET, WORKPLAN_FEISHU_URL, WORKPLAN_FEISHU_SECRET"
    )
    fields = line.split(" ", 5)
    assert fields[:5] == ["0", "8", "*", "*", "*"]  # every day at 08:00
    assert Path(shlex.split(fields[5])[0]).is_absolute()
    # cron: the variables set in the crontab, PATH=/usr/bin:/bin, no LANG, no terminal, another folder
    result = run_as_cron(fields[5], robot_env(robots, wecom, ding, feishu))
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    for robot in (wecom, ding, feishu):
        (text,) = robot.contents()
        assert "今天起逾期 1 项" in text and "9.1.1 昨天到期的工作：报送年度工作总结" in text
    # the weekly digest's line, the same way
    weekly = invoke(["digest", "--crontab", "--plan", str(plan_dir)]).stdout.strip().splitlines()[-1]
    assert weekly.split(" ", 5)[:5] == ["0", "8", "*", "*", "1"]
    result = run_as_cron(weekly.split(" ", 5)[5], robot_env(robots, wecom, ding, feishu))
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    for robot in (wecom, ding, feishu):
        assert len(robot.received) >= 2 and all("工作计划周报" in text for text in robot.contents()[1:])


def smtp_block(port: int) -> str:
    return (
        f"smtp:\n  host: 127.0.0.1\n  port: {port}\n  security: none\n  from: workplan@example.gov.cn\n"
        "  to: [office@example.gov.cn]\n"
    )


def test_an_email_channel_gets_the_digest_beside_the_robots(
    invoke: Invoke, plan_dir: Path, robots: RobotServer
) -> None:
    with smtp_server() as mail:
        text = (plan_dir / "workplan.yaml").read_text(encoding="utf-8").split("\nsmtp:")[0]
        (plan_dir / "workplan.yaml").write_text(text + "\n" + smtp_block(mail.port), encoding="utf-8")
        add_channels(
            plan_dir,
            "  - {name: 办公室群, type: wecom, url_env: WORKPLAN_WECOM_URL}\n"
            "  - {name: 周报邮件, type: email, to: leader@example.gov.cn}\n",
        )
        wecom = robots.add("wecom", "k")
        result = invoke(["digest", "--send", "--as-of", "2024-06-17", "--plan", str(plan_dir)],
                        WORKPLAN_WECOM_URL=robots.url(wecom))  # fmt: skip
        assert result.exit_code == 0, result.output
        (received,) = mail.received
        assert received.recipients == ["leader@example.gov.cn"]
        assert received.message["Subject"] == "Work plan digest 2024-06-17: 4 overdue, 6 due within 14 days"
        assert "✓ 周报邮件 (e-mail): sent to leader@example.gov.cn: Work plan digest 2024-06-17" in result.stderr
        assert len(wecom.received) == 1


def test_remind_without_channels_emails_smtp_to(invoke: Invoke, plan_dir: Path) -> None:
    with smtp_server() as mail:
        text = (plan_dir / "workplan.yaml").read_text(encoding="utf-8").split("\nsmtp:")[0]
        (plan_dir / "workplan.yaml").write_text(text + "\n" + smtp_block(mail.port), encoding="utf-8")
        result = invoke(["remind", "--as-of", "2024-04-01", "--plan", str(plan_dir)], WORKPLAN_LANG="zh")
        assert result.exit_code == 0, result.output
        (received,) = mail.received
        assert received.recipients == ["office@example.gov.cn"]
        assert received.message["Subject"] == "工作计划提醒 2024-04-01"
        body = received.message.get_body(("plain",))
        assert body is not None and "今天起逾期 3 项" in body.get_content()
        html = received.message.get_body(("html",))
        assert html is not None and '<span style="color:#c62828;">●</span> 1.4.1 ' in html.get_content()


def test_for_a_leader_and_mention_off(invoke: Invoke, plan_dir: Path, robots: RobotServer) -> None:
    path = plan_dir / "2-1.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("\nowner:\n", "\nowner:\nleader: 张副主任\n"), encoding="utf-8"
    )
    add_channels(
        plan_dir,
        "  - {name: 张副主任, type: dingtalk, url_env: WORKPLAN_DING_URL, for: 张副主任, mention: false}\n",
        owners='  张副主任: {mobile: "13700003333"}\n',
    )
    ding = robots.add("dingtalk", "t")
    result = invoke(
        ["digest", "--send", "--as-of", "2024-06-17", "--plan", str(plan_dir)], WORKPLAN_DING_URL=robots.url(ding)
    )
    assert result.exit_code == 0, result.output
    (text,) = ding.contents()
    assert "2.1.1" in text and "2.1.2" in text and "4.2.1" not in text  # the leader's initiative only
    assert ding.received[0]["at"]["atMobiles"] == [] and "@13700003333" not in text  # mention: false
