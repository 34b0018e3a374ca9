"""Contract approval: a draft waits for approve / modify / reject, and a question asked meanwhile is
answered without losing the draft.

The document team only drafts. This node holds the draft (intent, slots, plan and results of the
drafting turn) in the state and pauses with `interrupt()`. The user's reply arrives as the resume
value: approve / modify / reject (buttons or words) finish the drafting turn; a new question
(agents/dialogue.py `is_new_question`) is planned and answered as a turn of its own, and after its
answer the graph comes back here and pauses again — the approval stays pending ("kept").
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from langchain_core.language_models import BaseChatModel
from langgraph.types import Command, interrupt

from agents.deps import AgentDeps
from agents.dialogue import is_new_question, reply_text, strip_negated
from agents.domain.slots import Intent, Slots
from agents.domain.units import normalize
from agents.formatting import won
from agents.planning import STRONG_CUE_CONFIDENCE, understand
from agents.state import RESET, AgentState
from agents.teams.document import AWAITING_APPROVAL, ContractEdit, apply_edit, decide, parse_edit, refresh

CHOICES = "승인 / 수정 / 거절 중에서 골라 주세요."
QUESTION = "계약서 체크리스트 초안을 확인해 주세요. " + CHOICES
STILL_PENDING = "계약서 초안은 아직 승인을 기다리고 있어요. "
NOTHING_TO_CHANGE = (
    "바꿀 내용을 찾지 못했어요. 보증금·월세·기간·시작일·주소를 바꾸거나 특약을 더하고 뺄 수 있어요 "
    "(예: '보증금 2억으로', '반려동물 허용 특약 추가', '반려동물 특약 빼줘'). "
)


def question_for(draft: dict[str, Any]) -> str:
    """The approval question with the draft's terms in it, so the user sees what they approve."""
    summary = terms_summary(draft)
    head = (
        f"계약서 체크리스트 초안({summary})을 확인해 주세요. " if summary else QUESTION.removesuffix(CHOICES)
    )
    return head + CHOICES


def terms_summary(draft: dict[str, Any]) -> str:
    terms = draft.get("terms") or {}
    parts = [
        terms.get("deal_type") if draft.get("kind") != "sale" else "매매",
        f"매매대금 {won(terms['price_manwon'])}" if terms.get("price_manwon") else None,
        f"보증금 {won(terms['deposit_manwon'])}" if terms.get("deposit_manwon") is not None else None,
        f"월세 {won(terms['monthly_rent_manwon'])}" if terms.get("monthly_rent_manwon") else None,
        f"{terms['term_months']}개월" if terms.get("term_months") else None,
        f"{terms['start_date']}부터" if terms.get("start_date") else None,
        terms.get("address") if terms.get("address_given") else None,
    ]
    return ", ".join(p for p in parts if p)


def awaiting_step(state: AgentState) -> str | None:
    """The plan step whose draft waits for approval in this turn's results, if any."""
    for step_id, result in (state.get("results") or {}).items():
        if (result.get("data") or {}).get("status") == AWAITING_APPROVAL:
            return step_id
    return None


def _hold(state: AgentState, step_id: str) -> dict[str, Any]:
    """What finishing the drafting turn later needs, kept while other questions run."""
    results = state.get("results") or {}
    return {
        "step_id": step_id,
        "intent": state["intent"],
        "slots": state["slots"],
        "plan": state.get("plan") or [],
        "step_status": state.get("step_status") or {},
        "results": results,
        "draft": results[step_id]["data"]["document"],
    }


def make_approval_node(deps: AgentDeps, llm: BaseChatModel | None):
    async def approval(state: AgentState) -> Command:
        step_id = awaiting_step(state)  # a draft of this turn supersedes one held from before
        held = _hold(state, step_id) if step_id else state.get("pending_approval")
        assert held, "routed to approval without a draft"
        held = dict(held)
        # a revision just applied says what changed; a draft held over another question says it waits
        question = held.pop("question", None) or (
            question_for(held["draft"]) if step_id else STILL_PENDING + question_for(held["draft"])
        )
        reply = interrupt({"type": "contract_approval", "question": question, "payload": held["draft"]})
        text = reply_text(reply)
        named: Slots | None = None
        action, feedback = decide(reply)  # 승인 / 거절 words decide before anything else
        if action == "modify" and isinstance(reply, dict) and reply.get("action") == "answer" and text:
            nlu = await understand(strip_negated(text), deps, llm)
            strong = nlu.confidence >= STRONG_CUE_CONFIDENCE
            if is_new_question(
                text,
                nlu.intent,
                strong_intent=strong,
                pending="contract_approval",
                pending_intent=Intent.CONTRACT_CREATION,
            ):
                update = {"query": text, "pending_approval": held, "pending_outcome": "kept"}
                return Command(goto="planning", update=update)
            named = nlu.slots if nlu.intent not in (Intent.IRRELEVANT, Intent.UNCLEAR) else nlu.fragment_slots
        revisions = int(held.pop("revisions", 0))
        if action == "modify" and revisions + 1 < MAX_REVISIONS:
            edit = reply.get("edit") if isinstance(reply, dict) else None
            held, changes = revise(held, feedback, named, edit, deps.today())
            if changes:
                question = f"요청하신 내용을 반영했어요 ({', '.join(changes)}). " + question_for(
                    held["draft"]
                )
            else:
                question = NOTHING_TO_CHANGE + question_for(held["draft"])
            # The revised draft waits for approval again, in the state: the turn's slots are the
            # revised ones while it waits (what a client reading the paused state sees).
            return Command(
                goto="approval",
                update={
                    "intent": held["intent"],
                    "slots": held["slots"],
                    "results": {RESET: True},
                    "pending_approval": {**held, "question": question, "revisions": revisions + 1},
                },
            )
        decided = (
            {"status": "rejected"}
            if action == "reject"
            else {"status": "approved" if action == "approve" else "modified", "document": held["draft"]}
        )
        step_id = held["step_id"]
        plan, results = _final_steps(held, step_id, decided)
        return Command(
            goto="respond",
            update={
                "intent": held["intent"],
                "act": "answer",
                "slots": held["slots"],
                "plan": plan,
                "step_status": {RESET: True, **held["step_status"]},
                "results": {RESET: True, **results},
                "pending_approval": None,
                "pending_outcome": None,
                "used_memory": [],
                "notes": [],
            },
        )

    return approval


MAX_REVISIONS = 20  # then the last reply decides, so a draft is never revised without end


def _final_steps(
    held: dict[str, Any], step_id: str, decided: dict[str, Any]
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Approved: the document first, its statute references after. Rejected: no document and no
    statutes — only the contract step remains."""
    results = {**held["results"], step_id: {**held["results"][step_id], "data": decided}}
    draft_step = [s for s in held["plan"] if s["id"] == step_id]
    others = [s for s in held["plan"] if s["id"] != step_id]
    if decided["status"] == "rejected":
        return draft_step, {step_id: results[step_id]}
    return draft_step + others, results


def revise(
    held: dict[str, Any],
    feedback: str | None,
    named: Slots | None,
    edit: Any,
    today: dt.date,
) -> tuple[dict[str, Any], list[str]]:
    """A modification, read into the one edit schema (`ContractEdit`, docs/CONTRACTS.md): a
    structured `edit` as given, or the free text parsed into it; a place the reply names (금곡동 …)
    also moves the draft's slots. Returns the held draft and what changed, in Korean."""
    slots = dict(held["slots"])
    draft = held["draft"]
    kind = draft.get("kind", "lease")
    if isinstance(edit, dict):
        try:
            parsed = ContractEdit.model_validate(edit)
        except ValueError:
            parsed = ContractEdit()
    else:
        parsed = parse_edit(feedback or "", kind, today)
    draft, changes = apply_edit(draft, parsed)
    place = {k: v for k, v in (named or Slots()) if v is not None and k in PLACE_SLOTS}
    if place and not _names_place(feedback or "", place, slots):
        place = {}  # "please change the deposit to 420 million": an English word read as a complex moves nothing
    if place:
        slots |= place
        if not draft["terms"].get("address_given"):
            label = " ".join(str(place[k]) for k in ("sigungu", "dong", "complex") if place.get(k))
            draft = {**draft, "terms": {**draft["terms"], "address": label or draft["terms"].get("address")}}
            changes.append(f"목적물 {label}" if label else "목적물")
    deal = named.deal_type if named is not None else None
    # 전세 ↔ 월세 changes the lease; a lease never turns into a sale checklist by an edit
    if deal and deal != draft["terms"].get("deal_type") and (deal == "매매") == (kind == "sale"):
        draft = refresh({**draft, "terms": {**draft["terms"], "deal_type": deal}})
        slots["deal_type"] = deal
        changes.append(f"거래 유형 {deal}")
    slots |= _edited_amounts(parsed, kind, slots, held["draft"])
    for name in ("term_months", "address"):
        if parsed.model_dump().get(name) is not None:
            slots[name] = parsed.model_dump()[name]
    if parsed.start_date is not None:
        slots["start_date"] = parsed.start_date.isoformat()
    return {**held, "slots": slots, "draft": draft}, changes


# A place written in English: "Jeongja-dong", "Seocho-gu", "move it to the unit at …".
_ROMAN_PLACE = re.compile(
    r"[a-z]{2,20}-(?:dong|gu)\b|\b(?:address|unit at|apartment at|home at|move (?:it|the draft) to)\b"
)


def _names_place(feedback: str, place: dict[str, Any], slots: dict[str, Any]) -> bool:
    """Whether an edit really names a home: the draft has none yet, or the reply writes the place's
    name (its first two letters at least: "헬리오로 바꿔", "금곡동 집으로") or an English address. An
    edit of a sum or a clause never moves the draft's home, whatever word the reader took for a name."""
    if not any(slots.get(k) for k in PLACE_SLOTS):
        return True
    compact = normalize(feedback).replace(" ", "")
    for key in ("complex", "dong", "sigungu"):
        name = re.sub(r"[^가-힣a-z0-9]", "", str(place.get(key) or "").lower())
        if len(name) >= 2 and name[:2] in compact:
            return True
    return bool(_ROMAN_PLACE.search(normalize(feedback)))


def _edited_amounts(
    edit: ContractEdit, kind: str, slots: dict[str, Any], before: dict[str, Any]
) -> dict[str, Any]:
    """The turn's slots follow the sums the edit changed, so the frame a later turn inherits (and the
    state a client reads while the draft waits) holds the draft's sums: a sale's price is the asking
    price ("금액 8억7천으로 바꿔줘요"), a lease's deposit and rent their own slots (a deposit the draft
    took from a bare sum, "전세 3억 계약서", leaves that sum behind)."""
    update: dict[str, Any] = {}
    if kind == "sale":
        if edit.price_manwon is not None:
            update["asking_price_manwon"] = edit.price_manwon
        return update
    if edit.deposit_manwon is not None:
        update["deposit_manwon"] = edit.deposit_manwon
        old = (before.get("terms") or {}).get("deposit_manwon")
        if (
            slots.get("deposit_manwon") is None
            and old is not None
            and slots.get("asking_price_manwon") == old
        ):
            update["asking_price_manwon"] = None
    if edit.monthly_rent_manwon is not None:
        update["monthly_rent_manwon"] = edit.monthly_rent_manwon
    return update


PLACE_SLOTS = {"sigungu", "sigungu_code", "dong", "complex", "complex_id"}
