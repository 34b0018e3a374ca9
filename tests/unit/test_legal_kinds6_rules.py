"""Kinds of legal question read by rule (legal_dev6 round): moving one's things is not moving one's
registration; the formal -ㅂ니다 ending is a verb form; what a court charges is no statute's topic
(the registration order's own costs are); a victim's right to buy first at auction is no auction
procedure; an officetel's or a home's fee rate asked in English is a table we do not hold; a rare
word of the story that is only part of a title word (지방 of 지방세), or part of a phrase the thesaurus
knows (혼인신고 안 한), finds no article."""

from __future__ import annotations

import pytest

from agents.domain.legal_terms import reduce_question, thesaurus_phrases, verb_forms
from agents.tools.law import legal_answer, title_words
from agents.tools.legal_issues.match import uncovered_words


def uncovered_key(question: str) -> str | None:
    found = uncovered_words(question)
    return found[0].key if found else None


def test_moving_things_is_not_moving_ones_registration():
    assert "임차권등기명령" not in reduce_question("이삿짐 다 옮기고 바로 전입신고 했어요").term_set
    assert "임차권등기명령" in reduce_question("전입 옮기면 대항력 없어져요?").term_set
    assert "임차권등기명령" in reduce_question("주소 옮겨야 하는데 보증금은 아직이에요").term_set


def test_the_formal_ending_is_a_verb_form():
    assert "샙" in verb_forms("새") and "밀립" in verb_forms("밀리")
    assert "수선" in reduce_question("욕실 천장에서 물이 샙니다").term_set


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("보증금 소송 내면 인지대는 얼마나 나와요?", "court_costs"),
        ("How much is the court filing fee for a deposit lawsuit?", "court_costs"),
        ("임차권등기 신청 비용 송달료는 집주인한테 받을 수 있나요?", None),  # 제3조의3 ⑧ says who bears it
        ("경매 입찰하려면 어떻게 해요?", "auction_procedure"),
        ("전세사기 피해자인데 살던 집 경매 낙찰받고 싶어요 우선매수 되나요", None),
        (
            "How much commission can the agent take for a 300 million won apartment sale?",
            "brokerage_fee_rates",
        ),
        ("주거용 오피스텔 중개수수료 요율 몇 %예요?", "brokerage_fee_rates"),  # 별표 2, not loaded
        ("상가 중개보수 최대 몇 프로예요?", None),  # 시행규칙 제20조 ④ states it
        ("When do I have to pay the agent's commission if we didn't agree on a date?", None),
    ],
)
def test_what_the_statutes_do_not_hold_is_named(question, key):
    assert uncovered_key(question) == key


def test_a_word_inside_a_known_phrase_is_understood():
    phrases = thesaurus_phrases(reduce_question("혼인신고 안 한 남자친구가 세입자였는데 숨졌어요"))
    assert any("혼인신고" in phrase for phrase in phrases)
    assert "사실상의혼인관계" in reduce_question("혼인신고는 안 했지만 같이 살았어요").term_set


def test_a_title_word_is_a_whole_word():
    assert "휴업" in title_words("휴업 또는 폐업의 신고")
    assert "정정" in title_words("부동산 거래계약 신고 내용의 정정 및 변경")
    assert "지방" not in title_words("지방세의 안분 방법 및 신청 등")


async def test_a_story_word_in_some_title_does_not_displace_the_entry(loaded_engine):
    answer = await legal_answer(
        loaded_engine,
        "혼인신고 안 한 여자친구 명의 전세였는데 그 친구가 숨졌어요. 고향 부모님은 다른 지방에 계세요. "
        "제가 계속 살아도 되나요?",
    )
    assert answer.mode == "issue"
    assert (answer.articles[0].law_name, answer.articles[0].article) == ("주택임대차보호법", "제9조")


async def test_court_costs_and_a_victims_auction_right(loaded_engine):
    answer = await legal_answer(loaded_engine, "지급명령 낼 때 송달료랑 인지액 합치면 얼마예요?")
    assert answer.mode == "uncovered" and not answer.articles

    answer = await legal_answer(
        loaded_engine, "전세사기 피해자인데 살던 집 경매 낙찰받고 싶어요 우선매수 되나요"
    )
    assert answer.mode == "issue"
    assert answer.articles[0].article == "제20조"
