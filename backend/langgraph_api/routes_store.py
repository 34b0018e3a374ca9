"""The store (`client.store.*`): put, get, delete, search and list namespaces of the caller's own items.

Each user sees only their own namespaces (backend/langgraph_api/store.py). Semantic indexing and TTLs are
not offered: `index` other than false and `ttl` are refused with 422; a search `query` matches the text of
the items' values (every word, case-insensitively) instead of ranking by meaning (docs/CONTRACTS.md).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response, status

from backend.deps import ContextDep, CurrentUser
from backend.errors import ApiError
from backend.langgraph_api.adapter import bad_request
from backend.langgraph_api.schemas import MAX_LABELS, StoreDelete, StoreNamespaces, StorePut, StoreSearch
from backend.schemas import BODY_ERRORS, DB_ERRORS, error_responses

router = APIRouter(prefix="/store", tags=["langgraph"])
WRITE = error_responses(*BODY_ERRORS, 401, *DB_ERRORS)


def _namespace(dotted: str) -> list[str]:
    """`namespace=a.b` (how the SDK sends it on GET) as labels; an empty string is the root."""
    labels = dotted.split(".") if dotted else []
    if len(labels) > MAX_LABELS or any(not label for label in labels):
        raise bad_request(
            "invalid_namespace", f"namespace는 점(.)으로 이은 1~{MAX_LABELS}개의 비어 있지 않은 이름입니다."
        )
    return labels


@router.put(
    "/items",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(*BODY_ERRORS, 401, 403, *DB_ERRORS),
    summary="Store or replace an item (403 quota_exceeded beyond BUDONGSAN_QUOTA_STORE_ITEMS_PER_USER new keys)",
)
async def put_item(ctx: ContextDep, user: CurrentUser, body: StorePut) -> Response:
    await ctx.store.put(user.id, body.namespace, body.key, body.value)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/items",
    responses=error_responses(401, 404, 422, *DB_ERRORS),
    summary="One item (404 when the caller has none under this namespace and key)",
)
async def get_item(
    ctx: ContextDep,
    user: CurrentUser,
    key: Annotated[str, Query(min_length=1, max_length=500)],
    namespace: Annotated[str, Query(max_length=MAX_LABELS * 201)] = "",
    refresh_ttl: bool | None = None,  # accepted; items have no TTL
) -> dict[str, Any]:
    return (await ctx.store.get(user.id, _namespace(namespace), key)).json()


@router.delete(
    "/items", status_code=status.HTTP_204_NO_CONTENT, responses=WRITE, summary="Delete an item (if it exists)"
)
async def delete_item(ctx: ContextDep, user: CurrentUser, body: StoreDelete) -> Response:
    await ctx.store.delete(user.id, body.namespace, body.key)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/items/search",
    responses=WRITE,
    summary="Items under a namespace prefix (value filter, text query, paging)",
)
async def search_items(ctx: ContextDep, user: CurrentUser, body: StoreSearch) -> dict[str, Any]:
    try:
        found = await ctx.store.search(
            user.id,
            body.namespace_prefix,
            filter=body.filter,
            limit=body.limit,
            offset=body.offset,
            query=body.query,
        )
    except ValueError as exc:  # a filter value the store cannot compare
        raise ApiError(
            422, "invalid_filter", "filter를 해석할 수 없습니다.", {"reason": str(exc)[:200]}
        ) from None
    return {"items": [item.json() for item in found]}


@router.post(
    "/namespaces", responses=WRITE, summary="The caller's namespaces (prefix, suffix, depth, paging)"
)
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
