"""Sign up, sign in (OAuth2 password flow → bearer JWT naming a login session) and sign out.

Both sign-up and sign-in are throttled per account first, then per client address (backend/throttle.py);
a refusal is 429 with `Retry-After`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response, status

from backend.auth import normalize_email
from backend.deps import (
    AuthThrottleDep,
    CurrentSessionId,
    CurrentUser,
    LoginsDep,
    TokensDep,
    UserServiceDep,
)
from backend.errors import unauthorized
from backend.schemas import (
    BODY_ERRORS,
    DB_ERRORS,
    LoginForm,
    RegisterRequest,
    TokenResponse,
    UserOut,
    error_responses,
)

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post(
    "/register",
    status_code=status.HTTP_201_CREATED,
    response_model=UserOut,
    responses=error_responses(*BODY_ERRORS, 409, 429, *DB_ERRORS),
    summary="Create an account",
    description="The email is normalized (NFKC, invisible characters removed, lower case) and must be an "
    "ASCII address; weak passwords get 422 `weak_password`; a taken email gets 409 `email_taken`.",
)
async def register(
    body: RegisterRequest, request: Request, users: UserServiceDep, throttle: AuthThrottleDep
) -> UserOut:
    await throttle.before_register(normalize_email(body.email), throttle.client(request))
    return UserOut.model_validate(await users.register(body.email, body.password))


@router.post(
    "/token",
    response_model=TokenResponse,
    responses=error_responses(*BODY_ERRORS, 401, 429, *DB_ERRORS),
    summary="Log in (OAuth2 password form: username = email) and get a bearer token",
)
async def login(
    form: Annotated[LoginForm, Form()],
    request: Request,
    users: UserServiceDep,
    tokens: TokensDep,
    logins: LoginsDep,
    throttle: AuthThrottleDep,
) -> TokenResponse:
    email, client = normalize_email(form.username), throttle.client(request)
    await throttle.before_login(email, client)
    user = await users.authenticate(form.username, form.password)
    if user is None:
        await throttle.login_failed(email)
        raise unauthorized("이메일 또는 비밀번호가 올바르지 않습니다.")
    session = await logins.start(user.id, client, request.headers.get("user-agent"))
    return TokenResponse(access_token=tokens.issue(user.id, session_id=session.session_id))


@router.post(
    "/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, *DB_ERRORS),
    summary="Log out: end this token's login session (the token stops working at once)",
)
async def logout(user: CurrentUser, session_id: CurrentSessionId, logins: LoginsDep) -> Response:
    await logins.end(user.id, session_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
