"""Twelfth round of reading kinds, each pinned with sentences written for these tests (not the dev sets'):
a workplace told as background, 판교 said as an area, a numbered complex said the short way or beside its
family, a namesake chosen by the lease asked for, English deposit and rent caps, a condition taken back
inside the message, a seller's asking price judged, a forgotten question, a lease switched in a yield
question, pay added up into a total, a year glossed in digits, the data's last month, a size settled for,
a price heard then "this one?", and a bound the next one contradicts."""

from __future__ import annotations

from datetime import date

import pytest

from agents.domain.slots import Intent
from agents.domain.units import normalize, parse_money
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.nlu import parse
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, TODAY

ROWS = [
    GazetteerRow("11350", "공릉동", "청솔아파트9", "11350-181", 400, SEOUL_END),
    GazetteerRow("41135", "금곡동", "청솔마을(주공9단지)", None, 300, BUNDANG_END, 200),
    GazetteerRow("41135", "금곡동", "청솔마을(한라)", None, 300, BUNDANG_END, 200),
    GazetteerRow("41135", "삼평동", "봇들마을1단지(판교신미주)", None, 900, BUNDANG_END, 500),
    GazetteerRow("41135", "삼평동", "봇들마을3단지(주공)", None, 500, BUNDANG_END, 300),
    GazetteerRow("41135", "삼평동", "봇들마을4단지(주공)", None, 500, BUNDANG_END, 300),
    GazetteerRow("41135", "정자동", "한솔마을(4단지)(주공)", None, 800, BUNDANG_END, 400),
    GazetteerRow("41135", "정자동", "한솔마을(5단지)(주공)", None, 700, BUNDANG_END, 400),
    GazetteerRow("41135", "판교동", "판교원마을7단지(모아미래도)", None, 400, BUNDANG_END, 200),
    GazetteerRow("41135", "운중동", "산운마을8단지", None, 300, BUNDANG_END, 100),
    GazetteerRow("41135", "백현동", "백현마을2단지", None, 500, BUNDANG_END, 200),
    GazetteerRow("41135", "야탑동", "장미마을(현대)", None, 500, BUNDANG_END, 200),
    GazetteerRow("41135", "야탑동", "장미마을(동부)", None, 400, BUNDANG_END, 200),
    GazetteerRow("41135", "수내동", "양지마을(금호1)", None, 500, BUNDANG_END, 200),
    GazetteerRow("11560", "여의도동", "시범", "11560-1", 500, SEOUL_END),
    GazetteerRow("11440", "아현동", "마포래미안푸르지오1단지", "11440-1", 500, SEOUL_END),
    GazetteerRow("11710", "잠실동", "잠실엘스", "11710-1", 900, SEOUL_END),
    GazetteerRow("11680", "삼성동", "삼성래미안", "11680-2", 300, SEOUL_END),
    GazetteerRow("11680", "대치동", "은마", "11680-1", 700, SEOUL_END),
    GazetteerRow("11650", "반포동", "반포자이", "11650-1", 600, SEOUL_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


def _slots(gaz: Gazetteer, text: str) -> dict[str, object]:
    return parse(text, gaz, TODAY).slots.model_dump()


# -- 1. a workplace told as background is no filter, and no off-topic talk ------------------------------


@pytest.mark.parametrize(
    ("text", "sigungu"),
    [
        ("아들이 판교 쪽 회사 인턴하게 돼서요 분당구 전세 4억 이하 거래 보여주세요", "분당구"),
        ("판교 근처 회사 취직해서 분당구 전세 5억 이하 거래 보여줘", "분당구"),
        ("딸이 삼성동 쪽 회사 다녀서요, 송파구 매매 거래 보여주세요", "송파구"),
        ("남편이 여의도 본사로 발령 나서 마포구 84 매매 시세 알려줘", "마포구"),
    ],
)
def test_workplace_said_before_the_request_is_no_filter(gaz: Gazetteer, text: str, sigungu: str) -> None:
    slots = _slots(gaz, text)
    assert slots["sigungu"] == sigungu
    assert slots["dong"] is None


@pytest.mark.parametrize(
    ("text", "sigungu"),
    [
        ("회사가 여의도라서 영등포구 안에서요", "영등포구"),
        ("직장이 잠실이라 송파구 쪽으로 봐주세요", "송파구"),
        ("회사가 판교에 있어서 분당구 안에서 찾아요", "분당구"),
    ],
)
def test_workplace_reason_is_not_off_topic(gaz: Gazetteer, text: str, sigungu: str) -> None:
    result = parse(text, gaz, TODAY)
    assert result.intent not in (Intent.IRRELEVANT, Intent.UNCLEAR)
    assert result.slots.sigungu == sigungu and result.slots.dong is None


@pytest.mark.parametrize("text", ["회사 점심 뭐 먹지", "오늘 회사 야근이야", "회사가 너무 멀어서 힘들다"])
def test_workplace_small_talk_stays_off_topic(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.IRRELEVANT


# -- 2. 판교 said as the area around it (쪽, 일대, area) is the 구; 판교동 and a bare 판교 name the 동 ------------


@pytest.mark.parametrize(
    "text",
    [
        "판교 쪽 다른 데도 추천해줄래? 전세 6억 이하로",
        "판교 일대 전세 5억 이하 거래 보여줘",
        "jeonse in the Pangyo area under 500 million",
    ],
)
def test_pangyo_area_is_the_district(gaz: Gazetteer, text: str) -> None:
    slots = _slots(gaz, text)
    assert slots["sigungu"] == "분당구" and slots["dong"] is None


@pytest.mark.parametrize(
    ("text", "dong"),
    [
        ("판교동 전세 시세", "판교동"),
        ("판교 운중동 전세 4억대 있나요", "운중동"),
        ("판교원마을 7단지 전세", "판교동"),
        ("판교 전세 8억 이하", "판교동"),
    ],
)
def test_pangyo_dong_still_named(gaz: Gazetteer, text: str, dong: str) -> None:
    assert _slots(gaz, text)["dong"] == dong


# -- 3. numbered complexes: the member said with its number, the namesake where leases are -------------


@pytest.mark.parametrize(
    ("text", "complex_"),
    [
        ("판교 봇들마을 쪽 알아보는데 봇들3단지 작년 전세 거래 보여줘", "봇들마을3단지(주공)"),
        ("봇들마을 근처 살고 싶은데 봇들 4단지 전세 얼마예요", "봇들마을4단지(주공)"),
        ("한솔마을 알아보다가 한솔5단지 매매 거래 보여줘", "한솔마을(5단지)(주공)"),
    ],
)
def test_numbered_member_wins_over_its_family(gaz: Gazetteer, text: str, complex_: str) -> None:
    assert _slots(gaz, text)["complex"] == complex_


@pytest.mark.parametrize(
    "text",
    [
        "청솔9단지 작년 월세 얼마 받았어요?",
        "청솔 9단지 전세 시세",
        "청솔마을 9단지 보증금 얼마",
        "jeonse at Cheongsol 9 complex last year",
    ],
)
def test_lease_asked_picks_the_namesake_with_leases(gaz: Gazetteer, text: str) -> None:
    slots = _slots(gaz, text)
    assert slots["complex"] == "청솔마을(주공9단지)" and slots["sigungu"] == "분당구"


# -- 4. English deposit and rent caps --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "deposit_max", "rent_max"),
    [
        (
            "I want a monthly-rent flat in Bundang, deposit up to 30 million and rent under 1.2 million won",
            3000,
            120,
        ),
        ("monthly rent flats in Jeongja-dong, deposit max 20 million, rent at most 900,000 won", 2000, 90),
        ("Bundang wolse with a deposit under 100 million and rent below 2 million won", 10000, 200),
        (
            "monthly rent in Sunae-dong where the rent is no more than 800,000 won and deposit at most 10 million",
            1000,
            80,
        ),
    ],
)
def test_english_deposit_and_rent_caps(gaz: Gazetteer, text: str, deposit_max: int, rent_max: int) -> None:
    slots = _slots(gaz, text)
    assert slots["deal_type"] == "월세"
    assert slots["price_max_manwon"] == deposit_max
    assert slots["monthly_rent_max_manwon"] == rent_max


def test_no_more_than_is_not_strict() -> None:
    (m,) = parse_money(normalize("no more than 900,000 won"))
    assert m.bound == "max" and not m.strict


# -- 5. a condition taken back inside the message ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("아니 20억 넘는 게 아니라 20억 이하", None, 200000),
        ("마포구 15억 이하가 아니라 15억 이상 매매", 150000, None),
        ("분당 전세 3억 넘는 게 아니라 3억 밑으로요", None, 30000),
    ],
)
def test_amount_taken_back(gaz: Gazetteer, text: str, low: int | None, high: int | None) -> None:
    slots = _slots(gaz, text)
    assert (slots["price_min_manwon"], slots["price_max_manwon"]) == (low, high)


@pytest.mark.parametrize(
    "text", ["잠실 84 이상이 아니라 59로 거래 보여줘", "송파구 84가 아니라 59 매매 거래"]
)
def test_size_taken_back(gaz: Gazetteer, text: str) -> None:
    slots = _slots(gaz, text)
    assert (slots["area_min_m2"], slots["area_max_m2"]) == (56.0, 62.0)


# -- 6. a seller's own asking price, judged ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "우리 집 8억에 내놨는데 팔릴까요",
        "야탑동 장미마을 현대 우리 집 9억에 내놓으면 나갈까요",
        "집을 9억에 내놨는데 너무 높게 부른 건가요",
        "we listed our flat at 900 million, will it sell?",
    ],
)
def test_seller_asking_price_is_judged(gaz: Gazetteer, text: str) -> None:
    result = parse(text, gaz, TODAY)
    assert result.intent is Intent.PRICE_EVALUATION
    assert result.slots.deal_type == "매매" and result.slots.asking_price_manwon is not None


# -- 7. a question forgotten is nothing to act on -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ㅋㅋ 물어볼 거 있었는데 까먹음",
        "아 뭐 물어보려 했는데 까먹었네",
        "질문하려다 잊어버렸어요 ㅋㅋ",
        "여쭤보려고 했는데 깜빡했어요",
    ],
)
def test_forgotten_question_is_unclear(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.UNCLEAR


# -- 8. a yield question with the lease switched: the new lease is worked out -----------------------------


@pytest.mark.parametrize(
    ("text", "deposit", "rent"),
    [
        ("9억에 샀고 전세 5억 받고 있는데 나중에 월세로 돌려서 보증금 1억 월 200이면 수익률?", 10000, 200),
        (
            "10억에 산 집 전세 6억 놓고 있는데 반전세로 바꿔서 보증금 3억 월 100 받으면 수익률 얼마야",
            30000,
            100,
        ),
        ("7억짜리 지금 보증금 5천 월 150인데 보증금 2억 월 80으로 전환하면 수익률", 20000, 80),
        ("7억짜리 전세 4억 끼고 있는데 보증금 1억 월 150으로 돌리면 수익률", 10000, 150),
    ],
)
def test_switched_lease_is_the_one_worked_out(gaz: Gazetteer, text: str, deposit: int, rent: int) -> None:
    result = parse(text, gaz, TODAY)
    assert result.intent is Intent.ROI_CALCULATION
    assert (result.slots.deposit_manwon, result.slots.monthly_rent_manwon) == (deposit, rent)


@pytest.mark.parametrize(
    "text",
    [
        "분당 7억짜리 사서 월세 놓으면 수익률 얼마고 연봉 7천이면 대출 얼마까지 돼요",
        "연봉 6천인데 5억 아파트 사서 월세 주면 수익률이랑 대출 한도 알려줘",
    ],
)
def test_yield_and_loan_name_no_deal_type(gaz: Gazetteer, text: str) -> None:
    result = parse(text, gaz, TODAY)
    assert Intent.ROI_CALCULATION in result.sub_intents and result.slots.deal_type is None


# -- 9. pay added up into a total is the income -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "income", "price"),
    [
        ("and my husband earns 60 million too, so 130 million total", 13000, None),
        ("남편 연봉 7천 제 연봉 5천 합쳐서 1억2천인데 대출 얼마나 나와요", 12000, None),
        (
            "I make 90 million and my wife 60 million, 150 million combined, how much loan for a 1 billion flat",
            15000,
            100000,
        ),
    ],
)
def test_income_total(gaz: Gazetteer, text: str, income: int, price: int | None) -> None:
    slots = parse(text, gaz, TODAY).slots
    assert (slots.annual_income_manwon, slots.asking_price_manwon) == (income, price)


# -- 11. a relative year glossed with the year in digits ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("송파구 재작년이랑 비교하면? 22년", 2022),
        ("송파구 작년, 그러니까 23년 거", 2023),
        ("송파구 재작년(21년) 기준으로", 2021),
    ],
)
def test_year_glossed_in_digits(gaz: Gazetteer, text: str, year: int) -> None:
    slots = _slots(gaz, text)
    assert (slots["period_from"], slots["period_to"]) == (f"{year}-01-01", f"{year}-12-31")


def test_year_compared_stays_a_span(gaz: Gazetteer) -> None:
    slots = _slots(gaz, "송파구 작년이랑 2022년 비교해줘")
    assert (slots["period_from"], slots["period_to"]) == ("2022-01-01", "2025-12-31")


# -- 12. the data's last month --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("분당 전세 가장 최근 달 거래 몇 건", "2025-12"),
        ("송파구 매매 제일 최근 한 달 중위가격", "2024-12"),
        ("show me the latest month in the data for Songpa sales", "2024-12"),
        ("분당 전세 데이터 있는 마지막 달 거래 보여줘", "2025-12"),
    ],
)
def test_latest_month_of_the_data(gaz: Gazetteer, text: str, month: str) -> None:
    slots = _slots(gaz, text)
    assert slots["period_from"] == f"{month}-01" and slots["period_to"][:7] == month


def test_today_is_the_sets_today() -> None:
    assert date(2026, 11, 21) == TODAY


# -- 13. a size settled for, roughly, as a follow-up's change ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "방 작은 거 괜찮아요 59 정도",
        "작아도 돼요 59 정도로",
        "좀 좁아도 돼요, 59쯤",
        "smaller is fine, around 59",
    ],
)
def test_size_settled_for(gaz: Gazetteer, text: str) -> None:
    fragment = parse(text, gaz, TODAY).fragment_slots
    assert fragment is not None and (fragment.area_min_m2, fragment.area_max_m2) == (56.0, 62.0)


# -- 14. a price heard for a home, then "this one?" -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "반포자이 84 35억 하던데 여긴 어때요",
        "은마 76 25억이었는데 이건 어떤가요",
        "잠실엘스 84는 26억이던데 이건요",
    ],
)
def test_heard_price_then_this_one_is_judged(gaz: Gazetteer, text: str) -> None:
    result = parse(text, gaz, TODAY)
    assert result.intent is Intent.PRICE_EVALUATION and result.slots.asking_price_manwon is not None


# -- 15. a bound the next one contradicts is taken back (what is left after "… 말고" is cut) -------------------


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("분당 전세 5억 넘는   5억 이하로", None, 50000),
        ("not over 3 billion but under 3 billion in Gangnam", None, 300000),
        ("송파구 10억 이하 20억 이상 거래", 200000, None),
        ("송파구 10억 이상 20억 이하 거래", 100000, 200000),
    ],
)
def test_contradicted_bound(gaz: Gazetteer, text: str, low: int | None, high: int | None) -> None:
    slots = _slots(gaz, text)
    assert (slots["price_min_manwon"], slots["price_max_manwon"]) == (low, high)
