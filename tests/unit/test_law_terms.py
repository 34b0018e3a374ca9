"""The legal thesaurus and the issue matcher, read as a person would check them: everyday words reach
the statute's words, verb endings fall away, and a question finds the entry that answers it."""

from __future__ import annotations

import pytest

from agents.domain.legal_terms import (
    CIVIL,
    COMMERCIAL,
    FRAUD,
    reduce_question,
    reduce_word,
    subject_law,
)
from agents.tools.legal_issues import all_issues
from agents.tools.legal_issues.match import closest_titles, match_issues, uncovered_topic


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("해지할", "해지"),
        ("밀리면", "밀리"),
        ("신고해야", "신고"),
        ("갱신요구권은", "갱신요구권"),
        ("보증금", "보증금"),
    ],
)
def test_verb_endings_and_particles_fall_away(word, stem):
    assert reduce_word(word) == stem


@pytest.mark.parametrize(
    ("question", "statute_words"),
    [
        ("집주인이 안 고쳐줘요", {"임대인", "수선"}),
        ("세입자가 월세를 두 달 밀리면?", {"임차인", "차임", "연체"}),
        ("가게 건물주가 나가래요", {"상가건물", "임대인"}),
        ("한 달 살기도 보호돼?", {"일시사용"}),
        ("보증금 돌려받으려면", {"보증금", "반환"}),
        ("My landlord won't return my deposit", {"임대인", "보증금", "반환"}),
    ],
)
def test_everyday_words_reach_statute_words(question, statute_words):
    assert statute_words <= set(reduce_question(question).terms)


def test_the_subject_chooses_the_law():
    assert subject_law(reduce_question("가게 월세 올려달래요")) == COMMERCIAL
    assert subject_law(reduce_question("전세사기 피해자 신청")) == FRAUD
    assert subject_law(reduce_question("전세 보증금 언제 돌려받아요")) is None  # the entry's law decides


def _top(question: str) -> str:
    matches = match_issues(question, all_issues(), limit=1)
    assert matches, f"nothing matched {question!r}"
    return matches[0].issue.refs[0].law + f" 제{matches[0].issue.refs[0].article}조"


@pytest.mark.parametrize(
    ("question", "governing"),
    [
        ("전세 계약 끝났는데 집주인이 보증금을 안 돌려줘요. 어떻게 해야 하나요?", "주택임대차보호법 제4조"),
        ("보일러 고장났는데 수리비 누가 내?", f"{CIVIL} 제623조"),
        ("월세 3번 밀렸는데 집주인이 나가래요", f"{CIVIL} 제640조"),
        ("상가 계약갱신 몇 년까지?", "상가건물임대차보호법 제10조"),
        ("한 달 살기도 주임법 적용돼?", "주택임대차보호법 제11조"),
    ],
)
def test_a_question_finds_the_entry_that_governs_it(question, governing):
    assert _top(question) == governing


def test_a_shop_question_never_gets_the_housing_rule_first():
    matches = match_issues("가게 계약갱신 요구 언제까지 해야 돼요", all_issues(), limit=1)
    assert matches[0].issue.refs[0].law == COMMERCIAL


def test_questions_the_statutes_do_not_answer_say_where_the_answer_lives():
    tax = uncovered_topic("생애최초로 집 사면 취득세 얼마나 감면돼요?")
    assert tax is not None and "지방세법" in tax.where
    fee = uncovered_topic("아파트 9억 매매하면 복비 최대 얼마")
    assert fee is not None and "조례" in fee.where
    assert uncovered_topic("상가 점포 매매 중개수수료 최대 몇프로에요?") is None  # 시행규칙 제20조 ④ says it
    assert uncovered_topic("전세금 돌려받으려면 어떻게 해요") is None  # 전세금 is no tax (세금)


def test_nothing_matched_still_offers_three_issues_to_choose_from():
    titles = closest_titles(reduce_question("우리 동네 분위기 어때"), all_issues())
    assert len(titles) == 3 and all(titles)
