"""Fourth round of understanding kinds, each pinned with sentences written for these tests (not the dev
sets'): a short year before 전세, buying verbs, pay with words before the amount, a loan question of
its own after a price judgement, narrowing inside the last answer, conditions dropped, complexes named
by a short form, part of their name or an English spelling, and off-topic errands."""

from __future__ import annotations

import asyncio
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest

from agents.domain.slots import Intent
from agents.domain.units import parse_money, parse_period
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.nlu import parse
from agents.planning import _memory_fill, _outside_dong
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, TODAY, converse

ROWS = [
    GazetteerRow("11650", "반포동", "래미안퍼스티지", "11650-1", 900, SEOUL_END),
    GazetteerRow("11650", "반포동", "반포자이", "11650-2", 800, SEOUL_END),
    GazetteerRow("11650", "방배동", "훼미리타운", "11650-3", 20, SEOUL_END),
    GazetteerRow("11710", "문정동", "올림픽훼밀리타운", "11710-89", 500, SEOUL_END),
    GazetteerRow("11710", "잠실동", "트리지움", "11710-5", 700, SEOUL_END),
    GazetteerRow("11710", "잠실동", "리센츠", "11710-6", 700, SEOUL_END),
    GazetteerRow("11680", "개포동", "디에이치아너힐즈", "11680-4850", 300, SEOUL_END),
    GazetteerRow("11680", "대치동", "은마", "11680-218", 369, SEOUL_END),
    GazetteerRow("11440", "아현동", "마포래미안푸르지오", "11440-1", 600, SEOUL_END),
    GazetteerRow("41135", "백현동", "판교푸르지오그랑블", None, 300, BUNDANG_END),
    GazetteerRow("41135", "판교동", "판교원마을9단지(한림풀에버)", None, 300, BUNDANG_END),
    GazetteerRow("41135", "정자동", "파크뷰", None, 1340, BUNDANG_END),
    GazetteerRow("41135", "서현동", "시범한양", None, 600, BUNDANG_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


# -- a short year said right before 전세 / 전월세 is a year, "N년 전" alone is a time ago ----------------


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("24년 전세 시세", 2024),
        ("21년 전세는요", 2021),
        ("22년 전월세 거래", 2022),
        ("23년 전세가 궁금", 2023),
    ],
)
def test_a_short_year_before_jeonse_is_that_year(text: str, year: int) -> None:
    period = parse_period(text, TODAY)
    assert period is not None and period.start == date(year, 1, 1) and period.end == date(year, 12, 31)


def test_a_year_before_jeonse_in_a_follow_up_moves_the_period(gaz: Gazetteer) -> None:
    _, after = converse(gaz, ["파크뷰 2023년 전세 시세", "24년 전세는?"])
    assert (after.slots.period_from, after.slots.deal_type) == ("2024-01-01", "전세")


# -- buying verbs make a price judgement one about a sale ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "은마 84 21억에 사라는데 괜찮은 가격이야?",
        "부모님이 파크뷰 15억이면 사라고 하시는데 적정한가요",
        "반포자이 84 40억 사야 할까 비싼 편이야?",
        "리센츠 84 24억이면 괜찮아요? 매입할까 해서",
        "파크뷰 84 16억에 사는 거 어때요",
        "은마 76 20억에 사기엔 좀 비싼가",
    ],
)
def test_buying_words_give_a_sale(gaz: Gazetteer, text: str) -> None:
    (frame,) = converse(gaz, [text])
    assert frame.intent is Intent.PRICE_EVALUATION
    assert frame.slots.deal_type == "매매"


def test_a_company_is_no_buying_word(gaz: Gazetteer) -> None:
    (frame,) = converse(gaz, ["회사라고 하는데 연봉 7천이면 대출 얼마나 나와?"])
    assert frame.slots.deal_type is None


# -- pay with words between the word for pay and the amount --------------------------------------------


@pytest.mark.parametrize(
    ("text", "income", "price"),
    [
        ("월급 세후 380 정도면 7억짜리 대출 될까", 4560, 70000),
        ("연봉 세전 대략 6500인데 10억 집 살 수 있어?", 6500, 100000),
        ("월급 실수령 300인데 5억 아파트 대출", 3600, 50000),
    ],
)
def test_pay_with_words_before_the_amount(text: str, income: int, price: int) -> None:
    found = {(m.role, m.manwon) for m in parse_money(text)}
    assert ("income", income) in found and ("price", price) in found


def test_a_rent_before_letting_words_is_a_rent() -> None:
    found = {(m.role, m.manwon) for m in parse_money("보증금 3억 월세 150 세놓으면 수익률 몇 프로야")}
    assert ("monthly", 150) in found


# -- a price judgement states its deal; a loan question with its own numbers starts afresh -------------


def test_a_whole_price_judgement_takes_no_period_from_the_question_before(gaz: Gazetteer) -> None:
    _, judged = converse(gaz, ["파크뷰 2023년 전세 중위값", "파크뷰 매매로 14억이면 사도 될까"])
    assert judged.intent is Intent.PRICE_EVALUATION
    assert (judged.slots.period_from, judged.slots.period_to) == (None, None)
    assert judged.slots.deal_type == "매매"


def test_a_loan_with_its_own_price_and_pay_is_a_new_question(gaz: Gazetteer) -> None:
    _, loan = converse(gaz, ["은마 84 지금 21억에 사라는데 적당해?", "연봉 1억에 21억짜리면 대출 한도는?"])
    assert loan.intent is Intent.LOAN_CONSULT
    assert (loan.slots.complex, loan.slots.area_min_m2, loan.slots.deal_type) == (None, None, None)
    assert (loan.slots.annual_income_manwon, loan.slots.asking_price_manwon) == (10000, 210000)


def test_a_listing_heard_of_is_the_price_judged(gaz: Gazetteer) -> None:
    (frame,) = converse(gaz, ["반포자이 84 지금 38억에 나와있는데 사도 될까"])
    assert frame.intent is Intent.PRICE_EVALUATION
    assert frame.slots.asking_price_manwon == 380000


# -- narrowing inside the last answer keeps its period and bounds; "조건 없이" drops the conditions -----


def test_among_them_keeps_the_bounds(gaz: Gazetteer) -> None:
    _, _, count = converse(
        gaz, ["잠실동 2024년 매매 시세", "25억 이상만 추려줘", "리센츠는 그 중에 몇 건이야?"]
    )
    assert count.slots.complex == "리센츠"
    assert (count.slots.price_min_manwon, count.slots.period_from) == (250000, "2024-01-01")


def test_a_complex_only_keeps_the_period(gaz: Gazetteer) -> None:
    _, only = converse(gaz, ["반포동 2023년 매매 중위값", "반포자이만 30평대"])
    assert only.slots.complex == "반포자이"
    assert (only.slots.period_from, only.slots.deal_type) == ("2023-01-01", "매매")
    assert only.slots.area_min_m2 == pytest.approx(99.17)


def test_without_conditions_drops_price_and_size(gaz: Gazetteer) -> None:
    _, _, whole = converse(
        gaz, ["잠실동 2024년 84 20억 이하 매매된 거 있어?", "22억 이하로", "트리지움 조건 없이 2024년 전체"]
    )
    assert whole.intent is Intent.MARKET_INQUIRY
    assert (whole.slots.price_max_manwon, whole.slots.area_min_m2) == (None, None)
    assert (whole.slots.complex, whole.slots.period_from) == ("트리지움", "2024-01-01")


def test_the_whole_dong_after_a_complex_keeps_the_rest(gaz: Gazetteer) -> None:
    _, whole = converse(gaz, ["반포자이 2023 매매 최고가", "반포동 전체에서 40억 이상 몇 건이야"])
    assert (whole.slots.complex, whole.slots.dong) == (None, "반포동")
    assert (whole.slots.period_from, whole.slots.price_min_manwon) == ("2023-01-01", 400000)


def test_a_one_sided_size_replaces_the_band(gaz: Gazetteer) -> None:
    _, more = converse(gaz, ["잠실동 2024년 84 매매 시세", "100제곱미터 이상만"])
    assert (more.slots.area_min_m2, more.slots.area_max_m2) == (100.0, None)


def test_the_price_part_of_a_question_with_several_parts(gaz: Gazetteer) -> None:
    _, price = converse(
        gaz, ["파크뷰 최근 매매가 알려주고 연봉 9천이면 대출 얼마인지도", "매매가 말고 전세로 최근 1년"]
    )
    assert price.intent is Intent.MARKET_INQUIRY
    assert price.slots.deal_type == "전세"


# -- complexes by a short form, a part of the name in the chat's 구, an English spelling ---------------


@pytest.mark.parametrize("text", ["래퍼 2024 시세 알려줘", "래퍼 84 실거래 보여줘"])
def test_first_syllables_of_brand_words_name_the_complex(gaz: Gazetteer, text: str) -> None:
    (frame,) = converse(gaz, [text])
    assert frame.slots.complex == "래미안퍼스티지"


def test_a_part_of_a_name_means_the_complex_of_the_chats_district(gaz: Gazetteer) -> None:
    _, again = converse(gaz, ["문정동 2023 매매 시세", "훼밀리타운 2024년은?"])
    assert (again.slots.complex, again.slots.sigungu) == ("올림픽훼밀리타운", "송파구")
    _, honor = converse(gaz, ["개포동 2024 매매 중간값", "아너힐즈 84 매매 30억이면 비싸?"])
    assert honor.slots.complex == "디에이치아너힐즈"
    _, ninth = converse(gaz, ["판교동 2024 매매 몇 건", "한림풀에버만"])
    assert ninth.slots.complex == "판교원마을9단지(한림풀에버)"


def test_english_spellings_and_one_wrong_letter(gaz: Gazetteer) -> None:
    (grand,) = converse(gaz, ["Pangyo Prugio Grand Bleu sales in 2025"])
    assert (grand.slots.complex, grand.slots.dong) == ("판교푸르지오그랑블", "백현동")
    _, typo = converse(gaz, ["Ricenz sale prices in 2024", "Trigium?"])
    assert (typo.slots.complex, typo.slots.period_from) == ("트리지움", "2024-01-01")


# -- intents: errands are off-topic; a definition with hearsay after it is a definition ----------------


@pytest.mark.parametrize(
    "text", ["수내역 주차장 제일 싼 곳", "정자동 주유소 어디가 싸요?", "잠실역 근처 노래방 추천"]
)
def test_errands_near_a_place_are_off_topic(gaz: Gazetteer, text: str) -> None:
    (frame,) = converse(gaz, [text])
    assert frame.intent is Intent.IRRELEVANT


@pytest.mark.parametrize(
    "text", ["전세가율이 무슨 뜻이에요? 요즘 다들 말하던데", "DSR이 뭐예요? 은행에서 그러더라고요"]
)
def test_hearsay_after_a_definition_is_background(gaz: Gazetteer, text: str) -> None:
    (frame,) = converse(gaz, [text])
    assert frame.intent is Intent.TERM_DEFINITION


# -- a place outside the data keeps the 동 said after its 구 ------------------------------------------


@pytest.mark.parametrize(
    ("sigungu", "text", "dong"),
    [
        ("수성구", "대구 수성구 범어동 쪽 시세", "범어동"),
        ("영통구", "수원시 영통구 매탄동에서 전세 구해요", "매탄동"),
        ("해운대구", "부산 해운대구 우동아파트 추천", None),
        ("해운대구", "부산 해운대구 아파트 시세", None),
    ],
)
def test_the_dong_after_an_outside_district(sigungu: str, text: str, dong: str | None) -> None:
    assert _outside_dong(sigungu, text) == dong


# -- long-term memory completes only questions about data --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "집주인이 그 집을 팔았는데 새 집주인한테 보증금 받을 수 있어요?",
        "지난번 그 아파트 계약서 초안 써줘",
        "그 아파트 대출 얼마나 나와요? 연봉 8천",
        "지난번에 본 그 단지 재건축 안전진단이 뭐예요",
    ],
)
def test_memory_never_fills_a_question_of_law_contract_loan_or_word(gaz: Gazetteer, text: str) -> None:
    called: list[Any] = []

    async def recall(*args: Any) -> None:
        called.append(args)

    deps = SimpleNamespace(recall=recall)
    nlu = parse(text, gaz, TODAY)
    assert nlu.intent not in (Intent.PROPERTY_SEARCH, Intent.MARKET_INQUIRY, Intent.PROPERTY_RECOMMENDATION)
    state = {"query": text, "context_intent": None}
    slots, used = asyncio.run(_memory_fill(state, "u1", nlu.slots, nlu, deps, nlu.intent))  # type: ignore[arg-type]
    assert (slots, used, called) == (nlu.slots, [], [])


@pytest.mark.parametrize("then", ["그랑블 시세는?", "그랑블은 전용 110 넘는 것만 봐줘"])
def test_a_short_part_of_a_name_beats_a_guess_outside_the_chats_district(then: str) -> None:
    gaz = Gazetteer.from_rows([*ROWS, GazetteerRow("11650", "반포동", "그랑빌", "11650-9", 30, SEOUL_END)])
    assert parse(then, gaz, TODAY).slots.complex == "그랑빌"  # alone, the nearest spelling anywhere
    *_, back = converse(gaz, ["판교푸르지오그랑블 2025 매매 시세", "전용면적이 뭐예요?", then])
    assert (back.slots.complex, back.slots.sigungu) == ("판교푸르지오그랑블", "분당구")


@pytest.mark.parametrize(
    "then", ["Is 2.5 billion fair for that apartment?", "그 단지 22억이면 적당해?", "거기 23억이면 비싼가요"]
)
def test_a_price_judgement_pointing_back_keeps_what_was_looked_at(gaz: Gazetteer, then: str) -> None:
    _, judged = converse(gaz, ["리센츠 84 2024 매매 시세", then])
    assert judged.intent is Intent.PRICE_EVALUATION
    assert (judged.slots.complex, judged.slots.area_min_m2, judged.slots.period_from) == (
        "리센츠",
        81.0,
        "2024-01-01",
    )
