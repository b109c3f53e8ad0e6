"""workplan.yaml's keys come from one table: the loader, the unknown-key check and the README."""

from __future__ import annotations

from pathlib import Path

import pytest

from workplan_cli.errors import PlanNotFoundError
from workplan_cli.model import PlanSettings, SmtpSettings
from workplan_cli.settings import SETTINGS, SETTINGS_FILE, SMTP_SETTINGS, load_settings, settings_table

from .conftest import REPO


def test_the_readme_lists_every_setting_as_the_table_says() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "\n".join(settings_table()) in readme


def test_every_setting_is_a_field_of_the_settings_records() -> None:
    assert [s.field for s in SETTINGS] == [f for f in PlanSettings.__dataclass_fields__]
    assert sorted(s.field for s in SMTP_SETTINGS) == sorted(SmtpSettings.__dataclass_fields__)


def test_absent_settings_take_the_table_defaults(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).write_text("year: 2024\nsmtp:\n  security: ssl\n", encoding="utf-8")
    settings = load_settings(tmp_path)
    assert settings == PlanSettings(title="", year=2024, smtp=SmtpSettings(port=465, security="ssl"))


def test_an_unknown_key_names_the_known_ones_in_table_order(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).write_text("year: 2024\nzzz: 1\n", encoding="utf-8")
    known = ", ".join(s.key for s in SETTINGS)
    with pytest.raises(PlanNotFoundError) as raised:
        load_settings(tmp_path)
    assert str(raised.value) == (
        f"{tmp_path / SETTINGS_FILE}:2: workplan.yaml: unknown key 'zzz' (known keys: {known}); "
        "keys starting with x- are kept for your own use"
    )
