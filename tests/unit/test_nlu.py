"""Offline NLU over a small hand-made gazetteer (the golden set runs against the real data)."""

from __future__ import annotations

import time
from datetime import date

import pytest

from agents.domain.slots import Intent
from agents.gazetteer import Gazetteer, GazetteerRow, romanize
from agents.nlu import NluResult, parse, recent_period
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, TODAY


def row(
    code: str, dong: str, name: str, cid: str | None, rows: int, latest: date = SEOUL_END
) -> GazetteerRow:
    return GazetteerRow(code, dong, name, cid, rows, latest)


ROWS = [
    row("11680", "대치동", "은마", "11680-218", 369),
    row("11680", "대치동", "개포우성1", "11680-372", 53),
    row("11680", "도곡동", "도곡렉슬", "11680-3623", 377),
    row("11680", "신사동", "신사현대", "11680-1", 227),
    row("11380", "신사동", "신사파크", "11380-1", 926),
    row("11710", "잠실동", "잠실엘스", "11710-6346", 509),
    row("11710", "잠실동", "리센츠", "11710-6249", 615),
    row("11710", "가락동", "헬리오시티", "11710-8865", 957),
    row("11650", "반포동", "래미안퍼스티지", "11650-3559", 339),
    row("11200", "성수동1가", "트리마제", "11200-3141", 812),
    row("11200", "성수동2가", "롯데캐슬파크", "11200-81", 389),
    row("11530", "개봉동", "영화", "11530-9", 12),
    row("11740", "길동", "강동자이", "11740-1", 1832),
    row("11410", "길동", "길동빌", "11410-1", 1),
    row("11440", "아현동", "마포래미안푸르지오1단지", "11440-5407", 97),
    row("11440", "아현동", "마포래미안푸르지오4단지", "11440-5410", 204),
    row("11470", "목동", "목동신시가지7", "11470-23", 212),
    row("11140", "신당동", "현대", "11140-40", 92),
    row("11200", "마장동", "현대", "11200-14", 171),
    row("11230", "이문동", "현대", "11230-63", 97),
    row("41135", "정자동", "느티마을(4단지)(공무원)", None, 837, BUNDANG_END),
    row("41135", "정자동", "파크뷰", None, 1340, BUNDANG_END),
    row("41135", "구미동", "까치마을(1단지)(대우롯데선경)", None, 1286, BUNDANG_END),
    row("41135", "구미동", "까치마을(2단지)(주공)", None, 1180, BUNDANG_END),
    row("41135", "서현동", "시범한양", None, 3577, BUNDANG_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


def run(gaz: Gazetteer, text: str) -> NluResult:
    return parse(text, gaz, TODAY)


# -- gazetteer ---------------------------------------------------------------------------------


def test_from_rows_merges_rows_and_keeps_the_id_with_most_rows() -> None:
    gaz = Gazetteer.from_rows(
        [
            row("11680", "대치동", "은마", "11680-218", 300),
            row("11680", "대치동", "은마", "11680-999", 5, date(2023, 1, 1)),
            row("99999", "어딘가동", "없는구", None, 10),  # a code outside domain/regions.py is ignored
        ]
    )
    (eunma,) = gaz.complexes
    assert (eunma.complex_id, eunma.rows) == ("11680-218", 305)
    assert gaz.dong_rows[("대치동", "11680")] == 305
    assert gaz.latest == {"11680": SEOUL_END}


def test_dongs_map_to_every_sigungu_that_has_them(gaz: Gazetteer) -> None:
    assert gaz.dongs["신사동"] == frozenset({"11680", "11380"})


def test_complex_without_source_id_gets_a_stable_entity_id(gaz: Gazetteer) -> None:
    result = run(gaz, "시범한양 시세")
    assert result.slots.complex_id is None
    assert result.entities[0].id == "41135:서현동:시범한양"


def test_romanization_is_good_enough_for_place_names() -> None:
    assert [romanize(w) for w in ("대치", "잠실", "압구정", "신림", "정자")] == [
        "daechi",
        "jamsil",
        "apgujeong",
        "sillim",
        "jeongja",
    ]


# -- places ------------------------------------------------------------------------------------


def test_eunma_apartment_resolves_to_the_daechi_complex(gaz: Gazetteer) -> None:
    slots = run(gaz, "대치동 은마아파트 84㎡ 최근 실거래가").slots
    assert (slots.sigungu, slots.sigungu_code, slots.dong) == ("강남구", "11680", "대치동")
    assert (slots.complex, slots.complex_id) == ("은마", "11680-218")


@pytest.mark.parametrize(
    "text", ["잠실 엘스 시세", "잠실엘스 시세", "잠실엘쓰 시세", "jamsil els price", "엘스 잠실동 시세"]
)
def test_spacing_typo_and_english_variants_find_the_same_complex(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).slots.complex == "잠실엘스"


def test_typo_match_is_recorded_as_an_ambiguity(gaz: Gazetteer) -> None:
    result = run(gaz, "레미안 퍼스티지 실거래가")
    assert result.slots.complex == "래미안퍼스티지"
    assert any("오타" in a.reason for a in result.ambiguities)


def test_ambiguous_dong_is_resolved_by_the_gu_in_the_same_message(gaz: Gazetteer) -> None:
    result = run(gaz, "강남구 신사동 아파트 매매 20억 이하")
    assert (result.slots.sigungu, result.slots.dong) == ("강남구", "신사동")
    assert result.ambiguities == []


def test_ambiguous_dong_without_a_gu_picks_the_one_with_most_data_and_says_so(gaz: Gazetteer) -> None:
    result = run(gaz, "신사동 아파트 시세")
    assert result.slots.sigungu == "은평구"
    assert result.ambiguities[0].candidates == ["은평구 신사동", "강남구 신사동"] or set(
        result.ambiguities[0].candidates
    ) == {"은평구 신사동", "강남구 신사동"}


def test_dong_group_name_covers_every_member(gaz: Gazetteer) -> None:
    result = run(gaz, "성수동 아파트 시세")
    assert result.slots.dong == "성수동"
    assert result.slots.dong_parts == ["성수동1가", "성수동2가"]


def test_two_letter_dong_needs_a_word_boundary(gaz: Gazetteer) -> None:
    assert run(gaz, "길동 아파트 매매가").slots.dong == "길동"
    assert run(gaz, "홍길동 아파트 매매가").slots.dong is None


def test_gu_written_without_gu_and_in_english(gaz: Gazetteer) -> None:
    assert run(gaz, "송파 아파트 시세").slots.sigungu == "송파구"
    assert run(gaz, "apartments in Songpa-gu").slots.sigungu == "송파구"
    assert run(gaz, "Gangnam apartment prices").slots.sigungu == "강남구"
    assert run(gaz, "성남 분당 아파트 시세").slots.sigungu == "분당구"


def test_series_name_without_number_picks_the_largest_member(gaz: Gazetteer) -> None:
    assert run(gaz, "마포래미안푸르지오 시세").slots.complex == "마포래미안푸르지오4단지"


def test_parenthesised_names_match_their_parts(gaz: Gazetteer) -> None:
    assert run(gaz, "정자동 느티마을 4단지 시세").slots.complex == "느티마을(4단지)(공무원)"
    assert run(gaz, "까치마을 2단지 매매").slots.complex == "까치마을(2단지)(주공)"


def test_numbered_complex_accepts_danji_suffix(gaz: Gazetteer) -> None:
    assert run(gaz, "목동신시가지7단지 실거래가").slots.complex == "목동신시가지7"


def test_complex_inside_the_mentioned_dong_is_preferred(gaz: Gazetteer) -> None:
    assert run(gaz, "마장동 현대 시세").slots.complex_id == "11200-14"


def test_brand_without_a_place_is_not_a_complex(gaz: Gazetteer) -> None:
    assert run(gaz, "현대 아파트 시세").slots.complex is None


def test_short_name_that_is_an_everyday_word_is_not_matched_off_topic(gaz: Gazetteer) -> None:
    result = run(gaz, "영화 추천해줘")
    assert result.intent == Intent.IRRELEVANT
    assert result.slots.complex is None


def test_unknown_region_is_reported_and_fills_nothing(gaz: Gazetteer) -> None:
    result = run(gaz, "부산 해운대구 아파트 시세")
    assert result.unknown_regions == ["부산광역시 해운대구"]  # named once, in full
    assert result.slots.sigungu is None


# -- intents -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("분당 정자동 전세 5억 이하 30평대", Intent.PROPERTY_SEARCH),
        ("송파구 아파트 2024년 평균 매매가 추이", Intent.MARKET_INQUIRY),
        ("이 가격 적정해? 잠실엘스 84㎡ 25억", Intent.PRICE_EVALUATION),
        ("전세 계약 갱신요구권 몇 번 쓸 수 있어?", Intent.LEGAL_INQUIRY),
        ("DSR이 뭐야", Intent.TERM_DEFINITION),
        ("연봉 8천에 6억 아파트 대출 얼마나 나와?", Intent.LOAN_CONSULT),
        ("5억에 사서 월세 150 받으면 수익률 몇 프로야", Intent.ROI_CALCULATION),
        ("분당에서 학군 좋은 아파트 추천", Intent.PROPERTY_RECOMMENDATION),
        ("임대차 계약서 써줘", Intent.CONTRACT_CREATION),
        ("오늘 서울 날씨 어때?", Intent.IRRELEVANT),
        ("음…", Intent.UNCLEAR),
    ],
)
def test_each_intent_has_a_recognisable_question(gaz: Gazetteer, text: str, intent: Intent) -> None:
    assert run(gaz, text).intent == intent


def test_comprehensive_keeps_the_parts_in_the_order_asked(gaz: Gazetteer) -> None:
    result = run(gaz, "잠실엘스 시세 알려주고 연봉 1억이면 대출 얼마나 나오는지도 계산해줘")
    assert result.intent == Intent.COMPREHENSIVE
    assert result.sub_intents == [Intent.MARKET_INQUIRY, Intent.LOAN_CONSULT]


def test_definition_of_a_legal_term_is_a_term_question(gaz: Gazetteer) -> None:
    assert run(gaz, "확정일자가 뭐야?").intent == Intent.TERM_DEFINITION
    assert run(gaz, "확정일자 받으면 대항력 생기나요?").intent == Intent.LEGAL_INQUIRY


def test_ranking_question_is_market_not_evaluation(gaz: Gazetteer) -> None:
    assert run(gaz, "서울에서 제일 비싼 아파트 어디야").intent == Intent.MARKET_INQUIRY


# -- slots -------------------------------------------------------------------------------------


def test_loan_question_takes_the_price_as_the_home_price(gaz: Gazetteer) -> None:
    slots = run(gaz, "연봉 8천에 6억 아파트 대출 얼마나 나와?").slots
    assert (slots.annual_income_manwon, slots.asking_price_manwon, slots.price_max_manwon) == (
        8000,
        60000,
        None,
    )


def test_search_takes_a_bare_price_as_the_budget(gaz: Gazetteer) -> None:
    slots = run(gaz, "강남구 6억 아파트 매물 찾아줘").slots
    assert (slots.price_max_manwon, slots.asking_price_manwon) == (60000, None)


def test_monthly_rent_search(gaz: Gazetteer) -> None:
    slots = run(gaz, "서현동 월세 보증금 5천 이하 월 100 이하").slots
    assert (slots.deal_type, slots.price_max_manwon, slots.monthly_rent_max_manwon) == ("월세", 5000, 100)


def test_roi_keeps_rent_as_income_not_as_a_deal_type(gaz: Gazetteer) -> None:
    slots = run(gaz, "보증금 1억 월세 200 오피스텔 임대수익률 계산해줘 매입가 8억").slots
    assert (slots.asking_price_manwon, slots.deposit_manwon, slots.monthly_rent_manwon) == (80000, 10000, 200)
    assert slots.deal_type is None


def test_bare_area_after_a_complex_name(gaz: Gazetteer) -> None:
    slots = run(gaz, "은마 84 22억이면 비싼거야?").slots
    assert (slots.area_min_m2, slots.area_max_m2, slots.asking_price_manwon) == (81.0, 87.0, 220000)


@pytest.mark.parametrize(
    ("text", "deal"),
    [
        ("전세 시세", "전세"),
        ("반전세 매물", "월세"),
        ("월 100 매물", None),
        ("실거래가 알려줘", "매매"),
        ("사고 싶은 아파트", "매매"),
        ("전월세 시세", None),
        ("jeonse prices", "전세"),
        ("monthly rent listings", "월세"),
        ("apartments for sale", "매매"),
    ],
)
def test_deal_type_words(gaz: Gazetteer, text: str, deal: str | None) -> None:
    assert run(gaz, "강남구 " + text).slots.deal_type == deal


def test_law_name_and_article(gaz: Gazetteer) -> None:
    slots = run(gaz, "주택임대차보호법 제6조의3 내용 알려줘").slots
    assert (slots.law_name, slots.article) == ("주택임대차보호법", "6의3")
    assert run(gaz, "주임법 3조 대항력").slots.article == "3"
    assert run(gaz, "상임법 제10조").slots.law_name == "상가건물임대차보호법"


def test_recent_uses_the_latest_data_month_of_the_region(gaz: Gazetteer) -> None:
    seoul = run(gaz, "은마 최근 실거래가")
    bundang = run(gaz, "정자동 파크뷰 최근 실거래가")
    assert (seoul.slots.period_from, seoul.slots.period_to) == ("2024-01-01", "2024-12-31")
    assert (bundang.slots.period_from, bundang.slots.period_to) == ("2025-01-01", "2025-12-31")
    assert seoul.wants_recent and seoul.recent_months == 12


def test_recent_without_a_region_uses_the_latest_month_overall(gaz: Gazetteer) -> None:
    slots = run(gaz, "아까 그 아파트 최근 시세는?").slots
    assert (slots.period_from, slots.period_to) == ("2025-01-01", "2025-12-31")


def test_recent_period_can_be_recomputed_once_memory_knows_the_region(gaz: Gazetteer) -> None:
    assert recent_period(gaz, "11680", 3) == ("2024-10-01", "2024-12-31")


def test_missing_required_slots(gaz: Gazetteer) -> None:
    assert run(gaz, "이 가격 적정해? 25억").missing == ["complex"]
    assert run(gaz, "대출 얼마나 나와?").missing == ["annual_income_manwon", "asking_price_manwon"]
    assert run(gaz, "임대차 계약서 써줘").missing == ["deal_type"]
    assert run(gaz, "아파트 시세 알려줘").missing == ["sigungu"]
    assert run(gaz, "DSR이 뭐야").missing == []


@pytest.mark.parametrize(
    "text",
    ["지난번에 본 단지 시세", "아까 그 아파트 전세", "그 단지 84㎡ 얼마야", "this price for that apartment?"],
)
def test_references_to_earlier_turns_are_flagged(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).references_previous


def test_irrelevant_and_unclear_carry_no_slots(gaz: Gazetteer) -> None:
    for text in ("강남역 맛집 추천해줘", "ㅋㅋㅋ"):
        result = run(gaz, text)
        assert result.slots.model_dump(exclude_none=True) == {}
        assert result.entities == []


def test_entities_name_complex_dong_and_sigungu(gaz: Gazetteer) -> None:
    entities = run(gaz, "은마 시세").entities
    assert [(e.type, e.name, e.id) for e in entities] == [
        ("complex", "은마", "11680-218"),
        ("dong", "대치동", "11680:대치동"),
        ("sigungu", "강남구", "11680"),
    ]


# -- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\t", "😀😀🏠", "?", "…", "ㅋㅋㅋㅋ"])
def test_empty_and_symbol_only_messages_are_unclear(gaz: Gazetteer, text: str) -> None:
    result = run(gaz, text)
    assert result.intent == Intent.UNCLEAR
    assert result.slots.model_dump(exclude_none=True) == {}


def test_sql_looking_text_is_just_text(gaz: Gazetteer) -> None:
    assert run(gaz, "'; DROP TABLE apt_trades; --").intent == Intent.IRRELEVANT
    assert run(gaz, "은마 시세' OR 1=1 --").slots.complex == "은마"


def test_mixed_scripts_and_odd_characters(gaz: Gazetteer) -> None:
    assert run(gaz, "Gangnam 아파트 시세 2024 ✨ おすすめ").slots.sigungu == "강남구"
    assert run(gaz, "강남\u200b구 아파트\u00a0시세\x00").slots.sigungu == "강남구"
    assert run(gaz, "강남구　８４㎡　５억 이하").slots.price_max_manwon == 50000


def test_ten_thousand_characters_are_truncated_and_fast(gaz: Gazetteer) -> None:
    text = ("은마 아파트 84㎡ 최근 실거래가 알려줘 " * 500)[:10_000]
    started = time.perf_counter()
    result = run(gaz, text)
    assert time.perf_counter() - started < 0.5
    assert result.truncated and result.slots.complex == "은마"


def test_parse_is_deterministic(gaz: Gazetteer) -> None:
    text = "분당 정자동 전세 5억 이하 30평대 최근"
    assert run(gaz, text) == run(gaz, text)
