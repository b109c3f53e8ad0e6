"""Custom group robots of WeCom (企业微信), DingTalk (钉钉) and Feishu (飞书).

``platforms`` holds each robot's documented limits and error codes, ``notice`` what a message
says, ``messages`` each platform's request bodies split under its size limit, ``signing`` the
DingTalk and Feishu signatures, ``sending`` the HTTP posts with pacing and retries, ``channels``
one channel of ``notify:`` from its milestones to the line that says how it went.
"""
