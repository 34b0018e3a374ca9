"""Planning agent: intent + normalized slots + an ordered plan of team steps.

Slots the message leaves open are filled from the chat's own context first, then from long-term
memory; when a required slot is still missing, planning asks one clarifying question (interrupt).
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass, replace
from typing import Any

from langchain_core.language_models import BaseChatModel
from langgraph.config import get_stream_writer
from langgraph.runtime import Runtime
from langgraph.types import interrupt

from agents.answers.calculators import loan_rules_brief
from agents.comparison import Side, comparison_sides
from agents.deps import AgentDeps
from agents.dialogue import (
    DATA_FRAME_INTENTS,
    FOLLOW_UP_MAX_CHARS,
    GROUPS,
    Act,
    Frame,
    PreviousFrame,
    asks_about_draft,
    carried_note,
    changes_calculation,
    closes,
    frame_turn,
    is_new_question,
    part_period,
    points_at_home,
    points_at_price,
    reply_text,
    request_part,
    returns_to_calculation,
    returns_to_data,
    size_after_name,
    strip_negated,
    switches_to_apartments,
    year_part_months,
)
from agents.domain.particles import NAME_TAILS, josa, josa_for, strip_particle
from agents.domain.slots import WHOLE_SIDO, Intent, ListingOrder, PlanStep, Slots
from agents.domain.units import compact, normalize
from agents.formatting import is_english
from agents.gazetteer import Gazetteer, outside_sigungu, same_name_choice, same_name_question
from agents.nlu import (
    GUESSED_NAME_MIN_SYLLABLES,
    LOCAL_NAME_MIN_SYLLABLES,
    NluResult,
    asked_order,
    legal_slots,
    local_complex_slots,
    parse,
    place_slots,
    recent_period,
    sibling_slots,
)
from agents.state import RESET, AgentState, RunContext
from agents.tools.coverage import Coverage
from agents.tools.legal_issues.match import ANSWER_SCORE, match_issues, statute_terms, uncovered_topic
from agents.tools.loan_rules import DEFAULT_RULES

log = logging.getLogger(__name__)

REGION_SLOTS = ("sigungu", "sigungu_code", "dong", "dong_parts", "complex", "complex_id", "sido_code")


@dataclass(frozen=True)
class StepTemplate:
    team: str
    task: str
    description: str
    depends_on: tuple[str, ...] = ()


def _listing_task(slots: Slots) -> str:
    return "search_rents" if slots.deal_type in ("전세", "월세") else "search_trades"


def plan_steps(intent: Intent, slots: Slots, order: ListingOrder | None = None) -> list[PlanStep]:
    """The plan for an intent, in the order the answer presents it. Independent steps share no
    `depends_on`, so the supervisor runs them in parallel. `order`: the question asks for the dearest
    or cheapest deal, so a data question lists its deals by price and leads with that listing."""
    listing = _listing_task(slots)
    templates: list[StepTemplate]
    if order is not None and intent in (Intent.MARKET_INQUIRY, Intent.PROPERTY_SEARCH):
        description = "가격 높은 순 실거래" if order == "price_desc" else "가격 낮은 순 실거래"
        steps = [
            PlanStep(id="s1", team="search", task=listing, description=description, order=order),
            PlanStep(id="s2", team="analysis", task="market_stats", description="검색 조건의 가격 통계"),
        ]
        return steps
    match intent:
        case Intent.PROPERTY_SEARCH:
            templates = [
                StepTemplate("search", listing, "조건에 맞는 실거래 검색"),
                StepTemplate("analysis", "market_stats", "검색 조건의 가격 통계"),
            ]
        case Intent.MARKET_INQUIRY:
            templates = [
                StepTemplate("analysis", "market_stats", "기간별 시세 통계"),
                StepTemplate("search", listing, "최근 실거래 사례"),
            ]
        case Intent.PRICE_EVALUATION:
            templates = [StepTemplate("analysis", "evaluate_price", "비교 거래 대비 가격 평가")]
        case Intent.LEGAL_INQUIRY:
            templates = [StepTemplate("search", "law_search", "관련 법 조문 검색")]
        case Intent.TERM_DEFINITION:
            templates = [
                StepTemplate("document", "define_term", "용어 설명"),
                StepTemplate("search", "law_search", "관련 법 조문 검색"),
            ]
        case Intent.LOAN_CONSULT:
            templates = [StepTemplate("analysis", "loan_calc", "LTV·DSR 대출 한도 계산")]
        case Intent.ROI_CALCULATION:
            templates = [
                StepTemplate("search", "rent_reference", "임대 시세 조회"),
                StepTemplate("analysis", "roi_calc", "수익률 계산", ("s1",)),
            ]
        case Intent.PROPERTY_RECOMMENDATION:
            templates = [
                StepTemplate("search", "recommend_complexes", "조건에 맞는 단지 후보"),
                StepTemplate("analysis", "market_stats", "후보 지역 시세 통계"),
            ]
        case Intent.CONTRACT_CREATION:
            templates = [
                StepTemplate("search", "law_search", "계약 관련 법 조문"),
                StepTemplate("document", "contract_draft", "계약서 체크리스트 초안", ("s1",)),
            ]
        case Intent.COMPREHENSIVE:
            templates = []
            if _has_region(slots):
                templates += [
                    StepTemplate("analysis", "market_stats", "시세 통계"),
                    StepTemplate("search", listing, "최근 실거래 사례"),
                ]
            if slots.annual_income_manwon or slots.asking_price_manwon or slots.price_max_manwon:
                templates.append(StepTemplate("analysis", "loan_calc", "대출 한도 계산"))
            templates.append(StepTemplate("search", "law_search", "관련 법 조문 검색"))
        case _:
            templates = []
    return [
        PlanStep(
            id=f"s{i}",
            team=t.team,  # type: ignore[arg-type]
            task=t.task,
            description=t.description,
            depends_on=list(t.depends_on),
        )
        for i, t in enumerate(templates, start=1)
    ]


def _has_region(slots: Slots) -> bool:
    return any(getattr(slots, k) for k in ("sigungu", "dong", "complex", "sido_code"))


def missing_required(intent: Intent, slots: Slots) -> list[str]:
    """Slots without which the plan cannot produce a sourced answer."""
    match intent:
        case Intent.PROPERTY_SEARCH | Intent.MARKET_INQUIRY:
            return [] if _has_region(slots) else ["region"]
        case Intent.PRICE_EVALUATION:
            missing = [] if _has_region(slots) else ["complex"]
            # a 월세 offer is judged by its deposit and rent ("보증금 1억에 월 200 달라는데"), no price
            rent_offer = slots.deal_type == "월세" or (
                slots.deal_type is None and slots.deposit_manwon is not None and slots.monthly_rent_manwon
            )
            return missing + ([] if slots.asking_price_manwon or rent_offer else ["asking_price"])
        case Intent.LOAN_CONSULT:  # either one gives a limit (LTV from the price, DSR from the income)
            price = slots.asking_price_manwon or slots.price_max_manwon
            return [] if (price or slots.annual_income_manwon) else ["price", "income"]
        case Intent.ROI_CALCULATION:
            return [] if (slots.asking_price_manwon or slots.price_max_manwon) else ["price"]
        case Intent.PROPERTY_RECOMMENDATION:
            has_any = _has_region(slots) or slots.price_max_manwon or slots.deal_type
            return [] if has_any else ["region"]
        case _:
            return []


PAST_REFERENCE = re.compile(r"지난번|저번|예전에|이전에|전에(?:본|말한|물어본|얘기한)|lasttime|previously")
PERIOD_INTENTS = {
    Intent.MARKET_INQUIRY,
    Intent.PROPERTY_SEARCH,
    Intent.PRICE_EVALUATION,
    Intent.PROPERTY_RECOMMENDATION,
    Intent.COMPREHENSIVE,
}
DATA_INTENTS = PERIOD_INTENTS - {Intent.COMPREHENSIVE}
# The transaction data holds apartments only.
# A question that asks for a fact's effect on price ("역세권 프리미엄", "학군지랑 차이", "how much more")
# rather than for deals that merely have it.
MEASURES_FACT = re.compile(
    r"프리미엄|얼마나\s?(?:더|붙|비싸|차이)|차이가?\s?(?:얼마|나|있)|premium|how much more"
)

OTHER_PROPERTY = re.compile(
    r"오피스텔|빌라|다세대|연립|단독주택|다가구|상가|토지|officetel|villa(?!ge)|townhouse"
)

CLARIFY_QUESTIONS = {
    "region": "어느 지역(구·동)이나 단지를 기준으로 알려드릴까요? 예: '송파구', '대치동 은마'",
    "complex": "어느 단지(또는 동)의 가격인지 알려주시겠어요? 예: '잠실엘스 84㎡'",
    "asking_price": "평가할 가격을 알려주시겠어요? 예: '25억'",
    "price": "매수하려는 집의 가격을 알려주시겠어요? 예: '6억'",
    "income": "연 소득(연봉)을 알려주시겠어요? 예: '연봉 8천'",
    # a loan needs either number, so one question names both
    "price+income": "집 가격이나 연 소득 중 아는 것을 알려주시겠어요? 예: '6억 아파트, 연봉 8천'",
}
CLARIFY_QUESTIONS_EN = {
    "region": "Which area (gu or dong) or complex should I look at? For example 'Songpa-gu' or '은마 in Daechi-dong'.",
    "complex": "Which complex (or dong) is the price for? For example '잠실엘스 84㎡'.",
    "asking_price": "What price should I check? For example '2.5 billion won'.",
    "price": "What is the price of the home you want to buy? For example '600 million won'.",
    "income": "What is your annual income? For example '80 million won a year'.",
    "price+income": "What is the home's price or your annual income? For example "
    "'a 600 million won apartment, 80 million won a year'.",
}


_RULE_CUES = {
    "ltv": re.compile(r"ltv|담보\s?인정|loan[- ]to[- ]value", re.I),
    "dsr": re.compile(r"dsr|스트레스|stress|총부채\s?원리금|debt service", re.I),
    "dti": re.compile(r"dti|총부채\s?상환\s?비율", re.I),
    "cap": re.compile(
        r"(?:가격대별|시가별|주담대|담보\s?대출)\s?(?:최대\s?)?한도\s?(?:규제|제한|가|는|이)|대출\s?한도\s?(?:규제|제한)",
        re.I,
    ),
}
_ASKS_PERCENT = re.compile(r"몇\s?(?:퍼|프로|%)|what percent|how many percent", re.I)


def loan_rule_topics(query: str, slots: Slots) -> set[str]:
    """The loan rules a question names: LTV, DSR (with the stress rate), DTI, the price caps, and the
    first-time buyer's terms when the user said so; "몇 퍼센트" with no rule named asks for the LTV."""
    topics = {name for name, cue in _RULE_CUES.items() if cue.search(query)}
    if slots.first_home:
        topics.add("first_home")
    if not topics & {"ltv", "dsr", "dti"} and _ASKS_PERCENT.search(query):
        topics.add("ltv")
    return topics


def clarify_question(missing: list[str], *, english: bool = False) -> str:
    """One question for what is missing, in the language the user asked in."""
    questions = CLARIFY_QUESTIONS_EN if english else CLARIFY_QUESTIONS
    keys = ["price+income"] if set(missing) >= {"price", "income"} else missing
    return " ".join(questions[m] for m in keys if m in questions)


async def understand(
    query: str, deps: AgentDeps, llm: BaseChatModel | None, context: AgentState | None = None
) -> NluResult:
    """Offline NLU by default; with an LLM, structured output into the same model (NLU on failure).

    `context` is the chat's state: the model reads its window and summary, so a follow-up such as
    "그럼 재작년은?" can be read against the conversation. The NLU is pure CPU work (milliseconds
    with the full gazetteer): it runs in a worker thread so the event loop keeps serving meanwhile.
    """
    offline = await asyncio.to_thread(parse, query, deps.gazetteer, deps.today())
    if llm is None:
        return offline
    from agents.llm_planning import llm_understand

    chat = context or {}
    try:
        window, summary = chat.get("window") or [], chat.get("summary") or ""
        return await llm_understand(llm, query, offline, deps, window=window, summary=summary)
    except Exception:  # a flaky model must not break the turn: the rules are always there
        log.warning("LLM planning failed; using the offline NLU", exc_info=True)
        return offline


def _recent_window_for(slots: Slots, frame: Frame, nlu: NluResult, deps: AgentDeps) -> Slots:
    """ "최근" means the latest months of data *for the place*; the place may have come from memory or
    from the previous turn ("최근 시세" → "마포구는?" recomputes the window for 마포구)."""
    code = slots.sigungu_code or (slots.complex_id.split("-")[0] if slots.complex_id else None)
    code = code or (WHOLE_SIDO[slots.sido_code][1] if slots.sido_code in WHOLE_SIDO else None)
    if frame.recent_months is None or code is None:
        return slots
    if nlu.wants_recent and code == nlu.slots.sigungu_code:
        return slots  # the NLU already anchored it on this place
    window = recent_period(deps.gazetteer, code, frame.recent_months)
    if window is None:
        return slots
    return slots.model_copy(update={"period_from": window[0], "period_to": window[1]})


# "데이터 있는 마지막 해 기준으로", "자료 있는 제일 마지막 해", "the latest year with data": the calendar
# year of the place's latest data month (Seoul 2024, 분당 2025), not this year.
LATEST_DATA_YEAR = re.compile(
    r"(?:데이터|자료)(?:가|이)?(?:있는|나와있는)(?:제일|가장)?마지막(?:해|연도|년도)"
    r"|latestyear(?:ofdata|withdata|inthedata)?|lastyear(?:ofdata|withdata|inthedata)"
)


def _latest_data_year(slots: Slots, query: str, gaz: Gazetteer) -> dict[str, str] | None:
    if not LATEST_DATA_YEAR.search(query.replace(" ", "").lower()):
        return None
    code = slots.sigungu_code or (slots.complex_id.split("-")[0] if slots.complex_id else None)
    code = code or (WHOLE_SIDO[slots.sido_code][1] if slots.sido_code in WHOLE_SIDO else None)
    latest = gaz.latest_for(code)
    if latest is None:
        return None
    return {"period_from": f"{latest.year}-01-01", "period_to": f"{latest.year}-12-31"}


def _part_of_latest_year(slots: Slots, query: str, gaz: Gazetteer) -> dict[str, str] | None:
    """A half, quarter or months said with no year and no period in force: that part of the place's
    latest calendar year of data (Seoul 2024, 분당 2025), as "요즘" is read against the data."""
    months = year_part_months(query)
    latest = gaz.latest_for(_place_code(slots)) if months else None
    if months is None or latest is None:
        return None
    start, end = part_period(latest.year, months)
    return {"period_from": start, "period_to": end}


def _place_fill(frame: Frame, previous: PreviousFrame | None, nlu: NluResult) -> Frame:
    """A new data question that names no place asks about the chat's place ("전세 시세 알려줘" after a
    분당 question); a place outside the data is never replaced by the previous one."""
    slots = frame.slots
    if (
        frame.act is not Act.NEW
        or previous is None
        or nlu.unknown_regions
        or same_name_choice(nlu.ambiguities) is not None  # "중구" of two loaded regions: asked, not carried
        or _has_region(slots)
        or frame.intent not in PLACE_INTENTS
        or not _has_region(previous.slots)
    ):
        return frame
    place = {k: getattr(previous.slots, k) for k in REGION_SLOTS}
    if slots.deal_type is None and previous.slots.deal_type is not None:
        place["deal_type"] = previous.slots.deal_type
    carried = ("place", "deal_type") if "deal_type" in place else ("place",)
    return replace(frame, slots=slots.model_copy(update=place), carried=carried)


PLACE_INTENTS = {Intent.MARKET_INQUIRY, Intent.PROPERTY_SEARCH, Intent.PRICE_EVALUATION}
COMPARABLE = {Intent.MARKET_INQUIRY, Intent.PROPERTY_SEARCH}


def _in_force_first(sides: list[Side], slots: Slots) -> list[Side]:
    """The side the turn's filter is on leads ("21년이랑 24년 비교하면" after 2021: the filter goes on
    with 2024), so the figures the answer reports first are those of the filter in force; the other
    sides follow in the order said."""
    held = [s for s in sides if all(getattr(slots, k, None) == v for k, v in s.update.items())]
    if not held or held[0] is sides[0]:
        return sides
    return [held[0], *(s for s in sides if s is not held[0])]


def comparison_plan(sides: list[Side]) -> list[PlanStep]:
    """One statistics step per side of a comparison, run in parallel, answered side by side."""
    return [
        PlanStep(
            id=f"s{i}",
            team="analysis",
            task="market_stats",
            description=f"{side.label} 시세 통계",
            variant=side.update,
            label=side.label,
        )
        for i, side in enumerate(sides, start=1)
    ]


async def _memory_fill(
    state: AgentState, user_id: str, slots: Slots, nlu: NluResult, deps: AgentDeps, intent: Intent
) -> tuple[Slots, list[dict[str, Any]]]:
    """Long-term memory helps only where the user left things open *and* asked something open-ended.

    A recommendation ("추천해줘") may take the remembered region, budget (of the same deal type) and
    size for what it leaves open. "지난번에 본 그 아파트" may take the remembered complex. Nothing else
    is filled: a named complex or place, a price evaluation ("이 집 적정가야?" is asked, never guessed),
    a search or statistics with stated (or deliberately absent) conditions are answered as asked, so
    memory can never narrow them to nothing; a question of law, a word, a contract or a loan never
    takes a remembered home.
    """
    if deps.recall is None or not user_id or state.get("use_memory") is False:
        return slots, []
    if nlu.unknown_regions or same_name_choice(nlu.ambiguities) is not None:
        return slots, []  # "부산 해운대 추천": a place outside the data is never swapped for a remembered one
    # "지난번에 본 그 아파트" reaches back past this chat's last turn; a bare "그거" inside a chat means
    # the chat's own previous turn, which the dialogue state already carries.
    in_chat = bool(state.get("context_intent"))
    past = bool(PAST_REFERENCE.search(state["query"].replace(" ", "").lower()))
    wants_previous = (
        nlu.references_previous
        and slots.complex is None
        and (past or not in_chat)
        and intent not in (Intent.UNCLEAR, Intent.IRRELEVANT)
    )
    if intent not in _MEMORY_TASKS or (intent is not Intent.PROPERTY_RECOMMENDATION and not wants_previous):
        return slots, []  # a question of law, a word, a contract or a loan is never about a remembered home
    if intent is Intent.PROPERTY_RECOMMENDATION and not wants_previous and _states_conditions(slots):
        return slots, []  # "분당 전세 4억 이하로 어디가 좋을까": answered on the conditions it states
    recall = await deps.recall(user_id, state["query"], slots, wants_previous)
    if recall is None:
        return slots, []
    filled_slots, filled = slots.missing_filled_from(recall.slots_from_memory)
    if intent is Intent.PROPERTY_RECOMMENDATION:
        keep = {k for k in filled if _group_open(slots, k)}
    else:
        keep = {k for k in filled if k in REGION_SLOTS} if recall.referenced is not None else set()
    filled_slots = slots.model_copy(update={k: getattr(filled_slots, k) for k in keep})
    filled = sorted(keep)
    used = recall.used_items(filled) if filled else []
    return filled_slots, used


# The tasks whose answer is data about a place: the only ones a remembered place can complete.
_MEMORY_TASKS = frozenset({Intent.PROPERTY_SEARCH, Intent.MARKET_INQUIRY, Intent.PROPERTY_RECOMMENDATION})


def _states_conditions(slots: Slots) -> bool:
    """A recommendation that names a place, budget, size or deal type is not open-ended: memory from
    other chats would narrow it by conditions the user did not ask for here."""
    groups = ("place", "deal_type", "price", "area")
    return any(getattr(slots, n) is not None for g in groups for n in GROUPS[g])


def _sales_only_deal(slots: Slots, nlu: NluResult, intent: Intent, coverage: Coverage) -> Slots:
    """A price or deal question about a place whose data holds sales only (Seoul) asks about 매매: the
    answer can only be about sales, and says so. A place said alone ("송파구 아파트") names no deal type.
    A price judgement is left as said: the written sets disagree on it (heldout and dev label "헬리오시티
    59 12억 어때" with no deal type, later sets with 매매), and the judgement compares with sales anyway."""
    if slots.deal_type is not None or intent not in (Intent.MARKET_INQUIRY, Intent.PROPERTY_SEARCH):
        return slots
    code = slots.sigungu_code or (slots.complex_id.split("-")[0] if slots.complex_id else None)
    if (
        code is None
        or any(coverage.span(code, d) for d in ("전세", "월세"))
        or not coverage.span(code, "매매")
    ):
        return slots
    asks = nlu.confidence >= WEAK_CUE_CONFIDENCE or any(
        getattr(slots, n) is not None for g in ("price", "area", "period") for n in GROUPS[g]
    )
    return slots.model_copy(update={"deal_type": "매매"}) if asks else slots


# "아파트 요즘 얼마해요?", "부산 해운대구 아파트 시세 어때요?", "What are apartment prices like in …": the price
# of an apartment, with no lease named, is what apartments sell for.
_APARTMENT_PRICE = re.compile(
    r"(?:아파트|apt|apartment)\S{0,6}?\s?(?:요즘|요새|최근|지금|현재|)\s?(?:시세|얼마|가격|값)"
    r"|(?:시세|가격|값|얼마)\S{0,3}\s?(?:\S{1,20}\s)?아파트"
    r"|apartment prices?|prices? of (?:an? )?apartments?|apartments? (?:cost|go for|sell for)"
    r"|(?:how much|what) (?:are|do|is) (?:an? )?apartments?",
    re.IGNORECASE,
)
_LEASE_WORD = re.compile(r"전세|전셋|월세|임대|렌트|보증금|jeonse|rent|lease|deposit", re.IGNORECASE)


def _apartment_price_deal(slots: Slots, query: str, intent: Intent) -> Slots:
    """A look at what apartments cost that names no lease asks about 매매, wherever it is asked (a
    place outside the data, a place with leases too, or none yet: the clarifying question keeps it)."""
    if intent is not Intent.MARKET_INQUIRY or slots.deal_type is not None or _LEASE_WORD.search(query):
        return slots
    if not _APARTMENT_PRICE.search(query):
        return slots
    return slots.model_copy(update={"deal_type": "매매"})


# A 동 name right after a 구, before a particle or the end of the word ("범어동 쪽", "범어동쪽", "매탄동에서").
_DONG_AFTER = r"\s?(?P<dong>[가-힣]{1,5}동)(?=$|[^가-힣]|쪽|에서|에|은|는|이|도|의|만)"


def _outside_dong(sigungu: str | None, query: str) -> str | None:
    """The 동 said right after an outside 구 ("대구 수성구 범어동 쪽" → 범어동): the place asked about, named
    as said; None without a 구 (a 동 name alone could be anywhere)."""
    if sigungu is None:
        return None
    m = re.search(re.escape(sigungu) + _DONG_AFTER, query)
    return m["dong"] if m else None


def _group_open(slots: Slots, name: str) -> bool:
    """Memory fills a whole kind of condition the user left open, never half of one ("12억 이하" gets
    no remembered minimum); a stated price keeps its own deal type, since a budget means a 매매 price,
    a 전세 deposit or a 월세 deposit depending on it."""
    group = next((names for names in GROUPS.values() if name in names), (name,))
    if any(getattr(slots, n) is not None for n in group):
        return False
    priced = slots.price_min_manwon is not None or slots.price_max_manwon is not None
    return not (name == "deal_type" and priced)


RESCUABLE = {
    Intent.UNCLEAR,
    Intent.IRRELEVANT,
    Intent.PROPERTY_SEARCH,
    Intent.MARKET_INQUIRY,
    Intent.LOAN_CONSULT,
    Intent.ROI_CALCULATION,
}


def _may_be_law(nlu: NluResult, query: str) -> bool:
    """Cheap gate of the legal rescue: a story-length message with nothing the data could answer (no
    place of ours, no complex, no amount to calculate with, no follow-up's change). A lease story
    names 전세/월세 and often its sums or its city ("전세 2억 중 1억을 월세로 돌리자는데", "an apartment
    in Seoul I inherited"): a deal type alone, a 시도 alone in a question that named no task firmly,
    or sums told beside a legal act (전환, 갱신, 해지 …) keep the gate open."""
    asks_about_contract = nlu.intent is Intent.CONTRACT_CREATION and _asks(query)
    # "2년 살 수 있는 거에요?" beside a law's name reads as a search too: a legal part with look-ups
    legal_part = nlu.intent is Intent.COMPREHENSIVE and Intent.LEGAL_INQUIRY in nlu.sub_intents
    # "40만원 나왔는데 달라고 할 수 있죠?": a sum claimed back is no price to judge
    claimed_sum = nlu.intent is Intent.PRICE_EVALUATION and _claims(query)
    if nlu.intent not in RESCUABLE and not (asks_about_contract or legal_part or claimed_sum):
        return False
    if nlu.sub_intents and not legal_part:
        return False
    if (
        _short(query)
        and uncovered_topic(query) is None
        and not ((_legal_act(query) and _asks(query)) or _tells(query))
    ):
        return False  # a short message is a follow-up's fragment, unless it asks of a legal act or a topic,
        # or tells what someone said or did ("1년 됐으니 나가라네요", "허가 없이 계약하면 어케됨?")
    if FOLLOW_UP.search(query) and uncovered_topic(query) is None:
        return False  # "what about jeonse deals that year?" continues the previous answer
    slots = nlu.slots
    if any(getattr(slots, k) for k in ("sigungu_code", "dong", "complex")):
        return False
    if slots.sido_code and nlu.confidence >= STRONG_CUE_CONFIDENCE:
        return False
    if nlu.intent in LOOKUP_INTENTS and nlu.confidence >= STRONG_CUE_CONFIDENCE and _filtered(slots):
        return False  # "30평대 매매가 중간값 2023년 기준": a data question still missing its place
    amounts = any(
        getattr(slots, k) is not None
        for k in ("asking_price_manwon", "annual_income_manwon", "price_max_manwon", "price_min_manwon")
    )
    # "월세로 바꿔서", "2분기는요?": a follow-up's change, not a question of law
    # a past year told in a story ("작년에 집주인이 실거주한다고 해서 나왔는데") is no period's change
    kept = ("deal_type",) if _short(query) else ("deal_type", "period_from", "period_to")
    if any(v is not None for k, v in nlu.fragment_slots if k not in kept):
        return False
    if amounts and nlu.intent is not Intent.IRRELEVANT:
        return _legal_act(query) or _claims(query)
    rent = slots.deposit_manwon is not None or slots.monthly_rent_manwon is not None
    if rent and nlu.intent is Intent.ROI_CALCULATION and nlu.confidence >= STRONG_CUE_CONFIDENCE:
        # "rent it out for 50 million deposit and 3.5 million a month, what's the yield?": a yield named
        # with its rent is a calculation, unless it names a legal act
        return _legal_act(query)
    return True


LOOKUP_INTENTS = {Intent.MARKET_INQUIRY, Intent.PROPERTY_SEARCH}


def _filtered(slots: Slots) -> bool:
    return any(getattr(slots, k) is not None for k in ("period_from", "area_min_m2", "area_max_m2"))


def _short(query: str) -> bool:
    return len("".join(query.split())) <= FOLLOW_UP_MAX_CHARS


def _legal_act(query: str) -> bool:
    """The message names a legal act or right (전환, 갱신, 과태료 …), not only sums or a deal type."""
    return bool(LEGAL_ACTS & statute_terms(query))


# A message that continues the previous answer ("And what about monthly rent there?", "거기 월세는요?").
FOLLOW_UP = re.compile(
    r"^(?:and|so|then)\b|what about|how about|^그럼|^그러면|거기|그쪽|그 동네|그 단지", re.IGNORECASE
)


def _asks(query: str) -> bool:
    """A question about a contract ("계약서 다시 써야 하나요?", "이 특약 유효해요?"), not a request to
    draft one ("계약서 써줘", "체크리스트 만들어 줄래?")."""
    text = query.lower()
    return bool(QUESTION_FORM.search(text)) and not DRAFT_REQUEST.search(text)


# How a short story of what happened ends: reported speech, a complaint, "what now?" — never a
# follow-up's fragment ("59는?", "작년은요?").
STORY_END = re.compile(
    r"(?:네요|래요|대요|라네|랍니다|던데|하네|어케\s?됨|어떡해|어떻게\s?돼요?|어케)\s{0,3}[.!~?ㅠㅜ]{0,6}$"
)


def _tells(query: str) -> bool:
    """A short message that tells a story ("집주인이 1년 됐으니 나가라네요") rather than changes a filter."""
    return bool(STORY_END.search(query.strip()))


def _claims(query: str) -> bool:
    """The message asks whether money can be claimed back ("수리비 달라고 할 수 있죠?", "can I get it
    back?"): sums in it are what was spent, not a price or a budget."""
    return bool(CLAIM.search(query.lower()))


CLAIM = re.compile(
    r"달라고\s*(?:해도|할\s*수)|돌려\s*받|청구|물어\s*(?:달라|줘야|내라)|변상|배상"
    r"|get (?:it|that|the money|my money|the cost) back|pay me back|reimburs|claim (?:it|the|back)"
)
QUESTION_FORM = re.compile(r"\?|나요|까요|가요|되나|인가|유효|무효|맞나|맞죠|is it|can i|do i|valid")
DRAFT_REQUEST = re.compile(
    r"줘|주세요|줄래|(?:써|어|해)\s*줄\s*수|주실|주시|부탁|드려|체크\s*리스트|초안|양식|please|draft|write|make|prepare|template|checklist"
)


# Statute words of legal acts and rights: sums told beside one of these are the story of a legal
# question, not figures to calculate with.
LEGAL_ACTS = frozenset(
    (
        "월차임전환", "산정률", "계약갱신", "갱신요구", "갱신거절", "해지", "해제", "배액상환", "위약금", "대항력",
        "우선변제", "보증금중일정액", "임차권등기명령", "반환", "증액", "감액", "승계", "전대", "일시사용",
        "원상회복", "중개보수", "전세사기피해자", "권리금", "과태료", "묵시적갱신", "확정일자", "초과", "표시ㆍ광고",
    )
)  # fmt: skip


def _reads_as_law(nlu: NluResult, query: str) -> bool:
    """A question about rights and rules told as a story, without a legal word ("윗집 배관 터져서 벽지
    다 망가졌어요, 물어달라고 할 수 있죠?", "건물주가 새 세입자 못 들어오게 막아요"): the curated issue index
    recognises it clearly, or it names a topic the statutes do not cover (answered as such)."""
    uncovered = uncovered_topic(query)
    if uncovered is not None and uncovered.key == "loans" and not LOAN_PRODUCTS.search(query.lower()):
        uncovered = None  # "주담대 얼마나 받을 수 있어?", "LTV는?": the loan calculator answers those
    if nlu.intent is Intent.IRRELEVANT and nlu.confidence >= 0.9:
        uncovered = (
            None  # "층간소음 때문에 잠이 안 와요, 백색소음 노래 추천": an aside, unless the index knows it
        )
    if uncovered is not None and MEANING_ASKED.search(query.lower()):
        uncovered = None  # "재건축 안전진단이 뭔 뜻이에요?": a word's meaning, not a rule the statutes lack
    if uncovered is not None:
        return True
    matches = match_issues(query, limit=1)  # ~10 ms of CPU: only past the gate, in a worker thread
    # a short message ("과태료 얼마예요?" after an answer) is rescued only on a clearer match
    needed = SHORT_RESCUE_SCORE if _short(query) else RESCUE_SCORE
    return bool(matches) and matches[0].cue_score >= needed


# A question of what a word means ("뭔 뜻이에요", "무슨 의미", "what does … mean"), whatever the word.
MEANING_ASKED = re.compile(
    r"(?:뭔|무슨|먼)\s*(?:뜻|의미)|(?:뜻|의미)(?:이|가)?\s*(?:뭐|뭔|머|무엇)|what does .{1,60}? (?:mean|stand for)"
    r"|\bmeaning of\b"
)
RESCUE_SCORE = 2 * ANSWER_SCORE  # a clear match of the index's cues, not a shared word or two
SHORT_RESCUE_SCORE = 2 * RESCUE_SCORE
# Loan products with their own rules, which the loan calculator (LTV/DSR of a mortgage) does not know.
LOAN_PRODUCTS = re.compile(
    r"버팀목|디딤돌|보금자리|전세자금|전세대출|청년대출|신혼부부대출|jeonse loan|beotimmok"
)


# What a question about the waiting draft may read as besides a question of law: the draft's own task,
# or that task beside a story ("집주인이 잔금날 대출 받으면" is no loan question of the user's).
_DRAFT_QUESTION_TASKS = frozenset({Intent.CONTRACT_CREATION, Intent.LEGAL_INQUIRY, Intent.LOAN_CONSULT})


def _asks_about_waiting_draft(nlu: NluResult, query: str) -> bool:
    """A question about the contract draft that waits for approval ("특약은 어떻게 써야 돼요?"): read
    as a draft request (another draft) or as several tasks, it is a question of what to agree on."""
    if not asks_about_draft(query):
        return False
    if nlu.intent is Intent.CONTRACT_CREATION:
        return True
    return nlu.intent is Intent.COMPREHENSIVE and set(nlu.sub_intents) <= _DRAFT_QUESTION_TASKS


def _no_data_asked(nlu: NluResult) -> bool:
    """Part of a message that names no place, sum, size or period (a deal type alone may be a misread
    "살 수 있어요"): read alone it cannot be a data question, so the whole message decides."""
    if nlu.intent is Intent.LEGAL_INQUIRY:
        return False
    named = [k for k, v in nlu.slots if v is not None] + [k for k, v in nlu.fragment_slots if v is not None]
    return all(k == "deal_type" for k in named)


def _whole_is_law(whole: NluResult, text: str) -> bool:
    """The whole message, read after its request part asked no data, is a question of law."""
    return whole.intent is Intent.LEGAL_INQUIRY or (_may_be_law(whole, text) and _reads_as_law(whole, text))


def _says_nothing(nlu: NluResult) -> bool:
    """No task and no fragment of one: the part read alone cannot be the request."""
    weak = nlu.intent in (Intent.IRRELEVANT, Intent.UNCLEAR)
    return weak and not any(v is not None for _, v in nlu.fragment_slots)


def _named_data(slots: Slots) -> bool:
    """A fragment that changes a data filter ("22년엔?", "59는?", "전세는?", "마포구는?")."""
    return any(getattr(slots, name) is not None for group in DATA_GROUPS for name in GROUPS[group])


DATA_GROUPS = ("place", "deal_type", "price", "area", "period", "monthly_cap", "rooms")


_PRICE_PARTS = frozenset({Intent.MARKET_INQUIRY, Intent.PRICE_EVALUATION, Intent.LOAN_CONSULT})


def _loan_on_price_in_play(nlu: NluResult, query: str) -> bool:
    """A loan question read as having a market part only because it points at a price ("그 가격대",
    "그 시세로 사면"): with no place of its own, the pointer is the previous question's price."""
    parts = set(nlu.sub_intents)
    return (
        nlu.intent is Intent.COMPREHENSIVE
        and Intent.LOAN_CONSULT in parts
        and parts <= _PRICE_PARTS
        and not _has_region(nlu.slots)
        and points_at_price(query)
    )


def _place_code(slots: Slots) -> str | None:
    """The 시군구 code of the place the slots name (a complex's own, or a whole 시도's data code)."""
    code = slots.sigungu_code or (slots.complex_id.split("-")[0] if slots.complex_id else None)
    return code or (WHOLE_SIDO[slots.sido_code][1] if slots.sido_code in WHOLE_SIDO else None)


# Tasks about one home: after a side question, "그 집 8억에 샀고 … 수익률?" is about the home looked at.
HOME_TASKS = (Intent.ROI_CALCULATION, Intent.LOAN_CONSULT, Intent.PRICE_EVALUATION)


def frame_of(state: AgentState, nlu: NluResult, deps: AgentDeps) -> Frame:
    """This turn's frame: the message read against the chat's previous frame (agents/dialogue.py)."""
    previous = PreviousFrame.from_state(state.get("context_slots"), state.get("context_intent"))
    data_frame = PreviousFrame.from_state(state.get("data_context_slots"), state.get("data_context_intent"))
    looked_up = (
        previous is not None and previous.intent is Intent.COMPREHENSIVE and _has_region(previous.slots)
    )
    calc_frame = PreviousFrame.from_state(state.get("calc_context_slots"), state.get("calc_context_intent"))
    if (
        previous is not None
        and calc_frame is not None
        and returns_to_calculation(
            state["query"],
            nlu.intent,
            nlu.fragment_slots if nlu.intent is Intent.UNCLEAR else nlu.slots,
            previous,
            calc_frame,
        )
    ):
        # "집을 칠억짜리로 낮추면 얼마까지 돼요" after a loan and then "DSR이 뭐예요?": the loan again with
        # that price, the income said before kept (not the data looked at before the loan)
        previous = calc_frame
    elif (
        previous is not None
        and previous.intent not in DATA_FRAME_INTENTS
        and data_frame is not None
        and not looked_up
    ):
        # (a question with several parts about a place looked at the data too: its frame is the data frame)
        weak = nlu.intent in (Intent.IRRELEVANT, Intent.UNCLEAR)
        # "월세 200이면?", "what if the price is 1.1 billion" right after a calculation change its amount
        amount_change = previous.intent in ROLE_TASKS and changes_calculation(state["query"], nlu.slots)
        if not amount_change and (
            nlu.intent in DATA_FRAME_INTENTS
            or (weak and _named_data(nlu.fragment_slots))
            or (weak and returns_to_data(state["query"], deps.today()))
            or (nlu.intent in HOME_TASKS and points_at_home(state["query"]))
        ):
            previous = data_frame  # back to the data after a side question (a law, a word, an aside)

    if previous is not None and _loan_on_price_in_play(nlu, state["query"]):
        # "연봉 1억 2천이면 그 가격대 사는데 대출 얼마까지 돼요?": "그 가격대" points at the price in play, it
        # asks no statistics: a loan question, continuing the home or search it points at
        nlu = parse(
            strip_negated(state["query"]), deps.gazetteer, deps.today(), as_intent=Intent.LOAN_CONSULT
        )
    if previous is not None:
        # "하반기는?" with no period in force: the half of the place's latest year of data
        code = _place_code(nlu.slots) or _place_code(previous.slots)
        latest = deps.gazetteer.latest_for(code)
        previous = replace(previous, data_year=latest.year if latest else None)

    def read(force: Act | None = None) -> Frame:
        weak = nlu.intent in (Intent.IRRELEVANT, Intent.UNCLEAR)
        return frame_turn(
            state["query"],
            nlu.intent,
            nlu.fragment_slots if weak else nlu.slots,
            strong_intent=nlu.confidence >= STRONG_CUE_CONFIDENCE,
            weak_cue=nlu.confidence >= WEAK_CUE_CONFIDENCE,
            recent_months=nlu.recent_months if nlu.wants_recent else None,
            outside_place=bool(nlu.unknown_regions or same_name_choice(nlu.ambiguities)),
            previous=previous,
            today=deps.today(),
            force=force,
        )

    frame = _place_fill(read(), previous, nlu)
    if (
        frame.act in (Act.FOLLOW_UP, Act.CORRECTION)
        and frame.intent is not nlu.intent
        and frame.intent in ROLE_TASKS
    ):
        # "월세를 보증금 1억에 월 200으로 놓으면?" after a yield question: its amounts are read again in the
        # roles of the task it continues (a deposit and a rent received, not a search's bounds)
        nlu = parse(strip_negated(state["query"]), deps.gazetteer, deps.today(), as_intent=frame.intent)
        frame = _place_fill(read(frame.act), previous, nlu)
    frame = _sibling_complex(frame, previous, nlu, state["query"], deps)
    if (
        frame.intent is Intent.UNCLEAR
        and not _closing(
            state["query"], nlu
        )  # "감사합니다 참고할게요" is no complex name, whatever it resembles
        and previous is not None
        and previous.intent in PLACE_INTENTS
        and previous.slots.sigungu_code
        and local_complex_slots(deps.gazetteer, previous.slots.sigungu_code, state["query"]) is not None
    ):
        frame = read(
            force=Act.FOLLOW_UP
        )  # "한림풀에버만": a name of the chat's 구 alone narrows the question
    frame = _complex_of_chat_place(frame, previous, state["query"], deps)
    frame = _size_after_complex(frame, state["query"], deps)
    frame = _whole_deal(frame, nlu, state["query"], deps)
    if frame.act is Act.NEW and previous is not None and not nlu.unknown_regions:
        # A question that cannot be answered alone but can with the previous turn leans on it
        # ("DSR 40% 기준으로 다시 계산해줘" after a loan answer).
        missing = missing_required(frame.intent, frame.slots)
        if missing:
            leaning = read(force=Act.FOLLOW_UP)
            if len(missing_required(leaning.intent, leaning.slots)) < len(missing):
                frame = leaning
    return frame


def _sibling_complex(
    frame: Frame, previous: PreviousFrame | None, nlu: NluResult, query: str, deps: AgentDeps
) -> Frame:
    """A follow-up naming only another number of the previous complex's family ("2단지도 같은 조건으로"
    after 올림픽선수기자촌1단지) asks about that sibling, with its own 동 and 구."""
    if previous is None or frame.act not in (Act.FOLLOW_UP, Act.CORRECTION):
        return frame
    if nlu.slots.complex not in (None, previous.slots.complex):
        return frame
    # "아 3단지 아니고 2단지": the number negated is not the one asked for
    sibling = sibling_slots(deps.gazetteer, previous.slots, strip_negated(query))
    if sibling is None and nlu.slots.complex is None and not _names_region(deps.gazetteer, query):
        sibling = named_sibling(deps.gazetteer, previous.slots, strip_negated(query))
    if sibling is None:
        return frame
    carried = tuple(g for g in frame.carried if g != "place")
    return replace(frame, slots=frame.slots.model_copy(update=sibling), carried=carried)


# A follow-up that names a sibling is short: the name and a particle or a filler ("동부는요", "그럼 한양은
# 어때요", "코오롱도 보여줘").
SIBLING_MESSAGE_WORDS = 4
_SIBLING_WORD = re.compile(r"[가-힣]{2,8}")
# Words of a follow-up that are never the distinguishing part of a complex's name.
_NOT_A_NAME = re.compile(
    r"그럼|그러면|그리고|근데|그건|그거|거기|저기|여기|이건|이거|얼마|얼마예|어때|어때요|어떄|보여|보여줘|알려|알려줘|시세|매매|전세|월세"
    r"|거래|가격|요즘|최근|작년|올해|재작년|같은|조건|단지|아파트|옆에|옆단지|바로|다른|말고|혹시|그냥|있어|있어요|없어|정도|평균|중위|몇건"
)


def _names_region(gaz: Gazetteer, query: str) -> bool:
    return any(t.kind in ("sigungu", "dong") for h in gaz.scan(query) for t in h.targets)


def named_sibling(gaz: Gazetteer, previous: Slots, text: str) -> dict[str, object] | None:
    """The complex of the previous one's family that a short follow-up names by its own part
    ("장미마을(현대)" → "동부는요" → 장미마을(동부); "시범우성" → "한양은?" → 시범한양): a complex of the same
    동 (or 구) sharing the head of the name, whose remaining part begins with a word of the message.
    None unless exactly one name fits."""
    if previous.complex is None or previous.sigungu_code is None:
        return None
    words = _SIBLING_WORD.findall(normalize(text))
    if not words or len(words) > SIBLING_MESSAGE_WORDS:
        return None
    said: set[str] = set()
    for word in words:
        once = strip_particle(word.removesuffix("요"), NAME_TAILS, min_stem=2)
        forms = (word, once, strip_particle(once, NAME_TAILS, min_stem=2))  # "동부는요" → "동부"
        said |= {w for w in forms if len(w) >= 2 and not _NOT_A_NAME.fullmatch(w)}
    if not said:
        return None
    mine = compact(previous.complex)
    head = compact(previous.complex.split("(")[0]) if "(" in previous.complex else ""
    found: set[int] = set()
    for i, info in enumerate(gaz.complexes):
        if info.sigungu_code != previous.sigungu_code or info.name == previous.complex:
            continue
        if not head and previous.dong and info.dong != previous.dong:
            continue  # a family without a bracketed head ("시범우성", "시범한양") lives in one 동
        name = compact(info.name)
        if head:
            if not name.startswith(head):
                continue
            rest = name[len(head) :]
        else:
            shared = 0
            while shared < min(len(name), len(mine)) and name[shared] == mine[shared]:
                shared += 1
            if shared < 2:
                continue
            rest = name[shared:]
        if any(rest.startswith(w) for w in said):
            found.add(i)
    if len({gaz.complexes[i].name for i in found}) != 1:
        return None
    return place_slots(gaz, max(found, key=lambda i: gaz.complexes[i].rows))


def _complex_of_chat_place(
    frame: Frame, previous: PreviousFrame | None, query: str, deps: AgentDeps
) -> Frame:
    """A complex named by part of its name in a chat about its 구 is that one ("다시 훼밀리타운" in a 송파구
    chat is 올림픽훼밀리타운, not 서초구's 훼미리타운), unless the message names a 구 or 동 itself. A complex
    only carried from the turn before does not stop the search ("아크로는?" after 래미안퍼스티지 in a
    반포동 chat is 아크로리버파크); the chat's 동 settles a head several names of the 구 share."""
    if previous is None or previous.slots.sigungu_code is None or frame.intent not in PLACE_INTENTS:
        return frame
    code = previous.slots.sigungu_code
    named = frame.slots.complex is not None and "place" not in frame.carried
    if named and frame.slots.sigungu_code == code:
        return frame  # the message named a complex of the chat's 구
    gaz = deps.gazetteer
    if any(t.kind in ("sigungu", "dong") for h in gaz.scan(query) for t in h.targets):
        return frame
    # a complex found outside the chat's 구 shows one was meant: a shorter part ("그랑블") then suffices
    shortest = GUESSED_NAME_MIN_SYLLABLES if named else LOCAL_NAME_MIN_SYLLABLES
    local = local_complex_slots(gaz, code, query, shortest, dong=previous.slots.dong) or _generic_in_place(
        frame.slots, code, previous, gaz
    )
    if local is None or local.get("complex") == frame.slots.complex:
        return frame
    carried = tuple(g for g in frame.carried if g != "place")
    return replace(frame, slots=frame.slots.model_copy(update=local), carried=carried)


def _whole_deal(frame: Frame, nlu: NluResult, query: str, deps: AgentDeps) -> Frame:
    """ "그라시움 84 16억이면 비싼거야?", "아너힐즈 84 매매 28억이면 싼편?" name the home judged (a nickname
    found in the chat's 구 counts): a judgement stated whole is a question of its own, compared with the
    data, not within the period or deal type of the question before (unless it says it goes on: "그럼")."""
    code = frame.slots.sigungu_code
    if (
        frame.intent is not Intent.PRICE_EVALUATION
        or frame.act is Act.NEW
        or not frame.slots.complex
        or nlu.slots.asking_price_manwon is None
        or FOLLOW_UP.search(query)
    ):
        return frame
    named_home = nlu.slots.complex is not None or (
        code is not None and local_complex_slots(deps.gazetteer, code, query) is not None
    )
    dropped = [g for g in ("period", "deal_type") if g in frame.carried]
    if not named_home or not dropped:
        return frame
    carried = tuple(g for g in frame.carried if g not in dropped)
    update = {n: None for g in dropped for n in GROUPS[g]}
    return replace(frame, slots=frame.slots.model_copy(update=update), carried=carried)


# A short numbered name many places share ("주공4", "시범2"): said in a chat, one of the chat's 구.
GENERIC_NAME = re.compile(r"[가-힣]{1,3}\d{1,2}")


def _generic_in_place(
    slots: Slots, code: str, previous: PreviousFrame | None, gaz: Gazetteer
) -> dict[str, Any] | None:
    """ "아 주공4단지였다" in a 야탑동 chat is 매화마을(주공4), not 노원's 주공4: a generic numbered name found
    in another 구 is the chat's 구 complex holding it, when exactly one does."""
    if previous is None or slots.complex is None or not GENERIC_NAME.fullmatch(slots.complex):
        return None
    index = gaz.holding(slots.complex, code)
    if index is None:
        return None
    return place_slots(gaz, index)


def _size_after_complex(frame: Frame, query: str, deps: AgentDeps) -> Frame:
    """ "퍼스티지 59는?": a complex named by part of its name and then a bare size. The NLU, finding no
    place, read no size either, so the old size was carried; the size said replaces it."""
    code = frame.slots.sigungu_code
    if frame.act is Act.NEW or "area" not in frame.carried or not frame.slots.complex or code is None:
        return frame
    size = size_after_name(query, deps.today())
    first = query.split()[0] if query.split() else ""
    if not size or local_complex_slots(deps.gazetteer, code, first) is None:
        return frame
    update = {"area_min_m2": size.get("area_min_m2"), "area_max_m2": size.get("area_max_m2")}
    carried = tuple(g for g in frame.carried if g != "area")
    return replace(frame, slots=frame.slots.model_copy(update=update), carried=carried)


# Tasks whose amounts change role with the task (asking price, deposit, rent received, income).
ROLE_TASKS = {Intent.LOAN_CONSULT, Intent.ROI_CALCULATION, Intent.PRICE_EVALUATION, Intent.CONTRACT_CREATION}
STRONG_CUE_CONFIDENCE = 0.7
WEAK_CUE_CONFIDENCE = 0.6  # a weak cue (보여줘, 얼마) rather than the no-cue fallback (0.5)  # the NLU's confidence when the message named its task with a cue


def make_planning_node(deps: AgentDeps, llm: BaseChatModel | None):
    async def planning(state: AgentState, runtime: Runtime[RunContext]) -> dict[str, Any]:
        query = request_part(state["query"])
        await deps.coverage.current()  # a data change (sync-molit) reloads the place list first
        nlu = await understand(strip_negated(query), deps, llm, state)
        if _may_be_law(nlu, query) and await asyncio.to_thread(_reads_as_law, nlu, query):
            rescued = {"intent": Intent.LEGAL_INQUIRY, "confidence": STRONG_CUE_CONFIDENCE}
            nlu = nlu.model_copy(update={**rescued, "slots": legal_slots(nlu.slots)})
        elif query != state["query"] and _no_data_asked(nlu):
            # "LH가 피해주택 사서 임대로 준다던데 그럼 거기 얼마나 살 수 있어요?": the part after 그럼 (or
            # before a hearsay ending) is no data question; the whole story may be one of law
            whole = await understand(strip_negated(state["query"]), deps, llm, state)
            if await asyncio.to_thread(_whole_is_law, whole, state["query"]):
                rescued = {"intent": Intent.LEGAL_INQUIRY, "confidence": STRONG_CUE_CONFIDENCE}
                query = state["query"]
                nlu = whole.model_copy(
                    update={**rescued, "sub_intents": [], "slots": legal_slots(whole.slots)}
                )
        if state.get("pending_approval") and _asks_about_waiting_draft(nlu, state["query"]):
            # "특약에 뭐 넣어야 돼? 집주인이 잔금날 대출 받으면 어떡해" while the draft waits: a question of
            # what to agree on, answered as one (the draft is neither redrafted nor edited)
            rescued = {"intent": Intent.LEGAL_INQUIRY, "confidence": STRONG_CUE_CONFIDENCE, "sub_intents": []}
            nlu = nlu.model_copy(update={**rescued, "slots": legal_slots(nlu.slots)})
        if query != state["query"] and _says_nothing(nlu):
            # "집주인이 집을 팔았대요. 그럼 저는 나가야 돼요?": what came before 그럼 was the question's
            # situation, not a remark — read the whole message.
            whole = await understand(strip_negated(state["query"]), deps, llm, state)
            if not _says_nothing(whole):
                query, nlu = state["query"], whole
        frame = frame_of({**state, "query": query}, nlu, deps)
        intent = frame.intent
        user_id = runtime.context.user_id if runtime.context is not None else ""  # the server sets it
        slots, used_memory = await _memory_fill(state, user_id, frame.slots, nlu, deps, intent)
        slots = _recent_window_for(slots, frame, nlu, deps)
        slots = _apartment_price_deal(slots, query, intent)
        if (
            intent in PERIOD_INTENTS
            and (latest := _latest_data_year(slots, query, deps.gazetteer)) is not None
        ):
            slots = slots.model_copy(update=latest)
            frame = replace(frame, carried=tuple(g for g in frame.carried if g != "period"))
        if (
            intent in DATA_INTENTS - {Intent.PROPERTY_RECOMMENDATION}
            and slots.period_from is None
            and slots.period_to is None
            and frame.recent_months is None
            and (part := _part_of_latest_year(slots, query, deps.gazetteer)) is not None
        ):
            slots = slots.model_copy(update=part)  # "강남구 하반기 시세": the half of the latest year of data
        if intent not in PERIOD_INTENTS and nlu.wants_recent:
            slots = slots.model_copy(update={"period_from": None, "period_to": None})  # "DSR 요즘 뭐야"
        notes: list[str] = []
        if state.get("memory_retried"):
            notes.append(MEMORY_RETRY_NOTE_EN if is_english(query) else MEMORY_RETRY_NOTE)
        if note := carried_note(replace(frame, slots=slots), english=is_english(query)):
            notes.append(note)
        if intent is Intent.UNCLEAR and _closing(query, nlu):
            # "고마워요~" (also while a contract draft waits): a short reply, not "이해하지 못했어요"
            notes.append(CLOSING_NOTE_EN if is_english(query) else CLOSING_NOTE)
        unknown = list(nlu.unknown_regions)
        choice = same_name_choice(nlu.ambiguities)  # bare "중구" with 서울·부산 중구 loaded: ask which
        act = frame.act

        for _ in range(0 if state.get("memory_retried") else MAX_CLARIFICATIONS):
            if unknown and not _has_region(slots):
                break
            which = choice if choice and not _has_region(slots) else None
            missing = missing_required(intent, slots) or (["region"] if which else [])
            if not missing:
                break
            payload = {"missing": missing, "intent": intent.value}
            question = (
                same_name_question(*which) if which else clarify_question(missing, english=is_english(query))
            )
            if not which and intent is Intent.LOAN_CONSULT:
                # "규제지역이면 LTV 몇 퍼센트예요?": the rule asked about is answered before the question
                topics = loan_rule_topics(query, slots)
                if brief := loan_rules_brief(DEFAULT_RULES, topics, english=is_english(query)):
                    question = f"{brief} {question}"
            reply = interrupt({"type": "clarify", "question": question, "payload": payload})
            text = reply_text(reply)
            answer = await understand(strip_negated(text), deps, llm)
            strong = answer.confidence >= STRONG_CUE_CONFIDENCE
            if is_new_question(
                text, answer.intent, strong_intent=strong, pending="clarify", pending_intent=intent
            ):
                # A new question while the clarifying question waits: the clarification is dropped.
                update = await planning({**state, "query": text, "pending_outcome": "dropped"}, runtime)
                return {**update, "query": text, "pending_outcome": "dropped"}
            if not strong and intent in ROLE_TASKS and answer.intent in COMPARABLE:
                # "리센츠 84 23억이요" to "어느 단지?" of a price judgement: its amounts in the asked task's roles
                answer = await asyncio.to_thread(
                    parse, strip_negated(text), deps.gazetteer, deps.today(), intent
                )
            if which and (picked := deps.gazetteer.pick_region(text, which[1])):  # "부산" → 부산 중구
                slots = slots.model_copy(update=picked)
                answer = answer.model_copy(update={"unknown_regions": []})
            intent, slots = _apply_clarification(answer, intent, slots, strong)
            unknown += [r for r in answer.unknown_regions if r not in unknown]
            slots = _recent_window_for(slots, replace(frame, recent_months=_recent(nlu, frame)), answer, deps)
            act = Act.ANSWER

        coverage = await deps.coverage.current()
        english = is_english(query)  # coverage sentences in the language the user asked in
        if act is not Act.ANSWER:  # an answer to "어느 지역?" keeps the question as it was asked
            slots = _sales_only_deal(slots, nlu, intent, coverage)
        # A statute or a word means the same in 용인 as in 분당: an outside place declines data only.
        place_free = intent in (Intent.LEGAL_INQUIRY, Intent.TERM_DEFINITION)
        out_of_coverage = bool(unknown) and not _has_region(slots) and not place_free
        if out_of_coverage:
            notes.append(
                f"There is no data for {', '.join(unknown)}. {coverage.summary(english=True)}"
                if english
                else f"{', '.join(unknown)} 지역은 데이터에 없습니다. {coverage.summary()}"
            )
            # The place asked about stays the place of the frame (no code: nothing can match it), so a
            # follow-up about it is declined too instead of falling back to an earlier place.
            sigungu = outside_sigungu(unknown[0], query)
            slots = slots.model_copy(update={"sigungu": sigungu, "dong": _outside_dong(sigungu, query)})
        if coverage.empty and intent in DATA_INTENTS:
            out_of_coverage = True  # never "데이터에 없습니다" when nothing is loaded at all
            notes.append(coverage.summary(english=english))
        sides = _in_force_first(
            comparison_sides(query, slots, deps.gazetteer, deps.today())
            if intent in COMPARABLE and not out_of_coverage
            else [],
            slots,
        )
        gaps = [coverage.gap(slots.model_copy(update=side.update), english=english) for side in sides] or [
            coverage.gap(slots, english=english)
        ]
        # A comparison is declined only when no side can be answered; a side without data shows as 0건.
        gap = gaps[0] if intent in DATA_INTENTS and not out_of_coverage and all(gaps) else None
        if sides and not gap:
            notes += [
                g for g in dict.fromkeys(gaps) if g
            ]  # "마포구 전월세 자료는 없습니다 …" for its 0건 row
        if gap:
            if used_memory:  # memory made the question one the data cannot answer: answer without it
                retry = {**state, "use_memory": False, "memory_retried": True}
                return {**await planning(retry, runtime), "use_memory": False, "memory_retried": True}
            out_of_coverage = True
            notes.append(gap)
        measured = (
            coverage.asked_fact(query, english=english)
            if MEASURES_FACT.search(query.lower())
            else coverage.ranked_by_fact(query, english=english)
        )
        if measured and intent in DATA_INTENTS and not out_of_coverage:
            # "역세권 프리미엄이 얼마나 붙어요", "학군 제일 좋은 아파트": the figure or the ranking asked for
            # rests on a fact no file holds, so no deal figures stand in for it (a preference such as
            # "학교 가까운 데로" is answered from the deals, with the missing fact noted below).
            out_of_coverage = True
            notes.append(measured)
        other = OTHER_PROPERTY.search(query.replace(" ", "").lower())
        if switches_to_apartments(query):
            other = None  # "빌라는 안되면 아파트로요": the apartments asked for instead are in the data
        if other and intent in DATA_INTENTS and not out_of_coverage:
            out_of_coverage = True  # "분당 오피스텔 월세": no apartment figures passed off as its answer
            notes.append(
                f"The transaction data covers apartments only, so there is no {other.group()} data. "
                f"It covers {coverage.describe(english=True)}."
                if english
                else f"실거래 자료는 아파트만 있어 {other.group()} 자료는 없습니다. {coverage.summary()}"
            )
        if intent in DATA_INTENTS and not out_of_coverage:
            if _recent(nlu, frame) and (end := coverage.data_end(slots, english=english)):
                notes.append(end)  # "요즘" means the latest months the data holds: say where it ends
            if missing := coverage.missing_fact(query, english=english):
                notes.append(missing)
        steps = (
            []
            if out_of_coverage
            else comparison_plan(sides)
            if sides
            else plan_steps(intent, slots, asked_order(query))
        )
        get_stream_writer()(
            {"type": "plan", "intent": intent.value, "steps": [s.model_dump() for s in steps]}
        )
        return {
            "planned_turn_id": state["turn_id"],
            "intent": intent.value,
            "act": act.value,
            "recent_months": frame.recent_months,
            "listing": frame.listing,
            "slots": slots.model_dump(),
            "plan": [s.model_dump() for s in steps],
            "used_memory": used_memory,
            "notes": notes
            + [
                f"'{a.mention}'{josa_for(a.mention, '은')} {josa(a.chosen, '으로')} 보았습니다 ({a.reason})."
                for a in nlu.ambiguities
                if a.chosen  # a same-name region was asked about, not chosen
            ],
            "step_status": {RESET: True},
            "results": {RESET: True},
        }

    return planning


CLOSING_NOTE = "천만에요. 더 궁금한 점이 생기면 언제든 물어봐 주세요."
CLOSING_NOTE_EN = "You're welcome. Ask any time if anything else comes up."


def _closing(query: str, nlu: NluResult) -> bool:
    """The message thanks or signs off and asks nothing (dialogue.closes on what the NLU read)."""
    weak = nlu.intent in (Intent.IRRELEVANT, Intent.UNCLEAR)
    return closes(
        query,
        nlu.intent,
        nlu.fragment_slots if weak else nlu.slots,
        strong=nlu.confidence >= STRONG_CUE_CONFIDENCE,
        cue=nlu.confidence >= WEAK_CUE_CONFIDENCE,
    )


MEMORY_RETRY_NOTE = "기억하고 있는 선호를 적용하니 결과가 없어, 선호 없이 다시 찾았어요."
MEMORY_RETRY_NOTE_EN = "With your remembered preferences nothing matched, so I searched again without them."
MAX_CLARIFICATIONS = 2  # then the answer says what is still missing instead of asking again


def _recent(nlu: NluResult, frame: Frame) -> int | None:
    return frame.recent_months or (nlu.recent_months if nlu.wants_recent else None)


def _apply_clarification(
    answer: NluResult, intent: Intent, slots: Slots, strong: bool
) -> tuple[Intent, Slots]:
    """An answer to a clarifying question is read fully: what it names replaces what was there
    (a place named in the answer is *the* place), and its own task wins when it names one."""
    named = (
        answer.slots if answer.intent not in (Intent.IRRELEVANT, Intent.UNCLEAR) else answer.fragment_slots
    )
    update = {k: v for k, v in named if v is not None}
    if any(k in update for k in REGION_SLOTS):
        update |= {k: getattr(named, k) for k in REGION_SLOTS}
    if intent is Intent.UNCLEAR:
        intent = answer.intent if strong else (Intent.MARKET_INQUIRY if _has_region(named) else intent)
    elif strong and answer.intent not in (Intent.UNCLEAR, Intent.IRRELEVANT):
        intent = answer.intent
    return intent, slots.model_copy(update=update)
