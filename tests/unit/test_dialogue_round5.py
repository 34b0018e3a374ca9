"""Fifth round of dialogue kinds (sentences written for these tests, not the dev sets'): a size said
among other words of a short change replaces the size in force; "N년 전체로" after a part of a year is
the whole year; a data question naming the home of a loan again keeps its size; a recalculation after a
yield or a loan stays that calculation; a bound alone after a search moves the bound; a count of the
deals listed is a statistic; a rent cap stays behind when the deal type leaves 월세; "거래" alone keeps
a lease in force; a bare price after a search is its bound; figures asked after a judgement are data."""

from __future__ import annotations

import pytest

from agents.dialogue import Act, is_new_question
from agents.domain.slots import Intent
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.nlu import parse
from agents.planning import strip_negated
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, TODAY, converse

ROWS = [
    GazetteerRow("41135", "수내동", "양지마을(한양)", None, 900, BUNDANG_END),
    GazetteerRow("41135", "정자동", "느티마을3단지", None, 800, BUNDANG_END),
    GazetteerRow("41135", "서현동", "시범한양", None, 900, BUNDANG_END),
    GazetteerRow("11680", "대치동", "래미안대치팰리스", "11680-1", 900, SEOUL_END),
    GazetteerRow("11440", "아현동", "마포래미안푸르지오", "11440-2", 900, SEOUL_END),
    GazetteerRow("11710", "가락동", "헬리오시티", "11710-1", 900, SEOUL_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


def _band(frame) -> tuple[float | None, float | None]:  # type: ignore[no-untyped-def]
    return frame.slots.area_min_m2, frame.slots.area_max_m2


# -- a size said among other words of a short change ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "아니다 59로 다시, 작년 기준",
        "평형은 59로 바꿔줄래요",
        "음 59짜리로 다시 봐줘",
        "전용 59만 볼게요",
        "그럼 59로 하고 작년꺼",
    ],
)
def test_a_size_among_other_words_replaces_the_size(gaz: Gazetteer, text: str) -> None:
    frames = converse(gaz, ["헬리오시티 84 2023년 매매 시세", text])
    assert frames[1].intent is Intent.MARKET_INQUIRY and frames[1].act is not Act.NEW
    assert _band(frames[1]) == (56.0, 62.0) and frames[1].slots.complex == "헬리오시티"


def test_a_size_said_after_the_home_again_is_a_size_not_a_price(gaz: Gazetteer) -> None:
    turns = ["래미안대치팰리스 2024년 실거래가", "임대차 3법이 뭐예요?", "다시 래대팰 얘기로, 84만 보면요"]
    frame = converse(gaz, turns)[2]
    assert frame.intent is Intent.MARKET_INQUIRY and frame.slots.complex == "래미안대치팰리스"
    assert _band(frame) == (81.0, 87.0) and frame.slots.asking_price_manwon is None
    assert frame.slots.period_from == "2024-01-01"


@pytest.mark.parametrize("text", ["월세를 300으로 받으면요?", "월세 150으로 올리면?"])
def test_a_rent_after_a_yield_is_no_size(gaz: Gazetteer, text: str) -> None:
    frames = converse(gaz, ["수내동 아파트 9억에 사서 보증금 1억 월세 200 받으면 수익률?", text])
    assert frames[1].intent is Intent.ROI_CALCULATION and frames[1].slots.area_min_m2 is None


def test_a_rent_cap_after_a_monthly_search_is_no_size(gaz: Gazetteer) -> None:
    frames = converse(gaz, ["수내동 월세 보증금 5천 이하 작년 거래 보여줘", "월 120으로 다시"])
    assert frames[1].slots.area_min_m2 is None


# -- "N년 전체로" after a part of a year ---------------------------------------------------------------


@pytest.mark.parametrize("text", ["2024년 전체로", "24년 전체로 보면?", "24년 통째로 봐줘"])
def test_a_whole_year_after_a_quarter(gaz: Gazetteer, text: str) -> None:
    frames = converse(gaz, ["래미안대치팰리스 84 24년 4분기 실거래", text])
    slots = frames[1].slots
    assert (slots.period_from, slots.period_to) == ("2024-01-01", "2024-12-31")
    assert _band(frames[1]) == (81.0, 87.0)


# -- a data question naming the home of a loan again --------------------------------------------------


@pytest.mark.parametrize("text", ["헬리오시티 2022년 거래량은", "헬리오시티 2022년 시세는 어땠어요?"])
def test_the_home_of_a_loan_named_again_keeps_its_size(gaz: Gazetteer, text: str) -> None:
    turns = [
        "헬리오시티 84 요즘 시세랑 그걸 20억에 사면 연봉 2억으로 대출 얼마인지 알려줘",
        "연봉 2억5천으로 다시",
        text,
    ]
    frame = converse(gaz, turns)[2]
    assert frame.intent is Intent.MARKET_INQUIRY and frame.act is Act.FOLLOW_UP
    assert frame.slots.complex == "헬리오시티" and _band(frame) == (81.0, 87.0)
    assert frame.slots.period_from == "2022-01-01"


# -- a recalculation after a yield or a loan ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "취득세랑 중개수수료까지 감안해서 다시 계산 가능?",
        "중개보수 포함해서 재계산해줘",
        "could you recalculate it with the brokerage fee included?",
    ],
)
def test_a_recalculation_after_a_yield_is_the_yield(gaz: Gazetteer, text: str) -> None:
    frames = converse(gaz, ["8억 아파트 보증금 5000 월세 200 수익률?", text])
    slots = frames[1].slots
    assert frames[1].intent is Intent.ROI_CALCULATION and frames[1].act is Act.FOLLOW_UP
    assert (slots.asking_price_manwon, slots.deposit_manwon, slots.monthly_rent_manwon) == (80000, 5000, 200)


def test_a_law_question_after_a_yield_stays_a_law_question(gaz: Gazetteer) -> None:
    frames = converse(gaz, ["8억 아파트 보증금 5000 월세 200 수익률?", "중개보수 상한은 어느 법에 나와요?"])
    assert frames[1].intent is Intent.LEGAL_INQUIRY


# -- a bound alone after a search ---------------------------------------------------------------------


@pytest.mark.parametrize("text", ["보증금 1억까지 가능해요", "보증금은 8천 이하도 괜찮아요"])
def test_a_deposit_bound_after_a_monthly_search_moves_the_bound(gaz: Gazetteer, text: str) -> None:
    frames = converse(gaz, ["수내동 보증금 5천 이하 월세 100 이하 작년 거래 찾아줘", text])
    slots = frames[1].slots
    assert frames[1].intent is Intent.PROPERTY_SEARCH and frames[1].act is not Act.NEW
    assert slots.dong == "수내동" and slots.deal_type == "월세" and slots.monthly_rent_max_manwon == 100
    assert slots.price_max_manwon in (10000, 8000) and slots.period_from == "2025-01-01"


# -- a count of the deals listed ----------------------------------------------------------------------


@pytest.mark.parametrize("text", ["몇 건이나 돼?", "그거 다 해서 몇 건이에요?", "how many deals is that?"])
def test_a_count_of_the_listed_deals_is_a_statistic(gaz: Gazetteer, text: str) -> None:
    frames = converse(gaz, ["마포구 9억 이하 2024년 매매 거래 목록", text])
    assert frames[1].intent is Intent.MARKET_INQUIRY and frames[1].slots.price_max_manwon == 90000


def test_a_count_with_a_changed_condition_searches_again(gaz: Gazetteer) -> None:
    frames = converse(gaz, ["마포구 9억 이하 2024년 매매 거래 목록", "8억 미만으로 잡으면 몇 건이에요?"])
    assert frames[1].intent is Intent.PROPERTY_SEARCH and frames[1].slots.price_max_manwon == 79999


@pytest.mark.parametrize("text", ["Fine, show me the 2023 numbers then", "ok show me the figures for 2023"])
def test_numbers_of_another_year_after_a_market_question(gaz: Gazetteer, text: str) -> None:
    frames = converse(gaz, ["What were Mapo apartment prices like in 2024?", text])
    assert frames[1].intent is Intent.MARKET_INQUIRY and frames[1].slots.period_from == "2023-01-01"


# -- leaving 월세, keeping a lease ----------------------------------------------------------------------


@pytest.mark.parametrize("text", ["아예 전세로 4억 이하는?", "전세로 바꾸면?", "what about jeonse instead?"])
def test_the_rent_cap_stays_behind_when_leaving_monthly_rent(gaz: Gazetteer, text: str) -> None:
    frames = converse(gaz, ["정자동 보증금 1억 이하 월세 150 이하 작년 거래 보여줘", text])
    slots = frames[1].slots
    assert slots.deal_type == "전세" and slots.monthly_rent_max_manwon is None and slots.dong == "정자동"


def test_the_rent_cap_stays_while_monthly_rent_stays(gaz: Gazetteer) -> None:
    frames = converse(gaz, ["정자동 보증금 1억 이하 월세 150 이하 작년 거래 보여줘", "재작년은?"])
    assert frames[1].slots.monthly_rent_max_manwon == 150


@pytest.mark.parametrize("text", ["작년 거래만요", "재작년 거래는요?"])
def test_deals_alone_keep_the_lease_in_force(gaz: Gazetteer, text: str) -> None:
    frames = converse(gaz, ["수내동 전세 4억대 있나요?", text])
    assert frames[1].slots.deal_type == "전세"


def test_a_sale_named_switches_from_a_lease(gaz: Gazetteer) -> None:
    frames = converse(gaz, ["수내동 전세 4억대 있나요?", "작년 매매 거래는요?"])
    assert frames[1].slots.deal_type == "매매"


# -- a bare price after a search; figures after a judgement --------------------------------------------


@pytest.mark.parametrize("text", ["make it 12억", "12억으로 해줘"])
def test_a_bare_price_after_a_search_is_its_bound(gaz: Gazetteer, text: str) -> None:
    frames = converse(gaz, ["looking for apartments in 아현동 under 10억, sold in 2024", text])
    slots = frames[1].slots
    assert frames[1].intent is Intent.PROPERTY_SEARCH and slots.price_max_manwon == 120000
    assert slots.asking_price_manwon is None and slots.period_from == "2024-01-01"


@pytest.mark.parametrize(
    "text", ["24년 실거래 기준 중위랑 최고가 얼마였어요", "2024년 기준 평균은 얼마였는데"]
)
def test_figures_asked_after_a_judgement_are_data(gaz: Gazetteer, text: str) -> None:
    frames = converse(gaz, ["래미안대치팰리스 84 30억이면 비싼가요?", text])
    assert frames[1].intent is Intent.MARKET_INQUIRY and frames[1].slots.complex == "래미안대치팰리스"


def test_a_comparison_after_a_judgement_stays_the_judgement(gaz: Gazetteer) -> None:
    frames = converse(gaz, ["래미안대치팰리스 84 30억이면 비싼가요?", "24년 실거래랑 비교해서 봐주세요"])
    assert frames[1].intent is Intent.PRICE_EVALUATION


# -- a checklist for the home just looked at ---------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["이 단지로 전세 계약할 때 챙길 체크리스트 만들어줘", "거기 계약서 초안 써줘"]
)
def test_a_checklist_after_a_look_keeps_its_period_and_size(gaz: Gazetteer, text: str) -> None:
    frames = converse(gaz, ["느티마을3단지 59 전세 재작년 거래 보여줘", text])
    slots = frames[1].slots
    assert frames[1].intent is Intent.CONTRACT_CREATION and slots.complex == "느티마을3단지"
    assert slots.period_from == "2024-01-01" and _band(frames[1]) == (56.0, 62.0)


# -- a data question while a contract draft waits ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "월세 말고 전세 시세는 얼마예요?",
        "그 동네 전세 시세 대신 매매 시세 알려줘",
        "instead, how much is jeonse there?",
    ],
)
def test_a_data_question_with_change_words_while_a_draft_waits_is_new(gaz: Gazetteer, text: str) -> None:
    nlu = parse(strip_negated(text), gaz, TODAY)
    assert is_new_question(
        text,
        nlu.intent,
        strong_intent=nlu.confidence >= 0.7,
        pending="contract_approval",
        pending_intent=Intent.CONTRACT_CREATION,
    )


@pytest.mark.parametrize("text", ["보증금 4억 말고 3억5천으로 바꿔줘", "특약에 시세 하락 시 조항 추가해줘"])
def test_changes_of_the_draft_still_answer_it(gaz: Gazetteer, text: str) -> None:
    nlu = parse(strip_negated(text), gaz, TODAY)
    assert not is_new_question(
        text,
        nlu.intent,
        strong_intent=nlu.confidence >= 0.7,
        pending="contract_approval",
        pending_intent=Intent.CONTRACT_CREATION,
    )


@pytest.mark.parametrize(
    "text", ["2024년이랑 비교하면?", "작년 대비로는요?", "how does that compare with 2023?"]
)
def test_a_comparison_while_a_draft_waits_is_a_data_question(gaz: Gazetteer, text: str) -> None:
    nlu = parse(strip_negated(text), gaz, TODAY)
    assert is_new_question(
        text,
        nlu.intent,
        strong_intent=nlu.confidence >= 0.7,
        pending="contract_approval",
        pending_intent=Intent.CONTRACT_CREATION,
    )


def test_a_draft_after_a_search_takes_no_budget_bound_for_its_price(gaz: Gazetteer) -> None:
    frames = converse(gaz, ["아현동 9억 이하 2024년 매매 거래 보여줘", "거기 매매계약서 초안 써줘"])
    assert frames[1].intent is Intent.CONTRACT_CREATION and frames[1].slots.price_max_manwon is None
    assert frames[1].slots.period_from == "2024-01-01"
