"""Kinds of everyday phrasing the offline NLU reads (issue 13), each pinned with sentences written for
these tests — never copied from an evaluation set — so a test guards the rule, not one wording."""

from __future__ import annotations

import pytest

from agents.domain.slots import Intent
from agents.domain.units import normalize, parse_area, parse_money
from agents.gazetteer import Gazetteer, GazetteerRow
from agents.nlu import NluResult, parse
from tests.unit.nlu_support import BUNDANG_END, SEOUL_END, TODAY

ROWS = [
    GazetteerRow("11680", "대치동", "은마", "11680-218", 369, SEOUL_END),
    GazetteerRow("11680", "개포동", "개포자이프레지던스", "11680-9001", 120, SEOUL_END),
    GazetteerRow("11710", "가락동", "헬리오시티", "11710-8865", 957, SEOUL_END),
    GazetteerRow("11710", "문정동", "문정동아", "11710-82", 40, SEOUL_END),
    GazetteerRow("11710", "문정동", "올림픽훼밀리타운", "11710-1200", 300, SEOUL_END),
    GazetteerRow("11350", "상계동", "상계주공7", "11350-700", 200, SEOUL_END),
    GazetteerRow("11440", "공덕동", "공덕자이", "11440-300", 150, SEOUL_END),
    GazetteerRow("41135", "정자동", "파크뷰", None, 1340, BUNDANG_END),
    GazetteerRow("41135", "서현동", "시범한양", None, 3577, BUNDANG_END),
    GazetteerRow("41135", "야탑동", "장미마을(현대)", None, 800, BUNDANG_END),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_rows(ROWS)


def run(gaz: Gazetteer, text: str) -> NluResult:
    return parse(text, gaz, TODAY)


# -- the deals themselves vs a price level ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "헬리오시티 올해 초 거래",  # 올해 초: no figure word, the deals are what is asked for
        "정자동 전세 최근 거래들",
        "문정동 재작년 매매 거래만",
        "2022년 공덕동 거래",
        "Show me the apartment sales in Mapo for 2023",
        "any recent jeonse deals in Jeongja-dong?",
    ],
)
def test_asking_for_the_deals_is_a_search(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).intent == Intent.PROPERTY_SEARCH


@pytest.mark.parametrize(
    "text",
    [
        "헬리오시티 2023년 실거래",  # 실거래 alone names the price level
        "상계동 2021년 거래 몇 건이야",
        "문정동 작년 거래량",
        "how many apartment sales were there in Gangnam in 2022",
        "number of sales in Songpa 2021",
    ],
)
def test_counting_or_pricing_deals_is_market(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).intent == Intent.MARKET_INQUIRY


@pytest.mark.parametrize(
    "text",
    [
        "개포자이프레지던스 59가 작년에 얼마에 팔렸는지 알 수 있을까요",
        "은마가 2022년에 20억 넘게 팔렸다는데 사실이야?",
        "정자동 요즘 월세 얼마쯤 해요",
        "서현동 전세 보증금 3억 이하로는 얼마 정도 하나요",
        "저희는 야탑동 쪽을 보고 있어요. 야탑동 매매 요즘 얼마 정도 해요?",
    ],
)
def test_what_things_sold_for_is_market(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).intent == Intent.MARKET_INQUIRY


@pytest.mark.parametrize(
    "text",
    ["강남구 아파트", "정자동 전세", "분당 아파트 좀 볼게요", "노원구 상계동", "마포구 공덕동 매매"],
)
def test_a_place_said_alone_starts_a_search(gaz: Gazetteer, text: str) -> None:
    result = run(gaz, text)
    assert result.intent == Intent.PROPERTY_SEARCH
    assert result.confidence < 0.6  # no cue of its own: a follow-up still keeps the earlier task


@pytest.mark.parametrize("text", ["강남구 아파트 2023년", "헬리오시티", "정자동 84"])
def test_a_place_with_a_period_size_or_complex_asks_the_price_level(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).intent == Intent.MARKET_INQUIRY


# -- remarks, fillers and pointers ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["아 진짜 전세값 많이 올랐구나ㅠ", "집값 생각보다 엄청 비싸네요", "대출 이자가 장난 아니네요ㅋㅋ"],
)
def test_a_remark_alone_asks_nothing(gaz: Gazetteer, text: str) -> None:
    result = run(gaz, text)
    assert result.intent == Intent.UNCLEAR
    assert not any(v is not None for _, v in result.fragment_slots)


def test_a_remark_before_the_question_gives_no_task(gaz: Gazetteer) -> None:
    result = run(gaz, "와 비싸네요ㅠ 그럼 7억 아래로 거래된 건 있어요?")
    assert result.intent == Intent.PROPERTY_SEARCH  # "비싸" judged no price: it was a remark
    assert result.slots.price_max_manwon == 70000


@pytest.mark.parametrize("text", ["그거 있잖아", "저기 혹시 그거", "이거 어떻게 됐나요?", "음 그게 뭐더라"])
def test_pointers_and_fillers_are_unclear(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).intent == Intent.UNCLEAR


# -- definitions ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "LTV 70%라는 게 무슨 뜻이야",
        "DTI 50프로가 정확히 뭐예요",
        "집주인이 근저당이 있다고 하던데 그게 뭐예요?",
        "What does 전입신고 mean",
        "so 대항력 stands for what?",
    ],
)
def test_definitions_in_everyday_shapes(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).intent == Intent.TERM_DEFINITION


def test_a_ratio_with_a_calculation_stays_a_loan_question(gaz: Gazetteer) -> None:
    assert run(gaz, "LTV 60%로 다시 계산해줘").intent == Intent.LOAN_CONSULT


# -- two requests, checklists and rights ---------------------------------------------------------


def test_both_parts_asked_keep_both_tasks(gaz: Gazetteer) -> None:
    result = run(gaz, "파크뷰 전세 시세랑 들어갈 때 챙길 거 둘 다 알려줘")
    assert result.intent == Intent.COMPREHENSIVE
    assert Intent.MARKET_INQUIRY in result.sub_intents


@pytest.mark.parametrize(
    "text", ["월세 보증금 5천 월 150으로 놓으면 어떻게 돼요?", "보증금 2억에 월 50 받으면 어떻게 돼?"]
)
def test_letting_at_a_rent_is_no_rights_question(gaz: Gazetteer, text: str) -> None:
    assert run(gaz, text).intent != Intent.LEGAL_INQUIRY


def test_a_question_of_law_carries_no_place_or_period(gaz: Gazetteer) -> None:
    result = run(gaz, "작년에 서현동 아파트 월세로 들어왔는데 집주인이 보증금 올려달래요 응해야 돼요?")
    assert result.intent == Intent.LEGAL_INQUIRY
    assert (result.slots.sigungu, result.slots.dong, result.slots.period_from) == (None, None, None)
    assert result.slots.deal_type is None  # the lease is the story: legal turns carry only law/article


@pytest.mark.parametrize(
    ("text", "deal"),
    [
        ("실거래 신고 안 하면 과태료 있어?", None),  # reporting any deal, not a purchase
        ("집 사고 나서 취득세 신고 기한이 언제야", None),
        ("Can my landlord raise the rent by 10% when I renew?", None),
    ],
)
def test_deal_type_in_questions_of_law(gaz: Gazetteer, text: str, deal: str | None) -> None:
    result = run(gaz, text)
    assert result.intent == Intent.LEGAL_INQUIRY
    assert result.slots.deal_type == deal


# -- buying words ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["분당에 8억 안쪽으로 살 만한 아파트 추천", "마포구 9억 이하로 사기 좋은 단지 추천해줘"],
)
def test_worth_buying_is_a_sale(gaz: Gazetteer, text: str) -> None:
    result = run(gaz, text)
    assert result.intent == Intent.PROPERTY_RECOMMENDATION
    assert result.slots.deal_type == "매매"


def test_a_good_place_to_live_names_no_deal(gaz: Gazetteer) -> None:
    assert run(gaz, "분당에 살기 좋은 동네 추천해줘").slots.deal_type is None


# -- a place with particles piled on is that place -------------------------------------------------


@pytest.mark.parametrize("text", ["문정동은요?", "문정동이요", "문정동에서는요?"])
def test_no_complex_is_guessed_from_a_place_and_its_particles(gaz: Gazetteer, text: str) -> None:
    result = run(gaz, text)
    assert result.slots.dong == "문정동"
    assert result.slots.complex is None


def test_a_complex_named_in_full_is_still_found(gaz: Gazetteer) -> None:
    assert run(gaz, "문정동아 시세").slots.complex == "문정동아"


# -- amounts and sizes in the roles a follow-up needs --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "manwon"),
    [("예산은 6억이에요", 60000), ("budget is 900 million won", 90000), ("예산 한 7억5천", 75000)],
)
def test_a_budget_is_a_ceiling(text: str, manwon: int) -> None:
    (money,) = parse_money(normalize(text))
    assert (money.manwon, money.bound) == (manwon, "max")


def test_a_word_after_a_budget_still_decides_its_side() -> None:
    (money,) = parse_money(normalize("예산은 4억 이상으로 잡고 있어요"))
    assert (money.manwon, money.bound) == (40000, "min")


def test_a_rent_with_an_object_particle_is_monthly() -> None:
    (money,) = parse_money(normalize("월세를 180으로 올리면"))
    assert (money.manwon, money.role) == (180, "monthly")


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("면적 85 이상", 85.0, None), ("면적은 60 이하", None, 60.0), ("40평대요", 132.23, 165.29)],
)
def test_area_words(text: str, low: float | None, high: float | None) -> None:
    (area,) = parse_area(normalize(text))
    assert (area.min_m2, area.max_m2) == (low, high)


def test_a_follow_up_reads_its_amounts_in_the_task_it_continues(gaz: Gazetteer) -> None:
    text = "보증금 5천에 월 120으로 받으면요?"
    alone = run(gaz, text)
    assert alone.slots.deposit_manwon is None  # read alone: a search's bounds
    roi = parse(text, gaz, TODAY, as_intent=Intent.ROI_CALCULATION)
    assert (roi.intent, roi.slots.deposit_manwon, roi.slots.monthly_rent_manwon) == (
        Intent.ROI_CALCULATION,
        5000,
        120,
    )
    loan = parse("9억짜리면요?", gaz, TODAY, as_intent=Intent.LOAN_CONSULT)
    assert loan.slots.asking_price_manwon == 90000


# -- everyday questions of law, loans and yields without their textbook words ------------------------


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("주인이 이번 달까지 나가라고 하는데 어떡하죠", Intent.LEGAL_INQUIRY),
        ("가압류 걸린 집 전세로 들어가도 되나요", Intent.LEGAL_INQUIRY),
        ("깡통전세 안 당하려면 뭘 봐야 돼", Intent.LEGAL_INQUIRY),
        ("건축물대장은 어디서 떼요", Intent.LEGAL_INQUIRY),
        ("부동산 수수료 얼마 줘야 돼요 전세 4억", Intent.LEGAL_INQUIRY),
        ("근저당 설정이 뭔가요", Intent.TERM_DEFINITION),
        ("7억 집 사려면 현금 얼마 있어야 돼요", Intent.LOAN_CONSULT),
        ("갭투자로 사면 수익 얼마나 나요", Intent.ROI_CALCULATION),
        ("이거 얼마예요", Intent.UNCLEAR),
    ],
)
def test_everyday_task_words(gaz: Gazetteer, text: str, intent: Intent) -> None:
    assert run(gaz, text).intent == intent


def test_an_offer_heard_of_with_should_i_buy_is_judged(gaz: Gazetteer) -> None:
    result = run(gaz, "시범한양 84 11억에 나왔던데 살까요")
    assert result.intent == Intent.PRICE_EVALUATION
    assert (result.slots.complex, result.slots.asking_price_manwon) == ("시범한양", 110000)


@pytest.mark.parametrize(
    ("text", "deposit", "rent"),
    [
        ("월세 보증금 천에 60 이하", 1000, 60),
        ("보증금 2억/80", 20000, 80),
        ("반전세 보증금 3억에 50", 30000, 50),
    ],
)
def test_the_number_after_a_deposit_is_the_rent(text: str, deposit: int, rent: int) -> None:
    money = parse_money(normalize(text))
    assert [(m.manwon, m.role) for m in money] == [(deposit, "deposit"), (rent, "monthly")]


@pytest.mark.parametrize("text", ["전세 보증금 3억에 59", "월세 보증금 1억에 84 아파트"])
def test_a_size_after_a_deposit_stays_a_size(text: str) -> None:
    assert [m.role for m in parse_money(normalize(text))] == ["deposit"]


# -- one complex with nearly all the deals is the one a bare name means ---------------------------


@pytest.fixture(scope="module")
def namesakes() -> Gazetteer:
    rows = [
        GazetteerRow("41135", "정자동", "파크뷰", None, 1340, BUNDANG_END),
        GazetteerRow("11650", "양재동", "파크뷰", "11650-1", 5, SEOUL_END),
        GazetteerRow("11590", "상도동", "파크뷰", "11590-1", 3, SEOUL_END),
        GazetteerRow("11680", "대치동", "한양", "11680-1", 300, SEOUL_END),
        GazetteerRow("11710", "잠실동", "한양", "11710-1", 250, SEOUL_END),
        GazetteerRow("11440", "공덕동", "한양", "11440-1", 200, SEOUL_END),
    ]
    return Gazetteer.from_rows(rows)


def test_a_bare_name_means_the_complex_with_nearly_all_deals(namesakes: Gazetteer) -> None:
    result = run(namesakes, "파크뷰 30평대 시세")
    assert (result.slots.complex, result.slots.dong) == ("파크뷰", "정자동")
    assert result.ambiguities  # the namesakes are named in the answer


def test_namesakes_of_similar_size_still_need_a_place(namesakes: Gazetteer) -> None:
    assert run(namesakes, "한양 84 시세").slots.complex is None
