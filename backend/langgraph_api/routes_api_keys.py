"""Personal API keys of the signed-in user, under /api/v1/users/me/api-keys (backend/api_keys.py).

Creating a key needs a signed-in login session (a Bearer access token): a leaked key cannot mint more.
Listing and revoking work with either credential.
"""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Response, status

from backend.deps import ContextDep, CurrentSessionId, CurrentUser
from backend.errors import not_found
from backend.langgraph_api.schemas import ApiKeyCreate
from backend.models import ApiKey

router = APIRouter(prefix="/users/me/api-keys", tags=["api keys"])


def key_json(record: ApiKey) -> dict[str, Any]:
    return {
        "id": str(record.id),
        "name": record.name,
        "prefix": record.prefix,
        "created_at": record.created_at.isoformat(),
        "last_used_at": record.last_used_at.isoformat() if record.last_used_at else None,
    }


@router.post("", status_code=status.HTTP_201_CREATED, summary="Create a personal API key (shown once)")
async def create_api_key(
    ctx: ContextDep, user: CurrentUser, login: CurrentSessionId, body: ApiKeyCreate
) -> dict[str, Any]:
    created = await ctx.api_keys.create(user.id, body.name.strip() or "key")
    return {**key_json(created.record), "key": created.key}


@router.get("", summary="The user's API keys (never the keys themselves)")
async def list_api_keys(ctx: ContextDep, user: CurrentUser) -> list[dict[str, Any]]:
    return [key_json(k) for k in await ctx.api_keys.owned(user.id)]


@router.delete("/{key_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Revoke an API key")
async def revoke_api_key(ctx: ContextDep, user: CurrentUser, key_id: str) -> Response:
    try:
        parsed = uuid.UUID(key_id)
    except ValueError:
        raise not_found("api_key") from None
    await ctx.api_keys.revoke(user.id, parsed)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
