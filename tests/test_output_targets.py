"""Every file workplan writes (exports, reports, the SVG timeline, forms, imported and rolled-over
plans) goes through one safe writer: it replaces a regular file or creates a missing one, follows a
symlink to replace its target, and refuses a FIFO, a device or a folder instead of renaming over it
(as root, ``export --csv /dev/null`` used to replace /dev/null with a spreadsheet)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from workplan_cli.errors import EditRefusedError
from workplan_cli.safewrite import atomic_replace

from .conftest import SAMPLES, Invoke
from .supervision_plan import supervised_plan

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def test_the_writer_refuses_a_fifo_and_leaves_it_a_fifo(tmp_path: Path) -> None:
    pipe = fifo(tmp_path / "pipe")
    with pytest.raises(EditRefusedError, match="not a regular file"):
        atomic_replace(pipe, b"data")
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
    assert os.listdir(tmp_path) == ["pipe"]  # no temporary file left either


def test_the_writer_refuses_a_folder(tmp_path: Path) -> None:
    (tmp_path / "dir").mkdir()
    with pytest.raises(EditRefusedError, match="a folder"):
        atomic_replace(tmp_path / "dir", b"data")
    assert (tmp_path / "dir").is_dir()


def test_the_writer_follows_a_symlink_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    atomic_replace(link, b"new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == b"new"


def test_a_symlink_to_a_fifo_is_refused(tmp_path: Path) -> None:
    pipe = fifo(tmp_path / "pipe")
    link = tmp_path / "link"
    link.symlink_to(pipe)
    with pytest.raises(EditRefusedError):
        atomic_replace(link, b"data")
    assert link.is_symlink() and stat.S_ISFIFO(os.lstat(pipe).st_mode)


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "made.md")
    atomic_replace(link, b"x")
    assert link.is_symlink() and (tmp_path / "made.md").read_bytes() == b"x"


@pytest.mark.parametrize(
    "command",
    [
        ["export", "--csv"],
        ["export", "--xlsx"],
        ["export", "--ics"],
        ["timeline", "--as-of", "2024-06-17", "--svg"],
        ["report", "--month", "2024-06", "--md"],
        ["report", "--month", "2024-06", "--html"],
        ["report", "--month", "2024-06", "--docx"],
    ],
)
def test_every_output_flag_refuses_a_fifo_with_exit_4(
    invoke: Invoke, plan_dir: Path, tmp_path: Path, command: list[str]
) -> None:
    pipe = fifo(tmp_path / "pipe")
    result = invoke([*command, str(pipe), "--plan", str(plan_dir)])
    assert result.exit_code == 4, result.output
    assert "not a regular file (a FIFO)" in result.output
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


def test_export_through_a_symlink_writes_the_target(invoke: Invoke, plan_dir: Path, tmp_path: Path) -> None:
    real = tmp_path / "ledger.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    result = invoke(["export", "--csv", str(link), "--plan", str(plan_dir)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert "2.1.1" in real.read_text(encoding="utf-8-sig")


def test_collect_refuses_a_fifo_where_a_form_goes(invoke: Invoke, tmp_path: Path) -> None:
    plan_dir = supervised_plan(tmp_path / "plan")
    out = tmp_path / "forms"
    first = invoke(["collect", "--period", "2024-06", "--out", str(out), "--plan", str(plan_dir)])
    assert first.exit_code == 0, first.output
    name = sorted(os.listdir(out))[0]
    (out / name).unlink()
    fifo(out / name)
    again = invoke(["collect", "--period", "2024-06", "--out", str(out), "--plan", str(plan_dir)])
    assert again.exit_code == 4, again.output
    assert stat.S_ISFIFO(os.lstat(out / name).st_mode)


def test_import_refuses_a_fifo_in_place_of_a_plan_file(invoke: Invoke, tmp_path: Path) -> None:
    out = tmp_path / "plan"
    out.mkdir()
    fifo(out / "workplan.yaml")
    report = SAMPLES / "reports" / "seed-2024-work-plan-report.txt"
    result = invoke(["import", str(report), "--out", str(out), "--force"])
    assert result.exit_code == 4, result.output
    assert stat.S_ISFIFO(os.lstat(out / "workplan.yaml").st_mode)
    assert os.listdir(out) == ["workplan.yaml"]
