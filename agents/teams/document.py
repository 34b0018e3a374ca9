"""Document team: term definitions and the lease-contract checklist that waits for approval."""

from __future__ import annotations

import re
from typing import Any

from agents.dialogue import EDIT_REQUEST
from agents.glossary import find_term
from agents.teams import StepContext, Task


async def _define_term(ctx: StepContext) -> dict[str, Any]:
    term = find_term(ctx.query)
    if term is None:
        return {"skipped": "용어집에 없는 용어입니다. 관련 법 조문 검색 결과를 참고해 주세요."}
    return {"term": term.name, "definition": term.definition}


CHECKLIST = (
    ("계약 전", "등기사항증명서(등기부등본)로 소유자와 임대인이 같은지, 근저당·압류·가압류가 있는지 확인"),
    ("계약 전", "임대인의 신분증과 본인 여부 확인, 대리인이면 위임장과 인감증명서 확인"),
    ("계약 전", "선순위 권리와 보증금의 합이 시세에 견주어 안전한지(전세가율) 확인"),
    ("계약 전", "임대인에게 확정일자 부여 현황과 국세·지방세 납세증명서 제시를 요청"),
    ("계약서", "목적물 표시(주소·동·호수·면적), 보증금·차임·지급일, 계약 기간을 정확히 기재"),
    ("계약서", "잔금일까지 새 근저당 등 권리 변동을 하지 않는다는 특약"),
    ("계약서", "수선 의무, 원상복구 범위, 중도 해지 조건 등 특약 사항 기재"),
    ("계약 후", "입주와 동시에 전입신고를 하고 확정일자를 받기(대항력·우선변제권)"),
    ("계약 후", "필요하면 전세보증금 반환보증 가입 검토"),
    ("만기 전", "계약 종료 6개월~2개월 전 사이에 갱신 또는 종료 의사를 통지"),
)


def _draft(ctx: StepContext) -> dict[str, Any]:
    laws = (ctx.result_of("law_search") or {}).get("articles", [])
    deal = ctx.slots.deal_type or "전세/월세"
    return {
        "title": f"주택 임대차({deal}) 계약 체크리스트 초안",
        "items": [{"stage": stage, "item": item} for stage, item in CHECKLIST],
        "terms": {
            "deal_type": ctx.slots.deal_type,
            "deposit_manwon": ctx.slots.price_max_manwon,
            "monthly_rent_manwon": ctx.slots.monthly_rent_max_manwon,
        },
        "special_terms": [],
        "laws": [{"law_name": a["law_name"], "article": a["article"], "title": a.get("title")} for a in laws],
    }


APPROVE = re.compile(
    r"승인|좋아|좋습니다|좋네|괜찮네|괜찮아요|확인|확정|진행|이대로|그걸로|그대로|(?<![가-힣])(?:네|예)(?![가-힣])"
    r"|\bok\b|okay|approve|yes|looks good|go ahead",
    re.IGNORECASE,
)
QUESTION_END = re.compile(r"[?？]|(?:나요|까요|어때|해요\?|할까|돼\?|어떻게|뭐야|뭔데)")
REJECT = re.compile(r"거절|취소|그만|필요\s*없|싫|reject|cancel|no\b", re.IGNORECASE)


def decide(answer: Any) -> tuple[str, str | None]:
    """Maps a resume value to approve/modify/reject; free text counts as a modification request."""
    if not isinstance(answer, dict):
        answer = {"action": "answer", "feedback": str(answer or "")}
    action, feedback = answer.get("action"), (answer.get("feedback") or "").strip() or None
    if action in ("approve", "modify", "reject"):
        return action, feedback
    text = feedback or ""
    if REJECT.search(text):
        return "reject", None
    short_assent = (
        APPROVE.search(text)
        and len(text) <= 24
        and not EDIT_REQUEST.search(text)
        and not QUESTION_END.search(text)
    )
    if APPROVE.fullmatch(text.strip(" .!")) or short_assent:  # "좋아 이대로 승인할게"
        return "approve", None
    return "modify", text or None


async def _contract_draft(ctx: StepContext) -> dict[str, Any]:
    """The draft waits for approval in the graph's approval node (agents/approval.py), which can keep
    it pending while other questions are answered."""
    return {"status": AWAITING_APPROVAL, "document": _draft(ctx)}


AWAITING_APPROVAL = "awaiting_approval"

TASKS: dict[str, Task] = {"define_term": _define_term, "contract_draft": _contract_draft}
