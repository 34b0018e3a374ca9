"""Personal API keys of the signed-in user, under /api/v1/users/me/api-keys (backend/api_keys.py).

Creating a key needs a signed-in login session (a Bearer access token): a leaked key cannot mint more.
Listing and revoking work with either credential.
"""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

from backend.deps import ContextDep, CurrentSessionId, CurrentUser
from backend.langgraph_api.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyOut
from backend.models import ApiKey
from backend.schemas import BODY_ERRORS, DB_ERRORS, error_responses

router = APIRouter(prefix="/users/me/api-keys", tags=["api keys"])


def key_out(record: ApiKey) -> ApiKeyOut:
    return ApiKeyOut(
        id=record.id,
        name=record.name,
        prefix=record.prefix,
        created_at=record.created_at,
        last_used_at=record.last_used_at,
    )


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ApiKeyCreated,
    responses=error_responses(*BODY_ERRORS, 401, 403, *DB_ERRORS),
    summary="Create a personal API key (shown once; needs a Bearer login token; "
    "403 quota_exceeded beyond BUDONGSAN_API_KEYS_PER_USER)",
)
async def create_api_key(
    ctx: ContextDep, user: CurrentUser, login: CurrentSessionId, body: ApiKeyCreate
) -> ApiKeyCreated:
    created = await ctx.api_keys.create(user.id, body.name.strip() or "key")
    return ApiKeyCreated(**key_out(created.record).model_dump(), key=created.key)


@router.get(
    "",
    response_model=list[ApiKeyOut],
    responses=error_responses(401, *DB_ERRORS),
    summary="The user's API keys (never the keys themselves)",
)
async def list_api_keys(ctx: ContextDep, user: CurrentUser) -> list[ApiKeyOut]:
    return [key_out(k) for k in await ctx.api_keys.owned(user.id)]


@router.delete(
    "/{key_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 404, 422, *DB_ERRORS),
    summary="Revoke an API key (another user's key is 404)",
)
async def revoke_api_key(ctx: ContextDep, user: CurrentUser, key_id: uuid.UUID) -> Response:
    await ctx.api_keys.revoke(user.id, key_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
