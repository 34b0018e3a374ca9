"""Document team: term definitions and the lease-contract checklist that waits for approval."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from agents.dialogue import EDIT_REQUEST, strip_negated
from agents.domain.slots import Slots
from agents.domain.units import MAX_MONTHLY_MANWON, clip, mask, normalize, parse_money
from agents.formatting import won
from agents.glossary import find_term
from agents.nlu import contract_terms
from agents.teams import StepContext, Task


async def _define_term(ctx: StepContext) -> dict[str, Any]:
    term = find_term(ctx.query)
    if term is None:
        return {"skipped": "용어집에 없는 용어입니다. 관련 법 조문 검색 결과를 참고해 주세요."}
    return {"term": term.name, "definition": term.definition, "definition_en": term.english}


# Checklist items: (stage, text, basis). A basis names only an article whose loaded text says it.
_HOUSING = "주택임대차보호법"
_REPORTING = "부동산 거래신고 등에 관한 법률"
LEASE_CHECKLIST: tuple[tuple[str, str, str | None], ...] = (
    (
        "계약 전",
        "등기사항증명서(등기부등본)로 소유자와 임대인이 같은지, 근저당·압류·가압류가 있는지 확인",
        None,
    ),
    ("계약 전", "임대인의 신분증과 본인 여부 확인, 대리인이면 위임장과 인감증명서 확인", None),
    ("계약 전", "임대인에게 확정일자 부여 현황과 국세·지방세 납세증명서 제시를 요청", None),
    ("계약서", "잔금일까지 새 근저당 등 권리 변동을 하지 않는다는 특약", None),
    ("계약서", "수선 의무, 원상복구 범위, 중도 해지 조건 등 특약 사항 기재", None),
    (
        "계약 후",
        "입주(인도)와 전입신고를 마치면 다음 날부터 대항력이 생기고, 확정일자를 함께 받아야 우선변제를 받을 수 있음",
        f"{_HOUSING} 제3조 ①, 제3조의2 ②",
    ),
    ("계약 후", "필요하면 전세보증금 반환보증 가입 검토 (일반 안내)", None),
    (
        "만기 전",
        "임대인은 계약 종료 6개월 전부터 2개월 전까지, 임차인은 2개월 전까지 갱신 거절·조건 변경을 통지 "
        "(통지가 없으면 같은 조건으로 갱신된 것으로 봄)",
        f"{_HOUSING} 제6조 ①",
    ),
)
SALE_CHECKLIST: tuple[tuple[str, str, str | None], ...] = (
    (
        "계약 전",
        "등기사항증명서 갑구(소유자·압류·가처분)와 을구(근저당 등)를 확인하고 매도인이 소유자인지 확인",
        None,
    ),
    ("계약 전", "매도인의 신분증과 본인 여부 확인, 대리인이면 위임장과 인감증명서 확인", None),
    ("계약 전", "건축물대장(위반건축물 여부)과 토지이용계획 확인 (일반 안내)", None),
    (
        "계약 전",
        "전입세대 열람으로 살고 있는 임차인을 확인: 대항력 있는 임차인이 있으면 매수인이 임대인의 지위를 이어받음",
        f"{_HOUSING} 제3조 ④",
    ),
    ("계약서", "계약금·중도금·잔금의 금액과 지급일, 잔금일과 인도일을 정확히 기재", None),
    (
        "계약서",
        "상대방이 이행에 착수하기 전까지는 계약금을 포기(매수인)하거나 두 배를 돌려주고(매도인) 해제할 수 있음 — "
        "다른 약정을 하려면 특약으로 기재",
        "민법 제565조 ①",
    ),
    ("계약서", "잔금일까지 근저당 말소·권리 변동 없음, 누수 등 하자 처리에 관한 특약 기재", None),
    ("계약 후", "계약 체결일부터 30일 이내에 거래당사자가 공동으로 부동산 거래신고", f"{_REPORTING} 제3조 ①"),
    ("잔금", "잔금과 동시에 소유권이전등기 서류를 받고 취득세 신고·납부 (일반 안내)", None),
)
LEASE_REPORT_BASIS = f"{_REPORTING} 제6조의2 ①, 같은 법 시행령 제4조의3 ①"
SHORT_TERM_BASIS = f"{_HOUSING} 제4조 ①"


def _kind(slots: Slots) -> str:
    return "sale" if slots.deal_type == "매매" else "lease"


def _draft(ctx: StepContext) -> dict[str, Any]:
    """The checklist with the user's own terms in it (the law_search step's articles are its context)."""
    slots = ctx.slots
    kind = _kind(slots)
    terms: dict[str, Any] = {
        "deal_type": slots.deal_type,
        "address": slots.address or _place(slots),
        "address_given": slots.address is not None,
    }
    if kind == "sale":
        terms["price_manwon"] = slots.asking_price_manwon or slots.price_max_manwon
    else:
        deposit = slots.deposit_manwon
        if deposit is None and slots.deal_type in ("전세", "월세"):
            deposit = slots.asking_price_manwon  # "전세 3억 계약서": the 3억 is the deposit
        terms |= {
            "deposit_manwon": deposit,
            "monthly_rent_manwon": slots.monthly_rent_manwon,
            "term_months": slots.term_months,
            "start_date": slots.start_date,
        }
    return refresh({"kind": kind, "terms": terms, "special_terms": []})


def _place(slots: Slots) -> str | None:
    parts = [p for p in (slots.sigungu, slots.dong, slots.complex) if p]
    return " ".join(parts) if parts else None


def refresh(draft: dict[str, Any]) -> dict[str, Any]:
    """Title, checklist and references recomputed from the draft's terms (after every edit)."""
    terms, kind = draft["terms"], draft.get("kind", "lease")
    items = [
        {"stage": stage, "item": item, "basis": basis}
        for stage, item, basis in (SALE_CHECKLIST if kind == "sale" else LEASE_CHECKLIST)
    ]
    if kind == "lease":
        items[2:2] = [{"stage": "계약 전", "item": _safety_item(terms.get("deposit_manwon")), "basis": None}]
        report = _report_item(terms)
        if report:
            items.insert(-2, report)
        if terms.get("term_months") and terms["term_months"] < 24:
            items.append(
                {
                    "stage": "계약서",
                    "item": f"기간을 {terms['term_months']}개월로 정해도 임차인은 2년을 주장할 수 있음 "
                    "(임차인은 정한 기간을 주장할 수도 있음)",
                    "basis": SHORT_TERM_BASIS,
                }
            )
        if terms.get("start_date") and terms.get("term_months"):
            terms["end_date"] = _end_date(terms["start_date"], terms["term_months"])
        else:
            terms.pop("end_date", None)
        deal = _lease_label(terms)
        title = f"주택 임대차({deal}) 계약 체크리스트 초안" if deal else "주택 임대차 계약 체크리스트 초안"
    else:
        title = "아파트 매매 계약 체크리스트 초안"
    laws = sorted({i["basis"] for i in items if i["basis"]}, key=lambda b: (not b.startswith(_HOUSING), b))
    return {**draft, "title": title, "items": items, "laws": laws}


def _lease_label(terms: dict[str, Any]) -> str | None:
    if terms.get("monthly_rent_manwon"):
        return "월세"
    return terms.get("deal_type") if terms.get("deal_type") in ("전세", "월세") else None


def _safety_item(deposit: int | None) -> str:
    amount = f"보증금 {won(deposit)}" if deposit else "보증금"
    return f"선순위 채권(근저당 등)과 {amount}의 합이 시세보다 충분히 낮은지(전세가율) 확인"


def _report_item(terms: dict[str, Any]) -> dict[str, Any] | None:
    deposit, rent = terms.get("deposit_manwon") or 0, terms.get("monthly_rent_manwon") or 0
    if deposit <= 6000 and rent <= 30:
        return None
    return {
        "stage": "계약 후",
        "item": "보증금 6천만원 초과 또는 월 차임 30만원 초과 계약이므로, 신고 대상 지역(시·구 등)이면 "
        "계약 체결일부터 30일 이내에 주택 임대차 계약 신고",
        "basis": LEASE_REPORT_BASIS,
    }


def _end_date(start: str, months: int) -> str:
    """The day before the same date `months` later: 2026-03-01 + 24개월 → 2028-02-29."""
    day = dt.date.fromisoformat(start)
    year, month = divmod(day.month - 1 + months, 12)
    target_year, target_month = day.year + year, month + 1
    last = calendar.monthrange(target_year, target_month)[1]
    same = dt.date(target_year, target_month, min(day.day, last))
    return (same - dt.timedelta(days=1)).isoformat()


# -- the one edit schema (docs/CONTRACTS.md "Contract edit") ----------------------------------------


class ContractEdit(BaseModel):
    """Structured changes to a contract draft: the `edit` of a modify resume, or a free-text 수정 read
    into the same fields. None / empty means "leave as is"."""

    model_config = ConfigDict(extra="forbid")

    deposit_manwon: int | None = Field(default=None, ge=0, le=10_000_000)
    monthly_rent_manwon: int | None = Field(default=None, ge=0, le=100_000)
    price_manwon: int | None = Field(default=None, gt=0, le=10_000_000)  # a 매매 draft's price
    term_months: int | None = Field(default=None, ge=1, le=120)
    start_date: dt.date | None = None
    address: str | None = Field(default=None, min_length=2, max_length=200)
    add_special_terms: list[Annotated[str, Field(min_length=2, max_length=200)]] = Field(
        default_factory=list, max_length=10
    )
    remove_special_terms: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=list, max_length=10
    )

    def is_empty(self) -> bool:
        return not any(self.model_dump(exclude_defaults=True).values())


_MONEY_TERMS = {"deposit_manwon": "보증금", "monthly_rent_manwon": "월세", "price_manwon": "매매대금"}


def apply_edit(draft: dict[str, Any], edit: ContractEdit) -> tuple[dict[str, Any], list[str]]:
    """The draft with `edit` applied, and one Korean phrase per change (for the reply)."""
    terms = dict(draft.get("terms") or {})
    special = list(draft.get("special_terms") or [])
    kind = draft.get("kind", "lease")
    changes: list[str] = []
    for name, label in _MONEY_TERMS.items():
        value = getattr(edit, name)
        if value is None or (name == "price_manwon") != (kind == "sale"):
            continue
        old = terms.get(name)
        terms[name] = value
        changes.append(f"{label} {won(old)} → {won(value)}" if old is not None else f"{label} {won(value)}")
    if kind == "lease" and edit.term_months is not None:
        terms["term_months"] = edit.term_months
        changes.append(f"계약 기간 {edit.term_months}개월")
    if kind == "lease" and edit.start_date is not None:
        terms["start_date"] = edit.start_date.isoformat()
        changes.append(f"시작일 {edit.start_date.isoformat()}")
    if edit.address:
        terms["address"], terms["address_given"] = edit.address.strip(), True
        changes.append(f"주소 {edit.address.strip()}")
    for wanted in edit.remove_special_terms:
        kept = [t for t in special if wanted not in t and t not in wanted]
        if len(kept) < len(special):
            changes.append(f"특약 삭제: {wanted}")
        special = kept
    for term in edit.add_special_terms:
        if term not in special:
            special.append(term)
            changes.append(f"특약 추가: {term}")
    return refresh({**draft, "terms": terms, "special_terms": special}), changes


# Words of a 수정 request that are not its content: "…을 특약에 넣어 주세요", "…추가해줘", "수정:".
_EDIT_LEAD = re.compile(
    r"^\s*(?:수정\s?(?:요청)?\s?[:：]?|특약\s?(?:에|으로|로)?\s?|add\s(?:a\s)?(?:special\s)?(?:clause|term)s?\s?(?:that|for|to|:)?)\s*",
    re.I,
)
_EDIT_TAIL = re.compile(
    r"\s?(?:(?:을|를|도|은|는)?\s?(?:특약|조항|조건|문구)\s?(?:에|으로|로|사항)?\s?)?"
    r"(?:(?:추가|포함|기재|삽입)\s?(?:해|하여|시켜)?\s?(?:줘|주세요|줄래|주실래요|주라|줘요|달라)?|넣어\s?(?:줘|주세요|줄래|요)?|"
    r"넣기|적어\s?(?:줘|주세요)?|써\s?(?:줘|주세요)?|해\s?(?:줘|주세요)|부탁(?:해|드려요|합니다)?)?"
    r"[\s.!~요]{0,10}$"
)
_REMOVE_TAIL = re.compile(
    r"\s?(?:(?:을|를|은|는)?\s?(?:특약|조항)?\s?(?:에서)?\s?)"
    r"(?:빼|삭제|지워|없애|제외|취소)[가-힣\s]{0,20}[.!~]{0,5}$|^\s?(?:remove|delete|drop)\s(?:the\s)?(?:clause\s)?",
    re.I,
)
_ROLE_WORDS = re.compile(
    r"보증금|월세|차임|전세금|매매대금|매매가|계약\s?기간|기간|시작일|입주일|주소|으로|로|을|를|은|는|이|가|"
    r"바꿔\s?(?:줘|주세요)?|변경(?:해\s?(?:줘|주세요))?|수정(?:해\s?(?:줘|주세요))?|고쳐\s?(?:줘|주세요)?|"
    r"해\s?(?:줘|주세요)|할게|하자|요|부탁해|[,.!~:：]"
)
# Words that make a remainder read as a contract term rather than chatter.
_TERM_CUE = re.compile(r"특약|조항|clause")
_TERM_NOUN = re.compile(
    r"(?:허용|금지|불가|가능|부담|책임|보장|가입|협조|포함|면제|수리|수선|원상복구|반환|말소|승계|인정|"
    r"동의|제공|지급|allowed|prohibited|permitted|forbidden)$",
    re.I,
)


def parse_edit(text: str, kind: str, today: dt.date) -> ContractEdit:
    """A free-text 수정 read into the edit schema: amounts by role, period, start date, address, and
    the rest as a 특약 to add or remove — only when it reads as a term, never the request words."""
    text = strip_negated(text)
    fields: dict[str, Any] = {}
    norm = normalize(clip(text))
    money = parse_money(norm)
    for m in money:
        if m.role == "deposit" or (m.role == "price" and kind == "lease" and m.manwon >= MAX_MONTHLY_MANWON):
            fields.setdefault("deposit_manwon", m.manwon)
        elif m.role == "monthly" or (m.role == "price" and kind == "lease"):
            fields.setdefault("monthly_rent_manwon", m.manwon)
        elif m.role == "price":
            fields.setdefault("price_manwon", m.manwon)
    found = contract_terms(norm, today)
    fields |= {k: v for k, v in found.items()}
    rest = _remainder(norm, money, found)
    removing = _REMOVE_TAIL.search(rest)
    if removing:
        wanted = _clean_term(_REMOVE_TAIL.sub("", rest))
        if wanted:
            fields["remove_special_terms"] = [wanted]
    else:
        cued = bool(_TERM_CUE.search(rest))
        term = _clean_term(rest)
        if term and (cued or _TERM_NOUN.search(term)):
            fields["add_special_terms"] = [term[:200]]
    try:
        return ContractEdit.model_validate(fields)
    except ValueError:
        return ContractEdit()


def _remainder(norm: str, money: list[Any], found: dict[str, Any]) -> str:
    """The text without its amounts, period, date and address."""
    spans = [(m.start, m.end) for m in money]
    rest = mask(norm, spans)
    if found.get("address"):
        rest = rest.replace(str(found["address"]), " ")
    rest = re.sub(r"(?<![\d.])\d{1,2}\s?(?:년|개월|달)(?:\s?(?:계약|간|동안))?", " ", rest)
    rest = re.sub(r"(?:20\d{2}\s?[년./-]\s?)?\d{1,2}\s?[월./-]\s?\d{1,2}\s?일?\s?(?:부터|시작)?", " ", rest)
    return re.sub(r"\s+", " ", rest).strip()


def _clean_term(text: str) -> str | None:
    """ "반려동물 허용 특약 추가해줘" → "반려동물 허용"; None when nothing of substance is left."""
    term = _EDIT_LEAD.sub("", text.strip())
    for _ in range(3):  # "…을 특약에 넣어 주세요" peels in steps
        term = _EDIT_TAIL.sub("", term).strip(" ,.")
    if _ROLE_WORDS.sub("", term).strip() == "" or len(re.findall(r"[가-힣a-z]", term, re.I)) < 2:
        return None
    return term


APPROVE = re.compile(
    r"승인|좋아|좋습니다|좋네|괜찮네|괜찮아요|확인|확정|진행|이대로|그걸로|그대로|(?<![가-힣])(?:네|예)(?![가-힣])"
    r"|\bok\b|okay|approve|yes|looks good|go ahead",
    re.IGNORECASE,
)
QUESTION_END = re.compile(r"[?？]|(?:나요|까요|어때|해요\?|할까|돼\?|어떻게|뭐야|뭔데)")
# Refusals of the whole draft: "폐기해주세요", "없던 걸로 해요", "안 할래요", "never mind", "scrap it".
REJECT = re.compile(
    r"거절|취소|그만|필요\s*없|싫|폐기|파기|없던\s?(?:걸로|것으로|일로)|안\s?(?:할래|할게|하겠|할란)"
    r"|reject|cancel|no\b|never\s?mind|scrap|discard|forget (?:it|the draft|about it)|drop (?:it|the draft)",
    re.IGNORECASE,
)
# A refusal asked politely as a question ("취소해 주실래요?", "그만할까요?") still refuses the draft.
REJECT_ORDER = re.compile(
    r"(?:거절|취소|그만|폐기|파기)(?:해|하)?(?:줘|주세요|주실래요|주시겠어요|줄래요|줄래|할게요|할래요|할까요|하죠|합시다|요)?[?？.!~]{0,3}$"
    r"|(?:cancel|reject|scrap|discard)(?:it|this|thedraft)?[?？.!]{0,3}$",
    re.IGNORECASE,
)
# A refusal word said of a clause or beside a change is an edit, not a refusal of the whole draft:
# "반려동물 특약 취소해줘" removes a clause, "확정은 안 할래요 보증금 바꿀래요" changes a sum.
_DRAFT_PART = re.compile(
    r"특약|조항|문구|clause|바꾸|바꿀|바꿔|수정|고쳐|고칠|변경|추가|넣어|넣을|빼(?:줘|주|고|서)"
    r"|(?:전세|월세|반전세|매매)(?:로|으로)",  # "월세로 안 할래요 전세로 해주세요": the lease changed
    re.IGNORECASE,
)
# An approval said with a value is a change ("보증금 2억으로 하고 나머지는 그대로"), never a plain yes.
_NAMES_VALUE = re.compile(r"\d|[일이삼사오육칠팔구십]\s?(?:억|천)")
# Longer English assent ("Looks good, go ahead with it"): the words of approval, the rest filler.
_ASSENT_EN = re.compile(
    r"^(?:(?:ok|okay|yes|yep|sure|fine|great|perfect|looks good|go ahead|approve|confirm"
    r"|proceed|with it|with that|that'?s fine|do it|please|thanks?)[\s,.!]{0,6}){1,8}$",
    re.IGNORECASE,
)


def decide(answer: Any) -> tuple[str, str | None]:
    """Maps a resume value to approve/modify/reject; free text counts as a modification request."""
    if not isinstance(answer, dict):
        answer = {"action": "answer", "feedback": str(answer or "")}
    action, feedback = answer.get("action"), (answer.get("feedback") or "").strip() or None
    if action in ("approve", "modify", "reject"):
        return action, feedback
    text = feedback or ""
    refuses = REJECT.search(text) and not (_DRAFT_PART.search(text) or _NAMES_VALUE.search(text))
    if refuses and (not QUESTION_END.search(text) or REJECT_ORDER.search(text.replace(" ", ""))):
        return "reject", None  # "가계약금 취소하면 돌려받나요?" asks about cancelling; it cancels nothing
    short_assent = (
        APPROVE.search(text)
        and len(text) <= 24
        and not EDIT_REQUEST.search(text)
        and not QUESTION_END.search(text)
        and not _NAMES_VALUE.search(text)
        and not _DRAFT_PART.search(text)
    )
    if APPROVE.fullmatch(text.strip(" .!")) or short_assent or _ASSENT_EN.fullmatch(text.strip()):
        return "approve", None  # "좋아 이대로 승인할게", "Looks good, go ahead with it"
    return "modify", text or None


async def _contract_draft(ctx: StepContext) -> dict[str, Any]:
    """The draft waits for approval in the graph's approval node (agents/approval.py), which can keep
    it pending while other questions are answered."""
    return {"status": AWAITING_APPROVAL, "document": _draft(ctx)}


AWAITING_APPROVAL = "awaiting_approval"

TASKS: dict[str, Task] = {"define_term": _define_term, "contract_draft": _contract_draft}
