"""Calculator answers: loan limits (LTV/DSR) and rental yield, with every assumption named."""

from __future__ import annotations

from typing import Any

from agents.answers.section import Section
from agents.formatting import won


def loan_section(data: dict[str, Any]) -> Section:
    if "skipped" in data:
        return {"title": "대출 한도 계산", "content": data["skipped"]}
    price, income = data["price_manwon"], data["annual_income_manwon"]
    basis = ", ".join(
        part
        for part in (
            f"주택 가격 {won(price)}" if price is not None else None,
            f"연 소득 {won(income)}" if income is not None else None,
        )
        if part
    )
    equity = data.get("equity_needed_manwon")
    lines = [
        f"{basis} 기준 예상 최대 대출은 {won(data['max_loan_manwon'])}입니다 (제약: {data['binding_constraint']}).",
        *(
            [f"- LTV {data['ltv_ratio'] * 100:.0f}% 기준 한도: {won(data['max_by_ltv_manwon'])}"]
            if data.get("max_by_ltv_manwon") is not None
            else []
        ),
        *(
            [
                f"- DSR {data['dsr_limit'] * 100:.0f}% 기준 한도: {won(data['max_by_dsr_manwon'])} "
                f"(금리 {data['rate'] * 100:.2f}% + 스트레스 {data['stress_rate'] * 100:.2f}%p, "
                f"{data['term_years']}년 원리금균등)"
            ]
            if data.get("max_by_dsr_manwon") is not None
            else []
        ),
        f"- 월 상환액(추정): {won(data['monthly_payment_manwon'])}"
        + (f", 필요 자기자금: {won(equity)}" if equity is not None else ""),
        *(["연 소득을 알려주시면 DSR 기준 한도까지 함께 계산해 드려요."] if income is None else []),
        *(["주택 가격을 알려주시면 LTV 기준 한도까지 함께 계산해 드려요."] if price is None else []),
        f"가정 (규정 기준일 {data['rules_effective_date']}, 설정으로 바꿀 수 있음):",
        *[f"- {a['name']}: {a['value']} ({a['source']})" for a in data["assumptions"]],
    ]
    return {"title": "대출 한도 계산", "content": "\n".join(lines)}


def roi_section(data: dict[str, Any]) -> Section:
    if "skipped" in data:
        return {"title": "임대 수익률", "content": data["skipped"]}
    basis = data.get("rent_basis") or {}
    lines = [
        f"매입가 {won(data['price_manwon'])}, 보증금 {won(data['deposit_manwon'])} / 월세 {won(data['monthly_rent_manwon'])}"
        + (f" (실거래 월세 {basis.get('count')}건의 중위값, {basis.get('period')})" if basis else ""),
        f"- 표면 수익률: {data['gross_yield_pct']:.2f}%, 순 수익률: {data['net_yield_pct']:.2f}%"
        if data.get("gross_yield_pct") is not None and data.get("net_yield_pct") is not None
        else "- 수익률을 계산할 수 없습니다.",
        f"- 연 임대수입 {won(data['annual_rent_manwon'])}, 투자 현금 {won(data['cash_invested_manwon'])}",
        "가정:",
        *[f"- {a['name']}: {a['value']} ({a['source']})" for a in data["assumptions"]],
    ]
    return {"title": "임대 수익률", "content": "\n".join(lines)}
