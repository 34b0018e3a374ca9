"""The store (`client.store.*`): put, get, delete, search and list namespaces of the caller's own items.

Each user sees only their own namespaces (backend/langgraph_api/store.py). Semantic search, indexing and
TTLs are not offered: `index` other than false, `ttl` and `query` are refused with 422 (docs/CONTRACTS.md).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response, status

from backend.deps import ContextDep, CurrentUser
from backend.errors import ApiError
from backend.langgraph_api.adapter import bad_request
from backend.langgraph_api.schemas import MAX_LABELS, StoreDelete, StoreNamespaces, StorePut, StoreSearch

router = APIRouter(prefix="/store", tags=["langgraph"])
FILTER_OPERATORS = frozenset({"$eq", "$ne", "$gt", "$gte", "$lt", "$lte"})
NOT_FOUND = {404: {"description": "No item with this namespace and key (of the caller's)"}}


def _namespace(dotted: str) -> list[str]:
    """`namespace=a.b` (how the SDK sends it on GET) as labels; an empty string is the root."""
    labels = dotted.split(".") if dotted else []
    if len(labels) > MAX_LABELS or any(not label for label in labels):
        raise bad_request(
            "invalid_namespace", f"namespace는 점(.)으로 이은 1~{MAX_LABELS}개의 비어 있지 않은 이름입니다."
        )
    return labels


def _check_filter(filter: dict[str, Any] | None) -> None:
    """`{field: value}` or `{field: {"$op": value}}` with the store's six operators; 422 otherwise."""
    for field, condition in (filter or {}).items():
        if isinstance(condition, dict) and (not condition or set(condition) - FILTER_OPERATORS):
            raise bad_request(
                "invalid_filter",
                "filter의 연산자는 $eq, $ne, $gt, $gte, $lt, $lte만 쓸 수 있습니다.",
                {"field": field[:100], "operators": sorted(FILTER_OPERATORS)},
            )


@router.put("/items", status_code=status.HTTP_204_NO_CONTENT, summary="Store or replace an item")
async def put_item(ctx: ContextDep, user: CurrentUser, body: StorePut) -> Response:
    await ctx.store.put(user.id, body.namespace, body.key, body.value)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/items", summary="One item", responses=NOT_FOUND)
async def get_item(
    ctx: ContextDep,
    user: CurrentUser,
    key: Annotated[str, Query(min_length=1, max_length=500)],
    namespace: Annotated[str, Query(max_length=MAX_LABELS * 201)] = "",
    refresh_ttl: bool | None = None,  # accepted; items have no TTL
) -> dict[str, Any]:
    return (await ctx.store.get(user.id, _namespace(namespace), key)).json()


@router.delete("/items", status_code=status.HTTP_204_NO_CONTENT, summary="Delete an item (if it exists)")
async def delete_item(ctx: ContextDep, user: CurrentUser, body: StoreDelete) -> Response:
    await ctx.store.delete(user.id, body.namespace, body.key)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/items/search", summary="Items under a namespace prefix (exact-match filter, paging)")
async def search_items(ctx: ContextDep, user: CurrentUser, body: StoreSearch) -> dict[str, Any]:
    _check_filter(body.filter)
    try:
        found = await ctx.store.search(
            user.id, body.namespace_prefix, filter=body.filter, limit=body.limit, offset=body.offset
        )
    except ValueError as exc:  # a filter value the store cannot compare
        raise ApiError(422, "invalid_filter", "filter를 해석할 수 없습니다.", {"reason": str(exc)[:200]}) from None
    return {"items": [item.json() for item in found]}


@router.post("/namespaces", summary="The caller's namespaces (prefix, suffix, depth, paging)")
async def list_namespaces(ctx: ContextDep, user: CurrentUser, body: StoreNamespaces) -> dict[str, Any]:
    found = await ctx.store.namespaces(
        user.id,
        prefix=body.prefix or [],
        suffix=body.suffix,
        max_depth=body.max_depth,
        limit=body.limit,
        offset=body.offset,
    )
    return {"namespaces": found}
