"""The tools' caveats in English, for an answer to an English question.

Tools write their caveats as whole Korean sentences (they are also what the Korean answer says). Each
kind of caveat is one sentence shape, so the English answer reads the shape back and words it in
English; a sentence of no known shape stays Korean rather than be guessed at. The
patterns are bounded (tests/unit/test_regex_safety.py) and only ever fullmatch one tool sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_DEAL_KIND_EN = {
    "매매": "sales",
    "전월세": "jeonse and monthly-rent",
    "전세": "jeonse",
    "월세": "monthly-rent",
}


def _kind(word: str) -> str:
    return _DEAL_KIND_EN.get(word, word)


_SHAPES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"해제\(취소\) 신고된 거래 ([\d,]{1,15})건은 제외했습니다\."),
        lambda m: f"{m[1]} contracts reported as cancelled were left out.",
    ),
    (
        re.compile(r"서울 매매 자료는 해제\(취소\) 여부가 없어 해제된 거래가 섞여 있을 수 있습니다\."),
        lambda m: "Seoul sales data does not mark cancelled contracts, so some may be included.",
    ),
    (
        re.compile(r"(.{1,60}) 매매 자료에는 해제\(취소\)된 거래가 구분 없이 포함돼 있어요\."),
        lambda m: f"{m[1]} sales data includes cancelled contracts without marking them.",
    ),
    (
        re.compile(r"조건에 맞는 거래가 데이터에 없습니다\."),
        lambda m: "No contracts in the data match these conditions.",
    ),
    (
        re.compile(r"데이터에 '(.{1,60})'의 (\S{1,12}) 자료가 없습니다\."),
        lambda m: f"The data has no {_kind(m[2])} records for {m[1]}.",
    ),
    (
        re.compile(r"'(.{1,60})'의 (\S{1,12}) 자료는 있지만 가격·면적·기간 조건에 맞는 거래가 없습니다\."),
        lambda m: (
            f"There are {_kind(m[2])} records for {m[1]}, but none match the price, size and period asked."
        ),
    ),
    (
        re.compile(r"'(.{1,60})'[은는] 여러 시도에 있는 이름입니다\. 시도를 함께 알려주세요\."),
        lambda m: f"'{m[1]}' is the name of places in several provinces; please say which province.",
    ),
    (
        re.compile(r"'(.{1,60})'[은는] 데이터에 있는 시군구가 아닙니다\."),
        lambda m: f"'{m[1]}' is not a district in the data.",
    ),
    (
        re.compile(r"실거래 자료에는 방 개수가 없어 방 수 조건은 적용하지 않았습니다\."),
        lambda m: "The transaction data has no room counts, so the number of rooms was not applied.",
    ),
    (
        re.compile(r"비교할 단지나 지역을 알려주세요: 같은 단지\(또는 동·구\)의 거래와 비교합니다\."),
        lambda m: (
            "Tell me the complex or area: the price is compared with deals in the same complex (or 동, 구)."
        ),
    ),
    (
        re.compile(r"면적을 알 수 없어 모든 면적의 거래와 비교했습니다\. 면적을 알려주면 더 정확합니다\."),
        lambda m: (
            "No size was given, so deals of every size were compared; a size makes the comparison closer."
        ),
    ),
    (
        re.compile(r"최근 (\d{1,6})개월 비교 거래가 (\d{1,6})건뿐이라 (\d{1,6})개월로 넓혔습니다\."),
        lambda m: (
            f"Only {m[2]} comparable contracts in the last {m[1]} months, so the window was widened to "
            f"{m[3]} months."
        ),
    ),
    (
        re.compile(r"비교 거래가 (\d{1,6})건으로 적어 판단의 신뢰도가 낮습니다\."),
        lambda m: f"Only {m[1]} comparable contracts, so this judgement is less reliable.",
    ),
    (
        re.compile(r"(\S{1,12}) 실거래 자료는 어느 지역도 없어, \S{1,12} 추천은 할 수 없습니다\."),
        lambda m: f"No region has {_kind(m[1])} data, so {_kind(m[1])} recommendations cannot be made.",
    ),
    (
        re.compile(
            r"(\S{1,12}) 실거래 자료는 (.{1,60}?)(?:에)?만 있어, \S{1,12} 추천은 (?:.{1,60}) 안에서만 가능합니다\."
        ),
        lambda m: (
            f"{_kind(m[1]).capitalize()} data exists only for {m[2]}, so {_kind(m[1])} recommendations "
            "are limited to it."
        ),
    ),
)


def note_in_english(note: str) -> str:
    """One caveat sentence in English; a sentence of no known shape is returned as it is."""
    for shape, word in _SHAPES:
        if (match := shape.fullmatch(note.strip())) is not None:
            return word(match)
    return note
