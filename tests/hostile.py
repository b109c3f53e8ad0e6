"""The hostile-input harness: each case in tests/samples/hostile/ run through the installed command.

A case is a folder ``tests/samples/hostile/NAME/`` with a ``case.toml``:

    about = "what the case tries"
    args = ["list"]                  # the command; --plan PLAN is added unless plan = false
    exit = 1                         # the documented exit code expected
    stderr = ["9-1.yaml:3: anchors"] # texts that must appear on stderr (stdout = [...] likewise)
    forbid = ["\\u001b"]             # texts that must appear on neither stream (raw control characters)
    stdout_to = "/dev/full"          # optional: where stdout goes ("pipe-closed": a pipe closed at once)
    env = { HOME = "" }              # optional: environment changes ("" removes the variable)
    [make]                           # optional: what git cannot store
    fifo = ["plan/9-9.yaml"]
    symlink = { "plan/zero.yaml" = "/dev/zero" }
    write = { "plan/name.yaml" = "text" }
    nest = { "plan/deep.yaml" = 100000 }      # an x- key nested that many levels deep
    size = { "plan/huge.yaml" = 2000000 }      # a sparse file of that many bytes

and optionally a ``plan/`` folder whose files are laid over the base plan (``_base/plan``: one good
initiative, 1.1, which every listing must still show). The command runs in a child process with a
timeout and an address-space limit (``resource.setrlimit``), so a hang or a memory blow-up is a
failure of the case, not of the test run. Run ``python -m tests.reliability`` for the figures.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HOSTILE = Path(__file__).resolve().parent / "samples" / "hostile"
BASE = HOSTILE / "_base"
TIMEOUT_SECONDS = 30.0  # generous: CI machines are shared; a hang is a hang at any limit
MEMORY_LIMIT = 1024 * 1024 * 1024  # address space of the child: the command needs about 300 MB


@dataclass(frozen=True)
class Case:
    name: str
    folder: Path
    about: str
    args: tuple[str, ...]
    exit: int
    stderr: tuple[str, ...] = ()
    stdout: tuple[str, ...] = ()
    forbid: tuple[str, ...] = ()
    stdout_to: str = ""
    env: dict[str, str] = field(default_factory=dict)
    make: dict[str, Any] = field(default_factory=dict)
    with_plan: bool = True


@dataclass(frozen=True)
class Outcome:
    case: Case
    returncode: int | None  # None: killed at the timeout
    stdout: str
    stderr: str
    seconds: float

    @property
    def hung(self) -> bool:
        return self.returncode is None

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.stderr + self.stdout

    def failures(self) -> list[str]:
        """What is wrong with this outcome, in words; empty when the case passed."""
        if self.hung:
            return [f"no answer within {TIMEOUT_SECONDS:g} s"]
        wrong = []
        if self.traceback:
            wrong.append("printed a traceback")
        if self.returncode != self.case.exit:
            wrong.append(f"exit code {self.returncode}, expected {self.case.exit}")
        wrong += [f"stderr lacks {text!r}" for text in self.case.stderr if text not in self.stderr]
        wrong += [f"stdout lacks {text!r}" for text in self.case.stdout if text not in self.stdout]
        both = self.stdout + self.stderr
        wrong += [f"output contains {text!r}" for text in self.case.forbid if text in both]
        return wrong


def cases() -> list[Case]:
    found = []
    for folder in sorted(HOSTILE.iterdir()):
        spec = folder / "case.toml"
        if not spec.is_file():
            continue
        data = tomllib.loads(spec.read_text(encoding="utf-8"))
        found.append(
            Case(
                name=folder.name,
                folder=folder,
                about=data["about"],
                args=tuple(data["args"]),
                exit=int(data["exit"]),
                stderr=tuple(data.get("stderr", ())),
                stdout=tuple(data.get("stdout", ())),
                forbid=tuple(data.get("forbid", ())),
                stdout_to=data.get("stdout_to", ""),
                env=dict(data.get("env", {})),
                make=dict(data.get("make", {})),
                with_plan=bool(data.get("plan", True)),
            )
        )
    return found


def prepare(case: Case, workdir: Path) -> Path:
    """Lay out the case's plan under ``workdir``; returns the plan folder."""
    plan = workdir / "plan"
    shutil.copytree(BASE / "plan", plan)
    own = case.folder / "plan"
    if own.is_dir():
        shutil.copytree(own, plan, dirs_exist_ok=True)
    for extra in sorted(case.folder.iterdir()):  # files the command reads, such as a report
        if extra.is_file() and extra.name != "case.toml":
            shutil.copy2(extra, workdir / extra.name)
    make = case.make
    for rel, text in make.get("write", {}).items():
        (workdir / rel).parent.mkdir(parents=True, exist_ok=True)
        (workdir / rel).write_text(text.replace("{work}", str(workdir)), encoding="utf-8")
    for rel in make.get("fifo", []):
        (workdir / rel).unlink(missing_ok=True)
        os.mkfifo(workdir / rel)
    for rel, target in make.get("symlink", {}).items():
        (workdir / rel).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, workdir / rel)
    for rel, depth in make.get("nest", {}).items():
        body = "[" * depth + "]" * depth
        (workdir / rel).write_text(
            f'id: "9.1"\ntitle: 深\nx-deep: {body}\nmilestones:\n  - id: "9.1.1"\n    task: 任务\n', encoding="utf-8"
        )
    for rel, size in make.get("size", {}).items():
        with open(workdir / rel, "wb") as stream:
            stream.truncate(size)
    return plan


def _limit_memory() -> None:  # runs in the child, before the command starts
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def installed_command() -> str:
    beside = Path(sys.executable).parent / "workplan"
    found = str(beside) if beside.exists() else shutil.which("workplan")
    if found is None:
        raise RuntimeError("the `workplan` console script is not installed: run pip install -e '.[test]'")
    return found


def run_case(case: Case, workdir: Path) -> Outcome:
    plan = prepare(case, workdir)
    args = [installed_command(), *(a.replace("{work}", str(workdir)) for a in case.args)]
    if case.with_plan:
        args += ["--plan", str(plan)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKPLAN_")}
    env.update({"WORKPLAN_LANG": "en", "XDG_CACHE_HOME": str(workdir / "cache"), "COLUMNS": "200"})
    for key, value in case.env.items():
        if value:
            env[key] = value.replace("{work}", str(workdir))
        else:
            env.pop(key, None)
    started = time.monotonic()
    out_path = workdir / "stdout.txt"
    if case.stdout_to == "pipe-closed":
        read_end, write_end = os.pipe()
        os.close(read_end)  # the reader is gone before the first line: `workplan list | head -0`
        stdout_target: Any = write_end
    elif case.stdout_to:
        stdout_target = open(case.stdout_to, "wb")  # noqa: SIM115 - closed below
    else:
        stdout_target = open(out_path, "wb")  # noqa: SIM115
    try:
        child = subprocess.Popen(
            args,
            cwd=workdir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=stdout_target,
            stderr=subprocess.PIPE,
            preexec_fn=_limit_memory,
        )
        try:
            _, err = child.communicate(timeout=TIMEOUT_SECONDS)
            code: int | None = child.returncode
        except subprocess.TimeoutExpired:
            child.kill()
            _, err = child.communicate()
            code = None
    finally:
        if isinstance(stdout_target, int):
            os.close(stdout_target)
        else:
            stdout_target.close()
    out = out_path.read_bytes().decode("utf-8", "replace") if out_path.exists() else ""
    return Outcome(case, code, out, err.decode("utf-8", "replace"), time.monotonic() - started)
