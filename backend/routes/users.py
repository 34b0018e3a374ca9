"""The signed-in user: read it, or erase it with everything of theirs."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from backend.deps import CheckpointerDep, CurrentUser, UserServiceDep
from backend.schemas import DB_ERRORS, UserOut, error_responses

router = APIRouter(prefix="/users", tags=["users"])


@router.get(
    "/me", response_model=UserOut, responses=error_responses(401, *DB_ERRORS), summary="The signed-in user"
)
async def read_me(user: CurrentUser) -> UserOut:
    return UserOut.model_validate(user)


@router.delete(
    "/me",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, *DB_ERRORS),
    summary="Delete my account: chats, transcripts, memories, preferences and LangGraph checkpoints",
)
async def delete_me(user: CurrentUser, users: UserServiceDep, checkpointer: CheckpointerDep) -> Response:
    await users.erase(user.id, checkpointer)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
