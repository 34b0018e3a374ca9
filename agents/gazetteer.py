"""What places and complexes exist in our data, and where they are mentioned in a message.

The gazetteer is built once (at server start, from one GROUP BY over the transaction tables, or
from rows in tests) and then answers `scan(text)` in well under a millisecond: every alias is a key
of one dict and every alias prefix is in one set, so the scan walks the text like a trie without
building one. Aliases are matched on a *compact* form of the text (no spaces or punctuation) so
"잠실 엘스", "잠실엘스" and "대치동은마아파트" all hit; short aliases must sit on word boundaries
so "홍길동" is not 길동 and "방이 3개" is not 방이동.
"""

from __future__ import annotations

import functools
import gc
import itertools
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Literal, NamedTuple, Protocol

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from agents.domain.entity_ids import complex_entity_id
from agents.domain.nicknames import BRAND_SPELLINGS, NICKNAMES
from agents.domain.particles import PLACE_FOLLOWERS, josa_for, starts_with_particle
from agents.domain.places_kr import AREAS, COMMON_WORDS, SIDO_SHORT, Place, aliases, narrow, places
from agents.domain.regions import BY_CODE, SIGUNGU, Sigungu, place_of, qualified_name
from agents.domain.units import clip, compact

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

EntityKind = Literal["sigungu", "dong", "complex", "foreign"]


def _words(text: str) -> tuple[str, ...]:
    """A word list written as text ('-' stands for the empty string)."""
    return tuple("" if w == "-" else w for w in text.split())


FUZZY_CUTOFF = 86.0  # jamo-level ratio; one wrong vowel in a 4-syllable name still passes
FUZZY_CUTOFF_IN_REGION = 80.0  # a smaller candidate list can afford a looser match
FUZZY_CUTOFF_ENGLISH = 85.0  # one wrong letter in a 7-letter English spelling ("Trigium") still passes
FUZZY_PLACE_MIN_SYLLABLES = 3  # 구/동 typos are matched only on names this long ("송퍄구", not "중구")
MAX_ALIAS_LEN = 40
MAX_ENGLISH_WORDS = 7  # "jamsil els", "daechi dong", "DMC Raemian e-Pyeonhan Sesang"

SEONGNAM = ("성남시", "성남", "seongnam")  # the city: 분당구 is the only part of it in the data

# 동 stems (the name without 동) that are also everyday words or other places: only the full
# name ("삼성동", "방이동") is recognised for these.
DONG_STEM_STOPWORDS = frozenset(_words("""
삼성 대림 금호 방이 공항 방화 개화 개봉 오류 온수 가산 시흥 양평 상도 신정 명일 성내 중계 하계 방학
수색 증산 대조 천연 영천 현저 신수 상수 산천 동자 홍익 광장 군자 장안 제기 신설 면목 상봉 중화 동선
일원 신원 구미 대장 평창 내수 견지 수송 인의 순화 산림 용문 사직 청운 본동 신계 원지 도원 주성 효창
신영 대신 궁내 동소문
"""))  # fmt: skip
# Complex names that are brands or everyday words: they name a complex only inside a 동/구 the same
# message mentions ("마장동 현대"), never on their own ("현대 아파트 시세", "미래 집값").
GENERIC_COMPLEX_WORDS = frozenset(_words("""
빌라 맨션 타워 그린 드림 하이츠 빌리지 파크 센트럴 스카이 팰리스 캐슬 하우스 타운 시티 힐스 리버
미래 행복 희망 우리 하나 최고 명품 중앙 대한 한국 서울 나라 누리 사랑 궁전 공원 정원 평화 보람 소망
한빛 태양 한강 강변 은행 장미 목련 무지개 진달래 개나리 상록 수정 백조 신세계 현대 삼성 대우 한신
우성 동아 한양 대림 벽산 쌍용 롯데 금호 극동 신동아 럭키 미성 청구 한진 동부 라이프 한일 경남 코오롱
두산 대성 삼익 삼환 선경 건영 풍림 임광 주공 시영 국민 임대 영구임대 공공임대 공무원 고층 저층
"""))  # fmt: skip
# Words of the trade that are never a complex name, whatever the data says.
NOT_COMPLEX_NAMES = frozenset(_words("""
아파트 단지 매매 전세 월세 시세 최근 실거래 추천 대출 계약 거래 분양 청약 재건축 재개발 신축 구축
역세권 학군 전용 공급 면적 가격 오피스텔 주상복합 행복주택 임대주택 공공임대주택 국민임대 영구임대주택
도시형생활주택
"""))  # fmt: skip

_PAREN = re.compile(r"\(([^)]{0,64})\)")
_USELESS_PART = re.compile(r"^(?:[\d\s,~\-동]*$|\d{1,6}동~)")
_DONG_GA = re.compile(r"^(?P<base>.+?)(?P<dong>동)?\d{1,3}가$")
_ASCII_WORD = re.compile(r"[a-z0-9]+")
_HANGUL_ONLY = re.compile(r"^[가-힣]{1,40}$")
_HANGUL_WORD = re.compile(r"[가-힣]{3,40}")
_WORD_TAIL = re.compile(r"[0-9a-z가-힣]{0,40}")
_LETTER = re.compile(r"[가-힣a-z]")
_NUMBERS = re.compile(r"\d+")


# ---------------------------------------------------------------------------------------------
# romanization (Revised Romanization, syllable by syllable; enough for place names typed in English)

_L = _words("g kk n d tt r m b pp s ss - j jj ch k t p h")
_V = _words("a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i")
_T = _words("- k k k n n n t l k m l l l p l m p p t t ng t t k t p t")


_SYLLABLES = range(0xAC00, 0xAC00 + 11172)
_ROMAN_TABLE = {
    c: _L[(c - 0xAC00) // 588] + _V[(c - 0xAC00) % 588 // 28] + _T[(c - 0xAC00) % 28] for c in _SYLLABLES
}
_LIQUID = re.compile(r"[ln]r")  # only a final ㄴ/ㄹ meets an initial ㄹ like this: 신림 → sillim
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def romanize(hangul: str) -> str:
    """'대치' → 'daechi', '신림' → 'sillim', '종로' → 'jongno' (the few sound rules place names need)."""
    roman = _NON_ASCII.sub("", hangul.translate(_ROMAN_TABLE))
    return _LIQUID.sub("ll", roman).replace("ngr", "ngn")


# How the loanwords and brands complex names are built from are spelt in English, as builders and
# people write them ("Hannam The Hill", "Banpo Xi", "Lotte Castle", "Hyundai"); "a|b" gives both
# spellings and an empty one means the word may go unsaid ("Seoul Forest Hanshin (The) Hue").
_LOANWORDS = {
    "힐스테이트": "hillstate", "아이파크": "ipark", "푸르지오": "prugio", "래미안": "raemian", "자이": "xi",
    "롯데캐슬": "lottecastle", "캐슬": "castle", "센트럴": "central", "시티": "city", "씨티": "city",
    "파크": "park", "타워": "tower", "팰리스": "palace", "리버": "river", "뷰": "view", "하임": "heim",
    "레이크": "lake", "스카이": "sky", "포레": "fore|foret", "포레스트": "forest", "더샵": "thesharp",
    "더샾": "thesharp", "엘스": "els", "트리지움": "trizium", "리센츠": "ricenz", "헬리오": "helio",
    "아크로": "acro", "퍼스티지": "firstige", "퍼스트": "first", "그랑": "gran|grand",
    "e편한세상": "epyeonhansesang", "이편한세상": "epyeonhansesang", "편한세상": "pyeonhansesang",
    "데시앙": "desian", "위브": "weve", "스위트": "suite", "타운": "town", "뉴타운": "newtown",
    "빌리지": "village", "하이츠": "heights", "맨션": "mansion", "마을": "maeul", "단지": "danji",
    "알파리움": "alpharium", "그랑블": "granbleu|grandbleu", "블루": "blue", "그랜드": "grand",
    "그라시움": "gracium", "센트라스": "centras", "파크리오": "parkrio", "디큐브": "dcube", "큐브": "cube",
    "트리마제": "trimage", "포레나": "forena", "써밋": "summit", "서밋": "summit", "더힐": "thehill|hill",
    "힐": "hill", "힐스": "hills", "힐즈": "hills", "아너힐즈": "honorhills|honorshills",
    "디에이치": "theh|dh", "렉슬": "rexle", "블레스티지": "blestige", "비스타": "vista", "숲": "forest",
    "리버젠": "riverzen", "더휴": "thehue|hue", "휴": "hue", "베네루체": "beneluce", "파인탑": "pinetop",
    "파인": "pine", "원베일리": "onebailey", "하이페리온": "hyperion", "센터피스": "centerpiece",
    "크레시티": "cresity", "루센티아": "lucentia", "리체": "riche", "하비오": "habio", "스타": "star",
    "클래시": "classy", "클래스": "class", "센트레빌": "centreville|centerville", "월드": "world",
    "하우스": "house", "그린": "green", "드림": "dream", "노블": "noble", "노블레스": "noblesse",
    "로얄": "royal", "밸리": "valley", "벨리": "valley", "플러스": "plus", "브라운스톤": "brownstone",
    "훼미리": "family", "패밀리": "family", "랜드": "land", "프라자": "plaza", "플라자": "plaza",
    "골드": "gold", "메르디앙": "meridian", "프라임": "prime", "멤버스": "members", "리치": "rich",
    "트윈": "twin", "라이프": "life", "에코": "eco", "빌라": "villa", "아트": "art", "스퀘어": "square",
    "트레지움": "tregium", "트리": "tree", "센트리지": "centrige", "어반": "urban", "오피스텔": "officetel",
    "베스트": "best", "리더스": "leaders", "레이크팰리스": "lakepalace", "갤러리아": "galleria",
    "엘포레": "elforet", "해링턴": "harrington", "플레이스": "place", "에스티움": "estium",
    "솔베뉴": "solvenue", "클라시스": "classis", "포스코": "posco",
    # Korean builders' names as they spell them
    "현대": "hyundai", "삼성": "samsung", "대우": "daewoo", "롯데": "lotte", "우성": "woosung",
    "두산": "doosan", "벽산": "byucksan", "금호": "kumho", "쌍용": "ssangyong", "신동아": "shindonga",
    "극동": "kukdong", "코오롱": "kolon", "경남": "kyungnam", "효성": "hyosung", "한화": "hanwha",
    "태영": "taeyoung", "풍림": "punglim", "삼익": "samick", "럭키": "lucky", "미성": "misung",
    "우방": "woobang", "건영": "kunyoung", "청구": "chunggu", "신원": "shinwon", "중흥": "jungheung",
    # names said in translation: 올림픽선수기자촌 is "Olympic Village"
    "올림픽": "olympic", "선수기자촌": "village", "선수촌": "village",
}  # fmt: skip
# loanwords by first letter, longest first: a plain scan is several times faster than one big
# alternation over every name at start-up
_LOANWORDS_AT: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
for _word, _spelt in sorted(_LOANWORDS.items(), key=lambda item: -len(item[0])):
    _LOANWORDS_AT[_word[0]].append((_word, tuple(_spelt.split("|"))))
MAX_SPELLINGS = 8  # English spellings kept per Korean key (alternatives multiply)


def english_spellings(hangul: str) -> set[str]:
    """Romanization with known loanwords spelt the English way, each alternative spelling once:
    헬리오시티 → {'heliocity'}, 한남더힐 → {'hannamthehill', 'hannamhill'}."""
    spellings = [""]
    last = at = 0
    while at < len(hangul):
        found = next((w for w in _LOANWORDS_AT.get(hangul[at], ()) if hangul.startswith(w[0], at)), None)
        if found is None:
            at += 1
            continue
        head = romanize(hangul[last:at])
        spellings = [s + head + alt for s in spellings for alt in found[1]][:MAX_SPELLINGS]
        at = last = at + len(found[0])
    tail = romanize(hangul[last:])
    return {s + tail for s in spellings}


def english_spelling(hangul: str) -> str:
    """The first English spelling: 헬리오시티 → 'heliocity'."""
    return min(english_spellings(hangul), key=len)


_FOLDS = (("ck", "k"), ("sh", "s"), ("oo", "u"), ("yeo", "yu"))
_NOT_KEY = re.compile(r"[^a-z0-9]")


@functools.lru_cache(maxsize=1 << 16)
def english_fold(text: str) -> str:
    """An English spelling with the variants people mix folded together, on both sides of a match:
    Shin/Sin, Daewoo/Daewu, Pyeon/Pyun, Hannam/Hanam, I-Park/IPark meet (other vowels are left
    alone: folding eo/eu made "Suwon" 서원 and "a room" 아름)."""
    folded = text.lower()
    if not (folded.isascii() and folded.isalnum()):
        folded = _NOT_KEY.sub("", folded)
    for a, b in _FOLDS:
        if a in folded:
            folded = folded.replace(a, b)
    for c in set(folded):
        while c + c in folded and c.isalpha():
            folded = folded.replace(c + c, c)
    return folded


def _first_letter(m: re.Match[str]) -> str:
    return m[0][0]


# English words that say everyday things too: one of them alone, with "the" ("The Hill") or in an
# everyday phrase ("Central Park", "river view") names a complex only inside a place the message
# names, and none is ever guessed at as a misspelt name on its own ("central" is not 센트라스). Two
# of them that are no phrase ("Lake Palace", "Tower Palace") are a name.
_GENERIC_ENGLISH = frozenset(english_fold(w) for w in _words("""
the park view central city hill hills tower palace castle river village town green sky star gold blue
lake forest first grand gran house heights world dream royal prime plus family class noble new one top
high state suite life land plaza rich twin eco art villa ville valley classy members summit pine fore
foret hue best square place urban tree apartment apartments apt
space spaces loft cloud silk air upper mark plum stay duo shop store office studio room garden hall
center centre mall school station
"""))  # fmt: skip
_EVERYDAY_PHRASES = frozenset(english_fold(w.replace("_", "")) for w in _words("""
central_park river_view city_view lake_view sky_view new_town town_house first_class high_class
green_park park_view real_estate
"""))  # fmt: skip
_NAME_ENGLISH = _GENERIC_ENGLISH | {english_fold(a) for v in _LOANWORDS.values() for a in v.split("|") if a}


def _run_of(words: frozenset[str]) -> re.Pattern[str]:
    """A pattern matching a run of `words` and nothing else ("parkview" of park + view)."""
    return re.compile("(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + ")+")


_NAME_RUN = _run_of(_NAME_ENGLISH)


_JAMO_L = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_JAMO_V = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_JAMO_T = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
# Letters people write for one another ("리센쯔", "헬리오씨티", "레미안"): a tense consonant for its
# aspirated or plain twin and ㅐ for ㅔ. Folded to one letter so such a slip costs nothing.
_SOUND_ALIKE = str.maketrans("ㄲㄸㅃㅆㅉㅊㅐㅒㅙㅚ", "ㅋㅌㅍㅅㅈㅈㅔㅖㅞㅞ")
_JAMO_TABLE = {
    c: (_JAMO_L[(c - 0xAC00) // 588] + _JAMO_V[(c - 0xAC00) % 588 // 28] + _JAMO_T[(c - 0xAC00) % 28])
    .strip()
    .translate(_SOUND_ALIKE)
    for c in _SYLLABLES
}


# Spellings of one name people write interchangeably, folded syllable by syllable (so positions
# stay put): a glide dropped or added (반포쟈이, 파크리요), ㅐ for ㅔ, ㅡ/ㅓ for ㅜ (그라시엄), a tense or
# aspirated initial for its twin (리쎈츠, 리센쯔). Final consonants are kept: they tell names apart.
_FOLD_L = str.maketrans("ㄲㄸㅃㅆㅉㅊ", "ㅋㅌㅍㅅㅈㅈ")
_FOLD_V = str.maketrans("ㅑㅒㅕㅖㅛㅠㅐㅡㅓㅙㅚㅞ", "ㅏㅔㅜㅔㅗㅜㅔㅜㅜㅞㅞㅞ")


@functools.cache
def _spelling_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for c in _SYLLABLES:
        initial, vowel, final = (c - 0xAC00) // 588, (c - 0xAC00) % 588 // 28, (c - 0xAC00) % 28
        initial2 = _JAMO_L.index(_JAMO_L[initial].translate(_FOLD_L))
        vowel2 = _JAMO_V.index(_JAMO_V[vowel].translate(_FOLD_V))
        if (initial2, vowel2) != (initial, vowel):
            table[c] = chr(0xAC00 + initial2 * 588 + vowel2 * 28 + final)
    return table


def spelling_fold(text: str) -> str:
    """`text` with each syllable in its folded spelling (`_FOLD_L`, `_FOLD_V`); same length."""
    return text.translate(_spelling_table())


def jamo(text: str) -> str:
    """Hangul split into letters, so a one-vowel typo ('레미안') costs one letter, not a syllable
    (and a sound-alike letter, `_SOUND_ALIKE`, none)."""
    return text.translate(_JAMO_TABLE)


# ---------------------------------------------------------------------------------------------
# the gazetteer


class GazetteerRow(NamedTuple):
    """One (complex, 동) of the data with its row count and latest contract date."""

    sigungu_code: str
    dong: str
    complex_name: str
    complex_id: str | None
    rows: int
    latest: date | None
    leases: int = 0  # rows of them that are 전세/월세 contracts


@dataclass(frozen=True)
class ComplexInfo:
    name: str
    sigungu_code: str
    dong: str
    complex_id: str | None
    rows: int = 0

    @property
    def entity_id(self) -> str:
        """A stable id even where the source has no 아파트일련번호 (분당 exports)."""
        return complex_entity_id(self.complex_id, self.sigungu_code, self.dong, self.name)


@dataclass(frozen=True)
class Target:
    """What an alias names: a 시군구 code, a (동, 시군구 code), a complex index or a foreign place."""

    kind: EntityKind
    code: str = ""  # sigungu code (sigungu, dong, complex)
    dong: str = ""
    index: int = -1  # into Gazetteer.complexes
    weak: bool = False  # "엘스" for 잠실엘스, "현대": counts only inside a 동/구 the message names
    group: bool = False  # a nickname of several complexes (엘리트): a named member wins
    note: str = ""


@dataclass(frozen=True)
class Hit:
    """One alias found in the normalized text, `start:end` in normalized-text coordinates."""

    start: int
    end: int
    alias: str
    targets: tuple[Target, ...]
    fuzzy_score: float | None = None

    @property
    def kind(self) -> EntityKind:
        return self.targets[0].kind


class _FuzzyIndex:
    """Complex aliases bucketed by first letter and sorted by length.

    A ratio of at least c is impossible between strings whose lengths differ too much, so only
    the length window that can reach the cutoff is handed to rapidfuzz (a typo in the very first
    letter is not found; that is the price of a ~0.1 ms lookup).
    """

    def __init__(self, entries: Iterable[tuple[str, tuple[Target, ...]]]) -> None:
        buckets: dict[str, list[tuple[int, str, tuple[Target, ...]]]] = defaultdict(list)
        for key, targets in entries:
            if key:
                buckets[key[0]].append((len(key), key, targets))
        self._buckets: dict[str, tuple[list[int], list[str], list[tuple[Target, ...]]]] = {}
        for letter, items in buckets.items():
            items.sort(key=lambda item: (item[0], item[1]))
            self._buckets[letter] = ([i[0] for i in items], [i[1] for i in items], [i[2] for i in items])

    def best(
        self, probe: str, cutoff: float, place: str = "", max_edits: int | None = None
    ) -> tuple[float, tuple[Target, ...]] | None:
        """Best key at or above `cutoff`. With `place` (a place name that starts the probe) the key
        must start with it too and the rest must match on its own: "문정동 10억" is not 문정동아."""
        bucket = self._buckets.get(probe[:1])
        if bucket is None:
            return None
        lengths, keys, targets = bucket
        c = cutoff / 100
        lo = bisect_left(lengths, math.ceil(len(probe) * c / (2 - c)))
        hi = bisect_right(lengths, math.floor(len(probe) * (2 - c) / c))
        rest = probe[len(place) :]
        numbers = _NUMBERS.findall(probe)
        for key, score, at in process.extract(
            probe, keys[lo:hi], scorer=fuzz.ratio, score_cutoff=cutoff, limit=8
        ):
            if numbers and _NUMBERS.findall(key) != numbers:
                continue  # "주공17" is not 주공1: numbers are never misspelt
            if max_edits is not None and Levenshtein.distance(probe, key, score_cutoff=max_edits) > max_edits:
                continue  # "change" is two letters from changdae (창대): an English word, not a slip
            if not place or (
                key.startswith(place) and fuzz.ratio(rest, key[len(place) :]) >= FUZZY_CUTOFF_IN_REGION
            ):
                return score, targets[lo + at]
        return None


@dataclass(frozen=True)
class _Index:
    korean: dict[str, tuple[Target, ...]]
    prefixes: frozenset[str]
    english: dict[str, tuple[Target, ...]]
    fuzzy: _FuzzyIndex  # jamo forms of complex aliases
    fuzzy_by_code: dict[str, _FuzzyIndex]
    english_fuzzy: _FuzzyIndex  # romanized complex aliases
    place_names: dict[tuple[int, str], list[tuple[str, tuple[Target, ...]]]]  # (length, last letter)
    numbered: dict[tuple[str, str, int], tuple[int, ...]]  # (code, 동, N) → complexes numbered N
    # spelling_fold() of complex names of 3+ syllables that fold to one name only (반포쟈이 → 반포자이)
    folded: dict[str, tuple[Target, ...]]
    folded_prefixes: frozenset[str]
    # code → the 시도/시 words that tell a region from another of its name ("서울", "부산시")
    region_words: dict[str, tuple[str, ...]]


@dataclass(frozen=True, eq=False)  # identity equality: the indexes make value comparison pointless
class Gazetteer:
    """The regions and complexes of our data plus the indexes `scan` needs (built once)."""

    sigungu: tuple[Sigungu, ...]
    complexes: tuple[ComplexInfo, ...]
    dongs: Mapping[str, frozenset[str]]  # 법정동 → 시군구 codes (신사동 → 강남구, 은평구)
    dong_rows: Mapping[tuple[str, str], int]  # (동, code) → rows, to pick the likelier 동
    latest: Mapping[str, date]  # code → latest contract date in the data
    _index: _Index = field(repr=False, compare=False, default=None)  # type: ignore[assignment]
    lease_codes: frozenset[str] = frozenset()  # codes whose data holds 전세/월세 contracts

    def __post_init__(self) -> None:
        if self._index is None:
            # The index is ~100k small objects and no cycles: collecting while they are made only
            # rescans them (about a third of the build time on the full data).
            collecting = gc.isenabled()
            gc.disable()
            try:
                object.__setattr__(self, "_index", _build_index(self))
            finally:
                if collecting:
                    gc.enable()

    @classmethod
    def from_rows(cls, rows: Iterable[GazetteerRow], sigungu: tuple[Sigungu, ...] = SIGUNGU) -> Gazetteer:
        """Pure constructor: the same result as `load_gazetteer`, from rows (tests, CSV scripts)."""
        known = {s.code for s in sigungu}
        merged: dict[tuple[str, str, str], list] = {}
        dongs: dict[str, set[str]] = defaultdict(set)
        dong_rows: dict[tuple[str, str], int] = defaultdict(int)
        latest: dict[str, date] = {}
        lease_codes: set[str] = set()
        for row in rows:
            if row.sigungu_code not in known or not row.dong:
                continue
            if row.leases:
                lease_codes.add(row.sigungu_code)
            dongs[row.dong].add(row.sigungu_code)
            dong_rows[(row.dong, row.sigungu_code)] += row.rows
            if row.latest and (row.sigungu_code not in latest or row.latest > latest[row.sigungu_code]):
                latest[row.sigungu_code] = row.latest
            if not row.complex_name:
                continue
            key = (row.sigungu_code, row.dong, row.complex_name)
            entry = merged.setdefault(key, [row.complex_id, 0, 0])
            # One complex, several ids (a re-registration): keep the id with most rows.
            if row.rows > entry[2]:
                entry[0], entry[2] = row.complex_id or entry[0], row.rows
            entry[1] += row.rows
        complexes = tuple(
            ComplexInfo(name, code, dong, cid, total)
            for (code, dong, name), (cid, total, _) in sorted(merged.items())
        )
        return cls(
            sigungu=sigungu,
            complexes=complexes,
            dongs={d: frozenset(c) for d, c in dongs.items()},
            dong_rows=dict(dong_rows),
            latest=latest,
            lease_codes=frozenset(lease_codes),
        )

    # -- lookups ---------------------------------------------------------------------------

    def sigungu_by_code(self, code: str) -> Sigungu | None:
        return next((s for s in self.sigungu if s.code == code), None)

    def sigungu_label(self, code: str) -> str:
        """'강남구'; '부산 중구' when another region of the data is called 중구 too."""
        found = self.sigungu_by_code(code)
        return found.said if found is not None else code

    def pick_region(self, text: str, labels: Sequence[str]) -> dict[str, str] | None:
        """The one of `labels` (same-name regions a clarifying question listed) an answer names:
        "부산", "부산 중구", "서울이요" → the region's place slots; None when it names none or several."""
        said = compact(text.lower())
        found = [
            s
            for s in self.sigungu
            if s.label in labels
            and (compact(s.label) in said or any(w in said for w in self._index.region_words.get(s.code, ())))
        ]
        if len(found) != 1:
            return None
        return {"sigungu": found[0].said, "sigungu_code": found[0].code}

    def latest_for(self, code: str | None) -> date | None:
        """Latest contract date of a 시군구, or of the whole data when no region is known."""
        if code and code in self.latest:
            return self.latest[code]
        return max(self.latest.values(), default=None)

    # -- matching --------------------------------------------------------------------------

    def scan(self, text: str) -> list[Hit]:
        """Alias hits (Korean and English) in normalized text, overlaps resolved longest-first, plus
        구/동 names typed with one wrong letter on words no alias covers."""
        text = clip(text)
        hits = _scan_korean(self._index, text) + _scan_english(self._index, text)
        hits += _scan_folded(self._index, text, hits)
        hits = _told_apart(self._index, text, _longest_first(hits, text))
        return _with_typo_places(self._index, text, hits)

    def numbered_after(self, text: str, place: Hit, code: str, dong: str) -> tuple[tuple[int, ...], int]:
        """Complexes a place followed by "N단지" names: "목동 7단지" → 목동신시가지7 (in 목동), "목동
        9단지" → 목동신시가지9 (in 신정동, but named after 목동), "잠실 5단지" → 주공아파트 5단지.

        First the numbered complexes of the 동, else those of the 시군구 whose name holds the place.
        Returns them and where "N단지" ends in `text`.
        """
        m = _NUMBER_AFTER.match(text, place.end)
        if m is None:
            return (), place.end
        number = int(m[1] or m[2])
        in_dong = self._index.numbered.get((code, dong, number), ()) if dong else ()
        if in_dong:
            return in_dong, m.end()
        said = compact(text[place.start : place.end])
        if said.isascii() and dong:
            said = dong  # "Mokdong complex 9": the 동 as the names spell it
        stem = _dong_stem(said) or _sigungu_stem(said) or said
        in_region = self._index.numbered.get((code, "", number), ())
        return tuple(i for i in in_region if stem in compact(self.complexes[i].name)), m.end()

    def index_of(self, name: str, code: str, dong: str | None = None) -> int | None:
        """The index of a complex named in slots (its name, 시군구 and, when known, 동)."""
        for i, info in enumerate(self.complexes):
            if info.name == name and info.sigungu_code == code and (dong is None or info.dong == dong):
                return i
        return None

    def sibling(self, index: int, number: int) -> int | None:
        """The complex of the same numbered family with another number: 올림픽선수기자촌1단지 and 2 →
        올림픽선수기자촌2단지, 목동신시가지7 and 14 → 목동신시가지14 (in its own 동, 신정동). Same 시군구 and
        the same name once the number is taken off; the one with most deals if several."""
        info = self.complexes[index]
        stem = family_stem(info.name)
        if not stem:
            return None
        pool = [
            i
            for i in self._index.numbered.get((info.sigungu_code, "", number), ())
            if family_stem(self.complexes[i].name) == stem
        ]
        return max(pool, key=lambda i: self.complexes[i].rows) if pool else None

    def holding(self, word: str, code: str) -> int | None:
        """The complex of 구 `code` whose name holds `word` ("훼밀리타운" in 송파구 → 올림픽훼밀리타운), the
        most traded one when the word sits in one name only (in one or more 동); None otherwise."""
        found = [
            i
            for i, info in enumerate(self.complexes)
            if info.sigungu_code == code and word in compact(info.name)
        ]
        if len({self.complexes[i].name for i in found}) != 1:
            return None
        return max(found, key=lambda i: self.complexes[i].rows)

    def holding_in(self, word: str, code: str, dong: str | None = None, *, head: bool = False) -> int | None:
        """Like `holding`, narrowed to the chat's or the message's 동 when the 구 has several names that
        hold `word` ("아크로" in a 반포동 chat → 아크로리버파크, the one 반포동 name it heads). `head`: the
        word must begin the name (a short word said alone is a name's head, never a piece of its middle)."""
        found = [
            i
            for i, info in enumerate(self.complexes)
            if info.sigungu_code == code
            and (compact(info.name).startswith(word) if head else word in compact(info.name))
        ]
        if dong and (head or len({self.complexes[i].name for i in found}) > 1):
            found = [i for i in found if self.complexes[i].dong == dong]  # a head only in the chat's 동
        if len({self.complexes[i].name for i in found}) != 1:
            return None
        return max(found, key=lambda i: self.complexes[i].rows)

    def complex_by_words(self, text: str, code: str, dong: str | None = None) -> int | None:
        """The one complex of a named 구 (or 동) whose name's words all appear in the message in any
        order, its place word aside: "상도동 힐스테이트 센트럴파크" is 힐스테이트 상도 센트럴파크.

        Only names of two or more words besides the place (one word is the scan's job) and only when
        a single name fits, so ordinary words never make up a complex."""
        said = compact(clip(text))
        found = {
            i
            for i, place_dong, words in self._name_words.get(code, ())
            if (not dong or place_dong == dong) and all(w in said for w in words)
        }
        if len({self.complexes[i].name for i in found}) != 1:
            return None
        return max(found, key=lambda i: self.complexes[i].rows)

    @cached_property
    def _name_words(self) -> dict[str, list[tuple[int, str, tuple[str, ...]]]]:
        """code → (complex, 동, the name's words besides its place word) for names that hold a place
        word and two more words (built on first use)."""
        by_code: dict[str, list[tuple[int, str, tuple[str, ...]]]] = defaultdict(list)
        for i, info in enumerate(self.complexes):
            words = [compact(w) for w in _NAME_SPLIT.split(info.name) if w]
            if len(words) < 3:
                continue
            sg = self.sigungu_by_code(info.sigungu_code)
            places = {_sigungu_stem(sg.name) if sg else "", _dong_stem(info.dong), compact(info.dong)} - {""}
            rest = tuple(w for w in words if w not in places)
            if len(rest) >= 2 and len(rest) < len(words) and all(len(w) >= 2 for w in rest):
                by_code[info.sigungu_code].append((i, info.dong, rest))
        return dict(by_code)

    def fuzzy_complex(self, query: str, within_code: str | None = None, place: str = "") -> Hit | None:
        """Best complex for a misspelt name (jamo ratio), or None below the cutoff.

        `place` is a place name the query starts with ("잠실 엘쓰"): it must start the complex name
        too, and the rest of the query must match the rest of the name on its own.
        """
        key = compact(clip(query))
        if len(key) < 3:
            return None
        index = self._index
        if any(t.kind in ("sigungu", "dong") for t in index.korean.get(key, ())):
            return None  # "흑석동" alone is the place, not the start of 흑석동양
        place = compact(place)
        if key.isascii():
            key, place = english_fold(key), english_fold(place)
            if _NAME_RUN.fullmatch(key):
                return None  # "central", "raemian": a word of names, not a misspelt name
            # a romanized name misspelt is a letter or so off ("Trigium"); an English word that only
            # resembles a romanization is more ("change" / changdae): one edit per 8 letters, plus one
            found = index.english_fuzzy.best(key, FUZZY_CUTOFF_ENGLISH, place, max_edits=1 + len(key) // 8)
        elif within_code:
            regional = index.fuzzy_by_code.get(within_code)
            found = regional.best(jamo(key), FUZZY_CUTOFF_IN_REGION, jamo(place)) if regional else None
        else:
            found = index.fuzzy.best(jamo(key), FUZZY_CUTOFF, jamo(place))
        if found is None:
            return None
        score, targets = found
        return Hit(0, 0, key, targets, fuzzy_score=score)


async def load_gazetteer(engine: AsyncEngine) -> Gazetteer:
    """Every (시군구, 동, 단지) of apt_trades and apt_rents from one GROUP BY, indexed.

    Measured on the full data: ~0.25 s of SQL and ~0.5 s of index building, once per process.
    """
    from sqlalchemy import text

    rows: list[GazetteerRow] = []
    async with engine.connect() as conn:
        result = await conn.execute(text(_GAZETTEER_SQL))
        for r in result:
            rows.append(
                GazetteerRow(r.sigungu_code, r.dong, r.complex_name, r.complex_id, r.rows, r.latest, r.leases)
            )
    return Gazetteer.from_rows(rows, data_regions({row.sigungu_code for row in rows}))


def data_regions(codes: Iterable[str]) -> tuple[Sigungu, ...]:
    """SIGUNGU plus every other 시군구 the data holds (e.g. synced by `sync-molit`), named from the
    all-Korea table, so its 구, 동 and 단지 are recognised as ours. Regions that share a name (서울 중구
    and a synced 부산 중구) both stay ours, each labelled with its 시도: the message's other words
    tell them apart, and a bare "중구" is asked about, never guessed."""
    found = list(SIGUNGU)
    for code in sorted(set(codes) - {s.code for s in SIGUNGU}):
        place = place_of(code)
        if place is None or place.is_sido:
            continue
        name = place.name.split()[-1]
        city = place.name.split()[0] if " " in place.name else place.sido
        found.append(Sigungu(code, name, city, _english_name(place, name)))
    counts = Counter(s.name for s in found)
    return tuple(replace(s, label=qualified_name(s.code)) if counts[s.name] > 1 else s for s in found)


def _english_name(place: Place, name: str) -> str:
    """'haeundae' for 해운대구, 'sejong' for 세종특별자치시 (a 시도 that is one 시군구)."""
    if place.name == place.sido:
        return next((a for a in SIDO_SHORT.get(place.sido_code, ()) if a.isascii()), romanize(name))
    return romanize(name[:-1] if len(name) > 2 else name)


_GAZETTEER_SQL = """
SELECT sigungu_code, dong, complex_name, complex_id, count(*) AS rows, max(contract_date) AS latest,
       sum(lease) AS leases
FROM (
    SELECT sigungu_code, dong, complex_name, complex_id, contract_date, 0 AS lease FROM apt_trades
    UNION ALL
    SELECT sigungu_code, dong, complex_name, complex_id, contract_date, 1 AS lease FROM apt_rents
) AS t
GROUP BY sigungu_code, dong, complex_name, complex_id
"""


# ---------------------------------------------------------------------------------------------
# index construction


def _sigungu_stem(name: str) -> str:
    return name[:-1] if name.endswith("구") and len(name) > 2 else ""


def _dong_stem(name: str) -> str:
    return name[:-1] if name.endswith("동") and len(name) >= 3 else ""


_NAME_SPLIT = re.compile(r"[\s()·,\-]+")  # the words of a complex name as written
_SERIES_TAIL = re.compile(r"(?<!\d)\d{1,6}(?:단지|차)?$")
# "목동 7단지", "잠실 5차"; in English "Mokdong Complex 7", "mokdong danji no. 7"
_NUMBER_AFTER = re.compile(r" ?(\d{1,3}) ?(?:단지|차)| ?(?:complex|danji|block) ?(?:no\.? ?|#)?(\d{1,3})\b")
# A romanized numbered name said the English way: olympicvillage2danji → olympicvillagecomplex2.
_ROMAN_SERIES = re.compile(r"^(?P<stem>[a-z]{3,})(?P<n>\d{1,3})(?:danji|cha)?$")
_SERIES_NUMBER = re.compile(r"(?<!\d)(\d{1,3})(?:단지|차)?$")
_DANJI_PART = re.compile(r"^(\d{1,3})단지$")
_BRAND = re.compile("|".join(re.escape(s) for pair in BRAND_SPELLINGS for s in pair))


_BUILDER_NUMBER = re.compile(r"^[가-힣a-z]{1,4}?(\d{1,3})단지")


def _series_number(name: str) -> int | None:
    """The N of a numbered complex: 목동신시가지7, 봇들마을3단지(주공), 무지개(12단지)(주공뜨란체)."""
    bare = compact(_PAREN.sub("", name.replace("아파트", "")))
    m = _SERIES_NUMBER.search(bare)
    if m:
        return int(m[1])
    for part in _PAREN.findall(name):
        m = _DANJI_PART.match(compact(part))
        if m:
            return int(m[1])
    return None


def family_stem(name: str) -> str:
    """A numbered complex's name without its number: 목동신시가지7 → 목동신시가지, 올림픽선수기자촌2단지 →
    올림픽선수기자촌; "" for a name that carries no number."""
    if _series_number(name) is None:
        return ""
    bare = compact(_PAREN.sub("", name.replace("아파트", "")))
    return _SERIES_TAIL.sub("", bare)


def _brand_variants(keys: set[str]) -> set[str]:
    """Keys with brand letters spelt the other way: 전농sk ↔ 전농에스케이, e편한세상 ↔ 이편한세상."""
    found: set[str] = set()
    for key in keys:
        if not _BRAND.search(key):
            continue
        variants = {key}
        for latin, korean in BRAND_SPELLINGS:
            for v in list(variants):
                if latin in v:
                    variants.add(v.replace(latin, korean))
                if korean in v:
                    variants.add(v.replace(korean, latin))
        found |= variants
    return found


def _complex_keys(info: ComplexInfo, region_stems: tuple[str, ...]) -> tuple[set[str], set[str]]:
    """(strong, weak) alias keys of one complex name.

    Strong: the name, its parenthesised parts recombined ("까치마을(1단지)(대우롯데선경)" →
    까치마을1단지, 까치마을대우롯데선경 …; "상록마을(우성)1" → 상록마을우성), "마을" added or dropped, and
    the series stem of numbered names (마포래미안푸르지오1단지 → 마포래미안푸르지오; resolution later picks
    the member with most data), "마을" dropped inside a name (봇들마을3단지 → 봇들3단지, as people say
    it) and brand letters spelt both ways (SK ↔ 에스케이). Weak: strong keys without a leading place
    name (잠실엘스 → 엘스).
    """
    name = info.name.replace("아파트", "")
    prefix = compact(name.split("(", 1)[0])
    tail = compact(name.rsplit(")", 1)[1]) if ")" in name else ""
    parts = [p for p in (compact(x) for x in _PAREN.findall(name)) if p and not _USELESS_PART.match(p)]
    strong = {compact(_PAREN.sub("", name)) if not parts else compact(name.replace("(", "").replace(")", ""))}
    if prefix and parts:
        bases = {prefix}
        if prefix.endswith("마을") and len(prefix) > 3:
            bases.add(prefix[:-2])
        elif prefix.endswith("촌") and prefix[:-1] in region_stems:
            bases.add(prefix[:-1])  # "이매촌(한신)" is also "이매 한신", as the 동 is called
        elif not prefix.endswith(("촌", "타운")) and not prefix[-1:].isdigit():
            bases.add(prefix + "마을")
        for base in bases:
            for n in range(1, len(parts) + 1):
                for combo in itertools.permutations(parts, n):
                    strong.add(base + "".join(combo))
                    if tail:
                        strong.add(base + "".join(combo) + tail)
        strong.add(prefix + tail)
        strong.add(prefix)
        # "청솔마을(주공9단지)" is said "청솔9단지", "청솔마을 9단지": the builder before the number dropped
        for part in parts:
            m = _BUILDER_NUMBER.match(part)
            if m:
                strong.update(base + m[1] + "단지" for base in bases)
    for key in list(strong):
        at = key.find("마을", 2)
        if at > 0 and len(key) > at + 2:
            strong.add(key[:at] + key[at + 2 :])
    strong |= _brand_variants(strong)
    for key in list(strong):
        if key[-1:].isdigit():
            strong.update({key + "단지", key + "차"})
        if key.endswith("단지") and key[-3:-2].isdigit():
            strong.add(key[:-2])
        series = _SERIES_TAIL.sub("", key)
        if series != key and len(series) >= 3:
            strong.add(series)
    strong.discard("")
    weak: set[str] = set()
    for key in strong:
        for stem in region_stems:
            rest = key[len(stem) :]
            if key.startswith(stem) and len(rest) >= 2 and rest[0] not in "동구":
                weak.add(rest)
    return strong, weak - strong


def _english_keys(key: str) -> set[str]:
    """Romanized keys of a Korean alias, folded (`english_fold`); a numbered one also as said in
    English ("Olympic Village complex 2", "Olympic Village 2" for 올림픽선수기자촌2단지; "Gileum New
    Town 2 Prugio" for 길음뉴타운2단지푸르지오)."""
    keys = {romanize(key)} | english_spellings(key)
    # "Botdeul village 7" = 봇들마을7단지: 마을 said in translation
    keys |= {k.replace("maeul", "village") for k in keys if "maeul" in k}
    keys |= {_NUMBER_WORD.sub(_first_letter, k) for k in keys if "danji" in k or "cha" in k}
    for roman in list(keys):
        m = _ROMAN_SERIES.match(roman)
        if m:
            keys |= {f"{m['stem']}complex{m['n']}", f"{m['stem']}{m['n']}"}
    return {english_fold(k) for k in keys}


_NUMBER_WORD = re.compile(r"(\d)(?:danji|cha)")


def _build_index(gaz: Gazetteer) -> _Index:
    korean: dict[str, list[Target]] = defaultdict(list)
    english: dict[str, list[Target]] = defaultdict(list)
    place_words = _add_region_aliases(gaz, korean, english)
    place_first: dict[str, list[Target]] = defaultdict(list)
    complex_keys = _complex_aliases(gaz, place_words, place_first)
    for key, targets in complex_keys.items():
        korean[key].extend(targets)

    fuzzy_entries: list[tuple[str, tuple[Target, ...]]] = []
    by_code: dict[str, list[tuple[str, tuple[Target, ...]]]] = defaultdict(list)
    for key, targets in complex_keys.items():
        strong_targets = tuple(t for t in targets if not t.weak)
        if not strong_targets:
            continue
        if not key.isascii():
            for roman in _english_keys(key):
                if roman.isascii() and len(roman) >= 5:
                    english[roman].extend(_english_targets(roman, strong_targets))
        if len(key) < 3:
            continue
        letters = jamo(key)
        fuzzy_entries.append((letters, strong_targets))
        for code in {t.code for t in strong_targets}:
            by_code[code].append((letters, tuple(t for t in strong_targets if t.code == code)))
    for key, targets in place_first.items():
        for roman in _english_keys(key) - english.keys():
            if len(roman) >= 5:
                english[roman].extend(_english_targets(roman, tuple(_dedupe(targets))))
    _add_outside_places(gaz, korean, english)

    place_names: dict[tuple[int, str], list[tuple[str, tuple[Target, ...]]]] = defaultdict(list)
    for key in place_words:
        if len(key) >= FUZZY_PLACE_MIN_SYLLABLES and key[-1] in "구동" and _HANGUL_ONLY.match(key):
            targets = tuple(_dedupe(t for t in korean[key] if t.kind in ("sigungu", "dong")))
            place_names[(len(key), "*" if key[-1] == "구" else key[-1])].append((key, targets))
    numbered: dict[tuple[str, str, int], list[int]] = defaultdict(list)
    for i, info in enumerate(gaz.complexes):
        number = _series_number(info.name)
        if number is not None:
            numbered[(info.sigungu_code, info.dong, number)].append(i)
            numbered[(info.sigungu_code, "", number)].append(i)

    frozen_english = _folded(english)
    english_entries = [
        (key, named)
        for key, targets in frozen_english.items()
        if (named := tuple(t for t in targets if t.kind == "complex" and not t.weak))
    ]
    frozen_korean = {k: tuple(_dedupe(v)) for k, v in korean.items() if 2 <= len(k) <= MAX_ALIAS_LEN}
    folded = _folded_names(complex_keys, frozen_korean)
    return _Index(
        korean=frozen_korean,
        prefixes=frozenset(k[:n] for k in frozen_korean for n in range(1, len(k) + 1)),
        english=frozen_english,
        fuzzy=_FuzzyIndex(fuzzy_entries),
        fuzzy_by_code={code: _FuzzyIndex(entries) for code, entries in by_code.items()},
        english_fuzzy=_FuzzyIndex(english_entries),
        place_names=dict(place_names),
        numbered={k: tuple(v) for k, v in numbered.items()},
        region_words={s.code: tuple(sorted(_telling_words(s))) for s in gaz.sigungu if s.label},
        folded=folded,
        folded_prefixes=frozenset(k[:n] for k in folded for n in range(1, len(k) + 1)),
    )


def _folded_names(
    complex_keys: Mapping[str, list[Target]], korean: Mapping[str, tuple[Target, ...]]
) -> dict[str, tuple[Target, ...]]:
    """Folded spellings of complex aliases (3+ Hangul syllables, strong targets) that fold to one
    complex only and are no alias of anything else as written: a spelling slip finds that name and
    never a guess between two (or a 동 or 구)."""
    by_fold: dict[str, set[tuple[Target, ...]]] = defaultdict(set)
    for key, targets in complex_keys.items():
        strong = tuple(_dedupe(t for t in targets if not t.weak and t.kind == "complex"))
        if strong and len(key) >= 3 and _HANGUL_ONLY.match(key):
            by_fold[spelling_fold(key)].add(strong)
    folded: dict[str, tuple[Target, ...]] = {}
    for key, choices in by_fold.items():
        names = {t.index for ts in choices for t in ts}
        exact = korean.get(key, ())
        if len(choices) == 1 and not any(t.kind != "complex" for t in exact):
            folded[key] = next(iter(choices))
        elif len(names) == 1:
            folded[key] = tuple(_dedupe(t for ts in choices for t in ts))
    return folded


def _english_targets(key: str, targets: tuple[Target, ...]) -> tuple[Target, ...]:
    """A key that is one everyday English word ("family"), that word with "the" ("thehill") or an
    everyday phrase ("centralpark") is weak (see `_GENERIC_ENGLISH`)."""
    bare = key.removeprefix("the")
    if bare not in _GENERIC_ENGLISH and key not in _EVERYDAY_PHRASES:
        return targets
    return tuple(replace(t, weak=True) for t in targets)


def _folded(english: Mapping[str, list[Target]]) -> dict[str, tuple[Target, ...]]:
    """The English table keyed by folded spellings (region names merge with their variants)."""
    merged: dict[str, list[Target]] = defaultdict(list)
    for key, targets in english.items():
        merged[english_fold(key)].extend(targets)
    return {k: tuple(_dedupe(v)) for k, v in merged.items() if len(k) >= 3}


def _add_region_aliases(
    gaz: Gazetteer, korean: dict[str, list[Target]], english: dict[str, list[Target]]
) -> set[str]:
    """구, 동 (with group names such as 성수동 and stems such as 대치); returns the place words, which
    no complex alias may shadow."""
    place_words: set[str] = set()
    for s in gaz.sigungu:
        target = Target("sigungu", code=s.code)
        for key in {s.name, _sigungu_stem(s.name)} - {""}:
            korean[key].append(target)
            place_words.add(key)
        english[s.english + "gu"].append(target)
        if s.english != "jung":  # "jung" alone is a common syllable; "jung-gu" is kept
            english[s.english].append(target)
        if s.code not in BY_CODE:  # synced: "수원시 영통구", "광교", "세종시" as the all-Korea table has it
            for key in _place_keys(gaz, s):
                korean[key].append(target)
                place_words.add(key)
        if s.label:  # "부산 중구", "서울특별시 중구", "busan jung-gu": the 시도 or 시 says which 중구
            for word in _telling_words(s):
                if word.isascii():
                    english[word + s.english + "gu"].append(target)
                    continue
                for base in {s.name, _sigungu_stem(s.name)} - {""}:
                    korean[word + base].append(target)
                    place_words.add(word + base)
    bundang = next((s for s in gaz.sigungu if s.name == "분당구"), None)
    if bundang:
        for key in SEONGNAM:
            table = english if key.isascii() else korean
            table[key].append(
                Target("sigungu", code=bundang.code, note="성남시 중 분당구만 데이터가 있습니다")
            )
            place_words.add(key)

    groups: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for dong, codes in gaz.dongs.items():
        for code in codes:
            groups[dong].add((dong, code))
            if " " in dong:  # a 군's "읍 리" as MOLIT may write it: matched on the compact text
                for part in {compact(dong), dong.split()[-1]}:
                    groups[part].add((dong, code))
            m = _DONG_GA.match(dong)
            if m and len(m["base"]) >= 2:
                groups[m["base"] + "동"].add((dong, code))
                if m["base"].endswith("로"):
                    groups[m["base"]].add((dong, code))
    sigungu_stems = {_sigungu_stem(s.name) for s in gaz.sigungu} | {"분당", "성남"}
    for key, members in groups.items():
        chosen = {(d, c) for d, c in members if d == key} if key in gaz.dongs else members
        targets = [Target("dong", code=c, dong=d) for d, c in sorted(chosen)]
        korean[key].extend(targets)
        place_words.add(key)
        stem = _dong_stem(key)
        if len(stem) >= 2 and stem not in DONG_STEM_STOPWORDS and stem not in sigungu_stems:
            korean[stem].extend(targets)
            place_words.add(stem)
            english[romanize(stem)].extend(targets)
        if stem:
            english[romanize(stem) + "dong"].extend(targets)
        elif key.endswith("동") and len(key) == 2 and _HANGUL_ONLY.match(key):
            english[romanize(key[:-1]) + "dong"].extend(targets)  # 목동 → "Mokdong"
    return place_words


def _place_keys(gaz: Gazetteer, s: Sigungu) -> set[str]:
    """Names the all-Korea table knows a synced region by ("수원시영통구", "수원영통구", "광교"; "세종시"
    for a 시도 that is one 시군구), less everyday words and 동 stems of the data (양평 of 양평동)."""
    place = place_of(s.code)
    if place is None:
        return set()
    keys = {k for k in aliases(place) if not k.isascii()}
    keys |= {area for area, code in AREAS.items() if code == s.code}
    sido = place_of(place.sido_code + "000")
    if sido is not None and place.name == place.sido:
        keys |= {k for k in aliases(sido) if not k.isascii()}
    return {k for k in keys if k not in COMMON_WORDS and (k == s.name or k + "동" not in gaz.dongs)}


def _telling_words(s: Sigungu) -> set[str]:
    """The 시도 and 시 words that tell a region from others of its name: 서울, 서울시, 서울특별시,
    seoul for 서울 중구; 포항, 포항시, 경북포항시 for 포항시 남구."""
    place = place_of(s.code)
    if place is None:
        return set()
    sido = place_of(place.sido_code + "000")
    tops = aliases(sido) if sido is not None else set()
    parts = place.name.split()
    cities: set[str] = set()
    if len(parts) == 2:
        cities = {parts[0]} | ({parts[0][:-1]} if len(parts[0]) >= 3 else set())
    words = tops | cities | {t + c for t in tops for c in cities if not t.isascii()}
    return {w for w in words if len(w) >= 2 and w not in COMMON_WORDS}


def _told_apart(index: _Index, text: str, hits: list[Hit]) -> list[Hit]:
    """A name several regions of the data share (중구) means the one whose 시도 or 시 the message
    says elsewhere ("서울에 있는 중구", "중구 (서울)"); with none or several said it stays open."""
    if not index.region_words:
        return hits
    masked: str | None = None
    told: list[Hit] = []
    for hit in hits:
        ours = {t.code for t in hit.targets if t.kind == "sigungu"}
        if len(ours) > 1:
            if masked is None:
                chars = list(text.lower())
                for other in hits:
                    chars[other.start : other.end] = " " * (other.end - other.start)
                masked = compact("".join(chars))
            said = [c for c in sorted(ours) if any(w in masked for w in index.region_words.get(c, ()))]
            if len(said) == 1:
                hit = replace(hit, targets=tuple(t for t in hit.targets if t.code == said[0]))
        told.append(hit)
    return told


# The reason an NLU ambiguity gives for a bare name two regions of the data share (서울·부산 중구).
SAME_NAME = "같은 이름의 시군구가 데이터에 여러 곳"


def same_name_labels(gaz: Gazetteer, hit: Hit) -> list[str]:
    """The regions of the data a hit still leaves open ('서울 중구', '부산 중구'); [] or one when told."""
    codes = dict.fromkeys(t.code for t in hit.targets if t.kind == "sigungu")
    return [gaz.sigungu_label(code) for code in codes] if len(codes) > 1 else []


class _Ambiguity(Protocol):  # agents.nlu.Ambiguity (the NLU imports this module, not the reverse)
    mention: str
    candidates: list[str]
    reason: str


def same_name_choice(ambiguities: Iterable[_Ambiguity]) -> tuple[str, list[str]] | None:
    """(mention, candidate labels) of the first same-name ambiguity of an NLU result, or None."""
    for a in ambiguities:
        if a.reason == SAME_NAME:
            return a.mention, list(a.candidates)
    return None


def same_name_question(mention: str, labels: Sequence[str]) -> str:
    """One short question listing the candidates: "중구는 서울 중구, 부산 중구 중 어디인가요? …"."""
    return f"{mention}{josa_for(mention, '은')} {', '.join(labels)} 중 어디인가요? 예: '{labels[-1]}'"


def _add_outside_places(
    gaz: Gazetteer, korean: dict[str, list[Target]], english: dict[str, list[Target]]
) -> None:
    """Every 시도 and 시군구 of Korea the data lacks (agents.domain.places_kr), as foreign targets
    named in full, so "부산 해운대구" is said to be outside instead of ignored.

    A name of the data keeps its meaning: a foreign target joins a key only where the key is new,
    names nothing but 구 of the data (중구, 강서구) or, for a 시 or 시도, nothing but complexes (광명,
    진주: `place_choices` decides by the other names of the message). Short forms that are everyday
    words (예산, 경기) or a 동 stem of the data (장안, 구미) are left out; a 시도 the data covers whole
    (서울) is no outside place.
    """
    data_codes = {s.code for s in gaz.sigungu}
    table = places()
    partly_outside = {p.sido_code for p in table.in_force() if not p.is_sido and p.code not in data_codes}
    for key, cands in table.names().items():
        if key in COMMON_WORDS or (not key.isascii() and key + "동" in gaz.dongs):
            continue
        outside = [
            Target("foreign", code=p.code, note=p.full_name)
            for p in cands
            if p.code not in data_codes and (not p.is_sido or p.sido_code in partly_outside)
        ]
        if not outside:
            continue
        city = all(p.is_sido or p.name.endswith("시") for p in cands)
        for k in {key} if key.isascii() else {key, romanize(key)}:
            index = english if k.isascii() else korean
            if k.isascii() and len(k) < 4:
                continue  # "jeju" passes, "nam" does not
            existing = index.get(k, ())
            if all(t.kind == "sigungu" and not t.note for t in existing) or (
                city and all(t.kind == "complex" for t in existing)
            ):
                index[k].extend(outside)


def outside_sigungu(place: str, query: str) -> str | None:
    """The 시군구 of an outside place ('부산광역시 해운대구', '경기도 수원시') when the message says it, in
    Korean ("해운대", "수원시") or in English ("Haeundae", "Suwon", "Suwon-si"); a 시도 alone ('대구광역시')
    names no 시군구, and neither does a 동 or an area that located it ("인천 송도" is in 연수구, "일산"
    in 고양시): the answer names the place said, never one the user did not say."""
    words = place.split()
    last = words[-1] if words else ""
    if len(words) < 2 or not last.endswith(("시", "군", "구")):
        return None
    stem = last[:-1] if len(last) > 2 else last
    if stem in query.replace(" ", ""):
        return last
    english = romanize(stem) if len(last) > 2 else ""  # "Jung-gu": too many places share one syllable
    said = re.search(
        rf"\b{re.escape(english)}(?:-?(?:gu|gun|si)\b|\s(?:city|county|district)\b)?(?![a-z])", query.lower()
    )
    return last if english and said else None


def place_choices(hits: list[Hit]) -> list[tuple[Target, ...]]:
    """Per hit, the targets the message means.

    A name that is ours and outside too (중구, 강서구) stays ours unless another name of the message
    places it elsewhere ("부산 중구"); a complex that is also a city (광명, 진주) is the complex only
    inside a place of ours the message names ("잠실 진주"); an outside name told apart by another
    ("인천 서구") is that one place; one still ambiguous ("동구" alone) is named as it was said.
    Two regions of ours with one name (서울 중구, 부산 중구) are told apart the same way, or by a 동
    of only one of them ("중구 광복동"); otherwise both stay, for the NLU to ask which.
    """
    sets = [
        tuple(
            p for t in hit.targets if t.kind in ("sigungu", "foreign") and (p := place_of(t.code)) is not None
        )
        for hit in hits
    ]
    our_places = {t.code for hit in hits for t in hit.targets if t.kind in ("sigungu", "dong")}
    dong_codes = {t.code for hit in hits for t in hit.targets if t.kind == "dong"}
    chosen: list[tuple[Target, ...]] = []
    for hit, meant in zip(hits, narrow(sets), strict=True):
        same_name = len({t.code for t in hit.targets if t.kind == "sigungu"}) > 1
        if not same_name and not any(t.kind == "foreign" for t in hit.targets):
            chosen.append(hit.targets)
            continue
        complexes = tuple(t for t in hit.targets if t.kind == "complex")
        if {t.code for t in complexes} & our_places:
            chosen.append(complexes)
            continue
        codes = {p.code for p in meant}
        ours = tuple(t for t in hit.targets if t.kind == "sigungu" and t.code in codes)
        if len({t.code for t in ours}) > 1:
            ours = tuple(t for t in ours if t.code in dong_codes) or ours
        outside = tuple(t for t in hit.targets if t.kind == "foreign" and t.code in codes)
        if ours:
            chosen.append(ours)
        elif len(outside) == 1:
            chosen.append(outside)
        else:
            chosen.append((Target("foreign", note=hit.alias),))
    return chosen


def _complex_aliases(
    gaz: Gazetteer, place_words: set[str], place_first: dict[str, list[Target]]
) -> dict[str, list[Target]]:
    """Alias key → the complexes it may name (brands and derived keys marked weak). Fills
    `place_first` with names whose place word sits inside, said place first: English speakers say
    "Pangyo The Sharp First Park" for THESHARP판교퍼스트파크 (Korean has `complex_by_words`)."""
    stems_by_dong: dict[tuple[str, str], tuple[str, ...]] = {}
    keys: dict[str, list[Target]] = defaultdict(list)
    nicknames_by_dong: dict[str, list[tuple[str, str]]] = defaultdict(list)
    groups = {n.nickname for n in NICKNAMES if sum(m.nickname == n.nickname for m in NICKNAMES) > 1}
    for n in NICKNAMES:
        nicknames_by_dong[n.dong].append((n.nickname, n.data_prefix))
    # 동 names of each 구 as said before a complex name: "판교해링턴플레이스" (대장동) is "해링턴플레이스"
    neighbours: dict[str, set[str]] = defaultdict(set)
    for info in gaz.complexes:
        neighbours[info.sigungu_code].add(_dong_stem(info.dong))
    for i, info in enumerate(gaz.complexes):
        where = (info.sigungu_code, info.dong)
        if where not in stems_by_dong:
            sg = gaz.sigungu_by_code(info.sigungu_code)
            stems = {_dong_stem(info.dong), info.dong, _DONG_GA.sub(r"\g<base>", info.dong)}
            stems |= neighbours[info.sigungu_code]
            if sg:
                stems |= {sg.name, _sigungu_stem(sg.name)}
            stems_by_dong[where] = tuple(sorted((s for s in stems if len(s) >= 2), key=len))
        strong, weak = _complex_keys(info, stems_by_dong[where])
        for nickname, data_prefix in nicknames_by_dong.get(info.dong, ()):
            strong |= {nickname + k[len(data_prefix) :] for k in list(strong) if k.startswith(data_prefix)}
        inside = _stem_pattern(stems_by_dong[where])
        for key in strong:
            m = inside.search(key, 2)
            if m and len(key) - len(m[0]) >= 3:
                place_first[m[0] + key[: m.start()] + key[m.end() :]].append(
                    Target("complex", code=info.sigungu_code, dong=info.dong, index=i)
                )
        for key, is_weak in itertools.chain(((k, False) for k in strong), ((k, True) for k in weak)):
            if _usable_complex_key(key, place_words):
                # "SPACE(920-5)": a Latin-letter name that is an everyday English word ("a shop space")
                generic = key.isascii() and english_fold(key) in _GENERIC_ENGLISH
                weak_key = is_weak or key in GENERIC_COMPLEX_WORDS or generic
                keys[key].append(
                    Target(
                        "complex",
                        code=info.sigungu_code,
                        dong=info.dong,
                        index=i,
                        weak=weak_key,
                        group=key in groups,
                    )
                )
    for key, targets in _abbreviations(gaz, stems_by_dong).items():
        if key not in keys and _usable_complex_key(key, place_words):
            keys[key] = targets
    return {key: _dedupe(targets) for key, targets in keys.items()}


# The words complex names are built from, whose first syllables make the names people shorten them to
# (래미안 + 퍼스티지 → 래퍼, 래미안 + 대치 + 팰리스 → 래대팰).
_NAME_WORDS = frozenset(_LOANWORDS)


@functools.cache
def _stem_pattern(stems: tuple[str, ...]) -> re.Pattern[str]:
    """Place stems as one pattern, longest first (built once per 동's stem list)."""
    return re.compile("|".join(map(re.escape, sorted(stems, key=len, reverse=True))))


def _split_name(name: str, stems: tuple[str, ...]) -> list[str] | None:
    """A complex name cut into known words (loanwords, brands, the place stems around it), longest
    first from the left; None when some part is not such a word."""
    vocabulary = _NAME_WORDS | set(stems)
    pieces: list[str] = []
    at = 0
    while at < len(name):
        word = next(
            (name[at:end] for end in range(len(name), at + 1, -1) if name[at:end] in vocabulary), None
        )
        if word is None:
            return None
        pieces.append(word)
        at += len(word)
    return pieces


def _abbreviations(
    gaz: Gazetteer, stems_by_dong: Mapping[tuple[str, str], tuple[str, ...]]
) -> dict[str, list[Target]]:
    """First-syllable short names of complexes made of known words, kept only where one name has
    them. Two syllables only from two brand words of three or more ("래퍼"), never "잠엘" (잠실 + 엘스)."""
    found: dict[str, list[Target]] = defaultdict(list)
    names: dict[str, set[str]] = defaultdict(set)
    for i, info in enumerate(gaz.complexes):
        name = compact(_PAREN.sub("", info.name.replace("아파트", "")))
        pieces = _split_name(name, stems_by_dong.get((info.sigungu_code, info.dong), ()))
        if pieces is None or len(pieces) < 2:
            continue
        if len(pieces) == 2 and not all(len(p) >= 3 and p in _NAME_WORDS for p in pieces):
            continue  # "영푸" (영등포 + 푸르지오) is nobody's name for it
        short = "".join(p[0] for p in pieces)
        if not _HANGUL_ONLY.match(short):
            continue
        found[short].append(Target("complex", code=info.sigungu_code, dong=info.dong, index=i))
        names[short].add(info.name)
    return {key: targets for key, targets in found.items() if len(names[key]) == 1}


def _usable_complex_key(key: str, place_words: set[str]) -> bool:
    if len(key) < 2 or key in place_words or key in NOT_COMPLEX_NAMES:
        return False
    if key.isdigit() or not _LETTER.search(key):
        return False
    return not (key.isascii() and len(key) < 3)


def _dedupe(targets: Iterable[Target]) -> list[Target]:
    seen: dict[tuple[str, str, str, int], Target] = {}
    for t in targets:
        k = (t.kind, t.code, t.dong, t.index)
        if k not in seen or (seen[k].weak and not t.weak):
            seen[k] = t
    return list(seen.values())


# ---------------------------------------------------------------------------------------------
# scanning


_CITY_PREFIXES = ("서울특별시", "서울시", "서울", "경기도", "성남시")


def _compact_with_positions(text: str) -> tuple[str, list[int], set[int], list[int]]:
    """Compact text, its index → original index map, word-start positions and word-end positions.

    The end of a city prefix ("서울강남구") also counts as a word start.
    """
    chars: list[str] = []
    positions: list[int] = []
    starts: set[int] = set()
    ends: list[int] = []
    word_start = True
    for i, ch in enumerate(text):
        if ("0" <= ch <= "9") or ("a" <= ch <= "z") or ("가" <= ch <= "힣"):
            if word_start:
                starts.add(len(chars))
                if chars:
                    ends.append(len(chars))
                for city in _CITY_PREFIXES:
                    if text.startswith(city, i):
                        starts.add(len(chars) + len(city))
                        break
            chars.append(ch)
            positions.append(i)
            word_start = False
        else:
            word_start = True
    ends.append(len(chars))
    return "".join(chars), positions, starts, ends


def _scan_korean(index: _Index, text: str) -> list[Hit]:
    """Alias hits that start a word, or start right where a place name ends ("대치동은마")."""
    squeezed, positions, starts, ends = _compact_with_positions(text)
    candidates: list[tuple[int, int, str, tuple[Target, ...]]] = []
    n = len(squeezed)
    korean, prefixes = index.korean, index.prefixes
    for i in range(n):
        j = i + 1
        while j <= n and j - i <= MAX_ALIAS_LEN and squeezed[i:j] in prefixes:
            key = squeezed[i:j]
            targets = korean.get(key)
            if targets:
                candidates.append((i, j, key, targets))
            j += 1
    anchors: set[int] = set()
    longest_place_at: dict[int, int] = {}
    complex_starts = {i for i, _, _, targets in candidates if targets[0].kind == "complex"}
    hits: list[Hit] = []
    for i, j, key, targets in candidates:  # ordered by start, then length
        if i not in starts and i not in anchors:
            continue
        if key[-1].isdecimal() and j < n and squeezed[j].isdecimal() and positions[j] == positions[j - 1] + 1:
            continue  # "주공17단지" is not 주공1단지: a number is matched whole ("상계주공7 4억" still is 7)
        is_place = targets[0].kind in ("sigungu", "dong")
        # "잠실주공5단지": a short place name may run straight into a complex name.
        if not _ends_cleanly(squeezed, i, j, ends, targets) and not (is_place and j in complex_starts):
            continue
        if is_place:
            previous = longest_place_at.get(i)
            if previous is not None:
                anchors.discard(previous)
            longest_place_at[i] = j
            anchors.add(j)
        hits.append(Hit(positions[i], positions[j - 1] + 1, key, targets))
    return hits


def _scan_folded(index: _Index, text: str, exact: list[Hit]) -> list[Hit]:
    """Complex names written with a spelling slip (`spelling_fold`): a folded alias that starts a
    word and ends cleanly, on a span the exact scan found nothing as long on."""
    squeezed, positions, starts, ends = _compact_with_positions(text)
    folded = spelling_fold(squeezed)
    hits: list[Hit] = []
    n = len(folded)
    for i in sorted(starts):
        j, best = i + 1, None
        while j <= n and j - i <= MAX_ALIAS_LEN and folded[i:j] in index.folded_prefixes:
            if folded[i:j] in index.folded and squeezed[i:j] not in index.korean:
                best = j
            j += 1
        if best is None:
            continue
        targets = index.folded[folded[i:best]]
        if not _ends_cleanly(squeezed, i, best, ends, targets):
            continue
        start, end = positions[i], positions[best - 1] + 1
        if any(h.start <= start and end <= h.end for h in exact):
            continue
        hits.append(Hit(start, end, squeezed[i:best], targets, fuzzy_score=95.0))
    return hits


def _ends_cleanly(squeezed: str, i: int, j: int, ends: list[int], targets: tuple[Target, ...]) -> bool:
    """Two-letter aliases (목동, 길동, 은마; not 구 names) must end a word or be followed by a particle."""
    ours = [t for t in targets if t.kind != "foreign"]  # 중구 is ours whatever else it may name
    if j - i > 2 or (ours and all(t.kind == "sigungu" for t in ours)):
        return True
    word_end = next((e for e in ends if e >= j), len(squeezed))
    rest = squeezed[j:word_end]
    if squeezed[i:word_end] in EVERYDAY_WORDS and all(t.kind == "complex" for t in targets):
        return False  # "그대로 두고" is not the 그대家 complex, "제일 싼" not 제일
    return not rest or starts_with_particle(rest, PLACE_FOLLOWERS) or rest[0].isdecimal()


# Everyday words that begin with (or are) a two-letter complex name: read as the word, never the complex.
EVERYDAY_WORDS = frozenset(
    (
        "그대로", "제일", "대신", "대신에", "동일", "동일한", "상기", "아주", "모아", "모아서", "신부", "형제",
        "행운", "통일", "인정", "장수", "교수", "시민", "하이", "월드", "웰빙", "비전", "공작", "별장", "초록",
        "성인", "일심", "동심", "청정", "다다", "미미", "세모", "대상", "대교", "대원", "선정", "자성",
        "인성", "부호", "광장", "낙원", "반도", "번영", "여명", "영광", "영화", "예인", "장원", "정심", "충정",
    )
)  # fmt: skip


def _english_words(text: str) -> list[tuple[str, int, int]]:
    """ASCII words as a name is matched on them: "2nd" is 2, and "complex", "danji", "phase", "block"
    or "no." beside a number go ("DMC Park View Xi 1st complex", "Gyeonghuigung Xi complex 2")."""
    words = [(m.group(), m.start(), m.end()) for m in _ASCII_WORD.finditer(text)]
    words = [(o[1] if (o := _ORDINAL.fullmatch(w)) else w, s, e) for w, s, e in words]
    kept: list[tuple[str, int, int]] = []
    for i, (w, s, e) in enumerate(words):
        near = [words[j][0] for j in (i - 1, i + 1) if 0 <= j < len(words)]
        if w in _NUMBER_NOUNS and any(n.isdecimal() for n in near):
            continue
        kept.append((w, s, e))
    return kept


_ORDINAL = re.compile(r"(\d{1,3})(?:st|nd|rd|th)")
_NUMBER_NOUNS = frozenset(("complex", "danji", "phase", "block", "no", "number", "cha"))


def _scan_english(index: _Index, text: str) -> list[Hit]:
    words = _english_words(text)
    hits: list[Hit] = []
    for i in range(len(words)):
        key = ""
        for size in range(1, MAX_ENGLISH_WORDS + 1):
            if i + size > len(words):
                break
            key += words[i + size - 1][0]
            folded = english_fold(key)
            targets = index.english.get(folded)
            if targets:
                hits.append(Hit(words[i][1], words[i + size - 1][2], folded, targets))
    return hits


def _runs_into_word(text: str, hit: Hit) -> bool:
    """A name read across a space that stops inside the next word: "분당 구미동" is not 분당구 + 미동,
    "독산동 아파트" is not the 독산동아 complex."""
    if " " not in text[hit.start : hit.end]:
        return False
    tail = _WORD_TAIL.match(text, hit.end)
    rest = tail.group() if tail else ""
    return bool(rest) and not rest[0].isdecimal() and not starts_with_particle(rest, PLACE_FOLLOWERS)


def _longest_first(hits: list[Hit], text: str) -> list[Hit]:
    """Keep the longest of overlapping hits (잠실엘스 over 잠실; 서초동 over 서초), then text order;
    a place name that runs into the next word yields to any hit that does not."""
    if not hits:
        return []
    taken = bytearray(max(h.end for h in hits))
    chosen: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (_runs_into_word(text, h), -(h.end - h.start), h.start)):
        if not any(taken[hit.start : hit.end]):
            taken[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
            chosen.append(hit)
    return sorted(chosen, key=lambda h: h.start)


def _letters_off(a: str, b: str) -> int:
    """How many jamo slots (initial, vowel, final) differ between two equally long Hangul words."""
    off = 0
    for x, y in zip(a, b, strict=True):
        if x != y:
            cx, cy = ord(x) - 0xAC00, ord(y) - 0xAC00
            if not (0 <= cx < 11172 and 0 <= cy < 11172):
                return 99
            off += (cx // 588 != cy // 588) + (cx % 588 // 28 != cy % 588 // 28) + (cx % 28 != cy % 28)
            if off > 1:
                return off
    return off


def _typo_place(index: _Index, word: str) -> tuple[str, tuple[Target, ...]] | None:
    """The one 구/동 name a word misses by a single letter ("송퍄구" → 송파구), or None.

    Strict on purpose: same length, 3+ syllables, one jamo off, and no second name as close; a 동
    must keep its final 동 ("상가동" is still 상계동's neighbour, but "상가" alone never is).
    """
    pool = index.place_names.get((len(word), "*"), []) + index.place_names.get((len(word), word[-1]), [])
    close = [(name, targets) for name, targets in pool if _letters_off(word, name) == 1]
    return close[0] if len(close) == 1 else None


def _with_typo_places(index: _Index, text: str, hits: list[Hit]) -> list[Hit]:
    """Add 구/동 names typed with one wrong letter on Hangul words no hit touches.

    None beside a place outside the data: "성남 수정구 신흥동" names a real 동 there, not 금천구 시흥동.
    """
    if any(t.kind == "foreign" for h in hits for t in h.targets):
        return hits
    extra: list[Hit] = []
    for m in _HANGUL_WORD.finditer(text):
        if any(h.start < m.end() and m.start() < h.end for h in hits):
            continue
        word = m.group()
        for n in range(FUZZY_PLACE_MIN_SYLLABLES, min(len(word), 8) + 1):
            rest = word[n:]
            if rest and not starts_with_particle(rest, PLACE_FOLLOWERS):
                continue
            found = _typo_place(index, word[:n])
            if found:
                name, targets = found
                extra.append(Hit(m.start(), m.start() + n, name, targets, fuzzy_score=90.0))
                break
    return sorted(hits + extra, key=lambda h: h.start) if extra else hits
