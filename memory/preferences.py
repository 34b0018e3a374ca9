"""User preferences with a stable id, provenance and validity windows.

A preference is one thing the assistant remembers (the 전세 budget, a region, the room count). It
keeps one id for life (`preference_id`, what the API and `used_memory` show); its values live in
version rows with validity windows: a correction or a new statement closes the current version
(`valid_to`) and opens the next one under the same id, so history survives and old ids resolve.
How many current values each key may have is the `CARDINALITY` table below.
Every query is scoped by `user_id`; writers serialize per user with an advisory lock so two
workers never race two "current" versions into existence.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping, Sequence
from typing import Any, Literal, NamedTuple, get_args

from pydantic import BaseModel, ConfigDict, Field, computed_field
from sqlalchemy import bindparam, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncConnection

from agents.domain.places_kr import places
from agents.domain.regions import BY_CODE, code_for_name, place_of, qualified_name, short_name
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
BudgetDealType = Literal["매매", "전세", "월세", "unknown"]
UNKNOWN_DEAL: BudgetDealType = "unknown"


class Cardinality(NamedTuple):
    """How many current values one user may have for a key, and what recall offers planning."""

    per_deal_type: bool  # one identity per deal type (budgets) instead of one per user
    max_current: int  # current values per identity (regions: a recency set)
    recall: str


# The cardinality table (issue 13 §5). A budget means different things per deal type (매매: the
# price cap; 전세: the deposit cap; 월세: the deposit cap plus the monthly rent cap), so each deal
# type keeps its own; a budget whose deal type could not be told is kept under "unknown".
CARDINALITY: dict[str, Cardinality] = {
    "deal_type": Cardinality(False, 1, "the current one"),
    "budget_max_manwon": Cardinality(True, 1, "only the request's deal type (else the remembered one)"),
    "budget_min_manwon": Cardinality(True, 1, "only the request's deal type (else the remembered one)"),
    "monthly_rent_max_manwon": Cardinality(True, 1, "월세 requests only (always deal type 월세)"),
    "area": Cardinality(False, 1, "the current one"),
    "rooms": Cardinality(False, 1, "the current one"),
    "region": Cardinality(False, 5, "only the most recently mentioned, and only for open requests"),
}
REGION_LIMIT = CARDINALITY["region"].max_current
BUDGET_KEYS = frozenset(k for k, c in CARDINALITY.items() if c.per_deal_type)

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
MAX_REGION_NAME = 40  # longer than any 시군구 name with its 시도 ("경기도 성남시 분당구": 11)


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
    """One version of a preference. `id` is the preference's stable id; `version_id` the row's."""

    id: int
    version_id: int
    key: PreferenceKey
    deal_type: BudgetDealType | None = None  # budgets only
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
        """What the user sees, e.g. "전세 예산: 6억 이하"."""
        return describe(self.key, stored_json(self.key, self.value), self.deal_type)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def is_current(self) -> bool:
        return self.valid_to is None


class PreferenceDetail(Preference):
    """A preference's latest version (current, or the last closed one) plus every version."""

    history: list[Preference]


ChangeKind = Literal["added", "confirmed", "replaced", "kept"]


class PreferenceChange(BaseModel):
    """What `apply_facts` did with one fact ("kept": weaker evidence left a stronger value alone).

    `preference_id` survives replacement: "replaced" means a new version of the same preference."""

    kind: ChangeKind
    key: PreferenceKey
    value: Any
    preference_id: int
    deal_type: BudgetDealType | None = None
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


def region_label(code: str) -> str:
    """How a stored region names itself. Memory outlives the loaded data (a 부산 중구 may be synced
    tomorrow), so a name is qualified whenever another 시군구 of Korea has it: '서울 중구', '부산 중구',
    '부산 해운대구', '수원시 영통구'; a shipped region whose name is unique keeps its bare name
    ('송파구', '분당구'), as every row stored before other regions existed has it."""
    if code in BY_CODE and len(places().candidates(BY_CODE[code].name)) == 1:
        return BY_CODE[code].name
    return qualified_name(code)


def _known_code(code: Any) -> bool:
    """A 시군구 code of the all-Korea place table (one abolished since still names its months)."""
    place = place_of(code) if isinstance(code, str) else None
    return place is not None and not place.is_sido


def _names_code(name: str, code: str) -> bool:
    """Whether `name` is a name of the region `code`: '부산 중구' of 26110, and a bare '중구' or
    '해운대' of any 중구 or of 해운대구 (the code tells which); '서울 중구' is not 26110's."""
    if code_for_name(name) == code:
        return True
    short = short_name(code)
    return name == short or (len(short) >= 3 and name + short[-1] == short)


def _sigungu_code(name: Any, code: Any) -> str | None:
    """The region's code from a name and/or a code; PreferenceValidationError when they name no one
    시군구, several (a bare '동구'), or two different ones."""
    if code is not None and not _known_code(code):
        raise PreferenceValidationError(("value", "sigungu_code"), "unknown 시군구 code")
    if name is None:
        return code
    if not isinstance(name, str) or not 0 < len(name) <= MAX_REGION_NAME:
        raise PreferenceValidationError(("value", "sigungu"), "must be a 시군구 name such as 송파구")
    name = " ".join(name.split())
    if code is not None:
        if not _names_code(name, code):
            raise PreferenceValidationError(("value", "sigungu_code"), "does not match sigungu")
        return code
    found = code_for_name(name)
    if found is None:
        several = len(places().candidates(name.split()[-1] if name.split() else name)) > 1
        reason = "names several 시군구: add the 시도, e.g. 부산 중구" if several else "unknown 시군구"
        raise PreferenceValidationError(("value", "sigungu"), reason)
    return found


def _region(raw: Any) -> dict[str, Any]:
    """A region by its code, named by `region_label`: one stored form per region, so two regions
    of one name (서울 중구, 부산 중구) never merge and one region never splits in two."""
    if isinstance(raw, str):
        raw = {"sigungu": raw}
    if not isinstance(raw, Mapping):
        raise PreferenceValidationError(("value",), "must be an object with sigungu and/or dong")
    unknown = set(raw) - {"sigungu", "sigungu_code", "dong"}
    if unknown:
        raise PreferenceValidationError(("value", sorted(unknown)[0]), "unknown field")
    code = _sigungu_code(raw.get("sigungu"), raw.get("sigungu_code"))
    dong = raw.get("dong")
    if dong is not None and (not isinstance(dong, str) or not _DONG_RE.match(dong)):
        raise PreferenceValidationError(("value", "dong"), "must be a 법정동 name such as 잠실동")
    if code is None and dong is None:
        raise PreferenceValidationError(("value",), "needs sigungu or dong")
    name = region_label(code) if code is not None else None
    return RegionValue(sigungu=name, sigungu_code=code, dong=dong).model_dump()


def region_name(value: Mapping[str, Any]) -> str | None:
    """The region a stored value names, as `region_label` says it today: a row stored as '중구'
    (11140) before same-name regions were told apart reads '서울 중구' like one stored since."""
    code = value.get("sigungu_code")
    return region_label(code) if _known_code(code) else value.get("sigungu")


def region_identity(value: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """Which region a stored value is: (code, 동). Labels may differ for one region (a row stored as
    '중구' before 서울 중구 was told apart, one stored as '서울 중구' since); a row with a name and no
    code (stored by name) is read by what its name means."""
    code, name = value.get("sigungu_code"), value.get("sigungu")
    if code is None and isinstance(name, str):
        code = code_for_name(name) or f"name:{name}"
    return code, value.get("dong")


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


_BUDGET_WORDS = {"매매": "매매 예산", "전세": "전세 보증금", "월세": "월세 보증금"}


def describe(key: str, value: Any, deal_type: str | None = None) -> str:
    """A short Korean line for a stored value, e.g. "선호 지역: 송파구 잠실동", "전세 보증금: 6억 이하"."""
    budget = _BUDGET_WORDS.get(deal_type or "", "예산")
    match key:
        case "region":
            return "선호 지역: " + " ".join(p for p in (region_name(value), value.get("dong")) if p)
        case "deal_type":
            return f"거래 유형: {value}"
        case "budget_max_manwon":
            return f"{budget}: {format_manwon(value)} 이하"
        case "budget_min_manwon":
            return f"{budget}: {format_manwon(value)} 이상"
        case "area":
            return "면적: " + _describe_area(value)
        case "rooms":
            return f"방: {value}개"
        case "monthly_rent_max_manwon":
            return f"월세: {format_manwon(value)} 이하"
    return f"{key}: {value}"


# ---------------------------------------------------------------- SQL

_COLUMNS = (
    "preference_id AS id, id AS version_id, key, deal_type, value, confidence, mention_count, source, "
    "source_session_id, source_message_id, valid_from, valid_to, updated_at"
)

LOCK_USER = text("SELECT pg_advisory_xact_lock(:ns, hashtext(CAST(:user_id AS text)))")

# Any id ever handed out (a preference's, or one of its versions' from before migration 0004).
RESOLVE_ID = text("SELECT preference_id FROM user_preferences WHERE id = :id AND user_id = :user_id")

# The versions of one identity (key + deal type), current first, then newest.
SELECT_IDENTITY = text(
    "SELECT id, preference_id, value, confidence, valid_to FROM user_preferences "
    "WHERE user_id = :user_id AND key = :key AND deal_type IS NOT DISTINCT FROM CAST(:deal_type AS text) "
    "ORDER BY (valid_to IS NULL) DESC, valid_from DESC, id DESC FOR UPDATE"
)

# Each region preference's latest version, current ones first (the caller picks by region identity).
SELECT_REGIONS = text(
    "SELECT preference_id, id, value, valid_to FROM ("
    "  SELECT DISTINCT ON (preference_id) preference_id, id, value, valid_to FROM user_preferences"
    "  WHERE user_id = :user_id AND key = 'region'"
    "  ORDER BY preference_id, (valid_to IS NULL) DESC, valid_from DESC, id DESC) latest "
    "ORDER BY (valid_to IS NULL) DESC, id DESC"
)

SELECT_REMEMBERED_DEAL = text(
    "SELECT value #>> '{}' FROM user_preferences "
    "WHERE user_id = :user_id AND key = 'deal_type' AND valid_to IS NULL ORDER BY updated_at DESC, id DESC LIMIT 1"
)

INSERT_VERSION = text(
    "INSERT INTO user_preferences (preference_id, user_id, key, deal_type, value, confidence, source, "
    "source_session_id, source_message_id) "
    "VALUES (:preference_id, :user_id, :key, :deal_type, :value, :confidence, :source, :session_id, :message_id) "
    f"RETURNING {_COLUMNS}"
).bindparams(bindparam("value", type_=JSONB))

CONFIRM_VERSION = text(
    "UPDATE user_preferences SET mention_count = mention_count + 1, updated_at = now(), "
    "confidence = least(1.0, greatest(confidence, :confidence) + :bump) "
    "WHERE id = :id RETURNING id"
)

CLOSE_VERSION = text(
    "UPDATE user_preferences SET valid_to = now(), updated_at = now() "
    "WHERE id = :id AND user_id = :user_id AND valid_to IS NULL"
)

MARK_USER_CONFIRMED = text(
    "UPDATE user_preferences SET source = 'user', confidence = 1.0, updated_at = now(), "
    f"mention_count = mention_count + 1 WHERE id = :id RETURNING {_COLUMNS}"
)

# Regions beyond the recency set: the least recently mentioned current ones.
SELECT_STALE_REGIONS = text(
    "SELECT id FROM user_preferences WHERE user_id = :user_id AND key = 'region' AND valid_to IS NULL "
    "ORDER BY updated_at DESC, id DESC OFFSET :limit"
)

SELECT_CURRENT = text(
    f"SELECT {_COLUMNS} FROM user_preferences WHERE user_id = :user_id AND valid_to IS NULL "
    "ORDER BY key, deal_type NULLS FIRST, updated_at DESC, version_id DESC"
)

SELECT_HISTORY = text(
    f"SELECT {_COLUMNS} FROM user_preferences WHERE user_id = :user_id "
    "AND (CAST(:key AS text) IS NULL OR key = :key) "
    "ORDER BY key, deal_type NULLS FIRST, id, valid_from DESC, version_id DESC"
)

SELECT_VERSIONS = text(
    f"SELECT {_COLUMNS} FROM user_preferences WHERE user_id = :user_id AND preference_id = :preference_id "
    "ORDER BY (valid_to IS NULL) DESC, valid_from DESC, version_id DESC"
)

# A preference and its whole history: the assistant must never see any of its values again.
DELETE_PREFERENCE = text(
    "DELETE FROM user_preferences WHERE user_id = :user_id AND preference_id = :preference_id RETURNING id"
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
    preference_id: int | None,
    key: str,
    deal_type: str | None,
    value: Any,
    confidence: float,
    source: Source,
    provenance: Provenance,
) -> Preference:
    """A new version of `preference_id`, or (None) the first version of a new preference."""
    params = {
        "preference_id": preference_id,
        "user_id": user_id,
        "key": key,
        "deal_type": deal_type,
        "value": value,
        "confidence": confidence,
        "source": source,
        "session_id": provenance.session_id,
        "message_id": provenance.message_id,
    }
    row = (await conn.execute(INSERT_VERSION, params)).mappings().one()
    return _row_to_preference(row)


async def _confirm(conn: AsyncConnection, version_id: int, confidence: float) -> None:
    await conn.execute(CONFIRM_VERSION, {"id": version_id, "confidence": confidence, "bump": CONFIRM_BUMP})


async def _close(conn: AsyncConnection, user_id: uuid.UUID, version_id: int) -> None:
    await conn.execute(CLOSE_VERSION, {"id": version_id, "user_id": user_id})


async def _trim_regions(conn: AsyncConnection, user_id: uuid.UUID) -> None:
    """Keep the region recency set at REGION_LIMIT: the least recently mentioned become history."""
    stale = await conn.execute(SELECT_STALE_REGIONS, {"user_id": user_id, "limit": REGION_LIMIT})
    for version_id in stale.scalars().all():
        await _close(conn, user_id, version_id)


async def _region_holding(conn: AsyncConnection, user_id: uuid.UUID, value: Any) -> Mapping[str, Any] | None:
    """The region preference whose latest version is the region of `value` (current or closed), if
    any. Matched by code and 동, not by the stored JSON, so a row labelled before same-name regions
    were told apart ('중구' for 11140) is the same preference as '서울 중구'."""
    wanted = region_identity(value)
    rows = (await conn.execute(SELECT_REGIONS, {"user_id": user_id})).mappings().all()
    return next((r for r in rows if region_identity(r["value"]) == wanted), None)


async def _apply_region(
    conn: AsyncConnection, user_id: uuid.UUID, fact: Fact, provenance: Provenance
) -> PreferenceChange:
    held = await _region_holding(conn, user_id, fact.value)
    if held is not None and held["valid_to"] is None:
        await _confirm(conn, held["id"], fact.confidence)
        return PreferenceChange(
            kind="confirmed", key=fact.key, value=fact.value, preference_id=held["preference_id"]
        )
    # A region that fell out of the recency set comes back under its old id.
    pid = held["preference_id"] if held is not None else None
    added = await _insert(
        conn, user_id, pid, "region", None, fact.value, fact.confidence, "extracted", provenance
    )
    await _trim_regions(conn, user_id)
    return PreferenceChange(kind="added", key=fact.key, value=fact.value, preference_id=added.id)


async def _apply_single(
    conn: AsyncConnection, user_id: uuid.UUID, fact: Fact, deal_type: str | None, provenance: Provenance
) -> PreferenceChange:
    params = {"user_id": user_id, "key": fact.key, "deal_type": deal_type}
    rows = (await conn.execute(SELECT_IDENTITY, params)).mappings().all()
    current = [r for r in rows if r["valid_to"] is None]
    head = current[0] if current else None
    change = {"key": fact.key, "deal_type": deal_type}
    if head is not None and head["value"] == fact.value:
        await _confirm(conn, head["id"], fact.confidence)
        return PreferenceChange(
            kind="confirmed", value=fact.value, preference_id=head["preference_id"], **change
        )
    if head is not None and fact.confidence < STRONG_CONFIDENCE <= head["confidence"]:
        return PreferenceChange(
            kind="kept", value=head["value"], preference_id=head["preference_id"], **change
        )
    for row in current:  # normally one; more would only come from writers that skipped the lock
        await _close(conn, user_id, row["id"])
    pid = rows[0]["preference_id"] if rows else None  # the identity keeps its id, even after a gap
    added = await _insert(
        conn, user_id, pid, fact.key, deal_type, fact.value, fact.confidence, "extracted", provenance
    )
    if head is None:
        return PreferenceChange(kind="added", value=fact.value, preference_id=added.id, **change)
    return PreferenceChange(
        kind="replaced", value=fact.value, preference_id=added.id, previous_value=head["value"], **change
    )


def budget_deal_type(key: str, stated: str | None, request: str | None, remembered: str | None) -> str | None:
    """Which deal type a budget fact belongs to (None for keys that are not budgets).

    The deal type said in the same message, else the request's (its slots), else the remembered
    one, else "unknown". A 월세 cap is always 월세.
    """
    if key not in BUDGET_KEYS:
        return None
    if key == "monthly_rent_max_manwon":
        return "월세"
    for deal in (stated, request, remembered):
        if deal in DEAL_TYPES:
            return deal
    return UNKNOWN_DEAL


async def apply_facts(
    conn: AsyncConnection,
    user_id: uuid.UUID | str,
    facts: Sequence[Fact],
    provenance: Provenance,
    *,
    deal_type: str | None = None,
) -> list[PreferenceChange]:
    """Merge extracted facts into the user's preferences (see CARDINALITY for the rules).

    `deal_type` is the request's deal type (its slots): budgets the message states without naming
    one belong to it.
    """
    if not facts:
        return []
    uid = as_uuid(user_id)
    await lock_user(conn, uid)
    stated = next((f.value for f in facts if f.key == "deal_type"), None)
    remembered = (await conn.execute(SELECT_REMEMBERED_DEAL, {"user_id": uid})).scalar()
    changes: list[PreferenceChange] = []
    for fact in facts:
        if fact.key in MULTI_VALUED_KEYS:
            changes.append(await _apply_region(conn, uid, fact, provenance))
        else:
            deal = budget_deal_type(fact.key, stated, deal_type, remembered)
            changes.append(await _apply_single(conn, uid, fact, deal, provenance))
    return changes


async def list_current(conn: AsyncConnection, user_id: uuid.UUID | str) -> list[Preference]:
    """One item per preference that has a current value; regions newest first."""
    rows = (await conn.execute(SELECT_CURRENT, {"user_id": as_uuid(user_id)})).mappings().all()
    return [_row_to_preference(r) for r in rows]


async def list_history(
    conn: AsyncConnection, user_id: uuid.UUID | str, key: str | None = None
) -> list[Preference]:
    """Every version, current and closed, grouped by preference, newest first."""
    rows = (await conn.execute(SELECT_HISTORY, {"user_id": as_uuid(user_id), "key": key})).mappings().all()
    return [_row_to_preference(r) for r in rows]


async def resolve(conn: AsyncConnection, user_id: uuid.UUID, any_id: int) -> int | None:
    """The preference id behind a preference's or a version's id; None if not the user's."""
    return (await conn.execute(RESOLVE_ID, {"id": any_id, "user_id": user_id})).scalar()


async def get(conn: AsyncConnection, user_id: uuid.UUID | str, any_id: int) -> PreferenceDetail | None:
    """A preference with its history, by its id or any of its versions' ids."""
    uid = as_uuid(user_id)
    pid = await resolve(conn, uid, any_id)
    if pid is None:
        return None
    rows = (await conn.execute(SELECT_VERSIONS, {"user_id": uid, "preference_id": pid})).mappings().all()
    versions = [_row_to_preference(r) for r in rows]
    return PreferenceDetail.model_validate({**dict(versions[0]), "history": versions})


async def update(
    conn: AsyncConnection, user_id: uuid.UUID | str, pref_id: int, value: Any
) -> Preference | None:
    """A user's correction: a new `source='user'` version (confidence 1.0) under the same id.

    None when the user has no such preference. Raises PreferenceValidationError (naming the
    field) when `value` is invalid for the preference's key. A closed preference becomes current
    again; a region corrected to a value another region holds takes its place (that one closes).
    """
    uid = as_uuid(user_id)
    await lock_user(conn, uid)
    pid = await resolve(conn, uid, pref_id)
    if pid is None:
        return None
    rows = (await conn.execute(SELECT_VERSIONS, {"user_id": uid, "preference_id": pid})).mappings().all()
    latest = rows[0]
    key, deal_type = latest["key"], latest["deal_type"]
    normalized = normalize_value(key, value)
    if latest["valid_to"] is None and normalized == latest["value"]:
        confirmed = (await conn.execute(MARK_USER_CONFIRMED, {"id": latest["version_id"]})).mappings().one()
        return _row_to_preference(confirmed)
    if key in MULTI_VALUED_KEYS:
        others = (await conn.execute(SELECT_CURRENT, {"user_id": uid})).mappings().all()
        for other in others:
            if other["key"] != key or other["id"] == pid:
                continue
            if region_identity(other["value"]) == region_identity(normalized):
                await _close(conn, uid, other["version_id"])
    else:  # any other current value of the identity (normally none) gives way
        params = {"user_id": uid, "key": key, "deal_type": deal_type}
        for row in (await conn.execute(SELECT_IDENTITY, params)).mappings().all():
            if row["valid_to"] is None and row["preference_id"] != pid:
                await _close(conn, uid, row["id"])
    if latest["valid_to"] is None:
        await _close(conn, uid, latest["version_id"])
    corrected = await _insert(
        conn, uid, pid, key, deal_type, normalized, USER_CONFIDENCE, "user", Provenance()
    )
    if key in MULTI_VALUED_KEYS:
        await _trim_regions(conn, uid)
    return corrected


async def delete(conn: AsyncConnection, user_id: uuid.UUID | str, pref_id: int) -> bool:
    """Erase a preference and its whole history (by its id or a version's). False if not the user's."""
    uid = as_uuid(user_id)
    pid = await resolve(conn, uid, pref_id)
    if pid is None:
        return False
    deleted = (await conn.execute(DELETE_PREFERENCE, {"preference_id": pid, "user_id": uid})).all()
    return bool(deleted)


async def delete_all_memory(conn: AsyncConnection, user_id: uuid.UUID | str) -> dict[str, int]:
    """Forget everything long-term about the user (chats stay). Returns rows deleted per table."""
    counts: dict[str, int] = {}
    uid = as_uuid(user_id)
    for table, statement in DELETE_ALL_MEMORY:
        result = await conn.execute(statement, {"user_id": uid})
        counts[table] = result.rowcount  # type: ignore[attr-defined]
    return counts
