"""Benchmark whole `workplan` processes on generated plans, against libyaml and Taskwarrior.

    .venv/bin/python benchmarks/run.py                 # 1,000 / 10,000 / 100,000 initiatives
    .venv/bin/python benchmarks/run.py --sizes 1000    # a quick run

Prints a table of medians (wall time and peak memory of the process) for `--help`, `due`,
`list --json` and `check`, each cold (no cache) and warm, then the targets of the speed issue
with the figures that decide them. Taskwarrior (`task`, Debian's taskwarrior package) is timed on
the same milestones when it is installed. Plans are generated under --workdir (default: a temp
folder) with deadlines around today, so that Taskwarrior, which only knows the real clock, sees
the same overdue and due milestones as `workplan --as-of today`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.generate import generate  # the repository root, put on the path above

REPO = Path(__file__).resolve().parent.parent
# The installed console script, as people run it (python -m would add runpy's start-up).
WORKPLAN = [str(Path(sys.executable).parent / "workplan")]
PARSE_ONLY = """
import os, sys, yaml
for root, dirs, files in os.walk(sys.argv[1]):
    for name in files:
        with open(os.path.join(root, name), encoding="utf-8") as stream:
            yaml.load(stream.read(), Loader=yaml.CSafeLoader)
"""


@dataclass
class Sample:
    seconds: float
    peak_mb: float


GNU_TIME = "/usr/bin/time"


def run_once(command: list[str], env: dict[str, str]) -> Sample:
    """Wall time and peak resident memory of one process, its output thrown away.

    Peak memory comes from GNU time when present: a child forked from this (larger) process
    would otherwise report this process's memory as its own peak.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        wrapped = [GNU_TIME, "-f", "%M", "-o", rss.name, *command] if os.path.exists(GNU_TIME) else command
        start = time.perf_counter()
        process = subprocess.Popen(wrapped, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        text = rss.read().strip().splitlines()
    peak_kb = int(text[-1]) if text and text[-1].isdigit() else usage.ru_maxrss
    return Sample(elapsed, peak_kb / 1024)


def median(command: list[str], env: dict[str, str], runs: int, before: list[str] | None = None) -> Sample:
    samples = []
    for _ in range(runs):
        if before is not None:
            subprocess.run(before, env=env, check=False, capture_output=True)
        samples.append(run_once(command, env))
    return Sample(statistics.median(s.seconds for s in samples), statistics.median(s.peak_mb for s in samples))


def taskwarrior_env(workdir: Path, plan: Path) -> dict[str, str] | None:
    """A private Taskwarrior database holding the plan's milestones as tasks (imported once)."""
    if shutil.which("task") is None:
        return None
    data = workdir / f"task-{plan.name}"
    env = {**os.environ, "TASKRC": str(data / "taskrc"), "TASKDATA": str(data)}
    if not (data / "pending.data").exists():
        data.mkdir(parents=True, exist_ok=True)
        # rc.due=14: "due" means within 14 days, as warn_days does in the generated plans.
        (data / "taskrc").write_text(
            f"data.location={data}\nconfirmation=off\nverbose=nothing\ndue=14\ngc=off\nhooks=off\n", encoding="utf-8"
        )
        listed = subprocess.run(
            [*WORKPLAN, "list", "--json", "--plan", str(plan), "--as-of", date.today().isoformat()],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        tasks = [
            {
                "description": f"{m['id']} {m['task']}",
                "due": m["deadline"].replace("-", "") + "T000000Z",
                "status": "pending",
                "project": m["initiative"].split(".")[0],
            }
            for m in json.loads(listed.stdout)
            if m["deadline"]
        ]
        batch = data / "tasks.json"
        batch.write_text("\n".join(json.dumps(t, ensure_ascii=False) for t in tasks), encoding="utf-8")
        subprocess.run(["task", "import", str(batch)], env=env, check=True, capture_output=True)
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="initiative counts (comma-separated)")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (3 for 100,000)")
    parser.add_argument("--workdir", type=Path, default=None, help="where plans are generated (kept)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="workplan-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    today = date.today()
    env = {**os.environ, "COLUMNS": "200", "XDG_CACHE_HOME": str(workdir / "cache")}
    rows: list[tuple[str, str, Sample]] = []
    figures: dict[str, float] = {}

    print(f"workplan benchmark: {os.cpu_count()} cores, Python {sys.version.split()[0]}, as of {today}\n", flush=True)
    shipped = ["--plan", str(REPO / "plan")]
    rows.append(("shipped plan", "--help", help_sample := median([*WORKPLAN, "--help"], env, args.runs)))
    rows.append(("shipped plan", "due (warm)", shipped_due := median([*WORKPLAN, "due", *shipped], env, args.runs)))
    figures["help"], figures["shipped_due"] = help_sample.seconds, shipped_due.seconds

    spreads = [(size, "typical", 0.05) for size in sizes] + [(10_000, "worst", 1 / 3)] * (10_000 in sizes)
    for size, spread, share in spreads:
        plan = workdir / f"plan-{size}-{spread}"
        if not (plan / "workplan.yaml").exists():
            started = time.perf_counter()
            generate(plan, size, as_of=today, overdue_share=share)
            print(f"generated {plan} in {time.perf_counter() - started:.1f} s", flush=True)
        runs = 3 if size >= 100_000 else args.runs
        label = f"{size:,} {spread}"
        base = ["--plan", str(plan), "--as-of", today.isoformat()]
        clear_cache = [sys.executable, "-c", f"import shutil; shutil.rmtree({str(workdir / 'cache')!r}, True)"]
        parse = median([sys.executable, "-c", PARSE_ONLY, str(plan)], env, runs)
        rows.append((label, "libyaml parse only", parse))
        for name, command in (("due", ["due"]), ("list --json", ["list", "--json"]), ("check", ["check"])):
            cold = median(
                [*WORKPLAN, *command, *base[:2]] if name == "check" else [*WORKPLAN, *command, *base],
                env,
                runs,
                before=clear_cache,
            )
            warm_command = [*WORKPLAN, *command, *base[:2]] if name == "check" else [*WORKPLAN, *command, *base]
            subprocess.run(warm_command, env=env, capture_output=True, check=False)
            warm = median(warm_command, env, runs)
            rows += [(label, f"{name} (cold)", cold), (label, f"{name} (warm)", warm)]
            figures[f"{size}-{spread}-{name}-cold"] = cold.seconds
            figures[f"{size}-{spread}-{name}-warm"] = warm.seconds
            figures[f"{size}-{spread}-{name}-warm-mb"] = warm.peak_mb
        figures[f"{size}-{spread}-parse"] = parse.seconds
        task_env = taskwarrior_env(workdir, plan) if size <= 10_000 else None
        if task_env is not None:
            for name, command in (("task overdue", ["task", "overdue"]), ("task +DUE list", ["task", "+DUE", "list"])):
                sample = median(command, task_env, runs)
                rows.append((label, name, sample))
                figures[f"{size}-{spread}-{name}"] = sample.seconds
        print(f"measured {label}", flush=True)

    print(f"\n{'plan':<18} {'command':<22} {'median s':>9} {'peak MB':>8}")
    print(f"{'-' * 18} {'-' * 22} {'-' * 9} {'-' * 8}")
    for label, name, sample in rows:
        print(f"{label:<18} {name:<22} {sample.seconds:>9.3f} {sample.peak_mb:>8.1f}")
    print("\nTargets (2 cores):")
    print_targets(figures)
    print(f"\nPlans and Taskwarrior data are in {workdir}")


def print_targets(figures: dict[str, float]) -> None:
    checks = [
        ("workplan --help <= 0.15 s", figures["help"], figures["help"] <= 0.15),
        ("due on the shipped plan <= 0.2 s", figures["shipped_due"], figures["shipped_due"] <= 0.2),
    ]
    if "10000-typical-due-warm" in figures:
        warm_s, cold_s, parse_s = (
            figures["10000-typical-due-warm"],
            figures["10000-typical-due-cold"],
            figures["10000-typical-parse"],
        )
        checks.append(
            (f"10,000 cold due <= 1.3 x libyaml parse ({parse_s:.2f} s)", cold_s / parse_s, cold_s <= 1.3 * parse_s)
        )
        if "10000-typical-task overdue" in figures:
            overdue_s = figures["10000-typical-task overdue"]
            text = f"10,000 warm due <= 2 x task overdue ({overdue_s:.2f} s)"
            checks.append((text, warm_s / overdue_s, warm_s <= 2 * overdue_s))
    if "100000-typical-due-warm" in figures:
        big_s, peak_mb = figures["100000-typical-due-warm"], figures["100000-typical-due-warm-mb"]
        checks.append(("100,000 warm due <= 2.5 s", big_s, big_s <= 2.5))
        checks.append(("100,000 warm due <= 300 MB", peak_mb, peak_mb <= 300))
    for text, value, ok in checks:
        print(f"  {'PASS' if ok else 'MISS'}  {text}: {value:.2f}")


if __name__ == "__main__":
    main()
