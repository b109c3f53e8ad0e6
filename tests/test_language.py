"""The interface in Chinese (the shipped plan's language) and in English with --lang en."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from workplan_cli.i18n import TEXT, resolve_language

from .conftest import Invoke


def chinese(invoke: Invoke, *args: str) -> tuple[int, str, str]:
    result = invoke(list(args), WORKPLAN_LANG="")  # the plan's own language: zh
    return result.exit_code, result.stdout, result.stderr


def test_shipped_plan_is_in_chinese(invoke: Invoke, plan_dir: Path) -> None:
    code, out, _ = chinese(invoke, "due", "--plan", str(plan_dir), "--as-of", "2024-06-17")
    assert code == 0
    assert "逾期 4 项，14 天内到期 6 项（截至 2024-06-17）" in out
    for label in (
        "状态",
        "编号",
        "重点工作",
        "具体任务",
        "完成时限",
        "责任单位",
        "● 逾期",
        "● 临期",
        "逾期 109 天",
        "剩余 13 天",
    ):
        assert label in out, label
    assert "overdue" not in out and "days left" not in out


def test_show_digest_and_errors_in_chinese(invoke: Invoke, plan_dir: Path) -> None:
    _, shown, _ = chinese(invoke, "show", "2.1", "--plan", str(plan_dir), "--as-of", "2024-04-15")
    assert "所属部分" in shown and "原文" in shown and "逾期 15 天" in shown and "持续推进" in shown
    _, digest, _ = chinese(invoke, "digest", "--plan", str(plan_dir), "--as-of", "2024-06-17")
    assert "■ 逾期 4 项" in digest and "■ 14 天内到期 6 项" in digest and "■ 各部分进度" in digest
    code, _, error = chinese(invoke, "show", "9.9", "--plan", str(plan_dir))
    assert code == 2 and "workplan: 没有编号为 '9.9' 的重点工作或节点" in error
    code, _, error = chinese(invoke, "due", "--plan", str(plan_dir), "--as-of", "17/06/2024")
    assert code == 2 and "日期应写作 YYYY-MM-DD" in error
    code, out, _ = chinese(invoke, "done", "2.1.1", "--on", "2024-03-28", "--plan", str(plan_dir))
    assert code == 0 and "2.1.1 已于 2024-03-28 完成（销号）" in out
    (plan_dir / "9-9.yaml").write_text('id: "9.9"\ntitel: x\n', encoding="utf-8")
    code, out, error = chinese(invoke, "check", "--plan", str(plan_dir))
    assert code == 1 and "未知的键 'titel'（是否应为 'title'？）" in out and "缺少 'title'" in out
    assert "个文件中有" in error


def test_lang_en_turns_it_all_english(invoke: Invoke, plan_dir: Path) -> None:
    due = invoke(["--lang", "en", "due", "--plan", str(plan_dir), "--as-of", "2024-06-17"], WORKPLAN_LANG="")
    assert "4 overdue, 6 due within 14 days (as of 2024-06-17)" in due.stdout and "逾期 4 项" not in due.stdout
    show = invoke(["--lang", "en", "show", "2.1", "--plan", str(plan_dir)], WORKPLAN_LANG="")
    assert "Section" in show.stdout and "所属部分" not in show.stdout
    digest = invoke(["--lang", "en", "digest", "--plan", str(plan_dir), "--as-of", "2024-06-17"], WORKPLAN_LANG="")
    assert "■ 4 overdue" in digest.stdout and "■ Progress by section" in digest.stdout
    error = invoke(["--lang", "en", "show", "9.9", "--plan", str(plan_dir)], WORKPLAN_LANG="")
    assert "no initiative or milestone has id '9.9'" in error.stderr


def test_chinese_tables_stay_aligned(invoke: Invoke, plan_dir: Path) -> None:
    _, out, _ = chinese(invoke, "due", "--plan", str(plan_dir), "--as-of", "2024-06-17")
    rows = [line for line in out.splitlines() if "● " in line]
    assert len(rows) == 10
    # The deadline column starts at the same terminal column on every row, Chinese text or not.
    columns = {cell_len(row[: row.index("2024-")]) for row in rows}  # the due day, on each row's first line
    assert len(columns) == 1


@pytest.mark.parametrize(
    ("override", "env", "plan", "expected"),
    [
        ("en", {"WORKPLAN_LANG": "zh"}, "zh", "en"),
        (None, {"WORKPLAN_LANG": "en"}, "zh", "en"),
        (None, {}, "zh", "zh"),
        (None, {"LANG": "zh_CN.UTF-8"}, None, "zh"),
        (None, {"LANG": "C.UTF-8"}, None, "en"),
    ],
)
def test_language_resolution(override: str | None, env: dict[str, str], plan: str | None, expected: str) -> None:
    assert resolve_language(override, env, plan) == expected


def test_every_label_has_both_languages() -> None:
    for key, (english, chinese_text) in TEXT.items():
        assert english and chinese_text, key
        assert set(_fields(english)) == set(_fields(chinese_text)), key


def _fields(template: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


def test_lang_after_the_command_too(invoke: Invoke, plan_dir: Path) -> None:
    after = invoke(["due", "--lang", "en", "--plan", str(plan_dir), "--as-of", "2024-06-17"], WORKPLAN_LANG="")
    assert "4 overdue, 6 due within 14 days (as of 2024-06-17)" in after.stdout
    chinese_after = invoke(["check", "--plan", str(plan_dir), "--lang", "zh"])  # over WORKPLAN_LANG=en
    assert "没有问题" in chinese_after.stdout
