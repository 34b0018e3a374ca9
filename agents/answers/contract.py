"""Contract answers: the approved checklist draft with the user's own terms, or the note that it was
rejected (then no document and no statute text)."""

from __future__ import annotations

from typing import Any

from agents.answers.section import Section
from agents.formatting import won

MISSING = "미정 (알려주시면 넣어 드려요)"


def contract_section(data: dict[str, Any]) -> Section:
    if data.get("status") == "rejected":
        return {
            "title": "계약서",
            "content": "요청에 따라 계약서 초안 작성을 취소했습니다. 문서는 만들지 않았습니다.",
        }
    doc = data["document"]
    lines = [f"{doc['title']}입니다. {_lead(doc)}", "", "계약 조건:"]
    lines += [f"- {label}: {value}" for label, value in terms_lines(doc)]
    lines += ["", "확인할 것:"]
    lines += [
        f"- [{i['stage']}] {i['item']}" + (f" ({i['basis']})" if i.get("basis") else "") for i in doc["items"]
    ]
    if doc.get("special_terms"):
        lines += ["", "특약 사항:", *[f"- {t}" for t in doc["special_terms"]]]
    if doc.get("laws"):
        lines += ["", "근거 조문: " + references(doc["laws"])]
    return {"title": "계약서 체크리스트", "content": "\n".join(lines)}


def _lead(doc: dict[str, Any]) -> str:
    """The first sentence restates the terms the draft carries."""
    terms = doc.get("terms") or {}
    if doc.get("kind") == "sale":
        price = terms.get("price_manwon")
        return f"매매대금 {won(price)} 기준입니다." if price else "매매대금은 아직 정하지 않았습니다."
    parts = []
    if terms.get("deposit_manwon") is not None:
        parts.append(f"보증금 {won(terms['deposit_manwon'])}")
    if terms.get("monthly_rent_manwon"):
        parts.append(f"월세 {won(terms['monthly_rent_manwon'])}")
    if terms.get("term_months"):
        parts.append(f"기간 {_months(terms['term_months'])}")
    return (
        (", ".join(parts) + " 조건을 넣었습니다.") if parts else "보증금·월세·기간은 아직 정하지 않았습니다."
    )


def terms_lines(doc: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) of the draft's terms, in the order a contract lists them."""
    terms = doc.get("terms") or {}
    address = terms.get("address")
    if address and not terms.get("address_given"):
        address += " (지번·동·호수를 알려주시면 넣어 드려요)"
    rows = [("목적물 주소", address or MISSING)]
    if doc.get("kind") == "sale":
        rows.append(("매매대금", won(terms["price_manwon"]) if terms.get("price_manwon") else MISSING))
        return rows
    deposit, rent = terms.get("deposit_manwon"), terms.get("monthly_rent_manwon")
    rows.append(("보증금", won(deposit) if deposit is not None else MISSING))
    if rent or terms.get("deal_type") == "월세":
        rows.append(("월세(차임)", won(rent) if rent else MISSING))
    period = MISSING
    if terms.get("term_months"):
        period = _months(terms["term_months"])
        if terms.get("start_date") and terms.get("end_date"):
            period = f"{terms['start_date']} ~ {terms['end_date']} ({period})"
        elif terms.get("start_date"):
            period = f"{terms['start_date']}부터 {period}"
    elif terms.get("start_date"):
        period = f"{terms['start_date']}부터 (기간 미정)"
    rows.append(("계약 기간", period))
    return rows


def _months(months: int) -> str:
    years, rest = divmod(months, 12)
    if years and not rest:
        return f"{years}년"
    return f"{months}개월"


def references(laws: list[Any]) -> str:
    """ "주택임대차보호법 제3조 ①" … grouped by law: 「주택임대차보호법」 제3조 ①, 제6조 ①; 「민법」 제565조 ①."""
    grouped: dict[str, list[str]] = {}
    for law in laws:
        if isinstance(law, dict):
            name, articles = law["law_name"], str(law["article"])
        elif " 제" in law:
            name, articles = law.split(" 제", 1)
            articles = "제" + articles
        else:
            name, articles = law, ""
        grouped.setdefault(name, []).extend(a for a in (articles,) if a)
    return "; ".join(
        f"「{name}」 " + ", ".join(arts) if arts else f"「{name}」" for name, arts in grouped.items()
    )
