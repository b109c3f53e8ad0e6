"""Import's accounting of dates on made-up texts of the shapes real reports take: each date-like
mention gets the fate a careful reader gives it (the corpus test holds the published reports)."""

from __future__ import annotations

from datetime import date

import pytest

from workplan_cli.deadlines import DeadlineError, resolve_deadline
from workplan_cli.i18n import ImportMsg
from workplan_cli.import_year import YearUnclearError
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


def test_a_signing_date_alone_first_or_signed_by_the_office_last_is_never_a_milestone() -> None:
    first = parse_report("2024年3月28日\nXX区2024年工作要点\n一、重点工作\n（一）3月底前完成甲方案。\n")
    assert (first.mentions[0].text, first.mentions[0].fate, first.mentions[0].reason) == (
        "2024年3月28日",
        "not-a-deadline",
        "signing-date",
    )
    for signed in ("XX区人民政府办公室 2024年3月28日\n", "XX区人民政府办公室\n2024年3月28日\n"):
        for body in ("一、重点工作\n（一）3月底前完成甲方案。\n", "3月底前完成甲方案。\n"):  # sections, or none
            draft = parse_report(f"XX区2024年工作要点\n{body}\n{signed}")
            assert (draft.mentions[-1].fate, draft.mentions[-1].reason) == ("not-a-deadline", "signing-date")
            assert [(m.phrase, m.task) for i in draft.initiatives for m in i.milestones] == [("3月底前", "完成甲方案")]


def test_the_own_number_under_a_title_naming_two_years_gives_the_plan_year() -> None:
    text = (
        "XX市人民政府文件\n高政字〔2022〕5号\n关于印发安全生产三年行动方案（2020—2022年）的通知\n各单位：\n"
        "一、目标\n到2021年，建成监测平台。到2022年，形成长效机制。\n"
    )
    draft = parse_report(text)
    assert (draft.year, draft.year_reason) == (2022, "own document number")
    found = {m.text: (m.fate, m.reason, m.due) for m in draft.mentions}
    assert found["〔2022〕5号"] == ("not-a-deadline", "own-document-number", None)
    # year-only targets of a multi-year plan are due at the end of their year, also one before the plan year
    assert found["到2021年"] == ("deadline", "", date(2021, 12, 31))
    assert found["到2022年"] == ("deadline", "", date(2022, 12, 31))


def test_a_cadence_with_its_start_begins_with_that_period() -> None:
    draft = parse_report(
        "XX市2025年工作要点\n一、重点工作\n（一）自2025年第二季度起，每季度第1个月的20日前报送上季度进展。\n"
    )
    (milestone,) = draft.initiatives[0].milestones
    assert milestone.phrase == "自2025年第二季度起每季度第1个月的20日前"
    start, cadence = draft.mentions[1:]
    assert (start.fate, start.reason) == ("not-a-deadline", "period-label")
    assert cadence.recurrence is not None
    assert next(cadence.recurrence.periods()) == ("2025-Q2", date(2025, 4, 20))


def test_refusals_carry_a_key_and_are_worded_in_either_language() -> None:
    with pytest.raises(YearUnclearError) as unclear:
        parse_report("工作安排\n一、第一部分\n（一）3月底前完成甲方案。\n")
    assert (unclear.value.key, unclear.value.candidates) == (ImportMsg.NO_YEAR, [])
    assert str(unclear.value).startswith("cannot tell the plan year: the title names none")
    assert unclear.value.text("zh").startswith("无法确定计划年度：标题中没有年份")
    with pytest.raises(DeadlineError) as damaged:
        resolve_deadline("112日前", 2024)
    assert damaged.value.said.key == ImportMsg.PHRASE_DAMAGED
    assert "could be 1月12日 or 11月2日" in damaged.value.reason
    assert "可能是 1月12日 或 11月2日" in damaged.value.text("zh")
    with pytest.raises(DeadlineError) as no_day:
        resolve_deadline("2月30日前", 2024)
    assert (no_day.value.reason, no_day.value.text("zh")) == (
        "2024-02 has 29 days, not 30",
        "2024 年 2 月只有 29 天（没有 30 日）",
    )


def test_republic_of_china_years_read_as_the_gregorian_year() -> None:
    """Decision (README): 民國113年… and 113年N月… (a year 100–119 before a month, 底 or a half or
    quarter) are Republic of China years, +1911; a bare 113年 without them is not read as one."""
    assert resolve_deadline("民國113年6月30日前", 2024).due == date(2024, 6, 30)
    assert resolve_deadline("113年3月底前", 2024).due == date(2024, 3, 31)
    assert resolve_deadline("113年上半年", 2000).due == date(2024, 6, 30)
    draft = parse_report("XX部113年度工作計畫\n一、重點工作\n（一）113年3月底前完成甲方案。\n")
    assert (draft.year, draft.year_reason) == (2024, "title")
    assert [(m.text, m.fate, m.due) for m in draft.mentions][-1] == ("113年3月底前", "deadline", date(2024, 3, 31))


def test_a_progress_report_tells_past_days_and_keeps_what_is_still_due() -> None:
    text = (
        "XX部業務報告(106年2月)\n資料時間:106.2.17\n"
        "一、推動情形\n(一)105年5月31日函頒要點,並於7月15日召開第1次會議。於826日及30日邀集機關研商,"
        "於1019日及121日再邀集研商。預計106年6月底前完成修法。\n"
    )
    found = {m.text: (m.fate, m.reason) for m in parse_report(text).mentions}
    assert found["106.2.17"] == ("not-a-deadline", "status-date")
    for told in ("105年5月31日", "於7月15日", "於826日", "30日", "於1019日"):
        assert found[told] == ("not-a-deadline", "past-event"), told
    assert found["121日"][0] == "needs-person"  # 12月1日 or 1月21日
    assert found["106年6月底前"] == ("deadline", "")


def test_a_day_listed_after_a_date_takes_its_month() -> None:
    draft = parse_report("XX局2024年工作要点\n一、重点工作\n（一）于5月6日和8日召开推进会。\n")
    assert [(m.phrase, m.task) for m in draft.initiatives[0].milestones] == [
        ("于5月6日", "召开推进会"),
        ("5月8日", "召开推进会"),
    ]
    assert [m.due for m in draft.mentions[1:]] == [date(2024, 5, 6), date(2024, 5, 8)]


CALENDAR = (
    "第一學期\n年 月\n| 周 次\n| 星期一\n| 星期二\n| 星期三\n| 星期四\n| 星期五\n| 星期六\n| 星期日\n| 備 注\n|\n"
    "2023\n9\n| 一\n| 4\n| 5\n| 6\n| 7\n| 8\n| 9\n| 10\n| 4日新生報到;5日上午開學典禮,6日上周五的課;10日教師節。\n|\n"
    "二\n| 11\n| 12\n| 13\n| 14\n| 15\n| 16\n| 17\n| 11—13日新生軍訓;15下午運動會;16日中秋放假。\n|\n"
    "2024\n1\n| 十八\n| 1\n| 2\n| 3\n| 4\n| 5\n| 6\n| 7\n| 1月1日元旦放假。2日開始12級實習。\n"
)


def test_a_school_calendar_grid_reads_each_remark_day_in_the_month_of_its_row() -> None:
    with pytest.raises(YearUnclearError) as unclear:
        parse_report(CALENDAR)
    assert unclear.value.candidates == [2023, 2024]  # the year cells of the grid
    draft = parse_report(CALENDAR, year=2023)
    found = [(m.text, m.fate, m.reason, m.start, m.due, bool(m.repaired)) for m in draft.mentions]
    assert found == [
        ("4日", "deadline", "", None, date(2023, 9, 4), False),
        ("5日", "deadline", "", None, date(2023, 9, 5), False),
        ("6日", "deadline", "", None, date(2023, 9, 6), False),
        ("10日", "not-a-deadline", "other", None, None, False),  # 教師節: observed, not a task
        ("11—13日", "deadline", "", date(2023, 9, 11), date(2023, 9, 13), False),
        ("15", "deadline", "", None, date(2023, 9, 15), True),  # 日 left out
        ("16日", "not-a-deadline", "other", None, None, False),  # 中秋放假 (中秋 is part of it)
        ("1月1日", "not-a-deadline", "other", None, None, False),  # 元旦放假
        ("2日", "deadline", "", None, date(2024, 1, 2), False),  # a row of 2024 / 1; 12級 is a cohort
    ]
    phrases = [m.phrase for i in draft.initiatives for m in i.milestones if m.phrase]
    assert phrases == ["9月4日", "9月5日", "9月6日", "9月11日-9月13日", "9月15日", "2024年1月2日"]
    tasks = [m.task for i in draft.initiatives for m in i.milestones if m.phrase]
    assert tasks[:2] == ["新生報到", "上午開學典禮"]  # the grid's frame and the cell marker | are not task text
    assert [w.text("en") for w in draft.warnings] == [
        "line 33: 15: read 15 as 9月15日 (日 is missing from the text) — in: 15下午運動會;"
    ]
    assert [w.text("zh") for w in draft.warnings] == [
        "第33行：15：已修复（“15”原文缺“日”，读作 9月15日） —— 原文：15下午運動會;"
    ]


def test_a_dated_line_in_the_body_is_not_a_sign_off_unless_an_office_signs_it() -> None:
    text = (
        "XX区2024年工作要点\n一、重点工作\n启动仪式 2024年3月28日\n（一）3月底前完成甲方案。\n"
        "二、保障\n每月10日为固定办公日。\n"
    )
    draft = parse_report(text)
    found = {m.text: (m.fate, m.reason) for m in draft.mentions}
    assert found["2024年3月28日"] == ("deadline", "")  # a scheduled day, and the body goes on after it
    assert found["3月底前"] == ("deadline", "")
    assert found["每月10日"][0] == "recurring"  # 为…办公日 after a cadence is not an observance


def test_a_lead_bracket_with_units_responsible_by_their_duties_names_the_owner() -> None:
    text = (
        "XX市2022年工作要点\n一、重点工作\n1.实施清单管理。2022年10月底前编制并公布清单。"
        "（市政府办公室牵头，市级各有关部门按职责分工负责）\n"
    )
    (milestone,) = parse_report(text).initiatives[0].milestones[:1]
    mention = parse_report(text).mentions[-1]
    assert (mention.text, mention.due, mention.owner) == ("2022年10月底前", date(2022, 10, 31), "市政府办公室")
    assert milestone.phrase == "2022年10月底前"


def test_without_sections_the_own_number_and_addressees_under_the_title_and_the_sign_off_are_not_body() -> None:
    text = (
        "高唐县人民政府\n关于印发政府工作报告目标任务分工方案的通知\n高政字〔2024〕5号\n各乡镇人民政府：\n"
        "请于4月10日前报送分解方案。\n\n高唐县人民政府办公室\n2024年3月28日\n（此件公开发布）\n"
    )
    draft = parse_report(text)
    assert (draft.year, draft.year_reason) == (2024, "own document number")
    found = [(m.text, m.fate, m.reason) for m in draft.mentions]
    assert found == [
        ("〔2024〕5号", "not-a-deadline", "own-document-number"),
        ("于4月10日前", "deadline", ""),
        ("2024年3月28日", "not-a-deadline", "signing-date"),
    ]
    assert [(m.phrase, m.task) for i in draft.initiatives for m in i.milestones] == [("于4月10日前", "报送分解方案")]


def test_roc_years_in_titles_and_prose_and_a_page_date_on_top_are_accounted_for() -> None:
    found = fates("XX部113年度工作計畫\n民國113年為關鍵之年。\n一、重點工作\n（一）113年3月底前完成甲方案。\n")
    assert found["113年度"] == found["民國113年"] == ("not-a-deadline", "plan-year")
    assert fates("2024-03-28\nXX区2024年工作要点\n一、重点工作\n（一）3月底前完成甲方案。\n")["2024-03-28"] == (
        "not-a-deadline",
        "other",
    )
    # a target in the opening of a plan for that very year is still a target
    assert fates("XX市三年行动方案\n到2022年，建成平台。\n一、目标\n（一）3月底前完成甲。\n", 2022)["到2022年"] == (
        "deadline",
        "",
    )


def test_a_sign_off_dated_with_yinfa_is_a_signing_date_with_or_without_sections() -> None:
    for body in ("一、重点工作\n（一）3月底前完成甲方案。\n", "3月底前完成甲方案。\n"):
        draft = parse_report(f"XX区2024年工作要点\n{body}\nXX区人民政府办公室 2024年3月28日印发\n")
        assert (draft.mentions[-1].fate, draft.mentions[-1].reason) == ("not-a-deadline", "signing-date")
        assert [(m.phrase, m.task) for i in draft.initiatives for m in i.milestones] == [("3月底前", "完成甲方案")]


def test_a_time_label_after_a_task_makes_that_task_due_then() -> None:
    text = (
        "XX区2024年重点工作任务分解方案\n一、重点工作\n（一）完成甲方案编制。（责任单位：区发改局；完成时限：2024年6月底前）\n"
        "（二）推进乙项目建设。\n牵头单位：区住建局\n完成时限：长期坚持\n"
    )
    draft = parse_report(text)
    assert [(m.id, m.phrase, m.task) for i in draft.initiatives for m in i.milestones] == [
        ("1.1.1", "2024年6月底前", "完成甲方案编制"),
        ("1.2.1", None, "推进乙项目建设"),  # 长期坚持: no day, the work stays ongoing
    ]
    assert [(m.text, m.due, m.owner) for m in draft.mentions[1:]] == [("2024年6月底前", date(2024, 6, 30), "区发改局")]


def test_phases_keep_their_names_and_a_start_of_validity_is_not_a_period() -> None:
    text = (
        "XX区2024年工作要点\n一、重点工作\n（一）分阶段推进。第一阶段（3月1日—3月15日）：动员部署。"
        "第二阶段（3月16日—6月30日）：集中整治。\n（二）本办法自2024年5月1日起施行。\n"
    )
    draft = parse_report(text)
    assert [(m.phrase, m.task) for m in draft.initiatives[0].milestones if m.phrase] == [
        ("3月1日—3月15日", "第一阶段：动员部署"),
        ("3月16日—6月30日", "第二阶段：集中整治"),
    ]
    assert (draft.mentions[-1].fate, draft.mentions[-1].reason) == ("not-a-deadline", "validity")


def test_common_forms_of_notices_are_found_whole_and_a_weekly_meeting_is_a_cadence() -> None:
    text = (
        "XX区2024年工作要点\n一、重点工作\n（一）6月30日24时前报送数据；3月31日（星期日）前完成甲；"
        "每周一上午召开例会；次年1月底前完成总结。\n"
    )
    found = [(m.text, m.fate, m.due) for m in parse_report(text).mentions[1:]]
    assert found == [
        ("6月30日24时前", "deadline", date(2024, 6, 30)),
        ("3月31日（星期日）前", "deadline", date(2024, 3, 31)),
        ("每周一", "recurring", None),
        ("次年1月底前", "deadline", date(2025, 1, 31)),
    ]


def test_a_cadence_with_an_hour_of_the_day_is_found_and_read_as_its_day() -> None:
    """每月28日15点前 was lost without a word (the digits after 日 looked like a longer number)."""
    text = (
        "XX县2017年林区公路建设工作通知\n一、工作要求\n"
        "（一）纸质材料加盖公章并在每月28日15点前送县林业局413室。（二）每季度末月25日12时30分前报送台账。\n"
    )
    draft = parse_report(text)
    assert [(m.text, m.fate) for m in draft.mentions[1:]] == [
        ("每月28日15点前", "recurring"),
        ("每季度末月25日12时30分前", "recurring"),
    ]
    monthly, quarterly = (m for i in draft.initiatives for m in i.milestones if m.phrase)
    assert (monthly.phrase, quarterly.phrase) == ("每月28日15点前", "每季度末月25日12时30分前")
    assert resolve_deadline("每月28日15点前", 2017).recurrence == resolve_deadline("每月28日前", 2017).recurrence


def test_every_row_of_a_task_table_becomes_a_milestone_whatever_its_time_cell_says() -> None:
    text = (
        "XX区2024年重点工作任务清单\n一、重点任务\n序号 | 工作任务 | 责任单位 | 完成时限\n"
        "1 | 完成甲方案 | 区发改局 | 2024.6\n2 | 开展丙检查 | 区市场局 | 持续推进\n3 | 完成丁 | 区财政局 | \n"
    )
    draft = parse_report(text)
    assert [(m.phrase, m.task, m.owner) for i in draft.initiatives for m in i.milestones] == [
        ("2024.6", "完成甲方案", "区发改局"),  # 2024.6: the end of June 2024
        ("持续推进", "开展丙检查", "区市场局"),  # ongoing, not dropped
        (None, "完成丁", "区财政局"),
    ]
    assert draft.mentions[1].due == date(2024, 6, 30)


def test_a_bracket_naming_who_is_responsible_is_the_owner() -> None:
    text = (
        "XX区2024年工作要点\n一、重点工作\n（一）3月底前完成甲方案（区发改局负责）。\n"
        "（二）6月底前完成乙（区财政局、区审计局负责）。\n（三）持续推进丙（各单位按职责负责）。\n"
    )
    draft = parse_report(text)
    assert [(i.owner, [m.task for m in i.milestones]) for i in draft.initiatives] == [
        ("区发改局", ["完成甲方案"]),
        ("区财政局、区审计局", ["完成乙"]),
        ("", ["持续推进丙（各单位按职责负责）"]),  # no unit named: the words stay
    ]


def test_dates_typed_with_a_circle_for_zero_or_spaced_out_are_found() -> None:
    text = (
        "XX区2024年工作要点\n一、重点工作\n（一）2024 年 6 月 30 日前完成乙。\n\n"
        "XX区人民政府办公室\n二○二四年三月二十八日\n"
    )
    draft = parse_report(text)
    assert [(m.text, m.fate, m.reason, m.due) for m in draft.mentions[1:]] == [
        ("2024 年 6 月 30 日前", "deadline", "", date(2024, 6, 30)),
        ("二○二四年三月二十八日", "not-a-deadline", "signing-date", None),  # ○ typed for 〇
    ]


def test_a_sign_off_dated_in_the_republic_of_china_calendar_is_a_signing_date() -> None:
    draft = parse_report("XX部113年度工作計畫\n一、重點工作\n（一）113年3月底前完成甲方案。\n\n中華民國113年3月28日\n")
    assert (draft.mentions[-1].fate, draft.mentions[-1].reason) == ("not-a-deadline", "signing-date")
    assert [(m.phrase, m.task) for i in draft.initiatives for m in i.milestones] == [("113年3月底前", "完成甲方案")]


def test_a_plan_year_heading_a_target_sentence_is_due_at_its_end_but_not_when_a_later_time_governs() -> None:
    text = (
        "XX镇2024年重点工作安排\n一、重点工作\n（一）2024年，全镇新建道路10公里。\n"
        "（二）打造示范村。一是2024年计划申报3个示范村；二是加强管理。\n"
        "（三）2024年我镇计划于下半年举办展会。\n（四）2024年是攻坚之年，要压实责任。\n"
    )
    draft = parse_report(text)
    found = [(m.line, m.text, m.fate, m.reason, m.due) for m in draft.mentions]
    assert found == [
        (1, "2024年", "not-a-deadline", "plan-year", None),
        (3, "2024年", "deadline", "", date(2024, 12, 31)),
        (4, "2024年", "deadline", "", date(2024, 12, 31)),
        (5, "2024年", "not-a-deadline", "plan-year", None),  # 下半年 is this sentence's deadline
        (5, "于下半年", "deadline", "", date(2024, 12, 31)),
        (6, "2024年", "not-a-deadline", "plan-year", None),  # 2024年是…之年: no target
    ]


def test_a_date_told_in_the_past_tense_and_a_page_time_stamp_are_not_deadlines() -> None:
    text = (
        "XX区2024年工作要点\n时间:2024-01-09 08:27:37\n一、重点工作\n（一）3月底前完成甲方案。\n"
        "（二）2024年1月5日，区政府印发了实施意见，各单位6月30日 17:00前报送进展。\n"
        "（三）发布时间 2024-02-01 10:30 的通知要求6月底前完成乙方案。\n"
    )
    found = {(m.line, m.text): (m.fate, m.reason) for m in parse_report(text).mentions}
    assert found[(2, "2024-01-09")] == ("not-a-deadline", "other")
    assert found[(5, "2024年1月5日")] == ("not-a-deadline", "past-event")
    assert found[(6, "2024-02-01")] == ("not-a-deadline", "other")
    assert found[(4, "3月底前")] == ("deadline", "")
    assert found[(6, "6月底前")] == ("deadline", "")
    assert found[(5, "6月30日")] == ("deadline", "")  # a clock time with 前 is still a deadline


def test_a_copied_table_whose_merged_cells_shifted_its_rows_keeps_each_task_its_day_and_unit() -> None:
    text = (
        "XX中学2024年春季学期工作安排\n"
        "起止日期 | 主要工作 | 责任处室 | |\n"
        "开学前 | 2月20日 | 行政会议 | 办公室 |\n"
        "2月21日 | 教职工大会 | 教科室 | |\n"
        "第一周 | 2月26日-3月3日 | 开学典礼 | 教育处、团委 |\n"
        "开学督导迎检 | 督导室 | ||\n"
        "备课组长会议 | 教务处 | ||\n"
        "第二周 | 3月4日-3月10日 | 主题班会 | 教育处 |\n"
    )
    draft = parse_report(text)
    rows = [(m.phrase, m.task, m.owner) for i in draft.initiatives for m in i.milestones]
    assert rows == [
        ("2月20日", "行政会议", "办公室"),  # the label 开学前 before the day is not the task
        ("2月21日", "教职工大会", "教科室"),
        ("2月26日-3月3日", "开学典礼", "教育处、团委"),
        ("2月26日-3月3日", "开学督导迎检", "督导室"),  # under the merged day of the row above
        ("2月26日-3月3日", "备课组长会议", "教务处"),
        ("3月4日-3月10日", "主题班会", "教育处"),
    ]
    ranges = [m for m in draft.mentions if m.text == "2月26日-3月3日"]
    assert [(r.fate, r.start, r.due) for r in ranges] == [("deadline", date(2024, 2, 26), date(2024, 3, 3))]


def test_spaces_typed_beside_nian_yue_ri_hide_no_deadline() -> None:
    text = (
        "XX市2021年城市建设行动方案\n一、重点工作\n"
        "1.加快改造。5 月底前开工项目50个，12 月底前完成验收。对 2020 年已达标的街道提档升级。\n"
    )
    found = [(m.text, m.fate, m.due) for m in parse_report(text).mentions]
    assert found == [
        ("2021年", "not-a-deadline", None),
        ("5 月底前", "deadline", date(2021, 5, 31)),
        ("12 月底前", "deadline", date(2021, 12, 31)),
        ("2020 年", "not-a-deadline", None),
    ]


def test_a_notice_signed_next_to_its_attachment_line_and_its_bracketed_own_number() -> None:
    for signed in ("附件：进度情况表\n二〇二四年七月九日\n", "2024年7月9日\n附件：进度情况表\n"):
        text = (
            "XX厅关于实行2024年旬报制度的通知\n（X农函字〔2024〕42号）\n各市农业局：\n"
            f"根据《通知》（发改投资〔2024〕1037号）要求，请各地于3月底前报送情况。\n{signed}附件：\n进度情况表\n"
        )
        draft = parse_report(text)
        found = [(m.text, m.fate, m.reason) for m in draft.mentions]
        assert (draft.year, draft.year_reason) == (2024, "title")
        assert found[:2] == [
            ("2024年", "not-a-deadline", "plan-year"),
            ("〔2024〕42号", "not-a-deadline", "own-document-number"),
        ]
        assert ("〔2024〕1037号", "not-a-deadline", "cited-document") in found
        assert [(m.fate, m.reason) for m in draft.mentions if m.text in ("二〇二四年七月九日", "2024年7月9日")] == [
            ("not-a-deadline", "signing-date")
        ]
        assert [m.phrase for i in draft.initiatives for m in i.milestones if m.phrase] == ["于3月底前"]


def test_several_days_of_each_month_are_a_cadence_each() -> None:
    text = "XX厅关于2024年旬报制度的通知\n各市：\n请各地于每月9日、19日、28日前，将当月进展报送省厅。\n"
    draft = parse_report(text)
    assert [(m.text, m.fate) for m in draft.mentions[1:]] == [
        ("每月9日", "recurring"),
        ("19日", "recurring"),
        ("28日前", "recurring"),
    ]
    milestones = [(m.phrase, m.task) for i in draft.initiatives for m in i.milestones]
    assert milestones == [(p, "各地将当月进展报送省厅") for p in ("每月9日", "每月19日", "每月28日前")]


def test_a_damaged_day_listed_after_another_is_one_mention_with_its_qian() -> None:
    text = "XX区2021年重点工作分工方案\n一、督查\n一是各责任单位须分别于615日、1215日前将进展报至牵头单位。\n"
    found = [(m.text, m.fate, m.due) for m in parse_report(text).mentions]
    assert found == [
        ("2021年", "not-a-deadline", None),
        ("于615日", "deadline", date(2021, 6, 15)),
        ("1215日前", "deadline", date(2021, 12, 15)),  # once, not also as 1215日
    ]


def test_a_spaced_mention_keeps_its_exact_span_in_the_original_text() -> None:
    from workplan_cli.deadlines import find_date_mentions

    text = "甲，12 月底前完成；到2020 年。2024 年 3 月 28 日"
    found = [(m.start, m.end, m.text) for m in find_date_mentions(text)]
    assert found == [(2, 8, "12 月底前"), (11, 18, "到2020 年"), (19, 34, "2024 年 3 月 28 日")]
    assert all(text[start:end] == written for start, end, written in found)


def test_a_report_of_what_was_done_tells_past_events_not_deadlines() -> None:
    """A half-year supervision report copied without its title: its opening says a report follows
    (现将有关情况汇报如下), and what it tells (…进行了督查) was done, not due."""
    text = (
        "5月6日至12日，区督查室组成督查组，对2024年重点任务上半年工作落实情况进行了督查。现将有关情况汇报如下。\n"
        "一、总体情况\n一是多数单位按序时推进。二是3月召开了推进会。\n"
    )
    draft = parse_report(text, year=2024)
    fates = [(m.text, m.fate, m.reason) for m in draft.mentions]
    assert ("5月6日至12日", "not-a-deadline", "past-event") in fates
    assert ("上半年", "not-a-deadline", "past-event") in fates
    assert not [m for i in draft.initiatives for m in i.milestones if m.phrase]


def test_an_attachment_title_and_the_period_of_a_table_s_figures_are_not_deadlines() -> None:
    """2024年…任务安排表 under 附件 is a title (its 计划 is no target); 1-4月…资金使用情况(表3) names the
    months a table covers; 关于1-4月…通报 is the period a title names, and its 于 is 关于's."""
    text = (
        "关于1-4月重点工作的推进情况通报\n各单位：\n"
        "一、情况\n一是办公室梳理了1-4月建设项目资金使用情况(表3)、1-4月采购项目推进情况（表4）。"
        "二是请各单位于5月底前赶上进度。\n"
        "附件\n2024年全区主要工作计划任务安排表\n"
    )
    draft = parse_report(text, year=2024)
    fates = [(m.text, m.fate, m.reason) for m in draft.mentions]
    assert fates[0] == ("1-4月", "not-a-deadline", "period-label")
    assert fates.count(("1-4月", "not-a-deadline", "period-label")) == 3
    assert ("2024年", "not-a-deadline", "plan-year") in fates
    assert [m.phrase for i in draft.initiatives for m in i.milestones if m.phrase] == ["于5月底前"]


def test_a_signing_date_in_chinese_numerals_is_offered_as_the_plan_year() -> None:
    """二○○一年四月四日 under a notice without a year in its title: asked, with 2001 among the candidates."""
    text = (
        "关于建立工作落实情况报告制度的通知\n各部门：\n一、报告内容\n一是每季度末报送落实情况。\n"
        "市政府办公厅\n二○○一年四月四日\n"
    )
    with pytest.raises(YearUnclearError) as unclear:
        parse_report(text)
    assert unclear.value.candidates == [2001]
