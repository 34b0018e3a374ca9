"""Korean particles and endings, and the one function that strips them.

Korean glues particles to words ("송파구에서", "갱신요구권이란"), and the 'simple' text search, the
statute keywords and the NLU's fuzzy complex lookup all want the bare word. The callers' lists
grew apart (each with its own tests); each named list below is exactly what its caller stripped
before the lists were gathered here, so gathering them changed no behaviour
(tests/unit/test_domain_particles.py checks that against the old definitions).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Case particles every caller strips.
CASE_PARTICLES = (
    "은", "는", "이", "가", "을", "를", "의", "도", "에", "에서", "와", "과", "로", "으로", "랑", "이랑",
    "하고", "만", "요",
)  # fmt: skip
# Longer particles of a whole question's words ("송파구에서는", "작년부터").
_WORD_ENDINGS = ("에서는", "으로는", "에게서", "에게", "까지", "부터", "보다", "처럼", "이나")


def _longest_first(*groups: Sequence[str]) -> tuple[str, ...]:
    """Deduplicated, longest first: "에서는" must be tried before "는"."""
    unique = dict.fromkeys(word for group in groups for word in group)
    return tuple(sorted(unique, key=len, reverse=True))


# Words of a question searched in conversation memories (memory/conversation.py).
PARTICLES = _longest_first(CASE_PARTICLES, _WORD_ENDINGS, ("까지는", "이라도"))
# Words of a statute question (agents/tools/law.py): terms are defined and quoted ("갱신요구권이란").
STATUTE_PARTICLES = _longest_first(
    CASE_PARTICLES, _WORD_ENDINGS, ("이라는", "이라고", "이란", "라는", "라고", "란", "한테", "에는")
)
# The tail of a word that may be a misspelt complex name (agents/nlu.py): "래미안아파트", "은마인데".
NAME_TAILS = _longest_first(CASE_PARTICLES, ("아파트", "단지", "에는", "이면", "면", "인데", "이야", "야"))
# What may directly follow a short place alias in a message (agents/gazetteer.py): particles and
# place nouns ("목동역", "은마사거리", "판교신도시"). Matched as a prefix of the rest of the word.
PLACE_FOLLOWERS = _longest_first(
    CASE_PARTICLES,
    ("에선", "에는", "처럼", "보다", "이나", "나", "야", "아파트", "단지"),
    ("쪽", "근처", "주변", "일대", "인근", "지역", "동네", "같은", "역", "사거리", "신도시"),
)


def strip_particle(word: str, particles: Sequence[str] = PARTICLES, *, min_stem: int = 2) -> str:
    """`word` without its longest trailing particle from `particles` (longest first) that leaves at
    least `min_stem` characters: "송파구에서" → "송파구", while "이가" stays a word."""
    for particle in particles:
        if word.endswith(particle) and len(word) - len(particle) >= min_stem:
            return word[: -len(particle)]
    return word


def starts_with_particle(rest: str, particles: Sequence[str] = PLACE_FOLLOWERS) -> bool:
    """Whether `rest` (what follows a name inside one word) begins with one of `particles`."""
    return rest.startswith(tuple(particles))


# --- choosing a particle for a word (answer text) -------------------------------------------------

# Each pair: (after a final consonant, after a vowel). 으로/로 also takes 로 after ㄹ.
_JOSA_PAIRS = (
    ("은", "는"),
    ("이", "가"),
    ("을", "를"),
    ("과", "와"),
    ("으로", "로"),
    ("이라", "라"),
    ("이나", "나"),
    ("이랑", "랑"),
    ("이에요", "예요"),
)
_JOSA_FORMS = {form: pair for pair in _JOSA_PAIRS for form in pair}
_RIEUL = 8  # the ㄹ final consonant's index in a Hangul syllable
# Final consonant (jongseong index, 0 = none) of a digit read as Sino-Korean: 영 일 이 삼 사 오 육 칠 팔 구.
_DIGIT_FINAL = {"0": 21, "1": 8, "2": 0, "3": 16, "4": 0, "5": 0, "6": 1, "7": 8, "8": 8, "9": 0}
# A number ending in zeros is read by its largest place: 십 백 천 만 … 억 (10⁸) … 조 (10¹²).
_PLACE_FINAL = {1: 17, 2: 1, 3: 4, 4: 4, 5: 4, 6: 4, 7: 4, 8: 1, 9: 1, 10: 1, 11: 1}
# Letters read aloud (LTV → 엘티브이, DSR → 디에스알): the final consonant of each letter's name.
_LETTER_FINAL = {"f": 0, "l": 8, "m": 16, "n": 4, "r": 8}
# Units and signs read as words: ㎡ 제곱미터, % 퍼센트, ㎞ 킬로미터.
_SYMBOL_FINAL = {"㎡": 0, "%": 0, "㎞": 0, "℃": 0}
_CLOSERS = {")": "(", "]": "[", "」": "「", "』": "『", "》": "《", "'": "'", '"': '"', "’": "‘", "”": "“"}


def _spoken_final(word: str) -> int | None:
    """The final consonant index (0 = vowel) of `word` as it is read aloud, or None when unknown."""
    text = word.rstrip()
    # A closing parenthesis or quote is skipped together with what it encloses when something precedes it:
    # "잠실엘스(84㎡)" is read "잠실엘스"; a quoted word is read by its last character ("'적정'" → 정).
    while text and text[-1] in _CLOSERS:
        opener = text.rfind(_CLOSERS[text[-1]], 0, len(text) - 1)
        inner = text[opener + 1 : -1] if opener >= 0 else text[:-1]
        before = text[:opener].rstrip() if opener >= 0 else ""
        text = before if before and text[-1] in ")]" else inner.rstrip()
    if not text:
        return None
    last = text[-1]
    if "가" <= last <= "힣":
        return (ord(last) - 0xAC00) % 28
    if last.isdigit():
        digits = re.search(r"[\d,.]*\d$", text)
        number = digits.group().replace(",", "") if digits else last
        if "." in number or not number.strip("0"):
            return _DIGIT_FINAL[number[-1]]
        zeros = len(number) - len(number.rstrip("0"))
        return _PLACE_FINAL.get(zeros, 0) if zeros else _DIGIT_FINAL[last]
    if last in _SYMBOL_FINAL:
        return _SYMBOL_FINAL[last]
    if last.isascii() and last.isalpha():
        return _LETTER_FINAL.get(last.lower(), 0)
    return None


def josa_for(word: str, particle: str) -> str:
    """The form of `particle` (any of its forms, e.g. "은" or "는") that agrees with how `word` is read:
    "25억원" → "은", "분당구" → "는", "40%" → "로", "서울" → "로", "84" → "는" (팔십사)."""
    pair = _JOSA_FORMS.get(particle)
    if pair is None:
        raise ValueError(f"not a particle with two forms: {particle}")
    final = _spoken_final(word)
    if not final:
        return pair[1]
    if pair[0] == "으로" and final == _RIEUL:
        return pair[1]
    return pair[0]


def josa(word: str, particle: str) -> str:
    """`word` with the agreeing form of `particle` attached: josa("25억원", "는") → "25억원은"."""
    return word + josa_for(word, particle)
