"""Generate plan folders of any size for the benchmark: realistic initiative files, ~1 KB each."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

SECTIONS = [
    "一、深化改革，优化机构职能体系",
    "二、高质量推进重点领域改革",
    "三、强化编制资源保障",
    "四、严格管理，推进法定化建设",
    "五、加强党的建设",
    "六、优化营商环境",
]
VERBS = ["制定", "出台", "完成", "修订完善", "探索建立", "推动落实", "组织开展", "健全", "规范", "深化"]
OBJECTS = ["街道权责清单", "人员编制调整方案", "事业单位登记管理办法", "议事协调机构清理", "智慧城市运行中心设置方案",
           "综合行政执法改革", "编外人员管理制度", "监督检查计划", "一体化管理平台", "产业园区管理模式"]  # fmt: skip
OWNERS = ["综合科", "改革科", "编制科", "监督科", "事业科", "", ""]
MONTHS = "一二三四五六七八九十"


def phrase_for(due: date, plan_year: int, rng: random.Random) -> str:
    """A deadline phrase for ``due``'s day, month, quarter or half, in the forms plans use."""
    year = f"{due.year}年" if due.year != plan_year else ""
    form = rng.random()
    if form < 0.55:
        return f"{year}{due.month}月底前"
    if form < 0.65 and not year:
        return f"{MONTHS[due.month - 1] if due.month <= 10 else '十' + MONTHS[due.month - 11]}月底前"
    if form < 0.8:
        return f"{year}{due.month}月{min(due.day, 28)}日前"
    if form < 0.9:
        return f"{year}{'一二三四'[(due.month - 1) // 3]}季度"
    return f"{year}上半年" if due.month <= 6 else f"{year}年底前" if not year else f"{year}下半年"


def initiative_text(number: int, section: int, item: int, rng: random.Random, as_of: date, overdue_share: float) -> str:
    title = f"{rng.choice(VERBS)}{rng.choice(OBJECTS)}（第{number}项）"
    lines = [
        f"# {section}.{item} {title}",
        f'id: "{section}.{item}"',
        f"section: {SECTIONS[(section - 1) % len(SECTIONS)]}",
        f"title: {title}",
        f"owner: {rng.choice(OWNERS)}",
        "text: |-",
        "  " + "".join(f"{rng.choice(VERBS)}{rng.choice(OBJECTS)}，" for _ in range(14)) + "确保各项任务落到实处。",
        "milestones:",
    ]
    for index in range(1, rng.randint(2, 4) + 1):
        # Overdue: a deadline already passed (resolving to a period end before today); the rest
        # spread over the coming year, so about 4 % fall within the 14-day window.
        if rng.random() < overdue_share:
            due = as_of - timedelta(days=rng.randint(40, 300))
        else:
            due = as_of + timedelta(days=rng.randint(40, 365) if rng.random() > 0.05 else rng.randint(1, 10))
        lines += [
            f'  - id: "{section}.{item}.{index}"',
            f"    deadline: {phrase_for(due, as_of.year, rng)}",
            f"    task: {rng.choice(VERBS)}{rng.choice(OBJECTS)}，{rng.choice(VERBS)}{rng.choice(OBJECTS)}",
            "    done:",
        ]
    return "\n".join(lines) + "\n"


def generate(folder: Path, count: int, *, as_of: date, overdue_share: float, seed: int = 2024) -> Path:
    """Write ``count`` initiatives in subfolders of 1,000 (as a city's departments would)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "workplan.yaml").write_text(
        f"title: 基准测试计划 {count}\nyear: {as_of.year}\nwarn_days: 14\n", encoding="utf-8"
    )
    per_section = 1000
    for number in range(count):
        section, item = number // per_section + 1, number % per_section + 1
        department = folder / f"dept-{section:03d}"
        department.mkdir(exist_ok=True)
        text = initiative_text(number, section, item, rng, as_of, overdue_share)
        (department / f"{section}-{item}.yaml").write_text(text, encoding="utf-8")
    return folder
