"""Refusals and failures of sending: e-mail, the digest, reminders and group robots: ``SendMsg``."""

from __future__ import annotations

from workplan_cli.i18n.keys import MessageKey


class SendMsg(MessageKey):
    """The keys of refusals and failures of sending: e-mail, the digest, reminders and group robots."""

    SMTP_TIMED_OUT = "send.smtp_timed_out"
    NOT_AN_ADDRESS_NO_AT = "send.not_an_address_no_at"
    SMTP_REFUSED_SOME = "send.smtp_refused_some"
    SMTP_REFUSED_ALL = "send.smtp_refused_all"
    SMTP_LACKS_FEATURE = "send.smtp_lacks_feature"
    SMTP_TLS_FAILED = "send.smtp_tls_failed"
    SMTP_CONNECTION_REFUSED = "send.smtp_connection_refused"
    SMTP_CLOSED = "send.smtp_closed"
    SMTP_SEND_FAILED = "send.smtp_send_failed"
    SMTP_BAD_CAFILE = "send.smtp_bad_cafile"
    SMTP_NEEDS_PASSWORD = "send.smtp_needs_password"
    SMTP_NO_STARTTLS = "send.smtp_no_starttls"
    DIGESTS_NOT_DELIVERED = "send.digests_not_delivered"
    TO_WITH_BY_OWNER = "send.to_with_by_owner"
    CHANNELS_NOT_DELIVERED = "send.channels_not_delivered"
    NOWHERE_TO_REMIND = "send.nowhere_to_remind"
    NO_RECIPIENTS = "send.no_recipients"
    NOT_AN_ADDRESS = "send.not_an_address"
    SMTP_NO_AUTH = "send.smtp_no_auth"
    SMTP_AUTH_AFTER_TLS = "send.smtp_auth_after_tls"
    SMTP_AUTH_FAILED = "send.smtp_auth_failed"
    SMTP_SENDER_REFUSED = "send.smtp_sender_refused"
    SMTP_ANSWERED = "send.smtp_answered"
    SMTP_TLS_ERROR = "send.smtp_tls_error"
    SMTP_CANNOT_CONNECT = "send.smtp_cannot_connect"
    NO_SUCH_CHANNEL = "send.no_such_channel"
    NO_CHANNELS_YET = "send.no_channels_yet"
    NO_RECIPIENTS_YET = "send.no_recipients_yet"
    NO_UNIT = "send.no_unit"
    NO_ADDRESS_FOR = "send.no_address_for"
    NOT_A_WEBHOOK_URL = "send.not_a_webhook_url"
    SERVER_ANSWERED_HTTP = "send.server_answered_http"
    HTTP_UNEXPECTED_ANSWER = "send.http_unexpected_answer"
    ROBOT_CANNOT_CONNECT = "send.robot_cannot_connect"
    ROBOT_CONNECTION_LOST = "send.robot_connection_lost"
    ROBOT_NO_ANSWER = "send.robot_no_answer"
    ANSWER_NOT_JSON = "send.answer_not_json"
    ROBOT_CONNECTION_REFUSED = "send.robot_connection_refused"
    NO_SUCH_HOST = "send.no_such_host"
    ROBOT_TLS_FAILED = "send.robot_tls_failed"
    DRY_RUN_SHOWN = "send.dry_run_shown"
    URL_VARIABLE_UNSET = "send.url_variable_unset"
    SECRET_VARIABLE_UNSET = "send.secret_variable_unset"
    SENT_MESSAGES = "send.sent_messages"
    ROBOT_ACCEPTED = "send.robot_accepted"
    REFUSED_WITH_CODE = "send.refused_with_code"
    NOTHING_TO_REPORT = "send.nothing_to_report"
    CHANNEL_WITHOUT_RECIPIENTS = "send.channel_without_recipients"
    AFTER_ATTEMPTS = "send.after_attempts"
    NOT_A_WEB_ADDRESS = "send.not_a_web_address"
    CHANNEL_DONE = "send.channel_done"
    CHANNEL_FAILED = "send.channel_failed"
    WAITING = "send.waiting"
    PARTLY_SENT = "send.partly_sent"
    REFUSED_SAYING = "send.refused_saying"
    NOTHING_FOR_OWNER = "send.nothing_for_owner"
    NO_RECIPIENTS_SHOWN = "send.no_recipients_shown"
    DRY_RUN_NOT_SENT = "send.dry_run_not_sent"
    MAIL_SENT = "send.mail_sent"
    EMAIL = "send.email"


TEXT: dict[MessageKey, tuple[str, str]] = {
    SendMsg.SMTP_TIMED_OUT: (
        "SMTP server {server}: timed out after {seconds:g} s",
        "邮件服务器 {server}：{seconds:g} 秒内没有响应",
    ),
    SendMsg.NOT_AN_ADDRESS_NO_AT: (
        "{what} {address!r} is not an e-mail address (no @)",
        "{what} {address!r} 不是电子邮件地址（没有 @）",
    ),
    SendMsg.SMTP_REFUSED_SOME: (
        "SMTP server {server} refused some recipients: {listing}; the others got it",
        "SMTP 服务器 {server} 拒收了部分收件人：{listing}；其他收件人已收到",
    ),
    SendMsg.SMTP_REFUSED_ALL: (
        "SMTP server {server} refused every recipient: {listing}",
        "SMTP 服务器 {server} 拒收了全部收件人：{listing}",
    ),
    SendMsg.SMTP_LACKS_FEATURE: (
        "SMTP server {server}: {err}",
        "SMTP 服务器 {server} 不支持所需功能：{err}",
    ),
    SendMsg.SMTP_TLS_FAILED: (
        "SMTP server {server}: TLS failed, the certificate was not accepted ({verify_message}); set "
        "smtp.cafile if the server uses a private CA",
        "SMTP 服务器 {server}：TLS 失败，证书未被接受（{verify_message}）；服务器使用私有 CA 时请设置 smtp.cafile",
    ),
    SendMsg.SMTP_CONNECTION_REFUSED: (
        "SMTP server {server}: connection refused (is the server running?)",
        "邮件服务器 {server}：连接被拒绝（服务器在运行吗？）",
    ),
    SendMsg.SMTP_CLOSED: (
        "SMTP server {server}: the server closed the connection ({err})",
        "SMTP 服务器 {server}：服务器关闭了连接（{err}）",
    ),
    SendMsg.SMTP_SEND_FAILED: (
        "SMTP server {server}: {err}",
        "SMTP 服务器 {server}：发送失败（{err}）",
    ),
    SendMsg.SMTP_BAD_CAFILE: (
        "smtp.cafile {cafile!r} in workplan.yaml cannot be used as CA certificates ({reason}); it must be "
        "a PEM file of CA certificates, or remove it to use the system's",
        "workplan.yaml 中的 smtp.cafile {cafile!r} 无法用作 CA 证书（{reason}）；"
        "它应是 PEM 格式的 CA 证书文件，或删除它以使用系统证书",
    ),
    SendMsg.SMTP_NEEDS_PASSWORD: (
        "SMTP server {server}: user {username!r} needs a password; set WORKPLAN_SMTP_PASSWORD in the environment",
        "SMTP 服务器 {server}：用户 {username!r} 需要密码；请在环境变量中设置 WORKPLAN_SMTP_PASSWORD",
    ),
    SendMsg.SMTP_NO_STARTTLS: (
        "SMTP server {server} does not offer STARTTLS; set smtp.security to ssl or none",
        "邮件服务器 {server} 不支持 STARTTLS；请把 smtp.security 设为 ssl 或 none",
    ),
    SendMsg.DIGESTS_NOT_DELIVERED: (
        "{n_failed} of {digests} digests not delivered",
        "{digests} 份周报中有 {n_failed} 份未送达",
    ),
    SendMsg.TO_WITH_BY_OWNER: (
        "--to and --by-owner do not go together: --by-owner sends to the owners' addresses",
        "--to 与 --by-owner 不能同时使用：--by-owner 发往各责任单位的地址",
    ),
    SendMsg.CHANNELS_NOT_DELIVERED: (
        "{n_failed} of {total} channels not delivered",
        "{total} 个通道中有 {n_failed} 个未送达",
    ),
    SendMsg.NOWHERE_TO_REMIND: (
        "nowhere to send reminders: add a notify: list (or smtp.to) to workplan.yaml",
        "没有提醒的去处：请在 workplan.yaml 中添加 notify:（或 smtp.to）",
    ),
    SendMsg.NO_RECIPIENTS: (
        "no recipients: set smtp.to in workplan.yaml or pass --to ADDRESS",
        "没有收件人：请在 workplan.yaml 中设置 smtp.to，或用 --to 指定地址",
    ),
    SendMsg.NOT_AN_ADDRESS: (
        "{what} {address!r} is not an e-mail address ({why})",
        "{what} {address!r} 不是电子邮件地址（{why}）",
    ),
    SendMsg.SMTP_NO_AUTH: (
        "SMTP server {server} offers no AUTH (login), so user {username!r} cannot log in; remove "
        "smtp.username if the server takes mail without logging in{hint}",
        "邮件服务器 {server} 不提供登录（AUTH），用户 {username!r} 无法登录；"
        "若该服务器无需登录即可发信，请删除 smtp.username{hint}",
    ),
    SendMsg.SMTP_AUTH_AFTER_TLS: (
        ", or use starttls/ssl: many servers offer AUTH only then",
        "，或改用 starttls/ssl：许多服务器只在加密后才提供登录",
    ),
    SendMsg.SMTP_AUTH_FAILED: (
        "SMTP server {server}: authentication failed for user {username!r}: {reply}",
        "SMTP 服务器 {server}：用户 {username!r} 身份验证失败：{reply}",
    ),
    SendMsg.SMTP_SENDER_REFUSED: (
        "SMTP server {server} refused the sender {sender!r}: {reply}",
        "SMTP 服务器 {server} 拒绝了发件人 {sender!r}：{reply}",
    ),
    SendMsg.SMTP_ANSWERED: (
        "SMTP server {server} answered {reply}",
        "SMTP 服务器 {server} 答复：{reply}",
    ),
    SendMsg.SMTP_TLS_ERROR: (
        "SMTP server {server}: TLS failed ({why})",
        "SMTP 服务器 {server}：TLS 失败（{why}）",
    ),
    SendMsg.SMTP_CANNOT_CONNECT: (
        "SMTP server {server}: cannot connect ({why})",
        "SMTP 服务器 {server}：无法连接（{why}）",
    ),
    SendMsg.NO_SUCH_CHANNEL: (
        "no channel named {names} (channels: {channels})",
        "没有名为 {names} 的通道（现有通道：{channels}）",
    ),
    SendMsg.NO_CHANNELS_YET: (
        "none: add a notify: list to workplan.yaml",
        "无，请在 workplan.yaml 中添加 notify:",
    ),
    SendMsg.NO_RECIPIENTS_YET: (
        "no recipients yet (smtp.to in workplan.yaml, or --to ADDRESS): To: is empty",
        "尚无收件人（workplan.yaml 中的 smtp.to，或 --to 地址）：收件人为空",
    ),
    SendMsg.NO_UNIT: (
        "(no unit)",
        "（未指定单位的节点）",
    ),
    SendMsg.NO_ADDRESS_FOR: (
        "no e-mail address in workplan.yaml (owners:) for: {units}; their milestones were not sent",
        "workplan.yaml（owners:）中没有以下单位的邮箱：{units}；其周报未发送",
    ),
    SendMsg.NOT_A_WEBHOOK_URL: (
        "${variable} is not a webhook URL (expected https://…)",
        "环境变量 {variable} 不是 webhook 地址（应以 https:// 开头）",
    ),
    SendMsg.SERVER_ANSWERED_HTTP: (
        "the server answered HTTP {status}",
        "服务器应答 HTTP {status}",
    ),
    SendMsg.HTTP_UNEXPECTED_ANSWER: (
        "HTTP {status}: an unexpected answer",
        "HTTP {status}：应答无法识别",
    ),
    SendMsg.ROBOT_CANNOT_CONNECT: (
        "{host}: cannot connect ({reason})",
        "{host}：无法连接（{reason}）",
    ),
    SendMsg.ROBOT_CONNECTION_LOST: (
        "{host}: connection lost ({err})",
        "{host}：连接中断（{err}）",
    ),
    SendMsg.ROBOT_NO_ANSWER: (
        "no answer within {timeout:g} s",
        "{timeout:g} 秒内没有应答",
    ),
    SendMsg.ANSWER_NOT_JSON: (
        "HTTP {status}: the answer is not the platform's JSON (is the URL right?)",
        "HTTP {status}：应答不是该平台的 JSON（地址对吗？）",
    ),
    SendMsg.ROBOT_CONNECTION_REFUSED: (
        "{host}: connection refused",
        "{host}：连接被拒绝",
    ),
    SendMsg.NO_SUCH_HOST: (
        "{host}: no such host",
        "{host}：找不到该主机",
    ),
    SendMsg.ROBOT_TLS_FAILED: (
        "{host}: TLS failed ({reason})",
        "{host}：TLS 握手失败（{reason}）",
    ),
    SendMsg.DRY_RUN_SHOWN: (
        "dry run, {count} message(s) shown, nothing sent",
        "演练，显示 {count} 条消息，未发送",
    ),
    SendMsg.URL_VARIABLE_UNSET: (
        "${url_env} is not set in the environment (it holds the webhook URL)",
        "环境变量 {url_env} 未设置（应为 webhook 地址）",
    ),
    SendMsg.SECRET_VARIABLE_UNSET: (
        "${secret_env} is not set in the environment (it holds the signing secret)",
        "环境变量 {secret_env} 未设置（应为签名密钥）",
    ),
    SendMsg.SENT_MESSAGES: (
        "sent, {count} message(s)",
        "已发送 {count} 条消息",
    ),
    SendMsg.ROBOT_ACCEPTED: (
        "accepted",
        "已接收",
    ),
    SendMsg.REFUSED_WITH_CODE: (
        "refused with error code {code} ({message})",
        "被拒绝，错误码 {code}（{message}）",
    ),
    SendMsg.NOTHING_TO_REPORT: (
        "nothing to report: not sent",
        "没有需要通报的事项：未发送",
    ),
    SendMsg.CHANNEL_WITHOUT_RECIPIENTS: (
        "no recipients: set to: on the channel or smtp.to",
        "没有收件人：请设置 to: 或 smtp.to",
    ),
    SendMsg.AFTER_ATTEMPTS: (
        "{failure}, {attempts} attempts",
        "{failure}，共尝试 {attempts} 次",
    ),
    SendMsg.NOT_A_WEB_ADDRESS: (
        "{scheme}: not a web address",
        "{scheme}：不是网址",
    ),
    SendMsg.CHANNEL_DONE: (
        "✓ {channel}: {said}",
        "✓ {channel}：{said}",
    ),
    SendMsg.CHANNEL_FAILED: (
        "✗ {channel}: not delivered: {said}",
        "✗ {channel}：未送达：{said}",
    ),
    SendMsg.WAITING: (
        "{channel}: waiting {seconds:.0f} s for {platform}'s limit of {per_minute} messages a minute",
        "{channel}：等待 {seconds:.0f} 秒（{platform}每分钟最多 {per_minute} 条消息）",
    ),
    SendMsg.PARTLY_SENT: (
        "{failure}; {sent} of {count} messages had been sent",
        "{failure}；{count} 条消息中已发出 {sent} 条",
    ),
    SendMsg.REFUSED_SAYING: (
        "{what} (error code {code})",
        "{what}（错误码 {code}）",
    ),
    SendMsg.NOTHING_FOR_OWNER: (
        "nothing to report for {owner}: not sent",
        "{owner}：无可报告内容，未发送",
    ),
    SendMsg.NO_RECIPIENTS_SHOWN: (
        "(no recipients)",
        "（无收件人）",
    ),
    SendMsg.DRY_RUN_NOT_SENT: (
        "dry run: not sent to {who}",
        "演练：未发送至 {who}",
    ),
    SendMsg.MAIL_SENT: (
        "sent to {who}: {subject}",
        "已发送至 {who}：{subject}",
    ),
    SendMsg.EMAIL: (
        "e-mail",
        "邮件",
    ),
}
