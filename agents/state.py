"""Graph state. Bounded on purpose: a window of recent messages, a running summary and the
conversation's slots — the full transcript lives in `chat_messages`, not in checkpoints."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, TypedDict

RESET = "__reset__"


def merge_per_turn(left: dict[str, Any] | None, right: dict[str, Any] | None) -> dict[str, Any]:
    """Merge parallel team writes; an update carrying RESET starts the turn's dict afresh."""
    if not right:
        return dict(left or {})
    if right.get(RESET):
        return {k: v for k, v in right.items() if k != RESET}
    return {**(left or {}), **right}


class WindowMessage(TypedDict):
    role: str  # "user" | "assistant"
    content: str


@dataclass(frozen=True)
class RunContext:
    """Run context (LangGraph `context_schema`): who the turn is for. The server sets it from the
    authenticated user on every invocation; it is never part of the input or the checkpointed state, so
    no client-supplied input or state update can name another user."""

    user_id: str = ""


class AgentState(TypedDict, total=False):
    # Input of one turn (the user is not state: see RunContext).
    query: str
    turn_id: str

    # Written by planning, once per turn.
    planned_turn_id: str
    intent: str
    act: str  # dialogue act of the turn: new | follow_up | correction | answer (agents/dialogue.py)
    recent_months: int | None  # the period is the place's latest N data months ("최근")
    listing: bool  # the answer lists deals (a search or a count of one): dialogue.LISTING_KEY
    slots: dict[str, Any]
    plan: list[dict[str, Any]]
    used_memory: list[dict[str, Any]]
    notes: list[str]  # things the answer must say (e.g. "기간은 데이터 기준 최근 12개월")

    # Written by the teams, in parallel; emptied by respond once the answer has been sent, so a
    # finished turn's checkpoint holds only what the next turn reads (the answer is in chat_messages).
    step_status: Annotated[dict[str, str], merge_per_turn]
    results: Annotated[dict[str, Any], merge_per_turn]

    # Conversation memory that survives turns, bounded.
    window: list[WindowMessage]
    summary: str
    context_slots: dict[str, Any]  # the previous answered turn's frame, which a follow-up inherits
    context_intent: str
    # The last frame about data (시세, 검색, 평가, 추천): a side question (a law, a word, an aside) in
    # between does not make "다시 옥수동 얘기로, 국평만 보면요?" lose the conditions it returns to.
    data_context_slots: dict[str, Any]
    data_context_intent: str
    # The last loan or yield frame: after a side question ("DSR이 뭐예요?"), a changed amount ("집을 7억으로
    # 낮추면 얼마까지 돼요") redoes that calculation with its other amounts (agents/dialogue.py).
    calc_context_slots: dict[str, Any]
    calc_context_intent: str

    # A message sent while the assistant waited (agents/approval.py, planning's clarifying question):
    # "kept" when a new question was answered and the contract draft still waits, "dropped" when a new
    # question replaced an unanswered clarifying question. Reset by every new turn's input.
    pending_outcome: str | None
    pending_approval: dict[str, Any] | None  # the drafting turn held while other questions run

    # Long-term memory: `use_memory` False (a run option) answers without it; `memory_retried` marks the
    # second try of a turn whose memory-filled answer came back empty. Reset by every new turn's input.
    use_memory: bool
    memory_retried: bool
    turn_count: int
