"""Twelfth round of dialogue kinds (sentences written for these tests, not the dev sets'): a follow-up
naming a sibling complex by its own part of the name; a year counted from today and a year said by
its number are one year; where a rule is written, asked after a question of law; the data's last
month asked for after a period outside the data; a count of a part of a search is a figure; the
selling price of the home looked at is judged; what a calculation takes in is asked of that
calculation; a partner's pay added to a loan question; whether a period's data is there keeps the
market question; a home pointed at after a side question is the home of the data looked at."""

from __future__ import annotations

import pytest

from agents.domain.slots import Intent, Slots
from agents.gazetteer import Gazetteer, GazetteerRow
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, talk

ROWS = [
    GazetteerRow("41135", "야탑동", "장미마을(현대)", None, 900, BUNDANG_END, 300),
    GazetteerRow("41135", "야탑동", "장미마을(동부)", None, 700, BUNDANG_END, 300),
    GazetteerRow("41135", "야탑동", "장미마을(코오롱)1", None, 500, BUNDANG_END, 200),
    GazetteerRow("41135", "서현동", "시범우성", None, 800, BUNDANG_END, 300),
    GazetteerRow("41135", "서현동", "시범한양", None, 800, BUNDANG_END, 300),
    GazetteerRow("41135", "서현동", "시범삼성한신", None, 600, BUNDANG_END, 200),
    GazetteerRow("41135", "정자동", "한솔마을(4단지)(주공)", None, 800, BUNDANG_END, 300),
    GazetteerRow("41135", "수내동", "양지마을", None, 800, BUNDANG_END, 300),
    GazetteerRow("11620", "봉천동", "관악드림타운", "11620-100", 900, SEOUL_END),
    GazetteerRow("11350", "하계동", "하계장미", "11350-100", 900, SEOUL_END),
    GazetteerRow("11680", "대치동", "은마", "11680-100", 900, SEOUL_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


def _year(slots: Slots) -> tuple[str | None, str | None]:
    return slots.period_from, slots.period_to


# -- a sibling complex named by its own part ---------------------------------------------------------------

JANGMI = "분당 야탑동 장미마을 현대 요즘 시세 어떻게 되나요"


@pytest.mark.parametrize(
    ("first", "text", "sibling"),
    [
        (JANGMI, "동부는요", "장미마을(동부)"),
        (JANGMI, "그럼 동부는?", "장미마을(동부)"),
        (JANGMI, "코오롱도 알려줘요", "장미마을(코오롱)1"),
        ("야탑동 장미마을 동부 매매 시세", "현대는 어때요", "장미마을(현대)"),
        ("서현동 시범우성 매매 시세 알려줘", "한양은요?", "시범한양"),
        ("서현동 시범우성 매매 시세 알려줘", "그럼 삼성한신도", "시범삼성한신"),
    ],
)
def test_a_sibling_named_by_its_part(gaz: Gazetteer, first: str, text: str, sibling: str) -> None:
    before, frame = talk(gaz, [first, text])
    assert frame.slots.complex == sibling and frame.slots.dong == before.slots.dong
    assert frame.intent is before.intent and _year(frame.slots) == _year(before.slots)


def test_the_sibling_goes_on_in_the_next_turn(gaz: Gazetteer) -> None:
    frame = talk(gaz, [JANGMI, "동부는요", "20평대만요"])[-1]
    assert frame.slots.complex == "장미마을(동부)" and frame.slots.area_min_m2 == 66.12


@pytest.mark.parametrize("text", ["전세는요?", "작년은요", "84는?", "최근 거래 보여줘"])
def test_no_sibling_in_an_ordinary_follow_up(gaz: Gazetteer, text: str) -> None:
    assert talk(gaz, [JANGMI, text])[-1].slots.complex == "장미마을(현대)"


# -- a year said twice: counted from today and by its number ------------------------------------------------

SALES_2024 = "관악구 2024년 매매 시세"


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("재작년이랑 비교하면? 22년", 2022),
        ("작년하고 비교하면요? 2023년이요", 2023),
        ("22년 그러니까 재작년 거랑 비교", 2022),
        ("비교해보게 재작년, 21년 거", 2021),
    ],
)
def test_the_year_said_by_its_number_is_the_year(gaz: Gazetteer, text: str, year: int) -> None:
    frame = talk(gaz, [SALES_2024, text])[-1]
    assert frame.slots.sigungu == "관악구" and frame.slots.deal_type == "매매"
    assert _year(frame.slots) == (f"{year}-01-01", f"{year}-12-31")


def test_a_span_said_as_one_stays_a_span(gaz: Gazetteer) -> None:
    frame = talk(gaz, [SALES_2024, "22년부터 작년까지 비교해줘"])[-1]
    assert _year(frame.slots) == ("2022-01-01", "2025-12-31")


# -- where a rule is written ------------------------------------------------------------------------------------

BOILER = "전세 사는데 보일러 고장나면 수리비 누가 내요?"


@pytest.mark.parametrize(
    "text",
    [
        "그거 몇조에 나와있어요",
        "근거 조항이 뭐예요?",
        "그건 어느 법 조문에 있어요",
        "법적 근거 좀 알려줘요",
        "몇 조인지도요",
    ],
)
def test_the_article_of_the_rule_just_told(gaz: Gazetteer, text: str) -> None:
    frame = talk(gaz, [BOILER, text])[-1]
    assert frame.intent is Intent.LEGAL_INQUIRY and frame.slots.sigungu is None


# -- the data's last month, after a period outside the data ----------------------------------------------------

LAST_MONTH = "지난달 분당 전세 거래 몇 건 있었어요?"


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("데이터 있는 마지막 달로 보여줘요 그럼", 1),
        ("그럼 자료 있는 최신 달 기준으로요", 1),
        ("가장 최근 달 걸로 알려줘", 1),
        ("ok then the latest month you have", 1),
        ("있는 데이터 중 제일 최근 한 달만요", 1),
        ("그럼 데이터 있는 마지막 해로요", 12),
    ],
)
def test_the_last_month_of_the_data(gaz: Gazetteer, text: str, months: int) -> None:
    frame = talk(gaz, [LAST_MONTH, text])[-1]
    assert frame.intent is Intent.MARKET_INQUIRY and frame.recent_months == months
    assert frame.slots.sigungu == "분당구" and frame.slots.deal_type == "전세"
    assert frame.slots.period_from is None or frame.slots.period_from.startswith("2025-")


# -- a count of a part of a search -----------------------------------------------------------------------------

SEARCH = ["2020년부터 2022년까지 노원구 하계동 아파트 매매 거래", "6억 이상만"]


@pytest.mark.parametrize(
    ("text", "low"),
    [
        ("9억 넘는 건 몇 건이었는데", 90000),
        ("8억 이상인 거는 몇 개예요?", 80000),
        ("그 중 10억 넘은 건 몇건?", 100000),
        ("how many were over 900 million?", 90000),
    ],
)
def test_a_count_of_a_part_is_a_figure(gaz: Gazetteer, text: str, low: int) -> None:
    frame = talk(gaz, [*SEARCH, text])[-1]
    assert frame.intent is Intent.MARKET_INQUIRY and frame.slots.price_min_manwon == low
    assert frame.slots.dong == "하계동" and _year(frame.slots) == ("2020-01-01", "2022-12-31")


def test_a_search_set_again_stays_the_search(gaz: Gazetteer) -> None:
    frame = talk(gaz, [*SEARCH, "7억 이하로 잡으면 몇 건이에요?"])[-1]
    assert frame.intent is Intent.PROPERTY_SEARCH and frame.slots.price_max_manwon == 70000


# -- the selling price of the home looked at -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "우리집 거기 7억에 내놨는데 팔릴만 한가요",
        "8억에 내놓으면 나갈까요?",
        "7억5천이면 팔리겠죠?",
        "if I list it at 700 million, would it sell?",
    ],
)
def test_an_asking_price_of_the_home_is_judged(gaz: Gazetteer, text: str) -> None:
    frame = talk(gaz, [JANGMI, "20평대만요", text])[-1]
    assert frame.intent is Intent.PRICE_EVALUATION and frame.slots.complex == "장미마을(현대)"
    assert frame.slots.asking_price_manwon is not None and frame.slots.area_min_m2 == 66.12


# -- what a calculation takes in ----------------------------------------------------------------------------------

YIELD = "한솔4단지 하나 4억5천에 사서 보증금 5000에 월 90 받으면 수익률 몇 %나 돼요"


@pytest.mark.parametrize(
    "text",
    [
        "근데 수익률 계산할 때 세금도 들어가요?",
        "그 계산에 재산세도 포함돼요?",
        "이 수익률에 관리비도 반영된 거예요?",
        "does the yield account for taxes?",
    ],
)
def test_what_the_calculation_takes_in(gaz: Gazetteer, text: str) -> None:
    frame = talk(gaz, [YIELD, text])[-1]
    assert frame.intent is Intent.ROI_CALCULATION
    assert frame.slots.asking_price_manwon == 45000 and frame.slots.monthly_rent_manwon == 90


# -- a partner's pay -------------------------------------------------------------------------------------------------

LOAN_EN = [
    "If I make 90 million a year, how much can I borrow for a 1.2 billion apartment?",
    "what if the price is 1 billion",
]
LOAN_KO = "연봉 9천인데 10억짜리 아파트 대출 얼마나 나와요?"


@pytest.mark.parametrize(
    ("turns", "income"),
    [
        ([*LOAN_EN, "and my wife earns 50 million too, so 140 million total"], 14000),
        ([*LOAN_EN, "아내도 연봉 5천이라 합치면 1억4천이에요"], 14000),
        ([LOAN_KO, "남편도 5천 벌어요"], 14000),
        ([LOAN_KO, "와이프도 4천 정도 벌고 있어요"], 13000),
        ([LOAN_KO, "와이프 연봉 4천 더하면 총 1억3천"], 13000),
    ],
)
def test_a_partners_pay_joins_the_income(gaz: Gazetteer, turns: list[str], income: int) -> None:
    frame = talk(gaz, turns)[-1]
    assert frame.intent is Intent.LOAN_CONSULT
    assert frame.slots.annual_income_manwon == income and frame.slots.asking_price_manwon == 100000


# -- whether a period's data is there ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("그럼 분당은 작년 거 있어요?", ("2025-01-01", "2025-12-31")),
        ("분당 23년 것도 있나요?", ("2023-01-01", "2023-12-31")),
        ("그럼 분당 하반기 자료는 있어요?", ("2025-07-01", "2025-12-31")),
    ],
)
def test_whether_the_data_is_there_keeps_the_question(
    gaz: Gazetteer, text: str, period: tuple[str, str]
) -> None:
    frame = talk(gaz, ["작년 강남구 아파트 매매 중위가격 알려줘", text])[-1]
    assert frame.intent is Intent.MARKET_INQUIRY and frame.slots.sigungu == "분당구"
    assert frame.slots.deal_type == "매매" and _year(frame.slots) == period


# -- the home pointed at after a side question ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("side", "text", "intent"),
    [
        (
            "세입자가 갱신 요구하면 보증금 몇 프로까지 올릴 수 있어요?",
            "그 집 8억에 샀고 보증금 1억 월 200 받으면 수익률?",
            Intent.ROI_CALCULATION,
        ),
        (
            "전세 갱신 거절 사유가 뭐예요?",
            "거기 9억에 사면 연봉 8천인데 대출 얼마나 돼요?",
            Intent.LOAN_CONSULT,
        ),
        ("DSR이 뭐예요?", "그 단지 10억이면 비싼 거예요?", Intent.PRICE_EVALUATION),
    ],
)
def test_a_home_pointed_at_after_a_side_question(
    gaz: Gazetteer, side: str, text: str, intent: Intent
) -> None:
    frame = talk(gaz, ["서현동 시범우성 84 매매 시세", side, text])[-1]
    assert frame.intent is intent and frame.slots.complex == "시범우성" and frame.slots.dong == "서현동"
