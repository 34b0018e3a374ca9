"""The translation between our engine and what LangGraph clients read and send (docs/CONTRACTS.md,
"LangGraph API mapping").

Our graph has no `messages` channel: a thread's `values.messages` are built from the chat transcript
(`chat_messages`), with ids that never change — a human message keeps the id its client gave it
(`client_message_id`), else `human-<turn_id>`; an answer is `ai-<turn_id>`, and a run's turn id is its
run id, so the token chunks streamed during a run carry the id its stored answer will have. Interrupts
keep our value (`type`, `question`, `payload`); a contract draft's also carries the human-in-the-loop
shape agent-chat-ui answers (`action_requests`/`review_configs`), and those decisions map back onto our
resume actions.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any, Protocol

from pydantic import ValidationError

from backend.errors import ApiError
from backend.langgraph_api.schemas import CheckpointRef
from backend.turns import PendingInterrupt, ResumeChoice, check_checkpoint_id

GRAPH_ID = "budongsan"
# LangGraph servers name a graph's default assistant uuid5(NAMESPACE_URL, graph_id); so do we.
ASSISTANT_ID = str(uuid.uuid5(uuid.NAMESPACE_URL, GRAPH_ID))
ASSISTANT_CREATED_AT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
CONTRACT_ACTION = "contract_draft"
CLARIFY_ACTION = "clarify"  # a clarifying question, answered as an edit of `{answer}`
# What each of our interrupts lets a human-in-the-loop client decide (`review_configs`).
ALLOWED_DECISIONS = {"contract_approval": ("approve", "edit", "reject"), "clarify": ("edit",)}
HUMAN_TYPES = frozenset({"human", "user"})
IGNORED_TYPES = frozenset({"tool"})  # agent-chat-ui's synthetic answers to tool calls we never make
INPUT_KEYS = frozenset({"messages", "use_memory"})
CONTEXT_KEYS = frozenset({"use_memory"})
MAX_CLIENT_ID_CHARS = 200
# The graph channels a client may write (`POST /threads/{id}/state`): what the assistant carries into the
# next turn besides the transcript. Everything else (the user, slots, plans, results …) is the server's.
WRITABLE_CHANNELS = frozenset({"summary", "window"})
MAX_SUMMARY_CHARS = 4000
MAX_WINDOW_MESSAGES = 50


def bad_request(code: str, message: str, details: dict[str, Any] | None = None) -> ApiError:
    return ApiError(422, code, message, details)


# --- assistants ---------------------------------------------------------------------------------------


def assistant_json() -> dict[str, Any]:
    return {
        "assistant_id": ASSISTANT_ID,
        "graph_id": GRAPH_ID,
        "config": {},
        "context": {},
        "metadata": {"created_by": "system"},
        "version": 1,
        "name": GRAPH_ID,
        "description": "부동산 상담 (budongsan): 실거래가·시세, 대출·수익률 계산, 임대차 법령, 계약서 초안",
        "created_at": ASSISTANT_CREATED_AT.isoformat(),
        "updated_at": ASSISTANT_CREATED_AT.isoformat(),
    }


def resolve_assistant(assistant_id: str) -> str:
    """Our one assistant, named by its id or by the graph id; 404 for anything else."""
    if assistant_id in (ASSISTANT_ID, GRAPH_ID):
        return ASSISTANT_ID
    raise ApiError(404, "not_found", "요청한 어시스턴트를 찾을 수 없습니다.", {"resource": "assistant"})


# --- messages -----------------------------------------------------------------------------------------


def human_id(turn_id: uuid.UUID | str, client_id: str | None) -> str:
    return client_id or f"human-{turn_id}"


def ai_id(turn_id: uuid.UUID | str) -> str:
    return f"ai-{turn_id}"


class StoredMessage(Protocol):
    """What values are built from: a transcript row, as the ORM model or as a plain result row."""

    @property
    def role(self) -> str: ...
    @property
    def turn_id(self) -> uuid.UUID | None: ...
    @property
    def client_message_id(self) -> str | None: ...
    @property
    def content(self) -> str: ...
    @property
    def structured_data(self) -> dict[str, Any] | None: ...


def message_json(message: StoredMessage) -> dict[str, Any]:
    """A transcript row as a LangChain message dict (what `values.messages` holds)."""
    if message.role == "user":
        return {
            "type": "human",
            "id": human_id(message.turn_id, message.client_message_id),
            "content": message.content,
            "additional_kwargs": {},
            "response_metadata": {},
            "name": None,
        }
    return {
        "type": "ai",
        "id": ai_id(message.turn_id),
        "content": message.content,
        "additional_kwargs": {},
        "response_metadata": {"structured_data": message.structured_data or {}},
        "name": None,
        "tool_calls": [],
        "invalid_tool_calls": [],
        "usage_metadata": None,
    }


def values_json(messages: Sequence[StoredMessage]) -> dict[str, Any]:
    return {"messages": [message_json(m) for m in messages]}


def token_chunk(turn_id: uuid.UUID | str, text: str) -> dict[str, Any]:
    return {
        "type": "AIMessageChunk",
        "id": ai_id(turn_id),
        "content": text,
        "additional_kwargs": {},
        "response_metadata": {},
        "name": None,
        "tool_calls": [],
        "invalid_tool_calls": [],
        "tool_call_chunks": [],
        "usage_metadata": None,
    }


# --- interrupts ---------------------------------------------------------------------------------------


def interrupt_value(pending: PendingInterrupt) -> dict[str, Any]:
    value: dict[str, Any] = {"type": pending.type, "question": pending.question, "payload": pending.payload}
    if pending.type == "contract_approval":
        value["action_requests"] = [
            {"name": CONTRACT_ACTION, "args": empty_contract_edit(), "description": pending.question}
        ]
        value["review_configs"] = [
            {"action_name": CONTRACT_ACTION, "allowed_decisions": list(ALLOWED_DECISIONS[pending.type])}
        ]
    elif pending.type == "clarify":
        value["action_requests"] = [
            {"name": CLARIFY_ACTION, "args": {"answer": ""}, "description": pending.question}
        ]
        value["review_configs"] = [
            {"action_name": CLARIFY_ACTION, "allowed_decisions": list(ALLOWED_DECISIONS[pending.type])}
        ]
    return value


def check_decision(resume: Any, pending: PendingInterrupt | None) -> None:
    """A `{decisions: [...]}` resume must be one the pending interrupt's `review_configs` allow (an
    approval of a clarifying question, an answer to a contract draft …): 422 otherwise, nothing stored.
    Plain resume values (a string, our `{action, …}`) are not checked here."""
    if pending is None or not (isinstance(resume, dict) and set(resume) == {"decisions"}):
        return
    decisions = resume["decisions"] if isinstance(resume["decisions"], list) else []
    decision = decisions[0] if decisions and isinstance(decisions[0], dict) else {}
    allowed = ALLOWED_DECISIONS.get(pending.type, ())
    kind = decision.get("type")
    edited = decision.get("edited_action")
    name = edited.get("name") if isinstance(edited, dict) else None
    expected = CLARIFY_ACTION if pending.type == "clarify" else CONTRACT_ACTION
    if kind not in allowed or (kind == "edit" and name != expected):
        raise bad_request(
            "decision_not_allowed",
            "기다리는 질문이 받지 않는 결정입니다.",
            {"interrupt_type": pending.type, "action_name": expected, "allowed_decisions": list(allowed)},
        )


def interrupt_json(pending: PendingInterrupt) -> dict[str, Any]:
    return {"value": interrupt_value(pending), "id": pending.id}


def stored_interrupt(message: StoredMessage | None) -> PendingInterrupt | None:
    """The question a chat waits on, as its last transcript message shows it."""
    if message is None or message.role != "assistant":
        return None
    stored = (message.structured_data or {}).get("interrupt")
    return PendingInterrupt.from_stored(stored) if stored else None


def empty_contract_edit() -> dict[str, Any]:
    from agents.teams.document import ContractEdit

    return ContractEdit().model_dump(mode="json")


def contract_edit(args: Any) -> dict[str, Any]:
    """An `edit` decision's args, checked against the one contract-edit schema; 422 when they do not fit."""
    from agents.teams.document import ContractEdit

    try:
        edit = ContractEdit.model_validate(args)
    except ValidationError as exc:
        fields = sorted({str(e["loc"][0]) for e in exc.errors() if e.get("loc")})
        raise bad_request(
            "invalid_contract_edit", "계약서 수정 내용이 올바르지 않습니다.", {"fields": fields}
        ) from None
    return edit.model_dump(mode="json", exclude_defaults=True)


# --- what a run may send ------------------------------------------------------------------------------


def resume_choice(resume: Any) -> ResumeChoice:
    """`command.resume` as one of our resume actions:
    - a string: the user's words (an answer to a question, or 승인/거절/edit words for a draft);
    - `{"decisions": [{"type": "approve" | "reject" | "edit", ...}]}` (agent-chat-ui's human-in-the-loop);
    - `{"action": "approve" | "modify" | "reject" | "answer", "feedback"?, "edit"?}` (ours)."""
    if isinstance(resume, str) and resume.strip():
        return ResumeChoice("answer", resume.strip())
    if isinstance(resume, dict) and set(resume) == {"decisions"}:
        decisions = resume["decisions"]
        if not isinstance(decisions, list) or len(decisions) != 1 or not isinstance(decisions[0], dict):
            raise bad_request("invalid_resume", "decisions에는 결정 하나만 보낼 수 있습니다.")
        return _decision(decisions[0])
    if isinstance(resume, dict) and "action" in resume:
        unknown = set(resume) - {"action", "feedback", "edit"}
        action, feedback = resume.get("action"), resume.get("feedback")
        if unknown or action not in ("approve", "modify", "reject", "answer"):
            raise bad_request(
                "invalid_resume", "resume의 action은 approve, modify, reject, answer 중 하나입니다."
            )
        if feedback is not None and not isinstance(feedback, str):
            raise bad_request("invalid_resume", "resume의 feedback은 문자열이어야 합니다.")
        edit = resume.get("edit")
        if edit is not None and action != "modify":
            raise bad_request("invalid_resume", "edit는 action이 modify일 때만 보낼 수 있습니다.")
        return ResumeChoice(action, feedback, edit=contract_edit(edit) if edit is not None else None)
    raise bad_request(
        "invalid_resume",
        "resume은 답변 문자열, {decisions: [...]} 또는 {action, feedback} 형식이어야 합니다.",
    )


def _decision(decision: dict[str, Any]) -> ResumeChoice:
    kind = decision.get("type")
    if kind == "approve":
        return ResumeChoice("approve")
    if kind == "reject":
        message = decision.get("message")
        return ResumeChoice("reject", message if isinstance(message, str) and message.strip() else None)
    if kind == "edit":
        action = decision.get("edited_action")
        name = action.get("name") if isinstance(action, dict) else None
        if name == CLARIFY_ACTION:  # the answer to a clarifying question
            answer = (action.get("args") or {}).get("answer") if isinstance(action, dict) else None
            if not isinstance(answer, str) or not answer.strip():
                raise bad_request("invalid_resume", "clarify의 args.answer는 비어 있지 않은 문자열입니다.")
            return ResumeChoice("answer", answer.strip())
        if not isinstance(action, dict) or name != CONTRACT_ACTION:
            raise bad_request(
                "invalid_resume",
                f"edited_action.name은 {CONTRACT_ACTION} 또는 {CLARIFY_ACTION}이어야 합니다.",
            )
        return ResumeChoice("modify", edit=contract_edit(action.get("args") or {}))
    raise bad_request("invalid_resume", "결정의 type은 approve, edit, reject 중 하나입니다.")


def human_input(value: Any) -> tuple[str, str | None, bool | None]:
    """`input` → (question text, the client's message id, use_memory or None). Only a human message
    (and `use_memory`) may come in: the rest of the state is the server's."""
    if not isinstance(value, dict):
        raise bad_request("invalid_input", "input은 {messages: [...]} 형식의 객체여야 합니다.")
    unknown = sorted(set(value) - INPUT_KEYS)
    if unknown:
        raise bad_request(
            "input_field_not_allowed",
            "input에는 messages와 use_memory만 보낼 수 있습니다.",
            {"fields": unknown[:10], "allowed": sorted(INPUT_KEYS)},
        )
    use_memory = value.get("use_memory")
    if use_memory is not None and not isinstance(use_memory, bool):
        raise bad_request("invalid_input", "use_memory는 true 또는 false여야 합니다.")
    messages = value.get("messages")
    if isinstance(messages, dict):
        messages = [messages]
    if not isinstance(messages, list):
        raise bad_request("invalid_input", "input.messages는 메시지 목록이어야 합니다.")
    humans = [m for m in messages if not (isinstance(m, dict) and _kind(m) in IGNORED_TYPES)]
    if len(humans) != 1 or not isinstance(humans[0], dict) or _kind(humans[0]) not in HUMAN_TYPES:
        raise bad_request(
            "invalid_input", "한 번의 실행에는 사용자 메시지(type: human) 하나만 보낼 수 있습니다."
        )
    text, client_id = _human_text(humans[0]), humans[0].get("id")
    if client_id is not None and (
        not isinstance(client_id, str) or not 0 < len(client_id) <= MAX_CLIENT_ID_CHARS
    ):
        raise bad_request("invalid_input", f"메시지 id는 {MAX_CLIENT_ID_CHARS}자 이하의 문자열이어야 합니다.")
    return text, client_id, use_memory


def _kind(message: dict[str, Any]) -> str | None:
    kind = message.get("type") or message.get("role")
    return kind if isinstance(kind, str) else None


def _human_text(message: dict[str, Any]) -> str:
    content = message.get("content")
    if isinstance(content, list):
        parts = []
        for block in content:
            if isinstance(block, str):
                parts.append(block)
            elif (
                isinstance(block, dict) and block.get("type") == "text" and isinstance(block.get("text"), str)
            ):
                parts.append(block["text"])
            else:
                raise bad_request("unsupported_content", "메시지에는 텍스트만 보낼 수 있습니다.")
        content = "\n".join(parts)
    if not isinstance(content, str) or not content.strip():
        raise bad_request("invalid_input", "메시지 내용이 비어 있습니다.")
    return content.strip()


def state_update(values: Any, max_chars: int) -> dict[str, Any]:
    """`POST /threads/{id}/state` values, checked against the writable channels: `summary` (a string)
    and `window` (recent messages `{role: user | assistant, content}`); 422 for anything else."""
    if not isinstance(values, dict) or not values:
        raise bad_request("invalid_state_update", "values는 비어 있지 않은 객체여야 합니다.")
    unknown = sorted(set(values) - WRITABLE_CHANNELS)
    if unknown:
        raise bad_request(
            "state_field_not_allowed",
            "상태에서는 summary와 window만 바꿀 수 있습니다.",
            {"fields": unknown[:10], "allowed": sorted(WRITABLE_CHANNELS)},
        )
    update: dict[str, Any] = {}
    if "summary" in values:
        summary = values["summary"]
        if not isinstance(summary, str) or len(summary) > MAX_SUMMARY_CHARS:
            raise bad_request("invalid_state_update", f"summary는 {MAX_SUMMARY_CHARS}자 이하의 문자열입니다.")
        update["summary"] = summary
    if "window" in values:
        window = values["window"]
        if not isinstance(window, list) or len(window) > MAX_WINDOW_MESSAGES:
            raise bad_request(
                "invalid_state_update", f"window는 메시지 {MAX_WINDOW_MESSAGES}개 이하의 목록입니다."
            )
        for message in window:
            if (
                not isinstance(message, dict)
                or set(message) != {"role", "content"}
                or message["role"] not in ("user", "assistant")
                or not isinstance(message["content"], str)
                or len(message["content"]) > max_chars
            ):
                raise bad_request(
                    "invalid_state_update",
                    f"window의 메시지는 {{role: user|assistant, content: {max_chars}자 이하}}입니다.",
                )
        update["window"] = [{"role": m["role"], "content": m["content"]} for m in window]
    return update


def fork_checkpoint(checkpoint_id: str | None, checkpoint: CheckpointRef | None) -> str | None:
    """The turn boundary a run (or a state write) starts from: `checkpoint_id`, or `checkpoint.checkpoint_id`;
    None: the thread's active branch. A malformed id or a subgraph namespace → 422."""
    if checkpoint is not None and checkpoint.checkpoint_ns:
        raise bad_request(
            "unsupported_checkpoint_ns", "checkpoint_ns는 지원하지 않습니다 (하위 그래프가 없습니다)."
        )
    wanted = checkpoint_id or (checkpoint.checkpoint_id if checkpoint is not None else None)
    if wanted:
        check_checkpoint_id(wanted)
    return wanted or None
