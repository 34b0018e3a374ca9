"""Search team: transactions, rent references, candidate complexes and statute articles."""

from __future__ import annotations

from typing import Any

from agents.domain.slots import Intent
from agents.glossary import find_term
from agents.teams import StepContext, Task, reads_data_and_query, reads_data_only
from agents.tools.law import get_article, parse_article_label, search_articles
from agents.tools.recommend import recommend_complexes
from agents.tools.roi import typical_rent
from agents.tools.transactions import search_rents, search_trades


@reads_data_only
async def _search_trades(ctx: StepContext) -> dict[str, Any]:
    return (await search_trades(ctx.deps.engine, ctx.slots)).model_dump(mode="json")


@reads_data_only
async def _search_rents(ctx: StepContext) -> dict[str, Any]:
    return (await search_rents(ctx.deps.engine, ctx.slots)).model_dump(mode="json")


@reads_data_and_query
async def _law_search(ctx: StepContext) -> dict[str, Any]:
    """An article named in the question wins; otherwise a keyword search over the statutes."""
    hits: list[dict[str, Any]] = []
    if ctx.slots.article and ctx.slots.law_name:
        no, sub = parse_article_label(ctx.slots.article)
        article = await get_article(ctx.deps.engine, ctx.slots.law_name, no, sub)
        if article is not None:
            hits.append(article.model_dump(mode="json"))
    query = _law_query(ctx)
    found = await search_articles(ctx.deps.engine, query, law_name=ctx.slots.law_name, limit=3)
    seen = {(h["law_name"], h["article"]) for h in hits}
    hits += [h.model_dump(mode="json") for h in found if (h.law_name, h.article) not in seen]
    return {"articles": hits[:3]}


def _law_query(ctx: StepContext) -> str:
    """A defined term searches by its statute wording (갱신요구권 → 계약갱신 요구), a contract by the
    articles every lease checklist rests on; anything else by the question itself."""
    if ctx.intent is Intent.CONTRACT_CREATION:
        return CONTRACT_LAW_QUERY
    term = find_term(ctx.query) if ctx.intent is Intent.TERM_DEFINITION else None
    return term.law_hint if term is not None and term.law_hint else ctx.query


# A contract question names no article; these are the ones every lease checklist rests on.
CONTRACT_LAW_QUERY = "주택임대차 대항력 확정일자 보증금 계약갱신"


@reads_data_only
async def _rent_reference(ctx: StepContext) -> dict[str, Any]:
    """Typical 월세 terms for the place, so an ROI question with only a price can be answered."""
    return (await typical_rent(ctx.deps.engine, ctx.slots)).model_dump(mode="json")


@reads_data_only
async def _recommend(ctx: StepContext) -> dict[str, Any]:
    return (await recommend_complexes(ctx.deps.engine, ctx.slots)).model_dump(mode="json")


TASKS: dict[str, Task] = {
    "search_trades": _search_trades,
    "search_rents": _search_rents,
    "law_search": _law_search,
    "rent_reference": _rent_reference,
    "recommend_complexes": _recommend,
}
