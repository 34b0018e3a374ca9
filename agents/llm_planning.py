"""Planning with an LLM: structured output into the same Intent/Slots models as the offline NLU.

The model proposes intent and slots; names are checked against the data (via the offline parse of
the same text), so a hallucinated region or complex never reaches a query. The model also sees the
chat's recent messages and summary, so it can read a follow-up ("그럼 재작년은?") the way the user
meant it; which earlier conditions carry over is still decided by the dialogue state
(agents/dialogue.py), so the model is asked for what the latest message itself says.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field

from agents.deps import AgentDeps
from agents.domain.slots import Intent, Slots
from agents.nlu import NluResult

PLANNER_SYSTEM = (
    "Classify a Korean real-estate question. intent is one of: "
    + ", ".join(i.value for i in Intent)
    + ". Fill slots: money as integer 만원 (5억 = 50000), areas in ㎡ (1평 = 3.3058㎡), dates ISO. "
    "Leave a slot null when the question does not say it."
)
CONTEXT_RULES = (
    "The earlier conversation below is context only: use it to understand the latest message "
    "(a follow-up such as '그럼 재작년은?' or '그 단지는?' continues the previous question), but fill "
    "slots only with what the latest message itself says; the system carries earlier conditions over. "
    "names_task is true only when the latest message itself states its task (시세, 실거래, 대출, 추천, "
    "계약서, 법 조문 …), not when the task is only implied by earlier messages."
)

# Slots whose values must exist in our data; only the offline gazetteer match may set them.
GROUNDED_SLOTS = ("sigungu", "sigungu_code", "dong", "dong_parts", "complex", "complex_id")
PERIOD_SLOTS = ("period_from", "period_to")
WEAK_INTENTS = (Intent.IRRELEVANT, Intent.UNCLEAR)

# Bounds of the context put in the prompt: the planner needs the thread, not the transcript.
CONTEXT_MESSAGES = 6
CONTEXT_MESSAGE_CHARS = 300
CONTEXT_SUMMARY_CHARS = 1500

# Confidence of a reading that differs from the offline one, on the NLU's scale (agents/planning.py:
# >= 0.7 means the message named its task with a cue; 0.5 is the no-cue fallback).
NAMED_TASK_CONFIDENCE = 0.8
IMPLIED_TASK_CONFIDENCE = 0.5


class LlmPlan(BaseModel):
    intent: Intent
    slots: Slots
    names_task: bool = Field(
        default=False, description="the latest message itself states its task (not only earlier ones)"
    )


def _json_block(text: str) -> str:
    """From the first "{" to the last "}" (string search: a regex here was quadratic on "{{{{")."""
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end < start:
        raise ValueError("no JSON object in the model output")
    return text[start : end + 1]


def context_block(window: Sequence[Mapping[str, object]], summary: str) -> str:
    """The chat's summary and last messages, bounded (the newest part of each is kept)."""
    lines: list[str] = []
    if summary.strip():
        lines += ["Earlier in this chat (summary):", summary.strip()[-CONTEXT_SUMMARY_CHARS:]]
    recent = list(window)[-CONTEXT_MESSAGES:]
    if recent:
        lines.append("Recent messages (oldest first):")
        for message in recent:
            speaker = "user" if message.get("role") == "user" else "assistant"
            content = " ".join(str(message.get("content") or "").split())
            lines.append(f"{speaker}: {content[:CONTEXT_MESSAGE_CHARS]}")
    return "\n".join(lines)


def planner_messages(
    query: str, deps: AgentDeps, window: Sequence[Mapping[str, object]] = (), summary: str = ""
) -> list[SystemMessage | HumanMessage]:
    """System prompt (rules, today, the chat's context) and the latest message on its own."""
    system = f"{PLANNER_SYSTEM} Today is {deps.today().isoformat()}."
    context = context_block(window, summary)
    if context:
        system += f"\n\n{CONTEXT_RULES}\n\n{context}"
    return [SystemMessage(system), HumanMessage(query)]


async def _ask(llm: BaseChatModel, messages: list[SystemMessage | HumanMessage]) -> LlmPlan:
    try:
        structured = llm.with_structured_output(LlmPlan)
    except NotImplementedError:
        structured = None
    if structured is not None:
        result = await structured.ainvoke(messages)
        return result if isinstance(result, LlmPlan) else LlmPlan.model_validate(result)
    schema = json.dumps(LlmPlan.model_json_schema(), ensure_ascii=False)
    reply = await llm.ainvoke([*messages, HumanMessage(f"JSON only, matching this schema: {schema}")])
    return LlmPlan.model_validate_json(_json_block(str(reply.content)))


def merge_plan(plan: LlmPlan, offline: NluResult) -> NluResult:
    """The model's reading in the offline result's shape, so the dialogue layer treats both alike.

    Places come only from the offline gazetteer match, a data-relative "최근" period only from the
    NLU; other slots the model left null keep the NLU's value. When the model agrees on the intent
    the NLU's confidence and flags stand; otherwise the confidence says whether the message named
    its task, which is what the dialogue layer reads to tell a new question from a follow-up.
    """
    offline_named = offline.fragment_slots if offline.intent in WEAK_INTENTS else offline.slots
    proposed = plan.slots.model_dump()
    keep = GROUNDED_SLOTS + (PERIOD_SLOTS if offline.wants_recent else ())
    for key in keep:
        proposed[key] = getattr(offline_named, key)
    slots, _ = Slots.model_validate(proposed).missing_filled_from(offline_named)
    update: dict[str, object] = {"intent": plan.intent}
    if plan.intent in WEAK_INTENTS:  # such a reading carries no slots; the dialogue layer reads fragments
        update |= {"slots": Slots(), "fragment_slots": slots}
    else:
        update |= {"slots": slots}
    if plan.intent is not offline.intent:
        named = plan.names_task and plan.intent not in WEAK_INTENTS
        update |= {
            "sub_intents": [],
            "confidence": NAMED_TASK_CONFIDENCE if named else IMPLIED_TASK_CONFIDENCE,
        }
    return offline.model_copy(update=update)


async def llm_understand(
    llm: BaseChatModel,
    query: str,
    offline: NluResult,
    deps: AgentDeps,
    *,
    window: Sequence[Mapping[str, object]] = (),
    summary: str = "",
) -> NluResult:
    plan = await _ask(llm, planner_messages(query, deps, window, summary))
    return merge_plan(plan, offline)
