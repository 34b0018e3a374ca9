"""Korean particles and endings, and the one function that strips them.

Korean glues particles to words ("송파구에서", "갱신요구권이란"), and the 'simple' text search, the
statute keywords and the NLU's fuzzy complex lookup all want the bare word. The callers' lists
grew apart (each with its own tests); each named list below is exactly what its caller stripped
before the lists were gathered here, so gathering them changed no behaviour
(tests/unit/test_domain_particles.py checks that against the old definitions).
"""

from __future__ import annotations

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
