"""The README's reliability figures, measured: ``python -m tests.reliability [--rounds 100]``.

Runs every hostile sample through the installed command (timeout, memory limit), the property
tests with more examples, and the racing and killed-writer experiments with real processes, then
prints what it saw: inputs tried, tracebacks, hangs, failures, edits lost.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .hostile import MEMORY_LIMIT, TIMEOUT_SECONDS, cases, run_case
from .races import import_update_racing_done, kill_during_writes, many_done_on_one_milestone

REPO = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=100, help="rounds of each race and kill experiment")
    parser.add_argument("--examples", type=int, default=1000, help="examples per property test")
    args = parser.parse_args()
    lines: list[str] = []
    bad = 0

    started = time.monotonic()
    outcomes = []
    with tempfile.TemporaryDirectory() as scratch:
        for case in cases():
            workdir = Path(scratch) / case.name
            workdir.mkdir()
            outcomes.append(run_case(case, workdir))
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    failed = [o for o in outcomes if o.failures()]
    bad += len(failed)
    lines += [
        f"hostile samples (tests/samples/hostile/): {len(outcomes)} run through the installed command",
        f"  as expected (exit code and message): {len(outcomes) - len(failed)}",
        f"  tracebacks: {sum(o.traceback for o in outcomes)}",
        f"  hangs (no answer in {TIMEOUT_SECONDS:g} s): {sum(o.hung for o in outcomes)}",
        f"  slowest: {max(o.seconds for o in outcomes):.2f} s; peak memory of any run: {peak_mb:.0f} MB "
        f"(limit {MEMORY_LIMIT // 2**20} MB of address space)",
        f"  took {time.monotonic() - started:.0f} s",
    ]
    lines += [f"  FAILED {o.case.name}: {'; '.join(o.failures())}" for o in failed]

    started = time.monotonic()
    properties = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_properties.py", "-k", "the_"],
        cwd=REPO,
        env={**os.environ, "WORKPLAN_PROPERTY_EXAMPLES": str(args.examples)},
        capture_output=True,
        text=True,
        check=False,
    )
    passed = properties.returncode == 0
    bad += not passed
    lines += [
        f"property tests (Hypothesis): 3 properties x {args.examples} random or mutated inputs "
        f"(plan files, workplan.yaml, phrases): {'no exception' if passed else 'FAILED'}, "
        f"{time.monotonic() - started:.0f} s"
    ]
    if not passed:
        lines.append(properties.stdout[-3000:])

    with tempfile.TemporaryDirectory() as scratch:
        started = time.monotonic()
        tally, said = many_done_on_one_milestone(Path(scratch) / "many", writers=8)
        winners = sum("2.1.1 done on" in text for text in said)
        already = sum("was already done on" in text for text in said)
        bad += (winners != 1) + len(tally.lost) + tally.tracebacks + len(tally.failures)
        lines.append(
            f"8 `done` on one milestone at once: {winners} said done, {already} said already done; "
            f"edits lost {len(tally.lost)}, tracebacks {tally.tracebacks}"
        )
        race_dir = Path(scratch) / "race"
        race_dir.mkdir()
        race = import_update_racing_done(race_dir, rounds=args.rounds)
        bad += len(race.lost) + race.tracebacks + len(race.failures)
        lines.append(
            f"`import --update` racing `done`: {race.rounds} rounds, {race.runs} processes; "
            f"dates lost {len(race.lost)}, tracebacks {race.tracebacks}, failures {len(race.failures)}, "
            f"{time.monotonic() - started:.0f} s"
        )
        lines += [f"  {text}" for text in race.lost + race.failures]
        started = time.monotonic()
        kill_dir = Path(scratch) / "kill"
        kill_dir.mkdir()
        kills = kill_during_writes(kill_dir, rounds=args.rounds)
        bad += len(kills.corrupt) + len(kills.temps_left) + kills.tracebacks + len(kills.failures)
        lines.append(
            f"writers killed (SIGKILL or SIGTERM) at random points of note/done/import --update: {kills.kills}; "
            f"corrupt files {len(kills.corrupt)}, temp or lock files left after the next write "
            f"{len(kills.temps_left)}, tracebacks {kills.tracebacks}, {time.monotonic() - started:.0f} s"
        )
        lines += [f"  {text}" for text in kills.corrupt + kills.temps_left + kills.failures]

    print("\n".join(lines))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
