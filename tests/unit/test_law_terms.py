"""The legal thesaurus and the issue matcher, read as a person would check them: everyday words reach
the statute's words, verb endings fall away, and a question finds the entry that answers it."""

from __future__ import annotations

import dataclasses

import pytest

from agents.domain.legal_terms import (
    CIVIL,
    COMMERCIAL,
    FRAUD,
    HOUSING,
    plain_stem,
    reduce_question,
    reduce_word,
    subject_law,
)
from agents.tools.legal_issues import LegalIssue, all_issues
from agents.tools.legal_issues.match import (
    answers,
    closest_titles,
    match_issues,
    mentions,
    uncovered_topic,
    uncovered_words,
)


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("해지할", "해지"),
        ("밀리면", "밀리"),
        ("신고해야", "신고"),
        ("갱신요구권은", "갱신요구권"),
        ("보증금", "보증금"),
        ("연장하겠다", "연장"),  # spoken verb phrases are cut where their grammar begins
        ("돌려받을수", "돌려받"),
        ("먹통됐어", "먹통"),
        ("보조원이었더라구요", "보조원"),
        ("계약서", "계약서"),  # …and nouns are left whole
        ("전세사기", "전세사기"),
    ],
)
def test_verb_endings_and_particles_fall_away(word, stem):
    assert reduce_word(word) == stem


@pytest.mark.parametrize(
    ("stem", "plain"),
    [
        ("밀렸", "밀리"),
        ("밀려서", "밀리"),
        ("돌려줘야", "돌려주"),
        ("신고했", "신고하"),
        ("보증금", "보증금"),
        ("계약서", "계약서"),
    ],
)
def test_tense_and_contraction_are_undone_by_rule(stem, plain):
    assert plain_stem(stem) == plain


def test_a_conjugated_verb_meets_the_thesaurus_key_written_plain():
    assert {"차임", "연체"} <= set(reduce_question("월세가 두 달 밀려서 걱정이에요").terms)


@pytest.mark.parametrize(
    ("question", "statute_words"),
    [
        ("집주인이 안 고쳐줘요", {"임대인", "수선"}),
        ("세입자가 월세를 두 달 밀리면?", {"임차인", "차임", "연체"}),
        ("가게 건물주가 나가래요", {"상가건물", "임대인"}),
        ("한 달 살기도 보호돼?", {"일시사용"}),
        ("보증금 돌려받으려면", {"보증금", "반환"}),
        ("My landlord won't return my deposit", {"임대인", "보증금", "반환"}),
        ("화장실 천장 곰팡이 집주인이 해줘야 돼?", {"수선"}),  # meaning groups, not cue wording
        ("현관 도어락이 먹통이에요", {"수선"}),
        ("집주인이 방 빼래요", {"해지", "갱신거절"}),
        ("확정일자 받으러 가는데 뭐 챙겨가요", {"서류", "신분증"}),
    ],
)
def test_everyday_words_reach_statute_words(question, statute_words):
    assert statute_words <= set(reduce_question(question).terms)


def test_the_subject_chooses_the_law():
    assert subject_law(reduce_question("가게 월세 올려달래요")) == COMMERCIAL
    assert subject_law(reduce_question("분식집 하는데 건물 경매 넘어가면")) == COMMERCIAL  # a kind of shop
    assert subject_law(reduce_question("주택임대사업자 등록하면 의무가 뭐예요")) != COMMERCIAL
    assert subject_law(reduce_question("Do I report my lease to the district office?")) != COMMERCIAL
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


def _without_cues(issue: LegalIssue) -> LegalIssue:
    return dataclasses.replace(issue, cues=(issue.title,))


def test_a_question_in_the_answers_own_words_finds_its_entry_without_any_cue():
    """The text channel: with every cue removed, a question worded like an entry's plain answer still
    finds that entry (what cues were never written for)."""
    issues = tuple(_without_cues(i) for i in all_issues())
    top = match_issues("계약 끝났는데 보증금을 못 받아서 법원에 임차권등기명령 신청하려고요", issues, 1)
    ref = top[0].issue.refs[0]
    assert (ref.law, ref.article, ref.sub) == (HOUSING, 3, 3)
    assert answers(top[0])


def test_a_strong_text_match_answers_but_a_stray_word_does_not():
    weak = match_issues("오늘 날씨 맑네요 기분 좋아요", all_issues(), 1)
    assert not weak or not answers(weak[0])


def test_a_topic_we_do_not_cover_wins_unless_the_entry_speaks_of_it():
    topic, words = uncovered_words("1주택자인데 집 팔면 양도세 비과세 되려면 몇년 보유해야돼요?")
    assert topic.key == "taxes" and "양도세" in words
    found = uncovered_words("저는 전세보증보험 가입돼 있는데 전세사기 피해자 신청 돼요?")
    assert found is not None
    exclusions = next(i for i in all_issues() if "보증보험" in " ".join(i.cues))
    assert mentions(exclusions, found[1], {})
    assert (
        uncovered_topic("중개사가 세금 줄이자면서 다운계약서 쓰자는데 해도 돼요?") is None
    )  # a reporting offence
