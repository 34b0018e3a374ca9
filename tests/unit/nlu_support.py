"""What the NLU and dialogue unit tests share: the evaluation sets' `today`, the data's last days, and
reading a chat's turns the way the planning node does."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace
from typing import Any

from agents.dialogue import DATA_FRAME_INTENTS, LISTING_KEY, Frame, PreviousFrame, frame_turn, request_part
from agents.domain.slots import Intent
from agents.gazetteer import Gazetteer
from agents.nlu import parse
from agents.planning import frame_of, strip_negated

TODAY = date(2026, 11, 21)
SEOUL_END, BUNDANG_END = date(2024, 12, 30), date(2025, 12, 31)


def converse(gaz: Gazetteer, turns: list[str]) -> list[Frame]:
    """The frames of a chat's turns, read as planning reads them (no memory, no clarifying question)."""
    deps = SimpleNamespace(gazetteer=gaz, today=lambda: TODAY)
    state: dict[str, Any] = {}
    frames: list[Frame] = []
    for text in turns:
        query = request_part(text)
        nlu = parse(strip_negated(query), gaz, TODAY)
        frame = frame_of({**state, "query": query}, nlu, deps)  # type: ignore[arg-type]
        frames.append(frame)
        context = {**frame.slots.model_dump(), "_recent_months": frame.recent_months}
        state["context_slots"], state["context_intent"] = context, frame.intent.value
        if frame.intent in DATA_FRAME_INTENTS:
            state["data_context_slots"], state["data_context_intent"] = context, frame.intent.value
    return frames


def talk(gaz: Gazetteer, turns: list[str], *, marker: bool = True) -> list[Frame]:
    """The frames of a chat read as planning reads them, the frame kept as the graph state keeps it
    (`marker=False`: as a frame saved before LISTING_KEY existed)."""
    deps = SimpleNamespace(gazetteer=gaz, today=lambda: TODAY)
    state: dict[str, Any] = {}
    frames: list[Frame] = []
    for text in turns:
        query = request_part(text)
        nlu = parse(strip_negated(query), gaz, TODAY)
        frame = frame_of({**state, "query": query}, nlu, deps)  # type: ignore[arg-type]
        frames.append(frame)
        slots = {k: v for k, v in frame.slots if v is not None}
        if frame.intent in (Intent.UNCLEAR, Intent.IRRELEVANT) and not slots:
            continue  # an aside leaves the chat's frame as it was
        context = {**slots, "_recent_months": frame.recent_months}
        if marker:
            context[LISTING_KEY] = frame.listing
        state["context_slots"], state["context_intent"] = context, frame.intent.value
        if frame.intent in DATA_FRAME_INTENTS:
            state["data_context_slots"], state["data_context_intent"] = context, frame.intent.value
    return frames


@dataclass
class Chat:
    """Turns read one after another the way the planning node does (NLU, then the dialogue state)."""

    gaz: Gazetteer
    previous: PreviousFrame | None = None

    def say(self, text: str) -> Frame:
        nlu = parse(strip_negated(text), self.gaz, TODAY)
        weak = nlu.intent in (Intent.IRRELEVANT, Intent.UNCLEAR)
        frame = frame_turn(
            text,
            nlu.intent,
            nlu.fragment_slots if weak else nlu.slots,
            strong_intent=nlu.confidence >= 0.7,
            weak_cue=nlu.confidence >= 0.6,
            recent_months=nlu.recent_months if nlu.wants_recent else None,
            previous=self.previous,
            today=TODAY,
            outside_place=bool(nlu.unknown_regions),
        )
        self.previous = PreviousFrame(frame.intent, frame.slots, frame.recent_months)
        return frame
