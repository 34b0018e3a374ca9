"""agents/domain gathered the particle lists and law-name tables that four modules kept apart (issue
13 step 1). The old definitions are frozen here, verbatim, to show the move changed no behaviour:
each caller strips, matches and maps exactly what it did before. A deliberate change to a list
updates the reference below with it."""

from __future__ import annotations

import itertools
import re

import pytest

from agents.domain.law_names import LAW_ALIASES, SEARCH_ALIASES, law_named_in
from agents.domain.particles import (
    NAME_TAILS,
    PARTICLES,
    PLACE_FOLLOWERS,
    STATUTE_PARTICLES,
    starts_with_particle,
    strip_particle,
)

# --- the definitions before the move ---------------------------------------------------------------

# agents/gazetteer.py _PARTICLE (what may follow a two-letter alias, matched at the start)
OLD_GAZETTEER = re.compile(
    r"(?:아파트|단지|이랑|랑|에서|에선|에는|에|의|은|는|이|가|을|를|도|만|으로|로|와|과|하고|쪽|근처|주변|"
    r"일대|인근|지역|동네|같은|처럼|보다|이나|나|요|야|역|사거리|신도시|\d)"
)
# agents/nlu.py _PARTICLE_TAIL (stripped from a word before the fuzzy complex lookup)
OLD_NLU = re.compile(
    r"(?:아파트|단지|이랑|랑|에서|에는|에|의|은|는|이|가|을|를|도|만|으로|로|와|과|하고|이면|면|인데|이야|야|요)$"
)
# agents/tools/law.py PARTICLES
OLD_LAW = (
    "에서는", "으로는", "에게서", "이라는", "이라고", "에서", "으로", "에게", "한테", "까지", "부터",
    "이란", "이나", "이랑", "처럼", "보다", "라는", "라고", "하고", "에는", "은", "는", "이", "가",
    "을", "를", "에", "의", "도", "만", "로", "와", "과", "랑", "란", "요",
)  # fmt: skip
# memory/conversation.py _PARTICLE_WORDS
OLD_CONVERSATION = (
    "에서는", "으로는", "에게서", "까지는", "이라도", "이랑", "에서", "으로", "에게", "까지", "부터", "보다",
    "처럼", "하고", "이나", "은", "는", "이", "가", "을", "를", "의", "도", "에", "와", "과", "로", "랑",
    "만", "요",
)  # fmt: skip


def old_strip(word: str, particles: tuple[str, ...]) -> str:
    """Both law.py and conversation.py: longest first, at least two characters kept."""
    for particle in sorted(particles, key=len, reverse=True):
        if word.endswith(particle) and len(word) - len(particle) >= 2:
            return word[: -len(particle)]
    return word


# agents/nlu.py _LAW_NAMES
OLD_NLU_LAWS = (
    ("주택임대차보호법시행령", "주택임대차보호법 시행령"),
    ("주택임대차보호법", "주택임대차보호법"),
    ("주임법", "주택임대차보호법"),
    ("상가건물임대차보호법시행령", "상가건물 임대차보호법 시행령"),
    ("상가건물임대차보호법", "상가건물 임대차보호법"),
    ("상가임대차보호법", "상가건물 임대차보호법"),
    ("상가임대차법", "상가건물 임대차보호법"),
    ("상임법", "상가건물 임대차보호법"),
    ("임대차보호법", "주택임대차보호법"),
    ("공인중개사법시행규칙", "공인중개사법 시행규칙"),
    ("공인중개사법시행령", "공인중개사법 시행령"),
    ("공인중개사법", "공인중개사법"),
    ("부동산거래신고등에관한법률시행규칙", "부동산 거래신고 등에 관한 법률 시행규칙"),
    ("부동산거래신고등에관한법률시행령", "부동산 거래신고 등에 관한 법률 시행령"),
    ("부동산거래신고등에관한법률", "부동산 거래신고 등에 관한 법률"),
    ("부동산거래신고법", "부동산 거래신고 등에 관한 법률"),
    (
        "전세사기피해자지원및주거안정에관한특별법시행령",
        "전세사기피해자 지원 및 주거안정에 관한 특별법 시행령",
    ),
    ("전세사기피해자지원및주거안정에관한특별법", "전세사기피해자 지원 및 주거안정에 관한 특별법"),
    ("전세사기특별법", "전세사기피해자 지원 및 주거안정에 관한 특별법"),
    ("전세사기피해자법", "전세사기피해자 지원 및 주거안정에 관한 특별법"),
    ("민법", "민법"),
    ("housingleaseprotectionact", "주택임대차보호법"),
    ("commercialbuildingleaseprotectionact", "상가건물 임대차보호법"),
    ("licensedrealestateagentsact", "공인중개사법"),
    ("civilact", "민법"),
    ("civilcode", "민법"),
)
# agents/tools/law.py LAW_ALIASES
OLD_SEARCH_LAWS = {
    "주택임대차보호법": "주택임대차보호법",
    "주임법": "주택임대차보호법",
    "상가건물임대차보호법": "상가건물임대차보호법",
    "상가임대차보호법": "상가건물임대차보호법",
    "상임법": "상가건물임대차보호법",
    "공인중개사법": "공인중개사법",
    "부동산거래신고법": "부동산거래신고등에관한법률",
    "부동산거래신고등에관한법률": "부동산거래신고등에관한법률",
    "전세사기특별법": "전세사기피해자지원및주거안정에관한특별법",
    "전세사기피해자법": "전세사기피해자지원및주거안정에관한특별법",
    "민법": "민법",
}

# --- words to compare on: every ending any list knows, glued to stems of every length ---------------

_ENDINGS = sorted(
    {*OLD_LAW, *OLD_CONVERSATION, *NAME_TAILS, *PLACE_FOLLOWERS, "", "서", "다", "1", "3가", "동", "아"}
)
_STEMS = ("", "가", "이", "은마", "송파구", "확정일자", "래미안", "목동역")
WORDS = sorted({s + e + f for s, e, f in itertools.product(_STEMS, _ENDINGS, ("", "는", "에서"))} - {""})


def test_each_callers_list_is_its_old_list() -> None:
    assert set(STATUTE_PARTICLES) == set(OLD_LAW)
    assert set(PARTICLES) == set(OLD_CONVERSATION)
    for particles in (PARTICLES, STATUTE_PARTICLES, NAME_TAILS, PLACE_FOLLOWERS):
        assert [len(p) for p in particles] == sorted((len(p) for p in particles), reverse=True)


@pytest.mark.parametrize(
    ("particles", "old"), [(STATUTE_PARTICLES, OLD_LAW), (PARTICLES, OLD_CONVERSATION)], ids=["law", "memory"]
)
def test_stripping_query_words_is_unchanged(particles: tuple[str, ...], old: tuple[str, ...]) -> None:
    assert [strip_particle(w, particles) for w in WORDS] == [old_strip(w, old) for w in WORDS]


def test_the_nlu_name_tail_is_unchanged() -> None:
    assert [strip_particle(w, NAME_TAILS, min_stem=0) for w in WORDS] == [OLD_NLU.sub("", w) for w in WORDS]


def test_what_may_follow_a_place_alias_is_unchanged() -> None:
    new = [starts_with_particle(w, PLACE_FOLLOWERS) or w[0].isdecimal() for w in WORDS]
    assert new == [bool(OLD_GAZETTEER.match(w)) for w in WORDS]


def test_law_names_are_unchanged() -> None:
    assert [(a.alias, a.law) for a in LAW_ALIASES] == list(OLD_NLU_LAWS)
    # Same pairs; two aliases of one law swapped places, so the first alias found names the same law.
    assert SEARCH_ALIASES == OLD_SEARCH_LAWS
    for key, _ in OLD_NLU_LAWS:
        assert law_named_in(f"이건{key}제3조") == next(
            name for k, name in OLD_NLU_LAWS if k in f"이건{key}제3조"
        )
