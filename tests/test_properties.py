"""Property-based tests (Hypothesis): random and mutated plan files and deadline phrases reach the
loader and the grammar, and only their documented errors come back, never an exception.

The number of examples is bounded (EXAMPLES, more with WORKPLAN_PROPERTY_EXAMPLES) so that CI
stays quick; no per-example deadline, since CI machines are shared (the hostile harness bounds
time with a real timeout instead).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workplan_cli.deadlines import Deadline, DeadlineError, resolve_deadline
from workplan_cli.errors import PlanNotFoundError
from workplan_cli.model import Problem
from workplan_cli.planfiles import load_file
from workplan_cli.settings import load_settings
from workplan_cli.workcalendar import WorkCalendar

EXAMPLES = int(os.environ.get("WORKPLAN_PROPERTY_EXAMPLES", "150"))
BOUNDED = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# The characters deadline phrases are made of, and some that only damaged copies have.
PHRASE_PIECES = list(
    "0123456789０１２３４５６７８９一二三四五六七八九十〇零年月日号底末前内上中下旬季度半每周个工作"
    "至到-—~／/.、于春节国庆元旦中秋清明劳动端午第期持续推进适时逐步 "
)
KNOWN_PHRASES = [
    "3月底前", "9月底", "七月底前", "１０月底前", "6月20日前", "于1月15日前", "6月上旬", "2月下旬", "8月份",
    "年底前", "上半年", "一季度", "第二季度末", "2025年10月底前", "2024-07-15", "2024/7/5", "3-6月",
    "3月至6月底", "2025年1月11日-2025年10月底", "持续推进", "春节前", "国庆前", "“十一”之前", "5个工作日内",
    "每月5日前", "每季度末", "每周五", "每年6月30日前", "8月前", "112日前", "于1130日前", "截至6月底", "2月30日",
    "9999年12月31日前", "0年1月1日前", "2021930日前", "99999999999月底前",
]  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn, seeds: list[str], alphabet: list[str]) -> str:
    """A known text with a few characters inserted, deleted or replaced."""
    text = draw(st.sampled_from(seeds))
    for _ in range(draw(st.integers(0, 4))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(("insert", "delete", "replace")))
        piece = draw(st.sampled_from(alphabet))
        if action == "insert":
            text = text[:position] + piece + text[position:]
        elif action == "delete":
            text = text[:position] + text[position + 1 :]
        else:
            text = text[:position] + piece + text[position + 1 :]
    return text


PHRASES = st.one_of(
    mutated(KNOWN_PHRASES, PHRASE_PIECES),
    st.text(alphabet=st.sampled_from(PHRASE_PIECES), max_size=16),
    st.text(max_size=12),
)


@BOUNDED
@given(phrase=PHRASES, year=st.integers(1900, 2200), assigned=st.none() | st.dates(date(1900, 1, 1), date(2200, 1, 1)))
def test_the_grammar_resolves_or_says_why(phrase: str, year: int, assigned: date | None) -> None:
    try:
        deadline = resolve_deadline(phrase, year, work_calendar=WorkCalendar([year]), assigned=assigned)
    except DeadlineError as err:
        assert str(err).startswith("cannot read deadline") and err.reason
        return
    assert isinstance(deadline, Deadline)
    if deadline.due is not None:
        assert isinstance(deadline.due, date)


GOOD_FILE = """\
# 2.1 持续推进街道扩权赋能
id: "2.1"
section: 二、高质量深化重点领域改革
title: 持续推进街道扩权赋能
owner: 改革科
text: |-
  一是持续推进街道扩权赋能。3月底前，制定方案。
milestones:
  - id: "2.1.1"
    deadline: 3月底前
    task: 制定方案
    done: 2024-03-28
    notes:
      - date: 2024-03-01
        text: "已起草"
  - id: "2.1.2"
    deadline: 每月5日前
    task: 报送进展
    closed_through: 2024-05
  - id: "2.1.3"
    deadline: 5个工作日内
    assigned: 2024-09-27
    task: 反馈意见
    x-mine: [1, {a: b}]
"""
YAML_CHARS = [*list(":-[]{}&*!|>'\"#%@`?,\n\t \\~"), "\x1b", "\x00", "\x85", "\u2028", "\ufeff", "年", "a", "1"]
YAML_PIECES = [*YAML_CHARS, "!!python/object:os.system", "&a ", "*a", "<<: ", "- ", "  ", "\n  - ", "x-"]
FILES = st.one_of(
    mutated([GOOD_FILE], YAML_PIECES).map(lambda text: text.encode("utf-8")),
    mutated([GOOD_FILE], YAML_PIECES).map(lambda text: text.encode("utf-8")[: len(text) // 2]),  # cut short
    st.binary(max_size=300),
    st.lists(st.sampled_from(YAML_PIECES), max_size=80).map(lambda pieces: "".join(pieces).encode("utf-8")),
)

_FOLDER = Path(tempfile.mkdtemp(prefix="workplan-properties-"))


@BOUNDED
@given(data=FILES)
def test_the_loader_reads_a_file_or_names_its_problems(data: bytes) -> None:
    path = _FOLDER / "2-1.yaml"
    path.write_bytes(data)
    result = load_file(path, 2024)
    assert all(isinstance(p, Problem) and p.path == path and p.line >= 0 and p.message for p in result.problems)
    if result.initiative is None:
        assert result.problems, "a file that gives no initiative must say why"


SETTINGS_FILE = """\
title: 关于2024年工作计划的报告
year: 2024
timezone: Asia/Shanghai
warn_days: 14
workdays: false
language: zh
owners:
  组织人事科: [renshi@example.gov.cn]
smtp:
  host: localhost
  port: 25
  security: none
  from: workplan@localhost
  timeout: 30
"""


@BOUNDED
@given(text=mutated([SETTINGS_FILE], [*YAML_PIECES, "-1", "99999999999", "0"]))
def test_settings_load_or_stop_with_exit_code_3(text: str) -> None:
    folder = _FOLDER / "settings"
    folder.mkdir(exist_ok=True)
    (folder / "workplan.yaml").write_text(text, encoding="utf-8")
    try:
        settings_read = load_settings(folder)
    except PlanNotFoundError as err:
        assert err.exit_code == 3 and str(err)
        return
    assert 1900 <= settings_read.year <= 2200
    assert 0 <= settings_read.warn_days <= 3660


@pytest.mark.parametrize("phrase", KNOWN_PHRASES)
def test_every_known_phrase_resolves_or_says_why(phrase: str) -> None:
    with contextlib.suppress(DeadlineError):
        resolve_deadline(phrase, 2024, work_calendar=WorkCalendar([2024]), assigned=date(2024, 9, 27))
