"""422 details in Korean: each error keeps its machine-readable `loc` and `type` and says in Korean which
field is wrong and why (the field by its Korean name), never echoing what was sent."""

from __future__ import annotations

import re
from typing import Any

import pytest

from backend.errors import korean_message, validation_details
from tests.integration.api_support import (
    API,
    PASSWORD,
    api_settings,
    assert_error_shape,
    client_for,
    new_session,
    running_app,
    sign_up,
)

HANGUL = re.compile(r"[가-힣]")
# What pydantic writes; none of it may reach a person.
ENGLISH = re.compile(r"should|Input|Value error|Field required|Extra inputs|valid|at least|at most", re.I)


@pytest.fixture(scope="module")
async def app(db_url, test_settings, loaded_engine):
    async with running_app(api_settings(test_settings, db_url)) as app:
        yield app


@pytest.fixture
async def client(app):
    async with client_for(app) as client:
        yield client


def errors_of(response) -> list[dict[str, Any]]:
    error = assert_error_shape(response, 422, "validation_error")
    errors = error["details"]["errors"]
    for item in errors:
        assert set(item) == {"loc", "type", "msg"}, item
        assert HANGUL.search(item["msg"]) and not ENGLISH.search(item["msg"]), item
    assert errors and errors[0]["msg"].rstrip(".") in error["message"]  # the top-level message says it too
    return errors


def only(errors: list[dict[str, Any]], field: str) -> dict[str, Any]:
    (item,) = [e for e in errors if e["loc"][-1] == field]
    return item


async def test_a_short_password_is_explained_in_korean_and_keeps_loc_and_type(client):
    secret = "short12"
    response = await client.post(f"{API}/auth/register", json={"email": "a@example.com", "password": secret})
    item = only(errors_of(response), "password")
    assert item["msg"] == "비밀번호는 8자 이상이어야 합니다."
    assert item["loc"] == ["body", "password"] and item["type"] in ("too_short", "string_too_short")
    assert secret not in response.text
    assert (
        response.json()["error"]["message"]
        == "요청 형식이 올바르지 않습니다: 비밀번호는 8자 이상이어야 합니다."
    )


async def test_every_field_people_fill_in_is_named_in_korean(client):
    account = await sign_up(client)
    session_id = await new_session(client, account)
    messages = f"{API}/chat/sessions/{session_id}/messages"
    cases: list[tuple[str, str, dict[str, Any], str, str]] = [
        (
            "POST",
            f"{API}/auth/register",
            {"email": "not-an-email", "password": PASSWORD},
            "email",
            "이메일 형식이 올바르지 않습니다.",
        ),
        (
            "POST",
            f"{API}/auth/register",
            {"email": "a@example.com", "password": "x" * 129},
            "password",
            "비밀번호는 128자 이하여야 합니다.",
        ),
        ("POST", f"{API}/auth/register", {"email": "a@example.com"}, "password", "비밀번호가 필요합니다."),
        (
            "POST",
            f"{API}/auth/register",
            {"email": "a@example.com", "password": PASSWORD, "admin": True},
            "admin",
            "알 수 없는 항목입니다: admin",
        ),
        ("POST", messages, {}, "content", "메시지가 필요합니다."),
        ("POST", messages, {"content": " \n "}, "content", "메시지를 입력해 주세요 (공백만은 안 됩니다)."),
        ("POST", messages, {"content": "a\x00b"}, "content", "메시지에 NUL 문자를 넣을 수 없습니다."),
        ("POST", messages, {"content": 12}, "content", "메시지는 문자열이어야 합니다."),
        (
            "POST",
            messages,
            {"content": "질문", "turn_id": "abc"},
            "turn_id",
            "질문 식별자(turn_id)는 UUID 형식이어야 합니다.",
        ),
        (
            "POST",
            messages,
            {"content": "질문", "use_memory": "maybe"},
            "use_memory",
            "기억 사용 여부(use_memory)는 true 또는 false여야 합니다.",
        ),
        (
            "PATCH",
            f"{API}/chat/sessions/{session_id}",
            {"title": "가" * 101},
            "title",
            "채팅 이름은 100자 이하여야 합니다.",
        ),
        (
            "POST",
            f"{API}/chat/sessions/{session_id}/resume",
            {"action": "maybe"},
            "action",
            "동작(action)은 다음 중 하나여야 합니다: 'approve', 'modify', 'reject', 'answer'",
        ),
        (
            "POST",
            f"{API}/chat/sessions/{session_id}/resume",
            {"action": "answer"},
            "body",
            "질문에 답할 때(action=answer)는 답변 내용(feedback)이 필요합니다.",
        ),
        ("POST", messages, [], "body", "요청 본문은 JSON 객체여야 합니다."),
    ]
    for method, url, body, field, expected in cases:
        response = await client.request(method, url, json=body, headers=account.headers)
        assert only(errors_of(response), field)["msg"] == expected, (url, body)


async def test_query_and_form_fields_too(client):
    account = await sign_up(client)
    response = await client.get(f"{API}/chat/sessions?limit=abc", headers=account.headers)
    item = only(errors_of(response), "limit")
    assert (item["loc"], item["type"], item["msg"]) == (
        ["query", "limit"],
        "int_parsing",
        "개수(limit)는 정수여야 합니다.",
    )
    response = await client.get(f"{API}/chat/sessions?limit=0", headers=account.headers)
    assert only(errors_of(response), "limit")["msg"] == "개수(limit)는 1 이상이어야 합니다."
    response = await client.post(f"{API}/auth/token", data={"username": "", "password": "x"})
    assert (
        only(errors_of(response), "username")["msg"] == "이메일이 필요합니다."
    )  # an empty form field is missing


async def test_several_errors_are_counted_in_the_message(client):
    response = await client.post(f"{API}/auth/register", json={"email": "bad", "password": "short"})
    errors = errors_of(response)
    assert len(errors) == 2
    assert response.json()["error"]["message"].endswith("(외 1건).")


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (
            {"type": "string_too_short", "loc": ("body", "new_password"), "ctx": {"min_length": 8}},
            "새 비밀번호는 8자 이상이어야 합니다.",
        ),
        (
            {"type": "string_too_long", "loc": ("body", "content"), "ctx": {"max_length": 4000}},
            "메시지는 4000자 이하여야 합니다.",
        ),
        ({"type": "missing", "loc": ("body", "email")}, "이메일이 필요합니다."),
        ({"type": "missing", "loc": ("body",)}, "요청 본문이 필요합니다."),
        ({"type": "json_invalid", "loc": ("body", 3)}, "JSON 본문을 해석할 수 없습니다."),
        ({"type": "int_parsing", "loc": ("path", "pref_id")}, "선호 식별자는 정수여야 합니다."),
        (
            {"type": "value_error", "loc": ("body", "value"), "msg": "must be between 1 and 10"},
            "값은 1~10 사이여야 합니다.",
        ),
        (
            {
                "type": "value_error",
                "loc": ("body", "value", "min_m2"),
                "msg": "must be between 10 and 300 ㎡",
            },
            "최소 면적은 10~300㎡ 사이여야 합니다.",
        ),
        (
            {"type": "value_error", "loc": ("body", "key"), "msg": "unknown preference key 'x<script>'"},
            "알 수 없는 선호 항목입니다.",
        ),
        (
            {"type": "value_error", "loc": ("body", "stream_mode"), "msg": "Value error, something new"},
            "stream_mode 값이 올바르지 않습니다.",
        ),
        ({"type": "some_future_type", "loc": ("body", "q")}, "검색어 값이 올바르지 않습니다."),
    ],
)
def test_translation_of_pydantic_error_types(error, expected):
    assert korean_message(error) == expected


def test_details_never_carry_the_input_or_ctx():
    error = {
        "type": "string_too_short",
        "loc": ("body", "password"),
        "input": "hunter2",
        "ctx": {"min_length": 8},
        "msg": "String should have at least 8 characters",
    }
    (detail,) = validation_details([error])
    assert detail == {
        "loc": ["body", "password"],
        "type": "string_too_short",
        "msg": "비밀번호는 8자 이상이어야 합니다.",
    }
