"""Sixth round of dialogue kinds (sentences written for these tests, not the dev sets'): a question about
another kind of home is a new question; a thought said aloud stays UNCLEAR; a narrowing fragment after a
count of listed deals is the list again (and a frame saved without that marker reads sensibly); a
change of deal type leaves the old price bound behind; a greeting sentence is never the request."""

from __future__ import annotations

import pytest

from agents.dialogue import DATA_FRAME_INTENTS, LISTING_KEY, Act, PreviousFrame, request_part
from agents.domain.slots import Intent
from agents.gazetteer import Gazetteer, GazetteerRow
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, talk

ROWS = [
    GazetteerRow("41135", "서현동", "시범한양", None, 900, BUNDANG_END),
    GazetteerRow("41135", "수내동", "양지마을(한양)", None, 900, BUNDANG_END),
    GazetteerRow("41135", "정자동", "느티마을3단지", None, 800, BUNDANG_END),
    GazetteerRow("11350", "상계동", "상계주공7", "11350-1", 900, SEOUL_END),
    GazetteerRow("11350", "중계동", "중계그린", "11350-2", 900, SEOUL_END),
    GazetteerRow("11440", "아현동", "마포래미안푸르지오", "11440-2", 900, SEOUL_END),
    GazetteerRow("11710", "가락동", "헬리오시티", "11710-1", 900, SEOUL_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


# -- another kind of home -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "분당에 빌라 시세도 알 수 있나요?",
        "분당 오피스텔 가격은 어때요",
        "What are officetel prices like in Bundang?",
        "Is there villa data for Bundang?",
    ],
)
def test_another_kind_of_home_naming_its_place_is_new(gaz: Gazetteer, text: str) -> None:
    first = "분당에 8억 이하로 84 매매할 만한 동네 추천해줘"
    frame = talk(gaz, [first, text])[1]
    assert frame.act is Act.NEW and frame.slots.sigungu == "분당구"
    assert frame.slots.price_max_manwon is None and frame.slots.deal_type is None
    assert frame.slots.area_min_m2 is None and not frame.carried


@pytest.mark.parametrize("text", ["빌라는요?", "오피스텔도 있어요?", "what about villas?", "officetels too?"])
def test_another_kind_of_home_alone_keeps_only_the_place(gaz: Gazetteer, text: str) -> None:
    frame = talk(gaz, ["수내동 아파트 59 전세 5억 이하 작년", text])[1]
    assert frame.slots.sigungu == "분당구" and frame.slots.dong == "수내동"
    assert frame.slots.price_max_manwon is None and frame.slots.deal_type is None
    assert frame.slots.area_min_m2 is None and frame.slots.period_from is None
    assert frame.carried == ("place",) and frame.intent in DATA_FRAME_INTENTS


def test_an_apartment_asked_instead_of_another_home_is_not_another_home(gaz: Gazetteer) -> None:
    frame = talk(gaz, ["수내동 아파트 59 2024년 매매 시세", "오피스텔 말고 아파트 84는?"])[1]
    assert frame.act is not Act.NEW and frame.slots.period_from == "2024-01-01"
    assert frame.slots.area_min_m2 == 81.0


# -- a thought said aloud -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "물가가 계속 올라서 지금 사는 게 맞나 싶어요",
        "요즘 경기가 안 좋아서 집을 사야 하나 고민되네요",
        "전세 사는 게 나을 것 같기도 하고 걱정이에요",
        "Stocks are down so much, I wonder if buying a home is right",
        "I'm not sure buying a home is smart these days",
        "I'm not sure whether buying now makes sense",
    ],
)
def test_a_thought_said_aloud_stays_unclear_without_slots(gaz: Gazetteer, text: str) -> None:
    frames = talk(gaz, ["헬리오시티 2024년 매매 몇 건이에요?", text, "2023년은?"])
    assert frames[1].intent in (Intent.UNCLEAR, Intent.IRRELEVANT) and frames[1].act is Act.NEW
    assert not any(v is not None for _, v in frames[1].slots)
    # the chat's frame is still the complex: a fragment after the thought goes on with it
    assert frames[2].slots.complex == "헬리오시티" and frames[2].slots.period_from == "2023-01-01"


@pytest.mark.parametrize("text", ["전세는요?", "59는?", "그럼 작년은요?"])
def test_fragments_are_still_follow_ups(gaz: Gazetteer, text: str) -> None:
    frame = talk(gaz, ["헬리오시티 84 2024년 매매 시세", text])[1]
    assert frame.act is Act.FOLLOW_UP and frame.slots.complex == "헬리오시티"


# -- a narrowing fragment after a count of listed deals ------------------------------------------------


@pytest.mark.parametrize("narrowing", ["중계동만", "59만", "중계동만 보여줘", "only 59"])
def test_narrowing_a_counted_list_lists_again(gaz: Gazetteer, narrowing: str) -> None:
    turns = ["노원구 6억 이하 2024년 매매 거래 목록 보여줘", "총 몇 건이에요?", narrowing]
    frames = talk(gaz, turns)
    assert frames[1].intent is Intent.MARKET_INQUIRY and frames[1].listing
    assert frames[2].intent is Intent.PROPERTY_SEARCH and frames[2].act is Act.FOLLOW_UP
    assert frames[2].slots.price_max_manwon == 60000


def test_english_count_of_a_list_then_narrowing(gaz: Gazetteer) -> None:
    turns = ["list 2024 sales in Nowon under 600 million won", "how many are there?", "only Junggye-dong"]
    frames = talk(gaz, turns)
    assert [f.intent for f in frames] == [
        Intent.PROPERTY_SEARCH,
        Intent.MARKET_INQUIRY,
        Intent.PROPERTY_SEARCH,
    ]


def test_statistics_then_narrowing_stay_statistics(gaz: Gazetteer) -> None:
    frames = talk(gaz, ["노원구 2024년 매매 시세", "중계동만"])
    assert frames[1].intent is Intent.MARKET_INQUIRY and not frames[1].listing


def test_a_figure_asked_after_a_counted_list_is_a_statistic(gaz: Gazetteer) -> None:
    turns = ["노원구 6억 이하 2024년 매매 거래 목록 보여줘", "몇 건?", "중계동 평균은 얼마예요?"]
    frame = talk(gaz, turns)[2]
    assert frame.intent is Intent.MARKET_INQUIRY and not frame.listing


def test_a_frame_saved_without_the_marker_reads_from_its_intent() -> None:
    context = {"sigungu": "노원구", "sigungu_code": "11350", "price_max_manwon": 50000}
    search = PreviousFrame.from_state(context, "PROPERTY_SEARCH")
    stats = PreviousFrame.from_state(context, "MARKET_INQUIRY")
    assert search is not None and search.listing
    assert stats is not None and not stats.listing
    kept = PreviousFrame.from_state({**context, LISTING_KEY: True}, "MARKET_INQUIRY")
    assert kept is not None and kept.listing


def test_old_frames_still_follow(gaz: Gazetteer) -> None:
    frames = talk(gaz, ["노원구 6억 이하 2024년 매매 거래 목록 보여줘", "중계동만"], marker=False)
    assert frames[1].intent is Intent.PROPERTY_SEARCH


# -- a change of deal type leaves the price bound behind -----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "중계동 전세 시세는 얼마나 해요?",
        "그럼 월세는요?",
        "전세로 보면?",
        "what about jeonse there?",
    ],
)
def test_a_sale_bound_does_not_bound_a_lease(gaz: Gazetteer, text: str) -> None:
    frames = talk(gaz, ["노원구 중계동 6억 이하 2024년 매매 거래 보여줘", text])
    frame = frames[1]
    assert frame.slots.deal_type in ("전세", "월세")
    assert frame.slots.price_max_manwon is None and frame.slots.price_min_manwon is None
    assert frame.slots.period_from == "2024-01-01" and "price" not in frame.carried


def test_a_deposit_bound_of_monthly_rent_does_not_bound_jeonse(gaz: Gazetteer) -> None:
    frames = talk(gaz, ["시범한양 월세 작년", "보증금 5천 이하만", "전세는요"])
    assert frames[1].slots.price_max_manwon == 5000
    assert frames[2].slots.deal_type == "전세" and frames[2].slots.price_max_manwon is None


@pytest.mark.parametrize("text", ["아예 전세로 4억 이하는?", "그 예산으로 전세는?"])
def test_a_bound_said_or_pointed_at_stays(gaz: Gazetteer, text: str) -> None:
    frame = talk(gaz, ["수내동 매매 4억 이하 작년 거래 보여줘", text])[1]
    assert frame.slots.deal_type == "전세" and frame.slots.price_max_manwon == 40000


def test_a_bound_stays_when_the_deal_type_stays(gaz: Gazetteer) -> None:
    frame = talk(gaz, ["수내동 매매 8억 이하 작년 거래 보여줘", "정자동은?"])[1]
    assert frame.slots.price_max_manwon == 80000 and frame.slots.deal_type == "매매"


# -- a greeting is never the request -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "안녕하세요. 정자동에 십년째 사는 사람입니다. 느티마을3단지가 작년에 얼마에 거래됐는지 궁금해서요.",
            "느티마을3단지가 작년에 얼마에 거래됐는지 궁금해서요.",
        ),
        ("안녕하세요! 수내동 전세 시세 좀 알고 싶어서요.", "수내동 전세 시세 좀 알고 싶어서요."),
        ("Hello! I'd like to know Bundang prices. My office is there.", "I'd like to know Bundang prices."),
        ("반갑습니다. 헬리오시티 84 작년 매매가 궁금합니다.", "헬리오시티 84 작년 매매가 궁금합니다."),
    ],
)
def test_a_greeting_sentence_is_not_the_request(text: str, kept: str) -> None:
    assert kept in request_part(text) and not request_part(text).startswith(("안녕", "Hello", "반갑"))


def test_a_greeting_alone_is_kept() -> None:
    assert request_part("안녕하세요.") == "안녕하세요."


def test_a_reason_after_the_request_is_still_dropped() -> None:
    assert request_part("정자동 시세 알려주세요. 남편 직장이 그쪽이라서요.") == "정자동 시세 알려주세요."


def test_a_long_story_with_a_greeting_keeps_the_question(gaz: Gazetteer) -> None:
    text = (
        "안녕하세요. 저희는 서현동에서 오래 산 부부예요. 집을 정리할까 해서 재작년에 시범한양이 얼마에 "
        "팔렸는지 궁금해서요."
    )
    frame = talk(gaz, [text])[0]
    assert frame.intent is Intent.MARKET_INQUIRY and frame.slots.complex == "시범한양"
    assert frame.slots.deal_type == "매매" and frame.slots.period_from == "2024-01-01"


@pytest.mark.parametrize("text", ["전세로 알아보면?", "what about jeonse?", "월세로 찾으면요?"])
def test_a_recommendation_budget_stays_with_another_deal_type(gaz: Gazetteer, text: str) -> None:
    frame = talk(gaz, ["분당에 9억 이하로 매매할 만한 동네 추천해줘", text])[1]
    assert frame.intent is Intent.PROPERTY_RECOMMENDATION and frame.slots.price_max_manwon == 90000
