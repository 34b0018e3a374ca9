"""Kinds of everyday wording the legal thesaurus reads by rule, not by listing each form: verbs in any
tense or ending, English inflections and irregular verbs, how long a stay is, numbers at their own
digits, and words that mean something else beside another word (매물 올린 is no rent increase)."""

from __future__ import annotations

import pytest

from agents.domain.legal_terms import (
    BROKERS,
    CIVIL,
    COMMERCIAL,
    HOUSING,
    plain_stem,
    reduce_question,
    subject_laws,
    verb_forms,
)
from agents.tools.legal_issues.match import match_issues


def terms(text: str) -> tuple[str, ...]:
    return reduce_question(text).terms


@pytest.mark.parametrize(
    ("stem", "forms"),
    [
        ("밀리", {"밀린", "밀릴", "밀려", "밀렸"}),
        ("돌려주", {"돌려준", "돌려줘", "돌려줬"}),
        ("바뀌", {"바뀐", "바껴", "바꼈"}),
        ("되", {"된", "돼", "됐"}),
        ("하", {"한", "해", "했"}),
    ],
)
def test_a_verb_stem_is_found_in_its_other_forms(stem, forms):
    assert forms <= set(verb_forms(stem))
    assert verb_forms("받") == ("받",)  # a stem ending in a consonant is already a prefix of its forms


@pytest.mark.parametrize(
    "text",
    [
        "월세를 두 달이나 밀린 상태예요",
        "관리비랑 월세가 좀 밀렸거든요",
        "월세 못 냈더니 연락이 왔어요",
    ],
)
def test_arrears_are_read_in_any_tense(text):
    assert "연체" in terms(text)


def test_an_intent_ending_is_no_past_tense():
    # 나가겠 (will leave) must not read as 나가게 (and so as 가게, a shop)
    assert plain_stem("나가겠") == "나가겠"
    reduced = reduce_question("묵시적으로 연장된 상태에서 제가 먼저 나가겠다고 하면 보증금은요?")
    assert "상가건물" not in reduced.terms
    assert "해지" in reduced.terms


def test_raising_is_a_rent_increase_only_beside_money():
    assert "증액" in terms("집주인이 관리비 말고 임대료를 올린다네요")
    assert "증액" in terms("재계약하면서 10% 올려 달래요")
    assert "증액" not in terms("중개사가 없는 매물을 사이트에 올렸어요")


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("The owner is selling the flat I rent", "양수인"),
        ("my landlord sold the building last week", "양수인"),
        ("he keeps raising the rent every year", "증액"),
        ("the heater stopped working and nobody repaired it", "수선"),
        ("I subletted a room to my cousin", "전대"),
        ("a small-deposit tenant in a rural town", "보증금 중 일정액"),
        ("I'm a foreign national buying an apartment", "외국인"),
        ("can I leave early because of a new job", "해지"),
        ("the buyer didn't pay the balance on time", "잔금"),
    ],
)
def test_english_words_reach_the_statute_words_in_their_inflected_forms(text, term):
    assert term in terms(text)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("출장 때문에 열흘 말고 2주 동안만 빌린 방", "일시사용"),
        ("며칠 묵을 숙소", "일시사용"),
        ("a two-week stay in a furnished flat", "일시사용"),
        ("6개월만 살기로 계약한 원룸", "임대차기간"),
        ("1년 계약으로 들어왔어요", "임대차기간"),
        ("we signed a one-year lease", "임대차기간"),
    ],
)
def test_how_long_a_stay_is_reads_as_temporary_use_or_the_lease_term(text, term):
    assert term in terms(text)


def test_a_number_in_a_cue_is_found_only_at_its_own_digits():
    # the cue "4년 살 수" must not be found inside "24년"
    top = match_issues("강동구에서 24년 하반기에 살 수 있는 아파트 거래", limit=1)
    assert not top or top[0].cue != "4년 살 수"


def test_the_subject_is_every_law_the_question_names_or_speaks_of():
    assert subject_laws(reduce_question("상가 임대차 복비 몇 %까지 받아요?"))[:2] == (COMMERCIAL, BROKERS)
    assert (
        subject_laws(reduce_question("1층이 가게인 건물 2층에 사는데 주택임대차보호법 적용돼요?"))[0]
        == HOUSING
    )
    assert subject_laws(reduce_question("전세권 설정한 집 전세금 안 주면 경매 되나요"))[0] == CIVIL


def test_a_lookalike_word_inside_another_is_not_two_cue_words():
    # 중개 inside 공인중개사 is that word, not a second match of "공인중개사 아닌 사람이 중개"
    top = match_issues(
        "집을 보여준 분이 공인중개사가 아니라 보조원이었대요. 밝혀야 하는 거 아닌가요?", limit=1
    )
    assert top[0].issue.key == "brokerage_assistant_disclosure"
