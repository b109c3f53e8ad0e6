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


@pytest.mark.parametrize("name", reports())
def test_import_accounts_for_every_date_as_the_truth_does(name: str) -> None:
    figures = compare(name)
    assert figures.unaccounted == 0  # every mention import found has a fate
    assert figures.year_right, figures.year_note
    assert figures.differences == []


def test_the_corpus_is_there() -> None:
    assert len(reports()) >= 5
