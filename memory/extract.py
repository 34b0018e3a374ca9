"""Turn one user message into preference facts.

Offline rules work on the slots the agents' NLU already parsed, plus a little text analysis of our
own: whether the message is a statement ("…찾고 있어요"), an explicit update ("예산이 8억으로
늘었어") or just a search (weaker evidence), the "예산 …" phrases the NLU may not map to a price
slot, and a sanity scan that rejects absurd or contradictory statements as a whole ("예산 -3억",
"1000평 원룸"): when one part of a statement is nonsense, none of it is trusted.

`LlmExtractor` is the hook for a configured chat model; `StructuredLlmExtractor` implements it with
langchain-core structured output and falls back to the rules when the model fails.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

from pydantic import BaseModel, Field

from agents.domain import units
from agents.domain.regions import code_for_name
from agents.domain.slots import PYEONG_M2, DealType, Intent, Slots
from memory.preferences import (
    AREA_MAX_M2,
    AREA_MIN_M2,
    BUDGET_MAX_MANWON,
    ROOMS_MAX,
    Fact,
    PreferenceValidationError,
)

log = logging.getLogger(__name__)

Evidence = Literal["update", "statement", "search"]
CONFIDENCE: dict[Evidence, float] = {"update": 0.9, "statement": 0.8, "search": 0.5}

# Intents whose slots describe what the user is looking for; others store only explicit statements.
SEARCH_INTENTS = frozenset(
    {
        Intent.PROPERTY_SEARCH,
        Intent.PROPERTY_RECOMMENDATION,
        Intent.MARKET_INQUIRY,
        Intent.PRICE_EVALUATION,
        Intent.COMPREHENSIVE,
        Intent.LOAN_CONSULT,
        Intent.ROI_CALCULATION,
    }
)

_UPDATE_RE = re.compile(
    r"(늘었|늘어났|늘렸|줄었|줄어들|줄였|바뀌|바꿨|바꿀|바꿔|변경|올랐|올렸|내렸|낮췄|높였|수정|"
    r"(으?로)\s*(해\s*줘|할게|할래|정했|잡을게|잡았))"
)
_STATEMENT_RE = re.compile(
    r"(찾고\s*있|찾아요|찾는\s*중|찾습니다|알아보고\s*있|알아보는\s*중|구하고\s*있|구해요|구하는\s*중|"
    r"원해|원합니다|희망|선호|좋겠|싶어|싶습니다|싶은데|싶고|생각\s*중|생각하고\s*있|계획|예정|"
    r"가지고\s*있|갖고\s*있|모았|보유|이사\s*가|이사하)"
)
_NEGATION_RE = r"\s*(?:(?:은|는|이|가|쪽은|쪽)\s*)?(?:말고|빼고|제외|싫|아니|별로)"

# Values come from agents.domain.units (the NLU's parsers), which drop zero, negative and absurd
# amounts, areas and room counts on purpose. Memory must instead *notice* them, to reject the whole
# statement ("예산 -3억", "1000평 원룸"), so these patterns only find such numbers, never values.
# Bounded and starting where a digit run starts: linear on any input (see tests/unit/test_regex_safety.py).
_NUM = r"(?<!\d)(?<!\d\.)\d{1,20}(?:\.\d{1,12})?"
_SIGN = r"(?P<sign>(?<![\d.])[-−]\s*|마이너스\s*)?"
_AMOUNT_RE = re.compile(rf"{_SIGN}(?P<num>{_NUM})\s*(?P<unit>억|천만|천|백만|만)")
_UNIT_MANWON = {"억": 10_000, "천만": 1000, "천": 1000, "백만": 100, "만": 1}
_AREA_RE = re.compile(rf"{_SIGN}(?P<num>{_NUM})\s*(?P<unit>평|m2|m²|제곱|헤베)")
_ROOMS_RE = re.compile(r"방\s*(?:(?:이|은)\s*)?(?P<n>-?\d{1,20})\s*개|(?P<m>-?\d{1,20})\s*룸")
_ROOM_WORDS = {"원룸": 1, "투룸": 2, "쓰리룸": 3, "포룸": 4}
_BUDGET_WORD = "예산"
_BUDGET_WINDOW = 12  # characters between "예산" and its amount ("예산은 대략 6억")
_AREA_HINT_RE = re.compile(r"평|m2|m²|제곱|헤베|국평|국민\s*평형")
_ROOMS_HINT_RE = re.compile(r"방|룸")


class Rejection(BaseModel):
    """Why a statement was not stored."""

    field: str
    reason: str


@dataclass
class Extraction:
    """Facts to store, or the reasons the statement was rejected (then `facts` is empty)."""

    facts: list[Fact] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    evidence: Evidence | None = None


@dataclass
class TextValues:
    """What the message itself says, read with the NLU's own unit parsers."""

    money: list[int] = field(default_factory=list)  # plausible amounts, 만원
    budget_min: int | None = None
    budget_max: int | None = None
    area: tuple[float | None, float | None] | None = None  # ㎡ band
    rooms: int | None = None
    implausible: list[Rejection] = field(default_factory=list)


# ---------------------------------------------------------------- text scanning


def _budget(norm: str, money: list[units.MoneyMention]) -> tuple[int | None, int | None]:
    """(min, max) from "예산 6억", "예산 3억 이상", "예산 3억~5억": the NLU may not map these."""
    at = norm.find(_BUDGET_WORD)
    if at < 0:
        return None, None
    after = [m for m in money if 0 <= m.start - (at + len(_BUDGET_WORD)) <= _BUDGET_WINDOW]
    if not after:
        return None, None
    first = after[0]
    if first.bound == "min":
        second = next((m for m in money if m.start > first.start and m.bound == "max"), None)
        return first.manwon, second.manwon if second else None
    if first.upper_manwon is not None:  # "예산 5억대"
        return first.manwon, first.upper_manwon
    return None, first.manwon


def _implausible(norm: str) -> list[Rejection]:
    """Numbers the unit parsers drop silently but that make the statement untrustworthy."""
    out: list[Rejection] = []
    for m in _AMOUNT_RE.finditer(norm):
        amount = float(m["num"]) * _UNIT_MANWON[m["unit"]]
        if m["sign"] or amount <= 0:
            out.append(Rejection(field="budget", reason=f"non-positive amount {m.group(0).strip()}"))
        elif amount > BUDGET_MAX_MANWON:
            out.append(Rejection(field="budget", reason=f"amount {m.group(0).strip()} above 1,000억"))
    for m in _AREA_RE.finditer(norm):
        m2 = float(m["num"]) * (PYEONG_M2 if m["unit"] == "평" else 1)
        if m["sign"] or not AREA_MIN_M2 <= m2 <= AREA_MAX_M2:
            out.append(Rejection(field="area", reason=f"area {m.group(0).strip()} ({m2:.0f}㎡)"))
    rooms = [int(m["n"] or m["m"]) for m in _ROOMS_RE.finditer(norm)]
    rooms += [n for word, n in _ROOM_WORDS.items() if word in norm]
    out += [Rejection(field="rooms", reason=f"{n} rooms") for n in rooms if not 1 <= n <= ROOMS_MAX]
    if len(set(rooms)) > 1:
        out.append(Rejection(field="rooms", reason="contradictory room counts"))
    return out


def scan_text(text: str) -> TextValues:
    norm = units.normalize(units.clip(text))
    money = units.parse_money(norm)
    low, high = units.merge_areas(units.parse_area(norm))
    rooms = units.parse_rooms(norm)
    budget_min, budget_max = _budget(norm, money)
    return TextValues(
        money=[m.manwon for m in money],
        budget_min=budget_min,
        budget_max=budget_max,
        area=(low, high) if low is not None or high is not None else None,
        rooms=rooms.rooms if rooms else None,
        implausible=_implausible(norm),
    )


def classify(text: str, intent: Intent) -> Evidence | None:
    """How strongly the message speaks for the user's preferences (None: not at all)."""
    text = units.clip(text)
    if _UPDATE_RE.search(text):
        return "update"
    if _STATEMENT_RE.search(text) or _BUDGET_WORD in text:
        return "statement"
    return "search" if intent in SEARCH_INTENTS else None


# ---------------------------------------------------------------- sanity


def _contradictions(candidates: dict[str, Any]) -> list[Rejection]:
    out: list[Rejection] = []
    low, high = candidates.get("budget_min_manwon"), candidates.get("budget_max_manwon")
    if low is not None and high is not None and low > high:
        out.append(Rejection(field="budget", reason="minimum above maximum"))
    return out


# ---------------------------------------------------------------- candidates from slots


def _negated(text: str, name: str) -> bool:
    return re.search(re.escape(name) + _NEGATION_RE, text) is not None


_DEAL_WORDS = {
    "전세": ("전세", "전셋"),
    "월세": ("월세", "월셋"),
    "매매": ("매매", "매수", "구매", "구입", "사고 싶"),
}


def _forms(name: str) -> tuple[str, ...]:
    """How people write a place or deal type: "송파구" is often just "송파", 전세 also "전셋집"."""
    if name in _DEAL_WORDS:
        return _DEAL_WORDS[name]
    if name[-1] in "구동시군" and len(name) > 2:
        return (name, name[:-1])
    return (name,)


def _said(text: str, name: str | None) -> bool:
    """Named in this message and not negated ("강남구 말고" is not a preference for 강남구)."""
    if not name:
        return False
    said = [form for form in _forms(name) if form in text]
    return bool(said) and not any(_negated(text, form) for form in said)


def _region_names(slots: Slots) -> list[str]:
    """The names the slots' place goes by in a message: "부산 중구" is said as "부산광역시 중구" or
    "중구 (부산)" too, so its last word counts as well."""
    names = [n for n in (slots.sigungu, slots.dong) if n]
    if slots.sigungu and " " in slots.sigungu:
        names.append(slots.sigungu.split()[-1])
    return names


def _region_candidate(text: str, slots: Slots) -> dict[str, Any] | None:
    names = _region_names(slots)
    if not any(_said(text, name) for name in names):
        return None
    if any(_negated(text, form) for name in names for form in _forms(name)):
        return None
    return {"sigungu": slots.sigungu, "sigungu_code": slots.sigungu_code, "dong": slots.dong}


def _area_candidate(text: str, slots: Slots, values: TextValues) -> dict[str, Any] | None:
    if (slots.area_min_m2 is not None or slots.area_max_m2 is not None) and _AREA_HINT_RE.search(text):
        return {"min_m2": slots.area_min_m2, "max_m2": slots.area_max_m2}
    if values.area is not None:
        return {"min_m2": values.area[0], "max_m2": values.area[1]}
    return None


def _budget_candidates(slots: Slots, values: TextValues) -> dict[str, Any]:
    if values.budget_min is not None or values.budget_max is not None:
        # The user's own "예산" phrase beats the NLU's reading of the same message.
        return {"budget_max_manwon": values.budget_max, "budget_min_manwon": values.budget_min}
    if not values.money:
        return {}
    return {"budget_max_manwon": slots.price_max_manwon, "budget_min_manwon": slots.price_min_manwon}


def candidates(text: str, slots: Slots, values: TextValues) -> dict[str, Any]:
    """Raw values per preference key (None: nothing said about it).

    Only what this message itself says counts: slots that planning filled from memory or from the
    chat's context arrive in the job payload too, and storing them again would let memory confirm
    itself. So every slot value must be grounded in the text (its name, an amount, an area, rooms).
    """
    rooms = slots.rooms if slots.rooms is not None and _ROOMS_HINT_RE.search(text) else values.rooms
    rent = slots.monthly_rent_max_manwon if values.money else None
    return {
        "region": _region_candidate(text, slots),
        "deal_type": slots.deal_type if _said(text, slots.deal_type) else None,
        **_budget_candidates(slots, values),
        "area": _area_candidate(text, slots, values),
        "rooms": rooms,
        "monthly_rent_max_manwon": rent,
    }


def facts_from_candidates(
    raw: dict[str, Any], evidence: Evidence, rule_prefix: str = "rules"
) -> tuple[list[Fact], list[Rejection]]:
    """Validate every candidate; any invalid one rejects the whole statement."""
    facts: list[Fact] = []
    rejected = _contradictions(raw)
    regions = raw.get("regions") or ([raw["region"]] if raw.get("region") else [])
    items: Iterable[tuple[str, Any]] = [("region", r) for r in regions]
    items = [*items, *((k, v) for k, v in raw.items() if k not in ("region", "regions") and v is not None)]
    for key, value in items:
        try:
            facts.append(Fact.of(key, value, CONFIDENCE[evidence], f"{rule_prefix}:{evidence}:{key}"))
        except PreferenceValidationError as exc:
            if key == "region":  # a place we do not know is not absurd: skip just the place
                log.info("region not stored: %s", exc)
                continue
            rejected.append(Rejection(field=key, reason=exc.message))
    return ([], rejected) if rejected else (facts, [])


def extract(query: str, slots: Slots, intent: Intent) -> Extraction:
    """Facts plus the reasons for rejecting them, for logging and tests.

    Only the head of a long message is read (`agents.domain.units.MAX_PARSE_CHARS`), as the NLU does.
    """
    query = units.clip(query)
    evidence = classify(query, intent)
    if evidence is None:
        return Extraction()
    values = scan_text(query)
    if values.implausible:  # one absurd number and nothing in the statement is trusted
        return Extraction(rejected=values.implausible, evidence=evidence)
    facts, rejected = facts_from_candidates(candidates(units.normalize(query), slots, values), evidence)
    return Extraction(facts=facts, rejected=rejected, evidence=evidence)


def extract_facts(query: str, slots: Slots, intent: Intent) -> list[Fact]:
    """Preference facts stated or implied by one user message (empty when absurd)."""
    return extract(query, slots, intent).facts


# ---------------------------------------------------------------- extractor interface


@runtime_checkable
class LlmExtractor(Protocol):
    """What the memory worker calls per message; rule-based and LLM-backed extractors both fit."""

    async def extract(self, query: str, slots: Slots, intent: Intent) -> list[Fact]: ...


FactExtractor = LlmExtractor


class RuleExtractor:
    """The offline default. The rules are CPU work, so they run off the event loop."""

    async def extract(self, query: str, slots: Slots, intent: Intent) -> list[Fact]:
        return await asyncio.to_thread(extract_facts, query, slots, intent)


class LlmPreferences(BaseModel):
    """Real-estate preferences the user expressed in ONE message. Leave fields null when unsaid."""

    kind: Literal["update", "statement", "search", "none"] = Field(
        description="update: changes an earlier preference; statement: says what they want or have; "
        "search: only asks about listings or prices; none: no preference at all"
    )
    regions: list[str] = Field(
        default_factory=list,
        description="시군구 names such as 송파구; with the 시도 where the name repeats, e.g. 부산 중구",
    )
    dong: str | None = Field(default=None, description="법정동 such as 잠실동")
    deal_type: DealType | None = None
    budget_max_manwon: int | None = Field(default=None, description="in 만원: 6억 = 60000")
    budget_min_manwon: int | None = Field(default=None, description="in 만원")
    area_min_m2: float | None = Field(default=None, description="in ㎡: 1평 = 3.3058㎡")
    area_max_m2: float | None = Field(default=None, description="in ㎡")
    rooms: int | None = None
    monthly_rent_max_manwon: int | None = Field(default=None, description="in 만원")


LLM_INSTRUCTIONS = (
    "You extract a Korean real-estate user's stated preferences from one chat message. "
    "Money is in 만원 (6억 = 60000, 8천만원 = 8000); areas in ㎡ (30평대 = 99.2 to 132.2). "
    "Report only what the message says; never guess."
)


def _llm_candidates(out: LlmPreferences) -> dict[str, Any]:
    regions = [{"sigungu": name, "dong": out.dong if len(out.regions) == 1 else None} for name in out.regions]
    if not regions and out.dong:
        regions = [{"sigungu": None, "dong": out.dong}]
    area = None
    if out.area_min_m2 is not None or out.area_max_m2 is not None:
        area = {"min_m2": out.area_min_m2, "max_m2": out.area_max_m2}
    return {
        "regions": [r for r in regions if r["sigungu"] is None or code_for_name(r["sigungu"]) is not None],
        "deal_type": out.deal_type,
        "budget_max_manwon": out.budget_max_manwon,
        "budget_min_manwon": out.budget_min_manwon,
        "area": area,
        "rooms": out.rooms,
        "monthly_rent_max_manwon": out.monthly_rent_max_manwon,
    }


class StructuredLlmExtractor:
    """LLM extraction through langchain-core structured output, validated like the rules' output.

    Models with tool calling use `with_structured_output`; others are asked for JSON and parsed.
    Any model failure falls back to the offline rules, so a flaky provider never loses a memory.
    """

    def __init__(self, model: Any, *, fallback: LlmExtractor | None = None) -> None:
        self._model = model
        self._fallback = fallback or RuleExtractor()
        self._runnable = self._build(model)

    @staticmethod
    def _build(model: Any) -> Any:
        try:
            return model.with_structured_output(LlmPreferences)
        except NotImplementedError:
            from langchain_core.output_parsers import PydanticOutputParser

            parser = PydanticOutputParser(pydantic_object=LlmPreferences)
            return _JsonPrompted(model, parser)

    def _messages(self, query: str, slots: Slots) -> list[tuple[str, str]]:
        hints = {k: v for k, v in slots.model_dump().items() if v is not None}
        return [("system", LLM_INSTRUCTIONS), ("human", f"Message: {query}\nParsed slots: {hints}")]

    async def extract(self, query: str, slots: Slots, intent: Intent) -> list[Fact]:
        if (await asyncio.to_thread(scan_text, query)).implausible:
            return []
        try:
            out = await self._runnable.ainvoke(self._messages(query, slots))
            if isinstance(out, dict):
                out = LlmPreferences.model_validate(out)
        except Exception:
            log.warning("LLM preference extraction failed; using the rules", exc_info=True)
            return await self._fallback.extract(query, slots, intent)
        if out.kind == "none":
            return []
        facts, rejected = facts_from_candidates(_llm_candidates(out), out.kind, "llm")
        if rejected:
            log.info("LLM facts rejected: %s", rejected)
        return facts


class _JsonPrompted:
    """For chat models without tool calling: ask for JSON in the prompt, parse it with pydantic."""

    def __init__(self, model: Any, parser: Any) -> None:
        self._model = model
        self._parser = parser

    async def ainvoke(self, messages: list[tuple[str, str]]) -> LlmPreferences:
        system, *rest = messages
        prompt = [(system[0], system[1] + "\n" + self._parser.get_format_instructions()), *rest]
        reply = await self._model.ainvoke(prompt)
        return self._parser.parse(str(reply.content))
