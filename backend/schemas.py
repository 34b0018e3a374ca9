"""Request and response models at the HTTP edge. Requests forbid unknown fields and unstorable text."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

TITLE_MAX_CHARS = 100
PASSWORD_MIN_CHARS = 8
PASSWORD_MAX_CHARS = 128
FEEDBACK_MAX_CHARS = 4000
EMAIL_PATTERN = r"^[^@\s\x00]{1,64}@[^@\s\x00]{1,189}\.[^@\s.\x00]{2,63}$"
# What `_storable` and `_not_blank` enforce, written as patterns for the OpenAPI (ECMA-262 regexes), so
# clients and contract tests know that NUL and all-blank text are refused.
NO_NUL_PATTERN = r"^[^\x00]*$"
NON_BLANK_PATTERN = r"^[^\x00]*[^\s\x00][^\x00]*$"


def _storable(text: str) -> str:
    """Postgres `text` cannot hold NUL, and lone surrogates cannot be encoded: refuse both up front."""
    if "\x00" in text:
        raise ValueError("must not contain NUL characters")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text") from None
    return text


def _not_blank(text: str) -> str:
    if not text.strip():
        raise ValueError("must not be blank")
    return text


def require_feedback_for_answer(action: str, feedback: str | None) -> None:
    if action == "answer" and not (feedback and feedback.strip()):
        raise ValueError("feedback is required when action is 'answer'")


# Constraints go before the validators: pydantic leaves a `pattern` that follows an AfterValidator out of
# the JSON schema (it still enforces it), and then the OpenAPI would promise more than the API accepts.
StorableStr = Annotated[str, Field(json_schema_extra={"pattern": NO_NUL_PATTERN}), AfterValidator(_storable)]
NonBlankStr = Annotated[
    str,
    Field(json_schema_extra={"pattern": NON_BLANK_PATTERN}),
    AfterValidator(_storable),
    AfterValidator(_not_blank),
]
EmailStr = Annotated[str, Field(max_length=254, pattern=EMAIL_PATTERN), AfterValidator(_storable)]
FeedbackStr = Annotated[StorableStr, Field(max_length=FEEDBACK_MAX_CHARS)]
# LangGraph's interrupt ids are hex digests; anything else cannot name a pending question.
InterruptIdStr = Annotated[str, Field(min_length=1, max_length=128, pattern=r"^[0-9A-Za-z_-]+$")]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- auth and users ---------------------------------------------------------------------------------


class RegisterRequest(_Request):
    email: EmailStr
    password: Annotated[StorableStr, Field(min_length=PASSWORD_MIN_CHARS, max_length=PASSWORD_MAX_CHARS)]

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"email": "minji@example.com", "password": "correct-horse-battery"}]},
    )


class LoginForm(BaseModel):
    """The OAuth2 password grant (RFC 6749 §4.3), as strict as registration: what cannot belong to an
    account (empty, over-long, NUL) is a 422 and never reaches the database. `scope` and client
    credentials are not used and are ignored if sent."""

    grant_type: Literal["password"] = "password"
    username: Annotated[str, Field(min_length=1, max_length=254, pattern=NO_NUL_PATTERN)]
    password: Annotated[
        str,
        Field(
            min_length=1,
            max_length=PASSWORD_MAX_CHARS,
            pattern=NO_NUL_PATTERN,
            json_schema_extra={"format": "password"},
        ),
    ]


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"access_token": "eyJhbGciOiJIUzI1NiIs...", "token_type": "bearer"}]}
    )


class UserOut(BaseModel):
    id: uuid.UUID
    email: str
    created_at: dt.datetime

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": "5f0c6a54-3f53-4c55-9f57-0d1f0b2f4f11",
                    "email": "minji@example.com",
                    "created_at": "2026-01-05T09:30:00+09:00",
                }
            ]
        },
    )


class PasswordChangeRequest(_Request):
    current_password: Annotated[StorableStr, Field(min_length=1, max_length=PASSWORD_MAX_CHARS)]
    new_password: Annotated[StorableStr, Field(min_length=PASSWORD_MIN_CHARS, max_length=PASSWORD_MAX_CHARS)]


class PasswordChanged(BaseModel):
    sessions_ended: int  # the other login sessions, signed out by the change


class LoginSessionOut(BaseModel):
    """One login (device) of the user; `current` marks the one this request's token belongs to."""

    session_id: str
    created_at: dt.datetime
    last_activity: dt.datetime  # written at most once a minute per server process
    expires_at: dt.datetime
    request_count: int
    client: str | None = None
    user_agent: str | None = None
    current: bool


class SessionsEnded(BaseModel):
    sessions_ended: int


# --- chat sessions ----------------------------------------------------------------------------------

TitleStr = Annotated[NonBlankStr, Field(max_length=TITLE_MAX_CHARS)]


class SessionCreate(_Request):
    title: TitleStr | None = None

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"title": "강남 전세 알아보기"}, {}]}
    )


class SessionUpdate(_Request):
    title: TitleStr

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"title": "은마 시세 정리"}]})


class SessionOut(BaseModel):
    session_id: uuid.UUID
    title: str
    created_at: dt.datetime
    updated_at: dt.datetime
    last_message: str | None
    message_count: int

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "session_id": "0b7f3e0e-8a0e-4f57-9f0a-3f1c2b8d9e10",
                    "title": "대치동 은마아파트 84㎡ 최근 실거래가",
                    "created_at": "2026-01-05T09:30:00+09:00",
                    "updated_at": "2026-01-05T09:31:12+09:00",
                    "last_message": "최근 6개월 은마 84㎡ 거래는 12건, 중위값 24억 5,000만원입니다.",
                    "message_count": 2,
                }
            ]
        },
    )


class SessionPage(BaseModel):
    items: list[SessionOut]
    next_cursor: str | None = Field(description="Opaque; pass as `cursor` for the next (older) page")


# --- messages and turns -----------------------------------------------------------------------------


class MessageCreate(_Request):
    content: NonBlankStr = Field(description="The question; at most `max_message_chars` characters")
    turn_id: uuid.UUID | None = Field(
        default=None,
        description="Client-chosen idempotency key: retrying with the same turn_id never stores the "
        "question or the answer twice, and returns the stored answer when the turn already finished.",
    )
    use_memory: bool = Field(
        default=True,
        description="false answers without long-term memory (preferences and past chats), e.g. to re-run "
        "an answer that said it used memory.",
    )

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"content": "대치동 은마아파트 84㎡ 최근 실거래가"},
                {
                    "content": "송파구 아파트 2024년 평균 매매가 추이",
                    "turn_id": "9a1d2c3e-1111-4a2b-8c3d-0e1f2a3b4c5d",
                },
            ]
        },
    )


ResumeAction = Literal["approve", "modify", "reject", "answer"]


class ResumeRequest(_Request):
    action: ResumeAction = Field(
        description="approve | modify | reject (contracts); answer (clarifying question)"
    )
    feedback: FeedbackStr | None = None
    turn_id: uuid.UUID | None = None
    interrupt_id: InterruptIdStr | None = Field(
        default=None,
        description="the `interrupt.id` being answered; 409 `interrupt_not_pending` if the chat no longer "
        "waits on it (answered meanwhile, e.g. from another tab)",
    )

    @model_validator(mode="after")
    def _answer_needs_feedback(self) -> ResumeRequest:
        require_feedback_for_answer(self.action, self.feedback)
        return self

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            # The model validator above, stated in the schema: `answer` needs non-blank feedback.
            "if": {"properties": {"action": {"const": "answer"}}, "required": ["action"]},
            "then": {
                "properties": {"feedback": {"type": "string", "pattern": NON_BLANK_PATTERN}},
                "required": ["feedback"],
            },
            "examples": [
                {"action": "approve"},
                {"action": "modify", "feedback": "보증금을 3억으로 바꿔 주세요"},
                {"action": "reject"},
                {"action": "answer", "feedback": "84㎡요"},
            ],
        },
    )


class MessageBranch(BaseModel):
    """A question asked again from the same point (regenerate / edit): which of the alternatives it is."""

    index: int = Field(description="1-based position among the alternatives, oldest first")
    count: int = Field(description="How many alternatives there are")
    siblings: list[int] = Field(description="The alternatives' message ids, oldest first")


class MessageOut(BaseModel):
    id: int
    turn_id: uuid.UUID
    role: Literal["user", "assistant"]
    content: str
    structured_data: dict[str, Any] | None
    created_at: dt.datetime

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": 42,
                    "turn_id": "9a1d2c3e-1111-4a2b-8c3d-0e1f2a3b4c5d",
                    "role": "assistant",
                    "content": "최근 6개월 은마 84㎡ 거래는 12건, 중위값 24억 5,000만원입니다.",
                    "structured_data": {"intent": "MARKET_INQUIRY", "slots": {"complex": "은마"}, "rows": []},
                    "created_at": "2026-01-05T09:31:12+09:00",
                }
            ]
        },
    )


class TranscriptMessageOut(MessageOut):
    """A transcript listing's message: where it sits in the chat's tree (forks)."""

    parent_id: int | None = Field(
        default=None, description="The message this one follows (the transcript is a tree: forks)"
    )
    checkpoint_id: str | None = Field(
        default=None,
        description="On an answer: the checkpoint its turn ended on (a LangGraph run's fork point)",
    )
    branch: MessageBranch | None = Field(
        default=None,
        description="On a question with alternatives: switch to another with …/messages/{id}/activate",
    )


class MessagePage(BaseModel):
    items: list[TranscriptMessageOut] = Field(description="Oldest to newest within the page")
    next_before: int | None = Field(description="Pass as `before` to get the previous (older) page")


class InterruptOut(BaseModel):
    id: str | None = Field(
        default=None, description="send it back as `interrupt_id` to make sure you answer this very question"
    )
    type: str = Field(description="clarify | contract_approval")
    question: str
    payload: dict[str, Any]


class TurnResult(BaseModel):
    turn_id: uuid.UUID
    user_message: MessageOut
    assistant_message: MessageOut
    interrupt: InterruptOut | None = Field(
        description="Set when the assistant paused: answer with a new message (clarify) or /resume"
    )

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "turn_id": "9a1d2c3e-1111-4a2b-8c3d-0e1f2a3b4c5d",
                    "user_message": {
                        "id": 41,
                        "turn_id": "9a1d2c3e-1111-4a2b-8c3d-0e1f2a3b4c5d",
                        "role": "user",
                        "content": "대치동 은마아파트 84㎡ 최근 실거래가",
                        "structured_data": None,
                        "created_at": "2026-01-05T09:31:10+09:00",
                    },
                    "assistant_message": {
                        "id": 42,
                        "turn_id": "9a1d2c3e-1111-4a2b-8c3d-0e1f2a3b4c5d",
                        "role": "assistant",
                        "content": "최근 6개월 은마 84㎡ 거래는 12건, 중위값 24억 5,000만원입니다.",
                        "structured_data": {"intent": "MARKET_INQUIRY"},
                        "created_at": "2026-01-05T09:31:12+09:00",
                    },
                    "interrupt": None,
                }
            ]
        }
    )


# --- errors and health ------------------------------------------------------------------------------


class ErrorDetail(BaseModel):
    code: str
    message: str
    details: dict[str, Any]


class ErrorResponse(BaseModel):
    error: ErrorDetail

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "error": {
                        "code": "turn_in_progress",
                        "message": "이 대화에서 이전 질문에 대한 답변이 아직 진행 중입니다.",
                        "details": {"session_id": "0b7f3e0e-8a0e-4f57-9f0a-3f1c2b8d9e10"},
                    }
                }
            ]
        }
    )


class HealthOut(BaseModel):
    status: Literal["ok"]


class ReadyOut(BaseModel):
    status: Literal["ready"]
    checks: dict[str, Any]


# A request body that is not JSON (400), too big (413) or not the model (422).
BODY_ERRORS = (400, 413, 422)
# Postgres away: every route that touches the database answers 503 + Retry-After (see backend/errors.py).
DB_ERRORS = (503,)
_RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before trying again",
        "required": True,
        "schema": {"type": "integer", "minimum": 0},
    }
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries that document the common error shape for the given statuses."""
    return {
        status: {"model": ErrorResponse, **({"headers": _RETRY_AFTER} if status in (429, 503) else {})}
        for status in statuses
    }


def document_setting_limits(spec: dict[str, Any], *, max_message_chars: int, page_limit_max: int) -> None:
    """Writes the limits that are settings into a generated OpenAPI document (in place).

    Routes are declared before settings exist, so their schemas cannot carry these numbers; without them the
    document would call a 5000-character question or `limit=500` valid while the API answers 422.
    """
    message = spec["components"]["schemas"]["MessageCreate"]["properties"]["content"]
    message["maxLength"] = max_message_chars
    for item in spec["paths"].values():
        for operation in item.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query" and parameter["name"] == "limit":
                    for option in parameter["schema"].get("anyOf", [parameter["schema"]]):
                        if option.get("type") == "integer" and "maximum" not in option:
                            option["maximum"] = page_limit_max
