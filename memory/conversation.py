"""Conversation memories: one compact, searchable record per finished exchange.

Search uses the generated `search` tsvector ('simple' config, no Korean stemming). Korean attaches
particles to words ("송파구에서"), so query words are stripped of common particles and matched as
prefixes ('송파구':* also finds the stored "송파구에서"); an ILIKE on the same words catches words
inside compounds. Scans are bounded per user by the (user_id, created_at) index.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import bindparam, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncConnection

from agents.domain.particles import PARTICLES, strip_particle
from agents.domain.slots import Intent, Slots
from agents.domain.units import clip
from memory.preferences import as_uuid

# A memory is compact, and its tsvector must fit a btree tuple (< 2.7 kB) when the covering
# index (user_id, created_at, id) INCLUDE (search) exists: ~8 bytes per word plus the text's bytes.
QUERY_CHARS, QUERY_WORDS = 150, 40
SUMMARY_CHARS, SUMMARY_WORDS = 200, 60

_WORD_RE = re.compile(r"[0-9a-z가-힣]+")


class ConversationMemory(BaseModel):
    id: int
    session_id: uuid.UUID | None
    message_id: int | None
    query: str
    response_summary: str
    intent: str | None
    slots: dict[str, Any] = Field(default_factory=dict)
    entities: list[dict[str, Any]] = Field(default_factory=list)
    created_at: dt.datetime


_COLUMNS = "id, session_id, message_id, query, response_summary, intent, slots, entities, created_at"

INSERT_MEMORY = text(
    "INSERT INTO conversation_memories "
    "(user_id, session_id, message_id, query, response_summary, intent, slots, entities) "
    "VALUES (:user_id, :session_id, :message_id, :query, :summary, :intent, :slots, :entities) "
    "RETURNING id"
).bindparams(bindparam("slots", type_=JSONB), bindparam("entities", type_=JSONB))

SEARCH_MEMORIES = text(
    f"SELECT {_COLUMNS} FROM ("
    f"  SELECT {_COLUMNS}, "
    "   CASE WHEN search @@ websearch_to_tsquery('simple', :q) THEN 1.0 ELSE 0.0 END"
    "   + coalesce(ts_rank(search, to_tsquery('simple', :prefix)), 0.0) AS rank "
    "  FROM conversation_memories "
    "  WHERE user_id = :user_id AND ("
    "    search @@ websearch_to_tsquery('simple', :q)"
    "    OR search @@ to_tsquery('simple', :prefix)"
    "    OR query ILIKE ANY(:patterns) OR response_summary ILIKE ANY(:patterns))"
    ") hits ORDER BY rank DESC, created_at DESC, id DESC LIMIT :limit"
)

RECENT_MEMORIES = text(
    f"SELECT {_COLUMNS} FROM conversation_memories WHERE user_id = :user_id "
    "ORDER BY created_at DESC, id DESC LIMIT :limit"
)

DELETE_MEMORY = text("DELETE FROM conversation_memories WHERE id = :id AND user_id = :user_id RETURNING id")

# The user's memories beyond the newest `keep` (walks the (user_id, created_at, id) index).
TRIM_MEMORIES = text(
    "DELETE FROM conversation_memories WHERE id IN ("
    "  SELECT id FROM conversation_memories WHERE user_id = :user_id"
    "  ORDER BY created_at DESC, id DESC OFFSET :keep)"
)


# ---------------------------------------------------------------- query words


def search_terms(
    query: str, *, stopwords: Iterable[str] = (), min_chars: int = 1, limit: int = 8
) -> list[str]:
    """Distinct particle-stripped words of `query`, in order, for prefix and ILIKE matching."""
    skip = set(stopwords)
    out: list[str] = []
    for word in _WORD_RE.findall(clip(query).lower()):
        stem = strip_particle(word, PARTICLES)
        if len(stem) >= min_chars and stem not in skip and word not in skip and stem not in out:
            out.append(stem)
    return out[:limit]


def prefix_tsquery(terms: Sequence[str]) -> str | None:
    """ "'송파구':* | '전세':*" (terms are word characters only, so quoting is safe)."""
    return " | ".join(f"'{t}':*" for t in terms) or None


def like_patterns(terms: Sequence[str]) -> list[str]:
    return [f"%{t}%" for t in terms]


def compact(text_: str, max_chars: int, max_words: int) -> str:
    """Whitespace collapsed, at most `max_words` words and `max_chars` characters ("…" if cut),
    preferring to cut at a sentence end when one is near."""
    words = clip(text_).split()
    flat = " ".join(words[:max_words])
    if len(words) <= max_words and len(flat) <= max_chars:
        return flat
    cut = flat[: max_chars - 1]
    end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    return (cut[: end + 1] if end >= max_chars // 2 else cut.rstrip()) + "…"


def summarize(answer: str) -> str:
    """The answer's opening, as the memory's response summary."""
    return compact(answer, SUMMARY_CHARS, SUMMARY_WORDS)


# ---------------------------------------------------------------- operations


def _to_memory(row: Mapping[str, Any]) -> ConversationMemory:
    return ConversationMemory.model_validate(dict(row))


async def add(
    conn: AsyncConnection,
    user_id: uuid.UUID | str,
    session_id: uuid.UUID | str | None,
    message_id: int | None,
    query: str,
    response_summary: str,
    intent: Intent | str | None,
    slots: Slots | Mapping[str, Any] | None,
    entities: Sequence[Mapping[str, Any]] = (),
) -> int:
    """Store one exchange (texts compacted); returns the memory id. Empty slots are dropped."""
    slot_values = slots.model_dump(exclude_none=True) if isinstance(slots, Slots) else dict(slots or {})
    params = {
        "user_id": as_uuid(user_id),
        "session_id": as_uuid(session_id) if session_id is not None else None,
        "message_id": message_id,
        "query": compact(query, QUERY_CHARS, QUERY_WORDS),
        "summary": compact(response_summary, SUMMARY_CHARS, SUMMARY_WORDS),
        "intent": str(intent) if intent is not None else None,
        "slots": {k: v for k, v in slot_values.items() if v is not None},
        "entities": [dict(e) for e in entities],
    }
    return (await conn.execute(INSERT_MEMORY, params)).scalar_one()


async def search(
    conn: AsyncConnection, user_id: uuid.UUID | str, q: str, limit: int = 20
) -> list[ConversationMemory]:
    """The user's memories matching `q`, best first; empty when `q` has no words."""
    terms = search_terms(q)
    if not terms:
        return []
    params = {
        "user_id": as_uuid(user_id),
        "q": q,
        "prefix": prefix_tsquery(terms),
        "patterns": like_patterns(terms),
        "limit": limit,
    }
    rows = (await conn.execute(SEARCH_MEMORIES, params)).mappings().all()
    return [_to_memory(r) for r in rows]


async def recent(
    conn: AsyncConnection, user_id: uuid.UUID | str, limit: int = 20
) -> list[ConversationMemory]:
    rows = (
        (await conn.execute(RECENT_MEMORIES, {"user_id": as_uuid(user_id), "limit": limit})).mappings().all()
    )
    return [_to_memory(r) for r in rows]


async def delete(conn: AsyncConnection, user_id: uuid.UUID | str, memory_id: int) -> bool:
    rows = (await conn.execute(DELETE_MEMORY, {"id": memory_id, "user_id": as_uuid(user_id)})).all()
    return bool(rows)


async def trim(conn: AsyncConnection, user_id: uuid.UUID | str, keep: int) -> int:
    """Drop the user's oldest memories beyond the newest `keep`; returns how many went."""
    result = await conn.execute(TRIM_MEMORIES, {"user_id": as_uuid(user_id), "keep": keep})
    return result.rowcount  # type: ignore[attr-defined]
