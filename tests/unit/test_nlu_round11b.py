"""Eleventh round, second pass: kinds of reading pinned with sentences written for these tests (not the dev
sets'): seasons and ends of a year, months and weeks counted from today, N평형 as a supply-area class,
English bare sizes before English words, a price put as a condition replacing the one before it, homes
ranked by a fact the data lacks, a home bought to let, the next word of law asked alone, legal questions
told as a purchase's or a foreigner's story, and complex names said by their head or without their front."""

from __future__ import annotations

from datetime import date

import pytest

from agents.domain.slots import Intent
from agents.domain.units import normalize, parse_area, parse_period, supply_class_m2
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.nlu import local_complex_slots, parse
from agents.tools.coverage import ranks_by_missing_fact
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END

TODAY = date(2026, 12, 7)

ROWS = [
    GazetteerRow("11650", "반포동", "아크로리버파크", "11650-1", 300, SEOUL_END),
    GazetteerRow("11650", "반포동", "래미안퍼스티지", "11650-2", 400, SEOUL_END),
    GazetteerRow("11650", "서초동", "아크로비스타", "11650-3", 100, SEOUL_END),
    GazetteerRow("11650", "잠원동", "아크로리버뷰신반포", "11650-4", 60, SEOUL_END),
    GazetteerRow("11545", "시흥동", "관악산벽산타운5", "11545-1", 500, SEOUL_END),
    GazetteerRow("11545", "시흥동", "관악산벽산타운3", "11545-2", 300, SEOUL_END),
    GazetteerRow("11710", "가락동", "송파헬리오시티", "11710-1", 900, SEOUL_END),
    GazetteerRow("11680", "대치동", "은마", "11680-1", 700, SEOUL_END),
    GazetteerRow("11440", "아현동", "마포래미안푸르지오", "11440-1", 600, SEOUL_END),
    GazetteerRow("41135", "정자동", "느티마을3단지", None, 800, BUNDANG_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


def _period(text: str) -> tuple[str, str]:
    p = parse_period(normalize(text), TODAY)
    assert p is not None and p.start is not None and p.end is not None
    return p.start.isoformat(), p.end.isoformat()


# -- 1. seasons, ends of a year, and months counted from today --------------------------------------


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("마포 작년 겨울 거래 몇 건이었어요", ("2025-12-01", "2026-02-28")),
        ("재작년 봄에는요", ("2024-03-01", "2024-05-31")),
        ("2022 가을 송파 시세", ("2022-09-01", "2022-11-30")),
        ("23년 연말 강남 거래량", ("2023-10-01", "2023-12-31")),
        ("20년 초랑 비교하면", ("2020-01-01", "2020-03-31")),
        ("노원 24년말 아파트값", ("2024-10-01", "2024-12-31")),
        ("Songpa sales in summer of 2022", ("2022-06-01", "2022-08-31")),
        ("Mapo median price, winter 2023", ("2023-12-01", "2024-02-29")),
        ("Gangnam deals in late 2021", ("2021-10-01", "2021-12-31")),
    ],
)
def test_seasons_and_ends_of_a_year(text: str, period: tuple[str, str]) -> None:
    assert _period(text) == period


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("지난달 거래도 있어요?", ("2026-11-01", "2026-11-30")),
        ("저번 달 꺼는요", ("2026-11-01", "2026-11-30")),
        ("이번 달 분당 전세", ("2026-12-01", "2026-12-31")),
        ("any deals last month in Mapo?", ("2026-11-01", "2026-11-30")),
        ("this month's jeonse in Bundang", ("2026-12-01", "2026-12-31")),
        ("이번주 거래 보여줘", ("2026-12-07", "2026-12-13")),
        ("last summer in Bundang", ("2026-06-01", "2026-08-31")),
    ],
)
def test_months_counted_from_today_stay_outside_the_data(text: str, period: tuple[str, str]) -> None:
    assert _period(text) == period


@pytest.mark.parametrize("text", ["22년 말고 23년", "작년 말고 2023년"])
def test_a_year_set_aside_is_no_end_of_year(text: str) -> None:
    assert _period(text) == ("2023-01-01", "2023-12-31")


# -- 2. N평형 is a supply-area class ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("은마 33평형 실거래", (81.0, 87.0)),
        ("헬리오 24평형은", (56.0, 62.0)),
        ("32평형 전세 얼마", (81.0, 87.0)),
        ("45평형대", (148.76, 181.82)),  # 평형대 keeps the N평대 rule
        ("30평 매매", (96.17, 102.17)),  # plain N평 keeps the old rule
    ],
)
def test_pyeonghyeong_is_a_supply_class(text: str, band: tuple[float, float]) -> None:
    areas = parse_area(normalize(text))
    assert [(a.min_m2, a.max_m2) for a in areas] == [band]


def test_supply_class_nearest_standard_size() -> None:
    assert [supply_class_m2(n) for n in (18, 25, 30, 34, 40, 45)] == [59.0, 59.0, 74.0, 84.0, 101.0, 114.0]


# -- 3. English bare sizes before English words ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "band"),
    [
        ("Mapo 84 median price in 2023", (81.0, 87.0)),
        ("Songpa 59 most expensive sales 2024", (56.0, 62.0)),
        ("Gangnam 114 median sale price last year", (111.0, 117.0)),
    ],
)
def test_an_english_bare_size(gaz: Gazetteer, text: str, band: tuple[float, float]) -> None:
    slots = parse(text, gaz, TODAY).slots
    assert (slots.area_min_m2, slots.area_max_m2) == band


def test_an_amount_in_millions_is_no_size(gaz: Gazetteer) -> None:
    slots = parse("apartments in Mapo for 84 million won", gaz, TODAY).slots
    assert slots.area_min_m2 is None


# -- 4. a price put as a condition replaces the one said before it ---------------------------------


@pytest.mark.parametrize(
    ("text", "price"),
    [
        ("팔억 칠억이면?", 70000),  # what "팔억 오천 말고 칠억이면?" leaves once 오천 말고 is cut
        ("9억 7억 오천이면요", 75000),
        ("10억 8억이면 대출 얼마", 80000),
    ],
)
def test_the_conditional_price_is_the_one_asked(gaz: Gazetteer, text: str, price: int) -> None:
    assert parse(text, gaz, TODAY, as_intent=Intent.LOAN_CONSULT).slots.asking_price_manwon == price


# -- 5. homes ranked by a fact the data lacks -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "대치동 학군 좋은 아파트 순위 뽑아줘",
        "마포 역세권 단지 랭킹 알려줘",
        "송파 세대수 많은 순으로 단지 보여줘",
        "rank the Mapo complexes by subway access",
    ],
)
def test_homes_ranked_by_a_missing_fact(gaz: Gazetteer, text: str) -> None:
    assert ranks_by_missing_fact(normalize(text))
    result = parse(text, gaz, TODAY)
    assert result.intent is Intent.PROPERTY_RECOMMENDATION and result.slots.deal_type is None


def test_a_ranking_by_price_stays_a_look_up(gaz: Gazetteer) -> None:
    assert parse("대치동 비싼 단지 순위", gaz, TODAY).intent is Intent.MARKET_INQUIRY


# -- 6. a home bought to let -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "월세 받기 좋은 마포 8억 이하 아파트 추천해줘",
        "임대수익 괜찮은 분당 아파트 추천",
        "전세 끼고 살만한 송파 단지 추천",
    ],
)
def test_a_home_bought_to_let_is_a_sale(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).slots.deal_type == "매매"


def test_a_rent_searched_for_stays_a_rent(gaz: Gazetteer) -> None:
    assert parse("분당 월세 100 이하 아파트 추천", gaz, TODAY).slots.deal_type == "월세"


# -- 7. the next word of law asked alone -----------------------------------------------------------


@pytest.mark.parametrize("text", ["그럼 대항력은?", "okay and 확정일자는요?", "그리고 임차권등기명령은?"])
def test_the_next_word_of_law_is_a_definition(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.TERM_DEFINITION


def test_a_question_about_the_right_stays_legal(gaz: Gazetteer) -> None:
    assert parse("그럼 대항력은 언제 생겨요?", gaz, TODAY).intent is Intent.LEGAL_INQUIRY


# -- 8. legal questions told as a purchase's or a foreigner's story --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "마포에 집 샀는데 등기부 면적이 계약서보다 작게 나왔어요 매매대금 좀 돌려받을 수 있나요?",
        "아파트 사려는데 자금조달계획서에 대출이랑 예금 어떻게 적어요?",
        "E-9 비자로 일하는데 주담대 받을 수 있나요?",
        "I'm buying a flat in Mapo as a foreigner. How many days do I have to report the purchase?",
        "What papers do I need to bring to the community center for the fixed date stamp?",
        "Will buying a 2 billion won apartment in Gangnam get me a residence visa?",
    ],
)
def test_a_story_with_a_question_of_rules_is_legal(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).intent is Intent.LEGAL_INQUIRY


# -- 9. complex names said by their head, or without their front -----------------------------------


@pytest.mark.parametrize(
    ("text", "dong", "name"),
    [
        ("아크로는?", "반포동", "아크로리버파크"),
        ("아크로 59는", "반포동", "아크로리버파크"),
        ("아크로는요", "서초동", "아크로비스타"),
        ("아크로는?", None, None),  # three names of 서초구 begin so: not guessed
        ("래미안은?", "서초동", None),  # the one 래미안 of 서초구 is in 반포동, not the chat's 동
    ],
)
def test_a_head_resolved_by_the_chat_place(
    gaz: Gazetteer, text: str, dong: str | None, name: str | None
) -> None:
    found = local_complex_slots(gaz, "11650", text, dong=dong)
    assert (found or {}).get("complex") == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("시흥동 벽산타운5단지 거래 몇건", "관악산벽산타운5"),
        ("시흥동 벽산타운3 시세", "관악산벽산타운3"),
        ("가락동 헬리오시티 실거래", "송파헬리오시티"),
    ],
)
def test_a_name_without_its_front_in_the_named_place(gaz: Gazetteer, text: str, name: str) -> None:
    assert parse(text, gaz, TODAY).slots.complex == name


@pytest.mark.parametrize("text", ["시흥동 벽산타운 거래", "대치동 아파트값 얼마", "반포동 리버 시세"])
def test_no_complex_made_of_a_place_and_a_word(gaz: Gazetteer, text: str) -> None:
    assert parse(text, gaz, TODAY).slots.complex is None


# -- 10. a two-part message's look-up of deals is a look-up of sales -------------------------------


@pytest.mark.parametrize(
    ("text", "deal"),
    [
        ("마포 거래량이랑 전세 계약 갱신요구권 알려줘", "매매"),
        ("송파 작년 거래 건수랑 10억 대출 얼마 나오는지", "매매"),
        ("분당 전세 거래량이랑 확정일자 받는법", "전세"),
    ],
)
def test_the_look_up_part_of_two_reads_its_deals(gaz: Gazetteer, text: str, deal: str) -> None:
    result = parse(text, gaz, TODAY)
    assert result.intent is Intent.COMPREHENSIVE and result.slots.deal_type == deal
