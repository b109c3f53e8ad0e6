"""The real-report corpus: import's full accounting of dates against the hand-made truth files.

Each report of tests/samples/reports/real/ is imported and every mention of its truth file is
compared: its fate, its date and start, whether it was repaired, the reason a date is not a
deadline, a deadline's owner; and the plan year with its reason (or the refusal listing it). A
truth mention and an import mention are the same when they stand on the same line with overlapping
spans (the README's documented tolerance). Import mentions the truth does not list are differences
too. The figures are printed by ``python -m benchmarks.import_corpus``.
"""

from __future__ import annotations

import pytest
from benchmarks.import_corpus import compare, reports

# Reports whose accounting matches the truth exactly; the rest are still being worked on and are
# expected to fail (their differences: `python -m benchmarks.import_corpus --verbose`).
MATCHING = {
    "beijing-2016-open-government-key-points",
    "bozhou-2025-target-breakdown-notice",
    "crsrw-2024-tax-filing-deadlines-traditional",
    "ewenke-2022-key-tasks-notice",
    "gcjjt-2025-second-quarter-competition",
    "guandu-2016-growth-measures",
    "guangyuan-2024-safety-three-year-plan",
    "hangzhou-2020-duty-breakdown-notice",
    "hongshan-2025-target-breakdown-notice",
    "houhu-2025-clean-homes-action-plan",
    "huichang-2023-livelihood-projects-bulletin",
    "huoshan-2025-development-zone-task-table",
    "jiading-2024-sponge-city-plan",
    "jiangxian-2023-specialty-towns-plan-traditional",
    "jiayu-2024-duty-breakdown-notice",
    "linghai-2020-education-evaluation-rules",
    "mirror-2025-city-target-breakdown-traditional",
    "nujiang-2022-compulsory-education-plan",
    "plaza-2021-construction-schedule",
    "qingdao-2014-citizen-review-phases",
    "qinxian-2025-report-task-list-notice",
    "school-2020-timetable-schedule-notice",
    "shandong-2014-budget-reform-opinions",
    "shishi-2025-target-breakdown-traditional",
    "taiwan-2017-policy-coordination-report-traditional",
    "tianjin-2014-school-year-calendar-traditional",
    "wuhu-2024-education-bureau-key-points",
    "xiangshan-2024-town-key-work-table",
    "yangzhou-2019-education-modernization-traditional",
}


@pytest.mark.parametrize("name", reports())
def test_import_accounts_for_every_date_as_the_truth_does(name: str) -> None:
    figures = compare(name)
    assert figures.unaccounted == 0  # every mention import found has a fate
    if name not in MATCHING and (figures.differences or not figures.year_right):
        pytest.xfail(f"{len(figures.differences)} differences from the truth (not yet matched)")
    assert figures.year_right, figures.year_note
    assert figures.differences == []


def test_the_corpus_is_there() -> None:
    assert len(reports()) >= 5
