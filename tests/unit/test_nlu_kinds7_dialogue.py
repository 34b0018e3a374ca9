"""Seventh round of understanding kinds, the dialogue state (sentences written for these tests, not the
dev sets'): a judgement or a loan that names no home of its own goes on with the home, size and period
looked at; a pointed-at price is the previous one; a changed amount after a calculation recomputes it;
a follow-up asking for the deals after a judgement asks the market; a choice between two places is made
over their 구; one end of a period moves; "지금은?", "Q2?" and "같은 해 전체" read against the frame;
a corrected number of a complex family and a generic numbered name stay in the chat's place."""

from __future__ import annotations

import pytest

from agents.dialogue import Act
from agents.domain.slots import Intent
from agents.gazetteer import Gazetteer, GazetteerRow
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, converse

ROWS = [
    GazetteerRow("41135", "서현동", "시범한양", None, 900, BUNDANG_END),
    GazetteerRow("41135", "서현동", "시범우성", None, 800, BUNDANG_END),
    GazetteerRow("41135", "이매동", "이매촌한신", None, 700, BUNDANG_END),
    GazetteerRow("41135", "야탑동", "장미마을(주공2)", None, 600, BUNDANG_END),
    GazetteerRow("41135", "야탑동", "장미마을(주공8)", None, 500, BUNDANG_END),
    GazetteerRow("11350", "중계동", "주공2", "11350-9", 900, SEOUL_END),
    GazetteerRow("11440", "공덕동", "공덕삼성", "11440-1", 900, SEOUL_END),
    GazetteerRow("11440", "아현동", "마포래미안푸르지오1단지", "11440-2", 900, SEOUL_END),
    GazetteerRow("11440", "아현동", "마포래미안푸르지오2단지", "11440-3", 800, SEOUL_END),
    GazetteerRow("11710", "가락동", "헬리오시티", "11710-1", 900, SEOUL_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


# -- a judgement or a loan naming no home goes on with the one looked at ------------------------


@pytest.mark.parametrize("text", ["9억 부른다는데 비싼가요?", "매매 9억이면 괜찮은 가격이야?"])
def test_a_judgement_naming_no_home_keeps_size_and_period(gaz: Gazetteer, text: str) -> None:
    frames = converse(gaz, ["시범한양 59 2024년 매매 시세", text])
    slots = frames[1].slots
    assert frames[1].intent is Intent.PRICE_EVALUATION and frames[1].act is Act.FOLLOW_UP
    assert slots.complex == "시범한양" and (slots.area_min_m2, slots.area_max_m2) == (56.0, 62.0)
    assert slots.period_from == "2024-01-01" and slots.asking_price_manwon == 90000


def test_a_judgement_naming_its_home_and_price_is_a_question_of_its_own(gaz: Gazetteer) -> None:
    frames = converse(gaz, ["헬리오시티 84 2024년 매매 시세", "헬리오 84 19억이면 비싼가요?"])
    slots = frames[1].slots
    assert frames[1].intent is Intent.PRICE_EVALUATION and slots.complex == "헬리오시티"
    assert slots.period_from is None and slots.asking_price_manwon == 190000


def test_a_loan_at_the_price_pointed_at_keeps_the_home(gaz: Gazetteer) -> None:
    turns = [
        "시범한양 59 2024년 매매 시세",
        "9억 부른다는데 비싼가요?",
        "그 금액에 사면 대출 얼마나 돼요? 연봉 7천",
    ]
    slots = converse(gaz, turns)[2].slots
    assert slots.complex == "시범한양" and slots.period_to == "2024-12-31" and slots.area_min_m2 == 56.0
    assert (slots.asking_price_manwon, slots.annual_income_manwon) == (90000, 7000)


def test_a_loan_naming_only_the_income_takes_the_judged_price(gaz: Gazetteer) -> None:
    frames = converse(
        gaz, ["이매촌한신 2025년 전세", "전세 6억 달라는데 적당해요?", "전세대출은 얼마까지? 연봉 6천"]
    )
    assert frames[2].intent is Intent.LOAN_CONSULT and frames[2].act is Act.FOLLOW_UP
    assert frames[2].slots.asking_price_manwon == 60000 and frames[2].slots.dong == "이매동"


def test_a_loan_stating_its_own_price_and_income_starts_fresh(gaz: Gazetteer) -> None:
    frames = converse(gaz, ["시범한양 2024년 매매 시세", "연봉 6천이고 8억짜리 사면 대출 얼마 나와요?"])
    assert frames[1].act is Act.NEW and frames[1].slots.complex is None


def test_the_price_pointed_at_wins_over_another_sum(gaz: Gazetteer) -> None:
    turns = [
        "헬리오시티 84 2024년 매매",
        "20억이면 적정한가요",
        "그 가격으로 사려면 대출 얼마 필요해요? 현금 4억 있고 연봉 1억",
    ]
    slots = converse(gaz, turns)[2].slots
    assert slots.asking_price_manwon == 200000 and slots.complex == "헬리오시티"


# -- an amount changed after a calculation recomputes it ----------------------------------------


def test_a_rent_changed_after_a_yield_question_recomputes_the_yield(gaz: Gazetteer) -> None:
    turns = [
        "서현동 시범우성 2024년 월세 시세",
        "7억에 사서 보증금 3천 월세 150 받으면 수익률은?",
        "월세 170이면?",
    ]
    frame = converse(gaz, turns)[2]
    assert frame.intent is Intent.ROI_CALCULATION
    assert (frame.slots.monthly_rent_manwon, frame.slots.deposit_manwon) == (170, 3000)
    assert frame.slots.asking_price_manwon == 70000


def test_an_english_price_change_after_a_loan_stays_a_loan(gaz: Gazetteer) -> None:
    turns = ["공덕삼성 2023 매매", "How much can I borrow for a 700 million won flat if I earn 60 million?"]
    frame = converse(gaz, [*turns, "and what if it costs 800 million"])[2]
    assert frame.intent is Intent.LOAN_CONSULT
    assert (frame.slots.asking_price_manwon, frame.slots.annual_income_manwon) == (80000, 6000)


def test_a_lowered_price_after_a_loan_keeps_the_income(gaz: Gazetteer) -> None:
    frames = converse(gaz, ["연봉 5천에 8억 집 사면 대출 얼마", "집값을 6억으로 내리면 월 상환액은요"])
    assert frames[1].intent is Intent.LOAN_CONSULT and frames[1].act is Act.FOLLOW_UP
    assert (frames[1].slots.asking_price_manwon, frames[1].slots.annual_income_manwon) == (60000, 5000)


# -- the deals after a judgement ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("2023년 거래들만 보여줘", Intent.PROPERTY_SEARCH),
        ("how were the 2023 sales?", Intent.MARKET_INQUIRY),
        ("그 기간 거래는 몇 건이었어?", Intent.MARKET_INQUIRY),
        ("작년 거래랑 비교해서 봐줘", Intent.PRICE_EVALUATION),
        ("2023년 실거래랑 비교하면요", Intent.PRICE_EVALUATION),
    ],
)
def test_deals_asked_after_a_judgement(gaz: Gazetteer, text: str, intent: Intent) -> None:
    frames = converse(gaz, ["헬리오시티 84 매매 19억이면 비싸요?", text])
    assert frames[1].intent is intent
    assert frames[1].slots.complex == "헬리오시티" and frames[1].slots.area_min_m2 == 81.0
    if intent is not Intent.PRICE_EVALUATION:
        assert frames[1].slots.asking_price_manwon is None


def test_a_question_with_several_parts_is_the_frame_a_fragment_continues(gaz: Gazetteer) -> None:
    turns = [
        "공덕동 2024 매매 몇 건",
        "헬리오시티 84 2024년 시세랑, 연봉 9천이면 대출 얼마나 되는지도",
        "59로 바꾸면 시세는?",
    ]
    slots = converse(gaz, turns)[2].slots
    assert slots.complex == "헬리오시티" and slots.area_min_m2 == 56.0


# -- choosing between two places ----------------------------------------------------------------


def test_which_of_the_two_is_a_recommendation_over_their_gu(gaz: Gazetteer) -> None:
    frames = converse(
        gaz, ["시범한양 2024 매매 9억 이하 거래", "시범우성은", "둘 중 어느 쪽이 살기 좋을까요"]
    )
    frame = frames[2]
    assert frame.intent is Intent.PROPERTY_RECOMMENDATION and frame.slots.sigungu == "분당구"
    assert frame.slots.dong is None and frame.slots.complex is None and frame.slots.price_max_manwon == 90000


def test_which_of_the_two_asking_a_figure_stays_a_data_question(gaz: Gazetteer) -> None:
    frames = converse(gaz, ["시범한양 2024 매매 9억 이하 거래", "시범우성은", "둘 중 어디가 더 비싸요?"])
    assert frames[2].intent is not Intent.PROPERTY_RECOMMENDATION


def test_two_dongs_to_choose_between_keep_the_gu(gaz: Gazetteer) -> None:
    frames = converse(
        gaz, ["분당에서 매매 8억 이하로 살기 좋은 곳 추천해줘", "이매동하고 서현동 중에서는요?"]
    )
    assert frames[1].intent is Intent.PROPERTY_RECOMMENDATION
    assert frames[1].slots.sigungu == "분당구" and frames[1].slots.dong is None


# -- another word after an explanation, contracts, pointing back ---------------------------------


def test_a_bare_word_after_an_explanation_is_another_word(gaz: Gazetteer) -> None:
    frames = converse(gaz, ["대항력이 뭐예요?", "우선변제권은?"])
    assert frames[1].intent is Intent.TERM_DEFINITION


def test_more_of_a_contract_keeps_its_place(gaz: Gazetteer) -> None:
    frames = converse(gaz, ["분당 아파트 전세 계약 체크리스트 만들어줘", "특약으로 넣을 만한 것도 정리해줘"])
    assert frames[1].act is Act.FOLLOW_UP and frames[1].slots.sigungu == "분당구"
    assert frames[1].slots.deal_type == "전세"


def test_same_conditions_pointed_at_carry_them(gaz: Gazetteer) -> None:
    frames = converse(gaz, ["분당 매매 8억 이하 59 추천해줘", "서현동에서 이 조건으로 거래된 거 있어요?"])
    slots = frames[1].slots
    assert frames[1].act is Act.FOLLOW_UP and slots.dong == "서현동"
    assert slots.price_max_manwon == 80000 and slots.area_min_m2 == 56.0


# -- periods against the frame ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "text", "period"),
    [
        ("공덕삼성 2024 매매", "2022년 7월부터로 늘려줘", ("2022-07-01", "2024-12-31")),
        ("공덕삼성 2022 매매", "2023년 6월까지로 넓혀줘", ("2022-01-01", "2023-06-30")),
    ],
)
def test_one_end_of_the_period_moves(gaz: Gazetteer, first: str, text: str, period: tuple) -> None:
    slots = converse(gaz, [first, text])[1].slots
    assert (slots.period_from, slots.period_to) == period and slots.complex == "공덕삼성"


@pytest.mark.parametrize("text", ["현재는요?", "now?"])
def test_now_is_the_latest_data_of_the_place(gaz: Gazetteer, text: str) -> None:
    frame = converse(gaz, ["헬리오시티 59 2020년 매매", text])[1]
    assert frame.recent_months == 12 and frame.slots.period_from is None
    assert frame.slots.complex == "헬리오시티" and frame.slots.area_min_m2 == 56.0


@pytest.mark.parametrize(
    ("text", "period"), [("Q2?", ("2023-04-01", "2023-06-30")), ("h2?", ("2023-07-01", "2023-12-31"))]
)
def test_an_english_quarter_is_one_of_the_year_in_force(gaz: Gazetteer, text: str, period: tuple) -> None:
    slots = converse(gaz, ["헬리오시티 2023년 1분기 매매", text])[1].slots
    assert (slots.period_from, slots.period_to) == period


def test_the_whole_of_the_same_period_drops_the_price_bound(gaz: Gazetteer) -> None:
    frames = converse(gaz, ["서현동 2024 매매 10억 넘는 거 몇 건", "이매동은 같은 해 전체로"])
    slots = frames[1].slots
    assert slots.dong == "이매동" and slots.price_min_manwon is None and slots.period_from == "2024-01-01"


# -- corrections of a complex stay in the chat's place --------------------------------------------


def test_a_corrected_family_number_is_that_member(gaz: Gazetteer) -> None:
    frames = converse(gaz, ["마포래미안푸르지오2단지 2023 매매", "아 2단지 말고 1단지"])
    assert frames[1].slots.complex == "마포래미안푸르지오1단지"


def test_a_generic_numbered_name_is_the_chat_places(gaz: Gazetteer) -> None:
    frames = converse(gaz, ["야탑동 장미마을 주공8 2025 전세", "아 주공2였어요"])
    slots = frames[1].slots
    assert slots.complex == "장미마을(주공2)" and slots.sigungu == "분당구" and slots.deal_type == "전세"


def test_a_choice_of_sizes_keeps_the_one_chosen(gaz: Gazetteer) -> None:
    slots = converse(gaz, ["공덕동 2024 매매 시세", "59하고 84 중에서 59만"])[1].slots
    assert (slots.area_min_m2, slots.area_max_m2) == (56.0, 62.0) and slots.asking_price_manwon is None
