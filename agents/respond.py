"""Respond: turns the teams' tool results into the answer text, sections and structured_data.

Offline, the answer is a template over tool results. With an LLM the same sections are handed to
the model as the only facts it may state, and its tokens are streamed; numbers never come from it.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage
from langgraph.config import get_stream_writer
from langgraph.types import Command

from agents.answers import Section, build_sections
from agents.answers.market import MARKET_TITLES
from agents.deps import AgentDeps
from agents.dialogue import DATA_FRAME_INTENTS, LISTING_KEY, calc_frame_update
from agents.domain.entity_ids import complex_entity_id, dong_entity_id, sigungu_entity_id
from agents.domain.slots import Intent, Slots
from agents.formatting import is_english
from agents.state import RESET, AgentState, WindowMessage

log = logging.getLogger(__name__)

MOLIT_ATTRIBUTION = "출처: 국토교통부 실거래가 공개시스템(공공누리 제1유형)"
CAPABILITIES = (
    "- 아파트 실거래가 조회 (예: '대치동 은마 84㎡ 최근 실거래가')\n"
    "- 지역 시세와 추이 (예: '송파구 2024년 평균 매매가 추이')\n"
    "- 전세·월세 매물 조건 검색 (예: '분당 정자동 전세 5억 이하 30평대')\n"
    "- 가격 적정성 평가 (예: '잠실엘스 84㎡ 25억 적정해?')\n"
    "- 대출 한도 계산 LTV·DSR (예: '연봉 8천에 6억 아파트 대출 얼마나 나와?')\n"
    "- 임대차 법률 질문, 조문 인용 (예: '갱신요구권 몇 번 쓸 수 있어?')\n"
    "- 임대차 계약서 체크리스트 작성"
)
CAPABILITIES_EN = (
    "- Real sale prices of an apartment (e.g. 'recent sales of 은마 84㎡ in Daechi-dong')\n"
    "- Price levels and trends of an area (e.g. 'median sale price in Songpa-gu in 2024')\n"
    "- Jeonse and monthly-rent contracts by condition (e.g. 'jeonse under 500 million in Jeongja-dong')\n"
    "- Whether a price is fair (e.g. 'is 2.5 billion fair for 잠실엘스 84㎡?')\n"
    "- Loan limits under LTV and DSR (e.g. 'I earn 80 million a year, how much can I borrow for a 600 "
    "million apartment?')\n"
    "- Lease-law questions answered from the statutes (e.g. 'how many times can I renew my lease?')\n"
    "- A lease contract checklist"
)
MAX_ROWS = 20
_SECTION_BREAK = re.compile(r"(?<=\n\n)")


DATA_TASKS = ("search_trades", "search_rents", "market_stats", "evaluate_price", "recommend_complexes")


def found_nothing(plan: list[dict[str, Any]], results: dict[str, Any]) -> bool:
    """Every data step of the plan came back empty (no rows, no statistics, no candidates)."""
    steps = [s for s in plan if s["task"] in DATA_TASKS]
    if not steps:
        return False
    for step in steps:
        data = (results.get(step["id"]) or {}).get("data") or {}
        stats = data.get("stats") or {}
        if data.get("rows") or data.get("complexes") or (stats.get("count") or 0) > 0:
            return False
    return True


def _collect_rows_and_sources(
    plan: list[dict[str, Any]], results: dict[str, Any]
) -> tuple[list, list, Any, list[dict[str, Any]]]:
    rows: list[dict[str, Any]] = []
    sources: list[dict[str, Any]] = []
    stats = None
    buckets: list[dict[str, Any]] = []
    for step in plan:
        data = (results.get(step["id"]) or {}).get("data") or {}
        if step["task"] in ("search_trades", "search_rents", "evaluate_price"):
            for row in data.get("rows") or []:
                if len(rows) < MAX_ROWS:
                    rows.append(row)
                    sources.append(row["source"])
        if step["task"] in ("market_stats", "evaluate_price") and stats is None and data.get("stats"):
            stats = data["stats"]
        if step["task"] == "market_stats" and not buckets:
            buckets = [{k: b[k] for k in BUCKET_KEYS} for b in data.get("buckets") or []]
        for article in data.get("articles") or []:
            sources.append(
                {
                    "type": "law",
                    "law_name": article["law_name"],
                    "kind": article["kind"],
                    "article": article["article"],
                    "title": article.get("title"),
                    "source_url": article.get("source_url"),
                }
            )
    return rows, sources, stats, buckets


BUCKET_KEYS = ("bucket", "count", "median_manwon", "mean_manwon")


def compose_text(
    intent: Intent,
    sections: list[Section],
    used_memory: list[dict[str, Any]],
    notes: list[str],
    *,
    english: bool = False,
) -> str:
    """The answer in the wire format (docs/CONTRACTS.md): the sections' lead sentences first (the chat
    list previews the start of the answer), then notes and the memory notice, then each section as
    `## title` + content, then the data attribution."""
    if intent is Intent.IRRELEVANT:
        if english:
            return (
                "Sorry, I can only help with housing questions. Here is what I can do:\n\n" + CAPABILITIES_EN
            )
        return (
            "죄송하지만 부동산과 관련 없는 질문에는 답하기 어렵습니다. 이런 것을 도와드릴 수 있어요:\n\n"
            + CAPABILITIES
        )
    if intent is Intent.UNCLEAR or not sections:
        if english:
            lead = " ".join(notes) if notes else "I did not quite understand the question."
            return lead + "\n\nYou can ask, for example:\n\n" + CAPABILITIES_EN
        lead = " ".join(notes) if notes else "질문을 정확히 이해하지 못했어요."
        return lead + "\n\n이렇게 물어봐 주세요:\n\n" + CAPABILITIES
    first = next((s for s in sections if s.get("lead")), None)
    lead = [first["lead"]] if first else []
    memory = []
    if used_memory:
        memory = [
            (MEMORY_NOTICE_EN if english else MEMORY_NOTICE) + ", ".join(m["label"] for m in used_memory)
        ]
    body: list[str] = []
    seen: set[str] = set()
    for section in sections:
        # The answer's lead is said once, at the top; another section's lead opens that section.
        blocks = [section.get("lead", "")] if section is not first else []
        blocks += (section.get("content") or "").split("\n\n")
        # A caveat two sections share (e.g. about the data source) is said once.
        kept = [b for b in blocks if b and b not in seen]
        seen.update(kept)
        if kept:
            body.append(f"## {section['title']}\n" + "\n\n".join(kept))
    # The memory notice is never the first line: that is the chat list's preview, the answer itself.
    parts = [*lead, *memory, *notes, *body] if lead else [*notes, *body, *memory]
    if any(s["title"] in DATA_SECTIONS for s in sections):
        parts.append(MOLIT_ATTRIBUTION_EN if english else MOLIT_ATTRIBUTION)
    return "\n\n".join(parts)


DATA_SECTIONS = MARKET_TITLES
MEMORY_NOTICE = "기억하고 있는 선호를 반영했어요: "
MEMORY_NOTICE_EN = "Used what you told me before (memory): "
MOLIT_ATTRIBUTION_EN = "Source: 국토교통부 실거래가 공개시스템 (MOLIT real-transaction prices, KOGL Type 1)"

LLM_SYSTEM = (
    "당신은 한국 부동산 상담 도우미입니다. 아래 '사실' 블록에 있는 숫자와 조문만 사용해 답하세요. "
    "새로운 숫자, 가격, 법 조문을 만들어내지 마세요. 조문을 인용할 때는 법령명과 조 번호를 밝히세요. "
    "사용자의 언어(한국어 또는 영어)로 간결하게 답하세요."
)


async def _stream_llm(llm: BaseChatModel, query: str, facts: str, write: Any) -> str:
    messages = [SystemMessage(LLM_SYSTEM), HumanMessage(f"질문: {query}\n\n사실:\n{facts}")]
    chunks: list[str] = []
    async for chunk in llm.astream(messages):
        text = chunk.text if isinstance(chunk.text, str) else str(chunk.content)
        if text:
            chunks.append(text)
            write({"type": "token", "text": text})
    return "".join(chunks)


def _stream_text(text: str, write: Any) -> None:
    """A templated answer exists whole at once, so it is streamed a section at a time: every stream
    event is a trip through LangGraph's stream machinery, and line by line (up to 40 events a
    turn) showed up in the profile without making anything appear sooner."""
    for section in _SECTION_BREAK.split(text):
        if section:
            write({"type": "token", "text": section})


def update_memory(state: AgentState, answer: str, deps: AgentDeps) -> dict[str, Any]:
    """Bounded short-term memory: last K messages, an extractive summary of older turns, the slots."""
    window: list[WindowMessage] = [
        *(state.get("window") or []),
        {"role": "user", "content": state["query"][:2000]},
        {"role": "assistant", "content": answer[:2000]},
    ]
    dropped, window = window[: -deps.window_messages], window[-deps.window_messages :]
    summary = state.get("summary") or ""
    for i in range(0, len(dropped) - 1, 2):
        first_line = dropped[i + 1]["content"].split("\n", 1)[0][:120]
        summary += f"\n- Q: {dropped[i]['content'][:120]} → A: {first_line}"
    if len(summary) > deps.summary_chars:
        summary = summary[-deps.summary_chars :].split("\n", 1)[-1]
    return {
        "window": window,
        "summary": summary.strip("\n"),
        **_next_frame(state),
        "turn_count": (state.get("turn_count") or 0) + 1,
    }


def memory_filled(used_memory: list[dict[str, Any]]) -> set[str]:
    """The slot names long-term memory filled this turn (planning's `used_memory`)."""
    return {name for item in used_memory for name in item.get("slots") or [] if name in Slots.model_fields}


def _next_frame(state: AgentState) -> dict[str, Any]:
    """The frame the next turn's follow-up inherits: this turn's, unless it asked about nothing
    (an aside such as "고마워" or "강남역 맛집" leaves the conversation's frame as it was)."""
    intent = Intent(state["intent"])
    # What the chat carries is what was said in it, never what long-term memory filled.
    filled = memory_filled(state.get("used_memory") or [])
    slots = {
        k: v for k, v in Slots.model_validate(state.get("slots") or {}) if v is not None and k not in filled
    }
    if intent in (Intent.IRRELEVANT, Intent.UNCLEAR) and not slots:
        return {
            "context_slots": state.get("context_slots") or {},
            "context_intent": state.get("context_intent") or "",
        }
    if state.get("recent_months"):
        slots["_recent_months"] = state["recent_months"]
    slots[LISTING_KEY] = bool(state.get("listing"))
    frame = {"context_slots": slots, "context_intent": intent.value}
    if intent in DATA_FRAME_INTENTS:
        frame |= {"data_context_slots": slots, "data_context_intent": intent.value}
    return frame | calc_frame_update(intent, slots)


def mentioned_entities(slots: Slots) -> list[dict[str, Any]]:
    """The places and complex the turn was about, with the data's ids, for EntityMemory."""
    place = {"sigungu": slots.sigungu, "sigungu_code": slots.sigungu_code, "dong": slots.dong}
    entities = []
    if slots.complex:
        entities.append(
            {
                "type": "complex",
                "id": complex_entity_id(slots.complex_id, slots.sigungu_code, slots.dong, slots.complex),
                "name": slots.complex,
                "context": {**place, "complex_id": slots.complex_id},
            }
        )
    if slots.dong:
        entities.append(
            {
                "type": "dong",
                "id": dong_entity_id(slots.sigungu_code, slots.dong),
                "name": slots.dong,
                "context": place,
            }
        )
    if slots.sigungu and slots.sigungu_code:
        entities.append(
            {
                "type": "sigungu",
                "id": sigungu_entity_id(slots.sigungu_code),
                "name": slots.sigungu,
                "context": place,
            }
        )
    return entities


def make_respond_node(deps: AgentDeps, llm: BaseChatModel | None):
    async def respond(state: AgentState) -> dict[str, Any] | Command:
        intent = Intent(state["intent"])
        slots = Slots.model_validate(state["slots"])
        plan = state.get("plan") or []
        status = state.get("step_status") or {}
        results = state.get("results") or {}
        used_memory = state.get("used_memory") or []
        if used_memory and found_nothing(plan, results):
            # Memory narrowed the answer to nothing: answer again without it, and say so.
            return Command(goto="planning", update={"use_memory": False, "memory_retried": True})
        write = get_stream_writer()
        final_plan = [{**step, "status": status.get(step["id"], "skipped")} for step in plan]
        english = is_english(state["query"])
        sections = build_sections(intent, slots, plan, results, english=english)
        text = compose_text(intent, sections, used_memory, state.get("notes") or [], english=english)
        if llm is not None and sections:
            try:
                text = await _stream_llm(llm, state["query"], text, write)
            except Exception:
                log.warning("LLM answer failed; sending the templated answer", exc_info=True)
                _stream_text(text, write)
        else:
            _stream_text(text, write)
        rows, sources, stats, buckets = _collect_rows_and_sources(plan, results)
        structured = {
            "intent": intent.value,
            "act": state.get("act") or "new",
            # "kept" / "dropped" when this message came while the assistant waited (agents/approval.py)
            "pending": state.get("pending_outcome"),
            "slots": slots.public(),
            "plan": final_plan,
            "stats": stats,
            "buckets": buckets,  # per month/year, for charts (an addition to the contract)
            "rows": rows,
            "sources": sources,
            "used_memory": used_memory,
            "sections": sections,
        }
        final = {"content": text, "structured_data": structured}
        memory = update_memory(state, text, deps)
        # `memory` travels with the final event (not in structured_data): the full slots and the
        # entities with their data ids, for the memory job the API commits with the answer.
        # What memory filled is not something the user said: it is neither remembered nor a mention.
        own = slots.model_copy(update=dict.fromkeys(memory_filled(used_memory)))
        extras = {
            "turn": memory["turn_count"],
            "memory": {"slots": own.model_dump(), "entities": mentioned_entities(own)},
        }
        write({"type": "final", **extras, **final})
        # The answer leaves through the stream (and is stored in chat_messages); the turn's results
        # are not needed once answered, so the checkpoint carries only what the next turn reads.
        return {"results": {RESET: True}, "step_status": {RESET: True}, **memory}

    return respond
