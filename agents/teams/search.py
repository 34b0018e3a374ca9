"""Search team: transactions, rent references, candidate complexes and statute articles."""

from __future__ import annotations

from typing import Any

from agents.domain.slots import Intent
from agents.glossary import find_term
from agents.teams import StepContext, Task, reads_data_and_query, reads_data_only
from agents.tools.law import contract_articles, legal_answer
from agents.tools.recommend import recommend_complexes
from agents.tools.roi import typical_rent
from agents.tools.transactions import search_rents, search_trades


@reads_data_only
async def _search_trades(ctx: StepContext) -> dict[str, Any]:
    return (await search_trades(ctx.deps.engine, ctx.slots, order=ctx.step.order)).model_dump(mode="json")


@reads_data_only
async def _search_rents(ctx: StepContext) -> dict[str, Any]:
    return (await search_rents(ctx.deps.engine, ctx.slots, order=ctx.step.order)).model_dump(mode="json")


@reads_data_and_query
async def _law_search(ctx: StepContext) -> dict[str, Any]:
    """A statute question answered (agents/tools/law.legal_answer): the curated issue index first,
    an article the question names, the closest article, or nothing with issues to choose from.
    A contract gets the articles every lease checklist rests on."""
    if ctx.intent is Intent.CONTRACT_CREATION:
        answer = await contract_articles(ctx.deps.engine, CONTRACT_LAW_QUERY)
    else:
        term = find_term(ctx.query) if ctx.intent is Intent.TERM_DEFINITION else None
        if term is not None and not term.law_hint:
            # LTV, 전용면적, 근저당 …: the glossary answers; no statute we hold governs the word, and
            # "the statutes do not cover this" under a definition reads as if nothing was answered.
            return {"skipped": f"{term.name}: 용어 설명으로 답했습니다."}
        answer = await legal_answer(
            ctx.deps.engine,
            ctx.query,
            law_name=ctx.slots.law_name,
            article=ctx.slots.article,
            search_query=term.law_hint if term is not None and term.law_hint else None,
        )
    return answer.model_dump(mode="json")


# A contract question names no article; these are the ones every lease checklist rests on.
CONTRACT_LAW_QUERY = "주택임대차 대항력 확정일자 보증금 계약갱신"


@reads_data_only
async def _rent_reference(ctx: StepContext) -> dict[str, Any]:
    """Typical 월세 terms for the place, so an ROI question with only a price can be answered."""
    return (await typical_rent(ctx.deps.engine, ctx.slots)).model_dump(mode="json")


@reads_data_only
async def _recommend(ctx: StepContext) -> dict[str, Any]:
    return (
        await recommend_complexes(ctx.deps.engine, ctx.slots, await ctx.deps.coverage.current())
    ).model_dump(mode="json")


TASKS: dict[str, Task] = {
    "search_trades": _search_trades,
    "search_rents": _search_rents,
    "law_search": _law_search,
    "rent_reference": _rent_reference,
    "recommend_complexes": _recommend,
}
