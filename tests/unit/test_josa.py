"""Particles agree with the word as it is read aloud: the answer text never says "은(는)"."""

from __future__ import annotations

import pytest

from agents.domain.particles import josa, josa_for


@pytest.mark.parametrize(
    ("word", "particle", "expected"),
    [
        ("25억원", "는", "25억원은"),  # 원: final ㄴ
        ("분당구", "은", "분당구는"),  # 구: no final
        ("송파구", "이", "송파구가"),
        ("잠실엘스", "을", "잠실엘스를"),
        ("은마", "과", "은마와"),
        ("강남구", "와", "강남구와"),
        ("정자동", "와", "정자동과"),
        ("서울", "으로", "서울로"),  # ㄹ takes 로
        ("분당", "로", "분당으로"),
        ("LTV 40%", "으로", "LTV 40%로"),  # 퍼센트
        ("DSR", "으로", "DSR로"),  # 디에스알
        ("LTV", "은", "LTV는"),  # 엘티브이
        ("84", "는", "84는"),  # 팔십사
        ("59", "이", "59가"),  # 오십구
        ("10", "은", "10은"),  # 십
        ("100", "이", "100이"),  # 백
        ("1,000", "를", "1,000을"),  # 천
        ("3", "을", "3을"),  # 삼
        ("1.5", "이", "1.5가"),  # 일점오
        ("84㎡", "은", "84㎡는"),  # 제곱미터
        ("잠실엘스(84㎡)", "은", "잠실엘스(84㎡)는"),  # the word before the parenthesis
        ("'적정'", "이", "'적정'이"),
        ("2024년", "는", "2024년은"),
        ("12억원", "예요", "12억원이에요"),
        ("매매", "이나", "매매나"),
    ],
)
def test_particle_agrees_with_the_spoken_word(word: str, particle: str, expected: str) -> None:
    assert josa(word, particle) == expected


def test_either_form_names_the_pair() -> None:
    assert josa_for("전세", "은") == josa_for("전세", "는") == "는"
    assert josa_for("월세 보증금", "가") == "이"


def test_a_particle_without_two_forms_is_refused() -> None:
    with pytest.raises(ValueError, match="two forms"):
        josa("서울", "에서")
