"""Round 11c dialogue rules (sentences written for these tests, not the dev sets'): a question stated
whole starts fresh; a value taken back inside one message is replaced; an indirect follow-up keeps the
filter in force; seasons and the ends of a year asked alone; English sums by role in a draft; an edit
never moves the draft's home by accident; a list asked for after a count; a comparison after a list is
statistics; new filters after a two-part question are its data part; a clause ordered after a draft."""

from __future__ import annotations

import pytest

from agents.approval import _names_place
from agents.dialogue import drop_self_corrected, part_period, year_part_months
from agents.domain.slots import Intent, Slots
from agents.gazetteer import Gazetteer, GazetteerRow
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, talk

ROWS = [
    GazetteerRow("11740", "고덕동", "고덕그라시움", "11740-9", 900, SEOUL_END),
    GazetteerRow("11650", "반포동", "반포자이", "11650-200", 900, SEOUL_END),
    GazetteerRow("11710", "가락동", "헬리오시티", "11710-5", 900, SEOUL_END),
    GazetteerRow("41135", "이매동", "이매촌한신", None, 800, BUNDANG_END),
    GazetteerRow("41135", "정자동", "한솔마을(4단지)(주공)", None, 800, BUNDANG_END),
    GazetteerRow("41135", "서현동", "시범한양", None, 800, BUNDANG_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


def _year(slots: Slots) -> tuple[str | None, str | None]:
    return slots.period_from, slots.period_to


# -- a question stated whole starts fresh -------------------------------------------------------------

CAPPED_LEASE = "분당 전세 84 보증금 1억 이하 보여줘"
SIZED_SALE = "강동구 84 매매 시세 알려줘"


@pytest.mark.parametrize(
    ("first", "text"),
    [
        (CAPPED_LEASE, "재작년 분당 전세 거래 몇건이었어요?"),
        (CAPPED_LEASE, "2023년 분당 전세 거래량 알려주세요"),
        (SIZED_SALE, "2021년 강동구 아파트 매매 거래량 알려주세요"),
        (SIZED_SALE, "How many apartments sold in Gangdong in 2022?"),
    ],
)
def test_a_question_stated_whole_starts_fresh(gaz: Gazetteer, first: str, text: str) -> None:
    frame = talk(gaz, [first, text])[-1]
    assert frame.slots.area_min_m2 is None and frame.slots.area_max_m2 is None
    assert frame.slots.price_max_manwon is None
    assert frame.slots.period_from is not None


@pytest.mark.parametrize(
    "text", ["그럼 2023년 분당 전세는요?", "2023년 분당 전세도 알려줘", "what about 2023?"]
)
def test_a_follow_up_marker_still_inherits(gaz: Gazetteer, text: str) -> None:
    frame = talk(gaz, [CAPPED_LEASE, text])[-1]
    assert frame.slots.price_max_manwon == 10000 and frame.slots.area_min_m2 == 81.0


# -- a value taken back inside one message --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("분당 전세 4억 이하 아니 4억5천 이하로 보여줘", "분당 전세 4억5천 이하로 보여줘"),
        ("송파 매매 10억 아니 12억 이하", "송파 매매 12억 이하"),
        ("강남 아니 서초 84 시세", "서초 84 시세"),
        ("2023 아니 2024년 송파 거래량", "2024년 송파 거래량"),
        ("84 no wait 59 in Mapo", "59 in Mapo"),
        ("deposit 500 million no wait 450 million", "deposit 450 million"),
        ("Songpa sales in 2022 I mean 2023", "Songpa sales in 2023"),
    ],
)
def test_the_value_after_a_retraction_replaces_the_one_before(text: str, left: str) -> None:
    assert drop_self_corrected(text) == left


@pytest.mark.parametrize("text", ["강남 아니면 서초 어디가 나아요", "전세가 아니라 월세예요"])
def test_an_alternative_or_a_contrast_is_no_retraction(text: str) -> None:
    assert drop_self_corrected(text) == text


def test_a_retracted_cap_is_not_the_filter(gaz: Gazetteer) -> None:
    frame = talk(gaz, ["분당 전세 4억 이하 아니 4억5천 이하로 25년 하반기꺼 보여줘"])[-1]
    assert frame.slots.price_max_manwon == 45000
    frame = talk(gaz, ["분당 월세 보증금 3천 아니 5천 이하 보여줘"])[-1]
    assert frame.slots.price_max_manwon == 5000


# -- an indirect follow-up keeps the filter ---------------------------------------------------------------

RENT_SEARCH = "분당 이매동 월세 보증금 3천 이하 월세 120 이하 24년 거래 보여줘"


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("23년엔 어땠는지도 궁금하네요", 2023),
        ("22년은 어땠을지 궁금하네", 2022),
        ("2023년 것도 알 수 있을까요", 2023),
        ("what about 2023, if you have it", 2023),
    ],
)
def test_an_indirect_follow_up_keeps_the_filter(gaz: Gazetteer, text: str, year: int) -> None:
    frame = talk(gaz, [RENT_SEARCH, text])[-1]
    assert frame.intent in (Intent.PROPERTY_SEARCH, Intent.MARKET_INQUIRY)
    assert frame.slots.dong == "이매동" and frame.slots.deal_type == "월세"
    assert frame.slots.price_max_manwon == 3000 and frame.slots.monthly_rent_max_manwon == 120
    assert _year(frame.slots) == (f"{year}-01-01", f"{year}-12-31")


# -- seasons and the ends of a year ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "months"),
    [("가을은?", (9, 11)), ("연말은?", (10, 12)), ("봄만요", (3, 5)), ("what about the fall?", (9, 11))],
)
def test_a_season_said_alone(text: str, months: tuple[int, int]) -> None:
    assert year_part_months(text) == months


def test_winter_runs_into_the_next_year() -> None:
    assert part_period(2024, (12, 14)) == ("2024-12-01", "2025-02-28")
    assert part_period(2023, (12, 14)) == ("2023-12-01", "2024-02-29")
    assert year_part_months("will prices fall?") is None


@pytest.mark.parametrize(
    ("text", "period"),
    [("가을은?", ("2024-09-01", "2024-11-30")), ("연말은요", ("2024-10-01", "2024-12-31"))],
)
def test_a_season_of_the_year_in_force(gaz: Gazetteer, text: str, period: tuple[str, str]) -> None:
    frame = talk(gaz, ["송파 24년 봄 매매 시세", text])[-1]
    assert _year(frame.slots) == period


# -- contract drafts -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "deposit", "rent"),
    [
        (
            "Could you draft a jeonse contract at Hansol Maeul 4-danji? Deposit would be 450 million won",
            45000,
            None,
        ),
        ("draft a wolse contract, deposit of 50 million and monthly rent of 1.5 million", 5000, 150),
    ],
)
def test_english_sums_of_a_draft_by_role(gaz: Gazetteer, text: str, deposit: int, rent: int | None) -> None:
    frame = talk(gaz, [text])[-1]
    assert frame.intent is Intent.CONTRACT_CREATION
    assert frame.slots.deposit_manwon == deposit and frame.slots.monthly_rent_manwon == rent
    assert frame.slots.asking_price_manwon is None


HOME = {"sigungu": "분당구", "dong": "정자동", "complex": "한솔마을(4단지)(주공)"}


@pytest.mark.parametrize(
    ("reply", "place", "moves"),
    [
        (
            "please change the deposit to 420 million",
            {"sigungu": "강서구", "dong": "화곡동", "complex": "창대"},
            False,
        ),
        (
            "월세 80으로 깎아서 다시 정리해줘",
            {"sigungu": "강서구", "dong": "화곡동", "complex": "창대"},
            False,
        ),
        ("금곡동 청솔마을로 바꿔줘", {"sigungu": "분당구", "dong": "금곡동", "complex": "청솔마을"}, True),
        ("change the address to Geumgok-dong", {"sigungu": "분당구", "dong": "금곡동"}, True),
    ],
)
def test_an_edit_moves_the_home_only_when_it_names_one(
    reply: str, place: dict[str, str], moves: bool
) -> None:
    assert _names_place(reply, place, HOME) is moves
    assert _names_place(reply, place, {}) is True  # a draft with no home yet takes the one named


@pytest.mark.parametrize("text", ["계약기간은 2년으로 넣어줘요", "특약에 반려동물 조항 추가해주세요"])
def test_a_clause_ordered_after_a_draft_edits_it(gaz: Gazetteer, text: str) -> None:
    frame = talk(gaz, ["전세 계약서 초안 좀 써줄 수 있어요? 보증금 4억이요", text])[-1]
    assert frame.intent is Intent.CONTRACT_CREATION and frame.slots.deposit_manwon == 40000


def test_a_question_of_law_after_a_draft_stays_one(gaz: Gazetteer) -> None:
    frame = talk(gaz, ["월세 계약서 써줘 보증금 2천 월 90", "계약기간 2년이면 중간에 나가도 되나요?"])[-1]
    assert frame.intent is Intent.LEGAL_INQUIRY


# -- lists, comparisons, two-part questions ------------------------------------------------------------------


@pytest.mark.parametrize(
    "turns",
    [
        [
            "헬리오시티 84 23억 괜찮아요?",
            "24년 거래 몇건이나 있었어요?",
            "그중에 제일 비싼건 얼마였는지 리스트로 보여줘",
        ],
        ["반포자이 59 25억 부르는데 괜찮아?", "24년 거래 몇 건이었어?", "그 중 제일 싼 거 목록으로 보여줘"],
        [
            "Is 2.3 billion fair for an 84 at Helio City?",
            "how many deals in 2024?",
            "show the most expensive ones as a list",
        ],
    ],
)
def test_a_list_asked_after_a_count_lists_the_judged_home(gaz: Gazetteer, turns: list[str]) -> None:
    frame = talk(gaz, turns)[-1]
    assert frame.intent is Intent.PROPERTY_SEARCH and frame.slots.complex is not None
    assert frame.slots.area_min_m2 is not None


@pytest.mark.parametrize("text", ["list them", "can you show me those deals?", "show them please"])
def test_list_them_lists_the_question_in_force(gaz: Gazetteer, text: str) -> None:
    frame = talk(gaz, ["How many apartments sold in Gangdong in 2021?", text])[-1]
    assert frame.intent is Intent.PROPERTY_SEARCH and frame.slots.sigungu == "강동구"
    assert _year(frame.slots) == ("2021-01-01", "2021-12-31")


@pytest.mark.parametrize("text", ["22년이랑 비교하면 어때요", "작년이랑 비교해 주세요"])
def test_a_comparison_after_a_list_is_statistics(gaz: Gazetteer, text: str) -> None:
    frame = talk(gaz, ["강동구 5억에서 7억 사이 59 거래 보여줘 21년꺼", text])[-1]
    assert frame.intent is Intent.MARKET_INQUIRY and frame.slots.price_min_manwon == 50000


@pytest.mark.parametrize(
    ("first", "text"),
    [
        ("강동구 23년 매매 중간값이랑 계약갱신청구권이 뭔지도 알려줘", "강동 21년으로만 다시"),
        ("강동구 24년 시세랑 전세사기 예방법 알려줘", "22년 기준으로요"),
    ],
)
def test_new_filters_after_a_two_part_question_are_its_data_part(
    gaz: Gazetteer, first: str, text: str
) -> None:
    frame = talk(gaz, [first, text])[-1]
    assert frame.intent is Intent.MARKET_INQUIRY and frame.slots.sigungu == "강동구"


# -- a 구 said as an answer, an interjection before a short name ---------------------------------------------


@pytest.mark.parametrize(
    ("first", "answer"),
    [("고덕동 아파트 거래 좀 보여줄래요?", "강동이요"), ("반포동 거래 보여줘", "서초구요")],
)
def test_the_gu_of_the_dong_in_force_confirms_it(gaz: Gazetteer, first: str, answer: str) -> None:
    frame = talk(gaz, [first, answer])[-1]
    assert frame.slots.dong in ("고덕동", "반포동")


def test_the_gu_asked_back_widens(gaz: Gazetteer) -> None:
    assert talk(gaz, ["반포동 거래 보여줘", "서초구는?"])[-1].slots.dong is None


@pytest.mark.parametrize("text", ["아 둘다 말고 반포자이요", "아 반포자이요", "음 반포자이는요"])
def test_an_interjection_does_not_hide_a_name(gaz: Gazetteer, text: str) -> None:
    frame = talk(gaz, ["헬리오시티 요즘 실거래", "고덕그라시움은?", text])[-1]
    assert frame.slots.complex == "반포자이"


@pytest.mark.parametrize("text", ["아 잘못봄 십팔억이래", "다시 해봄", "한번 물어봄"])
def test_bo_da_is_no_spring(text: str) -> None:
    """봄 after a verb's stem is 보다 ("잘못봄": I misread), never the spring of the year in force."""
    assert year_part_months(text) is None
