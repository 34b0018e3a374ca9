"""The signed-in user: read it, change the password, see and end login sessions, or erase it all."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response, status

from backend.deps import (
    AuthThrottleDep,
    CurrentSessionId,
    CurrentUser,
    LoginsDep,
    UserServiceDep,
)
from backend.errors import ApiError, not_found
from backend.schemas import (
    BODY_ERRORS,
    DB_ERRORS,
    LoginSessionOut,
    PasswordChanged,
    PasswordChangeRequest,
    SessionsEnded,
    UserOut,
    error_responses,
)
from backend.sessions import MAX_SESSION_ID_CHARS

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
async def delete_me(user: CurrentUser, users: UserServiceDep) -> Response:
    await users.erase(user.id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/me/password",
    response_model=PasswordChanged,
    responses=error_responses(*BODY_ERRORS, 401, 403, 429, *DB_ERRORS),
    summary="Change my password (needs the current one); signs out every other session",
)
async def change_password(
    body: PasswordChangeRequest,
    user: CurrentUser,
    session_id: CurrentSessionId,
    users: UserServiceDep,
    throttle: AuthThrottleDep,
) -> PasswordChanged:
    await throttle.before_password_check(user.id)
    ended = await users.change_password(user.id, body.current_password, body.new_password, session_id)
    if ended is None:
        await throttle.password_check_failed(user.id)
        raise ApiError(
            403, "wrong_password", "현재 비밀번호가 올바르지 않습니다. (The current password is wrong.)"
        )
    return PasswordChanged(sessions_ended=ended)


@router.get(
    "/me/sessions",
    response_model=list[LoginSessionOut],
    responses=error_responses(401, *DB_ERRORS),
    summary="My login sessions (devices), most recently used first",
)
async def list_sessions(
    user: CurrentUser, session_id: CurrentSessionId, logins: LoginsDep
) -> list[LoginSessionOut]:
    return [
        LoginSessionOut(
            session_id=info.session_id,
            created_at=info.created_at,
            last_activity=info.last_activity,
            expires_at=info.expires_at,
            request_count=info.request_count,
            client=info.metadata.get("client"),
            user_agent=info.metadata.get("user_agent"),
            current=info.session_id == session_id,
        )
        for info in await logins.live(user.id)
    ]


@router.delete(
    "/me/sessions",
    response_model=SessionsEnded,
    responses=error_responses(401, *DB_ERRORS),
    summary="Sign out everywhere else (다른 기기에서 로그아웃): end every session but this one",
)
async def end_other_sessions(
    user: CurrentUser, session_id: CurrentSessionId, logins: LoginsDep
) -> SessionsEnded:
    return SessionsEnded(sessions_ended=await logins.end_others(user.id, session_id))


@router.delete(
    "/me/sessions/{login_session_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 404, *DB_ERRORS),
    summary="End one of my login sessions (its token stops working at once)",
)
async def end_session(
    login_session_id: Annotated[str, Path(min_length=1, max_length=MAX_SESSION_ID_CHARS)],
    user: CurrentUser,
    logins: LoginsDep,
) -> Response:
    if not await logins.end(user.id, login_session_id):
        raise not_found("session")
    return Response(status_code=status.HTTP_204_NO_CONTENT)
