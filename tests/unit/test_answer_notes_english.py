"""The tools' caveats reach an English answer in English: every sentence shape the tools write has an
English wording, and a sentence of unknown shape is kept as written rather than guessed at."""

from __future__ import annotations

import re

import pytest

from agents.answers.market import stats_section
from agents.answers.notes import note_in_english
from agents.domain.slots import Slots
from agents.tools.transactions import cancel_notes

HANGUL = re.compile(r"[가-힣]")


@pytest.mark.parametrize(
    ("note", "english"),
    [
        (cancel_notes(1234, 0)[0], "1,234 contracts reported as cancelled were left out."),
        (
            cancel_notes(0, 5)[0],
            "Seoul sales data does not mark cancelled contracts, so some may be included.",
        ),
        (
            "데이터에 '강남구 역삼동'의 전월세 자료가 없습니다.",
            "no jeonse and monthly-rent records for 강남구 역삼동",
        ),
        ("'분당구 정자동'의 매매 자료는 있지만 가격·면적·기간 조건에 맞는 거래가 없습니다.", "none match"),
        ("'중구'는 여러 시도에 있는 이름입니다. 시도를 함께 알려주세요.", "several provinces"),
        ("'해운대구'는 데이터에 있는 시군구가 아닙니다.", "is not a district in the data"),
        (
            "최근 12개월 비교 거래가 3건뿐이라 36개월로 넓혔습니다.",
            "Only 3 comparable contracts in the last 12",
        ),
        ("비교 거래가 4건으로 적어 판단의 신뢰도가 낮습니다.", "Only 4 comparable contracts"),
        (
            "월세 실거래 자료는 성남시 분당구만 있어, 월세 추천은 성남시 분당구 안에서만 가능합니다.",
            "only for 성남시 분당구",
        ),
        ("실거래 자료에는 방 개수가 없어 방 수 조건은 적용하지 않았습니다.", "no room counts"),
    ],
)
def test_each_caveat_shape_has_an_english_wording(note: str, english: str) -> None:
    worded = note_in_english(note)
    assert english in worded
    korean_left = HANGUL.sub("", worded) != worded and not re.search(r"[가-힣]+[구동]", worded)
    assert not korean_left, worded


def test_an_unknown_sentence_stays_as_written() -> None:
    assert note_in_english("새로운 종류의 안내 문장입니다.") == "새로운 종류의 안내 문장입니다."


def test_an_english_statistics_answer_carries_its_caveats_in_english() -> None:
    data = {
        "stats": {
            "count": 10,
            "median_manwon": 150000,
            "mean_manwon": 151000,
            "min_manwon": 90000,
            "max_manwon": 200000,
        },
        "kind": "매매",
        "buckets": [],
        "notes": cancel_notes(0, 3),
    }
    slots = Slots(sigungu="마포구", deal_type="매매", period_from="2024-01-01", period_to="2024-12-31")
    content = stats_section(data, slots, english=True)["content"]
    assert "Seoul sales data does not mark cancelled contracts" in content
    assert "해제" not in content
