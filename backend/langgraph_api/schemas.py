"""Request bodies of the LangGraph-compatible surface, as `langgraph-sdk` sends them.

Every body forbids fields it does not know (422), so a client never believes an option took effect when
it did not; options the SDK always sends but that change nothing here are accepted and documented in
docs/CONTRACTS.md ("LangGraph API mapping").
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
)
from typing_extensions import TypeAliasType

STREAM_MODES = ("values", "updates", "messages", "messages-tuple", "custom")
SortOrder = Literal["asc", "desc"]


def _not_bool(value: Any) -> Any:
    """JSON `false` is not a number here (pydantic's lax mode would read it as 0)."""
    if isinstance(value, bool):
        raise ValueError("must be an integer")
    return value


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AssistantSearch(Body):
    metadata: dict[str, Any] | None = None
    graph_id: str | None = None
    name: str | None = None
    limit: Annotated[int, Field(ge=1, le=1000), BeforeValidator(_not_bool)] = 10
    offset: Annotated[int, Field(ge=0, le=1_000_000), BeforeValidator(_not_bool)] = 0  # never a bigint OFFSET
    sort_by: Literal["assistant_id", "graph_id", "name", "created_at", "updated_at"] | None = None
    sort_order: SortOrder | None = None
    select: list[str] | None = None


class AssistantCount(Body):
    metadata: dict[str, Any] | None = None
    graph_id: str | None = None
    name: str | None = None


class ThreadCreate(Body):
    thread_id: str | None = None
    metadata: dict[str, Any] | None = None
    if_exists: Literal["raise", "do_nothing"] = "raise"
    supersteps: list[dict[str, Any]] | None = Field(default=None, max_length=0)
    ttl: None = None  # thread TTLs are not supported: a thread lives until deleted


class ThreadPatch(Body):
    metadata: dict[str, Any] | None = None
    ttl: None = None


class ThreadSearch(Body):
    metadata: dict[str, Any] | None = None
    ids: list[str] | None = Field(default=None, max_length=1000)
    status: Literal["idle", "busy", "interrupted", "error"] | None = None
    limit: Annotated[int, Field(ge=1, le=1000), BeforeValidator(_not_bool)] = 10
    offset: Annotated[int, Field(ge=0, le=1_000_000), BeforeValidator(_not_bool)] = 0  # never a bigint OFFSET
    sort_by: Literal["thread_id", "status", "created_at", "updated_at"] | None = None
    sort_order: SortOrder | None = None


class ThreadCount(Body):
    """`POST /threads/count`: the filters of search. A `values` filter is refused (422; `{}` is none): a
    thread's values are built from its transcript, not stored as a JSON document to match against."""

    metadata: dict[str, Any] | None = None
    status: Literal["idle", "busy", "interrupted", "error"] | None = None
    values: Annotated[
        dict[str, Any] | None,
        Field(max_length=0, description="Not supported: values are built from the transcript"),
    ] = None


class CheckpointRef(BaseModel):
    model_config = ConfigDict(extra="ignore")
    thread_id: str | None = None
    checkpoint_ns: str = ""
    checkpoint_id: str | None = None


class StateAtCheckpoint(Body):
    """`POST /threads/{id}/state/checkpoint` (the SDK's get_state with a `checkpoint`)."""

    checkpoint: CheckpointRef
    subgraphs: bool = False
    select: list[str] | None = None


class HistoryRequest(Body):
    limit: Annotated[int, Field(ge=1, le=1000), BeforeValidator(_not_bool)] = 10
    before: CheckpointRef | None = None
    metadata: dict[str, Any] | None = None
    checkpoint: CheckpointRef | None = None
    select: list[str] | None = None


class CommandIn(Body):
    """`command`: only `resume` is accepted (`goto` and `update` would steer or write the graph)."""

    resume: Any = None


class RunCreate(Body):
    assistant_id: str
    input: dict[str, Any] | None = None
    command: CommandIn | None = None
    config: dict[str, Any] | None = None
    context: dict[str, Any] | None = None
    metadata: dict[str, Any] | None = None
    stream_mode: str | list[str] = "values"
    stream_subgraphs: bool = False
    stream_resumable: bool = False
    interrupt_before: list[str] | Literal["*"] | None = None
    interrupt_after: list[str] | Literal["*"] | None = None
    feedback_keys: list[str] | None = None
    webhook: None = None
    checkpoint: CheckpointRef | None = None
    checkpoint_id: str | None = None
    checkpoint_during: bool | None = None
    multitask_strategy: Literal["reject", "enqueue", "interrupt", "rollback"] = "enqueue"
    if_not_exists: Literal["reject", "create"] = "reject"
    on_disconnect: Literal["cancel", "continue"] = "continue"
    on_completion: Literal["delete", "keep"] | None = None
    after_seconds: None = None
    durability: Literal["sync", "async", "exit"] | None = None
    strict_resume: bool | None = None
    langsmith_tracer: dict[str, Any] | None = None


class ApiKeyCreate(Body):
    name: str = Field(min_length=1, max_length=100)


# --- store ---------------------------------------------------------------------------------------------

MAX_LABELS = 20
NO_NUL = r"^[^\x00]*$"


def _bool_only(value: Any) -> Any:
    """JSON `0` is not `false` here."""
    if not isinstance(value, bool):
        raise ValueError("must be false")
    return value


# Postgres text and jsonb cannot hold NUL; a label cannot hold the "." that joins a namespace.
Label = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"^[^.\x00]+$")]
Namespace = Annotated[list[Label], Field(max_length=MAX_LABELS)]
StoreKey = Annotated[str, StringConstraints(min_length=1, max_length=500, pattern=r"^[^\x00]+$")]
JsonText = Annotated[str, StringConstraints(pattern=NO_NUL)]
StoreJson = TypeAliasType(
    "StoreJson",
    Union[StrictBool, StrictInt, float, JsonText, list["StoreJson"], dict[JsonText, "StoreJson"], None],  # noqa: UP007
)
FilterOperator = Literal["$eq", "$ne", "$gt", "$gte", "$lt", "$lte"]
FilterCondition = Union[  # noqa: UP007
    StrictBool, StrictInt, float, JsonText, list[StoreJson], dict[FilterOperator, StoreJson], None
]
MAX_OFFSET = 1_000_000
# Constraints before the validator, so that the OpenAPI states them (see backend/schemas.py).
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET), BeforeValidator(_not_bool)]
Depth = Annotated[int, Field(ge=1, le=MAX_LABELS), BeforeValidator(_not_bool)]
Limit = Annotated[int, Field(ge=1, le=1000), BeforeValidator(_not_bool)]


class StorePut(Body):
    namespace: Namespace
    key: StoreKey
    value: dict[JsonText, StoreJson]
    index: Annotated[Literal[False], BeforeValidator(_bool_only)] | None = None  # never embedded
    ttl: None = None  # items live until deleted


class StoreDelete(Body):
    namespace: Namespace
    key: StoreKey


class StoreSearch(Body):
    namespace_prefix: Namespace = Field(default_factory=list)
    filter: dict[JsonText, FilterCondition] | None = None
    limit: Limit = 10
    offset: Offset = 0
    # no semantic index: a text query keeps the items whose value's JSON text holds every word of it
    query: Annotated[str, StringConstraints(max_length=1000, pattern=NO_NUL)] | None = None
    refresh_ttl: StrictBool | None = None  # accepted; items have no TTL


class StoreNamespaces(Body):
    prefix: Namespace | None = None
    suffix: Namespace | None = None
    max_depth: Depth | None = None
    limit: Limit = 100
    offset: Offset = 0


class ThreadStateUpdate(Body):
    values: dict[str, Any] | list[Any] | None = None
    as_node: str | None = None
    checkpoint: CheckpointRef | None = None
    checkpoint_id: str | None = None


class ApiKeyOut(BaseModel):
    id: uuid.UUID
    name: str
    prefix: str = Field(description="The key's visible start, for telling keys apart")
    created_at: dt.datetime
    last_used_at: dt.datetime | None


class ApiKeyCreated(ApiKeyOut):
    key: str = Field(description="The key itself: shown only in this answer, never again")
