"""Import's accounting of dates on made-up texts of the shapes real reports take: each date-like
mention gets the fate a careful reader gives it (the corpus test holds the published reports)."""

from __future__ import annotations

from workplan_cli.importer import parse_report


def fates(text: str, year: int | None = None) -> dict[str, tuple[str, str]]:
    return {m.text: (m.fate, m.reason) for m in parse_report(text, year=year).mentions}


def test_document_numbers_damaged_in_copying_are_still_document_numbers() -> None:
    text = (
        "XX县人民政府办公室\n关于印发2025年重点工作分解方案的通知\n县政办〔20253\n"
        "一、工作要求\n根据县政府关于2024年实施民生工程的通知(政20249号)精神，3月底前完成甲方案。\n"
    )
    found = fates(text)
    assert found["〔20253"] == ("not-a-deadline", "own-document-number")  # 〕 and 号 lost
    assert found["20249号"] == ("not-a-deadline", "cited-document")  # both brackets lost
    assert found["3月底前"] == ("deadline", "")


def test_a_signing_date_with_year_and_month_run_together_is_not_a_deadline() -> None:
    text = "XX局2024年工作要点\n现将要点印发给你们。\n\n2024327\n\n一、重点工作\n3月底前完成甲方案。\n\nXX局\n2024315\n"
    draft = parse_report(text)
    found = {(m.line, m.text): (m.fate, m.reason) for m in draft.mentions}
    assert found[(4, "2024327")] == ("not-a-deadline", "signing-date")
    assert found[(10, "2024315")] == ("not-a-deadline", "signing-date")
    assert [m.phrase for i in draft.initiatives for m in i.milestones] == ["3月底前"]


def test_years_without_nian_inside_names_and_slogans_are_accounted_for() -> None:
    text = (
        "XX局2025年工作要点\n一、重点工作\n以《全省监测报告(2023)》为依据，落实《教育现代化2035》，"
        "围绕“奋战2025”主线，3月底前完成甲方案。\n"
    )
    found = fates(text)
    assert found["2023"] == ("not-a-deadline", "cited-document")
    assert found["2035"] == ("not-a-deadline", "cited-document")
    assert found["2025"] == ("not-a-deadline", "plan-year")


def test_a_year_naming_long_range_goals_is_not_a_target_date() -> None:
    found = fates("XX局2025年工作要点\n一、重点工作\n结合2035年远景目标，到2027年底建成平台。\n")
    assert found["2035年"] == ("not-a-deadline", "other")
    assert found["到2027年底"] == ("deadline", "")
