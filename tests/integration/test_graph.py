"""The agent graph end to end on the real data, persisted by the Postgres checkpointer."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from langgraph.types import Command
from sqlalchemy import text

from agents.deps import create_agent_deps
from agents.graph import build_graph


@dataclass
class Turn:
    events: list[dict[str, Any]] = field(default_factory=list)
    interrupts: list[dict[str, Any]] = field(default_factory=list)

    @property
    def final(self) -> dict[str, Any] | None:
        finals = [e for e in self.events if e["type"] == "final"]
        assert len(finals) <= 1
        return finals[0] if finals else None

    @property
    def data(self) -> dict[str, Any]:
        assert self.final is not None, f"no final answer; interrupts={self.interrupts}"
        return self.final["structured_data"]

    def of(self, kind: str) -> list[dict[str, Any]]:
        return [e for e in self.events if e["type"] == kind]


async def run(graph, thread: str, payload: Any, user_id: str = "") -> Turn:
    turn = Turn()
    config = {"configurable": {"thread_id": thread, "user_id": user_id}}
    async for mode, chunk in graph.astream(payload, config, stream_mode=["custom", "updates"]):
        if mode == "custom":
            turn.events.append(chunk)
        elif "__interrupt__" in chunk:
            turn.interrupts += [i.value for i in chunk["__interrupt__"]]
    return turn


def ask(query: str) -> dict[str, str]:
    return {"query": query, "turn_id": str(uuid.uuid4())}


@pytest.fixture(scope="module")
async def deps(loaded_engine):
    return await create_agent_deps(loaded_engine, recall=None)


@pytest.fixture(scope="module")
async def saver(db_url):
    async with AsyncPostgresSaver.from_conn_string(db_url.libpq) as saver:
        yield saver


@pytest.fixture(scope="module")
def graph(saver, deps):
    return build_graph(saver, deps)


def thread() -> str:
    return str(uuid.uuid4())


async def test_market_trend_matches_independent_sql(graph, loaded_engine):
    turn = await run(graph, thread(), ask("송파구 아파트 2024년 평균 매매가 추이"))
    data = turn.data
    assert data["intent"] == "MARKET_INQUIRY"
    assert data["slots"]["sigungu"] == "송파구"
    async with loaded_engine.connect() as conn:
        expected = (
            await conn.execute(
                text(
                    "SELECT count(*), round(avg(price_manwon)) FROM apt_trades WHERE sigungu_code = '11710' "
                    "AND contract_date BETWEEN '2024-01-01' AND '2024-12-31'"
                )
            )
        ).one()
    assert data["stats"]["count"] == expected[0]
    assert data["stats"]["mean_manwon"] == int(expected[1])
    assert "| 2024년 12월 |" in turn.final["content"]  # the monthly trend table reaches December


async def test_plan_is_streamed_first_and_steps_keep_plan_order(graph):
    turn = await run(graph, thread(), ask("대치동 은마아파트 84㎡ 최근 실거래가"))
    kinds = [e["type"] for e in turn.events]
    assert kinds[0] == "plan"
    assert kinds[-1] == "final"
    plan_ids = [s["id"] for s in turn.of("plan")[0]["steps"]]
    assert [s["id"] for s in turn.data["plan"]] == plan_ids
    assert all(s["status"] == "completed" for s in turn.data["plan"])
    assert {e["step"]["status"] for e in turn.of("step")} == {"in_progress", "completed"}
    # Parallel steps run exactly once: each step starts once and completes once.
    started = [e["step"]["id"] for e in turn.of("step") if e["step"]["status"] == "in_progress"]
    assert sorted(started) == sorted(plan_ids)
    assert turn.data["rows"] and all(r["complex"] == "은마" for r in turn.data["rows"])
    assert turn.data["stats"]["count"] > 0


async def test_lease_renewal_question_cites_article_6_3(graph):
    turn = await run(graph, thread(), ask("전세 계약 갱신요구권 몇 번 쓸 수 있어?"))
    laws = [s for s in turn.data["sources"] if s["type"] == "law"]
    assert laws[0]["law_name"] == "주택임대차보호법"
    assert laws[0]["article"] == "제6조의3"
    assert "제6조의3" in turn.final["content"]


async def test_contract_draft_pauses_and_reject_produces_no_document(graph):
    tid = thread()
    first = await run(graph, tid, ask("임대차 계약서 써줘"))
    assert first.final is None
    assert first.interrupts[0]["type"] == "contract_approval"
    rejected = await run(graph, tid, Command(resume={"action": "reject"}))
    assert "취소" in rejected.final["content"]
    assert "체크리스트" not in rejected.final["content"]


async def test_contract_draft_approve_produces_checklist(graph):
    tid = thread()
    await run(graph, tid, ask("전세 임대차 계약서 작성해줘"))
    revised = await run(graph, tid, Command(resume={"action": "modify", "feedback": "반려동물 허용 특약"}))
    assert revised.final is None
    assert revised.interrupts[0]["payload"]["special_terms"] == ["반려동물 허용"]
    approved = await run(graph, tid, Command(resume={"action": "approve"}))
    assert "- 반려동물 허용" in approved.final["content"]
    assert "확정일자" in approved.final["content"]


async def test_missing_region_asks_one_question_and_the_answer_resumes(graph):
    tid = thread()
    first = await run(graph, tid, ask("아파트 시세 알려줘"))
    assert first.interrupts and first.interrupts[0]["type"] == "clarify"
    resumed = await run(graph, tid, Command(resume={"action": "answer", "feedback": "송파구"}))
    assert resumed.data["slots"]["sigungu"] == "송파구"
    assert resumed.data["stats"]["count"] > 0


async def test_pending_interrupt_resumes_in_another_process(db_url, deps, graph):
    tid = thread()
    await run(graph, tid, ask("임대차 계약서 써줘"))
    async with AsyncPostgresSaver.from_conn_string(db_url.libpq) as other_saver:
        other = build_graph(other_saver, deps)
        approved = await run(other, tid, Command(resume={"action": "approve"}))
    assert "체크리스트" in approved.final["content"]


async def test_out_of_scope_question_gets_guidance(graph):
    turn = await run(graph, thread(), ask("오늘 서울 날씨 어때?"))
    assert turn.data["intent"] == "IRRELEVANT"
    assert "도와드릴 수 있어요" in turn.final["content"]
    assert turn.data["plan"] == []


async def test_loan_answer_states_its_assumptions(graph):
    turn = await run(graph, thread(), ask("연봉 8천에 6억 아파트 대출 얼마나 나와?"))
    assert turn.data["intent"] == "LOAN_CONSULT"
    assert "LTV" in turn.final["content"] and "DSR" in turn.final["content"]
    assert "가정" in turn.final["content"]


async def test_region_outside_the_data_says_so_instead_of_inventing(graph):
    turn = await run(graph, thread(), ask("부산 해운대구 아파트 시세 알려줘"))
    assert "데이터에 없습니다" in turn.final["content"]
    assert turn.data["stats"] is None and turn.data["rows"] == []


async def test_state_stays_bounded_and_keeps_the_window(graph, deps):
    tid = thread()
    for _ in range(deps.window_messages):
        await run(graph, tid, ask("송파구 2024년 시세"))
    state = await graph.aget_state({"configurable": {"thread_id": tid}})
    assert len(state.values["window"]) == deps.window_messages
    assert state.values["turn_count"] == deps.window_messages
    assert "Q: 송파구 2024년 시세" in state.values["summary"]


async def test_llm_answer_streams_tokens_and_keeps_tool_figures(saver, deps):
    llm = GenericFakeChatModel(
        messages=iter([AIMessage(content="not json"), AIMessage(content="송파구 2024년 시세 요약입니다.")])
    )
    graph = build_graph(saver, deps, llm)
    turn = await run(graph, thread(), ask("송파구 아파트 2024년 평균 매매가 추이"))
    assert len(turn.of("token")) > 1
    assert turn.final["content"] == "송파구 2024년 시세 요약입니다."
    assert turn.data["stats"]["count"] > 0  # figures still come from the tools


async def test_term_definition_cites_the_statute_behind_the_term(graph):
    turn = await run(graph, thread(), ask("대항력 뜻 알려줘"))
    assert turn.data["intent"] == "TERM_DEFINITION"
    laws = [s for s in turn.data["sources"] if s["type"] == "law"]
    assert (laws[0]["law_name"], laws[0]["article"]) == ("주택임대차보호법", "제3조")
    assert "주민등록" in turn.final["content"]
