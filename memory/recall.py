"""Recall for planning: what long-term memory offers one turn, under a hard budget.

One SQL statement (CTEs joined by UNION ALL) fetches the current preferences, the conversation
memories relevant to the message (full-text, then ILIKE, then simply the most recent), the most
recent entities and, for "지난번에 물어본 그 아파트", the last complex. Every item carries a stable
id ("preference:12") and a Korean label, so planning can record exactly what it used.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from agents.domain.entity_ids import data_complex_id
from agents.domain.slots import Slots
from agents.domain.units import clip
from memory.conversation import like_patterns, prefix_tsquery, search_terms
from memory.preferences import STRONG_CONFIDENCE, UNKNOWN_DEAL, as_uuid, describe

ItemKind = Literal["preference", "conversation", "entity"]

# Words that say nothing about *which* memory is meant.
_STOPWORD_TEXT = (
    "지난번 지난 저번 이전 전에 예전 요즘 최근 그거 그것 그때 거기 이거 저거 물어본 물어봤던 물어봤 "
    "봤던 알려줘 알려 주세요 어때 어때요 어떻게 얼마 얼마야 뭐야 해줘 추천해줘 추천 있어 있어요 그 "
    "아파트 시세 가격 찾아줘 보여줘 다시"
)
RECALL_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_PREVIOUS_RE = re.compile(r"(지난번|저번|전에|아까|예전에|그\s*(아파트|단지|집|곳|매물)|거기|물어본|봤던)")


class RecallBudget(BaseModel):
    """Hard limits on what recall hands to planning (and so to any prompt)."""

    model_config = ConfigDict(frozen=True)

    max_items: int = 12
    max_chars: int = 900
    max_preferences: int = 8
    max_conversations: int = 3
    max_entities: int = 3
    conversation_chars: int = 160  # one memory's label is cut to this


class RecallItem(BaseModel):
    id: str  # "preference:12" | "conversation:34" | "entity:56"; stable across turns
    kind: ItemKind
    label: str
    data: dict[str, Any] = Field(default_factory=dict)


class Recall(BaseModel):
    preferences: list[RecallItem] = Field(default_factory=list)
    conversations: list[RecallItem] = Field(default_factory=list)
    entities: list[RecallItem] = Field(default_factory=list)
    referenced: RecallItem | None = None  # the complex "그 아파트" resolved to, when asked
    slots_from_memory: Slots = Field(default_factory=Slots)
    slot_sources: dict[str, str] = Field(default_factory=dict)  # slot name -> item id
    truncated: bool = False

    def items(self) -> list[RecallItem]:
        head = [self.referenced] if self.referenced else []
        return [*head, *self.preferences, *self.conversations, *self.entities]

    def used_items(self, filled: Iterable[str]) -> list[dict[str, Any]]:
        """The items behind the filled slot names, for `structured_data.used_memory`."""
        by_id = {item.id: item for item in self.items()}
        used: dict[str, dict[str, Any]] = {}
        for slot in filled:
            item = by_id.get(self.slot_sources.get(slot, ""))
            if item is None:
                continue
            record = used.setdefault(
                item.id, {"id": item.id, "kind": item.kind, "label": item.label, "slots": []}
            )
            record["slots"].append(slot)
        return list(used.values())

    def as_text(self) -> str:
        """One line per item, for a prompt."""
        return "\n".join(f"- {item.label}" for item in self.items())


# One round trip. Each part is an index range scan on the user's rows; the ILIKE and "latest"
# fallbacks run only when the parts before them found nothing (one-time filters). The keyword part
# reads only (id, created_at, search) of the user's memories, so with the covering index
# (user_id, created_at DESC, id DESC) INCLUDE (search) it touches ~50 index pages instead of one
# heap page per memory (see bench/README.md, "Recall").
RECALL_SQL = text(
    """
WITH remembered_deal AS (
    SELECT value #>> '{}' AS deal FROM user_preferences
    WHERE user_id = :user_id AND key = 'deal_type' AND valid_to IS NULL
    ORDER BY updated_at DESC, id DESC LIMIT 1
), prefs AS (
    -- The cardinality table (memory/preferences.py): at most one value per key reaches planning,
    -- the most recently mentioned region and only the budgets of the deal type in play.
    SELECT preference_id AS id, key, deal_type, value, confidence, mention_count, updated_at
    FROM (
        SELECT p.*, row_number() OVER (PARTITION BY p.key ORDER BY p.updated_at DESC, p.id DESC) AS nth
        FROM user_preferences p
        WHERE p.user_id = :user_id AND p.valid_to IS NULL
          AND (p.deal_type IS NULL OR p.deal_type = coalesce(
                CAST(:deal_type AS text), (SELECT deal FROM remembered_deal), 'unknown'))
    ) ranked
    WHERE nth = 1
    ORDER BY (confidence >= :strong) DESC, updated_at DESC, id DESC
    LIMIT :max_preferences
), ents AS (
    SELECT id, entity_type, entity_id, name, mention_count, last_mentioned_at, context
    FROM entity_memories
    WHERE user_id = :user_id
    ORDER BY last_mentioned_at DESC, id DESC
    LIMIT :max_entities
), previous AS (
    SELECT id, entity_type, entity_id, name, mention_count, last_mentioned_at, context
    FROM entity_memories
    WHERE :wants_previous AND user_id = :user_id AND entity_type = 'complex'
    ORDER BY last_mentioned_at DESC, id DESC
    LIMIT 1
), hit_ids AS (
    -- The user's rows first: OFFSET 0 keeps the planner (generic plans especially) from ANDing
    -- in the global GIN index, whose posting lists span every user (~58 ms for a common word).
    -- Only (id, created_at, search) are read: an index-only scan with the covering index.
    SELECT id, created_at, ts_rank(search, to_tsquery('simple', :tsq)) AS rank
    FROM (SELECT id, created_at, search FROM conversation_memories WHERE user_id = :user_id OFFSET 0) mine
    WHERE search @@ to_tsquery('simple', :tsq)
    ORDER BY rank DESC, created_at DESC, id DESC
    LIMIT :max_conversations
), hits AS (
    SELECT m.id, m.query, m.response_summary, m.intent, m.slots, m.created_at, h.rank
    FROM hit_ids h JOIN conversation_memories m ON m.id = h.id
), like_hits AS (
    SELECT id, query, response_summary, intent, slots, created_at, 0.0::real AS rank
    FROM conversation_memories
    WHERE NOT EXISTS (SELECT 1 FROM hits) AND CAST(:tsq AS text) IS NOT NULL
      AND user_id = :user_id
      AND (query ILIKE ANY(:patterns) OR response_summary ILIKE ANY(:patterns))
    ORDER BY created_at DESC, id DESC
    LIMIT :max_conversations
), latest AS (
    SELECT id, query, response_summary, intent, slots, created_at, -1.0::real AS rank
    FROM conversation_memories
    WHERE NOT EXISTS (SELECT 1 FROM hits) AND NOT EXISTS (SELECT 1 FROM like_hits)
      AND user_id = :user_id
    ORDER BY created_at DESC, id DESC
    LIMIT :max_conversations
)
SELECT 'preference' AS kind, id, key AS k, value AS v, deal_type AS t1, NULL::text AS t2,
       confidence::float8 AS n, mention_count AS c, updated_at AS ts FROM prefs
UNION ALL
SELECT 'previous', id, entity_type, context, name, entity_id, NULL, mention_count, last_mentioned_at
FROM previous
UNION ALL
SELECT 'entity', id, entity_type, context, name, entity_id, NULL, mention_count, last_mentioned_at FROM ents
UNION ALL
SELECT 'conversation', id, intent, slots, query, response_summary, rank, NULL, created_at
FROM (SELECT * FROM hits UNION ALL SELECT * FROM like_hits UNION ALL SELECT * FROM latest) m
"""
)


def mentions_previous(query: str) -> bool:
    """Offline hint for planning: does the message point back ("지난번에 물어본 그 아파트")?"""
    return _PREVIOUS_RE.search(clip(query)) is not None


def _query_terms(query: str, slots: Slots) -> list[str]:
    named = " ".join(v for v in (slots.complex, slots.dong, slots.sigungu) if v)
    return search_terms(f"{named} {query}", stopwords=RECALL_STOPWORDS, min_chars=2)


# ---------------------------------------------------------------- rows -> items


def _entity_item(row: Mapping[str, Any]) -> RecallItem:
    context = dict(row["v"] or {})
    where = " ".join(str(context[k]) for k in ("sigungu", "dong") if context.get(k))
    kind_label = {"complex": "관심 단지", "dong": "관심 동네", "sigungu": "관심 지역"}[row["k"]]
    suffix = f" ({where})" if where and row["k"] == "complex" else ""
    return RecallItem(
        id=f"entity:{row['id']}",
        kind="entity",
        label=f"{kind_label}: {row['t1']}{suffix}",
        data={"type": row["k"], "entity_id": row["t2"], "name": row["t1"], "context": context},
    )


def _preference_item(row: Mapping[str, Any]) -> RecallItem:
    return RecallItem(
        id=f"preference:{row['id']}",
        kind="preference",
        label=describe(row["k"], row["v"], row["t1"]),
        data={
            "key": row["k"],
            "deal_type": row["t1"],
            "value": row["v"],
            "confidence": row["n"],
            "mentions": row["c"],
            "updated_at": row["ts"].isoformat(),
        },
    )


def _conversation_item(row: Mapping[str, Any], max_chars: int) -> RecallItem:
    when: dt.datetime = row["ts"]
    label = f"지난 대화({when:%Y-%m-%d}): {row['t1']} → {row['t2']}"
    if len(label) > max_chars:
        label = label[: max_chars - 1] + "…"
    return RecallItem(
        id=f"conversation:{row['id']}",
        kind="conversation",
        label=label,
        data={
            "query": row["t1"],
            "intent": row["k"],
            "slots": row["v"] or {},
            "created_at": when.isoformat(),
        },
    )


class _Budget:
    """Greedy admission: an item enters only if it fits both the item and the character limit."""

    def __init__(self, budget: RecallBudget) -> None:
        self.items_left = budget.max_items
        self.chars_left = budget.max_chars
        self.truncated = False

    def admit(self, item: RecallItem) -> bool:
        if self.items_left <= 0 or len(item.label) > self.chars_left:
            self.truncated = True
            return False
        self.items_left -= 1
        self.chars_left -= len(item.label)
        return True


# ---------------------------------------------------------------- slots memory suggests


def _has_place(slots: Slots) -> bool:
    return any(v is not None for v in (slots.sigungu, slots.sigungu_code, slots.dong, slots.complex))


def _first(prefs: Sequence[RecallItem], key: str, deal_type: str | None = None) -> RecallItem | None:
    """The most recently mentioned current value of `key` (of `deal_type`, for budgets)."""
    matching = [p for p in prefs if p.data["key"] == key and p.data.get("deal_type") == deal_type]
    return max(matching, key=lambda p: p.data.get("updated_at") or "", default=None)


class _Suggestion:
    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.sources: dict[str, str] = {}

    def put(self, item: RecallItem, **values: Any) -> None:
        for slot, value in values.items():
            if value is not None:
                self.values[slot] = value
                self.sources[slot] = item.id


def _data_id(entity: RecallItem) -> str | None:
    """The complex id from the data (아파트일련번호), when the entity id holds one."""
    return data_complex_id(entity.data["entity_id"], entity.data["name"])


def _suggest_place(
    s: _Suggestion, prefs: Sequence[RecallItem], slots: Slots, previous: RecallItem | None
) -> None:
    if previous is not None and slots.complex is None:
        ctx = previous.data["context"]
        s.put(previous, complex=previous.data["name"], complex_id=ctx.get("complex_id") or _data_id(previous))
        if not _has_place(slots.model_copy(update={"complex": None})):
            s.put(
                previous,
                sigungu=ctx.get("sigungu"),
                sigungu_code=ctx.get("sigungu_code"),
                dong=ctx.get("dong"),
            )
        return
    region = _first(prefs, "region")
    if region is not None and not _has_place(slots):
        v = region.data["value"]
        s.put(region, sigungu=v.get("sigungu"), sigungu_code=v.get("sigungu_code"), dong=v.get("dong"))


def _suggest_terms(s: _Suggestion, prefs: Sequence[RecallItem], slots: Slots) -> None:
    deal = _first(prefs, "deal_type")
    remembered_deal = deal.data["value"] if deal else None
    if deal is not None:
        s.put(deal, deal_type=remembered_deal)
    # Budgets are one per deal type (a 전세 deposit cap says nothing about a 매매 price): only the
    # request's deal type, else the remembered one, else the budget whose deal type is unknown.
    budget_deal = slots.deal_type or remembered_deal or UNKNOWN_DEAL
    for key, slot in (
        ("budget_max_manwon", "price_max_manwon"),
        ("budget_min_manwon", "price_min_manwon"),
    ):
        item = _first(prefs, key, budget_deal)
        if item is not None:
            s.put(item, **{slot: item.data["value"]})
    area = _first(prefs, "area")
    if area is not None and slots.area_min_m2 is None and slots.area_max_m2 is None:
        s.put(
            area, area_min_m2=area.data["value"].get("min_m2"), area_max_m2=area.data["value"].get("max_m2")
        )
    rooms = _first(prefs, "rooms")
    if rooms is not None:
        s.put(rooms, rooms=rooms.data["value"])
    rent = _first(prefs, "monthly_rent_max_manwon", "월세")
    if rent is not None and budget_deal == "월세":
        s.put(rent, monthly_rent_max_manwon=rent.data["value"])


def _drop_inconsistent_prices(s: _Suggestion, slots: Slots) -> None:
    low = slots.price_min_manwon if slots.price_min_manwon is not None else s.values.get("price_min_manwon")
    high = slots.price_max_manwon if slots.price_max_manwon is not None else s.values.get("price_max_manwon")
    if low is not None and high is not None and low > high:
        for slot in ("price_min_manwon", "price_max_manwon"):
            s.values.pop(slot, None)
            s.sources.pop(slot, None)


def suggest_slots(
    prefs: Sequence[RecallItem], slots: Slots, previous: RecallItem | None
) -> tuple[Slots, dict[str, str]]:
    """Slots memory would fill, only where they fit what the message already says."""
    s = _Suggestion()
    _suggest_place(s, prefs, slots, previous)
    _suggest_terms(s, prefs, slots)
    _drop_inconsistent_prices(s, slots)
    missing = {k: v for k, v in s.values.items() if getattr(slots, k) is None}
    return Slots(**missing), {k: s.sources[k] for k in missing}


# ---------------------------------------------------------------- entry point


async def fetch_rows(
    conn: AsyncConnection,
    user_id: uuid.UUID,
    query: str,
    slots: Slots,
    *,
    wants_previous: bool,
    budget: RecallBudget,
) -> list[Mapping[str, Any]]:
    terms = _query_terms(query, slots)
    params = {
        "user_id": user_id,
        "strong": STRONG_CONFIDENCE,
        "max_preferences": budget.max_preferences,
        "max_entities": budget.max_entities,
        "max_conversations": budget.max_conversations,
        "wants_previous": wants_previous,
        "deal_type": slots.deal_type,
        "tsq": prefix_tsquery(terms),
        "patterns": like_patterns(terms),
    }
    return list((await conn.execute(RECALL_SQL, params)).mappings().all())


async def recall_for_planning(
    conn: AsyncConnection,
    user_id: uuid.UUID | str,
    query: str,
    slots: Slots,
    *,
    wants_previous: bool,
    budget: RecallBudget,
) -> Recall:
    """Preferences, relevant memories and entities for this turn, plus the slots memory suggests.

    Priority under the budget: the referenced complex, preferences, conversations, entities.
    Only admitted items feed `slots_from_memory`, so every filled slot traces to a shown item.
    """
    rows = await fetch_rows(
        conn, as_uuid(user_id), query, slots, wants_previous=wants_previous, budget=budget
    )
    gate = _Budget(budget)
    by_kind: dict[str, list[Mapping[str, Any]]] = {}
    for row in rows:
        by_kind.setdefault(row["kind"], []).append(row)
    previous_rows = by_kind.get("previous", [])
    referenced = _entity_item(previous_rows[0]) if previous_rows else None
    if referenced is not None and not gate.admit(referenced):
        referenced = None
    prefs = [i for i in map(_preference_item, by_kind.get("preference", [])) if gate.admit(i)]
    convs = [_conversation_item(r, budget.conversation_chars) for r in by_kind.get("conversation", [])]
    convs = [i for i in convs if gate.admit(i)]
    skip = {referenced.id} if referenced else set()
    ents = [i for i in map(_entity_item, by_kind.get("entity", [])) if i.id not in skip and gate.admit(i)]
    suggested, sources = suggest_slots(prefs, slots, referenced)
    return Recall(
        preferences=prefs,
        conversations=convs,
        entities=ents,
        referenced=referenced,
        slots_from_memory=suggested,
        slot_sources=sources,
        truncated=gate.truncated,
    )
