"""The weekly digest: rendered three ways, and delivered to a real SMTP server on loopback."""

from __future__ import annotations

import os
import shlex
import ssl
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
import trustme
from typer.testing import Result

from workplan_cli.digest import build_digest
from workplan_cli.planfiles import load_plan
from workplan_cli.schedule import schedule

from .conftest import Invoke, rewrite
from .cron import run_as_cron
from .smtp_server import PASSWORD, REFUSED_DOMAIN, USER, Server, silent_server, smtp_server


@pytest.fixture
def invoke(invoke: Invoke) -> Invoke:
    """The digest tests read the shipped plan's own language, Chinese."""

    def run(args: list[str], **env: str) -> Result:
        return invoke(args, **{"WORKPLAN_LANG": "zh", **env})

    return run


OVERDUE_0617 = ["4.2.1", "1.4.1", "2.1.1", "2.2.1"]
DUE_0617 = ["1.4.2", "2.1.2", "2.2.2", "2.3.1", "3.2.1", "4.3.1"]


def configure_smtp(plan_dir: Path, **smtp: object) -> None:
    """Rewrite workplan.yaml's smtp block for a test server."""
    settings = {"host": "127.0.0.1", "security": "none", "from": "workplan@example.gov.cn",
                "to": ["office@example.gov.cn"], **smtp}  # fmt: skip
    lines = [
        f"  {key}: {value!r}" if not isinstance(value, list) else f"  {key}: [{', '.join(value)}]"
        for key, value in settings.items()
    ]
    text = (plan_dir / "workplan.yaml").read_text(encoding="utf-8")
    head = text.split("\nsmtp:")[0]
    (plan_dir / "workplan.yaml").write_text(
        head + "\nsmtp:\n" + "\n".join(lines).replace("'", '"') + "\n", encoding="utf-8"
    )


def text_part(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def html_part(message: EmailMessage) -> str:
    part = message.get_body(("html",))
    assert part is not None
    return str(part.get_content())


class RowCollector(HTMLParser):
    """data-id of each row, grouped by the data-section of its table."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, list[str]] = {}
        self.section = ""
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        found = dict(attrs)
        if tag == "table" and found.get("data-section"):
            self.section = found["data-section"] or ""
            self.rows[self.section] = []
        if tag == "tr" and found.get("data-id"):
            self.rows[self.section].append(found["data-id"] or "")
        for name, value in attrs:
            assert name != "src" and not (value or "").startswith(("http:", "https:")), (name, value)


@pytest.fixture
def server() -> Iterator[Server]:
    with smtp_server() as running:
        yield running


def test_digest_lists_overdue_due_and_progress(plan_dir: Path) -> None:
    plan = load_plan(plan_dir)
    digest = build_digest("t", schedule(plan, date(2024, 6, 17), 14), date(2024, 6, 17), 14)
    assert [e.milestone.id for e in digest.overdue] == OVERDUE_0617
    assert [e.milestone.id for e in digest.due] == DUE_0617
    assert digest.newly_overdue == ()
    first = digest.progress[0]
    assert (first.section, first.done, first.dated, first.overdue) == (
        "一、高站位落实重大决策部署，优化机构职能体系",
        0,
        4,
        1,
    )


def test_newly_overdue_and_closed_last_week(invoke: Invoke, plan_dir: Path) -> None:
    invoke(["done", "2.1.1", "--on", "2024-03-28", "--note", "方案已印发", "--plan", str(plan_dir)])
    invoke(["done", "4.2.1", "--on", "2024-02-20", "--plan", str(plan_dir)])
    digest = build_digest("t", schedule(load_plan(plan_dir), date(2024, 4, 3), 14), date(2024, 4, 3), 14)
    assert [e.milestone.id for e in digest.newly_overdue] == ["1.4.1", "2.2.1"]  # March 31 passed this week
    assert [e.milestone.id for e in digest.closed] == ["2.1.1"]  # 4.2.1 was closed weeks ago
    result = invoke(["digest", "--as-of", "2024-04-03", "--plan", str(plan_dir), "--markdown"])
    assert "## 过去一周完成 1 项" in result.stdout and "方案已印发" in result.stdout
    assert "| 2.1.1 | 持续推进街道扩权赋能 |" in result.stdout


def test_send_delivers_one_utf8_multipart_message(invoke: Invoke, plan_dir: Path, server: Server) -> None:
    configure_smtp(plan_dir, port=server.port)
    result = invoke(["digest", "--send", "--as-of", "2024-06-17", "--plan", str(plan_dir)])
    assert result.exit_code == 0, result.output
    (received,) = server.received
    message = received.message
    assert message["Subject"] == "工作计划周报 2024-06-17：逾期 4 项，14 天内到期 6 项"
    assert parseaddr(message["From"])[1] == "workplan@example.gov.cn"
    assert parseaddr(message["To"])[1] == "office@example.gov.cn" and received.recipients == ["office@example.gov.cn"]
    assert parsedate_to_datetime(message["Date"]).utcoffset() is not None
    assert message["Message-ID"].startswith("<") and message["Message-ID"].endswith("@example.gov.cn>")
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    assert all(p.get_content_charset() == "utf-8" for p in message.iter_parts())
    text = text_part(message)
    for milestone_id in OVERDUE_0617 + DUE_0617:
        assert f"  {milestone_id}  " in text
    assert "■ 逾期 4 项" in text and "■ 14 天内到期 6 项" in text
    assert "制定我区2023年度XX监督检查计划" in text
    rows = RowCollector()
    rows.feed(html_part(message))
    assert rows.rows["overdue"] == OVERDUE_0617
    assert rows.rows["due"] == DUE_0617
    assert "script" not in rows.tags and "link" not in rows.tags and "img" not in rows.tags
    assert "<style" not in html_part(message)  # inline styles only


def test_to_overrides_recipients_and_dry_run_prints_without_sending(
    invoke: Invoke, plan_dir: Path, server: Server
) -> None:
    configure_smtp(plan_dir, port=server.port)
    both = ["--to", "a@example.gov.cn", "--to", "b@example.gov.cn", "--as-of", "2024-06-17", "--plan", str(plan_dir)]
    dry = invoke(["digest", "--dry-run", *both])
    assert dry.exit_code == 0
    assert server.received == []
    assert "Subject: 工作计划周报 2024-06-17：逾期 4 项，14 天内到期 6 项" in dry.stdout
    assert "To: a@example.gov.cn, b@example.gov.cn" in dry.stdout
    assert "Content-Type: text/plain" in dry.stdout and "Content-Type: text/html" in dry.stdout
    sent = invoke(["digest", "--send", *both])
    assert sent.exit_code == 0
    assert server.received[0].recipients == ["a@example.gov.cn", "b@example.gov.cn"]


@dataclass(frozen=True)
class Tls:
    server_context: ssl.SSLContext  # the test server's certificate, signed by a throwaway CA
    cafile: Path  # that CA, for smtp.cafile


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> Tls:
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    cafile = tmp_path_factory.mktemp("tls") / "ca.pem"
    ca.cert_pem.write_to_path(str(cafile))
    return Tls(context, cafile)


def test_starttls_and_auth_with_a_private_ca(invoke: Invoke, plan_dir: Path, tls: Tls) -> None:
    with smtp_server(starttls=tls.server_context, auth=True) as server:
        configure_smtp(plan_dir, port=server.port, security="starttls", username=USER, cafile=str(tls.cafile))
        result = invoke(
            ["digest", "--send", "--as-of", "2024-06-17", "--plan", str(plan_dir)], WORKPLAN_SMTP_PASSWORD=PASSWORD
        )
        assert result.exit_code == 0, result.output
        assert len(server.received) == 1
        assert PASSWORD not in result.output


def test_implicit_tls(invoke: Invoke, plan_dir: Path, tls: Tls) -> None:
    with smtp_server(implicit_tls=tls.server_context) as server:
        configure_smtp(plan_dir, port=server.port, security="ssl", cafile=str(tls.cafile))
        result = invoke(["digest", "--send", "--as-of", "2024-06-17", "--plan", str(plan_dir)])
        assert result.exit_code == 0, result.output
        assert len(server.received) == 1


def test_each_failure_is_one_clear_line_and_exit_5(invoke: Invoke, plan_dir: Path, tls: Tls) -> None:

    def failure(**smtp: object) -> str:
        configure_smtp(plan_dir, **smtp)
        result = invoke(
            ["digest", "--send", "--as-of", "2024-06-17", "--plan", str(plan_dir)],
            WORKPLAN_SMTP_PASSWORD="wrong-password",
            WORKPLAN_LANG="en",
        )
        assert result.exit_code == 5, result.output
        assert "Traceback" not in result.output
        assert "wrong-password" not in result.output
        assert f"127.0.0.1:{smtp['port']}" in result.stderr
        return result.stderr

    with smtp_server() as closed:
        port = closed.port
    assert "connection refused" in failure(port=port)
    chinese = invoke(["digest", "--send", "--as-of", "2024-06-17", "--plan", str(plan_dir)])
    assert chinese.exit_code == 5 and f"邮件服务器 127.0.0.1:{port}：连接被拒绝" in chinese.stderr
    with silent_server() as silent:
        assert "timed out after 1 s" in failure(port=silent, timeout=1)
    with smtp_server(starttls=tls.server_context, auth=True) as server:
        assert "TLS failed, the certificate was not accepted" in failure(port=server.port, security="starttls")
        assert "authentication failed for user 'office'" in failure(
            port=server.port, security="starttls", username=USER, cafile=str(tls.cafile)
        )
    with smtp_server() as server:
        refused = failure(port=server.port, to=[f"nobody@{REFUSED_DOMAIN}"])
        assert f"refused every recipient: nobody@{REFUSED_DOMAIN} (550 5.1.1 mailbox unavailable)" in refused
        partly = failure(port=server.port, to=["office@example.gov.cn", f"nobody@{REFUSED_DOMAIN}"])
        assert f"refused some recipients: nobody@{REFUSED_DOMAIN}" in partly
        assert [r.recipients for r in server.received] == [["office@example.gov.cn"]]


def test_debug_shows_the_traceback(invoke: Invoke, plan_dir: Path) -> None:
    with smtp_server() as closed:
        port = closed.port
    configure_smtp(plan_dir, port=port)
    result = invoke(["digest", "--send", "--debug", "--as-of", "2024-06-17", "--plan", str(plan_dir)])
    assert result.exit_code == 5
    assert "ConnectionRefusedError" in result.stderr


def set_owner(plan_dir: Path, file: str, owner: str) -> None:
    rewrite(plan_dir / file, "\nowner:\n", f"\nowner: {owner}\n")


def test_by_owner_sends_each_owner_only_theirs_and_goes_on_after_a_failure(
    invoke: Invoke, plan_dir: Path, server: Server
) -> None:
    set_owner(plan_dir, "2-1.yaml", "改革科")
    set_owner(plan_dir, "4-2.yaml", "监督科")
    set_owner(plan_dir, "1-4.yaml", "综合科")
    set_owner(plan_dir, "3-2.yaml", '"无邮箱科"')
    configure_smtp(plan_dir, port=server.port)
    settings = (plan_dir / "workplan.yaml").read_text(encoding="utf-8")
    owners = (
        f"owners:\n  综合科: [zonghe@{REFUSED_DOMAIN}]\n  改革科: [gaige@example.gov.cn]\n"
        "  监督科: jiandu@example.gov.cn\n"
    )
    (plan_dir / "workplan.yaml").write_text(settings.replace("owners:\n", owners, 1), encoding="utf-8")

    result = invoke(["digest", "--send", "--by-owner", "--as-of", "2024-06-17", "--plan", str(plan_dir)])
    assert result.exit_code == 5  # 综合科's server refused
    assert f"zonghe@{REFUSED_DOMAIN}" in result.stderr
    assert "无邮箱科" in result.stderr and "（未指定单位的节点）" in result.stderr  # warned, not sent
    by_recipient = {r.recipients[0]: r.message for r in server.received}
    assert set(by_recipient) == {"gaige@example.gov.cn", "jiandu@example.gov.cn"}
    gaige = text_part(by_recipient["gaige@example.gov.cn"])
    assert "2.1.1" in gaige and "2.1.2" in gaige and "4.2.1" not in gaige and "1.4.1" not in gaige
    assert by_recipient["jiandu@example.gov.cn"]["Subject"].startswith("工作计划周报 2024-06-17（监督科）")


def test_skip_empty_sends_nothing_when_nothing_to_report(invoke: Invoke, plan_dir: Path, server: Server) -> None:
    configure_smtp(plan_dir, port=server.port)
    result = invoke(["digest", "--send", "--skip-empty", "--as-of", "2024-01-02", "--plan", str(plan_dir)])
    assert result.exit_code == 0
    assert server.received == []
    assert "无可报告内容，未发送" in result.stderr  # the plan is Chinese, so is the line


def test_newline_in_title_or_owner_cannot_add_a_header(invoke: Invoke, plan_dir: Path, server: Server) -> None:
    set_owner(plan_dir, "4-2.yaml", '"监督科\\nBcc: evil@attacker.example"')
    settings = (plan_dir / "workplan.yaml").read_text(encoding="utf-8")
    settings = settings.replace("owners:\n", 'owners:\n  "监督科\\nBcc: evil@attacker.example": [j@example.gov.cn]\n')
    settings = settings.replace("title: 关于2024年工作计划的报告", 'title: "报告\\r\\nX-Injected: yes"')
    (plan_dir / "workplan.yaml").write_text(settings, encoding="utf-8")
    configure_smtp(plan_dir, port=server.port)
    result = invoke(["digest", "--send", "--by-owner", "--as-of", "2024-06-17", "--plan", str(plan_dir)])
    assert server.received, result.output
    for received in server.received:
        assert received.message["Bcc"] is None and received.message["X-Injected"] is None
        assert received.recipients == ["j@example.gov.cn"]
        assert "\n" not in received.message["Subject"]


def test_crontab_line_delivers_under_a_bare_environment(invoke: Invoke, plan_dir: Path, server: Server) -> None:
    configure_smtp(plan_dir, port=server.port)
    line = invoke(["digest", "--crontab", "--plan", str(plan_dir)]).stdout.strip()
    fields = line.split(" ", 5)
    assert fields[:5] == ["0", "8", "*", "*", "1"]
    command = shlex.split(fields[5])
    assert Path(command[0]).is_absolute() and str(plan_dir.resolve()) in command
    # cron: no PATH beyond /usr/bin:/bin, no LANG, no terminal, another working directory
    result = run_as_cron(fields[5])
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    (received,) = server.received
    assert received.message["Subject"].startswith("工作计划周报 ")
    text = text_part(received.message)
    assert "制定我区2023年度XX监督检查计划" in text
    assert "■ 逾期 17 项" in text  # as of today every dated milestone of the 2024 plan is overdue


def test_due_under_a_bare_environment_keeps_chinese_and_wide_tables(plan_dir: Path) -> None:
    command = [sys.executable, "-m", "workplan_cli", "due", "--as-of", "2024-06-17", "--plan", str(plan_dir)]
    result = subprocess.run(
        ["env", "-i", "PATH=/usr/bin:/bin", *command],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=120,
        check=False,
        cwd="/",
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert "修订完善高新园区“三定”规定，做实高新园区升格后机构设置，配齐配强工作力量" in out  # not folded
    assert max(len(line) for line in out.splitlines()) > 80
    assert "逾期 4 项，14 天内到期 6 项（截至 2024-06-17）" in out
    assert os.environ.get("LANG") != "" or True


def test_by_owner_with_no_address_for_anyone_fails_in_the_plans_language(invoke: Invoke, plan_dir: Path) -> None:
    # F28: leads assigned in workplan.yaml, no addresses: nothing was sent, yet the run said so in
    # English and exited 0, so a cron job never noticed.
    settings = (plan_dir / "workplan.yaml").read_text(encoding="utf-8")
    assign = 'assign:\n  "1": {lead: 机构编制科}\n  "2": {lead: 改革科}\nowners:\n'
    (plan_dir / "workplan.yaml").write_text(settings.replace("owners:\n", assign, 1), encoding="utf-8")
    result = invoke(
        ["digest", "--send", "--by-owner", "--as-of", "2024-06-17", "--plan", str(plan_dir)], WORKPLAN_LANG="zh"
    )
    assert result.exit_code == 5, result.output
    assert "workplan.yaml（owners:）中没有以下单位的邮箱：机构编制科、改革科" in result.stderr
    assert "未发送任何周报" in result.stderr
