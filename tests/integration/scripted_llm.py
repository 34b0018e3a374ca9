"""A scripted chat model (no network) that answers each kind of call the product makes.

It tells the calls apart by their system prompt: planning (agents/llm_planning.py) gets the offline
NLU's reading of the same message as JSON, unless a test scripts another; memory extraction
(memory/extract.py) gets the scripted preferences; the answer (agents/respond.py) echoes the templated
facts it was given, so the content is exactly the offline answer. Every call's messages are recorded.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import ConfigDict, Field

from agents.domain.slots import Intent
from agents.llm_planning import PLANNER_SYSTEM
from agents.nlu import NluResult
from agents.respond import LLM_SYSTEM
from memory.extract import LLM_INSTRUCTIONS

FACTS_MARKER = "\n\n사실:\n"
STRONG_CUE = 0.7  # agents.planning.STRONG_CUE_CONFIDENCE


def offline_plan(nlu: NluResult) -> dict[str, Any]:
    """The offline reading in the planner's output shape (agents.llm_planning.LlmPlan)."""
    weak = nlu.intent in (Intent.IRRELEVANT, Intent.UNCLEAR)
    slots = nlu.fragment_slots if weak else nlu.slots
    return {
        "intent": nlu.intent.value,
        "slots": slots.model_dump(mode="json"),
        "names_task": nlu.confidence >= STRONG_CUE and not weak,
    }


class ScriptedChatModel(BaseChatModel):
    """`read` is the offline NLU (text -> NluResult) the planner answers with; `plans` overrides it per
    message text; `preferences` is what memory extraction answers. No tool calling: the product takes
    its JSON-prompted path."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    read: Callable[[str], NluResult] | None = None
    plans: dict[str, dict[str, Any]] = Field(default_factory=dict)
    preferences: dict[str, Any] = Field(default_factory=lambda: {"kind": "none"})
    calls: list[tuple[str, list[BaseMessage]]] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def of_kind(self, kind: str) -> list[list[BaseMessage]]:
        return [messages for k, messages in self.calls if k == kind]

    def _generate(self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **_: Any):
        system = next((str(m.content) for m in messages if isinstance(m, SystemMessage)), "")
        human = [str(m.content) for m in messages if isinstance(m, HumanMessage)]
        if system.startswith(PLANNER_SYSTEM):
            kind, text = "planning", self._plan(human[0])
        elif system.startswith(LLM_INSTRUCTIONS):
            kind, text = "memory", json.dumps(self.preferences, ensure_ascii=False)
        elif system.startswith(LLM_SYSTEM):
            kind, text = "answer", human[0].split(FACTS_MARKER, 1)[1]
        else:
            raise AssertionError(f"unexpected call: {system[:80]!r}")
        self.calls.append((kind, list(messages)))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _plan(self, query: str) -> str:
        if query in self.plans:
            return json.dumps(self.plans[query], ensure_ascii=False)
        assert self.read is not None, f"no scripted plan for {query!r}"
        return json.dumps(offline_plan(self.read(query)), ensure_ascii=False)
