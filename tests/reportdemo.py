"""A year of the shipped plan's life for report tests: units named, milestones closed, progress reported.

As of 2024-06-30 (the end of 2024-Q2):

- due in Q1: 4.2.1 (Feb 29) still open, 122 days overdue; 2.1.1 done Mar 28, on time;
  1.4.1 done Apr 10, 10 days late; 2.2.1 done May 6, 36 days late;
- due in Q2 (all Jun 30): 1.4.2 done Jun 20 and 2.1.2 done Jun 30 (the deadline day), on time;
  2.2.2, 2.3.1, 3.2.1 and 4.3.1 still in progress on their deadline day;
- 2.1.3 (due Dec 31) done May 20, ahead of time;
- after the quarter: 2.2.2 done Jul 5 (5 days late), which a Q2 report must not count.
"""

from __future__ import annotations

from datetime import date

from workplan_cli.model import Note, Plan

DONE = {
    "2.1.1": date(2024, 3, 28),
    "1.4.1": date(2024, 4, 10),
    "2.2.1": date(2024, 5, 6),
    "1.4.2": date(2024, 6, 20),
    "2.1.2": date(2024, 6, 30),
    "2.1.3": date(2024, 5, 20),
    "2.2.2": date(2024, 7, 5),
}
OWNERS = {"1": "机构编制科", "2": "改革科", "3": "机构编制科", "4": "监督检查科"}
LEADS = {"2.3": "综合行政执法局"}
NOTES = {
    "2.3.1": (
        Note(
            date(2024, 5, 15),
            "已完成各执法领域职责梳理",
            progress="已完成各执法领域职责梳理，形成职责边界清单初稿",
            problems="个别领域主管部门意见尚未统一",
            next="6月中旬召开协调会，6月底前印发",
            percent=70,
            by="综合行政执法局",
            period="2024-Q2",
        ),
    ),
    "3.2.1": (Note(date(2024, 6, 10), "已收集各校编制需求", percent=40),),
    "4.2.1": (Note(date(2024, 3, 20), "计划初稿已形成，待局务会审议"),),
}


def demo_plan(plan: Plan) -> Plan:
    """The shipped plan with the year above written into it."""
    initiatives = []
    for initiative in plan.initiatives:
        milestones = tuple(m._replace(done=DONE.get(m.id), notes=NOTES.get(m.id, ())) for m in initiative.milestones)
        initiatives.append(
            initiative._replace(
                milestones=milestones,
                owner=OWNERS[initiative.id.split(".")[0]],
                lead=LEADS.get(initiative.id, ""),
            )
        )
    return Plan(plan.folder, plan.settings, tuple(initiatives), plan.problems)
