"""The LLM planning path must not score lower than the offline planner on the same sets.

A scripted model that reads every message exactly as the offline NLU does (and answers with the
templated facts) goes through the LLM code path — prompt, JSON reply, merge into the NLU's shape,
the dialogue layer — and must give the same turn scores as the offline run (tests/eval/harness.py).
The held-back set is never opened here.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, ClassVar

import pytest

import tests.eval.harness as harness
from agents.nlu import parse
from tests.integration.scripted_llm import ScriptedChatModel

EVAL = Path(__file__).resolve().parents[1] / "eval"
DEV_TURNS = 60


def dev_slice(turns: int) -> dict[str, Any]:
    """The first whole conversations of the dev set that hold at least `turns` turns."""
    doc = harness.load_set(EVAL / "dev.json")
    kept: list[dict[str, Any]] = []
    for conversation in doc["conversations"]:
        if sum(len(c["turns"]) for c in kept) >= turns:
            break
        kept.append(conversation)
    return {**doc, "name": "dev-slice", "conversations": kept}


class ScriptedLlmGraph(harness.FixedTodayGraph):
    """The harness's graph factory with the scripted model passed to `build_graph`."""

    models: ClassVar[list[ScriptedChatModel]] = []

    async def __call__(self, engine: Any, checkpointer: Any, settings: Any) -> Any:
        from agents.graph import build_graph

        deps = await harness.agent_deps(engine, settings)
        deps.today = lambda: self.today
        llm = ScriptedChatModel(read=lambda text: parse(text, deps.gazetteer, self.today))
        ScriptedLlmGraph.models.append(llm)
        self.graph = build_graph(checkpointer, deps, llm)
        return self.graph


def per_turn(score: harness.SetScore) -> list[tuple[Any, ...]]:
    return [
        (s.conversation, s.index, s.intent_ok, s.slots_ok, s.figures_ok, s.right, s.asked, s.diffs)
        for s in score.turns
    ]


@pytest.mark.parametrize(
    "doc", [harness.load_set(EVAL / "sample.json"), dev_slice(DEV_TURNS)], ids=["sample", "dev60"]
)
async def test_scripted_llm_planner_scores_like_the_offline_planner(
    doc, db_url, test_settings, loaded_engine, monkeypatch, caplog
):
    offline = await harness.score_set(doc, db_url, test_settings)
    monkeypatch.setattr(harness, "FixedTodayGraph", ScriptedLlmGraph)
    ScriptedLlmGraph.models = []
    with caplog.at_level(logging.WARNING):
        scripted = await harness.score_set(doc, db_url, test_settings)
    print("\noffline:\n" + harness.format_aggregates(offline.aggregates()))
    print("scripted LLM:\n" + harness.format_aggregates(scripted.aggregates()))

    [llm] = ScriptedLlmGraph.models
    planned = sum(kind == "planning" for kind, _ in llm.calls)
    assert planned >= len(scripted.turns)  # every message went through the model
    failed = [r.getMessage() for r in caplog.records if "LLM" in r.getMessage()]
    assert not failed, f"the model's replies were not used: {failed}"
    assert per_turn(scripted) == per_turn(offline)
    assert scripted.aggregates() == offline.aggregates()
