"""Contract approval: a draft waits for approve / modify / reject, and a question asked meanwhile is
answered without losing the draft.

The document team only drafts. This node holds the draft (intent, slots, plan and results of the
drafting turn) in the state and pauses with `interrupt()`. The user's reply arrives as the resume
value: approve / modify / reject (buttons or words) finish the drafting turn; a new question
(agents/dialogue.py `is_new_question`) is planned and answered as a turn of its own, and after its
answer the graph comes back here and pauses again — the approval stays pending ("kept").
"""

from __future__ import annotations

import re
from typing import Any

from langchain_core.language_models import BaseChatModel
from langgraph.types import Command, interrupt

from agents.deps import AgentDeps
from agents.dialogue import is_new_question, reply_text, strip_negated
from agents.domain.slots import Intent, Slots
from agents.planning import STRONG_CUE_CONFIDENCE, understand
from agents.state import RESET, AgentState
from agents.teams.document import AWAITING_APPROVAL, decide

QUESTION = (
    "계약서 체크리스트 초안을 확인해 주세요. 승인(approve), 수정(modify), 거절(reject) 중 선택해 주세요."
)
STILL_PENDING = "계약서 초안은 아직 승인을 기다리고 있어요. "


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
        question = QUESTION if step_id else STILL_PENDING + QUESTION
        for _ in range(MAX_REVISIONS):
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
                named = (
                    nlu.slots if nlu.intent not in (Intent.IRRELEVANT, Intent.UNCLEAR) else nlu.fragment_slots
                )
            if action != "modify":
                break
            held = revise(held, feedback, named)  # the revised draft waits for approval again
            question = REVISED + QUESTION
        decided = (
            {"status": "rejected"}
            if action == "reject"
            else {"status": "approved" if action == "approve" else "modified", "document": held["draft"]}
        )
        step_id = held["step_id"]
        results = {**held["results"], step_id: {**held["results"][step_id], "data": decided}}
        return Command(
            goto="respond",
            update={
                "intent": held["intent"],
                "act": "answer",
                "slots": held["slots"],
                "plan": held["plan"],
                "step_status": {RESET: True, **held["step_status"]},
                "results": {RESET: True, **results},
                "pending_approval": None,
                "pending_outcome": None,
                "used_memory": [],
                "notes": [],
            },
        )

    return approval


MAX_REVISIONS = 20  # then the last reply decides, so a turn never loops without end
REVISED = "요청하신 내용을 반영했어요. "
_TERM_SLOTS = {"deposit_manwon": "deposit_manwon", "monthly_rent_manwon": "monthly_rent_manwon"}


def revise(held: dict[str, Any], feedback: str | None, named: Slots | None) -> dict[str, Any]:
    """A modification: the terms the reply names (보증금, 월세, the place) update the draft and its
    slots; anything else it asks for becomes a 특약 line."""
    slots = dict(held["slots"])
    draft = {**held["draft"], "terms": dict(held["draft"].get("terms") or {})}
    draft["special_terms"] = list(draft.get("special_terms") or [])
    changed = {k: v for k, v in (named or Slots()) if v is not None and k in REVISABLE_SLOTS}
    if changed.get("price_max_manwon") and "deposit_manwon" not in changed:
        changed["deposit_manwon"] = changed.pop(
            "price_max_manwon"
        )  # "보증금 4억이고": the contract's deposit
    if changed.get("asking_price_manwon") and slots.get("deal_type") in ("전세", "월세"):
        changed.setdefault("deposit_manwon", changed.pop("asking_price_manwon"))
    slots |= changed
    for name in ("deposit_manwon", "monthly_rent_manwon"):
        if name in changed:
            draft["terms"][name] = changed[name]
    if feedback and (not changed or _EDIT_WORDS.search(feedback)):
        draft["special_terms"].append(feedback)
    return {**held, "slots": slots, "draft": draft}


REVISABLE_SLOTS = {
    "sigungu",
    "sigungu_code",
    "dong",
    "complex",
    "complex_id",
    "deal_type",
    "deposit_manwon",
    "monthly_rent_manwon",
    "asking_price_manwon",
    "price_max_manwon",
}
_EDIT_WORDS = re.compile(r"특약|추가|넣어|조항|clause|add")
