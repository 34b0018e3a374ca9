"""User preferences with provenance and validity windows.

A preference row is one remembered value. Single-valued keys (budget, deal type, …) keep one current
row: a new value closes the old row (`valid_to`) instead of overwriting it, so history survives.
Multi-valued keys (regions) keep one current row per value and accumulate counts and recency.
Every query is scoped by `user_id`; writers serialize per user with an advisory lock so two
workers never race two "current" rows into existence.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping, Sequence
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, computed_field
from sqlalchemy import bindparam, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncConnection

from agents.domain.regions import BY_CODE, BY_NAME
from agents.domain.slots import PYEONG_M2

PreferenceKey = Literal[
    "region",
    "deal_type",
    "budget_max_manwon",
    "budget_min_manwon",
    "area",
    "rooms",
    "monthly_rent_max_manwon",
]
PREFERENCE_KEYS: tuple[str, ...] = get_args(PreferenceKey)
MULTI_VALUED_KEYS = frozenset({"region"})
Source = Literal["extracted", "user"]

# Sanity limits: anything outside is absurd and never stored (issue #5, "Bad input").
BUDGET_MAX_MANWON = 10_000_000  # 1,000억
MONTHLY_RENT_MAX_MANWON = 10_000  # 1억 a month
AREA_MIN_M2 = 10.0
AREA_MAX_M2 = 500.0
ROOMS_MAX = 10
DEAL_TYPES = ("매매", "전세", "월세")

# Confidence: user edits are certain; evidence below STRONG_CONFIDENCE (a search, not a statement)
# never replaces a value that came from a statement or an edit.
USER_CONFIDENCE = 1.0
STRONG_CONFIDENCE = 0.7
CONFIRM_BUMP = 0.05

# Namespace for pg_advisory_xact_lock(int, int): "mem" in ASCII, so other locks never collide.
LOCK_NAMESPACE = 0x6D656D

_DONG_RE = re.compile(r"^[가-힣0-9·]{1,15}(동|가|리|읍|면)$")


class PreferenceValidationError(ValueError):
    """A value that is not valid for its key; `loc` names the offending field (for a 422)."""

    def __init__(self, loc: Sequence[str], message: str) -> None:
        super().__init__(f"{'.'.join(loc)}: {message}")
        self.loc = tuple(loc)
        self.message = message

    @property
    def field(self) -> str:
        return ".".join(self.loc)

    def errors(self) -> list[dict[str, Any]]:
        """FastAPI-shaped error list, so a route can raise RequestValidationError-like 422s."""
        return [{"loc": ["body", *self.loc], "msg": self.message, "type": "value_error"}]


class RegionValue(BaseModel):
    """A 시군구 and/or 법정동. All three keys are always stored, so JSONB equality is stable."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    sigungu: str | None = None
    sigungu_code: str | None = None
    dong: str | None = None


class AreaValue(BaseModel):
    """An area band in ㎡ (either end may be open)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    min_m2: float | None = None
    max_m2: float | None = None


PreferenceValue = RegionValue | AreaValue | int | str


class Fact(BaseModel):
    """One extracted preference candidate, already normalized and validated."""

    model_config = ConfigDict(frozen=True)

    key: PreferenceKey
    value: Any  # JSON form of the normalized value
    confidence: float = Field(ge=0, le=1)
    rule: str = ""  # which extraction rule produced it (explains the confidence)

    @classmethod
    def of(cls, key: str, raw: Any, confidence: float, rule: str = "") -> Fact:
        """Normalize and validate `raw` for `key`; raises PreferenceValidationError."""
        return cls(key=key, value=normalize_value(key, raw), confidence=confidence, rule=rule)  # type: ignore[arg-type]


class Provenance(BaseModel):
    """Where a fact came from: the chat and the user's message."""

    session_id: uuid.UUID | None = None
    message_id: int | None = None


class Preference(BaseModel):
    id: int
    key: PreferenceKey
    value: PreferenceValue
    confidence: float
    mention_count: int
    source: Source
    source_session_id: uuid.UUID | None
    source_message_id: int | None
    valid_from: dt.datetime
    valid_to: dt.datetime | None
    updated_at: dt.datetime

    @computed_field  # type: ignore[prop-decorator]
    @property
    def label(self) -> str:
        """What the user sees, e.g. "예산: 6억 이하"."""
        return describe(self.key, stored_json(self.key, self.value))

    @computed_field  # type: ignore[prop-decorator]
    @property
    def is_current(self) -> bool:
        return self.valid_to is None


ChangeKind = Literal["added", "confirmed", "replaced", "kept"]


class PreferenceChange(BaseModel):
    """What `apply_facts` did with one fact ("kept": weaker evidence left a stronger value alone)."""

    kind: ChangeKind
    key: PreferenceKey
    value: Any
    preference_id: int
    previous_id: int | None = None
    previous_value: Any = None


# ---------------------------------------------------------------- validation and display


def _as_int(loc: Sequence[str], raw: Any, low: int, high: int) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise PreferenceValidationError(loc, "must be an integer")
    try:
        number = float(raw)
    except ValueError:
        raise PreferenceValidationError(loc, "must be an integer") from None
    if not number.is_integer():
        raise PreferenceValidationError(loc, "must be an integer")
    if not low <= number <= high:
        raise PreferenceValidationError(loc, f"must be between {low} and {high}")
    return int(number)


def _as_area(loc: Sequence[str], raw: Any) -> float | None:
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise PreferenceValidationError(loc, "must be a number of ㎡")
    if not AREA_MIN_M2 <= raw <= AREA_MAX_M2:
        raise PreferenceValidationError(loc, f"must be between {AREA_MIN_M2:g} and {AREA_MAX_M2:g} ㎡")
    return round(float(raw), 1)


def _region(raw: Any) -> dict[str, Any]:
    if isinstance(raw, str):
        raw = {"sigungu": raw}
    if not isinstance(raw, Mapping):
        raise PreferenceValidationError(("value",), "must be an object with sigungu and/or dong")
    unknown = set(raw) - {"sigungu", "sigungu_code", "dong"}
    if unknown:
        raise PreferenceValidationError(("value", sorted(unknown)[0]), "unknown field")
    name, code, dong = raw.get("sigungu"), raw.get("sigungu_code"), raw.get("dong")
    if code is not None and code not in BY_CODE:
        raise PreferenceValidationError(("value", "sigungu_code"), "unknown 시군구 code")
    if name is not None and name not in BY_NAME:
        raise PreferenceValidationError(("value", "sigungu"), "unknown 시군구")
    if name is None and code is not None:
        name = BY_CODE[code].name
    if name is not None:
        if code is not None and BY_NAME[name].code != code:
            raise PreferenceValidationError(("value", "sigungu_code"), "does not match sigungu")
        code = BY_NAME[name].code
    if dong is not None and (not isinstance(dong, str) or not _DONG_RE.match(dong)):
        raise PreferenceValidationError(("value", "dong"), "must be a 법정동 name such as 잠실동")
    if name is None and dong is None:
        raise PreferenceValidationError(("value",), "needs sigungu or dong")
    return RegionValue(sigungu=name, sigungu_code=code, dong=dong).model_dump()


def _area(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        raise PreferenceValidationError(("value",), "must be an object with min_m2 and/or max_m2")
    unknown = set(raw) - {"min_m2", "max_m2"}
    if unknown:
        raise PreferenceValidationError(("value", sorted(unknown)[0]), "unknown field")
    low = _as_area(("value", "min_m2"), raw.get("min_m2"))
    high = _as_area(("value", "max_m2"), raw.get("max_m2"))
    if low is None and high is None:
        raise PreferenceValidationError(("value",), "needs min_m2 or max_m2")
    if low is not None and high is not None and low > high:
        raise PreferenceValidationError(("value", "min_m2"), "must not exceed max_m2")
    return AreaValue(min_m2=low, max_m2=high).model_dump()


def normalize_value(key: str, raw: Any) -> Any:
    """The canonical JSON value for `key`, or PreferenceValidationError naming the bad field."""
    if isinstance(raw, BaseModel):
        raw = raw.model_dump()
    match key:
        case "region":
            return _region(raw)
        case "area":
            return _area(raw)
        case "deal_type":
            if raw not in DEAL_TYPES:
                raise PreferenceValidationError(("value",), "must be one of 매매, 전세, 월세")
            return raw
        case "budget_max_manwon" | "budget_min_manwon":
            return _as_int(("value",), raw, 1, BUDGET_MAX_MANWON)
        case "monthly_rent_max_manwon":
            return _as_int(("value",), raw, 1, MONTHLY_RENT_MAX_MANWON)
        case "rooms":
            return _as_int(("value",), raw, 1, ROOMS_MAX)
    raise PreferenceValidationError(("key",), f"unknown preference key {key!r}")


def typed_value(key: str, stored: Any) -> PreferenceValue:
    if key == "region":
        return RegionValue.model_validate(stored)
    if key == "area":
        return AreaValue.model_validate(stored)
    return stored


def stored_json(key: str, value: PreferenceValue) -> Any:
    return value.model_dump() if isinstance(value, BaseModel) else value


def format_manwon(amount: int) -> str:
    """60000 → "6억", 65000 → "6억 5,000만원", 8000 → "8,000만원"."""
    eok, rest = divmod(amount, 10_000)
    if eok and rest:
        return f"{eok:,}억 {rest:,}만원"
    return f"{eok:,}억" if eok else f"{rest:,}만원"


def _describe_area(value: Mapping[str, Any]) -> str:
    low, high = value.get("min_m2"), value.get("max_m2")
    if low is not None and high is not None:
        return f"{low:g}~{high:g}㎡ (약 {low / PYEONG_M2:.0f}~{high / PYEONG_M2:.0f}평)"
    if low is not None:
        return f"{low:g}㎡ 이상 (약 {low / PYEONG_M2:.0f}평)"
    return f"{high:g}㎡ 이하 (약 {high / PYEONG_M2:.0f}평)"


def describe(key: str, value: Any) -> str:
    """A short Korean line for a stored value, e.g. "선호 지역: 송파구 잠실동"."""
    match key:
        case "region":
            return "선호 지역: " + " ".join(p for p in (value.get("sigungu"), value.get("dong")) if p)
        case "deal_type":
            return f"거래 유형: {value}"
        case "budget_max_manwon":
            return f"예산: {format_manwon(value)} 이하"
        case "budget_min_manwon":
            return f"예산: {format_manwon(value)} 이상"
        case "area":
            return "면적: " + _describe_area(value)
        case "rooms":
            return f"방: {value}개"
        case "monthly_rent_max_manwon":
            return f"월세: {format_manwon(value)} 이하"
    return f"{key}: {value}"


# ---------------------------------------------------------------- SQL

_COLUMNS = (
    "id, key, value, confidence, mention_count, source, source_session_id, source_message_id, "
    "valid_from, valid_to, updated_at"
)

LOCK_USER = text("SELECT pg_advisory_xact_lock(:ns, hashtext(CAST(:user_id AS text)))")

SELECT_CURRENT_FOR_KEY = text(
    "SELECT id, value, confidence FROM user_preferences "
    "WHERE user_id = :user_id AND key = :key AND valid_to IS NULL ORDER BY id FOR UPDATE"
)

SELECT_CURRENT_VALUE = text(
    "SELECT id, value, confidence FROM user_preferences "
    "WHERE user_id = :user_id AND key = :key AND value = :value AND valid_to IS NULL FOR UPDATE"
).bindparams(bindparam("value", type_=JSONB))

INSERT_PREFERENCE = text(
    "INSERT INTO user_preferences "
    "(user_id, key, value, confidence, source, source_session_id, source_message_id) "
    "VALUES (:user_id, :key, :value, :confidence, :source, :session_id, :message_id) "
    f"RETURNING {_COLUMNS}"
).bindparams(bindparam("value", type_=JSONB))

CONFIRM_PREFERENCE = text(
    "UPDATE user_preferences SET mention_count = mention_count + 1, updated_at = now(), "
    "confidence = least(1.0, greatest(confidence, :confidence) + :bump) "
    "WHERE id = :id RETURNING id"
)

CLOSE_PREFERENCE = text(
    "UPDATE user_preferences SET valid_to = now(), updated_at = now() "
    "WHERE id = :id AND user_id = :user_id AND valid_to IS NULL"
)

MARK_USER_CONFIRMED = text(
    "UPDATE user_preferences SET source = 'user', confidence = 1.0, updated_at = now(), "
    f"mention_count = mention_count + 1 WHERE id = :id RETURNING {_COLUMNS}"
)

SELECT_CURRENT = text(
    f"SELECT {_COLUMNS} FROM user_preferences WHERE user_id = :user_id AND valid_to IS NULL "
    "ORDER BY key, updated_at DESC, id DESC"
)

SELECT_HISTORY = text(
    f"SELECT {_COLUMNS} FROM user_preferences WHERE user_id = :user_id "
    "AND (CAST(:key AS text) IS NULL OR key = :key) ORDER BY key, valid_from DESC, id DESC"
)

SELECT_ONE_CURRENT = text(
    f"SELECT {_COLUMNS} FROM user_preferences "
    "WHERE id = :id AND user_id = :user_id AND valid_to IS NULL FOR UPDATE"
)

# The row and every closed row with the same key and value: the assistant must never see it again.
DELETE_PREFERENCE = text(
    "DELETE FROM user_preferences p USING user_preferences target "
    "WHERE target.id = :id AND target.user_id = :user_id "
    "AND p.user_id = target.user_id AND p.key = target.key AND p.value = target.value "
    "RETURNING p.id"
)

# Jobs first: a worker holding a job's row lock finishes (and commits its memories) before we
# delete, and each later statement sees those rows (READ COMMITTED takes a snapshot per statement).
DELETE_ALL_MEMORY: tuple[tuple[str, Any], ...] = (
    ("memory_jobs", text("DELETE FROM memory_jobs WHERE user_id = :user_id")),
    ("user_preferences", text("DELETE FROM user_preferences WHERE user_id = :user_id")),
    ("conversation_memories", text("DELETE FROM conversation_memories WHERE user_id = :user_id")),
    ("entity_memories", text("DELETE FROM entity_memories WHERE user_id = :user_id")),
)


# ---------------------------------------------------------------- operations


def as_uuid(value: uuid.UUID | str) -> uuid.UUID:
    """Callers such as the graph pass user ids as strings; the database wants UUIDs."""
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


async def lock_user(conn: AsyncConnection, user_id: uuid.UUID) -> None:
    """Serialize preference writers of one user until the end of the transaction."""
    await conn.execute(LOCK_USER, {"ns": LOCK_NAMESPACE, "user_id": str(user_id)})


def _row_to_preference(row: Mapping[str, Any]) -> Preference:
    data = dict(row)
    data["value"] = typed_value(data["key"], data["value"])
    return Preference.model_validate(data)


async def _insert(
    conn: AsyncConnection,
    user_id: uuid.UUID,
    key: str,
    value: Any,
    confidence: float,
    source: Source,
    provenance: Provenance,
) -> Preference:
    params = {
        "user_id": user_id,
        "key": key,
        "value": value,
        "confidence": confidence,
        "source": source,
        "session_id": provenance.session_id,
        "message_id": provenance.message_id,
    }
    row = (await conn.execute(INSERT_PREFERENCE, params)).mappings().one()
    return _row_to_preference(row)


async def _confirm(conn: AsyncConnection, pref_id: int, confidence: float) -> None:
    await conn.execute(CONFIRM_PREFERENCE, {"id": pref_id, "confidence": confidence, "bump": CONFIRM_BUMP})


async def _apply_multi(
    conn: AsyncConnection, user_id: uuid.UUID, fact: Fact, provenance: Provenance
) -> PreferenceChange:
    params = {"user_id": user_id, "key": fact.key, "value": fact.value}
    same = (await conn.execute(SELECT_CURRENT_VALUE, params)).mappings().first()
    if same is not None:
        await _confirm(conn, same["id"], fact.confidence)
        return PreferenceChange(kind="confirmed", key=fact.key, value=fact.value, preference_id=same["id"])
    added = await _insert(conn, user_id, fact.key, fact.value, fact.confidence, "extracted", provenance)
    return PreferenceChange(kind="added", key=fact.key, value=fact.value, preference_id=added.id)


async def _apply_single(
    conn: AsyncConnection, user_id: uuid.UUID, fact: Fact, provenance: Provenance
) -> PreferenceChange:
    rows = (
        (await conn.execute(SELECT_CURRENT_FOR_KEY, {"user_id": user_id, "key": fact.key})).mappings().all()
    )
    current = rows[-1] if rows else None
    if current is not None and current["value"] == fact.value:
        await _confirm(conn, current["id"], fact.confidence)
        return PreferenceChange(kind="confirmed", key=fact.key, value=fact.value, preference_id=current["id"])
    if current is not None and fact.confidence < STRONG_CONFIDENCE <= current["confidence"]:
        return PreferenceChange(
            kind="kept", key=fact.key, value=current["value"], preference_id=current["id"]
        )
    for row in rows:  # normally one; more would only come from writers that skipped the lock
        await conn.execute(CLOSE_PREFERENCE, {"id": row["id"], "user_id": user_id})
    added = await _insert(conn, user_id, fact.key, fact.value, fact.confidence, "extracted", provenance)
    if current is None:
        return PreferenceChange(kind="added", key=fact.key, value=fact.value, preference_id=added.id)
    return PreferenceChange(
        kind="replaced",
        key=fact.key,
        value=fact.value,
        preference_id=added.id,
        previous_id=current["id"],
        previous_value=current["value"],
    )


async def apply_facts(
    conn: AsyncConnection, user_id: uuid.UUID | str, facts: Sequence[Fact], provenance: Provenance
) -> list[PreferenceChange]:
    """Merge extracted facts into the user's preferences (see module docstring for the rules)."""
    if not facts:
        return []
    uid = as_uuid(user_id)
    await lock_user(conn, uid)
    changes: list[PreferenceChange] = []
    for fact in facts:
        apply = _apply_multi if fact.key in MULTI_VALUED_KEYS else _apply_single
        changes.append(await apply(conn, uid, fact, provenance))
    return changes


async def list_current(conn: AsyncConnection, user_id: uuid.UUID | str) -> list[Preference]:
    rows = (await conn.execute(SELECT_CURRENT, {"user_id": as_uuid(user_id)})).mappings().all()
    return [_row_to_preference(r) for r in rows]


async def list_history(
    conn: AsyncConnection, user_id: uuid.UUID | str, key: str | None = None
) -> list[Preference]:
    """Current and closed rows, newest first per key."""
    rows = (await conn.execute(SELECT_HISTORY, {"user_id": as_uuid(user_id), "key": key})).mappings().all()
    return [_row_to_preference(r) for r in rows]


async def update(
    conn: AsyncConnection, user_id: uuid.UUID | str, pref_id: int, value: Any
) -> Preference | None:
    """A user's correction of a current preference. None when the user has no such current row.

    Raises PreferenceValidationError (naming the field) when `value` is invalid for the row's key.
    The old row is closed and a `source='user'` row with confidence 1.0 becomes current.
    """
    uid = as_uuid(user_id)
    await lock_user(conn, uid)
    row = (await conn.execute(SELECT_ONE_CURRENT, {"id": pref_id, "user_id": uid})).mappings().first()
    if row is None:
        return None
    key = row["key"]
    normalized = normalize_value(key, value)
    if normalized == row["value"]:
        confirmed = (await conn.execute(MARK_USER_CONFIRMED, {"id": pref_id})).mappings().one()
        return _row_to_preference(confirmed)
    await conn.execute(CLOSE_PREFERENCE, {"id": pref_id, "user_id": uid})
    params = {"user_id": uid, "key": key, "value": normalized}
    existing = (await conn.execute(SELECT_CURRENT_VALUE, params)).mappings().first()
    if existing is not None:  # a multi-valued key already holding the corrected value
        confirmed = (await conn.execute(MARK_USER_CONFIRMED, {"id": existing["id"]})).mappings().one()
        return _row_to_preference(confirmed)
    return await _insert(conn, uid, key, normalized, USER_CONFIDENCE, "user", Provenance())


async def delete(conn: AsyncConnection, user_id: uuid.UUID | str, pref_id: int) -> bool:
    """Erase a preference and its closed history for the same value. False if not the user's."""
    deleted = (await conn.execute(DELETE_PREFERENCE, {"id": pref_id, "user_id": as_uuid(user_id)})).all()
    return bool(deleted)


async def delete_all_memory(conn: AsyncConnection, user_id: uuid.UUID | str) -> dict[str, int]:
    """Forget everything long-term about the user (chats stay). Returns rows deleted per table."""
    counts: dict[str, int] = {}
    uid = as_uuid(user_id)
    for table, statement in DELETE_ALL_MEMORY:
        result = await conn.execute(statement, {"user_id": uid})
        counts[table] = result.rowcount  # type: ignore[attr-defined]
    return counts
