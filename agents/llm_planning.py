"""Planning with an LLM: structured output into the same Intent/Slots models as the offline NLU.

The model proposes intent and slots; names are checked against the data (via the offline parse of
the same text), so a hallucinated region or complex never reaches a query.
"""

from __future__ import annotations

import json

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel

from agents.deps import AgentDeps
from agents.domain.slots import Intent, Slots
from agents.nlu import NluResult

PLANNER_SYSTEM = (
    "Classify a Korean real-estate question. intent is one of: "
    + ", ".join(i.value for i in Intent)
    + ". Fill slots: money as integer 만원 (5억 = 50000), areas in ㎡ (1평 = 3.3058㎡), dates ISO. "
    "Leave a slot null when the question does not say it."
)

# Slots whose values must exist in our data; only the offline gazetteer match may set them.
GROUNDED_SLOTS = ("sigungu", "sigungu_code", "dong", "complex", "complex_id")


class LlmPlan(BaseModel):
    intent: Intent
    slots: Slots


def _json_block(text: str) -> str:
    """From the first "{" to the last "}" (string search: a regex here was quadratic on "{{{{")."""
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end < start:
        raise ValueError("no JSON object in the model output")
    return text[start : end + 1]


async def _ask(llm: BaseChatModel, query: str) -> LlmPlan:
    messages = [SystemMessage(PLANNER_SYSTEM), HumanMessage(query)]
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


async def llm_understand(llm: BaseChatModel, query: str, offline: NluResult, deps: AgentDeps) -> NluResult:
    plan = await _ask(llm, query)
    proposed = plan.slots.model_dump()
    for key in GROUNDED_SLOTS:
        proposed[key] = getattr(offline.slots, key)
    slots = Slots.model_validate(proposed)
    slots, _ = slots.missing_filled_from(offline.slots)
    return offline.model_copy(update={"intent": plan.intent, "slots": slots})
