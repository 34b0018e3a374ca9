"""Entity memories: the complexes, 동 and 구 a user talked about, with counts and recency.

They let "지난번에 물어본 그 아파트" resolve to a concrete complex, and show the user what we keep.
"""

from __future__ import annotations

import builtins
import datetime as dt
import logging
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError, computed_field
from sqlalchemy import bindparam, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncConnection

from agents.domain.entity_ids import EntityType
from agents.domain.slots import Slots
from memory.preferences import as_uuid

log = logging.getLogger(__name__)

_TYPE_LABEL = {"complex": "관심 단지", "dong": "관심 동네", "sigungu": "관심 지역"}


class EntityMention(BaseModel):
    """One mention in a turn; `id` is stable per entity (agents.domain.entity_ids)."""

    model_config = ConfigDict(extra="ignore")

    type: EntityType = Field(validation_alias=AliasChoices("type", "entity_type"))
    id: str = Field(min_length=1, validation_alias=AliasChoices("id", "entity_id"))
    name: str = Field(min_length=1)
    context: dict[str, Any] = Field(default_factory=dict)


class Entity(BaseModel):
    id: int
    entity_type: EntityType
    entity_id: str
    name: str
    mention_count: int
    first_mentioned_at: dt.datetime
    last_mentioned_at: dt.datetime
    context: dict[str, Any] = Field(default_factory=dict)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def label(self) -> str:
        """E.g. "관심 단지: 헬리오시티 (송파구 가락동, 3회 언급)"."""
        where = " ".join(str(self.context[k]) for k in ("sigungu", "dong") if self.context.get(k))
        where = f"{where}, " if where and self.entity_type == "complex" else ""
        return f"{_TYPE_LABEL[self.entity_type]}: {self.name} ({where}{self.mention_count}회 언급)"


_COLUMNS = "id, entity_type, entity_id, name, mention_count, first_mentioned_at, last_mentioned_at, context"

# clock_timestamp(): mentions inside one transaction still get a strict recency order.
UPSERT_MENTION = text(
    "INSERT INTO entity_memories "
    "(user_id, entity_type, entity_id, name, context, first_mentioned_at, last_mentioned_at) "
    "VALUES (:user_id, :type, :id, :name, :context, clock_timestamp(), clock_timestamp()) "
    "ON CONFLICT ON CONSTRAINT uq_entity_memories_user_entity DO UPDATE SET "
    "mention_count = entity_memories.mention_count + 1, last_mentioned_at = clock_timestamp(), "
    "name = EXCLUDED.name, context = entity_memories.context || EXCLUDED.context"
).bindparams(bindparam("context", type_=JSONB))

SELECT_ENTITIES = text(
    f"SELECT {_COLUMNS} FROM entity_memories WHERE user_id = :user_id "
    "AND (CAST(:type AS text) IS NULL OR entity_type = :type) "
    "ORDER BY last_mentioned_at DESC, id DESC LIMIT :limit"
)

DELETE_ENTITY = text("DELETE FROM entity_memories WHERE id = :id AND user_id = :user_id RETURNING id")


def coerce_mentions(raw: Sequence[EntityMention | Mapping[str, Any]]) -> builtins.list[EntityMention]:
    """Valid mentions, deduplicated by (type, id); malformed ones are logged and skipped."""
    seen: dict[tuple[str, str], EntityMention] = {}
    for item in raw:
        try:
            mention = item if isinstance(item, EntityMention) else EntityMention.model_validate(item)
        except ValidationError:
            log.info("skipping malformed entity mention: %r", item)
            continue
        seen[(mention.type, mention.id)] = mention
    return builtins.list(seen.values())


def mentions_from_slots(slots: Slots) -> builtins.list[EntityMention]:
    """The complex / 동 / 구 a turn's slots name. Ids follow backend/turns.py's payload convention
    (complex id or name, 동 name, 시군구 code), so both sources land on the same rows."""
    out: builtins.list[EntityMention] = []
    if slots.complex:
        out.append(EntityMention(type="complex", id=slots.complex_id or slots.complex, name=slots.complex))
    if slots.dong:
        out.append(EntityMention(type="dong", id=slots.dong, name=slots.dong))
    if slots.sigungu:
        out.append(EntityMention(type="sigungu", id=slots.sigungu_code or slots.sigungu, name=slots.sigungu))
    return [with_place(m, slots) for m in out]


def with_place(mention: EntityMention, slots: Slots) -> EntityMention:
    """Adds where a complex or 동 is (from the turn's slots) so "그 아파트" can be searched again."""
    if mention.type == "sigungu" or mention.name not in (slots.complex, slots.dong):
        return mention
    place = {
        "sigungu": slots.sigungu,
        "sigungu_code": slots.sigungu_code,
        "dong": slots.dong,
        "complex_id": slots.complex_id if mention.type == "complex" else None,
    }
    place = {k: v for k, v in place.items() if v is not None and k not in mention.context}
    return mention.model_copy(update={"context": {**mention.context, **place}}) if place else mention


async def upsert_mentions(
    conn: AsyncConnection, user_id: uuid.UUID | str, entities: Sequence[EntityMention | Mapping[str, Any]]
) -> int:
    """Record one mention of each entity (count + 1, last mention now); returns how many."""
    mentions = coerce_mentions(entities)
    uid = as_uuid(user_id)
    for m in mentions:
        params = {"user_id": uid, "type": m.type, "id": m.id, "name": m.name, "context": m.context}
        await conn.execute(UPSERT_MENTION, params)
    return len(mentions)


async def list_entities(
    conn: AsyncConnection, user_id: uuid.UUID | str, type: EntityType | None = None, limit: int = 100
) -> builtins.list[Entity]:
    """The user's entities, most recently mentioned first."""
    params = {"user_id": as_uuid(user_id), "type": type, "limit": limit}
    rows = (await conn.execute(SELECT_ENTITIES, params)).mappings().all()
    return [Entity.model_validate(dict(r)) for r in rows]


async def most_recent(conn: AsyncConnection, user_id: uuid.UUID | str, type: EntityType) -> Entity | None:
    found = await list_entities(conn, user_id, type, limit=1)
    return found[0] if found else None


async def delete(conn: AsyncConnection, user_id: uuid.UUID | str, entity_pk: int) -> bool:
    rows = (await conn.execute(DELETE_ENTITY, {"id": entity_pk, "user_id": as_uuid(user_id)})).all()
    return bool(rows)


# The brief's name; defined last so the builtin stays usable above.
list = list_entities
