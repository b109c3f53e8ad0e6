"""Writing a whole plan folder (import and rollover both use planfolder.write_plan): every file or none."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workplan_cli.errors import EditRefusedError, ReportImportError
from workplan_cli.planfolder import write_plan


def test_a_failed_write_leaves_the_old_plan_byte_for_byte_and_no_temporary_file(tmp_path: Path) -> None:
    (tmp_path / "1-1.yaml").write_text("old\n", encoding="utf-8")
    (tmp_path / "sub").write_text("a file where a folder is needed\n", encoding="utf-8")
    with pytest.raises(EditRefusedError) as refused:
        write_plan(tmp_path, {"1-1.yaml": "new\n", "sub/2-1.yaml": "new\n"}, remove_others=False)
    assert "the plan already there is intact" in str(refused.value)
    assert "原有计划完好" in refused.value.text("zh")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["1-1.yaml", "sub"]  # no temp, no lock file left
    assert (tmp_path / "1-1.yaml").read_text(encoding="utf-8") == "old\n"


def test_a_failed_write_into_a_new_folder_removes_the_folders_it_made_and_says_so_as_asked(tmp_path: Path) -> None:
    (tmp_path / "sub").write_text("a file where a folder is needed\n", encoding="utf-8")
    out = tmp_path / "new" / "plan"
    with pytest.raises(ReportImportError) as refused:
        write_plan(
            out,
            {"workplan.yaml": "year: 2025\n", "../../sub/x.yaml": "x\n"},
            remove_others=False,
            refusal=ReportImportError,
        )
    assert refused.value.exit_code == 6 and "no plan was written" in str(refused.value)
    assert not (tmp_path / "new").exists()


def test_a_replaced_file_keeps_its_mode_others_are_removed_only_when_asked(tmp_path: Path) -> None:
    (tmp_path / "1-1.yaml").write_text("old\n", encoding="utf-8")
    os.chmod(tmp_path / "1-1.yaml", 0o600)
    (tmp_path / "1-2.yaml").write_text("gone\n", encoding="utf-8")
    assert write_plan(tmp_path, {"1-1.yaml": "new\n", "1-3.yaml": "three\n"}, remove_others=False) == []
    assert (tmp_path / "1-2.yaml").exists()
    assert write_plan(tmp_path, {"1-1.yaml": "new\n", "1-3.yaml": "three\n"}, remove_others=True) == [
        tmp_path / "1-2.yaml"
    ]
    assert (tmp_path / "1-1.yaml").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "1-3.yaml").stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["1-1.yaml", "1-3.yaml"]
