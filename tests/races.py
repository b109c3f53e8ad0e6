"""Racing writers and killed writers, with real processes: the concurrency and fault experiments.

Used by tests/test_races.py (a few rounds, so CI stays quick) and by ``python -m tests.reliability``
(100 rounds, for the README's figures). Each function returns what it saw; the callers assert.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHIPPED_PLAN = REPO / "plan"
SEED_REPORT = REPO / "tests" / "samples" / "reports" / "seed-2024-work-plan-report.txt"


def _command() -> list[str]:
    return [sys.executable, "-m", "workplan_cli"]


def _env(workdir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKPLAN_")}
    env.update({"WORKPLAN_LANG": "en", "XDG_CACHE_HOME": str(workdir / "cache"), "COLUMNS": "200"})
    return env


def fresh_plan(workdir: Path) -> Path:
    plan = workdir / "plan"
    shutil.rmtree(plan, ignore_errors=True)
    shutil.copytree(SHIPPED_PLAN, plan)
    return plan


def start(args: list[str], workdir: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*_command(), *args],
        cwd=workdir,
        env=_env(workdir),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def done_dates(plan: Path) -> dict[str, str]:
    """Every milestone's done date as the files say, read without workplan (a plain scan)."""
    dates: dict[str, str] = {}
    for path in plan.glob("*.yaml"):
        current = None
        for line in path.read_text(encoding="utf-8").splitlines():
            found = re.match(r'\s*- id: "([\d.]+)"', line)
            if found:
                current = found[1]
            done = re.match(r"\s+done: (\d{4}-\d{2}-\d{2})\s*$", line)
            if done and current:
                dates[current] = done[1]
    return dates


def milestone_ids(plan: Path) -> list[str]:
    return sorted({m for path in plan.glob("*.yaml") for m in re.findall(r'- id: "([\d.]+)"', path.read_text("utf-8"))})


@dataclass
class Tally:
    """What a race experiment saw."""

    rounds: int = 0
    runs: int = 0  # workplan processes started
    tracebacks: int = 0
    failures: list[str] = field(default_factory=list)  # exits other than expected, in words
    lost: list[str] = field(default_factory=list)  # dates reported written and not in the file


def _finish(proc: subprocess.Popen[str], tally: Tally, what: str) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=120)
    tally.runs += 1
    if "Traceback (most recent call last)" in out + err:
        tally.tracebacks += 1
    return proc.returncode, out, err


def many_done_on_one_milestone(workdir: Path, writers: int = 8) -> tuple[Tally, list[str]]:
    """``writers`` processes close the same milestone at once, each with its own date: exactly one
    may say "done", the rest "already done" with that one's date, and the file must hold it."""
    tally = Tally(rounds=1)
    plan = fresh_plan(workdir)
    days = [(date(2024, 9, 1) + timedelta(days=n)).isoformat() for n in range(writers)]
    procs = [start(["done", "2.1.1", "--on", day, "--plan", str(plan)], workdir) for day in days]
    said = []
    for proc, day in zip(procs, days, strict=True):
        code, out, err = _finish(proc, tally, "done")
        if code != 0:
            tally.failures.append(f"done --on {day}: exit {code}: {err.strip()}")
        said.append(out.strip())
    winners = [day for day, text in zip(days, said, strict=True) if f"2.1.1 done on {day}" in text]
    if len(winners) == 1 and done_dates(plan).get("2.1.1") != winners[0]:
        tally.lost.append(f"2.1.1 reported done on {winners[0]}, file says {done_dates(plan).get('2.1.1')}")
    return tally, said


def import_update_racing_done(workdir: Path, rounds: int, seed: int = 1) -> Tally:
    """Each round, `done` on the next milestone and `import --update` of the same report start
    together; every date that `done` reported written must be in the files afterwards."""
    rng = random.Random(seed)
    tally = Tally()
    plan = fresh_plan(workdir)
    ids = milestone_ids(plan)
    reported: dict[str, str] = {}
    for round_number in range(rounds):
        milestone = ids[round_number % len(ids)]
        if milestone in reported:  # a second cycle: reopen first, not racing
            code, _, err = _finish(start(["reopen", milestone, "--plan", str(plan)], workdir), tally, "reopen")
            if code != 0:
                tally.failures.append(f"reopen {milestone}: exit {code}: {err.strip()}")
            del reported[milestone]
        day = (date(2024, 1, 1) + timedelta(days=round_number % 300)).isoformat()
        done = ["done", milestone, "--on", day, "--plan", str(plan)]
        update = ["import", str(SEED_REPORT), "--out", str(plan), "--update"]
        first, second = (done, update) if rng.random() < 0.5 else (update, done)
        procs = [start(first, workdir)]
        time.sleep(rng.random() * 0.15)  # sometimes together, sometimes one well into its work
        procs.append(start(second, workdir))
        results = {
            tuple(args): _finish(proc, tally, args[0]) for args, proc in zip((first, second), procs, strict=True)
        }
        code, out, err = results[tuple(done)]
        if code == 0 and f"{milestone} done on {day}" in out:
            reported[milestone] = day
        elif code != 0:
            tally.failures.append(f"round {round_number}: done {milestone}: exit {code}: {err.strip()}")
        code, _, err = results[tuple(update)]
        if code not in (0, 1):  # 1: the seed report's phrases that need a person, as always
            tally.failures.append(f"round {round_number}: import --update: exit {code}: {err.strip()}")
        on_file = done_dates(plan)
        tally.lost += [
            f"round {round_number}: {m} reported done on {d}, file says {on_file.get(m)}"
            for m, d in reported.items()
            if on_file.get(m) != d
        ]
        tally.rounds += 1
    return tally


@dataclass
class KillTally(Tally):
    kills: int = 0
    corrupt: list[str] = field(default_factory=list)  # a file that is neither the old nor the new one
    temps_left: list[str] = field(default_factory=list)  # temp or lock files after the next write


def kill_during_writes(workdir: Path, rounds: int, seed: int = 2) -> KillTally:
    """Start a write (`note`, `done`, `import --update`), kill it with SIGKILL or SIGTERM after a
    random delay; then the plan must load without a problem, each file must be whole, and after
    the next successful write no temporary or lock file may be left in plan/."""
    rng = random.Random(seed)
    tally = KillTally()
    plan = fresh_plan(workdir)
    ids = milestone_ids(plan)
    for round_number in range(rounds):
        milestone = rng.choice(ids)
        before = {p.name: p.read_bytes() for p in plan.glob("*.yaml")}
        kind = round_number % 3
        if kind == 0:
            args = ["note", milestone, f"进展 {round_number}", "--on", "2024-05-01", "--plan", str(plan)]
        elif kind == 1:
            args = ["done", milestone, "--on", "2024-05-02", "--plan", str(plan)]
        else:
            args = ["import", str(SEED_REPORT), "--out", str(plan), "--update"]
        proc = start(args, workdir)
        time.sleep(rng.uniform(0.05, 0.6))  # start-up, load, the edit and its write all get hit
        sig = signal.SIGKILL if rng.random() < 0.5 else signal.SIGTERM
        proc.send_signal(sig)
        tally.kills += 1
        _finish(proc, tally, args[0])
        for path in plan.glob("*.yaml"):
            text = path.read_bytes()
            if not text.strip() or (path.name in before and len(text) < len(before[path.name]) // 2):
                tally.corrupt.append(f"round {round_number}: {path.name} after {sig.name}: {len(text)} bytes")
        check = start(["check", "--plan", str(plan)], workdir)
        code, out, err = _finish(check, tally, "check")
        if "not valid YAML" in out or "is empty" in out:
            tally.corrupt.append(f"round {round_number}: check after {sig.name}: {out.strip()[:300]}")
        # the next write to that file cleans up whatever the killed one left
        code, _, err = _finish(
            start(["note", milestone, "下一次写入", "--on", "2024-05-03", "--plan", str(plan)], workdir),
            tally,
            "note",
        )
        if code != 0:
            tally.failures.append(f"round {round_number}: the next note: exit {code}: {err.strip()}")
        name = next(p.name for p in plan.glob("*.yaml") if f'- id: "{milestone}"' in p.read_text("utf-8"))
        left = [p.name for p in plan.iterdir() if p.name.startswith(f".{name}.") or p.name == ".workplan.lock"]
        tally.temps_left += [f"round {round_number}: {n}" for n in left]
        tally.rounds += 1
    return tally
