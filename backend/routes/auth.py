"""Sign up and sign in (OAuth2 password flow → bearer JWT)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, status

from backend.deps import TokensDep, UserServiceDep
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
    responses=error_responses(*BODY_ERRORS, 409, *DB_ERRORS),
    summary="Create an account",
)
async def register(body: RegisterRequest, users: UserServiceDep) -> UserOut:
    return UserOut.model_validate(await users.register(body.email, body.password))


@router.post(
    "/token",
    response_model=TokenResponse,
    responses=error_responses(*BODY_ERRORS, 401, *DB_ERRORS),
    summary="Log in (OAuth2 password form: username = email) and get a bearer token",
)
async def login(
    form: Annotated[LoginForm, Form()], users: UserServiceDep, tokens: TokensDep
) -> TokenResponse:
    user = await users.authenticate(form.username, form.password)
    if user is None:
        raise unauthorized("이메일 또는 비밀번호가 올바르지 않습니다.")
    return TokenResponse(access_token=tokens.issue(user.id))
