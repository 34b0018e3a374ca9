"""Answer text as a person reads it: the lead first, words instead of raw values, agreeing particles,
the memory notice once and never first, the wire format's marks only (docs/CONTRACTS.md)."""

from __future__ import annotations

import re

from agents.answers.market import evaluation_section, recommend_section, stats_section
from agents.domain.slots import Intent, Slots
from agents.formatting import is_english, m2_range, period_label, ratio_pct, won, yes_no
from agents.respond import MEMORY_NOTICE, MOLIT_ATTRIBUTION, compose_text

RAW = re.compile(
    r"sigungu|deal_type|\bTrue\b|\bFalse\b|\bNone\b|\(는\)|\(가\)|\(를\)|■|(?<![\d,])0만원|(\d+)~\1㎡"
)


def test_words_not_values() -> None:
    assert won(0) == "0원" and won(250000) == "25억원" and won(55000) == "5억 5,000만원"
    assert m2_range(102.1, 102.9) == "102㎡" and m2_range(59.9, 84.99) == "59~84㎡"
    assert ratio_pct(0.4) == "40%" and ratio_pct(0.035, 1) == "3.5%"
    assert yes_no(True) == "예" and yes_no(None) == "알 수 없음"
    assert period_label("2024-01-01", "2024-12-31") == "2024년"
    assert period_label("2023-01-01", "2024-06-30") == "2023년 1월~2024년 6월"
    assert period_label("2023-12-29", "2024-12-28") == "2023.12.29~2024.12.28"
    assert period_label("2024-01-01", "2024-12-31", english=True) == "2024"


def test_english_questions_are_told_apart() -> None:
    assert is_english("What was the median sale price in Songpa-gu in 2024?")
    assert is_english("Is 25억 fair for 잠실엘스 84?")
    assert not is_english("잠실엘스 84 price?")
    assert not is_english("송파구 2024년 매매 시세")


STATS = {
    "kind": "월세",
    "stats": {"count": 3, "median_manwon": 5000, "mean_manwon": 4000, "min_manwon": 0, "max_manwon": 7000,
              "period": "2024-01-01~2024-12-31"},
    "monthly_rent": {"count": 3, "median_manwon": 90, "mean_manwon": 100},
    "buckets": [], "notes": [], "cancelled_excluded": 0,
}  # fmt: skip


def test_a_statistics_lead_gives_the_figure_and_no_raw_values() -> None:
    slots = Slots(sigungu="분당구", deal_type="월세", period_from="2024-01-01", period_to="2024-12-31")
    section = stats_section(STATS, slots)
    assert section["lead"] == (
        "분당구 2024년 아파트 월세 거래 3건의 보증금 중위값은 5,000만원, 월세 중위값은 90만원입니다"
        "(보증금 평균 4,000만원)."
    )
    assert "0원~7,000만원" in section["content"]  # a deposit of 0 is 0원, never "0만원"
    assert not RAW.search(section["lead"] + section["content"])


def test_an_evaluation_lead_has_its_particle_and_verdict() -> None:
    data = {
        "asking_price_manwon": 250000, "kind": "매매", "basis": "complex", "area_band_m2": (81.0, 87.0),
        "window": "2023-12-29~2024-12-28", "window_months": 12, "percentile": 56.0,
        "stats": {"count": 89, "median_manwon": 247000, "mean_manwon": 246564, "min_manwon": 190000,
                  "max_manwon": 277000},
        "diff_from_median_pct": 1.2, "verdict": "적정", "verdict_rule": "±5% 이내면 적정", "notes": [],
    }  # fmt: skip
    section = evaluation_section(data, Slots(complex="잠실엘스", dong="잠실동", sigungu="송파구"))
    assert section["lead"].startswith(
        "25억원은 잠실엘스 전용 81~87㎡ 최근 12개월 거래 89건의 중위가격 24억 7,000만원보다"
    )
    assert section["lead"].endswith("1.2% 높아 적정한 수준입니다.")
    english = evaluation_section(data, Slots(complex="잠실엘스"), english=True)
    assert english["title"] == "Price check" and english["lead"].startswith("25억원 is a fair price")


def test_a_recommendation_names_one_size_once() -> None:
    item = {"sigungu": "분당구", "dong": "정자동", "complex": "느티마을", "count": 4, "median_manwon": 90000,
            "area_min_m2": 102.2, "area_max_m2": 102.7}  # fmt: skip
    section = recommend_section(
        {"complexes": [item], "window": "2024-01-01~2024-12-31", "kind": "매매"}, Slots()
    )
    assert "전용 102㎡" in section["content"] and "102~102" not in section["content"]
    assert section["lead"].startswith(
        "조건(전체 지역)에 맞는 최근 거래가 가장 많은 단지는 정자동 느티마을(거래 4건"
    )


def test_compose_puts_the_answer_first_and_the_memory_notice_once() -> None:
    sections = [
        {"title": "추천 단지", "lead": "답 문장입니다.", "content": "- 가\n- 나\n\n같은 주의 문장."},
        {"title": "시세 통계", "lead": "둘째 답입니다.", "content": "- 다\n\n같은 주의 문장."},
    ]
    used = [{"label": "예산 6억원 이하"}]
    text = compose_text(Intent.PROPERTY_RECOMMENDATION, sections, used, [])
    blocks = text.split("\n\n")
    assert blocks[0] == "답 문장입니다."
    assert blocks[1] == MEMORY_NOTICE + "예산 6억원 이하"
    assert "## 추천 단지\n- 가\n- 나" in text and "## 시세 통계\n둘째 답입니다." in text
    assert text.count("같은 주의 문장.") == 1 and text.count(MEMORY_NOTICE) == 1
    assert blocks[-1] == MOLIT_ATTRIBUTION
    # Without a lead the notice goes last, never first (the chat list previews the first line).
    no_lead = compose_text(
        Intent.PROPERTY_RECOMMENDATION, [{"title": "추천 단지", "content": "본문"}], used, []
    )
    assert not no_lead.startswith(MEMORY_NOTICE) and no_lead.split("\n\n")[-2].endswith("예산 6억원 이하")
    assert "■" not in text + no_lead
