"""Market answers: statistics with monthly trend, transaction and 전월세 listings, price evaluation,
recommendations — each a titled section of the templated answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from agents.answers.section import Section
from agents.domain.slots import Slots
from agents.formatting import area, filters_label, pct, region_label, won


def stats_section(data: dict[str, Any], slots: Slots) -> Section:
    stats = data["stats"]
    label = filters_label(slots)
    if data["kind"] not in label:
        label += f" · {data['kind']}"
    period = "" if slots.period_from else f" ({stats['period']})"
    if not stats["count"]:
        latest = data.get("latest_date")
        hint = f" (이 조건의 가장 최근 거래일: {latest})" if latest else ""
        return {"title": "시세 통계", "content": f"{label}: 해당 기간·조건의 거래가 데이터에 없습니다{hint}."}
    price_word = "가격" if data["kind"] == "매매" else "보증금"
    lines = [
        f"{label}{period}: 거래 {stats['count']:,}건, {price_word} 중위 {won(stats['median_manwon'])}, "
        f"평균 {won(stats['mean_manwon'])}, 최저 {won(stats['min_manwon'])}, 최고 {won(stats['max_manwon'])}."
    ]
    if data.get("monthly_rent") and data["monthly_rent"]["count"]:
        rent = data["monthly_rent"]
        lines.append(f"월세 중위 {won(rent['median_manwon'])}, 평균 {won(rent['mean_manwon'])}.")
    buckets = data.get("buckets") or []
    if buckets:
        lines.append("기간별 추이 (건수 · 중위 · 평균):")
        lines += [
            f"- {b['bucket']}: {b['count']:,}건 · {won(b['median_manwon'])} · {won(b['mean_manwon'])}"
            for b in buckets
        ]
    if data.get("cancelled_excluded"):
        lines.append(f"해제(취소) 신고된 거래 {data['cancelled_excluded']}건은 제외했습니다.")
    lines += data.get("notes") or []
    return {"title": "시세 통계", "content": "\n".join(lines)}


def trade_line(row: dict[str, Any]) -> str:
    floor = f" {row['floor']}층" if row.get("floor") is not None else ""
    return f"- {row['contract_date']} {row['dong']} {row['complex']} {area(row['area_m2'])}{floor}: {won(row['price_manwon'])}"


def rent_line(row: dict[str, Any]) -> str:
    floor = f" {row['floor']}층" if row.get("floor") is not None else ""
    price = won(row["deposit_manwon"])
    if row["rent_type"] == "월세":
        price += f" / 월 {won(row['monthly_rent_manwon'])}"
    return f"- {row['contract_date']} {row['dong']} {row['complex']} {area(row['area_m2'])}{floor}: {row['rent_type']} {price}"


def listing_section(data: dict[str, Any], slots: Slots, line: Callable[[dict[str, Any]], str]) -> Section:
    title = "실거래 사례" if line is trade_line else "전월세 계약 사례"
    if not data["total_count"]:
        return {"title": title, "content": f"{filters_label(slots)}: 조건에 맞는 거래가 데이터에 없습니다."}
    head = f"조건({filters_label(slots)})에 맞는 {data['total_count']:,}건 중 최근 {data['returned']}건:"
    return {
        "title": title,
        "content": "\n".join([head, *map(line, data["rows"]), *(data.get("notes") or [])]),
    }


def evaluation_section(data: dict[str, Any], slots: Slots) -> Section:
    asking = won(data["asking_price_manwon"])
    stats = data["stats"]
    if not stats["count"] or data.get("verdict") is None:
        content = (
            f"{region_label(slots)}: 비교할 최근 거래가 데이터에 없어 {asking}의 적정성을 판단할 수 없습니다."
        )
        return {"title": "가격 평가", "content": content}
    basis = {"complex": "같은 단지", "dong": "같은 동", "sigungu": "같은 구"}.get(data["basis"], "같은 동")
    lines = [
        f"{asking}은(는) {basis} 비교 거래 {stats['count']}건({data['window']}) 중위 {won(stats['median_manwon'])} 대비 "
        f"{pct(data['diff_from_median_pct'])}로 '{data['verdict']}' 수준입니다.",
        f"비교 거래 범위: {won(stats['min_manwon'])} ~ {won(stats['max_manwon'])}, 평균 {won(stats['mean_manwon'])}. "
        f"요청 가격보다 싼 거래 비율: {data['percentile']:.0f}%.",
        f"판정 기준: {data['verdict_rule']}",
        *(data.get("notes") or []),
    ]
    return {"title": "가격 평가", "content": "\n".join(lines)}


def recommend_section(data: dict[str, Any], slots: Slots) -> Section:
    items = data.get("complexes") or []
    if not items:
        return {
            "title": "추천 단지",
            "content": f"{filters_label(slots)}: 조건에 맞는 최근 거래 단지가 데이터에 없습니다.",
        }
    head = f"조건({filters_label(slots)})에 맞는 최근 거래가 많은 단지 {len(items)}곳 ({data['window']}):"
    lines = [
        f"- {c['sigungu']} {c['dong']} {c['complex']}: {c['count']}건, 중위 {won(c['median_manwon'])}"
        f" (전용 {c['area_min_m2']:.0f}~{c['area_max_m2']:.0f}㎡)"
        for c in items
    ]
    return {"title": "추천 단지", "content": "\n".join([head, *lines, *(data.get("notes") or [])])}
