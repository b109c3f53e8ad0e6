"""Running a printed crontab command as cron would: a bare environment, another folder, no terminal."""

from __future__ import annotations

import subprocess


def run_as_cron(command: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """``command`` under ``env -i`` with PATH=/usr/bin:/bin, no LANG, in /, plus the crontab's own
    NAME=value lines (``env``); the exit status and output are the caller's to check."""
    assignments = [f"{name}={value}" for name, value in (env or {}).items()]
    return subprocess.run(
        ["env", "-i", "PATH=/usr/bin:/bin", *assignments, "/bin/sh", "-c", command],
        cwd="/",
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=120,
        check=False,
    )
