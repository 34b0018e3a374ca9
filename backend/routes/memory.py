"""What the assistant remembers about the signed-in user: see it, correct it, erase it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Response, status
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.ext.asyncio import AsyncConnection

from backend.deps import ContextDep, CurrentUser, SettingsDep
from backend.errors import not_found
from backend.quotas import Quotas
from backend.schemas import BODY_ERRORS, DB_ERRORS, NO_NUL_PATTERN, error_responses
from memory import conversation, entities, preferences
from memory.conversation import ConversationMemory
from memory.entities import Entity
from memory.preferences import Preference, PreferenceDetail, PreferenceValidationError

router = APIRouter(prefix="/memory", tags=["memory"])

MAX_ID = 2**63 - 1


async def memory_connection(ctx: ContextDep) -> AsyncIterator[AsyncConnection]:
    """One transaction per request: a correction closes one version and opens the next atomically."""
    async with ctx.engine.begin() as conn:
        yield conn


MemoryConn = Annotated[AsyncConnection, Depends(memory_connection)]
ItemId = Annotated[int, Path(ge=1, le=MAX_ID, description="id from the list endpoint")]


class PreferenceList(BaseModel):
    items: list[Preference]


class PreferenceUpdate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"value": 80000}, {"value": {"sigungu": "송파구"}}, {"value": "전세"}]
        },
    )

    value: Any = Field(description="new value for the preference's key (money in 만원, area in ㎡)")


class EntityList(BaseModel):
    items: list[Entity]


class ConversationList(BaseModel):
    items: list[ConversationMemory]


class Erased(BaseModel):
    deleted: dict[str, int]


@router.get("/preferences", response_model=PreferenceList, responses=error_responses(401, 422, *DB_ERRORS))
async def list_preferences(
    user: CurrentUser,
    conn: MemoryConn,
    history: Annotated[
        bool, Query(description="every version, closed (replaced) ones too; `id` is the preference's")
    ] = False,
) -> PreferenceList:
    """Current preferences (budget, regions, deal type, area, rooms) with provenance."""
    items = await (preferences.list_history if history else preferences.list_current)(conn, user.id)
    return PreferenceList(items=items)


@router.get(
    "/preferences/{pref_id}",
    response_model=PreferenceDetail,
    responses=error_responses(401, 404, 422, *DB_ERRORS),
)
async def get_preference(user: CurrentUser, conn: MemoryConn, pref_id: ItemId) -> PreferenceDetail:
    """One preference: its current (else last) value and its history, newest first.

    Any id the API ever returned for it resolves, also ids of versions a correction closed."""
    detail = await preferences.get(conn, user.id, pref_id)
    if detail is None:
        raise not_found("preference")
    return detail


@router.put(
    "/preferences/{pref_id}",
    response_model=Preference,
    responses=error_responses(*BODY_ERRORS, 401, 404, *DB_ERRORS),
)
@router.patch(
    "/preferences/{pref_id}",
    response_model=Preference,
    responses=error_responses(*BODY_ERRORS, 401, 404, *DB_ERRORS),
)
async def correct_preference(
    user: CurrentUser, conn: MemoryConn, settings: SettingsDep, pref_id: ItemId, body: PreferenceUpdate
) -> Preference:
    """Correct a remembered value. The preference keeps its id; the old value stays as history (the
    oldest replaced versions beyond BUDONGSAN_QUOTA_PREFERENCE_HISTORY_PER_USER are dropped)."""
    try:
        updated = await preferences.update(conn, user.id, pref_id, body.value)
    except PreferenceValidationError as exc:
        raise RequestValidationError(exc.errors()) from exc
    if updated is None:
        raise not_found("preference")
    await Quotas.from_settings(settings).memory.enforce(conn, user.id)
    return updated


@router.delete(
    "/preferences/{pref_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 404, 422, *DB_ERRORS),
)
async def delete_preference(user: CurrentUser, conn: MemoryConn, pref_id: ItemId) -> Response:
    """Erase the preference with its whole history."""
    if not await preferences.delete(conn, user.id, pref_id):
        raise not_found("preference")
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/entities", response_model=EntityList, responses=error_responses(401, *DB_ERRORS))
async def list_entities(user: CurrentUser, conn: MemoryConn) -> EntityList:
    """Complexes and regions the user asked about, most recent first."""
    return EntityList(items=await entities.list_entities(conn, user.id))


@router.delete(
    "/entities/{entity_pk}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 404, 422, *DB_ERRORS),
)
async def delete_entity(user: CurrentUser, conn: MemoryConn, entity_pk: ItemId) -> Response:
    if not await entities.delete(conn, user.id, entity_pk):
        raise not_found("entity")
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/conversations", response_model=ConversationList, responses=error_responses(401, 422, *DB_ERRORS)
)
async def list_conversations(
    user: CurrentUser,
    conn: MemoryConn,
    q: Annotated[
        str | None,
        # NUL cannot be compared with Postgres text: refused here rather than failing the query.
        Query(max_length=200, pattern=NO_NUL_PATTERN, description="keywords; empty = most recent"),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> ConversationList:
    if q and q.strip():
        return ConversationList(items=await conversation.search(conn, user.id, q, limit))
    return ConversationList(items=await conversation.recent(conn, user.id, limit))


@router.delete("", response_model=Erased, responses=error_responses(401, *DB_ERRORS))
async def forget_everything(user: CurrentUser, conn: MemoryConn) -> Erased:
    """Erase all long-term memory of the user; chats and transcripts stay."""
    return Erased(deleted=await preferences.delete_all_memory(conn, user.id))
