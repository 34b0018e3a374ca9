"""Comparison answers: one statistics result per side ("송파구랑 강남구", "2020년이랑 2024년"), side by
side in one table, led by the sentence that answers which is higher and by how much."""

from __future__ import annotations

from typing import Any

from agents.answers.section import Section
from agents.domain.particles import josa
from agents.formatting import won


def comparison_steps(plan: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The plan's comparison steps (statistics steps labelled with their side), in plan order."""
    return [s for s in plan if s["task"] == "market_stats" and s.get("label")]


def comparison_section(
    plan: list[dict[str, Any]], results: dict[str, Any], *, english: bool = False
) -> Section | None:
    """The side-by-side section, or None when the plan compares nothing."""
    steps = comparison_steps(plan)
    if len(steps) < 2:
        return None
    sides: list[tuple[str, dict[str, Any]]] = []
    for step in steps:
        data = (results.get(step["id"]) or {}).get("data") or {}
        sides.append((step["label"], data))
    kind = next((d.get("kind") for _, d in sides if d.get("kind")), "매매")
    header = "| | Contracts | Median | Mean | Range |" if english else "| 구분 | 거래 | 중위 | 평균 | 범위 |"
    rows = [header, "|---|---|---|---|---|"]
    priced: list[tuple[str, int]] = []
    for label, data in sides:
        stats = data.get("stats") or {}
        if not stats.get("count"):
            rows.append(f"| {label} | 0 | - | - | - |" if english else f"| {label} | 0건 | - | - | - |")
            continue
        priced.append((label, stats["median_manwon"]))
        count = f"{stats['count']:,}" if english else f"{stats['count']:,}건"
        span = f"{won(stats['min_manwon'])}~{won(stats['max_manwon'])}"
        rows.append(
            f"| {label} | {count} | {won(stats['median_manwon'])} | {won(stats['mean_manwon'])} | {span} |"
        )
    return {
        "title": "Comparison" if english else "비교",
        "lead": _lead(priced, kind, english),
        "content": "\n".join(rows),
    }


def _lead(priced: list[tuple[str, int]], kind: str, english: bool) -> str:
    """'중위가격은 강남구 27억원, 송파구 15억 7,750만원으로 강남구가 72.3% 높습니다.'"""
    what = (
        ("median sale price" if kind == "매매" else f"median {kind} deposit")
        if english
        else ("중위가격" if kind == "매매" else f"{kind} 보증금 중위값")
    )
    if len(priced) < 2:
        if english:
            return "The data has deals for at most one side, so there is nothing to compare."
        return "비교할 거래가 한쪽에만 있어 나란히 비교할 수 없습니다."
    listed = ", ".join(f"{label} {won(median)}" for label, median in priced)
    (high, high_v), (low, low_v) = max(priced, key=lambda p: p[1]), min(priced, key=lambda p: p[1])
    if high_v == low_v:
        return (
            f"The {what} is the same: {listed}."
            if english
            else f"{josa(what, '은')} {josa(listed, '로')} 같습니다."
        )
    diff = (high_v - low_v) / low_v * 100
    if english:
        return f"The {what}: {listed} — {high} is {diff:.1f}% higher than {low}."
    return f"{josa(what, '은')} {josa(listed, '로')}, {josa(high, '가')} {low}보다 {diff:.1f}% 높습니다."
