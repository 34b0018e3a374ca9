"""The shape of one curated legal issue: a question people ask, the article(s) that govern it, and a
plain-Korean answer that states nothing the quoted text does not say.

Entries live in one module per law family (housing.py, commercial.py, civil.py, brokerage.py,
transactions.py, fraud.py); `tests/unit/test_legal_issues.py` holds every entry to the statute files:
each quoted 항 exists verbatim in the loaded article and every number in the answer appears in it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ArticleRef:
    """One article, optionally narrowed to the 항 that answer the question.

    `law` is the statute's name with spaces removed, as law_articles.law_name reads without spaces
    ("주택임대차보호법", "주택임대차보호법시행령", "민법", "상가건물임대차보호법").
    `clauses` are the 항 numbers quoted (①=1); empty means the article has no numbered 항 and is
    quoted whole. `items` optionally narrows one quoted 항 to some of its 호 (1-based).
    """

    law: str
    article: int
    sub: int = 0
    clauses: tuple[int, ...] = ()
    items: tuple[int, ...] = ()


@dataclass(frozen=True)
class LegalIssue:
    """A question tenants, landlords or buyers actually ask, answered from the statute text.

    key:        stable id, snake_case English ("deposit_return").
    title:      short Korean name, offered as a choice when a question matches nothing well.
    cues:       everyday phrasings that point here, written as people type them (no particles
                needed: "보증금 안 돌려줘", "집주인이 안 나가", "월세 밀리"); matched after the
                thesaurus maps everyday words to statute words, so include both kinds.
    answer:     one or two plain-Korean sentences that answer the question. Every number in it
                (digits or Korean number words such as 2년, 1회, 20분의 1, 6개월) must appear in the
                quoted text of `refs`; it cites the article in parentheses at the end
                ("…(주택임대차보호법 제6조의3 ①·②)").
    refs:       governing article first; the quoted 항 are the evidence for `answer`.
    answer_en:  the same answer in English (numbers identical), for English questions.
    next_steps: (what to do, the article that backs it). Only steps a loaded article backs.
    """

    key: str
    title: str
    cues: tuple[str, ...]
    answer: str
    refs: tuple[ArticleRef, ...]
    answer_en: str = ""
    next_steps: tuple[tuple[str, ArticleRef], ...] = ()
