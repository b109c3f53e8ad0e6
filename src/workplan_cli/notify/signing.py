"""Request signatures of DingTalk and Feishu robots. Pure: the time is passed in.

The two look alike and differ: both sign ``timestamp + "\\n" + secret`` with HMAC-SHA256 and
base64, but DingTalk uses the secret as the HMAC key over that string, with the timestamp in
milliseconds, and sends both in the URL (the signature URL-encoded); Feishu uses that string as
the key over an empty message, with the timestamp in seconds, and sends both in the JSON body.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import quote


def dingtalk_signature(secret: str, timestamp_ms: int) -> str:
    """DingTalk 加签: base64(HMAC-SHA256(key=secret, message=f"{timestamp}\\n{secret}"))."""
    message = f"{timestamp_ms}\n{secret}".encode()
    return base64.b64encode(hmac.new(secret.encode(), message, hashlib.sha256).digest()).decode("ascii")


def dingtalk_signed_url(url: str, secret: str, timestamp_ms: int) -> str:
    """The webhook URL with ``&timestamp=…&sign=…`` added; the signature URL-encoded (its + / =)."""
    sign = quote(dingtalk_signature(secret, timestamp_ms), safe="")
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}timestamp={timestamp_ms}&sign={sign}"


def feishu_signature(secret: str, timestamp_s: int) -> str:
    """Feishu 签名校验: base64(HMAC-SHA256(key=f"{timestamp}\\n{secret}", message=b""))."""
    key = f"{timestamp_s}\n{secret}".encode()
    return base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode("ascii")
