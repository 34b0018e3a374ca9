"""Round 11b dialogue kinds (sentences written for these tests, not the dev sets'): a market question
after a contract draft is the market, not the draft again; a bound said after a price judgement filters
the judged home's deals; a judgement naming its home and price starts fresh; an amount said in parts
("팔억 오천 말고") is negated whole; two years compared while one is in force go on with the other."""

from __future__ import annotations

import pytest

from agents.comparison import Side
from agents.dialogue import Act, is_new_question, strip_negated
from agents.domain.slots import Intent, Slots
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.nlu import parse
from agents.planning import _in_force_first
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, TODAY, talk

ROWS = [
    GazetteerRow("11440", "아현동", "마포래미안푸르지오4단지", "11440-1", 900, SEOUL_END),
    GazetteerRow("11740", "암사동", "선사현대아파트", "11740-1", 900, SEOUL_END),
    GazetteerRow("11650", "반포동", "반포자이", "11650-200", 900, SEOUL_END),
    GazetteerRow("11680", "도곡동", "도곡렉슬", "11680-2", 900, SEOUL_END),
    GazetteerRow("41135", "서현동", "시범한양", None, 800, BUNDANG_END),
    GazetteerRow("41135", "정자동", "느티마을3단지", None, 800, BUNDANG_END),
]
BUNDANG_RECENT = ("2025-01-01", "2025-12-31")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


def _period(slots: Slots) -> tuple[str | None, str | None]:
    return slots.period_from, slots.period_to


# -- a market question after a contract draft ---------------------------------------------------------

LEASE_DRAFT = "분당 서현동 시범한양 전세 계약서 초안 좀 써줘요 보증금 4억5천 2년"
RENT_DRAFT = "분당 정자동 느티마을3단지 월세 계약서 써줘 보증금 5천 월 150"


@pytest.mark.parametrize(
    ("draft", "text", "deal"),
    [
        (LEASE_DRAFT, "그나저나 시범한양 작년 전세 거래 몇 건이에요", "전세"),
        (LEASE_DRAFT, "근데 거기 요즘 전세 실거래는 어때요?", "전세"),
        (RENT_DRAFT, "근데 느티마을3단지 최근 월세 거래는 어떻게 되나요", "월세"),
    ],
)
def test_a_market_question_after_a_draft_asks_the_market(
    gaz: Gazetteer, draft: str, text: str, deal: str
) -> None:
    frame = talk(gaz, [draft, text])[-1]
    assert frame.intent is Intent.MARKET_INQUIRY and frame.slots.deal_type == deal
    assert frame.slots.complex and _period(frame.slots) == BUNDANG_RECENT
    assert frame.slots.deposit_manwon is None and frame.slots.term_months is None


@pytest.mark.parametrize(
    "text",
    ["근데 거기 요즘 전세 실거래는 어때요?", "근데 느티마을3단지 최근 월세 거래는 어떻게 되나요"],
)
def test_a_market_question_while_a_draft_waits_is_a_question(gaz: Gazetteer, text: str) -> None:
    nlu = parse(text, gaz, TODAY)
    assert is_new_question(
        text,
        nlu.intent,
        strong_intent=nlu.confidence >= 0.7,
        pending="contract_approval",
        pending_intent=Intent.CONTRACT_CREATION,
    )


# -- a bound after a price judgement filters the judged home's deals ---------------------------------

LOOK = ["분당 정자동 전세 최근 시세 84", "전세 7억 달라는데 적당해요?"]


@pytest.mark.parametrize(
    ("turns", "deal", "cap"),
    [
        ([*LOOK, "월세면요? 보증금 5천 이하로"], "월세", 5000),
        ([*LOOK, "반전세로 돌리면요? 보증금 2억 이하로 된거"], "월세", 20000),
        (
            ["분당 정자동 매매 최근 시세 84", "12억이면 괜찮아요?", "전세로 보면요? 6억 이하인 것만"],
            "전세",
            60000,
        ),
    ],
)
def test_a_bound_after_a_judgement_is_a_look_at_the_market(
    gaz: Gazetteer, turns: list[str], deal: str, cap: int
) -> None:
    frame = talk(gaz, turns)[-1]
    assert frame.intent is Intent.MARKET_INQUIRY and frame.slots.deal_type == deal
    assert frame.slots.price_max_manwon == cap and frame.slots.asking_price_manwon is None
    assert frame.slots.dong == "정자동" and frame.slots.area_min_m2 == 81
    assert _period(frame.slots) == BUNDANG_RECENT


def test_another_price_after_a_judgement_is_judged_again(gaz: Gazetteer) -> None:
    frame = talk(gaz, ["분당 정자동 매매 최근 시세 84", "12억이면 괜찮아요?", "11억이면요?"])[-1]
    assert frame.intent is Intent.PRICE_EVALUATION and frame.slots.asking_price_manwon == 110000


# -- a judgement naming its home and price starts fresh ----------------------------------------------


@pytest.mark.parametrize(
    "turns",
    [
        [
            "강동구 아파트 시세 최근 6개월",
            "8억5천 이하만 리스트로 보여줘",
            "암사동 선사현대",
            "선사현대 84 9억이면 비싼편?",
        ],
        ["반포자이 2023년 거래 보여줘", "반포자이 84 30억이면 비싼가요?"],
        ["도곡렉슬 2022년 하반기 시세", "도곡렉슬 59 20억 부르는데 괜찮나요"],
    ],
)
def test_a_judgement_naming_its_home_and_price_starts_fresh(gaz: Gazetteer, turns: list[str]) -> None:
    frame = talk(gaz, turns)[-1]
    assert frame.intent is Intent.PRICE_EVALUATION and frame.act is Act.NEW
    assert frame.slots.complex and frame.slots.asking_price_manwon
    assert _period(frame.slots) == (None, None) and frame.recent_months is None
    assert frame.slots.price_max_manwon is None


# -- an amount said in parts is negated whole --------------------------------------------------------


@pytest.mark.parametrize(
    ("turns", "price", "income"),
    [
        (["연봉 7천이고 9.5억 집 대출 얼마까지", "구억 오천 말고 팔억이면요?"], 80000, 7000),
        (["연봉 7천이고 9억5천 집 대출 얼마까지", "9억 5천 말고 8억이면?"], 80000, 7000),
        (["연봉 6천이고 8.5억짜리 보고있어요 대출 얼마나", "팔억 오천 말고 칠억이면?"], 70000, 6000),
    ],
)
def test_a_price_said_in_parts_is_replaced(gaz: Gazetteer, turns: list[str], price: int, income: int) -> None:
    frame = talk(gaz, turns)[-1]
    assert frame.intent is Intent.LOAN_CONSULT
    assert frame.slots.asking_price_manwon == price and frame.slots.annual_income_manwon == income


@pytest.mark.parametrize(
    ("text", "income"),
    [
        ("아 연봉 말고 월급 500 기준으로 다시 계산해줘요", 6000),
        ("연봉 칠천 말고 월급 600으로 해주세요", 7200),
    ],
)
def test_a_monthly_pay_instead_of_the_income_keeps_the_changed_price(
    gaz: Gazetteer, text: str, income: int
) -> None:
    turns = ["연봉 7천이고 9억5천 집 대출 얼마까지", "9억 5천 말고 8억이면?", text]
    frame = talk(gaz, turns)[-1]
    assert frame.slots.annual_income_manwon == income and frame.slots.asking_price_manwon == 80000


def test_the_whole_negated_amount_is_struck() -> None:
    assert "팔억" not in strip_negated("팔억 오천 말고 칠억이면?")
    assert "서초구" not in strip_negated("서초구 말고 강남구")


# -- two years compared while one is in force --------------------------------------------------------


@pytest.mark.parametrize(
    ("turns", "year"),
    [
        (
            [
                "마포래미안푸르지오4단지 84 시세",
                "거기 2021년꺼만",
                "21년이랑 24년 비교하면 얼마나 오른거에요",
            ],
            "2024",
        ),
        (["마포 84 매매 시세", "2022년 거만", "2022년하고 2024년 비교해줘"], "2024"),
        (["마포 84 매매 시세", "2024년 거만", "20년 대비 24년 얼마나 올랐어요"], "2020"),
    ],
)
def test_two_years_compared_go_on_with_the_year_brought_in(
    gaz: Gazetteer, turns: list[str], year: str
) -> None:
    frame = talk(gaz, turns)[-1]
    assert frame.intent is Intent.MARKET_INQUIRY and frame.slots.area_min_m2 == 81
    assert _period(frame.slots) == (f"{year}-01-01", f"{year}-12-31")


def test_the_side_in_force_leads_the_comparison() -> None:
    sides = [
        Side("2021년", {"period_from": "2021-01-01", "period_to": "2021-12-31"}),
        Side("2024년", {"period_from": "2024-01-01", "period_to": "2024-12-31"}),
    ]
    slots = Slots(period_from="2024-01-01", period_to="2024-12-31")
    assert [s.label for s in _in_force_first(sides, slots)] == ["2024년", "2021년"]
    assert _in_force_first(sides, Slots()) == sides


# -- a short English message ending on "then" goes on ------------------------------------------------


@pytest.mark.parametrize(
    ("turns", "place", "deal", "size"),
    [
        (
            ["Bundang 84 median sale price in 2024?", "Songpa 2025?", "ok Bundang 2025 then"],
            "분당구",
            "매매",
            81,
        ),
        (["Mapo 59 median sale price in 2023?", "Gangnam 2024 then"], "강남구", "매매", 56),
        (["Mapo 59 median sale price in 2023?", "Gangnam 2024?"], "강남구", "매매", 56),
        (["Bundang jeonse 84 median in 2025", "Bundang 2023 then?"], "분당구", "전세", 81),
    ],
)
def test_a_place_and_year_then_keep_the_rest(
    gaz: Gazetteer, turns: list[str], place: str, deal: str, size: int
) -> None:
    frame = talk(gaz, turns)[-1]
    assert frame.intent is Intent.MARKET_INQUIRY and frame.act is Act.FOLLOW_UP
    assert frame.slots.sigungu == place and frame.slots.deal_type == deal
    assert frame.slots.area_min_m2 == size
